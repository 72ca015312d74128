//! The portal entries indexed by the words of their names, for finding an
//! innovation's entries among them: same pemda (or none named), the same
//! folded name, or names whose words are similar enough (Dice).

use super::Innovation;
use crate::outcome::portal::PortalEntry;
use crate::template::fold;
use foldhash::HashMap;
use std::collections::BTreeSet;

/// Names as lists of word ids: each distinct word numbered once, with how
/// many names hold it (so that a name's words can be ranked rarest first),
/// and each name's ids ascending. The portal's [`NameIndex`] and the
/// `--catalog` index number their names' words with it.
pub(crate) struct Vocabulary {
    ids: HashMap<String, u32>,
    /// In how many names each word is.
    frequency: Vec<u32>,
    /// Each name's word ids, ascending: `words_of[start[i]..start[i + 1]]`.
    words_of: Vec<u32>,
    start: Vec<u32>,
}

impl Vocabulary {
    pub(crate) fn with_capacity(names: usize) -> Vocabulary {
        let mut start = Vec::with_capacity(names + 1);
        start.push(0);
        Vocabulary {
            ids: HashMap::default(),
            frequency: Vec::new(),
            words_of: Vec::new(),
            start,
        }
    }

    /// Adds the next name, its words each once.
    pub(crate) fn add(&mut self, words: impl IntoIterator<Item = String>) {
        let first = self.words_of.len();
        for w in words {
            let next = self.ids.len() as u32;
            let id = *self.ids.entry(w).or_insert(next);
            if id == next {
                self.frequency.push(0);
            }
            self.frequency[id as usize] += 1;
            self.words_of.push(id);
        }
        self.words_of[first..].sort_unstable();
        self.start.push(self.words_of.len() as u32);
    }

    /// Name `i`'s word ids, ascending.
    pub(crate) fn words_of(&self, i: u32) -> &[u32] {
        &self.words_of[self.start[i as usize] as usize..self.start[i as usize + 1] as usize]
    }

    /// The id of `word`, when some name has it.
    pub(crate) fn id(&self, word: &str) -> Option<u32> {
        self.ids.get(word).copied()
    }

    /// In how many names word `id` is.
    pub(crate) fn frequency(&self, id: u32) -> u32 {
        self.frequency[id as usize]
    }

    /// How many distinct words the names have.
    pub(crate) fn len(&self) -> usize {
        self.ids.len()
    }
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
pub(crate) struct NameIndex<'a> {
    pub(crate) entries: Vec<&'a PortalEntry>,
    /// The entries' names' words.
    vocabulary: Vocabulary,
    /// Folded pemda -> group; entries naming no pemda are the group `None`,
    /// which every innovation may match.
    groups: HashMap<Option<String>, u32>,
    /// Each group's entries, ascending.
    members: Vec<Vec<u32>>,
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
pub(super) fn common(a: &[u32], b: &[u32]) -> usize {
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
    pub(crate) fn new(entries: Vec<&'a PortalEntry>, threshold: f64) -> NameIndex<'a> {
        let mut ix = NameIndex {
            vocabulary: Vocabulary::with_capacity(entries.len()),
            groups: HashMap::default(),
            members: Vec::new(),
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
            ix.vocabulary.add(name_words(&e.name));
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
            ranked.extend_from_slice(ix.vocabulary.words_of(i));
            ranked.sort_unstable_by_key(|&w| (ix.vocabulary.frequency(w), w));
            ranked.truncate(prefix_len(ranked.len(), threshold));
            let group = group_of[i as usize];
            for &w in &ranked {
                ix.by_word.entry((group, w)).or_default().push(i);
                ix.by_word_all.entry(w).or_default().push(i);
            }
        }
        ix
    }

    fn query(&self, inn: &Innovation) -> Query {
        let pemda_groups = inn.pemda.as_deref().map(|p| {
            [Some(fold(p)), None]
                .iter()
                .filter_map(|k| self.groups.get(k).copied())
                .collect()
        });
        let words = name_words(inn.name());
        let mut ids: Vec<u32> = words.iter().filter_map(|w| self.vocabulary.id(w)).collect();
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
            ranked.sort_unstable_by_key(|&w| (self.vocabulary.frequency(w), w));
            // An entry whose word count is too far from the innovation's
            // cannot reach the threshold even sharing all it can (size
            // filtering): at national scale, where agency files name no
            // pemda, most candidates go here, before being sorted.
            let reachable = |i: &u32| {
                let b = self.vocabulary.words_of(*i).len();
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
            let words = self.vocabulary.words_of(i);
            let shared = common(&q.words, words);
            f(i, dice_of(shared, q.word_count, words.len()));
        }
    }

    /// The best entries for an innovation: exact folded name first, else
    /// the most similar names at or above the threshold. Several entries
    /// come back, ascending, when they are equally close.
    pub(crate) fn best(&self, inn: &Innovation, threshold: f64) -> (Vec<u32>, f64) {
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
    pub(crate) fn matching(&self, inn: &Innovation, threshold: f64) -> Vec<u32> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::outcome::portal::Facts;

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
            let s = name_similarity(inn.name(), &e.name);
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
                        || name_similarity(inn.name(), &e.name) >= threshold)
            })
            .collect()
    }

    fn innovation(name: &str, pemda: Option<&str>) -> Innovation {
        let mut inn = Innovation::new("a.csv", None, 2, "", name);
        inn.pemda = pemda.map(std::sync::Arc::from);
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
