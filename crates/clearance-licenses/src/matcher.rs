//! Full-text license matching: askalono's n-gram algorithm over every SPDX text.
//!
//! We use the `spdx` crate's store (askalono's texts and normalisation, embedded cache: nothing is
//! read at run time) but compare texts with our own word-pair index ([`crate::grams`]: the same
//! measure, scored against every text in one pass) and rank candidates ourselves, because the
//! crate's ranking has two pitfalls:
//! - ties between identical texts (GPL-2.0-only / -or-later, MPL-2.0 / its no-copyleft-exception
//!   twin) are broken by hash-map order, so the answer changes between runs;
//! - an Apache-2.0 LICENSE without its APPENDIX (most of them) scores higher against Pixar than
//!   against Apache-2.0. We add Apache-2.0 without the appendix as an alternate text.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::{Mutex, OnceLock};

use serde::Serialize;
use spdx::detection::{Store, TextData};

use crate::grams::{Grams, Index};

/// Scores within this distance of the best are treated as ties.
const TIE_EPSILON: f32 = 0.002;
/// A variant of a license (BSD-3-Clause-HP, BSD-3-Clause-No-Nuclear-License-2014) that beats its
/// base (BSD-3-Clause) by less than this names the base: a few words in a header that happen to
/// match the variant's wording are not evidence of the variant.
const FAMILY_EPSILON: f32 = 0.03;
/// Above this, a whole text is one license and is not searched for further ones.
const WHOLE_TEXT_SCORE: f32 = 0.97;
/// How many licenses we look for in one text at most.
const MAX_LICENSES_PER_TEXT: usize = 8;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum MatchKind {
    /// The license's full text (or an accepted variant of it).
    Text,
    /// The license's standard header ("This program is free software; you can …").
    Header,
}

/// One license found in a text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TextMatch {
    pub license: String,
    pub score: f32,
    pub kind: MatchKind,
    /// 1-based, inclusive line range in the text given.
    pub start_line: usize,
    pub end_line: usize,
    /// Other licenses whose texts matched equally well (identical texts); the reviewer decides.
    pub tied_with: Vec<String>,
}

struct Ranked<'a> {
    id: &'a str,
    score: f32,
    kind: MatchKind,
    grams: &'a Grams,
    tied_with: Vec<String>,
}

/// One distinct license text (or an accepted variant or standard header of it).
struct Reference {
    kind: MatchKind,
    grams: Grams,
}

/// One entry of the store: the ids sharing one text, and the texts that count as it.
struct Entry {
    /// The store's name for the entry, then the current ids with the same text.
    ids: Vec<String>,
    refs: Vec<Reference>,
}

pub struct Matcher {
    entries: Vec<Entry>,
    /// Every reference's pairs, in entry then reference order (`slots` says whose).
    index: Index,
    slots: Vec<(usize, usize)>,
    /// Results by text, copyright statements blanked: the same LICENSE-MIT or BSD header with
    /// another holder's name recurs thousands of times in a large tree.
    cache: Mutex<HashMap<(u64, u64, u32), Vec<TextMatch>>>,
}

const CACHE_LIMIT: usize = 20_000;

static SHARED: OnceLock<Matcher> = OnceLock::new();

/// A text's normalised lines (the crate's normalisation: Unicode, junk, URLs, punctuation).
fn normalised_lines(text: &str) -> Vec<String> {
    TextData::new(&normalize_newlines(text)).lines().to_vec()
}

