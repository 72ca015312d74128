//! `check --watch`: edit a file while bimtek watches and see the new result
//! within a bounded time. JSON in watch mode is one document per line.

mod common;

use common::{AS_OF, Kill, manifest, spawn_lines};
use serde_json::Value;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

#[test]
fn watch_rechecks_when_a_file_changes() {
    let dir = tempfile::tempdir().unwrap();
    let src = manifest("tests/fixtures/codes/R001/r001.csv");
    let file = dir.path().join("inovasi.csv");
    let original = std::fs::read_to_string(&src).unwrap();
    std::fs::write(&file, &original).unwrap();

    let (_child, rx) = spawn_lines(
        Command::new(env!("CARGO_BIN_EXE_bimtek"))
            .args(["check", "--watch", "--format", "json", "--as-of", AS_OF])
            .arg(dir.path())
            .stderr(Stdio::null()),
    );
    let next = |what: &str| -> Value {
        let line = rx
            .recv_timeout(Duration::from_secs(20))
            .unwrap_or_else(|_| panic!("no result within 20 s ({what})"));
        serde_json::from_str(&line).unwrap()
    };
    let first = next("first run");
    let r001 = |doc: &Value| {
        doc["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["code"] == "R001")
            .count()
    };
    assert_eq!(r001(&first), 1);

    // Give the watcher a moment to be armed, then fix the empty Nama Inisiator
    // the way Excel saves: a lock file appears, the file is rewritten.
    std::thread::sleep(Duration::from_millis(500));
    std::fs::write(dir.path().join("~$inovasi.csv"), b"lock").unwrap();
    let fixed = original.replacen(",BAD R001,", ",BAD R001 diperbaiki,", 1);
    let header_cols = original.lines().next().unwrap().split(',').count();
    // Rebuild the BAD row with a name in the Nama Inisiator column (the 5th).
    let mut lines: Vec<String> = fixed.lines().map(str::to_string).collect();
    let bad = lines.iter().position(|l| l.starts_with("BAD")).unwrap();
    let mut rec = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(lines[bad].as_bytes())
        .records()
        .next()
        .unwrap()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect::<Vec<_>>();
    assert_eq!(rec.len(), header_cols);
    rec[4] = "Tim Inovasi".into();
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(&rec).unwrap();
    lines[bad] = String::from_utf8(w.into_inner().unwrap())
        .unwrap()
        .trim_end()
        .to_string();
    std::fs::write(&file, lines.join("\n") + "\n").unwrap();

    let second = next("after the edit");
    assert_eq!(r001(&second), 0, "{second}");
    assert_eq!(second["summary"]["innovations"], 2);
}

/// `check --watch` on a folder with `env` set, its stdout read line by
/// line on a thread; the child is killed when the guard drops.
fn watch(
    dir: &std::path::Path,
    args: &[&str],
    env: &[(&str, &str)],
) -> (Kill, mpsc::Receiver<String>) {
    spawn_lines(
        Command::new(env!("CARGO_BIN_EXE_bimtek"))
            .args(args)
            .args(["check", "--watch", "--as-of", AS_OF])
            .arg(dir)
            .env("NO_COLOR", "1")
            .envs(env.iter().copied())
            .stderr(Stdio::null()),
    )
}

/// The next screen: its lines up to the last one, which starts with `last`.
fn screen(rx: &mpsc::Receiver<String>, last: &str) -> Vec<String> {
    let mut lines = Vec::new();
    loop {
        let line = rx
            .recv_timeout(Duration::from_secs(20))
            .unwrap_or_else(|_| panic!("no whole screen within 20 s: {lines:#?}"));
        let done = line.starts_with(last);
        lines.push(line);
        if done {
            return lines;
        }
    }
}

/// A facilitator's screen: one agency fixes a row, drops one, adds two
/// (one without its initiator) and reorders the rest. The next screen says
/// what was fixed and what is new, the table's changed counts read
/// before → now, and the screen fits the terminal.
#[test]
fn watch_screen_shows_what_changed_issue_30() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a.csv");
    common::write_csv(
        &file,
        &[
            ("OK A", "Dinas Uji", "Tim"),
            ("BAD A", "Dinas Uji", ""),
            ("HAPUS A", "Dinas Uji", ""),
        ],
    );
    let (_child, rx) = watch(dir.path(), &[], &[("LINES", "30"), ("COLUMNS", "90")]);
    let first = screen(&rx, "Pemeriksaan terakhir");
    let text = first.join("\n");
    assert!(!text.contains("BERES") && !text.contains("Sejak"), "{text}");
    assert!(
        first
            .last()
            .unwrap()
            .ends_with("1 berkas, 3 inovasi: 2 galat, 1 peringatan, 0 info"),
        "{text}"
    );

    std::thread::sleep(Duration::from_millis(500));
    common::write_csv(
        &file,
        &[
            ("BARU A", "Dinas Uji", ""),
            ("BAD A", "Dinas Uji", "Tim Baru"),
            ("OK A", "Dinas Uji", "Tim"),
            ("LAIN A", "Dinas Uji", "Tim"),
        ],
    );
    let second = screen(&rx, "Pemeriksaan terakhir");
    let text = second.join("\n");
    assert!(second.len() <= 30, "{} lines:\n{text}", second.len());
    for l in &second {
        assert!(l.chars().count() <= 90, "wider than 90: {l}");
    }
    let flat = second.join(" ");
    assert!(
        flat.contains("2 temuan beres, 1 temuan baru; 2 inovasi bertambah, 1 berkurang."),
        "{text}"
    );
    assert!(text.contains("  + BARU A (Dinas Uji)"), "{text}");
    assert!(text.contains("  + LAIN A (Dinas Uji)"), "{text}");
    assert!(text.contains("  - HAPUS A (Dinas Uji)"), "{text}");
    // Fixed, then new, then the rest.
    let findings: Vec<&String> = second
        .iter()
        .skip_while(|l| !l.starts_with("Temuan"))
        .skip(1)
        .take_while(|l| !l.starts_with("Pemeriksaan terakhir"))
        .collect();
    assert_eq!(
        findings,
        [
            "BERES            R001 Dinas Uji · BAD A · Nama Inisiator · E3",
            "BERES            R001 Dinas Uji · HAPUS A · Nama Inisiator · E4",
            "BARU  GALAT      R001 Dinas Uji · BARU A · Nama Inisiator · E2",
            "      PERINGATAN E018 a · a.csv",
        ],
        "{text}"
    );
    let row = second
        .iter()
        .find(|l| l.contains("Dinas Uji") && l.contains('│'))
        .unwrap();
    let cells: Vec<&str> = row.split(['│', '┆']).map(str::trim).collect();
    assert_eq!(
        &cells[1..7],
        ["Dinas Uji", "1", "3 → 4", "3", "0", "2 → 1"],
        "{row}"
    );
    assert!(
        second
            .last()
            .unwrap()
            .ends_with("1 berkas, 4 inovasi: 1 galat, 1 peringatan, 0 info"),
        "{text}"
    );
}

