//! One cell read as its field's type: the trimmed text a person reads and
//! the typed value (dates, numbers, allowed-value spellings, coordinates,
//! word counts, placeholders), with the closest allowed value for one that
//! is not.

use super::{EvidenceCell, FieldCell, Value, date, scalar};
use crate::load::RawCell;
use crate::template::{FieldKind, Template, fold, similarity};
use std::sync::Arc;

pub(super) fn evidence_cell(col: u32, header: Arc<str>, raw: &RawCell) -> EvidenceCell {
    EvidenceCell {
        col,
        header,
        text: raw.display().trim().to_string(),
        raw: raw.clone(),
    }
}

/// Read one cell as field `fi`'s type.
pub fn read_cell(t: &Template, fi: usize, col: u32, raw: &RawCell) -> FieldCell {
    let text = match raw {
        RawCell::Text(s) => s.trim().to_string(),
        other => other.display().trim().to_string(),
    };
    FieldCell {
        col,
        value: value_of(t, fi, raw, &text),
        text,
    }
}

/// [`read_cell`] of a cell the caller gives up: a text cell's string is
/// moved into the record, not copied (long texts are most of the bytes).
pub fn read_cell_owned(t: &Template, fi: usize, col: u32, raw: RawCell) -> FieldCell {
    let RawCell::Text(text) = &raw else {
        return read_cell(t, fi, col, &raw);
    };
    let value = value_of(t, fi, &raw, crate::load::trim(text));
    let mut text = match raw {
        RawCell::Text(s) => s,
        _ => String::new(),
    };
    let trimmed = crate::load::trim(&text);
    if trimmed.len() != text.len() {
        text = trimmed.to_string();
    }
    FieldCell { col, text, value }
}

/// The value of `raw` as field `fi`'s type; `text` is the cell as a person
/// reads it, trimmed.
fn value_of(t: &Template, fi: usize, raw: &RawCell, text: &str) -> Value {
    let field = &t.fields[fi];
    if raw.is_empty() {
        return Value::Empty;
    }
    if matches!(raw, RawCell::Error(_)) {
        return Value::FormulaError;
    }
    // "-" or "n/a" in a choice, number or date cell says "nothing here".
    if matches!(
        field.kind,
        FieldKind::Enum | FieldKind::Date | FieldKind::Integer { .. }
    ) && is_placeholder(t, text)
    {
        return Value::Empty;
    }
    match &field.kind {
        FieldKind::Text => Value::Text {
            words: words_for(field, text),
        },
        FieldKind::File => Value::FileRef,
        FieldKind::Enum => {
            // Nearly every choice is written as its canonical value, which
            // folds to that value alone (the template compiler makes sure):
            // found without folding it.
            if let Some(index) = field.values.iter().position(|v| v.value == text) {
                return Value::Enum { index, exact: true };
            }
            let folded = fold(text);
            match field.lookup_value(&folded) {
                Some(v) => {
                    let index = field
                        .values
                        .iter()
                        .position(|x| std::ptr::eq(x, v))
                        .expect("value of this field");
                    Value::Enum {
                        index,
                        exact: text == v.value,
                    }
                }
                None if field.foreign_values.contains(&folded) => Value::Foreign,
                None => Value::UnknownEnum {
                    closest: closest_value(field, text)
                        .filter(|(_, score)| *score >= t.settings.suggest_threshold),
                },
            }
        }
        FieldKind::Date => Value::Date(date::parse_cell(raw, t.settings.date_order)),
        FieldKind::Integer { min, max } => {
            let n = match raw {
                RawCell::Number(n) if n.fract() == 0.0 => Some(*n as i64),
                _ => text
                    .parse::<i64>()
                    .ok()
                    .or_else(|| after_label(field, text)),
            };
            match n {
                Some(n) if min.is_none_or(|m| n >= m) && max.is_none_or(|m| n <= m) => {
                    Value::Integer(n)
                }
                _ => Value::BadInteger,
            }
        }
        FieldKind::Amount { .. } => match raw {
            RawCell::Number(n) => Value::Amount(*n),
            _ if looks_like_file(text) => Value::FileRef,
            _ => match scalar::parse_amount(text) {
                Some(n) => Value::Amount(n),
                None => Value::BadAmount,
            },
        },
        FieldKind::Coordinate => Value::Coordinate(scalar::parse_coordinate(text)),
    }
}

/// The words of `text` as far as `field`'s limits need them: exact below
/// its minimum, and exact when it has a maximum; `None` without limits.
/// Counted while normalizing, which any thread may do (load/pipe.rs): it
/// reads more text than any check.
fn words_for(field: &crate::template::Field, text: &str) -> Option<usize> {
    if field.min_words.is_none() && field.max_words.is_none() {
        return None;
    }
    // Whether a long text reaches a minimum is known long before its end;
    // only a text over the maximum needs its whole count.
    let enough = field
        .max_words
        .map_or(field.min_words.unwrap_or(0), |m| m.saturating_add(1)) as usize;
    let words = scalar::count_words_to(text, enough);
    if field.max_words.is_some() && words >= enough {
        return Some(scalar::count_words(text));
    }
    Some(words)
}

/// Whether `text` is one of the template's placeholders for "nothing". It
/// runs on every choice and date cell: a longer text is no placeholder,
/// and the few placeholders are compared without allocating.
fn is_placeholder(t: &Template, text: &str) -> bool {
    let s = &t.settings;
    let text = text.trim();
    text.len() <= s.placeholder_max_len
        && s.placeholders.iter().any(|p| p.eq_ignore_ascii_case(text))
}

