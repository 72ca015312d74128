//! Each cell against its field: required, allowed values, dates, numbers,
//! coordinates, word counts, formula errors.

use super::{CheckOptions, Sink};
use crate::diag::{Code, Finding, Location, Say};
use crate::normalize::date::portal_format;
use crate::normalize::{
    AmbiguousReason, Coordinate, DateValue, FieldCell, Precision, Record, Value,
};
use crate::template::{Field, Template};

/// Longest text an Excel cell holds, in UTF-16 units: the workbooks bimtek
/// writes cut a longer one with a marker (V009).
pub const MAX_CELL_CHARS: usize = 32_767;

/// Whether `s` is longer than an Excel cell holds.
pub fn too_long_for_a_cell(s: &str) -> bool {
    // UTF-8 is never shorter than UTF-16 in units: count only long texts.
    s.len() > MAX_CELL_CHARS && s.encode_utf16().count() > MAX_CELL_CHARS
}

/// Location of a field's cell within the row.
fn at(loc: &Location, r: &Record, cell: &FieldCell) -> Location {
    let mut l = loc.clone();
    l.col = Some(cell.col);
    l.header = Some(r.header_of(cell).to_string());
    l
}

/// A finding about `field`'s cell, with the field's labels as arguments.
pub(super) fn finding(
    code: Code,
    loc: &Location,
    r: &Record,
    field: &Field,
    cell: &FieldCell,
) -> Finding {
    Finding::new(code, at(loc, r, cell))
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
                Finding::new(Code::V009, at(loc, r, cell))
                    .field(&field.key)
                    .arg("label", &field.label)
                    .arg("label_en", &field.label_en)
                    .arg("length", cell.text.encode_utf16().count()),
            );
        }
        match &cell.value {
            Value::Empty => {
                if field.required {
                    sink.push(required_severity(
                        field,
                        Finding::new(Code::R001, at(loc, r, cell))
                            .field(&field.key)
                            .arg("label", &field.label)
                            .arg("label_en", &field.label_en),
                    ));
                }
            }
            // Said once per sheet ([`foreign_column`]).
            Value::Foreign => {}
            Value::FormulaError => sink.push(finding(Code::V004, loc, r, field, cell)),
            Value::Text { words } => {
                if let Some(below) = field.filler_below_words
                    && is_filler(field, &cell.text, below)
                {
                    sink.push(finding(Code::T003, loc, r, field, cell).arg("min", below));
                }
                if let Some(words) = *words {
                    if let Some(min) = field.min_words
                        && words < min as usize
                    {
                        sink.push(
                            finding(Code::T001, loc, r, field, cell)
                                .number("words", "words_en", words as f64, 0)
                                .number("min", "min_en", f64::from(min), 0)
                                .number("missing", "missing_en", (min as usize - words) as f64, 0),
                        );
                    }
                    if let Some(max) = field.max_words
                        && words > max as usize
                    {
                        sink.push(
                            finding(Code::T002, loc, r, field, cell)
                                .number("words", "words_en", words as f64, 0)
                                .number("max", "max_en", f64::from(max), 0)
                                .number("excess", "excess_en", (words - max as usize) as f64, 0),
                        );
                    }
                }
                if !field.links.is_empty()
                    && !super::evidence::link_kind_accepted(&field.links, &cell.text)
                {
                    sink.push(
                        finding(Code::V008, loc, r, field, cell)
                            .arg("kinds", link_kinds(&field.links)),
                    );
                }
            }
            Value::Enum { index, exact } => {
                if !exact {
                    sink.push(
                        finding(Code::V002, loc, r, field, cell)
                            .arg("canonical", &field.values[*index].value),
                    );
                }
            }
            Value::UnknownEnum { closest } => {
                let [allowed, allowed_en] = allowed_list(field, &cell.text);
                let mut f = finding(Code::V001, loc, r, field, cell)
                    .arg("allowed", allowed)
                    .arg("allowed_en", allowed_en);
                if let Some((i, _)) = closest {
                    let v = &field.values[*i].value;
                    f = f.say("closest", "closest_en", Say::Closest, &[("v", v)]);
                }
                sink.push(f);
            }
            Value::Date(d) => date(field, opts, loc, r, cell, d, sink),
            Value::BadInteger => {
                let (min, max) = field.kind.bounds();
                sink.push(finding(Code::V007, loc, r, field, cell).words(
                    "range",
                    "range_en",
                    range_words(min, max, false),
                ));
            }
            Value::Amount(n) => {
                let (min, max) = field.kind.bounds();
                let below = min.is_some_and(|m| *n < m as f64);
                let above = max.is_some_and(|m| *n > m as f64);
                if below || above {
                    sink.push(finding(Code::V010, loc, r, field, cell).words(
                        "range",
                        "range_en",
                        range_words(min, max, true),
                    ));
                }
            }
            Value::BadAmount => sink.push(finding(Code::V003, loc, r, field, cell)),
            Value::Coordinate(Coordinate::Unreadable) => {
                sink.push(finding(Code::V005, loc, r, field, cell))
            }
            Value::Coordinate(Coordinate::Ok { lat, lng }) => {
                let [lat_min, lat_max, lng_min, lng_max] = t.settings.coordinate_bounds;
                let inside = |la: f64, ln: f64| {
                    (lat_min..=lat_max).contains(&la) && (lng_min..=lng_max).contains(&ln)
                };
                if !inside(*lat, *lng) {
                    let swapped = inside(*lng, *lat);
                    let mut f = finding(Code::V006, loc, r, field, cell);
                    if swapped {
                        f = f.say("swapped", "swapped_en", Say::LatLngSwapped, &[]);
                    }
                    sink.push(f);
                }
            }
            Value::Integer(_) | Value::FileRef => {}
        }
    }
}

