//! What changed since the previous recorded run of the same inputs, read
//! only where something can have changed.
//!
//! Each agency's row holds the digest of its identities (schema 2): its
//! innovations' identities, statuses and error counts, its findings'
//! identities, in the check's order. An agency whose digest is the same in
//! both runs has no innovation added or removed and no finding fixed or
//! new, and its counts before are its counts now; only the other agencies'
//! details are read back and compared ([`crate::since::compare`]). A
//! nightly run in which a few agencies changed reads a few agencies.

use super::StoredRun;
use super::record::Recording;
use crate::since::{AgencyDelta, Since, Snapshot};
use anyhow::Result;
use chrono::NaiveDate;
use foldhash::{HashMap, HashSet};

impl StoredRun {
    /// What changed from this run to the one `now` records, checked as of
    /// `as_of`: the same as comparing the two runs whole.
    pub fn since(&self, now: &Recording<'_>, as_of: NaiveDate) -> Result<Since> {
        let before: HashMap<&str, Option<i64>> = self
            .agencies
            .iter()
            .map(|a| (a.agency.as_str(), a.identity))
            .collect();
        let same = |agency: &str, identity: i64| before.get(agency) == Some(&Some(identity));
        // The agencies of either run that may have changed.
        let changed: HashSet<&str> = self
            .agencies
            .iter()
            .filter(|a| {
                now.agencies
                    .get(a.agency.as_str())
                    .is_none_or(|d| !same(&a.agency, d.identity))
            })
            .map(|a| a.agency.as_str())
            .chain(
                now.agencies
                    .iter()
                    .filter(|(agency, d)| !same(agency, d.identity))
                    .map(|(agency, _)| *agency),
            )
            .collect();
        let previous = self
            .recorded(|a| changed.contains(a.agency.as_str()))?
            .into_snapshot();
        let (current, index) = Snapshot::from_outcome_where(now.outcome, as_of, None, |agency| {
            changed.contains(agency)
        });
        let mut since = crate::since::compare(&previous, &current);
        for k in &mut since.new {
            *k = index[*k];
        }
        // The others, as they were: the same before and now.
        let before = since.agencies.len();
        since.agencies.extend(
            now.agencies
                .iter()
                .filter(|(agency, d)| d.innovations > 0 && !changed.contains(*agency))
                .map(|(agency, d)| AgencyDelta {
                    agency: agency.to_string(),
                    errors_before: d.innovation_errors,
                    errors_now: d.innovation_errors,
                    innovations_before: d.innovations as usize,
                    innovations_now: d.innovations as usize,
                    with_errors_before: d.with_errors,
                    with_errors_now: d.with_errors,
                    innovations_added: 0,
                    innovations_removed: 0,
                    findings_fixed: 0,
                    findings_new: 0,
                }),
        );
        if since.agencies.len() > before {
            since.agencies.sort_by(|a, b| a.agency.cmp(&b.agency));
        }
        Ok(since)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::History;
    use crate::outcome::Outcome;
    use crate::settings::CheckSettings;
    use std::path::{Path, PathBuf};

    /// Writes `data/AGENCY/inovasi.csv`, one row per (name, broken): a
    /// broken row's trial date is no date. No rows at all: an empty file.
    fn agency(data: &Path, name: &str, rows: &[(&str, bool)]) {
        let fixture =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/codes/F013/ok.csv");
        let mut r = csv::Reader::from_path(fixture).unwrap();
        let header: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
        let row: Vec<String> = r
            .records()
            .next()
            .unwrap()
            .unwrap()
            .iter()
            .map(String::from)
            .collect();
        let col = |h: &str| header.iter().position(|x| x == h).unwrap();
        let folder = data.join(name);
        std::fs::create_dir_all(&folder).unwrap();
        let path = folder.join("inovasi.csv");
        if rows.is_empty() {
            std::fs::write(&path, b"").unwrap();
            return;
        }
        let mut w = csv::Writer::from_path(path).unwrap();
        w.write_record(&header).unwrap();
        for (innovation, broken) in rows {
            let mut r = row.clone();
            r[col("Nama Inovasi")] = innovation.to_string();
            r[col("Nama Perangkat Daerah")] = name.to_string();
            if *broken {
                r[col("Waktu Uji Coba Inovasi Daerah")] = "segera".into();
            }
            w.write_record(&r).unwrap();
        }
        w.flush().unwrap();
    }

    fn settings(data: &Path) -> CheckSettings {
        let args: Vec<std::ffi::OsString> = vec![
            "bimtek".into(),
            "check".into(),
            data.into(),
            "--as-of".into(),
            "2026-11-24".into(),
            "--quiet".into(),
        ];
        let crate::cli::Command::Check(check) = crate::cli::try_parse_from(&args).unwrap().command
        else {
            unreachable!("parsed as check")
        };
        crate::settings::resolve_check(check, crate::cli::LangArg::En).unwrap()
    }

    /// The comparison read where agencies changed, and the two runs
    /// compared whole: the same.
    fn both(db: &History, key: &str, s: &CheckSettings, now: &Outcome) -> (Since, Since) {
        let stored = crate::history::previous_stored(db, key).unwrap().unwrap();
        let quick = stored
            .since(&Recording::of(&s.template, now), s.as_of)
            .unwrap();
        let whole = crate::since::compare(
            &stored.recorded(|_| true).unwrap().into_snapshot(),
            &Snapshot::from_outcome(now, s.as_of, None),
        );
        (quick, whole)
    }

    #[test]
    fn comparing_only_the_agencies_that_changed_is_comparing_the_whole_runs() {
        let tmp = tempfile::tempdir().unwrap();
        let data = tmp.path().join("data");
        agency(&data, "Dinas A", &[("A satu", false)]);
        agency(&data, "Dinas B", &[("B satu", true), ("B dua", true)]);
        agency(&data, "Dinas C", &[("C satu", false), ("C dua", false)]);
        agency(&data, "Dinas D", &[("D satu", true), ("D dua", false)]);
        agency(&data, "Dinas E", &[("E satu", false)]);
        agency(&data, "Dinas G", &[]);
        let paths: Vec<PathBuf> = vec![data.clone()];
        let key = crate::history::inputs_key(&paths);
        let db_path = tmp.path().join("riwayat.sqlite");
        let mut db = History::open(&db_path).unwrap();
        let s = settings(&data);
        let first = crate::cmd::check::evaluate(&s).unwrap();
        db.record(&paths, &s.template, s.as_of, &first).unwrap();

        // The same files again: nothing changed, every agency as it was.
        let (quick, whole) = both(&db, &key, &s, &first);
        assert_eq!(quick, whole);
        assert_eq!((quick.findings_fixed, quick.findings_new), (0, 0));
        assert_eq!(quick.agencies.len(), 5);
        db.record(&paths, &s.template, s.as_of, &first).unwrap();

        // A adds, B fixes one, C breaks one, D stays, E is gone, F is new,
        // G's empty file gets a row.
        agency(&data, "Dinas A", &[("A satu", false), ("A dua", false)]);
        agency(&data, "Dinas B", &[("B satu", false), ("B dua", true)]);
        agency(&data, "Dinas C", &[("C satu", false), ("C dua", true)]);
        std::fs::remove_dir_all(data.join("Dinas E")).unwrap();
        agency(&data, "Dinas F", &[("F satu", true)]);
        agency(&data, "Dinas G", &[("G satu", false)]);
        let second = crate::cmd::check::evaluate(&s).unwrap();
        let (quick, whole) = both(&db, &key, &s, &second);
        assert_eq!(quick, whole);
        assert!(quick.findings_fixed > 0 && quick.findings_new > 0);
        assert_eq!(quick.innovations_added, ["A dua", "F satu", "G satu"]);
        assert_eq!(quick.innovations_removed, ["E satu"]);
        let d = quick
            .agencies
            .iter()
            .find(|d| d.agency == "Dinas D")
            .unwrap();
        assert!(!d.changed() && d.innovations_now == 2 && d.with_errors_now == 1);
        db.record(&paths, &s.template, s.as_of, &second).unwrap();

        // And back: what was fixed is new again, G's file empty again.
        agency(&data, "Dinas G", &[]);
        let (quick, whole) = both(&db, &key, &s, &first);
        assert_eq!(quick, whole);
        assert_eq!(quick.innovations_removed, ["A dua", "F satu", "G satu"]);
    }

    #[test]
    fn a_database_of_schema_1_is_migrated_and_compares_as_before() {
        let tmp = tempfile::tempdir().unwrap();
        let data = tmp.path().join("data");
        agency(&data, "Dinas A", &[("A satu", true)]);
        agency(&data, "Dinas B", &[("B satu", false)]);
        agency(&data, "Dinas G", &[]);
        let paths: Vec<PathBuf> = vec![data.clone()];
        let key = crate::history::inputs_key(&paths);
        let db_path = tmp.path().join("riwayat.sqlite");
        let s = settings(&data);
        let first = crate::cmd::check::evaluate(&s).unwrap();
        {
            let mut db = History::open(&db_path).unwrap();
            db.record(&paths, &s.template, s.as_of, &first).unwrap();
        }
        // Turned into what schema 1 wrote: the detail as compact JSON, no
        // digest of the identities, user_version 1.
        {
            let conn = rusqlite::Connection::open(&db_path).unwrap();
            let rows: Vec<(i64, Vec<u8>)> = conn
                .prepare("SELECT rowid, detail FROM run_agency")
                .unwrap()
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
                .unwrap()
                .collect::<rusqlite::Result<_>>()
                .unwrap();
            assert!(rows.len() >= 3);
            for (rowid, bytes) in rows {
                let detail = crate::history::detail::Detail::decode(&bytes).unwrap();
                let json = serde_json::to_vec(&detail).unwrap();
                conn.execute(
                    "UPDATE run_agency SET detail = ?1 WHERE rowid = ?2",
                    rusqlite::params![json, rowid],
                )
                .unwrap();
            }
            conn.execute_batch(
                "ALTER TABLE run_agency DROP COLUMN identity; PRAGMA user_version = 1;",
            )
            .unwrap();
        }
        let mut db = History::open(&db_path).unwrap();
        let version: i32 = db
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(version, crate::history::SCHEMA_VERSION);
        let old = db.run(1).unwrap().unwrap();
        assert_eq!(old.innovations.len(), 2);
        assert_eq!(old.findings.len(), first.findings.len());
        // A fixes its row: compared whole (no digests in the old run).
        agency(&data, "Dinas A", &[("A satu", false)]);
        let second = crate::cmd::check::evaluate(&s).unwrap();
        let (quick, whole) = both(&db, &key, &s, &second);
        assert_eq!(quick, whole);
        assert!(quick.findings_fixed > 0);
        db.record(&paths, &s.template, s.as_of, &second).unwrap();
        // The campaign reads both runs.
        let campaign = db.campaign(None, Some(&key)).unwrap();
        assert_eq!(campaign.runs.len(), 2);
        let a = campaign
            .agencies
            .iter()
            .find(|a| a.agency == "Dinas A")
            .unwrap();
        assert!(a.runs.iter().all(Option::is_some));
    }
}
