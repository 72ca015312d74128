//! `--format xlsx`: the report as a workbook, for people who read results in
//! Excel. A CSV does not survive that on an Indonesian Windows: Excel there
//! splits on `;` and reads a file without a byte-order mark as ANSI, so a
//! comma-separated UTF-8 report opens as one garbled column. A workbook reads
//! the same in every locale. Sheets: the findings (the CSV's columns, with a
//! filter), the innovations with their status, and a summary. Same outcome,
//! same bytes (fixed document dates).

use super::RenderOptions;
use crate::diag::{Lang, Say, Severity};
use crate::load::marker;
use crate::outcome::Outcome;
use crate::template::Template;
use rust_xlsxwriter::{Color, Format, Workbook, Worksheet};

/// Rows per sheet, header included (Excel's limit). Findings past it go on
/// to a second sheet, and so on.
const MAX_ROWS: usize = 1_048_576;
use crate::check::MAX_CELL_CHARS;

/// `s` as a cell holds it: whole when it fits, else cut with a marker that
/// says so and how long the text was (a finding, V009, says so too for a
/// field's value).
pub fn cell_text(s: &str, lang: Lang) -> std::borrow::Cow<'_, str> {
    cut(s, MAX_CELL_CHARS, lang)
}

/// `s` as a cell note holds it (a little less than a cell: Excel's limit
/// less the note's own markup), cut with a marker like [`cell_text`].
pub fn note_text(s: &str, lang: Lang) -> std::borrow::Cow<'_, str> {
    cut(s, MAX_CELL_CHARS - 54, lang)
}

fn cut(s: &str, limit: usize, lang: Lang) -> std::borrow::Cow<'_, str> {
    if s.len() <= limit || s.encode_utf16().count() <= limit {
        return s.into();
    }
    let length = s.encode_utf16().count();
    let marker = format!(" … {}", lang.fill(Say::CutBy, &[("length", &length)]));
    let room = limit - marker.encode_utf16().count();
    let mut used = 0;
    let mut end = 0;
    for (i, c) in s.char_indices() {
        used += c.len_utf16();
        if used > room {
            break;
        }
        end = i + c.len_utf8();
    }
    format!("{}{marker}", &s[..end]).into()
}

/// A workbook with fixed properties (author, a fixed creation date), so the
/// same inputs give the same bytes.
pub fn new_workbook() -> anyhow::Result<Workbook> {
    marked_workbook(&[])
}

/// The zip compression level of the workbooks bimtek writes, and of the
/// package (`export`).
pub const DEFLATE_LEVEL: u8 = 3;

/// [`new_workbook`] carrying custom document properties: the mark that
/// tells bimtek's own outputs from agencies' data ([`crate::load::marker`]).
pub fn marked_workbook(marks: &[(&str, &str)]) -> anyhow::Result<Workbook> {
    use rust_xlsxwriter::{DocProperties, ExcelDateTime};
    let mut wb = Workbook::new();
    wb.set_zip_compression_level(DEFLATE_LEVEL);
    let created = ExcelDateTime::from_ymd(2026, 1, 1)?;
    let mut properties = DocProperties::new()
        .set_creation_datetime(&created)
        .set_author("bimtek");
    for (name, value) in marks {
        properties = properties.set_custom_property(*name, *value);
    }
    wb.set_properties(&properties);
    Ok(wb)
}

/// The report as xlsx bytes.
pub fn render_xlsx(
    outcome: &Outcome,
    t: &Template,
    opts: &RenderOptions,
) -> anyhow::Result<Vec<u8>> {
    render_with(outcome, t, opts, MAX_ROWS)
}

