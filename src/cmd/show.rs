//! `bimtek show NAME-OR-ROW PATHS...`: one innovation as a card. Runs the
//! whole check (evidence and cross-file rules need every file), picks the
//! innovation, then reads its one row again to show its fields.

use crate::diag::{self, Say, Trouble};
use crate::load;
use crate::normalize::{Event, Normalizer, Record};
use crate::outcome::Innovation;
use crate::report;
use crate::settings::{CheckSettings, Format};
use crate::template::{Template, fold};
use anyhow::Result;
use std::path::Path;

pub fn run(query: &str, s: CheckSettings) -> Result<u8> {
    if s.watch {
        // The card is redrawn on every change; a query that matches nothing
        // for a moment (a row being retyped) is said, not fatal.
        return super::check::watch_loop(&s, &[], || {
            report::frame(b"", true)?;
            if let Err(e) = once(query, &s) {
                report::print_text(&format!("{}\n", diag::error_text(&e, s.lang)))?;
            }
            Ok(())
        });
    }
    once(query, &s)
}

fn once(query: &str, s: &CheckSettings) -> Result<u8> {
    let outcome = super::check::evaluate(s)?;
    let picked = pick(&outcome.innovations, query);
    // The query and the names are one line each in a message of several.
    let query = report::visible(query);
    let inn = match picked.as_slice() {
        [one] => *one,
        [] => {
            return Err(Trouble::say(Say::NoInnovationMatches, &[("query", &query)]).into());
        }
        many => {
            let list: Vec<String> = many
                .iter()
                .take(20)
                .map(|i| {
                    format!(
                        "  {}  ({})",
                        report::visible(i.name()),
                        report::visible(&i.id())
                    )
                })
                .collect();
            let (n, list) = (many.len(), list.join("\n"));
            return Err(Trouble::say(
                Say::ManyInnovationsMatch,
                &[("query", &query), ("n", &n), ("list", &list)],
            )
            .into());
        }
    };
    let path = s
        .paths
        .iter()
        .find_map(|p| find_path(p, inn.file()))
        .unwrap_or_else(|| Path::new(&inn.file()).to_path_buf());
    let record = record_at(&s.template, &path, inn);
    // Its row's findings, its evidence rows' and its sheet's (a required
    // column missing holds for every innovation on it).
    let index = outcome
        .innovations
        .iter()
        .position(|i| std::ptr::eq(i, inn))
        .expect("picked from the list");
    let all = outcome.findings_of(index);
    let opts = report::RenderOptions {
        lang: s.lang,
        as_of: s.as_of,
        width: s.width,
    };
    match s.format {
        Format::Json => {
            report::show_json(inn, record.as_ref(), &all, &outcome, &s.template, &opts)?
        }
        _ => report::card(
            inn,
            record.as_ref(),
            &all,
            &s.template,
            &opts,
            outcome.idea_of(inn),
        )?,
    }
    Ok(if inn.errors > 0 {
        crate::EXIT_FINDINGS
    } else {
        crate::EXIT_OK
    })
}

/// Innovations matching the query: by id, by row number, by exact folded
/// name, else by folded name containing it.
fn pick<'a>(list: &'a [Innovation], query: &str) -> Vec<&'a Innovation> {
    let q = query.trim();
    let by_id: Vec<_> = list.iter().filter(|i| i.id() == q).collect();
    if !by_id.is_empty() {
        return by_id;
    }
    if let Ok(row) = q.parse::<u32>() {
        return list.iter().filter(|i| i.row == row).collect();
    }
    let f = fold(q);
    let exact: Vec<_> = list.iter().filter(|i| i.name_key() == f).collect();
    if !exact.is_empty() {
        return exact;
    }
    list.iter()
        .filter(|i| !f.is_empty() && i.name_key().contains(&f))
        .collect()
}

/// The real path of a displayed file under one of the inputs.
fn find_path(input: &Path, display: &str) -> Option<std::path::PathBuf> {
    let (files, _) = load::collect_inputs(&[input.to_path_buf()]);
    files
        .into_iter()
        .find(|f| f.display == display)
        .map(|f| f.path)
}

/// Read the file again and keep the record on the innovation's row.
fn record_at(t: &Template, path: &Path, inn: &Innovation) -> Option<Record> {
    let mut found = None;
    let mut norm = Normalizer::new(t, &inn.agency, |e| {
        if let Event::Record(r) = e
            && r.row == inn.row
            && r.sheet.as_deref() == inn.sheet()
        {
            found = Some(r.clone());
        }
    });
    let _ = load::read(path, &mut norm, load::Reading::new());
    drop(norm);
    found
}
