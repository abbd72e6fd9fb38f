//! The release model and the formats made from it, on a real review file: a small tree scanned
//! with the real scanner, decided through `Review`, loaded once as a `Release`.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use clearance_export::{ExportContext, Release, attribution, cyclonedx_json, report, spdx_json};
use clearance_licenses::Policy;
use clearance_scan::{ScanOptions, SilentReporter, scan};
use clearance_store::{Actor, ComponentStatus, Review, ScanWriter};

const NOW: &str = "2026-02-01T00:00:00Z";

fn ctx() -> ExportContext {
    ExportContext { created: NOW.into(), tool_version: "0.0.0-test".into(), ..Default::default() }
}

fn write(root: &Path, rel: &str, text: &str) {
    let p = root.join(rel);
    fs::create_dir_all(p.parent().unwrap()).unwrap();
    fs::write(p, text).unwrap();
}

/// An app (MIT) vendoring `foo` (Apache-2.0, with its own Cargo.lock naming a test-only
/// dependency) and build tooling `bar` (ISC); `main.rs` carries an SPDX tag.
fn scanned(dir: &Path) -> PathBuf {
    let root = dir.join("app");
    write(&root, "Cargo.toml", "[package]\nname = \"app\"\nversion = \"3.1.0\"\nlicense = \"MIT\"\n");
    write(&root, "main.rs", "// SPDX-License-Identifier: GPL-3.0-only\nfn main() {}\n");
    write(&root, "vendor/foo/Cargo.toml", "[package]\nname = \"foo\"\nversion = \"1.0.0\"\nlicense = \"Apache-2.0\"\n");
    write(&root, "vendor/foo/src/lib.rs", "// SPDX-License-Identifier: Apache-2.0\n// Copyright 2024 Foo Makers\n");
    write(
        &root,
        "vendor/foo/Cargo.lock",
        "version = 3\n\n[[package]]\nname = \"foo\"\nversion = \"1.0.0\"\ndependencies = [\"quickcheck\"]\n\n\
         [[package]]\nname = \"quickcheck\"\nversion = \"1.0.3\"\nsource = \"registry+https://github.com/rust-lang/crates.io-index\"\n",
    );
    write(&root, "tools/bar/package.json", "{\"name\": \"bar\", \"version\": \"2.0.0\", \"license\": \"ISC\"}");
    let db = dir.join("r.clearance");
    let mut review = Review::open_or_create(&db).unwrap();
    let roots = vec![root.canonicalize().unwrap()];
    let mut w = ScanWriter::begin(&mut review, &roots, "{}", "test", "Tess Tester", NOW).unwrap();
    let prior = w.prior(None).unwrap();
    let stats =
        scan(&roots, &ScanOptions::default(), &prior, &AtomicBool::new(false), &SilentReporter, |ev| w.write(ev))
            .unwrap();
    w.finish(&stats, NOW).unwrap();
    db
}

/// The tree, with the GPL tag on main.rs marked a false positive, `bar` excluded and `foo`
/// concluded.
fn decided(dir: &Path) -> PathBuf {
    let db = scanned(dir);
    let mut r = Review::open(&db).unwrap();
    let a = Actor { name: "Ada Auditor <ada@example.org>", at: NOW };
    let id = |r: &Review, name: &str| r.components().unwrap().into_iter().find(|c| c.name == name).unwrap().id;
    let main = r.files(None).unwrap().into_iter().find(|f| f.path == "main.rs").unwrap();
    let tag = r.findings(Some(main.id)).unwrap()[0].id;
    r.mark_false_positive(&a, &[tag], "an example in a comment").unwrap();
    let (vendored, tooling) = (id(&r, "foo"), id(&r, "bar"));
    r.exclude(&a, tooling, "build tooling, not shipped").unwrap();
    r.conclude(&a, vendored, Some("Apache-2.0"), Some(ComponentStatus::Approved), Some("as declared")).unwrap();
    db
}

