//! A field's value as the portal wants it: which fields make a row, each
//! value in the portal's form, and the values kept empty because they
//! could not be read.

use crate::normalize::date::portal_format;
use crate::normalize::{Coordinate, DateValue, Precision, Record, Value, collapse_spaces};
use crate::template::Template;

/// The fields that make a submission row, in the template's (portal)
/// order: not those that describe a portal entry rather than the
/// submission (when it was last updated, its score estimate).
pub fn export_fields(t: &Template) -> Vec<usize> {
    let meta = [t.roles.updated, t.roles.score];
    (0..t.fields.len())
        .filter(|&i| !meta.contains(&Some(i)))
        .collect()
}

/// A value bimtek could not read, kept empty in the package.
#[derive(Debug, Clone)]
pub struct Unread {
    pub id: String,
    pub field: String,
    pub written: String,
}

/// A field's value as the portal wants it; `Err(written)` when it cannot be
/// given without inventing something.
pub fn canonical(t: &Template, fi: usize, r: &Record) -> Result<String, String> {
    let Some(cell) = r.cell(fi) else {
        return Ok(String::new());
    };
    let f = &t.fields[fi];
    match &cell.value {
        Value::Empty => Ok(String::new()),
        Value::Text { .. } | Value::FileRef => Ok(clean_text(&cell.text)),
        Value::Enum { index, .. } => Ok(f.values[*index].value.clone()),
        Value::Date(DateValue::Ok(d, Precision::Day)) => Ok(portal_format(*d)),
        Value::Integer(n) => Ok(n.to_string()),
        Value::Amount(a) => Ok(crate::load::format_number(*a)),
        Value::Coordinate(Coordinate::Ok { lat, lng }) => {
            let [la0, la1, lo0, lo1] = t.settings.coordinate_bounds;
            if (la0..=la1).contains(lat) && (lo0..=lo1).contains(lng) {
                Ok(format!("{lat},{lng}"))
            } else {
                Err(cell.text.clone())
            }
        }
        _ => Err(cell.text.clone()),
    }
}

/// Trim each line, collapse runs of spaces, drop empty lines at the ends,
/// CRLF to LF.
pub fn clean_text(s: &str) -> String {
    let lines: Vec<String> = s
        .replace("\r\n", "\n")
        .replace('\r', "\n")
        .split('\n')
        .map(collapse_spaces)
        .collect();
    let start = lines
        .iter()
        .position(|l| !l.is_empty())
        .unwrap_or(lines.len());
    let end = lines
        .iter()
        .rposition(|l| !l.is_empty())
        .map_or(start, |e| e + 1);
    lines[start..end].join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_cleaned_not_changed() {
        assert_eq!(
            clean_text("  satu   dua \r\n\r\n tiga  \n\n"),
            "satu dua\n\ntiga"
        );
    }
}
