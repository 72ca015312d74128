//! LAN's Laboratorium Inovasi idea lists (issue "LAN Laboratorium Inovasi"):
//! `--template labinov` reads LAN's layout as it is, one title row per pemda
//! above its ideas; each idea's pemda comes from its group, and the count a
//! title states is checked against the ideas under it (L001).

mod common;

use common::{AS_OF, bimtek, findings_coded};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// `bimtek check --template labinov` on `inputs` with `extra` arguments:
/// its exit code and JSON report.
fn check_labinov_in(inputs: &[&Path], extra: &[&str]) -> (i32, Value) {
    let mut args = vec!["check", "--format", "json", "--quiet", "--as-of", AS_OF];
    if !extra.contains(&"--template") {
        args.extend(["--template", "labinov"]);
    }
    args.extend_from_slice(extra);
    let paths: Vec<&str> = inputs.iter().map(|p| p.to_str().unwrap()).collect();
    args.extend(paths);
    let out = bimtek(&args);
    let doc = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)));
    (out.status.code().unwrap(), doc)
}

/// (pemda, number of ideas) of the innovations on `sheet` (any when `None`).
fn per_pemda(doc: &Value, sheet: Option<&str>) -> BTreeMap<String, usize> {
    let mut out = BTreeMap::new();
    for i in doc["innovations"].as_array().unwrap() {
        if sheet.is_some_and(|s| i["sheet"] != s) {
            continue;
        }
        let p = i["pemda"].as_str().unwrap_or("").to_string();
        *out.entry(p).or_insert(0) += 1;
    }
    out
}

#[test]
fn issue_33_title_rows_give_each_idea_its_pemda_and_their_count_is_checked() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("ide.csv"),
        "Daftar ide inovasi 2026,,,,\n\
         Laboratorium Inovasi Pemerintah Kabupaten Uji (3 Ide Inovasi),,,,\n\
         No,Kode,Ide Inovasi,Inovator,K/L/D\n\
         1,26 LI UJ01 KES 001,Posyandu Digital,Dinas Kesehatan,Pemkab Uji\n\
         2,26 LI UJ01 PDK 002,Sekolah Ramah Anak,Dinas Pendidikan,Pemkab Uji\n\
         3,26 LI UJ01 PDK 003,Guru Kunjung,Dinas Pendidikan,Pemkab Uji\n\
         ,,,,\n\
         Labinov Pemerintah Kota Uji (2 Ide Inovasi),,,,\n\
         1,26 LI UJ02 KES 001,Puskesmas Keliling,Puskesmas Kota,Pemkot Uji\n\
         ,,,,\n\
         1,26 LI UJ03 KES 001,Ambulans Desa,Dinas Kesehatan,Kabupaten Tanpa Judul\n",
    )
    .unwrap();
    let (_, doc) = check_labinov_in(&[dir.path()], &[]);
    // The group's title names the pemda; after a blank row the ideas
    // belong to no group and keep the pemda their own row names.
    let got = per_pemda(&doc, None);
    let want: BTreeMap<String, usize> = [
        ("Pemerintah Kabupaten Uji".to_string(), 3),
        ("Pemerintah Kota Uji".to_string(), 1),
        ("Kabupaten Tanpa Judul".to_string(), 1),
    ]
    .into();
    assert_eq!(got, want, "{doc}");
    // Only the title whose count is wrong is reported, at its row.
    let l001 = findings_coded(&doc, "L001");
    assert_eq!(l001.len(), 1, "{doc}");
    assert_eq!(l001[0]["row"], 8);
    assert_eq!(l001[0]["severity"], "warning");
    assert!(
        l001[0]["message"]
            .as_str()
            .unwrap()
            .contains("Pemerintah Kota Uji menyebut 2 ide, terbaca 1"),
        "{}",
        l001[0]
    );
}

