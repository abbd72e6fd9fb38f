//! The rule index: ScanCode's LicenseDB (CC-BY-4.0 data by nexB Inc. and others, embedded at
//! build time) as ~37,000 rules — full texts, standard notices, references, tags, names, URLs —
//! matched over any text's words.
//!
//! Two ways a rule matches:
//! - **exactly**: its words appear in a row (a trie over the first words of every rule, then a
//!   comparison of the rest), whatever the punctuation, case, wrapping or comment markers;
//! - **approximately** (rules of at least [`SEED_MIN`] words): five-word seeds taken every five
//!   words of the rule vote for where it sits; the words matching in order around the seeds
//!   give its coverage, which must reach the rule's minimum (and [`APPROX_MIN`]), with every
//!   required phrase (`{{…}}` in ScanCode's rules) present.
//!
//! Matches are then chosen longest first, a word belonging to one match at most; rules that
//! ScanCode marks as false positives or as generic ("see the license") claim their words and
//! report nothing, so a smaller rule inside them cannot speak.

mod seeds;
mod tokens;

use std::io::Read;
use std::sync::OnceLock;

use rustc_hash::FxHashMap;
use serde::Serialize;

pub use seeds::SEED_MIN;
use seeds::{SEED, SeedTable, seed_hash};
pub use tokens::{STOPWORDS, Word, for_each_word};
use tokens::{for_each_word_hash, word_hash};

/// Where the rule index's data comes from, for About boxes and attribution.
pub const SOURCE: &str = env!("LICENSEDB_SOURCE");
/// The attribution the data asks for.
pub const ATTRIBUTION: &str = "License rules: ScanCode LicenseDB, Copyright (c) nexB Inc. and others, CC-BY-4.0";

static RULES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/rules.bin.z"));
/// Every rule's words, in rule order: a stream of its own, inflated beside the rest.
static WORDS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/words.bin.z"));
static SEEDS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/seeds.bin"));
static TEXTS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/texts.bin"));
const TEXT_CHUNK: usize = 64;

/// Trie depth: rules are found by their first this many words, then compared.
const TRIE_DEPTH: usize = 8;
/// The least coverage an approximate match may have, whatever the rule says.
pub const APPROX_MIN: f32 = 0.8;
/// Rules considered for approximate matches per text, best supported first.
const APPROX_RULES: usize = 64;
/// Approximate candidates aligned per text, best supported first.
const APPROX_CANDIDATES: usize = 24;
const UNKNOWN: u32 = u32::MAX;
const STOP: u32 = u32::MAX - 1;

/// What a rule is, in ScanCode's terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum RuleKind {
    /// A license's full text.
    Text,
    /// A standard notice ("This program is free software; you can redistribute it …").
    Notice,
    /// A mention by name or URL ("released under the MIT license").
    Reference,
    /// A structured statement (`License: MIT`, `"license": "MIT"`).
    Tag,
    /// Words that introduce a license ("The license is as follows:"): no license alone.
    Intro,
    /// A hint, not a statement.
    Clue,
    /// Words that look like a license statement and are not.
    FalsePositive,
}

impl RuleKind {
    fn from_code(c: u8) -> RuleKind {
        match c {
            0 => RuleKind::Text,
            1 => RuleKind::Notice,
            3 => RuleKind::Tag,
            4 => RuleKind::Intro,
            5 => RuleKind::Clue,
            6 => RuleKind::FalsePositive,
            _ => RuleKind::Reference,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            RuleKind::Text => "text",
            RuleKind::Notice => "notice",
            RuleKind::Reference => "reference",
            RuleKind::Tag => "tag",
            RuleKind::Intro => "intro",
            RuleKind::Clue => "clue",
            RuleKind::FalsePositive => "false-positive",
        }
    }
}

