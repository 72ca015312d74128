//! The roster (issue "The campaign to the deadline", its section "The
//! roster: who is expected"): a list of the agencies expected, given with
//! `--roster FILE` or a template's `[roster]`, says who sent nothing, who
//! sent files without innovations, who is only in the portal, and which
//! names in the data it does not list; `template form --roster` writes a
//! blank one.

mod common;

use common::{AS_OF, bimtek, manifest};
use serde_json::Value;
use std::path::Path;

/// One clean innovation of `Dinas Uji`: header line, then its row.
const CLEAN: &str = "tests/fixtures/codes/F013/ok.csv";

/// The clean file's header, and its row renamed to `name` of `agency`.
fn row_of(name: &str, agency: &str) -> (String, String) {
    let text = std::fs::read_to_string(manifest(CLEAN)).unwrap();
    let mut lines = text.lines();
    let header = lines.next().unwrap().to_string();
    let row = lines
        .next()
        .unwrap()
        .replacen("OK F013,Dinas Uji,", &format!("{name},{agency},"), 1);
    (header, row)
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn json(args: &[&str]) -> (i32, Value) {
    let mut all = vec!["check", "--format", "json", "--as-of", AS_OF];
    all.extend_from_slice(args);
    let out = bimtek(&all);
    let doc = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "{e}: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (out.status.code().unwrap(), doc)
}

/// (code, agency, file name, row) of every roster finding.
fn roster_findings(doc: &Value) -> Vec<(String, String, String, Option<u64>)> {
    doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"].as_str().unwrap().starts_with('O'))
        .map(|f| {
            let file = f["file"].as_str().unwrap();
            (
                f["code"].as_str().unwrap().to_string(),
                f["agency"].as_str().unwrap_or("").to_string(),
                Path::new(file)
                    .file_name()
                    .unwrap()
                    .to_string_lossy()
                    .into_owned(),
                f["row"].as_u64(),
            )
        })
        .collect()
}

fn s(
    code: &str,
    agency: &str,
    file: &str,
    row: Option<u64>,
) -> (String, String, String, Option<u64>) {
    (code.into(), agency.into(), file.into(), row)
}

/// A folder where Dinas Kesehatan reports as `Dinkes` (its alias), Dinas
/// Sosial sent a file without rows, Bappeda is only in the portal, Dinas
/// Pendidikan sent nothing, and `Dinas Pendidikn` (not on the roster) is
/// listed, not taken for Dinas Pendidikan. The roster lies in the folder.
#[test]
fn the_roster_says_who_sent_nothing_no_innovation_only_the_portal_and_who_is_not_listed() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("masuk");
    let (header, dinkes) = row_of("OK Dinkes", "Dinkes");
    let (_, typo) = row_of("OK Salah Eja", "Dinas Pendidikn");
    let (_, bappeda) = row_of("E-Planning", "Bappeda");
    write(
        &input.join("Dinas Kesehatan/inovasi.csv"),
        &format!("{header}\n{dinkes}\n"),
    );
    write(
        &input.join("Dinas Sosial/kosong.csv"),
        &format!("{header}\n"),
    );
    write(&input.join("lain.csv"), &format!("{header}\n{typo}\n"));
    let roster = input.join("daftar-opd.csv");
    write(
        &roster,
        "No,Nama Perangkat Daerah,Alias,Kelompok\n\
         1,Dinas Kesehatan,Dinkes; Dinas Kesehatan Kab.,Dinas\n\
         2,Dinas Pendidikan,Disdik,Dinas\n\
         3,Dinas Sosial,Dinsos,Dinas\n\
         4,Bappeda,,Badan\n",
    );
    let portal = dir.path().join("portal.csv");
    write(&portal, &format!("{header}\n{bappeda}\n"));
    let (input_s, roster_s, portal_s) = (
        input.to_str().unwrap(),
        roster.to_str().unwrap(),
        portal.to_str().unwrap(),
    );
    let (_, doc) = json(&[input_s, "--roster", roster_s, "--baseline", portal_s]);
    assert_eq!(
        roster_findings(&doc),
        [
            s("O001", "Dinas Pendidikan", "daftar-opd.csv", Some(3)),
            s("O002", "Dinas Sosial", "daftar-opd.csv", Some(4)),
            s("O003", "Bappeda", "daftar-opd.csv", Some(5)),
            s("O004", "Dinas Pendidikn", "lain.csv", None),
        ],
        "{doc:#}"
    );
    // The roster in the folder is not read as innovation data.
    assert_eq!(doc["summary"]["files"], 3, "{doc:#}");
    assert_eq!(doc["summary"]["innovations"], 2, "{doc:#}");
    let o004 = common::findings_coded(&doc, "O004")[0];
    assert_eq!(o004["innovation"], Value::Null);
    assert!(
        o004["hint"]
            .as_str()
            .unwrap()
            .contains("(mirip: Dinas Pendidikan)"),
        "{o004}"
    );
    // The alias counts Dinkes for Dinas Kesehatan: nothing said of it.
    assert!(
        !roster_findings(&doc)
            .iter()
            .any(|f| f.1 == "Dinas Kesehatan"),
        "{doc:#}"
    );

    // The CSV and the HTML page name the silent agency too.
    let run = |format: &str| {
        let out = bimtek(&[
            "check", "--as-of", AS_OF, "--format", format, input_s, "--roster", roster_s,
        ]);
        String::from_utf8(out.stdout).unwrap()
    };
    let csv = run("csv");
    let line = csv
        .lines()
        .find(|l| l.starts_with("O001,"))
        .unwrap_or_else(|| panic!("{csv}"));
    assert!(line.ends_with(",Dinas Pendidikan"), "{line}");
    assert!(run("html").contains("Dinas Pendidikan belum mengirim berkas atau inovasi apa pun"));

    // The table shows each agency under its roster name, at its roster row.
    let out = bimtek(&[
        "check",
        "--as-of",
        AS_OF,
        "--width",
        "100",
        input_s,
        "--roster",
        roster_s,
        "--baseline",
        portal_s,
    ]);
    let table = String::from_utf8_lossy(&out.stdout);
    // In the summary, a row of zeros for who sent nothing.
    let summary = table
        .lines()
        .find(|l| l.contains("Dinas Pendidikan "))
        .unwrap_or_else(|| panic!("{table}"));
    let cells: Vec<&str> = summary
        .trim_matches('│')
        .split('┆')
        .map(str::trim)
        .collect();
    assert_eq!(
        cells,
        ["Dinas Pendidikan", "0", "0", "0", "0", "0", "-", "-"],
        "{table}"
    );
    let silent = table
        .find("\nDinas Pendidikan\n")
        .unwrap_or_else(|| panic!("{table}"));
    let block: Vec<&str> = table[silent + 1..].lines().take(5).collect();
    assert_eq!(block[0], "Dinas Pendidikan", "{table}");
    assert!(block[1].trim_start().ends_with("daftar-opd.csv"), "{table}");
    assert_eq!(block[2].trim(), "PERINGATAN O001 baris 3", "{table}");
    assert_eq!(
        block[3].trim(),
        "Dinas Pendidikan belum mengirim berkas atau inovasi apa pun",
        "{table}"
    );
}

