use super::styles::{is_builtin_date, is_date_format};
use super::text::unescape_excel;
use super::*;
use crate::load::archive::tests::{WAYS, workbooks};
use crate::load::workbook::tests::{Calls, direct};
use proptest::prelude::*;
use std::fs::File;
use std::io::Write;
use std::path::Path;

/// bimtek's reading, its archive read one `way`, or None when the
/// workbook was handed to calamine.
fn own(
    path: &Path,
    (min_stream, read_whole): (u64, u64),
) -> Option<(Calls, Result<(), LoadError>)> {
    let archive = Archive::open_with(path, min_stream, read_whole)?;
    let mut calls = Calls::default();
    let result = read(archive, &mut calls, &mut LoadNotes::default()).ok()?;
    Some((calls, result))
}

/// The same rows, and the same kind of error if any (the messages are
/// each reader's own).
fn assert_same(
    path: &Path,
    ours: &(Calls, Result<(), LoadError>),
    theirs: &(Calls, Result<(), LoadError>),
) {
    let kind = |r: &Result<(), LoadError>| match r {
        Ok(()) => "ok".to_string(),
        Err(LoadError::Corrupt(damage, _)) => format!("{damage:?}"),
        Err(e) => format!("{e:?}"),
    };
    assert_eq!(ours.0, theirs.0, "{}", path.display());
    assert_eq!(
        kind(&ours.1),
        kind(&theirs.1),
        "{}: {:?} vs {:?}",
        path.display(),
        ours.1,
        theirs.1
    );
}

#[test]
fn every_test_workbook_reads_as_calamine_reads_it() {
    let mut read_here = 0;
    for path in workbooks() {
        let theirs = direct(&path);
        for way in WAYS {
            if let Some(ours) = own(&path, way) {
                assert_same(&path, &ours, &theirs);
                read_here += 1;
            }
        }
    }
    assert!(
        read_here >= 40,
        "only {read_here} readings by bimtek's reader"
    );
}

/// A workbook written by rust_xlsxwriter, with shared strings or (in
/// constant memory) inline ones.
fn written(path: &Path, inline: bool, seed: u64) {
    let mut rng = Rng(seed | 1);
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let date = rust_xlsxwriter::Format::new().set_num_format("dd/mm/yyyy");
    let time = rust_xlsxwriter::Format::new().set_num_format("[h]:mm:ss");
    let money = rust_xlsxwriter::Format::new().set_num_format("\"Rp\"#,##0");
    for s in 0..1 + rng.below(3) {
        let sheet = if inline {
            workbook.add_worksheet_with_constant_memory().unwrap()
        } else {
            workbook.add_worksheet()
        };
        sheet.set_name(format!("Lembar {s}")).unwrap();
        if s == 1 {
            sheet.set_hidden(true);
        }
        for row in 0..rng.below(40) as u32 {
            for col in 0..rng.below(8) as u16 {
                let x = rng.below(100) as f64 * 1.5 + 44_000.0;
                let _ = match rng.below(7) {
                    0 => sheet.write_string(row, col, rng.pick(TEXTS)),
                    1 => sheet.write_number(row, col, x),
                    2 => sheet.write_number_with_format(row, col, x, &date),
                    3 => sheet.write_number_with_format(row, col, x / 1e4, &time),
                    4 => sheet.write_number_with_format(row, col, x, &money),
                    5 => sheet.write_boolean(row, col, rng.below(2) == 0),
                    _ => sheet.write_formula(row, col, "=1+1"),
                };
            }
        }
    }
    if seed.is_multiple_of(3) {
        // A chart sheet holds no cells: both readers pass over it.
        let mut chart = rust_xlsxwriter::Chart::new_column();
        chart.add_series().set_values("'Lembar 0'!$A$1:$A$3");
        let sheet = workbook.add_chartsheet();
        sheet.set_name("Grafik").unwrap();
        sheet.insert_chart(0, 0, &chart).unwrap();
    }
    workbook.save(path).unwrap();
}

