//! What counts for an innovation, and what names it (issue "What is data,
//! and what is clean"): a finding about a whole sheet counts for every
//! innovation on it, through status, counts, table, `show` and `export`;
//! files are counted once; nothing to check is not success; and every
//! finding tied to an innovation names it.

mod common;

use common::{AS_OF, bimtek, fixture_row};
use serde_json::Value;
use std::path::Path;

/// The columns and one clean row of a complete innovation (the H002 fixture
/// with every column).
fn clean_columns() -> (Vec<String>, Vec<String>) {
    fixture_row("tests/fixtures/codes/H002/ok.csv")
}

/// A workbook as an agency sends it: a title and a blank row above the
/// header, then one row per innovation, without the columns in `leave_out`.
fn agency_workbook(path: &Path, agency: &str, names: &[&str], leave_out: &[&str]) {
    let (head, row) = clean_columns();
    let keep: Vec<usize> = (0..head.len())
        .filter(|&c| !leave_out.contains(&head[c].as_str()))
        .collect();
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Inovasi 2026").unwrap();
    ws.write_string(
        0,
        0,
        format!("DAFTAR INOVASI {} TAHUN 2026", agency.to_uppercase()),
    )
    .unwrap();
    for (c, &k) in keep.iter().enumerate() {
        ws.write_string(2, c as u16, &head[k]).unwrap();
    }
    for (r, name) in names.iter().enumerate() {
        for (c, &k) in keep.iter().enumerate() {
            let value = match head[k].as_str() {
                "Nama Inovasi" => name.to_string(),
                "Nama Perangkat Daerah" => agency.to_string(),
                _ => row[k].clone(),
            };
            ws.write_string(3 + r as u32, c as u16, value).unwrap();
        }
    }
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    wb.save(path).unwrap();
}

/// Two agencies: Dinas Uji's sheet has no "Nama Inisiator" column, Dinas
/// Lengkap's is complete.
fn two_agencies(dir: &Path) {
    agency_workbook(
        &dir.join("Dinas Uji/inovasi.xlsx"),
        "Dinas Uji",
        &["SIPANDU Posyandu Digital", "Lumbung Pangan Desa"],
        &["Nama Inisiator"],
    );
    agency_workbook(
        &dir.join("Dinas Lengkap/inovasi.xlsx"),
        "Dinas Lengkap",
        &["Pojok Baca Desa"],
        &[],
    );
}

