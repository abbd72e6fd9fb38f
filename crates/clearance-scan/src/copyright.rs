//! Copyright statements: "Copyright (c) 2019-2021 Foo Inc. All rights reserved." →
//! holder "Foo Inc.", years "2019-2021". Code that merely says `copyright` is not a statement.

use std::sync::LazyLock;

use regex::Regex;

use crate::model::Copyright;

static KEYWORD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)spdx-filecopyrighttext:|\bcopyright\b|\(c\)|©|&copy;|\bcopr\.").unwrap());
static YEARS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:19|20)\d{2}\b(?:\s*(?:-|–|,|/|to)\s*(?:(?:19|20)\d{2}\b|present\b|\d{2}\b))*").unwrap()
});
static SYMBOLS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)spdx-filecopyrighttext:|\bcopyright\b:?|\(c\)|©|&copy;|\bcopr\.").unwrap());
static RESERVED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\ball\s+rights\s+reserved\b.*$|\bsome\s+rights\s+reserved\b.*$|\s\|\s.*$|\b(?:released|licensed|distributed|available)\s+under\b.*$|,\s*see\s.*$").unwrap()
});
/// A sentence after the statement that is about something else: "Copyright 2016 Ann. See the
/// LICENSE file for the license terms."
static NEXT_SENTENCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\.\s+(?:See|Licensed|Released|Distributed|Use of|Permission|Please|For (?:details|more)|This (?:file|program|code|software|library|is)|Refer)\b")
        .unwrap()
});
/// A statement that ends in a year and a separator ("2001," "2004 -"): its years go on.
static OPEN_YEARS: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\b(?:19|20)\d{2}\s*[,\-–]$").unwrap());
static LEADING_YEAR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(?:19|20)\d{2}\b").unwrap());
static SPHINX: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"^\s*copyright\s*=\s*[uUfF]?(?:"([^"]*)"|'([^']*)')\s*$"#).unwrap());
static MARKDOWN_LINK: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\[([^\]\[]+)\]\([^)]*\)").unwrap());
static ENTITY: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"&[A-Za-z][\w.-]*;|&#\d+;").unwrap());

/// The text up to a closing parenthesis that closes nothing opened in it.
fn until_unbalanced_paren(s: &str) -> String {
    let mut depth = 0i32;
    for (i, ch) in s.char_indices() {
        match ch {
            '(' => depth += 1,
            ')' if depth == 0 => return s[..i].trim_end().to_string(),
            ')' => depth -= 1,
            _ => {}
        }
    }
    s.to_string()
}

static EMAIL_OR_URL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"<[^>]*>|\(?\bhttps?://\S+\)?|\b[\w.+-]+@[\w-]+\.[\w.-]+\b").unwrap());
static LEADING_COMMENT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"^[\s/*#;!%\-"'<>{}|@]*(?:rem\s|dnl\s)?\s*"#).unwrap());

const MAX_LINE: usize = 400;

/// Searchers built once (building one per call was a tenth of the copyright pass).
static FILE_GATE: LazyLock<Vec<memchr::memmem::Finder<'static>>> = LazyLock::new(|| {
    ["opyright", "OPYRIGHT", "©", "(c)", "(C)", "&copy;"]
        .iter()
        .map(|n| memchr::memmem::Finder::new(n.as_bytes()))
        .collect()
});
static LINE_GATE: LazyLock<Vec<memchr::memmem::Finder<'static>>> = LazyLock::new(|| {
    ["opyright", "OPYRIGHT", "©", "&copy;", "SPDX-FileCopyrightText"]
        .iter()
        .map(|n| memchr::memmem::Finder::new(n.as_bytes()))
        .collect()
});

