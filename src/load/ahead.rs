//! Inflating a workbook's big parts on a thread of their own. calamine reads
//! an xlsx by inflating each XML part and parsing it on the same thread, and
//! inflating is about half of it (100k innovations: 1.0 s of 2.1 s). This
//! module shows calamine the same archive with its big deflated parts
//! declared *stored*: their bytes come inflated, from a thread that runs
//! ahead of the parser, so the two halves overlap on two cores.
//!
//! The archive calamine sees is built here: a local header for each entry,
//! its data, a central directory and its end record. Small entries keep their
//! compressed bytes and their method; a big deflated entry keeps its CRC-32
//! and its inflated size, which are those of the stored bytes, so the zip
//! reader still checks every byte it is given. Anything unusual (zip64,
//! encryption, names that are not plain ASCII, more than a few MB of entries
//! that are not inflated ahead) is not handled: [`Ahead::open`] returns
//! `None` and the file is read directly, as before.

use std::fs::File;
use std::io::{self, BufReader, Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};
use std::sync::mpsc;

/// Entries whose inflated size is at least this are inflated ahead; smaller
/// ones are not worth a thread.
const MIN_ENTRY: u64 = 4 << 20;
/// Zeros between the entries and the central directory. A zip reader finds
/// the directory by reading backwards from the end of the file in small
/// windows (1 KB in the zip crate); without the gap, a window that reached
/// into an entry inflated ahead would inflate all of it just to be told
/// that the bytes are not the directory.
const GAP: u64 = 1 << 20;
/// Compressed bytes of the small entries held in memory, at most.
const MAX_HELD: u64 = 32 << 20;
/// Inflated bytes per message, and messages in flight before the inflater
/// waits for the parser.
const CHUNK: usize = 1 << 20;
const DEPTH: usize = 4;
/// Compressed bytes read at a time.
const INPUT: usize = 256 << 10;

/// What the parser sees at one stretch of the virtual archive.
enum Part {
    /// Headers, directory and small entries' compressed bytes.
    Bytes(Vec<u8>),
    /// Zeros between the last entry and the directory (see [`GAP`]).
    Zeros(u64),
    /// A big entry's inflated bytes, `len` of them, produced by the
    /// inflater for zip entry `index` of the real file.
    Inflated { index: usize, len: u64 },
}

struct Stretch {
    start: u64,
    part: Part,
}

/// A running inflater: its chunks, and where the current one begins.
struct Stream {
    /// Which stretch it serves.
    stretch: usize,
    chunks: mpsc::Receiver<io::Result<Vec<u8>>>,
    chunk: Vec<u8>,
    /// Offset, within the entry, of `chunk[0]`.
    chunk_start: u64,
}

/// The virtual archive: `Read + Seek` over the stretches.
pub(super) struct Ahead {
    path: PathBuf,
    stretches: Vec<Stretch>,
    len: u64,
    pos: u64,
    stream: Option<Stream>,
    /// Inflaters started so far.
    inflaters: usize,
}

/// One entry of the real archive, as the virtual one will hold it.
struct Entry {
    name: Vec<u8>,
    method: u16,
    crc: u32,
    compressed: u64,
    size: u64,
    inflate: bool,
}

impl Ahead {
    /// The virtual archive for `path`, or `None` when nothing in it is big
    /// enough to inflate ahead, or when it is anything but a plain archive.
    pub(super) fn open(path: &Path) -> Option<Ahead> {
        Self::open_with(path, MIN_ENTRY)
    }

