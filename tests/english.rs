//! `--lang en` (issue 30): the main commands leave no Indonesian of
//! bimtek's own in their output, and English counts take their plurals.
//! The data stays as written (names, sheets, the template's indicator
//! names), so the words looked for are those of bimtek's texts, not of
//! the data.

mod common;

use common::{AS_OF, bimtek, write_csv};

/// Indonesian words of bimtek's own texts that no English text has, and
/// that the sample data and the fixtures below do not hold.
const INDONESIAN: &[&str] = &[
    "pilihan",
    "berkas",
    "galat",
    "bergalat",
    "isian",
    "temuan",
    "saran",
    "peringatan",
    "acuan",
    "maks.",
    "beres",
    "sebelumnya",
    "disertakan",
    "dikemas",
    "wajib",
    "kata",
    "dikecualikan",
];

/// Nouns that follow a count in Indonesian.
const INDONESIAN_COUNTED: &[&str] = &["inovasi", "berkas", "galat", "temuan", "peringatan"];

/// English nouns that must be singular after a count of one.
const PLURALS: &[&str] = &[
    "files",
    "innovations",
    "errors",
    "warnings",
    "infos",
    "words",
    "reasons",
    "findings",
    "options",
];

/// What is wrong with one line of English output, if anything.
fn not_english(line: &str) -> Option<String> {
    let words: Vec<String> = line
        .split(|c: char| c.is_whitespace() || ",;:()\"'|│┆".contains(c))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    for (k, w) in words.iter().enumerate() {
        if INDONESIAN.contains(&w.as_str()) {
            return Some(format!("Indonesian word {w:?}"));
        }
        let next = words.get(k + 1).map(String::as_str).unwrap_or("");
        let next = next.trim_end_matches('.');
        if w.parse::<u64>().is_ok() && INDONESIAN_COUNTED.contains(&next) {
            return Some(format!("Indonesian count {w} {next}"));
        }
        if w == "1" && PLURALS.contains(&next) {
            return Some(format!("plural of one: 1 {next}"));
        }
    }
    None
}

fn text(out: &std::process::Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

#[test]
fn english_output_has_no_indonesian_left_issue_30() {
    let dir = tempfile::tempdir().unwrap();
    let single = dir.path().join("satu.csv");
    write_csv(
        &single,
        &[("OK A", "Dinas Uji", "Tim"), ("BAD A", "Dinas Uji", "")],
    );
    let single = single.to_str().unwrap();
    let package = dir.path().join("paket");
    let previous = dir.path().join("sebelumnya.json");
    let out = bimtek(&[
        "check",
        single,
        "--as-of",
        AS_OF,
        "--format",
        "json",
        "-o",
        previous.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));

    let runs: Vec<Vec<&str>> = vec![
        vec!["check", "sample-data", "--as-of", AS_OF, "--width", "100"],
        vec!["check", "sample-data", "--as-of", AS_OF, "--format", "csv"],
        vec!["check", "sample-data", "--as-of", AS_OF, "--format", "json"],
        vec!["show", "TB Tuntas", "sample-data", "--as-of", AS_OF],
        vec![
            "export",
            "sample-data",
            "--as-of",
            AS_OF,
            "--out",
            package.to_str().unwrap(),
        ],
        vec!["explain"],
        vec!["explain", "V001"],
        vec!["check", "tests/fixtures/codes/V001", "--as-of", AS_OF],
        vec!["check", "tests/fixtures/codes/E018", "--as-of", AS_OF],
        vec!["check", single, "--as-of", AS_OF],
        vec![
            "check",
            single,
            "--as-of",
            AS_OF,
            "--since",
            previous.to_str().unwrap(),
        ],
    ];
    for args in &runs {
        let mut all = vec!["--lang", "en"];
        all.extend(args);
        let out = bimtek(&all);
        let said = text(&out);
        assert!(matches!(out.status.code(), Some(0 | 1)), "{args:?}: {said}");
        for line in said.lines() {
            if let Some(why) = not_english(line) {
                panic!("{args:?}: {why} in English output: {line}");
            }
        }
    }

    // One file, one error, one warning: singular where it is one.
    let out = bimtek(&["--lang", "en", "check", single, "--as-of", AS_OF]);
    assert!(
        text(&out).contains("1 file, 2 innovations: 1 error, 1 warning, 0 infos."),
        "{}",
        text(&out)
    );
    // The hint for a long list of options says how many in English.
    let out = bimtek(&[
        "--lang",
        "en",
        "check",
        "sample-data",
        "--as-of",
        AS_OF,
        "--format",
        "json",
    ]);
    assert!(text(&out).contains("(38 options)"), "{}", text(&out));
}
