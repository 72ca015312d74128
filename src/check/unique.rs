//! The same innovation name twice: within one agency (usually a copied row)
//! or across agencies (a joint innovation reported twice). Names are
//! compared after folding case, spaces and punctuation.

use super::{Innovation, Sink};
use crate::diag::{Code, Finding, Location, Say, Text};
use crate::template::{fold, roles};
use foldhash::{HashMap, HashMapExt};
use std::collections::hash_map::Entry;

/// Where an innovation is, in both languages: file, sheet and row.
pub(super) fn place(i: &Innovation) -> Text {
    match &i.sheet() {
        Some(s) => Say::PlaceSheetRow.both(&[("file", &i.file()), ("sheet", s), ("row", &i.row)]),
        None => Say::PlaceRow.both(&[("file", &i.file()), ("row", &i.row)]),
    }
}

pub(super) fn check(innovations: &[Innovation], sink: &mut Sink<'_>) {
    // Find the names seen twice with one hash map; only their innovations
    // are grouped and sorted (a map of groups cost a vector per innovation,
    // sorting every name a tenth of a second at 100k).
    let mut first: HashMap<&str, usize> = HashMap::with_capacity(innovations.len());
    let mut twice: Vec<bool> = vec![false; innovations.len()];
    for (i, inn) in innovations.iter().enumerate() {
        if inn.name_key().is_empty() {
            continue;
        }
        match first.entry(inn.name_key()) {
            Entry::Occupied(e) => {
                twice[*e.get()] = true;
                twice[i] = true;
            }
            Entry::Vacant(e) => {
                e.insert(i);
            }
        }
    }
    let mut named: Vec<&Innovation> = innovations
        .iter()
        .zip(&twice)
        .filter_map(|(inn, &t)| t.then_some(inn))
        .collect();
    named.sort_by(|a, b| {
        (&a.name_key(), &a.file(), &a.sheet(), a.row).cmp(&(
            &b.name_key(),
            &b.file(),
            &b.sheet(),
            b.row,
        ))
    });
    // (duplicate, the innovation it repeats, same agency)
    let mut pairs: Vec<(&Innovation, &Innovation, bool)> = Vec::new();
    for group in named
        .chunk_by(|a, b| a.name_key() == b.name_key())
        .filter(|g| g.len() > 1)
    {
        // One name in two pemda is two innovations (a province checks its
        // kabupaten and kota together, and good ideas are copied): each is
        // compared with the first of its own pemda. A row that names no
        // pemda may belong to any, so it matches the first of the name.
        let mut first_in: HashMap<String, &Innovation> = HashMap::new();
        let mut first_unnamed: Option<&Innovation> = None;
        for &dup in group {
            let first = match dup.pemda.as_deref().map(fold) {
                None if std::ptr::eq(dup, group[0]) => {
                    first_unnamed = Some(dup);
                    continue;
                }
                None => group[0],
                Some(pemda) => match first_in.get(&pemda).copied().or(first_unnamed) {
                    Some(first) => first,
                    None => {
                        first_in.insert(pemda, dup);
                        continue;
                    }
                },
            };
            if dup.pemda.is_none() && first_unnamed.is_none() {
                first_unnamed = Some(dup);
            }
            let same_agency = fold(&dup.agency) == fold(&first.agency);
            pairs.push((dup, first, same_agency));
        }
    }
    let (repeating, repeated) = repeating_files(innovations, &pairs);
    for (&(earlier, later), &count) in &repeating {
        sink.push(
            Finding::new(Code::U004, Location::file(later))
                .arg("other", earlier)
                .arg("count", count),
        );
    }
    for (dup, first, same_agency) in pairs {
        // A repeating file's innovations that its earlier file holds too
        // are told once, for the whole file (U004): not their duplicates
        // in any agency.
        if !repeated.is_empty() && repeated.contains(&(dup as *const Innovation)) {
            continue;
        }
        let code = if same_agency { Code::U001 } else { Code::U002 };
        sink.push(
            Finding::new(code, dup.location())
                .field(roles::NAME)
                .value(dup.name())
                .words("other", "other_en", place(first))
                .arg("agency", &first.agency),
        );
    }
}

