//! The index of one evidence root: every file under it, walked once, found
//! by lowercased relative path, by file name and by loose file name (the
//! keys a written reference is compared with), and the way a written
//! reference is made comparable to those keys.

use rayon::prelude::*;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// A file of the index, found.
pub(super) enum Entry<'i> {
    /// File `i`, at `root/rel(i)`.
    Indexed(u32),
    /// A link to a file inside the root (its target), or a file whose name
    /// is not UTF-8 (its real path).
    Path(&'i Path),
    /// A link pointing outside the root.
    Escaping,
}

/// What a walked entry is, when not a plain file at `root/rel`.
#[derive(Debug, Clone)]
enum Special {
    /// A link to a file inside the root (its target), or a path whose name
    /// is not UTF-8 (the path itself: the stored text is lossy).
    Path(PathBuf),
    /// A link pointing outside the root.
    Escaping,
}

/// Everything under one evidence root, found by lowercased relative path
/// (and, through [`ByName`], by lowercased file name and by file name
/// without spaces and separators). A province's evidence is millions of
/// files, so each relative path is stored once, back to back in one string,
/// and each way of finding a file is a sorted list of (key hash, file): a
/// hit is confirmed against the stored path, so the index is exact at a
/// fifth of the memory of maps holding every key.
#[derive(Debug, Default)]
pub(super) struct RootIndex {
    pub(super) root: PathBuf,
    /// Every relative path as the walk found it (lossy), back to back.
    paths: String,
    /// File i is `paths[ends[i - 1]..ends[i]]` (from 0 for the first).
    ends: Vec<usize>,
    special: HashMap<u32, Special>,
    by_rel: HashList,
    /// Bit i: another file's relative path key hashes as file i's does.
    rel_hash_shared: Vec<u64>,
}

/// The ways of finding a file of a [`RootIndex`] by its name: by
/// lowercased file name, and by file name without spaces and separators.
/// Built only for a root some reference does not name by its path: most
/// references do, and at a national scale these lists took a fifth of
/// indexing the evidence folders.
pub(super) struct ByName {
    by_name: HashList,
    by_loose: HashList,
}

fn loose(name: &str) -> String {
    name.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '_' | '-'))
        .flat_map(char::to_lowercase)
        .collect()
}

fn key_hash(key: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(key.as_bytes())
}

/// Whether the stored relative path `rel` has the key `key` (`rel_key(rel)
/// == key`), without building the key when both are ASCII.
fn is_rel_key(rel: &str, key: &str) -> bool {
    if !rel.is_ascii() {
        return rel_key(rel) == key;
    }
    rel.len() == key.len()
        && rel.bytes().zip(key.bytes()).all(|(r, k)| {
            let r = if r == b'\\' { b'/' } else { r };
            r.to_ascii_lowercase() == k
        })
}

/// Whether the stored relative path `rel` has the name key `key`
/// (`name_key(rel) == key`).
fn is_name_key(rel: &str, key: &str) -> bool {
    let name = file_name(rel);
    if name.is_ascii() {
        name.eq_ignore_ascii_case(key) && !key.bytes().any(|b| b.is_ascii_uppercase())
    } else {
        name_key(rel) == key
    }
}

/// A list of (key hash, file) sorted by hash, with a table of where each
/// run of hashes sharing their top bits starts: a lookup reads two places
/// instead of binary searching millions of entries.
#[derive(Debug, Default)]
struct HashList {
    entries: Vec<(u64, u32)>,
    /// `starts[b]` is the first entry whose hash's top bits are at least `b`.
    starts: Vec<u32>,
    shift: u32,
}

impl HashList {
    fn new(mut entries: Vec<(u64, u32)>) -> HashList {
        entries.par_sort_unstable();
        // About two entries per bucket.
        let bits = (entries.len().max(2).ilog2()).clamp(1, 24);
        let shift = 64 - bits;
        let buckets = 1usize << bits;
        let mut starts = Vec::with_capacity(buckets + 1);
        let mut e = 0;
        for b in 0..=buckets as u64 {
            while e < entries.len() && (entries[e].0 >> shift) < b {
                e += 1;
            }
            starts.push(e as u32);
        }
        HashList {
            entries,
            starts,
            shift,
        }
    }

