//! One workbook per agency to send back, never one per file: a recap of
//! several agencies is split, each getting only its own innovations. The
//! workbook is the agency's form again ([`crate::form`]): a first sheet
//! "Temuan" listing its findings in Bahasa Indonesia (the field by its
//! label, the cell in this workbook), then the form's profile sheet with
//! the agency's rows (columns in the template's order, its dropdowns and
//! date validations kept), the evidence sheet with its documents when it
//! sent any, and the form's reference sheet the dropdowns point into. A
//! cell with a finding is filled (red error, yellow warning) and carries
//! the message as a note. The agency fixes the cells and sends the
//! workbook back; read again, its data sheets are its data and "Temuan" is
//! not ([`crate::load::marker`]).
//!
//! The rows are written from the values as the check read them (a date as
//! a date, a choice in its canonical spelling), and as the agency wrote
//! them where a value could not be read or carries a finding, so nothing
//! the agency wrote is lost and a note always speaks of what the cell
//! shows. Files holding no innovation (a lookup list, bimtek's own
//! outputs) get no workbook.

use crate::diag::{Code, Finding, Lang, Say, Severity, column_letters};
use crate::form::{self, EVIDENCE_SHEET, PROFILE_SHEET};
use crate::normalize::{DateValue, Precision, Record, Value};
use crate::outcome::{DateCell, DatePart, Innovation, Outcome};
use crate::template::{EvidenceKey, Template};
use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{Color, ExcelDateTime, Format, Note, Worksheet};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

/// A value to write into a form cell.
#[derive(Debug, Clone, PartialEq)]
pub enum FormValue {
    Text(String),
    Number(f64),
    Date(NaiveDate),
}

/// One field's cell of a row: the value as read (`None` when it could not
/// be read) and the text as the agency wrote it.
#[derive(Debug, Clone, PartialEq)]
pub struct FormCell {
    pub read: Option<FormValue>,
    pub written: String,
}

/// A row's cells, one per form field ([`form::form_fields`] order); `None`
/// where the agency's sheet has no such column or the cell is empty.
pub type FormRow = Vec<Option<FormCell>>;

/// Where a row is: (file, sheet, row as the sheet shows it).
pub type RowKey = (String, Option<String>, u32);

/// The indices of the form's fields in the template, in form order.
fn form_indices(t: &Template) -> Vec<usize> {
    (0..t.fields.len())
        .filter(|&i| t.fields[i].in_form)
        .collect()
}

/// A record's cells as the feedback writes them, keyed by its place.
pub fn form_row(t: &Template, file: &str, r: &Record) -> (RowKey, FormRow) {
    let cells = form_indices(t)
        .into_iter()
        .map(|fi| {
            let cell = r.cell(fi).filter(|c| c.value != Value::Empty)?;
            let read = match &cell.value {
                Value::Date(DateValue::Ok(d, Precision::Day)) => Some(FormValue::Date(*d)),
                Value::Integer(n) => Some(FormValue::Number(*n as f64)),
                _ => super::canonical(t, fi, r).ok().map(FormValue::Text),
            };
            Some(FormCell {
                read,
                written: cell.text.clone(),
            })
        })
        .collect();
    (
        (
            file.to_string(),
            r.sheet.as_deref().map(str::to_string),
            r.row,
        ),
        cells,
    )
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
    if s.is_empty() {
        "OPD".to_string()
    } else if windows_reserved(&s) {
        // Windows cannot create CON.xlsx, NUL.xlsx, COM1.xlsx, ...
        format!("OPD {s}")
    } else {
        s
    }
}

