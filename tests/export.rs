//! `bimtek export`: package contents, byte-identical output, zip and folder
//! forms, refusal to overwrite, no partial output after a failure, inputs
//! untouched, and the feedback workbooks read back.

mod common;

use common::{AS_OF, bimtek_with_env};

use calamine::{Reader, Xlsx, open_workbook};
use serde_json::Value;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Output;

fn export(out: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["export", "--as-of", AS_OF, "--out", out.to_str().unwrap()];
    args.extend_from_slice(extra);
    args.push("sample-data");
    bimtek_with_env(&args, &[])
}

/// Every file under `dir`: relative path -> bytes.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    for e in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let e = e.unwrap();
        if e.file_type().is_file() {
            let rel = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            out.insert(rel, std::fs::read(e.path()).unwrap());
        }
    }
    out
}

fn zip_tree(path: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut z = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut out = BTreeMap::new();
    for i in 0..z.len() {
        let mut f = z.by_index(i).unwrap();
        let mut b = Vec::new();
        f.read_to_end(&mut b).unwrap();
        out.insert(f.name().unwrap().to_string(), b);
    }
    out
}

fn sha(b: &[u8]) -> String {
    Sha256::digest(b)
        .iter()
        .map(|x| format!("{x:02x}"))
        .collect()
}

#[test]
fn package_contents_and_manifest() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("paket");
    let r = export(&out, &[]);
    assert_eq!(
        r.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&r.stderr)
    );
    let files = tree(&out);
    for f in [
        "data/inovasi.csv",
        "data/inovasi.xlsx",
        "data/bukti.csv",
        "data/tidak-terbaca.csv",
        "dikecualikan.csv",
        "entri-portal.xlsx",
        "laporan.html",
        "manifest.json",
        "temuan.csv",
        "temuan.json",
        "temuan.xlsx",
    ] {
        assert!(files.contains_key(f), "{f} missing: {:?}", files.keys());
    }
    assert!(files.keys().any(|k| {
        k.starts_with("data/bukti/dinas-kesehatan/sipandu-posyandu-digital/indikator-01")
    }));
    // Evidence records carry the document number and subject the long
    // evidence sheet gives.
    let bukti = String::from_utf8_lossy(&files["data/bukti.csv"]);
    assert!(
        bukti.contains(",1,1,440/112/Dinkes/2024,15/01/2024,Penetapan Inovasi SIPANDU"),
        "{bukti}"
    );

    // temuan.* are byte-identical to `check --format json/csv`.
    let json = bimtek_with_env(
        &["check", "--format", "json", "--as-of", AS_OF, "sample-data"],
        &[],
    );
    assert_eq!(files["temuan.json"], json.stdout);
    let csv = bimtek_with_env(
        &["check", "--format", "csv", "--as-of", AS_OF, "sample-data"],
        &[],
    );
    assert_eq!(files["temuan.csv"], csv.stdout);
    let xlsx = dir.path().join("temuan.xlsx");
    let r = bimtek_with_env(
        &[
            "check",
            "--format",
            "xlsx",
            "--as-of",
            AS_OF,
            "-o",
            xlsx.to_str().unwrap(),
            "sample-data",
        ],
        &[],
    );
    assert_eq!(r.status.code(), Some(1));
    assert_eq!(files["temuan.xlsx"], std::fs::read(&xlsx).unwrap());

    // The manifest lists every packaged file with its hash and size, and every input.
    let m: Value = serde_json::from_slice(&files["manifest.json"]).unwrap();
    assert_eq!(m["tool"]["name"], "bimtek");
    assert_eq!(m["template"]["id"], "iid-2026");
    assert_eq!(m["template"]["sha256"].as_str().unwrap().len(), 64);
    assert_eq!(m["as_of"], AS_OF);
    let listed: BTreeMap<String, (String, u64)> = m["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["path"].as_str().unwrap().to_string(),
                (
                    f["sha256"].as_str().unwrap().to_string(),
                    f["size"].as_u64().unwrap(),
                ),
            )
        })
        .collect();
    for (name, bytes) in &files {
        if name == "manifest.json" {
            continue;
        }
        let (h, size) = listed
            .get(name)
            .unwrap_or_else(|| panic!("{name} not in manifest"));
        assert_eq!(h, &sha(bytes), "{name}");
        assert_eq!(*size, bytes.len() as u64, "{name}");
    }
    assert_eq!(listed.len() + 1, files.len());
    let inputs = m["inputs"].as_array().unwrap();
    assert_eq!(inputs.len(), 5);
    for i in inputs {
        let bytes =
            std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join(i["path"].as_str().unwrap()))
                .unwrap();
        assert_eq!(i["sha256"], sha(&bytes));
    }
    let counts = &m["counts"];
    assert_eq!(counts["innovations"], 24);
    assert_eq!(
        counts["included"].as_u64().unwrap() + counts["excluded"].as_u64().unwrap(),
        24
    );

    // Rows: portal field order, canonical values, dates dd/mm/yyyy, nothing invented.
    let mut rows = csv::Reader::from_reader(files["data/inovasi.csv"].as_slice());
    let head: Vec<String> = rows.headers().unwrap().iter().map(str::to_string).collect();
    assert_eq!(
        &head[..4],
        ["id", "pemda", "nama_inovasi", "perangkat_daerah"]
    );
    assert!(!head.contains(&"status".to_string()));
    let recs: Vec<csv::StringRecord> = rows.records().map(|r| r.unwrap()).collect();
    assert_eq!(recs.len() as u64, counts["included"].as_u64().unwrap());
    let tahapan = head.iter().position(|h| h == "tahapan").unwrap();
    let penerapan = head.iter().position(|h| h == "waktu_penerapan").unwrap();
    for r in &recs {
        assert!(
            ["Inisiatif", "Uji Coba", "Penerapan", ""].contains(&&r[tahapan]),
            "{:?}",
            &r[tahapan]
        );
        let d = &r[penerapan];
        assert!(
            d.is_empty() || (d.len() == 10 && &d[2..3] == "/" && &d[5..6] == "/"),
            "{d}"
        );
    }
    // Excluded innovations are listed with their reasons.
    let mut ex = csv::Reader::from_reader(files["dikecualikan.csv"].as_slice());
    let ex: Vec<csv::StringRecord> = ex.records().map(|r| r.unwrap()).collect();
    assert_eq!(ex.len() as u64, counts["excluded"].as_u64().unwrap());
    assert!(ex.iter().all(|r| !r[4].is_empty()));
    // The report is self-contained.
    let html = String::from_utf8(files["laporan.html"].clone()).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(
        !html.contains("<script src") && !html.contains("<link") && !html.contains("url("),
        "no network"
    );
}

