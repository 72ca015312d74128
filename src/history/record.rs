//! Recording a run: the outcome per agency, in one transaction.

use super::detail::Detail;
use super::{History, abort_hook, db_error, inputs_key, now};
use crate::diag::Severity;
use crate::outcome::Outcome;
use crate::template::Template;
use anyhow::Result;
use chrono::NaiveDate;
use rusqlite::{TransactionBehavior, params};
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::PathBuf;

/// A check's outcome per agency, as it is recorded ([`History::record_as`])
/// and compared with the previous run ([`super::StoredRun::since`]): made
/// once, by [`Recording::of`].
pub struct Recording<'a> {
    pub(super) outcome: &'a Outcome,
    pub(super) agencies: BTreeMap<&'a str, AgencyDetail<'a>>,
}

impl<'a> Recording<'a> {
    /// The outcome per agency, as `template` scores it.
    pub fn of(template: &Template, outcome: &'a Outcome) -> Recording<'a> {
        Recording {
            outcome,
            agencies: details(template, outcome),
        }
    }
}

impl History {
    /// Record one run of `inputs` (as given) with `template`: its outcome,
    /// in one transaction. Returns the run's id.
    pub fn record(
        &mut self,
        inputs: &[PathBuf],
        template: &Template,
        as_of: NaiveDate,
        outcome: &Outcome,
    ) -> Result<i64> {
        self.record_as(inputs, template, as_of, &Recording::of(template, outcome))
    }

    /// The same, from the outcome already taken per agency.
    pub fn record_as(
        &mut self,
        inputs: &[PathBuf],
        template: &Template,
        as_of: NaiveDate,
        recording: &Recording<'_>,
    ) -> Result<i64> {
        let (outcome, details) = (recording.outcome, &recording.agencies);
        let path = self.path.clone();
        let e = |e: rusqlite::Error| db_error(&path, &e);
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(e)?;
        let shown: Vec<String> = inputs
            .iter()
            .map(|p| p.to_string_lossy().replace('\\', "/"))
            .collect();
        tx.execute(
            "INSERT INTO run (time, inputs, inputs_key, template, as_of, version, innovations, \
             errors, warnings) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![
                now(),
                serde_json::to_string(&shown).unwrap_or_default(),
                inputs_key(inputs),
                template.id,
                as_of.format("%Y-%m-%d").to_string(),
                env!("CARGO_PKG_VERSION"),
                outcome.innovations.len() as i64,
                outcome.count(Severity::Error) as i64,
                outcome.count(Severity::Warning) as i64,
            ],
        )
        .map_err(e)?;
        let run = tx.last_insert_rowid();
        {
            let mut ins = tx
                .prepare(
                    "INSERT INTO run_agency (run, agency, innovations, errors, warnings, verified, \
                     digest, detail, identity) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                )
                .map_err(e)?;
            let mut detail = Vec::new();
            for (k, (agency, d)) in details.iter().enumerate() {
                if k == details.len() / 2 {
                    abort_hook();
                }
                d.detail.encode_into(&mut detail);
                ins.execute(params![
                    run,
                    agency,
                    d.innovations,
                    d.errors,
                    d.warnings,
                    d.verified,
                    d.digest,
                    detail,
                    d.identity
                ])
                .map_err(e)?;
            }
        }
        tx.commit().map_err(e)?;
        Ok(run)
    }
}

fn severity_number(s: Severity) -> i64 {
    match s {
        Severity::Info => 0,
        Severity::Warning => 1,
        Severity::Error => 2,
    }
}

/// One agency's row of a run: its summary, the digests of its state and
/// of its identities, and its detail.
#[derive(Default)]
pub(super) struct AgencyDetail<'a> {
    pub(super) innovations: u32,
    /// Error and warning findings counted under the agency.
    errors: u32,
    warnings: u32,
    verified: Option<f64>,
    /// What `history` tells changes by (its last change).
    digest: i64,
    /// What the comparison with the previous run needs: each innovation's
    /// identity, status and error count, each finding's identity. Two runs
    /// of an agency with the same value have nothing to tell apart.
    pub(super) identity: i64,
    /// The sum of its innovations' errors, and how many of them have
    /// errors (an [`crate::since::AgencyDelta`]'s counts).
    pub(super) innovation_errors: u64,
    pub(super) with_errors: usize,
    detail: Detail<'a>,
}

