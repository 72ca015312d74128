//! Workbooks. An xlsx is read through [`Ahead`], which inflates its parts
//! before the parser gets to them, by bimtek's own reader (load/xlsx.rs);
//! one it hands back (odd metadata) and one [`Ahead`] cannot show go to
//! calamine. xlsb is streamed cell by cell with calamine's cells reader,
//! which never builds a dense grid: one stray value in XFD1048576 would make
//! `worksheet_range` try to allocate hundreds of GB and abort. xls and ods
//! are loaded whole by calamine when opened, so their ranges are walked cell
//! by cell.

use super::ahead::{Ahead, Directory};
use super::contain::contain;
use super::{
    Damage, Feed, Format, Limit, LoadError, LoadNotes, MAX_SHEETS, RawCell, RowGrouper, SheetInfo,
};
use calamine::{
    Data, DataRef, Ods, OdsError, Reader, SheetVisible, Xls, XlsError, Xlsb, XlsbError, Xlsx,
    XlsxError,
};
use std::fs::File;
use std::io::{BufRead, BufReader, Read, Seek};
use std::path::Path;

pub(super) fn read(
    path: &Path,
    format: Format,
    sink: &mut dyn Feed,
    notes: &mut LoadNotes,
) -> Result<(), LoadError> {
    if format == Format::Xlsx {
        // The directory is read once: the guards look at it, then the
        // parts are read through it.
        if let Some(mut directory) = Directory::open(path) {
            check_zip_limits(directory.archive())?;
            if let Some(ahead) = Ahead::from_directory(directory) {
                return match super::xlsx::read(ahead, sink, notes) {
                    Ok(result) => result,
                    Err(ahead) => read_xlsx(super::xlsx::check_tokens(*ahead)?, sink, notes),
                };
            }
        }
    }
    if matches!(format, Format::Xlsb | Format::Ods)
        && let Ok(file) = File::open(path)
        && let Ok(mut archive) = zip::ZipArchive::new(BufReader::new(file))
    {
        check_zip_limits(&mut archive)?;
    }
    if format == Format::Ods {
        check_ods_cells(path)?;
    }
    if format == Format::Xls {
        check_cfb(path)?;
    }
    let file = File::open(path).map_err(|e| LoadError::Corrupt(Damage::Io, e.to_string()))?;
    let reader = BufReader::new(file);
    match format {
        Format::Xlsx => read_xlsx(super::xlsx::check_tokens(reader)?, sink, notes),
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

/// Largest inflated size one zip entry may declare. The biggest real
/// workbooks we have seen (100k innovations with long texts, 155 MB xlsx)
/// hold a few hundred MB of XML in their largest entry.
const MAX_ENTRY_SIZE: u64 = 1 << 30;
/// Largest inflated size all entries together may declare: bounds the time
/// a workbook can take even when each entry stays under the limit.
const MAX_TOTAL_SIZE: u64 = 4 << 30;
/// Entries above this declared size must not inflate more than
/// `MAX_RATIO` times: text and XML compress 3-30 times, repeated zeros
/// (what zip bombs are made of) about 1000 times.
const RATIO_CHECKED_ABOVE: u64 = 10 << 20;
const MAX_RATIO: u64 = 200;

/// Read the zip's central directory (no inflating) and refuse an archive
/// whose entries declare absurd sizes, before calamine inflates them. The
/// zip reader stops at an entry's declared size, so declared sizes bound
/// the work. An archive whose directory cannot be read is not checked
/// here: the reader reports it as damaged.
fn check_zip_limits<R: Read + Seek>(archive: &mut zip::ZipArchive<R>) -> Result<(), LoadError> {
    // The zip reader keeps the last of two entries with one name, and
    // another reader may keep the first: two readers, two workbooks.
    if archive.has_duplicate_names() {
        return Err(LoadError::Corrupt(
            Damage::Zip,
            "two entries of the archive have the same name".into(),
        ));
    }
    let mut total: u64 = 0;
    for i in 0..archive.len() {
        let Ok(entry) = archive.by_index_data(i) else {
            continue;
        };
        // A password (ZipCrypto or AES) on an entry, as the README says.
        if entry.encrypted() {
            return Err(LoadError::Encrypted);
        }
        match entry.compression() {
            zip::CompressionMethod::Stored | zip::CompressionMethod::Deflated => {}
            other => {
                return Err(LoadError::Corrupt(
                    Damage::Compression,
                    format!(
                        "entry {} is compressed with {other}",
                        String::from_utf8_lossy(entry.name_raw()),
                    ),
                ));
            }
        }
        let (size, compressed) = (entry.size(), entry.compressed_size());
        let too_big = size > MAX_ENTRY_SIZE
            || (size > RATIO_CHECKED_ABOVE && size / compressed.max(1) > MAX_RATIO);
        if too_big {
            return Err(LoadError::TooLarge(Limit::ZipEntry {
                name: String::from_utf8_lossy(entry.name_raw()).into_owned(),
                size,
                compressed,
            }));
        }
        total = total.saturating_add(size);
        if total > MAX_TOTAL_SIZE {
            return Err(LoadError::TooLarge(Limit::ZipTotal { size: total }));
        }
    }
    Ok(())
}

/// Largest .xls examined: calamine reads the whole file into memory anyway,
/// and BIFF8 workbooks hold at most 65,536 rows a sheet.
const MAX_XLS_BYTES: u64 = 512 << 20;

/// calamine follows a CFB (.xls) sector chain until it ends, without
/// noticing a loop: one sector pointing back into its own chain made a
/// 5.7 KB .xls (found by fuzzing) take 24 GB of memory and two and a half
/// minutes. Read the sector allocation table first and refuse a loop.
///
/// calamine also makes room for every cell a sheet's DIMENSIONS record
/// spans before reading the sheet: one patched record in a 5.6 KB .xls
/// asked for 11 PB and aborted the process. So the Workbook stream is
/// found here the way calamine finds it, and each sheet's DIMENSIONS read
/// (see [`xls_dimensions`]).
fn check_cfb(path: &Path) -> Result<(), LoadError> {
    let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    if size > MAX_XLS_BYTES {
        return Err(LoadError::TooLarge(Limit::FileSize {
            size,
            limit: MAX_XLS_BYTES,
        }));
    }
    // Anything malformed here is left for calamine to report.
    let Ok(bytes) = std::fs::read(path) else {
        return Ok(());
    };
    check_cfb_bytes(&bytes)
}

/// [`check_cfb`] on the file's bytes (also the fuzz target's entry).
fn check_cfb_bytes(bytes: &[u8]) -> Result<(), LoadError> {
    let Some(cfb) = Cfb::read(bytes)? else {
        return Ok(());
    };
    let Some(stream) = cfb.workbook_stream() else {
        return Ok(());
    };
    xls_dimensions(&stream)
}

const ENDOFCHAIN: u32 = 0xFFFF_FFFE;

fn u32_at(b: &[u8], i: usize) -> u32 {
    u32::from_le_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]])
}

