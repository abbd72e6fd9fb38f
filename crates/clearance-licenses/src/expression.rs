//! Normalising license expressions as people actually write them (`MIT/Apache-2.0`,
//! `GPL-2.0+`, `Apache License 2.0`, `BSD`) to SPDX, always keeping what they wrote.

use serde::Serialize;

/// An expression that was normalised, with how much the normalisation had to guess.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Normalized {
    /// Canonical SPDX expression (strictly parseable).
    pub expression: String,
    /// The text as written.
    pub original: String,
    /// 1.0 when the original was already valid SPDX or a mechanical fix-up (`/`, `+`, deprecated
    /// GNU ids); lower when a loose name had to be interpreted ("Apache License 2.0").
    pub confidence: f32,
    /// What was changed, for the reviewer; empty when nothing was.
    pub notes: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum NormalizeError {
    #[error("empty license expression")]
    Empty,
    #[error("'{original}' is not a valid SPDX license expression: {reason}{}", hint(.term.as_deref()))]
    Invalid {
        original: String,
        reason: String,
        /// The unknown term, for the suggestions the message adds (worked out only when it is
        /// shown: scans try to read thousands of strings that are not expressions).
        term: Option<String>,
    },
}

/// Loose names seen in manifests and headers, mapped where the mapping is unambiguous.
/// Compared case-insensitively after collapsing whitespace and trimming trailing punctuation.
/// Ambiguous names ("BSD", "GPL" without a version) are deliberately absent: they must reach a
/// reviewer as unknown rather than as a guess.
const LOOSE_NAMES: &[(&str, &str)] = &[
    ("mit license", "MIT"),
    ("the mit license", "MIT"),
    ("mit licence", "MIT"),
    ("expat", "MIT"),
    ("apache license 2.0", "Apache-2.0"),
    ("apache license, version 2.0", "Apache-2.0"),
    ("apache license version 2.0", "Apache-2.0"),
    ("apache software license", "Apache-2.0"),
    // Maven Central's most common spellings.
    ("the apache software license, version 2.0", "Apache-2.0"),
    ("apache software license, version 2.0", "Apache-2.0"),
    ("the apache license, version 2.0", "Apache-2.0"),
    ("apache license v2.0", "Apache-2.0"),
    ("eclipse public license v2.0", "EPL-2.0"),
    ("eclipse public license v1.0", "EPL-1.0"),
    ("apache 2.0", "Apache-2.0"),
    ("apache 2", "Apache-2.0"),
    ("apache-2", "Apache-2.0"),
    ("apache2", "Apache-2.0"),
    ("asl 2.0", "Apache-2.0"),
    ("al2", "Apache-2.0"),
    ("bsd-2-clause license", "BSD-2-Clause"),
    ("simplified bsd license", "BSD-2-Clause"),
    ("freebsd license", "BSD-2-Clause"),
    ("bsd-3-clause license", "BSD-3-Clause"),
    ("new bsd license", "BSD-3-Clause"),
    ("modified bsd license", "BSD-3-Clause"),
    ("revised bsd license", "BSD-3-Clause"),
    ("bsd 3-clause", "BSD-3-Clause"),
    ("bsd-3", "BSD-3-Clause"),
    ("bsd 3", "BSD-3-Clause"),
    ("bsd 2-clause", "BSD-2-Clause"),
    ("bsd-2", "BSD-2-Clause"),
    ("bsd 2", "BSD-2-Clause"),
    ("isc license", "ISC"),
    ("isc license (iscl)", "ISC"),
    ("mozilla public license 2.0", "MPL-2.0"),
    ("mozilla public license 2.0 (mpl 2.0)", "MPL-2.0"),
    ("mpl 2.0", "MPL-2.0"),
    ("gnu gpl v2", "GPL-2.0-only"),
    ("gnu gpl v3", "GPL-3.0-only"),
    ("gplv2", "GPL-2.0-only"),
    ("gplv2+", "GPL-2.0-or-later"),
    ("gplv3", "GPL-3.0-only"),
    ("gplv3+", "GPL-3.0-or-later"),
    ("gnu general public license v2 (gplv2)", "GPL-2.0-only"),
    ("gnu general public license v2 or later (gplv2+)", "GPL-2.0-or-later"),
    ("gnu general public license v3 (gplv3)", "GPL-3.0-only"),
    ("gnu general public license v3 or later (gplv3+)", "GPL-3.0-or-later"),
    ("gnu lesser general public license v2 (lgplv2)", "LGPL-2.0-only"),
    ("gnu lesser general public license v2 or later (lgplv2+)", "LGPL-2.0-or-later"),
    ("gnu lesser general public license v3 (lgplv3)", "LGPL-3.0-only"),
    ("gnu lesser general public license v3 or later (lgplv3+)", "LGPL-3.0-or-later"),
    ("gnu affero general public license v3", "AGPL-3.0-only"),
    ("gnu affero general public license v3 or later (agplv3+)", "AGPL-3.0-or-later"),
    ("lgplv2.1", "LGPL-2.1-only"),
    ("lgplv2.1+", "LGPL-2.1-or-later"),
    ("lgplv3", "LGPL-3.0-only"),
    ("lgplv3+", "LGPL-3.0-or-later"),
    ("agplv3", "AGPL-3.0-only"),
    ("eclipse public license 2.0", "EPL-2.0"),
    ("eclipse public license - v 2.0", "EPL-2.0"),
    ("eclipse public license 1.0", "EPL-1.0"),
    ("eclipse public license - v 1.0", "EPL-1.0"),
    ("python software foundation license", "PSF-2.0"),
    ("zlib license", "Zlib"),
    ("zlib/libpng license", "Zlib"),
    ("boost software license 1.0", "BSL-1.0"),
    ("boost software license 1.0 (bsl-1.0)", "BSL-1.0"),
    ("cc0 1.0 universal", "CC0-1.0"),
    ("cc0", "CC0-1.0"),
    ("the unlicense", "Unlicense"),
    ("the unlicense (unlicense)", "Unlicense"),
    ("public domain", "LicenseRef-public-domain"),
    ("wtfpl", "WTFPL"),
    ("universal permissive license 1.0", "UPL-1.0"),
    // Debian's short names (debian/copyright, DEP-5): a trailing + means "or any later version".
    ("gpl-1", "GPL-1.0-only"),
    ("gpl-1+", "GPL-1.0-or-later"),
    ("gpl-2", "GPL-2.0-only"),
    ("gpl-2+", "GPL-2.0-or-later"),
    ("gpl-3", "GPL-3.0-only"),
    ("gpl-3+", "GPL-3.0-or-later"),
    ("lgpl-2", "LGPL-2.0-only"),
    ("lgpl-2+", "LGPL-2.0-or-later"),
    ("lgpl-3", "LGPL-3.0-only"),
    ("lgpl-3+", "LGPL-3.0-or-later"),
    ("agpl-3", "AGPL-3.0-only"),
    ("agpl-3+", "AGPL-3.0-or-later"),
    ("gfdl-1.2", "GFDL-1.2-only"),
    ("gfdl-1.2+", "GFDL-1.2-or-later"),
    ("gfdl-1.3", "GFDL-1.3-only"),
    ("gfdl-1.3+", "GFDL-1.3-or-later"),
    ("artistic", "Artistic-1.0"),
    ("public-domain", "LicenseRef-public-domain"),
];

