//! What changed between two runs of `check`: innovations added and removed,
//! findings fixed and new, and per agency the errors and innovations before
//! and now. Both runs are given as a [`Snapshot`], a plain value that can be
//! built from an [`Outcome`] (watch mode keeps the previous one in memory),
//! from a saved JSON report of contract version 1 (`check --since FILE`),
//! or from rows of a history database. Nothing here reads files or prints.
//!
//! Identity: an innovation is the same when its agency and folded name are
//! (the `name_key` of [`crate::outcome::Innovation`]). A finding is the same
//! when its code, its innovation and its field (the template field key, or
//! the indicator number for a finding about an indicator) are; its cell may
//! move when rows are inserted. A finding tied to no innovation is the same
//! when its code, file, sheet and field are. Identities may repeat (two
//! rows of one name, one code on several cells of a field); they are then
//! counted: three before and two now is one fixed.

use crate::diag::Severity;
use crate::outcome::Outcome;
use foldhash::HashMap;
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::hash::Hash;

/// One run, as much of it as a comparison needs.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Snapshot {
    /// When the run happened (RFC 3339), if known.
    pub time: Option<String>,
    /// Its reference date (yyyy-mm-dd).
    pub as_of: String,
    pub innovations: Vec<SnapInnovation>,
    pub findings: Vec<SnapFinding>,
}

/// An innovation of a run.
#[derive(Debug, Clone, PartialEq)]
pub struct SnapInnovation {
    pub agency: String,
    /// The folded name ([`crate::template::fold`] of the name).
    pub name_key: String,
    /// The name as written.
    pub name: String,
    pub status: Severity,
    pub errors: u32,
    pub warnings: u32,
}

/// A finding of a run.
#[derive(Debug, Clone, PartialEq)]
pub struct SnapFinding {
    pub code: String,
    /// The innovation it is tied to: its agency and folded name.
    pub innovation: Option<(String, String)>,
    /// The template field key.
    pub field: Option<String>,
    /// The SID indicator, for a finding about an indicator.
    pub indicator: Option<u32>,
    pub file: String,
    pub sheet: Option<String>,
    /// The cell (`Sheet!D12`), when the finding has one.
    pub cell: Option<String>,
    /// The agency it is counted under: its innovation's, else its file's
    /// when known, else empty.
    pub agency: String,
}

/// The earlier run of a comparison.
#[derive(Debug, Clone, PartialEq)]
pub struct Previous {
    pub time: Option<String>,
    pub as_of: String,
}

/// One agency before and now. `errors` counts the error findings on its
/// innovations (the sum of their error counts).
#[derive(Debug, Clone, PartialEq)]
pub struct AgencyDelta {
    pub agency: String,
    pub errors_before: u64,
    pub errors_now: u64,
    pub innovations_before: usize,
    pub innovations_now: usize,
    /// Innovations whose status is error, before and now (the table's column).
    pub with_errors_before: usize,
    pub with_errors_now: usize,
    pub innovations_added: usize,
    pub innovations_removed: usize,
    pub findings_fixed: usize,
    pub findings_new: usize,
}

impl AgencyDelta {
    /// Whether anything of this agency changed.
    pub fn changed(&self) -> bool {
        self.errors_before != self.errors_now
            || self.innovations_before != self.innovations_now
            || self.with_errors_before != self.with_errors_now
            || self.innovations_added + self.innovations_removed > 0
            || self.findings_fixed + self.findings_new > 0
    }
}

/// What changed from one run to the next: the JSON `since` object writes
/// part of it (report/json/contract.rs); the table and watch mode read
/// the rest.
#[derive(Debug, Clone, PartialEq)]
pub struct Since {
    pub previous: Previous,
    /// Names of innovations only in the current run, by agency then name.
    pub innovations_added: Vec<String>,
    /// Names of innovations only in the previous run, by agency then name.
    pub innovations_removed: Vec<String>,
    pub findings_fixed: usize,
    pub findings_new: usize,
    /// Every agency of either run, by name.
    pub agencies: Vec<AgencyDelta>,
    /// The previous run's findings that are gone, in its order.
    pub fixed: Vec<SnapFinding>,
    /// The name of each fixed finding's innovation in the previous run
    /// (empty for a finding tied to none).
    pub fixed_names: Vec<String>,
    /// Indexes into the current snapshot's findings of those that are new,
    /// ascending (built from an [`Outcome`], the same indexes as its
    /// findings).
    pub new: Vec<usize>,
    /// Agency and name of the added and removed innovations.
    pub added: Vec<(String, String)>,
    pub removed: Vec<(String, String)>,
}

