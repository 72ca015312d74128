//! The campaign's memory: every `check --history FILE` records its outcome
//! in a local SQLite database, and `bimtek history` reads the runs back.
//!
//! What a run keeps: when it ran, its inputs, template, as-of date and the
//! bimtek version; per innovation its identity (agency and folded name), its
//! status, counts and scores; per finding its code, severity, field and
//! cell; per agency a summary and a digest of all that, so that "when did
//! this agency last change anything" is read without the rows. Never the
//! long texts of the rows, nor the findings' values.
//!
//! Safe to share between a scheduled job and an officer: WAL mode and a busy
//! timeout let writers wait for each other, a run is written in one
//! transaction (a killed run leaves nothing), the schema carries its
//! version (`PRAGMA user_version`) and bimtek's mark (`PRAGMA
//! application_id`). A database from a newer bimtek, another program's
//! database, or a file that is no database is refused before anything is
//! written to it. This module prints nothing; `report::history` renders.

use crate::diag::{Say, Severity, Trouble};
use chrono::NaiveDate;
use rusqlite::Connection;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The schema this bimtek writes. Each later schema adds one step to
/// [`migrate`]; a database above this number is refused.
pub const SCHEMA_VERSION: i32 = 2;

/// `PRAGMA application_id`: "BIMT", so another program's database is told
/// from ours.
const APPLICATION_ID: i32 = 0x4249_4d54;

/// How long a writer waits for another (a scheduled run of a big folder
/// holds the lock for about a second).
const BUSY_TIMEOUT: Duration = Duration::from_secs(60);

/// The environment variable naming the history database when `--history`
/// is not given.
pub const ENV: &str = "BIMTEK_HISTORY";

/// An open history database.
#[derive(Debug)]
pub struct History {
    conn: Connection,
    path: PathBuf,
}

/// What a run was of: its time (UTC, RFC 3339 to the second), inputs as
/// given, template id, as-of date and the bimtek version that ran it.
#[derive(Debug, Clone, PartialEq)]
pub struct RunInfo {
    pub id: i64,
    pub time: String,
    pub inputs: Vec<String>,
    pub template: String,
    pub as_of: NaiveDate,
    pub version: String,
    pub innovations: u32,
    pub errors: u32,
    pub warnings: u32,
}

/// One innovation as a run recorded it.
#[derive(Debug, Clone, PartialEq)]
pub struct RecordedInnovation {
    pub agency: String,
    /// The folded name: with the agency, the innovation's identity.
    pub name_key: String,
    /// The name as written, for display.
    pub name: String,
    /// `Info` for a clean innovation.
    pub status: Severity,
    pub errors: u32,
    pub warnings: u32,
    /// Scores to the hundredth, when the template scores (an innovation
    /// without indicator data scores 0).
    pub claimed: Option<f64>,
    pub verified: Option<f64>,
}

/// One finding as a run recorded it: no message, no value.
#[derive(Debug, Clone, PartialEq)]
pub struct RecordedFinding {
    pub code: String,
    pub severity: Severity,
    /// Index into the run's `innovations`: the innovation it concerns.
    pub innovation: Option<usize>,
    /// The innovation's agency, else its file's.
    pub agency: String,
    /// The template field key.
    pub field: Option<String>,
    pub file: String,
    pub sheet: Option<String>,
    /// Row as the spreadsheet shows it, column 0-based.
    pub row: Option<u32>,
    pub col: Option<u32>,
    /// The SID indicator, for a finding about an indicator: with the code,
    /// innovation and field, the finding's identity.
    pub indicator: Option<u32>,
}

impl RecordedFinding {
    /// The cell as a report shows it (`Inovasi!D12`, `D12`), if the finding
    /// has a row and a column.
    pub fn cell(&self) -> Option<String> {
        crate::diag::Location {
            file: self.file.clone(),
            sheet: self.sheet.clone(),
            row: self.row,
            col: self.col,
            header: None,
        }
        .cell()
    }
}

