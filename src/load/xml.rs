//! The XML parts of an xlsx as tokens, read by quick-xml's pull reader
//! into one reused buffer. The tokens are what bimtek's workbook reader
//! needs and no more: start and end tags (an empty element `<a/>` comes
//! out as a start and an end, as calamine configures its parser), text,
//! CDATA; comments, processing instructions and a DOCTYPE are skipped.
//! Text is handed out raw, its entities unresolved (quick-xml's text and
//! reference events joined again: they lie side by side in the buffer), so
//! the common case (a number, a run of plain words) is only located.
//!
//! quick-xml grows its buffer to hold a whole event; the part is read
//! through [`Capped`], which hands out at most [`MAX_TOKEN`] bytes for one
//! event, so a hostile part cannot make it hold more.
//!
//! Attribute splitting and entity resolution stay here ([`Attrs`],
//! [`push_text`]): the workbook reader follows calamine's reading of
//! malformed attributes, and XML's line ends, rule for rule.

use memchr::{memchr, memchr2};
use quick_xml::errors::{Error as QError, SyntaxError};
use quick_xml::events::Event;
use std::io::{self, BufRead, Read};

/// Bytes read from the part at a time.
const READ: usize = 256 << 10;
/// Longest token (a tag with its attributes, a text, a comment, a CDATA
/// section): the reader's buffer holds a whole token, and one attribute of
/// 900 MB in a 6 MB workbook would be held whole. Excel's longest cell is
/// 32,767 characters; the same limit bounds a cell's value in load/xlsx.rs.
pub(super) const MAX_TOKEN: usize = 16 << 20;

/// Where a token's bytes are in the buffer.
#[derive(Debug, Clone, Copy)]
pub(super) struct Span {
    pub(super) start: usize,
    pub(super) end: usize,
}

#[derive(Debug)]
pub(super) enum Token {
    /// `<name attrs>` or `<name attrs/>`; ranges into [`Tokens::get`].
    Start {
        name: Span,
        attrs: Span,
    },
    End {
        name: Span,
    },
    /// Character data, entities not resolved, line ends not normalized.
    Text(Span),
    /// The content of a CDATA section.
    CData(Span),
    Eof,
}

#[derive(Debug)]
pub(super) enum XmlError {
    /// The bytes could not be read (for a zip part: they do not inflate, or
    /// their CRC-32 is wrong).
    Io(io::Error),
    /// The bytes are not well-formed XML (or not what an xlsx part holds);
    /// the offset is the byte of the part where the problem starts.
    Syntax(u64, String),
    /// A token longer than [`MAX_TOKEN`] starts at this byte of the part.
    TooLong(u64),
}

impl std::fmt::Display for XmlError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            XmlError::Io(e) => write!(f, "{e}"),
            XmlError::Syntax(at, what) => write!(f, "{what} (byte {at})"),
            XmlError::TooLong(at) => write!(
                f,
                "a tag, text or cell value longer than {MAX_TOKEN} bytes (byte {at})"
            ),
        }
    }
}

/// A part read with a cap: after [`Capped::allow`], at most [`MAX_TOKEN`]
/// bytes are handed out; past them reading fails, and `over` tells that
/// failure from the source's own.
struct Capped<R> {
    src: R,
    buf: Vec<u8>,
    pos: usize,
    end: usize,
    /// Bytes of the part handed out so far, and how many may be in all.
    consumed: u64,
    limit: u64,
    over: bool,
}

impl<R> Capped<R> {
    /// Allow one more token from here.
    fn allow(&mut self) {
        self.limit = self.consumed + MAX_TOKEN as u64;
    }
}

impl<R: Read> Read for Capped<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let available = self.fill_buf()?;
        let n = available.len().min(out.len());
        out[..n].copy_from_slice(&available[..n]);
        self.consume(n);
        Ok(n)
    }
}

