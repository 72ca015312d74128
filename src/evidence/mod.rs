//! Evidence files on disk: index the evidence roots once, resolve the
//! references agencies write (Windows separators, other letter case,
//! spaces, bare file names) to files inside a root, and inspect each file
//! reading only what the checks need: its size, its first bytes and, for a
//! PDF, its last 4 KB. A reference never reaches outside its root: `..`,
//! absolute paths and links pointing out are refused, and never opened.

mod index;
mod inspect;
mod resolve;

pub use index::normalize_reference;
pub use inspect::{inspect, kind_of};
pub use resolve::EvidenceStore;
