//! Opening a history: what is refused, and the schema brought forward.

use super::{APPLICATION_ID, BUSY_TIMEOUT, History, SCHEMA_VERSION, db_error, not_ours, trouble};
use crate::diag::Say;
use anyhow::Result;
use rusqlite::{Connection, OpenFlags, TransactionBehavior};
use std::path::Path;

impl History {
    /// Open (creating if absent) the history at `path`. Refused, before
    /// anything is written: anything but a regular file, a file that is not
    /// a database, another program's database, and a database from a newer
    /// bimtek. That the path is not an input is the command's to check
    /// (`export::write::refuse_input`), as for every output.
    pub fn open(path: &Path) -> Result<History> {
        let p = path.display();
        match std::fs::metadata(path) {
            Ok(m) if !m.is_file() => {
                return Err(trouble(Say::HistoryNotAFile, &[("p", &p)]));
            }
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let parent = match path.parent() {
                    Some(p) if !p.as_os_str().is_empty() => p,
                    _ => Path::new("."),
                };
                if !parent.is_dir() {
                    let d = parent.display();
                    return Err(trouble(Say::HistoryNoFolder, &[("p", &p), ("d", &d)]));
                }
            }
            Err(e) => {
                return Err(trouble(Say::HistoryCannotOpen, &[("p", &p), ("e", &e)]));
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
                return Err(trouble(Say::HistoryNotRegular, &[("p", &p)]));
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(trouble(Say::HistoryMissing, &[("p", &p)]));
            }
            Err(e) => {
                return Err(trouble(Say::HistoryCannotOpen, &[("p", &p), ("e", &e)]));
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
        h.to_wal()?;
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

    /// Turn the database to WAL (a no-op once it is). Two first runs at
    /// once both switch a new file: each holds a shared lock and wants the
    /// exclusive one, and SQLite answers one of them busy at once rather
    /// than wait on a deadlock, so the busy handler never runs. That one
    /// tries again until the other is done.
    fn to_wal(&self) -> Result<()> {
        let deadline = std::time::Instant::now() + BUSY_TIMEOUT;
        loop {
            match self
                .conn
                .query_row("PRAGMA journal_mode=WAL", [], |r| r.get::<_, String>(0))
            {
                Ok(_) => return Ok(()),
                Err(e)
                    if e.sqlite_error_code() == Some(rusqlite::ErrorCode::DatabaseBusy)
                        && std::time::Instant::now() < deadline =>
                {
                    std::thread::sleep(std::time::Duration::from_millis(10));
                }
                Err(e) => return Err(self.err(&e)),
            }
        }
    }

    pub(super) fn err(&self, e: &rusqlite::Error) -> anyhow::Error {
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
                    Say::HistoryNewer,
                    &[("p", &p), ("version", &version), ("known", &SCHEMA_VERSION)],
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
        if version < 2 {
            tx.execute_batch(SCHEMA_2).map_err(|e| self.err(&e))?;
        }
        tx.execute_batch(&format!(
            "PRAGMA application_id = {APPLICATION_ID}; PRAGMA user_version = {SCHEMA_VERSION};"
        ))
        .map_err(|e| self.err(&e))?;
        tx.commit().map_err(|e| self.err(&e))?;
        Ok(())
    }
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

/// Schema 2: each agency's row also holds the digest of its identities
/// (NULL in the rows of schema 1, whose detail is then read whole), and
/// its detail is written in the binary form of `detail.rs` (the JSON of
/// schema 1 is still read).
const SCHEMA_2: &str = "ALTER TABLE run_agency ADD COLUMN identity INTEGER;";
