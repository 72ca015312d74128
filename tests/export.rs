//! `bimtek export`: package contents, byte-identical output, zip and folder
//! forms, refusal to overwrite, no partial output after a failure, inputs
//! untouched, and the feedback workbooks read back.

mod common;

use common::{AS_OF, bimtek_with_env, manifest, s, text};

use calamine::{Reader, Xlsx, open_workbook};
use serde_json::Value;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Output;

fn export(out: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["export", "--as-of", AS_OF, "--out", s(out)];
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
    assert_eq!(r.status.code(), Some(0), "{}", text(&r.stderr));
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
            s(&xlsx),
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
        let bytes = std::fs::read(manifest(i["path"].as_str().unwrap())).unwrap();
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
    assert_eq!(r.status.code(), Some(0), "{}", text(&r.stderr));
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
    let run = export(&out, &["--include-invalid"]);
    assert_eq!(run.status.code(), Some(0));
    let m: Value =
        serde_json::from_slice(&std::fs::read(out.join("manifest.json")).unwrap()).unwrap();
    assert_eq!(m["counts"]["pemda_missing"], 24);
    // The summary says so, and how to mend it.
    let said = text(&run.stderr);
    assert!(
        said.contains("Nama Pemda kosong untuk 24 inovasi di entri-portal.xlsx")
            && said.contains("--pemda"),
        "{said}"
    );
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
    assert!(text(&r.stderr).contains("--force"));
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
            let args = ["export", "--as-of", AS_OF, "--out", s(&out), "sample-data"];
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
            s(&out),
            "sample-data",
        ],
        &[("BIMTEK_FAIL_AFTER", "5")],
    );
    assert_eq!(r.status.code(), Some(2));
    assert_eq!(std::fs::read(&out).unwrap(), b"lama");
}

#[test]
fn inputs_are_never_modified() {
    let before = tree(manifest("sample-data").as_path());
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
    let after = tree(manifest("sample-data").as_path());
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
            s(&fb),
            "sample-data",
        ],
        &[],
    );
    assert_eq!(r.status.code(), Some(0), "{}", text(&r.stderr));
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
    // The agency's rows on the form's sheet: its second innovation's
    // "Tahapan Inovasi" (Sheet1!C3 as it sent it) is Inovasi!D3, written
    // as the agency wrote it since it carries a finding.
    let data = wb.worksheet_range("Inovasi").unwrap();
    assert_eq!(data.get_value((2, 3)).unwrap().to_string(), "Selesai");
    // In the XML: D3 carries a style (the fill) and a note with the message.
    let z = zip_tree(&path);
    let sheet = String::from_utf8(z["xl/worksheets/sheet2.xml"].clone()).unwrap();
    let d3 = sheet.find("r=\"D3\"").expect("D3 written");
    assert!(
        sheet[d3..d3 + 40].contains(" s=\""),
        "{}",
        &sheet[d3..d3 + 40]
    );
    let comments: Vec<&String> = z.keys().filter(|k| k.starts_with("xl/comments")).collect();
    assert!(!comments.is_empty());
    let all: String = comments
        .iter()
        .map(|k| String::from_utf8(z[*k].clone()).unwrap())
        .collect();
    assert!(all.contains("ref=\"D3\""), "{all}");
    assert!(all.contains("Selesai"), "{all}");
    let styles = String::from_utf8(z["xl/styles.xml"].clone()).unwrap();
    assert!(styles.contains("FFC7CE"), "red fill");
    // Row-only places say "baris" in Bahasa Indonesia and "row" in English.
    let mut wb: Xlsx<_> = open_workbook(fb.join("Dinas Komunikasi dan Informatika.xlsx")).unwrap();
    let temuan = wb.worksheet_range("Temuan").unwrap();
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
            s(&fb_en),
            "sample-data",
        ],
        &[],
    );
    assert_eq!(r.status.code(), Some(0));
    let mut wb: Xlsx<_> =
        open_workbook(fb_en.join("Dinas Komunikasi dan Informatika.xlsx")).unwrap();
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
            s(&clean),
            s(&input),
        ],
        &[],
    );
    assert_eq!(r.status.code(), Some(0));
    // One workbook for the one agency, though its profile and its
    // evidence came in two files: its form, with its documents.
    let mut all = tree(&clean);
    assert!(all.remove("manifest.json").is_some());
    assert_eq!(all.len(), 1, "{:?}", all.keys());
    for name in all.keys() {
        let mut wb: Xlsx<_> = open_workbook(clean.join(name)).unwrap();
        assert_eq!(
            wb.sheet_names(),
            ["Temuan", "Inovasi", "Bukti Dukung", "Referensi"]
        );
        let t = wb.worksheet_range("Temuan").unwrap();
        assert!(
            t.get_value((0, 0))
                .unwrap()
                .to_string()
                .starts_with("Tidak ada temuan")
        );
        assert_eq!(t.height(), 1, "nothing stray outside the table");
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
        assert_eq!(r.status.code(), Some(2), "{}", text(&r.stderr));
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
            s(&file_link),
            "sample-data",
        ],
        &[],
    );
    assert_eq!(r.status.code(), Some(2));
    assert!(!outside.join("x.html").exists());
}

