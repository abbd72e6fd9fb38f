//! Detection over every text file's whole text with the rule index (ScanCode's LicenseDB,
//! `clearance_licenses::rules`): license statements wherever they stand — README sections,
//! docstrings, banners of bundled JavaScript, `__license__ = "MIT"`, HTML pages, texts in files
//! whose names say nothing, statements deep in a file.
//!
//! The file's name and the position of a match weigh the evidence; they never decide whether
//! the file is read. What guards precision is where in the file the words stand: in code, a
//! short mention of a license counts only inside a comment (prose about licenses in a license
//! tool's code is strings and identifiers); in a changelog, "relicensed under MIT" is history,
//! so only whole notices and texts count there. The detectors that know a statement better
//! (SPDX tags, the full-text matcher, GNU notices with their versions) keep their findings: a
//! rule match only adds what they did not see, or replaces a finding of theirs whose licenses
//! it names together with more (the Rust README's "either of Apache-2.0 … or MIT … at your
//! option", where the phrase rules saw Apache-2.0 alone).

use clearance_licenses::rules::{RuleIndex, RuleKind, RuleMatch};

use crate::classify::FileKind;
use crate::model::{Detector, Finding};
use crate::notice;
use crate::text::cap;

/// Words of a rule matched that make a match a statement on its own, wherever it stands.
const STANDALONE_WORDS: u32 = 15;
/// Words of a notice or text that make it a statement in a comment below the file's header.
const DEEP_NOTICE_WORDS: u32 = 8;
/// Below this a rule match is shown as low confidence.
const CONFIDENT: f32 = 0.9;
const MAX_SPAN: usize = 4000;

/// Whether the matched text is tag-shaped (`:`, `=`, `@` or a quoted value) when its rule is:
/// `License: MIT`, `__license__ = "MIT"` and `@license MIT` all are.
fn same_punctuation(index: &RuleIndex, m: &RuleMatch, text: &str) -> bool {
    if !index.rule(m.rule).has_tag_punctuation() {
        return true;
    }
    // The match covers words; the quotes around them (`"MIT OR Apache-2.0"`) are just outside.
    let mut from = m.start.saturating_sub(2);
    while !text.is_char_boundary(from) {
        from -= 1;
    }
    let mut to = (m.end + 2).min(text.len());
    while !text.is_char_boundary(to) {
        to += 1;
    }
    text[from..to].contains([':', '=', '@', '"'])
}

