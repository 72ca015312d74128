//! The portal-download reader: HTML tables saved as .xls (web exports).
#![no_main]

#[path = "common.rs"]
mod common;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    // Make most inputs look like HTML so the table reader, not the sniffer, is exercised.
    let mut bytes = b"<html><table>".to_vec();
    bytes.extend_from_slice(data);
    common::load_export("unduhan.xls", &bytes);
});
