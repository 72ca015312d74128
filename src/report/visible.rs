//! Text for a terminal, made unable to command it. Cell values, sheet and
//! file names come from the agencies' files; printed as they are, an ESC or
//! OSC sequence would clear the screen, retitle the window, hide text or
//! plant a link, a `\r` would overwrite the line before it, a newline would
//! print a line that looks like a finding of bimtek's own, and a bidi
//! override would reorder what is read. Every such character is shown as
//! text instead (`\u{1b}`, `\r`, `\n`); every other character, "é" or an
//! Indonesian name, prints unchanged.
//!
//! Two layers, both here: [`visible`] wraps one value as it is formatted
//! (it also makes a newline visible), and [`visible_lines`] and
//! [`visible_report`] pass over a whole text on its way to the terminal,
//! keeping the newlines (and colours) the renderer put there itself, so a
//! value a renderer forgot to wrap still cannot command the terminal. JSON,
//! CSV, HTML and xlsx have their own escaping and never pass through here.

use std::borrow::Cow;
use std::fmt::Write as _;

/// The colour sequences the renderers write themselves; [`visible_report`]
/// lets exactly these through when colour is on.
pub(super) const BOLD: &str = "\x1b[1m";
pub(super) const RED: &str = "\x1b[31m";
pub(super) const YELLOW: &str = "\x1b[33m";
pub(super) const CYAN: &str = "\x1b[36m";
pub(super) const RESET: &str = "\x1b[0m";
const COLORS: [&str; 5] = [BOLD, RED, YELLOW, CYAN, RESET];

/// Whether `c` must not reach a terminal as it is: C0 controls, DEL, C1
/// controls, and the bidi embeddings, overrides and isolates.
fn commands(c: char) -> bool {
    c.is_control()
        || ('\u{202A}'..='\u{202E}').contains(&c)
        || ('\u{2066}'..='\u{2069}').contains(&c)
}

fn push_shown(out: &mut String, c: char) {
    match c {
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        _ => {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        }
    }
}

/// The text with every character that commands a terminal shown as text;
/// `keep` may let the renderer's own newlines and colours through.
fn shown<'a>(s: &'a str, keep_newline: bool, keep_colors: bool) -> Cow<'a, str> {
    let bad = |c: char| commands(c) && !(keep_newline && c == '\n');
    if !s.chars().any(bad) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    let mut rest = s;
    while let Some(c) = rest.chars().next() {
        if keep_colors
            && c == '\x1b'
            && let Some(color) = COLORS.iter().find(|k| rest.starts_with(**k))
        {
            out.push_str(color);
            rest = &rest[color.len()..];
            continue;
        }
        if bad(c) {
            push_shown(&mut out, c);
        } else {
            out.push(c);
        }
        rest = &rest[c.len_utf8()..];
    }
    Cow::Owned(out)
}

/// One value for a line of terminal output: every control character
/// (newlines too) and bidi override shown as text.
pub fn visible(s: &str) -> Cow<'_, str> {
    shown(s, false, false)
}

/// A whole text for the terminal whose newlines are its own (an error
/// message, a frame): everything else that commands a terminal is shown as
/// text.
pub fn visible_lines(s: &str) -> Cow<'_, str> {
    shown(s, true, false)
}

/// A rendered report on its way out: its newlines kept, and its own colours
/// when `color` is on; anything else shown as text.
pub(super) fn visible_report(s: String, color: bool) -> String {
    let changed = match shown(&s, true, color) {
        Cow::Owned(o) => Some(o),
        Cow::Borrowed(_) => None,
    };
    changed.unwrap_or(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_are_shown_as_text() {
        assert_eq!(visible("a\x1b[2Jb"), "a\\u{1b}[2Jb");
        assert_eq!(
            visible("\x1b]0;judul\x07"),
            "\\u{1b}]0;judul\\u{7}",
            "OSC retitling the window"
        );
        assert_eq!(
            visible("\x1b]8;;http://x\x1b\\klik\x1b]8;;\x1b\\"),
            "\\u{1b}]8;;http://x\\u{1b}\\klik\\u{1b}]8;;\\u{1b}\\"
        );
        assert_eq!(visible("x\ry"), "x\\ry");
        assert_eq!(visible("x\ny"), "x\\ny");
        assert_eq!(visible("x\ty"), "x\\ty");
        assert_eq!(visible("\0\x7f"), "\\u{0}\\u{7f}");
    }

    #[test]
    fn c1_controls_and_bidi_overrides_are_shown() {
        assert_eq!(visible("a\u{9b}2Jb"), "a\\u{9b}2Jb", "8-bit CSI");
        assert_eq!(visible("\u{85}"), "\\u{85}");
        assert_eq!(visible("abc\u{202E}fdp.exe"), "abc\\u{202e}fdp.exe");
        for c in ['\u{202A}', '\u{202D}', '\u{2066}', '\u{2069}'] {
            assert!(visible(&c.to_string()).starts_with("\\u{"), "{c:?}");
        }
    }

    #[test]
    fn ordinary_text_is_unchanged_and_not_copied() {
        for s in [
            "Dinas Kesehatan — Si Cantik (final) é ✓ 2026",
            "Kab. Cianjur / naïve ½ 日本",
            "C:\\data\\inovasi.xlsx",
            "",
        ] {
            assert!(matches!(visible(s), Cow::Borrowed(_)), "{s}");
            assert!(matches!(visible_lines(s), Cow::Borrowed(_)), "{s}");
        }
        // Marks that are not overrides stay: they occur in ordinary text.
        assert_eq!(visible("a\u{200E}b"), "a\u{200E}b");
    }

    #[test]
    fn whole_texts_keep_their_newlines_only() {
        assert_eq!(
            visible_lines("satu\ndua\r\x1b[1m"),
            "satu\ndua\\r\\u{1b}[1m"
        );
        assert_eq!(visible_report("a\x1b[1mb".into(), false), "a\\u{1b}[1mb");
    }

    #[test]
    fn a_report_in_colour_keeps_exactly_its_own_colours() {
        let ours = format!("{BOLD}Temuan{RESET}\n{RED}GALAT{RESET}");
        assert_eq!(visible_report(ours.clone(), true), ours);
        // Concealed text (SGR 8), a cursor move, a clear screen: not ours.
        assert_eq!(
            visible_report("\x1b[8mx\x1b[2Ay\x1b[2J".into(), true),
            "\\u{1b}[8mx\\u{1b}[2Ay\\u{1b}[2J"
        );
        assert_eq!(visible_report("\x1b".into(), true), "\\u{1b}");
    }
}
