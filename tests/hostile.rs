//! Hostile and broken input (issue 7): every bad file gets a clear finding
//! naming it, nothing panics or hangs, the other files of the same run are
//! still checked, inputs are left byte-identical, and the exit code follows
//! the README table (0 nothing at or above `--fail-on`, 1 findings at or
//! above it, 2 the tool could not run).
//!
//! Each test runs the real binary on the bad file together with a good CSV
//! (`tests/fixtures/load/semicolon.csv`, three innovations) and asserts both.
//! Large inputs (zip bomb, million rows, 10 MB lines) are generated here into
//! a temporary folder; small binary ones live in `tests/fixtures/hostile/`.

mod common;

use common::{manifest, write};

use serde_json::Value;
use std::ffi::{OsStr, OsString};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// A clean file checked alongside every bad one.
const GOOD: &str = "tests/fixtures/load/semicolon.csv";
const GOOD_INNOVATIONS: usize = 3;
/// A run taking longer than this is a hang.
const TIMEOUT: Duration = Duration::from_secs(90);
const HEADER: &str = "Nama Inovasi;Perangkat Daerah;Tahapan Inovasi;Waktu Penerapan Inovasi Daerah";

// ------------------------------------------------------------------ running

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
    json: Value,
}

fn bimtek(args: &[OsString]) -> Run {
    let (status, stdout, stderr) =
        common::run_bounded(Path::new(env!("CARGO_MANIFEST_DIR")), args, TIMEOUT);
    let stdout = String::from_utf8(stdout).expect("stdout is UTF-8");
    let stderr = String::from_utf8_lossy(&stderr).into_owned();
    assert!(
        !stderr.contains("panicked"),
        "bimtek panicked on {args:?}:\n{stderr}"
    );
    let json = if args.iter().any(|a| a == "json") && status.code() != Some(2) {
        serde_json::from_str(&stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{stdout}\n{stderr}"))
    } else {
        Value::Null
    };
    Run {
        code: status.code().expect("exited, not killed by a signal"),
        stdout,
        stderr,
        json,
    }
}

/// `bimtek check --format json --as-of 2026-11-24 [extra] PATHS GOOD`
fn check_with(paths: &[&Path], extra: &[&str]) -> Run {
    let mut args: Vec<OsString> = ["check", "--format", "json", "--as-of", "2026-11-24"]
        .iter()
        .chain(extra)
        .map(OsString::from)
        .collect();
    args.extend(paths.iter().map(|p| p.as_os_str().to_owned()));
    args.push(GOOD.into());
    bimtek(&args)
}

fn check(paths: &[&Path]) -> Run {
    check_with(paths, &[])
}

/// Does a report's `file` name this file?
fn names(reported: &str, file: &str) -> bool {
    reported == file || reported.ends_with(&format!("/{file}"))
}

impl Run {
    fn findings(&self, file: &str) -> Vec<&Value> {
        self.json["findings"]
            .as_array()
            .expect("findings")
            .iter()
            .filter(|f| names(f["file"].as_str().unwrap_or(""), file))
            .collect()
    }

    fn codes(&self, file: &str) -> Vec<&str> {
        self.findings(file)
            .iter()
            .map(|f| f["code"].as_str().expect("code"))
            .collect()
    }

    /// The first finding with `code` on `file`; fails listing what there is.
    fn finding(&self, file: &str, code: &str) -> &Value {
        self.findings(file)
            .into_iter()
            .find(|f| f["code"] == code)
            .unwrap_or_else(|| {
                panic!(
                    "no {code} on {file}; found {:?}\n{}",
                    self.codes(file),
                    self.stdout
                )
            })
    }

    fn innovations(&self, file: &str) -> Vec<&Value> {
        self.json["innovations"]
            .as_array()
            .expect("innovations")
            .iter()
            .filter(|i| names(i["file"].as_str().unwrap_or(""), file))
            .collect()
    }

    /// The good file was checked too, and errors make the run fail.
    fn assert_others_checked(&self) {
        let good = self.json["innovations"]
            .as_array()
            .expect("innovations")
            .iter()
            .filter(|i| i["file"] == GOOD)
            .count();
        assert_eq!(
            good, GOOD_INNOVATIONS,
            "the good file was not checked:\n{}",
            self.stdout
        );
        assert_eq!(self.code, 1, "errors give exit code 1\n{}", self.stderr);
    }

    /// `file` gets `code` as a file-level finding, and the others were checked.
    fn assert_file_finding(&self, file: &str, code: &str) -> &Value {
        let f = self.finding(file, code);
        assert!(f["row"].is_null(), "{code} is about the file: {f}");
        assert!(
            !f["message"].as_str().unwrap_or("").is_empty(),
            "{code} has a message"
        );
        self.assert_others_checked();
        f
    }
}

fn fixture(path: &str) -> PathBuf {
    manifest("tests/fixtures").join(path)
}

// ------------------------------------------------------------------ building files

/// One zip entry, stored (method 0) or already deflated (method 8), with the
/// sizes and checksum it declares.
struct Entry {
    name: String,
    method: u16,
    data: Vec<u8>,
    crc: u32,
    size: u64,
}

fn stored(name: &str, data: &[u8]) -> Entry {
    Entry {
        name: name.to_string(),
        method: 0,
        data: data.to_vec(),
        crc: crc32fast::hash(data),
        size: data.len() as u64,
    }
}

fn deflated(name: &str, data: &[u8]) -> Entry {
    let mut out = Vec::with_capacity(data.len() + 64);
    flate2::Compress::new(flate2::Compression::default(), false)
        .compress_vec(data, &mut out, flate2::FlushCompress::Finish)
        .unwrap();
    Entry {
        name: name.to_string(),
        method: 8,
        data: out,
        crc: crc32fast::hash(data),
        size: data.len() as u64,
    }
}

/// A zip archive written by hand, so that a test can declare what a real
/// writer would not (a 1 GiB entry built from repeated deflate blocks).
fn zip(entries: &[Entry]) -> Vec<u8> {
    fn u16le(out: &mut Vec<u8>, v: u16) {
        out.extend_from_slice(&v.to_le_bytes());
    }
    fn u32le(out: &mut Vec<u8>, v: u32) {
        out.extend_from_slice(&v.to_le_bytes());
    }
    let mut out = Vec::new();
    let mut central = Vec::new();
    for e in entries {
        let offset = out.len() as u32;
        let size = u32::try_from(e.size).expect("no zip64 here");
        u32le(&mut out, 0x0403_4b50);
        for v in [20, 0, e.method, 0, 0x21] {
            u16le(&mut out, v);
        }
        u32le(&mut out, e.crc);
        u32le(&mut out, e.data.len() as u32);
        u32le(&mut out, size);
        u16le(&mut out, e.name.len() as u16);
        u16le(&mut out, 0);
        out.extend_from_slice(e.name.as_bytes());
        out.extend_from_slice(&e.data);

        u32le(&mut central, 0x0201_4b50);
        for v in [20, 20, 0, e.method, 0, 0x21] {
            u16le(&mut central, v);
        }
        u32le(&mut central, e.crc);
        u32le(&mut central, e.data.len() as u32);
        u32le(&mut central, size);
        u16le(&mut central, e.name.len() as u16);
        for _ in 0..4 {
            u16le(&mut central, 0);
        }
        u32le(&mut central, 0);
        u32le(&mut central, offset);
        central.extend_from_slice(e.name.as_bytes());
    }
    let central_offset = out.len() as u32;
    out.extend_from_slice(&central);
    u32le(&mut out, 0x0605_4b50);
    for v in [0, 0, entries.len() as u16, entries.len() as u16] {
        u16le(&mut out, v);
    }
    u32le(&mut out, central.len() as u32);
    u32le(&mut out, central_offset);
    u16le(&mut out, 0);
    out
}

const MAIN_NS: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG_REL_NS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";

/// The package parts of a one-sheet workbook, `sheets` being the content of
/// `<sheets>` in workbook.xml.
fn package(sheets: &str) -> Vec<Entry> {
    let types = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#;
    let rels = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="{PKG_REL_NS}"><Relationship Id="rId1" Type="{REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>"#
    );
    let workbook = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="{MAIN_NS}" xmlns:r="{REL_NS}"><sheets>{sheets}</sheets></workbook>"#
    );
    let wb_rels = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="{PKG_REL_NS}"><Relationship Id="rId1" Type="{REL_NS}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#
    );
    vec![
        stored("[Content_Types].xml", types.as_bytes()),
        stored("_rels/.rels", rels.as_bytes()),
        stored("xl/workbook.xml", workbook.as_bytes()),
        stored("xl/_rels/workbook.xml.rels", wb_rels.as_bytes()),
    ]
}

const ONE_SHEET: &str = r#"<sheet name="Data" sheetId="1" r:id="rId1"/>"#;

/// An xlsx whose only sheet has this `<sheetData>` content.
fn xlsx(sheet_data: &str) -> Vec<u8> {
    let sheet = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="{MAIN_NS}"><sheetData>{sheet_data}</sheetData></worksheet>"#
    );
    let mut entries = package(ONE_SHEET);
    entries.push(stored("xl/worksheets/sheet1.xml", sheet.as_bytes()));
    zip(&entries)
}

fn column(mut col: usize) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (col % 26) as u8);
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).unwrap()
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// One `<row>` of inline strings; `r` is 1-based.
fn row_xml(r: usize, cells: &[&str]) -> String {
    let mut out = format!(r#"<row r="{r}">"#);
    for (c, text) in cells.iter().enumerate() {
        out.push_str(&format!(
            r#"<c r="{}{r}" t="inlineStr"><is><t>{}</t></is></c>"#,
            column(c),
            escape(text)
        ));
    }
    out.push_str("</row>");
    out
}

fn header_cells() -> Vec<&'static str> {
    HEADER.split(';').collect()
}

/// Header and two clean rows, as sheet XML.
fn small_sheet() -> String {
    [
        row_xml(1, &header_cells()),
        row_xml(
            2,
            &["SIPANDU", "Dinas Kesehatan", "Penerapan", "17/05/2024"],
        ),
        row_xml(
            3,
            &["Lumbung Sosial", "Dinas Sosial", "Uji Coba", "03/08/2024"],
        ),
    ]
    .concat()
}

/// A valid workbook written by rust_xlsxwriter, header and two rows.
fn real_xlsx() -> Vec<u8> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in header_cells().iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    let rows = [
        ["SIPANDU", "Dinas Kesehatan", "Penerapan", "17/05/2024"],
        ["Lumbung Sosial", "Dinas Sosial", "Uji Coba", "03/08/2024"],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            ws.write_string(r as u32 + 1, c as u16, *v).unwrap();
        }
    }
    wb.save_to_buffer().unwrap()
}

// ------------------------------------------------------------------ broken workbooks

#[test]
fn truncated_xlsx_is_f001() {
    let dir = tempfile::tempdir().unwrap();
    let full = real_xlsx();
    for (name, cut) in [
        ("half.xlsx", full.len() / 2),
        ("no-directory.xlsx", full.len() - 30),
        ("header-only-bytes.xlsx", 30),
    ] {
        write(dir.path(), name, &full[..cut]);
    }
    let run = check(&[dir.path()]);
    for name in ["half.xlsx", "no-directory.xlsx", "header-only-bytes.xlsx"] {
        let f = run.assert_file_finding(name, "F001");
        let message = f["message"].as_str().unwrap();
        assert!(
            message.contains(": arsipnya rusak atau terpotong (rincian teknis: "),
            "{name}: {message}"
        );
    }
}