/// [`render_xlsx`] with at most `max_rows` rows a sheet (header included):
/// a longer list goes on in "Temuan (2)", "Temuan (3)", ...
fn render_with(
    outcome: &Outcome,
    t: &Template,
    opts: &RenderOptions,
    max_rows: usize,
) -> anyhow::Result<Vec<u8>> {
    let lang = opts.lang;
    let mut wb = marked_workbook(&[(marker::PROPERTY, marker::REPORT)])?;
    let bold = Format::new().set_bold();
    let red = Format::new().set_background_color(Color::RGB(0xFFC7CE));
    let yellow = Format::new().set_background_color(Color::RGB(0xFFEB9C));
    let shade = |ws: &mut Worksheet, row: u32, col: u16, s: Severity, word: &str| {
        match s {
            Severity::Error => ws.write_string_with_format(row, col, word, &red),
            Severity::Warning => ws.write_string_with_format(row, col, word, &yellow),
            Severity::Info => ws.write_string(row, col, word),
        }
        .map(|_| ())
    };

    let head = [
        (lang.say(Say::Code), 8),
        (lang.say(Say::Severity), 12),
        (lang.say(Say::File), 40),
        (lang.say(Say::Sheet), 16),
        (lang.say(Say::RowHead), 7),
        (lang.say(Say::Column), 7),
        (lang.say(Say::Cell), 18),
        (lang.say(Say::Field), 20),
        (lang.say(Say::Indicator), 10),
        (lang.say(Say::Value), 30),
        (lang.say(Say::Message), 80),
        (lang.say(Say::Hint), 60),
        (lang.say(Say::Innovation), 40),
        (lang.say(Say::AgencyOpd), 30),
    ];
    let list = Sheets {
        name: lang.say(Say::Findings),
        head: &head,
        bold: &bold,
        max_rows,
    };
    list.write(&mut wb, &outcome.findings, |ws, r, f| {
        let l = &f.location;
        text(ws, lang, r, 0, f.code.as_str())?;
        shade(ws, r, 1, f.severity, super::severity_word(f.severity, lang))?;
        text(ws, lang, r, 2, &l.file)?;
        text(ws, lang, r, 3, l.sheet.as_deref().unwrap_or(""))?;
        if let Some(row) = l.row {
            ws.write_number(r, 4, f64::from(row))?;
        }
        text(ws, lang, r, 5, &l.column_letters().unwrap_or_default())?;
        text(ws, lang, r, 6, &l.cell().unwrap_or_default())?;
        text(ws, lang, r, 7, f.field.as_deref().unwrap_or(""))?;
        if let Some(no) = f.indicator {
            ws.write_number(r, 8, f64::from(no))?;
        }
        text(ws, lang, r, 9, f.value.as_deref().unwrap_or(""))?;
        text(ws, lang, r, 10, &f.message(lang))?;
        text(ws, lang, r, 11, &f.hint(lang))?;
        if let Some(inn) = outcome.innovation_of(f) {
            text(ws, lang, r, 12, inn.name())?;
            text(ws, lang, r, 13, &inn.agency)?;
        } else if let Some(agency) = &f.agency {
            text(ws, lang, r, 13, agency)?;
        }
        Ok(())
    })?;

    // The innovations, in the order of the JSON.
    let with_portal = outcome.portal_only.is_some();
    let mut head = vec![
        (lang.say(Say::AgencyOpd), 30),
        (lang.say(Say::InnovationName), 40),
        (lang.say(Say::File), 40),
        (lang.say(Say::Sheet), 16),
        (lang.say(Say::RowHead), 7),
        (lang.say(Say::Status), 12),
        (lang.say(Say::ErrorsHead), 8),
        (lang.say(Say::Warnings), 11),
        (lang.say(Say::ScoreClaimed), 13),
        (lang.say(Say::ScoreVerified), 13),
    ];
    if with_portal {
        head.push((lang.say(Say::InThePortal), 16));
    }
    let list = Sheets {
        name: lang.say(Say::InnovationsHead),
        head: &head,
        bold: &bold,
        max_rows,
    };
    list.write(&mut wb, &outcome.innovations, |ws, r, inn| {
        text(ws, lang, r, 0, &inn.agency)?;
        text(ws, lang, r, 1, inn.name())?;
        text(ws, lang, r, 2, inn.file())?;
        text(ws, lang, r, 3, inn.sheet().unwrap_or(""))?;
        ws.write_number(r, 4, f64::from(inn.row))?;
        shade(ws, r, 5, inn.status, status(inn.status, lang))?;
        ws.write_number(r, 6, f64::from(inn.errors))?;
        ws.write_number(r, 7, f64::from(inn.warnings))?;
        ws.write_number(r, 8, inn.score.claimed)?;
        ws.write_number(r, 9, inn.score.verified)?;
        if let Some(p) = &inn.portal {
            text(ws, lang, r, 10, super::portal_word(p.status, lang))?;
        }
        Ok(())
    })?;

    {
        let ws = wb.add_worksheet();
        ws.set_name(lang.say(Say::Summary))?;
        ws.set_column_width(0, 24)?;
        ws.set_column_width(1, 40)?;
        let count = |s| outcome.count(s) as f64;
        let rows: [(&str, Option<String>, Option<f64>); 7] = [
            (
                lang.say(Say::Template),
                Some(format!("{} ({})", t.name, t.id)),
                None,
            ),
            (
                lang.say(Say::ReferenceDateHead),
                Some(opts.as_of.format("%d/%m/%Y").to_string()),
                None,
            ),
            (
                lang.say(Say::FilesHead),
                None,
                Some(outcome.files.len() as f64),
            ),
            (
                lang.say(Say::InnovationsHead),
                None,
                Some(outcome.innovations.len() as f64),
            ),
            (
                lang.say(Say::ErrorsHead),
                None,
                Some(count(Severity::Error)),
            ),
            (
                lang.say(Say::Warnings),
                None,
                Some(count(Severity::Warning)),
            ),
            (lang.say(Say::Infos), None, Some(count(Severity::Info))),
        ];
        for (r, (label, s, n)) in rows.iter().enumerate() {
            let r = r as u32;
            ws.write_string_with_format(r, 0, *label, &bold)?;
            if let Some(s) = s {
                text(ws, lang, r, 1, s)?;
            }
            if let Some(n) = n {
                ws.write_number(r, 1, *n)?;
            }
        }
    }
    Ok(wb.save_to_buffer()?)
}