fn u16_at(b: &[u8], i: usize) -> u16 {
    u16::from_le_bytes([b[i], b[i + 1]])
}

/// A CFB container's sectors and allocation table, read as calamine reads
/// them: the header fills sector -1, so sector n starts at (n + 1) x size.
struct Cfb<'a> {
    bytes: &'a [u8],
    sector_size: usize,
    fat: Vec<u32>,
}

impl<'a> Cfb<'a> {
    /// None when it is not a CFB file calamine would get further with;
    /// an error when a sector chain loops.
    fn read(bytes: &'a [u8]) -> Result<Option<Cfb<'a>>, LoadError> {
        const RESERVED: u32 = 0xFFFF_FFFA;
        const DIFSECT: u32 = 0xFFFF_FFFC;
        if bytes.len() < 512 {
            return Ok(None);
        }
        let sector_size: usize = match u16_at(bytes, 30) {
            9 => 512,
            12 => 4096,
            _ => return Ok(None),
        };
        let mut cfb = Cfb {
            bytes,
            sector_size,
            fat: Vec::new(),
        };
        let words = |s: &[u8]| -> Vec<u32> { (0..s.len() / 4).map(|i| u32_at(s, i * 4)).collect() };
        let sectors = bytes.len() / sector_size + 1;
        let mut difat = words(&bytes[76..512]);
        let mut next = u32_at(bytes, 68);
        for _ in 0..sectors {
            if next >= RESERVED {
                break;
            }
            let Some(s) = cfb.sector(next) else { break };
            difat.extend(words(s));
            next = difat.pop().unwrap_or(RESERVED);
        }
        let mut fat = Vec::new();
        for id in difat.into_iter().filter(|id| *id < DIFSECT) {
            if let Some(s) = cfb.sector(id) {
                fat.extend(words(s));
            }
        }
        // Every chain is a path in the "next sector" graph: find a cycle.
        // 0 unvisited, 1 on the path being walked, 2 known to end.
        let mut state = vec![0u8; fat.len()];
        let mut walk = Vec::new();
        for start in 0..fat.len() {
            let mut at = start;
            while at < fat.len() && state[at] == 0 {
                state[at] = 1;
                walk.push(at);
                at = fat[at] as usize;
            }
            if at < fat.len() && state[at] == 1 {
                return Err(LoadError::Corrupt(
                    Damage::Cfb,
                    format!("the CFB sector chain loops back to sector {at}"),
                ));
            }
            for &i in &walk {
                state[i] = 2;
            }
            walk.clear();
        }
        cfb.fat = fat;
        Ok(Some(cfb))
    }

    fn sector(&self, id: u32) -> Option<&'a [u8]> {
        let size = self.sector_size;
        let start = (id as usize).checked_add(1)?.checked_mul(size)?;
        self.bytes.get(start..start.checked_add(size)?)
    }

