//! What is data (issue "What is data, and what is clean", and the input side
//! of "Safe at the edges"): the form's own sheets, lookup lists, bimtek's own
//! outputs and links out of the input folders are not read as innovations;
//! a returned feedback workbook is read without its findings sheet; two
//! files repeating each other are one finding. Each fixture is built the way
//! agencies and officers really make it: the form from `bimtek template
//! form`'s headers, reports written by bimtek itself into the folder, a
//! feedback workbook written by `export --feedback` and saved again.
//!
//! Every run is bounded: a run that could hang (a pipe, `/dev/zero`) is
//! killed after [`TIMEOUT`] and fails the test.

mod common;

use common::{AS_OF, manifest};

use serde_json::Value;
use std::ffi::OsString;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

/// One clean innovation (`OK F013`, Dinas Uji): no findings at all.
const CLEAN: &str = "tests/fixtures/codes/F013/ok.csv";
/// Three innovations of three agencies, with findings.
const THREE: &str = "tests/fixtures/load/semicolon.csv";
/// A run taking longer than this is a hang.
const TIMEOUT: Duration = Duration::from_secs(90);

// ------------------------------------------------------------------ running

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
    json: Value,
}

/// Run bimtek with `args` in `dir`, killed after [`TIMEOUT`].
fn bimtek_in(dir: &Path, args: &[OsString]) -> Run {
    let (status, stdout, stderr) = common::run_bounded(dir, args, TIMEOUT);
    let stdout = String::from_utf8_lossy(&stdout).into_owned();
    let stderr = String::from_utf8_lossy(&stderr).into_owned();
    assert!(!stderr.contains("panicked"), "bimtek panicked:\n{stderr}");
    let json = if args.iter().any(|a| a == "json") && !stdout.is_empty() {
        serde_json::from_str(&stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{stdout}\n{stderr}"))
    } else {
        Value::Null
    };
    Run {
        code: status.code().expect("exited, not killed by a signal"),
        stdout,
        stderr,
        json,
    }
}

fn args(list: &[&str]) -> Vec<OsString> {
    list.iter().map(OsString::from).collect()
}

/// `bimtek check --format json --as-of AS_OF [extra] .` in `dir`.
fn check_dir(dir: &Path, extra: &[&str]) -> Run {
    let mut a = args(&["check", "--format", "json", "--as-of", AS_OF]);
    a.extend(args(extra));
    a.push(".".into());
    bimtek_in(dir, &a)
}

/// Run a bimtek command that writes an output; it must succeed.
fn write_output(dir: &Path, list: &[&str]) {
    let run = bimtek_in(dir, &args(list));
    assert!(
        run.code == 0 || run.code == 1,
        "bimtek {list:?} failed ({}):\n{}",
        run.code,
        run.stderr
    );
}

impl Run {
    fn findings(&self) -> &Vec<Value> {
        self.json["findings"].as_array().expect("findings")
    }

    /// Findings with `code`, as (file, sheet) pairs.
    fn coded(&self, code: &str) -> Vec<(String, Option<String>)> {
        self.findings()
            .iter()
            .filter(|f| f["code"] == code)
            .map(|f| {
                (
                    f["file"].as_str().unwrap().to_string(),
                    f["sheet"].as_str().map(str::to_string),
                )
            })
            .collect()
    }

    fn files_coded(&self, code: &str) -> Vec<String> {
        self.coded(code).into_iter().map(|(f, _)| f).collect()
    }

    fn codes(&self) -> Vec<&str> {
        self.findings()
            .iter()
            .map(|f| f["code"].as_str().unwrap())
            .collect()
    }

    fn innovations(&self) -> &Vec<Value> {
        self.json["innovations"].as_array().expect("innovations")
    }

    /// The files innovations were read from, one entry per innovation.
    fn innovation_files(&self) -> Vec<&str> {
        self.innovations()
            .iter()
            .map(|i| i["file"].as_str().unwrap())
            .collect()
    }
}

fn copy(from: &str, to: &Path) {
    if let Some(parent) = to.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::copy(manifest(from), to).unwrap();
}

// ------------------------------------------------------------------ the form

/// The value a filled form holds in field `key`'s column for innovation
/// `name`; empty for the fields these tests do not need.
fn form_value(key: &str, name: &str) -> String {
    match key {
        "nama_inovasi" => name.to_string(),
        "perangkat_daerah" => "Dinas Kesehatan".to_string(),
        "tahapan" => "Penerapan".to_string(),
        "nama_inisiator" => "Tim Inovasi".to_string(),
        _ => String::new(),
    }
}

/// The form of `bimtek template form iid-2026` (its headers from
/// `bimtek::form`) as an agency sends it back: `Petunjuk` and `Referensi`
/// left in, its own `Contoh` sheet with an example row, a `Daftar Pilihan`
/// sheet, and two innovations on the data sheet.
fn filled_form(path: &Path) {
    use rust_xlsxwriter::Workbook;
    let t = bimtek::template::Template::builtin("iid-2026")
        .unwrap()
        .unwrap();
    let fields = bimtek::form::form_fields(&t);
    let mut wb = Workbook::new();
    let data_sheet = |wb: &mut Workbook, sheet: &str, names: &[&str]| {
        let ws = wb.add_worksheet();
        ws.set_name(sheet).unwrap();
        for (c, f) in fields.iter().enumerate() {
            ws.write_string(0, c as u16, bimtek::form::header(f))
                .unwrap();
            for (r, name) in names.iter().enumerate() {
                let v = form_value(&f.key, name);
                if !v.is_empty() {
                    ws.write_string(r as u32 + 1, c as u16, v).unwrap();
                }
            }
        }
    };
    let ws = wb.add_worksheet();
    ws.set_name("Petunjuk").unwrap();
    ws.write_string(0, 0, "Petunjuk pengisian formulir")
        .unwrap();
    ws.write_string(1, 0, "Nama Inovasi: tulis nama inovasi")
        .unwrap();
    data_sheet(&mut wb, "Contoh", &["Contoh: Si Cantik"]);
    data_sheet(
        &mut wb,
        bimtek::form::PROFILE_SHEET,
        &["Ambulans Desa Siaga", "Posyandu Digital"],
    );
    let ws = wb.add_worksheet();
    ws.set_name("Referensi").unwrap();
    for (r, v) in ["Inisiatif", "Uji Coba", "Penerapan"].iter().enumerate() {
        ws.write_string(r as u32, 0, *v).unwrap();
    }
    let ws = wb.add_worksheet();
    ws.set_name("DAFTAR  PILIHAN").unwrap();
    ws.write_string(0, 0, "Tahapan Inovasi").unwrap();
    ws.write_string(0, 1, "Nama Inovasi").unwrap();
    ws.write_string(1, 0, "Penerapan").unwrap();
    ws.write_string(1, 1, "Contoh Pilihan").unwrap();
    wb.save(path).unwrap();
}

#[test]
fn the_forms_own_sheets_are_skipped_with_one_info_each() {
    let dir = tempfile::tempdir().unwrap();
    filled_form(&dir.path().join("formulir-dinkes.xlsx"));
    let run = check_dir(dir.path(), &[]);
    let mut names: Vec<&str> = run
        .innovations()
        .iter()
        .map(|i| i["name"].as_str().unwrap())
        .collect();
    names.sort();
    assert_eq!(
        names,
        ["Ambulans Desa Siaga", "Posyandu Digital"],
        "only the data sheet is read:\n{}",
        run.stdout
    );
    assert!(
        run.innovations()
            .iter()
            .all(|i| i["sheet"] == bimtek::form::PROFILE_SHEET)
    );
    let mut skipped: Vec<String> = run
        .coded("F012")
        .into_iter()
        .map(|(_, s)| s.expect("F012 names the sheet"))
        .collect();
    skipped.sort();
    assert_eq!(
        skipped,
        ["Contoh", "DAFTAR  PILIHAN", "Petunjuk", "Referensi"]
    );
    for f in run.findings().iter().filter(|f| f["code"] == "F012") {
        assert_eq!(f["severity"], "info");
    }
    assert!(!run.codes().contains(&"F005"), "{:?}", run.codes());

    // The blank form as `bimtek template form` writes it: its two info sheets
    // are said once each, and the empty data sheet is "only the header".
    let blank = tempfile::tempdir().unwrap();
    let out = bimtek_in(
        blank.path(),
        &args(&["template", "form", "iid-2026", "-o", "formulir.xlsx"]),
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let run = check_dir(blank.path(), &[]);
    let mut skipped: Vec<String> = run
        .coded("F012")
        .into_iter()
        .map(|(_, s)| s.unwrap())
        .collect();
    skipped.sort();
    assert_eq!(skipped, ["Petunjuk", "Referensi"]);
    assert_eq!(run.files_coded("F003"), ["formulir.xlsx"]);
    assert!(run.innovations().is_empty());
}

// ------------------------------------------------------------------ lookup lists

#[test]
fn a_lookup_list_beside_the_data_is_an_info_not_an_f005() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    copy(CLEAN, &d.join("inovasi.csv"));
    std::fs::write(
        d.join("opd.csv"),
        "kode_opd,nama_opd\n1.02.01,Dinas Kesehatan\n1.06.01,Dinas Sosial\n",
    )
    .unwrap();
    // LAN's reference tables: `nama` is a province's name, not an innovation's.
    copy(
        "tests/fixtures/codes/F013/provinsi.csv",
        &d.join("lookup_provinsi.csv"),
    );
    // A lookup list whose columns do name a field (the agency) and a
    // second sheet of lookups beside a workbook's data sheet.
    std::fs::write(
        d.join("urusan.csv"),
        "Perangkat Daerah,Urusan Pemerintahan Utama\nDinas Kesehatan,Kesehatan\n",
    )
    .unwrap();
    // A workbook's lookup sheet beside its data sheet.
    {
        let mut wb = rust_xlsxwriter::Workbook::new();
        let ws = wb.add_worksheet();
        ws.set_name("Inovasi").unwrap();
        let csv = std::fs::read_to_string(manifest(CLEAN)).unwrap();
        let mut rows = csv::Reader::from_reader(csv.as_bytes());
        for (c, h) in rows.headers().unwrap().iter().enumerate() {
            ws.write_string(0, c as u16, h).unwrap();
        }
        for (r, rec) in rows.records().enumerate() {
            for (c, v) in rec.unwrap().iter().enumerate() {
                // Another innovation than the CSV's, so no U001.
                let v = v.replace("OK F013", "OK F013 buku");
                ws.write_string(r as u32 + 1, c as u16, v).unwrap();
            }
        }
        let ws = wb.add_worksheet();
        ws.set_name("Kode OPD").unwrap();
        for (r, (k, v)) in [("kode_opd", "nama_opd"), ("1.02.01", "Dinas Kesehatan")]
            .iter()
            .enumerate()
        {
            ws.write_string(r as u32, 0, *k).unwrap();
            ws.write_string(r as u32, 1, *v).unwrap();
        }
        wb.save(d.join("buku.xlsx")).unwrap();
    }
    let run = check_dir(d, &[]);
    let mut files = run.innovation_files();
    files.sort();
    assert_eq!(files, ["buku.xlsx", "inovasi.csv"], "{}", run.stdout);
    let mut lookups = run.coded("F013");
    lookups.sort();
    assert_eq!(
        lookups,
        [
            ("buku.xlsx".to_string(), Some("Kode OPD".to_string())),
            ("lookup_provinsi.csv".to_string(), None),
            ("opd.csv".to_string(), None),
            ("urusan.csv".to_string(), None)
        ]
    );
    for f in run.findings().iter().filter(|f| f["code"] == "F013") {
        assert_eq!(f["severity"], "info");
        assert!(
            f["message"]
                .as_str()
                .unwrap()
                .contains("Bukan daftar inovasi")
        );
    }
    // E018: none of these files gives evidence.
    assert_eq!(
        run.codes()
            .iter()
            .filter(|c| **c != "F013" && **c != "E018")
            .count(),
        0,
        "{:?}",
        run.codes()
    );
    assert_eq!(run.code, 0, "a lookup list does not fail the run");

    // A list that does look like one of innovations, but whose headers are
    // not known, is still an error.
    std::fs::write(
        d.join("inggris.csv"),
        "Innovation,Agency,Stage,Initiator,Type,Form,Sector,Started,Goal,Outcome\n\
         Smart Clinic,Health Office,Implementation,Agency,Digital,Service,Health,01/06/2024,Faster,Shorter\n",
    )
    .unwrap();
    let run = check_dir(d, &[]);
    assert_eq!(run.files_coded("F005"), ["inggris.csv"]);
    assert_eq!(run.code, 1);
}

// ------------------------------------------------------------------ own outputs

#[test]
fn bimteks_own_outputs_in_the_checked_folder_are_not_read_again() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    copy(THREE, &d.join("Dinas Kesehatan/inovasi.csv"));
    let first = check_dir(d, &[]);
    assert_eq!(first.innovations().len(), 3);
    // bimtek refuses to write inside a folder it reads (tests/outputs.rs):
    // the reports are written beside it, then moved in, as an officer does
    // who keeps everything of one round in one folder.
    let work = tempfile::tempdir().unwrap();
    let input = d.to_str().unwrap().to_string();
    let base = ["--as-of", AS_OF, "-q", input.as_str()];
    let with = |list: &[&str]| -> Vec<String> {
        list.iter()
            .chain(base.iter())
            .map(|s| s.to_string())
            .collect()
    };
    for list in [
        with(&["check", "--format", "xlsx", "-o", "hasil.xlsx"]),
        with(&["check", "--format", "html", "-o", "hasil.html"]),
        with(&["check", "--format", "json", "-o", "hasil.json"]),
        with(&["check", "--format", "csv", "-o", "hasil.csv"]),
        // The table, written under a spreadsheet's name.
        with(&["check", "-o", "tabel.xlsx"]),
        with(&["check", "-o", "tabel.csv"]),
        with(&["export", "--out", "paket"]),
        with(&["export", "--out", "paket.zip"]),
    ] {
        let list: Vec<&str> = list.iter().map(String::as_str).collect();
        write_output(work.path(), &list);
    }
    for e in std::fs::read_dir(work.path()).unwrap() {
        let e = e.unwrap();
        std::fs::rename(e.path(), d.join(e.file_name())).unwrap();
    }
    let run = check_dir(d, &[]);
    assert_eq!(
        run.innovation_files(),
        ["Dinas Kesehatan/inovasi.csv"; 3],
        "the innovations are not doubled:\n{}",
        run.stdout
    );
    assert_eq!(run.json["summary"]["innovations"], 3);
    assert_eq!(
        run.json["summary"]["errors"],
        first.json["summary"]["errors"]
    );
    let statuses = |r: &Run| -> Vec<String> {
        r.innovations()
            .iter()
            .map(|i| format!("{} {}", i["name"], i["status"]))
            .collect()
    };
    assert_eq!(statuses(&run), statuses(&first));
    let mut own = run.files_coded("F014");
    own.sort();
    let expected = [
        "hasil.csv",
        "hasil.html",
        "hasil.json",
        "hasil.xlsx",
        "paket",
        "paket.zip",
        "tabel.csv",
        "tabel.xlsx",
    ];
    assert_eq!(own, expected);
    for f in run.findings().iter().filter(|f| f["code"] == "F014") {
        assert_eq!(f["severity"], "info");
        assert!(f["row"].is_null());
    }
    assert_eq!(run.code, first.code);

    // Named directly, an output is not data either: alone, it leaves
    // nothing to check (exit 2, naming it); beside data, it is an F014.
    let run = bimtek_in(
        d,
        &args(&["check", "--format", "json", "--as-of", AS_OF, "hasil.xlsx"]),
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("hasil.xlsx"), "{}", run.stderr);
    let run = bimtek_in(
        d,
        &args(&[
            "check",
            "--format",
            "json",
            "--as-of",
            AS_OF,
            "hasil.xlsx",
            "Dinas Kesehatan/inovasi.csv",
        ]),
    );
    assert_eq!(run.files_coded("F014"), ["hasil.xlsx"]);
    assert_eq!(run.innovations().len(), 3);
}

