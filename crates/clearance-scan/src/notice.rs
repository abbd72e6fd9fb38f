//! License notices and references in prose and file headers: the standard notices of the
//! Apache, GNU, Mozilla, Eclipse and CDDL licenses, and mentions such as "released under the
//! MIT license". Rules are phrases over normalised text (lowercase, one space, no comment
//! markers); each rule says which SPDX id the phrase means and how strong the evidence is.

use std::sync::LazyLock;

use regex::Regex;

use crate::model::Detector;

/// A leading comment block of a source file, comment markers removed.
#[derive(Debug, Clone, PartialEq)]
pub struct CommentBlock {
    /// 1-based inclusive.
    pub start_line: u32,
    pub end_line: u32,
    pub text: String,
}

/// Block comments and docstrings: opener and closer.
pub const BLOCK_COMMENTS: &[(&str, &str)] = &[
    ("/*", "*/"),
    ("<!--", "-->"),
    ("\"\"\"", "\"\"\""),
    ("'''", "'''"),
    ("=begin", "=end"),
    ("{-", "-}"),
    ("(*", "*)"),
];

const LINE_MARKERS: &[&str] =
    &["///", "//!", "//", "#", "--", ";;", ";", "%", "!", "'", "rem ", "REM ", "dnl ", "..", "*"];

/// Lines of code a header may follow (`<?php`, `package x;`, imports, build tags): comments
/// after more code than this are remarks in the code, not the file's header.
const CODE_BEFORE_HEADER: usize = 12;

/// The comment blocks among the first `max_lines` lines of a file, before its code starts. A
/// block is a run of comment lines (line comments, or the inside of `/* … */`, `<!-- … -->`,
/// `""" … """`, `=begin … =end`).
pub fn leading_comments(text: &str, max_lines: usize) -> Vec<CommentBlock> {
    let mut blocks = Vec::new();
    let mut current: Option<(u32, u32, String)> = None;
    let mut closer: Option<&'static str> = None;
    let mut code_lines = 0;
    for (idx, raw) in crate::text::lines(text).take(max_lines).enumerate() {
        if code_lines > CODE_BEFORE_HEADER && current.is_none() && closer.is_none() {
            break;
        }
        let n = idx as u32 + 1;
        let line = raw.trim();
        let mut content: Option<String> = None;
        if let Some(end) = closer {
            let (body, closed) = match line.find(end) {
                Some(p) => (&line[..p], true),
                None => (line, false),
            };
            content = Some(strip_marker(body));
            if closed {
                closer = None;
            }
        } else {
            for &(open, close) in BLOCK_COMMENTS {
                if let Some(rest) = line.strip_prefix(open) {
                    match rest.find(close) {
                        Some(p) => content = Some(strip_marker(&rest[..p])),
                        None => {
                            content = Some(strip_marker(rest));
                            closer = Some(close);
                        }
                    }
                    break;
                }
            }
            if content.is_none()
                && !line.starts_with("#!")
                && !line.starts_with("#include")
                && !line.starts_with("#define")
                && !line.starts_with("#[")
                && !line.starts_with("#if")
                && !line.starts_with("#pragma")
                && LINE_MARKERS.iter().any(|m| line.starts_with(m))
            {
                content = Some(strip_marker(line));
            }
        }
        match (content, &mut current) {
            (Some(c), Some((_, end, buf))) => {
                *end = n;
                buf.push_str(&c);
                buf.push('\n');
            }
            (Some(c), None) => current = Some((n, n, format!("{c}\n"))),
            (None, _) if line.is_empty() => {}
            (None, _) => {
                code_lines += 1;
                if let Some((s, e, t)) = current.take() {
                    blocks.push(CommentBlock { start_line: s, end_line: e, text: t });
                }
            }
        }
    }
    if let Some((s, e, t)) = current.take() {
        blocks.push(CommentBlock { start_line: s, end_line: e, text: t });
    }
    blocks
}

fn strip_marker(line: &str) -> String {
    let mut l = line.trim();
    for m in LINE_MARKERS {
        if let Some(rest) = l.strip_prefix(m) {
            l = rest;
            break;
        }
    }
    let l = l.trim_end_matches("*/").trim_end_matches("-->").trim();
    l.trim_start_matches(['*', '#', '/']).trim().to_string()
}

