//! The maturity score of an innovation (its indicators as check judged
//! them, and the sums the score stage adds) and the estimate of a pemda.

use crate::diag::Code;

/// One indicator of one innovation.
#[derive(Debug, Clone, PartialEq)]
pub struct IndicatorScore {
    pub no: u32,
    pub weight: f64,
    /// The chosen parameter (1..3).
    pub tier: Option<u8>,
    /// Chosen, with evidence, and no error on that evidence.
    pub verified: bool,
    /// Why a chosen parameter does not stand: the first error code.
    pub code: Option<Code>,
}

/// A sum that is `0.0` for nothing: `Iterator::sum` of no floats is
/// `-0.0`, which reports print as "-0.0".
pub(crate) fn total(values: impl Iterator<Item = f64>) -> f64 {
    values.fold(0.0, |a, b| a + b)
}

impl IndicatorScore {
    pub fn points(&self) -> f64 {
        self.weight * f64::from(self.tier.unwrap_or(0))
    }
}

/// Points lost on one indicator.
#[derive(Debug, Clone, PartialEq)]
pub struct AtRisk {
    pub indicator: u32,
    pub points: f64,
    pub code: Code,
}

/// The maturity score of one innovation.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct InnovationScore {
    /// Sum of weight x tier over every chosen parameter.
    pub claimed: f64,
    /// The same over indicators whose evidence passed. (The most it can
    /// be is the template's, [`crate::score::max_score`]: not kept per
    /// innovation.)
    pub verified: f64,
    /// The indicators and points at risk; `None` for an innovation without
    /// any evidence data, as most rows of a list without evidence columns
    /// are (boxed: eight bytes for them, not forty-eight).
    pub(crate) detail: Option<Box<Detail>>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Detail {
    pub(crate) at_risk: Vec<AtRisk>,
    pub(crate) indicators: Vec<IndicatorScore>,
}

impl InnovationScore {
    /// The indicators as check judged them, not scored yet (the score
    /// stage adds the sums and the points at risk).
    pub fn judged(indicators: Vec<IndicatorScore>) -> InnovationScore {
        InnovationScore {
            detail: (!indicators.is_empty()).then(|| {
                Box::new(Detail {
                    at_risk: Vec::new(),
                    indicators,
                })
            }),
            ..InnovationScore::default()
        }
    }

    /// Sum of weight x tier over every chosen parameter, from the
    /// indicators alone: known once check has judged them.
    pub fn claimed_points(&self) -> f64 {
        total(self.indicators().iter().map(IndicatorScore::points))
    }

    /// The same over the indicators whose evidence passed.
    pub fn verified_points(&self) -> f64 {
        total(
            self.indicators()
                .iter()
                .filter(|i| i.verified)
                .map(IndicatorScore::points),
        )
    }
    /// Points lost, per indicator.
    pub fn at_risk(&self) -> &[AtRisk] {
        self.detail.as_ref().map_or(&[], |d| &d.at_risk)
    }

    /// Every indicator of the template, in order; empty for an innovation
    /// without any evidence data (nothing chosen, nothing verified).
    pub fn indicators(&self) -> &[IndicatorScore] {
        self.detail.as_ref().map_or(&[], |d| &d.indicators)
    }
}

/// The estimate for one pemda.
#[derive(Debug, Clone, PartialEq)]
pub struct PemdaScore {
    pub name: String,
    pub innovations: usize,
    /// Innovations left out of the verified estimate because they would not
    /// pass eligibility, and how many for each first reason (a code).
    pub left_out: usize,
    pub left_out_by: std::collections::BTreeMap<Code, usize>,
    /// SID part as it would stand: verified scores / max(k, n) + count part.
    pub sid: f64,
    /// The same with every claimed parameter.
    pub sid_claimed: f64,
    pub count_score: f64,
    pub spd: Option<f64>,
    pub iid: f64,
    /// The IID with every innovation and every claimed parameter.
    pub iid_claimed: f64,
    /// Decided on the unrounded verified IID.
    pub predicate: String,
    pub yandas_covered: Vec<String>,
    pub yandas_missing: Vec<String>,
    /// How many innovations short of k (the divisor floor): each missing
    /// one is an empty seat scored 0.
    pub short_of_k: u32,
}

/// Two decimals, as the portal shows scores.
pub fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}
