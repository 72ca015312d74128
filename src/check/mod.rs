//! Records + template -> findings. One file per rule family: `files` (what
//! loading said), `fields` (each cell against its field), `rows` (fields
//! against each other), `unique` (names across rows and agencies),
//! `evidence` (each indicator's evidence), `spd` (the pemda's SPD sheet),
//! `portal` (against the portal's lists and the assessment window). No
//! I/O, no terminal: everything here is testable on records built in
//! memory.

pub mod evidence;
mod fields;
mod files;
mod labinov;
mod lablist;
pub mod portal;
mod roster;
mod rows;
pub use roster::read as read_roster;
pub mod spd;
mod unique;

pub use evidence::{FileFacts, Resolved, Resolver, Statement};
pub use fields::{MAX_CELL_CHARS, too_long_for_a_cell};
pub use files::{load_error_finding, load_note_findings};

use crate::diag::{Finding, Location, Severity};
use crate::normalize::{Event, Record};
use crate::template::{Template, fold};
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
}

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
    pub errors: u32,
    pub warnings: u32,
    pub agency: String,
    name: String,
    /// Folded name, for matching; `None` when it is the name itself.
    name_key: Option<Box<str>>,
    /// The pemda its row names, if any.
    pub pemda: Option<String>,
    /// For an award's per-group rules: the group its row names (KIPP: the
    /// instansi) and the canonical value its quota counts by (kelompok).
    award: Option<Box<AwardFacts>>,
    /// What the agency says about its indicators.
    pub statements: Vec<Statement>,
    pub score: crate::score::InnovationScore,
    /// Dates and values compared with the portal.
    pub facts: portal::Facts,
    /// Where it stands against the portal, when a baseline was given.
    pub portal: Option<Box<portal::PortalStatus>>,
}

/// The file (as displayed) and sheet an innovation was read from, one for
/// all the rows of a sheet.
#[derive(Debug, PartialEq, Eq)]
struct Origin {
    file: String,
    sheet: Option<String>,
}

/// An award template's group and kelompok of one innovation.
#[derive(Debug, Clone, Default)]
struct AwardFacts {
    group: Option<String>,
    quota_class: Option<String>,
}

/// What the portal holds, and how to compare with it.
#[derive(Debug, Clone)]
pub struct Baseline {
    pub entries: Vec<portal::PortalEntry>,
    /// Findings about baseline files that could not be read.
    pub findings: Vec<Finding>,
    pub options: portal::PortalOptions,
}

impl Innovation {
    /// An innovation read from `file` (and `sheet`) at `row`, with nothing
    /// checked yet.
    pub fn new(file: &str, sheet: Option<&str>, row: u32, agency: &str, name: &str) -> Self {
        let origin = Arc::new(Origin {
            file: file.to_string(),
            sheet: sheet.map(str::to_string),
        });
        Innovation::at(origin, row, agency.to_string(), name.to_string())
    }

