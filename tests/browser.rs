//! The HTML report in a real headless Chromium: the page loads without
//! console errors, its filter script runs, and a screenshot is produced.
//! `.ci/run` installs Debian's `chromium`; where no Chromium is installed
//! the test says so and passes without checking (set BIMTEK_REQUIRE_BROWSER=1
//! to make its absence a failure, as CI does).

mod common;

use common::{AS_OF, Kill, copy_dir, manifest};
use std::path::{Path, PathBuf};
use std::process::Command;

fn chromium() -> Option<PathBuf> {
    for name in ["chromium", "chromium-browser", "google-chrome"] {
        for dir in ["/usr/bin", "/usr/local/bin", "/snap/bin"] {
            let p = Path::new(dir).join(name);
            if p.exists() {
                return Some(p);
            }
        }
    }
    None
}

fn headless(browser: &Path, profile: &Path) -> Command {
    let mut c = Command::new(browser);
    c.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--enable-logging=stderr",
        "--v=0",
    ])
    .arg(format!("--user-data-dir={}", profile.display()));
    c
}

#[test]
fn html_report_loads_in_chromium_without_console_errors() {
    let Some(browser) = chromium() else {
        assert!(
            std::env::var_os("BIMTEK_REQUIRE_BROWSER").is_none(),
            "BIMTEK_REQUIRE_BROWSER is set but no Chromium is installed"
        );
        // Not silently green: say what was not checked.
        #[allow(clippy::print_stderr)]
        {
            eprintln!("browser test skipped: no chromium installed (apt-get install chromium)");
        }
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("laporan.html");
    let out = Command::new(env!("CARGO_BIN_EXE_bimtek"))
        .args(["check", "--format", "html", "--as-of", AS_OF, "-o"])
        .arg(&page)
        .arg("sample-data")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let url = format!("file://{}", page.display());

    let profile = dir.path().join("profile");
    let dom = headless(&browser, &profile)
        .arg("--dump-dom")
        .arg(&url)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&dom.stderr);
    // Chromium logs console messages to stderr as `...:CONSOLE(line)] "text"`.
    let errors: Vec<&str> = stderr
        .lines()
        .filter(|l| l.contains("Uncaught") || (l.contains("CONSOLE") && l.contains("Error")))
        .collect();
    assert!(errors.is_empty(), "console errors:\n{}", errors.join("\n"));
    let dom = String::from_utf8_lossy(&dom.stdout);
    assert!(
        dom.contains("id=\"findings\""),
        "page did not render:\n{dom}"
    );
    // The filter script ran: it rewrote the shown-count from the rows.
    let html = std::fs::read_to_string(&page).unwrap();
    let rows = html.matches("<tr data-sev=").count();
    assert!(
        dom.contains(&format!("<span id=\"count\">{rows}</span>")),
        "script did not run"
    );

    let shot = dir.path().join("laporan.png");
    let status = headless(&browser, &dir.path().join("profile2"))
        .arg(format!("--screenshot={}", shot.display()))
        .arg("--window-size=1280,1600")
        .arg(&url)
        .output()
        .unwrap();
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    let png = std::fs::read(&shot).unwrap();
    assert!(
        png.len() > 10_000 && png.starts_with(b"\x89PNG"),
        "screenshot of {} bytes",
        png.len()
    );
}

/// Measures the page as laid out, and writes what it found into the DOM
/// as JSON, for `--dump-dom` to carry out: the viewport and document
/// widths, every element that reaches past the viewport's right edge, the
/// smallest font of any visible text, the cards' figures, and the words
/// of the cards and of the per-agency table.
const PROBE: &str = r##"<script>(function(){
var d=document.documentElement,W=window.innerWidth;
function fs(e){return parseFloat(getComputedStyle(e).fontSize);}
var min=1e9,minAt='';
document.querySelectorAll('body *').forEach(function(e){
 if(e.closest('script,style,noscript,select'))return;
 var own=false;e.childNodes.forEach(function(n){if(n.nodeType===3&&n.textContent.trim())own=true;});
 if(own&&e.getClientRects().length){var f=fs(e);if(f<min){min=f;minAt=e.tagName+'.'+e.className;}}
});
var big=1e9;document.querySelectorAll('.big').forEach(function(e){big=Math.min(big,fs(e));});
var over=[];document.querySelectorAll('body *').forEach(function(e){var r=e.getBoundingClientRect();
 if(r.width&&r.right>W+0.5)over.push(e.tagName+'.'+e.className+' '+Math.round(r.right));});
function text(sel){return Array.prototype.map.call(document.querySelectorAll(sel),
 function(e){return e.innerText.replace(/\s+/g,' ').trim();});}
