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

use crate::check::Outcome;
use crate::diag::{Severity, Trouble};
use crate::template::Template;
use anyhow::Result;
use chrono::NaiveDate;
use rusqlite::{Connection, OpenFlags, OptionalExtension, TransactionBehavior, params};
use std::collections::{BTreeMap, HashMap};
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
    /// Scores, when the template scores (an innovation without indicator
    /// data scores 0).
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
        // Scores only where the template scores: elsewhere they are no 0.
        let scored = template.scoring.is_some();
        let path = self.path.clone();
        let e = |e: rusqlite::Error| db_error(&path, &e);
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(e)?;
        let mut labels = Labels::default();
        let shown: Vec<String> = inputs
            .iter()
            .map(|p| p.to_string_lossy().replace('\\', "/"))
            .collect();
        let errors = outcome.count(Severity::Error);
        let warnings = outcome.count(Severity::Warning);
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
                errors as i64,
                warnings as i64,
            ],
        )
        .map_err(e)?;
        let run = tx.last_insert_rowid();

        // Per agency: its summary and a digest of its innovations and
        // findings, to tell later when it last changed.
        #[derive(Default)]
        struct Tally {
            innovations: u32,
            errors: u32,
            warnings: u32,
            verified: f64,
            scored: u32,
            digest: Vec<u8>,
        }
        let mut tallies: BTreeMap<&str, Tally> = BTreeMap::new();
        {
            let mut ins = tx
                .prepare(
                    "INSERT INTO innovation (run, n, agency, name_key, name, status, errors, \
                     warnings, claimed, verified) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                )
                .map_err(e)?;
            for (n, i) in outcome.innovations.iter().enumerate() {
                let (claimed, verified) = if scored {
                    (Some(i.score.claimed), Some(i.score.verified))
                } else {
                    (None, None)
                };
                ins.execute(params![
                    run,
                    n as i64,
                    labels.id(&tx, &i.agency).map_err(e)?,
                    labels.id(&tx, &i.name_key).map_err(e)?,
                    labels.id(&tx, &i.name).map_err(e)?,
                    severity_number(i.status),
                    i.errors,
                    i.warnings,
                    claimed,
                    verified,
                ])
                .map_err(e)?;
                let t = tallies.entry(&i.agency).or_default();
                t.innovations += 1;
                if let Some(v) = verified {
                    t.verified += v;
                    t.scored += 1;
                }
                t.digest.extend_from_slice(
                    format!(
                        "i\x1f{}\x1f{}\x1f{}\x1f{}\x1f{:?}\x1f{:?}\x1e",
                        i.name_key,
                        severity_number(i.status),
                        i.errors,
                        i.warnings,
                        claimed,
                        verified
                    )
                    .as_bytes(),
                );
                if n == outcome.innovations.len() / 2 {
                    abort_hook();
                }
            }
        }
        let file_agency: HashMap<&str, &str> = outcome
            .files
            .iter()
            .map(|(file, hint)| (file.as_str(), hint.as_str()))
            .collect();
        {
            let mut ins = tx
                .prepare(
                    "INSERT INTO finding (run, seq, innovation, agency, code, severity, field, \
                     file, sheet, row, col) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                )
                .map_err(e)?;
            for (seq, f) in outcome.findings.iter().enumerate() {
                let inn = outcome.innovation_of(f);
                let agency = match inn {
                    Some(i) => i.agency.as_str(),
                    None => file_agency
                        .get(f.location.file.as_str())
                        .copied()
                        .unwrap_or_default(),
                };
                let field = match &f.field {
                    Some(k) => Some(labels.id(&tx, k).map_err(e)?),
                    None => None,
                };
                let sheet = match &f.location.sheet {
                    Some(s) => Some(labels.id(&tx, s).map_err(e)?),
                    None => None,
                };
                ins.execute(params![
                    run,
                    seq as i64,
                    f.innovation.map(i64::from),
                    labels.id(&tx, agency).map_err(e)?,
                    labels.id(&tx, f.code).map_err(e)?,
                    severity_number(f.severity),
                    field,
                    labels.id(&tx, &f.location.file).map_err(e)?,
                    sheet,
                    f.location.row,
                    f.location.col,
                ])
                .map_err(e)?;
                let t = tallies.entry(agency).or_default();
                match f.severity {
                    Severity::Error => t.errors += 1,
                    Severity::Warning => t.warnings += 1,
                    Severity::Info => {}
                }
                t.digest.extend_from_slice(
                    format!(
                        "f\x1f{}\x1f{}\x1f{}\x1f{}\x1e",
                        f.code,
                        severity_number(f.severity),
                        inn.map(|i| i.name_key.as_str()).unwrap_or_default(),
                        f.field.as_deref().unwrap_or_default()
                    )
                    .as_bytes(),
                );
            }
        }
        // An agency whose files hold no innovation is still there.
        let with_innovations: std::collections::HashSet<&str> = outcome
            .innovations
            .iter()
            .map(|i| i.file.as_str())
            .collect();
        for (file, hint) in &outcome.files {
            if !with_innovations.contains(file.as_str()) {
                tallies.entry(hint).or_default();
            }
        }
        {
            let mut ins = tx
                .prepare(
                    "INSERT INTO run_agency (run, agency, innovations, errors, warnings, verified, \
                     digest) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                )
                .map_err(e)?;
            for (agency, t) in &tallies {
                let mean = (t.scored > 0).then(|| t.verified / f64::from(t.scored));
                // Findings come in report order, innovations in reading
                // order: the same state gives the same bytes.
                let digest = xxhash_rust::xxh3::xxh3_64(&t.digest) as i64;
                ins.execute(params![
                    run,
                    labels.id(&tx, agency).map_err(e)?,
                    t.innovations,
                    t.errors,
                    t.warnings,
                    mean,
                    digest
                ])
                .map_err(e)?;
            }
        }
        tx.commit().map_err(e)?;
        Ok(run)
    }

    /// Every run, oldest first, from `from` (a date of the run's time) on.
    pub fn runs(&self, from: Option<NaiveDate>) -> Result<Vec<RunInfo>> {
        let from = from.map(|d| d.format("%Y-%m-%d").to_string());
        let mut st = self
            .conn
            .prepare(
                "SELECT id, time, inputs, template, as_of, version, innovations, errors, warnings \
                 FROM run WHERE ?1 IS NULL OR substr(time, 1, 10) >= ?1 ORDER BY id",
            )
            .map_err(|e| self.err(&e))?;
        let rows = st
            .query_map(params![from], run_info)
            .map_err(|e| self.err(&e))?;
        rows.collect::<rusqlite::Result<Vec<_>>>()
            .map_err(|e| self.err(&e))
    }

    /// The campaign: every run from `from` on, and each agency over them.
    pub fn campaign(&self, from: Option<NaiveDate>) -> Result<Campaign> {
        let runs = self.runs(from)?;
        let index: HashMap<i64, usize> = runs.iter().enumerate().map(|(k, r)| (r.id, k)).collect();
        let first = runs.first().map_or(i64::MAX, |r| r.id);
        let mut st = self
            .conn
            .prepare(
                "SELECT ra.run, l.s, ra.innovations, ra.errors, ra.warnings, ra.verified, ra.digest \
                 FROM run_agency ra JOIN label l ON l.id = ra.agency WHERE ra.run >= ?1 \
                 ORDER BY ra.run",
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
            .prepare(
                "SELECT a.s, k.s, nm.s, i.status, i.errors, i.warnings, i.claimed, i.verified \
                 FROM innovation i JOIN label a ON a.id = i.agency JOIN label k ON k.id = \
                 i.name_key JOIN label nm ON nm.id = i.name WHERE i.run = ?1 ORDER BY i.n",
            )
            .map_err(|e| self.err(&e))?;
        let innovations = st
            .query_map(params![id], |r| {
                Ok(RecordedInnovation {
                    agency: r.get(0)?,
                    name_key: r.get(1)?,
                    name: r.get(2)?,
                    status: severity_of(r.get(3)?),
                    errors: r.get(4)?,
                    warnings: r.get(5)?,
                    claimed: r.get(6)?,
                    verified: r.get(7)?,
                })
            })
            .map_err(|e| self.err(&e))?
            .collect::<rusqlite::Result<Vec<_>>>()
            .map_err(|e| self.err(&e))?;
        let mut st = self
            .conn
            .prepare(
                "SELECT c.s, f.severity, f.innovation, a.s, fl.s, fi.s, sh.s, f.row, f.col \
                 FROM finding f JOIN label c ON c.id = f.code JOIN label a ON a.id = f.agency \
                 LEFT JOIN label fl ON fl.id = f.field JOIN label fi ON fi.id = f.file \
                 LEFT JOIN label sh ON sh.id = f.sheet WHERE f.run = ?1 ORDER BY f.seq",
            )
            .map_err(|e| self.err(&e))?;
        let findings = st
            .query_map(params![id], |r| {
                Ok(RecordedFinding {
                    code: r.get(0)?,
                    severity: severity_of(r.get(1)?),
                    innovation: r.get::<_, Option<i64>>(2)?.map(|n| n as usize),
                    agency: r.get(3)?,
                    field: r.get(4)?,
                    file: r.get(5)?,
                    sheet: r.get(6)?,
                    row: r.get(7)?,
                    col: r.get(8)?,
                })
            })
            .map_err(|e| self.err(&e))?
            .collect::<rusqlite::Result<Vec<_>>>()
            .map_err(|e| self.err(&e))?;
        Ok(Some(RecordedRun {
            info,
            innovations,
            findings,
        }))
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

/// Short texts (agencies, names, codes, fields, files, sheets) are stored
/// once and referred to by number: a run of 10k innovations repeats them
/// in every row.
#[derive(Default)]
struct Labels {
    known: HashMap<String, i64>,
}

impl Labels {
    fn id(&mut self, conn: &Connection, s: &str) -> rusqlite::Result<i64> {
        if let Some(&id) = self.known.get(s) {
            return Ok(id);
        }
        let found: Option<i64> = conn
            .prepare_cached("SELECT id FROM label WHERE s = ?1")?
            .query_row(params![s], |r| r.get(0))
            .optional()?;
        let id = match found {
            Some(id) => id,
            None => {
                conn.prepare_cached("INSERT INTO label (s) VALUES (?1)")?
                    .execute(params![s])?;
                conn.last_insert_rowid()
            }
        };
        self.known.insert(s.to_string(), id);
        Ok(id)
    }
}

/// Schema 1. Rows of a run are clustered by run (`WITHOUT ROWID` keyed by
/// run first), so reading one run is one range.
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
CREATE TABLE label (
    id INTEGER PRIMARY KEY,
    s TEXT NOT NULL UNIQUE
);
CREATE TABLE run_agency (
    run INTEGER NOT NULL REFERENCES run (id),
    agency INTEGER NOT NULL REFERENCES label (id),
    innovations INTEGER NOT NULL,
    errors INTEGER NOT NULL,
    warnings INTEGER NOT NULL,
    verified REAL,
    digest INTEGER NOT NULL,
    PRIMARY KEY (run, agency)
) WITHOUT ROWID;
CREATE TABLE innovation (
    run INTEGER NOT NULL REFERENCES run (id),
    n INTEGER NOT NULL,
    agency INTEGER NOT NULL REFERENCES label (id),
    name_key INTEGER NOT NULL REFERENCES label (id),
    name INTEGER NOT NULL REFERENCES label (id),
    status INTEGER NOT NULL,
    errors INTEGER NOT NULL,
    warnings INTEGER NOT NULL,
    claimed REAL,
    verified REAL,
    PRIMARY KEY (run, n)
) WITHOUT ROWID;
CREATE TABLE finding (
    run INTEGER NOT NULL REFERENCES run (id),
    seq INTEGER NOT NULL,
    innovation INTEGER,
    agency INTEGER NOT NULL REFERENCES label (id),
    code INTEGER NOT NULL REFERENCES label (id),
    severity INTEGER NOT NULL,
    field INTEGER REFERENCES label (id),
    file INTEGER NOT NULL REFERENCES label (id),
    sheet INTEGER REFERENCES label (id),
    row INTEGER,
    col INTEGER,
    PRIMARY KEY (run, seq)
) WITHOUT ROWID;
";
