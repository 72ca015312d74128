//! The package's rows and lists: the cleaned rows as CSV, and as an xlsx
//! workbook with each of the other lists (evidence, excluded, unread) as
//! a sheet of its own.

use super::{Dialect, Unread, archive};
use crate::diag::{Code, Say, Severity};
use crate::outcome::{Innovation, Outcome};
use crate::template::Template;
use std::collections::{BTreeMap, HashMap};

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
    catching_write_panics(|| {
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
    })
}

/// Run `f`, turning a panic on this thread into an error (without the
/// panic's message on stderr); other threads' panics are printed as ever.
pub(super) fn catching_write_panics<T>(f: impl FnOnce() -> anyhow::Result<T>) -> anyhow::Result<T> {
    crate::diag::quiet::quietly(f).unwrap_or_else(|payload| {
        let why = crate::diag::quiet::message(&payload).unwrap_or("?");
        Err(crate::diag::Trouble::say(Say::WorkbookCannotBeWritten, &[("why", &why)]).into())
    })
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
            i.agency.to_string(),
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
