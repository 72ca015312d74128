//! `bimtek check`: load every input, normalize and check it, report.
//! Files are checked in parallel (one file per task); the per-file results
//! are combined and sorted, so the output does not depend on scheduling.

use crate::check::portal::PortalEntry;
use crate::check::{self, CheckOptions, FileCheck, FileResult};
use crate::diag::{Code, Finding, Location, Say, Trouble};
use crate::evidence::EvidenceStore;
use crate::export::write::Target;
use crate::load::{self, InputFile, NotRead, Reading};
use crate::normalize::{Event, Normalizer, Record};
use crate::report;
use crate::settings::{CheckSettings, Format};
use crate::template::Template;
use anyhow::Result;
use rayon::prelude::*;
use std::cell::RefCell;
use std::path::PathBuf;

pub fn run(s: CheckSettings) -> Result<crate::Ran> {
    if s.format == Format::Xlsx && s.output.is_none() {
        return Err(xlsx_needs_file());
    }
    // Checked before any work; the output replaces only what was checked.
    let target = match &s.output {
        Some(path) => Some(Target::check(path, s.force, &read_paths(&s))?),
        None => None,
    };
    // The earlier report is read before any work: a file that is not one
    // stops the run here.
    let previous = match &s.since {
        Some(path) => Some(read_since(path)?),
        None => None,
    };
    // Opened (and judged) before any work; `--watch` records nothing.
    let mut history = match crate::history::path_from(s.history.clone()) {
        Some(path) if !s.watch => Some(crate::history::History::open(&path, &read_paths(&s))?),
        _ => None,
    };
    if s.watch {
        let mut first = true;
        let ignore: Vec<PathBuf> = s.output.iter().cloned().collect();
        // The previous check (at first the --since report): what the screen
        // and JSON say changed is counted from it.
        let mut previous = previous;
        return watch_loop(&s, &ignore, || {
            // Nothing to check yet: said, and the files are waited for
            // (a facilitator starts watching before agencies drop theirs).
            let outcome = match evaluate(&s) {
                Ok(outcome) => outcome,
                Err(e) => {
                    if s.output.is_none() && s.format == Format::Table {
                        report::frame(b"", true)?;
                    }
                    report::note(&format!("bimtek: {}", crate::diag::error_text(&e, s.lang)));
                    return Ok(());
                }
            };
            let now = chrono::Local::now();
            let current = crate::since::Snapshot::from_outcome(
                &outcome,
                s.as_of,
                Some(now.to_rfc3339_opts(chrono::SecondsFormat::Secs, false)),
            );
            let since = previous
                .as_ref()
                .map(|p| crate::since::compare(p, &current));
            previous = Some(current);
            let render = report::RenderOptions {
                lang: s.lang,
                as_of: s.as_of,
                width: s.width,
            };
            match (&s.output, s.format) {
                (None, Format::Table) if !s.full && report::screen_wanted() => {
                    let (columns, lines) = report::terminal_size();
                    let screen = report::render_screen(
                        &outcome,
                        &s.template,
                        &render,
                        since.as_ref(),
                        &now.format("%H:%M:%S").to_string(),
                        s.width.unwrap_or(columns),
                        lines,
                        report::use_color(),
                    );
                    report::frame(screen.as_bytes(), true)?;
                }
                (None, Format::Table) => {
                    report::frame(b"", true)?;
                    report::table_since(&outcome, &s.template, &render, since.as_ref())?;
                }
                (None, Format::Json) => {
                    let mut line = Vec::new();
                    report::json_since_to(
                        &mut line,
                        &outcome,
                        &s.template,
                        &render,
                        since.as_ref(),
                        false,
                    )?;
                    report::frame(&line, false)?;
                }
                _ => {
                    // CSV, HTML or a file: rewrite the whole output each run
                    // (our own earlier output may be replaced; its write
                    // events are ignored, and it is never read back). `watch`
                    // stays set: the page written reloads itself.
                    let mut again = s.clone();
                    again.force = s.force || !first;
                    first = false;
                    let target = match &again.output {
                        Some(path) => Some(Target::check(path, again.force, &read_paths(&again))?),
                        None => None,
                    };
                    render_once(&again, &outcome, target.as_ref(), since.as_ref())?;
                }
            }
            Ok(())
        })
        .map(crate::Ran::from);
    }
    // With a history, the previous run of these inputs is read while the
    // files are checked (it does not depend on them), and this run is
    // recorded while the report is written: `check --history` then costs
    // little more than `check` (BENCHMARKS.md, history recording).
    let key = crate::history::inputs_key(&s.paths);
    let (outcome, history) = std::thread::scope(|scope| {
        let reading = history.take().map(|h| {
            let key = &key;
            scope.spawn(move || {
                let before = crate::history::previous_run(&h, key)
                    .map(|b| b.map(crate::history::RecordedRun::into_snapshot));
                (h, before)
            })
        });
        let outcome = evaluate(&s);
        let read = reading.map(|t| t.join().unwrap_or_else(|e| std::panic::resume_unwind(e)));
        (outcome, read)
    });
    let outcome = outcome?;
    let now = || crate::since::Snapshot::from_outcome(&outcome, s.as_of, None);
    let mut since = previous.map(|p| crate::since::compare(&p, &now()));
    let mut campaign = None;
    std::thread::scope(|scope| -> Result<()> {
        let mut recording = None;
        if let Some((mut h, before)) = history {
            // What changed since the previous recorded run of the same
            // inputs (a --since file given as well is the one compared with).
            if let Some(before) = before?
                && since.is_none()
            {
                since = Some(crate::since::compare(&before, &now()));
            }
            if s.format == Format::Html {
                // The page draws the campaign of these inputs, this run
                // last; from the second run on, so that the first recorded
                // run changes nothing.
                h.record(&s.paths, &s.template, s.as_of, &outcome)?;
                campaign = Some(h.campaign(None, Some(&key))?).filter(|c| c.runs.len() > 1);
            } else {
                // A failure to record is still exit 2, said after the report.
                let (s, outcome) = (&s, &outcome);
                recording =
                    Some(scope.spawn(move || h.record(&s.paths, &s.template, s.as_of, outcome)));
            }
        }
        render_once_with(
            &s,
            &outcome,
            target.as_ref(),
            since.as_ref(),
            campaign.as_ref(),
        )?;
        if let Some(r) = recording {
            r.join().unwrap_or_else(|e| std::panic::resume_unwind(e))?;
        }
        Ok(())
    })?;
    let failed = s
        .fail_on
        .is_some_and(|level| outcome.findings.iter().any(|f| f.severity >= level));
    Ok(crate::Ran {
        code: if failed {
            crate::EXIT_FINDINGS
        } else {
            crate::EXIT_OK
        },
        outcome: Some(outcome),
    })
}

