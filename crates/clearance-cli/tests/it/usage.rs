use serde_json::Value;

use crate::{clearance, sample_release, stderr, stdout};

#[test]
fn scan_summary_and_spdx_export_of_the_sample_release() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("skyline-2.4.0.clearance");
    let db_s = db.to_str().unwrap();
    let out = clearance(&["scan", sample_release().to_str().unwrap(), "--db", db_s]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("Scanned 29 files"), "{text}");
    assert!(text.contains("GPL-2.0-or-later") && text.contains("strong-copyleft"), "{text}");
    assert!(text.contains("tinyjson 0.8.1 [cargo]  declared: MIT OR Apache-2.0"), "{text}");
    // Not a terminal: plain progress lines, no escape codes.
    assert!(!stderr(&out).contains('\u{1b}'), "{}", stderr(&out));

    // A second scan of the unchanged tree re-detects nothing.
    let again = clearance(&["scan", sample_release().to_str().unwrap(), "--db", db_s, "--json"]);
    assert!(again.status.success());
    let v: Value = serde_json::from_slice(&again.stdout).unwrap();
    assert_eq!(v["scan"]["stats"]["reused"], 29);

    let out = clearance(&["summary", "--db", db_s, "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let s: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(s["files"], 29);
    let comps = s["components"].as_array().unwrap();
    assert_eq!(comps.len(), 7);
    assert_eq!(comps[0]["name"], "skyline-notes");
    assert_eq!(comps[0]["is_root"], true);
    let licenses: Vec<&str> =
        s["licenses"].as_array().unwrap().iter().map(|l| l["license"].as_str().unwrap()).collect();
    for l in ["Apache-2.0", "MIT", "BSD-3-Clause", "ISC", "MPL-2.0", "GPL-2.0-or-later"] {
        assert!(licenses.contains(&l), "{l} in {licenses:?}");
    }

    let spdx = dir.path().join("out.spdx.json");
    let out = clearance(&["export", "--db", db_s, "--format", "spdx-json", "-o", spdx.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(&spdx).unwrap()).unwrap();
    assert_eq!(doc["spdxVersion"], "SPDX-2.3");
    assert_eq!(doc["dataLicense"], "CC0-1.0");
    let files = doc["files"].as_array().unwrap();
    assert_eq!(files.len(), 29);
    for f in files {
        assert!(f["licenseInfoInFiles"].as_array().is_some_and(|a| !a.is_empty()), "{f}");
        assert!(f["copyrightText"].is_string(), "{f}");
        assert_eq!(f["checksums"][0]["algorithm"], "SHA1");
    }
    let diff3 = files.iter().find(|f| f["fileName"] == "./src/legacy/diff3.c").unwrap();
    assert_eq!(diff3["licenseInfoInFiles"][0], "GPL-2.0-or-later");
    assert_eq!(diff3["copyrightText"], "Copyright (C) 2009, 2011 Marta Kowalczyk");
    let util = files.iter().find(|f| f["fileName"] == "./src/util.rs").unwrap();
    assert_eq!(util["licenseInfoInFiles"][0], "NONE");
    let packages = doc["packages"].as_array().unwrap();
    assert_eq!(packages.len(), 7);
    let tiny = packages.iter().find(|p| p["name"] == "tinyjson").unwrap();
    assert_eq!(tiny["versionInfo"], "0.8.1");
    assert_eq!(tiny["licenseDeclared"], "MIT OR Apache-2.0");
    assert_eq!(tiny["externalRefs"][0]["referenceType"], "purl");
    assert_eq!(tiny["externalRefs"][0]["referenceLocator"], "pkg:cargo/tinyjson@0.8.1");
    let rels = doc["relationships"].as_array().unwrap();
    let root_id = packages.iter().find(|p| p["name"] == "skyline-notes").unwrap()["SPDXID"].clone();
    assert!(rels.iter().any(|r| r["relationshipType"] == "DESCRIBES" && r["relatedSpdxElement"] == root_id));
    assert!(rels.iter().any(|r| r["relationshipType"] == "CONTAINS"
        && r["spdxElementId"] == root_id
        && r["relatedSpdxElement"] == tiny["SPDXID"]));
    let contained_files = rels
        .iter()
        .filter(|r| {
            r["relationshipType"] == "CONTAINS"
                && r["relatedSpdxElement"].as_str().unwrap().starts_with("SPDXRef-File-")
        })
        .count();
    assert_eq!(contained_files, 29, "every file belongs to a package");
}

#[test]
fn help_everywhere() {
    for args in [
        &["--help"][..],
        &["scan", "--help"],
        &["summary", "--help"],
        &["export", "--help"],
        &["review", "--help"],
        &["review", "conclude", "--help"],
        &["review", "false-positive", "--help"],
        &["obligations", "sign-off", "--help"],
        &["approve", "--help"],
        &["reopen", "--help"],
        &["check", "--help"],
        &["audit", "verify", "--help"],
        &["diff", "--help"],
        &["config", "reviewer", "--help"],
    ] {
        let out = clearance(args);
        assert!(out.status.success(), "{args:?}");
        assert!(stdout(&out).contains("Usage:"), "{args:?}");
    }
}

#[test]
fn bad_usage_and_bad_input_exit_2_with_a_sentence() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("r.clearance");
    let db_s = db.to_str().unwrap();
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (vec!["frobnicate"], "unrecognized subcommand"),
        (vec!["scan", "--db", db_s], "required"),
        (vec!["scan", "/no/such/folder", "--db", db_s], "/no/such/folder"),
        (vec!["summary", "--db", "/no/such/review.clearance"], "does not exist"),
        (vec!["summary", "--db", "/no/such/review.clearance"], "`clearance scan DIR --db /no/such/review.clearance`"),
        (vec!["export", "--db", db_s, "--format", "pdf", "-o", "x"], "unknown export format 'pdf'"),
    ];
    for (args, needle) in cases {
        let out = clearance(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains(needle), "{args:?}: {}", stderr(&out));
        assert!(!stderr(&out).contains("panicked") && !stderr(&out).contains("RUST_BACKTRACE"), "{args:?}");
    }
    let not_review = dir.path().join("notes.txt");
    std::fs::write(&not_review, "just some text that is not a database, long enough to have a header").unwrap();
    let out = clearance(&["summary", "--db", not_review.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("is not a Clearance review file"), "{}", stderr(&out));
    let empty = dir.path().join("empty.clearance");
    drop(clearance_store::Review::open_or_create(&empty).unwrap());
    let out = clearance(&[
        "export",
        "--db",
        empty.to_str().unwrap(),
        "--format",
        "spdx-json",
        "-o",
        dir.path().join("o.json").to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("scan a folder first"), "{}", stderr(&out));
}

/// A review file crafted by someone else: markup and script in every text column, absurd numbers.
/// Summaries print it as text, exports escape it, nothing crashes.
#[test]
fn a_crafted_review_file_is_shown_as_text_and_never_crashes_anything() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("crafted.clearance");
    let db_s = db.to_str().unwrap();
    assert!(clearance(&["scan", sample_release().to_str().unwrap(), "--db", db_s]).status.success());
    {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.execute_batch(
            "UPDATE components SET name = '<script>alert(1)</script>', version = '\"><img src=x onerror=alert(2)>',
                 homepage = 'javascript:alert(3)', declared_original = '<b>MIT</b>' WHERE is_root = 0;
             UPDATE files SET size = 9223372036854775807, path = path || '<svg onload=alert(4)>';
             UPDATE findings SET start_line = -5, end_line = 2147483647, score = 1e308, matched_text = '<iframe src=x>';
             UPDATE copyrights SET statement = '<script>steal()</script>', holder = '<script>steal()</script>';
             INSERT INTO annotations (target_kind, target_id, comment, reviewer, created_at)
                 SELECT 'component', id, '<img src=x onerror=alert(5)>', '<b>Mallory</b>', 'not a date' FROM components;",
        )
        .unwrap();
    }
    for args in [
        vec!["summary", "--db", db_s],
        vec!["summary", "--db", db_s, "--json"],
        vec!["review", "components", "--db", db_s],
    ] {
        let out = clearance(&args);
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    }
    for (format, file) in [
        ("notice-html", "n.html"),
        ("report-html", "r.html"),
        ("spdx-json", "s.json"),
        ("cyclonedx-json", "c.json"),
        ("report-csv", "r.csv"),
    ] {
        let path = dir.path().join(file);
        let out = clearance(&["export", "--db", db_s, "--format", format, "-o", path.to_str().unwrap()]);
        assert!(out.status.success(), "{format}: {}", stderr(&out));
        let text = std::fs::read_to_string(&path).unwrap();
        if format.ends_with("html") {
            for raw in ["<script>", "<img src=x", "<svg onload", "<iframe", "<b>Mallory"] {
                assert!(!text.contains(raw), "{format} contains raw {raw}");
            }
        }
    }
}

/// CycloneDX is written in 1.7 unless a consumer needs 1.6; a version Clearance does not write is
/// refused with the ones it does.
#[test]
fn cyclonedx_is_1_7_by_default_and_1_6_on_request() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("r.clearance");
    let db_s = db.to_str().unwrap();
    assert!(clearance(&["scan", sample_release().to_str().unwrap(), "--db", db_s]).status.success());
    let export = |extra: &[&str]| -> Value {
        let out_file = dir.path().join("bom.cdx.json");
        let mut args = vec!["export", "--db", db_s, "--format", "cyclonedx-json", "-o", out_file.to_str().unwrap()];
        args.extend_from_slice(extra);
        let out = clearance(&args);
        assert!(out.status.success(), "{}", stderr(&out));
        serde_json::from_str(&std::fs::read_to_string(out_file).unwrap()).unwrap()
    };
    let bom = export(&[]);
    assert_eq!(bom["specVersion"], "1.7");
    assert_eq!(bom["$schema"], "http://cyclonedx.org/schema/bom-1.7.schema.json");
    let old = export(&["--spec-version", "1.6"]);
    assert_eq!(old["specVersion"], "1.6");
    assert_eq!(old["$schema"], "http://cyclonedx.org/schema/bom-1.6.schema.json");
    // The same BOM otherwise.
    assert_eq!(old["components"], bom["components"]);
    let refused =
        clearance(&["export", "--db", db_s, "--format", "cyclonedx-json", "--spec-version", "1.4", "-o", "x"]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(stderr(&refused).contains("1.6") && stderr(&refused).contains("1.7"), "{}", stderr(&refused));
}

/// The SBOM profiles say which required fields each shipped component lacks: NTIA's suppliers the
/// sample's manifests never name; BSI's deployable fields a source review cannot know. A
/// reviewer with an e-mail is the SBOM creator BSI asks for.
#[test]
fn sbom_profiles_say_what_each_component_lacks() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("r.clearance");
    let db_s = db.to_str().unwrap();
    assert!(clearance(&["scan", sample_release().to_str().unwrap(), "--db", db_s]).status.success());
    let ntia = clearance(&["check", "--db", db_s, "--profile", "ntia"]);
    assert_eq!(ntia.status.code(), Some(1));
    let text = stdout(&ntia);
    assert!(text.contains("tinyjson 0.8.1 lacks supplier (its manifest names nobody)"), "{text}");
    let bsi = clearance(&["check", "--db", db_s, "--profile", "bsi", "--json"]);
    assert_eq!(bsi.status.code(), Some(1));
    let v: Value = serde_json::from_slice(&bsi.stdout).unwrap();
    assert_eq!(v["document"], serde_json::json!([]), "the reviewer has an e-mail");
    let tiny = v["components"].as_array().unwrap().iter().find(|c| c["component"] == "tinyjson 0.8.1").unwrap();
    let missing: Vec<&str> = tiny["missing"].as_array().unwrap().iter().map(|m| m.as_str().unwrap()).collect();
    assert!(
        missing.contains(&"the deployable's SHA-512")
            && missing.contains(&"distribution licence (a reviewer's conclusion)"),
        "{missing:?}"
    );
    let refused = clearance(&["check", "--db", db_s, "--profile", "iso"]);
    assert_eq!(refused.status.code(), Some(2));
}
