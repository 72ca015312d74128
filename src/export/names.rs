//! Names of the package's files: portable, stable, and unique.

use std::collections::BTreeMap;

/// A name usable as a file or folder name everywhere (ASCII letters,
/// digits, `-`), at most 60 characters.
pub fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-');
    let cut: String = out.chars().take(60).collect();
    let cut = cut.trim_end_matches('-').to_string();
    if cut.is_empty() { "x".to_string() } else { cut }
}

/// Stable unique evidence file names: agency / innovation / indicator.
#[derive(Default)]
pub struct Names {
    used: BTreeMap<String, usize>,
}

impl Names {
    pub fn take(&mut self, base: &str, ext: &str) -> String {
        let n = self.used.entry(base.to_string()).or_insert(0);
        *n += 1;
        if *n == 1 {
            format!("{base}.{ext}")
        } else {
            format!("{base}-{n}.{ext}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_portable_and_stable() {
        assert_eq!(slug("Dinas Kesehatan"), "dinas-kesehatan");
        assert_eq!(
            slug("  Pojok Baca Café / Literasi! "),
            "pojok-baca-caf-literasi"
        );
        assert_eq!(slug("***"), "x");
        assert_eq!(slug(&"a".repeat(100)).len(), 60);
    }

    #[test]
    fn names_get_suffixes_when_repeated() {
        let mut n = Names::default();
        assert_eq!(n.take("a/b/indikator-01", "pdf"), "a/b/indikator-01.pdf");
        assert_eq!(n.take("a/b/indikator-01", "pdf"), "a/b/indikator-01-2.pdf");
    }
}
