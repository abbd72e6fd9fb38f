//! A text as the full-text matcher compares it: the multiset of its word pairs, each pair a
//! 64-bit number, sorted.
//!
//! askalono's measure (as the `spdx` crate computes it) is the Sørensen–Dice coefficient of two
//! texts' word-pair multisets, after normalising them: common line prefixes (comment markers)
//! dropped, punctuation removed, lowercased, a title line and copyright statements dropped. The
//! crate keeps each multiset as a map from the pair's string to its count and hashes strings with
//! SipHash for every look-up, which made ranking a header against every license text the largest
//! cost of a scan. Here the same words are cut the same way (the `equals_the_crates_measure` test
//! holds every reference text to it) into numbers, so a comparison is a merge of two sorted
//! lists, and one [`Index`] scores a text against every reference in a single pass.

use std::borrow::Cow;
use std::hash::{BuildHasher, Hasher};
use std::sync::LazyLock;

use regex::Regex;
use rustc_hash::FxHashMap;

/// A text's word pairs: (pair, how often), sorted by pair, and how many pairs in all.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Grams {
    pairs: Vec<(u64, u32)>,
    size: u32,
}

impl Grams {
    /// The pairs of normalised lines (as `spdx::detection::TextData::lines` gives them), read as
    /// one text.
    pub fn of_lines(lines: &[String]) -> Grams {
        Grams::of_processed(&processed(&lines.join("\n")))
    }

    fn of_processed(text: &str) -> Grams {
        let mut hashes: Vec<u64> = Vec::new();
        let mut previous: Option<u64> = None;
        for word in text.split_whitespace() {
            let h = word_hash(word);
            if let Some(p) = previous {
                hashes.push(pair_hash(p, h));
            }
            previous = Some(h);
        }
        let size = hashes.len() as u32;
        hashes.sort_unstable();
        let mut pairs: Vec<(u64, u32)> = Vec::new();
        for h in hashes {
            match pairs.last_mut() {
                Some((last, n)) if *last == h => *n += 1,
                _ => pairs.push((h, 1)),
            }
        }
        Grams { pairs, size }
    }

    pub fn is_empty(&self) -> bool {
        self.size == 0
    }

    /// The Dice coefficient of the two multisets: twice the pairs they share over all pairs.
    pub fn dice(&self, other: &Grams) -> f32 {
        if self.is_empty() || other.is_empty() {
            return 0.0;
        }
        let (a, b) = (&self.pairs, &other.pairs);
        let (mut i, mut j, mut shared) = (0, 0, 0u32);
        while i < a.len() && j < b.len() {
            match a[i].0.cmp(&b[j].0) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    shared += a[i].1.min(b[j].1);
                    i += 1;
                    j += 1;
                }
            }
        }
        ratio(shared, self.size, other.size)
    }
}

fn ratio(shared: u32, a: u32, b: u32) -> f32 {
    (2.0 * shared as f32) / ((a + b) as f32)
}

/// Many texts' pairs, inverted: for each pair, which texts have it and how often, so a query is
/// scored against all of them by reading only the lists of its own pairs.
pub struct Index {
    sizes: Vec<u32>,
    /// pair → range of `postings`
    lists: FxHashMap<u64, (u32, u32)>,
    /// (text, count), grouped by pair
    postings: Vec<(u32, u32)>,
}

impl Index {
    pub fn new<'a>(texts: impl IntoIterator<Item = &'a Grams>) -> Index {
        let mut sizes = Vec::new();
        let mut all: Vec<(u64, u32, u32)> = Vec::new();
        for (t, g) in texts.into_iter().enumerate() {
            sizes.push(g.size);
            all.extend(g.pairs.iter().map(|&(h, n)| (h, t as u32, n)));
        }
        all.sort_unstable();
        let mut lists = FxHashMap::default();
        let mut postings = Vec::with_capacity(all.len());
        for run in all.chunk_by(|a, b| a.0 == b.0) {
            let start = postings.len() as u32;
            postings.extend(run.iter().map(|&(_, t, n)| (t, n)));
            lists.insert(run[0].0, (start, postings.len() as u32));
        }
        Index { sizes, lists, postings }
    }

    /// Every text's Dice coefficient with `query`, in the order the texts were given.
    pub fn scores(&self, query: &Grams) -> Vec<f32> {
        let mut shared = vec![0u32; self.sizes.len()];
        for &(h, n) in &query.pairs {
            if let Some(&(s, e)) = self.lists.get(&h) {
                for &(t, m) in &self.postings[s as usize..e as usize] {
                    shared[t as usize] += n.min(m);
                }
            }
        }
        shared
            .iter()
            .zip(&self.sizes)
            .map(|(&s, &size)| if query.is_empty() || size == 0 { 0.0 } else { ratio(s, query.size, size) })
            .collect()
    }
}

