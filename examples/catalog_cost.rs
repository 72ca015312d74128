//! What the `--catalog` match costs against the check itself
//! (BENCHMARKS.md, issue 33): a lab's ideas compared with a catalogue of
//! existing innovations.
//!
//! ```sh
//! cargo run --example catalog_cost -- /tmp/catalog-bench 10000 40000 200
//! ```
//!
//! Writes `ideas.csv` (IDEAS lab ideas of 40 pemda, `--template labinov`
//! columns) and `catalog.csv` (ENTRIES innovations of 500 other pemda) into
//! DIR, generated from seed 2026: names of 2-8 words (5 on average) drawn
//! from a vocabulary of 20,000 words with Zipf frequencies of exponent
//! 0.75 (the first 60 are real innovation words such as "sistem",
//! "pelayanan", "online"). That is LAN's own workbook in shape: its 1,870
//! names have 5.2 words on average, and its commonest word ("sistem") is
//! in 9.6 % of them; here the commonest is in about 11 %.
//! Then times, in this one build: the check of `ideas.csv` alone; the same
//! check with `--catalog catalog.csv` (reading the catalogue and matching);
//! the match alone (`catalog_matches`: the index built, every idea looked
//! up); and, for scale, the full comparison of the first 200 ideas (the
//! last argument) with every catalogue entry, extrapolated to all ideas
//! (by the portal's public `name_similarity`, Dice over words: the same
//! kind of work per pair as the share L002 counts).
#![allow(clippy::print_stdout)]

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// xorshift64*: the same data on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// Uniform in 0..1.
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

const REAL: &[&str] = &[
    "sistem",
    "informasi",
    "pelayanan",
    "online",
    "digital",
    "desa",
    "kesehatan",
    "puskesmas",
    "sekolah",
    "layanan",
    "aplikasi",
    "data",
    "terpadu",
    "masyarakat",
    "pengaduan",
    "anak",
    "posyandu",
    "antrian",
    "administrasi",
    "kependudukan",
    "perizinan",
    "keliling",
    "jemput",
    "bola",
    "gerakan",
    "sehat",
    "ramah",
    "smart",
    "pasar",
    "sampah",
    "bank",
    "kampung",
    "wisata",
    "pertanian",
    "petani",
    "nelayan",
    "umkm",
    "keuangan",
    "pajak",
    "retribusi",
    "arsip",
    "elektronik",
    "perpustakaan",
    "guru",
    "siswa",
    "kelurahan",
    "kecamatan",
    "bencana",
    "tangguh",
    "gizi",
    "ibu",
    "hamil",
    "lansia",
    "disabilitas",
    "air",
    "bersih",
    "jalan",
    "lampu",
    "transportasi",
    "parkir",
];

fn vocabulary(n: usize) -> Vec<String> {
    (0..n)
        .map(|i| match REAL.get(i) {
            Some(w) => (*w).to_string(),
            None => format!("kata{i:04}"),
        })
        .collect()
}

/// A word index drawn with the Zipf frequencies of the cumulative
/// weights.
fn zipf(rng: &mut Rng, cumulative: &[f64]) -> usize {
    let x = rng.unit() * cumulative[cumulative.len() - 1];
    cumulative.partition_point(|&c| c < x)
}

fn name(rng: &mut Rng, words: &[String], cumulative: &[f64]) -> String {
    let n = 2 + (rng.next() % 7) as usize;
    let mut out = String::new();
    for k in 0..n {
        if k > 0 {
            out.push(' ');
        }
        let w = &words[zipf(rng, cumulative)];
        // Names are written as pemda write them: capitalised, some in
        // capitals.
        if rng.next().is_multiple_of(10) {
            out.push_str(&w.to_uppercase());
        } else {
            let mut c = w.chars();
            if let Some(first) = c.next() {
                out.extend(first.to_uppercase());
                out.push_str(c.as_str());
            }
        }
    }
    out
}

fn csv_field(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\"\""))
}

/// Writes the two files; returns the catalogue as the check reads it.
fn generate(dir: &Path, ideas: usize, entries: usize) -> anyhow::Result<Vec<(String, String)>> {
    std::fs::create_dir_all(dir)?;
    let words = vocabulary(20_000);
    let mut cumulative = Vec::with_capacity(words.len());
    let mut sum = 0.0;
    for i in 0..words.len() {
        sum += ((i + 1) as f64).powf(-0.75);
        cumulative.push(sum);
    }
    let mut rng = Rng(2026);
    let stages = ["Diagnose", "Design", "Deliver", "Display"];
    let mut text = String::from("No,Ide Inovasi,Inovator,K/L/D,Tahap 5D\n");
    for i in 0..ideas {
        let _ = writeln!(
            text,
            "{},{},Dinas {},Pemkab Uji {},{}",
            i + 1,
            csv_field(&name(&mut rng, &words, &cumulative)),
            rng.next() % 30,
            i % 40,
            stages[(rng.next() % 4) as usize]
        );
    }
    std::fs::write(dir.join("ideas.csv"), text)?;
    let mut catalog = Vec::with_capacity(entries);
    let mut text = String::from("Nama Pemda,Nama Inovasi\n");
    for i in 0..entries {
        let pemda = format!("Kota Contoh {}", i % 500);
        let n = name(&mut rng, &words, &cumulative);
        let _ = writeln!(text, "{pemda},{}", csv_field(&n));
        catalog.push((pemda, n));
    }
    std::fs::write(dir.join("catalog.csv"), text)?;
    Ok(catalog)
}

