//! A template mistake told in an officer's words, in Bahasa Indonesia and
//! in English: TOML's and serde's messages ("unknown field", "invalid
//! type: string \"ya\", expected a boolean") read into what is expected and
//! how to fix it, the nearest known key for a typo, curly quotes named as
//! such, and a file that is not UTF-8 with the way to save it as UTF-8 in
//! Notepad. Nothing here decides what a template may say.

use super::error::{Segment, TemplateError, line_col, locate};
use crate::diag::Say;

/// The known word closest to `word`, when it is close enough to be a typo.
pub(super) fn nearest<'c>(word: &str, known: &[&'c str]) -> Option<&'c str> {
    known
        .iter()
        .map(|k| (*k, strsim::jaro_winkler(word, k)))
        .filter(|(_, score)| *score >= 0.8)
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(k, _)| k)
}

const CURLY: [char; 4] = ['\u{201C}', '\u{201D}', '\u{2018}', '\u{2019}'];

/// The first curly quote that stands where TOML needs a straight one (not
/// inside a straight-quoted string or a comment), as a byte offset.
fn stray_curly_quote(src: &str) -> Option<usize> {
    let mut offset = 0;
    for line in src.split_inclusive('\n') {
        let mut quote: Option<char> = None;
        let mut escaped = false;
        for (i, c) in line.char_indices() {
            match quote {
                Some(q) => {
                    if escaped {
                        escaped = false;
                    } else if c == '\\' && q == '"' {
                        escaped = true;
                    } else if c == q {
                        quote = None;
                    }
                }
                None if c == '"' || c == '\'' => quote = Some(c),
                None if c == '#' => break,
                None if CURLY.contains(&c) => return Some(offset + i),
                None => {}
            }
        }
        offset += line.len();
    }
    None
}

/// A file that TOML cannot read at all.
pub(super) fn syntax(file: &str, src: &str, e: &toml::de::Error) -> TemplateError {
    let at = |offset: usize, message| {
        let (line, column) = line_col(src, offset);
        TemplateError {
            file: file.to_string(),
            line,
            column,
            message,
        }
    };
    if let Some(q) = stray_curly_quote(src) {
        let c = src[q..].chars().next().unwrap_or('"');
        let straight = if matches!(c, '\u{2018}' | '\u{2019}') {
            '\''
        } else {
            '"'
        };
        return at(
            q,
            Say::CurlyQuote.both(&[("c", &c), ("straight", &straight)]),
        );
    }
    let detail = e.message().trim().replace('\n', "; ");
    let lead = if detail.contains("duplicate key") {
        Say::TomlDuplicateKey.both(&[])
    } else if detail.contains("must be quoted") {
        Say::TomlUnquoted.both(&[])
    } else if detail.contains("expected `=`") || detail.contains("key with no value") {
        Say::TomlNoEquals.both(&[])
    } else if detail.contains("invalid string") || detail.contains("unterminated") {
        Say::TomlUnterminated.both(&[])
    } else if detail.contains("table header") || detail.contains("expected `]`") {
        Say::TomlHeader.both(&[])
    } else {
        Say::TomlInvalid.both(&[])
    };
    at(
        e.span().map_or(0, |s| s.start),
        lead.map(|l| format!("{l} (TOML: {detail})")),
    )
}

/// A file whose bytes are not UTF-8: where, and how to save it as UTF-8.
pub(super) fn not_utf8(file: &str, bytes: &[u8], e: &std::str::Utf8Error) -> TemplateError {
    let good = std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or_default();
    let (line, column) = line_col(good, good.len());
    TemplateError {
        file: file.to_string(),
        line,
        column,
        message: Say::NotUtf8.both(&[]),
    }
}

/// The key written before `=` on the line of byte `at` of `src`, if any.
fn key_at(src: &str, at: usize) -> Option<String> {
    let at = at.min(src.len());
    let start = src[..at].rfind('\n').map_or(0, |i| i + 1);
    let line = &src[start..];
    let line = &line[..line.find('\n').unwrap_or(line.len())];
    let (key, _) = line.split_once('=')?;
    let key = key.trim().trim_matches('"');
    (!key.is_empty() && !key.starts_with('[') && key.len() <= 60).then(|| key.to_string())
}

/// Whether the value at byte `at` of `src` is a date written without
/// quotes (`2024-01-01`).
fn unquoted_date(src: &str, at: usize) -> bool {
    let rest = src.get(at.min(src.len())..).unwrap_or_default().as_bytes();
    rest.len() >= 10
        && rest[..4].iter().all(u8::is_ascii_digit)
        && rest[4] == b'-'
        && rest[5..7].iter().all(u8::is_ascii_digit)
        && rest[7] == b'-'
}

