//! One innovation as check found it: where it was read, its name and
//! agency, its counts, its statements, its score and its portal facts.

use super::evidence::Statement;
use super::portal;
use crate::diag::{Location, Severity};
use crate::template::{Template, fold};
use std::sync::Arc;

/// One innovation as reported. Lean, because a 49 MB CSV of short rows
/// holds 660,000 of them: the file and sheet are shared by the rows of a
/// sheet, the id is made when asked for, the folded name is kept only when
/// it differs from the name, and the parts most rows lack are boxed
/// (BENCHMARKS.md, "Safe at the edges").
#[derive(Debug, Clone)]
pub struct Innovation {
    /// The file (as displayed) and sheet it was read from.
    origin: Arc<Origin>,
    pub row: u32,
    pub status: Severity,
    /// A lab idea's stage: its index among the `tahap` field's values.
    pub stage: Option<u8>,
    pub errors: u32,
    pub warnings: u32,
    /// Its agency, shared by the rows of a file that name the same one.
    pub agency: Arc<str>,
    /// Its name, then its folded name (for matching) when that differs
    /// from the name: one allocation, not two.
    names: Box<str>,
    /// Where the folded name starts in `names`; 0 when it is the name.
    key_at: u32,
    /// The pemda its row names, if any, shared like the agency.
    pub pemda: Option<Arc<str>>,
    /// For an award's per-group rules: the group its row names (KIPP: the
    /// instansi) and the canonical value its quota counts by (kelompok).
    award: Option<Box<AwardFacts>>,
    /// What the agency says about its indicators.
    pub statements: Vec<Statement>,
    pub score: super::score::InnovationScore,
    /// Dates and values compared with the portal.
    pub facts: portal::Facts,
    /// Where it stands against the portal, when a baseline was given.
    pub portal: Option<Box<portal::PortalStatus>>,
}

/// The file (as displayed) and sheet an innovation was read from, one for
/// all the rows of a sheet.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Origin {
    pub(crate) file: String,
    pub(crate) sheet: Option<String>,
}

/// An award template's group and kelompok of one innovation.
#[derive(Debug, Clone, Default)]
struct AwardFacts {
    group: Option<String>,
    quota_class: Option<String>,
}

impl Innovation {
    /// An innovation read from `file` (and `sheet`) at `row`, with nothing
    /// checked yet.
    pub fn new(file: &str, sheet: Option<&str>, row: u32, agency: &str, name: &str) -> Self {
        let origin = Arc::new(Origin {
            file: file.to_string(),
            sheet: sheet.map(str::to_string),
        });
        Innovation::at(origin, row, Arc::from(agency), name.to_string())
    }

    pub(crate) fn at(origin: Arc<Origin>, row: u32, agency: Arc<str>, name: String) -> Self {
        let mut inn = Innovation {
            origin,
            row,
            status: Severity::Info,
            stage: None,
            errors: 0,
            warnings: 0,
            agency,
            names: Box::default(),
            key_at: 0,
            pemda: None,
            award: None,
            statements: Vec::new(),
            score: super::score::InnovationScore::default(),
            facts: portal::Facts::default(),
            portal: None,
        };
        inn.set_name(name);
        inn
    }

    /// Its id, `file:sheet:row` (or `file:row` for a file without sheets).
    pub fn id(&self) -> String {
        match self.sheet() {
            Some(s) => format!("{}:{}:{}", self.file(), s, self.row),
            None => format!("{}:{}", self.file(), self.row),
        }
    }

    /// The file it was read from, as displayed.
    pub fn file(&self) -> &str {
        &self.origin.file
    }

    /// The sheet it was read from; `None` for a file without sheets.
    pub fn sheet(&self) -> Option<&str> {
        self.origin.sheet.as_deref()
    }

    /// Its name as written, spaces collapsed.
    pub fn name(&self) -> &str {
        match self.key_at {
            0 => &self.names,
            at => &self.names[..at as usize],
        }
    }

    /// Its folded name, for matching.
    pub fn name_key(&self) -> &str {
        &self.names[self.key_at as usize..]
    }

    /// Sets its name, and the folded name with it.
    pub fn set_name(&mut self, mut name: String) {
        let key = fold(&name);
        // A name is at most a cell (16 MiB), so its length fits.
        match u32::try_from(name.len()) {
            Ok(at) if key != name && at > 0 => {
                name.push_str(&key);
                self.key_at = at;
            }
            _ => self.key_at = 0,
        }
        self.names = name.into_boxed_str();
    }

    /// A lab idea's stage, as the template spells it.
    pub fn stage_name<'t>(&self, t: &'t Template) -> Option<&'t str> {
        let values = &t.fields[t.roles.lab_stage?].values;
        values
            .get(usize::from(self.stage?))
            .map(|v| v.value.as_str())
    }

    /// Its canonical urusan, when readable (for yandas coverage).
    pub fn urusan<'t>(&self, t: &'t Template) -> Option<&'t str> {
        self.facts.urusan(t)
    }

    /// The group its row names, for an award's per-group rules (KIPP: the
    /// instansi).
    pub fn group(&self) -> Option<&str> {
        self.award.as_ref().and_then(|a| a.group.as_deref())
    }

    /// The canonical value its award quota counts by (kelompok).
    pub fn quota_class(&self) -> Option<&str> {
        self.award.as_ref().and_then(|a| a.quota_class.as_deref())
    }

    /// Sets the award's group and kelompok.
    pub fn set_award(&mut self, group: Option<String>, quota_class: Option<String>) {
        self.award = (group.is_some() || quota_class.is_some())
            .then(|| Box::new(AwardFacts { group, quota_class }));
    }

    /// Its row, for findings about the whole innovation.
    pub fn location(&self) -> Location {
        Location {
            file: self.file().to_string(),
            sheet: self.sheet().map(str::to_string),
            row: Some(self.row),
            col: None,
            header: None,
        }
    }

    /// (file, sheet, row): the order innovations are listed in.
    pub fn place(&self) -> (&str, Option<&str>, u32) {
        (self.file(), self.sheet(), self.row)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The record kept for each innovation stays small: a 49 MB CSV of
    /// short rows holds 660,000 of them (BENCHMARKS.md, "Safe at the
    /// edges"); it was 424 bytes, with six strings of its own, then 248
    /// (issue 27: agency and pemda shared, name and folded name in one
    /// allocation, the score's maximum the template's).
    #[test]
    fn an_innovation_record_stays_lean() {
        let size = std::mem::size_of::<Innovation>();
        assert!(size <= 208, "{size} bytes");
    }
}
