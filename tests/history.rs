//! `check --history` and `bimtek history`: a campaign recorded run by run
//! in a local SQLite database, safe against two writers, a killed run, and
//! files that are not ours.

mod common;

use common::{AS_OF, bimtek_in, fixture_row, text};
use std::path::Path;
use std::process::{Command, Output};

/// Write `dir/AGENCY/inovasi.csv` with one row per (name, broken): a broken
/// innovation has a trial date that is no date (an error).
fn agency_file(dir: &Path, agency: &str, innovations: &[(&str, bool)]) {
    let (header, row) = fixture_row("tests/fixtures/codes/F013/ok.csv");
    let col = |h: &str| header.iter().position(|x| x == h).unwrap();
    let folder = dir.join(agency);
    std::fs::create_dir_all(&folder).unwrap();
    let mut w = csv::Writer::from_path(folder.join("inovasi.csv")).unwrap();
    w.write_record(&header).unwrap();
    for (name, broken) in innovations {
        let mut r = row.clone();
        r[col("Nama Inovasi")] = name.to_string();
        r[col("Nama Perangkat Daerah")] = agency.to_string();
        if *broken {
            r[col("Waktu Uji Coba Inovasi Daerah")] = "segera".into();
        }
        w.write_record(&r).unwrap();
    }
    w.flush().unwrap();
}

/// Check `data` recording into `db`, at the recorded time `now`.
fn record(dir: &Path, db: &str, now: &str) -> Output {
    let out = bimtek_in(
        dir,
        &["check", "data", "--as-of", AS_OF, "--history", db, "-q"],
        &[("BIMTEK_TEST_NOW", now)],
    );
    assert!(
        out.status.code().is_some_and(|c| c < 2),
        "{}",
        text(&out.stderr)
    );
    out
}