/// One rule of the index.
#[derive(Debug)]
pub struct Rule {
    /// ScanCode's rule file name (`mit_30.RULE`, `apache-2.0.LICENSE` for a license's text).
    pub id: Box<str>,
    /// The license expression in SPDX ids (`LicenseRef-scancode-…` for licenses on no list of
    /// this build's); empty for rules that report nothing.
    pub expression: Box<str>,
    pub kind: RuleKind,
    /// 0–100: how sure the rule's match is a statement of that license.
    pub relevance: u8,
    /// 0–100: the least coverage at which the rule counts (0: the index's default).
    pub minimum_coverage: u8,
    /// Files the rule's words point to ("see LICENSE-MIT").
    pub files: Vec<Box<str>>,
    /// Word ranges (in the rule) that must all be matched.
    required: Vec<(u32, u32)>,
    /// The rule's words in the index's numbering: `words[start..end]`.
    span: (u32, u32),
    silent: bool,
    continuous: bool,
    exception_only: bool,
    tag_punctuation: bool,
}

impl Rule {
    pub fn len(&self) -> usize {
        (self.span.1 - self.span.0) as usize
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// An exception named without the license it is added to ("the Classpath exception").
    /// The rule's text has a tag's punctuation (`:`, `=`, `@` or quotes): "License: MIT".
    pub fn has_tag_punctuation(&self) -> bool {
        self.tag_punctuation
    }

    pub fn is_exception_only(&self) -> bool {
        self.exception_only
    }

    /// Does a match of this rule report a license?
    pub fn reports(&self) -> bool {
        !self.silent && !self.expression.is_empty() && !matches!(self.kind, RuleKind::Intro | RuleKind::Clue)
    }
}

/// A license ScanCode knows.
#[derive(Debug, Clone, Serialize)]
pub struct DbLicense {
    pub key: Box<str>,
    /// The SPDX id, or `LicenseRef-scancode-<key>`.
    pub id: Box<str>,
    pub name: Box<str>,
    /// ScanCode's category: Permissive, Copyleft, Copyleft Limited, Proprietary Free, …
    pub category: Box<str>,
}

/// One rule found in a text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RuleMatch {
    /// Index of the rule in [`RuleIndex::rule`].
    pub rule: u32,
    /// 1-based, inclusive line range in the text.
    pub start_line: u32,
    pub end_line: u32,
    /// Byte range of the matched words in the text.
    pub start: usize,
    pub end: usize,
    /// Rule words matched, and the share of the rule they are.
    pub matched: u32,
    pub coverage: f32,
    /// coverage × relevance, 0..1.
    pub score: f32,
    /// Whether every word of the rule was matched in a row.
    pub exact: bool,
}

pub struct RuleIndex {
    source: String,
    /// word hash → word number (`STOP` for stopwords).
    dictionary: FxHashMap<u64, u32>,
    /// One bit per word hash (its low bits): most words of code are in no rule, and this
    /// answers so from cache, without the dictionary's lookup.
    word_bits: Bits,
    licenses: Vec<DbLicense>,
    rules: Vec<Rule>,
    words: Vec<u32>,
    trie: Trie,
    seeds: SeedTable,
}

/// The exact matcher's index: a trie over the first [`TRIE_DEPTH`] words of every rule.
struct Trie {
    /// word number → node of the one-word prefix (0: no rule starts so).
    roots: Vec<u32>,
    /// (node << 32 | word) → child node; node 0 is the root.
    children: FxHashMap<u64, u32>,
    /// The rules whose first `min(len, TRIE_DEPTH)` words lead to node n:
    /// `end_rules[ends[n]..ends[n + 1]]`.
    ends: Vec<u32>,
    end_rules: Vec<u32>,
    /// One bit per two-word prefix of a rule: in code most known words ("the", "for") start
    /// a rule but few pairs do, and this says so without a lookup in `children`.
    pairs: Bits,
}

impl Trie {
    fn of(rules: &[Rule], words: &[u32], n_words: usize) -> Trie {
        let mut children: FxHashMap<u64, u32> = FxHashMap::default();
        let mut ended: Vec<(u32, u32)> = Vec::with_capacity(rules.len());
        let mut next = 1u32;
        for (ri, rule) in rules.iter().enumerate() {
            let toks = &words[rule.span.0 as usize..rule.span.1 as usize];
            let mut node = 0u32;
            for &t in toks.iter().take(TRIE_DEPTH) {
                node = *children.entry((u64::from(node) << 32) | u64::from(t)).or_insert_with(|| {
                    next += 1;
                    next - 1
                });
            }
            ended.push((node, ri as u32));
        }
        ended.sort_unstable();
        let mut ends = vec![0u32; next as usize + 1];
        for &(node, _) in &ended {
            ends[node as usize + 1] += 1;
        }
        for n in 1..ends.len() {
            ends[n] += ends[n - 1];
        }
        let mut roots = vec![0; n_words];
        for (&key, &child) in &children {
            if key >> 32 == 0 {
                roots[(key & 0xffff_ffff) as usize] = child;
            }
        }
        let pairs = Bits::of(
            rules
                .iter()
                .filter(|r| r.len() >= 2)
                .map(|r| pair_hash(words[r.span.0 as usize], words[r.span.0 as usize + 1])),
            20,
        );
        Trie { roots, children, ends, end_rules: ended.into_iter().map(|(_, ri)| ri).collect(), pairs }
    }

