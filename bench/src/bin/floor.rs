//! The floor: the least work any checker of these files must do. It reads
//! every cell of every sheet of each workbook with calamine's streaming cell
//! reader (`worksheet_cells_reader`, the reader bimtek uses) and every record
//! of each CSV with the csv crate, on one thread, and does nothing with the
//! values except count them so the reads cannot be optimised away.
//!
//! Usage: floor PATH... (folders are walked; .xlsx and .csv files are read)
//!
//! `floor --open-every-file DIR` is the floor of checking evidence by its
//! content: walk DIR (directory entries only, no stat), and open every file,
//! take its size from the open file and read its first 16 bytes, on one
//! thread. Listing alone (`find -type f`) never opens a file.

use calamine::{DataRef, Reader, Xlsx};
use std::fs::File;
use std::io::BufReader;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Default)]
struct Tally {
    files: u64,
    cells: u64,
    text_bytes: u64,
}

fn main() -> ExitCode {
    let mut paths: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    if paths.is_empty() {
        eprintln!("usage: floor PATH... | floor --open-every-file DIR");
        return ExitCode::from(2);
    }
    if paths[0].as_os_str() == "--open-every-file" {
        paths.remove(0);
        return open_every_file(&paths);
    }
    let mut files = Vec::new();
    for p in &paths {
        collect(p, &mut files);
    }
    files.sort();
    let mut tally = Tally::default();
    for f in &files {
        let ext = f
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("")
            .to_ascii_lowercase();
        let result = match ext.as_str() {
            "xlsx" => read_xlsx(f, &mut tally),
            "csv" => read_csv(f, &mut tally),
            _ => continue,
        };
        if let Err(e) = result {
            eprintln!("floor: {}: {e}", f.display());
            return ExitCode::from(2);
        }
        tally.files += 1;
    }
    eprintln!(
        "floor: {} files, {} cells, {} bytes of text",
        tally.files, tally.cells, tally.text_bytes
    );
    ExitCode::SUCCESS
}

fn collect(path: &Path, out: &mut Vec<PathBuf>) {
    if path.is_dir() {
        let Ok(entries) = std::fs::read_dir(path) else { return };
        for e in entries.flatten() {
            collect(&e.path(), out);
        }
    } else {
        out.push(path.to_path_buf());
    }
}

fn read_xlsx(path: &Path, tally: &mut Tally) -> Result<(), Box<dyn std::error::Error>> {
    let mut wb: Xlsx<_> = Xlsx::new(BufReader::new(File::open(path)?))?;
    let names = wb.sheet_names();
    for name in names {
        let mut cells = wb.worksheet_cells_reader(&name)?;
        while let Some(cell) = cells.next_cell()? {
            tally.cells += 1;
            match cell.get_value() {
                DataRef::String(s) => tally.text_bytes += s.len() as u64,
                DataRef::SharedString(s) => tally.text_bytes += s.len() as u64,
                _ => {}
            }
        }
    }
    Ok(())
}

fn read_csv(path: &Path, tally: &mut Tally) -> Result<(), Box<dyn std::error::Error>> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(BufReader::with_capacity(1 << 16, File::open(path)?));
    let mut record = csv::ByteRecord::new();
    while reader.read_byte_record(&mut record)? {
        tally.cells += record.len() as u64;
        tally.text_bytes += record.as_slice().len() as u64;
    }
    Ok(())
}

/// Walk `dirs` by directory entries and open, size and read the head of
/// every file, on one thread.
fn open_every_file(dirs: &[PathBuf]) -> ExitCode {
    let mut stack: Vec<PathBuf> = dirs.to_vec();
    let (mut files, mut bytes, mut size) = (0u64, 0u64, 0u64);
    let mut head = [0u8; 16];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        for e in entries.flatten() {
            let Ok(kind) = e.file_type() else { continue };
            if kind.is_dir() {
                stack.push(e.path());
            } else if kind.is_file() {
                let Ok(mut f) = File::open(e.path()) else { continue };
                size += f.metadata().map(|m| m.len()).unwrap_or(0);
                bytes += std::io::Read::read(&mut f, &mut head).unwrap_or(0) as u64;
                files += 1;
            }
        }
    }
    eprintln!("floor: opened {files} files ({size} bytes), read {bytes} bytes of heads");
    ExitCode::SUCCESS
}
