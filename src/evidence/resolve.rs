//! Resolving the references agencies write against the indexed roots:
//! each root in turn, by path, then by file name, then by loose name; a
//! reference that leaves its root is refused and never opened.

use super::index::{ByName, Entry, RootIndex, normalize_reference, rel_key};
use super::inspect::{Opener, inspect_opened, inspect_with};
use crate::check::Resolver;
use crate::outcome::Digest;
use crate::outcome::Resolved;
use rayon::prelude::*;
use std::collections::HashMap;
use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::{Arc, PoisonError, RwLock, RwLockReadGuard};

/// Resolves evidence references against indexed roots.
pub struct EvidenceStore {
    /// Workbook (as displayed) -> its roots. Emptied by
    /// [`Resolver::release_index`] once every reference is resolved.
    roots: RwLock<Roots>,
}

type Roots = HashMap<String, Vec<Arc<RootIndex>>>;

impl EvidenceStore {
    /// `explicit`: the `--evidence` folders, used for every workbook; when
    /// empty, each workbook's own folder (which holds `bukti/` and
    /// `evidence/` beneath it) is its root. `workbooks`: (displayed path,
    /// real path) of every input file.
    pub fn new(explicit: &[PathBuf], workbooks: &[(String, PathBuf)]) -> EvidenceStore {
        let mut root_of: HashMap<String, Vec<PathBuf>> = HashMap::new();
        for (display, path) in workbooks {
            let roots = if explicit.is_empty() {
                let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
                let dir = if dir.as_os_str().is_empty() {
                    PathBuf::from(".")
                } else {
                    dir
                };
                vec![dir]
            } else {
                explicit.to_vec()
            };
            root_of.insert(display.clone(), roots);
        }
        let mut unique: Vec<PathBuf> = root_of.values().flatten().cloned().collect();
        unique.sort();
        unique.dedup();
        let built: HashMap<PathBuf, Arc<RootIndex>> = unique
            .par_iter()
            .map(|r| (r.clone(), Arc::new(RootIndex::build(r))))
            .collect();
        let roots = root_of
            .into_iter()
            .map(|(k, v)| (k, v.iter().map(|r| built[r].clone()).collect()))
            .collect();
        EvidenceStore {
            roots: RwLock::new(roots),
        }
    }

    fn roots(&self) -> RwLockReadGuard<'_, Roots> {
        // A panic elsewhere while holding the lock leaves the map whole.
        self.roots.read().unwrap_or_else(PoisonError::into_inner)
    }

    /// Resolve one reference written in `workbook`.
    pub fn resolve(&self, workbook: &str, reference: &str) -> Resolved {
        self.resolve_all(&[(workbook, reference)])
            .pop()
            .expect("one reference resolved")
    }
}

/// The [`ByName`] lists of the roots some references need them for, by the
/// root's address.
type Names = HashMap<usize, ByName>;

fn address(root: &RootIndex) -> usize {
    std::ptr::from_ref(root) as usize
}

/// What resolving one reference after another keeps: the opener, the last
/// reference's workbook and its roots, and the file found last.
#[derive(Default)]
struct Resolving<'r> {
    opener: Opener,
    workbook: Option<(&'r str, Option<&'r [Arc<RootIndex>]>)>,
    last: Option<(&'r RootIndex, u32)>,
}