/// The rule index's findings for one file, given the findings the other detectors made.
pub fn add_rule_findings(rel_path: &str, kind: FileKind, text: &str, header_lines: usize, findings: &mut Vec<Finding>) {
    if matches!(kind, FileKind::Binary) {
        return;
    }
    let index = RuleIndex::shared();
    let name = rel_path.rsplit('/').next().unwrap_or(rel_path).to_ascii_lowercase();
    let code = kind == FileKind::Source && is_code(&name);
    let history = is_history(&name);
    let markdown = matches!(extension(&name), "md" | "markdown" | "mkd" | "mdx");
    // In a language whose comments are `//` and `/* */`, a match on a line of code is never
    // kept below the header (see `code` below), so those lines are not read at all.
    let read = if code && c_comments(&name) { lines_to_read(text) } else { Vec::new() };
    let mut matches = index.find_in_lines(text, &read);
    // What another detector already says on the same lines (an SPDX tag, a GNU notice read
    // with its version) stands; only a phrase-rule reference can be widened by a match.
    matches.retain(|m| {
        !findings.iter().any(|o| {
            o.start_line <= m.end_line
                && m.start_line <= o.end_line
                && !replaceable(o)
                && (structured(o) || !matches!(o.detector, Detector::LicenseReference | Detector::LicenseNotice))
        })
    });
    if matches.is_empty() {
        return;
    }
    let last_line = matches.iter().map(|m| m.end_line).max().unwrap_or(0) as usize;
    // Only where a short match in code needs it: which lines are comments.
    let tagged = findings.iter().any(|f| f.detector == Detector::SpdxTag && f.start_line as usize <= header_lines);
    let comments = std::cell::OnceCell::new();
    let fenced = std::cell::OnceCell::new();
    let header = std::cell::OnceCell::new();
    let kept: Vec<RuleMatch> = matches
        .into_iter()
        .filter(|m| {
            let rule = index.rule(m.rule);
            let standalone = matches!(rule.kind, RuleKind::Text | RuleKind::Notice) && m.matched >= STANDALONE_WORDS;
            // A bare word ("GPL", relevance 50) or a weak pair ("the GPL") is a license only
            // in a file that is one.
            // So is a pair naming a license on no list ("private use" → proprietary).
            let weak = rule.len() < 2
                || rule.relevance < 60
                || (rule.len() < 3 && (rule.relevance < 100 || rule.expression.starts_with("LicenseRef-")));
            if weak && kind != FileKind::License {
                return false;
            }
            // A few words are one statement only within a paragraph: "… a copy of OpenSSL.
            // ## License" is not "OpenSSL License".
            if rule.len() <= 4 && crosses_paragraph(&text[m.start..m.end]) {
                return false;
            }
            // An SPDX document's `DataLicense` is the license of the document's own metadata.
            if says_data_license(text, m.start) {
                return false;
            }
            // A short tag is one line (`License: MIT`, a badge's `license/MIT`), not the words
            // running on from one badge's link into the next ("…](LICENSE)¶[![Python 3.10+]" is
            // no `license = "Python"`).
            if rule.kind == RuleKind::Tag && rule.len() <= 3 && m.start_line != m.end_line {
                return false;
            }

            if history {
                return standalone;
            }
            // A Markdown code block is code: `--deny-license GPL-3.0` in a license checker's
            // usage example names no license of the package. A whole notice or text still is one.
            if markdown && !standalone {
                let fenced = fenced.get_or_init(|| fenced_lines(text, last_line));
                if (m.start_line..=m.end_line).any(|l| fenced.get(l as usize - 1).copied().unwrap_or(false)) {
                    return false;
                }
            }
            if code {
                // Quoted examples in code ("released under the MIT license") are prose about
                // notices.
                if notice::in_quoted_example(text, m.start, m.end) {
                    return false;
                }
                // The file's header (the comments before its code starts) states its license;
                // a comment further down does so only with a notice, and code only with a
                // language's own statement of it (`__license__ = "MIT"`). Elsewhere license
                // words are remarks and data: a license tool's doc comments and test strings.
                let comments = comments.get_or_init(|| comment_lines(text, last_line));
                let header = *header.get_or_init(|| header_end(text, comments, header_lines));
                // In code comments a short tag's punctuation is part of it: "License: JSON" is a
                // tag, the remark "the declared license; JSON)" is not, though the words are the
                // same. (Longer ones say enough: "licensed MIT or Apache 2.0 at your option".)
                if rule.kind == RuleKind::Tag && rule.len() <= 3 && !same_punctuation(index, m, text) {
                    return false;
                }
                if m.end_line as usize <= header {
                    // A header with an SPDX tag is taken at its word (REUSE): the prose around
                    // it only restates it, partly ("a BSD-style license <LICENSE-BSD>").
                    return !tagged;
                }
                let in_comment =
                    (m.start_line..=m.end_line).all(|l| comments.get(l as usize - 1).copied().unwrap_or(false));
                // A language's own statement of its file's license, anywhere: Python's
                // `__license__ = "MIT"`, JSDoc's `@license MIT`. Other tag-shaped code
                // (`license = "MIT"` in a test's manifest string) is data.
                let line = &text[text[..m.start].rfind('\n').map_or(0, |p| p + 1)..m.end];
                let tag = rule.kind == RuleKind::Tag
                    && m.start_line == m.end_line
                    && (line.contains("__license__") || line.contains("@license"));
                let notice = matches!(rule.kind, RuleKind::Text | RuleKind::Notice) && m.matched >= DEEP_NOTICE_WORDS;
                // A short statement in a comment beside a copyright line is a notice of code
                // bundled there (`/*! lodash … (c) … | Released under MIT license */`).
                // So is a `License: MIT` line in a comment (a vendored file's own header), not
                // a quoted string in a doc example (`Expression::parse("MIT OR Apache-2.0")`).
                let before = &text[text[..m.start].rfind('\n').map_or(0, |p| p + 1)..m.start];
                let quoted = before.matches('"').count() % 2 == 1;
                let banner = in_comment
                    && (near_copyright(text, m.start)
                        || (rule.kind == RuleKind::Tag && m.start_line == m.end_line && !quoted));
                return (notice && in_comment) || banner || tag;
            }
            true
        })
        .collect();
    for group in paragraphs(&kept, text) {
        // "a BSD-style license <LICENSE-BSD>" names no BSD variant: the file it points to says
        // which, as the scan ends (a pointer, as for "see the file COPYING").
        let pointers: Vec<(&RuleMatch, String)> =
            group.iter().filter_map(|m| style_pointer(index, m, text).map(|name| (*m, name))).collect();
        let group: Vec<&RuleMatch> =
            group.into_iter().filter(|m| !pointers.iter().any(|(p, _)| std::ptr::eq(*p, *m))).collect();
        if let Some(f) = finding_of(index, &group, text) {
            place(f, findings);
        }
        for (m, name) in pointers {
            findings.push(Finding {
                detector: Detector::LicenseReference,
                expression: None,
                original: Some(name.clone()),
                score: 0.0,
                start_line: m.start_line,
                end_line: m.end_line,
                matched_text: text[m.start..m.end].to_string(),
                diagnostic: Some(crate::detect::FILE_REFERENCE_CODE.into()),
                notes: vec![format!(
                    "'{}' names no variant; the file {name} it points to says which",
                    text[m.start..m.end].split_whitespace().collect::<Vec<_>>().join(" ")
                )],
            });
        }
    }
}