fn word_hash(word: &str) -> u64 {
    let mut h = rustc_hash::FxBuildHasher.build_hasher();
    h.write(word.as_bytes());
    h.write_u8(0xff);
    // FxHash's last step leaves the low bits weak: spread them before pairing.
    let x = h.finish();
    (x ^ (x >> 29)).wrapping_mul(0xbf58_476d_1ce4_e5b9) ^ (x >> 32)
}

fn pair_hash(a: u64, b: u64) -> u64 {
    let x = a.rotate_left(23) ^ b.wrapping_mul(0x9e37_79b9_7f4a_7c15);
    (x ^ (x >> 31)).wrapping_mul(0x94d0_49bb_1331_11eb) ^ (x >> 29)
}

/// A text as askalono matches it, from its normalised lines joined by `\n`: the same steps, in
/// the same order, as the crate's aggressive preprocessing.
fn processed(joined: &str) -> String {
    let text = without_common_prefix(joined);
    let text = vertical_whitespace(&text);
    let text = without_punctuation(&text);
    let text = text.to_lowercase();
    let text = without_title_line(&text);
    without_copyright_statements(&text).into_owned()
}

/// A prefix that most lines start with (`%%Copyright:`, ` * `) is markup, not words: when the
/// prefixes that pairs of neighbouring lines share are mostly one string longer than three bytes,
/// covering 80 % of the lines, it is removed from every line that has it. Of equally common
/// prefixes the first seen is taken (the crate takes whichever its hash map yields).
fn without_common_prefix(text: &str) -> Cow<'_, str> {
    let lines: Vec<&str> = text.split('\n').collect();
    // prefix → (first seen at, count); a prefix seen once counts 2 (two lines).
    let mut counts: FxHashMap<&str, (usize, u32)> = FxHashMap::default();
    for (at, pair) in lines.windows(2).enumerate() {
        let shared = shared_prefix(pair[0], pair[1]);
        if shared.len() > 3 {
            counts.entry(shared).or_insert((at, 1)).1 += 1;
        }
    }
    // The most common, the first seen of equals.
    let Some((&common, _)) = counts.iter().max_by(|a, b| a.1.1.cmp(&b.1.1).then(b.1.0.cmp(&a.1.0))) else {
        return Cow::Borrowed(text);
    };
    let covered: u32 = counts.iter().filter(|(p, _)| p.starts_with(common)).map(|(_, c)| c.1).sum();
    if covered < (0.8f32 * lines.len() as f32) as u32 {
        return Cow::Borrowed(text);
    }
    let kept: Vec<&str> = lines.iter().map(|l| l.strip_prefix(common).unwrap_or(l).trim()).collect();
    Cow::Owned(kept.join("\n"))
}

/// The bytes two lines start with alike, cut back to a whole character, then trimmed.
fn shared_prefix<'a>(a: &'a str, b: &str) -> &'a str {
    let mut n = a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count();
    while !a.is_char_boundary(n) {
        n -= 1;
    }
    a[..n].trim()
}

/// Line breaks of every kind become `\n`, and more than one empty line becomes one.
fn vertical_whitespace(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut breaks = 0;
    for c in text.chars() {
        if matches!(c, '\r' | '\n' | '\u{b}' | '\u{c}') {
            breaks += 1;
            if breaks <= 2 {
                out.push('\n');
            }
        } else {
            breaks = 0;
            out.push(c);
        }
    }
    out
}

/// Every character that is neither a word character nor white space (Unicode's definitions, as
/// regular expressions' `\w` and `\s` have them) is removed.
fn without_punctuation(text: &str) -> Cow<'_, str> {
    if text.is_ascii() {
        let keep =
            |b: u8| b.is_ascii_alphanumeric() || b == b'_' || matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c);
        if text.bytes().all(keep) {
            return Cow::Borrowed(text);
        }
        return Cow::Owned(text.bytes().filter(|&b| keep(b)).map(char::from).collect());
    }
    static NOT_WORD: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"[^\w\s]+").expect("a valid pattern"));
    NOT_WORD.replace_all(text, "")
}

