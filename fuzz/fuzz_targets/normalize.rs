//! The value normalizers: dates, numbers, coordinates, word counts, and
//! every field of the shipped template reading the input as a cell.
#![no_main]

#[path = "common.rs"]
mod common;

use bimtek::load::RawCell;
use bimtek::normalize::date::parse_text;
use bimtek::normalize::read_cell;
use bimtek::normalize::scalar::{count_words, parse_amount, parse_coordinate};
use bimtek::template::DateOrder;
use std::sync::Arc;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = parse_text(&text, DateOrder::DayMonth);
    let _ = parse_text(&text, DateOrder::MonthDay);
    let _ = parse_amount(&text);
    let _ = parse_coordinate(&text);
    let _ = count_words(&text);
    let t = common::template();
    let number = data
        .get(..8)
        .map(|b| f64::from_le_bytes(b.try_into().unwrap()));
    for fi in 0..t.fields.len() {
        let _ = read_cell(t, fi, 0, Arc::from("h"), &RawCell::Text(text.to_string()));
        if let Some(n) = number {
            let _ = read_cell(t, fi, 0, Arc::from("h"), &RawCell::Number(n));
        }
    }
});
