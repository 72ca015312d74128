//! Following a lab's ideas (LAN Laboratorium Inovasi) out of the lab: into
//! the pemda's IID lists (`--iid`, `--baseline`), where an idea at a
//! launched stage that has no entry is L007 and one matching several
//! entries equally is L008; and against a catalogue of existing innovations
//! (`--catalog`), whose closest innovations of other pemda are L009. The
//! IID entries are found by the portal comparison's own matching
//! ([`super::portal::compare`]), the catalogue's by [`super::catalog`]. No
//! I/O.

use super::catalog::{Catalog, pemda_key};
use super::portal::{self, PortalEntry};
use super::{Baseline, Sink};
use crate::diag::{Code, Finding, Say};
use crate::outcome::Innovation;
use crate::outcome::idea::{Idea, IidMatch, Like};
use crate::template::Template;
use rayon::prelude::*;
use std::sync::Arc;

/// The most catalogue innovations listed for one idea.
pub const MOST_LIKE: usize = 3;

/// Follow every innovation: into `lists` when the template names launched
/// stages (`launched_stages`), and against `catalog` when one is given.
/// The ideas come back in the order of `innovations`, only those with
/// something to say.
pub(crate) fn follow(
    t: &Template,
    innovations: &[Innovation],
    lists: Option<&Baseline>,
    catalog: Option<&[PortalEntry]>,
    sink: &mut Sink<'_>,
) -> Vec<Idea> {
    let lab = !t.settings.launched_stages.is_empty();
    let iid = match lists {
        Some(b) if lab => into_iid(t, innovations, b, sink),
        _ => vec![None; innovations.len()],
    };
    let like: Vec<Option<Vec<Like>>> = match catalog {
        Some(entries) => {
            let found = catalog_matches(t, innovations, entries);
            innovations
                .iter()
                .zip(found)
                .map(|(inn, found)| {
                    let list: Vec<Like> = found
                        .into_iter()
                        .map(|(i, s)| {
                            let e = &entries[i as usize];
                            Like {
                                name: e.name.clone(),
                                pemda: e.pemda.clone(),
                                similarity: crate::outcome::score::round2(s),
                                file: e.file.clone(),
                                sheet: e.sheet.clone(),
                                row: e.row,
                            }
                        })
                        .collect();
                    if !list.is_empty() {
                        sink.push(like_finding(inn, &list));
                    }
                    Some(list)
                })
                .collect()
        }
        None => vec![None; innovations.len()],
    };
    iid.into_iter()
        .zip(like)
        .enumerate()
        .filter(|(_, (iid, like))| iid.is_some() || like.is_some())
        .map(|(i, (iid, catalog))| Idea {
            innovation: i as u32,
            iid,
            catalog,
        })
        .collect()
}

/// For each innovation, the `entries` most like it (at most
/// [`MOST_LIKE`], of other pemda, from the template's `similar_catalog`):
/// (entry index, share of words), the likest first. Indexed once, looked up
/// on every core.
pub fn catalog_matches(
    t: &Template,
    innovations: &[Innovation],
    entries: &[PortalEntry],
) -> Vec<Vec<(u32, f64)>> {
    let c = Catalog::new(entries, t.settings.similar_catalog);
    innovations
        .par_iter()
        .map_init(
            || c.seen(),
            |seen, inn| c.like(inn.name(), inn.pemda.as_deref(), MOST_LIKE, seen),
        )
        .collect()
}

