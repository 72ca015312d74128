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

use crate::diag::{Severity, Trouble};
use crate::outcome::Outcome;
use crate::template::Template;
use anyhow::Result;
use chrono::NaiveDate;
use rusqlite::{Connection, OpenFlags, OptionalExtension, TransactionBehavior, params};
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The schema this bimtek writes. Each later schema adds one step to
/// [`migrate`]; a database above this number is refused.
pub const SCHEMA_VERSION: i32 = 1;

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

fn trouble(id: String, en: String) -> anyhow::Error {
    Trouble::new(id, en).into()
}

/// A failure of the database, said with its path.
fn db_error(path: &Path, e: &rusqlite::Error) -> anyhow::Error {
    let p = path.display();
    use rusqlite::ErrorCode as C;
    let code = e.sqlite_error_code();
    match code {
        Some(C::NotADatabase) => not_ours(path),
        Some(C::DatabaseCorrupt) => trouble(
            format!(
                "--history {p}: basis data riwayat rusak ({e}); berkas dibiarkan apa adanya, \
                 beri berkas lain atau pulihkan salinannya"
            ),
            format!(
                "--history {p}: the history database is corrupt ({e}); the file is left as it \
                 is, give another file or restore a copy"
            ),
        ),
        Some(C::DatabaseBusy) | Some(C::DatabaseLocked) => trouble(
            format!("--history {p}: basis data riwayat sedang dipakai terlalu lama ({e})"),
            format!("--history {p}: the history database stayed busy too long ({e})"),
        ),
        Some(C::ReadOnly) | Some(C::CannotOpen) | Some(C::PermissionDenied) => trouble(
            format!("--history {p}: tidak dapat dibuka untuk ditulis ({e})"),
            format!("--history {p}: cannot be opened for writing ({e})"),
        ),
        _ => trouble(
            format!("--history {p}: galat basis data riwayat: {e}"),
            format!("--history {p}: history database error: {e}"),
        ),
    }
}