#[test]
fn corrupt_xlsx_parts_are_f001() {
    let dir = tempfile::tempdir().unwrap();
    // Sheet XML that is not XML.
    let mut entries = package(ONE_SHEET);
    entries.push(stored(
        "xl/worksheets/sheet1.xml",
        b"<worksheet><sheetData><row><c r=\"A1\"<<<",
    ));
    write(dir.path(), "bad-xml.xlsx", &zip(&entries));
    // The sheet the workbook names is missing from the package.
    write(dir.path(), "missing-part.xlsx", &zip(&package(ONE_SHEET)));
    // A compressed part damaged in transit (bytes overwritten mid-stream).
    let mut entries = package(ONE_SHEET);
    let xml = format!(
        r#"<worksheet xmlns="{MAIN_NS}"><sheetData>{}</sheetData></worksheet>"#,
        small_sheet()
    );
    let mut sheet = deflated("xl/worksheets/sheet1.xml", xml.as_bytes());
    let mid = sheet.data.len() / 3;
    sheet.data[mid..mid + 16].fill(0xFF);
    entries.push(sheet);
    write(dir.path(), "damaged-part.xlsx", &zip(&entries));
    // Cells no spreadsheet program writes: a shared-string index pointing
    // nowhere, row 0, a column past XFD, references that overflow 32 bits
    // (bimtek's reader refuses the last two by name), bad values.
    let odd = [
        (
            "sst-nowhere.xlsx",
            r#"<row r="4"><c r="A4" t="s"><v>99999</v></c></row>"#,
        ),
        (
            "row-zero.xlsx",
            r#"<row r="0"><c r="A0"><v>1</v></c></row>"#,
        ),
        (
            "past-xfd.xlsx",
            r#"<row r="5"><c r="XFE5" t="inlineStr"><is><t>x</t></is></c></row>"#,
        ),
        (
            "huge-column.xlsx",
            r#"<row r="6"><c r="ZZZZZZZZZZ6"><v>1</v></c></row>"#,
        ),
        (
            "huge-row.xlsx",
            r#"<row r="4294967297"><c r="A4294967297"><v>1</v></c></row>"#,
        ),
        (
            "bad-bool.xlsx",
            r#"<row r="7"><c r="A7" t="b"><v>7</v></c></row>"#,
        ),
        (
            "bad-error.xlsx",
            r#"<row r="7"><c r="D7" t="e"><v>#WHAT</v></c></row>"#,
        ),
        (
            "no-refs.xlsx",
            r#"<row><c><v>1</v></c><c t="inlineStr"><is><t>SIPANDU</t></is></c></row>"#,
        ),
        ("deep.xlsx", &"<x>".repeat(50_000)),
    ];
    for (name, extra) in &odd {
        write(
            dir.path(),
            name,
            &xlsx(&format!("{}{extra}", small_sheet())),
        );
    }
    let run = check(&[dir.path()]);
    for (name, what) in [
        ("bad-xml.xlsx", "isi XML di dalamnya rusak"),
        (
            "missing-part.xlsx",
            "bagian yang wajib ada di dalamnya hilang",
        ),
        ("damaged-part.xlsx", "arsipnya rusak atau terpotong"),
    ] {
        let f = run.assert_file_finding(name, "F001");
        let message = f["message"].as_str().unwrap();
        assert!(
            message.starts_with(&format!(
                "Berkas tidak dapat dibaca: {what} (rincian teknis: "
            )),
            "{name}: {message}"
        );
    }
    // Each is read (rows 2-3 are fine) or reported as damaged; never silent,
    // never a crash of the run.
    for (name, _) in &odd {
        assert!(
            !run.innovations(name).is_empty() || run.codes(name).contains(&"F001"),
            "{name}: {:?}",
            run.codes(name)
        );
    }
    // A value that cannot be read names its sheet and cell.
    let f = run.finding("bad-bool.xlsx", "F001");
    let message = f["message"].as_str().unwrap();
    assert!(
        message.contains("cell A7: \"7\" is not a boolean"),
        "{message}"
    );
    assert!(message.contains("sheet \"Data\""), "{message}");
    // A reference past what a u32 holds is refused by name (calamine's own
    // arithmetic overflows on it); the header was read before it.
    for name in ["huge-column.xlsx", "huge-row.xlsx"] {
        let f = run.finding(name, "F001");
        assert!(
            f["message"]
                .as_str()
                .unwrap()
                .contains("bad cell reference"),
            "{f}"
        );
        assert!(!run.codes(name).contains(&"F003"), "{:?}", run.codes(name));
    }
}

/// A panic in bimtek's own xlsx reader (injected by debug builds when it
/// starts the sheet named by `BIMTEK_PANIC_IN_SHEET`) is contained as a
/// panic in calamine is: that file's F001, the run goes on.
#[test]
fn a_panic_in_the_own_xlsx_reader_is_that_files_f001() {
    let dir = tempfile::tempdir().unwrap();
    let sheet = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="{MAIN_NS}"><sheetData>{}</sheetData></worksheet>"#,
        small_sheet()
    );
    let mut entries = package(r#"<sheet name="Meledak" sheetId="1" r:id="rId1"/>"#);
    entries.push(stored("xl/worksheets/sheet1.xml", sheet.as_bytes()));
    write(dir.path(), "meledak.xlsx", &zip(&entries));
    write(dir.path(), "utuh.xlsx", &xlsx(&small_sheet()));
    let out = common::bimtek_with_env(
        &[
            "check",
            "--format",
            "json",
            "--as-of",
            "2026-11-24",
            dir.path().to_str().unwrap(),
            GOOD,
        ],
        &[("BIMTEK_PANIC_IN_SHEET", "Meledak")],
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    let run = Run {
        code: out.status.code().expect("exited"),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: stderr.into_owned(),
        json: Value::Null,
    };
    let run = Run {
        json: serde_json::from_str(&run.stdout).expect("JSON report"),
        ..run
    };
    let f = run.assert_file_finding("meledak.xlsx", "F001");
    assert!(
        f["message"]
            .as_str()
            .unwrap()
            .contains("injected into the reader of sheet Meledak"),
        "{f}"
    );
    assert_eq!(run.innovations("meledak.xlsx").len(), 0);
    assert_eq!(run.innovations("utuh.xlsx").len(), 2, "{}", run.stdout);
    assert!(run.codes("utuh.xlsx").iter().all(|c| *c != "F001"));
}

#[test]
fn zip_bomb_xlsx_is_refused_quickly_as_f009() {
    use flate2::{Compress, Compression, FlushCompress};
    // 1 MiB of zeros deflated once; after a full flush the compressor starts
    // afresh, so the same bytes repeated form one valid stream of N MiB.
    const MIB: usize = 1 << 20;
    let zeros = vec![0u8; MIB];
    let mut chunk = Vec::with_capacity(4096);
    Compress::new(Compression::best(), false)
        .compress_vec(&zeros, &mut chunk, FlushCompress::Full)
        .unwrap();
    assert!(chunk.len() < 4096, "{}", chunk.len());
    let mut crc_mib = crc32fast::Hasher::new();
    crc_mib.update(&zeros);
    let bomb = |mibs: u32, name: &str| -> Entry {
        let mut data = chunk.repeat(mibs as usize);
        data.extend_from_slice(&[0x03, 0x00]); // final empty block
        let mut crc = crc32fast::Hasher::new();
        for _ in 0..mibs {
            crc.combine(&crc_mib);
        }
        Entry {
            name: name.to_string(),
            method: 8,
            data,
            crc: crc.finalize(),
            size: u64::from(mibs) * MIB as u64,
        }
    };
    let dir = tempfile::tempdir().unwrap();
    // Over 1 GiB once inflated, from about 1 MB.
    let mut entries = package(ONE_SHEET);
    entries.push(bomb(1100, "xl/worksheets/sheet1.xml"));
    write(dir.path(), "bomb.xlsx", &zip(&entries));
    // Only 64 MiB, but 1000 times its compressed size, in the shared strings.
    let mut entries = package(ONE_SHEET);
    entries.push(stored(
        "xl/worksheets/sheet1.xml",
        format!(
            r#"<worksheet xmlns="{MAIN_NS}"><sheetData>{}</sheetData></worksheet>"#,
            small_sheet()
        )
        .as_bytes(),
    ));
    entries.push(bomb(64, "xl/sharedStrings.xml"));
    write(dir.path(), "ratio.xlsx", &zip(&entries));
    // Many entries each under the limits, together over 4 GiB.
    let mut entries = package(ONE_SHEET);
    for i in 0..5 {
        entries.push(bomb(900, &format!("xl/media/image{i}.bin")));
    }
    write(dir.path(), "many.xlsx", &zip(&entries));

    let start = Instant::now();
    let run = check(&[dir.path()]);
    assert!(
        start.elapsed() < Duration::from_secs(20),
        "took {:?}",
        start.elapsed()
    );
    let f = run.assert_file_finding("bomb.xlsx", "F009");
    let message = f["message"].as_str().unwrap();
    assert!(message.contains("xl/worksheets/sheet1.xml"), "{message}");
    let f = run.assert_file_finding("ratio.xlsx", "F009");
    assert!(
        f["message"].as_str().unwrap().contains("sharedStrings"),
        "{f}"
    );
    run.assert_file_finding("many.xlsx", "F009");
    assert!(run.innovations("ratio.xlsx").is_empty());
}

#[test]
fn password_protected_xlsx_and_xls_are_f002() {
    let run = check(&[
        &fixture("load/encrypted.xlsx"),
        &fixture("hostile/encrypted.xls"),
    ]);
    run.assert_file_finding("encrypted.xlsx", "F002");
    run.assert_file_finding("encrypted.xls", "F002");
}

/// Found by `cargo fuzz run workbook` (issue 7): a sector chain that loops
/// made a 5.7 KB .xls take 24 GB of memory and 2.5 minutes in calamine.
#[test]
fn issue_7_xls_whose_sector_chain_loops_is_f001_at_once() {
    let start = Instant::now();
    let run = check(&[&fixture("hostile/cfb-loop.xls")]);
    assert!(
        start.elapsed() < Duration::from_secs(20),
        "took {:?}",
        start.elapsed()
    );
    let f = run.assert_file_finding("cfb-loop.xls", "F001");
    let message = f["message"].as_str().unwrap();
    assert!(
        message.contains("struktur berkas .xls lamanya rusak"),
        "{f}"
    );
    assert!(message.contains("CFB sector chain loops"), "{f}");
}

#[test]
fn html_and_pdf_with_spreadsheet_names_are_f004() {
    let dir = tempfile::tempdir().unwrap();
    let html = std::fs::read(fixture("load/html-table.xls")).unwrap();
    write(dir.path(), "portal.xlsx", &html);
    let pdf = std::fs::read(fixture("load/pdf-named.xlsx")).unwrap();
    write(dir.path(), "laporan.xls", &pdf);
    write(
        dir.path(),
        "spreadsheet-2003.xls",
        br#"<?xml version="1.0"?><?mso-application progid="Excel.Sheet"?>
<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet ss:Name="Data"/></Workbook>"#,
    );
    // A zip that is not a workbook (evidence photos zipped and renamed).
    write(
        dir.path(),
        "foto.xlsx",
        &zip(&[stored(
            "IMG_0001.jpg",
            b"\xFF\xD8\xFF\xE0 not really a photo",
        )]),
    );
    let run = check(&[
        dir.path(),
        &fixture("load/html-table.xls"),
        &fixture("load/pdf-named.xlsx"),
    ]);
    for name in [
        "portal.xlsx",
        "laporan.xls",
        "spreadsheet-2003.xls",
        "html-table.xls",
        "pdf-named.xlsx",
    ] {
        run.assert_file_finding(name, "F004");
    }
    // The zip has no workbook inside: damaged or not a spreadsheet, but said.
    let codes = run.codes("foto.xlsx");
    assert!(
        codes.contains(&"F001") || codes.contains(&"F004"),
        "{codes:?}"
    );
}

#[test]
fn empty_files_and_workbooks_without_rows_are_f003() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "kosong.xlsx", b"");
    write(dir.path(), "kosong.csv", b"");
    // What a crash or an interrupted copy leaves: the right size, all zeros.
    write(dir.path(), "nol.xlsx", &[0u8; 4096]);
    write(dir.path(), "spasi.csv", b"  \r\n\t\n\n");
    write(
        dir.path(),
        "header-only.csv",
        format!("{HEADER}\n").as_bytes(),
    );
    write(dir.path(), "empty-sheet-data.xlsx", &xlsx(""));
    let run = check(&[
        dir.path(),
        &fixture("load/empty.xlsx"),
        &fixture("load/empty-sheet.xlsx"),
        &fixture("load/header-only.xlsx"),
    ]);
    for name in [
        "kosong.xlsx",
        "kosong.csv",
        "spasi.csv",
        "header-only.csv",
        "empty-sheet-data.xlsx",
        "empty.xlsx",
        "empty-sheet.xlsx",
        "header-only.xlsx",
    ] {
        run.assert_file_finding(name, "F003");
    }
    run.assert_file_finding("nol.xlsx", "F004");
}