impl<R: Read> BufRead for Capped<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if self.consumed >= self.limit {
            self.over = true;
            return Err(io::Error::other("a token is too long"));
        }
        if self.pos == self.end {
            if self.buf.is_empty() {
                self.buf.resize(READ, 0);
            }
            (self.pos, self.end) = (0, 0);
            // quick-xml looks for a byte-order mark in the first bytes it
            // is given: give it four, unless the part is shorter.
            let want = if self.consumed == 0 { 4 } else { 1 };
            while self.end < want {
                match self.src.read(&mut self.buf[self.end..]) {
                    Ok(0) => break,
                    Ok(n) => self.end += n,
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                    Err(e) => return Err(e),
                }
            }
        }
        let allowed = (self.limit - self.consumed).min((self.end - self.pos) as u64) as usize;
        Ok(&self.buf[self.pos..self.pos + allowed])
    }

    fn consume(&mut self, n: usize) {
        self.pos += n;
        self.consumed += n as u64;
    }
}

pub(super) struct Tokens<R> {
    reader: quick_xml::Reader<Capped<R>>,
    buf: Vec<u8>,
    /// Tokens read but not yet handed out, the next one last: what follows
    /// a text (which ends only where something else begins), an empty
    /// element's end.
    pending: Vec<Result<Token, XmlError>>,
    /// The byte of the part where the last token starts.
    at: u64,
}

/// Where a quick-xml event's bytes are: their address in the buffer and
/// their length (and, for a tag, its name's length).
enum Event1 {
    Start {
        empty: bool,
        ptr: usize,
        len: usize,
        name: usize,
    },
    End(usize, usize),
    Text(usize, usize),
    /// A reference `&name;`: the name's bytes, between the `&` and the `;`.
    Ref(usize, usize),
    CData(usize, usize),
    Skipped,
    Eof,
}

impl<R: Read> Tokens<R> {
    pub(super) fn new(src: R) -> Self {
        let capped = Capped {
            src,
            buf: Vec::new(),
            pos: 0,
            end: 0,
            consumed: 0,
            limit: 0,
            over: false,
        };
        let mut reader = quick_xml::Reader::from_reader(capped);
        let config = reader.config_mut();
        config.trim_text(false);
        // Passed over where nothing is read from them (calamine refuses the
        // workbook); a stray `&` in a value read fails in push_text.
        config.check_end_names = false;
        config.allow_unmatched_ends = true;
        config.allow_dangling_amp = true;
        Tokens {
            reader,
            buf: Vec::new(),
            pending: Vec::with_capacity(2),
            at: 0,
        }
    }
}

impl<R> Tokens<R> {
    /// The bytes of a span of the last token.
    pub(super) fn get(&self, span: Span) -> &[u8] {
        &self.buf[span.start..span.end]
    }

    /// An error at byte `at` of the buffer.
    pub(super) fn error(&self, at: usize, what: impl Into<String>) -> XmlError {
        XmlError::Syntax(self.at + at as u64, what.into())
    }

    /// The span of `len` bytes at address `ptr`, inside the buffer.
    fn span(&self, ptr: usize, len: usize) -> Span {
        let start = ptr - self.buf.as_ptr() as usize;
        Span {
            start,
            end: start + len,
        }
    }
}

