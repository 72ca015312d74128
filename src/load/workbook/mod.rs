//! Workbooks. An xlsx is read by bimtek's own reader (load/xlsx) through
//! its [`Archive`], which inflates its parts ahead of the parser; one it
//! hands back (odd metadata) and one whose zip directory cannot be read go
//! to calamine. xlsb is streamed cell by cell with calamine's cells reader,
//! which never builds a dense grid: one stray value in XFD1048576 would make
//! `worksheet_range` try to allocate hundreds of GB and abort. xls and ods
//! are loaded whole by calamine when opened, so their ranges are walked cell
//! by cell.

mod ods;
mod xls;

use super::archive::{Archive, check_zip_limits};
use super::contain::contain;
use super::marker::{Mark, is_findings_sheet};
use super::{
    Damage, Feed, Format, LoadError, LoadNotes, MAX_SHEETS, RawCell, RowGrouper, SheetInfo,
};
use calamine::{
    Data, DataRef, Ods, OdsError, Reader, SheetVisible, Xls, XlsError, Xlsb, XlsbError, Xlsx,
    XlsxError,
};
use ods::check_ods_cells;
use std::fs::File;
use std::io::{BufReader, Read, Seek};
use std::path::Path;
use xls::check_cfb;

pub(super) fn read(
    path: &Path,
    format: Format,
    sink: &mut dyn Feed,
    notes: &mut LoadNotes,
) -> Result<(), LoadError> {
    if format == Format::Xlsx
        && let Some(mut archive) = Archive::open(path)
    {
        // The directory is read once: the guards look at it, then bimtek's
        // mark (an output of its own is not data; a feedback workbook's
        // findings sheet is not the agency's), then the parts are read
        // through it.
        archive.check_limits()?;
        let mut marked;
        let sink: &mut dyn Feed = match archive.mark() {
            Some(Mark::Output(output)) => return Err(LoadError::Own(output)),
            Some(Mark::Feedback { findings_sheet }) => {
                marked = Findings {
                    inner: sink,
                    findings_sheet,
                };
                &mut marked
            }
            None => sink,
        };
        return match super::xlsx::read(archive, sink, notes) {
            Ok(result) => result,
            Err(mut archive) => {
                super::xlsx::check_tokens(&mut archive)?;
                let reader = archive
                    .into_reader()
                    .map_err(|e| LoadError::Corrupt(Damage::Io, e.to_string()))?;
                read_xlsx(reader, sink, notes)
            }
        };
    }
    // An xlsb's or ods's guards read its zip directory; calamine then gets
    // the same open file, rewound, and reads the directory again itself: its
    // API takes a reader, not a parsed archive.
    let mut guarded = None;
    if matches!(format, Format::Xlsb | Format::Ods)
        && let Ok(file) = File::open(path)
        && let Ok(mut archive) = zip::ZipArchive::new(BufReader::new(file))
    {
        check_zip_limits(&archive)?;
        if format == Format::Ods {
            check_ods_cells(&mut archive)?;
        }
        guarded = Some(archive.into_inner());
    }
    if format == Format::Xls {
        check_cfb(path)?;
    }
    let io = |e: std::io::Error| LoadError::Corrupt(Damage::Io, e.to_string());
    let reader = match guarded {
        Some(mut reader) => {
            reader.rewind().map_err(io)?;
            reader
        }
        None => BufReader::new(File::open(path).map_err(io)?),
    };
    match format {
        // Its directory could not be read: calamine reports the damage.
        Format::Xlsx => read_xlsx(reader, sink, notes),
        // No xlsb workbook to test it with: read directly.
        Format::Xlsb => read_xlsb(reader, sink, notes),
        Format::Xls => {
            let mut wb = contain(|| Xls::new(reader).map_err(xls_err))?;
            walk_ranges(&mut wb, sink, xls_err, notes)
        }
        Format::Ods => {
            let mut wb = contain(|| Ods::new(reader).map_err(ods_err))?;
            walk_ranges(&mut wb, sink, ods_err, notes)
        }
        _ => Err(LoadError::NotSpreadsheet("binary")),
    }
}

/// A feedback workbook's sink: its findings sheet is told as such
/// ([`SheetInfo::findings`]).
struct Findings<'s> {
    inner: &'s mut dyn Feed,
    findings_sheet: String,
}

