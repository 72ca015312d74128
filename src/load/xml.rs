//! A pull tokenizer for the XML parts of an xlsx. It does what bimtek's
//! workbook reader needs and no more: start and end tags (an empty element
//! `<a/>` comes out as a start and an end, as calamine configures its
//! parser), text, CDATA; comments, processing instructions and a DOCTYPE are
//! skipped. Text is handed out raw, its entities unresolved, so the common
//! case (a number, a run of plain words) is only located, never copied.
//!
//! Bytes are read into one buffer that slides: a token is always whole in
//! it (the buffer grows for a long one), and ranges into it stay valid until
//! the next call to [`Tokens::next`].
//!
//! quick-xml (calamine's parser, already in the tree) was tried in its
//! place, as a pull reader into one reused buffer: it copies every byte
//! once more and checks every text for UTF-8, and the workbook cost
//! clearly more CPU with it (BENCHMARKS.md, "How measured").

use memchr::{memchr, memchr2, memchr3, memmem};
use std::io::{self, Read};
use std::ops::Range;

/// Bytes read at a time, and the buffer's first size.
const READ: usize = 256 << 10;
/// Longest token (a tag with its attributes, a text, a comment, a CDATA
/// section): the buffer holds a whole token, and one attribute of 900 MB
/// in a 6 MB workbook took 2 GB. Excel's longest cell is 32,767
/// characters; the same limit bounds a cell's value in load/xlsx.
pub(super) const MAX_TOKEN: usize = 16 << 20;

/// Where a token's bytes are in the buffer.
#[derive(Debug, Clone, Copy)]
pub(super) struct Span {
    pub(super) start: usize,
    pub(super) end: usize,
}

impl Span {
    fn of(r: Range<usize>) -> Span {
        Span {
            start: r.start,
            end: r.end,
        }
    }
}

#[derive(Debug)]
pub(super) enum Token {
    /// `<name attrs>` or `<name attrs/>`; ranges into [`Tokens::bytes`].
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

impl From<io::Error> for XmlError {
    fn from(e: io::Error) -> Self {
        XmlError::Io(e)
    }
}

pub(super) struct Tokens<R> {
    src: R,
    buf: Vec<u8>,
    /// The next unread byte, and the end of the bytes read.
    pos: usize,
    end: usize,
    /// Bytes of the part that slid out of the buffer (for error offsets).
    consumed: u64,
    eof: bool,
    /// The name of an empty element just returned as a start: its end is
    /// the next token.
    pending_end: Option<Span>,
}

impl<R> Tokens<R> {
    pub(super) fn new(src: R) -> Self {
        Tokens {
            src,
            buf: Vec::new(),
            pos: 0,
            end: 0,
            consumed: 0,
            eof: false,
            pending_end: None,
        }
    }

    /// The bytes of a span of the last token.
    pub(super) fn get(&self, span: Span) -> &[u8] {
        &self.buf[span.start..span.end]
    }

    /// An error at byte `at` of the buffer.
    pub(super) fn error(&self, at: usize, what: impl Into<String>) -> XmlError {
        XmlError::Syntax(self.consumed + at as u64, what.into())
    }
}

impl<R: Read> Tokens<R> {
    /// Read more bytes, sliding the unread ones to the front first (which
    /// moves `pos` to 0). False at the end of the part; an error when the
    /// unread bytes (a token not yet whole) fill [`MAX_TOKEN`].
    fn fill(&mut self) -> Result<bool, XmlError> {
        if self.eof {
            return Ok(false);
        }
        if self.pos > 0 {
            self.buf.copy_within(self.pos..self.end, 0);
            self.end -= self.pos;
            self.consumed += self.pos as u64;
            self.pos = 0;
        }
        if self.end == self.buf.len() {
            if self.buf.len() >= MAX_TOKEN {
                return Err(XmlError::TooLong(self.consumed));
            }
            let grown = (self.buf.len() * 2).clamp(READ, MAX_TOKEN);
            self.buf.resize(grown, 0);
        }
        loop {
            match self.src.read(&mut self.buf[self.end..]) {
                Ok(0) => {
                    self.eof = true;
                    return Ok(false);
                }
                Ok(n) => {
                    self.end += n;
                    return Ok(true);
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e.into()),
            }
        }
    }

