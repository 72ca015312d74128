//! `--format csv`: one row per finding, the same keys as the JSON findings
//! (a finding about no one innovation has its last two columns empty);
//! and the one CSV writer every CSV bimtek writes goes through ([`Writer`]),
//! which keeps a cell from being run as a formula by a spreadsheet program.

use super::RenderOptions;
use crate::outcome::Outcome;
use std::io::{self, Write};

pub fn csv(outcome: &Outcome, opts: &RenderOptions, dialect: Dialect) -> anyhow::Result<()> {
    let stdout = io::BufWriter::with_capacity(1 << 16, io::stdout().lock());
    csv_to(stdout, outcome, opts, dialect)
}

/// The CSV into any writer (the export package holds the same bytes).
pub fn csv_to<W: Write>(
    out: W,
    outcome: &Outcome,
    opts: &RenderOptions,
    dialect: Dialect,
) -> anyhow::Result<()> {
    let mut w = Writer::new(out, dialect)?;
    write(&mut w, outcome, opts)?;
    w.flush()?;
    Ok(())
}

fn write<W: Write>(
    w: &mut Writer<W>,
    outcome: &Outcome,
    opts: &RenderOptions,
) -> anyhow::Result<()> {
    // The header is also the mark that tells this report from data.
    w.write_record(crate::load::marker::CSV_REPORT_HEADER)?;
    for f in &outcome.findings {
        let l = &f.location;
        let inn = outcome.innovation_of(f);
        w.write_record([
            f.code.to_string(),
            f.severity.to_string(),
            l.file.clone(),
            l.sheet.clone().unwrap_or_default(),
            l.row.map(|r| r.to_string()).unwrap_or_default(),
            l.column_letters().unwrap_or_default(),
            l.cell().unwrap_or_default(),
            f.field.clone().unwrap_or_default(),
            f.indicator.map(|i| i.to_string()).unwrap_or_default(),
            f.value.clone().unwrap_or_default(),
            f.message(opts.lang),
            f.hint(opts.lang),
            inn.map(|i| i.name().to_string()).unwrap_or_default(),
            inn.map(|i| i.agency.to_string())
                .or_else(|| f.agency.clone())
                .unwrap_or_default(),
        ])?;
    }
    Ok(())
}

/// Whether a spreadsheet program may take a cell starting with `c` for a
/// formula: `=`, `+`, `-`, `@`, tab and carriage return (OWASP's list for
/// CSV injection).
fn formula_start(c: u8) -> bool {
    matches!(c, b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r')
}

/// A cell as written to CSV: one that a spreadsheet program could run as a
/// formula gets a leading `'`, so it is shown as text (OWASP's rule, applied
/// as it stands: a negative number such as `-3.31` gets it too). JSON keeps
/// every value exact.
pub fn defuse(cell: &[u8]) -> std::borrow::Cow<'_, [u8]> {
    match cell.first() {
        Some(&c) if formula_start(c) => {
            let mut out = Vec::with_capacity(cell.len() + 1);
            out.push(b'\'');
            out.extend_from_slice(cell);
            out.into()
        }
        _ => cell.into(),
    }
}

/// How a CSV is spelled.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Dialect {
    /// UTF-8 without a byte-order mark, `,` between cells: for scripts.
    #[default]
    Plain,
    /// For Excel on an Indonesian Windows (`--excel-csv`): a UTF-8
    /// byte-order mark, without which Excel reads the bytes in the ANSI code
    /// page (`é` becomes `Ã©`), and `;` between cells, the list separator of
    /// the Indonesian regional settings (their decimal mark is `,`), which
    /// Excel splits on when a CSV is opened with a double click.
    Excel,
}

/// The UTF-8 byte-order mark.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// A CSV writer whose every cell goes through [`defuse`].
pub struct Writer<W: Write>(::csv::Writer<W>);

impl<W: Write> Writer<W> {
    pub fn from_writer(out: W) -> Self {
        Writer(::csv::Writer::from_writer(out))
    }

    /// A writer in `dialect`; the byte-order mark, if any, is written now.
    pub fn new(mut out: W, dialect: Dialect) -> io::Result<Self> {
        Ok(match dialect {
            Dialect::Plain => Self::from_writer(out),
            Dialect::Excel => {
                out.write_all(BOM)?;
                Writer(::csv::WriterBuilder::new().delimiter(b';').from_writer(out))
            }
        })
    }

    pub fn write_record<I, T>(&mut self, record: I) -> ::csv::Result<()>
    where
        I: IntoIterator<Item = T>,
        T: AsRef<[u8]>,
    {
        // Field by field: a cell that needs no quote is not copied.
        for c in record {
            self.0.write_field(defuse(c.as_ref()))?;
        }
        self.0.write_record(None::<&[u8]>)
    }

    pub fn flush(&mut self) -> io::Result<()> {
        self.0.flush()
    }

    pub fn into_inner(self) -> anyhow::Result<W> {
        self.0
            .into_inner()
            .map_err(|e| anyhow::anyhow!("{}", e.error()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_a_spreadsheet_would_run_get_a_quote() {
        let mut w = Writer::from_writer(Vec::new());
        w.write_record([
            "=1+1", "+62 811", "-3.31", "@SUM(A1)", "\tx", "\rx", "a=b", "",
        ])
        .unwrap();
        let out = String::from_utf8(w.into_inner().unwrap()).unwrap();
        assert_eq!(out, "'=1+1,'+62 811,'-3.31,'@SUM(A1),'\tx,\"'\rx\",a=b,\n");
    }

    #[test]
    fn excel_csv_starts_with_the_mark_and_splits_on_semicolons() {
        let mut w = Writer::new(Vec::new(), Dialect::Excel).unwrap();
        w.write_record(["Dinas Kesehatan", "a;b", "1,5", "café", "-3.31"])
            .unwrap();
        let out = w.into_inner().unwrap();
        assert_eq!(
            out,
            "\u{feff}Dinas Kesehatan;\"a;b\";1,5;café;'-3.31\n".as_bytes()
        );
    }
}
