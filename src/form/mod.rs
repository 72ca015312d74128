//! The blank submission form of a template (`bimtek template form`): the
//! workbook an officer sends to agencies before a bimtek. It owns the layout
//! of that workbook and returns its bytes; writing the file is `cmd`'s job.
//!
//! Sheets, in order:
//! - `Petunjuk`: how to fill the form, in Bahasa Indonesia, and a table of
//!   every column with its rules;
//! - `Inovasi`: the header row (one column per template field; required
//!   ones marked `*`), column widths, a note on each header, dropdown lists
//!   for allowed-value fields, date and whole-number validation, frozen
//!   header row;
//! - `Bukti Dukung` (templates with indicators): the long evidence layout
//!   with the template's own headers, the innovation and indicator as
//!   dropdowns, parameter 1-3, date validation;
//! - `Referensi`: every list of allowed values (long lists are validated
//!   by a range on this sheet: Excel caps an inline list at 255 characters).
//!
//! `Petunjuk` and `Referensi` are never read as data (`FORM_INFO_SHEETS`),
//! so a correctly filled form checks clean. Same template, same bytes: the
//! document properties carry a fixed creation date.

mod notes;
mod roster;

pub use notes::{field_note, window_words, with_window};
use notes::{header_note, kind_word, rules};
pub use roster::{ROSTER_SHEET, roster};

use crate::diag::column_letters;
use crate::template::{EvidenceKey, FORM_INFO_SHEETS, Field, FieldKind, Template};
use rust_xlsxwriter::{
    Color, DataValidation, DataValidationErrorStyle, DataValidationRule, DocProperties,
    ExcelDateTime, Format, FormatAlign, FormatBorder, Formula, Note, Workbook, Worksheet,
    XlsxError,
};

/// Name of the profile sheet.
pub const PROFILE_SHEET: &str = "Inovasi";
/// Name of the evidence sheet.
pub const EVIDENCE_SHEET: &str = "Bukti Dukung";
/// Rows below the header that carry validation (data rows 2..=1001).
pub const FORM_ROWS: u32 = 1000;

const INSTRUCTIONS_SHEET: &str = FORM_INFO_SHEETS[0];
const REFERENCE_SHEET: &str = FORM_INFO_SHEETS[1];
/// Excel's limit for an inline validation list.
const INLINE_LIST_MAX: usize = 255;

/// The header text of a field's column: its label, `*` when required.
pub fn header(field: &Field) -> String {
    if field.required {
        format!("{} *", field.label)
    } else {
        field.label.clone()
    }
}

/// The fields that get a column in the form, in template order.
pub fn form_fields(t: &Template) -> Vec<&Field> {
    t.fields.iter().filter(|f| f.in_form).collect()
}

/// The headers of the evidence sheet: the template's first spelling of each
/// long-layout column, in layout order.
pub fn evidence_headers(t: &Template) -> Vec<(EvidenceKey, String)> {
    t.evidence_columns.clone()
}

/// A list of allowed values: inline, or a range on the reference sheet.
enum ListSource {
    Inline(Vec<String>),
    Range(String),
}

/// Build the blank form of `t` and return the xlsx bytes.
pub fn build(t: &Template) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let created = ExcelDateTime::from_ymd(t.year.clamp(1980, 9999) as u16, 1, 1)?;
    wb.set_properties(
        &DocProperties::new()
            .set_title(format!("Formulir {}", t.name))
            .set_subject(format!("Templat {}", t.id))
            .set_author("bimtek")
            .set_comment("Dibuat oleh bimtek template form")
            .set_creation_datetime(&created),
    );
    let fields = form_fields(t);
    let Sheets {
        mut profile,
        evidence,
        reference,
    } = sheets(t, Notes::Full)?;

    let mut instructions = Worksheet::new();
    instructions.set_name(INSTRUCTIONS_SHEET)?;
    instructions_sheet(&mut instructions, t, &fields, evidence.is_some())?;
    profile.set_active(true);

    wb.push_worksheet(instructions);
    wb.push_worksheet(profile);
    if let Some(ev) = evidence {
        wb.push_worksheet(ev);
    }
    wb.push_worksheet(reference);
    wb.save_to_buffer()
}

/// The form's sheets that hold data, with their headers, header notes,
/// dropdowns and validations, and the reference sheet their lists point
/// into (a workbook that carries them must carry it too).
pub struct Sheets {
    /// [`PROFILE_SHEET`]: one row per innovation from row 2, columns in
    /// [`form_fields`] order.
    pub profile: Worksheet,
    /// [`EVIDENCE_SHEET`], for templates with indicators: one row per
    /// document from row 2, columns in [`evidence_headers`] order.
    pub evidence: Option<Worksheet>,
    /// The reference sheet, never read as data.
    pub reference: Worksheet,
}

