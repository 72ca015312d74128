//! Safe at the edges, the output side: `--force` never deletes or replaces
//! an input and never a folder bimtek did not write; temporary outputs never
//! follow a planted link and a killed run's are cleaned up; two runs racing
//! for the same new target cannot both win; a full disk is a clear error
//! with nothing left behind; one hostile value (a 40,000-character cell,
//! clashing or overlong agency names, many sheets sharing a long prefix)
//! does not stop the batch; and CSV cells a spreadsheet would run as a
//! formula are written so it does not.

mod common;

use common::{AS_OF, bimtek_with_env};

use calamine::{Data, Reader, Xlsx, open_workbook};
use serde_json::Value;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};

const HEADER: &str = "Nama Inovasi;Perangkat Daerah;Tahapan Inovasi;Waktu Penerapan Inovasi Daerah";

fn run(args: &[&str]) -> Output {
    let out = bimtek_with_env(args, &[]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{args:?} panicked:\n{stderr}");
    out
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// Every file and folder under `dir`: relative path -> bytes (folders empty).
fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    for e in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let e = e.unwrap();
        let rel = e
            .path()
            .strip_prefix(dir)
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let bytes = if e.file_type().is_file() {
            std::fs::read(e.path()).unwrap()
        } else {
            Vec::new()
        };
        out.insert(rel, bytes);
    }
    out
}

fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// An input folder `data/` with one agency file in `data/opd/inovasi.csv`.
fn data(root: &Path) -> PathBuf {
    let data = root.join("data");
    std::fs::create_dir_all(data.join("opd")).unwrap();
    std::fs::write(
        data.join("opd/inovasi.csv"),
        format!("{HEADER}\nSIPANDU;Dinas Kesehatan;Penerapan;17/05/2024\n"),
    )
    .unwrap();
    data
}

// ---------------------------------------------------------- inputs are never lost

#[test]
fn force_never_deletes_or_replaces_an_input() {
    let dir = tempfile::tempdir().unwrap();
    let data = data(dir.path());
    let csv = data.join("opd/inovasi.csv");
    let before = snapshot(&data);
    let template = dir.path().join("templat.toml");
    let shipped =
        std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/iid-2026.toml"))
            .unwrap();
    std::fs::write(&template, &shipped).unwrap();
    let cases: Vec<Vec<&str>> = vec![
        // The input folder itself as the output.
        vec![
            "check",
            "--format",
            "html",
            "--force",
            "-o",
            s(&data),
            s(&data),
        ],
        vec!["export", "--force", "--out", s(&data), s(&data)],
        vec!["export", "--force", "--feedback", s(&data), s(&data)],
        // An input file as the output.
        vec![
            "check",
            "--format",
            "csv",
            "--force",
            "-o",
            s(&csv),
            s(&data),
        ],
        vec![
            "check",
            "--format",
            "csv",
            "--force",
            "-o",
            s(&csv),
            s(&csv),
        ],
        // A new file inside the input folder being read.
        vec!["check", "--format", "xlsx", "-o", "HASIL", s(&data)],
        // A folder holding the input.
        vec!["export", "--force", "--out", s(dir.path()), s(&data)],
        // An evidence folder is read too.
        vec!["export", "--out", "BUKTI", "--evidence", s(&data), s(&csv)],
    ];
    let hasil = data.join("hasil.xlsx");
    let bukti = data.join("paket");
    for case in cases {
        let case: Vec<&str> = case
            .into_iter()
            .map(|a| match a {
                "HASIL" => s(&hasil),
                "BUKTI" => s(&bukti),
                a => a,
            })
            .collect();
        let out = run(&case);
        assert_eq!(out.status.code(), Some(2), "{case:?}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("masukan"),
            "{case:?}: {}",
            stderr(&out)
        );
        assert_eq!(snapshot(&data), before, "{case:?} changed the input");
    }
    // The blank form never replaces the template file it is built from.
    let out = run(&[
        "template",
        "form",
        s(&template),
        "-o",
        s(&template),
        "--force",
    ]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("masukan"), "{}", stderr(&out));
    assert_eq!(std::fs::read(&template).unwrap(), shipped);
}

