//! The text of a string item (shared or inline), of an attribute value,
//! and Excel's escapes.

use super::{Fail, eof};
use crate::load::xml::{MAX_TOKEN, Token, Tokens, XmlError, attr, local, push_cdata, push_text};
use std::io::Read;

/// Attribute values as text, entities resolved.
pub(super) fn decoded(raw: &[u8]) -> Option<String> {
    let mut out = String::new();
    push_text(raw, &mut out, false).ok()?;
    Some(out)
}

/// The text of a string item (`<si>`, `<is>`, whose start was just read and
/// whose qualified name is `closing`): its `<t>`, or the `<t>` of each rich
/// text run `<r>` joined; phonetic runs (`<rPh>`) are left out. Without
/// `xml:space="preserve"`, a `<t>` loses spaces, tabs and line ends at
/// either end.
pub(super) fn read_string<R: Read>(
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
pub(super) fn unescape_excel(text: String) -> String {
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