/// What a header note says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Notes {
    /// Required or not, the rules, and the template's own note on the
    /// field ([`field_note`]): the blank form.
    Full,
    /// Required or not and the rules only: the feedback workbooks, whose
    /// readers are the agencies alone (a template's notes may speak of
    /// the data sources bimtek was tuned on).
    Rules,
}

/// The form's data sheets and reference sheet, empty below the headers.
pub fn sheets(t: &Template, notes: Notes) -> Result<Sheets, XlsxError> {
    let fields = form_fields(t);
    let evidence = !t.indicators.is_empty() && !t.evidence_columns.is_empty();
    // The reference sheet first: the dropdowns point into it.
    let mut reference = Worksheet::new();
    reference.set_name(REFERENCE_SHEET)?;
    let lists = reference_sheet(&mut reference, t, &fields)?;
    let mut profile = Worksheet::new();
    profile.set_name(PROFILE_SHEET)?;
    profile_sheet(&mut profile, t, &fields, &lists, notes)?;
    let evidence = if evidence {
        let mut ev = Worksheet::new();
        ev.set_name(EVIDENCE_SHEET)?;
        evidence_sheet(&mut ev, t, &fields, &lists)?;
        Some(ev)
    } else {
        None
    };
    Ok(Sheets {
        profile,
        evidence,
        reference,
    })
}

fn header_format() -> Format {
    Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_background_color(Color::RGB(0xDDEBF7))
        .set_border(FormatBorder::Thin)
}

fn required_header_format() -> Format {
    header_format().set_background_color(Color::RGB(0xFCE4D6))
}

/// A note that fits Excel's limits.
fn note(text: &str) -> Note {
    let text: String = text.chars().take(2000).collect();
    Note::new(text)
        .set_author("bimtek")
        .add_author_prefix(false)
        .set_width(320)
        .set_height(160)
}

fn instructions_sheet(
    ws: &mut Worksheet,
    t: &Template,
    fields: &[&Field],
    evidence: bool,
) -> Result<(), XlsxError> {
    let title = Format::new().set_bold().set_font_size(14);
    let bold = Format::new().set_bold();
    let wrap = Format::new()
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_border(FormatBorder::Thin);
    ws.set_column_width(0, 34)?;
    ws.set_column_width(1, 8)?;
    ws.set_column_width(2, 11)?;
    ws.set_column_width(3, 42)?;
    ws.set_column_width(4, 70)?;
    ws.write_string_with_format(0, 0, format!("Formulir {}", t.name), &title)?;
    ws.write_string(
        1,
        0,
        format!(
            "Templat bimtek: {} (tahun {}). Dibuat oleh bimtek {}.",
            t.id,
            t.year,
            env!("CARGO_PKG_VERSION")
        ),
    )?;
    // The window, for the agencies; the template's sources and grades are
    // for officers (`bimtek template show`), not written here.
    if let Some(w) = &t.window {
        let text = if w.note.is_empty() {
            format!("Penerapan pertama {}.", window_words(w))
        } else {
            with_window(&w.note, Some(w))
        };
        ws.write_string(2, 0, format!("Rentang penilaian: {text}"))?;
    }
    let mut steps = vec![
        format!(
            "Isi satu baris untuk satu inovasi di lembar \"{PROFILE_SHEET}\", mulai baris 2. Jangan mengubah, menghapus, atau memindahkan baris judul kolom."
        ),
        "Kolom bertanda * wajib diisi. Arahkan kursor ke judul kolom untuk membaca catatannya: isi yang diminta, batas kata, dan format.".to_string(),
        format!(
            "Kolom pilihan: pilih dari daftar (panah di sel). Semua pilihan ada di lembar \"{REFERENCE_SHEET}\"."
        ),
        "Tanggal: ketik sebagai tanggal hari/bulan/tahun, misalnya 17/05/2024.".to_string(),
        "Teks panjang: perhatikan batas kata minimal dan maksimal; kata dihitung seperti orang menghitung.".to_string(),
    ];
    if evidence {
        steps.push(format!(
            "Bukti dukung: satu baris per dokumen di lembar \"{EVIDENCE_SHEET}\": nama inovasi (pilih dari daftar), indikator, parameter 1-3, nomor dan tanggal dokumen, perihal, dan nama berkas (simpan berkasnya di folder bukti/ di samping berkas ini) atau tautan (hanya untuk indikator yang menerimanya, misalnya video)."
        ));
    }
    steps.push(check_step(t));
    ws.write_string_with_format(4, 0, "Cara mengisi", &bold)?;
    let mut row = 5;
    for (i, s) in steps.iter().enumerate() {
        ws.write_string(row, 0, format!("{}. {s}", i + 1))?;
        row += 1;
    }
    if let Some(award) = t.award.as_ref().filter(|a| !a.agencies.is_empty()) {
        row += 1;
        ws.write_string_with_format(
            row,
            0,
            "OPD yang wajib mengirim minimal satu inovasi",
            &bold,
        )?;
        row += 1;
        for a in &award.agencies {
            ws.write_string(row, 0, format!("- {}", a.name))?;
            row += 1;
        }
    }
    row += 1;
    ws.write_string_with_format(row, 0, "Daftar kolom", &bold)?;
    row += 1;
    let head = header_format();
    for (c, h) in ["Kolom", "Wajib", "Jenis", "Aturan", "Catatan"]
        .iter()
        .enumerate()
    {
        ws.write_string_with_format(row, c as u16, *h, &head)?;
    }
    for f in fields {
        row += 1;
        ws.write_string_with_format(row, 0, &f.label, &wrap)?;
        ws.write_string_with_format(row, 1, if f.required { "ya" } else { "" }, &wrap)?;
        ws.write_string_with_format(row, 2, kind_word(f), &wrap)?;
        ws.write_string_with_format(row, 3, rules(f).join(" "), &wrap)?;
        ws.write_string_with_format(row, 4, with_window(&f.note, t.window.as_ref()), &wrap)?;
    }
    Ok(())
}

