//! Each cell against its field: required, allowed values, dates, numbers,
//! coordinates, word counts, formula errors.

use super::{CheckOptions, Sink};
use crate::diag::{Finding, Location};
use crate::normalize::date::portal_format;
use crate::normalize::{
    AmbiguousReason, Coordinate, DateValue, FieldCell, Precision, Record, Value,
};
use crate::template::{Field, FieldKind, Template};

/// Longest text an Excel cell holds, in UTF-16 units: the workbooks bimtek
/// writes cut a longer one with a marker (V009).
pub const MAX_CELL_CHARS: usize = 32_767;

/// Whether `s` is longer than an Excel cell holds.
pub fn too_long_for_a_cell(s: &str) -> bool {
    // UTF-8 is never shorter than UTF-16 in units: count only long texts.
    s.len() > MAX_CELL_CHARS && s.encode_utf16().count() > MAX_CELL_CHARS
}

/// Location of a field's cell within the row.
fn at(loc: &Location, cell: &FieldCell) -> Location {
    let mut l = loc.clone();
    l.col = Some(cell.col);
    l.header = Some(cell.header.to_string());
    l
}

/// A finding about `field`'s cell, with the field's labels as arguments.
pub(super) fn finding(
    code: &'static str,
    loc: &Location,
    field: &Field,
    cell: &FieldCell,
) -> Finding {
    Finding::new(code, at(loc, cell))
        .field(&field.key)
        .value(&cell.text)
        .arg("label", &field.label)
        .arg("label_en", &field.label_en)
}

pub(super) fn check(
    t: &Template,
    opts: &CheckOptions,
    loc: &Location,
    r: &Record,
    sink: &mut Sink<'_>,
) {
    for (fi, field) in t.fields.iter().enumerate() {
        let Some(cell) = r.cell(fi) else { continue };
        if too_long_for_a_cell(&cell.text) {
            // The value itself is left out: it is the whole long text.
            sink.push(
                Finding::new("V009", at(loc, cell))
                    .field(&field.key)
                    .arg("label", &field.label)
                    .arg("label_en", &field.label_en)
                    .arg("length", cell.text.encode_utf16().count()),
            );
        }
        match &cell.value {
            Value::Empty => {
                if field.required {
                    sink.push(
                        Finding::new("R001", at(loc, cell))
                            .field(&field.key)
                            .arg("label", &field.label)
                            .arg("label_en", &field.label_en),
                    );
                }
            }
            Value::FormulaError => sink.push(finding("V004", loc, field, cell)),
            Value::Text { words } => {
                if let Some(words) = *words {
                    if let Some(min) = field.min_words
                        && words < min as usize
                    {
                        sink.push(
                            finding("T001", loc, field, cell)
                                .arg("words", words)
                                .arg("min", min)
                                .arg("missing", min as usize - words),
                        );
                    }
                    if let Some(max) = field.max_words
                        && words > max as usize
                    {
                        sink.push(
                            finding("T002", loc, field, cell)
                                .arg("words", words)
                                .arg("max", max)
                                .arg("excess", words - max as usize),
                        );
                    }
                }
                if !field.links.is_empty()
                    && !super::evidence::link_kind_accepted(&field.links, &cell.text)
                {
                    sink.push(
                        finding("V008", loc, field, cell).arg("kinds", link_kinds(&field.links)),
                    );
                }
            }
            Value::Enum { index, exact } => {
                if !exact {
                    sink.push(
                        finding("V002", loc, field, cell)
                            .arg("canonical", &field.values[*index].value),
                    );
                }
            }
            Value::UnknownEnum { closest } => {
                let allowed = allowed_list(field, &cell.text);
                let mut f = finding("V001", loc, field, cell).arg("allowed", allowed);
                if let Some((i, _)) = closest {
                    let v = &field.values[*i].value;
                    f = f
                        .arg("closest", format!("; yang paling mirip: \"{v}\""))
                        .arg("closest_en", format!("; closest: \"{v}\""));
                }
                sink.push(f);
            }
            Value::Date(d) => date(field, opts, loc, cell, d, sink),
            Value::BadInteger => {
                let (min, max) = match field.kind {
                    FieldKind::Integer { min, max } => (min, max),
                    _ => (None, None),
                };
                sink.push(
                    finding("V007", loc, field, cell)
                        .arg("min", min.map_or("-".into(), |m| m.to_string()))
                        .arg("max", max.map_or("-".into(), |m| m.to_string())),
                );
            }
            Value::BadAmount => sink.push(finding("V003", loc, field, cell)),
            Value::Coordinate(Coordinate::Unreadable) => {
                sink.push(finding("V005", loc, field, cell))
            }
            Value::Coordinate(Coordinate::Ok { lat, lng }) => {
                let [lat_min, lat_max, lng_min, lng_max] = t.settings.coordinate_bounds;
                let inside = |la: f64, ln: f64| {
                    (lat_min..=lat_max).contains(&la) && (lng_min..=lng_max).contains(&ln)
                };
                if !inside(*lat, *lng) {
                    let swapped = inside(*lng, *lat);
                    let mut f = finding("V006", loc, field, cell);
                    if swapped {
                        f = f
                            .arg("swapped", "; tampaknya lintang dan bujur tertukar")
                            .arg("swapped_en", "; latitude and longitude look swapped");
                    }
                    sink.push(f);
                }
            }
            Value::Integer(_) | Value::Amount(_) | Value::FileRef => {}
        }
    }
}

