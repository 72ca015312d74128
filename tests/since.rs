//! `check --since PREVIOUS.json`: what changed since a saved JSON report
//! (issue 31), in the table and as the JSON `since` object.

mod common;

use common::{AS_OF, bimtek, manifest, s, text, write_csv};
use serde_json::{Value, json};

/// Before: Dinas Uji has a clean row and two without an initiator; Dinas
/// Lain one clean row. Then Dinas Uji fixes one, drops the other and
/// reorders its rows (the clean row's cells move); Dinas Lain adds a row
/// without an initiator above its clean one.
#[test]
fn since_a_saved_report_counts_what_changed_issue_31() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("masukan");
    std::fs::create_dir(&inputs).unwrap();
    let (a, b) = (inputs.join("a.csv"), inputs.join("b.csv"));
    write_csv(
        &a,
        &[
            ("OK A", "Dinas Uji", "Tim"),
            ("BAD A", "Dinas Uji", ""),
            ("HAPUS A", "Dinas Uji", ""),
        ],
    );
    write_csv(&b, &[("OK B", "Dinas Lain", "Tim")]);
    let prev = dir.path().join("sebelumnya.json");
    let out = bimtek(&[
        "check",
        s(&inputs),
        "--as-of",
        "2026-11-20",
        "--format",
        "json",
        "-o",
        s(&prev),
    ]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    // The report holds no time; the file's modification time stands for it.
    let when = std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_795_161_600);
    std::fs::File::options()
        .write(true)
        .open(&prev)
        .unwrap()
        .set_modified(when)
        .unwrap();

    write_csv(
        &a,
        &[
            ("BAD A", "Dinas Uji", "Tim Baru"),
            ("OK A", "Dinas Uji", "Tim"),
        ],
    );
    write_csv(
        &b,
        &[("BARU B", "Dinas Lain", ""), ("OK B", "Dinas Lain", "Tim")],
    );

    let out = bimtek(&[
        "check",
        s(&inputs),
        "--as-of",
        AS_OF,
        "--format",
        "json",
        "--since",
        s(&prev),
    ]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        doc["since"],
        json!({
            "previous": {"time": "2026-11-20T08:00:00Z", "as_of": "2026-11-20"},
            "innovations_added": ["BARU B"],
            "innovations_removed": ["HAPUS A"],
            "findings_fixed": 2,
            "findings_new": 1,
            "agencies": [
                {"agency": "Dinas Lain", "errors_before": 0, "errors_now": 1,
                 "innovations_before": 1, "innovations_now": 2},
                {"agency": "Dinas Uji", "errors_before": 2, "errors_now": 0,
                 "innovations_before": 3, "innovations_now": 2},
            ],
        })
    );

    // The table says the same above the agencies, and the agencies' counts
    // that changed as before → now.
    let out = bimtek(&[
        "check",
        s(&inputs),
        "--as-of",
        AS_OF,
        "--since",
        s(&prev),
        "--width",
        "200",
    ]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains(
            "Sejak pemeriksaan sebelumnya (2026-11-20 08:00, tanggal acuan 2026-11-20): \
             2 temuan beres, 1 temuan baru; 1 inovasi bertambah, 1 berkurang."
        ),
        "{text}"
    );
    assert!(
        text.contains("Dinas Lain: inovasi 1 → 2 (+1 -0), galat 0 → 1, 1 temuan baru"),
        "{text}"
    );
    assert!(
        text.contains("Dinas Uji: inovasi 3 → 2 (+0 -1), galat 2 → 0, 2 temuan beres"),
        "{text}"
    );
    assert!(text.contains("+ BARU B (Dinas Lain)"), "{text}");
    assert!(text.contains("- HAPUS A (Dinas Uji)"), "{text}");
    let row = text
        .lines()
        .find(|l| l.contains("Dinas Uji") && l.contains('│'))
        .unwrap();
    let cells: Vec<&str> = row.split(['│', '┆']).map(str::trim).collect();
    assert_eq!(
        &cells[1..7],
        ["Dinas Uji", "1", "3 → 2", "2", "0", "2 → 0"],
        "{row}"
    );

    // In English, with its plurals.
    let out = bimtek(&[
        "--lang",
        "en",
        "check",
        s(&inputs),
        "--as-of",
        AS_OF,
        "--since",
        s(&prev),
        "--width",
        "200",
    ]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains(
            "Since the previous check (2026-11-20 08:00, reference date 2026-11-20): \
             2 findings fixed, 1 new; 1 innovation added, 1 removed."
        ),
        "{text}"
    );
    assert!(
        text.contains("Dinas Lain: innovations 1 → 2 (+1 -0), errors 0 → 1, 1 new finding"),
        "{text}"
    );
}

/// A file that is not a bimtek JSON report of version 1 stops the run with
/// exit 2 and its name.
#[test]
fn since_refuses_what_is_not_a_report_issue_31() {
    let dir = tempfile::tempdir().unwrap();
    let input = manifest("tests/fixtures/codes/R001/r001.csv");
    let cases: [(&str, &[u8], &str); 4] = [
        (
            "rusak.json",
            b"{\"version\": 1, \"tool\": {\"name\": \"bim",
            "not a whole bimtek JSON report",
        ),
        (
            "lain.json",
            b"{\"version\": 1, \"tool\": {\"name\": \"other\"}}",
            "not a bimtek JSON report",
        ),
        (
            "baru.json",
            b"{\"version\": 2, \"tool\": {\"name\": \"bimtek\"}}",
            "contract version 2",
        ),
        ("kosong.json", b"", "not a whole bimtek JSON report"),
    ];
    for (name, bytes, why) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let out = bimtek(&[
            "--lang",
            "en",
            "check",
            s(&input),
            "--as-of",
            AS_OF,
            "--since",
            s(&path),
        ]);
        let err = text(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{name}: {err}");
        assert!(err.contains(name) && err.contains(why), "{name}: {err}");
        assert!(out.stdout.is_empty(), "{name}");
    }
    // A folder, and a format that has no place for the comparison.
    let out = bimtek(&["check", s(&input), "--since", s(dir.path())]);
    assert_eq!(out.status.code(), Some(2));
    let folder = dir.path().file_name().unwrap().to_str().unwrap();
    assert!(text(&out.stderr).contains(folder));
    let saved = dir.path().join("baru.json");
    let out = bimtek(&["check", s(&input), "--format", "csv", "--since", s(&saved)]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("--since"));
    let missing = dir.path().join("tidak-ada.json");
    let out = bimtek(&["check", s(&input), "--since", s(&missing)]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("tidak-ada.json"));
}

/// A pipe given as the saved report is refused, not read forever.
#[cfg(unix)]
#[test]
fn since_a_pipe_is_refused_not_read_issue_31() {
    let dir = tempfile::tempdir().unwrap();
    let pipe = dir.path().join("pipa.json");
    let made = std::process::Command::new("mkfifo")
        .arg(&pipe)
        .status()
        .is_ok_and(|s| s.success());
    if !made {
        return;
    }
    let input = manifest("tests/fixtures/codes/R001/r001.csv");
    let args: Vec<std::ffi::OsString> =
        vec!["check".into(), input.into(), "--since".into(), pipe.into()];
    let (status, _, err) =
        common::run_bounded(dir.path(), &args, std::time::Duration::from_secs(20));
    assert_eq!(status.code(), Some(2));
    assert!(text(&err).contains("pipa.json"));
}
