//! Evidence (bukti dukung) per indicator: a parameter needs evidence,
//! evidence needs a parameter, files must exist inside the evidence root and
//! be of an accepted kind and size, documents must be from the indicator's
//! years, mandatory indicators must be filled, one file must not serve two
//! innovations. Files are reached only through a [`Resolver`], so these
//! rules run on facts, never on the disk.

use super::{Innovation, Sink};
use crate::diag::{Code, Finding, Location};
use crate::load::RawCell;
use crate::normalize::date::{parse_cell, portal_format};
use crate::normalize::{DateValue, EvidenceCell, EvidenceRow, WideCell};
use crate::score::{IndicatorScore, InnovationScore};
use crate::template::{EvidenceKey, Indicator, Template, WideKind, fold};
use chrono::Datelike;
use foldhash::{HashMap, HashMapExt};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
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
    /// file); otherwise [`Resolver::content_hash`] reads it when needed.
    pub digest: Option<Digest>,
}

/// A content digest for telling identical files apart from different ones
/// (XXH3, 128 bits: no one gains from a forged match, so a cryptographic
/// hash would only cost time over two million files).
pub type Digest = u128;

/// Finds and inspects evidence files. Implemented over the disk by
/// `crate::evidence`, and in memory by tests.
pub trait Resolver: Sync {
    /// Resolve each (workbook, reference) pair.
    fn resolve_all(&self, refs: &[(&str, &str)]) -> Vec<Resolved>;
    /// A digest of the content of the file at `path` (a [`FileFacts::path`]),
    /// for spotting one file used twice.
    fn content_hash(&self, path: &Path) -> Option<Digest>;
    /// Every reference is resolved: let go of what only resolving needs
    /// (the index of the evidence folders: hundreds of megabytes at a
    /// national scale). Later calls to `resolve_all` find nothing.
    fn release_index(&self) {}
}

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

fn date_part(c: &EvidenceCell) -> Box<DatePart> {
    Box::new(DatePart {
        part: part(c),
        raw: c.raw.clone(),
    })
}

fn part(c: &EvidenceCell) -> Part {
    Part {
        text: c.text.clone(),
        col: Some(c.col),
        header: Some(c.header.clone()),
    }
}

impl Statement {
    /// From a long-layout row.
    pub fn from_row(file: &Arc<str>, r: &EvidenceRow) -> Statement {
        let date = r.get(EvidenceKey::Date);
        Statement {
            loc: Place {
                file: file.clone(),
                sheet: r.sheet.clone(),
                row: r.row,
            },
            agency: Arc::from(r.agency.as_str()),
            innovation: r.get(EvidenceKey::Innovation).map(|c| Box::new(part(c))),
            indicator: r.get(EvidenceKey::Indicator).map(part).unwrap_or(Part {
                text: String::new(),
                col: None,
                header: None,
            }),
            parameter: r.get(EvidenceKey::Parameter).map(part),
            reference: r.get(EvidenceKey::File).map(part),
            date: date.map(date_part),
            number: r.get(EvidenceKey::Number).map(|c| Box::new(part(c))),
            about: r.get(EvidenceKey::About).map(|c| Box::new(part(c))),
        }
    }

