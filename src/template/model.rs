//! The compiled template: the types the loader, normalize and check read
//! (fields, allowed values, indicators, settings, scoring, award rules) and
//! the lookups over them (header to field, spelling to value, indicator by
//! name). `compile/` builds them from a raw template; nothing here reads
//! TOML.

use super::roles::Roles;
use super::roster::{Roster, RosterAgency, RosterSource};
use super::{fold, fold_bounded};
use crate::diag::{self, Code, Severity};
use chrono::NaiveDate;
use foldhash::{HashMap, HashSet};
use std::collections::BTreeMap;

/// Order of day and month in numeric text dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateOrder {
    DayMonth,
    MonthDay,
}

#[derive(Debug, Clone)]
pub struct Settings {
    pub header_scan_rows: u32,
    pub header_min_matches: u32,
    pub date_order: DateOrder,
    /// [lat_min, lat_max, lng_min, lng_max]
    pub coordinate_bounds: [f64; 4],
    /// Folded sheet names that are never data.
    pub skip_sheets: HashSet<String>,
    pub suggest_threshold: f64,
    /// Placeholder texts that mean an empty cell, trimmed (matched
    /// ignoring ASCII case), and the longest of them in bytes.
    pub placeholders: Vec<String>,
    pub placeholder_max_len: usize,
    /// Most findings of one code listed for one file; the rest are counted
    /// and told in one F017 (0: no limit).
    pub max_findings_per_code: u32,
    /// Most findings of one code listed over all files of a run, earlier
    /// files first; the rest are counted and told in each file's F017 (0:
    /// no limit).
    pub max_findings_per_code_in_run: u32,
    /// Most innovations checked over all files of a run; the rows past it
    /// are not checked, and each file with such rows has one F020 (0: no
    /// limit).
    pub max_innovations_in_run: u32,
    /// Most evidence statements (a long-layout evidence row, or one
    /// indicator's `Indikator N` cells of a profile row) kept over all files
    /// of a run; a file stops at the first row whose statements do not fit,
    /// and has one F021 (0: no limit).
    pub max_statements_in_run: u32,
    /// Folded beginnings of a group's title row (`group_titles`).
    pub group_titles: Vec<String>,
    /// Share of words from which two ideas of one pemda are one idea twice.
    pub similar_ideas: Option<f64>,
    /// Sources a LAN idea code may name (`code_sources`).
    pub code_sources: Vec<String>,
    /// Indices into the `tahap` field's values at which an idea has been
    /// launched (`launched_stages`): ideas are followed into the IID (L007)
    /// and a launch date ahead is wrong there (L011).
    pub launched_stages: Vec<usize>,
    /// Share of words from which a catalogue innovation is like an idea.
    pub similar_catalog: f64,
    /// The code's year is checked against the lab's (`code_year`, L012),
    /// falling back to `lab_year`.
    pub code_year: bool,
    pub lab_year: Option<i32>,
}

#[derive(Debug, Clone)]
pub struct Window {
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub note: String,
    pub max_prior_entries: Option<u32>,
    /// A development date inside the window lifts `max_prior_entries`.
    pub development_lifts_limit: bool,
}

#[derive(Debug, Clone)]
pub struct Predicate {
    pub name: String,
    pub min: f64,
}

#[derive(Debug, Clone)]
pub struct Scoring {
    pub spd_max: f64,
    pub sid_max: f64,
    pub count_per_innovation: f64,
    pub count_cap: u32,
    pub total_max: f64,
    pub divisor_min: u32,
    pub yandas_min: u32,
    /// Canonical urusan values that are basic-service affairs.
    pub yandas: Vec<String>,
    /// Highest minimum first.
    pub predicates: Vec<Predicate>,
    /// The estimate's name when no innovation has indicator data.
    pub no_estimate: String,
    /// Codes that, at error severity, leave an innovation out of the
    /// verified estimate.
    pub exclude_codes: Vec<Code>,
}

/// What kind of value a field holds.
#[derive(Debug, Clone, PartialEq)]
pub enum FieldKind {
    Text,
    Enum,
    Date,
    Integer {
        min: Option<i64>,
        max: Option<i64>,
    },
    /// Rupiah; the bounds are whole rupiah.
    Amount {
        min: Option<i64>,
        max: Option<i64>,
    },
    Coordinate,
    File,
}

#[derive(Debug, Clone)]
pub struct EnumValue {
    pub value: String,
    pub spellings: Vec<String>,
    /// Indices of fields that must be filled when this value is chosen.
    pub requires: Vec<usize>,
    /// Indices of fields that should be filled (a warning when empty).
    pub recommends: Vec<usize>,
    /// Replaces `min_age_years` of date fields when this value is chosen.
    pub min_age_years: Option<u32>,
}