var out={inner:W,scroll:d.scrollWidth,body:fs(document.body),min:min,minAt:minAt,big:big,
 over:over.slice(0,8),cards:text('#summary .card'),heads:text('#agencies thead th'),
 total:text('#agencies tfoot td'),groups:document.querySelectorAll('#findings tr.group').length,
 links:document.querySelectorAll('#agencies a[href^="#opd-"]').length,
 title:document.title,scripts:document.scripts.length};
var p=document.createElement('pre');p.id='probe';p.textContent=JSON.stringify(out);
document.body.appendChild(p);})();</script>"##;

/// The sample data, and an agency whose names do not break: a folder,
/// an agency, an innovation and a value each hundreds of characters
/// without a space, and markup in the names.
fn long_names_data(root: &Path) -> PathBuf {
    let data = root.join("data");
    copy_dir(&manifest("sample-data"), &data);
    let csv = std::fs::read_to_string(manifest("tests/fixtures/codes/R001/r001.csv")).unwrap();
    let agency = format!(
        "Dinas{}</style><script>document.title='pwned'</script>",
        "Y".repeat(220)
    );
    let innovation = format!("Inovasi{}<b>tebal</b>", "X".repeat(300));
    let stage = format!("Penerapan{}", "Z".repeat(300));
    let csv = csv
        .replace("Dinas Uji", &agency)
        .replacen("BAD R001", &innovation, 1)
        .replacen(",Penerapan,", &format!(",{stage},"), 1);
    let folder = data.join(format!("Dinas{}", "W".repeat(150)));
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(folder.join(format!("inovasi{}.csv", "V".repeat(80))), csv).unwrap();
    data
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

/// The probe's findings on `page` in a window of `width` x `height`.
fn probe(
    browser: &Path,
    profile: &Path,
    page: &Path,
    width: u32,
    height: u32,
) -> serde_json::Value {
    let html = std::fs::read_to_string(page).unwrap();
    let probed = page.with_extension(format!("{width}.html"));
    std::fs::write(
        &probed,
        html.replacen("</body>", &format!("{PROBE}</body>"), 1),
    )
    .unwrap();
    let dom = headless(browser, profile)
        .arg(format!("--window-size={width},{height}"))
        .arg("--dump-dom")
        .arg(format!("file://{}", probed.display()))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&dom.stderr);
    let errors: Vec<&str> = stderr
        .lines()
        .filter(|l| l.contains("Uncaught") || (l.contains("CONSOLE") && l.contains("Error")))
        .collect();
    assert!(errors.is_empty(), "console errors:\n{}", errors.join("\n"));
    let dom = String::from_utf8_lossy(&dom.stdout);
    let json = dom
        .split("<pre id=\"probe\">")
        .nth(1)
        .and_then(|rest| rest.split("</pre>").next())
        .unwrap_or_else(|| panic!("probe did not run:\n{dom}"))
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
    serde_json::from_str(&json).unwrap()
}

