//! `bimtek template`: list and show, the blank form read back (sheets,
//! headers, validations and notes in the xlsx XML), a form filled in
//! programmatically that checks clean, template inheritance, and `template
//! check` on a user's file.

mod common;

use common::{AS_OF, bimtek, manifest};

use calamine::{Data, Reader, open_workbook_auto};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
use serde_json::Value;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Output;

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Write the form of `id` into `dir` and return its path.
fn form(id: &str, dir: &Path) -> PathBuf {
    let path = dir.join(format!("{id}.xlsx"));
    let out = bimtek(&["template", "form", id, "-o", path.to_str().unwrap()]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stdout.is_empty(), "form prints nothing on stdout");
    path
}

/// Every sheet of a workbook: (name, rows of cells).
fn read_all(path: &Path) -> Vec<(String, Vec<Vec<Data>>)> {
    let mut wb = open_workbook_auto(path).expect("open form");
    let names = wb.sheet_names().to_vec();
    names
        .into_iter()
        .map(|n| {
            let range = wb.worksheet_range(&n).expect("sheet");
            let rows = range.rows().map(|r| r.to_vec()).collect();
            (n, rows)
        })
        .collect()
}

fn header_row(sheets: &[(String, Vec<Vec<Data>>)], sheet: &str) -> Vec<String> {
    let (_, rows) = sheets.iter().find(|(n, _)| n == sheet).expect("sheet");
    rows[0].iter().map(|c| c.to_string()).collect()
}

/// The text of every zip entry whose name starts with `prefix`.
fn zip_text(path: &Path, prefix: &str) -> String {
    let mut z = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut out = String::new();
    let names: Vec<String> = (0..z.len())
        .map(|i| z.by_index(i).unwrap().name().unwrap().to_string())
        .collect();
    let mut names: Vec<String> = names
        .into_iter()
        .filter(|n| n.starts_with(prefix))
        .collect();
    names.sort();
    assert!(!names.is_empty(), "no zip entry {prefix}*");
    for n in names {
        z.by_name(&n).unwrap().read_to_string(&mut out).unwrap();
    }
    out
}

fn col_letter(i: usize) -> String {
    bimtek::diag::column_letters(i as u32)
}

/// The dataValidation elements of a sheet XML whose range starts at `col`2.
fn validations_for<'a>(xml: &'a str, col: &str) -> Vec<&'a str> {
    xml.split("<dataValidation ")
        .skip(1)
        .filter(|v| v.contains(&format!("sqref=\"{col}2:{col}1001\"")))
        .collect()
}

#[test]
fn list_shows_every_shipped_template_with_year_and_source() {
    let out = bimtek(&["template", "list"]);
    assert_eq!(out.status.code(), Some(0));
    let s = stdout(&out);
    for id in ["iid-2026", "kipp-2026", "kalsel-2026", "labinov"] {
        assert!(s.contains(id), "{s}");
    }
    assert!(s.contains("2026"));
    assert!(s.contains("sumber:"), "{s}");
    assert!(s.contains("turunan iid-2026"), "{s}");
    let en = stdout(&bimtek(&["template", "list", "--lang", "en"]));
    assert!(
        en.contains("source:") && en.contains("extends iid-2026"),
        "{en}"
    );
}

