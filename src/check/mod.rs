//! Records + template -> findings, filling the data model
//! ([`crate::outcome`]); the score stage scores it after. One file per rule
//! family: `files` (what loading said), `fields` (each cell against its
//! field), `rows` (fields against each other), `unique` (names across rows
//! and agencies), `evidence` (each indicator's evidence, judged for the
//! score), `spd` (the pemda's SPD sheet), `portal` (against the portal's
//! lists and the assessment window), `roster` (against the list of OPD
//! expected), `labinov` (Laboratorium Inovasi lists: group titles, idea
//! codes, dates, ideas alike), `lablist` (a lab's lists over time and
//! against its year: stage order, launch dates, the code's year),
//! `follow` and `catalog` (a lab's ideas into the IID lists and against a
//! catalogue); `portal` finds an innovation's entries
//! through `name_index`. No I/O, no terminal: everything here is testable
//! on records built in memory.

mod cap;
mod catalog;
pub mod evidence;
mod fields;
mod files;
pub mod follow;
mod labinov;
mod lablist;
pub mod name_index;
pub mod portal;
mod roster;
mod rows;
pub use roster::read as read_roster;
pub mod spd;
mod unique;

pub use cap::{Allowance, Budget, Gather, Recheck, Run};
pub use evidence::Resolver;
pub use fields::{MAX_CELL_CHARS, too_long_for_a_cell};
pub use files::{load_error_finding, load_note_findings};

use crate::diag::{Code, Finding, Location, Severity};
use crate::normalize::{Event, Record};
use crate::outcome::{Innovation, Origin, Outcome, Statement};
use crate::template::Template;
use chrono::NaiveDate;
use rayon::prelude::*;
use std::sync::Arc;

/// Options that shape the checks.
#[derive(Debug, Clone)]
pub struct CheckOptions {
    /// Reference date: dates after it are in the future.
    pub as_of: NaiveDate,
    /// Pemda name for innovations whose rows name none.
    pub pemda: String,
    /// SPD points of the pemda, when known.
    pub spd: Option<f64>,
    /// The agencies expected, with the roster file's own findings.
    pub roster: Option<Arc<(crate::template::Roster, Vec<Finding>)>>,
    /// Existing innovations the ideas are compared with (`--catalog`).
    pub catalog: Option<Arc<Vec<portal::PortalEntry>>>,
    /// The innovations the run has taken (`max_innovations_in_run`),
    /// shared by the files checked at once.
    pub budget: Arc<Budget>,
}

/// What the portal holds, and how to compare with it.
#[derive(Debug, Clone)]
pub struct Baseline {
    pub entries: Vec<portal::PortalEntry>,
    /// Findings about baseline files that could not be read.
    pub findings: Vec<Finding>,
    pub options: portal::PortalOptions,
}

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
    /// (`max_innovations_in_run`): not innovations, told in its F020.
    pub rows_not_checked: u64,
}

/// Applies the template's severity overrides; drops switched-off codes; and
/// lists at most `settings.max_findings_per_code` findings of one code for
/// one file, so that memory follows the input, not the findings (a hostile
/// 12 MB CSV with a dozen findings on each row took 7.75 GB). A finding
/// past the cap is counted, never lost from the counts: per innovation
/// through [`Sink::take_dropped`] (a file's rows) or
/// [`Sink::dropped_rows`] (the checks across files), and per file and code
/// in one F017 from [`Sink::finish_capped`]. The run-wide cap
/// (`max_findings_per_code_in_run`) holds here for the findings this sink
/// lists, and across files through [`Gather`].
pub(crate) struct Sink<'t> {
    template: &'t Template,
    pub findings: Vec<Finding>,
    /// Findings listed so far, per code and file.
    listed: foldhash::HashMap<Code, foldhash::HashMap<String, u32>>,
    /// Findings listed so far per code that the run-wide cap counts.
    in_run: foldhash::HashMap<Code, u32>,
    /// Errors and warnings past the cap since [`Sink::take_dropped`].
    dropped: (u32, u32),
    /// Errors and warnings past the cap of findings about every row of a
    /// sheet (or, without a sheet, of the file): [`count_for_every_row`].
    dropped_every_row: Vec<(Option<String>, u32, u32)>,
    /// Where each error or warning past the cap was, when kept
    /// ([`Sink::keeping_places`]).
    places: Option<Places>,
    /// Findings past the cap per (code, file), and whether the run-wide
    /// cap took any of them.
    capped: Vec<(Code, String, u64, bool)>,
}