/// The rows of a CSV (header included), as written.
fn csv_rows(bytes: &[u8], delimiter: u8) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .delimiter(delimiter)
        .from_reader(bytes)
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

// ------------------------------------------------ feedback: one agency, its form, the round trip

/// A Bappeda recap in one csv: four complete innovations of three
/// agencies (the clean row of `F013/ok.csv`), one with a wrong stage
/// (V001), one with a day that does not exist (D003). Returns its folder.
fn recap(dir: &Path) -> PathBuf {
    let input = dir.join("masuk");
    std::fs::create_dir_all(&input).unwrap();
    let mut rows = csv::Reader::from_path("tests/fixtures/codes/F013/ok.csv").unwrap();
    let head = rows.headers().unwrap().clone();
    let base = rows.records().next().unwrap().unwrap();
    let col = |name: &str| head.iter().position(|h| h == name).unwrap();
    let mut w = csv::Writer::from_path(input.join("rekap-bappeda.csv")).unwrap();
    w.write_record(&head).unwrap();
    for (name, agency, stage, date) in [
        ("Layanan A1", "Dinas Kesehatan", "Penerapan", "01/06/2024"),
        ("Layanan A2", "Dinas Kesehatan", "Selesaii", "01/06/2024"),
        ("Layanan B1", "Dinas Pendidikan", "Penerapan", "31/02/2024"),
        ("Layanan C1", "Dinas Sosial", "Penerapan", "01/06/2024"),
    ] {
        let mut row: Vec<String> = base.iter().map(str::to_string).collect();
        row[col("Nama Inovasi")] = name.into();
        row[col("Nama Perangkat Daerah")] = agency.into();
        row[col("Tahapan Inovasi")] = stage.into();
        row[col("Waktu Penerapan Inovasi Daerah")] = date.into();
        w.write_record(&row).unwrap();
    }
    w.flush().unwrap();
    input
}

fn feedback(input: &Path, out: &Path) {
    let r = bimtek_with_env(
        &[
            "export",
            "--as-of",
            AS_OF,
            "-q",
            "--feedback",
            s(out),
            s(input),
        ],
        &[],
    );
    assert_eq!(r.status.code(), Some(0), "{}", text(&r.stderr));
}

/// The findings of a check of `dir` as (code, innovation, field), less the
/// F012 infos that name the sheets that are not data (a feedback
/// workbook's findings and reference sheets).
fn findings_of(dir: &Path) -> Vec<(String, String, String)> {
    let r = bimtek_with_env(
        &["check", "--as-of", AS_OF, "--format", "json", s(dir)],
        &[],
    );
    let doc: Value = serde_json::from_slice(&r.stdout).unwrap();
    let s = |v: &Value| v.as_str().unwrap_or("").to_string();
    let mut out: Vec<(String, String, String)> = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] != "F012")
        .map(|f| (s(&f["code"]), s(&f["innovation"]), s(&f["field"])))
        .collect();
    out.sort();
    out.dedup();
    out
}

/// A sheet's rows as text.
fn rows_of(path: &Path, sheet: &str) -> Vec<Vec<String>> {
    let mut wb: Xlsx<_> = open_workbook(path).unwrap();
    let range = wb.worksheet_range(sheet).unwrap();
    range
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect()
}

#[test]
fn export_says_what_it_did_in_both_languages() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("paket");
    let r = export(&out, &[]);
    assert_eq!(r.status.code(), Some(0));
    assert!(r.stdout.is_empty(), "stdout stays empty");
    let m: Value =
        serde_json::from_slice(&std::fs::read(out.join("manifest.json")).unwrap()).unwrap();
    let c = &m["counts"];
    let err = String::from_utf8(r.stderr).unwrap();
    assert!(
        err.starts_with(&format!("Paket ditulis ke {}\n", out.display())),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "  {} inovasi disertakan, {} dikecualikan karena berstatus GALAT\n",
            c["included"], c["excluded"]
        )),
        "{err}"
    );
    // The commonest reason of the sample: sixteen innovations miss a
    // mandatory indicator; the others are counted, not listed.
    assert!(
        err.contains("Alasan tersering (jumlah inovasi, kode):\n"),
        "{err}"
    );
    assert!(
        err.contains("       16  E010  Indikator wajib belum diisi\n"),
        "{err}"
    );
    assert!(
        err.contains("alasan lain: lihat dikecualikan.csv\n"),
        "{err}"
    );
    assert!(
        err.contains(&format!("  {} berkas bukti dikemas\n", c["evidence_files"])),
        "{err}"
    );
    assert!(
        err.contains("Langkah berikutnya: baca BACA-SAYA.txt"),
        "{err}"
    );
    assert!(err.contains("bimtek export --feedback FOLDER"), "{err}");

    let out_en = dir.path().join("package.zip");
    let r = export(&out_en, &["--lang", "en"]);
    assert_eq!(r.status.code(), Some(0));
    let err = String::from_utf8(r.stderr).unwrap();
    assert!(
        err.starts_with(&format!("Package written to {}\n", out_en.display())),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "  {} innovations included, {} excluded for errors\n",
            c["included"], c["excluded"]
        )),
        "{err}"
    );
    assert!(
        err.contains("       16  E010  Mandatory indicator not filled\n"),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "  {} evidence files packaged\n",
            c["evidence_files"]
        )),
        "{err}"
    );
    assert!(
        err.contains("Next: read README.txt in the package"),
        "{err}"
    );

    // Kept innovations with errors are said to be in the package, marked.
    let r = export(&dir.path().join("semua"), &["--include-invalid"]);
    let err = String::from_utf8(r.stderr).unwrap();
    assert!(
        err.contains("  24 inovasi disertakan (22 di antaranya berstatus GALAT, ditandai di kolom Status), 0 dikecualikan"),
        "{err}"
    );
    assert!(!err.contains("Alasan tersering"), "{err}");

    // --quiet: the package and the exit code say it.
    let r = export(&dir.path().join("diam"), &["--quiet"]);
    assert_eq!(r.status.code(), Some(0));
    assert!(r.stderr.is_empty(), "{}", text(&r.stderr));
    assert!(dir.path().join("diam/manifest.json").is_file());
}

