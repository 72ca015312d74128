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
    count_words_to(s, usize::MAX)
}

/// [`count_words`], stopping as soon as `limit` words are counted: whether
/// a long text reaches a minimum is known long before its end. The count is
/// exact when it is below `limit`; otherwise it is `limit` or more.
pub fn count_words_to(s: &str, limit: usize) -> usize {
    // Rancang bangun texts are long (300-600 words in each of 100k rows),
    // so this runs over more text than any other check: a quarter of the
    // checking thread on a 100k csv. A word is counted at its first letter
    // or digit (`counted` says the open token has had one), so a count
    // reached is never taken back. A text without tags or entities (no `<`
    // or `&` anywhere) is read 64 ASCII bytes at a time (`chunk_masks`,
    // `chunk_starts`); the rest, and any 64 bytes with a non-ASCII
    // character, 8 bytes at a time (`blocks`). Most long texts reach their
    // minimum by the words that are sure (`sure_words_to`), counted
    // several times faster, and are not counted exactly at all.
    let bytes = s.as_bytes();
    let mut count = 0usize;
    let mut counted = false;
    let mut i = 0;
    if memchr::memchr2(b'<', b'&', bytes).is_none() {
        // Each sure word but the first takes two bytes: a limit over half
        // the text cannot be reached by them.
        if limit <= bytes.len().div_ceil(2) {
            let sure = sure_words_to(bytes, limit);
            if sure >= limit {
                return sure;
            }
        }
        while i < bytes.len() {
            while let Some((ws, alnum)) = bytes.get(i..i + 64).and_then(chunk_masks) {
                count += chunk_starts(ws, alnum, &mut counted);
                i += 64;
                if count >= limit {
                    return count;
                }
            }
            i = blocks(s, i, i + 64, limit, &mut count, &mut counted);
            if count >= limit {
                return count;
            }
        }
        return count;
    }
    blocks(s, 0, bytes.len(), limit, &mut count, &mut counted);
    count
}

/// The words of a text without tags or entities that are sure, up to
/// about `limit` (or more): a first byte that is an ASCII letter or digit,
/// and each such byte right after ASCII whitespace, which always begins a
/// token of its own with a letter. They are never more than the words.
/// Counted 255 bytes at a time in one byte each, which the compiler
/// makes vector instructions of.
fn sure_words_to(b: &[u8], limit: usize) -> usize {
    let mut count = usize::from(b.first().is_some_and(u8::is_ascii_alphanumeric));
    let mut start = 1;
    while start < b.len() && count < limit {
        let end = (start + 255).min(b.len());
        let starts = b[start - 1..end - 1]
            .iter()
            .zip(&b[start..end])
            .map(|(&before, &c)| {
                let space = (before == b' ') | (before.wrapping_sub(b'\t') < 5);
                let alnum = ((c | 0x20).wrapping_sub(b'a') < 26) | (c.wrapping_sub(b'0') < 10);
                u8::from(space & alnum)
            })
            .fold(0u8, u8::wrapping_add);
        count += usize::from(starts);
        start = end;
    }
    count
}

/// Whitespace and letters or digits of 64 ASCII bytes, one bit per byte;
/// `None` when a byte is not ASCII. The caller has made sure there is no
/// `<` or `&` (the one other ASCII class, tags and entities).
fn chunk_masks(chunk: &[u8]) -> Option<(u64, u64)> {
    let mut ws = 0;
    let mut alnum = 0;
    let mut high = 0;
    for (k, b) in chunk.chunks_exact(8).enumerate() {
        let x = u64::from_le_bytes(b.try_into().expect("eight bytes"));
        high |= x;
        ws |= squash(range(x, b'\t', b'\r') | eq(x, b' ')) << (8 * k);
        alnum |= squash(alnum_of(x)) << (8 * k);
    }
    (high & HIGH == 0).then_some((ws, alnum))
}

/// The high bits of a block's bytes as eight bits, byte `k` to bit `k`:
/// the multiply moves bit `8k` to bit `56 + k` and nothing else there.
fn squash(m: u64) -> u64 {
    ((m >> 7).wrapping_mul(0x0102_0408_1020_4080)) >> 56
}

