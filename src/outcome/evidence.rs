//! What agencies say about their indicators (statements) and what bimtek
//! read of the evidence files they name (file facts).

use crate::diag::Location;
use crate::load::RawCell;
use crate::template::EvidenceKey;
use chrono::{Datelike, NaiveDate};
use std::path::PathBuf;
use std::sync::Arc;

/// What a file reference turned out to be.
#[derive(Debug, Clone, PartialEq)]
pub enum Resolved {
    Found(FileFacts),
    Missing,
    /// `..`, an absolute path or a link pointing out of the evidence root.
    Escapes,
}

/// What bimtek read of an evidence file: only its size, first bytes and,
/// for a PDF, its tail.
#[derive(Debug, Clone, PartialEq)]
pub struct FileFacts {
    /// The file as it was found and opened. Every later read (the digest
    /// for E011, export's copy) opens this path: a name made for showing,
    /// with `\` turned into `/`, can name another file (a folder named
    /// `x\..\..\etc` on Linux).
    pub path: PathBuf,
    /// Found by its file name in another folder than the one written
    /// (E017): `A/sk.pdf` written, only `B/sk.pdf` there.
    pub other_folder: bool,
    pub size: u64,
    /// Kind by content: "pdf", "jpg", "png", "mp4"; `None` for anything else.
    pub kind: Option<&'static str>,
    pub pdf_truncated: bool,
    pub pdf_encrypted: bool,
    /// A digest of the content when it was read whole anyway (a small
    /// file); otherwise [`crate::check::Resolver::content_hash`] reads
    /// it when needed.
    pub digest: Option<Digest>,
}

/// A content digest for telling identical files apart from different ones
/// (XXH3, 128 bits: no one gains from a forged match, so a cryptographic
/// hash would only cost time over two million files).
pub type Digest = u128;

/// The file and sheet the statements of one sheet were written in, and the
/// headers of its evidence columns: one for all of them. A province holds
/// millions of statements; each part finds its header by its column here
/// instead of holding it.
#[derive(Debug, PartialEq, Eq)]
pub struct StatementSheet {
    pub file: Arc<str>,
    pub sheet: Option<Arc<str>>,
    /// (column, header), by column.
    headers: Box<[(u32, Arc<str>)]>,
    /// A long layout's agency of its first row: a row of another agency
    /// keeps its own in its parts.
    agency: Option<Arc<str>>,
}

impl StatementSheet {
    /// The sheet `sheet` of `file`, with the headers of its evidence columns
    /// (of one column, the last given).
    pub fn new(
        file: Arc<str>,
        sheet: Option<Arc<str>>,
        headers: impl IntoIterator<Item = (u32, Arc<str>)>,
    ) -> StatementSheet {
        let mut headers: Vec<(u32, Arc<str>)> = headers.into_iter().collect();
        // Stable: of one column's headers the last is kept.
        headers.sort_by_key(|h| h.0);
        let mut kept: Vec<(u32, Arc<str>)> = Vec::with_capacity(headers.len());
        for h in headers {
            match kept.last_mut() {
                Some(last) if last.0 == h.0 => *last = h,
                _ => kept.push(h),
            }
        }
        StatementSheet {
            file,
            sheet,
            headers: kept.into_boxed_slice(),
            agency: None,
        }
    }

    /// The same, its rows written by `agency` unless they say otherwise.
    pub fn with_agency(mut self, agency: Option<Arc<str>>) -> StatementSheet {
        self.agency = agency;
        self
    }

    pub fn agency(&self) -> Option<&Arc<str>> {
        self.agency.as_ref()
    }

    /// The header of column `col`, when it is one of the sheet's evidence
    /// columns.
    pub fn header(&self, col: u32) -> Option<&Arc<str>> {
        self.headers
            .binary_search_by_key(&col, |h| h.0)
            .ok()
            .map(|i| &self.headers[i].1)
    }

    /// The headers of its evidence columns, by column.
    pub fn headers(&self) -> &[(u32, Arc<str>)] {
        &self.headers
    }
}

