//! `--format json`: the writer of the documented, stable contract
//! (version 1), whose types and mapping from the model are in `contract`.

mod contract;

pub use contract::status_word;

use super::RenderOptions;
use crate::outcome::Outcome;
use crate::template::Template;
use contract::{FieldOut, ShowDoc, finding_out, head, innovation_out};
use serde::Serialize;
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
    // The document is written with its two long arrays empty, and their
    // elements are rendered on every core and put in their place (a list of
    // 100k innovations is 50 MB of JSON, a tenth of a second on one core).
    let mut doc = head(outcome, t, opts);
    doc.since = since;
    let mut skeleton = Vec::new();
    if pretty {
        serde_json::to_writer_pretty(&mut skeleton, &doc)?;
    } else {
        serde_json::to_writer(&mut skeleton, &doc)?;
    }
    let mut rest = skeleton.as_slice();
    for key in ["innovations", "findings"] {
        // The top-level key: in a JSON string its quotes would be escaped,
        // and a pretty document has it alone at the start of a line.
        let marker = if pretty {
            format!("\n  \"{key}\": []")
        } else {
            format!(",\"{key}\":[]")
        };
        let at = memchr::memmem::find(rest, marker.as_bytes())
            .map(|p| p + marker.len() - 1)
            .ok_or_else(|| {
                crate::diag::Trouble::new(
                    format!("galat internal: \"{key}\" tidak ada di dokumen JSON"),
                    format!("internal error: no \"{key}\" in the JSON document"),
                )
            })?;
        out.write_all(&rest[..at])?;
        if key == "innovations" {
            write_elements(out, &outcome.innovations, innovation_out, pretty)?;
        } else {
            write_elements(
                out,
                &outcome.findings,
                |f| finding_out(f, outcome, opts),
                pretty,
            )?;
        }
        rest = &rest[at..];
    }
    out.write_all(rest)?;
    writeln!(out)?;
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
        innovation: innovation_out(inn),
        fields,
        findings: findings
            .iter()
            .map(|f| finding_out(f, outcome, opts))
            .collect(),
    };
    let mut out = io::BufWriter::new(io::stdout().lock());
    serde_json::to_writer_pretty(&mut out, &doc)?;
    writeln!(out)?;
    out.flush()?;
    Ok(())
}

/// Elements per rendering task.
const CHUNK: usize = 1024;

