//! Inflating a deflated part: in one step ([`Inflated`]) or on a thread
//! of its own ([`Streamed`]). Either way the bytes are checked against the
//! part's CRC-32, and never go past its declared size.

use super::Source;
use std::io::{self, Read};
use std::sync::mpsc;

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

/// What stopped a part early, given when a read reaches it.
type Stop = (io::ErrorKind, String);

fn cut_short() -> Stop {
    (
        io::ErrorKind::UnexpectedEof,
        "the deflate stream ends before its last block".to_string(),
    )
}

/// The zip reader's words for bytes that are not the part's.
fn bad_checksum() -> Stop {
    (io::ErrorKind::InvalidData, "Invalid checksum".to_string())
}

/// A part inflated in one step, read from memory. What was inflated
/// before an error is read first, so the parser gets as far as it would
/// reading the stream, and then gets the error.
pub(in crate::load) struct Inflated {
    bytes: Vec<u8>,
    at: usize,
    stop: Option<Stop>,
}

impl Inflated {
    /// `compressed` inflated into at most `len` bytes whose CRC-32 should
    /// be `crc`.
    pub(super) fn new(compressed: &[u8], len: u64, crc: u32) -> Inflated {
        let (bytes, stop) = inflate_whole(compressed, len, crc);
        Inflated { bytes, at: 0, stop }
    }

    /// A part whose compressed bytes could not be read.
    pub(super) fn failed(e: io::Error) -> Inflated {
        Inflated {
            bytes: Vec::new(),
            at: 0,
            stop: Some((e.kind(), e.to_string())),
        }
    }
}

impl Read for Inflated {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let rest = &self.bytes[self.at..];
        if rest.is_empty() && !buf.is_empty() {
            return match &self.stop {
                Some((kind, message)) => Err(io::Error::new(*kind, message.clone())),
                None => Ok(0),
            };
        }
        let n = buf.len().min(rest.len());
        buf[..n].copy_from_slice(&rest[..n]);
        self.at += n;
        Ok(n)
    }
}

/// Inflates `compressed` in one step into at most `len` bytes whose CRC-32
/// should be `crc`, and what stopped it early, if anything did.
///
/// A whole part is first inflated by zune-inflate, which is faster than
/// zlib-rs in one step (measured on the country's agency workbooks). Its
/// bytes are taken only when they are exactly the part, by size and CRC-32;
/// anything else (a damaged stream, a stream longer than the directory
/// says, a decoder disagreeing) is inflated again by zlib-rs, which the
/// streaming path and the zip reader also use, so damage reads the same
/// either way.
pub(super) fn inflate_whole(compressed: &[u8], len: u64, crc: u32) -> (Vec<u8>, Option<Stop>) {
    match inflate_fast(compressed, len, crc) {
        Some(out) => (out, None),
        None => inflate_whole_zlib(compressed, len, crc),
    }
}

/// zune-inflate's bytes of a part, when they are exactly `len` bytes with
/// CRC-32 `crc`.
pub(super) fn inflate_fast(compressed: &[u8], len: u64, crc: u32) -> Option<Vec<u8>> {
    let room = usize::try_from(most_inflated(compressed, len)).ok()?;
    let len = usize::try_from(len).ok()?;
    // zune-inflate keeps a few hundred bytes free past what it writes (its
    // fast loop copies in 16-byte steps, up to a whole match at a time) and
    // grows its buffer when they run out: with room for exactly `len` bytes
    // it grew, copying and zeroing the whole part again, near the end of
    // every part.
    let options = zune_inflate::DeflateOptions::default()
        .set_size_hint(room.saturating_add(INFLATE_SLACK))
        .set_limit(len);
    let out = zune_inflate::DeflateDecoder::new_with_options(compressed, options)
        .decode_deflate()
        .ok()?;
    (out.len() == len && crc32fast::hash(&out) == crc).then_some(out)
}

/// The most bytes `compressed` may inflate to, of a part of `len` bytes: a
/// damaged directory may claim any size, but deflate inflates at most
/// 1,032 times (a 258-byte match in about 2 bits).
fn most_inflated(compressed: &[u8], len: u64) -> u64 {
    len.min(
        (compressed.len() as u64)
            .saturating_mul(1032)
            .saturating_add(258),
    )
}

/// [`inflate_whole`] by zlib-rs alone.
fn inflate_whole_zlib(compressed: &[u8], len: u64, crc: u32) -> (Vec<u8>, Option<Stop>) {
    let mut out = Vec::with_capacity(most_inflated(compressed, len) as usize);
    let mut inflater = flate2::Decompress::new(false);
    let status = inflater.decompress_vec(compressed, &mut out, flate2::FlushDecompress::Finish);
    let stop = match status {
        Ok(flate2::Status::StreamEnd) => None,
        // More bytes than the directory says: read up to its size.
        Ok(_) if out.len() as u64 == len => None,
        Ok(_) => Some(cut_short()),
        Err(e) => Some((io::ErrorKind::InvalidData, e.to_string())),
    };
    let stop = stop.or_else(|| (crc32fast::hash(&out) != crc).then(bad_checksum));
    (out, stop)
}

/// A big part, inflated on a thread of its own. The thread ends at the end
/// of the part, on an error (sent as the last message), or when this is
/// dropped.
pub(in crate::load) struct Streamed {
    chunks: mpsc::Receiver<Result<Vec<u8>, Ended>>,
    chunk: Vec<u8>,
    at: usize,
    /// The error the thread ended with, given on every read once reached.
    stop: Option<Stop>,
}