fn runs_in(dir: &Path, db: &str) -> usize {
    let out = bimtek_in(dir, &["history", "--history", db, "--format", "json"], &[]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    doc["runs"].as_array().unwrap().len()
}

#[test]
fn a_campaign_of_three_runs_shows_who_added_fixed_and_broke() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let data = d.join("data");
    // Run 1: A has one clean innovation, B one broken.
    agency_file(&data, "Dinas A", &[("Layanan A1", false)]);
    agency_file(&data, "Dinas B", &[("Layanan B1", true)]);
    record(d, "riwayat.sqlite", "2026-11-02T01:00:00Z");
    // Run 2: A adds one, B fixes its error, C sends a broken one.
    agency_file(
        &data,
        "Dinas A",
        &[("Layanan A1", false), ("Layanan A2", false)],
    );
    agency_file(&data, "Dinas B", &[("Layanan B1", false)]);
    agency_file(&data, "Dinas C", &[("Layanan C1", true)]);
    record(d, "riwayat.sqlite", "2026-11-09T01:00:00Z");
    // Run 3: B breaks again; A and C change nothing.
    agency_file(&data, "Dinas B", &[("Layanan B1", true)]);
    record(d, "riwayat.sqlite", "2026-11-16T01:00:00Z");

    let out = bimtek_in(
        d,
        &["history", "--history", "riwayat.sqlite", "--width", "100"],
        &[],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let table = text(&out.stdout);
    let expected = "\
bimtek VERSION - riwayat pemeriksaan - 3 pemeriksaan tercatat
awal / lalu / kini: 2026-11-02 01:00 / 2026-11-09 01:00 / 2026-11-16 01:00 (UTC)

┌──────────────────┬───────────┬───────────┬─────────────────┬──────────────────┐
│ Perangkat Daerah ┆ Inovasi   ┆ Galat     ┆ Skor verif.     ┆ Terakhir berubah │
╞══════════════════╪═══════════╪═══════════╪═════════════════╪══════════════════╡
│ Dinas A          ┆ 1 / 2 / 2 ┆ 0 / 0 / 0 ┆ 0.0 / 0.0 / 0.0 ┆ 2026-11-09 01:00 │
│ Dinas B          ┆ 1 / 1 / 1 ┆ 1 / 0 / 1 ┆ 0.0 / 0.0 / 0.0 ┆ 2026-11-16 01:00 │
│ Dinas C          ┆ 0 / 1 / 1 ┆ 0 / 1 / 1 ┆   - / 0.0 / 0.0 ┆ 2026-11-09 01:00 │
└──────────────────┴───────────┴───────────┴─────────────────┴──────────────────┘
";
    // Borders as this platform draws them.
    let expected = expected.replace("VERSION", env!("CARGO_PKG_VERSION"));
    if cfg!(unix) {
        assert_eq!(table, expected, "{table}");
    }

    let out = bimtek_in(
        d,
        &["history", "--history", "riwayat.sqlite", "--format", "json"],
        &[],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let expected = serde_json::json!({
        "runs": [
            {"time": "2026-11-02T01:00:00Z", "as_of": AS_OF, "innovations": 2, "errors": 1, "warnings": 1},
            {"time": "2026-11-09T01:00:00Z", "as_of": AS_OF, "innovations": 4, "errors": 1, "warnings": 1},
            {"time": "2026-11-16T01:00:00Z", "as_of": AS_OF, "innovations": 4, "errors": 2, "warnings": 1},
        ],
        "agencies": [
            {"agency": "Dinas A", "runs": [
                {"innovations": 1, "errors": 0, "verified": 0.0},
                {"innovations": 2, "errors": 0, "verified": 0.0},
                {"innovations": 2, "errors": 0, "verified": 0.0},
            ], "last_change": "2026-11-09T01:00:00Z"},
            {"agency": "Dinas B", "runs": [
                {"innovations": 1, "errors": 1, "verified": 0.0},
                {"innovations": 1, "errors": 0, "verified": 0.0},
                {"innovations": 1, "errors": 1, "verified": 0.0},
            ], "last_change": "2026-11-16T01:00:00Z"},
            {"agency": "Dinas C", "runs": [
                {"innovations": 0, "errors": 0, "verified": null},
                {"innovations": 1, "errors": 1, "verified": 0.0},
                {"innovations": 1, "errors": 1, "verified": 0.0},
            ], "last_change": "2026-11-09T01:00:00Z"},
        ],
    });
    assert_eq!(
        doc,
        expected,
        "{}",
        serde_json::to_string_pretty(&doc).unwrap()
    );

    // The last run, read back whole for comparing with the next one.
    let db = bimtek::history::History::open_existing(&d.join("riwayat.sqlite")).unwrap();
    let key = bimtek::history::inputs_key(std::slice::from_ref(&data));
    let last = bimtek::history::previous_run(&db, &key).unwrap().unwrap();
    assert_eq!(last.info.time, "2026-11-16T01:00:00Z");
    assert_eq!(last.info.inputs, ["data"]);
    assert_eq!(last.info.template, "iid-2026");
    let names: Vec<(&str, &str, &str, u32)> = last
        .innovations
        .iter()
        .map(|i| {
            (
                i.agency.as_str(),
                i.name_key.as_str(),
                i.name.as_str(),
                i.errors,
            )
        })
        .collect();
    assert_eq!(
        names,
        [
            ("Dinas A", "layanana1", "Layanan A1", 0),
            ("Dinas A", "layanana2", "Layanan A2", 0),
            ("Dinas B", "layananb1", "Layanan B1", 1),
            ("Dinas C", "layananc1", "Layanan C1", 1),
        ]
    );
    let errors: Vec<(String, String, Option<String>, Option<String>)> = last
        .findings
        .iter()
        .filter(|f| f.severity == bimtek::diag::Severity::Error)
        .map(|f| {
            let inn = &last.innovations[f.innovation.unwrap()];
            (f.code.clone(), inn.name.clone(), f.field.clone(), f.cell())
        })
        .collect();
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert_eq!(errors[0].1, "Layanan B1");
    assert_eq!(errors[1].1, "Layanan C1");
    assert_eq!(errors[0].2.as_deref(), Some("waktu_uji_coba"));
    assert_eq!(errors[0].3.as_deref(), Some("J2"));
    // Nothing for other inputs.
    let other = bimtek::history::inputs_key(&[d.join("elsewhere")]);
    assert_eq!(bimtek::history::previous_run(&db, &other).unwrap(), None);
    drop(db);

    // --from leaves the first run out.
    let out = bimtek_in(
        d,
        &[
            "history",
            "--history",
            "riwayat.sqlite",
            "--format",
            "csv",
            "--from",
            "2026-11-09",
        ],
        &[],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let csv = text(&out.stdout);
    assert_eq!(
        csv,
        "time,as_of,agency,innovations,errors,warnings,verified\n\
         2026-11-09T01:00:00Z,2026-11-24,Dinas A,2,0,1,0\n\
         2026-11-09T01:00:00Z,2026-11-24,Dinas B,1,0,0,0\n\
         2026-11-09T01:00:00Z,2026-11-24,Dinas C,1,1,0,0\n\
         2026-11-16T01:00:00Z,2026-11-24,Dinas A,2,0,1,0\n\
         2026-11-16T01:00:00Z,2026-11-24,Dinas B,1,1,0,0\n\
         2026-11-16T01:00:00Z,2026-11-24,Dinas C,1,1,0,0\n"
    );

    // The page draws one chart per agency, with nothing fetched.
    let out = bimtek_in(
        d,
        &[
            "history",
            "--history",
            "riwayat.sqlite",
            "--format",
            "html",
            "--lang",
            "en",
        ],
        &[],
    );
    let page = text(&out.stdout);
    assert_eq!(page.matches("<svg").count(), 3, "{page}");
    assert!(!page.contains("src=") && !page.contains("href="), "{page}");
    assert!(page.contains("Last changed"), "{page}");
}

#[test]
fn recording_leaves_the_report_as_it_was() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    agency_file(&d.join("data"), "Dinas A", &[("Layanan A1", true)]);
    let plain = bimtek_in(
        d,
        &["check", "data", "--as-of", AS_OF, "--format", "json"],
        &[],
    );
    let recorded = bimtek_in(
        d,
        &["check", "data", "--as-of", AS_OF, "--format", "json"],
        &[("BIMTEK_HISTORY", "h.sqlite")],
    );
    assert_eq!(plain.status.code(), recorded.status.code());
    assert_eq!(text(&plain.stdout), text(&recorded.stdout));
    // The page too: a campaign of one run draws nothing.
    let args = ["check", "data", "--as-of", AS_OF, "--format", "html"];
    let plain = bimtek_in(d, &args, &[]);
    let recorded = bimtek_in(d, &args, &[("BIMTEK_HISTORY", "first.sqlite")]);
    assert_eq!(text(&plain.stdout), text(&recorded.stdout));
    // The environment variable alone records the run.
    assert_eq!(runs_in(d, "h.sqlite"), 1);
}

#[test]
fn two_processes_record_at_once() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let data = d.join("data");
    for k in 0..20 {
        agency_file(&data, &format!("Dinas {k}"), &[("Layanan", k % 2 == 0)]);
    }
    let spawn = || {
        Command::new(env!("CARGO_BIN_EXE_bimtek"))
            .args([
                "check",
                "data",
                "--as-of",
                AS_OF,
                "--history",
                "same.db",
                "-q",
            ])
            .current_dir(d)
            .env_remove("BIMTEK_HISTORY")
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap()
    };
    // Both start on a database that does not exist yet: both create it.
    let (a, b) = (spawn(), spawn());
    for child in [a, b] {
        let out = child.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    }
    assert_eq!(runs_in(d, "same.db"), 2);
}

/// Test hook of debug builds only: the run is aborted half way through
/// recording.
#[cfg(debug_assertions)]
#[test]
fn a_run_killed_while_recording_leaves_no_half_run() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    agency_file(
        &d.join("data"),
        "Dinas A",
        &[("Layanan A1", true), ("Layanan A2", false)],
    );
    record(d, "h.db", "2026-11-02T01:00:00Z");
    let killed = bimtek_in(
        d,
        &["check", "data", "--as-of", AS_OF, "--history", "h.db", "-q"],
        &[("BIMTEK_TEST_HISTORY_ABORT", "1")],
    );
    assert_eq!(killed.status.code(), None, "aborted by a signal");
    assert_eq!(runs_in(d, "h.db"), 1);
    record(d, "h.db", "2026-11-03T01:00:00Z");
    let out = bimtek_in(
        d,
        &["history", "--history", "h.db", "--format", "json"],
        &[],
    );
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["runs"].as_array().unwrap().len(), 2);
    assert_eq!(doc["runs"][1]["innovations"], 2);
    assert_eq!(doc["agencies"][0]["runs"][1]["innovations"], 2);
}