#[derive(Debug, Clone)]
pub struct Field {
    pub key: String,
    pub label: String,
    pub label_en: String,
    pub aliases: Vec<String>,
    pub kind: FieldKind,
    pub required: bool,
    /// Severity of R001/H002 for this field, when not the code's own.
    pub required_severity: Option<Severity>,
    /// Folded values of another system's field under the same header.
    pub foreign_values: HashSet<String>,
    /// Text fields: fewer words is a filler answer.
    pub filler_below_words: Option<u32>,
    pub min_words: Option<u32>,
    /// Text fields: most words allowed.
    pub max_words: Option<u32>,
    /// Text fields: the value must be a link of one of these kinds.
    pub links: Vec<String>,
    /// Date fields: least whole years before the reference date.
    pub min_age_years: Option<u32>,
    /// Date fields: a planned date, which may be after the reference date.
    pub future: bool,
    /// Whether the blank form has a column for it.
    pub in_form: bool,
    pub values: Vec<EnumValue>,
    /// Folded value or spelling -> index into `values`.
    pub(super) value_index: HashMap<String, usize>,
    pub grade: String,
    pub note: String,
}

impl Field {
    /// The allowed value a folded spelling stands for.
    pub fn lookup_value(&self, folded: &str) -> Option<&EnumValue> {
        self.value_index.get(folded).map(|&i| &self.values[i])
    }

