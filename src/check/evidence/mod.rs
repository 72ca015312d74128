//! Evidence (bukti dukung) per indicator: a parameter needs evidence,
//! evidence needs a parameter, files must exist inside the evidence root and
//! be of an accepted kind and size, documents must be from the indicator's
//! years, mandatory indicators must be filled, one file must not serve two
//! innovations. Files are reached only through a [`Resolver`], so these
//! rules run on facts, never on the disk.
//!
//! Here the run over every innovation (`check_all`); `statements` makes
//! statements from normalize's rows and attaches them to innovations,
//! `rules` judges one innovation's indicators, `duplicates` finds one file
//! used by two innovations (E011).

mod duplicates;
mod rules;
mod statements;

pub(crate) use rules::{is_link, link_kind_accepted};
pub(crate) use statements::{StatementMaker, attach};

use crate::check::{Innovation, Sink};
use crate::diag::{Code, Finding, Lang, Location, Say};
use crate::outcome::score::InnovationScore;
use crate::outcome::{Digest, Resolved};
use crate::template::{Indicator, Template};
use duplicates::{Use, duplicates};
use rayon::prelude::*;
use rules::{check_innovation, indicator_finding};
use std::ffi::OsStr;
use std::path::Path;

/// Finds and inspects evidence files. Implemented over the disk by
/// `crate::evidence`, and in memory by tests.
pub trait Resolver: Sync {
    /// Resolve each (workbook, reference) pair.
    fn resolve_all(&self, refs: &[(&str, &str)]) -> Vec<Resolved>;
    /// A digest of the content of the file at `path` (a
    /// [`crate::outcome::FileFacts::path`]), for spotting one file used
    /// twice.
    fn content_hash(&self, path: &Path) -> Option<Digest>;
    /// Every reference is resolved: let go of what only resolving needs
    /// (the index of the evidence folders: hundreds of megabytes at a
    /// national scale). Later calls to `resolve_all` find nothing.
    fn release_index(&self) {}
}

/// Check every innovation's evidence and judge its indicators (chosen
/// tier, verified, why not), which the score stage scores.
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
        // The count as written (no thousands mark), the noun as English
        // needs it.
        let count_en = format!("{n} {}", Lang::En.noun(n, Say::InnovationNoun));
        sink.push(
            Finding::new(Code::E018, Location::file(first))
                .arg("count", n)
                .arg("count_en", count_en),
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
            if let Some(r) = s.reference()
                && !is_link(r.text)
            {
                wanted.push((s.file(), r.text, statements as u32));
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
    // (empty) score is set below. Collected in innovation order, a block
    // at a time whose findings go through the run's sink, within its caps
    // (a 50 MB sheet of 20 evidence cells a row listed 700,000 of them,
    // a gigabyte, when they were all held and then listed).
    let mut uses: Vec<FileUse> = Vec::new();
    let mut new_scores: Vec<InnovationScore> = Vec::new();
    let with_statements: Vec<usize> = (innovations.iter().enumerate())
        .filter(|(_, inn)| !inn.statements.is_empty())
        .map(|(ii, _)| ii)
        .collect();
    let innovations_ref: &[Innovation] = innovations;
    for block in with_statements.chunks(CHECKED_AT_ONCE) {
        let checked: Vec<Checked> = block
            .par_iter()
            .map(|&ii| {
                let inn = &innovations_ref[ii];
                let mut local = Sink::passing_on(t);
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
        for c in checked {
            for f in c.findings {
                sink.push(f);
            }
            // Every file use, for E011, in innovation order.
            uses.extend(c.uses);
            new_scores.push(c.score);
        }
    }
    duplicates(innovations, &mut uses, resolver, sink);
    drop(uses);
    let mut new_scores = new_scores.into_iter();
    for inn in innovations.iter_mut() {
        inn.score = if inn.statements.is_empty() {
            InnovationScore::default()
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

/// One innovation's evidence checked: its indicators judged, its findings, and the
/// files it uses (path, size, digest, use).
/// Innovations whose evidence is checked at once, before their findings
/// join the run's (within its caps): enough to keep every core busy, few
/// enough that their findings, all held until then, stay small (twenty
/// evidence cells a row, each missing its file, are some 35 findings).
const CHECKED_AT_ONCE: usize = 1024;

struct Checked<'a> {
    score: InnovationScore,
    findings: Vec<Finding>,
    uses: Vec<FileUse<'a>>,
}
type FileUse<'a> = (&'a OsStr, u64, Option<Digest>, Use<'a>);