impl<R: Read> Tokens<R> {
    /// The next quick-xml event, read into the buffer after what is there.
    fn event(&mut self) -> Result<Event1, XmlError> {
        self.reader.get_mut().allow();
        let at = |s: &str| (s.as_ptr() as usize, s.len());
        Ok(match self.reader.read_event_into(&mut self.buf) {
            Ok(Event::Start(e)) => Event1::Start {
                empty: false,
                ptr: e.as_ptr() as usize,
                len: e.len(),
                name: e.name().as_ref().len(),
            },
            Ok(Event::Empty(e)) => Event1::Start {
                empty: true,
                ptr: e.as_ptr() as usize,
                len: e.len(),
                name: e.name().as_ref().len(),
            },
            Ok(Event::End(e)) => {
                let (ptr, len) = at(&e);
                Event1::End(ptr, len)
            }
            Ok(Event::Text(e)) => {
                let (ptr, len) = at(&e);
                Event1::Text(ptr, len)
            }
            Ok(Event::GeneralRef(e)) => {
                let (ptr, len) = at(&e);
                Event1::Ref(ptr, len)
            }
            Ok(Event::CData(e)) => {
                let (ptr, len) = at(&e);
                Event1::CData(ptr, len)
            }
            Ok(Event::Comment(_) | Event::Decl(_) | Event::PI(_) | Event::DocType(_)) => {
                Event1::Skipped
            }
            Ok(Event::Eof) => Event1::Eof,
            Err(e) => return Err(self.fail(e)),
        })
    }

    /// quick-xml's error in the workbook reader's words.
    fn fail(&self, e: QError) -> XmlError {
        if self.reader.get_ref().over {
            return XmlError::TooLong(self.at);
        }
        let what = match e {
            QError::Io(e) => {
                return XmlError::Io(
                    std::sync::Arc::try_unwrap(e)
                        .unwrap_or_else(|e| io::Error::new(e.kind(), e.to_string())),
                );
            }
            QError::Syntax(
                SyntaxError::UnclosedTag
                | SyntaxError::UnclosedSingleQuotedAttributeValue
                | SyntaxError::UnclosedDoubleQuotedAttributeValue,
            ) => "a tag is not closed".into(),
            QError::Syntax(SyntaxError::UnclosedComment) => "a comment is not closed".into(),
            QError::Syntax(SyntaxError::UnclosedCData) => "a CDATA section is not closed".into(),
            QError::Syntax(SyntaxError::UnclosedPI | SyntaxError::UnclosedXmlDecl) => {
                "a processing instruction is not closed".into()
            }
            QError::Syntax(SyntaxError::UnclosedDoctype | SyntaxError::InvalidBangMarkup) => {
                "a declaration is not closed".into()
            }
            QError::Encoding(_) => "text is not UTF-8".into(),
            other => other.to_string(),
        };
        XmlError::Syntax(self.reader.error_position(), what)
    }

    pub(super) fn next(&mut self) -> Result<Token, XmlError> {
        if let Some(token) = self.pending.pop() {
            return token;
        }
        self.buf.clear();
        let mut text: Option<Span> = None;
        loop {
            if text.is_none() {
                self.at = self.reader.buffer_position();
            }
            let event = match self.event() {
                Ok(event) => event,
                Err(e) if text.is_some() => {
                    self.pending.push(Err(e));
                    break;
                }
                Err(e) => return Err(e),
            };
            let token = match event {
                Event1::Text(ptr, len) => {
                    text = Some(join(text, self.span(ptr, len)));
                    continue;
                }
                Event1::Ref(ptr, len) => {
                    // The `&` before the name and the `;` after it.
                    let name = self.span(ptr, len);
                    let raw = Span {
                        start: name.start - 1,
                        end: name.end + 1,
                    };
                    text = Some(join(text, raw));
                    continue;
                }
                Event1::Skipped if text.is_none() => continue,
                Event1::Skipped => break,
                Event1::Start {
                    empty,
                    ptr,
                    len,
                    name,
                } => {
                    let all = self.span(ptr, len);
                    let name = Span {
                        start: all.start,
                        end: all.start + name,
                    };
                    if empty {
                        self.pending.push(Ok(Token::End { name }));
                    }
                    Token::Start {
                        name,
                        attrs: Span {
                            start: name.end,
                            end: all.end,
                        },
                    }
                }
                Event1::End(ptr, len) => Token::End {
                    name: self.span(ptr, len),
                },
                Event1::CData(ptr, len) => Token::CData(self.span(ptr, len)),
                Event1::Eof => Token::Eof,
            };
            if text.is_none() {
                return Ok(token);
            }
            // Pending is a stack: the start goes above its end.
            self.pending.push(Ok(token));
            break;
        }
        let text = text.unwrap_or(Span { start: 0, end: 0 });
        if text.end - text.start > MAX_TOKEN {
            self.pending.clear();
            return Err(XmlError::TooLong(self.at));
        }
        Ok(Token::Text(text))
    }
}