    /// The files whose key hashes to `h`, in walk order.
    fn with_hash(&self, h: u64) -> impl Iterator<Item = u32> + '_ {
        let b = (h >> self.shift) as usize;
        let bucket = match (self.starts.get(b), self.starts.get(b + 1)) {
            (Some(&from), Some(&to)) => &self.entries[from as usize..to as usize],
            _ => &[],
        };
        let from = bucket.partition_point(|(x, _)| *x < h);
        bucket[from..]
            .iter()
            .take_while(move |(x, _)| *x == h)
            .map(|(_, i)| *i)
    }
}

/// The keys of a relative path as the walk found it: the lowercased path
/// with `/` separators, and the lowercased file name (whose loose form is
/// the third key).
pub(super) fn rel_key(rel: &str) -> String {
    composed(rel.replace('\\', "/").to_lowercase())
}

fn name_key(rel: &str) -> String {
    composed(file_name(rel).to_lowercase())
}

/// `s` in composed form (NFC): a name macOS stored decomposed (NFD, `e`
/// and a combining accent) and the same name typed in a spreadsheet
/// (composed, `é`) are one key. Text already composed (all ASCII text) is
/// kept as it is.
pub(super) fn composed(s: String) -> String {
    use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};
    if s.is_ascii() || is_nfc_quick(s.chars()) == IsNormalized::Yes {
        s
    } else {
        s.nfc().collect()
    }
}

/// The last component of a relative path (a file name holds no `/`, and
/// on Windows no `\\` either).
fn file_name(rel: &str) -> &str {
    let sep = |c: char| c == '/' || (cfg!(windows) && c == '\\');
    rel.rsplit(sep).next().unwrap_or(rel)
}

impl RootIndex {
    pub(super) fn build(root: &Path) -> RootIndex {
        let mut idx = RootIndex {
            root: root.to_path_buf(),
            ..RootIndex::default()
        };
        let Ok(canon_root) = root.canonicalize() else {
            return idx;
        };
        // The root's folders are walked in parallel (a province's evidence
        // is thousands of folders), then put together in the order one
        // sorted walk would have found them: "first of each name" depends
        // on it.
        let parts: Vec<Walked> = listing(root)
            .into_par_iter()
            .map(|(name, kind)| {
                let mut walked = Walked::default();
                let mut rel = String::new();
                walk_entry(&canon_root, root, &name, kind, &mut rel, false, &mut walked);
                walked
            })
            .collect();
        let files: usize = parts.iter().map(|w| w.ends.len()).sum();
        let bytes: usize = parts.iter().map(|w| w.paths.len()).sum();
        idx.paths.reserve_exact(bytes);
        idx.ends.reserve_exact(files);
        let mut by_rel = Vec::with_capacity(files);
        for w in parts {
            let (first, from) = (idx.ends.len() as u32, idx.paths.len());
            idx.paths.push_str(&w.paths);
            idx.ends.extend(w.ends.iter().map(|end| from + end));
            for (k, special) in w.special {
                idx.special.insert(first + k, special);
            }
            by_rel.extend((first..).zip(w.hashes).map(|(i, h)| (h, i)));
        }
        // Two million files at a national scale: sorted on every core.
        let by_rel = HashList::new(by_rel);
        idx.rel_hash_shared = vec![0; idx.ends.len().div_ceil(64)];
        for run in by_rel.entries.chunk_by(|a, b| a.0 == b.0) {
            if run.len() > 1 {
                for &(_, i) in run {
                    idx.rel_hash_shared[i as usize / 64] |= 1 << (i % 64);
                }
            }
        }
        idx.by_rel = by_rel;
        idx
    }

    /// The lists finding this root's files by name.
    pub(super) fn by_name(&self) -> ByName {
        let hashes: Vec<[u64; 2]> = (0..self.ends.len() as u32)
            .into_par_iter()
            .map(|i| name_hashes(self.rel(i)))
            .collect();
        let list = |k: usize| {
            let list = (0..).zip(&hashes).map(|(i, h)| (h[k], i)).collect();
            HashList::new(list)
        };
        let (by_name, by_loose) = rayon::join(|| list(0), || list(1));
        ByName { by_name, by_loose }
    }

    pub(super) fn rel(&self, i: u32) -> &str {
        let i = i as usize;
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.paths[start..self.ends[i]]
    }

