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
use foldhash::HashMap;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeSet;

/// The comparable facts of one innovation, canonical.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Facts {
    /// The canonical values of the enum fields, as indices into their
    /// field's values (read with [`Facts::tahapan`] and its siblings): two
    /// bytes each instead of a string per innovation.
    tahapan: Option<u16>,
    inisiator: Option<u16>,
    pub nama_inisiator: Option<String>,
    urusan: Option<u16>,
    pub uji_coba: Option<NaiveDate>,
    pub penerapan: Option<NaiveDate>,
    pub pengembangan: Option<NaiveDate>,
    pub updated: Option<NaiveDate>,
    /// The portal's Estimasi Skor Kematangan, when the list has it.
    pub score: Option<f64>,
}

/// Where a template keeps the fields [`Facts`] are read from: looked up
/// once, not for every record.
#[derive(Debug, Clone, Copy)]
pub struct FactFields {
    tahapan: Option<usize>,
    inisiator: Option<usize>,
    nama_inisiator: Option<usize>,
    urusan: Option<usize>,
    uji_coba: Option<usize>,
    penerapan: Option<usize>,
    pengembangan: Option<usize>,
    updated: Option<usize>,
    score: Option<usize>,
}

impl FactFields {
    pub fn new(t: &Template) -> FactFields {
        FactFields {
            tahapan: t.field_index("tahapan"),
            inisiator: t.field_index("inisiator"),
            nama_inisiator: t.field_index("nama_inisiator"),
            urusan: t.field_index("urusan_utama"),
            uji_coba: t.field_index("waktu_uji_coba"),
            penerapan: t.field_index("waktu_penerapan"),
            pengembangan: t.field_index("waktu_pengembangan"),
            updated: t.field_index("terakhir_diperbarui"),
            score: t.field_index("skor_kematangan"),
        }
    }
}

impl Facts {
    pub fn from_record(fields: &FactFields, r: &Record) -> Facts {
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
            tahapan: enum_value(fields.tahapan),
            inisiator: enum_value(fields.inisiator),
            nama_inisiator: fields
                .nama_inisiator
                .and_then(|f| r.text(f))
                .map(crate::normalize::collapse_spaces),
            urusan: enum_value(fields.urusan),
            uji_coba: date(fields.uji_coba),
            penerapan: date(fields.penerapan),
            pengembangan: date(fields.pengembangan),
            updated: date(fields.updated),
            score: fields.score.and_then(|f| r.text(f)).and_then(score_of),
        }
    }
}

impl Facts {
    /// The canonical tahapan, when readable.
    pub fn tahapan<'t>(&self, t: &'t Template) -> Option<&'t str> {
        enum_text(t, "tahapan", self.tahapan)
    }

    /// The canonical inisiator, when readable.
    pub fn inisiator<'t>(&self, t: &'t Template) -> Option<&'t str> {
        enum_text(t, "inisiator", self.inisiator)
    }

    /// The canonical urusan, when readable.
    pub fn urusan<'t>(&self, t: &'t Template) -> Option<&'t str> {
        enum_text(t, "urusan_utama", self.urusan)
    }

    #[cfg(test)]
    pub(crate) fn set_tahapan(&mut self, t: &Template, value: &str) {
        self.tahapan = enum_index(t, "tahapan", value);
    }
}

/// The canonical value `index` of the enum field `key`.
fn enum_text<'t>(t: &'t Template, key: &str, index: Option<u16>) -> Option<&'t str> {
    let values = &t.field(key)?.values;
    values.get(usize::from(index?)).map(|v| v.value.as_str())
}

#[cfg(test)]
fn enum_index(t: &Template, key: &str, value: &str) -> Option<u16> {
    let values = &t.field(key)?.values;
    values
        .iter()
        .position(|v| v.value == value)
        .and_then(|i| u16::try_from(i).ok())
}

