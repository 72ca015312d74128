//! A lab's idea lists over time and against its year: an idea whose 5D
//! stage is earlier in a later list of the same lab (L010), a launch date
//! still to come at a stage that has launched (L011), and an idea code whose
//! year is not the lab's (L012). The title-row groups and the code scheme
//! are `labinov`'s; this file adds what compares lists and years.

use crate::diag::{Code, Finding, Location, Say};
use crate::normalize::{FieldCell, Record, Value};
use crate::template::roles;
use crate::template::{Template, fold};

use super::dates::{at_precision, dated};
use super::{Innovation, Sink};

/// Whether a template is for a lab's idea lists: it has the 5D stage
/// field `tahap`. Its roster findings are told in the lab's words (L013,
/// L014), and its dated lists are versions over time.
pub(super) fn lab_list(t: &Template) -> bool {
    t.roles.lab_stage.is_some()
}

/// One idea with a readable stage, kept for comparing lists (L010).
#[derive(Debug, Clone)]
pub struct Idea {
    /// Its stage cell.
    at: Location,
    /// The stage, as an index into the `tahap` field's values (their order
    /// is the stage order), and as written.
    stage: usize,
    written: String,
    /// Its idea code, when one follows LAN's scheme (spaces collapsed).
    code: Option<String>,
}

/// The ideas of one file with a stage.
#[derive(Debug, Default)]
pub(super) struct Ideas {
    list: Vec<Idea>,
}

impl Ideas {
    /// Keep the stage (and well-formed code) of a record, when the template
    /// has a `tahap` field and the cell holds one of its values.
    pub fn note(&mut self, t: &Template, loc: &Location, r: &Record, code: Option<&str>) {
        let Some(fi) = t.roles.lab_stage else {
            return;
        };
        let Some(cell) = r.cell(fi) else { return };
        let Value::Enum { index, .. } = cell.value else {
            return;
        };
        let mut at = loc.clone();
        at.col = Some(cell.col);
        at.header = Some(r.header_of(cell).to_string());
        self.list.push(Idea {
            at,
            stage: index,
            written: cell.text.clone(),
            code: code.map(|c| c.split_whitespace().collect::<Vec<_>>().join(" ")),
        });
    }

    pub fn take(&mut self) -> Vec<Idea> {
        std::mem::take(&mut self.list)
    }
}

/// A date a list's name gives (its sheet's, else its file's or folder's):
/// year, month and day, 0 where the name does not say.
type ListDate = (i32, u32, u32);

/// Month names as pemda write them in file names, Indonesian and English,
/// full and cut to three letters.
const MONTHS: [&[&str]; 12] = [
    &["januari", "january", "jan"],
    &["februari", "february", "pebruari", "feb", "peb"],
    &["maret", "march", "mar"],
    &["april", "apr"],
    &["mei", "may"],
    &["juni", "june", "jun"],
    &["juli", "july", "jul"],
    &["agustus", "august", "agu", "agt", "aug"],
    &["september", "sep", "sept"],
    &["oktober", "october", "okt", "oct"],
    &["november", "nopember", "nov", "nop"],
    &["desember", "december", "des", "dec"],
];

fn month(token: &str) -> Option<u32> {
    if let Ok(m) = token.parse::<u32>() {
        return (token.len() <= 2 && (1..=12).contains(&m)).then_some(m);
    }
    let t = token.to_lowercase();
    MONTHS
        .iter()
        .position(|names| names.contains(&t.as_str()))
        .map(|i| i as u32 + 1)
}

fn day(token: &str) -> Option<u32> {
    let d: u32 = token.parse().ok()?;
    (token.len() <= 2 && (1..=31).contains(&d)).then_some(d)
}