    /// The files whose key hashes to `key`'s hash and whose key is `key`
    /// (`is_key(stored relative path, key)`), in walk order.
    fn hits<'s>(
        &'s self,
        list: &'s HashList,
        key: &'s str,
        is_key: impl Fn(&str, &str) -> bool + 's,
    ) -> impl Iterator<Item = u32> + 's {
        list.with_hash(key_hash(key))
            .filter(move |&i| is_key(self.rel(i), key))
    }

    /// The file a normalized reference names by its whole path: the last
    /// of equal paths, as a map overwritten in walk order would keep.
    /// `after`: the file found for the reference before, whose successor
    /// in walk order it most often names (references are sorted, and so is
    /// the walk), tried before the list is searched.
    pub(super) fn find_path(&self, rel: &str, after: Option<u32>) -> Option<u32> {
        let next = after
            .and_then(|i| i.checked_add(1))
            .filter(|&i| (i as usize) < self.ends.len() && self.rel_hash_unique(i))
            .filter(|&i| is_rel_key(self.rel(i), rel));
        next.or_else(|| self.hits(&self.by_rel, rel, is_rel_key).last())
    }

    /// The file a normalized reference names that no file has as its
    /// path: the first of its name, else the first of its loose name.
    pub(super) fn find_name(&self, names: &ByName, rel: &str) -> Option<u32> {
        let name = rel.rsplit('/').next().unwrap_or(rel);
        self.hits(&names.by_name, name, is_name_key)
            .next()
            .or_else(|| {
                let loose_name = loose(name);
                self.hits(&names.by_loose, &loose_name, |r, key| {
                    loose(&name_key(r)) == key
                })
                .next()
            })
    }

    /// File `i` as found.
    pub(super) fn entry(&self, i: u32) -> Entry<'_> {
        let special = if self.special.is_empty() {
            None
        } else {
            self.special.get(&i)
        };
        match special {
            Some(Special::Escaping) => Entry::Escaping,
            Some(Special::Path(p)) => Entry::Path(p),
            None => Entry::Indexed(i),
        }
    }

    /// Whether no other file's relative path key hashes as file `i`'s does:
    /// then a file whose key is the reference's is the only one.
    fn rel_hash_unique(&self, i: u32) -> bool {
        self.rel_hash_shared[i as usize / 64] & (1 << (i % 64)) == 0
    }

    /// The path of file `i`: `root.join(rel(i))`, in one allocation (two
    /// million files at a national scale). Nothing made for showing: a
    /// name with `\\` on Linux is one folder, not three.
    pub(super) fn path(&self, i: u32) -> PathBuf {
        let rel = self.rel(i);
        let mut out = PathBuf::with_capacity(self.root.as_os_str().len() + 1 + rel.len());
        out.push(&self.root);
        out.push(rel);
        out
    }
}

/// The files found under one entry of a root's top folder, in walk order:
/// their relative paths back to back, as the index keeps them.
#[derive(Default)]
struct Walked {
    paths: String,
    /// File k is `paths[ends[k - 1]..ends[k]]` (from 0 for the first).
    ends: Vec<usize>,
    /// (k, what file k is when not a plain file at `root/rel`).
    special: Vec<(u32, Special)>,
    /// The hash of each file's relative path key.
    hashes: Vec<u64>,
    /// Room for building a key.
    key: String,
}

/// A folder's entries sorted by name (by bytes, as a sorted `walkdir`
/// walk gives them), not following links; nothing for a folder that cannot
/// be read, and no entry whose kind cannot be told.
fn listing(dir: &Path) -> Vec<(std::ffi::OsString, std::fs::FileType)> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut out: Vec<_> = entries
        .filter_map(Result::ok)
        .filter_map(|e| Some((e.file_name(), e.file_type().ok()?)))
        .collect();
    out.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    out
}

