//! The workbook loader. An input starting with an odd byte: the rest is the
//! XML of the only sheet of an otherwise valid xlsx, so the fuzzer reaches
//! the sheet reader (bimtek's own, load/xlsx) instead of stopping at the
//! zip layer. A first byte of 2 mod 4: the rest overwrites a valid .xls from
//! its sheet's DIMENSIONS record on (the record calamine sizes the sheet by,
//! and the records after it), so the fuzzer reaches the BIFF records inside
//! the CFB container. Otherwise the input is the file as is (zip, CFB,
//! anything).
#![no_main]

#[path = "common.rs"]
mod common;

use std::io::Write;
use zip::write::SimpleFileOptions;

const PARTS: &[(&str, &str)] = &[
    (
        "[Content_Types].xml",
        r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>"#,
    ),
    (
        "_rels/.rels",
        r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
    ),
    (
        "xl/workbook.xml",
        r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>"#,
    ),
    (
        "xl/_rels/workbook.xml.rels",
        r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#,
    ),
];

/// A valid .xls (BIFF8 in CFB) with one sheet.
const XLS: &[u8] = include_bytes!("../../tests/fixtures/load/sample.xls");

/// [`XLS`] with `patch` written over it from its DIMENSIONS record on.
fn xls(patch: &[u8]) -> Vec<u8> {
    let mut bytes = XLS.to_vec();
    let at = bytes
        .windows(4)
        .position(|w| w == [0x00, 0x02, 0x0E, 0x00])
        .expect("sample.xls has a DIMENSIONS record");
    let n = patch.len().min(bytes.len() - at);
    bytes[at..at + n].copy_from_slice(&patch[..n]);
    bytes
}

fn xlsx(sheet: &[u8]) -> Vec<u8> {
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, text) in PARTS {
        out.start_file(*name, stored).unwrap();
        out.write_all(text.as_bytes()).unwrap();
    }
    out.start_file("xl/worksheets/sheet1.xml", stored).unwrap();
    out.write_all(sheet).unwrap();
    out.finish().unwrap().into_inner()
}

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    match data.split_first() {
        Some((first, sheet)) if first % 2 == 1 => common::load("input.xlsx", &xlsx(sheet)),
        Some((first, patch)) if first % 4 == 2 => common::load("input.xls", &xls(patch)),
        _ => common::load("input.xlsx", data),
    }
});
