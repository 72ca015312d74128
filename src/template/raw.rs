//! The template file as written: serde structs mirroring the TOML, with
//! `deny_unknown_fields` so a typo in a user's template is an error with a
//! line and column, never a silently ignored setting. Nothing here resolves
//! references or applies defaults; that is `compile/`'s job. Every
//! decimal number keeps its place in the file, so `compile/` can refuse a
//! NaN, an infinity or a negative weight with its line and column.

use serde::Deserialize;
use toml::Spanned;

/// Field settings that only some types use, and those types (by their
/// TOML names). A setting on another type is refused, never ignored; a
/// child that changes a field's type drops the parent's settings the new
/// type does not use.
pub(super) const KIND_SETTINGS: &[(&str, &[&str])] = &[
    ("filler_below_words", &["text"]),
    ("min_words", &["text"]),
    ("max_words", &["text"]),
    ("links", &["text"]),
    ("min_age_years", &["date"]),
    ("future", &["date"]),
    ("min", &["integer", "amount"]),
    ("max", &["integer", "amount"]),
    ("value", &["enum"]),
];

/// The whole template file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTemplate {
    pub template: RawMeta,
    #[serde(default)]
    pub settings: Option<RawSettings>,
    #[serde(default)]
    pub window: Option<RawWindow>,
    #[serde(default)]
    pub scoring: Option<RawScoring>,
    /// Severity overrides: finding code -> "error" | "warning" | "info" | "off".
    #[serde(default)]
    pub severity: std::collections::BTreeMap<String, Spanned<String>>,
    #[serde(default, rename = "field")]
    pub fields: Vec<RawField>,
    /// Header spellings that are known but carry no template field (row
    /// numbers, action columns); they are not reported as unknown.
    #[serde(default)]
    pub ignore_headers: Vec<String>,
    #[serde(default)]
    pub evidence: Option<RawEvidence>,
    #[serde(default)]
    pub portal: Option<RawPortal>,
    #[serde(default, rename = "indicator")]
    pub indicators: Vec<RawIndicator>,
    /// The pemda's SPD indicators, scored from an SPD sheet.
    #[serde(default, rename = "spd")]
    pub spd: Vec<RawSpd>,
    /// Header spellings of the SPD sheet's columns.
    #[serde(default)]
    pub spd_sheet: Option<RawSpdSheet>,
    /// Rules of an award across the whole batch (e.g. every agency listed
    /// must report at least one innovation).
    #[serde(default)]
    pub award: Option<RawAward>,
    /// The agencies (and units) expected to send innovations.
    #[serde(default)]
    pub roster: Option<RawRoster>,
}

/// `[roster]`: one `[[roster.agency]]` per agency.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRoster {
    #[serde(default, rename = "agency")]
    pub agencies: Vec<RawRosterAgency>,
}

/// One agency of `[roster]`: its name, other spellings and kelompok.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRosterAgency {
    pub name: Spanned<String>,
    #[serde(default)]
    pub aliases: Vec<String>,
    pub group: Option<String>,
}