/// A name Windows keeps for a device, whatever its case or extension.
fn windows_reserved(name: &str) -> bool {
    let stem = name.split('.').next().unwrap_or(name).trim_end();
    let upper = stem.to_ascii_uppercase();
    matches!(upper.as_str(), "CON" | "PRN" | "AUX" | "NUL")
        || (upper.len() == 4
            && (upper.starts_with("COM") || upper.starts_with("LPT"))
            && upper.as_bytes()[3].is_ascii_digit()
            && upper.as_bytes()[3] != b'0')
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

/// Build every agency's workbook: (file name, bytes), sorted by agency.
/// `rows` holds each profile row's cells ([`form_row`]).
pub fn workbooks(
    outcome: &Outcome,
    t: &Template,
    rows: &HashMap<RowKey, FormRow>,
    lang: Lang,
) -> anyhow::Result<Vec<(String, Vec<u8>)>> {
    // bimtek's own outputs (F014) are nobody's data.
    let own: HashSet<&str> = outcome
        .findings
        .iter()
        .filter(|f| f.code == Code::F014)
        .map(|f| f.location.file.as_str())
        .collect();
    let mut by_agency: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, inn) in outcome.innovations.iter().enumerate() {
        if !own.contains(inn.file()) {
            by_agency.entry(&inn.agency).or_default().push(i);
        }
    }
    // A finding about a file rather than an innovation (an evidence row
    // naming no innovation, a header or a file that repeats another) goes
    // to the agencies whose innovations or evidence came in that file (an
    // evidence file without an agency column, beside the agencies' lists
    // in one folder), else to the agency the file's place names; the
    // infos, which ask nothing of the agency, stay in the officer's report.
    let mut in_file: HashMap<&str, BTreeSet<&str>> = HashMap::new();
    for list in by_agency.values() {
        for &i in list {
            let inn = &outcome.innovations[i];
            in_file.entry(inn.file()).or_default().insert(&inn.agency);
            for st in &inn.statements {
                in_file.entry(st.file()).or_default().insert(&inn.agency);
            }
        }
    }
    let hints: HashMap<&str, &str> = outcome
        .files
        .iter()
        .map(|(file, hint)| (file.as_str(), hint.as_str()))
        .collect();
    let mut loose: HashMap<&str, Vec<&Finding>> = HashMap::new();
    for f in &outcome.findings {
        let file = f.location.file.as_str();
        if f.innovation.is_some()
            || f.every_row
            || f.severity < Severity::Warning
            || own.contains(file)
        {
            continue;
        }
        match in_file.get(file) {
            Some(agencies) => {
                for a in agencies {
                    loose.entry(a).or_default().push(f);
                }
            }
            None => {
                if let Some(hint) = hints.get(file).filter(|h| by_agency.contains_key(**h)) {
                    loose.entry(hint).or_default().push(f);
                }
            }
        }
    }
    let per = outcome.findings_per_innovation();
    let names = unique_file_names(by_agency.keys().copied());
    let mut out = Vec::with_capacity(names.len());
    for ((agency, list), name) in by_agency.iter().zip(names) {
        let book = Book {
            t,
            outcome,
            rows,
            per: &per,
            lang,
        };
        let loose = loose.get(agency).map_or(&[][..], Vec::as_slice);
        out.push((name, book.write(list, loose)?));
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

/// Which of the workbook's data sheets a cell is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum On {
    Profile,
    Evidence,
}

/// Where a finding points in the feedback workbook.
struct Place {
    on: On,
    /// 0-based row in the sheet.
    row: u32,
    col: Option<u16>,
}

/// What one agency's workbook is written from.
struct Book<'a> {
    t: &'a Template,
    outcome: &'a Outcome,
    rows: &'a HashMap<RowKey, FormRow>,
    per: &'a [Vec<&'a Finding>],
    lang: Lang,
}