#[test]
fn issue_33_the_real_labinov_sheet_reads_every_pemda_and_its_title_count() {
    // LAN's own workbook (../shared/realdata, never copied into the
    // project). Where it is absent the test says so and passes, unless
    // BIMTEK_REQUIRE_REALDATA is set.
    let file = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/realdata/inovasi-lan/kondisi-inovasi.xlsx");
    let file = if file.is_file() {
        file
    } else {
        PathBuf::from("/work/shared/realdata/inovasi-lan/kondisi-inovasi.xlsx")
    };
    if !file.is_file() {
        assert!(
            std::env::var_os("BIMTEK_REQUIRE_REALDATA").is_none(),
            "BIMTEK_REQUIRE_REALDATA is set but kondisi-inovasi.xlsx is absent"
        );
        use std::io::Write;
        let _ = writeln!(
            std::io::stderr(),
            "issue_33_the_real_labinov_sheet_reads_every_pemda_and_its_title_count skipped: {} is absent",
            file.display()
        );
        return;
    }
    let (code, doc) = check_labinov_in(&[&file], &[]);
    assert!(code == 0 || code == 1, "exit {code}");
    // real-data.md: 1,704 numbered rows from 12 pemda (one without an
    // idea); Yogyakarta's title states 120 ideas and 120 follow, so its
    // count is not reported. The other groups carry no title: their pemda is
    // their K/L/D column, written four ways.
    let got = per_pemda(&doc, Some("Lab Inovasi"));
    let want: BTreeMap<String, usize> = [
        ("Pemerintah Kota Yogyakarta", 120),
        ("Pemkot Samarinda", 331),
        ("Kabupaten Bantul", 244),
        ("Pemkab Kebumen", 191),
        ("Pemkot Pontianak", 149),
        ("Pemkab Kupang", 143),
        ("Kabupaten Purbalingga", 117),
        ("Pemkot Tarakan", 113),
        ("Pemkab Karo", 113),
        ("Pemkab Muara Enim", 79),
        ("Pemkab Majalengka", 56),
        ("Pemerintah Kabupaten Pakpak Bharat", 48),
    ]
    .into_iter()
    .map(|(p, n)| (p.to_string(), n))
    .collect();
    assert_eq!(got, want);
    assert_eq!(got.values().sum::<usize>(), 1704);
    assert!(findings_coded(&doc, "L001").is_empty(), "{doc}");
    // real-data.md: 15 repeated (pemda, idea) pairs, equal once folded
    // (U001 within a unit, U002 across units), each reported once.
    let rows_of = |codes: &[&str]| -> Vec<u64> {
        let mut rows: Vec<u64> = doc["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["sheet"] == "Lab Inovasi" && codes.contains(&f["code"].as_str().unwrap()))
            .map(|f| f["row"].as_u64().unwrap())
            .collect();
        rows.sort_unstable();
        rows
    };
    assert_eq!(rows_of(&["U001", "U002"]).len(), 15);
    // Nearly the same idea twice in one pemda (80 % of the words and more):
    // "Arsip elektronik (ARSENIK)" after "ARSENIK (Arsip Elektronik)", a
    // title written again in capitals with a typo, ...
    assert_eq!(rows_of(&["L002"]), [719, 1082, 1276, 1590, 1591]);
    // The codes (real-data.md: 313 with `...` for the urusan, others with
    // a dropped zero): 80 locations like `SS9` or `YO5` and 5 codes cut
    // short (`16 LI KL10`) are off the scheme; 306 keep `...` (the other 7
    // placeholders are in codes already off the scheme at their location).
    let l004 = findings_coded(&doc, "L004");
    let l004: Vec<&&Value> = l004
        .iter()
        .filter(|f| f["sheet"] == "Lab Inovasi")
        .collect();
    assert_eq!(l004.len(), 85);
    assert_eq!(
        l004.iter().filter(|f| f["value"] == "16 LI KL10").count(),
        5
    );
    assert!(l004.iter().any(|f| f["value"] == "15 LI YO5 AKP 013"));
    let l005 = findings_coded(&doc, "L005");
    assert_eq!(
        l005.iter().filter(|f| f["sheet"] == "Lab Inovasi").count(),
        306
    );
    // One code twice: `16 LI KL10 KIF 130` and `16 LI JT20 ... 001`.
    assert_eq!(rows_of(&["L006"]), [1104, 1354]);
    // The one numbered row without an idea is the only error of the sheet:
    // a well-formed idea has none.
    let errors: Vec<(u64, &str)> = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["sheet"] == "Lab Inovasi" && f["severity"] == "error")
        .map(|f| (f["row"].as_u64().unwrap(), f["code"].as_str().unwrap()))
        .collect();
    assert_eq!(errors, [(1589, "R001")]);
    // LAN's lists carry no stage, dates or list dates, and no roster was
    // given: nothing of L010-L014.
    for code in ["L010", "L011", "L012", "L013", "L014"] {
        assert!(findings_coded(&doc, code).is_empty(), "{code}");
    }
}