/// A template's `[roster]` is the roster when no file is given; its
/// findings point at the template.
#[test]
fn a_templates_roster_is_the_roster_when_no_file_is_given() {
    let dir = tempfile::tempdir().unwrap();
    let template = dir.path().join("pemda.toml");
    write(
        &template,
        "[template]\nid = \"pemda-uji\"\nname = \"Pemda Uji\"\nyear = 2026\nextends = \"iid-2026\"\n\n\
         [[roster.agency]]\nname = \"Dinas Uji Coba\"\naliases = [\"Dinas Uji\"]\ngroup = \"Dinas\"\n\n\
         [[roster.agency]]\nname = \"UPT Puskesmas Senyap\"\ngroup = \"Puskesmas\"\n",
    );
    let (_, doc) = json(&["--template", template.to_str().unwrap(), CLEAN]);
    assert_eq!(
        roster_findings(&doc),
        [s("O001", "UPT Puskesmas Senyap", "pemda.toml", None)],
        "{doc:#}"
    );
    // A name twice in a template's roster is the template's mistake.
    write(
        &template,
        "[template]\nid = \"pemda-uji\"\nname = \"Pemda Uji\"\nyear = 2026\nextends = \"iid-2026\"\n\n\
         [[roster.agency]]\nname = \"Dinas Uji\"\n\n[[roster.agency]]\nname = \"DINAS UJI\"\n",
    );
    let out = bimtek(&["template", "check", template.to_str().unwrap()]);
    let err =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("pemda.toml:11:"), "{err}");
    assert!(
        err.contains("sudah menjadi nama atau alias Dinas Uji"),
        "{err}"
    );
}