/// Re-run `once` whenever a file under the inputs or evidence folders is
/// created, changed or removed. Events are debounced (Excel saves a
/// workbook as several writes and renames), lock and temporary files are
/// ignored, and a run on a half-written file just reports it until the next
/// event. Runs until interrupted.
pub fn watch_loop(
    s: &CheckSettings,
    ignore: &[PathBuf],
    mut once: impl FnMut() -> Result<()>,
) -> Result<u8> {
    use notify::{EventKind, RecursiveMode, Watcher};
    use std::sync::mpsc;
    use std::time::Duration;
    let (tx, rx) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |res: notify::Result<notify::Event>| {
        if let Ok(e) = res {
            let _ = tx.send(e);
        }
    })?;
    for p in s
        .paths
        .iter()
        .chain(&s.evidence)
        .chain(s.baselines.iter().map(|(_, p)| p))
        .chain(&s.spd_sheet)
        .chain(&s.roster)
        .chain(&s.iid)
        .chain(&s.catalog)
    {
        watcher.watch(p, RecursiveMode::Recursive).map_err(|e| {
            let p = report::visible(&p.to_string_lossy()).into_owned();
            Trouble::say(Say::CannotBeWatched, &[("p", &p), ("e", &e)])
        })?;
    }
    // Our own outputs, by absolute path: on the first run the output does
    // not exist yet, and the events name it as the watched folder does.
    let ignored: Vec<PathBuf> = ignore.iter().map(|p| absolute(p)).collect();
    let relevant = |e: &notify::Event| {
        matches!(
            e.kind,
            EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_)
        ) && e.paths.iter().any(|p| {
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let temp = name.starts_with("~$")
                || name.starts_with(".~lock")
                || name.contains(".bimtek-tmp-")
                || name.ends_with(".tmp")
                || name.ends_with('~');
            let own = ignored.contains(&absolute(p));
            !temp && !own
        })
    };
    loop {
        once()?;
        report::watching(s.lang);
        // Wait for a change that matters, then for a quiet moment.
        loop {
            match rx.recv() {
                Ok(e) if relevant(&e) => break,
                Ok(_) => continue,
                Err(_) => return Ok(crate::EXIT_OK),
            }
        }
        loop {
            match rx.recv_timeout(Duration::from_millis(400)) {
                Ok(_) => continue,
                Err(mpsc::RecvTimeoutError::Timeout) => break,
                Err(mpsc::RecvTimeoutError::Disconnected) => return Ok(crate::EXIT_OK),
            }
        }
    }
}