#[test]
fn issue_33_a_stage_outside_the_5d_plus_one_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("ide.csv"),
        "Ide Inovasi,Inovator,Tahapan 5D\n\
         Posyandu Digital,Dinas Kesehatan,Diagnosa\n\
         Pasar Tanpa Antre,Dinas Perdagangan,Evaluasi\n\
         Arsip Elektronik,Dinas Arsip,Documentation\n",
    )
    .unwrap();
    let (code, doc) = check_labinov_in(&[dir.path()], &[]);
    assert_eq!(code, 1);
    let got: Vec<(&str, u64)> = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["code"].as_str().unwrap(), f["row"].as_u64().unwrap()))
        .collect();
    // "Diagnosa" is read as Diagnose (V002, info); "Evaluasi" is no stage.
    assert_eq!(got, [("V002", 2), ("V001", 3)]);
}

/// The idea named `name` in the report.
fn idea<'d>(doc: &'d Value, name: &str) -> &'d Value {
    doc["innovations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["name"] == name)
        .unwrap_or_else(|| panic!("no idea {name}: {doc}"))
}

#[test]
fn issue_33_launched_ideas_are_followed_into_the_pemdas_iid_lists() {
    let dir = tempfile::tempdir().unwrap();
    let lab = dir.path().join("lab");
    std::fs::create_dir_all(lab.join("iid")).unwrap();
    std::fs::write(
        lab.join("ide.csv"),
        "Ide Inovasi,Inovator,K/L/D,Tahap 5D\n\
         Posyandu Digital Desa,Dinas Kesehatan,Pemkab Uji,Display\n\
         Sekolah Ramah Anak,Dinas Pendidikan,Pemkab Uji,Deliver\n\
         Guru Kunjung Rumah,Dinas Pendidikan,Pemkab Uji,Documentation\n\
         Pasar Digital Desa,Dinas Perdagangan,Pemkab Uji,Display\n\
         Bank Sampah Sekolah,Dinas Lingkungan Hidup,Pemkab Uji,Design\n\
         Antrian Online Puskesmas,Dinas Kesehatan,Pemkab Uji,Deliver\n",
    )
    .unwrap();
    // The pemda's IID list, inside the lab's folder: read as the IID's,
    // never as ideas.
    std::fs::write(
        lab.join("iid").join("daftar-iid.csv"),
        "Nama Pemda,Nama Inovasi,Nama Perangkat Daerah,Tahapan Inovasi\n\
         Kabupaten Uji,POSYANDU DIGITAL DESA,Dinas Kesehatan,Penerapan\n\
         Kabupaten Uji,Pasar Digital,Dinas Perdagangan,Penerapan\n\
         Kabupaten Uji,Digital Pasar,Dinas Perdagangan,Uji Coba\n\
         Kabupaten Lain,Antrian Online Puskesmas,Dinas Kesehatan,Penerapan\n",
    )
    .unwrap();
    // Last year's portal download: an entry of an earlier year is in the
    // IID as well.
    let portal = dir.path().join("portal-2025.csv");
    std::fs::write(
        &portal,
        "Nama Pemda,Nama Inovasi,Tahapan Inovasi\nKab. Uji,Sekolah Ramah Anak,Penerapan\n",
    )
    .unwrap();
    let baseline = format!("2025={}", portal.display());
    let iid = lab.join("iid");
    let (_, doc) = check_labinov_in(
        &[&lab],
        &["--iid", iid.to_str().unwrap(), "--baseline", &baseline],
    );
    assert_eq!(doc["innovations"].as_array().unwrap().len(), 6, "{doc}");
    let status = |name: &str| idea(&doc, name)["iid"]["status"].clone();
    assert_eq!(status("Posyandu Digital Desa"), "entered");
    assert_eq!(
        idea(&doc, "Posyandu Digital Desa")["iid"]["match"],
        "POSYANDU DIGITAL DESA"
    );
    assert_eq!(idea(&doc, "Posyandu Digital Desa")["stage"], "Display");
    assert_eq!(status("Sekolah Ramah Anak"), "entered");
    assert_eq!(status("Guru Kunjung Rumah"), "not_entered");
    assert_eq!(status("Pasar Digital Desa"), "ambiguous");
    assert_eq!(
        idea(&doc, "Pasar Digital Desa")["iid"]["candidates"],
        serde_json::json!(["Pasar Digital", "Digital Pasar"])
    );
    assert_eq!(status("Bank Sampah Sekolah"), "not_entered");
    // Another pemda's entry is not this idea's.
    assert_eq!(status("Antrian Online Puskesmas"), "not_entered");
    let rows = |code: &str| -> Vec<u64> {
        findings_coded(&doc, code)
            .iter()
            .map(|f| f["row"].as_u64().unwrap())
            .collect()
    };
    // Launched and missing: Documentation and Deliver; Design is not
    // launched yet.
    assert_eq!(rows("L007"), [4, 7]);
    assert_eq!(findings_coded(&doc, "L007")[0]["severity"], "warning");
    assert_eq!(rows("L008"), [5]);
    let l008 = findings_coded(&doc, "L008")[0]["message"].as_str().unwrap();
    assert!(
        l008.contains("\"Pasar Digital\"") && l008.contains("\"Digital Pasar\""),
        "{l008}"
    );
    // A lab's ideas are not compared with the portal as an agency's
    // innovations are.
    for code in ["P001", "P002", "P003", "P004"] {
        assert!(findings_coded(&doc, code).is_empty(), "{code}: {doc}");
    }
    assert!(doc.get("portal_only").is_none_or(Value::is_null), "{doc}");
}