/// A first line that names a license ("… license", "… license version 2", "… license copyright …")
/// followed by an empty line is the text's title.
fn without_title_line(text: &str) -> Cow<'_, str> {
    static TITLE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^.*license( version \S+)?( copyright.*)?\n\n").expect("a valid pattern"));
    TITLE.replace_all(text, "")
}

/// Copyright statements are the holder's, not the license's: a paragraph that is one line
/// starting "copyright", a first line that mentions it, a line "copyright" + years or "c".
fn without_copyright_statements(text: &str) -> Cow<'_, str> {
    if !text.contains("copyright") {
        return Cow::Borrowed(text);
    }
    static STATEMENT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(concat!(
            r"(?m)",
            r"((\n\n|\A\n*)(^\x20*copyright.*?$)+\n\n)",
            r"|(\A.*copyright.*$)",
            r"|(^copyright(\s+(c|\d+))+.*?$)",
        ))
        .expect("a valid pattern")
    });
    STATEMENT.replace_all(text, "\n\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grams(text: &str) -> Grams {
        let lines: Vec<String> = spdx::detection::TextData::new(text).lines().to_vec();
        Grams::of_lines(&lines)
    }

    fn crate_score(a: &str, b: &str) -> f32 {
        spdx::detection::TextData::new(a).match_score(&spdx::detection::TextData::new(b))
    }

    #[test]
    fn equals_the_crates_measure() {
        let mit = crate::license("MIT").unwrap().1;
        let bsd = crate::license("BSD-3-Clause").unwrap().1;
        let boxed: String = mit.lines().map(|l| format!(" * {l}\n")).collect();
        let samples = [
            mit.to_string(),
            format!("MIT License\n\nCopyright (c) 2020 Jane Doe\n\n{mit}"),
            format!("/*\n{boxed} */"),
            format!("%%Copyright: Copyright 1999 X\n%%Copyright: All rights reserved.\n{bsd}"),
            format!("Copyright 2001 A\nCopyright (c) 2002 B\n\n{bsd}\n\n\n\nmore – “quoted” words"),
            "Licensed under the Apache License, Version 2.0 (the \"License\"); you may not use this file".into(),
            "Überall ÆRØ ß — straße; naïve café ½ ²".into(),
            String::new(),
        ];
        for a in &samples {
            for b in [mit, bsd, crate::license("Apache-2.0").unwrap().1, a.as_str()] {
                let ours = grams(a).dice(&grams(b));
                assert!((ours - crate_score(a, b)).abs() < 1e-6, "{ours} vs {} for {a:?}", crate_score(a, b));
            }
        }
    }

    #[test]
    fn the_index_scores_every_text_as_one_comparison_does() {
        let texts: Vec<Grams> =
            ["MIT", "ISC", "Zlib", "BSD-2-Clause"].iter().map(|id| grams(crate::license(id).unwrap().1)).collect();
        let index = Index::new(&texts);
        for q in &texts {
            let all = index.scores(q);
            for (t, s) in texts.iter().zip(all) {
                assert_eq!(s, q.dice(t));
            }
        }
        assert!(index.scores(&Grams::default()).iter().all(|s| *s == 0.0));
    }

    #[test]
    fn a_common_line_prefix_is_markup() {
        let text = "%%C: Redistribution and use\n%%C: in source and binary\n%%C: forms, with or\n%%C: without\nabcd";
        assert_eq!(
            without_common_prefix(text),
            "Redistribution and use\nin source and binary\nforms, with or\nwithout\nabcd"
        );
        // Three lines of five share it: under 80 %.
        let text = "%%C: Redistribution and use\n%%C: in source and binary\n%%C: forms\n\nabcd";
        assert_eq!(without_common_prefix(text), text);
        let prose = "a line of prose\nanother line\nand a third";
        assert_eq!(without_common_prefix(prose), prose);
        assert_eq!(vertical_whitespace("a\r\n\n\n\nb"), "a\n\nb");
        assert_eq!(without_title_line("the mit license\n\npermission is"), "permission is");
        assert_eq!(without_copyright_statements("copyright 2020 jane\npermission"), "\n\n\npermission");
    }
}
