//! A workbook's zip parts, inflated before calamine's parser reads them.
//! calamine reads an xlsx by inflating each XML part through a `Read`
//! adapter and parsing it on the same thread. Inflating is about half of
//! reading a big workbook, and much of that went to zlib copying its 32 KB
//! window after each small step.
//!
//! This module shows calamine the same archive with every part declared
//! *stored*: a part under [`MIN_STREAM`] is inflated in one step when the
//! parser first reads it and kept while it is read; a bigger one is inflated
//! on a thread of its own in 1 MB steps, running ahead of the parser, so on
//! two cores the two halves overlap. Each part keeps its CRC-32 and its
//! inflated size, which are those of the stored bytes, so the zip reader
//! still checks every byte it is given.
//!
//! A part whose deflate stream is damaged only after its declared size (it
//! goes on, or does not end) is read up to that size, and those bytes must
//! match the CRC-32; the zip reader, reading the stream itself, refuses such
//! a part whole. The data is intact, so bimtek reads it.
//!
//! The archive calamine sees is built here: a local header for each entry,
//! its data, a central directory and its end record. Anything unusual
//! (zip64, encryption, a method other than stored or deflated, names that
//! are not plain ASCII) is not handled: [`Ahead::open`] returns `None` and
//! the file is read directly.

use std::fs::File;
use std::io::{self, BufReader, Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};
use std::sync::{Arc, mpsc};

/// Parts whose inflated size is at least this are inflated on a thread of
/// their own; smaller ones in one step, in memory.
const MIN_STREAM: u64 = 4 << 20;
/// Zeros between the entries and the central directory. A zip reader finds
/// the directory by reading backwards from the end of the file in small
/// windows (1 KB in the zip crate); without the gap, a window that reached
/// into the last entry would inflate all of it just to be told that the
/// bytes are not the directory.
const GAP: u64 = 1 << 20;
/// Inflated bytes per message, and messages in flight before the inflating
/// thread waits for the parser. Three threads share two cores (inflating,
/// parsing, checking); the parser is the slowest, and a core idles when
/// both others wait for it, so each may run well ahead (as rows do in
/// load/pipe.rs), for some memory.
const CHUNK: usize = 1 << 20;
const DEPTH: usize = 16;
/// Compressed bytes read at a time by the inflating thread.
const INPUT: usize = 256 << 10;
/// Room zune-inflate is given beyond a part's size, so that it never grows
/// its buffer (it wants up to 6 + 258 + 2 x 16 bytes free in its fast loop).
const INFLATE_SLACK: usize = 4 << 10;
/// Files up to this size are read into memory in one go: finding a small
/// workbook's parts through a file buffer took a seek and a read of 8 KB
/// for each one.
const READ_WHOLE: u64 = 16 << 20;

/// A whole file's bytes, shared with an inflating thread. An `Arc<[u8]>`
/// would copy them all once more when made from the bytes read.
#[derive(Clone)]
struct Shared(Arc<Vec<u8>>);

impl AsRef<[u8]> for Shared {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

/// The real file, or all its bytes (shared with an inflating thread).
enum Source {
    Memory(io::Cursor<Shared>),
    File(BufReader<File>),
}

impl Source {
    /// The source, and the length of the file.
    fn open(path: &Path, read_whole: u64) -> io::Result<(Source, u64)> {
        let mut file = File::open(path)?;
        let len = file.metadata()?.len();
        if len <= read_whole {
            let mut bytes = Vec::with_capacity(len as usize);
            file.read_to_end(&mut bytes)?;
            let len = bytes.len() as u64;
            Ok((
                Source::Memory(io::Cursor::new(Shared(Arc::new(bytes)))),
                len,
            ))
        } else {
            Ok((Source::File(BufReader::new(file)), len))
        }
    }
}

impl Read for Source {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match self {
            Source::Memory(c) => c.read(buf),
            Source::File(f) => f.read(buf),
        }
    }
}

impl Seek for Source {
    fn seek(&mut self, to: SeekFrom) -> io::Result<u64> {
        match self {
            Source::Memory(c) => c.seek(to),
            Source::File(f) => f.seek(to),
        }
    }
}