impl Feed for Findings<'_> {
    fn begin_sheet(&mut self, sheet: &SheetInfo) -> bool {
        match &sheet.name {
            Some(name) if is_findings_sheet(name, &self.findings_sheet) => {
                self.inner.begin_sheet(&SheetInfo {
                    findings: true,
                    ..sheet.clone()
                })
            }
            _ => self.inner.begin_sheet(sheet),
        }
    }
    fn expect_rows(&mut self, rows: u32) {
        self.inner.expect_rows(rows);
    }
    fn row(&mut self, row: super::RawRow) {
        self.inner.row(row);
    }
    fn end_sheet(&mut self) {
        self.inner.end_sheet();
    }
}

fn read_xlsx<RS: Read + Seek>(
    reader: RS,
    sink: &mut dyn Feed,
    notes: &mut LoadNotes,
) -> Result<(), LoadError> {
    let mut wb = contain(|| Xlsx::new(reader).map_err(xlsx_err))?;
    let names = sheets(&wb, notes);
    stream_sheets(&mut wb, names, sink, stream_xlsx)
}

fn read_xlsb(
    reader: BufReader<File>,
    sink: &mut dyn Feed,
    notes: &mut LoadNotes,
) -> Result<(), LoadError> {
    let mut wb = contain(|| Xlsb::new(reader).map_err(xlsb_err))?;
    let names = sheets(&wb, notes);
    stream_sheets(&mut wb, names, sink, stream_xlsb)
}

/// Each sheet the sink wants, streamed by `stream`.
fn stream_sheets<W>(
    wb: &mut W,
    names: Vec<(String, bool)>,
    sink: &mut dyn Feed,
    stream: fn(&mut W, &str, &mut dyn Feed) -> Result<(), LoadError>,
) -> Result<(), LoadError> {
    for (name, hidden) in names {
        if !sink.begin_sheet(&SheetInfo {
            name: Some(name.clone()),
            hidden,
            findings: false,
        }) {
            continue;
        }
        let result = stream(wb, &name, sink);
        sink.end_sheet();
        result?;
    }
    Ok(())
}

/// The worksheets calamine lists, up to [`MAX_SHEETS`] (the rest counted
/// in `notes`). Each is read however many list its part: calamine does not
/// say which part a sheet is (bimtek's xlsx reader reads each part once).
fn sheets<RS: Read + Seek, R: Reader<RS>>(wb: &R, notes: &mut LoadNotes) -> Vec<(String, bool)> {
    let mut sheets: Vec<(String, bool)> = wb
        .sheets_metadata()
        .iter()
        .filter(|s| s.typ == calamine::SheetType::WorkSheet)
        .map(|s| (s.name.clone(), s.visible != SheetVisible::Visible))
        .collect();
    if sheets.len() > MAX_SHEETS {
        notes.sheets_past_limit = (sheets.len() - MAX_SHEETS) as u64;
        sheets.truncate(MAX_SHEETS);
    }
    sheets
}

fn stream_xlsx<RS: Read + Seek>(
    wb: &mut Xlsx<RS>,
    name: &str,
    sink: &mut dyn Feed,
) -> Result<(), LoadError> {
    let mut cells = contain(|| wb.worksheet_cells_reader(name).map_err(xlsx_err))?;
    expect_rows(cells.dimensions(), sink);
    let mut rows = RowGrouper::new(sink);
    let mut next = || {
        contain(|| {
            let cell = cells.next_cell().map_err(xlsx_err)?;
            Ok(cell.map(|c| (c.get_position(), from_ref(c.get_value()))))
        })
    };
    while let Some(((r, c), value)) = next()? {
        rows.push(r, c, value);
    }
    rows.flush();
    Ok(())
}

/// The rows a sheet declares (its used range, which a stray far cell
/// stretches: the sink takes it as an estimate).
fn expect_rows(d: calamine::Dimensions, sink: &mut dyn Feed) {
    if d.end.0 >= d.start.0 {
        sink.expect_rows((d.end.0 - d.start.0).saturating_add(1));
    }
}

