//! Agency data against the portal and the assessment window: innovations
//! never entered ("belum terinput"), entered but out of date ("belum
//! terupdate"), only in the portal, outside the eligibility window, too new,
//! entered too often in earlier years, or stale in the portal.

use super::name_index::NameIndex;
use super::{Innovation, Sink};
use crate::diag::{Code, Finding, Lang, Location, Say};
use crate::normalize::date::portal_format;
use crate::normalize::{DateValue, Record, Value};
use crate::outcome::portal::{Change, Facts, PortalOnly, PortalStatus};
// Its home is the model; named here too for the callers that read portal lists.
pub use crate::outcome::portal::PortalEntry;
use crate::template::roles::{self, Roles};
use crate::template::{Template, fold};
use chrono::NaiveDate;
use rayon::prelude::*;
use std::collections::BTreeSet;

impl Facts {
    /// The facts of record `r`, read from the fields in their roles.
    pub fn from_record(fields: &Roles, r: &Record) -> Facts {
        let enum_value = |fi: Option<usize>| -> Option<u16> {
            match r.cell(fi?).map(|c| &c.value) {
                Some(Value::Enum { index, .. }) => u16::try_from(*index).ok(),
                _ => None,
            }
        };
        let date = |fi: Option<usize>| -> Option<NaiveDate> {
            match r.cell(fi?).map(|c| &c.value) {
                Some(Value::Date(DateValue::Ok(d, _))) => Some(*d),
                _ => None,
            }
        };
        Facts {
            tahapan: enum_value(fields.stage),
            inisiator: enum_value(fields.initiator),
            nama_inisiator: fields
                .initiator_name
                .and_then(|f| r.text(f))
                .map(|s| crate::normalize::collapse_spaces(s).into_boxed_str()),
            urusan: enum_value(fields.affair),
            uji_coba: date(fields.trial),
            penerapan: date(fields.application),
            pengembangan: date(fields.development),
            updated: date(fields.updated),
            score: fields.score.and_then(|f| r.text(f)).and_then(score_of),
        }
    }
}

/// A score as the portal list shows it: "104.00", "62,00", "62".
fn score_of(text: &str) -> Option<f64> {
    let t = text.trim().replace(',', ".");
    if t.matches('.').count() > 1 {
        return None;
    }
    t.parse::<f64>().ok().filter(|x| x.is_finite() && *x >= 0.0)
}

/// How to compare.
#[derive(Debug, Clone)]
pub struct PortalOptions {
    /// The assessment year.
    pub year: i32,
    pub as_of: NaiveDate,
    pub stale_after_days: u32,
    pub match_threshold: f64,
}

/// What differs, portal value -> agency value. A field the portal entry
/// does not hold (its download has no such column, or the cell is empty) is
/// not compared: the list download carries only some fields.
fn changes(t: &Template, inn: &Innovation, e: &PortalEntry) -> Vec<Change> {
    let (a, p) = (&inn.facts, &e.facts);
    let mut out = Vec::new();
    let mut push = |field, portal: Option<String>, agency: Option<String>, same: bool| {
        if let (Some(portal), Some(agency)) = (portal, agency)
            && !same
        {
            out.push(Change {
                field,
                portal,
                agency,
            });
        }
    };
    let text = |x: &Option<Box<str>>| x.as_deref().map(str::to_string);
    let eq = |x: &Option<Box<str>>, y: &Option<Box<str>>| {
        x.as_deref().map(fold) == y.as_deref().map(fold)
    };
    let date = |d: Option<NaiveDate>| d.map(portal_format);
    // "GA'DE-GA'DE PUSTAKA" and "Ga'de Ga'de Pustaka" are one name: case,
    // punctuation and spacing are not a difference to update.
    push(
        roles::NAME,
        Some(e.name.clone()),
        Some(inn.name().to_string()),
        e.name_key == inn.name_key(),
    );
    let canonical = |x: Option<&str>| x.map(str::to_string);
    push(
        roles::STAGE,
        canonical(p.tahapan(t)),
        canonical(a.tahapan(t)),
        p.tahapan(t) == a.tahapan(t),
    );
    push(
        roles::INITIATOR,
        canonical(p.inisiator(t)),
        canonical(a.inisiator(t)),
        p.inisiator(t) == a.inisiator(t),
    );
    push(
        roles::INITIATOR_NAME,
        text(&p.nama_inisiator),
        text(&a.nama_inisiator),
        eq(&p.nama_inisiator, &a.nama_inisiator),
    );
    push(
        roles::AFFAIR,
        canonical(p.urusan(t)),
        canonical(a.urusan(t)),
        p.urusan(t) == a.urusan(t),
    );
    push(
        roles::TRIAL,
        date(p.uji_coba),
        date(a.uji_coba),
        p.uji_coba == a.uji_coba,
    );
    push(
        roles::APPLICATION,
        date(p.penerapan),
        date(a.penerapan),
        p.penerapan == a.penerapan,
    );
    push(
        roles::DEVELOPMENT,
        date(p.pengembangan),
        date(a.pengembangan),
        p.pengembangan == a.pengembangan,
    );
    out
}

