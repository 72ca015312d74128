//! A template that could not be read: where (file, line, column) and what,
//! in Bahasa Indonesia and in English; and where a span of a merged tree
//! (a template and its ancestors) came from.

use crate::diag::{Lang, Say, Text};
use std::fmt;
use std::ops::Range;

/// A template that could not be read. Displayed as `file:line:col: message`
/// (in Bahasa Indonesia; [`TemplateError::display`] picks the language).
#[derive(Debug, Clone, PartialEq)]
pub struct TemplateError {
    pub file: String,
    pub line: usize,
    pub column: usize,
    /// The mistake in Bahasa Indonesia and in English.
    pub message: Text,
}

impl TemplateError {
    pub fn message(&self, lang: Lang) -> &str {
        lang.pick(&self.message).as_str()
    }

    /// `file:line:col: message` in `lang`.
    pub fn display(&self, lang: Lang) -> String {
        format!(
            "{}:{}:{}: {}",
            self.file,
            self.line,
            self.column,
            self.message(lang)
        )
    }

    /// A mistake at `span` of a merged tree (see [`Segment`]): the
    /// file it came from, its line and column. A place the message names
    /// as `@@offset@@` is written `line L` (in another file, `file:L`).
    pub(super) fn at(
        segs: &[Segment<'_>],
        span: Range<usize>,
        message: [String; 2],
    ) -> TemplateError {
        let (seg, local) = locate(segs, span);
        let (line, column) = line_col(seg.src, local.start);
        let fill = |m: String, lang: Lang| {
            let mut out = String::with_capacity(m.len());
            let mut rest = m.as_str();
            while let Some(i) = rest.find("@@") {
                let Some(j) = rest[i + 2..].find("@@") else {
                    break;
                };
                let Ok(offset) = rest[i + 2..i + 2 + j].parse::<usize>() else {
                    break;
                };
                out.push_str(&rest[..i]);
                let (other, o) = locate(segs, offset..offset);
                let (l, _) = line_col(other.src, o.start);
                if std::ptr::eq(other, seg) {
                    out.push_str(&lang.fill(Say::LineAt, &[("line", &l)]));
                } else {
                    out.push_str(&format!("{}:{l}", other.file));
                }
                rest = &rest[i + 2 + j + 2..];
            }
            out.push_str(rest);
            out
        };
        let [id, en] = message;
        let message = [fill(id, Lang::Id), fill(en, Lang::En)];
        TemplateError {
            file: seg.file.clone(),
            line,
            column,
            message,
        }
    }
}

impl fmt::Display for TemplateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.display(Lang::Id))
    }
}

impl std::error::Error for TemplateError {}

/// One source file of a merged tree: its spans are `base..base + src.len()`.
pub(super) struct Segment<'a> {
    pub base: usize,
    pub file: String,
    pub src: &'a str,
}

/// The segment a span of the merged tree falls in, and the span within it.
pub(super) fn locate<'s, 'a>(
    segs: &'s [Segment<'a>],
    span: std::ops::Range<usize>,
) -> (&'s Segment<'a>, std::ops::Range<usize>) {
    let seg = segs
        .iter()
        .rev()
        .find(|s| s.base <= span.start)
        .unwrap_or(&segs[0]);
    let start = span.start - seg.base;
    (seg, start..span.end.saturating_sub(seg.base).max(start))
}

/// 1-based line and column of byte `at` in `src`.
pub(super) fn line_col(src: &str, at: usize) -> (usize, usize) {
    let mut at = at.min(src.len());
    while !src.is_char_boundary(at) {
        at -= 1;
    }
    let before = &src[..at];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}