static QUOTED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#""[^"]{4,200}"|“[^”]{4,200}”|`[^`]{4,200}`"#).expect("regex"));
static EXAMPLE_CUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:licen[cs]ed|released|distributed|see|under|governed|spdx-license-identifier)\b|\blicen[cs]e:")
        .expect("regex")
});

/// A comment with its quoted examples blanked: a quoted phrase of several words that says how
/// something is licensed ("released under the MIT license", "See the file COPYING") is prose
/// about notices, as in license tools' own sources. Quoted names stay ("Artistic License 2.0",
/// the "License", the "Classpath" exception). Lines keep their count.
pub fn without_quoted_examples(text: &str) -> String {
    if !text.contains(['"', '“', '`']) {
        return text.to_string();
    }
    QUOTED
        .replace_all(text, |c: &regex::Captures| {
            let q = &c[0];
            if q.split_whitespace().count() >= 2 && EXAMPLE_CUE.is_match(q) {
                q.chars().map(|c| if c == '\n' { '\n' } else { ' ' }).collect()
            } else {
                q.to_string()
            }
        })
        .into_owned()
}

/// Is the text's byte range `start..end` inside a quoted example on its line (see
/// [`without_quoted_examples`])?
pub fn in_quoted_example(text: &str, start: usize, end: usize) -> bool {
    let line_start = text[..start].rfind('\n').map_or(0, |p| p + 1);
    let line_end = text[end..].find('\n').map_or(text.len(), |p| end + p);
    let line = &text[line_start..line_end];
    if !line.contains(['"', '“', '`']) {
        return false;
    }
    QUOTED.find_iter(line).any(|q| {
        let (qs, qe) = (line_start + q.start(), line_start + q.end());
        qs <= start && end <= qe && q.as_str().split_whitespace().count() >= 2 && EXAMPLE_CUE.is_match(q.as_str())
    })
}

/// Lowercase, one space between words, punctuation that differs between notices reduced.
pub fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() || c == '*' || c == '#' {
            space = true;
        } else {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.extend(c.to_lowercase());
        }
    }
    out.replace(['“', '”'], "\"").replace('’', "'")
}

/// One license a rule saw.
#[derive(Debug, Clone, PartialEq)]
pub struct RuleHit {
    pub id: String,
    pub detector: Detector,
    pub score: f32,
    pub note: Option<String>,
}

struct Rule {
    re: Regex,
    id: &'static str,
    detector: Detector,
    score: f32,
}

fn rule(re: &str, id: &'static str, detector: Detector, score: f32) -> Rule {
    Rule { re: Regex::new(re).expect("rule regex"), id, detector, score }
}

