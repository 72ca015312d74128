//! What loading said about a file, and what its header row says: unreadable
//! files, decoding notes, unknown, missing and doubled columns.

use super::Sink;
use crate::diag::{Code, Finding, Lang, Location, Say};
use crate::load::{Damage, Limit, LoadError, LoadNotes};
use crate::normalize::HeaderMap;
use crate::template::Template;

/// The finding for a file that could not be read.
pub fn load_error_finding(file: &str, err: &LoadError) -> Finding {
    let loc = Location::file(file);
    match err {
        LoadError::Empty => {
            Finding::new(Code::F003, loc).say("detail", "detail_en", Say::FileZeroBytes, &[])
        }
        LoadError::Encrypted => Finding::new(Code::F002, loc),
        // As the input walk's own outputs are told (cmd's `path_problem`).
        LoadError::Own(output) => {
            Finding::new(Code::F014, loc).say("what", "what_en", output.say(), &[])
        }
        LoadError::NotSpreadsheet(kind) => {
            let key = match *kind {
                "html" => Say::NotSheetHtml,
                "pdf" => Say::NotSheetPdf,
                "zip" => Say::NotSheetZip,
                _ => Say::NotSheetBinary,
            };
            Finding::new(Code::F004, loc).say("kind", "kind_en", key, &[])
        }
        LoadError::Corrupt(damage, detail) => {
            let (key, n) = match damage {
                Damage::Zip => (Say::DamageZip, None),
                Damage::Xml => (Say::DamageXml, None),
                Damage::MissingPart => (Say::DamageMissingPart, None),
                Damage::Cfb => (Say::DamageCfb, None),
                Damage::Compression => (Say::DamageCompression, None),
                Damage::CsvRecord(n) => (Say::DamageCsvRecord, Some(*n)),
                Damage::Io => (Say::DamageIo, None),
                Damage::Other => (Say::DamageOther, None),
            };
            let n = n.map(|n| n.to_string()).unwrap_or_default();
            Finding::new(Code::F001, loc)
                .say("what", "what_en", key, &[("n", &n)])
                .arg("detail", detail)
        }
        LoadError::TooLarge(limit) => {
            // A size or a count as each language writes it: `name`, `name_en`.
            let size = |n: u64| [human_size(n, Lang::Id), human_size(n, Lang::En)];
            let count = |n: u64| [Lang::Id, Lang::En].map(|l| crate::diag::count(n, l));
            let words = match limit {
                Limit::ZipEntry {
                    name,
                    size: inflated,
                    compressed,
                } => {
                    let ([from, from_en], [to, to_en]) = (size(*compressed), size(*inflated));
                    Say::LimitZipEntry.both(&[
                        ("name", name),
                        ("from", &from),
                        ("from_en", &from_en),
                        ("to", &to),
                        ("to_en", &to_en),
                    ])
                }
                Limit::ZipTotal { size: inflated } => {
                    let [to, to_en] = size(*inflated);
                    Say::LimitZipTotal.both(&[("to", &to), ("to_en", &to_en)])
                }
                Limit::Record { line, limit } => {
                    let [max, max_en] = size(*limit);
                    Say::LimitRecord.both(&[("line", line), ("max", &max), ("max_en", &max_en)])
                }
                Limit::FileSize {
                    size: actual,
                    limit,
                } => {
                    let ([is, is_en], [max, max_en]) = (size(*actual), size(*limit));
                    Say::LimitFileSize.both(&[
                        ("size", &is),
                        ("size_en", &is_en),
                        ("max", &max),
                        ("max_en", &max_en),
                    ])
                }
                Limit::Value { part, limit } => {
                    let [max, max_en] = size(*limit);
                    Say::LimitValue.both(&[("part", part), ("max", &max), ("max_en", &max_en)])
                }
                Limit::Cells { rows, cols } => {
                    let ([r, r_en], [c, c_en]) = (count(*rows), count(*cols));
                    Say::LimitCells.both(&[
                        ("rows", &r),
                        ("rows_en", &r_en),
                        ("cols", &c),
                        ("cols_en", &c_en),
                    ])
                }
            };
            Finding::new(Code::F009, loc).words("detail", "detail_en", words)
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
        out.push(Finding::new(Code::F006, Location::file(file)));
    }
    if let Some(line) = notes.unbalanced_quote {
        out.push(Finding::new(Code::F010, Location::file(file)).arg("line", line));
    }
    for (sheet, row, after) in &notes.repeated_rows {
        let loc = Location {
            file: file.to_string(),
            sheet: sheet.as_deref().map(str::to_string),
            row: Some(row.saturating_add(1)),
            col: None,
            header: None,
        };
        out.push(Finding::new(Code::F018, loc).arg("after", after.saturating_add(1)));
    }
    if notes.sheets_past_limit > 0 || notes.sheets_repeating.is_some() {
        let mut said: Vec<crate::diag::Text> = Vec::new();
        if let Some((sheet, part, n)) = &notes.sheets_repeating {
            said.push(Say::SheetsRepeating.both(&[("n", n), ("sheet", sheet), ("part", part)]));
        }
        if notes.sheets_past_limit > 0 {
            let (n, max) = (notes.sheets_past_limit, crate::load::MAX_SHEETS);
            said.push(Say::SheetsPastLimit.both(&[("n", &n), ("max", &max)]));
        }
        let [id, en] = [0, 1].map(|i| {
            said.iter()
                .map(|t| t[i].as_str())
                .collect::<Vec<_>>()
                .join("; ")
        });
        out.push(Finding::new(Code::F019, Location::file(file)).words(
            "detail",
            "detail_en",
            [id, en],
        ));
    }
    if let (Some(ext), Some(format)) = (&notes.extension_mismatch, notes.format) {
        out.push(
            Finding::new(Code::F007, Location::file(file))
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
        // `Indikator 999 Bukti` on a profile sheet: evidence for an
        // indicator the template does not have, told once for the column
        // (its cells are not read as statements). It holds for every row
        // of the sheet: which rows filled the column is not known, and no
        // innovation there may look clean past it.
        let unknown_indicator = (h.layout == crate::normalize::header::Layout::Profile)
            .then(|| t.fold_header(&c.header))
            .flatten()
            .and_then(|f| t.wide_column_unknown_folded(&f));
        match unknown_indicator {
            Some(no) => {
                let no = no.to_string();
                sink.push(
                    Finding::new(Code::E016, loc)
                        .value(&no)
                        .say(
                            "what",
                            "what_en",
                            crate::diag::Say::UnknownIndicatorColumn,
                            &[("value", &no)],
                        )
                        .for_every_row(),
                );
            }
            None => sink.push(Finding::new(Code::H001, loc)),
        }
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
                Finding::new(Code::H002, base.clone())
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
            Finding::new(Code::H003, loc)
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
            assert_eq!(f.code, Code::F001);
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
