//! Rows of raw cells + a template -> records of typed values. This module
//! finds each sheet's header row (buffering only the first rows), maps the
//! columns onto template fields, and reads each cell as the field's type
//! (`cell`): dates, numbers, allowed-value spellings, coordinates. It
//! reports what it saw as events; judging them is `check`'s job.

mod cell;
pub mod date;
pub mod header;
pub mod scalar;

pub use crate::template::{collapse_spaces, similarity};
pub use cell::{closest_value, read_cell, read_cell_owned};
pub use date::{AmbiguousReason, DateValue, Precision};
pub use header::{Column, HeaderMap, Layout, RepeatProbe};
pub use scalar::Coordinate;

use crate::load::{RawCell, RawRow, RowSink, SheetInfo};
use crate::template::{EvidenceKey, Template, WideKind, fold};
use cell::evidence_cell;
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

/// One cell of a record. Its header is its record's
/// ([`Record::header_of`]): a count on a shared header for every cell was
/// a twentieth of checking a big csv.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldCell {
    pub col: u32,
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
    /// The sheet's column headers.
    pub headers: Headers,
}

/// A sheet's column headers by column, shared by its records.
#[derive(Debug, Clone, Default)]
pub struct Headers(Arc<[(u32, Arc<str>)]>);

impl Headers {
    pub fn new(columns: impl IntoIterator<Item = (u32, Arc<str>)>) -> Headers {
        let mut columns: Vec<_> = columns.into_iter().collect();
        // The first column of a letter wins, as a search from the left would.
        columns.sort_by_key(|(col, _)| *col);
        columns.dedup_by_key(|(col, _)| *col);
        Headers(columns.into())
    }

    /// The header of column `col` ("" when it has none).
    pub fn of(&self, col: u32) -> &str {
        self.0
            .binary_search_by_key(&col, |(c, _)| *c)
            .map_or("", |i| &self.0[i].1)
    }
}

impl Record {
    /// The header of `cell`'s column.
    pub fn header_of(&self, cell: &FieldCell) -> &str {
        self.headers.of(cell.col)
    }

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
    /// Each column's header, as evidence cells carry it.
    headers: Vec<Arc<str>>,
    /// The same by column, as records carry them.
    by_col: Headers,
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
        }
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
            let headers: Vec<Arc<str>> = h
                .columns
                .iter()
                .map(|c| Arc::from(c.header.as_str()))
                .collect();
            let by_col = Headers::new(h.columns.iter().map(|c| c.col).zip(headers.clone()));
            let header_row = h.row;
            (self.emit)(&mut Event::Header {
                sheet: self.sheet.clone(),
                header: h.clone(),
            });
            let rows = SheetRows {
                template: self.template,
                agency_hint: self.agency_hint,
                agency_field: self.template.roles.agency,
                sheet: self.sheet.clone(),
                probe: RepeatProbe::new(self.template, &h),
                header: h,
                headers,
                by_col,
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
                let cell = read_cell_owned(t, fi, col, row.take(col));
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
            headers: self.by_col.clone(),
        }))
    }
}

impl<F: FnMut(&mut Event)> RowSink for Normalizer<'_, F> {
    fn begin_sheet(&mut self, sheet: &SheetInfo) -> bool {
        let name: Option<Arc<str>> = sheet.name.as_deref().map(Arc::from);
        if let Some(n) = &name {
            // A returned feedback workbook's findings sheet (load tells it
            // by the workbook's mark): the findings bimtek wrote on it are
            // not innovations.
            let findings = sheet.findings;
            if findings || self.template.settings.skip_sheets.contains(&fold(n)) {
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
}