/// The Petunjuk's last step: the command that checks a filled form. A
/// shipped template is named by its id; a template read from a file is
/// named by that file, which the agency keeps beside the form (an id that
/// is not shipped fails, and the officer's folder is not theirs).
fn check_step(t: &Template) -> String {
    let shipped = crate::template::BUILTIN
        .iter()
        .any(|(id, _)| *id == t.id && t.file == format!("templates/{id}.toml"));
    if shipped {
        return format!(
            "Simpan sebagai .xlsx, lalu periksa: bimtek check --template {} NAMA-BERKAS.xlsx",
            t.id
        );
    }
    let name = std::path::Path::new(&t.file)
        .file_name()
        .map_or_else(|| t.file.clone(), |n| n.to_string_lossy().into_owned());
    let arg = if name.contains([' ', '\'', '"']) {
        format!("\"{name}\"")
    } else {
        name.clone()
    };
    format!(
        "Simpan sebagai .xlsx di satu folder bersama berkas templat {name} yang dikirim bersama formulir ini, lalu periksa dari folder itu: bimtek check --template {arg} NAMA-BERKAS.xlsx"
    )
}

/// Write every list onto the reference sheet; return, per form field, how
/// its dropdown gets its values (`None` for fields without a list), and
/// the indicator list's range last.
struct Lists {
    fields: Vec<Option<ListSource>>,
    indicators: Option<String>,
}

fn reference_sheet(
    ws: &mut Worksheet,
    t: &Template,
    fields: &[&Field],
) -> Result<Lists, XlsxError> {
    let head = header_format();
    let mut col: u16 = 0;
    let range = |col: u16, n: usize| {
        let c = column_letters(col as u32);
        format!("{REFERENCE_SHEET}!${c}$2:${c}${}", n + 1)
    };
    let mut indicators = None;
    if !t.indicators.is_empty() {
        ws.write_string_with_format(0, col, "Indikator", &head)?;
        for (i, ind) in t.indicators.iter().enumerate() {
            ws.write_string(i as u32 + 1, col, indicator_choice(ind.no, &ind.name))?;
        }
        ws.set_column_width(col, 50)?;
        indicators = Some(range(col, t.indicators.len()));
        col += 1;
    }
    let mut out = Vec::with_capacity(fields.len());
    for f in fields {
        if f.kind != FieldKind::Enum {
            out.push(None);
            continue;
        }
        ws.write_string_with_format(0, col, &f.label, &head)?;
        for (i, v) in f.values.iter().enumerate() {
            ws.write_string(i as u32 + 1, col, &v.value)?;
        }
        let widest = f.values.iter().map(|v| v.value.chars().count()).max();
        ws.set_column_width(col, widest.unwrap_or(10).clamp(12, 60) as f64)?;
        let values: Vec<String> = f.values.iter().map(|v| v.value.clone()).collect();
        let inline_len: usize = values.iter().map(|v| v.chars().count() + 1).sum();
        let inline = inline_len <= INLINE_LIST_MAX && values.iter().all(|v| !v.contains(','));
        out.push(Some(if inline {
            ListSource::Inline(values)
        } else {
            ListSource::Range(range(col, f.values.len()))
        }));
        col += 1;
    }
    ws.set_freeze_panes(1, 0)?;
    Ok(Lists {
        fields: out,
        indicators,
    })
}