/// Compare every innovation with this year's entries; count earlier years'
/// entries; list portal-only entries.
pub(crate) fn compare(
    t: &Template,
    o: &PortalOptions,
    innovations: &mut [Innovation],
    entries: &[PortalEntry],
    sink: &mut Sink<'_>,
) -> Vec<PortalOnly> {
    let current = NameIndex::new(
        entries
            .iter()
            .filter(|e| e.year.is_none_or(|y| y == o.year))
            .collect(),
        o.match_threshold,
    );
    let earlier = NameIndex::new(
        entries
            .iter()
            .filter(|e| e.year.is_some_and(|y| y < o.year))
            .collect(),
        o.match_threshold,
    );
    // Entered in too many earlier years (W003) is asked only when the
    // template limits it.
    let prior_limit = t
        .window
        .as_ref()
        .and_then(|w| w.max_prior_entries.map(|max| (w, max)))
        .filter(|_| !earlier.entries.is_empty());
    // The look-ups, on every core; what they found is reported in order.
    let found: Vec<(Vec<u32>, f64, Vec<u32>)> = innovations
        .par_iter()
        .map(|inn| {
            let (best, sim) = current.best(inn, o.match_threshold);
            let prior = match prior_limit {
                Some(_) => earlier.matching(inn, o.match_threshold),
                None => Vec::new(),
            };
            (best, sim, prior)
        })
        .collect();
    let mut matched = vec![false; current.entries.len()];
    for (inn, (found, sim, prior)) in innovations.iter_mut().zip(found) {
        for &i in &found {
            matched[i as usize] = true;
        }
        let cands: Vec<&PortalEntry> = found.iter().map(|&i| current.entries[i as usize]).collect();
        let status = match cands.as_slice() {
            [] => {
                sink.push(
                    Finding::new(Code::P001, inn.location())
                        .field(roles::NAME)
                        .value(inn.name()),
                );
                PortalStatus {
                    status: "not_entered",
                    matched: None,
                    similarity: None,
                    changes: Vec::new(),
                    candidates: Vec::new(),
                }
            }
            [e] => {
                let ch = changes(t, inn, e);
                if !ch.is_empty() {
                    let list = |lang| {
                        ch.iter()
                            .map(|c| {
                                let label = t
                                    .field_index(c.field)
                                    .map_or(c.field, |i| t.fields[i].label(lang));
                                format!("{label}: \"{}\" -> \"{}\"", c.portal, c.agency)
                            })
                            .collect::<Vec<_>>()
                            .join("; ")
                    };
                    sink.push(
                        Finding::new(Code::P002, inn.location())
                            .field(roles::NAME)
                            .value(inn.name())
                            .arg("changes", list(Lang::Id))
                            .arg("changes_en", list(Lang::En)),
                    );
                }
                // The portal's score against the claimed one: the evidence
                // entered there differs from the folder's.
                if let Some(portal) = e.facts.score
                    && !inn.score.indicators().is_empty()
                    && (portal - crate::outcome::score::round2(inn.score.claimed_points())).abs()
                        >= 0.005
                {
                    sink.push(
                        Finding::new(Code::P006, inn.location())
                            .field(roles::SCORE)
                            .value(&format!("{portal:.2}"))
                            .number("portal", "portal_en", portal, 2)
                            .number("claimed", "claimed_en", inn.score.claimed_points(), 2),
                    );
                }
                if let Some(updated) = e.facts.updated
                    && (o.as_of - updated).num_days() > i64::from(o.stale_after_days)
                {
                    sink.push(
                        Finding::new(Code::P005, inn.location())
                            .field(roles::UPDATED)
                            .value(&portal_format(updated))
                            .arg("days", (o.as_of - updated).num_days()),
                    );
                }
                PortalStatus {
                    status: if ch.is_empty() {
                        "up_to_date"
                    } else {
                        "outdated"
                    },
                    matched: Some(e.name.clone()),
                    similarity: Some(crate::outcome::score::round2(sim)),
                    changes: ch,
                    candidates: Vec::new(),
                }
            }
            many => {
                let names = |lang: Lang| {
                    many.iter()
                        .map(|e| {
                            lang.fill(
                                Say::PortalCandidate,
                                &[("name", &e.name), ("file", &e.file), ("row", &e.row)],
                            )
                        })
                        .collect::<Vec<_>>()
                        .join("; ")
                };
                sink.push(
                    Finding::new(Code::P003, inn.location())
                        .field(roles::NAME)
                        .value(inn.name())
                        .arg("candidates", names(Lang::Id))
                        .arg("candidates_en", names(Lang::En)),
                );
                PortalStatus {
                    status: "not_entered",
                    matched: None,
                    similarity: Some(crate::outcome::score::round2(sim)),
                    changes: Vec::new(),
                    candidates: many.iter().map(|e| e.name.clone()).collect(),
                }
            }
        };
        inn.portal = Some(Box::new(status));
        if let Some((w, max)) = prior_limit {
            let years: BTreeSet<i32> = prior
                .into_iter()
                .filter_map(|i| earlier.entries[i as usize].year)
                .collect();
            prior_entries(w, max, inn, &years, sink);
        }
    }
    let mut only = Vec::new();
    for (e, m) in current.entries.iter().zip(&matched) {
        if !m {
            sink.push(
                Finding::new(
                    Code::P004,
                    Location {
                        file: e.file.clone(),
                        sheet: e.sheet.clone(),
                        row: Some(e.row),
                        col: None,
                        header: None,
                    },
                )
                .field(roles::NAME)
                .value(&e.name),
            );
            only.push(PortalOnly {
                name: e.name.clone(),
                pemda: e.pemda.clone(),
                file: e.file.clone(),
                row: e.row,
            });
        }
    }
    only
}