impl Streamed {
    /// Inflates entry `index` of `zip` (deflated, `len` bytes whose CRC-32
    /// is `crc`) on a new thread.
    pub(super) fn start(
        zip: zip::ZipArchive<Source>,
        index: usize,
        len: u64,
        crc: u32,
    ) -> Streamed {
        let mut zip = zip;
        Self::spawn(move |tx| {
            let raw = zip
                .by_index_raw(index)
                .map_err(|e| (io::ErrorKind::InvalidData, e.to_string()))?;
            inflate_stream(raw, len, crc, tx)
        })
    }

    /// Runs `work` on a new thread, reading what it sends.
    fn spawn(work: impl FnOnce(&Sender) -> Result<(), Stop> + Send + 'static) -> Streamed {
        let (tx, rx) = mpsc::sync_channel(DEPTH);
        std::thread::spawn(move || {
            let end = match super::super::contain::quietly(|| work(&tx)) {
                Ok(Ok(())) => return,
                Ok(Err(stop)) => Ended::Damaged(stop),
                Err(why) => Ended::Panicked(why),
            };
            let _ = tx.send(Err(end));
        });
        Streamed {
            chunks: rx,
            chunk: Vec::new(),
            at: 0,
            stop: None,
        }
    }
}

impl Read for Streamed {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if buf.is_empty() {
            return Ok(0);
        }
        while self.at == self.chunk.len() {
            if let Some((kind, message)) = &self.stop {
                return Err(io::Error::new(*kind, message.clone()));
            }
            match self.chunks.recv() {
                Ok(Ok(chunk)) => {
                    self.chunk = chunk;
                    self.at = 0;
                }
                Ok(Err(Ended::Damaged(stop))) => self.stop = Some(stop),
                // A panic while inflating is one of the reader (see
                // load/contain.rs): raised again here, where it is contained.
                Ok(Err(Ended::Panicked(why))) => std::panic::resume_unwind(Box::new(why)),
                // The thread ended: the part was read to its end.
                Err(_) => return Ok(0),
            }
        }
        let n = buf.len().min(self.chunk.len() - self.at);
        buf[..n].copy_from_slice(&self.chunk[self.at..self.at + n]);
        self.at += n;
        Ok(n)
    }
}

type Sender = mpsc::SyncSender<Result<Vec<u8>, Ended>>;

/// How an inflating thread ended early.
enum Ended {
    Damaged(Stop),
    Panicked(String),
}

/// Inflates a part's compressed bytes in 1 MB steps, sends them, and checks
/// its CRC-32 at the end. Bytes past `len` are not read.
fn inflate_stream(mut compressed: impl Read, len: u64, crc: u32, tx: &Sender) -> Result<(), Stop> {
    let io_stop = |e: io::Error| (e.kind(), e.to_string());
    let mut inflater = flate2::Decompress::new(false);
    let mut hasher = crc32fast::Hasher::new();
    let mut input = vec![0; INPUT];
    let (mut from, mut to) = (0, 0);
    let mut input_done = false;
    let mut left = len;
    loop {
        let room = CHUNK.min(usize::try_from(left).unwrap_or(CHUNK));
        let mut out = Vec::with_capacity(room);
        let mut ended = false;
        while out.len() < room {
            if from == to && !input_done {
                to = read_full(&mut compressed, &mut input).map_err(io_stop)?;
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
                .map_err(|e| (io::ErrorKind::InvalidData, e.to_string()))?;
            from += (inflater.total_in() - was_in) as usize;
            if status == flate2::Status::StreamEnd {
                ended = true;
                break;
            }
            if input_done && from == to && out.len() == was_out {
                return Err(cut_short());
            }
        }
        left -= out.len() as u64;
        hasher.update(&out);
        // The declared size reached: the part ends there.
        let last = ended || left == 0;
        if last && hasher.clone().finalize() != crc {
            if !out.is_empty() && tx.send(Ok(out)).is_err() {
                return Ok(());
            }
            return Err(bad_checksum());
        }
        if !out.is_empty() && tx.send(Ok(out)).is_err() {
            return Ok(());
        }
        if last {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::contain::contain;
    use crate::load::{Damage, LoadError};

    /// A panic on an inflating thread is raised again where the parser reads,
    /// inside the reader's containment: the file's damage (F001), quietly,
    /// after the bytes inflated before it.
    #[test]
    fn a_panic_while_inflating_is_contained_where_the_part_is_read() {
        let mut part = Streamed::spawn(|tx| {
            let _ = tx.send(Ok(b"<sheetData>".to_vec()));
            panic!("the inflater broke");
        });
        let mut got = Vec::new();
        let result = contain(|| {
            let mut buf = [0; 4];
            loop {
                match part.read(&mut buf) {
                    Ok(0) => return Ok(()),
                    Ok(n) => got.extend_from_slice(&buf[..n]),
                    Err(e) => return Err(LoadError::Corrupt(Damage::Io, e.to_string())),
                }
            }
        });
        assert_eq!(got, b"<sheetData>");
        assert_eq!(
            result,
            Err(LoadError::Corrupt(
                Damage::Other,
                "the spreadsheet reader failed: the inflater broke".into()
            ))
        );
    }

    /// Damage found on the thread is given after the bytes before it, on
    /// every read from then on.
    #[test]
    fn damage_found_while_inflating_is_given_where_it_was_found() {
        let mut part = Streamed::spawn(|tx| {
            let _ = tx.send(Ok(b"abc".to_vec()));
            Err(bad_checksum())
        });
        let mut got = Vec::new();
        let error = part.read_to_end(&mut got).unwrap_err();
        assert_eq!(got, b"abc");
        assert_eq!(error.kind(), io::ErrorKind::InvalidData);
        assert_eq!(part.read(&mut [0; 8]).unwrap_err().kind(), error.kind());
    }
}