    /// The first `len` bytes of the chain starting at `start` in `table`,
    /// sectors of `size` taken by `sector`; shorter when the chain ends or
    /// leaves the file early. Chains do not loop (checked in `read`).
    fn chain<'b>(
        start: u32,
        table: &[u32],
        len: usize,
        sector: impl Fn(u32) -> Option<&'b [u8]>,
    ) -> Vec<u8> {
        let mut out = Vec::new();
        let mut id = start;
        let mut steps = 0;
        while id != ENDOFCHAIN && out.len() < len && steps <= table.len() {
            let Some(s) = sector(id) else { break };
            out.extend_from_slice(&s[..s.len().min(len - out.len())]);
            let Some(&next) = table.get(id as usize) else {
                break;
            };
            id = next;
            steps += 1;
        }
        out
    }

    /// The stream calamine reads as the workbook: the first directory entry
    /// named "Workbook" (any case), else "Book"; under 4,096 bytes it lives
    /// in the mini stream.
    fn workbook_stream(&self) -> Option<Vec<u8>> {
        let sector = |id| self.sector(id);
        let dirs = Self::chain(u32_at(self.bytes, 48), &self.fat, usize::MAX, sector);
        let entries: Vec<&[u8]> = dirs.chunks_exact(128).collect();
        let root = entries.first()?;
        let name_of = |e: &[u8]| -> String {
            let units = (0..32).map(|i| u16_at(e, i * 2));
            let name: String = char::decode_utf16(units)
                .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
                .collect();
            match name.find('\0') {
                Some(end) => name[..end].to_string(),
                None => name,
            }
        };
        let len_of = |e: &[u8]| -> usize {
            let len = if self.sector_size == 512 {
                u64::from(u32_at(e, 120))
            } else {
                u64::from(u32_at(e, 120)) | u64::from(u32_at(e, 124)) << 32
            };
            // No stream is longer than the file holding it.
            len.min(self.bytes.len() as u64) as usize
        };
        let entry = ["Workbook", "Book"].iter().find_map(|wanted| {
            entries
                .iter()
                .find(|e| name_of(e).eq_ignore_ascii_case(wanted))
        })?;
        let (start, len) = (u32_at(entry, 116), len_of(entry));
        if len >= 4096 {
            return Some(Self::chain(start, &self.fat, len, sector));
        }
        let mini_fat_len = u32_at(self.bytes, 64) as usize;
        if mini_fat_len == 0 {
            return Some(Vec::new());
        }
        let mini = Self::chain(u32_at(root, 116), &self.fat, len_of(root), sector);
        let mini_fat_bytes = Self::chain(
            u32_at(self.bytes, 60),
            &self.fat,
            mini_fat_len.saturating_mul(self.sector_size),
            sector,
        );
        let mini_fat: Vec<u32> = mini_fat_bytes
            .chunks_exact(4)
            .map(|w| u32_at(w, 0))
            .collect();
        let mini_sector = |id: u32| -> Option<&[u8]> {
            let start = (id as usize).checked_mul(64)?;
            mini.get(start..(start + 64).min(mini.len()))
                .filter(|s| !s.is_empty())
        };
        // Mini chains are not in the loop check: `chain` stops after as
        // many steps as the table has entries.
        Some(Self::chain(start, &mini_fat, len, mini_sector))
    }
}