/// A terminal that reports 0 columns and 0 lines is 100 by 40: the table
/// is drawn at its width, not one character a line. In English, with its
/// plurals.
#[test]
fn watch_screen_on_a_terminal_of_zero_columns_issue_30() {
    let dir = tempfile::tempdir().unwrap();
    common::write_csv(
        &dir.path().join("a.csv"),
        &[("OK A", "Dinas Uji", "Tim"), ("BAD A", "Dinas Uji", "")],
    );
    let (_child, rx) = watch(
        dir.path(),
        &["--lang", "en"],
        &[("LINES", "0"), ("COLUMNS", "0")],
    );
    let lines = screen(&rx, "Last check");
    let text = lines.join("\n");
    assert!(lines.len() <= 40, "{text}");
    let widest = lines.iter().map(|l| l.chars().count()).max().unwrap();
    assert!((60..=100).contains(&widest), "widest {widest}:\n{text}");
    let border = lines.iter().find(|l| l.starts_with('┌')).unwrap();
    assert!((60..=100).contains(&border.chars().count()), "{text}");
    assert!(
        lines
            .last()
            .unwrap()
            .ends_with("1 file, 2 innovations: 1 error, 1 warning, 0 infos"),
        "{text}"
    );
    assert!(text.contains("Findings (changes first):"), "{text}");
}

/// The screen fits terminals of many sizes, narrow ones too (the table
/// keeps its agencies, innovations and errors there, each word whole).
#[test]
fn watch_screen_fits_the_terminal_issue_30() {
    let sample = manifest("sample-data");
    for (columns, lines) in [(40, 20), (60, 12), (100, 40), (200, 60)] {
        let (c, l) = (columns.to_string(), lines.to_string());
        let (_child, rx) = watch(&sample, &[], &[("COLUMNS", &c), ("LINES", &l)]);
        let shown = screen(&rx, "Pemeriksaan terakhir");
        let text = shown.join("\n");
        assert!(shown.len() <= lines, "{columns}x{lines}:\n{text}");
        for line in &shown {
            assert!(line.chars().count() <= columns, "{columns}x{lines}: {line}");
        }
        assert!(
            shown.iter().any(|l| l.contains("┆ Inovasi ")),
            "{columns}x{lines}:\n{text}"
        );
    }
}

/// A pemda of thirty agencies on a screen of 24 lines: the table keeps the
/// agencies with errors and its total, says how many it leaves out, and
/// leaves room for findings.
#[test]
fn watch_screen_of_many_agencies_keeps_the_total_issue_30() {
    let dir = tempfile::tempdir().unwrap();
    let names: Vec<String> = (1..=30).map(|k| format!("Dinas {k:02}")).collect();
    let rows: Vec<(String, &str, &str)> = names
        .iter()
        .enumerate()
        .map(|(k, a)| {
            (
                format!("Inovasi {k}"),
                a.as_str(),
                if k < 3 { "" } else { "Tim" },
            )
        })
        .collect();
    let rows: Vec<(&str, &str, &str)> = rows.iter().map(|(n, a, i)| (n.as_str(), *a, *i)).collect();
    common::write_csv(&dir.path().join("rekap.csv"), &rows);
    let (_child, rx) = watch(dir.path(), &[], &[("LINES", "24"), ("COLUMNS", "100")]);
    let shown = screen(&rx, "Pemeriksaan terakhir");
    let text = shown.join("\n");
    assert!(shown.len() <= 24, "{text}");
    let agency_rows: Vec<&String> = shown.iter().filter(|l| l.starts_with("│ Dinas")).collect();
    assert!(agency_rows.len() >= 3, "{text}");
    for (row, name) in agency_rows.iter().zip(["Dinas 01", "Dinas 02", "Dinas 03"]) {
        assert!(row.contains(name), "{text}");
    }
    assert!(shown.iter().any(|l| l.starts_with("│ Jumlah")), "{text}");
    let left = 30 - agency_rows.len();
    assert!(
        text.contains(&format!("... dan {left} perangkat daerah lagi")),
        "{text}"
    );
    assert!(
        shown.iter().any(|l| l.contains("GALAT      R001")),
        "{text}"
    );
}