fn not_ours(path: &Path) -> anyhow::Error {
    let p = path.display();
    trouble(
        format!(
            "--history {p}: bukan basis data riwayat bimtek; berkas dibiarkan apa adanya \
             (beri nama berkas baru, misalnya riwayat.sqlite)"
        ),
        format!(
            "--history {p}: not a bimtek history database; the file is left as it is \
             (give a new file name, such as riwayat.sqlite)"
        ),
    )
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

impl History {
    /// Open (creating if absent) the history at `path` for a run that reads
    /// `inputs`. Refused, before anything is written: a path that is an
    /// input or lies inside an input folder, anything but a regular file, a
    /// file that is not a database, another program's database, and a
    /// database from a newer bimtek.
    pub fn open(path: &Path, inputs: &[PathBuf]) -> Result<History> {
        crate::export::write::refuse_input(path, inputs)?;
        let p = path.display();
        match std::fs::metadata(path) {
            Ok(m) if !m.is_file() => {
                return Err(trouble(
                    format!("--history {p}: bukan berkas biasa; beri nama berkas basis data"),
                    format!("--history {p}: not a regular file; give a database file name"),
                ));
            }
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let parent = crate::export::write::folder_of(path);
                if !parent.is_dir() {
                    let d = parent.display();
                    return Err(trouble(
                        format!("--history {p}: folder {d} tidak ada"),
                        format!("--history {p}: folder {d} does not exist"),
                    ));
                }
            }
            Err(e) => {
                return Err(trouble(
                    format!("--history {p}: tidak dapat dibuka: {e}"),
                    format!("--history {p}: cannot be opened: {e}"),
                ));
            }
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        Self::connect(path, flags, true)
    }

    /// Open an existing history to read it (`bimtek history`).
    pub fn open_existing(path: &Path) -> Result<History> {
        let p = path.display();
        match std::fs::metadata(path) {
            Ok(m) if m.is_file() => {}
            Ok(_) => {
                return Err(trouble(
                    format!("--history {p}: bukan berkas biasa"),
                    format!("--history {p}: not a regular file"),
                ));
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(trouble(
                    format!(
                        "--history {p}: berkas riwayat tidak ada; catat pemeriksaan dengan \
                         bimtek check FOLDER --history {p}"
                    ),
                    format!(
                        "--history {p}: no such history file; record checks with \
                         bimtek check FOLDER --history {p}"
                    ),
                ));
            }
            Err(e) => {
                return Err(trouble(
                    format!("--history {p}: tidak dapat dibuka: {e}"),
                    format!("--history {p}: cannot be opened: {e}"),
                ));
            }
        }
        // Read-write: a reader of a WAL database may have to recover it.
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        Self::connect(path, flags, false)
    }

    fn connect(path: &Path, flags: OpenFlags, create: bool) -> Result<History> {
        let conn = Connection::open_with_flags(path, flags).map_err(|e| db_error(path, &e))?;
        conn.busy_timeout(BUSY_TIMEOUT)
            .map_err(|e| db_error(path, &e))?;
        let h = History {
            conn,
            path: path.to_path_buf(),
        };
        // Read before anything is written: a file that is no database fails
        // here, and another program's database is told by its mark. In one
        // read transaction: a first run creating the schema meanwhile is
        // seen whole or not at all.
        let version = {
            let tx = rusqlite::Transaction::new_unchecked(&h.conn, TransactionBehavior::Deferred)
                .map_err(|e| h.err(&e))?;
            let (version, app) = h.marks()?;
            h.judge(version, app, create)?;
            tx.commit().map_err(|e| h.err(&e))?;
            version
        };
        h.conn
            .query_row("PRAGMA journal_mode=WAL", [], |r| r.get::<_, String>(0))
            .map_err(|e| h.err(&e))?;
        // In WAL mode NORMAL is still atomic (a crash loses at most the
        // last run, never half of one) and spares a disk flush per run.
        h.conn
            .execute_batch("PRAGMA synchronous=NORMAL")
            .map_err(|e| h.err(&e))?;
        if version < SCHEMA_VERSION {
            h.migrate()?;
        }
        Ok(h)
    }

    fn err(&self, e: &rusqlite::Error) -> anyhow::Error {
        db_error(&self.path, e)
    }

    /// `user_version` and `application_id`.
    fn marks(&self) -> Result<(i32, i32)> {
        let version: i32 = self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(|e| self.err(&e))?;
        let app: i32 = self
            .conn
            .query_row("PRAGMA application_id", [], |r| r.get(0))
            .map_err(|e| self.err(&e))?;
        Ok((version, app))
    }

    /// Refuse what is not ours, or is ours from a newer bimtek.
    fn judge(&self, version: i32, app: i32, create: bool) -> Result<()> {
        if app == APPLICATION_ID {
            if version > SCHEMA_VERSION {
                let p = self.path.display();
                return Err(trouble(
                    format!(
                        "--history {p}: basis data riwayat ini dibuat oleh bimtek yang lebih baru \
                         (skema {version}, versi ini mengenal sampai {SCHEMA_VERSION}); perbarui \
                         bimtek. Berkas dibiarkan apa adanya."
                    ),
                    format!(
                        "--history {p}: this history database was written by a newer bimtek \
                         (schema {version}, this version knows up to {SCHEMA_VERSION}); update \
                         bimtek. The file is left as it is."
                    ),
                ));
            }
            return Ok(());
        }
        // No mark: ours only if it is empty (a new file), and only when
        // creating.
        let objects: i64 = self
            .conn
            .query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))
            .map_err(|e| self.err(&e))?;
        if objects > 0 || app != 0 || version != 0 || !create {
            return Err(not_ours(&self.path));
        }
        Ok(())
    }

    /// Bring the schema forward to [`SCHEMA_VERSION`], step by step, in one
    /// transaction (two first runs at once: the second finds it done).
    fn migrate(&self) -> Result<()> {
        let tx = rusqlite::Transaction::new_unchecked(&self.conn, TransactionBehavior::Immediate)
            .map_err(|e| self.err(&e))?;
        let (version, app) = self.marks()?;
        self.judge(version, app, true)?;
        if version < 1 {
            tx.execute_batch(SCHEMA_1).map_err(|e| self.err(&e))?;
        }
        tx.execute_batch(&format!(
            "PRAGMA application_id = {APPLICATION_ID}; PRAGMA user_version = {SCHEMA_VERSION};"
        ))
        .map_err(|e| self.err(&e))?;
        tx.commit().map_err(|e| self.err(&e))?;
        Ok(())
    }

    /// Record one run of `inputs` (as given) with `template`: its outcome,
    /// in one transaction. Returns the run's id.
    pub fn record(
        &mut self,
        inputs: &[PathBuf],
        template: &Template,
        as_of: NaiveDate,
        outcome: &Outcome,
    ) -> Result<i64> {
        let details = details(template, outcome);
        let path = self.path.clone();
        let e = |e: rusqlite::Error| db_error(&path, &e);
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(e)?;
        let shown: Vec<String> = inputs
            .iter()
            .map(|p| p.to_string_lossy().replace('\\', "/"))
            .collect();
        tx.execute(
            "INSERT INTO run (time, inputs, inputs_key, template, as_of, version, innovations, \
             errors, warnings) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![
                now(),
                serde_json::to_string(&shown).unwrap_or_default(),
                inputs_key(inputs),
                template.id,
                as_of.format("%Y-%m-%d").to_string(),
                env!("CARGO_PKG_VERSION"),
                outcome.innovations.len() as i64,
                outcome.count(Severity::Error) as i64,
                outcome.count(Severity::Warning) as i64,
            ],
        )
        .map_err(e)?;
        let run = tx.last_insert_rowid();
        {
            let mut ins = tx
                .prepare(
                    "INSERT INTO run_agency (run, agency, innovations, errors, warnings, verified, \
                     digest, detail) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                )
                .map_err(e)?;
            for (k, (agency, d)) in details.iter().enumerate() {
                if k == details.len() / 2 {
                    abort_hook();
                }
                let detail = serde_json::to_vec(&d.detail).unwrap_or_default();
                ins.execute(params![
                    run,
                    agency,
                    d.innovations,
                    d.errors,
                    d.warnings,
                    d.verified,
                    d.digest,
                    detail
                ])
                .map_err(e)?;
            }
        }
        tx.commit().map_err(e)?;
        Ok(run)
    }

    /// Every run, oldest first, from `from` (a date of the run's time) on;
    /// with `inputs` (an [`inputs_key`]), only the runs of those inputs.
    pub fn runs(&self, from: Option<NaiveDate>, inputs: Option<&str>) -> Result<Vec<RunInfo>> {
        let from = from.map(|d| d.format("%Y-%m-%d").to_string());
        let mut st = self
            .conn
            .prepare(
                "SELECT id, time, inputs, template, as_of, version, innovations, errors, warnings \
                 FROM run WHERE (?1 IS NULL OR substr(time, 1, 10) >= ?1) \
                 AND (?2 IS NULL OR inputs_key = ?2) ORDER BY id",
            )
            .map_err(|e| self.err(&e))?;
        let rows = st
            .query_map(params![from, inputs], run_info)
            .map_err(|e| self.err(&e))?;
        rows.collect::<rusqlite::Result<Vec<_>>>()
            .map_err(|e| self.err(&e))
    }

    /// The campaign: every run from `from` on (of `inputs` only, when
    /// given), and each agency over them.
    pub fn campaign(&self, from: Option<NaiveDate>, inputs: Option<&str>) -> Result<Campaign> {
        let runs = self.runs(from, inputs)?;
        let index: HashMap<i64, usize> = runs.iter().enumerate().map(|(k, r)| (r.id, k)).collect();
        let first = runs.first().map_or(i64::MAX, |r| r.id);
        let mut st = self
            .conn
            .prepare(
                "SELECT run, agency, innovations, errors, warnings, verified, digest \
                 FROM run_agency WHERE run >= ?1 ORDER BY run",
            )
            .map_err(|e| self.err(&e))?;
        type Row = (i64, String, u32, u32, u32, Option<f64>, i64);
        let rows = st
            .query_map(params![first], |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                ))
            })
            .map_err(|e| self.err(&e))?
            .collect::<rusqlite::Result<Vec<Row>>>()
            .map_err(|e| self.err(&e))?;
        let mut per: BTreeMap<String, Vec<Option<(AgencyRun, i64)>>> = BTreeMap::new();
        for (run, agency, innovations, errors, warnings, verified, digest) in rows {
            let Some(&k) = index.get(&run) else { continue };
            let slot = per.entry(agency).or_insert_with(|| vec![None; runs.len()]);
            slot[k] = Some((
                AgencyRun {
                    innovations,
                    errors,
                    warnings,
                    verified,
                },
                digest,
            ));
        }
        let agencies = per
            .into_iter()
            .map(|(agency, slots)| {
                // The run from which the agency has been as it is now: an
                // absence is a state too.
                let mut last_change = None;
                let mut before: Option<Option<i64>> = None;
                for (k, s) in slots.iter().enumerate() {
                    let state = s.as_ref().map(|(_, d)| *d);
                    if before != Some(state) {
                        last_change = Some(runs[k].time.clone());
                        before = Some(state);
                    }
                }
                AgencyCampaign {
                    agency,
                    runs: slots.into_iter().map(|s| s.map(|(a, _)| a)).collect(),
                    last_change,
                }
            })
            .collect();
        Ok(Campaign { runs, agencies })
    }

    /// The whole of run `id`.
    pub fn run(&self, id: i64) -> Result<Option<RecordedRun>> {
        let info = self
            .conn
            .query_row(
                "SELECT id, time, inputs, template, as_of, version, innovations, errors, warnings \
                 FROM run WHERE id = ?1",
                params![id],
                run_info,
            )
            .optional()
            .map_err(|e| self.err(&e))?;
        let Some(info) = info else { return Ok(None) };
        let mut st = self
            .conn
            .prepare("SELECT agency, detail FROM run_agency WHERE run = ?1")
            .map_err(|e| self.err(&e))?;
        let rows = st
            .query_map(params![id], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, Vec<u8>>(1)?))
            })
            .map_err(|e| self.err(&e))?
            .collect::<rusqlite::Result<Vec<_>>>()
            .map_err(|e| self.err(&e))?;
        let mut innovations: Vec<(u32, RecordedInnovation)> = Vec::new();
        let mut findings: Vec<(u32, Option<u32>, RecordedFinding)> = Vec::new();
        for (agency, bytes) in rows {
            let d: Detail = serde_json::from_slice(&bytes).map_err(|e| {
                let p = self.path.display();
                trouble(
                    format!("--history {p}: catatan pemeriksaan {id} rusak ({e})"),
                    format!("--history {p}: the record of run {id} is damaged ({e})"),
                )
            })?;
            let text = |k: u32| {
                d.strings
                    .get(k as usize)
                    .map(|t| t.to_string())
                    .unwrap_or_default()
            };
            for i in &d.innovations {
                innovations.push((
                    i.0,
                    RecordedInnovation {
                        agency: agency.clone(),
                        name_key: text(i.1),
                        name: text(i.2),
                        status: severity_of(i.3),
                        errors: i.4,
                        warnings: i.5,
                        claimed: from_centi(i.6),
                        verified: from_centi(i.7),
                    },
                ));
            }
            for f in &d.findings {
                findings.push((
                    f.0,
                    f.1,
                    RecordedFinding {
                        code: text(f.2),
                        severity: severity_of(f.3),
                        innovation: None,
                        agency: agency.clone(),
                        field: f.4.map(text),
                        file: text(f.5),
                        sheet: f.6.map(text),
                        row: f.7,
                        col: f.8,
                        indicator: f.9,
                    },
                ));
            }
        }
        // Back in the check's order; a finding's innovation by its place.
        innovations.sort_by_key(|(n, _)| *n);
        findings.sort_by_key(|(seq, _, _)| *seq);
        let place: HashMap<u32, usize> = innovations
            .iter()
            .enumerate()
            .map(|(k, (n, _))| (*n, k))
            .collect();
        Ok(Some(RecordedRun {
            info,
            innovations: innovations.into_iter().map(|(_, i)| i).collect(),
            findings: findings
                .into_iter()
                .map(|(_, inn, mut f)| {
                    f.innovation = inn.and_then(|n| place.get(&n).copied());
                    f
                })
                .collect(),
        }))
    }
}