fn stream_xlsb(
    wb: &mut Xlsb<BufReader<File>>,
    name: &str,
    sink: &mut dyn Feed,
) -> Result<(), LoadError> {
    let mut cells = contain(|| wb.worksheet_cells_reader(name).map_err(xlsb_err))?;
    expect_rows(cells.dimensions(), sink);
    let mut rows = RowGrouper::new(sink);
    let mut next = || {
        contain(|| {
            let cell = cells.next_cell().map_err(xlsb_err)?;
            Ok(cell.map(|c| (c.get_position(), from_ref(c.get_value()))))
        })
    };
    while let Some(((r, c), value)) = next()? {
        rows.push(r, c, value);
    }
    rows.flush();
    Ok(())
}

fn walk_ranges<R, E>(
    wb: &mut R,
    sink: &mut dyn Feed,
    err: fn(E) -> LoadError,
    notes: &mut LoadNotes,
) -> Result<(), LoadError>
where
    R: Reader<BufReader<File>, Error = E>,
{
    for (name, hidden) in sheets(wb, notes) {
        if !sink.begin_sheet(&SheetInfo {
            name: Some(name.clone()),
            hidden,
            findings: false,
        }) {
            continue;
        }
        let range = match contain(|| wb.worksheet_range(&name).map_err(err)) {
            Ok(r) => r,
            Err(e) => {
                sink.end_sheet();
                return Err(e);
            }
        };
        let (r0, c0) = range.start().unwrap_or((0, 0));
        let mut rows = RowGrouper::new(sink);
        for (r, c, value) in range.used_cells() {
            rows.push(
                r0.saturating_add(r as u32),
                c0.saturating_add(c as u32),
                from_data(value),
            );
        }
        rows.flush();
        sink.end_sheet();
    }
    Ok(())
}

fn from_ref(value: &DataRef<'_>) -> RawCell {
    match value {
        DataRef::Empty => RawCell::Empty,
        DataRef::String(s) => RawCell::Text(s.clone()),
        DataRef::SharedString(s) => RawCell::Text((*s).to_string()),
        DataRef::Int(i) => RawCell::Number(*i as f64),
        DataRef::Float(f) => RawCell::Number(*f),
        DataRef::Bool(b) => RawCell::Bool(*b),
        DataRef::DateTime(dt) => RawCell::from_excel_datetime(dt),
        DataRef::DateTimeIso(s) => RawCell::from_iso(s),
        DataRef::DurationIso(s) => RawCell::Text(s.clone()),
        DataRef::Error(e) => RawCell::Error(e.to_string()),
    }
}

fn from_data(value: &Data) -> RawCell {
    match value {
        Data::Empty => RawCell::Empty,
        Data::String(s) => {
            // ODS gives error cells back as their text.
            if is_error_text(s) {
                RawCell::Error(s.clone())
            } else {
                RawCell::Text(s.clone())
            }
        }
        Data::Int(i) => RawCell::Number(*i as f64),
        Data::Float(f) => RawCell::Number(*f),
        Data::Bool(b) => RawCell::Bool(*b),
        Data::DateTime(dt) => RawCell::from_excel_datetime(dt),
        Data::DateTimeIso(s) => RawCell::from_iso(s),
        Data::DurationIso(s) => RawCell::Text(s.clone()),
        Data::Error(e) => RawCell::Error(e.to_string()),
    }
}

fn is_error_text(s: &str) -> bool {
    matches!(
        s,
        "#REF!"
            | "#N/A"
            | "#DIV/0!"
            | "#VALUE!"
            | "#NAME?"
            | "#NUM!"
            | "#NULL!"
            | "Err:502"
            | "Err:504"
            | "Err:508"
            | "Err:522"
    )
}

/// An XML error that is really the container's: the parser could not get
/// the bytes, because a compressed part is damaged or cut off.
fn xml_damage(e: &dyn std::error::Error) -> Damage {
    let mut source = e.source();
    while let Some(s) = source {
        // quick-xml hands out its I/O error in an Arc.
        if s.is::<std::io::Error>() || s.is::<std::sync::Arc<std::io::Error>>() {
            return Damage::Zip;
        }
        source = s.source();
    }
    Damage::Xml
}

fn xlsx_err(e: XlsxError) -> LoadError {
    let damage = match &e {
        XlsxError::Password => return LoadError::Encrypted,
        XlsxError::Io(io) => Damage::of_zip_io(io),
        XlsxError::Zip(_) => Damage::Zip,
        XlsxError::Xml(x) => xml_damage(x),
        XlsxError::XmlAttr(_) | XlsxError::XmlEof(_) => Damage::Xml,
        XlsxError::FileNotFound(_)
        | XlsxError::RelationshipNotFound
        | XlsxError::WorksheetNotFound(_) => Damage::MissingPart,
        _ => Damage::Other,
    };
    LoadError::Corrupt(damage, e.to_string())
}