/// Text and references read one after another lie side by side.
fn join(text: Option<Span>, next: Span) -> Span {
    match text {
        Some(t) => Span {
            start: t.start,
            end: next.end,
        },
        None => next,
    }
}

/// The part of a qualified name after its prefix (up to the first colon,
/// as quick-xml reads it): `x:c` is `c`, `x:r:c` is `r:c`.
pub(super) fn local(name: &[u8]) -> &[u8] {
    match memchr(b':', name) {
        Some(i) => &name[i + 1..],
        None => name,
    }
}

/// The attributes of a start tag, as (name, raw value) pairs.
pub(super) struct Attrs<'a> {
    rest: &'a [u8],
}

impl<'a> Attrs<'a> {
    pub(super) fn new(raw: &'a [u8]) -> Self {
        Attrs { rest: raw }
    }
}

impl<'a> Iterator for Attrs<'a> {
    /// A name without `=` or a value without a quote ends the iteration
    /// with `Err`; a value whose closing quote is missing runs to the end
    /// (as calamine reads it).
    type Item = Result<(&'a [u8], &'a [u8]), &'static str>;

    fn next(&mut self) -> Option<Self::Item> {
        let rest = self.rest.trim_ascii_start();
        if rest.is_empty() {
            return None;
        }
        self.rest = &[];
        let Some(eq) = memchr(b'=', rest) else {
            return Some(Err("an attribute has no value"));
        };
        let key = rest[..eq].trim_ascii_end();
        let after = rest[eq + 1..].trim_ascii_start();
        let Some(&quote) = after.first().filter(|q| **q == b'"' || **q == b'\'') else {
            return Some(Err("an attribute value is not quoted"));
        };
        let value = &after[1..];
        let (value, rest) = match memchr(quote, value) {
            Some(close) => (&value[..close], &value[close + 1..]),
            None => (value, &[][..]),
        };
        self.rest = rest;
        Some(Ok((key, value)))
    }
}

/// The raw value of attribute `key` (matched whole, prefix and all).
pub(super) fn attr<'a>(raw: &'a [u8], key: &[u8]) -> Result<Option<&'a [u8]>, &'static str> {
    for item in Attrs::new(raw) {
        let (k, v) = item?;
        if k == key {
            return Ok(Some(v));
        }
    }
    Ok(None)
}

/// Append text as XML 1.0 reads it: entities and character references
/// resolved, `\r\n` and a lone `\r` made `\n`. With `eol` false, line ends
/// are kept as they are (attribute values here).
pub(super) fn push_text(raw: &[u8], out: &mut String, eol: bool) -> Result<(), String> {
    let special = |b: &[u8]| {
        if eol {
            memchr2(b'&', b'\r', b)
        } else {
            memchr(b'&', b)
        }
    };
    let mut rest = raw;
    while let Some(i) = special(rest) {
        out.push_str(utf8(&rest[..i])?);
        if rest[i] == b'\r' {
            out.push('\n');
            rest = &rest[i + 1..];
            if rest.first() == Some(&b'\n') {
                rest = &rest[1..];
            }
            continue;
        }
        let Some(semi) = memchr(b';', &rest[i..]) else {
            return Err("an entity reference is not closed".into());
        };
        let entity = &rest[i + 1..i + semi];
        match entity {
            b"lt" => out.push('<'),
            b"gt" => out.push('>'),
            b"amp" => out.push('&'),
            b"apos" => out.push('\''),
            b"quot" => out.push('"'),
            _ => out.push(char_ref(entity).ok_or_else(|| {
                format!(
                    "unknown entity &{};",
                    String::from_utf8_lossy(&entity[..entity.len().min(32)])
                )
            })?),
        }
        rest = &rest[i + semi + 1..];
    }
    out.push_str(utf8(rest)?);
    Ok(())
}