static RULES: LazyLock<Vec<Rule>> = LazyLock::new(|| {
    use Detector::{LicenseNotice as N, LicenseReference as R};
    vec![
        rule(r"licensed under the apache license,? (?:version|v\.?) ?2\.0", "Apache-2.0", N, 1.0),
        rule(
            r"apache license,? (?:version|v\.?) ?2\.0|apache-2\.0 license|apache 2\.0 license|www\.apache\.org/licenses/license-2\.0",
            "Apache-2.0",
            R,
            0.9,
        ),
        rule(r"mozilla public license,? (?:v\.?|version) ?2\.0|mozilla\.org/mpl/2\.0", "MPL-2.0", N, 1.0),
        rule(r"mozilla public license,? (?:v\.?|version) ?1\.1", "MPL-1.1", N, 1.0),
        rule(r"eclipse public license,? (?:- )?(?:v\.?|version) ?2\.0|eclipse\.org/legal/epl-2\.0", "EPL-2.0", N, 1.0),
        rule(r"eclipse public license,? (?:- )?(?:v\.?|version) ?1\.0|eclipse\.org/legal/epl-v10", "EPL-1.0", N, 1.0),
        rule(
            r"common development and distribution license,? (?:\(cddl\),? )?(?:version|v\.?) ?1\.0",
            "CDDL-1.0",
            N,
            1.0,
        ),
        rule(
            r"common development and distribution license,? (?:\(cddl\),? )?(?:version|v\.?) ?1\.1",
            "CDDL-1.1",
            N,
            1.0,
        ),
        rule(
            r"(?:licensed|released|distributed|available|published|provided) under (?:the )?(?:terms of the )?(?:\[)?mit(?:\])? licen[cs]e|\bmit licensed\b|\blicensed mit\b|the mit license \(mit\)|^licen[cs]e: mit\b|opensource\.org/licenses/mit\b",
            "MIT",
            R,
            0.9,
        ),
        rule(
            r"(?:licensed|released|distributed) under (?:the )?(?:terms of the )?isc licen[cs]e|opensource\.org/licenses/isc\b",
            "ISC",
            R,
            0.9,
        ),
        rule(
            r"(?:licensed|released|distributed) under (?:the )?(?:terms of the )?(?:bsd[- ]3[- ]clause|3[- ]clause bsd|new bsd|revised bsd|modified bsd) licen[cs]e",
            "BSD-3-Clause",
            R,
            0.9,
        ),
        rule(
            r"(?:licensed|released|distributed) under (?:the )?(?:terms of the )?(?:bsd[- ]2[- ]clause|2[- ]clause bsd|simplified bsd|freebsd) licen[cs]e",
            "BSD-2-Clause",
            R,
            0.9,
        ),
        rule(r"this is free and unencumbered software released into the public domain", "Unlicense", N, 1.0),
        rule(r"boost software license,? (?:- )?version 1\.0|boost\.org/license_1_0\.txt", "BSL-1.0", N, 1.0),
        rule(r"creativecommons\.org/publicdomain/zero/1\.0|\bcc0 1\.0 universal\b", "CC0-1.0", R, 0.9),
        rule(
            r"artistic licen[cs]e,? (?:version |v\.? ?)?2\.0|opensource\.org/licenses/artistic-2\.0",
            "Artistic-2.0",
            R,
            0.9,
        ),
        // Perl's own license, as perlartistic and perlgpl put it: a choice of the two.
        rule(r"(?:under|by) the same terms as perl itself", "Artistic-1.0-Perl OR GPL-1.0-or-later", N, 0.9),
        // The FSF's all-permissive notices of autotools files, each with its SPDX id.
        rule(
            r"free software foundation gives unlimited permission to copy and/or distribute it, with or without modifications, as long as this notice is preserved",
            "FSFULLR",
            N,
            1.0,
        ),
        rule(r"free software foundation gives unlimited permission to copy, distribute and modify it", "FSFUL", N, 1.0),
        rule(
            r"copying and distribution of this file, with or without modification, are permitted in any medium without royalty provided the copyright notice and this notice are preserved",
            "FSFAP",
            N,
            1.0,
        ),
    ]
});

static GNU: LazyLock<Regex> = LazyLock::new(|| {
    // Word orders seen in the wild too: "GNU General Lesser Public License", "GNU Library
    // General Public License" (LGPL 2.0's own name).
    // "GNU Public License" is a common misnomer of the GPL.
    Regex::new(r"gnu (?:(lesser|library|affero) )?(?:general )?(?:(lesser|library) )?public licen[cs]e").unwrap()
});
static UNDER_ID: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\b(?:licensed|released|distributed|available|licenced) under (?:the )?([a-z0-9][a-z0-9.+-]*[0-9a-z](?: (?:or|and) [a-z0-9][a-z0-9.+-]*[0-9a-z])*)(?:[ .,;)]|$)",
    )
    .unwrap()
});

/// Names listed in prose as a choice: "under your choice of the BSD 3-clause, Apache 2, or MIT
/// license".
static CHOICE_LIST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\b(?:your|the user'?s?|their) choice of (?:either )?(?:the )?([a-z0-9][a-z0-9.+ -]{1,40}?(?:, (?:the )?[a-z0-9][a-z0-9.+ -]{1,40}?)*,? (?:or|and) (?:the )?[a-z0-9][a-z0-9.+ -]{1,40}?) licen[cs]es?\b",
    )
    .unwrap()
});
/// "Permissively licensed (0BSD)", "licensed as (MIT)": an id in brackets right after the word.
static LICENSED_PAREN_ID: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\blicen[cs]ed (?:as |under )?\(([a-z0-9][a-z0-9.+-]*[a-z0-9])\)").unwrap());

static GNU_ABBREVIATED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\b(?:licensed|released|distributed|available|licenced) under (?:the )?(?:terms of (?:the )?)?(a?l?gpl) ?(?:v|version )?([123])(?:\.([01]))?(\+|,? or later|,? or (?:\(at your option\) )?any later version)?(?:[^a-z0-9]|$)",
    )
    .unwrap()
});