#[test]
fn workbook_without_sheets_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "no-sheet.xlsx", &zip(&package("")));
    let run = check(&[dir.path()]);
    let codes = run.codes("no-sheet.xlsx");
    assert!(
        codes.contains(&"F003") || codes.contains(&"F001"),
        "a workbook with no sheet is reported: {codes:?}"
    );
    run.assert_others_checked();
}

#[test]
fn stray_value_in_the_last_cell_of_a_sheet_does_not_allocate_the_grid() {
    // Ctrl+End accidents: one value in XFD1048576 makes a dense reader
    // allocate hundreds of GB and abort.
    let dir = tempfile::tempdir().unwrap();
    let sheet = format!(
        r#"{}<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>"#,
        small_sheet()
    );
    write(dir.path(), "ctrl-end.xlsx", &xlsx(&sheet));
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in header_cells().iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    ws.write_string(1, 0, "SIPANDU").unwrap();
    ws.write_string(1, 1, "Dinas Kesehatan").unwrap();
    ws.write_string(1_048_575, 16_383, "x").unwrap();
    wb.save(dir.path().join("ctrl-end-excel.xlsx")).unwrap();
    let run = check(&[dir.path()]);
    assert_eq!(run.innovations("ctrl-end.xlsx").len(), 2, "{}", run.stdout);
    assert_eq!(
        run.innovations("ctrl-end-excel.xlsx").len(),
        1,
        "{}",
        run.stdout
    );
    run.assert_others_checked();
}

/// Formatting dragged down the sheet: `last_row` rows with a styled empty
/// cell each, after a header and two real rows. Streamed: memory stays flat.
fn blank_formatted_rows(last_row: usize) {
    let mut sheet = small_sheet();
    for r in 4..=last_row {
        sheet.push_str(&format!(r#"<row r="{r}"><c r="A{r}" s="0"/></row>"#));
    }
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "blank-rows.xlsx", &xlsx(&sheet));
    let run = check(&[dir.path()]);
    assert_eq!(
        run.innovations("blank-rows.xlsx").len(),
        2,
        "{}",
        run.stdout
    );
    run.assert_others_checked();
}

#[test]
fn many_blank_formatted_rows_are_skipped() {
    blank_formatted_rows(200_000);
}

/// To the last row Excel has (1,048,576): about 8 s in a debug build, most
/// of it calamine's XML parsing, so only on request (`-- --ignored`).
#[test]
#[ignore = "8 s in debug builds; run with -- --ignored"]
fn a_million_blank_formatted_rows_are_skipped() {
    blank_formatted_rows(1_048_576);
}

/// `load/sample.ods` with `extra` added to the end of its first table.
fn ods_with(extra: &str) -> Vec<u8> {
    use std::io::Cursor;
    let mut archive =
        zip::ZipArchive::new(std::fs::File::open(fixture("load/sample.ods")).unwrap()).unwrap();
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).unwrap();
        let name = entry.name().unwrap().to_string();
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).unwrap();
        if name == "content.xml" {
            let text = String::from_utf8(bytes).unwrap();
            let at = text.find("</table:table>").expect("a table");
            bytes = format!("{}{extra}{}", &text[..at], &text[at..]).into_bytes();
        }
        let options =
            zip::write::SimpleFileOptions::default().compression_method(if name == "mimetype" {
                zip::CompressionMethod::Stored
            } else {
                zip::CompressionMethod::Deflated
            });
        out.start_file(name, options).unwrap();
        out.write_all(&bytes).unwrap();
    }
    out.finish().unwrap().into_inner()
}

#[test]
fn ods_repeats_that_would_expand_to_billions_of_cells_are_f009() {
    // calamine expands repeated rows and columns into a dense grid when it
    // opens the file: this one took 4.8 GB and over a minute before the guard.
    let value =
        r#"<table:table-cell office:value-type="string"><text:p>x</text:p></table:table-cell>"#;
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "tall.ods",
        &ods_with(&format!(
            r#"<table:table-row table:number-rows-repeated="100000000">{value}</table:table-row>"#
        )),
    );
    write(
        dir.path(),
        "far.ods",
        &ods_with(&format!(
            r#"<table:table-row table:number-rows-repeated="1000000"><table:table-cell table:number-columns-repeated="1000"/></table:table-row><table:table-row><table:table-cell table:number-columns-repeated="16000"/>{value}</table:table-row>"#
        )),
    );
    // Formatting repeated to the end of the sheet, the way LibreOffice saves:
    // empty, so not expanded, so read.
    write(
        dir.path(),
        "styled.ods",
        &ods_with(
            r#"<table:table-row table:style-name="ro1" table:number-rows-repeated="1048570"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>"#,
        ),
    );
    let start = Instant::now();
    let run = check(&[dir.path()]);
    assert!(
        start.elapsed() < Duration::from_secs(20),
        "took {:?}",
        start.elapsed()
    );
    for name in ["tall.ods", "far.ods"] {
        let f = run.assert_file_finding(name, "F009");
        assert!(f["message"].as_str().unwrap().contains("baris"), "{f}");
    }
    assert_eq!(run.innovations("styled.ods").len(), 3, "{}", run.stdout);
}

/// A million innovations in one CSV: read, checked and reported without
/// holding the file. Slow in a debug build (a minute or more), so only on
/// request: `cargo test --release --test hostile -- --ignored`.
#[test]
#[ignore = "slow in debug builds; run with --release -- --ignored"]
fn a_million_row_csv_is_checked() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("million.csv");
    let mut out = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    writeln!(out, "{HEADER}").unwrap();
    for i in 0..1_000_000 {
        writeln!(
            out,
            "Inovasi nomor {i};Dinas {};Penerapan;17/05/2024",
            i % 40
        )
        .unwrap();
    }
    out.flush().unwrap();
    drop(out);
    // More than a run checks by default (`max_innovations_in_run`, 524,288:
    // issue 27); a template may raise it.
    let template = dir.path().join("million.toml");
    std::fs::write(
        &template,
        "[template]\nid = \"million\"\nname = \"million\"\nyear = 2026\nextends = \"iid-2026\"\n\n\
         [settings]\nmax_innovations_in_run = 1048576\n",
    )
    .unwrap();
    let run = check_with(&[&path], &["--template", template.to_str().unwrap()]);
    assert_eq!(run.innovations("million.csv").len(), 1_000_000);
    run.assert_others_checked();
}

#[test]
fn a_40000_character_cell_is_read_whole() {
    let long: String = "kata ".repeat(8000);
    assert_eq!(long.len(), 40_000);
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "panjang.csv",
        format!("{HEADER};Rancang Bangun\nSIPANDU;Dinas Kesehatan;Penerapan;17/05/2024;{long}\n")
            .as_bytes(),
    );
    let mut header = header_cells();
    header.push("Rancang Bangun");
    let sheet = [
        row_xml(1, &header),
        row_xml(
            2,
            &[
                "SIPANDU",
                "Dinas Kesehatan",
                "Penerapan",
                "17/05/2024",
                &long,
            ],
        ),
    ]
    .concat();
    write(dir.path(), "panjang.xlsx", &xlsx(&sheet));
    let run = check(&[dir.path()]);
    for name in ["panjang.csv", "panjang.xlsx"] {
        assert_eq!(run.innovations(name).len(), 1, "{name}: {}", run.stdout);
        // 8000 words pass the 300-word minimum: no T001, no loading finding.
        let codes = run.codes(name);
        assert!(
            !codes.contains(&"T001") && !codes.iter().any(|c| c.starts_with('F')),
            "{codes:?}"
        );
    }
    run.assert_others_checked();
}

// ------------------------------------------------------------------ odd content

#[test]
fn formula_error_cells_are_v004_on_the_cell() {
    let run = check(&[&fixture("load/formula-errors.xlsx")]);
    let errors: Vec<_> = run
        .findings("formula-errors.xlsx")
        .into_iter()
        .filter(|f| f["code"] == "V004")
        .collect();
    assert!(!errors.is_empty(), "{}", run.stdout);
    for f in &errors {
        assert!(f["row"].is_u64() && f["cell"].is_string(), "{f}");
        assert!(f["value"].as_str().unwrap_or("").starts_with('#'), "{f}");
    }
    assert!(!run.innovations("formula-errors.xlsx").is_empty());
    run.assert_others_checked();
}

#[test]
fn merged_and_two_row_headers_are_mapped() {
    let run = check(&[&fixture("load/merged-header.xlsx")]);
    let codes = run.codes("merged-header.xlsx");
    assert!(
        !codes.contains(&"F005") && !codes.contains(&"F001"),
        "{codes:?}"
    );
    assert!(
        !run.innovations("merged-header.xlsx").is_empty(),
        "{}",
        run.stdout
    );
    run.assert_others_checked();
}

#[test]
fn duplicate_headers_are_h003() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "dobel.csv",
        format!("{HEADER};Nama Inovasi\nSIPANDU;Dinas Kesehatan;Penerapan;17/05/2024;SIPANDU 2\n")
            .as_bytes(),
    );
    let run = check(&[dir.path()]);
    let f = run.finding("dobel.csv", "H003");
    assert_eq!(f["column"], "E", "{f}");
    assert_eq!(run.innovations("dobel.csv").len(), 1);
    run.assert_others_checked();
}

