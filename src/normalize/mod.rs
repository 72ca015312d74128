//! Rows of raw cells + a template -> records of typed values. This module
//! finds each sheet's header row (buffering only the first rows), maps the
//! columns onto template fields, and reads each cell as the field's type:
//! dates, numbers, allowed-value spellings, coordinates. It reports what it
//! saw as events; judging them is `check`'s job.

pub mod date;
pub mod header;
pub mod scalar;

pub use date::{AmbiguousReason, DateValue, Precision};
pub use header::{Column, HeaderMap, Layout, RepeatProbe};
pub use scalar::Coordinate;

use crate::load::{RawCell, RawRow, RowSink, SheetInfo};
use crate::template::{EvidenceKey, FieldKind, Template, WideKind, fold};
use std::sync::Arc;

/// A field's value after reading it as its type.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Empty,
    /// Text; `words` counted as far as the field's word limits need
    /// ([`words_for`]), `None` when it has none.
    Text {
        words: Option<usize>,
    },
    /// An allowed value (index into the field's values); `exact` when written
    /// exactly as the canonical spelling.
    Enum {
        index: usize,
        exact: bool,
    },
    /// Matches no allowed value; the closest one with its similarity, when
    /// it is close enough to offer (template: `suggest_threshold`).
    UnknownEnum {
        closest: Option<(usize, f64)>,
    },
    /// A value of another system's field under the same header (template:
    /// `foreign_values`), such as "Non Tematik" under "Klasifikasi".
    Foreign,
    Date(DateValue),
    Integer(i64),
    /// Not a whole number, or outside the field's range.
    BadInteger,
    Amount(f64),
    /// A file name given where an amount or a file is expected.
    FileRef,
    BadAmount,
    Coordinate(Coordinate),
    /// A formula error cell (`#REF!`...).
    FormulaError,
}

/// One cell of a record.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldCell {
    pub col: u32,
    pub header: Arc<str>,
    /// The cell as a person reads it in the sheet, trimmed.
    pub text: String,
    pub value: Value,
}

/// A cell holding evidence data, as written.
#[derive(Debug, Clone, PartialEq)]
pub struct EvidenceCell {
    pub col: u32,
    pub header: Arc<str>,
    /// The cell as a person reads it, trimmed.
    pub text: String,
    pub raw: RawCell,
}

/// A wide-layout evidence cell of a profile row (`Indikator 17 Bukti`).
#[derive(Debug, Clone, PartialEq)]
pub struct WideCell {
    pub indicator: u32,
    pub kind: WideKind,
    pub cell: EvidenceCell,
}

/// One row of a long evidence sheet: one document for one indicator of one
/// innovation.
#[derive(Debug, Clone)]
pub struct EvidenceRow {
    pub sheet: Option<Arc<str>>,
    /// Row number as the spreadsheet shows it (1-based).
    pub row: u32,
    pub agency: String,
    pub cells: Vec<(EvidenceKey, EvidenceCell)>,
}

impl EvidenceRow {
    pub fn get(&self, key: EvidenceKey) -> Option<&EvidenceCell> {
        self.cells.iter().find(|(k, _)| *k == key).map(|(_, c)| c)
    }
}

/// One innovation row, read.
#[derive(Debug, Clone)]
pub struct Record {
    pub sheet: Option<Arc<str>>,
    /// Row number as the spreadsheet shows it (1-based).
    pub row: u32,
    /// The agency (OPD): from its column, or the file's agency hint.
    pub agency: String,
    /// Indexed by template field; `None` when the sheet has no such column.
    pub cells: Vec<Option<FieldCell>>,
    /// Non-empty wide-layout evidence cells, in column order.
    pub wide: Vec<WideCell>,
}

impl Record {
    pub fn cell(&self, field: usize) -> Option<&FieldCell> {
        self.cells.get(field).and_then(Option::as_ref)
    }

    /// The field's text, if the column exists and the cell is not empty.
    pub fn text(&self, field: usize) -> Option<&str> {
        self.cell(field)
            .filter(|c| c.value != Value::Empty)
            .map(|c| c.text.as_str())
    }
}