#[test]
fn issue_33_iid_lists_need_a_lab_template() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.csv"),
        "Nama Inovasi,Nama Perangkat Daerah\nA,Dinas A\n",
    )
    .unwrap();
    let out = bimtek(&[
        "check",
        "--lang",
        "en",
        "--iid",
        dir.path().join("a.csv").to_str().unwrap(),
        dir.path().to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("--template labinov"), "{err}");
}

/// A lab's ideas and a catalogue of innovations of several pemda.
fn lab_and_catalog() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let lab = dir.path().join("lab");
    std::fs::create_dir_all(&lab).unwrap();
    std::fs::write(
        lab.join("ide.csv"),
        "Laboratorium Inovasi Pemerintah Kabupaten Uji (3 Ide Inovasi),,\n\
         Ide Inovasi,Inovator,Tahap 5D\n\
         Antrian Online Puskesmas,Dinas Kesehatan,Design\n\
         Guru Kunjung Rumah,Dinas Pendidikan,Design\n\
         Bank Sampah,Dinas Lingkungan Hidup,Design\n",
    )
    .unwrap();
    let catalog = dir.path().join("katalog.csv");
    std::fs::write(
        &catalog,
        "Nama Pemda,Nama Inovasi\n\
         Kota Malang,Antrian Online Puskesmas Keliling\n\
         Kota Batu,Sistem Antrian Online Puskesmas\n\
         Kota Blitar,Antrian Online Puskesmas\n\
         Kabupaten Kediri,Antrian Puskesmas Online Terpadu Desa\n\
         Kabupaten Uji,Guru Kunjung Rumah\n\
         Kota Kediri,Guru Kunjung\n\
         Kota Batu,Bank Darah\n",
    )
    .unwrap();
    (dir, lab, catalog)
}

#[test]
fn issue_33_the_catalogue_lists_the_likest_innovations_of_other_pemda() {
    let (_dir, lab, catalog) = lab_and_catalog();
    let (_, doc) = check_labinov_in(&[&lab], &["--catalog", catalog.to_str().unwrap()]);
    let like = |name: &str| -> Vec<(String, String, f64)> {
        idea(&doc, name)["catalog"]
            .as_array()
            .unwrap_or_else(|| panic!("{doc}"))
            .iter()
            .map(|l| {
                (
                    l["name"].as_str().unwrap().to_string(),
                    l["pemda"].as_str().unwrap().to_string(),
                    l["similarity"].as_f64().unwrap(),
                )
            })
            .collect()
    };
    // At most three, the likest first; four words of five (0.6) is the
    // least listed (template similar_catalog).
    assert_eq!(
        like("Antrian Online Puskesmas"),
        [
            ("Antrian Online Puskesmas".into(), "Kota Blitar".into(), 1.0),
            (
                "Antrian Online Puskesmas Keliling".into(),
                "Kota Malang".into(),
                0.75
            ),
            (
                "Sistem Antrian Online Puskesmas".into(),
                "Kota Batu".into(),
                0.75
            ),
        ]
    );
    // Its own pemda's innovation is not listed (that is the IID's part);
    // another's sharing two words of three is.
    assert_eq!(
        like("Guru Kunjung Rumah"),
        [("Guru Kunjung".into(), "Kota Kediri".into(), 0.67)]
    );
    // One word of two is not like: a new idea.
    assert_eq!(like("Bank Sampah"), []);
    let l009 = findings_coded(&doc, "L009");
    assert_eq!(l009.len(), 2, "{doc}");
    assert_eq!(l009[0]["severity"], "info");
    assert!(
        l009[1]["message"]
            .as_str()
            .unwrap()
            .contains("\"Guru Kunjung\" (Kota Kediri, 67 %): pelajari atau replikasi"),
        "{}",
        l009[1]
    );
}

