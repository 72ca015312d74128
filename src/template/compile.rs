//! Raw template -> `Template`: apply `extends`, check every reference (field
//! keys in `requires`, yandas values, severity codes, dates), and build the
//! lookup tables the loader and checks use (folded header aliases, folded
//! value spellings). Every mistake names the file, line and column.

use super::fold;
use super::merge::{Segment, locate};
use super::message::line_col;
use super::model::{
    Award, AwardAgency, DateOrder, EnumValue, EvidenceKey, Field, FieldKind, Indicator, Predicate,
    Scoring, Settings, SpdIndicator, SpdRule, Template, WideKind, Window, kind_words,
};
use super::raw::{RawField, RawIndicator, RawTemplate};
use super::roles::{self, Roles};
use crate::diag::{Code, Lang, Severity, Text};
use chrono::NaiveDate;
use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
use std::collections::BTreeMap;
use std::fmt;
use std::ops::Range;
use toml::Spanned;

/// A template that could not be read. Displayed as `file:line:col: message`
/// (in Bahasa Indonesia; [`TemplateError::display`] picks the language).
#[derive(Debug, Clone, PartialEq)]
pub struct TemplateError {
    pub file: String,
    pub line: usize,
    pub column: usize,
    /// The mistake in Bahasa Indonesia and in English.
    pub message: Text,
}

impl TemplateError {
    pub fn message(&self, lang: Lang) -> &str {
        lang.pick(&self.message).as_str()
    }

    /// `file:line:col: message` in `lang`.
    pub fn display(&self, lang: Lang) -> String {
        format!(
            "{}:{}:{}: {}",
            self.file,
            self.line,
            self.column,
            self.message(lang)
        )
    }

    /// A mistake at `span` of a merged tree (see `merge::Segment`): the
    /// file it came from, its line and column. A place the message names
    /// as `@@offset@@` is written `line L` (in another file, `file:L`).
    pub(super) fn at(
        segs: &[Segment<'_>],
        span: Range<usize>,
        message: [String; 2],
    ) -> TemplateError {
        let (seg, local) = locate(segs, span);
        let (line, column) = line_col(seg.src, local.start);
        let fill = |m: String, word: &str| {
            let mut out = String::with_capacity(m.len());
            let mut rest = m.as_str();
            while let Some(i) = rest.find("@@") {
                let Some(j) = rest[i + 2..].find("@@") else {
                    break;
                };
                let Ok(offset) = rest[i + 2..i + 2 + j].parse::<usize>() else {
                    break;
                };
                out.push_str(&rest[..i]);
                let (other, o) = locate(segs, offset..offset);
                let (l, _) = line_col(other.src, o.start);
                if std::ptr::eq(other, seg) {
                    out.push_str(&format!("{word} {l}"));
                } else {
                    out.push_str(&format!("{}:{l}", other.file));
                }
                rest = &rest[i + 2 + j + 2..];
            }
            out.push_str(rest);
            out
        };
        let [id, en] = message;
        let message = [fill(id, "baris"), fill(en, "line")];
        TemplateError {
            file: seg.file.clone(),
            line,
            column,
            message,
        }
    }
}

impl fmt::Display for TemplateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.display(Lang::Id))
    }
}

impl std::error::Error for TemplateError {}

/// Kinds of link a text field may ask for (see `check::evidence::link_kind_accepted`).
const LINK_KINDS: &[&str] = &["youtube", "gdrive", "web"];

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

const KINDS: &[&str] = &[
    "text",
    "enum",
    "date",
    "integer",
    "amount",
    "coordinate",
    "file",
];

impl Template {
    /// A shipped template by id.
    pub fn builtin(id: &str) -> Option<Result<Template, TemplateError>> {
        super::BUILTIN
            .iter()
            .find(|(bid, _)| *bid == id)
            .map(|(bid, src)| Template::parse(src, &format!("templates/{bid}.toml")))
    }

    /// Read a user's template file. A file that is not UTF-8 (saved in
    /// Windows' own encoding) is told how to save it as UTF-8.
    pub fn from_file(path: &std::path::Path) -> Result<Template, TemplateError> {
        let name = path.display().to_string();
        let bytes = std::fs::read(path).map_err(|e| TemplateError {
            file: name.clone(),
            line: 0,
            column: 0,
            message: tr!(
                "templat tidak dapat dibaca: {e}",
                "cannot read the template: {e}"
            ),
        })?;
        Template::parse_bytes(&bytes, &name)
    }

    /// Compile a template file's bytes; one that is not UTF-8 is told how
    /// to save it as UTF-8 in Notepad.
    pub fn parse_bytes(bytes: &[u8], file: &str) -> Result<Template, TemplateError> {
        let src =
            std::str::from_utf8(bytes).map_err(|e| super::message::not_utf8(file, bytes, &e))?;
        Template::parse(src, file)
    }

    /// Compile template source text; `file` names it in errors.
    pub fn parse(src: &str, file: &str) -> Result<Template, TemplateError> {
        // Notepad writes a byte-order mark before UTF-8 text.
        let src = src.strip_prefix('\u{feff}').unwrap_or(src);
        let mut segs = Vec::new();
        let tree = super::merge::load(src, file, &mut segs, 0)?;
        let ctx = Ctx { segs: &segs };
        let de = toml::de::Deserializer::from(Spanned::new(0..src.len(), tree));
        let raw = <RawTemplate as serde::Deserialize>::deserialize(de)
            .map_err(|e| super::message::shape(&segs, &e))?;
        ctx.numbers(&raw)?;
        let mut t = ctx.compile(raw)?;
        // Farthest ancestor first, this file last.
        t.sources = segs.iter().rev().map(|s| s.src.to_string()).collect();
        t.file = file.to_string();
        Ok(t)
    }
}

/// A severity as a template may write it: the English word or the
/// Indonesian one the reports show (galat, peringatan, info, nonaktif), in
/// any case. `Some(None)` switches a code off.
fn severity_word(s: &str) -> Option<Option<Severity>> {
    Some(match s.trim().to_lowercase().as_str() {
        "error" | "galat" => Some(Severity::Error),
        "warning" | "peringatan" => Some(Severity::Warning),
        "info" => Some(Severity::Info),
        "off" | "nonaktif" => None,
        _ => return None,
    })
}