#[test]
fn a_header_repeated_below_the_data_is_not_an_innovation() {
    // Two tables pasted one under the other, each with its header.
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "dua-tabel.csv",
        format!(
            "{HEADER}\nSIPANDU;Dinas Kesehatan;Penerapan;17/05/2024\n{HEADER}\nLumbung Sosial;Dinas Sosial;Uji Coba;03/08/2024\n"
        )
        .as_bytes(),
    );
    let run = check(&[dir.path()]);
    let names: Vec<_> = run
        .innovations("dua-tabel.csv")
        .iter()
        .map(|i| i["name"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(names, ["SIPANDU", "Lumbung Sosial"], "{}", run.stdout);
    run.assert_others_checked();
}

// ------------------------------------------------------------------ broken CSV

#[test]
fn csv_with_mixed_encodings_reads_every_row() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = format!("{HEADER}\n").into_bytes();
    bytes.extend_from_slice("Pojok Baca Café;Dinas Pendidikan;Penerapan;17/05/2024\n".as_bytes());
    bytes.extend_from_slice(
        b"Jum\x92at Bersih Caf\xE9;Dinas Lingkungan Hidup;Penerapan;17/05/2024\n",
    );
    write(dir.path(), "campur.csv", &bytes);
    let run = check(&[dir.path()]);
    run.finding("campur.csv", "F006");
    let names: Vec<_> = run
        .innovations("campur.csv")
        .iter()
        .map(|i| i["name"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(names, ["Pojok Baca Café", "Jum\u{2019}at Bersih Café"]);
    run.assert_others_checked();
}

#[test]
fn nul_bytes_in_a_csv_are_dropped() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = format!("{HEADER}\n").into_bytes();
    bytes.extend_from_slice(b"SIPANDU\0 Posyandu;Dinas Kesehatan;Penerapan;17/05/2024\n");
    bytes.extend_from_slice(b"Lumbung Sosial;Dinas Sosial;Uji Coba;03/08/2024\n\0\0\0\0");
    write(dir.path(), "nul.csv", &bytes);
    let run = check(&[dir.path()]);
    let names: Vec<_> = run
        .innovations("nul.csv")
        .iter()
        .map(|i| i["name"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        names,
        ["SIPANDU Posyandu", "Lumbung Sosial"],
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains("\\u0000"));
    run.assert_others_checked();
}

#[test]
fn an_unclosed_quote_is_f010_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "kutip.csv",
        format!(
            "{HEADER}\nSIPANDU;Dinas Kesehatan;Penerapan;17/05/2024\n\"Si Cantik;Dinas Sosial;Penerapan;17/05/2024\nLumbung Sosial;Dinas Sosial;Uji Coba;03/08/2024\n"
        )
        .as_bytes(),
    );
    // Quotes that do close, across lines and doubled: no finding.
    write(
        dir.path(),
        "kutip-benar.csv",
        format!(
            "{HEADER}\n\"SIPANDU \"\"Posyandu\"\"\";Dinas Kesehatan;Penerapan;17/05/2024\n\"Lumbung\nSosial\";Dinas Sosial;Uji Coba;03/08/2024\n"
        )
        .as_bytes(),
    );
    let run = check(&[dir.path()]);
    let f = run.assert_file_finding("kutip.csv", "F010");
    assert!(f["message"].as_str().unwrap().contains("baris 3"), "{f}");
    assert!(!run.codes("kutip-benar.csv").contains(&"F010"));
    assert_eq!(run.innovations("kutip-benar.csv").len(), 2);
}

#[test]
fn a_10_mb_line_is_read_and_a_runaway_record_is_f009() {
    let dir = tempfile::tempdir().unwrap();
    let words = "kata ".repeat(2 * 1024 * 1024); // 10 MiB
    write(
        dir.path(),
        "baris-10mb.csv",
        format!("{HEADER};Rancang Bangun\nSIPANDU;Dinas Kesehatan;Penerapan;17/05/2024;{words}\n")
            .as_bytes(),
    );
    // An unclosed quote near the top of a large file swallows everything after it.
    let mut big = format!("{HEADER}\nSIPANDU;Dinas Kesehatan;Penerapan;17/05/2024\n\"Si Cantik;")
        .into_bytes();
    let line = b"Lumbung Sosial;Dinas Sosial;Uji Coba;03/08/2024\n";
    while big.len() < 17 << 20 {
        big.extend_from_slice(line);
    }
    write(dir.path(), "kutip-besar.csv", &big);
    let start = Instant::now();
    let run = check(&[dir.path()]);
    assert!(
        start.elapsed() < Duration::from_secs(30),
        "took {:?}",
        start.elapsed()
    );
    assert_eq!(run.innovations("baris-10mb.csv").len(), 1, "{}", run.stderr);
    assert!(
        !run.codes("baris-10mb.csv")
            .iter()
            .any(|c| c.starts_with('F'))
    );
    let f = run.assert_file_finding("kutip-besar.csv", "F009");
    assert!(f["message"].as_str().unwrap().contains("baris 3"), "{f}");
    // The rows before the runaway record were still checked.
    assert_eq!(run.innovations("kutip-besar.csv").len(), 1);
}

#[test]
fn utf16_text_is_read_and_a_huge_one_is_f009() {
    let dir = tempfile::tempdir().unwrap();
    // Excel's "Unicode Text": UTF-16LE with a byte-order mark, tab-separated.
    let text = format!(
        "{}\r\nSIPANDU\tDinas Kesehatan\tPenerapan\t17/05/2024\r\n",
        HEADER.replace(';', "\t")
    );
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    write(dir.path(), "unicode.txt.csv", &bytes);
    // It is decoded whole, so a huge one is refused (a sparse file: no disk used).
    let huge = write(dir.path(), "besar.csv", &bytes);
    std::fs::OpenOptions::new()
        .write(true)
        .open(&huge)
        .unwrap()
        .set_len(300 << 20)
        .unwrap();
    let run = check(&[dir.path()]);
    assert_eq!(
        run.innovations("unicode.txt.csv").len(),
        1,
        "{}",
        run.stdout
    );
    run.assert_file_finding("besar.csv", "F009");
}

#[test]
fn cr_only_line_ends_split_rows() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "mac.csv",
        format!("{HEADER}\rSIPANDU;Dinas Kesehatan;Penerapan;17/05/2024\rLumbung Sosial;Dinas Sosial;Uji Coba;03/08/2024\r").as_bytes(),
    );
    let run = check(&[dir.path()]);
    let rows: Vec<_> = run
        .innovations("mac.csv")
        .iter()
        .map(|i| i["row"].as_u64().unwrap())
        .collect();
    assert_eq!(rows, [2, 3], "{}", run.stdout);
    run.assert_others_checked();
}

// ------------------------------------------------------------------ names and folders

#[test]
fn odd_file_names_are_read_and_named_exactly() {
    let dir = tempfile::tempdir().unwrap();
    let good = std::fs::read(GOOD).unwrap();
    let names = [
        "Inovasi Dinas Kesehatan (final) revisi 2.csv",
        "Dinas Pendidikan — inovasi ✓ 2026.csv",
        "dinas:pariwisata*?.csv",
        "CON.csv",
        "nul.csv",
        "aux .csv",
        "lpt1.CSV",
        "akhir titik..csv",
        " spasi depan.csv",
        "dinas\"kutip\"<>|.csv",
        "tab\tdalam.csv",
    ];
    for name in names {
        write(dir.path(), name, &good);
    }
    let run = check(&[dir.path()]);
    for name in names {
        assert_eq!(
            run.innovations(name).len(),
            GOOD_INNOVATIONS,
            "{name:?} not checked:\n{}",
            run.stdout
        );
    }
    assert_eq!(run.code, 1);
}

#[cfg(unix)]
#[test]
fn a_file_name_that_is_not_utf8_is_still_checked() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let good = std::fs::read(GOOD).unwrap();
    write(dir.path(), OsStr::from_bytes(b"dinas-caf\xE9.csv"), &good);
    let run = check(&[dir.path()]);
    assert_eq!(
        run.innovations("dinas-caf\u{FFFD}.csv").len(),
        GOOD_INNOVATIONS,
        "{}",
        run.stdout
    );
    run.assert_others_checked();
}

#[cfg(unix)]
#[test]
fn symlink_loops_and_dangling_links_in_the_input_folder_do_not_hang() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir(d.join("opd")).unwrap();
    std::fs::copy(GOOD, d.join("opd/inovasi.csv")).unwrap();
    std::os::unix::fs::symlink(d, d.join("opd/loop")).unwrap();
    std::os::unix::fs::symlink("a", d.join("b.csv")).unwrap();
    std::os::unix::fs::symlink("b.csv", d.join("a")).unwrap();
    std::os::unix::fs::symlink(d.join("missing.xlsx"), d.join("dangling.xlsx")).unwrap();
    let run = check(&[d]);
    assert_eq!(run.innovations("opd/inovasi.csv").len(), GOOD_INNOVATIONS);
    run.assert_others_checked();
}

#[cfg(unix)]
#[test]
fn a_named_pipe_or_device_given_as_input_does_not_block() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipa.csv");
    let made = Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        return; // no mkfifo here: nothing to test
    }
    let run = check(&[&fifo, Path::new("/dev/zero")]);
    for name in ["pipa.csv", "/dev/zero"] {
        let f = run.assert_file_finding(name, "F016");
        assert_eq!(f["severity"], "warning");
        let what = if name == "pipa.csv" {
            "pipa bernama (FIFO)"
        } else {
            "berkas perangkat"
        };
        assert_eq!(
            f["message"],
            format!("Bukan berkas biasa ({what}); tidak dibaca")
        );
    }
}

#[test]
fn a_missing_input_is_f011_and_the_rest_is_checked() {
    let run = check(&[Path::new("tidak/ada/inovasi.xlsx")]);
    run.assert_file_finding("tidak/ada/inovasi.xlsx", "F011");
}

/// A file that is there, under a path longer than the system's 4,096-byte
/// limit: too long, not missing (F001, not F011), given by name or found
/// in a folder. Built from two chains of folders, each short enough to
/// make, the second moved into the first.
#[cfg(target_os = "linux")]
#[test]
fn a_path_over_the_system_limit_is_too_long_not_missing() {
    let dir = tempfile::tempdir().unwrap();
    let name = "d".repeat(200);
    let chain = |top: &str| -> PathBuf {
        let mut p = dir.path().join(top);
        for _ in 0..12 {
            p.push(&name);
        }
        std::fs::create_dir_all(&p).unwrap();
        p
    };
    let outer = chain("a");
    let inner = chain("b");
    std::fs::copy(GOOD, inner.join("inovasi.csv")).unwrap();
    std::fs::rename(dir.path().join("b"), outer.join("b")).unwrap();
    let long = outer
        .join(inner.strip_prefix(dir.path()).unwrap())
        .join("inovasi.csv");
    assert!(long.as_os_str().len() > 4096);

    for input in [long.as_path(), dir.path()] {
        let run = check(&[input]);
        let found: Vec<&Value> = run.json["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| {
                f["file"]
                    .as_str()
                    .unwrap()
                    .starts_with(&*dir.path().to_string_lossy())
            })
            .collect();
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0]["code"], "F001", "{}", found[0]["message"]);
        let message = found[0]["message"].as_str().unwrap();
        assert!(message.contains("jalurnya terlalu panjang"), "{message}");
        run.assert_others_checked();
    }
}

// ------------------------------------------------------------------ the terminal

/// A file name that, printed raw, retitles the window, clears the screen,
/// overwrites its line and prints a fake finding on the next.
#[cfg(unix)]
const EVIL_NAME: &str = "opd\x1b]0;DIRETAS\x07\x1b[2J\rX\nGALAT      F001 palsu\u{202E}vsc.csv";

/// Cells that, printed raw, hide text, plant a link, overwrite a line and
/// start a new one; then enough plain rows for the file to read as text.
#[cfg(unix)]
fn evil_csv() -> Vec<u8> {
    let mut csv = format!(
        "{HEADER}\n\
         \"Si \x1b[8mTersembunyi\x1b[0m\";\"Dinas\rPalsu\";\
         \"Uji\x1b]8;;http://jahat.example/\x07Coba\";17/05/2024\n\
         \"Baris\nGALAT      F001 palsu\";Dinas Sosial;Penerapan;22/01/2025\n"
    );
    for n in 1..=20 {
        csv.push_str(&format!(
            "Lumbung Desa {n};Dinas Sosial;Penerapan;22/01/2025\n"
        ));
    }
    csv.into_bytes()
}