/// The names between backquotes in `s`.
fn quoted(s: &str) -> Vec<&str> {
    s.split('`').skip(1).step_by(2).collect()
}

/// What a serde "expected ..." means, in an officer's words.
fn expected_words(exp: &str) -> [String; 2] {
    let exp = exp.trim();
    if exp.contains("boolean") {
        Say::ExpectBool.both(&[])
    } else if exp.contains("string") {
        Say::ExpectText.both(&[])
    } else if ["u8", "u16", "u32", "u64", "usize"].contains(&exp) {
        Say::ExpectUnsigned.both(&[])
    } else if ["i8", "i16", "i32", "i64", "isize"].contains(&exp) {
        Say::ExpectInteger.both(&[])
    } else if exp == "f64" || exp == "f32" {
        Say::ExpectNumber.both(&[])
    } else if let Some(n) = exp.strip_prefix("an array of length ") {
        Say::ExpectListOf.both(&[("n", &n)])
    } else if exp.contains("sequence") || exp.contains("array") {
        Say::ExpectList.both(&[])
    } else if exp.starts_with("struct") || exp.contains("map") || exp.contains("table") {
        Say::ExpectSection.both(&[])
    } else {
        [exp.to_string(), exp.to_string()]
    }
}

/// What a serde "invalid type: ..." found, in an officer's words.
fn found_words(unexp: &str) -> [String; 2] {
    let u = unexp.trim();
    let value = |rest: &str| rest.trim().trim_matches('`').to_string();
    if let Some(s) = u.strip_prefix("string ") {
        [s.trim().to_string(), s.trim().to_string()]
    } else if let Some(rest) = u
        .strip_prefix("integer ")
        .or_else(|| u.strip_prefix("floating point "))
        .or_else(|| u.strip_prefix("boolean "))
    {
        [value(rest), value(rest)]
    } else if u == "sequence" {
        Say::FoundList.both(&[])
    } else if u == "map" {
        Say::FoundSection.both(&[])
    } else {
        [u.to_string(), u.to_string()]
    }
}

/// A mistake serde found while reading the merged tree into `raw.rs`.
pub(super) fn shape(segs: &[Segment<'_>], e: &toml::de::Error) -> TemplateError {
    let span = e.span().unwrap_or(0..0);
    let (seg, local) = locate(segs, span.clone());
    let msg = e.message().trim();
    let key = key_at(seg.src, local.start);
    let lead = key.as_deref().map_or(String::new(), |k| format!("{k}: "));
    let message = if let Some(rest) = msg.strip_prefix("unknown field ") {
        let names = quoted(rest);
        let (word, known) = names.split_first().map_or(("", &[][..]), |(w, k)| (*w, k));
        match nearest(word, known) {
            Some(n) => Say::UnknownKeyNear.both(&[("word", &word), ("n", &n)]),
            None => {
                let known = known.join(", ");
                Say::UnknownKey.both(&[("word", &word), ("known", &known)])
            }
        }
    } else if let Some(rest) = msg.strip_prefix("missing field ") {
        let name = quoted(rest).first().copied().unwrap_or(rest).to_string();
        Say::MissingKey.both(&[("name", &name)])
    } else if let Some(rest) = msg
        .strip_prefix("invalid type: ")
        .or_else(|| msg.strip_prefix("invalid value: "))
        && let Some((found, exp)) = rest.split_once(", expected ")
    {
        let [ei, ee] = expected_words(exp);
        let [fi, fe] = found_words(found);
        if exp.contains("string") && unquoted_date(seg.src, local.start) {
            // TOML reads 2024-01-01 without quotes as its own date type.
            Say::DateInQuotes.both(&[("lead", &lead)])
        } else {
            Say::ValueMustBe.both(&[
                ("lead", &lead),
                ("expected", &ei),
                ("expected_en", &ee),
                ("found", &fi),
                ("found_en", &fe),
            ])
        }
    } else if let Some(rest) = msg.strip_prefix("invalid length ")
        && let Some((n, exp)) = rest.split_once(", expected ")
    {
        let [ei, ee] = expected_words(exp);
        Say::ValueMustBeNotList.both(&[
            ("lead", &lead),
            ("expected", &ei),
            ("expected_en", &ee),
            ("n", &n),
        ])
    } else if let Some(rest) = msg.strip_prefix("duplicate field ") {
        let name = quoted(rest).first().copied().unwrap_or(rest).to_string();
        Say::DuplicateKey.both(&[("name", &name)])
    } else {
        Say::TomlError.both(&[("msg", &msg)])
    };
    TemplateError::at(segs, span, message)
}