/// The lenient mode we accept: `/` for OR, `+` on GNU ids, deprecated ids. Not spdx's imprecise
/// names: its list guesses ("bsd" → BSD-2-Clause, "gpl" → GPL-2.0-only) where a reviewer must decide.
const MODE: spdx::ParseMode = spdx::ParseMode {
    allow_slash_as_or_operator: true,
    allow_imprecise_license_names: false,
    allow_postfix_plus_on_gpl: true,
    allow_deprecated: true,
    allow_unknown: false,
};

fn loose_key(s: &str) -> String {
    let collapsed = s.split_whitespace().collect::<Vec<_>>().join(" ");
    collapsed.trim_end_matches(['.', ',', ';']).to_ascii_lowercase()
}

fn loose_lookup(s: &str) -> Option<&'static str> {
    let key = loose_key(s);
    LOOSE_NAMES.iter().find(|(k, _)| *k == key).map(|(_, v)| *v).or_else(|| gnu_short_name(&key))
}

/// A GNU license's short name however it is spaced: "gpl v2", "lgpl v2.1", "GPL version 3",
/// "agpl-3.0+", "GPLv2+" — the version written, `+` for "or any later".
fn gnu_short_name(key: &str) -> Option<&'static str> {
    let (family, rest) = [("agpl", "AGPL"), ("lgpl", "LGPL"), ("gpl", "GPL")]
        .iter()
        .find_map(|(p, f)| key.strip_prefix(p).map(|r| (*f, r)))?;
    let rest = rest.trim_start().trim_start_matches(['-', '_']).trim_start();
    let rest = rest.strip_prefix("version").or_else(|| rest.strip_prefix('v')).unwrap_or(rest);
    let rest = rest.trim_start_matches('.').trim_start();
    let mut chars = rest.chars();
    let major = chars.next().filter(|c| ('1'..='3').contains(c))?;
    let rest = chars.as_str();
    let (minor, rest) = match rest.strip_prefix('.') {
        Some(r) => {
            let mut c = r.chars();
            (c.next().filter(|c| *c == '0' || *c == '1')?, c.as_str())
        }
        None => ('0', rest),
    };
    let later = match rest.trim() {
        "" => false,
        "+" => true,
        _ => return None,
    };
    let id = format!("{family}-{major}.{minor}-{}", if later { "or-later" } else { "only" });
    spdx::license_id(&id).map(|l| l.name)
}