/// Nothing in `text` can command a terminal, and the ESC, `\r` and newline
/// of the evil name and cells are there as text.
#[cfg(unix)]
fn assert_shown_as_text(text: &str, what: &str) {
    let raw: Vec<char> = text
        .chars()
        .filter(|&c| (c.is_control() && c != '\n') || ('\u{202A}'..='\u{2069}').contains(&c))
        .collect();
    assert!(raw.is_empty(), "{what} prints {raw:?} raw:\n{text}");
    for shown in ["\\u{1b}", "\\r", "\\n", "\\u{202e}"] {
        assert!(
            text.contains(shown),
            "{what} does not show {shown}:\n{text}"
        );
    }
    assert!(
        !text.lines().any(|l| l.starts_with("GALAT      F001 palsu")),
        "{what} prints a line of the file's making:\n{text}"
    );
}

#[cfg(unix)]
#[test]
fn names_and_cells_cannot_command_the_terminal_in_the_table() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), EVIL_NAME, &evil_csv());
    let run = bimtek(&[
        "check".into(),
        "--as-of".into(),
        "2026-11-24".into(),
        dir.path().into(),
    ]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_shown_as_text(&run.stdout, "the table");
    for visible in [
        "\"Uji\\u{1b}]8;;http://jahat.example/\\u{7}Coba\"",
        "opd\\u{1b}]0;DIRETAS\\u{7}\\u{1b}[2J\\rX\\nGALAT",
    ] {
        assert!(
            run.stdout.contains(visible),
            "no {visible}:\n{}",
            run.stdout
        );
    }
    // Indonesian text and accents print as they are.
    let dir = tempfile::tempdir().unwrap();
    let plain = write(
        dir.path(),
        "Dinas Pariwisata — inovasi ✓.csv",
        format!("{HEADER}\nKafé Budaya;Dinas Pariwisata;Penerapan;17/05/2024\n").as_bytes(),
    );
    let run = bimtek(&["check".into(), plain.into()]);
    assert!(
        run.stdout.contains("Dinas Pariwisata — inovasi ✓.csv"),
        "{}",
        run.stdout
    );
}

#[cfg(unix)]
#[test]
fn names_and_cells_cannot_command_the_terminal_in_show() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), EVIL_NAME, &evil_csv());
    let run = bimtek(&["show".into(), "2".into(), dir.path().into()]);
    assert_eq!(run.code, 1, "{}\n{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains("Si \\u{1b}[8mTersembunyi"),
        "{}",
        run.stdout
    );
    assert_shown_as_text(&run.stdout, "the card");
    // Several matches: the names listed in the error are one line each.
    let run = bimtek(&["show".into(), "i".into(), dir.path().into()]);
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert!(run.stderr.contains("\\rX\\nGALAT"), "{}", run.stderr);
    assert!(
        !run.stderr.lines().any(|l| l.starts_with("GALAT")),
        "{}",
        run.stderr
    );
}

#[cfg(unix)]
#[test]
fn an_error_naming_a_hostile_file_cannot_command_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir
        .path()
        .join("templat\x1b]0;DIRETAS\x07\x1b[2J\r\nGALAT      F001 palsu.toml");
    let run = bimtek(&["template".into(), "check".into(), missing.into()]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("templat\\u{1b}]0;DIRETAS\\u{7}\\u{1b}[2J\\r\\nGALAT      F001 palsu.toml"),
        "{}",
        run.stderr
    );
    assert!(
        !run.stderr.contains(['\x1b', '\x07', '\r']),
        "{:?}",
        run.stderr
    );
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    // So is a folder given to --evidence, and a --baseline.
    for flag in ["--evidence", "--baseline"] {
        let run = bimtek(&[
            "check".into(),
            flag.into(),
            dir.path().join("bukti\x1b[2J\nGALAT palsu").into(),
            GOOD.into(),
        ]);
        assert_eq!(run.code, 2, "{}", run.stderr);
        assert!(
            run.stderr.contains("bukti\\u{1b}[2J\\nGALAT"),
            "{}",
            run.stderr
        );
        assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    }
    // A value of ours in a flag, and the syntax errors (in Bahasa
    // Indonesia by bimtek, in English by clap) that repeat a value as typed.
    for (lang, flag, shown) in [
        ("id", "--as-of", "\\u{1b}[2Jkemarin\\r"),
        ("id", "--fail-on", "\\u{1b}[2Jkemarin\\r"),
        ("en", "--fail-on", "kemarin\\r"),
    ] {
        let run = bimtek(&[
            "--lang".into(),
            lang.into(),
            "check".into(),
            flag.into(),
            "\x1b[2Jkemarin\r".into(),
            GOOD.into(),
        ]);
        assert_eq!(run.code, 2, "{}", run.stderr);
        assert!(run.stderr.contains(shown), "{flag} {lang}: {}", run.stderr);
        assert!(!run.stderr.contains(['\x1b', '\r']), "{:?}", run.stderr);
    }
}

// ------------------------------------------------------------------ arguments

/// `--baseline YEAR=FILE` with a year that is not four digits says so,
/// even when the file is there; a file whose own name starts with digits
/// and `=` is still a file.
#[test]
fn a_baseline_year_that_is_not_a_year_is_said_to_be() {
    let dir = tempfile::tempdir().unwrap();
    let portal = write(dir.path(), "portal.csv", &std::fs::read(GOOD).unwrap());
    for year in ["99999999999", "25", "0"] {
        let mut arg = OsString::from(format!("{year}="));
        arg.push(&portal);
        let run = bimtek(&["check".into(), "--baseline".into(), arg, GOOD.into()]);
        assert_eq!(run.code, 2, "{}", run.stderr);
        assert!(
            run.stderr.contains(&format!("\"{year}\" bukan tahun")),
            "{}",
            run.stderr
        );
        assert!(!run.stderr.contains("tidak ditemukan"), "{}", run.stderr);
    }
    // Given by its name, from its folder.
    write(dir.path(), "12=portal.csv", &std::fs::read(GOOD).unwrap());
    let out = Command::new(env!("CARGO_BIN_EXE_bimtek"))
        .current_dir(dir.path())
        .args(["check", "--format", "json", "--baseline", "12=portal.csv"])
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join(GOOD))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
}

// ------------------------------------------------------------------ templates

/// A NaN, infinite or negative weight, limit or threshold in a template is
/// refused where it is written, by `template check` and by `check
/// --template` alike; it never reaches the scores (NaN, `null` in JSON).
#[test]
fn template_numbers_that_are_nan_infinite_or_negative_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let head = "[template]\nid = \"x\"\nname = \"X\"\nyear = 2026\nextends = \"iid-2026\"\n\n";
    let indicator = |weight: &str, max_mb: &str| {
        format!(
            "{head}[[indicator]]\nno = 1\nname = \"Regulasi\"\nweight = {weight}\n\
             params = [\"a\", \"b\", \"c\"]\nmax_mb = {max_mb}\n"
        )
    };
    // (template, line:column of the number, what the message names)
    let cases = [
        (indicator("nan", "2"), "10:10", "indicator.weight = NaN"),
        (indicator("inf", "2"), "10:10", "indicator.weight = inf"),
        (indicator("-3", "2"), "10:10", "indicator.weight = -3"),
        (indicator("3", "-1.5"), "12:10", "indicator.max_mb = -1.5"),
        (
            format!("{head}[portal]\nmatch_threshold = nan\n"),
            "8:19",
            "portal.match_threshold = NaN",
        ),
        (
            format!("{head}[portal]\nmatch_threshold = 1.5\n"),
            "8:19",
            "portal.match_threshold = 1.5",
        ),
        (
            format!("{head}[settings]\nsuggest_threshold = -0.1\n"),
            "8:21",
            "settings.suggest_threshold = -0.1",
        ),
        (
            format!("{head}[settings]\ncoordinate_bounds = [-11.5, nan, 94.5, 141.5]\n"),
            "8:21",
            "settings.coordinate_bounds = NaN",
        ),
        (
            format!("{head}[evidence]\ndefault_max_mb = -inf\n"),
            "8:18",
            "evidence.default_max_mb = -inf",
        ),
        (
            format!(
                "{head}[scoring]\nspd_max = 63\nsid_max = nan\ncount_per_innovation = 1\n\
                 count_cap = 20\ntotal_max = 100\ndivisor_min = 20\nyandas_min = 6\nyandas = []\n"
            ),
            "9:11",
            "scoring.sid_max = NaN",
        ),
        (
            format!(
                "{head}[scoring]\nspd_max = 63\nsid_max = 37\ncount_per_innovation = 1\n\
                 count_cap = 20\ntotal_max = 100\ndivisor_min = 20\nyandas_min = 6\nyandas = []\n\n\
                 [[scoring.predicate]]\nname = \"Sangat Inovatif\"\nmin = -inf\n"
            ),
            "19:7",
            "scoring.predicate.min = -inf",
        ),
    ];
    for (n, (text, at, what)) in cases.iter().enumerate() {
        let file = write(dir.path(), format!("angka-{n}.toml"), text.as_bytes());
        let place = format!("angka-{n}.toml:{at}: {what}:");
        let run = bimtek(&["template".into(), "check".into(), file.clone().into()]);
        assert_eq!(run.code, 1, "{what}: {}", run.stdout);
        assert!(run.stdout.contains(&place), "{place}\n{}", run.stdout);
        let run = bimtek(&[
            "check".into(),
            "--format".into(),
            "json".into(),
            "--template".into(),
            file.into(),
            GOOD.into(),
        ]);
        assert_eq!(run.code, 2, "{what}: {}", run.stdout);
        assert!(run.stdout.is_empty(), "{}", run.stdout);
        assert!(run.stderr.contains(&place), "{place}\n{}", run.stderr);
    }
    // Zero and the ends of a threshold are numbers like any other.
    let fine = write(
        dir.path(),
        "nol.toml",
        format!("{}[portal]\nmatch_threshold = 1.0\n", indicator("0", "0")).as_bytes(),
    );
    let run = bimtek(&["template".into(), "check".into(), fine.into()]);
    assert_eq!(run.code, 0, "{}", run.stdout);
}

// ------------------------------------------------------------------ guarantees

