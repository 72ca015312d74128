//! The submission package and the agencies' feedback workbooks, written from
//! what `check` produced (never re-checked): cleaned rows in the portal's
//! field order, evidence copied under stable names, the findings, a report,
//! the excluded innovations and a manifest with every hash. Outputs are
//! written through `write`, atomically.

pub mod feedback;
pub mod portal;
pub mod write;

use crate::check::{Innovation, Outcome};
use crate::diag::Severity;
use crate::normalize::date::portal_format;
use crate::normalize::{Coordinate, DateValue, Precision, Record, Value, collapse_spaces};
use crate::template::Template;
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, HashMap};
pub use write::{Entry, Source};

/// Field keys that describe a portal entry rather than the submission.
const META_FIELDS: &[&str] = &["terakhir_diperbarui", "skor_kematangan"];

/// The fields that make a submission row, in the template's (portal) order.
pub fn export_fields(t: &Template) -> Vec<usize> {
    (0..t.fields.len())
        .filter(|&i| !META_FIELDS.contains(&t.fields[i].key.as_str()))
        .collect()
}

/// A value bimtek could not read, kept empty in the package.
#[derive(Debug, Clone)]
pub struct Unread {
    pub id: String,
    pub field: String,
    pub written: String,
}

/// A field's value as the portal wants it; `Err(written)` when it cannot be
/// given without inventing something.
pub fn canonical(t: &Template, fi: usize, r: &Record) -> Result<String, String> {
    let Some(cell) = r.cell(fi) else {
        return Ok(String::new());
    };
    let f = &t.fields[fi];
    match &cell.value {
        Value::Empty => Ok(String::new()),
        Value::Text { .. } | Value::FileRef => Ok(clean_text(&cell.text)),
        Value::Enum { index, .. } => Ok(f.values[*index].value.clone()),
        Value::Date(DateValue::Ok(d, Precision::Day)) => Ok(portal_format(*d)),
        Value::Integer(n) => Ok(n.to_string()),
        Value::Amount(a) => Ok(crate::load::format_number(*a)),
        Value::Coordinate(Coordinate::Ok { lat, lng }) => {
            let [la0, la1, lo0, lo1] = t.settings.coordinate_bounds;
            if (la0..=la1).contains(lat) && (lo0..=lo1).contains(lng) {
                Ok(format!("{lat},{lng}"))
            } else {
                Err(cell.text.clone())
            }
        }
        _ => Err(cell.text.clone()),
    }
}

/// Trim each line, collapse runs of spaces, drop empty lines at the ends,
/// CRLF to LF.
pub fn clean_text(s: &str) -> String {
    let lines: Vec<String> = s
        .replace("\r\n", "\n")
        .replace('\r', "\n")
        .split('\n')
        .map(collapse_spaces)
        .collect();
    let start = lines
        .iter()
        .position(|l| !l.is_empty())
        .unwrap_or(lines.len());
    let end = lines
        .iter()
        .rposition(|l| !l.is_empty())
        .map_or(start, |e| e + 1);
    lines[start..end].join("\n")
}

/// A name usable as a file or folder name everywhere (ASCII letters,
/// digits, `-`), at most 60 characters.
pub fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-');
    let cut: String = out.chars().take(60).collect();
    let cut = cut.trim_end_matches('-').to_string();
    if cut.is_empty() { "x".to_string() } else { cut }
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

pub fn sha256_file(path: &std::path::Path) -> std::io::Result<(String, u64)> {
    sha256_reader(std::fs::File::open(path)?)
}

/// The SHA-256 and size of a spilled file, read from its start.
pub fn sha256_spilled(mut f: &std::fs::File) -> std::io::Result<(String, u64)> {
    use std::io::{Seek, SeekFrom};
    f.seek(SeekFrom::Start(0))?;
    sha256_reader(f)
}

fn sha256_reader(mut f: impl std::io::Read) -> std::io::Result<(String, u64)> {
    let mut h = Sha256::new();
    let mut buf = vec![0u8; 64 * 1024];
    let mut size = 0u64;
    loop {
        let n = f.read(&mut buf)?;
        if n == 0 {
            break;
        }
        size += n as u64;
        h.update(&buf[..n]);
    }
    Ok((hex(&h.finalize()), size))
}

/// A writer that passes bytes on, taking their SHA-256 and count on the way.
pub struct Hashing<W> {
    inner: W,
    hash: Sha256,
    size: u64,
}

impl<W: std::io::Write> Hashing<W> {
    pub fn new(inner: W) -> Self {
        Hashing {
            inner,
            hash: Sha256::new(),
            size: 0,
        }
    }

    /// The SHA-256 and size of what went through.
    pub fn digest(self) -> (String, u64) {
        (hex(&self.hash.finalize()), self.size)
    }
}