/// `zip` with `docProps/core.xml` changed as Excel changes it when it saves:
/// the modification time is now and the last author is the agency's.
fn save_again_as_an_agency(from: &Path, to: &Path) {
    let mut src = zip::ZipArchive::new(std::fs::File::open(from).unwrap()).unwrap();
    let mut out = zip::ZipWriter::new(std::fs::File::create(to).unwrap());
    for i in 0..src.len() {
        let mut entry = src.by_index(i).unwrap();
        let name = entry.name().unwrap().to_string();
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).unwrap();
        if name == "docProps/core.xml" {
            let text = String::from_utf8(bytes).unwrap();
            let at = text.find("<dcterms:modified").expect("a modified time");
            let end = text[at..].find("</dcterms:modified>").unwrap() + at;
            let text = format!(
                "{}<dcterms:modified xsi:type=\"dcterms:W3CDTF\">2026-11-20T03:15:00Z{}",
                &text[..at],
                &text[end..]
            )
            .replace(
                "<cp:lastModifiedBy>bimtek</cp:lastModifiedBy>",
                "<cp:lastModifiedBy>Operator Dinkes</cp:lastModifiedBy>",
            );
            bytes = text.into_bytes();
        }
        out.start_file(&name, zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(&bytes).unwrap();
    }
    out.finish().unwrap();
}

