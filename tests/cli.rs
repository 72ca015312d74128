//! CLI tests: run the real binary and check exit codes, formats, languages,
//! the fixture of every finding code, the loader fixtures, sample-data and
//! the real-world files in ../shared/realdata when present.

mod common;

use common::{AS_OF, bimtek};

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

fn fixture(rel: &str) -> String {
    format!("tests/fixtures/{rel}")
}

/// `bimtek check PATHS --format json --as-of AS_OF [extra]`: (exit code, document).
fn check_json(paths: &[&str], extra: &[&str]) -> (i32, Value) {
    let mut args = vec!["check", "--format", "json", "--as-of", AS_OF];
    args.extend_from_slice(extra);
    args.extend_from_slice(paths);
    let out = bimtek(&args);
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not JSON ({e}); stderr: {}",
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (out.status.code().expect("exit code"), doc)
}

fn findings(doc: &Value) -> &Vec<Value> {
    doc["findings"].as_array().expect("findings array")
}

fn codes(doc: &Value) -> Vec<String> {
    findings(doc)
        .iter()
        .map(|f| f["code"].as_str().unwrap().to_string())
        .collect()
}

fn innovations(doc: &Value) -> &Vec<Value> {
    doc["innovations"].as_array().expect("innovations array")
}

#[test]
fn every_finding_code_has_a_fixture_that_triggers_it() {
    // Rows named "BAD ..." (or files not named ok*) must trigger the code;
    // rows named "OK ..." and files named ok* must not.
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/codes");
    for info in &bimtek::diag::CODES {
        let dir = root.join(info.code.as_str());
        assert!(
            dir.is_dir(),
            "finding code {} has no fixture folder {}",
            info.code,
            dir.display()
        );
        // args.txt: extra arguments, one per line; {fixtures} is tests/fixtures.
        let fixtures = root.parent().unwrap().to_str().unwrap().to_string();
        let extra: Vec<String> = std::fs::read_to_string(dir.join("args.txt"))
            .map(|s| {
                s.lines()
                    .map(|l| l.replace("{fixtures}", &fixtures))
                    .collect()
            })
            .unwrap_or_default();
        let extra: Vec<&str> = extra.iter().map(String::as_str).collect();
        let (_, doc) = check_json(&[dir.to_str().unwrap()], &extra);
        let mine: Vec<&Value> = findings(&doc)
            .iter()
            .filter(|f| f["code"] == info.code.as_str())
            .collect();
        assert!(
            !mine.is_empty(),
            "{}: fixture does not trigger it",
            info.code
        );
        for f in &mine {
            let file = f["file"].as_str().unwrap();
            let name = Path::new(file).file_name().unwrap().to_str().unwrap();
            assert!(
                !name.starts_with("ok"),
                "{}: triggered on the clean file {file}",
                info.code
            );
            if let Some(row) = f["row"].as_u64() {
                let inn = innovations(&doc).iter().find(|i| {
                    i["file"] == f["file"] && i["row"] == row && i["sheet"] == f["sheet"]
                });
                if let Some(inn) = inn {
                    let n = inn["name"].as_str().unwrap();
                    assert!(
                        !n.starts_with("OK"),
                        "{}: triggered on the clean row {n}",
                        info.code
                    );
                }
            }
        }
        // The clean rows are there and were checked.
        assert!(
            innovations(&doc)
                .iter()
                .any(|i| i["name"].as_str().unwrap().starts_with("OK")),
            "{}: fixture has no clean row",
            info.code
        );
    }
}

#[test]
fn sample_data_shows_every_kind_of_mistake() {
    let (code, doc) = check_json(&["sample-data"], &[]);
    assert_eq!(code, 1);
    let mut got: Vec<(String, String, String)> = findings(&doc)
        .iter()
        .map(|f| {
            let file = f["file"].as_str().unwrap();
            let agency = file.split('/').nth(1).unwrap().to_string();
            let place = match f["cell"].as_str() {
                Some(c) => c.to_string(),
                None => format!(
                    "{}#{}",
                    f["sheet"].as_str().unwrap_or(""),
                    f["row"].as_u64().map(|r| r.to_string()).unwrap_or_default()
                ),
            };
            (f["code"].as_str().unwrap().to_string(), agency, place)
        })
        .collect();
    let expected = [
        ("E009", "Dinas Kesehatan", "'Bukti Dukung'!E20"),
        ("E004", "Dinas Kesehatan", "'Bukti Dukung'!G22"),
        ("E011", "Dinas Kesehatan", "'Bukti Dukung'!G23"),
        ("E003", "Dinas Kesehatan", "'Bukti Dukung'!G26"),
        ("E006", "Dinas Kesehatan", "'Bukti Dukung'!G29"),
        ("V002", "Dinas Kesehatan", "'Inovasi 2026'!D6"),
        // Waktu Penerapan is asked at every stage: a warning at Uji Coba
        // and Inisiatif (D006), an error at Penerapan.
        ("D006", "Dinas Kesehatan", "'Inovasi 2026'!L6"),
        ("V004", "Dinas Kesehatan", "'Inovasi 2026'!J7"),
        ("T001", "Dinas Kesehatan", "'Inovasi 2026'!N7"),
        ("E010", "Dinas Kesehatan", "Inovasi 2026#8"),
        ("D005", "Dinas Kesehatan", "'Inovasi 2026'!K8"),
        ("V002", "Dinas Kesehatan", "'Inovasi 2026'!G9"),
        ("D006", "Dinas Kesehatan", "'Inovasi 2026'!L9"),
        ("H001", "Dinas Komunikasi dan Informatika", "Inovasi!T1"),
        ("D001", "Dinas Komunikasi dan Informatika", "Inovasi!J3"),
        ("D006", "Dinas Komunikasi dan Informatika", "Inovasi!K3"),
        ("V005", "Dinas Komunikasi dan Informatika", "Inovasi!Q3"),
        ("V002", "Dinas Komunikasi dan Informatika", "Inovasi!C4"),
        ("D006", "Dinas Komunikasi dan Informatika", "Inovasi!K4"),
        ("V006", "Dinas Komunikasi dan Informatika", "Inovasi!Q5"),
        ("V007", "Dinas Komunikasi dan Informatika", "Inovasi!R5"),
        ("V002", "Dinas PUPR", "Sheet1!D2"),
        ("V002", "Dinas PUPR", "Sheet1!L2"),
        ("V002", "Dinas PUPR", "Sheet1!L4"),
        ("D007", "Dinas PUPR", "Sheet1!M4"),
        ("D003", "Dinas PUPR", "Sheet1!N4"),
        ("D004", "Dinas PUPR", "Sheet1!O4"),
        ("D006", "Dinas PUPR", "Sheet1!N5"),
        ("F006", "Dinas Pendidikan", "#"),
        ("V002", "Dinas Pendidikan", "D3"),
        ("V002", "Dinas Pendidikan", "F3"),
        ("R001", "Dinas Pendidikan", "E4"),
        ("D002", "Dinas Pendidikan", "K4"),
        ("V001", "Dinas Pendidikan", "I5"),
        ("V003", "Dinas Pendidikan", "T5"),
        ("U001", "Dinas Pendidikan", "#6"),
        ("V002", "Dinas Pendidikan", "C6"),
        ("D006", "Dinas Pendidikan", "K6"),
        ("H002", "Dinas Sosial", "Sheet1#1"),
        ("U002", "Dinas Sosial", "Sheet1#2"),
        ("V001", "Dinas Sosial", "Sheet1!C3"),
        ("R001", "Dinas Sosial", "Sheet1!P3"),
        ("E001", "Dinas Sosial", "Sheet1!Z3"),
        ("V004", "Dinas Sosial", "Sheet1!S4"),
        ("E007", "Dinas Sosial", "Sheet1!Y4"),
        ("V002", "Dinas Sosial", "Sheet1!F5"),
    ];
    let expected: Vec<(String, String, String)> = expected
        .iter()
        .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
        .collect();
    // Innovations without any evidence row, in a run that gives evidence:
    // each of the five mandatory indicators is missing, at their row.
    let mut e010_at: std::collections::BTreeMap<(String, String), usize> = Default::default();
    for g in got.iter().filter(|g| g.0 == "E010") {
        *e010_at.entry((g.1.clone(), g.2.clone())).or_default() += 1;
    }
    let none_at = |g: &(String, String, String)| {
        g.0 == "E010" && e010_at.get(&(g.1.clone(), g.2.clone())) == Some(&5)
    };
    let mut none: Vec<(String, String)> = got
        .iter()
        .filter(|g| none_at(g))
        .map(|g| (g.1.clone(), g.2.clone()))
        .collect();
    none.dedup();
    fn rows(
        agency: &str,
        sheet: &str,
        rows: std::ops::RangeInclusive<u32>,
    ) -> Vec<(String, String)> {
        rows.map(|r| (agency.to_string(), format!("{sheet}#{r}")))
            .collect()
    }
    let expected_none: Vec<(String, String)> = [
        rows("Dinas Kesehatan", "Inovasi 2026", 7..=7),
        rows("Dinas Komunikasi dan Informatika", "Inovasi", 2..=6),
        rows("Dinas PUPR", "Sheet1", 2..=5),
        rows("Dinas Pendidikan", "", 2..=6),
    ]
    .concat();
    assert_eq!(none, expected_none);
    got.retain(|g| !none_at(g));
    assert_eq!(got, expected);
    assert_eq!(doc["summary"]["innovations"], 24);
    assert_eq!(doc["summary"]["files"], 5);
    // The agency comes from the folder when the file has no agency column.
    let dinkes = innovations(&doc)
        .iter()
        .find(|i| i["file"].as_str().unwrap().contains("dinkes"))
        .unwrap();
    assert_eq!(dinkes["agency"], "Dinas Kesehatan");
}