    /// At least `n` unread bytes, unless the part ends first.
    fn want(&mut self, n: usize) -> Result<bool, XmlError> {
        while self.end - self.pos < n {
            if !self.fill()? {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// The offset from `pos` of the first match of `find` at or after
    /// offset `from`, reading more as needed. `back` bytes before the
    /// searched end are searched again after a read (a needle's length - 1).
    fn find(
        &mut self,
        mut from: usize,
        back: usize,
        find: impl Fn(&[u8]) -> Option<usize>,
    ) -> Result<Option<usize>, XmlError> {
        loop {
            let start = (self.pos + from).min(self.end);
            if let Some(i) = find(&self.buf[start..self.end]) {
                return Ok(Some(start - self.pos + i));
            }
            from = (self.end - self.pos).saturating_sub(back).max(from);
            if !self.fill()? {
                return Ok(None);
            }
        }
    }

    pub(super) fn next(&mut self) -> Result<Token, XmlError> {
        if let Some(name) = self.pending_end.take() {
            return Ok(Token::End { name });
        }
        loop {
            if self.pos == self.end && !self.fill()? {
                return Ok(Token::Eof);
            }
            if self.consumed == 0 && self.pos == 0 && self.buf[..self.end].starts_with(b"\xEF") {
                // A byte-order mark opens the part.
                if !self.want(3)? || &self.buf[..3] != b"\xEF\xBB\xBF" {
                    return Err(self.error(0, "the part does not start as XML"));
                }
                self.pos = 3;
                continue;
            }
            if self.buf[self.pos] != b'<' {
                return Ok(match self.find(0, 0, |b| memchr(b'<', b))? {
                    Some(len) => {
                        let text = Span::of(self.pos..self.pos + len);
                        self.pos += len;
                        Token::Text(text)
                    }
                    None => {
                        let text = Span::of(self.pos..self.end);
                        self.pos = self.end;
                        Token::Text(text)
                    }
                });
            }
            if !self.want(2)? {
                return Err(self.error(self.pos, "the part ends inside a tag"));
            }
            match self.buf[self.pos + 1] {
                b'/' => {
                    let gt = self.tag_end(2, "an end tag is not closed")?;
                    // `</>` is an end without a name, which nothing matches.
                    let name = trim_end(&self.buf, self.pos + 2..self.pos + gt);
                    self.pos += gt + 1;
                    return Ok(Token::End {
                        name: Span::of(name),
                    });
                }
                b'?' => {
                    let finder = memmem::Finder::new(b"?>");
                    let Some(at) = self.find(2, 1, |b| finder.find(b))? else {
                        return Err(self.error(self.pos, "a processing instruction is not closed"));
                    };
                    self.pos += at + 2;
                }
                b'!' => {
                    self.want(9)?;
                    let rest = &self.buf[self.pos..self.end];
                    if rest.starts_with(b"<!--") {
                        let finder = memmem::Finder::new(b"-->");
                        let Some(at) = self.find(4, 2, |b| finder.find(b))? else {
                            return Err(self.error(self.pos, "a comment is not closed"));
                        };
                        self.pos += at + 3;
                    } else if rest.starts_with(b"<![CDATA[") {
                        let finder = memmem::Finder::new(b"]]>");
                        let Some(at) = self.find(9, 2, |b| finder.find(b))? else {
                            return Err(self.error(self.pos, "a CDATA section is not closed"));
                        };
                        let data = Span::of(self.pos + 9..self.pos + at);
                        self.pos += at + 3;
                        return Ok(Token::CData(data));
                    } else {
                        // A DOCTYPE, perhaps with an internal subset in [...].
                        let Some(at) = self.find(2, 0, |b| memchr2(b'>', b'[', b))? else {
                            return Err(self.error(self.pos, "a declaration is not closed"));
                        };
                        let mut close = at;
                        if self.buf[self.pos + at] == b'[' {
                            let Some(end) = self.find(at, 0, |b| memchr(b']', b))? else {
                                return Err(self.error(self.pos, "a declaration is not closed"));
                            };
                            let Some(gt) = self.find(end, 0, |b| memchr(b'>', b))? else {
                                return Err(self.error(self.pos, "a declaration is not closed"));
                            };
                            close = gt;
                        }
                        self.pos += close + 1;
                    }
                }
                _ => return self.start_tag(),
            }
        }
    }

    /// The offset of the `>` that closes the tag at `pos`: the first one
    /// outside quotes, in an end tag too (as quick-xml reads them).
    fn tag_end(&mut self, mut from: usize, unclosed: &str) -> Result<usize, XmlError> {
        loop {
            let Some(at) = self.find(from, 0, |b| memchr3(b'>', b'"', b'\'', b))? else {
                return Err(self.error(self.pos, unclosed));
            };
            let quote = self.buf[self.pos + at];
            if quote == b'>' {
                return Ok(at);
            }
            let Some(close) = self.find(at + 1, 0, |b| memchr(quote, b))? else {
                return Err(self.error(self.pos, unclosed));
            };
            from = close + 1;
        }
    }

    /// A start tag at `pos`.
    fn start_tag(&mut self) -> Result<Token, XmlError> {
        let gt = self.tag_end(1, "a start tag is not closed")?;
        let start = self.pos;
        self.pos += gt + 1;
        let mut inner = start + 1..start + gt;
        let empty = self.buf[..inner.end].ends_with(b"/") && inner.end > inner.start;
        if empty {
            inner.end -= 1;
        }
        // `<>` or `< a>` is a start without a name, which nothing matches.
        let name_len = self.buf[inner.clone()]
            .iter()
            .position(|b| b.is_ascii_whitespace())
            .unwrap_or(inner.len());
        let name = Span::of(inner.start..inner.start + name_len);
        if empty {
            self.pending_end = Some(name);
        }
        Ok(Token::Start {
            name,
            attrs: Span::of(inner.start + name_len..inner.end),
        })
    }
}

fn trim_end(buf: &[u8], mut r: Range<usize>) -> Range<usize> {
    while r.end > r.start && buf[r.end - 1].is_ascii_whitespace() {
        r.end -= 1;
    }
    r
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

    /// The buffer holds a whole token; the cap stops a text, a tag or a
    /// text with entities once it passes MAX_TOKEN, and what follows a
    /// long but allowed token reads normally.
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
