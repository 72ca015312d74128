//! The rules on one innovation's indicators: the chosen tier (parameter),
//! its evidence (file or link, kind, size, PDF state, document date), and
//! the judgement the score stage scores (chosen, verified, why not).

use super::FileUse;
use crate::check::{Innovation, Sink};
use crate::diag::{Code, Finding, Location, Say};
use crate::normalize::DateValue;
use crate::normalize::date::{parse_cell, portal_format};
use crate::outcome::score::{IndicatorScore, InnovationScore};
use crate::outcome::{DatePart, FileFacts, Part, Resolved, Statement};
use crate::template::{Indicator, Template, fold};
use chrono::Datelike;
use std::collections::BTreeMap;
use std::path::Path;

/// Whether an evidence reference is a web link rather than a file.
pub(crate) fn is_link(s: &str) -> bool {
    // Most references start with a letter or digit that starts no link
    // (and is no space to trim): told at once.
    if s.as_bytes()
        .first()
        .is_some_and(|b| b.is_ascii_alphanumeric() && !matches!(b, b'h' | b'H' | b'w' | b'W'))
    {
        return false;
    }
    let l = s.trim().as_bytes();
    ["http://", "https://", "www."].iter().any(|p| {
        l.get(..p.len())
            .is_some_and(|h| h.eq_ignore_ascii_case(p.as_bytes()))
    })
}

/// Whether a link is of a kind the indicator accepts.
fn link_accepted(ind: &Indicator, link: &str) -> bool {
    link_kind_accepted(&ind.links, link)
}

/// Whether `link` is a complete link of one of `kinds` ("youtube",
/// "gdrive", "web"); also used for text fields that ask for a link.
pub(crate) fn link_kind_accepted(kinds: &[String], link: &str) -> bool {
    let l = link.trim().to_ascii_lowercase();
    let host = l
        .trim_start_matches("https://")
        .trim_start_matches("http://")
        .trim_start_matches("www.")
        .split(['/', '?', '#'])
        .next()
        .unwrap_or("");
    if host.is_empty() || !host.contains('.') || l.contains(' ') {
        return false;
    }
    kinds.iter().any(|kind| match kind.as_str() {
        "youtube" => matches!(host, "youtube.com" | "m.youtube.com" | "youtu.be"),
        "gdrive" | "google drive" => matches!(host, "drive.google.com" | "docs.google.com"),
        "web" => true,
        _ => false,
    })
}

/// A chosen parameter: 1, 2 or 3, or the text of one of the options.
fn tier(ind: &Indicator, text: &str) -> Option<u8> {
    let t = text.trim();
    if let Ok(x) = t.parse::<f64>() {
        return (x.fract() == 0.0 && (1.0..=3.0).contains(&x)).then_some(x as u8);
    }
    let f = fold(t);
    for prefix in ["parameter", "param", "tingkat", "p"] {
        if let Some(rest) = f.strip_prefix(prefix)
            && let Ok(n) = rest.parse::<u8>()
            && (1..=3).contains(&n)
        {
            return Some(n);
        }
    }
    ind.params
        .iter()
        .position(|p| fold(p) == f)
        .map(|i| i as u8 + 1)
}

fn kind_accepted(ind: &Indicator, kind: &str) -> bool {
    ind.types.iter().any(|t| {
        let t = t.as_str();
        t == kind || (kind == "jpg" && t == "jpeg")
    })
}

fn types_list(ind: &Indicator) -> String {
    ind.types.join(", ").to_uppercase()
}

pub(super) fn indicator_finding(code: Code, loc: Location, ind: &Indicator) -> Finding {
    Finding::new(code, loc)
        .indicator(ind.no)
        .arg("name", &ind.name)
}