#[test]
fn issue_33_show_lists_an_ideas_like_innovations() {
    let (_dir, lab, catalog) = lab_and_catalog();
    let out = bimtek(&[
        "show",
        "Antrian Online",
        "--template",
        "labinov",
        "--as-of",
        AS_OF,
        "--width",
        "120",
        "--catalog",
        catalog.to_str().unwrap(),
        lab.to_str().unwrap(),
    ]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("Serupa di tempat lain (katalog): pelajari atau replikasi"),
        "{text}"
    );
    let list: Vec<&str> = text
        .lines()
        .skip_while(|l| !l.starts_with("Serupa di tempat lain"))
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .collect();
    assert_eq!(list.len(), 3, "{text}");
    assert!(
        list[0].starts_with("  100 %  \"Antrian Online Puskesmas\" - Kota Blitar ("),
        "{text}"
    );
    assert!(list[0].ends_with("katalog.csv, baris 4)"), "{text}");
}

/// LAN's workbook in ../shared/realdata, when present (else the test says
/// so and passes, unless BIMTEK_REQUIRE_REALDATA is set).
fn real_workbook(test: &str) -> Option<PathBuf> {
    let here = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/realdata/inovasi-lan/kondisi-inovasi.xlsx");
    let file = [
        here,
        PathBuf::from("/work/shared/realdata/inovasi-lan/kondisi-inovasi.xlsx"),
    ]
    .into_iter()
    .find(|f| f.is_file());
    if file.is_none() {
        assert!(
            std::env::var_os("BIMTEK_REQUIRE_REALDATA").is_none(),
            "BIMTEK_REQUIRE_REALDATA is set but kondisi-inovasi.xlsx is absent"
        );
        use std::io::Write;
        let _ = writeln!(
            std::io::stderr(),
            "{test} skipped: kondisi-inovasi.xlsx is absent"
        );
    }
    file
}

#[test]
fn issue_33_the_real_lab_ideas_against_lans_own_directory() {
    let Some(file) = real_workbook("issue_33_the_real_lab_ideas_against_lans_own_directory") else {
        return;
    };
    let path = file.to_str().unwrap();
    let (code, doc) = check_labinov_in(&[&file], &["--catalog", path]);
    assert!(code == 0 || code == 1, "exit {code}");
    // The same workbook is the catalogue: its Direktori, SINOVIK and
    // APEKSI sheets, and the other labs' ideas. Seven of the 1,704 ideas
    // of the Lab Inovasi sheet are like an innovation already in LAN's
    // directories; each idea's own pemda is left out.
    let mut found: Vec<(String, String, String)> = Vec::new();
    for i in doc["innovations"].as_array().unwrap() {
        if i["sheet"] != "Lab Inovasi" {
            continue;
        }
        for l in i["catalog"].as_array().unwrap() {
            assert_ne!(l["pemda"], i["pemda"], "{i}");
            if l["sheet"] != "Lab Inovasi" {
                found.push((
                    i["name"].as_str().unwrap().to_string(),
                    l["name"].as_str().unwrap().to_string(),
                    l["pemda"].as_str().unwrap().to_string(),
                ));
            }
        }
    }
    found.sort();
    let want = [
        (
            "Banjaran E-Smart One Day Service",
            "One Day Service Layanan Pertanahan",
            "Badan Pertanahan Nasional",
        ),
        (
            "MIDADU (kemitraan bidan dan dukun)",
            "Kemitraan Bidan Dan Dukun Kabupaten Takalar",
            "Kabupaten Takalar",
        ),
        (
            "PPDB (penerimaan Peserta Didik Baru) online",
            "Penerimaan Peserta Didik Baru (PPDB) Online Kota Surabaya",
            "Kota Surabaya",
        ),
        (
            "PUSKESMAS RAMAH ANAK",
            "Puskesmas Ramah Anak Kota Surakarta",
            "Kota Surakarta",
        ),
        (
            "Pelayanan Jemput Bola Akte Kelahiran",
            "Akte Kelahiran Jemput Bola Kota Surakarta",
            "Kota Surakarta",
        ),
        (
            "Rumah Pemulihan Gizi Buruk",
            "Rumah Pemulihan Gizi Kota Yogyakarta",
            "Kota Yogyakarta",
        ),
        (
            "Ujian Nasional Berbasis Komputer",
            "Penyelenggaraan Ujian Nasional Berbasis Komputer (UN CBT)",
            "Kemendikbud",
        ),
    ]
    .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()));
    assert_eq!(found, want);
    // Info only: the catalogue adds no error or warning.
    assert!(
        findings_coded(&doc, "L009")
            .iter()
            .all(|f| f["severity"] == "info")
    );
}