    /// From the wide cells of one profile row: one statement per indicator.
    pub fn from_wide(loc: &Place, agency: &Arc<str>, wide: &[WideCell]) -> Vec<Statement> {
        let mut by_indicator: BTreeMap<u32, Statement> = BTreeMap::new();
        for w in wide {
            let s = by_indicator
                .entry(w.indicator)
                .or_insert_with(|| Statement {
                    loc: loc.clone(),
                    agency: agency.clone(),
                    innovation: None,
                    indicator: Part {
                        text: w.indicator.to_string(),
                        col: None,
                        header: None,
                    },
                    parameter: None,
                    reference: None,
                    date: None,
                    number: None,
                    about: None,
                });
            match w.kind {
                WideKind::Parameter => s.parameter = Some(part(&w.cell)),
                WideKind::File => s.reference = Some(part(&w.cell)),
                WideKind::Date => s.date = Some(date_part(&w.cell)),
            }
        }
        by_indicator.into_values().collect()
    }

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

/// Attach long-layout statements to innovations: by number within the same
/// file, else by folded name in the same file, then the same agency, then
/// anywhere when only one innovation has the name. Unmatched rows are E014.
pub(crate) fn attach(
    innovations: &mut [Innovation],
    statements: Vec<Statement>,
    sink: &mut Sink<'_>,
) {
    if statements.is_empty() {
        return;
    }
    let mut by_name: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut by_file: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, inn) in innovations.iter().enumerate() {
        by_name.entry(inn.name_key()).or_default().push(i);
        by_file.entry(inn.file()).or_default().push(i);
    }
    let mut targets: Vec<(usize, Statement)> = Vec::new();
    for s in statements {
        let reference = s
            .innovation
            .as_ref()
            .map(|p| p.text.trim().to_string())
            .unwrap_or_default();
        let in_file = by_file.get(&*s.loc.file);
        let target = if let Ok(n) = reference.parse::<f64>() {
            (n.fract() == 0.0 && n >= 1.0)
                .then(|| in_file.and_then(|v| v.get(n as usize - 1)).copied())
                .flatten()
        } else {
            let key = fold(&reference);
            by_name.get(key.as_str()).and_then(|cands| {
                let same_file = cands
                    .iter()
                    .find(|&&i| *innovations[i].file() == *s.loc.file);
                let same_agency = || {
                    cands
                        .iter()
                        .find(|&&i| fold(&innovations[i].agency) == fold(&s.agency))
                };
                same_file
                    .or_else(same_agency)
                    .or_else(|| (cands.len() == 1).then(|| &cands[0]))
                    .copied()
            })
        };
        match target {
            Some(i) => targets.push((i, s)),
            None => {
                let p = s.innovation.as_deref();
                sink.push(
                    Finding::new(Code::E014, s.at(p))
                        .value(&reference)
                        .field("nama_inovasi"),
                );
            }
        }
    }
    for (i, s) in targets {
        innovations[i].statements.push(s);
    }
}

/// Whether an evidence reference is a web link rather than a file.
pub(crate) fn is_link(s: &str) -> bool {
    // Most references start with a letter or digit that starts no link
    // (and is no space to trim): told at once.
    if s.as_bytes()
        .first()
        .is_some_and(|b| b.is_ascii_alphanumeric() && !matches!(b, b'h' | b'H' | b'w' | b'W'))
    {
        return false;
    }
    let l = s.trim().as_bytes();
    ["http://", "https://", "www."].iter().any(|p| {
        l.get(..p.len())
            .is_some_and(|h| h.eq_ignore_ascii_case(p.as_bytes()))
    })
}

/// Whether a link is of a kind the indicator accepts.
fn link_accepted(ind: &Indicator, link: &str) -> bool {
    link_kind_accepted(&ind.links, link)
}

/// Whether `link` is a complete link of one of `kinds` ("youtube",
/// "gdrive", "web"); also used for text fields that ask for a link.
pub(crate) fn link_kind_accepted(kinds: &[String], link: &str) -> bool {
    let l = link.trim().to_ascii_lowercase();
    let host = l
        .trim_start_matches("https://")
        .trim_start_matches("http://")
        .trim_start_matches("www.")
        .split(['/', '?', '#'])
        .next()
        .unwrap_or("");
    if host.is_empty() || !host.contains('.') || l.contains(' ') {
        return false;
    }
    kinds.iter().any(|kind| match kind.as_str() {
        "youtube" => matches!(host, "youtube.com" | "m.youtube.com" | "youtu.be"),
        "gdrive" | "google drive" => matches!(host, "drive.google.com" | "docs.google.com"),
        "web" => true,
        _ => false,
    })
}

/// A chosen parameter: 1, 2 or 3, or the text of one of the options.
fn tier(ind: &Indicator, text: &str) -> Option<u8> {
    let t = text.trim();
    if let Ok(x) = t.parse::<f64>() {
        return (x.fract() == 0.0 && (1.0..=3.0).contains(&x)).then_some(x as u8);
    }
    let f = fold(t);
    for prefix in ["parameter", "param", "tingkat", "p"] {
        if let Some(rest) = f.strip_prefix(prefix)
            && let Ok(n) = rest.parse::<u8>()
            && (1..=3).contains(&n)
        {
            return Some(n);
        }
    }
    ind.params
        .iter()
        .position(|p| fold(p) == f)
        .map(|i| i as u8 + 1)
}

fn kind_accepted(ind: &Indicator, kind: &str) -> bool {
    ind.types.iter().any(|t| {
        let t = t.as_str();
        t == kind || (kind == "jpg" && t == "jpeg")
    })
}

fn types_list(ind: &Indicator) -> String {
    ind.types.join(", ").to_uppercase()
}

fn indicator_finding(code: Code, loc: Location, ind: &Indicator) -> Finding {
    Finding::new(code, loc)
        .indicator(ind.no)
        .arg("name", &ind.name)
}

