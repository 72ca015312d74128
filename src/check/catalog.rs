//! A catalogue of existing innovations (`--catalog`), indexed to find the
//! ones most like an idea: its words as L002 counts them (folded, longer
//! than two letters, without joining words) and the same likeness, the
//! share of shared words of the longer name. Comparing every idea with
//! every innovation (10k ideas, a 40k catalogue) is 400 million
//! comparisons; instead each innovation is listed under its rarest words
//! only, and an idea's candidates are the innovations listed under its own
//! rarest words (prefix filtering), whose shared words are then counted
//! exactly. No I/O.

use super::name_index::{Vocabulary, common};
use crate::outcome::portal::PortalEntry;
use foldhash::{HashMap, HashMapExt};

/// The catalogue's innovations by word.
pub(crate) struct Catalog {
    /// Each entry's pemda as [`pemda_key`] reads it, by number
    /// ([`NO_PEMDA`] when it names none).
    pemda: Vec<u32>,
    pemda_ids: HashMap<String, u32>,
    /// The entries' names' words.
    vocabulary: Vocabulary,
    /// Word -> entries holding it among their prefix's words, by (word
    /// count, entry): the entries whose size can reach an idea's are one
    /// slice of each list.
    by_word: Vec<Vec<u32>>,
    threshold: f64,
}

/// The fewest shared words with which a name of `words` words can reach
/// `threshold` as the share of the longer name's words: at least one.
fn need(words: usize, threshold: f64) -> usize {
    ((threshold * words as f64 - 1e-9).ceil() as usize).clamp(1, words.max(1))
}

/// How many of a name's words, rarest first, make its prefix: two names
/// sharing `need` words share one among the first `words - need + 1` of
/// each.
fn prefix_len(words: usize, threshold: f64) -> usize {
    words + 1 - need(words, threshold)
}

/// The likeness of two names with `shared` words in common, of `a` and `b`
/// words each: the share of the longer name's words (as L002).
pub(crate) fn share(shared: usize, a: usize, b: usize) -> f64 {
    match a.max(b) {
        0 => 0.0,
        n => shared as f64 / n as f64,
    }
}

/// A pemda as written in the lab's lists and in the IID's, made one
/// spelling: folded, with "Pemerintah Kota", "Pemkot" as "Kota",
/// "Pemerintah Kabupaten", "Pemkab", "Kab." as "Kabupaten" and "Pemerintah
/// Provinsi", "Pemprov", "Prov." as "Provinsi".
pub(crate) fn pemda_key(pemda: &str) -> String {
    let f = crate::template::fold(pemda);
    let f = f.strip_prefix("pemerintah").unwrap_or(&f);
    for (short, long) in [
        ("pemkot", "kota"),
        ("pemkab", "kabupaten"),
        ("pemprov", "provinsi"),
    ] {
        if let Some(rest) = f.strip_prefix(short) {
            return format!("{long}{rest}");
        }
    }
    for (short, long) in [("kabupaten", "kabupaten"), ("kab", "kabupaten")] {
        if let Some(rest) = f.strip_prefix(short) {
            return format!("{long}{rest}");
        }
    }
    match f
        .strip_prefix("provinsi")
        .or_else(|| f.strip_prefix("prov"))
    {
        Some(rest) => format!("provinsi{rest}"),
        None => f.to_string(),
    }
}

/// The pemda number of an entry naming none.
const NO_PEMDA: u32 = u32::MAX;

/// Which catalogue entries one look-up has met: `marks[i] == round`. Kept
/// per thread, so that no look-up sorts or clears a list of them.
#[derive(Default)]
pub(crate) struct Seen {
    marks: Vec<u32>,
    round: u32,
}