impl RecordedRun {
    /// The run as [`crate::since::compare`] takes it.
    pub fn snapshot(&self) -> crate::since::Snapshot {
        self.clone().into_snapshot()
    }

    /// The same, taking the run's texts instead of copying them.
    pub fn into_snapshot(self) -> crate::since::Snapshot {
        use crate::since::{SnapFinding, SnapInnovation, Snapshot};
        let identity: Vec<(String, String)> = self
            .innovations
            .iter()
            .map(|i| (i.agency.clone(), i.name_key.clone()))
            .collect();
        let findings = self
            .findings
            .into_iter()
            .map(|f| SnapFinding {
                cell: f.cell(),
                innovation: f.innovation.and_then(|k| identity.get(k).cloned()),
                code: f.code,
                field: f.field,
                indicator: f.indicator,
                file: f.file,
                sheet: f.sheet,
                agency: f.agency,
            })
            .collect();
        Snapshot {
            time: Some(self.info.time),
            as_of: self.info.as_of.format("%Y-%m-%d").to_string(),
            innovations: self
                .innovations
                .into_iter()
                .map(|i| SnapInnovation {
                    agency: i.agency,
                    name_key: i.name_key,
                    name: i.name,
                    status: i.status,
                    errors: i.errors,
                    warnings: i.warnings,
                })
                .collect(),
            findings,
        }
    }
}

