//! The score stage, after check: indicator tiers -> the maturity score of
//! an innovation (Estimasi Skor Kematangan), and innovations -> the pemda
//! estimate and its predicate.
//! Every constant comes from the template's `[scoring]`:
//!
//! ```text
//! SID  = sum of verified innovation scores / max(k, n)  +  count part
//! count part = per_innovation * min(n, cap), and 0 unless yandas_min of the
//!              basic-service urusan are covered
//! IID  = (SPD + SID) / total_max * 100
//! ```
//!
//! The verified estimate counts only the innovations that would pass
//! eligibility (no finding of `[scoring] exclude_codes` at error severity),
//! as SIMONDA's "lolos kelayakan" projection does; the claimed one counts
//! every innovation as entered. The predicate is decided on the unrounded
//! index; only the shown values are rounded.

use crate::diag::{Code, Finding, Severity};
use crate::outcome::score::total;
use crate::outcome::score::{AtRisk, IndicatorScore, InnovationScore, PemdaScore, round2};
use crate::outcome::{Innovation, Outcome};
use crate::template::Template;
use rayon::prelude::*;

/// Scores a checked run: each innovation's maturity score from its
/// indicators as check judged them, then the estimate of each pemda
/// (innovations whose rows name none count for `pemda`), with the pemda's
/// SPD points when known.
pub fn score(t: &Template, pemda: &str, spd: Option<f64>, outcome: &mut Outcome) {
    outcome
        .innovations
        .par_iter_mut()
        .for_each(|inn| sum(&mut inn.score));
    outcome.pemda = pemda_scores(t, pemda, spd, &outcome.innovations, &outcome.findings);
}

/// Adds the sums and the points at risk to indicators as check judged
/// them.
fn sum(score: &mut InnovationScore) {
    score.claimed = score.claimed_points();
    score.verified = score.verified_points();
    if let Some(d) = &mut score.detail {
        d.at_risk = d
            .indicators
            .iter()
            .filter(|i| i.tier.is_some() && !i.verified)
            .map(|i| AtRisk {
                indicator: i.no,
                points: i.points(),
                code: i.code.unwrap_or(Code::E001),
            })
            .collect();
    }
}

impl InnovationScore {
    /// The score of one innovation's indicators.
    pub fn new(indicators: Vec<IndicatorScore>) -> InnovationScore {
        let mut score = InnovationScore::judged(indicators);
        sum(&mut score);
        score
    }
}

/// The template's maximum per innovation: `sid_max`, or 3 x the weights.
pub fn max_score(t: &Template) -> f64 {
    t.scoring
        .as_ref()
        .map(|s| s.sid_max)
        .unwrap_or_else(|| total(t.indicators.iter().map(|i| i.weight * 3.0)))
}

/// One innovation as the pemda estimate sees it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Entry<'a> {
    pub claimed: f64,
    pub verified: f64,
    /// Whether it has any indicator data.
    pub has_data: bool,
    /// Canonical urusan.
    pub urusan: Option<&'a str>,
    /// Why it would not pass eligibility: the first excluding code.
    pub left_out: Option<Code>,
}

/// Estimate a pemda from its innovations' (claimed, verified) scores and
/// their canonical urusan, every one eligible.
pub fn pemda(
    t: &Template,
    name: &str,
    scores: &[(f64, f64)],
    urusan: &[Option<&str>],
    spd: Option<f64>,
) -> Option<PemdaScore> {
    let entries: Vec<Entry> = scores
        .iter()
        .enumerate()
        .map(|(i, &(claimed, verified))| Entry {
            claimed,
            verified,
            has_data: true,
            urusan: urusan.get(i).copied().flatten(),
            left_out: None,
        })
        .collect();
    estimate(t, name, &entries, spd)
}

