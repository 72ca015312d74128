//! What recording a run in the history costs against the check itself
//! (BENCHMARKS.md, issue 31):
//!
//! ```sh
//! cargo run --release --example history_cost -- bench/data/10k/single/single.csv /tmp/h.sqlite
//! ```
//!
//! Times the check's evaluation, then opening the history, taking the
//! outcome per agency, recording the run and closing the database, and
//! apart from that reading the previous run of the same inputs and
//! comparing it with this one (what `check --history` shows as changed);
//! prints the times, their ratios to the check and the database's size.
//! Run it several times on one database: the first run has nothing to
//! compare with.
#![allow(clippy::print_stdout)]

use std::path::PathBuf;

// The allocator bimtek's binary uses: recording allocates, and the system
// allocator would make it look dearer than it is.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;
use std::time::Instant;

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args_os().skip(1);
    let (Some(input), Some(db)) = (args.next(), args.next()) else {
        anyhow::bail!("usage: history_cost INPUT HISTORY.sqlite");
    };
    let (input, db) = (PathBuf::from(input), PathBuf::from(db));
    let cli = bimtek::cli::try_parse_from(&[
        "bimtek".into(),
        "check".into(),
        input.clone().into(),
        "--as-of".into(),
        "2026-11-24".into(),
        "--quiet".into(),
    ])?;
    let bimtek::cli::Command::Check(check) = cli.command else {
        unreachable!("parsed as check");
    };
    let s = bimtek::settings::resolve_check(check, bimtek::cli::LangArg::En)?;
    let start = Instant::now();
    let outcome = bimtek::cmd::check::evaluate(&s)?;
    let checked = start.elapsed().as_secs_f64();
    let start = Instant::now();
    let mut h = bimtek::history::History::open(&db)?;
    let opened = start.elapsed().as_secs_f64();
    // The outcome per agency, recorded and compared.
    let start = Instant::now();
    let now = bimtek::history::Recording::of(&s.template, &outcome);
    let taken = start.elapsed().as_secs_f64();
    // What `check --history` adds besides recording: the previous run of
    // the same inputs, read back and compared with this one where an
    // agency changed.
    let start = Instant::now();
    let key = bimtek::history::inputs_key(std::slice::from_ref(&input));
    let changed = match bimtek::history::previous_stored(&h, &key)? {
        Some(before) => Some(before.since(&now, s.as_of)?),
        None => None,
    };
    let compared = start.elapsed().as_secs_f64();
    let start = Instant::now();
    h.record_as(std::slice::from_ref(&input), &s.template, s.as_of, &now)?;
    drop(h);
    let recorded = opened + taken + start.elapsed().as_secs_f64();
    println!(
        "{} innovations, {} findings: check {checked:.3} s, record {recorded:.3} s ({:.1} %), \
         compare with the previous run {compared:.3} s ({:.1} %{}), history {} bytes",
        outcome.innovations.len(),
        outcome.findings.len(),
        100.0 * recorded / checked,
        100.0 * compared / checked,
        if changed.is_some() { "" } else { ", none yet" },
        std::fs::metadata(&db)?.len()
    );
    Ok(())
}