/// Every file under `dir`, with its bytes.
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let entry = entry.unwrap();
            let ft = entry.file_type().unwrap();
            if ft.is_dir() {
                stack.push(entry.path());
            } else if ft.is_file() {
                out.push((entry.path(), std::fs::read(entry.path()).unwrap()));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn inputs_are_byte_identical_after_check() {
    let dir = tempfile::tempdir().unwrap();
    for sub in ["load", "hostile"] {
        let to = dir.path().join(sub);
        std::fs::create_dir(&to).unwrap();
        for entry in std::fs::read_dir(fixture(sub)).unwrap() {
            let entry = entry.unwrap();
            std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
        }
    }
    let before = snapshot(dir.path());
    assert!(before.len() > 20);
    let run = check(&[dir.path()]);
    run.assert_others_checked();
    let after = snapshot(dir.path());
    assert_eq!(before.len(), after.len(), "files were added or removed");
    for ((p, a), (q, b)) in before.iter().zip(&after) {
        assert_eq!(p, q);
        assert!(a == b, "{} changed", p.display());
    }
}

#[test]
fn exit_codes_follow_the_readme_table() {
    // Findings at or above --fail-on: 1; below it, or never: 0.
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "kosong.xlsx", b"");
    assert_eq!(check(&[dir.path()]).code, 1);
    assert_eq!(check_with(&[dir.path()], &["--fail-on", "never"]).code, 0);
    // A clean CSV named .xlsx: one warning (F007), and the run's one that it
    // gives no evidence (E018); nothing worse.
    let warned = write(
        dir.path(),
        "ok-csv-named.xlsx",
        &std::fs::read(fixture("codes/F009/ok.csv")).unwrap(),
    );
    let run_on = |extra: &[&str]| {
        let mut args: Vec<OsString> = ["check", "--format", "json", "--as-of", "2026-11-24"]
            .iter()
            .chain(extra)
            .map(OsString::from)
            .collect();
        args.push(warned.clone().into_os_string());
        bimtek(&args)
    };
    let run = run_on(&[]);
    assert_eq!(
        run.codes("ok-csv-named.xlsx"),
        ["E018", "F007"],
        "{}",
        run.stdout
    );
    assert_eq!(run.code, 0);
    assert_eq!(run_on(&["--fail-on", "warning"]).code, 1);
    // The tool could not run: 2, with a message on stderr and no report.
    let bad_template = write(dir.path(), "rusak.toml", b"id = [");
    let run = bimtek(&[
        "check".into(),
        "--format".into(),
        "json".into(),
        "--template".into(),
        bad_template.into_os_string(),
        GOOD.into(),
    ]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stdout.is_empty() && !run.stderr.is_empty());
    let run = bimtek(&["check".into(), "--no-such-flag".into(), GOOD.into()]);
    assert_eq!(run.code, 2, "{}", run.stderr);
}

/// An .xls whose first DIMENSIONS record (BIFF8, 14 bytes of data) is
/// patched to span `rows` x `cols`.
fn xls_with_dimensions(rows: u32, cols: u16) -> Vec<u8> {
    let mut bytes = std::fs::read(fixture("load/sample.xls")).unwrap();
    let at = bytes
        .windows(4)
        .position(|w| w == [0x00, 0x02, 0x0E, 0x00])
        .expect("a DIMENSIONS record")
        + 4;
    bytes[at..at + 4].copy_from_slice(&0u32.to_le_bytes());
    bytes[at + 4..at + 8].copy_from_slice(&rows.to_le_bytes());
    bytes[at + 8..at + 10].copy_from_slice(&0u16.to_le_bytes());
    bytes[at + 10..at + 12].copy_from_slice(&cols.to_le_bytes());
    bytes
}

/// "Safe at the edges": calamine made room for every cell a patched
/// DIMENSIONS record spans (11 PB) and the allocation aborted the whole
/// run; now the file is F009 and the others are checked.
#[test]
fn xls_whose_dimensions_span_petabytes_is_f009() {
    let dir = tempfile::tempdir().unwrap();
    let huge = write(
        dir.path(),
        "dimensi.xls",
        &xls_with_dimensions(0xFFFF_FFF0, 0xFFFF),
    );
    // Wrapping: the last row before the first, as calamine subtracts.
    let mut bytes = xls_with_dimensions(3, 4);
    let at = bytes
        .windows(4)
        .position(|w| w == [0x00, 0x02, 0x0E, 0x00])
        .unwrap()
        + 4;
    bytes[at..at + 4].copy_from_slice(&10u32.to_le_bytes());
    let wrapped = write(dir.path(), "terbalik.xls", &bytes);
    // BIFF8's whole grid is still read.
    let whole = write(dir.path(), "penuh.xls", &xls_with_dimensions(65_536, 256));
    let good = fixture("load/sample.xls");
    let run = check(&[&huge, &wrapped, &whole, &good]);
    for name in ["dimensi.xls", "terbalik.xls"] {
        let f = run.assert_file_finding(name, "F009");
        assert!(
            f["message"].as_str().unwrap().contains("kolom"),
            "{name}: {f}"
        );
    }
    assert!(
        !run.innovations("penuh.xls").is_empty(),
        "{:?}",
        run.codes("penuh.xls")
    );
    assert!(!run.innovations("sample.xls").is_empty());
}

/// "Safe at the edges": one attribute of 900 MB in a 6 MB workbook took
/// 2 GB. A tag, a text or a cell value over 16 MiB is now F009, wherever
/// it is: a sheet's attribute (bimtek's reader), the shared strings (whose
/// reader hands the workbook to calamine, which is checked first), or
/// rich-text runs each under the limit that join past it.
#[test]
fn a_value_longer_than_16_mib_is_f009() {
    const LONG: usize = 17 << 20;
    let dir = tempfile::tempdir().unwrap();
    let letters: String = "inovasi daerah ".repeat(LONG / 15 + 1);
    let sheet_with = |extra: &str| {
        let sheet = format!(
            r#"<worksheet xmlns="{MAIN_NS}"><sheetData>{}{extra}</sheetData></worksheet>"#,
            small_sheet()
        );
        let mut entries = package(ONE_SHEET);
        entries.push(stored("xl/worksheets/sheet1.xml", sheet.as_bytes()));
        entries
    };
    let attribute = sheet_with(&format!(
        r#"<row r="4"><c r="A4" x="{letters}"><v>1</v></c></row>"#
    ));
    write(dir.path(), "atribut.xlsx", &zip(&attribute));
    let half = &letters[..LONG / 2 + 1024];
    let runs = sheet_with(&format!(
        r#"<row r="4"><c r="A4" t="inlineStr"><is><r><t>{half}</t></r><r><t>{half}</t></r></is></c></row>"#
    ));
    write(dir.path(), "runtun.xlsx", &zip(&runs));
    let mut shared = sheet_with("");
    shared.push(stored(
        "xl/sharedStrings.xml",
        format!(r#"<sst xmlns="{MAIN_NS}"><si><t>{letters}</t></si></sst>"#).as_bytes(),
    ));
    write(dir.path(), "bersama.xlsx", &zip(&shared));
    let run = check(&[dir.path()]);
    for name in ["atribut.xlsx", "runtun.xlsx", "bersama.xlsx"] {
        let f = run.assert_file_finding(name, "F009");
        let message = f["message"].as_str().unwrap();
        assert!(
            message.contains("lebih panjang dari 16,0 MiB"),
            "{name}: {message}"
        );
    }
}

/// A workbook's package around `sheets` (name, part) pairs, each with its
/// own relationship, and the parts themselves.
fn workbook_of(sheets: &[(String, String)], parts: &[(String, String)]) -> Vec<u8> {
    let mut list = String::new();
    let mut rels = String::new();
    for (i, (name, part)) in sheets.iter().enumerate() {
        list.push_str(&format!(
            r#"<sheet name="{name}" sheetId="{}" r:id="rId{i}"/>"#,
            i + 1
        ));
        rels.push_str(&format!(
            r#"<Relationship Id="rId{i}" Type="{REL_NS}/worksheet" Target="{part}"/>"#
        ));
    }
    let mut entries = package(&list);
    entries.retain(|e| e.name != "xl/_rels/workbook.xml.rels");
    entries.push(stored(
        "xl/_rels/workbook.xml.rels",
        format!(r#"<Relationships xmlns="{PKG_REL_NS}">{rels}</Relationships>"#).as_bytes(),
    ));
    for (name, xml) in parts {
        let sheet =
            format!(r#"<worksheet xmlns="{MAIN_NS}"><sheetData>{xml}</sheetData></worksheet>"#);
        entries.push(deflated(&format!("xl/{name}"), sheet.as_bytes()));
    }
    zip(&entries)
}

/// "Safe at the edges": 4,000 sheet entries naming one part took 82 s,
/// reading the part 4,000 times. Each part is read once now, at most 500
/// sheets are read, and F019 says what was left.
#[test]
fn sheets_naming_one_part_are_read_once_and_sheets_past_500_are_f019() {
    let dir = tempfile::tempdir().unwrap();
    let one: Vec<(String, String)> = (0..4000)
        .map(|i| (format!("Data {i}"), "worksheets/sheet1.xml".to_string()))
        .collect();
    let bytes = workbook_of(&one, &[("worksheets/sheet1.xml".into(), small_sheet())]);
    write(dir.path(), "berulang.xlsx", &bytes);
    let many: Vec<(String, String)> = (0..510)
        .map(|i| (format!("Data {i}"), format!("worksheets/sheet{i}.xml")))
        .collect();
    let parts: Vec<(String, String)> = (0..510)
        .map(|i| {
            (
                format!("worksheets/sheet{i}.xml"),
                [
                    row_xml(1, &header_cells()),
                    row_xml(
                        2,
                        &[
                            &format!("Inovasi {i}"),
                            "Dinas Sosial",
                            "Uji Coba",
                            "03/08/2024",
                        ],
                    ),
                ]
                .concat(),
            )
        })
        .collect();
    write(dir.path(), "banyak.xlsx", &workbook_of(&many, &parts));
    let start = Instant::now();
    let run = check(&[dir.path()]);
    assert!(
        start.elapsed() < Duration::from_secs(60),
        "{:?}",
        start.elapsed()
    );
    assert_eq!(run.innovations("berulang.xlsx").len(), 2);
    let f = run.finding("berulang.xlsx", "F019");
    let message = f["message"].as_str().unwrap();
    assert!(
        message.contains("3999 lembar menunjuk isi yang sudah dibaca"),
        "{message}"
    );
    assert!(message.contains("\"Data 1\""), "{message}");
    assert_eq!(run.innovations("banyak.xlsx").len(), 500);
    let f = run.finding("banyak.xlsx", "F019");
    let message = f["message"].as_str().unwrap();
    assert!(
        message.contains("10 lembar melewati batas 500"),
        "{message}"
    );
    run.assert_others_checked();
}

/// "Safe at the edges": rows numbered 2, 3, 2 in a sheet's XML merged two
/// innovations. Every row is read now, and the repeated number is F018 on
/// it, whether the rows are apart or one after the other.
#[test]
fn two_rows_with_one_number_are_both_read_and_f018() {
    let dir = tempfile::tempdir().unwrap();
    let first = ["SIPANDU", "Dinas Kesehatan", "Penerapan", "17/05/2024"];
    let second = ["Lumbung Sosial", "Dinas Sosial", "Uji Coba", "03/08/2024"];
    let third = ["Kampung KB", "Dinas Sosial", "Uji Coba", "03/09/2024"];
    let apart = [
        row_xml(1, &header_cells()),
        row_xml(2, &first),
        row_xml(3, &second),
        row_xml(2, &third),
    ]
    .concat();
    write(dir.path(), "terpisah.xlsx", &xlsx(&apart));
    let together = [
        row_xml(1, &header_cells()),
        row_xml(2, &first),
        row_xml(2, &third),
    ]
    .concat();
    write(dir.path(), "berurutan.xlsx", &xlsx(&together));
    let run = check(&[dir.path()]);
    let names = |file: &str| -> Vec<String> {
        let mut names: Vec<String> = run
            .innovations(file)
            .iter()
            .map(|i| i["name"].as_str().unwrap().to_string())
            .collect();
        names.sort();
        names
    };
    assert_eq!(
        names("terpisah.xlsx"),
        ["Kampung KB", "Lumbung Sosial", "SIPANDU"]
    );
    assert_eq!(names("berurutan.xlsx"), ["Kampung KB", "SIPANDU"]);
    for (file, after) in [("terpisah.xlsx", 3), ("berurutan.xlsx", 2)] {
        let f = run.finding(file, "F018");
        assert_eq!(f["row"], 2, "{f}");
        assert_eq!(f["sheet"], "Data", "{f}");
        assert!(
            f["message"]
                .as_str()
                .unwrap()
                .contains(&format!("sesudah baris {after}")),
            "{f}"
        );
        assert_eq!(run.codes(file).iter().filter(|c| **c == "F018").count(), 1);
    }
    run.assert_others_checked();
}

/// Set the "encrypted" flag of every entry, as ZipCrypto leaves it.
fn flag_encrypted(mut bytes: Vec<u8>) -> Vec<u8> {
    for (signature, flags) in [(b"PK\x03\x04", 6), (b"PK\x01\x02", 8)] {
        let starts: Vec<usize> = bytes
            .windows(4)
            .enumerate()
            .filter(|(_, w)| w == signature)
            .map(|(i, _)| i)
            .collect();
        for at in starts {
            bytes[at + flags] |= 1;
        }
    }
    bytes
}

/// "Safe at the edges": a ZipCrypto xlsx is F002 as the README says (it
/// was F001); a part compressed with bzip2 or LZMA is "unsupported
/// compression", not damage; and two entries of one name (which reader
/// sees which?) are damage, not the later copy read silently.
#[test]
fn zipcrypto_is_f002_odd_compression_is_named_and_doubled_entries_are_f001() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "sandi.xlsx",
        &flag_encrypted(xlsx(&small_sheet())),
    );
    for (name, method) in [("bzip2.xlsx", 12), ("lzma.xlsx", 14)] {
        let mut entries = package(ONE_SHEET);
        let mut sheet = stored("xl/worksheets/sheet1.xml", small_sheet().as_bytes());
        sheet.method = method;
        entries.push(sheet);
        write(dir.path(), name, &zip(&entries));
    }
    let mut entries = package(ONE_SHEET);
    entries.push(stored(
        "xl/worksheets/sheet1.xml",
        format!(
            r#"<worksheet xmlns="{MAIN_NS}"><sheetData>{}</sheetData></worksheet>"#,
            small_sheet()
        )
        .as_bytes(),
    ));
    entries.push(stored(
        "xl/worksheets/sheet1.xml",
        format!(
            r#"<worksheet xmlns="{MAIN_NS}"><sheetData>{}</sheetData></worksheet>"#,
            row_xml(1, &header_cells())
        )
        .as_bytes(),
    ));
    write(dir.path(), "kembar.xlsx", &zip(&entries));
    let run = check(&[dir.path()]);
    run.assert_file_finding("sandi.xlsx", "F002");
    for (name, method) in [("bzip2.xlsx", "bzip2"), ("lzma.xlsx", "lzma")] {
        let f = run.assert_file_finding(name, "F001");
        let message = f["message"].as_str().unwrap().to_lowercase();
        assert!(
            message.contains("metode yang tidak didukung") && message.contains(method),
            "{name}: {message}"
        );
        assert!(!message.contains("rusak"), "{name}: {message}");
    }
    let f = run.assert_file_finding("kembar.xlsx", "F001");
    assert!(f["message"].as_str().unwrap().contains("same name"), "{f}");
    assert!(run.innovations("kembar.xlsx").is_empty());
}

/// Found by `cargo fuzz run workbook` ("Safe at the edges", the .xls
/// mode): the DIMENSIONS record overwritten by a BoolErr cell in row 2,053,
/// column 27,770 made calamine fill a dense grid of 1.8 GB. The cells'
/// reach is checked like the DIMENSIONS now.
#[test]
fn xls_cell_in_a_far_column_is_f009_not_a_huge_grid() {
    let mut bytes = std::fs::read(fixture("load/sample.xls")).unwrap();
    let at = bytes
        .windows(4)
        .position(|w| w == [0x00, 0x02, 0x0E, 0x00])
        .unwrap();
    let patch = [5, 2, 14, 0, 4, 8, 121, 108, 47, 119, 0];
    bytes[at..at + patch.len()].copy_from_slice(&patch);
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "sel-jauh.xls", &bytes);
    let run = check(&[&path]);
    let f = run.assert_file_finding("sel-jauh.xls", "F009");
    assert!(
        f["message"]
            .as_str()
            .unwrap()
            .contains("2.053 baris x 27.770 kolom"),
        "{f}"
    );
}

