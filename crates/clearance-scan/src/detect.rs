//! Detection on one file's text: which detectors run depends on the file's kind. The full-text
//! matcher (milliseconds per call) runs only on license and notice files and on header comments
//! that quote a license; everything else is phrase rules and line scans.

use clearance_licenses::{MatchKind, Matcher, TextMatch};

use crate::classify::FileKind;
use crate::copyright::extract_copyrights;
use crate::manifest::parse_manifest;
use crate::model::{ComponentDecl, Copyright, Detector, Finding, ScanOptions};
use crate::notice::{self, CommentBlock};
use crate::spdx_tag::find_tags;
use crate::text::{cap, line_span};

/// Below this a full-text match is reported as low confidence.
const CONFIDENT: f32 = 0.9;
/// Weakest best match a license file still reports (as low confidence) when nothing clears the
/// threshold: weak evidence is shown, never dropped.
const WEAK_FLOOR: f32 = 0.5;
const MAX_SPAN: usize = 4000;

#[derive(Debug, Default)]
pub struct Detected {
    pub findings: Vec<Finding>,
    pub copyrights: Vec<Copyright>,
    pub component: Option<ComponentDecl>,
    pub dependencies: Vec<ComponentDecl>,
    pub relations: Vec<(String, String)>,
    pub note: Option<String>,
}

/// Run the detectors that fit `kind` on a decoded text.
pub fn detect_text(rel_path: &str, kind: FileKind, text: &str, opts: &ScanOptions) -> Detected {
    let mut d = Detected::default();
    if kind == FileKind::Binary {
        return d;
    }
    d.findings.extend(find_tags(text));
    d.copyrights = extract_copyrights(text);
    match kind {
        FileKind::License => license_file(text, opts, &mut d),
        // A machine-readable debian/copyright (DEP-5) says per file pattern what the license is.
        FileKind::Notice if rel_path.ends_with("debian/copyright") && crate::ecosystems::dep5(text).is_some() => {
            debian_copyright(rel_path, text, &mut d);
        }
        FileKind::Notice => {
            if notice::mentions_license_text(&notice::normalise(&head(text, 400))) {
                d.findings.extend(full_text(text, opts.text_threshold));
            }
            references(text, 1, count_lines(text), &mut d);
        }
        FileKind::Manifest if crate::lockfile::is_lockfile(rel_path) => {
            match crate::lockfile::parse_lockfile(rel_path, text) {
                Ok(deps) => {
                    d.dependencies = deps;
                    d.relations = crate::lockfile::parse_relations(rel_path, text);
                }
                Err(e) => d.note = Some(e),
            }
        }
        FileKind::Manifest => match parse_manifest(rel_path, text) {
            Ok(m) => {
                d.component = m.component;
                d.findings.extend(m.findings);
            }
            Err(e) => d.note = Some(e),
        },
        FileKind::Source => {
            // An SPDX tag in the header is the file's own statement of its license (REUSE):
            // phrases and texts around it ("under the Apache License v2.0 with LLVM
            // Exceptions") only restate it, partly, so they are not read again.
            let tagged = d
                .findings
                .iter()
                .any(|f| f.detector == Detector::SpdxTag && f.start_line as usize <= opts.header_lines);
            if !tagged {
                for block in notice::leading_comments(text, opts.header_lines) {
                    header_block(&block, text, opts, &mut d);
                }
            }
            let name = rel_path.rsplit('/').next().unwrap_or(rel_path).to_ascii_lowercase();
            // setup.py is code, but its `setup(name=…, license=…)` declares a package.
            if name == "setup.py"
                && let Some(m) = crate::ecosystems::setup_py(text).map(|raw| crate::manifest::finish(raw, text))
            {
                d.component = m.component;
                d.findings.extend(m.findings);
            }
            if name.starts_with("readme") {
                readme(text, opts, &mut d);
            }
            // The kernel's license rules: MODULE_LICENSE("GPL") says "version 2" without "only"
            // or "or later"; the file's own notice says which. It speaks when nothing else does.
            if (name.ends_with(".c") || name.ends_with(".h"))
                && d.findings.is_empty()
                && memchr::memmem::find(text.as_bytes(), b"MODULE_LICENSE(").is_some()
            {
                module_license(text, &mut d);
            }
        }
        FileKind::Binary => {}
    }
    // Every text is read whole by the rule index too (manifests and lockfiles say what their
    // packages declare, which their parsers read).
    if kind != FileKind::Manifest {
        crate::licensedb::add_rule_findings(rel_path, kind, text, opts.header_lines, &mut d.findings);
    }
    dedupe(&mut d.findings);
    drop_unversioned_beside_versioned(&mut d.findings);
    d
}

