//! What the text renderers share: the table borders, the separator
//! within a line, the arrow between two counts, and word wrap.

use comfy_table::{TableStyle, presets};

/// Table borders, and the separator within a line. Windows gets plain ASCII:
/// the Unicode preset's `┆` is in neither code page 850 (the OEM code page of
/// Indonesian Windows) nor the console's raster and Lucida Console fonts, and
/// `╞ ╪ ╡` are not in 850 either; a report saved with `> hasil.txt` is UTF-8,
/// which `type`, `more` and PowerShell 5.1 redirection read as that code page,
/// garbling every border and `·`. ASCII survives all of these; elsewhere the
/// Unicode borders read better.
pub(super) const BORDERS: TableStyle = if cfg!(windows) {
    presets::ASCII_FULL_CONDENSED
} else {
    presets::UTF8_FULL_CONDENSED
};
pub(super) const SEP: &str = if cfg!(windows) { "-" } else { "·" };
/// Between a count before and now; `→` is not in code page 850 either.
pub(super) const ARROW: &str = if cfg!(windows) { "->" } else { "→" };

/// Greedy word wrap; words longer than the width are cut.
pub(super) fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    for para in text.split('\n') {
        let mut line = String::new();
        let mut len = 0;
        for word in para.split_whitespace() {
            let wl = word.chars().count();
            if len > 0 && len + 1 + wl > width {
                lines.push(std::mem::take(&mut line));
                len = 0;
            }
            if len > 0 {
                line.push(' ');
                len += 1;
            }
            if wl > width {
                let mut chars = word.chars().peekable();
                while chars.peek().is_some() {
                    let chunk: String = chars
                        .by_ref()
                        .take(width.saturating_sub(len).max(1))
                        .collect();
                    len += chunk.chars().count();
                    line.push_str(&chunk);
                    if len >= width {
                        lines.push(std::mem::take(&mut line));
                        len = 0;
                    }
                }
            } else {
                line.push_str(word);
                len += wl;
            }
        }
        if !line.is_empty() || lines.is_empty() {
            lines.push(line);
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::wrap;

    #[test]
    fn wrap_respects_width() {
        let lines = wrap("satu dua tiga empat lima enam", 10);
        assert!(lines.iter().all(|l| l.chars().count() <= 10), "{lines:?}");
        assert_eq!(lines.join(" "), "satu dua tiga empat lima enam");
        let long = wrap(&"x".repeat(25), 10);
        assert!(long.iter().all(|l| l.chars().count() <= 10), "{long:?}");
    }
}