    pub fn label(&self, lang: diag::Lang) -> &str {
        match lang {
            diag::Lang::Id => &self.label,
            diag::Lang::En => &self.label_en,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Indicator {
    pub no: u32,
    pub pedoman_no: Option<u32>,
    pub name: String,
    pub aliases: Vec<String>,
    pub variable: String,
    pub weight: f64,
    pub mandatory: bool,
    pub params: Vec<String>,
    pub types: Vec<String>,
    pub max_mb: f64,
    pub years: Option<[i32; 2]>,
    pub links: Vec<String>,
    pub grade: String,
    pub note: String,
}

/// A column of the long evidence layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EvidenceKey {
    Innovation,
    Indicator,
    Parameter,
    Number,
    Date,
    About,
    File,
}

impl EvidenceKey {
    pub(super) fn from_key(s: &str) -> Option<EvidenceKey> {
        Some(match s {
            "inovasi" => EvidenceKey::Innovation,
            "indikator" => EvidenceKey::Indicator,
            "parameter" => EvidenceKey::Parameter,
            "nomor_dokumen" => EvidenceKey::Number,
            "tanggal_dokumen" => EvidenceKey::Date,
            "tentang" => EvidenceKey::About,
            "file" => EvidenceKey::File,
            _ => return None,
        })
    }
}

/// What a wide-layout column (`Indikator N ...`) holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum WideKind {
    Parameter,
    File,
    Date,
}

/// An agency an award expects innovations from.
#[derive(Debug, Clone)]
pub struct AwardAgency {
    pub name: String,
    pub spellings: Vec<String>,
    /// The name and spellings, folded.
    pub(super) folded: Vec<String>,
}

impl AwardAgency {
    /// Whether an innovation's agency is this one (after folding).
    pub fn matches(&self, agency: &str) -> bool {
        let f = fold(agency);
        self.folded.contains(&f)
    }
}

/// How an SPD indicator's value becomes its tier.
#[derive(Debug, Clone, PartialEq)]
pub enum SpdRule {
    /// Tier 1..3 options, each with its folded spellings (first shown).
    Options(Vec<Vec<String>>),
    /// Higher is better: at or below `[0]` tier 1, at or above `[1]` tier 3.
    Higher([f64; 2]),
    /// Lower is better: at or above `[0]` tier 1, at or below `[1]` tier 3.
    Lower([f64; 2]),
}

/// One SPD indicator of the pemda.
#[derive(Debug, Clone)]
pub struct SpdIndicator {
    pub no: String,
    pub name: String,
    /// Folded number, name and aliases.
    pub folded: Vec<String>,
    pub weight: f64,
    pub mandatory: bool,
    pub rule: SpdRule,
}

impl SpdIndicator {
    /// The tier a value gives: a number 1..3 or an option for an options
    /// rule; a measure for the others. `None` when it cannot be read.
    pub fn tier(&self, text: &str) -> Option<u8> {
        let t = text.trim();
        match &self.rule {
            SpdRule::Options(options) => {
                if let Ok(n) = t.parse::<u8>() {
                    return (1..=3).contains(&n).then_some(n);
                }
                let f = fold(t);
                options
                    .iter()
                    .position(|spellings| spellings.contains(&f))
                    .map(|i| i as u8 + 1)
            }
            SpdRule::Higher([low, high]) => {
                let v = measure(t)?;
                Some(if v <= *low {
                    1
                } else if v >= *high {
                    3
                } else {
                    2
                })
            }
            SpdRule::Lower([high, low]) => {
                let v = measure(t)?;
                Some(if v >= *high {
                    1
                } else if v <= *low {
                    3
                } else {
                    2
                })
            }
        }
    }
}

/// A measure as written in an SPD sheet: "8,17", "8.17 %", "-0,5".
fn measure(t: &str) -> Option<f64> {
    let t = t.trim_end_matches('%').trim().replace(',', ".");
    let t = t.replace(['\u{2212}', '\u{2013}'], "-");
    if t.matches('.').count() > 1 {
        return None;
    }
    t.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// Batch-wide rules of an award.
#[derive(Debug, Clone, Default)]
pub struct Award {
    /// Agencies that must each report at least one innovation.
    pub agencies: Vec<AwardAgency>,
    /// Field whose value groups proposals (KIPP: instansi).
    pub group_field: Option<usize>,
    /// No two proposals of one group with the same title.
    pub unique_titles: bool,
    /// Enum field the quota counts by, and the most proposals per group for
    /// each of its canonical values.
    pub quota_field: Option<usize>,
    pub quota: Vec<(String, u32)>,
    pub note: String,
}

/// A compiled template, ready for loading and checking.
#[derive(Debug, Clone)]
pub struct Template {
    pub id: String,
    pub name: String,
    pub year: i32,
    pub source: String,
    pub settings: Settings,
    pub window: Option<Window>,
    pub scoring: Option<Scoring>,
    /// Code -> severity; `None` switches the code off.
    pub severity: BTreeMap<Code, Option<Severity>>,
    pub fields: Vec<Field>,
    /// The fields in each role, found once by their keys.
    pub roles: Roles,
    /// Field key -> field index (keys are looked up for every row).
    pub(super) key_index: HashMap<String, usize>,
    pub indicators: Vec<Indicator>,
    /// Folded header alias -> field index.
    pub(super) header_index: HashMap<String, usize>,
    pub(super) ignore_headers: HashSet<String>,
    /// The exact source text(s) this template was compiled from, parent first.
    pub sources: Vec<String>,
    /// Folded header -> long evidence layout column.
    pub(super) evidence_headers: HashMap<String, EvidenceKey>,
    /// The first spelling of each long evidence layout column, in layout
    /// order (the headers of the form's evidence sheet).
    pub evidence_columns: Vec<(EvidenceKey, String)>,
    /// Folded word after "Indikator N" -> wide column kind.
    pub(super) wide_suffixes: HashMap<String, WideKind>,
    /// Folded indicator name or alias -> indicator number.
    pub(super) indicator_names: HashMap<String, u32>,
    /// The longest folded header any lookup above can match, in bytes.
    pub(super) header_limit: usize,
    /// Per field, the folded headers that name it (label and aliases): the
    /// keys of `header_index` with that field, for looking the other way.
    pub(super) field_folds: Vec<Vec<String>>,
    /// Name similarity above which a portal entry is the same innovation.
    pub match_threshold: f64,
    /// Portal entries older than this (days) are stale.
    pub stale_after_days: u32,
    /// Batch-wide award rules, when the template has an `[award]` section.
    pub award: Option<Award>,
    /// The agencies expected, when the template has a `[roster]` section.
    pub roster: Option<Roster>,
    /// The pemda's SPD indicators, in template order.
    pub spd: Vec<SpdIndicator>,
    /// Folded header spellings of the SPD sheet: indikator, nilai, bukti.
    pub spd_columns: [Vec<String>; 3],
    /// The file this template was read from (`templates/<id>.toml` when shipped).
    pub file: String,
    /// The shipped template this one extends, if any.
    pub extends: Option<String>,
}

/// A type's name in an officer's words, by its name in a template file;
/// `None` for a name that is no type.
pub fn kind_words(toml_name: &str) -> Option<crate::diag::Say> {
    use crate::diag::Say;
    Some(match toml_name {
        "text" => Say::KindText,
        "enum" => Say::KindEnum,
        "date" => Say::KindDate,
        "integer" => Say::KindInteger,
        "amount" => Say::KindAmount,
        "coordinate" => Say::KindCoordinate,
        "file" => Say::KindFile,
        _ => return None,
    })
}

impl FieldKind {
    /// The type's name in a template file.
    pub fn toml_name(&self) -> &'static str {
        match self {
            FieldKind::Text => "text",
            FieldKind::Enum => "enum",
            FieldKind::Date => "date",
            FieldKind::Integer { .. } => "integer",
            FieldKind::Amount { .. } => "amount",
            FieldKind::Coordinate => "coordinate",
            FieldKind::File => "file",
        }
    }

    /// The least and most a value may be, for a type with a magnitude.
    pub fn bounds(&self) -> (Option<i64>, Option<i64>) {
        match *self {
            FieldKind::Integer { min, max } | FieldKind::Amount { min, max } => (min, max),
            _ => (None, None),
        }
    }
}

impl Template {
    /// The field a header stands for, if any.
    pub fn field_for_header(&self, header: &str) -> Option<usize> {
        self.field_for_folded(header, self.fold_header(header).as_deref())
    }

