//! A workbook's zip archive, opened once. Its directory is read when the
//! file is opened; the guards ([`Archive::check_limits`]: sizes, ratio,
//! passwords, compression methods, names given twice) look at it, bimtek's
//! own mark is read through it ([`Archive::mark`]: the input walk does not
//! open a workbook's zip), and bimtek's xlsx reader (load/xlsx) reads the
//! parts through it. When that
//! reader hands a workbook to calamine, calamine gets the same bytes
//! ([`Archive::into_reader`]) and reads the directory itself: its API takes
//! a reader, not an archive.
//!
//! A deflated part is inflated here, not by the zip reader: the zip
//! crate's raw-entry API gives the part's compressed bytes. Inflating is
//! about half of reading a big workbook, so a part under [`MIN_STREAM`] is
//! inflated in one step when it is opened, and a bigger one on a thread of
//! its own in 1 MB steps, running ahead of the parser, so that on two cores
//! the two halves overlap (load/archive/inflate.rs). Either way its bytes
//! are checked against the part's CRC-32, as the zip reader checks them. A
//! stored part is read by the zip reader.
//!
//! A part whose deflate stream is damaged only after its declared size (it
//! goes on, or does not end) is read up to that size, and those bytes must
//! match the CRC-32; the zip reader, reading the stream itself, refuses
//! such a part whole. The data is intact, so bimtek reads it.

mod inflate;
mod limits;

pub(super) use limits::check as check_zip_limits;

use super::marker;
use inflate::{Inflated, Streamed};
use std::borrow::Cow;
use std::fs::File;
use std::io::{self, BufReader, Read, Seek, SeekFrom};
use std::path::Path;
use std::sync::Arc;

/// Parts whose inflated size is at least this are inflated on a thread of
/// their own; smaller ones in one step, in memory.
const MIN_STREAM: u64 = 4 << 20;
/// Files up to this size are read into memory in one go: finding a small
/// workbook's parts through a file buffer took a seek and a read of 8 KB
/// for each one.
const READ_WHOLE: u64 = 16 << 20;

/// A workbook's zip archive: its directory, read once, and its bytes.
pub(super) struct Archive {
    zip: zip::ZipArchive<Source>,
    /// Parts of at least this many inflated bytes are inflated on a thread.
    min_stream: u64,
}

/// A part of the archive, read from its start: its inflated bytes.
pub(super) enum Part<'a> {
    /// A stored part, read (and checked) by the zip reader.
    Stored(zip::read::ZipFile<'a, Source>),
    /// A deflated part, inflated in one step when opened.
    Inflated(Inflated),
    /// A big deflated part, inflated on a thread of its own.
    Streamed(Streamed),
}

impl Read for Part<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match self {
            Part::Stored(part) => part.read(buf),
            Part::Inflated(part) => part.read(buf),
            Part::Streamed(part) => part.read(buf),
        }
    }
}

impl Archive {
    /// The archive at `path`, or `None` when its directory cannot be read
    /// (calamine then reports the damage).
    pub(super) fn open(path: &Path) -> Option<Archive> {
        Self::open_with(path, MIN_STREAM, READ_WHOLE)
    }

    /// [`Archive::open`], inflating parts of `min_stream` bytes or more on
    /// a thread of their own, and reading files of up to `read_whole` bytes
    /// into memory.
    pub(super) fn open_with(path: &Path, min_stream: u64, read_whole: u64) -> Option<Archive> {
        let source = Source::open(path, read_whole).ok()?;
        let zip = zip::ZipArchive::new(source).ok()?;
        Some(Archive { zip, min_stream })
    }

    /// Refuse an archive whose entries declare absurd sizes, a password, a
    /// method other than stored or deflated, or one name twice, before any
    /// part is inflated.
    pub(super) fn check_limits(&self) -> Result<(), super::LoadError> {
        limits::check(&self.zip)
    }

    /// The mark bimtek's writers leave in a workbook ([`marker`]), read
    /// from its custom properties part through this directory; `None` for
    /// a workbook bimtek did not write (nearly all: they have no such part,
    /// or no bimtek property in it).
    pub(super) fn mark(&mut self) -> Option<marker::Mark> {
        let part = self.zip.by_name(marker::PROPERTIES_PART).ok()?;
        let mut bytes = Vec::new();
        part.take(marker::PART_BYTES).read_to_end(&mut bytes).ok()?;
        marker::of_properties(&String::from_utf8_lossy(&bytes))
    }

