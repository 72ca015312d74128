//! Properties of the value normalizers (issue 7), on generated input: they
//! never panic, a canonical value normalizes to itself, a date or an amount
//! printed the way agencies print it reads back as the same value. Also a
//! bounded random-input smoke test of the loader and the template parser,
//! the same targets as `fuzz/` for machines without a nightly toolchain.

mod common;

use bimtek::load::{RawCell, RawRow, RowSink, SheetInfo};
use bimtek::normalize::date::{parse_text, portal_format};
use bimtek::normalize::scalar::{
    Coordinate, count_words, parse_amount, parse_coordinate, parse_number,
};
use bimtek::normalize::{DateValue, Precision, Value, read_cell};
use bimtek::template::{DateOrder, FieldKind, Template};
use chrono::NaiveDate;
use proptest::prelude::*;
use std::sync::OnceLock;

fn template() -> &'static Template {
    static T: OnceLock<Template> = OnceLock::new();
    T.get_or_init(|| Template::builtin("iid-2026").unwrap().unwrap())
}

/// Text that looks like what people type in date, number and coordinate
/// cells, so the generator reaches past the first "not a number" check.
fn cellish() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[0-9]{0,6}([./, -][0-9]{0,6}){0,4}",
        "(Rp\\.? ?|IDR )?-?[0-9.,]{0,20}( (juta|ribu|miliar|m|t|jt|rb))?(,-)?",
        "(Senin, )?[0-9]{1,2} (Mei|Agt|Des|May|Peb|Nop|bulan) [0-9]{2,5}( [0-9:]{0,8})?",
        "[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9:]{0,8}",
        "\\(?-?[0-9]{1,3}[.,][0-9]{0,8}[;, ]{1,2}-?[0-9]{1,3}[.,][0-9]{0,8}\\)?",
        "(<[a-z/!]{0,4}>|&[a-z#0-9]{0,9};?|[a-z -]{0,6}){0,12}",
    ]
}

fn date() -> impl Strategy<Value = NaiveDate> {
    // The years the parser accepts (four digits).
    (1000i32..=9999, 1u32..=12, 1u32..=31)
        .prop_filter_map("a real day", |(y, m, d)| NaiveDate::from_ymd_opt(y, m, d))
}

/// `1234567.89` as `1.234.567,89`: dots between thousands, comma before cents.
fn indonesian(whole: u64, cents: Option<u8>) -> String {
    let digits = whole.to_string();
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(ch);
    }
    if let Some(c) = cents {
        out.push_str(&format!(",{c:02}"));
    }
    out
}

// Reading a cell as every field of the template costs about a millisecond
// in a debug build (unknown values are compared with every allowed one), so
// these two run fewer cases (the fuzz targets in fuzz/ go further).
proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn normalizers_never_panic(s in cellish()) {
        for order in [DateOrder::DayMonth, DateOrder::MonthDay] {
            let _ = parse_text(&s, order);
        }
        let _ = parse_amount(&s);
        let _ = parse_number(&s);
        let _ = parse_coordinate(&s);
        let _ = count_words(&s);
        let t = template();
        for fi in 0..t.fields.len() {
            let _ = read_cell(t, fi, 0, &RawCell::Text(s.clone()));
        }
    }

    #[test]
    fn number_cells_never_panic(n in prop_oneof![any::<f64>(), -1e6f64..3e6, Just(f64::NAN), Just(f64::INFINITY)]) {
        let t = template();
        for fi in 0..t.fields.len() {
            let _ = read_cell(t, fi, 3, &RawCell::Number(n));
        }
        let _ = RawCell::Number(n).display();
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn a_portal_date_reads_back_as_the_same_date(d in date()) {
        let text = portal_format(d);
        prop_assert_eq!(parse_text(&text, DateOrder::DayMonth), DateValue::Ok(d, Precision::Day));
        let iso = d.format("%Y-%m-%d").to_string();
        prop_assert_eq!(parse_text(&iso, DateOrder::DayMonth), DateValue::Ok(d, Precision::Day));
        // A date cell shows as dd/mm/yyyy and reads back too.
        let shown = RawCell::Date(d).display();
        prop_assert_eq!(parse_text(&shown, DateOrder::DayMonth), DateValue::Ok(d, Precision::Day));
    }

    #[test]
    fn an_indonesian_amount_reads_back(whole in 0u64..1_000_000_000_000, cents in proptest::option::of(0u8..100), rp in any::<bool>()) {
        let text = indonesian(whole, cents);
        let text = if rp { format!("Rp {text}") } else { text };
        let expected = whole as f64 + f64::from(cents.unwrap_or(0)) / 100.0;
        let got = parse_amount(&text);
        prop_assert!(
            got.is_some_and(|g| (g - expected).abs() <= expected * 1e-12 + 1e-9),
            "{text:?} read as {got:?}, expected {expected}"
        );
    }

    #[test]
    fn coordinates_read_back(lat in -11.0f64..6.0, lng in 95.0f64..141.0) {
        for sep in [",", ", ", ";", " "] {
            let text = format!("{lat}{sep}{lng}");
            prop_assert_eq!(parse_coordinate(&text), Coordinate::Ok { lat, lng }, "{}", text);
        }
    }

    #[test]
    fn words_separated_by_spaces_are_counted(words in proptest::collection::vec("[a-zA-Z0-9]{1,12}", 0..50)) {
        prop_assert_eq!(count_words(&words.join(" ")), words.len());
        prop_assert_eq!(count_words(&words.join("\n\t ")), words.len());
    }
}