/// The elements of a top-level array, between its `[` and `]`, exactly as
/// serde_json would write them there: rendered in chunks on every core, a
/// few chunks at a time so the rendered text never piles up.
fn write_elements<'a, T, O, F>(
    out: &mut dyn Write,
    items: &'a [T],
    to_out: F,
    pretty: bool,
) -> anyhow::Result<()>
where
    T: Sync,
    O: Serialize,
    F: Fn(&'a T) -> O + Sync,
{
    use rayon::prelude::*;
    let window = CHUNK * 2 * rayon::current_num_threads().max(1);
    for (w, part) in items.chunks(window).enumerate() {
        let rendered: Vec<serde_json::Result<Vec<u8>>> = part
            .par_chunks(CHUNK)
            .enumerate()
            .map(|(c, chunk)| {
                let mut buf = Vec::new();
                for (k, item) in chunk.iter().enumerate() {
                    let first = w == 0 && c == 0 && k == 0;
                    let value = to_out(item);
                    if !pretty {
                        buf.extend_from_slice(if first { b"" } else { b"," });
                        serde_json::to_writer(&mut buf, &value)?;
                        continue;
                    }
                    buf.extend_from_slice(if first { b"\n    " } else { b",\n    " });
                    let mut ser = serde_json::Serializer::with_formatter(&mut buf, Nested::new());
                    value.serialize(&mut ser)?;
                }
                Ok(buf)
            })
            .collect();
        for r in rendered {
            out.write_all(&r?)?;
        }
    }
    if pretty && !items.is_empty() {
        out.write_all(b"\n  ")?;
    }
    Ok(())
}

/// serde_json's pretty layout (two spaces an indent), for a value that
/// starts two levels deep: an element of one of the document's top-level
/// arrays, rendered alone.
struct Nested {
    depth: usize,
    /// Whether the array or object just closing had anything in it.
    has_value: bool,
}

impl Nested {
    fn new() -> Self {
        Nested {
            depth: 2,
            has_value: false,
        }
    }

    fn open<W: ?Sized + Write>(&mut self, w: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        w.write_all(bracket)
    }

    fn close<W: ?Sized + Write>(&mut self, w: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.depth -= 1;
        if self.has_value {
            self.line(w, false)?;
        }
        w.write_all(bracket)
    }

    /// A new line at the current depth, after a comma unless `first`.
    fn line<W: ?Sized + Write>(&self, w: &mut W, comma: bool) -> io::Result<()> {
        w.write_all(if comma { b",\n" } else { b"\n" })?;
        for _ in 0..self.depth {
            w.write_all(b"  ")?;
        }
        Ok(())
    }
}

impl serde_json::ser::Formatter for Nested {
    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.open(w, b"[")
    }
    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.close(w, b"]")
    }
    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.line(w, !first)
    }
    fn end_array_value<W: ?Sized + Write>(&mut self, _: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.open(w, b"{")
    }
    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.close(w, b"}")
    }
    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.line(w, !first)
    }
    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        w.write_all(b": ")
    }
    fn end_object_value<W: ?Sized + Write>(&mut self, _: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::settings::{CheckSettings, Format};

    /// The document as serde_json writes it in one go, arrays and all.
    fn whole(outcome: &Outcome, t: &Template, opts: &RenderOptions, pretty: bool) -> Vec<u8> {
        let mut doc = head(outcome, t, opts);
        doc.innovations = outcome.innovations.iter().map(innovation_out).collect();
        doc.findings = outcome
            .findings
            .iter()
            .map(|f| finding_out(f, outcome, opts))
            .collect();
        let mut out = Vec::new();
        if pretty {
            serde_json::to_writer_pretty(&mut out, &doc).unwrap();
        } else {
            serde_json::to_writer(&mut out, &doc).unwrap();
        }
        out.push(b'\n');
        out
    }

    #[test]
    fn arrays_rendered_in_parallel_are_what_serde_writes_whole() {
        let t = Template::builtin("iid-2026").unwrap().unwrap();
        let settings = CheckSettings {
            paths: vec![std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data")],
            template: t.clone(),
            lang: crate::diag::Lang::Id,
            as_of: chrono::NaiveDate::from_ymd_opt(2026, 11, 24).unwrap(),
            format: Format::Json,
            fail_on: None,
            quiet: true,
            width: None,
            output: None,
            force: false,
            watch: false,
            projector: false,
            full: false,
            since: None,
            excel_csv: false,
            evidence: Vec::new(),
            spd: None,
            spd_sheet: None,
            pemda: "Kab. Contoh".into(),
            baselines: Vec::new(),
            roster: None,
            year: 2026,
            stale_after_days: 365,
            match_threshold: 0.85,
            history: None,
        };
        let mut outcome = crate::cmd::check::evaluate(&settings).unwrap();
        assert!(!outcome.innovations.is_empty() && !outcome.findings.is_empty());
        let opts = RenderOptions {
            lang: crate::diag::Lang::Id,
            as_of: settings.as_of,
            width: None,
        };
        let check = |outcome: &Outcome| {
            for pretty in [true, false] {
                let mut ours = Vec::new();
                write_doc(&mut ours, outcome, &t, &opts, pretty).unwrap();
                let theirs = whole(outcome, &t, &opts, pretty);
                assert!(
                    ours == theirs,
                    "pretty {pretty}, {} innovations: output differs",
                    outcome.innovations.len()
                );
            }
        };
        check(&outcome);
        check(&Outcome::default());
        // More elements than one window of chunks, and not a multiple of one.
        let (inn, fin) = (outcome.innovations.clone(), outcome.findings.clone());
        while outcome.innovations.len() < 3 * CHUNK * 2 * rayon::current_num_threads() + 7 {
            outcome.innovations.extend(inn.iter().cloned());
            outcome.findings.extend(fin.iter().cloned());
        }
        check(&outcome);
        outcome.findings.clear();
        check(&outcome);
    }
}
