//! Numbers, coordinates and word counts as agencies write them.

/// Read an amount in Indonesian or plain form: `Rp 1.500.000,00`,
/// `1.500.000`, `1500000`, `Rp1,5 juta`, `2 juta`. `None` when it is not a
/// number (a guess like "sekitar 2 juta" is not read).
pub fn parse_amount(s: &str) -> Option<f64> {
    let lower = s.trim().to_lowercase();
    let mut t = lower.as_str();
    for prefix in ["rp.", "rp", "idr"] {
        if let Some(rest) = t.strip_prefix(prefix) {
            t = rest.trim_start();
            break;
        }
    }
    let t = t.trim_end_matches(",-").trim_end_matches(".-").trim();
    let (number, multiplier) = match t.rsplit_once(char::is_whitespace) {
        Some((n, unit)) => match unit {
            "ribu" | "rb" => (n.trim(), 1e3),
            "juta" | "jt" => (n.trim(), 1e6),
            "miliar" | "milyar" | "m" => (n.trim(), 1e9),
            "triliun" | "t" => (n.trim(), 1e12),
            _ => (t, 1.0),
        },
        None => (t, 1.0),
    };
    parse_number(number).map(|n| n * multiplier)
}

/// A number with Indonesian separators (`.` thousands, `,` decimal), or
/// plain. Groups of three after a dot mean thousands: `1.500` is 1500.
pub fn parse_number(s: &str) -> Option<f64> {
    let s: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    if s.is_empty() {
        return None;
    }
    let (neg, body) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s.as_str()),
    };
    if body.is_empty()
        || !body
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
    {
        return None;
    }
    let dots = body.matches('.').count();
    let commas = body.matches(',').count();
    let canonical = match (dots, commas) {
        (0, 0) => body.to_string(),
        (_, 0) => {
            if thousands_groups(body, '.') {
                body.replace('.', "")
            } else if dots == 1 {
                body.to_string()
            } else {
                return None;
            }
        }
        (0, 1) => body.replace(',', "."),
        (0, _) => {
            if thousands_groups(body, ',') {
                body.replace(',', "")
            } else {
                return None;
            }
        }
        _ => {
            // Both: the last one is the decimal separator.
            let last_dot = body.rfind('.').expect("has dot");
            let last_comma = body.rfind(',').expect("has comma");
            let (thousands, decimal) = if last_comma > last_dot {
                ('.', ',')
            } else {
                (',', '.')
            };
            let int_part = &body[..body.rfind(decimal).expect("has decimal")];
            if body.matches(decimal).count() != 1 || !thousands_groups(int_part, thousands) {
                return None;
            }
            body.replace(thousands, "").replace(decimal, ".")
        }
    };
    let v: f64 = canonical.parse().ok()?;
    Some(if neg { -v } else { v })
}

/// `1.500.000` with `.`: first group 1-3 digits, the rest exactly 3.
fn thousands_groups(s: &str, sep: char) -> bool {
    let mut groups = s.split(sep);
    let first = groups.next().unwrap_or("");
    if first.is_empty() || first.len() > 3 {
        return false;
    }
    let mut any = false;
    for g in groups {
        any = true;
        if g.len() != 3 {
            return false;
        }
    }
    any
}

/// Coordinates read from text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Coordinate {
    Ok { lat: f64, lng: f64 },
    Unreadable,
}

/// Read `lat,lng` (also `lat, lng`, `lat;lng`, `lat lng`, and decimal commas
/// when the pair is separated by `;` or `, `).
pub fn parse_coordinate(s: &str) -> Coordinate {
    let s = s
        .trim()
        .trim_matches(|c| c == '(' || c == ')' || c == '[' || c == ']');
    let parts: Vec<&str> = if s.contains(';') {
        s.split(';').collect()
    } else if s.matches(',').count() == 1 {
        s.split(',').collect()
    } else if s.contains(", ") {
        s.split(", ").collect()
    } else if s.matches(',').count() == 0 {
        s.split_whitespace().collect()
    } else {
        return Coordinate::Unreadable;
    };
    let [a, b] = parts.as_slice() else {
        return Coordinate::Unreadable;
    };
    let num = |x: &str| -> Option<f64> {
        let x = x.trim().replace(',', ".");
        if x.is_empty() || x.matches('.').count() > 1 {
            return None;
        }
        x.parse::<f64>().ok().filter(|v| v.is_finite())
    };
    match (num(a), num(b)) {
        (Some(lat), Some(lng)) if lat.abs() <= 180.0 && lng.abs() <= 180.0 => {
            Coordinate::Ok { lat, lng }
        }
        _ => Coordinate::Unreadable,
    }
}