#[test]
fn export_honours_fail_on_and_still_writes_the_package() {
    let dir = tempfile::tempdir().unwrap();
    for (flag, code) in [
        (None, 0),
        (Some("never"), 0),
        (Some("error"), 1),
        (Some("warning"), 1),
    ] {
        let out = dir.path().join(format!("p-{}", flag.unwrap_or("bawaan")));
        let extra: Vec<&str> = flag.map(|f| vec!["--fail-on", f]).unwrap_or_default();
        let r = export(&out, &extra);
        assert_eq!(r.status.code(), Some(code), "{flag:?}");
        assert!(out.join("manifest.json").is_file(), "{flag:?}");
    }
}

#[test]
fn export_refuses_the_options_of_check_that_do_not_apply() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("paket");
    let report = dir.path().join("laporan.json");
    for (extra, flag) in [
        (vec!["-o", s(&report)], "-o/--output"),
        (vec!["--output", s(&report)], "-o/--output"),
        (vec!["--format", "json"], "--format"),
        (vec!["--format", "table"], "--format"),
        (vec!["--watch"], "--watch"),
    ] {
        let r = export(&out, &extra);
        assert_eq!(r.status.code(), Some(2), "{extra:?}");
        let err = String::from_utf8(r.stderr).unwrap();
        assert!(
            err.starts_with(&format!("bimtek: {flag}: tidak berlaku untuk export")),
            "{err}"
        );
        assert!(
            !out.exists() && !report.exists(),
            "{extra:?}: nothing written"
        );
    }
    let r = export(&out, &["--lang", "en", "--format", "csv"]);
    assert_eq!(r.status.code(), Some(2));
    assert!(
        text(&r.stderr).starts_with("bimtek: --format: does not apply to export"),
        "{}",
        text(&r.stderr)
    );
    // --excel-csv shapes CSV only.
    for args in [
        &["check", "--excel-csv", "sample-data"][..],
        &["check", "--format", "json", "--excel-csv", "sample-data"],
        &["show", "--excel-csv", "SIPANDU", "sample-data"],
    ] {
        let r = bimtek_with_env(args, &[]);
        assert_eq!(r.status.code(), Some(2), "{args:?}");
        assert!(r.stdout.is_empty(), "{args:?}");
        assert!(
            text(&r.stderr).starts_with(
                "bimtek: --excel-csv: hanya berlaku untuk check --format csv dan export"
            ),
            "{}",
            text(&r.stderr)
        );
    }
}

#[test]
fn the_package_explains_itself() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("paket");
    assert_eq!(export(&out, &[]).status.code(), Some(0));
    let files = tree(&out);
    assert!(
        !files.contains_key("README.txt"),
        "English only with --lang en"
    );
    let text = String::from_utf8(files["BACA-SAYA.txt"].clone()).unwrap();
    // Windows line ends, for Notepad.
    assert!(text.ends_with("\r\n") && !text.replace("\r\n", "").contains('\n'));
    let lines: Vec<&str> = text.split("\r\n").collect();
    assert_eq!(lines[0], "PAKET PENGIRIMAN INOVASI DAERAH");
    // Every file is named on a line of its own, followed by what it is for;
    // the evidence copies by their folder.
    for name in files.keys() {
        let named = if name.starts_with("data/bukti/") {
            "data/bukti/"
        } else {
            name.as_str()
        };
        let at = lines
            .iter()
            .position(|l| *l == named)
            .unwrap_or_else(|| panic!("{named} not named in BACA-SAYA.txt:\n{text}"));
        assert!(
            lines[at + 1].starts_with("    "),
            "{named} has no description"
        );
    }
    let at = lines.iter().position(|l| *l == "dikecualikan.csv").unwrap();
    assert_eq!(
        lines[at + 1],
        "    Inovasi yang tidak disertakan karena berstatus GALAT, dengan alasannya"
    );
    let next = lines
        .iter()
        .position(|l| *l == "LANGKAH BERIKUTNYA")
        .unwrap();
    assert!(
        lines[next + 2].starts_with("1. Buka data/inovasi.xlsx."),
        "{text}"
    );
    assert!(text.contains("bimtek check DATA"), "{text}");

    // With --lang en, README.txt beside it, in English; both in the manifest.
    let out = dir.path().join("package");
    assert_eq!(export(&out, &["--lang", "en"]).status.code(), Some(0));
    let files = tree(&out);
    let id = String::from_utf8(files["BACA-SAYA.txt"].clone()).unwrap();
    assert!(
        id.starts_with("PAKET PENGIRIMAN INOVASI DAERAH\r\n"),
        "{id}"
    );
    assert!(
        id.contains("\r\nREADME.txt\r\n    Berkas ini dalam bahasa Inggris.\r\n"),
        "{id}"
    );
    let en = String::from_utf8(files["README.txt"].clone()).unwrap();
    let lines: Vec<&str> = en.split("\r\n").collect();
    assert_eq!(lines[0], "REGIONAL INNOVATION SUBMISSION PACKAGE");
    let at = lines.iter().position(|l| *l == "README.txt").unwrap();
    assert_eq!(
        lines[at + 1],
        "    This file: what the package holds and what to do next."
    );
    assert!(en.contains("\r\nWHAT TO DO NEXT\r\n"), "{en}");
    let m: Value = serde_json::from_slice(&files["manifest.json"]).unwrap();
    let listed: Vec<&str> = m["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert!(listed.contains(&"BACA-SAYA.txt") && listed.contains(&"README.txt"));
}