#[test]
fn sample_portal_download_shows_each_portal_status() {
    let baseline = "sample-portal/unduhan-portal-2026.xls";
    let (code, doc) = check_json(&["sample-data"], &["--baseline", baseline]);
    assert_eq!(code, 1);
    let status = |name: &str| -> Vec<String> {
        innovations(&doc)
            .iter()
            .filter(|i| i["name"] == name)
            .map(|i| i["portal"]["status"].as_str().unwrap().to_string())
            .collect()
    };
    for name in [
        "SIPANDU Posyandu Digital",
        "Klinik Sanitasi Keliling",
        "TAMASA Tanah Merah Satu Data",
        "IRTAPA Irigasi Tersier Partisipatif",
        "Gerakan “Sekolah Ramah Anak”",
        "KALASERA Kartu Lansia Sejahtera",
    ] {
        assert_eq!(status(name), ["up_to_date"], "{name}");
    }
    for name in [
        "Ambulans Desa Siaga",
        "Smart Kampung Tanah Merah",
        "SIMANTAP Jalan",
    ] {
        assert_eq!(status(name), ["outdated"], "{name}");
    }
    assert_eq!(status("GEMAS Cegah Stunting"), ["not_entered"]);
    assert_eq!(status("Pojok Baca Café Literasi"), ["not_entered"; 2]);
    // Every innovation gets exactly one status.
    assert!(
        innovations(&doc)
            .iter()
            .all(|i| i["portal"]["status"].is_string())
    );
    let portal: Vec<(String, String)> = findings(&doc)
        .iter()
        .filter(|f| f["code"].as_str().unwrap().starts_with('P'))
        .map(|f| {
            (
                f["code"].as_str().unwrap().to_string(),
                f["value"].as_str().unwrap().to_string(),
            )
        })
        .filter(|(code, _)| code != "P001")
        .collect();
    let expected = [
        // The portal's score differs from the folder's claim (P006).
        ("P006", "68.50"),
        ("P002", "Ambulans Desa Siaga"),
        ("P005", "21/08/2025"),
        ("P002", "Smart Kampung Tanah Merah"),
        ("P002", "SIMANTAP Jalan"),
        ("P003", "DRASTIS Drainase Cerdas Perkotaan"),
        ("P004", "SIPANGAN Pangan Murah Keliling"),
    ];
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|(c, v)| (c.to_string(), v.to_string()))
        .collect();
    assert_eq!(portal, expected);
    assert_eq!(codes(&doc).iter().filter(|c| *c == "P001").count(), 11);
    assert_eq!(
        doc["portal_only"][0]["name"],
        "SIPANGAN Pangan Murah Keliling"
    );
    // Changes name the fields by their labels, and the ambiguous match
    // names its rows, in the user's language.
    let message = |doc: &Value, code: &str| -> String {
        findings(doc)
            .iter()
            .find(|f| f["code"] == code)
            .map(|f| f["message"].as_str().unwrap().to_string())
            .unwrap()
    };
    assert!(
        message(&doc, "P002").ends_with("Tahapan Inovasi: \"Uji Coba\" -> \"Penerapan\""),
        "{}",
        message(&doc, "P002")
    );
    assert!(message(&doc, "P003").contains(&format!("({baseline} baris 10)")));
    let (_, en) = check_json(&["sample-data"], &["--baseline", baseline, "--lang", "en"]);
    assert!(
        message(&en, "P002").ends_with("Innovation stage: \"Uji Coba\" -> \"Penerapan\""),
        "{}",
        message(&en, "P002")
    );
    assert!(message(&en, "P003").contains(&format!("({baseline} row 10)")));
    assert!(!message(&en, "P003").contains("baris"));
}