impl Matcher {
    /// The process-wide matcher, built on first use (a few hundred milliseconds).
    pub fn shared() -> &'static Matcher {
        SHARED.get_or_init(Matcher::build)
    }

    fn build() -> Matcher {
        let store = Store::load_inline().expect("the embedded license cache is valid");
        let mut entries = Vec::with_capacity(store.len());
        for (id, entry) in store.iter() {
            // Entries named by a deprecated id ("GPL-2.0+") duplicate a current entry; entries
            // whose own name is deprecated but whose aliases are current are kept, under those.
            let ids: Vec<String> =
                std::iter::once(id).chain(entry.aliases.iter()).filter(|i| is_current_id(i)).cloned().collect();
            if ids.is_empty() {
                continue;
            }
            let mut refs = vec![reference(MatchKind::Text, &entry.original)];
            refs.extend(entry.alternates.iter().map(|t| reference(MatchKind::Text, t)));
            refs.extend(entry.headers.iter().map(|t| reference(MatchKind::Header, t)));
            entries.push(Entry { ids, refs });
        }
        if let Some((_, apache)) = crate::license("Apache-2.0")
            && let Some(cut) = apache.find("APPENDIX: How to apply")
            && let Some(e) = entries.iter_mut().find(|e| e.ids.iter().any(|i| i == "Apache-2.0"))
        {
            e.refs.push(reference(MatchKind::Text, &TextData::new(&apache[..cut])));
        }
        // A fixed order, so nothing depends on hash-map iteration.
        entries.sort_by(|a, b| a.ids[0].cmp(&b.ids[0]));
        let slots: Vec<(usize, usize)> =
            entries.iter().enumerate().flat_map(|(ei, e)| (0..e.refs.len()).map(move |ri| (ei, ri))).collect();
        let index = Index::new(slots.iter().map(|&(ei, ri)| &entries[ei].refs[ri].grams));
        Matcher { entries, index, slots, cache: Mutex::new(HashMap::new()) }
    }

    /// Number of distinct license texts the matcher knows.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The best entry for a text, every reference scored (one pass over the index).
    fn rank(&self, text: &Grams) -> Option<Ranked<'_>> {
        // Best score per entry: the first of its references to reach it.
        let mut best: Vec<Option<(f32, usize)>> = vec![None; self.entries.len()];
        let mut top = f32::NEG_INFINITY;
        for (&(ei, ri), s) in self.slots.iter().zip(self.index.scores(text)) {
            if best[ei].is_none_or(|(b, _)| s > b) {
                best[ei] = Some((s, ri));
            }
            top = top.max(s);
        }
        if !top.is_finite() {
            return None;
        }
        let mut tied: Vec<(&Entry, f32, usize)> = best
            .iter()
            .enumerate()
            .filter_map(|(ei, b)| b.map(|(s, ri)| (&self.entries[ei], s, ri)))
            .filter(|(_, s, _)| top - s <= TIE_EPSILON)
            .collect();
        tied.sort_by(|a, b| {
            b.1.total_cmp(&a.1).then(a.0.ids[0].len().cmp(&b.0.ids[0].len())).then(a.0.ids[0].cmp(&b.0.ids[0]))
        });
        let (winner, _, _) = tied[0];
        // The winner's base licenses (BSD-3-Clause for BSD-3-Clause-HP), scored here if pruning
        // skipped them.
        let base = self
            .entries
            .iter()
            .enumerate()
            .filter(|(_, e)| {
                e.ids.iter().any(|b| winner.ids.iter().any(|w| w.len() > b.len() && w.starts_with(&format!("{b}-"))))
            })
            .filter_map(|(ei, e)| {
                let (s, ri) = best[ei]?;
                (top - s <= FAMILY_EPSILON).then_some((e, s, ri))
            })
            .max_by(|a, b| a.1.total_cmp(&b.1));
        let (entry, score, ri) = base.unwrap_or(tied[0]);
        let reference = &entry.refs[ri];
        let kind = reference.kind;
        // Ids sharing the winning text: the preferred one is the answer, the others are ties.
        let mut ids: Vec<&str> = entry.ids.iter().map(String::as_str).collect();
        ids.sort_by(|a, b| preference(a, kind).cmp(&preference(b, kind)));
        let (&id, rest) = ids.split_first()?;
        let mut tied_with: Vec<String> = rest.iter().map(|s| s.to_string()).collect();
        tied_with.extend(tied.iter().filter(|t| !std::ptr::eq(t.0, entry)).map(|t| t.0.ids[0].clone()));
        Some(Ranked { id, score, kind, grams: &reference.grams, tied_with })
    }

    /// The single best license for a whole text, whatever its score.
    pub fn best(&self, text: &str) -> Option<TextMatch> {
        let lines = normalised_lines(text);
        let r = self.rank(&Grams::of_lines(&lines))?;
        Some(TextMatch {
            license: r.id.to_string(),
            score: r.score,
            kind: r.kind,
            start_line: 1,
            end_line: lines.len().max(1),
            tied_with: r.tied_with,
        })
    }

    /// Every license found in a text with at least `threshold` confidence, in line order.
    /// A text that is one license is answered after one comparison; a text with several (a
    /// LICENSE holding MIT and Apache-2.0) is searched by locating the best match's lines,
    /// blanking them, and looking again.
    pub fn find_all(&self, text: &str, threshold: f32) -> Vec<TextMatch> {
        let key = cache_key(text, threshold);
        if let Some(hit) = self.cache.lock().ok().and_then(|c| c.get(&key).cloned()) {
            return hit;
        }
        let found = self.find_all_uncached(text, threshold);
        if let Ok(mut c) = self.cache.lock() {
            if c.len() >= CACHE_LIMIT {
                c.clear();
            }
            c.insert(key, found.clone());
        }
        found
    }

    fn find_all_uncached(&self, text: &str, threshold: f32) -> Vec<TextMatch> {
        let mut lines = normalised_lines(text);
        let Some(first) = self.rank(&Grams::of_lines(&lines)) else { return Vec::new() };
        if first.score >= WHOLE_TEXT_SCORE {
            return vec![TextMatch {
                license: first.id.to_string(),
                score: first.score,
                kind: first.kind,
                start_line: 1,
                end_line: lines.len().max(1),
                tied_with: first.tied_with,
            }];
        }
        let mut found = Vec::new();
        let mut ranked = first;
        for _ in 0..MAX_LICENSES_PER_TEXT {
            let ((s, e), score) = locate(&lines, ranked.grams);
            if score < threshold || e <= s {
                break;
            }
            found.push(TextMatch {
                license: ranked.id.to_string(),
                score,
                kind: ranked.kind,
                start_line: s + 1,
                end_line: e,
                tied_with: ranked.tied_with,
            });
            // Those lines are blanked (line numbers stay) and the rest is looked at again.
            lines[s..e].iter_mut().for_each(String::clear);
            match self.rank(&Grams::of_lines(&lines)) {
                Some(r) => ranked = r,
                None => break,
            }
        }
        found.sort_by_key(|m| m.start_line);
        found
    }
}