/// What normalizing a file reports, in order.
#[derive(Debug)]
pub enum Event {
    /// A hidden sheet was skipped.
    HiddenSheet {
        sheet: Arc<str>,
    },
    /// A sheet that is not data was skipped: a form's own sheet (the
    /// template's `skip_sheets`), or the findings sheet of a returned
    /// feedback workbook (`findings`).
    SkippedSheet {
        sheet: Arc<str>,
        findings: bool,
    },
    /// A sheet (or CSV file) that is a lookup list, not a list of
    /// innovations ([`header::is_lookup_list`]), was skipped.
    NotInnovationList {
        sheet: Option<Arc<str>>,
    },
    /// A sheet's header was found.
    Header {
        sheet: Option<Arc<str>>,
        header: HeaderMap,
    },
    /// A sheet had rows but no recognisable header in its first rows.
    NoHeader {
        sheet: Option<Arc<str>>,
        scanned: u32,
    },
    /// A group's title row (the template's `group_titles`): the rows under
    /// it, up to the next title or the sheet's end, belong to `pemda`, and
    /// the title says there are `stated` of them.
    GroupTitle {
        sheet: Option<Arc<str>>,
        row: u32,
        title: String,
        pemda: String,
        stated: Option<u32>,
    },

    Record(Record),
    /// A row of a long evidence sheet.
    Evidence(EvidenceRow),
}

/// Normalizes one file's rows and hands each event to `emit`, which may
/// take out of it what it keeps.
pub struct Normalizer<'a, F: FnMut(&mut Event)> {
    template: &'a Template,
    agency_hint: &'a str,
    emit: F,
    sheet: Option<Arc<str>>,
    buffer: Vec<RawRow>,
    /// The current sheet's rows, once its header is found.
    rows: Option<SheetRows<'a>>,
    /// The sheet had no header in its first rows: ignore the rest of it.
    skip_rest: bool,
    /// A returned feedback workbook's findings sheet, not read.
    findings_sheet: Option<String>,
}

/// What normalizing a sheet's rows takes once its header is found. It needs
/// nothing else, so a clone can normalize rows anywhere
/// ([`Normalizer::sheet_rows`]).
#[derive(Clone)]
struct SheetRows<'a> {
    template: &'a Template,
    agency_hint: &'a str,
    agency_field: Option<usize>,
    sheet: Option<Arc<str>>,
    header: HeaderMap,
    /// Each column's header, as the records carry it.
    headers: Vec<Arc<str>>,
    probe: RepeatProbe,
}

impl<'a, F: FnMut(&mut Event)> Normalizer<'a, F> {
    pub fn new(template: &'a Template, agency_hint: &'a str, emit: F) -> Self {
        Normalizer {
            template,
            agency_hint,
            emit,
            sheet: None,
            buffer: Vec::new(),
            rows: None,
            skip_rest: false,
            findings_sheet: None,
        }
    }

    /// Leave out sheet `name` of a returned feedback workbook: the findings
    /// bimtek wrote on it are not innovations.
    pub fn skip_findings_sheet(mut self, name: Option<&str>) -> Self {
        self.findings_sheet = name.map(fold);
        self
    }

    /// What normalizing each later row of the current sheet takes, once its
    /// header is found: a closure that needs nothing of this normalizer, so
    /// any thread may run it. What it makes of a row is the event `row`
    /// would emit for it (`None`: a row that is neither record nor title).
    pub fn sheet_rows(
        &self,
    ) -> Option<impl FnMut(&mut RawRow) -> Option<Event> + Send + use<'a, F>> {
        let rows = self.rows.clone()?;
        Some(move |row: &mut RawRow| rows.record(row))
    }

    /// The current sheet's first rows hold no innovation list: say so and
    /// ignore the rest of it.
    fn not_a_list(&mut self) {
        (self.emit)(&mut Event::NotInnovationList {
            sheet: self.sheet.clone(),
        });
        self.buffer = Vec::new();
        self.skip_rest = true;
    }

    /// No header in the first rows: a lookup list is skipped, anything else
    /// is reported as a sheet without a header.
    fn no_header(&mut self, scanned: u32) {
        if header::looks_like_lookup(self.template, &self.buffer) {
            self.not_a_list();
        } else {
            (self.emit)(&mut Event::NoHeader {
                sheet: self.sheet.clone(),
                scanned,
            });
        }
    }

    fn try_header(&mut self) {
        if let Some(h) = header::detect(self.template, &self.buffer) {
            if header::is_lookup_list(self.template, &h) {
                self.not_a_list();
                return;
            }
            let headers = h
                .columns
                .iter()
                .map(|c| Arc::from(c.header.as_str()))
                .collect();
            let header_row = h.row;
            (self.emit)(&mut Event::Header {
                sheet: self.sheet.clone(),
                header: h.clone(),
            });
            let rows = SheetRows {
                template: self.template,
                agency_hint: self.agency_hint,
                agency_field: self.template.field_index("perangkat_daerah"),
                sheet: self.sheet.clone(),
                probe: RepeatProbe::new(self.template, &h),
                header: h,
                headers,
            };
            for mut r in std::mem::take(&mut self.buffer) {
                let e = if r.index > header_row {
                    rows.record(&mut r)
                } else {
                    rows.group_title(&r)
                };
                if let Some(mut e) = e {
                    (self.emit)(&mut e);
                }
            }
            self.rows = Some(rows);
        }
    }
}