/// How an indicator is offered in the dropdown: `17 - Kecepatan ...`; the
/// checker reads the leading number.
pub fn indicator_choice(no: u32, name: &str) -> String {
    format!("{no} - {name}")
}

fn list_validation(source: &ListSource) -> Result<DataValidation, XlsxError> {
    let dv = DataValidation::new();
    let dv = match source {
        ListSource::Inline(values) => dv.allow_list_strings(values)?,
        ListSource::Range(r) => dv.allow_list_formula(Formula::new(format!("={r}"))),
    };
    dv.set_error_title("Pilihan tidak sah")?
        .set_error_message("Pilih salah satu nilai dari daftar.")
}

fn date_validation() -> Result<DataValidation, XlsxError> {
    DataValidation::new()
        .allow_date(DataValidationRule::Between(
            ExcelDateTime::from_ymd(1950, 1, 1)?,
            ExcelDateTime::from_ymd(2100, 12, 31)?,
        ))
        .set_input_title("Tanggal")?
        .set_input_message("Ketik tanggal hari/bulan/tahun, misalnya 17/05/2024.")?
        .set_error_title("Bukan tanggal")?
        .set_error_message("Ketik tanggal, misalnya 17/05/2024.")
}

fn profile_sheet(
    ws: &mut Worksheet,
    t: &Template,
    fields: &[&Field],
    lists: &Lists,
    notes: Notes,
) -> Result<(), XlsxError> {
    let head = header_format();
    let head_required = required_header_format();
    let date_format = Format::new().set_num_format("dd/mm/yyyy");
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let last = FORM_ROWS;
    ws.set_row_height(0, 48)?;
    for (ci, f) in fields.iter().enumerate() {
        let col = ci as u16;
        let fmt = if f.required { &head_required } else { &head };
        ws.write_string_with_format(0, col, header(f), fmt)?;
        ws.insert_note(0, col, &note(&header_note(f, notes, t.window.as_ref())))?;
        let width = match f.kind {
            FieldKind::Text if f.min_words.is_some() || f.max_words.is_some() => 60.0,
            FieldKind::Text => 28.0,
            FieldKind::Enum => f
                .values
                .iter()
                .map(|v| v.value.chars().count())
                .max()
                .unwrap_or(12)
                .clamp(14, 40) as f64,
            FieldKind::Date => 14.0,
            FieldKind::Integer { .. } => 12.0,
            _ => 22.0,
        };
        ws.set_column_width(col, width)?;
        match &f.kind {
            FieldKind::Date => {
                ws.set_column_format(col, &date_format)?;
                ws.add_data_validation(1, col, last, col, &date_validation()?)?;
            }
            FieldKind::Integer { min, max } => {
                let lo = min
                    .unwrap_or(i32::MIN as i64)
                    .clamp(i32::MIN as i64, i32::MAX as i64);
                let hi = max
                    .unwrap_or(i32::MAX as i64)
                    .clamp(i32::MIN as i64, i32::MAX as i64);
                let dv = DataValidation::new()
                    .allow_whole_number(DataValidationRule::Between(lo as i32, hi as i32))
                    .set_error_title("Bukan bilangan yang sah")?
                    .set_error_message(match (min, max) {
                        (Some(_), None) => format!("Isi bilangan bulat paling sedikit {lo}."),
                        (None, Some(_)) => format!("Isi bilangan bulat paling banyak {hi}."),
                        _ => format!("Isi bilangan bulat {lo} sampai {hi}."),
                    })?;
                ws.add_data_validation(1, col, last, col, &dv)?;
            }
            FieldKind::Text if f.min_words.is_some() || f.max_words.is_some() => {
                ws.set_column_format(col, &wrap)?;
            }
            FieldKind::Enum => {
                if let Some(source) = &lists.fields[ci] {
                    ws.add_data_validation(1, col, last, col, &list_validation(source)?)?;
                }
            }
            _ => {}
        }
    }
    ws.set_freeze_panes(1, 0)?;
    Ok(())
}

