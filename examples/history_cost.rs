//! What recording a run in the history costs against the check itself
//! (BENCHMARKS.md, issue 31):
//!
//! ```sh
//! cargo run --release --example history_cost -- bench/data/10k/single/single.csv /tmp/h.sqlite
//! ```
//!
//! Times the check's evaluation, then opening the history, recording the
//! run and closing it; prints both, their ratio and the database's size.
#![allow(clippy::print_stdout)]

use std::path::PathBuf;
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
    let mut h = bimtek::history::History::open(&db, std::slice::from_ref(&input))?;
    h.record(std::slice::from_ref(&input), &s.template, s.as_of, &outcome)?;
    drop(h);
    let recorded = start.elapsed().as_secs_f64();
    println!(
        "{} innovations, {} findings: check {checked:.3} s, record {recorded:.3} s ({:.1} %), \
         history {} bytes",
        outcome.innovations.len(),
        outcome.findings.len(),
        100.0 * recorded / checked,
        std::fs::metadata(&db)?.len()
    );
    Ok(())
}
