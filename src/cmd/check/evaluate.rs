//! Every input loaded, normalized and checked, file by file in parallel,
//! and the files' results combined and scored into one outcome.

use super::inputs::{follow_inputs, load_baselines, path_problem, read_roster, spd_sheet};
use crate::check::{self, CheckOptions, FileCheck, FileResult};
use crate::diag::{Finding, Say, Trouble};
use crate::evidence::EvidenceStore;
use crate::load::{self, InputFile, NotRead, Reading};
use crate::normalize::{Event, Normalizer, Record};
use crate::report;
use crate::settings::{CheckSettings, Format};
use crate::template::Template;
use anyhow::Result;
use std::cell::RefCell;
use std::path::PathBuf;

/// Called with every record as it streams past the checks (from any
/// thread): what export keeps of each row, read in the same pass.
pub type RecordTap<'a> = &'a (dyn Fn(&InputFile, &Record) + Sync);

/// Load, normalize and check every input; combine the results. An error
/// when the inputs hold no file to check.
pub fn evaluate(s: &CheckSettings) -> Result<crate::outcome::Outcome> {
    evaluate_with(s, None)
}

/// [`evaluate`], showing each record to `tap` before it is checked.
pub fn evaluate_with(
    s: &CheckSettings,
    tap: Option<RecordTap<'_>>,
) -> Result<crate::outcome::Outcome> {
    let (mut files, mut problems) = load::collect_inputs(&s.paths);
    // The roster is read as the roster, never as innovation data, when it
    // lies among the inputs.
    let roster = match &s.roster {
        Some(path) => {
            // Only a file of the same name is resolved: a walk of many
            // thousand files costs no system call each.
            if let (Ok(own), Some(name)) = (path.canonicalize(), path.file_name()) {
                files.retain(|f| {
                    f.path.file_name() != Some(name)
                        || f.path.canonicalize().ok().as_ref() != Some(&own)
                });
            }
            Some(read_roster(&s.template, path)?)
        }
        None => s.template.expected_agencies().map(|r| (r, Vec::new())),
    };
    let (lists_template, catalog) = follow_inputs(s, &mut files)?;
    if files.is_empty() {
        return Err(nothing_to_check(&s.paths, &problems));
    }
    let (spd, spd_result) = match &s.spd_sheet {
        None => (s.spd, None),
        Some(path) => {
            let (points, result) = spd_sheet(&s.template, path);
            (points, Some(result))
        }
    };
    let options = CheckOptions {
        as_of: s.as_of,
        pemda: s.pemda.clone(),
        spd,
        roster: roster.map(std::sync::Arc::new),
        catalog,
        budget: std::sync::Arc::default(),
    };
    let progress = report::Progress::new(
        files.len() as u64,
        !s.quiet && s.format == Format::Table && s.output.is_none() && !s.watch && files.len() > 1,
        s.lang,
    );
    // Files are checked on plain threads, as many as rayon's, handed out
    // in the run's order and each result joined in its turn (`Gather`):
    // a file that did not check the rows the run's order gives it (the
    // files checked at once reached `max_innovations_in_run` or
    // `max_statements_in_run`) is read again with those rows. The portal's
    // lists are read alongside.
    let own = Own::default();
    let check_at = |i: usize, allowance: check::Allowance| {
        let f = &files[i];
        let result = check_file_within(&s.template, &options, f, tap, allowance);
        match allowance {
            check::Allowance::Run => own_output(&own, i, f, result),
            check::Allowance::Upto { .. } => result.unwrap_or_else(|output| own_finding(f, output)),
        }
    };
    let (gather, baseline_parts) = rayon::join(
        || {
            let gather = check::Gather::new(&s.template, files.len()).telling(&options.budget.full);
            let workers = rayon::current_num_threads().min(files.len());
            gather.check_all(files.len(), workers, &check_at, &|| progress.inc());
            gather
        },
        || {
            let lists: Vec<(Option<i32>, PathBuf)> = (s.baselines.iter().cloned())
                .chain(s.iid.iter().map(|p| (None, p.clone())))
                .collect();
            let t = lists_template.as_ref().unwrap_or(&s.template);
            (!lists.is_empty()).then(|| load_baselines(t, &lists))
        },
    );
    progress.finish();
    // bimtek's own workbooks (told by load, from their mark) are what the
    // walk's own outputs are: not among the files, said after them.
    let mut own = own.into_inner().unwrap_or_else(|e| e.into_inner());
    if !own.is_empty() {
        own.sort_by_key(|(i, _)| *i);
        problems.extend(own.iter().map(|(_, p)| p.clone()));
        problems.sort();
        problems.dedup();
        if own.len() == files.len() {
            return Err(nothing_to_check(&s.paths, &problems));
        }
    }
    let mut after = files.len();
    let mut then = |r: FileResult| {
        gather.add(after, r);
        after += 1;
    };
    if let Some(r) = spd_result {
        then(r);
    }
    for (path, why) in problems {
        let finding = path_problem(&path, &why);
        let display = finding.location.file.clone();
        then(FileResult {
            agency_hint: display.clone(),
            findings: vec![finding],
            file: display,
            ..FileResult::default()
        });
    }
    let mut run = gather.finish();
    // Each file's result joined the run at its place: an own output's,
    // empty, leaves it.
    for (i, _) in own.iter().rev() {
        run.files.remove(*i);
    }
    // Index evidence folders only for workbooks that refer to files: a
    // workbook next to a big evidence tree it never names costs nothing.
    // Each statement names the file it was read from.
    let referring: std::collections::HashSet<&str> = run
        .statements
        .iter()
        .chain(run.innovations.iter().flat_map(|i| i.statements.iter()))
        .filter(|st| st.reference().is_some_and(|p| !p.text.trim().is_empty()))
        .map(|st| &**st.file())
        .collect();
    let workbooks: Vec<(String, std::path::PathBuf)> = files
        .iter()
        .filter(|f| referring.contains(f.display.as_str()))
        .map(|f| (f.display.clone(), f.path.clone()))
        .collect();
    let store = EvidenceStore::new(&s.evidence, &workbooks);
    let baseline = baseline_parts.map(|(entries, findings)| check::Baseline {
        entries,
        findings,
        options: check::portal::PortalOptions {
            year: s.year,
            as_of: s.as_of,
            stale_after_days: s.stale_after_days,
            match_threshold: s.match_threshold,
        },
    });
    let mut outcome = check::combine(&s.template, &options, run, &store, baseline.as_ref());
    outcome.own_workbooks = own.iter().map(|(i, _)| files[*i].display.clone()).collect();
    crate::score::score(&s.template, &options.pemda, options.spd, &mut outcome);
    Ok(outcome)
}