/// `p` made absolute through its folder, whether or not it exists yet.
fn absolute(p: &std::path::Path) -> PathBuf {
    if let Ok(c) = p.canonicalize() {
        return c;
    }
    let dir = p
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(std::path::Path::new("."));
    match (dir.canonicalize(), p.file_name()) {
        (Ok(d), Some(name)) => d.join(name),
        _ => p.to_path_buf(),
    }
}

/// A workbook is bytes for a file, never for a terminal; and a PowerShell
/// redirection would re-encode it.
fn xlsx_needs_file() -> anyhow::Error {
    Trouble::say(Say::XlsxNeedsFile, &[]).into()
}

/// Everything a check reads, which an output must not touch: the inputs,
/// the evidence folders, the baselines and the roster.
pub fn read_paths(s: &CheckSettings) -> Vec<PathBuf> {
    s.paths
        .iter()
        .chain(&s.evidence)
        .chain(s.baselines.iter().map(|(_, p)| p))
        .chain(&s.spd_sheet)
        .chain(&s.roster)
        .chain(&s.iid)
        .chain(&s.catalog)
        .cloned()
        .collect()
}

/// The saved JSON report given with `--since`, as a snapshot. Its time is
/// the file's modification time (the report holds none: the same input
/// gives the same bytes).
fn read_since(path: &std::path::Path) -> Result<crate::since::Snapshot> {
    let shown = report::visible(&path.to_string_lossy()).into_owned();
    // A pipe or a device would be read forever, a folder not at all.
    if std::fs::metadata(path).is_ok_and(|m| !m.is_file()) {
        return Err(Trouble::say(Say::SinceNotAFile, &[("shown", &shown)]).into());
    }
    let bytes = std::fs::read(path)
        .map_err(|e| Trouble::say(Say::SinceCannotBeRead, &[("shown", &shown), ("e", &e)]))?;
    let time = std::fs::metadata(path)
        .and_then(|m| m.modified())
        .ok()
        .map(|t| {
            chrono::DateTime::<chrono::Utc>::from(t)
                .format("%Y-%m-%dT%H:%M:%SZ")
                .to_string()
        });
    crate::since::Snapshot::from_report_json(&bytes, time).map_err(|why| {
        let words = why.words();
        Trouble::each(|lang| format!("--since {shown}: {}", lang.pick(&words))).into()
    })
}

