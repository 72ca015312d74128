//! Who is expected, and who sent what: the roster (a `--roster` file, a
//! template's `[roster]` or an award's agencies) against the files, the
//! innovations and the portal baseline. A roster file's rows are given
//! already read; no I/O here.
//!
//! An agency on the roster sent nothing (O001), sent files without any
//! innovation (O002), or has innovations only in the baseline (O003); an
//! agency name in the data that is on no roster line is listed (O004),
//! never guessed. A roster file's own mistakes are O005 and O006.

use super::{Innovation, Sink};
use crate::diag::{Code, Finding, Location, Say};
use crate::load::RawRow;
use crate::template::{Clash, Roster, RosterAgency, RosterSource, Template, fold};
use std::collections::BTreeMap;

/// Folded headers of the roster's columns: the agency's name (also every
/// header the template knows for the agency column), its aliases, its
/// kelompok.
const NAME_HEADERS: &[&str] = &[
    "nama",
    "name",
    "namaopd",
    "opd",
    "namaperangkatdaerah",
    "perangkatdaerah",
    "namaskpd",
    "skpd",
    "unit",
    "namaunit",
    "unitkerja",
    "instansi",
    "namainstansi",
    "agency",
];
const ALIAS_HEADERS: &[&str] = &[
    "alias",
    "aliases",
    "namalain",
    "ejaanlain",
    "ejaan",
    "singkatan",
];
const GROUP_HEADERS: &[&str] = &["kelompok", "group", "jenis", "kategori", "jenisunit"];

/// The columns of a roster's header row: (nama, alias, kelompok).
fn header(t: &Template, row: &RawRow) -> Option<(u32, Option<u32>, Option<u32>)> {
    let agency_folds = t.roles.agency.map_or(&[][..], |i| t.folds_of_field(i));
    let col = |names: &[&str], also: &[String]| {
        row.cells
            .iter()
            .find(|(_, c)| {
                let f = fold(&c.display());
                names.contains(&f.as_str()) || also.contains(&f)
            })
            .map(|(col, _)| *col)
    };
    Some((
        col(NAME_HEADERS, agency_folds)?,
        col(ALIAS_HEADERS, &[]),
        col(GROUP_HEADERS, &[]),
    ))
}

/// A roster read from a file's rows (every sheet of it, in order): the
/// first sheet with a Nama column among its top rows. `None` when no
/// sheet has one.
pub fn read(
    t: &Template,
    file: &str,
    sheets: &[(Option<String>, Vec<RawRow>)],
) -> Option<(Roster, Vec<Finding>)> {
    let scan = t.settings.header_scan_rows as usize;
    let (sheet, data, (name_col, alias_col, group_col)) =
        sheets.iter().find_map(|(sheet, rows)| {
            rows.iter()
                .take(scan)
                .enumerate()
                .find_map(|(i, r)| header(t, r).map(|h| (sheet, &rows[i + 1..], h)))
        })?;
    let mut roster = Roster::new(RosterSource::File(file.to_string()));
    let mut findings = Vec::new();
    for r in data {
        let text = |col: Option<u32>| {
            col.and_then(|c| r.get(c))
                .map(|c| c.display().trim().to_string())
                .unwrap_or_default()
        };
        let (name, aliases, group) = (text(Some(name_col)), text(alias_col), text(group_col));
        let place = Location {
            sheet: sheet.clone(),
            row: Some(r.index.saturating_add(1)),
            ..Location::file(file)
        };
        let agency = RosterAgency {
            name: name.clone(),
            aliases: aliases
                .split(';')
                .map(str::trim)
                .filter(|a| !a.is_empty())
                .map(str::to_string)
                .collect(),
            group: (!group.is_empty()).then(|| group.clone()),
            sheet: sheet.clone(),
            row: place.row,
        };
        let clashes = match roster.add(agency) {
            Ok(clashes) => clashes,
            Err(Clash::EmptyName) => {
                let rest = [aliases, group]
                    .into_iter()
                    .filter(|s| !s.is_empty())
                    .collect::<Vec<_>>()
                    .join(" · ");
                if !rest.is_empty() {
                    findings.push(
                        Finding::new(Code::O006, place.clone())
                            .value(&rest)
                            .agency(file),
                    );
                }
                Vec::new()
            }
            Err(clash) => vec![clash],
        };
        for clash in clashes {
            if let Clash::Taken(name, other) = clash {
                findings.push(
                    Finding::new(Code::O005, place.clone())
                        .value(&name)
                        .arg("other", &other)
                        .agency(&other),
                );
            }
        }
    }
    Some((roster, findings))
}

