//! `extends`: a template file and its shipped ancestors read as TOML trees
//! (every value keeping its place) and merged into one tree before serde
//! reads it into `raw.rs`. Sections merge key by key, recursively, so a
//! child that sets one key of `[scoring]` keeps the parent's others, and a
//! section added later merges with no code of its own; lists replace the
//! parent's. Field blocks merge by `key` (a block with only `key` and the
//! settings it changes inherits the rest), indicators by `no`, and
//! `ignore_headers` adds to the parent's. It also refuses what is surely a
//! mistake in one file: the same field key twice, a new field named like a
//! parent's without `override = true`, a template extending itself.
//!
//! Each file's spans are moved past the files before it, so a span in the
//! merged tree still says which file and place it came from ([`Segment`]).

use super::error::{Segment, TemplateError};
use super::raw::KIND_SETTINGS;
use crate::diag::Say;
use toml::Spanned;
use toml::de::{DeString, DeTable, DeValue};

/// Shipped templates are few; a deeper chain can only be a circle.
const MAX_DEPTH: usize = 8;

type Tree<'a> = DeTable<'a>;
type Node<'a> = Spanned<DeValue<'a>>;

/// Read `src` (named `file`) and its ancestors into one merged tree.
/// `segs` receives `src` first, then each ancestor.
pub(super) fn load<'a>(
    src: &'a str,
    file: &str,
    segs: &mut Vec<Segment<'a>>,
    depth: usize,
) -> Result<Tree<'a>, TemplateError> {
    let base = segs.last().map_or(0, |s| s.base + s.src.len() + 1);
    segs.push(Segment {
        base,
        file: file.to_string(),
        src,
    });
    let doc = DeTable::parse(src).map_err(|e| super::message::syntax(file, src, &e))?;
    let mut tree = doc.into_inner();
    if base > 0 {
        tree = shift_table(tree, base);
    }
    let err = |segs: &[Segment<'a>], span, message| TemplateError::at(segs, span, message);
    own_field_keys_once(&tree).map_err(|(span, m)| err(segs, span, m))?;
    let meta = tree.get("template").and_then(|t| t.get_ref().as_table());
    let id = meta
        .and_then(|m| m.get("id"))
        .and_then(|v| v.get_ref().as_str());
    let extends = meta.and_then(|m| m.get("extends"));
    let Some(ext) = extends else {
        return merge(None, tree).map_err(|(span, m)| err(segs, span, m));
    };
    let Some(parent_id) = ext.get_ref().as_str() else {
        // Not a string: serde says so with its place.
        return merge(None, tree).map_err(|(span, m)| err(segs, span, m));
    };
    let span = ext.span();
    if id == Some(parent_id) {
        return Err(err(
            segs,
            span,
            Say::ExtendsItself.both(&[("parent_id", &parent_id)]),
        ));
    }
    let Some((pid, psrc)) = super::BUILTIN.iter().find(|(i, _)| *i == parent_id) else {
        let known: Vec<&str> = super::BUILTIN.iter().map(|(i, _)| *i).collect();
        let near = super::message::nearest(parent_id, &known)
            .map(|n| Say::NearSemi.both(&[("n", &n)]))
            .unwrap_or_default();
        let [near_id, near_en] = near;
        let known = known.join(", ");
        return Err(err(
            segs,
            span,
            Say::ExtendsUnknown.both(&[
                ("parent_id", &parent_id),
                ("near", &near_id),
                ("near_en", &near_en),
                ("known", &known),
            ]),
        ));
    };
    if depth >= MAX_DEPTH {
        return Err(err(
            segs,
            span,
            Say::ExtendsInACircle.both(&[("parent_id", &parent_id)]),
        ));
    }
    let parent = load(psrc, &format!("templates/{pid}.toml"), segs, depth + 1)?;
    merge(Some((pid, parent)), tree).map_err(|(span, m)| err(segs, span, m))
}

type Refusal = (std::ops::Range<usize>, [String; 2]);