static STYLE_FILE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"^[\s.,]*[<(\[]\s*((?:LICEN[CS]E|COPYING)[A-Za-z0-9._-]*)").expect("regex")
});

/// A "BSD-style" license (a family, not a variant) followed by the file that holds it:
/// `Licensed under a BSD-style license <LICENSE-BSD>` (zerocopy's headers). The file's name.
fn style_pointer(index: &RuleIndex, m: &RuleMatch, text: &str) -> Option<String> {
    let said = text[m.start..m.end].to_ascii_lowercase();
    if !(said.contains("bsd-style") || said.contains("bsd style") || said.contains("bsd-like")) {
        return None;
    }
    let ids = clearance_licenses::license_ids_in(&index.rule(m.rule).expression);
    if ids.len() != 1 || !ids[0].starts_with("BSD-") {
        return None;
    }
    let mut to = (m.end + 80).min(text.len());
    while !text.is_char_boundary(to) {
        to -= 1;
    }
    STYLE_FILE.captures(&text[m.end..to]).map(|c| c[1].to_string())
}

/// Adds a rule finding unless a finding of another detector already covers its lines. A
/// finding it covers is replaced when the rule finding names its licenses together with one of
/// another family (the Rust README's "either of Apache-2.0 … or MIT", where the phrase rules saw
/// Apache-2.0 alone), or when that finding only says its text is unlisted or weakly matched and
/// the rule finding is confident (and names SPDX licenses, unless the text was unlisted or the
/// rule finding is a LicenseDB text matched whole).
fn place(f: Finding, findings: &mut Vec<Finding>) {
    let ids = |f: &Finding| f.expression.as_deref().map(clearance_licenses::license_ids_in).unwrap_or_default();
    let family = |id: &str| id.split('-').next().unwrap_or("").to_string();
    let kin = |id: &str| {
        let f = family(id);
        if matches!(f.as_str(), "GPL" | "LGPL" | "AGPL" | "GFDL") { "GNU".to_string() } else { f }
    };
    let mine = ids(&f);
    let scancode_only = mine.iter().any(|i| i.starts_with("LicenseRef-scancode-"));
    let overlapping: Vec<usize> = (0..findings.len())
        .filter(|&i| findings[i].start_line <= f.end_line && f.start_line <= findings[i].end_line)
        .collect();
    let replaces = |o: &Finding| {
        let theirs = ids(o);
        let wider = !theirs.is_empty()
            && theirs.iter().all(|t| mine.contains(t))
            && mine.iter().any(|m| !theirs.contains(m) && theirs.iter().all(|t| family(t) != family(m)));
        let widened =
            wider && !structured(o) && matches!(o.detector, Detector::LicenseReference | Detector::LicenseNotice);
        let named = replaceable(o)
            && f.score >= CONFIDENT
            && (!scancode_only
                || o.diagnostic.as_deref() == Some("unlisted-license")
                || (f.detector == Detector::LicenseText && f.score >= 0.99));
        widened || named
    };
    // A finding that already says all this (the phrase rules' "Apache-2.0 OR MIT") stands, and
    // the narrower ones on its lines go.
    let says_all = |o: &Finding| !mine.is_empty() && mine.iter().all(|m| ids(o).contains(m));
    // Licenses of families no finding on these lines names are news, whatever else is there
    // ("MIT" under a README section the phrase rules read as Apache-2.0 alone); the GNU
    // licenses are one family for this (a Lesser GPL notice speaks of "the GNU General Public
    // License" too).
    let seen: Vec<String> = overlapping.iter().flat_map(|&i| ids(&findings[i])).map(|i| kin(&i)).collect();
    // (Not where a detector read the words and declined to name one license ("License: Zlib
    // or any later version"),
    // or left the license to a file it points to: "governed by a BSD-style license that can be
    // found in the LICENSE file" is read with that file as the scan ends.)
    let declined = overlapping.iter().any(|&i| findings[i].expression.is_none());
    // A text the SPDX matcher named (BSD-Source-beginning-file) is not also ScanCode's name for
    // it (`LicenseRef-scancode-bsd-innosys`): one text, one license.
    let named_text = scancode_only
        && overlapping
            .iter()
            .any(|&i| findings[i].detector == Detector::LicenseText && findings[i].expression.is_some());
    let news = f.score >= CONFIDENT
        && !declined
        && !named_text
        && !mine.is_empty()
        && mine.iter().all(|m| !seen.contains(&kin(m)));
    if !overlapping.iter().all(|&i| replaces(&findings[i]) || says_all(&findings[i])) {
        // What stands stays; news is added beside it.
        if news {
            findings.push(f);
        }
        return;
    }
    let redundant = overlapping.iter().any(|&i| says_all(&findings[i]));
    for &i in overlapping.iter().rev() {
        if !says_all(&findings[i]) {
            findings.remove(i);
        }
    }
    if !redundant {
        findings.push(f);
    }
}