/// A part of a statement: the cell's text, and its column when it came
/// from one (a wide statement's indicator number came from its header).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Part<'a> {
    pub text: &'a str,
    pub col: Option<u32>,
}

/// A document date: its part, and what its cell holds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DatePart<'a> {
    pub part: Part<'a>,
    pub held: DateCell,
}

/// What a document date's cell holds, as far as reading it as a date
/// needs: a date cell's day, a number, or text (the part's text).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum DateCell {
    Date(NaiveDate),
    Number(f64),
    Text,
    /// A truth value or a formula error: never a date.
    Other,
}

impl DatePart<'_> {
    /// The cell as reading it as a date needs it (a text cell's text is
    /// trimmed, as reading it trims it anyway).
    pub fn raw(&self) -> RawCell {
        match self.held {
            DateCell::Date(d) => RawCell::Date(d),
            DateCell::Number(n) => RawCell::Number(n),
            DateCell::Text => RawCell::Text(self.part.text.to_string()),
            DateCell::Other => RawCell::Bool(false),
        }
    }
}

/// One thing an agency says about one indicator of one innovation: a long
/// layout row, or the `Indikator N ...` cells of a profile row.
///
/// Lean, because a province holds millions (20 an innovation) and a 50 MB
/// CSV of tiny evidence rows millions more: the file, sheet and headers
/// are the sheet's, and the parts a statement has (most have two or three
/// of seven) are encoded one after the other in one allocation (see
/// [`Parts`]), with a long-layout row's agency when it is not its sheet's
/// (a profile row's statements are its innovation's, and its agency
/// theirs).
#[derive(Clone, PartialEq)]
pub struct Statement {
    sheet: Arc<StatementSheet>,
    parts: Box<[u8]>,
    /// Row number as the spreadsheet shows it (1-based).
    pub row: u32,
}

impl std::fmt::Debug for Statement {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut d = f.debug_struct("Statement");
        d.field("file", &self.sheet.file)
            .field("sheet", &self.sheet.sheet)
            .field("row", &self.row)
            .field("agency", &self.agency());
        for (key, part, held) in self.parts() {
            match key {
                EvidenceKey::Date => d.field("date", &(part, held)),
                _ => d.field(key_name(key), &part),
            };
        }
        d.finish()
    }
}

impl Statement {
    /// A statement written on `row` of `sheet`, of `parts`.
    pub fn new(sheet: Arc<StatementSheet>, row: u32, parts: &Parts) -> Self {
        Statement {
            sheet,
            parts: Box::from(parts.0.as_slice()),
            row,
        }
    }

    /// A long-layout row's agency (matching it to an innovation of that
    /// agency); `None` for a profile row's, which are its innovation's.
    pub fn agency(&self) -> Option<&str> {
        self.entries()
            .find(|e| e.kind == AGENCY)
            .map(|e| e.part.text)
            .or(self.sheet.agency.as_deref())
    }

    /// The file (as displayed) it was written in: one text for every
    /// statement of the file.
    pub fn file(&self) -> &Arc<str> {
        &self.sheet.file
    }

    pub fn sheet(&self) -> Option<&str> {
        self.sheet.sheet.as_deref()
    }

    /// Whether it was written on the row `file`, `sheet`, `row`.
    pub fn is_at(&self, file: &str, sheet: Option<&str>, row: u32) -> bool {
        self.row == row && *self.sheet.file == *file && self.sheet() == sheet
    }

    /// Its parts in the order they were given: (what, part, for a date
    /// what its cell holds).
    pub fn parts(&self) -> impl Iterator<Item = (EvidenceKey, Part<'_>, DateCell)> {
        self.entries()
            .filter(|e| e.kind != AGENCY)
            .map(|e| (KEYS[usize::from(e.kind)], e.part, e.held))
    }