/// A GNU notice names its license with a version once, then without one in its boilerplate ("See
/// the GNU General Public License for more details", "You should have received a copy of the
/// GNU General Public License"): those are the same license, not "any version" beside it. An
/// unversioned GNU finding within 40 lines of a versioned one is dropped; an exception it
/// carries (a paragraph of its own: "As a special exception, …") goes to the versioned one.
fn drop_unversioned_beside_versioned(findings: &mut Vec<Finding>) {
    use crate::licensedb::unversioned;
    let gnu = |id: &str| ["GPL-", "LGPL-", "AGPL-", "GFDL-"].iter().any(|p| id.starts_with(p));
    let versioned = |f: &Finding| {
        f.expression
            .as_deref()
            .is_some_and(|e| clearance_licenses::license_ids_in(e).iter().any(|i| gnu(i) && !unversioned(i)))
    };
    // "GPL-1.0-or-later", or "GPL-1.0-or-later WITH <exception>": (index, exception).
    let unversioned: Vec<(usize, Option<String>)> = findings
        .iter()
        .enumerate()
        .filter_map(|(i, f)| {
            let e = f.expression.as_deref()?;
            let (id, exception) = match e.split_once(" WITH ") {
                Some((id, x)) if !x.contains(' ') => (id, Some(x.to_string())),
                _ => (e, None),
            };
            unversioned(id).then_some((i, exception))
        })
        .collect();
    let mut drop = Vec::new();
    for (i, exception) in unversioned {
        let (s, e) = (findings[i].start_line, findings[i].end_line);
        let near = |f: &Finding| f.start_line <= e + 40 && s <= f.end_line + 40;
        let Some(v) = (0..findings.len()).find(|&j| versioned(&findings[j]) && near(&findings[j])) else { continue };
        if let Some(x) = exception {
            let target = &mut findings[v];
            match target.expression.as_deref() {
                Some(id) if !id.contains(' ') => {
                    target.expression = Some(format!("{id} WITH {x}"));
                    target.notes.push(format!("{x}: granted in a paragraph of its own below the notice"));
                    target.end_line = target.end_line.max(e);
                }
                _ => continue,
            }
        }
        drop.push(i);
    }
    for i in drop.into_iter().rev() {
        findings.remove(i);
    }
}

/// DEP-5: the package (upstream name, the license of `Files: *`) and one finding per `Files:`
/// paragraph, its license normalised (Debian's short names included), its patterns noted.
fn debian_copyright(rel_path: &str, text: &str, d: &mut Detected) {
    if let Ok(m) = parse_manifest(rel_path, text) {
        d.component = m.component;
    }
    let Some((_, paragraphs)) = crate::ecosystems::dep5(text) else { return };
    for p in paragraphs {
        let norm = clearance_licenses::normalize(&p.license);
        let mut notes = vec![format!("debian/copyright: Files: {}", p.patterns.join(" "))];
        let (expression, score, diagnostic) = match norm {
            Ok(n) => {
                notes.extend(n.notes);
                (Some(n.expression), n.confidence, None)
            }
            Err(e) => {
                notes.push(e.to_string());
                (None, 0.0, Some("unrecognised-license".to_string()))
            }
        };
        d.findings.push(Finding {
            detector: Detector::LicenseReference,
            expression,
            original: Some(p.license.clone()),
            score,
            start_line: p.start_line,
            end_line: p.end_line,
            matched_text: crate::text::cap(&format!("Files: {}\nLicense: {}", p.patterns.join(" "), p.license), 400),
            diagnostic,
            notes,
        });
    }
}

/// Linux kernel modules state their license in `MODULE_LICENSE("…")`; the kernel's own
/// documentation (Documentation/process/license-rules.rst) says what each string means.
fn module_license(text: &str, d: &mut Detected) {
    for (i, line) in crate::text::lines(text).enumerate() {
        let Some(rest) = line.trim_start().strip_prefix("MODULE_LICENSE(\"") else { continue };
        let Some(value) = rest.split('"').next() else { continue };
        let (expr, note) = match value {
            "GPL" => ("GPL-2.0-only", "\"GPL\": GPL version 2 (the kernel does not say only or later)"),
            "GPL v2" => ("GPL-2.0-only", "\"GPL v2\": GPL version 2"),
            "GPL and additional rights" => {
                ("GPL-2.0-only", "\"GPL and additional rights\": GPL version 2 plus rights stated in the file")
            }
            "Dual MIT/GPL" => ("MIT OR GPL-2.0-only", "\"Dual MIT/GPL\": a choice of MIT or GPL version 2"),
            "Dual BSD/GPL" => (
                "BSD-3-Clause OR GPL-2.0-only",
                "\"Dual BSD/GPL\": a choice of GPL version 2 or a BSD license whose variant only the file's own notice says",
            ),
            "Dual MPL/GPL" => ("MPL-1.1 OR GPL-2.0-only", "\"Dual MPL/GPL\": a choice of MPL or GPL version 2"),
            _ => continue,
        };
        let n = i as u32 + 1;
        d.findings.push(Finding {
            detector: Detector::LicenseReference,
            expression: Some(expr.to_string()),
            original: Some(value.to_string()),
            score: if value.starts_with("Dual BSD") || value == "GPL" { 0.8 } else { 0.9 },
            start_line: n,
            end_line: n,
            matched_text: cap(line.trim(), 400),
            diagnostic: None,
            notes: vec![format!("MODULE_LICENSE {note}")],
        });
    }
}

/// A README: its "License" section when it has one (anywhere in the file), else its first 300
/// lines, read for references; a section that is only a license's name ("MIT", "[MIT](LICENSE)",
/// "MIT © Jane") counts as a reference to it, and a section quoting a whole text is matched.
fn readme(text: &str, opts: &ScanOptions, d: &mut Detected) {
    let before = d.findings.len();
    if let Some((start, end, section)) = license_section(text) {
        let plain = strip_markup(&section);
        references(&plain, start, end, d);
        if d.findings.len() == before {
            d.findings.extend(full_text(&section, opts.text_threshold).into_iter().map(|mut f| {
                f.start_line += start - 1;
                f.end_line += start - 1;
                f
            }));
        }
        if d.findings.len() == before {
            d.findings.extend(bare_license_names(&plain, start, end));
        }
        return;
    }
    let h = head(text, 300);
    references(&h, 1, count_lines(&h), d);
}

