//! A record's dates at their precision: what the rules that order two
//! dates share (rows, labinov, lablist). A date written as a month or a year
//! is compared only as finely as it was written.

use crate::normalize::{DateValue, Precision, Record, Value};

pub(super) fn dated(r: &Record, f: Option<usize>) -> Option<(chrono::NaiveDate, Precision)> {
    match r.cell(f?).map(|c| &c.value) {
        Some(Value::Date(DateValue::Ok(d, p))) => Some((*d, *p)),
        _ => None,
    }
}

/// A date cut to a precision: the year and month it names, or only the
/// year. Two dates are ordered only as finely as the coarser of them.
pub(super) fn at_precision(d: chrono::NaiveDate, p: Precision) -> (i32, u32, u32) {
    use chrono::Datelike;
    match p {
        Precision::Day => (d.year(), d.month(), d.day()),
        Precision::Month => (d.year(), d.month(), 0),
        Precision::Year => (d.year(), 0, 0),
    }
}

/// The coarser of two precisions.
pub(super) fn coarser(a: Precision, b: Precision) -> Precision {
    match (a, b) {
        (Precision::Year, _) | (_, Precision::Year) => Precision::Year,
        (Precision::Month, _) | (_, Precision::Month) => Precision::Month,
        _ => Precision::Day,
    }
}