/// Render one outcome as the settings ask, into `target` when there is
/// one; with what changed since an earlier run in the table, JSON and HTML.
fn render_once(
    s: &CheckSettings,
    outcome: &crate::outcome::Outcome,
    target: Option<&Target>,
    since: Option<&crate::since::Since>,
) -> Result<()> {
    render_once_with(s, outcome, target, since, None)
}

/// [`render_once`], the HTML page drawing `campaign` per agency.
fn render_once_with(
    s: &CheckSettings,
    outcome: &crate::outcome::Outcome,
    target: Option<&Target>,
    since: Option<&crate::since::Since>,
    campaign: Option<&crate::history::Campaign>,
) -> Result<()> {
    let render = report::RenderOptions {
        lang: s.lang,
        as_of: s.as_of,
        width: s.width,
    };
    let page = report::HtmlPage {
        projector: s.projector || s.watch,
        reload: s.watch,
    };
    let extras = report::HtmlExtras { since, campaign };
    match (target, s.format) {
        (None, Format::Table) => report::table_since(outcome, &s.template, &render, since)?,
        (None, Format::Json) if since.is_some() => {
            let mut bytes = Vec::new();
            report::json_since_to(&mut bytes, outcome, &s.template, &render, since, true)?;
            report::print(&bytes)?
        }
        (None, Format::Json) => report::json(outcome, &s.template, &render)?,
        (None, Format::Csv) => report::csv(outcome, &render, s.csv_dialect())?,
        (None, Format::Html) => report::print(
            report::render_html_with(outcome, &s.template, &render, page, extras).as_bytes(),
        )?,
        (None, Format::Xlsx) => return Err(xlsx_needs_file()),
        (Some(target), format) => {
            let mut bytes: Vec<u8> = Vec::new();
            match format {
                Format::Table => {
                    let width = s.width.unwrap_or(100);
                    bytes = report::render_table_since(
                        outcome,
                        &s.template,
                        &render,
                        width,
                        false,
                        since,
                    )
                    .into_bytes();
                }
                Format::Json => {
                    report::json_since_to(&mut bytes, outcome, &s.template, &render, since, true)?
                }
                Format::Csv => report::csv_to(&mut bytes, outcome, &render, s.csv_dialect())?,
                Format::Html => {
                    bytes = report::render_html_with(outcome, &s.template, &render, page, extras)
                        .into_bytes()
                }
                Format::Xlsx => bytes = report::render_xlsx(outcome, &s.template, &render)?,
            }
            target.file(&bytes)?;
        }
    }
    Ok(())
}

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
    let (mut files, problems) = load::collect_inputs(&s.paths);
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
    };
    let progress = report::Progress::new(
        files.len() as u64,
        !s.quiet && s.format == Format::Table && s.output.is_none() && !s.watch && files.len() > 1,
        s.lang,
    );
    // One file per job: a job of many files, split once and never again
    // (rayon's default for two threads), left one core idle at the end.
    // The portal's lists are read alongside, on whichever core is free.
    // Each result is gathered as its file finishes, within the run-wide
    // finding cap: many small files would otherwise hold theirs all.
    let (mut results, baseline_parts): (Vec<FileResult>, _) = rayon::join(
        || {
            let gather = check::Gather::new(&s.template, files.len());
            files
                .par_iter()
                .enumerate()
                .with_max_len(1)
                .for_each(|(i, f)| {
                    gather.add(i, check_file(&s.template, &options, f, tap));
                    progress.inc();
                });
            gather.finish()
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
    results.extend(spd_result);
    for (path, why) in problems {
        let finding = path_problem(&path, &why);
        let display = finding.location.file.clone();
        results.push(FileResult {
            agency_hint: display.clone(),
            findings: vec![finding],
            file: display,
            innovations: Vec::new(),
            evidence: Vec::new(),
            evidence_layout: false,
            ideas: Vec::new(),
        });
    }
    // Index evidence folders only for workbooks that refer to files: a
    // workbook next to a big evidence tree it never names costs nothing.
    // Each result's statements all come from its own file (one FileCheck
    // per file), so a result refers to files when any statement does.
    let referring: std::collections::HashSet<&str> = results
        .iter()
        .filter(|r| {
            r.evidence
                .iter()
                .chain(r.innovations.iter().flat_map(|i| i.statements.iter()))
                .any(|st| {
                    st.reference
                        .as_ref()
                        .is_some_and(|p| !p.text.trim().is_empty())
                })
        })
        .map(|r| r.file.as_str())
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
    let mut outcome = check::combine(&s.template, &options, results, &store, baseline.as_ref());
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

/// The finding for an input path that is not read. A path that does not
/// exist is most often a typo on the command line, not a damaged file: say
/// so (F011), and check the rest. Only the system's "no such file" means
/// that: a path longer than the system's limit (4,096 bytes on Linux) may
/// name a file that is there, and is said to be too long.
fn path_problem(path: &std::path::Path, why: &NotRead) -> Finding {
    let loc = Location::file(load::display_path(path));
    let too_long = |loc| {
        let n = path.as_os_str().len();
        Finding::new(Code::F001, loc)
            .say("what", "what_en", Say::PathTooLong, &[("n", &n)])
            .arg("detail", "ENAMETOOLONG")
    };
    match why {
        NotRead::Missing => Finding::new(Code::F011, loc),
        NotRead::TooLong => too_long(loc),
        // A file found in a folder under a path too long for the system
        // is reported by the walk as unreadable: the system says why.
        NotRead::Unreadable(_)
            if std::fs::symlink_metadata(path)
                .is_err_and(|e| e.kind() == std::io::ErrorKind::InvalidFilename) =>
        {
            too_long(loc)
        }
        NotRead::Unreadable(why) => Finding::new(Code::F001, loc)
            .say("what", "what_en", Say::CannotBeOpened, &[])
            .arg("detail", why),
        NotRead::NotRegular(special) => {
            let words = special.words().map(String::from);
            Finding::new(Code::F016, loc).words("what", "what_en", words)
        }
        NotRead::BrokenLink => {
            Finding::new(Code::F016, loc).say("what", "what_en", Say::BrokenLink, &[])
        }
        NotRead::LinkOut(target) => {
            Finding::new(Code::F015, loc).arg("target", target.to_string_lossy().replace('\\', "/"))
        }
        NotRead::Own(output) => {
            let words = output.words().map(String::from);
            Finding::new(Code::F014, loc).words("what", "what_en", words)
        }
    }
}

/// Read and score the pemda's SPD sheet: its verified points (capped at the
/// template's SPD maximum) for the estimate, and its findings as the
/// result of one more file.
fn spd_sheet(t: &Template, path: &std::path::Path) -> (Option<f64>, FileResult) {
    let display = path.to_string_lossy().replace('\\', "/");
    let mut rows = check::spd::SheetRows::default();
    let (points, findings) = match load::read(path, &mut rows, Reading::new().html_tables()) {
        Ok(_) => {
            let (score, findings) = check::spd::score(t, &display, &rows);
            // The template's severities and switched-off codes hold here too.
            let mut sink = check::Sink::new(t);
            for f in findings {
                sink.push(f);
            }
            let findings = sink.findings;
            let max = t.scoring.as_ref().map_or(f64::MAX, |s| s.spd_max);
            (Some(score.verified.min(max)), findings)
        }
        Err(e) => (None, vec![check::load_error_finding(&display, &e)]),
    };
    let result = FileResult {
        agency_hint: display.clone(),
        findings,
        file: display,
        ..FileResult::default()
    };
    (points, result)
}

/// The file given with `flag`, as shown in messages, when it is a regular
/// file; else the trouble that says it is missing or not a file.
fn regular_file(flag: &str, path: &std::path::Path) -> Result<String> {
    let shown = report::visible(&load::display_path(path)).into_owned();
    if path.is_file() {
        return Ok(shown);
    }
    let why = if path.exists() {
        Say::NotARegularFileShort
    } else {
        Say::FileNotFoundShort
    };
    Err(Trouble::each(|lang| format!("{flag} {shown}: {}", lang.say(why))).into())
}

/// Read the roster file given with `--roster`: the agencies expected,
/// and the findings about its own rows. A file that cannot be read, or
/// that has no Nama column, stops the run: a roster silently empty would
/// say nobody is missing.
fn read_roster(
    t: &Template,
    path: &std::path::Path,
) -> Result<(crate::template::Roster, Vec<Finding>)> {
    let shown = regular_file("--roster", path)?;
    let display = load::display_path(path);
    let mut rows = check::spd::SheetRows::default();
    if let Err(e) = load::read(path, &mut rows, Reading::new().html_tables()) {
        let f = check::load_error_finding(&display, &e);
        return Err(Trouble::each(|lang| {
            lang.fill(
                Say::RosterCannotBeRead,
                &[("shown", &shown), ("message", &f.message(lang))],
            )
        })
        .into());
    }
    let read = check::read_roster(t, &display, &rows.sheets);
    if read.as_ref().is_some_and(|(r, _)| r.agencies.is_empty()) {
        return Err(Trouble::say(Say::RosterNoName, &[("shown", &shown)]).into());
    }
    read.ok_or_else(|| Trouble::say(Say::RosterNoNamaColumn, &[("shown", &shown)]).into())
}

/// Read every baseline (portal downloads, earlier submissions). A baseline
/// that cannot be read is a finding about it; the check goes on.
fn load_baselines(
    t: &Template,
    lists: &[(Option<i32>, PathBuf)],
) -> (Vec<PortalEntry>, Vec<Finding>) {
    let mut jobs = Vec::new();
    let mut findings = Vec::new();
    for (year, path) in lists {
        let (files, problems) = load::collect_inputs(std::slice::from_ref(path));
        for f in files {
            jobs.push((*year, f));
        }
        for (p, why) in problems {
            findings.push(path_problem(&p, &why));
        }
    }
    let parts: Vec<(Vec<PortalEntry>, Vec<Finding>)> = jobs
        .par_iter()
        .map(|(year, f)| {
            let mut entries = Vec::new();
            let roles = &t.roles;
            let result = {
                let mut norm = Normalizer::new(t, &f.agency_hint, |e: &mut Event| {
                    if let Event::Record(r) = e {
                        let name = roles
                            .name
                            .and_then(|i| r.text(i))
                            .map(crate::normalize::collapse_spaces)
                            .unwrap_or_default();
                        if name.is_empty() {
                            return;
                        }
                        entries.push(PortalEntry {
                            year: *year,
                            file: f.display.clone(),
                            sheet: r.sheet.as_deref().map(str::to_string),
                            row: r.row,
                            pemda: roles
                                .pemda
                                .and_then(|i| r.text(i))
                                .map(crate::normalize::collapse_spaces),
                            agency: roles
                                .agency
                                .and_then(|i| r.text(i))
                                .map(crate::normalize::collapse_spaces),
                            name_key: crate::template::fold(&name),
                            name,
                            facts: crate::outcome::portal::Facts::from_record(roles, r),
                        });
                    }
                })
                .skip_findings_sheet(f.findings_sheet.as_deref());
                load::read(&f.path, &mut norm, Reading::new().html_tables())
            };
            let findings = match result {
                Ok(_) => Vec::new(),
                Err(e) => vec![check::load_error_finding(&f.display, &e)],
            };
            (entries, findings)
        })
        .collect();
    let mut entries = Vec::new();
    for (e, f) in parts {
        entries.extend(e);
        findings.extend(f);
    }
    (entries, findings)
}

/// The id of the template a lab's ideas are followed into: the IID lists
/// (`--iid`, and `--baseline` in a lab run) are read with it.
const IID_TEMPLATE: &str = "iid-2026";

/// The innovations of a `--catalog`, shared by the checks.
type Catalog = std::sync::Arc<Vec<PortalEntry>>;

/// What following a lab's ideas needs: the template the IID lists are read
/// with (a lab run's), and the catalogue (`--catalog`). The `--iid` lists
/// are taken out of the inputs: they are the IID's, not the lab's ideas.
/// `--iid` without a lab template, or a catalogue that cannot be read or
/// lists no innovation, stops the run: a silently empty catalogue would
/// call every idea new.
fn follow_inputs(
    s: &CheckSettings,
    files: &mut Vec<InputFile>,
) -> Result<(Option<Template>, Option<Catalog>)> {
    let lab = !s.template.settings.launched_stages.is_empty();
    if !s.iid.is_empty() && !lab {
        return Err(Trouble::say(Say::IidNeedsLab, &[("template", &s.template.id)]).into());
    }
    let lists = match lab {
        true => Some(crate::settings::load_template(IID_TEMPLATE, s.lang)?),
        false => None,
    };
    let under: Vec<PathBuf> = s.iid.iter().filter_map(|p| p.canonicalize().ok()).collect();
    if !under.is_empty() {
        files.retain(|f| {
            f.path
                .canonicalize()
                .map_or(true, |p| !under.iter().any(|u| p.starts_with(u)))
        });
    }
    let Some(path) = &s.catalog else {
        return Ok((lists, None));
    };
    let shown = regular_file("--catalog", path)?;
    let (entries, findings) = load_baselines(&s.template, &[(None, path.clone())]);
    if let Some(f) = findings.first() {
        return Err(Trouble::each(|lang| {
            lang.fill(
                Say::CatalogCannotBeRead,
                &[("shown", &shown), ("message", &f.message(lang))],
            )
        })
        .into());
    }
    if entries.is_empty() {
        return Err(Trouble::say(Say::CatalogNoInnovation, &[("shown", &shown)]).into());
    }
    Ok((lists, Some(std::sync::Arc::new(entries))))
}

/// Load, normalize and check one file. Never panics on bad input: a file
/// that cannot be read becomes a finding.
pub fn check_file(
    t: &Template,
    options: &CheckOptions,
    f: &InputFile,
    tap: Option<RecordTap<'_>>,
) -> FileResult {
    // load -> normalize -> check: rows stream from the file through
    // normalizing into the checks, and a record is dropped once checked.
    // The check is shared by the three ways into it: the events normalizing
    // emits, the rows a sheet says it has, and the records load made ahead.
    let check = RefCell::new(FileCheck::new(t, options, &f.display, &f.agency_hint));
    let checked = &|event: &mut Event| {
        if let (Some(tap), Event::Record(r)) = (tap, &*event) {
            tap(f, r);
        }
        check.borrow_mut().event(event);
    };
    let read = load::read(
        &f.path,
        &mut Normalizer::new(t, &f.agency_hint, checked)
            .skip_findings_sheet(f.findings_sheet.as_deref()),
        Reading::new()
            .rows_hint(|rows| check.borrow_mut().make_room(rows))
            .ahead(Normalizer::sheet_rows, |event: &mut Option<Event>| {
                if let Some(event) = event {
                    checked(event);
                }
            }),
    );
    let mut check = check.into_inner();
    match read {
        Ok(notes) => {
            for finding in check::load_note_findings(&f.display, &notes) {
                check.file_finding(finding);
            }
        }
        Err(e) => check.file_finding(check::load_error_finding(&f.display, &e)),
    }
    check.finish()
}