impl Book<'_> {
    /// The workbook of the innovations `list`, with `loose`, the findings
    /// about the agency's files, on its findings sheet.
    fn write(&self, list: &[usize], loose: &[&Finding]) -> anyhow::Result<Vec<u8>> {
        let (t, lang) = (self.t, self.lang);
        let fields = form_indices(t);
        let agency_col = fields.iter().position(|&fi| t.roles.agency == Some(fi));
        let evidence_headers = form::evidence_headers(t);
        let evidence_keys: Vec<EvidenceKey> = evidence_headers.iter().map(|(k, _)| *k).collect();
        let sheets = form::sheets(t, form::Notes::Rules)?;
        let (mut profile, mut evidence) = (sheets.profile, sheets.evidence);

        // Where each finding points, and the marks on the data sheets.
        let mut listed: Vec<(Finding, Option<&Innovation>, Option<Place>)> = Vec::new();
        let mut seen: HashSet<*const Finding> = HashSet::new();
        let mut marks: BTreeMap<(On, u32, u16), (Severity, Vec<String>)> = BTreeMap::new();
        let mut evidence_row = 0u32;
        for (k, &i) in list.iter().enumerate() {
            let inn = &self.outcome.innovations[i];
            let row = k as u32 + 1;
            let first_statement = evidence_row + 1;
            evidence_row += inn.statements.len() as u32;
            for f in &self.per[i] {
                let place = self.place(f, inn, row, first_statement, &fields, &evidence_keys);
                let shown = self.relocated(f, place.as_ref(), &fields, &evidence_headers);
                if let Some(Place {
                    on,
                    row,
                    col: Some(col),
                }) = place
                {
                    let e = marks
                        .entry((on, row, col))
                        .or_insert((f.severity, Vec::new()));
                    e.0 = e.0.max(f.severity);
                    e.1.push(format!(
                        "{} {} {}",
                        f.code,
                        shown.message(lang),
                        shown.hint(lang)
                    ));
                }
                if seen.insert(*f as *const Finding) {
                    listed.push((shown, Some(inn), place));
                }
            }
        }

        listed.extend(loose.iter().map(|f| ((*f).clone(), None, None)));

        let red = Format::new().set_background_color(Color::RGB(0xFFC7CE));
        let yellow = Format::new().set_background_color(Color::RGB(0xFFEB9C));
        let fill = |on: On, r: u32, c: u16| {
            marks.get(&(on, r, c)).map(|(s, _)| {
                if *s == Severity::Error {
                    red.clone()
                } else {
                    yellow.clone()
                }
            })
        };

        // The profile rows.
        for (k, &i) in list.iter().enumerate() {
            let inn = &self.outcome.innovations[i];
            let r = k as u32 + 1;
            let key = (
                inn.file().to_string(),
                inn.sheet().map(str::to_string),
                inn.row,
            );
            let cells = self.rows.get(&key);
            for (c, _) in fields.iter().enumerate() {
                let c16 = c as u16;
                let format = fill(On::Profile, r, c16);
                let flagged = format.is_some();
                let cell = cells
                    .and_then(|cells| cells.get(c))
                    .and_then(Option::as_ref);
                let value = match cell {
                    Some(cell) => match &cell.read {
                        Some(v) if !flagged => v.clone(),
                        _ => FormValue::Text(cell.written.clone()),
                    },
                    // The agency is known without its column: from the
                    // file's folder or name.
                    None if Some(c) == agency_col => FormValue::Text(inn.agency.to_string()),
                    None => FormValue::Text(String::new()),
                };
                write_value(&mut profile, r, c16, &value, format, lang)?;
            }
        }

        // The evidence rows, in the form's evidence layout.
        let statements: Vec<(&Innovation, &crate::outcome::Statement)> = list
            .iter()
            .flat_map(|&i| {
                let inn = &self.outcome.innovations[i];
                inn.statements.iter().map(move |st| (inn, st))
            })
            .collect();
        let mut evidence = match evidence.take() {
            Some(mut ws) if !statements.is_empty() => {
                for (k, (inn, st)) in statements.iter().enumerate() {
                    let r = k as u32 + 1;
                    for (c, key) in evidence_keys.iter().enumerate() {
                        let c16 = c as u16;
                        let value = evidence_value(t, inn, st, *key);
                        write_value(&mut ws, r, c16, &value, fill(On::Evidence, r, c16), lang)?;
                    }
                }
                Some(ws)
            }
            _ => None,
        };

        // Notes on the marked cells (errors and warnings; an info is on
        // the findings sheet only).
        for ((on, r, c), (severity, notes)) in &marks {
            // Past Excel's last row nothing was written, nor is a note.
            if *severity < Severity::Warning || *r > 1_048_575 {
                continue;
            }
            let ws = match on {
                On::Profile => &mut profile,
                On::Evidence => match evidence.as_mut() {
                    Some(ws) => ws,
                    None => continue,
                },
            };
            let note = Note::new(crate::report::note_text(&notes.join("\n"), lang))
                .set_author("bimtek")
                .add_author_prefix(false);
            ws.insert_note(*r, *c, &note)?;
        }

        let mut wb = marked()?;
        let mut temuan = Worksheet::new();
        temuan.set_name(FINDINGS_SHEET)?;
        self.findings_sheet(&mut temuan, &listed)?;
        wb.push_worksheet(temuan);
        wb.push_worksheet(profile);
        if let Some(ws) = evidence {
            wb.push_worksheet(ws);
        }
        wb.push_worksheet(sheets.reference);
        Ok(wb.save_to_buffer()?)
    }

    /// Where finding `f` of innovation `inn` (on profile row `row`, its
    /// statements from evidence row `first_statement`) points.
    fn place(
        &self,
        f: &Finding,
        inn: &Innovation,
        row: u32,
        first_statement: u32,
        fields: &[usize],
        evidence_keys: &[EvidenceKey],
    ) -> Option<Place> {
        let l = &f.location;
        let field_col = || {
            let key = f.field.as_deref()?;
            let c = fields.iter().position(|&fi| self.t.fields[fi].key == key)?;
            Some(c as u16)
        };
        if f.every_row {
            return Some(Place {
                on: On::Profile,
                row,
                col: field_col(),
            });
        }
        let at = l.row?;
        // An evidence row (long layout), or an evidence cell of the
        // profile row (wide layout).
        for (k, st) in inn.statements.iter().enumerate() {
            if !st.is_at(&l.file, l.sheet.as_deref(), at) {
                continue;
            }
            let key = st
                .parts()
                .find(|(_, p, _)| p.col.is_some() && p.col == l.col)
                .map(|(key, _, _)| key);
            let long = st.innovation().is_some();
            if long || key.is_some() {
                return Some(Place {
                    on: On::Evidence,
                    row: first_statement + k as u32,
                    col: key
                        .and_then(|key| evidence_keys.iter().position(|k| *k == key))
                        .map(|c| c as u16),
                });
            }
        }
        if l.file == inn.file() && l.sheet.as_deref() == inn.sheet() && at == inn.row {
            return Some(Place {
                on: On::Profile,
                row,
                col: field_col(),
            });
        }
        None
    }

    /// `f` as this workbook has it: its sheet, row, column and header
    /// there, so that a message or hint naming the cell names this
    /// workbook's cell. A finding that points at no cell here keeps its
    /// place.
    fn relocated(
        &self,
        f: &Finding,
        place: Option<&Place>,
        fields: &[usize],
        evidence_headers: &[(EvidenceKey, String)],
    ) -> Finding {
        let mut shown = f.clone();
        let Some(p) = place else { return shown };
        if p.col.is_none() && f.location.col.is_some() {
            return shown;
        }
        let l = &mut shown.location;
        l.sheet = Some(
            match p.on {
                On::Profile => PROFILE_SHEET,
                On::Evidence => EVIDENCE_SHEET,
            }
            .to_string(),
        );
        l.row = Some(p.row + 1);
        l.col = p.col.map(u32::from);
        l.header = p.col.and_then(|c| match p.on {
            On::Profile => fields
                .get(c as usize)
                .map(|&fi| form::header(&self.t.fields[fi])),
            On::Evidence => evidence_headers.get(c as usize).map(|(_, h)| h.clone()),
        });
        shown
    }

    /// The findings sheet: one row a finding, the field by its label, the
    /// place as this workbook has it.
    fn findings_sheet(
        &self,
        ws: &mut Worksheet,
        listed: &[(Finding, Option<&Innovation>, Option<Place>)],
    ) -> anyhow::Result<()> {
        let lang = self.lang;
        let bold = Format::new().set_bold();
        if listed.is_empty() {
            ws.write_string(0, 0, lang.say(Say::ReadyToEnter))?;
            ws.set_column_width(0, 60)?;
            return Ok(());
        }
        let head = [
            Say::Code,
            Say::Severity,
            Say::Innovation,
            Say::Sheet,
            Say::Cell,
            Say::Field,
            Say::Value,
            Say::Message,
            Say::Hint,
        ]
        .map(|k| lang.say(k));
        for (c, h) in head.iter().enumerate() {
            ws.write_string_with_format(0, c as u16, *h, &bold)?;
        }
        for (i, (f, inn, place)) in listed.iter().enumerate() {
            let r = (i + 1) as u32;
            let (sheet, cell) = match place {
                Some(p) => (
                    match p.on {
                        On::Profile => PROFILE_SHEET,
                        On::Evidence => EVIDENCE_SHEET,
                    },
                    match p.col {
                        Some(c) => format!("{}{}", column_letters(c as u32), p.row + 1),
                        None => format!("{} {}", lang.say(Say::Row), p.row + 1),
                    },
                ),
                // A finding about the agency's file: its place there.
                None => {
                    let l = &f.location;
                    // The file's name: the officer's folders are none of
                    // the agency's concern.
                    let file = l.file.rsplit(['/', '\\']).next().unwrap_or(&l.file);
                    let at = l
                        .cell()
                        .or_else(|| l.row.map(|x| format!("{} {x}", lang.say(Say::Row))));
                    (
                        "",
                        match at {
                            Some(at) => format!("{file}: {at}"),
                            None => file.to_string(),
                        },
                    )
                }
            };
            let field = match (&f.field, f.indicator) {
                (Some(key), _) => self
                    .t
                    .field(key)
                    .map_or(key.as_str(), |field| field.label(lang))
                    .to_string(),
                (None, Some(no)) => format!("{} {no}", lang.say(Say::Indicator)),
                (None, None) => String::new(),
            };
            let cells = [
                f.code.to_string(),
                crate::report::severity_word(f.severity, lang).to_string(),
                inn.map(|i| i.name().to_string()).unwrap_or_default(),
                sheet.to_string(),
                cell,
                field,
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
        for (c, w) in [7u16, 11, 36, 14, 10, 24, 30, 60, 50].iter().enumerate() {
            ws.set_column_width(c as u16, *w)?;
        }
        ws.set_freeze_panes(1, 0)?;
        Ok(())
    }
}

/// A statement's value in the evidence layout's column `key`.
fn evidence_value(
    t: &Template,
    inn: &Innovation,
    st: &crate::outcome::Statement,
    key: EvidenceKey,
) -> FormValue {
    let text = || FormValue::Text(st.text(key).to_string());
    match key {
        // The innovation by its name, as the profile sheet has it.
        EvidenceKey::Innovation => FormValue::Text(inn.name().to_string()),
        EvidenceKey::Indicator => match t.indicator_for(st.indicator().text) {
            Some(no) => match t.indicators.iter().find(|i| i.no == no) {
                Some(ind) => FormValue::Text(form::indicator_choice(no, &ind.name)),
                None => text(),
            },
            None => text(),
        },
        EvidenceKey::Date => match st.date() {
            Some(DatePart {
                held: DateCell::Date(day),
                ..
            }) => FormValue::Date(day),
            _ => text(),
        },
        EvidenceKey::Parameter | EvidenceKey::Number | EvidenceKey::About | EvidenceKey::File => {
            text()
        }
    }
}

/// Write `value` at (r, c) with `fill` (a finding's colour), a date as a
/// date in the form's date format.
fn write_value(
    ws: &mut Worksheet,
    r: u32,
    c: u16,
    value: &FormValue,
    fill: Option<Format>,
    lang: Lang,
) -> anyhow::Result<()> {
    if r > 1_048_575 {
        return Ok(());
    }
    let format = fill.unwrap_or_default();
    match value {
        FormValue::Date(d) => {
            let excel = u16::try_from(d.year())
                .ok()
                .and_then(|y| ExcelDateTime::from_ymd(y, d.month() as u8, d.day() as u8).ok());
            match excel {
                Some(x) => {
                    ws.write_datetime_with_format(r, c, x, &format.set_num_format("dd/mm/yyyy"))?;
                }
                None => {
                    ws.write_string_with_format(r, c, d.format("%d/%m/%Y").to_string(), &format)?;
                }
            }
        }
        FormValue::Number(n) => {
            ws.write_number_with_format(r, c, *n, &format)?;
        }
        FormValue::Text(s) if s.is_empty() => {
            if format != Format::default() {
                ws.write_blank(r, c, &format)?;
            }
        }
        FormValue::Text(s) => {
            // Excel caps a cell at 32,767 characters: a longer text is
            // cut with a marker.
            ws.write_string_with_format(r, c, crate::report::cell_text(s, lang).as_ref(), &format)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn workbook_names_are_unique_and_short() {
        assert_eq!(file_name("Dinas PU/PR: Bidang*"), "Dinas PU-PR- Bidang-");
        assert_eq!(file_name(" .. "), "OPD");
        // Names Windows keeps for devices cannot be file names there.
        assert_eq!(file_name("con"), "OPD con");
        assert_eq!(file_name("COM1"), "OPD COM1");
        assert_eq!(file_name("Dinas Aux"), "Dinas Aux");
        assert_eq!(file_name("COM0"), "COM0");
        let long = "Dinas ".repeat(60);
        let names = unique_file_names(["Dinas A/B", "Dinas A:B", "dinas a-b", &long].into_iter());
        assert_eq!(
            names[..3],
            ["Dinas A-B.xlsx", "Dinas A-B (2).xlsx", "dinas a-b (3).xlsx"]
        );
        assert!(names[3].len() <= 110, "{}", names[3]);
    }
}