/// Run check and history on `name` holding `bytes`: both refused with exit
/// 2 and a message containing `says`, the file left byte for byte.
fn refused(name: &str, bytes: &[u8], says: &str) {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    agency_file(&d.join("data"), "Dinas A", &[("Layanan A1", false)]);
    std::fs::write(d.join(name), bytes).unwrap();
    for args in [
        &[
            "check",
            "data",
            "--as-of",
            AS_OF,
            "--history",
            name,
            "--lang",
            "en",
        ][..],
        &["history", "--history", name, "--lang", "en"][..],
    ] {
        let out = bimtek_in(d, args, &[]);
        assert_eq!(
            out.status.code(),
            Some(2),
            "{args:?}: {}",
            text(&out.stderr)
        );
        let err = text(&out.stderr);
        assert!(err.contains(says), "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{err}");
        assert!(out.stdout.is_empty(), "no report for a refused history");
        assert_eq!(std::fs::read(d.join(name)).unwrap(), bytes, "{args:?}");
    }
}

#[test]
fn a_file_that_is_no_database_is_refused_and_left_as_it_was() {
    refused(
        "notes.db",
        "Catatan rapat, bukan basis data.\n".repeat(200).as_bytes(),
        "not a bimtek history database",
    );
    // A database header over garbage: corrupt.
    let mut bytes = b"SQLite format 3\0".to_vec();
    bytes.extend(std::iter::repeat_n(0xA5u8, 8192));
    refused("broken.db", &bytes, "--history broken.db");
}