/// The lines (1-based, inclusive) and text of a README's license section: after a heading
/// "License"/"Licence"/"Licensing" (Markdown `#`, setext or reStructuredText underline), up to
/// the next heading, at most 60 lines.
fn license_section(text: &str) -> Option<(u32, u32, String)> {
    let lines: Vec<&str> = text.lines().collect();
    let is_title = |l: &str| {
        let t = l.trim().trim_start_matches('#').trim().trim_end_matches(':').trim().to_ascii_lowercase();
        matches!(
            t.as_str(),
            "license"
                | "licence"
                | "licenses"
                | "licences"
                | "licensing"
                | "copyright and license"
                | "license and copyright"
        )
    };
    let underline = |l: &str| {
        let t = l.trim();
        t.len() >= 3 && (t.chars().all(|c| c == '=') || t.chars().all(|c| c == '-') || t.chars().all(|c| c == '~'))
    };
    for (i, l) in lines.iter().enumerate() {
        let atx = l.trim_start().starts_with('#') && is_title(l);
        let setext = is_title(l) && lines.get(i + 1).is_some_and(|n| underline(n));
        if !(atx || setext) {
            continue;
        }
        let body = if setext { i + 2 } else { i + 1 };
        let mut end = body;
        while end < lines.len() && end < body + 60 {
            let l = lines[end];
            let next_is_underline = lines.get(end + 1).is_some_and(|n| underline(n)) && !l.trim().is_empty();
            if l.trim_start().starts_with('#') || next_is_underline {
                break;
            }
            end += 1;
        }
        if end > body {
            return Some((body as u32 + 1, end as u32, lines[body..end].join("\n")));
        }
    }
    None
}

/// Markdown and HTML reduced to words: `[MIT](LICENSE)` → `MIT`, emphasis and code marks gone.
fn strip_markup(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '[' | ']' | '*' | '_' | '`' => {}
            '(' if out.ends_with(|p: char| p.is_alphanumeric()) && chars.peek().is_some_and(|n| !n.is_whitespace()) => {
                // a link target right after its text: drop it
                let mut depth = 1;
                for n in chars.by_ref() {
                    match n {
                        '(' => depth += 1,
                        ')' => {
                            depth -= 1;
                            if depth == 0 {
                                break;
                            }
                        }
                        _ => {}
                    }
                }
            }
            _ => out.push(c),
        }
    }
    out.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
}

/// Lines of a license section that are just a license's name or id: "MIT", "MIT © Jane",
/// "(The MIT License)", "Code: MIT or MIT/Apache 2.0 where applicable".
fn bare_license_names(plain: &str, start: u32, end: u32) -> Vec<Finding> {
    let mut out: Vec<Finding> = Vec::new();
    // A list item's marker is not part of the name ("- MIT OR Apache-2.0").
    fn unmarked(l: &str) -> &str {
        match l.strip_prefix(['-', '+', '•']) {
            Some(r) if r.starts_with(' ') => r.trim(),
            _ => l,
        }
    }
    for line in plain.lines().map(str::trim).map(unmarked).filter(|l| !l.is_empty()).take(8) {
        // A one-word label before a colon says what the license is for: "Code: MIT".
        let unlabelled = match line.split_once(": ") {
            Some((label, rest)) if !label.contains(' ') && label.len() <= 12 => rest,
            _ => line,
        };
        let cut = unlabelled
            .split(['©', ',', ';'])
            .next()
            .unwrap_or(unlabelled)
            .split(" (c)")
            .next()
            .unwrap_or(unlabelled)
            .split(" - ")
            .next()
            .unwrap_or(unlabelled)
            .trim()
            .trim_matches(|c: char| c == '(' || c == ')' || c == '.')
            .trim()
            .trim_end_matches("where applicable")
            .trim();
        if cut.is_empty() || cut.split_whitespace().count() > 8 {
            continue;
        }
        // "MIT/Apache 2.0": a slash between names is "or".
        let cut = cut.replace('/', " or ");
        let candidates = [cut.clone(), cut.trim_start_matches("The ").trim_start_matches("the ").to_string()];
        let Some(n) = candidates.iter().find_map(|c| clearance_licenses::normalize(c).ok()) else { continue };
        if n.confidence < 0.8
            || n.expression.contains("LicenseRef-")
            || out.iter().any(|f| f.expression.as_deref() == Some(&n.expression))
        {
            continue;
        }
        let score = 0.9 * n.confidence;
        let mut f = named_license(n, line, score, (start, end), line);
        f.diagnostic = None;
        f.notes.push("the README's license section names the license".into());
        out.push(f);
    }
    out
}

fn count_lines(text: &str) -> u32 {
    crate::text::line_count(text).max(1) as u32
}

fn head(text: &str, lines: usize) -> String {
    text.lines().take(lines).collect::<Vec<_>>().join("\n")
}