    /// The rules that end at `node`.
    #[inline]
    fn ending(&self, node: u32) -> &[u32] {
        &self.end_rules[self.ends[node as usize] as usize..self.ends[node as usize + 1] as usize]
    }
}

#[inline]
fn pair_hash(a: u32, b: u32) -> u64 {
    ((u64::from(a) << 32) | u64::from(b)).wrapping_mul(0x9e37_79b9_7f4a_7c15)
}

static SHARED: OnceLock<RuleIndex> = OnceLock::new();

thread_local! {
    static VOTES: std::cell::RefCell<Vec<u32>> = const { std::cell::RefCell::new(Vec::new()) };
}

struct Reader<'a> {
    b: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn u8(&mut self) -> u8 {
        let v = self.b[self.at];
        self.at += 1;
        v
    }
    fn u32(&mut self) -> u32 {
        let v = u32::from_le_bytes(self.b[self.at..self.at + 4].try_into().expect("4 bytes"));
        self.at += 4;
        v
    }
    fn str(&mut self) -> &'a str {
        let n = self.u32() as usize;
        let s = std::str::from_utf8(&self.b[self.at..self.at + n]).expect("the index holds UTF-8");
        self.at += n;
        s
    }
    fn varint(&mut self) -> u32 {
        let mut v = 0u32;
        let mut shift = 0;
        loop {
            let b = self.u8();
            v |= u32::from(b & 0x7f) << shift;
            if b < 0x80 {
                return v;
            }
            shift += 7;
        }
    }
}

