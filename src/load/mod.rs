//! Files -> rows of raw cells, positions exact. This module finds input
//! files, recognises their format from their bytes (not their name), and
//! streams their rows to a [`RowSink`] one at a time, so a 100k-row workbook
//! is never held whole. It knows nothing of templates, fields or findings.

mod archive;
mod contain;
mod csv_split;
mod delimited;
mod html;
pub mod marker;
mod pipe;
mod sniff;
mod walk;
pub(crate) use walk::display_path;
mod workbook;
mod xlsx;
mod xml;

pub use sniff::{Format, sniff};
pub use walk::{InputFile, NotRead, SPREADSHEET_EXTENSIONS, Special, collect_inputs};

use chrono::NaiveDate;
use std::path::Path;

/// One cell as the file holds it.
#[derive(Debug, Clone, PartialEq)]
pub enum RawCell {
    Empty,
    Text(String),
    Number(f64),
    Bool(bool),
    /// A cell the spreadsheet marks as a date (date-formatted number, ODS date).
    Date(NaiveDate),
    /// A formula error such as `#REF!`.
    Error(String),
}

impl RawCell {
    pub fn is_empty(&self) -> bool {
        match self {
            RawCell::Empty => true,
            RawCell::Text(s) => trim(s).is_empty(),
            _ => false,
        }
    }

    /// A cell Excel stores as a serial date: a date, or a number when it
    /// is a duration or no calendar day.
    fn from_excel_datetime(dt: &calamine::ExcelDateTime) -> RawCell {
        if !dt.is_datetime() {
            // A duration: keep the number, it is not a calendar date.
            return RawCell::Number(dt.as_f64());
        }
        let (y, m, d, ..) = dt.to_ymd_hms_milli();
        match NaiveDate::from_ymd_opt(i32::from(y), u32::from(m), u32::from(d)) {
            Some(date) => RawCell::Date(date),
            None => RawCell::Number(dt.as_f64()),
        }
    }

    /// A cell stored as an ISO 8601 date: the date, or the text when it
    /// is not one.
    fn from_iso(s: &str) -> RawCell {
        let day = s.get(..10).unwrap_or(s);
        match NaiveDate::parse_from_str(day, "%Y-%m-%d") {
            Ok(d) => RawCell::Date(d),
            Err(_) => RawCell::Text(s.to_string()),
        }
    }

    /// The cell as text, the way a person reads it in the sheet: integral
    /// numbers without `.0`, dates as dd/mm/yyyy.
    pub fn display(&self) -> String {
        match self {
            RawCell::Empty => String::new(),
            RawCell::Text(s) => s.clone(),
            RawCell::Number(n) => format_number(*n),
            RawCell::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
            RawCell::Date(d) => format_date(*d),
            RawCell::Error(e) => e.clone(),
        }
    }
}

/// `str::trim`, with the common case first: a cell that starts and ends
/// with a visible ASCII character is returned as it is without decoding
/// its ends (this runs on every cell several times).
pub fn trim(s: &str) -> &str {
    match (s.as_bytes().first(), s.as_bytes().last()) {
        (Some(a), Some(z)) if a.is_ascii_graphic() && z.is_ascii_graphic() => s,
        _ => s.trim(),
    }
}

/// A date as dd/mm/yyyy. chrono's `format` reads its pattern again for each
/// date (3 % of the checking thread on a workbook of 100k innovations, whose
/// dates are date cells); years outside 0-9999 are left to it.
fn format_date(d: NaiveDate) -> String {
    use chrono::Datelike;
    if (0..=9999).contains(&d.year()) {
        format!("{:02}/{:02}/{:04}", d.day(), d.month(), d.year())
    } else {
        d.format("%d/%m/%Y").to_string()
    }
}

/// Print a number without a trailing `.0` when it is integral.
pub fn format_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

/// One row: its 0-based index in the sheet and its non-empty cells, sorted
/// by 0-based column.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RawRow {
    pub index: u32,
    pub cells: Vec<(u32, RawCell)>,
}

impl RawRow {
    pub fn get(&self, col: u32) -> Option<&RawCell> {
        self.cells
            .binary_search_by_key(&col, |(c, _)| *c)
            .ok()
            .map(|i| &self.cells[i].1)
    }