static GNU_VERSION: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:version|v\.?) ?([123])(?:\.([01]))?(?: of the licen[cs]e)?").unwrap());
static GNU_LATER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"or \(?at your option\)? any later version|or any later version|or later version|\bor later\b|-or-later|\+ ",
    )
    .unwrap()
});

/// License exceptions (SPDX's exception list) as their notices word them, and the license each
/// one is added to.
struct ExceptionRule {
    re: Regex,
    id: &'static str,
    /// Ids of the licenses it can be added to start with this.
    to: &'static [&'static str],
}

static EXCEPTIONS: LazyLock<Vec<ExceptionRule>> = LazyLock::new(|| {
    let e = |re: &str, id, to| ExceptionRule { re: Regex::new(re).expect("exception regex"), id, to };
    const GPL: &[&str] = &["GPL-", "LGPL-"];
    vec![
        e(
            r#""?classpath"? exception|linking this library statically or dynamically with other modules is making a combined work based on this library"#,
            "Classpath-exception-2.0",
            GPL,
        ),
        e(r"with llvm exceptions?\b|\bllvm-exception\b", "LLVM-exception", &["Apache-2.0"]),
        e(r"gcc runtime library exception", "GCC-exception-3.1", &["GPL-3.0"]),
        e(
            r"compiled with gcc,? to produce an executable,? (?:this|the) (?:library|file) does not by itself cause",
            "GCC-exception-2.0",
            GPL,
        ),
        e(
            r"if you distribute this file as part of a program or library that is built using gnu libtool",
            "Libtool-exception",
            GPL,
        ),
        e(
            r"(?:if you distribute this file|this file may be distributed) as part of a program that contains a configuration script generated by autoconf",
            "Autoconf-exception-generic",
            GPL,
        ),
        e(r"autoconf configure script exception", "Autoconf-exception-3.0", &["GPL-3.0"]),
        e(
            // "the respective Autoconf Macro's copyright owner gives …", or as xine's m4 files
            // (copied into many packages) put it: "the copyright owners of the macro gives …".
            r"copyright owners? (?:of the macro )?gives? unlimited permission to copy, distribute and modify the configure scripts that are the output of autoconf",
            "Autoconf-exception-macro",
            GPL,
        ),
        e(
            r"free software foundation gives unlimited permission to copy, distribute and modify the configure scripts that are the output of autoconf",
            "Autoconf-exception-2.0",
            GPL,
        ),
        e(r"part or all of the bison parser skeleton", "Bison-exception-2.2", GPL),
        e(
            r"does \*?not\*? cover user programs that use kernel services by normal system calls|linux-syscall-note",
            "Linux-syscall-note",
            &["GPL-2.0"],
        ),
        e(r"if you create a document which uses this font", "Font-exception-2.0", GPL),
    ]
});

/// Each exception a notice grants, added to the first license it applies to ("GPL-2.0-only" →
/// "GPL-2.0-only WITH Classpath-exception-2.0").
fn add_exceptions(norm: &str, hits: &mut [RuleHit]) {
    for e in EXCEPTIONS.iter() {
        if !e.re.is_match(norm) {
            continue;
        }
        // The generic Autoconf exception has a version 3 wording of its own.
        let id = if e.id == "Autoconf-exception-generic" && norm.contains("additional permission under section 7") {
            "Autoconf-exception-generic-3.0"
        } else {
            e.id
        };
        if let Some(h) = hits.iter_mut().find(|h| !h.id.contains(' ') && e.to.iter().any(|t| h.id.starts_with(t))) {
            h.id = format!("{} WITH {id}", h.id);
            h.note = Some(match h.note.take() {
                Some(n) => format!("{n}; with the {id} the notice grants"),
                None => format!("with the {id} the notice grants"),
            });
        }
    }
}

/// Apply the rules to a normalised text.
pub fn rule_hits(norm: &str) -> Vec<RuleHit> {
    let mut hits = plain_rule_hits(norm);
    // The notice with the warranty disclaimer is its own license.
    if hits.iter().any(|h| h.id == "FSFULLR") && norm.contains("without any warranty, to the extent permitted by law") {
        hits.retain(|h| h.id != "FSFULLR");
        hits.push(RuleHit { id: "FSFULLRWD".into(), detector: Detector::LicenseNotice, score: 1.0, note: None });
    }
    add_exceptions(norm, &mut hits);
    hits
}