/// Extract copyright statements from a text, in line order, deduplicated by statement.
pub fn extract_copyrights(text: &str) -> Vec<Copyright> {
    let mut out: Vec<Copyright> = Vec::new();
    let bytes = text.as_bytes();
    // Cheap gate for the common case of a file with no statement at all.
    if !FILE_GATE.iter().any(|f| f.find(bytes).is_some()) {
        return out;
    }
    let lines: Vec<&str> = crate::text::lines(text).collect();
    // Only lines where a gate's pattern stands can start a statement (every pattern
    // `may_hold_statement` looks for contains one): the others are not looked at one by one.
    let starts: Vec<usize> = lines.iter().map(|l| l.as_ptr() as usize - text.as_ptr() as usize).collect();
    let mut candidates: Vec<usize> = FILE_GATE
        .iter()
        .flat_map(|f| f.find_iter(bytes))
        .map(|pos| starts.partition_point(|&s| s <= pos).saturating_sub(1))
        .collect();
    candidates.sort_unstable();
    candidates.dedup();
    let mut next_candidate = candidates.into_iter();
    let mut i = 0;
    while i < lines.len() {
        // The next line a gate's pattern stands on, past the lines a statement has taken.
        let Some(c) = next_candidate.find(|&c| c >= i) else { break };
        i = c;
        let line = lines[i];
        i += 1;
        if line.len() > MAX_LINE || !may_hold_statement(line) {
            continue;
        }
        let Some(mut statement) = statement_in(line) else { continue };
        let start = i as u32;
        let mut end = start;
        // A statement that runs onto the next line keeps its holder: "Copyright (C) 2007 Free
        // Software\n Foundation, Inc.", "… Julian R Seward. All\n rights reserved."
        // (Up to three lines: "…, Kevin Knapp, and\n Ana Hobden".)
        for _ in 0..2 {
            if i >= lines.len() || lines[i].len() > MAX_LINE {
                break;
            }
            let next = clean_line(lines[i]);
            let Some(joined) = continued(&statement, &next) else { break };
            statement = joined;
            end += 1;
            i += 1;
        }
        // "Copyright (c) 2019" with the holder on the next comment line.
        if holder_of(&statement).is_empty() && i < lines.len() && lines[i].len() <= MAX_LINE {
            let next = clean_line(lines[i]);
            if !next.is_empty() && !KEYWORD.is_match(&next) && plausible_holder(&next) {
                statement = format!("{statement} {next}");
                end += 1;
                i += 1;
            }
        }
        let holder = holder_of(&statement);
        let years = YEARS.find(&statement).map(|m| m.as_str().to_string());
        if (holder.is_empty() && years.is_none()) || clearance_licenses::has_template_placeholder(&statement) {
            continue;
        }
        if out.iter().any(|c| c.statement == statement) {
            continue;
        }
        out.push(Copyright { statement, holder, years, start_line: start, end_line: end });
    }
    out
}

/// Words that end a holder's name on the line after the statement.
const NAME_ENDS: &[&str] = &[
    "Foundation",
    "Inc",
    "Inc.",
    "Ltd",
    "Ltd.",
    "Limited",
    "LLC",
    "Corporation",
    "Corp",
    "Corp.",
    "GmbH",
    "AG",
    "S.A.",
    "B.V.",
    "Project",
    "Contributors",
    "contributors",
    "and affiliates",
    "and its affiliates",
    "and contributors",
    "Institute",
    "University",
    "Software Foundation",
    "Developers",
    "developers",
    "Authors",
    "authors",
];