fn xlsb_err(e: XlsbError) -> LoadError {
    let damage = match &e {
        XlsbError::Io(io) => Damage::of_zip_io(io),
        XlsbError::Zip(_) => Damage::Zip,
        XlsbError::Xml(x) => xml_damage(x),
        XlsbError::XmlAttr(_) => Damage::Xml,
        XlsbError::FileNotFound(_) => Damage::MissingPart,
        _ => Damage::Other,
    };
    LoadError::Corrupt(damage, e.to_string())
}

fn xls_err(e: XlsError) -> LoadError {
    let damage = match &e {
        XlsError::Password => return LoadError::Encrypted,
        XlsError::Io(_) => Damage::Io,
        XlsError::Cfb(_) => Damage::Cfb,
        _ => Damage::Other,
    };
    LoadError::Corrupt(damage, e.to_string())
}

fn ods_err(e: OdsError) -> LoadError {
    let damage = match &e {
        OdsError::Password => return LoadError::Encrypted,
        OdsError::Io(io) => Damage::of_zip_io(io),
        OdsError::Zip(_) => Damage::Zip,
        OdsError::Xml(x) => xml_damage(x),
        OdsError::XmlAttr(_) => Damage::Xml,
        OdsError::FileNotFound(_) | OdsError::WorksheetNotFound(_) => Damage::MissingPart,
        _ => Damage::Other,
    };
    LoadError::Corrupt(damage, e.to_string())
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::load::RawRow;
    use std::io::{Error, ErrorKind};

    /// Every call a reader makes, in order.
    #[derive(Default, Debug, PartialEq)]
    pub(in crate::load) struct Calls(pub(in crate::load) Vec<String>);

    impl Feed for Calls {
        fn begin_sheet(&mut self, sheet: &SheetInfo) -> bool {
            self.0
                .push(format!("begin {:?} {}", sheet.name, sheet.hidden));
            true
        }
        fn expect_rows(&mut self, rows: u32) {
            self.0.push(format!("expect {rows}"));
        }
        fn row(&mut self, row: RawRow) {
            self.0.push(format!("{row:?}"));
        }
        fn end_sheet(&mut self) {
            self.0.push("end".into());
        }
    }

    /// calamine's reading, straight from the file.
    pub(in crate::load) fn direct(path: &Path) -> (Calls, Result<(), LoadError>) {
        let mut calls = Calls::default();
        let result = read_xlsx(
            BufReader::new(File::open(path).unwrap()),
            &mut calls,
            &mut LoadNotes::default(),
        );
        (calls, result)
    }

    #[test]
    fn big_and_stored_workbooks_give_the_same_rows_as_reading_directly() {
        let dir = tempfile::tempdir().unwrap();
        let big = dir.path().join("besar.xlsx");
        let mut workbook = rust_xlsxwriter::Workbook::new();
        let sheet = workbook.add_worksheet();
        sheet.write(0, 0, "Nama Inovasi").unwrap();
        sheet.write(0, 1, "Rancang Bangun").unwrap();
        sheet.write(0, 2, "Tanggal").unwrap();
        for row in 1..12_000u32 {
            let words = format!("inovasi pelayanan publik desa nomor {row} ").repeat(10);
            sheet.write(row, 0, format!("Inovasi {row}")).unwrap();
            sheet.write(row, 1, words).unwrap();
            sheet
                .write(row, 2, 45_000.0 + f64::from(row % 700))
                .unwrap();
        }
        workbook.save(&big).unwrap();
        // The same entries, stored: read from the file as they are.
        let stored = dir.path().join("disimpan.xlsx");
        let mut from = zip::ZipArchive::new(File::open(&big).unwrap()).unwrap();
        let mut to = zip::ZipWriter::new(File::create(&stored).unwrap());
        for i in 0..from.len() {
            let mut entry = from.by_index(i).unwrap();
            let options = zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Stored);
            to.start_file(entry.name().unwrap().into_owned(), options)
                .unwrap();
            std::io::copy(&mut entry, &mut to).unwrap();
        }
        to.finish().unwrap();
        let read = |path: &Path| {
            let mut calls = Calls::default();
            let result = super::read(path, Format::Xlsx, &mut calls, &mut LoadNotes::default());
            (calls, result)
        };
        let (calls, result) = read(&big);
        assert_eq!(result, Ok(()));
        assert_eq!(calls.0.len(), 12_003, "begin, expect, 12,000 rows, end");
        assert_eq!(calls.0[1], "expect 12000", "the rows the sheet declares");
        assert_eq!((calls, result), direct(&big));
        assert_eq!(read(&stored), direct(&big));
    }

    /// A workbook of sheets `names` (a row each) with custom properties
    /// `marks`, as bimtek's writers leave them.
    fn marked(path: &Path, names: &[&str], marks: &[(&str, &str)]) {
        let mut workbook = rust_xlsxwriter::Workbook::new();
        for name in names {
            let sheet = workbook.add_worksheet();
            sheet.set_name(*name).unwrap();
            sheet.write(0, 0, format!("isi {name}")).unwrap();
        }
        let mut properties = rust_xlsxwriter::DocProperties::new();
        for (name, value) in marks {
            properties = properties.set_custom_property(*name, *value);
        }
        workbook.set_properties(&properties);
        workbook.save(path).unwrap();
    }

    /// Every sheet begun, with whether it is a findings sheet.
    #[derive(Default)]
    struct Begun(Vec<(String, bool)>);

    impl Feed for Begun {
        fn begin_sheet(&mut self, sheet: &SheetInfo) -> bool {
            self.0
                .push((sheet.name.clone().unwrap_or_default(), sheet.findings));
            true
        }
        fn row(&mut self, _: RawRow) {}
        fn end_sheet(&mut self) {}
    }

    #[test]
    fn bimteks_marks_are_read_from_the_one_reading_of_the_directory() {
        use crate::load::marker::{self, Output};
        let dir = tempfile::tempdir().unwrap();
        let read = |path: &Path| {
            let mut begun = Begun::default();
            let result = super::read(path, Format::Xlsx, &mut begun, &mut LoadNotes::default());
            (begun.0, result)
        };
        // A report workbook, under an xlsm's name too: nothing of it read.
        for name in ["laporan.xlsx", "laporan.xlsm"] {
            let path = dir.path().join(name);
            marked(&path, &["Ringkasan"], &[(marker::PROPERTY, marker::REPORT)]);
            assert_eq!(
                read(&path),
                (vec![], Err(LoadError::Own(Output::ReportWorkbook)))
            );
        }
        // A feedback workbook is data; its findings sheet (renamed a little
        // by the agency) is told.
        let path = dir.path().join("umpan.xlsx");
        marked(
            &path,
            &["Inovasi", "temuan saran"],
            &[
                (marker::PROPERTY, marker::FEEDBACK),
                (marker::FINDINGS_SHEET_PROPERTY, "Temuan & Saran"),
            ],
        );
        let begun = vec![("Inovasi".into(), false), ("temuan saran".into(), true)];
        assert_eq!(read(&path), (begun, Ok(())));
        // Any other property, or none: a workbook like any other.
        let path = dir.path().join("lain.xlsx");
        marked(&path, &["Temuan"], &[(marker::PROPERTY, "lain")]);
        assert_eq!(read(&path), (vec![("Temuan".into(), false)], Ok(())));
    }

    #[test]
    fn io_errors_inside_a_container_are_its_damage_unless_the_disk_failed() {
        let kind = |e: LoadError| match e {
            LoadError::Corrupt(d, _) => d,
            other => panic!("{other:?}"),
        };
        let inflate = || Error::new(ErrorKind::InvalidData, "corrupt deflate stream");
        assert_eq!(kind(xlsx_err(XlsxError::Io(inflate()))), Damage::Zip);
        assert_eq!(kind(ods_err(OdsError::Io(inflate()))), Damage::Zip);
        let cut = Error::new(ErrorKind::UnexpectedEof, "early end");
        assert_eq!(kind(xlsb_err(XlsbError::Io(cut))), Damage::Zip);
        let denied = Error::new(ErrorKind::PermissionDenied, "denied");
        assert_eq!(kind(xlsx_err(XlsxError::Io(denied))), Damage::Io);
        assert!(matches!(
            xlsx_err(XlsxError::Password),
            LoadError::Encrypted
        ));
    }
}