/// Texts of one agency's detail: those that repeat, once.
#[derive(Default)]
struct Strings<'a> {
    index: foldhash::HashMap<&'a str, u32>,
}

impl<'a> Strings<'a> {
    /// A text that seldom repeats, kept without looking it up.
    fn push(&mut self, d: &mut Detail<'a>, s: &'a str) -> u32 {
        d.strings.push(Cow::Borrowed(s));
        (d.strings.len() - 1) as u32
    }

    /// A text that repeats (a code, a field, a file), kept once.
    fn id(&mut self, d: &mut Detail<'a>, s: &'a str) -> u32 {
        *self.index.entry(s).or_insert_with(|| {
            d.strings.push(Cow::Borrowed(s));
            (d.strings.len() - 1) as u32
        })
    }
}

/// The outcome per agency (an innovation's agency; a finding's
/// innovation's agency, else its file's), agencies by name; an agency
/// whose files hold no innovation is there too.
pub(super) fn details<'a>(
    template: &Template,
    outcome: &'a Outcome,
) -> BTreeMap<&'a str, AgencyDetail<'a>> {
    // Scores only where the template scores: elsewhere they are no 0.
    let scored = template.scoring.is_some();
    let mut per: Slots<'a, (AgencyDetail, Strings<'a>, Digest, Identity, f64)> = Slots::default();
    for (n, i) in outcome.innovations.iter().enumerate() {
        let (a, strings, digest, identity, verified_sum) = per.get(&i.agency);
        let (claimed, verified) = if scored {
            (Some(centi(i.score.claimed)), Some(centi(i.score.verified)))
        } else {
            (None, None)
        };
        a.innovations += 1;
        a.innovation_errors += u64::from(i.errors);
        a.with_errors += usize::from(i.status == Severity::Error);
        if scored {
            *verified_sum += i.score.verified;
        }
        // A name is mostly its innovation's own: kept as it comes, not
        // looked up (the folded name is the name itself when it folds to
        // itself).
        let name = strings.push(&mut a.detail, i.name());
        let key = if std::ptr::eq(i.name_key(), i.name()) {
            name
        } else {
            strings.push(&mut a.detail, i.name_key())
        };
        let status = severity_number(i.status);
        a.detail.innovations.push((
            n as u32, key, name, status, i.errors, i.warnings, claimed, verified,
        ));
        let _ = write!(
            digest,
            "i\x1f{}\x1f{status}\x1f{}\x1f{}\x1f{claimed:?}\x1f{verified:?}\x1e",
            i.name_key(),
            i.errors,
            i.warnings
        );
        identity.byte(b'i');
        identity.text(i.name_key());
        identity.number(status as u64);
        identity.number(u64::from(i.errors));
    }
    for (seq, f) in outcome.findings.iter().enumerate() {
        let inn = outcome.innovation_of(f);
        let agency = outcome.agency_of(f);
        let (a, strings, digest, identity, _) = per.get(agency);
        match f.severity {
            Severity::Error => a.errors += 1,
            Severity::Warning => a.warnings += 1,
            Severity::Info => {}
        }
        let code = strings.id(&mut a.detail, f.code.as_str());
        let field = f.field.as_deref().map(|k| strings.id(&mut a.detail, k));
        let file = strings.id(&mut a.detail, &f.location.file);
        let sheet = f
            .location
            .sheet
            .as_deref()
            .map(|s| strings.id(&mut a.detail, s));
        let severity = severity_number(f.severity);
        a.detail.findings.push((
            seq as u32,
            f.innovation,
            code,
            severity,
            field,
            file,
            sheet,
            f.location.row,
            f.location.col,
            f.indicator,
        ));
        let _ = write!(
            digest,
            "f\x1f{}\x1f{severity}\x1f{}\x1f{}\x1e",
            f.code,
            inn.map(|i| i.name_key()).unwrap_or_default(),
            f.field.as_deref().unwrap_or_default()
        );
        // A finding's identity as the comparison takes it
        // ([`crate::since`]): its innovation's, else its file and sheet.
        identity.text(f.code.as_str());
        match inn {
            Some(i) => {
                identity.byte(b't');
                identity.text(i.name_key());
            }
            None => {
                identity.byte(b'u');
                identity.text(&f.location.file);
                identity.maybe(f.location.sheet.as_deref());
            }
        }
        identity.maybe(f.field.as_deref());
        identity.number(f.indicator.map_or(0, |n| u64::from(n) + 1));
    }
    // An agency whose files hold no innovation is still there.
    let with_innovations: std::collections::HashSet<&str> =
        outcome.innovations.iter().map(|i| i.file()).collect();
    for (file, hint) in &outcome.files {
        if !with_innovations.contains(file.as_str()) {
            per.get(hint);
        }
    }
    per.slots
        .into_iter()
        .map(
            |(agency, (mut a, _, mut digest, mut identity, verified_sum))| {
                // The mean as the check's table shows it.
                a.verified =
                    (scored && a.innovations > 0).then(|| verified_sum / f64::from(a.innovations));
                // Innovations in reading order, findings in report order: the
                // same state gives the same bytes.
                a.digest = digest.0.digest() as i64;
                a.identity = identity.0.digest() as i64;
                (agency, a)
            },
        )
        .collect()
}