/// "YouTube atau Google Drive" style list of link kinds.
fn link_kinds(kinds: &[String]) -> String {
    kinds
        .iter()
        .map(|k| match k.as_str() {
            "youtube" => "YouTube",
            "gdrive" => "Google Drive",
            _ => "web",
        })
        .collect::<Vec<_>>()
        .join(" / ")
}

/// The allowed values to list in a hint: all of them for short lists, the
/// five most like the written value for long ones (38 urusan would bury the
/// message on a projector).
fn allowed_list(field: &Field, written: &str) -> String {
    const LIST_ALL: usize = 12;
    if field.values.len() <= LIST_ALL {
        return field
            .values
            .iter()
            .map(|v| v.value.as_str())
            .collect::<Vec<_>>()
            .join("; ");
    }
    let mut ranked: Vec<(f64, &str)> = field
        .values
        .iter()
        .map(|v| {
            (
                crate::normalize::similarity(written, &v.value),
                v.value.as_str(),
            )
        })
        .collect();
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
    let top: Vec<&str> = ranked.iter().take(5).map(|(_, v)| *v).collect();
    format!("{}; ... ({} pilihan)", top.join("; "), field.values.len())
}

fn date(
    field: &Field,
    opts: &CheckOptions,
    loc: &Location,
    cell: &FieldCell,
    d: &DateValue,
    sink: &mut Sink<'_>,
) {
    match d {
        DateValue::Unreadable => sink.push(finding("D001", loc, field, cell)),
        DateValue::Impossible => sink.push(finding("D003", loc, field, cell)),
        DateValue::Ambiguous(reason) => {
            let (id, en) = match reason {
                AmbiguousReason::TwoDigitYear => ("tahun hanya dua digit", "two-digit year"),
                AmbiguousReason::MonthDayOrder => (
                    "tampak seperti urutan bulan/hari",
                    "looks like month/day order",
                ),
            };
            sink.push(
                finding("D002", loc, field, cell)
                    .arg("reason", id)
                    .arg("reason_en", en),
            );
        }
        DateValue::Ok(date, precision) => {
            if *precision != Precision::Day {
                let (id, en) = match precision {
                    Precision::Month => ("bulan dan tahun", "month and year"),
                    _ => ("tahun", "year"),
                };
                sink.push(
                    finding("D007", loc, field, cell)
                        .arg("precision", id)
                        .arg("precision_en", en),
                );
            }
            if *date > opts.as_of {
                sink.push(
                    finding("D004", loc, field, cell).arg("as_of", portal_format(opts.as_of)),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use crate::load::RawCell;

    fn codes_with(changes: &[(&'static str, RawCell)]) -> Vec<&'static str> {
        codes_after(&template(), clean_cells(), changes)
    }

    #[test]
    fn r001_required_value_empty() {
        assert_eq!(codes_with(&[("nama_inisiator", text(""))]), ["R001"]);
        // Optional fields may stay empty.
        assert!(codes_with(&[("anggaran", text(""))]).is_empty());
    }

    #[test]
    fn v001_v002_allowed_values() {
        assert_eq!(codes_with(&[("tahapan", text("Selesai"))]), ["V001"]);
        assert_eq!(codes_with(&[("jenis", text("non-digital"))]), ["V002"]);
        assert!(codes_with(&[("jenis", text("Non Digital"))]).is_empty());
    }

    #[test]
    fn v003_amount_unreadable() {
        assert_eq!(
            codes_with(&[("anggaran", text("sekitar 2 juta"))]),
            ["V003"]
        );
        assert!(codes_with(&[("anggaran", text("Rp 1.500.000,00"))]).is_empty());
    }

    #[test]
    fn v004_formula_error() {
        assert_eq!(
            codes_with(&[("tujuan", RawCell::Error("#REF!".into()))]),
            ["V004"]
        );
    }

    #[test]
    fn v005_v006_coordinates() {
        assert_eq!(
            codes_with(&[("koordinat", text("dekat kantor bupati"))]),
            ["V005"]
        );
        assert_eq!(
            codes_with(&[("koordinat", text("51.5074,-0.1278"))]),
            ["V006"]
        );
        assert_eq!(
            codes_with(&[("koordinat", text("114.5908,-3.3194"))]),
            ["V006"]
        );
    }

    #[test]
    fn v007_integer_range() {
        assert_eq!(codes_with(&[("asta_cita", RawCell::Number(9.0))]), ["V007"]);
        assert_eq!(codes_with(&[("asta_cita", text("tiga"))]), ["V007"]);
        assert!(codes_with(&[("asta_cita", text("8"))]).is_empty());
    }

    #[test]
    fn d001_to_d004_and_d007_dates() {
        assert_eq!(codes_with(&[("waktu_penerapan", text("segera"))]), ["D001"]);
        assert_eq!(
            codes_with(&[("waktu_penerapan", text("05/17/24"))]),
            ["D002"]
        );
        assert_eq!(
            codes_with(&[("waktu_penerapan", text("31/02/2025"))]),
            ["D003"]
        );
        assert_eq!(
            codes_with(&[("waktu_penerapan", text("15/01/2027"))]),
            ["D004"]
        );
        assert_eq!(
            codes_with(&[("waktu_penerapan", text("Mei 2024"))]),
            ["D007"]
        );
    }

    fn kipp() -> crate::template::Template {
        crate::template::Template::builtin("kipp-2026")
            .unwrap()
            .unwrap()
    }

    fn kipp_codes(changes: &[(&'static str, RawCell)]) -> Vec<&'static str> {
        codes_after(&kipp(), kipp_clean(), changes)
    }

    #[test]
    fn a_clean_kipp_proposal_has_no_findings() {
        assert_eq!(kipp_codes(&[]), Vec::<&str>::new());
    }

    #[test]
    fn t002_word_maximum_per_section() {
        // Ringkasan: at most 200 words; 200 is fine, 201 is not.
        assert!(kipp_codes(&[("ringkasan", text(&"kata ".repeat(200)))]).is_empty());
        assert_eq!(
            kipp_codes(&[("ringkasan", text(&"kata ".repeat(201)))]),
            ["T002"]
        );
        // Signifikansi allows 600.
        assert!(kipp_codes(&[("signifikansi", text(&"kata ".repeat(600)))]).is_empty());
        assert_eq!(
            kipp_codes(&[("signifikansi", text(&"kata ".repeat(601)))]),
            ["T002"]
        );
    }

    #[test]
    fn v008_video_must_be_a_youtube_or_drive_link() {
        for ok in [
            "https://www.youtube.com/watch?v=abc",
            "https://youtu.be/abc",
            "https://drive.google.com/file/d/1x/view",
        ] {
            assert!(kipp_codes(&[("video", text(ok))]).is_empty(), "{ok}");
        }
        for bad in ["video.mp4", "https://vimeo.com/1", "youtube"] {
            assert_eq!(kipp_codes(&[("video", text(bad))]), ["V008"], "{bad}");
        }
    }

    #[test]
    fn t001_word_minimum() {
        assert_eq!(
            codes_with(&[("rancang_bangun", text(&"kata ".repeat(40)))]),
            ["T001"]
        );
        assert!(codes_with(&[("rancang_bangun", text(&"kata ".repeat(300)))]).is_empty());
    }
}
