//! The rules as regional systems and the portal apply them (issue "Fidelity"):
//! real header spellings, the portal list shapes the sources show, columns
//! another system fills under an IID header. Small agency files are written
//! into a temporary folder here; the portal lists are
//! `tests/fixtures/portal-lists/` (made by scripts/make_code_fixtures.py).

mod common;

use common::{AS_OF, bimtek, findings_coded, manifest};
use serde_json::Value;
use std::path::{Path, PathBuf};

const LIST_2024: &str = "tests/fixtures/portal-lists/inovasi-daerah-2024.xls";
const LIST_2026: &str = "tests/fixtures/portal-lists/inovasi-daerah-2026.csv";

/// A fresh folder under the target directory for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("fidelity-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn check_json(args: &[&str]) -> Value {
    let mut all = vec!["check", "--format", "json", "--as-of", AS_OF];
    all.extend_from_slice(args);
    let out = bimtek(&all);
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not JSON ({e}); stderr: {}",
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

/// The clean IID row of the code fixtures, as (header, value) pairs.
fn clean_row() -> Vec<(String, String)> {
    let text = std::fs::read_to_string(manifest("tests/fixtures/codes/W002/w002.csv")).unwrap();
    let mut lines = text.lines();
    let head: Vec<String> = lines.next().unwrap().split(',').map(String::from).collect();
    let ok = lines.next().unwrap();
    // The coordinate is the only quoted cell: "-3.3194,114.5908".
    let (before, rest) = ok.split_once("\"-3.3194,114.5908\"").unwrap();
    let mut cells: Vec<String> = before.split(',').map(String::from).collect();
    cells.pop();
    cells.push("-3.3194,114.5908".to_string());
    cells.extend(rest.trim_start_matches(',').split(',').map(String::from));
    assert_eq!(head.len(), cells.len());
    head.into_iter().zip(cells).collect()
}

/// Write a CSV of clean rows with the given names and changed cells.
fn write_csv(path: &Path, rows: &[(&str, &[(&str, &str)])]) {
    let base = clean_row();
    let quote = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
    let mut out = base
        .iter()
        .map(|(h, _)| quote(h))
        .collect::<Vec<_>>()
        .join(",");
    out.push('\n');
    for (name, changes) in rows {
        let cells: Vec<String> = base
            .iter()
            .map(|(h, v)| {
                if h == "Nama Inovasi" {
                    return quote(name);
                }
                match changes.iter().find(|(k, _)| k == h) {
                    Some((_, v)) => quote(v),
                    None => quote(v),
                }
            })
            .collect();
        out.push_str(&cells.join(","));
        out.push('\n');
    }
    std::fs::write(path, out).unwrap();
}

fn innovation<'d>(doc: &'d Value, name: &str) -> &'d Value {
    doc["innovations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["name"] == name)
        .unwrap_or_else(|| panic!("no innovation {name}"))
}

