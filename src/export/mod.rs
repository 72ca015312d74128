//! The submission package and the agencies' feedback workbooks, written from
//! what `check` produced (never re-checked): cleaned rows in the portal's
//! field order, evidence copied under stable names, the findings, a report,
//! the excluded innovations and a manifest with every hash. Outputs are
//! laid out by `archive` and written through `write`, atomically.

pub mod archive;
pub mod feedback;
pub mod portal;
pub mod write;

use crate::diag::{Code, Say, Severity};
use crate::normalize::date::portal_format;
use crate::normalize::{Coordinate, DateValue, Precision, Record, Value, collapse_spaces};
use crate::outcome::{Innovation, Outcome};
pub use crate::report::csv::Dialect;
use crate::template::Template;
pub use archive::{Entry, Source};
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, HashMap};

/// The fields that make a submission row, in the template's (portal)
/// order: not those that describe a portal entry rather than the
/// submission (when it was last updated, its score estimate).
pub fn export_fields(t: &Template) -> Vec<usize> {
    let meta = [t.roles.updated, t.roles.score];
    (0..t.fields.len())
        .filter(|&i| !meta.contains(&Some(i)))
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
    dialect: Dialect,
) -> anyhow::Result<W> {
    let mut w = crate::report::csv::Writer::new(out, dialect)?;
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

/// Rows as an xlsx workbook with the portal labels as headers, then each of
/// the package's other lists as a sheet of its own, saved to an unnamed
/// temporary file in `spill` (where the rows also go while the workbook is
/// built).
pub fn rows_xlsx(
    t: &Template,
    fields: &[usize],
    rows: &[Row],
    with_status: bool,
    lists: &[&List],
    spill: &std::path::Path,
    lang: crate::diag::Lang,
) -> anyhow::Result<std::fs::File> {
    // A constant-memory worksheet writes its rows to a temporary file as
    // they come, and rust_xlsxwriter panics when such a write fails (a full
    // disk) instead of returning an error: that panic becomes the error.
    catching_write_panics(|| rows_xlsx_unguarded(t, fields, rows, with_status, lists, spill, lang))
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
        Err(crate::diag::Trouble::say(Say::WorkbookCannotBeWritten, &[("why", &why)]).into())
    })
}

fn rows_xlsx_unguarded(
    t: &Template,
    fields: &[usize],
    rows: &[Row],
    with_status: bool,
    lists: &[&List],
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
    for list in lists {
        list_sheet(&mut wb, list, lang)?;
    }
    let mut file = archive::spill_file(spill)?;
    wb.save_to_writer(&mut file)?;
    Ok(file)
}

/// One of the package's lists: a CSV for scripts (field keys as headers)
/// and a sheet of `data/inovasi.xlsx` for people (labels in the user's
/// language), holding the same values.
#[derive(Debug, Clone)]
pub struct List {
    /// The sheet's name.
    pub sheet: &'static str,
    /// The CSV's header: stable keys.
    pub keys: &'static [&'static str],
    /// The sheet's header.
    pub labels: Vec<&'static str>,
    /// Columns that hold whole numbers, written to the sheet as numbers.
    pub numbers: &'static [usize],
    /// Columns of long text, shown wide and wrapped.
    pub wide: &'static [usize],
    pub rows: Vec<Vec<String>>,
}

impl List {
    /// The list as CSV.
    pub fn csv(&self, dialect: Dialect) -> anyhow::Result<Vec<u8>> {
        let mut w = crate::report::csv::Writer::new(Vec::new(), dialect)?;
        w.write_record(self.keys)?;
        for r in &self.rows {
            w.write_record(r)?;
        }
        w.into_inner()
    }
}

/// `list` as a sheet of `wb`, written row by row.
fn list_sheet(
    wb: &mut rust_xlsxwriter::Workbook,
    list: &List,
    lang: crate::diag::Lang,
) -> anyhow::Result<()> {
    use rust_xlsxwriter::Format;
    let ws = wb.add_worksheet_with_constant_memory()?;
    ws.set_name(list.sheet)?;
    let bold = Format::new().set_bold();
    let wrap = Format::new().set_text_wrap();
    for (c, label) in list.labels.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *label, &bold)?;
        let width = if list.wide.contains(&c) { 60 } else { 20 };
        ws.set_column_width(c as u16, width)?;
    }
    ws.set_freeze_panes(1, 0)?;
    for (i, r) in list.rows.iter().enumerate() {
        let row = (i + 1) as u32;
        for (c, v) in r.iter().enumerate() {
            let col = c as u16;
            if v.is_empty() {
                continue;
            }
            match v.parse::<u32>() {
                Ok(n) if list.numbers.contains(&c) => {
                    ws.write_number(row, col, f64::from(n))?;
                }
                _ => {
                    let v = crate::report::cell_text(v, lang);
                    if list.wide.contains(&c) {
                        ws.write_string_with_format(row, col, v.as_ref(), &wrap)?;
                    } else {
                        ws.write_string(row, col, v.as_ref())?;
                    }
                }
            }
        }
    }
    Ok(())
}

