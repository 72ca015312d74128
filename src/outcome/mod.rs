//! The data model of a check run: the innovations, their statements and
//! the evidence files they name, their portal facts, and the findings.
//! `check` fills it, `score` scores it, `report` and `export` read it. No
//! rules and no I/O here.

pub mod evidence;
pub mod idea;
mod innovation;
pub mod portal;
pub mod score;

pub use evidence::{
    DateCell, DatePart, Digest, FileFacts, Part, Parts, Resolved, Statement, StatementSheet,
};
pub use innovation::Innovation;
pub(crate) use innovation::Origin;

use crate::diag::{Finding, Severity};

/// Everything a run produced: check's innovations and findings, and the
/// score stage's pemda estimates.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Every input file with its agency hint, sorted.
    pub files: Vec<(String, String)>,
    /// Inputs that load found to be bimtek's own workbooks (their
    /// displayed paths): not data, whatever their finding's severity.
    pub own_workbooks: Vec<String>,
    pub innovations: Vec<Innovation>,
    pub findings: Vec<Finding>,
    /// The estimate per pemda: empty until the score stage, and when the
    /// template has no scoring.
    pub pemda: Vec<score::PemdaScore>,
    /// Portal entries no agency file has; `None` without a baseline.
    pub portal_only: Option<Vec<portal::PortalOnly>>,
    /// What following the ideas found (their IID entry, the catalogue's
    /// like innovations), by innovation, ascending.
    pub ideas: Vec<idea::Idea>,
}

impl Outcome {
    /// How many findings have severity `s`.
    pub fn count(&self, s: Severity) -> usize {
        self.findings.iter().filter(|f| f.severity == s).count()
    }

    /// What following `inn` (one of the innovations) found, if anything:
    /// the ideas are in the innovations' order, which is by place.
    pub fn idea_of(&self, inn: &Innovation) -> Option<&idea::Idea> {
        if self.ideas.is_empty() {
            return None;
        }
        let k = self
            .ideas
            .binary_search_by(|d| {
                self.innovations[d.innovation as usize]
                    .place()
                    .cmp(&inn.place())
            })
            .ok()?;
        Some(&self.ideas[k])
    }

    /// The innovation a finding is tied to, if any.
    pub fn innovation_of(&self, f: &Finding) -> Option<&Innovation> {
        f.innovation.and_then(|i| self.innovations.get(i as usize))
    }

    /// The agency a file's place suggests (its agency hint), for an input
    /// file of the run.
    pub fn file_agency(&self, file: &str) -> Option<&str> {
        // `files` is sorted; a file listed twice answers as its last entry.
        let end = self.files.partition_point(|(f, _)| f.as_str() <= file);
        let (f, hint) = self.files.get(end.checked_sub(1)?)?;
        (f == file).then_some(hint.as_str())
    }

    /// The agency a finding is counted under, in the history and between
    /// runs: its innovation's, else its file's, else empty.
    pub fn agency_of(&self, f: &Finding) -> &str {
        match self.innovation_of(f) {
            Some(i) => &i.agency,
            None => self.file_agency(&f.location.file).unwrap_or_default(),
        }
    }

    /// The findings that concern innovation `i`, in reading order: those
    /// that hold for every row of its sheet or file, then those on its own
    /// sheet, then those on its evidence rows elsewhere.
    pub fn findings_of(&self, i: usize) -> Vec<&Finding> {
        let Some(inn) = self.innovations.get(i) else {
            return Vec::new();
        };
        let mut out: Vec<&Finding> = self
            .findings
            .iter()
            .filter(|f| f.innovation == Some(i as u32) || holds_for(f, inn))
            .collect();
        out.sort_by_key(|f| reading_rank(f, inn));
        out
    }

    /// [`Outcome::findings_of`] for every innovation at once (one pass).
    pub fn findings_per_innovation(&self) -> Vec<Vec<&Finding>> {
        let mut out: Vec<Vec<&Finding>> = vec![Vec::new(); self.innovations.len()];
        let mut every_row: foldhash::HashMap<(&str, Option<&str>), Vec<&Finding>> =
            foldhash::HashMap::default();
        for f in &self.findings {
            if f.every_row {
                every_row
                    .entry((f.location.file.as_str(), f.location.sheet.as_deref()))
                    .or_default()
                    .push(f);
            } else if let Some(i) = f.innovation
                && let Some(list) = out.get_mut(i as usize)
            {
                list.push(f);
            }
        }
        for (inn, list) in self.innovations.iter().zip(out.iter_mut()) {
            let file = (inn.file(), None);
            let sheet = (inn.file(), inn.sheet());
            let mut wide: Vec<&Finding> = Vec::new();
            if inn.sheet().is_some() {
                wide.extend(every_row.get(&file).into_iter().flatten());
            }
            wide.extend(every_row.get(&sheet).into_iter().flatten());
            if !wide.is_empty() {
                wide.append(list);
                *list = wide;
            }
            list.sort_by_key(|f| reading_rank(f, inn));
        }
        out
    }
}

/// Whether a finding holds for every row of the sheet (or file) `inn` was
/// read from.
fn holds_for(f: &Finding, inn: &Innovation) -> bool {
    f.every_row
        && f.location.file == inn.file()
        && (f.location.sheet.is_none() || f.location.sheet.as_deref() == inn.sheet())
}

/// Where a finding of `inn` comes when its findings are read: first those
/// about its whole sheet or file, then its profile row, then its evidence
/// rows (on other sheets or in other files). Stable sorts keep the order of
/// the place within each.
fn reading_rank(f: &Finding, inn: &Innovation) -> u8 {
    if f.every_row {
        0
    } else if f.location.file == inn.file() && f.location.sheet.as_deref() == inn.sheet() {
        1
    } else {
        2
    }
}