/// Does the span hold a blank line (a paragraph's end)?
fn crosses_paragraph(span: &str) -> bool {
    span.split('\n').skip(1).any(|l| l.trim().is_empty())
}

/// Is the match on an SPDX document's `DataLicense:` line (tag-value) or `"dataLicense"` key
/// (JSON)?
fn says_data_license(text: &str, at: usize) -> bool {
    let from = text[..at].rfind('\n').map_or(0, |p| p + 1);
    let line = text[from..].split('\n').next().unwrap_or("").trim_start();
    line.starts_with("DataLicense:") || line.starts_with("\"dataLicense\"")
}

/// A finding read from a structured statement (a DEP-5 `Files:` paragraph): it says what it
/// says for those lines.
fn structured(f: &Finding) -> bool {
    f.notes.first().is_some_and(|n| n.starts_with("debian/copyright: Files:"))
}

/// The ids a GNU license's name without a version is read as ("the GNU General Public License"
/// alone is any version: GPL-1.0-or-later).
pub(crate) fn unversioned(id: &str) -> bool {
    matches!(id, "GPL-1.0-or-later" | "LGPL-2.0-or-later" | "AGPL-1.0-or-later" | "GFDL-1.1-or-later")
}

static VERSION_AFTER: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(
        r"^(?:[- ]?v(?:ersion)?\s?|[- ])(\d+)(?:\.(\d+))?(?:\.0)?(\+|-or-later|\s+or\s+(?:any\s+)?later)?",
    )
    .expect("regex")
});

/// "GPL-2.0+/AFL", "GPL v3", "LGPL 2.1 or later": a version written right after a GNU name that
/// a rule read without one (`Licensed under GPL`, any version). The id the words name, if any.
fn version_after(id: &str, text: &str, end: usize) -> Option<String> {
    let c = VERSION_AFTER.captures(&text[end..])?;
    notice::gnu_version_id(id.split('-').next()?, &c[1], c.get(2).map_or("0", |m| m.as_str()), c.get(3).is_some())
}

/// A finding that only says the text is on no list, or resembles one weakly: a LicenseDB
/// license's text, matched well, says which license it is.
fn replaceable(f: &Finding) -> bool {
    matches!(f.diagnostic.as_deref(), Some("unlisted-license" | "low-confidence"))
        && f.detector == Detector::LicenseText
}

/// Matches close to each other (blank or copyright lines between, or up to two other lines:
/// a link under a list item) form one statement: "Licensed under either of / * Apache … / * MIT … / at your option."
fn paragraphs<'a>(matches: &'a [RuleMatch], text: &str) -> Vec<Vec<&'a RuleMatch>> {
    let lines: Vec<&str> = crate::text::lines(text).collect();
    // Between the parts of one statement: blank lines, and copyright lines (a text's title, its
    // copyright line, then its body).
    let blank = |l: u32| {
        lines.get(l as usize - 1).is_none_or(|s| {
            let t = s.trim().to_ascii_lowercase();
            t.is_empty() || t.contains("copyright") || t.contains("(c)") || t.contains('©')
        })
    };
    let mut out: Vec<Vec<&RuleMatch>> = Vec::new();
    for m in matches {
        if let Some(last) = out.last_mut().and_then(|g| g.last().copied())
            && m.start_line <= last.end_line + 6
            && (last.end_line + 1..m.start_line).filter(|&l| !blank(l)).count() <= 2
        {
            out.last_mut().expect("a group").push(m);
            continue;
        }
        out.push(vec![m]);
    }
    out
}

