//! An agency's detail as the database stores it.

use std::borrow::Cow;

/// What one agency had in one run, stored as one value (compact JSON): its
/// innovations and findings, their texts once each in `strings`. One row
/// per agency, not one per innovation and finding: a run of 10k
/// innovations is recorded in a few milliseconds and under a megabyte.
#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
pub(super) struct Detail<'a> {
    /// Borrowed from the outcome when written, owned when read back.
    #[serde(rename = "s", borrow)]
    pub(super) strings: Vec<Cow<'a, str>>,
    #[serde(rename = "i")]
    pub(super) innovations: Vec<InnovationRow>,
    #[serde(rename = "f")]
    pub(super) findings: Vec<FindingRow>,
}

/// (place in the check, name key, name, status, errors, warnings, claimed,
/// verified): texts as indices into [`Detail::strings`], scores in
/// hundredths.
pub(super) type InnovationRow = (u32, u32, u32, i64, u32, u32, Option<i64>, Option<i64>);

/// (place in the check, its innovation's place, code, severity, field,
/// file, sheet, row, column, indicator).
pub(super) type FindingRow = (
    u32,
    Option<u32>,
    u32,
    i64,
    Option<u32>,
    u32,
    Option<u32>,
    Option<u32>,
    Option<u32>,
    Option<u32>,
);
