//! How rule texts and scanned files are cut into words. One definition, used by `build.rs` (to
//! index the rules) and by the matcher (to read files), so both sides always agree.
//!
//! A word is a run of letters and digits, lowercased; a `+` right after one stays with it
//! (`GPLv2+`, `2.0+`: "or later" is often written that way). Punctuation, comment markers and
//! line breaks are not words, so a notice matches however it is wrapped or boxed. Markup that
//! carries no meaning (`<p>`, `&amp;`, `http://www.`) is dropped on both sides.

/// Words that are skipped everywhere: HTML tags and entities, URL schemes.
pub const STOPWORDS: &[&str] = &[
    "amp", "apos", "gt", "lt", "nbsp", "quot", "br", "p", "div", "span", "li", "ul", "ol", "href", "td", "tr", "th",
    "tbody", "thead", "strong", "em", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "http", "https", "www", "dnl",
];

/// British spellings and the American ones they are one word with: rules are mostly written
/// "license", and a notice written "Licence" (the kernel's keyutils, Debian's own files) is the
/// same notice. The index stores the American word; a text's British one is looked up as it.
pub const SPELLINGS: &[(&str, &str)] = &[
    ("licence", "license"),
    ("licences", "licenses"),
    ("licenced", "licensed"),
    ("licencing", "licensing"),
    ("licencee", "licensee"),
    ("licencees", "licensees"),
    ("licencor", "licensor"),
    ("licencors", "licensors"),
];

/// The word the index knows a lowercased word as (`build.rs`, which includes this file, numbers
/// the rules' words by it).
#[allow(dead_code)]
pub fn folded(lower: &str) -> &str {
    SPELLINGS.iter().find(|(b, _)| *b == lower).map_or(lower, |(_, a)| a)
}

/// One word of a text: its bytes' range in the text (before lowercasing) and its 0-based line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word {
    pub start: usize,
    pub end: usize,
    pub line: u32,
}

/// Is this lowercased word one of [`STOPWORDS`]?
pub fn is_stopword(w: &str) -> bool {
    matches!(
        w,
        "amp"
            | "apos"
            | "gt"
            | "lt"
            | "nbsp"
            | "quot"
            | "br"
            | "p"
            | "div"
            | "span"
            | "li"
            | "ul"
            | "ol"
            | "href"
            | "td"
            | "tr"
            | "th"
            | "tbody"
            | "thead"
            | "strong"
            | "em"
            | "pre"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "http"
            | "https"
            | "www"
            | "dnl"
    )
}

/// What a word's lowercased bytes are gathered into while the text is cut.
trait Gather {
    fn clear(&mut self);
    fn push(&mut self, b: u8);
}

impl Gather for Vec<u8> {
    fn clear(&mut self) {
        Vec::clear(self);
    }
    fn push(&mut self, b: u8) {
        Vec::push(self, b);
    }
}

/// A word's hash, taken as its bytes go by: eight bytes at a time are gathered into one
/// number and mixed in once (no byte of a lowercased word is zero, so the gathered number also
/// says how many bytes it holds).
#[derive(Clone, Copy)]
struct WordHasher {
    h: u64,
    gathered: u64,
    n: u32,
}

impl WordHasher {
    const fn new() -> WordHasher {
        WordHasher { h: HASH_SEED, gathered: 0, n: 0 }
    }

    #[inline]
    fn finish(&self) -> u64 {
        mix(self.h, self.gathered)
    }
}

impl Gather for WordHasher {
    #[inline]
    fn clear(&mut self) {
        *self = WordHasher::new();
    }
    #[inline]
    fn push(&mut self, b: u8) {
        self.gathered |= u64::from(b) << (8 * self.n);
        self.n += 1;
        if self.n == 8 {
            self.h = mix(self.h, self.gathered);
            self.gathered = 0;
            self.n = 0;
        }
    }
}

/// Each ASCII byte's lowercase form when it is a letter or digit, else 0.
static WORD_BYTE: [u8; 128] = {
    let mut t = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        if c.is_ascii_alphanumeric() {
            t[b] = c.to_ascii_lowercase();
        }
        b += 1;
    }
    t
};

/// The one place words are cut: `f(word, gathered)` for every word, `gathered` holding its
/// lowercased UTF-8 bytes as `G` keeps them. A line `l` with `read[l] == false` is not cut:
/// it is passed over whole, and `f` hears of it once as an empty word at its start (lines past
/// the end of `read` are read).
fn cut<G: Gather>(text: &str, read: &[bool], g: &mut G, mut f: impl FnMut(Word, &G)) {
    let bytes = text.as_bytes();
    let mut line = 0u32;
    let mut buf = [0u8; 4];
    let skip = |line: u32, i: usize, g: &G, f: &mut dyn FnMut(Word, &G)| -> usize {
        if read.get(line as usize).copied().unwrap_or(true) {
            return i;
        }
        f(Word { start: i, end: i, line }, g);
        memchr::memchr(b'\n', &bytes[i..]).map_or(bytes.len(), |p| i + p)
    };
    let mut i = skip(0, 0, g, &mut f);
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            if WORD_BYTE[b as usize] == 0 {
                i += 1;
                if b == b'\n' {
                    line += 1;
                    i = skip(line, i, g, &mut f);
                }
                continue;
            }
        } else if !char_at(text, i).0.is_alphanumeric() {
            i += char_at(text, i).1;
            continue;
        }
        let start = i;
        g.clear();
        let mut plus = false;
        while i < bytes.len() {
            let b = bytes[i];
            let lower = if b < 0x80 { WORD_BYTE[b as usize] } else { 0 };
            if lower != 0 {
                g.push(lower);
                i += 1;
            } else if b == b'+' && !plus {
                plus = true;
                g.push(b'+');
                i += 1;
            } else if b >= 0x80 {
                let (c, len) = char_at(text, i);
                if !c.is_alphanumeric() {
                    break;
                }
                for l in c.to_lowercase() {
                    for &x in l.encode_utf8(&mut buf).as_bytes() {
                        g.push(x);
                    }
                }
                i += len;
            } else {
                break;
            }
        }
        f(Word { start, end: i, line }, g);
    }
}