/// Word starts in 64 bytes given their whitespace and letter-or-digit bits
/// (the other bytes are punctuation). After each byte, a token is open
/// without a letter yet when the byte is whitespace, or punctuation after
/// such a state; a letter or digit starts a word right after that state.
/// The punctuation runs that carry it are found with one addition: adding
/// the bit at a run's start clears the whole run.
fn chunk_starts(ws: u64, alnum: u64, counted: &mut bool) -> usize {
    let fresh = u64::from(!*counted);
    let punct = !(ws | alnum);
    let run_starts = ((ws << 1) | fresh) & punct;
    let carried = punct & !punct.wrapping_add(run_starts);
    let open = ws | carried;
    *counted = open >> 63 == 0;
    (alnum & ((open << 1) | fresh)).count_ones() as usize
}

/// Counts from `i` on, 8 bytes at a time, until at least `end` (or the
/// limit); returns where it stopped. A tag, entity or non-ASCII character
/// is read whole, so the stop can be past `end`.
fn blocks(
    s: &str,
    mut i: usize,
    end: usize,
    limit: usize,
    count: &mut usize,
    counted: &mut bool,
) -> usize {
    let bytes = s.as_bytes();
    let end = end.min(bytes.len());
    while i < end {
        let n = (bytes.len() - i).min(8);
        let x = match bytes.get(i..i + 8) {
            Some(b) => u64::from_le_bytes(b.try_into().expect("eight bytes")),
            None => {
                let mut block = [0u8; 8];
                block[..n].copy_from_slice(&bytes[i..]);
                u64::from_le_bytes(block)
            }
        };
        if n == 8 && x & HIGH == 0 {
            // The common block: ASCII without control characters, `<` or
            // `&`, so whitespace is exactly the bytes up to the space.
            let below_space = !x.wrapping_add(ONES * 0x60) & HIGH;
            if below_space == 0 {
                let ws = !x.wrapping_add(ONES * 0x5F) & HIGH;
                let alnum = alnum_of(x);
                let punct = HIGH & !(ws | alnum);
                if punct == 0 || (eq(x, b'<') | eq(x, b'&')) & punct == 0 {
                    *count += starts(ws, alnum, punct, counted);
                    i += 8;
                    if *count >= limit {
                        return i;
                    }
                    continue;
                }
            }
        }
        // Bytes of the block that are in the text and ordinary ASCII: up to
        // the first special byte.
        let special = (x & HIGH) | eq(x & !HIGH, b'<') | eq(x & !HIGH, b'&');
        let plain = if special == 0 {
            n
        } else {
            (special.trailing_zeros() / 8) as usize
        }
        .min(n);
        if plain > 0 {
            *count += ascii_block(x, plain, counted);
            i += plain;
        } else {
            i = self::special(s, i, count, counted);
        }
        if *count >= limit {
            return i;
        }
    }
    i
}

/// Word starts among the first `len` bytes (1 to 8, all ASCII other than
/// `<` and `&`) of the little-endian block `x`. A letter or digit starts a
/// word when its token has had none before it.
fn ascii_block(x: u64, len: usize, counted: &mut bool) -> usize {
    let x = x & !HIGH;
    let valid = if len == 8 {
        u64::MAX
    } else {
        (1u64 << (8 * len)) - 1
    } & HIGH;
    let ws = (range(x, b'\t', b'\r') | eq(x, b' ')) & valid;
    let alnum = alnum_of(x) & valid;
    let punct = valid & !(ws | alnum);
    starts(ws, alnum, punct, counted)
}

/// Letters and digits of `x` (all bytes below 0x80), as high bits.
fn alnum_of(x: u64) -> u64 {
    range(x, b'0', b'9') | range(x | (ONES * 0x20), b'a', b'z')
}

/// Word starts given a block's whitespace, letters and digits, and
/// punctuation (high bits; bytes outside all three are not in the text).
fn starts(ws: u64, alnum: u64, punct: u64, counted: &mut bool) -> usize {
    // A letter right after a letter continues a word, right after a space
    // starts one; the first byte continues the token of the block before.
    let mut first = alnum & !((alnum << 8) | (u64::from(*counted) << 7));
    // Right after punctuation (`(kata`, `e-gov`): look back in the block to
    // the nearest space or letter.
    let mut after_punct = first & (punct << 8);
    while after_punct != 0 {
        let bit = after_punct & after_punct.wrapping_neg();
        after_punct ^= bit;
        let before = (ws | alnum) & (bit - 1);
        let continues = if before == 0 {
            *counted
        } else {
            alnum & (1 << (63 - before.leading_zeros())) != 0
        };
        if continues {
            first ^= bit;
        }
    }
    let last = ws | alnum;
    if last != 0 {
        *counted = alnum & (1 << (63 - last.leading_zeros())) != 0;
    }
    // One bit (bit 7) per byte: the multiply adds the bytes up into the top
    // one (the baseline x86-64 target has no popcount instruction).
    ((first >> 7).wrapping_mul(ONES) >> 56) as usize
}

