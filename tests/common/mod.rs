//! What the CLI test files share: running the real binary from the
//! repository root, without colour.

use std::ffi::OsString;
use std::io::Read;
use std::path::Path;
use std::process::{Command, ExitStatus, Output, Stdio};
use std::time::{Duration, Instant};

/// The reference date the tests check against.
#[allow(dead_code)]
pub const AS_OF: &str = "2026-11-24";

/// Run bimtek with `args` from the repository root.
#[allow(dead_code)]
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
#[allow(dead_code)]
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
#[allow(dead_code)]
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
#[allow(dead_code)]
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