fn license_file(text: &str, opts: &ScanOptions, d: &mut Detected) {
    let found = full_text(text, opts.text_threshold);
    if !found.is_empty() {
        d.findings.extend(found);
        return;
    }
    let before = d.findings.len();
    references(text, 1, count_lines(text), d);
    if d.findings.len() > before || text.trim().is_empty() {
        return;
    }
    let best = Matcher::shared().best(text);
    match best {
        Some(m) if m.score >= WEAK_FLOOR => {
            let mut f = text_finding(&m, text);
            f.diagnostic = Some("low-confidence".into());
            d.findings.push(f);
        }
        _ if looks_like_license(text) => d.findings.push(unlisted_license(text, best.as_ref())),
        _ => {}
    }
}

/// The prefix of the ids given to license texts that are not on the SPDX list.
pub const UNLISTED_PREFIX: &str = "LicenseRef-clearance-";

/// Words of a license's grant or disclaimer, in a text long enough to be one.
fn looks_like_license(text: &str) -> bool {
    let norm = notice::normalise(&head(text, 200));
    norm.split(' ').count() >= 30
        && ["permission", "permitted", "redistribut", "warranty", "you may", "licensor", "rights"]
            .iter()
            .filter(|w| norm.contains(*w))
            .count()
            >= 2
}

/// A license text that matches no license on the SPDX list: kept under an id of its own,
/// `LicenseRef-clearance-` and the first ten hex digits of the SHA-256 of its words, so the same
/// text gets the same id in every file and every scan. The review keeps its text (the scan's
/// end registers it), so a reviewer can conclude it and the exports carry it.
fn unlisted_license(text: &str, closest: Option<&TextMatch>) -> Finding {
    use sha2::{Digest, Sha256};
    let words = notice::normalise(text);
    let digest = Sha256::digest(words.as_bytes());
    let hex: String = digest.iter().take(5).map(|b| format!("{b:02x}")).collect();
    let title = text.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or("").to_string();
    let mut notes = vec!["a license text that is not on the SPDX list; its text is kept with the review".to_string()];
    if let Some(m) = closest {
        notes.push(format!("closest SPDX license: {} ({:.0}% similar)", m.license, m.score * 100.0));
    }
    Finding {
        detector: Detector::LicenseText,
        expression: Some(format!("{UNLISTED_PREFIX}{hex}")),
        original: Some(cap(&title, 120)),
        score: 1.0,
        start_line: 1,
        end_line: count_lines(text),
        matched_text: cap(text, MAX_SPAN),
        diagnostic: Some("unlisted-license".into()),
        notes,
    }
}

fn full_text(text: &str, threshold: f32) -> Vec<Finding> {
    Matcher::shared().find_all(text, threshold).iter().map(|m| text_finding(m, text)).collect()
}

fn text_finding(m: &TextMatch, text: &str) -> Finding {
    let mut notes = Vec::new();
    let mut diagnostic = None;
    if !m.tied_with.is_empty() {
        notes.push(format!("the text matches {} as well, or nearly; the reviewer decides", m.tied_with.join(", ")));
        diagnostic = Some("ambiguous-text".to_string());
    }
    if m.score < CONFIDENT {
        diagnostic = Some("low-confidence".to_string());
        notes.push(format!("modified or partial text: {:.0}% similar to the reference", m.score * 100.0));
    }
    Finding {
        detector: if m.kind == MatchKind::Header { Detector::LicenseNotice } else { Detector::LicenseText },
        expression: Some(m.license.clone()),
        original: None,
        score: m.score,
        start_line: m.start_line as u32,
        end_line: m.end_line as u32,
        matched_text: cap(&line_span(text, m.start_line as u32, m.end_line as u32), MAX_SPAN),
        diagnostic,
        notes,
    }
}

/// Phrase rules over a region; several licenses named as alternatives become one OR expression.
fn references(region: &str, start_line: u32, end_line: u32, d: &mut Detected) {
    let norm = notice::normalise(region);
    let hits = notice::rule_hits(&norm);
    if hits.is_empty() {
        return;
    }
    let span = cap(region.trim(), MAX_SPAN);
    if hits.len() > 1 && notice::is_choice(&norm) {
        let expr = hits.iter().map(|h| h.id.as_str()).collect::<Vec<_>>().join(" OR ");
        let score = hits.iter().map(|h| h.score).fold(1.0, f32::min);
        let detector = if hits.iter().any(|h| h.detector == Detector::LicenseNotice) {
            Detector::LicenseNotice
        } else {
            Detector::LicenseReference
        };
        d.findings.push(Finding {
            detector,
            expression: Some(expr),
            original: None,
            score,
            start_line,
            end_line,
            matched_text: span,
            diagnostic: None,
            notes: vec!["licenses offered as alternatives".into()],
        });
        return;
    }
    for h in hits {
        d.findings.push(Finding {
            detector: h.detector,
            expression: Some(h.id),
            original: None,
            score: h.score,
            start_line,
            end_line,
            matched_text: span.clone(),
            diagnostic: (h.score < CONFIDENT).then(|| "low-confidence".to_string()),
            notes: h.note.into_iter().collect(),
        });
    }
}