/// Count words as a person would: HTML tags and entities are not words,
/// tokens without a letter or digit (dashes, bullets) are not words, and a
/// hyphenated word (`masing-masing`) is one word.
pub fn count_words(s: &str) -> usize {
    let mut count = 0;
    let mut in_tag = false;
    let mut in_word = false;
    let mut word_has_alnum = false;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if in_tag {
            if c == '>' {
                in_tag = false;
            }
            continue;
        }
        if c == '<'
            && chars
                .peek()
                .is_some_and(|n| n.is_ascii_alphabetic() || *n == '/' || *n == '!')
        {
            in_tag = true;
            // A tag separates words.
            if in_word && word_has_alnum {
                count += 1;
            }
            in_word = false;
            word_has_alnum = false;
            continue;
        }
        if c == '&' {
            // Skip an entity like &nbsp; or &#160; and treat it as a space.
            let mut lookahead = chars.clone();
            let mut len = 0;
            let mut ok = false;
            while let Some(n) = lookahead.next() {
                len += 1;
                if n == ';' {
                    ok = len > 1;
                    break;
                }
                if !(n.is_ascii_alphanumeric() || n == '#') || len > 8 {
                    break;
                }
            }
            if ok {
                for _ in 0..len {
                    chars.next();
                }
                if in_word && word_has_alnum {
                    count += 1;
                }
                in_word = false;
                word_has_alnum = false;
                continue;
            }
        }
        if c.is_whitespace() {
            if in_word && word_has_alnum {
                count += 1;
            }
            in_word = false;
            word_has_alnum = false;
        } else {
            in_word = true;
            if c.is_alphanumeric() {
                word_has_alnum = true;
            }
        }
    }
    if in_word && word_has_alnum {
        count += 1;
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_in_indonesian_format() {
        assert_eq!(parse_amount("Rp 1.500.000,00"), Some(1_500_000.0));
        assert_eq!(parse_amount("Rp1.500.000,-"), Some(1_500_000.0));
        assert_eq!(parse_amount("1.500.000"), Some(1_500_000.0));
        assert_eq!(parse_amount("1500000"), Some(1_500_000.0));
        assert_eq!(parse_amount("1,5"), Some(1.5));
        assert_eq!(parse_amount("1,500,000.50"), Some(1_500_000.5));
        assert_eq!(parse_amount("2 juta"), Some(2_000_000.0));
        assert_eq!(parse_amount("Rp 1,5 juta"), Some(1_500_000.0));
        assert_eq!(parse_amount("IDR 250.000"), Some(250_000.0));
        assert_eq!(parse_amount("-"), None);
        assert_eq!(parse_amount("sekitar 2 juta"), None);
        assert_eq!(parse_amount("1.50.000"), None);
        assert_eq!(parse_amount("abc"), None);
    }

    #[test]
    fn coordinates() {
        let ok = |s: &str| match parse_coordinate(s) {
            Coordinate::Ok { lat, lng } => (lat, lng),
            Coordinate::Unreadable => panic!("{s} unreadable"),
        };
        assert_eq!(ok("-3.3194,114.5908"), (-3.3194, 114.5908));
        assert_eq!(ok("-3.3194, 114.5908"), (-3.3194, 114.5908));
        assert_eq!(ok("-3,3194; 114,5908"), (-3.3194, 114.5908));
        assert_eq!(ok("-3,3194, 114,5908"), (-3.3194, 114.5908));
        assert_eq!(ok("(-3.3194 114.5908)"), (-3.3194, 114.5908));
        assert_eq!(
            parse_coordinate("dekat kantor bupati"),
            Coordinate::Unreadable
        );
        assert_eq!(parse_coordinate("-3,3194,114,5908"), Coordinate::Unreadable);
        assert_eq!(parse_coordinate("95,200"), Coordinate::Unreadable);
        assert_eq!(
            parse_coordinate("114.5908,-3.3194"),
            Coordinate::Ok {
                lat: 114.5908,
                lng: -3.3194
            }
        );
        assert_eq!(parse_coordinate(""), Coordinate::Unreadable);
    }

    #[test]
    fn words_are_counted_as_a_person_would() {
        assert_eq!(count_words("satu dua  tiga"), 3);
        assert_eq!(count_words("masing-masing pihak - bekerja"), 3);
        assert_eq!(
            count_words("<p>Dasar&nbsp;hukum</p><li></li>Perda 3/2020."),
            4
        );
        assert_eq!(count_words("• poin satu\n• poin dua"), 4);
        assert_eq!(count_words("a < b dan c & d"), 5);
        assert_eq!(count_words(""), 0);
    }
}