/// One value per agency, found by name. An agency's rows usually come
/// together, so the one found last is tried first.
struct Slots<'a, T> {
    index: foldhash::HashMap<&'a str, usize>,
    slots: Vec<(&'a str, T)>,
    last: usize,
}

impl<T> Default for Slots<'_, T> {
    fn default() -> Self {
        Slots {
            index: foldhash::HashMap::default(),
            slots: Vec::new(),
            last: 0,
        }
    }
}

impl<'a, T: Default> Slots<'a, T> {
    fn get(&mut self, agency: &'a str) -> &mut T {
        if self.slots.get(self.last).is_none_or(|(a, _)| *a != agency) {
            self.last = match self.index.get(agency) {
                Some(&k) => k,
                None => {
                    self.slots.push((agency, T::default()));
                    self.index.insert(agency, self.slots.len() - 1);
                    self.slots.len() - 1
                }
            };
        }
        &mut self.slots[self.last].1
    }
}

/// The digest of an agency's state: its text hashed as it is written, so
/// that no text is built (the same value as hashing the whole text at once).
#[derive(Default)]
struct Digest(Hasher);

impl std::fmt::Write for Digest {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.0.update(s.as_bytes());
        Ok(())
    }
}

/// An xxh3 digest fed in small pieces: gathered a few kilobytes at a time
/// (the same value as feeding them one by one, and far less work per
/// piece).
#[derive(Default)]
struct Hasher {
    state: xxhash_rust::xxh3::Xxh3Default,
    gathered: Vec<u8>,
}

impl Hasher {
    const GATHER: usize = 16 * 1024;

    fn update(&mut self, bytes: &[u8]) {
        self.gathered.extend_from_slice(bytes);
        if self.gathered.len() >= Self::GATHER {
            self.state.update(&self.gathered);
            self.gathered.clear();
        }
    }

    fn digest(&mut self) -> u64 {
        self.state.update(&self.gathered);
        self.gathered.clear();
        self.state.digest()
    }
}

/// The digest of an agency's identities: each text with its length, so
/// that no two lists of texts hash as one.
#[derive(Default)]
struct Identity(Hasher);

impl Identity {
    fn byte(&mut self, b: u8) {
        self.0.update(&[b]);
    }

    fn number(&mut self, n: u64) {
        self.0.update(&n.to_le_bytes());
    }

    fn text(&mut self, s: &str) {
        self.number(s.len() as u64);
        self.0.update(s.as_bytes());
    }

    fn maybe(&mut self, s: Option<&str>) {
        match s {
            Some(s) => {
                self.byte(1);
                self.text(s);
            }
            None => self.byte(0),
        }
    }
}

/// A score as stored: in hundredths, an integer (two bytes where a float
/// takes eight).
fn centi(v: f64) -> i64 {
    (v * 100.0).round() as i64
}

pub(super) fn from_centi(v: Option<i64>) -> Option<f64> {
    v.map(|v| v as f64 / 100.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_digest_written_in_pieces_is_the_digest_of_the_whole_text() {
        // Databases written before the digest was streamed keep comparing
        // equal: the pieces hash as their concatenation did.
        use std::fmt::Write as _;
        let mut d = Digest::default();
        let mut whole = String::new();
        for k in 0..5000 {
            write!(d, "i\x1f{k}\x1fnama inovasi {k}\x1e").unwrap();
            write!(whole, "i\x1f{k}\x1fnama inovasi {k}\x1e").unwrap();
        }
        assert_eq!(d.0.digest(), xxhash_rust::xxh3::xxh3_64(whole.as_bytes()));
    }
}