fn run(args: &[&str]) -> (i32, String, String) {
    let out = bimtek(args);
    (
        out.status.code().expect("exited"),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn json(paths: &[&str]) -> (i32, Value) {
    let mut args = vec!["check", "--format", "json", "--as-of", AS_OF];
    args.extend_from_slice(paths);
    let (code, out, err) = run(&args);
    (
        code,
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {err}")),
    )
}

fn table(paths: &[&str]) -> String {
    let mut args = vec!["check", "--as-of", AS_OF, "--width", "100"];
    args.extend_from_slice(paths);
    run(&args).1
}

/// The numbers of the summary table's row that starts with `first`.
fn table_row(table: &str, first: &str) -> Vec<String> {
    let line = table
        .lines()
        .find(|l| {
            l.trim_start_matches(['│', '|', ' '])
                .starts_with(&format!("{first} "))
        })
        .unwrap_or_else(|| panic!("no row {first}:\n{table}"));
    line.split(['│', '┆', '|'])
        .map(|c| c.trim().to_string())
        .filter(|c| !c.is_empty())
        .skip(1)
        .collect()
}

#[test]
fn a_required_column_missing_makes_every_innovation_of_the_sheet_an_error() {
    let dir = tempfile::tempdir().unwrap();
    two_agencies(dir.path());
    let d = dir.path().to_str().unwrap();
    let (code, doc) = json(&[d]);
    assert_eq!(code, 1);
    // One H002 for the sheet, about the missing field, tied to no one row.
    let h002: Vec<&Value> = common::findings_coded(&doc, "H002");
    assert_eq!(h002.len(), 1, "{h002:?}");
    assert_eq!(h002[0]["field"], "nama_inisiator");
    assert_eq!(h002[0]["innovation"], Value::Null);
    let inn = doc["innovations"].as_array().unwrap();
    let of =
        |agency: &str| -> Vec<&Value> { inn.iter().filter(|i| i["agency"] == agency).collect() };
    assert_eq!(of("Dinas Uji").len(), 2);
    for i in of("Dinas Uji") {
        assert_eq!(i["status"], "error", "{i}");
        assert_eq!(i["errors"], 1, "{i}");
    }
    let lengkap = of("Dinas Lengkap");
    assert_eq!(lengkap.len(), 1);
    assert_eq!(lengkap[0]["status"], "ok", "{}", lengkap[0]);

    // The table's columns: Berkas, Inovasi, Tanpa temuan, Ada peringatan, Ada galat.
    let t = table(&[d]);
    assert_eq!(
        table_row(&t, "Dinas Uji")[..5],
        ["1", "2", "0", "0", "2"],
        "{t}"
    );
    assert_eq!(
        table_row(&t, "Dinas Lengkap")[..5],
        ["1", "1", "1", "0", "0"]
    );
}

#[test]
fn the_template_severity_of_a_missing_column_is_the_innovations_status() {
    let dir = tempfile::tempdir().unwrap();
    two_agencies(dir.path());
    let template = dir.path().join("lunak.toml");
    std::fs::write(
        &template,
        "[template]\nid = \"lunak\"\nname = \"Lunak\"\nyear = 2026\nextends = \"iid-2026\"\n\n\
         [severity]\nH002 = \"warning\"\n",
    )
    .unwrap();
    let d = dir.path().join("Dinas Uji");
    let (_, doc) = json(&[
        "--template",
        template.to_str().unwrap(),
        d.to_str().unwrap(),
    ]);
    for i in doc["innovations"].as_array().unwrap() {
        assert_eq!(i["status"], "warning", "{i}");
        assert_eq!(
            (i["errors"].as_u64(), i["warnings"].as_u64()),
            (Some(0), Some(1))
        );
    }
}

#[test]
fn show_says_an_innovation_of_a_sheet_without_a_required_column_is_not_clean() {
    let dir = tempfile::tempdir().unwrap();
    two_agencies(dir.path());
    let (code, out, err) = run(&[
        "show",
        "--as-of",
        AS_OF,
        "Lumbung Pangan Desa",
        dir.path().to_str().unwrap(),
    ]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(out.contains("Status: GALAT (1 galat"), "{out}");
    assert!(out.contains("(kolom tidak ada)"), "{out}");
    assert!(
        out.contains("GALAT H002") && out.contains("\"Nama Inisiator\""),
        "{out}"
    );
}

#[test]
fn export_excludes_the_innovations_of_a_sheet_without_a_required_column() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("masuk");
    two_agencies(&inputs);
    let out = dir.path().join("paket");
    let (code, _, err) = run(&[
        "export",
        "--as-of",
        AS_OF,
        "--out",
        out.to_str().unwrap(),
        inputs.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    let mut ex = csv::Reader::from_path(out.join("dikecualikan.csv")).unwrap();
    let rows: Vec<csv::StringRecord> = ex.records().map(Result::unwrap).collect();
    let names: Vec<&str> = rows.iter().map(|r| &r[2]).collect();
    assert_eq!(names, ["SIPANDU Posyandu Digital", "Lumbung Pangan Desa"]);
    for r in &rows {
        assert_eq!(&r[3], "1");
        assert!(
            r[4].starts_with("H002 ") && r[4].contains("Nama Inisiator"),
            "{r:?}"
        );
    }
    let data = std::fs::read_to_string(out.join("data/inovasi.csv")).unwrap();
    assert!(data.contains("Pojok Baca Desa"), "{data}");
    assert!(!data.contains("Lumbung Pangan Desa"), "{data}");
}

#[test]
fn a_recap_file_of_many_agencies_is_one_file_in_the_total() {
    let dir = tempfile::tempdir().unwrap();
    let (head, row) = clean_columns();
    let mut w = csv::Writer::from_path(dir.path().join("rekap-inovasi-2026.csv")).unwrap();
    w.write_record(&head).unwrap();
    let agency = head
        .iter()
        .position(|h| h == "Nama Perangkat Daerah")
        .unwrap();
    let name = head.iter().position(|h| h == "Nama Inovasi").unwrap();
    for (k, a) in ["Dinas Sosial", "Dinas Pendidikan", "Dinas Kesehatan"]
        .iter()
        .enumerate()
    {
        let mut r = row.clone();
        r[agency] = a.to_string();
        r[name] = format!("Inovasi {k} {a}");
        w.write_record(&r).unwrap();
    }
    w.flush().unwrap();
    drop(w);
    let t = table(&[dir.path().to_str().unwrap()]);
    for a in ["Dinas Sosial", "Dinas Pendidikan", "Dinas Kesehatan"] {
        assert_eq!(table_row(&t, a)[0], "1", "{t}");
    }
    assert_eq!(table_row(&t, "Jumlah")[..2], ["1", "3"], "{t}");
    assert!(t.contains("1 berkas, 3 inovasi"), "{t}");
}

#[test]
fn nothing_to_check_is_exit_2_naming_the_paths_and_the_formats() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("kosong");
    let docs = dir.path().join("dokumen");
    std::fs::create_dir_all(&empty).unwrap();
    std::fs::create_dir_all(&docs).unwrap();
    std::fs::write(docs.join("catatan.txt"), "rapat bimtek").unwrap();
    std::fs::write(docs.join("surat.pdf"), b"%PDF-1.4\n").unwrap();
    for (paths, what) in [
        (vec![&empty], vec!["folder kosong"]),
        (
            vec![&empty, &docs],
            vec![
                "folder kosong",
                "folder berisi 2 berkas, tidak satu pun berisi data inovasi",
            ],
        ),
    ] {
        for format in ["table", "json"] {
            let mut args = vec!["check", "--format", format];
            args.extend(paths.iter().map(|p| p.to_str().unwrap()));
            let (code, out, err) = run(&args);
            assert_eq!(code, 2, "{out}{err}");
            assert!(out.is_empty(), "{out}");
            assert!(
                err.contains("tidak ada berkas data inovasi untuk diperiksa"),
                "{err}"
            );
            for (p, w) in paths.iter().zip(&what) {
                assert!(err.contains(&format!("{}: {w}", p.display())), "{err}");
            }
            assert!(
                err.contains(".xlsx, .xlsm, .xlsb, .xls, .ods, .csv, .tsv"),
                "{err}"
            );
        }
    }
    // A share that is not there, and the other commands.
    let gone = dir.path().join("share-tidak-tersambung");
    let (code, _, err) = run(&["check", gone.to_str().unwrap()]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains(&format!("{}: tidak ditemukan", gone.display())),
        "{err}"
    );
    let out = dir.path().join("paket");
    for args in [
        vec!["show", "SIPANDU", empty.to_str().unwrap()],
        vec![
            "export",
            "--out",
            out.to_str().unwrap(),
            empty.to_str().unwrap(),
        ],
    ] {
        let (code, _, err) = run(&args);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(err.contains("tidak ada berkas data inovasi"), "{err}");
    }
    assert!(!out.exists());
}

#[test]
fn watch_on_an_empty_folder_says_so_and_waits_for_files() {
    use std::io::{BufRead, BufReader};
    use std::process::{Command, Stdio};
    use std::sync::mpsc;
    use std::time::Duration;
    struct Kill(std::process::Child);
    impl Drop for Kill {
        fn drop(&mut self) {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }
    let dir = tempfile::tempdir().unwrap();
    let mut child = Kill(
        Command::new(env!("CARGO_BIN_EXE_bimtek"))
            .args(["check", "--watch", "--format", "json", "--as-of", AS_OF])
            .arg(dir.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap(),
    );
    let lines = |stream: Box<dyn std::io::Read + Send>| {
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stream).lines() {
                let Ok(line) = line else { break };
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        rx
    };
    let out = lines(Box::new(child.0.stdout.take().unwrap()));
    let err = lines(Box::new(child.0.stderr.take().unwrap()));
    let said = err
        .recv_timeout(Duration::from_secs(20))
        .expect("a message within 20 s");
    assert!(
        said.contains("tidak ada berkas data inovasi untuk diperiksa"),
        "{said}"
    );
    // Still running, and a file that arrives is checked.
    std::thread::sleep(Duration::from_millis(500));
    assert!(child.0.try_wait().unwrap().is_none(), "bimtek stopped");
    agency_workbook(
        &dir.path().join("Dinas Uji/inovasi.xlsx"),
        "Dinas Uji",
        &["SIPANDU Posyandu Digital"],
        &[],
    );
    let line = out
        .recv_timeout(Duration::from_secs(20))
        .expect("a report within 20 s of the file arriving");
    let doc: Value = serde_json::from_str(&line).unwrap();
    assert_eq!(doc["summary"]["innovations"], 1);
}

#[test]
fn findings_name_their_innovation_in_json_csv_and_table() {
    let (_, doc) = json(&["sample-data"]);
    let f = |code: &str, cell: &str| -> &Value {
        doc["findings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["code"] == code && f["cell"] == cell)
            .unwrap_or_else(|| panic!("no {code} at {cell}"))
    };
    // On the innovation's row.
    let d005 = f("D005", "'Inovasi 2026'!K8");
    assert_eq!(d005["innovation"], "Ambulans Desa Siaga");
    assert_eq!(d005["agency"], "Dinas Kesehatan");
    // On an evidence row of the long evidence sheet attached to it.
    let e009 = f("E009", "'Bukti Dukung'!E20");
    assert_eq!(e009["innovation"], "TB Tuntas Bersama Kader");
    assert_eq!(e009["agency"], "Dinas Kesehatan");
    // About a file or a sheet: no one innovation.
    for code in ["F006", "H002", "H001"] {
        let found = common::findings_coded(&doc, code);
        assert!(!found.is_empty(), "{code}");
        for x in found {
            assert_eq!(x["innovation"], Value::Null, "{x}");
            assert_eq!(x["agency"], Value::Null, "{x}");
        }
    }

    let (_, csv_out, _) = run(&["check", "--format", "csv", "--as-of", AS_OF, "sample-data"]);
    let mut r = csv::Reader::from_reader(csv_out.as_bytes());
    let head: Vec<String> = r.headers().unwrap().iter().map(str::to_string).collect();
    let col = |k: &str| head.iter().position(|h| h == k).unwrap();
    let row = r
        .records()
        .map(Result::unwrap)
        .find(|r| &r[col("code")] == "E009")
        .unwrap();
    assert_eq!(&row[col("innovation")], "TB Tuntas Bersama Kader");
    assert_eq!(&row[col("agency")], "Dinas Kesehatan");

    let t = table(&["sample-data"]);
    let lines: Vec<&str> = t.lines().collect();
    let at = |needle: &str| {
        lines
            .iter()
            .position(|l| l.contains(needle))
            .unwrap_or_else(|| panic!("no line with {needle}:\n{t}"))
    };
    // The innovation's name heads its findings; each says its field.
    let heading = at("    Ambulans Desa Siaga (Inovasi 2026 baris 8)");
    let d005 = at("D005 'Inovasi 2026'!K8 · Waktu Uji Coba Inovasi Daerah");
    assert!(heading < d005 && d005 - heading <= 4, "{t}");
    at("V002 D3 · Inisiator Inovasi Daerah");
    // A file-level finding shows the file where a place would be.
    at("INFO       F006 data_inovasi_disdik.csv");
    // Within an agency, by innovation, its profile sheet before its evidence.
    let tb = at("    TB Tuntas Bersama Kader (Inovasi 2026 baris 9)");
    let profile = at("D006 'Inovasi 2026'!L9");
    let evidence = at("E009 'Bukti Dukung'!E20");
    let next = at("    Klinik Sanitasi Keliling (Inovasi 2026 baris 10)");
    assert!(tb < profile && profile < evidence && evidence < next, "{t}");

    // The HTML report's row says the same.
    let (_, html, _) = run(&["check", "--format", "html", "--as-of", AS_OF, "sample-data"]);
    let lines: Vec<&str> = html.lines().collect();
    let d005 = lines
        .iter()
        .position(|l| l.contains("</span> D005</td>"))
        .expect("a D005 row");
    let row = lines[d005];
    for cell in [
        "<td>Ambulans Desa Siaga<span class=\"status sev-error\">inovasi bergalat</span></td>",
        "<td>Waktu Uji Coba Inovasi Daerah</td>",
    ] {
        assert!(row.contains(cell), "{row}");
    }
    // Under its agency's heading.
    let group = lines[..d005]
        .iter()
        .rev()
        .find(|l| l.contains("<tr class=\"group\">"))
        .expect("an agency heading");
    assert!(
        group.starts_with("<tbody data-agency=\"Dinas Kesehatan\">"),
        "{group}"
    );
}
