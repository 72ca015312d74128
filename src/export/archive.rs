//! A package's entries and how they are written: as a folder or, for a
//! `.zip` target, as a zip archive whose entries are sorted, deflated ahead
//! on every core and stamped with a fixed time, so the same content gives
//! the same bytes. Where they are written, safely, is `write`'s.

use crate::diag::{OrTrouble, Say, Trouble};
use anyhow::{Result, anyhow, bail};
use std::fs::{self, File};
use std::io::{self, BufWriter, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

/// Where an entry's bytes come from.
#[derive(Debug)]
pub enum Source {
    Bytes(Vec<u8>),
    File(PathBuf),
    /// An unnamed temporary file (`spill_file`), read from its start: the
    /// package's big data files, which would otherwise sit in memory until
    /// the package is written.
    Spilled(File),
    /// An unnamed temporary file holding a zip of the entry alone, deflated
    /// as the package's zip deflates it ([`pack`]): a zip package copies
    /// those bytes as they are (a folder inflates them). With the SHA-256
    /// and size of the entry's bytes, taken as they were deflated.
    Packed {
        zipped: File,
        digest: (String, u64),
    },
}

/// Whether `target` is written as a zip archive (else as a folder).
pub fn is_zip(target: &Path) -> bool {
    target
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("zip"))
}

/// Deflate entry `name` of a zip package ahead of writing the package, in
/// an unnamed temporary file in `dir`: the package's big text files can be
/// deflated on a free core while its workbook is still being built, instead
/// of one after another at the end. Kinds stored as they are come back as
/// they were; the others' bytes are let go once packed.
pub fn pack(dir: &Path, name: &str, source: Source) -> Result<Source> {
    if is_compressed(name) {
        return Ok(source);
    }
    let mut z = zip::ZipWriter::new(BufWriter::new(spill_file(dir)?));
    z.start_file(name, entry_options(name)?)?;
    let mut hashing = super::Hashing::new(&mut z);
    copy_source(&source, &mut hashing)?;
    let digest = hashing.digest();
    let zipped = z.finish()?.into_inner().map_err(|e| e.into_error())?;
    Ok(Source::Packed { zipped, digest })
}

/// An unnamed temporary file in `dir` (gone when closed, even after a
/// crash), for [`Source::Spilled`].
pub fn spill_file(dir: &Path) -> Result<File> {
    tempfile::tempfile_in(dir).or_trouble(|| {
        let d = dir.display();
        Trouble::say(Say::TempFileCannotBeCreated, &[("d", &d)])
    })
}

/// One file of a package, by its `/`-separated path inside it.
#[derive(Debug)]
pub struct Entry {
    pub name: String,
    pub source: Source,
}

/// Test hook: `BIMTEK_FAIL_AFTER=N` makes writing fail after N entries, to
/// prove a failure leaves nothing behind.
fn fail_after() -> Option<usize> {
    std::env::var("BIMTEK_FAIL_AFTER").ok()?.parse().ok()
}

/// The test hook's failure, when entry `i` is where it was asked for.
fn injected_failure(fail: Option<usize>, i: usize) -> Result<()> {
    if fail == Some(i) {
        return Err(Trouble::say(Say::InjectedFailure, &[("i", &i)]).into());
    }
    Ok(())
}

/// Copy a source into a writer.
fn copy_source(source: &Source, out: &mut dyn Write) -> Result<()> {
    match source {
        Source::Packed { zipped, .. } => {
            let mut archive = packed_archive(zipped)?;
            io::copy(&mut archive.by_index(0)?, out)?;
        }
        Source::Bytes(b) => out.write_all(b)?,
        Source::Spilled(f) => {
            let mut f = f;
            f.seek(SeekFrom::Start(0))?;
            io::copy(&mut f, out)?;
        }
        Source::File(p) => {
            let mut f = File::open(p).or_trouble(|| {
                let p = p.display();
                Trouble::say(Say::CannotBeRead, &[("p", &p)])
            })?;
            let mut buf = vec![0u8; 64 * 1024];
            loop {
                let n = f.read(&mut buf)?;
                if n == 0 {
                    break;
                }
                out.write_all(&buf[..n])?;
            }
        }
    }
    Ok(())
}

pub(super) fn folder(tmp: &Path, entries: &[Entry]) -> Result<()> {
    let fail = fail_after();
    for (i, e) in entries.iter().enumerate() {
        injected_failure(fail, i)?;
        let path = tmp.join(&e.name);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        // The folder is this run's own, fresh: nothing in it is replaced.
        let file = fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)?;
        let mut out = BufWriter::new(file);
        copy_source(&e.source, &mut out)?;
        out.flush()?;
    }
    Ok(())
}

/// The zip compression level of the package: the workbooks' own.
pub use crate::report::DEFLATE_LEVEL;

