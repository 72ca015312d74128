//! Every decimal number of a template: finite, and in its range.

use super::Ctx;
use crate::diag::Say;
use crate::template::TemplateError;
use crate::template::raw::RawTemplate;
use std::ops::Range;
use toml::Spanned;

/// What a template's decimal number must be.
#[derive(Clone, Copy)]
enum Bound {
    Finite,
    NotNegative,
    /// 0 to 1, both included (a similarity).
    Fraction,
}

impl Ctx<'_> {
    /// Every decimal number of a template and its parents (each span
    /// says which file it is in): finite, and not
    /// negative where it is a weight, a size, a maximum or a threshold. A
    /// NaN weight would pass every comparison and make every score NaN.
    pub(super) fn numbers(&self, raw: &RawTemplate) -> Result<(), TemplateError> {
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
            Bound::Finite => Say::NotFinite,
            Bound::NotNegative => Say::NotNegativeNumber,
            Bound::Fraction => Say::NotAFraction,
        };
        self.err(span, message.both(&[("what", &what), ("x", &x)]))
    }
}
