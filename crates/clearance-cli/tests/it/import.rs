//! Importing other tools' results: ScanCode Toolkit JSON, SPDX 2.3 JSON and CycloneDX BOMs become scans.

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
        ("{\"spdxVersion\": \"SPDX-3.0\"}", "--from-spdx", "not an SPDX 2.x or 3.0 document"),
        (
            "SPDXVersion: SPDX-2.3\nPackageName: x\nPackageCopyrightText: <text>never closed",
            "--from-spdx",
            "never ends",
        ),
        ("{\"@context\": \"https://schema.org\", \"@graph\": []}", "--from-spdx", "not SPDX 3"),
        ("hello", "--from-spdx", "not an SPDX document"),
    ] {
        std::fs::write(&bad, content).unwrap();
        let out = clearance(&["import", "--db", db.to_str().unwrap(), flag, bad.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(2), "{content}");
        assert!(stderr(&out).contains(needle), "{content}: {}", stderr(&out));
    }
}

/// The components of a summary, by name: (version, purl, declared license, is root).
fn components_of(s: &Value) -> Vec<(String, String, String, String, bool)> {
    let mut v: Vec<_> = s["components"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            let t = |k: &str| c[k].as_str().unwrap_or("").to_string();
            (t("name"), t("version"), t("purl"), t("declared_license"), c["is_root"] == true)
        })
        .collect();
    v.sort();
    v
}

fn depends_on(db: &str, component: &str) -> Vec<String> {
    let out = clearance(&["review", "--db", db, "show", component, "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut names: Vec<String> =
        v["depends_on"].as_array().unwrap().iter().map(|l| l["name"].as_str().unwrap().to_string()).collect();
    names.sort();
    names
}

/// Clearance → CycloneDX → Clearance keeps every component (name, version, purl, declared
/// license, the root), every file with its hashes and the component it belongs to, and every
/// dependency edge.
#[test]
fn clearances_own_cyclonedx_export_imports_back_whole() {
    let dir = tempfile::tempdir().unwrap();
    let tree = dir.path().join("release");
    std::fs::create_dir_all(&tree).unwrap();
    copy_dir(&sample_release(), &tree.join("notes"));
    std::fs::write(tree.join("Cargo.toml"), "[package]\nname = \"locked\"\nversion = \"0.1.0\"\nlicense = \"MIT\"\n")
        .unwrap();
    std::fs::write(
        tree.join("Cargo.lock"),
        "version = 3\n\n[[package]]\nname = \"locked\"\nversion = \"0.1.0\"\ndependencies = [\"serde\"]\n\n[[package]]\nname = \"serde\"\nversion = \"1.0.200\"\nsource = \"registry+https://github.com/rust-lang/crates.io-index\"\ndependencies = [\"serde_derive\"]\n\n[[package]]\nname = \"serde_derive\"\nversion = \"1.0.200\"\nsource = \"registry+https://github.com/rust-lang/crates.io-index\"\n",
    )
    .unwrap();
    let a = dir.path().join("a.clearance");
    let a = a.to_str().unwrap();
    assert!(clearance(&["scan", tree.to_str().unwrap(), "--db", a]).status.success());
    let bom = dir.path().join("a.cdx.json");
    assert!(
        clearance(&["export", "--db", a, "--format", "cyclonedx-json", "-o", bom.to_str().unwrap()]).status.success()
    );
    let b = dir.path().join("b.clearance");
    let b = b.to_str().unwrap();
    let out = clearance(&["import", "--db", b, "--from-cyclonedx", bom.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("from CycloneDX 1.7 BOM by clearance"), "{}", stdout(&out));
    let (sa, sb) = (summary(a), summary(b));
    assert_eq!(components_of(&sa), components_of(&sb));
    // Every file, with the same hashes (plus the file standing for the BOM's edges).
    let files = |db: &str| -> Vec<(String, String, Option<String>)> {
        let conn = rusqlite::Connection::open(db).unwrap();
        let mut stmt = conn
            .prepare(
                "SELECT f.path, f.sha256, c.name FROM files f LEFT JOIN components c ON c.id = f.component_id
                 WHERE f.sha256 != '' ORDER BY f.path",
            )
            .unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).unwrap().collect::<Result<_, _>>().unwrap()
    };
    assert_eq!(files(a), files(b));
    assert!(files(a).len() > 25);
    assert_eq!(depends_on(a, "serde"), ["serde_derive"]);
    assert_eq!(depends_on(b, "serde"), ["serde_derive"]);
    // Every edge comes back. (The export also says the product depends on each of its
    // components, which comes back as the root's edges.)
    assert_eq!(depends_on(a, "locked"), ["serde"]);
    let root_b = depends_on(b, "locked");
    assert!(root_b.contains(&"serde".to_string()) && root_b.len() == 9, "{root_b:?}");
    // The same through SPDX 2.3 (JSON and tag-value) and SPDX 3.0.1 (JSON-LD): components, files
    // with their hashes and owners, and edges come back.
    for format in ["spdx-json", "spdx-tv", "spdx3-json"] {
        let doc = dir.path().join(format!("a.{format}"));
        assert!(clearance(&["export", "--db", a, "--format", format, "-o", doc.to_str().unwrap()]).status.success());
        let c = dir.path().join(format!("c-{format}.clearance"));
        let c = c.to_str().unwrap();
        let out = clearance(&["import", "--db", c, "--from-spdx", doc.to_str().unwrap()]);
        assert!(out.status.success(), "{format}: {}", stderr(&out));
        assert_eq!(components_of(&summary(c)), components_of(&sa), "{format}");
        assert_eq!(files(c), files(a), "{format}");
        assert_eq!(depends_on(c, "serde"), ["serde_derive"], "{format}");
        assert!(depends_on(c, "locked").contains(&"serde".to_string()), "{format}");
    }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &to.join(e.file_name()));
        } else {
            std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
        }
    }
}