/// A field's bounds in words, Indonesian and English, with a leading
/// space (empty without bounds): " 1 sampai 8", " paling sedikit Rp 0".
/// Amounts are rupiah, grouped the way each language writes them.
fn range_words(min: Option<i64>, max: Option<i64>, rupiah: bool) -> [String; 2] {
    let show = |n: i64, sep: char| {
        let digits = n.unsigned_abs().to_string();
        let mut grouped = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                grouped.push(sep);
            }
            grouped.push(c);
        }
        let sign = if n < 0 { "-" } else { "" };
        if rupiah {
            format!("Rp {sign}{grouped}")
        } else {
            format!("{sign}{}", n.unsigned_abs())
        }
    };
    // Each bound as each language groups digits: `a`, `a_en`.
    let (a, a_en) = min.map_or_else(Default::default, |n| (show(n, '.'), show(n, ',')));
    let (b, b_en) = max.map_or_else(Default::default, |n| (show(n, '.'), show(n, ',')));
    let args: [(&str, &dyn std::fmt::Display); 4] =
        [("a", &a), ("a_en", &a_en), ("b", &b), ("b_en", &b_en)];
    match (min, max) {
        (Some(_), Some(_)) => Say::RangeFromTo.both(&args),
        (Some(_), None) => Say::RangeAtLeast.both(&args),
        (None, Some(_)) => Say::RangeAtMost.both(&args),
        (None, None) => [String::new(), String::new()],
    }
}

/// `f` at the field's own severity for a missing required value
/// (template: `required_severity`), when it has one.
pub(super) fn required_severity(field: &Field, mut f: Finding) -> Finding {
    if let Some(s) = field.required_severity {
        f.severity = s;
    }
    f
}

/// A filler answer: fewer than `below` words, or the field's own label or
/// an alias written back as the answer.
fn is_filler(field: &Field, text: &str, below: u32) -> bool {
    if crate::normalize::scalar::count_words_to(text, below as usize) < below as usize {
        return true;
    }
    let folded = crate::template::fold(text);
    !folded.is_empty()
        && std::iter::once(&field.label)
            .chain(&field.aliases)
            .any(|name| crate::template::fold(name) == folded)
}