impl<W: std::io::Write> std::io::Write for Hashing<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hash.update(&buf[..n]);
        self.size += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// One exported row.
#[derive(Debug, Clone)]
pub struct Row {
    pub id: String,
    pub values: Vec<String>,
    pub status: Severity,
}

/// An evidence file copied into the package, or a link, with its record.
#[derive(Debug, Clone)]
pub struct EvidenceItem {
    pub id: String,
    pub name: String,
    pub indicator: u32,
    pub parameter: String,
    pub nomor: String,
    pub tanggal: String,
    pub tentang: String,
    /// Path inside the package, or the link.
    pub file: String,
    pub source: String,
}

#[derive(Serialize)]
pub struct FileHash {
    pub path: String,
    pub sha256: String,
    pub size: u64,
}

/// Rows as CSV with field keys as headers, into `out`.
pub fn rows_csv<W: std::io::Write>(
    out: W,
    t: &Template,
    fields: &[usize],
    rows: &[Row],
    with_status: bool,
) -> anyhow::Result<W> {
    let mut w = crate::report::csv::Writer::from_writer(out);
    let status = |on: bool, word: &'static str| on.then_some(word);
    w.write_record(
        std::iter::once("id")
            .chain(fields.iter().map(|&f| t.fields[f].key.as_str()))
            .chain(status(with_status, "status")),
    )?;
    for r in rows {
        w.write_record(
            std::iter::once(r.id.as_str())
                .chain(r.values.iter().map(String::as_str))
                .chain(status(with_status, crate::report::status_word(r.status))),
        )?;
    }
    w.into_inner()
}

/// Rows as an xlsx workbook with the portal labels as headers, saved to an
/// unnamed temporary file in `spill` (where the rows also go while the
/// workbook is built).
pub fn rows_xlsx(
    t: &Template,
    fields: &[usize],
    rows: &[Row],
    with_status: bool,
    spill: &std::path::Path,
    lang: crate::diag::Lang,
) -> anyhow::Result<std::fs::File> {
    // A constant-memory worksheet writes its rows to a temporary file as
    // they come, and rust_xlsxwriter panics when such a write fails (a full
    // disk) instead of returning an error: that panic becomes the error.
    catching_write_panics(|| rows_xlsx_unguarded(t, fields, rows, with_status, spill, lang))
}

thread_local! {
    /// Set while [`catching_write_panics`] runs on this thread: its panics
    /// are errors, not printed.
    static QUIET_PANICS: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Run `f`, turning a panic on this thread into an error (without the
/// panic's message on stderr); other threads' panics are printed as ever.
fn catching_write_panics<T>(f: impl FnOnce() -> anyhow::Result<T>) -> anyhow::Result<T> {
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !QUIET_PANICS.with(|q| q.get()) {
                previous(info);
            }
        }));
    });
    let was = QUIET_PANICS.with(|q| q.replace(true));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    QUIET_PANICS.with(|q| q.set(was));
    result.unwrap_or_else(|payload| {
        let why = payload
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| payload.downcast_ref::<&str>().copied())
            .unwrap_or("?");
        Err(crate::diag::Trouble::new(
            format!("buku kerja tidak dapat ditulis ({why})"),
            format!("the workbook cannot be written ({why})"),
        )
        .into())
    })
}

fn rows_xlsx_unguarded(
    t: &Template,
    fields: &[usize],
    rows: &[Row],
    with_status: bool,
    spill: &std::path::Path,
    lang: crate::diag::Lang,
) -> anyhow::Result<std::fs::File> {
    use rust_xlsxwriter::Format;
    let mut wb = crate::report::new_workbook()?;
    // Every row's long texts: written out row by row rather than held as
    // cells and shared strings until the workbook is saved (the country's
    // 100k rows took gigabytes).
    wb.set_tempdir(spill)?;
    let ws = wb.add_worksheet_with_constant_memory()?;
    ws.set_name("Inovasi")?;
    let bold = Format::new().set_bold();
    let wrap = Format::new().set_text_wrap();
    ws.write_string_with_format(0, 0, "ID", &bold)?;
    for (c, &f) in fields.iter().enumerate() {
        ws.write_string_with_format(0, (c + 1) as u16, &t.fields[f].label, &bold)?;
        let width = if t.fields[f].min_words.is_some() {
            60
        } else {
            24
        };
        ws.set_column_width((c + 1) as u16, width)?;
    }
    if with_status {
        ws.write_string_with_format(0, (fields.len() + 1) as u16, "Status", &bold)?;
    }
    ws.set_freeze_panes(1, 0)?;
    for (i, r) in rows.iter().enumerate() {
        let row = (i + 1) as u32;
        ws.write_string(row, 0, &r.id)?;
        for (c, v) in r.values.iter().enumerate() {
            if !v.is_empty() {
                // Longer than a cell holds: cut with a marker (V009 says
                // so); the CSV holds it whole.
                let v = crate::report::cell_text(v, lang);
                ws.write_string_with_format(row, (c + 1) as u16, v.as_ref(), &wrap)?;
            }
        }
        if with_status {
            ws.write_string(
                row,
                (fields.len() + 1) as u16,
                crate::report::status_word(r.status),
            )?;
        }
    }
    let mut file = write::spill_file(spill)?;
    wb.save_to_writer(&mut file)?;
    Ok(file)
}