/// The last date a name gives: `2026-05-31`, `20260531`, `31-05-2026`,
/// `05-2026`, `Mei 2026`, `31 Mei 2026`, `2026 Mei`, or a year alone.
/// Letters and digits written together (`Mei2026`) are apart.
pub(super) fn name_date(name: &str) -> Option<ListDate> {
    let mut tokens: Vec<&str> = Vec::new();
    for part in name.split(|c: char| !c.is_alphanumeric()) {
        let mut start = 0;
        let b: Vec<(usize, char)> = part.char_indices().collect();
        for w in b.windows(2) {
            if w[0].1.is_ascii_digit() != w[1].1.is_ascii_digit() {
                tokens.push(&part[start..w[1].0]);
                start = w[1].0;
            }
        }
        if start < part.len() {
            tokens.push(&part[start..]);
        }
    }
    let year = |t: &str| {
        let y: i32 = t.parse().ok()?;
        (t.len() == 4 && (1990..=2099).contains(&y)).then_some(y)
    };
    let mut found = None;
    for (i, t) in tokens.iter().enumerate() {
        if t.len() == 8
            && t.bytes().all(|b| b.is_ascii_digit())
            && let (Some(y), Some(m), Some(d)) = (year(&t[..4]), month(&t[4..6]), day(&t[6..]))
        {
            found = Some((y, m, d));
            continue;
        }
        let Some(y) = year(t) else { continue };
        let next = |k: usize| tokens.get(i + k).copied();
        let before = |k: usize| i.checked_sub(k).and_then(|j| tokens.get(j)).copied();
        found = Some(if let Some(m) = next(1).and_then(month) {
            (y, m, next(2).and_then(day).unwrap_or(0))
        } else if let Some(m) = before(1).and_then(month) {
            (y, m, before(2).and_then(day).unwrap_or(0))
        } else {
            (y, 0, 0)
        });
    }
    found
}

/// The date of the list an innovation was read from: its sheet's name's,
/// else its file's path's.
fn list_date(inn: &Innovation) -> Option<ListDate> {
    inn.sheet()
        .and_then(name_date)
        .or_else(|| name_date(inn.file()))
}

/// Names written twice (U001, U002, U004) and nearly twice (L002). When a
/// lab's lists carry dates (a template with a `tahap` field, two or more
/// list dates in the run), the same idea in last month's list and this
/// month's is one idea followed, not one written twice: each list date's
/// ideas (and the undated ones) are checked apart. Otherwise the run is
/// checked whole.
pub(super) fn repeats(t: &Template, innovations: &[Innovation], sink: &mut Sink) {
    let dates: Vec<Option<ListDate>> = if lab_list(t) {
        innovations.iter().map(list_date).collect()
    } else {
        Vec::new()
    };
    let mut distinct: Vec<ListDate> = dates.iter().flatten().copied().collect();
    distinct.sort();
    distinct.dedup();
    if distinct.len() < 2 {
        super::unique::check(innovations, sink);
        super::similar::similar_ideas(t, innovations, sink);
        return;
    }
    let mut parts: std::collections::BTreeMap<Option<ListDate>, Vec<Innovation>> =
        std::collections::BTreeMap::new();
    for (inn, date) in innovations.iter().zip(dates) {
        parts.entry(date).or_default().push(inn.clone());
    }
    for part in parts.values() {
        super::unique::check(part, sink);
        super::similar::similar_ideas(t, part, sink);
    }
}

/// Two list dates ordered only as finely as the coarser of them.
fn ordered(a: ListDate, b: ListDate) -> std::cmp::Ordering {
    let cut = |d: ListDate, month: bool, day: bool| {
        (d.0, if month { d.1 } else { 0 }, if day { d.2 } else { 0 })
    };
    let month = a.1 != 0 && b.1 != 0;
    let day = month && a.2 != 0 && b.2 != 0;
    cut(a, month, day).cmp(&cut(b, month, day))
}