/// (code, file name, row) of every finding, in the report's order.
fn coded(doc: &Value) -> Vec<(String, String, Option<u64>)> {
    doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let file = f["file"].as_str().unwrap();
            let name = Path::new(file).file_name().unwrap().to_str().unwrap();
            (
                f["code"].as_str().unwrap().to_string(),
                name.to_string(),
                f["row"].as_u64(),
            )
        })
        .collect()
}

#[test]
fn issue_33_a_stage_going_back_in_a_later_list_of_the_lab_is_l010() {
    let dir = tempfile::tempdir().unwrap();
    // Juni sorts before Mei by name: the order is the months' in the names.
    std::fs::write(
        dir.path().join("ide Mei 2026.csv"),
        "Kode,Ide Inovasi,Inovator,Tahap 5D,K/L/D\n\
         26 LI UJ01 KES 001,Posyandu Digital,Dinas Kesehatan,Design,Pemkab Uji\n\
         26 LI UJ01 PDK 002,Guru Kunjung,Dinas Pendidikan,Deliver,Pemkab Uji\n\
         26 LI UJ01 PDK 003,Sekolah Ramah Anak,Dinas Pendidikan,Diagnose,Pemkab Uji\n\
         26 LI UJ02 KES 001,Posyandu Digital,Dinas Kesehatan,Display,Pemkot Uji\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("ide Juni 2026.csv"),
        "Kode,Ide Inovasi,Inovator,Tahap 5D,K/L/D\n\
         26 LI UJ01 KES 001,POSYANDU  DIGITAL,Dinas Kesehatan,Diagnose,Pemkab Uji\n\
         26 LI UJ01 PDK 002,Guru Kunjung Keliling,Dinas Pendidikan,Design,Pemkab Uji\n\
         26 LI UJ01 PDK 003,Sekolah Ramah Anak,Dinas Pendidikan,Design,Pemkab Uji\n\
         26 LI UJ02 KES 001,Posyandu Digital,Dinas Kesehatan,Display,Pemkot Uji\n",
    )
    .unwrap();
    // A list without a date in its name is not ordered against the others.
    std::fs::write(
        dir.path().join("ide.csv"),
        "Kode,Ide Inovasi,Inovator,Tahap 5D,K/L/D\n\
         ,Posyandu Digital,Dinas Kesehatan,Drum-up,Pemkab Uji\n",
    )
    .unwrap();
    let (code, doc) = check_labinov_in(&[dir.path()], &["--lang", "en"]);
    assert_eq!(code, 0, "{doc}");
    // The idea by its folded name, the renamed one by its code; the idea
    // moving on, and the same name in another pemda, are not reported.
    let got: Vec<_> = coded(&doc)
        .into_iter()
        .filter(|(c, _, _)| c.starts_with('L') || c.starts_with('U'))
        .collect();
    let want = [
        ("L010".to_string(), "ide Juni 2026.csv".to_string(), Some(2)),
        ("L010".to_string(), "ide Juni 2026.csv".to_string(), Some(3)),
    ];
    assert_eq!(got, want, "{doc}");
    let l010 = findings_coded(&doc, "L010");
    assert_eq!(l010[0]["cell"], "D2");
    assert_eq!(l010[0]["field"], "tahap");
    let message = l010[1]["message"].as_str().unwrap();
    assert!(
        message.starts_with(
            "Stage Design in the list of 06/2026 is earlier than Deliver in the list of 05/2026, "
        ) && message.ends_with("ide Mei 2026.csv (row 3)"),
        "{message}"
    );
    // The idea it concerns carries it: its status and counts.
    let inn = doc["innovations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["name"] == "Guru Kunjung Keliling")
        .unwrap();
    assert_eq!(
        (inn["status"].as_str(), inn["warnings"].as_u64()),
        (Some("warning"), Some(1))
    );
}

#[test]
fn issue_33_a_launch_date_ahead_is_wrong_only_at_the_launched_stages() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("ide.csv"),
        "Ide Inovasi,Inovator,Tahap 5D,Tanggal Peluncuran\n\
         Posyandu Digital,Dinas Kesehatan,Design,01/03/2027\n\
         Guru Kunjung,Dinas Pendidikan,Deliver,01/03/2027\n\
         Pasar Tanpa Antre,Dinas Perdagangan,Documentation,12/2026\n\
         Arsip Elektronik,Dinas Arsip,Display,11/2026\n\
         Sekolah Ramah Anak,Dinas Pendidikan,,01/03/2027\n",
    )
    .unwrap();
    let (code, doc) = check_labinov_in(&[dir.path()], &["--lang", "en"]);
    assert_eq!(code, 1, "{doc}");
    // A plan at Design (or with no stage) may lie ahead: no D004 anywhere;
    // a month is compared as a month (11/2026 is not after 24/11/2026).
    let got: Vec<_> = coded(&doc)
        .into_iter()
        .filter(|(c, _, _)| c != "D007")
        .map(|(c, _, r)| (c, r))
        .collect();
    assert_eq!(
        got,
        [("L011".to_string(), Some(3)), ("L011".to_string(), Some(4))],
        "{doc}"
    );
    let l011 = findings_coded(&doc, "L011");
    assert_eq!(l011[0]["severity"], "error");
    assert_eq!(
        l011[0]["message"],
        "Launch date 01/03/2027 is after the reference date 24/11/2026, yet the stage is Deliver"
    );
}

