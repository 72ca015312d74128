//! Dates as agencies write them: date cells, Excel serial numbers, and text
//! in Indonesian and English forms. Ambiguous and impossible dates are
//! reported as such, never guessed.

use crate::load::RawCell;
use crate::template::DateOrder;
use chrono::{Datelike, NaiveDate};

/// How much of a date was given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Precision {
    Day,
    Month,
    Year,
}

/// The outcome of reading a date.
#[derive(Debug, Clone, PartialEq)]
pub enum DateValue {
    /// A date; for month or year precision, the first day of the period.
    Ok(NaiveDate, Precision),
    Unreadable,
    /// Readable more than one way; the reason names why.
    Ambiguous(AmbiguousReason),
    /// Parts parse but the day does not exist.
    Impossible,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AmbiguousReason {
    TwoDigitYear,
    MonthDayOrder,
}

/// Excel's day zero for the 1900 date system (serial 1 = 1900-01-01, with
/// Lotus's phantom 1900-02-29 at 60).
fn excel_epoch() -> NaiveDate {
    NaiveDate::from_ymd_opt(1899, 12, 30).expect("valid")
}

/// Read a date from a cell.
pub fn parse_cell(cell: &RawCell, order: DateOrder) -> DateValue {
    match cell {
        RawCell::Date(d) => DateValue::Ok(*d, Precision::Day),
        RawCell::Number(n) => from_number(*n),
        RawCell::Text(s) => parse_text(s, order),
        _ => DateValue::Unreadable,
    }
}

fn from_number(n: f64) -> DateValue {
    if !n.is_finite() || n < 1.0 {
        return DateValue::Unreadable;
    }
    if n.fract() == 0.0 && (1900.0..=2100.0).contains(&n) {
        return year_only(n as i32);
    }
    serial(n)
}

fn year_only(y: i32) -> DateValue {
    match NaiveDate::from_ymd_opt(y, 1, 1) {
        Some(d) => DateValue::Ok(d, Precision::Year),
        None => DateValue::Unreadable,
    }
}

/// An Excel serial (1900 system). Serials after 2958465 (9999-12-31) are not dates.
fn serial(n: f64) -> DateValue {
    if !(1.0..2_958_466.0).contains(&n) {
        return DateValue::Unreadable;
    }
    let days = n.floor() as i64;
    // Below 61 Excel counts the phantom 29 Feb 1900; those dates are never
    // innovation dates, but keep them right anyway.
    let base = if days < 61 {
        excel_epoch() + chrono::Days::new(1)
    } else {
        excel_epoch()
    };
    match base.checked_add_days(chrono::Days::new(days as u64)) {
        Some(d) => DateValue::Ok(d, Precision::Day),
        None => DateValue::Unreadable,
    }
}

/// Read a date typed as text.
pub fn parse_text(s: &str, order: DateOrder) -> DateValue {
    let s = s.trim();
    if s.is_empty() {
        return DateValue::Unreadable;
    }
    // ISO with a time part: "2024-05-17T00:00:00", "2024-05-17 08:30".
    if s.len() > 10
        && matches!(s.as_bytes()[10], b'T' | b' ')
        && let Some(day) = s.get(..10)
        && let Ok(d) = NaiveDate::parse_from_str(day, "%Y-%m-%d")
    {
        return DateValue::Ok(d, Precision::Day);
    }
    // Digits and separators alone (nearly every date written as text):
    // nothing to lowercase, and no weekday, time or month name.
    let lower;
    let tokens: Vec<&str> = if s.bytes().all(|b| b.is_ascii_digit() || b"/-.".contains(&b)) {
        s.split(['/', '-', '.']).filter(|t| !t.is_empty()).collect()
    } else {
        lower = s.to_lowercase();
        // Drop a leading weekday ("Senin, 17 Mei 2022") and a time
        // ("2024-05-17 00:00:00").
        let tokens: Vec<&str> = lower
            .split(|c: char| c.is_whitespace() || matches!(c, ',' | '/' | '-' | '.'))
            .filter(|t| !t.is_empty() && !is_weekday(t) && !t.contains(':'))
            .collect();
        let has_month_name = tokens.iter().any(|t| month_number(t).is_some());
        if has_month_name {
            return parse_named(&tokens);
        }
        if !tokens.iter().all(|t| t.chars().all(|c| c.is_ascii_digit())) {
            return DateValue::Unreadable;
        }
        tokens
    };
    match tokens.as_slice() {
        [y] if y.len() == 4 => year_only(y.parse().unwrap_or(0)),
        [n] if n.len() == 5 => serial(n.parse().unwrap_or(0.0)),
        [a, b] if a.len() == 4 => ymd(a, b, "1", Precision::Month),
        [m, y] if y.len() == 4 && m.len() <= 2 => ymd(y, m, "1", Precision::Month),
        [a, b, c] if a.len() == 4 => ymd(a, b, c, Precision::Day),
        [a, b, c] => {
            if c.len() == 2 {
                return DateValue::Ambiguous(AmbiguousReason::TwoDigitYear);
            }
            if c.len() != 4 {
                return DateValue::Unreadable;
            }
            let (x, y): (u32, u32) = (a.parse().unwrap_or(99), b.parse().unwrap_or(99));
            let (day, month) = match order {
                DateOrder::DayMonth => (x, y),
                DateOrder::MonthDay => (y, x),
            };
            if month > 12 && day <= 12 && (1..=31).contains(&month) {
                // 05/17/2024 under d/m: only valid the other way round.
                return DateValue::Ambiguous(AmbiguousReason::MonthDayOrder);
            }
            calendar(c.parse().unwrap_or(0), month, day, Precision::Day)
        }
        _ => DateValue::Unreadable,
    }
}

fn ymd(y: &str, m: &str, d: &str, p: Precision) -> DateValue {
    calendar(
        y.parse().unwrap_or(0),
        m.parse().unwrap_or(99),
        d.parse().unwrap_or(99),
        p,
    )
}

fn calendar(y: i32, m: u32, d: u32, p: Precision) -> DateValue {
    if !(1000..=9999).contains(&y) {
        return DateValue::Unreadable;
    }
    match NaiveDate::from_ymd_opt(y, m, d) {
        Some(date) => DateValue::Ok(date, p),
        None => DateValue::Impossible,
    }
}

/// "17 Mei 2022", "17 May 2022", "Mei 2022", "May 17, 2022".
fn parse_named(tokens: &[&str]) -> DateValue {
    let mut month = None;
    let mut numbers = Vec::new();
    for t in tokens {
        if let Some(m) = month_number(t) {
            if month.is_some() {
                return DateValue::Unreadable;
            }
            month = Some(m);
        } else if t.chars().all(|c| c.is_ascii_digit()) {
            numbers.push(*t);
        } else if !matches!(*t, "tanggal" | "tgl" | "of" | "the") {
            return DateValue::Unreadable;
        }
    }
    let m = month.expect("has a month name");
    match numbers.as_slice() {
        [y] if y.len() == 4 => calendar(y.parse().unwrap_or(0), m, 1, Precision::Month),
        [d, y] if y.len() == 4 && d.len() <= 2 => calendar(
            y.parse().unwrap_or(0),
            m,
            d.parse().unwrap_or(99),
            Precision::Day,
        ),
        [_, y] if y.len() == 2 => DateValue::Ambiguous(AmbiguousReason::TwoDigitYear),
        _ => DateValue::Unreadable,
    }
}

fn is_weekday(t: &str) -> bool {
    matches!(
        t,
        "senin"
            | "selasa"
            | "rabu"
            | "kamis"
            | "jumat"
            | "jum'at"
            | "sabtu"
            | "minggu"
            | "ahad"
            | "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
    )
}

/// Indonesian and English month names and their common abbreviations.
pub fn month_number(t: &str) -> Option<u32> {
    Some(match t {
        "januari" | "january" | "jan" => 1,
        "februari" | "pebruari" | "february" | "feb" | "peb" => 2,
        "maret" | "march" | "mar" => 3,
        "april" | "apr" => 4,
        "mei" | "may" => 5,
        "juni" | "june" | "jun" => 6,
        "juli" | "july" | "jul" => 7,
        "agustus" | "august" | "agu" | "agt" | "ags" | "agus" | "aug" => 8,
        "september" | "sep" | "sept" => 9,
        "oktober" | "october" | "okt" | "oct" => 10,
        "november" | "nopember" | "nov" | "nop" => 11,
        "desember" | "december" | "des" | "dec" => 12,
        _ => return None,
    })
}

/// The portal's way of writing a date: dd/mm/yyyy.
pub fn portal_format(d: NaiveDate) -> String {
    format!("{:02}/{:02}/{:04}", d.day(), d.month(), d.year())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> DateValue {
        DateValue::Ok(NaiveDate::from_ymd_opt(y, m, day).unwrap(), Precision::Day)
    }

    fn t(s: &str) -> DateValue {
        parse_text(s, DateOrder::DayMonth)
    }

    #[test]
    fn reads_the_forms_agencies_use() {
        for s in [
            "17/05/2024",
            "17-05-2024",
            "17.05.2024",
            "2024-05-17",
            "2024/05/17",
            "17 Mei 2024",
            "17 May 2024",
            "17 mei 2024",
            "Jumat, 17 Mei 2024",
            "May 17, 2024",
            "17-Mei-2024",
            "2024-05-17 00:00:00",
            "2024-05-17T00:00:00",
            "45429",
        ] {
            assert_eq!(t(s), d(2024, 5, 17), "{s}");
        }
        assert_eq!(t("3/8/2024"), d(2024, 8, 3));
        assert_eq!(t("3 Agt 2024"), d(2024, 8, 3));
        assert_eq!(t("1 Des 2023"), d(2023, 12, 1));
    }

    #[test]
    fn month_and_year_only_keep_their_precision() {
        let may = NaiveDate::from_ymd_opt(2024, 5, 1).unwrap();
        assert_eq!(t("Mei 2024"), DateValue::Ok(may, Precision::Month));
        assert_eq!(t("05/2024"), DateValue::Ok(may, Precision::Month));
        assert_eq!(t("2024-05"), DateValue::Ok(may, Precision::Month));
        let y = NaiveDate::from_ymd_opt(2022, 1, 1).unwrap();
        assert_eq!(t("2022"), DateValue::Ok(y, Precision::Year));
        assert_eq!(
            parse_cell(&RawCell::Number(2022.0), DateOrder::DayMonth),
            DateValue::Ok(y, Precision::Year)
        );
    }

    #[test]
    fn ambiguous_and_impossible_dates_are_not_guessed() {
        assert_eq!(
            t("05/17/2024"),
            DateValue::Ambiguous(AmbiguousReason::MonthDayOrder)
        );
        assert_eq!(
            t("05/06/24"),
            DateValue::Ambiguous(AmbiguousReason::TwoDigitYear)
        );
        assert_eq!(
            t("17 Mei 24"),
            DateValue::Ambiguous(AmbiguousReason::TwoDigitYear)
        );
        assert_eq!(t("31/02/2025"), DateValue::Impossible);
        assert_eq!(
            t("12/13/2025"),
            DateValue::Ambiguous(AmbiguousReason::MonthDayOrder)
        );
        assert_eq!(t("32/13/2025"), DateValue::Impossible);
        assert_eq!(t("2025-02-30"), DateValue::Impossible);
        assert_eq!(t("segera"), DateValue::Unreadable);
        assert_eq!(t("17 Mei"), DateValue::Unreadable);
        assert_eq!(t(""), DateValue::Unreadable);
    }

    #[test]
    fn month_day_order_is_a_setting() {
        assert_eq!(
            parse_text("05/17/2024", DateOrder::MonthDay),
            d(2024, 5, 17)
        );
    }

    #[test]
    fn excel_serials_and_date_cells() {
        assert_eq!(
            parse_cell(&RawCell::Number(45429.0), DateOrder::DayMonth),
            d(2024, 5, 17)
        );
        assert_eq!(
            parse_cell(&RawCell::Number(45429.75), DateOrder::DayMonth),
            d(2024, 5, 17)
        );
        assert_eq!(
            parse_cell(&RawCell::Number(61.0), DateOrder::DayMonth),
            d(1900, 3, 1)
        );
        assert_eq!(
            parse_cell(&RawCell::Number(1.0), DateOrder::DayMonth),
            d(1900, 1, 1)
        );
        assert_eq!(
            parse_cell(&RawCell::Number(-5.0), DateOrder::DayMonth),
            DateValue::Unreadable
        );
        assert_eq!(
            parse_cell(&RawCell::Number(1e12), DateOrder::DayMonth),
            DateValue::Unreadable
        );
    }

    #[test]
    fn portal_format_is_dd_mm_yyyy() {
        assert_eq!(
            portal_format(NaiveDate::from_ymd_opt(2024, 5, 7).unwrap()),
            "07/05/2024"
        );
    }
}