/// Check every innovation's evidence and compute its score.
/// `evidence_given`: some input has an evidence layout (a long evidence
/// sheet or `Indikator N` columns). Then an innovation without any evidence
/// misses each mandatory indicator (E010), as one that misses some does.
/// Without it, nobody's evidence is checked, and the run says once that
/// every innovation's maturity score is 0 (E018).
pub(crate) fn check_all(
    t: &Template,
    innovations: &mut [Innovation],
    evidence_given: bool,
    resolver: &dyn Resolver,
    sink: &mut Sink<'_>,
) {
    if evidence_given {
        without_evidence(t, innovations, sink);
    } else if !t.indicators.is_empty()
        && let Some(first) = innovations.iter().map(|i| i.file()).min()
    {
        let n = innovations.len();
        sink.push(
            Finding::new(Code::E018, Location::file(first))
                .arg("count", n)
                .arg(
                    "count_en",
                    if n == 1 {
                        "1 innovation".to_string()
                    } else {
                        format!("{n} innovations")
                    },
                ),
        );
    }
    // Resolve every file reference once, in bulk (the resolver parallelises).
    // Statement k of innovation ii is number `first[ii] + k` of them all;
    // each (file, reference) is resolved once, and `slot` says which
    // resolution a statement's reference has (`NO_SLOT`: none, or a link).
    let mut first = Vec::with_capacity(innovations.len());
    let mut wanted: Vec<(&str, &str, u32)> = Vec::new();
    let mut statements = 0usize;
    for inn in innovations.iter() {
        first.push(statements);
        for s in &inn.statements {
            if let Some(r) = &s.reference
                && !is_link(&r.text)
            {
                wanted.push((&s.loc.file, &r.text, statements as u32));
            }
            statements += 1;
        }
    }
    // Two million references at a national scale. The statements of one
    // workbook share one text of its path, so references to the same
    // workbook are sorted without comparing their (long) paths.
    wanted.par_sort_unstable_by(|a, b| {
        if same_text(a.0, b.0) {
            a.1.cmp(b.1)
        } else {
            (a.0, a.1).cmp(&(b.0, b.1))
        }
    });
    let mut refs: Vec<(&str, &str)> = Vec::new();
    let mut slot = vec![NO_SLOT; statements];
    for (file, text, k) in wanted {
        let is_new = refs
            .last()
            .is_none_or(|&(f, t)| !(t == text && (same_text(f, file) || f == file)));
        if is_new {
            refs.push((file, text));
        }
        slot[k as usize] = (refs.len() - 1) as u32;
    }
    let found = resolver.resolve_all(&refs);
    resolver.release_index();
    let resolved = |k: usize| match slot[k] {
        NO_SLOT => None,
        i => Some(&found[i as usize]),
    };

    // Each innovation's rules run on every core with a sink of its own;
    // the findings and file uses are then taken in innovation order, as
    // one loop over them would give them.
    // Only innovations with statements: nothing chosen, nothing to check
    // (twenty empty indicator scores per row were most of a big file's
    // memory traffic here, and a slot per row a 12 MB list at 100k); their
    // (empty) score is set below. Collected in innovation order.
    let checked: Vec<Checked> = innovations
        .par_iter()
        .enumerate()
        .filter(|(_, inn)| !inn.statements.is_empty())
        .map(|(ii, inn)| {
            let mut local = Sink::new(t);
            let mut uses = Vec::new();
            let resolved = |k: usize| resolved(first[ii] + k);
            let score = check_innovation(t, ii, inn, &resolved, &mut local, &mut uses);
            Checked {
                score,
                findings: local.findings,
                uses,
            }
        })
        .collect();
    // Every file use, for E011, in innovation order.
    let mut uses: Vec<FileUse> = Vec::with_capacity(checked.iter().map(|c| c.uses.len()).sum());
    let mut new_scores: Vec<InnovationScore> = Vec::with_capacity(checked.len());
    for c in checked {
        sink.findings.extend(c.findings);
        uses.extend(c.uses);
        new_scores.push(c.score);
    }
    duplicates(innovations, &mut uses, resolver, sink);
    drop(uses);
    let empty = InnovationScore::empty(t);
    let mut new_scores = new_scores.into_iter();
    for inn in innovations.iter_mut() {
        inn.score = if inn.statements.is_empty() {
            empty.clone()
        } else {
            new_scores
                .next()
                .expect("a score per innovation with statements")
        };
    }
}