/// The latest recorded run of the same inputs ([`inputs_key`]): called
/// before [`History::record`], the previous run of the one being checked.
pub fn previous_run(db: &History, inputs_key: &str) -> Result<Option<RecordedRun>> {
    let id: Option<i64> = db
        .conn
        .query_row(
            "SELECT max(id) FROM run WHERE inputs_key = ?1",
            params![inputs_key],
            |r| r.get(0),
        )
        .map_err(|e| db.err(&e))?;
    match id {
        Some(id) => db.run(id),
        None => Ok(None),
    }
}

fn run_info(r: &rusqlite::Row<'_>) -> rusqlite::Result<RunInfo> {
    let inputs: String = r.get(2)?;
    let as_of: String = r.get(4)?;
    Ok(RunInfo {
        id: r.get(0)?,
        time: r.get(1)?,
        inputs: serde_json::from_str(&inputs).unwrap_or_default(),
        template: r.get(3)?,
        as_of: NaiveDate::parse_from_str(&as_of, "%Y-%m-%d").unwrap_or_default(),
        version: r.get(5)?,
        innovations: r.get(6)?,
        errors: r.get(7)?,
        warnings: r.get(8)?,
    })
}

fn severity_number(s: Severity) -> i64 {
    match s {
        Severity::Info => 0,
        Severity::Warning => 1,
        Severity::Error => 2,
    }
}