fn shift_table(t: Tree<'_>, by: usize) -> Tree<'_> {
    let mut out = DeTable::new();
    for (k, v) in t {
        let ks = k.span();
        out.insert(
            Spanned::new(ks.start + by..ks.end + by, k.into_inner()),
            shift(v, by),
        );
    }
    out
}

fn shift(v: Node<'_>, by: usize) -> Node<'_> {
    let s = v.span();
    let inner = match v.into_inner() {
        DeValue::Table(t) => DeValue::Table(shift_table(t, by)),
        DeValue::Array(a) => DeValue::Array(a.into_iter().map(|x| shift(x, by)).collect()),
        other => other,
    };
    Spanned::new(s.start + by..s.end + by, inner)
}

fn str_of<'t>(t: &'t Tree<'_>, key: &str) -> Option<&'t str> {
    t.get(key).and_then(|v| v.get_ref().as_str())
}

/// The same field key twice in one file: the later block would silently win.
fn own_field_keys_once(tree: &Tree<'_>) -> Result<(), Refusal> {
    let Some(fields) = tree.get("field").and_then(|f| f.get_ref().as_array()) else {
        return Ok(());
    };
    let mut seen: Vec<(&str, std::ops::Range<usize>)> = Vec::new();
    for block in fields.iter() {
        let Some(t) = block.get_ref().as_table() else {
            continue;
        };
        let Some(k) = t.get("key") else { continue };
        let Some(key) = k.get_ref().as_str() else {
            continue;
        };
        if let Some((_, first)) = seen.iter().find(|(s, _)| *s == key) {
            let first = Placeholder(first.clone());
            return Err((
                k.span(),
                Say::FieldTwice.both(&[("key", &key), ("first", &first)]),
            ));
        }
        seen.push((key, k.span()));
    }
    Ok(())
}

/// A span to be written as `line:col` once the segments are known: the
/// message carries `@@start@@`, which [`TemplateError::at`] replaces.
struct Placeholder(std::ops::Range<usize>);

impl std::fmt::Display for Placeholder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "@@{}@@", self.0.start)
    }
}

/// `child` over `parent` (the merged tree of the parent id), or `child`
/// alone (its field blocks still checked for `override`).
fn merge<'a>(parent: Option<(&str, Tree<'a>)>, child: Tree<'a>) -> Result<Tree<'a>, Refusal> {
    let (pid, mut out) = match parent {
        Some((pid, t)) => (Some(pid), t),
        None => (None, DeTable::new()),
    };
    for (k, v) in child {
        match k.get_ref().as_ref() {
            // The child's own identity, whole.
            "template" => {
                out.insert(k, v);
            }
            "field" => merge_fields(&mut out, k, v, pid)?,
            "indicator" => merge_list_by(&mut out, k, v, "no"),
            "ignore_headers" => match (out.get_mut("ignore_headers"), v) {
                (Some(p), v) if p.get_ref().is_array() && v.get_ref().is_array() => {
                    let DeValue::Array(mine) = v.into_inner() else {
                        unreachable!()
                    };
                    let DeValue::Array(theirs) = p.get_mut() else {
                        unreachable!()
                    };
                    for x in mine {
                        theirs.push(x);
                    }
                }
                (_, v) => {
                    out.insert(k, v);
                }
            },
            _ => merge_entry(&mut out, k, v),
        }
    }
    Ok(out)
}

/// Tables merge key by key, recursively; anything else replaces.
fn merge_entry<'a>(out: &mut Tree<'a>, k: Spanned<DeString<'a>>, v: Node<'a>) {
    if let Some(p) = out.get_mut(k.get_ref().as_ref())
        && p.get_ref().is_table()
        && v.get_ref().is_table()
    {
        let DeValue::Table(theirs) = p.get_mut() else {
            unreachable!()
        };
        let DeValue::Table(mine) = v.into_inner() else {
            unreachable!()
        };
        for (k2, v2) in mine {
            merge_entry(theirs, k2, v2);
        }
        return;
    }
    out.insert(k, v);
}

/// `[[indicator]]` blocks: one with the parent's `no` replaces it whole.
fn merge_list_by<'a>(out: &mut Tree<'a>, k: Spanned<DeString<'a>>, v: Node<'a>, id: &str) {
    let Some(p) = out.get_mut(k.get_ref().as_ref()) else {
        out.insert(k, v);
        return;
    };
    let (DeValue::Array(theirs), true) = (p.get_mut(), v.get_ref().is_array()) else {
        out.insert(k, v);
        return;
    };
    let DeValue::Array(mine) = v.into_inner() else {
        unreachable!()
    };
    let same = |a: &Node<'_>, b: &Node<'_>| {
        let get = |n: &Node<'_>| {
            n.get_ref()
                .as_table()
                .and_then(|t| t.get(id))
                .map(|x| format!("{:?}", x.get_ref()))
        };
        get(a).is_some() && get(a) == get(b)
    };
    for block in mine {
        match theirs.iter().position(|p| same(p, &block)) {
            Some(i) => theirs.as_mut()[i] = block,
            None => theirs.push(block),
        }
    }
}