impl<'t> Sink<'t> {
    pub fn new(template: &'t Template) -> Self {
        Sink {
            template,
            findings: Vec::new(),
            listed: foldhash::HashMap::default(),
            in_run: foldhash::HashMap::default(),
            dropped: (0, 0),
            dropped_every_row: Vec::new(),
            places: None,
            capped: Vec::new(),
        }
    }

    /// A sink that keeps where the findings past the cap were (the checks
    /// across files, whose findings fall on any innovation).
    pub fn keeping_places(template: &'t Template) -> Self {
        Sink {
            places: Some(Places::default()),
            ..Sink::new(template)
        }
    }

    pub fn push(&mut self, mut f: Finding) {
        let Some(s) = self.template.severity_of(f.code, f.severity) else {
            return;
        };
        f.severity = s;
        let limit = self.template.settings.max_findings_per_code;
        if limit > 0 {
            let files = self.listed.entry(f.code).or_default();
            let listed = match files.get_mut(f.location.file.as_str()) {
                Some(n) => n,
                None => files.entry(f.location.file.clone()).or_insert(0),
            };
            if *listed >= limit {
                self.drop_past_cap(f, false);
                return;
            }
            *listed += 1;
        }
        let run_limit = self.template.settings.max_findings_per_code_in_run;
        if run_limit > 0 && cap::counts_in_run(&f) {
            let in_run = self.in_run.entry(f.code).or_default();
            if *in_run >= run_limit {
                self.drop_past_cap(f, true);
                return;
            }
            *in_run += 1;
        }
        self.findings.push(f);
    }

    /// Counts the findings already in the list against the run-wide cap
    /// (the files' findings, when the checks across files begin).
    pub fn count_listed_in_run(&mut self) {
        self.in_run.clear();
        for f in self.findings.iter().filter(|f| cap::counts_in_run(f)) {
            *self.in_run.entry(f.code).or_default() += 1;
        }
    }

    #[cold]
    fn drop_past_cap(&mut self, f: Finding, run: bool) {
        let (errors, warnings) = match f.severity {
            Severity::Error => (1, 0),
            Severity::Warning => (0, 1),
            Severity::Info => (0, 0),
        };
        if f.every_row {
            self.dropped_every_row
                .push((f.location.sheet.clone(), errors, warnings));
        } else {
            self.dropped.0 += errors;
            self.dropped.1 += warnings;
        }
        let known = self
            .capped
            .iter_mut()
            .find(|(code, file, ..)| *code == f.code && *file == f.location.file);
        match known {
            Some((.., n, by_run)) => {
                *n += 1;
                *by_run |= run;
            }
            None => self.capped.push((f.code, f.location.file.clone(), 1, run)),
        }
        if let Some(places) = &mut self.places
            && f.severity != Severity::Info
            && !f.every_row
            && f.location.row.is_some()
        {
            places.push(&f.location, f.severity);
        }
    }

    /// The errors and warnings past the cap since the last call: those of
    /// the row just checked, for its innovation's counts.
    pub fn take_dropped(&mut self) -> (u32, u32) {
        std::mem::take(&mut self.dropped)
    }

    /// Where the errors and warnings past the cap were (a sink made with
    /// [`Sink::keeping_places`]).
    pub fn dropped_rows(&mut self) -> Places {
        self.places.take().unwrap_or_default()
    }

    /// One F017 per file and code that went past the cap, saying how many
    /// more there were; listed whatever the cap.
    pub fn finish_capped(&mut self) {
        let settings = &self.template.settings;
        for (code, file, more, run) in std::mem::take(&mut self.capped) {
            let limit = match run {
                true => settings.max_findings_per_code_in_run,
                false => settings.max_findings_per_code,
            };
            self.findings.extend(cap::capped_finding(
                self.template,
                &file,
                code,
                more,
                limit,
                run,
            ));
        }
    }
}