/// A supplier's BOM as other tools write them (CycloneDX 1.5, tools as an object, components
/// nested, licenses by id, name and expression, a group, one concluded license only) is read,
/// and what cannot be used is said: a duplicate bom-ref, an edge to a component not in the BOM.
#[test]
fn a_supplier_bom_is_read_and_what_cannot_be_used_is_said() {
    let dir = tempfile::tempdir().unwrap();
    let bom = dir.path().join("supplier.cdx.json");
    let doc = serde_json::json!({
        "bomFormat": "CycloneDX", "specVersion": "1.5", "version": 1,
        "metadata": {
            "tools": {"components": [{"type": "application", "name": "cyclonedx-npm", "version": "1.19.3"}]},
            "component": {"type": "application", "name": "acme-portal", "version": "4.2.0", "bom-ref": "acme-portal@4.2.0",
                          "purl": "pkg:npm/acme-portal@4.2.0", "licenses": [{"license": {"id": "Apache-2.0"}}]}
        },
        "components": [
            {"type": "library", "name": "express", "version": "4.18.2", "bom-ref": "express@4.18.2",
             "supplier": {"name": "OpenJS Foundation"},
             "purl": "pkg:npm/express@4.18.2", "licenses": [{"license": {"id": "MIT", "acknowledgement": "declared"}}],
             "externalReferences": [{"type": "website", "url": "http://expressjs.com/"}],
             "components": [
                {"type": "library", "name": "debug", "version": "2.6.9", "bom-ref": "debug@2.6.9",
                 "purl": "pkg:npm/debug@2.6.9", "licenses": [{"expression": "MIT"}]}
             ]},
            {"type": "library", "group": "@babel", "name": "core", "version": "7.23.0", "bom-ref": "@babel/core@7.23.0",
             "purl": "pkg:npm/%40babel/core@7.23.0", "licenses": [{"license": {"id": "MIT"}, "acknowledgement": "concluded"}]},
            {"type": "library", "name": "in-house", "version": "1.0", "bom-ref": "in-house@1.0",
             "licenses": [{"license": {"name": "ACME Proprietary"}}]},
            {"type": "library", "name": "express-again", "bom-ref": "express@4.18.2"}
        ],
        "dependencies": [
            {"ref": "acme-portal@4.2.0", "dependsOn": ["express@4.18.2", "@babel/core@7.23.0", "left-pad@1.0.0"]},
            {"ref": "express@4.18.2", "dependsOn": ["debug@2.6.9"]}
        ]
    });
    std::fs::write(&bom, doc.to_string()).unwrap();
    let db = dir.path().join("r.clearance");
    let db = db.to_str().unwrap();
    let out = clearance(&["import", "--db", db, "--from-cyclonedx", bom.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains("Imported 1 files and 5 components from CycloneDX 1.5 BOM by cyclonedx-npm 1.19.3"),
        "{text}"
    );
    assert!(text.contains("the bom-ref express@4.18.2 is used twice"), "{text}");
    assert!(text.contains("1 dependency edge(s) name a component that is not in the BOM"), "{text}");
    assert!(text.contains("core: only a concluded license is given"), "{text}");
    let comps = components_of(&summary(db));
    let find = |n: &str| comps.iter().find(|c| c.0 == n).unwrap_or_else(|| panic!("{n} in {comps:?}")).clone();
    assert!(find("acme-portal").4, "what the BOM describes is the root");
    assert_eq!(find("express").3, "MIT");
    let supplier = |n: &str| {
        summary(db)["components"].as_array().unwrap().iter().find(|c| c["name"] == n).unwrap()["supplier"].clone()
    };
    assert_eq!(supplier("express"), "OpenJS Foundation");
    assert!(supplier("debug").is_null(), "a supplier is never invented");
    assert_eq!(find("debug").2, "pkg:npm/debug@2.6.9");
    assert_eq!(find("core").3, "MIT");
    assert_eq!(find("in-house").3, "LicenseRef-ACME-Proprietary");
    assert_eq!(depends_on(db, "acme-portal"), ["core", "express"]);
    assert_eq!(depends_on(db, "express"), ["debug"]);
}

#[test]
fn a_hostile_bom_is_refused_with_a_sentence() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("r.clearance");
    let bad = dir.path().join("bad.json");
    // Components nested 40 deep, an SPDX document, a BOM of another version; JSON nested deeper
    // than the parser follows.
    let mut deep = serde_json::json!({"type": "library", "name": "leaf"});
    for i in 0..40 {
        deep = serde_json::json!({"type": "library", "name": format!("n{i}"), "components": [deep]});
    }
    for (content, needle) in [
        (
            serde_json::json!({"bomFormat": "CycloneDX", "specVersion": "1.6", "components": [deep]}).to_string(),
            "nest deeper than 32",
        ),
        (
            format!("{{\"bomFormat\": \"CycloneDX\", \"x\": {}{}}}", "[".repeat(500), "]".repeat(500)),
            "recursion limit exceeded",
        ),
        (serde_json::json!({"spdxVersion": "SPDX-2.3"}).to_string(), "not a CycloneDX JSON BOM"),
        (
            serde_json::json!({"bomFormat": "CycloneDX", "specVersion": "2.0"}).to_string(),
            "a CycloneDX version Clearance does not read ('2.0')",
        ),
        ("[1, 2".to_string(), "not valid JSON"),
    ] {
        std::fs::write(&bad, &content).unwrap();
        let out = clearance(&["import", "--db", db.to_str().unwrap(), "--from-cyclonedx", bad.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(2), "{needle}");
        assert!(stderr(&out).contains(needle), "{needle}: {}", stderr(&out));
    }
    // A 200 MB document (sparse: no disk written) is refused before it is read.
    let huge = dir.path().join("huge.cdx.json");
    std::fs::File::create(&huge).unwrap().set_len(200_000_000).unwrap();
    let out = clearance(&["import", "--db", db.to_str().unwrap(), "--from-cyclonedx", huge.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("is 200 MB: Clearance imports documents up to 128 MB"), "{}", stderr(&out));
    assert!(!db.exists(), "nothing half-imported: no review was made");
}

/// A delivery's scan and its supplier's SBOM in one review: what the SBOM names that the scan
/// does not find, what the scan finds that the SBOM omits, and the versions and licenses they
/// disagree on (exit 1); with nothing to compare, a sentence.
#[test]
fn a_supplier_sbom_is_compared_with_the_scan_of_the_same_delivery() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("delivery.clearance");
    let db = db.to_str().unwrap();
    assert!(clearance(&["scan", sample_release().to_str().unwrap(), "--db", db]).status.success());
    let none = clearance(&["diff", "--supplier", db]);
    assert_eq!(none.status.code(), Some(2));
    assert!(stderr(&none).contains("holds no supplier SBOM"), "{}", stderr(&none));
    // The supplier's BOM: Clearance's own export of the same tree, then edited as a supplier's
    // would differ — oddlib left out, lodash added, tinyjson at another version, @acme/colors
    // under another license.
    let bom = dir.path().join("supplier.cdx.json");
    assert!(
        clearance(&["export", "--db", db, "--format", "cyclonedx-json", "-o", bom.to_str().unwrap()]).status.success()
    );
    let mut doc: Value = serde_json::from_str(&std::fs::read_to_string(&bom).unwrap()).unwrap();
    let comps = doc["components"].as_array_mut().unwrap();
    comps.retain(|c| c["name"] != "oddlib");
    for c in comps.iter_mut() {
        if c["name"] == "tinyjson" {
            c["version"] = "0.8.0".into();
            c["purl"] = "pkg:cargo/tinyjson@0.8.0".into();
        }
        if c["name"] == "@acme/colors" {
            c["licenses"] = serde_json::json!([{"license": {"id": "Apache-2.0"}}]);
        }
    }
    comps.push(serde_json::json!({"type": "library", "name": "lodash", "version": "4.17.21", "bom-ref": "lodash",
        "purl": "pkg:npm/lodash@4.17.21", "licenses": [{"license": {"id": "MIT"}}]}));
    std::fs::write(&bom, doc.to_string()).unwrap();
    let shipped = |db: &str| -> (u64, u64) {
        let v: Value = serde_json::from_slice(&clearance(&["review", "--db", db, "status", "--json"]).stdout).unwrap();
        (v["components"].as_u64().unwrap(), v["not_shipped"].as_u64().unwrap())
    };
    let before = shipped(db);
    let out = clearance(&["import", "--db", db, "--from-cyclonedx", bom.to_str().unwrap()]);
    assert!(out.status.success());
    assert!(stdout(&out).contains("entries are marked not shipped, to compare with it"), "{}", stdout(&out));
    // The SBOM's entries are claims to compare, not components to conclude.
    let after = shipped(db);
    assert_eq!(after.0, before.0, "what ships is what the scan found");
    assert_eq!(after.1, before.1 + 7, "the SBOM's seven entries are set aside");

    let out = clearance(&["diff", "--supplier", db]);
    assert_eq!(out.status.code(), Some(1), "they disagree");
    let text = stdout(&out);
    assert!(text.contains("only in the SBOM   lodash 4.17.21"), "{text}");
    assert!(text.contains("only in the scan   oddlib 0.9.0"), "{text}");
    assert!(text.contains("version differs    tinyjson: the SBOM says 0.8.0, the scan found 0.8.1"), "{text}");
    assert!(
        text.contains("license differs    @acme/colors 3.1.0: the SBOM says Apache-2.0, the scan found MIT"),
        "{text}"
    );
    let d: Value = serde_json::from_slice(&clearance(&["diff", "--supplier", db, "--json"]).stdout).unwrap();
    // left-pad-lite, skyline-web, tomlette and @acme/colors name the same versions.
    assert_eq!(d["matched"], 4);
    assert_eq!(d["documents"].as_array().unwrap().len(), 1);

    // Each disagreement decided, with a note: accepted (explained) or rejected (to correct).
    let claim = |package: &str, kind: &str, state: &str, note: &str| {
        let out =
            clearance(&["review", "--db", db, "claim", package, "--kind", kind, "--state", state, "--note", note]);
        assert!(out.status.success(), "{package}: {}", stderr(&out));
    };
    let no_note = clearance(&[
        "review", "--db", db, "claim", "tinyjson", "--kind", "version", "--state", "accepted", "--note", " ",
    ]);
    assert_eq!(no_note.status.code(), Some(2));
    let wrong_kind = clearance(&[
        "review", "--db", db, "claim", "tinyjson", "--kind", "license", "--state", "accepted", "--note", "x",
    ]);
    assert_eq!(wrong_kind.status.code(), Some(2));
    assert!(stderr(&wrong_kind).contains("no license disagreement about 'tinyjson'"), "{}", stderr(&wrong_kind));
    claim("tinyjson", "version", "accepted", "0.8.1 is 0.8.0 with a security fix");
    claim("@acme/colors", "license", "rejected", "the package says MIT; ask the supplier to correct it");
    claim("lodash", "only-in-sbom", "rejected", "not in the delivery");
    let half = clearance(&["diff", "--supplier", db]);
    assert_eq!(half.status.code(), Some(1), "oddlib is still undecided");
    let text = stdout(&half);
    assert!(
        text.contains(
            "version differs    tinyjson: the SBOM says 0.8.0, the scan found 0.8.1 — accepted by Rita Reviewer"
        ),
        "{text}"
    );
    assert!(text.contains("1 undecided"), "{text}");
    claim("oddlib", "only-in-scan", "accepted", "bundled by us, not the supplier's");
    assert_eq!(clearance(&["diff", "--supplier", db]).status.code(), Some(0), "every disagreement decided");
    // Audited like every decision.
    let log: Value = serde_json::from_slice(&clearance(&["audit", "log", "--db", db, "--json"]).stdout).unwrap();
    assert_eq!(log.as_array().unwrap().iter().filter(|e| e["action"] == "resolve-claim").count(), 4);
    assert!(clearance(&["audit", "verify", "--db", db]).status.success());

    // The supplier sends another BOM saying 0.7.9: the decision was on 0.8.0, so it no longer
    // applies and the disagreement is open again.
    for c in doc["components"].as_array_mut().unwrap() {
        if c["name"] == "tinyjson" {
            c["version"] = "0.7.9".into();
            c["purl"] = "pkg:cargo/tinyjson@0.7.9".into();
        }
    }
    std::fs::write(&bom, doc.to_string()).unwrap();
    assert!(clearance(&["import", "--db", db, "--from-cyclonedx", bom.to_str().unwrap()]).status.success());
    let again = clearance(&["diff", "--supplier", db]);
    assert_eq!(again.status.code(), Some(1));
    let text = stdout(&again);
    assert!(text.contains("version differs    tinyjson: the SBOM says 0.7.9, the scan found 0.8.1\n"), "{text}");
    assert!(text.contains("no longer applies: version cargo/tinyjson was accepted"), "{text}");
}