impl SheetRows<'_> {
    /// The group title `row` is, if its only text begins with one of the
    /// template's `group_titles`: "Laboratorium Inovasi Pemerintah Kota
    /// Yogyakarta (120 Ide Inovasi)" names "Pemerintah Kota Yogyakarta" and
    /// states 120 rows.
    fn group_title(&self, row: &RawRow) -> Option<Event> {
        let starts = &self.template.settings.group_titles;
        if starts.is_empty() {
            return None;
        }
        let mut texts = row.cells.iter().filter(|(_, c)| !c.is_empty());
        let (_, cell) = texts.next()?;
        if texts.next().is_some() {
            return None;
        }
        let title = collapse_spaces(&cell.display());
        let (pemda, stated) = split_group_title(starts, &title)?;
        Some(Event::GroupTitle {
            sheet: self.sheet.clone(),
            row: row.index.saturating_add(1),
            title,
            pemda,
            stated,
        })
    }

    /// The record or evidence statement of `row`, taking the texts it keeps
    /// out of it; `None` for a row that is neither (a repeated header, row
    /// numbers only).
    fn record(&self, row: &mut RawRow) -> Option<Event> {
        let h = &self.header;
        let headers = &self.headers;
        if header::is_column_number_row(row) || self.probe.is_repeat(self.template, row) {
            return None;
        }
        if h.layout == Layout::Evidence {
            let mut cells: Vec<(EvidenceKey, EvidenceCell)> = Vec::new();
            for (ci, c) in h.columns.iter().enumerate() {
                let Some(key) = c.evidence else { continue };
                if cells.iter().any(|(k, _)| *k == key) {
                    continue;
                }
                if let Some(raw) = row.get(c.col).filter(|r| !r.is_empty()) {
                    cells.push((key, evidence_cell(c.col, headers[ci].clone(), raw)));
                }
            }
            if cells.is_empty() {
                return None;
            }
            // A row whose indicator cell is empty still names that cell, so
            // its finding (E016) can point at it.
            if !cells.iter().any(|(k, _)| *k == EvidenceKey::Indicator)
                && let Some(ci) = h
                    .columns
                    .iter()
                    .position(|c| c.evidence == Some(EvidenceKey::Indicator))
            {
                let cell = evidence_cell(h.columns[ci].col, headers[ci].clone(), &RawCell::Empty);
                cells.push((EvidenceKey::Indicator, cell));
            }
            let agency = self
                .agency_field
                .and_then(|f| h.column_of(f))
                .and_then(|c| row.get(c.col))
                .map(|r| collapse_spaces(&r.display()))
                .filter(|s| !s.is_empty())
                .unwrap_or_else(|| self.agency_hint.to_string());
            return Some(Event::Evidence(EvidenceRow {
                sheet: self.sheet.clone(),
                row: row.index.saturating_add(1),
                agency,
                cells,
            }));
        }
        let t = self.template;
        let mut any_value = false;
        // Built slot by slot: a vector of `None`s would be zeroed whole
        // first (two kilobytes a row).
        let cells: Vec<Option<FieldCell>> = (0..t.fields.len())
            .map(|fi| {
                let ci = h.field_columns[fi]?;
                let col = h.columns[ci].col;
                let cell = read_cell_owned(t, fi, col, headers[ci].clone(), row.take(col));
                any_value |= cell.value != Value::Empty;
                Some(cell)
            })
            .collect();
        if !any_value {
            // Only row numbers or notes in unmapped columns: not an
            // innovation, perhaps a group's title.
            return self.group_title(row);
        }
        let mut wide = Vec::new();
        for (ci, c) in h.columns.iter().enumerate() {
            let Some((indicator, kind)) = c.wide else {
                continue;
            };
            if let Some(raw) = row.get(c.col).filter(|r| !r.is_empty()) {
                wide.push(WideCell {
                    indicator,
                    kind,
                    cell: evidence_cell(c.col, headers[ci].clone(), raw),
                });
            }
        }
        let agency = self
            .agency_field
            .and_then(|f| cells[f].as_ref())
            .filter(|c| c.value != Value::Empty)
            .map(|c| collapse_spaces(&c.text))
            .unwrap_or_else(|| self.agency_hint.to_string());
        Some(Event::Record(Record {
            sheet: self.sheet.clone(),
            row: row.index.saturating_add(1),
            agency,
            cells,
            wide,
        }))
    }
}