#[test]
fn same_inputs_same_bytes_zip_and_folder() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.zip");
    let b = dir.path().join("b.zip");
    assert_eq!(export(&a, &[]).status.code(), Some(0));
    assert_eq!(export(&b, &[]).status.code(), Some(0));
    assert_eq!(std::fs::read(&a).unwrap(), std::fs::read(&b).unwrap());
    let folder = dir.path().join("f");
    assert_eq!(export(&folder, &[]).status.code(), Some(0));
    let z = zip_tree(&a);
    let f = tree(&folder);
    assert_eq!(z, f);
    let names: Vec<&String> = z.keys().collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted);
}

#[test]
fn the_submission_workbook_holds_what_the_csv_holds() {
    // data/inovasi.xlsx is written row by row through a temporary file;
    // read back, it has the CSV's rows under the portal's labels.
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("paket");
    assert_eq!(export(&out, &["--include-invalid"]).status.code(), Some(0));
    let mut csv = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_path(out.join("data/inovasi.csv"))
        .unwrap();
    let csv_rows: Vec<Vec<String>> = csv
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect();
    let mut wb: Xlsx<_> = open_workbook(out.join("data/inovasi.xlsx")).unwrap();
    let range = wb.worksheet_range("Inovasi").unwrap();
    let sheet: Vec<Vec<String>> = range
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect();
    assert!(csv_rows.len() > 5, "{}", csv_rows.len());
    assert_eq!(sheet.len(), csv_rows.len());
    assert_eq!(sheet[0][0], "ID");
    assert!(
        sheet[0].iter().any(|h| h == "Nama Inovasi"),
        "{:?}",
        sheet[0]
    );
    assert_eq!(sheet[0].len(), csv_rows[0].len());
    assert_eq!(sheet[0].last().unwrap(), "Status");
    for (x, c) in sheet.iter().zip(&csv_rows).skip(1) {
        // The CSV quotes a cell a spreadsheet would run as a formula (a
        // negative coordinate, too); the workbook holds it as text.
        let c: Vec<&str> = c
            .iter()
            .map(|v| match v.strip_prefix('\'') {
                Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest,
                _ => v.as_str(),
            })
            .collect();
        assert_eq!(x, &c);
    }
    // Nothing is left beside the package.
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(left, vec![std::ffi::OsString::from("paket")]);
}