#[test]
fn another_programs_and_a_newer_bimteks_databases_are_refused() {
    // Another program's database.
    let tmp = tempfile::tempdir().unwrap();
    let other = tmp.path().join("other.db");
    {
        let c = rusqlite::Connection::open(&other).unwrap();
        c.execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
            .unwrap();
    }
    refused(
        "other.db",
        &std::fs::read(&other).unwrap(),
        "not a bimtek history database",
    );
    // Ours, from a bimtek with a later schema.
    let d = tmp.path();
    agency_file(&d.join("data"), "Dinas A", &[("Layanan A1", false)]);
    record(d, "h.db", "2026-11-02T01:00:00Z");
    {
        let c = rusqlite::Connection::open(d.join("h.db")).unwrap();
        c.execute_batch("PRAGMA journal_mode=DELETE; PRAGMA user_version = 99;")
            .unwrap();
    }
    refused(
        "h.db",
        &std::fs::read(d.join("h.db")).unwrap(),
        "written by a newer bimtek (schema 99",
    );
}

/// The history is an output like the others: inside an input folder, or an
/// input itself, it is refused before any work and nothing is written; a
/// history copied into the data folder is never read as data.
#[test]
fn a_history_inside_an_input_folder_or_an_input_is_refused_and_never_read_as_data() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    agency_file(&d.join("data"), "Dinas A", &[("Layanan A1", false)]);
    let input = d.join("data").join("Dinas A").join("inovasi.csv");
    let before_input = std::fs::read(&input).unwrap();
    for db in ["data/h.db", input.to_str().unwrap()] {
        let out = bimtek_in(
            d,
            &[
                "check",
                "data",
                "--as-of",
                AS_OF,
                "--history",
                db,
                "--lang",
                "en",
            ],
            &[],
        );
        assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
        assert!(out.stdout.is_empty(), "no report for a refused history");
        if db == "data/h.db" {
            assert!(
                text(&out.stderr).contains("inside the input folder"),
                "{}",
                text(&out.stderr)
            );
        }
    }
    assert!(
        !d.join("data/h.db").exists(),
        "no database made inside the input folder"
    );
    let out = bimtek_in(
        d,
        &[
            "check",
            "data/Dinas A/inovasi.csv",
            "--history",
            "data/Dinas A/inovasi.csv",
        ],
        &[],
    );
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        std::fs::read(&input).unwrap(),
        before_input,
        "the input untouched"
    );
    // A history copied into the data folder is no data.
    let before = bimtek_in(
        d,
        &["check", "data", "--as-of", AS_OF, "--format", "json"],
        &[],
    );
    record(d, "h.db", "2026-11-02T01:00:00Z");
    std::fs::copy(d.join("h.db"), d.join("data/Dinas A/riwayat.sqlite")).unwrap();
    std::fs::copy(d.join("h.db"), d.join("data/riwayat.db")).unwrap();
    let after = bimtek_in(
        d,
        &["check", "data", "--as-of", AS_OF, "--format", "json"],
        &[],
    );
    assert_eq!(text(&before.stdout), text(&after.stdout));
}

#[test]
fn history_is_refused_where_it_does_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    agency_file(&d.join("data"), "Dinas A", &[("Layanan A1", false)]);
    for args in [
        &["show", "A1", "data", "--history", "h.db"][..],
        &["export", "data", "--out", "paket", "--history", "h.db"][..],
        &["check", "data", "--watch", "--history", "h.db"][..],
        &["history"][..],
    ] {
        let out = bimtek_in(d, args, &[]);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(
            text(&out.stderr).contains("history"),
            "{}",
            text(&out.stderr)
        );
    }
    assert!(!d.join("h.db").exists());
}