/// Resolve one reference written in `workbook` against `roots`: each root
/// in turn, by the reference's path, then by its name. Without `names`
/// (the first pass over all references), only by path in the first root:
/// `None` when the reference needs more.
fn resolve_in<'r>(
    roots: &'r Roots,
    workbook: &'r str,
    reference: &str,
    st: &mut Resolving<'r>,
    names: Option<&Names>,
) -> Option<Resolved> {
    let Some(rel) = normalize_reference(reference) else {
        return Some(Resolved::Escapes);
    };
    let indexes = match st.workbook {
        Some((w, indexes)) if w == workbook => indexes,
        _ => {
            let indexes = roots.get(workbook).map(Vec::as_slice);
            st.workbook = Some((workbook, indexes));
            indexes
        }
    };
    for root in indexes.unwrap_or_default() {
        let root: &RootIndex = root;
        let after = st
            .last
            .filter(|(r, _)| std::ptr::eq(*r, root))
            .map(|(_, i)| i);
        let by_name = || {
            let names = names?.get(&address(root))?;
            root.find_name(names, &rel)
        };
        let (i, by_name) = match root.find_path(&rel, after) {
            Some(i) => (i, false),
            None => match by_name() {
                Some(i) => (i, true),
                None => {
                    // The first pass leaves the rest to the second.
                    names?;
                    continue;
                }
            },
        };
        st.last = Some((root, i));
        let mut found = match root.entry(i) {
            Entry::Escaping => Resolved::Escapes,
            Entry::Path(p) => Resolved::Found(inspect_with(&mut st.opener, p.to_path_buf())),
            Entry::Indexed(i) => {
                let file = st.opener.open_rel(&root.root, root.rel(i));
                Resolved::Found(inspect_opened(file, root.path(i)))
            }
        };
        if let Resolved::Found(facts) = &mut found {
            facts.other_folder = by_name && other_folder(&rel, &rel_key(root.rel(i)));
        }
        return Some(found);
    }
    Some(Resolved::Missing)
}

/// Whether a reference found by its file name lies in another folder than
/// the one written (both keys: lowercased, `/`-separated, relative): `A/sk.pdf`
/// written, `B/sk.pdf` found. Not when the reference names no folder, nor
/// when one folder path ends the other: `bukti/SIPANDU/sk.pdf` written and
/// `SIPANDU/sk.pdf` found under `--evidence bukti`, or `SIPANDU/sk.pdf`
/// written and `bukti/SIPANDU/sk.pdf` found.
fn other_folder(written: &str, found: &str) -> bool {
    let folders = |rel| -> Vec<&str> {
        let mut parts: Vec<&str> = str::split(rel, '/').collect();
        parts.pop();
        parts
    };
    let (w, f) = (folders(written), folders(found));
    !(w.is_empty() || w.ends_with(&f) || f.ends_with(&w))
}

impl Resolver for EvidenceStore {
    fn resolve_all(&self, refs: &[(&str, &str)]) -> Vec<Resolved> {
        let roots = self.roots();
        // References are sorted, so a file's neighbours are mostly in its
        // folder: each run of them is resolved with one opener.
        let mut found: Vec<Option<Resolved>> = refs
            .par_iter()
            .map_init(Resolving::default, |st, (w, r)| {
                resolve_in(&roots, w, r, st, None)
            })
            .collect();
        // The references not found by their path in their first root:
        // again, every way, once their roots can be searched by name.
        let later: Vec<usize> = (0..found.len()).filter(|&k| found[k].is_none()).collect();
        if !later.is_empty() {
            let mut need: Vec<&RootIndex> = later
                .iter()
                .flat_map(|&k| roots.get(refs[k].0).into_iter().flatten())
                .map(|r| &**r)
                .collect();
            need.sort_by_key(|r| address(r));
            need.dedup_by_key(|r| address(r));
            let names: Names = need.par_iter().map(|r| (address(r), r.by_name())).collect();
            let again: Vec<Option<Resolved>> = later
                .par_iter()
                .map_init(Resolving::default, |st, &k| {
                    resolve_in(&roots, refs[k].0, refs[k].1, st, Some(&names))
                })
                .collect();
            for (k, r) in later.into_iter().zip(again) {
                found[k] = r;
            }
        }
        found
            .into_iter()
            .map(|r| r.expect("every reference resolved in one of two passes"))
            .collect()
    }

    fn release_index(&self) {
        let mut roots = self.roots.write().unwrap_or_else(PoisonError::into_inner);
        *roots = HashMap::new();
    }

