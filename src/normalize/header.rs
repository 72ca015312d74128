//! Find the header row and map its columns onto template fields. The header
//! is found, not assumed: title rows above it, data starting in another
//! column, and two-row headers (a merged group cell such as "Waktu" over
//! "Uji Coba" | "Penerapan") are all handled.

use crate::load::{RawCell, RawRow};
use crate::template::{
    EvidenceKey, Template, WideKind, fold, fold_bounded, fold_into, has_brackets,
};
use std::cell::RefCell;

/// One column of the header row.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub col: u32,
    /// Header text as written (for two-row headers, "Group Sub").
    pub header: String,
    pub field: Option<usize>,
    /// Known to carry no field (row number, actions).
    pub ignored: bool,
    /// The column of the long evidence layout this header names.
    pub evidence: Option<EvidenceKey>,
    /// A wide-layout evidence column: `Indikator N Parameter|Bukti|Tanggal`.
    pub wide: Option<(u32, WideKind)>,
}

impl Column {
    /// Neither a field, nor evidence, nor known to be ignorable.
    pub fn is_unknown(&self, layout: Layout) -> bool {
        match layout {
            Layout::Profile => self.field.is_none() && self.wide.is_none() && !self.ignored,
            Layout::Evidence => self.evidence.is_none() && !self.ignored,
        }
    }
}

/// What a sheet holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// One innovation per row (the profile).
    Profile,
    /// One row per innovation x indicator document (long evidence layout).
    Evidence,
}

/// The header row found in a sheet and what its columns mean.
#[derive(Debug, Clone, PartialEq)]
pub struct HeaderMap {
    pub layout: Layout,
    /// 0-based index of the (last) header row.
    pub row: u32,
    pub columns: Vec<Column>,
    /// Field index -> column index into `columns` of its first column.
    pub field_columns: Vec<Option<usize>>,
    /// Columns that map to a field another column already took:
    /// (column index into `columns`, the first column's letter index).
    pub duplicates: Vec<(usize, u32)>,
}

impl HeaderMap {
    /// The column (0-based sheet column) holding field `f`.
    pub fn column_of(&self, f: usize) -> Option<&Column> {
        self.field_columns[f].map(|i| &self.columns[i])
    }
}

/// Longest text that can be a header label (the longest real ones carry a
/// sentence of instructions). Longer text is data; folding it for every
/// alias lookup of every candidate row took seconds on a 10 MB cell.
const MAX_HEADER_BYTES: usize = 1000;

/// A cell's text as a header could hold it: trimmed, not empty, and no
/// longer than a header can be (header detection and the repeat probe).
fn cell_text(c: &RawCell) -> Option<&str> {
    match c {
        RawCell::Text(s) if s.len() <= MAX_HEADER_BYTES => {
            let s = crate::load::trim(s);
            (!s.is_empty()).then_some(s)
        }
        _ => None,
    }
}

/// A text cell of a candidate header row, folded once: header detection
/// looks every cell of its first rows up four ways.
struct HeaderCell<'r> {
    col: u32,
    text: &'r str,
    /// `None` when it folds longer than any header the template knows.
    folded: Option<String>,
}

fn header_cells<'r>(t: &Template, row: &'r RawRow) -> Vec<HeaderCell<'r>> {
    row.cells
        .iter()
        .filter_map(|(col, cell)| {
            cell_text(cell).map(|text| HeaderCell {
                col: *col,
                text,
                folded: t.fold_header(text),
            })
        })
        .collect()
}

/// The field a two-row header names: `group` (the text above, from a
/// merged group cell) then `sub`, as `field_for_header("{group} {sub}")`
/// would find it, without building the text when no parenthesis is in it
/// (folding drops the space, so the folds just join).
fn group_field(t: &Template, group: &HeaderCell<'_>, sub: &HeaderCell<'_>) -> Option<usize> {
    if has_brackets(group.text) || has_brackets(sub.text) {
        return t.field_for_header(&format!("{} {}", group.text, sub.text));
    }
    // Either part folding longer than any header makes the whole longer.
    let (Some(group), Some(sub)) = (&group.folded, &sub.folded) else {
        return None;
    };
    let mut folded = String::with_capacity(group.len() + sub.len());
    folded.push_str(group);
    folded.push_str(sub);
    t.field_for_fold(&folded)
}

