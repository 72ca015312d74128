//! The roster workbook (`template form --roster`): the list of agencies
//! expected, as `check --roster` reads it.

use crate::template::Template;
use rust_xlsxwriter::{
    Color, DocProperties, ExcelDateTime, Format, FormatBorder, Workbook, XlsxError,
};

/// Name of the roster workbook's sheet.
pub const ROSTER_SHEET: &str = "Daftar OPD";

/// The roster workbook (`template form --roster`): one sheet with the
/// columns `check --roster` reads (Nama, Alias, Kelompok), a note on each
/// header, and the template's own roster (or its award's agencies) when it
/// has one, else no rows. Same template, same bytes.
pub fn roster(t: &Template) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let created = ExcelDateTime::from_ymd(t.year.clamp(1980, 9999) as u16, 1, 1)?;
    wb.set_properties(
        &DocProperties::new()
            .set_title(format!("Daftar OPD {}", t.name))
            .set_subject(format!("Templat {}", t.id))
            .set_author("bimtek")
            .set_comment("Dibuat oleh bimtek template form --roster")
            .set_creation_datetime(&created),
    );
    let ws = wb.add_worksheet();
    ws.set_name(ROSTER_SHEET)?;
    let head = Format::new()
        .set_bold()
        .set_background_color(Color::RGB(0xDDEBF7))
        .set_border(FormatBorder::Thin);
    let columns = [
        (
            "Nama",
            40,
            "Wajib. Nama perangkat daerah atau unit (UPT Puskesmas, sekolah, desa) \
             seperti yang diharapkan mengirim inovasi.",
        ),
        (
            "Alias",
            40,
            "Boleh kosong. Ejaan lain nama ini di data OPD, dipisah titik koma: \
             Dinkes; Dinas Kesehatan Kab.",
        ),
        (
            "Kelompok",
            20,
            "Boleh kosong. Misalnya Dinas, Badan, Kecamatan, Puskesmas, Sekolah, Desa.",
        ),
    ];
    for (col, (name, width, note)) in (0u16..).zip(columns) {
        ws.set_column_width(col, width)?;
        ws.write_string_with_format(0, col, name, &head)?;
        ws.insert_note(0, col, &super::note(note))?;
    }
    ws.set_freeze_panes(1, 0)?;
    if let Some(r) = t.expected_agencies() {
        for (row, a) in (1u32..).zip(&r.agencies) {
            ws.write_string(row, 0, &a.name)?;
            if !a.aliases.is_empty() {
                ws.write_string(row, 1, a.aliases.join("; "))?;
            }
            if let Some(g) = &a.group {
                ws.write_string(row, 2, g)?;
            }
        }
    }
    wb.save_to_buffer()
}