/// No input holds a file to check: an empty folder or an unmounted share
/// must not pass for a clean run. Says what each path holds and what was
/// looked for.
fn nothing_to_check(paths: &[PathBuf], problems: &[(PathBuf, NotRead)]) -> anyhow::Error {
    // A path the walk found but could not read is told below, with its
    // reason.
    let told_below = |p: &PathBuf| {
        problems
            .iter()
            .any(|(q, why)| q == p && !matches!(why, NotRead::Missing))
    };
    let mut held: Vec<(String, Say, usize)> = Vec::new();
    for p in paths.iter().filter(|p| !told_below(p)) {
        let (why, n) = if !p.exists() {
            (Say::PathNotFound, 0)
        } else if p.is_dir() {
            let n = walkdir::WalkDir::new(p)
                .follow_links(false)
                .into_iter()
                .filter_map(Result::ok)
                .filter(|e| !e.file_type().is_dir())
                .count();
            if n == 0 {
                (Say::EmptyFolder, 0)
            } else {
                (Say::FolderWithoutData, n)
            }
        } else if p.is_file() {
            (Say::FileWithoutData, 0)
        } else {
            (Say::NotARegularFileShort, 0)
        };
        held.push((p.display().to_string(), why, n));
    }
    // What was found and not read, and why (a link out, a pipe, an
    // unreadable file, bimtek's own output).
    let unread: Vec<(String, Finding)> = problems
        .iter()
        .filter(|(_, why)| !matches!(why, NotRead::Missing))
        .map(|(p, why)| (p.display().to_string(), path_problem(p, why)))
        .collect();
    let formats = load::SPREADSHEET_EXTENSIONS
        .iter()
        .map(|e| format!(".{e}"))
        .collect::<Vec<_>>()
        .join(", ");
    Trouble::each(|lang| {
        let mut text = lang.say(Say::NothingToCheck).to_string();
        for (shown, why, n) in &held {
            text.push_str(&format!("\n  {shown}: {}", lang.fill(*why, &[("n", n)])));
        }
        for (shown, f) in &unread {
            text.push_str(&format!("\n  {shown}: {}", f.message(lang)));
        }
        text.push('\n');
        text.push_str(&lang.fill(Say::LookedFor, &[("formats", &formats)]));
        text
    })
    .into()
}

