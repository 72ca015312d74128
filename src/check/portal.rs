//! Agency data against the portal and the assessment window: innovations
//! never entered ("belum terinput"), entered but out of date ("belum
//! terupdate"), only in the portal, outside the eligibility window, too new,
//! entered too often in earlier years, or stale in the portal.

use super::{Innovation, Sink};
use crate::diag::{Finding, Lang, Location};
use crate::normalize::date::portal_format;
use crate::normalize::{DateValue, Record, Value};
use crate::template::{Template, fold};
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::BTreeSet;

/// The comparable facts of one innovation, canonical.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Facts {
    pub tahapan: Option<String>,
    pub inisiator: Option<String>,
    pub nama_inisiator: Option<String>,
    pub urusan: Option<String>,
    pub uji_coba: Option<NaiveDate>,
    pub penerapan: Option<NaiveDate>,
    pub pengembangan: Option<NaiveDate>,
    pub updated: Option<NaiveDate>,
}

impl Facts {
    pub fn from_record(t: &Template, r: &Record) -> Facts {
        let enum_value = |key: &str| -> Option<String> {
            let fi = t.field_index(key)?;
            match r.cell(fi).map(|c| &c.value) {
                Some(Value::Enum { index, .. }) => Some(t.fields[fi].values[*index].value.clone()),
                _ => None,
            }
        };
        let date = |key: &str| -> Option<NaiveDate> {
            let fi = t.field_index(key)?;
            match r.cell(fi).map(|c| &c.value) {
                Some(Value::Date(DateValue::Ok(d, _))) => Some(*d),
                _ => None,
            }
        };
        Facts {
            tahapan: enum_value("tahapan"),
            inisiator: enum_value("inisiator"),
            nama_inisiator: t
                .field_index("nama_inisiator")
                .and_then(|f| r.text(f))
                .map(crate::normalize::collapse_spaces),
            urusan: enum_value("urusan_utama"),
            uji_coba: date("waktu_uji_coba"),
            penerapan: date("waktu_penerapan"),
            pengembangan: date("waktu_pengembangan"),
            updated: date("terakhir_diperbarui"),
        }
    }
}

/// One entry of a portal download or an earlier submission.
#[derive(Debug, Clone)]
pub struct PortalEntry {
    /// The year the baseline was tagged with; `None` means this year's portal.
    pub year: Option<i32>,
    pub file: String,
    pub sheet: Option<String>,
    pub row: u32,
    pub pemda: Option<String>,
    pub name: String,
    pub name_key: String,
    pub facts: Facts,
}

/// One field that differs: portal value -> agency value.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    pub field: &'static str,
    pub portal: String,
    pub agency: String,
}

/// Where an agency innovation stands against the portal.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PortalStatus {
    /// `not_entered`, `outdated` or `up_to_date`.
    pub status: &'static str,
    /// The portal entry's name, when matched.
    #[serde(rename = "match")]
    pub matched: Option<String>,
    pub similarity: Option<f64>,
    pub changes: Vec<Change>,
    /// Equally close portal entries when the match is ambiguous.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub candidates: Vec<String>,
}

/// A portal entry that no agency file has.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PortalOnly {
    pub name: String,
    pub pemda: Option<String>,
    pub file: String,
    pub row: u32,
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

/// Dice coefficient over the words of two names (0..1).
pub fn name_similarity(a: &str, b: &str) -> f64 {
    let words = |s: &str| -> BTreeSet<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let (wa, wb) = (words(a), words(b));
    if wa.is_empty() || wb.is_empty() {
        return 0.0;
    }
    let shared = wa.intersection(&wb).count();
    2.0 * shared as f64 / (wa.len() + wb.len()) as f64
}

fn same_pemda(a: Option<&str>, b: Option<&str>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => fold(a) == fold(b),
        _ => true,
    }
}

