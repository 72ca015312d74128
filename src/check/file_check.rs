//! One file's events, checked as they arrive, into a [`FileResult`].

use super::evidence::StatementMaker;
use super::sink::{RunFull, Sink};
use super::{CheckOptions, fields, files, labinov, lablist, rows};
use crate::diag::{Code, Finding, Location, Severity};
use crate::normalize::{Event, Record, WideCell};
use crate::outcome::{Innovation, Origin, Statement};
use crate::template::Template;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

/// The findings and innovations of one file.
#[derive(Debug, Default)]
pub struct FileResult {
    /// The file as displayed, and the agency its location suggests.
    pub file: String,
    pub agency_hint: String,
    pub findings: Vec<Finding>,
    pub innovations: Vec<Innovation>,
    /// Long-layout evidence rows, attached to innovations when combining.
    pub evidence: Vec<Statement>,
    /// A sheet of the file has an evidence layout (a long evidence sheet,
    /// or `Indikator N` columns), filled or not: the run gives evidence.
    pub evidence_layout: bool,
    /// Laboratorium Inovasi ideas with a stage, compared across lists.
    pub ideas: Vec<lablist::Idea>,
    /// Rows past what the file was allowed to check
    /// (`max_innovations_in_run`, `max_statements_in_run`): not checked,
    /// told in its F020 or F021.
    pub rows_not_checked: u64,
    /// The statements the file kept: its long-layout evidence rows and its
    /// innovations' `Indikator N` statements.
    pub statements: u64,
    /// What the row where the file stopped needed of the run's limits, and
    /// the code telling of it (`None`: it did not stop). A result is what
    /// the file's turn in the run gives exactly when it kept within what
    /// was left and, if it stopped, that row did not fit, for the reason
    /// its code tells ([`FileResult::is_within`]).
    pub stopped_at: Option<(Need, Code)>,
}

impl FileResult {
    /// Whether this result is the file's checked with `left` of the run's
    /// limits (as [`Allowance::Upto`] would check it): each row that fits
    /// what is left is checked until the first that does not, so a
    /// result that kept within `left` is that one when it did not stop, or
    /// when the row it stopped at would not fit either.
    pub fn is_within(&self, left: Left) -> bool {
        let innovations = self.innovations.len() as u64;
        let innovations_fit =
            |need: Need| innovations + u64::from(need.innovations) <= left.innovations;
        let fits = |need: Need| {
            innovations_fit(need) && self.statements + u64::from(need.statements) <= left.statements
        };
        fits(Need::default())
            && self.stopped_at.is_none_or(|(need, code)| {
                !fits(need) && (code == Code::F020) != innovations_fit(need)
            })
    }
}

/// What one row needs of the run's limits: one innovation for a profile
/// row, and a statement for each indicator its `Indikator N` cells name; a
/// long-layout evidence row is one statement.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Need {
    pub innovations: u32,
    pub statements: u32,
}

/// What is left of the run's limits for a file (`u64::MAX`: no limit).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Left {
    pub innovations: u64,
    pub statements: u64,
}

/// The innovations and statements a run has taken, shared by the files
/// checked at once (`max_innovations_in_run`, `max_statements_in_run`). A
/// file takes what each row it checks needs, first come first served, so
/// that the files in hand never hold more than the run may; which rows the
/// run checks is then decided in the run's order when the files join it
/// ([`Gather`]).
#[derive(Debug, Default)]
pub struct Budget {
    taken: AtomicU64,
    statements: AtomicU64,
    /// The codes the files joined so far list in full.
    pub(crate) full: RunFull,
}