fn plain_rule_hits(norm: &str) -> Vec<RuleHit> {
    let mut hits: Vec<RuleHit> = Vec::new();
    let mut push = |id: String, detector: Detector, score: f32, note: Option<String>| {
        if let Some(h) = hits.iter_mut().find(|h| h.id == id) {
            if detector == Detector::LicenseNotice {
                h.detector = detector;
            }
            h.score = h.score.max(score);
        } else {
            hits.push(RuleHit { id, detector, score, note });
        }
    };
    for r in RULES.iter() {
        if r.re.is_match(norm) {
            push(r.id.to_string(), r.detector, r.score, None);
        }
    }
    // "Licensed under MIT.", "released under Apache-2.0 or MIT": an SPDX id written as such.
    for c in UNDER_ID.captures_iter(norm) {
        let Some(written) = c.get(1) else { continue };
        let expr = written.as_str().trim_end_matches(['.', ',', ';', ')']);
        if let Ok(n) = clearance_licenses::normalize(expr)
            && n.confidence >= 1.0
            && !n.expression.contains("LicenseRef-")
        {
            for id in clearance_licenses::license_ids_in(&n.expression) {
                push(id, Detector::LicenseReference, 0.9, None);
            }
        }
    }
    for c in norm.contains("choice of").then(|| CHOICE_LIST.captures_iter(norm)).into_iter().flatten() {
        let list = c[1].replace(", or ", ",").replace(", and ", ",").replace(" or ", ",").replace(" and ", ",");
        let ids: Option<Vec<String>> = list
            .split(',')
            .map(|item| {
                let item = item.trim().trim_start_matches("the ");
                clearance_licenses::normalize(item)
                    .ok()
                    .filter(|n| {
                        n.confidence >= 0.9 && !n.expression.contains("LicenseRef-") && !n.expression.contains(' ')
                    })
                    .map(|n| n.expression)
            })
            .collect();
        // Every name must be one: "your choice of platform or compiler license" is not a list.
        if let Some(ids) = ids.filter(|ids| (2..=5).contains(&ids.len())) {
            for id in ids {
                push(id, Detector::LicenseReference, 0.9, None);
            }
        }
    }
    for c in LICENSED_PAREN_ID.captures_iter(norm) {
        if let Ok(n) = clearance_licenses::normalize(&c[1])
            && n.confidence >= 1.0
            && !n.expression.contains("LicenseRef-")
        {
            for id in clearance_licenses::license_ids_in(&n.expression) {
                push(id, Detector::LicenseReference, 0.9, None);
            }
        }
    }
    // "licensed under the terms of the GPL v2", "under the LGPLv2.1+": GNU licenses abbreviated.
    if !GNU.is_match(norm)
        && let Some(c) = GNU_ABBREVIATED.captures(norm)
        && let Some(id) =
            gnu_version_id(&c[1].to_ascii_uppercase(), &c[2], c.get(3).map_or("0", |m| m.as_str()), c.get(4).is_some())
    {
        push(id, Detector::LicenseReference, 0.9, None);
    }
    // gettext's macros: "This file can be used in projects which are not available under the
    // GNU General Public License …; the actual code of the GNU gettext library is covered by …".
    // A license the file may be used without, and the licenses of another package, are not
    // the file's.
    let negated = |g: &regex::Captures| {
        let m = g.get(0).expect("match");
        let before = safe_slice(norm, m.start().saturating_sub(30), m.start());
        before.contains("not available under") || before.contains("not licensed under")
    };
    if let Some(gnu) = GNU.captures(norm).filter(|g| !negated(g)) {
        let m = gnu.get(0).expect("match");
        // The version and "or later" wording sit near the license name.
        let from = m.start().saturating_sub(300);
        let to = (m.end() + 300).min(norm.len());
        let window = safe_slice(norm, from, to);
        let qualifier = gnu.get(1).or(gnu.get(2)).map(|g| g.as_str());
        let family = match qualifier {
            Some("affero") => "AGPL",
            Some("lesser") | Some("library") => "LGPL",
            _ => "GPL",
        };
        let later = GNU_LATER.is_match(window);
        let version = GNU_VERSION.captures(window).map(|c| {
            let major = c.get(1).map_or("", |m| m.as_str());
            let minor = c.get(2).map_or("0", |m| m.as_str());
            format!("{major}.{minor}")
        });
        let (id, score, note) = match (family, version.as_deref()) {
            ("LGPL", Some("2.0")) if qualifier == Some("lesser") && !later => {
                // "Lesser GPL version 2" does not exist: 2.1 is meant.
                ("LGPL-2.1-only".to_string(), 0.9, Some("the Lesser GPL has no version 2; 2.1 is meant".to_string()))
            }
            (f, Some(v)) => (format!("{f}-{v}-{}", if later { "or-later" } else { "only" }), 1.0, None),
            ("AGPL", None) => ("AGPL-3.0-or-later".to_string(), 0.6, Some("no version stated".to_string())),
            ("LGPL", None) => {
                ("LGPL-2.0-or-later".to_string(), 0.6, Some("no version stated: any version may be chosen".to_string()))
            }
            (_, None) => {
                ("GPL-1.0-or-later".to_string(), 0.6, Some("no version stated: any version may be chosen".to_string()))
            }
        };
        if clearance_licenses::license(&id).is_some() {
            let strong = norm.contains("free software")
                || norm.contains("you can redistribute it")
                || norm.contains("licensed under")
                || norm.contains("distributed under");
            push(id, if strong { Detector::LicenseNotice } else { Detector::LicenseReference }, score, note);
        }
    }
    hits
}