/// L010: an idea whose stage in a later list of the same lab (the same
/// pemda) is earlier than in the list before it. Lists are the sheets of the
/// run, ordered by the date their sheet's name gives, else their file's
/// path (file or folder name); lists without a date, or of one date, are
/// not ordered. An idea is the same when its well-formed code is, or its
/// folded name; it is compared with the latest earlier list holding it.
pub(super) fn stage_order(
    t: &Template,
    innovations: &[Innovation],
    ideas: Vec<Idea>,
    sink: &mut Sink,
) {
    use foldhash::{HashMap, HashMapExt};
    let Some(fi) = t.roles.lab_stage else {
        return;
    };
    if ideas.is_empty() {
        return;
    }
    let mut by_place: HashMap<(&str, Option<&str>, u32), &Innovation> = HashMap::new();
    for inn in innovations {
        by_place.insert((inn.file(), inn.sheet(), inn.row), inn);
    }
    // (idea, its innovation, its list's date, its pemda folded)
    let mut dated_ideas: Vec<(&Idea, &Innovation, ListDate, String)> = Vec::new();
    let mut dates: HashMap<(&str, Option<&str>), Option<ListDate>> = HashMap::new();
    for idea in &ideas {
        let key = (
            idea.at.file.as_str(),
            idea.at.sheet.as_deref(),
            idea.at.row.unwrap_or(0),
        );
        let Some(inn) = by_place.get(&key) else {
            continue;
        };
        let date = *dates
            .entry((key.0, key.1))
            .or_insert_with(|| list_date(inn));
        let Some(date) = date else { continue };
        let pemda = fold(inn.pemda.as_deref().unwrap_or(""));
        dated_ideas.push((idea, inn, date, pemda));
    }
    // Earlier lists first; within a list, in reading order.
    dated_ideas.sort_by(|a, b| a.2.cmp(&b.2).then_with(|| a.1.place().cmp(&b.1.place())));
    // Per pemda and name (and per pemda and code): the ideas seen so far.
    let mut by_name: HashMap<(&str, &str), Vec<usize>> = HashMap::new();
    let mut by_code: HashMap<(&str, &str), Vec<usize>> = HashMap::new();
    for (k, (idea, inn, date, pemda)) in dated_ideas.iter().enumerate() {
        let earlier = by_name
            .get(&(pemda.as_str(), inn.name_key()))
            .into_iter()
            .chain(
                idea.code
                    .as_deref()
                    .and_then(|c| by_code.get(&(pemda.as_str(), c))),
            )
            .flatten()
            .copied()
            .filter(|&j| ordered(dated_ideas[j].2, *date).is_lt())
            .max_by(|&a, &b| dated_ideas[a].2.cmp(&dated_ideas[b].2).then(a.cmp(&b)));
        if let Some(j) = earlier {
            let (before, before_inn, before_date, _) = &dated_ideas[j];
            if before.stage > idea.stage {
                let values = &t.fields[fi].values;
                sink.push(
                    Finding::new(Code::L010, idea.at.clone())
                        .field(roles::LAB_STAGE)
                        .value(&idea.written)
                        .arg("stage", &values[idea.stage].value)
                        .arg("before", &values[before.stage].value)
                        .words("other", "other_en", super::unique::place(before_inn))
                        .arg("date", show(*date))
                        .arg("before_date", show(*before_date)),
                );
            }
        }
        if !inn.name_key().is_empty() {
            by_name
                .entry((pemda.as_str(), inn.name_key()))
                .or_default()
                .push(k);
        }
        if let Some(c) = idea.code.as_deref() {
            by_code.entry((pemda.as_str(), c)).or_default().push(k);
        }
    }
}

/// A list date as the portal writes dates: `31/05/2026`, `05/2026`, `2026`.
fn show((y, m, d): ListDate) -> String {
    match (m, d) {
        (0, _) => format!("{y}"),
        (m, 0) => format!("{m:02}/{y}"),
        (m, d) => format!("{d:02}/{m:02}/{y}"),
    }
}

/// L011: an idea at a stage that has launched it (template setting
/// `launched_stages`: Deliver, Display, ...) whose launch date
/// (`tanggal_peluncuran`) is after the reference date. Before those stages
/// the launch date is a plan and may lie ahead.
pub(super) fn future_launch(
    t: &Template,
    as_of: chrono::NaiveDate,
    loc: &Location,
    r: &Record,
    sink: &mut Sink,
) {
    if t.settings.launched_stages.is_empty() {
        return;
    }
    let (Some(si), Some(li)) = (t.roles.lab_stage, t.roles.launched) else {
        return;
    };
    let Some(Value::Enum { index, .. }) = r.cell(si).map(|c| &c.value) else {
        return;
    };
    if !t.settings.launched_stages.contains(index) {
        return;
    }
    if let Some((d, p)) = dated(r, Some(li))
        && at_precision(d, p) > at_precision(as_of, p)
        && let Some(cell) = r.cell(li)
    {
        sink.push(
            super::fields::finding(Code::L011, loc, r, &t.fields[li], cell)
                .arg("stage", &t.fields[si].values[*index].value)
                .arg("as_of", crate::normalize::date::portal_format(as_of)),
        );
    }
}