/// Where a part's compressed bytes are in the real file.
#[derive(Clone, Copy)]
struct Raw {
    offset: u64,
    len: u64,
}

/// What the parser sees at one stretch of the virtual archive.
enum Part {
    /// Headers and the directory.
    Bytes(Vec<u8>),
    /// Zeros between the last entry and the directory (see [`GAP`]).
    Zeros(u64),
    /// A stored entry's bytes, read from the real file.
    Stored(Raw),
    /// A deflated entry, inflated in one step: `len` bytes whose CRC-32 is
    /// `crc`.
    Whole { raw: Raw, len: u64, crc: u32 },
    /// A big deflated entry, inflated on a thread of its own.
    Stream { raw: Raw, len: u64 },
}

impl Part {
    fn len(&self) -> u64 {
        match self {
            Part::Bytes(b) => b.len() as u64,
            Part::Zeros(len) | Part::Whole { len, .. } | Part::Stream { len, .. } => *len,
            Part::Stored(raw) => raw.len,
        }
    }
}

struct Stretch {
    start: u64,
    part: Part,
}

/// The last part inflated in one step: its bytes, and the error that
/// stopped it early, if one did (given when a read reaches the end).
struct Inflated {
    stretch: usize,
    bytes: Vec<u8>,
    error: Option<(io::ErrorKind, String)>,
}

/// A running inflating thread: its chunks, and where the current one begins.
struct Running {
    stretch: usize,
    chunks: mpsc::Receiver<io::Result<Vec<u8>>>,
    chunk: Vec<u8>,
    /// Offset, within the part, of `chunk[0]`.
    chunk_start: u64,
}

/// A workbook's real zip directory, read once: the size guards
/// (load/workbook.rs) look at it, then [`Ahead`] is built on it.
pub(super) struct Directory {
    path: PathBuf,
    archive: zip::ZipArchive<Source>,
    file_len: u64,
}

impl Directory {
    /// The directory of the zip at `path`, or `None` when it cannot be read
    /// (the reader then reports the damage).
    pub(super) fn open(path: &Path) -> Option<Directory> {
        Self::open_with(path, READ_WHOLE)
    }

    fn open_with(path: &Path, read_whole: u64) -> Option<Directory> {
        let (source, file_len) = Source::open(path, read_whole).ok()?;
        let archive = zip::ZipArchive::new(source).ok()?;
        Some(Directory {
            path: path.to_path_buf(),
            archive,
            file_len,
        })
    }

    pub(super) fn archive(&mut self) -> &mut zip::ZipArchive<impl Read + Seek> {
        &mut self.archive
    }
}

/// The virtual archive: `Read + Seek` over the stretches.
pub(super) struct Ahead {
    path: PathBuf,
    file: Source,
    stretches: Vec<Stretch>,
    len: u64,
    pos: u64,
    inflated: Option<Inflated>,
    running: Option<Running>,
    /// Parts inflated so far (both kinds, counting restarts).
    inflations: usize,
}

/// One entry of the real archive.
struct Entry {
    name: Vec<u8>,
    crc: u32,
    size: u64,
    raw: Raw,
    deflated: bool,
}

impl Ahead {
    /// The virtual archive for `path`, or `None` when it is anything but a
    /// plain archive.
    #[cfg(test)]
    pub(super) fn open(path: &Path) -> Option<Ahead> {
        Self::open_with(path, MIN_STREAM, READ_WHOLE)
    }

    /// [`Ahead::open`], inflating parts of `min_stream` bytes or more on a
    /// thread of their own, and reading files of up to `read_whole` bytes
    /// into memory.
    #[cfg(test)]
    pub(super) fn open_with(path: &Path, min_stream: u64, read_whole: u64) -> Option<Ahead> {
        Self::with_directory(Directory::open_with(path, read_whole)?, min_stream)
    }

    /// The virtual archive over a workbook whose directory was read.
    pub(super) fn from_directory(directory: Directory) -> Option<Ahead> {
        Self::with_directory(directory, MIN_STREAM)
    }