#[test]
fn a_feedback_workbook_is_data_but_its_findings_sheet_is_not() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    copy(THREE, &d.join("masuk/inovasi.csv"));
    write_output(
        d,
        &[
            "export",
            "--as-of",
            AS_OF,
            "-q",
            "--feedback",
            "umpan-balik",
            "masuk",
        ],
    );
    // One workbook for each of the file's three agencies.
    let written: Vec<PathBuf> = std::fs::read_dir(d.join("umpan-balik"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "xlsx"))
        .collect();
    assert_eq!(written.len(), 3, "{written:?}");
    let written = &d.join("umpan-balik/Dinas Kesehatan.xlsx");
    let back = d.join("kembali");
    std::fs::create_dir(&back).unwrap();
    save_again_as_an_agency(written, &back.join("Dinas Kesehatan (perbaikan).xlsx"));

    let run = check_dir(&back, &[]);
    let sheets: Vec<&str> = run
        .innovations()
        .iter()
        .map(|i| i["sheet"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(
        run.innovations().len(),
        1,
        "the agency's innovation, read from its data sheet:\n{}",
        run.stdout
    );
    assert_eq!(sheets, ["Inovasi"]);
    // The findings sheet and the form's reference sheet are not data.
    assert_eq!(
        run.coded("F012"),
        [
            (
                "Dinas Kesehatan (perbaikan).xlsx".to_string(),
                Some("Referensi".to_string())
            ),
            (
                "Dinas Kesehatan (perbaikan).xlsx".to_string(),
                Some("Temuan".to_string())
            )
        ]
    );
    assert!(run.files_coded("F014").is_empty());

    // Feedback on the returned workbook carries its data sheet, not the
    // old findings as if they were the agency's rows.
    write_output(
        d,
        &[
            "export",
            "--as-of",
            AS_OF,
            "-q",
            "--feedback",
            "umpan-balik-2",
            "kembali",
        ],
    );
    for e in std::fs::read_dir(d.join("umpan-balik-2")).unwrap() {
        use calamine::Reader;
        let path = e.unwrap().path();
        if path.extension().is_none_or(|x| x != "xlsx") {
            continue; // the folder's manifest.json
        }
        let wb = calamine::open_workbook_auto(path).unwrap();
        let names = wb.sheet_names().to_vec();
        assert_eq!(names, ["Temuan", "Inovasi", "Referensi"], "{names:?}");
    }

    // As bimtek wrote it, before anyone saved it, it reads the same.
    let as_written = d.join("tertulis");
    std::fs::create_dir(&as_written).unwrap();
    std::fs::copy(written, as_written.join("umpan-balik.xlsx")).unwrap();
    let run = check_dir(&as_written, &[]);
    assert_eq!(run.innovations().len(), 1, "{}", run.stdout);
    assert_eq!(
        run.coded("F012"),
        [
            (
                "umpan-balik.xlsx".to_string(),
                Some("Referensi".to_string())
            ),
            ("umpan-balik.xlsx".to_string(), Some("Temuan".to_string()))
        ]
    );
    assert!(run.files_coded("F014").is_empty());

    // Written into the agency's own folder, it repeats the agency's row:
    // one U001 for the one innovation (U004, a file repeating another,
    // needs two), and nothing said twice of the agency's file.
    std::fs::copy(written, d.join("masuk/umpan-balik.xlsx")).unwrap();
    let run = check_dir(&d.join("masuk"), &[]);
    assert_eq!(run.innovations().len(), 4);
    assert_eq!(run.files_coded("U001"), ["umpan-balik.xlsx"]);
    assert!(run.files_coded("U004").is_empty(), "{:?}", run.codes());
}

// ------------------------------------------------------------------ repeating files

#[test]
fn two_files_repeating_each_other_are_one_u004_naming_both() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    copy(THREE, &d.join("inovasi 2026.csv"));
    copy(THREE, &d.join("inovasi 2026 (1).csv"));
    let run = check_dir(d, &[]);
    assert_eq!(run.innovations().len(), 6);
    assert!(run.coded("U001").is_empty(), "{:?}", run.codes());
    let u004: Vec<&Value> = run
        .findings()
        .iter()
        .filter(|f| f["code"] == "U004")
        .collect();
    assert_eq!(u004.len(), 1, "{:?}", run.codes());
    assert_eq!(u004[0]["file"], "inovasi 2026.csv");
    assert_eq!(u004[0]["severity"], "warning");
    assert_eq!(
        u004[0]["message"],
        "Berkas ini mengulang inovasi 2026 (1).csv: 3 inovasi sama"
    );
}

