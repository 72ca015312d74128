//! A self-contained HTML report (no network: styles and the filter script
//! are inline): a bar per agency (clean / warning / error), the score
//! estimate and predicate, basic-service urusan coverage, points at risk,
//! and the findings table with a filter, grouped by agency. Used by
//! `--format html` and the export package's `laporan.html`.
//!
//! Two layouts. The ordinary page takes the window's whole width at the
//! browser's own 16 px (the old 14 px tables were small on a laptop
//! across a desk). The projector page (`--projector`, and every page
//! written during `--watch`) is read from the back of a hall: at least
//! 20 px text growing with the window (30 px at 1920 wide), figures over
//! 40 px, black on white with thick rules and bold severity words, for a
//! projector that washes colours out. Both wrap long names, paths and
//! hints and fix their tables to the page, so neither scrolls sideways.
//!
//! Words keep one meaning: the cards count findings ("temuan galat"), the
//! per-agency table counts innovations ("inovasi bergalat").

use super::markup::escape;
use super::{RenderOptions, severity_word};
use crate::diag::{Lang, Say, Severity};
use crate::normalize::date::portal_format;
use crate::outcome::Outcome;
use crate::template::Template;
use std::fmt::Write as _;

/// How a page is laid out, and whether it follows a running `--watch`.
#[derive(Debug, Clone, Copy, Default)]
pub struct Page {
    /// Large, high-contrast text for a projected screen.
    pub projector: bool,
    /// Reload every few seconds, keeping the scroll position and filter:
    /// only for a page that `--watch` keeps rewriting.
    pub reload: bool,
}

/// What a page can show besides the outcome: what changed since an
/// earlier run (`--since`, or the previous run in the history), and the
/// campaign recorded in the history, the run just recorded last.
#[derive(Debug, Clone, Copy, Default)]
pub struct Extras<'a> {
    pub since: Option<&'a crate::since::Since>,
    pub campaign: Option<&'a crate::history::Campaign>,
}

/// Seconds between reloads of a watch-written page.
const RELOAD_SECONDS: u32 = 5;

const STYLE: &str = "*{box-sizing:border-box}html{font-size:16px}\
body{font-family:system-ui,'Segoe UI',Roboto,sans-serif;margin:1rem 1.5rem;color:#1b1b1b;background:#fff;\
line-height:1.4;overflow-wrap:anywhere}\
h1{font-size:1.6rem;margin:.2rem 0}h2{margin-top:2rem;font-size:1.3rem}\
.muted{color:#555}table{border-collapse:collapse;width:100%;table-layout:fixed}\
th,td{border-bottom:1px solid #ccc;padding:.35rem .5rem;text-align:left;vertical-align:top;overflow-wrap:anywhere}\
th{background:#f0f0f0}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}\
tr.group th{background:#dfe4ee;font-size:1.1rem;padding-top:.6rem}tr.group a{font-weight:400;margin-left:1rem}\
tfoot td{font-weight:700;border-top:2px solid #888}\
.bar{display:flex;height:1.1rem;width:100%;border-radius:3px;overflow:hidden;background:#eee}\
.bar span{display:block;height:100%}.ok{background:#2e7d32}.warning{background:#f9a825}.error{background:#c62828}\
.sev-error{color:#c62828;font-weight:600}.sev-warning{color:#a06800;font-weight:600}.sev-info{color:#1565c0}\
.cards{display:flex;flex-wrap:wrap;gap:1rem}.card{border:1px solid #ccc;border-radius:6px;padding:.8rem 1rem;flex:0 1 16rem;min-width:0}\
.big{font-size:2rem;font-weight:700;line-height:1.15}input,select{font:inherit;padding:.3rem;margin:.5rem .5rem .5rem 0;max-width:100%}\
.status{display:block}svg.campaign{display:block;width:100%;max-width:240px;height:auto}\
#since ul{margin:.3rem 0;padding-left:1.5rem}.legend span{display:inline-block;width:.8rem;height:.8rem;margin:0 .3rem 0 1rem;vertical-align:middle}";