/// The statement with the next line joined when that line finishes it, None when it does not.
fn continued(statement: &str, next: &str) -> Option<String> {
    if next.is_empty() || next.len() > 120 || KEYWORD.is_match(next) {
        return None;
    }
    // "Copyright (C) 2001," + "2003, 2004, … 2012.": a list of years runs on (the holder, if it
    // is on the line after, is taken as for any statement without one).
    if OPEN_YEARS.is_match(statement) && LEADING_YEAR.is_match(next) {
        return Some(format!("{statement} {next}"));
    }
    // "Copyright (c) 2008 by Alexander Kazarin" + "2011 Evgeny Khryukin": one statement for
    // two holders, each with the years of their work.
    if let Some(y) = YEARS.find(next)
        && y.start() == 0
        && !holder_of(statement).is_empty()
    {
        let rest = next[y.end()..].trim_start();
        let rest = rest.strip_prefix("by ").unwrap_or(rest);
        if rest.chars().next().is_some_and(char::is_uppercase) && plausible_holder(rest) {
            return Some(format!("{statement} {next}"));
        }
    }
    let lower_next = next.to_ascii_lowercase();
    // "… Seward. All" + "rights reserved.": the words belong to the reservation, not the holder.
    if let Some(head) = statement.strip_suffix(" All")
        && lower_next.starts_with("rights reserved")
    {
        return Some(format!("{head}. All rights reserved.").replace("..", "."));
    }
    let holder = holder_of(statement);
    if holder.is_empty() || RESERVED.is_match(statement) && statement.to_ascii_lowercase().contains("reserved") {
        return None;
    }
    let first_words = |n: usize| next.split_whitespace().take(n).collect::<Vec<_>>().join(" ");
    let ends_name = NAME_ENDS.iter().any(|w| {
        let w_words = w.split_whitespace().count();
        first_words(w_words).trim_end_matches([',', '.', ';']) == w.trim_end_matches('.')
    });
    let open_ended =
        statement.ends_with(',') || [" and", " &", " of", " the", " for", " by"].iter().any(|w| statement.ends_with(w));
    let looks_like_name = next.split_whitespace().count() <= 8
        && next.chars().next().is_some_and(|c| c.is_uppercase())
        && !["This ", "Permission", "All ", "Licensed", "Released", "See ", "The ", "Use ", "Redistribution"]
            .iter()
            .any(|p| next.starts_with(p));
    if ends_name || open_ended && looks_like_name {
        return Some(format!("{statement} {next}"));
    }
    None
}

/// Cheap per-line gate before any regex: C code is full of `(c)` that is a variable.
fn may_hold_statement(line: &str) -> bool {
    let b = line.as_bytes();
    if LINE_GATE.iter().any(|f| f.find(b).is_some()) {
        return true;
    }
    // "(c) 2020 …": the symbol must be followed by a year to count on its own.
    let mut rest = b;
    while let Some(p) = memchr::memchr(b'(', rest) {
        let tail = &rest[p..];
        if tail.len() >= 4 && (tail[1] == b'c' || tail[1] == b'C') && tail[2] == b')' {
            let after = line[line.len() - tail.len() + 3..].trim_start();
            if after.starts_with(|c: char| c.is_ascii_digit()) {
                return true;
            }
        }
        rest = &rest[p + 1..];
    }
    false
}

