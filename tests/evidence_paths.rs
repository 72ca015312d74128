//! Evidence references that try to leave the evidence root, and evidence
//! trees that try to trap the walk: every such reference is E012 and is
//! never read, a link loop does not hang, and the other evidence is checked.

use serde_json::Value;
use std::path::Path;
use std::process::Command;
use std::sync::mpsc;
use std::time::Duration;

fn copy_dir(from: &Path, to: &Path) {
    for e in walkdir::WalkDir::new(from) {
        let e = e.unwrap();
        let rel = e.path().strip_prefix(from).unwrap();
        let dest = to.join(rel);
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(e.path(), &dest).unwrap();
        }
    }
}

/// Run `check --format json` on `dir`, failing if it takes over 30 s.
fn check_bounded(dir: &Path) -> Value {
    let (tx, rx) = mpsc::channel();
    let dir = dir.to_path_buf();
    std::thread::spawn(move || {
        let out = Command::new(env!("CARGO_BIN_EXE_bimtek"))
            .args(["check", "--format", "json", "--as-of", "2026-11-24"])
            .arg(&dir)
            .output()
            .unwrap();
        let _ = tx.send(out);
    });
    let out = rx
        .recv_timeout(Duration::from_secs(30))
        .expect("check hung");
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn references_leaving_the_root_are_refused_and_loops_do_not_hang() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/codes/E012");
    let outer = tempfile::tempdir().unwrap();
    let dir = outer.path().join("opd");
    copy_dir(&fixtures, &dir);
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

    let doc = check_bounded(&dir);
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