fn report(data: &Path, page: &Path, extra: &[&str]) {
    let out = Command::new(env!("CARGO_BIN_EXE_bimtek"))
        .args(["check", "--format", "html", "--as-of", AS_OF])
        .args(extra)
        .arg("-o")
        .arg(page)
        .arg(data)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Issue 30: on a projector at 1366x768 and 1920x1080 the page is read
/// from the back of the room (body text from 20 px, figures from 28 px)
/// and nothing scrolls sideways, long unbreakable names included; the
/// ordinary page does not fall to 14 px nor overflow either. The cards
/// count findings and the per-agency table innovations, and each says so.
#[test]
fn issue_30_html_report_fits_a_projector_at_both_sizes() {
    let Some(browser) = chromium() else {
        assert!(
            std::env::var_os("BIMTEK_REQUIRE_BROWSER").is_none(),
            "BIMTEK_REQUIRE_BROWSER is set but no Chromium is installed"
        );
        #[allow(clippy::print_stderr)]
        {
            eprintln!("browser test skipped: no chromium installed (apt-get install chromium)");
        }
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let data = long_names_data(dir.path());
    let json = Command::new(env!("CARGO_BIN_EXE_bimtek"))
        .args(["check", "--format", "json", "--as-of", AS_OF])
        .arg(&data)
        .output()
        .unwrap();
    let doc: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let innovations_with_errors = doc["innovations"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["status"] == "error")
        .count();
    let error_findings = doc["summary"]["errors"].as_u64().unwrap();
    assert_ne!(innovations_with_errors as u64, error_findings);
    let agencies = doc["innovations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["agency"].as_str().unwrap())
        .collect::<std::collections::BTreeSet<_>>()
        .len();

    let ordinary = dir.path().join("biasa.html");
    let projector = dir.path().join("proyektor.html");
    let english = dir.path().join("projector-en.html");
    report(&data, &ordinary, &[]);
    report(&data, &projector, &["--projector"]);
    report(&data, &english, &["--projector", "--lang", "en"]);
    // A report written once does not reload itself.
    for page in [&ordinary, &projector, &english] {
        let html = std::fs::read_to_string(page).unwrap();
        assert!(
            !html.contains("http-equiv=\"refresh\"") && !html.contains("location.reload"),
            "{}",
            page.display()
        );
    }

    let cases = [
        (&ordinary, "ordinary", 16.0, 16.0),
        (&projector, "projector", 20.0, 28.0),
        (&english, "projector en", 20.0, 28.0),
    ];
    for (k, (page, what, text_px, figure_px)) in cases.into_iter().enumerate() {
        for (width, height) in [(1366, 768), (1920, 1080)] {
            let profile = dir.path().join(format!("profile-{k}-{width}"));
            let p = probe(&browser, &profile, page, width, height);
            let at = format!("{what} at {width}x{height}: {p}");
            assert_eq!(p["inner"], width, "{at}");
            assert!(
                p["scroll"].as_u64().unwrap() <= width as u64,
                "scrolls sideways, {at}"
            );
            assert_eq!(p["over"], serde_json::json!([]), "overflows, {at}");
            assert!(p["body"].as_f64().unwrap() >= text_px, "body text, {at}");
            assert!(p["min"].as_f64().unwrap() >= text_px, "smallest text, {at}");
            assert!(p["big"].as_f64().unwrap() >= figure_px, "figures, {at}");
            // Markup in a name stays text: no script of its own ran.
            assert_eq!(p["scripts"], 2, "{at}");
            assert!(!p["title"].as_str().unwrap().contains("pwned"), "{at}");
            // Every agency can be jumped to from the table at the top.
            assert_eq!(p["links"], agencies, "{at}");
            assert!(p["groups"].as_u64().unwrap() >= agencies as u64, "{at}");
            let (cards, heads) = if what.ends_with("en") {
                (
                    format!("{error_findings} error findings"),
                    "Innovations with errors",
                )
            } else {
                (format!("{error_findings} temuan galat"), "Inovasi bergalat")
            };
            let has = |key: &str, s: &str| {
                p[key]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|x| x.as_str() == Some(s))
            };
            assert!(has("cards", &cards), "card {cards:?}, {at}");
            assert!(has("heads", heads), "header {heads:?}, {at}");
            // The table's total counts innovations, not findings.
            assert_eq!(p["total"][4], innovations_with_errors.to_string(), "{at}");
        }
    }

    // What the room sees, at both sizes.
    for (width, height) in [(1366, 768), (1920, 1080)] {
        let shot = dir.path().join(format!("proyektor-{width}.png"));
        let status = headless(&browser, &dir.path().join(format!("profile-shot-{width}")))
            .arg(format!("--screenshot={}", shot.display()))
            .arg(format!("--window-size={width},{height}"))
            .arg(format!("file://{}", projector.display()))
            .output()
            .unwrap();
        assert!(
            status.status.success(),
            "{}",
            String::from_utf8_lossy(&status.stderr)
        );
        let png = std::fs::read(&shot).unwrap();
        assert!(
            png.len() > 10_000 && png.starts_with(b"\x89PNG"),
            "screenshot of {} bytes",
            png.len()
        );
    }
}

/// The page at `path` once it exists and `ready` holds, polled (a bound,
/// not a timing: a slow machine only waits longer).
fn page_when(path: &Path, ready: impl Fn(&str) -> bool) -> String {
    let start = std::time::Instant::now();
    loop {
        if let Ok(html) = std::fs::read_to_string(path)
            && ready(&html)
        {
            return html;
        }
        assert!(
            start.elapsed() < std::time::Duration::from_secs(30),
            "no page at {} within 30 s",
            path.display()
        );
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
}

/// Issue 30: the page `check --watch -o laporan.html` keeps rewriting
/// reloads itself, so a browser on the projector follows along; it is a
/// projector page. (A page written once does not reload: see
/// `issue_30_html_report_fits_a_projector_at_both_sizes`.)
#[test]
fn issue_30_watch_written_page_reloads_itself() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir(&data).unwrap();
    let src = manifest("tests/fixtures/codes/R001/r001.csv");
    let original = std::fs::read_to_string(src).unwrap();
    let file = data.join("inovasi.csv");
    std::fs::write(&file, &original).unwrap();
    let page = dir.path().join("laporan.html");
    let _child = Kill(
        Command::new(env!("CARGO_BIN_EXE_bimtek"))
            .args([
                "check", "--watch", "--format", "html", "--as-of", AS_OF, "-o",
            ])
            .arg(&page)
            .arg(&data)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap(),
    );
    let reloads = |html: &str| {
        html.contains("<noscript><meta http-equiv=\"refresh\" content=\"5\"></noscript>")
            && html.contains("<script id=\"reload\">")
            && html.contains("location.reload()")
    };
    let first = page_when(&page, |html| html.contains("</html>"));
    assert!(reloads(&first), "{first}");
    assert!(first.contains("R001"), "{first}");
    // A projector page by default.
    assert!(first.contains("clamp(20px"), "{first}");

    // The BAD row goes: the page is rewritten, and still reloads.
    std::thread::sleep(std::time::Duration::from_millis(500));
    let fixed: String = original
        .lines()
        .filter(|l| !l.starts_with("BAD"))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(&file, fixed).unwrap();
    // (The removed innovation, "BAD R001", is named in what changed.)
    let second = page_when(&page, |html| {
        html.contains("</html>")
            && html
                .find("id=\"findings\"")
                .is_some_and(|k| !html[k..].contains("R001"))
    });
    assert!(reloads(&second), "{second}");
    assert!(second.contains("<section id=\"since\">"), "{second}");

    // In a browser the reload script runs without error, and the page is
    // still read from the back of the room.
    let Some(browser) = chromium() else {
        return;
    };
    let p = probe(&browser, &dir.path().join("profile"), &page, 1366, 768);
    assert!(p["body"].as_f64().unwrap() >= 20.0, "{p}");
    assert_eq!(p["over"], serde_json::json!([]), "{p}");
    assert_eq!(p["scripts"], 3, "{p}");
}

/// `--projector` shapes the HTML report only: elsewhere it is refused,
/// with exit code 2, before any work.
#[test]
fn projector_applies_only_to_the_html_report() {
    let dir = tempfile::tempdir().unwrap();
    let package = dir.path().join("paket");
    let package = package.to_str().unwrap();
    for args in [
        &["check", "--projector", "sample-data"][..],
        &["check", "--format", "json", "--projector", "sample-data"],
        &["show", "--projector", "SIPANDU", "sample-data"],
        &["export", "--projector", "--out", package, "sample-data"],
    ] {
        let r = Command::new(env!("CARGO_BIN_EXE_bimtek"))
            .args(args)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .output()
            .unwrap();
        assert_eq!(r.status.code(), Some(2), "{args:?}");
        assert!(r.stdout.is_empty(), "{args:?}");
        let err = String::from_utf8_lossy(&r.stderr);
        assert!(
            err.starts_with("bimtek: --projector: hanya berlaku untuk check --format html"),
            "{args:?}: {err}"
        );
    }
    assert!(!Path::new(package).exists());
}

/// Issue 31: with the history, the page has a chart per agency and what
/// changed since the previous run; it still loads without console errors
/// and does not scroll sideways, ordinary or projected.
#[test]
fn issue_31_campaign_charts_fit_the_page() {
    let Some(browser) = chromium() else {
        assert!(
            std::env::var_os("BIMTEK_REQUIRE_BROWSER").is_none(),
            "BIMTEK_REQUIRE_BROWSER is set but no Chromium is installed"
        );
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let data = long_names_data(dir.path());
    let db = dir.path().join("riwayat.sqlite");
    let first = dir.path().join("pertama.html");
    report(&data, &first, &["--history", db.to_str().unwrap()]);
    // The second run: one agency file fewer, so something changed.
    let gone = walk(&data)
        .into_iter()
        .find(|p| p.extension().is_some_and(|e| e == "csv") && !p.to_string_lossy().contains("WWW"))
        .unwrap();
    std::fs::remove_file(&gone).unwrap();
    for (k, extra) in [&[][..], &["--projector"][..]].into_iter().enumerate() {
        let page = dir.path().join(format!("kampanye-{k}.html"));
        report(
            &data,
            &page,
            &[&["--history", db.to_str().unwrap()], extra].concat(),
        );
        let html = std::fs::read_to_string(&page).unwrap();
        assert!(html.contains("<svg class=\"campaign\""), "{html}");
        assert!(html.contains("<section id=\"since\">"), "{html}");
        for (width, height) in [(1366, 768), (1920, 1080)] {
            let profile = dir.path().join(format!("profile-campaign-{k}-{width}"));
            let p = probe(&browser, &profile, &page, width, height);
            let at = format!("{} at {width}x{height}: {p}", page.display());
            assert_eq!(p["inner"], width, "{at}");
            assert!(
                p["scroll"].as_u64().unwrap() <= width as u64,
                "scrolls sideways, {at}"
            );
            assert_eq!(p["over"], serde_json::json!([]), "overflows, {at}");
        }
    }
}