/// One finding for a paragraph of matches: each license once; several offered "at your
/// option" joined with OR, else with AND; an exception named alone added `WITH` to the license
/// before it.
fn finding_of(index: &RuleIndex, group: &[&RuleMatch], text: &str) -> Option<Finding> {
    let mut parts: Vec<String> = Vec::new();
    let mut notes = Vec::new();
    let mut best: Option<&RuleMatch> = None;
    for m in group {
        let rule = index.rule(m.rule);
        let expression = clearance_licenses::normalize(&rule.expression).map(|n| n.expression).ok();
        let how = if m.exact { "all".to_string() } else { format!("{:.0}%", m.coverage * 100.0) };
        notes.push(format!(
            "rule {} of ScanCode's LicenseDB ({}, {} of its {} words matched, lines {}-{})",
            rule.id,
            rule.kind.as_str(),
            how,
            rule.len(),
            m.start_line,
            m.end_line
        ));
        if rule.is_exception_only() {
            let exception = rule.expression.to_string();
            match parts.last_mut() {
                Some(last) if !last.contains(' ') && clearance_licenses::exception(&exception).is_some() => {
                    *last = format!("{last} WITH {exception}");
                }
                _ => notes.push(format!("{exception} is named without the license it is added to")),
            }
            continue;
        }
        let Some(mut expression) = expression else { continue };
        if unversioned(&expression)
            && let Some(id) = version_after(&expression, text, m.end)
        {
            notes.push(format!("the version written after the name makes it {id}"));
            expression = id;
        }
        if !parts.contains(&expression) {
            parts.push(expression);
        }
        if best.is_none_or(|b| m.score > b.score) {
            best = Some(m);
        }
    }
    // "See the GNU General Public License for more details" names the family, not a version:
    // beside a notice that names the version, it adds nothing.
    let family = |id: &str| id.split('-').next().unwrap_or("").to_string();
    let versioned: Vec<String> = parts
        .iter()
        .flat_map(|p| clearance_licenses::license_ids_in(p))
        .filter(|i| !unversioned(i))
        .map(|i| family(&i))
        .collect();
    parts.retain(|p| !(unversioned(p) && versioned.contains(&family(p))));
    let best = best?;
    let start = group.iter().map(|m| m.start_line).min()?;
    let end = group.iter().map(|m| m.end_line).max()?;
    // The lines the matches stand on, found from their bytes (not by counting lines again).
    let from = group.iter().map(|m| m.start).min()?;
    let to = group.iter().map(|m| m.end).max()?;
    let from = text[..from].rfind('\n').map_or(0, |p| p + 1);
    let to = text[to..].find('\n').map_or(text.len(), |p| to + p);
    let span = text[from..to].trim_end_matches('\r');
    let expression = if parts.len() == 1 {
        parts.pop()?
    } else {
        // "Licensed under either of" often stands on the line before the first license.
        let before = text[..from].lines().rev().take(3).collect::<Vec<_>>().join(" ");
        let choice = notice::is_choice(&notice::normalise(&format!("{before} {span}")));
        let joined = clearance_licenses::join_expressions(&parts, if choice { "OR" } else { "AND" });
        clearance_licenses::normalize(&joined).map(|n| n.expression).unwrap_or(joined)
    };
    let rule = index.rule(best.rule);
    let score = group.iter().map(|m| m.score).fold(1.0, f32::min);
    let detector = match rule.kind {
        RuleKind::Text => Detector::LicenseText,
        RuleKind::Notice => Detector::LicenseNotice,
        _ => Detector::LicenseReference,
    };
    Some(Finding {
        detector,
        expression: Some(expression),
        original: None,
        score,
        start_line: start,
        end_line: end,
        matched_text: cap(span, MAX_SPAN),
        diagnostic: (score < CONFIDENT).then(|| "low-confidence".to_string()),
        notes,
    })
}

/// Is there a copyright statement within three lines of the line holding byte `at`? (Found from
/// `at` outwards: counting lines from the top for every match made files with many matches
/// quadratic.)
fn near_copyright(text: &str, at: usize) -> bool {
    let b = text.as_bytes();
    let mut from = at;
    for _ in 0..4 {
        match memchr::memrchr(b'\n', &b[..from]) {
            Some(p) => from = p,
            None => {
                from = 0;
                break;
            }
        }
    }
    let mut to = at;
    for _ in 0..4 {
        match memchr::memchr(b'\n', &b[to..]) {
            Some(p) => to += p + 1,
            None => {
                to = b.len();
                break;
            }
        }
    }
    let window = text[from..to].to_ascii_lowercase();
    window.contains("copyright") || window.contains("(c)") || window.contains('©')
}

/// The last line of a source file's header: the comments before its code starts (a shebang,
/// `<?php`, `package x;` or `'use strict';` may come first: two lines of code at most).
fn header_end(text: &str, comments: &[bool], max_lines: usize) -> usize {
    let mut code = 0;
    let mut end = 0;
    for (i, line) in crate::text::lines(text).take(max_lines).enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        if comments.get(i).copied().unwrap_or(false) {
            end = i + 1;
        } else {
            code += 1;
            if code > 2 {
                break;
            }
        }
    }
    end
}

