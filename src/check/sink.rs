//! Where the checks put their findings: severity overrides, switched-off
//! codes and the caps on how many of one code are listed.

use crate::diag::{Code, Finding, Lang, Location, Say, Severity};
use crate::template::Template;
use std::sync::atomic::{AtomicBool, Ordering};

/// The codes of which the files joined to the run so far list the whole
/// `max_findings_per_code_in_run`, shared by the files being checked: a
/// later file lists none of them, so its sink counts them from the start
/// instead of listing them until the file joins and is trimmed (each file
/// in hand held up to 5,000 findings of every code).
#[derive(Debug)]
pub struct RunFull(Box<[AtomicBool]>);

impl Default for RunFull {
    fn default() -> Self {
        RunFull(Code::ALL.iter().map(|_| AtomicBool::new(false)).collect())
    }
}

impl RunFull {
    /// The files joined so far list the run's whole cap of `code`.
    pub(crate) fn fill(&self, code: Code) {
        self.0[code as usize].store(true, Ordering::Relaxed);
    }

    pub(crate) fn is_full(&self, code: Code) -> bool {
        self.0[code as usize].load(Ordering::Relaxed)
    }
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
/// lists, and across files through `Gather` (cap.rs).
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
    /// sheet (or, without a sheet, of the file): `count_for_every_row` (file_check.rs).
    pub(super) dropped_every_row: Vec<(Option<String>, u32, u32)>,
    /// Where each error or warning past the cap was, when kept
    /// ([`Sink::keeping_places`]).
    places: Option<Places>,
    /// Findings past the cap per (code, file), and whether the run-wide
    /// cap took any of them.
    capped: Vec<(Code, String, u64, bool)>,
    /// Lists every finding, for a sink that passes them on to one that
    /// holds the caps ([`Sink::passing_on`]).
    uncapped: bool,
    /// The codes the files before this one already list in full.
    full: Option<&'t RunFull>,
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
            uncapped: false,
            full: None,
        }
    }

    /// A sink whose findings are all passed on, one by one, to a sink that
    /// holds the caps and counts those past them (each innovation's
    /// evidence checked on its own core): capped here, the ones past the
    /// cap would count for no innovation.
    pub fn passing_on(template: &'t Template) -> Self {
        Sink {
            uncapped: true,
            ..Sink::new(template)
        }
    }

    /// A sink of a file of the run that lists none of the codes `full`
    /// tells of (the files before it list the run's whole cap of them).
    pub fn after(mut self, full: &'t RunFull) -> Self {
        self.full = Some(full);
        self
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
        if self.uncapped {
            self.findings.push(f);
            return;
        }
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
        if run_limit > 0 && counts_in_run(&f) {
            let in_run = self.in_run.entry(f.code).or_default();
            if *in_run >= run_limit || self.full.is_some_and(|full| full.is_full(f.code)) {
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
        for f in self.findings.iter().filter(|f| counts_in_run(f)) {
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
            self.findings
                .extend(capped_finding(self.template, &file, code, more, limit, run));
        }
    }
}

/// Whether the run-wide cap counts a finding: F017 itself (one per file and
/// code, telling of the others) and F020 and F021 (one per file, telling of
/// rows not checked) are neither counted nor taken off.
pub(crate) fn counts_in_run(f: &Finding) -> bool {
    !matches!(f.code, Code::F017 | Code::F020 | Code::F021)
}

/// The scope of an F017 of the run-wide cap, as its argument `scope_en`.
pub(crate) fn run_scope_en() -> &'static str {
    Lang::En.say(Say::CapScopeRun)
}

/// The F017 telling that `more` findings of `code` in `file` were not
/// listed, under the cap per file or (`run`) the run-wide one; `None` when
/// the template switches F017 off.
pub(crate) fn capped_finding(
    t: &Template,
    file: &str,
    code: Code,
    more: u64,
    limit: u32,
    run: bool,
) -> Option<Finding> {
    let s = t.severity_of(Code::F017, Severity::Info)?;
    let scope = if run {
        Say::CapScopeRun
    } else {
        Say::CapScopeFile
    };
    let mut f = Finding::new(Code::F017, Location::file(file))
        .arg("code", code)
        .number("more", "more_en", more as f64, 0)
        .number("limit", "limit_en", limit as f64, 0)
        .say("scope", "scope_en", scope, &[]);
    f.severity = s;
    Some(f)
}

/// Where the errors and warnings past the cap of the checks across files
/// were: twelve bytes each, the file and sheet named once. (As locations,
/// a 49 MB CSV of rows with one name repeated kept 650,000 of them, about
/// a hundred bytes each and a copy of the file name.)
#[derive(Debug, Default)]
pub(crate) struct Places {
    /// Each (file, sheet) named, and its number.
    pub(super) origins: Vec<(String, Option<String>)>,
    known: foldhash::HashMap<(String, Option<String>), u32>,
    /// (origin, row, severity)
    pub(super) rows: Vec<(u32, u32, Severity)>,
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