/// Calls `f(word, lowercased)` for every word of `text` that is not a stopword, in order.
pub fn for_each_word(text: &str, mut f: impl FnMut(Word, &str)) {
    let mut lower: Vec<u8> = Vec::new();
    cut(text, &[], &mut lower, |w, lower| {
        let lower = std::str::from_utf8(lower).expect("lowercased UTF-8 is UTF-8");
        if !is_stopword(lower) {
            f(w, lower);
        }
    });
}

/// The number a word is known by in the matcher's dictionary: a 64-bit hash of its lowercased
/// UTF-8 bytes (two different words of one hash are as likely as a random 64-bit collision).
pub fn word_hash(lower: &[u8]) -> u64 {
    let mut h = WordHasher::new();
    for &b in lower {
        h.push(b);
    }
    h.finish()
}

const HASH_SEED: u64 = 0x9e37_79b9_7f4a_7c15;

#[inline]
fn mix(h: u64, x: u64) -> u64 {
    (h.rotate_left(5) ^ x).wrapping_mul(0x517c_c1b7_2722_0a95)
}

/// [`for_each_word`] for the matcher: each word's [`word_hash`] instead of its text, computed
/// as the bytes go by (no string is built). Stopwords are not skipped here: the matcher's
/// dictionary knows their hashes. Lines whose `read` is false are not cut; each is one empty
/// word (`start == end`) instead.
pub fn for_each_word_hash(text: &str, read: &[bool], mut f: impl FnMut(Word, u64)) {
    let mut h = WordHasher::new();
    cut(text, read, &mut h, |w, h| f(w, h.finish()));
}

fn char_at(text: &str, i: usize) -> (char, usize) {
    let c = text[i..].chars().next().unwrap_or(' ');
    (c, c.len_utf8())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        for_each_word(text, |_, w| out.push(w.to_string()));
        out
    }

    #[test]
    fn words_ignore_case_punctuation_markup_and_wrapping() {
        assert_eq!(
            words(" * Licensed under the\n * <b>Apache</b> License, Version 2.0"),
            vec!["licensed", "under", "the", "b", "apache", "b", "license", "version", "2", "0"]
        );
        assert_eq!(words("GPLv2+ or GPL-2.0+"), vec!["gplv2+", "or", "gpl", "2", "0+"]);
        assert_eq!(words("see http://www.apache.org/licenses/"), vec!["see", "apache", "org", "licenses"]);
        assert_eq!(words("Überall © 2020"), vec!["überall", "2020"]);
    }

    #[test]
    fn hashing_words_as_they_go_by_agrees_with_hashing_the_words() {
        let text = "Licensed under GPLv2+ — Überall, ÆRØ ß 2.0+ c++ <p>x</p>";
        let mut plain = Vec::new();
        let mut all = Vec::new();
        for_each_word(text, |w, lower| plain.push((w, word_hash(lower.as_bytes()))));
        for_each_word_hash(text, &[], |w, h| all.push((w, h)));
        all.retain(|(w, _)| !is_stopword(&text[w.start..w.end].to_lowercase()));
        assert_eq!(plain, all);
    }

    #[test]
    fn lines_not_read_are_one_gap_each() {
        let text = "keep this\nskip these words\nand this\nskip\n";
        let mut got = Vec::new();
        for_each_word_hash(text, &[true, false, true, false], |w, _| got.push((&text[w.start..w.end], w.line)));
        assert_eq!(got, vec![("keep", 0), ("this", 0), ("", 1), ("and", 2), ("this", 2), ("", 3)]);
        got.clear();
        for_each_word_hash(text, &[false], |w, _| got.push((&text[w.start..w.end], w.line)));
        assert_eq!(got[..2], [("", 0), ("skip", 1)]);
    }

    #[test]
    fn the_stopword_list_and_its_test_agree() {
        for w in STOPWORDS {
            assert!(is_stopword(w), "{w}");
        }
        assert!(!is_stopword("license") && !is_stopword("a"));
    }

    #[test]
    fn british_spellings_fold_into_american_ones() {
        assert_eq!(folded("licence"), "license");
        assert_eq!(folded("licenced"), "licensed");
        assert_eq!(folded("license"), "license");
        assert_eq!(folded("lichen"), "lichen");
    }

    #[test]
    fn words_know_their_lines_and_bytes() {
        let mut got = Vec::new();
        for_each_word("a\n\n MIT", |w, _| got.push(w));
        assert_eq!(got[1], Word { start: 4, end: 7, line: 2 });
    }
}
