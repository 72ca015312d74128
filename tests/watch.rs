//! `check --watch`: edit a file while bimtek watches and see the new result
//! within a bounded time. JSON in watch mode is one document per line.

use serde_json::Value;
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

struct Kill(Child);

impl Drop for Kill {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn watch_rechecks_when_a_file_changes() {
    let dir = tempfile::tempdir().unwrap();
    let src =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/codes/R001/r001.csv");
    let file = dir.path().join("inovasi.csv");
    let original = std::fs::read_to_string(&src).unwrap();
    std::fs::write(&file, &original).unwrap();

    let mut child = Kill(
        Command::new(env!("CARGO_BIN_EXE_bimtek"))
            .args([
                "check",
                "--watch",
                "--format",
                "json",
                "--as-of",
                "2026-11-24",
            ])
            .arg(dir.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );
    let stdout = child.0.stdout.take().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            if tx.send(line).is_err() {
                break;
            }
        }
    });
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