fn severity_of(n: i64) -> Severity {
    match n {
        2 => Severity::Error,
        1 => Severity::Warning,
        _ => Severity::Info,
    }
}

/// What one agency had in one run, stored as one value (compact JSON): its
/// innovations and findings, their texts once each in `strings`. One row
/// per agency, not one per innovation and finding: a run of 10k
/// innovations is recorded in a few milliseconds and under a megabyte.
#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
struct Detail<'a> {
    /// Borrowed from the outcome when written, owned when read back.
    #[serde(rename = "s", borrow)]
    strings: Vec<Cow<'a, str>>,
    #[serde(rename = "i")]
    innovations: Vec<InnovationRow>,
    #[serde(rename = "f")]
    findings: Vec<FindingRow>,
}

/// (place in the check, name key, name, status, errors, warnings, claimed,
/// verified): texts as indices into [`Detail::strings`], scores in
/// hundredths.
type InnovationRow = (u32, u32, u32, i64, u32, u32, Option<i64>, Option<i64>);

/// (place in the check, its innovation's place, code, severity, field,
/// file, sheet, row, column, indicator).
type FindingRow = (
    u32,
    Option<u32>,
    u32,
    i64,
    Option<u32>,
    u32,
    Option<u32>,
    Option<u32>,
    Option<u32>,
    Option<u32>,
);

/// One agency's row of a run: its summary, the digest of its state, and
/// its detail.
#[derive(Default)]
struct AgencyDetail<'a> {
    innovations: u32,
    errors: u32,
    warnings: u32,
    verified: Option<f64>,
    digest: i64,
    detail: Detail<'a>,
}

/// Texts of one agency's detail, each once.
#[derive(Default)]
struct Strings<'a> {
    index: foldhash::HashMap<&'a str, u32>,
}

impl<'a> Strings<'a> {
    fn id(&mut self, d: &mut Detail<'a>, s: &'a str) -> u32 {
        *self.index.entry(s).or_insert_with(|| {
            d.strings.push(Cow::Borrowed(s));
            (d.strings.len() - 1) as u32
        })
    }
}