#[test]
fn force_replaces_a_file_or_a_bimtek_package_and_never_another_folder() {
    let dir = tempfile::tempdir().unwrap();
    let data = data(dir.path());
    // Someone's own folder: refused even with --force, left whole.
    let own = dir.path().join("dokumen");
    std::fs::create_dir(&own).unwrap();
    std::fs::write(own.join("surat.docx"), "penting").unwrap();
    for args in [
        vec!["export", "--force", "--out", s(&own), s(&data)],
        vec!["export", "--force", "--feedback", s(&own), s(&data)],
        vec![
            "check",
            "--format",
            "html",
            "--force",
            "-o",
            s(&own),
            s(&data),
        ],
    ] {
        let out = run(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("bukan paket bimtek"),
            "{args:?}: {}",
            stderr(&out)
        );
        assert_eq!(names_in(&own), ["surat.docx"]);
    }
    // A package or feedback folder bimtek wrote is replaced with --force.
    for flag in ["--out", "--feedback"] {
        let pkg = dir.path().join(format!("hasil{flag}"));
        let first = run(&["export", "--as-of", AS_OF, flag, s(&pkg), s(&data)]);
        assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
        let again = run(&["export", "--as-of", AS_OF, flag, s(&pkg), s(&data)]);
        assert_eq!(again.status.code(), Some(2), "refused without --force");
        let forced = run(&[
            "export",
            "--as-of",
            AS_OF,
            "--force",
            flag,
            s(&pkg),
            s(&data),
        ]);
        assert_eq!(forced.status.code(), Some(0), "{}", stderr(&forced));
        assert!(pkg.join("manifest.json").is_file());
    }
}

// ------------------------------------------------- outputs never follow links, never race