    fn entries(&self) -> Entries<'_> {
        Entries {
            bytes: &self.parts,
            at: 0,
        }
    }

    /// Its part `key` (the first, a statement has one of each).
    pub fn part(&self, key: EvidenceKey) -> Option<Part<'_>> {
        self.parts().find(|p| p.0 == key).map(|p| p.1)
    }

    /// Long layout: the innovation's name or number as written.
    pub fn innovation(&self) -> Option<Part<'_>> {
        self.part(EvidenceKey::Innovation)
    }

    /// The indicator as written (empty, of no column, when the long layout
    /// has no indicator column); a wide statement's is the number of its
    /// `Indikator N` columns.
    pub fn indicator(&self) -> Part<'_> {
        self.part(EvidenceKey::Indicator).unwrap_or(Part {
            text: "",
            col: None,
        })
    }

    pub fn parameter(&self) -> Option<Part<'_>> {
        self.part(EvidenceKey::Parameter)
    }

    /// The file reference as written.
    pub fn reference(&self) -> Option<Part<'_>> {
        self.part(EvidenceKey::File)
    }

    /// Nomor dokumen, kept for the export's evidence records.
    pub fn number(&self) -> Option<Part<'_>> {
        self.part(EvidenceKey::Number)
    }

    /// Tentang, kept for the export's evidence records.
    pub fn about(&self) -> Option<Part<'_>> {
        self.part(EvidenceKey::About)
    }

    /// The document date.
    pub fn date(&self) -> Option<DatePart<'_>> {
        self.parts()
            .find(|p| p.0 == EvidenceKey::Date)
            .map(|(_, part, held)| DatePart { part, held })
    }

    /// The text of part `key`, empty when it has none.
    pub fn text(&self, key: EvidenceKey) -> &str {
        self.part(key).map_or("", |p| p.text)
    }

    /// The location of part `p` of this statement (of the row when `None`)
    /// for a finding.
    pub fn at(&self, p: Option<Part<'_>>) -> Location {
        let col = p.and_then(|p| p.col);
        Location {
            file: self.sheet.file.to_string(),
            sheet: self.sheet.sheet.as_deref().map(str::to_string),
            row: Some(self.row),
            col,
            header: col
                .and_then(|c| self.sheet.header(c))
                .map(|h| h.to_string()),
        }
    }
}

/// A statement's parts being written, then copied into the statement in
/// one allocation (reused for the next statement). A long-layout row's
/// agency is one of them when it is not its sheet's.
///
/// A part is its kind (the low three bits: which [`EvidenceKey`], or 7 for
/// the agency; for a date, bits four and five say what its cell holds),
/// its column plus one
/// (0: of no column) and its text's length as LEB128 numbers, its text,
/// and for a date cell its day (4 bytes), for a number cell the number (8
/// bytes). Most parts take three bytes besides their text.
#[derive(Debug, Default)]
pub struct Parts(Vec<u8>);

const KEYS: [EvidenceKey; 7] = [
    EvidenceKey::Innovation,
    EvidenceKey::Indicator,
    EvidenceKey::Parameter,
    EvidenceKey::Number,
    EvidenceKey::Date,
    EvidenceKey::About,
    EvidenceKey::File,
];

/// The kind of the agency's entry.
const AGENCY: u8 = 7;
const HELD_DATE: u8 = 1 << 4;
const HELD_NUMBER: u8 = 2 << 4;
const HELD_TEXT: u8 = 3 << 4;

impl Parts {
    pub fn clear(&mut self) {
        self.0.clear();
    }

    /// Adds part `key` (not a date: [`Parts::push_date`]).
    pub fn push(&mut self, key: EvidenceKey, col: Option<u32>, text: &str) {
        self.put(key_index(key), col, text);
    }

    /// Adds a long-layout row's agency (when it is not its sheet's).
    pub fn push_agency(&mut self, agency: &str) {
        self.put(AGENCY, None, agency);
    }