    /// Take the cell at `col` out of the row, leaving it empty.
    pub fn take(&mut self, col: u32) -> RawCell {
        match self.cells.binary_search_by_key(&col, |(c, _)| *c) {
            Ok(i) => std::mem::replace(&mut self.cells[i].1, RawCell::Empty),
            Err(_) => RawCell::Empty,
        }
    }

    pub fn is_blank(&self) -> bool {
        self.cells.iter().all(|(_, c)| c.is_empty())
    }
}

/// What a sheet looks like before its rows arrive.
#[derive(Debug, Clone)]
pub struct SheetInfo {
    /// `None` for CSV files, which have no sheets.
    pub name: Option<String>,
    pub hidden: bool,
    /// The findings sheet of a feedback workbook ([`marker`]): bimtek's
    /// findings, written back into the agency's workbook, not its data.
    pub findings: bool,
}

/// Receives a file's rows as they are read ([`read`]).
pub trait RowSink {
    /// A sheet starts. Return `false` to skip it.
    fn begin_sheet(&mut self, sheet: &SheetInfo) -> bool;
    /// One non-blank row of the current sheet, in order.
    fn row(&mut self, row: RawRow);
    /// The current sheet ended.
    fn end_sheet(&mut self);
}

/// What a reader feeds: a [`RowSink`]'s calls, and about how many rows the
/// current sheet has when the reader can tell (a workbook's declared
/// dimension, a CSV's size over its first records'), which [`read`] passes
/// to [`Reading::rows_hint`].
trait Feed {
    fn begin_sheet(&mut self, sheet: &SheetInfo) -> bool;
    fn expect_rows(&mut self, _rows: u32) {}
    fn row(&mut self, row: RawRow);
    fn end_sheet(&mut self);
}

/// Work on a row of the current sheet that any thread may do
/// ([`Reading::ahead`]).
type Work<'r, D> = Box<dyn FnMut(&mut RawRow) -> D + Send + 'r>;
/// The current sheet's [`Work`], once the sink has some.
type WorkOf<'r, S, D> = Box<dyn Fn(&S) -> Option<Work<'r, D>> + 'r>;
/// Takes what the work made of a row.
type Done<'r, D> = Box<dyn FnMut(&mut D) + 'r>;

/// How [`read`] reads a file for a sink of type `S`, beyond handing it the
/// rows: each part optional, each a plain closure.
pub struct Reading<'r, S: ?Sized, D = ()> {
    html_tables: bool,
    rows: Option<Box<dyn FnMut(u32) + 'r>>,
    work: Option<WorkOf<'r, S, D>>,
    done: Option<Done<'r, D>>,
}

impl<'r, S: ?Sized> Reading<'r, S> {
    /// Rows to the sink, nothing more.
    pub fn new() -> Self {
        Reading {
            html_tables: false,
            rows: None,
            work: None,
            done: None,
        }
    }
}

impl<S: ?Sized> Default for Reading<'_, S> {
    fn default() -> Self {
        Reading::new()
    }
}

impl<'r, S: ?Sized, D> Reading<'r, S, D> {
    /// A portal download: an HTML table saved with an .xls name (how web
    /// portals export lists) is read as a table too.
    pub fn html_tables(mut self) -> Self {
        self.html_tables = true;
        self
    }

    /// `rows` is told about how many rows the sheet being read has, when
    /// the reader can tell, before its rows: an estimate, so that room for
    /// what is made of them can be made once.
    pub fn rows_hint(mut self, rows: impl FnMut(u32) + 'r) -> Self {
        self.rows = Some(Box::new(rows));
        self
    }

    /// Help for a sink slower than the reader of a big file (one read on a
    /// thread of its own). `work` says, once the sink knows the current
    /// sheet (its header found), what the sink does with each of the
    /// sheet's later rows, when that needs none of its state. From then on
    /// such a file's rows are not given to the sink: `work` is done on
    /// them, on the reading thread when the sink falls behind and on the
    /// caller's otherwise, and `done` gets what it made of each, in order,
    /// to do with it what the sink would. Rows and what was made of them go
    /// back to the reading thread to be freed. A file read on the caller's
    /// thread gives every row to the sink.
    pub fn ahead<E: Send + 'r, W>(
        self,
        work: impl Fn(&S) -> Option<W> + 'r,
        done: impl FnMut(&mut E) + 'r,
    ) -> Reading<'r, S, E>
    where
        W: FnMut(&mut RawRow) -> E + Send + 'r,
    {
        Reading {
            html_tables: self.html_tables,
            rows: self.rows,
            work: Some(Box::new(move |sink| {
                work(sink).map(|w| Box::new(w) as Work<'r, E>)
            })),
            done: Some(Box::new(done)),
        }
    }
}

