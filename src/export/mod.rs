//! The submission package and the agencies' feedback workbooks, written from
//! what `check` produced (never re-checked): cleaned rows in the portal's
//! field order, evidence copied under stable names, the findings, a report,
//! the excluded innovations and a manifest with every hash. Outputs are
//! laid out by `archive` and written through `write`, atomically; `values`
//! makes each value the portal's, `data` the rows and lists, `names` the
//! file names, `hash` the manifest's hashes and `readme` the read-me.

pub mod archive;
mod data;
pub mod feedback;
mod hash;
mod names;
pub mod portal;
mod readme;
mod values;
pub mod write;

pub use crate::report::csv::Dialect;
pub use archive::{Entry, Source};
use data::catching_write_panics;
pub use data::{
    EvidenceItem, List, Row, evidence_list, excluded_list, rows_csv, rows_xlsx, unread_list,
};
pub use hash::{FileHash, Hashing, sha256_file, sha256_hex, sha256_spilled};
pub use names::{Names, slug};
pub use readme::readme;
use serde::Serialize;
pub use values::{Unread, canonical, clean_text, export_fields};

/// Counts for the manifest.
#[derive(Serialize, Default)]
pub struct Counts {
    pub innovations: usize,
    pub included: usize,
    pub excluded: usize,
    pub findings: usize,
    pub errors: usize,
    pub warnings: usize,
    pub evidence_files: usize,
    pub unread_values: usize,
    /// Innovations without a pemda name in `entri-portal.xlsx`.
    pub pemda_missing: usize,
}