impl RuleIndex {
    /// The process-wide index, loaded on first use.
    pub fn shared() -> &'static RuleIndex {
        SHARED.get_or_init(RuleIndex::load)
    }

    fn load() -> RuleIndex {
        // The words (two thirds of the data) are inflated and decoded on a thread of their own
        // while this one reads the dictionary and the rules.
        std::thread::scope(|scope| {
            let words = scope.spawn(|| {
                let mut raw = Vec::new();
                flate2::read::DeflateDecoder::new(WORDS).read_to_end(&mut raw).expect("the embedded words inflate");
                let mut r = Reader { b: &raw, at: 0 };
                let n = r.u32() as usize;
                let mut words = Vec::with_capacity(n);
                for _ in 0..n {
                    words.push(r.varint());
                }
                words
            });
            RuleIndex::load_with(|| words.join().expect("the words decode"))
        })
    }

    fn load_with(words: impl FnOnce() -> Vec<u32>) -> RuleIndex {
        let mut raw = Vec::new();
        flate2::read::DeflateDecoder::new(RULES).read_to_end(&mut raw).expect("the embedded rule index inflates");
        let mut r = Reader { b: &raw, at: 0 };
        let source = r.str().to_string();
        let n_words = r.u32() as usize;
        let mut dictionary = FxHashMap::with_capacity_and_hasher(n_words + STOPWORDS.len(), Default::default());
        for i in 0..n_words {
            dictionary.insert(word_hash(r.str().as_bytes()), i as u32);
        }
        for w in STOPWORDS {
            dictionary.insert(word_hash(w.as_bytes()), STOP);
        }
        // A British spelling is looked up as the American word the index stores.
        for (british, american) in tokens::SPELLINGS {
            if let Some(&id) = dictionary.get(&word_hash(american.as_bytes())) {
                dictionary.insert(word_hash(british.as_bytes()), id);
            }
        }
        let n_licenses = r.u32() as usize;
        let mut licenses = Vec::with_capacity(n_licenses);
        for _ in 0..n_licenses {
            licenses.push(DbLicense {
                key: r.str().into(),
                id: r.str().into(),
                name: r.str().into(),
                category: r.str().into(),
            });
        }
        let n_rules = r.u32() as usize;
        let mut rules = Vec::with_capacity(n_rules);
        let mut at = 0u32;
        for _ in 0..n_rules {
            let id = r.str().into();
            let expression = r.str().into();
            let (kind, relevance, minimum_coverage, flags) = (r.u8(), r.u8(), r.u8(), r.u8());
            let files = (0..r.u32()).map(|_| r.str().into()).collect();
            let required = (0..r.u32()).map(|_| (r.u32(), r.u32())).collect();
            let n = r.u32();
            let start = at;
            at += n;
            rules.push(Rule {
                id,
                expression,
                kind: RuleKind::from_code(kind),
                relevance,
                minimum_coverage,
                files,
                required,
                span: (start, at),
                silent: flags & 2 != 0,
                continuous: flags & 1 != 0,
                exception_only: flags & 4 != 0,
                tag_punctuation: flags & 8 != 0,
            });
        }
        drop(raw);
        let words = words();
        assert_eq!(words.len(), at as usize, "the words are the rules' words");
        let trie = Trie::of(&rules, &words, n_words);
        let seeds = SeedTable::new(SEEDS, rules.len());
        RuleIndex {
            source,
            word_bits: Bits::of(dictionary.keys().copied(), 20),
            dictionary,
            licenses,
            rules,
            words,
            trie,
            seeds,
        }
    }

    /// Where the data comes from (`scancode-toolkit 32.5.0 (licensedcode/data)`).
    pub fn source(&self) -> &str {
        &self.source
    }

    pub fn rule(&self, i: u32) -> &Rule {
        &self.rules[i as usize]
    }

    pub fn rules(&self) -> impl Iterator<Item = &Rule> {
        self.rules.iter()
    }

    pub fn licenses(&self) -> &[DbLicense] {
        &self.licenses
    }

    /// A license by its id (`LicenseRef-scancode-…` or SPDX).
    pub fn license_by_id(&self, id: &str) -> Option<&DbLicense> {
        self.licenses.iter().find(|l| &*l.id == id)
    }

    /// The text of a rule (for a license's text rule, the license's text), as ScanCode has it.
    /// A rule by its ScanCode name (`mit_30.RULE`), with its number.
    pub fn rule_named(&self, id: &str) -> Option<(u32, &Rule)> {
        self.rules.iter().enumerate().find(|(_, r)| &*r.id == id).map(|(i, r)| (i as u32, r))
    }

    pub fn rule_text(&self, i: u32) -> Option<String> {
        text_at(i as usize)
    }

    /// The full text of a license by id, when the index has one.
    pub fn license_text(&self, id: &str) -> Option<String> {
        let key = &self.license_by_id(id)?.key;
        let name = format!("{key}.LICENSE");
        let i = self.rules.iter().position(|r| *r.id == *name)?;
        self.rule_text(i as u32)
    }

    fn rule_words(&self, r: &Rule) -> &[u32] {
        &self.words[r.span.0 as usize..r.span.1 as usize]
    }

    /// Every rule found in `text`, non-overlapping, in text order. Rules that report nothing
    /// (false positives, generic statements) are left out of the answer but have taken their
    /// words.
    pub fn find(&self, text: &str) -> Vec<RuleMatch> {
        self.find_in_lines(text, &[])
    }

    /// [`RuleIndex::find`] over the lines whose `read` is true (and those past its end): a line
    /// not read is one unknown word, so no match runs over it (code between comments).
    pub fn find_in_lines(&self, text: &str, read: &[bool]) -> Vec<RuleMatch> {
        let mut q: Vec<u32> = Vec::new();
        // (start byte, end byte, line) of each word, as u32 (files are far below 4 GiB). A run
        // of words that are in no rule is one unknown word: no match starts, ends or passes
        // there, and a large generated file of identifiers costs a few bytes per run.
        let mut pos: Vec<(u32, u32, u32)> = Vec::new();
        for_each_word_hash(text, read, |w, h| {
            let id = if w.start == w.end {
                UNKNOWN
            } else if self.word_bits.has(h) {
                self.dictionary.get(&h).copied().unwrap_or(UNKNOWN)
            } else {
                UNKNOWN
            };
            if id == STOP || (id == UNKNOWN && q.last() == Some(&UNKNOWN)) {
                return;
            }
            q.push(id);
            pos.push((w.start as u32, w.end as u32, w.line));
        });
        if q.is_empty() {
            return Vec::new();
        }
        // (query start, query end, rule, matched words, exact)
        let mut candidates: Vec<(usize, usize, u32, u32, bool)> = Vec::new();
        self.exact(&q, &mut candidates);
        // A variant of a long rule shares some of its words with a rule that matches exactly (a
        // license's name, a word like "warranty"): a text where no rule matches at all has none.
        // (Asking for a match of four words or more, as before, missed variants whose only long
        // exact match was elsewhere in the file: Agere's BSD text in et131x.c was found through
        // the file's MODULE_LICENSE line.)
        if !candidates.is_empty() {
            self.approximate(&q, &mut candidates);
        }
        // Most words matched first, weighed by the share of the rule they are (of two texts
        // that match the same words, the one with fewer words unmatched); then exact before
        // approximate, relevance, and a full text before a notice before a reference.
        let weight = |c: &(usize, usize, u32, u32, bool)| {
            let len = self.rules[c.2 as usize].len() as f32;
            c.3 as f32 * c.3 as f32 / len
        };
        candidates.sort_by(|a, b| {
            let (ra, rb) = (&self.rules[a.2 as usize], &self.rules[b.2 as usize]);
            weight(b)
                .total_cmp(&weight(a))
                .then(b.4.cmp(&a.4))
                .then(rb.relevance.cmp(&ra.relevance))
                .then(rank(ra.kind).cmp(&rank(rb.kind)))
                .then(a.0.cmp(&b.0))
                .then(a.2.cmp(&b.2))
        });
        let mut taken = vec![false; q.len()];
        let mut out = Vec::new();
        for (qs, qe, ri, matched, exact) in candidates {
            if taken[qs..qe].iter().any(|t| *t) {
                continue;
            }
            taken[qs..qe].iter_mut().for_each(|t| *t = true);
            let rule = &self.rules[ri as usize];
            if !rule.reports() {
                continue;
            }
            let coverage = matched as f32 / rule.len() as f32;
            out.push(RuleMatch {
                rule: ri,
                start_line: pos[qs].2 + 1,
                end_line: pos[qe - 1].2 + 1,
                start: pos[qs].0 as usize,
                end: pos[qe - 1].1 as usize,
                matched,
                coverage,
                score: coverage * f32::from(rule.relevance) / 100.0,
                exact,
            });
        }
        out.sort_by_key(|m| (m.start, m.rule));
        out
    }

    fn exact(&self, q: &[u32], out: &mut Vec<(usize, usize, u32, u32, bool)>) {
        for i in 0..q.len() {
            let first = q[i];
            if first == UNKNOWN || self.trie.roots[first as usize] == 0 {
                continue;
            }
            let mut node = 0u32;
            for d in 0..TRIE_DEPTH.min(q.len() - i) {
                let t = q[i + d];
                if t == UNKNOWN {
                    break;
                }
                node = match d {
                    0 => self.trie.roots[t as usize],
                    1 if !self.trie.pairs.has(pair_hash(first, t)) => break,
                    _ => match self.trie.children.get(&((u64::from(node) << 32) | u64::from(t))) {
                        Some(&child) => child,
                        None => break,
                    },
                };
                for &ri in self.trie.ending(node) {
                    let rule = &self.rules[ri as usize];
                    let len = rule.len();
                    if i + len <= q.len() && (len == d + 1 || q[i + d + 1..i + len] == self.rule_words(rule)[d + 1..]) {
                        out.push((i, i + len, ri, len as u32, true));
                    }
                }
            }
        }
    }

    fn approximate(&self, q: &[u32], out: &mut Vec<(usize, usize, u32, u32, bool)>) {
        if q.len() < SEED {
            return;
        }
        // The query's seeds that are in the index, then the votes they give each rule.
        let mut found: Vec<(u32, u32, u32)> = Vec::new();
        // Known words in a row up to here: a window with an unknown word is no seed.
        let mut known = 0;
        for (end, &w) in q.iter().enumerate() {
            known = if w == UNKNOWN { 0 } else { known + 1 };
            if known < SEED {
                continue;
            }
            let i = end + 1 - SEED;
            if let Some((s, e)) = self.seeds.postings(seed_hash(&q[i..=end])) {
                found.push((i as u32, s, e));
            }
        }
        if found.is_empty() {
            return;
        }
        let need = |ri: u32| (self.seeds.count(ri) as f32 * 0.4).ceil().max(2.0) as u32;
        // Votes counted in a per-thread array (a license text casts hundreds of thousands).
        let mut votes: FxHashMap<u32, u32> = VOTES.with_borrow_mut(|counts| {
            counts.resize(self.rules.len(), 0);
            let mut touched: Vec<u32> = Vec::new();
            for &(_, s, e) in &found {
                for (ri, _) in (s..e).map(|k| self.seeds.entry(k)) {
                    let c = &mut counts[ri as usize];
                    if *c == 0 {
                        touched.push(ri);
                    }
                    *c += 1;
                }
            }
            let mut out = FxHashMap::default();
            for ri in touched {
                let v = std::mem::take(&mut counts[ri as usize]);
                if v >= need(ri) && !self.rules[ri as usize].continuous {
                    out.insert(ri, v);
                }
            }
            out
        });
        if votes.is_empty() {
            return;
        }
        // The best-supported rules only: a GPL text gives votes to hundreds of GPL rules.
        if votes.len() > APPROX_RULES {
            let mut ranked: Vec<(u32, u32)> = votes.iter().map(|(&r, &v)| (r, v)).collect();
            let share = |(r, v): (u32, u32)| v as f32 / self.seeds.count(r).max(1) as f32;
            ranked.sort_by(|a, b| share(*b).total_cmp(&share(*a)).then(b.1.cmp(&a.1)).then(a.0.cmp(&b.0)));
            ranked.truncate(APPROX_RULES);
            votes = ranked.into_iter().collect();
        }
        // Seeds found: (rule, query position, rule position), for rules with enough votes.
        let mut hits: Vec<(u32, u32, u32)> = Vec::new();
        for &(i, s, e) in &found {
            for (ri, p) in (s..e).map(|k| self.seeds.entry(k)) {
                if votes.contains_key(&ri) {
                    hits.push((ri, i, p));
                }
            }
        }
        hits.sort_unstable();
        // Per rule, clusters of hits on nearby diagonals (insertions and deletions shift it).
        let mut clusters: Vec<(u32, Vec<(u32, u32)>)> = Vec::new();
        for group in hits.chunk_by(|a, b| a.0 == b.0) {
            let ri = group[0].0;
            let rule = &self.rules[ri as usize];
            let need = need(ri) as usize;
            if group.len() < need || rule.continuous {
                continue;
            }
            let mut by_diagonal: Vec<(i64, u32, u32)> =
                group.iter().map(|&(_, qi, p)| (i64::from(qi) - i64::from(p), qi, p)).collect();
            by_diagonal.sort_unstable();
            for c in by_diagonal.chunk_by(|a, b| b.0 - a.0 <= 48) {
                if c.len() >= need {
                    let mut h: Vec<(u32, u32)> = c.iter().map(|&(_, qi, p)| (qi, p)).collect();
                    h.sort_unstable();
                    clusters.push((ri, h));
                }
            }
        }
        // The best-supported candidates only: a GPL text gives votes to hundreds of GPL rules.
        clusters.sort_by(|a, b| {
            let share = |c: &(u32, Vec<(u32, u32)>)| c.1.len() as f32 / self.seeds.count(c.0).max(1) as f32;
            share(b).total_cmp(&share(a)).then(b.1.len().cmp(&a.1.len())).then(a.0.cmp(&b.0))
        });
        clusters.truncate(APPROX_CANDIDATES);
        for (ri, cluster) in clusters {
            let rule = &self.rules[ri as usize];
            let Some((qs, qe, matched)) = self.align(q, rule, &cluster) else { continue };
            let min = (f32::from(rule.minimum_coverage) / 100.0).max(APPROX_MIN);
            if (matched as f32) < min * rule.len() as f32 || matched as usize == rule.len() && qe - qs == rule.len() {
                continue; // too little, or an exact match found already
            }
            out.push((qs, qe, ri, matched, false));
        }
    }

    /// The rule's words matched in order around its seeds: blocks grown from each seed hit
    /// (sorted by query position), chained greedily where both texts move forward. (query start,
    /// end, words matched) when every required phrase is inside a block.
    fn align(&self, q: &[u32], rule: &Rule, hits: &[(u32, u32)]) -> Option<(usize, usize, u32)> {
        let rw = self.rule_words(rule);
        // (query start, rule start, length), in query order, increasing in the rule too.
        let mut chain: Vec<(usize, usize, usize)> = Vec::new();
        for &(qi, rp) in hits {
            let (qi, rp) = (qi as usize, rp as usize);
            if q[qi..qi + SEED] != rw[rp..rp + SEED] {
                continue; // a hash collision
            }
            let (q_floor, r_floor) = chain.last().map_or((0, 0), |&(bq, br, bl)| (bq + bl, br + bl));
            if qi < q_floor || rp < r_floor {
                continue; // inside the previous block, or going back
            }
            let (mut a, mut b) = (qi, rp);
            while a > q_floor && b > r_floor && q[a - 1] == rw[b - 1] {
                a -= 1;
                b -= 1;
            }
            let mut len = qi - a + SEED;
            while a + len < q.len() && b + len < rw.len() && q[a + len] == rw[b + len] {
                len += 1;
            }
            chain.push((a, b, len));
        }
        let total: usize = chain.iter().map(|b| b.2).sum();
        for &(s, e) in &rule.required {
            let inside = chain.iter().any(|&(_, rb, l)| rb <= s as usize && e as usize <= rb + l);
            if !inside {
                return None;
            }
        }
        let qs = chain.first()?.0;
        let last = chain.last()?;
        Some((qs, last.0 + last.2, total as u32))
    }
}

