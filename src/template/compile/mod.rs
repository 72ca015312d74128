//! Raw template -> `Template`: apply `extends`, check every reference (field
//! keys in `requires`, yandas values, severity codes, dates), and build the
//! lookup tables the loader and checks use (folded header aliases, folded
//! value spellings). Every mistake names the file, line and column.

mod agencies;
mod field;
mod numbers;

use super::TemplateError;
use super::error::Segment;
use super::fold;
use super::model::{
    DateOrder, EvidenceKey, Indicator, Predicate, Scoring, Settings, SpdIndicator, SpdRule,
    Template, WideKind, Window,
};
use super::raw::{RawIndicator, RawTemplate};
use super::roles::{self, Roles};
use crate::diag::{Code, Say, Severity};
use chrono::NaiveDate;
use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
use std::collections::BTreeMap;
use std::ops::Range;
use toml::Spanned;

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
            message: Say::CannotReadTemplate.both(&[("e", &e)]),
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
/// The default of `max_statements_in_run`: a province's evidence (20,000
/// innovations with 20 indicators each), and few enough that a run of
/// them stays under 300 MB whatever its rows (a 50 MB CSV of evidence rows
/// of a few bytes is millions of statements; BENCHMARKS.md, "Safe at the
/// edges").
pub const DEFAULT_MAX_STATEMENTS_IN_RUN: u32 = 400_000;

/// The most digits of an indicator number a wide column header is
/// recognised with ("Indikator 17 Bukti"; leading zeros count).
const WIDE_NUMBER_DIGITS: usize = 20;
struct Ctx<'a> {
    segs: &'a [Segment<'a>],
}

impl Ctx<'_> {
    fn err(&self, span: Range<usize>, message: [String; 2]) -> TemplateError {
        TemplateError::at(self.segs, span, message)
    }
    fn date(&self, s: &Spanned<String>, what: &str) -> Result<NaiveDate, TemplateError> {
        NaiveDate::parse_from_str(s.get_ref(), "%Y-%m-%d").map_err(|_| {
            self.err(
                s.span(),
                Say::NotADate.both(&[("what", &what), ("value", s.get_ref())]),
            )
        })
    }

    fn compile(&self, raw: RawTemplate) -> Result<Template, TemplateError> {
        let id = raw.template.id.get_ref().trim().to_string();
        if id.is_empty() {
            return Err(self.err(raw.template.id.span(), Say::TemplateIdEmpty.both(&[])));
        }
        let rs = raw.settings.unwrap_or_default();
        let date_order = match rs.date_order.as_ref().map(|s| s.get_ref().as_str()) {
            None | Some("dmy") => DateOrder::DayMonth,
            Some("mdy") => DateOrder::MonthDay,
            Some(other) => {
                return Err(self.err(
                    rs.date_order.as_ref().expect("some").span(),
                    Say::DateOrderBad.both(&[("other", &other)]),
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
            max_statements_in_run: rs
                .max_statements_in_run
                .unwrap_or(DEFAULT_MAX_STATEMENTS_IN_RUN),
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
                    return Err(self.err(w.end.span(), Say::WindowEndBeforeStart.both(&[])));
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
                return Err(self.err(f.key.span(), Say::FieldKeyChars.both(&[("key", key)])));
            }
            if keys.insert(key.clone(), i).is_some() {
                return Err(self.err(f.key.span(), Say::FieldKeyTwice.both(&[("key", key)])));
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
                        Say::LaunchedStageUnknown.both(&[("stage", stage.get_ref())]),
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
                                Say::YandasUnknown.both(&[("value", y.get_ref())]),
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
                            Say::ExcludeCodeUnknown.both(&[("code", c.get_ref())]),
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
                    Say::SeverityCodeUnknown.both(&[("code", &code)]),
                ));
            };
            let Some(value) = severity_word(level.get_ref()) else {
                let s = level.get_ref();
                return Err(self.err(
                    level.span(),
                    Say::SeverityWordBad.both(&[("code", &code), ("s", s)]),
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
                        Say::EvidenceColumnUnknown.both(&[("key", key)]),
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
                return Err(self.err(ind.no.span(), Say::IndicatorTwice.both(&[("no", &no)])));
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
                        Say::SpdRuleShape.both(&[("no", r.no.get_ref())]),
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
