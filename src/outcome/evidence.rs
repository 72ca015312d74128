//! What agencies say about their indicators (statements) and what bimtek
//! read of the evidence files they name (file facts).

use crate::diag::Location;
use crate::load::RawCell;
use std::path::PathBuf;
use std::sync::Arc;

/// What a file reference turned out to be.
#[derive(Debug, Clone, PartialEq)]
pub enum Resolved {
    Found(FileFacts),
    Missing,
    /// `..`, an absolute path or a link pointing out of the evidence root.
    Escapes,
}

/// What bimtek read of an evidence file: only its size, first bytes and,
/// for a PDF, its tail.
#[derive(Debug, Clone, PartialEq)]
pub struct FileFacts {
    /// The file as it was found and opened. Every later read (the digest
    /// for E011, export's copy) opens this path: a name made for showing,
    /// with `\` turned into `/`, can name another file (a folder named
    /// `x\..\..\etc` on Linux).
    pub path: PathBuf,
    /// Found by its file name in another folder than the one written
    /// (E017): `A/sk.pdf` written, only `B/sk.pdf` there.
    pub other_folder: bool,
    pub size: u64,
    /// Kind by content: "pdf", "jpg", "png", "mp4"; `None` for anything else.
    pub kind: Option<&'static str>,
    pub pdf_truncated: bool,
    pub pdf_encrypted: bool,
    /// A digest of the content when it was read whole anyway (a small
    /// file); otherwise [`crate::check::Resolver::content_hash`] reads
    /// it when needed.
    pub digest: Option<Digest>,
}

/// A content digest for telling identical files apart from different ones
/// (XXH3, 128 bits: no one gains from a forged match, so a cryptographic
/// hash would only cost time over two million files).
pub type Digest = u128;

/// A cell of a statement: its text, and its column when it came from one.
#[derive(Debug, Clone)]
pub struct Part {
    pub text: String,
    pub col: Option<u32>,
    pub header: Option<Arc<str>>,
}

/// Where a statement was written. A province holds millions of statements:
/// the file and sheet names are shared, not copied into each.
#[derive(Debug, Clone)]
pub struct Place {
    pub file: Arc<str>,
    pub sheet: Option<Arc<str>>,
    /// Row number as the spreadsheet shows it (1-based).
    pub row: u32,
}

impl Place {
    /// Whether this is the row `file`, `sheet`, `row`.
    pub fn is(&self, file: &str, sheet: Option<&str>, row: u32) -> bool {
        self.row == row && *self.file == *file && self.sheet.as_deref() == sheet
    }
}

/// One thing an agency says about one indicator of one innovation: a long
/// layout row, or the `Indikator N ...` cells of a profile row.
#[derive(Debug, Clone)]
pub struct Statement {
    pub loc: Place,
    pub agency: Arc<str>,
    /// Long layout: the innovation's name or number as written. (Parts
    /// only the long layout has are boxed: most statements come from
    /// profile rows, and an empty part would cost its full size.)
    pub innovation: Option<Box<Part>>,
    pub indicator: Part,
    pub parameter: Option<Part>,
    pub reference: Option<Part>,
    /// The document date (boxed like the parts above: two million
    /// statements at a national scale, and few carry a date).
    pub date: Option<Box<DatePart>>,
    /// Nomor dokumen and tentang, kept for the export's evidence records.
    pub number: Option<Box<Part>>,
    pub about: Option<Box<Part>>,
}

/// A document date: the cell as read, and as the file holds it (a date
/// cell is read as a date).
#[derive(Debug, Clone)]
pub struct DatePart {
    pub part: Part,
    pub raw: RawCell,
}

impl Statement {
    /// The location of one of this statement's cells (or the row).
    /// The place of part `p` (of the row when `None`) for a finding.
    pub fn at(&self, p: Option<&Part>) -> Location {
        Location {
            file: self.loc.file.to_string(),
            sheet: self.loc.sheet.as_deref().map(str::to_string),
            row: Some(self.loc.row),
            col: p.and_then(|p| p.col),
            header: p.and_then(|p| p.header.as_deref()).map(str::to_string),
        }
    }
}