/// Every row read, in order, whatever the sheet (tests).
#[cfg(test)]
#[derive(Default)]
pub(crate) struct AllRows(pub Vec<RawRow>);

#[cfg(test)]
impl RowSink for AllRows {
    fn begin_sheet(&mut self, _: &SheetInfo) -> bool {
        true
    }
    fn row(&mut self, row: RawRow) {
        self.0.push(row);
    }
    fn end_sheet(&mut self) {}
}

#[cfg(test)]
impl Feed for AllRows {
    fn begin_sheet(&mut self, sheet: &SheetInfo) -> bool {
        RowSink::begin_sheet(self, sheet)
    }
    fn row(&mut self, row: RawRow) {
        RowSink::row(self, row);
    }
    fn end_sheet(&mut self) {}
}

/// Why a file could not be read. Each becomes a finding about the file.
#[derive(Debug, Clone, PartialEq)]
pub enum LoadError {
    /// Zero bytes.
    Empty,
    /// Encrypted with a password.
    Encrypted,
    /// The content is not a spreadsheet; the string names what it is.
    NotSpreadsheet(&'static str),
    /// Damaged, truncated or unreadable: what is damaged, and the reader's
    /// own words (English, technical) for a support request.
    Corrupt(Damage, String),
    /// Reading it would go past a safety limit (a zip bomb, a runaway CSV
    /// record); nothing more of it is read.
    TooLarge(Limit),
    /// One of bimtek's own outputs (a report workbook, told by its mark,
    /// [`marker`]): not data; nothing of it is read. Callers report it as
    /// the input walk reports the outputs it tells by their first bytes
    /// ([`NotRead::Own`]).
    Own(marker::Output),
}

/// What is damaged in a file that cannot be read, in terms a person can
/// act on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Damage {
    /// The zip container of an xlsx, xlsm, xlsb or ods is broken or cut off
    /// (a half-finished download or mail attachment).
    Zip,
    /// A part inside the container is not well-formed XML.
    Xml,
    /// A part the format requires is missing from the container.
    MissingPart,
    /// The container of an old .xls is broken.
    Cfb,
    /// A zip part is compressed with a method bimtek cannot inflate (bzip2,
    /// LZMA, ...): not damage.
    Compression,
    /// The CSV record with this number (1-based) cannot be parsed.
    CsvRecord(u64),
    /// The file cannot be read from the disk (permissions, I/O).
    Io,
    /// Anything else the spreadsheet reader reports.
    Other,
}

impl Damage {
    /// An I/O error inside a zip container: bytes that do not inflate or
    /// end too soon are the container's damage; anything else is the disk's.
    fn of_zip_io(e: &std::io::Error) -> Damage {
        match e.kind() {
            std::io::ErrorKind::InvalidData | std::io::ErrorKind::UnexpectedEof => Damage::Zip,
            _ => Damage::Io,
        }
    }
}

/// Which safety limit a file went past.
#[derive(Debug, Clone, PartialEq)]
pub enum Limit {
    /// One zip entry declares `size` bytes once inflated, from `compressed`.
    ZipEntry {
        name: String,
        size: u64,
        compressed: u64,
    },
    /// All zip entries together declare `size` bytes once inflated.
    ZipTotal { size: u64 },
    /// A CSV record starting on physical line `line` runs past `limit` bytes.
    Record { line: u64, limit: u64 },
    /// A sheet whose used range spans `rows` x `cols` cells, which the
    /// reader would hold as a dense grid (ODS repeated rows and columns).
    Cells { rows: u64, cols: u64 },
    /// A file read whole (UTF-16 text) of `size` bytes, over `limit`.
    FileSize { size: u64, limit: u64 },
    /// An XML tag (with its attributes), text or cell value in the part
    /// named `part` longer than `limit` bytes.
    Value { part: String, limit: u64 },
}