impl Budget {
    /// Takes what one row needs, each of at most its limit (0: no limit),
    /// for the run; `false`, taking nothing, when it does not fit.
    pub(crate) fn take(&self, need: Need, limits: (u32, u32)) -> bool {
        let take = |taken: &AtomicU64, n: u32, limit: u32| {
            if limit == 0 || n == 0 {
                return true;
            }
            let before = taken.fetch_add(u64::from(n), Ordering::Relaxed);
            let ok = before + u64::from(n) <= u64::from(limit);
            if !ok {
                taken.fetch_sub(u64::from(n), Ordering::Relaxed);
            }
            ok
        };
        if !take(&self.taken, need.innovations, limits.0) {
            return false;
        }
        if !take(&self.statements, need.statements, limits.1) {
            if limits.0 > 0 && need.innovations > 0 {
                self.taken
                    .fetch_sub(u64::from(need.innovations), Ordering::Relaxed);
            }
            return false;
        }
        true
    }

    /// Whether the innovations `need` asks for fit what the run has left
    /// of `limit` (0: no limit) now.
    fn fits_innovations(&self, need: Need, limit: u32) -> bool {
        limit == 0
            || self.taken.load(Ordering::Relaxed) + u64::from(need.innovations) <= u64::from(limit)
    }
}

/// How many rows one file may check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Allowance {
    /// What the run's [`Budget`] has left, row by row.
    Run,
    /// Rows up to the first that does not fit so many innovations and
    /// statements, decided in the run's order ([`Gather`]).
    Upto { innovations: u32, statements: u32 },
}

/// The most rows a sheet's own estimate makes room for at once: an xlsx
/// sheet's whole height (innovations of 256 bytes: 268 MB of address space,
/// not touched until filled). Growing the list instead copies it, and for a
/// moment holds it twice: a 49 MB CSV of short rows peaked there.
const MAX_EXPECTED_ROWS: u32 = 1 << 20;

/// Checks one file's events as they arrive.
pub struct FileCheck<'t> {
    template: &'t Template,
    options: &'t CheckOptions,
    file: String,
    /// Makes the file's statements (sharing the file's name).
    statement_maker: StatementMaker,
    agency_hint: String,
    /// The file and sheet of the last row, shared with the next.
    origin: Option<Arc<Origin>>,
    sink: Sink<'t>,
    innovations: Vec<Innovation>,
    evidence: Vec<Statement>,
    evidence_layout: bool,
    headers_seen: usize,
    no_header: Vec<(Option<Arc<str>>, u32)>,
    name_field: Option<usize>,
    pemda_field: Option<usize>,
    stage_field: Option<usize>,
    /// (sheet, field) whose column was said to hold another system's values.
    foreign_seen: Vec<(Option<Arc<str>>, usize)>,
    groups: labinov::Groups,
    /// The agency and pemda of the last row, shared with the next row
    /// that names the same (a file's rows mostly do).
    agency: Option<Arc<str>>,
    pemda: Option<Arc<str>>,
    /// How many rows it may check, the innovations and statements it
    /// kept, and where it stopped (sheet, row, the row's agency, the code
    /// telling why) with how many rows not checked from there.
    allowance: Allowance,
    checked: u32,
    statements: u64,
    stopped: Option<Stop>,
    rows_not_checked: u64,
}

/// Where a file stopped checking, and why.
struct Stop {
    sheet: Option<Arc<str>>,
    row: u32,
    agency: String,
    /// F020 (innovations) or F021 (statements).
    code: Code,
    need: Need,
}

impl<'t> FileCheck<'t> {
    pub fn new(
        template: &'t Template,
        options: &'t CheckOptions,
        file: &str,
        agency_hint: &str,
    ) -> Self {
        FileCheck {
            template,
            options,
            file: file.to_string(),
            statement_maker: StatementMaker::new(file),
            agency_hint: agency_hint.to_string(),
            origin: None,
            sink: Sink::new(template).after(&options.budget.full),
            innovations: Vec::new(),
            evidence: Vec::new(),
            evidence_layout: false,
            headers_seen: 0,
            no_header: Vec::new(),
            name_field: template.roles.name,
            pemda_field: template.roles.pemda,
            stage_field: template.roles.lab_stage,
            foreign_seen: Vec::new(),
            groups: labinov::Groups::default(),
            agency: None,
            pemda: None,
            allowance: Allowance::Run,
            checked: 0,
            statements: 0,
            stopped: None,
            rows_not_checked: 0,
        }
    }

