//! L002: ideas of one pemda so alike in their words that they are one idea
//! written twice, and the words that count for an idea's likeness (which
//! the catalogue's index reads too).

use crate::diag::{Code, Finding};
use crate::template::roles;

use super::Sink;

/// The words of an idea that count for its likeness: folded, longer than
/// two letters, without the commonest joining words.
pub(crate) fn words(name: &str) -> Vec<String> {
    let joining = |w: &str| matches!(w, "dan" | "yang" | "untuk" | "dengan" | "bagi");
    let mut out: Vec<String> = if name.is_ascii() {
        // Byte by byte: a catalogue of 40k names is read through here.
        name.as_bytes()
            .split(|b| !b.is_ascii_alphanumeric())
            .filter(|w| w.len() > 2)
            .map(|w| {
                w.iter()
                    .map(|b| char::from(b.to_ascii_lowercase()))
                    .collect()
            })
            .filter(|w: &String| !joining(w))
            .collect()
    } else {
        name.split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.chars().count() > 2)
            .map(str::to_lowercase)
            .filter(|w| !joining(w))
            .collect()
    };
    out.sort_unstable();
    out.dedup();
    out
}

/// L002: two ideas of one pemda sharing at least the template's
/// `similar_ideas` share of their words (of the longer one): one idea
/// written twice. Names equal once folded are U001/U002 already. The later
/// idea (file, sheet, row) is reported, naming the earlier.
pub(super) fn similar_ideas(
    template: &crate::template::Template,
    innovations: &[super::Innovation],
    sink: &mut Sink,
) {
    use foldhash::{HashMap, HashMapExt};
    let Some(threshold) = template.settings.similar_ideas else {
        return;
    };
    let mut order: Vec<&super::Innovation> = innovations
        .iter()
        .filter(|i| !i.name_key().is_empty())
        .collect();
    order.sort_by(|a, b| {
        (a.pemda.as_deref(), a.file(), a.sheet(), a.row).cmp(&(
            b.pemda.as_deref(),
            b.file(),
            b.sheet(),
            b.row,
        ))
    });
    for group in order.chunk_by(|a, b| a.pemda == b.pemda) {
        let sets: Vec<Vec<String>> = group.iter().map(|i| words(i.name())).collect();
        // Ideas by word, so only ideas sharing a word are compared.
        let mut by_word: HashMap<&str, Vec<usize>> = HashMap::new();
        for (k, set) in sets.iter().enumerate() {
            let mut shared: HashMap<usize, usize> = HashMap::new();
            for w in set {
                let seen = by_word.entry(w.as_str()).or_default();
                for &j in seen.iter() {
                    *shared.entry(j).or_insert(0) += 1;
                }
                seen.push(k);
            }
            // The most alike earlier idea, the first on a tie.
            let best = shared
                .into_iter()
                .filter(|&(j, _)| group[j].name_key() != group[k].name_key())
                .map(|(j, n)| (n as f64 / set.len().max(sets[j].len()) as f64, j))
                .filter(|&(share, _)| share >= threshold)
                .max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)));
            if let Some((share, j)) = best {
                let (inn, other) = (group[k], group[j]);
                sink.push(
                    Finding::new(Code::L002, inn.location())
                        .field(roles::NAME)
                        .value(inn.name())
                        .arg("other_name", other.name())
                        .words("other", "other_en", super::unique::place(other))
                        .arg("percent", (share * 100.0).round()),
                );
            }
        }
    }
}