fn header_block(block: &CommentBlock, text: &str, opts: &ScanOptions, d: &mut Detected) {
    // Prose about licenses quotes its examples ("released under the MIT license"): what is
    // quoted is not the file's own statement.
    let unquoted = notice::without_quoted_examples(&block.text);
    let block = &CommentBlock { start_line: block.start_line, end_line: block.end_line, text: unquoted };
    let norm = notice::normalise(&block.text);
    let interesting = norm.contains("licen")
        || norm.contains("public domain")
        || norm.contains("permission")
        || norm.contains("general public")
        || norm.contains("redistribut");
    if interesting && notice::mentions_license_text(&norm) && license_text_in_header(block, text, &norm, opts, d) {
        return;
    }
    let before = d.findings.len();
    if interesting {
        references(&block.text, block.start_line, block.end_line, d);
        if d.findings.len() == before {
            license_field(&block.text, block.start_line, d);
        }
    }
    // "See the file COPYRIGHT in the distribution for the exact terms."
    if d.findings.len() == before {
        file_reference(&block.text, block.start_line, d);
    }
    // Each finding shows the lines it stands on as the file has them (quoted examples included).
    for f in &mut d.findings[before..] {
        f.matched_text = cap(&line_span(text, f.start_line, f.end_line), MAX_SPAN);
    }
}

/// A whole license in the header (MIT, BSD): the matcher names the variant, and a GNU license
/// offered beside it is reported too. False when the matcher finds no text.
fn license_text_in_header(block: &CommentBlock, text: &str, norm: &str, opts: &ScanOptions, d: &mut Detected) -> bool {
    let original = cap(&line_span(text, block.start_line, block.end_line), MAX_SPAN);
    let named = notice::rule_hits(norm);
    let mut found = Matcher::shared().find_all(&block.text, opts.text_threshold);
    // A GNU notice resembles the "how to apply" part of every GNU license text: a weak text
    // match of another version is dropped when the notice itself names its version.
    let family = |id: &str| id.split('-').next().unwrap_or("").to_string();
    found.retain(|m| {
        m.score >= CONFIDENT
            || !m.license.contains("GPL")
            || !named.iter().any(|h| h.score >= CONFIDENT && family(&h.id) == family(&m.license) && h.id != m.license)
    });
    if found.is_empty() {
        return false;
    }
    let mut texts = Vec::new();
    for m in found {
        let mut f = text_finding(&m, &block.text);
        f.detector = Detector::LicenseText;
        f.start_line = block.start_line;
        f.end_line = block.end_line;
        f.matched_text = original.clone();
        texts.extend(f.expression.clone());
        d.findings.push(f);
    }
    // "Alternatively, this software may be distributed under the terms of the GNU General
    // Public License version 2": a second license offered beside the text.
    let alternative = norm.contains("alternatively") || notice::is_choice(norm);
    for h in named {
        if !texts.contains(&h.id) && h.id.contains("GPL") {
            d.findings.push(Finding {
                detector: Detector::LicenseNotice,
                expression: Some(h.id),
                original: None,
                score: h.score,
                start_line: block.start_line,
                end_line: block.end_line,
                matched_text: original.clone(),
                diagnostic: None,
                notes: if alternative {
                    vec!["offered as an alternative to the license text in the same header".into()]
                } else {
                    h.note.into_iter().collect()
                },
            });
        }
    }
    true
}

/// A header field `License: …`. A value that names one license ("GPLv2 (see COPYING) or any
/// later version", "MIT") is read as it; one that names several licenses ("BSD", "GPL" without
/// a version) is not guessed but kept as evidence: a finding without an expression whose
/// `original` is the name, so the reviewer sees an unknown where a silent miss would hide it —
/// and the scan's end reads it with the package's license file when that file settles which
/// license of the family is meant.
fn license_field(block: &str, start_line: u32, d: &mut Detected) {
    for (i, line) in block.lines().enumerate() {
        // Boxed comments start their lines with a border too: `| License: …`.
        let t = line.trim().trim_start_matches(['|', '*', '#', '-', ' ']);
        let Some(value) = ["License:", "Licence:", "license:", "LICENSE:", "Licence :", "License :"]
            .iter()
            .find_map(|k| t.strip_prefix(k))
        else {
            // A line that is only a license's name: "//  MIT License" under a copyright line.
            if let Some(f) = license_name_line(t, start_line + i as u32) {
                d.findings.push(f);
                return;
            }
            continue;
        };
        // Boxed comments end their lines with a border: `License: BSD          *`.
        let value = value.trim_end_matches(|c: char| c == '*' || c == '|' || c == '#' || c.is_whitespace());
        let value = value.trim().trim_end_matches('.');
        // "GPLv2 (see COPYING) or any later version": the aside is not part of the name.
        let value = PARENTHESES.replace_all(value, " ");
        let value = value.split_whitespace().collect::<Vec<_>>().join(" ");
        let lower = value.to_ascii_lowercase();
        if value.is_empty()
            || value.split_whitespace().count() > 8
            || ["see ", "file", "http", "www."].iter().any(|w| lower.contains(w))
        {
            continue;
        }
        let n = start_line + i as u32;
        if let Some(norm) = read_license_name(&value) {
            let score = 0.9 * norm.confidence;
            d.findings.push(named_license(norm, &value, score, (n, n), t));
            return;
        }
        if lower.contains("license") || lower.contains("licence") {
            continue;
        }
        d.findings.push(family_finding(&value, n));
        return;
    }
    // "Released under the BSD license": a family, left to the package's license file.
    let flat = block.split_whitespace().collect::<Vec<_>>().join(" ");
    if let Some(c) = FAMILY_PHRASE.captures(&flat) {
        let family = match c[1].to_ascii_lowercase().as_str() {
            "bsd" => "BSD",
            "gpl" | "gnu" => "GPL",
            "lgpl" => "LGPL",
            "apache" => "Apache",
            "mozilla" | "mpl" => "MPL",
            _ => "Artistic",
        };
        let at = c.get(0).map_or(0, |m| m.start());
        d.findings
            .push(family_finding(family, start_line + line_of_word(block, flat[..at].split_whitespace().count())));
    }
}