fn labels(lang: crate::diag::Lang, keys: &[Say]) -> Vec<&'static str> {
    keys.iter().map(|&k| lang.say(k)).collect()
}

/// The evidence records (`data/bukti.csv`, sheet "Bukti").
pub fn evidence_list(items: Vec<EvidenceItem>, lang: crate::diag::Lang) -> List {
    List {
        sheet: "Bukti",
        keys: &[
            "id",
            "nama_inovasi",
            "indikator",
            "parameter",
            "nomor_dokumen",
            "tanggal_dokumen",
            "tentang",
            "file",
            "sumber",
        ],
        labels: labels(
            lang,
            &[
                Say::IdHead,
                Say::InnovationName,
                Say::Indicator,
                Say::Parameter,
                Say::DocumentNumber,
                Say::DocumentDate,
                Say::Subject,
                Say::FileInThePackage,
                Say::Source,
            ],
        ),
        numbers: &[2],
        wide: &[6],
        rows: items
            .into_iter()
            .map(|e| {
                vec![
                    e.id,
                    e.name,
                    e.indicator.to_string(),
                    e.parameter,
                    e.nomor,
                    e.tanggal,
                    e.tentang,
                    e.file,
                    e.source,
                ]
            })
            .collect(),
    }
}

/// The excluded innovations with the reasons: the messages of the errors
/// that concern each (on its row, its evidence rows, or its whole sheet)
/// (`dikecualikan.csv`, sheet "Dikecualikan"); and the codes of those
/// errors, each with how many excluded innovations it concerns, commonest
/// first.
pub fn excluded_list(
    outcome: &Outcome,
    excluded: &[&Innovation],
    lang: crate::diag::Lang,
) -> (List, Vec<(Code, usize)>) {
    let per = outcome.findings_per_innovation();
    let index: HashMap<String, usize> = outcome
        .innovations
        .iter()
        .enumerate()
        .map(|(k, i)| (i.id(), k))
        .collect();
    let mut codes = BTreeMap::<Code, usize>::new();
    let mut rows = Vec::with_capacity(excluded.len());
    for i in excluded {
        let errors: Vec<&crate::diag::Finding> = index
            .get(&i.id())
            .map(|&k| per[k].as_slice())
            .unwrap_or_default()
            .iter()
            .copied()
            .filter(|f| f.severity == Severity::Error)
            .collect();
        let mut mine: Vec<Code> = errors.iter().map(|f| f.code).collect();
        mine.sort_unstable();
        mine.dedup();
        for code in mine {
            *codes.entry(code).or_default() += 1;
        }
        let mut reasons: Vec<String> = errors
            .iter()
            .map(|f| format!("{} {}", f.code, f.message(lang)))
            .collect();
        reasons.dedup();
        rows.push(vec![
            i.id(),
            i.agency.clone(),
            i.name().to_string(),
            i.errors.to_string(),
            reasons.join(" | "),
        ]);
    }
    let mut codes: Vec<(Code, usize)> = codes.into_iter().collect();
    codes.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let list = List {
        sheet: "Dikecualikan",
        keys: &["id", "perangkat_daerah", "nama_inovasi", "galat", "alasan"],
        labels: labels(
            lang,
            &[
                Say::IdHead,
                Say::Agency,
                Say::InnovationName,
                Say::ErrorCount,
                Say::Reasons,
            ],
        ),
        numbers: &[3],
        wide: &[4],
        rows,
    };
    (list, codes)
}

/// Unread values: nothing is invented, and nothing silently dropped
/// (`data/tidak-terbaca.csv`, sheet "Tidak Terbaca").
pub fn unread_list(items: Vec<Unread>, lang: crate::diag::Lang) -> List {
    List {
        sheet: "Tidak Terbaca",
        keys: &["id", "isian", "nilai_tertulis"],
        labels: labels(lang, &[Say::IdHead, Say::Field, Say::ValueAsWritten]),
        numbers: &[],
        wide: &[2],
        rows: items
            .into_iter()
            .map(|u| vec![u.id, u.field, u.written])
            .collect(),
    }
}

/// What each file of the package is for, in the order the read-me gives
/// them: (path, what it is for). A path ending in `/` is a
/// folder. A file missing here is still named in the read-me.
const README_FILES: &[(&str, Say)] = &[
    ("BACA-SAYA.txt", Say::ReadmeBacaSaya),
    ("README.txt", Say::ReadmeReadme),
    ("data/inovasi.xlsx", Say::ReadmeDataInovasiXlsx),
    ("entri-portal.xlsx", Say::ReadmeEntriPortalXlsx),
    ("data/inovasi.csv", Say::ReadmeDataInovasiCsv),
    ("dikecualikan.csv", Say::ReadmeDikecualikanCsv),
    ("data/bukti/", Say::ReadmeDataBukti),
    ("data/bukti.csv", Say::ReadmeDataBuktiCsv),
    ("data/tidak-terbaca.csv", Say::ReadmeDataTidakTerbacaCsv),
    ("temuan.xlsx", Say::ReadmeTemuanXlsx),
    ("laporan.html", Say::ReadmeLaporanHtml),
    ("temuan.csv", Say::ReadmeTemuanCsv),
    ("temuan.json", Say::ReadmeTemuanJson),
    ("manifest.json", Say::ReadmeManifestJson),
];

