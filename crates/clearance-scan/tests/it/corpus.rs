//! `fixtures/licenses/<EXPECTED>/<case>` with `<case>.expected` beside it: one expression per
//! line that detection must report for the file (manifest findings aside), nothing more.

use std::fs;
use std::path::{Path, PathBuf};

use clearance_scan::{Detector, ScanOptions, classify, detect_text};

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/licenses")
}

#[test]
fn every_corpus_case_detects_exactly_its_expected_licenses() {
    let mut cases = 0;
    let mut failures = Vec::new();
    let mut dirs: Vec<_> = fs::read_dir(corpus_dir()).unwrap().map(|e| e.unwrap().path()).collect();
    dirs.sort();
    for dir in dirs {
        let mut files: Vec<_> = fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
        files.sort();
        for file in files.iter().filter(|f| f.extension().is_none_or(|e| e != "expected")) {
            let expected_path = PathBuf::from(format!("{}.expected", file.display()));
            let expected: Vec<String> = fs::read_to_string(&expected_path)
                .unwrap_or_else(|_| panic!("{} has no .expected file", file.display()))
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(str::to_string)
                .collect();
            let name = file.file_name().unwrap().to_string_lossy().to_string();
            let bytes = fs::read(file).unwrap();
            let text = String::from_utf8(bytes.clone()).unwrap();
            let kind = classify(&name, &bytes);
            let d = detect_text(&name, kind, &text, &ScanOptions::default());
            let mut got: Vec<String> = d
                .findings
                .iter()
                .filter(|f| f.detector != Detector::Manifest)
                .filter_map(|f| f.expression.clone())
                .collect();
            got.sort();
            got.dedup();
            let mut want = expected.clone();
            want.sort();
            if got != want {
                failures.push(format!(
                    "{}: expected {want:?}, got {got:?}",
                    file.strip_prefix(corpus_dir()).unwrap().display()
                ));
            }
            cases += 1;
        }
    }
    assert!(cases >= 25, "the corpus has {cases} cases");
    assert!(failures.is_empty(), "{} of {cases} cases failed:\n{}", failures.len(), failures.join("\n"));
}