/// Where the errors and warnings past the cap of the checks across files
/// were: twelve bytes each, the file and sheet named once. (As locations,
/// a 49 MB CSV of rows with one name repeated kept 650,000 of them, about
/// a hundred bytes each and a copy of the file name.)
#[derive(Debug, Default)]
pub(crate) struct Places {
    /// Each (file, sheet) named, and its number.
    origins: Vec<(String, Option<String>)>,
    known: foldhash::HashMap<(String, Option<String>), u32>,
    /// (origin, row, severity)
    rows: Vec<(u32, u32, Severity)>,
}

impl Places {
    fn push(&mut self, l: &Location, severity: Severity) {
        let Some(row) = l.row else { return };
        let last = self.origins.len().checked_sub(1);
        let origin = match last {
            Some(k) if self.origins[k].0 == l.file && self.origins[k].1 == l.sheet => k as u32,
            _ => {
                let key = (l.file.clone(), l.sheet.clone());
                match self.known.get(&key) {
                    Some(&k) => k,
                    None => {
                        let k = self.origins.len() as u32;
                        self.known.insert(key.clone(), k);
                        self.origins.push(key);
                        k
                    }
                }
            }
        };
        self.rows.push((origin, row, severity));
    }
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
    /// The same, shared by the file's evidence statements.
    shared_file: Arc<str>,
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
    /// How many rows it may check, how many it did, and where it stopped
    /// (sheet, row, the row's agency) with how many rows not checked from
    /// there.
    allowance: Allowance,
    checked: u32,
    stopped: Option<(Option<Arc<str>>, u32, String)>,
    rows_not_checked: u64,
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
            shared_file: Arc::from(file),
            agency_hint: agency_hint.to_string(),
            origin: None,
            sink: Sink::new(template),
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