/// The pairs of files that repeat each other (a list saved twice under two
/// names), as (earlier file, later file) -> innovations they share (same
/// name, same agency): at least two, and at least half of the smaller
/// file's innovations. With them, the later files' innovations that their
/// earlier file holds too.
#[allow(clippy::type_complexity)]
fn repeating_files<'i>(
    innovations: &'i [Innovation],
    pairs: &[(&'i Innovation, &'i Innovation, bool)],
) -> (
    std::collections::BTreeMap<(&'i str, &'i str), usize>,
    std::collections::HashSet<*const Innovation>,
) {
    use std::collections::{BTreeMap, BTreeSet, HashSet};
    let candidates: BTreeSet<(&str, &str)> = pairs
        .iter()
        .filter(|(dup, first, same)| *same && dup.file() != first.file())
        .map(|(dup, first, _)| (first.file(), dup.file()))
        .collect();
    let mut found = BTreeMap::new();
    let mut repeated = HashSet::new();
    if candidates.is_empty() {
        return (found, repeated);
    }
    // (name, agency) of every innovation, by file, for the files in a pair.
    let mut by_file: HashMap<&str, Vec<(&Innovation, String)>> = HashMap::new();
    let involved: HashSet<&str> = candidates.iter().flat_map(|(a, b)| [*a, *b]).collect();
    for i in innovations {
        if involved.contains(i.file()) {
            by_file
                .entry(i.file())
                .or_default()
                .push((i, fold(&i.agency)));
        }
    }
    for (a, b) in candidates {
        let keys: HashSet<(&str, &str)> = by_file[a]
            .iter()
            .filter(|(i, _)| !i.name_key().is_empty())
            .map(|(i, agency)| (i.name_key(), agency.as_str()))
            .collect();
        let shared: Vec<&Innovation> = by_file[b]
            .iter()
            .filter(|(i, agency)| keys.contains(&(i.name_key(), agency.as_str())))
            .map(|(i, _)| *i)
            .collect();
        let smaller = by_file[a].len().min(by_file[b].len());
        if shared.len() >= 2 && 2 * shared.len() >= smaller {
            found.insert((a, b), shared.len());
            repeated.extend(shared.into_iter().map(|i| i as *const Innovation));
        }
    }
    (found, repeated)
}

/// U003: every agency an award lists must have at least one innovation.
/// The finding points at the template file, which holds the list.
pub(super) fn agencies_without_innovation(
    t: &crate::template::Template,
    innovations: &[Innovation],
    sink: &mut Sink<'_>,
) {
    let Some(award) = &t.award else { return };
    for agency in &award.agencies {
        if !innovations.iter().any(|i| agency.matches(&i.agency)) {
            let file = if t.file.is_empty() {
                format!("{}.toml", t.id)
            } else {
                t.file.replace('\\', "/")
            };
            sink.push(Finding::new(Code::U003, Location::file(file)).value(&agency.name));
        }
    }
}