    /// Checks at most `allowance` rows (by default, what the run's budget
    /// has left).
    pub fn within(mut self, allowance: Allowance) -> Self {
        self.allowance = allowance;
        self
    }

    /// Whether the row `event` holds is checked: `false` from the first
    /// row that does not fit what the file may keep
    /// (`max_innovations_in_run`, `max_statements_in_run`) on, which are
    /// counted for its F020 or F021 and are neither innovations nor
    /// statements. A profile row is kept with all its statements or not
    /// at all. Asked once per row, before the row is seen by anything
    /// else; events that are no row are always checked.
    pub fn admits(&mut self, event: &Event) -> bool {
        let (sheet, row, agency, need) = match event {
            Event::Record(r) => {
                let need = Need {
                    innovations: 1,
                    statements: statements_in(&r.wide),
                };
                (&r.sheet, r.row, &r.agency, need)
            }
            Event::Evidence(e) => {
                let need = Need {
                    innovations: 0,
                    statements: 1,
                };
                (&e.sheet, e.row, &e.agency, need)
            }
            _ => return true,
        };
        if self.stopped.is_none() {
            let s = &self.template.settings;
            let limits = (s.max_innovations_in_run, s.max_statements_in_run);
            let innovations_fit = |most: u32| {
                limits.0 == 0
                    || u64::from(self.checked) + u64::from(need.innovations) <= u64::from(most)
            };
            let statements_fit = |most: u32| {
                limits.1 == 0 || self.statements + u64::from(need.statements) <= u64::from(most)
            };
            let ok = match self.allowance {
                Allowance::Upto {
                    innovations,
                    statements,
                } => innovations_fit(innovations) && statements_fit(statements),
                Allowance::Run => self.options.budget.take(need, limits),
            };
            if ok {
                self.checked += need.innovations;
                self.statements += u64::from(need.statements);
                return true;
            }
            // F020 when the innovations do not fit (whatever the
            // statements), F021 when only the statements do not.
            let innovations_full = match self.allowance {
                Allowance::Upto { innovations, .. } => !innovations_fit(innovations),
                Allowance::Run => !self.options.budget.fits_innovations(need, limits.0),
            };
            self.stopped = Some(Stop {
                sheet: sheet.clone(),
                row,
                agency: agency.clone(),
                code: if innovations_full {
                    Code::F020
                } else {
                    Code::F021
                },
                need,
            });
        }
        self.rows_not_checked += 1;
        false
    }

    /// A finding about the file itself (load problems and notes).
    pub fn file_finding(&mut self, f: Finding) {
        self.sink.push(f);
    }

    /// Room for about `rows` more innovations, made once instead of growing
    /// (and copying) the list as it fills; a stray far cell can make a
    /// sheet declare a million rows, so the room is bounded, and what is
    /// left unused is given back in `finish`.
    pub fn make_room(&mut self, rows: u32) {
        // Nor more than the run checks (`max_innovations_in_run`).
        let run = match self.template.settings.max_innovations_in_run {
            0 => u32::MAX,
            n => n,
        };
        let rows = rows.min(MAX_EXPECTED_ROWS).min(run) as usize;
        self.innovations.reserve(rows);
    }