/// bimtek started through `sh`, held before it runs until [`release`]: `sh`
/// execs it, so the process id known now is bimtek's.
fn held(args: &[&str], shell_prelude: &str) -> Child {
    Command::new("sh")
        .arg("-c")
        .arg(format!("{shell_prelude} read go; exec \"$0\" \"$@\""))
        .arg(env!("CARGO_BIN_EXE_bimtek"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start sh")
}

fn release(child: &mut Child) {
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(b"go\n").unwrap();
}

#[cfg(unix)]
#[test]
fn a_link_planted_at_the_temporary_name_is_not_followed() {
    let dir = tempfile::tempdir().unwrap();
    let data = data(dir.path());
    let out_dir = dir.path().join("hasil");
    std::fs::create_dir(&out_dir).unwrap();
    let victim = dir.path().join("korban.txt");
    std::fs::write(&victim, "jangan ditimpa").unwrap();
    let target = out_dir.join("temuan.csv");
    let mut child = held(
        &[
            "check",
            "--fail-on",
            "never",
            "--format",
            "csv",
            "-o",
            s(&target),
            s(&data),
        ],
        "",
    );
    // The temporary name bimtek used to pick: hidden, beside the target,
    // ending in its process id.
    let planted = out_dir.join(format!(".temuan.csv.bimtek-tmp-{}", child.id()));
    std::os::unix::fs::symlink(&victim, &planted).unwrap();
    release(&mut child);
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(0));
    assert_eq!(std::fs::read(&victim).unwrap(), b"jangan ditimpa");
    let meta = std::fs::symlink_metadata(&target).unwrap();
    assert!(meta.is_file(), "the report is a file, not a link");
    assert!(
        std::fs::read_to_string(&target)
            .unwrap()
            .starts_with("code,")
    );
}

#[cfg(unix)]
#[test]
fn a_killed_runs_temporary_output_is_removed_by_the_next_run() {
    let dir = tempfile::tempdir().unwrap();
    let data = data(dir.path());
    let out = dir.path().join("hasil");
    std::fs::create_dir(&out).unwrap();
    // What a run killed while writing a report and a package leaves.
    std::fs::write(out.join(".temuan.csv.bimtek-tmp-4242"), "setengah").unwrap();
    std::fs::create_dir_all(out.join(".paket.bimtek-tmp-4242/data")).unwrap();
    std::fs::write(out.join(".paket.bimtek-tmp-4242/data/inovasi.csv"), "x").unwrap();
    let report = out.join("temuan.csv");
    let r = run(&[
        "check",
        "--fail-on",
        "never",
        "--format",
        "csv",
        "-o",
        s(&report),
        s(&data),
    ]);
    assert_eq!(r.status.code(), Some(0), "{}", stderr(&r));
    let r = run(&["export", "--out", s(&out.join("paket")), s(&data)]);
    assert_eq!(r.status.code(), Some(0), "{}", stderr(&r));
    assert_eq!(names_in(&out), ["paket", "temuan.csv"]);
}

#[cfg(unix)]
#[test]
fn two_exports_to_the_same_new_target_one_wins() {
    // Big enough (the sample's evidence files) that both runs are writing
    // at once; six rounds, folders and zips.
    let dir = tempfile::tempdir().unwrap();
    for round in 0..6 {
        let target = dir
            .path()
            .join(format!("paket-{round}{}", [".zip", ""][round % 2]));
        let args = [
            "export",
            "--as-of",
            AS_OF,
            "--out",
            s(&target),
            "sample-data",
        ];
        let mut a = held(&args, "");
        let mut b = held(&args, "");
        release(&mut a);
        release(&mut b);
        let mut codes = [a.wait().unwrap().code(), b.wait().unwrap().code()];
        codes.sort();
        assert_eq!(codes, [Some(0), Some(2)], "round {round}");
    }
    // Nothing temporary is left.
    assert!(
        names_in(dir.path())
            .iter()
            .all(|n| !n.contains("bimtek-tmp")),
        "{:?}",
        names_in(dir.path())
    );
}

// ------------------------------------------------------------- a full disk

/// bimtek run with files limited to `blocks` (RLIMIT_FSIZE), SIGXFSZ
/// ignored so that a write past it fails with EFBIG as on a full disk.
#[cfg(unix)]
fn with_small_files(blocks: u32, args: &[&str]) -> Output {
    let mut child = held(args, &format!("trap '' XFSZ; ulimit -f {blocks};"));
    release(&mut child);
    child.wait_with_output().unwrap()
}

#[cfg(unix)]
#[test]
fn a_full_disk_is_a_clear_error_and_leaves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    for (lang, words, target, command) in [
        ("en", "cannot be written", "paket", &["export", "--out"][..]),
        (
            "id",
            "tidak dapat ditulis",
            "paket.zip",
            &["export", "--out"],
        ),
        (
            "id",
            "tidak dapat ditulis",
            "umpan",
            &["export", "--feedback"],
        ),
        (
            "en",
            "cannot be written",
            "hasil.xlsx",
            &["check", "--format", "xlsx", "-o"],
        ),
    ] {
        let out_dir = dir.path().join(format!("{lang}-{target}"));
        std::fs::create_dir(&out_dir).unwrap();
        let path = out_dir.join(target);
        let mut args = vec!["--lang", lang, command[0], "--as-of", AS_OF];
        args.extend(&command[1..]);
        args.extend([s(&path), "sample-data"]);
        let out = with_small_files(20, &args);
        let err = stderr(&out);
        assert!(!err.contains("panicked"), "{args:?} panicked:\n{err}");
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains(words), "{args:?}: {err}");
        assert!(
            err.contains(s(&out_dir)),
            "{args:?}: the path is named: {err}"
        );
        assert!(names_in(&out_dir).is_empty(), "{:?}", names_in(&out_dir));
    }
}

// ------------------------------------------------------ nothing stops the batch

/// A workbook with `sheets` sheets of the given names, each with the
/// header and one row.
fn workbook(path: &Path, sheets: &[String], row: [&str; 4]) {
    let mut wb = rust_xlsxwriter::Workbook::new();
    for name in sheets {
        let ws = wb.add_worksheet();
        ws.set_name(name).unwrap();
        for (c, h) in HEADER.split(';').enumerate() {
            ws.write_string(0, c as u16, h).unwrap();
        }
        for (c, v) in row.iter().enumerate() {
            ws.write_string(1, c as u16, *v).unwrap();
        }
    }
    wb.save(path).unwrap();
}

