use super::inflate::{inflate_fast, inflate_whole};
use super::*;
use std::io::{Cursor, Write};
use zip::write::SimpleFileOptions;

/// (min_stream, read_whole): every part in one step or on a thread, the
/// file in memory or read where it is.
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

use std::path::PathBuf;

/// An entry's declared size and what reading it gives.
type Reading = (u64, Result<Vec<u8>, String>);

/// Each entry's reading by the zip reader (which checks the CRC-32), or
/// `None` when the archive does not open.
fn by_zip(reader: impl Read + Seek) -> Option<Vec<Reading>> {
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

/// Each entry's reading through [`Archive`], or `None` when it does not
/// open.
fn by_archive(path: &Path, (min_stream, read_whole): (u64, u64)) -> Option<Vec<Reading>> {
    let mut archive = Archive::open_with(path, min_stream, read_whole)?;
    let mut out = Vec::new();
    for i in 0..archive.len() {
        let size = archive.zip.by_index_data(i).map_or(0, |e| e.size());
        let read = archive
            .part(i)
            .map_err(|e| e.to_string())
            .and_then(|mut part| {
                let mut bytes = Vec::new();
                part.read_to_end(&mut bytes).map_err(|e| e.to_string())?;
                Ok(bytes)
            });
        out.push((size, read));
    }
    Some(out)
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
fn every_part_reads_as_the_zip_reader_reads_it() {
    let mut compared = 0;
    for path in workbooks() {
        let direct = by_zip(BufReader::new(File::open(&path).unwrap()));
        // Every part in one step, then every part on a thread; the file
        // in memory, and read where it is.
        for way in WAYS {
            let through = by_archive(&path, way);
            assert_eq!(through, direct, "{} {way:?}", path.display());
            compared += 1;
        }
    }
    assert!(compared >= 40, "only {compared} readings compared");
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
            assert!(room <= len as usize + (4 << 10), "{at}: grew to {room}");
            assert_eq!(inflate_whole(raw, len, crc), (direct, None), "{at}");
            // Anything but exactly the part is left to zlib-rs, which
            // checks the CRC-32 too.
            assert_eq!(inflate_fast(raw, len, crc ^ 1), None, "{at}");
            assert!(inflate_whole(raw, len, crc ^ 1).1.is_some(), "{at}");
            assert_eq!(inflate_fast(raw, len - 1, crc), None, "{at}");
            assert_eq!(inflate_fast(raw, len + 1, crc), None, "{at}");
            assert_eq!(inflate_fast(&raw[..raw_len / 2], len, crc), None, "{at}");
            parts += 1;
        }
    }
    assert!(parts >= 50, "only {parts} parts inflated");
}

#[test]
fn a_big_part_is_inflated_on_a_thread_and_reads_whole() {
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
    for read_whole in [0, u64::MAX] {
        let mut archive = Archive::open_with(&path, 1 << 20, read_whole).unwrap();
        assert!(matches!(archive.part(0).unwrap(), Part::Inflated(_)));
        assert!(matches!(archive.part(2).unwrap(), Part::Stored(_)));
        let mut part = archive.part(1).unwrap();
        assert!(matches!(part, Part::Streamed(_)));
        // Reads of odd sizes, across the thread's chunks.
        let mut got = Vec::new();
        let mut buf = vec![0; 70_001];
        loop {
            let n = part.read(&mut buf).unwrap();
            if n == 0 {
                break;
            }
            got.extend_from_slice(&buf[..n]);
        }
        assert!(got == content, "{} of {} bytes", got.len(), content.len());
        drop(part);
        // A part left halfway stops its thread; the next reads on.
        let mut part = archive.part(1).unwrap();
        part.read_exact(&mut buf).unwrap();
        drop(part);
        let mut again = Vec::new();
        archive.part(1).unwrap().read_to_end(&mut again).unwrap();
        assert!(again == content);
    }
}