fn settings(args: &[&str]) -> anyhow::Result<bimtek::settings::CheckSettings> {
    let mut all = vec!["bimtek", "check", "--as-of", "2026-11-24", "--quiet"];
    all.extend_from_slice(args);
    let all: Vec<std::ffi::OsString> = all.iter().map(std::ffi::OsString::from).collect();
    let cli = bimtek::cli::try_parse_from(&all)?;
    let bimtek::cli::Command::Check(check) = cli.command else {
        unreachable!("parsed as check");
    };
    bimtek::settings::resolve_check(check, bimtek::cli::LangArg::En)
}

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let dir = PathBuf::from(args.next().unwrap_or_else(|| "/tmp/catalog-bench".into()));
    let ideas: usize = args.next().map_or(Ok(10_000), |a| a.parse())?;
    let entries: usize = args.next().map_or(Ok(40_000), |a| a.parse())?;
    let sample: usize = args.next().map_or(Ok(200), |a| a.parse())?;
    let catalog = generate(&dir, ideas, entries)?;
    let ideas_csv = dir.join("ideas.csv");
    let catalog_csv = dir.join("catalog.csv");
    let (ideas_path, catalog_path) = (
        ideas_csv.to_str().unwrap_or_default(),
        catalog_csv.to_str().unwrap_or_default(),
    );

    let s = settings(&["--template", "labinov", ideas_path])?;
    let start = Instant::now();
    let outcome = bimtek::cmd::check::evaluate(&s)?;
    let check_ideas = start.elapsed().as_secs_f64();

    let s_cat = settings(&[
        "--template",
        "labinov",
        "--catalog",
        catalog_path,
        ideas_path,
    ])?;
    let start = Instant::now();
    let with = bimtek::cmd::check::evaluate(&s_cat)?;
    let check_with = start.elapsed().as_secs_f64();
    let listed = with
        .ideas
        .iter()
        .filter(|d| d.catalog.as_ref().is_some_and(|c| !c.is_empty()));

    let entries: Vec<bimtek::check::portal::PortalEntry> = catalog
        .iter()
        .enumerate()
        .map(|(i, (pemda, name))| bimtek::check::portal::PortalEntry {
            year: None,
            file: "catalog.csv".into(),
            sheet: None,
            row: i as u32 + 2,
            pemda: Some(pemda.clone()),
            agency: None,
            name: name.clone(),
            name_key: bimtek::template::fold(name),
            facts: bimtek::outcome::portal::Facts::default(),
        })
        .collect();
    let start = Instant::now();
    let found = bimtek::check::follow::catalog_matches(&s.template, &outcome.innovations, &entries);
    let matched = start.elapsed().as_secs_f64();

    // The comparison the index saves: every idea with every entry, for the
    // first 200 ideas, extrapolated.
    let sample = outcome.innovations.len().min(sample);
    let start = Instant::now();
    let mut pairs = 0usize;
    for inn in &outcome.innovations[..sample] {
        for e in &entries {
            if bimtek::check::name_index::name_similarity(inn.name(), &e.name) >= 0.6 {
                pairs += 1;
            }
        }
    }
    let full =
        start.elapsed().as_secs_f64() * outcome.innovations.len() as f64 / sample.max(1) as f64;

    let s_catalog_only = settings(&["--template", "labinov", catalog_path])?;
    let start = Instant::now();
    let _ = bimtek::cmd::check::evaluate(&s_catalog_only)?;
    let check_catalog = start.elapsed().as_secs_f64();

    println!(
        "{} ideas, {} catalogue entries; {} ideas with like innovations ({} in the check)\n\
         check ideas.csv          {check_ideas:.3} s\n\
         check catalog.csv        {check_catalog:.3} s\n\
         check with --catalog     {check_with:.3} s (+{:.3} s)\n\
         match alone              {matched:.3} s ({:.1} % of the check of ideas.csv)\n\
         full comparison (est.)   {full:.1} s ({pairs} pairs over 0.6 in the sample)",
        outcome.innovations.len(),
        entries.len(),
        found.iter().filter(|f| !f.is_empty()).count(),
        listed.count(),
        check_with - check_ideas,
        100.0 * matched / check_ideas,
    );
    Ok(())
}