/// A set of hashes as one bit each (false positives, no false negatives).
struct Bits {
    bits: Vec<u64>,
    mask: u64,
}

impl Bits {
    fn of(hashes: impl Iterator<Item = u64>, log2: u32) -> Bits {
        let mut b = Bits { bits: vec![0; 1 << log2.saturating_sub(6)], mask: (1u64 << log2) - 1 };
        for h in hashes {
            let i = b.slot(h);
            b.bits[i >> 6] |= 1 << (i & 63);
        }
        b
    }

    #[inline]
    fn slot(&self, h: u64) -> usize {
        // The high bits: the hash maps use the low ones too.
        ((h >> 40) & self.mask) as usize
    }

    #[inline]
    fn has(&self, h: u64) -> bool {
        let i = self.slot(h);
        self.bits[i >> 6] & (1 << (i & 63)) != 0
    }
}

/// Kinds that should win a tie of length: a text over a notice over a reference.
fn rank(kind: RuleKind) -> u8 {
    match kind {
        RuleKind::FalsePositive => 0,
        RuleKind::Text => 1,
        RuleKind::Notice => 2,
        RuleKind::Tag => 3,
        RuleKind::Reference => 4,
        RuleKind::Intro | RuleKind::Clue => 5,
    }
}

fn text_at(i: usize) -> Option<String> {
    let mut r = Reader { b: TEXTS, at: 0 };
    let n = r.u32() as usize;
    if i >= n {
        return None;
    }
    let chunks = r.u32() as usize;
    let chunk = i / TEXT_CHUNK;
    if chunk >= chunks {
        return None;
    }
    let table = r.at;
    let off =
        |k: usize| u32::from_le_bytes(TEXTS[table + 4 * k..table + 4 * k + 4].try_into().expect("4 bytes")) as usize;
    let base = table + 4 * (chunks + 1);
    let (s, e) = (base + off(chunk), base + off(chunk + 1));
    let mut raw = Vec::new();
    flate2::read::DeflateDecoder::new(&TEXTS[s..e]).read_to_end(&mut raw).ok()?;
    let mut c = Reader { b: &raw, at: 0 };
    for _ in 0..i % TEXT_CHUNK {
        c.str();
    }
    Some(c.str().to_string())
}

#[cfg(test)]
mod tests;