/// Over [`STYLE`] for a projected page: text from 20 px at 1366 wide to
/// 30 px on a 1080p screen, black on white, thick rules, dark colours.
const PROJECTOR_STYLE: &str = "html{font-size:clamp(20px,1.5vw,30px)}\
body{margin:.5rem 1rem;color:#000;font-weight:500}.muted{color:#222}\
th,td{border-bottom:2px solid #444;padding:.3rem .4rem}th{background:#000;color:#fff}\
tr.group th{background:#d0d0d0;color:#000;border-top:4px solid #000}\
a{color:#002a80}.card{border:3px solid #000;flex:1 1 12rem}.big{font-size:2.2rem}\
.bar{height:1.4rem;border:2px solid #000;border-radius:0}\
.ok{background:#006400}.warning{background:#ff9800}.error{background:#b00000}\
.sev-error{color:#a00000;font-weight:800}.sev-warning{color:#6b3a00;font-weight:800}.sev-info{color:#00308f;font-weight:700}";

const SCRIPT: &str = "(function(){var q=document.getElementById('q'),s=document.getElementById('sev'),\
groups=document.querySelectorAll('#findings tbody'),count=document.getElementById('count');\
function apply(){var t=q.value.toLowerCase(),v=s.value,n=0;groups.forEach(function(g){var m=0,\
a=(g.getAttribute('data-agency')||'')+' ';g.querySelectorAll('tr[data-sev]').forEach(function(r){\
var show=(!t||(a+r.textContent).toLowerCase().indexOf(t)>=0)&&(!v||r.getAttribute('data-sev')===v);\
r.style.display=show?'':'none';if(show)m++;});var h=g.querySelector('tr.group');\
if(h)h.style.display=m?'':'none';n+=m;});count.textContent=n;}\
q.addEventListener('input',apply);s.addEventListener('change',apply);apply();})();";

/// Reload a watch-written page, keeping where the reader was: the scroll
/// position and the filter live in the tab's session storage.
fn reload_script() -> String {
    format!(
        "(function(){{var k='bimtek-live',q=document.getElementById('q'),s=document.getElementById('sev');\
try{{var v=JSON.parse(sessionStorage.getItem(k)||'null');if(v){{q.value=v.q;s.value=v.s;\
q.dispatchEvent(new Event('input'));window.scrollTo(0,v.y);}}}}catch(e){{}}\
setTimeout(function(){{try{{sessionStorage.setItem(k,JSON.stringify({{y:window.scrollY,q:q.value,s:s.value}}));}}\
catch(e){{}}location.reload();}},{});}})();",
        RELOAD_SECONDS * 1000
    )
}

/// A figure with `places` decimals: every decimal on the page goes through
/// here, so the decimal comma of Indonesian has one place to go.
fn decimal(x: f64, places: usize, lang: Lang) -> String {
    crate::diag::number(x, places, lang)
}

/// An innovation's status, as the findings table says it.
fn status_words(s: Severity, lang: Lang) -> &'static str {
    lang.say(match s {
        Severity::Info => Say::CleanInnovation,
        Severity::Warning => Say::InnovationWithWarnings,
        Severity::Error => Say::InnovationWithErrors,
    })
}

/// The anchor of an agency's findings in the findings table.
fn anchor(k: usize) -> String {
    format!("opd-{}", k + 1)
}

/// Render the whole report as one HTML document, as an ordinary page.
pub fn render_html(outcome: &Outcome, t: &Template, opts: &RenderOptions) -> String {
    render_html_page(outcome, t, opts, Page::default())
}

/// Render the whole report as one HTML document, laid out as `page` says.
pub fn render_html_page(
    outcome: &Outcome,
    t: &Template,
    opts: &RenderOptions,
    page: Page,
) -> String {
    render_html_with(outcome, t, opts, page, Extras::default())
}

