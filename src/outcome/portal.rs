//! An innovation's facts compared with the portal, the entries of a portal
//! list, and where an innovation stands against the portal.

use crate::template::Template;
use chrono::NaiveDate;

/// The comparable facts of one innovation, canonical.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Facts {
    /// The canonical values of the enum fields, as indices into their
    /// field's values (read with [`Facts::tahapan`] and its siblings): two
    /// bytes each instead of a string per innovation.
    pub(crate) tahapan: Option<u16>,
    pub(crate) inisiator: Option<u16>,
    pub nama_inisiator: Option<Box<str>>,
    pub(crate) urusan: Option<u16>,
    pub uji_coba: Option<NaiveDate>,
    pub penerapan: Option<NaiveDate>,
    pub pengembangan: Option<NaiveDate>,
    pub updated: Option<NaiveDate>,
    /// The portal's Estimasi Skor Kematangan, when the list has it.
    pub score: Option<f64>,
}

impl Facts {
    /// The canonical tahapan, when readable.
    pub fn tahapan<'t>(&self, t: &'t Template) -> Option<&'t str> {
        enum_text(t, t.roles.stage, self.tahapan)
    }

    /// The canonical inisiator, when readable.
    pub fn inisiator<'t>(&self, t: &'t Template) -> Option<&'t str> {
        enum_text(t, t.roles.initiator, self.inisiator)
    }

    /// The canonical urusan, when readable.
    pub fn urusan<'t>(&self, t: &'t Template) -> Option<&'t str> {
        enum_text(t, t.roles.affair, self.urusan)
    }

    #[cfg(test)]
    pub(crate) fn set_tahapan(&mut self, t: &Template, value: &str) {
        self.tahapan = enum_index(t, t.roles.stage, value);
    }
}

/// The canonical value `index` of enum field `fi`.
fn enum_text(t: &Template, fi: Option<usize>, index: Option<u16>) -> Option<&str> {
    let values = &t.fields[fi?].values;
    values.get(usize::from(index?)).map(|v| v.value.as_str())
}

#[cfg(test)]
fn enum_index(t: &Template, fi: Option<usize>, value: &str) -> Option<u16> {
    let values = &t.fields[fi?].values;
    values
        .iter()
        .position(|v| v.value == value)
        .and_then(|i| u16::try_from(i).ok())
}

/// One entry of a portal download or an earlier submission.
#[derive(Debug, Clone)]
pub struct PortalEntry {
    /// The year the baseline was tagged with; `None` means this year's portal.
    pub year: Option<i32>,
    pub file: String,
    pub sheet: Option<String>,
    pub row: u32,
    pub pemda: Option<String>,
    /// The agency its row names, when the list has an agency column.
    pub agency: Option<String>,
    pub name: String,
    pub name_key: String,
    pub facts: Facts,
}

/// One field that differs: portal value -> agency value.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    pub field: &'static str,
    pub portal: String,
    pub agency: String,
}

/// Where an agency innovation stands against the portal.
#[derive(Debug, Clone, PartialEq)]
pub struct PortalStatus {
    /// `not_entered`, `outdated` or `up_to_date`.
    pub status: &'static str,
    /// The portal entry's name, when matched.
    pub matched: Option<String>,
    pub similarity: Option<f64>,
    pub changes: Vec<Change>,
    /// Equally close portal entries when the match is ambiguous.
    pub candidates: Vec<String>,
}

/// A portal entry that no agency file has.
#[derive(Debug, Clone, PartialEq)]
pub struct PortalOnly {
    pub name: String,
    pub pemda: Option<String>,
    pub file: String,
    pub row: u32,
}
