//! xlsx workbooks read by bimtek's own parser. calamine parses a sheet's XML
//! into events and each cell into a value it then hands out by reference,
//! so every text is copied three times and every cell costs a dozen events;
//! on a 100k-innovation workbook that was the slowest of the three threads
//! (inflating, parsing, checking) that share two cores.
//!
//! This reader follows calamine's cells reader rule for rule (positions,
//! types, shared and inline strings, rich text and phonetic runs, Excel's
//! `_xHHHH_` escapes, date styles, the 1904 system), and calamine stays its
//! oracle in the tests. It reads the workbook's parts through its
//! [`Archive`], which inflates them ahead of the parser. The workbook's
//! metadata (relationships, sheets, shared strings, styles; load/xlsx/book.rs)
//! is read first; whenever anything there is not as expected, the workbook
//! is handed back whole and calamine reads it, so an
//! odd or damaged workbook gets calamine's reading and calamine's error.
//! Where the two differ, it is on files no spreadsheet program writes, and
//! a test of damaged workbooks holds the differences to these: only the
//! number formats of styles.xml are read (calamine also parses fonts, fills
//! and borders, and refuses the workbook when one of them is malformed);
//! XML that is not well-formed where nothing is read from it (invalid UTF-8,
//! an end tag with no start, a stray `&`) is passed over, where calamine
//! refuses the workbook; an entity in the value of a number, boolean, error
//! or shared-string cell is resolved (calamine keeps the text up to it); a
//! cell reference past 32 bits is refused; and a damaged sheet is reported
//! in this reader's own words, naming the sheet and the cell.

mod book;
mod sheet;
mod styles;
mod text;

use super::archive::Archive;
use super::contain::contain;
use super::xml::{MAX_TOKEN, Token, Tokens, XmlError};
use super::{Damage, Feed, Limit, LoadError, LoadNotes, SheetInfo};
use book::{Book, Sheet};
use sheet::stream_sheet;

/// Read `archive` into `sink`, or give it back untouched when its metadata
/// is anything but plain (calamine then reads it).
pub(super) fn read(
    mut archive: Archive,
    sink: &mut dyn Feed,
    notes: &mut LoadNotes,
) -> Result<Result<(), LoadError>, Box<Archive>> {
    let Some(book) = Book::read(&mut archive) else {
        return Err(Box::new(archive));
    };
    notes.sheets_past_limit = book.past_limit;
    notes.sheets_repeating = book.repeating.clone();
    Ok(read_sheets(&mut archive, &book, sink))
}

/// Before calamine reads an xlsx this reader handed back: refuse it when
/// one of its XML parts holds a token longer than [`MAX_TOKEN`], which
/// calamine's parser would hold whole (and copy). Each XML part is
/// tokenized once, nothing kept; anything else wrong is left for calamine
/// to report.
pub(super) fn check_tokens(archive: &mut Archive) -> Result<(), LoadError> {
    for i in 0..archive.len() {
        let Some(name) = archive.name(i).map(|n| n.into_owned()) else {
            continue;
        };
        let lower = name.to_ascii_lowercase();
        if !(lower.ends_with(".xml") || lower.ends_with(".rels")) {
            continue;
        }
        let Ok(part) = archive.part(i) else { continue };
        let mut t = Tokens::new(part);
        loop {
            match t.next() {
                Ok(Token::Eof) | Err(XmlError::Io(_) | XmlError::Syntax(..)) => break,
                Err(XmlError::TooLong(_)) => {
                    return Err(LoadError::TooLarge(Limit::Value {
                        part: name,
                        limit: MAX_TOKEN as u64,
                    }));
                }
                Ok(_) => {}
            }
        }
    }
    Ok(())
}

fn read_sheets(zip: &mut Archive, book: &Book, sink: &mut dyn Feed) -> Result<(), LoadError> {
    for sheet in &book.sheets {
        if !sink.begin_sheet(&SheetInfo {
            name: Some(sheet.name.clone()),
            hidden: sheet.hidden,
            findings: false,
        }) {
            continue;
        }
        // Contained here too, so that a sheet that fails ends as a
        // damaged one does.
        let result = contain(|| {
            #[cfg(debug_assertions)]
            super::contain::injected(&sheet.name);
            match zip.part(sheet.part) {
                Ok(part) => stream_sheet(book, part, sink),
                Err(e) => Err(Fail::Damage(Damage::Zip, e.to_string())),
            }
            .map_err(|fail| fail.into_error(sheet))
        });
        sink.end_sheet();
        result?;
    }
    Ok(())
}

/// Why a sheet could not be read.
pub(super) enum Fail {
    Xml(XmlError),
    Damage(Damage, String),
}

/// A part that ends inside an element.
pub(super) fn eof<R>(t: &Tokens<R>, inside: &str) -> Fail {
    Fail::Xml(t.error(0, format!("the part ends inside <{inside}>")))
}

impl From<XmlError> for Fail {
    fn from(e: XmlError) -> Self {
        Fail::Xml(e)
    }
}

impl Fail {
    pub(super) fn other(what: impl Into<String>) -> Fail {
        Fail::Damage(Damage::Other, what.into())
    }

    /// A value that cannot be read names its cell (0-based row, column).
    pub(super) fn in_cell(self, (row, col): (u32, u32)) -> Fail {
        match self {
            Fail::Damage(damage, what) => Fail::Damage(
                damage,
                format!(
                    "cell {}{}: {what}",
                    crate::diag::column_letters(col),
                    u64::from(row) + 1
                ),
            ),
            xml => xml,
        }
    }

    fn into_error(self, sheet: &Sheet) -> LoadError {
        let (damage, what) = match self {
            Fail::Xml(XmlError::TooLong(_)) => {
                return LoadError::TooLarge(Limit::Value {
                    part: sheet.path.clone(),
                    limit: MAX_TOKEN as u64,
                });
            }
            Fail::Xml(XmlError::Io(e)) => (Damage::of_zip_io(&e), e.to_string()),
            Fail::Xml(e @ XmlError::Syntax(..)) => (Damage::Xml, e.to_string()),
            Fail::Damage(damage, what) => (damage, what),
        };
        let (name, part) = (&sheet.name, &sheet.path);
        LoadError::Corrupt(damage, format!("sheet \"{name}\" ({part}): {what}"))
    }
}

#[cfg(test)]
mod tests;
