//! What the integration test files share: running the real binary (from
//! the repository root or in a folder, without colour, bounded in time or
//! watched line by line), paths inside the repository, the clean rows of
//! the code fixtures, and copying and writing fixture files. Every test
//! binary declares `mod common;` and uses what it needs of it.

// Each test binary uses only some of these helpers.
#![allow(dead_code)]

use std::ffi::{OsStr, OsString};
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Output, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// The reference date the tests check against.
pub const AS_OF: &str = "2026-11-24";

/// Run bimtek with `args` from the repository root.
pub fn bimtek(args: &[&str]) -> Output {
    bimtek_with_env(args, &[])
}

/// [`bimtek`] with extra environment variables.
pub fn bimtek_with_env(args: &[&str], env: &[(&str, &str)]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_bimtek"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .envs(env.iter().copied())
        .output()
        .expect("run bimtek")
}

/// The findings of a `--format json` report with code `code`, in order.
pub fn findings_coded<'d>(doc: &'d serde_json::Value, code: &str) -> Vec<&'d serde_json::Value> {
    doc["findings"]
        .as_array()
        .expect("a findings list")
        .iter()
        .filter(|f| f["code"] == code)
        .collect()
}

/// Run bimtek with `args` in `dir`, without colour or standard input; a
/// run that has not ended after `timeout` is killed and fails the test
/// (a hang is the defect under test). Its status, stdout and stderr.
pub fn run_bounded(
    dir: &Path,
    args: &[OsString],
    timeout: Duration,
) -> (ExitStatus, Vec<u8>, Vec<u8>) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_bimtek"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start bimtek");
    let mut out = child.stdout.take().expect("stdout");
    let mut err = child.stderr.take().expect("stderr");
    let out_thread = std::thread::spawn(move || {
        let mut s = Vec::new();
        out.read_to_end(&mut s).map(|_| s)
    });
    let err_thread = std::thread::spawn(move || {
        let mut s = Vec::new();
        err.read_to_end(&mut s).map(|_| s)
    });
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if start.elapsed() > timeout {
            let _ = child.kill();
            let _ = child.wait();
            panic!("bimtek {args:?} hung: killed after {timeout:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    (
        status,
        out_thread.join().unwrap().unwrap(),
        err_thread.join().unwrap().unwrap(),
    )
}

/// A CSV of innovations, one row per (name, agency, initiator), every
/// other cell the clean row of the R001 fixture: a row without an
/// initiator has exactly one finding, R001.
pub fn write_csv(path: &Path, rows: &[(&str, &str, &str)]) {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/codes/R001/r001.csv");
    let mut r = csv::Reader::from_path(src).expect("the R001 fixture");
    let header: Vec<String> = r.headers().unwrap().iter().map(str::to_string).collect();
    let ok: Vec<String> = r
        .records()
        .next()
        .unwrap()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect();
    // Written beside and renamed, as an editor saves: a watcher never
    // reads half a file.
    let tmp = path.with_extension("part");
    let mut w = csv::Writer::from_path(&tmp).unwrap();
    w.write_record(&header).unwrap();
    for (name, agency, initiator) in rows {
        let mut rec = ok.clone();
        rec[0] = name.to_string();
        rec[1] = agency.to_string();
        rec[4] = initiator.to_string();
        w.write_record(&rec).unwrap();
    }
    w.flush().unwrap();
    drop(w);
    std::fs::rename(&tmp, path).unwrap();
}

/// `rel`, a path inside the repository.
pub fn manifest(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

/// A path as text (the tests' paths are UTF-8).
pub fn s(p: &Path) -> &str {
    p.to_str().expect("a UTF-8 path")
}

/// Output bytes as text.
pub fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// The header and the first row of the CSV fixture `rel` (in the
/// repository): a code fixture's clean row.
pub fn fixture_row(rel: &str) -> (Vec<String>, Vec<String>) {
    let mut r = csv::Reader::from_path(manifest(rel)).expect("a CSV fixture");
    let header = r.headers().unwrap().iter().map(String::from).collect();
    let row = r
        .records()
        .next()
        .expect("a row")
        .unwrap()
        .iter()
        .map(String::from)
        .collect();
    (header, row)
}

/// Run bimtek with `args` in `dir` with `env` set, without colour and
/// without a history database named by the environment.
pub fn bimtek_in(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_bimtek"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("BIMTEK_HISTORY")
        .envs(env.iter().copied())
        .output()
        .expect("run bimtek")
}

/// A child process, killed and waited for when the guard drops (a test
/// that fails never leaves a watcher running).
pub struct Kill(pub Child);

impl Drop for Kill {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Start `cmd` with its stdout piped, read line by line on a thread: the
/// guard and the lines as they come (`check --watch`).
pub fn spawn_lines(cmd: &mut Command) -> (Kill, mpsc::Receiver<String>) {
    let mut child = Kill(cmd.stdout(Stdio::piped()).spawn().expect("start bimtek"));
    let stdout = child.0.stdout.take().expect("stdout");
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    (child, rx)
}

/// Copy the folder `from` to `to`, folders and files.
pub fn copy_dir(from: &Path, to: &Path) {
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

/// Write `bytes` as file `name` of `dir`; its path.
pub fn write(dir: &Path, name: impl AsRef<OsStr>, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name.as_ref());
    std::fs::write(&path, bytes).unwrap();
    path
}