/// Findings of one code listed for one file when the template does not
/// say: a national list of 100k innovations where one field is missing in
/// a few percent of rows stays whole, while a hostile file with a dozen
/// findings on each of 180k rows no longer takes gigabytes (README, Limits).
pub const DEFAULT_MAX_FINDINGS_PER_CODE: u32 = 5_000;
/// The default of `max_findings_per_code_in_run`: without it a folder of
/// 98 CSVs of 0.5 MB, each listing 5,000 findings of nine codes, took
/// 3.6 GB (BENCHMARKS.md, "Safe at the edges").
pub const DEFAULT_MAX_FINDINGS_PER_CODE_IN_RUN: u32 = 10_000;
/// The default of `max_innovations_in_run`: half an xlsx sheet's rows, five
/// times the bench's largest list and ten times the national one, and few
/// enough that a run of them stays under 300 MB whatever its rows (a 50 MB
/// CSV of rows of a few bytes is millions of them; at 1,048,576 such a run
/// took 359 MB; BENCHMARKS.md, "Safe at the edges").
pub const DEFAULT_MAX_INNOVATIONS_IN_RUN: u32 = 524_288;

/// The most digits of an indicator number a wide column header is
/// recognised with ("Indikator 17 Bukti"; leading zeros count).
const WIDE_NUMBER_DIGITS: usize = 20;

/// What a template's decimal number must be.
#[derive(Clone, Copy)]
enum Bound {
    Finite,
    NotNegative,
    /// 0 to 1, both included (a similarity).
    Fraction,
}

struct Ctx<'a> {
    segs: &'a [Segment<'a>],
}