/// Issue 27 ("Safe at the edges"): the cap per file let a folder of many
/// small files list files x 5,000 findings of a code (98 CSVs of 0.5 MB
/// took 3.6 GB). Over the whole run at most `max_findings_per_code_in_run`
/// of one code are listed, earlier files first; each file's F017 says how
/// many more it had, and every innovation's counts stay those of the run
/// without caps.
#[test]
fn issue_27_a_folder_of_small_files_lists_at_most_the_run_cap_of_a_code() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("opd");
    std::fs::create_dir(&data).unwrap();
    // Six files of four rows, each row one V001 (a wrong stage).
    for file in 0..6 {
        let mut csv = format!("{HEADER}\n");
        for row in 0..4 {
            csv.push_str(&format!(
                "Inovasi {file}-{row};Dinas {file};zz;17/05/2024\n"
            ));
        }
        write(&data, format!("dinas-{file}.csv"), csv.as_bytes());
    }
    let template = |file: u32, run: u32| {
        let path = dir.path().join(format!("cap-{file}-{run}.toml"));
        let toml = format!(
            "[template]\nid = \"cap\"\nname = \"cap\"\nyear = 2026\nextends = \"iid-2026\"\n\n\
             [settings]\nmax_findings_per_code = {file}\nmax_findings_per_code_in_run = {run}\n"
        );
        std::fs::write(&path, toml).unwrap();
        path
    };
    let run_with = |t: &Path| {
        bimtek(&[
            "check".into(),
            "--format".into(),
            "json".into(),
            "--lang".into(),
            "en".into(),
            "--as-of".into(),
            "2026-11-24".into(),
            "--template".into(),
            t.as_os_str().to_owned(),
            data.as_os_str().to_owned(),
        ])
    };
    let (all, capped) = (run_with(&template(0, 0)), run_with(&template(3, 7)));
    let counts = |r: &Run| -> Vec<(String, Value, Value, Value)> {
        r.json["innovations"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| {
                let id = i["id"].as_str().unwrap().to_string();
                (
                    id,
                    i["errors"].clone(),
                    i["warnings"].clone(),
                    i["status"].clone(),
                )
            })
            .collect()
    };
    assert_eq!(counts(&all).len(), 24);
    assert_eq!(counts(&capped), counts(&all));
    let listed = |r: &Run, file: usize, code: &str| -> Vec<String> {
        r.json["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| {
                f["code"] == code
                    && names(f["file"].as_str().unwrap(), &format!("dinas-{file}.csv"))
            })
            .map(|f| f["message"].as_str().unwrap().to_string())
            .collect()
    };
    let v001 = |r: &Run| {
        (0..6)
            .map(|k| listed(r, k, "V001").len())
            .collect::<Vec<_>>()
    };
    assert_eq!(v001(&all), [4, 4, 4, 4, 4, 4]);
    // Three per file, then what the first files left of the seven.
    assert_eq!(v001(&capped), [3, 3, 1, 0, 0, 0]);
    let per_file = "1 more V001 findings in this file are not listed (limit 3 per code per file); \
                    they still count for their innovations";
    let run_wide = |more: u32| {
        format!(
            "{more} more V001 findings in this file are not listed (limit 7 per code in the \
             whole run, earlier files first); they still count for their innovations"
        )
    };
    // (The missing columns' H002, thirteen a file, are capped alike.)
    let told: Vec<Vec<String>> = (0..6)
        .map(|k| {
            let mut told = listed(&capped, k, "F017");
            told.retain(|m| m.contains(" V001 "));
            told
        })
        .collect();
    assert_eq!(told[0], [per_file]);
    assert_eq!(told[1], [per_file]);
    assert_eq!(told[2], [run_wide(3)]);
    for (k, told) in told.iter().enumerate().skip(3) {
        assert_eq!(told, &[run_wide(4)], "dinas-{k}.csv");
    }
    assert!((0..6).all(|k| listed(&all, k, "F017").is_empty()));
}