#[test]
fn check_history_says_what_changed_since_the_previous_run_above_the_table() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let data = d.join("data");
    agency_file(
        &data,
        "Dinas A",
        &[("Layanan A1", false), ("Layanan A3", false)],
    );
    agency_file(&data, "Dinas B", &[("Layanan B1", true)]);
    let table = |now: &str| {
        let out = bimtek_in(
            d,
            &[
                "check",
                "data",
                "--as-of",
                AS_OF,
                "--history",
                "h.db",
                "--width",
                "100",
            ],
            &[("BIMTEK_TEST_NOW", now)],
        );
        assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
        text(&out.stdout)
    };
    let first = table("2026-11-02T01:00:00Z");
    assert!(
        first.starts_with("bimtek "),
        "nothing before the first run: {first}"
    );
    // A adds A2 and drops A3, B fixes its error, C sends a broken one.
    agency_file(
        &data,
        "Dinas A",
        &[("Layanan A1", false), ("Layanan A2", false)],
    );
    agency_file(&data, "Dinas B", &[("Layanan B1", false)]);
    agency_file(&data, "Dinas C", &[("Layanan C1", true)]);
    let second = table("2026-11-09T01:00:00Z");
    // The comparison of `check --since` (src/since.rs), from the recorded run.
    let expected = "\
Sejak pemeriksaan sebelumnya (2026-11-02 01:00, tanggal acuan 2026-11-24): 1 temuan beres, 1 temuan
baru; 2 inovasi bertambah, 1 berkurang.
  Dinas A: inovasi 2 → 2 (+1 -1)
  Dinas B: galat 1 → 0, 1 temuan beres
  Dinas C: inovasi 0 → 1 (+1 -0), galat 0 → 1, 1 temuan baru
  Inovasi bertambah:
    + Layanan A2 (Dinas A)
    + Layanan C1 (Dinas C)
  Inovasi berkurang:
    - Layanan A3 (Dinas A)
";
    assert!(second.contains(expected), "{second}");
    assert!(!first.contains("Sejak pemeriksaan"), "{first}");
    // JSON carries the same comparison as its `since` object, from the
    // second recorded run on.
    let json = |now: &str| {
        let out = bimtek_in(
            d,
            &["check", "data", "--as-of", AS_OF, "--format", "json"],
            &[("BIMTEK_HISTORY", "h.db"), ("BIMTEK_TEST_NOW", now)],
        );
        serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap()
    };
    agency_file(&data, "Dinas C", &[("Layanan C1", false)]);
    let third = json("2026-11-16T01:00:00Z");
    let since = &third["since"];
    assert_eq!(since["previous"]["time"], "2026-11-09T01:00:00Z", "{since}");
    assert_eq!(since["findings_fixed"], 1, "{since}");
    assert_eq!(since["findings_new"], 0, "{since}");
    assert_eq!(since["innovations_added"], serde_json::json!([]), "{since}");
    assert_eq!(
        since["agencies"],
        serde_json::json!([
            {"agency": "Dinas A", "errors_before": 0, "errors_now": 0,
             "innovations_before": 2, "innovations_now": 2},
            {"agency": "Dinas B", "errors_before": 0, "errors_now": 0,
             "innovations_before": 1, "innovations_now": 1},
            {"agency": "Dinas C", "errors_before": 1, "errors_now": 0,
             "innovations_before": 1, "innovations_now": 1}
        ]),
        "{since}"
    );
    // Without a history there is no comparison.
    let plain = bimtek_in(
        d,
        &["check", "data", "--as-of", AS_OF, "--format", "json"],
        &[],
    );
    let plain: serde_json::Value = serde_json::from_slice(&plain.stdout).unwrap();
    assert!(plain.get("since").is_none());
}