    fn at(origin: Arc<Origin>, row: u32, agency: String, name: String) -> Self {
        let mut inn = Innovation {
            origin,
            row,
            status: Severity::Info,
            errors: 0,
            warnings: 0,
            agency,
            name: String::new(),
            name_key: None,
            pemda: None,
            award: None,
            statements: Vec::new(),
            score: crate::score::InnovationScore::default(),
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
        &self.name
    }

    /// Its folded name, for matching.
    pub fn name_key(&self) -> &str {
        self.name_key.as_deref().unwrap_or(&self.name)
    }

    /// Sets its name, and the folded name with it.
    pub fn set_name(&mut self, name: String) {
        let key = fold(&name);
        self.name_key = (key != name).then(|| key.into_boxed_str());
        self.name = name;
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
}

/// Applies the template's severity overrides; drops switched-off codes; and
/// lists at most `settings.max_findings_per_code` findings of one code for
/// one file, so that memory follows the input, not the findings (a hostile
/// 12 MB CSV with a dozen findings on each row took 7.75 GB). A finding
/// past the cap is counted, never lost from the counts: per innovation
/// through [`Sink::take_dropped`] (a file's rows) or
/// [`Sink::dropped_rows`] (the checks across files), and per file and code
/// in one F017 from [`Sink::finish_capped`].
pub(crate) struct Sink<'t> {
    template: &'t Template,
    pub findings: Vec<Finding>,
    /// Findings listed so far, per code and file.
    listed: foldhash::HashMap<&'static str, foldhash::HashMap<String, u32>>,
    /// Errors and warnings past the cap since [`Sink::take_dropped`].
    dropped: (u32, u32),
    /// Where each error or warning past the cap was, when kept
    /// ([`Sink::keeping_places`]).
    places: Option<Places>,
    /// Findings past the cap per (code, file).
    capped: Vec<(&'static str, String, u64)>,
}

impl<'t> Sink<'t> {
    pub fn new(template: &'t Template) -> Self {
        Sink {
            template,
            findings: Vec::new(),
            listed: foldhash::HashMap::default(),
            dropped: (0, 0),
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
                self.drop_past_cap(f);
                return;
            }
            *listed += 1;
        }
        self.findings.push(f);
    }

    #[cold]
    fn drop_past_cap(&mut self, f: Finding) {
        match f.severity {
            Severity::Error => self.dropped.0 += 1,
            Severity::Warning => self.dropped.1 += 1,
            Severity::Info => {}
        }
        let known = self
            .capped
            .iter_mut()
            .find(|(code, file, _)| *code == f.code && *file == f.location.file);
        match known {
            Some((.., n)) => *n += 1,
            None => self.capped.push((f.code, f.location.file.clone(), 1)),
        }
        if let Some(places) = &mut self.places
            && f.severity != Severity::Info
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
        let limit = self.template.settings.max_findings_per_code;
        for (code, file, more) in std::mem::take(&mut self.capped) {
            let Some(s) = self.template.severity_of("F017", Severity::Info) else {
                continue;
            };
            let mut f = Finding::new("F017", Location::file(&file))
                .arg("code", code)
                .number("more", "more_en", more as f64, 0)
                .number("limit", "limit_en", limit as f64, 0);
            f.severity = s;
            self.findings.push(f);
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
    fact_fields: portal::FactFields,
    /// (sheet, field) whose column was said to hold another system's values.
    foreign_seen: Vec<(Option<Arc<str>>, usize)>,
    groups: labinov::Groups,
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
            name_field: template.field_index("nama_inovasi"),
            pemda_field: template.field_index("pemda"),
            fact_fields: portal::FactFields::new(template),
            foreign_seen: Vec::new(),
            groups: labinov::Groups::default(),
        }
    }

    /// A finding about the file itself (load problems and notes).
    pub fn file_finding(&mut self, f: Finding) {
        self.sink.push(f);
    }

    pub fn event(&mut self, event: Event) {
        match event {
            Event::HiddenSheet { sheet } => {
                let mut loc = Location::file(&self.file);
                loc.sheet = Some(sheet.to_string());
                self.sink.push(Finding::new("F008", loc));
            }
            Event::SkippedSheet { sheet, findings } => {
                let mut loc = Location::file(&self.file);
                loc.sheet = Some(sheet.to_string());
                let (why, why_en) = if findings {
                    (
                        "lembar temuan umpan balik bimtek",
                        "bimtek's feedback findings",
                    )
                } else {
                    ("bagian formulir, bukan data", "part of the form, not data")
                };
                self.sink.push(
                    Finding::new("F012", loc)
                        .arg("sheet", &sheet)
                        .arg("why", why)
                        .arg("why_en", why_en),
                );
            }
            Event::NotInnovationList { sheet } => {
                let mut loc = Location::file(&self.file);
                loc.sheet = sheet.as_deref().map(str::to_string);
                self.sink.push(Finding::new("F013", loc));
            }
            Event::NoHeader { sheet, scanned } => self.no_header.push((sheet, scanned)),
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
                    &header,
                    &mut self.sink,
                );
            }
            Event::ExpectRows(rows) => {
                // Room made once instead of growing (and copying) the list
                // as it fills; a stray far cell can make a sheet declare a
                // million rows, so the room is bounded, and what is left
                // unused is given back in `finish`.
                let rows = rows.min(MAX_EXPECTED_ROWS) as usize;
                self.innovations.reserve(rows);
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
                (sheet, row, title, pemda, stated),
            ),
            Event::Record(record) => self.record(record),
            Event::Evidence(row) => self
                .evidence
                .push(Statement::from_row(&self.shared_file, &row)),
        }
    }

    fn record(&mut self, record: Record) {
        // Only the findings past the cap on this row count for it.
        self.sink.take_dropped();
        let loc = Location {
            file: self.file.clone(),
            sheet: record.sheet.as_deref().map(str::to_string),
            row: Some(record.row),
            col: None,
            header: None,
        };
        fields::check(self.template, self.options, &loc, &record, &mut self.sink);
        fields::foreign_column(
            self.template,
            &loc,
            &record,
            &mut self.foreign_seen,
            &mut self.sink,
        );
        rows::check(self.template, self.options, &loc, &record, &mut self.sink);
        self.groups
            .code(self.template, &loc, &record, &mut self.sink);
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
            });
        let statements = if record.wide.is_empty() {
            Vec::new()
        } else {
            let place = evidence::Place {
                file: self.shared_file.clone(),
                sheet: record.sheet.clone(),
                row: record.row,
            };
            Statement::from_wide(&place, &Arc::from(record.agency.as_str()), &record.wide)
        };
        let facts = portal::Facts::from_record(&self.fact_fields, &record);
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
        let mut inn = Innovation::at(origin, record.row, record.agency, name);
        // Its findings past the cap; the listed ones are added in `combine`.
        inn.errors = errors;
        inn.warnings = warnings;
        inn.pemda = pemda;
        inn.set_award(group, quota_class);
        inn.statements = statements;
        inn.score = crate::score::InnovationScore::empty(self.template);
        inn.facts = facts;
        self.innovations.push(inn);
        for cell in record.cells.into_iter().flatten() {
            crate::load::let_go(cell.text);
        }
    }

    /// Close the file: decide file-level findings that depend on all sheets.
    pub fn finish(mut self) -> FileResult {
        self.groups.close(&self.file, &mut self.sink);
        // A file that failed to read part-way (F001, F009) already says why
        // it has no rows; "only a header" on top of it would mislead.
        let unreadable = self.sink.findings.iter().any(|f| {
            f.code.starts_with('F')
                && f.severity == Severity::Error
                && f.location.sheet.is_none()
                && f.location.row.is_none()
        });
        if self.innovations.is_empty() && !unreadable {
            let loc = Location::file(&self.file);
            if self.headers_seen > 0 {
                self.sink.push(
                    Finding::new("F003", loc)
                        .arg("detail", "hanya baris judul kolom")
                        .arg("detail_en", "only the header row"),
                );
            } else if let Some((sheet, scanned)) = self.no_header.first() {
                let mut loc = loc;
                loc.sheet = sheet.as_deref().map(str::to_string);
                self.sink
                    .push(Finding::new("F005", loc).arg("scanned", scanned));
            } else if !self
                .sink
                .findings
                .iter()
                .any(|f| f.severity == Severity::Error || f.code == "F013")
            {
                self.sink.push(
                    Finding::new("F003", loc)
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
            self.sink.findings.retain(|f| f.code != "F003");
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
        }
    }
}

/// Everything a check run produced.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Every input file with its agency hint, sorted.
    pub files: Vec<(String, String)>,
    pub innovations: Vec<Innovation>,
    pub findings: Vec<Finding>,
    /// The estimate per pemda (empty when the template has no scoring).
    pub pemda: Vec<crate::score::PemdaScore>,
    /// Portal entries no agency file has; `None` without a baseline.
    pub portal_only: Option<Vec<portal::PortalOnly>>,
}

