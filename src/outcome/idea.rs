//! What following a lab's ideas found (`check::follow` fills it): an
//! idea's entry in the pemda's IID lists and the catalogue's innovations
//! like it. The JSON contract maps it (`report/json/contract.rs`).

/// What was found for one idea (one innovation of a lab run, or of any run
/// given a catalogue).
#[derive(Debug, Clone, PartialEq)]
pub struct Idea {
    /// Its index in the outcome's innovations.
    pub innovation: u32,
    /// Its IID entry, in a lab run given IID lists.
    pub iid: Option<IidMatch>,
    /// The catalogue's innovations most like it, the likest first.
    pub catalog: Option<Vec<Like>>,
}

/// An idea's entry in the IID lists.
#[derive(Debug, Clone, PartialEq)]
pub struct IidMatch {
    /// `entered`, `not_entered` or `ambiguous`.
    pub status: &'static str,
    /// The entry's name, when one matched.
    pub matched: Option<String>,
    pub similarity: Option<f64>,
    /// The equally close entries of an ambiguous match.
    pub candidates: Vec<String>,
}

/// A catalogue innovation like an idea.
#[derive(Debug, Clone, PartialEq)]
pub struct Like {
    pub name: String,
    pub pemda: Option<String>,
    /// Share of words (of the longer name), rounded to two decimals.
    pub similarity: f64,
    pub file: String,
    pub sheet: Option<String>,
    pub row: u32,
}