/// The year a group's title names ("... Kota Yogyakarta 2016 (120 Ide
/// Inovasi)"), if any.
pub(super) fn title_year(title: &str) -> Option<i32> {
    name_date(title).map(|(y, _, _)| y)
}

/// L012: a well-formed idea code whose year (`YY`) is not the lab's year:
/// the year its group's title names, else the year of its diagnose date,
/// else the template's `lab_year`; when the template sets `code_year`.
pub(super) fn code_year(
    t: &Template,
    loc: &Location,
    r: &Record,
    title_year: Option<i32>,
    (fi, cell): (usize, &FieldCell),
    sink: &mut Sink,
) {
    use chrono::Datelike;
    if !t.settings.code_year {
        return;
    }
    let diagnosed = dated(r, t.field_index("tanggal_diagnose")).map(|(d, _)| d.year());
    let (year, from) = if let Some(y) = title_year {
        (y, Say::YearFromGroupTitle)
    } else if let Some(y) = diagnosed {
        (y, Say::YearFromDiagnose)
    } else if let Some(y) = t.settings.lab_year {
        (y, Say::YearFromLabYear)
    } else {
        return;
    };
    let Some(yy) = cell
        .text
        .split_whitespace()
        .next()
        .and_then(|p| p.parse::<i32>().ok())
    else {
        return;
    };
    if yy == year.rem_euclid(100) {
        return;
    }
    sink.push(
        super::fields::finding(Code::L012, loc, r, &t.fields[fi], cell)
            .arg("yy", format!("{yy:02}"))
            .arg("year", year)
            .say("from", "from_en", from, &[]),
    );
}

#[cfg(test)]
mod tests {
    use super::{name_date, ordered};

    #[test]
    fn launched_stages_must_be_values_of_the_stage_field() {
        let text = |stages: &str| {
            format!(
                "[template]\nid = \"lab\"\nname = \"Lab\"\nyear = 2026\nsource = \"uji\"\n\n\
                 [settings]\nlaunched_stages = [{stages}]\n\n\
                 [[field]]\nkey = \"tahap\"\nlabel = \"Tahap\"\nlabel_en = \"Stage\"\n\
                 aliases = [\"Tahap\"]\ntype = \"enum\"\n\n\
                 [[field.value]]\nvalue = \"Design\"\n\n\
                 [[field.value]]\nvalue = \"Deliver\"\nspellings = [\"Delivery\"]\n"
            )
        };
        let t = crate::template::Template::parse(&text("\"delivery\""), "lab.toml").unwrap();
        assert_eq!(t.settings.launched_stages, [1]);
        let e = crate::template::Template::parse(&text("\"Launch\""), "lab.toml").unwrap_err();
        assert!(
            e.message(crate::diag::Lang::En)
                .contains("settings.launched_stages \"Launch\" is not a value of the tahap field"),
            "{}",
            e.message(crate::diag::Lang::En)
        );
    }

    #[test]
    fn a_list_is_dated_by_its_name() {
        assert_eq!(name_date("ide-2026-05-31.xlsx"), Some((2026, 5, 31)));
        assert_eq!(name_date("ide_20260531.xlsx"), Some((2026, 5, 31)));
        assert_eq!(name_date("daftar ide 31-05-2026.csv"), Some((2026, 5, 31)));
        assert_eq!(name_date("labinov/05-2026/ide.xlsx"), Some((2026, 5, 0)));
        assert_eq!(name_date("Ide Mei 2026.xlsx"), Some((2026, 5, 0)));
        assert_eq!(name_date("ide juni2026.xlsx"), Some((2026, 6, 0)));
        assert_eq!(name_date("Rekap 2026 Agustus"), Some((2026, 8, 0)));
        assert_eq!(name_date("2025/ide 2026.xlsx"), Some((2026, 0, 0)));
        assert_eq!(name_date("kondisi-inovasi.xlsx"), None);
        assert_eq!(name_date("ide 120.xlsx"), None);
        // Eight bytes that are not eight digits are no yyyymmdd.
        assert_eq!(name_date("abcédef 2026"), Some((2026, 0, 0)));
        // Ordered as finely as the coarser: a year and a month of it are
        // not ordered.
        assert!(ordered((2026, 5, 0), (2026, 6, 1)).is_lt());
        assert!(ordered((2026, 0, 0), (2026, 6, 0)).is_eq());
    }
}