#[test]
fn show_prints_fields_rules_and_award() {
    let out = bimtek(&["template", "show", "kipp-2026"]);
    assert_eq!(out.status.code(), Some(0));
    let s = stdout(&out);
    assert!(s.contains("ringkasan"), "{s}");
    assert!(s.contains("maks 200 kata"), "{s}");
    assert!(s.contains("umur min 2 tahun"), "{s}");
    assert!(s.contains("Replikasi (1 th)"), "{s}");
    let s = stdout(&bimtek(&[
        "template",
        "show",
        "kalsel-2026",
        "--lang",
        "en",
    ]));
    assert!(s.contains("Extends: iid-2026"), "{s}");
    assert!(s.contains("kategori_peserta"), "{s}");
    assert!(s.contains("Indicators (20)"), "{s}");
    let out = bimtek(&["template", "show", "tidak-ada"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("templat \"tidak-ada\" tidak dikenal"), "{err}");
    let out = bimtek(&["template", "show", "tidak-ada", "--lang", "en"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("unknown template \"tidak-ada\""), "{err}");
}

#[test]
fn the_iid_form_reads_back_with_validations_and_notes() {
    let dir = tempfile::tempdir().unwrap();
    let path = form("iid-2026", dir.path());
    let sheets = read_all(&path);
    let names: Vec<&str> = sheets.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["Petunjuk", "Inovasi", "Bukti Dukung", "Referensi"]);

    // Instructions in Bahasa Indonesia.
    let (_, petunjuk) = &sheets[0];
    let text: Vec<String> = petunjuk
        .iter()
        .flat_map(|r| r.iter().map(|c| c.to_string()))
        .collect();
    assert!(text.iter().any(|t| t.contains("Cara mengisi")));
    assert!(text.iter().any(|t| t.contains("wajib diisi")));

    // The profile header: template labels, required ones starred; the
    // portal's list columns are not in the form.
    let head = header_row(&sheets, "Inovasi");
    assert_eq!(head[1], "Nama Inovasi *");
    assert!(head.contains(&"Tahapan Inovasi *".to_string()));
    assert!(head.contains(&"Anggaran (Jika diperlukan)".to_string()));
    assert!(!head.iter().any(|h| h.contains("Terakhir Diperbarui")));
    assert_eq!(head.len(), 22, "{head:?}");

    // The evidence sheet uses the template's [evidence.columns] headers.
    assert_eq!(
        header_row(&sheets, "Bukti Dukung"),
        [
            "Nama Inovasi",
            "Indikator",
            "Parameter",
            "Nomor Dokumen",
            "Tanggal Dokumen",
            "Tentang",
            "File"
        ]
    );

    // The reference sheet: 20 indicators and the 38 urusan.
    let ref_head = header_row(&sheets, "Referensi");
    assert_eq!(ref_head[0], "Indikator");
    let (_, ref_rows) = sheets.iter().find(|(n, _)| n == "Referensi").unwrap();
    let urusan_col = ref_head
        .iter()
        .position(|h| h == "Urusan Pemerintahan Utama")
        .unwrap();
    let urusan: Vec<String> = ref_rows[1..]
        .iter()
        .filter_map(|r| r.get(urusan_col))
        .map(|c| c.to_string())
        .filter(|s| !s.is_empty())
        .collect();
    assert_eq!(urusan.len(), 38);
    assert_eq!(
        ref_rows[17][0].to_string(),
        "17 - Kecepatan penciptaan inovasi"
    );

    // Validations in the sheet XML (sheet2 = Inovasi, sheet3 = Bukti Dukung).
    let xml = zip_text(&path, "xl/worksheets/sheet2.xml");
    let col = |label: &str| col_letter(head.iter().position(|h| h == label).unwrap());
    let tahapan = validations_for(&xml, &col("Tahapan Inovasi *"));
    assert!(
        tahapan
            .iter()
            .any(|v| v.contains("type=\"list\"") && v.contains("Inisiatif,Uji Coba,Penerapan")),
        "{tahapan:?}"
    );
    let urusan_v = validations_for(&xml, &col("Urusan Pemerintahan Utama *"));
    assert!(
        urusan_v
            .iter()
            .any(|v| v.contains("type=\"list\"") && v.contains("Referensi!$")),
        "long lists point at the reference sheet: {urusan_v:?}"
    );
    for date in [
        "Waktu Uji Coba Inovasi Daerah",
        "Waktu Penerapan Inovasi Daerah",
        "Waktu Pengembangan Inovasi Daerah",
    ] {
        let v = validations_for(&xml, &col(date));
        assert!(
            v.iter().any(|v| v.contains("type=\"date\"")),
            "{date}: {v:?}"
        );
    }
    let asta = validations_for(&xml, &col("Asta Cita *"));
    assert!(
        asta.iter().any(|v| v.contains("type=\"whole\"")),
        "{asta:?}"
    );
    assert!(xml.contains("<pane ") && xml.contains("state=\"frozen\""));
    assert!(xml.contains("<cols>"), "column widths are set");

    let ev = zip_text(&path, "xl/worksheets/sheet3.xml");
    assert!(
        validations_for(&ev, "B")
            .iter()
            .any(|v| v.contains("type=\"list\"") && v.contains("Referensi!$A$2:$A$21")),
        "indicator dropdown"
    );
    assert!(
        validations_for(&ev, "A")
            .iter()
            .any(|v| v.contains("Inovasi'!$B$2:$B$1001")),
        "innovation dropdown from the profile sheet"
    );
    assert!(
        validations_for(&ev, "E")
            .iter()
            .any(|v| v.contains("type=\"date\""))
    );

    // A note on every header.
    let comments = zip_text(&path, "xl/comments");
    assert!(comments.contains("Wajib diisi."));
    assert!(comments.contains("Minimal 300 kata."));
    assert!(comments.contains("Boleh dikosongkan."));
    let notes = comments.matches("<comment ").count();
    assert_eq!(notes, head.len() + 7, "one note per header");
}

#[test]
fn the_form_is_the_same_bytes_and_never_overwritten_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let a = form("kipp-2026", dir.path());
    let first = std::fs::read(&a).unwrap();
    let out = bimtek(&["template", "form", "kipp-2026", "-o", a.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--force"));
    let out = bimtek(&[
        "template",
        "form",
        "kipp-2026",
        "-o",
        a.to_str().unwrap(),
        "--force",
    ]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        std::fs::read(&a).unwrap(),
        first,
        "same template, same bytes"
    );
    // No temporary file is left beside it.
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(left.len(), 1, "{left:?}");
    // A folder that does not exist is an error, not a panic.
    let missing = dir.path().join("tidak/ada/form.xlsx");
    let out = bimtek(&[
        "template",
        "form",
        "iid-2026",
        "-o",
        missing.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
}

/// A cell to write into the filled form.
enum Fill {
    Text(String),
    Number(f64),
    Date(u16, u8, u8),
}

fn t(s: &str) -> Fill {
    Fill::Text(s.to_string())
}

/// Clean values for the IID form, by header (without the ` *`).
fn iid_value(header: &str) -> Option<Fill> {
    let words = "inovasi ini mempercepat layanan posyandu dengan pencatatan digital yang terhubung ke puskesmas ";
    Some(match header {
        "Nama Pemda" => t("Kabupaten Uji"),
        "Nama Inovasi" => t("SIPANDU Posyandu Digital"),
        "Nama Perangkat Daerah" => t("Dinas Kesehatan"),
        "Tahapan Inovasi" => t("Penerapan"),
        "Inisiator Inovasi Daerah" => t("OPD"),
        "Nama Inisiator" => t("Tim Inovasi"),
        "Jenis Inovasi" => t("Digital"),
        "Bentuk Inovasi Daerah" => t("Inovasi Pelayanan Publik"),
        "Klasifikasi Inovasi" => t("Inovasi Perangkat Daerah"),
        "Urusan Pemerintahan Utama" => t("Kesehatan"),
        "Waktu Uji Coba Inovasi Daerah" => Fill::Date(2024, 3, 1),
        "Waktu Penerapan Inovasi Daerah" => Fill::Date(2024, 6, 1),
        "Waktu Pengembangan Inovasi Daerah" => return None,
        "Rancang Bangun" => Fill::Text(words.repeat(25)),
        "Tujuan Inovasi Daerah" => t("Mempercepat layanan posyandu"),
        "Manfaat yang Diperoleh" => t("Layanan lebih cepat"),
        "Hasil Inovasi" => t("Waktu tunggu turun"),
        "Koordinat" => t("-3.3194,114.5908"),
        "Asta Cita" => Fill::Number(4.0),
        "Klaster PKPN" => t("Kesehatan"),
        "Anggaran (Jika diperlukan)" => Fill::Number(1_500_000.0),
        "Profil Bisnis (Jika ada)" => return None,
        other => panic!("the test has no clean value for the form column {other:?}"),
    })
}

/// Clean values for the KIPP form, by header (without the ` *`).
fn kipp_value(header: &str) -> Option<Fill> {
    let words = |n: usize| "layanan keliling dokumen selesai hari itu ".repeat(n / 6);
    Some(match header {
        "Judul Inovasi" => t("Adminduk Keliling Desa"),
        "Unit Penyelenggara Pelayanan (UPP)" => t("Dinas Dukcapil"),
        "Nama Instansi" => t("Kabupaten Uji"),
        "Kelompok" => t("Umum"),
        "Kategori" => t("Tata Kelola Pemerintahan"),
        "Tanggal Mulai Implementasi" => Fill::Date(2023, 1, 2),
        "Pernah Top 99" => t("Tidak"),
        "Ringkasan" => Fill::Text(words(180)),
        "Latar Belakang dan Tujuan"
        | "Kebaruan / Nilai Tambah"
        | "Implementasi Inovasi"
        | "Adaptabilitas: Potensi Replikasi"
        | "Sumber Daya" => Fill::Text(words(180)),
        "Signifikansi" | "Strategi Keberlanjutan" => Fill::Text(words(480)),
        "Adaptabilitas: Sudah Direplikasi" => t("Belum direplikasi"),
        "Tautan Video" => t("https://www.youtube.com/watch?v=abc123xyz00"),
        "SK Inisiator Inovasi" => t("sk-inisiator.pdf"),
        "Surat Pernyataan Implementasi" => t("pernyataan-implementasi.pdf"),
        "Surat Pernyataan Identitas Inovator" => t("pernyataan-identitas.pdf"),
        "Surat Pernyataan Kesediaan Replikasi" => t("pernyataan-replikasi.pdf"),
        "Bukti Usia Implementasi" => t("bukti-usia.pdf"),
        other => panic!("the test has no clean value for the form column {other:?}"),
    })
}

fn write_fill(ws: &mut rust_xlsxwriter::Worksheet, row: u32, col: u16, v: &Fill) {
    let date = Format::new().set_num_format("dd/mm/yyyy");
    match v {
        Fill::Text(s) => ws.write_string(row, col, s).map(|_| ()),
        Fill::Number(n) => ws.write_number(row, col, *n).map(|_| ()),
        Fill::Date(y, m, d) => ws
            .write_datetime_with_format(
                row,
                col,
                ExcelDateTime::from_ymd(*y, *m, *d).unwrap(),
                &date,
            )
            .map(|_| ()),
    }
    .unwrap();
}

/// Copy every sheet of the form into a new workbook (rust_xlsxwriter cannot
/// edit), then fill the profile sheet's row 2 and the evidence rows, as an
/// agency would.
fn fill_form(form: &Path, out: &Path, value: fn(&str) -> Option<Fill>, evidence: &[[Fill; 7]]) {
    let sheets = read_all(form);
    let mut wb = Workbook::new();
    for (name, rows) in &sheets {
        let ws = wb.add_worksheet();
        ws.set_name(name).unwrap();
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                match cell {
                    Data::String(s) => {
                        ws.write_string(r as u32, c as u16, s).unwrap();
                    }
                    Data::Float(f) => {
                        ws.write_number(r as u32, c as u16, *f).unwrap();
                    }
                    Data::Int(i) => {
                        ws.write_number(r as u32, c as u16, *i as f64).unwrap();
                    }
                    Data::Empty => {}
                    other => panic!("unexpected cell in the blank form: {other:?}"),
                }
            }
        }
        assert_eq!(rows.len(), rows.len());
        if name == "Inovasi" {
            assert_eq!(rows.len(), 1, "the blank form has only the header row");
            for (c, h) in rows[0].iter().enumerate() {
                let h = h.to_string();
                if let Some(v) = value(h.trim_end_matches(" *")) {
                    write_fill(ws, 1, c as u16, &v);
                }
            }
        }
        if name == "Bukti Dukung" {
            for (r, row) in evidence.iter().enumerate() {
                for (c, v) in row.iter().enumerate() {
                    write_fill(ws, r as u32 + 1, c as u16, v);
                }
            }
        }
    }
    wb.save(out).unwrap();
}

fn check_json(args: &[&str]) -> (i32, Value) {
    let mut all = vec!["check", "--format", "json", "--as-of", AS_OF, "--quiet"];
    all.extend_from_slice(args);
    let out = bimtek(&all);
    let doc = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!("{e}: {}", String::from_utf8_lossy(&out.stderr));
    });
    (out.status.code().unwrap(), doc)
}