#[test]
fn workbooks_written_by_rust_xlsxwriter_read_as_calamine_reads_them() {
    let dir = tempfile::tempdir().unwrap();
    for seed in 0..24 {
        let path = dir.path().join(format!("{seed}.xlsx"));
        written(&path, seed % 2 == 0, seed);
        for way in WAYS {
            let ours = own(&path, way).expect("read by bimtek's reader");
            assert_eq!(ours.1, Ok(()));
            assert_same(&path, &ours, &direct(&path));
        }
    }
}

struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
    fn pick<T: Copy>(&mut self, from: &[T]) -> T {
        from[self.below(from.len() as u64) as usize]
    }
}

/// Texts as they may stand in a `<t>`, escaped as XML and Excel escape them.
const TEXTS: &[&str] = &[
    "Inovasi",
    "a &amp; b",
    "&lt;x&gt; &quot;q&quot; &apos;",
    "  spasi  ",
    "baris\r\nbaru\rlagi\n",
    "tab\tdi sini",
    "_x000D_",
    "_x005F_x000D_",
    "_xD83D__xDE00_ dan _xD83D_ sendiri _xDE00_",
    "_x004_ _xZZZZ_",
    "ünï©ødé Ω",
    "&#x41;&#66;&#10;",
    "",
    " ",
];

/// The content of a `<t>` (XML text or a CDATA section).
fn t_content(rng: &mut Rng) -> String {
    match rng.below(8) {
        0 => "<![CDATA[cd <a> &amp;\r\n]]>".into(),
        _ => rng.pick(TEXTS).to_string(),
    }
}

/// A string item's content: one `<t>`, rich text runs, phonetic runs.
fn string_item(rng: &mut Rng, p: &str) -> String {
    let t = |rng: &mut Rng| match rng.below(3) {
        0 => format!("<{p}t xml:space=\"preserve\">{}</{p}t>", t_content(rng)),
        1 => format!("<{p}t/>"),
        _ => format!("<{p}t>{}</{p}t>", t_content(rng)),
    };
    match rng.below(6) {
        0 => String::new(),
        1 => format!(
            "<{p}r><{p}rPr><{p}b/><{p}sz val=\"11\"/></{p}rPr>{}</{p}r><{p}r>{}</{p}r>",
            t(rng),
            t(rng)
        ),
        2 => format!(
            "{}<{p}rPh sb=\"0\" eb=\"1\">{}</{p}rPh>{}<{p}phoneticPr fontId=\"1\"/>",
            t(rng),
            t(rng),
            t(rng)
        ),
        3 => format!("{}{}", t(rng), t(rng)),
        _ => t(rng),
    }
}