impl<F: FnMut(&mut Event)> RowSink for Normalizer<'_, F> {
    fn begin_sheet(&mut self, sheet: &SheetInfo) -> bool {
        let name: Option<Arc<str>> = sheet.name.as_deref().map(Arc::from);
        if let Some(n) = &name {
            let folded = fold(n);
            let findings = self.findings_sheet.as_ref() == Some(&folded);
            if findings || self.template.settings.skip_sheets.contains(&folded) {
                (self.emit)(&mut Event::SkippedSheet {
                    sheet: n.clone(),
                    findings,
                });
                return false;
            }
        }
        if sheet.hidden {
            if let Some(n) = name {
                (self.emit)(&mut Event::HiddenSheet { sheet: n });
            }
            return false;
        }
        self.sheet = name;
        self.buffer.clear();
        self.rows = None;
        self.skip_rest = false;
        true
    }

    fn row(&mut self, mut row: RawRow) {
        if self.skip_rest {
            return;
        }
        if let Some(rows) = &self.rows {
            if let Some(mut e) = rows.record(&mut row) {
                (self.emit)(&mut e);
            }
            return;
        }
        let limit = self.template.settings.header_scan_rows as usize;
        self.buffer.push(row);
        if self.buffer.len() >= limit {
            self.try_header();
            if self.rows.is_none() && !self.skip_rest {
                self.no_header(limit as u32);
                self.buffer = Vec::new();
                self.skip_rest = true;
            }
        }
    }

    fn end_sheet(&mut self) {
        if self.rows.is_none() && !self.skip_rest && !self.buffer.is_empty() {
            self.try_header();
            if self.rows.is_none() && !self.skip_rest {
                self.no_header(self.buffer.len() as u32);
            }
        }
        self.buffer.clear();
        self.rows = None;
    }
}

/// The pemda and stated count of a group title beginning with one of
/// `starts` (folded); `None` when it begins with none of them or names no
/// pemda. The count is the first number in a bracket at the end.
pub fn split_group_title(starts: &[String], title: &str) -> Option<(String, Option<u32>)> {
    // The words of the title, so a beginning matches whole words only.
    let words: Vec<&str> = title.split(' ').collect();
    let start_len = (1..=words.len()).find(|&n| starts.contains(&fold(&words[..n].join(" "))))?;
    let rest = words[start_len..].join(" ");
    let (name, stated) = match rest.rfind('(') {
        Some(open) if rest.trim_end().ends_with(')') => {
            let inside = &rest[open + 1..];
            let digits: String = inside
                .chars()
                .skip_while(|c| !c.is_ascii_digit())
                .take_while(char::is_ascii_digit)
                .collect();
            (rest[..open].trim(), digits.parse().ok())
        }
        _ => (rest.trim(), None),
    };
    let name = name.trim_matches(|c: char| c == ':' || c == '-' || c.is_whitespace());
    if name.is_empty() {
        return None;
    }
    Some((name.to_string(), stated))
}