#[test]
fn odd_archives_are_read_or_refused_before_inflating() {
    let dir = tempfile::tempdir().unwrap();
    let body = text(2 << 20);
    // A name that is not plain ASCII is read as any other.
    let named = dir.path().join("named.zip");
    write_zip(
        &named,
        &[("lembar-ü.xml", &body, zip::CompressionMethod::Deflated)],
    );
    for way in WAYS {
        let read = by_archive(&named, way).unwrap();
        assert_eq!(read, vec![(body.len() as u64, Ok(body.clone()))]);
    }
    // A method other than stored or deflated: refused by the guards, and
    // left to the zip reader when read anyway.
    let other = dir.path().join("other.zip");
    write_zip(&other, &[("a.xml", &body, zip::CompressionMethod::Stored)]);
    let mut bytes = std::fs::read(&other).unwrap();
    let central = memchr::memmem::rfind(&bytes, &[0x50, 0x4b, 1, 2]).unwrap();
    for at in [8, central + 10] {
        bytes[at] = 12; // bzip2
    }
    std::fs::write(&other, bytes).unwrap();
    let mut archive = Archive::open(&other).unwrap();
    assert!(matches!(
        archive.check_limits(),
        Err(crate::load::LoadError::Corrupt(
            crate::load::Damage::Compression,
            _
        ))
    ));
    let read = archive
        .part(0)
        .and_then(|mut p| Ok(p.read_to_end(&mut Vec::new())?));
    assert!(read.is_err());
    // A part said to reach past the end of the file: its stream ends where
    // it ends, and reads as the zip reader reads it.
    let long = dir.path().join("long.zip");
    write_zip(&long, &[("a.xml", &body, zip::CompressionMethod::Deflated)]);
    let mut bytes = std::fs::read(&long).unwrap();
    let central = memchr::memmem::rfind(&bytes, &[0x50, 0x4b, 1, 2]).unwrap();
    bytes[central + 20..central + 24].copy_from_slice(&0x7fff_0000u32.to_le_bytes());
    std::fs::write(&long, bytes).unwrap();
    let direct = by_zip(File::open(&long).unwrap()).unwrap();
    assert_eq!(direct[0].1.as_ref(), Ok(&body));
    for way in WAYS {
        assert_eq!(by_archive(&long, way).unwrap(), direct, "{way:?}");
    }
    // Not an archive at all.
    let not_zip = dir.path().join("not.zip");
    std::fs::write(&not_zip, &body).unwrap();
    assert!(Archive::open_with(&not_zip, 0, 0).is_none());
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

/// A zip of one deflated entry named `a.xml` whose directory says it holds
/// `body`, and whose data is `stream`: written by hand, since a zip writer
/// would not write headers for a stream it did not compress.
fn by_hand(path: &Path, body: &[u8], stream: &[u8]) {
    let header = |local: bool| {
        let mut h = Vec::new();
        h.extend_from_slice(if local {
            &[0x50, 0x4b, 3, 4]
        } else {
            &[0x50, 0x4b, 1, 2]
        });
        if !local {
            h.extend_from_slice(&20u16.to_le_bytes()); // version made by
        }
        h.extend_from_slice(&20u16.to_le_bytes()); // version needed
        h.extend_from_slice(&0u16.to_le_bytes()); // flags
        h.extend_from_slice(&8u16.to_le_bytes()); // method: deflated
        h.extend_from_slice(&0u16.to_le_bytes()); // time
        h.extend_from_slice(&0x21u16.to_le_bytes()); // date: 1980-01-01
        h.extend_from_slice(&crc32fast::hash(body).to_le_bytes());
        h.extend_from_slice(&(stream.len() as u32).to_le_bytes());
        h.extend_from_slice(&(body.len() as u32).to_le_bytes());
        h.extend_from_slice(&5u16.to_le_bytes()); // name length
        h.extend_from_slice(&0u16.to_le_bytes()); // extra field length
        if !local {
            // Comment, disk, attributes; the local header's offset.
            h.extend_from_slice(&[0; 10]);
            h.extend_from_slice(&0u32.to_le_bytes());
        }
        h.extend_from_slice(b"a.xml");
        h
    };
    let mut bytes = header(true);
    bytes.extend_from_slice(stream);
    let directory_start = bytes.len() as u32;
    let directory = header(false);
    bytes.extend_from_slice(&directory);
    bytes.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    bytes.extend_from_slice(&[0; 4]); // this disk, disk with the directory
    bytes.extend_from_slice(&1u16.to_le_bytes());
    bytes.extend_from_slice(&1u16.to_le_bytes());
    bytes.extend_from_slice(&(directory.len() as u32).to_le_bytes());
    bytes.extend_from_slice(&directory_start.to_le_bytes());
    bytes.extend_from_slice(&0u16.to_le_bytes()); // comment length
    std::fs::write(path, bytes).unwrap();
}

fn deflated(body: &[u8]) -> Vec<u8> {
    let mut deflate = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::fast());
    deflate.write_all(body).unwrap();
    deflate.finish().unwrap()
}