/// A finding for a name several licenses share ("BSD", "GPL"): no expression, the name kept.
/// (Its matched text is the line, filled in by `header_block`.)
fn family_finding(name: &str, line: u32) -> Finding {
    Finding {
        detector: Detector::LicenseReference,
        expression: None,
        original: Some(name.to_string()),
        score: 0.0,
        start_line: line,
        end_line: line,
        matched_text: String::new(),
        diagnostic: Some("unrecognised-license".into()),
        notes: vec![format!("'{name}' names no one license (several licenses share that name): the reviewer decides")],
    }
}

/// The 0-based line of a block on which its `words`-th word (0-based) is.
fn line_of_word(block: &str, words: usize) -> u32 {
    let mut seen = 0;
    let mut last = 0;
    for (i, l) in block.lines().enumerate() {
        last = i as u32;
        seen += l.split_whitespace().count();
        if seen > words {
            break;
        }
    }
    last
}

static FAMILY_PHRASE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(
        r"(?i)\b(?:licensed|released|distributed|available|licenced) under (?:the )+(bsd|gpl|lgpl|apache|mozilla|mpl|artistic)(?:[- ]style)? licen[cs]e\b",
    )
    .expect("regex")
});

/// "MIT License", "The MIT License", "ISC License" alone on a line: the license's name.
fn license_name_line(t: &str, line: u32) -> Option<Finding> {
    let value = t.trim_end_matches(|c: char| c == '*' || c == '|' || c == '.' || c.is_whitespace());
    let lower = value.to_ascii_lowercase();
    if !(lower.ends_with(" license") || lower.ends_with(" licence")) || value.split_whitespace().count() > 6 {
        return None;
    }
    let name = value.strip_prefix("The ").unwrap_or(value);
    let n = clearance_licenses::normalize(name).ok()?;
    if n.confidence < 0.9 || n.expression.contains(' ') || n.expression.contains("LicenseRef-") {
        return None;
    }
    let score = n.confidence;
    Some(named_license(n, value, score, (line, line), t))
}

static PARENTHESES: std::sync::LazyLock<regex::Regex> =
    std::sync::LazyLock::new(|| regex::Regex::new(r"\([^()]*\)").expect("regex"));
static LATER: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"(?i),?\s*(?:or\s+)?(?:\(?at your option\)?\s+)?(?:any\s+)?later(?:\s+version)?$")
        .expect("regex")
});

/// A license's name in a `License:` field as an expression: an id or a known name, with "or any
/// later version" turning a GNU license's "-only" into "-or-later". Names of several licenses and
/// `LicenseRef-`s made up from unknown words are not names.
fn read_license_name(value: &str) -> Option<clearance_licenses::Normalized> {
    let (name, later) = match LATER.find(value) {
        Some(m) if m.start() > 0 => (&value[..m.start()], true),
        _ => (value, false),
    };
    let mut n = clearance_licenses::normalize(name).ok()?;
    if n.confidence < 0.8 || n.expression.contains("LicenseRef-") {
        return None;
    }
    if later {
        if !n.expression.ends_with("-only") || n.expression.contains(' ') {
            return None;
        }
        n.expression = n.expression.replace("-only", "-or-later");
        n.notes.push(format!("'{value}': a later version may be chosen"));
    }
    Some(n)
}

/// A header that leaves its license to another file: "See the file COPYING", "found in the
/// LICENSE file", "(see LICENSE.txt)". The finding has no expression and names the file in
/// `original`; the scan's end reads it with that file when the package has it.
fn file_reference(block: &str, start_line: u32, d: &mut Detected) {
    let flat = block.split_whitespace().collect::<Vec<_>>().join(" ");
    // "IN NO EVENT SHALL THE COPYRIGHT HOLDERS": the word, not a file.
    let mut pointers: Vec<(usize, String)> = Vec::new();
    for c in FILE_REFERENCE.captures_iter(&flat) {
        let (Some(m), Some(all)) = (c.get(1), c.get(0)) else { continue };
        let next = flat[m.end()..].split_whitespace().next().unwrap_or("").to_ascii_lowercase();
        let next = next.trim_matches(|c: char| !c.is_alphanumeric());
        let word = ["holder", "holders", "owner", "owners", "notice", "notices", "statement", "law", "laws", "and"];
        let name = m.as_str().trim_end_matches('.').to_string();
        if !word.contains(&next) && !pointers.iter().any(|(_, n)| *n == name) {
            pointers.push((all.start(), name));
        }
    }
    let (Some((first, _)), Some((last, _))) = (pointers.first(), pointers.last()) else { return };
    // The lines the references are on: count the words before them.
    let line = line_of_word(block, flat[..*first].split_whitespace().count());
    let last_line = line_of_word(block, flat[..*last].split_whitespace().count());
    let names: Vec<&str> = pointers.iter().map(|(_, n)| n.as_str()).collect();
    // zstd: "licensed under both the BSD-style license (found in the LICENSE file …) and the
    // GPLv2 (found in the COPYING file …). You may select, at your option, one of the above".
    let choice = notice::is_choice(&notice::normalise(block));
    let (original, note) = match names.as_slice() {
        [one] => (one.to_string(), format!("the header leaves its license to the file {one}")),
        many if choice => (
            many.join(" OR "),
            format!("the header offers the licenses of the files {} as alternatives", many.join(", ")),
        ),
        many => (many.join(" AND "), format!("the header leaves its license to the files {}", many.join(", "))),
    };
    d.findings.push(Finding {
        detector: Detector::LicenseReference,
        expression: None,
        original: Some(original),
        score: 0.0,
        start_line: start_line + line,
        end_line: start_line + last_line,
        // The lines, as the file has them, are filled in by `header_block`.
        matched_text: String::new(),
        diagnostic: Some(FILE_REFERENCE_CODE.into()),
        notes: vec![note],
    });
}

