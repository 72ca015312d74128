//! The CSV loader: delimiter sniffing, quoting, encodings, then normalizing.
#![no_main]

#[path = "common.rs"]
mod common;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    common::load("input.csv", data);
});
