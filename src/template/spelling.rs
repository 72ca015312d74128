//! Spellings of one name as people write them: spaces collapsed, and how
//! alike two spellings are. (`fold`, at the module's root, makes the key
//! they are matched by.)

use super::fold;

/// Collapse runs of whitespace (including newlines) into one space.
pub fn collapse_spaces(s: &str) -> String {
    // Most names are already single-spaced ASCII: copied as they are. One
    // pass over the bytes tells (a substring search was set up anew for
    // each of several names a row).
    let mut space = true;
    let mut plain = !s.is_empty();
    for &c in s.as_bytes() {
        let blank = c == b' ';
        plain &= !(blank && space) && c.is_ascii() && !(b'\t'..=b'\r').contains(&c);
        space = blank;
    }
    if plain && !space {
        return s.to_string();
    }
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// How alike two values are (0..1.5). Shared words weigh most ("Olahraga
/// Prestasi" is near "Kepemudaan dan Olahraga"); letters break ties and catch
/// typos ("Penerapn").
pub fn similarity(a: &str, b: &str) -> f64 {
    let chars = strsim::jaro_winkler(&fold(a), &fold(b));
    let (wa, wb) = (word_set(a), word_set(b));
    let shared = wa.iter().filter(|w| wb.contains(w)).count();
    let overlap = if wa.is_empty() {
        0.0
    } else {
        shared as f64 / wa.len().max(wb.len()) as f64
    };
    overlap + 0.5 * chars
}

fn word_set(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.len() > 2)
        .map(str::to_lowercase)
        .filter(|w| !matches!(w.as_str(), "dan" | "yang" | "the" | "and"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spaces_collapse_to_one() {
        for (raw, want) in [
            ("Dinas Kesehatan", "Dinas Kesehatan"),
            ("Dinas  Kesehatan", "Dinas Kesehatan"),
            (" Dinas Kesehatan ", "Dinas Kesehatan"),
            ("Dinas\tKesehatan", "Dinas Kesehatan"),
            ("Dinas\x0BKesehatan", "Dinas Kesehatan"),
            ("Dinas\u{a0}Kesehatan\n", "Dinas Kesehatan"),
            (
                "Dinas Pendidikan dan Kebudayaan",
                "Dinas Pendidikan dan Kebudayaan",
            ),
            ("Bappeda", "Bappeda"),
            ("", ""),
            ("   ", ""),
        ] {
            assert_eq!(collapse_spaces(raw), want, "{raw:?}");
        }
    }
}