#[test]
fn the_release_holds_what_ships_and_the_findings_that_stand() {
    let dir = tempfile::tempdir().unwrap();
    let db = decided(dir.path());
    let review = Review::open(&db).unwrap();
    let release = Release::load(&review, Policy::default()).unwrap();
    let name = |id: i64| release.components.iter().find(|c| c.id == id).unwrap().name.clone();
    // The vendored package's test-only dependency does not ship; everything else does.
    let left_out: Vec<String> = release.left_out.iter().map(|&id| name(id)).collect();
    assert_eq!(left_out, vec!["quickcheck".to_string()]);
    let shipped: Vec<&str> = release.shipped().map(|c| c.name.as_str()).collect();
    assert!(shipped.contains(&"foo") && shipped.contains(&"bar") && !shipped.contains(&"quickcheck"), "{shipped:?}");
    // The false positive is not among main.rs's findings; foo's tag is.
    let file = |path: &str| release.files.iter().find(|f| f.path == path).unwrap().id;
    assert!(release.findings_of(file("main.rs")).is_empty());
    assert_eq!(release.findings_of(file("vendor/foo/src/lib.rs")).len(), 1);
    assert_eq!(release.copyrights_of(file("vendor/foo/src/lib.rs"))[0].holder, "Foo Makers");
    // Decisions are at hand by component; the product is the one root.
    let vendored = release.components.iter().find(|c| c.name == "foo").unwrap().id;
    let tooling = release.components.iter().find(|c| c.name == "bar").unwrap().id;
    assert_eq!(release.concluded(vendored), Some("Apache-2.0"));
    assert_eq!(release.exclusion(tooling).map(|x| x.0.as_str()), Some("build tooling, not shipped"));
    assert_eq!((release.product.as_str(), release.product_version.as_deref()), ("app", Some("3.1.0")));
}

#[test]
fn every_format_applies_the_decisions_the_same_way() {
    let dir = tempfile::tempdir().unwrap();
    let db = decided(dir.path());
    let review = Review::open(&db).unwrap();
    let release = Release::load(&review, Policy::default()).unwrap();

    // SPDX: the false positive is no license information of main.rs; foo's conclusion is there.
    let spdx = serde_json::to_value(spdx_json(&release, &ctx()).unwrap()).unwrap();
    let main = spdx["files"].as_array().unwrap().iter().find(|f| f["fileName"] == "./main.rs").unwrap();
    assert_eq!(main["licenseInfoInFiles"], serde_json::json!(["NONE"]));
    let vendored = spdx["packages"].as_array().unwrap().iter().find(|p| p["name"] == "foo").unwrap();
    assert_eq!(vendored["licenseConcluded"], "Apache-2.0");
    assert!(!spdx.to_string().contains("GPL-3.0-only"), "the false positive's license is nowhere");

    // CycloneDX: the excluded component is documented as excluded.
    let cdx = serde_json::to_value(cyclonedx_json(&release, &ctx()).unwrap()).unwrap();
    let tooling = cdx["components"].as_array().unwrap().iter().find(|c| c["name"] == "bar").unwrap();
    assert_eq!(tooling["scope"], "excluded");

    // Attribution: foo with its holder and the Apache text; bar listed as excluded, not
    // attributed; the test-only dependency counted as not shipped.
    let notice = attribution(&release, &ctx()).unwrap();
    let names: Vec<&str> = notice.components.iter().map(|c| c.name.as_str()).collect();
    assert!(names.contains(&"foo") && !names.contains(&"bar") && !names.contains(&"quickcheck"), "{names:?}");
    let vendored = notice.components.iter().find(|c| c.name == "foo").unwrap();
    assert_eq!(vendored.copyrights, vec!["Copyright (c) 2024 Foo Makers".to_string()]);
    assert!(notice.licenses.iter().any(|t| t.id == "Apache-2.0"));
    assert_eq!(notice.excluded.len(), 1);
    assert_eq!(notice.not_shipped, 1);

    // The report: judged by the release's policy; the same components.
    let r = report(&release, &ctx()).unwrap();
    assert_eq!(r.counts.not_shipped, 1);
    assert_eq!(r.counts.components, release.shipped().count());
    assert_eq!(r.policy_source, "the default policy");
    let tooling = r.components.iter().find(|c| c.name == "bar").unwrap();
    assert_eq!(tooling.excluded.as_deref(), Some("build tooling, not shipped"));
}