/// Index entry `name` of folder `dir` (`rel`: the folder's path relative
/// to the root, `/`-separated on Unix, lossy; `lossy`: whether a folder
/// name in it is not UTF-8) and, for a folder, everything beneath it, depth
/// first in name order. Links are not followed, so a link loop cannot trap
/// the walk; a folder is read by its whole path, so the depth is bounded by
/// the longest path the system opens.
fn walk_entry(
    canon_root: &Path,
    dir: &Path,
    name: &std::ffi::OsStr,
    kind: std::fs::FileType,
    rel: &mut String,
    lossy: bool,
    out: &mut Walked,
) {
    let len = rel.len();
    if !rel.is_empty() {
        rel.push(std::path::MAIN_SEPARATOR);
    }
    let lossy = match name.to_str() {
        Some(name) => {
            rel.push_str(name);
            lossy
        }
        None => {
            rel.push_str(&name.to_string_lossy());
            true
        }
    };
    if kind.is_dir() {
        let path = dir.join(name);
        for (name, kind) in listing(&path) {
            walk_entry(canon_root, &path, &name, kind, rel, lossy, out);
        }
    } else if let Some(special) = index_one(canon_root, dir, name, kind, lossy) {
        let k = out.ends.len() as u32;
        if let Some(special) = special {
            out.special.push((k, special));
        }
        out.hashes.push(rel_hash(rel, &mut out.key));
        out.paths.push_str(rel);
        out.ends.push(out.paths.len());
    }
    rel.truncate(len);
}

/// Whether walked entry `dir/name` is indexed, and how: `Some(None)` for
/// a plain file with a UTF-8 path, `Some(Some(special))` for a link to a
/// file inside the root, a link pointing out of it, or a file whose path
/// is not UTF-8 (`lossy`); `None` for anything else.
fn index_one(
    canon_root: &Path,
    dir: &Path,
    name: &std::ffi::OsStr,
    kind: std::fs::FileType,
    lossy: bool,
) -> Option<Option<Special>> {
    if kind.is_file() {
        return Some(lossy.then(|| Special::Path(dir.join(name))));
    }
    if !kind.is_symlink() {
        return None;
    }
    match dir.join(name).canonicalize() {
        Ok(target) if target.starts_with(canon_root) && target.is_file() => {
            Some(Some(Special::Path(target)))
        }
        Ok(target) if target.starts_with(canon_root) => None,
        Ok(_) => Some(Some(Special::Escaping)),
        Err(_) => None,
    }
}

/// The hash of a stored relative path's key (`rel_key`). Two million
/// files at a national scale: an ASCII path (nearly all) has its key built
/// in `key`, room kept from one file to the next.
fn rel_hash(rel: &str, key: &mut String) -> u64 {
    if !rel.is_ascii() {
        return key_hash(&rel_key(rel));
    }
    key.clear();
    key.extend(rel.bytes().map(|b| match b {
        b'\\' => '/',
        b => char::from(b.to_ascii_lowercase()),
    }));
    key_hash(key)
}

/// The hashes of a stored relative path's name key and loose name key.
fn name_hashes(rel: &str) -> [u64; 2] {
    let name = name_key(rel);
    [key_hash(&name), key_hash(&loose(&name))]
}

