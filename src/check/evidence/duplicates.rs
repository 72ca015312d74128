//! E011: one file content used as evidence by two innovations.

use super::{FileUse, Resolver};
use crate::check::{Innovation, Sink};
use crate::diag::{Code, Finding};
use crate::outcome::{Digest, Part, Statement};
use foldhash::HashMap;
use rayon::prelude::*;
use std::ffi::OsStr;
use std::path::Path;

/// A use of an evidence file: (innovation, statement, the reference as
/// written).
pub(super) type Use<'a> = (usize, &'a Statement, Part<'a>);

/// One file content used as evidence by two or more innovations (E011):
/// each use by another innovation than the content's first use (by path,
/// then in innovation order) is reported. `uses` is in innovation order.
///
/// Uses are grouped by size and digest, and by path only within a group:
/// two million uses at a national scale, and sorting them by their long
/// paths took most of this. A file without a digest (too big to have been
/// read whole) is hashed only when another file has its size and another
/// innovation uses that size: a path shared by innovations is its own
/// content, unread.
pub(super) fn duplicates(
    innovations: &[Innovation],
    uses: &mut Vec<FileUse<'_>>,
    resolver: &dyn Resolver,
    sink: &mut Sink<'_>,
) {
    // An empty file is E005, not a copy of another empty file.
    uses.retain(|u| u.1 > 0);
    // Stable: the uses of one file stay in innovation order.
    let by_content =
        |a: &FileUse<'_>, b: &FileUse<'_>| (a.1, a.2).cmp(&(b.1, b.2)).then_with(|| a.0.cmp(b.0));
    uses.par_sort_by(by_content);
    // Runs of one size used by more than one innovation: only there can a
    // content be used twice. Those holding two files or more, one of them
    // without a digest, need the missing digests.
    let runs: Vec<std::ops::Range<usize>> = {
        let mut runs = Vec::new();
        let mut from = 0;
        for run in uses.chunk_by(|a, b| a.1 == b.1) {
            let range = from..from + run.len();
            from = range.end;
            let shared = run.iter().any(|u| u.3.0 != run[0].3.0);
            let files = run.iter().any(|u| u.0 != run[0].0);
            if shared && files && run.iter().any(|u| u.2.is_none()) {
                runs.push(range);
            }
        }
        runs
    };
    if !runs.is_empty() {
        let unread: Vec<&OsStr> = {
            let mut paths: Vec<&OsStr> = runs
                .iter()
                .flat_map(|r| uses[r.clone()].iter())
                .filter(|u| u.2.is_none())
                .map(|u| u.0)
                .collect();
            paths.dedup();
            paths
        };
        // Reading and hashing big files: on every core.
        let read: HashMap<&OsStr, Option<Digest>> = unread
            .par_iter()
            .map(|&p| (p, resolver.content_hash(Path::new(p))))
            .collect();
        for r in runs {
            let run = &mut uses[r];
            for u in run.iter_mut().filter(|u| u.2.is_none()) {
                u.2 = read[u.0];
            }
            run.sort_by(by_content);
        }
    }
    // A use still without a digest is one content with its own path only:
    // no other innovation's file has its size, or it could not be read.
    for group in uses.chunk_by(|a, b| (a.1, a.2) == (b.1, b.2) && (a.2.is_some() || a.0 == b.0)) {
        let first = group[0].3.0;
        let other = &innovations[first];
        for (_, _, _, (ii, st, written)) in group.iter().filter(|u| u.3.0 != first) {
            sink.push(
                Finding::new(Code::E011, st.at(Some(*written)))
                    .value(written.text)
                    .arg("other", other.name())
                    .arg("innovation", innovations[*ii].name()),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::testing::{innovation, template};
    use crate::outcome::{Parts, Resolved, StatementSheet};
    use crate::template::EvidenceKey;
    use foldhash::HashMapExt;
    use std::sync::Arc;

    /// The first way E011 was found, kept as the oracle: every use sorted
    /// by path, then a file's digest taken or read when its path is used by
    /// two innovations or its size by two files.
    fn duplicates_by_path(
        innovations: &[Innovation],
        uses: &mut [FileUse<'_>],
        resolver: &dyn Resolver,
        sink: &mut Sink<'_>,
    ) {
        uses.sort_by(|a, b| a.0.cmp(b.0));
        let files: Vec<&[FileUse<'_>]> = uses.chunk_by(|a, b| a.0 == b.0).collect();
        let mut sizes: HashMap<u64, usize> = HashMap::new();
        for f in &files {
            *sizes.entry(f[0].1).or_default() += 1;
        }
        let mut by_content: Vec<(Digest, Use<'_>)> = Vec::new();
        for f in files {
            let shared_path = f.iter().any(|u| u.3.0 != f[0].3.0);
            if f[0].1 == 0 || !(shared_path || sizes[&f[0].1] > 1) {
                continue;
            }
            if let Some(h) = f[0].2.or_else(|| resolver.content_hash(Path::new(f[0].0))) {
                by_content.extend(f.iter().map(|u| (h, u.3)));
            }
        }
        by_content.sort_by_key(|(h, _)| *h);
        for group in by_content.chunk_by(|a, b| a.0 == b.0) {
            let first = group[0].1.0;
            for (_, (ii, st, written)) in group.iter().filter(|(_, u)| u.0 != first) {
                sink.push(
                    Finding::new(Code::E011, st.at(Some(*written)))
                        .value(written.text)
                        .arg("other", innovations[first].name())
                        .arg("innovation", innovations[*ii].name()),
                );
            }
        }
    }

    /// Files by path: their content (none: unreadable), and the paths
    /// read.
    #[derive(Default)]
    struct Contents(HashMap<String, Digest>, std::sync::Mutex<Vec<String>>);

    impl Contents {
        fn of(files: &[(&str, Digest)]) -> Contents {
            let files = files.iter().map(|&(p, d)| (p.to_string(), d)).collect();
            Contents(files, Default::default())
        }
        fn read(&self) -> Vec<String> {
            let mut read = self.1.lock().unwrap().clone();
            read.sort();
            read
        }
    }

    impl Resolver for Contents {
        fn resolve_all(&self, _: &[(&str, &str)]) -> Vec<Resolved> {
            Vec::new()
        }
        fn content_hash(&self, path: &Path) -> Option<Digest> {
            let path = path.to_str().unwrap();
            self.1.lock().unwrap().push(path.to_string());
            self.0.get(path).copied()
        }
    }

    fn statement(row: u32, reference: &str) -> Statement {
        let mut parts = Parts::default();
        parts.push(EvidenceKey::Indicator, Some(1), "1");
        parts.push(EvidenceKey::Parameter, Some(2), "1");
        parts.push(EvidenceKey::File, Some(3), reference);
        let sheet = StatementSheet::new(Arc::from("bukti.csv"), None, []);
        Statement::new(Arc::new(sheet), row, &parts)
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]
        /// E011 grouped by size and digest finds what grouping by path
        /// found: the same uses reported, naming the same first innovation.
        /// Files: (size, content, read whole); uses: (innovation, file).
        #[test]
        fn duplicates_by_content_match_duplicates_by_path(
            files in proptest::collection::vec((0u64..4, 0u8..4, proptest::bool::ANY), 1..8),
            picks in proptest::collection::vec((0usize..5, 0usize..8), 0..24),
        ) {
            let t = template();
            let innovations: Vec<Innovation> =
                (0..5).map(|i| innovation("inovasi.csv", 2, "Dinas", &format!("Inovasi {i}"))).collect();
            // A content is one size: the same content byte at another
            // size is another content.
            let digest = |size: u64, content: u8| (size as u128) << 8 | content as u128;
            let paths: Vec<String> = (0..files.len()).map(|i| format!("bukti/{}.pdf", (i * 5) % 8)).collect();
            let contents = Contents(
                files.iter().zip(&paths).map(|(&(size, c, _), p)| (p.clone(), digest(size, c))).collect(),
                Default::default(),
            );
            let statements: Vec<Statement> = picks
                .iter()
                .enumerate()
                .map(|(k, &(_, f))| statement(k as u32 + 2, &paths[f % files.len()]))
                .collect();
            // Uses in innovation order, as check_all collects them.
            let mut order: Vec<usize> = (0..picks.len()).collect();
            order.sort_by_key(|&k| picks[k].0);
            let uses: Vec<FileUse<'_>> = order
                .iter()
                .map(|&k| {
                    let f = picks[k].1 % files.len();
                    let (size, c, whole) = files[f];
                    let s = &statements[k];
                    let written = s.reference().unwrap();
                    (OsStr::new(&paths[f]), size, whole.then(|| digest(size, c)), (picks[k].0, s, written))
                })
                .collect();
            let run = |by_path: bool| {
                let mut sink = Sink::new(&t);
                let mut uses = uses.clone();
                if by_path {
                    duplicates_by_path(&innovations, &mut uses, &contents, &mut sink);
                } else {
                    duplicates(&innovations, &mut uses, &contents, &mut sink);
                }
                let mut found = sink.findings;
                found.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
                found
            };
            proptest::prop_assert_eq!(run(false), run(true));
        }
    }

    /// Files too big to have been read whole (no digest) are read only
    /// when another file of their size is used by another innovation.
    #[test]
    fn big_files_are_read_only_when_another_of_their_size_is_used_elsewhere() {
        let t = template();
        let innovations = [
            innovation("inovasi.csv", 2, "Dinas", "Satu"),
            innovation("inovasi.csv", 3, "Dinas", "Dua"),
        ];
        let statements: Vec<Statement> = (2..6).map(|row| statement(row, "x.pdf")).collect();
        let parts: Vec<Part> = statements.iter().map(|s| s.reference().unwrap()).collect();
        let e011 = |files: &[(&'static str, u64, usize)], contents: &Contents| {
            let mut uses: Vec<FileUse<'_>> = files
                .iter()
                .enumerate()
                .map(|(k, &(path, size, ii))| {
                    (OsStr::new(path), size, None, (ii, &statements[k], parts[k]))
                })
                .collect();
            let mut sink = Sink::new(&t);
            duplicates(&innovations, &mut uses, contents, &mut sink);
            let rows: Vec<u32> = sink
                .findings
                .iter()
                .filter_map(|f| f.location.row)
                .collect();
            (rows, contents.read())
        };
        // One path used by both: one content, not read.
        let shared = [("bukti/a.pdf", 9000, 0), ("bukti/a.pdf", 9000, 1)];
        assert_eq!(e011(&shared, &Contents::default()), (vec![3], vec![]));
        // Two files of one size, used by one innovation: not read.
        let own = [("bukti/a.pdf", 9000, 0), ("bukti/b.pdf", 9000, 0)];
        assert_eq!(e011(&own, &Contents::default()), (vec![], vec![]));
        // Used by two: both read, and compared.
        let two = [("bukti/a.pdf", 9000, 0), ("bukti/b.pdf", 9000, 1)];
        let read = vec!["bukti/a.pdf".to_string(), "bukti/b.pdf".to_string()];
        let differ = Contents::of(&[("bukti/a.pdf", 1), ("bukti/b.pdf", 2)]);
        assert_eq!(e011(&two, &differ), (vec![], read.clone()));
        let same = Contents::of(&[("bukti/a.pdf", 1), ("bukti/b.pdf", 1)]);
        assert_eq!(e011(&two, &same), (vec![3], read.clone()));
        // Neither can be read: they cannot be told to be one content.
        assert_eq!(e011(&two, &Contents::default()), (vec![], read));
        // Another size is another content, and a shared path stays one.
        let sizes = [
            ("bukti/a.pdf", 9000, 0),
            ("bukti/b.pdf", 9001, 0),
            ("bukti/b.pdf", 9001, 1),
        ];
        assert_eq!(e011(&sizes, &Contents::default()), (vec![4], vec![]));
    }
}