/// Most cells one sheet's DIMENSIONS record may span: BIFF8's whole grid
/// (65,536 rows x 256 columns), which no writer goes past.
const MAX_XLS_CELLS: u64 = 1 << 24;

/// Read the BIFF records of the Workbook stream as calamine does: the
/// globals up to their EOF give each sheet's offset (BoundSheet8), and each
/// sheet's records from there up to its own EOF, nested substreams (charts)
/// skipped, hold its DIMENSIONS and its cells. Refuse a sheet whose
/// DIMENSIONS span more than [`MAX_XLS_CELLS`], computed with calamine's
/// own (32-bit) arithmetic, or whose cells do (one cell in a far column
/// made calamine fill a 1.8 GB grid: found by `cargo fuzz run workbook`).
fn xls_dimensions(stream: &[u8]) -> Result<(), LoadError> {
    /// (type, data) of each record from `at`, stopping where calamine stops.
    fn records(stream: &[u8], at: usize) -> impl Iterator<Item = (u16, &[u8])> {
        let mut rest = stream.get(at..).unwrap_or_default();
        std::iter::from_fn(move || {
            if rest.len() < 4 {
                return None;
            }
            let (typ, len) = (u16_at(rest, 0), usize::from(u16_at(rest, 2)));
            let data = rest.get(4..4 + len)?;
            rest = &rest[4 + len..];
            Some((typ, data))
        })
    }
    let mut sheets = Vec::new();
    for (typ, data) in records(stream, 0) {
        match typ {
            0x0085 if data.len() >= 4 => sheets.push(u32_at(data, 0) as usize),
            0x000A => break,
            _ => {}
        }
    }
    for at in sheets {
        let (mut seen_bof, mut depth) = (false, 0usize);
        // The rows and columns the sheet's cells reach: calamine makes a
        // dense grid of them (32 bytes a cell), however few they are.
        let mut extent: Option<(u16, u16, u16, u16)> = None;
        let mut reach = |row: u16, cols: &[u16]| {
            for &col in cols {
                let e = extent.get_or_insert((row, row, col, col));
                *e = (e.0.min(row), e.1.max(row), e.2.min(col), e.3.max(col));
            }
        };
        for (typ, data) in records(stream, at) {
            if depth > 0 {
                match typ {
                    0x0809 => depth += 1,
                    0x000A => depth -= 1,
                    _ => {}
                }
                continue;
            }
            match typ {
                0x0809 if seen_bof => depth += 1,
                0x0809 => seen_bof = true,
                0x0200 => {
                    if let Some((rows, cols)) = dimension_span(data)
                        && rows.saturating_mul(cols) > MAX_XLS_CELLS
                    {
                        return Err(LoadError::TooLarge(Limit::Cells { rows, cols }));
                    }
                }
                // Number, Label, RString, BoolErr, RK, LabelSst, Formula:
                // row and column first.
                0x0203 | 0x0204 | 0x00D6 | 0x0205 | 0x027E | 0x00FD | 0x0006 if data.len() >= 4 => {
                    reach(u16_at(data, 0), &[u16_at(data, 2)]);
                }
                // MulRk: the row, the first column, ..., the last column.
                0x00BD if data.len() >= 6 => {
                    reach(
                        u16_at(data, 0),
                        &[u16_at(data, 2), u16_at(data, data.len() - 2)],
                    );
                }
                0x000A => break,
                _ => {}
            }
        }
        if let Some((r0, r1, c0, c1)) = extent {
            let (rows, cols) = (u64::from(r1 - r0) + 1, u64::from(c1 - c0) + 1);
            if rows * cols > MAX_XLS_CELLS {
                return Err(LoadError::TooLarge(Limit::Cells { rows, cols }));
            }
        }
    }
    Ok(())
}

/// The rows and columns calamine makes room for from a DIMENSIONS record's
/// data (its `parse_dimensions`, then `end - start + 1` in 32 bits).
fn dimension_span(r: &[u8]) -> Option<(u64, u64)> {
    let (rf, rl, mut cf, cl) = match r.len() {
        10 => (
            u32::from(u16_at(r, 0)),
            u32::from(u16_at(r, 2)),
            u32::from(u16_at(r, 4)),
            u32::from(u16_at(r, 6)),
        ),
        14 | 16 => (
            u32_at(r, 0),
            u32_at(r, 4),
            u32::from(u16_at(r, 8)),
            u32::from(u16_at(r, 10)),
        ),
        _ => return None,
    };
    if cf > 0xFF || cl < cf {
        cf = 0;
    }
    let (start, end) = if rl >= 1 && cl >= 1 {
        ((rf, cf), (rl - 1, cl - 1))
    } else {
        ((rf, cf), (rf, cf))
    };
    let span = |a: u32, b: u32| u64::from(b.wrapping_sub(a).wrapping_add(1));
    Some((span(start.0, end.0), span(start.1, end.1)))
}