impl Snapshot {
    /// The snapshot of a check's outcome, taken at `time` when known.
    pub fn from_outcome(outcome: &Outcome, as_of: chrono::NaiveDate, time: Option<String>) -> Self {
        Self::from_outcome_where(outcome, as_of, time, |_| true).0
    }

    /// The same, of the agencies `keep` accepts only (a finding is
    /// counted under its innovation's agency, else its file's); with, for
    /// each finding kept, its index among the outcome's findings.
    pub fn from_outcome_where(
        outcome: &Outcome,
        as_of: chrono::NaiveDate,
        time: Option<String>,
        keep: impl Fn(&str) -> bool + Sync,
    ) -> (Self, Vec<usize>) {
        let innovations = outcome
            .innovations
            .par_iter()
            .filter(|i| keep(&i.agency))
            .map(|i| SnapInnovation {
                agency: i.agency.to_string(),
                name_key: i.name_key().to_string(),
                name: i.name().to_string(),
                status: i.status,
                errors: i.errors,
                warnings: i.warnings,
            })
            .collect();
        let (index, findings) = outcome
            .findings
            .par_iter()
            .enumerate()
            .filter_map(|(k, f)| {
                let inn = outcome.innovation_of(f);
                let agency = outcome.agency_of(f);
                keep(agency).then(|| {
                    let finding = SnapFinding {
                        code: f.code.to_string(),
                        innovation: inn.map(|i| (i.agency.to_string(), i.name_key().to_string())),
                        field: f.field.clone(),
                        indicator: f.indicator,
                        file: f.location.file.clone(),
                        sheet: f.location.sheet.clone(),
                        cell: f.location.cell(),
                        agency: agency.to_string(),
                    };
                    (k, finding)
                })
            })
            .unzip();
        let snapshot = Snapshot {
            time,
            as_of: as_of.format("%Y-%m-%d").to_string(),
            innovations,
            findings,
        };
        (snapshot, index)
    }

    /// The snapshot of a saved JSON report (`check --format json`, contract
    /// version 1). `Err` says, in both languages, why the text is not one;
    /// the caller names the file.
    pub fn from_report_json(text: &[u8], time: Option<String>) -> Result<Self, NotAReport> {
        use serde_json::Value;
        let doc: Value =
            serde_json::from_slice(text).map_err(|e| NotAReport::Corrupt(e.to_string()))?;
        if doc.pointer("/tool/name").and_then(Value::as_str) != Some("bimtek") {
            return Err(NotAReport::Foreign);
        }
        match doc.get("version").and_then(Value::as_u64) {
            Some(1) => {}
            Some(v) => return Err(NotAReport::Version(v.to_string())),
            None => return Err(NotAReport::Foreign),
        }
        let text_of = |v: &Value, key: &str| v.get(key).and_then(Value::as_str).map(str::to_string);
        let bad = |what: &str| NotAReport::Corrupt(what.to_string());
        let as_of = text_of(&doc, "as_of").ok_or_else(|| bad("as_of"))?;
        let list = |key: &str| {
            doc.get(key)
                .and_then(Value::as_array)
                .ok_or_else(|| bad(key))
        };
        let mut innovations = Vec::new();
        let mut file_agency: BTreeMap<String, String> = BTreeMap::new();
        for i in list("innovations")? {
            let agency = text_of(i, "agency").ok_or_else(|| bad("innovations[].agency"))?;
            let name = text_of(i, "name").ok_or_else(|| bad("innovations[].name"))?;
            let status = match i.get("status").and_then(Value::as_str) {
                Some("ok") => Severity::Info,
                Some("warning") => Severity::Warning,
                Some("error") => Severity::Error,
                _ => return Err(bad("innovations[].status")),
            };
            let count = |key: &str| {
                i.get(key)
                    .and_then(Value::as_u64)
                    .and_then(|n| u32::try_from(n).ok())
                    .ok_or_else(|| bad(&format!("innovations[].{key}")))
            };
            if let Some(file) = text_of(i, "file") {
                file_agency.entry(file).or_insert_with(|| agency.clone());
            }
            innovations.push(SnapInnovation {
                name_key: crate::template::fold(&name),
                agency,
                name,
                status,
                errors: count("errors")?,
                warnings: count("warnings")?,
            });
        }
        let mut findings = Vec::new();
        for f in list("findings")? {
            let code = text_of(f, "code").ok_or_else(|| bad("findings[].code"))?;
            let file = text_of(f, "file").ok_or_else(|| bad("findings[].file"))?;
            let innovation = match (text_of(f, "agency"), text_of(f, "innovation")) {
                (Some(agency), Some(name)) => Some((agency, crate::template::fold(&name))),
                _ => None,
            };
            let agency = match &innovation {
                Some((a, _)) => a.clone(),
                None => file_agency.get(&file).cloned().unwrap_or_default(),
            };
            findings.push(SnapFinding {
                code,
                innovation,
                field: text_of(f, "field"),
                indicator: f
                    .get("indicator")
                    .and_then(Value::as_u64)
                    .and_then(|n| u32::try_from(n).ok()),
                file,
                sheet: text_of(f, "sheet"),
                cell: text_of(f, "cell"),
                agency,
            });
        }
        Ok(Snapshot {
            time,
            as_of,
            innovations,
            findings,
        })
    }
}