/// Whether a file is compressed already (a zip container such as a
/// workbook, or compressed media): deflating it again costs time and saves
/// nothing, so it is stored as it is.
fn is_compressed(name: &str) -> bool {
    const KINDS: &[&str] = &[
        "xlsx", "xlsm", "xlsb", "ods", "docx", "pptx", "odt", "zip", "gz", "7z", "rar", "jpg",
        "jpeg", "png", "gif", "webp", "mp4", "m4v", "mov", "webm", "mp3",
    ];
    Path::new(name)
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| KINDS.iter().any(|k| e.eq_ignore_ascii_case(k)))
}

/// The one-entry zip of a packed source, read from its start.
fn packed_archive(mut zipped: &File) -> Result<zip::ZipArchive<io::BufReader<&File>>> {
    zipped.seek(SeekFrom::Start(0))?;
    Ok(zip::ZipArchive::new(io::BufReader::new(zipped))?)
}

/// How entry `name` is written into a zip package.
fn entry_options(name: &str) -> Result<zip::write::SimpleFileOptions> {
    // A fixed timestamp: the same content gives the same bytes.
    let when = zip::DateTime::from_date_and_time(2026, 1, 1, 0, 0, 0)
        .map_err(|_| anyhow!("internal: zip timestamp"))?;
    let stored = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Stored)
        .last_modified_time(when)
        .unix_permissions(0o644);
    Ok(if is_compressed(name) {
        stored
    } else {
        // Level 3: on the package's text (CSV, JSON) as small as the
        // default level 6 within 1 %, in half the time.
        stored
            .compression_method(zip::CompressionMethod::Deflated)
            .compression_level(Some(i64::from(DEFLATE_LEVEL)))
    })
}

/// Files and bytes up to this size are deflated (or stored) ahead of being
/// written, on every core, `AHEAD` entries at a time while the entries
/// before them are written: a province's package holds 200,000 evidence
/// files, and reading and deflating them one by one was most of its time.
const SMALL: u64 = 1 << 20;
const AHEAD: usize = 128;

/// Entry `e` alone in a zip in memory, when it is small; `None` leaves it
/// to be written directly (and a file that cannot be read to say so there).
fn pack_small(e: &Entry) -> Option<Vec<u8>> {
    let mut z = zip::ZipWriter::new(io::Cursor::new(Vec::new()));
    let options = entry_options(&e.name).ok()?;
    match &e.source {
        Source::Bytes(b) if b.len() as u64 <= SMALL => {
            z.start_file(e.name.as_str(), options).ok()?;
            z.write_all(b).ok()?;
        }
        Source::File(p) => {
            // Opened once, its size taken from the open file.
            let mut f = File::open(p).ok()?;
            if f.metadata().ok()?.len() > SMALL {
                return None;
            }
            z.start_file(e.name.as_str(), options).ok()?;
            io::copy(&mut f, &mut z).ok()?;
        }
        _ => return None,
    }
    Some(z.finish().ok()?.into_inner())
}

/// Copy the one entry of `archive`, named `name`, as it is.
fn copy_packed<W: Write + Seek, R: Read + Seek>(
    z: &mut zip::ZipWriter<W>,
    archive: &mut zip::ZipArchive<R>,
    name: &str,
) -> Result<()> {
    let packed = archive.by_index_raw(0)?;
    if packed.name_raw() != name.as_bytes() {
        let packed_as = String::from_utf8_lossy(packed.name_raw()).into_owned();
        bail!("internal: {name} packed as {packed_as}");
    }
    z.raw_copy_file(packed)?;
    Ok(())
}