/// A text's identity for the cache: its lines with copyright statements blanked (the matcher
/// ignores those anyway; blanking rather than removing keeps line numbers valid), plus the
/// threshold. Two independent 64-bit hashes make collisions negligible.
fn cache_key(text: &str, threshold: f32) -> (u64, u64, u32) {
    let mut a = std::collections::hash_map::DefaultHasher::new();
    let mut b = std::collections::hash_map::DefaultHasher::new();
    0xC1EA_u16.hash(&mut b);
    for line in text.lines() {
        let t = line.trim_start_matches(|c: char| !c.is_alphanumeric() && c != '(' && c != '©');
        let lower = t.get(..9).map(str::to_ascii_lowercase).unwrap_or_default();
        let statement =
            lower.starts_with("copyright") || t.starts_with("(c)") || t.starts_with("(C)") || t.starts_with('©');
        let content = if statement { "" } else { line };
        content.hash(&mut a);
        content.hash(&mut b);
    }
    (a.finish(), b.finish(), threshold.to_bits())
}

fn normalize_newlines(text: &str) -> String {
    if text.contains('\r') { text.replace("\r\n", "\n").replace('\r', "\n") } else { text.to_string() }
}

/// Finds the line range of `lines` that best matches `target`, and its score: blank edges
/// trimmed, then the end and the start each searched coarsely and refined. (The crate's ternary
/// search assumes a unimodal score and lands on an empty range when a blanked-out region follows
/// the match.)
fn locate(lines: &[String], target: &Grams) -> ((usize, usize), f32) {
    let first = lines.iter().position(|l| !l.trim().is_empty());
    let last = lines.iter().rposition(|l| !l.trim().is_empty());
    let (Some(first), Some(last)) = (first, last) else {
        return ((0, lines.len()), 0.0);
    };
    let (mut start, mut end) = (first, last + 1);
    let score = |s: usize, e: usize| Grams::of_lines(&lines[s..e]).dice(target);
    let best_in = |range: Vec<usize>, f: &dyn Fn(usize) -> f32| -> (usize, f32) {
        range.into_iter().map(|i| (i, f(i))).fold((0, -1.0), |acc, x| if x.1 > acc.1 { x } else { acc })
    };
    let refine = |lo: usize, hi: usize, f: &dyn Fn(usize) -> f32| -> usize {
        let step = ((hi - lo) / 24).max(1);
        let (coarse, _) = best_in((lo..=hi).step_by(step).collect(), f);
        let a = coarse.saturating_sub(step).max(lo);
        let b = (coarse + step).min(hi);
        best_in((a..=b).collect(), f).0
    };
    end = refine(start + 1, end, &|e| score(start, e));
    start = refine(start, end - 1, &|s| score(s, end));
    ((start, end), score(start, end))
}