    /// [`Template::field_for_header`] when the caller has folded the header
    /// already (`folded` is [`Template::fold_header`] of it).
    pub fn field_for_folded(&self, header: &str, folded: Option<&str>) -> Option<usize> {
        if let Some(i) = folded.and_then(|f| self.field_for_fold(f)) {
            return Some(i);
        }
        // "Waktu Penerapan (dd/mm/yyyy)": try without the parenthesised part.
        // Most cells looked up have none (every cell of a sheet's first
        // rows is), and the copy is not made for them.
        if !has_brackets(header) {
            return None;
        }
        let stripped = strip_parens(header);
        if stripped != header {
            return self
                .fold_header(&stripped)
                .and_then(|f| self.header_index.get(&f).copied());
        }
        None
    }

    /// [`fold`] of a header, or `None` when the fold is longer than any
    /// header the template knows (labels, aliases, evidence columns,
    /// ignored headers, wide columns with up to 20 digits): such a text
    /// names nothing. The first rows of a sheet are mostly data, and
    /// folding whole texts of them to look each up was most of header
    /// detection.
    pub fn fold_header(&self, header: &str) -> Option<String> {
        let mut out = String::with_capacity(header.len().min(self.header_limit));
        fold_bounded(header, &mut out, self.header_limit).then_some(out)
    }

    /// The longest fold of any header the template knows (labels, aliases,
    /// evidence columns, ignored headers, wide columns).
    pub fn header_limit(&self) -> usize {
        self.header_limit
    }

    /// The folded headers that name field `fi` (its label and aliases):
    /// exactly the `folded` for which [`Template::field_for_fold`] is `fi`.
    pub fn folds_of_field(&self, fi: usize) -> &[String] {
        self.field_folds.get(fi).map_or(&[], Vec::as_slice)
    }

    /// The folded headers that name long evidence column `key`: exactly the
    /// `folded` for which [`Template::evidence_key_folded`] is `key`.
    pub fn folds_of_evidence(&self, key: EvidenceKey) -> impl Iterator<Item = &str> {
        self.evidence_headers
            .iter()
            .filter(move |(_, k)| **k == key)
            .map(|(folded, _)| folded.as_str())
    }

    /// The field whose folded label or alias is exactly `folded` (without
    /// the retry without parentheses of [`Template::field_for_header`]).
    pub fn field_for_fold(&self, folded: &str) -> Option<usize> {
        self.header_index.get(folded).copied()
    }

    /// Whether a folded header is known to carry no field (row numbers,
    /// actions).
    pub fn is_ignored_folded(&self, folded: &str) -> bool {
        folded.is_empty() || self.ignore_headers.contains(folded)
    }

    pub fn field_index(&self, key: &str) -> Option<usize> {
        self.key_index.get(key).copied()
    }

    pub fn field(&self, key: &str) -> Option<&Field> {
        self.field_index(key).map(|i| &self.fields[i])
    }

    /// The long evidence layout column a header stands for.
    pub fn evidence_key(&self, header: &str) -> Option<EvidenceKey> {
        self.evidence_key_folded(&fold(header))
    }

    /// [`Template::evidence_key`] of an already folded header.
    pub fn evidence_key_folded(&self, folded: &str) -> Option<EvidenceKey> {
        self.evidence_headers.get(folded).copied()
    }