/// A cell as any writer might write it: with or without its reference,
/// of any type, styled or not, with a formula, empty.
fn cell(rng: &mut Rng, p: &str, at: Option<String>, strings: u64) -> String {
    let r = at.map(|a| format!(" r=\"{a}\"")).unwrap_or_default();
    let s = [
        "",
        " s=\"0\"",
        " s=\"1\"",
        " s=\"2\"",
        " s=\"3\"",
        " s=\"4\"",
        " s=\"6\"",
        " s=\"99\"",
        " s='x'",
    ];
    let s = rng.pick(&s);
    let (t, v) = match rng.below(12) {
        0 => (
            "",
            rng.pick(&["1", "45298", "3.5", "-2E3", ".5", "1e400", "0", " 7"])
                .to_string(),
        ),
        1 => (" t=\"n\"", rng.pick(&["12", "45000.25", "-0"]).to_string()),
        2 => (" t=\"s\"", rng.below(strings.max(1)).to_string()),
        3 => (
            " t=\"b\"",
            rng.pick(&["0", "1", "true", " FALSE "]).to_string(),
        ),
        4 => (
            " t=\"e\"",
            rng.pick(&["#N/A", "#DIV/0!", "#REF!", "#VALUE!", "#NAME?"])
                .to_string(),
        ),
        5 => (" t=\"str\"", rng.pick(TEXTS).to_string()),
        6 => (
            " t=\"d\"",
            rng.pick(&["2024-03-05T00:00:00", "2024-03-05", "kemarin"])
                .to_string(),
        ),
        7 => ("", "teks".to_string()),
        _ => (" t=\"inlineStr\"", String::new()),
    };
    let body = match (t, rng.below(10)) {
        (_, 0) => return format!("<{p}c{r}{s}{t}/>"),
        (_, 1) => format!("<{p}f>SUM(A1:A2)</{p}f>"),
        (" t=\"inlineStr\"", n) if n < 3 => format!("<{p}is/>"),
        (" t=\"inlineStr\"", n) if n < 5 => {
            format!("<{p}is>{}</{p}is><{p}v>9</{p}v>", string_item(rng, p))
        }
        (" t=\"inlineStr\"", _) => format!("<{p}is>{}</{p}is>", string_item(rng, p)),
        (_, 2) => format!("<{p}f t=\"shared\" si=\"0\"/><{p}v>{v}</{p}v>"),
        (_, 3) => format!("<{p}v/>"),
        _ => format!("<{p}v>{v}</{p}v>"),
    };
    format!("<{p}c{r}{s}{t}>{body}</{p}c>")
}

fn sheet_xml(rng: &mut Rng, p: &str, strings: u64) -> String {
    let mut x =
        String::from("\u{feff}<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n");
    x += &format!(
        "<{p}worksheet xmlns{}=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">",
        if p.is_empty() { "" } else { ":x" }
    );
    if rng.below(2) == 0 {
        x += &format!(
            "<{p}dimension ref=\"{}\"/>",
            rng.pick(&["A1:C9", "B2", "A1:XFD1048576"])
        );
    }
    x += &format!("<{p}sheetViews/><!-- tampilan --><{p}sheetData>");
    let mut row = 0u64;
    for _ in 0..rng.below(12) {
        row += 1 + rng.below(2);
        let r = match rng.below(4) {
            0 => String::new(),
            _ => format!(" r=\"{row}\""),
        };
        if rng.below(8) == 0 {
            x += &format!("<{p}row{r}/>");
            continue;
        }
        x += &format!("<{p}row{r} spans=\"1:5\">");
        let mut col = 0;
        for _ in 0..rng.below(6) {
            col += 1 + rng.below(2);
            let at = match rng.below(5) {
                0 => None,
                _ => Some(format!("{}{row}", crate::diag::column_letters(col as u32))),
            };
            x += &cell(rng, p, at, strings);
            if rng.below(6) == 0 {
                x += rng.pick(&["\n  ", "<!-- c -->", "<?pi x?>"]);
            }
        }
        x += &format!("</{p}row>");
    }
    x += &format!("</{p}sheetData><{p}mergeCells count=\"0\"/></{p}worksheet>");
    x
}