/// Expressions joined by `op` ("AND", "OR"), each compound one in parentheses:
/// `["MIT", "Apache-2.0 OR MIT"]` with AND → `MIT AND (Apache-2.0 OR MIT)`; one alone as it is.
pub fn join_expressions<S: AsRef<str>>(parts: &[S], op: &str) -> String {
    if let [one] = parts {
        return one.as_ref().to_string();
    }
    parts
        .iter()
        .map(|e| {
            let e = e.as_ref();
            if e.contains(' ') { format!("({e})") } else { e.to_string() }
        })
        .collect::<Vec<_>>()
        .join(&format!(" {op} "))
}

/// Normalise an expression as written to canonical SPDX.
pub fn normalize(original: &str) -> Result<Normalized, NormalizeError> {
    let trimmed = original.trim().trim_matches(|c| c == '"' || c == '\'').trim();
    if trimmed.is_empty() {
        return Err(NormalizeError::Empty);
    }
    // Deep nesting is legal in the grammar but only ever appears in hostile input; refuse it
    // before the parser sees it so no recursion depends on the input.
    if trimmed.chars().filter(|&c| c == '(').count() > 64 || trimmed.len() > 4096 {
        return Err(NormalizeError::Invalid {
            original: original.to_string(),
            reason: "expression is too long or too deeply nested".into(),
            term: None,
        });
    }
    let mut notes = Vec::new();
    let fixed_case = fix_id_case(trimmed);
    if fixed_case != trimmed {
        notes.push(format!("letter case of ids corrected in '{trimmed}'"));
    }
    let trimmed = fixed_case.as_str();
    if spdx::Expression::parse(trimmed).is_ok() {
        return Ok(Normalized {
            expression: trimmed.to_string(),
            original: original.to_string(),
            confidence: 1.0,
            notes,
        });
    }
    if let Some(id) = loose_lookup(trimmed) {
        notes.push(format!("license name '{trimmed}' read as {id}"));
        return Ok(Normalized { expression: id.to_string(), original: original.to_string(), confidence: 0.9, notes });
    }
    match spdx::Expression::parse_mode(trimmed, MODE) {
        Ok(_) => {
            let canonical = spdx::Expression::canonicalize(trimmed)
                .map_err(|e| invalid(original, &e))?
                .unwrap_or_else(|| trimmed.to_string());
            // canonicalize keeps deprecated ids that have no GNU form; say so.
            let strict_ok = spdx::Expression::parse(&canonical).is_ok();
            if canonical != trimmed {
                notes.push(format!("'{trimmed}' normalised to '{canonical}'"));
            }
            if !strict_ok {
                notes.push("uses a deprecated SPDX id".into());
            }
            Ok(Normalized { expression: canonical, original: original.to_string(), confidence: 1.0, notes })
        }
        Err(e) => {
            // Expressions whose parts are loose names: "MIT License OR Apache License 2.0".
            if let Some(n) = normalize_loose_parts(trimmed) {
                return Ok(Normalized { original: original.to_string(), ..n });
            }
            Err(invalid(original, &e))
        }
    }
}