fn is_current_id(id: &str) -> bool {
    spdx::license_id(id).is_some_and(|l| !l.is_deprecated() && l.name == id)
}

/// Order among ids sharing one text: a GNU license's text says nothing about "or any later
/// version" (only a notice does), so its full text names the -only id; otherwise the shorter id
/// (MPL-2.0 before its no-copyleft-exception twin), then the id itself.
fn preference(id: &str, kind: MatchKind) -> (u8, usize, &str) {
    let gnu_rank = match (kind, id.ends_with("-only"), id.ends_with("-or-later")) {
        (MatchKind::Text, true, _) => 0,
        (MatchKind::Header, _, true) => 0,
        _ => 1,
    };
    (gnu_rank, id.len(), id)
}

fn reference(kind: MatchKind, data: &TextData) -> Reference {
    Reference { kind, grams: Grams::of_lines(data.lines()) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(id: &str) -> &'static str {
        crate::license(id).unwrap().1
    }

    #[test]
    fn apache_without_its_appendix_is_apache() {
        let full = text("Apache-2.0");
        let cut = full.find("APPENDIX: How to apply").unwrap();
        let m = Matcher::shared().best(&full[..cut]).unwrap();
        assert_eq!(m.license, "Apache-2.0");
        assert!(m.score > 0.97, "score {}", m.score);
        assert_eq!(Matcher::shared().best(full).unwrap().license, "Apache-2.0");
    }

    #[test]
    fn identical_texts_tie_break_the_same_way_every_time() {
        // Fresh matchers, so a hash-map order that differs between instances would show.
        for _ in 0..3 {
            let m = Matcher::build();
            let mpl = m.best(text("MPL-2.0")).unwrap();
            assert_eq!(mpl.license, "MPL-2.0");
            assert_eq!(mpl.tied_with, vec!["MPL-2.0-no-copyleft-exception".to_string()]);
            let lgpl = m.best(text("LGPL-2.1-or-later")).unwrap();
            assert_eq!(lgpl.license, "LGPL-2.1-only");
            assert_eq!(lgpl.tied_with, vec!["LGPL-2.1-or-later".to_string()]);
            let gpl = m.best(text("GPL-2.0-only")).unwrap();
            assert_eq!(gpl.license, "GPL-2.0-only");
            assert!(gpl.tied_with.contains(&"GPL-2.0-or-later".to_string()), "{:?}", gpl.tied_with);
        }
    }

    #[test]
    fn deprecated_ids_are_never_reported() {
        let m = Matcher::shared().best(text("GPL-3.0-only")).unwrap();
        assert!(!m.license.ends_with(".0") || m.license.starts_with("GPL-3.0-"), "{}", m.license);
        assert!(spdx::license_id(&m.license).is_some_and(|l| !l.is_deprecated()));
    }

    #[test]
    fn two_licenses_in_one_file_are_both_found_in_order() {
        let mit = "MIT License\n\nCopyright (c) 2020 Example\n\n".to_string() + text("MIT");
        let combined = format!("{mit}\n\n-----\n\n{}", text("Apache-2.0"));
        let found = Matcher::shared().find_all(&combined, 0.8);
        let ids: Vec<_> = found.iter().map(|m| m.license.as_str()).collect();
        assert_eq!(ids, vec!["MIT", "Apache-2.0"], "{found:?}");
        assert!(found[0].end_line < found[1].start_line);
    }

    #[test]
    fn the_cache_ignores_copyright_lines_but_not_the_license() {
        let m = Matcher::build();
        let a = format!("MIT License\n\nCopyright (c) 2020 Alice\n\n{}", text("MIT"));
        let b = format!("MIT License\n\nCopyright (c) 1999 Bob Corp\n\n{}", text("MIT"));
        assert_eq!(cache_key(&a, 0.8), cache_key(&b, 0.8));
        assert_ne!(cache_key(&a, 0.8), cache_key(text("ISC"), 0.8));
        assert_eq!(m.find_all(&a, 0.8), m.find_all(&b, 0.8));
        assert_eq!(m.find_all(text("ISC"), 0.8)[0].license, "ISC");
    }

    #[test]
    fn every_reference_scores_as_the_crate_scores_it() {
        // Our word pairs of each embedded text against the crate's own comparison, for queries
        // of every shape a scan sends: a text, a boxed header, a notice, a text with a copyright
        // line and a title, two texts in one, and the reference itself.
        let mit = text("MIT");
        let boxed: String = text("BSD-3-Clause").lines().map(|l| format!(" * {l}\n")).collect();
        let queries: Vec<String> = vec![
            mit.to_string(),
            format!("/*\n * Copyright 2009 Jerome Glisse.\n * All Rights Reserved.\n *\n{boxed} */"),
            "This program is free software; you can redistribute it and/or modify it under the terms of the GNU General Public License as published by the Free Software Foundation; either version 2 of the License, or (at your option) any later version.".into(),
            format!("Apache License\n\nCopyright (c) 2020 Example Corp.\n\n{}", text("Apache-2.0")),
            format!("{mit}\n\n-----\n\n{}", text("GPL-2.0-only")),
        ];
        let queries: Vec<TextData> = queries.iter().map(|q| TextData::new(q)).collect();
        let store = Store::load_inline().unwrap();
        let mut compared = 0;
        for (_, entry) in store.iter() {
            for r in std::iter::once(&entry.original).chain(&entry.alternates).chain(&entry.headers) {
                let ours = Grams::of_lines(r.lines());
                for q in queries.iter().chain(std::iter::once(r)) {
                    let theirs = r.match_score(q);
                    let mine = ours.dice(&Grams::of_lines(q.lines()));
                    assert!((mine - theirs).abs() < 1e-6, "{mine} vs {theirs}: {:?}", r.lines().first());
                    compared += 1;
                }
            }
        }
        assert!(compared > 3000, "{compared}");
    }

    #[test]
    fn unrelated_text_finds_nothing() {
        let prose = "fn main() {\n    println!(\"hello\");\n}\n".repeat(20);
        assert!(Matcher::shared().find_all(&prose, 0.8).is_empty());
    }

    #[test]
    fn common_licenses_match_themselves() {
        for id in [
            "MIT",
            "BSD-3-Clause",
            "BSD-2-Clause",
            "ISC",
            "Zlib",
            "Unlicense",
            "LGPL-2.1-only",
            "AGPL-3.0-only",
            "EPL-2.0",
            "BSL-1.0",
            "0BSD",
            "CC0-1.0",
        ] {
            let m = Matcher::shared().best(text(id)).unwrap();
            let acceptable = m.license == id || m.tied_with.iter().any(|t| t == id);
            assert!(acceptable, "{id} matched {} ({:?})", m.license, m.tied_with);
            assert!(m.score > 0.97);
        }
    }
}