#[test]
fn every_list_of_the_package_is_a_sheet_of_its_workbook() {
    // --include-invalid: the sample's unreadable values are in the package.
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("paket");
    assert_eq!(export(&out, &["--include-invalid"]).status.code(), Some(0));
    let mut wb: Xlsx<_> = open_workbook(out.join("data/inovasi.xlsx")).unwrap();
    assert_eq!(
        wb.sheet_names(),
        ["Inovasi", "Dikecualikan", "Bukti", "Tidak Terbaca"]
    );
    let sheet = |wb: &mut Xlsx<_>, name: &str| -> Vec<Vec<calamine::Data>> {
        let range = wb.worksheet_range(name).unwrap();
        range.rows().map(|r| r.to_vec()).collect()
    };
    let text =
        |row: &[calamine::Data]| -> Vec<String> { row.iter().map(|c| c.to_string()).collect() };
    // Each sheet holds its CSV's values, cell by cell, under labels.
    for (name, csv_name, labels, numbers) in [
        (
            "Bukti",
            "data/bukti.csv",
            &[
                "ID",
                "Nama Inovasi",
                "Indikator",
                "Parameter",
                "Nomor Dokumen",
                "Tanggal Dokumen",
                "Tentang",
                "Berkas di Paket",
                "Sumber",
            ][..],
            &[2][..],
        ),
        (
            "Tidak Terbaca",
            "data/tidak-terbaca.csv",
            &["ID", "Isian", "Nilai Tertulis"][..],
            &[][..],
        ),
    ] {
        let rows = sheet(&mut wb, name);
        let csv = csv_rows(&std::fs::read(out.join(csv_name)).unwrap(), b',');
        assert_eq!(text(&rows[0]), labels, "{name}");
        assert!(rows.len() > 5, "{name}: {}", rows.len());
        assert_eq!(rows.len(), csv.len(), "{name}");
        for (x, c) in rows.iter().zip(&csv).skip(1) {
            // A width of columns, empty cells at the end left out by the reader.
            for (k, value) in c.iter().enumerate() {
                let cell = x.get(k).cloned().unwrap_or(calamine::Data::Empty);
                if numbers.contains(&k) {
                    assert_eq!(
                        cell,
                        calamine::Data::Float(value.parse().unwrap()),
                        "{name}"
                    );
                } else {
                    let unquoted = value
                        .strip_prefix('\'')
                        .filter(|v| v.starts_with(['=', '+', '-', '@']))
                        .unwrap_or(value);
                    assert_eq!(cell.to_string(), unquoted, "{name} {k}");
                }
            }
        }
    }
    let bukti = sheet(&mut wb, "Bukti");
    let sipandu = bukti
        .iter()
        .find(|r| r[4] == "440/112/Dinkes/2024")
        .unwrap();
    assert_eq!(
        text(&sipandu[1..8]),
        [
            "SIPANDU Posyandu Digital",
            "1",
            "1",
            "440/112/Dinkes/2024",
            "15/01/2024",
            "Penetapan Inovasi SIPANDU Posyandu Digital",
            "data/bukti/dinas-kesehatan/sipandu-posyandu-digital/indikator-01.pdf",
        ]
    );
    let unread = sheet(&mut wb, "Tidak Terbaca");
    assert!(
        unread.iter().any(|r| text(r)[1..] == ["anggaran", "#REF!"]),
        "{unread:?}"
    );

    // Without --include-invalid, the excluded: agency, name, a number of
    // errors, the reasons in the user's language.
    let out = dir.path().join("en");
    assert_eq!(export(&out, &["--lang", "en"]).status.code(), Some(0));
    let mut wb: Xlsx<_> = open_workbook(out.join("data/inovasi.xlsx")).unwrap();
    let rows = sheet(&mut wb, "Dikecualikan");
    assert_eq!(
        text(&rows[0]),
        ["ID", "Agency", "Innovation", "Errors", "Reasons"]
    );
    let csv = csv_rows(&std::fs::read(out.join("dikecualikan.csv")).unwrap(), b',');
    assert_eq!(rows.len(), csv.len());
    assert_eq!(rows.len(), 23);
    let gemas = rows
        .iter()
        .find(|r| r[2] == "GEMAS Cegah Stunting")
        .unwrap();
    assert_eq!(gemas[1].to_string(), "Dinas Kesehatan");
    assert_eq!(gemas[3], calamine::Data::Float(7.0));
    assert!(
        gemas[4]
            .to_string()
            .starts_with("E010 Mandatory indicator 1 (Regulasi Inovasi Daerah) is not filled"),
        "{:?}",
        gemas[4]
    );
    for (x, c) in rows.iter().zip(&csv).skip(1) {
        assert_eq!(
            [x[0].to_string(), x[2].to_string(), x[4].to_string()],
            [c[0].clone(), c[2].clone(), c[4].clone()]
        );
    }
    assert_eq!(text(&sheet(&mut wb, "Bukti")[0])[2], "Indicator");
}