/// Evidence records as CSV.
pub fn evidence_csv(items: &[EvidenceItem]) -> anyhow::Result<Vec<u8>> {
    let mut w = crate::report::csv::Writer::from_writer(Vec::new());
    w.write_record([
        "id",
        "nama_inovasi",
        "indikator",
        "parameter",
        "nomor_dokumen",
        "tanggal_dokumen",
        "tentang",
        "file",
        "sumber",
    ])?;
    for e in items {
        w.write_record([
            e.id.as_str(),
            &e.name,
            &e.indicator.to_string(),
            &e.parameter,
            &e.nomor,
            &e.tanggal,
            &e.tentang,
            &e.file,
            &e.source,
        ])?;
    }
    w.into_inner()
}

/// The excluded innovations with the reasons: the messages of the errors
/// that concern each (on its row, its evidence rows, or its whole sheet).
pub fn excluded_csv(
    outcome: &Outcome,
    excluded: &[&Innovation],
    lang: crate::diag::Lang,
) -> anyhow::Result<Vec<u8>> {
    let per = outcome.findings_per_innovation();
    let index: HashMap<&str, usize> = outcome
        .innovations
        .iter()
        .enumerate()
        .map(|(k, i)| (i.id.as_str(), k))
        .collect();
    let mut w = crate::report::csv::Writer::from_writer(Vec::new());
    w.write_record(["id", "perangkat_daerah", "nama_inovasi", "galat", "alasan"])?;
    for i in excluded {
        let mut reasons: Vec<String> = index
            .get(i.id.as_str())
            .map(|&k| per[k].as_slice())
            .unwrap_or_default()
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .map(|f| format!("{} {}", f.code, f.message(lang)))
            .collect();
        reasons.dedup();
        w.write_record([
            i.id.as_str(),
            &i.agency,
            &i.name,
            &i.errors.to_string(),
            &reasons.join(" | "),
        ])?;
    }
    w.into_inner()
}

/// Unread values as CSV: nothing is invented, and nothing silently dropped.
pub fn unread_csv(items: &[Unread]) -> anyhow::Result<Vec<u8>> {
    let mut w = crate::report::csv::Writer::from_writer(Vec::new());
    w.write_record(["id", "isian", "nilai_tertulis"])?;
    for u in items {
        w.write_record([u.id.as_str(), &u.field, &u.written])?;
    }
    w.into_inner()
}

/// Counts for the manifest.
#[derive(Serialize, Default)]
pub struct Counts {
    pub innovations: usize,
    pub included: usize,
    pub excluded: usize,
    pub findings: usize,
    pub errors: usize,
    pub warnings: usize,
    pub evidence_files: usize,
    pub unread_values: usize,
    /// Innovations without a pemda name in `entri-portal.xlsx`.
    pub pemda_missing: usize,
}

/// Stable unique evidence file names: agency / innovation / indicator.
#[derive(Default)]
pub struct Names {
    used: BTreeMap<String, usize>,
}

impl Names {
    pub fn take(&mut self, base: &str, ext: &str) -> String {
        let n = self.used.entry(base.to_string()).or_insert(0);
        *n += 1;
        if *n == 1 {
            format!("{base}.{ext}")
        } else {
            format!("{base}-{n}.{ext}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_portable_and_stable() {
        assert_eq!(slug("Dinas Kesehatan"), "dinas-kesehatan");
        assert_eq!(
            slug("  Pojok Baca Café / Literasi! "),
            "pojok-baca-caf-literasi"
        );
        assert_eq!(slug("***"), "x");
        assert_eq!(slug(&"a".repeat(100)).len(), 60);
    }

    #[test]
    fn text_is_cleaned_not_changed() {
        assert_eq!(
            clean_text("  satu   dua \r\n\r\n tiga  \n\n"),
            "satu dua\n\ntiga"
        );
    }

    #[test]
    fn names_get_suffixes_when_repeated() {
        let mut n = Names::default();
        assert_eq!(n.take("a/b/indikator-01", "pdf"), "a/b/indikator-01.pdf");
        assert_eq!(n.take("a/b/indikator-01", "pdf"), "a/b/indikator-01-2.pdf");
    }
}