/// A column of a candidate header row, its header text not yet built:
/// most candidates are data rows, and only the chosen row's columns are
/// kept.
struct Draft<'r> {
    col: u32,
    /// The group text above it, for a two-row header ("Group Sub").
    group: Option<&'r str>,
    text: &'r str,
    field: Option<usize>,
    ignored: bool,
    evidence: Option<EvidenceKey>,
    wide: Option<(u32, WideKind)>,
}

impl Draft<'_> {
    fn column(&self) -> Column {
        Column {
            col: self.col,
            header: match self.group {
                Some(group) => format!("{group} {}", self.text),
                None => self.text.to_string(),
            },
            field: self.field,
            ignored: self.ignored,
            evidence: self.evidence,
            wide: self.wide,
        }
    }
}

/// The columns of a candidate header row (its text cells `own`), with
/// `above` the text cells of the row immediately above it (for two-row
/// headers).
fn columns_for<'r>(
    t: &Template,
    own: &[HeaderCell<'r>],
    above: &[HeaderCell<'r>],
) -> Vec<Draft<'r>> {
    let mut cols: Vec<Draft<'r>> = Vec::new();
    for cell in own {
        let mut column = Draft {
            col: cell.col,
            group: None,
            text: cell.text,
            field: t.field_for_folded(cell.text, cell.folded.as_deref()),
            ignored: false,
            evidence: cell
                .folded
                .as_deref()
                .and_then(|f| t.evidence_key_folded(f)),
            wide: cell.folded.as_deref().and_then(|f| t.wide_column_folded(f)),
        };
        if column.field.is_none() {
            // The nearest text cell above, at or left of this column (a
            // merged group header stores its text in its first cell only).
            let k = above.partition_point(|a| a.col <= cell.col);
            if let Some(group) = k.checked_sub(1).map(|k| &above[k])
                && let Some(f) = group_field(t, group, cell)
            {
                column.group = Some(group.text);
                column.field = Some(f);
            }
        }
        column.ignored = column.field.is_none()
            && cell
                .folded
                .as_deref()
                .is_some_and(|f| t.is_ignored_folded(f));
        cols.push(column);
    }
    // Header cells merged vertically over both rows keep their text above.
    for cell in above {
        if own.binary_search_by_key(&cell.col, |o| o.col).is_ok() {
            continue;
        }
        let field = t.field_for_folded(cell.text, cell.folded.as_deref());
        let evidence = cell
            .folded
            .as_deref()
            .and_then(|f| t.evidence_key_folded(f));
        if field.is_some() || evidence.is_some() {
            cols.push(Draft {
                col: cell.col,
                group: None,
                text: cell.text,
                evidence,
                wide: cell.folded.as_deref().and_then(|f| t.wide_column_folded(f)),
                field,
                ignored: false,
            });
        }
    }
    cols.sort_by_key(|c| c.col);
    cols
}

/// How many columns `columns_for` can build for `row`: one per text cell,
/// and one per text cell above it where the row has none. Each column adds
/// at most one field and one evidence key, so this bounds the row's score.
fn max_columns(row: &RawRow, above: Option<&RawRow>) -> usize {
    let is_text = |c: &RawCell| cell_text(c).is_some();
    let own = row.cells.iter().filter(|(_, c)| is_text(c)).count();
    let extra = above.map_or(0, |a| {
        a.cells
            .iter()
            .filter(|(col, c)| is_text(c) && !row.get(*col).is_some_and(is_text))
            .count()
    });
    own + extra
}

