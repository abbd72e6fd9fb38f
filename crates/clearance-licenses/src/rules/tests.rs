use super::*;

fn found(text: &str) -> Vec<(String, RuleKind, bool)> {
    let index = RuleIndex::shared();
    index
        .find(text)
        .into_iter()
        .map(|m| {
            let r = index.rule(m.rule);
            (r.expression.to_string(), r.kind, m.exact)
        })
        .collect()
}

fn expressions(text: &str) -> Vec<String> {
    found(text).into_iter().map(|f| f.0).collect()
}

#[test]
fn the_index_holds_scancodes_licenses_and_rules_in_spdx_ids() {
    let index = RuleIndex::shared();
    assert!(index.rules().count() > 30_000, "{}", index.rules().count());
    assert!(index.licenses().len() > 2_000);
    assert!(index.source().starts_with("scancode-toolkit "), "{}", index.source());
    let mit = index.licenses().iter().find(|l| &*l.key == "mit").unwrap();
    assert_eq!(&*mit.id, "MIT");
    // A license on no SPDX list keeps ScanCode's stable LicenseRef, with its text.
    let odd = index.licenses().iter().find(|l| l.id.starts_with("LicenseRef-scancode-")).unwrap();
    assert!(index.license_text(&odd.id).is_some_and(|t| !t.trim().is_empty()), "{odd:?}");
    // Every expression a rule reports is one Clearance can read.
    for r in index.rules().filter(|r| r.reports() && !r.is_exception_only()) {
        assert!(crate::normalize(&r.expression).is_ok(), "{}: {}", r.id, r.expression);
    }
}

#[test]
fn a_rust_readme_dual_license_is_one_choice() {
    let readme = "## License\n\nLicensed under either of\n\n * Apache License, Version 2.0\n   ([LICENSE-APACHE](LICENSE-APACHE) or http://www.apache.org/licenses/LICENSE-2.0)\n * MIT license\n   ([LICENSE-MIT](LICENSE-MIT) or http://opensource.org/licenses/MIT)\n\nat your option.\n";
    let got = expressions(readme);
    assert_eq!(got, vec!["Apache-2.0 OR MIT"], "{:?}", found(readme));
}

#[test]
fn notices_references_and_tags_wherever_they_stand() {
    assert_eq!(expressions("__license__ = \"MIT\"\n"), vec!["MIT"]);
    let gnu = "# This program is free software; you can redistribute it and/or modify\n# it under the terms of the GNU General Public License as published by\n# the Free Software Foundation; either version 2, or (at your option)\n# any later version.\n";
    assert_eq!(expressions(gnu), vec!["GPL-2.0-or-later"]);
    let banner = "/*! jQuery v3.6.0 | (c) OpenJS Foundation and other contributors | jquery.org/license */";
    assert!(expressions(banner).iter().all(|e| e == "MIT"), "{:?}", found(banner));
}

#[test]
fn prose_and_code_without_a_statement_find_nothing() {
    assert!(expressions("fn main() {\n    let total = items.iter().sum::<u32>();\n}\n").is_empty());
    assert!(expressions("The quick brown fox jumps over the lazy dog.").is_empty());
}

#[test]
fn a_changed_word_in_a_long_text_is_an_approximate_match() {
    let mit = crate::license("MIT").unwrap().1;
    let changed = mit.replace("free of charge", "without any fee").replace("merge, publish", "merge, print");
    let m = RuleIndex::shared().find(&changed);
    let index = RuleIndex::shared();
    let shown: Vec<_> =
        m.iter().map(|m| (index.rule(m.rule).id.to_string(), m.start_line, m.end_line, m.coverage)).collect();
    assert!(m.iter().all(|m| &*index.rule(m.rule).expression == "MIT"), "{shown:?}");
    // The text itself (the title "MIT License" is a rule of its own).
    let text = m.iter().max_by_key(|m| m.matched).unwrap();
    assert!(!text.exact && text.coverage > 0.9 && text.coverage < 1.0, "{shown:?}");
    assert_eq!((text.start_line, text.end_line), (5, 18), "{shown:?}");
}

#[test]
fn rule_texts_are_there_to_show() {
    let index = RuleIndex::shared();
    let m = index.find("Licensed under the MIT license.");
    assert!(!m.is_empty());
    let text = index.rule_text(m[0].rule).unwrap();
    assert!(text.to_lowercase().contains("mit"), "{text}");
}

#[test]
fn the_embedded_seed_table_is_the_one_the_loaded_rules_give() {
    // build.rs lays the seeds out from its own numbering of the words; the table read in place
    // must be exactly what the rules loaded at run time give, or approximate matching would
    // vote for the wrong rules.
    let index = RuleIndex::shared();
    let numbered: Vec<Vec<u32>> = index.rules.iter().map(|r| index.rule_words(r).to_vec()).collect();
    assert!(seeds::layout(&numbered) == SEEDS, "seeds.bin differs from the loaded rules' seeds");
    // And the reader finds the seeds of a long rule where the layout put them (those shared
    // by too many rules, like "the software is provided as is", are left out).
    let (ri, rule) = index.rules.iter().enumerate().find(|(_, r)| r.id.starts_with("mit.LICENSE")).unwrap();
    let words = index.rule_words(rule);
    let mut indexed = 0u32;
    for p in (0..=words.len() - SEED).step_by(SEED) {
        if let Some((s, e)) = index.seeds.postings(seeds::seed_hash(&words[p..p + SEED])) {
            assert!((s..e).any(|k| index.seeds.entry(k) == (ri as u32, p as u32)), "seed at {p}");
            indexed += 1;
        }
    }
    assert!(indexed as usize * 2 > words.len() / SEED, "{indexed} of {} seeds", words.len() / SEED);
    assert_eq!(index.seeds.count(ri as u32), indexed);
    // A seed no rule has is not found.
    assert!(index.seeds.postings(seeds::seed_hash(&[u32::MAX - 7; SEED])).is_none());
}