    /// Adds the document date, its cell `raw` read as `text`.
    pub fn push_date(&mut self, col: Option<u32>, text: &str, raw: &RawCell) {
        let key = key_index(EvidenceKey::Date);
        match raw {
            RawCell::Date(d) => {
                self.put(key | HELD_DATE, col, text);
                self.0
                    .extend_from_slice(&d.num_days_from_ce().to_le_bytes());
            }
            RawCell::Number(n) => {
                self.put(key | HELD_NUMBER, col, text);
                self.0.extend_from_slice(&n.to_le_bytes());
            }
            RawCell::Text(_) => self.put(key | HELD_TEXT, col, text),
            RawCell::Empty | RawCell::Bool(_) | RawCell::Error(_) => self.put(key, col, text),
        }
    }

    fn put(&mut self, kind: u8, col: Option<u32>, text: &str) {
        self.0.push(kind);
        put_number(&mut self.0, col.map_or(0, |c| u64::from(c) + 1));
        put_number(&mut self.0, text.len() as u64);
        self.0.extend_from_slice(text.as_bytes());
    }
}

fn key_name(key: EvidenceKey) -> &'static str {
    match key {
        EvidenceKey::Innovation => "innovation",
        EvidenceKey::Indicator => "indicator",
        EvidenceKey::Parameter => "parameter",
        EvidenceKey::Number => "number",
        EvidenceKey::Date => "date",
        EvidenceKey::About => "about",
        EvidenceKey::File => "reference",
    }
}

fn key_index(key: EvidenceKey) -> u8 {
    KEYS.iter()
        .position(|k| *k == key)
        .expect("every key listed") as u8
}