/// H004, once per sheet and field: the column holds another system's
/// values (template: `foreign_values`). `seen` keeps the (sheet, field)
/// pairs already said.
pub(super) fn foreign_column(
    t: &Template,
    loc: &Location,
    r: &Record,
    seen: &mut Vec<(Option<std::sync::Arc<str>>, usize)>,
    sink: &mut Sink<'_>,
) {
    for (fi, field) in t.fields.iter().enumerate() {
        let Some(cell) = r.cell(fi).filter(|c| c.value == Value::Foreign) else {
            continue;
        };
        if seen.iter().any(|(s, f)| *f == fi && *s == r.sheet) {
            continue;
        }
        seen.push((r.sheet.clone(), fi));
        let mut l = at(loc, r, cell);
        l.row = None;
        sink.push(
            Finding::new(Code::H004, l)
                .field(&field.key)
                .value(&cell.text)
                .arg("label", &field.label)
                .arg("label_en", &field.label_en)
                .for_every_row(),
        );
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
/// message on a projector). In Bahasa Indonesia and in English.
fn allowed_list(field: &Field, written: &str) -> [String; 2] {
    const LIST_ALL: usize = 12;
    if field.values.len() <= LIST_ALL {
        let all = field
            .values
            .iter()
            .map(|v| v.value.as_str())
            .collect::<Vec<_>>()
            .join("; ");
        return [all.clone(), all];
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
    let (top, n) = (top.join("; "), field.values.len());
    Say::SomeOfTheOptions.both(&[("top", &top), ("n", &n)])
}

fn date(
    field: &Field,
    opts: &CheckOptions,
    loc: &Location,
    r: &Record,
    cell: &FieldCell,
    d: &DateValue,
    sink: &mut Sink<'_>,
) {
    match d {
        DateValue::Unreadable => sink.push(finding(Code::D001, loc, r, field, cell)),
        DateValue::Impossible => sink.push(finding(Code::D003, loc, r, field, cell)),
        DateValue::Ambiguous(reason) => {
            let why = match reason {
                AmbiguousReason::TwoDigitYear => Say::TwoDigitYear,
                AmbiguousReason::MonthDayOrder => Say::MonthDayOrder,
            };
            sink.push(finding(Code::D002, loc, r, field, cell).say(
                "reason",
                "reason_en",
                why,
                &[],
            ));
        }
        DateValue::Ok(date, precision) => {
            if *precision != Precision::Day {
                let only = match precision {
                    Precision::Month => Say::MonthAndYear,
                    _ => Say::YearOnly,
                };
                sink.push(finding(Code::D007, loc, r, field, cell).say(
                    "precision",
                    "precision_en",
                    only,
                    &[],
                ));
            }
            if *date > opts.as_of && !field.future {
                sink.push(
                    finding(Code::D004, loc, r, field, cell)
                        .arg("as_of", portal_format(opts.as_of)),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use crate::diag::Code;
    use crate::load::RawCell;

    fn codes_with(changes: &[(&'static str, RawCell)]) -> Vec<Code> {
        codes_after(&template(), clean_cells(), changes)
    }

    #[test]
    fn r001_required_value_empty() {
        assert_eq!(codes_with(&[("nama_inisiator", text(""))]), [Code::R001]);
        // Optional fields may stay empty.
        assert!(codes_with(&[("anggaran", text(""))]).is_empty());
    }

    #[test]
    fn v001_v002_allowed_values() {
        assert_eq!(codes_with(&[("tahapan", text("Selesai"))]), [Code::V001]);
        assert_eq!(codes_with(&[("jenis", text("non-digital"))]), [Code::V002]);
        assert!(codes_with(&[("jenis", text("Non Digital"))]).is_empty());
    }

    #[test]
    fn v003_amount_unreadable() {
        assert_eq!(
            codes_with(&[("anggaran", text("sekitar 2 juta"))]),
            [Code::V003]
        );
        assert!(codes_with(&[("anggaran", text("Rp 1.500.000,00"))]).is_empty());
    }

    #[test]
    fn v004_formula_error() {
        assert_eq!(
            codes_with(&[("tujuan", RawCell::Error("#REF!".into()))]),
            [Code::V004]
        );
    }

    #[test]
    fn v005_v006_coordinates() {
        assert_eq!(
            codes_with(&[("koordinat", text("dekat kantor bupati"))]),
            [Code::V005]
        );
        assert_eq!(
            codes_with(&[("koordinat", text("51.5074,-0.1278"))]),
            [Code::V006]
        );
        assert_eq!(
            codes_with(&[("koordinat", text("114.5908,-3.3194"))]),
            [Code::V006]
        );
    }

    #[test]
    fn v007_integer_range() {
        assert_eq!(
            codes_with(&[("asta_cita", RawCell::Number(9.0))]),
            [Code::V007]
        );
        assert_eq!(codes_with(&[("asta_cita", text("tiga"))]), [Code::V007]);
        assert!(codes_with(&[("asta_cita", text("8"))]).is_empty());
    }

    #[test]
    fn d001_to_d004_and_d007_dates() {
        assert_eq!(
            codes_with(&[("waktu_penerapan", text("segera"))]),
            [Code::D001]
        );
        assert_eq!(
            codes_with(&[("waktu_penerapan", text("05/17/24"))]),
            [Code::D002]
        );
        assert_eq!(
            codes_with(&[("waktu_penerapan", text("31/02/2025"))]),
            [Code::D003]
        );
        assert_eq!(
            codes_with(&[("waktu_penerapan", text("15/01/2027"))]),
            [Code::D004]
        );
        assert_eq!(
            codes_with(&[("waktu_penerapan", text("Mei 2024"))]),
            [Code::D007]
        );
    }

    fn kipp() -> crate::template::Template {
        crate::template::Template::builtin("kipp-2026")
            .unwrap()
            .unwrap()
    }

    fn kipp_codes(changes: &[(&'static str, RawCell)]) -> Vec<Code> {
        codes_after(&kipp(), kipp_clean(), changes)
    }

    #[test]
    fn a_clean_kipp_proposal_has_no_findings() {
        assert_eq!(kipp_codes(&[]), Vec::<Code>::new());
    }

    #[test]
    fn kipp_kelompok_are_those_of_2025() {
        // 2025 had only Umum and Replikasi (menpan.go.id); Khusus is off.
        assert!(kipp_codes(&[("kelompok", text("Umum"))]).is_empty());
        assert_eq!(kipp_codes(&[("kelompok", text("Khusus"))]), [Code::V001]);
    }

    #[test]
    fn t003_filler_answers_in_kipp_sections() {
        for filler in ["-", "Ada", "Sumber Daya", "sumber_daya"] {
            assert_eq!(
                kipp_codes(&[("sumber_daya", text(filler))]),
                [Code::T003],
                "{filler:?}"
            );
        }
        // Ten words is an answer.
        assert!(kipp_codes(&[("sumber_daya", text(&"dana ".repeat(10)))]).is_empty());
        // Sudah/Belum is a complete answer where the template sets no floor.
        assert!(kipp_codes(&[("adaptabilitas_replikasi", text("Belum"))]).is_empty());
    }

    #[test]
    fn t002_word_maximum_per_section() {
        // Ringkasan: at most 200 words; 200 is fine, 201 is not.
        assert!(kipp_codes(&[("ringkasan", text(&"kata ".repeat(200)))]).is_empty());
        assert_eq!(
            kipp_codes(&[("ringkasan", text(&"kata ".repeat(201)))]),
            [Code::T002]
        );
        // Signifikansi allows 600.
        assert!(kipp_codes(&[("signifikansi", text(&"kata ".repeat(600)))]).is_empty());
        assert_eq!(
            kipp_codes(&[("signifikansi", text(&"kata ".repeat(601)))]),
            [Code::T002]
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
            assert_eq!(kipp_codes(&[("video", text(bad))]), [Code::V008], "{bad}");
        }
    }

    /// The canonical value `written` is read as, in field `key`.
    fn canonical(key: &str, written: &str) -> Option<String> {
        let t = template();
        let fi = t.field_index(key).unwrap();
        let r = record(&t, &[(key, text(written))], &[]);
        match &r.cell(fi).unwrap().value {
            crate::normalize::Value::Enum { index, .. } => {
                Some(t.fields[fi].values[*index].value.clone())
            }
            _ => None,
        }
    }

    #[test]
    fn bentuk_and_urusan_accept_the_portal_and_regional_spellings() {
        // The portal's own list filter (MKS-MOCK 2024), its "lainnnya" typo,
        // and the SIAGAS / 2021 form variant stand for the canonical values.
        let tata = "Inovasi Tata Kelola Pemerintahan Daerah";
        let lain = "Inovasi Daerah lainnya sesuai dengan Urusan Pemerintahan yang menjadi kewenangan Daerah";
        for (written, want) in [
            ("Inovasi tata kelola pemerintah daerah", tata),
            (
                "Inovasi daerah lainnya sesuai dengan urusan pemerintah yang menjadi kewenangan daerah",
                lain,
            ),
            (
                "Inovasi daerah lainnnya sesuai dengan urusan pemerintah yang menjadi kewenangan daerah",
                lain,
            ),
            (
                "Inovasi bentuk lainnya sesuai dengan bidang urusan pemerintahan yang menjadi kewenangan daerah",
                lain,
            ),
        ] {
            assert_eq!(
                canonical("bentuk", written).as_deref(),
                Some(want),
                "{written}"
            );
            assert_eq!(
                codes_with(&[("bentuk", text(written))]),
                [Code::V002],
                "{written}"
            );
        }
        let fungsi = "Fungsi lain sesuai dengan ketentuan peraturan perundang-undangan";
        for written in [
            "Urusan lainnya sesuai dengan peraturan perundangan",
            "penunjang lainnya sesuai dengan ketentuan peraturan perundang-undangan",
        ] {
            assert_eq!(canonical("urusan_utama", written).as_deref(), Some(fungsi));
        }
        // UU 23/2014's wording, as in LAN's code book (realdata inovasi-lan).
        assert_eq!(
            canonical(
                "urusan_utama",
                "Ketenteraman Dan Ketertiban Umum Serta Perlindungan Masyarakat"
            )
            .as_deref(),
            Some("Ketenteraman, Ketertiban Umum, dan Pelindungan Masyarakat")
        );
    }

    #[test]
    fn asta_cita_is_read_after_its_label() {
        // SIMONDA's export writes the label with the number.
        assert!(codes_with(&[("asta_cita", text("Asta Cita 4"))]).is_empty());
        assert!(codes_with(&[("asta_cita", text("asta_cita 8"))]).is_empty());
        assert_eq!(
            codes_with(&[("asta_cita", text("Asta Cita 9"))]),
            [Code::V007]
        );
        assert_eq!(
            codes_with(&[("asta_cita", text("Prioritas 4"))]),
            [Code::V007]
        );
    }

    #[test]
    fn placeholders_in_choice_and_date_cells_are_empty() {
        // A required choice: R001, not V001 "did you mean Kepala Daerah".
        for p in ["-", "–", "—", "n/a", "N/A", "tidak ada"] {
            assert_eq!(codes_with(&[("inisiator", text(p))]), [Code::R001], "{p:?}");
        }
        // An optional date: nothing at all.
        for p in ["-", "N/A"] {
            assert!(
                codes_with(&[("waktu_pengembangan", text(p))]).is_empty(),
                "{p:?}"
            );
        }
        // A text field keeps its dash as text.
        assert!(codes_with(&[("nama_inisiator", text("-"))]).is_empty());
    }

    #[test]
    fn did_you_mean_only_for_a_close_value() {
        let t = template();
        let closest = |key: &'static str, written: &str| {
            findings_after(&t, clean_cells(), &[(key, text(written))], &[])
                .into_iter()
                .find(|f| f.code == Code::V001)
                .map(|f| f.message(crate::diag::Lang::En).contains("closest"))
        };
        // LAN's values (realdata inovasi-lan) are near no allowed value:
        // the hint lists them, no "closest".
        assert_eq!(closest("jenis", "Teknologi"), Some(false));
        assert_eq!(
            closest("inisiator", "Provinsi / Kabupaten / Kota"),
            Some(false)
        );
        assert_eq!(closest("inisiator", "Kementrian / Lembaga"), Some(false));
        // A typo is.
        assert_eq!(closest("tahapan", "Penerapn"), Some(true));
        assert_eq!(closest("urusan_utama", "Kesehatn"), Some(true));
    }

    #[test]
    fn asta_cita_and_pkpn_missing_are_warnings() {
        // Optional in SIMONDA (blank=True), absent from INOVAHUB's store request.
        let t = template();
        for key in ["asta_cita", "pkpn_klaster"] {
            let got: Vec<_> = findings_after(&t, clean_cells(), &[(key, text(""))], &[])
                .into_iter()
                .map(|f| (f.code, f.severity))
                .collect();
            assert_eq!(got, [(Code::R001, crate::diag::Severity::Warning)], "{key}");
        }
        // Other required fields stay errors.
        let got: Vec<_> = findings_after(&t, clean_cells(), &[("hasil", text(""))], &[])
            .into_iter()
            .map(|f| (f.code, f.severity))
            .collect();
        assert_eq!(got, [(Code::R001, crate::diag::Severity::Error)]);
    }

    #[test]
    fn t001_word_minimum() {
        assert_eq!(
            codes_with(&[("rancang_bangun", text(&"kata ".repeat(40)))]),
            [Code::T001]
        );
        assert!(codes_with(&[("rancang_bangun", text(&"kata ".repeat(300)))]).is_empty());
    }
}