/// Why a saved file is not a JSON report bimtek can compare with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotAReport {
    /// Not JSON, or a key of the contract missing or of the wrong kind.
    Corrupt(String),
    /// JSON, but not written by bimtek.
    Foreign,
    /// A bimtek report of another contract version.
    Version(String),
}

impl NotAReport {
    /// Why, in Bahasa Indonesia and in English.
    pub fn words(&self) -> crate::diag::Text {
        use crate::diag::Say;
        match self {
            NotAReport::Corrupt(what) => Say::SinceNotWhole.both(&[("what", what)]),
            NotAReport::Foreign => Say::SinceForeign.both(&[]),
            NotAReport::Version(v) => Say::SinceVersion.both(&[("v", v)]),
        }
    }
}

/// A finding's identity (see the module's docs).
type FindingKey<'a> = (
    &'a str,
    Option<(&'a str, &'a str)>,
    Option<(&'a str, &'a str)>,
    Option<&'a str>,
    Option<u32>,
);

fn innovation_key(i: &SnapInnovation) -> (&str, &str) {
    (i.agency.as_str(), i.name_key.as_str())
}

fn finding_key(f: &SnapFinding) -> FindingKey<'_> {
    match &f.innovation {
        Some((agency, key)) => (
            &f.code,
            Some((agency.as_str(), key.as_str())),
            None,
            f.field.as_deref(),
            f.indicator,
        ),
        None => (
            &f.code,
            None,
            Some((f.file.as_str(), f.sheet.as_deref().unwrap_or(""))),
            f.field.as_deref(),
            f.indicator,
        ),
    }
}

/// Those of `list` (by index) beyond the first `n` of each key in `other`:
/// what `list` has that `other` does not, counting repeats.
fn beyond<K: Eq + Hash>(
    list: impl Iterator<Item = K>,
    other: impl Iterator<Item = K>,
) -> Vec<usize> {
    let mut room: HashMap<K, usize> = HashMap::default();
    for k in other {
        *room.entry(k).or_default() += 1;
    }
    let mut out = Vec::new();
    for (i, k) in list.enumerate() {
        match room.get_mut(&k) {
            Some(n) if *n > 0 => *n -= 1,
            _ => out.push(i),
        }
    }
    out
}

/// What changed from `before` to `now`. Deterministic: the same two
/// snapshots give the same value, whatever order their agencies come in.
pub fn compare(before: &Snapshot, now: &Snapshot) -> Since {
    // The innovations and the findings are compared side by side.
    let ((mut added, mut removed), (fixed_at, new)) = rayon::join(
        || {
            let added: Vec<(String, String)> = beyond(
                now.innovations.iter().map(innovation_key),
                before.innovations.iter().map(innovation_key),
            )
            .into_iter()
            .map(|k| {
                (
                    now.innovations[k].agency.clone(),
                    now.innovations[k].name.clone(),
                )
            })
            .collect();
            let removed: Vec<(String, String)> = beyond(
                before.innovations.iter().map(innovation_key),
                now.innovations.iter().map(innovation_key),
            )
            .into_iter()
            .map(|k| {
                (
                    before.innovations[k].agency.clone(),
                    before.innovations[k].name.clone(),
                )
            })
            .collect();
            (added, removed)
        },
        || {
            let fixed_at = beyond(
                before.findings.iter().map(finding_key),
                now.findings.iter().map(finding_key),
            );
            let new = beyond(
                now.findings.iter().map(finding_key),
                before.findings.iter().map(finding_key),
            );
            (fixed_at, new)
        },
    );
    added.sort();
    removed.sort();
    let fixed: Vec<SnapFinding> = fixed_at
        .iter()
        .map(|&k| before.findings[k].clone())
        .collect();

    // Only a fixed finding's innovation needs its name looked up.
    let names: HashMap<(&str, &str), &str> = if fixed.is_empty() {
        HashMap::default()
    } else {
        before
            .innovations
            .iter()
            .map(|i| (innovation_key(i), i.name.as_str()))
            .collect()
    };
    let fixed_names = fixed
        .iter()
        .map(|f| {
            f.innovation
                .as_ref()
                .and_then(|(a, k)| names.get(&(a.as_str(), k.as_str())))
                .map_or(String::new(), |n| n.to_string())
        })
        .collect();
    let mut agencies: BTreeMap<String, AgencyDelta> = BTreeMap::new();
    for i in &before.innovations {
        let d = agency_slot(&mut agencies, &i.agency);
        d.innovations_before += 1;
        d.errors_before += u64::from(i.errors);
        d.with_errors_before += usize::from(i.status == Severity::Error);
    }
    for i in &now.innovations {
        let d = agency_slot(&mut agencies, &i.agency);
        d.innovations_now += 1;
        d.errors_now += u64::from(i.errors);
        d.with_errors_now += usize::from(i.status == Severity::Error);
    }
    for (a, _) in &added {
        agency_slot(&mut agencies, a).innovations_added += 1;
    }
    for (a, _) in &removed {
        agency_slot(&mut agencies, a).innovations_removed += 1;
    }
    for f in &fixed {
        agency_slot(&mut agencies, &f.agency).findings_fixed += 1;
    }
    for &k in &new {
        agency_slot(&mut agencies, &now.findings[k].agency).findings_new += 1;
    }
    Since {
        previous: Previous {
            time: before.time.clone(),
            as_of: before.as_of.clone(),
        },
        innovations_added: added.iter().map(|(_, n)| n.clone()).collect(),
        innovations_removed: removed.iter().map(|(_, n)| n.clone()).collect(),
        findings_fixed: fixed.len(),
        findings_new: new.len(),
        agencies: agencies.into_values().collect(),
        fixed,
        fixed_names,
        new,
        added,
        removed,
    }
}