/// Entered in `max_prior_entries` or more earlier years and not developed
/// inside the window: it cannot be entered again (W003).
fn prior_entries(
    w: &crate::template::Window,
    max: u32,
    inn: &Innovation,
    years: &BTreeSet<i32>,
    sink: &mut Sink<'_>,
) {
    let developed = w.development_lifts_limit
        && inn
            .facts
            .pengembangan
            .is_some_and(|d| d >= w.start && d <= w.end);
    if years.len() as u32 >= max && !developed {
        let list = years
            .iter()
            .map(i32::to_string)
            .collect::<Vec<_>>()
            .join(", ");
        sink.push(
            Finding::new(Code::W003, inn.location())
                .field(roles::DEVELOPMENT)
                .value(inn.name())
                .arg("count", years.len())
                .arg("years", list)
                .arg("max", max),
        );
    }
}

/// The eligibility window: penerapan before it needs a development date
/// inside it (W001); penerapan after it is too new for this year (W002).
/// W001/W002: an innovation first applied before the assessment window
/// (and not developed within it), or after it. With penerapan inside, a
/// development date outside it is W004. At a stage that needs penerapan
/// with none given, an uji coba already after the window means penerapan
/// after it (W002 on the uji coba). A penerapan after `as_of` is D004
/// already, not W002 as well. `None` when all is inside, or when the
/// template has no window or the row no date.
pub(crate) fn window(t: &Template, as_of: NaiveDate, inn: &Innovation) -> Option<Finding> {
    let w = t.window.as_ref()?;
    let range = || format!("{} - {}", portal_format(w.start), portal_format(w.end));
    let Some(pen) = inn.facts.penerapan else {
        let uji = inn.facts.uji_coba.filter(|&u| u > w.end && u <= as_of)?;
        return stage_needs_penerapan(t, inn).then(|| {
            Finding::new(Code::W002, inn.location())
                .field(roles::TRIAL)
                .value(&portal_format(uji))
                .say("what", "what_en", Say::TrialDate, &[])
                .say("implied", "implied_en", Say::ApplicationImplied, &[])
                .arg("window", range())
        });
    };
    if pen < w.start {
        let developed = inn
            .facts
            .pengembangan
            .is_some_and(|d| d >= w.start && d <= w.end);
        (!developed).then(|| {
            Finding::new(Code::W001, inn.location())
                .field(roles::APPLICATION)
                .value(&portal_format(pen))
                .arg("window", range())
                .arg(
                    "pengembangan",
                    inn.facts
                        .pengembangan
                        .map_or("-".to_string(), portal_format),
                )
        })
    } else if pen > w.end {
        (pen <= as_of).then(|| {
            Finding::new(Code::W002, inn.location())
                .field(roles::APPLICATION)
                .value(&portal_format(pen))
                .say("what", "what_en", Say::ApplicationDate, &[])
                .arg("window", range())
        })
    } else {
        let dev = inn
            .facts
            .pengembangan
            .filter(|&d| (d < w.start || d > w.end) && d <= as_of)?;
        Some(
            Finding::new(Code::W004, inn.location())
                .field(roles::DEVELOPMENT)
                .value(&portal_format(dev))
                .arg("window", range()),
        )
    }
}

