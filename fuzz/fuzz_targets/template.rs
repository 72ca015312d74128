//! The template parser on any text: errors with a position, never a panic.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Ok(src) = std::str::from_utf8(data) {
        let _ = bimtek::template::Template::parse(src, "fuzz.toml");
    }
});