/// The outcome per agency (an innovation's agency; a finding's
/// innovation's agency, else its file's), agencies by name; an agency
/// whose files hold no innovation is there too.
fn details<'a>(template: &Template, outcome: &'a Outcome) -> BTreeMap<&'a str, AgencyDetail<'a>> {
    // Scores only where the template scores: elsewhere they are no 0.
    let scored = template.scoring.is_some();
    let mut per: Slots<'a, (AgencyDetail, Strings<'a>, Digest, f64)> = Slots::default();
    for (n, i) in outcome.innovations.iter().enumerate() {
        let (a, strings, digest, verified_sum) = per.get(&i.agency);
        let (claimed, verified) = if scored {
            (Some(centi(i.score.claimed)), Some(centi(i.score.verified)))
        } else {
            (None, None)
        };
        a.innovations += 1;
        if scored {
            *verified_sum += i.score.verified;
        }
        let key = strings.id(&mut a.detail, i.name_key());
        let name = strings.id(&mut a.detail, i.name());
        let status = severity_number(i.status);
        a.detail.innovations.push((
            n as u32, key, name, status, i.errors, i.warnings, claimed, verified,
        ));
        let _ = write!(
            digest,
            "i\x1f{}\x1f{status}\x1f{}\x1f{}\x1f{claimed:?}\x1f{verified:?}\x1e",
            i.name_key(),
            i.errors,
            i.warnings
        );
    }
    let file_agency: HashMap<&str, &str> = outcome
        .files
        .iter()
        .map(|(file, hint)| (file.as_str(), hint.as_str()))
        .collect();
    for (seq, f) in outcome.findings.iter().enumerate() {
        let inn = outcome.innovation_of(f);
        let agency = match inn {
            Some(i) => &*i.agency,
            None => file_agency
                .get(f.location.file.as_str())
                .copied()
                .unwrap_or_default(),
        };
        let (a, strings, digest, _) = per.get(agency);
        match f.severity {
            Severity::Error => a.errors += 1,
            Severity::Warning => a.warnings += 1,
            Severity::Info => {}
        }
        let code = strings.id(&mut a.detail, f.code.as_str());
        let field = f.field.as_deref().map(|k| strings.id(&mut a.detail, k));
        let file = strings.id(&mut a.detail, &f.location.file);
        let sheet = f
            .location
            .sheet
            .as_deref()
            .map(|s| strings.id(&mut a.detail, s));
        let severity = severity_number(f.severity);
        a.detail.findings.push((
            seq as u32,
            f.innovation,
            code,
            severity,
            field,
            file,
            sheet,
            f.location.row,
            f.location.col,
            f.indicator,
        ));
        let _ = write!(
            digest,
            "f\x1f{}\x1f{severity}\x1f{}\x1f{}\x1e",
            f.code,
            inn.map(|i| i.name_key()).unwrap_or_default(),
            f.field.as_deref().unwrap_or_default()
        );
    }
    // An agency whose files hold no innovation is still there.
    let with_innovations: std::collections::HashSet<&str> =
        outcome.innovations.iter().map(|i| i.file()).collect();
    for (file, hint) in &outcome.files {
        if !with_innovations.contains(file.as_str()) {
            per.get(hint);
        }
    }
    per.slots
        .into_iter()
        .map(|(agency, (mut a, _, digest, verified_sum))| {
            // The mean as the check's table shows it.
            a.verified =
                (scored && a.innovations > 0).then(|| verified_sum / f64::from(a.innovations));
            // Innovations in reading order, findings in report order: the
            // same state gives the same bytes.
            a.digest = digest.0.digest() as i64;
            (agency, a)
        })
        .collect()
}

/// One value per agency, found by name. An agency's rows usually come
/// together, so the one found last is tried first.
struct Slots<'a, T> {
    index: foldhash::HashMap<&'a str, usize>,
    slots: Vec<(&'a str, T)>,
    last: usize,
}

impl<T> Default for Slots<'_, T> {
    fn default() -> Self {
        Slots {
            index: foldhash::HashMap::default(),
            slots: Vec::new(),
            last: 0,
        }
    }
}

impl<'a, T: Default> Slots<'a, T> {
    fn get(&mut self, agency: &'a str) -> &mut T {
        if self.slots.get(self.last).is_none_or(|(a, _)| *a != agency) {
            self.last = match self.index.get(agency) {
                Some(&k) => k,
                None => {
                    self.slots.push((agency, T::default()));
                    self.index.insert(agency, self.slots.len() - 1);
                    self.slots.len() - 1
                }
            };
        }
        &mut self.slots[self.last].1
    }
}

/// The digest of an agency's state: its text hashed as it is written, so
/// that no text is built (the same value as hashing the whole text at once).
#[derive(Default)]
struct Digest(xxhash_rust::xxh3::Xxh3Default);