    /// Check what normalizing reported, taking out of it what is kept.
    pub fn event(&mut self, event: &mut Event) {
        match event {
            Event::HiddenSheet { sheet } => {
                let mut loc = Location::file(&self.file);
                loc.sheet = Some(sheet.to_string());
                self.sink.push(Finding::new(Code::F008, loc));
            }
            Event::SkippedSheet { sheet, findings } => {
                let mut loc = Location::file(&self.file);
                loc.sheet = Some(sheet.to_string());
                let why = if *findings {
                    crate::diag::Say::FeedbackFindingsSheet
                } else {
                    crate::diag::Say::FormSheet
                };
                self.sink
                    .push(Finding::new(Code::F012, loc).arg("sheet", &**sheet).say(
                        "why",
                        "why_en",
                        why,
                        &[],
                    ));
            }
            Event::NotInnovationList { sheet } => {
                let mut loc = Location::file(&self.file);
                loc.sheet = sheet.as_deref().map(str::to_string);
                self.sink.push(Finding::new(Code::F013, loc));
            }
            Event::NoHeader { sheet, scanned } => self.no_header.push((sheet.clone(), *scanned)),
            Event::Header { sheet, header } => {
                self.statement_maker.header(sheet.as_ref(), header);
                self.groups
                    .header(&self.file, sheet.as_ref(), &mut self.sink);
                self.headers_seen += 1;
                self.evidence_layout |= header.layout == crate::normalize::Layout::Evidence
                    || header.columns.iter().any(|c| c.wide.is_some());
                files::header_findings(
                    self.template,
                    &self.file,
                    sheet.as_deref(),
                    header,
                    &mut self.sink,
                );
            }
            Event::GroupTitle {
                sheet,
                row,
                title,
                pemda,
                stated,
            } => self.groups.title(
                &self.file,
                &mut self.sink,
                (
                    sheet.clone(),
                    *row,
                    std::mem::take(title),
                    std::mem::take(pemda),
                    *stated,
                ),
            ),
            Event::Record(record) => self.record(record),
            Event::Evidence(row) => self
                .evidence
                .push(Statement::from_row(&mut self.statement_maker, row)),
        }
    }

    fn record(&mut self, record: &mut Record) {
        // Only the findings past the cap on this row count for it.
        self.sink.take_dropped();
        let loc = Location {
            file: self.file.clone(),
            sheet: record.sheet.as_deref().map(str::to_string),
            row: Some(record.row),
            col: None,
            header: None,
        };
        fields::check(self.template, self.options, &loc, record, &mut self.sink);
        fields::foreign_column(
            self.template,
            &loc,
            record,
            &mut self.foreign_seen,
            &mut self.sink,
        );
        rows::check(self.template, self.options, &loc, record, &mut self.sink);
        self.groups
            .code(self.template, &loc, record, &mut self.sink);
        let (errors, warnings) = self.sink.take_dropped();
        let name = self
            .name_field
            .and_then(|f| record.text(f))
            .map(crate::normalize::collapse_spaces)
            .unwrap_or_default();
        let pemda = self
            .groups
            .record(
                &self.file,
                record.sheet.as_ref(),
                record.row,
                &mut self.sink,
            )
            .or_else(|| {
                self.pemda_field
                    .and_then(|f| record.text(f))
                    .map(crate::normalize::collapse_spaces)
            })
            .map(|p| shared(&mut self.pemda, &p));
        let statements = if record.wide.is_empty() {
            Vec::new()
        } else {
            Statement::from_wide(&mut self.statement_maker, record)
        };
        let facts = crate::outcome::portal::Facts::from_record(&self.template.roles, record);
        let award = self.template.award.as_ref();
        let group = award
            .and_then(|a| a.group_field)
            .and_then(|f| record.text(f))
            .map(crate::normalize::collapse_spaces);
        let quota_class = award.and_then(|a| a.quota_field).and_then(|f| {
            match record.cell(f).map(|c| &c.value) {
                Some(crate::normalize::Value::Enum { index, .. }) => {
                    Some(self.template.fields[f].values[*index].value.clone())
                }
                _ => None,
            }
        });
        let origin = match &self.origin {
            Some(o) if o.sheet == loc.sheet => o.clone(),
            _ => {
                let o = Arc::new(Origin {
                    file: self.file.clone(),
                    sheet: loc.sheet,
                });
                self.origin = Some(o.clone());
                o
            }
        };
        let stage = self
            .stage_field
            .and_then(|f| match record.cell(f).map(|c| &c.value) {
                Some(crate::normalize::Value::Enum { index, .. }) => u8::try_from(*index).ok(),
                _ => None,
            });
        let agency = shared(&mut self.agency, &record.agency);
        let mut inn = Innovation::at(origin, record.row, agency, name);
        // Its findings past the cap; the listed ones are added in `combine`.
        inn.errors = errors;
        inn.warnings = warnings;
        inn.pemda = pemda;
        inn.stage = stage;
        inn.set_award(group, quota_class);
        inn.statements = statements;
        inn.facts = facts;
        self.innovations.push(inn);
    }

