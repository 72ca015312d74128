//! One workbook per agency to send back: a first sheet "Temuan" listing the
//! findings in Bahasa Indonesia with cell references, then the agency's rows
//! as it sent them, each cell with a finding filled (red error, yellow
//! warning) with the message as a cell note. An agency without findings gets
//! a short "Tidak ada temuan" workbook.

use crate::check::Outcome;
use crate::diag::{Finding, Lang, Severity};
use crate::load::{self, InputFile, RawCell, RawRow, RowSink, SheetInfo};
use rust_xlsxwriter::{Color, Format, Note};
use std::collections::{BTreeMap, HashMap};

/// Collects a file's rows per sheet, as they are.
#[derive(Default)]
struct Collect {
    sheets: Vec<(Option<String>, Vec<RawRow>)>,
    /// The findings sheet of a returned feedback workbook: not sent back
    /// as the agency's data.
    findings_sheet: Option<String>,
}

impl RowSink for Collect {
    fn begin_sheet(&mut self, sheet: &SheetInfo) -> bool {
        if sheet.hidden || sheet.name.is_some() && sheet.name == self.findings_sheet {
            return false;
        }
        self.sheets.push((sheet.name.clone(), Vec::new()));
        true
    }
    fn row(&mut self, row: RawRow) {
        if let Some(last) = self.sheets.last_mut() {
            last.1.push(row);
        }
    }
    fn end_sheet(&mut self) {}
}

/// Longest agency part of a workbook's name, in bytes: file systems refuse
/// names over 255 bytes, and Windows paths over 260 characters.
const MAX_NAME_BYTES: usize = 100;

/// A file name for an agency: its name with the characters file systems
/// refuse replaced, cut to [`MAX_NAME_BYTES`].
pub fn file_name(agency: &str) -> String {
    let s: String = agency
        .chars()
        .map(|c| {
            if matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') || c.is_control() {
                '-'
            } else {
                c
            }
        })
        .collect();
    let s = s.trim().trim_matches('.');
    let mut end = 0;
    for (i, c) in s.char_indices() {
        if i + c.len_utf8() > MAX_NAME_BYTES {
            break;
        }
        end = i + c.len_utf8();
    }
    let s = s[..end].trim_end().trim_end_matches('.').to_string();
    if s.is_empty() { "OPD".to_string() } else { s }
}

/// Agencies' workbook names, unique even where file systems ignore case:
/// two agencies whose names give the same file name ("Dinas A/B", "Dinas
/// A:B") get "(2)", "(3)", ... in the order of their names.
fn unique_file_names<'a>(agencies: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut used = std::collections::HashSet::new();
    agencies
        .map(|agency| {
            let base = file_name(agency);
            let mut name = format!("{base}.xlsx");
            let mut n = 2;
            while !used.insert(name.to_lowercase()) {
                name = format!("{base} ({n}).xlsx");
                n += 1;
            }
            name
        })
        .collect()
}

/// A worksheet name: at most 31 characters, none of `[]:*?/\`, unique.
fn sheet_name(base: &str, used: &mut Vec<String>) -> String {
    let clean: String = base
        .chars()
        .map(|c| {
            if matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\') {
                '-'
            } else {
                c
            }
        })
        .collect();
    let clean = clean.trim().trim_matches('\'');
    let cut: String = clean.chars().take(31).collect();
    // Excel refuses a name that starts or ends with an apostrophe.
    let mut name = cut.trim_end_matches('\'').to_string();
    if name.is_empty()
        || name.eq_ignore_ascii_case("temuan")
        || name.eq_ignore_ascii_case("history")
    {
        name = format!("Data {}", used.len() + 1);
    }
    let mut candidate = name.clone();
    let mut n = 2;
    while used.iter().any(|u| u.eq_ignore_ascii_case(&candidate)) {
        // The number always fits: the name is cut to make room for it.
        let suffix = format!(" {n}");
        let keep = 31 - suffix.chars().count();
        let head: String = name.chars().take(keep).collect();
        candidate = format!("{}{suffix}", head.trim_end().trim_end_matches('\''));
        n += 1;
    }
    used.push(candidate.clone());
    candidate
}

/// The agency each file belongs to: the most common agency of its
/// innovations, else the agency its place suggests.
fn file_agencies(outcome: &Outcome) -> BTreeMap<&str, String> {
    let mut counts: HashMap<&str, BTreeMap<&str, usize>> = HashMap::new();
    for i in &outcome.innovations {
        *counts
            .entry(&i.file)
            .or_default()
            .entry(&i.agency)
            .or_default() += 1;
    }
    // bimtek's own outputs (F014) are nobody's data: no workbook for them.
    let own: std::collections::HashSet<&str> = outcome
        .findings
        .iter()
        .filter(|f| f.code == "F014")
        .map(|f| f.location.file.as_str())
        .collect();
    outcome
        .files
        .iter()
        .filter(|(file, _)| !own.contains(file.as_str()))
        .map(|(file, hint)| {
            let agency = counts
                .get(file.as_str())
                .and_then(|c| {
                    c.iter()
                        .max_by_key(|(_, n)| **n)
                        .map(|(a, _)| a.to_string())
                })
                .unwrap_or_else(|| hint.clone());
            (file.as_str(), agency)
        })
        .collect()
}