/// `template form --roster` writes the columns `check --roster` reads,
/// blank, or with the template's roster; read back, it is that roster.
#[test]
fn the_roster_form_is_blank_or_the_templates_and_reads_back() {
    use calamine::{Reader, open_workbook_auto};
    let dir = tempfile::tempdir().unwrap();
    let blank = dir.path().join("daftar-opd.xlsx");
    let out = bimtek(&[
        "template",
        "form",
        "iid-2026",
        "--roster",
        blank.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let mut wb = open_workbook_auto(&blank).unwrap();
    assert_eq!(wb.sheet_names(), ["Daftar OPD"]);
    let range = wb.worksheet_range("Daftar OPD").unwrap();
    let rows: Vec<Vec<String>> = range
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect();
    assert_eq!(rows, [["Nama", "Alias", "Kelompok"]]);
    // A blank roster names nobody: said, not taken as "nobody is missing".
    let out = bimtek(&["check", CLEAN, "--roster", blank.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("daftar-opd.xlsx"));

    let template = dir.path().join("pemda.toml");
    write(
        &template,
        "[template]\nid = \"pemda-uji\"\nname = \"Pemda Uji\"\nyear = 2026\nextends = \"iid-2026\"\n\n\
         [[roster.agency]]\nname = \"Dinas Uji Coba\"\naliases = [\"Dinas Uji\", \"DUC\"]\ngroup = \"Dinas\"\n\n\
         [[roster.agency]]\nname = \"UPT Puskesmas Senyap\"\n",
    );
    let filled = dir.path().join("isi.xlsx");
    let form = dir.path().join("formulir.xlsx");
    let out = bimtek(&[
        "template",
        "form",
        template.to_str().unwrap(),
        "-o",
        form.to_str().unwrap(),
        "--roster",
        filled.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(form.is_file());
    let mut wb = open_workbook_auto(&filled).unwrap();
    let range = wb.worksheet_range("Daftar OPD").unwrap();
    let rows: Vec<Vec<String>> = range
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect();
    assert_eq!(
        rows,
        [
            ["Nama", "Alias", "Kelompok"],
            ["Dinas Uji Coba", "Dinas Uji; DUC", "Dinas"],
            ["UPT Puskesmas Senyap", "", ""],
        ]
    );
    let (_, doc) = json(&[CLEAN, "--roster", filled.to_str().unwrap()]);
    assert_eq!(
        roster_findings(&doc),
        [s("O001", "UPT Puskesmas Senyap", "isi.xlsx", Some(3))],
        "{doc:#}"
    );
}

/// A roster that is missing, not a spreadsheet, or without a Nama column
/// stops the run (exit 2) with a message naming it.
#[test]
fn a_roster_that_cannot_be_read_or_has_no_name_column_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let no_name = dir.path().join("kode-opd.csv");
    write(&no_name, "Kode,Singkatan\n1.01,Dinkes\n");
    let broken = dir.path().join("rusak.xlsx");
    write(
        &broken,
        "bukan lembar kerja sama sekali, hanya teks biasa\u{0}\u{1}",
    );
    let missing = dir.path().join("tidak-ada.csv");
    for (path, words) in [
        (&no_name, "tidak ada kolom Nama"),
        (&broken, "daftar OPD tidak dapat dibaca"),
        (&missing, "berkas tidak ditemukan"),
    ] {
        let out = bimtek(&["check", CLEAN, "--roster", path.to_str().unwrap()]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{err}");
        assert!(out.stdout.is_empty());
        let name = path.file_name().unwrap().to_str().unwrap();
        assert!(err.contains("--roster ") && err.contains(name), "{err}");
        assert!(err.contains(words), "{err}");
    }
}

/// An award's list of agencies (Kalsel's) is the roster when no other is
/// given: a name it does not list is listed (O004); an agency without
/// innovations stays the award's U003, not told twice.
#[test]
fn an_awards_agencies_are_the_roster_when_no_other_is_given() {
    let dir = tempfile::tempdir().unwrap();
    let (header, listed) = row_of("OK Terdaftar", "Dinas Uji Coba Provinsi");
    let (_, other) = row_of("OK Lain", "Dinas Lain");
    let input = dir.path().join("data.csv");
    write(&input, &format!("{header}\n{listed}\n{other}\n"));
    let (_, doc) = json(&[
        "--template",
        "tests/fixtures/templates/kalsel-uji.toml",
        input.to_str().unwrap(),
    ]);
    assert_eq!(
        roster_findings(&doc),
        [s("O004", "Dinas Lain", "data.csv", None)],
        "{doc:#}"
    );
    assert_eq!(common::findings_coded(&doc, "U003").len(), 1, "{doc:#}");
}

/// `export --roster` checks with the roster: its findings are in the
/// package, and the manifest names the roster.
#[test]
fn export_takes_the_roster_and_its_manifest_names_it() {
    let dir = tempfile::tempdir().unwrap();
    let roster = dir.path().join("daftar-opd.csv");
    write(&roster, "Nama,Alias\nDinas Uji Coba,Dinas Uji\nBappeda,\n");
    let out_dir = dir.path().join("paket");
    let out = bimtek(&[
        "export",
        "-q",
        "--as-of",
        AS_OF,
        "--out",
        out_dir.to_str().unwrap(),
        "--roster",
        roster.to_str().unwrap(),
        CLEAN,
    ]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let read = |name: &str| -> Value {
        serde_json::from_slice(&std::fs::read(out_dir.join(name)).unwrap()).unwrap()
    };
    let manifest = read("manifest.json");
    assert_eq!(
        manifest["options"]["roster"],
        roster.to_str().unwrap().replace('\\', "/"),
        "{manifest:#}"
    );
    assert_eq!(
        roster_findings(&read("temuan.json")),
        [s("O001", "Bappeda", "daftar-opd.csv", Some(3))]
    );
}