fn clean_line(line: &str) -> String {
    let l = LEADING_COMMENT.replace(line, "");
    let l = l.trim_end_matches(|c: char| c.is_whitespace() || c == '*' || c == '/' || c == '#');
    let l = l.strip_suffix("-->").unwrap_or(l);
    l.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The statement on a line, if the line holds one.
fn statement_in(line: &str) -> Option<String> {
    // Sphinx's `copyright = u'2015, dmlc-core developers'` (a project's docs/conf.py) is a
    // statement in a variable: the years and holder are the string's.
    if let Some(c) = SPHINX.captures(line)
        && let Some(value) = c.get(1).or_else(|| c.get(2))
        && LEADING_YEAR.is_match(value.as_str())
    {
        return Some(format!("copyright {}", value.as_str().trim()));
    }
    let m = KEYWORD.find(line)?;
    // A notice a program prints, `printf("Copyright © 1991-2021 Unicode, Inc.\n")`: the string
    // literal's text, without its escapes.
    // (A comment marker may open the literal: a program writing a header, `"# Copyright …"`.)
    let quote = line[..m.start()]
        .trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '#' | '/' | '*' | ';'))
        .chars()
        .last()
        .filter(|c| *c == '"' || *c == '\'');
    let rest = match quote {
        Some(q) => {
            let inner = &line[m.start()..];
            let end = inner.find(q)?;
            let mut literal = &inner[..end];
            while let Some(rest) = ["\\n", "\\r", "\\0"].iter().find_map(|e| literal.strip_suffix(e)) {
                literal = rest;
            }
            // '©' alone is the character, not a notice.
            if literal.split_whitespace().count() < 3 {
                return None;
            }
            literal
        }
        None => &line[m.start()..],
    };
    let cleaned = clean_line(rest);
    let cleaned = match NEXT_SENTENCE.find(&cleaned) {
        // The period stays only where it ends a company's abbreviation ("Acme Inc.").
        Some(m) => {
            let before = &cleaned[..m.start()];
            let abbreviation =
                ["Inc", "Ltd", "Co", "Corp", "LLC", "L.L.C", "GmbH", "S.A", "Jr"].iter().any(|a| before.ends_with(a));
            format!("{before}{}", if abbreviation { "." } else { "" })
        }
        None => cleaned,
    };
    // Markup around a name: a Markdown link "[Jared Wray](./LICENSE)", an XML entity.
    let cleaned = MARKDOWN_LINK.replace_all(&cleaned, "$1").into_owned();
    let cleaned = match cleaned.find("](") {
        Some(at) => cleaned[..at].trim_end().to_string(),
        None => cleaned,
    };
    // PostScript and Lisp keep the notice in a string: "(Copyright … CMMI10.) readonly def".
    let cleaned = until_unbalanced_paren(&cleaned);
    // Data, not prose: `"], ["8fa6e1", …`.
    if ["[\"", "\"]", "\", \"", "\",\"", "', '"].iter().any(|j| cleaned.contains(j)) {
        return None;
    }
    let lower = cleaned.to_ascii_lowercase();
    if lower.starts_with("spdx-filecopyrighttext:") {
        // REUSE's tag is a statement by definition.
        return Some(cleaned);
    }
    // `copyright` used as an identifier, key or word in code or prose.
    let after_kw = lower.trim_start_matches("copyright").trim_start();
    if lower.starts_with("copyright")
        && (after_kw.starts_with(['=', '_', '.', '(', '"', '\'', ')', ']', ',', ';']) && !after_kw.starts_with("(c)"))
    {
        return None;
    }
    if lower.starts_with("copyright") && after_kw.starts_with(':') && YEARS.find(after_kw).is_none() {
        return None;
    }
    // "Copyright notice for NamesList.txt - 2021", "copyright holders and contributors 2020":
    // the word in prose, not a statement.
    let next_word = after_kw.split(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
    if lower.starts_with("copyright")
        && [
            "notice",
            "notices",
            "holder",
            "holders",
            "owner",
            "owners",
            "law",
            "laws",
            "treaty",
            "infringement",
            "protection",
            "statement",
            "statements",
            "info",
            "information",
            "of",
            "to",
            "is",
            "and",
            "for",
            "in",
            "on",
        ]
        .contains(&next_word)
    {
        return None;
    }
    // A statement needs a year or a copyright symbol: "the copyright holders" is prose.
    let has_symbol = lower.contains("(c)") || cleaned.contains('©') || lower.contains("&copy;");
    if !has_symbol && YEARS.find(&cleaned).is_none() {
        return None;
    }
    // Code, not a notice.
    if cleaned.contains(" = ")
        || cleaned.ends_with(';')
        || cleaned.contains("==")
        || cleaned.contains("=>")
        || cleaned.contains("->")
        || cleaned.contains('{')
        || cleaned.contains('}')
        || cleaned.contains("\\n")
        || cleaned.contains("${")
        || cleaned.matches('"').count() >= 2
    {
        return None;
    }
    // "(c)" alone must be followed by a year or a name, not be a list marker "(c) the …".
    if !lower.starts_with("copyright") && !cleaned.contains('©') && YEARS.find(&cleaned).is_none() {
        return None;
    }
    Some(cleaned)
}