impl Ctx<'_> {
    fn err(&self, span: Range<usize>, message: [String; 2]) -> TemplateError {
        TemplateError::at(self.segs, span, message)
    }

    /// Every decimal number of a template and its parents (each span
    /// says which file it is in): finite, and not
    /// negative where it is a weight, a size, a maximum or a threshold. A
    /// NaN weight would pass every comparison and make every score NaN.
    fn numbers(&self, raw: &RawTemplate) -> Result<(), TemplateError> {
        let mut checks: Vec<(&Spanned<f64>, String, Bound)> = Vec::new();
        if let Some(rs) = &raw.settings {
            if let Some(b) = &rs.coordinate_bounds
                && let Some(x) = b.get_ref().iter().find(|x| !x.is_finite())
            {
                return Err(self.bad_number(
                    b.span(),
                    "settings.coordinate_bounds",
                    *x,
                    Bound::Finite,
                ));
            }
            if let Some(x) = &rs.suggest_threshold {
                checks.push((x, "settings.suggest_threshold".into(), Bound::NotNegative));
            }
            if let Some(x) = &rs.similar_ideas {
                checks.push((x, "settings.similar_ideas".into(), Bound::NotNegative));
            }
            if let Some(x) = &rs.similar_catalog {
                checks.push((x, "settings.similar_catalog".into(), Bound::Fraction));
            }
        }
        if let Some(s) = &raw.scoring {
            for (x, what) in [
                (&s.spd_max, "spd_max"),
                (&s.sid_max, "sid_max"),
                (&s.count_per_innovation, "count_per_innovation"),
                (&s.total_max, "total_max"),
            ] {
                checks.push((x, format!("scoring.{what}"), Bound::NotNegative));
            }
            for p in &s.predicates {
                checks.push((&p.min, "scoring.predicate.min".into(), Bound::NotNegative));
            }
        }
        if let Some(x) = raw
            .evidence
            .as_ref()
            .and_then(|e| e.default_max_mb.as_ref())
        {
            checks.push((x, "evidence.default_max_mb".into(), Bound::NotNegative));
        }
        if let Some(x) = raw.portal.as_ref().and_then(|p| p.match_threshold.as_ref()) {
            checks.push((x, "portal.match_threshold".into(), Bound::Fraction));
        }
        for ind in &raw.indicators {
            checks.push((&ind.weight, "indicator.weight".into(), Bound::NotNegative));
            if let Some(x) = &ind.max_mb {
                checks.push((x, "indicator.max_mb".into(), Bound::NotNegative));
            }
        }
        for (x, what, bound) in checks {
            let v = *x.get_ref();
            let ok = match bound {
                Bound::Finite => v.is_finite(),
                Bound::NotNegative => v.is_finite() && v >= 0.0,
                Bound::Fraction => (0.0..=1.0).contains(&v),
            };
            if !ok {
                return Err(self.bad_number(x.span(), &what, v, bound));
            }
        }
        Ok(())
    }

    fn bad_number(&self, span: Range<usize>, what: &str, x: f64, bound: Bound) -> TemplateError {
        let message = match bound {
            Bound::Finite => tr!(
                "{what} = {x}: harus bilangan biasa, bukan nan atau inf",
                "{what} = {x}: must be a finite number"
            ),
            Bound::NotNegative => tr!(
                "{what} = {x}: harus bilangan 0 atau lebih (bukan nan atau inf)",
                "{what} = {x}: must be a finite number, not negative"
            ),
            Bound::Fraction => tr!(
                "{what} = {x}: harus antara 0 dan 1",
                "{what} = {x}: must be between 0 and 1"
            ),
        };
        self.err(span, message)
    }

    fn date(&self, s: &Spanned<String>, what: &str) -> Result<NaiveDate, TemplateError> {
        NaiveDate::parse_from_str(s.get_ref(), "%Y-%m-%d").map_err(|_| {
            self.err(
                s.span(),
                tr!(
                    "{what} \"{}\" bukan tanggal berbentuk yyyy-mm-dd",
                    "{what} \"{}\" is not a date in yyyy-mm-dd form",
                    s.get_ref()
                ),
            )
        })
    }

    fn compile(&self, raw: RawTemplate) -> Result<Template, TemplateError> {
        let id = raw.template.id.get_ref().trim().to_string();
        if id.is_empty() {
            return Err(self.err(
                raw.template.id.span(),
                tr!("id templat kosong", "template id is empty"),
            ));
        }
        let rs = raw.settings.unwrap_or_default();
        let date_order = match rs.date_order.as_ref().map(|s| s.get_ref().as_str()) {
            None | Some("dmy") => DateOrder::DayMonth,
            Some("mdy") => DateOrder::MonthDay,
            Some(other) => {
                return Err(self.err(
                    rs.date_order.as_ref().expect("some").span(),
                    tr!(
                        "date_order \"{other}\" harus \"dmy\" atau \"mdy\"",
                        "date_order \"{other}\" must be \"dmy\" or \"mdy\""
                    ),
                ));
            }
        };
        let settings = Settings {
            header_scan_rows: rs.header_scan_rows.unwrap_or(30).max(1),
            header_min_matches: rs.header_min_matches.unwrap_or(2).max(1),
            date_order,
            coordinate_bounds: rs
                .coordinate_bounds
                .map_or([-11.5, 6.5, 94.5, 141.5], Spanned::into_inner),
            skip_sheets: rs
                .skip_sheets
                .iter()
                .map(String::as_str)
                .chain(super::FORM_INFO_SHEETS)
                .map(fold)
                .collect(),
            suggest_threshold: rs.suggest_threshold.map_or(0.42, Spanned::into_inner),
            placeholder_max_len: rs
                .placeholders
                .iter()
                .map(|p| p.trim().len())
                .max()
                .unwrap_or(0),
            placeholders: rs
                .placeholders
                .iter()
                .map(|p| p.trim().to_string())
                .collect(),
            max_findings_per_code: rs
                .max_findings_per_code
                .unwrap_or(DEFAULT_MAX_FINDINGS_PER_CODE),
            max_findings_per_code_in_run: rs
                .max_findings_per_code_in_run
                .unwrap_or(DEFAULT_MAX_FINDINGS_PER_CODE_IN_RUN),
            max_innovations_in_run: rs
                .max_innovations_in_run
                .unwrap_or(DEFAULT_MAX_INNOVATIONS_IN_RUN),
            group_titles: rs.group_titles.iter().map(|t| fold(t)).collect(),
            similar_ideas: rs.similar_ideas.map(Spanned::into_inner),
            code_sources: rs.code_sources.clone(),
            launched_stages: Vec::new(),
            similar_catalog: rs.similar_catalog.as_ref().map_or(0.5, |x| *x.get_ref()),
            code_year: rs.code_year.unwrap_or(false),
            lab_year: rs.lab_year,
        };

        let window = match raw.window {
            None => None,
            Some(w) => {
                let start = self.date(&w.start, "window.start")?;
                let end = self.date(&w.end, "window.end")?;
                if end < start {
                    return Err(self.err(
                        w.end.span(),
                        tr!(
                            "window.end lebih awal daripada window.start",
                            "window.end is before window.start"
                        ),
                    ));
                }
                Some(Window {
                    start,
                    end,
                    note: w.note,
                    max_prior_entries: w.max_prior_entries,
                    development_lifts_limit: w.development_lifts_limit.unwrap_or(false),
                })
            }
        };

        // Fields: keys unique, kinds known.
        let mut keys: HashMap<String, usize> = HashMap::new();
        for (i, f) in raw.fields.iter().enumerate() {
            let key = f.key.get_ref();
            if key.is_empty()
                || !key
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
            {
                return Err(self.err(
                    f.key.span(),
                    tr!(
                        "kunci isian \"{key}\" hanya boleh berisi huruf kecil, angka dan _",
                        "field key \"{key}\" must be lowercase letters, digits and _"
                    ),
                ));
            }
            if keys.insert(key.clone(), i).is_some() {
                return Err(self.err(
                    f.key.span(),
                    tr!(
                        "kunci isian \"{key}\" muncul dua kali",
                        "field key \"{key}\" appears twice"
                    ),
                ));
            }
        }
        let mut header_index: HashMap<String, usize> = HashMap::new();
        let mut fields = Vec::with_capacity(raw.fields.len());
        // Key, label and place of each field read so far, to name both
        // fields of a header alias they share.
        let mut earlier = Vec::with_capacity(raw.fields.len());
        for (i, f) in raw.fields.into_iter().enumerate() {
            let named = (f.key.get_ref().clone(), f.label.clone(), f.key.span());
            let field = self.field(f, i, &keys, &mut header_index, &earlier)?;
            fields.push(field);
            earlier.push(named);
        }
        let mut settings = settings;
        for stage in &rs.launched_stages {
            let tahap = fields.iter().find(|f| f.key == roles::LAB_STAGE);
            match tahap.and_then(|f| f.value_index.get(&fold(stage.get_ref()))) {
                Some(&i) => settings.launched_stages.push(i),
                None => {
                    return Err(self.err(
                        stage.span(),
                        tr!(
                            "settings.launched_stages \"{}\" bukan nilai isian tahap",
                            "settings.launched_stages \"{}\" is not a value of the tahap field",
                            stage.get_ref()
                        ),
                    ));
                }
            }
        }

        let scoring = match raw.scoring {
            None => None,
            Some(s) => {
                let urusan = fields.iter().find(|f| f.key == roles::AFFAIR);
                let mut yandas = Vec::new();
                for y in &s.yandas {
                    let canonical = urusan
                        .and_then(|f| f.lookup_value(&fold(y.get_ref())))
                        .map(|v| v.value.clone());
                    match canonical {
                        Some(v) => yandas.push(v),
                        None => {
                            return Err(self.err(
                                y.span(),
                                tr!("scoring.yandas \"{}\" bukan nilai isian urusan_utama",
                                    "scoring.yandas \"{}\" is not a value of the urusan_utama field",
                                    y.get_ref()
                                ),
                            ));
                        }
                    }
                }
                let mut predicates: Vec<Predicate> = s
                    .predicates
                    .into_iter()
                    .map(|p| Predicate {
                        name: p.name,
                        min: p.min.into_inner(),
                    })
                    .collect();
                predicates.sort_by(|a, b| b.min.total_cmp(&a.min));
                let mut exclude_codes = Vec::new();
                for c in &s.exclude_codes {
                    let Some(code) = Code::parse(c.get_ref()) else {
                        return Err(self.err(
                            c.span(),
                            tr!(
                                "scoring.exclude_codes: \"{}\" bukan kode temuan",
                                "scoring.exclude_codes: \"{}\" is not a finding code",
                                c.get_ref()
                            ),
                        ));
                    };
                    exclude_codes.push(code);
                }
                Some(Scoring {
                    spd_max: s.spd_max.into_inner(),
                    sid_max: s.sid_max.into_inner(),
                    count_per_innovation: s.count_per_innovation.into_inner(),
                    count_cap: s.count_cap,
                    total_max: s.total_max.into_inner(),
                    divisor_min: s.divisor_min,
                    yandas_min: s.yandas_min,
                    yandas,
                    predicates,
                    no_estimate: s
                        .no_estimate
                        .unwrap_or_else(|| "Belum dapat diperkirakan".to_string()),
                    exclude_codes,
                })
            }
        };

        let mut severity = BTreeMap::new();
        for (code, level) in raw.severity {
            let Some(known) = Code::parse(&code) else {
                return Err(self.err(
                    level.span(),
                    tr!(
                        "severity: \"{code}\" bukan kode temuan (lihat `bimtek explain`)",
                        "severity: \"{code}\" is not a finding code (see `bimtek explain`)"
                    ),
                ));
            };
            let Some(value) = severity_word(level.get_ref()) else {
                let s = level.get_ref();
                return Err(self.err(
                    level.span(),
                    tr!(
                        "severity {code} harus galat, peringatan, info atau nonaktif (atau error, warning, info, off), bukan \"{s}\"",
                        "severity of {code} must be error, warning, info or off (or galat, peringatan, info, nonaktif), not \"{s}\""
                    ),
                ));
            };
            severity.insert(known, value);
        }

        let award = match raw.award {
            None => None,
            Some(a) => Some(self.award(a, &keys, &fields)?),
        };
        let roster = match raw.roster {
            None => None,
            Some(r) => Some(self.roster(r)?),
        };

        let (default_types, default_max_mb) = match &raw.evidence {
            Some(e) => (
                e.default_types.clone(),
                e.default_max_mb.as_ref().map_or(2.0, |x| *x.get_ref()),
            ),
            None => (vec!["pdf".to_string()], 2.0),
        };
        let mut evidence_headers = HashMap::new();
        let mut evidence_columns = Vec::new();
        let mut wide_suffixes = HashMap::new();
        if let Some(e) = &raw.evidence {
            for (key, aliases) in &e.columns {
                let Some(k) = EvidenceKey::from_key(key) else {
                    return Err(self.err(
                        aliases.span(),
                        tr!("evidence.columns: \"{key}\" bukan kolom tata letak bukti dukung (inovasi, indikator, parameter, nomor_dokumen, tanggal_dokumen, tentang, file)",
                            "evidence.columns: \"{key}\" is not a column of the evidence layout (inovasi, indikator, parameter, nomor_dokumen, tanggal_dokumen, tentang, file)"
                        ),
                    ));
                };
                for a in aliases.get_ref() {
                    evidence_headers.insert(fold(a), k);
                }
                if let Some(first) = aliases.get_ref().first() {
                    evidence_columns.push((k, first.clone()));
                }
            }
            for (words, kind) in [
                (&e.wide_parameter, WideKind::Parameter),
                (&e.wide_evidence, WideKind::File),
                (&e.wide_date, WideKind::Date),
            ] {
                for w in words {
                    wide_suffixes.insert(fold(w), kind);
                }
            }
        }
        let mut indicators = Vec::new();
        let mut seen = HashSet::new();
        for ind in raw.indicators {
            let no = *ind.no.get_ref();
            if !seen.insert(no) {
                return Err(self.err(
                    ind.no.span(),
                    tr!(
                        "indikator {no} muncul dua kali",
                        "indicator {no} appears twice"
                    ),
                ));
            }
            indicators.push(self.indicator(ind, &default_types, default_max_mb));
        }
        indicators.sort_by_key(|i| i.no);
        evidence_columns.sort_by_key(|(k, _)| *k as u8);
        let mut indicator_names = HashMap::new();
        for i in &indicators {
            for name in std::iter::once(&i.name).chain(i.aliases.iter()) {
                indicator_names.entry(fold(name)).or_insert(i.no);
            }
        }

        let mut spd = Vec::new();
        for r in raw.spd {
            let rule = match (r.options.is_empty(), r.higher, r.lower) {
                (false, None, None) if r.options.len() == 3 => SpdRule::Options(
                    r.options
                        .iter()
                        .map(|o| o.iter().map(|x| fold(x)).collect())
                        .collect(),
                ),
                (true, Some(h), None) => SpdRule::Higher(h),
                (true, None, Some(l)) => SpdRule::Lower(l),
                _ => {
                    return Err(self.err(
                        r.no.span(),
                        tr!(
                            "spd {}: tulis tepat satu dari options (tiga pilihan), higher atau lower",
                            "spd {}: give exactly one of options (three of them), higher or lower",
                            r.no.get_ref()
                        ),
                    ));
                }
            };
            let folded = std::iter::once(r.no.get_ref())
                .chain(std::iter::once(&r.name))
                .chain(r.aliases.iter())
                .map(|x| fold(x))
                .filter(|x| !x.is_empty())
                .collect();
            spd.push(SpdIndicator {
                no: r.no.into_inner(),
                name: r.name,
                folded,
                weight: r.weight,
                mandatory: r.mandatory,
                rule,
            });
        }
        let spd_columns = match &raw.spd_sheet {
            Some(c) => {
                [&c.indikator, &c.nilai, &c.bukti].map(|v| v.iter().map(|x| fold(x)).collect())
            }
            None => Default::default(),
        };
        let ignore_headers: HashSet<String> = raw.ignore_headers.iter().map(|s| fold(s)).collect();
        // A wide column folds to "indikator", its number and a suffix.
        let wide_limit = "indikator".len()
            + WIDE_NUMBER_DIGITS
            + wide_suffixes.keys().map(String::len).max().unwrap_or(0);
        let header_limit = header_index
            .keys()
            .chain(evidence_headers.keys())
            .chain(ignore_headers.iter())
            .map(String::len)
            .chain([wide_limit])
            .max()
            .unwrap_or(0);
        let mut field_folds = vec![Vec::new(); fields.len()];
        for (folded, &fi) in &header_index {
            field_folds[fi].push(folded.clone());
        }
        for folds in &mut field_folds {
            folds.sort();
        }
        Ok(Template {
            id,
            name: raw.template.name,
            year: raw.template.year,
            source: raw.template.source,
            settings,
            window,
            scoring,
            severity,
            roles: Roles::resolve(|key| keys.get(key).copied()),
            fields,
            key_index: keys,
            indicators,
            header_index,
            ignore_headers,
            header_limit,
            field_folds,
            sources: Vec::new(),
            evidence_headers,
            evidence_columns,
            wide_suffixes,
            indicator_names,
            match_threshold: raw
                .portal
                .as_ref()
                .and_then(|p| p.match_threshold.as_ref())
                .map_or(0.75, |x| *x.get_ref()),
            stale_after_days: raw
                .portal
                .as_ref()
                .and_then(|p| p.stale_after_days)
                .unwrap_or(365),
            award,
            roster,
            spd,
            spd_columns,
            file: String::new(),
            extends: raw.template.extends.as_ref().map(|e| e.get_ref().clone()),
        })
    }

    fn field(
        &self,
        f: RawField,
        index: usize,
        keys: &HashMap<String, usize>,
        header_index: &mut HashMap<String, usize>,
        earlier: &[(String, String, Range<usize>)],
    ) -> Result<Field, TemplateError> {
        let key = f.key.get_ref().clone();
        let kind = match f.kind.get_ref().as_str() {
            "text" => FieldKind::Text,
            "enum" => FieldKind::Enum,
            "date" => FieldKind::Date,
            "integer" => FieldKind::Integer {
                min: f.min.as_ref().map(|x| *x.get_ref()),
                max: f.max.as_ref().map(|x| *x.get_ref()),
            },
            "amount" => FieldKind::Amount {
                min: f.min.as_ref().map(|x| *x.get_ref()),
                max: f.max.as_ref().map(|x| *x.get_ref()),
            },
            "coordinate" => FieldKind::Coordinate,
            "file" => FieldKind::File,
            other => {
                return Err(self.err(f.kind.span(), {
                    let kinds = KINDS.join(", ");
                    let near = super::message::nearest(other, KINDS);
                    let near_id = near
                        .map(|n| format!(" (maksud Anda \"{n}\"?)"))
                        .unwrap_or_default();
                    let near_en = near
                        .map(|n| format!(" (did you mean \"{n}\"?)"))
                        .unwrap_or_default();
                    tr!(
                        "isian {key}: type \"{other}\" tidak dikenal{near_id}; pilihan: {kinds}",
                        "field {key}: type \"{other}\" is unknown{near_en}; one of: {kinds}"
                    )
                }));
            }
        };
        let kind_name = kind.toml_name();
        let used: [(&str, Option<Range<usize>>); 9] = [
            (
                "filler_below_words",
                f.filler_below_words.as_ref().map(Spanned::span),
            ),
            ("min_words", f.min_words.as_ref().map(Spanned::span)),
            ("max_words", f.max_words.as_ref().map(Spanned::span)),
            ("links", f.links.as_ref().map(Spanned::span)),
            ("min_age_years", f.min_age_years.as_ref().map(Spanned::span)),
            ("future", f.future.as_ref().map(Spanned::span)),
            ("min", f.min.as_ref().map(Spanned::span)),
            ("max", f.max.as_ref().map(Spanned::span)),
            ("value", f.values.first().map(|v| v.value.span())),
        ];
        for (setting, span) in used {
            let Some(span) = span else { continue };
            let Some((_, kinds)) = KIND_SETTINGS.iter().find(|(s, _)| *s == setting) else {
                continue;
            };
            if kinds.contains(&kind_name) {
                continue;
            }
            let named = |word: &str, k: &str| {
                if word == k {
                    word.to_string()
                } else {
                    format!("{word} ({k})")
                }
            };
            let this_id = named(kind_words(kind_name).0, kind_name);
            let this_en = named(kind_words(kind_name).1, kind_name);
            let ids: Vec<String> = kinds.iter().map(|k| named(kind_words(k).0, k)).collect();
            let ens: Vec<String> = kinds.iter().map(|k| named(kind_words(k).1, k)).collect();
            let (ids, ens) = (ids.join(" dan "), ens.join(" and "));
            return Err(self.err(
                span,
                tr!(
                    "isian {key}: {setting} hanya berlaku untuk isian {ids}, bukan {this_id}; hapus {setting} atau ubah type",
                    "field {key}: {setting} applies to {ens} fields only, not {this_en}; remove {setting} or change the type"
                ),
            ));
        }
        if let (Some(min), Some(max)) = (&f.min, &f.max)
            && min.get_ref() > max.get_ref()
        {
            return Err(self.err(
                max.span(),
                tr!(
                    "isian {key}: max ({}) lebih kecil daripada min ({}); tukar keduanya",
                    "field {key}: max ({}) is below min ({}); swap them",
                    max.get_ref(),
                    min.get_ref()
                ),
            ));
        }
        if kind == FieldKind::Enum && f.values.is_empty() {
            return Err(self.err(
                f.kind.span(),
                tr!(
                    "isian {key}: isian pilihan (enum) memerlukan paling sedikit satu [[field.value]]",
                    "field {key}: an enum needs at least one [[field.value]]"
                ),
            ));
        }
        if let Some(max) = &f.max_words
            && f.min_words
                .as_ref()
                .is_some_and(|min| min.get_ref() > max.get_ref())
        {
            return Err(self.err(
                max.span(),
                tr!(
                    "isian {key}: max_words lebih kecil daripada min_words",
                    "field {key}: max_words is below min_words"
                ),
            ));
        }
        let links = match &f.links {
            None => Vec::new(),
            Some(l) => {
                let mut out = Vec::new();
                for kind in l.get_ref() {
                    let k = kind.trim().to_ascii_lowercase();
                    if !LINK_KINDS.contains(&k.as_str()) {
                        return Err(self.err(
                            l.span(),
                            tr!(
                                "isian {key}: jenis tautan \"{kind}\" tidak dikenal (pilihan: {})",
                                "field {key}: link kind \"{kind}\" is unknown (one of: {})",
                                LINK_KINDS.join(", ")
                            ),
                        ));
                    }
                    out.push(k);
                }
                out
            }
        };
        // The key and label always match, besides the aliases.
        for alias in [key.as_str(), f.label.as_str()]
            .into_iter()
            .chain(f.aliases.iter().map(String::as_str))
        {
            let folded = fold(alias);
            if folded.is_empty() {
                continue;
            }
            if let Some(&other) = header_index.get(&folded)
                && other != index
            {
                let (other_key, other_label, other_at) = &earlier[other];
                let at = format!("@@{}@@", other_at.start);
                return Err(self.err(
                    f.key.span(),
                    tr!(
                        "isian {key}: nama kolom \"{alias}\" juga menamai isian {other_key} (\"{other_label}\", {at}); satu nama kolom hanya boleh menamai satu isian, hapus dari salah satunya",
                        "field {key}: the header \"{alias}\" also names the field {other_key} (\"{other_label}\", {at}); a header may name one field only, remove it from one of them"
                    ),
                ));
            }
            header_index.insert(folded, index);
        }
        let required_severity = match &f.required_severity {
            None => None,
            Some(s) => match severity_word(s.get_ref()) {
                Some(Some(sev)) => Some(sev),
                _ => {
                    return Err(self.err(
                        s.span(),
                        tr!(
                            "isian {key}: required_severity harus galat, peringatan atau info (atau error, warning, info), bukan \"{}\"",
                            "field {key}: required_severity must be error, warning or info (or galat, peringatan, info), not \"{}\"",
                            s.get_ref()
                        ),
                    ));
                }
            },
        };
        let mut values = Vec::new();
        let mut value_index = HashMap::new();
        for (vi, v) in f.values.into_iter().enumerate() {
            let mut requires = Vec::new();
            let mut recommends = Vec::new();
            let named = v
                .requires
                .iter()
                .map(|r| (r, true))
                .chain(v.recommends.iter().map(|r| (r, false)));
            for (r, must) in named {
                match keys.get(r.get_ref()) {
                    Some(&i) if must => requires.push(i),
                    Some(&i) => recommends.push(i),
                    None => {
                        return Err(self.err(
                            r.span(),
                            tr!(
                                "isian {key}: requires \"{}\" bukan kunci isian",
                                "field {key}: requires \"{}\", which is not a field key",
                                r.get_ref()
                            ),
                        ));
                    }
                }
            }
            for spelling in std::iter::once(v.value.get_ref()).chain(v.spellings.iter()) {
                let folded = fold(spelling);
                if let Some(&prev) = value_index.get(&folded)
                    && prev != vi
                {
                    return Err(self.err(
                        v.value.span(),
                        tr!(
                            "isian {key}: ejaan \"{spelling}\" dimiliki dua nilai",
                            "field {key}: spelling \"{spelling}\" belongs to two values"
                        ),
                    ));
                }
                value_index.insert(folded, vi);
            }
            values.push(EnumValue {
                value: v.value.into_inner(),
                spellings: v.spellings,
                requires,
                recommends,
                min_age_years: v.min_age_years,
            });
        }
        Ok(Field {
            label_en: f.label_en.unwrap_or_else(|| f.label.clone()),
            label: f.label,
            key,
            aliases: f.aliases,
            kind,
            required: f.required,
            required_severity,
            foreign_values: f.foreign_values.iter().map(|v| fold(v)).collect(),
            filler_below_words: f.filler_below_words.map(Spanned::into_inner),
            min_words: f.min_words.map(Spanned::into_inner),
            max_words: f.max_words.map(Spanned::into_inner),
            links,
            min_age_years: f.min_age_years.map(Spanned::into_inner),
            future: f.future.is_some_and(Spanned::into_inner),
            in_form: f.form.unwrap_or(true),
            values,
            value_index,
            grade: f.grade,
            note: f.note,
        })
    }

    fn award(
        &self,
        a: super::raw::RawAward,
        keys: &HashMap<String, usize>,
        fields: &[Field],
    ) -> Result<Award, TemplateError> {
        let key_of = |k: &Option<Spanned<String>>, what: &str| match k {
            None => Ok(None),
            Some(k) => keys.get(k.get_ref()).copied().map(Some).ok_or_else(|| {
                self.err(
                    k.span(),
                    tr!(
                        "award.{what} \"{}\" bukan kunci isian",
                        "award.{what} \"{}\" is not a field key",
                        k.get_ref()
                    ),
                )
            }),
        };
        let group_field = key_of(&a.group_by, "group_by")?;
        let quota_field = key_of(&a.quota_by, "quota_by")?;
        let mut quota = Vec::new();
        for (value, max) in &a.quota {
            let canonical = quota_field
                .and_then(|f| fields[f].lookup_value(&fold(value)))
                .map(|v| v.value.clone());
            let Some(canonical) = canonical else {
                return Err(self.err(
                    max.span(),
                    tr!(
                        "award.quota: \"{value}\" bukan nilai isian quota_by",
                        "award.quota: \"{value}\" is not a value of the quota_by field"
                    ),
                ));
            };
            quota.push((canonical, *max.get_ref()));
        }
        let mut agencies: Vec<AwardAgency> = Vec::new();
        let mut seen: HashMap<String, usize> = HashMap::new();
        for name in &a.agencies {
            let folded = fold(name.get_ref());
            if folded.is_empty() {
                return Err(self.err(
                    name.span(),
                    tr!(
                        "award.agencies: ada nama yang kosong",
                        "award.agencies: an empty name"
                    ),
                ));
            }
            if seen.insert(folded.clone(), agencies.len()).is_some() {
                return Err(self.err(
                    name.span(),
                    tr!(
                        "award.agencies: \"{}\" tercantum dua kali",
                        "award.agencies: \"{}\" is listed twice",
                        name.get_ref()
                    ),
                ));
            }
            agencies.push(AwardAgency {
                name: name.get_ref().trim().to_string(),
                spellings: Vec::new(),
                folded: vec![folded],
            });
        }
        for (name, spellings) in a.spellings {
            let Some(&i) = seen.get(&fold(&name)) else {
                return Err(self.err(
                    spellings.span(),
                    tr!(
                        "award.spellings: \"{name}\" tidak ada di award.agencies",
                        "award.spellings: \"{name}\" is not in award.agencies"
                    ),
                ));
            };
            for s in spellings.get_ref() {
                let f = fold(s);
                if let Some(&other) = seen.get(&f)
                    && other != i
                {
                    return Err(self.err(
                        spellings.span(),
                        tr!(
                            "award.spellings: \"{s}\" sudah menjadi nama OPD lain",
                            "award.spellings: \"{s}\" already names another agency"
                        ),
                    ));
                }
                seen.insert(f.clone(), i);
                agencies[i].spellings.push(s.clone());
                agencies[i].folded.push(f);
            }
        }
        Ok(Award {
            agencies,
            group_field,
            unique_titles: a.unique_titles,
            quota_field,
            quota,
            note: a.note,
        })
    }

    /// `[roster]`: a name twice, or an alias of two agencies, is a mistake
    /// in the template. Its source is named when it is used
    /// ([`Template::expected_agencies`]), since the file is known only then.
    fn roster(&self, r: super::raw::RawRoster) -> Result<super::Roster, TemplateError> {
        use super::{Clash, Roster, RosterAgency, RosterSource};
        let mut roster = Roster::new(RosterSource::Template(String::new()));
        for a in r.agencies {
            let span = a.name.span();
            let added = roster.add(RosterAgency {
                name: a.name.into_inner(),
                aliases: a.aliases,
                group: a.group.filter(|g| !g.trim().is_empty()),
                sheet: None,
                row: None,
            });
            let clash = match added {
                Ok(clashes) => clashes.into_iter().next(),
                Err(c) => Some(c),
            };
            match clash {
                None => {}
                Some(Clash::EmptyName) => {
                    return Err(self.err(
                        span,
                        tr!("roster: ada nama yang kosong", "roster: an empty name"),
                    ));
                }
                Some(Clash::Taken(name, other)) => {
                    return Err(self.err(
                        span,
                        tr!(
                            "roster: \"{name}\" sudah menjadi nama atau alias {other}",
                            "roster: \"{name}\" already names {other}"
                        ),
                    ));
                }
            }
        }
        Ok(roster)
    }

    fn indicator(
        &self,
        ind: RawIndicator,
        default_types: &[String],
        default_max_mb: f64,
    ) -> Indicator {
        Indicator {
            no: ind.no.into_inner(),
            pedoman_no: ind.pedoman_no,
            name: ind.name,
            aliases: ind.aliases,
            variable: ind.variable,
            weight: ind.weight.into_inner(),
            mandatory: ind.mandatory,
            params: ind.params,
            types: if ind.types.is_empty() {
                default_types.to_vec()
            } else {
                ind.types.iter().map(|t| t.to_ascii_lowercase()).collect()
            },
            max_mb: ind.max_mb.map_or(default_max_mb, Spanned::into_inner),
            years: ind.years,
            links: ind.links,
            grade: ind.grade,
            note: ind.note,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = r#"
[template]
id = "t"
name = "T"
year = 2026

[[field]]
key = "tahapan"
label = "Tahapan Inovasi"
type = "enum"
[[field.value]]
value = "Penerapan"
requires = ["waktu_penerapan"]
"#;

    #[test]
    fn fields_are_found_by_key() {
        for (id, _) in super::super::BUILTIN {
            let t = Template::builtin(id).unwrap().unwrap();
            for (i, f) in t.fields.iter().enumerate() {
                assert_eq!(t.field_index(&f.key), Some(i), "{id}: {}", f.key);
                assert_eq!(t.field(&f.key).map(|g| &g.key), Some(&f.key));
            }
            assert_eq!(t.field_index("no_such_field"), None);
        }
    }

    /// Every header the shipped templates know still folds within the
    /// limit and maps as before; text folding longer maps to nothing unless
    /// what stands outside its brackets is a header.
    #[test]
    fn headers_fold_within_the_limit() {
        for (id, _) in super::super::BUILTIN {
            let t = Template::builtin(id).unwrap().unwrap();
            for (key, &i) in &t.header_index {
                assert_eq!(t.fold_header(key).as_deref(), Some(key.as_str()), "{id}");
                assert_eq!(t.field_for_header(key), Some(i), "{id}: {key}");
            }
            for key in t.evidence_headers.keys() {
                assert!(t.fold_header(key).is_some(), "{id}: {key}");
            }
            if t.wide_suffixes.contains_key("bukti") {
                let wide = format!("Indikator {:0>20} Bukti", 7);
                assert_eq!(
                    t.fold_header(&wide).and_then(|f| t.wide_column_folded(&f)),
                    Some((7, WideKind::File)),
                    "{id}"
                );
            }
            let label = &t.fields[0].label;
            let long = "kata ".repeat(t.header_limit);
            assert_eq!(t.fold_header(&long), None, "{id}");
            assert_eq!(t.field_for_header(&format!("{label} {long}")), None, "{id}");
            assert_eq!(
                t.field_for_header(&format!("{label} ({long})")),
                Some(0),
                "{id}"
            );
            // Exactly at the limit, and one byte over it.
            let at = "a".repeat(t.header_limit);
            assert_eq!(t.fold_header(&at).map(|f| f.len()), Some(t.header_limit));
            assert_eq!(t.fold_header(&format!("{at}a")), None);
            assert_eq!(t.fold_header(&format!("{at}é")), None);
            let accented = format!("é{}", &at[2..]);
            assert_eq!(
                t.fold_header(&accented).map(|f| f.len()),
                Some(t.header_limit)
            );
        }
    }

    #[test]
    fn unknown_keys_are_errors_with_line_and_column() {
        let src = "[template]\nid = \"t\"\nname = \"T\"\nyear = 2026\ncolour = 1\n";
        let e = Template::parse(src, "x.toml").unwrap_err();
        assert_eq!((e.file.as_str(), e.line), ("x.toml", 5), "{e}");
        assert!(e.message[1].contains("colour"), "{e}");
    }

    #[test]
    fn requires_must_name_a_field() {
        let e = Template::parse(MINIMAL, "m.toml").unwrap_err();
        assert!(e.message[1].contains("waktu_penerapan"), "{e}");
        assert_eq!(e.line, 13, "{e}");
        assert!(e.column > 1, "{e}");
    }

    #[test]
    fn broken_toml_points_at_the_line() {
        let e = Template::parse("[template\nid = 1\n", "b.toml").unwrap_err();
        assert_eq!(e.line, 1, "{e}");
    }

    #[test]
    fn headers_match_aliases_labels_keys_and_stripped_parentheses() {
        let src = MINIMAL.replace("requires = [\"waktu_penerapan\"]", "")
            + "\n[[field]]\nkey = \"waktu_penerapan\"\nlabel = \"Waktu Penerapan Inovasi Daerah\"\naliases = [\"Penerapan Awal\"]\ntype = \"date\"\n";
        let t = Template::parse(&src, "m.toml").unwrap();
        assert_eq!(
            t.field_for_header("Waktu Penerapan Inovasi Daerah*"),
            Some(1)
        );
        assert_eq!(t.field_for_header("waktu_penerapan"), Some(1));
        assert_eq!(t.field_for_header("PENERAPAN AWAL"), Some(1));
        assert_eq!(t.field_for_header("Penerapan Awal (dd/mm/yyyy)"), Some(1));
        assert_eq!(t.field_for_header("Tahapan_Inovasi"), Some(0));
        assert_eq!(t.field_for_header("Keterangan"), None);
    }

    #[test]
    fn severity_overrides_are_checked() {
        let src = format!(
            "{}\n[severity]\nZ999 = \"error\"\n",
            MINIMAL.replace("requires = [\"waktu_penerapan\"]", "")
        );
        // [severity] after [[field.value]] is a new top-level table in TOML.
        let e = Template::parse(&src, "s.toml").unwrap_err();
        assert!(
            e.message[1].contains("\"Z999\" is not a finding code"),
            "{e}"
        );
        let ok = src.replace("Z999", "T001").replace("\"error\"", "\"off\"");
        let t = Template::parse(&ok, "s.toml").unwrap();
        assert_eq!(t.severity_of(Code::T001, Severity::Error), None);
    }

    #[test]
    fn the_forms_own_sheets_are_always_skipped() {
        let t = Template::parse(
            MINIMAL
                .replace("requires = [\"waktu_penerapan\"]", "")
                .as_str(),
            "m.toml",
        )
        .unwrap();
        for sheet in super::super::FORM_INFO_SHEETS {
            assert!(t.settings.skip_sheets.contains(&fold(sheet)), "{sheet}");
        }
    }

    #[test]
    fn new_field_settings_are_checked() {
        let base = "[template]\nid = \"t\"\nname = \"T\"\nyear = 2026\n\n[[field]]\nkey = \"a\"\nlabel = \"A\"\n";
        let ok = format!(
            "{base}type = \"text\"\nmin_words = 5\nmax_words = 10\nlinks = [\"YouTube\"]\n"
        );
        let t = Template::parse(&ok, "t.toml").unwrap();
        let f = t.field("a").unwrap();
        assert_eq!((f.min_words, f.max_words), (Some(5), Some(10)));
        assert_eq!(f.links, ["youtube"]);
        for (bad, what) in [
            (
                "type = \"text\"\nmin_words = 50\nmax_words = 10\n",
                "below min_words",
            ),
            ("type = \"date\"\nmax_words = 10\n", "text fields only"),
            ("type = \"text\"\nlinks = [\"vimeo\"]\n", "vimeo"),
            ("type = \"text\"\nmin_age_years = 2\n", "date fields only"),
        ] {
            let e = Template::parse(&format!("{base}{bad}"), "t.toml").unwrap_err();
            assert!(e.message[1].contains(what), "{e}");
            assert!(e.line >= 9, "{e}");
        }
    }

    #[test]
    fn award_agencies_and_spellings() {
        let src = "[template]\nid = \"t\"\nname = \"T\"\nyear = 2026\nextends = \"kalsel-2026\"\n\n[award]\nagencies = [\"Dinas Kesehatan\", \"BRIDA\"]\n[award.spellings]\n\"Dinas Kesehatan\" = [\"Dinkes\"]\n";
        let t = Template::parse(src, "t.toml").unwrap();
        let a = t.award.as_ref().unwrap();
        assert!(a.agencies[0].matches("DINKES"));
        assert!(a.agencies[0].matches("dinas  kesehatan"));
        assert!(!a.agencies[0].matches("Dinas Kesehatan Hewan"));
        assert_eq!(t.extends.as_deref(), Some("kalsel-2026"));
        // Two levels: the IID fields and indicators come through kalsel-2026.
        assert!(t.field("rancang_bangun").is_some());
        assert!(t.field("kategori_peserta").is_some());
        assert_eq!(t.indicators.len(), 20);
        let twice = src.replace("\"BRIDA\"", "\"dinas kesehatan\"");
        assert!(Template::parse(&twice, "t.toml").unwrap_err().message[1].contains("twice"));
        let stray = src.replace("\"Dinas Kesehatan\" = ", "\"Dinas Sosial\" = ");
        let e = Template::parse(&stray, "t.toml").unwrap_err();
        assert!(e.message[1].contains("not in award.agencies"), "{e}");
        assert!(e.message[0].contains("tidak ada di award.agencies"), "{e}");
        assert_eq!(e.line, 10, "{e}");
    }

    #[test]
    fn extends_merges_fields_by_key() {
        let src = r#"
[template]
id = "kalsel"
name = "K"
year = 2026
extends = "iid-2026"

[[field]]
key = "nama_inovasi"
override = true
label = "Judul"
type = "text"
required = true
"#;
        let t = Template::parse(src, "k.toml").unwrap();
        let parent = Template::builtin("iid-2026").unwrap().unwrap();
        assert_eq!(t.fields.len(), parent.fields.len());
        assert_eq!(t.field("nama_inovasi").unwrap().label, "Judul");
        assert_eq!(t.indicators.len(), parent.indicators.len());
        let bad = src.replace("iid-2026", "nope");
        assert!(Template::parse(&bad, "k.toml").unwrap_err().message[1].contains("nope"));
    }
}