    /// The wide-layout column a folded header stands for: `Indikator 17
    /// Bukti` -> (17, File); also `Ind. 17 Parameter`,
    /// `Indikator_17_Bukti_Dukung`. Only the template's indicators: a
    /// column naming another is no evidence (a sheet of a thousand such
    /// columns was a thousand statements a row), and is told once as a
    /// header finding ([`Template::wide_column_unknown_folded`]).
    pub fn wide_column_folded(&self, f: &str) -> Option<(u32, WideKind)> {
        self.wide_column_any(f)
            .filter(|(no, _)| self.indicator(*no).is_some())
    }

    /// The indicator number a folded header names as a wide-layout column
    /// when the template has no such indicator (`Indikator 999 Bukti`).
    pub fn wide_column_unknown_folded(&self, f: &str) -> Option<u32> {
        self.wide_column_any(f)
            .map(|(no, _)| no)
            .filter(|&no| self.indicator(no).is_none())
    }

    /// `Indikator N <suffix>` for any number N.
    fn wide_column_any(&self, f: &str) -> Option<(u32, WideKind)> {
        let rest = ["indikator", "indicator", "ind"]
            .iter()
            .find_map(|p| f.strip_prefix(p))?;
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        let no: u32 = digits.parse().ok()?;
        let kind = *self.wide_suffixes.get(&rest[digits.len()..])?;
        Some((no, kind))
    }

    /// The indicator a cell names: its portal number (`17`, `17.0`,
    /// `Indikator 17`) or its name or an alias.
    pub fn indicator_for(&self, text: &str) -> Option<u32> {
        let number = |n: u32| self.indicators.iter().find(|i| i.no == n).map(|i| i.no);
        if let Ok(x) = text.trim().parse::<f64>() {
            return (x.fract() == 0.0 && (0.0..1e6).contains(&x))
                .then(|| number(x as u32))
                .flatten();
        }
        let f = fold(text);
        if let Some(&n) = self.indicator_names.get(&f) {
            return Some(n);
        }
        let rest = ["indikator", "indicator", "ind"]
            .iter()
            .find_map(|p| f.strip_prefix(p))
            .unwrap_or(&f);
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        if digits.is_empty() {
            return None;
        }
        number(digits.parse().ok()?)
    }

    pub fn indicator(&self, no: u32) -> Option<&Indicator> {
        self.indicators.iter().find(|i| i.no == no)
    }

    /// The severity of `code` under this template: `None` when switched off.
    pub fn severity_of(&self, code: Code, default: Severity) -> Option<Severity> {
        match self.severity.get(&code) {
            Some(s) => *s,
            None => Some(default),
        }
    }
}

/// Whether `s` has a bracket [`strip_parens`] would act on. It runs on
/// every text cell of a sheet's first rows, several times (in the wide
/// evidence workbooks, every row is one of them): the brackets are ASCII,
/// so the bytes are searched, with memchr.
pub fn has_brackets(s: &str) -> bool {
    let b = s.as_bytes();
    memchr::memchr3(b'(', b')', b'[', b).is_some() || memchr::memchr(b']', b).is_some()
}

fn strip_parens(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut depth = 0u32;
    for c in s.chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// A template's roster: its own, else its award's agencies (the roster
/// itself, in roster.rs, knows nothing of templates).
impl Roster {
    /// An award's agencies and their spellings as a roster.
    pub fn from_award(award: &Award, file: &str) -> Option<Roster> {
        if award.agencies.is_empty() {
            return None;
        }
        let mut r = Roster::new(RosterSource::Award(file.to_string()));
        for a in &award.agencies {
            // The award's list was checked when the template compiled.
            let _ = r.add(RosterAgency {
                name: a.name.clone(),
                aliases: a.spellings.clone(),
                group: None,
                sheet: None,
                row: None,
            });
        }
        Some(r)
    }
}

impl Template {
    /// The roster the template gives: its `[roster]`, else its award's
    /// agencies; `None` when it lists none.
    pub fn expected_agencies(&self) -> Option<Roster> {
        let file = if self.file.is_empty() {
            format!("{}.toml", self.id)
        } else {
            self.file.replace('\\', "/")
        };
        match &self.roster {
            Some(r) => {
                let mut r = r.clone();
                r.source = RosterSource::Template(file);
                Some(r)
            }
            None => self
                .award
                .as_ref()
                .and_then(|a| Roster::from_award(a, &file)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Searching the bytes finds a bracket exactly when searching the
        /// characters does (no byte of a multi-byte character is ASCII).
        #[test]
        fn brackets_are_found_by_their_bytes(
            s in "[a-z ()\\[\\]éİ（）【】\u{2985}\u{0128}\u{0129}\u{015B}]{0,12}"
        ) {
            proptest::prop_assert_eq!(has_brackets(&s), s.contains(['(', ')', '[', ']']));
        }
    }
}
