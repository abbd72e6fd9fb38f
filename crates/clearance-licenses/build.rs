//! Turns ScanCode's LicenseDB (`licensedb/licensedb.json.xz`, CC-BY-4.0 data) into the rule
//! index the matcher loads: every rule's words as numbers, its license expression in SPDX ids,
//! and, apart, every text (read only when a finding is shown or a LicenseRef is registered).
//! Words are cut by `src/rules/tokens.rs`, the same code that reads scanned files.

#[path = "src/rules/seeds.rs"]
#[allow(dead_code)]
mod seeds;
#[path = "src/rules/tokens.rs"]
#[allow(dead_code)]
mod tokens;

use std::collections::HashMap;
use std::io::Write;
use std::path::Path;

use serde::Deserialize;

#[derive(Deserialize)]
struct Db {
    source: String,
    licenses: Vec<License>,
    rules: Vec<Rule>,
}

#[derive(Deserialize)]
struct License {
    key: String,
    name: String,
    spdx: String,
    category: String,
    exception: bool,
    generic: bool,
    text: String,
}

#[derive(Deserialize)]
struct Rule {
    id: String,
    expression: String,
    kind: String,
    relevance: u8,
    minimum_coverage: u8,
    continuous: bool,
    files: Vec<String>,
    required: Vec<(usize, usize)>,
    text: String,
}

/// Generic keys that are evidence of no particular license ("see the license", a warranty
/// disclaimer, "unknown"): their rules still claim the words they match, so that no smaller
/// rule inside them reports a license, but they report nothing themselves.
const SILENT: &[&str] = &[
    "unknown-license-reference",
    "unknown",
    "unknown-spdx",
    "license-file-reference",
    "see-license",
    "warranty-disclaimer",
    "patent-disclaimer",
    "generic-cla",
    "generic-tos",
    "generic-trademark",
    "generic-export-compliance",
    "no-license",
    "public-domain-disclaimer",
    "unpublished-source",
    "generic-exception",
    "agpl-generic-additional-terms",
    "gpl-generic-additional-terms",
];

const KINDS: &[&str] = &[
    "license_text",
    "license_notice",
    "license_reference",
    "license_tag",
    "license_intro",
    "license_clue",
    "false_positive",
];