// ------------------------------------------------------------------ links and pipes

#[cfg(unix)]
fn mkfifo(path: &Path) -> bool {
    Command::new("mkfifo")
        .arg(path)
        .status()
        .is_ok_and(|s| s.success())
}

#[cfg(unix)]
#[test]
fn links_out_of_the_folder_and_pipes_are_refused_with_a_finding() {
    use std::os::unix::fs::symlink;
    let outside = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    copy(CLEAN, &d.join("opd/inovasi.csv"));
    std::fs::write(
        outside.path().join("rahasia.csv"),
        "Nama Inovasi,Nama Perangkat Daerah,Tahapan Inovasi\nRahasia,Dinas Luar,Penerapan\n",
    )
    .unwrap();
    symlink("/etc/passwd", d.join("passwd.csv")).unwrap();
    symlink(
        outside.path().join("rahasia.csv"),
        d.join("opd/rahasia.csv"),
    )
    .unwrap();
    symlink("/dev/zero", d.join("nol.xlsx")).unwrap();
    if !mkfifo(&outside.path().join("pipa-luar.csv")) || !mkfifo(&d.join("pipa.csv")) {
        return; // no mkfifo here: nothing to test
    }
    symlink(
        outside.path().join("pipa-luar.csv"),
        d.join("pipa-luar.csv"),
    )
    .unwrap();
    symlink(d.join("pipa.csv"), d.join("opd/ke-pipa.csv")).unwrap();
    // A link inside the folder to a file inside it is followed.
    symlink(d.join("opd/inovasi.csv"), d.join("tautan.csv")).unwrap();

    let run = check_dir(d, &[]);
    let mut files = run.innovation_files();
    files.sort();
    assert_eq!(files, ["opd/inovasi.csv", "tautan.csv"], "{}", run.stdout);
    let mut out = run.files_coded("F015");
    out.sort();
    assert_eq!(
        out,
        ["nol.xlsx", "opd/rahasia.csv", "passwd.csv", "pipa-luar.csv"]
    );
    let mut special = run.files_coded("F016");
    special.sort();
    assert_eq!(special, ["opd/ke-pipa.csv", "pipa.csv"]);
    let passwd = run
        .findings()
        .iter()
        .find(|f| f["code"] == "F015" && f["file"] == "passwd.csv")
        .unwrap();
    assert_eq!(passwd["severity"], "warning");
    assert!(passwd["message"].as_str().unwrap().contains("/etc/passwd"));
    assert!(
        !run.stdout.contains("root:"),
        "nothing of /etc/passwd is read"
    );
    assert_eq!(run.code, 0, "warnings only:\n{}", run.stderr);

    // The feedback sent back to agencies holds nothing from outside.
    let fb = tempfile::tempdir().unwrap();
    let mut a = args(&["export", "--as-of", AS_OF, "-q", "--feedback"]);
    a.push(fb.path().join("umpan-balik").into());
    a.push(".".into());
    let run = bimtek_in(d, &a);
    assert!(run.code == 0 || run.code == 1, "{}", run.stderr);
    for e in std::fs::read_dir(fb.path().join("umpan-balik")).unwrap() {
        let path = e.unwrap().path();
        if path.extension().is_none_or(|x| x != "xlsx") {
            continue; // the folder's manifest.json
        }
        let mut z = zip::ZipArchive::new(std::fs::File::open(&path).unwrap()).unwrap();
        for i in 0..z.len() {
            let mut text = String::new();
            let _ = z.by_index(i).unwrap().read_to_string(&mut text);
            assert!(
                !text.contains("root:") && !text.contains("Rahasia"),
                "{} carries content from outside the folder",
                path.display()
            );
        }
    }

    // Named on the command line, a link to a regular file is taken (an
    // officer's shortcut); a pipe is not, and nothing blocks.
    let shortcut = outside.path().join("pintasan.csv");
    symlink(d.join("opd/inovasi.csv"), &shortcut).unwrap();
    let mut a = args(&["check", "--format", "json", "--as-of", AS_OF]);
    a.push(shortcut.clone().into());
    a.push(d.join("pipa.csv").into());
    let run = bimtek_in(d, &a);
    assert_eq!(run.innovations().len(), 1);
    assert_eq!(run.coded("F016").len(), 1);
}

