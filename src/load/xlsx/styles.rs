//! Which cell styles show a date: the number formats of styles.xml.

use super::text::decoded;
use crate::load::xml::{Token, Tokens, attr, local};
use std::collections::HashMap;
use std::io::Read;

/// For each cell format (`cellXfs`), whether its number format is a date.
pub(super) fn date_styles<R: Read>(mut t: Tokens<R>) -> Option<Vec<bool>> {
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
pub(super) fn is_builtin_date(id: &[u8]) -> bool {
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
pub(super) fn is_date_format(code: &str) -> bool {
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