    /// [`Ahead::open`], inflating ahead every entry of `min_entry` bytes or more.
    pub(super) fn open_with(path: &Path, min_entry: u64) -> Option<Ahead> {
        let file = File::open(path).ok()?;
        let mut archive = zip::ZipArchive::new(BufReader::new(file)).ok()?;
        let mut entries = Vec::with_capacity(archive.len());
        for i in 0..archive.len() {
            let entry = archive.by_index_data(i).ok()?;
            let name = entry.name_raw().to_vec();
            let method = entry.compression();
            let deflated = method == zip::CompressionMethod::Deflated;
            let code = match method {
                zip::CompressionMethod::Stored => 0,
                zip::CompressionMethod::Deflated => 8,
                _ => return None,
            };
            if entry.encrypted()
                || !name.is_ascii()
                || name.len() > usize::from(u16::MAX)
                || entry.size() >= u64::from(u32::MAX)
                || entry.compressed_size() >= u64::from(u32::MAX)
            {
                return None;
            }
            entries.push(Entry {
                name,
                method: code,
                crc: entry.crc32(),
                compressed: entry.compressed_size(),
                size: entry.size(),
                inflate: deflated && entry.size() >= min_entry,
            });
        }
        let held: u64 = entries
            .iter()
            .filter(|e| !e.inflate)
            .map(|e| e.compressed)
            .sum();
        if held > MAX_HELD || !entries.iter().any(|e| e.inflate) {
            return None;
        }
        let mut stretches: Vec<Stretch> = Vec::new();
        let mut offsets = Vec::with_capacity(entries.len());
        let mut pos: u64 = 0;
        let push = |stretches: &mut Vec<Stretch>, pos: &mut u64, part: Part| {
            let len = match &part {
                Part::Bytes(b) => b.len() as u64,
                Part::Zeros(len) | Part::Inflated { len, .. } => *len,
            };
            // Consecutive byte parts are merged so a read crosses fewer stretches.
            if let (
                Part::Bytes(new),
                Some(Stretch {
                    part: Part::Bytes(last),
                    ..
                }),
            ) = (&part, stretches.last_mut())
            {
                last.extend_from_slice(new);
            } else {
                stretches.push(Stretch { start: *pos, part });
            }
            *pos += len;
        };
        for (i, entry) in entries.iter().enumerate() {
            offsets.push(pos);
            let (method, stored) = if entry.inflate {
                (0, entry.size)
            } else {
                (entry.method, entry.compressed)
            };
            push(
                &mut stretches,
                &mut pos,
                Part::Bytes(local_header(entry, method, stored)),
            );
            if entry.inflate {
                push(
                    &mut stretches,
                    &mut pos,
                    Part::Inflated {
                        index: i,
                        len: entry.size,
                    },
                );
            } else {
                let mut raw = Vec::with_capacity(entry.compressed as usize);
                archive
                    .by_index_raw(i)
                    .ok()?
                    .take(entry.compressed)
                    .read_to_end(&mut raw)
                    .ok()?;
                if raw.len() as u64 != entry.compressed {
                    return None;
                }
                push(&mut stretches, &mut pos, Part::Bytes(raw));
            }
        }
        push(&mut stretches, &mut pos, Part::Zeros(GAP));
        let directory_start = pos;
        let mut directory = Vec::new();
        for (entry, offset) in entries.iter().zip(&offsets) {
            let (method, stored) = if entry.inflate {
                (0, entry.size)
            } else {
                (entry.method, entry.compressed)
            };
            directory.extend_from_slice(&central_header(entry, method, stored, *offset));
        }
        let count = u16::try_from(entries.len()).ok()?;
        let end = end_record(count, directory.len() as u64, directory_start)?;
        directory.extend_from_slice(&end);
        push(&mut stretches, &mut pos, Part::Bytes(directory));
        if pos >= u64::from(u32::MAX) {
            return None;
        }
        Some(Ahead {
            path: path.to_path_buf(),
            stretches,
            len: pos,
            pos: 0,
            stream: None,
            inflaters: 0,
        })
    }

    /// Reads from inflated entry `index` (stretch `at`) at `offset` within it.
    fn read_inflated(
        &mut self,
        at: usize,
        index: usize,
        offset: u64,
        buf: &mut [u8],
    ) -> io::Result<usize> {
        // A read behind the current chunk (or in another entry) starts the
        // inflater again from the beginning: correct, only slower. The zip
        // reader reads each entry from start to end, so it does not happen.
        let restart = match &self.stream {
            Some(s) => s.stretch != at || offset < s.chunk_start,
            None => true,
        };
        if restart {
            self.stream = Some(start_inflater(self.path.clone(), index, at));
            self.inflaters += 1;
        }
        let Some(stream) = self.stream.as_mut() else {
            return Ok(0);
        };
        while offset >= stream.chunk_start + stream.chunk.len() as u64 {
            let next = match stream.chunks.recv() {
                Ok(chunk) => chunk?,
                // The inflater ended without an error: the entry is shorter
                // than its directory says. The zip reader reports it.
                Err(_) => return Ok(0),
            };
            stream.chunk_start += stream.chunk.len() as u64;
            stream.chunk = next;
        }
        let from = (offset - stream.chunk_start) as usize;
        let n = buf.len().min(stream.chunk.len() - from);
        buf[..n].copy_from_slice(&stream.chunk[from..from + n]);
        Ok(n)
    }
}