#[test]
fn the_portal_workbook_is_what_the_officer_types() {
    // entri-portal.xlsx: per innovation its profile row, then a row per
    // indicator with the chosen parameter, the record and the packaged
    // file to upload; the pemda from --pemda when the rows name none.
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("paket");
    let r = export(&out, &["--pemda", "Kabupaten Tanah Merah"]);
    assert_eq!(
        r.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&r.stderr)
    );
    let mut wb: Xlsx<_> = open_workbook(out.join("entri-portal.xlsx")).unwrap();
    assert_eq!(wb.sheet_names(), ["Entri Portal"]);
    let range = wb.worksheet_range("Entri Portal").unwrap();
    let sheet: Vec<Vec<String>> = range
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect();
    let head = &sheet[0];
    let col = |h: &str| {
        head.iter()
            .position(|x| x == h)
            .unwrap_or_else(|| panic!("{h} not in {head:?}"))
    };
    assert_eq!(
        head[..5],
        [
            "Nama Pemda",
            "Nama Inovasi",
            "Nama Perangkat Daerah",
            "Bagian",
            "Indikator"
        ]
    );
    assert_eq!(
        head[head.len() - 6..],
        [
            "Parameter",
            "Nomor Surat / Dokumen",
            "Tanggal Surat",
            "Tentang",
            "Berkas untuk diunggah / Tautan",
            "ID"
        ]
    );
    // The profile rows hold the package's rows, field by field in the
    // portal's order (the three key fields first), the pemda filled in.
    let mut csv = csv::Reader::from_path(out.join("data/inovasi.csv")).unwrap();
    let keys: Vec<String> = csv.headers().unwrap().iter().map(str::to_string).collect();
    let csv_rows: Vec<csv::StringRecord> = csv.records().map(|r| r.unwrap()).collect();
    let profiles: Vec<&Vec<String>> = sheet
        .iter()
        .filter(|r| r[col("Bagian")] == "Profil")
        .collect();
    assert_eq!(profiles.len(), csv_rows.len());
    assert_eq!(profiles.len(), 2);
    assert_eq!(head.len() - 5 - 6, keys.len() - 4);
    let id = col("ID");
    for (p, c) in profiles.iter().zip(&csv_rows) {
        assert_eq!(p[id], c[0]);
        assert_eq!(p[0], "Kabupaten Tanah Merah");
        assert_eq!(p[1..3], [&c[2], &c[3]]);
        let profile: Vec<&str> = p[5..p.len() - 6].iter().map(String::as_str).collect();
        // (The CSV quotes what a spreadsheet would run as a formula.)
        let want: Vec<&str> = c
            .iter()
            .skip(4)
            .map(|v| match v.strip_prefix('\'') {
                Some(rest) if rest.starts_with(['=', '+', '-', '@']) => rest,
                _ => v,
            })
            .collect();
        assert_eq!(profile, want);
    }
    assert_eq!(
        head[col("Waktu Penerapan Inovasi Daerah")],
        "Waktu Penerapan Inovasi Daerah"
    );
    assert_eq!(
        profiles[0][col("Waktu Penerapan Inovasi Daerah")],
        "01/02/2024"
    );
    // Every row names its innovation, so a filter keeps a group whole.
    let parts: Vec<&str> = sheet.iter().map(|r| r[col("Bagian")].as_str()).collect();
    assert_eq!(
        parts[..9],
        [
            "Bagian",
            "Profil",
            "Indikator 1",
            "Indikator 2",
            "Indikator 3",
            "Indikator 4",
            "Indikator 17",
            "Indikator 18",
            "Indikator 20"
        ]
    );
    for row in &sheet[1..] {
        let p = profiles.iter().find(|p| p[id] == row[id]).unwrap();
        assert_eq!(row[..3], p[..3]);
    }
    // Indicator 1 of SIPANDU: the parameter as the portal lists it and the
    // packaged file, which is in the package.
    let sipandu = sheet
        .iter()
        .position(|r| r[1] == "SIPANDU Posyandu Digital")
        .unwrap();
    let ind1 = &sheet[sipandu + 1];
    assert_eq!(ind1[col("Bagian")], "Indikator 1");
    assert_eq!(ind1[col("Indikator")], "Regulasi Inovasi Daerah");
    assert!(
        ind1[col("Parameter")].starts_with("1. SK Kepala Daerah"),
        "{ind1:?}"
    );
    assert_eq!(ind1[col("Nomor Surat / Dokumen")], "440/112/Dinkes/2024");
    assert_eq!(ind1[col("Tanggal Surat")], "15/01/2024");
    let file = &ind1[col("Berkas untuk diunggah / Tautan")];
    assert_eq!(
        file,
        "data/bukti/dinas-kesehatan/sipandu-posyandu-digital/indikator-01.pdf"
    );
    assert!(out.join(file).is_file());
    // The video: its link.
    let video = &sheet[sipandu + 7];
    assert_eq!(video[col("Bagian")], "Indikator 20");
    assert!(video[col("Berkas untuk diunggah / Tautan")].starts_with("https://www.youtube.com/"));
    let m: Value =
        serde_json::from_slice(&std::fs::read(out.join("manifest.json")).unwrap()).unwrap();
    assert_eq!(m["counts"]["pemda_missing"], 0);

    // Without --pemda, the rows name none: the cells stay empty and the
    // manifest counts them. --include-invalid brings the excluded in.
    let out = dir.path().join("tanpa");
    assert_eq!(export(&out, &["--include-invalid"]).status.code(), Some(0));
    let m: Value =
        serde_json::from_slice(&std::fs::read(out.join("manifest.json")).unwrap()).unwrap();
    assert_eq!(m["counts"]["pemda_missing"], 24);
    let mut wb: Xlsx<_> = open_workbook(out.join("entri-portal.xlsx")).unwrap();
    let range = wb.worksheet_range("Entri Portal").unwrap();
    assert!(range.rows().skip(1).all(|r| r[0].to_string().is_empty()));
    let profiles = range.rows().filter(|r| r[3] == "Profil").count();
    assert_eq!(profiles, 24);
}