fn safe_slice(s: &str, mut from: usize, mut to: usize) -> &str {
    while !s.is_char_boundary(from) {
        from -= 1;
    }
    while !s.is_char_boundary(to) {
        to += 1;
    }
    &s[from..to]
}

/// Does the text say the licenses it names are alternatives ("at your option", "dual licensed")?
pub fn is_choice(norm: &str) -> bool {
    let without_later = GNU_LATER.replace_all(norm, "");
    without_later.contains("at your option")
        || without_later.contains("dual licensed")
        || without_later.contains("dual-licensed")
        || without_later.contains("either of")
        || without_later.contains("your choice")
}

/// Words that make a comment block worth matching against full license texts.
pub fn mentions_license_text(norm: &str) -> bool {
    norm.contains("permission is hereby granted")
        || norm.contains("redistribution and use in source and binary forms")
        || norm.contains("permission to use, copy, modify")
        || norm.contains("this software is provided 'as-is'")
        || norm.contains("this software is provided \"as-is\"")
}

/// A GNU license's id from its family and a written version ("GPL", "2", "1", or later): the
/// id when the SPDX list has it ("GPL v7" is none).
pub(crate) fn gnu_version_id(family: &str, major: &str, minor: &str, later: bool) -> Option<String> {
    let id = format!("{family}-{major}.{minor}-{}", if later { "or-later" } else { "only" });
    clearance_licenses::license(&id).is_some().then_some(id)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(text: &str) -> Vec<String> {
        rule_hits(&normalise(text)).into_iter().map(|h| h.id).collect()
    }

    #[test]
    fn gnu_notices_keep_only_and_later_apart() {
        let later = "This program is free software; you can redistribute it and/or modify it under the terms of the GNU General Public License as published by the Free Software Foundation; either version 2 of the License, or (at your option) any later version.";
        assert_eq!(ids(later), vec!["GPL-2.0-or-later"]);
        let only = "This program is free software; you can redistribute it and/or modify it under the terms of the GNU General Public License version 2 as published by the Free Software Foundation.";
        assert_eq!(ids(only), vec!["GPL-2.0-only"]);
        assert_eq!(
            ids(
                "under the terms of the GNU Lesser General Public License as published by the Free Software Foundation; either version 2.1 of the License, or (at your option) any later version."
            ),
            vec!["LGPL-2.1-or-later"]
        );
        assert_eq!(
            ids(
                "GNU Affero General Public License as published by the Free Software Foundation, either version 3 of the License, or (at your option) any later version"
            ),
            vec!["AGPL-3.0-or-later"]
        );
        assert_eq!(ids("GNU Library General Public License version 2"), vec!["LGPL-2.0-only"]);
    }

    #[test]
    fn other_notices() {
        assert_eq!(ids("Licensed under the Apache License, Version 2.0 (the \"License\");"), vec!["Apache-2.0"]);
        assert_eq!(
            ids("This Source Code Form is subject to the terms of the Mozilla Public License, v. 2.0."),
            vec!["MPL-2.0"]
        );
        assert_eq!(ids("made available under the terms of the Eclipse Public License v2.0"), vec!["EPL-2.0"]);
        assert_eq!(ids("This library is released under the MIT License."), vec!["MIT"]);
    }

    #[test]
    fn names_listed_as_a_choice_are_each_found() {
        let mut got = ids("num_enum may be used under your choice of the BSD 3-clause, Apache 2, or MIT license.");
        got.sort();
        assert_eq!(got, vec!["Apache-2.0", "BSD-3-Clause", "MIT"]);
        assert!(is_choice(&normalise("under your choice of the BSD 3-clause, Apache 2, or MIT license")));
        // Not every word before "license" is a name: no list, no finding.
        assert!(ids("at your choice of compiler or platform license").is_empty());
        assert_eq!(ids("Permissively licensed (0BSD)."), vec!["0BSD"]);
    }

    #[test]
    fn the_lesser_gpl_without_a_version_or_from_2_on_is_read_as_written() {
        // LGPL 2.1 lets "no version" mean any version ever published, the Library GPL 2.0
        // included, and "version 2 or later" includes 2.0: read literally (Debian's files say
        // LGPL-2.0+ for some packages, LGPL-2.1+ for others, for these same words).
        let lesser = "this program is free software; you can redistribute it and/or modify it under the terms of the gnu lesser general public license as published by the free software foundation.";
        assert_eq!(ids(lesser), vec!["LGPL-2.0-or-later"]);
        let lesser_two = "you can redistribute it and/or modify it under the terms of the gnu lesser general public license as published by the free software foundation; either version 2 of the license, or (at your option) any later version.";
        assert_eq!(ids(lesser_two), vec!["LGPL-2.0-or-later"]);
        let lesser_two_only = "you can redistribute it under the terms of the gnu lesser general public license version 2 as published by the free software foundation.";
        assert_eq!(ids(lesser_two_only), vec!["LGPL-2.1-only"]);
    }

    #[test]
    fn exceptions_are_added_to_the_license_they_belong_to() {
        let classpath = "this code is free software; you can redistribute it and/or modify it under the terms of the gnu general public license version 2 only, as published by the free software foundation. oracle designates this particular file as subject to the \"classpath\" exception as provided by oracle in the license file that accompanied this code.";
        assert_eq!(ids(classpath), vec!["GPL-2.0-only WITH Classpath-exception-2.0"]);
        let llvm = "part of the llvm project, under the apache license v2.0 with llvm exceptions. see https://llvm.org/license.txt for license information.";
        assert_eq!(ids(llvm), vec!["Apache-2.0 WITH LLVM-exception"]);
        let gcc = "gcc is free software; you can redistribute it and/or modify it under the terms of the gnu general public license as published by the free software foundation; either version 3, or (at your option) any later version. under section 7 of gpl version 3, you are granted additional permissions described in the gcc runtime library exception, version 3.1, as published by the free software foundation.";
        assert_eq!(ids(gcc), vec!["GPL-3.0-or-later WITH GCC-exception-3.1"]);
        let bison = "this program is free software: you can redistribute it and/or modify it under the terms of the gnu general public license as published by the free software foundation, either version 3 of the license, or (at your option) any later version. as a special exception, you may create a larger work that contains part or all of the bison parser skeleton and distribute that work under terms of your choice";
        assert_eq!(ids(bison), vec!["GPL-3.0-or-later WITH Bison-exception-2.2"]);
        // gettext's m4 files word the generic Autoconf exception their own way.
        let m4 = "this file is free software, distributed under the terms of the gnu general public license. as a special exception to the gnu general public license, this file may be distributed as part of a program that contains a configuration script generated by autoconf, under the same distribution terms as the rest of that program.";
        assert_eq!(ids(m4), vec!["GPL-1.0-or-later WITH Autoconf-exception-generic"]);
        // An exception for a license the text does not name is not attached to another.
        assert_eq!(ids("licensed under the mit license. \"classpath\" exception"), vec!["MIT"]);
        for id in [
            "Classpath-exception-2.0",
            "LLVM-exception",
            "GCC-exception-3.1",
            "Bison-exception-2.2",
            "Autoconf-exception-generic",
            "Libtool-exception",
            "Linux-syscall-note",
            "Font-exception-2.0",
            "GCC-exception-2.0",
            "Autoconf-exception-3.0",
        ] {
            assert!(clearance_licenses::exception(id).is_some(), "{id} is on the SPDX exception list");
        }
    }

    #[test]
    fn fsf_permissive_perl_and_artistic_notices() {
        let fsfullr = "this file is free software; the free software foundation gives unlimited permission to copy and/or distribute it, with or without modifications, as long as this notice is preserved.";
        assert_eq!(ids(fsfullr), vec!["FSFULLR"]);
        let wd = format!(
            "{fsfullr} this program is distributed in the hope that it will be useful, but without any warranty, to the extent permitted by law; without even the implied warranty of merchantability"
        );
        assert_eq!(ids(&wd), vec!["FSFULLRWD"]);
        assert_eq!(
            ids(
                "copying and distribution of this file, with or without modification, are permitted in any medium without royalty provided the copyright notice and this notice are preserved. this file is offered as-is, without any warranty."
            ),
            vec!["FSFAP"]
        );
        assert_eq!(
            ids(
                "this configure script is free software; the free software foundation gives unlimited permission to copy, distribute and modify it."
            ),
            vec!["FSFUL"]
        );
        assert_eq!(
            ids(
                "this library is free software; you can redistribute it and/or modify it under the same terms as perl itself."
            ),
            vec!["Artistic-1.0-Perl OR GPL-1.0-or-later"]
        );
        assert_eq!(
            ids("you can redistribute it under the \"artistic license 2.0\" included in this distribution"),
            vec!["Artistic-2.0"]
        );
        assert_eq!(ids("copyright (c) 2013 ducksboard; licensed mit"), vec!["MIT"]);
    }

    #[test]
    fn abbreviated_gnu_names_after_licensed_under() {
        assert_eq!(
            ids("if distributed as part of the linux kernel, this code is licensed under the terms of the gpl v2."),
            vec!["GPL-2.0-only"]
        );
        assert_eq!(ids("released under the lgplv2.1+"), vec!["LGPL-2.1-or-later"]);
        assert_eq!(ids("distributed under the gpl version 3 or any later version"), vec!["GPL-3.0-or-later"]);
        // Prose that merely compares with the GPL is not a notice.
        assert!(ids("unlike gplv3, this tool does not care").is_empty());
    }

    #[test]
    fn quoted_examples_are_prose_and_quoted_names_are_not() {
        let doc = "A mention of a license by name or URL (\"released under the MIT license\").\nHeaders that say \"See the file COPYING\" point elsewhere.\n";
        let blanked = without_quoted_examples(doc);
        assert_eq!(blanked.lines().count(), 2);
        assert!(ids(&blanked).is_empty(), "{blanked}");
        assert!(!blanked.contains("COPYING"));
        let apache = "Licensed under the Apache License, Version 2.0 (the \"License\");\nyou may not use this file except in compliance with the License.";
        assert_eq!(ids(&without_quoted_examples(apache)), vec!["Apache-2.0"]);
        let artistic = "you can redistribute it under the \"Artistic License 2.0\" included in this distribution";
        assert_eq!(ids(&without_quoted_examples(artistic)), vec!["Artistic-2.0"]);
    }

    #[test]
    fn rust_dual_license_header_is_a_choice() {
        let t = "Licensed under the Apache License, Version 2.0 <LICENSE-APACHE or http://www.apache.org/licenses/LICENSE-2.0> or the MIT license <LICENSE-MIT or http://opensource.org/licenses/MIT>, at your option.";
        let n = normalise(t);
        let mut got = ids(t);
        got.sort();
        assert_eq!(got, vec!["Apache-2.0", "MIT"]);
        assert!(is_choice(&n));
        assert!(!is_choice(&normalise("either version 2 of the License, or (at your option) any later version")));
    }

    #[test]
    fn comment_blocks() {
        let src = "#!/usr/bin/env python\n# Copyright 2020 X\n# Licensed under MIT\n\nimport os\n# later\n";
        let b = leading_comments(src, 100);
        assert_eq!(
            b[0],
            CommentBlock { start_line: 2, end_line: 3, text: "Copyright 2020 X\nLicensed under MIT\n".into() }
        );
        let c = "/*\n * Licensed under the Apache License, Version 2.0\n */\npackage x;\n";
        let b = leading_comments(c, 100);
        assert_eq!((b[0].start_line, b[0].end_line), (1, 3));
        assert!(b[0].text.contains("Licensed under the Apache License"));
        assert!(!b[0].text.contains('*'));
    }

    #[test]
    fn prose_about_licenses_is_not_a_notice() {
        assert!(ids("This tool detects licenses such as MIT and Apache in your files.").is_empty());
        assert!(ids("see the license file").is_empty());
    }
}