/// SPDX ids are case-sensitive but people write `mit` and `apache-2.0`: restore the list's case
/// for every word that equals an id (or an exception) case-insensitively.
fn fix_id_case(s: &str) -> String {
    use std::collections::HashMap;
    use std::sync::OnceLock;
    static LOWER: OnceLock<HashMap<String, &'static str>> = OnceLock::new();
    let lower = LOWER.get_or_init(|| {
        spdx::identifiers::LICENSES
            .iter()
            .map(|l| l.name)
            .chain(spdx::identifiers::EXCEPTIONS.iter().map(|e| e.name))
            .map(|n| (n.to_ascii_lowercase(), n))
            .collect()
    });
    let mut out = String::with_capacity(s.len());
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String| {
        let (core, plus) = match word.strip_suffix('+') {
            Some(c) => (c, "+"),
            None => (word.as_str(), ""),
        };
        let upper = core.to_ascii_uppercase();
        if plus.is_empty() && matches!(upper.as_str(), "OR" | "AND" | "WITH") {
            out.push_str(&upper);
            word.clear();
            return;
        }
        match lower.get(&core.to_ascii_lowercase()) {
            Some(id) if !core.starts_with("LicenseRef-") => {
                out.push_str(id);
                out.push_str(plus);
            }
            _ => out.push_str(word),
        }
        word.clear();
    };
    for c in s.chars() {
        if c.is_whitespace() || matches!(c, '(' | ')' | '/') {
            flush(&mut word, &mut out);
            out.push(c);
        } else {
            word.push(c);
        }
    }
    flush(&mut word, &mut out);
    out
}

fn invalid(original: &str, e: &spdx::ParseError) -> NormalizeError {
    let term = e.original.get(e.span.clone()).unwrap_or("").trim();
    if !term.is_empty() && matches!(e.reason, spdx::error::Reason::UnknownTerm | spdx::error::Reason::UnknownLicense) {
        return NormalizeError::Invalid {
            original: original.to_string(),
            reason: format!("unknown term '{term}'"),
            term: Some(term.to_string()),
        };
    }
    NormalizeError::Invalid { original: original.to_string(), reason: e.reason.to_string(), term: None }
}

/// What an unknown term may have meant, for the message.
fn hint(term: Option<&str>) -> String {
    let Some(term) = term else { return String::new() };
    let suggestions = suggest(term);
    if !suggestions.is_empty() {
        format!("; did you mean {}?", suggestions.join(" or "))
    } else if !term.starts_with("LicenseRef-") {
        "; a license outside the SPDX list is written LicenseRef-NAME".to_string()
    } else {
        String::new()
    }
}

/// Current SPDX ids a mistyped term may have meant: the same id in another case, or ids that
/// begin with it ("GPL-2" → GPL-2.0-only, GPL-2.0-or-later).
fn suggest(term: &str) -> Vec<String> {
    let lower = term.to_ascii_lowercase();
    let current = || crate::licenses().chain(crate::exceptions()).filter(|l| !l.deprecated);
    if let Some(l) = current().find(|l| l.id.to_ascii_lowercase() == lower) {
        return vec![format!("'{}'", l.id)];
    }
    if let Some(id) = loose_lookup(term) {
        return vec![format!("'{id}'")];
    }
    if lower.len() < 3 {
        return Vec::new();
    }
    let starts: Vec<String> =
        current().filter(|l| l.id.to_ascii_lowercase().starts_with(&lower)).map(|l| format!("'{}'", l.id)).collect();
    if !starts.is_empty() {
        return if starts.len() <= 4 { starts } else { Vec::new() };
    }
    // A typo: ids within two edits.
    let mut near: Vec<(usize, &'static str)> =
        current().map(|l| (edits(&lower, &l.id.to_ascii_lowercase()), l.id)).filter(|(d, _)| *d <= 2).collect();
    near.sort();
    near.into_iter().take(3).map(|(_, id)| format!("'{id}'")).collect()
}

/// Levenshtein distance, bytes (ids are ASCII).
fn edits(a: &str, b: &str) -> usize {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len().abs_diff(b.len()) > 2 {
        return usize::MAX;
    }
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (above + 1).min(row[j] + 1).min(diagonal + usize::from(ca != cb));
            diagonal = above;
        }
    }
    row[b.len()]
}