/// A list written over as many sheets as its length needs, each with the
/// header row and a filter over its rows. An empty list still gets its sheet.
struct Sheets<'a> {
    name: &'a str,
    head: &'a [(&'a str, u16)],
    bold: &'a Format,
    max_rows: usize,
}

impl Sheets<'_> {
    fn write<T>(
        &self,
        wb: &mut Workbook,
        items: &[T],
        mut row: impl FnMut(&mut Worksheet, u32, &T) -> anyhow::Result<()>,
    ) -> anyhow::Result<()> {
        let per_sheet = self.max_rows - 1;
        let parts = items.len().div_ceil(per_sheet).max(1);
        for part in 0..parts {
            let ws = wb.add_worksheet();
            if part == 0 {
                ws.set_name(self.name)?;
            } else {
                ws.set_name(format!("{} ({})", self.name, part + 1))?;
            }
            header(ws, self.head, self.bold)?;
            let start = part * per_sheet;
            let chunk = &items[start..(start + per_sheet).min(items.len())];
            for (i, item) in chunk.iter().enumerate() {
                row(ws, (i + 1) as u32, item)?;
            }
            ws.autofilter(0, 0, chunk.len() as u32, (self.head.len() - 1) as u16)?;
        }
        Ok(())
    }
}

/// A bold header row, frozen, with column widths.
fn header(ws: &mut Worksheet, head: &[(&str, u16)], bold: &Format) -> anyhow::Result<()> {
    for (c, (h, width)) in head.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, bold)?;
        ws.set_column_width(c as u16, *width)?;
    }
    ws.set_freeze_panes(1, 0)?;
    Ok(())
}

/// A text cell, left empty when there is no text, cut to what a cell holds.
fn text(ws: &mut Worksheet, lang: Lang, row: u32, col: u16, s: &str) -> anyhow::Result<()> {
    if !s.is_empty() {
        ws.write_string(row, col, cell_text(s, lang).as_ref())?;
    }
    Ok(())
}

/// An innovation's status in the user's language (the words of the HTML
/// report).
fn status(s: Severity, lang: Lang) -> &'static str {
    lang.say(match s {
        Severity::Info => Say::StatusClean,
        Severity::Warning => Say::StatusWarning,
        Severity::Error => Say::StatusError,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::{Code, Finding, Location};
    use calamine::{Data, Reader, Xlsx};

    #[test]
    fn a_long_list_goes_on_to_further_sheets() {
        let findings: Vec<Finding> = (1..=5)
            .map(|row| {
                let mut loc = Location::file("a.csv");
                loc.row = Some(row);
                Finding::new(Code::V001, loc)
            })
            .collect();
        let outcome = Outcome {
            files: vec![("a.csv".into(), "a".into())],
            innovations: Vec::new(),
            findings,
            ..Outcome::default()
        };
        let t = crate::check::testing::template();
        let opts = RenderOptions {
            lang: Lang::Id,
            as_of: chrono::NaiveDate::from_ymd_opt(2026, 11, 24).unwrap(),
            width: None,
        };
        let bytes = render_with(&outcome, &t, &opts, 3).unwrap();
        let mut wb = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
        assert_eq!(
            wb.sheet_names(),
            ["Temuan", "Temuan (2)", "Temuan (3)", "Inovasi", "Ringkasan"]
        );
        let mut rows = Vec::new();
        for name in ["Temuan", "Temuan (2)", "Temuan (3)"] {
            let sheet = wb.worksheet_range(name).unwrap();
            assert_eq!(sheet.get((0, 0)), Some(&Data::String("Kode".into())));
            assert!(sheet.height() <= 3, "{name}: {} rows", sheet.height());
            for r in 1..sheet.height() {
                rows.push(sheet.get((r, 4)).cloned());
            }
        }
        // Every finding once, in order.
        let expected: Vec<Option<Data>> =
            (1..=5).map(|r| Some(Data::Float(f64::from(r)))).collect();
        assert_eq!(rows, expected);
        // An empty list keeps its sheet, with the header.
        let inovasi = wb.worksheet_range("Inovasi").unwrap();
        assert_eq!(inovasi.height(), 1);
    }
}