/// Issue 27 ("Safe at the edges"): a 50 MB CSV of rows of a few bytes is
/// millions of innovations, more than any record of them fits in 300 MB.
/// A run checks at most `max_innovations_in_run`, earlier files first,
/// whichever file its threads finish first: the rows past it are not
/// innovations (not checked, listed or exported), and each file with rows
/// not checked has one F020, an error of its agency, naming the row where
/// checking stopped and how many rows were not checked.
#[test]
fn issue_27_rows_past_the_run_innovation_cap_are_not_checked_and_f020_says_where() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("opd");
    std::fs::create_dir(&data).unwrap();
    // Four files of 3,000 rows: large enough that two are read at once.
    for file in 0..4 {
        let mut csv = format!("{HEADER}\n");
        for row in 0..3_000 {
            csv.push_str(&format!(
                "Inovasi {file}-{row};Dinas {file};Penerapan;17/05/2024\n"
            ));
        }
        write(&data, format!("dinas-{file}.csv"), csv.as_bytes());
    }
    let run_as =
        |format: &str| check_under(dir.path(), "max_innovations_in_run = 7000", &data, format);
    let run = run_as("json");
    assert_eq!(run.code, 1, "{}", run.stderr);
    let rows: Vec<usize> = (0..4)
        .map(|k| run.innovations(&format!("dinas-{k}.csv")).len())
        .collect();
    assert_eq!(rows, [3_000, 3_000, 1_000, 0]);
    assert_eq!(run.json["summary"]["innovations"], 7_000);
    // The rows checked are the first of the file where checking stopped.
    let last = run.innovations("dinas-2.csv").last().unwrap()["row"].clone();
    assert_eq!(last, 1_001);
    let stops: Vec<(String, Value, String, String, String)> = (0..4)
        .flat_map(|k| run.findings(&format!("dinas-{k}.csv")))
        .filter(|f| f["code"] == "F020")
        .map(|f| {
            let file = f["file"].as_str().unwrap();
            let name = Path::new(file).file_name().unwrap().to_str().unwrap();
            (
                name.to_string(),
                f["row"].clone(),
                f["severity"].as_str().unwrap().to_string(),
                f["agency"].as_str().unwrap_or("").to_string(),
                f["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let stop = |file: usize, row: u32, rows: &str| {
        (
            format!("dinas-{file}.csv"),
            Value::from(row),
            "error".to_string(),
            format!("Dinas {file}"),
            format!(
                "Checking stopped at this row: the limit of 7,000 innovations in one run was \
                 reached, and {rows} rows of this file from this row on were not checked"
            ),
        )
    };
    assert_eq!(stops, [stop(2, 1_002, "2,000"), stop(3, 2, "3,000")]);
    // A file none of whose rows were checked is not "only a header".
    assert!(!run.codes("dinas-3.csv").contains(&"F003"));
    // However the threads ran, the same rows: the JSON is the same bytes.
    for _ in 0..2 {
        assert_eq!(run_as("json").stdout, run.stdout);
    }
    // The table and the CSV report tell it too.
    let table = run_as("table");
    assert!(table.stdout.contains("F020"), "{}", table.stdout);
    let csv = run_as("csv");
    assert_eq!(csv.stdout.matches("F020").count(), 2, "{}", csv.stdout);
}

/// `bimtek check --format FORMAT --lang en --as-of 2026-11-24 --template
/// TEMPLATE DATA`, where TEMPLATE is iid-2026 with `settings` added.
fn check_under(dir: &Path, settings: &str, data: &Path, format: &str) -> Run {
    let template = dir.join("limit.toml");
    std::fs::write(
        &template,
        format!(
            "[template]\nid = \"limit\"\nname = \"limit\"\nyear = 2026\nextends = \"iid-2026\"\n\n\
             [settings]\n{settings}\n"
        ),
    )
    .unwrap();
    bimtek(&[
        "check".into(),
        "--format".into(),
        format.into(),
        "--lang".into(),
        "en".into(),
        "--as-of".into(),
        "2026-11-24".into(),
        "--template".into(),
        template.as_os_str().to_owned(),
        data.as_os_str().to_owned(),
    ])
}

/// The F020 and F021 findings of a run: (file name, row, severity, agency,
/// message).
fn stops(run: &Run) -> Vec<(String, Value, String, String, String)> {
    run.json["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["code"] == "F020" || f["code"] == "F021")
        .map(|f| {
            let file = f["file"].as_str().unwrap();
            let name = Path::new(file).file_name().unwrap().to_str().unwrap();
            (
                name.to_string(),
                f["row"].clone(),
                f["severity"].as_str().unwrap().to_string(),
                f["agency"].as_str().unwrap_or("").to_string(),
                format!(
                    "{} {}",
                    f["code"].as_str().unwrap(),
                    f["message"].as_str().unwrap()
                ),
            )
        })
        .collect()
}

/// Issue 27 ("Safe at the edges"): a 50 MB CSV of evidence rows of a few
/// bytes is millions of statements. A run keeps at most
/// `max_statements_in_run`, earlier files first, whichever file its threads
/// finish first: a file stops at the first evidence row that does not fit,
/// that row and the rest of the file are not checked, and its F021, an
/// error of the row's agency, names the row and how many rows were not
/// checked.
#[test]
fn issue_27_evidence_rows_past_the_run_statement_cap_are_not_checked_and_f021_says_where() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("opd");
    std::fs::create_dir(&data).unwrap();
    write(
        &data,
        "inovasi.csv",
        format!("{HEADER}\nInovasi A;Dinas A;Penerapan;17/05/2024\n").as_bytes(),
    );
    // Three evidence files of 3,000 rows, each naming a file not there
    // (one E003 a statement kept).
    for file in 0..3 {
        let mut csv = String::from("Nama Inovasi;Perangkat Daerah;Indikator;Parameter;File\n");
        for _ in 0..3_000 {
            csv.push_str(&format!("Inovasi A;Dinas {file};1;1;sk-{file}.pdf\n"));
        }
        write(&data, format!("bukti-{file}.csv"), csv.as_bytes());
    }
    let settings = "max_statements_in_run = 4000";
    let run = check_under(dir.path(), settings, &data, "json");
    assert_eq!(run.code, 1, "{}", run.stderr);
    let kept: Vec<usize> = (0..3)
        .map(|k| {
            let file = format!("bukti-{k}.csv");
            run.findings(&file)
                .iter()
                .filter(|f| f["code"] == "E003")
                .count()
        })
        .collect();
    assert_eq!(kept, [3_000, 1_000, 0]);
    assert_eq!(run.innovations("inovasi.csv").len(), 1);
    let stop = |file: usize, row: u32, rows: &str| {
        (
            format!("bukti-{file}.csv"),
            Value::from(row),
            "error".to_string(),
            format!("Dinas {file}"),
            format!(
                "F021 Checking stopped at this row: the limit of 4,000 evidence statements in one \
                 run was reached, and {rows} rows of this file from this row on were not checked"
            ),
        )
    };
    assert_eq!(stops(&run), [stop(1, 1_002, "2,000"), stop(2, 2, "3,000")]);
    // However the threads ran, the same rows: the JSON is the same bytes.
    for _ in 0..2 {
        assert_eq!(
            check_under(dir.path(), settings, &data, "json").stdout,
            run.stdout
        );
    }
    let csv = check_under(dir.path(), settings, &data, "csv");
    assert_eq!(csv.stdout.matches("F021").count(), 2, "{}", csv.stdout);
    // 0: no limit.
    let all = check_under(dir.path(), "max_statements_in_run = 0", &data, "json");
    assert_eq!(stops(&all), []);
    let e003 = |k: usize| {
        let file = format!("bukti-{k}.csv");
        all.findings(&file)
            .iter()
            .filter(|f| f["code"] == "E003")
            .count()
    };
    assert_eq!((e003(0), e003(1), e003(2)), (3_000, 3_000, 3_000));
}

/// Issue 27: a profile row's `Indikator N` cells are one statement per
/// indicator, kept whole with the row or not at all, so that no innovation
/// is checked on part of its evidence: the first row whose statements do
/// not fit is not checked, nor any row after it, even one that would fit.
#[test]
fn issue_27_a_profile_row_whose_indicator_cells_do_not_fit_is_not_checked() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("opd");
    std::fs::create_dir(&data).unwrap();
    let head = format!(
        "{HEADER};Indikator 1 Bukti;Indikator 1 Parameter;Indikator 2 Bukti;Indikator 3 Bukti"
    );
    let row = |name: &str, cells: &str| format!("{name};Dinas A;Penerapan;17/05/2024;{cells}\n");
    let csv = [
        head + "\n",
        // Three statements (indicator 1's two cells are one).
        row("Inovasi A", "a.pdf;1;b.pdf;c.pdf"),
        // Three more: two are left, so the row is not checked.
        row("Inovasi B", "a.pdf;;b.pdf;c.pdf"),
        // One would fit, but checking stopped.
        row("Inovasi C", "a.pdf;;;"),
    ]
    .concat();
    write(&data, "inovasi.csv", csv.as_bytes());
    let run = check_under(dir.path(), "max_statements_in_run = 5", &data, "json");
    assert_eq!(run.code, 1, "{}", run.stderr);
    let names: Vec<&str> = (run.innovations("inovasi.csv").iter())
        .map(|i| i["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Inovasi A"]);
    let stop = (
        "inovasi.csv".to_string(),
        Value::from(3),
        "error".to_string(),
        "Dinas A".to_string(),
        "F021 Checking stopped at this row: the limit of 5 evidence statements in one run was \
         reached, and 2 rows of this file from this row on were not checked"
            .to_string(),
    );
    assert_eq!(stops(&run), [stop]);
    // Nothing of the rows not checked is told.
    assert!(
        run.findings("inovasi.csv")
            .iter()
            .all(|f| f["row"].as_u64() <= Some(3)),
        "{}",
        run.stdout
    );
    // With room for them, all three.
    let all = check_under(dir.path(), "max_statements_in_run = 7", &data, "json");
    assert_eq!(all.innovations("inovasi.csv").len(), 3);
    assert_eq!(stops(&all), []);
}

/// Issue 27: `Indikator N` columns are evidence only for the template's
/// indicators. A column naming another (`Indikator 999 Bukti`; a sheet of a
/// thousand of them was a thousand statements a row) is no statement: it
/// is told once, at its header, as an unknown indicator (E016), not on
/// every row, and its cells count for no limit.
#[test]
fn issue_27_an_indikator_999_column_is_no_statement_and_is_told_once() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("opd");
    std::fs::create_dir(&data).unwrap();
    let mut csv =
        format!("{HEADER};Indikator 1 Bukti;Indikator 999 Bukti;Indikator 21 Parameter\n");
    for k in 0..3 {
        csv.push_str(&format!(
            "Inovasi {k};Dinas A;Penerapan;17/05/2024;a.pdf;b.pdf;2\n"
        ));
    }
    write(&data, "inovasi.csv", csv.as_bytes());
    // One statement a row: three fit in three.
    let run = check_under(dir.path(), "max_statements_in_run = 3", &data, "json");
    assert_eq!(run.innovations("inovasi.csv").len(), 3);
    assert_eq!(stops(&run), []);
    let e016: Vec<(Value, Value, Value, String)> = (run.findings("inovasi.csv").iter())
        .filter(|f| f["code"] == "E016")
        .map(|f| {
            (
                f["cell"].clone(),
                f["severity"].clone(),
                f["value"].clone(),
                f["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    // At the header's cell (Indikator 999 Bukti is F1).
    let told = |cell: &str, no: &str| {
        (
            Value::from(cell),
            Value::from("error"),
            Value::from(no),
            format!(
                "Indicator \"{no}\" is not known: this column's cells are not read as evidence"
            ),
        )
    };
    assert_eq!(
        e016,
        [told("F1", "999"), told("G1", "21")],
        "{}",
        run.stdout
    );
    // Indicator 1's evidence is read: its file is not there.
    let e003 = run
        .findings("inovasi.csv")
        .iter()
        .filter(|f| f["code"] == "E003")
        .count();
    assert_eq!(e003, 3);
    // The two columns' E016s hold for every row of the sheet: each
    // innovation counts them beside its own findings.
    let plain = dir.path().join("plain");
    std::fs::create_dir(&plain).unwrap();
    let mut csv = format!("{HEADER};Indikator 1 Bukti\n");
    for k in 0..3 {
        csv.push_str(&format!("Inovasi {k};Dinas A;Penerapan;17/05/2024;a.pdf\n"));
    }
    write(&plain, "inovasi.csv", csv.as_bytes());
    let without = check_under(dir.path(), "max_statements_in_run = 3", &plain, "json");
    let errors = |run: &Run| -> Vec<u64> {
        (run.innovations("inovasi.csv").iter())
            .map(|i| i["errors"].as_u64().unwrap())
            .collect()
    };
    let plain_errors = errors(&without);
    assert!(plain_errors.iter().all(|&e| e > 0), "{plain_errors:?}");
    let with: Vec<u64> = plain_errors.iter().map(|e| e + 2).collect();
    assert_eq!(errors(&run), with, "{}", run.stdout);
}

/// Issue 27: the evidence findings of the checks across files are listed
/// within the finding caps like every other finding (a 50 MB sheet of 20
/// evidence cells a row listed 700,000 of them, a gigabyte); past the cap
/// they still count for their innovations, and F017 tells of them.
#[test]
fn issue_27_evidence_findings_are_listed_within_the_finding_cap() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("opd");
    std::fs::create_dir(&data).unwrap();
    // A clean row (every required column: no finding about every row),
    // with one evidence file that is not there.
    let clean = std::fs::read_to_string(manifest("tests/fixtures/codes/F021/baris.csv")).unwrap();
    let mut lines = clean.lines();
    let (head, row) = (lines.next().unwrap(), lines.next().unwrap());
    let mut csv = format!("{head},Indikator 1 Bukti\n");
    for k in 0..3 {
        let row = row.replace("OK F021", &format!("Inovasi {k}"));
        csv.push_str(&format!("{row},tidak-ada-{k}.pdf\n"));
    }
    write(&data, "inovasi.csv", csv.as_bytes());
    let all = check_under(dir.path(), "max_findings_per_code = 0", &data, "json");
    let run = check_under(dir.path(), "max_findings_per_code = 2", &data, "json");
    let listed = |run: &Run, code: &str| {
        run.codes("inovasi.csv")
            .iter()
            .filter(|c| **c == code)
            .count()
    };
    assert_eq!(listed(&all, "E003"), 3);
    assert_eq!(listed(&run, "E003"), 2);
    let told = run
        .findings("inovasi.csv")
        .into_iter()
        .find(|f| f["code"] == "F017" && f["message"].as_str().unwrap().contains("E003"))
        .unwrap_or_else(|| panic!("{}", run.stdout));
    assert!(told["message"].as_str().unwrap().contains('1'), "{told}");
    // Each innovation still counts its E003, listed or not.
    let errors = |run: &Run| -> Vec<Value> {
        (run.innovations("inovasi.csv").iter())
            .map(|i| i["errors"].clone())
            .collect()
    };
    assert_eq!(errors(&run), errors(&all));
}