/// A whole recorded run, for comparing with the next one (`since`).
#[derive(Debug, Clone, PartialEq)]
pub struct RecordedRun {
    pub info: RunInfo,
    pub innovations: Vec<RecordedInnovation>,
    pub findings: Vec<RecordedFinding>,
}

/// One agency in one run.
#[derive(Debug, Clone, PartialEq)]
pub struct AgencyRun {
    pub innovations: u32,
    pub errors: u32,
    pub warnings: u32,
    /// The mean verified score per innovation, as the check's table shows
    /// it (`None`: no innovation, or a template that does not score).
    pub verified: Option<f64>,
}

/// One agency over the campaign.
#[derive(Debug, Clone, PartialEq)]
pub struct AgencyCampaign {
    pub agency: String,
    /// One per run of [`Campaign::runs`]; `None` where the agency was absent.
    pub runs: Vec<Option<AgencyRun>>,
    /// The time of the run from which the agency's innovations and findings
    /// have been what they are now; `None` if it is absent from every run.
    pub last_change: Option<String>,
}

/// The runs and the agencies over them, oldest run first, agencies by name.
#[derive(Debug, Clone, PartialEq)]
pub struct Campaign {
    pub runs: Vec<RunInfo>,
    pub agencies: Vec<AgencyCampaign>,
}

/// The history path: `--history` if given, else `BIMTEK_HISTORY` if set
/// and not empty.
pub fn path_from(arg: Option<PathBuf>) -> Option<PathBuf> {
    arg.or_else(|| {
        std::env::var_os(ENV)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    })
}

/// The key under which runs of the same inputs are found: the input paths,
/// absolute and resolved where they exist, sorted.
pub fn inputs_key(paths: &[PathBuf]) -> String {
    let mut keys: Vec<String> = paths
        .iter()
        .map(|p| {
            let abs = p
                .canonicalize()
                .or_else(|_| std::path::absolute(p))
                .unwrap_or_else(|_| p.clone());
            abs.to_string_lossy().replace('\\', "/")
        })
        .collect();
    keys.sort();
    keys.dedup();
    keys.join("\n")
}

fn trouble(key: Say, args: &[(&str, &dyn std::fmt::Display)]) -> anyhow::Error {
    Trouble::say(key, args).into()
}

/// A failure of the database, said with its path.
fn db_error(path: &Path, e: &rusqlite::Error) -> anyhow::Error {
    let p = path.display();
    use rusqlite::ErrorCode as C;
    let code = e.sqlite_error_code();
    match code {
        Some(C::NotADatabase) => not_ours(path),
        Some(C::DatabaseCorrupt) => trouble(Say::HistoryCorrupt, &[("p", &p), ("e", e)]),
        Some(C::DatabaseBusy) | Some(C::DatabaseLocked) => {
            trouble(Say::HistoryBusy, &[("p", &p), ("e", e)])
        }
        Some(C::ReadOnly) | Some(C::CannotOpen) | Some(C::PermissionDenied) => {
            trouble(Say::HistoryNotWritable, &[("p", &p), ("e", e)])
        }
        _ => trouble(Say::HistoryDbError, &[("p", &p), ("e", e)]),
    }
}

fn not_ours(path: &Path) -> anyhow::Error {
    let p = path.display();
    trouble(Say::HistoryNotOurs, &[("p", &p)])
}

/// Test hook (debug builds only): `BIMTEK_TEST_HISTORY_ABORT=1` aborts the
/// process in the middle of recording a run, to prove a killed run leaves no
/// half run behind.
fn abort_hook() {
    if cfg!(debug_assertions) && std::env::var_os("BIMTEK_TEST_HISTORY_ABORT").is_some() {
        std::process::abort();
    }
}

/// The run's time: now, or (debug builds only) `BIMTEK_TEST_NOW` for tests
/// that need exact output.
fn now() -> String {
    if cfg!(debug_assertions)
        && let Ok(t) = std::env::var("BIMTEK_TEST_NOW")
    {
        return t;
    }
    chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

mod compare;
mod detail;
mod open;
mod read;
mod record;

pub use read::{StoredRun, previous_run, previous_stored};
pub use record::Recording;