#[test]
fn the_zip_stores_what_is_compressed_already() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("p.zip");
    assert_eq!(export(&out, &[]).status.code(), Some(0));
    let mut z = zip::ZipArchive::new(std::fs::File::open(&out).unwrap()).unwrap();
    let mut seen = BTreeMap::new();
    for i in 0..z.len() {
        let f = z.by_index(i).unwrap();
        let name = f.name().unwrap().to_string();
        let ext = name.rsplit('.').next().unwrap().to_string();
        seen.insert(ext, f.compression());
    }
    for ext in ["xlsx", "png"] {
        assert_eq!(
            seen.get(ext),
            Some(&zip::CompressionMethod::Stored),
            "{ext} {seen:?}"
        );
    }
    for ext in ["csv", "json", "html", "pdf"] {
        assert_eq!(
            seen.get(ext),
            Some(&zip::CompressionMethod::Deflated),
            "{ext} {seen:?}"
        );
    }
}

#[test]
fn refuses_to_overwrite_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("p.zip");
    std::fs::write(&out, b"lama").unwrap();
    let r = export(&out, &[]);
    assert_eq!(r.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&r.stderr).contains("--force"));
    assert_eq!(std::fs::read(&out).unwrap(), b"lama");
    assert_eq!(export(&out, &["--force"]).status.code(), Some(0));
    assert_ne!(std::fs::read(&out).unwrap(), b"lama");
}

#[test]
fn a_failure_leaves_no_partial_package() {
    for name in ["p.zip", "p"] {
        for after in ["0", "3", "12"] {
            let dir = tempfile::tempdir().unwrap();
            let out = dir.path().join(name);
            let args = [
                "export",
                "--as-of",
                AS_OF,
                "--out",
                out.to_str().unwrap(),
                "sample-data",
            ];
            let r = bimtek_with_env(&args, &[("BIMTEK_FAIL_AFTER", after)]);
            assert_eq!(r.status.code(), Some(2), "{name} {after}");
            let left: Vec<_> = std::fs::read_dir(dir.path())
                .unwrap()
                .map(|e| e.unwrap().file_name())
                .collect();
            assert!(left.is_empty(), "{name} after {after}: {left:?}");
        }
    }
    // An existing package survives a failed --force run untouched.
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("p.zip");
    std::fs::write(&out, b"lama").unwrap();
    let r = bimtek_with_env(
        &[
            "export",
            "--as-of",
            AS_OF,
            "--force",
            "--out",
            out.to_str().unwrap(),
            "sample-data",
        ],
        &[("BIMTEK_FAIL_AFTER", "5")],
    );
    assert_eq!(r.status.code(), Some(2));
    assert_eq!(std::fs::read(&out).unwrap(), b"lama");
}