fn errors_and_warnings(doc: &Value) -> Vec<String> {
    doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["severity"] != "info")
        .map(|f| format!("{} {} {}", f["code"], f["cell"], f["message"]))
        .collect()
}

#[test]
fn a_filled_iid_form_with_evidence_checks_clean() {
    let dir = tempfile::tempdir().unwrap();
    let blank_dir = dir.path().join("blank");
    std::fs::create_dir(&blank_dir).unwrap();
    let blank = form("iid-2026", &blank_dir);
    let data = dir.path().join("Dinas Kesehatan");
    std::fs::create_dir_all(data.join("bukti")).unwrap();
    // Valid PDFs from the evidence fixtures.
    let pdfs = manifest("tests/fixtures/codes/E001/bukti/ok-e001");
    for stem in ["regulasi", "sdm", "penciptaan", "kemanfaatan"] {
        std::fs::copy(
            pdfs.join(format!("{stem}.pdf")),
            data.join("bukti").join(format!("{stem}.pdf")),
        )
        .unwrap();
    }
    let name = || t("SIPANDU Posyandu Digital");
    let row = |ind: &str, param: f64, no: &str, about: &str, file: &str| {
        [
            name(),
            t(ind),
            Fill::Number(param),
            t(no),
            Fill::Date(2025, 3, 15),
            t(about),
            t(file),
        ]
    };
    let evidence = [
        row(
            "1 - Regulasi Inovasi Daerah",
            1.0,
            "440/01/2025",
            "Penetapan Inovasi",
            "bukti/regulasi.pdf",
        ),
        row(
            "2 - Ketersediaan dan peran SDM terhadap inovasi daerah",
            2.0,
            "440/02/2025",
            "Tim Pelaksana",
            "bukti/sdm.pdf",
        ),
        row(
            "17 - Kecepatan penciptaan inovasi",
            3.0,
            "440/17/2025",
            "Laporan Penciptaan",
            "bukti/penciptaan.pdf",
        ),
        row(
            "18 - Kemanfaatan inovasi",
            2.0,
            "440/18/2025",
            "Rekap Kemanfaatan",
            "bukti/kemanfaatan.pdf",
        ),
        row(
            "20 - Video inovasi daerah",
            3.0,
            "-",
            "Video Inovasi",
            "https://www.youtube.com/watch?v=abc123xyz00",
        ),
    ];
    let filled = data.join("inovasi-dinkes.xlsx");
    fill_form(&blank, &filled, iid_value, &evidence);

    let (code, doc) = check_json(&[dir.path().join("Dinas Kesehatan").to_str().unwrap()]);
    assert_eq!(errors_and_warnings(&doc), Vec::<String>::new());
    assert_eq!(code, 0);
    let inns = doc["innovations"].as_array().unwrap();
    assert_eq!(inns.len(), 1, "{inns:?}");
    assert_eq!(inns[0]["name"], "SIPANDU Posyandu Digital");
    assert_eq!(inns[0]["sheet"], "Inovasi");
    // The evidence sheet was read: all five mandatory indicators count.
    let score = &inns[0]["score"];
    assert!(score["verified"].as_f64().unwrap() > 0.0, "{score}");
    assert_eq!(score["claimed"], score["verified"], "{score}");
}