/// E010 for each mandatory indicator of each innovation without any
/// evidence, at its row: what [`check_innovation`] finds for it, without
/// building its (empty) indicator scores.
fn without_evidence(t: &Template, innovations: &[Innovation], sink: &mut Sink<'_>) {
    let mandatory: Vec<&Indicator> = t.indicators.iter().filter(|i| i.mandatory).collect();
    if mandatory.is_empty() {
        return;
    }
    for inn in innovations.iter().filter(|i| i.statements.is_empty()) {
        for ind in &mandatory {
            sink.push(indicator_finding(Code::E010, inn.location(), ind));
        }
    }
}

/// `slot` of a statement whose reference is not resolved.
const NO_SLOT: u32 = u32::MAX;

/// Whether `a` and `b` are one text (the same bytes in memory): then they
/// are equal without being compared.
fn same_text(a: &str, b: &str) -> bool {
    std::ptr::eq(a, b)
}

/// One innovation's evidence checked: its score, its findings, and the
/// files it uses (path, size, digest, use).
struct Checked<'a> {
    score: InnovationScore,
    findings: Vec<Finding>,
    uses: Vec<FileUse<'a>>,
}
type FileUse<'a> = (&'a OsStr, u64, Option<Digest>, Use<'a>);

/// The indicator rules of one innovation with statements.
fn check_innovation<'a>(
    t: &Template,
    ii: usize,
    inn: &'a Innovation,
    resolved: &dyn Fn(usize) -> Option<&'a Resolved>,
    sink: &mut Sink<'_>,
    uses: &mut Vec<FileUse<'a>>,
) -> InnovationScore {
    let mut scores = Vec::with_capacity(t.indicators.len());
    // Each indicator's statements, with their number in the innovation.
    let mut by_ind: BTreeMap<u32, Vec<(usize, &Statement)>> = BTreeMap::new();
    for (k, s) in inn.statements.iter().enumerate() {
        match t.indicator_for(&s.indicator.text) {
            Some(no) => by_ind.entry(no).or_default().push((k, s)),
            None => sink.push(unknown_indicator(s)),
        }
    }
    for ind in &t.indicators {
        let stmts = by_ind.get(&ind.no).map(Vec::as_slice).unwrap_or(&[]);
        let before = sink.findings.len();
        let mut chosen: Option<u8> = None;
        let mut param_loc = None;
        for (_, s) in stmts {
            if let Some(p) = s.parameter.as_ref().filter(|p| !p.text.is_empty()) {
                match tier(ind, &p.text) {
                    Some(n) => {
                        chosen = chosen.or(Some(n));
                        param_loc.get_or_insert_with(|| s.at(Some(p)));
                    }
                    None => {
                        sink.push(indicator_finding(Code::E015, s.at(Some(p)), ind).value(&p.text))
                    }
                }
            }
        }
        let docs: Vec<(usize, &Statement, &Part)> = stmts
            .iter()
            .filter_map(|&(k, s)| {
                s.reference
                    .as_ref()
                    .filter(|r| !r.text.is_empty())
                    .map(|r| (k, s, r))
            })
            .collect();
        match (chosen, docs.is_empty()) {
            (Some(_), true) => sink.push(indicator_finding(
                Code::E001,
                param_loc.clone().unwrap_or_else(|| inn.location()),
                ind,
            )),
            (None, _) if ind.mandatory => {
                let loc = docs
                    .first()
                    .map_or_else(|| inn.location(), |(_, s, r)| s.at(Some(r)));
                sink.push(indicator_finding(Code::E010, loc, ind));
            }
            (None, false) => {
                let (_, s, r) = docs[0];
                sink.push(indicator_finding(Code::E002, s.at(Some(r)), ind).value(&r.text));
            }
            _ => {}
        }
        for &(k, s, r) in &docs {
            // Built only for a finding: two million references at a
            // national scale, and a location copies three texts.
            let loc = || s.at(Some(r));
            if is_link(&r.text) {
                if !link_accepted(ind, &r.text) {
                    sink.push(
                        indicator_finding(Code::E013, loc(), ind)
                            .value(&r.text)
                            .arg("types", types_list(ind)),
                    );
                }
            } else {
                match resolved(k) {
                    Some(Resolved::Found(facts)) => {
                        if facts.other_folder {
                            sink.push(
                                indicator_finding(Code::E017, loc(), ind)
                                    .value(&r.text)
                                    .arg("used", shown(&facts.path)),
                            );
                        }
                        file_rules(ind, facts, &loc, &r.text, sink);
                        uses.push((facts.path.as_os_str(), facts.size, facts.digest, (ii, s, r)));
                    }
                    Some(Resolved::Escapes) => {
                        sink.push(indicator_finding(Code::E012, loc(), ind).value(&r.text))
                    }
                    Some(Resolved::Missing) | None => {
                        sink.push(indicator_finding(Code::E003, loc(), ind).value(&r.text))
                    }
                }
            }
            if let Some(d) = &s.date {
                date_rule(t, ind, s, &d.part, &d.raw, sink);
            }
        }
        let failed: Option<Code> = sink.findings[before..]
            .iter()
            .filter(|f| f.severity == crate::diag::Severity::Error)
            .map(|f| f.code)
            .next();
        let verified = chosen.is_some() && !docs.is_empty() && failed.is_none();
        let code = if chosen.is_some() && !verified {
            Some(failed.unwrap_or(Code::E001))
        } else {
            None
        };
        scores.push(IndicatorScore {
            no: ind.no,
            weight: ind.weight,
            tier: chosen,
            verified,
            code,
        });
    }
    InnovationScore::new(t, scores)
}