    /// Close the file: decide file-level findings that depend on all sheets.
    pub fn finish(mut self) -> FileResult {
        self.groups.close(&self.file, &mut self.sink);
        // A file that failed to read part-way (F001, F009) already says why
        // it has no rows; "only a header" on top of it would mislead.
        let unreadable = self.sink.findings.iter().any(|f| {
            f.code.as_str().starts_with('F')
                && f.severity == Severity::Error
                && f.location.sheet.is_none()
                && f.location.row.is_none()
        });
        let stopped_at = self.stopped.as_ref().map(|s| (s.need, s.code));
        if let Some(stop) = self.stopped.take() {
            let mut loc = Location::file(&self.file);
            loc.sheet = stop.sheet.as_deref().map(str::to_string);
            loc.row = Some(stop.row);
            let s = &self.template.settings;
            let limit = match stop.code {
                Code::F020 => s.max_innovations_in_run,
                _ => s.max_statements_in_run,
            };
            // The agency of the row where checking stopped: its report
            // and feedback tell it that its list was not checked whole.
            self.sink.push(
                Finding::new(stop.code, loc)
                    .number("rows", "rows_en", self.rows_not_checked as f64, 0)
                    .number("limit", "limit_en", f64::from(limit), 0)
                    .agency(&stop.agency),
            );
        }
        if self.innovations.is_empty() && !unreadable && self.rows_not_checked == 0 {
            let loc = Location::file(&self.file);
            if self.headers_seen > 0 {
                self.sink.push(Finding::new(Code::F003, loc).say(
                    "detail",
                    "detail_en",
                    crate::diag::Say::OnlyHeaderRow,
                    &[],
                ));
            } else if let Some((sheet, scanned)) = self.no_header.first() {
                let mut loc = loc;
                loc.sheet = sheet.as_deref().map(str::to_string);
                self.sink
                    .push(Finding::new(Code::F005, loc).arg("scanned", scanned));
            } else if !self
                .sink
                .findings
                .iter()
                .any(|f| f.severity == Severity::Error || f.code == Code::F013)
            {
                self.sink.push(Finding::new(Code::F003, loc).say(
                    "detail",
                    "detail_en",
                    crate::diag::Say::SheetsEmpty,
                    &[],
                ));
            }
        }
        if self.innovations.capacity() > 2 * self.innovations.len() + 64 {
            self.innovations.shrink_to_fit();
        }
        if self.innovations.is_empty() && !self.evidence.is_empty() {
            // An evidence-only file: its rows join innovations of other files.
            self.sink.findings.retain(|f| f.code != Code::F003);
        }
        for (sheet, errors, warnings) in std::mem::take(&mut self.sink.dropped_every_row) {
            count_for_every_row(&mut self.innovations, sheet.as_deref(), errors, warnings);
        }
        self.sink.finish_capped();
        FileResult {
            file: self.file,
            agency_hint: self.agency_hint,
            findings: self.sink.findings,
            innovations: self.innovations,
            evidence: self.evidence,
            evidence_layout: self.evidence_layout,
            ideas: self.groups.ideas.take(),
            rows_not_checked: self.rows_not_checked,
            statements: self.statements,
            stopped_at,
        }
    }
}

