//! A small inline SVG chart of one agency over a campaign: errors and the
//! verified score, run by run. No script, no network: it draws in any
//! browser and in a saved page. Used by `history --format html`; the check's
//! HTML report can take it as it is. Its points and scale come from the
//! campaign here, so both pages draw the same chart.

use super::markup::escape;
use crate::diag::{Lang, Say};
use crate::history::{AgencyCampaign, Campaign};
use std::fmt::Write as _;

/// One run of the chart. `None`: the agency was absent from that run
/// (errors) or had no scored innovation (verified); the line breaks there.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartPoint {
    /// What the run is called in the point's tooltip (its time).
    pub label: String,
    pub errors: Option<u32>,
    pub verified: Option<f64>,
}

/// The tops of the two scales, so that charts of several agencies compare.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ChartScale {
    pub errors: u32,
    pub verified: f64,
}

const WIDTH: f64 = 240.0;
const HEIGHT: f64 = 64.0;
const PAD: f64 = 6.0;
pub const ERROR_COLOR: &str = "#c62828";
pub const VERIFIED_COLOR: &str = "#2e7d32";

/// The chart as an `<svg>` element: errors in red, the verified score in
/// green, each on its own scale from 0 to the scale's top, one point per
/// run with its values in a tooltip.
pub fn campaign_svg(points: &[ChartPoint], scale: ChartScale, lang: Lang) -> String {
    let (errors_word, verified_word, chart_word) = (
        lang.say(Say::Errors),
        lang.say(Say::VerifiedScoreLower),
        lang.say(Say::ChartTitle),
    );
    let n = points.len();
    let x = |k: usize| {
        if n <= 1 {
            WIDTH / 2.0
        } else {
            PAD + (WIDTH - 2.0 * PAD) * k as f64 / (n - 1) as f64
        }
    };
    let y = |v: f64, top: f64| {
        let top = if top > 0.0 { top } else { 1.0 };
        HEIGHT - PAD - (HEIGHT - 2.0 * PAD) * (v / top).clamp(0.0, 1.0)
    };
    let mut s = String::new();
    let _ = write!(
        s,
        "<svg class=\"campaign\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{WIDTH}\" \
         height=\"{HEIGHT}\" viewBox=\"0 0 {WIDTH} {HEIGHT}\" role=\"img\" aria-label=\"{chart_word}\">\
         <line x1=\"{PAD}\" y1=\"{b}\" x2=\"{r}\" y2=\"{b}\" stroke=\"#ccc\"/>",
        b = HEIGHT - PAD,
        r = WIDTH - PAD,
    );
    let series: [(&str, Vec<Option<f64>>, f64); 2] = [
        (
            ERROR_COLOR,
            points.iter().map(|p| p.errors.map(f64::from)).collect(),
            f64::from(scale.errors),
        ),
        (
            VERIFIED_COLOR,
            points.iter().map(|p| p.verified).collect(),
            scale.verified,
        ),
    ];
    for (color, values, top) in &series {
        // A line through each unbroken stretch of values.
        let mut stretch: Vec<String> = Vec::new();
        let flush = |stretch: &mut Vec<String>, s: &mut String| {
            if stretch.len() > 1 {
                let _ = write!(
                    s,
                    "<polyline fill=\"none\" stroke=\"{color}\" stroke-width=\"2\" points=\"{}\"/>",
                    stretch.join(" ")
                );
            }
            stretch.clear();
        };
        for (k, v) in values.iter().enumerate() {
            match v {
                Some(v) => stretch.push(format!("{:.1},{:.1}", x(k), y(*v, *top))),
                None => flush(&mut stretch, &mut s),
            }
        }
        flush(&mut stretch, &mut s);
    }
    for (k, p) in points.iter().enumerate() {
        let tip = format!(
            "{}: {errors_word} {}, {verified_word} {}",
            p.label,
            p.errors.map_or("-".to_string(), |e| e.to_string()),
            p.verified.map_or("-".to_string(), |v| format!("{v:.1}")),
        );
        if let Some(e) = p.errors {
            let _ = write!(
                s,
                "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"2.5\" fill=\"{ERROR_COLOR}\"><title>{}</title></circle>",
                x(k),
                y(f64::from(e), f64::from(scale.errors)),
                escape(&tip)
            );
        }
        if let Some(v) = p.verified {
            let _ = write!(
                s,
                "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"2.5\" fill=\"{VERIFIED_COLOR}\"><title>{}</title></circle>",
                x(k),
                y(v, scale.verified),
                escape(&tip)
            );
        }
    }
    s.push_str("</svg>");
    s
}

/// A run's time as people read it: `2026-11-02 08:00` (UTC, as recorded).
pub(super) fn shown_time(t: &str) -> String {
    t.trim_end_matches('Z')
        .replacen('T', " ", 1)
        .chars()
        .take(16)
        .collect()
}

/// One scale for every agency's chart, so that the charts compare.
pub(super) fn chart_scale(c: &Campaign) -> ChartScale {
    ChartScale {
        errors: c
            .agencies
            .iter()
            .flat_map(|a| a.runs.iter().flatten().map(|r| r.errors))
            .max()
            .unwrap_or(0)
            .max(1),
        verified: c
            .agencies
            .iter()
            .flat_map(|a| a.runs.iter().flatten().filter_map(|r| r.verified))
            .fold(0.0, f64::max)
            .max(1.0),
    }
}

/// An agency's chart points, one per run of the campaign.
pub(super) fn chart_points(c: &Campaign, a: &AgencyCampaign) -> Vec<ChartPoint> {
    c.runs
        .iter()
        .zip(&a.runs)
        .map(|(run, r)| ChartPoint {
            label: shown_time(&run.time),
            errors: r.as_ref().map(|r| r.errors),
            verified: r.as_ref().and_then(|r| r.verified),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn point(errors: Option<u32>, verified: Option<f64>) -> ChartPoint {
        ChartPoint {
            label: "r".into(),
            errors,
            verified,
        }
    }

    #[test]
    fn a_gap_breaks_the_line_and_values_sit_on_their_scale() {
        let svg = campaign_svg(
            &[
                point(Some(4), Some(10.0)),
                point(Some(2), Some(20.0)),
                point(None, None),
                point(Some(0), Some(20.0)),
            ],
            ChartScale {
                errors: 4,
                verified: 20.0,
            },
            Lang::En,
        );
        // Errors: one line through the first two runs (4 at the top, 2
        // half way); the last run stands alone, a point at the bottom.
        assert_eq!(svg.matches("<polyline").count(), 2, "{svg}");
        assert!(svg.contains("points=\"6.0,6.0 82.0,32.0\""), "{svg}");
        assert!(svg.contains("cx=\"234.0\" cy=\"58.0\""), "{svg}");
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
    }

    #[test]
    fn tooltips_are_escaped() {
        let svg = campaign_svg(
            &[ChartPoint {
                label: "<b>".into(),
                errors: Some(1),
                verified: None,
            }],
            ChartScale {
                errors: 1,
                verified: 1.0,
            },
            Lang::Id,
        );
        assert!(
            svg.contains("&lt;b&gt;: galat 1, skor terverifikasi -"),
            "{svg}"
        );
    }
}