/// E016: the statement's indicator is not one of the template's, or its
/// cell is empty (said so, naming the cell: `Indikator ""` told nothing).
fn unknown_indicator(s: &Statement) -> Finding {
    let loc = s.at(Some(&s.indicator));
    let text = s.indicator.text.trim();
    if text.is_empty() {
        let (id, en) = match loc.cell() {
            Some(cell) => (
                format!("di sel {cell} kosong"),
                format!("in cell {cell} is empty"),
            ),
            None => ("kosong".to_string(), "is empty".to_string()),
        };
        return Finding::new(Code::E016, loc)
            .arg("what", id)
            .arg("what_en", en);
    }
    let f = Finding::new(Code::E016, loc).value(text);
    let value = f.value.clone().unwrap_or_default();
    f.arg("what", format!("\"{value}\" tidak dikenal"))
        .arg("what_en", format!("\"{value}\" is not known"))
}

/// How a finding shows a file found on disk: its path, with `/`
/// separators on Windows; on Linux a `\` is part of a name and stays.
fn shown(path: &Path) -> String {
    let text = path.to_string_lossy();
    if cfg!(windows) {
        text.replace('\\', "/")
    } else {
        text.into_owned()
    }
}

fn file_rules(
    ind: &Indicator,
    facts: &FileFacts,
    loc: &dyn Fn() -> Location,
    written: &str,
    sink: &mut Sink<'_>,
) {
    let f = |code| indicator_finding(code, loc(), ind).value(written);
    if facts.size == 0 {
        sink.push(f(Code::E005));
        return;
    }
    let limit = (ind.max_mb * 1024.0 * 1024.0) as u64;
    if facts.size > limit {
        sink.push(
            f(Code::E006)
                .number("size", "size_en", facts.size as f64 / 1_048_576.0, 1)
                .number(
                    "max",
                    "max_en",
                    ind.max_mb,
                    crate::diag::decimals(ind.max_mb),
                ),
        );
    }
    match facts.kind {
        Some(kind) if kind_accepted(ind, kind) => {}
        kind => sink.push(
            f(Code::E004)
                .arg(
                    "kind",
                    kind.map_or(
                        "isi yang bukan PDF, JPG, PNG atau MP4".to_string(),
                        str::to_uppercase,
                    ),
                )
                .arg(
                    "kind_en",
                    kind.map_or(
                        "content that is not PDF, JPG, PNG or MP4".to_string(),
                        str::to_uppercase,
                    ),
                )
                .arg("types", types_list(ind)),
        ),
    }
    if facts.kind == Some("pdf") {
        if facts.pdf_truncated {
            sink.push(f(Code::E007));
        }
        if facts.pdf_encrypted {
            sink.push(f(Code::E008));
        }
    }
}

fn date_rule(
    t: &Template,
    ind: &Indicator,
    s: &Statement,
    d: &Part,
    raw: &RawCell,
    sink: &mut Sink<'_>,
) {
    let loc = || s.at(Some(d));
    match parse_cell(raw, t.settings.date_order) {
        DateValue::Ok(date, _) => {
            if let Some([from, to]) = ind.years {
                let (lo, hi) = (t.year + from, t.year + to);
                if !(lo..=hi).contains(&date.year()) {
                    sink.push(
                        indicator_finding(Code::E009, loc(), ind)
                            .value(&d.text)
                            .arg("date", portal_format(date))
                            .arg("from", lo)
                            .arg("to", hi),
                    );
                }
            }
        }
        _ => sink.push(
            Finding::new(Code::D001, loc())
                .indicator(ind.no)
                .value(&d.text)
                .arg("label", "Tanggal Dokumen")
                .arg("label_en", "Document date"),
        ),
    }
}