impl Catalog {
    pub fn new(entries: &[PortalEntry], threshold: f64) -> Catalog {
        use rayon::prelude::*;
        // Each entry's words and pemda, on every core; numbered in order
        // after.
        let read: Vec<(Vec<String>, Option<String>)> = entries
            .par_iter()
            .map(|e| {
                (
                    super::similar::words(&e.name),
                    e.pemda.as_deref().map(pemda_key),
                )
            })
            .collect();
        let mut c = Catalog {
            pemda: Vec::with_capacity(entries.len()),
            pemda_ids: HashMap::new(),
            vocabulary: Vocabulary::with_capacity(entries.len()),
            by_word: Vec::new(),
            threshold,
        };
        for (words, pemda) in read {
            let p = match pemda {
                None => NO_PEMDA,
                Some(p) => {
                    let next = c.pemda_ids.len() as u32;
                    *c.pemda_ids.entry(p).or_insert(next)
                }
            };
            c.pemda.push(p);
            c.vocabulary.add(words);
        }
        // Entries listed by (word count, entry): taken in that order, each
        // word's list comes out sorted.
        let mut order: Vec<u32> = (0..entries.len() as u32).collect();
        order.sort_by_key(|&i| c.vocabulary.words_of(i).len());
        c.by_word = vec![Vec::new(); c.vocabulary.len()];
        let mut ranked = Vec::new();
        for i in order {
            ranked.clear();
            ranked.extend_from_slice(c.vocabulary.words_of(i));
            ranked.sort_unstable_by_key(|&w| (c.vocabulary.frequency(w), w));
            ranked.truncate(prefix_len(ranked.len(), threshold));
            for &w in &ranked {
                c.by_word[w as usize].push(i);
            }
        }
        c
    }

    /// A fresh [`Seen`] for this catalogue.
    pub fn seen(&self) -> Seen {
        Seen {
            marks: vec![0; self.pemda.len()],
            round: 0,
        }
    }

    /// The `most` entries most like `name` (share of words at or above the
    /// threshold), of another pemda than `pemda` (an idea naming no pemda:
    /// of a pemda named): (entry, likeness), the likest first, then in
    /// catalogue order.
    pub fn like(
        &self,
        name: &str,
        pemda: Option<&str>,
        most: usize,
        seen: &mut Seen,
    ) -> Vec<(u32, f64)> {
        let own = match pemda {
            None => NO_PEMDA,
            // A pemda the catalogue does not name is no entry's.
            Some(p) => self
                .pemda_ids
                .get(&pemda_key(p))
                .copied()
                .unwrap_or(NO_PEMDA - 1),
        };
        let words = super::similar::words(name);
        let mut ids: Vec<u32> = words.iter().filter_map(|w| self.vocabulary.id(w)).collect();
        ids.sort_unstable();
        let n = words.len();
        if ids.is_empty() {
            return Vec::new();
        }
        // Words no entry has rank first (as the rarest): they take their
        // place in the prefix and find nothing.
        let absent = n - ids.len();
        let take = prefix_len(n, self.threshold).saturating_sub(absent);
        let mut ranked = ids.clone();
        ranked.sort_unstable_by_key(|&w| (self.vocabulary.frequency(w), w));
        // Only a name of `lo..=hi` words can reach the threshold with this
        // one: the share is at most the shorter's words over the longer's.
        let t = self.threshold;
        let lo = ((t * n as f64 - 1e-9).ceil() as u32).max(1);
        let hi = if t > 0.0 {
            (n as f64 / t + 1e-9).floor().min(u32::MAX as f64) as u32
        } else {
            u32::MAX
        };
        seen.round = seen.round.wrapping_add(1);
        if seen.round == 0 {
            seen.marks.iter_mut().for_each(|m| *m = 0);
            seen.round = 1;
        }
        let size = |i: u32| self.vocabulary.words_of(i).len() as u32;
        let mut out: Vec<(u32, f64)> = Vec::new();
        for &w in ranked.iter().take(take) {
            let list = &self.by_word[w as usize];
            let from = list.partition_point(|&i| size(i) < lo);
            let to = list.partition_point(|&i| size(i) <= hi);
            for &i in &list[from..to] {
                let mark = &mut seen.marks[i as usize];
                if *mark == seen.round {
                    continue;
                }
                *mark = seen.round;
                if self.pemda[i as usize] == own {
                    continue;
                }
                let theirs = self.vocabulary.words_of(i);
                let s = share(common(&ids, theirs), n, theirs.len());
                if s >= t {
                    out.push((i, s));
                }
            }
        }
        out.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        out.truncate(most);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::outcome::portal::Facts;

    fn entry(name: &str, pemda: Option<&str>) -> PortalEntry {
        PortalEntry {
            year: None,
            file: "katalog.csv".into(),
            sheet: None,
            row: 2,
            pemda: pemda.map(str::to_string),
            agency: None,
            name: name.into(),
            name_key: crate::template::fold(name),
            facts: Facts::default(),
        }
    }

    /// The index's answer as a comparison with every entry gives it.
    fn like_by_scan(
        entries: &[PortalEntry],
        name: &str,
        pemda: Option<&str>,
        threshold: f64,
    ) -> Vec<(u32, f64)> {
        let mine = super::super::similar::words(name);
        let own = pemda.map(pemda_key);
        let mut out: Vec<(u32, f64)> = entries
            .iter()
            .enumerate()
            .filter(|(_, e)| e.pemda.as_deref().map(pemda_key) != own)
            .filter_map(|(i, e)| {
                let theirs = super::super::similar::words(&e.name);
                let shared = mine.iter().filter(|w| theirs.contains(w)).count();
                let s = share(shared, mine.len(), theirs.len());
                (shared > 0 && s >= threshold).then_some((i as u32, s))
            })
            .collect();
        out.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        out.truncate(3);
        out
    }

    fn name_strategy() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let word = prop::sample::select(vec![
            "Sistem",
            "Informasi",
            "Posyandu",
            "posyandu",
            "Digital",
            "Desa",
            "Sehat",
            "dan",
            "Antrian",
            "Online",
            "Puskesmas",
            "e-Kinerja",
            "ok",
        ]);
        prop::collection::vec(word, 0..6).prop_map(|w| w.join(" "))
    }