/// Batch-wide rules of an award.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawAward {
    /// Agencies (SKPD/OPD) that must each have at least one innovation in
    /// the batch; matched against the agency of each innovation after
    /// folding case, spaces and punctuation.
    #[serde(default)]
    pub agencies: Vec<Spanned<String>>,
    /// Other spellings of a listed agency: name -> spellings.
    #[serde(default)]
    pub spellings: std::collections::BTreeMap<String, Spanned<Vec<String>>>,
    /// Field key whose value groups proposals for the per-group rules
    /// below (KIPP: the instansi).
    pub group_by: Option<Spanned<String>>,
    /// Two proposals of one group may not carry the same title (U005).
    #[serde(default)]
    pub unique_titles: bool,
    /// Enum field key whose chosen value the quota counts by (KIPP: the
    /// kelompok).
    pub quota_by: Option<Spanned<String>>,
    /// Most proposals per group for each value of `quota_by` (U006).
    #[serde(default)]
    pub quota: std::collections::BTreeMap<String, Spanned<u32>>,
    #[serde(default)]
    pub grade: String,
    #[serde(default)]
    pub note: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawMeta {
    pub id: Spanned<String>,
    pub name: String,
    pub year: i32,
    #[serde(default)]
    pub source: String,
    /// Id of a shipped template whose content this one starts from. The
    /// files are merged before serde reads them (`merge.rs`): sections key
    /// by key, fields by key (a block with only `key` and what changes
    /// overrides part of the parent's field; one that rewrites `label` or
    /// `type` says `override = true`, which `merge.rs` takes out),
    /// indicators by number.
    #[serde(default)]
    pub extends: Option<Spanned<String>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSettings {
    /// How many rows from the top of a sheet are searched for the header row.
    pub header_scan_rows: Option<u32>,
    /// Minimum number of template fields a row must match to be taken as the header.
    pub header_min_matches: Option<u32>,
    /// Order of day and month in numeric text dates: "dmy" (Indonesian) or "mdy".
    pub date_order: Option<Spanned<String>>,
    /// Bounding box for coordinates: [lat_min, lat_max, lng_min, lng_max].
    pub coordinate_bounds: Option<Spanned<[f64; 4]>>,
    /// Names of sheets that are never innovation data (instructions, lists).
    #[serde(default)]
    pub skip_sheets: Vec<String>,
    /// Similarity (0..1.5: shared words 0..1 plus half the letters'
    /// likeness) from which an allowed value is offered as "did you mean";
    /// below it the hint lists the allowed values instead.
    pub suggest_threshold: Option<Spanned<f64>>,
    /// Cell texts that mean "nothing here" ("-", "n/a", "tidak ada"): in a
    /// choice, number or date cell they are an empty cell. Matched after
    /// trimming, ignoring ASCII case.
    #[serde(default)]
    pub placeholders: Vec<String>,
    /// Most findings of one code listed for one file (0: no limit).
    pub max_findings_per_code: Option<u32>,
    /// Most findings of one code listed over all files of a run (0: no
    /// limit).
    pub max_findings_per_code_in_run: Option<u32>,
    /// Most innovations checked in one run, over all its files (0: no
    /// limit); the rows past it are not checked, and F020 says so.
    pub max_innovations_in_run: Option<u32>,
    /// Most evidence statements kept in one run, over all its files (0: no
    /// limit); a file stops at the first row whose statements do not fit,
    /// and F021 says so.
    pub max_statements_in_run: Option<u32>,
    /// Beginnings of a group's title row ("Laboratorium Inovasi"): a row
    /// whose only text starts so names the pemda of the rows under it,
    /// and may state their number in brackets ("(120 Ide Inovasi)").
    #[serde(default)]
    pub group_titles: Vec<String>,
    /// Share of words (0..1) from which two ideas of one pemda are
    /// reported as the same idea written twice (L002); unset: not checked.
    pub similar_ideas: Option<Spanned<f64>>,
    /// Sources an idea code (`kode`, LAN scheme `YY SRC LLnn BBB NNN`) may
    /// name; empty: codes are not checked (L004, L005).
    #[serde(default)]
    pub code_sources: Vec<String>,
    /// Values of the `tahap` field at which an idea has been launched: it
    /// must be entered in the IID (L007), and its launch date after the
    /// reference date is L011 (before them the launch date is a plan).
    #[serde(default)]
    pub launched_stages: Vec<Spanned<String>>,
    /// Share of words (0..1) from which an innovation of a `--catalog` is
    /// listed as like an idea (L009); unset: 0.5.
    pub similar_catalog: Option<Spanned<f64>>,
    /// Whether an idea code's year must be the lab's year (L012).
    pub code_year: Option<bool>,
    /// The lab's year when neither the group title nor the diagnose date
    /// names one (L012).
    pub lab_year: Option<i32>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawWindow {
    /// First day an innovation's penerapan (or pengembangan) may fall on.
    pub start: Spanned<String>,
    /// Last day of the window.
    pub end: Spanned<String>,
    #[serde(default)]
    pub grade: String,
    #[serde(default)]
    pub note: String,
    /// How many earlier years' entries an innovation may have before it
    /// needs a development date to be entered again.
    pub max_prior_entries: Option<u32>,
    /// Whether a development date inside the window lets an innovation be
    /// entered again past `max_prior_entries` (default false: the limit
    /// holds whatever was developed).
    pub development_lifts_limit: Option<bool>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawScoring {
    pub spd_max: Spanned<f64>,
    pub sid_max: Spanned<f64>,
    pub count_per_innovation: Spanned<f64>,
    pub count_cap: u32,
    pub total_max: Spanned<f64>,
    pub divisor_min: u32,
    pub yandas_min: u32,
    /// Canonical urusan values (as in the `urusan_utama` field) that count as
    /// basic-service affairs (pelayanan dasar).
    pub yandas: Vec<Spanned<String>>,
    #[serde(default, rename = "predicate")]
    pub predicates: Vec<RawPredicate>,
    /// What the estimate is called when no innovation has indicator data.
    pub no_estimate: Option<String>,
    /// Finding codes that, at error severity, leave an innovation out of
    /// the verified estimate (it would not pass eligibility).
    #[serde(default)]
    pub exclude_codes: Vec<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPredicate {
    pub name: String,
    /// Lowest IID value (inclusive) that earns this predicate.
    pub min: Spanned<f64>,
}

/// One profile field of the innovation.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawField {
    pub key: Spanned<String>,
    pub label: String,
    #[serde(default)]
    pub label_en: Option<String>,
    /// Header spellings agencies use, matched after folding case, spaces and punctuation.
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(rename = "type")]
    pub kind: Spanned<String>,
    #[serde(default)]
    pub required: bool,
    /// Severity of a required field left empty or without a column
    /// (R001, H002) when it is not the code's own: "warning" for a field
    /// some sources require and others do not.
    pub required_severity: Option<Spanned<String>>,
    /// Values another system keeps under this field's header (e.g.
    /// "Non Tematik" under "Klasifikasi"): a column holding them is that
    /// system's field, said once per sheet, not a wrong value on every row.
    #[serde(default)]
    pub foreign_values: Vec<String>,
    /// For text fields: a text of fewer words is a filler answer ("-", one
    /// word, the question repeated), reported as such.
    pub filler_below_words: Option<Spanned<u32>>,
    /// For text fields: minimum number of words.
    pub min_words: Option<Spanned<u32>>,
    /// For text fields: maximum number of words.
    pub max_words: Option<Spanned<u32>>,
    /// For text fields: the value must be a link of one of these kinds
    /// ("youtube", "gdrive", "web").
    pub links: Option<Spanned<Vec<String>>>,
    /// For date fields: a date after the reference date is expected (a
    /// planned date), not reported as D004.
    pub future: Option<Spanned<bool>>,
    /// For date fields: the date must lie at least this many whole years
    /// before the reference date (--as-of), e.g. an implementation age.
    pub min_age_years: Option<Spanned<u32>>,
    /// For integer and amount (rupiah) fields: the least and the most a
    /// value may be.
    pub min: Option<Spanned<i64>>,
    pub max: Option<Spanned<i64>>,
    /// For enum fields: the allowed values.
    #[serde(default, rename = "value")]
    pub values: Vec<RawValue>,
    /// Whether the blank form of `bimtek template form` has a column for
    /// this field (default true; false for columns only the portal's list
    /// export has).
    pub form: Option<bool>,
    /// Grade of the source for this field (A-D); informational.
    #[serde(default)]
    pub grade: String,
    /// Free note shown by `bimtek template show`.
    #[serde(default)]
    pub note: String,
}

/// One allowed value of an enum field.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawValue {
    /// The canonical spelling, exactly as the portal shows it.
    pub value: Spanned<String>,
    /// Other spellings accepted for it (matched after folding).
    #[serde(default)]
    pub spellings: Vec<String>,
    /// Field keys that must be filled when this value is chosen
    /// (e.g. tahapan Penerapan needs waktu_penerapan).
    #[serde(default)]
    pub requires: Vec<Spanned<String>>,
    /// Field keys that should be filled when this value is chosen: a
    /// warning when empty, where `requires` is an error.
    #[serde(default)]
    pub recommends: Vec<Spanned<String>>,
    /// When this value is chosen, date fields with `min_age_years` use this
    /// minimum instead (e.g. kelompok Replikasi: 1 year instead of 2).
    pub min_age_years: Option<u32>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawEvidence {
    #[serde(default)]
    pub default_types: Vec<String>,
    pub default_max_mb: Option<Spanned<f64>>,
    /// Header spellings of the long evidence layout (one row per innovation
    /// x indicator document), by column: inovasi, indikator, parameter,
    /// nomor_dokumen, tanggal_dokumen, tentang, file.
    #[serde(default)]
    pub columns: std::collections::BTreeMap<String, Spanned<Vec<String>>>,
    /// Words after "Indikator N" in the wide layout that mean the chosen
    /// parameter, the evidence reference, and the document date.
    #[serde(default)]
    pub wide_parameter: Vec<String>,
    #[serde(default)]
    pub wide_evidence: Vec<String>,
    #[serde(default)]
    pub wide_date: Vec<String>,
}

/// Settings for comparing with the portal's list export.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPortal {
    pub match_threshold: Option<Spanned<f64>>,
    pub stale_after_days: Option<u32>,
}

/// One SPD indicator (per pemda). Its tier (1..3) comes from the value
/// given for it: one of `options` (or the number 1..3), or a measure
/// compared with `higher` (higher is better: [most for tier 1, least for
/// tier 3]) or `lower` (lower is better: [least for tier 1, most for tier 3]).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSpd {
    /// Number as the Pedoman writes it: "1", "2a", "10b".
    pub no: Spanned<String>,
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    pub weight: f64,
    #[serde(default)]
    pub mandatory: bool,
    /// Tier 1..3 options, each a list of accepted spellings (first shown).
    #[serde(default)]
    pub options: Vec<Vec<String>>,
    pub higher: Option<[f64; 2]>,
    pub lower: Option<[f64; 2]>,
    #[serde(default)]
    pub grade: String,
    #[serde(default)]
    pub note: String,
}