fn distinct_fields(cols: &[Draft<'_>]) -> usize {
    let mut fields: Vec<usize> = cols.iter().filter_map(|c| c.field).collect();
    fields.sort_unstable();
    fields.dedup();
    fields.len()
}

/// How strongly a row reads as a long evidence header: the number of
/// distinct evidence columns, when it has the indicator and a parameter or
/// file column (0 otherwise).
fn evidence_score(cols: &[Draft<'_>]) -> usize {
    let mut keys: Vec<EvidenceKey> = cols.iter().filter_map(|c| c.evidence).collect();
    keys.sort_by_key(|k| *k as u8);
    keys.dedup();
    let has = |k| keys.contains(&k);
    if has(EvidenceKey::Indicator)
        && (has(EvidenceKey::File) || has(EvidenceKey::Parameter))
        && keys.len() >= 3
    {
        keys.len()
    } else {
        0
    }
}

/// Pick the header row among the first rows of a sheet: the row mapping the
/// most distinct fields (or evidence columns), at least `header_min_matches`.
/// `None` when no row qualifies.
pub fn detect(t: &Template, rows: &[RawRow]) -> Option<HeaderMap> {
    let mut best: Option<(usize, usize, Vec<Draft<'_>>, Layout)> = None;
    // Each row's text cells are folded once, when first needed: as a
    // candidate, or as the row above the next candidate.
    let mut cells: Vec<Option<Vec<HeaderCell<'_>>>> = (0..rows.len()).map(|_| None).collect();
    for (i, row) in rows.iter().enumerate() {
        let above = i
            .checked_sub(1)
            .filter(|&p| rows[p].index.checked_add(1) == Some(row.index));
        // A row that cannot beat the best so far is not looked up: once the
        // header is found, the data rows below it are skipped here.
        if best
            .as_ref()
            .is_some_and(|(_, s, _, _)| max_columns(row, above.map(|p| &rows[p])) <= *s)
        {
            continue;
        }
        for k in above.into_iter().chain([i]) {
            if cells[k].is_none() {
                cells[k] = Some(header_cells(t, &rows[k]));
            }
        }
        let own = cells[i].as_deref().unwrap_or_default();
        let above_cells = above.and_then(|p| cells[p].as_deref()).unwrap_or_default();
        let cols = columns_for(t, own, above_cells);
        let profile = distinct_fields(&cols);
        let evidence = evidence_score(&cols);
        let (score, layout) = if evidence > profile {
            (evidence, Layout::Evidence)
        } else {
            (profile, Layout::Profile)
        };
        if score >= t.settings.header_min_matches as usize
            && best.as_ref().is_none_or(|(_, s, _, _)| score > *s)
        {
            best = Some((i, score, cols, layout));
        }
    }
    let (i, _, drafts, layout) = best?;
    let columns: Vec<Column> = drafts.iter().map(Draft::column).collect();
    let mut field_columns = vec![None; t.fields.len()];
    let mut duplicates = Vec::new();
    for (ci, c) in columns.iter().enumerate() {
        if let Some(f) = c.field {
            match field_columns[f] {
                None => field_columns[f] = Some(ci),
                Some(first) => duplicates.push((ci, columns[first].col)),
            }
        }
    }
    Some(HeaderMap {
        layout,
        row: rows[i].index,
        columns,
        field_columns,
        duplicates,
    })
}

/// The most columns a lookup or side table has (`kode_opd,nama_opd`, a list
/// of regencies with their province, LAN's progress table of 7): lists of
/// innovations are wider (the portal's form has 19).
const LOOKUP_MAX_COLUMNS: usize = 8;

/// Whether a sheet whose header was found is a lookup list, not a list of
/// innovations: no innovation-name column, fewer than three fields, and
/// narrow. (A template without a name field has no lookup lists.)
pub fn is_lookup_list(t: &Template, h: &HeaderMap) -> bool {
    let Some(name) = t.roles.name else {
        return false;
    };
    h.layout == Layout::Profile
        && h.field_columns[name].is_none()
        && h.field_columns.iter().flatten().count() < 3
        && h.columns.len() <= LOOKUP_MAX_COLUMNS
}

/// Whether the first rows of a sheet without a header read as a lookup
/// list: no row names the innovation-name field, three fields or evidence
/// columns, and no row is wider than a lookup list. A wide sheet whose
/// headers are not recognised still looks like an innovation list.
///
/// A column headed just `nama` (or `name`) names the innovation in a list
/// of innovations, but here, with no other field beside it, it is the name
/// of whatever a lookup lists (`id,nama`: provinces, categories).
pub fn looks_like_lookup(t: &Template, rows: &[RawRow]) -> bool {
    let Some(name) = t.roles.name else {
        return false;
    };
    let names_innovation =
        |c: &Draft<'_>| c.field == Some(name) && !matches!(fold(c.text).as_str(), "nama" | "name");
    !rows.is_empty()
        && rows.iter().all(|row| {
            let cells = header_cells(t, row);
            let cols = columns_for(t, &cells, &[]);
            row.cells.len() <= LOOKUP_MAX_COLUMNS
                && !cols.iter().any(names_innovation)
                && distinct_fields(&cols) < 3
                && evidence_score(&cols) == 0
        })
}

/// Recognises the header printed again mid-sheet (long lists are printed
/// with the header on every page). Built once per sheet from its header,
/// with each column's header folded in advance, since it runs on every row.
#[derive(Debug, Clone)]
pub struct RepeatProbe {
    /// Sorted by column.
    columns: Vec<ProbeColumn>,
    /// A folded cell, kept from row to row.
    scratch: RefCell<String>,
}

#[derive(Debug, Clone)]
struct ProbeColumn {
    col: u32,
    folded: String,
    field: Option<usize>,
    evidence: Option<EvidenceKey>,
    /// Every fold that repeats the column's header: the header itself,
    /// its field's label and aliases, its evidence column's spellings.
    names: Vec<String>,
    /// The shortest and longest of them, in bytes.
    shortest: usize,
    longest: usize,
    /// The ASCII bytes they begin with, one bit each (an empty name, as
    /// a header of punctuation alone folds to, sets none).
    firsts: u128,
}

/// The bits of the ASCII bytes `names` begin with.
fn first_bytes(names: &[String]) -> u128 {
    names
        .iter()
        .filter_map(|n| n.bytes().next())
        .filter(u8::is_ascii)
        .fold(0, |bits, b| bits | 1 << b)
}

impl RepeatProbe {
    pub fn new(t: &Template, h: &HeaderMap) -> RepeatProbe {
        let mut columns: Vec<ProbeColumn> = h
            .columns
            .iter()
            .map(|c| {
                let folded = fold(&c.header);
                let mut names = vec![folded.clone()];
                if let Some(fi) = c.field {
                    names.extend(t.folds_of_field(fi).iter().cloned());
                }
                if let Some(key) = c.evidence {
                    names.extend(t.folds_of_evidence(key).map(str::to_string));
                }
                names.sort();
                names.dedup();
                ProbeColumn {
                    col: c.col,
                    shortest: names.iter().map(String::len).min().unwrap_or(0),
                    longest: names.iter().map(String::len).max().unwrap_or(0),
                    firsts: first_bytes(&names),
                    names,
                    folded,
                    field: c.field,
                    evidence: c.evidence,
                }
            })
            .collect();
        // The first column of a letter wins, as a search from the left would.
        columns.sort_by_key(|c| c.col);
        columns.dedup_by_key(|c| c.col);
        RepeatProbe {
            columns,
            scratch: RefCell::default(),
        }
    }

    /// Whether `row` repeats the header: more than half of its text cells
    /// (and at least two) name their column's header, field or evidence
    /// column again.
    pub fn is_repeat(&self, t: &Template, row: &RawRow) -> bool {
        // The answer is "at least `needed` of the text cells match": the
        // loop stops as soon as it is known (on a data row, after about
        // half of the cells).
        let text_cells = row
            .cells
            .iter()
            .filter(|(_, cell)| cell_text(cell).is_some())
            .count();
        // same * 2 > text_cells and same >= 2.
        let needed = (text_cells / 2 + 1).max(2);
        if needed > text_cells {
            return false;
        }
        let mut folded = self.scratch.borrow_mut();
        let (mut same, mut judged) = (0usize, 0usize);
        for (col, cell) in &row.cells {
            let Some(text) = cell_text(cell) else {
                continue;
            };
            if same + (text_cells - judged) < needed {
                return false;
            }
            judged += 1;
            let Ok(ci) = self.columns.binary_search_by_key(col, |c| c.col) else {
                continue;
            };
            if self.columns[ci].repeats(t, text, &mut folded) {
                same += 1;
                if same >= needed {
                    return true;
                }
            }
        }
        false
    }
}

impl ProbeColumn {
    /// Whether `text` names this column again: its fold is one of `names`.
    fn repeats(&self, t: &Template, text: &str, folded: &mut String) -> bool {
        if self.field.is_some() && has_brackets(text) {
            // "Label (dd/mm/yyyy)" names the field without its brackets:
            // the template's own lookup, with its retry.
            folded.clear();
            fold_into(text, folded);
            return *folded == self.folded
                || t.field_for_folded(text, Some(folded)) == self.field
                || (self.evidence.is_some() && t.evidence_key_folded(folded) == self.evidence);
        }
        // An ASCII text folds to at most its own length: most data cells
        // are ruled out before they are folded.
        if text.len() < self.shortest && text.is_ascii() {
            return false;
        }
        // Nor does one whose fold would begin with a letter or digit no
        // name begins with: the first that is, when only ASCII comes
        // before it (anything else may fold to a letter).
        if let Some(&b) = text
            .as_bytes()
            .iter()
            .find(|b| b.is_ascii_alphanumeric() || !b.is_ascii())
            && b.is_ascii()
            && self.firsts & 1 << b.to_ascii_lowercase() == 0
        {
            return false;
        }
        folded.clear();
        fold_bounded(text, folded, self.longest) && self.names.iter().any(|n| n == folded)
    }
}

/// Government tables often number their columns in the row under the
/// header: "1 2 3 4 ..." or "(1) (2) (3)". Such a row is not an innovation.
pub fn is_column_number_row(row: &RawRow) -> bool {
    if row.cells.len() < 3 {
        return false;
    }
    let mut prev: Option<i64> = None;
    for (_, cell) in &row.cells {
        let n = match cell {
            RawCell::Number(n) if n.fract() == 0.0 => *n as i64,
            RawCell::Text(s) => {
                match s
                    .trim()
                    .trim_matches(|c| c == '(' || c == ')')
                    .parse::<i64>()
                {
                    Ok(n) => n,
                    Err(_) => return false,
                }
            }
            _ => return false,
        };
        if let Some(p) = prev
            && n != p + 1
        {
            return false;
        }
        prev = Some(n);
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(index: u32, cells: &[(u32, &str)]) -> RawRow {
        RawRow {
            index,
            cells: cells
                .iter()
                .map(|(c, s)| (*c, RawCell::Text(s.to_string())))
                .collect(),
        }
    }

    fn template() -> Template {
        Template::builtin("iid-2026").unwrap().unwrap()
    }

    #[test]
    fn finds_the_header_below_title_rows_and_from_column_b() {
        let t = template();
        let rows = vec![
            row(0, &[(0, "DAFTAR INOVASI DAERAH")]),
            row(
                2,
                &[
                    (1, "No"),
                    (2, "Nama Inovasi*"),
                    (3, "Tahapan Inovasi*"),
                    (4, "Catatan"),
                ],
            ),
            row(3, &[(1, "1"), (2, "SIPANDU"), (3, "Penerapan")]),
        ];
        let h = detect(&t, &rows).unwrap();
        assert_eq!(h.row, 2);
        let name = t.field_index("nama_inovasi").unwrap();
        assert_eq!(h.column_of(name).unwrap().col, 2);
        assert!(h.columns.iter().any(|c| c.ignored && c.header == "No"));
        let unknown: Vec<_> = h
            .columns
            .iter()
            .filter(|c| c.is_unknown(h.layout))
            .collect();
        assert_eq!(unknown.len(), 1);
        assert_eq!(unknown[0].header, "Catatan");
    }

    #[test]
    fn two_row_headers_combine_group_and_sub_header() {
        let t = template();
        let rows = vec![
            row(0, &[(0, "Nama Inovasi"), (1, "Tahapan"), (2, "Waktu")]),
            row(1, &[(2, "Uji Coba"), (3, "Penerapan")]),
            row(
                2,
                &[
                    (0, "A"),
                    (1, "Penerapan"),
                    (2, "01/01/2024"),
                    (3, "01/02/2024"),
                ],
            ),
        ];
        let h = detect(&t, &rows).unwrap();
        assert_eq!(h.row, 1);
        let pen = t.field_index("waktu_penerapan").unwrap();
        assert_eq!(h.column_of(pen).unwrap().col, 3);
        let name = t.field_index("nama_inovasi").unwrap();
        assert_eq!(h.column_of(name).unwrap().col, 0);
    }

    #[test]
    fn no_header_when_nothing_matches() {
        let t = template();
        let rows = vec![
            row(0, &[(0, "foo"), (1, "bar")]),
            row(1, &[(0, "1"), (1, "2")]),
        ];
        assert!(detect(&t, &rows).is_none());
    }

    #[test]
    fn duplicate_columns_for_one_field_are_listed() {
        let t = template();
        let rows = vec![row(
            0,
            &[(0, "Nama Inovasi"), (1, "Judul Inovasi"), (2, "Tahapan")],
        )];
        let h = detect(&t, &rows).unwrap();
        assert_eq!(h.duplicates, vec![(1, 0)]);
    }

    #[test]
    fn long_and_wide_evidence_layouts() {
        let t = template();
        let rows = vec![row(
            0,
            &[
                (0, "Nama Inovasi"),
                (1, "Indikator"),
                (2, "Parameter"),
                (3, "Tanggal Dokumen"),
                (4, "File"),
            ],
        )];
        let h = detect(&t, &rows).unwrap();
        assert_eq!(h.layout, Layout::Evidence);
        let rows = vec![row(
            0,
            &[
                (0, "Nama Inovasi"),
                (1, "Tahapan"),
                (2, "Indikator 17 Parameter"),
                (3, "Indikator 17 Bukti"),
            ],
        )];
        let h = detect(&t, &rows).unwrap();
        assert_eq!(h.layout, Layout::Profile);
        assert_eq!(h.columns[2].wide, Some((17, WideKind::Parameter)));
        assert_eq!(h.columns[3].wide, Some((17, WideKind::File)));
        assert!(!h.columns[3].is_unknown(h.layout));
    }

    #[test]
    fn a_repeated_header_row_is_recognised() {
        let t = template();
        let rows = vec![row(
            0,
            &[(0, "Nama Inovasi"), (1, "Tahapan Inovasi"), (2, "Catatan")],
        )];
        let h = detect(&t, &rows).unwrap();
        let probe = RepeatProbe::new(&t, &h);
        assert!(probe.is_repeat(&t, &row(5, &[(0, "NAMA INOVASI"), (1, "Tahapan")])));
        assert!(!probe.is_repeat(&t, &row(5, &[(0, "SIPANDU"), (1, "Penerapan")])));
        assert!(!probe.is_repeat(&t, &row(5, &[(0, "Nama Inovasi"), (1, "Penerapan")])));
    }

    /// The probe this module had before cells were folded only as far as a
    /// header can be long: every text cell, shortest first, folded whole.
    fn is_repeat_by_whole_folds(probe: &RepeatProbe, t: &Template, row: &RawRow) -> bool {
        let mut texts: Vec<(usize, u32, &str)> = row
            .cells
            .iter()
            .filter_map(|(col, cell)| cell_text(cell).map(|s| (s.len(), *col, s)))
            .collect();
        let needed = (texts.len() / 2 + 1).max(2);
        if needed > texts.len() {
            return false;
        }
        texts.sort_by_key(|&(len, col, _)| (len, col));
        let same = texts
            .iter()
            .filter(|&&(_, col, text)| {
                let Ok(ci) = probe.columns.binary_search_by_key(&col, |c| c.col) else {
                    return false;
                };
                let c = &probe.columns[ci];
                let folded = fold(text);
                folded == c.folded
                    || (c.field.is_some() && t.field_for_folded(text, Some(&folded)) == c.field)
                    || (c.evidence.is_some() && t.evidence_key_folded(&folded) == c.evidence)
            })
            .count();
        same >= needed
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(1000))]
        #[test]
        fn candidate_folds_decide_as_whole_folds(
            evidence_layout in proptest::bool::ANY,
            picks in proptest::collection::vec((0usize..12, 0usize..60), 8),
        ) {
            let t = template();
            // A column no template knows, longer than any header it does,
            // and one that folds longer than it is ("İ" lowercases to two
            // characters).
            let unknown = format!("Catatan {}", "sangat panjang ".repeat(t.header_limit() / 10));
            let headers: Vec<&str> = if evidence_layout {
                vec!["Nama Inovasi", "Indikator", "Parameter", &unknown, "Tanggal Dokumen", "File", "İİ", "No"]
            } else {
                vec![
                    "No",
                    "Nama Inovasi",
                    "Tahapan Inovasi",
                    &unknown,
                    "Waktu Penerapan (dd/mm/yyyy)",
                    "Urusan Pemerintahan Utama",
                    "Nama Dokumen",
                    "İİ",
                ]
            };
            // Another spelling of each header the template knows.
            let aliases = if evidence_layout {
                ["Judul Inovasi", "No Indikator", "Pilihan Parameter", "-", "Tgl Surat", "Berkas", "-", "-"]
            } else {
                ["-", "Judul Inovasi", "Tahapan", "-", "Waktu Penerapan", "Urusan", "-", "-"]
            };
            let header: Vec<(u32, &str)> = (0u32..).zip(headers.iter().copied()).collect();
            let h = detect(&t, &[row(0, &header)]).unwrap();
            proptest::prop_assert_eq!(h.layout == Layout::Evidence, evidence_layout);
            let probe = RepeatProbe::new(&t, &h);
            let long = "kata ".repeat(40);
            // Each column's cell: its header or another spelling of it, with
            // or without notes, or data.
            let cells: Vec<(u32, RawCell)> = (0u32..)
                .zip(headers.iter().zip(aliases).zip(picks))
                .filter_map(|(col, ((header, alias), (pick, cut)))| {
                    let text = match pick {
                        0 => return None,
                        1 => header.to_string(),
                        2 => header.to_uppercase(),
                        3 => format!("{header} ({long})"),
                        4 => format!("(1) {header}"),
                        5 => format!("{header} {long}"),
                        6 => ["Tahapan", "Waktu Penerapan", "NAMA INOVASI", "Nama File", "Parameter (pilih)"]
                            [cut % 5]
                            .to_string(),
                        7 => alias.to_string(),
                        8 => "1".to_string(),
                        9 => ["SIPANDU", &long][cut % 2].to_string(),
                        10 => " ".to_string(),
                        _ => header.chars().take(cut % 8).collect(),
                    };
                    Some((col, RawCell::Text(text)))
                })
                .collect();
            let r = RawRow { index: 5, cells };
            proptest::prop_assert_eq!(
                probe.is_repeat(&t, &r),
                is_repeat_by_whole_folds(&probe, &t, &r),
                "{:?}",
                r
            );
        }
    }

    #[test]
    fn column_number_rows() {
        assert!(is_column_number_row(&row(
            3,
            &[(0, "1"), (1, "2"), (2, "3")]
        )));
        assert!(is_column_number_row(&row(
            3,
            &[(0, "(1)"), (1, "(2)"), (2, "(3)")]
        )));
        assert!(!is_column_number_row(&row(
            3,
            &[(0, "1"), (1, "SIPANDU"), (2, "3")]
        )));
    }
}