/// Most cells the used range of one ODS sheet may span. calamine expands
/// repeated rows and columns into a dense grid (32 bytes a cell) when it
/// opens the file: one `number-rows-repeated="100000000"` row holding a value
/// took 4.8 GB and over a minute. 100k innovations x 40 columns is 4M cells.
const MAX_ODS_CELLS: u64 = 16 << 20;

/// Scan content.xml's tags (streamed, nothing kept) for the extent of each
/// sheet's non-empty cells, counting repeats, before calamine expands them.
/// Anything unreadable here is left for calamine to report.
fn check_ods_cells(path: &Path) -> Result<(), LoadError> {
    let Ok(file) = File::open(path) else {
        return Ok(());
    };
    let Ok(mut archive) = zip::ZipArchive::new(BufReader::new(file)) else {
        return Ok(());
    };
    let Ok(content) = archive.by_name("content.xml") else {
        return Ok(());
    };
    let mut input = BufReader::new(content);
    let mut extent = OdsExtent::default();
    let mut tag = Vec::new();
    let (mut in_tag, mut quote) = (false, 0u8);
    // Bytes of the current tag or text: calamine's parser holds each whole.
    let mut run = 0usize;
    loop {
        let Ok(buf) = input.fill_buf() else {
            return Ok(());
        };
        if buf.is_empty() {
            return Ok(());
        }
        for &b in buf {
            run += 1;
            if run > super::xml::MAX_TOKEN {
                return Err(LoadError::TooLarge(Limit::Value {
                    part: "content.xml".into(),
                    limit: super::xml::MAX_TOKEN as u64,
                }));
            }
            if !in_tag {
                in_tag = b == b'<';
                if in_tag {
                    run = 0;
                }
            } else if quote != 0 {
                if b == quote {
                    quote = 0;
                }
                if tag.len() < 4096 {
                    tag.push(b);
                }
            } else if b == b'>' {
                extent.tag(&tag)?;
                tag.clear();
                in_tag = false;
                run = 0;
            } else {
                if b == b'"' || b == b'\'' {
                    quote = b;
                }
                // The name and the attributes that matter come first.
                if tag.len() < 4096 {
                    tag.push(b);
                }
            }
        }
        let n = buf.len();
        input.consume(n);
    }
}

/// Where the scan is in the current sheet, and how far its values reach.
#[derive(Default)]
struct OdsExtent {
    row: u64,
    row_repeat: u64,
    col: u64,
    rows: u64,
    cols: u64,
}