impl std::fmt::Write for Digest {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.0.update(s.as_bytes());
        Ok(())
    }
}

/// A score as stored: in hundredths, an integer (two bytes where a float
/// takes eight).
fn centi(v: f64) -> i64 {
    (v * 100.0).round() as i64
}

fn from_centi(v: Option<i64>) -> Option<f64> {
    v.map(|v| v as f64 / 100.0)
}

/// Schema 1. An agency's detail is a few kilobytes: an ordinary table,
/// with its key (run, agency) as an index.
const SCHEMA_1: &str = "
CREATE TABLE run (
    id INTEGER PRIMARY KEY,
    time TEXT NOT NULL,
    inputs TEXT NOT NULL,
    inputs_key TEXT NOT NULL,
    template TEXT NOT NULL,
    as_of TEXT NOT NULL,
    version TEXT NOT NULL,
    innovations INTEGER NOT NULL,
    errors INTEGER NOT NULL,
    warnings INTEGER NOT NULL
);
CREATE INDEX run_inputs ON run (inputs_key, id);
CREATE TABLE run_agency (
    run INTEGER NOT NULL REFERENCES run (id),
    agency TEXT NOT NULL,
    innovations INTEGER NOT NULL,
    errors INTEGER NOT NULL,
    warnings INTEGER NOT NULL,
    verified REAL,
    digest INTEGER NOT NULL,
    detail BLOB NOT NULL,
    PRIMARY KEY (run, agency)
);
";

#[cfg(test)]
mod tests {
    use super::*;

    fn run(innovations: &[&str], findings: &[(&str, usize, u32)]) -> RecordedRun {
        RecordedRun {
            info: RunInfo {
                id: 1,
                time: "2026-11-02T01:00:00Z".into(),
                inputs: vec!["data".into()],
                template: "iid-2026".into(),
                as_of: NaiveDate::from_ymd_opt(2026, 11, 24).unwrap(),
                version: "0".into(),
                innovations: innovations.len() as u32,
                errors: 0,
                warnings: 0,
            },
            innovations: innovations
                .iter()
                .map(|n| RecordedInnovation {
                    agency: "Dinas A".into(),
                    name_key: n.to_lowercase(),
                    name: n.to_string(),
                    status: Severity::Info,
                    errors: 0,
                    warnings: 0,
                    claimed: None,
                    verified: None,
                })
                .collect(),
            findings: findings
                .iter()
                .map(|(code, inn, row)| RecordedFinding {
                    code: code.to_string(),
                    severity: Severity::Error,
                    innovation: Some(*inn),
                    agency: "Dinas A".into(),
                    field: Some("waktu_uji_coba".into()),
                    file: "a.csv".into(),
                    sheet: None,
                    row: Some(*row),
                    col: Some(9),
                    indicator: None,
                })
                .collect(),
        }
    }

    #[test]
    fn a_digest_written_in_pieces_is_the_digest_of_the_whole_text() {
        // Databases written before the digest was streamed keep comparing
        // equal: the pieces hash as their concatenation did.
        use std::fmt::Write as _;
        let mut d = Digest::default();
        let mut whole = String::new();
        for k in 0..500 {
            write!(d, "i\x1f{k}\x1fnama inovasi {k}\x1e").unwrap();
            write!(whole, "i\x1f{k}\x1fnama inovasi {k}\x1e").unwrap();
        }
        assert_eq!(d.0.digest(), xxhash_rust::xxh3::xxh3_64(whole.as_bytes()));
    }

    #[test]
    fn a_finding_whose_row_moved_is_the_same_finding() {
        let changes =
            |b: &RecordedRun, n: &RecordedRun| crate::since::compare(&b.snapshot(), &n.snapshot());
        // A row inserted above: B's finding moves from row 2 to row 3.
        let before = run(&["B"], &[("D001", 0, 2)]);
        let now = run(&["A", "B"], &[("D001", 1, 3)]);
        let c = changes(&before, &now);
        assert_eq!((c.findings_fixed, c.findings_new), (0, 0));
        assert_eq!(c.innovations_added, ["A".to_string()]);
        assert!(c.innovations_removed.is_empty());
        // The same code on the other innovation is a new finding, and the
        // old one is fixed.
        let now = run(&["A", "B"], &[("D001", 0, 2)]);
        let c = changes(&before, &now);
        assert_eq!((c.findings_fixed, c.findings_new), (1, 1));
    }
}
