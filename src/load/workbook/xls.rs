//! The guards on an old .xls, read before calamine opens it: a CFB sector
//! chain that loops, and a sheet whose DIMENSIONS (or cells) span more than
//! BIFF8's grid.

use crate::load::{Damage, Limit, LoadError};
use std::path::Path;

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
pub(super) fn check_cfb(path: &Path) -> Result<(), LoadError> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::contain::contain;
    use calamine::{Reader, Xls};

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
                    let _ = contain(|| {
                        Xls::new(std::io::Cursor::new(&bytes)).map_err(super::super::xls_err)
                    });
                    read += 1;
                }
                other => panic!("{other:?}"),
            }
        }
        assert!(refused > 50 && read > 50, "{refused} refused, {read} read");
    }
}