/// The SID part of a set of innovations: the sum of `score` over them
/// divided by max(k, n), plus the count part; and which yandas they cover.
fn sid_of<'a>(
    s: &crate::template::Scoring,
    entries: impl Iterator<Item = Entry<'a>> + Clone,
    score: fn(&Entry) -> f64,
) -> (f64, f64, Vec<String>) {
    let n = entries.clone().count();
    let divisor = n.max(s.divisor_min as usize).max(1) as f64;
    let covered: Vec<String> = s
        .yandas
        .iter()
        .filter(|y| entries.clone().any(|e| e.urusan == Some(y.as_str())))
        .cloned()
        .collect();
    let count_score = if covered.len() >= s.yandas_min as usize {
        s.count_per_innovation * n.min(s.count_cap as usize) as f64
    } else {
        0.0
    };
    let sum = total(entries.map(|e| score(&e)));
    (sum / divisor + count_score, count_score, covered)
}

/// Estimate a pemda from its innovations. The verified estimate counts
/// only the eligible ones; the claimed estimate all of them.
pub fn estimate(
    t: &Template,
    name: &str,
    entries: &[Entry],
    spd: Option<f64>,
) -> Option<PemdaScore> {
    estimate_from(t, name, entries.iter().copied(), spd)
}

/// [`estimate`] of entries made as they are read (a list of a million
/// innovations of one pemda would otherwise hold 56 MB of entries at the
/// run's peak: BENCHMARKS.md, "Safe at the edges").
pub fn estimate_from<'a>(
    t: &Template,
    name: &str,
    entries: impl Iterator<Item = Entry<'a>> + Clone,
    spd: Option<f64>,
) -> Option<PemdaScore> {
    let s = t.scoring.as_ref()?;
    let n = entries.clone().count();
    let eligible = entries.clone().filter(|e| e.left_out.is_none());
    let (sid, count_score, covered) = sid_of(s, eligible.clone(), |e| e.verified);
    let (sid_claimed, _, _) = sid_of(s, entries.clone(), |e| e.claimed);
    let missing: Vec<String> = s
        .yandas
        .iter()
        .filter(|y| !covered.contains(y))
        .cloned()
        .collect();
    let iid = (spd.unwrap_or(0.0) + sid) / s.total_max * 100.0;
    let iid_claimed = (spd.unwrap_or(0.0) + sid_claimed) / s.total_max * 100.0;
    // Without any indicator data there is nothing to estimate: not "Tidak
    // Dapat Dinilai", which is a pemda that did not report.
    let predicate = if !entries.clone().any(|e| e.has_data) {
        s.no_estimate.clone()
    } else {
        s.predicates
            .iter()
            .find(|p| iid >= p.min)
            .map(|p| p.name.clone())
            .unwrap_or_default()
    };
    let mut left_out_by = std::collections::BTreeMap::new();
    for code in entries.filter_map(|e| e.left_out) {
        *left_out_by.entry(code).or_insert(0) += 1;
    }
    let n_eligible = eligible.count();
    Some(PemdaScore {
        name: name.to_string(),
        innovations: n,
        left_out: n - n_eligible,
        left_out_by,
        sid: round2(sid),
        sid_claimed: round2(sid_claimed),
        count_score: round2(count_score),
        spd,
        iid: round2(iid),
        iid_claimed: round2(iid_claimed),
        predicate,
        yandas_covered: covered,
        yandas_missing: missing,
        short_of_k: (s.divisor_min as usize).saturating_sub(n_eligible) as u32,
    })
}

/// Per innovation, the first code of `[scoring] exclude_codes` found at
/// error severity on its row (or, for a header finding, on its sheet): it
/// would not pass eligibility, so the verified estimate leaves it out.
fn left_out<'f>(t: &Template, findings: &'f [Finding]) -> LeftOut<'f> {
    let mut at: LeftOut = foldhash::HashMap::default();
    let Some(codes) = t.scoring.as_ref().map(|s| &s.exclude_codes) else {
        return at;
    };
    for f in findings {
        if f.severity != Severity::Error || !codes.contains(&f.code) {
            continue;
        }
        let l = &f.location;
        // A finding about every row of its sheet (a required column
        // missing) leaves each of them out.
        let row = if f.every_row { None } else { l.row };
        at.entry((&l.file, l.sheet.as_deref(), row))
            .and_modify(|c| *c = (*c).min(f.code))
            .or_insert(f.code);
    }
    at
}