/// The indicator rules of one innovation with statements.
pub(super) fn check_innovation<'a>(
    t: &Template,
    ii: usize,
    inn: &'a Innovation,
    resolved: &dyn Fn(usize) -> Option<&'a Resolved>,
    sink: &mut Sink<'_>,
    uses: &mut Vec<FileUse<'a>>,
) -> InnovationScore {
    let mut scores = Vec::with_capacity(t.indicators.len());
    // Each indicator's statements, with their number in the innovation.
    let mut by_ind: BTreeMap<u32, Vec<(usize, &Statement)>> = BTreeMap::new();
    for (k, s) in inn.statements.iter().enumerate() {
        match t.indicator_for(s.indicator().text) {
            Some(no) => by_ind.entry(no).or_default().push((k, s)),
            None => sink.push(unknown_indicator(s)),
        }
    }
    for ind in &t.indicators {
        let stmts = by_ind.get(&ind.no).map(Vec::as_slice).unwrap_or(&[]);
        let before = sink.findings.len();
        let mut chosen: Option<u8> = None;
        let mut param_loc = None;
        for (_, s) in stmts {
            if let Some(p) = s.parameter().filter(|p| !p.text.is_empty()) {
                match tier(ind, p.text) {
                    Some(n) => {
                        chosen = chosen.or(Some(n));
                        param_loc.get_or_insert_with(|| s.at(Some(p)));
                    }
                    None => {
                        sink.push(indicator_finding(Code::E015, s.at(Some(p)), ind).value(p.text))
                    }
                }
            }
        }
        let docs: Vec<(usize, &Statement, Part<'_>)> = stmts
            .iter()
            .filter_map(|&(k, s)| {
                s.reference()
                    .filter(|r| !r.text.is_empty())
                    .map(|r| (k, s, r))
            })
            .collect();
        match (chosen, docs.is_empty()) {
            (Some(_), true) => sink.push(indicator_finding(
                Code::E001,
                param_loc.clone().unwrap_or_else(|| inn.location()),
                ind,
            )),
            (None, _) if ind.mandatory => {
                let loc = docs
                    .first()
                    .map_or_else(|| inn.location(), |(_, s, r)| s.at(Some(*r)));
                sink.push(indicator_finding(Code::E010, loc, ind));
            }
            (None, false) => {
                let (_, s, r) = docs[0];
                sink.push(indicator_finding(Code::E002, s.at(Some(r)), ind).value(r.text));
            }
            _ => {}
        }
        for &(k, s, r) in &docs {
            // Built only for a finding: two million references at a
            // national scale, and a location copies three texts.
            let loc = || s.at(Some(r));
            if is_link(r.text) {
                if !link_accepted(ind, r.text) {
                    sink.push(
                        indicator_finding(Code::E013, loc(), ind)
                            .value(r.text)
                            .arg("types", types_list(ind)),
                    );
                }
            } else {
                match resolved(k) {
                    Some(Resolved::Found(facts)) => {
                        if facts.other_folder {
                            sink.push(
                                indicator_finding(Code::E017, loc(), ind)
                                    .value(r.text)
                                    .arg("used", shown(&facts.path)),
                            );
                        }
                        file_rules(ind, facts, &loc, r.text, sink);
                        uses.push((facts.path.as_os_str(), facts.size, facts.digest, (ii, s, r)));
                    }
                    Some(Resolved::Escapes) => {
                        sink.push(indicator_finding(Code::E012, loc(), ind).value(r.text))
                    }
                    Some(Resolved::Missing) | None => {
                        sink.push(indicator_finding(Code::E003, loc(), ind).value(r.text))
                    }
                }
            }
            if let Some(d) = s.date() {
                date_rule(t, ind, s, d, sink);
            }
        }
        let failed: Option<Code> = sink.findings[before..]
            .iter()
            .filter(|f| f.severity == crate::diag::Severity::Error)
            .map(|f| f.code)
            .next();
        let verified = chosen.is_some() && !docs.is_empty() && failed.is_none();
        let code = if chosen.is_some() && !verified {
            Some(failed.unwrap_or(Code::E001))
        } else {
            None
        };
        scores.push(IndicatorScore {
            no: ind.no,
            weight: ind.weight,
            tier: chosen,
            verified,
            code,
        });
    }
    InnovationScore::judged(scores)
}

/// E016: the statement's indicator is not one of the template's, or its
/// cell is empty (said so, naming the cell: `Indikator ""` told nothing).
fn unknown_indicator(s: &Statement) -> Finding {
    let loc = s.at(Some(s.indicator()));
    let text = s.indicator().text.trim();
    if text.is_empty() {
        let what = match loc.cell() {
            Some(cell) => Say::EmptyInCell.both(&[("cell", &cell)]),
            None => Say::EmptyWord.both(&[]),
        };
        return Finding::new(Code::E016, loc).words("what", "what_en", what);
    }
    let f = Finding::new(Code::E016, loc).value(text);
    let value = f.value.clone().unwrap_or_default();
    f.say("what", "what_en", Say::NotKnown, &[("value", &value)])
}

/// How a finding shows a file found on disk: its path, with `/`
/// separators on Windows; on Linux a `\` is part of a name and stays.
fn shown(path: &Path) -> String {
    let text = path.to_string_lossy();
    if cfg!(windows) {
        text.replace('\\', "/")
    } else {
        text.into_owned()
    }
}

fn file_rules(
    ind: &Indicator,
    facts: &FileFacts,
    loc: &dyn Fn() -> Location,
    written: &str,
    sink: &mut Sink<'_>,
) {
    let f = |code| indicator_finding(code, loc(), ind).value(written);
    if facts.size == 0 {
        sink.push(f(Code::E005));
        return;
    }
    let limit = (ind.max_mb * 1024.0 * 1024.0) as u64;
    if facts.size > limit {
        sink.push(
            f(Code::E006)
                .number("size", "size_en", facts.size as f64 / 1_048_576.0, 1)
                .number(
                    "max",
                    "max_en",
                    ind.max_mb,
                    crate::diag::decimals(ind.max_mb),
                ),
        );
    }
    match facts.kind {
        Some(kind) if kind_accepted(ind, kind) => {}
        kind => sink.push(
            f(Code::E004)
                .words(
                    "kind",
                    "kind_en",
                    match kind {
                        Some(k) => [k.to_uppercase(), k.to_uppercase()],
                        None => Say::NotAKnownKind.both(&[]),
                    },
                )
                .arg("types", types_list(ind)),
        ),
    }
    if facts.kind == Some("pdf") {
        if facts.pdf_truncated {
            sink.push(f(Code::E007));
        }
        if facts.pdf_encrypted {
            sink.push(f(Code::E008));
        }
    }
}

fn date_rule(
    t: &Template,
    ind: &Indicator,
    s: &Statement,
    date: DatePart<'_>,
    sink: &mut Sink<'_>,
) {
    let d = date.part;
    let loc = || s.at(Some(d));
    match parse_cell(&date.raw(), t.settings.date_order) {
        DateValue::Ok(date, _) => {
            if let Some([from, to]) = ind.years {
                let (lo, hi) = (t.year + from, t.year + to);
                if !(lo..=hi).contains(&date.year()) {
                    sink.push(
                        indicator_finding(Code::E009, loc(), ind)
                            .value(d.text)
                            .arg("date", portal_format(date))
                            .arg("from", lo)
                            .arg("to", hi),
                    );
                }
            }
        }
        _ => sink.push(
            Finding::new(Code::D001, loc())
                .indicator(ind.no)
                .value(d.text)
                .say("label", "label_en", Say::DocumentDateField, &[]),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::testing::template;

    #[test]
    fn parameters_by_number_prefix_or_text() {
        let t = template();
        let ind = t.indicator(2).unwrap();
        assert_eq!(tier(ind, "2"), Some(2));
        assert_eq!(tier(ind, "2.0"), Some(2));
        assert_eq!(tier(ind, "Parameter 3"), Some(3));
        assert_eq!(tier(ind, &ind.params[0].to_uppercase()), Some(1));
        assert_eq!(tier(ind, "4"), None);
        assert_eq!(tier(ind, "tinggi"), None);
    }

    proptest::proptest! {
        /// A reference is a link exactly when, trimmed, it starts with a
        /// link's start in any letter case (the first byte's shortcut
        /// included).
        #[test]
        fn links_are_told_as_by_their_trimmed_start(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                "http://", "HTTPS://", "hTtp:/", "www.", "WwW.", " ", "\t", "\u{a0}", "\u{b}",
                "h", "W", "a", "1", "/", "x", "é", ":",
            ]), 0..5),
        ) {
            let s = pieces.concat();
            let l = s.trim().to_ascii_lowercase();
            let expected = ["http://", "https://", "www."].iter().any(|p| l.starts_with(p));
            proptest::prop_assert_eq!(is_link(&s), expected, "{:?}", s);
        }
    }

    #[test]
    fn links_only_where_the_indicator_takes_them() {
        let t = template();
        let video = t.indicator(20).unwrap();
        let sk = t.indicator(1).unwrap();
        assert!(link_accepted(video, "https://www.youtube.com/watch?v=abc"));
        assert!(link_accepted(video, "https://youtu.be/abc"));
        assert!(link_accepted(
            video,
            "https://drive.google.com/file/d/x/view"
        ));
        assert!(!link_accepted(video, "https://example.com/video.mp4"));
        assert!(!link_accepted(video, "https://"));
        assert!(!link_accepted(sk, "https://drive.google.com/file/d/x/view"));
    }

    #[test]
    fn jpeg_and_jpg_are_one_kind() {
        let t = template();
        let foto = t.indicator(10).unwrap();
        assert!(kind_accepted(foto, "jpg"));
        assert!(!kind_accepted(foto, "pdf"));
    }
}
