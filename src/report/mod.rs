//! The only place that prints. Renders an outcome as a table, HTML page or
//! workbook for people, JSON or CSV for scripts, and the `explain` texts. stdout carries the
//! report and nothing else; progress goes to stderr.
#![allow(clippy::print_stdout, clippy::print_stderr)]

mod card;
mod changes;
pub mod chart;
pub mod csv;
pub mod history;
mod html;
mod json;
mod layout;
mod markup;
mod package;
mod screen;
mod table;
pub mod template_view;
mod visible;
mod xlsx;

pub use card::{card, render_card};
pub use html::{
    Extras as HtmlExtras, Page as HtmlPage, render_html, render_html_page, render_html_with,
};
pub use markup::escape as html_escape;

pub use self::csv::{csv, csv_to};
pub use changes::render_changes;
pub use json::{json, json_line_to, json_since_to, json_to, show_json, status_word};
pub use package::{ExportSummary, export_summary, render_export_summary};
pub use screen::render_screen;
pub use table::{render_table, render_table_since, table, table_since};
pub use visible::{visible, visible_lines};
pub use xlsx::{DEFLATE_LEVEL, cell_text, marked_workbook, new_workbook, note_text, render_xlsx};

use crate::diag::{CodeInfo, Lang, Say, Severity};
use chrono::NaiveDate;
use std::io::{self, IsTerminal, Write};

/// How to render.
#[derive(Debug, Clone)]
pub struct RenderOptions {
    pub lang: Lang,
    pub as_of: NaiveDate,
    /// Table width; `None` means the terminal's, or 100.
    pub width: Option<u16>,
}

/// One agency's innovations: how many, by status, their scores, and the
/// files they came from.
#[derive(Default)]
struct AgencyTally<'a> {
    files: std::collections::BTreeSet<&'a str>,
    innovations: usize,
    clean: usize,
    warnings: usize,
    errors: usize,
    claimed: f64,
    verified: f64,
}

/// The innovations tallied per agency, agencies in name order.
fn agency_tallies(
    outcome: &crate::outcome::Outcome,
) -> std::collections::BTreeMap<&str, AgencyTally<'_>> {
    let mut per_agency = std::collections::BTreeMap::<&str, AgencyTally<'_>>::new();
    for i in &outcome.innovations {
        let c = per_agency.entry(&i.agency).or_default();
        c.files.insert(i.file());
        c.innovations += 1;
        c.claimed += i.score.claimed;
        c.verified += i.score.verified;
        match i.status {
            Severity::Info => c.clean += 1,
            Severity::Warning => c.warnings += 1,
            Severity::Error => c.errors += 1,
        }
    }
    per_agency
}

/// The findings per agency, in reading order: agencies by name; within an
/// agency, file by file, first what concerns a whole file or sheet, then
/// innovation by innovation, each one's profile sheet before its evidence
/// rows. A finding's agency is its innovation's, else its own (a roster
/// agency), else its file's.
fn findings_by_agency(
    outcome: &crate::outcome::Outcome,
) -> std::collections::BTreeMap<&str, Vec<&crate::diag::Finding>> {
    use crate::diag::Finding;
    type Keyed<'a> = ((&'a str, Option<u32>, u8, usize), &'a Finding);
    let mut grouped = std::collections::BTreeMap::<&str, Vec<Keyed<'_>>>::new();
    for (k, f) in outcome.findings.iter().enumerate() {
        let (agency, key) = match outcome.innovation_of(f) {
            Some(inn) => {
                let evidence =
                    f.location.file != inn.file() || f.location.sheet.as_deref() != inn.sheet();
                (
                    &*inn.agency,
                    (inn.file(), f.innovation, u8::from(evidence), k),
                )
            }
            None => {
                let file = f.location.file.as_str();
                // A roster agency that sent nothing has no file of its own.
                let agency = f
                    .agency
                    .as_deref()
                    .or_else(|| outcome.file_agency(file))
                    .unwrap_or_default();
                (agency, (file, None, 0, k))
            }
        };
        grouped.entry(agency).or_default().push((key, f));
    }
    grouped
        .into_iter()
        .map(|(agency, mut list)| {
            list.sort_unstable_by_key(|(key, _)| *key);
            (agency, list.into_iter().map(|(_, f)| f).collect())
        })
        .collect()
}

/// Whether an error is stdout closing under us (`bimtek check ... | head`):
/// that is not a failure. The csv and serde_json writers wrap the I/O error
/// without giving it as their source, so they are asked for it.
pub fn is_broken_pipe(e: &anyhow::Error) -> bool {
    let broken = |kind: Option<io::ErrorKind>| kind == Some(io::ErrorKind::BrokenPipe);
    e.chain().any(|c| {
        broken(c.downcast_ref::<io::Error>().map(io::Error::kind))
            || broken(
                c.downcast_ref::<serde_json::Error>()
                    .and_then(serde_json::Error::io_error_kind),
            )
            || broken(
                c.downcast_ref::<::csv::Error>()
                    .and_then(|e| match e.kind() {
                        ::csv::ErrorKind::Io(io) => Some(io.kind()),
                        _ => None,
                    }),
            )
    })
}

/// Severity as a word in the user's language.
pub fn severity_word(s: Severity, lang: Lang) -> &'static str {
    lang.say(match s {
        Severity::Error => Say::ErrorWord,
        Severity::Warning => Say::WarningWord,
        Severity::Info => Say::InfoWord,
    })
}