#[test]
fn inputs_are_never_modified() {
    let before = tree(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("sample-data")
            .as_path(),
    );
    let dir = tempfile::tempdir().unwrap();
    bimtek_with_env(&["check", "--as-of", AS_OF, "sample-data"], &[]);
    export(&dir.path().join("p.zip"), &[]);
    bimtek_with_env(
        &[
            "export",
            "--as-of",
            AS_OF,
            "--feedback",
            dir.path().join("fb").to_str().unwrap(),
            "sample-data",
        ],
        &[],
    );
    let after = tree(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("sample-data")
            .as_path(),
    );
    assert_eq!(before.len(), after.len());
    for (k, v) in &before {
        assert_eq!(sha(v), sha(&after[k]), "{k} changed");
    }
}

#[test]
fn include_invalid_keeps_and_marks_them() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("p");
    assert_eq!(export(&out, &["--include-invalid"]).status.code(), Some(0));
    let mut rows =
        csv::Reader::from_reader(std::fs::File::open(out.join("data/inovasi.csv")).unwrap());
    let head: Vec<String> = rows.headers().unwrap().iter().map(str::to_string).collect();
    assert_eq!(head.last().unwrap(), "status");
    let recs: Vec<csv::StringRecord> = rows.records().map(|r| r.unwrap()).collect();
    assert_eq!(recs.len(), 24);
    assert!(recs.iter().any(|r| &r[r.len() - 1] == "error"));
    let ex = std::fs::read_to_string(out.join("dikecualikan.csv")).unwrap();
    assert_eq!(ex.lines().count(), 1, "{ex}");
}