    fn content_hash(&self, path: &Path) -> Option<Digest> {
        // Opening a pipe would wait for a writer: look before opening.
        if !std::fs::metadata(path).is_ok_and(|m| m.is_file()) {
            return None;
        }
        let f = File::open(path).ok()?;
        // Only a plain file, and only as much as it holds: a device or a
        // pipe put in its place is no content, and is not read forever.
        let meta = f.metadata().ok()?;
        if !meta.is_file() {
            return None;
        }
        let mut f = f.take(meta.len());
        let mut h = xxhash_rust::xxh3::Xxh3::new();
        let mut buf = [0u8; 64 * 1024];
        loop {
            let n = f.read(&mut buf).ok()?;
            if n == 0 {
                break;
            }
            h.update(&buf[..n]);
        }
        Some(h.digest128())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_are_normalised_and_never_leave_the_root() {
        assert_eq!(
            normalize_reference("Bukti\\SIPANDU\\SK.PDF").as_deref(),
            Some("bukti/sipandu/sk.pdf")
        );
        assert_eq!(
            normalize_reference("./bukti//a.pdf").as_deref(),
            Some("bukti/a.pdf")
        );
        assert_eq!(normalize_reference("../luar.pdf"), None);
        assert_eq!(normalize_reference("bukti/../../x.pdf"), None);
        assert_eq!(normalize_reference("/etc/passwd"), None);
        assert_eq!(normalize_reference("C:\\Users\\a\\sk.pdf"), None);
        assert_eq!(normalize_reference("\\\\server\\share\\a.pdf"), None);
        assert_eq!(normalize_reference("  "), None);
    }

    #[test]
    fn resolves_by_path_name_and_loose_name_and_refuses_escaping_links() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("opd");
        std::fs::create_dir_all(root.join("bukti/SIPANDU")).unwrap();
        std::fs::write(
            root.join("bukti/SIPANDU/SK Regulasi.pdf"),
            b"%PDF-1.4\n%%EOF\n",
        )
        .unwrap();
        std::fs::write(dir.path().join("rahasia.pdf"), b"%PDF-1.4\n%%EOF\n").unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(dir.path().join("rahasia.pdf"), root.join("bukti/link.pdf"))
            .unwrap();
        let wb = root.join("inovasi.xlsx");
        let store = EvidenceStore::new(&[], &[("w".into(), wb)]);
        let found = |r: &str| matches!(store.resolve("w", r), Resolved::Found(_));
        assert!(found("bukti/SIPANDU/SK Regulasi.pdf"));
        assert!(found("Bukti\\sipandu\\sk regulasi.PDF"));
        assert!(found("SK Regulasi.pdf"));
        assert!(found("sk_regulasi.pdf"));
        assert_eq!(store.resolve("w", "tidak-ada.pdf"), Resolved::Missing);
        assert_eq!(store.resolve("w", "../rahasia.pdf"), Resolved::Escapes);
        #[cfg(unix)]
        assert_eq!(store.resolve("w", "bukti/link.pdf"), Resolved::Escapes);
        // In bulk, as the rules ask; then the index is let go.
        let refs = [("w", "SK Regulasi.pdf"), ("w", "tidak-ada.pdf")];
        let all = store.resolve_all(&refs);
        assert!(matches!(all[0], Resolved::Found(_)), "{all:?}");
        assert_eq!(all[1], Resolved::Missing);
        store.release_index();
        assert_eq!(store.resolve("w", "SK Regulasi.pdf"), Resolved::Missing);
    }