/// [`render_html_page`] with what changed above the agency table and a
/// chart of the campaign per agency in it.
pub fn render_html_with(
    outcome: &Outcome,
    t: &Template,
    opts: &RenderOptions,
    page: Page,
    extras: Extras<'_>,
) -> String {
    let lang = opts.lang;
    let mut h = String::new();
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         {}\n<title>bimtek · {}</title>\n<style>{STYLE}{}</style>\n",
        lang.tag(),
        crate::load::marker::HTML_MARK,
        escape(&t.name),
        if page.projector { PROJECTOR_STYLE } else { "" },
    );
    if page.reload {
        // Without scripts the page still follows, from its top.
        let _ = writeln!(
            h,
            "<noscript><meta http-equiv=\"refresh\" content=\"{RELOAD_SECONDS}\"></noscript>"
        );
    }
    let _ = writeln!(h, "</head>\n<body>");
    // Figures as the language writes numbers (7,28 or 7.28); the bar widths
    // in the style stay CSS numbers.
    let n0 = |x: usize| crate::diag::count(x as u64, lang);
    let count = |s| n0(outcome.count(s));
    let _ = write!(
        h,
        "<h1>{}</h1>\n<p class=\"muted\">bimtek {} · {} ({}) · {} {}</p>\n",
        lang.say(Say::CheckReportTitle),
        env!("CARGO_PKG_VERSION"),
        escape(&t.name),
        escape(&t.id),
        lang.say(Say::ReferenceDate),
        portal_format(opts.as_of)
    );
    // The cards count files, innovations and findings; each label says which.
    let _ = writeln!(
        h,
        "<div class=\"cards\" id=\"summary\"><div class=\"card\"><div class=\"big\">{}</div>{}</div>\
         <div class=\"card\"><div class=\"big\">{}</div>{}</div>\
         <div class=\"card\"><div class=\"big sev-error\">{}</div>{}</div>\
         <div class=\"card\"><div class=\"big sev-warning\">{}</div>{}</div></div>",
        n0(outcome.files.len()),
        lang.say(Say::Files),
        n0(outcome.innovations.len()),
        lang.say(Say::Innovations),
        count(Severity::Error),
        lang.say(Say::ErrorFindings),
        count(Severity::Warning),
        lang.say(Say::WarningFindings),
    );

    // Per agency: a bar of clean / warning / error innovations; the name
    // jumps to the agency's findings.
    let grouped = super::findings_by_agency(outcome);
    let anchors: std::collections::HashMap<&str, String> = grouped
        .keys()
        .enumerate()
        .map(|(k, agency)| (*agency, anchor(k)))
        .collect();
    let agencies = super::agency_tallies(outcome);
    if let Some(since) = extras.since {
        since_section(&mut h, since, lang);
    }
    // With a campaign, one more column: the agency's chart over the runs.
    let charts: Option<std::collections::HashMap<&str, String>> = extras.campaign.map(|c| {
        let scale = super::chart::chart_scale(c);
        c.agencies
            .iter()
            .map(|a| {
                let points = super::chart::chart_points(c, a);
                (
                    a.agency.as_str(),
                    super::chart::campaign_svg(&points, scale, lang),
                )
            })
            .collect()
    });
    let (cols, chart_head) = match extras.campaign {
        Some(c) => (
            "<col style=\"width:22%\"><col style=\"width:8%\"><col style=\"width:15%\"><col style=\"width:9%\">\
             <col style=\"width:9%\"><col style=\"width:9%\"><col style=\"width:9%\"><col style=\"width:19%\">",
            format!(
                "<th>{} <span class=\"muted\">({} {})</span><br><span style=\"color:{}\">&#9679; {}</span> \
                 <span style=\"color:{}\">&#9679; {}</span></th>",
                lang.say(Say::History),
                c.runs.len(),
                lang.say(Say::Runs),
                super::chart::ERROR_COLOR,
                lang.say(Say::Errors),
                super::chart::VERIFIED_COLOR,
                lang.say(Say::VerifiedScore),
            ),
        ),
        None => (
            "<col style=\"width:28%\"><col style=\"width:11%\"><col style=\"width:19%\">\
             <col style=\"width:11%\"><col style=\"width:11%\"><col style=\"width:10%\"><col style=\"width:10%\">",
            String::new(),
        ),
    };
    let _ = write!(
        h,
        "<h2>{}</h2>\n<p class=\"legend\"><span class=\"ok\"></span>{}<span class=\"warning\"></span>{}<span class=\"error\"></span>{}</p>\n\
         <table id=\"agencies\"><colgroup>{cols}</colgroup>\n\
         <thead><tr><th>{}</th><th class=\"n\">{}</th><th>{}</th><th class=\"n\">{}</th><th class=\"n\">{}</th><th class=\"n\">{}</th><th class=\"n\">{}</th>{chart_head}</tr></thead><tbody>\n",
        lang.say(Say::PerAgency),
        lang.say(Say::CleanInnovations),
        lang.say(Say::InnovationsWithWarnings),
        lang.say(Say::InnovationsWithErrors),
        lang.say(Say::Agency),
        lang.say(Say::InnovationsHead),
        lang.say(Say::CleanWarningsErrors),
        lang.say(Say::CleanInnovationsHead),
        lang.say(Say::InnovationsWithErrorsHead),
        lang.say(Say::ScoreClaimedMean),
        lang.say(Say::ScoreVerifiedMean),
    );
    let mean = |x: f64, n: usize| if n == 0 { 0.0 } else { x / n as f64 };
    let bar = |h: &mut String, n: usize, clean: usize, warnings: usize, errors: usize| {
        // A CSS length: a decimal point in every language.
        let pct = |x: usize| mean(x as f64 * 100.0, n);
        let _ = write!(
            h,
            "<td><div class=\"bar\" title=\"{clean} / {warnings} / {errors}\">\
             <span class=\"ok\" style=\"width:{:.1}%\"></span><span class=\"warning\" style=\"width:{:.1}%\"></span>\
             <span class=\"error\" style=\"width:{:.1}%\"></span></div></td>",
            pct(clean),
            pct(warnings),
            pct(errors),
        );
    };
    let (mut all, mut clean, mut warnings, mut errors) = (0, 0, 0, 0);
    let (mut claimed, mut verified) = (0.0, 0.0);
    for (name, a) in &agencies {
        let shown = match anchors.get(name) {
            Some(to) => format!("<a href=\"#{to}\">{}</a>", escape(name)),
            None => escape(name),
        };
        let _ = write!(
            h,
            "<tr><td>{shown}</td><td class=\"n\">{}</td>",
            n0(a.innovations)
        );
        bar(&mut h, a.innovations, a.clean, a.warnings, a.errors);
        let _ = write!(
            h,
            "<td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td>",
            n0(a.clean),
            n0(a.errors),
            decimal(mean(a.claimed, a.innovations), 1, lang),
            decimal(mean(a.verified, a.innovations), 1, lang),
        );
        if let Some(svgs) = &charts {
            let _ = write!(h, "<td>{}</td>", svgs.get(name).map_or("", String::as_str));
        }
        let _ = writeln!(h, "</tr>");
        all += a.innovations;
        clean += a.clean;
        warnings += a.warnings;
        errors += a.errors;
        claimed += a.claimed;
        verified += a.verified;
    }
    let _ = write!(
        h,
        "</tbody><tfoot><tr><td>{}</td><td class=\"n\">{}</td>",
        lang.say(Say::Total),
        n0(all)
    );
    bar(&mut h, all, clean, warnings, errors);
    let _ = writeln!(
        h,
        "<td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td>{}</tr></tfoot></table>",
        n0(clean),
        n0(errors),
        decimal(mean(claimed, all), 1, lang),
        decimal(mean(verified, all), 1, lang),
        if charts.is_some() { "<td></td>" } else { "" },
    );
    // Agencies with findings but no innovation (a file that could not be
    // read, say) are not in the table: listed here, so every group of the
    // findings table can be reached from the top.
    let others: Vec<String> = grouped
        .keys()
        .filter(|a| !agencies.contains_key(*a))
        .map(|a| {
            format!(
                "<a href=\"#{}\">{}</a>",
                anchors[a],
                escape(&agency_name(a, lang))
            )
        })
        .collect();
    if !others.is_empty() {
        let _ = writeln!(
            h,
            "<p>{}: {}</p>",
            lang.say(Say::FindingsWithoutInnovation),
            others.join(" · ")
        );
    }

    for p in &outcome.pemda {
        let _ = write!(
            h,
            "<h2>{} {}</h2>\n<div class=\"cards\"><div class=\"card\"><div class=\"big\">{}</div>IID · {}</div>\
             <div class=\"card\"><div class=\"big\">{}</div>SID ({} {})</div>\
             <div class=\"card\"><div class=\"big\">{}</div>{}</div>\
             <div class=\"card\"><div class=\"big\">{}</div>SPD</div></div>\n",
            lang.say(Say::ScoreEstimate),
            escape(&p.name),
            decimal(p.iid, 2, lang),
            escape(&p.predicate),
            decimal(p.sid, 2, lang),
            lang.say(Say::IfEveryClaimPassed),
            decimal(p.sid_claimed, 2, lang),
            decimal(p.count_score, 2, lang),
            lang.say(Say::InnovationCountScore),
            p.spd.map_or("-".to_string(), |x| decimal(x, 2, lang)),
        );
        if p.left_out > 0 {
            let why = p
                .left_out_by
                .iter()
                .map(|(code, n)| format!("{code} {n}"))
                .collect::<Vec<_>>()
                .join(", ");
            let _ = writeln!(
                h,
                "<p>{} {} ({}). {} {}.</p>",
                p.left_out,
                lang.say(Say::InnovationsNotEligible),
                escape(&why),
                lang.say(Say::EstimateIfAllCounted),
                decimal(p.iid_claimed, 2, lang),
            );
        }
        let _ = write!(
            h,
            "<p>{} {} {} {}.</p>\n<ul>",
            lang.say(Say::BasicServicesCovered),
            p.yandas_covered.len(),
            lang.say(Say::Of),
            p.yandas_covered.len() + p.yandas_missing.len()
        );
        for y in &p.yandas_covered {
            let _ = write!(h, "<li>&#10003; {}</li>", escape(y));
        }
        for y in &p.yandas_missing {
            let _ = write!(
                h,
                "<li class=\"sev-error\">&#10007; {} ({})</li>",
                escape(y),
                lang.say(Say::NoInnovationYet)
            );
        }
        let _ = writeln!(h, "</ul>");
        if p.short_of_k > 0 {
            let _ = writeln!(
                h,
                "<p class=\"sev-warning\">{} {} {}</p>",
                lang.say(Say::ShortBy),
                p.short_of_k,
                lang.say(Say::EmptySeats)
            );
        }
    }

    let risks: Vec<_> = outcome
        .innovations
        .iter()
        .flat_map(|i| i.score.at_risk().iter().map(move |r| (i, r)))
        .collect();
    if !risks.is_empty() {
        let _ = write!(
            h,
            "<h2>{}</h2>\n<table id=\"risks\"><colgroup><col style=\"width:20%\"><col style=\"width:24%\">\
             <col style=\"width:26%\"><col style=\"width:20%\"><col style=\"width:10%\"></colgroup>\n\
             <thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th class=\"n\">{}</th></tr></thead><tbody>\n",
            lang.say(Say::PointsAtRisk),
            lang.say(Say::Agency),
            lang.say(Say::Innovation),
            lang.say(Say::Indicator),
            lang.say(Say::Reason),
            lang.say(Say::Points),
        );
        for (i, r) in risks {
            let name = t
                .indicator(r.indicator)
                .map_or(String::new(), |x| x.name.clone());
            let reason = r.code.info().summary(lang).to_string();
            let _ = writeln!(
                h,
                "<tr><td>{}</td><td>{}</td><td>{} {}</td><td>{} ({})</td><td class=\"n\">-{}</td></tr>",
                escape(&i.agency),
                escape(i.name()),
                r.indicator,
                escape(&name),
                escape(&reason),
                r.code,
                r.points
            );
        }
        let _ = writeln!(h, "</tbody></table>");
    }

    let _ = write!(
        h,
        "<h2>{}</h2>\n<label>{} <input id=\"q\" type=\"search\" placeholder=\"{}\"></label>\
         <label>{} <select id=\"sev\"><option value=\"\">{}</option><option value=\"error\">{}</option>\
         <option value=\"warning\">{}</option><option value=\"info\">{}</option></select></label>\
         <span class=\"muted\"><span id=\"count\">{}</span> {}</span>\n\
         <table id=\"findings\"><colgroup><col style=\"width:13%\"><col style=\"width:19%\"><col style=\"width:14%\">\
         <col style=\"width:14%\"><col style=\"width:22%\"><col style=\"width:18%\"></colgroup>\n\
         <thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead>\n",
        lang.say(Say::FindingsByAgency),
        lang.say(Say::Filter),
        lang.say(Say::FilterPlaceholder),
        lang.say(Say::Severity),
        lang.say(Say::All),
        severity_word(Severity::Error, lang),
        severity_word(Severity::Warning, lang),
        severity_word(Severity::Info, lang),
        outcome.findings.len(),
        lang.say(Say::FindingsShown),
        lang.say(Say::SeverityCode),
        lang.say(Say::InnovationStatus),
        lang.say(Say::Field),
        lang.say(Say::Where),
        lang.say(Say::Message),
        lang.say(Say::Hint),
    );
    // In reading order: agency by agency, each under its own heading row,
    // innovation by innovation.
    for (k, (agency, findings)) in grouped.iter().enumerate() {
        let of = |s: Severity| findings.iter().filter(|f| f.severity == s).count();
        let _ = writeln!(
            h,
            "<tbody data-agency=\"{}\"><tr class=\"group\"><th colspan=\"6\" id=\"{}\">{} \
             <span class=\"muted\">· {} {}, {} {}</span> <a href=\"#agencies\">{}</a></th></tr>",
            escape(agency),
            anchor(k),
            escape(&agency_name(agency, lang)),
            of(Severity::Error),
            lang.say(Say::ErrorFindings),
            of(Severity::Warning),
            lang.say(Say::WarningFindings),
            lang.say(Say::BackToSummary),
        );
        for f in findings {
            let l = &f.location;
            let place = l
                .cell()
                .or_else(|| l.row.map(|r| format!("{} {r}", lang.say(Say::Row))))
                .or_else(|| l.sheet.clone());
            let innovation = match outcome.innovation_of(f) {
                Some(i) => format!(
                    "{}<span class=\"status sev-{}\">{}</span>",
                    escape(i.name()),
                    i.status.as_str(),
                    status_words(i.status, lang)
                ),
                None => String::new(),
            };
            let mut field = f
                .field
                .as_deref()
                .and_then(|key| t.field(key))
                .map(|x| x.label(lang).to_string())
                .unwrap_or_default();
            if let Some(no) = f.indicator {
                if !field.is_empty() {
                    field.push_str(", ");
                }
                field.push_str(&format!("{} {no}", lang.say(Say::Indicator)));
            }
            let place = match place {
                Some(p) => format!(
                    "{}<br><span class=\"muted\">{}</span>",
                    escape(&p),
                    escape(&l.file)
                ),
                None => escape(&l.file),
            };
            let sev = f.severity.as_str();
            let _ = writeln!(
                h,
                "<tr data-sev=\"{sev}\"><td><span class=\"sev-{sev}\">{}</span> {}</td><td>{innovation}</td><td>{}</td><td>{place}</td><td>{}</td><td>{}</td></tr>",
                severity_word(f.severity, lang),
                f.code,
                escape(&field),
                escape(&f.message(lang)),
                escape(&f.hint(lang)),
            );
        }
        let _ = writeln!(h, "</tbody>");
    }
    let _ = write!(h, "</table>\n<script>{SCRIPT}</script>\n");
    if page.reload {
        let _ = writeln!(h, "<script id=\"reload\">{}</script>", reload_script());
    }
    let _ = write!(h, "</body>\n</html>\n");
    h
}