/// The read-me of the package: `BACA-SAYA.txt`, and with `--lang en`
/// `README.txt` beside it. It names every file of `entries` (and itself,
/// and the manifest, which come after).
pub fn readme(entries: &[Entry], lang: crate::diag::Lang) -> Vec<Entry> {
    let mut names: Vec<&str> = entries.iter().map(|e| e.name.as_str()).collect();
    names.push("BACA-SAYA.txt");
    names.push("manifest.json");
    if lang == crate::diag::Lang::En {
        names.push("README.txt");
    }
    let mut out = vec![Entry {
        name: "BACA-SAYA.txt".into(),
        source: Source::Bytes(readme_text(&names, crate::diag::Lang::Id).into_bytes()),
    }];
    if lang == crate::diag::Lang::En {
        out.push(Entry {
            name: "README.txt".into(),
            source: Source::Bytes(readme_text(&names, lang).into_bytes()),
        });
    }
    out
}

/// The read-me's text, with Windows line ends (Notepad before 2018 shows
/// a file of bare line feeds on one line).
fn readme_text(names: &[&str], lang: crate::diag::Lang) -> String {
    let present = |path: &str| match path.strip_suffix('/') {
        Some(_) => names.iter().any(|n| n.starts_with(path)),
        None => names.contains(&path),
    };
    let mut text = String::new();
    let mut line = |s: &str| {
        text.push_str(s);
        text.push_str("\r\n");
    };
    line(lang.say(Say::ReadmeTitle));
    line(&format!(
        "{} bimtek {}.",
        lang.say(Say::ReadmeMadeBy),
        env!("CARGO_PKG_VERSION")
    ));
    line("");
    line(lang.say(Say::ReadmeContents));
    line("");
    let mut described: Vec<&str> = Vec::new();
    for (path, what) in README_FILES {
        if !present(path) {
            continue;
        }
        described.push(path);
        line(path);
        for l in wrap(lang.say(*what), 76) {
            line(&format!("    {l}"));
        }
    }
    for name in names {
        let in_folder = README_FILES
            .iter()
            .any(|(p, _)| p.ends_with('/') && name.starts_with(p));
        if !described.contains(name) && !in_folder {
            line(name);
        }
    }
    line("");
    line(lang.say(Say::ReadmeNextSteps));
    line("");
    for step in [
        lang.say(Say::ReadmeStepEnter),
        lang.say(Say::ReadmeStepReturn),
        lang.say(Say::ReadmeStepUnread),
        lang.say(Say::ReadmeKeep),
    ] {
        let mut first = true;
        for l in wrap(step, 76) {
            line(&if first { l } else { format!("   {l}") });
            first = false;
        }
    }
    text
}

/// `s` cut into lines of at most `width` characters, at spaces.
fn wrap(s: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut current = String::new();
    for word in s.split_whitespace() {
        if !current.is_empty() && current.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut current));
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(word);
    }
    if !current.is_empty() {
        lines.push(current);
    }
    lines
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
    fn the_read_me_names_every_file_and_wraps_its_lines() {
        let entry = |name: &str| Entry {
            name: name.into(),
            source: Source::Bytes(Vec::new()),
        };
        let entries = [
            entry("data/inovasi.xlsx"),
            entry("data/bukti/dinas-a/x/indikator-01.pdf"),
            entry("lain.xlsx"),
        ];
        let [id, en] =
            [crate::diag::Lang::Id, crate::diag::Lang::En].map(|lang| readme(&entries, lang));
        assert_eq!(id.len(), 1);
        assert_eq!(
            en.iter().map(|e| e.name.as_str()).collect::<Vec<_>>(),
            ["BACA-SAYA.txt", "README.txt"]
        );
        let Source::Bytes(bytes) = &en[1].source else {
            panic!("bytes")
        };
        let text = String::from_utf8(bytes.clone()).unwrap();
        let lines: Vec<&str> = text.split("\r\n").collect();
        // Only what is in the package; a file without a description is
        // still named; evidence copies by their folder.
        for name in [
            "BACA-SAYA.txt",
            "README.txt",
            "data/inovasi.xlsx",
            "data/bukti/",
            "lain.xlsx",
            "manifest.json",
        ] {
            assert!(lines.contains(&name), "{name}:\n{text}");
        }
        assert!(!lines.contains(&"temuan.csv"), "{text}");
        assert!(!text.contains("indikator-01.pdf"), "{text}");
        assert!(lines.iter().all(|l| l.chars().count() <= 80), "{text}");
    }

    #[test]
    fn names_get_suffixes_when_repeated() {
        let mut n = Names::default();
        assert_eq!(n.take("a/b/indikator-01", "pdf"), "a/b/indikator-01.pdf");
        assert_eq!(n.take("a/b/indikator-01", "pdf"), "a/b/indikator-01-2.pdf");
    }
}