/// Header spellings of the SPD sheet: one row per SPD indicator.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSpdSheet {
    #[serde(default)]
    pub indikator: Vec<String>,
    #[serde(default)]
    pub nilai: Vec<String>,
    #[serde(default)]
    pub bukti: Vec<String>,
}

/// One SID indicator (per innovation).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawIndicator {
    /// Number as the portal shows it (1..20).
    pub no: Spanned<u32>,
    /// Number in the Pedoman (16..35).
    #[serde(default)]
    pub pedoman_no: Option<u32>,
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub variable: String,
    pub weight: Spanned<f64>,
    #[serde(default)]
    pub mandatory: bool,
    /// The three parameter options, tier 1..3.
    pub params: Vec<String>,
    /// Accepted evidence types: pdf, jpg, jpeg, png, mp4.
    #[serde(default)]
    pub types: Vec<String>,
    pub max_mb: Option<Spanned<f64>>,
    /// Evidence document year range relative to the assessment year T:
    /// [-2, 0] means T-2..T-0. Absent: no year rule.
    pub years: Option<[i32; 2]>,
    /// Links accepted in place of a file: "youtube", "gdrive".
    #[serde(default)]
    pub links: Vec<String>,
    #[serde(default)]
    pub grade: String,
    #[serde(default)]
    pub note: String,
}