/// Which lines of a source file are comments (or docstrings): line comments, the inside of
/// block comments, Python's triple-quoted strings that stand alone; the first `upto` lines.
pub fn comment_lines(text: &str, upto: usize) -> Vec<bool> {
    let mut out = Vec::new();
    let mut closer: Option<&'static str> = None;
    for raw in crate::text::lines(text).take(upto) {
        let line = raw.trim();
        if let Some(end) = closer {
            out.push(true);
            if line.contains(end) {
                closer = None;
            }
            continue;
        }
        let mut comment =
            ["//", "#", "--", ";", "%", "*", "'", "rem ", "REM ", "dnl ", "!"].iter().any(|m| line.starts_with(m))
                && !line.starts_with("#include")
                && !line.starts_with("#define")
                && !line.starts_with("#[");
        // Every opener starts with one of these.
        let may_open = line.bytes().any(|b| matches!(b, b'/' | b'<' | b'"' | b'\'' | b'=' | b'{' | b'('));
        for (open, close) in if may_open { notice::BLOCK_COMMENTS } else { &[] } {
            let (open, close) = (*open, *close);
            // An opener inside a string literal ("/* * *" in a test) opens nothing.
            if let Some(at) = line.find(open).filter(|&at| line[..at].matches('"').count() % 2 == 0) {
                // A comment that opens on a line of code counts from there: `x = 1; /* MIT */`.
                let rest = &line[at + open.len()..];
                comment = true;
                if !rest.contains(close) {
                    closer = Some(close);
                }
                break;
            }
        }
        out.push(comment);
    }
    out
}

/// Languages whose comments are `//` to the end of the line and `/* … */`.
const C_COMMENT_LANGUAGES: &[&str] = &[
    "c", "h", "cc", "cpp", "cxx", "hpp", "hh", "hxx", "m", "mm", "java", "cs", "go", "rs", "swift", "kt", "scala",
    "js", "mjs", "cjs", "ts", "tsx", "jsx", "css", "scss", "less", "dart", "groovy", "zig",
];

fn c_comments(name: &str) -> bool {
    C_COMMENT_LANGUAGES.contains(&extension(name))
}

/// Which lines of a `//`–`/* */` source file the rule index reads: every line until the third
/// line of code (the header, as `header_end` finds it, lies within), then the lines a comment
/// touches (inside `/* … */`, or holding `/*` or `//`) and the lines `comment_lines` would call
/// comments by their first characters (`#if`, `* …`, `-- …`). It errs on reading: `/*` in a
/// string counts as a comment's start. Lines of code only are not read.
fn lines_to_read(text: &str) -> Vec<bool> {
    let bytes = text.as_bytes();
    let mut read = Vec::new();
    let mut in_block = false;
    let mut code = 0;
    let mut start = 0;
    while start <= bytes.len() {
        let end = memchr::memchr(b'\n', &bytes[start..]).map_or(bytes.len(), |p| start + p);
        let line = &bytes[start..end];
        let mut comment = in_block || marker_line(line);
        let mut at = 0;
        while let Some(p) = memchr::memchr2(b'/', b'*', &line[at..]) {
            let i = at + p;
            let next = line.get(i + 1).copied();
            if in_block {
                if line[i] == b'*' && next == Some(b'/') {
                    in_block = false;
                    at = i + 2;
                    continue;
                }
            } else if line[i] == b'/' && next == Some(b'*') {
                in_block = true;
                comment = true;
                at = i + 2;
                continue;
            } else if line[i] == b'/' && next == Some(b'/') {
                comment = true;
                break;
            }
            at = i + 1;
        }
        if !comment && line.iter().any(|b| !b.is_ascii_whitespace()) {
            code += 1;
        }
        read.push(comment || code < 3);
        start = end + 1;
    }
    read
}

/// A line `comment_lines` takes for a comment by how it starts.
fn marker_line(line: &[u8]) -> bool {
    let Some(first) = line.iter().position(|b| !b.is_ascii_whitespace()) else { return false };
    let t = &line[first..];
    match t[0] {
        b'#' => !(t.starts_with(b"#include") || t.starts_with(b"#define") || t.starts_with(b"#[")),
        b'*' | b';' | b'%' | b'!' | b'\'' => true,
        b'-' => t.starts_with(b"--"),
        _ => t.starts_with(b"rem ") || t.starts_with(b"REM ") || t.starts_with(b"dnl "),
    }
}

fn extension(name: &str) -> &str {
    name.rsplit_once('.').map_or("", |(_, e)| e)
}

/// Source code, by extension: where words in strings and identifiers are not statements.
fn is_code(name: &str) -> bool {
    const OTHER_CODE: &[&str] = &[
        "py", "rb", "php", "pl", "pm", "sh", "bash", "zsh", "lua", "r", "jl", "hs", "ml", "ex", "exs", "erl", "clj",
        "vue", "svelte", "sql", "ps1", "bat", "cmake", "mk", "s", "asm", "nim", "f90", "f", "gradle", "tcl", "el",
        "vim", "toml", "yaml", "yml", "json", "xml", "in", "ac", "am", "m4",
    ];
    c_comments(name) || OTHER_CODE.contains(&extension(name))
}

