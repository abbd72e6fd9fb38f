use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use clearance_scan::{ScanOptions, SilentReporter, scan};
use clearance_store::{Review, ScanWriter, StoreError};

const NOW: &str = "2026-01-01T00:00:00Z";

fn scan_into(review: &mut Review, root: &Path) -> clearance_scan::ScanStats {
    let roots = vec![root.canonicalize().unwrap()];
    let mut w = ScanWriter::begin(review, &roots, "{}", "test", "Tess Tester", NOW).unwrap();
    let prior = w.prior(None).unwrap();
    let stats =
        scan(&roots, &ScanOptions::default(), &prior, &AtomicBool::new(false), &SilentReporter, |ev| w.write(ev))
            .unwrap();
    w.finish(&stats, NOW).unwrap();
    stats
}

fn tree() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("app");
    fs::create_dir_all(root.join("vendor/foo/src")).unwrap();
    fs::write(root.join("main.rs"), "// SPDX-License-Identifier: MIT\nfn main() {}\n").unwrap();
    fs::write(
        root.join("vendor/foo/Cargo.toml"),
        "[package]\nname = \"foo\"\nversion = \"1.0.0\"\nlicense = \"Apache-2.0\"\n",
    )
    .unwrap();
    fs::write(
        root.join("vendor/foo/src/lib.rs"),
        "// Copyright 2020 Foo Ltd.\n// SPDX-License-Identifier: Apache-2.0\n",
    )
    .unwrap();
    (dir, root)
}

#[test]
fn a_scan_is_stored_and_files_belong_to_their_nearest_component() {
    let (dir, root) = tree();
    let db = dir.path().join("r.clearance");
    let mut review = Review::open_or_create(&db).unwrap();
    let stats = scan_into(&mut review, &root);
    assert_eq!(stats.files, 3);
    let comps = review.components().unwrap();
    assert_eq!(comps.len(), 2, "{comps:?}");
    assert!(comps[0].is_root && comps[0].name == "app");
    let foo = comps.iter().find(|c| c.name == "foo").unwrap();
    assert_eq!(foo.purl.as_deref(), Some("pkg:cargo/foo@1.0.0"));
    assert_eq!(foo.files, 2);
    assert_eq!(foo.detected, vec!["Apache-2.0"]);
    assert_eq!(comps[0].detected, vec!["MIT"]);
    let lic = review.license_counts().unwrap();
    assert_eq!(lic.iter().map(|l| l.license.as_str()).collect::<Vec<_>>(), vec!["Apache-2.0", "MIT"]);
    assert_eq!(review.copyrights(None).unwrap()[0].holder, "Foo Ltd.");
    assert_eq!(review.integrity_check().unwrap(), "ok");
    assert_eq!(review.latest_scan().unwrap().unwrap().status, clearance_store::ScanStatus::Complete);
}

#[test]
fn a_rescan_reuses_unchanged_files_and_keeps_their_findings() {
    let (dir, root) = tree();
    let db = dir.path().join("r.clearance");
    let mut review = Review::open_or_create(&db).unwrap();
    scan_into(&mut review, &root);
    let before = review.findings(None).unwrap();
    fs::write(root.join("main.rs"), "// SPDX-License-Identifier: BSD-3-Clause\nfn main() {}\n").unwrap();
    fs::remove_file(root.join("vendor/foo/src/lib.rs")).unwrap();
    fs::write(root.join("new.rs"), "// SPDX-License-Identifier: ISC\n").unwrap();
    let stats = scan_into(&mut review, &root);
    assert_eq!((stats.files, stats.reused), (3, 1), "Cargo.toml is unchanged");
    let lic: Vec<_> = review.license_counts().unwrap().into_iter().map(|l| l.license).collect();
    assert_eq!(lic, vec!["Apache-2.0", "BSD-3-Clause", "ISC"], "MIT left with the change; lib.rs removed");
    // The unchanged manifest's finding is the same row as before (annotations on it survive).
    let manifest_before = before.iter().find(|f| f.detector == clearance_store::Detector::Manifest).unwrap();
    let manifest_after =
        review.findings(None).unwrap().into_iter().find(|f| f.detector == clearance_store::Detector::Manifest).unwrap();
    assert_eq!(manifest_before.id, manifest_after.id);
    assert_eq!(review.count_files().unwrap(), 3);
}

#[test]
fn foreign_and_future_files_are_refused_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let junk = dir.path().join("junk.clearance");
    fs::write(&junk, b"this is not a database at all, just text that is long enough").unwrap();
    assert!(matches!(Review::open(&junk), Err(StoreError::NotAReview { .. })));

    let future = dir.path().join("future.clearance");
    drop(Review::open_or_create(&future).unwrap());
    {
        let conn = rusqlite::Connection::open(&future).unwrap();
        conn.pragma_update(None, "user_version", 999).unwrap();
    }
    let err = Review::open(&future).err().unwrap();
    assert!(matches!(err, StoreError::TooNew { found: 999, .. }));
    assert!(err.to_string().contains("newer Clearance"));

    assert!(matches!(Review::open(&dir.path().join("missing.clearance")), Err(StoreError::Missing { .. })));
    let other = dir.path().join("other.sqlite");
    {
        let conn = rusqlite::Connection::open(&other).unwrap();
        conn.execute_batch("CREATE TABLE t (x)").unwrap();
    }
    assert!(matches!(Review::open(&other), Err(StoreError::NotAReview { .. })));
}

#[test]
fn a_cancelled_scan_keeps_what_it_did_not_visit() {
    let (dir, root) = tree();
    let db = dir.path().join("r.clearance");
    let mut review = Review::open_or_create(&db).unwrap();
    scan_into(&mut review, &root);
    let roots = vec![root.canonicalize().unwrap()];
    let w = ScanWriter::begin(&mut review, &roots, "{}", "test", "Tess Tester", NOW).unwrap();
    let stats = clearance_scan::ScanStats { cancelled: true, ..Default::default() };
    w.finish(&stats, NOW).unwrap();
    assert_eq!(review.count_files().unwrap(), 3);
    assert_eq!(review.latest_scan().unwrap().unwrap().status, clearance_store::ScanStatus::Cancelled);
}