    fn with_directory(directory: Directory, min_stream: u64) -> Option<Ahead> {
        let Directory {
            path,
            mut archive,
            file_len,
        } = directory;
        let mut entries = Vec::with_capacity(archive.len());
        for i in 0..archive.len() {
            let entry = archive.by_index_raw(i).ok()?;
            let name = entry.name_raw().to_vec();
            let deflated = match entry.compression() {
                zip::CompressionMethod::Stored => false,
                zip::CompressionMethod::Deflated => true,
                _ => return None,
            };
            if entry.encrypted()
                || !name.is_ascii()
                || name.len() > usize::from(u16::MAX)
                || entry.size() >= u64::from(u32::MAX)
            {
                return None;
            }
            let raw = Raw {
                offset: entry.data_start()?,
                len: entry.compressed_size(),
            };
            // A part said to reach past the end of the file: reading it
            // directly reports the damage.
            if raw.offset.checked_add(raw.len)? > file_len {
                return None;
            }
            entries.push(Entry {
                name,
                crc: entry.crc32(),
                size: entry.size(),
                raw,
                deflated,
            });
        }
        let mut stretches: Vec<Stretch> = Vec::new();
        let mut offsets = Vec::with_capacity(entries.len());
        let mut pos: u64 = 0;
        let push = |stretches: &mut Vec<Stretch>, pos: &mut u64, part: Part| {
            let len = part.len();
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
        for entry in &entries {
            offsets.push(pos);
            push(&mut stretches, &mut pos, Part::Bytes(local_header(entry)));
            let (raw, len) = (entry.raw, entry.size);
            let part = match entry.deflated {
                false => Part::Stored(raw),
                true if len >= min_stream => Part::Stream { raw, len },
                true => Part::Whole {
                    raw,
                    len,
                    crc: entry.crc,
                },
            };
            push(&mut stretches, &mut pos, part);
        }
        push(&mut stretches, &mut pos, Part::Zeros(GAP));
        let directory_start = pos;
        let mut directory = Vec::new();
        for (entry, offset) in entries.iter().zip(&offsets) {
            directory.extend_from_slice(&central_header(entry, *offset));
        }
        let count = u16::try_from(entries.len()).ok()?;
        let end = end_record(count, directory.len() as u64, directory_start)?;
        directory.extend_from_slice(&end);
        push(&mut stretches, &mut pos, Part::Bytes(directory));
        if pos >= u64::from(u32::MAX) {
            return None;
        }
        Some(Ahead {
            path,
            file: archive.into_inner(),
            stretches,
            len: pos,
            pos: 0,
            inflated: None,
            running: None,
            inflations: 0,
        })
    }

    /// Reads stored bytes at `offset` of `raw`.
    fn read_stored(&mut self, raw: Raw, offset: u64, buf: &mut [u8]) -> io::Result<usize> {
        let n = buf.len().min((raw.len - offset) as usize);
        self.file.seek(SeekFrom::Start(raw.offset + offset))?;
        self.file.read(&mut buf[..n])
    }

    /// Reads part `at` (deflated, `len` bytes with CRC-32 `crc`) at
    /// `offset`, inflating it whole on the first read.
    fn read_whole(
        &mut self,
        at: usize,
        raw: Raw,
        len: u64,
        crc: u32,
        offset: u64,
        buf: &mut [u8],
    ) -> io::Result<usize> {
        if self.inflated.as_ref().is_none_or(|w| w.stretch != at) {
            self.inflations += 1;
            let (bytes, error) = match &mut self.file {
                // Within the file: checked when the archive was opened.
                Source::Memory(c) => {
                    let from = raw.offset as usize;
                    inflate_whole(
                        &c.get_ref().as_ref()[from..from + raw.len as usize],
                        len,
                        crc,
                    )
                }
                Source::File(f) => {
                    let mut compressed = Vec::with_capacity(raw.len as usize);
                    f.seek(SeekFrom::Start(raw.offset))?;
                    f.take(raw.len).read_to_end(&mut compressed)?;
                    if compressed.len() as u64 != raw.len {
                        return Err(io::Error::new(
                            io::ErrorKind::UnexpectedEof,
                            "the file ends inside a part",
                        ));
                    }
                    inflate_whole(&compressed, len, crc)
                }
            };
            self.inflated = Some(Inflated {
                stretch: at,
                bytes,
                error,
            });
        }
        let Some(inflated) = &self.inflated else {
            return Ok(0);
        };
        let from = offset as usize;
        if from >= inflated.bytes.len() {
            return match &inflated.error {
                Some((kind, message)) => Err(io::Error::new(*kind, message.clone())),
                None => Ok(0),
            };
        }
        let n = buf.len().min(inflated.bytes.len() - from);
        buf[..n].copy_from_slice(&inflated.bytes[from..from + n]);
        Ok(n)
    }

    /// Reads part `at` (a big deflated one) at `offset`, from its inflating
    /// thread.
    fn read_stream(
        &mut self,
        at: usize,
        raw: Raw,
        offset: u64,
        buf: &mut [u8],
    ) -> io::Result<usize> {
        // A read behind the current chunk (or in another part) starts the
        // thread again from the beginning: correct, only slower. The zip
        // reader reads each part from start to end, so it does not happen.
        let restart = match &self.running {
            Some(r) => r.stretch != at || offset < r.chunk_start,
            None => true,
        };
        if restart {
            self.inflations += 1;
            // The inflating thread reads the bytes in memory, or opens the
            // file again to read at its own position.
            let from = match &self.file {
                Source::Memory(c) => Origin::Memory(c.get_ref().clone()),
                Source::File(_) => Origin::Path(self.path.clone()),
            };
            self.running = Some(start_thread(from, raw, at));
        }
        let Some(running) = self.running.as_mut() else {
            return Ok(0);
        };
        while offset >= running.chunk_start + running.chunk.len() as u64 {
            let next = match running.chunks.recv() {
                Ok(chunk) => chunk?,
                // The thread ended without an error: the part is shorter
                // than its directory says. The zip reader reports it.
                Err(_) => return Ok(0),
            };
            running.chunk_start += running.chunk.len() as u64;
            running.chunk = next;
        }
        let from = (offset - running.chunk_start) as usize;
        let n = buf.len().min(running.chunk.len() - from);
        buf[..n].copy_from_slice(&running.chunk[from..from + n]);
        Ok(n)
    }
}

fn cut_short() -> (io::ErrorKind, String) {
    (
        io::ErrorKind::UnexpectedEof,
        "the deflate stream ends before its last block".to_string(),
    )
}

/// Inflates `compressed` in one step into at most `len` bytes whose CRC-32
/// should be `crc`. What was inflated before an error is kept, so the
/// parser reads as far as it would have reading the stream, and then gets
/// the error.
///
/// A whole part is first inflated by zune-inflate, which is faster than
/// zlib-rs in one step (measured on the country's agency workbooks). Its
/// bytes are taken only when they are exactly the part, by size and CRC-32;
/// anything else (a damaged stream, a stream longer than the directory
/// says, a decoder disagreeing) is inflated again by zlib-rs, which the
/// streaming path and the zip reader also use, so damage reads the same
/// either way.
fn inflate_whole(
    compressed: &[u8],
    len: u64,
    crc: u32,
) -> (Vec<u8>, Option<(io::ErrorKind, String)>) {
    match inflate_fast(compressed, len, crc) {
        Some(out) => (out, None),
        None => inflate_whole_zlib(compressed, len),
    }
}

/// zune-inflate's bytes of a part, when they are exactly `len` bytes with
/// CRC-32 `crc`.
fn inflate_fast(compressed: &[u8], len: u64, crc: u32) -> Option<Vec<u8>> {
    let len = usize::try_from(len).ok()?;
    // zune-inflate keeps a few hundred bytes free past what it writes (its
    // fast loop copies in 16-byte steps, up to a whole match at a time) and
    // grows its buffer when they run out: with room for exactly `len` bytes
    // it grew, copying and zeroing the whole part again, near the end of
    // every part.
    let options = zune_inflate::DeflateOptions::default()
        .set_size_hint(len.saturating_add(INFLATE_SLACK))
        .set_limit(len);
    let out = zune_inflate::DeflateDecoder::new_with_options(compressed, options)
        .decode_deflate()
        .ok()?;
    (out.len() == len && crc32fast::hash(&out) == crc).then_some(out)
}

/// [`inflate_whole`] by zlib-rs alone.
fn inflate_whole_zlib(compressed: &[u8], len: u64) -> (Vec<u8>, Option<(io::ErrorKind, String)>) {
    let mut out = Vec::with_capacity(len as usize);
    let mut inflater = flate2::Decompress::new(false);
    let status = inflater.decompress_vec(compressed, &mut out, flate2::FlushDecompress::Finish);
    let error = match status {
        Ok(flate2::Status::StreamEnd) => None,
        // More bytes than the directory says: the zip reader stops at its
        // size and the CRC-32 tells.
        Ok(_) if out.len() as u64 == len => None,
        Ok(_) => Some(cut_short()),
        Err(e) => Some((io::ErrorKind::InvalidData, e.to_string())),
    };
    (out, error)
}

/// Where an inflating thread reads the compressed bytes.
enum Origin {
    Memory(Shared),
    Path(PathBuf),
}

/// Inflates `raw` on a new thread. The thread ends at the end of the part,
/// on an error (sent as the last chunk), or when the receiver is dropped.
fn start_thread(from: Origin, raw: Raw, stretch: usize) -> Running {
    let (tx, rx) = mpsc::sync_channel(DEPTH);
    std::thread::spawn(move || {
        if let Err(e) = inflate_stream(from, raw, &tx) {
            let _ = tx.send(Err(e));
        }
    });
    Running {
        stretch,
        chunks: rx,
        chunk: Vec::new(),
        chunk_start: 0,
    }
}

/// Inflates a part in 1 MB steps and sends them. The CRC-32 is not checked
/// here: the zip reader checks the inflated bytes.
fn inflate_stream(
    from: Origin,
    raw: Raw,
    tx: &mpsc::SyncSender<io::Result<Vec<u8>>>,
) -> io::Result<()> {
    let mut compressed: Box<dyn Read> = match from {
        Origin::Memory(bytes) => {
            let mut cursor = io::Cursor::new(bytes);
            cursor.set_position(raw.offset);
            Box::new(cursor.take(raw.len))
        }
        Origin::Path(path) => {
            let mut file = File::open(path)?;
            file.seek(SeekFrom::Start(raw.offset))?;
            Box::new(file.take(raw.len))
        }
    };
    let mut inflater = flate2::Decompress::new(false);
    let mut input = vec![0; INPUT];
    let (mut from, mut to) = (0, 0);
    let mut input_done = false;
    loop {
        let mut out = Vec::with_capacity(CHUNK);
        let mut ended = false;
        while out.len() < out.capacity() {
            if from == to && !input_done {
                to = read_full(&mut compressed, &mut input)?;
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
                let (kind, message) = cut_short();
                return Err(io::Error::new(kind, message));
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
        // The last stretch starting at or before the position: a stretch of
        // length zero is never the one read.
        let at = self.stretches.partition_point(|s| s.start <= self.pos) - 1;
        let offset = self.pos - self.stretches[at].start;
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
            &Part::Stored(raw) => self.read_stored(raw, offset, buf)?,
            &Part::Whole { raw, len, crc } => self.read_whole(at, raw, len, crc, offset, buf)?,
            &Part::Stream { raw, .. } => self.read_stream(at, raw, offset, buf)?,
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

/// Every entry is stored in the virtual archive: its size is its length.
fn local_header(entry: &Entry) -> Vec<u8> {
    let mut h = Vec::with_capacity(30 + entry.name.len());
    h.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
    h.extend_from_slice(&20u16.to_le_bytes()); // version needed
    h.extend_from_slice(&0u16.to_le_bytes()); // flags
    h.extend_from_slice(&0u16.to_le_bytes()); // method: stored
    h.extend_from_slice(&0u16.to_le_bytes()); // time
    h.extend_from_slice(&0x21u16.to_le_bytes()); // date: 1980-01-01
    h.extend_from_slice(&entry.crc.to_le_bytes());
    h.extend_from_slice(&(entry.size as u32).to_le_bytes());
    h.extend_from_slice(&(entry.size as u32).to_le_bytes());
    h.extend_from_slice(&(entry.name.len() as u16).to_le_bytes());
    h.extend_from_slice(&0u16.to_le_bytes()); // extra field length
    h.extend_from_slice(&entry.name);
    h
}

fn central_header(entry: &Entry, offset: u64) -> Vec<u8> {
    let mut h = Vec::with_capacity(46 + entry.name.len());
    h.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
    h.extend_from_slice(&20u16.to_le_bytes()); // version made by
    h.extend_from_slice(&20u16.to_le_bytes()); // version needed
    h.extend_from_slice(&0u16.to_le_bytes()); // flags
    h.extend_from_slice(&0u16.to_le_bytes()); // method: stored
    h.extend_from_slice(&0u16.to_le_bytes()); // time
    h.extend_from_slice(&0x21u16.to_le_bytes()); // date
    h.extend_from_slice(&entry.crc.to_le_bytes());
    h.extend_from_slice(&(entry.size as u32).to_le_bytes());
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

    /// (min_stream, read_whole): every part in one step or on a thread, the
    /// file in memory or read through a buffer.
    pub(in crate::load) const WAYS: [(u64, u64); 4] =
        [(u64::MAX, u64::MAX), (0, 0), (u64::MAX, 0), (0, u64::MAX)];

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

    /// Parts inflated when read, of either kind, that hold any bytes.
    fn inflatable(ahead: &Ahead) -> usize {
        let parts = ahead.stretches.iter().map(|s| &s.part);
        parts
            .filter(|p| matches!(p, Part::Whole { .. } | Part::Stream { .. }) && p.len() > 0)
            .count()
    }

    #[test]
    fn every_entry_reads_the_same_through_the_virtual_archive() {
        let mut compared = 0;
        for path in workbooks() {
            let Ok(direct) = entries(BufReader::new(File::open(&path).unwrap())) else {
                assert!(Ahead::open(&path).is_none(), "{}", path.display());
                continue;
            };
            // Every part in one step, then every part on a thread; the
            // file in memory, and read through a buffer.
            for (min_stream, read_whole) in WAYS {
                let mut ahead = Ahead::open_with(&path, min_stream, read_whole)
                    .unwrap_or_else(|| panic!("{} is a plain archive", path.display()));
                assert_eq!(entries(&mut ahead).unwrap(), direct, "{}", path.display());
                // Each part inflated once: finding the directory and the
                // headers never reads into a part's data.
                assert_eq!(ahead.inflations, inflatable(&ahead), "{}", path.display());
            }
            compared += 1;
        }
        assert!(compared >= 10, "only {compared} workbooks compared");
    }

    #[test]
    fn the_fast_inflater_gives_exactly_the_part_or_nothing() {
        let mut parts = 0;
        for path in workbooks() {
            let bytes = std::fs::read(&path).unwrap();
            let Ok(mut archive) = zip::ZipArchive::new(Cursor::new(&bytes)) else {
                continue;
            };
            for i in 0..archive.len() {
                let (start, raw_len, len, crc) = {
                    let e = archive.by_index_raw(i).unwrap();
                    if e.compression() != zip::CompressionMethod::Deflated || e.size() == 0 {
                        continue;
                    }
                    let start = e.data_start().unwrap() as usize;
                    (start, e.compressed_size() as usize, e.size(), e.crc32())
                };
                let mut direct = Vec::new();
                let Ok(_) = archive.by_index(i).unwrap().read_to_end(&mut direct) else {
                    continue;
                };
                let raw = &bytes[start..start + raw_len];
                let at = format!("{} entry {i}", path.display());
                let fast = inflate_fast(raw, len, crc);
                assert_eq!(fast.as_ref(), Some(&direct), "{at}");
                // Given room enough at the start, the buffer never grew.
                let room = fast.map_or(0, |out| out.capacity());
                assert!(room <= len as usize + INFLATE_SLACK, "{at}: grew to {room}");
                assert_eq!(inflate_whole(raw, len, crc), (direct, None), "{at}");
                // Anything but exactly the part is left to zlib-rs.
                assert_eq!(inflate_fast(raw, len, crc ^ 1), None, "{at}");
                assert_eq!(inflate_fast(raw, len - 1, crc), None, "{at}");
                assert_eq!(inflate_fast(raw, len + 1, crc), None, "{at}");
                assert_eq!(inflate_fast(&raw[..raw_len / 2], len, crc), None, "{at}");
                parts += 1;
            }
        }
        assert!(parts >= 50, "only {parts} parts inflated");
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
        let mut ahead = Ahead::open_with(&path, 1 << 20, 0).unwrap();
        let start = ahead
            .stretches
            .iter()
            .find(|s| matches!(s.part, Part::Stream { .. }))
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
    fn odd_archives_are_read_directly() {
        let dir = tempfile::tempdir().unwrap();
        let body = text(2 << 20);
        let plain = dir.path().join("plain.zip");
        write_zip(
            &plain,
            &[("a.xml", &body, zip::CompressionMethod::Deflated)],
        );
        assert!(Ahead::open(&plain).is_some());
        // A name that is not plain ASCII.
        let named = dir.path().join("named.zip");
        write_zip(
            &named,
            &[("lembar-ü.xml", &body, zip::CompressionMethod::Deflated)],
        );
        assert!(Ahead::open(&named).is_none());
        // A method other than stored or deflated.
        let other = dir.path().join("other.zip");
        write_zip(&other, &[("a.xml", &body, zip::CompressionMethod::Stored)]);
        let mut bytes = std::fs::read(&other).unwrap();
        let central = memchr::memmem::rfind(&bytes, &[0x50, 0x4b, 1, 2]).unwrap();
        for at in [8, central + 10] {
            bytes[at] = 12; // bzip2
        }
        std::fs::write(&other, bytes).unwrap();
        let archive = zip::ZipArchive::new(File::open(&other).unwrap()).unwrap();
        let method = archive.by_index_data(0).unwrap().compression();
        assert!(!matches!(
            method,
            zip::CompressionMethod::Stored | zip::CompressionMethod::Deflated
        ));
        assert!(Ahead::open(&other).is_none());
        // A part said to reach past the end of the file.
        let long = dir.path().join("long.zip");
        write_zip(&long, &[("a.xml", &body, zip::CompressionMethod::Deflated)]);
        let mut bytes = std::fs::read(&long).unwrap();
        let central = memchr::memmem::rfind(&bytes, &[0x50, 0x4b, 1, 2]).unwrap();
        bytes[central + 20..central + 24].copy_from_slice(&0x7fff_0000u32.to_le_bytes());
        std::fs::write(&long, bytes).unwrap();
        let archive = zip::ZipArchive::new(File::open(&long).unwrap()).unwrap();
        assert_eq!(
            archive.by_index_data(0).unwrap().compressed_size(),
            0x7fff_0000
        );
        assert!(Ahead::open(&long).is_none());
        // Not an archive at all.
        let not_zip = dir.path().join("not.zip");
        std::fs::write(&not_zip, &body).unwrap();
        assert!(Ahead::open_with(&not_zip, 0, 0).is_none());
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
        // The headers are written by hand: a zip writer would not write them
        // for a stream it did not compress.
        let entry = Entry {
            name: b"a.xml".to_vec(),
            crc: crc32fast::hash(&body),
            size: body.len() as u64,
            raw: Raw {
                offset: 30 + 5,
                len: (stream.len() / 2) as u64,
            },
            deflated: true,
        };
        let mut bytes = local_header(&entry);
        let mut directory = central_header(&entry, 0);
        for header in [&mut bytes, &mut directory] {
            header[8] = 8; // method: deflated
            let at = if header[0..4] == [0x50, 0x4b, 3, 4] {
                18
            } else {
                20
            };
            header[at..at + 4].copy_from_slice(&(entry.raw.len as u32).to_le_bytes());
        }
        bytes.extend_from_slice(&stream[..stream.len() / 2]);
        let directory_start = bytes.len() as u64;
        bytes.extend_from_slice(&directory);
        bytes.extend_from_slice(&end_record(1, directory.len() as u64, directory_start).unwrap());
        std::fs::write(&half, bytes).unwrap();
        for path in [garbled, cut, half] {
            let direct = entries(File::open(&path).unwrap());
            assert!(direct.is_err(), "{}", path.display());
            for (min_stream, read_whole) in WAYS {
                let ahead = Ahead::open_with(&path, min_stream, read_whole).unwrap();
                let through = entries(ahead);
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
                    "{} {min_stream} {read_whole}: {io:?}",
                    path.display()
                );
            }
        }
    }

    /// An entry's declared size and what reading it gives.
    type Reading = (u64, Result<Vec<u8>, String>);

    /// Each entry's reading, or `None` when the archive does not open.
    fn each_entry(reader: impl Read + Seek) -> Option<Vec<Reading>> {
        let mut archive = zip::ZipArchive::new(reader).ok()?;
        let mut out = Vec::new();
        for i in 0..archive.len() {
            let size = archive.by_index_data(i).map_or(0, |e| e.size());
            let read = archive
                .by_index(i)
                .map_err(|e| e.to_string())
                .and_then(|mut e| {
                    let mut bytes = Vec::new();
                    e.read_to_end(&mut bytes).map_err(|e| e.to_string())?;
                    Ok(bytes)
                });
            out.push((size, read));
        }
        Some(out)
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(96))]
        /// Damage anywhere in a workbook: reading through the virtual
        /// archive never panics or hangs, gives the same bytes as reading
        /// directly, and reads every part that reads directly. One
        /// difference is allowed: a part whose deflate stream is damaged
        /// only after its declared size (it goes on, or does not end) is
        /// read up to that size, and those bytes match the CRC-32; the zip
        /// reader refuses such a part whole.
        #[test]
        fn damaged_workbooks_read_the_same_through_the_virtual_archive(
            flips in proptest::collection::vec((0.0f64..1.0, 1u8..=255), 1..6),
        ) {
            let root = Path::new(env!("CARGO_MANIFEST_DIR"));
            let mut bytes = std::fs::read(root.join("sample-data/Dinas Kesehatan/inovasi-dinkes-2026.xlsx")).unwrap();
            for (at, xor) in &flips {
                let i = ((bytes.len() as f64) * at) as usize % bytes.len();
                bytes[i] ^= xor;
            }
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("rusak.xlsx");
            std::fs::write(&path, &bytes).unwrap();
            let direct = each_entry(Cursor::new(bytes.clone()));
            for (min_stream, read_whole) in WAYS {
                let Some(ahead) = Ahead::open_with(&path, min_stream, read_whole) else {
                    continue;
                };
                let through = each_entry(ahead);
                let (Some(direct), Some(through)) = (&direct, through) else {
                    continue;
                };
                proptest::prop_assert_eq!(direct.len(), through.len());
                for ((size, d), (_, t)) in direct.iter().zip(&through) {
                    match (d, t) {
                        (Ok(d), Ok(t)) => proptest::prop_assert_eq!(d, t),
                        // The zip reader checked the CRC-32 of `t`.
                        (Err(e), Ok(t)) => proptest::prop_assert!(
                            t.len() as u64 == *size,
                            "a damaged part read through the virtual archive: {e}"
                        ),
                        (Ok(d), Err(e)) => proptest::prop_assert!(
                            d.len() as u64 != *size,
                            "a part that reads directly failed: {e}"
                        ),
                        (Err(_), Err(_)) => {}
                    }
                }
            }
        }
    }

    #[test]
    fn read_end_to_end_it_is_a_valid_archive() {
        // Read from start to end, the virtual archive is a zip file of its own.
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.zip");
        let body = text(1 << 20);
        write_zip(&path, &[("a.xml", &body, zip::CompressionMethod::Deflated)]);
        let mut ahead = Ahead::open_with(&path, 0, 0).unwrap();
        let mut all = Vec::new();
        ahead.read_to_end(&mut all).unwrap();
        assert_eq!(all.len() as u64, ahead.len);
        assert_eq!(
            entries(Cursor::new(all)).unwrap(),
            entries(File::open(&path).unwrap()).unwrap()
        );
    }
}