/// Where an innovation stands against the portal (`not_entered`,
/// `outdated`, `up_to_date`), in the user's language.
pub fn portal_word(status: &str, lang: Lang) -> &str {
    let key = match status {
        "not_entered" => Say::NotEntered,
        "outdated" => Say::Outdated,
        "up_to_date" => Say::UpToDate,
        other => return other,
    };
    lang.say(key)
}

/// The terminal's size as (columns, lines). `COLUMNS` and `LINES` when set
/// (so a test or a script can fix them), else what the terminal says; a
/// terminal that reports 0 columns or no size is taken as 100 columns by
/// 40 lines, the size of a projected terminal.
pub fn terminal_size() -> (u16, u16) {
    let env = |key: &str| {
        std::env::var(key)
            .ok()
            .map(|v| v.trim().parse::<u16>().unwrap_or(0))
    };
    size_from(
        env("COLUMNS"),
        env("LINES"),
        console::Term::stdout().size_checked(),
    )
}

/// (columns, lines) from the environment's `COLUMNS` and `LINES`, else from
/// what the terminal reports as (lines, columns); 0 or nothing is 100 by 40.
fn size_from(columns: Option<u16>, lines: Option<u16>, reported: Option<(u16, u16)>) -> (u16, u16) {
    let lines = lines
        .or(reported.map(|(rows, _)| rows))
        .filter(|&n| n > 0)
        .unwrap_or(40);
    let columns = columns
        .or(reported.map(|(_, cols)| cols))
        .filter(|&n| n > 0)
        .unwrap_or(100);
    (columns, lines)
}

/// Whether `check --watch` draws one screen: on a terminal, or when `LINES`
/// is set (a test, or `script`, standing in for one).
pub fn screen_wanted() -> bool {
    io::stdout().is_terminal() || std::env::var_os("LINES").is_some()
}

/// Colours only on a terminal and never with NO_COLOR set.
pub fn use_color() -> bool {
    // The Windows 10 console prints escape codes as text unless the program
    // switches them on (which needs unsafe code): no colours there; the
    // words GALAT / PERINGATAN carry the meaning.
    !cfg!(windows)
        && io::stdout().is_terminal()
        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// A progress bar on stderr, shown only when asked and stderr is a terminal.
pub struct Progress(Option<indicatif::ProgressBar>);

impl Progress {
    pub fn new(total: u64, wanted: bool, lang: Lang) -> Self {
        if !wanted || !io::stderr().is_terminal() {
            return Progress(None);
        }
        let bar = indicatif::ProgressBar::new(total);
        let template = lang.say(Say::ProgressBar);
        bar.set_style(
            indicatif::ProgressStyle::with_template(template)
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        Progress(Some(bar))
    }

    pub fn inc(&self) {
        if let Some(b) = &self.0 {
            b.inc(1);
        }
    }

    pub fn finish(&self) {
        if let Some(b) = &self.0 {
            b.finish_and_clear();
        }
    }
}

/// One frame of `--watch`: on a terminal the screen is cleared first, so
/// the summary is redrawn in place for the room to watch.
pub fn frame(bytes: &[u8], clear: bool) -> anyhow::Result<()> {
    let mut out = io::stdout().lock();
    if clear && io::stdout().is_terminal() {
        out.write_all(b"\x1b[2J\x1b[H")?;
    }
    out.write_all(bytes)?;
    out.flush()?;
    Ok(())
}

/// An error, or a notice in place of a report, on stdout: its newlines
/// kept, any other control character shown as text.
pub fn print_text(text: &str) -> anyhow::Result<()> {
    print(visible_lines(text).as_bytes())
}

/// The line `--watch` prints on stderr while it waits.
pub fn watching(lang: Lang) {
    if io::stderr().is_terminal() {
        eprintln!("{}", lang.say(Say::Watching));
    }
}

/// A line on stderr, for what a `--watch` run has to say between reports.
pub fn note(text: &str) {
    eprintln!("{}", visible_lines(text));
}

/// Bytes to stdout as they are.
pub fn print(bytes: &[u8]) -> anyhow::Result<()> {
    let mut out = io::stdout().lock();
    out.write_all(bytes)?;
    out.flush()?;
    Ok(())
}

/// `bimtek explain` without a code: one line per code.
pub fn explain_list(codes: &[CodeInfo], lang: Lang) -> io::Result<()> {
    let mut out = io::stdout().lock();
    for c in codes {
        writeln!(
            out,
            "{}  {:<10}  {}",
            c.code,
            severity_word(c.severity, lang),
            c.summary(lang)
        )?;
    }
    out.flush()
}

/// `bimtek explain CODE`.
pub fn explain_one(c: &CodeInfo, lang: Lang) -> io::Result<()> {
    let mut out = io::stdout().lock();
    let sev = lang.say(Say::DefaultSeverity);
    writeln!(out, "{}: {}", c.code, c.summary(lang))?;
    writeln!(out, "{sev}: {}", severity_word(c.severity, lang))?;
    writeln!(out)?;
    writeln!(out, "{}", c.explain(lang))?;
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::size_from;

    #[test]
    fn a_terminal_of_no_size_or_zero_columns_is_100_by_40() {
        assert_eq!(size_from(None, None, None), (100, 40));
        assert_eq!(size_from(None, None, Some((0, 0))), (100, 40));
        assert_eq!(size_from(Some(0), Some(0), Some((30, 80))), (100, 40));
        assert_eq!(size_from(None, None, Some((30, 80))), (80, 30));
        assert_eq!(size_from(Some(120), Some(25), Some((30, 80))), (120, 25));
    }
}