fn holder_of(statement: &str) -> String {
    let s = RESERVED.replace(statement, "");
    let s = EMAIL_OR_URL.replace_all(&s, " ");
    let s = SYMBOLS.replace_all(&s, " ");
    let s = ENTITY.replace_all(&s, " ");
    // Years between two names separate them ("Ann 2011 Bob": "Ann, Bob"); at the ends they go.
    let s = YEARS.replace_all(&s, " , ");
    let mut h = s.split_whitespace().collect::<Vec<_>>().join(" ").replace(" ,", ",");
    loop {
        let before = h.clone();
        h = h
            .trim_matches(|c: char| c == ',' || c == '-' || c == ':' || c == ';' || c.is_whitespace())
            // "2003... George Williams": the years' ellipsis is not part of the name.
            .trim_start_matches('.')
            .to_string();
        // Parentheses go only when they close or open nothing: "(Acme)" keeps neither,
        // "Ana Hobden (@hoverbear)" keeps both.
        let (open, close) = (h.matches('(').count(), h.matches(')').count());
        if h.ends_with(')') && (close > open || h.starts_with('(')) {
            h.pop();
        }
        if h.starts_with('(') && h.matches('(').count() > h.matches(')').count() {
            h.remove(0);
        }
        for prefix in ["by ", "By ", "the original author ", "held by "] {
            if let Some(rest) = h.strip_prefix(prefix) {
                h = rest.to_string();
            }
        }
        if h == before {
            break;
        }
    }
    // A trailing period belongs to "Inc." or "Ltd." but not to a sentence end.
    if h.ends_with('.')
        && !h.ends_with("Inc.")
        && !h.ends_with("Ltd.")
        && !h.ends_with("Co.")
        && !h.ends_with("Corp.")
        && !h.ends_with("S.A.")
        && !h.ends_with("GmbH.")
        && !h.ends_with("L.L.C.")
        && !h.ends_with("Jr.")
    {
        h.pop();
        h.truncate(h.trim_end().len());
    }
    // "Toru Niina 2017.": the separator the years left.
    h.truncate(h.trim_end_matches([',', ' ']).len());
    if !plausible_holder(&h) { String::new() } else { h }
}

