//! The guards on a zip archive (xlsx, xlsb, ods), read from its directory
//! before anything is inflated: sizes a zip bomb declares, passwords,
//! compression methods bimtek cannot inflate, and names given twice.

use crate::load::{Damage, Limit, LoadError};
use std::io::{Read, Seek};

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
/// whose entries declare absurd sizes, before any part is inflated. The
/// readers stop at an entry's declared size, so declared sizes bound the
/// work. An archive whose directory cannot be read is not checked
/// here: the reader reports it as damaged.
pub(in crate::load) fn check<R: Read + Seek>(
    archive: &zip::ZipArchive<R>,
) -> Result<(), LoadError> {
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