    proptest::proptest! {
        #[test]
        fn the_catalog_index_finds_what_a_scan_of_every_entry_finds(
            entries in proptest::collection::vec(
                (name_strategy(), proptest::option::of(proptest::sample::select(
                    vec!["Kota Batu", "Pemkot Batu", "Kabupaten Malang"])))
                , 0..30),
            ideas in proptest::collection::vec(
                (name_strategy(), proptest::option::of(proptest::sample::select(
                    vec!["Pemerintah Kota Batu", "Pemkab Malang"]))), 1..8),
            threshold in proptest::sample::select(vec![0.0, 0.3, 0.5, 0.8, 1.0]),
        ) {
            let entries: Vec<PortalEntry> = entries
                .iter()
                .map(|(n, p)| entry(n, p.as_deref()))
                .collect();
            let catalog = Catalog::new(&entries, threshold);
            let mut seen = catalog.seen();
            for (name, pemda) in &ideas {
                proptest::prop_assert_eq!(
                    catalog.like(name, pemda.as_deref(), 3, &mut seen),
                    like_by_scan(&entries, name, pemda.as_deref(), threshold)
                );
            }
        }
    }

    /// L002's words, read byte by byte for an ASCII name, are the words of
    /// its reading by characters.
    #[test]
    fn an_ascii_name_has_the_words_it_has_by_characters() {
        let by_chars = |name: &str| {
            let mut out: Vec<String> = name
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| w.chars().count() > 2)
                .map(str::to_lowercase)
                .filter(|w| !matches!(w.as_str(), "dan" | "yang" | "untuk" | "dengan" | "bagi"))
                .collect();
            out.sort();
            out.dedup();
            out
        };
        for name in [
            "Sistem Informasi (SIMPEG) dan e-Kinerja 2.0",
            "PPDB online: Penerimaan Peserta-Didik Baru, ONLINE!",
            "  Ab  abc ABC  yang Dengan bagi  ",
            "",
            "SMS_Gateway/web#desa",
        ] {
            assert!(name.is_ascii());
            assert_eq!(super::super::similar::words(name), by_chars(name), "{name}");
        }
    }

    #[test]
    fn pemda_are_read_as_one_spelling() {
        for (a, b) in [
            ("Pemerintah Kota Yogyakarta", "Kota Yogyakarta"),
            ("Pemkot Samarinda", "KOTA SAMARINDA"),
            ("Pemkab Kebumen", "Kabupaten Kebumen"),
            ("Kab. Kebumen", "Pemerintah Kabupaten Kebumen"),
            ("Pemprov Jawa Tengah", "Provinsi Jawa Tengah"),
        ] {
            assert_eq!(pemda_key(a), pemda_key(b), "{a} / {b}");
        }
        assert_ne!(pemda_key("Kota Malang"), pemda_key("Kabupaten Malang"));
    }
}