#[test]
fn the_report_judges_by_the_policy_the_release_carries() {
    let dir = tempfile::tempdir().unwrap();
    let db = scanned(dir.path());
    let review = Review::open(&db).unwrap();
    // GPL-3.0-only stands (no false positive here): a policy that denies it says so.
    let strict = Policy::parse("[licenses]\ndeny = [\"GPL-3.0-only\"]\n").unwrap();
    let denied = report(&Release::load(&review, strict).unwrap(), &ctx()).unwrap();
    assert!(denied.counts.denied >= 1, "{:?}", denied.counts);
    let lenient = Policy::parse("[licenses]\nallow = [\"GPL-3.0-only\"]\n").unwrap();
    let allowed = report(&Release::load(&review, lenient).unwrap(), &ctx()).unwrap();
    assert_eq!(allowed.counts.denied, 0, "{:?}", allowed.counts);
}

#[test]
fn a_review_without_components_has_nothing_to_export() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("empty.clearance");
    let review = Review::open_or_create(&db).unwrap();
    let err = Release::load(&review, Policy::default()).err().expect("an error");
    assert!(matches!(err, clearance_export::ExportError::Empty), "{err}");
}

/// Every license id an SPDX 2.3 document uses in its license fields.
fn ids_used(spdx: &serde_json::Value) -> Vec<String> {
    let mut out = Vec::new();
    let mut add = |e: &serde_json::Value| {
        if let Some(e) = e.as_str() {
            out.extend(clearance_licenses::license_ids_in(e));
        }
    };
    for p in spdx["packages"].as_array().unwrap() {
        add(&p["licenseConcluded"]);
        add(&p["licenseDeclared"]);
        p["licenseInfoFromFiles"].as_array().into_iter().flatten().for_each(&mut add);
    }
    for f in spdx["files"].as_array().unwrap() {
        f["licenseInfoInFiles"].as_array().into_iter().flatten().for_each(&mut add);
    }
    out
}