/// The best entries for an innovation: exact folded name first, else the
/// most similar names at or above the threshold. Several entries come back
/// when they are equally close.
fn best<'a>(
    inn: &Innovation,
    entries: &[&'a PortalEntry],
    threshold: f64,
) -> (Vec<&'a PortalEntry>, f64) {
    let pemda = |e: &&&PortalEntry| same_pemda(inn.pemda.as_deref(), e.pemda.as_deref());
    let exact: Vec<&PortalEntry> = entries
        .iter()
        .filter(pemda)
        .filter(|e| e.name_key == inn.name_key && !e.name_key.is_empty())
        .copied()
        .collect();
    if !exact.is_empty() {
        return (exact, 1.0);
    }
    let mut top: Vec<&PortalEntry> = Vec::new();
    let mut top_score = 0.0;
    for e in entries.iter().filter(pemda) {
        let s = name_similarity(&inn.name, &e.name);
        if s < threshold {
            continue;
        }
        if s > top_score + 1e-9 {
            top = vec![e];
            top_score = s;
        } else if (s - top_score).abs() <= 1e-9 {
            top.push(e);
        }
    }
    (top, top_score)
}

/// What differs, portal value -> agency value. A field the portal entry
/// does not hold (its download has no such column, or the cell is empty) is
/// not compared: the list download carries only some fields.
fn changes(inn: &Innovation, e: &PortalEntry) -> Vec<Change> {
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
    let text = |x: &Option<String>| x.clone();
    let eq =
        |x: &Option<String>, y: &Option<String>| x.as_deref().map(fold) == y.as_deref().map(fold);
    let date = |d: Option<NaiveDate>| d.map(portal_format);
    push(
        "nama_inovasi",
        Some(e.name.clone()),
        Some(inn.name.clone()),
        e.name == inn.name,
    );
    push(
        "tahapan",
        text(&p.tahapan),
        text(&a.tahapan),
        p.tahapan == a.tahapan,
    );
    push(
        "inisiator",
        text(&p.inisiator),
        text(&a.inisiator),
        p.inisiator == a.inisiator,
    );
    push(
        "nama_inisiator",
        text(&p.nama_inisiator),
        text(&a.nama_inisiator),
        eq(&p.nama_inisiator, &a.nama_inisiator),
    );
    push(
        "urusan_utama",
        text(&p.urusan),
        text(&a.urusan),
        p.urusan == a.urusan,
    );
    push(
        "waktu_uji_coba",
        date(p.uji_coba),
        date(a.uji_coba),
        p.uji_coba == a.uji_coba,
    );
    push(
        "waktu_penerapan",
        date(p.penerapan),
        date(a.penerapan),
        p.penerapan == a.penerapan,
    );
    push(
        "waktu_pengembangan",
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
    let current: Vec<&PortalEntry> = entries
        .iter()
        .filter(|e| e.year.is_none_or(|y| y == o.year))
        .collect();
    let earlier: Vec<&PortalEntry> = entries
        .iter()
        .filter(|e| e.year.is_some_and(|y| y < o.year))
        .collect();
    let mut matched = vec![false; current.len()];
    let index_of = |e: &PortalEntry| current.iter().position(|c| std::ptr::eq(*c, e));
    for inn in innovations.iter_mut() {
        let (cands, sim) = best(inn, &current, o.match_threshold);
        let status = match cands.as_slice() {
            [] => {
                sink.push(
                    Finding::new("P001", inn.location())
                        .field("nama_inovasi")
                        .value(&inn.name),
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
                if let Some(i) = index_of(e) {
                    matched[i] = true;
                }
                let ch = changes(inn, e);
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
                        Finding::new("P002", inn.location())
                            .field("nama_inovasi")
                            .value(&inn.name)
                            .arg("changes", list(Lang::Id))
                            .arg("changes_en", list(Lang::En)),
                    );
                }
                if let Some(updated) = e.facts.updated
                    && (o.as_of - updated).num_days() > i64::from(o.stale_after_days)
                {
                    sink.push(
                        Finding::new("P005", inn.location())
                            .field("terakhir_diperbarui")
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
                    similarity: Some(crate::score::round2(sim)),
                    changes: ch,
                    candidates: Vec::new(),
                }
            }
            many => {
                for e in many {
                    if let Some(i) = index_of(e) {
                        matched[i] = true;
                    }
                }
                let names = |row: &str| {
                    many.iter()
                        .map(|e| format!("{} ({} {row} {})", e.name, e.file, e.row))
                        .collect::<Vec<_>>()
                        .join("; ")
                };
                sink.push(
                    Finding::new("P003", inn.location())
                        .field("nama_inovasi")
                        .value(&inn.name)
                        .arg("candidates", names("baris"))
                        .arg("candidates_en", names("row")),
                );
                PortalStatus {
                    status: "not_entered",
                    matched: None,
                    similarity: Some(crate::score::round2(sim)),
                    changes: Vec::new(),
                    candidates: many.iter().map(|e| e.name.clone()).collect(),
                }
            }
        };
        inn.portal = Some(Box::new(status));
        prior_entries(t, o, inn, &earlier, sink);
    }
    let mut only = Vec::new();
    for (e, m) in current.iter().zip(&matched) {
        if !m {
            sink.push(
                Finding::new(
                    "P004",
                    Location {
                        file: e.file.clone(),
                        sheet: e.sheet.clone(),
                        row: Some(e.row),
                        col: None,
                        header: None,
                    },
                )
                .field("nama_inovasi")
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
    t: &Template,
    o: &PortalOptions,
    inn: &Innovation,
    earlier: &[&PortalEntry],
    sink: &mut Sink<'_>,
) {
    let (Some(w), false) = (&t.window, earlier.is_empty()) else {
        return;
    };
    let Some(max) = w.max_prior_entries else {
        return;
    };
    let years: BTreeSet<i32> = earlier
        .iter()
        .filter(|e| {
            same_pemda(inn.pemda.as_deref(), e.pemda.as_deref())
                && (e.name_key == inn.name_key
                    || name_similarity(&inn.name, &e.name) >= o.match_threshold)
        })
        .filter_map(|e| e.year)
        .collect();
    let developed = inn
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
            Finding::new("W003", inn.location())
                .field("waktu_pengembangan")
                .value(&inn.name)
                .arg("count", years.len())
                .arg("years", list)
                .arg("max", max),
        );
    }
}

/// The eligibility window: penerapan before it needs a development date
/// inside it (W001); penerapan after it is too new for this year (W002).
/// W001/W002: an innovation first applied before the assessment window
/// (and not developed within it), or after it. `None` when it is inside,
/// or when the template has no window or the row no date.
pub(crate) fn window(t: &Template, inn: &Innovation) -> Option<Finding> {
    let w = t.window.as_ref()?;
    let pen = inn.facts.penerapan?;
    let range = || format!("{} - {}", portal_format(w.start), portal_format(w.end));
    if pen < w.start {
        let developed = inn
            .facts
            .pengembangan
            .is_some_and(|d| d >= w.start && d <= w.end);
        (!developed).then(|| {
            Finding::new("W001", inn.location())
                .field("waktu_penerapan")
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
        Some(
            Finding::new("W002", inn.location())
                .field("waktu_penerapan")
                .value(&portal_format(pen))
                .arg("window", range()),
        )
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_similarity() {
        assert_eq!(
            name_similarity("SIPANDU Posyandu Digital", "Sipandu (Posyandu Digital)"),
            1.0
        );
        let s = name_similarity("Gerakan Sekolah Ramah Anak", "Sekolah Ramah Anak");
        assert!((s - 6.0 / 7.0).abs() < 1e-9, "{s}");
        assert_eq!(name_similarity("A", ""), 0.0);
    }
}
