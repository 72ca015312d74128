//! A worksheet's cells, streamed row by row: positions, types, shared
//! and inline strings, date styles.

use super::book::Book;
use super::text::{read_string, unescape_excel};
use super::{Fail, eof};
use crate::load::xml::{Attrs, Token, Tokens, attr, local, push_text};
use crate::load::{Feed, RawCell, RowGrouper};
use calamine::{CellErrorType, ExcelDateTime, ExcelDateTimeType};
use std::io::Read;

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

pub(super) fn stream_sheet<R: Read>(book: &Book, part: R, sink: &mut dyn Feed) -> Result<(), Fail> {
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