/// Load, normalize and check one file. Never panics on bad input: a file
/// that cannot be read becomes a finding, and so does one of bimtek's own
/// workbooks (F014).
pub fn check_file(
    t: &Template,
    options: &CheckOptions,
    f: &InputFile,
    tap: Option<RecordTap<'_>>,
) -> FileResult {
    check_file_within(t, options, f, tap, check::Allowance::Run)
        .unwrap_or_else(|output| own_finding(f, output))
}

/// Files found to be bimtek's own workbooks: their place in the run, and
/// what the walk would have said of them.
type Own = std::sync::Mutex<Vec<(usize, (PathBuf, NotRead))>>;

/// The result to gather at place `i`: file `f`'s, or, when it is one of
/// bimtek's own workbooks, an empty one, noted in `own` so that it leaves
/// the run when gathered.
fn own_output(
    own: &Own,
    i: usize,
    f: &InputFile,
    result: Result<FileResult, load::marker::Output>,
) -> FileResult {
    result.unwrap_or_else(|output| {
        let mut own = own.lock().unwrap_or_else(|e| e.into_inner());
        own.push((i, (f.path.clone(), NotRead::Own(output))));
        FileResult {
            file: f.display.clone(),
            agency_hint: f.agency_hint.clone(),
            ..FileResult::default()
        }
    })
}

/// File `f`, one of bimtek's own workbooks, as its only finding.
fn own_finding(f: &InputFile, output: load::marker::Output) -> FileResult {
    FileResult {
        file: f.display.clone(),
        agency_hint: f.agency_hint.clone(),
        findings: vec![path_problem(&f.path, &NotRead::Own(output))],
        ..FileResult::default()
    }
}

/// [`check_file`], checking at most the rows `allowance` gives: the rows
/// past it are not innovations nor statements, not shown to `tap`, and told
/// in F020 or F021. A
/// file that is one of bimtek's own outputs (load tells it by its mark) is
/// not checked: `Err` says which.
fn check_file_within(
    t: &Template,
    options: &CheckOptions,
    f: &InputFile,
    tap: Option<RecordTap<'_>>,
    allowance: check::Allowance,
) -> Result<FileResult, load::marker::Output> {
    // load -> normalize -> check: rows stream from the file through
    // normalizing into the checks, and a record is dropped once checked.
    // The check is shared by the three ways into it: the events normalizing
    // emits, the rows a sheet says it has, and the records load made ahead.
    let check =
        RefCell::new(FileCheck::new(t, options, &f.display, &f.agency_hint).within(allowance));
    let checked = &|event: &mut Event| {
        if !check.borrow_mut().admits(event) {
            return;
        }
        if let (Some(tap), Event::Record(r)) = (tap, &*event) {
            tap(f, r);
        }
        check.borrow_mut().event(event);
    };
    let read = load::read(
        &f.path,
        &mut Normalizer::new(t, &f.agency_hint, checked),
        Reading::new()
            .rows_hint(|rows| check.borrow_mut().make_room(rows))
            .ahead(Normalizer::sheet_rows, |event: &mut Option<Event>| {
                if let Some(event) = event {
                    checked(event);
                }
            }),
    );
    if let Err(load::LoadError::Own(output)) = read {
        return Err(output);
    }
    let mut check = check.into_inner();
    match read {
        Ok(notes) => {
            for finding in check::load_note_findings(&f.display, &notes) {
                check.file_finding(finding);
            }
        }
        Err(e) => check.file_finding(check::load_error_finding(&f.display, &e)),
    }
    Ok(check.finish())
}