/// The delta of `agency`, made when first asked for.
fn agency_slot<'m>(m: &'m mut BTreeMap<String, AgencyDelta>, agency: &str) -> &'m mut AgencyDelta {
    // Looked up before a key is made: most calls find their agency.
    if m.contains_key(agency) {
        return m.get_mut(agency).expect("just found");
    }
    m.entry(agency.to_string()).or_insert_with(|| AgencyDelta {
        agency: agency.to_string(),
        errors_before: 0,
        errors_now: 0,
        innovations_before: 0,
        innovations_now: 0,
        with_errors_before: 0,
        with_errors_now: 0,
        innovations_added: 0,
        innovations_removed: 0,
        findings_fixed: 0,
        findings_new: 0,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inn(agency: &str, name: &str, errors: u32) -> SnapInnovation {
        SnapInnovation {
            agency: agency.into(),
            name_key: crate::template::fold(name),
            name: name.into(),
            status: if errors > 0 {
                Severity::Error
            } else {
                Severity::Info
            },
            errors,
            warnings: 0,
        }
    }

    fn tied(code: &str, agency: &str, name: &str, field: &str, cell: &str) -> SnapFinding {
        SnapFinding {
            code: code.into(),
            innovation: Some((agency.into(), crate::template::fold(name))),
            field: Some(field.into()),
            indicator: None,
            file: "a.xlsx".into(),
            sheet: Some("Inovasi".into()),
            cell: Some(cell.into()),
            agency: agency.into(),
        }
    }

    #[test]
    fn a_moved_cell_is_the_same_finding_and_repeats_are_counted() {
        let before = Snapshot {
            time: None,
            as_of: "2026-11-20".into(),
            innovations: vec![inn("Dinas A", "Si Cepat", 3)],
            findings: vec![
                tied("R001", "Dinas A", "Si Cepat", "nama_inisiator", "E3"),
                tied("R002", "Dinas A", "Si Cepat", "tahapan", "C3"),
                tied("R002", "Dinas A", "Si Cepat", "tahapan", "C4"),
            ],
        };
        // The row moved down (cells change), its name is spelt in capitals
        // (the same folded name), and one of the two R002 is fixed.
        let now = Snapshot {
            time: None,
            as_of: "2026-11-24".into(),
            innovations: vec![inn("Dinas A", "SI CEPAT", 2)],
            findings: vec![
                tied("R001", "Dinas A", "SI CEPAT", "nama_inisiator", "E9"),
                tied("R002", "Dinas A", "SI CEPAT", "tahapan", "C9"),
            ],
        };
        let since = compare(&before, &now);
        assert_eq!(since.findings_fixed, 1);
        assert_eq!(since.findings_new, 0);
        assert!(since.innovations_added.is_empty() && since.innovations_removed.is_empty());
        assert_eq!(since.fixed[0].cell.as_deref(), Some("C4"));
        assert_eq!(
            (
                since.agencies[0].errors_before,
                since.agencies[0].errors_now
            ),
            (3, 2)
        );
        // The other way round: the R002 comes back as new.
        let back = compare(&now, &before);
        assert_eq!((back.findings_fixed, back.findings_new), (0, 1));
        assert_eq!(back.new, vec![2]);
    }
}