/// A number written after the field's own name, as some exports label it
/// ("Asta Cita 4" for Asta Cita 4).
fn after_label(field: &crate::template::Field, text: &str) -> Option<i64> {
    let (head, number) = text.trim().rsplit_once(char::is_whitespace)?;
    let n = number.parse::<i64>().ok()?;
    let head = fold(head);
    let named = std::iter::once(&field.label)
        .chain(&field.aliases)
        .any(|name| fold(name) == head);
    (named && !head.is_empty()).then_some(n)
}

fn looks_like_file(s: &str) -> bool {
    let lower = s.to_ascii_lowercase();
    [
        ".pdf", ".ppt", ".pptx", ".doc", ".docx", ".xlsx", ".jpg", ".png",
    ]
    .iter()
    .any(|e| lower.ends_with(e))
        || lower.starts_with("http://")
        || lower.starts_with("https://")
}

/// The allowed value most like `text`: the best of word overlap and
/// character similarity, over the canonical value and its spellings.
pub fn closest_value(field: &crate::template::Field, text: &str) -> Option<(usize, f64)> {
    let mut best: Option<(usize, f64)> = None;
    for (i, v) in field.values.iter().enumerate() {
        for candidate in std::iter::once(&v.value).chain(v.spellings.iter()) {
            let score = similarity(text, candidate);
            if best.is_none_or(|(_, s)| score > s) {
                best = Some((i, score));
            }
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t() -> Template {
        Template::builtin("iid-2026").unwrap().unwrap()
    }

    fn read(t: &Template, key: &str, raw: RawCell) -> Value {
        let fi = t.field_index(key).unwrap();
        read_cell(t, fi, 0, &raw).value
    }

    #[test]
    fn words_are_counted_as_far_as_the_limits_need() {
        let t = t();
        let mut field = t.field("rancang_bangun").unwrap().clone();
        let nine = "satu dua tiga empat lima enam tujuh delapan sembilan";
        // A minimum only: the count stops once it is reached.
        field.min_words = Some(3);
        assert_eq!(words_for(&field, "satu dua"), Some(2));
        assert!(words_for(&field, nine).is_some_and(|w| (3..=9).contains(&w)));
        // A maximum: a text over it has its whole count, for the message.
        field.max_words = Some(5);
        assert_eq!(words_for(&field, nine), Some(9));
        assert_eq!(words_for(&field, "satu dua tiga empat lima"), Some(5));
        assert_eq!(words_for(&field, "satu dua"), Some(2));
        field.min_words = None;
        assert_eq!(words_for(&field, nine), Some(9));
        field.max_words = None;
        assert_eq!(words_for(&field, nine), None);
        // Read as a cell of the field, a text carries its count.
        let Value::Text { words } = read(&t, "rancang_bangun", RawCell::Text(nine.into())) else {
            panic!()
        };
        assert!(words.is_some_and(|w| w <= 9));
    }

    #[test]
    fn enum_spellings_fold_to_canonical_values() {
        let t = t();
        let tahapan = t.field("tahapan").unwrap();
        for s in ["ujicoba", "UJI COBA", "Uji-Coba", "uji coba"] {
            let Value::Enum { index, exact } = read(&t, "tahapan", RawCell::Text(s.into())) else {
                panic!("{s}")
            };
            assert_eq!(tahapan.values[index].value, "Uji Coba");
            assert!(!exact);
        }
        assert!(matches!(
            read(&t, "tahapan", RawCell::Text("Uji Coba".into())),
            Value::Enum { exact: true, .. }
        ));
        let Value::Enum { index, .. } = read(&t, "tahapan", RawCell::Text("Inisiasi".into()))
        else {
            panic!()
        };
        assert_eq!(tahapan.values[index].value, "Inisiatif");
        let Value::Enum { index, .. } =
            read(&t, "inisiator", RawCell::Text("Perangkat Daerah".into()))
        else {
            panic!()
        };
        assert_eq!(t.field("inisiator").unwrap().values[index].value, "OPD");
        assert!(matches!(
            read(&t, "jenis", RawCell::Text("Non-Digital".into())),
            Value::Enum { .. }
        ));
    }

    #[test]
    fn unknown_values_name_the_closest() {
        let t = t();
        let urusan = t.field("urusan_utama").unwrap();
        let Value::UnknownEnum {
            closest: Some((i, _)),
        } = read(
            &t,
            "urusan_utama",
            RawCell::Text("Olahraga Prestasi".into()),
        )
        else {
            panic!()
        };
        assert!(
            urusan.values[i].value.contains("Olahraga"),
            "{}",
            urusan.values[i].value
        );
        let Value::UnknownEnum {
            closest: Some((i, _)),
        } = read(&t, "tahapan", RawCell::Text("Penerapn".into()))
        else {
            panic!()
        };
        assert_eq!(t.field("tahapan").unwrap().values[i].value, "Penerapan");
    }

    #[test]
    fn values_by_kind() {
        let t = t();
        assert_eq!(
            read(&t, "asta_cita", RawCell::Number(3.0)),
            Value::Integer(3)
        );
        assert_eq!(
            read(&t, "asta_cita", RawCell::Text("9".into())),
            Value::BadInteger
        );
        assert_eq!(
            read(&t, "anggaran", RawCell::Text("Rp 1.500.000,00".into())),
            Value::Amount(1_500_000.0)
        );
        assert_eq!(
            read(&t, "anggaran", RawCell::Text("sekitar 2 juta".into())),
            Value::BadAmount
        );
        assert_eq!(
            read(&t, "anggaran", RawCell::Text("dpa-2024.pdf".into())),
            Value::FileRef
        );
        assert_eq!(
            read(&t, "nama_inovasi", RawCell::Error("#REF!".into())),
            Value::FormulaError
        );
        assert_eq!(
            read(&t, "nama_inovasi", RawCell::Text("  ".into())),
            Value::Empty
        );
    }
}