#[test]
fn one_hostile_value_does_not_stop_the_export_or_the_feedback() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir(&data).unwrap();
    // Two agencies whose names give the same file name.
    for (file, agency) in [("a.csv", "Dinas A/B"), ("b.csv", "Dinas A:B")] {
        std::fs::write(
            data.join(file),
            format!("{HEADER}\nLayanan {file};{agency};Selesai;17/05/2024\n"),
        )
        .unwrap();
    }
    // An agency name of 320 characters.
    let long_agency = format!("Dinas {}", "Kependudukan dan Catatan Sipil ".repeat(10))
        .chars()
        .take(320)
        .collect::<String>();
    std::fs::write(
        data.join("c.csv"),
        format!("{HEADER}\nLayanan Panjang;{long_agency};Selesai;17/05/2024\n"),
    )
    .unwrap();
    // A value of 40,000 characters.
    let long_value = "uraian tertempel berulang. ".repeat(1500)[..40_000].to_string();
    std::fs::write(
        data.join("d.csv"),
        format!(
            "{HEADER};Rancang Bangun\nLayanan Uraian;Dinas Uraian;Penerapan;17/05/2024;{long_value}\n"
        ),
    )
    .unwrap();
    // 120 sheets whose names share a 28-character prefix.
    let sheets: Vec<String> = (0..120)
        .map(|i| format!("Rekapitulasi Inovasi Daerah {i:03}"))
        .collect();
    assert_eq!(sheets[0].chars().count(), 31);
    workbook(
        &data.join("e.xlsx"),
        &sheets,
        ["Layanan Lembar", "Dinas Lembar", "Selesai", "17/05/2024"],
    );

    // The package: every innovation, the long value cut with a marker in
    // the workbook, whole in the CSV, and V009 in the findings.
    let pkg = dir.path().join("paket");
    let out = run(&[
        "export",
        "--as-of",
        AS_OF,
        "--include-invalid",
        "--out",
        s(&pkg),
        s(&data),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let findings: Value =
        serde_json::from_slice(&std::fs::read(pkg.join("temuan.json")).unwrap()).unwrap();
    let v009: Vec<&Value> = findings["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "V009")
        .collect();
    assert_eq!(v009.len(), 1, "{v009:?}");
    assert!(v009[0]["file"].as_str().unwrap().ends_with("d.csv"));
    let csv = std::fs::read_to_string(pkg.join("data/inovasi.csv")).unwrap();
    assert!(csv.contains(&long_value), "the CSV holds the value whole");
    let mut wb: Xlsx<_> = open_workbook(pkg.join("data/inovasi.xlsx")).unwrap();
    let range = wb.worksheet_range("Inovasi").unwrap();
    let cut: Vec<String> = range
        .rows()
        .flat_map(|r| r.iter())
        .filter_map(|c| match c {
            Data::String(s) if s.starts_with("uraian tertempel") => Some(s.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(cut.len(), 1);
    assert_eq!(cut[0].encode_utf16().count(), 32_767);
    assert!(
        cut[0].ends_with("… [dipotong bimtek: 40000 karakter]"),
        "{}",
        &cut[0][cut[0].len() - 60..]
    );

    // The feedback: one workbook per agency, the clashing names told
    // apart, the long one shortened, the 120 sheets' rows all there, on
    // the form's one profile sheet.
    let fb = dir.path().join("umpan-balik");
    let out = run(&["export", "--as-of", AS_OF, "--feedback", s(&fb), s(&data)]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let books = names_in(&fb);
    assert!(books.contains(&"Dinas A-B.xlsx".to_string()), "{books:?}");
    assert!(
        books.contains(&"Dinas A-B (2).xlsx".to_string()),
        "{books:?}"
    );
    assert_eq!(
        books.len(),
        5 + 1,
        "five agencies and the manifest: {books:?}"
    );
    assert!(books.iter().all(|b| b.len() <= 110), "{books:?}");
    let mut wb: Xlsx<_> = open_workbook(fb.join("Dinas Lembar.xlsx")).unwrap();
    assert_eq!(wb.sheet_names(), ["Temuan", "Inovasi", "Referensi"]);
    let range = wb.worksheet_range("Inovasi").unwrap();
    assert_eq!(range.height(), 121, "the header and the 120 sheets' rows");
    let mut wb: Xlsx<_> = open_workbook(fb.join("Dinas Uraian.xlsx")).unwrap();
    let range = wb.worksheet_range("Inovasi").unwrap();
    let cut: Vec<String> = range
        .rows()
        .flat_map(|r| r.iter())
        .map(|c| c.to_string())
        .filter(|c| c.starts_with("uraian tertempel"))
        .collect();
    assert_eq!(cut.len(), 1);
    assert!(cut[0].ends_with("… [dipotong bimtek: 40000 karakter]"));

    // The report workbook too.
    let xlsx = dir.path().join("hasil.xlsx");
    let out = run(&["check", "--format", "xlsx", "-o", s(&xlsx), s(&data)]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
}

// ---------------------------------------------- output that cannot be turned against its reader

/// Whether a spreadsheet program could take `cell` for a formula.
fn runnable(cell: &str) -> bool {
    cell.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

#[test]
fn csv_cells_a_spreadsheet_would_run_are_quoted_and_json_keeps_them() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir(&data).unwrap();
    std::fs::write(
        data.join("inovasi.csv"),
        format!(
            "{HEADER}\n\
             =HYPERLINK(\"http://contoh.invalid\",\"klik\");@SUM(1+1);-Uji;17/05/2024\n\
             +Layanan;Dinas Sosial;=1+1;17/05/2024\n"
        ),
    )
    .unwrap();
    let check = run(&["check", "--as-of", AS_OF, "--format", "csv", s(&data)]);
    assert_eq!(check.status.code(), Some(1), "{}", stderr(&check));
    let pkg = dir.path().join("paket");
    let out = run(&[
        "export",
        "--as-of",
        AS_OF,
        "--include-invalid",
        "--out",
        s(&pkg),
        s(&data),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // The package's findings are the check's, byte for byte.
    assert_eq!(std::fs::read(pkg.join("temuan.csv")).unwrap(), check.stdout);
    let mut quoted = 0;
    for (name, bytes) in [
        ("check --format csv".to_string(), check.stdout.clone()),
        (
            "data/inovasi.csv".into(),
            std::fs::read(pkg.join("data/inovasi.csv")).unwrap(),
        ),
        (
            "dikecualikan.csv".into(),
            std::fs::read(pkg.join("dikecualikan.csv")).unwrap(),
        ),
        (
            "data/bukti.csv".into(),
            std::fs::read(pkg.join("data/bukti.csv")).unwrap(),
        ),
        (
            "data/tidak-terbaca.csv".into(),
            std::fs::read(pkg.join("data/tidak-terbaca.csv")).unwrap(),
        ),
    ] {
        let mut r = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(&bytes[..]);
        for rec in r.records() {
            for cell in rec.unwrap().iter() {
                assert!(!runnable(cell), "{name}: {cell:?}");
                quoted += usize::from(cell.strip_prefix('\'').is_some_and(runnable));
            }
        }
    }
    assert!(quoted >= 6, "{quoted} quoted cells");
    let findings = String::from_utf8(check.stdout).unwrap();
    assert!(findings.contains("'-Uji"), "{findings}");
    // JSON keeps the values exact.
    let json = std::fs::read_to_string(pkg.join("temuan.json")).unwrap();
    assert!(json.contains("\"-Uji\""), "{json}");
    assert!(!json.contains("'-Uji"));
    // The workbooks hold them as text, never as formulas.
    for (book, sheet) in [("data/inovasi.xlsx", "Inovasi"), ("temuan.xlsx", "Temuan")] {
        let mut wb: Xlsx<_> = open_workbook(pkg.join(book)).unwrap();
        let formulas = wb.worksheet_formula(sheet).unwrap();
        assert!(
            formulas.used_cells().all(|(_, _, f)| f.is_empty()),
            "{book} holds a formula"
        );
        let values = wb.worksheet_range(sheet).unwrap();
        assert!(
            values
                .used_cells()
                .any(|(_, _, v)| matches!(v, Data::String(s) if s.starts_with('='))),
            "{book} holds the text"
        );
    }
}