/// Facts about how a file was read, for info findings.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LoadNotes {
    /// The format found in the bytes.
    pub format: Option<Format>,
    /// Set when the extension names another format than the content.
    pub extension_mismatch: Option<String>,
    /// Some text was not UTF-8 and was decoded as Windows-1252.
    pub decoded_cp1252: bool,
    /// A CSV quote opened on this physical line (1-based) and never closed:
    /// everything after it was read as one cell.
    pub unbalanced_quote: Option<u64>,
    /// Rows whose number is not above the one before them in their sheet
    /// (two rows numbered alike, or out of order): the sheet, the row and
    /// the highest row before it (0-based). Both rows are read.
    pub repeated_rows: Vec<(Option<std::sync::Arc<str>>, u32, u32)>,
    /// Worksheets not read because the workbook has more than
    /// [`MAX_SHEETS`].
    pub sheets_past_limit: u64,
    /// Worksheets not read because an earlier sheet names the same part:
    /// the first such sheet, the part, and how many there were.
    pub sheets_repeating: Option<(String, String, u64)>,
}

/// Most worksheets read from one workbook. Real ones hold a few (one per
/// agency at most); 4,000 sheet entries in a 0.4 MB xlsx took 82 s.
pub const MAX_SHEETS: usize = 500;

/// Read `path`, sending each row to `sink`, as `how` says. This is the one
/// way into a file: which reader reads it, whether on a thread of its own
/// (a big file), and a panic in the reader as the file's damage
/// ([`LoadError::Corrupt`]), are decided here.
pub fn read<'r, S: RowSink + ?Sized, D: Send + 'r>(
    path: &Path,
    sink: &mut S,
    mut how: Reading<'r, S, D>,
) -> Result<LoadNotes, LoadError> {
    let html_tables = how.html_tables;
    // A portal download is read directly, as it always was.
    if !html_tables && pipe::worth_it(path) {
        return pipe::read(path, sink, &mut how, |p, feed| read_fed(p, feed, false));
    }
    let mut direct = Direct {
        sink,
        rows: how.rows.as_deref_mut(),
    };
    read_fed(path, &mut direct, html_tables)
}

/// The caller's sink, fed on the caller's thread.
struct Direct<'s, 'r, S: ?Sized> {
    sink: &'s mut S,
    rows: Option<&'s mut (dyn FnMut(u32) + 'r)>,
}

impl<S: RowSink + ?Sized> Feed for Direct<'_, '_, S> {
    fn begin_sheet(&mut self, sheet: &SheetInfo) -> bool {
        self.sink.begin_sheet(sheet)
    }
    fn expect_rows(&mut self, rows: u32) {
        if let Some(hint) = &mut self.rows {
            hint(rows);
        }
    }
    fn row(&mut self, row: RawRow) {
        self.sink.row(row);
    }
    fn end_sheet(&mut self) {
        self.sink.end_sheet();
    }
}

fn read_fed(path: &Path, feed: &mut dyn Feed, html_tables: bool) -> Result<LoadNotes, LoadError> {
    let mut outside = contain::Outside(feed);
    let mut watch = Watch {
        inner: &mut outside,
        sheet: None,
        last: None,
        repeated: Vec::new(),
    };
    let mut notes = contain::contain(|| read_watched(path, &mut watch, html_tables))?;
    notes.repeated_rows = watch.repeated;
    Ok(notes)
}

/// Passes every call on, noting each row whose number is not above the
/// ones before it in its sheet: such rows are read, and reported, since
/// findings and feedback tell rows apart by their number.
struct Watch<'s> {
    inner: &'s mut dyn Feed,
    sheet: Option<std::sync::Arc<str>>,
    last: Option<u32>,
    repeated: Vec<(Option<std::sync::Arc<str>>, u32, u32)>,
}

impl Feed for Watch<'_> {
    fn begin_sheet(&mut self, sheet: &SheetInfo) -> bool {
        self.sheet = sheet.name.as_deref().map(std::sync::Arc::from);
        self.last = None;
        self.inner.begin_sheet(sheet)
    }
    fn expect_rows(&mut self, rows: u32) {
        self.inner.expect_rows(rows);
    }
    fn row(&mut self, row: RawRow) {
        match self.last {
            Some(last) if row.index <= last => {
                self.repeated.push((self.sheet.clone(), row.index, last));
            }
            _ => self.last = Some(row.index),
        }
        self.inner.row(row);
    }
    fn end_sheet(&mut self) {
        self.inner.end_sheet();
    }
}