fn utf8(b: &[u8]) -> Result<&str, String> {
    std::str::from_utf8(b).map_err(|_| "text is not UTF-8".to_string())
}

/// `#65` or `#x41`: a character other than NUL.
fn char_ref(entity: &[u8]) -> Option<char> {
    let digits = entity.strip_prefix(b"#")?;
    let (digits, radix) = match digits.strip_prefix(b"x") {
        Some(hex) => (hex, 16),
        None => (digits, 10),
    };
    if digits.first().is_none_or(|b| !b.is_ascii_alphanumeric()) {
        return None;
    }
    let code = u32::from_str_radix(std::str::from_utf8(digits).ok()?, radix).ok()?;
    char::from_u32(code).filter(|c| *c != '\0')
}

/// Append CDATA content: only line ends are normalized.
pub(super) fn push_cdata(raw: &[u8], out: &mut String) -> Result<(), String> {
    let text = std::str::from_utf8(raw).map_err(|_| "text is not UTF-8".to_string())?;
    if memchr(b'\r', raw).is_none() {
        out.push_str(text);
    } else {
        out.push_str(&text.replace("\r\n", "\n").replace('\r', "\n"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reads at most `step` bytes at a time.
    struct Trickle<'a>(&'a [u8], usize);

    impl Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let n = self.0.len().min(self.1).min(buf.len());
            buf[..n].copy_from_slice(&self.0[..n]);
            self.0 = &self.0[n..];
            Ok(n)
        }
    }

    fn tokens(xml: &[u8], step: usize) -> Result<Vec<String>, String> {
        let mut t = Tokens::new(Trickle(xml, step));
        let mut out = Vec::new();
        loop {
            let tok = t.next().map_err(|e| e.to_string())?;
            let s = |r: Span| String::from_utf8_lossy(t.get(r)).into_owned();
            out.push(match tok {
                Token::Start { name, attrs } => format!("<{}|{}>", s(name), s(attrs)),
                Token::End { name } => format!("</{}>", s(name)),
                Token::Text(r) => format!("T{}", s(r)),
                Token::CData(r) => format!("C{}", s(r)),
                Token::Eof => break,
            });
        }
        Ok(out)
    }

    #[test]
    fn tokens_are_the_same_however_the_bytes_arrive() {
        let xml = "\u{feff}<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"b\">]><!-- c > d -->\
                   <x:a p='1>2' q=\"'\"><b/>te&amp;xt<![CDATA[<raw>]]></x:a >tail";
        let expected = vec![
            "<x:a| p='1>2' q=\"'\">",
            "<b|>",
            "</b>",
            "Tte&amp;xt",
            "C<raw>",
            "</x:a>",
            "Ttail",
        ];
        for step in [1, 2, 3, 7, 64, 1 << 20] {
            assert_eq!(tokens(xml.as_bytes(), step).unwrap(), expected, "{step}");
        }
    }

    #[test]
    fn unclosed_constructs_are_errors() {
        for xml in ["<a", "<a b='1>", "</a", "<!-- x", "<![CDATA[x", "<?x", "<"] {
            assert!(tokens(xml.as_bytes(), 3).is_err(), "{xml}");
        }
        // A tag without a name is a token nothing matches, as in quick-xml.
        assert_eq!(tokens(b"< /></>", 3).unwrap(), ["<| >", "</>", "</>"]);
        assert_eq!(tokens(b"<x:r:c/>", 3).unwrap()[0], "<x:r:c|>");
        assert_eq!(local(b"x:r:c"), b"r:c");
        // A quoted `>` does not close an end tag either.
        assert_eq!(tokens(b"</a b='>'>t", 2).unwrap(), ["</a b='>'>", "Tt"]);
    }

    /// quick-xml would hold any token whole; the cap stops a text, a tag
    /// or a text joined from entity pieces once it passes MAX_TOKEN, and
    /// what follows a long but allowed token reads normally.
    #[test]
    fn a_token_past_the_cap_is_too_long() {
        let too_long = |xml: Vec<u8>| {
            let mut t = Tokens::new(io::Cursor::new(xml));
            loop {
                match t.next() {
                    Err(XmlError::TooLong(_)) => return true,
                    Ok(Token::Eof) | Err(_) => return false,
                    Ok(_) => {}
                }
            }
        };
        let wrap = |inner: &[u8]| [&b"<a>"[..], inner, b"</a><b/>"].concat();
        assert!(too_long(wrap(&vec![b'x'; MAX_TOKEN + 1])));
        let attr = [&b"<a x=\""[..], &vec![b'x'; MAX_TOKEN], b"\"/>"].concat();
        assert!(too_long(attr));
        let pieces = b"xxxxxxx&amp;".repeat(MAX_TOKEN / 12 + 1);
        assert!(too_long(wrap(&pieces)));
        let half = vec![b'x'; MAX_TOKEN / 2];
        assert!(!too_long([wrap(&half), wrap(&half)].concat()));
        let mut t = Tokens::new(io::Cursor::new(wrap(&half)));
        assert!(matches!(t.next(), Ok(Token::Start { .. })));
        assert!(matches!(t.next(), Ok(Token::Text(s)) if s.end - s.start == half.len()));
        let names: Vec<_> = std::iter::from_fn(|| match t.next().unwrap() {
            Token::Start { name, .. } => Some(format!("<{}", String::from_utf8_lossy(t.get(name)))),
            Token::End { name } => Some(format!("/{}", String::from_utf8_lossy(t.get(name)))),
            _ => None,
        })
        .collect();
        assert_eq!(names, ["/a", "<b", "/b"]);
        // A text ends where an empty element starts: its start, then its end.
        assert_eq!(
            tokens(b"<a>t&lt;u<c/>v&#1", 2).unwrap(),
            ["<a|>", "Tt&lt;u", "<c|>", "</c>", "Tv&#1"]
        );
    }

    #[test]
    fn text_resolves_entities_and_line_ends() {
        let mut out = String::new();
        push_text(b"a&lt;&#66;&#x43;\r\nd\re&quot;", &mut out, true).unwrap();
        assert_eq!(out, "a<BC\nd\ne\"");
        let mut kept = String::new();
        push_text(b"a\r\nb", &mut kept, false).unwrap();
        assert_eq!(kept, "a\r\nb");
        for bad in [
            &b"&nbsp;"[..],
            b"&#0;",
            b"&#-1;",
            b"&#x;",
            b"a & b",
            b"\xff",
        ] {
            assert!(push_text(bad, &mut String::new(), true).is_err());
        }
    }

    #[test]
    fn attributes_are_split_and_malformed_ones_are_errors() {
        let all: Vec<_> = Attrs::new(b" r=\"A1\"  s = '3' t=\"s\"").collect();
        assert_eq!(
            all,
            vec![
                Ok((&b"r"[..], &b"A1"[..])),
                Ok((&b"s"[..], &b"3"[..])),
                Ok((&b"t"[..], &b"s"[..]))
            ]
        );
        assert_eq!(attr(b" a=\"1\" b=\"2\"", b"b"), Ok(Some(&b"2"[..])));
        assert!(attr(b" a=1", b"a").is_err());
        assert!(attr(b" a", b"a").is_err());
        assert_eq!(attr(b" a=\"1", b"a"), Ok(Some(&b"1"[..])));
        assert_eq!(attr(b" =\"1\" a='2'", b"a"), Ok(Some(&b"2"[..])));
    }
}