fn plausible_holder(h: &str) -> bool {
    let letters = h.chars().filter(|c| c.is_alphabetic()).count();
    // Names are mostly letters; code and data are not.
    let code = h.chars().filter(|c| matches!(c, '[' | ']' | '{' | '}' | '"' | '=' | '\\' | '|')).count();
    letters >= 2 && h.len() <= 200 && code == 0 && letters * 2 >= h.chars().filter(|c| !c.is_whitespace()).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn holders(text: &str) -> Vec<String> {
        extract_copyrights(text).into_iter().map(|c| c.holder).collect()
    }

    #[test]
    fn holders_are_normalised() {
        let c = extract_copyrights("// Copyright (c) 2019-2021 Foo Inc. All rights reserved.\n");
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].holder, "Foo Inc.");
        assert_eq!(c[0].years.as_deref(), Some("2019-2021"));
        assert_eq!(c[0].start_line, 1);
        assert_eq!(holders("# Copyright 2020 The Rust Project Developers."), vec!["The Rust Project Developers"]);
        assert_eq!(holders(" * Copyright © 2014, 2015 Jane Doe <jane@example.org>"), vec!["Jane Doe"]);
        assert_eq!(
            holders("Copyright (C) 1989, 1991 Free Software Foundation, Inc."),
            vec!["Free Software Foundation, Inc."]
        );
        assert_eq!(holders("(c) 2018 Acme Corp"), vec!["Acme Corp"]);
        assert_eq!(holders("# SPDX-FileCopyrightText: 2025 Skyline Labs Ltd."), vec!["Skyline Labs Ltd."]);
        assert_eq!(
            holders("/*! x 3.1.0 | (c) 2020 Acme Widgets, Inc. | Released under the MIT License */"),
            vec!["Acme Widgets, Inc."]
        );
        // Seen in Debian sources: an ellipsis after the years, the year after the name.
        assert_eq!(holders(" * Copyright (C) 2003... George Williams <pfaedit@users.sf.net>"), vec!["George Williams"]);
        assert_eq!(holders("Copyright (C) 2017...., Joe Da Silva"), vec!["Joe Da Silva"]);
        assert_eq!(holders("//     Copyright Toru Niina 2017."), vec!["Toru Niina"]);
        assert!(holders("    /* Copyright notice for unicode NamesList.txt - 2021 */").is_empty());
        // A notice the program prints is a statement; code around a string is not.
        let c = extract_copyrights(
            "    fprintf( out, \"Copyright © 1991-2021 Unicode®, Inc. All rights reserved.\\n\");\n",
        );
        assert_eq!(c.len(), 1, "{c:?}");
        assert_eq!((c[0].holder.as_str(), c[0].years.as_deref()), ("Unicode®, Inc.", Some("1991-2021")));
        assert!(holders("    label = \"Copyright\";\n").is_empty());
        assert!(holders("// characters such as '#' and '©'.\nfor ch in chars {\n").is_empty());
        let c = extract_copyrights("// Copyright 2016 Oskar Lindqvist. See the LICENSE file for the license terms.\n");
        assert_eq!(c[0].statement, "Copyright 2016 Oskar Lindqvist");
        assert_eq!(holders("(c) 2020 Acme Inc. See COPYING for details."), vec!["Acme Inc."]);
        assert_eq!(c[0].holder, "Oskar Lindqvist");
        assert_eq!(
            holders("VALUE \"LegalCopyright\", \"Copyright © 1994-2020 dbus contributors\\0\"\n"),
            vec!["dbus contributors"]
        );
        assert_eq!(
            holders("Copyright © 1994-2020 dbus contributors, see dbus source code for details"),
            vec!["dbus contributors"]
        );
    }

    #[test]
    fn statements_over_two_lines_keep_their_holder() {
        let c =
            extract_copyrights(" * Copyright (C) 2007 Free Software\n *   Foundation, Inc.\n * This program is free\n");
        assert_eq!(c.len(), 1, "{c:?}");
        assert_eq!(c[0].holder, "Free Software Foundation, Inc.");
        assert_eq!((c[0].start_line, c[0].end_line), (1, 2));
        let c = extract_copyrights("   Copyright (C) 1996-2010 Julian R Seward.  All\n   rights reserved.\n");
        assert_eq!(c[0].holder, "Julian R Seward", "{c:?}");
        assert_eq!(c[0].years.as_deref(), Some("1996-2010"));
        let c = extract_copyrights("# Copyright (c) 2020 Ann Smith,\n#   Bob Jones\n");
        assert_eq!(c[0].holder, "Ann Smith, Bob Jones", "{c:?}");
        // clap_derive's header: three lines, addresses dropped.
        let c = extract_copyrights(
            "// Copyright 2018 Guillaume Pinot (@TeXitoi) <texitoi@texitoi.eu>,\n// Kevin Knapp (@kbknapp) <kbknapp@gmail.com>, and\n// Ana Hobden (@hoverbear) <operator@hoverbear.org>\n//\n",
        );
        assert_eq!(
            c[0].holder, "Guillaume Pinot (@TeXitoi), Kevin Knapp (@kbknapp), and Ana Hobden (@hoverbear)",
            "{c:?}"
        );
        // A second holder on the next line, with years of their own.
        let c = extract_copyrights(
            "    Copyright (c) 2008 by Alexander Kazarin <boiler@co.ru>\n\t\t  2011 Evgeny Khryukin\n\n",
        );
        assert_eq!(c.len(), 1, "{c:?}");
        assert_eq!(c[0].end_line, 2, "{c:?}");
        assert_eq!(c[0].holder, "Alexander Kazarin, Evgeny Khryukin");
        // A program writing a file's header prints its statement.
        let c =
            extract_copyrights("  fprintf(afffp, \"# Copyright 2004-2017, Nadav Har'El and Dan Kenigsberg\\n\");\n");
        assert_eq!(c[0].statement, "Copyright 2004-2017, Nadav Har'El and Dan Kenigsberg", "{c:?}");
        // Sphinx's conf.py; other assignments to a `copyright` are code.
        let c = extract_copyrights("project = 'dmlc-core'\ncopyright = u'2015, dmlc-core developers'\nauthor = 'x'\n");
        assert_eq!((c[0].holder.as_str(), c[0].years.as_deref()), ("dmlc-core developers", Some("2015")), "{c:?}");
        assert!(extract_copyrights("copyright = get_copyright()\ncopyright = 'see the AUTHORS file'\n").is_empty());
        // xdelta's: the years run over two lines, the holder is on the third.
        let c = extract_copyrights(
            "/* xdelta 3 - delta compression tools and library Copyright (C) 2001,\n * 2003, 2004, 2005, 2006, 2007, 2008, 2009, 2010, 2011, 2012.\n * Joshua P. MacDonald\n *\n *  This program is free software",
        );
        assert_eq!(c.len(), 1, "{c:?}");
        assert_eq!(c[0].holder, "Joshua P. MacDonald", "{c:?}");
        assert_eq!(c[0].years.as_deref(), Some("2001, 2003, 2004, 2005, 2006, 2007, 2008, 2009, 2010, 2011, 2012"));
        assert_eq!((c[0].start_line, c[0].end_line), (1, 3));
        // A year on the next line after a finished statement is not more of it.
        let c = extract_copyrights("// Copyright 2019 Acme Corp.\n// 2020 was a good year\n");
        assert_eq!(c[0].end_line, 1);
        // The next line is prose, not the rest of a name.
        let c = extract_copyrights("// Copyright 2019 Acme Corp.\n// Licensed under the Apache License\n");
        assert_eq!(c[0].holder, "Acme Corp.");
        assert_eq!(c[0].end_line, 1);
    }

    #[test]
    fn markup_and_data_are_not_holders() {
        assert_eq!(holders("Copyright (c) 2015 [Jared Wray](./LICENSE)"), vec!["Jared Wray"]);
        assert_eq!(holders("Copyright (c) 2015 Jared Wray](./LICENSE)"), vec!["Jared Wray"]);
        assert_eq!(holders("<para>Copyright (C) &bz-lifespan; Julian Seward</para>"), vec!["Julian Seward"]);
        let c = extract_copyrights(
            "/Notice (Copyright (c) 1997, 2009 American Mathematical Society, with Reserved Font Name CMMI10.) readonly def\n",
        );
        assert_eq!(c.len(), 1, "{c:?}");
        assert!(!c[0].statement.contains("readonly"), "{c:?}");
        assert!(c[0].holder.starts_with("American Mathematical Society"), "{c:?}");
        for junk in [
            "{\"c\": \"Copyright (c) ®™¤№\"], [\"8fa6e1\", 12]",
            "Copyright (c) ®™¤№\"], [\"8fa6e1\",",
            "x = [\"(c) 2020\", \"b\"]",
        ] {
            assert!(extract_copyrights(junk).is_empty(), "{junk:?} gave {:?}", extract_copyrights(junk));
        }
    }

    #[test]
    fn holder_on_the_next_line() {
        let c = extract_copyrights("/*\n * Copyright (c) 2010\n *     The Regents of the University\n */\n");
        assert_eq!(c.len(), 1, "{c:?}");
        assert_eq!(c[0].holder, "The Regents of the University");
        assert_eq!((c[0].start_line, c[0].end_line), (2, 3));
    }

    #[test]
    fn duplicates_are_dropped() {
        let t = "Copyright 2020 A B\nx\nCopyright 2020 A B\n";
        assert_eq!(extract_copyrights(t).len(), 1);
    }

    #[test]
    fn code_and_prose_are_not_statements() {
        for t in [
            "let copyright = format!(\"Copyright {} {}\", year, name);",
            "self.copyright_text = None;",
            "if (copyright) { return; }",
            "THE COPYRIGHT HOLDERS AND CONTRIBUTORS \"AS IS\"",
            "The above copyright notice and this permission notice shall be included",
            "Copyright [yyyy] [name of copyright owner]",
            "Copyright (C) <year>  <name of author>",
            "copyright: Option<String>,",
            "(c) the name of a contributor",
            "\"copyright\": \"2019 x\"",
            "obligations under article 11 of the WIPO copyright treaty adopted on 20 December 1996, or",
        ] {
            assert!(extract_copyrights(t).is_empty(), "{t:?} gave {:?}", extract_copyrights(t));
        }
    }
}
