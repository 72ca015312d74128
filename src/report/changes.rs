//! What changed since an earlier run, in words, above the table of
//! `check --since` and on the watch screen.

use super::counted as count;
use super::layout::ARROW;
use super::visible::visible;
use crate::diag::Lang;
use crate::since::Since;
use std::fmt::Write as _;

/// A time of the form `2026-12-06T19:24:06Z` as `2026-12-06 19:24`.
pub(super) fn short_time(time: &str) -> String {
    time.replacen('T', " ", 1).chars().take(16).collect()
}

/// The headline: since when, and how many findings fixed and new, and
/// innovations added and removed.
pub(super) fn headline(since: &Since, lang: Lang) -> String {
    let when = match (&since.previous.time, lang) {
        (Some(t), Lang::Id) => format!(
            "Sejak pemeriksaan sebelumnya ({}, tanggal acuan {})",
            short_time(t),
            since.previous.as_of
        ),
        (None, Lang::Id) => format!(
            "Sejak pemeriksaan sebelumnya (tanggal acuan {})",
            since.previous.as_of
        ),
        (Some(t), Lang::En) => format!(
            "Since the previous check ({}, reference date {})",
            short_time(t),
            since.previous.as_of
        ),
        (None, Lang::En) => format!(
            "Since the previous check (reference date {})",
            since.previous.as_of
        ),
    };
    let (fixed, new) = (since.findings_fixed, since.findings_new);
    let (added, removed) = (
        since.innovations_added.len(),
        since.innovations_removed.len(),
    );
    if fixed + new + added + removed == 0 {
        return match lang {
            Lang::Id => format!("{when}: tidak ada yang berubah."),
            Lang::En => format!("{when}: nothing changed."),
        };
    }
    match lang {
        Lang::Id => format!(
            "{when}: {fixed} temuan beres, {new} temuan baru; {added} inovasi bertambah, \
             {removed} berkurang."
        ),
        Lang::En => format!(
            "{when}: {} fixed, {new} new; {} added, {removed} removed.",
            count(fixed, lang, "", "finding", "findings"),
            count(added, lang, "", "innovation", "innovations"),
        ),
    }
}

/// One line per agency that changed: its innovations and errors before
/// and now, and its findings fixed and new.
pub(super) fn agency_lines(since: &Since, lang: Lang) -> Vec<String> {
    let id = lang == Lang::Id;
    let mut out = Vec::new();
    for d in since.agencies.iter().filter(|d| d.changed()) {
        let mut parts = Vec::new();
        if d.innovations_before != d.innovations_now
            || d.innovations_added + d.innovations_removed > 0
        {
            parts.push(format!(
                "{} {} {ARROW} {} (+{} -{})",
                if id { "inovasi" } else { "innovations" },
                d.innovations_before,
                d.innovations_now,
                d.innovations_added,
                d.innovations_removed
            ));
        }
        if d.errors_before != d.errors_now {
            parts.push(format!(
                "{} {} {ARROW} {}",
                if id { "galat" } else { "errors" },
                d.errors_before,
                d.errors_now
            ));
        }
        if d.findings_fixed > 0 {
            parts.push(match lang {
                Lang::Id => format!("{} temuan beres", d.findings_fixed),
                Lang::En => format!(
                    "{} fixed",
                    count(d.findings_fixed, lang, "", "finding", "findings")
                ),
            });
        }
        if d.findings_new > 0 {
            parts.push(match lang {
                Lang::Id => format!("{} temuan baru", d.findings_new),
                Lang::En => count(d.findings_new, lang, "", "new finding", "new findings"),
            });
        }
        let agency = if d.agency.is_empty() {
            if id {
                "(tanpa perangkat daerah)"
            } else {
                "(no agency)"
            }
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
    let id = lang == Lang::Id;
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
        (
            &since.added,
            if id {
                "Inovasi bertambah:"
            } else {
                "Innovations added:"
            },
            "+",
        ),
        (
            &since.removed,
            if id {
                "Inovasi berkurang:"
            } else {
                "Innovations removed:"
            },
            "-",
        ),
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
