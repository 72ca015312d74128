//! What loading said about a file, and what its header row says: unreadable
//! files, decoding notes, unknown, missing and doubled columns.

use super::Sink;
use crate::diag::{Finding, Lang, Location};
use crate::load::{Damage, Limit, LoadError, LoadNotes};
use crate::normalize::HeaderMap;
use crate::template::Template;

/// The finding for a file that could not be read.
pub fn load_error_finding(file: &str, err: &LoadError) -> Finding {
    let loc = Location::file(file);
    match err {
        LoadError::Empty => Finding::new("F003", loc)
            .arg("detail", "berkas kosong (ukurannya 0)")
            .arg("detail_en", "the file is 0 bytes"),
        LoadError::Encrypted => Finding::new("F002", loc),
        LoadError::NotSpreadsheet(kind) => {
            let (id, en) = match *kind {
                "html" => ("tabel HTML (halaman web)", "an HTML table (web page)"),
                "pdf" => ("dokumen PDF", "a PDF document"),
                "zip" => ("arsip zip", "a zip archive"),
                _ => ("data biner yang tidak dikenal", "unknown binary data"),
            };
            Finding::new("F004", loc).arg("kind", id).arg("kind_en", en)
        }
        LoadError::Corrupt(damage, detail) => {
            let (what, what_en) = match damage {
                Damage::Zip => (
                    "arsipnya rusak atau terpotong".to_string(),
                    "its zip container is damaged or cut off".to_string(),
                ),
                Damage::Xml => (
                    "isi XML di dalamnya rusak".to_string(),
                    "an XML part inside it is damaged".to_string(),
                ),
                Damage::MissingPart => (
                    "bagian yang wajib ada di dalamnya hilang".to_string(),
                    "a part it must hold is missing".to_string(),
                ),
                Damage::Cfb => (
                    "struktur berkas .xls lamanya rusak".to_string(),
                    "its old .xls container is damaged".to_string(),
                ),
                Damage::Compression => (
                    "bagian di dalamnya dikompresi dengan metode yang tidak didukung".to_string(),
                    "a part inside it is compressed with a method bimtek does not support"
                        .to_string(),
                ),
                Damage::CsvRecord(n) => (
                    format!("baris data CSV ke-{n} tidak dapat dibaca"),
                    format!("CSV record {n} cannot be parsed"),
                ),
                Damage::Io => (
                    "gagal membaca dari disk".to_string(),
                    "reading it from the disk failed".to_string(),
                ),
                Damage::Other => (
                    "pembaca lembar kerja gagal".to_string(),
                    "the spreadsheet reader failed".to_string(),
                ),
            };
            Finding::new("F001", loc)
                .arg("what", what)
                .arg("what_en", what_en)
                .arg("detail", detail)
        }
        LoadError::TooLarge(limit) => {
            let (id, en) = match limit {
                Limit::ZipEntry {
                    name,
                    size,
                    compressed,
                } => (
                    format!(
                        "bagian {name} mengembang dari {} menjadi {}; bom zip?",
                        human_size(*compressed, Lang::Id),
                        human_size(*size, Lang::Id)
                    ),
                    format!(
                        "entry {name} inflates from {} to {}; a zip bomb?",
                        human_size(*compressed, Lang::En),
                        human_size(*size, Lang::En)
                    ),
                ),
                Limit::ZipTotal { size } => (
                    format!(
                        "isi arsip mengembang menjadi {}",
                        human_size(*size, Lang::Id)
                    ),
                    format!("the archive inflates to {}", human_size(*size, Lang::En)),
                ),
                Limit::Record { line, limit } => (
                    format!(
                        "baris {line}: satu baris CSV lebih panjang dari {}",
                        human_size(*limit, Lang::Id)
                    ),
                    format!(
                        "line {line}: one CSV record is longer than {}",
                        human_size(*limit, Lang::En)
                    ),
                ),
                Limit::FileSize { size, limit } => (
                    format!(
                        "berkas {} lebih besar dari batas {}",
                        human_size(*size, Lang::Id),
                        human_size(*limit, Lang::Id)
                    ),
                    format!(
                        "the file is {}, over the {} limit",
                        human_size(*size, Lang::En),
                        human_size(*limit, Lang::En)
                    ),
                ),
                Limit::Value { part, limit } => (
                    format!(
                        "bagian {part}: satu tag, teks atau nilai sel lebih panjang dari {}",
                        human_size(*limit, Lang::Id)
                    ),
                    format!(
                        "part {part}: one tag, text or cell value is longer than {}",
                        human_size(*limit, Lang::En)
                    ),
                ),
                Limit::Cells { rows, cols } => (
                    format!(
                        "lembar membentang {} baris x {} kolom",
                        crate::diag::count(*rows, Lang::Id),
                        crate::diag::count(*cols, Lang::Id)
                    ),
                    format!(
                        "a sheet spans {} rows x {} columns",
                        crate::diag::count(*rows, Lang::En),
                        crate::diag::count(*cols, Lang::En)
                    ),
                ),
            };
            Finding::new("F009", loc)
                .arg("detail", id)
                .arg("detail_en", en)
        }
    }
}

/// Bytes in binary units, as file managers show them, with the number as
/// `lang` writes it.
fn human_size(n: u64, lang: Lang) -> String {
    const UNITS: [&str; 4] = ["KiB", "MiB", "GiB", "TiB"];
    if n < 1024 {
        return format!("{n} B");
    }
    let mut value = n as f64 / 1024.0;
    let mut unit = 0;
    while value >= 1024.0 && unit + 1 < UNITS.len() {
        value /= 1024.0;
        unit += 1;
    }
    format!("{} {}", crate::diag::number(value, 1, lang), UNITS[unit])
}