#[test]
fn excel_csv_has_the_mark_and_semicolons_in_check_and_in_the_package() {
    let check = |extra: &[&str]| {
        let mut args = vec!["check", "--format", "csv", "--as-of", AS_OF];
        args.extend_from_slice(extra);
        args.push("sample-data");
        bimtek_with_env(&args, &[]).stdout
    };
    let plain = check(&[]);
    let excel = check(&["--excel-csv"]);
    assert!(!plain.starts_with(b"\xEF\xBB\xBF"));
    assert!(excel.starts_with(b"\xEF\xBB\xBF"), "{:?}", &excel[..8]);
    let header = String::from_utf8_lossy(&excel[3..])
        .lines()
        .next()
        .unwrap()
        .to_string();
    assert!(
        header.starts_with("code;severity;file;sheet;row;"),
        "{header}"
    );
    // The same cells, split on `;` instead of `,`.
    assert_eq!(csv_rows(&excel[3..], b';'), csv_rows(&plain, b','));

    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("paket");
    assert_eq!(export(&out, &["--excel-csv"]).status.code(), Some(0));
    let files = tree(&out);
    assert_eq!(files["temuan.csv"], excel);
    let plain_pkg = dir.path().join("biasa");
    assert_eq!(export(&plain_pkg, &[]).status.code(), Some(0));
    let plain_files = tree(&plain_pkg);
    for name in [
        "data/inovasi.csv",
        "data/bukti.csv",
        "data/tidak-terbaca.csv",
        "dikecualikan.csv",
    ] {
        let b = &files[name];
        assert!(b.starts_with(b"\xEF\xBB\xBF"), "{name}");
        assert!(!plain_files[name].starts_with(b"\xEF\xBB\xBF"), "{name}");
        assert_eq!(
            csv_rows(&b[3..], b';'),
            csv_rows(&plain_files[name], b','),
            "{name}"
        );
    }
    let m: Value = serde_json::from_slice(&files["manifest.json"]).unwrap();
    assert_eq!(m["options"]["excel_csv"], true);
    // Still the same bytes for the same inputs.
    let again = dir.path().join("lagi");
    assert_eq!(export(&again, &["--excel-csv"]).status.code(), Some(0));
    assert_eq!(tree(&again), files);
}

#[test]
fn feedback_splits_a_recap_per_agency() {
    let dir = tempfile::tempdir().unwrap();
    let input = recap(dir.path());
    let fb = dir.path().join("umpan-balik");
    feedback(&input, &fb);
    let books: Vec<String> = tree(&fb).keys().cloned().collect();
    assert_eq!(
        books,
        [
            "Dinas Kesehatan.xlsx",
            "Dinas Pendidikan.xlsx",
            "Dinas Sosial.xlsx",
            "manifest.json"
        ]
    );
    // Each agency gets only its rows and only their findings.
    for (book, names, codes) in [
        (
            "Dinas Kesehatan.xlsx",
            &["Layanan A1", "Layanan A2"][..],
            &["V001"][..],
        ),
        ("Dinas Pendidikan.xlsx", &["Layanan B1"][..], &["D003"][..]),
        ("Dinas Sosial.xlsx", &["Layanan C1"][..], &[][..]),
    ] {
        let path = fb.join(book);
        let data = rows_of(&path, "Inovasi");
        let name_col = data[0]
            .iter()
            .position(|h| h.starts_with("Nama Inovasi"))
            .unwrap();
        let got: Vec<&str> = data[1..].iter().map(|r| r[name_col].as_str()).collect();
        assert_eq!(got, names, "{book}");
        let temuan = rows_of(&path, "Temuan");
        let got: Vec<&str> = temuan[1..]
            .iter()
            .map(|r| r[0].as_str())
            .filter(|c| *c != "E018")
            .collect();
        if codes.is_empty() {
            // Only the file's warning that it holds no evidence.
            assert!(got.is_empty(), "{book}: {temuan:?}");
        } else {
            assert_eq!(got, codes, "{book}");
        }
    }
    // The manifest lists the three workbooks.
    let manifest: Value =
        serde_json::from_slice(&std::fs::read(fb.join("manifest.json")).unwrap()).unwrap();
    assert_eq!(manifest["files"].as_array().unwrap().len(), 3);
}