impl OdsExtent {
    /// One tag, without its `<` and `>`.
    fn tag(&mut self, tag: &[u8]) -> Result<(), LoadError> {
        let self_closing = tag.last() == Some(&b'/');
        let name_end = tag
            .iter()
            .position(|b| b.is_ascii_whitespace() || *b == b'/')
            .unwrap_or(tag.len());
        let repeat = |attr: &[u8]| -> u64 {
            find(tag, attr).map_or(1, |at| {
                tag[at + attr.len()..]
                    .iter()
                    .take_while(|b| b.is_ascii_digit())
                    .fold(0u64, |n, b| {
                        n.saturating_mul(10).saturating_add(u64::from(b - b'0'))
                    })
            })
        };
        match &tag[..name_end] {
            b"table:table" => *self = OdsExtent::default(),
            b"table:table-row" => {
                self.row_repeat = repeat(b"number-rows-repeated=\"");
                self.col = 0;
                if self_closing {
                    self.row = self.row.saturating_add(self.row_repeat);
                }
            }
            b"" if tag.starts_with(b"/table:table-row") => {
                self.row = self.row.saturating_add(self.row_repeat);
            }
            b"table:table-cell" | b"table:covered-table-cell" => {
                let cols = repeat(b"number-columns-repeated=\"");
                if !self_closing || find(tag, b"value-type=").is_some() {
                    self.rows = self.rows.max(self.row.saturating_add(self.row_repeat));
                    self.cols = self.cols.max(self.col.saturating_add(cols));
                    if self.rows.saturating_mul(self.cols) > MAX_ODS_CELLS {
                        return Err(LoadError::TooLarge(Limit::Cells {
                            rows: self.rows,
                            cols: self.cols,
                        }));
                    }
                }
                self.col = self.col.saturating_add(cols);
            }
            _ => {}
        }
        Ok(())
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
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
    use std::io::{Error, ErrorKind, Write};

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

    /// Read with parts of `min_stream` bytes or more inflated on a thread,
    /// the others in one step; the file read into memory when it is no
    /// bigger than `read_whole`.
    fn ahead(
        path: &Path,
        (min_stream, read_whole): (u64, u64),
    ) -> Option<(Calls, Result<(), LoadError>)> {
        let ahead = Ahead::open_with(path, min_stream, read_whole)?;
        let mut calls = Calls::default();
        let result = read_xlsx(ahead, &mut calls, &mut LoadNotes::default());
        Some((calls, result))
    }

    #[test]
    fn inflating_ahead_gives_the_same_rows_and_errors() {
        let mut compared = 0;
        for path in super::super::ahead::tests::workbooks() {
            let (calls, result) = direct(&path);
            for way in super::super::ahead::tests::WAYS {
                let Some(through) = ahead(&path, way) else {
                    continue;
                };
                assert_eq!(through.1, result, "{}", path.display());
                assert_eq!(through.0, calls, "{}", path.display());
                compared += 1;
            }
        }
        assert!(compared >= 40, "only {compared} readings compared");
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

    #[test]
    fn a_damaged_sheet_inflated_ahead_is_the_same_damage() {
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
        for way in super::super::ahead::tests::WAYS {
            let (_, through) = ahead(&path, way).unwrap();
            assert_eq!(damage(through), expected);
        }
    }

    /// "Safe at the edges": DIMENSIONS records of every shape (10, 14 and
    /// 16 bytes of data; rows and columns large, small and reversed) in a
    /// real .xls. Whenever the check lets one through, calamine opens the
    /// workbook (an absurd reservation would abort this test's process);
    /// the check refuses exactly the spans past BIFF8's grid.
    #[test]
    fn xls_dimensions_the_check_lets_through_are_safe_for_calamine() {
        let sample = std::fs::read(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/load/sample.xls"),
        )
        .unwrap();
        let at = sample
            .windows(4)
            .position(|w| w == [0x00, 0x02, 0x0E, 0x00])
            .unwrap();
        assert_eq!(check_cfb_bytes(&sample), Ok(()));
        let mut state = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let (mut refused, mut read) = (0, 0);
        for _ in 0..400 {
            let mut bytes = sample.clone();
            let pick = |r: u64| -> u32 {
                match r % 4 {
                    0 => (r >> 8) as u32,
                    1 => (r >> 8) as u32 % 70_000,
                    2 => (r >> 8) as u32 % 300,
                    _ => u32::MAX - (r >> 8) as u32 % 4,
                }
            };
            let (rf, rl, cf, cl) = (pick(next()), pick(next()), pick(next()), pick(next()));
            bytes[at + 4..at + 8].copy_from_slice(&rf.to_le_bytes());
            bytes[at + 8..at + 12].copy_from_slice(&rl.to_le_bytes());
            bytes[at + 12..at + 14].copy_from_slice(&(cf as u16).to_le_bytes());
            bytes[at + 14..at + 16].copy_from_slice(&(cl as u16).to_le_bytes());
            let (rows, cols) = dimension_span(&bytes[at + 4..at + 18]).unwrap();
            match check_cfb_bytes(&bytes) {
                Err(LoadError::TooLarge(Limit::Cells { .. })) => {
                    assert!(rows.saturating_mul(cols) > MAX_XLS_CELLS);
                    refused += 1;
                }
                Ok(()) => {
                    assert!(
                        rows.saturating_mul(cols) <= MAX_XLS_CELLS,
                        "{rows} x {cols}"
                    );
                    let _ = contain(|| Xls::new(std::io::Cursor::new(&bytes)).map_err(xls_err));
                    read += 1;
                }
                other => panic!("{other:?}"),
            }
        }
        assert!(refused > 50 && read > 50, "{refused} refused, {read} read");
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