/// Reads the tag, entity or character at `bytes[i]` (`<`, `&` or a
/// non-ASCII character) and returns where the next one starts.
fn special(s: &str, i: usize, count: &mut usize, counted: &mut bool) -> usize {
    let bytes = s.as_bytes();
    if bytes[i] == b'<'
        && bytes
            .get(i + 1)
            .is_some_and(|n| n.is_ascii_alphabetic() || *n == b'/' || *n == b'!')
    {
        // A tag separates words; skip to its end (`>` never occurs inside a
        // multi-byte character).
        *counted = false;
        return match bytes[i + 1..].iter().position(|&b| b == b'>') {
            Some(p) => i + p + 2,
            None => bytes.len(),
        };
    }
    if bytes[i] == b'&' {
        // An entity like &nbsp; or &#160; is a space.
        let mut len = 0;
        for &n in &bytes[i + 1..] {
            len += 1;
            if n == b';' {
                if len > 1 {
                    *counted = false;
                    return i + 1 + len;
                }
                break;
            }
            if !(n.is_ascii_alphanumeric() || n == b'#') || len > 8 {
                break;
            }
        }
    }
    if bytes[i] < 0x80 {
        // `<` or `&` that starts no tag or entity: punctuation.
        return i + 1;
    }
    let c = s[i..].chars().next().expect("i is on a char boundary");
    if c.is_whitespace() {
        *counted = false;
    } else if c.is_alphanumeric() && !*counted {
        *counted = true;
        *count += 1;
    }
    i + c.len_utf8()
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x8080_8080_8080_8080;

/// The high bit of each byte of `x` (all below 0x80) that equals `c`.
fn eq(x: u64, c: u8) -> u64 {
    let v = x ^ (ONES * u64::from(c));
    !(v.wrapping_add(!HIGH) | v) & HIGH
}

/// The high bit of each byte of `x` (all below 0x80) in `lo..=hi`. No sum
/// carries into the next byte: each stays below 0x100.
fn range(x: u64, lo: u8, hi: u8) -> u64 {
    let at_least = x.wrapping_add(ONES * u64::from(0x80 - lo));
    let above = x.wrapping_add(ONES * u64::from(0x7F - hi));
    at_least & !above & HIGH
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

    #[test]
    fn counting_to_a_limit_is_exact_below_it() {
        // Long enough for the sure words to reach most limits.
        let long = "satu - dua\u{b}tiga, (empat) lima-enam 7 \u{e9}tat\nx\u{a0}y ".repeat(40);
        for s in [
            "satu dua  tiga empat lima",
            "<p>Dasar&nbsp;hukum</p><li></li>Perda 3/2020. • poin — ",
            "kata\u{a0}kata ujung",
            "",
            &long,
        ] {
            let full = count_words(s);
            assert!(sure_words_to(s.as_bytes(), usize::MAX) <= full, "{s:?}");
            for limit in 0..full + 3 {
                let c = count_words_to(s, limit);
                if full < limit {
                    assert_eq!(c, full, "{s:?} to {limit}");
                } else {
                    assert!(c >= limit && c <= full, "{s:?} to {limit}: {c}");
                }
            }
        }
    }

    /// The byte-by-byte counter this module had before the eight-byte one
    /// (words counted at their end), kept to check the new one against.
    fn reference(s: &str, limit: usize) -> usize {
        // Byte by byte: rancang bangun texts are long (300-600 words in each
        // of 100k rows), so this runs over more text than any other check.
        // ASCII bytes go through a class table without branching; `<`, `&` and
        // non-ASCII characters leave the fast loop and are read as chars. A
        // word is counted when it ends and holds a letter or digit (`has_alnum`
        // is set only inside a word, so it alone says whether one is open).
        let bytes = s.as_bytes();
        let mut count = 0usize;
        let mut has_alnum = 0usize;
        let mut i = 0;
        while i < bytes.len() {
            let class = WORD_CLASS[bytes[i] as usize];
            if class < SPECIAL {
                let ws = usize::from(class & WS);
                count += ws & has_alnum;
                if count >= limit {
                    return count;
                }
                has_alnum = (has_alnum | usize::from(class >> 1)) & (ws ^ 1);
                i += 1;
                continue;
            }
            if bytes[i] == b'<'
                && bytes
                    .get(i + 1)
                    .is_some_and(|n| n.is_ascii_alphabetic() || *n == b'/' || *n == b'!')
            {
                // A tag separates words; skip to its end (`>` never occurs
                // inside a multi-byte character).
                count += has_alnum;
                has_alnum = 0;
                match bytes[i + 1..].iter().position(|&b| b == b'>') {
                    Some(p) => i += p + 2,
                    None => i = bytes.len(),
                }
                continue;
            }
            if bytes[i] == b'&' {
                // Skip an entity like &nbsp; or &#160; and treat it as a space.
                let mut len = 0;
                let mut ok = false;
                for &n in &bytes[i + 1..] {
                    len += 1;
                    if n == b';' {
                        ok = len > 1;
                        break;
                    }
                    if !(n.is_ascii_alphanumeric() || n == b'#') || len > 8 {
                        break;
                    }
                }
                if ok {
                    count += has_alnum;
                    has_alnum = 0;
                    i += 1 + len;
                    continue;
                }
            }
            if bytes[i] < 0x80 {
                // `<` or `&` that starts no tag or entity: part of a word.
                i += 1;
                continue;
            }
            let c = s[i..].chars().next().expect("i is on a char boundary");
            i += c.len_utf8();
            if c.is_whitespace() {
                count += has_alnum;
                has_alnum = 0;
            } else if c.is_alphanumeric() {
                has_alnum = 1;
            }
        }
        count + has_alnum
    }
    const WS: u8 = 1;
    const ALNUM: u8 = 2;
    const SPECIAL: u8 = 4;
    const WORD_CLASS: [u8; 256] = {
        let mut t = [0u8; 256];
        let mut b = 0;
        while b < 256 {
            let c = b as u8;
            t[b] = if c >= 0x80 || c == b'<' || c == b'&' {
                SPECIAL
            } else if matches!(c, b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ') {
                WS
            } else if c.is_ascii_alphanumeric() {
                ALNUM
            } else {
                0
            };
            b += 1;
        }
        t
    };

    #[test]
    fn squash_moves_each_byte_to_its_bit() {
        for bits in 0u64..256 {
            let mut m = 0;
            for k in 0..8 {
                if bits & (1 << k) != 0 {
                    m |= 0x80 << (8 * k);
                }
            }
            assert_eq!(squash(m), bits);
        }
    }

    /// Both counts of `s` agree with the reference's: the whole count, and
    /// the count to `limit` (exact below it, at least `limit` otherwise).
    fn counts_as_reference(
        s: &str,
        limit: usize,
    ) -> Result<(), proptest::test_runner::TestCaseError> {
        let full = reference(s, usize::MAX);
        proptest::prop_assert_eq!(count_words(s), full, "{:?}", s);
        let c = count_words_to(s, limit);
        if full < limit {
            proptest::prop_assert_eq!(c, full, "{:?} to {}", s, limit);
        } else {
            proptest::prop_assert!(c >= limit && c <= full, "{:?} to {}: {}", s, limit, c);
        }
        Ok(())
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        /// Texts without tags or entities, long enough for several 64-byte
        /// chunks, with the odd non-ASCII character sending a chunk to the
        /// eight-byte path.
        #[test]
        fn sixty_four_bytes_at_a_time_counts_as_byte_by_byte(
            parts in proptest::collection::vec(
                proptest::sample::select(vec![
                    "kata", "pelayanan", "a", "Z9", " ", "  ", "\t", "\r\n", "\n", ",", ".",
                    "(", ")", "-", "--", "e-gov", "3/2020", "\"", "~", "\0", "\x1f", "é", "•",
                    "\u{a0}",
                ]),
                0..200,
            ),
            limit in 0usize..120,
        ) {
            counts_as_reference(&parts.concat(), limit)?;
        }

        #[test]
        fn eight_bytes_at_a_time_counts_as_byte_by_byte(
            parts in proptest::collection::vec(
                proptest::sample::select(vec![
                    "kata", "a", "Z9", " ", "  ", "\t", "\r\n", ",", ".", "(", ")", "-",
                    "e-gov", "3/2020", "<p>", "</li>", "<", "&", "&nbsp;", "&#160;", "&x",
                    "\u{a0}", "\u{2003}", "é", "•", "—", "“", "日本", "\0", "~", "<b", "&amp",
                ]),
                0..40,
            ),
            limit in 0usize..30,
        ) {
            counts_as_reference(&parts.concat(), limit)?;
        }
    }
}