/// Split on ` OR `/` AND ` (any case) and map each part through the loose names; all parts must map.
fn normalize_loose_parts(s: &str) -> Option<Normalized> {
    let mut out = String::new();
    let mut notes = Vec::new();
    let words: Vec<&str> = s.split_whitespace().collect();
    let mut part: Vec<&str> = Vec::new();
    let flush = |part: &mut Vec<&str>, out: &mut String, notes: &mut Vec<String>| -> bool {
        let text = part.join(" ");
        part.clear();
        let id = if spdx::Expression::parse(&text).is_ok() {
            text.clone()
        } else if let Some(id) = loose_lookup(&text) {
            notes.push(format!("license name '{text}' read as {id}"));
            id.to_string()
        } else {
            return false;
        };
        out.push_str(&id);
        true
    };
    for w in words {
        let op = w.to_ascii_uppercase();
        if op == "OR" || op == "AND" {
            if part.is_empty() || !flush(&mut part, &mut out, &mut notes) {
                return None;
            }
            out.push(' ');
            out.push_str(&op);
            out.push(' ');
        } else {
            part.push(w);
        }
    }
    if part.is_empty() || !flush(&mut part, &mut out, &mut notes) {
        return None;
    }
    spdx::Expression::parse(&out).ok()?;
    Some(Normalized { expression: out, original: s.to_string(), confidence: 0.9, notes })
}

/// The license and exception ids (and LicenseRefs) that occur in a canonical expression, in order
/// of first appearance, without duplicates.
pub fn license_ids_in(expression: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let Ok(expr) = spdx::Expression::parse_mode(expression, MODE) else {
        return out;
    };
    for req in expr.requirements() {
        let r = &req.req;
        let id = match &r.license {
            spdx::LicenseItem::Spdx { id, or_later } => {
                if *or_later && !id.is_gnu() {
                    format!("{}+", id.name)
                } else {
                    id.name.to_string()
                }
            }
            other => other.to_string(),
        };
        if !out.contains(&id) {
            out.push(id);
        }
        if let Some(add) = &r.addition {
            let a = add.to_string();
            if !out.contains(&a) {
                out.push(a);
            }
        }
    }
    out
}