fn evidence_cell(col: u32, header: Arc<str>, raw: &RawCell) -> EvidenceCell {
    EvidenceCell {
        col,
        header,
        text: raw.display().trim().to_string(),
        raw: raw.clone(),
    }
}

/// Collapse runs of whitespace (including newlines) into one space.
pub fn collapse_spaces(s: &str) -> String {
    // Most names are already single-spaced ASCII: copied as they are.
    let b = s.as_bytes();
    let plain = b.first().is_some_and(|&c| c != b' ')
        && b.last().is_some_and(|&c| c != b' ')
        && b.iter()
            .all(|&c| c == b' ' || (c.is_ascii() && !char::from(c).is_whitespace()))
        && memchr::memmem::find(b, b"  ").is_none();
    if plain {
        return s.to_string();
    }
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Read one cell as field `fi`'s type.
pub fn read_cell(t: &Template, fi: usize, col: u32, header: Arc<str>, raw: &RawCell) -> FieldCell {
    let text = match raw {
        RawCell::Text(s) => s.trim().to_string(),
        other => other.display().trim().to_string(),
    };
    FieldCell {
        col,
        header,
        value: value_of(t, fi, raw, &text),
        text,
    }
}

/// [`read_cell`] of a cell the caller gives up: a text cell's string is
/// moved into the record, not copied (long texts are most of the bytes).
pub fn read_cell_owned(
    t: &Template,
    fi: usize,
    col: u32,
    header: Arc<str>,
    raw: RawCell,
) -> FieldCell {
    let RawCell::Text(text) = &raw else {
        return read_cell(t, fi, col, header, &raw);
    };
    let value = value_of(t, fi, &raw, crate::load::trim(text));
    let mut text = match raw {
        RawCell::Text(s) => s,
        _ => String::new(),
    };
    let trimmed = crate::load::trim(&text);
    if trimmed.len() != text.len() {
        text = trimmed.to_string();
    }
    FieldCell {
        col,
        header,
        text,
        value,
    }
}

/// The value of `raw` as field `fi`'s type; `text` is the cell as a person
/// reads it, trimmed.
fn value_of(t: &Template, fi: usize, raw: &RawCell, text: &str) -> Value {
    let field = &t.fields[fi];
    if raw.is_empty() {
        return Value::Empty;
    }
    if matches!(raw, RawCell::Error(_)) {
        return Value::FormulaError;
    }
    // "-" or "n/a" in a choice, number or date cell says "nothing here".
    if matches!(
        field.kind,
        FieldKind::Enum | FieldKind::Date | FieldKind::Integer { .. }
    ) && is_placeholder(t, text)
    {
        return Value::Empty;
    }
    match &field.kind {
        FieldKind::Text => Value::Text {
            words: words_for(field, text),
        },
        FieldKind::File => Value::FileRef,
        FieldKind::Enum => {
            let folded = fold(text);
            match field.lookup_value(&folded) {
                Some(v) => {
                    let index = field
                        .values
                        .iter()
                        .position(|x| std::ptr::eq(x, v))
                        .expect("value of this field");
                    Value::Enum {
                        index,
                        exact: text == v.value,
                    }
                }
                None if field.foreign_values.contains(&folded) => Value::Foreign,
                None => Value::UnknownEnum {
                    closest: closest_value(field, text)
                        .filter(|(_, score)| *score >= t.settings.suggest_threshold),
                },
            }
        }
        FieldKind::Date => Value::Date(date::parse_cell(raw, t.settings.date_order)),
        FieldKind::Integer { min, max } => {
            let n = match raw {
                RawCell::Number(n) if n.fract() == 0.0 => Some(*n as i64),
                _ => text
                    .parse::<i64>()
                    .ok()
                    .or_else(|| after_label(field, text)),
            };
            match n {
                Some(n) if min.is_none_or(|m| n >= m) && max.is_none_or(|m| n <= m) => {
                    Value::Integer(n)
                }
                _ => Value::BadInteger,
            }
        }
        FieldKind::Amount { .. } => match raw {
            RawCell::Number(n) => Value::Amount(*n),
            _ if looks_like_file(text) => Value::FileRef,
            _ => match scalar::parse_amount(text) {
                Some(n) => Value::Amount(n),
                None => Value::BadAmount,
            },
        },
        FieldKind::Coordinate => Value::Coordinate(scalar::parse_coordinate(text)),
    }
}

/// The words of `text` as far as `field`'s limits need them: exact below
/// its minimum, and exact when it has a maximum; `None` without limits.
/// Counted while normalizing, which any thread may do (load/pipe.rs): it
/// reads more text than any check.
fn words_for(field: &crate::template::Field, text: &str) -> Option<usize> {
    if field.min_words.is_none() && field.max_words.is_none() {
        return None;
    }
    // Whether a long text reaches a minimum is known long before its end;
    // only a text over the maximum needs its whole count.
    let enough = field
        .max_words
        .map_or(field.min_words.unwrap_or(0), |m| m.saturating_add(1)) as usize;
    let words = scalar::count_words_to(text, enough);
    if field.max_words.is_some() && words >= enough {
        return Some(scalar::count_words(text));
    }
    Some(words)
}

/// Whether `text` is one of the template's placeholders for "nothing". It
/// runs on every choice and date cell: a longer text is no placeholder,
/// and the few placeholders are compared without allocating.
fn is_placeholder(t: &Template, text: &str) -> bool {
    let s = &t.settings;
    let text = text.trim();
    text.len() <= s.placeholder_max_len
        && s.placeholders.iter().any(|p| p.eq_ignore_ascii_case(text))
}

/// A number written after the field's own name, as some exports label it
/// ("Asta Cita 4" for Asta Cita 4).
fn after_label(field: &crate::template::Field, text: &str) -> Option<i64> {
    let (head, number) = text.trim().rsplit_once(char::is_whitespace)?;
    let n = number.parse::<i64>().ok()?;
    let head = fold(head);
    let named = std::iter::once(&field.label)
        .chain(&field.aliases)
        .any(|name| fold(name) == head);
    (named && !head.is_empty()).then_some(n)
}

fn looks_like_file(s: &str) -> bool {
    let lower = s.to_ascii_lowercase();
    [
        ".pdf", ".ppt", ".pptx", ".doc", ".docx", ".xlsx", ".jpg", ".png",
    ]
    .iter()
    .any(|e| lower.ends_with(e))
        || lower.starts_with("http://")
        || lower.starts_with("https://")
}

/// The allowed value most like `text`: the best of word overlap and
/// character similarity, over the canonical value and its spellings.
pub fn closest_value(field: &crate::template::Field, text: &str) -> Option<(usize, f64)> {
    let mut best: Option<(usize, f64)> = None;
    for (i, v) in field.values.iter().enumerate() {
        for candidate in std::iter::once(&v.value).chain(v.spellings.iter()) {
            let score = similarity(text, candidate);
            if best.is_none_or(|(_, s)| score > s) {
                best = Some((i, score));
            }
        }
    }
    best
}

/// How alike two values are (0..1.5). Shared words weigh most ("Olahraga
/// Prestasi" is near "Kepemudaan dan Olahraga"); letters break ties and catch
/// typos ("Penerapn").
pub fn similarity(a: &str, b: &str) -> f64 {
    let chars = strsim::jaro_winkler(&fold(a), &fold(b));
    let (wa, wb) = (word_set(a), word_set(b));
    let shared = wa.iter().filter(|w| wb.contains(w)).count();
    let overlap = if wa.is_empty() {
        0.0
    } else {
        shared as f64 / wa.len().max(wb.len()) as f64
    };
    overlap + 0.5 * chars
}

fn word_set(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.len() > 2)
        .map(str::to_lowercase)
        .filter(|w| !matches!(w.as_str(), "dan" | "yang" | "the" | "and"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t() -> Template {
        Template::builtin("iid-2026").unwrap().unwrap()
    }

    /// Rows normalized ahead ([`crate::load::Reading::ahead`]: on the
    /// reading thread when the checker falls behind, on the caller's
    /// otherwise) give the events normalizing them row by row gives.
    #[test]
    fn rows_normalized_ahead_are_the_rows_normalized_here() {
        use crate::load::{self, Reading};
        use std::cell::{Cell, RefCell};
        let t = t();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let dir = tempfile::tempdir().unwrap();
        // Records, and a long evidence sheet.
        for file in [
            "sample-data/Dinas Pendidikan/data_inovasi_disdik.csv",
            "tests/fixtures/codes/E016/bukti.csv",
        ] {
            // The file's rows again and again, past the size load reads on
            // a thread of its own.
            let text = std::fs::read(root.join(file)).unwrap();
            let split = text.iter().position(|&b| b == b'\n').unwrap() + 1;
            let (head, body) = text.split_at(split);
            let body = body.strip_suffix(b"\n").unwrap_or(body);
            let mut big = head.to_vec();
            while big.len() < 9 << 20 {
                big.extend_from_slice(body);
                big.push(b'\n');
            }
            let path = dir.path().join("besar.csv");
            std::fs::write(&path, big).unwrap();
            let mut direct = Vec::new();
            let mut norm = Normalizer::new(&t, "Dinas", |e: &mut Event| {
                direct.push(format!("{e:?}"));
            });
            load::read(&path, &mut norm, Reading::new()).unwrap();
            drop(norm);
            let ahead = RefCell::new(Vec::new());
            let emit = &|e: &mut Event| ahead.borrow_mut().push(format!("{e:?}"));
            let caller = std::thread::current().id();
            let (here, by_reader) = (Cell::new(0), Cell::new(0));
            let how = Reading::new().ahead(
                |n: &Normalizer<_>| {
                    let mut work = n.sheet_rows()?;
                    Some(move |row: &mut RawRow| (work(row), std::thread::current().id()))
                },
                |(event, on): &mut (Option<Event>, std::thread::ThreadId)| {
                    if *on == caller {
                        // A checker slower than the reader.
                        here.set(here.get() + 1);
                        if here.get() % 32 == 0 {
                            std::thread::sleep(std::time::Duration::from_micros(200));
                        }
                    } else {
                        by_reader.set(by_reader.get() + 1);
                    }
                    if let Some(e) = event {
                        emit(e);
                    }
                },
            );
            load::read(&path, &mut Normalizer::new(&t, "Dinas", emit), how).unwrap();
            assert_eq!(ahead.into_inner(), direct, "{file}");
            assert!(by_reader.get() > 0 && here.get() > 0, "{file}");
        }
    }

    #[test]
    fn spaces_collapse_to_one() {
        for (raw, want) in [
            ("Dinas Kesehatan", "Dinas Kesehatan"),
            ("Dinas  Kesehatan", "Dinas Kesehatan"),
            (" Dinas Kesehatan ", "Dinas Kesehatan"),
            ("Dinas\tKesehatan", "Dinas Kesehatan"),
            ("Dinas\x0BKesehatan", "Dinas Kesehatan"),
            ("Dinas\u{a0}Kesehatan\n", "Dinas Kesehatan"),
            (
                "Dinas Pendidikan dan Kebudayaan",
                "Dinas Pendidikan dan Kebudayaan",
            ),
            ("Bappeda", "Bappeda"),
            ("", ""),
            ("   ", ""),
        ] {
            assert_eq!(collapse_spaces(raw), want, "{raw:?}");
        }
    }

    fn read(t: &Template, key: &str, raw: RawCell) -> Value {
        let fi = t.field_index(key).unwrap();
        read_cell(t, fi, 0, Arc::from("h"), &raw).value
    }

    #[test]
    fn words_are_counted_as_far_as_the_limits_need() {
        let t = t();
        let mut field = t.field("rancang_bangun").unwrap().clone();
        let nine = "satu dua tiga empat lima enam tujuh delapan sembilan";
        // A minimum only: the count stops once it is reached.
        field.min_words = Some(3);
        assert_eq!(words_for(&field, "satu dua"), Some(2));
        assert!(words_for(&field, nine).is_some_and(|w| (3..=9).contains(&w)));
        // A maximum: a text over it has its whole count, for the message.
        field.max_words = Some(5);
        assert_eq!(words_for(&field, nine), Some(9));
        assert_eq!(words_for(&field, "satu dua tiga empat lima"), Some(5));
        assert_eq!(words_for(&field, "satu dua"), Some(2));
        field.min_words = None;
        assert_eq!(words_for(&field, nine), Some(9));
        field.max_words = None;
        assert_eq!(words_for(&field, nine), None);
        // Read as a cell of the field, a text carries its count.
        let Value::Text { words } = read(&t, "rancang_bangun", RawCell::Text(nine.into())) else {
            panic!()
        };
        assert!(words.is_some_and(|w| w <= 9));
    }

    #[test]
    fn enum_spellings_fold_to_canonical_values() {
        let t = t();
        let tahapan = t.field("tahapan").unwrap();
        for s in ["ujicoba", "UJI COBA", "Uji-Coba", "uji coba"] {
            let Value::Enum { index, exact } = read(&t, "tahapan", RawCell::Text(s.into())) else {
                panic!("{s}")
            };
            assert_eq!(tahapan.values[index].value, "Uji Coba");
            assert!(!exact);
        }
        assert!(matches!(
            read(&t, "tahapan", RawCell::Text("Uji Coba".into())),
            Value::Enum { exact: true, .. }
        ));
        let Value::Enum { index, .. } = read(&t, "tahapan", RawCell::Text("Inisiasi".into()))
        else {
            panic!()
        };
        assert_eq!(tahapan.values[index].value, "Inisiatif");
        let Value::Enum { index, .. } =
            read(&t, "inisiator", RawCell::Text("Perangkat Daerah".into()))
        else {
            panic!()
        };
        assert_eq!(t.field("inisiator").unwrap().values[index].value, "OPD");
        assert!(matches!(
            read(&t, "jenis", RawCell::Text("Non-Digital".into())),
            Value::Enum { .. }
        ));
    }

    #[test]
    fn group_titles_name_the_pemda_and_the_stated_count() {
        let starts = vec![fold("Laboratorium Inovasi"), fold("Labinov")];
        assert_eq!(
            split_group_title(
                &starts,
                "Laboratorium Inovasi Pemerintah Kota Yogyakarta (120 Ide Inovasi)"
            ),
            Some(("Pemerintah Kota Yogyakarta".to_string(), Some(120)))
        );
        assert_eq!(
            split_group_title(&starts, "LABINOV: Kabupaten Purbalingga"),
            Some(("Kabupaten Purbalingga".to_string(), None))
        );
        // Whole words only, and a title must name its pemda.
        assert_eq!(
            split_group_title(&starts, "Laboratorium Inovasinya Kota X"),
            None
        );
        assert_eq!(
            split_group_title(&starts, "Laboratorium Inovasi (12 ide)"),
            None
        );
        assert_eq!(split_group_title(&starts, "Dinas Kesehatan"), None);
    }

    #[test]
    fn unknown_values_name_the_closest() {
        let t = t();
        let urusan = t.field("urusan_utama").unwrap();
        let Value::UnknownEnum {
            closest: Some((i, _)),
        } = read(
            &t,
            "urusan_utama",
            RawCell::Text("Olahraga Prestasi".into()),
        )
        else {
            panic!()
        };
        assert!(
            urusan.values[i].value.contains("Olahraga"),
            "{}",
            urusan.values[i].value
        );
        let Value::UnknownEnum {
            closest: Some((i, _)),
        } = read(&t, "tahapan", RawCell::Text("Penerapn".into()))
        else {
            panic!()
        };
        assert_eq!(t.field("tahapan").unwrap().values[i].value, "Penerapan");
    }

    #[test]
    fn values_by_kind() {
        let t = t();
        assert_eq!(
            read(&t, "asta_cita", RawCell::Number(3.0)),
            Value::Integer(3)
        );
        assert_eq!(
            read(&t, "asta_cita", RawCell::Text("9".into())),
            Value::BadInteger
        );
        assert_eq!(
            read(&t, "anggaran", RawCell::Text("Rp 1.500.000,00".into())),
            Value::Amount(1_500_000.0)
        );
        assert_eq!(
            read(&t, "anggaran", RawCell::Text("sekitar 2 juta".into())),
            Value::BadAmount
        );
        assert_eq!(
            read(&t, "anggaran", RawCell::Text("dpa-2024.pdf".into())),
            Value::FileRef
        );
        assert_eq!(
            read(&t, "nama_inovasi", RawCell::Error("#REF!".into())),
            Value::FormulaError
        );
        assert_eq!(
            read(&t, "nama_inovasi", RawCell::Text("  ".into())),
            Value::Empty
        );
    }
}