/// Whether the innovation's stage requires the penerapan date (template:
/// the tahapan value's `requires`), as Penerapan does.
fn stage_needs_penerapan(t: &Template, inn: &Innovation) -> bool {
    let (Some(stage), Some(tf), Some(pf)) = (
        inn.facts.tahapan(t),
        t.roles.stage.map(|i| &t.fields[i]),
        t.roles.application,
    ) else {
        return false;
    };
    tf.values
        .iter()
        .any(|v| v.value == stage && v.requires.contains(&pf))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%d/%m/%Y").unwrap()
    }

    fn as_of() -> NaiveDate {
        d("24/11/2026")
    }

    /// The window finding of an innovation with these facts.
    fn window_of(facts: Facts) -> Option<(Code, String)> {
        let t = crate::check::testing::template();
        let mut inn = Innovation::new("a.csv", None, 2, "", "SIPANDU");
        inn.facts = facts;
        window(&t, as_of(), &inn).map(|f| (f.code, f.value.unwrap_or_default()))
    }

    #[test]
    fn w004_development_outside_while_penerapan_inside() {
        // SIMONDA: "Pengembangan terbaru di luar rentang".
        let facts = |dev| Facts {
            penerapan: Some(d("01/06/2024")),
            pengembangan: dev,
            ..Facts::default()
        };
        assert_eq!(
            window_of(facts(Some(d("01/03/2026")))),
            Some((Code::W004, "01/03/2026".into()))
        );
        assert_eq!(
            window_of(facts(Some(d("01/03/2023")))),
            Some((Code::W004, "01/03/2023".into()))
        );
        assert_eq!(window_of(facts(Some(d("01/03/2025")))), None);
        assert_eq!(window_of(facts(None)), None);
    }

    #[test]
    fn w002_an_uji_coba_after_the_window_at_penerapan_implies_it() {
        let facts = |stage: &str| {
            let mut f = Facts {
                uji_coba: Some(d("01/02/2026")),
                ..Facts::default()
            };
            f.set_tahapan(&crate::check::testing::template(), stage);
            assert!(f.tahapan.is_some(), "{stage} is a tahapan");
            f
        };
        assert_eq!(
            window_of(facts("Penerapan")),
            Some((Code::W002, "01/02/2026".into()))
        );
        let t = crate::check::testing::template();
        let mut inn = Innovation::new("a.csv", None, 2, "", "SIPANDU");
        inn.facts = facts("Penerapan");
        let f = window(&t, as_of(), &inn).unwrap();
        assert!(
            f.message(Lang::En)
                .starts_with("Trial date 01/02/2026 is after the window"),
            "{}",
            f.message(Lang::En)
        );
        // At Uji Coba the penerapan has not come yet: nothing implied.
        assert_eq!(window_of(facts("Uji Coba")), None);
    }

    #[test]
    fn a_future_penerapan_is_d004_only_not_w002() {
        let facts = |pen| Facts {
            penerapan: Some(pen),
            ..Facts::default()
        };
        assert_eq!(window_of(facts(d("15/01/2027"))), None);
        assert_eq!(
            window_of(facts(d("15/03/2026"))),
            Some((Code::W002, "15/03/2026".into()))
        );
    }

    #[test]
    fn w003_the_third_entry_is_flagged_even_when_developed() {
        // Kab. Tegal 2024: "maksimal dua kali".
        let t = crate::check::testing::template();
        let mut w = t.window.clone().unwrap();
        let mut inn = Innovation::new("a.csv", None, 2, "", "SIPANDU");
        inn.facts.pengembangan = Some(d("01/03/2025"));
        let years: BTreeSet<i32> = [2024, 2025].into();
        let run = |w: &crate::template::Window| {
            let mut sink = Sink::new(&t);
            prior_entries(w, 2, &inn, &years, &mut sink);
            sink.findings.iter().map(|f| f.code).collect::<Vec<_>>()
        };
        assert!(!w.development_lifts_limit);
        assert_eq!(run(&w), [Code::W003]);
        // The lenient reading is a template setting.
        w.development_lifts_limit = true;
        assert!(run(&w).is_empty());
    }
}