pub(super) fn zip(file: File, entries: &[Entry]) -> Result<()> {
    use rayon::prelude::*;
    let mut z = zip::ZipWriter::new(BufWriter::new(file));
    let fail = fail_after();
    let pack_window = |w: usize| -> Vec<Option<Vec<u8>>> {
        let from = (w * AHEAD).min(entries.len());
        let to = (from + AHEAD).min(entries.len());
        entries[from..to].par_iter().map(pack_small).collect()
    };
    let mut ahead = pack_window(0);
    for (w, window) in entries.chunks(AHEAD).enumerate() {
        let packed = std::mem::take(&mut ahead);
        let write = |z: &mut zip::ZipWriter<_>| -> Result<()> {
            for (k, (e, packed)) in window.iter().zip(packed).enumerate() {
                injected_failure(fail, w * AHEAD + k)?;
                if let Some(bytes) = packed {
                    copy_packed(
                        z,
                        &mut zip::ZipArchive::new(io::Cursor::new(bytes))?,
                        &e.name,
                    )?;
                } else if let Source::Packed { zipped, .. } = &e.source {
                    copy_packed(z, &mut packed_archive(zipped)?, &e.name)?;
                } else {
                    z.start_file(e.name.as_str(), entry_options(&e.name)?)?;
                    copy_source(&e.source, z)?;
                }
            }
            Ok(())
        };
        let (written, next) = rayon::join(|| write(&mut z), || pack_window(w + 1));
        written?;
        ahead = next;
    }
    let mut inner = z.finish()?;
    inner.flush()?;
    inner
        .into_inner()
        .map_err(|e| {
            let e = e.error();
            Trouble::say(Say::ZipCannotBeFinished, &[("e", &e)])
        })?
        .sync_all()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::write::Target;

    fn package(target: &Path, entries: &mut [Entry], force: bool) -> Result<()> {
        Target::check(target, force, &[])?.package(entries)
    }

    /// A package's entries: text that deflates, a stored kind, a spilled file.
    fn entries(dir: &Path, packed: bool) -> Vec<Entry> {
        let text: Vec<u8> = (0..40_000u32)
            .flat_map(|i| format!("{i};inovasi nomor {i};Uji Coba\n").into_bytes())
            .collect();
        let mut spilled = spill_file(dir).unwrap();
        spilled.write_all(&text[..100_000]).unwrap();
        let sources = [
            ("data/inovasi.csv", Source::Spilled(spilled)),
            ("laporan.html", Source::Bytes(text.clone())),
            ("temuan.xlsx", Source::Bytes(text[..5_000].to_vec())),
            ("kosong.csv", Source::Bytes(Vec::new())),
        ];
        sources
            .into_iter()
            .map(|(name, source)| Entry {
                name: name.into(),
                source: if packed {
                    pack(dir, name, source).unwrap()
                } else {
                    source
                },
            })
            .collect()
    }

    #[test]
    fn entries_deflated_ahead_are_written_as_one_by_one() {
        let dir = tempfile::tempdir().unwrap();
        // More entries than one window, small and big, files and bytes,
        // kinds deflated and kinds stored.
        let mut entries = Vec::new();
        for i in 0..(AHEAD as u32 * 2 + 7) {
            let text = format!("bukti {i} ")
                .repeat(1 + i as usize * 13)
                .into_bytes();
            let name = format!(
                "data/bukti/{i:04}.{}",
                ["pdf", "png", "csv"][i as usize % 3]
            );
            let source = if i % 2 == 0 {
                let path = dir.path().join(format!("f{i}"));
                fs::write(&path, &text).unwrap();
                Source::File(path)
            } else {
                Source::Bytes(text)
            };
            entries.push(Entry { name, source });
        }
        let big = dir.path().join("besar.pdf");
        fs::write(&big, vec![b'x'; SMALL as usize + 1]).unwrap();
        entries.push(Entry {
            name: "data/bukti/besar.pdf".into(),
            source: Source::File(big),
        });
        entries.sort_by(|a, b| a.name.cmp(&b.name));
        // Each entry written straight into the zip, in order.
        let mut one_by_one = zip::ZipWriter::new(io::Cursor::new(Vec::new()));
        for e in &entries {
            one_by_one
                .start_file(e.name.as_str(), entry_options(&e.name).unwrap())
                .unwrap();
            copy_source(&e.source, &mut one_by_one).unwrap();
        }
        let one_by_one = one_by_one.finish().unwrap().into_inner();
        let target = dir.path().join("p.zip");
        package(&target, &mut entries, false).unwrap();
        assert!(fs::read(&target).unwrap() == one_by_one, "the zips differ");
    }

    #[test]
    fn a_package_of_packed_entries_is_the_same_package() {
        let dir = tempfile::tempdir().unwrap();
        for target in ["p.zip", "p"] {
            let plain = dir.path().join(format!("plain-{target}"));
            let packed = dir.path().join(format!("packed-{target}"));
            package(&plain, &mut entries(dir.path(), false), false).unwrap();
            let mut packed_entries = entries(dir.path(), true);
            let kinds: Vec<bool> = packed_entries
                .iter()
                .map(|e| matches!(e.source, Source::Packed { .. }))
                .collect();
            // Stored kinds are not packed: there is nothing to deflate.
            assert_eq!(kinds, [true, true, false, true]);
            package(&packed, &mut packed_entries, false).unwrap();
            if target.ends_with(".zip") {
                assert_eq!(fs::read(&packed).unwrap(), fs::read(&plain).unwrap());
            } else {
                for name in [
                    "data/inovasi.csv",
                    "laporan.html",
                    "temuan.xlsx",
                    "kosong.csv",
                ] {
                    assert_eq!(
                        fs::read(packed.join(name)).unwrap(),
                        fs::read(plain.join(name)).unwrap(),
                        "{name}"
                    );
                }
            }
        }
    }
}