impl Outcome {
    /// How many findings have severity `s`.
    pub fn count(&self, s: Severity) -> usize {
        self.findings.iter().filter(|f| f.severity == s).count()
    }

    /// The innovation a finding is tied to, if any.
    pub fn innovation_of(&self, f: &Finding) -> Option<&Innovation> {
        f.innovation.and_then(|i| self.innovations.get(i as usize))
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

/// Join per-file results: evidence, cross-file checks, sorting,
/// per-innovation counts and the pemda estimates.
pub fn combine(
    template: &Template,
    options: &CheckOptions,
    results: Vec<FileResult>,
    resolver: &dyn Resolver,
    baseline: Option<&Baseline>,
) -> Outcome {
    let mut files: Vec<(String, String)> = results
        .iter()
        .map(|r| (r.file.clone(), r.agency_hint.clone()))
        .collect();
    files.sort();
    let mut sink = Sink::keeping_places(template);
    let evidence_given = results.iter().any(|r| r.evidence_layout);
    // The first file's lists are kept and grow once, to their final size,
    // with the others appended in order: a single big file is not copied.
    let total = |f: fn(&FileResult) -> usize| results.iter().map(f).sum::<usize>();
    let (n_findings, n_innovations, n_statements) = (
        total(|r| r.findings.len()),
        total(|r| r.innovations.len()),
        total(|r| r.evidence.len()),
    );
    let mut results = results.into_iter();
    let mut ideas = Vec::new();
    let (mut innovations, mut statements) = match results.next() {
        Some(first) => {
            sink.findings = first.findings;
            ideas = first.ideas;
            (first.innovations, first.evidence)
        }
        None => (Vec::new(), Vec::new()),
    };
    sink.findings.reserve(n_findings - sink.findings.len());
    innovations.reserve(n_innovations - innovations.len());
    statements.reserve(n_statements - statements.len());
    for r in results {
        sink.findings.extend(r.findings);
        innovations.extend(r.innovations);
        statements.extend(r.evidence);
        ideas.extend(r.ideas);
    }
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
    let portal_only = baseline.map(|b| {
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
        innovations.sort_by(|a, b| a.place().cmp(&b.place()));
    }
    count_dropped(&mut innovations, dropped);
    let left_out = left_out(template, &innovations, &findings);
    // The pemda scores need only the innovations, in their final order:
    // they are added up while the findings are sorted and counted.
    let (counts, pemda) = rayon::join(
        || {
            // Stable, on every core (tens of thousands of findings at 100k).
            findings.par_sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
            findings.dedup();
            tie_findings(&innovations, &mut findings)
        },
        || pemda_scores(template, options, &innovations, &left_out),
    );
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
        pemda,
        portal_only,
    }
}

/// Per innovation, the first code of `[scoring] exclude_codes` found at
/// error severity on its row (or, for a header finding, on its sheet): it
/// would not pass eligibility, so the verified estimate leaves it out.
fn left_out(
    t: &Template,
    innovations: &[Innovation],
    findings: &[Finding],
) -> Vec<Option<&'static str>> {
    let Some(codes) = t.scoring.as_ref().map(|s| &s.exclude_codes) else {
        return vec![None; innovations.len()];
    };
    type Place<'a> = (&'a str, Option<&'a str>, Option<u32>);
    let mut at: foldhash::HashMap<Place, &'static str> = foldhash::HashMap::default();
    for f in findings {
        if f.severity != Severity::Error || !codes.contains(&f.code) {
            continue;
        }
        let l = &f.location;
        // A finding about every row of its sheet (a required column
        // missing) leaves each of them out.
        let row = if f.every_row { None } else { l.row };
        at.entry((&l.file, l.sheet.as_deref(), row))
            .and_modify(|c| *c = (*c).min(f.code))
            .or_insert(f.code);
    }
    innovations
        .iter()
        .map(|i| {
            let row = at.get(&(i.file(), i.sheet(), Some(i.row)));
            let sheet = at.get(&(i.file(), i.sheet(), None));
            row.into_iter().chain(sheet).min().copied()
        })
        .collect()
}

/// Group innovations by the pemda their rows name (else the default name).
fn pemda_scores<'a>(
    t: &'a Template,
    o: &'a CheckOptions,
    innovations: &'a [Innovation],
    left_out: &[Option<&'static str>],
) -> Vec<crate::score::PemdaScore> {
    let mut groups: std::collections::BTreeMap<&str, Vec<crate::score::Entry>> =
        std::collections::BTreeMap::new();
    let name = |i: &'a Innovation| i.pemda.as_deref().unwrap_or(&o.pemda);
    // Counted first, so that each list is made once at its size (a list
    // that grows is copied, and for a moment held twice).
    let mut sizes: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
    for i in innovations {
        *sizes.entry(name(i)).or_default() += 1;
    }
    for (name, n) in sizes {
        groups.insert(name, Vec::with_capacity(n));
    }
    for (i, left_out) in innovations.iter().zip(left_out) {
        groups
            .entry(name(i))
            .or_default()
            .push(crate::score::Entry {
                claimed: i.score.claimed,
                verified: i.score.verified,
                has_data: !i.score.indicators().is_empty(),
                urusan: i.urusan(t),
                left_out: *left_out,
            });
    }
    groups
        .iter()
        .filter_map(|(name, entries)| crate::score::estimate(t, name, entries, o.spd))
        .collect()
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
    ) -> Vec<&'static str> {
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
    pub fn codes(t: &Template, r: &Record) -> Vec<&'static str> {
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
        assert_eq!(codes(&t, &r), Vec::<&str>::new());
    }
}