#[test]
fn issue_33_an_idea_codes_year_is_the_labs_year() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("ide.csv"),
        "Laboratorium Inovasi Pemerintah Kabupaten Uji 2026 (2 Ide Inovasi),,,\n\
         Kode,Ide Inovasi,Inovator,Tanggal Diagnose\n\
         26 LI UJ01 KES 001,Posyandu Digital,Dinas Kesehatan,12/10/2025\n\
         25 LI UJ01 PDK 002,Guru Kunjung,Dinas Pendidikan,\n\
         ,,,\n\
         24 LI UJ02 KES 001,Pasar Tanpa Antre,Dinas Perdagangan,12/10/2025\n\
         25 LI UJ02 KES 002,Arsip Elektronik,Dinas Arsip,12/10/2025\n\
         23 LI UJ02 KES 003,Ambulans Desa,Dinas Kesehatan,\n\
         23 LI UJ02 ... 004,Sekolah Ramah Anak,Dinas Pendidikan,\n",
    )
    .unwrap();
    // Under the title its year; after it, the diagnose date's; a code with
    // neither is not checked by the shipped template.
    let (_, doc) = check_labinov_in(&[dir.path()], &["--lang", "en"]);
    let rows = |doc: &Value| -> Vec<u64> {
        findings_coded(doc, "L012")
            .iter()
            .map(|f| f["row"].as_u64().unwrap())
            .collect()
    };
    assert_eq!(rows(&doc), [4, 6], "{doc}");
    assert_eq!(
        findings_coded(&doc, "L012")[1]["message"],
        "Code 24 LI UJ02 KES 001: the year 24 is not the lab's year 2025 (from the diagnose date)"
    );
    // A template extending labinov gives its lab's year for the rest.
    let template = dir.path().join("lab-uji.toml");
    std::fs::write(
        &template,
        "[template]\nid = \"lab-uji\"\nname = \"Lab Uji\"\nyear = 2026\nextends = \"labinov\"\nsource = \"uji\"\n\n[settings]\nlab_year = 2025\n",
    )
    .unwrap();
    let (_, doc) = check_labinov_in(
        &[&dir.path().join("ide.csv")],
        &["--template", template.to_str().unwrap()],
    );
    assert_eq!(rows(&doc), [4, 6, 8, 9], "{doc}");
}