/// Inflates entry `index` of the file at `path` on a new thread. The thread
/// ends at the end of the entry, on an error (sent as the last chunk), or
/// when the receiver is dropped.
fn start_inflater(path: PathBuf, index: usize, stretch: usize) -> Stream {
    let (tx, rx) = mpsc::sync_channel(DEPTH);
    std::thread::spawn(move || {
        if let Err(e) = inflate(&path, index, &tx) {
            let _ = tx.send(Err(e));
        }
    });
    Stream {
        stretch,
        chunks: rx,
        chunk: Vec::new(),
        chunk_start: 0,
    }
}

/// Inflates the entry's raw deflate stream in large steps. zlib keeps a
/// copy of the last 32 KB it wrote after every call; through a `Read`
/// adapter (a call per 32 KB of input) that copy is a fifth of the work.
/// The CRC-32 is not checked here: the zip reader checks the inflated bytes.
fn inflate(
    path: &Path,
    index: usize,
    tx: &mpsc::SyncSender<io::Result<Vec<u8>>>,
) -> io::Result<()> {
    let file = File::open(path)?;
    let mut archive = zip::ZipArchive::new(BufReader::new(file)).map_err(io::Error::other)?;
    let mut raw = archive.by_index_raw(index).map_err(io::Error::other)?;
    let mut inflater = flate2::Decompress::new(false);
    let mut input = vec![0; INPUT];
    let (mut from, mut to) = (0, 0);
    let mut input_done = false;
    loop {
        let mut out = Vec::with_capacity(CHUNK);
        let mut ended = false;
        while out.len() < out.capacity() {
            if from == to && !input_done {
                to = read_full(&mut raw, &mut input)?;
                from = 0;
                input_done = to == 0;
            }
            let (was_in, was_out) = (inflater.total_in(), out.len());
            let flush = if input_done {
                flate2::FlushDecompress::Finish
            } else {
                flate2::FlushDecompress::None
            };
            let status = inflater
                .decompress_vec(&input[from..to], &mut out, flush)
                .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))?;
            from += (inflater.total_in() - was_in) as usize;
            if status == flate2::Status::StreamEnd {
                ended = true;
                break;
            }
            if input_done && from == to && out.len() == was_out {
                return Err(io::Error::new(
                    io::ErrorKind::UnexpectedEof,
                    "the deflate stream ends before its last block",
                ));
            }
        }
        if !out.is_empty() && tx.send(Ok(out)).is_err() {
            return Ok(());
        }
        if ended {
            return Ok(());
        }
    }
}

/// Fills `buf` as far as `r` allows; fewer bytes only at its end.
fn read_full(r: &mut impl Read, buf: &mut [u8]) -> io::Result<usize> {
    let mut filled = 0;
    while filled < buf.len() {
        match r.read(&mut buf[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(filled)
}

impl Read for Ahead {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if buf.is_empty() || self.pos >= self.len {
            return Ok(0);
        }
        let at = self.stretches.partition_point(|s| s.start <= self.pos) - 1;
        let start = self.stretches[at].start;
        let offset = self.pos - start;
        let n = match &self.stretches[at].part {
            Part::Bytes(bytes) => {
                let from = offset as usize;
                let n = buf.len().min(bytes.len() - from);
                buf[..n].copy_from_slice(&bytes[from..from + n]);
                n
            }
            Part::Zeros(len) => {
                let n = buf.len().min((len - offset) as usize);
                buf[..n].fill(0);
                n
            }
            Part::Inflated { index, .. } => {
                let index = *index;
                self.read_inflated(at, index, offset, buf)?
            }
        };
        self.pos += n as u64;
        Ok(n)
    }
}

impl Seek for Ahead {
    fn seek(&mut self, to: SeekFrom) -> io::Result<u64> {
        let target = match to {
            SeekFrom::Start(n) => Some(n),
            SeekFrom::End(d) => self.len.checked_add_signed(d),
            SeekFrom::Current(d) => self.pos.checked_add_signed(d),
        };
        let Some(target) = target else {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                "seek before the start of the archive",
            ));
        };
        self.pos = target;
        Ok(target)
    }
}

