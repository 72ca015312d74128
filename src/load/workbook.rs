//! Workbooks through calamine. xlsx and xlsb are streamed cell by cell with
//! calamine's cells reader, which never builds a dense grid: one stray value
//! in XFD1048576 would make `worksheet_range` try to allocate hundreds of GB
//! and abort. xls and ods are loaded whole by calamine when opened, so their
//! ranges are walked cell by cell.

use super::{Format, LoadError, RawCell, RowGrouper, RowSink, SheetInfo};
use calamine::{
    Data, DataRef, ExcelDateTime, Ods, OdsError, Reader, SheetVisible, Xls, XlsError, Xlsb,
    XlsbError, Xlsx, XlsxError,
};
use chrono::NaiveDate;
use std::fs::File;
use std::io::BufReader;
use std::path::Path;

pub(super) fn read(path: &Path, format: Format, sink: &mut dyn RowSink) -> Result<(), LoadError> {
    let file = File::open(path).map_err(|e| LoadError::Corrupt(e.to_string()))?;
    let reader = BufReader::new(file);
    match format {
        Format::Xlsx => {
            let mut wb = Xlsx::new(reader).map_err(xlsx_err)?;
            for (name, hidden) in sheets(&wb) {
                if !sink.begin_sheet(&SheetInfo {
                    name: Some(name.clone()),
                    hidden,
                }) {
                    continue;
                }
                let result = stream_xlsx(&mut wb, &name, sink);
                sink.end_sheet();
                result?;
            }
            Ok(())
        }
        Format::Xlsb => {
            let mut wb = Xlsb::new(reader).map_err(xlsb_err)?;
            for (name, hidden) in sheets(&wb) {
                if !sink.begin_sheet(&SheetInfo {
                    name: Some(name.clone()),
                    hidden,
                }) {
                    continue;
                }
                let result = stream_xlsb(&mut wb, &name, sink);
                sink.end_sheet();
                result?;
            }
            Ok(())
        }
        Format::Xls => {
            let mut wb = Xls::new(reader).map_err(xls_err)?;
            walk_ranges(&mut wb, sink, xls_err)
        }
        Format::Ods => {
            let mut wb = Ods::new(reader).map_err(ods_err)?;
            walk_ranges(&mut wb, sink, ods_err)
        }
        _ => Err(LoadError::NotSpreadsheet("binary")),
    }
}

fn sheets<R: Reader<BufReader<File>>>(wb: &R) -> Vec<(String, bool)> {
    wb.sheets_metadata()
        .iter()
        .filter(|s| s.typ == calamine::SheetType::WorkSheet)
        .map(|s| (s.name.clone(), s.visible != SheetVisible::Visible))
        .collect()
}

fn stream_xlsx(
    wb: &mut Xlsx<BufReader<File>>,
    name: &str,
    sink: &mut dyn RowSink,
) -> Result<(), LoadError> {
    let mut cells = wb.worksheet_cells_reader(name).map_err(xlsx_err)?;
    let mut rows = RowGrouper::new(sink);
    while let Some(cell) = cells.next_cell().map_err(xlsx_err)? {
        let (r, c) = cell.get_position();
        rows.push(r, c, from_ref(cell.get_value()));
    }
    rows.flush();
    Ok(())
}

fn stream_xlsb(
    wb: &mut Xlsb<BufReader<File>>,
    name: &str,
    sink: &mut dyn RowSink,
) -> Result<(), LoadError> {
    let mut cells = wb.worksheet_cells_reader(name).map_err(xlsb_err)?;
    let mut rows = RowGrouper::new(sink);
    while let Some(cell) = cells.next_cell().map_err(xlsb_err)? {
        let (r, c) = cell.get_position();
        rows.push(r, c, from_ref(cell.get_value()));
    }
    rows.flush();
    Ok(())
}

fn walk_ranges<R, E>(
    wb: &mut R,
    sink: &mut dyn RowSink,
    err: fn(E) -> LoadError,
) -> Result<(), LoadError>
where
    R: Reader<BufReader<File>, Error = E>,
{
    for (name, hidden) in sheets(wb) {
        if !sink.begin_sheet(&SheetInfo {
            name: Some(name.clone()),
            hidden,
        }) {
            continue;
        }
        let range = match wb.worksheet_range(&name) {
            Ok(r) => r,
            Err(e) => {
                sink.end_sheet();
                return Err(err(e));
            }
        };
        let (r0, c0) = range.start().unwrap_or((0, 0));
        let mut rows = RowGrouper::new(sink);
        for (r, c, value) in range.used_cells() {
            rows.push(r0 + r as u32, c0 + c as u32, from_data(value));
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
        DataRef::DateTime(dt) => from_excel_datetime(dt),
        DataRef::DateTimeIso(s) => from_iso(s),
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
        Data::DateTime(dt) => from_excel_datetime(dt),
        Data::DateTimeIso(s) => from_iso(s),
        Data::DurationIso(s) => RawCell::Text(s.clone()),
        Data::Error(e) => RawCell::Error(e.to_string()),
    }
}

fn is_error_text(s: &str) -> bool {
    matches!(
        s,
        "#REF!" | "#N/A" | "#DIV/0!" | "#VALUE!" | "#NAME?" | "#NUM!" | "#NULL!" | "Err:502"
            | "Err:504" | "Err:508" | "Err:522"
    )
}

fn from_excel_datetime(dt: &ExcelDateTime) -> RawCell {
    if !dt.is_datetime() {
        // A duration: keep the number, it is not a calendar date.
        return RawCell::Number(dt.as_f64());
    }
    let (y, m, d, ..) = dt.to_ymd_hms_milli();
    match NaiveDate::from_ymd_opt(i32::from(y), u32::from(m), u32::from(d)) {
        Some(date) => RawCell::Date(date),
        None => RawCell::Number(dt.as_f64()),
    }
}

fn from_iso(s: &str) -> RawCell {
    let day = s.get(..10).unwrap_or(s);
    match NaiveDate::parse_from_str(day, "%Y-%m-%d") {
        Ok(d) => RawCell::Date(d),
        Err(_) => RawCell::Text(s.to_string()),
    }
}

fn xlsx_err(e: XlsxError) -> LoadError {
    match e {
        XlsxError::Password => LoadError::Encrypted,
        other => LoadError::Corrupt(other.to_string()),
    }
}

fn xlsb_err(e: XlsbError) -> LoadError {
    LoadError::Corrupt(e.to_string())
}

fn xls_err(e: XlsError) -> LoadError {
    match e {
        XlsError::Password => LoadError::Encrypted,
        other => LoadError::Corrupt(other.to_string()),
    }
}

fn ods_err(e: OdsError) -> LoadError {
    match e {
        OdsError::Password => LoadError::Encrypted,
        other => LoadError::Corrupt(other.to_string()),
    }
}