#[test]
fn a_filled_kipp_form_checks_clean_and_word_limits_bite() {
    let dir = tempfile::tempdir().unwrap();
    let blank = form("kipp-2026", dir.path());
    let names: Vec<String> = read_all(&blank).into_iter().map(|(n, _)| n).collect();
    assert_eq!(
        names,
        ["Petunjuk", "Inovasi", "Referensi"],
        "no indicators, no evidence sheet"
    );
    let data = dir.path().join("proposal");
    std::fs::create_dir(&data).unwrap();
    let filled = data.join("proposal.xlsx");
    fill_form(&blank, &filled, kipp_value, &[]);
    let (code, doc) = check_json(&["--template", "kipp-2026", data.to_str().unwrap()]);
    assert_eq!(errors_and_warnings(&doc), Vec::<String>::new());
    assert_eq!(code, 0);

    // The same proposal with an over-long summary and registered too young.
    fn too_long(h: &str) -> Option<Fill> {
        match h {
            "Ringkasan" => Some(Fill::Text("kata ".repeat(230))),
            "Tanggal Mulai Implementasi" => Some(Fill::Date(2025, 6, 1)),
            other => kipp_value(other),
        }
    }
    std::fs::remove_file(&filled).unwrap();
    fill_form(&blank, &filled, too_long, &[]);
    let (code, doc) = check_json(&["--template", "kipp-2026", data.to_str().unwrap()]);
    assert_eq!(code, 1);
    let got: Vec<(String, String)> = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["code"].as_str().unwrap().to_string(),
                f["field"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("D008".to_string(), "tanggal_mulai".to_string()),
            ("T002".to_string(), "ringkasan".to_string()),
            // The form's Petunjuk and Referensi sheets, said once each.
            ("F012".to_string(), String::new()),
            ("F012".to_string(), String::new())
        ]
    );
}

