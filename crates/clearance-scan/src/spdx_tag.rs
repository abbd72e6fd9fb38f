//! `SPDX-License-Identifier:` tags, read leniently (lowercase ids, `/`, `+`, trailing comment
//! closers), with the text as written kept beside the normalised expression.

use memchr::memmem;

use crate::model::{Detector, Finding};
use crate::text::cap;

const TAG: &str = "spdx-license-identifier";

pub fn find_tags(text: &str) -> Vec<Finding> {
    let mut out = Vec::new();
    // Cheap gate: most files have no tag at all.
    static FINDER: std::sync::LazyLock<memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memmem::Finder::new(b"icense-"));
    static UPPER: std::sync::LazyLock<memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memmem::Finder::new(b"ICENSE-"));
    // Only the lines that hold a gate's hit are read: a tag stands on one line.
    let bytes = text.as_bytes();
    let mut hits: Vec<usize> = FINDER.find_iter(bytes).chain(UPPER.find_iter(bytes)).collect();
    if hits.is_empty() {
        return out;
    }
    hits.sort_unstable();
    let (mut i, mut counted) = (0usize, 0usize);
    let mut last_start = None;
    for pos in hits {
        let start = memchr::memrchr(b'\n', &bytes[..pos]).map_or(0, |p| p + 1);
        if last_start == Some(start) {
            continue;
        }
        last_start = Some(start);
        i += memchr::memchr_iter(b'\n', &bytes[counted..start]).count();
        counted = start;
        let line = match memchr::memchr(b'\n', &bytes[pos..]) {
            Some(p) => text[start..pos + p].strip_suffix('\r').unwrap_or(&text[start..pos + p]),
            None => &text[start..],
        };
        if line.len() > 2000 {
            continue;
        }
        let lower = line.to_ascii_lowercase();
        let Some(pos) = lower.find(TAG) else { continue };
        if !is_comment_prefix(&lower[..pos]) {
            continue;
        }
        let after = &line[pos + TAG.len()..];
        let Some(value) = after.trim_start().strip_prefix(':') else { continue };
        let value = clean_value(value);
        if value.is_empty() {
            continue;
        }
        let line_no = i as u32 + 1;
        let mut f = Finding {
            detector: Detector::SpdxTag,
            expression: None,
            original: Some(value.to_string()),
            score: 1.0,
            start_line: line_no,
            end_line: line_no,
            matched_text: cap(line.trim(), 400),
            diagnostic: None,
            notes: Vec::new(),
        };
        match clearance_licenses::normalize(value) {
            Ok(n) => {
                if n.confidence < 1.0 {
                    f.diagnostic = Some("imprecise-license-name".into());
                }
                f.score = n.confidence;
                f.expression = Some(n.expression);
                f.notes = n.notes;
            }
            Err(e) => {
                f.score = 0.0;
                f.diagnostic = Some("invalid-spdx-expression".into());
                f.notes.push(e.to_string());
            }
        }
        out.push(f);
    }
    out
}

/// Only comment syntax may precede a tag on its line; anything else (a string literal in code
/// that talks about tags, prose) is not a tag.
fn is_comment_prefix(prefix: &str) -> bool {
    let p = prefix.trim();
    let p = p.strip_prefix("rem ").or_else(|| p.strip_prefix("dnl ")).or_else(|| p.strip_prefix("@c ")).unwrap_or(p);
    p.chars().all(|c| c.is_whitespace() || "/*#!-<;%{}|.@\\".contains(c)) && !p.contains("\"")
}

/// Strip what surrounds a tag's value in real files: comment closers, quotes, trailing
/// punctuation (`*/`, `-->`, `"`, `;`).
fn clean_value(v: &str) -> &str {
    let mut v = v.trim();
    for closer in ["*/", "-->", "*)", "#}", "%>", "\"\"\"", "'''", "--}}", "-}"] {
        if let Some(stripped) = v.strip_suffix(closer) {
            v = stripped.trim_end();
        }
    }
    v.trim_matches(|c: char| c == '"' || c == '\'' || c == '`' || c == ';' || c == ',' || c.is_whitespace())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> Finding {
        let mut v = find_tags(text);
        assert_eq!(v.len(), 1, "{text:?} gave {v:?}");
        v.remove(0)
    }

    #[test]
    fn tags_in_every_comment_style() {
        assert_eq!(one("// SPDX-License-Identifier: MIT\nfn x(){}").expression.as_deref(), Some("MIT"));
        assert_eq!(
            one("/* SPDX-License-Identifier: Apache-2.0 OR MIT */").expression.as_deref(),
            Some("Apache-2.0 OR MIT")
        );
        assert_eq!(one("<!-- SPDX-License-Identifier: CC-BY-4.0 -->").expression.as_deref(), Some("CC-BY-4.0"));
        assert_eq!(
            one("#!/bin/sh\n# SPDX-License-Identifier: GPL-2.0+\n").expression.as_deref(),
            Some("GPL-2.0-or-later")
        );
        let f = one("x\n\n  * spdx-license-identifier: mit/apache-2.0\n");
        assert_eq!(f.expression.as_deref(), Some("MIT OR Apache-2.0"));
        assert_eq!(f.original.as_deref(), Some("mit/apache-2.0"));
        assert_eq!(f.start_line, 3);
    }

    #[test]
    fn broken_tags_are_kept_with_a_diagnostic() {
        let f = one("// SPDX-License-Identifier: MIT OR");
        assert_eq!(f.expression, None);
        assert_eq!(f.diagnostic.as_deref(), Some("invalid-spdx-expression"));
        assert_eq!(f.original.as_deref(), Some("MIT OR"));
        let deep = format!("// SPDX-License-Identifier: {}MIT{}", "(".repeat(10_000), ")".repeat(10_000));
        assert_eq!(find_tags(&deep).len(), 0, "a 20 kB line is not a tag anyone wrote");
    }

    #[test]
    fn mentions_without_a_value_are_not_tags() {
        assert!(find_tags("we read SPDX-License-Identifier tags").is_empty());
        assert!(find_tags("const TAG = \"SPDX-License-Identifier:\";").is_empty());
        assert!(find_tags("let x = \"// SPDX-License-Identifier: MIT\";").is_empty());
        assert!(find_tags("Use an SPDX-License-Identifier: MIT tag").is_empty());
    }
}