/// The statements a profile row's `Indikator N` cells make: one for each
/// indicator they name.
fn statements_in(wide: &[WideCell]) -> u32 {
    match wide {
        [] => 0,
        [_] => 1,
        _ => {
            let mut numbers: Vec<u32> = wide.iter().map(|w| w.indicator).collect();
            numbers.sort_unstable();
            numbers.dedup();
            numbers.len() as u32
        }
    }
}

/// `value` as an `Arc`, the one in `last` when it holds the same text.
fn shared(last: &mut Option<Arc<str>>, value: &str) -> Arc<str> {
    match last {
        Some(a) if **a == *value => a.clone(),
        _ => {
            let a: Arc<str> = Arc::from(value);
            *last = Some(a.clone());
            a
        }
    }
}

/// Adds errors and warnings not listed of a finding about every row of
/// `sheet` (`None`: of the whole file) to the innovations of one file read
/// from there, as [`tie_findings`](super::tie_findings) counts the listed ones.
pub(crate) fn count_for_every_row(
    innovations: &mut [Innovation],
    sheet: Option<&str>,
    errors: u32,
    warnings: u32,
) {
    for inn in innovations {
        if sheet.is_none() || inn.sheet() == sheet {
            inn.errors += errors;
            inn.warnings += warnings;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::testing::*;
    use crate::template::fold;

    /// The id is made when asked for, as it was stored: `file:sheet:row`,
    /// or `file:row` for a file without sheets; the folded name is the
    /// name's fold, kept apart only when it differs.
    #[test]
    fn id_and_name_key_are_as_they_were_stored() {
        let a = Innovation::new(
            "opd/Dinas A.xlsx",
            Some("Inovasi"),
            12,
            "Dinas A",
            "SIPANDU",
        );
        assert_eq!(a.id(), "opd/Dinas A.xlsx:Inovasi:12");
        assert_eq!(a.name_key(), fold("SIPANDU"));
        let b = Innovation::new("b.csv", None, 3, "Dinas B", "e farmasi");
        assert_eq!(b.id(), "b.csv:3");
        assert_eq!(b.name_key(), fold("e farmasi"));
        assert_eq!((b.file(), b.sheet(), b.row), ("b.csv", None, 3));
        // As the checks make them: two sheets of one file share its name.
        let (t, o) = (template(), options());
        let mut fc = FileCheck::new(&t, &o, "c.xlsx", "Dinas C");
        for (sheet, row, name) in [
            (None, 2, "  Si  Pandu "),
            (Some("B"), 3, "x3"),
            (Some("B"), 4, "x4"),
        ] {
            let mut r = record(&t, &[("nama_inovasi", text(name))], &[]);
            r.sheet = sheet.map(Arc::from);
            r.row = row;
            fc.event(&mut Event::Record(r));
        }
        let result = fc.finish();
        let ids: Vec<String> = result.innovations.iter().map(Innovation::id).collect();
        assert_eq!(ids, ["c.xlsx:2", "c.xlsx:B:3", "c.xlsx:B:4"]);
        let keys: Vec<&str> = result
            .innovations
            .iter()
            .map(Innovation::name_key)
            .collect();
        assert_eq!(keys, [fold("Si Pandu").as_str(), "x3", "x4"]);
    }

    /// A file's result keeps no more room than its rows need, whatever its
    /// sheets said they held.
    #[test]
    fn room_a_sheet_asked_for_and_did_not_use_is_given_back() {
        let t = template();
        let o = options();
        for (expected, rows) in [(1_000_000, 3usize), (300, 200), (0, 5)] {
            let mut fc = FileCheck::new(&t, &o, "a.xlsx", "Dinas Uji");
            fc.make_room(expected);
            for _ in 0..rows {
                fc.event(&mut Event::Record(record(&t, &clean_cells(), &[])));
            }
            let r = fc.finish();
            assert_eq!(r.innovations.len(), rows);
            assert!(
                r.innovations.capacity() <= 2 * rows + 64,
                "{expected} expected, {rows} read: room for {}",
                r.innovations.capacity()
            );
        }
    }
}