/// `n` as LEB128: seven bits a byte, the lowest first.
fn put_number(out: &mut Vec<u8>, mut n: u64) {
    while n >= 0x80 {
        out.push((n as u8 & 0x7f) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

fn take_number(bytes: &[u8], at: &mut usize) -> u64 {
    let mut n = 0u64;
    let mut shift = 0;
    loop {
        let b = bytes[*at];
        *at += 1;
        n |= u64::from(b & 0x7f) << shift;
        if b < 0x80 {
            return n;
        }
        shift += 7;
    }
}

/// The entries of a statement's parts, its agency's included.
struct Entries<'a> {
    bytes: &'a [u8],
    at: usize,
}

struct Entry<'a> {
    /// Which [`EvidenceKey`] (its index in `KEYS`), or `AGENCY`.
    kind: u8,
    part: Part<'a>,
    held: DateCell,
}

impl<'a> Iterator for Entries<'a> {
    type Item = Entry<'a>;

    fn next(&mut self) -> Option<Self::Item> {
        let b = self.bytes;
        let kind = *b.get(self.at)?;
        self.at += 1;
        let col = take_number(b, &mut self.at);
        let len = take_number(b, &mut self.at) as usize;
        let text = std::str::from_utf8(&b[self.at..self.at + len]).expect("written from a str");
        self.at += len;
        let mut take = |n: usize| {
            let bytes = &b[self.at..self.at + n];
            self.at += n;
            bytes
        };
        let held = match kind & 0x30 {
            HELD_DATE => {
                let days = i32::from_le_bytes(take(4).try_into().expect("4 bytes"));
                NaiveDate::from_num_days_from_ce_opt(days).map_or(DateCell::Other, DateCell::Date)
            }
            HELD_NUMBER => {
                DateCell::Number(f64::from_le_bytes(take(8).try_into().expect("8 bytes")))
            }
            HELD_TEXT => DateCell::Text,
            _ => DateCell::Other,
        };
        let part = Part {
            text,
            col: (col > 0).then(|| (col - 1) as u32),
        };
        Some(Entry {
            kind: kind & 0x07,
            part,
            held,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sheet() -> Arc<StatementSheet> {
        Arc::new(StatementSheet::new(
            Arc::from("bukti.xlsx"),
            Some(Arc::from("Bukti")),
            [(2, Arc::from("Indikator")), (200, Arc::from("File"))],
        ))
    }

    /// The record kept for each statement stays small: a province holds
    /// millions of them, and a 50 MB CSV of tiny evidence rows 6 million
    /// (BENCHMARKS.md, "Statements are not bounded yet"); it was 232
    /// bytes, with a string of its own for each part, then 32 (issue 27:
    /// sheet and headers shared, the parts and agency in one allocation).
    #[test]
    fn a_statement_record_stays_lean() {
        let size = std::mem::size_of::<Statement>();
        assert!(size <= 32, "{size} bytes");
    }

    #[test]
    fn parts_read_back_as_written() {
        let mut parts = Parts::default();
        let long = "x".repeat(300);
        parts.push(EvidenceKey::Innovation, Some(0), "Inovasi");
        parts.push_agency("Dinas");
        parts.push(EvidenceKey::Indicator, Some(2), "17");
        parts.push(EvidenceKey::About, Some(u32::MAX - 1), &long);
        let day = NaiveDate::from_ymd_opt(2024, 5, 17).unwrap();
        parts.push_date(Some(199), "17/05/2024", &RawCell::Date(day));
        parts.push(EvidenceKey::File, Some(200), "é/sk.pdf");
        let s = Statement::new(sheet(), 9, &parts);
        assert_eq!(s.agency(), Some("Dinas"));
        assert_eq!(s.parts().count(), 5);
        assert_eq!(s.innovation().unwrap().text, "Inovasi");
        assert_eq!(
            s.indicator(),
            Part {
                text: "17",
                col: Some(2)
            }
        );
        assert_eq!(s.about().unwrap().text, long);
        assert_eq!(s.about().unwrap().col, Some(u32::MAX - 1));
        assert_eq!(s.reference().unwrap().text, "é/sk.pdf");
        assert_eq!(s.date().unwrap().held, DateCell::Date(day));
        assert_eq!(s.date().unwrap().part.text, "17/05/2024");
        assert_eq!(s.parameter(), None);
        assert_eq!(s.number(), None);
        assert_eq!(s.text(EvidenceKey::Number), "");
        let at = s.at(s.reference());
        assert_eq!((at.col, at.header.as_deref()), (Some(200), Some("File")));
        assert_eq!(s.at(s.date().map(|d| d.part)).header, None);
        assert!(s.is_at("bukti.xlsx", Some("Bukti"), 9));
        assert!(!s.is_at("bukti.xlsx", None, 9));

        for (raw, held) in [
            (RawCell::Number(45_000.5), DateCell::Number(45_000.5)),
            (RawCell::Text(" 2024 ".into()), DateCell::Text),
            (RawCell::Bool(true), DateCell::Other),
        ] {
            parts.clear();
            parts.push_date(None, "x", &raw);
            parts.push(EvidenceKey::Parameter, None, "");
            let s = Statement::new(sheet(), 2, &parts);
            assert_eq!(s.agency(), None);
            assert_eq!(s.date().unwrap().held, held);
            assert_eq!(
                s.parameter(),
                Some(Part {
                    text: "",
                    col: None
                })
            );
            // No indicator part: an empty one of no column.
            assert_eq!(
                s.indicator(),
                Part {
                    text: "",
                    col: None
                }
            );
        }
    }

    /// A long layout's rows of its sheet's agency keep none of their own.
    #[test]
    fn an_agency_is_the_rows_own_else_its_sheets() {
        let sheet = Arc::new(
            StatementSheet::new(Arc::from("bukti.csv"), None, [])
                .with_agency(Some(Arc::from("Dinas A"))),
        );
        let mut parts = Parts::default();
        parts.push(EvidenceKey::Indicator, Some(1), "1");
        let own = Statement::new(sheet.clone(), 2, &parts);
        parts.push_agency("Dinas B");
        let other = Statement::new(sheet, 3, &parts);
        assert_eq!(own.agency(), Some("Dinas A"));
        assert_eq!(other.agency(), Some("Dinas B"));
        assert_eq!(other.indicator().text, "1");
    }
}