/// Build every agency's workbook: (file name, bytes), sorted.
pub fn workbooks(
    outcome: &Outcome,
    inputs: &[InputFile],
    lang: Lang,
) -> anyhow::Result<Vec<(String, Vec<u8>)>> {
    let owner = file_agencies(outcome);
    let mut by_agency: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    for (file, agency) in &owner {
        by_agency.entry(agency.clone()).or_default().push(file);
    }
    let names = unique_file_names(by_agency.keys().map(String::as_str));
    let mut out = Vec::new();
    for ((agency, files), name) in by_agency.iter().zip(names) {
        let findings: Vec<&Finding> = outcome
            .findings
            .iter()
            .filter(|f| files.contains(&f.location.file.as_str()))
            .collect();
        let bytes = if findings.is_empty() {
            no_findings(agency, lang)?
        } else {
            let paths: Vec<&InputFile> = inputs
                .iter()
                .filter(|i| files.contains(&i.display.as_str()))
                .collect();
            workbook(agency, &findings, &paths, lang)?
        };
        out.push((name, bytes));
    }
    Ok(out)
}

/// A feedback workbook, marked as one with its findings sheet named
/// ([`crate::load::marker`]): checked again (as the agency sends it back),
/// its data sheets are read and its findings sheet is not.
fn marked() -> anyhow::Result<rust_xlsxwriter::Workbook> {
    use crate::load::marker;
    crate::report::marked_workbook(&[
        (marker::PROPERTY, marker::FEEDBACK),
        (marker::FINDINGS_SHEET_PROPERTY, FINDINGS_SHEET),
    ])
}

/// The sheet listing the findings, first in every feedback workbook.
const FINDINGS_SHEET: &str = "Temuan";

fn no_findings(agency: &str, lang: Lang) -> anyhow::Result<Vec<u8>> {
    let mut wb = marked()?;
    let ws = wb.add_worksheet();
    ws.set_name(FINDINGS_SHEET)?;
    let agency = crate::report::cell_text(agency, lang);
    ws.write_string_with_format(0, 0, agency.as_ref(), &Format::new().set_bold())?;
    ws.write_string(
        1,
        0,
        match lang {
            Lang::Id => "Tidak ada temuan. Data inovasi siap diinput.",
            Lang::En => "No findings. The innovation data is ready to enter.",
        },
    )?;
    ws.set_column_width(0, 60)?;
    Ok(wb.save_to_buffer()?)
}