/// A workbook of hand-written parts, in the shapes writers other than
/// Excel produce (prefixed names, no references, odd whitespace).
fn hand_written(path: &Path, seed: u64) {
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let p = if rng.below(3) == 0 { "x:" } else { "" };
    let ns = if p.is_empty() { "" } else { ":x" };
    let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    let sheets = 1 + rng.below(3);
    let strings = rng.below(6);
    let mut sst = format!(
        "<?xml version=\"1.0\"?><{p}sst xmlns{ns}=\"{main}\" count=\"{strings}\" uniqueCount=\"{strings}\">"
    );
    for _ in 0..strings {
        sst += &match rng.below(5) {
            0 => format!("<{p}si/>"),
            _ => format!("<{p}si>{}</{p}si>", string_item(&mut rng, p)),
        };
    }
    sst += &format!("</{p}sst>");
    let formats = [
        "dd/mm/yyyy",
        "[h]:mm:ss",
        "0.00",
        "[$-421]d mmmm yyyy;@",
        "\"Rp\"#,##0",
        "h:mm AM/PM",
        "General",
        "[Red]0.00",
        "\\d0",
        "yyyy-mm-dd hh:mm",
        "#,##0 \"hari\"",
        "[mm]:ss",
        "mmm-yy",
        "0%",
        "_(* #,##0_)",
    ];
    let mut styles = format!("<{p}styleSheet xmlns{ns}=\"{main}\"><{p}numFmts count=\"3\">");
    for id in 164..167 {
        styles += &format!(
            "<{p}numFmt numFmtId=\"{id}\" formatCode=\"{}\"/>",
            xml_escape(rng.pick(&formats))
        );
    }
    styles += &format!("</{p}numFmts><{p}cellXfs count=\"7\">");
    for _ in 0..7 {
        let id = rng.pick(&["0", "14", "164", "165", "166", "46", "22", "2"]);
        styles += &format!(
            "<{p}xf numFmtId=\"{id}\" fontId=\"0\"><{p}alignment wrapText=\"1\"/></{p}xf>"
        );
    }
    styles += &format!("</{p}cellXfs></{p}styleSheet>");
    let date1904 = if rng.below(3) == 0 {
        format!("<{p}workbookPr date1904=\"1\"/>")
    } else {
        String::new()
    };
    let mut workbook =
        format!("<{p}workbook xmlns{ns}=\"{main}\" xmlns:r=\"{rel}\">{date1904}<{p}sheets>");
    let mut rels = String::from(
        "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">",
    );
    let mut files: Vec<(String, String)> = Vec::new();
    for s in 0..sheets {
        let state = rng.pick(&["", " state=\"hidden\"", " state=\"visible\""]);
        workbook += &format!(
            "<{p}sheet name=\"Data &amp; {s}\" sheetId=\"{}\"{state} r:id=\"rId{s}\"/>",
            s + 1
        );
        let target = if rng.below(4) == 0 {
            format!("/xl/worksheets/sheet{s}.xml")
        } else {
            format!("worksheets/sheet{s}.xml")
        };
        rels +=
            &format!("<Relationship Id=\"rId{s}\" Type=\"{rel}/worksheet\" Target=\"{target}\"/>");
        files.push((
            format!("xl/worksheets/sheet{s}.xml"),
            sheet_xml(&mut rng, p, strings),
        ));
    }
    workbook += &format!("</{p}sheets><{p}definedNames/></{p}workbook>");
    rels += &format!(
        "<Relationship Id=\"rIdS\" Type=\"{rel}/sharedStrings\" Target=\"sharedStrings.xml\"/></Relationships>"
    );
    files.push(("_rels/.rels".into(), format!("<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"{rel}/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>")));
    files.push(("xl/workbook.xml".into(), workbook));
    files.push(("xl/_rels/workbook.xml.rels".into(), rels));
    files.push(("xl/styles.xml".into(), styles));
    files.push(("xl/sharedStrings.xml".into(), sst));
    write_parts(path, &files);
}

/// Every part of the zip at `path`, with its name, in order.
fn parts_of(path: &Path) -> Vec<(String, Vec<u8>)> {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut entry = zip.by_index(i).unwrap();
            let mut bytes = Vec::new();
            std::io::Read::read_to_end(&mut entry, &mut bytes).unwrap();
            (entry.name().unwrap().to_string(), bytes)
        })
        .collect()
}

/// A zip at `path` holding `parts`, in order.
fn write_parts(path: &Path, parts: &[(String, impl AsRef<[u8]>)]) {
    let mut zip = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    for (name, bytes) in parts {
        zip.start_file(name.as_str(), zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.write_all(bytes.as_ref()).unwrap();
    }
    zip.finish().unwrap();
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]
    #[test]
    fn hand_written_workbooks_read_as_calamine_reads_them(seed in any::<u64>()) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("tulisan-tangan.xlsx");
        hand_written(&path, seed);
        let ours = own(&path, (u64::MAX, u64::MAX)).expect("read by bimtek's reader");
        assert_same(&path, &ours, &direct(&path));
    }
}