#[cfg(unix)]
#[test]
fn template_and_baseline_on_a_pipe_or_a_device_are_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    if !mkfifo(&d.join("templat.toml")) || !mkfifo(&d.join("portal.xlsx")) {
        return;
    }
    std::os::unix::fs::symlink("/dev/zero", d.join("nol.toml")).unwrap();
    let data = manifest(CLEAN);
    for (flag, value, words) in [
        ("--template", "templat.toml", "bukan berkas biasa"),
        ("--template", "/dev/zero", "bukan berkas biasa"),
        ("--template", "nol.toml", "bukan berkas biasa"),
        ("--baseline", "portal.xlsx", "bukan berkas biasa"),
        ("--baseline", "/dev/zero", "bukan berkas biasa"),
        ("--baseline", "2025=/dev/zero", "bukan berkas biasa"),
    ] {
        let mut a = args(&["check", "--format", "json", "--as-of", AS_OF, flag, value]);
        a.push(data.clone().into());
        let run = bimtek_in(d, &a);
        assert_eq!(run.code, 2, "{flag} {value}: {}", run.stderr);
        assert!(
            run.stderr.contains(value) && run.stderr.contains(words),
            "{flag} {value}: {}",
            run.stderr
        );
    }
}

// ------------------------------------------------------------------ watch