#[test]
fn the_feedback_workbook_is_the_agencys_form_again() {
    let dir = tempfile::tempdir().unwrap();
    let input = recap(dir.path());
    let fb = dir.path().join("umpan-balik");
    feedback(&input, &fb);
    let path = fb.join("Dinas Kesehatan.xlsx");
    let wb: Xlsx<_> = open_workbook(&path).unwrap();
    assert_eq!(wb.sheet_names(), ["Temuan", "Inovasi", "Referensi"]);

    // The headers are the blank form's, in its order.
    let form = dir.path().join("formulir.xlsx");
    let r = bimtek_with_env(&["template", "form", "-o", s(&form), "iid-2026"], &[]);
    assert_eq!(r.status.code(), Some(0));
    let data = rows_of(&path, "Inovasi");
    assert_eq!(data[0], rows_of(&form, "Inovasi")[0]);
    let col = |label: &str| data[0].iter().position(|h| h == label).unwrap();
    let stage = col("Tahapan Inovasi *");
    assert!(col("Nama Inovasi *") < stage);
    // A sample of values: as read, and as written where flagged.
    assert_eq!(data[1][col("Nama Inovasi *")], "Layanan A1");
    assert_eq!(data[1][col("Nama Perangkat Daerah *")], "Dinas Kesehatan");
    assert_eq!(data[1][stage], "Penerapan");
    assert_eq!(data[2][stage], "Selesaii");
    assert_eq!(data[1][col("Jenis Inovasi *")], "Digital");
    // A date is a date, in the form's date format.
    let when = col("Waktu Penerapan Inovasi Daerah");
    let mut wb: Xlsx<_> = open_workbook(&path).unwrap();
    let range = wb.worksheet_range("Inovasi").unwrap();
    match range.get_value((1, when as u32)).unwrap() {
        calamine::Data::DateTime(d) => assert_eq!(d.as_f64(), 45444.0, "1 June 2024"),
        other => panic!("not a date: {other:?}"),
    }

    // The form's dropdown on the stage column and date validation on the
    // date column are kept; the flagged cell is filled and noted.
    let z = zip_tree(&path);
    let sheet = String::from_utf8(z["xl/worksheets/sheet2.xml"].clone()).unwrap();
    let letter = |c: usize| char::from(b'A' + c as u8).to_string();
    let stage_letter = letter(stage);
    assert!(
        sheet.contains(&format!(
            "type=\"list\" allowBlank=\"1\" showInputMessage=\"1\" showErrorMessage=\"1\" errorTitle=\"Pilihan tidak sah\" error=\"Pilih salah satu nilai dari daftar.\" sqref=\"{stage_letter}2:{stage_letter}1001\""
        )),
        "{sheet}"
    );
    let when_letter = letter(when);
    assert!(
        sheet.contains(&format!("sqref=\"{when_letter}2:{when_letter}1001\"")),
        "{sheet}"
    );
    assert!(sheet.contains("<dataValidation type=\"date\""), "{sheet}");
    let flagged = format!("{stage_letter}3");
    let at = sheet.find(&format!("r=\"{flagged}\"")).unwrap();
    assert!(sheet[at..at + 40].contains(" s=\""));
    let notes: String = z
        .iter()
        .filter(|(k, _)| k.starts_with("xl/comments"))
        .map(|(_, v)| String::from_utf8(v.clone()).unwrap())
        .collect();
    assert!(notes.contains(&format!("ref=\"{flagged}\"")), "{notes}");
    // Header notes speak to the agency, never of bimtek's sources.
    assert!(!notes.contains("LAN") && !notes.contains("re-implementasi"));

    // The findings sheet: the field by its label, the cell in this workbook,
    // and nothing outside its table.
    let temuan = rows_of(&path, "Temuan");
    assert_eq!(
        temuan[0],
        [
            "Kode", "Tingkat", "Inovasi", "Lembar", "Sel", "Isian", "Nilai", "Pesan", "Saran"
        ]
    );
    let v001 = temuan.iter().find(|r| r[0] == "V001").unwrap();
    assert_eq!(v001[2], "Layanan A2");
    assert_eq!(v001[3], "Inovasi");
    assert_eq!(v001[4], flagged);
    assert_eq!(v001[5], "Tahapan Inovasi");
    assert!(temuan.iter().all(|r| r.len() == 9), "{temuan:?}");
}

/// `xml` with cell `cell` holding the text `value` (an inline string).
fn set_cell(xml: &str, cell: &str, value: &str) -> String {
    let start = xml.find(&format!("<c r=\"{cell}\"")).expect("cell written");
    let tail = &xml[start..];
    let end = start
        + if tail[..tail.find('>').unwrap()].ends_with('/') {
            tail.find('>').unwrap() + 1
        } else {
            tail.find("</c>").unwrap() + 4
        };
    format!(
        "{}<c r=\"{cell}\" t=\"inlineStr\"><is><t>{value}</t></is></c>{}",
        &xml[..start],
        &xml[end..]
    )
}