/// A score as the portal list shows it: "104.00", "62,00", "62".
fn score_of(text: &str) -> Option<f64> {
    let t = text.trim().replace(',', ".");
    if t.matches('.').count() > 1 {
        return None;
    }
    t.parse::<f64>().ok().filter(|x| x.is_finite() && *x >= 0.0)
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
    /// The agency its row names, when the list has an agency column.
    pub agency: Option<String>,
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
    dice(&name_words(a), &name_words(b))
}

/// The words of a name, lowercase, each once, in order.
fn name_words(s: &str) -> Vec<String> {
    let words: BTreeSet<String> = s
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    words.into_iter().collect()
}

/// Dice coefficient of two names with `shared` words in common, of `a` and
/// `b` words each.
fn dice_of(shared: usize, a: usize, b: usize) -> f64 {
    if a == 0 || b == 0 {
        return 0.0;
    }
    2.0 * shared as f64 / (a + b) as f64
}

fn dice(a: &[String], b: &[String]) -> f64 {
    let shared = a.iter().filter(|w| b.binary_search(w).is_ok()).count();
    dice_of(shared, a.len(), b.len())
}

/// Portal entries indexed for finding an innovation's names among them.
/// Comparing every innovation with every entry (a province's thousands with
/// the portal's thousands, the country's 100k with 100k) took minutes: an
/// entry of another pemda is never a match, and an entry similar enough
/// shares enough of the innovation's words. With a threshold above 0, Dice
/// reaches it only with `need` shared words or more (`need_shared`, from
/// either name's word count alone). Words are ranked rarest first; two
/// names that share `need` words share one among the first
/// `words - need + 1` of each (their prefixes, `prefix_len`). So each entry
/// is listed under its prefix's words only, only the entries (of the
/// innovation's pemda, or of none) listed under its own prefix's words are
/// candidates, and each candidate's shared words are then counted exactly.
struct NameIndex<'a> {
    entries: Vec<&'a PortalEntry>,
    /// Each entry's word ids, ascending: `words_of[start[i]..start[i + 1]]`.
    words_of: Vec<u32>,
    start: Vec<u32>,
    /// Folded pemda -> group; entries naming no pemda are the group `None`,
    /// which every innovation may match.
    groups: HashMap<Option<String>, u32>,
    /// Each group's entries, ascending.
    members: Vec<Vec<u32>>,
    words: HashMap<String, u32>,
    /// In how many entries' names each word is: the rarest rank first.
    frequency: Vec<u32>,
    /// (group, word) -> entries with the word in their prefix, ascending;
    /// and word -> such entries of every group, for an innovation that
    /// names no pemda.
    by_word: HashMap<(u32, u32), Vec<u32>>,
    by_word_all: HashMap<u32, Vec<u32>>,
    /// (group, folded name) -> entries, ascending; and the same for every
    /// group.
    by_name: HashMap<(u32, &'a str), Vec<u32>>,
    by_name_all: HashMap<&'a str, Vec<u32>>,
}

/// An innovation's words as word ids of an index (ascending; words no
/// entry has are left out), and how many words it has in all.
struct Query {
    pemda_groups: Option<Vec<u32>>,
    words: Vec<u32>,
    word_count: usize,
}

/// The fewest shared words with which a name of `words` words can reach
/// `threshold` (over 0) with any other name: Dice is highest when the other
/// name has only the shared words. `None` when no count reaches it.
fn need_shared(words: usize, threshold: f64) -> Option<usize> {
    (1..=words).find(|&s| dice_of(s, words, s) >= threshold)
}