/// The diagnostic of a header that points to another file for its license.
pub const FILE_REFERENCE_CODE: &str = "license-in-other-file";

static FILE_REFERENCE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    // A license file's name in capitals (as such files are named), after a word that points
    // at it, within one sentence.
    regex::Regex::new(
        r"(?i:\b(?:see|in|with|read|consult|refer to|under|accompanying|included)\b)[^.;:!?]{0,60}?\b((?:LICEN[CS]E|COPYING|COPYRIGHT|UNLICENSE)(?:[._-][A-Za-z0-9]+)*)\b",
    )
    .expect("regex")
});

/// A license named in words (a README's section, a `License:` field, a line that is only a
/// name): the name as written is kept beside the expression it was read as.
fn named_license(
    n: clearance_licenses::Normalized,
    written: &str,
    score: f32,
    lines: (u32, u32),
    shown: &str,
) -> Finding {
    Finding {
        detector: Detector::LicenseReference,
        expression: Some(n.expression),
        original: Some(written.to_string()),
        score,
        start_line: lines.0,
        end_line: lines.1,
        matched_text: cap(shown, 400),
        diagnostic: (n.confidence < 1.0 && score < 0.9).then(|| "imprecise-license-name".to_string()),
        notes: n.notes,
    }
}

/// The same license from the same detector over the same lines is one finding.
fn dedupe(findings: &mut Vec<Finding>) {
    let mut seen = std::collections::HashSet::new();
    findings.retain(|f| seen.insert((f.detector, f.expression.clone(), f.start_line, f.end_line, f.original.clone())));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_ambiguous_license_line_is_an_unknown_not_a_guess_and_not_a_silence() {
        let text = "/* * * * * *\n * JFlex 1.7.0          *\n * Copyright (C) 1998-2018  Gerwin Klein  *\n * All rights reserved.    *\n *                       *\n * License: BSD                    *\n */\npackage jflex;\n";
        let d = detect_text("Action.java", FileKind::Source, text, &ScanOptions::default());
        let unknown: Vec<_> =
            d.findings.iter().filter(|f| f.diagnostic.as_deref() == Some("unrecognised-license")).collect();
        assert_eq!(unknown.len(), 1, "{:?}", d.findings);
        assert_eq!(unknown[0].expression, None);
        assert_eq!(unknown[0].original.as_deref(), Some("BSD"));
        assert_eq!(unknown[0].start_line, 6);
        // A line that points elsewhere is not a license name but a pointer to that file; a
        // known name is read as such.
        let see = "/*\n * License: see the LICENSE file\n */\n";
        let f = detect_text("a.c", FileKind::Source, see, &ScanOptions::default()).findings;
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(
            (f[0].original.as_deref(), f[0].diagnostic.as_deref()),
            (Some("LICENSE"), Some(FILE_REFERENCE_CODE))
        );
        let mit = "/*\n * License: MIT\n */\n";
        let f = detect_text("a.c", FileKind::Source, mit, &ScanOptions::default()).findings;
        assert!(f.iter().all(|f| f.diagnostic.is_none()), "{f:?}");
    }

    #[test]
    fn a_gnu_notices_boilerplate_is_its_license_not_any_version() {
        let notice = "dnl This program is free software; you can redistribute it and/or modify it under the\ndnl terms of the GNU General Public License as published by the Free Software Foundation;\ndnl either version 2, or (at your option) any later version.\ndnl\ndnl This program is distributed in the hope that it will be useful, but WITHOUT ANY\ndnl WARRANTY; without even the implied warranty of MERCHANTABILITY or FITNESS FOR A\ndnl PARTICULAR PURPOSE.  See the GNU General Public License for more details.\ndnl\ndnl You should have received a copy of the GNU General Public License\ndnl along with this program.\n\nAC_DEFUN([X], [true])\n";
        let expressions = |name: &str, text: &str| -> Vec<String> {
            detect_text(name, FileKind::Source, text, &ScanOptions::default())
                .findings
                .into_iter()
                .filter_map(|f| f.expression)
                .collect()
        };
        assert_eq!(expressions("a.m4", notice), vec!["GPL-2.0-or-later"]);
        // Alone, the name without a version is any version.
        let alone = "/*\n * Licensed under the GNU General Public License.\n */\nint x;\n";
        assert_eq!(expressions("b.c", alone), vec!["GPL-1.0-or-later"]);
    }

    #[test]
    fn a_license_field_is_read_without_its_asides_and_with_or_later() {
        let lsyncd = "/*\n| lsyncd.c   Live (Mirror) Syncing Demon\n|\n| License: GPLv2 (see COPYING) or any later version\n| Authors: Axel\n*/\nint x;\n";
        let f = detect_text("lsyncd.c", FileKind::Source, lsyncd, &ScanOptions::default()).findings;
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].expression.as_deref(), Some("GPL-2.0-or-later"));
        assert_eq!(f[0].start_line, 4);
        let only = "# License: GPL-3.0-only\n";
        assert_eq!(
            exprs("a.sh", FileKind::Source, only),
            vec![(Detector::LicenseReference, "GPL-3.0-only".to_string())]
        );
        // "or later" after a license that has no later versions is not a name.
        let odd = "/*\n * License: Zlib or any later version\n */\n";
        let f = detect_text("a.c", FileKind::Source, odd, &ScanOptions::default()).findings;
        assert!(f.iter().all(|f| f.expression.is_none()), "{f:?}");
    }

    #[test]
    fn headers_pointing_at_license_files_name_the_file() {
        let pointer = |text: &str| -> Option<(String, u32)> {
            detect_text("a.c", FileKind::Source, text, &ScanOptions::default())
                .findings
                .into_iter()
                .find(|f| f.diagnostic.as_deref() == Some(FILE_REFERENCE_CODE))
                .map(|f| (f.original.unwrap(), f.start_line))
        };
        let mrtg = "# GetSNMPLinesUP.pl\n#\n# Copyright (c) 1997 by Carlos Canau.\n# All rights reserved.\n#\n# See the file COPYRIGHT in the distribution for the exact terms.\nuse strict;\n";
        assert_eq!(pointer(mrtg), Some(("COPYRIGHT".into(), 6)));
        let go = "// Copyright 2009 The Go Authors. All rights reserved.\n// Use of this source code is governed by a BSD-style\n// license that can be found in the LICENSE file.\n\npackage fmt\n";
        assert_eq!(pointer(go), Some(("LICENSE".into(), 3)));
        assert_eq!(pointer("/* (see LICENSE.txt for details on the license) */\n"), Some(("LICENSE.txt".into(), 1)));
        let zstd = "/*\n * Copyright (c) Meta Platforms, Inc. and affiliates.\n *\n * This source code is licensed under both the BSD-style license (found in the\n * LICENSE file in the root directory of this source tree) and the GPLv2 (found\n * in the COPYING file in the root directory of this source tree).\n * You may select, at your option, one of the above-listed licenses.\n */\n";
        assert_eq!(pointer(zstd), Some(("LICENSE OR COPYING".into(), 4)));
        // Capitalised words that are not files, and a header that names its license itself.
        let disclaimer =
            "/*\n * THIS SOFTWARE IS PROVIDED AS IS. IN NO EVENT SHALL THE COPYRIGHT HOLDERS BE LIABLE\n */\n";
        assert_eq!(pointer(disclaimer), None);
        let named = "/*\n * Licensed under the MIT license; see LICENSE.\n */\n";
        assert_eq!(pointer(named), None);
        assert_eq!(exprs("a.c", FileKind::Source, named), vec![(Detector::LicenseReference, "MIT".to_string())]);
    }

    fn exprs(path: &str, kind: FileKind, text: &str) -> Vec<(Detector, String)> {
        detect_text(path, kind, text, &ScanOptions::default())
            .findings
            .into_iter()
            .map(|f| (f.detector, f.expression.unwrap_or_default()))
            .collect()
    }

    #[test]
    fn header_notice_in_source() {
        let src = "// Copyright 2021 Acme\n//\n// Licensed under the Apache License, Version 2.0 (the \"License\");\n// you may not use this file except in compliance with the License.\n\npackage main\n";
        let d = detect_text("main.go", FileKind::Source, src, &ScanOptions::default());
        assert_eq!(d.findings.len(), 1, "{:?}", d.findings);
        assert_eq!(d.findings[0].expression.as_deref(), Some("Apache-2.0"));
        assert_eq!(d.findings[0].detector, Detector::LicenseNotice);
        assert_eq!((d.findings[0].start_line, d.findings[0].end_line), (1, 4));
        assert_eq!(d.copyrights[0].holder, "Acme");
    }

    #[test]
    fn mit_text_in_a_header_is_matched_as_text() {
        let mit = clearance_licenses::license("MIT").unwrap().1;
        let src = format!(
            "/*\n{}\n*/\nint main() {{ return 0; }}\n",
            mit.lines().map(|l| format!(" * {l}")).collect::<Vec<_>>().join("\n")
        );
        assert_eq!(exprs("a.c", FileKind::Source, &src), vec![(Detector::LicenseText, "MIT".to_string())]);
    }

    #[test]
    fn code_without_header_has_no_findings() {
        assert!(exprs("a.rs", FileKind::Source, "fn license() -> &'static str { \"MIT\" }\n").is_empty());
    }

    #[test]
    fn license_file_with_a_short_statement() {
        let got = exprs("LICENSE", FileKind::License, "This project is released under the MIT license.\n");
        assert_eq!(got, vec![(Detector::LicenseReference, "MIT".to_string())]);
    }
}
