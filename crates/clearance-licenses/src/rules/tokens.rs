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

/// One word of a text: its bytes' range in the text (before lowercasing) and its 0-based line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word {
    pub start: usize,
    pub end: usize,
    pub line: u32,
}

/// Calls `f(word, lowercased)` for every word of `text` that is not a stopword, in order.
pub fn for_each_word(text: &str, mut f: impl FnMut(Word, &str)) {
    let bytes = text.as_bytes();
    let mut line = 0u32;
    let mut i = 0;
    let mut lower = String::new();
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'\n' {
            line += 1;
            i += 1;
            continue;
        }
        let (c, len) = char_at(text, i);
        if !c.is_alphanumeric() {
            i += len;
            continue;
        }
        let start = i;
        lower.clear();
        let mut plus = false;
        while i < bytes.len() {
            let (c, len) = char_at(text, i);
            if c.is_alphanumeric() {
                if c.is_ascii() {
                    lower.push(c.to_ascii_lowercase());
                } else {
                    lower.extend(c.to_lowercase());
                }
                i += len;
            } else if c == '+' && !plus {
                plus = true;
                lower.push('+');
                i += 1;
            } else {
                break;
            }
        }
        if !STOPWORDS.contains(&lower.as_str()) {
            f(Word { start, end: i, line }, &lower);
        }
    }
}

fn char_at(text: &str, i: usize) -> (char, usize) {
    let b = text.as_bytes()[i];
    if b < 0x80 {
        return (b as char, 1);
    }
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
        assert_eq!(words(" * Licensed under the\n * <b>Apache</b> License, Version 2.0"), vec![
            "licensed", "under", "the", "b", "apache", "b", "license", "version", "2", "0"
        ]);
        assert_eq!(words("GPLv2+ or GPL-2.0+"), vec!["gplv2+", "or", "gpl", "2", "0+"]);
        assert_eq!(words("see http://www.apache.org/licenses/"), vec!["see", "apache", "org", "licenses"]);
        assert_eq!(words("Überall © 2020"), vec!["überall", "2020"]);
    }

    #[test]
    fn words_know_their_lines_and_bytes() {
        let mut got = Vec::new();
        for_each_word("a\n\n MIT", |w, _| got.push(w));
        assert_eq!(got[1], Word { start: 4, end: 7, line: 2 });
    }
}