#[test]
fn feedback_workbooks_mark_the_cells() {
    let dir = tempfile::tempdir().unwrap();
    let fb = dir.path().join("umpan-balik");
    let r = bimtek_with_env(
        &[
            "export",
            "--as-of",
            AS_OF,
            "--feedback",
            fb.to_str().unwrap(),
            "sample-data",
        ],
        &[],
    );
    assert_eq!(
        r.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&r.stderr)
    );
    let books: Vec<String> = tree(&fb).keys().cloned().collect();
    assert_eq!(
        books,
        [
            "Dinas Kesehatan.xlsx",
            "Dinas Komunikasi dan Informatika.xlsx",
            "Dinas Pekerjaan Umum dan Penataan Ruang.xlsx",
            "Dinas Pendidikan.xlsx",
            "Dinas Sosial.xlsx",
            // It names bimtek: --force may replace this folder later.
            "manifest.json"
        ]
    );
    let path: PathBuf = fb.join("Dinas Sosial.xlsx");
    let mut wb: Xlsx<_> = open_workbook(&path).unwrap();
    assert_eq!(wb.sheet_names()[0], "Temuan");
    let temuan = wb.worksheet_range("Temuan").unwrap();
    assert_eq!(temuan.get_value((0, 0)).unwrap().to_string(), "Kode");
    let codes: Vec<String> = (1..temuan.height())
        .map(|r| temuan.get_value((r as u32, 0)).unwrap().to_string())
        .collect();
    assert!(codes.contains(&"V001".to_string()), "{codes:?}");
    // The agency's rows as it sent them: Sheet1!C3 holds "Selesai".
    let data = wb.worksheet_range("Sheet1").unwrap();
    assert_eq!(data.get_value((2, 2)).unwrap().to_string(), "Selesai");
    // In the XML: C3 carries a style (the fill) and a note with the message.
    let z = zip_tree(&path);
    let sheet = String::from_utf8(z["xl/worksheets/sheet2.xml"].clone()).unwrap();
    let c3 = sheet.find("r=\"C3\"").expect("C3 written");
    assert!(
        sheet[c3..c3 + 40].contains(" s=\""),
        "{}",
        &sheet[c3..c3 + 40]
    );
    let comments: Vec<&String> = z.keys().filter(|k| k.starts_with("xl/comments")).collect();
    assert!(!comments.is_empty());
    let all: String = comments
        .iter()
        .map(|k| String::from_utf8(z[*k].clone()).unwrap())
        .collect();
    assert!(all.contains("ref=\"C3\""), "{all}");
    assert!(all.contains("Selesai"), "{all}");
    let styles = String::from_utf8(z["xl/styles.xml"].clone()).unwrap();
    assert!(styles.contains("FFC7CE"), "red fill");
    // Row-only places say "baris" in Bahasa Indonesia and "row" in English.
    let places: Vec<String> = (1..temuan.height())
        .map(|r| temuan.get_value((r as u32, 4)).unwrap().to_string())
        .collect();
    assert!(places.iter().any(|p| p == "baris 2"), "{places:?}");
    let fb_en = dir.path().join("feedback");
    let r = bimtek_with_env(
        &[
            "export",
            "--as-of",
            AS_OF,
            "--lang",
            "en",
            "--feedback",
            fb_en.to_str().unwrap(),
            "sample-data",
        ],
        &[],
    );
    assert_eq!(r.status.code(), Some(0));
    let mut wb: Xlsx<_> = open_workbook(fb_en.join("Dinas Sosial.xlsx")).unwrap();
    let temuan = wb.worksheet_range("Temuan").unwrap();
    assert_eq!(temuan.get_value((0, 4)).unwrap().to_string(), "Cell");
    let places: Vec<String> = (1..temuan.height())
        .map(|r| temuan.get_value((r as u32, 4)).unwrap().to_string())
        .collect();
    assert!(places.iter().any(|p| p == "row 2"), "{places:?}");
    assert!(!places.iter().any(|p| p.starts_with("baris")), "{places:?}");
    // A workbook with no findings says so: an innovation with its evidence
    // (without any, the run says so: E018).
    let clean = dir.path().join("bersih");
    let input = dir.path().join("masukan");
    let from = Path::new("tests/fixtures/codes/E010");
    std::fs::create_dir_all(input.join("bukti/ok-e010")).unwrap();
    for name in ["e010.csv", "bukti.csv"] {
        let text = std::fs::read_to_string(from.join(name)).unwrap();
        let kept: Vec<&str> = text.lines().filter(|l| !l.starts_with("BAD")).collect();
        std::fs::write(input.join(name), kept.join("\n") + "\n").unwrap();
    }
    for f in std::fs::read_dir(from.join("bukti/ok-e010")).unwrap() {
        let f = f.unwrap().path();
        std::fs::copy(&f, input.join("bukti/ok-e010").join(f.file_name().unwrap())).unwrap();
    }
    let r = bimtek_with_env(
        &[
            "export",
            "--as-of",
            AS_OF,
            "--feedback",
            clean.to_str().unwrap(),
            input.to_str().unwrap(),
        ],
        &[],
    );
    assert_eq!(r.status.code(), Some(0));
    // One workbook per input file: the profile and the evidence sheet.
    let mut all = tree(&clean);
    assert!(all.remove("manifest.json").is_some());
    assert_eq!(all.len(), 2);
    for name in all.keys() {
        let mut wb: Xlsx<_> = open_workbook(clean.join(name)).unwrap();
        let t = wb.worksheet_range("Temuan").unwrap();
        assert!(
            t.get_value((1, 0))
                .unwrap()
                .to_string()
                .starts_with("Tidak ada temuan")
        );
    }
}

#[cfg(unix)]
#[test]
fn outputs_never_follow_a_link_out() {
    let dir = tempfile::tempdir().unwrap();
    let outside = dir.path().join("luar");
    std::fs::create_dir(&outside).unwrap();
    let link = dir.path().join("paket");
    std::os::unix::fs::symlink(&outside, &link).unwrap();
    for extra in [&[][..], &["--force"][..]] {
        let r = export(&link, extra);
        assert_eq!(
            r.status.code(),
            Some(2),
            "{}",
            String::from_utf8_lossy(&r.stderr)
        );
    }
    assert_eq!(std::fs::read_dir(&outside).unwrap().count(), 0);
    let file_link = dir.path().join("laporan.html");
    std::os::unix::fs::symlink(outside.join("x.html"), &file_link).unwrap();
    let r = bimtek_with_env(
        &[
            "check",
            "--format",
            "html",
            "--force",
            "-o",
            file_link.to_str().unwrap(),
            "sample-data",
        ],
        &[],
    );
    assert_eq!(r.status.code(), Some(2));
    assert!(!outside.join("x.html").exists());
}
