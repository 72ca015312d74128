//! The inputs beside the files checked: the pemda's SPD sheet, the roster
//! of agencies expected, the portal's lists (baselines, `--iid`) and a
//! lab's catalogue; and the finding for an input path that is not read.

use crate::check::portal::PortalEntry;
use crate::check::{self, FileResult};
use crate::diag::{Code, Finding, Location, Say, Trouble};
use crate::load::{self, InputFile, NotRead, Reading};
use crate::normalize::{Event, Normalizer};
use crate::report;
use crate::settings::CheckSettings;
use crate::template::Template;
use anyhow::Result;
use rayon::prelude::*;
use std::path::PathBuf;

/// Read and score the pemda's SPD sheet: its verified points (capped at the
/// template's SPD maximum) for the estimate, and its findings as the
/// result of one more file.
pub(super) fn spd_sheet(t: &Template, path: &std::path::Path) -> (Option<f64>, FileResult) {
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
pub(super) fn read_roster(
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
pub(super) fn load_baselines(
    t: &Template,
    lists: &[(Option<i32>, PathBuf)],
) -> (Vec<PortalEntry>, Vec<Finding>) {
    let mut jobs = Vec::new();
    // Each list's paths not read, in the walk's order.
    let mut unread = Vec::new();
    for (list, (year, path)) in lists.iter().enumerate() {
        let (files, problems) = load::collect_inputs(std::slice::from_ref(path));
        for f in files {
            jobs.push((list, *year, f));
        }
        unread.push(problems);
    }
    type Part = Result<(Vec<PortalEntry>, Vec<Finding>), load::marker::Output>;
    let parts: Vec<Part> = jobs
        .par_iter()
        .map(|(_, year, f)| {
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
                });
                load::read(&f.path, &mut norm, Reading::new().html_tables())
            };
            let findings = match result {
                Ok(_) => Vec::new(),
                Err(load::LoadError::Own(output)) => return Err(output),
                Err(e) => vec![check::load_error_finding(&f.display, &e)],
            };
            Ok((entries, findings))
        })
        .collect();
    // bimtek's own workbooks (load tells them by their mark) are said as
    // the walk's own outputs are, with their list's paths not read.
    let mut read = Vec::new();
    for ((list, _, f), part) in jobs.iter().zip(parts) {
        match part {
            Err(output) => unread[*list].push((f.path.clone(), NotRead::Own(output))),
            Ok(part) => read.push(part),
        }
    }
    let mut findings = Vec::new();
    for mut problems in unread {
        problems.sort();
        problems.dedup();
        findings.extend(problems.iter().map(|(p, why)| path_problem(p, why)));
    }
    let mut entries = Vec::new();
    for (e, f) in read {
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
pub(super) fn follow_inputs(
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

/// The finding for an input path that is not read. A path that does not
/// exist is most often a typo on the command line, not a damaged file: say
/// so (F011), and check the rest. Only the system's "no such file" means
/// that: a path longer than the system's limit (4,096 bytes on Linux) may
/// name a file that is there, and is said to be too long.
pub(super) fn path_problem(path: &std::path::Path, why: &NotRead) -> Finding {
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
            Finding::new(Code::F016, loc).say("what", "what_en", special.say(), &[])
        }
        NotRead::BrokenLink => {
            Finding::new(Code::F016, loc).say("what", "what_en", Say::BrokenLink, &[])
        }
        NotRead::LinkOut(target) => {
            Finding::new(Code::F015, loc).arg("target", target.to_string_lossy().replace('\\', "/"))
        }
        NotRead::Own(output) => {
            Finding::new(Code::F014, loc).say("what", "what_en", output.say(), &[])
        }
    }
}