#[test]
fn every_canonical_value_normalizes_to_itself() {
    let t = template();
    let mut checked = 0;
    for (fi, field) in t.fields.iter().enumerate() {
        if field.kind != FieldKind::Enum {
            continue;
        }
        for (vi, v) in field.values.iter().enumerate() {
            let cell = read_cell(t, fi, 0, &RawCell::Text(v.value.clone()));
            assert_eq!(
                cell.value,
                Value::Enum {
                    index: vi,
                    exact: true
                },
                "{}: {:?}",
                field.key,
                v.value
            );
            // Its accepted spellings lead to it too.
            for s in &v.spellings {
                let cell = read_cell(t, fi, 0, &RawCell::Text(s.clone()));
                assert!(
                    matches!(cell.value, Value::Enum { index, .. } if index == vi),
                    "{}: {s:?} -> {:?}",
                    field.key,
                    cell.value
                );
            }
            checked += 1;
        }
    }
    assert!(checked > 20, "only {checked} values");
}

// ------------------------------------------------------------------ smoke fuzzing

/// Counts what the loader hands over, as a checker would receive it.
#[derive(Default)]
struct Count {
    rows: usize,
    open: bool,
}

impl RowSink for Count {
    fn begin_sheet(&mut self, _: &SheetInfo) -> bool {
        assert!(!self.open, "sheets do not nest");
        self.open = true;
        true
    }
    fn row(&mut self, row: RawRow) {
        assert!(self.open);
        assert!(row.cells.is_sorted_by_key(|(c, _)| *c));
        self.rows += 1;
    }
    fn end_sheet(&mut self) {
        assert!(self.open);
        self.open = false;
    }
}

fn load_bytes(name: &str, bytes: &[u8]) {
    let dir = tempfile::tempdir().unwrap();
    let path = common::write(dir.path(), name, bytes);
    let mut sink = Count::default();
    let _ = bimtek::load::read(&path, &mut sink, bimtek::load::Reading::new());
}

/// A valid small xlsx to mutate.
fn seed_xlsx() -> &'static [u8] {
    static SEED: OnceLock<Vec<u8>> = OnceLock::new();
    SEED.get_or_init(|| {
        let mut wb = rust_xlsxwriter::Workbook::new();
        let ws = wb.add_worksheet();
        for (c, h) in ["Nama Inovasi", "Tahapan Inovasi", "Waktu Uji Coba"]
            .iter()
            .enumerate()
        {
            ws.write_string(0, c as u16, *h).unwrap();
            ws.write_string(1, c as u16, "SIPANDU").unwrap();
            ws.write_number(2, c as u16, 45429.0).unwrap();
        }
        wb.save_to_buffer().unwrap()
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    #[test]
    fn csv_loader_survives_random_bytes(bytes in proptest::collection::vec(
        prop_oneof![Just(b'"'), Just(b';'), Just(b','), Just(b'\n'), Just(b'\r'), Just(0u8), any::<u8>(), 0x20u8..0x7f],
        0..1000,
    )) {
        load_bytes("x.csv", &bytes);
    }

    #[test]
    fn workbook_loader_survives_damage(
        edits in proptest::collection::vec((any::<proptest::sample::Index>(), any::<u8>()), 1..8),
        cut in any::<proptest::sample::Index>(),
        truncate in any::<bool>(),
    ) {
        let mut bytes = seed_xlsx().to_vec();
        for (at, b) in edits {
            let i = at.index(bytes.len());
            bytes[i] = b;
        }
        if truncate {
            bytes.truncate(cut.index(bytes.len()));
        }
        load_bytes("x.xlsx", &bytes);
    }

    #[test]
    fn template_parser_survives_damage(
        edits in proptest::collection::vec((any::<proptest::sample::Index>(), "[\\[\\]{}=\"'#\\n a-z0-9.,]{0,3}"), 1..6),
    ) {
        let src = bimtek::template::BUILTIN[0].1;
        let mut s = src.to_string();
        for (at, text) in edits {
            let mut i = at.index(s.len());
            while !s.is_char_boundary(i) {
                i -= 1;
            }
            // Replace the character there, so that lines also lose text.
            let end = s[i..].chars().next().map_or(i, |c| i + c.len_utf8());
            s.replace_range(i..end, &text);
        }
        let _ = Template::parse(&s, "fuzz.toml");
    }
}
