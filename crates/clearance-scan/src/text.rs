//! Turning bytes into text we can search: UTF-8 (lossy), UTF-16 with a BOM, line endings unified.

/// Decode file content. Returns the text and a note when it was not plain UTF-8.
pub fn decode(bytes: &[u8]) -> (String, Option<String>) {
    let (text, note) = if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        (utf16(rest, u16::from_le_bytes), Some("decoded from UTF-16LE".to_string()))
    } else if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        (utf16(rest, u16::from_be_bytes), Some("decoded from UTF-16BE".to_string()))
    } else {
        let b = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        match std::str::from_utf8(b) {
            Ok(s) => (s.to_string(), None),
            Err(_) => {
                (String::from_utf8_lossy(b).into_owned(), Some("not valid UTF-8; invalid bytes replaced".to_string()))
            }
        }
    };
    let text = if text.contains('\r') { text.replace("\r\n", "\n").replace('\r', "\n") } else { text };
    (text, note)
}

fn utf16(bytes: &[u8], f: fn([u8; 2]) -> u16) -> String {
    let units = bytes.chunks_exact(2).map(|c| f([c[0], c[1]]));
    char::decode_utf16(units).map(|r| r.unwrap_or(char::REPLACEMENT_CHARACTER)).collect()
}

/// Cap a string for storage and display, on a character boundary.
pub fn cap(s: &str, max: usize) -> String {
    if s.len() <= max {
        return s.to_string();
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}…", &s[..end])
}

/// The lines of a text exactly as [`str::lines`] gives them (a `\r` before a `\n` is not part
/// of a line), found with the memchr crate's vectorised search: the scan walks every line of
/// nearly every file several times, and the standard library's search for each line's end was
/// a twentieth of a scan of the Linux tree.
pub fn lines(text: &str) -> Lines<'_> {
    Lines { text, at: 0, ends: memchr::memchr_iter(b'\n', text.as_bytes()) }
}

pub struct Lines<'a> {
    text: &'a str,
    at: usize,
    ends: memchr::Memchr<'a>,
}

impl<'a> Iterator for Lines<'a> {
    type Item = &'a str;

    #[inline]
    fn next(&mut self) -> Option<&'a str> {
        match self.ends.next() {
            Some(end) => {
                let line = &self.text[self.at..end];
                self.at = end + 1;
                Some(line.strip_suffix('\r').unwrap_or(line))
            }
            None if self.at < self.text.len() => {
                let line = &self.text[self.at..];
                self.at = self.text.len();
                Some(line)
            }
            None => None,
        }
    }
}

/// How many lines [`lines`] gives.
pub fn line_count(text: &str) -> usize {
    let newlines = memchr::memchr_iter(b'\n', text.as_bytes()).count();
    newlines + usize::from(!text.is_empty() && !text.ends_with('\n'))
}

/// Lines `start..=end` (1-based) of a text.
pub fn line_span(text: &str, start: u32, end: u32) -> String {
    lines(text)
        .skip(start.saturating_sub(1) as usize)
        .take((end.saturating_sub(start) + 1) as usize)
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_the_standard_librarys_lines() {
        for t in ["", "\n", "a", "a\n", "a\r\nb", "a\r", "a\rb\n\n", "\n\nx\r\n\r\n", "é\nß\r\n€", "a\n\r"] {
            assert_eq!(lines(t).collect::<Vec<_>>(), t.lines().collect::<Vec<_>>(), "{t:?}");
            assert_eq!(line_count(t), t.lines().count(), "{t:?}");
        }
    }

    #[test]
    fn utf16_and_crlf() {
        let mut b = vec![0xFF, 0xFE];
        for u in "MIT\r\nX".encode_utf16() {
            b.extend(u.to_le_bytes());
        }
        let (t, note) = decode(&b);
        assert_eq!(t, "MIT\nX");
        assert!(note.unwrap().contains("UTF-16"));
        assert_eq!(decode(b"caf\xe9").0, "caf\u{FFFD}");
    }

    #[test]
    fn cap_respects_char_boundaries() {
        assert_eq!(cap("ééé", 3), "é…");
        assert_eq!(line_span("a\nb\nc\nd", 2, 3), "b\nc");
    }
}