#[test]
fn issue_33_coverage_with_a_roster_names_units_without_ideas_and_units_not_on_it() {
    let dir = tempfile::tempdir().unwrap();
    let roster = dir.path().join("unit-lab.csv");
    std::fs::write(
        &roster,
        "Nama,Alias,Kelompok\n\
         Dinas Kesehatan,Dinkes,OPD\n\
         Dinas Pendidikan,,OPD\n\
         Puskesmas Kota,,UPT\n\
         Kecamatan Utara,,Kecamatan\n",
    )
    .unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir(&data).unwrap();
    std::fs::write(
        data.join("ide.csv"),
        "Ide Inovasi,Inovator,Tahap 5D\n\
         Posyandu Digital,DINKES,Design\n\
         Guru Kunjung,Dinas  Pendidikan.,Diagnose\n\
         Wisata Desa,Dinas Pariwisata,Diagnose\n\
         Pasar Desa,Dinas Pariwisata,Diagnose\n",
    )
    .unwrap();
    let (_, doc) = check_labinov_in(
        &[&data],
        &["--roster", roster.to_str().unwrap(), "--lang", "en"],
    );
    // Names match by the roster's folding and aliases; the unit not on it
    // is listed once with its count, not guessed.
    let got: Vec<(String, String, String)> = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["code"].as_str().unwrap().to_string(),
                f["value"].as_str().unwrap().to_string(),
                f["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let want = [
        (
            "L014",
            "Dinas Pariwisata",
            "\"Dinas Pariwisata\" (2 ideas) is not on the lab's roster",
        ),
        (
            "L013",
            "Puskesmas Kota",
            "Puskesmas Kota has no idea in the idea lists",
        ),
        (
            "L013",
            "Kecamatan Utara",
            "Kecamatan Utara has no idea in the idea lists",
        ),
    ]
    .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()));
    let mut got_sorted = got.clone();
    got_sorted.sort();
    let mut want_sorted = want.to_vec();
    want_sorted.sort();
    assert_eq!(got_sorted, want_sorted, "{doc}");
    // The table gives each unit without an idea a row of zeros: who to
    // coach.
    let out = bimtek(&[
        "check",
        "--quiet",
        "--as-of",
        AS_OF,
        "--width",
        "120",
        "--template",
        "labinov",
        "--roster",
        roster.to_str().unwrap(),
        data.to_str().unwrap(),
    ]);
    let table = String::from_utf8_lossy(&out.stdout);
    for unit in ["Puskesmas Kota", "Kecamatan Utara"] {
        assert!(
            table.lines().any(|l| l.starts_with(&format!("│ {unit} "))
                && l.split('┆').nth(2).map(str::trim) == Some("0")),
            "{unit}:\n{table}"
        );
    }
}

#[test]
fn issue_33_two_sheets_of_one_workbook_are_lists_dated_by_their_names() {
    use rust_xlsxwriter::Workbook;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("labinov 2026.xlsx");
    let mut wb = Workbook::new();
    // The later month first: sheets are ordered by their names' dates,
    // which come before the file's.
    for (sheet, stage) in [("Juni 2026", "Diagnose"), ("Mei 2026", "Design")] {
        let ws = wb.add_worksheet();
        ws.set_name(sheet).unwrap();
        for (c, v) in ["Ide Inovasi", "Inovator", "Tahap 5D"].iter().enumerate() {
            ws.write_string(0, c as u16, *v).unwrap();
        }
        for (c, v) in ["Posyandu Digital", "Dinas Kesehatan", stage]
            .iter()
            .enumerate()
        {
            ws.write_string(1, c as u16, *v).unwrap();
        }
    }
    wb.save(&file).unwrap();
    let (_, doc) = check_labinov_in(&[&file], &["--lang", "en"]);
    let l010: Vec<(&str, u64)> = findings_coded(&doc, "L010")
        .iter()
        .map(|f| (f["sheet"].as_str().unwrap(), f["row"].as_u64().unwrap()))
        .collect();
    assert_eq!(l010, [("Juni 2026", 2)], "{doc}");
    assert!(findings_coded(&doc, "U001").is_empty(), "{doc}");
}