#[test]
fn xlsx_report_holds_what_the_json_says() {
    use calamine::{Data, Reader, Xlsx, open_workbook};
    let dir = tempfile::tempdir().unwrap();
    let baseline = ["--baseline", "sample-portal/unduhan-portal-2026.xls"];
    let write = |name: &str, lang: &str| -> PathBuf {
        let path = dir.path().join(name);
        let mut args = vec![
            "check", "--as-of", AS_OF, "--format", "xlsx", "--lang", lang,
        ];
        args.extend_from_slice(&baseline);
        args.extend_from_slice(&["-o", path.to_str().unwrap(), "sample-data"]);
        let out = bimtek(&args);
        assert_eq!(
            out.status.code(),
            Some(1),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(out.stdout.is_empty());
        path
    };
    let path = write("hasil.xlsx", "id");
    let (_, doc) = check_json(&["sample-data"], &baseline);
    let mut wb: Xlsx<_> = open_workbook(&path).unwrap();
    assert_eq!(wb.sheet_names(), ["Temuan", "Inovasi", "Ringkasan"]);
    let text = |d: Option<&Data>| d.map(|d| d.to_string()).unwrap_or_default();
    // Findings: one row each, in the JSON's order, with its cell and message.
    let temuan = wb.worksheet_range("Temuan").unwrap();
    assert_eq!(text(temuan.get((0, 0))), "Kode");
    assert_eq!(temuan.height(), findings(&doc).len() + 1);
    for (r, f) in findings(&doc).iter().enumerate() {
        let row = r + 1;
        assert_eq!(text(temuan.get((row, 0))), f["code"].as_str().unwrap());
        assert_eq!(
            text(temuan.get((row, 6))),
            f["cell"].as_str().unwrap_or_default()
        );
        assert_eq!(text(temuan.get((row, 10))), f["message"].as_str().unwrap());
        assert_eq!(
            text(temuan.get((row, 12))),
            f["innovation"].as_str().unwrap_or_default()
        );
        assert_eq!(
            text(temuan.get((row, 13))),
            f["agency"].as_str().unwrap_or_default()
        );
        if let Some(n) = f["row"].as_u64() {
            assert_eq!(temuan.get((row, 4)), Some(&Data::Float(n as f64)));
        }
    }
    // Innovations, with their status and where they stand in the portal.
    let inovasi = wb.worksheet_range("Inovasi").unwrap();
    assert_eq!(inovasi.height(), innovations(&doc).len() + 1);
    let portal_col = (0..inovasi.width())
        .find(|&c| text(inovasi.get((0, c))) == "Di portal")
        .expect("a portal column with --baseline");
    for (r, i) in innovations(&doc).iter().enumerate() {
        assert_eq!(text(inovasi.get((r + 1, 1))), i["name"].as_str().unwrap());
        let status = match i["status"].as_str().unwrap() {
            "ok" => "bersih",
            "warning" => "peringatan",
            _ => "galat",
        };
        assert_eq!(text(inovasi.get((r + 1, 5))), status);
        let portal = match i["portal"]["status"].as_str().unwrap() {
            "not_entered" => "belum terinput",
            "outdated" => "belum terupdate",
            _ => "sudah sesuai",
        };
        assert_eq!(text(inovasi.get((r + 1, portal_col))), portal);
    }
    let ringkasan = wb.worksheet_range("Ringkasan").unwrap();
    assert_eq!(text(ringkasan.get((3, 0))), "Inovasi");
    assert_eq!(ringkasan.get((3, 1)), Some(&Data::Float(24.0)));
    // Same input, same bytes.
    let again = write("lagi.xlsx", "id");
    assert_eq!(
        std::fs::read(&path).unwrap(),
        std::fs::read(&again).unwrap()
    );
    // English sheets and headers with --lang en.
    let en = write("results.xlsx", "en");
    let mut wb: Xlsx<_> = open_workbook(&en).unwrap();
    assert_eq!(wb.sheet_names(), ["Findings", "Innovations", "Summary"]);
    let findings_en = wb.worksheet_range("Findings").unwrap();
    assert_eq!(text(findings_en.get((0, 0))), "Code");
    assert_eq!(text(findings_en.get((1, 1))), "ERROR");
    // A workbook never goes to the terminal.
    let out = bimtek(&["check", "--format", "xlsx", "sample-data"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("-o NAMA.xlsx"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn errors_that_stop_the_tool_speak_the_chosen_language() {
    // (arguments, Indonesian words, English words)
    let cases: [(&[&str], &str, &str); 5] = [
        (&["explain", "X999"], "tidak dikenal", "unknown code"),
        (
            &["check", "--spd", "99", "sample-data"],
            "harus 0 sampai",
            "must be 0 to",
        ),
        (
            &["check", "-o", "README.md", "sample-data"],
            "sudah ada; pakai --force",
            "already exists; use --force",
        ),
        (
            &["check", "--as-of", "2026/1/1", "sample-data"],
            "tulis tanggal sebagai",
            "write the date as",
        ),
        (
            &["check", "--baseline", "tidak-ada.xls", "sample-data"],
            "berkas tidak ditemukan",
            "file not found",
        ),
    ];
    for (args, id, en) in cases {
        for (lang, want, not) in [("id", id, en), ("en", en, id)] {
            let mut all = vec!["--lang", lang];
            all.extend_from_slice(args);
            let out = bimtek(&all);
            let err = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
            assert!(err.contains(want), "{args:?} --lang {lang}: {err}");
            assert!(!err.contains(not), "{args:?} --lang {lang}: {err}");
        }
    }
    // The file named -o was not touched.
    let readme = std::fs::read_to_string("README.md").unwrap();
    assert!(readme.starts_with("# bimtek"));
}

/// Issue 34: `--help` in Bahasa Indonesia, headings and placeholders too
/// (`[OPSI] <BERKAS/FOLDER>...`), compared whole with its expected text.
/// After a deliberate change: `bimtek --help > tests/expected/help.id.txt`
/// and `bimtek check --help > tests/expected/check-help.id.txt`.
#[test]
fn help_in_indonesian_matches_its_expected_text_issue_34() {
    for (args, expected) in [
        (&["--help"][..], "tests/expected/help.id.txt"),
        (&["check", "--help"][..], "tests/expected/check-help.id.txt"),
    ] {
        let out = bimtek(args);
        assert_eq!(out.status.code(), Some(0));
        let got = String::from_utf8(out.stdout).unwrap();
        let want = std::fs::read_to_string(expected).unwrap();
        assert_eq!(got, want, "{args:?} differs from {expected}");
        for english in [
            "[OPTIONS]",
            "Usage",
            "Options",
            "Commands",
            "<FILE>",
            "<DIR>",
        ] {
            assert!(!got.contains(english), "{english}: {got}");
        }
    }
}

#[test]
fn help_and_syntax_errors_speak_the_chosen_language() {
    let text = |args: &[&str]| {
        let out = bimtek(args);
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).to_string(),
            String::from_utf8_lossy(&out.stderr).to_string(),
        )
    };
    // Help: Bahasa Indonesia by default, English with --lang en.
    let (code, id, _) = text(&["check", "--help"]);
    assert_eq!(code, Some(0));
    for words in [
        "Penggunaan: bimtek check",
        "Opsi:",
        "Bentuk laporan",
        "Tampilkan bantuan ini",
    ] {
        assert!(id.contains(words), "{words}: {id}");
    }
    for words in [
        "Usage:",
        "Options:",
        "Output format",
        "Print help",
        "[default:",
    ] {
        assert!(!id.contains(words), "{words}: {id}");
    }
    let (code, en, _) = text(&["--lang", "en", "check", "--help"]);
    assert_eq!(code, Some(0));
    assert!(
        en.contains("Usage: bimtek check") && en.contains("Output format"),
        "{en}"
    );
    assert!(!en.contains("Bentuk laporan"), "{en}");
    // Syntax errors: exit 2, said in the user's language, with the fix.
    let (code, _, id) = text(&["chekc"]);
    assert_eq!(code, Some(2));
    assert!(
        id.starts_with("bimtek: perintah \"chekc\" tidak dikenal (maksudnya \"check\"?)"),
        "{id}"
    );
    let (code, _, id) = text(&["check", "--format", "jsn", "sample-data"]);
    assert_eq!(code, Some(2));
    assert!(
        id.contains("nilai \"jsn\" tidak sah untuk --format"),
        "{id}"
    );
    assert!(
        id.contains("yang sah: table, json, csv, html, xlsx"),
        "{id}"
    );
    let (code, _, en) = text(&["--lang", "en", "chekc"]);
    assert_eq!(code, Some(2));
    assert!(en.contains("unrecognized subcommand 'chekc'"), "{en}");
    assert!(!en.contains("tidak dikenal"), "{en}");
}

#[test]
fn json_contract_has_the_documented_keys() {
    let (_, doc) = check_json(&["sample-data/Dinas Sosial"], &[]);
    assert_eq!(doc["version"], 1);
    assert_eq!(doc["tool"]["name"], "bimtek");
    assert_eq!(doc["template"]["id"], "iid-2026");
    assert_eq!(doc["as_of"], AS_OF);
    for k in ["files", "innovations", "errors", "warnings", "infos"] {
        assert!(doc["summary"][k].is_u64(), "summary.{k}");
    }
    let inn = &innovations(&doc)[0];
    for k in [
        "id", "agency", "name", "file", "sheet", "row", "status", "errors", "warnings",
    ] {
        assert!(inn.get(k).is_some(), "innovation.{k}");
    }
    assert!(["ok", "warning", "error"].contains(&inn["status"].as_str().unwrap()));
    let f = &findings(&doc)[0];
    for k in [
        "code",
        "severity",
        "file",
        "sheet",
        "row",
        "column",
        "cell",
        "field",
        "value",
        "message",
        "hint",
        "innovation",
        "agency",
    ] {
        assert!(f.get(k).is_some(), "finding.{k}");
    }
    // Same input, same bytes.
    let a = bimtek(&["check", "--format", "json", "--as-of", AS_OF, "sample-data"]);
    let b = bimtek(&["check", "--format", "json", "--as-of", AS_OF, "sample-data"]);
    assert_eq!(a.stdout, b.stdout);
}

#[test]
fn csv_format_is_one_row_per_finding() {
    let out = bimtek(&["check", "--format", "csv", "--as-of", AS_OF, "sample-data"]);
    assert_eq!(out.status.code(), Some(1));
    let mut r = csv::Reader::from_reader(out.stdout.as_slice());
    let headers: Vec<String> = r.headers().unwrap().iter().map(str::to_string).collect();
    assert_eq!(
        headers,
        [
            "code",
            "severity",
            "file",
            "sheet",
            "row",
            "column",
            "cell",
            "field",
            "indicator",
            "value",
            "message",
            "hint",
            "innovation",
            "agency"
        ]
    );
    let (_, doc) = check_json(&["sample-data"], &[]);
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), findings(&doc).len());
    // Each row names the innovation and agency its JSON finding names.
    for (row, f) in rows.iter().zip(findings(&doc)) {
        assert_eq!(&row[12], f["innovation"].as_str().unwrap_or(""));
        assert_eq!(&row[13], f["agency"].as_str().unwrap_or(""));
    }
}

#[test]
fn table_is_indonesian_by_default_and_english_with_lang_en() {
    let id = bimtek(&["check", "--as-of", AS_OF, "--width", "100", "sample-data"]);
    let id = String::from_utf8(id.stdout).unwrap();
    assert!(id.contains("terverifikasi"), "{id}");
    assert!(id.contains("wajib diisi"), "{id}");
    assert!(id.contains("GALAT"), "{id}");
    assert!(
        id.lines().all(|l| l.chars().count() <= 100),
        "wider than 100:\n{id}"
    );
    let en = bimtek(&[
        "check",
        "--lang",
        "en",
        "--as-of",
        AS_OF,
        "--width",
        "100",
        "sample-data",
    ]);
    let en = String::from_utf8(en.stdout).unwrap();
    assert!(en.contains("Agency"), "{en}");
    assert!(en.contains("is required"), "{en}");
    assert!(en.contains("ERROR"), "{en}");
    let (_, doc) = check_json(&["sample-data"], &["--lang", "en"]);
    let r001 = findings(&doc).iter().find(|f| f["code"] == "R001").unwrap();
    assert_eq!(r001["message"], "Initiator name is required");
}

#[test]
fn exit_codes() {
    // 0: a clean file (it gives no evidence, and a warning says so).
    let (code, doc) = check_json(&[&fixture("codes/H001/ok.csv")], &[]);
    assert_eq!(codes(&doc), ["E018"], "{doc}");
    assert_eq!(code, 0);
    // 1: errors; 0 with --fail-on never.
    assert_eq!(check_json(&[&fixture("codes/R001")], &[]).0, 1);
    assert_eq!(
        check_json(&[&fixture("codes/R001")], &["--fail-on", "never"]).0,
        0
    );
    // Warnings only: 0 by default, 1 with --fail-on warning.
    assert_eq!(check_json(&[&fixture("codes/U001")], &[]).0, 0);
    assert_eq!(
        check_json(&[&fixture("codes/U001")], &["--fail-on", "warning"]).0,
        1
    );
    // 2: the tool could not run.
    for args in [
        vec!["check", "--as-of", "24/11/2026", "sample-data"],
        vec!["check", "--template", "nope", "sample-data"],
        vec!["check"],
        vec!["explain", "Z999"],
    ] {
        let out = bimtek(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(out.stdout.is_empty(), "{args:?}");
        assert!(!out.stderr.is_empty(), "{args:?}");
    }
}

#[test]
fn a_reader_that_stops_early_is_not_an_error() {
    // `bimtek check ... --format json | head`: stdout closes while the
    // document is written. Every format ends quietly with 0.
    let dir = tempfile::tempdir().unwrap();
    let one = std::fs::read("sample-data/Dinas Pendidikan/data_inovasi_disdik.csv").unwrap();
    for i in 0..200 {
        std::fs::write(dir.path().join(format!("disdik-{i:03}.csv")), &one).unwrap();
    }
    for format in ["json", "table", "csv", "html"] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_bimtek"))
            .args(["check", "--as-of", AS_OF, "--format", format])
            .arg(dir.path())
            .env("NO_COLOR", "1")
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdout = child.stdout.take().unwrap();
        let mut first = [0u8; 16];
        std::io::Read::read_exact(&mut stdout, &mut first).unwrap();
        drop(stdout);
        let out = child.wait_with_output().unwrap();
        assert_eq!(
            out.status.code(),
            Some(0),
            "{format}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            out.stderr.is_empty(),
            "{format}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn a_broken_template_names_file_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("saya.toml");
    std::fs::write(
        &path,
        "[template]\nid = \"saya\"\nname = \"x\"\nyear = 2026\n\n[[field]]\nkey = \"nama_inovasi\"\nlabel = \"Nama\"\ntype = \"txt\"\n",
    )
    .unwrap();
    let out = bimtek(&["check", "--template", path.to_str().unwrap(), "sample-data"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("saya.toml:9:8"), "{err}");
    assert!(err.contains("txt"), "{err}");
}

#[test]
fn a_users_own_template_is_used() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("longgar.toml");
    // Extends the shipped template and switches the word minimum to a warning.
    std::fs::write(
        &path,
        "[template]\nid = \"longgar\"\nname = \"Longgar\"\nyear = 2026\nextends = \"iid-2026\"\n\n[severity]\nT001 = \"warning\"\n",
    )
    .unwrap();
    let (code, doc) = check_json(
        &[&fixture("codes/T001")],
        &["--template", path.to_str().unwrap()],
    );
    assert_eq!(doc["template"]["id"], "longgar");
    let t001 = findings(&doc).iter().find(|f| f["code"] == "T001").unwrap();
    assert_eq!(t001["severity"], "warning");
    assert_eq!(code, 0);
}

#[test]
fn explain_prints_a_code_or_lists_them_all() {
    let out = bimtek(&["explain", "r001"]);
    assert_eq!(out.status.code(), Some(0));
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(s.starts_with("R001: Isian wajib kosong"), "{s}");
    let out = bimtek(&["--lang", "en", "explain", "R001"]);
    assert!(
        String::from_utf8(out.stdout)
            .unwrap()
            .contains("Required value empty")
    );
    let out = bimtek(&["explain"]);
    let s = String::from_utf8(out.stdout).unwrap();
    assert_eq!(s.lines().count(), bimtek::diag::CODES.len());
}

// ---------------------------------------------------------------- loading

fn load_case(name: &str) -> (i32, Value) {
    check_json(&[&fixture(&format!("load/{name}"))], &[])
}

fn file_codes(doc: &Value) -> Vec<String> {
    findings(doc)
        .iter()
        .filter(|f| f["row"].is_null())
        .map(|f| f["code"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn unreadable_files_are_findings_naming_the_file() {
    for (name, code) in [
        ("corrupt.xlsx", "F001"),
        ("encrypted.xlsx", "F002"),
        ("empty.xlsx", "F003"),
        ("empty-sheet.xlsx", "F003"),
        ("header-only.xlsx", "F003"),
        ("html-table.xls", "F004"),
        ("pdf-named.xlsx", "F004"),
        ("not-zip.xlsx", "F004"),
    ] {
        let (exit, doc) = load_case(name);
        assert_eq!(exit, 1, "{name}");
        let f = findings(&doc).iter().find(|f| f["code"] == code);
        let f = f.unwrap_or_else(|| panic!("{name}: no {code} in {doc}"));
        assert!(f["file"].as_str().unwrap().ends_with(name), "{name}");
        assert!(!f["message"].as_str().unwrap().is_empty());
        assert!(!f["hint"].as_str().unwrap().is_empty());
    }
}

#[test]
fn a_broken_file_does_not_stop_the_batch() {
    let (_, doc) = check_json(
        &[
            &fixture("load/corrupt.xlsx"),
            &fixture("load/encrypted.xlsx"),
            &fixture("load/semicolon.csv"),
        ],
        &[],
    );
    assert_eq!(doc["summary"]["files"], 3);
    assert!(codes(&doc).contains(&"F001".to_string()));
    assert!(codes(&doc).contains(&"F002".to_string()));
    assert!(
        innovations(&doc)
            .iter()
            .any(|i| i["file"].as_str().unwrap().ends_with("semicolon.csv"))
    );
}

#[test]
fn title_rows_and_data_from_b3() {
    let (_, doc) = load_case("title-rows-b3.xlsx");
    let rows: Vec<u64> = innovations(&doc)
        .iter()
        .map(|i| i["row"].as_u64().unwrap())
        .collect();
    assert!(!rows.is_empty());
    assert!(rows.iter().all(|&r| r >= 4), "{rows:?}");
    assert!(!file_codes(&doc).contains(&"F005".to_string()));
    // Cells are reported where they are: nothing in column A.
    assert!(findings(&doc).iter().all(|f| f["column"] != "A"), "{doc}");
}

#[test]
fn delimiters_bom_encodings_and_line_ends() {
    for name in [
        "semicolon.csv",
        "bom.csv",
        "cp1252.csv",
        "tab.tsv",
        "crlf.csv",
        "quoted-newline.csv",
    ] {
        let (_, doc) = load_case(name);
        assert!(!innovations(&doc).is_empty(), "{name}: no rows read");
        // Every header was recognised: no unknown columns, no missing name.
        let hs: Vec<_> = findings(&doc)
            .iter()
            .filter(|f| f["code"] == "H001")
            .collect();
        assert!(hs.is_empty(), "{name}: {hs:?}");
        assert!(
            innovations(&doc)
                .iter()
                .all(|i| !i["name"].as_str().unwrap().is_empty()),
            "{name}"
        );
    }
    let (_, doc) = load_case("cp1252.csv");
    assert!(codes(&doc).contains(&"F006".to_string()));
    assert!(
        innovations(&doc)
            .iter()
            .any(|i| i["name"].as_str().unwrap().contains('é')),
        "{doc}"
    );
    let (_, doc) = load_case("quoted-newline.csv");
    assert_eq!(innovations(&doc).len(), 2);
}

#[test]
fn dates_from_cells_serials_text_and_the_1904_system() {
    // With the reference date the day before, every reading of 17 May 2024
    // is "in the future": five D004, one per form, and none unreadable.
    for (name, n) in [
        ("dates.xlsx", 5),
        ("date1904.xlsx", 1),
        ("sample.ods", 0),
        ("sample.xls", 0),
    ] {
        let out = bimtek(&[
            "check",
            "--format",
            "json",
            "--as-of",
            "2024-05-16",
            &fixture(&format!("load/{name}")),
        ]);
        let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
        let d004 = findings(&doc)
            .iter()
            .filter(|f| f["code"] == "D004")
            .count();
        assert!(d004 >= n, "{name}: {d004} D004 in {doc}");
        assert!(!codes(&doc).contains(&"D001".to_string()), "{name}: {doc}");
        if name == "date1904.xlsx" {
            let f = findings(&doc).iter().find(|f| f["code"] == "D004").unwrap();
            assert!(f["message"].as_str().unwrap().contains("17/05/2024"), "{f}");
        }
    }
}

#[test]
fn formula_errors_merged_headers_and_sheets() {
    let (_, doc) = load_case("formula-errors.xlsx");
    let cells: Vec<&str> = findings(&doc)
        .iter()
        .filter(|f| f["code"] == "V004")
        .map(|f| f["cell"].as_str().unwrap())
        .collect();
    assert!(cells.iter().any(|c| c.ends_with("D3")), "{cells:?}");
    assert!(cells.iter().any(|c| c.ends_with("C4")), "{cells:?}");
    // A formula with a cached number is a value, not an error.
    assert!(!cells.iter().any(|c| c.ends_with("E4")), "{cells:?}");

    let (_, doc) = load_case("merged-header.xlsx");
    assert!(!innovations(&doc).is_empty());

    let (_, doc) = load_case("hidden-sheet.xlsx");
    assert!(codes(&doc).contains(&"F008".to_string()));
    assert!(
        innovations(&doc)
            .iter()
            .all(|i| i["sheet"] == "Data Inovasi")
    );
    assert_eq!(innovations(&doc).len(), 3);

    let (_, doc) = load_case("multi-sheet.xlsx");
    assert_eq!(innovations(&doc).len(), 3);
    assert!(!codes(&doc).contains(&"F005".to_string()));

    for name in ["sample.ods", "sample.xls", "sample.xlsm"] {
        let (_, doc) = load_case(name);
        assert_eq!(innovations(&doc).len(), 3, "{name}");
    }

    let (_, doc) = load_case("csv-named.xlsx");
    assert!(codes(&doc).contains(&"F007".to_string()));
    assert!(!innovations(&doc).is_empty());
}

#[test]
fn walking_a_folder_skips_lock_and_hidden_files() {
    let (_, doc) = check_json(&[&fixture("load")], &[]);
    let files: Vec<&str> = findings(&doc)
        .iter()
        .map(|f| f["file"].as_str().unwrap())
        .chain(
            innovations(&doc)
                .iter()
                .map(|i| i["file"].as_str().unwrap()),
        )
        .collect();
    assert!(
        !files
            .iter()
            .any(|f| f.contains("~$") || f.contains("/.hidden")),
        "{files:?}"
    );
    assert!(files.iter().any(|f| f.ends_with("semicolon.csv")));
}

#[test]
fn real_files_from_regional_systems_load_and_map() {
    // ../shared/realdata holds real published innovation lists (never
    // copied into the project). CI has it; where it is absent the test says
    // so (written to stderr directly, which the test harness does not
    // capture), and fails when BIMTEK_REQUIRE_REALDATA is set.
    let real = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/realdata");
    if !real.is_dir() {
        assert!(
            std::env::var_os("BIMTEK_REQUIRE_REALDATA").is_none(),
            "BIMTEK_REQUIRE_REALDATA is set but {} is absent",
            real.display()
        );
        use std::io::Write;
        let _ = writeln!(
            std::io::stderr(),
            "real_files_from_regional_systems_load_and_map skipped: {} is absent",
            real.display()
        );
        return;
    }
    let (code, doc) = check_json(&[real.to_str().unwrap()], &[]);
    assert!(code == 0 || code == 1, "exit {code}");
    let per_file = |suffix: &str| {
        innovations(&doc)
            .iter()
            .filter(|i| i["file"].as_str().unwrap().ends_with(suffix))
            .count()
    };
    // Kota Bogor 2017: 32 innovations; LAN directory: 200; LAN workbook: the
    // Labinov idea lists and directories on four sheets.
    assert_eq!(per_file("inovasi_kota-bogor_2017.csv"), 32);
    assert_eq!(per_file("inovasi-lan_inovasi_flat.csv"), 200);
    assert!(
        per_file("kondisi-inovasi.xlsx") >= 1_869,
        "{}",
        per_file("kondisi-inovasi.xlsx")
    );
    // The name column maps in every innovation list: no innovation without a name.
    let missing_name: Vec<_> = findings(&doc)
        .iter()
        .filter(|f| f["code"] == "H002" && f["field"] == "nama_inovasi")
        .collect();
    assert!(missing_name.is_empty(), "{missing_name:?}");
    // Agencies come from their columns (LAN unit_instansi, Labinov Inovator).
    let lan = innovations(&doc)
        .iter()
        .find(|i| {
            i["file"]
                .as_str()
                .unwrap()
                .ends_with("inovasi-lan_inovasi_flat.csv")
        })
        .unwrap();
    assert_ne!(lan["agency"], "inovasi lan inovasi flat");
}

// ---------------------------------------------------------------- evidence, score, show

#[test]
fn evidence_scores_and_the_pemda_estimate_in_json() {
    let (_, doc) = check_json(
        &["sample-data"],
        &["--spd", "40", "--pemda", "Kabupaten Tanah Merah"],
    );
    let inn = innovations(&doc)
        .iter()
        .find(|i| i["name"] == "TB Tuntas Bersama Kader")
        .unwrap();
    let score = &inn["score"];
    assert_eq!(score["max"], 111.0);
    assert!(score["claimed"].as_f64().unwrap() > score["verified"].as_f64().unwrap());
    let risks: Vec<(u64, &str)> = score["at_risk"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["indicator"].as_u64().unwrap(),
                r["code"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(risks, [(2, "E009"), (17, "E004")]);
    // Evidence findings carry their indicator number.
    let e003 = findings(&doc).iter().find(|f| f["code"] == "E003").unwrap();
    assert_eq!(e003["indicator"], 2);
    let pemda = &doc["pemda"][0];
    assert_eq!(pemda["name"], "Kabupaten Tanah Merah");
    assert_eq!(pemda["innovations"], 24);
    assert_eq!(pemda["spd"], 40.0);
    for k in [
        "sid",
        "count_score",
        "iid",
        "predicate",
        "yandas_covered",
        "yandas_missing",
    ] {
        assert!(pemda.get(k).is_some(), "pemda.{k}");
    }
    // Seven innovations would not pass eligibility: the four of Dinas
    // Sosial, whose sheet has no column for a required field (H002 holds for
    // each of them), an empty required value, a value not on the list and
    // Penerapan without its date. The other 17 cover only four of the six
    // yandas, so the verified count part is 0.
    assert_eq!(pemda["left_out"], 7);
    assert_eq!(pemda["left_out_by"]["H002"], 4);
    assert_eq!(pemda["left_out_by"]["R001"], 1);
    assert_eq!(pemda["left_out_by"]["V001"], 1);
    assert_eq!(pemda["left_out_by"]["D006"], 1);
    assert_eq!(pemda["yandas_covered"].as_array().unwrap().len(), 4);
    assert_eq!(pemda["count_score"], 0.0);
    assert!(pemda["iid_claimed"].as_f64().unwrap() > pemda["iid"].as_f64().unwrap());
    let iid = pemda["iid"].as_f64().unwrap();
    let sid = pemda["sid"].as_f64().unwrap();
    assert!(
        (iid - ((40.0 + sid) / 250.0 * 100.0)).abs() < 0.011,
        "{pemda}"
    );
}

#[test]
fn explicit_evidence_folder_and_references_that_leave_it() {
    // With --evidence pointing elsewhere, the sample files are not found.
    let dir = tempfile::tempdir().unwrap();
    let (_, doc) = check_json(
        &["sample-data/Dinas Sosial"],
        &["--evidence", dir.path().to_str().unwrap()],
    );
    assert!(findings(&doc).iter().any(|f| f["code"] == "E003"), "{doc}");
    let out = bimtek(&["check", "--evidence", "/no/such/folder", "sample-data"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn show_prints_one_innovation_as_a_card() {
    let out = bimtek(&[
        "show",
        "tb tuntas",
        "--as-of",
        AS_OF,
        "--width",
        "100",
        "sample-data",
    ]);
    let s = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(1), "{s}");
    assert!(s.starts_with("TB Tuntas Bersama Kader"), "{s}");
    assert!(s.contains("Kecepatan penciptaan inovasi*"), "{s}");
    assert!(s.contains("bermasalah (E004)"), "{s}");
    assert!(s.contains("E009"), "{s}");
    // Ambiguous and unknown queries are refused with the candidates.
    let out = bimtek(&["show", "inovasi", "--as-of", AS_OF, "sample-data"]);
    assert_eq!(out.status.code(), Some(2));
    let out = bimtek(&[
        "show",
        "tidak ada sama sekali",
        "--as-of",
        AS_OF,
        "sample-data",
    ]);
    assert_eq!(out.status.code(), Some(2));
}

/// Issue 34: `show` lists every finding its innovation carries, its
/// evidence rows' E011 warning included, and `--format json` prints JSON.
#[test]
fn show_lists_every_finding_and_prints_json_issue_34() {
    let args = |format: &'static str| {
        vec![
            "show",
            "tb tuntas",
            "--as-of",
            AS_OF,
            "--width",
            "100",
            "--format",
            format,
            "sample-data",
        ]
    };
    let out = bimtek(&args("json"));
    assert_eq!(out.status.code(), Some(1));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stdout)));
    let inn = &doc["innovation"];
    assert_eq!(inn["name"], "TB Tuntas Bersama Kader", "{doc}");
    let listed = doc["findings"].as_array().unwrap();
    let count = |sev: &str| listed.iter().filter(|f| f["severity"] == sev).count() as u64;
    assert_eq!(count("error"), inn["errors"].as_u64().unwrap(), "{doc}");
    assert_eq!(count("warning"), inn["warnings"].as_u64().unwrap(), "{doc}");
    let e011: Vec<_> = listed.iter().filter(|f| f["code"] == "E011").collect();
    assert_eq!(e011.len(), 1, "{doc}");
    assert_eq!(e011[0]["cell"], "'Bukti Dukung'!G23");
    assert_eq!(e011[0]["innovation"], "TB Tuntas Bersama Kader");
    let name = doc["fields"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["key"] == "nama_inovasi")
        .unwrap();
    assert_eq!(name["value"], "TB Tuntas Bersama Kader", "{doc}");

    // The card lists the same findings, E011 among them.
    let card = String::from_utf8(bimtek(&args("table")).stdout).unwrap();
    let todo = card.split("Yang perlu diperbaiki").nth(1).unwrap();
    for f in listed {
        let code = f["code"].as_str().unwrap();
        let cell = f["cell"].as_str().unwrap();
        assert!(
            todo.contains(&format!("{code} {cell}")),
            "{code} {cell}\n{card}"
        );
    }
    assert!(
        todo.contains("PERINGATAN E011 'Bukti Dukung'!G23"),
        "{card}"
    );

    // A form the card cannot take, or an output file it would not write,
    // is refused, not ignored.
    assert_eq!(bimtek(&args("csv")).status.code(), Some(2));
    let mut to_file = args("json");
    to_file.extend(["-o", "kartu.json"]);
    let out = bimtek(&to_file);
    assert_eq!(out.status.code(), Some(2));
    assert!(!Path::new("kartu.json").exists());
}

/// The cells of a table line, whatever the borders (`│ a ┆ b │`).
fn table_cells(line: &str) -> Vec<String> {
    line.split(['│', '┆', '|'])
        .map(|c| c.trim().to_string())
        .filter(|c| !c.is_empty())
        .collect()
}

/// Issue 34: the table's columns in an officer's words, and numbers as each
/// language writes them (decimal comma in Bahasa Indonesia); JSON keeps
/// numbers as numbers.
#[test]
fn table_header_and_numbers_read_as_each_language_writes_issue_34() {
    let run = |lang: &str| {
        let out = bimtek(&[
            "check",
            "--as-of",
            AS_OF,
            "--width",
            "140",
            "--lang",
            lang,
            "sample-data",
        ]);
        String::from_utf8(out.stdout).unwrap()
    };
    let id = run("id");
    let header = id.lines().nth(3).unwrap();
    assert_eq!(
        table_cells(header),
        [
            "OPD",
            "Berkas",
            "Inovasi",
            "Tanpa temuan",
            "Ada peringatan",
            "Ada galat",
            "Skor klaim",
            "Skor terverifikasi"
        ],
        "{id}"
    );
    let row = |text: &str, agency: &str| {
        let line = text.lines().find(|l| l.contains(agency)).unwrap();
        table_cells(line)
    };
    assert_eq!(row(&id, "Dinas Kesehatan")[6..], ["22,5", "19,3"], "{id}");
    assert!(id.contains("Estimasi IID Pemda: 2,33 ("), "{id}");
    assert!(
        id.contains("Estimasi bila semua inovasi dan klaim dihitung: 7,73."),
        "{id}"
    );
    let en = run("en");
    assert_eq!(row(&en, "Dinas Kesehatan")[6..], ["22.5", "19.3"], "{en}");
    assert!(en.contains("IID estimate Pemda: 2.33 ("), "{en}");

    // Messages: an evidence file over the size limit.
    let e006 = fixture("codes/E006");
    for (lang, size) in [
        ("id", "berukuran 2,1 MB; batas 2 MB"),
        ("en", "is 2.1 MB; the limit is 2 MB"),
    ] {
        let (_, doc) = check_json(&[&e006], &["--lang", lang]);
        let f = common::findings_coded(&doc, "E006");
        assert!(f[0]["message"].as_str().unwrap().contains(size), "{doc}");
        // JSON keeps numbers as numbers.
        assert!(doc["innovations"][0]["score"]["claimed"].is_f64(), "{doc}");
    }
}

// ---------------------------------------------------------------- portal

#[test]
fn portal_status_changes_and_portal_only() {
    let fixtures = fixture("portal/portal-2026.xls");
    let (_, doc) = check_json(&[&fixture("codes/P002")], &["--baseline", &fixtures]);
    let bad = innovations(&doc)
        .iter()
        .find(|i| i["name"] == "BAD P002")
        .unwrap();
    assert_eq!(bad["portal"]["status"], "outdated");
    assert_eq!(bad["portal"]["match"], "BAD P002");
    assert_eq!(bad["portal"]["similarity"], 1.0);
    assert_eq!(
        bad["portal"]["changes"],
        serde_json::json!([{"field": "tahapan", "portal": "Uji Coba", "agency": "Penerapan"}])
    );
    let ok = innovations(&doc)
        .iter()
        .find(|i| i["name"] == "OK P002")
        .unwrap();
    assert_eq!(ok["portal"]["status"], "up_to_date");
    let only: Vec<&str> = doc["portal_only"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["name"].as_str().unwrap())
        .collect();
    assert!(only.contains(&"BAD P004 hanya di portal"), "{only:?}");
    // A similar name above the threshold matches; below it does not.
    let (_, doc) = check_json(&[&fixture("codes/P003")], &["--baseline", &fixtures]);
    let amb = innovations(&doc)
        .iter()
        .find(|i| i["name"] == "BAD P003 Layanan")
        .unwrap();
    assert_eq!(amb["portal"]["status"], "not_entered");
    assert_eq!(amb["portal"]["candidates"].as_array().unwrap().len(), 2);
    let (_, doc) = check_json(
        &[&fixture("codes/P003")],
        &["--baseline", &fixtures, "--match-threshold", "0.9"],
    );
    let amb = innovations(&doc)
        .iter()
        .find(|i| i["name"] == "BAD P003 Layanan")
        .unwrap();
    assert!(amb["portal"]["candidates"].is_null(), "{amb}");
    // Without a baseline there is no portal section at all.
    let (_, doc) = check_json(&[&fixture("codes/P002")], &[]);
    assert!(doc.get("portal_only").is_none());
    assert!(innovations(&doc)[0].get("portal").is_none());
    // The table reads like a to-do list for the session.
    let out = bimtek(&[
        "check",
        "--as-of",
        AS_OF,
        "--baseline",
        &fixtures,
        &fixture("codes/P002"),
    ]);
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(s.contains("Perlu diperbarui:"), "{s}");
    assert!(s.contains("tahapan: \"Uji Coba\" -> \"Penerapan\""), "{s}");
    assert!(s.contains("Hanya di portal"), "{s}");
}

#[test]
fn an_unreadable_baseline_is_a_finding_and_not_an_input() {
    let (_, doc) = check_json(
        &[&fixture("codes/P001")],
        &["--baseline", &fixture("load/corrupt.xlsx")],
    );
    assert_eq!(doc["summary"]["files"], 1);
    let f = findings(&doc)
        .iter()
        .find(|f| f["file"] == fixture("load/corrupt.xlsx"))
        .unwrap_or_else(|| panic!("{doc}"));
    assert_eq!(f["code"], "F001");
}

#[test]
fn an_innovations_status_counts_the_findings_on_its_row_and_its_evidence_rows() {
    let (_, doc) = check_json(&["sample-data", &fixture("codes")], &[]);
    let (mut warned, mut erred) = (0, 0);
    for i in innovations(&doc) {
        let (errors, warnings) = (
            i["errors"].as_u64().unwrap(),
            i["warnings"].as_u64().unwrap(),
        );
        let on_row = |severity: &str| {
            findings(&doc)
                .iter()
                .filter(|f| {
                    f["severity"] == severity
                        && f["file"] == i["file"]
                        && f["sheet"] == i["sheet"]
                        && f["row"] == i["row"]
                })
                .count() as u64
        };
        // Its own row's findings, and maybe some on evidence rows elsewhere.
        assert!(
            errors >= on_row("error") && warnings >= on_row("warning"),
            "{i}"
        );
        let status = match (errors, warnings) {
            (0, 0) => "ok",
            (0, _) => "warning",
            _ => "error",
        };
        assert_eq!(i["status"], status, "{i}");
        warned += usize::from(status == "warning");
        erred += usize::from(status == "error");
    }
    assert!(warned > 0 && erred > 0);
    // E016: the only finding is on a row of the long evidence sheet, and it
    // counts for the innovation that row belongs to.
    let (_, doc) = check_json(&[&fixture("codes/E016")], &[]);
    let f = &findings(&doc)[..];
    assert!(f.len() == 1 && f[0]["file"].as_str().unwrap().ends_with("bukti.csv"));
    let counts: Vec<_> = innovations(&doc)
        .iter()
        .map(|i| {
            (
                i["row"].as_u64().unwrap(),
                i["errors"].as_u64().unwrap(),
                i["status"].clone(),
            )
        })
        .collect();
    assert_eq!(counts, [(2, 0, "ok".into()), (3, 1, "error".into())]);
}