/// How a reference is written, made comparable: `/` separators, no `./`,
/// lowercase. `None` when it leaves the root (`..`, absolute, drive letter,
/// UNC path).
pub fn normalize_reference(reference: &str) -> Option<String> {
    // Two million references at a national scale: built in one string.
    let r = reference.trim().trim_matches('"');
    let bytes = r.as_bytes();
    let sep = |b: Option<&u8>| matches!(b, Some(b'/' | b'\\'));
    let drive = bytes.len() >= 2 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':';
    if sep(bytes.first()) || drive || (bytes.first() == Some(&b'~') && sep(bytes.get(1))) {
        return None;
    }
    let mut out = String::with_capacity(r.len());
    for p in r.split(['/', '\\']) {
        match p.trim() {
            "" | "." => {}
            ".." => return None,
            p => {
                if !out.is_empty() {
                    out.push('/');
                }
                if p.is_ascii() {
                    let from = out.len();
                    out.push_str(p);
                    out[from..].make_ascii_lowercase();
                } else {
                    out.push_str(&composed(p.to_lowercase()));
                }
            }
        }
    }
    (!out.is_empty()).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    use proptest::prelude::Strategy as _;

    /// Strings of up to seven of `pieces`.
    fn joined(pieces: Vec<&'static str>) -> impl proptest::prelude::Strategy<Value = String> {
        proptest::collection::vec(proptest::sample::select(pieces), 0..8).prop_map(|p| p.concat())
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(500))]

        /// The key comparisons that build no key agree with building it.
        #[test]
        fn keys_compare_as_when_built(
            rel in joined(vec![
                "a", "B", "sk", "SK", "/", "\\", " ", ".pdf", "É", "é", "ß", "İ", "Σ", "E\u{301}",
            ]),
            other in joined(vec!["a", "b", "sk", "/", ".pdf", "é", "i̇", "σ", "ς", "e\u{301}"]),
        ) {
            for key in [rel_key(&rel), name_key(&rel), file_name(&rel).to_string(), other.clone()] {
                proptest::prop_assert_eq!(is_rel_key(&rel, &key), rel_key(&rel) == key);
                proptest::prop_assert_eq!(is_name_key(&rel, &key), name_key(&rel) == key);
            }
        }

        /// The key built in a buffer kept from path to path hashes as the
        /// key built alone.
        #[test]
        fn the_key_built_in_a_kept_buffer_hashes_as_the_built_key(
            rels in proptest::collection::vec(joined(vec![
                "a", "B", "sk", "SK", "/", "\\", " ", "\t", "_", "-", ".pdf", "É", "İ", "\u{a0}",
            ]), 1..4),
        ) {
            let mut key = String::new();
            for rel in &rels {
                proptest::prop_assert_eq!(rel_hash(rel, &mut key), key_hash(&rel_key(rel)), "{:?}", rel);
            }
        }

        /// References are normalised as the version that split and joined
        /// them did.
        #[test]
        fn references_normalise_as_before(
            r in joined(vec![
                "a", "SK", "/", "\\", " ", ".", "..", "~", "C:", "\"", "É", "İ", "x y", "E\u{301}",
            ]),
        ) {
            proptest::prop_assert_eq!(normalize_reference(&r), split_and_join(&r), "{:?}", r);
        }

        /// A lookup through the bucket table finds what a scan finds, in
        /// the same order, also when hashes share their top bits.
        #[test]
        fn hash_list_finds_what_a_scan_finds(
            hashes in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::prelude::any::<u64>(),
                    (0u64..4).prop_map(|x| x << 62),
                    (0u64..4).prop_map(|x| u64::MAX - x),
                    0u64..4,
                ],
                0..300,
            ),
            probe in proptest::prelude::any::<u64>(),
        ) {
            let entries: Vec<(u64, u32)> =
                hashes.iter().enumerate().map(|(i, &h)| (h, i as u32)).collect();
            let list = HashList::new(entries.clone());
            for h in hashes.iter().copied().chain([probe, 0, u64::MAX]) {
                let scan: Vec<u32> =
                    entries.iter().filter(|(x, _)| *x == h).map(|(_, i)| *i).collect();
                let found: Vec<u32> = list.with_hash(h).collect();
                proptest::prop_assert_eq!(found, scan);
            }
        }
    }

    /// `normalize_reference` as it was before it built its result in one
    /// string.
    fn split_and_join(reference: &str) -> Option<String> {
        let r = reference.trim().trim_matches('"').replace('\\', "/");
        let bytes = r.as_bytes();
        let drive = bytes.len() >= 2 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':';
        if r.starts_with('/') || drive || r.starts_with("~/") {
            return None;
        }
        let mut parts = Vec::new();
        for p in r.split('/') {
            match p.trim() {
                "" | "." => {}
                ".." => return None,
                p => parts.push(composed(p.to_lowercase())),
            }
        }
        (!parts.is_empty()).then(|| parts.join("/"))
    }

    /// A found file's path is its root joined with its relative path as
    /// walked.
    #[test]
    fn found_files_are_their_joined_path() {
        let rels = ["a.pdf", "bukti/a b/c.pdf", "x\\y.pdf"];
        for root in ["", ".", "bukti", "bukti/", "bukti//", "/tmp/x y"] {
            let mut idx = RootIndex {
                root: PathBuf::from(root),
                ..RootIndex::default()
            };
            for rel in rels {
                idx.paths.push_str(rel);
                idx.ends.push(idx.paths.len());
            }
            for (i, rel) in rels.iter().enumerate() {
                assert_eq!(
                    idx.path(i as u32),
                    Path::new(root).join(rel),
                    "{root:?} {rel:?}"
                );
            }
        }
    }
}
