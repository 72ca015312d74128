//! What the CLI test files share: running the real binary from the
//! repository root, without colour.

use std::process::{Command, Output};

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