/// The terms of a canonical expression: each license with its exception, if any
/// (`Apache-2.0 WITH LLVM-exception`), in order of first appearance, without duplicates. These
/// are what SPDX's `licenseInfoInFiles` lists.
pub fn license_terms_in(expression: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let Ok(expr) = spdx::Expression::parse_mode(expression, MODE) else {
        return out;
    };
    for req in expr.requirements() {
        let term = req.req.to_string();
        if !out.contains(&term) {
            out.push(term);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compound_parts_are_parenthesised_when_joined() {
        assert_eq!(join_expressions(&["MIT", "Apache-2.0 OR MIT"], "AND"), "MIT AND (Apache-2.0 OR MIT)");
        assert_eq!(join_expressions(&["GPL-2.0-only"], "OR"), "GPL-2.0-only");
        assert_eq!(join_expressions(&["MIT OR Apache-2.0"], "AND"), "MIT OR Apache-2.0");
    }

    fn norm(s: &str) -> String {
        normalize(s).unwrap().expression
    }

    #[test]
    fn valid_expressions_stay_as_written() {
        assert_eq!(norm("MIT OR Apache-2.0"), "MIT OR Apache-2.0");
        assert_eq!(norm("Apache-2.0 WITH LLVM-exception"), "Apache-2.0 WITH LLVM-exception");
        assert_eq!(normalize("MIT").unwrap().confidence, 1.0);
    }

    #[test]
    fn common_mistakes_are_fixed_and_noted() {
        assert_eq!(norm("MIT/Apache-2.0"), "MIT OR Apache-2.0");
        assert_eq!(norm("GPL-2.0+"), "GPL-2.0-or-later");
        assert_eq!(norm("GPL-2.0"), "GPL-2.0-only");
        assert_eq!(norm("LGPL-2.1+"), "LGPL-2.1-or-later");
        assert_eq!(norm("mit or apache-2.0"), "MIT OR Apache-2.0");
        let n = normalize("GPL-3.0+").unwrap();
        assert!(!n.notes.is_empty());
        assert_eq!(n.original, "GPL-3.0+");
    }

    #[test]
    fn gnu_short_names_however_they_are_spaced() {
        for (name, id) in [
            ("GPL v2", "GPL-2.0-only"),
            ("LGPL v2.1", "LGPL-2.1-only"),
            ("GPL version 3", "GPL-3.0-only"),
            ("agpl-3.0+", "AGPL-3.0-or-later"),
            ("GPL v2+", "GPL-2.0-or-later"),
            ("lgpl 2", "LGPL-2.0-only"),
        ] {
            assert_eq!(normalize(name).map(|n| n.expression).ok().as_deref(), Some(id), "{name}");
        }
        // No such license, or more than a name: not read.
        for name in ["LGPL v1", "GPL v4", "AGPL v2.1", "GPL v2 and more", "gplx 2"] {
            assert!(gnu_short_name(&loose_key(name)).is_none(), "{name}");
        }
    }

    #[test]
    fn loose_names_map_with_lower_confidence() {
        let n = normalize("Apache License 2.0").unwrap();
        assert_eq!(n.expression, "Apache-2.0");
        assert!(n.confidence < 1.0);
        assert_eq!(norm("MIT License"), "MIT");
        assert_eq!(norm("GNU GPL v2"), "GPL-2.0-only", "spdx's own table says GPL-3.0 here");
        assert_eq!(norm("MIT License OR Apache License 2.0"), "MIT OR Apache-2.0");
    }

    #[test]
    fn ambiguous_and_broken_input_is_refused() {
        assert!(normalize("BSD").is_err(), "BSD is not one license");
        assert!(normalize("GPL").is_err());
        assert!(matches!(normalize(""), Err(NormalizeError::Empty)));
        assert!(normalize("MIT OR").is_err());
        assert!(normalize("(MIT").is_err());
        let deep = format!("{}MIT{}", "(".repeat(10_000), ")".repeat(10_000));
        assert!(normalize(&deep).is_err());
    }

    #[test]
    fn an_unknown_term_is_named_with_what_it_may_mean() {
        let e = normalize("MIT OR Apach-2.0").unwrap_err().to_string();
        assert!(e.contains("unknown term 'Apach-2.0'; did you mean 'Apache-2.0'"), "{e}");
        let e = normalize("MIT AND Acme-Proprietary-7").unwrap_err().to_string();
        assert!(e.contains("'Acme-Proprietary-7'") && e.contains("LicenseRef-"), "{e}");
    }

    #[test]
    fn ids_are_listed_once_each() {
        assert_eq!(
            license_ids_in("MIT OR (Apache-2.0 WITH LLVM-exception AND MIT)"),
            vec!["MIT", "Apache-2.0", "LLVM-exception"]
        );
        assert_eq!(license_ids_in("GPL-2.0-or-later"), vec!["GPL-2.0-or-later"]);
        assert_eq!(license_ids_in("LicenseRef-foo"), vec!["LicenseRef-foo"]);
        assert_eq!(
            license_terms_in("MIT OR Apache-2.0 WITH LLVM-exception OR MIT"),
            vec!["MIT", "Apache-2.0 WITH LLVM-exception"]
        );
        assert_eq!(license_terms_in("GPL-2.0-or-later"), vec!["GPL-2.0-or-later"]);
    }
}