/// Info findings about how a readable file was read.
pub fn load_note_findings(file: &str, notes: &LoadNotes) -> Vec<Finding> {
    let mut out = Vec::new();
    if notes.decoded_cp1252 {
        out.push(Finding::new("F006", Location::file(file)));
    }
    if let Some(line) = notes.unbalanced_quote {
        out.push(Finding::new("F010", Location::file(file)).arg("line", line));
    }
    for (sheet, row, after) in &notes.repeated_rows {
        let loc = Location {
            file: file.to_string(),
            sheet: sheet.as_deref().map(str::to_string),
            row: Some(row.saturating_add(1)),
            col: None,
            header: None,
        };
        out.push(Finding::new("F018", loc).arg("after", after.saturating_add(1)));
    }
    if notes.sheets_past_limit > 0 || notes.sheets_repeating.is_some() {
        let (mut id, mut en) = (Vec::new(), Vec::new());
        if let Some((sheet, part, n)) = &notes.sheets_repeating {
            id.push(format!(
                "{n} lembar menunjuk isi yang sudah dibaca untuk lembar sebelumnya (yang pertama \"{sheet}\", {part})"
            ));
            en.push(format!(
                "{n} sheets point at content already read for an earlier sheet (the first \"{sheet}\", {part})"
            ));
        }
        if notes.sheets_past_limit > 0 {
            let (n, max) = (notes.sheets_past_limit, crate::load::MAX_SHEETS);
            id.push(format!(
                "{n} lembar melewati batas {max} lembar per buku kerja"
            ));
            en.push(format!(
                "{n} sheets are past the limit of {max} sheets a workbook"
            ));
        }
        out.push(
            Finding::new("F019", Location::file(file))
                .arg("detail", id.join("; "))
                .arg("detail_en", en.join("; ")),
        );
    }
    if let (Some(ext), Some(format)) = (&notes.extension_mismatch, notes.format) {
        out.push(
            Finding::new("F007", Location::file(file))
                .arg("ext", ext)
                .arg("kind", format.name()),
        );
    }
    out
}

/// Unknown columns (once per sheet), missing required columns (once per
/// sheet) and columns doubling a field.
pub(super) fn header_findings(
    t: &Template,
    file: &str,
    sheet: Option<&str>,
    h: &HeaderMap,
    sink: &mut Sink<'_>,
) {
    let header_row = h.row.saturating_add(1);
    let base = Location {
        file: file.to_string(),
        sheet: sheet.map(str::to_string),
        row: Some(header_row),
        col: None,
        header: None,
    };
    for c in h.columns.iter().filter(|c| c.is_unknown(h.layout)) {
        let mut loc = base.clone();
        loc.col = Some(c.col);
        loc.header = Some(c.header.clone());
        sink.push(Finding::new("H001", loc));
    }
    if h.layout == crate::normalize::header::Layout::Evidence {
        return;
    }
    for (fi, field) in t.fields.iter().enumerate() {
        // The agency column may be absent: the agency then comes from the
        // file's folder or name (see `load::InputFile::agency_hint`).
        if t.roles.agency == Some(fi) {
            continue;
        }
        if field.required && h.field_columns[fi].is_none() {
            sink.push(super::fields::required_severity(
                field,
                Finding::new("H002", base.clone())
                    .field(&field.key)
                    .arg("label", &field.label)
                    .arg("label_en", &field.label_en)
                    .for_every_row(),
            ));
        }
    }
    for &(ci, first) in &h.duplicates {
        let c = &h.columns[ci];
        let mut loc = base.clone();
        loc.col = Some(c.col);
        loc.header = Some(c.header.clone());
        let key = &t.fields[c.field.expect("duplicate maps a field")].key;
        sink.push(
            Finding::new("H003", loc)
                .field(key)
                .arg("first", crate::diag::column_letters(first))
                .for_every_row(),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Lang;

    #[test]
    fn damage_is_said_in_both_languages_with_the_readers_words() {
        let cases = [
            (Damage::Zip, "arsipnya rusak", "zip container is damaged"),
            (Damage::Xml, "isi XML", "an XML part"),
            (
                Damage::MissingPart,
                "bagian yang wajib",
                "a part it must hold",
            ),
            (Damage::Cfb, "struktur berkas .xls", "old .xls container"),
            (
                Damage::CsvRecord(7),
                "baris data CSV ke-7",
                "CSV record 7 cannot",
            ),
            (
                Damage::Io,
                "gagal membaca dari disk",
                "from the disk failed",
            ),
            (Damage::Other, "pembaca lembar kerja gagal", "reader failed"),
        ];
        for (damage, id, en) in cases {
            let f = load_error_finding("a.xlsx", &LoadError::Corrupt(damage, "detail X".into()));
            assert_eq!(f.code, "F001");
            let (mid, men) = (f.message(Lang::Id), f.message(Lang::En));
            assert!(mid.starts_with("Berkas tidak dapat dibaca: "), "{mid}");
            assert!(
                mid.contains(id) && mid.ends_with("(rincian teknis: detail X)"),
                "{mid}"
            );
            assert!(
                men.contains(en) && men.ends_with("(technical detail: detail X)"),
                "{men}"
            );
            assert!(!men.contains("rincian") && !men.contains("rusak"), "{men}");
        }
    }
}