/// Two sheets of one name (no spreadsheet program writes them): the
/// workbook is handed to calamine, which reads the first one twice.
#[test]
fn two_sheets_of_one_name_are_left_to_calamine() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kembar.xlsx");
    let seed = (0..).find(|&seed| {
        hand_written(&path, seed);
        let zip = zip::ZipArchive::new(std::fs::File::open(&path).unwrap()).unwrap();
        zip.index_for_name("xl/worksheets/sheet1.xml").is_some()
    });
    let mut parts = parts_of(&path);
    for (name, bytes) in &mut parts {
        if name == "xl/workbook.xml" {
            let text = String::from_utf8(std::mem::take(bytes)).unwrap();
            *bytes = text.replace("Data &amp; 1", "Data &amp; 0").into_bytes();
        }
    }
    write_parts(&path, &parts);
    assert!(own(&path, (u64::MAX, u64::MAX)).is_none(), "seed {seed:?}");
    let mut calls = Calls::default();
    let result = crate::load::workbook::read(
        &path,
        crate::load::Format::Xlsx,
        &mut calls,
        &mut LoadNotes::default(),
    );
    assert_eq!((calls, result), direct(&path));
}

#[test]
fn a_damaged_sheet_is_the_same_damage_as_calamine_reads_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("rusak.xlsx");
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    for row in 0..3000u32 {
        sheet.write(row, 0, format!("Inovasi nomor {row}")).unwrap();
        sheet.write(row, 1, f64::from(row) * 1.5).unwrap();
    }
    workbook.save(&path).unwrap();
    let mut archive = zip::ZipArchive::new(File::open(&path).unwrap()).unwrap();
    let index = archive.index_for_name("xl/worksheets/sheet1.xml").unwrap();
    let entry = archive.by_index_raw(index).unwrap();
    let (start, len) = (
        entry.data_start().unwrap() as usize,
        entry.compressed_size() as usize,
    );
    drop(entry);
    let mut bytes = std::fs::read(&path).unwrap();
    for b in &mut bytes[start + len / 2..start + len / 2 + 32] {
        *b ^= 0xa5;
    }
    File::create(&path).unwrap().write_all(&bytes).unwrap();
    // Garbled deflate data inflates to garbled XML or fails to inflate,
    // depending on the bytes; either way both readings say the same.
    let damage = |result: Result<(), LoadError>| match result {
        Err(LoadError::Corrupt(damage @ (Damage::Zip | Damage::Xml), _)) => damage,
        other => panic!("{other:?}"),
    };
    let (_, result) = direct(&path);
    let expected = damage(result);
    for way in WAYS {
        let (_, through) = own(&path, way).unwrap();
        assert_eq!(damage(through), expected, "{way:?}");
    }
}

#[test]
fn excel_escapes_are_read_as_calamine_reads_them() {
    let cases = [
        ("_x000D_", "\r"),
        ("a_x005F_x000D_b", "a_x000D_b"),
        ("_xD83D__xDE00_", "😀"),
        ("_xD83D_x", "\u{FFFD}x"),
        ("_xDE00_", "\u{FFFD}"),
        ("_x00e9_ _x0041", "é _x0041"),
        ("tanpa", "tanpa"),
    ];
    for (raw, read) in cases {
        assert_eq!(unescape_excel(raw.to_string()), read, "{raw}");
    }
}

