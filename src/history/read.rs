//! Reading runs back: the campaign, and a whole run for comparing.

use super::detail::Detail;
use super::record::from_centi;
use super::{
    AgencyCampaign, AgencyRun, Campaign, History, RecordedFinding, RecordedInnovation, RecordedRun,
    RunInfo, trouble,
};
use crate::diag::{Say, Severity};
use anyhow::Result;
use chrono::NaiveDate;
use rusqlite::{OptionalExtension, params};
use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

impl History {
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
        self.stored(id)?.map(|s| s.recorded(|_| true)).transpose()
    }

    /// Run `id` as stored, its agencies' details not yet read.
    pub fn stored(&self, id: i64) -> Result<Option<StoredRun>> {
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
            .prepare("SELECT agency, identity, detail FROM run_agency WHERE run = ?1")
            .map_err(|e| self.err(&e))?;
        let agencies = st
            .query_map(params![id], |r| {
                Ok(StoredAgency {
                    agency: r.get(0)?,
                    identity: r.get(1)?,
                    detail: r.get(2)?,
                })
            })
            .map_err(|e| self.err(&e))?
            .collect::<rusqlite::Result<Vec<_>>>()
            .map_err(|e| self.err(&e))?;
        Ok(Some(StoredRun {
            info,
            agencies,
            path: self.path.clone(),
        }))
    }
}

/// A run as the database holds it: read in one query, each agency's
/// detail left as stored until it is needed.
#[derive(Debug, Clone)]
pub struct StoredRun {
    pub info: RunInfo,
    pub(super) agencies: Vec<StoredAgency>,
    /// The database's, for what is said of a damaged detail.
    path: PathBuf,
}

/// One agency's row of a stored run.
#[derive(Debug, Clone)]
pub(super) struct StoredAgency {
    pub(super) agency: String,
    /// The digest of its identities (`None` in a row of schema 1).
    pub(super) identity: Option<i64>,
    pub(super) detail: Vec<u8>,
}

impl StoredRun {
    /// The run, of the agencies `keep` accepts: innovations and findings
    /// in the check's order.
    pub(super) fn recorded(&self, keep: impl Fn(&StoredAgency) -> bool) -> Result<RecordedRun> {
        let mut innovations: Vec<(u32, RecordedInnovation)> = Vec::new();
        let mut findings: Vec<(u32, Option<u32>, RecordedFinding)> = Vec::new();
        for a in self.agencies.iter().filter(|a| keep(a)) {
            let d = Detail::decode(&a.detail).map_err(|e| {
                let (p, id) = (self.path.display(), self.info.id);
                trouble(Say::HistoryRunDamaged, &[("p", &p), ("id", &id), ("e", &e)])
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
                        agency: a.agency.clone(),
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
                        agency: a.agency.clone(),
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
        Ok(RecordedRun {
            info: self.info.clone(),
            innovations: innovations.into_iter().map(|(_, i)| i).collect(),
            findings: findings
                .into_iter()
                .map(|(_, inn, mut f)| {
                    f.innovation = inn.and_then(|n| place.get(&n).copied());
                    f
                })
                .collect(),
        })
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
    previous_stored(db, inputs_key)?
        .map(|s| s.recorded(|_| true))
        .transpose()
}

/// The same, as stored: what `check --history` reads while the files are
/// checked, and compares with this run by [`StoredRun::since`].
pub fn previous_stored(db: &History, inputs_key: &str) -> Result<Option<StoredRun>> {
    let id: Option<i64> = db
        .conn
        .query_row(
            "SELECT max(id) FROM run WHERE inputs_key = ?1",
            params![inputs_key],
            |r| r.get(0),
        )
        .map_err(|e| db.err(&e))?;
    match id {
        Some(id) => db.stored(id),
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

fn severity_of(n: i64) -> Severity {
    match n {
        2 => Severity::Error,
        1 => Severity::Warning,
        _ => Severity::Info,
    }
}

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
