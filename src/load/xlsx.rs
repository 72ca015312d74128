//! xlsx workbooks read by bimtek's own parser. calamine parses a sheet's XML
//! into events and each cell into a value it then hands out by reference,
//! so every text is copied three times and every cell costs a dozen events;
//! on a 100k-innovation workbook that was the slowest of the three threads
//! (inflating, parsing, checking) that share two cores.
//!
//! This reader follows calamine's cells reader rule for rule (positions,
//! types, shared and inline strings, rich text and phonetic runs, Excel's
//! `_xHHHH_` escapes, date styles, the 1904 system), and calamine stays its
//! oracle in the tests. It reads the workbook's parts through the same
//! [`Ahead`] archive. The workbook's metadata (relationships, sheets, shared
//! strings, styles) is read first; whenever anything there is not as
//! expected, the workbook is handed back whole and calamine reads it, so an
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

use super::ahead::Ahead;
use super::contain::contain;
use super::xml::{Attrs, MAX_TOKEN, Token, Tokens, XmlError, attr, local, push_cdata, push_text};
use super::{
    Damage, Feed, Limit, LoadError, LoadNotes, MAX_SHEETS, RawCell, RowGrouper, SheetInfo,
};
use calamine::{CellErrorType, ExcelDateTime, ExcelDateTimeType};
use std::collections::HashMap;
use std::io::{Read, Seek};

type Zip = zip::ZipArchive<Ahead>;

/// Read `ahead` into `sink`, or give it back untouched when its metadata is
/// anything but plain (calamine then reads it).
pub(super) fn read(
    ahead: Ahead,
    sink: &mut dyn Feed,
    notes: &mut LoadNotes,
) -> Result<Result<(), LoadError>, Box<Ahead>> {
    let mut zip = match zip::ZipArchive::new(ahead) {
        Ok(zip) => zip,
        Err(e) => return Ok(Err(LoadError::Corrupt(Damage::Zip, e.to_string()))),
    };
    let Some(book) = Book::read(&mut zip) else {
        return Err(Box::new(zip.into_inner()));
    };
    notes.sheets_past_limit = book.past_limit;
    notes.sheets_repeating = book.repeating.clone();
    Ok(read_sheets(&mut zip, &book, sink))
}