    /// Whether `record` is checked: `false` for the rows past what the
    /// file may check (`max_innovations_in_run`), which are counted for
    /// its F020 and are not innovations. Asked once per row, before the
    /// row is seen by anything else.
    pub fn admits(&mut self, record: &Record) -> bool {
        if self.stopped.is_none() {
            let limit = self.template.settings.max_innovations_in_run;
            let ok = match self.allowance {
                _ if limit == 0 => true,
                Allowance::Rows(n) => self.checked < n,
                Allowance::Run => self.options.budget.take(limit),
            };
            if ok {
                self.checked += 1;
                return true;
            }
            self.stopped = Some((record.sheet.clone(), record.row, record.agency.clone()));
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
        let rows = rows.min(MAX_EXPECTED_ROWS) as usize;
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
                let (why, why_en) = if *findings {
                    (
                        "lembar temuan umpan balik bimtek",
                        "bimtek's feedback findings",
                    )
                } else {
                    ("bagian formulir, bukan data", "part of the form, not data")
                };
                self.sink.push(
                    Finding::new(Code::F012, loc)
                        .arg("sheet", &**sheet)
                        .arg("why", why)
                        .arg("why_en", why_en),
                );
            }
            Event::NotInnovationList { sheet } => {
                let mut loc = Location::file(&self.file);
                loc.sheet = sheet.as_deref().map(str::to_string);
                self.sink.push(Finding::new(Code::F013, loc));
            }
            Event::NoHeader { sheet, scanned } => self.no_header.push((sheet.clone(), *scanned)),
            Event::Header { sheet, header } => {
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
                .push(Statement::from_row(&self.shared_file, row)),
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
            let place = crate::outcome::Place {
                file: self.shared_file.clone(),
                sheet: record.sheet.clone(),
                row: record.row,
            };
            Statement::from_wide(&place, &Arc::from(record.agency.as_str()), &record.wide)
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
        if let Some((sheet, row, agency)) = self.stopped.take() {
            let mut loc = Location::file(&self.file);
            loc.sheet = sheet.as_deref().map(str::to_string);
            loc.row = Some(row);
            let limit = self.template.settings.max_innovations_in_run;
            // The agency of the row where checking stopped: its report
            // and feedback tell it that its list was not checked whole.
            self.sink.push(
                Finding::new(Code::F020, loc)
                    .number("rows", "rows_en", self.rows_not_checked as f64, 0)
                    .number("limit", "limit_en", f64::from(limit), 0)
                    .agency(&agency),
            );
        }
        if self.innovations.is_empty() && !unreadable && self.rows_not_checked == 0 {
            let loc = Location::file(&self.file);
            if self.headers_seen > 0 {
                self.sink.push(
                    Finding::new(Code::F003, loc)
                        .arg("detail", "hanya baris judul kolom")
                        .arg("detail_en", "only the header row"),
                );
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
                self.sink.push(
                    Finding::new(Code::F003, loc)
                        .arg("detail", "lembarnya kosong")
                        .arg("detail_en", "the sheets are empty"),
                );
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
/// from there, as [`tie_findings`] counts the listed ones.
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

/// Complete the run's joined results: evidence, cross-file checks, sorting and
/// per-innovation counts. The scores are the score stage's
/// ([`crate::score::score`]).
pub fn combine(
    template: &Template,
    options: &CheckOptions,
    run: Run,
    resolver: &dyn Resolver,
    baseline: Option<&Baseline>,
) -> Outcome {
    // The files' lists were joined in the run's order as each file came
    // (`Gather`), so no file's list is held beside the run's here.
    let Run {
        mut files,
        findings,
        mut innovations,
        statements,
        evidence_layout: evidence_given,
        ideas,
    } = run;
    files.sort();
    let mut sink = Sink::keeping_places(template);
    sink.findings = findings;
    sink.count_listed_in_run();
    evidence::attach(&mut innovations, statements, &mut sink);
    evidence::check_all(
        template,
        &mut innovations,
        evidence_given,
        resolver,
        &mut sink,
    );
    lablist::repeats(template, &innovations, &mut sink);
    lablist::stage_order(template, &innovations, ideas, &mut sink);
    unique::agencies_without_innovation(template, &innovations, &mut sink);
    unique::award_groups(template, &innovations, &mut sink);
    if let Some(r) = &options.roster {
        let (list, read) = &**r;
        let in_portal: Vec<(Option<&str>, &str)> = baseline
            .iter()
            .flat_map(|b| &b.entries)
            .map(|e| (e.agency.as_deref(), e.name.as_str()))
            .collect();
        let lab = lablist::lab_list(template);
        roster::check(list, &files, &innovations, &in_portal, lab, &mut sink);
        for f in read {
            sink.push(f.clone());
        }
    }
    // Per innovation, on every core (the findings are sorted below).
    let outside: Vec<Finding> = innovations
        .par_iter()
        .filter_map(|inn| portal::window(template, options.as_of, inn))
        .collect();
    for f in outside {
        sink.push(f);
    }
    if let Some(b) = baseline {
        sink.findings.extend(b.findings.iter().cloned());
    }
    // A lab's ideas are followed into the IID lists instead of being
    // compared with the portal as agency innovations.
    let lab = !template.settings.launched_stages.is_empty();
    let mut ideas = follow::follow(
        template,
        &innovations,
        baseline,
        options.catalog.as_deref().map(Vec::as_slice),
        &mut sink,
    );
    let portal_only = baseline.filter(|_| !lab).map(|b| {
        portal::compare(
            template,
            &b.options,
            &mut innovations,
            &b.entries,
            &mut sink,
        )
    });
    sink.finish_capped();
    let dropped = sink.dropped_rows();
    let mut findings = sink.findings;
    // Usually in order already (one file, or files read in order): a stable
    // sort would still take a scratch copy of every innovation.
    if !innovations.is_sorted_by(|a, b| a.place() <= b.place()) {
        follow::resort(&mut ideas, &innovations);
        innovations.sort_by(|a, b| a.place().cmp(&b.place()));
    }
    count_dropped(&mut innovations, dropped);
    // Stable, on every core (tens of thousands of findings at 100k).
    findings.par_sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    findings.dedup();
    let counts = tie_findings(&innovations, &mut findings);
    for (inn, (errors, warnings)) in innovations.iter_mut().zip(counts) {
        inn.errors = errors;
        inn.warnings = warnings;
        inn.status = if errors > 0 {
            Severity::Error
        } else if warnings > 0 {
            Severity::Warning
        } else {
            Severity::Info
        };
    }
    Outcome {
        files,
        innovations,
        findings,
        pemda: Vec::new(),
        portal_only,
        ideas,
    }
}

/// Add the errors and warnings past the cap of the checks across files to
/// the innovations they fall on (their row, or an evidence row attached to
/// them), as [`tie_findings`] adds the listed ones.
fn count_dropped(innovations: &mut [Innovation], dropped: Places) {
    if dropped.rows.is_empty() {
        return;
    }
    // Evidence rows by place; an innovation's own row is found in the
    // sorted list (a map of every innovation took 100 MB at 660,000).
    let mut rows: foldhash::HashMap<(&str, Option<&str>, u32), usize> =
        foldhash::HashMap::default();
    for (i, inn) in innovations.iter().enumerate() {
        for st in &inn.statements {
            rows.insert((&st.loc.file, st.loc.sheet.as_deref(), st.loc.row), i);
        }
    }
    let mut add: Vec<(usize, Severity)> = Vec::new();
    for &(origin, row, severity) in &dropped.rows {
        let (file, sheet) = &dropped.origins[origin as usize];
        let key = (file.as_str(), sheet.as_deref(), row);
        // Of two innovations at one place (a row number used twice), the
        // later one, as a map filled in order kept it.
        let end = innovations.partition_point(|i| i.place() <= key);
        let own = end
            .checked_sub(1)
            .filter(|&k| innovations[k].place() == key);
        if let Some(i) = own.or_else(|| rows.get(&key).copied()) {
            add.push((i, severity));
        }
    }
    drop(rows);
    for (i, severity) in add {
        match severity {
            Severity::Error => innovations[i].errors += 1,
            Severity::Warning => innovations[i].warnings += 1,
            Severity::Info => {}
        }
    }
}

/// Ties each finding to the innovation it concerns (the one on its row, or
/// the one its evidence row is attached to) and counts each innovation's
/// errors and warnings: those tied to it, and those that hold for every
/// row of its sheet or file (a required column missing).
fn tie_findings(innovations: &[Innovation], findings: &mut [Finding]) -> Vec<(u32, u32)> {
    let mut evidence_rows: foldhash::HashMap<(&str, Option<&str>, u32), u32> =
        foldhash::HashMap::default();
    for (i, inn) in innovations.iter().enumerate() {
        for st in &inn.statements {
            if !st.loc.is(inn.file(), inn.sheet(), inn.row) {
                evidence_rows.insert(
                    (&st.loc.file, st.loc.sheet.as_deref(), st.loc.row),
                    i as u32,
                );
            }
        }
    }
    let mut counts: Vec<(u32, u32)> = innovations.iter().map(|i| (i.errors, i.warnings)).collect();
    let add = |c: &mut (u32, u32), severity: Severity| match severity {
        Severity::Error => c.0 += 1,
        Severity::Warning => c.1 += 1,
        Severity::Info => {}
    };
    // Per sheet (or file, for a finding without a sheet): the errors and
    // warnings every innovation read from there counts.
    let mut every_row: foldhash::HashMap<(&str, Option<&str>), (u32, u32)> =
        foldhash::HashMap::default();
    // Both lists are sorted by (file, sheet, row): walk them together.
    let mut ii = 0;
    for f in findings.iter_mut() {
        let l = &f.location;
        if f.every_row {
            add(
                every_row
                    .entry((l.file.as_str(), l.sheet.as_deref()))
                    .or_default(),
                f.severity,
            );
            continue;
        }
        let Some(row) = l.row else { continue };
        let key = (l.file.as_str(), l.sheet.as_deref(), row);
        while ii < innovations.len() {
            let inn = &innovations[ii];
            if inn.place() < key {
                ii += 1;
            } else {
                break;
            }
        }
        let tied = match innovations.get(ii) {
            Some(inn) if inn.place() == key => Some(ii as u32),
            _ => evidence_rows
                .get(&(l.file.as_str(), l.sheet.as_deref(), row))
                .copied(),
        };
        if let Some(i) = tied {
            add(&mut counts[i as usize], f.severity);
        }
        f.innovation = tied;
    }
    if !every_row.is_empty() {
        for (inn, c) in innovations.iter().zip(counts.iter_mut()) {
            let sheet = every_row.get(&(inn.file(), inn.sheet()));
            let file = match inn.sheet() {
                Some(_) => every_row.get(&(inn.file(), None)),
                None => None,
            };
            for (errors, warnings) in sheet.into_iter().chain(file) {
                c.0 += errors;
                c.1 += warnings;
            }
        }
    }
    counts
}

#[cfg(test)]
pub(crate) mod testing {
    //! Helpers to build records in memory for rule tests.
    use super::*;
    use crate::load::RawCell;
    use crate::normalize::read_cell;

    pub fn template() -> Template {
        Template::builtin("iid-2026").unwrap().unwrap()
    }

    /// An innovation of `file` at `row`, with nothing checked yet.
    pub fn innovation(file: &str, row: u32, agency: &str, name: &str) -> Innovation {
        Innovation::new(file, None, row, agency, name)
    }

    pub fn options() -> CheckOptions {
        CheckOptions {
            as_of: NaiveDate::from_ymd_opt(2026, 11, 24).unwrap(),
            pemda: "Pemda".into(),
            spd: None,
            roster: None,
            catalog: None,
            budget: Arc::default(),
        }
    }

    /// A record with the given (field key, cell) pairs; other fields have
    /// columns but are empty, except those in `missing`.
    pub fn record(t: &Template, cells: &[(&str, RawCell)], missing: &[&str]) -> Record {
        let mut out = Vec::new();
        for (i, f) in t.fields.iter().enumerate() {
            if missing.contains(&f.key.as_str()) {
                out.push(None);
                continue;
            }
            let raw = cells
                .iter()
                .find(|(k, _)| *k == f.key)
                .map(|(_, c)| c.clone())
                .unwrap_or(RawCell::Empty);
            out.push(Some(read_cell(
                t,
                i,
                i as u32,
                Arc::from(f.label.as_str()),
                &raw,
            )));
        }
        Record {
            sheet: Some(Arc::from("Data")),
            row: 5,
            agency: "Dinas Uji".into(),
            cells: out,
            wide: Vec::new(),
        }
    }

    pub fn text(s: &str) -> RawCell {
        RawCell::Text(s.to_string())
    }

    /// A complete, clean innovation.
    pub fn clean_cells() -> Vec<(&'static str, RawCell)> {
        let long = "kata ".repeat(320);
        vec![
            ("nama_inovasi", text("SIPANDU Posyandu Digital")),
            ("perangkat_daerah", text("Dinas Kesehatan")),
            ("tahapan", text("Penerapan")),
            ("inisiator", text("OPD")),
            ("nama_inisiator", text("dr. Sari")),
            ("jenis", text("Digital")),
            ("bentuk", text("Inovasi Pelayanan Publik")),
            ("klasifikasi", text("Inovasi Perangkat Daerah")),
            ("urusan_utama", text("Kesehatan")),
            ("waktu_uji_coba", text("01/03/2024")),
            ("waktu_penerapan", text("01/06/2024")),
            ("rancang_bangun", RawCell::Text(long)),
            ("tujuan", text("Mempercepat layanan")),
            ("manfaat", text("Layanan lebih cepat")),
            ("hasil", text("Waktu layanan turun")),
            ("koordinat", text("-3.3194,114.5908")),
            ("asta_cita", RawCell::Number(4.0)),
            ("pkpn_klaster", text("Kesehatan")),
        ]
    }

    /// A complete, clean KIPP proposal (template kipp-2026, as of 2026-11-24).
    pub fn kipp_clean() -> Vec<(&'static str, RawCell)> {
        vec![
            ("nama_inovasi", text("Layanan Adminduk Keliling")),
            ("perangkat_daerah", text("Dinas Dukcapil")),
            ("instansi", text("Kabupaten Uji")),
            ("kelompok", text("Umum")),
            ("kategori", text("Tata Kelola Pemerintahan")),
            ("tanggal_mulai", text("02/01/2023")),
            ("pernah_finalis99", text("Tidak")),
            ("ringkasan", text(&"ringkas ".repeat(150))),
            ("latar_belakang", text(&"latar ".repeat(250))),
            ("kebaruan", text(&"baru ".repeat(150))),
            ("implementasi", text(&"terap ".repeat(150))),
            ("signifikansi", text(&"dampak ".repeat(500))),
            ("adaptabilitas_replikasi", text("Belum direplikasi")),
            ("adaptabilitas_potensi", text(&"potensi ".repeat(100))),
            ("sumber_daya", text(&"sumber ".repeat(100))),
            ("keberlanjutan", text(&"lanjut ".repeat(400))),
            ("video", text("https://www.youtube.com/watch?v=abc123xyz00")),
            ("sk_inisiator", text("sk-inisiator.pdf")),
            ("surat_implementasi", text("pernyataan-implementasi.pdf")),
            ("surat_identitas", text("pernyataan-identitas.pdf")),
            ("surat_replikasi", text("pernyataan-replikasi.pdf")),
            ("bukti_usia", text("bukti-usia.pdf")),
        ]
    }

    /// The codes a clean record (`base`) gets once `changes` replace some
    /// of its cells, under template `t`.
    pub fn codes_after(
        t: &Template,
        mut base: Vec<(&'static str, RawCell)>,
        changes: &[(&'static str, RawCell)],
    ) -> Vec<Code> {
        for (k, v) in changes {
            base.retain(|(key, _)| key != k);
            base.push((k, v.clone()));
        }
        codes(t, &record(t, &base, &[]))
    }

    /// The findings a clean record gets once `changes` replace some of
    /// its cells, with the given columns `missing`.
    pub fn findings_after(
        t: &Template,
        mut base: Vec<(&'static str, RawCell)>,
        changes: &[(&'static str, RawCell)],
        missing: &[&str],
    ) -> Vec<Finding> {
        for (k, v) in changes {
            base.retain(|(key, _)| key != k);
            base.push((k, v.clone()));
        }
        let r = record(t, &base, missing);
        let mut sink = Sink::new(t);
        let loc = Location {
            file: "x.xlsx".into(),
            sheet: Some("Data".into()),
            row: Some(r.row),
            ..Location::default()
        };
        fields::check(t, &options(), &loc, &r, &mut sink);
        rows::check(t, &options(), &loc, &r, &mut sink);
        sink.findings
    }

    /// Run the per-row rules on one record and return the codes found.
    pub fn codes(t: &Template, r: &Record) -> Vec<Code> {
        let mut sink = Sink::new(t);
        let loc = Location {
            file: "x.xlsx".into(),
            sheet: Some("Data".into()),
            row: Some(r.row),
            ..Location::default()
        };
        fields::check(t, &options(), &loc, r, &mut sink);
        rows::check(t, &options(), &loc, r, &mut sink);
        let mut c: Vec<_> = sink.findings.iter().map(|f| f.code).collect();
        c.sort_unstable();
        c
    }

    #[test]
    fn a_clean_record_has_no_findings() {
        let t = template();
        let r = record(&t, &clean_cells(), &[]);
        assert_eq!(codes(&t, &r), Vec::<Code>::new());
    }
}

#[cfg(test)]
mod tests {
    use super::testing::*;
    use super::*;
    use crate::outcome::{Digest, Resolved};
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

    /// A finding about a whole sheet (or file) counts for every innovation
    /// read from there, once; one on a row is tied to the innovation there.
    #[test]
    fn sheet_findings_count_for_each_of_its_innovations() {
        let inn = |file: &str, sheet: Option<&str>, row: u32| {
            Innovation::new(file, sheet, row, "Dinas Uji", &format!("{file} {row}"))
        };
        let innovations = vec![
            inn("a.xlsx", Some("A"), 5),
            inn("a.xlsx", Some("A"), 6),
            inn("a.xlsx", Some("B"), 5),
            inn("b.csv", None, 2),
        ];
        let at = |code: Code, file: &str, sheet: Option<&str>, row: Option<u32>| {
            let mut loc = Location::file(file);
            loc.sheet = sheet.map(str::to_string);
            loc.row = row;
            Finding::new(code, loc)
        };
        let mut findings = vec![
            at(Code::F007, "a.xlsx", None, None),
            at(Code::H002, "a.xlsx", Some("A"), Some(1)).for_every_row(),
            at(Code::V001, "a.xlsx", Some("A"), Some(6)),
            at(Code::D007, "a.xlsx", Some("B"), Some(5)),
            at(Code::H003, "b.csv", None, Some(1)).for_every_row(),
        ];
        findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        let counts = tie_findings(&innovations, &mut findings);
        assert_eq!(counts, [(1, 0), (2, 0), (0, 1), (0, 1)]);
        let tied: Vec<(Code, Option<u32>)> =
            findings.iter().map(|f| (f.code, f.innovation)).collect();
        assert_eq!(
            tied,
            [
                (Code::F007, None),
                (Code::H002, None),
                (Code::V001, Some(1)),
                (Code::D007, Some(2)),
                (Code::H003, None)
            ]
        );
        let outcome = Outcome {
            innovations,
            findings,
            ..Outcome::default()
        };
        let codes = |list: Vec<&Finding>| list.iter().map(|f| f.code).collect::<Vec<_>>();
        assert_eq!(codes(outcome.findings_of(1)), [Code::H002, Code::V001]);
        assert_eq!(codes(outcome.findings_of(2)), [Code::D007]);
        assert_eq!(codes(outcome.findings_of(3)), [Code::H003]);
        let per: Vec<Vec<Code>> = outcome
            .findings_per_innovation()
            .into_iter()
            .map(codes)
            .collect();
        assert_eq!(
            per,
            [
                vec![Code::H002],
                vec![Code::H002, Code::V001],
                vec![Code::D007],
                vec![Code::H003]
            ]
        );
    }

    struct NoEvidence;

    impl Resolver for NoEvidence {
        fn resolve_all(&self, _: &[(&str, &str)]) -> Vec<Resolved> {
            Vec::new()
        }
        fn content_hash(&self, _: &std::path::Path) -> Option<Digest> {
            None
        }
    }

    /// "Safe at the edges": six rows with the same mistakes and their
    /// names alike, checked with a cap of `cap` findings per code and file.
    fn capped(cap: u32) -> Outcome {
        let mut t = template();
        t.settings.max_findings_per_code = cap;
        let o = options();
        let mut results = Vec::new();
        for file in ["a.xlsx", "b.xlsx"] {
            let mut fc = FileCheck::new(&t, &o, file, "Dinas Uji");
            for row in 0..6 {
                let mut r = record(
                    &t,
                    &[
                        // The same name in a file; another in each file:
                        // two files of one agency's same names would
                        // repeat each other (one U004, no U001).
                        ("nama_inovasi", text(&format!("Sama {file}"))),
                        ("tahapan", text("zz")),
                        ("jenis", text("zz")),
                        ("waktu_penerapan", text("99/99/9999")),
                    ],
                    &[],
                );
                r.row = row + 2;
                fc.event(&mut Event::Record(r));
            }
            results.push(fc.finish());
        }
        combine(&t, &o, Gather::all(&t, results), &NoEvidence, None)
    }

    #[test]
    fn findings_past_the_cap_still_count_for_their_innovations() {
        let (all, some) = (capped(0), capped(2));
        let counts = |o: &Outcome| -> Vec<(u32, u32)> {
            o.innovations
                .iter()
                .map(|i| (i.errors, i.warnings))
                .collect()
        };
        assert_eq!(counts(&some), counts(&all));
        assert!(
            all.innovations.iter().all(|i| i.errors >= 3),
            "{:?}",
            counts(&all)
        );
        let per = |o: &Outcome, file: &str, code: Code| {
            o.findings
                .iter()
                .filter(|f| f.location.file == file && f.code == code)
                .count()
        };
        assert!(all.findings.iter().all(|f| f.code != Code::F017));
        // V001 twice a row, U001 (checked across files) once a row: two of
        // each listed per file, and one F017 each telling of the rest.
        for file in ["a.xlsx", "b.xlsx"] {
            assert_eq!(per(&all, file, Code::V001), 12);
            assert_eq!(per(&some, file, Code::V001), 2);
            assert!(
                per(&all, file, Code::U001) >= 3,
                "{}",
                per(&all, file, Code::U001)
            );
            assert_eq!(per(&some, file, Code::U001), 2);
            let told: Vec<_> = some
                .findings
                .iter()
                .filter(|f| f.location.file == file && f.code == Code::F017)
                .map(|f| f.message(crate::diag::Lang::En))
                .collect();
            assert!(
                told.iter().any(|m| m.starts_with("10 more V001 findings")),
                "{told:?}"
            );
            assert!(told.iter().any(|m| m.contains(" more U001 ")), "{told:?}");
        }
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