fn local_header(entry: &Entry, method: u16, stored: u64) -> Vec<u8> {
    let mut h = Vec::with_capacity(30 + entry.name.len());
    h.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
    h.extend_from_slice(&20u16.to_le_bytes()); // version needed
    h.extend_from_slice(&0u16.to_le_bytes()); // flags
    h.extend_from_slice(&method.to_le_bytes());
    h.extend_from_slice(&0u16.to_le_bytes()); // time
    h.extend_from_slice(&0x21u16.to_le_bytes()); // date: 1980-01-01
    h.extend_from_slice(&entry.crc.to_le_bytes());
    h.extend_from_slice(&(stored as u32).to_le_bytes());
    h.extend_from_slice(&(entry.size as u32).to_le_bytes());
    h.extend_from_slice(&(entry.name.len() as u16).to_le_bytes());
    h.extend_from_slice(&0u16.to_le_bytes()); // extra field length
    h.extend_from_slice(&entry.name);
    h
}

fn central_header(entry: &Entry, method: u16, stored: u64, offset: u64) -> Vec<u8> {
    let mut h = Vec::with_capacity(46 + entry.name.len());
    h.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
    h.extend_from_slice(&20u16.to_le_bytes()); // version made by
    h.extend_from_slice(&20u16.to_le_bytes()); // version needed
    h.extend_from_slice(&0u16.to_le_bytes()); // flags
    h.extend_from_slice(&method.to_le_bytes());
    h.extend_from_slice(&0u16.to_le_bytes()); // time
    h.extend_from_slice(&0x21u16.to_le_bytes()); // date
    h.extend_from_slice(&entry.crc.to_le_bytes());
    h.extend_from_slice(&(stored as u32).to_le_bytes());
    h.extend_from_slice(&(entry.size as u32).to_le_bytes());
    h.extend_from_slice(&(entry.name.len() as u16).to_le_bytes());
    h.extend_from_slice(&[0; 12]); // extra, comment, disk, internal and external attributes
    h.extend_from_slice(&(offset as u32).to_le_bytes());
    h.extend_from_slice(&entry.name);
    h
}