fn merge_fields<'a>(
    out: &mut Tree<'a>,
    k: Spanned<DeString<'a>>,
    v: Node<'a>,
    pid: Option<&str>,
) -> Result<(), Refusal> {
    let vspan = v.span();
    let DeValue::Array(mine) = v.into_inner() else {
        // Not a list of blocks: serde names what it expected.
        return Err((vspan, Say::FieldNotABlock.both(&[])));
    };
    let mut theirs: Vec<Node<'a>> = match out.remove("field").map(Spanned::into_inner) {
        Some(DeValue::Array(a)) => a.into_iter().collect(),
        _ => Vec::new(),
    };
    let parent_keys: Vec<String> = theirs
        .iter()
        .filter_map(|n| n.get_ref().as_table())
        .filter_map(|t| str_of(t, "key"))
        .map(str::to_string)
        .collect();
    for block in mine {
        let bspan = block.span();
        let DeValue::Table(mut t) = block.into_inner() else {
            return Err((bspan, Say::FieldNotABlock.both(&[])));
        };
        let overrides = match t.remove("override") {
            None => false,
            Some(o) => match o.get_ref().as_bool() {
                Some(b) => b,
                None => {
                    return Err((o.span(), Say::OverrideNotABool.both(&[])));
                }
            },
        };
        let Some((key, kspan)) = t
            .get("key")
            .and_then(|k| k.get_ref().as_str().map(|s| (s.to_string(), k.span())))
        else {
            // No key: serde says `key` is missing, at this block.
            theirs.push(Spanned::new(bspan, DeValue::Table(t)));
            continue;
        };
        let rewrites = t.contains_key("label") || t.contains_key("type");
        let at = theirs.iter().position(|p| {
            p.get_ref()
                .as_table()
                .and_then(|pt| str_of(pt, "key"))
                .is_some_and(|pk| pk == key)
        });
        let Some(i) = at else {
            let keys: Vec<&str> = parent_keys.iter().map(String::as_str).collect();
            let near = super::message::nearest(&key, &keys)
                .map(|n| Say::NearParen.both(&[("n", &n)]))
                .unwrap_or_default();
            let [near_id, near_en] = near;
            if overrides {
                let m = match pid {
                    Some(pid) => Say::OverrideNoParentField.both(&[
                        ("key", &key),
                        ("pid", &pid),
                        ("near", &near_id),
                        ("near_en", &near_en),
                    ]),
                    None => Say::OverrideWithoutParent.both(&[("key", &key)]),
                };
                return Err((kspan, m));
            }
            if let Some(pid) = pid
                && !(t.contains_key("label") && t.contains_key("type"))
            {
                return Err((
                    kspan,
                    Say::NewFieldIncomplete.both(&[
                        ("key", &key),
                        ("pid", &pid),
                        ("near", &near_id),
                        ("near_en", &near_en),
                    ]),
                ));
            }
            theirs.push(Spanned::new(bspan, DeValue::Table(t)));
            continue;
        };
        let parent = &mut theirs[i];
        let pspan = parent.span();
        let DeValue::Table(pt) = parent.get_mut() else {
            unreachable!("found by its table's key")
        };
        if rewrites && !overrides {
            let label = str_of(pt, "label").unwrap_or_default().to_string();
            let pid = pid.unwrap_or_default();
            let at = Placeholder(pspan);
            return Err((
                kspan,
                Say::FieldInParent.both(&[
                    ("key", &key),
                    ("pid", &pid),
                    ("label", &label),
                    ("at", &at),
                ]),
            ));
        }
        // A new type drops the parent's settings only the old type used.
        if let Some(new) = str_of(&t, "type")
            && str_of(pt, "type") != Some(new)
        {
            for (setting, kinds) in KIND_SETTINGS {
                if !kinds.contains(&new) && !t.contains_key(*setting) {
                    pt.remove(*setting);
                }
            }
        }
        for (k2, v2) in t {
            merge_entry(pt, k2, v2);
        }
    }
    out.insert(
        k,
        Spanned::new(vspan, DeValue::Array(theirs.into_iter().collect())),
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree(src: &str) -> Tree<'_> {
        DeTable::parse(src).unwrap().into_inner()
    }

    /// A section no code knows (a future `[roster]`) merges key by key,
    /// nested tables too, and a list replaces the parent's.
    #[test]
    fn any_section_merges_key_by_key() {
        let parent = tree("[roster]\na = 1\nb = 2\nlist = [1, 2]\n[roster.inner]\nx = 1\ny = 2\n");
        let child = tree("[roster]\nb = 3\nlist = [9]\n[roster.inner]\ny = 5\n");
        let merged = merge(Some(("p", parent)), child).unwrap();
        let roster = merged["roster"].get_ref().as_table().unwrap();
        let int = |t: &Tree<'_>, k: &str| t[k].get_ref().as_integer().unwrap().as_str().to_string();
        assert_eq!(
            (int(roster, "a"), int(roster, "b")),
            ("1".into(), "3".into())
        );
        assert_eq!(roster["list"].get_ref().as_array().unwrap().len(), 1);
        let inner = roster["inner"].get_ref().as_table().unwrap();
        assert_eq!((int(inner, "x"), int(inner, "y")), ("1".into(), "5".into()));
    }
}