/// Which of the first `upto` lines are inside a Markdown fenced code block (```` ``` ```` or
/// `~~~`, the fence lines included).
fn fenced_lines(text: &str, upto: usize) -> Vec<bool> {
    let mut out = Vec::with_capacity(upto);
    let mut open: Option<u8> = None;
    for line in crate::text::lines(text).take(upto) {
        let t = line.trim_start();
        let fence = ["```", "~~~"].into_iter().find(|f| t.starts_with(f)).map(|f| f.as_bytes()[0]);
        match (open, fence) {
            (None, Some(c)) => {
                open = Some(c);
                out.push(true);
            }
            (Some(o), Some(c)) if o == c => {
                open = None;
                out.push(true);
            }
            _ => out.push(open.is_some()),
        }
    }
    out
}

/// Changelogs and release notes: their license words are history ("relicensed under MIT").
fn is_history(name: &str) -> bool {
    let stem = name.split('.').next().unwrap_or(name);
    matches!(stem, "changelog" | "changes" | "history" | "news" | "releases" | "release-notes" | "release_notes")
        || stem.starts_with("changelog")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(path: &str, text: &str) -> Vec<(Detector, String)> {
        let kind = crate::classify::classify(path, text.as_bytes());
        let d = crate::detect::detect_text(path, kind, text, &crate::model::ScanOptions::default());
        d.findings.into_iter().map(|f| (f.detector, f.expression.unwrap_or_default())).collect()
    }

    fn exprs(path: &str, text: &str) -> Vec<String> {
        found(path, text).into_iter().map(|f| f.1).collect()
    }

    #[test]
    fn comment_lines_know_blocks_docstrings_and_line_comments() {
        let c = comment_lines("int x;\n/* a\n b */\ny = 1 // c\n\"\"\"doc\nmore\"\"\"\n# hash\n", usize::MAX);
        assert_eq!(c, vec![false, true, true, false, true, true, true]);
    }

    #[test]
    fn a_copyright_is_near_within_three_lines() {
        let text = "a\nCopyright 2020 X\nb\nc\nd\nMIT here\ne\nf\ng\nh\n";
        let at = |needle: &str| text.find(needle).unwrap();
        assert!(near_copyright(text, at("d")));
        assert!(!near_copyright(text, at("MIT")));
        assert!(near_copyright(text, at("Copyright")));
        assert!(!near_copyright(text, at("\nh") + 1));
        assert!(near_copyright("(c) me", 0));
    }

    #[test]
    fn code_lines_below_the_header_are_not_read() {
        let c = "/* header */\nint a;\nint b;\nint c = 1; // note\nx = y / z * w;\n/* one\n two */ int d;\n  * star\n#if X\n#include <a>\ns = \"/* in a string\";\nstill open? */\nint e;\n";
        assert_eq!(
            lines_to_read(c),
            [true, true, true, true, false, true, true, true, true, false, true, true, false, false]
        );
        // A notice in a comment deep in the file is found; the same words in code are not read.
        let deep =
            format!("{}/*\n * Licensed under the Apache License, Version 2.0\n */\n", "int x = 1;\n".repeat(300));
        assert_eq!(exprs("deep.c", &deep), vec!["Apache-2.0"]);
        let code =
            format!("{}char *s = \"Licensed under the Apache License, Version 2.0\";\n", "int x = 1;\n".repeat(300));
        assert!(exprs("deep.c", &code).is_empty());
    }

    #[test]
    fn a_version_written_after_a_gnu_name_is_read_with_it() {
        let at = |t: &str| version_after("GPL-1.0-or-later", t, 0);
        assert_eq!(at("-2.0+/AFL").as_deref(), Some("GPL-2.0-or-later"));
        assert_eq!(at(" v3 ").as_deref(), Some("GPL-3.0-only"));
        assert_eq!(at(" version 2 or any later").as_deref(), Some("GPL-2.0-or-later"));
        assert_eq!(version_after("LGPL-2.0-or-later", " 2.1 or later", 0).as_deref(), Some("LGPL-2.1-or-later"));
        // Not a version: a year, a clause count, words.
        assert_eq!(at(" 2019 by"), None);
        assert_eq!(at(", the"), None);
        assert_eq!(at(" 7"), None);
    }

    #[test]
    fn a_readme_code_block_is_code() {
        let readme = "# depcheck\n\nLicensed under the MIT license.\n\n```bash\ndepcheck scan --allow-license public_domain --deny-license GPL-3.0\n```\n\n~~~\nLicensed under GPL\n~~~\n";
        assert_eq!(exprs("README.md", readme), ["MIT"]);
        assert_eq!(fenced_lines(readme, 20), [false, false, false, false, true, true, true, false, true, true, true]);
    }

    #[test]
    fn a_short_tag_is_one_line() {
        let readme = "# x\n\n[![License: MIT](https://img.shields.io/badge/License-MIT-blue.svg)](LICENSE)\n[![Python 3.10+](https://img.shields.io/badge/python-3.10+-blue.svg)](https://python.org)\n";
        assert_eq!(exprs("README.md", readme), ["MIT"]);
    }

    #[test]
    fn a_short_name_does_not_run_over_a_paragraph_end() {
        let readme = "Build it with a vendored copy of OpenSSL.\n\n## License\n\nLicensed under the MIT License.\n";
        assert_eq!(exprs("README.md", readme), vec!["MIT"]);
    }

    #[test]
    fn an_spdx_documents_data_license_is_not_the_packages() {
        let doc =
            "SPDXVersion: SPDX-2.1\nDataLicense: CC0-1.0\nPackageName: demo\nPackageLicenseDeclared: Apache-2.0\n";
        assert!(!exprs("LICENSE.spdx", doc).iter().any(|e| e.contains("CC0-1.0")));
        let json = "{\n  \"spdxVersion\": \"SPDX-2.3\",\n  \"dataLicense\": \"CC0-1.0\",\n  \"name\": \"demo\"\n}\n";
        assert!(!exprs("demo.spdx.json", json).iter().any(|e| e.contains("CC0-1.0")));
    }

    #[test]
    fn the_rust_readme_dual_license_is_a_choice_of_both() {
        let readme = "# demo\n\nSome words.\n\n## License\n\nLicensed under either of\n\n * Apache License, Version 2.0\n   ([LICENSE-APACHE](LICENSE-APACHE) or http://www.apache.org/licenses/LICENSE-2.0)\n * MIT license\n   ([LICENSE-MIT](LICENSE-MIT) or http://opensource.org/licenses/MIT)\n\nat your option.\n";
        assert_eq!(exprs("README.md", readme), vec!["Apache-2.0 OR MIT"]);
        // The same words as a crate's doc comment.
        let lib = readme.lines().map(|l| format!("//! {l}\n")).collect::<String>() + "pub fn f() {}\n";
        assert_eq!(exprs("src/lib.rs", &lib), vec!["Apache-2.0 OR MIT"]);
    }

    #[test]
    fn statements_in_banners_docstrings_and_deep_in_files() {
        assert_eq!(exprs("pkg/__init__.py", "import os\n\n__license__ = \"MIT\"\n"), vec!["MIT"]);
        let deep =
            format!("{}/*\n * Licensed under the Apache License, Version 2.0\n */\n", "int x = 1;\n".repeat(300));
        assert_eq!(exprs("deep.c", &deep), vec!["Apache-2.0"]);
        let html = "<html><body><p>This documentation is released under the\n<b>GNU Free Documentation License</b>, version 1.3.</p></body></html>\n";
        assert!(!exprs("doc/index.html", html).is_empty());
    }

    #[test]
    fn a_tag_needs_its_punctuation() {
        // Seen in our own schema comments: the words of the tag "License: JSON", not the tag.
        let prose = "-- the evidence (hashes of files, the declared license; JSON). When it changes, it lapses.\n";
        assert!(exprs("src/schema.rs", prose).is_empty(), "{:?}", exprs("src/schema.rs", prose));
        assert_eq!(exprs("src/vendored.js", "/*\n * License: JSON\n */\nvar x = 1;\n"), vec!["JSON"]);
    }

    #[test]
    fn a_full_text_in_a_file_whose_name_says_nothing() {
        let gpl = clearance_licenses::license("GPL-2.0-only").unwrap().1;
        let got = exprs("usr/share/common-licenses/GPL-2", gpl);
        assert!(got.iter().any(|e| e.starts_with("GPL-2.0")), "{got:?}");
        let mit = clearance_licenses::license("MIT").unwrap().1;
        assert_eq!(exprs("docs/terms.txt", mit), vec!["MIT"]);
    }

    #[test]
    fn license_talk_in_code_and_changelogs_is_not_a_statement() {
        let code = "fn name(id: &str) -> &str {\n    match id {\n        \"MIT\" => \"MIT License\",\n        _ => \"GNU General Public License v2.0 or later\",\n    }\n}\n";
        assert!(exprs("src/names.rs", code).is_empty(), "{:?}", found("src/names.rs", code));
        let changelog = "## 1.2.0\n\n- Relicensed under the MIT license.\n- Fixed a bug.\n";
        assert!(exprs("CHANGELOG.md", changelog).is_empty());
    }
}
