//! Importing other tools' results: ScanCode Toolkit JSON and SPDX 2.3 JSON become scans.

use std::path::Path;

use serde_json::Value;

use crate::{clearance, sample_release, stderr, stdout};

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/imports").join(name).to_str().unwrap().to_string()
}

fn summary(db: &str) -> Value {
    let out = clearance(&["summary", "--db", db, "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn a_scancode_result_becomes_a_reviewable_scan() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("r.clearance");
    let db = db.to_str().unwrap();
    let out = clearance(&["import", "--db", db, "--from-scancode", &fixture("scancode-v32.json")]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("Imported 4 files and 0 components from scancode-toolkit 32.2.1"),
        "{}",
        stdout(&out)
    );
    let s = summary(db);
    assert_eq!(s["files"], 4);
    let licenses: Vec<&str> =
        s["licenses"].as_array().unwrap().iter().map(|l| l["license"].as_str().unwrap()).collect();
    assert_eq!(licenses, vec!["MIT", "GPL-2.0-or-later"], "{licenses:?}");
    let comps = s["components"].as_array().unwrap();
    assert_eq!(comps.len(), 1, "the package.json's package is the root component: {comps:?}");
    assert_eq!(comps[0]["purl"], "pkg:npm/webapp@1.4.0");
    assert_eq!(comps[0]["declared_license"], "MIT");
    assert_eq!(comps[0]["root"], "webapp");
    // Findings and copyrights carry lines and detectors, so the review can proceed as usual.
    let show = clearance(&["review", "show", "webapp", "--db", db, "--json"]);
    let d: Value = serde_json::from_slice(&show.stdout).unwrap();
    let merge = d["files"].as_array().unwrap().iter().find(|f| f["path"] == "src/merge.c").unwrap();
    assert_eq!(merge["findings"][0]["lines"], serde_json::json!([4, 8]));
    assert_eq!(merge["findings"][0]["detector"], "license-notice");
    let app = d["files"].as_array().unwrap().iter().find(|f| f["path"] == "src/app.js").unwrap();
    assert_eq!(app["findings"][0]["detector"], "spdx-tag");
    // The policy gate works on imported results too.
    let policy = dir.path().join("p.toml");
    std::fs::write(&policy, "[licenses]\ndeny = [\"GPL-2.0-or-later\"]\n").unwrap();
    let check = clearance(&["check", "--db", db, "--policy", policy.to_str().unwrap()]);
    assert_eq!(check.status.code(), Some(1));
    assert!(stdout(&check).contains("webapp/src/merge.c"), "{}", stdout(&check));
}

#[test]
fn clearances_own_spdx_export_imports_back_to_the_same_components_and_licenses() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.clearance");
    let a = a.to_str().unwrap();
    assert!(clearance(&["scan", sample_release().to_str().unwrap(), "--db", a]).status.success());
    let doc = dir.path().join("sample.spdx.json");
    assert!(clearance(&["export", "--db", a, "--format", "spdx-json", "-o", doc.to_str().unwrap()]).status.success());
    let b = dir.path().join("b.clearance");
    let b = b.to_str().unwrap();
    let out = clearance(&["import", "--db", b, "--from-spdx", doc.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let (sa, sb) = (summary(a), summary(b));
    assert_eq!(sa["files"], sb["files"]);
    let comps = |s: &Value| {
        let mut v: Vec<(String, String, String)> = s["components"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|c| c["is_root"] == false)
            .map(|c| {
                (
                    c["name"].as_str().unwrap().to_string(),
                    c["purl"].as_str().unwrap_or("").to_string(),
                    c["declared_license"].as_str().unwrap_or("").to_string(),
                )
            })
            .collect();
        v.sort();
        v
    };
    let (ca, cb) = (comps(&sa), comps(&sb));
    assert!(ca.iter().filter(|c| c.0 != "skyline-notes").all(|c| cb.contains(c)), "{ca:?}\n{cb:?}");
    let lic = |s: &Value| {
        let mut v: Vec<String> =
            s["licenses"].as_array().unwrap().iter().map(|l| l["license"].as_str().unwrap().to_string()).collect();
        v.sort();
        v
    };
    assert_eq!(lic(&sa), lic(&sb));
}

#[test]
fn broken_documents_are_refused_with_a_sentence() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("r.clearance");
    let bad = dir.path().join("bad.json");
    for (content, flag, needle) in [
        ("{\"files\": 3", "--from-scancode", "not valid JSON"),
        ("{}", "--from-scancode", "has no \"files\" list"),
        ("{\"spdxVersion\": \"SPDX-3.0\"}", "--from-spdx", "not an SPDX 2.x JSON document"),
    ] {
        std::fs::write(&bad, content).unwrap();
        let out = clearance(&["import", "--db", db.to_str().unwrap(), flag, bad.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(2), "{content}");
        assert!(stderr(&out).contains(needle), "{content}: {}", stderr(&out));
    }
}