/// Lists longer than this start folded.
const OPEN_LIST: usize = 20;

/// What changed since the earlier run: the headline, the agencies that
/// changed (before and now), and the innovations added and removed.
fn since_section(h: &mut String, since: &crate::since::Since, lang: Lang) {
    let _ = write!(
        h,
        "<section id=\"since\"><h2>{}</h2>\n<p>{}</p>\n",
        lang.say(Say::WhatChanged),
        escape(&super::changes::headline(since, lang))
    );
    let lines = super::changes::agency_lines(since, lang);
    if !lines.is_empty() {
        h.push_str("<ul>");
        for l in &lines {
            let _ = write!(h, "<li>{}</li>", escape(l));
        }
        h.push_str("</ul>\n");
    }
    let lists = [
        (&since.added, lang.say(Say::InnovationsAdded), "+"),
        (&since.removed, lang.say(Say::InnovationsRemoved), "-"),
    ];
    for (list, title, mark) in lists {
        if list.is_empty() {
            continue;
        }
        let _ = write!(
            h,
            "<details{}><summary>{title}: {}</summary><ul>",
            if list.len() <= OPEN_LIST { " open" } else { "" },
            list.len()
        );
        for (agency, name) in list.iter() {
            let _ = write!(
                h,
                "<li>{mark} {} <span class=\"muted\">({})</span></li>",
                escape(name),
                escape(&agency_name(agency, lang))
            );
        }
        h.push_str("</ul></details>\n");
    }
    h.push_str("</section>\n");
}

/// An agency's name as a heading; findings about a file that names no
/// agency are grouped under a name that says so.
fn agency_name(agency: &str, lang: Lang) -> String {
    if !agency.is_empty() {
        return agency.to_string();
    }
    lang.say(Say::NoAgency).to_string()
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn escapes_markup() {
        assert_eq!(
            escape("<b>\"A&B\"</b>'"),
            "&lt;b&gt;&quot;A&amp;B&quot;&lt;/b&gt;&#39;"
        );
    }
}