#[test]
fn the_round_trip_fixes_findings_and_adds_none() {
    let dir = tempfile::tempdir().unwrap();
    let input = recap(dir.path());
    let before = findings_of(&input);
    let fixed = [
        (
            "V001".to_string(),
            "Layanan A2".to_string(),
            "tahapan".to_string(),
        ),
        (
            "D003".to_string(),
            "Layanan B1".to_string(),
            "waktu_penerapan".to_string(),
        ),
    ];
    for f in &fixed {
        assert!(before.contains(f), "{before:?}");
    }
    let fb = dir.path().join("umpan-balik");
    feedback(&input, &fb);
    let mut books = tree(&fb);
    books.remove("manifest.json");

    // Sent back untouched, the workbooks say what the recap said.
    let back = dir.path().join("kembali");
    std::fs::create_dir(&back).unwrap();
    for (name, bytes) in &books {
        std::fs::write(back.join(name), bytes).unwrap();
    }
    assert_eq!(findings_of(&back), before);

    // Each agency fixes the cells its findings sheet names and sends the
    // workbook back.
    let fixes = [("V001", "Penerapan"), ("D003", "01/06/2024")];
    let mut changed = 0;
    for name in books.keys() {
        let path = back.join(name);
        let temuan = rows_of(&path, "Temuan");
        let mut z = zip_tree(&path);
        let mut sheet = String::from_utf8(z["xl/worksheets/sheet2.xml"].clone()).unwrap();
        for row in &temuan[1..] {
            if let Some((_, value)) = fixes.iter().find(|(code, _)| row[0] == *code) {
                assert_eq!(row[3], "Inovasi");
                sheet = set_cell(&sheet, &row[4], value);
                changed += 1;
            }
        }
        z.insert("xl/worksheets/sheet2.xml".into(), sheet.into_bytes());
        let mut out = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
        for (part, bytes) in &z {
            out.start_file(part.as_str(), zip::write::SimpleFileOptions::default())
                .unwrap();
            std::io::Write::write_all(&mut out, bytes).unwrap();
        }
        out.finish().unwrap();
    }
    assert_eq!(changed, 2);
    let after = findings_of(&back);
    let expected: Vec<_> = before
        .iter()
        .filter(|f| !fixed.contains(f))
        .cloned()
        .collect();
    assert_eq!(after, expected, "the fixed findings gone, nothing new");
}

#[test]
fn the_sample_data_sent_back_untouched_says_the_same() {
    // Every agency's workbook, dropped into its folder in place of its
    // files (beside its bukti/ folder), is read as what it sent: the same
    // innovations, the same evidence and the same findings, but for what
    // the form itself settles.
    let dir = tempfile::tempdir().unwrap();
    let sample = manifest("sample-data");
    let fb = dir.path().join("umpan-balik");
    feedback(&sample, &fb);
    let back = dir.path().join("kembali");
    let books = [
        ("Dinas Kesehatan", "Dinas Kesehatan"),
        (
            "Dinas Komunikasi dan Informatika",
            "Dinas Komunikasi dan Informatika",
        ),
        ("Dinas PUPR", "Dinas Pekerjaan Umum dan Penataan Ruang"),
        ("Dinas Pendidikan", "Dinas Pendidikan"),
        ("Dinas Sosial", "Dinas Sosial"),
    ];
    for (folder, agency) in books {
        for e in walkdir::WalkDir::new(sample.join(folder)) {
            let e = e.unwrap();
            let rel = e.path().strip_prefix(&sample).unwrap();
            let to = back.join(rel);
            if e.file_type().is_dir() {
                std::fs::create_dir_all(&to).unwrap();
            } else if rel.components().any(|c| c.as_os_str() == "bukti") {
                std::fs::copy(e.path(), &to).unwrap();
            }
        }
        std::fs::copy(
            fb.join(format!("{agency}.xlsx")),
            back.join(folder).join(format!("{agency}.xlsx")),
        )
        .unwrap();
    }
    let innovations = |dir: &Path| {
        let r = bimtek_with_env(
            &["check", "--as-of", AS_OF, "--format", "json", s(dir)],
            &[],
        );
        let doc: Value = serde_json::from_slice(&r.stdout).unwrap();
        let mut names: Vec<String> = doc["innovations"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| format!("{} / {}", i["agency"], i["name"]))
            .collect();
        names.sort();
        names
    };
    assert_eq!(innovations(&back), innovations(&sample));
    // Read from the form's sheets: the profile rows from "Inovasi", the
    // documents from "Bukti Dukung".
    let r = bimtek_with_env(
        &["check", "--as-of", AS_OF, "--format", "json", s(&back)],
        &[],
    );
    let doc: Value = serde_json::from_slice(&r.stdout).unwrap();
    for i in doc["innovations"].as_array().unwrap() {
        assert_eq!(i["sheet"], "Inovasi", "{i}");
    }
    let evidence_sheets: std::collections::BTreeSet<&str> = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"].as_str().unwrap().starts_with('E') && f["sheet"].is_string())
        .map(|f| f["sheet"].as_str().unwrap())
        .collect();
    assert!(
        evidence_sheets.contains("Bukti Dukung"),
        "{evidence_sheets:?}"
    );
    let (before, after) = (findings_of(&sample), findings_of(&back));
    let had = |code: &str, innovation: &str, field: &str| {
        before
            .iter()
            .any(|f| f.0 == code && (f.1 == innovation || f.1.is_empty()) && f.2 == field)
    };
    for f in after.iter().filter(|f| !before.contains(f)) {
        let (code, innovation, field) = (f.0.as_str(), f.1.as_str(), f.2.as_str());
        let why = match code {
            // A required column the sheet lacked is the form's empty column.
            "R001" => had("H002", innovation, field),
            // A formula error (#REF!) is sent back as the text it showed.
            "V001" | "V003" => had("V004", innovation, field),
            _ => false,
        };
        assert!(why, "new after the round trip: {f:?}");
    }
    for f in before.iter().filter(|f| !after.contains(f)) {
        // The file's encoding (F006) and header row (H001, H002) are the
        // form's now; a formula error is text.
        assert!(
            ["F006", "H001", "H002", "V004"].contains(&f.0.as_str()),
            "gone without a fix: {f:?}"
        );
    }
    assert!(before.iter().any(|f| f.0.starts_with('E')));
}

