//! Every decision the review holds is in its audit log. Made through `Review`, each one
//! verifies; changed behind Clearance's back, each one is caught. The decision tables are read
//! from the schema itself — every table with a `reviewer` column — so a new kind of decision
//! fails here until `current_decisions` (and so `audit verify`) covers it.

use std::fs;
use std::path::Path;
use std::sync::atomic::AtomicBool;

use clearance_licenses::Distribution;
use clearance_scan::{ScanOptions, SilentReporter, scan};
use clearance_store::{
    Actor, AdvisorySnapshot, AnnotationTarget, ClaimKind, ClaimState, ComponentStatus, Exposure, ObligationStatus,
    Review, ScanWriter, TriageDecision, VexJustification, VexState, VulnerabilityRow,
};

const NOW: &str = "2026-02-01T00:00:00Z";

fn scanned(dir: &Path) -> std::path::PathBuf {
    let root = dir.join("app");
    fs::create_dir_all(root.join("vendor/foo/src")).unwrap();
    fs::create_dir_all(root.join("tools/bar")).unwrap();
    fs::write(root.join("main.rs"), "// SPDX-License-Identifier: MIT\nfn main() {}\n").unwrap();
    fs::write(
        root.join("vendor/foo/Cargo.toml"),
        "[package]\nname = \"foo\"\nversion = \"1.0.0\"\nlicense = \"Apache-2.0\"\n",
    )
    .unwrap();
    fs::write(root.join("vendor/foo/src/lib.rs"), "// SPDX-License-Identifier: Apache-2.0\n").unwrap();
    fs::write(root.join("tools/bar/package.json"), "{\"name\": \"bar\", \"version\": \"2.0.0\", \"license\": \"ISC\"}")
        .unwrap();
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

/// A review holding one decision of every kind, each made through `Review`.
fn decided(dir: &Path) -> std::path::PathBuf {
    let db = scanned(dir);
    let mut r = Review::open(&db).unwrap();
    let a = Actor { name: "Ada Auditor <ada@example.org>", at: NOW };
    let comps = r.components().unwrap();
    let id = |name: &str| comps.iter().find(|c| c.name == name).unwrap().id;
    let (vendored, tooling) = (id("foo"), id("bar"));
    r.set_distribution(&a, &[Distribution::Binary, Distribution::Source]).unwrap();
    r.set_product(&a, "App", Some("1.0")).unwrap();
    r.set_policy(&a, "[licenses]\ndeny = [\"GPL-3.0-only\"]\n").unwrap();
    r.conclude(&a, vendored, Some("Apache-2.0"), Some(ComponentStatus::Approved), Some("as declared")).unwrap();
    let file = r.files(Some(vendored)).unwrap().into_iter().find(|f| f.path.ends_with("lib.rs")).unwrap();
    let finding = r.findings(Some(file.id)).unwrap()[0].id;
    r.annotate(&a, AnnotationTarget::Component, vendored, "checked upstream").unwrap();
    r.annotate(&a, AnnotationTarget::File, file.id, "vendored as is").unwrap();
    r.annotate(&a, AnnotationTarget::Finding, finding, "the tag is right").unwrap();
    let main = r.files(None).unwrap().into_iter().find(|f| f.path == "main.rs").unwrap();
    let tag = r.findings(Some(main.id)).unwrap()[0].id;
    r.mark_false_positive(&a, &[tag], "an example in a test").unwrap();
    r.exclude(&a, tooling, "build tooling, not shipped").unwrap();
    r.add_license_ref(&a, "acme-eula", "ACME EULA", "You may use this software.").unwrap();
    let ob = r.obligations(Some(vendored)).unwrap()[0].id;
    r.sign_off(&a, ob, ObligationStatus::Fulfilled, Some("NOTICE shipped")).unwrap();
    // A known vulnerability, as a match against an advisory database records it, triaged.
    let snapshot = AdvisorySnapshot { hash: "h".into(), records: 1, newest: None, matched_at: NOW.into() };
    let found = VulnerabilityRow {
        component_id: vendored,
        component: String::new(),
        advisory_id: "RUSTSEC-2026-0001".into(),
        aliases: vec!["CVE-2026-0001".into()],
        summary: None,
        exposure: Exposure::Affected,
        why: None,
        modified: NOW.into(),
        score: Some(7.5),
        severity: Some(clearance_licenses::VulnerabilitySeverity::High),
        vector: None,
        triage: None,
        shipped: true,
    };
    r.record_vulnerabilities(&a, &snapshot, &[found]).unwrap();
    let decision = TriageDecision {
        state: VexState::NotAffected,
        justification: Some(VexJustification::CodeNotReachable),
        responses: &[],
        note: "never called",
    };
    r.triage(&a, vendored, "CVE-2026-0001", &decision).unwrap();
    // A supplier's SBOM said another version of it: accepted, with why.
    r.resolve_claim(&a, "cargo/foo", ClaimKind::Version, "0.9.0", "1.0.0", ClaimState::Accepted, "a patched rebuild")
        .unwrap();
    // Review as a team: foo assigned to a second reviewer and flagged, who then clears it.
    r.assign(&a, &[vendored], Some("Bo Second <bo@example.org>")).unwrap();
    r.second_review(&a, &[vendored], true, Some("check the NOTICE")).unwrap();
    let bo = Actor { name: "Bo Second <bo@example.org>", at: NOW };
    assert!(r.second_review(&a, &[vendored], false, None).is_err(), "who raised the flag cannot clear it");
    r.second_review(&bo, &[vendored], false, Some("NOTICE is there")).unwrap();
    r.approve(&a, Some("test release")).unwrap();
    assert_eq!(r.approval().unwrap().advisories.as_deref(), Some("h"), "approval keeps the advisory snapshot");
    assert_eq!(r.verify_audit().unwrap(), None, "every decision made through Review verifies");
    db
}

/// Tables holding reviewer decisions, read from the schema.
fn decision_tables(r: &Review) -> Vec<String> {
    let conn = r.conn();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .unwrap()
        .query_map([], |row| row.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    tables
        .into_iter()
        .filter(|t| {
            let columns: Vec<String> = conn
                .prepare(&format!("PRAGMA table_info({t})"))
                .unwrap()
                .query_map([], |row| row.get(1))
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap();
            columns.iter().any(|c| c == "reviewer")
        })
        .collect()
}

#[test]
fn every_decision_changed_outside_clearance_is_caught_by_audit_verify() {
    let dir = tempfile::tempdir().unwrap();
    let db = decided(dir.path());
    let tables = decision_tables(&Review::open(&db).unwrap());
    // `lapsed` keeps what a decision said when its evidence went: a record the scan writes, shown
    // to the reviewer, not a decision anyone holds now. Every other table is checked.
    let not_decisions = ["lapsed"];
    let checked: Vec<&String> = tables.iter().filter(|t| !not_decisions.contains(&t.as_str())).collect();
    assert!(checked.len() >= 6, "the decision tables were found: {tables:?}");
    for table in checked {
        let copy = dir.path().join(format!("tampered-{table}.clearance"));
        fs::copy(&db, &copy).unwrap();
        let r = Review::open(&copy).unwrap();
        let changed = r
            .conn()
            .execute(
                &format!("UPDATE {table} SET reviewer = 'Mallory' WHERE rowid = (SELECT min(rowid) FROM {table})"),
                [],
            )
            .unwrap();
        assert_eq!(changed, 1, "the review holds a decision in {table} (add one to `decided`)");
        let broken = r.verify_audit().unwrap();
        assert!(broken.is_some(), "a reviewer changed outside Clearance in {table} must break `audit verify`");
    }
    // Decisions kept in `meta`: the distribution, the product, the policy.
    for key in ["distribution", "product", "policy"] {
        let copy = dir.path().join(format!("tampered-meta-{key}.clearance"));
        fs::copy(&db, &copy).unwrap();
        let r = Review::open(&copy).unwrap();
        let changed = r.conn().execute("UPDATE meta SET value = value || ' ' WHERE key = ?1", [key]).unwrap();
        assert_eq!(changed, 1, "{key} is set");
        assert!(r.verify_audit().unwrap().is_some(), "{key} changed outside Clearance must break `audit verify`");
    }
}

#[test]
fn decisions_pinned_to_a_file_lapse_visibly_when_it_changes_and_the_rest_stay() {
    let dir = tempfile::tempdir().unwrap();
    let db = scanned(dir.path());
    let a = Actor { name: "Ada Auditor <ada@example.org>", at: NOW };
    {
        let mut r = Review::open(&db).unwrap();
        let vendored = r.components().unwrap().into_iter().find(|c| c.name == "foo").unwrap().id;
        r.conclude(&a, vendored, Some("Apache-2.0"), Some(ComponentStatus::Approved), None).unwrap();
        let main = r.files(None).unwrap().into_iter().find(|f| f.path == "main.rs").unwrap();
        let tag = r.findings(Some(main.id)).unwrap()[0].id;
        r.mark_false_positive(&a, &[tag], "an example").unwrap();
        r.annotate(&a, AnnotationTarget::File, main.id, "read it").unwrap();
    }
    // The next release changes main.rs; foo is untouched.
    fs::write(dir.path().join("app/main.rs"), "// SPDX-License-Identifier: MIT\nfn main() { run() }\n").unwrap();
    let mut r = Review::open(&db).unwrap();
    let roots = vec![dir.path().join("app").canonicalize().unwrap()];
    let mut w = ScanWriter::begin(&mut r, &roots, "{}", "test", "Tess Tester", "2026-03-01T00:00:00Z").unwrap();
    let prior = w.prior(None).unwrap();
    let stats =
        scan(&roots, &ScanOptions::default(), &prior, &AtomicBool::new(false), &SilentReporter, |ev| w.write(ev))
            .unwrap();
    w.finish(&stats, "2026-03-01T00:00:00Z").unwrap();
    let lapsed = r.lapsed().unwrap();
    let kinds: Vec<&str> = lapsed.iter().map(|l| l.kind.as_str()).collect();
    assert!(kinds.contains(&"false-positive") && kinds.contains(&"comment"), "{lapsed:?}");
    assert!(lapsed.iter().all(|l| l.target.contains("main.rs")), "{lapsed:?}");
    assert!(r.false_positive_marks().unwrap().is_empty(), "the mark does not carry to changed content");
    let vendored = r.components().unwrap().into_iter().find(|c| c.name == "foo").unwrap().id;
    assert_eq!(
        r.conclusion(vendored).unwrap().unwrap().expression.as_deref(),
        Some("Apache-2.0"),
        "foo did not change"
    );
    assert_eq!(r.verify_audit().unwrap(), None, "lapsing is audited too");
}