    #[test]
    fn equal_names_resolve_to_the_first_in_walk_order_and_links_inside_to_their_target() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("bukti");
        for d in ["a", "b"] {
            std::fs::create_dir_all(root.join(d)).unwrap();
        }
        std::fs::write(root.join("a/sk.pdf"), b"%PDF-1.4\n%%EOF\n").unwrap();
        std::fs::write(root.join("b/sk.pdf"), b"%PDF-1.4\n%%EOF\n-").unwrap();
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(root.join("b/sk.pdf"), root.join("a/tautan.pdf")).unwrap();
            // A name that is not UTF-8 is still opened by its real path.
            use std::os::unix::ffi::OsStrExt;
            let odd = std::ffi::OsStr::from_bytes(b"b/bukti\xff.pdf");
            std::fs::write(root.join(odd), b"%PDF-1.4\n%%EOF\n--").unwrap();
            // So is a file in a folder whose name is not UTF-8.
            let odd_folder = root.join(std::ffi::OsStr::from_bytes(b"c\xff"));
            std::fs::create_dir(&odd_folder).unwrap();
            std::fs::write(odd_folder.join("lain.pdf"), b"%PDF-1.4\n%%EOF\n---").unwrap();
        }
        let store = EvidenceStore::new(
            std::slice::from_ref(&root),
            &[("w".into(), "w.xlsx".into())],
        );
        let size = |r: &str| match store.resolve("w", r) {
            Resolved::Found(f) => f.size,
            other => panic!("{r}: {other:?}"),
        };
        assert_eq!(size("SK.pdf"), 15);
        assert_eq!(size("b/sk.pdf"), 16);
        #[cfg(unix)]
        {
            assert_eq!(size("a/tautan.pdf"), 16);
            assert_eq!(size("bukti\u{FFFD}.pdf"), 17);
            assert_eq!(size("c\u{FFFD}/lain.pdf"), 18);
        }
    }

    /// A reference found by name lies in another folder only when it
    /// names a folder and neither folder path ends the other.
    #[test]
    fn other_folders_are_those_neither_path_ends() {
        for (written, found, other) in [
            ("a/kecepatan.pdf", "b/kecepatan.pdf", true),
            ("bukti/a/sk.pdf", "bukti/b/sk.pdf", true),
            ("a/sk.pdf", "a/b/sk.pdf", true),
            ("sk.pdf", "b/sk.pdf", false),
            ("bukti/sipandu/sk.pdf", "sipandu/sk.pdf", false),
            ("sipandu/sk.pdf", "bukti/sipandu/sk.pdf", false),
            ("bukti/sk.pdf", "sk.pdf", false),
            ("a/sk_regulasi.pdf", "a/sk regulasi.pdf", false),
        ] {
            assert_eq!(other_folder(written, found), other, "{written} {found}");
        }
    }

    /// A name written composed (NFC, as a spreadsheet holds it) finds a
    /// file stored decomposed (NFD, as macOS writes names), and the other
    /// way round: by path, by name and by loose name.
    #[test]
    fn composed_and_decomposed_names_find_each_other() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("bukti");
        // "Kecepatan Pélayanan" decomposed in a decomposed folder, and
        // "Rékap" composed.
        let nfd_folder = root.join("Dinas Ke\u{301}sehatan");
        std::fs::create_dir_all(&nfd_folder).unwrap();
        std::fs::write(nfd_folder.join("Kecepatan Pe\u{301}layanan.pdf"), b"-").unwrap();
        std::fs::write(root.join("Re\u{301}kap.pdf"), b"--").unwrap();
        std::fs::write(root.join("Rékap 2025.pdf"), b"---").unwrap();
        if std::fs::read_dir(&root).unwrap().count() < 3 {
            return; // the file system does not keep both forms apart
        }
        let store = EvidenceStore::new(
            std::slice::from_ref(&root),
            &[("w".into(), "w.xlsx".into())],
        );
        let size = |r: &str| match store.resolve("w", r) {
            Resolved::Found(f) => f.size,
            other => panic!("{r:?}: {other:?}"),
        };
        assert_eq!(size("Dinas Késehatan/Kecepatan Pélayanan.pdf"), 1);
        assert_eq!(size("kecepatan pélayanan.pdf"), 1);
        assert_eq!(size("kecepatan_pélayanan.pdf"), 1);
        assert_eq!(size("rékap.pdf"), 2);
        assert_eq!(size("Re\u{301}kap 2025.pdf"), 3);
        assert_eq!(size("re\u{301}kap-2025.pdf"), 3);
    }

    /// A file found right after another is its successor in walk order
    /// only when no other file has its path in other letter case: of
    /// equal paths, the last is found.
    #[test]
    fn a_reference_following_another_finds_the_last_of_equal_paths() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("bukti");
        std::fs::create_dir_all(root.join("a")).unwrap();
        // Walk order: X.pdf, Y.pdf, y.pdf (bytes sort upper case first).
        for (name, size) in [("X.pdf", 1), ("Y.pdf", 2), ("y.pdf", 3)] {
            std::fs::write(root.join("a").join(name), vec![b'-'; size]).unwrap();
        }
        if std::fs::read_dir(root.join("a")).unwrap().count() < 3 {
            return; // letter case is not told apart here
        }
        let store = EvidenceStore::new(
            std::slice::from_ref(&root),
            &[("w".into(), "w.xlsx".into())],
        );
        // One after the other, as one worker of `resolve_all` goes.
        let roots = store.roots();
        let mut st = Resolving::default();
        let sizes: Vec<u64> = ["a/X.pdf", "a/y.pdf", "a/Y.pdf"]
            .into_iter()
            .map(|r| match resolve_in(&roots, "w", r, &mut st, None) {
                Some(Resolved::Found(f)) => f.size,
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(sizes, [1, 3, 3]);
    }

    /// With two evidence folders, the first is searched every way (path,
    /// name, loose name) before the second; a reference found nowhere by
    /// its path is still found by its name, in bulk as alone.
    #[test]
    fn the_first_folder_is_searched_every_way_before_the_second() {
        let dir = tempfile::tempdir().unwrap();
        let (first, second) = (dir.path().join("satu"), dir.path().join("dua"));
        std::fs::create_dir_all(first.join("lain")).unwrap();
        std::fs::create_dir_all(second.join("bukti")).unwrap();
        std::fs::write(first.join("lain/SK Bupati.pdf"), b"%PDF-1.4\n%%EOF\n").unwrap();
        std::fs::write(first.join("lain/perbup.pdf"), b"%PDF-1.4\n%%EOF\n-").unwrap();
        std::fs::write(second.join("bukti/sk-bupati.pdf"), b"%PDF-1.4\n%%EOF\n--").unwrap();
        std::fs::write(second.join("bukti/sk bupati.pdf"), b"%PDF-1.4\n%%EOF\n---").unwrap();
        std::fs::write(second.join("bukti/perda.pdf"), b"%PDF-1.4\n%%EOF\n----").unwrap();
        let store = EvidenceStore::new(&[first, second], &[("w".into(), "w.xlsx".into())]);
        let refs = [
            // By path in the second, by loose name in the first: the first.
            ("w", "bukti/sk-bupati.pdf"),
            // By path in the second, by name in the first: the first.
            ("w", "bukti/SK Bupati.pdf"),
            // By path in the first.
            ("w", "lain/perbup.pdf"),
            // Only in the second, by path, then by name.
            ("w", "bukti/perda.pdf"),
            ("w", "arsip/perda.pdf"),
            ("w", "tidak-ada.pdf"),
        ];
        let size = |r: &Resolved| match r {
            Resolved::Found(f) => Some(f.size),
            _ => None,
        };
        let expected = [Some(15), Some(15), Some(16), Some(19), Some(19), None];
        let alone: Vec<Option<u64>> = refs
            .iter()
            .map(|(w, r)| size(&store.resolve(w, r)))
            .collect();
        assert_eq!(alone, expected);
        let bulk: Vec<Option<u64>> = store.resolve_all(&refs).iter().map(size).collect();
        assert_eq!(bulk, expected);
    }
}