/// Writing its output into the folder it watches made bimtek re-check
/// its own output forever; such a target is now refused before any check,
/// and watching does not start.
#[test]
fn watch_with_its_output_in_the_watched_folder_is_refused_not_run_forever() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    copy(CLEAN, &d.join("inovasi.csv"));
    let run = bimtek_in(
        d,
        &args(&[
            "check",
            "--watch",
            "--format",
            "json",
            "--as-of",
            AS_OF,
            "-o",
            "hasil.json",
            ".",
        ]),
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("hasil.json"), "{}", run.stderr);
    assert!(!d.join("hasil.json").exists());
}

/// The feedback folder holds the agencies' workbooks: checked as a whole
/// (an officer checking what goes back), they are read as data, and only
/// its manifest is bimtek's own; an export package beside it is not read.
#[test]
fn a_feedback_folder_is_data_and_an_export_package_is_not() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    copy(THREE, &d.join("masuk/inovasi.csv"));
    let input = d.join("masuk");
    let input = input.to_str().unwrap();
    write_output(
        d,
        &[
            "export",
            "--as-of",
            AS_OF,
            "-q",
            "--feedback",
            "umpan-balik",
            input,
        ],
    );
    write_output(
        d,
        &["export", "--as-of", AS_OF, "-q", "--out", "paket", input],
    );
    let run = bimtek_in(
        d,
        &args(&[
            "check",
            "--format",
            "json",
            "--as-of",
            AS_OF,
            "umpan-balik",
            "paket",
        ]),
    );
    assert_eq!(run.innovations().len(), 3, "{}", run.stderr);
    assert!(
        run.innovation_files()
            .iter()
            .all(|f| f.starts_with("umpan-balik/")),
        "{}",
        run.stdout
    );
    let mut own = run.files_coded("F014");
    own.sort();
    assert_eq!(own, ["paket", "umpan-balik/manifest.json"]);
}

/// The CSV report written for Excel (`--excel-csv`: a byte-order mark and
/// `;`) is bimtek's own output too.
#[test]
fn the_csv_report_for_excel_is_not_read_again() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    copy(THREE, &d.join("data/inovasi.csv"));
    write_output(
        d,
        &[
            "check",
            "--format",
            "csv",
            "--excel-csv",
            "-o",
            "hasil.csv",
            "--as-of",
            AS_OF,
            "data",
        ],
    );
    std::fs::rename(d.join("hasil.csv"), d.join("data/hasil.csv")).unwrap();
    let run = check_dir(&d.join("data"), &[]);
    assert_eq!(run.innovations().len(), 3, "{}", run.stdout);
    assert_eq!(run.files_coded("F014"), ["hasil.csv"]);
}

/// A folder holding nothing but a link out of it is nothing to check, and
/// the message says why the link was not read.
#[cfg(unix)]
#[test]
fn nothing_to_check_says_why_a_found_file_was_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::os::unix::fs::symlink("/etc/passwd", d.join("opd.csv")).unwrap();
    let run = check_dir(d, &[]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("opd.csv") && run.stderr.contains("/etc/passwd"),
        "{}",
        run.stderr
    );
}