#[cfg(test)]
mod tests {
    use super::testing::*;
    use super::*;

    /// The record kept for each innovation stays small: a 49 MB CSV of
    /// short rows holds 660,000 of them (BENCHMARKS.md, "Safe at the
    /// edges"); it was 424 bytes, with six strings of its own.
    #[test]
    fn an_innovation_record_stays_lean() {
        let size = std::mem::size_of::<Innovation>();
        assert!(size <= 256, "{size} bytes");
    }

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
            fc.event(Event::Record(r));
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
        let at = |code: &'static str, file: &str, sheet: Option<&str>, row: Option<u32>| {
            let mut loc = Location::file(file);
            loc.sheet = sheet.map(str::to_string);
            loc.row = row;
            Finding::new(code, loc)
        };
        let mut findings = vec![
            at("F007", "a.xlsx", None, None),
            at("H002", "a.xlsx", Some("A"), Some(1)).for_every_row(),
            at("V001", "a.xlsx", Some("A"), Some(6)),
            at("D007", "a.xlsx", Some("B"), Some(5)),
            at("H003", "b.csv", None, Some(1)).for_every_row(),
        ];
        findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        let counts = tie_findings(&innovations, &mut findings);
        assert_eq!(counts, [(1, 0), (2, 0), (0, 1), (0, 1)]);
        let tied: Vec<(&str, Option<u32>)> =
            findings.iter().map(|f| (f.code, f.innovation)).collect();
        assert_eq!(
            tied,
            [
                ("F007", None),
                ("H002", None),
                ("V001", Some(1)),
                ("D007", Some(2)),
                ("H003", None)
            ]
        );
        let outcome = Outcome {
            innovations,
            findings,
            ..Outcome::default()
        };
        let codes = |list: Vec<&Finding>| list.iter().map(|f| f.code).collect::<Vec<_>>();
        assert_eq!(codes(outcome.findings_of(1)), ["H002", "V001"]);
        assert_eq!(codes(outcome.findings_of(2)), ["D007"]);
        assert_eq!(codes(outcome.findings_of(3)), ["H003"]);
        let per: Vec<Vec<&str>> = outcome
            .findings_per_innovation()
            .into_iter()
            .map(codes)
            .collect();
        assert_eq!(
            per,
            [
                vec!["H002"],
                vec!["H002", "V001"],
                vec!["D007"],
                vec!["H003"]
            ]
        );
    }

    struct NoEvidence;

    impl Resolver for NoEvidence {
        fn resolve_all(&self, _: &[(&str, &str)]) -> Vec<Resolved> {
            Vec::new()
        }
        fn content_hash(&self, _: &std::path::Path) -> Option<evidence::Digest> {
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
                fc.event(Event::Record(r));
            }
            results.push(fc.finish());
        }
        combine(&t, &o, results, &NoEvidence, None)
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
        let per = |o: &Outcome, file: &str, code: &str| {
            o.findings
                .iter()
                .filter(|f| f.location.file == file && f.code == code)
                .count()
        };
        assert!(all.findings.iter().all(|f| f.code != "F017"));
        // V001 twice a row, U001 (checked across files) once a row: two of
        // each listed per file, and one F017 each telling of the rest.
        for file in ["a.xlsx", "b.xlsx"] {
            assert_eq!(per(&all, file, "V001"), 12);
            assert_eq!(per(&some, file, "V001"), 2);
            assert!(per(&all, file, "U001") >= 3, "{}", per(&all, file, "U001"));
            assert_eq!(per(&some, file, "U001"), 2);
            let told: Vec<_> = some
                .findings
                .iter()
                .filter(|f| f.location.file == file && f.code == "F017")
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
            fc.event(Event::ExpectRows(expected));
            for _ in 0..rows {
                fc.event(Event::Record(record(&t, &clean_cells(), &[])));
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
