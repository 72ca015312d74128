//! What changed since an earlier run, in words, above the table of
//! `check --since` and on the watch screen.

use super::layout::ARROW;
use super::visible::visible;
use crate::diag::{Lang, Say};
use crate::since::Since;
use std::fmt::Write as _;

/// A time of the form `2026-12-06T19:24:06Z` as `2026-12-06 19:24`.
pub(super) fn short_time(time: &str) -> String {
    time.replacen('T', " ", 1).chars().take(16).collect()
}

/// The headline: since when, and how many findings fixed and new, and
/// innovations added and removed.
pub(super) fn headline(since: &Since, lang: Lang) -> String {
    let as_of = &since.previous.as_of;
    let when = match &since.previous.time {
        Some(t) => lang.fill(
            Say::SinceTheCheckAt,
            &[("time", &short_time(t)), ("as_of", as_of)],
        ),
        None => lang.fill(Say::SinceTheCheck, &[("as_of", as_of)]),
    };
    let (fixed, new) = (since.findings_fixed, since.findings_new);
    let (added, removed) = (
        since.innovations_added.len(),
        since.innovations_removed.len(),
    );
    if fixed + new + added + removed == 0 {
        return lang.fill(Say::NothingChanged, &[("when", &when)]);
    }
    lang.fill(
        Say::WhatChangedCounts,
        &[
            ("when", &when),
            ("fixed", &lang.counted(fixed, Say::FindingNoun)),
            ("new", &new),
            ("added", &lang.counted(added, Say::InnovationNoun)),
            ("removed", &removed),
        ],
    )
}

/// One line per agency that changed: its innovations and errors before
/// and now, and its findings fixed and new.
pub(super) fn agency_lines(since: &Since, lang: Lang) -> Vec<String> {
    let mut out = Vec::new();
    for d in since.agencies.iter().filter(|d| d.changed()) {
        let mut parts = Vec::new();
        if d.innovations_before != d.innovations_now
            || d.innovations_added + d.innovations_removed > 0
        {
            parts.push(format!(
                "{} {} {ARROW} {} (+{} -{})",
                lang.say(Say::Innovations),
                d.innovations_before,
                d.innovations_now,
                d.innovations_added,
                d.innovations_removed
            ));
        }
        if d.errors_before != d.errors_now {
            parts.push(format!(
                "{} {} {ARROW} {}",
                lang.say(Say::Errors),
                d.errors_before,
                d.errors_now
            ));
        }
        if d.findings_fixed > 0 {
            let fixed = lang.counted(d.findings_fixed, Say::FindingNoun);
            parts.push(lang.fill(Say::FindingsFixed, &[("fixed", &fixed)]));
        }
        if d.findings_new > 0 {
            parts.push(lang.counted(d.findings_new, Say::NewFindingNoun));
        }
        let agency = if d.agency.is_empty() {
            lang.say(Say::NoAgency)
        } else {
            d.agency.as_str()
        };
        out.push(format!("{}: {}", visible(agency), parts.join(", ")));
    }
    out
}

/// The whole block: headline, agencies that changed, and the innovations
/// added and removed by name.
pub fn render_changes(since: &Since, lang: Lang, width: usize) -> String {
    let mut s = String::new();
    for l in super::layout::wrap(&headline(since, lang), width) {
        let _ = writeln!(s, "{l}");
    }
    for line in agency_lines(since, lang) {
        for (k, l) in super::layout::wrap(&line, width.saturating_sub(4))
            .into_iter()
            .enumerate()
        {
            let _ = writeln!(s, "{}{l}", if k == 0 { "  " } else { "    " });
        }
    }
    let lists = [
        (&since.added, lang.say(Say::InnovationsAddedColon), "+"),
        (&since.removed, lang.say(Say::InnovationsRemovedColon), "-"),
    ];
    for (list, title, mark) in lists {
        if list.is_empty() {
            continue;
        }
        let _ = writeln!(s, "  {title}");
        for (agency, name) in list.iter() {
            let text = visible(&format!("{mark} {name} ({agency})")).into_owned();
            for l in super::layout::wrap(&text, width.saturating_sub(4)) {
                let _ = writeln!(s, "    {l}");
            }
        }
    }
    s
}