fn read_watched(
    path: &Path,
    sink: &mut dyn Feed,
    html_tables: bool,
) -> Result<LoadNotes, LoadError> {
    let format = sniff(path).map_err(|e| LoadError::Corrupt(Damage::Io, e.to_string()))?;
    let mut notes = LoadNotes {
        format: Some(format),
        ..LoadNotes::default()
    };
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    let expected = Format::from_extension(&ext);
    if let Some(expected) = expected
        && !expected.compatible_with(format)
        && format.is_readable()
    {
        notes.extension_mismatch = Some(ext.clone());
    }
    match format {
        Format::Empty => Err(LoadError::Empty),
        Format::Encrypted => Err(LoadError::Encrypted),
        Format::Html if html_tables => {
            html::read(path, sink)?;
            Ok(notes)
        }
        Format::Html => Err(LoadError::NotSpreadsheet("html")),
        Format::Pdf => Err(LoadError::NotSpreadsheet("pdf")),
        Format::Binary => Err(LoadError::NotSpreadsheet("binary")),
        Format::Zip => Err(LoadError::NotSpreadsheet("zip")),
        Format::Text | Format::Utf16Text => {
            delimited::read(path, format, sink, &mut notes)?;
            Ok(notes)
        }
        Format::Xlsx | Format::Xlsb | Format::Xls | Format::Ods => {
            workbook::read(path, format, sink, &mut notes)?;
            Ok(notes)
        }
    }
}

/// Group a stream of `(row, col, cell)` in row-major order into rows,
/// dropping blank ones.
struct RowGrouper<'a> {
    sink: &'a mut dyn Feed,
    current: RawRow,
}

impl<'a> RowGrouper<'a> {
    fn new(sink: &'a mut dyn Feed) -> Self {
        RowGrouper {
            sink,
            current: RawRow::default(),
        }
    }

    fn push(&mut self, row: u32, col: u32, cell: RawCell) {
        if cell.is_empty() {
            return;
        }
        if row != self.current.index {
            self.flush();
            self.current.index = row;
        }
        self.current.cells.push((col, cell));
    }

    fn flush(&mut self) {
        if !self.current.cells.is_empty() {
            let mut row = std::mem::take(&mut self.current);
            // Streams are row-major but not always column-sorted (xlsb, odd writers).
            if !row.cells.is_sorted_by_key(|(c, _)| *c) {
                row.cells.sort_by_key(|(c, _)| *c);
            }
            // A cell given twice: two rows numbered alike, one after the
            // other. Each copy goes to a row of its own (the sort is
            // stable), which the sink is told about ([`Watch`]).
            while row.cells.windows(2).any(|w| w[0].0 == w[1].0) {
                let mut again = RawRow {
                    index: row.index,
                    cells: Vec::new(),
                };
                let mut last = None;
                row.cells.retain_mut(|(c, cell)| {
                    if last == Some(*c) {
                        again
                            .cells
                            .push((*c, std::mem::replace(cell, RawCell::Empty)));
                        false
                    } else {
                        last = Some(*c);
                        true
                    }
                });
                self.sink.row(row);
                row = again;
            }
            self.sink.row(row);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_print_as_chrono_prints_them() {
        let mut days = vec![
            NaiveDate::MIN,
            NaiveDate::MAX,
            NaiveDate::from_ymd_opt(-1, 12, 31).unwrap(),
            NaiveDate::from_ymd_opt(0, 1, 1).unwrap(),
            NaiveDate::from_ymd_opt(999, 2, 3).unwrap(),
            NaiveDate::from_ymd_opt(9999, 12, 31).unwrap(),
            NaiveDate::from_ymd_opt(10000, 1, 1).unwrap(),
        ];
        // Every day of 1899-2101, Excel's own range and more.
        let mut d = NaiveDate::from_ymd_opt(1899, 1, 1).unwrap();
        while d < NaiveDate::from_ymd_opt(2102, 1, 1).unwrap() {
            days.push(d);
            d = d.succ_opt().unwrap();
        }
        for d in days {
            assert_eq!(format_date(d), d.format("%d/%m/%Y").to_string());
        }
    }

    #[test]
    fn integral_numbers_print_without_fraction() {
        assert_eq!(format_number(1.0), "1");
        assert_eq!(format_number(45429.0), "45429");
        assert_eq!(format_number(1.5), "1.5");
        assert_eq!(format_number(-3.0), "-3");
    }

    #[test]
    fn blank_text_cells_count_as_empty() {
        assert!(RawCell::Text("  ".into()).is_empty());
        assert!(!RawCell::Number(0.0).is_empty());
    }
}