/// Each idea's entry in the IID lists, by the portal comparison run on
/// copies of the ideas (their pemda in one spelling) against every list
/// of any year; L007 and L008 for the ideas at a launched stage.
fn into_iid(
    t: &Template,
    innovations: &[Innovation],
    lists: &Baseline,
    sink: &mut Sink<'_>,
) -> Vec<Option<IidMatch>> {
    // An entry of an earlier year is in the IID as well.
    let entries: Vec<PortalEntry> = lists
        .entries
        .iter()
        .map(|e| PortalEntry {
            year: None,
            pemda: e.pemda.as_deref().map(pemda_key),
            ..e.clone()
        })
        .collect();
    let mut probes: Vec<Innovation> = innovations
        .iter()
        .map(|i| {
            let mut p = Innovation::new(i.file(), i.sheet(), i.row, &i.agency, i.name());
            p.pemda = i.pemda.as_deref().map(|p| Arc::from(pemda_key(p)));
            p
        })
        .collect();
    // What the comparison says of the portal (P001, P004, ...) is not said
    // of a lab's ideas.
    let mut unsaid = Sink::new(t);
    portal::compare(t, &lists.options, &mut probes, &entries, &mut unsaid);
    innovations
        .iter()
        .zip(probes)
        .map(|(inn, probe)| {
            let found = probe.portal?;
            let m = if !found.candidates.is_empty() {
                IidMatch {
                    status: "ambiguous",
                    matched: None,
                    similarity: found.similarity,
                    candidates: found.candidates,
                }
            } else if let Some(name) = found.matched {
                IidMatch {
                    status: "entered",
                    matched: Some(name),
                    similarity: found.similarity,
                    candidates: Vec::new(),
                }
            } else {
                IidMatch {
                    status: "not_entered",
                    matched: None,
                    similarity: None,
                    candidates: Vec::new(),
                }
            };
            if let Some(stage) = launched(t, inn) {
                match m.status {
                    "not_entered" => sink.push(
                        Finding::new(Code::L007, inn.location())
                            .field("nama_inovasi")
                            .value(inn.name())
                            .arg("stage", stage),
                    ),
                    "ambiguous" => {
                        let names = m
                            .candidates
                            .iter()
                            .map(|c| format!("\"{c}\""))
                            .collect::<Vec<_>>()
                            .join("; ");
                        sink.push(
                            Finding::new(Code::L008, inn.location())
                                .field("nama_inovasi")
                                .value(inn.name())
                                .arg("candidates", &names)
                                .arg("candidates_en", &names),
                        );
                    }
                    _ => {}
                }
            }
            Some(m)
        })
        .collect()
}

/// The stage of an idea when it is one the template says is launched.
fn launched<'t>(t: &'t Template, inn: &Innovation) -> Option<&'t str> {
    let index = usize::from(inn.stage?);
    t.settings
        .launched_stages
        .contains(&index)
        .then(|| inn.stage_name(t))
        .flatten()
}

/// L009: the catalogue's innovations like an idea, with their pemda and
/// likeness.
fn like_finding(inn: &Innovation, list: &[Like]) -> Finding {
    let say = |lang: crate::diag::Lang| {
        let none = lang.say(Say::NoPemdaNamed);
        list.iter()
            .map(|l| {
                let pemda = l.pemda.as_deref().unwrap_or(none);
                format!(
                    "\"{}\" ({pemda}, {} %)",
                    l.name,
                    (l.similarity * 100.0).round()
                )
            })
            .collect::<Vec<_>>()
            .join("; ")
    };
    Finding::new(Code::L009, inn.location())
        .field("nama_inovasi")
        .value(inn.name())
        .arg("similar", say(crate::diag::Lang::Id))
        .arg("similar_en", say(crate::diag::Lang::En))
}

/// Give each idea its innovation's index once the innovations are sorted
/// (stably, by place), as `combine` sorts them.
pub(crate) fn resort(ideas: &mut [Idea], innovations: &[Innovation]) {
    let mut order: Vec<u32> = (0..innovations.len() as u32).collect();
    order.sort_by(|&a, &b| {
        innovations[a as usize]
            .place()
            .cmp(&innovations[b as usize].place())
    });
    let mut at = vec![0u32; order.len()];
    for (new, &old) in order.iter().enumerate() {
        at[old as usize] = new as u32;
    }
    for idea in ideas.iter_mut() {
        idea.innovation = at[idea.innovation as usize];
    }
    ideas.sort_by_key(|i| i.innovation);
}