fn main() {
    let src = Path::new("licensedb/licensedb.json.xz");
    println!("cargo:rerun-if-changed={}", src.display());
    println!("cargo:rerun-if-changed=src/rules/tokens.rs");
    println!("cargo:rerun-if-changed=src/rules/seeds.rs");
    let mut json = Vec::new();
    let mut input = std::io::BufReader::new(std::fs::File::open(src).expect("licensedb/licensedb.json.xz"));
    lzma_rs::xz_decompress(&mut input, &mut json).expect("licensedb.json.xz decodes");
    let db: Db = serde_json::from_slice(&json).expect("licensedb.json is the extractor's format");
    println!("cargo:rustc-env=LICENSEDB_SOURCE={}", db.source);

    // A key's id: the SPDX id when this build's SPDX list has it, else ScanCode's LicenseRef.
    let mut ids: HashMap<&str, String> = HashMap::new();
    for l in &db.licenses {
        let spdx_ok = if l.exception {
            spdx::exception_id(&l.spdx).is_some()
        } else {
            spdx::license_id(&l.spdx).is_some_and(|i| i.name == l.spdx && !i.is_deprecated())
        };
        let id = if l.key == "public-domain" {
            "LicenseRef-public-domain".to_string()
        } else if spdx_ok || l.spdx.starts_with("LicenseRef-") {
            l.spdx.clone()
        } else {
            format!("LicenseRef-scancode-{}", l.key)
        };
        ids.insert(&l.key, id);
    }
    let exceptions: std::collections::HashSet<&str> =
        db.licenses.iter().filter(|l| l.exception).map(|l| l.key.as_str()).collect();
    let generic: std::collections::HashSet<&str> =
        db.licenses.iter().filter(|l| l.generic).map(|l| l.key.as_str()).collect();

    let mut words: HashMap<String, u32> = HashMap::new();
    let mut counts: Vec<u64> = Vec::new();
    struct Out {
        id: String,
        expression: String,
        kind: u8,
        relevance: u8,
        min_cov: u8,
        flags: u8,
        files: Vec<String>,
        required: Vec<(u32, u32)>,
        tokens: Vec<u32>,
    }
    let mut rules: Vec<Out> = Vec::new();
    let mut texts: Vec<String> = Vec::new();
    let mut tokenize = |text: &str, required: &[(usize, usize)]| {
        let mut toks = Vec::new();
        let mut spans = Vec::new();
        let mut open: Option<u32> = None;
        tokens::for_each_word(text, |w, lower| {
            let next = words.len() as u32;
            let id = *words.entry(tokens::folded(lower).to_string()).or_insert(next);
            if id as usize == counts.len() {
                counts.push(0);
            }
            counts[id as usize] += 1;
            let n = toks.len() as u32;
            for &(s, e) in required {
                if w.start >= s && w.end <= e {
                    if open.is_none() {
                        open = Some(n);
                    }
                    return toks.push(id);
                }
            }
            if let Some(o) = open.take() {
                spans.push((o, n));
            }
            toks.push(id);
        });
        if let Some(o) = open.take() {
            spans.push((o, toks.len() as u32));
        }
        (toks, spans)
    };
    for l in &db.licenses {
        if l.text.trim().is_empty() || generic.contains(l.key.as_str()) {
            continue;
        }
        let (tokens, _) = tokenize(&l.text, &[]);
        if tokens.is_empty() {
            continue;
        }
        rules.push(Out {
            id: format!("{}.LICENSE", l.key),
            expression: ids[l.key.as_str()].clone(),
            kind: 0,
            relevance: 100,
            min_cov: 0,
            flags: u8::from(l.exception) << 2,
            files: Vec::new(),
            required: Vec::new(),
            tokens,
        });
        texts.push(l.text.clone());
    }
    let mut unreadable = 0;
    for r in &db.rules {
        let kind = KINDS.iter().position(|k| *k == r.kind).unwrap_or(2) as u8;
        let keys: Vec<&str> = r
            .expression
            .split(|c: char| c.is_whitespace() || c == '(' || c == ')')
            .filter(|t| !t.is_empty() && !["and", "or", "with"].contains(&t.to_ascii_lowercase().as_str()))
            .collect();
        let silent = keys.iter().any(|k| SILENT.contains(k) || !ids.contains_key(k));
        // An exception named alone ("the Classpath exception"): it belongs to a license stated
        // nearby, which the matcher's user attaches it to.
        let exception_only =
            !r.expression.to_ascii_lowercase().contains(" with ") && keys.iter().all(|k| exceptions.contains(k));
        let expression = if silent || kind == 6 {
            String::new()
        } else if exception_only {
            keys.iter().map(|k| ids[k].clone()).collect::<Vec<_>>().join(" AND ")
        } else {
            let mut after_with = false;
            r.expression
                .split_inclusive(|c: char| c.is_whitespace() || c == '(' || c == ')')
                .map(|piece| {
                    let word = piece.trim_end_matches(|c: char| c.is_whitespace() || c == '(' || c == ')');
                    let rest = &piece[word.len()..];
                    let lower = word.to_ascii_lowercase();
                    let mapped = match lower.as_str() {
                        "" => return piece.to_string(),
                        "and" => "AND".into(),
                        "or" => "OR".into(),
                        "with" => "WITH".into(),
                        // SPDX 2.3 allows only listed exceptions after WITH, and no exception
                        // elsewhere: an exception ScanCode adds with AND is its LicenseRef.
                        _ if exceptions.contains(word) && (!after_with || ids[word].starts_with("LicenseRef-")) => {
                            format!("LicenseRef-scancode-{word}")
                        }
                        _ => ids[word].clone(),
                    };
                    after_with = lower == "with";
                    format!("{mapped}{rest}")
                })
                .collect::<String>()
                .replace(" WITH LicenseRef-", " AND LicenseRef-")
        };
        // A few of ScanCode's expressions do not parse ("… AND"): such a rule reports nothing.
        let expression = if expression.is_empty() || exception_only || spdx::Expression::parse(&expression).is_ok() {
            expression
        } else {
            unreadable += 1;
            String::new()
        };
        let (tokens, required) = tokenize(&r.text, &r.required);
        if tokens.is_empty() {
            continue;
        }
        rules.push(Out {
            id: format!("{}.RULE", r.id),
            expression,
            kind,
            relevance: r.relevance.min(100),
            min_cov: r.minimum_coverage.min(100),
            // Bit 3: the rule's text has a tag's punctuation ("License: MIT", `license = "MIT"`).
            flags: u8::from(r.continuous)
                | (u8::from(silent) << 1)
                | (u8::from(exception_only) << 2)
                | (u8::from(r.text.contains([':', '=', '@', '"'])) << 3),
            files: r.files.clone(),
            required,
            tokens,
        });
        texts.push(r.text.clone());
    }

    if unreadable > 20 {
        println!("cargo:warning={unreadable} LicenseDB rules have expressions that do not parse");
    }

    // Frequent words get small numbers, so most take one byte.
    let mut order: Vec<u32> = (0..counts.len() as u32).collect();
    order.sort_by(|a, b| counts[*b as usize].cmp(&counts[*a as usize]).then(a.cmp(b)));
    let mut renumber = vec![0u32; counts.len()];
    for (new, old) in order.iter().enumerate() {
        renumber[*old as usize] = new as u32;
    }
    let mut by_id: Vec<&str> = vec![""; words.len()];
    for (w, id) in &words {
        by_id[renumber[*id as usize] as usize] = w;
    }

    let mut b = Vec::new();
    put_str(&mut b, &db.source);
    put_u32(&mut b, by_id.len() as u32);
    for w in &by_id {
        put_str(&mut b, w);
    }
    put_u32(&mut b, db.licenses.len() as u32);
    for l in &db.licenses {
        put_str(&mut b, &l.key);
        put_str(&mut b, &ids[l.key.as_str()]);
        put_str(&mut b, &l.name);
        put_str(&mut b, &l.category);
    }
    put_u32(&mut b, rules.len() as u32);
    for r in &rules {
        put_str(&mut b, &r.id);
        put_str(&mut b, &r.expression);
        b.extend([r.kind, r.relevance, r.min_cov, r.flags]);
        put_u32(&mut b, r.files.len() as u32);
        for f in &r.files {
            put_str(&mut b, f);
        }
        put_u32(&mut b, r.required.len() as u32);
        for (s, e) in &r.required {
            put_u32(&mut b, *s);
            put_u32(&mut b, *e);
        }
        put_u32(&mut b, r.tokens.len() as u32);
    }
    // The words apart, so that the two inflate side by side as the index loads.
    let mut w = Vec::new();
    put_u32(&mut w, rules.iter().map(|r| r.tokens.len() as u32).sum());
    for r in &rules {
        for t in &r.tokens {
            put_varint(&mut w, renumber[*t as usize]);
        }
    }
    let out = std::path::PathBuf::from(std::env::var("OUT_DIR").expect("OUT_DIR"));
    std::fs::write(out.join("rules.bin.z"), deflate(&b)).expect("write rules.bin.z");
    std::fs::write(out.join("words.bin.z"), deflate(&w)).expect("write words.bin.z");
    // The approximate matcher's seeds, laid out here and read in place (not compressed).
    let numbered: Vec<Vec<u32>> =
        rules.iter().map(|r| r.tokens.iter().map(|t| renumber[*t as usize]).collect()).collect();
    std::fs::write(out.join("seeds.bin"), seeds::layout(&numbered)).expect("write seeds.bin");

    // Texts in chunks of 64, each compressed alone: showing one rule inflates one chunk.
    let mut chunks = Vec::new();
    for chunk in texts.chunks(TEXT_CHUNK) {
        let mut c = Vec::new();
        for t in chunk {
            put_str(&mut c, t);
        }
        chunks.push(deflate(&c));
    }
    let mut t = Vec::new();
    put_u32(&mut t, texts.len() as u32);
    put_u32(&mut t, chunks.len() as u32);
    let mut offset = 0u32;
    for c in &chunks {
        put_u32(&mut t, offset);
        offset += c.len() as u32;
    }
    put_u32(&mut t, offset);
    for c in &chunks {
        t.extend(c);
    }
    std::fs::write(out.join("texts.bin"), t).expect("write texts.bin");
}

const TEXT_CHUNK: usize = 64;

fn deflate(data: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::new(6));
    e.write_all(data).expect("deflate");
    e.finish().expect("deflate")
}

fn put_u32(b: &mut Vec<u8>, v: u32) {
    b.extend(v.to_le_bytes());
}

fn put_str(b: &mut Vec<u8>, s: &str) {
    put_u32(b, s.len() as u32);
    b.extend(s.as_bytes());
}

fn put_varint(b: &mut Vec<u8>, mut v: u32) {
    while v >= 0x80 {
        b.push((v as u8 & 0x7f) | 0x80);
        v >>= 7;
    }
    b.push(v as u8);
}