#[test]
fn a_name_differing_only_in_case_and_punctuation_is_up_to_date_in_the_2026_list() {
    let dir = scratch("gade");
    let file = dir.join("inovasi.csv");
    // The agency writes it as the 2024 list did; the 2026 list "Ga'de Ga'de Pustaka".
    write_csv(
        &file,
        &[
            (
                "GA'DE-GA'DE PUSTAKA",
                &[("Urusan Pemerintahan Utama", "Perpustakaan")],
            ),
            ("SIPANDU Posyandu Digital", &[]),
        ],
    );
    let doc = check_json(&["--baseline", LIST_2026, file.to_str().unwrap()]);
    let gade = innovation(&doc, "GA'DE-GA'DE PUSTAKA");
    assert_eq!(gade["portal"]["status"], "up_to_date", "{gade}");
    // The portal still has SIPANDU at Uji Coba: only the stage differs.
    let sipandu = innovation(&doc, "SIPANDU Posyandu Digital");
    assert_eq!(sipandu["portal"]["status"], "outdated");
    let changes: Vec<&str> = sipandu["portal"]["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["field"].as_str().unwrap())
        .collect();
    assert_eq!(changes, ["tahapan"]);
    // No "Terakhir Diperbarui" column in the sources' lists: no P005.
    assert!(findings_coded(&doc, "P005").is_empty());
}

#[test]
fn the_2024_list_matches_lower_case_urusan_and_reads_its_scores() {
    let dir = scratch("list2024");
    let file = dir.join("inovasi.csv");
    write_csv(
        &file,
        &[(
            "Ga'de Ga'de Pustaka",
            &[("Urusan Pemerintahan Utama", "Perpustakaan")],
        )],
    );
    let doc = check_json(&["--baseline", LIST_2024, file.to_str().unwrap()]);
    let gade = innovation(&doc, "Ga'de Ga'de Pustaka");
    // "perpustakaan" in the list is the agency's "Perpustakaan".
    assert_eq!(gade["portal"]["status"], "up_to_date", "{gade}");
    // The list's "104.00" is read as a score: P006 on BAD P006 (the fixture).
    let doc = check_json(&["--baseline", LIST_2024, "tests/fixtures/codes/P006"]);
    let p006 = findings_coded(&doc, "P006");
    assert_eq!(p006.len(), 1);
    assert_eq!(p006[0]["value"], "104.00");
}

#[test]
fn nama_akun_of_the_2026_list_is_not_the_agency() {
    // Checked as an input, the list's "admin" logins are no agency.
    let doc = check_json(&[LIST_2026]);
    for inn in doc["innovations"].as_array().unwrap() {
        assert_ne!(inn["agency"], "admin", "{inn}");
    }
    assert!(
        findings_coded(&doc, "H001")
            .iter()
            .all(|f| f["header"] != "Nama Akun")
    );
}

#[test]
fn opd_username_of_kota_bogor_is_the_agency() {
    // The header and first row of realdata inovasi-hendrik49 (Kota Bogor 2017).
    let dir = scratch("bogor");
    let file = dir.join("inovasi_kota-bogor_2017.csv");
    std::fs::write(
        &file,
        "inovasi_id,opd_id,opd_username,nama_inovasi,penjelasan,manfaat,keunikan\n\
         8,13,dishub, E-Tiket BTS Transpakuan ,E-Tiket BTS Transpakuan di setiap Shelter BTS Transpakuan ,Manfaat,pengenalan hal baru\n",
    )
    .unwrap();
    let doc = check_json(&[file.to_str().unwrap()]);
    assert_eq!(
        innovation(&doc, "E-Tiket BTS Transpakuan")["agency"],
        "dishub"
    );
}

#[test]
fn a_tematik_klasifikasi_column_is_said_once_not_on_every_row() {
    let doc = check_json(&["tests/fixtures/codes/H004/h004.csv"]);
    assert_eq!(findings_coded(&doc, "H004").len(), 1);
    assert!(findings_coded(&doc, "V001").is_empty());
}

#[test]
fn a_missing_asta_cita_or_pkpn_column_is_a_warning() {
    let dir = scratch("asta");
    let file = dir.join("inovasi.csv");
    write_csv(&file, &[("SIPANDU Posyandu Digital", &[])]);
    // Drop both columns.
    let text = std::fs::read_to_string(&file).unwrap();
    let rows: Vec<Vec<&str>> = text
        .lines()
        .map(|l| l.split("\",\"").collect::<Vec<_>>())
        .collect();
    let head = &rows[0];
    let drop: Vec<usize> = head
        .iter()
        .enumerate()
        .filter(|(_, h)| h.contains("Asta Cita") || h.contains("Klaster PKPN"))
        .map(|(i, _)| i)
        .collect();
    assert_eq!(drop.len(), 2);
    let kept: Vec<String> = rows
        .iter()
        .map(|r| {
            r.iter()
                .enumerate()
                .filter(|(i, _)| !drop.contains(i))
                .map(|(_, c)| *c)
                .collect::<Vec<_>>()
                .join("\",\"")
        })
        .collect();
    std::fs::write(&file, kept.join("\n") + "\n").unwrap();
    let doc = check_json(&[file.to_str().unwrap()]);
    let h002 = findings_coded(&doc, "H002");
    assert_eq!(h002.len(), 2, "{h002:?}");
    assert!(h002.iter().all(|f| f["severity"] == "warning"));
}

#[test]
fn an_spd_sheet_is_scored_by_the_template_and_the_estimate_uses_it() {
    let doc = check_json(&[
        "--spd-sheet",
        "tests/fixtures/spd/spd-2026.csv",
        "tests/fixtures/codes/S001/ok.csv",
    ]);
    // Verified rows (with evidence), weight x tier by the section 3.2
    // thresholds: 1: 3; 3: 3; 4: 2; 5a: 2.25; 6: 3; 7: 3; 9: 2; 10a, 10b,
    // 11a: 1.5 each. 5b has no evidence (S003), 8 is unreadable (S001).
    assert_eq!(doc["pemda"][0]["spd"], 22.75);
    assert_eq!(findings_coded(&doc, "S001").len(), 1);
    assert_eq!(findings_coded(&doc, "S003").len(), 1);
    let s002 = findings_coded(&doc, "S002");
    assert_eq!(s002.len(), 1);
    assert_eq!(s002[0]["value"], "11b");
    // Points or a sheet, not both.
    let out = bimtek(&[
        "check",
        "--spd",
        "40",
        "--spd-sheet",
        "tests/fixtures/spd/spd-2026.csv",
        "tests/fixtures/codes/S001/ok.csv",
    ]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn the_table_says_the_predicate_is_decided_before_rounding_and_what_was_left_out() {
    let out = bimtek(&["check", "--as-of", AS_OF, "--width", "200", "sample-data"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("Predikat ditentukan dari nilai sebelum dibulatkan."),
        "{text}"
    );
    assert!(
        text.contains("7 inovasi tidak lolos kelayakan dan tidak dihitung dalam estimasi terverifikasi (D006 1, H002 4, R001 1, V001 1"),
        "{text}"
    );
}

#[test]
fn template_show_lists_the_spd_indicators_with_their_thresholds() {
    let out = bimtek(&["template", "show", "iid-2026"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("Indikator SPD (20; --spd-sheet):"), "{text}");
    assert!(
        text.contains("5b. Persentase TPT (T-1) (bobot 0.75, wajib; >= 5.91 / < 5.91 / <= 2.35)"),
        "{text}"
    );
}