fn end_record(count: u16, directory_len: u64, directory_start: u64) -> Option<Vec<u8>> {
    let mut h = Vec::with_capacity(22);
    h.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    h.extend_from_slice(&[0; 4]); // this disk, disk with the directory
    h.extend_from_slice(&count.to_le_bytes());
    h.extend_from_slice(&count.to_le_bytes());
    h.extend_from_slice(&u32::try_from(directory_len).ok()?.to_le_bytes());
    h.extend_from_slice(&u32::try_from(directory_start).ok()?.to_le_bytes());
    h.extend_from_slice(&0u16.to_le_bytes()); // comment length
    Some(h)
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use std::io::{Cursor, Write};
    use zip::write::SimpleFileOptions;

    /// Every workbook among the test fixtures and the sample data.
    pub(in crate::load) fn workbooks() -> Vec<PathBuf> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut found = Vec::new();
        for dir in [
            "tests/fixtures/load",
            "sample-data/Dinas Kesehatan",
            "sample-data/Dinas Sosial",
        ] {
            for entry in std::fs::read_dir(root.join(dir)).unwrap() {
                let path = entry.unwrap().path();
                let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
                if matches!(ext, "xlsx" | "xlsm") {
                    found.push(path);
                }
            }
        }
        found.sort();
        found
    }

    /// Each entry's name and inflated bytes, read (and CRC-checked) by the zip reader.
    fn entries(reader: impl Read + Seek) -> zip::result::ZipResult<Vec<(String, Vec<u8>)>> {
        let mut archive = zip::ZipArchive::new(reader)?;
        let mut out = Vec::new();
        for i in 0..archive.len() {
            let mut entry = archive.by_index(i)?;
            let mut bytes = Vec::new();
            entry.read_to_end(&mut bytes)?;
            out.push((entry.name()?.into_owned(), bytes));
        }
        Ok(out)
    }

    /// Text that compresses about as well as a sheet's XML.
    fn text(len: usize) -> Vec<u8> {
        let words = [
            "inovasi",
            "daerah",
            "pelayanan",
            "publik",
            "<c r=\"A1\">",
            "2026",
            "desa",
        ];
        let mut out = Vec::with_capacity(len + 16);
        let mut x: u32 = 7;
        while out.len() < len {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            out.extend_from_slice(words[(x >> 16) as usize % words.len()].as_bytes());
            out.extend_from_slice(format!(" {} ", x % 977).as_bytes());
        }
        out.truncate(len);
        out
    }

    fn write_zip(path: &Path, files: &[(&str, &[u8], zip::CompressionMethod)]) {
        let mut zip = zip::ZipWriter::new(File::create(path).unwrap());
        for (name, bytes, method) in files {
            zip.start_file(
                *name,
                SimpleFileOptions::default().compression_method(*method),
            )
            .unwrap();
            zip.write_all(bytes).unwrap();
        }
        zip.finish().unwrap();
    }

    #[test]
    fn every_entry_reads_the_same_through_the_virtual_archive() {
        let mut compared = 0;
        for path in workbooks() {
            let Ok(direct) = entries(BufReader::new(File::open(&path).unwrap())) else {
                assert!(Ahead::open_with(&path, 0).is_none(), "{}", path.display());
                continue;
            };
            let mut ahead = Ahead::open_with(&path, 0)
                .unwrap_or_else(|| panic!("{} is a plain archive", path.display()));
            assert_eq!(entries(&mut ahead).unwrap(), direct, "{}", path.display());
            // Each entry inflated once: finding the directory and the
            // headers never reads into an entry's data.
            let inflated = ahead
                .stretches
                .iter()
                .filter(|s| matches!(s.part, Part::Inflated { .. }));
            assert_eq!(ahead.inflaters, inflated.count(), "{}", path.display());
            compared += 1;
        }
        assert!(compared >= 10, "only {compared} workbooks compared");
    }

    #[test]
    fn reads_in_any_order_give_the_entry_s_bytes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.zip");
        let content = text(3 << 20);
        let small = text(1000);
        write_zip(
            &path,
            &[
                ("small.xml", &small, zip::CompressionMethod::Deflated),
                ("big.xml", &content, zip::CompressionMethod::Deflated),
                ("stored.xml", &small, zip::CompressionMethod::Stored),
            ],
        );
        let mut ahead = Ahead::open_with(&path, 1 << 20).unwrap();
        let start = ahead
            .stretches
            .iter()
            .find(|s| matches!(s.part, Part::Inflated { .. }))
            .unwrap()
            .start;
        // Forwards past several chunks, back to the start, forwards again.
        for at in [2_500_000, 10, 1_500_000, 1_500_001, CHUNK as u64 - 3] {
            ahead.seek(SeekFrom::Start(start + at)).unwrap();
            let mut got = vec![0; 4096];
            let mut filled = 0;
            while filled < got.len() {
                filled += ahead.read(&mut got[filled..]).unwrap();
            }
            let at = at as usize;
            assert_eq!(got, content[at..at + 4096], "at {at}");
        }
        // The whole archive still reads as the original.
        ahead.seek(SeekFrom::Start(0)).unwrap();
        let direct = entries(File::open(&path).unwrap()).unwrap();
        assert_eq!(entries(ahead).unwrap(), direct);
    }

    #[test]
    fn odd_or_small_archives_are_read_directly() {
        let dir = tempfile::tempdir().unwrap();
        let body = text(2 << 20);
        let plain = dir.path().join("plain.zip");
        write_zip(
            &plain,
            &[("a.xml", &body, zip::CompressionMethod::Deflated)],
        );
        assert!(Ahead::open_with(&plain, 1 << 20).is_some());
        // Nothing big enough.
        assert!(Ahead::open_with(&plain, 4 << 20).is_none());
        assert!(Ahead::open(&plain).is_none());
        // A name that is not plain ASCII.
        let named = dir.path().join("named.zip");
        write_zip(
            &named,
            &[("lembar-ü.xml", &body, zip::CompressionMethod::Deflated)],
        );
        assert!(Ahead::open_with(&named, 1 << 20).is_none());
        // More stored bytes than are held in memory.
        let stored = dir.path().join("stored.zip");
        let lots = text(MAX_HELD as usize + 1);
        write_zip(
            &stored,
            &[
                ("a.xml", &body, zip::CompressionMethod::Deflated),
                ("b.bin", &lots, zip::CompressionMethod::Stored),
            ],
        );
        assert!(Ahead::open_with(&stored, 1 << 20).is_none());
        // Not an archive at all.
        let not_zip = dir.path().join("not.zip");
        std::fs::write(&not_zip, &body).unwrap();
        assert!(Ahead::open_with(&not_zip, 0).is_none());
    }

    /// `path` with its first entry's compressed bytes changed by `damage`.
    fn damaged(path: &Path, damage: impl Fn(&mut Vec<u8>, usize, usize)) {
        let mut archive = zip::ZipArchive::new(File::open(path).unwrap()).unwrap();
        let entry = archive.by_index_raw(0).unwrap();
        let (start, len) = (
            entry.data_start().unwrap() as usize,
            entry.compressed_size() as usize,
        );
        drop(entry);
        let mut bytes = std::fs::read(path).unwrap();
        damage(&mut bytes, start, len);
        std::fs::write(path, bytes).unwrap();
    }

    #[test]
    fn damaged_deflate_data_is_an_error_of_the_entry_both_ways() {
        let dir = tempfile::tempdir().unwrap();
        let body = text(2 << 20);
        let garbled = dir.path().join("garbled.zip");
        write_zip(
            &garbled,
            &[("a.xml", &body, zip::CompressionMethod::Deflated)],
        );
        damaged(&garbled, |bytes, start, len| {
            for b in &mut bytes[start + len / 2..start + len / 2 + 64] {
                *b ^= 0x5a;
            }
        });
        // The end of the stream is zeroed: it stops before its last block.
        let cut = dir.path().join("cut.zip");
        write_zip(&cut, &[("a.xml", &body, zip::CompressionMethod::Deflated)]);
        damaged(&cut, |bytes, start, len| {
            bytes[start + len - 64..start + len].fill(0);
        });
        // The directory is right but the stream stops halfway: the zip
        // was cut short while being written and mended by a tool.
        let half = dir.path().join("half.zip");
        let mut deflate =
            flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::fast());
        deflate.write_all(&body).unwrap();
        let stream = deflate.finish().unwrap();
        let entry = Entry {
            name: b"a.xml".to_vec(),
            method: 8,
            crc: crc32fast::hash(&body),
            compressed: (stream.len() / 2) as u64,
            size: body.len() as u64,
            inflate: false,
        };
        let mut bytes = local_header(&entry, 8, entry.compressed);
        bytes.extend_from_slice(&stream[..stream.len() / 2]);
        let directory = central_header(&entry, 8, entry.compressed, 0);
        let directory_start = bytes.len() as u64;
        bytes.extend_from_slice(&directory);
        bytes.extend_from_slice(&end_record(1, directory.len() as u64, directory_start).unwrap());
        std::fs::write(&half, bytes).unwrap();
        for path in [garbled, cut, half] {
            let direct = entries(File::open(&path).unwrap());
            let ahead = Ahead::open_with(&path, 1 << 20).unwrap();
            let through = entries(ahead);
            assert!(direct.is_err(), "{}", path.display());
            let error = through.expect_err("damage read through the virtual archive");
            let io = match error {
                zip::result::ZipError::Io(io) => io,
                other => panic!("{other:?}"),
            };
            assert!(
                matches!(
                    io.kind(),
                    io::ErrorKind::InvalidData | io::ErrorKind::UnexpectedEof
                ),
                "{io:?}"
            );
        }
    }

    #[test]
    fn read_end_to_end_it_is_a_valid_archive() {
        // Read from start to end, the virtual archive is a zip file of its own.
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.zip");
        let body = text(1 << 20);
        write_zip(&path, &[("a.xml", &body, zip::CompressionMethod::Deflated)]);
        let mut ahead = Ahead::open_with(&path, 0).unwrap();
        let mut all = Vec::new();
        ahead.read_to_end(&mut all).unwrap();
        assert_eq!(all.len() as u64, ahead.len);
        assert_eq!(
            entries(Cursor::new(all)).unwrap(),
            entries(File::open(&path).unwrap()).unwrap()
        );
    }
}
