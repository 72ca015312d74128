//! Evidence references that try to leave the evidence root, and evidence
//! trees that try to trap the walk: every such reference is E012 and is
//! never read, a link loop does not hang, and the other evidence is checked.

mod common;

use common::{copy_dir, manifest, text};

use serde_json::Value;
use std::path::Path;
use std::time::Duration;

/// A copy of the fixture folder of finding `code`, as `opd` in a
/// temporary folder (returned too: the copy lives as long as it).
fn fixture_copy(code: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let fixtures = manifest("tests/fixtures/codes").join(code);
    let outer = tempfile::tempdir().unwrap();
    let dir = outer.path().join("opd");
    copy_dir(&fixtures, &dir);
    (outer, dir)
}

/// Run `check --format json` on `dir`, failing if it takes over 30 s or
/// exits otherwise than with `code`.
fn check_bounded(dir: &Path, code: i32) -> Value {
    let args = ["check", "--format", "json", "--as-of", "2026-11-24"];
    let mut args: Vec<std::ffi::OsString> = args.iter().map(Into::into).collect();
    args.push(dir.into());
    let out = run_bounded(args, code);
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn references_leaving_the_root_are_refused_and_loops_do_not_hang() {
    let (outer, dir) = fixture_copy("E012");
    // A secret outside the root, reachable by a link inside it.
    std::fs::write(outer.path().join("rahasia.pdf"), b"%PDF-1.4\n%%EOF\n").unwrap();
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(
            outer.path().join("rahasia.pdf"),
            dir.join("bukti/tautan-keluar.pdf"),
        )
        .unwrap();
        // A link loop and a link to the root itself.
        std::os::unix::fs::symlink(dir.join("bukti"), dir.join("bukti/ok-e012/putaran")).unwrap();
        std::os::unix::fs::symlink(&dir, dir.join("bukti/akar")).unwrap();
    }
    let bad = [
        "../rahasia.pdf",
        "/etc/passwd",
        "C:\\Users\\opd\\rahasia.pdf",
        "\\\\server\\bagi\\rahasia.pdf",
        "bukti/../../rahasia.pdf",
        #[cfg(unix)]
        "bukti/tautan-keluar.pdf",
    ];
    let mut csv = std::fs::read_to_string(dir.join("bukti.csv")).unwrap();
    for (i, r) in bad.iter().enumerate() {
        csv.push_str(&format!(
            "BAD E012,{},1,440/{i}/Uji/2025,15/03/2025,Uji,\"{r}\"\n",
            3 + i
        ));
    }
    std::fs::write(dir.join("bukti.csv"), csv).unwrap();

    let doc = check_bounded(&dir, 1);
    let findings = doc["findings"].as_array().unwrap();
    for r in bad {
        let hit = findings
            .iter()
            .any(|f| f["code"] == "E012" && f["value"].as_str() == Some(r));
        assert!(hit, "{r} was not refused: {doc}");
    }
    // The clean innovation was still checked and stands.
    let ok = doc["innovations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["name"] == "OK E012")
        .unwrap();
    assert_eq!(ok["status"], "ok", "{ok}");
    assert_eq!(ok["score"]["claimed"], ok["score"]["verified"]);
}

/// One content used by many innovations (E011): each later use is compared
/// with the first use in path order, whatever order the files are found
/// or grouped in.
#[test]
fn one_content_used_many_times_names_the_first_by_path() {
    let (_outer, dir) = fixture_copy("E011");
    // Four more innovations, copies of "BAD E011 dua" in folders sorting
    // after bad-e011-dua and bad-e011-satu, using the same content.
    let profiles = std::fs::read_to_string(dir.join("e011.csv")).unwrap();
    let bukti = std::fs::read_to_string(dir.join("bukti.csv")).unwrap();
    let (mut profiles_out, mut bukti_out) = (profiles.clone(), bukti.clone());
    for n in 1..=4 {
        let name = format!("BAD E011 x{n}");
        for line in profiles.lines().filter(|l| l.starts_with("BAD E011 dua,")) {
            profiles_out.push_str(&line.replacen("BAD E011 dua", &name, 1));
            profiles_out.push('\n');
        }
        for line in bukti.lines().filter(|l| l.starts_with("BAD E011 dua,")) {
            let line = line
                .replace("BAD E011 dua", &name)
                .replace("bad-e011-dua/", &format!("bad-e011-x{n}/"));
            bukti_out.push_str(&line);
            bukti_out.push('\n');
        }
        copy_dir(
            &dir.join("bukti/bad-e011-dua"),
            &dir.join(format!("bukti/bad-e011-x{n}")),
        );
    }
    std::fs::write(dir.join("e011.csv"), profiles_out).unwrap();
    std::fs::write(dir.join("bukti.csv"), bukti_out).unwrap();

    // E011 is a warning: nothing else is wrong in these rows.
    let doc = check_bounded(&dir, 0);
    let e011 = common::findings_coded(&doc, "E011");
    let mut uses: Vec<&str> = e011.iter().map(|f| f["value"].as_str().unwrap()).collect();
    uses.sort();
    // Every file of the copies is "BAD E011 dua"'s content, and so is the
    // one file of "BAD E011 satu" that the fixture shares.
    let mut expected = vec!["bukti/bad-e011-satu/rekap-manfaat.pdf".to_string()];
    for n in 1..=4 {
        for file in ["kemanfaatan-2025", "penciptaan", "regulasi", "sdm"] {
            expected.push(format!("bukti/bad-e011-x{n}/{file}.pdf"));
        }
    }
    assert_eq!(uses, expected, "{e011:#?}");
    for f in &e011 {
        let message = f["message"].as_str().unwrap();
        assert!(message.contains("BAD E011 dua"), "{message}");
    }
}

#[test]
fn one_reference_written_in_two_folders_is_looked_up_in_each() {
    let (outer, dir) = fixture_copy("E003");
    // A second agency whose only evidence row names a file it does not
    // have, written exactly as the first agency's first reference: sorted
    // by workbook path, the two references are next to each other. Its
    // innovations have names of their own, so its rows attach to them.
    let other = outer.path().join("opd-lain");
    copy_dir(&dir, &other);
    std::fs::remove_dir_all(other.join("bukti")).unwrap();
    let bukti = std::fs::read_to_string(other.join("bukti.csv")).unwrap();
    let kept: Vec<&str> = bukti
        .lines()
        .enumerate()
        .filter(|(i, l)| *i == 0 || l.ends_with(",bukti/bad-e003/kemanfaatan.pdf"))
        .map(|(_, l)| l)
        .collect();
    assert_eq!(kept.len(), 2, "{bukti}");
    std::fs::write(other.join("bukti.csv"), kept.join("\n") + "\n").unwrap();
    for name in ["bukti.csv", "e003.csv"] {
        let text = std::fs::read_to_string(other.join(name)).unwrap();
        std::fs::write(other.join(name), text.replace(" E003", " E003 lain")).unwrap();
    }

    let doc = check_bounded(outer.path(), 1);
    let mut missing: Vec<(String, &str)> = common::findings_coded(&doc, "E003")
        .iter()
        .map(|f| {
            let file = f["file"].as_str().unwrap();
            let folder = file.rsplit('/').nth(1).unwrap().to_string();
            (folder, f["value"].as_str().unwrap())
        })
        .collect();
    missing.sort();
    assert_eq!(
        missing,
        [
            ("opd".to_string(), "bukti/bad-e003/tidak-ada.pdf"),
            ("opd-lain".to_string(), "bukti/bad-e003/kemanfaatan.pdf"),
        ]
    );
}

/// A folder of `opd/bukti/` whose one name, on Linux, reads as a path out
/// of the root once its `\` are shown as `/`.
#[cfg(unix)]
fn backslash_folder(dir: &Path, to: &str) -> std::path::PathBuf {
    let name = format!("x{}\\{to}", "\\..".repeat(40));
    let folder = dir.join("bukti").join(name);
    std::fs::create_dir_all(&folder).unwrap();
    folder
}

/// `bimtek` with `args` from the repository root, failing if it takes
/// over 30 s (then it is stopped) or exits otherwise than with `code`.
fn run_bounded(args: Vec<std::ffi::OsString>, code: i32) -> std::process::Output {
    let (status, stdout, stderr) =
        common::run_bounded(&manifest(""), &args, Duration::from_secs(30));
    assert_eq!(status.code(), Some(code), "{}", text(&stderr));
    std::process::Output {
        status,
        stdout,
        stderr,
    }
}

/// A folder named `x\..\..\etc` holds a `passwd` of its own: export copies
/// that file, and the manifest holds its hash, not /etc/passwd's.
#[cfg(unix)]
#[test]
fn a_backslash_folder_name_is_not_a_way_out_for_export() {
    let (outer, dir) = fixture_copy("E012");
    let ours = b"%PDF-1.4\n% penetapan inovasi\n%%EOF\n".to_vec();
    std::fs::write(backslash_folder(&dir, "etc").join("passwd"), &ours).unwrap();
    let csv = std::fs::read_to_string(dir.join("bukti.csv")).unwrap();
    let csv = csv.replace(",bukti/ok-e012/regulasi.pdf", ",passwd");
    std::fs::write(dir.join("bukti.csv"), csv).unwrap();

    let out = outer.path().join("paket");
    let args = ["export", "--as-of", "2026-11-24", "--out"];
    let mut args: Vec<std::ffi::OsString> = args.iter().map(Into::into).collect();
    args.extend([out.clone().into_os_string(), dir.into_os_string()]);
    run_bounded(args, 0);
    let manifest: Value =
        serde_json::from_slice(&std::fs::read(out.join("manifest.json")).unwrap()).unwrap();
    let copied: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(out.join("data/bukti"))
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(&out).unwrap();
            (
                rel.to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    let passwd = std::fs::read("/etc/passwd").unwrap_or_default();
    let regulasi: Vec<&(String, Vec<u8>)> = copied
        .iter()
        .filter(|(n, _)| n.contains("indikator-01"))
        .collect();
    assert_eq!(regulasi.len(), 1, "{copied:?}");
    assert_eq!(regulasi[0].1, ours);
    assert!(copied.iter().all(|(_, b)| *b != passwd));
    let text = manifest.to_string();
    let sha = |b: &[u8]| -> String {
        use sha2::Digest as _;
        sha2::Sha256::digest(b)
            .iter()
            .map(|x| format!("{x:02x}"))
            .collect()
    };
    assert!(text.contains(&sha(&ours)), "{text}");
    assert!(!text.contains(&sha(&passwd)), "{text}");
}

/// A folder named `x\..\..\dev` holds a `zero` of its own, of another
/// innovation's file's size: E011 compares the two files, and the check
/// ends, instead of reading /dev/zero forever.
#[cfg(unix)]
#[test]
fn a_backslash_folder_name_is_not_a_way_out_for_e011() {
    let (_outer, dir) = fixture_copy("E012");
    let mut content = b"%PDF-1.4\n".to_vec();
    content.extend(std::iter::repeat_n(b'x', 8000));
    content.extend(b"\n%%EOF\n");
    std::fs::write(backslash_folder(&dir, "dev").join("zero"), &content).unwrap();
    std::fs::write(dir.join("bukti/bad-e012/sdm.pdf"), &content).unwrap();
    let csv = std::fs::read_to_string(dir.join("bukti.csv")).unwrap();
    let csv = csv.replace(",bukti/ok-e012/regulasi.pdf", ",zero");
    std::fs::write(dir.join("bukti.csv"), csv).unwrap();

    let doc = check_bounded(&dir, 1);
    // One content, two innovations: the later use in path order is told.
    let e011: Vec<&str> = common::findings_coded(&doc, "E011")
        .iter()
        .map(|f| f["value"].as_str().unwrap())
        .collect();
    assert_eq!(e011, ["zero"], "{doc}");
}

/// The profile line of innovation `from` in `profile`, renamed `to`.
fn profile_line(profile: &str, from: &str, to: &str) -> String {
    let line = profile
        .lines()
        .find(|l| l.starts_with(&format!("{from},")))
        .unwrap();
    format!("{}\n", line.replacen(from, to, 1))
}

/// An innovation without any evidence row, beside ones with rows: each of
/// its mandatory indicators is missing (E010 at its row), as when it has
/// some rows and misses one, and it counts as having errors.
#[test]
fn an_innovation_without_any_evidence_row_misses_each_mandatory_indicator() {
    let (_outer, dir) = fixture_copy("E012");
    let mut profile = std::fs::read_to_string(dir.join("e012.csv")).unwrap();
    profile += &profile_line(&profile, "OK E012", "TANPA BUKTI");
    std::fs::write(dir.join("e012.csv"), profile).unwrap();

    let doc = check_bounded(&dir, 1);
    let e010: Vec<(u64, u64)> = common::findings_coded(&doc, "E010")
        .iter()
        .map(|f| (f["row"].as_u64().unwrap(), f["indicator"].as_u64().unwrap()))
        .collect();
    assert_eq!(e010, [(4, 1), (4, 2), (4, 17), (4, 18), (4, 20)], "{doc}");
    let inn = |name: &str| -> Value {
        doc["innovations"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["name"] == name)
            .unwrap()
            .clone()
    };
    let none = inn("TANPA BUKTI");
    assert_eq!(
        (&none["status"], &none["errors"]),
        (&"error".into(), &5.into())
    );
    assert_eq!(none["score"]["claimed"], 0.0);
    assert_eq!(inn("OK E012")["status"], "ok");
    assert!(common::findings_coded(&doc, "E018").is_empty());
}

/// A run without any evidence says so once, naming how many innovations
/// have none; nobody gets E010 for it.
#[test]
fn a_run_without_any_evidence_says_so_once() {
    let (_outer, dir) = fixture_copy("E012");
    std::fs::remove_file(dir.join("bukti.csv")).unwrap();

    let doc = check_bounded(&dir, 0);
    let e018 = common::findings_coded(&doc, "E018");
    assert_eq!(e018.len(), 1, "{doc}");
    let message = e018[0]["message"].as_str().unwrap();
    assert!(
        message.contains("2 inovasi") && message.contains(" 0"),
        "{message}"
    );
    assert!(common::findings_coded(&doc, "E010").is_empty());
    for i in doc["innovations"].as_array().unwrap() {
        assert_eq!(i["score"]["claimed"], 0.0);
    }
}

/// `bukti/bad-e017/penciptaan.pdf` written, only OK E017's
/// `bukti/ok-e017/penciptaan.pdf` there: a warning at the reference's cell
/// naming both, and the file found is still checked.
#[test]
fn a_reference_found_by_name_in_another_folder_names_both_paths() {
    let (_outer, dir) = fixture_copy("E017");
    let doc = check_bounded(&dir, 0);
    let e017 = common::findings_coded(&doc, "E017");
    assert_eq!(e017.len(), 1, "{doc}");
    let f = e017[0];
    assert_eq!((&f["cell"], &f["indicator"]), (&"G9".into(), &17.into()));
    assert_eq!(f["value"], "bukti/bad-e017/penciptaan.pdf");
    let message = f["message"].as_str().unwrap();
    assert!(
        message.contains("bukti/bad-e017/penciptaan.pdf"),
        "{message}"
    );
    assert!(
        message.ends_with("bukti/ok-e017/penciptaan.pdf"),
        "{message}"
    );
    // Checked: its points stand, and the shared content is told.
    let bad = doc["innovations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["name"] == "BAD E017")
        .unwrap();
    assert_eq!(bad["score"]["claimed"], bad["score"]["verified"], "{bad}");
    assert_eq!(common::findings_coded(&doc, "E011").len(), 1);
    // The same file named by its path, or by its name alone: no warning.
    let csv = std::fs::read_to_string(dir.join("bukti.csv")).unwrap();
    for written in [
        "bukti/ok-e017/penciptaan.pdf",
        "penciptaan.pdf",
        "ok-e017/penciptaan.pdf",
    ] {
        let text = csv.replace("bukti/bad-e017/penciptaan.pdf", written);
        std::fs::write(dir.join("bukti.csv"), text).unwrap();
        let doc = check_bounded(&dir, 0);
        assert!(
            common::findings_coded(&doc, "E017").is_empty(),
            "{written}: {doc}"
        );
    }
}

/// An evidence row whose Indikator cell is empty: E016 at that cell,
/// saying it is empty.
#[test]
fn an_empty_indicator_cell_is_named_and_said_to_be_empty() {
    let (_outer, dir) = fixture_copy("E016");
    let mut csv = std::fs::read_to_string(dir.join("bukti.csv")).unwrap();
    let row = csv.lines().count() + 1;
    csv += "BAD E016,,1,440/01/Uji/2025,15/03/2025,Tanpa indikator,bukti/bad-e016/regulasi.pdf\n";
    std::fs::write(dir.join("bukti.csv"), csv).unwrap();

    let doc = check_bounded(&dir, 1);
    let empty: Vec<&Value> = common::findings_coded(&doc, "E016")
        .into_iter()
        .filter(|f| f["row"] == row)
        .collect();
    assert_eq!(empty.len(), 1, "{doc}");
    assert_eq!(empty[0]["cell"], format!("B{row}"));
    assert_eq!(empty[0]["value"], Value::Null);
    let message = empty[0]["message"].as_str().unwrap();
    assert_eq!(message, format!("Indikator di sel B{row} kosong"));
}

/// Names as macOS writes them (decomposed, NFD) and as a spreadsheet
/// holds them (composed, NFC) find each other, by path and by name.
#[test]
fn composed_references_find_decomposed_files_and_back() {
    let (_outer, dir) = fixture_copy("E012");
    let ok = dir.join("bukti/ok-e012");
    // Stored decomposed, written composed; stored composed, written
    // decomposed (by its name alone).
    std::fs::rename(ok.join("regulasi.pdf"), ok.join("Pe\u{301}netapan.pdf")).unwrap();
    std::fs::rename(ok.join("sdm.pdf"), ok.join("Tim Pelaksana Café.pdf")).unwrap();
    let csv = std::fs::read_to_string(dir.join("bukti.csv")).unwrap();
    let csv = csv
        .replace("bukti/ok-e012/regulasi.pdf", "bukti/ok-e012/Pénetapan.pdf")
        .replace("bukti/ok-e012/sdm.pdf", "tim pelaksana cafe\u{301}.pdf");
    std::fs::write(dir.join("bukti.csv"), csv).unwrap();

    let doc = check_bounded(&dir, 1);
    let ok = doc["innovations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["name"] == "OK E012")
        .unwrap();
    assert_eq!(ok["status"], "ok", "{doc}");
    assert!(common::findings_coded(&doc, "E003").is_empty(), "{doc}");
}