#[test]
fn a_consumer_on_an_older_license_list_gets_the_newer_ids_as_license_refs_with_their_texts() {
    // A package under a license of list 3.28, a file under one of 3.29 and a file whose
    // exception is of 3.28; concluded by a reviewer.
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("tree");
    write(&root, "Cargo.toml", "[package]\nname = \"newer\"\nversion = \"1.0.0\"\nlicense = \"BSD-3-Clause-Tso\"\n");
    write(&root, "src/a.rs", "// SPDX-License-Identifier: Bugroff\n");
    write(&root, "src/b.rs", "// SPDX-License-Identifier: GPL-2.0-or-later WITH kvirc-openssl-exception\n");
    write(&root, "src/c.rs", "// SPDX-License-Identifier: MIT\n");
    let db = dir.path().join("r.clearance");
    let mut review = Review::open_or_create(&db).unwrap();
    let roots = vec![root.canonicalize().unwrap()];
    let mut w = ScanWriter::begin(&mut review, &roots, "{}", "test", "Tess Tester", NOW).unwrap();
    let prior = w.prior(None).unwrap();
    let stats =
        scan(&roots, &ScanOptions::default(), &prior, &AtomicBool::new(false), &SilentReporter, |ev| w.write(ev))
            .unwrap();
    w.finish(&stats, NOW).unwrap();
    let a = Actor { name: "Ada Auditor <ada@example.org>", at: NOW };
    let id = review.components().unwrap()[0].id;
    review.conclude(&a, id, Some("BSD-3-Clause-Tso AND Bugroff"), Some(ComponentStatus::Approved), None).unwrap();
    let release = Release::load(&review, Policy::default()).unwrap();

    // Without a target the document names the ids of Clearance's list as they are.
    let current = serde_json::to_value(spdx_json(&release, &ctx()).unwrap()).unwrap();
    let used = ids_used(&current);
    assert!(used.contains(&"BSD-3-Clause-Tso".to_string()) && used.contains(&"Bugroff".to_string()), "{used:?}");

    let older = ExportContext { license_list: Some("3.27".parse().unwrap()), ..ctx() };
    let spdx = serde_json::to_value(spdx_json(&release, &older).unwrap()).unwrap();
    assert_eq!(spdx["creationInfo"]["licenseListVersion"], "3.27");
    let used = ids_used(&spdx);
    let v327: clearance_licenses::ListVersion = "3.27".parse().unwrap();
    for id in &used {
        assert!(
            clearance_licenses::first_list_version(id).is_none_or(|v| v <= v327),
            "{id} is not on list 3.27 but the document names it: {used:?}"
        );
    }
    for want in [
        "LicenseRef-BSD-3-Clause-Tso",
        "LicenseRef-Bugroff",
        "LicenseRef-GPL-2.0-or-later-WITH-kvirc-openssl-exception",
        "MIT",
    ] {
        assert!(used.contains(&want.to_string()), "{want} in {used:?}");
    }
    // Each LicenseRef carries the full text it stands for, and says what it was.
    let extracted = spdx["hasExtractedLicensingInfos"].as_array().unwrap();
    let info = |id: &str| extracted.iter().find(|e| e["licenseId"] == id).unwrap_or_else(|| panic!("{id} extracted"));
    let tso = info("LicenseRef-BSD-3-Clause-Tso");
    assert_eq!(tso["extractedText"], clearance_licenses::license("BSD-3-Clause-Tso").unwrap().1);
    assert!(tso["comment"].as_str().unwrap().contains("since 3.28"), "{tso}");
    let kvirc = info("LicenseRef-GPL-2.0-or-later-WITH-kvirc-openssl-exception")["extractedText"].as_str().unwrap();
    assert!(kvirc.starts_with(clearance_licenses::license("GPL-2.0-or-later").unwrap().1.trim()), "license text first");
    assert!(
        kvirc.ends_with(clearance_licenses::exception("kvirc-openssl-exception").unwrap().1.trim()),
        "then the exception"
    );

    // Tag-value and SPDX 3 are made from the same document.
    let tv = clearance_export::to_tag_value(&spdx_json(&release, &older).unwrap());
    assert!(tv.contains("LicenseListVersion: 3.27") && tv.contains("LicenseID: LicenseRef-Bugroff"), "{tv}");
    assert!(!tv.contains("LicenseInfoInFile: Bugroff"));
    let spdx3 = clearance_export::spdx3_json(&release, &older).unwrap().to_string();
    assert!(spdx3.contains("\"simplelicensing_licenseListVersion\":\"3.27.0\""));
    assert!(spdx3.contains("LicenseRef-BSD-3-Clause-Tso") && !spdx3.contains("\"BSD-3-Clause-Tso\""));

    // CycloneDX: the newer ids as names with their texts; never as an `id` the schema lacks.
    let cdx = serde_json::to_value(cyclonedx_json(&release, &older).unwrap()).unwrap().to_string();
    assert!(cdx.contains("LicenseRef-BSD-3-Clause-Tso AND LicenseRef-Bugroff"), "{cdx}");
    let cdx_now = serde_json::to_value(cyclonedx_json(&release, &ctx()).unwrap()).unwrap().to_string();
    assert!(!cdx_now.contains("\"id\":\"Bugroff\"") && !cdx_now.contains("\"id\":\"BSD-3-Clause-Tso\""));

    // A list Clearance cannot know is refused with a sentence.
    let ancient = ExportContext { license_list: Some("3.6".parse().unwrap()), ..ctx() };
    let e = spdx_json(&release, &ancient).unwrap_err().to_string();
    assert!(e.contains("from 3.7 on"), "{e}");
}