/// The check's page, recorded into the history, draws each agency's
/// campaign in the agency table (the run just recorded last) and says
/// what changed since the previous run above it; `--since` with a saved
/// report says the same on the page.
#[test]
fn the_check_page_draws_the_campaign_and_what_changed() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let data = d.join("data");
    agency_file(&data, "Dinas A", &[("Layanan A1", false)]);
    agency_file(&data, "Dinas B", &[("Layanan B1", true)]);
    record(d, "riwayat.sqlite", "2026-11-02T01:00:00Z");
    // Another folder recorded in the same file: not part of this campaign.
    agency_file(&d.join("lain"), "Dinas Lain", &[("Layanan L1", true)]);
    let out = bimtek_in(
        d,
        &[
            "check",
            "lain",
            "--as-of",
            AS_OF,
            "--history",
            "riwayat.sqlite",
            "-q",
        ],
        &[("BIMTEK_TEST_NOW", "2026-11-03T01:00:00Z")],
    );
    assert!(
        out.status.code().is_some_and(|c| c < 2),
        "{}",
        text(&out.stderr)
    );
    // B fixes its error, C sends a broken innovation.
    agency_file(&data, "Dinas B", &[("Layanan B1", false)]);
    agency_file(&data, "Dinas C", &[("Layanan C1", true)]);
    let saved = bimtek_in(
        d,
        &["check", "data", "--as-of", AS_OF, "--format", "json"],
        &[],
    );
    std::fs::write(d.join("sesi.json"), &saved.stdout).unwrap();
    let out = bimtek_in(
        d,
        &[
            "check",
            "data",
            "--as-of",
            AS_OF,
            "--history",
            "riwayat.sqlite",
            "--format",
            "html",
            "--lang",
            "en",
        ],
        &[("BIMTEK_TEST_NOW", "2026-11-09T01:00:00Z")],
    );
    assert!(
        out.status.code().is_some_and(|c| c < 2),
        "{}",
        text(&out.stderr)
    );
    let page = text(&out.stdout);
    // One chart per agency of this folder, inside the agency table, before
    // the findings; each chart's last point is this run.
    let table = &page[page.find("id=\"agencies\"").unwrap()..page.find("id=\"findings\"").unwrap()];
    assert_eq!(table.matches("<svg").count(), 3, "{page}");
    assert!(!page.contains("Dinas Lain"), "{page}");
    assert!(
        table.contains("History <span class=\"muted\">(2 runs)</span>"),
        "{table}"
    );
    let chart = |agency: &str| {
        let row = &table[table.find(&format!(">{agency}<")).unwrap()..];
        row[..row.find("</tr>").unwrap()].to_string()
    };
    assert!(
        chart("Dinas B").contains("2026-11-02 01:00: errors 1"),
        "{table}"
    );
    assert!(
        chart("Dinas B").contains("2026-11-09 01:00: errors 0"),
        "{table}"
    );
    assert!(
        chart("Dinas C").contains("2026-11-09 01:00: errors 1"),
        "{table}"
    );
    assert!(!chart("Dinas C").contains("2026-11-02"), "{table}");
    // What changed, above the agency table.
    let since = &page
        [page.find("<section id=\"since\">").expect(&page)..page.find("id=\"agencies\"").unwrap()];
    assert!(since.contains("<h2>What changed</h2>"), "{since}");
    assert!(
        since.contains("1 finding fixed, 1 new; 1 innovation added, 0 removed."),
        "{since}"
    );
    assert!(
        since.contains("Dinas B: errors 1 → 0, 1 finding fixed"),
        "{since}"
    );
    assert!(
        since.contains("+ Layanan C1 <span class=\"muted\">(Dinas C)</span>"),
        "{since}"
    );
    assert!(!page.contains("src="), "{page}");
    // `history --inputs` shows the campaign of one folder only.
    assert_eq!(runs_in(d, "riwayat.sqlite"), 3);
    let out = bimtek_in(
        d,
        &[
            "history",
            "--history",
            "riwayat.sqlite",
            "--format",
            "json",
            "--inputs",
            "data",
        ],
        &[],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let times: Vec<&str> = doc["runs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["time"].as_str().unwrap())
        .collect();
    assert_eq!(times, ["2026-11-02T01:00:00Z", "2026-11-09T01:00:00Z"]);
    assert!(!text(&out.stdout).contains("Dinas Lain"));

    // The same comparison from a saved report: no history, so no chart.
    agency_file(&data, "Dinas A", &[]);
    let out = bimtek_in(
        d,
        &[
            "check",
            "data",
            "--as-of",
            AS_OF,
            "--since",
            "sesi.json",
            "--format",
            "html",
        ],
        &[],
    );
    assert!(
        out.status.code().is_some_and(|c| c < 2),
        "{}",
        text(&out.stderr)
    );
    let page = text(&out.stdout);
    assert!(page.contains("<h2>Yang berubah</h2>"), "{page}");
    assert!(
        page.contains("- Layanan A1 <span class=\"muted\">(Dinas A)</span>"),
        "{page}"
    );
    assert!(!page.contains("<svg"), "{page}");
}