/// (file, sheet, row or `None` for every row) -> the first excluding code.
type LeftOut<'f> = foldhash::HashMap<(&'f str, Option<&'f str>, Option<u32>), Code>;

/// The first code of [`left_out`] that leaves `i` out, if any.
fn left_out_of(at: &LeftOut, i: &Innovation) -> Option<Code> {
    let row = at.get(&(i.file(), i.sheet(), Some(i.row)));
    let sheet = at.get(&(i.file(), i.sheet(), None));
    row.into_iter().chain(sheet).min().copied()
}

/// Group innovations by the pemda their rows name (else the default name).
/// Each pemda's entries are made as the estimate reads them, from the
/// index of each innovation and of its first excluding code: eight bytes
/// an innovation instead of a 56-byte entry (a million innovations of one
/// pemda at the run's peak).
fn pemda_scores<'a>(
    t: &'a Template,
    pemda: &'a str,
    spd: Option<f64>,
    innovations: &'a [Innovation],
    findings: &[Finding],
) -> Vec<PemdaScore> {
    if t.scoring.is_none() {
        return Vec::new();
    }
    let at = left_out(t, findings);
    let name = |i: &'a Innovation| i.pemda.as_deref().unwrap_or(pemda);
    // Counted first, so that each list is made once at its size (a list
    // that grows is copied, and for a moment held twice).
    let mut sizes: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
    for i in innovations {
        *sizes.entry(name(i)).or_default() += 1;
    }
    let mut groups: std::collections::BTreeMap<&str, Vec<(u32, u32)>> = sizes
        .into_iter()
        .map(|(name, n)| (name, Vec::with_capacity(n)))
        .collect();
    // The excluding codes known, so that an entry names its code by number.
    let mut codes: Vec<Code> = at.values().copied().collect();
    codes.sort_unstable();
    codes.dedup();
    for (k, i) in innovations.iter().enumerate() {
        let code = left_out_of(&at, i)
            .and_then(|c| codes.binary_search(&c).ok())
            .map_or(u32::MAX, |c| c as u32);
        groups.entry(name(i)).or_default().push((k as u32, code));
    }
    drop(at);
    let entry = |&(k, code): &(u32, u32)| {
        let i = &innovations[k as usize];
        Entry {
            claimed: i.score.claimed,
            verified: i.score.verified,
            has_data: !i.score.indicators().is_empty(),
            urusan: i.urusan(t),
            left_out: codes.get(code as usize).copied(),
        }
    };
    groups
        .iter()
        .filter_map(|(name, ks)| estimate_from(t, name, ks.iter().map(entry), spd))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t() -> Template {
        Template::builtin("iid-2026").unwrap().unwrap()
    }

    /// Every indicator of `t` at one tier, verified or not.
    fn every_indicator(
        t: &Template,
        tier: u8,
        verified: bool,
        code: Option<Code>,
    ) -> Vec<IndicatorScore> {
        t.indicators
            .iter()
            .map(|i| IndicatorScore {
                no: i.no,
                weight: i.weight,
                tier: Some(tier),
                verified,
                code,
            })
            .collect()
    }

    /// The score stage scores what check judged (issue 32): each
    /// innovation's sums from its indicators, the template's maximum for
    /// every one, and the pemda estimate without the innovation an
    /// excluding error leaves out.
    #[test]
    fn the_stage_scores_what_check_judged_issue_32() {
        let t = t();
        let mut judged = Innovation::new("a.csv", None, 2, "Dinas A", "Satu");
        judged.score = InnovationScore::judged(every_indicator(&t, 2, true, None));
        let mut bare = Innovation::new("a.csv", None, 3, "Dinas A", "Dua");
        bare.pemda = Some("Kota Uji".into());
        let mut outcome = Outcome {
            innovations: vec![judged, bare],
            findings: vec![Finding::new(
                Code::V001,
                crate::diag::Location {
                    row: Some(3),
                    ..crate::diag::Location::file("a.csv")
                },
            )],
            ..Outcome::default()
        };
        score(&t, "Kab. Contoh", None, &mut outcome);
        let [a, b] = &outcome.innovations[..] else {
            panic!("two innovations")
        };
        assert_eq!((a.score.claimed, a.score.verified), (74.0, 74.0));
        assert_eq!(b.score.claimed, 0.0);
        assert_eq!(max_score(&t), 111.0);
        let pemda: Vec<(&str, usize, usize)> = outcome
            .pemda
            .iter()
            .map(|p| (p.name.as_str(), p.innovations, p.left_out))
            .collect();
        assert_eq!(pemda, [("Kab. Contoh", 1, 0), ("Kota Uji", 1, 1)]);
    }

    #[test]
    fn nothing_verified_is_plain_zero() {
        let t = t();
        let score = InnovationScore::new(every_indicator(&t, 1, false, Some(Code::E003)));
        assert!(score.claimed > 0.0);
        // Reports print -0.0 as "-0.0".
        assert!(score.verified == 0.0 && score.verified.is_sign_positive());
        assert_eq!(serde_json::to_string(&score.verified).unwrap(), "0.0");
    }

    #[test]
    fn official_maxima() {
        let t = t();
        let s = t.scoring.as_ref().unwrap();
        // 20 indicators, weights summing to 37: 111 per innovation.
        let score = InnovationScore::new(every_indicator(&t, 3, true, None));
        assert_eq!(score.claimed, 111.0);
        assert_eq!(score.verified, 111.0);
        assert_eq!(max_score(&t), 111.0);
        assert_eq!(s.spd_max, 63.0);
        // Count part caps at 0.38 x 200 = 76; the total maximum is 250.
        assert!((s.count_per_innovation * f64::from(s.count_cap) - 76.0).abs() < 1e-9);
        assert_eq!(s.spd_max + s.sid_max + 76.0, s.total_max);
        // 200 perfect innovations covering every yandas, and full SPD: 100.
        let all: Vec<Option<&str>> = s.yandas.iter().map(|y| Some(y.as_str())).collect();
        let p = pemda(&t, "X", &vec![(111.0, 111.0); 200], &all, Some(63.0)).unwrap();
        assert_eq!(p.iid, 100.0);
        assert_eq!(p.predicate, "Sangat Inovatif");
    }

    #[test]
    fn hand_worked_pemda() {
        // A kabupaten sends 5 innovations, verified scores 60, 50, 40, 30, 20
        // (claimed 70, 60, 50, 40, 30), covering 4 of the 6 yandas urusan,
        // with an SPD of 40 points.
        //   n = 5 < k = 12, so the divisor is 12 (7 empty seats).
        //   SID verified = (60+50+40+30+20)/12 = 200/12 = 16.666...
        //   4 < 5 yandas: the count part is 0.
        //   IID = (40 + 16.6667) / 250 * 100 = 22.6667 -> 22.67, Kurang Inovatif.
        //   Claimed: 250/12 = 20.83.
        let t = t();
        let y = &t.scoring.as_ref().unwrap().yandas;
        let urusan = vec![
            Some(y[0].as_str()),
            Some(y[1].as_str()),
            Some(y[2].as_str()),
            Some(y[3].as_str()),
            Some("Pariwisata"),
        ];
        let scores = [
            (70.0, 60.0),
            (60.0, 50.0),
            (50.0, 40.0),
            (40.0, 30.0),
            (30.0, 20.0),
        ];
        let p = pemda(&t, "Kab. Contoh", &scores, &urusan, Some(40.0)).unwrap();
        assert_eq!(p.sid, 16.67);
        assert_eq!(p.sid_claimed, 20.83);
        assert_eq!(p.count_score, 0.0);
        assert_eq!(p.iid, 22.67);
        assert_eq!(p.predicate, "Kurang Inovatif");
        assert_eq!(p.short_of_k, 7);
        assert_eq!(p.yandas_missing, vec![y[4].clone(), y[5].clone()]);
        // Covering a fifth yandas urusan switches the count part on:
        // 0.38 x 5 = 1.9 -> SID 18.57, IID (40 + 18.5667)/250*100 = 23.43.
        let mut urusan = urusan;
        urusan[4] = Some(y[4].as_str());
        let p = pemda(&t, "Kab. Contoh", &scores, &urusan, Some(40.0)).unwrap();
        assert_eq!(p.count_score, 1.9);
        assert_eq!(p.sid, 18.57);
        assert_eq!(p.iid, 23.43);
    }

    fn entry(claimed: f64, verified: f64, left_out: Option<Code>) -> Entry<'static> {
        Entry {
            claimed,
            verified,
            has_data: true,
            urusan: Some("Pariwisata"),
            left_out,
        }
    }

    #[test]
    fn the_verified_estimate_counts_only_eligible_innovations() {
        // SIMONDA's "lolos kelayakan" projection: 14 innovations, 2 of them
        // outside the window (W001) and one with an empty required value.
        //   verified: 11 eligible x 30 / max(12, 11) = 330 / 12 = 27.5
        //   claimed: 14 x 40 / 14 = 40
        let t = t();
        let mut entries = vec![entry(40.0, 30.0, None); 11];
        entries.extend([
            entry(40.0, 30.0, Some(Code::W001)),
            entry(40.0, 30.0, Some(Code::W001)),
            entry(40.0, 30.0, Some(Code::R001)),
        ]);
        let p = estimate(&t, "Kab. Contoh", &entries, Some(40.0)).unwrap();
        assert_eq!(p.innovations, 14);
        assert_eq!(p.left_out, 3);
        assert_eq!(
            p.left_out_by
                .iter()
                .map(|(c, n)| (*c, *n))
                .collect::<Vec<_>>(),
            [(Code::R001, 1), (Code::W001, 2)]
        );
        assert_eq!(p.sid, 27.5);
        assert_eq!(p.sid_claimed, 40.0);
        // (40 + 27.5) / 250 = 27.0; (40 + 40) / 250 = 32.0.
        assert_eq!(p.iid, 27.0);
        assert_eq!(p.iid_claimed, 32.0);
        assert_eq!(p.short_of_k, 1);
    }

    #[test]
    fn no_indicator_data_is_no_estimate_not_tidak_dapat_dinilai() {
        let t = t();
        let mut e = entry(0.0, 0.0, None);
        e.has_data = false;
        let p = estimate(&t, "Kab. Contoh", &[e; 3], None).unwrap();
        assert_eq!(p.predicate, "Belum dapat diperkirakan");
        // With data scoring 0 it is the disclaimer predicate, as before.
        let p = estimate(&t, "Kab. Contoh", &[entry(0.0, 0.0, None); 3], None).unwrap();
        assert_eq!(p.predicate, "Tidak Dapat Dinilai");
    }

    #[test]
    fn the_predicate_is_decided_on_the_unrounded_index() {
        // IID 40.006 shows as 40.01 but is below Inovatif's 40.01.
        let t = t();
        let s = t.scoring.as_ref().unwrap();
        let spd = 40.006 / 100.0 * s.total_max;
        let mut e = entry(0.0, 0.0, None);
        e.urusan = None;
        let p = estimate(&t, "X", &[e], Some(spd)).unwrap();
        assert_eq!(p.iid, 40.01);
        assert_eq!(p.predicate, "Kurang Inovatif");
    }

    #[test]
    fn at_risk_lists_claimed_but_unverified_indicators() {
        let ind = vec![
            IndicatorScore {
                no: 17,
                weight: 2.0,
                tier: Some(3),
                verified: false,
                code: Some(Code::E003),
            },
            IndicatorScore {
                no: 1,
                weight: 3.0,
                tier: Some(2),
                verified: true,
                code: None,
            },
            IndicatorScore {
                no: 4,
                weight: 2.0,
                tier: None,
                verified: false,
                code: None,
            },
        ];
        let s = InnovationScore::new(ind);
        assert_eq!(s.claimed, 12.0);
        assert_eq!(s.verified, 6.0);
        assert_eq!(
            s.at_risk(),
            vec![AtRisk {
                indicator: 17,
                points: 6.0,
                code: Code::E003
            }]
        );
    }
}
