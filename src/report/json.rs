//! `--format json`: the writer of the documented, stable contract
//! (version 1), whose types and mapping from the model are in `contract`.

mod contract;

pub use contract::status_word;

use super::RenderOptions;
use crate::outcome::Outcome;
use crate::template::Template;
use contract::{Each, FieldOut, ShowDoc, finding_out, head, innovation_out};
use std::io::{self, Write};

pub fn json(outcome: &Outcome, t: &Template, opts: &RenderOptions) -> anyhow::Result<()> {
    // stdout is line-buffered: pretty JSON would cost one write per line.
    let mut out = io::BufWriter::with_capacity(1 << 16, io::stdout().lock());
    json_to(&mut out, outcome, t, opts)?;
    out.flush()?;
    Ok(())
}

/// The JSON document into any writer (the export package holds the same bytes).
pub fn json_to(
    out: &mut dyn Write,
    outcome: &Outcome,
    t: &Template,
    opts: &RenderOptions,
) -> anyhow::Result<()> {
    write_doc(out, outcome, t, opts, true)
}

/// The same document on one line (JSON Lines: `check --watch` prints one
/// per run).
pub fn json_line_to(
    out: &mut dyn Write,
    outcome: &Outcome,
    t: &Template,
    opts: &RenderOptions,
) -> anyhow::Result<()> {
    write_doc(out, outcome, t, opts, false)
}

/// The document with what changed since an earlier run (the `since`
/// object), pretty or on one line.
pub fn json_since_to(
    out: &mut dyn Write,
    outcome: &Outcome,
    t: &Template,
    opts: &RenderOptions,
    since: Option<&crate::since::Since>,
    pretty: bool,
) -> anyhow::Result<()> {
    write_doc_since(out, outcome, t, opts, pretty, since)
}

fn write_doc(
    out: &mut dyn Write,
    outcome: &Outcome,
    t: &Template,
    opts: &RenderOptions,
    pretty: bool,
) -> anyhow::Result<()> {
    write_doc_since(out, outcome, t, opts, pretty, None)
}

fn write_doc_since(
    out: &mut dyn Write,
    outcome: &Outcome,
    t: &Template,
    opts: &RenderOptions,
    pretty: bool,
    since: Option<&crate::since::Since>,
) -> anyhow::Result<()> {
    // Written by serde in one pass, the long arrays made element by element
    // as they are written: rendering them on every core and splicing them
    // in saved too little CPU to keep, and as lists they held 392 bytes an
    // innovation (BENCHMARKS.md).
    let mut doc = head(outcome, t, opts);
    doc.since = since;
    doc.innovations =
        Each::new(|| Box::new((outcome.innovations.iter()).map(|i| innovation_out(i, t, outcome))));
    doc.findings =
        Each::new(|| Box::new((outcome.findings.iter()).map(|f| finding_out(f, outcome, opts))));
    // serde writes a document in many small pieces (a key, a quote, each
    // level of indentation): into a buffer of a known type they are copies
    // the compiler inlines, where each write to `dyn Write` is a call.
    let mut buffered = io::BufWriter::with_capacity(1 << 16, out);
    if pretty {
        write_pretty(&mut buffered, &doc)?;
    } else {
        serde_json::to_writer(&mut buffered, &doc)?;
    }
    writeln!(buffered)?;
    buffered.flush()?;
    Ok(())
}

pub fn show_json(
    inn: &crate::outcome::Innovation,
    record: Option<&crate::normalize::Record>,
    findings: &[&crate::diag::Finding],
    outcome: &Outcome,
    t: &Template,
    opts: &RenderOptions,
) -> anyhow::Result<()> {
    let fields = t
        .fields
        .iter()
        .enumerate()
        .map(|(fi, f)| FieldOut {
            key: &f.key,
            label: f.label(opts.lang),
            value: record.and_then(|r| r.cell(fi)).map(|c| c.text.as_str()),
        })
        .collect();
    let doc = ShowDoc {
        version: contract::VERSION,
        tool: contract::tool(),
        template: contract::template_ref(t),
        as_of: opts.as_of.format("%Y-%m-%d").to_string(),
        innovation: innovation_out(inn, t, outcome),
        fields,
        findings: findings
            .iter()
            .map(|f| finding_out(f, outcome, opts))
            .collect(),
    };
    let mut out = io::BufWriter::new(io::stdout().lock());
    write_pretty(&mut out, &doc)?;
    writeln!(out)?;
    out.flush()?;
    Ok(())
}

/// `serde_json::to_writer_pretty`'s output, byte for byte.
fn write_pretty<W: Write, T: serde::Serialize + ?Sized>(out: &mut W, value: &T) -> io::Result<()> {
    let mut ser = serde_json::Serializer::with_formatter(out, Pretty::default());
    value.serialize(&mut ser).map_err(io::Error::from)
}

/// serde_json's `PrettyFormatter` (two spaces a level) writing a line break
/// and its indentation in one write, sliced from a static run of spaces,
/// where that one writes each level on its own: a document of a few hundred
/// thousand lines was thousands of small copies into the buffer per line.
#[derive(Default)]
struct Pretty {
    depth: usize,
    has_value: bool,
}

/// `,` and a line break, then as many spaces as the deepest level the fast
/// path serves; deeper levels fall back to writing the run repeatedly.
const BREAK: &[u8; 2 + 64] = b",\n                                                                ";

impl Pretty {
    fn line<W: ?Sized + Write>(&self, w: &mut W, comma: bool) -> io::Result<()> {
        let from = if comma { 0 } else { 1 };
        let spaces = 2 * self.depth;
        if spaces <= BREAK.len() - 2 {
            return w.write_all(&BREAK[from..2 + spaces]);
        }
        w.write_all(&BREAK[from..2])?;
        let mut left = spaces;
        while left > 0 {
            let n = left.min(BREAK.len() - 2);
            w.write_all(&BREAK[2..2 + n])?;
            left -= n;
        }
        Ok(())
    }

    /// `[` or `{`: one level deeper, nothing in it yet.
    fn open<W: ?Sized + Write>(&mut self, w: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        w.write_all(bracket)
    }

    /// `]` or `}`, on a line of its own when something came before it.
    fn close<W: ?Sized + Write>(&mut self, w: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.depth -= 1;
        if self.has_value {
            self.line(w, false)?;
        }
        w.write_all(bracket)
    }
}

impl serde_json::ser::Formatter for Pretty {
    #[inline]
    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.open(w, b"[")
    }

    #[inline]
    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.close(w, b"]")
    }

    #[inline]
    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.line(w, !first)
    }

    #[inline]
    fn end_array_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    #[inline]
    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.open(w, b"{")
    }

    #[inline]
    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.close(w, b"}")
    }

    #[inline]
    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.line(w, !first)
    }

    #[inline]
    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        w.write_all(b": ")
    }

    #[inline]
    fn end_object_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::write_pretty;

    #[test]
    fn pretty_is_serde_jsons_pretty_byte_for_byte() {
        // Deeper than the static run of spaces, empty and nested containers.
        let mut deep = serde_json::json!({"a": [1, {"b": []}, {}], "c": "d"});
        for i in 0..40 {
            deep = serde_json::json!({"k": [deep, i, [], {"e": null}]});
        }
        for v in [
            serde_json::json!([]),
            serde_json::json!({}),
            serde_json::json!(1),
            deep,
        ] {
            let mut ours = Vec::new();
            write_pretty(&mut ours, &v).unwrap();
            assert_eq!(ours, serde_json::to_vec_pretty(&v).unwrap());
        }
    }
}