fn workbook(
    agency: &str,
    findings: &[&Finding],
    files: &[&InputFile],
    lang: Lang,
) -> anyhow::Result<Vec<u8>> {
    let mut wb = marked()?;
    let bold = Format::new().set_bold();
    let red = Format::new().set_background_color(Color::RGB(0xFFC7CE));
    let yellow = Format::new().set_background_color(Color::RGB(0xFFEB9C));
    {
        let ws = wb.add_worksheet();
        ws.set_name(FINDINGS_SHEET)?;
        let head = match lang {
            Lang::Id => [
                "Kode", "Tingkat", "Berkas", "Lembar", "Sel", "Isian", "Nilai", "Pesan", "Saran",
            ],
            Lang::En => [
                "Code", "Severity", "File", "Sheet", "Cell", "Field", "Value", "Message", "Hint",
            ],
        };
        for (c, h) in head.iter().enumerate() {
            ws.write_string_with_format(0, c as u16, *h, &bold)?;
        }
        let agency = crate::report::cell_text(agency, lang);
        ws.write_string_with_format(0, 10, agency.as_ref(), &bold)?;
        for (i, f) in findings.iter().enumerate() {
            let r = (i + 1) as u32;
            let l = &f.location;
            let cells = [
                f.code.to_string(),
                crate::report::severity_word(f.severity, lang).to_string(),
                l.file.clone(),
                l.sheet.clone().unwrap_or_default(),
                l.cell()
                    .or_else(|| {
                        l.row.map(|x| match lang {
                            Lang::Id => format!("baris {x}"),
                            Lang::En => format!("row {x}"),
                        })
                    })
                    .unwrap_or_default(),
                f.field.clone().unwrap_or_default(),
                f.value.clone().unwrap_or_default(),
                f.message(lang),
                f.hint(lang),
            ];
            for (c, v) in cells.iter().enumerate() {
                if !v.is_empty() {
                    ws.write_string(r, c as u16, crate::report::cell_text(v, lang).as_ref())?;
                }
            }
        }
        for (c, w) in [7u16, 11, 40, 16, 18, 18, 30, 60, 50].iter().enumerate() {
            ws.set_column_width(c as u16, *w)?;
        }
        ws.set_freeze_panes(1, 0)?;
    }
    let mut used = vec![FINDINGS_SHEET.to_string()];
    for input in files {
        let mut collect = Collect {
            findings_sheet: input.findings_sheet.clone(),
            ..Collect::default()
        };
        // A file that cannot be read has its finding on the Temuan sheet.
        let _ = load::read(&input.path, &mut collect);
        for (sheet, rows) in collect.sheets {
            let stem = std::path::Path::new(&input.display)
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            let base = sheet.clone().unwrap_or(stem);
            let name = sheet_name(&base, &mut used);
            let marks: BTreeMap<(u32, u32), (Severity, Vec<String>)> = {
                let mut m: BTreeMap<(u32, u32), (Severity, Vec<String>)> = BTreeMap::new();
                for f in findings
                    .iter()
                    .filter(|f| f.location.file == input.display && f.location.sheet == sheet)
                {
                    let Some(row) = f.location.row else { continue };
                    let key = (row.saturating_sub(1), f.location.col.unwrap_or(0));
                    let e = m.entry(key).or_insert((f.severity, Vec::new()));
                    e.0 = e.0.max(f.severity);
                    e.1.push(format!("{} {}: {}", f.code, f.message(lang), f.hint(lang)));
                }
                m
            };
            let ws = wb.add_worksheet();
            ws.set_name(&name)?;
            let mut written: std::collections::HashSet<(u32, u32)> =
                std::collections::HashSet::new();
            for row in &rows {
                for (col, cell) in &row.cells {
                    let (r, c) = (row.index, *col);
                    if c > 16_383 || r > 1_048_575 {
                        continue;
                    }
                    let fmt = marks
                        .get(&(r, c))
                        .map(|(s, _)| if *s == Severity::Error { &red } else { &yellow });
                    write_cell(ws, r, c as u16, cell, fmt, lang)?;
                    written.insert((r, c));
                }
            }
            for ((r, c), (sev, notes)) in &marks {
                if *c > 16_383 || *r > 1_048_575 {
                    continue;
                }
                if !written.contains(&(*r, *c)) {
                    let fmt = if *sev == Severity::Error {
                        &red
                    } else {
                        &yellow
                    };
                    ws.write_blank(*r, *c as u16, fmt)?;
                }
                if *sev >= Severity::Warning {
                    let text = notes.join("\n");
                    let note =
                        Note::new(crate::report::note_text(&text, lang)).set_author("bimtek");
                    ws.insert_note(*r, *c as u16, &note)?;
                }
            }
        }
    }
    Ok(wb.save_to_buffer()?)
}

fn write_cell(
    ws: &mut rust_xlsxwriter::Worksheet,
    r: u32,
    c: u16,
    cell: &RawCell,
    fmt: Option<&Format>,
    lang: Lang,
) -> anyhow::Result<()> {
    let plain = Format::new();
    let fmt = fmt.unwrap_or(&plain);
    match cell {
        RawCell::Empty => {}
        RawCell::Number(n) => {
            ws.write_number_with_format(r, c, *n, fmt)?;
        }
        RawCell::Bool(b) => {
            ws.write_boolean_with_format(r, c, *b, fmt)?;
        }
        other => {
            // Excel caps a cell at 32,767 characters: a longer text is
            // cut with a marker.
            let text = other.display();
            ws.write_string_with_format(r, c, crate::report::cell_text(&text, lang).as_ref(), fmt)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_for_files_and_sheets() {
        assert_eq!(file_name("Dinas PU/PR: Bidang*"), "Dinas PU-PR- Bidang-");
        assert_eq!(file_name(" .. "), "OPD");
        let mut used = vec!["Temuan".to_string()];
        assert_eq!(sheet_name("Inovasi 2026", &mut used), "Inovasi 2026");
        assert_eq!(sheet_name("Inovasi 2026", &mut used), "Inovasi 2026 2");
        assert_eq!(sheet_name("temuan", &mut used), "Data 4");
        assert!(sheet_name(&"x".repeat(40), &mut used).chars().count() <= 31);
        assert_eq!(
            sheet_name(&format!("{}'x", "a".repeat(30)), &mut used),
            "a".repeat(30)
        );
        // Over a hundred sheets sharing a long prefix: each fits, each unique.
        let mut used = vec!["Temuan".to_string()];
        let prefix = "Rekapitulasi Inovasi Perangkat Daerah";
        for _ in 0..120 {
            let name = sheet_name(prefix, &mut used);
            assert!(name.chars().count() <= 31, "{name}");
        }
        let mut unique: Vec<String> = used.iter().map(|u| u.to_lowercase()).collect();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), 121);
    }

    #[test]
    fn workbook_names_are_unique_and_short() {
        let long = "Dinas ".repeat(60);
        let names = unique_file_names(["Dinas A/B", "Dinas A:B", "dinas a-b", &long].into_iter());
        assert_eq!(
            names[..3],
            ["Dinas A-B.xlsx", "Dinas A-B (2).xlsx", "dinas a-b (3).xlsx"]
        );
        assert!(names[3].len() <= 110, "{}", names[3]);
    }
}