#[test]
fn templates_inherit_through_two_levels() {
    let dir = tempfile::tempdir().unwrap();
    let mine = dir.path().join("kalsel-kabupaten.toml");
    std::fs::write(
        &mine,
        r#"[template]
id = "kalsel-kab"
name = "Award Kabupaten"
year = 2026
extends = "kalsel-2026"

[severity]
T001 = "warning"

[award]
agencies = ["Dinas Kesehatan", "Dinas Pendidikan"]
"#,
    )
    .unwrap();
    let out = bimtek(&["template", "check", mine.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(stdout(&out).contains("turunan dari kalsel-2026"));
    let s = stdout(&bimtek(&["template", "show", mine.to_str().unwrap()]));
    // From iid-2026 (grandparent), kalsel-2026 (parent) and this file.
    assert!(s.contains("rancang_bangun"), "{s}");
    assert!(s.contains("kategori_peserta"), "{s}");
    assert!(s.contains("Indikator (20)"), "{s}");
    assert!(s.contains("T001 = warning"), "{s}");
    assert!(s.contains("Dinas Pendidikan"), "{s}");

    // One agency has an innovation, the other has none: U003 for it only.
    let data = dir.path().join("data");
    std::fs::create_dir(&data).unwrap();
    std::fs::copy(
        manifest("tests/fixtures/codes/U003/u003.csv"),
        data.join("dinkes.csv"),
    )
    .unwrap();
    let csv = std::fs::read_to_string(data.join("dinkes.csv"))
        .unwrap()
        .replace("Dinas Uji Coba Provinsi", "Dinas Kesehatan")
        .replace("Dinas Uji", "Dinas Kesehatan");
    std::fs::write(data.join("dinkes.csv"), csv).unwrap();
    let (_, doc) = check_json(&["--template", mine.to_str().unwrap(), data.to_str().unwrap()]);
    let u003 = common::findings_coded(&doc, "U003");
    assert_eq!(u003.len(), 1, "{u003:?}");
    assert_eq!(u003[0]["value"], "Dinas Pendidikan");
}

#[test]
fn template_check_names_file_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("salah.toml");
    std::fs::write(
        &bad,
        "[template]\nid = \"x\"\nname = \"X\"\nyear = 2026\nextends = \"kipp-2026\"\n\n[[field]]\nkey = \"ringkasan\"\noverride = true\nlabel = \"Ringkasan\"\ntype = \"date\"\nmax_words = 100\n",
    )
    .unwrap();
    let out = bimtek(&["template", "check", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let s = stdout(&out);
    assert!(s.contains("salah.toml:12:13:"), "{s}");
    assert!(
        s.contains("max_words hanya berlaku untuk isian teks"),
        "{s}"
    );
    let out = bimtek(&["template", "check", bad.to_str().unwrap(), "--lang", "en"]);
    let s = stdout(&out);
    assert!(s.contains("salah.toml:12:13:"), "{s}");
    assert!(s.contains("max_words applies to text fields only"), "{s}");
    // Through check --template, in the language asked for.
    let out = bimtek(&["check", "sample-data", "--template", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("templat tidak valid: "), "{err}");
    assert!(err.contains("hanya berlaku untuk isian teks"), "{err}");
    assert!(!err.contains("applies to"), "{err}");

    std::fs::write(
        &bad,
        "[template]\nid = \"x\"\nname = \"X\"\nyear = 2026\n\n[award]\nagencis = []\n",
    )
    .unwrap();
    let out = bimtek(&["template", "check", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let s = stdout(&out);
    assert!(
        s.contains(
            "salah.toml:7:1: kunci \"agencis\" tidak dikenal di sini; maksud Anda \"agencies\"?"
        ),
        "{s}"
    );

    let out = bimtek(&["template", "check", "tidak-ada.toml"]);
    assert_eq!(out.status.code(), Some(2));
    // Every shipped template's source checks clean as a file.
    for id in ["iid-2026", "kipp-2026", "kalsel-2026"] {
        let out = bimtek(&["template", "check", &format!("templates/{id}.toml")]);
        assert_eq!(out.status.code(), Some(0), "{id}: {}", stdout(&out));
    }
}

// ------------------------------------------------- issue 34: an officer's template

/// The head of a provincial template that extends iid-2026.
const SULSEL_HEAD: &str = "[template]\nid = \"sulsel-2026\"\nname = \"Sulsel Innovation Award 2026\"\nyear = 2026\nextends = \"iid-2026\"\n\n";

/// `template check` of `body` under [`SULSEL_HEAD`] in `lang`: exit code
/// and stdout.
fn check_template_text(dir: &Path, body: &[u8], lang: &str) -> (i32, String) {
    let path = dir.join("sulsel-2026.toml");
    let mut bytes = SULSEL_HEAD.as_bytes().to_vec();
    bytes.extend_from_slice(body);
    std::fs::write(&path, bytes).unwrap();
    let out = bimtek(&["template", "check", path.to_str().unwrap(), "--lang", lang]);
    (out.status.code().unwrap(), stdout(&out))
}

/// Each mistake an officer makes in a template is refused at its line and
/// column, in Bahasa Indonesia, with the fix (and in English with --lang en).
#[test]
fn issue_34_template_mistakes_are_refused_in_indonesian_with_their_place() {
    let dir = tempfile::tempdir().unwrap();
    // (body after the 6-line head, line:column, Indonesian words, English words)
    let cases: &[(&[u8], &str, &str, &str)] = &[
        (
            b"[[field]]\nkey = \"rancang_bangun\"\nrequried = true\n",
            "9:1",
            "kunci \"requried\" tidak dikenal di sini; maksud Anda \"required\"?",
            "did you mean \"required\"?",
        ),
        (
            b"[[field]]\nkey = \"rancang_bangun\"\nrequired = \"ya\"\n",
            "9:12",
            "required: nilai harus true atau false, bukan \"ya\"",
            "the value must be true or false, not \"ya\"",
        ),
        (
            b"[[field]]\nkey = \"anggaran\"\nmin = 0\n\n[[field]]\nkey = \"anggaran\"\nmax = 5\n",
            "12:7",
            "isian \"anggaran\" ditulis dua kali dalam berkas ini (yang pertama di baris 8)",
            "is written twice in this file (first at line 8)",
        ),
        (
            b"[[field]]\nkey = \"rancang_bangun\"\nlabel = \"Rancangan\"\ntype = \"text\"\n",
            "8:7",
            "isian \"rancang_bangun\" sudah ada di templat induk iid-2026 (\"Rancang Bangun\", templates/iid-2026.toml:",
            "add override = true",
        ),
        (
            b"[[field]]\nkey = \"judul_singkat\"\nlabel = \"Judul Singkat\"\naliases = [\"Nama Inovasi\"]\ntype = \"text\"\n",
            "8:7",
            "isian judul_singkat: nama kolom \"Nama Inovasi\" juga menamai isian nama_inovasi (\"Nama Inovasi\", templates/iid-2026.toml:",
            "also names the field nama_inovasi",
        ),
        (
            b"[[field]]\nkey = \"rancang_bangun\"\nmin = 0\n",
            "9:7",
            "isian rancang_bangun: min hanya berlaku untuk isian bilangan bulat (integer) dan nominal rupiah (amount), bukan teks",
            "min applies to whole number (integer) and rupiah amount (amount) fields only",
        ),
        (
            b"[[field]]\nkey = \"anggaran\"\nmin = 10\nmax = 5\n",
            "10:7",
            "isian anggaran: max (5) lebih kecil daripada min (10)",
            "max (5) is below min (10)",
        ),
        (
            b"[[field]]\nkey = \"jumlah_pengguna\"\nlabel = \xe2\x80\x9cJumlah Pengguna\xe2\x80\x9d\ntype = \"integer\"\n",
            "9:9",
            "tanda kutip melengkung \u{201c} tidak dikenali; TOML hanya menerima tanda kutip lurus \"",
            "curly quote \u{201c} is not understood",
        ),
        (
            b"[award]\nagencies = [\"Dinas Kesehatan\"]\nnote = \"Dinas Pendidikan dan Kebudayaan \xe9\"\n",
            "9:41",
            "buka berkas di Notepad, pilih File > Save As, pada Encoding pilih UTF-8, lalu simpan",
            "choose File > Save As, set Encoding to UTF-8",
        ),
        (
            b"[[field]]\nkey = \"rancang_bangun\"\nrequired = ya\n",
            "9:12",
            "teks harus diapit tanda kutip lurus",
            "a text must be in straight quotes",
        ),
        (
            b"[[field]]\nkey = \"jumlah_pengguna\"\nlabel = \"Jumlah Pengguna\"\ntype = \"integr\"\n",
            "10:8",
            "isian jumlah_pengguna: type \"integr\" tidak dikenal (maksud Anda \"integer\"?)",
            "(did you mean \"integer\"?)",
        ),
        (
            b"[window]\nstart = 2024-01-01\nend = \"2025-12-31\"\n",
            "8:9",
            "start: tanggal harus diapit tanda kutip, misalnya \"2024-01-01\"",
            "a date must be in quotes",
        ),
        (
            b"[severity]\nT001 = \"sedang\"\n",
            "8:8",
            "severity T001 harus galat, peringatan, info atau nonaktif",
            "must be error, warning, info or off",
        ),
    ];
    for (body, place, id, en) in cases {
        let (code, s) = check_template_text(dir.path(), body, "id");
        assert_eq!(code, 1, "{s}");
        assert!(
            s.contains(&format!("sulsel-2026.toml:{place}: ")),
            "{place}: {s}"
        );
        assert!(s.contains(id), "{s}");
        let (_, s) = check_template_text(dir.path(), body, "en");
        assert!(
            s.contains(&format!("sulsel-2026.toml:{place}: ")),
            "{place}: {s}"
        );
        assert!(s.contains(en), "{s}");
    }

    // `check --template` tells the same of a file that is not UTF-8.
    check_template_text(dir.path(), b"[award]\nnote = \"Kebudayaan \xe9\"\n", "id");
    let path = dir.path().join("sulsel-2026.toml");
    let out = bimtek(&["check", "--template", path.to_str().unwrap(), "sample-data"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("sulsel-2026.toml:8:20: "), "{err}");
    assert!(err.contains("pada Encoding pilih UTF-8"), "{err}");

    // A template whose id is its parent's cannot extend itself.
    let path = dir.path().join("diri.toml");
    std::fs::write(
        &path,
        "[template]\nid = \"iid-2026\"\nname = \"IID\"\nyear = 2026\nextends = \"iid-2026\"\n",
    )
    .unwrap();
    let s = stdout(&bimtek(&["template", "check", path.to_str().unwrap()]));
    assert!(
        s.contains(
            "diri.toml:5:11: extends \"iid-2026\": templat tidak dapat memperluas dirinya sendiri"
        ),
        "{s}"
    );
    assert!(!s.contains("melingkar"), "{s}");

    // The severities the reports show are accepted beside the English.
    let (code, s) = check_template_text(
        dir.path(),
        b"[severity]\nT001 = \"peringatan\"\nV002 = \"nonaktif\"\nR001 = \"galat\"\nD001 = \"info\"\n",
        "id",
    );
    assert_eq!(code, 0, "{s}");
    let path = dir.path().join("sulsel-2026.toml");
    let s = stdout(&bimtek(&["template", "show", path.to_str().unwrap()]));
    assert!(s.contains("T001 = warning"), "{s}");
}

/// A child writes only the key and what changes; it inherits the rest of
/// the parent's field, and a section it sets one key of keeps the others.
#[test]
fn issue_34_partial_override_and_section_merge() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sulsel-2026.toml");
    std::fs::write(
        &path,
        format!(
            "{SULSEL_HEAD}[settings]\nheader_scan_rows = 12\n\n[scoring]\nyandas_min = 3\n\n\
             [window]\nmax_prior_entries = 3\n\n[portal]\nstale_after_days = 30\n\n\
             [evidence]\ndefault_max_mb = 5.0\n\n\
             [[field]]\nkey = \"rancang_bangun\"\nmin_words = 500\n\n\
             [[field]]\nkey = \"asta_cita\"\nrequired = false\n\n\
             [[field]]\nkey = \"nama_inovasi\"\noverride = true\nlabel = \"Judul Inovasi\"\n"
        ),
    )
    .unwrap();
    let out = bimtek(&["template", "check", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));

    let t = bimtek::template::Template::from_file(&path).unwrap();
    let parent = bimtek::template::Template::builtin("iid-2026")
        .unwrap()
        .unwrap();
    let (f, p) = (
        t.field("rancang_bangun").unwrap(),
        parent.field("rancang_bangun").unwrap(),
    );
    assert_eq!(f.min_words, Some(500));
    assert_ne!(p.min_words, Some(500));
    assert_eq!(
        (&f.label, &f.aliases, &f.kind, f.required, f.max_words),
        (&p.label, &p.aliases, &p.kind, p.required, p.max_words)
    );
    let (a, pa) = (
        t.field("asta_cita").unwrap(),
        parent.field("asta_cita").unwrap(),
    );
    assert!(!a.required && pa.required);
    assert_eq!(a.kind, pa.kind);
    let n = t.field("nama_inovasi").unwrap();
    assert_eq!(n.label, "Judul Inovasi");
    assert_eq!(n.aliases, parent.field("nama_inovasi").unwrap().aliases);
    assert_eq!(t.fields.len(), parent.fields.len());
    // Sections: the one key set, the parent's others kept.
    assert_eq!(t.settings.header_scan_rows, 12);
    assert_eq!(t.settings.placeholders, parent.settings.placeholders);
    assert!(!t.settings.placeholders.is_empty());
    let (s, ps) = (
        t.scoring.as_ref().unwrap(),
        parent.scoring.as_ref().unwrap(),
    );
    assert_eq!(s.yandas_min, 3);
    assert_ne!(ps.yandas_min, 3);
    assert_eq!(
        (s.spd_max, s.sid_max, &s.yandas),
        (ps.spd_max, ps.sid_max, &ps.yandas)
    );
    assert_eq!(s.predicates.len(), ps.predicates.len());
    let (w, pw) = (t.window.as_ref().unwrap(), parent.window.as_ref().unwrap());
    assert_eq!(w.max_prior_entries, Some(3));
    assert_ne!(pw.max_prior_entries, Some(3));
    assert_eq!((w.start, w.end), (pw.start, pw.end));
    assert_eq!(t.stale_after_days, 30);
    assert_eq!(t.match_threshold, parent.match_threshold);
    assert_eq!(t.evidence_columns, parent.evidence_columns);
    assert!(!t.evidence_columns.is_empty());

    // A new field needs a label and type; its key may be a typo of a parent's.
    std::fs::write(
        &path,
        format!("{SULSEL_HEAD}[[field]]\nkey = \"rancang_bangunn\"\nmin_words = 500\n"),
    )
    .unwrap();
    let s = stdout(&bimtek(&["template", "check", path.to_str().unwrap()]));
    assert!(
        s.contains("sulsel-2026.toml:8:7: isian \"rancang_bangunn\" tidak ada di templat induk iid-2026 (maksud Anda \"rancang_bangun\"?); isian baru perlu label dan type"),
        "{s}"
    );
}

/// `min` and `max` bite on rupiah amounts and read well on whole numbers
/// with one bound only.
#[test]
fn issue_34_bounds_on_amount_and_integer() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sulsel-2026.toml");
    std::fs::write(
        &path,
        format!(
            "{SULSEL_HEAD}[[field]]\nkey = \"anggaran\"\nmin = 0\n\n\
             [[field]]\nkey = \"jumlah_pengguna\"\nlabel = \"Jumlah Pengguna\"\ntype = \"integer\"\nmin = 0\n"
        ),
    )
    .unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir(&data).unwrap();
    let csv = std::fs::read_to_string(manifest("tests/fixtures/codes/V010/v010.csv")).unwrap();
    let mut lines = csv.lines();
    let mut out = format!("{},Jumlah Pengguna\n", lines.next().unwrap());
    for l in lines {
        let users = if l.starts_with("BAD") { "-5" } else { "120" };
        out.push_str(&format!("{l},{users}\n"));
    }
    let out = out.replace("Rp -2.500.000", "-2500000");
    std::fs::write(data.join("sulsel.csv"), out).unwrap();
    let (_, doc) = check_json(&["--template", path.to_str().unwrap(), data.to_str().unwrap()]);
    let v010 = common::findings_coded(&doc, "V010");
    assert_eq!(v010.len(), 1, "{v010:?}");
    assert_eq!(v010[0]["value"], "-2500000");
    assert_eq!(
        v010[0]["message"],
        "Anggaran (Jika diperlukan) harus nominal paling sedikit Rp 0, bukan \"-2500000\""
    );
    let v007 = common::findings_coded(&doc, "V007");
    assert_eq!(v007.len(), 1, "{v007:?}");
    assert_eq!(
        v007[0]["message"],
        "Jumlah Pengguna harus bilangan bulat paling sedikit 0, bukan \"-5\""
    );
    assert_eq!(v007[0]["hint"], "Tulis bilangan bulat paling sedikit 0.");
    // Asta Cita keeps both bounds.
    let (_, doc) = check_json(&[
        "--template",
        path.to_str().unwrap(),
        "tests/fixtures/codes/V007",
    ]);
    let v007 = common::findings_coded(&doc, "V007");
    assert_eq!(
        v007[0]["message"],
        "Asta Cita harus bilangan bulat 1 sampai 8, bukan \"9\""
    );
    // `template show` names the type by its TOML name beside its word.
    let s = stdout(&bimtek(&["template", "show", path.to_str().unwrap()]));
    assert!(
        s.contains("Jumlah Pengguna [bilangan bulat (integer), min 0]"),
        "{s}"
    );
    assert!(s.contains("[nominal rupiah (amount), min 0]"), "{s}");
}

/// The form made from a template file tells agencies to check with that
/// file; the command, run as the Petunjuk writes it beside the file and
/// the filled form, works.
#[test]
fn issue_34_the_petunjuk_command_of_a_template_file_works_as_written() {
    let dir = tempfile::tempdir().unwrap();
    let officer = dir.path().join("path").join("to");
    std::fs::create_dir_all(&officer).unwrap();
    let template = officer.join("sulsel-2026.toml");
    std::fs::write(
        &template,
        format!(
            "{SULSEL_HEAD}[[field]]\nkey = \"rancang_bangun\"\nmin_words = 50\n\n\
             [award]\nagencies = [\"Dinas Kesehatan\"]\n"
        ),
    )
    .unwrap();
    let blank = dir.path().join("blank.xlsx");
    let out = bimtek(&[
        "template",
        "form",
        template.to_str().unwrap(),
        "-o",
        blank.to_str().unwrap(),
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let sheets = read_all(&blank);
    let (_, rows) = sheets.iter().find(|(n, _)| n == "Petunjuk").unwrap();
    let step = rows
        .iter()
        .flatten()
        .map(|c| c.to_string())
        .find(|c| c.contains("bimtek check"))
        .expect("a step with the command");
    assert!(step.contains("sulsel-2026.toml"), "{step}");
    let command = step.split(": ").last().unwrap();
    assert_eq!(
        command,
        "bimtek check --template sulsel-2026.toml NAMA-BERKAS.xlsx"
    );

    // The agency's folder: the template file and the filled form.
    let agency = dir.path().join("Dinas Kesehatan");
    std::fs::create_dir(&agency).unwrap();
    std::fs::copy(&template, agency.join("sulsel-2026.toml")).unwrap();
    fill_form(&blank, &agency.join("NAMA-BERKAS.xlsx"), iid_value, &[]);
    let mut words = command.split_whitespace();
    assert_eq!(words.next(), Some("bimtek"));
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_bimtek"))
        .args(words)
        .current_dir(&agency)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let (so, se) = (stdout(&out), String::from_utf8_lossy(&out.stderr));
    assert_ne!(out.status.code(), Some(2), "{so}{se}");
    assert!(so.contains("sulsel-2026"), "{so}");
    assert!(so.contains("Dinas Kesehatan"), "{so}");

    // A shipped template keeps its id.
    let iid = form("iid-2026", dir.path());
    let sheets = read_all(&iid);
    let (_, rows) = sheets.iter().find(|(n, _)| n == "Petunjuk").unwrap();
    assert!(rows.iter().flatten().any(|c| {
        c.to_string()
            .ends_with("bimtek check --template iid-2026 NAMA-BERKAS.xlsx")
    }));
}

/// The README's "Menulis templat sendiri" example is a template that
/// checks clean, with its partial overrides and merged sections.
#[test]
fn issue_34_the_readme_template_example_checks_clean() {
    let readme = std::fs::read_to_string(manifest("README.md")).unwrap();
    let section = &readme[readme
        .find("### Menulis templat sendiri")
        .expect("the section")..];
    let start = section.find("```toml\n").expect("an example") + "```toml\n".len();
    let example = &section[start..start + section[start..].find("```").unwrap()];
    let t =
        bimtek::template::Template::parse(example, "README.md").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(t.field("rancang_bangun").unwrap().min_words, Some(500));
    assert!(!t.field("asta_cita").unwrap().required);
    assert_eq!(t.field("anggaran").unwrap().kind.bounds(), (Some(0), None));
    assert_eq!(t.scoring.as_ref().unwrap().yandas_min, 3);
    assert!(t.field("program_prioritas").is_some());
}

#[test]
fn issue_33_the_labinov_form_has_the_lab_columns_and_a_filled_one_checks_clean() {
    let dir = tempfile::tempdir().unwrap();
    let blank = form("labinov", dir.path());
    let sheets = read_all(&blank);
    let head = header_row(&sheets, "Inovasi");
    for h in [
        "Kode",
        "Ide Inovasi",
        "Inovator",
        "K/L/D",
        "Tahap 5D",
        "Pendamping",
        "Target Peluncuran",
        "Tanggal Peluncuran",
    ] {
        assert!(head.iter().any(|c| c.starts_with(h)), "{h} in {head:?}");
    }
    // The stage column offers the six stages as a list.
    let col = col_letter(head.iter().position(|c| c.starts_with("Tahap")).unwrap());
    let sheet = zip_text(&blank, "xl/worksheets/sheet2");
    assert!(!validations_for(&sheet, &col).is_empty(), "{sheet}");

    // A lab's own spellings of the headers map onto the template.
    let data = dir.path().join("lab");
    std::fs::create_dir(&data).unwrap();
    std::fs::write(
        data.join("ide.csv"),
        "No,Ide Inovasi,OPD / UPT,Tahapan 5D,Coach,Tanggal Launching,Target Launching\n\
         1,Puskesmas Ramah Lansia,Puskesmas Kutasari,Deliver,Budi,03/02/2026,\n\
         2,Pasar Tanpa Antre,Dinas Perdagangan,Design,Sari,,01/03/2027\n",
    )
    .unwrap();
    let (code, doc) = check_json(&["--template", "labinov", data.to_str().unwrap()]);
    assert_eq!(errors_and_warnings(&doc), Vec::<String>::new(), "{doc}");
    assert_eq!(code, 0);
    assert_eq!(doc["template"]["id"], "labinov");
    // A target launch date is a plan: after the reference date is no D004.
    assert_eq!(doc["innovations"].as_array().unwrap().len(), 2);
    let inn = &doc["innovations"][0];
    assert_eq!(inn["agency"], "Puskesmas Kutasari", "{inn}");
}

/// Issue 27: `max_innovations_in_run` and `max_statements_in_run` are
/// whole numbers, 0 (no limit) or more; `template check` names the line and
/// column of any other value.
#[test]
fn template_check_takes_the_run_limits_as_whole_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("batas.toml");
    for setting in ["max_innovations_in_run", "max_statements_in_run"] {
        let with = |value: &str| {
            std::fs::write(
                &path,
                format!(
                    "[template]\nid = \"x\"\nname = \"X\"\nyear = 2026\nextends = \"iid-2026\"\n\n\
                     [settings]\n{setting} = {value}\n"
                ),
            )
            .unwrap();
            let out = bimtek(&["template", "check", path.to_str().unwrap(), "--lang", "en"]);
            (out.status.code(), stdout(&out))
        };
        for ok in ["0", "7000"] {
            let (code, s) = with(ok);
            assert_eq!(code, Some(0), "{setting} = {ok}: {s}");
        }
        let column = setting.len() + 4;
        for bad in ["-1", "1.5", "\"1000\""] {
            let (code, s) = with(bad);
            assert_eq!(code, Some(1), "{setting} = {bad}: {s}");
            assert!(
                s.contains(&format!("batas.toml:8:{column}: {setting}")),
                "{setting} = {bad}: {s}"
            );
        }
    }
}