#[test]
fn date_formats_are_told_from_durations_and_numbers() {
    for code in [
        "dd/mm/yyyy",
        "h:mm AM/PM",
        "[$-421]d mmmm yyyy;@",
        "A/P",
        // "a/" reads as the start of the A/P marker, as calamine reads it.
        "0 a/",
        "mmm-yy",
        "yyyy\"年\"",
    ] {
        assert!(is_date_format(code), "{code}");
    }
    for code in [
        "[h]:mm:ss",
        "[mm]:ss",
        "0.00",
        "\"Rp\"#,##0",
        "General",
        "\\d0",
        "#,##0 \"hari\"",
        "[Red]0",
        "0;dd",
    ] {
        assert!(!is_date_format(code), "{code}");
    }
    assert!(is_builtin_date(b"14") && is_builtin_date(b"22") && !is_builtin_date(b"46"));
    assert!(!is_builtin_date(b"014") && !is_builtin_date(b"0"));
}

/// Whether any `<v>` of the part holds an entity: the one case where
/// both readers succeed and may still differ (see `CellReader::child`).
fn value_with_entity(xml: &[u8]) -> bool {
    let text = String::from_utf8_lossy(xml);
    text.split("v>")
        .skip(1)
        .any(|after| after.split('<').next().is_some_and(|v| v.contains('&')))
}

/// Hand-written workbooks with a few bytes of one part deleted, inserted,
/// repeated or cut off: bimtek's reader never panics, never refuses a
/// workbook calamine reads (except a reference past 32 bits, refused by
/// design), and when both read it, they read the same rows. It may read
/// one calamine refuses (invalid UTF-8 in a part it does not use, an end
/// tag with no start). `BIMTEK_FUZZ_ITERS` sets the number of workbooks
/// (30,000 found nothing more, 2026-11-25).
#[test]
fn damaged_workbooks_read_no_worse_than_calamine_reads_them() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("rusak.xlsx");
    let iters: u64 = std::env::var("BIMTEK_FUZZ_ITERS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(300);
    let (mut same, mut both_failed, mut only_ours) = (0, 0, 0);
    for seed in 0..iters {
        hand_written(&path, seed);
        let mut parts = parts_of(&path);
        let mut rng = Rng(seed.wrapping_mul(0x2545_F491_4F6C_DD1D) | 1);
        // Mostly the first sheet, sometimes any part.
        let target = match rng.below(3) {
            0 => rng.below(parts.len() as u64) as usize,
            _ => parts
                .iter()
                .position(|p| p.0.starts_with("xl/worksheets"))
                .unwrap(),
        };
        for _ in 0..1 + rng.below(3) {
            let b = &mut parts[target].1;
            if b.is_empty() {
                break;
            }
            let at = rng.below(b.len() as u64) as usize;
            let span = (at + 1 + rng.below(24) as usize).min(b.len());
            match rng.below(6) {
                0 => drop(b.remove(at)),
                1 => b.insert(at, rng.pick(b"<>\"'&/ =:\xC3\r")),
                2 => b.truncate(at),
                3 => {
                    let copy = b[at..span].to_vec();
                    let to = rng.below(b.len() as u64) as usize;
                    b.splice(to..to, copy);
                }
                4 => drop(b.drain(at..span)),
                _ => b[at] = rng.pick(b"<>\"a0x_&"),
            }
        }
        write_parts(&path, &parts);
        let theirs = direct(&path);
        let Some(ours) = own(&path, (u64::MAX, u64::MAX)) else {
            continue;
        };
        match (&ours.1, &theirs.1) {
            (Ok(()), Ok(())) => {
                assert!(
                    ours.0 == theirs.0 || value_with_entity(&parts[target].1),
                    "seed {seed}: {:?} vs {:?}",
                    ours.0,
                    theirs.0
                );
                same += 1;
            }
            (Err(_), Err(_)) => both_failed += 1,
            (Ok(()), Err(_)) => only_ours += 1,
            (Err(e), Ok(())) => assert!(
                matches!(e, LoadError::Corrupt(_, m) if m.contains("bad cell reference")),
                "seed {seed}: {e:?}"
            ),
        }
    }
    assert!(
        same > iters / 4 && both_failed > iters / 4,
        "{same} {both_failed} {only_ours}"
    );
}