#[test]
fn feedback_carries_the_findings_about_the_agencys_files() {
    // An evidence row naming no innovation (E014) is about the agency's
    // evidence file, not about one of its innovations: its workbook says
    // so, with the place in that file.
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("masuk");
    let folder = input.join("Dinas Uji");
    let from = Path::new("tests/fixtures/codes/E010");
    std::fs::create_dir_all(folder.join("bukti/ok-e010")).unwrap();
    for name in ["e010.csv", "bukti.csv"] {
        let text = std::fs::read_to_string(from.join(name)).unwrap();
        let mut kept: Vec<String> = text
            .lines()
            .filter(|l| !l.starts_with("BAD"))
            .map(str::to_string)
            .collect();
        if name == "bukti.csv" {
            kept[2] = kept[2].replacen("OK E010", "OK E0100", 1);
        }
        std::fs::write(folder.join(name), kept.join("\n") + "\n").unwrap();
    }
    for f in std::fs::read_dir(from.join("bukti/ok-e010")).unwrap() {
        let f = f.unwrap().path();
        std::fs::copy(
            &f,
            folder.join("bukti/ok-e010").join(f.file_name().unwrap()),
        )
        .unwrap();
    }
    // Dinas Uji's feedback, fed from `input`, and its row of E014.
    let e014_of = |input: &Path, name: &str| {
        let fb = dir.path().join(name);
        feedback(input, &fb);
        let temuan = rows_of(&fb.join("Dinas Uji.xlsx"), "Temuan");
        temuan
            .iter()
            .find(|r| r[0] == "E014")
            .unwrap_or_else(|| panic!("{temuan:?}"))
            .clone()
    };
    let e014 = e014_of(&input, "umpan-balik");
    assert_eq!(e014[2], "", "no innovation");
    assert_eq!(e014[4], "bukti.csv: A3");
    assert_eq!(e014[6], "OK E0100");
    // The same files side by side in one folder, the evidence file with no
    // agency column and a name that is no agency's: its findings go to the
    // agency whose innovations its other rows are about.
    let flat = dir.path().join("datar");
    std::fs::create_dir_all(&flat).unwrap();
    for name in ["e010.csv", "bukti.csv"] {
        std::fs::copy(folder.join(name), flat.join(name)).unwrap();
    }
    let e014 = e014_of(&flat, "umpan-balik-datar");
    assert_eq!(e014[4], "bukti.csv: A3");
}

/// A report workbook saved into the folder is bimtek's own output, told
/// when load reads its mark: it is not among the package's inputs, even
/// under a template that switches its finding (F014) off.
#[test]
fn a_report_workbook_in_the_folder_is_not_a_package_input() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    common::copy_dir(&manifest("sample-data"), &data);
    let report = dir.path().join("hasil.xlsx");
    let o = bimtek_with_env(
        &[
            "check",
            "--as-of",
            AS_OF,
            "--format",
            "xlsx",
            "-o",
            s(&report),
            "sample-data",
        ],
        &[],
    );
    assert!(report.is_file(), "{}", text(&o.stderr));
    std::fs::rename(&report, data.join("hasil.xlsx")).unwrap();
    let quiet = dir.path().join("f014-off.toml");
    std::fs::write(
        &quiet,
        "[template]\nid = \"f014-off\"\nname = \"F014 off\"\nyear = 2026\nextends = \"iid-2026\"\n\n[severity]\nF014 = \"off\"\n",
    )
    .unwrap();
    for extra in [&[][..], &["--template", s(&quiet)][..]] {
        let out = dir.path().join("paket");
        let _ = std::fs::remove_dir_all(&out);
        let mut args = vec!["export", "--as-of", AS_OF, "--out", s(&out)];
        args.extend_from_slice(extra);
        args.push(s(&data));
        let o = bimtek_with_env(&args, &[]);
        let m: Value = serde_json::from_slice(
            &std::fs::read(out.join("manifest.json"))
                .unwrap_or_else(|e| panic!("{extra:?}: {e}: {}", text(&o.stderr))),
        )
        .unwrap();
        let inputs: Vec<&str> = m["inputs"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["path"].as_str().unwrap())
            .collect();
        assert_eq!(inputs.len(), 5, "{extra:?}: {inputs:?}");
        assert!(
            inputs.iter().all(|p| !p.ends_with("hasil.xlsx")),
            "{extra:?}: {inputs:?}"
        );
    }
}