/// A use of an evidence file: (innovation, statement, the reference as
/// written).
type Use<'a> = (usize, &'a Statement, &'a Part);

/// One file content used as evidence by two or more innovations (E011):
/// each use by another innovation than the content's first use (by path,
/// then in innovation order) is reported. `uses` is in innovation order.
///
/// Uses are grouped by size and digest, and by path only within a group:
/// two million uses at a national scale, and sorting them by their long
/// paths took most of this. A file without a digest (too big to have been
/// read whole) is hashed only when another file has its size and another
/// innovation uses that size: a path shared by innovations is its own
/// content, unread.
fn duplicates(
    innovations: &[Innovation],
    uses: &mut Vec<FileUse<'_>>,
    resolver: &dyn Resolver,
    sink: &mut Sink<'_>,
) {
    // An empty file is E005, not a copy of another empty file.
    uses.retain(|u| u.1 > 0);
    // Stable: the uses of one file stay in innovation order.
    let by_content =
        |a: &FileUse<'_>, b: &FileUse<'_>| (a.1, a.2).cmp(&(b.1, b.2)).then_with(|| a.0.cmp(b.0));
    uses.par_sort_by(by_content);
    // Runs of one size used by more than one innovation: only there can a
    // content be used twice. Those holding two files or more, one of them
    // without a digest, need the missing digests.
    let runs: Vec<std::ops::Range<usize>> = {
        let mut runs = Vec::new();
        let mut from = 0;
        for run in uses.chunk_by(|a, b| a.1 == b.1) {
            let range = from..from + run.len();
            from = range.end;
            let shared = run.iter().any(|u| u.3.0 != run[0].3.0);
            let files = run.iter().any(|u| u.0 != run[0].0);
            if shared && files && run.iter().any(|u| u.2.is_none()) {
                runs.push(range);
            }
        }
        runs
    };
    if !runs.is_empty() {
        let unread: Vec<&OsStr> = {
            let mut paths: Vec<&OsStr> = runs
                .iter()
                .flat_map(|r| uses[r.clone()].iter())
                .filter(|u| u.2.is_none())
                .map(|u| u.0)
                .collect();
            paths.dedup();
            paths
        };
        // Reading and hashing big files: on every core.
        let read: HashMap<&OsStr, Option<Digest>> = unread
            .par_iter()
            .map(|&p| (p, resolver.content_hash(Path::new(p))))
            .collect();
        for r in runs {
            let run = &mut uses[r];
            for u in run.iter_mut().filter(|u| u.2.is_none()) {
                u.2 = read[u.0];
            }
            run.sort_by(by_content);
        }
    }
    // A use still without a digest is one content with its own path only:
    // no other innovation's file has its size, or it could not be read.
    for group in uses.chunk_by(|a, b| (a.1, a.2) == (b.1, b.2) && (a.2.is_some() || a.0 == b.0)) {
        let first = group[0].3.0;
        let other = &innovations[first];
        for (_, _, _, (ii, st, written)) in group.iter().filter(|u| u.3.0 != first) {
            sink.push(
                Finding::new(Code::E011, st.at(Some(written)))
                    .value(&written.text)
                    .arg("other", &other.name)
                    .arg("innovation", &innovations[*ii].name),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::testing::{innovation, template};

    /// The first way E011 was found, kept as the oracle: every use sorted
    /// by path, then a file's digest taken or read when its path is used by
    /// two innovations or its size by two files.
    fn duplicates_by_path(
        innovations: &[Innovation],
        uses: &mut [FileUse<'_>],
        resolver: &dyn Resolver,
        sink: &mut Sink<'_>,
    ) {
        uses.sort_by(|a, b| a.0.cmp(b.0));
        let files: Vec<&[FileUse<'_>]> = uses.chunk_by(|a, b| a.0 == b.0).collect();
        let mut sizes: HashMap<u64, usize> = HashMap::new();
        for f in &files {
            *sizes.entry(f[0].1).or_default() += 1;
        }
        let mut by_content: Vec<(Digest, Use<'_>)> = Vec::new();
        for f in files {
            let shared_path = f.iter().any(|u| u.3.0 != f[0].3.0);
            if f[0].1 == 0 || !(shared_path || sizes[&f[0].1] > 1) {
                continue;
            }
            if let Some(h) = f[0].2.or_else(|| resolver.content_hash(Path::new(f[0].0))) {
                by_content.extend(f.iter().map(|u| (h, u.3)));
            }
        }
        by_content.sort_by_key(|(h, _)| *h);
        for group in by_content.chunk_by(|a, b| a.0 == b.0) {
            let first = group[0].1.0;
            for (_, (ii, st, written)) in group.iter().filter(|(_, u)| u.0 != first) {
                sink.push(
                    Finding::new(Code::E011, st.at(Some(written)))
                        .value(&written.text)
                        .arg("other", &innovations[first].name)
                        .arg("innovation", &innovations[*ii].name),
                );
            }
        }
    }

    /// Files by path: their content (none: unreadable), and the paths
    /// read.
    #[derive(Default)]
    struct Contents(HashMap<String, Digest>, std::sync::Mutex<Vec<String>>);

    impl Contents {
        fn of(files: &[(&str, Digest)]) -> Contents {
            let files = files.iter().map(|&(p, d)| (p.to_string(), d)).collect();
            Contents(files, Default::default())
        }
        fn read(&self) -> Vec<String> {
            let mut read = self.1.lock().unwrap().clone();
            read.sort();
            read
        }
    }

    impl Resolver for Contents {
        fn resolve_all(&self, _: &[(&str, &str)]) -> Vec<Resolved> {
            Vec::new()
        }
        fn content_hash(&self, path: &Path) -> Option<Digest> {
            let path = path.to_str().unwrap();
            self.1.lock().unwrap().push(path.to_string());
            self.0.get(path).copied()
        }
    }

    fn statement(row: u32, reference: &str) -> Statement {
        let part = |text: &str, col| Part {
            text: text.into(),
            col: Some(col),
            header: None,
        };
        Statement {
            loc: Place {
                file: Arc::from("bukti.csv"),
                sheet: None,
                row,
            },
            agency: Arc::from("Dinas"),
            innovation: None,
            indicator: part("1", 1),
            parameter: Some(part("1", 2)),
            reference: Some(part(reference, 3)),
            date: None,
            number: None,
            about: None,
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]
        /// E011 grouped by size and digest finds what grouping by path
        /// found: the same uses reported, naming the same first innovation.
        /// Files: (size, content, read whole); uses: (innovation, file).
        #[test]
        fn duplicates_by_content_match_duplicates_by_path(
            files in proptest::collection::vec((0u64..4, 0u8..4, proptest::bool::ANY), 1..8),
            picks in proptest::collection::vec((0usize..5, 0usize..8), 0..24),
        ) {
            let t = template();
            let innovations: Vec<Innovation> =
                (0..5).map(|i| innovation("inovasi.csv", 2, "Dinas", &format!("Inovasi {i}"))).collect();
            // A content is one size: the same content byte at another
            // size is another content.
            let digest = |size: u64, content: u8| (size as u128) << 8 | content as u128;
            let paths: Vec<String> = (0..files.len()).map(|i| format!("bukti/{}.pdf", (i * 5) % 8)).collect();
            let contents = Contents(
                files.iter().zip(&paths).map(|(&(size, c, _), p)| (p.clone(), digest(size, c))).collect(),
                Default::default(),
            );
            let statements: Vec<Statement> = picks
                .iter()
                .enumerate()
                .map(|(k, &(_, f))| statement(k as u32 + 2, &paths[f % files.len()]))
                .collect();
            // Uses in innovation order, as check_all collects them.
            let mut order: Vec<usize> = (0..picks.len()).collect();
            order.sort_by_key(|&k| picks[k].0);
            let uses: Vec<FileUse<'_>> = order
                .iter()
                .map(|&k| {
                    let f = picks[k].1 % files.len();
                    let (size, c, whole) = files[f];
                    let s = &statements[k];
                    let written = s.reference.as_ref().unwrap();
                    (OsStr::new(&paths[f]), size, whole.then(|| digest(size, c)), (picks[k].0, s, written))
                })
                .collect();
            let run = |by_path: bool| {
                let mut sink = Sink::new(&t);
                let mut uses = uses.clone();
                if by_path {
                    duplicates_by_path(&innovations, &mut uses, &contents, &mut sink);
                } else {
                    duplicates(&innovations, &mut uses, &contents, &mut sink);
                }
                let mut found = sink.findings;
                found.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
                found
            };
            proptest::prop_assert_eq!(run(false), run(true));
        }
    }

    /// Files too big to have been read whole (no digest) are read only
    /// when another file of their size is used by another innovation.
    #[test]
    fn big_files_are_read_only_when_another_of_their_size_is_used_elsewhere() {
        let t = template();
        let innovations = [
            innovation("inovasi.csv", 2, "Dinas", "Satu"),
            innovation("inovasi.csv", 3, "Dinas", "Dua"),
        ];
        let statements: Vec<Statement> = (2..6).map(|row| statement(row, "x.pdf")).collect();
        let parts: Vec<Part> = statements
            .iter()
            .map(|s| s.reference.clone().unwrap())
            .collect();
        let e011 = |files: &[(&'static str, u64, usize)], contents: &Contents| {
            let mut uses: Vec<FileUse<'_>> = files
                .iter()
                .enumerate()
                .map(|(k, &(path, size, ii))| {
                    (
                        OsStr::new(path),
                        size,
                        None,
                        (ii, &statements[k], &parts[k]),
                    )
                })
                .collect();
            let mut sink = Sink::new(&t);
            duplicates(&innovations, &mut uses, contents, &mut sink);
            let rows: Vec<u32> = sink
                .findings
                .iter()
                .filter_map(|f| f.location.row)
                .collect();
            (rows, contents.read())
        };
        // One path used by both: one content, not read.
        let shared = [("bukti/a.pdf", 9000, 0), ("bukti/a.pdf", 9000, 1)];
        assert_eq!(e011(&shared, &Contents::default()), (vec![3], vec![]));
        // Two files of one size, used by one innovation: not read.
        let own = [("bukti/a.pdf", 9000, 0), ("bukti/b.pdf", 9000, 0)];
        assert_eq!(e011(&own, &Contents::default()), (vec![], vec![]));
        // Used by two: both read, and compared.
        let two = [("bukti/a.pdf", 9000, 0), ("bukti/b.pdf", 9000, 1)];
        let read = vec!["bukti/a.pdf".to_string(), "bukti/b.pdf".to_string()];
        let differ = Contents::of(&[("bukti/a.pdf", 1), ("bukti/b.pdf", 2)]);
        assert_eq!(e011(&two, &differ), (vec![], read.clone()));
        let same = Contents::of(&[("bukti/a.pdf", 1), ("bukti/b.pdf", 1)]);
        assert_eq!(e011(&two, &same), (vec![3], read.clone()));
        // Neither can be read: they cannot be told to be one content.
        assert_eq!(e011(&two, &Contents::default()), (vec![], read));
        // Another size is another content, and a shared path stays one.
        let sizes = [
            ("bukti/a.pdf", 9000, 0),
            ("bukti/b.pdf", 9001, 0),
            ("bukti/b.pdf", 9001, 1),
        ];
        assert_eq!(e011(&sizes, &Contents::default()), (vec![4], vec![]));
    }

    #[test]
    fn parameters_by_number_prefix_or_text() {
        let t = template();
        let ind = t.indicator(2).unwrap();
        assert_eq!(tier(ind, "2"), Some(2));
        assert_eq!(tier(ind, "2.0"), Some(2));
        assert_eq!(tier(ind, "Parameter 3"), Some(3));
        assert_eq!(tier(ind, &ind.params[0].to_uppercase()), Some(1));
        assert_eq!(tier(ind, "4"), None);
        assert_eq!(tier(ind, "tinggi"), None);
    }

    proptest::proptest! {
        /// A reference is a link exactly when, trimmed, it starts with a
        /// link's start in any letter case (the first byte's shortcut
        /// included).
        #[test]
        fn links_are_told_as_by_their_trimmed_start(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                "http://", "HTTPS://", "hTtp:/", "www.", "WwW.", " ", "\t", "\u{a0}", "\u{b}",
                "h", "W", "a", "1", "/", "x", "é", ":",
            ]), 0..5),
        ) {
            let s = pieces.concat();
            let l = s.trim().to_ascii_lowercase();
            let expected = ["http://", "https://", "www."].iter().any(|p| l.starts_with(p));
            proptest::prop_assert_eq!(is_link(&s), expected, "{:?}", s);
        }
    }

    #[test]
    fn links_only_where_the_indicator_takes_them() {
        let t = template();
        let video = t.indicator(20).unwrap();
        let sk = t.indicator(1).unwrap();
        assert!(link_accepted(video, "https://www.youtube.com/watch?v=abc"));
        assert!(link_accepted(video, "https://youtu.be/abc"));
        assert!(link_accepted(
            video,
            "https://drive.google.com/file/d/x/view"
        ));
        assert!(!link_accepted(video, "https://example.com/video.mp4"));
        assert!(!link_accepted(video, "https://"));
        assert!(!link_accepted(sk, "https://drive.google.com/file/d/x/view"));
    }

    #[test]
    fn jpeg_and_jpg_are_one_kind() {
        let t = template();
        let foto = t.indicator(10).unwrap();
        assert!(kind_accepted(foto, "jpg"));
        assert!(!kind_accepted(foto, "pdf"));
    }
}