/// Before calamine reads an xlsx (one this reader handed back, or one read
/// directly): refuse it when one of its XML parts holds a token longer
/// than [`MAX_TOKEN`], which calamine's parser would hold whole (and copy).
/// Each XML part is tokenized once, nothing kept; anything else wrong is
/// left for calamine to report.
pub(super) fn check_tokens<R: Read + Seek>(mut reader: R) -> Result<R, LoadError> {
    if let Ok(mut zip) = zip::ZipArchive::new(&mut reader) {
        for i in 0..zip.len() {
            let Ok(part) = zip.by_index(i) else { continue };
            let name = String::from_utf8_lossy(part.name_raw()).into_owned();
            let lower = name.to_ascii_lowercase();
            if !(lower.ends_with(".xml") || lower.ends_with(".rels")) {
                continue;
            }
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
    }
    reader
        .seek(std::io::SeekFrom::Start(0))
        .map_err(|e| LoadError::Corrupt(Damage::Io, e.to_string()))?;
    Ok(reader)
}

fn read_sheets(zip: &mut Zip, book: &Book, sink: &mut dyn Feed) -> Result<(), LoadError> {
    for sheet in &book.sheets {
        if !sink.begin_sheet(&SheetInfo {
            name: Some(sheet.name.clone()),
            hidden: sheet.hidden,
        }) {
            continue;
        }
        // Contained here too, so that a sheet that fails ends as a
        // damaged one does.
        let result = contain(|| {
            #[cfg(debug_assertions)]
            super::contain::injected(&sheet.name);
            match zip.by_index(sheet.part) {
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
enum Fail {
    Xml(XmlError),
    Damage(Damage, String),
}

impl From<XmlError> for Fail {
    fn from(e: XmlError) -> Self {
        Fail::Xml(e)
    }
}

impl Fail {
    fn other(what: impl Into<String>) -> Fail {
        Fail::Damage(Damage::Other, what.into())
    }

    /// A value that cannot be read names its cell (0-based row, column).
    fn in_cell(self, (row, col): (u32, u32)) -> Fail {
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

/// What the workbook's metadata says.
struct Book {
    /// The worksheets, in order (chart and dialog sheets hold no cells).
    sheets: Vec<Sheet>,
    strings: Vec<String>,
    /// For each cell style (`s`), whether its number format is a date.
    dates: Vec<bool>,
    is_1904: bool,
    /// Worksheets past [`MAX_SHEETS`], not read.
    past_limit: u64,
    /// Worksheets whose part an earlier one names, not read: the first,
    /// its part, and how many.
    repeating: Option<(String, String, u64)>,
}

struct Sheet {
    name: String,
    hidden: bool,
    path: String,
    /// Its part's index in the archive.
    part: usize,
}

/// The archive's parts by name, looked up the way calamine does: exactly,
/// or ignoring ASCII case and with `\` read as `/`.
struct Parts {
    exact: HashMap<String, usize>,
    folded: HashMap<String, usize>,
}

impl Parts {
    fn new(zip: &Zip) -> Option<Parts> {
        let mut parts = Parts {
            exact: HashMap::with_capacity(zip.len()),
            folded: HashMap::with_capacity(zip.len()),
        };
        for i in 0..zip.len() {
            let name = zip.name_for_index(i)?.ok()?;
            let folded = name.replace('\\', "/").to_ascii_lowercase();
            parts.exact.entry(name.into_owned()).or_insert(i);
            parts.folded.insert(folded, i);
        }
        Some(parts)
    }

    fn find(&self, path: &str) -> Option<usize> {
        let folded = self.folded.get(&path.to_ascii_lowercase());
        folded.or_else(|| self.exact.get(path)).copied()
    }
}

/// Attribute values as text, entities resolved.
fn decoded(raw: &[u8]) -> Option<String> {
    let mut out = String::new();
    push_text(raw, &mut out, false).ok()?;
    Some(out)
}

impl Book {
    /// None when anything is missing or odd.
    fn read(zip: &mut Zip) -> Option<Book> {
        let parts = Parts::new(zip)?;
        let package = zip.by_index(parts.find("_rels/.rels")?).ok()?;
        let document = relationships(package, true)?
            .into_iter()
            .rfind(|r| r.typ.ends_with("/relationships/officeDocument") && r.target.is_some())
            .and_then(|r| r.target)?;
        let (dir, name) = document.split_at(document.rfind('/').map_or(0, |i| i + 1));
        let dir = dir.strip_prefix('/').unwrap_or(dir).to_string();
        let name = if name.is_empty() {
            "workbook.xml"
        } else {
            name
        };

        let strings = match parts.find(&format!("{dir}sharedStrings.xml")) {
            Some(i) => shared_strings(Tokens::new(zip.by_index(i).ok()?))?,
            None => Vec::new(),
        };
        let dates = match parts.find(&format!("{dir}styles.xml")) {
            Some(i) => date_styles(Tokens::new(zip.by_index(i).ok()?))?,
            None => Vec::new(),
        };
        let path = format!("{dir}_rels/{name}.rels");
        let relationships: HashMap<String, Relationship> =
            relationships(zip.by_index(parts.find(&path)?).ok()?, false)?
                .into_iter()
                .map(|r| (r.id.clone(), r))
                .collect();
        let mut book = Book {
            sheets: Vec::new(),
            strings,
            dates,
            is_1904: false,
            past_limit: 0,
            repeating: None,
        };
        let mut parts_read = std::collections::HashSet::new();
        let Some(index) = parts.find(&format!("{dir}{name}")) else {
            return Some(book);
        };
        let mut t = Tokens::new(zip.by_index(index).ok()?);
        // Two sheets of one name: calamine reads the first twice.
        let mut names = std::collections::HashSet::new();
        loop {
            match t.next().ok()? {
                Token::Start { name, attrs } => {
                    let (tag, attrs) = (local(t.get(name)), t.get(attrs));
                    if tag == b"sheet" {
                        let (mut name, mut rel, mut hidden) = (String::new(), &b""[..], false);
                        for item in Attrs::new(attrs) {
                            let (key, value) = item.ok()?;
                            match key {
                                b"name" => name = decoded(value)?,
                                b"state" => {
                                    hidden = match value {
                                        b"visible" => false,
                                        b"hidden" | b"veryHidden" => true,
                                        _ => return None,
                                    }
                                }
                                _ if local(key) == b"id" => rel = value,
                                _ => {}
                            }
                        }
                        let Relationship { target, typ, .. } =
                            relationships.get(std::str::from_utf8(rel).ok()?)?;
                        let target = target.as_deref().unwrap_or_default();
                        let path = match target.strip_prefix('/') {
                            Some(absolute) => absolute.to_string(),
                            None => format!("{dir}{target}"),
                        };
                        if !names.insert(name.clone()) {
                            return None;
                        }
                        match typ.rsplit('/').next() {
                            // Every worksheet must be there: calamine would
                            // stop at a missing one after reading the others.
                            Some("worksheet") => {
                                let part = parts.find(&path)?;
                                if book.sheets.len() >= MAX_SHEETS {
                                    book.past_limit += 1;
                                } else if !parts_read.insert(part) {
                                    // Each part is read once (4,000 sheets
                                    // naming one part took 82 s).
                                    match &mut book.repeating {
                                        Some((.., n)) => *n += 1,
                                        None => book.repeating = Some((name, path, 1)),
                                    }
                                } else {
                                    book.sheets.push(Sheet {
                                        part,
                                        name,
                                        hidden,
                                        path,
                                    });
                                }
                            }
                            Some("chartsheet" | "dialogsheet") => {}
                            _ => return None,
                        }
                    } else if tag == b"workbookPr"
                        && let Some(v) = attr(attrs, b"date1904").ok()?
                    {
                        book.is_1904 = v == b"1" || v == b"true";
                    }
                }
                Token::End { name } if local(t.get(name)) == b"workbook" => break,
                Token::Eof => return None,
                _ => {}
            }
        }
        Some(book)
    }
}

/// One `<Relationship>` of a `.rels` part.
struct Relationship {
    id: String,
    typ: String,
    target: Option<String>,
}

/// The relationships of a `.rels` part, with an `Id`, in order. calamine
/// wants the package's (`_rels/.rels`) inside `<Relationships>` and its
/// targets decoded, and takes a workbook's targets as they are written.
fn relationships<R: Read>(part: R, package: bool) -> Option<Vec<Relationship>> {
    let mut t = Tokens::new(part);
    if package {
        until_start(&mut t, b"Relationships")?;
    }
    let mut found = Vec::new();
    loop {
        match t.next().ok()? {
            Token::Start { name, attrs } if local(t.get(name)) == b"Relationship" => {
                let attrs = t.get(attrs);
                let text = |key: &[u8]| -> Option<Option<String>> {
                    Some(match attr(attrs, key).ok()? {
                        Some(v) if package && key == b"Target" => Some(decoded(v)?),
                        Some(v) => Some(String::from_utf8_lossy(v).into_owned()),
                        None => None,
                    })
                };
                if let Some(id) = text(b"Id")? {
                    found.push(Relationship {
                        id,
                        typ: text(b"Type")?.unwrap_or_default(),
                        target: text(b"Target")?,
                    });
                }
            }
            Token::End { name } if local(t.get(name)) == b"Relationships" => return Some(found),
            Token::Eof => return None,
            _ => {}
        }
    }
}

/// Skip to the start tag named `tag`; None at the end of the part.
fn until_start<R: Read>(t: &mut Tokens<R>, tag: &[u8]) -> Option<()> {
    loop {
        match t.next().ok()? {
            Token::Start { name, .. } if local(t.get(name)) == tag => return Some(()),
            Token::Eof => return None,
            _ => {}
        }
    }
}

fn shared_strings<R: Read>(mut t: Tokens<R>) -> Option<Vec<String>> {
    until_start(&mut t, b"sst")?;
    let mut strings = Vec::new();
    let (mut closing, mut t_name) = (Vec::new(), Vec::new());
    loop {
        match t.next().ok()? {
            Token::Start { name, .. } if local(t.get(name)) == b"si" => {
                closing.clear();
                closing.extend_from_slice(t.get(name));
                strings.push(read_string(&mut t, &closing, &mut t_name).ok()?);
            }
            Token::End { name } if local(t.get(name)) == b"sst" => return Some(strings),
            Token::Eof => return None,
            _ => {}
        }
    }
}

/// For each cell format (`cellXfs`), whether its number format is a date.
fn date_styles<R: Read>(mut t: Tokens<R>) -> Option<Vec<bool>> {
    let mut codes: HashMap<Vec<u8>, String> = HashMap::new();
    let mut dates = Vec::new();
    loop {
        match t.next().ok()? {
            Token::Start { name, .. } if local(t.get(name)) == b"numFmts" => loop {
                match t.next().ok()? {
                    Token::Start { name, attrs } if local(t.get(name)) == b"numFmt" => {
                        let attrs = t.get(attrs);
                        let id = attr(attrs, b"numFmtId").ok()?;
                        let code = attr(attrs, b"formatCode").ok()?;
                        if let (Some(id), Some(code)) = (id, code) {
                            codes.insert(id.to_vec(), decoded(code)?);
                        }
                    }
                    Token::End { name } if local(t.get(name)) == b"numFmts" => break,
                    Token::Eof => return None,
                    _ => {}
                }
            },
            Token::Start { name, .. } if local(t.get(name)) == b"cellXfs" => loop {
                match t.next().ok()? {
                    Token::Start { name, attrs } if local(t.get(name)) == b"xf" => {
                        let id = attr(t.get(attrs), b"numFmtId").ok()?;
                        dates.push(id.is_some_and(|id| match codes.get(id) {
                            Some(code) => is_date_format(code),
                            None => is_builtin_date(id),
                        }));
                        // The xf's own elements (alignment, protection).
                        loop {
                            match t.next().ok()? {
                                Token::End { name } if local(t.get(name)) == b"xf" => break,
                                Token::Eof => return None,
                                _ => {}
                            }
                        }
                    }
                    Token::End { name } if local(t.get(name)) == b"cellXfs" => break,
                    Token::Eof => return None,
                    _ => {}
                }
            },
            Token::End { name } if local(t.get(name)) == b"styleSheet" => return Some(dates),
            Token::Eof => return None,
            _ => {}
        }
    }
}

/// Built-in number formats (ECMA-376 18.8.30) that show a date or a clock
/// time, the East Asian ones included; not 46, `[h]:mm:ss`, a duration.
fn is_builtin_date(id: &[u8]) -> bool {
    matches!(
        id,
        b"14"
            | b"15"
            | b"16"
            | b"17"
            | b"18"
            | b"19"
            | b"20"
            | b"21"
            | b"22"
            | b"45"
            | b"47"
            | b"27"
            | b"28"
            | b"29"
            | b"30"
            | b"31"
            | b"32"
            | b"33"
            | b"34"
            | b"35"
            | b"36"
            | b"50"
            | b"51"
            | b"52"
            | b"53"
            | b"54"
            | b"55"
            | b"56"
            | b"57"
            | b"58"
    )
}

/// Whether a custom number format shows a date or a clock time. Only its
/// first section counts (up to `;`). Literal text is skipped: a quoted
/// string, a character after `\`, and the character after `_` (a space as
/// wide as it) or `*` (repeated to fill the cell). So are bracketed codes
/// (`[Red]`, `[$-421]`), except that an elapsed-time code (`[h]`, `[mm]`,
/// `[ss]`) makes it a duration, not a date. Otherwise the first of d, m, y,
/// h or s (any case), or `A/P` or `AM/PM`, makes it a date.
fn is_date_format(code: &str) -> bool {
    let mut chars = code.chars();
    let mut after_a = false;
    while let Some(c) = chars.next() {
        match c {
            '\\' | '_' | '*' => {
                chars.next();
            }
            '"' => {
                for q in chars.by_ref() {
                    if q == '"' {
                        break;
                    }
                }
            }
            ';' => return false,
            '[' => {
                let inner: String = chars.by_ref().take_while(|&b| b != ']').collect();
                let mut letters = inner.chars();
                if let Some(first) = letters.next()
                    && matches!(first.to_ascii_lowercase(), 'h' | 'm' | 's')
                    && letters.all(|l| l.eq_ignore_ascii_case(&first))
                {
                    return false;
                }
            }
            'd' | 'D' | 'm' | 'M' | 'y' | 'Y' | 'h' | 'H' | 's' | 'S' => return true,
            'p' | 'P' | '/' if after_a => return true,
            'a' | 'A' => after_a = true,
            _ => {}
        }
    }
    false
}

/// A cell's `t` attribute.
#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Absent,
    Number,
    Shared,
    Bool,
    Error,
    Str,
    Date,
    Inline,
    Unknown,
}

impl Kind {
    fn of(t: &[u8]) -> Kind {
        match t {
            b"n" => Kind::Number,
            b"s" => Kind::Shared,
            b"b" => Kind::Bool,
            b"e" => Kind::Error,
            b"str" => Kind::Str,
            b"d" => Kind::Date,
            b"inlineStr" | b"is" => Kind::Inline,
            _ => Kind::Unknown,
        }
    }
}

/// Unsigned decimal digits; None for anything else (calamine then takes 0).
fn digits(b: &[u8]) -> Option<usize> {
    if b.is_empty() || !b.iter().all(u8::is_ascii_digit) {
        return None;
    }
    std::str::from_utf8(b).ok()?.parse().ok()
}

/// `A1` as 0-based (row, column); the column may be missing (`1` in a
/// row's `r`).
fn cell_ref(r: &[u8]) -> Result<(u32, Option<u32>), Fail> {
    let bad = || {
        Fail::other(format!(
            "bad cell reference {:?}",
            String::from_utf8_lossy(r)
        ))
    };
    let letters = r.iter().take_while(|b| b.is_ascii_alphabetic()).count();
    let mut col: u32 = 0;
    for b in &r[..letters] {
        col = col
            .checked_mul(26)
            .and_then(|c| c.checked_add(u32::from(b.to_ascii_uppercase() - b'A') + 1))
            .ok_or_else(bad)?;
    }
    let number = &r[letters..];
    if !number.iter().all(u8::is_ascii_digit) {
        return Err(bad());
    }
    let mut row: u32 = 0;
    for b in number {
        row = row
            .checked_mul(10)
            .and_then(|n| n.checked_add(u32::from(b - b'0')))
            .ok_or_else(bad)?;
    }
    let row = row.checked_sub(1).ok_or_else(bad)?;
    Ok((row, col.checked_sub(1)))
}

fn cell_pos(r: &[u8]) -> Result<(u32, u32), Fail> {
    match cell_ref(r)? {
        (row, Some(col)) => Ok((row, col)),
        (_, None) => Err(Fail::other(format!(
            "cell reference {:?} has no column",
            String::from_utf8_lossy(r)
        ))),
    }
}

fn stream_sheet<R: Read>(book: &Book, part: R, sink: &mut dyn Feed) -> Result<(), Fail> {
    let mut t = Tokens::new(part);
    let mut dimension = None;
    let mut first: Option<String> = None;
    loop {
        match t.next()? {
            Token::Start { name, attrs } => {
                let tag = local(t.get(name));
                if tag == b"dimension" {
                    let r = attr(t.get(attrs), b"ref")
                        .map_err(|e| t.error(attrs.start, e))?
                        .ok_or_else(|| Fail::other("the sheet's dimension has no ref"))?;
                    let mut ends = r.split(|b| *b == b':');
                    let start = cell_pos(ends.next().unwrap_or_default())?;
                    let end = ends.next().map(cell_pos).transpose()?.unwrap_or(start);
                    if ends.next().is_some() {
                        return Err(Fail::other("the sheet's dimension has three parts"));
                    }
                    dimension = Some((start.0, end.0));
                } else if tag == b"sheetData" {
                    break;
                } else if first.is_none() {
                    first = Some(String::from_utf8_lossy(tag).into_owned());
                }
            }
            Token::Eof => {
                return Err(Fail::other(match first {
                    Some(tag) => format!("no <sheetData> in the sheet (it starts with <{tag}>)"),
                    None => "the sheet's part holds no element".into(),
                }));
            }
            _ => {}
        }
    }
    let (start, end) = dimension.unwrap_or((0, 0));
    if end >= start {
        sink.expect_rows((end - start).saturating_add(1));
    }
    let mut rows = RowGrouper::new(sink);
    let mut cell = CellReader {
        book,
        child: Vec::new(),
        inner: Vec::new(),
    };
    let (mut row, mut col) = (0u32, 0u32);
    loop {
        match t.next()? {
            Token::Start { name, attrs } => {
                let tag = local(t.get(name));
                if tag == b"row" {
                    let r = attr(t.get(attrs), b"r").map_err(|e| t.error(attrs.start, e))?;
                    if let Some(r) = r {
                        row = cell_ref(r)?.0;
                    }
                } else if tag == b"c" {
                    let (mut pos, mut style, mut kind) = ((row, col), None, Kind::Absent);
                    // As calamine reads them: up to the third of r, s and t.
                    let mut found = 0;
                    for item in Attrs::new(t.get(attrs)) {
                        if found == 3 {
                            break;
                        }
                        let (key, value) = item.map_err(|e| t.error(attrs.start, e))?;
                        found += usize::from(matches!(key, b"r" | b"s" | b"t"));
                        match key {
                            b"r" => {
                                pos = cell_pos(value)?;
                                col = pos.1;
                            }
                            b"s" => style = Some(digits(value).unwrap_or(0)),
                            b"t" => kind = Kind::of(value),
                            _ => {}
                        }
                    }
                    let value = cell.read(&mut t, kind, style).map_err(|f| f.in_cell(pos))?;
                    col = col.wrapping_add(1);
                    rows.push(pos.0, pos.1, value);
                }
            }
            Token::End { name } => match local(t.get(name)) {
                b"row" => {
                    row = row.wrapping_add(1);
                    col = 0;
                }
                b"sheetData" => {
                    rows.flush();
                    return Ok(());
                }
                _ => {}
            },
            Token::Eof => return Err(eof(&t, "sheetData")),
            _ => {}
        }
    }
}

fn eof<R>(t: &Tokens<R>, inside: &str) -> Fail {
    Fail::Xml(t.error(0, format!("the part ends inside <{inside}>")))
}

/// Reads one `<c>` element's content.
struct CellReader<'b> {
    book: &'b Book,
    /// The qualified names of the element being read, and of a `<t>` in it.
    child: Vec<u8>,
    inner: Vec<u8>,
}

impl CellReader<'_> {
    /// The value of the cell whose start tag was just read. Each child
    /// element read replaces the value (a formula `<f>` leaves it empty).
    fn read<R: Read>(
        &mut self,
        t: &mut Tokens<R>,
        kind: Kind,
        style: Option<usize>,
    ) -> Result<RawCell, Fail> {
        let mut value = RawCell::Empty;
        loop {
            match t.next()? {
                Token::Start { name, .. } => {
                    self.child.clear();
                    self.child.extend_from_slice(t.get(name));
                    value = self.child(t, kind, style)?;
                }
                Token::End { name } if local(t.get(name)) == b"c" => return Ok(value),
                Token::Eof => return Err(eof(t, "c")),
                _ => {}
            }
        }
    }

    fn child<R: Read>(
        &mut self,
        t: &mut Tokens<R>,
        kind: Kind,
        style: Option<usize>,
    ) -> Result<RawCell, Fail> {
        match local(&self.child) {
            b"is" => Ok(RawCell::Text(read_string(t, &self.child, &mut self.inner)?)),
            b"v" if kind == Kind::Inline => {
                skip(t, &self.child)?;
                Ok(RawCell::Empty)
            }
            b"v" if matches!(
                kind,
                Kind::Absent | Kind::Number | Kind::Shared | Kind::Bool | Kind::Error
            ) =>
            {
                // Plain ASCII values: the first text as it is.
                let value = match t.next()? {
                    // An entity (never written here by Excel) is resolved;
                    // calamine would keep the text up to it.
                    Token::Text(text) if memchr::memchr(b'&', t.get(text)).is_some() => {
                        let mut v = String::new();
                        push_text(t.get(text), &mut v, true).map_err(|e| t.error(text.start, e))?;
                        self.value(&v, kind, style)?
                    }
                    Token::Text(text) => {
                        let v = std::str::from_utf8(t.get(text))
                            .map_err(|_| t.error(text.start, "text is not UTF-8"))?;
                        self.value(v, kind, style)?
                    }
                    Token::End { name } if *t.get(name) == self.child[..] => {
                        return Ok(RawCell::Empty);
                    }
                    Token::Eof => return Err(eof(t, "v")),
                    _ => RawCell::Empty,
                };
                skip(t, &self.child)?;
                Ok(value)
            }
            b"v" => {
                let mut text = String::new();
                loop {
                    match t.next()? {
                        Token::Text(raw) => push_text(t.get(raw), &mut text, true)
                            .map_err(|e| t.error(raw.start, e))?,
                        Token::End { name } if *t.get(name) == self.child[..] => break,
                        Token::Eof => return Err(eof(t, "v")),
                        _ => {}
                    }
                }
                self.value(&text, kind, style)
            }
            b"f" => {
                skip(t, &self.child)?;
                Ok(RawCell::Empty)
            }
            other => Err(Fail::other(format!(
                "unexpected <{}> in a cell (v, f or is expected)",
                String::from_utf8_lossy(other)
            ))),
        }
    }

    /// A `<v>`'s text as a value of its kind.
    fn value(&self, v: &str, kind: Kind, style: Option<usize>) -> Result<RawCell, Fail> {
        Ok(match kind {
            Kind::Shared if v.is_empty() => RawCell::Empty,
            Kind::Shared => {
                let index = digits(v.as_bytes()).unwrap_or(0);
                let text = self.book.strings.get(index).ok_or_else(|| {
                    Fail::other(format!("shared string {index} is not in the table"))
                })?;
                RawCell::Text(text.clone())
            }
            Kind::Bool => match v.trim() {
                "" => RawCell::Empty,
                "0" => RawCell::Bool(false),
                "1" => RawCell::Bool(true),
                b if b.eq_ignore_ascii_case("false") => RawCell::Bool(false),
                b if b.eq_ignore_ascii_case("true") => RawCell::Bool(true),
                _ => return Err(Fail::other(format!("{v:?} is not a boolean"))),
            },
            Kind::Date => RawCell::from_iso(v),
            Kind::Error => match v.parse::<CellErrorType>() {
                Ok(e) => RawCell::Error(e.to_string()),
                Err(_) => return Err(Fail::other(format!("{v:?} is not a cell error"))),
            },
            Kind::Str => RawCell::Text(unescape_excel(v.to_string())),
            Kind::Absent | Kind::Number if v.is_empty() => RawCell::Empty,
            Kind::Absent | Kind::Number => match fast_float2::parse::<f64, _>(v.as_bytes()) {
                Ok(n) => {
                    // No style is the default one; a style beyond the table
                    // is no format at all.
                    let date = style.is_some_and(|s| self.book.dates.get(s) == Some(&true));
                    if date {
                        let dt =
                            ExcelDateTime::new(n, ExcelDateTimeType::DateTime, self.book.is_1904);
                        RawCell::from_excel_datetime(&dt)
                    } else {
                        RawCell::Number(n)
                    }
                }
                Err(_) if kind == Kind::Absent => RawCell::Text(v.to_string()),
                Err(_) => return Err(Fail::other(format!("{v:?} is not a number"))),
            },
            Kind::Inline | Kind::Unknown => {
                return Err(Fail::other("the cell's type (t) is unknown"));
            }
        })
    }
}

/// Skip to the end of the element named `name` (its start was just read).
fn skip<R: Read>(t: &mut Tokens<R>, name: &[u8]) -> Result<(), Fail> {
    let mut depth = 0usize;
    loop {
        match t.next()? {
            Token::Start { name: n, .. } if *t.get(n) == *name => depth += 1,
            Token::End { name: n } if *t.get(n) == *name => {
                if depth == 0 {
                    return Ok(());
                }
                depth -= 1;
            }
            Token::Eof => return Err(eof(t, &String::from_utf8_lossy(name))),
            _ => {}
        }
    }
}

/// The text of a string item (`<si>`, `<is>`, whose start was just read and
/// whose qualified name is `closing`): its `<t>`, or the `<t>` of each rich
/// text run `<r>` joined; phonetic runs (`<rPh>`) are left out. Without
/// `xml:space="preserve"`, a `<t>` loses spaces, tabs and line ends at
/// either end.
fn read_string<R: Read>(
    t: &mut Tokens<R>,
    closing: &[u8],
    t_name: &mut Vec<u8>,
) -> Result<String, Fail> {
    let mut joined: Option<String> = None;
    let mut phonetic = false;
    loop {
        match t.next()? {
            Token::Start { name, attrs } => {
                let tag = local(t.get(name));
                if tag == b"r" && joined.is_none() {
                    joined = Some(String::new());
                } else if tag == b"rPh" {
                    phonetic = true;
                } else if tag == b"t" && !phonetic {
                    let preserve = attr(t.get(attrs), b"xml:space")
                        .map_err(|e| t.error(attrs.start, e))?
                        == Some(b"preserve");
                    t_name.clear();
                    t_name.extend_from_slice(t.get(name));
                    let mut text = String::new();
                    loop {
                        match t.next()? {
                            Token::Text(raw) => push_text(t.get(raw), &mut text, true)
                                .map_err(|e| t.error(raw.start, e))?,
                            Token::CData(raw) => push_cdata(t.get(raw), &mut text)
                                .map_err(|e| t.error(raw.start, e))?,
                            Token::End { name } if *t.get(name) == t_name[..] => break,
                            Token::Eof => return Err(eof(t, "t")),
                            _ => {}
                        }
                    }
                    if !preserve {
                        let trimmed = text.trim_matches([' ', '\t', '\r', '\n']);
                        if trimmed.len() != text.len() {
                            text = trimmed.to_string();
                        }
                    }
                    let text = unescape_excel(text);
                    match &mut joined {
                        Some(all) => all.push_str(&text),
                        None => joined = Some(text),
                    }
                    // Runs each under the token limit may join past it.
                    if joined.as_ref().is_some_and(|j| j.len() > MAX_TOKEN) {
                        return Err(Fail::Xml(XmlError::TooLong(0)));
                    }
                }
            }
            Token::End { name } if *t.get(name) == *closing => {
                return Ok(joined.unwrap_or_default());
            }
            Token::End { name } if local(t.get(name)) == b"rPh" => phonetic = false,
            Token::Eof => return Err(eof(t, &String::from_utf8_lossy(closing))),
            _ => {}
        }
    }
}

/// Excel writes a character XML cannot hold (a control character) as
/// `_xHHHH_`, HHHH a UTF-16 unit in hex; a character beyond the BMP is a
/// pair of them, and a literal `_x` that looks like one is written
/// `_x005F_x...`. A surrogate without its pair becomes U+FFFD.
fn unescape_excel(text: String) -> String {
    let unit = |b: &[u8], at: usize| -> Option<u16> {
        let e = b.get(at..at + 7)?;
        if e[0] != b'_'
            || e[1] != b'x'
            || e[6] != b'_'
            || !e[2..6].iter().all(u8::is_ascii_hexdigit)
        {
            return None;
        }
        u16::from_str_radix(std::str::from_utf8(&e[2..6]).ok()?, 16).ok()
    };
    let bytes = text.as_bytes();
    let Some(first) = memchr::memchr_iter(b'_', bytes).find(|&i| unit(bytes, i).is_some()) else {
        return text;
    };
    let mut out = String::with_capacity(text.len());
    let (mut copied, mut at) = (0, first);
    while at < bytes.len() {
        let Some(u) = unit(bytes, at) else {
            at += 1;
            continue;
        };
        out.push_str(&text[copied..at]);
        at += 7;
        let c = match u {
            0xD800..=0xDBFF => match unit(bytes, at) {
                Some(low @ 0xDC00..=0xDFFF) => {
                    at += 7;
                    let code =
                        0x10000 + ((u32::from(u) - 0xD800) << 10) + (u32::from(low) - 0xDC00);
                    char::from_u32(code)
                }
                _ => None,
            },
            _ => char::from_u32(u32::from(u)),
        };
        out.push(c.unwrap_or(char::REPLACEMENT_CHARACTER));
        copied = at;
    }
    out.push_str(&text[copied..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::ahead::tests::{WAYS, workbooks};
    use crate::load::workbook::tests::{Calls, direct};
    use proptest::prelude::*;
    use std::io::Write;
    use std::path::Path;

    /// bimtek's reading through the virtual archive read one `way`, or None
    /// when the workbook was handed to calamine.
    fn own(
        path: &Path,
        (min_stream, read_whole): (u64, u64),
    ) -> Option<(Calls, Result<(), LoadError>)> {
        let ahead = Ahead::open_with(path, min_stream, read_whole)?;
        let mut calls = Calls::default();
        let result = read(ahead, &mut calls, &mut LoadNotes::default()).ok()?;
        Some((calls, result))
    }

    /// The same rows, and the same kind of error if any (the messages are
    /// each reader's own).
    fn assert_same(
        path: &Path,
        ours: &(Calls, Result<(), LoadError>),
        theirs: &(Calls, Result<(), LoadError>),
    ) {
        let kind = |r: &Result<(), LoadError>| match r {
            Ok(()) => "ok".to_string(),
            Err(LoadError::Corrupt(damage, _)) => format!("{damage:?}"),
            Err(e) => format!("{e:?}"),
        };
        assert_eq!(ours.0, theirs.0, "{}", path.display());
        assert_eq!(
            kind(&ours.1),
            kind(&theirs.1),
            "{}: {:?} vs {:?}",
            path.display(),
            ours.1,
            theirs.1
        );
    }

    #[test]
    fn every_test_workbook_reads_as_calamine_reads_it() {
        let mut read_here = 0;
        for path in workbooks() {
            let theirs = direct(&path);
            for way in WAYS {
                if let Some(ours) = own(&path, way) {
                    assert_same(&path, &ours, &theirs);
                    read_here += 1;
                }
            }
        }
        assert!(
            read_here >= 40,
            "only {read_here} readings by bimtek's reader"
        );
    }

    /// A workbook written by rust_xlsxwriter, with shared strings or (in
    /// constant memory) inline ones.
    fn written(path: &Path, inline: bool, seed: u64) {
        let mut rng = Rng(seed | 1);
        let mut workbook = rust_xlsxwriter::Workbook::new();
        let date = rust_xlsxwriter::Format::new().set_num_format("dd/mm/yyyy");
        let time = rust_xlsxwriter::Format::new().set_num_format("[h]:mm:ss");
        let money = rust_xlsxwriter::Format::new().set_num_format("\"Rp\"#,##0");
        for s in 0..1 + rng.below(3) {
            let sheet = if inline {
                workbook.add_worksheet_with_constant_memory().unwrap()
            } else {
                workbook.add_worksheet()
            };
            sheet.set_name(format!("Lembar {s}")).unwrap();
            if s == 1 {
                sheet.set_hidden(true);
            }
            for row in 0..rng.below(40) as u32 {
                for col in 0..rng.below(8) as u16 {
                    let x = rng.below(100) as f64 * 1.5 + 44_000.0;
                    let _ = match rng.below(7) {
                        0 => sheet.write_string(row, col, rng.pick(TEXTS)),
                        1 => sheet.write_number(row, col, x),
                        2 => sheet.write_number_with_format(row, col, x, &date),
                        3 => sheet.write_number_with_format(row, col, x / 1e4, &time),
                        4 => sheet.write_number_with_format(row, col, x, &money),
                        5 => sheet.write_boolean(row, col, rng.below(2) == 0),
                        _ => sheet.write_formula(row, col, "=1+1"),
                    };
                }
            }
        }
        if seed.is_multiple_of(3) {
            // A chart sheet holds no cells: both readers pass over it.
            let mut chart = rust_xlsxwriter::Chart::new_column();
            chart.add_series().set_values("'Lembar 0'!$A$1:$A$3");
            let sheet = workbook.add_chartsheet();
            sheet.set_name("Grafik").unwrap();
            sheet.insert_chart(0, 0, &chart).unwrap();
        }
        workbook.save(path).unwrap();
    }

    #[test]
    fn workbooks_written_by_rust_xlsxwriter_read_as_calamine_reads_them() {
        let dir = tempfile::tempdir().unwrap();
        for seed in 0..24 {
            let path = dir.path().join(format!("{seed}.xlsx"));
            written(&path, seed % 2 == 0, seed);
            for way in WAYS {
                let ours = own(&path, way).expect("read by bimtek's reader");
                assert_eq!(ours.1, Ok(()));
                assert_same(&path, &ours, &direct(&path));
            }
        }
    }

    struct Rng(u64);

    impl Rng {
        fn below(&mut self, n: u64) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0 % n
        }
        fn pick<T: Copy>(&mut self, from: &[T]) -> T {
            from[self.below(from.len() as u64) as usize]
        }
    }

    /// Texts as they may stand in a `<t>`, escaped as XML and Excel escape them.
    const TEXTS: &[&str] = &[
        "Inovasi",
        "a &amp; b",
        "&lt;x&gt; &quot;q&quot; &apos;",
        "  spasi  ",
        "baris\r\nbaru\rlagi\n",
        "tab\tdi sini",
        "_x000D_",
        "_x005F_x000D_",
        "_xD83D__xDE00_ dan _xD83D_ sendiri _xDE00_",
        "_x004_ _xZZZZ_",
        "ünï©ødé Ω",
        "&#x41;&#66;&#10;",
        "",
        " ",
    ];

    /// The content of a `<t>` (XML text or a CDATA section).
    fn t_content(rng: &mut Rng) -> String {
        match rng.below(8) {
            0 => "<![CDATA[cd <a> &amp;\r\n]]>".into(),
            _ => rng.pick(TEXTS).to_string(),
        }
    }

    /// A string item's content: one `<t>`, rich text runs, phonetic runs.
    fn string_item(rng: &mut Rng, p: &str) -> String {
        let t = |rng: &mut Rng| match rng.below(3) {
            0 => format!("<{p}t xml:space=\"preserve\">{}</{p}t>", t_content(rng)),
            1 => format!("<{p}t/>"),
            _ => format!("<{p}t>{}</{p}t>", t_content(rng)),
        };
        match rng.below(6) {
            0 => String::new(),
            1 => format!(
                "<{p}r><{p}rPr><{p}b/><{p}sz val=\"11\"/></{p}rPr>{}</{p}r><{p}r>{}</{p}r>",
                t(rng),
                t(rng)
            ),
            2 => format!(
                "{}<{p}rPh sb=\"0\" eb=\"1\">{}</{p}rPh>{}<{p}phoneticPr fontId=\"1\"/>",
                t(rng),
                t(rng),
                t(rng)
            ),
            3 => format!("{}{}", t(rng), t(rng)),
            _ => t(rng),
        }
    }

    /// A cell as any writer might write it: with or without its reference,
    /// of any type, styled or not, with a formula, empty.
    fn cell(rng: &mut Rng, p: &str, at: Option<String>, strings: u64) -> String {
        let r = at.map(|a| format!(" r=\"{a}\"")).unwrap_or_default();
        let s = [
            "",
            " s=\"0\"",
            " s=\"1\"",
            " s=\"2\"",
            " s=\"3\"",
            " s=\"4\"",
            " s=\"6\"",
            " s=\"99\"",
            " s='x'",
        ];
        let s = rng.pick(&s);
        let (t, v) = match rng.below(12) {
            0 => (
                "",
                rng.pick(&["1", "45298", "3.5", "-2E3", ".5", "1e400", "0", " 7"])
                    .to_string(),
            ),
            1 => (" t=\"n\"", rng.pick(&["12", "45000.25", "-0"]).to_string()),
            2 => (" t=\"s\"", rng.below(strings.max(1)).to_string()),
            3 => (
                " t=\"b\"",
                rng.pick(&["0", "1", "true", " FALSE "]).to_string(),
            ),
            4 => (
                " t=\"e\"",
                rng.pick(&["#N/A", "#DIV/0!", "#REF!", "#VALUE!", "#NAME?"])
                    .to_string(),
            ),
            5 => (" t=\"str\"", rng.pick(TEXTS).to_string()),
            6 => (
                " t=\"d\"",
                rng.pick(&["2024-03-05T00:00:00", "2024-03-05", "kemarin"])
                    .to_string(),
            ),
            7 => ("", "teks".to_string()),
            _ => (" t=\"inlineStr\"", String::new()),
        };
        let body = match (t, rng.below(10)) {
            (_, 0) => return format!("<{p}c{r}{s}{t}/>"),
            (_, 1) => format!("<{p}f>SUM(A1:A2)</{p}f>"),
            (" t=\"inlineStr\"", n) if n < 3 => format!("<{p}is/>"),
            (" t=\"inlineStr\"", n) if n < 5 => {
                format!("<{p}is>{}</{p}is><{p}v>9</{p}v>", string_item(rng, p))
            }
            (" t=\"inlineStr\"", _) => format!("<{p}is>{}</{p}is>", string_item(rng, p)),
            (_, 2) => format!("<{p}f t=\"shared\" si=\"0\"/><{p}v>{v}</{p}v>"),
            (_, 3) => format!("<{p}v/>"),
            _ => format!("<{p}v>{v}</{p}v>"),
        };
        format!("<{p}c{r}{s}{t}>{body}</{p}c>")
    }

    fn sheet_xml(rng: &mut Rng, p: &str, strings: u64) -> String {
        let mut x = String::from(
            "\u{feff}<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n",
        );
        x += &format!(
            "<{p}worksheet xmlns{}=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">",
            if p.is_empty() { "" } else { ":x" }
        );
        if rng.below(2) == 0 {
            x += &format!(
                "<{p}dimension ref=\"{}\"/>",
                rng.pick(&["A1:C9", "B2", "A1:XFD1048576"])
            );
        }
        x += &format!("<{p}sheetViews/><!-- tampilan --><{p}sheetData>");
        let mut row = 0u64;
        for _ in 0..rng.below(12) {
            row += 1 + rng.below(2);
            let r = match rng.below(4) {
                0 => String::new(),
                _ => format!(" r=\"{row}\""),
            };
            if rng.below(8) == 0 {
                x += &format!("<{p}row{r}/>");
                continue;
            }
            x += &format!("<{p}row{r} spans=\"1:5\">");
            let mut col = 0;
            for _ in 0..rng.below(6) {
                col += 1 + rng.below(2);
                let at = match rng.below(5) {
                    0 => None,
                    _ => Some(format!("{}{row}", crate::diag::column_letters(col as u32))),
                };
                x += &cell(rng, p, at, strings);
                if rng.below(6) == 0 {
                    x += rng.pick(&["\n  ", "<!-- c -->", "<?pi x?>"]);
                }
            }
            x += &format!("</{p}row>");
        }
        x += &format!("</{p}sheetData><{p}mergeCells count=\"0\"/></{p}worksheet>");
        x
    }

    /// A workbook of hand-written parts, in the shapes writers other than
    /// Excel produce (prefixed names, no references, odd whitespace).
    fn hand_written(path: &Path, seed: u64) {
        let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
        let p = if rng.below(3) == 0 { "x:" } else { "" };
        let ns = if p.is_empty() { "" } else { ":x" };
        let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
        let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
        let sheets = 1 + rng.below(3);
        let strings = rng.below(6);
        let mut sst = format!(
            "<?xml version=\"1.0\"?><{p}sst xmlns{ns}=\"{main}\" count=\"{strings}\" uniqueCount=\"{strings}\">"
        );
        for _ in 0..strings {
            sst += &match rng.below(5) {
                0 => format!("<{p}si/>"),
                _ => format!("<{p}si>{}</{p}si>", string_item(&mut rng, p)),
            };
        }
        sst += &format!("</{p}sst>");
        let formats = [
            "dd/mm/yyyy",
            "[h]:mm:ss",
            "0.00",
            "[$-421]d mmmm yyyy;@",
            "\"Rp\"#,##0",
            "h:mm AM/PM",
            "General",
            "[Red]0.00",
            "\\d0",
            "yyyy-mm-dd hh:mm",
            "#,##0 \"hari\"",
            "[mm]:ss",
            "mmm-yy",
            "0%",
            "_(* #,##0_)",
        ];
        let mut styles = format!("<{p}styleSheet xmlns{ns}=\"{main}\"><{p}numFmts count=\"3\">");
        for id in 164..167 {
            styles += &format!(
                "<{p}numFmt numFmtId=\"{id}\" formatCode=\"{}\"/>",
                xml_escape(rng.pick(&formats))
            );
        }
        styles += &format!("</{p}numFmts><{p}cellXfs count=\"7\">");
        for _ in 0..7 {
            let id = rng.pick(&["0", "14", "164", "165", "166", "46", "22", "2"]);
            styles += &format!(
                "<{p}xf numFmtId=\"{id}\" fontId=\"0\"><{p}alignment wrapText=\"1\"/></{p}xf>"
            );
        }
        styles += &format!("</{p}cellXfs></{p}styleSheet>");
        let date1904 = if rng.below(3) == 0 {
            format!("<{p}workbookPr date1904=\"1\"/>")
        } else {
            String::new()
        };
        let mut workbook =
            format!("<{p}workbook xmlns{ns}=\"{main}\" xmlns:r=\"{rel}\">{date1904}<{p}sheets>");
        let mut rels = String::from(
            "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">",
        );
        let mut files: Vec<(String, String)> = Vec::new();
        for s in 0..sheets {
            let state = rng.pick(&["", " state=\"hidden\"", " state=\"visible\""]);
            workbook += &format!(
                "<{p}sheet name=\"Data &amp; {s}\" sheetId=\"{}\"{state} r:id=\"rId{s}\"/>",
                s + 1
            );
            let target = if rng.below(4) == 0 {
                format!("/xl/worksheets/sheet{s}.xml")
            } else {
                format!("worksheets/sheet{s}.xml")
            };
            rels += &format!(
                "<Relationship Id=\"rId{s}\" Type=\"{rel}/worksheet\" Target=\"{target}\"/>"
            );
            files.push((
                format!("xl/worksheets/sheet{s}.xml"),
                sheet_xml(&mut rng, p, strings),
            ));
        }
        workbook += &format!("</{p}sheets><{p}definedNames/></{p}workbook>");
        rels += &format!(
            "<Relationship Id=\"rIdS\" Type=\"{rel}/sharedStrings\" Target=\"sharedStrings.xml\"/></Relationships>"
        );
        files.push(("_rels/.rels".into(), format!("<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"{rel}/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>")));
        files.push(("xl/workbook.xml".into(), workbook));
        files.push(("xl/_rels/workbook.xml.rels".into(), rels));
        files.push(("xl/styles.xml".into(), styles));
        files.push(("xl/sharedStrings.xml".into(), sst));
        write_parts(path, &files);
    }

    /// Every part of the zip at `path`, with its name, in order.
    fn parts_of(path: &Path) -> Vec<(String, Vec<u8>)> {
        let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
        (0..zip.len())
            .map(|i| {
                let mut entry = zip.by_index(i).unwrap();
                let mut bytes = Vec::new();
                std::io::Read::read_to_end(&mut entry, &mut bytes).unwrap();
                (entry.name().unwrap().to_string(), bytes)
            })
            .collect()
    }

    /// A zip at `path` holding `parts`, in order.
    fn write_parts(path: &Path, parts: &[(String, impl AsRef<[u8]>)]) {
        let mut zip = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
        for (name, bytes) in parts {
            zip.start_file(name.as_str(), zip::write::SimpleFileOptions::default())
                .unwrap();
            zip.write_all(bytes.as_ref()).unwrap();
        }
        zip.finish().unwrap();
    }

    fn xml_escape(s: &str) -> String {
        s.replace('&', "&amp;")
            .replace('"', "&quot;")
            .replace('<', "&lt;")
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]
        #[test]
        fn hand_written_workbooks_read_as_calamine_reads_them(seed in any::<u64>()) {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("tulisan-tangan.xlsx");
            hand_written(&path, seed);
            let ours = own(&path, (u64::MAX, u64::MAX)).expect("read by bimtek's reader");
            assert_same(&path, &ours, &direct(&path));
        }
    }

    /// Two sheets of one name (no spreadsheet program writes them): the
    /// workbook is handed to calamine, which reads the first one twice.
    #[test]
    fn two_sheets_of_one_name_are_left_to_calamine() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("kembar.xlsx");
        let seed = (0..).find(|&seed| {
            hand_written(&path, seed);
            let zip = zip::ZipArchive::new(std::fs::File::open(&path).unwrap()).unwrap();
            zip.index_for_name("xl/worksheets/sheet1.xml").is_some()
        });
        let mut parts = parts_of(&path);
        for (name, bytes) in &mut parts {
            if name == "xl/workbook.xml" {
                let text = String::from_utf8(std::mem::take(bytes)).unwrap();
                *bytes = text.replace("Data &amp; 1", "Data &amp; 0").into_bytes();
            }
        }
        write_parts(&path, &parts);
        assert!(own(&path, (u64::MAX, u64::MAX)).is_none(), "seed {seed:?}");
        let mut calls = Calls::default();
        let result = crate::load::workbook::read(
            &path,
            crate::load::Format::Xlsx,
            &mut calls,
            &mut LoadNotes::default(),
        );
        assert_eq!((calls, result), direct(&path));
    }

    #[test]
    fn excel_escapes_are_read_as_calamine_reads_them() {
        let cases = [
            ("_x000D_", "\r"),
            ("a_x005F_x000D_b", "a_x000D_b"),
            ("_xD83D__xDE00_", "😀"),
            ("_xD83D_x", "\u{FFFD}x"),
            ("_xDE00_", "\u{FFFD}"),
            ("_x00e9_ _x0041", "é _x0041"),
            ("tanpa", "tanpa"),
        ];
        for (raw, read) in cases {
            assert_eq!(unescape_excel(raw.to_string()), read, "{raw}");
        }
    }

    #[test]
    fn date_formats_are_told_from_durations_and_numbers() {
        for code in [
            "dd/mm/yyyy",
            "h:mm AM/PM",
            "[$-421]d mmmm yyyy;@",
            "A/P",
            // "a/" reads as the start of the A/P marker, as calamine reads it.
            "0 a/",
            "mmm-yy",
            "yyyy\"年\"",
        ] {
            assert!(is_date_format(code), "{code}");
        }
        for code in [
            "[h]:mm:ss",
            "[mm]:ss",
            "0.00",
            "\"Rp\"#,##0",
            "General",
            "\\d0",
            "#,##0 \"hari\"",
            "[Red]0",
            "0;dd",
        ] {
            assert!(!is_date_format(code), "{code}");
        }
        assert!(is_builtin_date(b"14") && is_builtin_date(b"22") && !is_builtin_date(b"46"));
        assert!(!is_builtin_date(b"014") && !is_builtin_date(b"0"));
    }

    /// Whether any `<v>` of the part holds an entity: the one case where
    /// both readers succeed and may still differ (see `CellReader::child`).
    fn value_with_entity(xml: &[u8]) -> bool {
        let text = String::from_utf8_lossy(xml);
        text.split("v>")
            .skip(1)
            .any(|after| after.split('<').next().is_some_and(|v| v.contains('&')))
    }

    /// Hand-written workbooks with a few bytes of one part deleted, inserted,
    /// repeated or cut off: bimtek's reader never panics, never refuses a
    /// workbook calamine reads (except a reference past 32 bits, refused by
    /// design), and when both read it, they read the same rows. It may read
    /// one calamine refuses (invalid UTF-8 in a part it does not use, an end
    /// tag with no start). `BIMTEK_FUZZ_ITERS` sets the number of workbooks
    /// (30,000 found nothing more, 2026-11-25).
    #[test]
    fn damaged_workbooks_read_no_worse_than_calamine_reads_them() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("rusak.xlsx");
        let iters: u64 = std::env::var("BIMTEK_FUZZ_ITERS")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(300);
        let (mut same, mut both_failed, mut only_ours) = (0, 0, 0);
        for seed in 0..iters {
            hand_written(&path, seed);
            let mut parts = parts_of(&path);
            let mut rng = Rng(seed.wrapping_mul(0x2545_F491_4F6C_DD1D) | 1);
            // Mostly the first sheet, sometimes any part.
            let target = match rng.below(3) {
                0 => rng.below(parts.len() as u64) as usize,
                _ => parts
                    .iter()
                    .position(|p| p.0.starts_with("xl/worksheets"))
                    .unwrap(),
            };
            for _ in 0..1 + rng.below(3) {
                let b = &mut parts[target].1;
                if b.is_empty() {
                    break;
                }
                let at = rng.below(b.len() as u64) as usize;
                let span = (at + 1 + rng.below(24) as usize).min(b.len());
                match rng.below(6) {
                    0 => drop(b.remove(at)),
                    1 => b.insert(at, rng.pick(b"<>\"'&/ =:\xC3\r")),
                    2 => b.truncate(at),
                    3 => {
                        let copy = b[at..span].to_vec();
                        let to = rng.below(b.len() as u64) as usize;
                        b.splice(to..to, copy);
                    }
                    4 => drop(b.drain(at..span)),
                    _ => b[at] = rng.pick(b"<>\"a0x_&"),
                }
            }
            write_parts(&path, &parts);
            let theirs = direct(&path);
            let Some(ours) = own(&path, (u64::MAX, u64::MAX)) else {
                continue;
            };
            match (&ours.1, &theirs.1) {
                (Ok(()), Ok(())) => {
                    assert!(
                        ours.0 == theirs.0 || value_with_entity(&parts[target].1),
                        "seed {seed}: {:?} vs {:?}",
                        ours.0,
                        theirs.0
                    );
                    same += 1;
                }
                (Err(_), Err(_)) => both_failed += 1,
                (Ok(()), Err(_)) => only_ours += 1,
                (Err(e), Ok(())) => assert!(
                    matches!(e, LoadError::Corrupt(_, m) if m.contains("bad cell reference")),
                    "seed {seed}: {e:?}"
                ),
            }
        }
        assert!(
            same > iters / 4 && both_failed > iters / 4,
            "{same} {both_failed} {only_ours}"
        );
    }
}