    /// How many entries the directory lists.
    pub(super) fn len(&self) -> usize {
        self.zip.len()
    }

    /// The name of entry `i`, when it is one and readable as text.
    pub(super) fn name(&self, i: usize) -> Option<Cow<'_, str>> {
        self.zip.name_for_index(i)?.ok()
    }

    /// Entry `i`'s inflated bytes, read from its start.
    pub(super) fn part(&mut self, i: usize) -> zip::result::ZipResult<Part<'_>> {
        let (method, encrypted, len, crc) = {
            let entry = self.zip.by_index_data(i)?;
            let method = entry.compression();
            (method, entry.encrypted(), entry.size(), entry.crc32())
        };
        if encrypted || method != zip::CompressionMethod::Deflated {
            // Stored, or anything the guards refuse: the zip reader says.
            return self.zip.by_index(i).map(Part::Stored);
        }
        if len >= self.min_stream {
            // The thread reads the compressed bytes through its own copy
            // of the archive: the directory is shared, not read again.
            return Ok(Part::Streamed(Streamed::start(
                self.zip.clone(),
                i,
                len,
                crc,
            )));
        }
        let mut raw = self.zip.by_index_raw(i)?;
        // A damaged directory may claim any size: the bytes read tell.
        let mut compressed = Vec::with_capacity(raw.compressed_size().min(1 << 20) as usize);
        Ok(Part::Inflated(match raw.read_to_end(&mut compressed) {
            Ok(_) => Inflated::new(&compressed, len, crc),
            // Given when the part is read, as any other error reading it.
            Err(e) => Inflated::failed(e),
        }))
    }

    /// The whole file, from its start, for a reader that reads the archive
    /// itself (calamine).
    pub(super) fn into_reader(self) -> io::Result<BufReader<Source>> {
        let mut source = self.zip.into_inner();
        source.seek(SeekFrom::Start(0))?;
        Ok(BufReader::new(source))
    }
}

/// A whole file's bytes, shared with an inflating thread. An `Arc<[u8]>`
/// would copy them all once more when made from the bytes read.
#[derive(Clone)]
pub(super) struct Shared(Arc<Vec<u8>>);

impl AsRef<[u8]> for Shared {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

/// The file's bytes, in memory or read from the file at a position of its
/// own: a copy (for an inflating thread) shares them.
#[derive(Clone)]
pub(super) enum Source {
    Memory(io::Cursor<Shared>),
    File(At),
}

impl Source {
    fn open(path: &Path, read_whole: u64) -> io::Result<Source> {
        let mut file = File::open(path)?;
        let len = file.metadata()?.len();
        if len <= read_whole {
            let mut bytes = Vec::with_capacity(len as usize);
            file.read_to_end(&mut bytes)?;
            Ok(Source::Memory(io::Cursor::new(Shared(Arc::new(bytes)))))
        } else {
            Ok(Source::File(At {
                file: Arc::new(file),
                pos: 0,
            }))
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

/// An open file read at a position of its own (positioned reads), so that
/// copies on two threads do not move each other.
#[derive(Clone)]
pub(super) struct At {
    file: Arc<File>,
    pos: u64,
}

impl Read for At {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = read_at(&self.file, buf, self.pos)?;
        self.pos += n as u64;
        Ok(n)
    }
}

impl Seek for At {
    fn seek(&mut self, to: SeekFrom) -> io::Result<u64> {
        let target = match to {
            SeekFrom::Start(n) => Some(n),
            SeekFrom::End(d) => self.file.metadata()?.len().checked_add_signed(d),
            SeekFrom::Current(d) => self.pos.checked_add_signed(d),
        };
        let Some(target) = target else {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                "seek before the start of the file",
            ));
        };
        self.pos = target;
        Ok(target)
    }
}

#[cfg(unix)]
fn read_at(file: &File, buf: &mut [u8], offset: u64) -> io::Result<usize> {
    std::os::unix::fs::FileExt::read_at(file, buf, offset)
}

/// Windows moves the file's own position too, which nothing else uses.
#[cfg(windows)]
fn read_at(file: &File, buf: &mut [u8], offset: u64) -> io::Result<usize> {
    std::os::windows::fs::FileExt::seek_read(file, buf, offset)
}

#[cfg(test)]
pub(in crate::load) mod tests;