#[test]
fn damaged_deflate_data_is_an_error_of_the_part_both_ways() {
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
    // The directory is right but the stream stops halfway: the zip was
    // cut short while being written and mended by a tool.
    let half = dir.path().join("half.zip");
    let stream = deflated(&body);
    by_hand(&half, &body, &stream[..stream.len() / 2]);
    // The stream is whole but the directory's CRC-32 is not its bytes'.
    let checksum = dir.path().join("checksum.zip");
    let mut other = body.clone();
    other[1000] ^= 1;
    by_hand(&checksum, &other, &stream);
    for path in [garbled, cut, half, checksum] {
        let direct = by_zip(File::open(&path).unwrap()).unwrap();
        assert!(direct[0].1.is_err(), "{}", path.display());
        for (min_stream, read_whole) in WAYS {
            let mut archive = Archive::open_with(&path, min_stream, read_whole).unwrap();
            let error = archive
                .part(0)
                .unwrap()
                .read_to_end(&mut Vec::new())
                .expect_err("damage read through the archive");
            assert!(
                matches!(
                    error.kind(),
                    io::ErrorKind::InvalidData | io::ErrorKind::UnexpectedEof
                ),
                "{} {min_stream} {read_whole}: {error:?}",
                path.display()
            );
        }
    }
}

#[test]
fn a_stream_that_goes_on_past_its_declared_size_is_read_up_to_it() {
    // The zip reader refuses such a part whole; its declared bytes are
    // intact (their CRC-32 says so), so bimtek reads them.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("panjang.zip");
    let body = text(3 << 20);
    let declared = &body[..(2 << 20) + 17];
    by_hand(&path, declared, &deflated(&body));
    assert!(by_zip(File::open(&path).unwrap()).unwrap()[0].1.is_err());
    for way in WAYS {
        let read = by_archive(&path, way).unwrap();
        assert_eq!(read[0].1.as_deref(), Ok(declared), "{way:?}");
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(96))]
    /// Damage anywhere in a workbook: reading through the archive never
    /// panics or hangs, gives the same bytes as the zip reader, and reads
    /// every part the zip reader reads. One difference is allowed: a part
    /// whose deflate stream is damaged only after its declared size (it
    /// goes on, or does not end) is read up to that size, and those bytes
    /// match the CRC-32; the zip reader refuses such a part whole.
    #[test]
    fn damaged_workbooks_read_as_the_zip_reader_reads_them(
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
        let direct = by_zip(Cursor::new(bytes.clone()));
        for way in WAYS {
            let through = by_archive(&path, way);
            proptest::prop_assert_eq!(direct.is_some(), through.is_some());
            let (Some(direct), Some(through)) = (&direct, through) else {
                continue;
            };
            proptest::prop_assert_eq!(direct.len(), through.len());
            for ((size, d), (_, t)) in direct.iter().zip(&through) {
                match (d, t) {
                    (Ok(d), Ok(t)) => proptest::prop_assert_eq!(d, t),
                    // The CRC-32 of `t` was checked.
                    (Err(e), Ok(t)) => proptest::prop_assert!(
                        t.len() as u64 == *size,
                        "a damaged part read through the archive: {e}"
                    ),
                    (Ok(d), Err(e)) => proptest::prop_assert!(
                        false,
                        "a part of {} bytes that reads directly failed: {e}",
                        d.len()
                    ),
                    (Err(_), Err(_)) => {}
                }
            }
        }
    }
}