/// Where a finding about a roster agency points: its line in a roster
/// file, else the template that lists it.
fn place(roster: &Roster, a: &RosterAgency) -> Location {
    Location {
        sheet: a.sheet.clone(),
        row: a.row,
        ..Location::file(roster.source.file())
    }
}

/// How alike (normalize::similarity, 0..1.5) a name must be to a roster
/// name to be suggested: a shared "Dinas" alone must not suggest
/// "Dinas Pendidikan" for "Dinas Komunikasi dan Informatika".
const SUGGEST: f64 = 0.85;

/// Most names listed in a message.
const LIST_NAMES: usize = 3;

fn list(names: &[&str]) -> String {
    let mut s = names
        .iter()
        .take(LIST_NAMES)
        .copied()
        .collect::<Vec<_>>()
        .join("; ");
    if names.len() > LIST_NAMES {
        s.push_str(&format!("; … (+{})", names.len() - LIST_NAMES));
    }
    s
}

/// The roster against what was sent. `files` are (file, agency hint);
/// `baseline` the portal entries with the agency each names. In a lab's
/// idea lists (`lab`) a unit without an idea is L013, not O001, and a unit
/// with ideas not on the roster L014, not O004: the same matching, told
/// in the lab's words.
pub(super) fn check(
    roster: &Roster,
    files: &[(String, String)],
    innovations: &[Innovation],
    baseline: &[(Option<&str>, &str)],
    lab: bool,
    sink: &mut Sink<'_>,
) {
    let n = roster.agencies.len();
    let mut sent = vec![0usize; n];
    // Per file, per agency name not on the roster: how many innovations,
    // and the name as first written.
    let mut unknown: BTreeMap<(&str, String), (&str, usize)> = BTreeMap::new();
    for i in innovations {
        if i.agency.trim().is_empty() {
            continue;
        }
        match roster.find(&i.agency) {
            Some(k) => sent[k] += 1,
            None => {
                unknown
                    .entry((i.file(), fold(&i.agency)))
                    .or_insert((&*i.agency, 0))
                    .1 += 1;
            }
        }
    }
    for ((file, _), (name, count)) in &unknown {
        let near = roster.nearest(name, SUGGEST);
        let mut f = Finding::new(
            if lab { Code::L014 } else { Code::O004 },
            Location::file(*file),
        )
        .value(name)
        .arg("count", count)
        .agency(name);
        if let Some(a) = near {
            f = f.say("near", "near_en", Say::SimilarAgency, &[("name", &a.name)]);
        }
        sink.push(f);
    }
    // An award's rule U003 already says which agency has no innovation.
    if matches!(roster.source, RosterSource::Award(_)) {
        return;
    }
    let mut their_files: Vec<Vec<&str>> = vec![Vec::new(); n];
    for (file, hint) in files {
        if let Some(k) = roster.find(hint) {
            their_files[k].push(file);
        }
    }
    let mut in_portal: Vec<Vec<&str>> = vec![Vec::new(); n];
    for (agency, name) in baseline {
        if let Some(k) = agency.and_then(|a| roster.find(a)) {
            in_portal[k].push(name);
        }
    }
    for (k, a) in roster.agencies.iter().enumerate() {
        if sent[k] > 0 {
            continue;
        }
        let at = place(roster, a);
        if !their_files[k].is_empty() {
            sink.push(
                Finding::new(Code::O002, at.clone())
                    .value(&a.name)
                    .arg("count", their_files[k].len())
                    .arg("files", list(&their_files[k]))
                    .agency(&a.name),
            );
        }
        if !in_portal[k].is_empty() {
            sink.push(
                Finding::new(Code::O003, at.clone())
                    .value(&a.name)
                    .arg("count", in_portal[k].len())
                    .arg("names", list(&in_portal[k]))
                    .agency(&a.name),
            );
        }
        if their_files[k].is_empty() && in_portal[k].is_empty() {
            let code = if lab { Code::L013 } else { Code::O001 };
            sink.push(Finding::new(code, at).value(&a.name).agency(&a.name));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::testing::{innovation, template};
    use crate::load::RawCell;

    fn row(index: u32, cells: &[&str]) -> RawRow {
        RawRow {
            index,
            cells: cells
                .iter()
                .enumerate()
                .filter(|(_, c)| !c.is_empty())
                .map(|(i, c)| (i as u32, RawCell::Text(c.to_string())))
                .collect(),
        }
    }

    #[test]
    fn a_roster_file_is_read_with_loose_headers_and_its_mistakes_said() {
        let t = template();
        let rows = vec![
            row(0, &["Daftar Perangkat Daerah"]),
            row(1, &["No", "Nama OPD", "Alias", "Kelompok"]),
            row(
                2,
                &[
                    "1",
                    "Dinas Kesehatan",
                    "Dinkes; Dinas Kesehatan Kab.",
                    "Dinas",
                ],
            ),
            row(3, &["2", "DINKES", "", ""]),
            row(4, &["3", "", "Disdik", "Dinas"]),
            row(5, &["4", "Puskesmas Kota", "", "UPT"]),
        ];
        let (roster, findings) = read(&t, "daftar.csv", &[(None, rows)]).unwrap();
        let names: Vec<_> = roster.agencies.iter().map(|a| a.name.as_str()).collect();
        assert_eq!(names, ["Dinas Kesehatan", "Puskesmas Kota"]);
        assert_eq!(roster.agencies[1].group.as_deref(), Some("UPT"));
        assert_eq!(roster.agencies[0].row, Some(3));
        let got: Vec<_> = findings
            .iter()
            .map(|f| (f.code, f.location.row, f.value.clone().unwrap()))
            .collect();
        assert_eq!(
            got,
            [
                (Code::O005, Some(4), "DINKES".to_string()),
                (Code::O006, Some(5), "Disdik · Dinas".to_string()),
            ]
        );
        // A list without a name column is no roster.
        assert!(read(&t, "x.csv", &[(None, vec![row(0, &["Kode", "Alias"])])]).is_none());
    }

    #[test]
    fn silent_empty_portal_only_and_unknown_agencies() {
        let t = template();
        let mut roster = Roster::new(RosterSource::File("daftar.csv".into()));
        for (name, aliases) in [
            ("Dinas Kesehatan", vec!["Dinkes".to_string()]),
            ("Dinas Pendidikan", vec![]),
            ("Dinas Sosial", vec![]),
            ("Bappeda", vec![]),
        ] {
            roster
                .add(RosterAgency {
                    name: name.into(),
                    aliases,
                    group: None,
                    sheet: None,
                    row: None,
                })
                .unwrap();
        }
        let files = vec![
            ("dinkes.csv".to_string(), "dinkes".to_string()),
            (
                "Dinas Sosial/kosong.xlsx".to_string(),
                "Dinas Sosial".to_string(),
            ),
        ];
        let list = vec![
            innovation("dinkes.csv", 2, "DINKES", "Si Cantik"),
            innovation("dinkes.csv", 3, "Dinas Kesehatn", "Lain"),
        ];
        let baseline = vec![(Some("Bappeda"), "E-Planning"), (None, "Tanpa OPD")];
        let mut sink = Sink::new(&t);
        check(&roster, &files, &list, &baseline, false, &mut sink);
        let got: Vec<_> = sink
            .findings
            .iter()
            .map(|f| {
                (
                    f.code,
                    f.agency.clone().unwrap(),
                    f.hint(crate::diag::Lang::En),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                (
                    Code::O004,
                    "Dinas Kesehatn".to_string(),
                    "Add \"Dinas Kesehatn\" to the roster or as an alias (similar: Dinas Kesehatan)."
                        .to_string()
                ),
                (
                    Code::O001,
                    "Dinas Pendidikan".to_string(),
                    "Remind Dinas Pendidikan; other spellings of its name in the data go in the roster's Alias column.".to_string()
                ),
                (
                    Code::O002,
                    "Dinas Sosial".to_string(),
                    "See the findings on those files and ask Dinas Sosial for a filled-in file."
                        .to_string()
                ),
                (
                    Code::O003,
                    "Bappeda".to_string(),
                    "Ask Bappeda for its innovations file.".to_string()
                ),
            ]
        );
    }
}