fn evidence_sheet(
    ws: &mut Worksheet,
    t: &Template,
    fields: &[&Field],
    lists: &Lists,
) -> Result<(), XlsxError> {
    let head = header_format();
    let date_format = Format::new().set_num_format("dd/mm/yyyy");
    let last = FORM_ROWS;
    ws.set_row_height(0, 32)?;
    let name_col = fields
        .iter()
        .position(|f| f.key == crate::template::roles::NAME);
    for (ci, (key, text)) in evidence_headers(t).iter().enumerate() {
        let col = ci as u16;
        ws.write_string_with_format(0, col, text, &head)?;
        let (width, note_text) = match key {
            EvidenceKey::Innovation => (
                36.0,
                format!("Wajib diisi. Nama inovasi persis seperti di lembar \"{PROFILE_SHEET}\" (pilih dari daftar)."),
            ),
            EvidenceKey::Indicator => (
                40.0,
                "Wajib diisi. Nomor indikator (pilih dari daftar; angka di depannya yang dibaca).".into(),
            ),
            EvidenceKey::Parameter => (
                11.0,
                "Parameter yang dipilih: 1, 2 atau 3 (lihat catatan indikator di Pedoman).".into(),
            ),
            EvidenceKey::Number => (22.0, "Nomor surat/dokumen.".into()),
            EvidenceKey::Date => (
                14.0,
                "Tanggal dokumen, misalnya 17/05/2024; beberapa indikator meminta dokumen dari tahun tertentu.".into(),
            ),
            EvidenceKey::About => (36.0, "Perihal/judul dokumen.".into()),
            EvidenceKey::File => (
                40.0,
                "Nama berkas di folder bukti/ (PDF/JPG/PNG/MP4 sesuai indikator), atau tautan YouTube/Google Drive untuk indikator video.".into(),
            ),
        };
        ws.set_column_width(col, width)?;
        ws.insert_note(0, col, &note(&note_text))?;
        match key {
            EvidenceKey::Innovation => {
                if let Some(nc) = name_col {
                    let c = column_letters(nc as u32);
                    let source =
                        ListSource::Range(format!("'{PROFILE_SHEET}'!${c}$2:${c}${}", last + 1));
                    // A name typed before the profile row exists is fine:
                    // warn, do not stop.
                    let dv = list_validation(&source)?
                        .set_error_style(DataValidationErrorStyle::Warning);
                    ws.add_data_validation(1, col, last, col, &dv)?;
                }
            }
            EvidenceKey::Indicator => {
                if let Some(r) = &lists.indicators {
                    let dv = list_validation(&ListSource::Range(r.clone()))?;
                    ws.add_data_validation(1, col, last, col, &dv)?;
                }
            }
            EvidenceKey::Parameter => {
                let dv = list_validation(&ListSource::Inline(vec![
                    "1".into(),
                    "2".into(),
                    "3".into(),
                ]))?;
                ws.add_data_validation(1, col, last, col, &dv)?;
            }
            EvidenceKey::Date => {
                ws.set_column_format(col, &date_format)?;
                ws.add_data_validation(1, col, last, col, &date_validation()?)?;
            }
            _ => {}
        }
    }
    ws.set_freeze_panes(1, 0)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iid() -> Template {
        Template::builtin("iid-2026").unwrap().unwrap()
    }

    #[test]
    fn same_template_same_bytes() {
        let t = iid();
        assert_eq!(build(&t).unwrap(), build(&t).unwrap());
    }

    #[test]
    fn every_header_maps_back_to_its_field() {
        for (id, _) in crate::template::BUILTIN {
            let t = Template::builtin(id).unwrap().unwrap();
            for f in form_fields(&t) {
                let i = t.field_for_header(&header(f)).expect("header maps");
                assert_eq!(t.fields[i].key, f.key, "{id}");
            }
            for (key, h) in evidence_headers(&t) {
                assert_eq!(t.evidence_key(&h), Some(key), "{id}");
            }
        }
    }

    #[test]
    fn portal_list_columns_are_left_out() {
        let t = iid();
        let keys: Vec<&str> = form_fields(&t).iter().map(|f| f.key.as_str()).collect();
        assert!(keys.contains(&"tahapan"));
        assert!(!keys.contains(&"terakhir_diperbarui"));
        assert!(!keys.contains(&"skor_kematangan"));
    }

    #[test]
    fn indicator_choices_read_back_as_their_number() {
        let t = iid();
        for ind in &t.indicators {
            assert_eq!(
                t.indicator_for(&indicator_choice(ind.no, &ind.name)),
                Some(ind.no)
            );
        }
    }
}