/// An award's per-group rules (KIPP: per instansi): the same title twice
/// in one group (U005), and more proposals of one kelompok than its quota
/// (U006, on each proposal past the quota, in file and row order).
pub(super) fn award_groups(
    t: &crate::template::Template,
    innovations: &[Innovation],
    sink: &mut Sink<'_>,
) {
    let Some(award) = &t.award else { return };
    if award.group_field.is_none() {
        return;
    }
    let mut ordered: Vec<&Innovation> =
        innovations.iter().filter(|i| i.group().is_some()).collect();
    ordered.sort_by(|a, b| a.place().cmp(&b.place()));
    let group_of = |i: &Innovation| fold(i.group().unwrap_or_default());
    if award.unique_titles {
        let mut first: HashMap<(String, &str), &Innovation> = HashMap::new();
        for &inn in &ordered {
            if inn.name_key().is_empty() {
                continue;
            }
            match first.entry((group_of(inn), inn.name_key())) {
                Entry::Vacant(e) => {
                    e.insert(inn);
                }
                Entry::Occupied(e) => {
                    let other = *e.get();
                    sink.push(
                        Finding::new(Code::U005, inn.location())
                            .field(roles::NAME)
                            .value(inn.name())
                            .words("other", "other_en", place(other))
                            .arg("group", inn.group().unwrap_or_default()),
                    );
                }
            }
        }
    }
    if award.quota.is_empty() {
        return;
    }
    let mut members: HashMap<(String, &str), Vec<&Innovation>> = HashMap::new();
    for &inn in &ordered {
        if let Some(class) = inn.quota_class() {
            members.entry((group_of(inn), class)).or_default().push(inn);
        }
    }
    for (class, max) in &award.quota {
        let mut over: Vec<&Vec<&Innovation>> = members
            .iter()
            .filter(|((_, c), list)| c == class && list.len() > *max as usize)
            .map(|(_, list)| list)
            .collect();
        over.sort_by_key(|list| list[0].place());
        for list in over {
            for inn in &list[*max as usize..] {
                sink.push(
                    Finding::new(Code::U006, inn.location())
                        .field(roles::GROUP)
                        .value(inn.name())
                        .arg("group", inn.group().unwrap_or_default())
                        .arg("count", list.len())
                        .arg("kelompok", class)
                        .arg("max", max),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::testing::{innovation, template};

    #[test]
    fn one_name_in_two_pemda_is_no_duplicate() {
        let t = template();
        let mut sink = Sink::new(&t);
        let at = |file, row, pemda: Option<&str>| {
            let mut i = innovation(file, row, "Dinas Kesehatan", "E-Farmasi");
            i.pemda = pemda.map(std::sync::Arc::from);
            i
        };
        let list = vec![
            at("a.csv", 2, Some("Kota Yogyakarta")),
            at("a.csv", 3, Some("Kabupaten Sleman")),
            // The same pemda, spelled otherwise: a duplicate of row 2.
            at("a.csv", 4, Some("KOTA  YOGYAKARTA")),
            at("a.csv", 5, Some("Kabupaten Bantul")),
            // No pemda named: it may be any, so it is the first's duplicate.
            at("b.csv", 2, None),
        ];
        check(&list, &mut sink);
        let got: Vec<_> = sink
            .findings
            .iter()
            .map(|f| {
                (
                    f.code,
                    f.location.file.as_str(),
                    f.location.row,
                    f.message(crate::diag::Lang::En),
                )
            })
            .map(|(c, f, r, m)| (c, f, r, m.contains("(row 2)")))
            .collect();
        assert_eq!(
            got,
            [
                (Code::U001, "a.csv", Some(4), true),
                (Code::U001, "b.csv", Some(2), true)
            ]
        );
    }

    #[test]
    fn u001_within_and_u002_across_agencies() {
        let t = template();
        let mut sink = Sink::new(&t);
        let list = vec![
            innovation("a.csv", 2, "Dinas Kesehatan", "Si Cantik"),
            innovation("a.csv", 3, "dinas kesehatan", "SI  CANTIK"),
            innovation("b.csv", 2, "Dinas Sosial", "si-cantik"),
            innovation("b.csv", 3, "Dinas Sosial", "Lain"),
        ];
        check(&list, &mut sink);
        let got: Vec<_> = sink
            .findings
            .iter()
            .map(|f| (f.code, f.location.file.as_str(), f.location.row))
            .collect();
        assert_eq!(
            got,
            [
                (Code::U001, "a.csv", Some(3)),
                (Code::U002, "b.csv", Some(2))
            ]
        );
    }

    #[test]
    fn a_file_repeating_another_is_one_u004_not_one_u001_per_innovation() {
        let t = template();
        let mut sink = Sink::new(&t);
        let names = ["Si Cantik", "Ambulans Desa", "SIPANDU", "TB Tuntas"];
        let mut list = Vec::new();
        for (file, agency) in [
            ("inovasi.csv", "Dinas Kesehatan"),
            ("inovasi (1).csv", "Dinas Kesehatan"),
        ] {
            for (n, name) in names.iter().enumerate() {
                list.push(innovation(file, n as u32 + 2, agency, name));
            }
            // A joint innovation, also under another agency: a U002 in the
            // first file, repeated (and not told again) in the second.
            list.push(innovation(file, 6, "Dinas Sosial", "Si Cantik"));
        }
        // One name shared with a third file is still a U001 of its own.
        list.push(innovation("lain.csv", 2, "Dinas Kesehatan", "Si Cantik"));
        list.push(innovation("lain.csv", 3, "Dinas Kesehatan", "Baru"));
        list.push(innovation("lain.csv", 4, "Dinas Kesehatan", "Baru Lagi"));
        check(&list, &mut sink);
        let got: Vec<_> = sink
            .findings
            .iter()
            .map(|f| {
                (
                    f.code,
                    f.location.file.as_str(),
                    f.location.row,
                    f.message(crate::diag::Lang::En),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                (
                    Code::U004,
                    "inovasi.csv",
                    None,
                    "This file repeats inovasi (1).csv: 5 innovations in common".to_string()
                ),
                (
                    Code::U002,
                    "inovasi (1).csv",
                    Some(6),
                    "\"Si Cantik\" is also reported by Dinas Kesehatan (inovasi (1).csv (row 2))"
                        .to_string()
                ),
                (
                    Code::U001,
                    "lain.csv",
                    Some(2),
                    "\"Si Cantik\" also appears at inovasi (1).csv (row 2)".to_string()
                ),
            ]
        );
    }
}