/// How many ids two ascending lists have in common.
fn common(a: &[u32], b: &[u32]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// How many of a name's words (ranked rarest first) make its prefix for
/// `threshold`: all of them at 0 or below.
fn prefix_len(words: usize, threshold: f64) -> usize {
    if threshold > 0.0 {
        need_shared(words, threshold).map_or(0, |need| words - need + 1)
    } else {
        words
    }
}

impl<'a> NameIndex<'a> {
    fn new(entries: Vec<&'a PortalEntry>, threshold: f64) -> NameIndex<'a> {
        let mut ix = NameIndex {
            frequency: Vec::new(),
            words_of: Vec::new(),
            start: vec![0],
            groups: HashMap::default(),
            members: Vec::new(),
            words: HashMap::default(),
            by_word: HashMap::default(),
            by_word_all: HashMap::default(),
            by_name: HashMap::default(),
            by_name_all: HashMap::default(),
            entries,
        };
        let mut group_of = Vec::with_capacity(ix.entries.len());
        for i in 0..ix.entries.len() {
            let e = ix.entries[i];
            let id = i as u32;
            let next = ix.groups.len() as u32;
            let group = *ix
                .groups
                .entry(e.pemda.as_deref().map(fold))
                .or_insert(next);
            group_of.push(group);
            if group == next {
                ix.members.push(Vec::new());
            }
            ix.members[group as usize].push(id);
            let first = ix.words_of.len();
            for w in name_words(&e.name) {
                let next = ix.words.len() as u32;
                let w = *ix.words.entry(w).or_insert(next);
                if w == next {
                    ix.frequency.push(0);
                }
                ix.frequency[w as usize] += 1;
                ix.words_of.push(w);
            }
            ix.words_of[first..].sort_unstable();
            ix.start.push(ix.words_of.len() as u32);
            ix.by_name
                .entry((group, e.name_key.as_str()))
                .or_default()
                .push(id);
            ix.by_name_all
                .entry(e.name_key.as_str())
                .or_default()
                .push(id);
        }
        // Every entry listed under its prefix's words, now that the ranks
        // are known.
        let mut ranked = Vec::new();
        for i in 0..ix.entries.len() as u32 {
            ranked.clear();
            ranked.extend_from_slice(ix.words_of(i));
            ranked.sort_unstable_by_key(|&w| (ix.frequency[w as usize], w));
            ranked.truncate(prefix_len(ranked.len(), threshold));
            let group = group_of[i as usize];
            for &w in &ranked {
                ix.by_word.entry((group, w)).or_default().push(i);
                ix.by_word_all.entry(w).or_default().push(i);
            }
        }
        ix
    }

    fn words_of(&self, i: u32) -> &[u32] {
        &self.words_of[self.start[i as usize] as usize..self.start[i as usize + 1] as usize]
    }

    fn query(&self, inn: &Innovation) -> Query {
        let pemda_groups = inn.pemda.as_deref().map(|p| {
            [Some(fold(p)), None]
                .iter()
                .filter_map(|k| self.groups.get(k).copied())
                .collect()
        });
        let words = name_words(&inn.name);
        let mut ids: Vec<u32> = words
            .iter()
            .filter_map(|w| self.words.get(w).copied())
            .collect();
        ids.sort_unstable();
        Query {
            pemda_groups,
            word_count: words.len(),
            words: ids,
        }
    }

    /// Entries of the innovation's pemda (or of none) whose folded name is
    /// `key`, ascending.
    fn same_name(&self, q: &Query, key: &str) -> Vec<u32> {
        let mut out = match &q.pemda_groups {
            None => self.by_name_all.get(key).cloned().unwrap_or_default(),
            Some(groups) => groups
                .iter()
                .filter_map(|&g| self.by_name.get(&(g, key)))
                .flatten()
                .copied()
                .collect(),
        };
        out.sort_unstable();
        out
    }

    /// The lists of the innovation's pemda (or of every group) holding
    /// word `w`.
    fn lists(&self, q: &Query, w: u32) -> Vec<&[u32]> {
        match &q.pemda_groups {
            None => self
                .by_word_all
                .get(&w)
                .map(Vec::as_slice)
                .into_iter()
                .collect(),
            Some(groups) => groups
                .iter()
                .filter_map(|&g| self.by_word.get(&(g, w)).map(Vec::as_slice))
                .collect(),
        }
    }

    /// Calls `f(entry, similarity)` for the entries of the innovation's
    /// pemda (or of none) whose similarity may reach `threshold` (every
    /// one of them when the threshold is 0 or less), ascending; never for
    /// one whose name is too short or too long to reach it.
    fn similar(&self, q: &Query, threshold: f64, mut f: impl FnMut(u32, f64)) {
        let mut candidates: Vec<u32> = Vec::new();
        if threshold > 0.0 {
            // The innovation's prefix: words no entry has rank first (as
            // the rarest), then the entries' words by rank.
            let absent = q.word_count - q.words.len();
            let take = prefix_len(q.word_count, threshold).saturating_sub(absent);
            let mut ranked = q.words.clone();
            ranked.sort_unstable_by_key(|&w| (self.frequency[w as usize], w));
            // An entry whose word count is too far from the innovation's
            // cannot reach the threshold even sharing all it can (size
            // filtering): at national scale, where agency files name no
            // pemda, most candidates go here, before being sorted.
            let reachable = |i: &u32| {
                let b = self.words_of(*i).len();
                dice_of(q.words.len().min(b), q.word_count, b) >= threshold
            };
            for &w in ranked.iter().take(take) {
                for l in self.lists(q, w) {
                    candidates.extend(l.iter().filter(|i| reachable(i)));
                }
            }
        } else {
            match &q.pemda_groups {
                None => candidates.extend(0..self.entries.len() as u32),
                Some(groups) => {
                    for &g in groups {
                        candidates.extend(&self.members[g as usize]);
                    }
                }
            }
        }
        candidates.sort_unstable();
        candidates.dedup();
        for i in candidates {
            let words = self.words_of(i);
            let shared = common(&q.words, words);
            f(i, dice_of(shared, q.word_count, words.len()));
        }
    }

    /// The best entries for an innovation: exact folded name first, else
    /// the most similar names at or above the threshold. Several entries
    /// come back, ascending, when they are equally close.
    fn best(&self, inn: &Innovation, threshold: f64) -> (Vec<u32>, f64) {
        let q = self.query(inn);
        if !inn.name_key().is_empty() {
            let exact = self.same_name(&q, inn.name_key());
            if !exact.is_empty() {
                return (exact, 1.0);
            }
        }
        let mut top: Vec<u32> = Vec::new();
        let mut top_score = 0.0;
        self.similar(&q, threshold, |i, s| {
            if s < threshold {
                return;
            }
            if s > top_score + 1e-9 {
                top = vec![i];
                top_score = s;
            } else if (s - top_score).abs() <= 1e-9 {
                top.push(i);
            }
        });
        (top, top_score)
    }

    /// Every entry of the innovation's pemda (or of none) with its folded
    /// name, or a name at least `threshold` similar.
    fn matching(&self, inn: &Innovation, threshold: f64) -> Vec<u32> {
        let q = self.query(inn);
        let mut out = self.same_name(&q, inn.name_key());
        self.similar(&q, threshold, |i, s| {
            if s >= threshold {
                out.push(i);
            }
        });
        out.sort_unstable();
        out.dedup();
        out
    }
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
    let text = |x: &Option<String>| x.clone();
    let eq =
        |x: &Option<String>, y: &Option<String>| x.as_deref().map(fold) == y.as_deref().map(fold);
    let date = |d: Option<NaiveDate>| d.map(portal_format);
    // "GA'DE-GA'DE PUSTAKA" and "Ga'de Ga'de Pustaka" are one name: case,
    // punctuation and spacing are not a difference to update.
    push(
        "nama_inovasi",
        Some(e.name.clone()),
        Some(inn.name.to_string()),
        e.name_key == inn.name_key(),
    );
    let canonical = |x: Option<&str>| x.map(str::to_string);
    push(
        "tahapan",
        canonical(p.tahapan(t)),
        canonical(a.tahapan(t)),
        p.tahapan(t) == a.tahapan(t),
    );
    push(
        "inisiator",
        canonical(p.inisiator(t)),
        canonical(a.inisiator(t)),
        p.inisiator(t) == a.inisiator(t),
    );
    push(
        "nama_inisiator",
        text(&p.nama_inisiator),
        text(&a.nama_inisiator),
        eq(&p.nama_inisiator, &a.nama_inisiator),
    );
    push(
        "urusan_utama",
        canonical(p.urusan(t)),
        canonical(a.urusan(t)),
        p.urusan(t) == a.urusan(t),
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
                        Finding::new("P002", inn.location())
                            .field("nama_inovasi")
                            .value(&inn.name)
                            .arg("changes", list(Lang::Id))
                            .arg("changes_en", list(Lang::En)),
                    );
                }
                // The portal's score against the claimed one: the evidence
                // entered there differs from the folder's.
                if let Some(portal) = e.facts.score
                    && !inn.score.indicators().is_empty()
                    && (portal - crate::score::round2(inn.score.claimed)).abs() >= 0.005
                {
                    sink.push(
                        Finding::new("P006", inn.location())
                            .field("skor_kematangan")
                            .value(&format!("{portal:.2}"))
                            .number("portal", "portal_en", portal, 2)
                            .number("claimed", "claimed_en", inn.score.claimed, 2),
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
            Finding::new("W002", inn.location())
                .field("waktu_uji_coba")
                .value(&portal_format(uji))
                .arg("what", "Waktu uji coba")
                .arg("what_en", "Trial date")
                .arg(
                    "implied",
                    "; waktu penerapan kosong, jadi penerapannya juga setelah rentang",
                )
                .arg(
                    "implied_en",
                    "; the application date is empty, so the application is after it too",
                )
                .arg("window", range())
        });
    };
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
        (pen <= as_of).then(|| {
            Finding::new("W002", inn.location())
                .field("waktu_penerapan")
                .value(&portal_format(pen))
                .arg("what", "Waktu penerapan")
                .arg("what_en", "Application date")
                .arg("window", range())
        })
    } else {
        let dev = inn
            .facts
            .pengembangan
            .filter(|&d| (d < w.start || d > w.end) && d <= as_of)?;
        Some(
            Finding::new("W004", inn.location())
                .field("waktu_pengembangan")
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
        t.field("tahapan"),
        t.field_index("waktu_penerapan"),
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

    fn same_pemda(a: Option<&str>, b: Option<&str>) -> bool {
        match (a, b) {
            (Some(a), Some(b)) => fold(a) == fold(b),
            _ => true,
        }
    }

    /// The index's answers as a comparison of the innovation with every
    /// entry gives them.
    fn best_by_scan(inn: &Innovation, entries: &[&PortalEntry], threshold: f64) -> (Vec<u32>, f64) {
        let pemda = |e: &PortalEntry| same_pemda(inn.pemda.as_deref(), e.pemda.as_deref());
        let exact: Vec<u32> = (0..entries.len() as u32)
            .filter(|&i| {
                let e = entries[i as usize];
                pemda(e) && e.name_key == inn.name_key() && !e.name_key.is_empty()
            })
            .collect();
        if !exact.is_empty() {
            return (exact, 1.0);
        }
        let mut top = Vec::new();
        let mut top_score = 0.0;
        for (i, e) in entries.iter().enumerate() {
            if !pemda(e) {
                continue;
            }
            let s = name_similarity(&inn.name, &e.name);
            if s < threshold {
                continue;
            }
            if s > top_score + 1e-9 {
                top = vec![i as u32];
                top_score = s;
            } else if (s - top_score).abs() <= 1e-9 {
                top.push(i as u32);
            }
        }
        (top, top_score)
    }

    fn matching_by_scan(inn: &Innovation, entries: &[&PortalEntry], threshold: f64) -> Vec<u32> {
        (0..entries.len() as u32)
            .filter(|&i| {
                let e = entries[i as usize];
                same_pemda(inn.pemda.as_deref(), e.pemda.as_deref())
                    && (e.name_key == inn.name_key()
                        || name_similarity(&inn.name, &e.name) >= threshold)
            })
            .collect()
    }

    fn innovation(name: &str, pemda: Option<&str>) -> Innovation {
        let mut inn = Innovation::new("a.csv", None, 2, "", name);
        inn.pemda = pemda.map(str::to_string);
        inn
    }

    fn entry(name: &str, pemda: Option<&str>) -> PortalEntry {
        PortalEntry {
            year: None,
            file: "portal.csv".into(),
            sheet: None,
            row: 2,
            pemda: pemda.map(str::to_string),
            agency: None,
            name: name.into(),
            name_key: fold(name),
            facts: Facts::default(),
        }
    }

    /// Names and pemda drawn from few words, so that names share words,
    /// fold alike ("E-Dusa", "edusa") and tie.
    fn name_strategy() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let word = prop::sample::select(vec![
            "Sipandu",
            "sipandu",
            "Posyandu",
            "Digital",
            "E-Dusa",
            "edusa",
            "Desa",
            "Sehat",
            "Sekolah",
            "Ramah",
            "Anak",
            "Inovasi",
            "Pelayanan",
            "Kita",
            "A",
            "B",
        ]);
        prop::collection::vec(word, 0..5).prop_map(|w| w.join(" "))
    }

    fn pemda_strategy() -> impl proptest::strategy::Strategy<Value = Option<String>> {
        use proptest::prelude::*;
        prop::option::of(prop::sample::select(vec![
            "Kota Batu",
            "KOTA  BATU",
            "Kabupaten Malang",
            "",
        ]))
        .prop_map(|p| p.map(str::to_string))
    }

    proptest::proptest! {
        #[test]
        fn the_name_index_finds_what_a_scan_of_every_entry_finds(
            entries in proptest::collection::vec((name_strategy(), pemda_strategy()), 0..30),
            innovations in proptest::collection::vec((name_strategy(), pemda_strategy()), 1..10),
            threshold in proptest::sample::select(vec![0.0, 0.3, 0.5, 0.85, 1.0]),
        ) {
            let entries: Vec<PortalEntry> = entries
                .iter()
                .map(|(n, p)| entry(n, p.as_deref()))
                .collect();
            let refs: Vec<&PortalEntry> = entries.iter().collect();
            let index = NameIndex::new(refs.clone(), threshold);
            for (n, p) in &innovations {
                let inn = innovation(n, p.as_deref());
                proptest::prop_assert_eq!(
                    index.best(&inn, threshold),
                    best_by_scan(&inn, &refs, threshold)
                );
                proptest::prop_assert_eq!(
                    index.matching(&inn, threshold),
                    matching_by_scan(&inn, &refs, threshold)
                );
            }
        }
    }

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%d/%m/%Y").unwrap()
    }

    fn as_of() -> NaiveDate {
        d("24/11/2026")
    }

    /// The window finding of an innovation with these facts.
    fn window_of(facts: Facts) -> Option<(&'static str, String)> {
        let t = crate::check::testing::template();
        let mut inn = innovation("SIPANDU", None);
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
            Some(("W004", "01/03/2026".into()))
        );
        assert_eq!(
            window_of(facts(Some(d("01/03/2023")))),
            Some(("W004", "01/03/2023".into()))
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
            Some(("W002", "01/02/2026".into()))
        );
        let t = crate::check::testing::template();
        let mut inn = innovation("SIPANDU", None);
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
            Some(("W002", "15/03/2026".into()))
        );
    }

    #[test]
    fn w003_the_third_entry_is_flagged_even_when_developed() {
        // Kab. Tegal 2024: "maksimal dua kali".
        let t = crate::check::testing::template();
        let mut w = t.window.clone().unwrap();
        let mut inn = innovation("SIPANDU", None);
        inn.facts.pengembangan = Some(d("01/03/2025"));
        let years: BTreeSet<i32> = [2024, 2025].into();
        let run = |w: &crate::template::Window| {
            let mut sink = Sink::new(&t);
            prior_entries(w, 2, &inn, &years, &mut sink);
            sink.findings.iter().map(|f| f.code).collect::<Vec<_>>()
        };
        assert!(!w.development_lifts_limit);
        assert_eq!(run(&w), ["W003"]);
        // The lenient reading is a template setting.
        w.development_lifts_limit = true;
        assert!(run(&w).is_empty());
    }

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
