//! What the desktop browses: the components table a page at a time, files with their findings
//! marked, matches against reference texts, id completion, expression checks.

use std::path::Path;

use clearance_app::browse::{self, DiffSide, RegionKind, word_diff};
use clearance_licenses::Policy;
use clearance_store::{ComponentFilter, ComponentQuery, ComponentStatus, Review, SortKey, StatusFilter};

use crate::exports::reviewed;

fn page(db: &Path, q: ComponentQuery) -> Vec<String> {
    let q = ComponentQuery { limit: if q.limit == 0 { 100 } else { q.limit }, ..q };
    browse::component_page(db, &q).unwrap().rows.into_iter().map(|r| r.name).collect()
}

/// A query of the first page with this filter.
fn by(filter: ComponentFilter) -> ComponentQuery {
    ComponentQuery { filter, ..Default::default() }
}

#[test]
fn the_components_table_filters_sorts_and_pages_in_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let db = reviewed(dir.path());
    let all = browse::component_page(&db, &ComponentQuery { limit: 100, ..Default::default() }).unwrap();
    assert_eq!(all.total, 7);
    // The scanned release comes first, then by name.
    assert_eq!(all.rows[0].name, "skyline-notes");
    assert!(all.rows[0].is_root);
    let names: Vec<&str> = all.rows[1..].iter().map(|r| r.name.as_str()).collect();
    let mut sorted = names.clone();
    sorted.sort_by_key(|n| n.to_lowercase());
    assert_eq!(names, sorted);

    let tiny = all.rows.iter().find(|r| r.name == "tinyjson").unwrap();
    assert_eq!(tiny.concluded.as_deref(), Some("MIT OR Apache-2.0"));
    assert_eq!(tiny.status, ComponentStatus::Approved);
    assert_eq!(tiny.ecosystem.as_deref(), Some("cargo"));
    assert!(tiny.detected.contains(&"MIT".to_string()) && tiny.detected.contains(&"Apache-2.0".to_string()));
    assert!(tiny.files >= 4, "{tiny:?}");
    assert!(all.rows.iter().find(|r| r.name == "skyline-web").unwrap().excluded);

    // Search: every word must match somewhere (name, purl, licenses).
    assert_eq!(page(&db, by(ComponentFilter { search: "TINY".into(), ..Default::default() })), ["tinyjson"]);
    assert_eq!(page(&db, by(ComponentFilter { search: "mpl".into(), ..Default::default() })), ["oddlib"]);
    let npm = page(&db, by(ComponentFilter { search: "pkg:npm".into(), ..Default::default() }));
    assert_eq!(npm.len(), 3, "{npm:?}");
    assert!(page(&db, by(ComponentFilter { search: "tiny mpl".into(), ..Default::default() })).is_empty());
    // LIKE wildcards typed by the user are literal.
    assert!(page(&db, by(ComponentFilter { search: "%%".into(), ..Default::default() })).is_empty());
    assert!(page(&db, by(ComponentFilter { search: "_".into(), ..Default::default() })).is_empty());

    // Filters.
    assert_eq!(
        page(&db, by(ComponentFilter { status: Some(StatusFilter::Approved), ..Default::default() })),
        ["tinyjson"]
    );
    // What is left to do counts only what ships (skyline-web is marked not shipped).
    assert_eq!(
        page(&db, by(ComponentFilter { status: Some(StatusFilter::Unconcluded), ..Default::default() })).len(),
        5
    );
    assert_eq!(page(&db, by(ComponentFilter { status: Some(StatusFilter::Shipped), ..Default::default() })).len(), 6);
    assert_eq!(
        page(&db, by(ComponentFilter { status: Some(StatusFilter::Excluded), ..Default::default() })),
        ["skyline-web"]
    );
    assert_eq!(page(&db, by(ComponentFilter { ecosystem: "cargo".into(), ..Default::default() })).len(), 2);
    // A filter the UI sends that no Clearance knows is refused as it arrives, not read as "all".
    let err = serde_json::from_str::<ComponentQuery>(r#"{"filter": {"status": "nonsense"}}"#).unwrap_err();
    assert!(err.to_string().contains("unknown variant `nonsense`"), "{err}");

    // Sorting by open obligations, most first: the approved tinyjson signed one of its own off.
    let by_open = browse::component_page(
        &db,
        &ComponentQuery { sort: SortKey::Files, descending: true, limit: 100, ..Default::default() },
    )
    .unwrap();
    let files: Vec<i64> = by_open.rows.iter().map(|r| r.files).collect();
    assert!(files.windows(2).all(|w| w[0] >= w[1]), "{files:?}");

    // Paging: two pages of three and one of one, no row twice.
    let mut seen = Vec::new();
    for offset in [0, 3, 6] {
        let p = browse::component_page(&db, &ComponentQuery { offset, limit: 3, ..Default::default() }).unwrap();
        assert_eq!(p.total, 7);
        seen.extend(p.rows.into_iter().map(|r| r.id));
    }
    seen.sort();
    seen.dedup();
    assert_eq!(seen.len(), 7);

    let facets = browse::component_facets(&db).unwrap();
    assert_eq!(facets.total, 7);
    let count = |v: &str| facets.statuses.iter().find(|f| f.value == v).map(|f| f.count);
    assert_eq!(count("approved"), Some(1));
    assert_eq!(count("pending"), Some(5), "pending among the shipped");
    assert_eq!(count("shipped"), Some(6));
    assert_eq!(count("excluded"), Some(1));
    assert!(facets.ecosystems.iter().any(|f| f.value == "npm" && f.count == 3), "{:?}", facets.ecosystems);
}

#[test]
fn the_table_follows_decisions_and_rescans() {
    let dir = tempfile::tempdir().unwrap();
    let db = reviewed(dir.path());
    let reviewer = clearance_app::reviewer::Reviewer::parse("Ann <ann@example.com>").unwrap();
    clearance_app::review::conclude(&db, &reviewer, "oddlib", Some("MPL-2.0"), false, None, None).unwrap();
    let rows = page(
        &db,
        by(ComponentFilter { search: "MPL-2.0".into(), status: Some(StatusFilter::Pending), ..Default::default() }),
    );
    assert_eq!(rows, ["oddlib"]);
    let open = browse::component_page(
        &db,
        &ComponentQuery {
            filter: ComponentFilter { status: Some(StatusFilter::OpenObligations), ..Default::default() },
            limit: 100,
            ..Default::default()
        },
    )
    .unwrap();
    assert!(open.rows.iter().any(|r| r.name == "oddlib" && r.open_obligations > 0));
}

#[test]
fn a_file_is_shown_as_text_with_its_findings_and_copyrights_marked() {
    let dir = tempfile::tempdir().unwrap();
    let db = reviewed(dir.path());
    let review = Review::open(&db).unwrap();
    let file = |path: &str| review.files(None).unwrap().into_iter().find(|f| f.path == path).unwrap().id;

    // Hostile markup is returned as the characters it is; the UI renders it as text.
    let js = browse::file_content(&db, file("src/ui/render.js")).unwrap();
    assert!(js.text.as_deref().unwrap().contains("<img src=x onerror=alert(1)>"));
    assert!(js.notice.is_none(), "{:?}", js.notice);

    let c = browse::file_content(&db, file("src/legacy/diff3.c")).unwrap();
    assert!(c.regions.iter().any(|r| r.kind == RegionKind::License && r.label.contains("GPL")), "{:?}", c.regions);
    assert!(c.regions.iter().any(|r| r.kind == RegionKind::Copyright), "{:?}", c.regions);
    let lines = c.text.as_deref().unwrap().lines().count() as i64;
    assert!(c.regions.iter().all(|r| r.start_line >= 1 && r.end_line <= lines && r.start_line <= r.end_line));

    // A license file: its stored text, with the full-text finding.
    let lic = browse::file_content(&db, file("vendor/tinyjson/LICENSE-APACHE")).unwrap();
    assert!(lic.text.as_deref().unwrap().contains("Apache License"));

    let bin = browse::file_content(&db, file("assets/icon.bin")).unwrap();
    assert!(bin.text.is_none());
    assert!(bin.notice.as_deref().unwrap().contains("binary"), "{:?}", bin.notice);

    assert!(browse::file_content(&db, 999_999).is_err());
}

/// `tree` scanned into a new review in `dir`.
fn scanned(tree: &std::path::Path, dir: &std::path::Path) -> std::path::PathBuf {
    let db = dir.join("r.clearance");
    let roots = [tree.to_path_buf()];
    clearance_app::scan_as(&db, &roots, &Default::default(), &clearance_app::SilentReporter, &Default::default(), "t")
        .unwrap();
    db
}

#[test]
fn the_viewer_says_when_a_file_changed_vanished_or_is_not_utf8() {
    let dir = tempfile::tempdir().unwrap();
    let tree = dir.path().join("tree");
    std::fs::create_dir_all(&tree).unwrap();
    std::fs::write(tree.join("a.c"), "// SPDX-License-Identifier: MIT\nint a;\n").unwrap();
    std::fs::write(tree.join("b.c"), "// SPDX-License-Identifier: MIT\nint b;\n").unwrap();
    std::fs::write(tree.join("c.txt"), b"caf\xe9\n").unwrap();
    let db = scanned(&tree, dir.path());
    let review = Review::open(&db).unwrap();
    let id = |p: &str| review.files(None).unwrap().into_iter().find(|f| f.path == p).unwrap().id;
    std::fs::write(tree.join("a.c"), "// changed\n").unwrap();
    std::fs::remove_file(tree.join("b.c")).unwrap();
    let a = browse::file_content(&db, id("a.c")).unwrap();
    assert!(a.notice.as_deref().unwrap().contains("changed since it was scanned"));
    let b = browse::file_content(&db, id("b.c")).unwrap();
    assert!(b.text.is_none() && b.notice.as_deref().unwrap().contains("cannot be read"));
    let c = browse::file_content(&db, id("c.txt")).unwrap();
    assert_eq!(c.text.as_deref(), Some("caf\u{fffd}\n"));
    assert!(c.notice.as_deref().unwrap().contains("UTF-8"));
}

#[test]
fn a_file_larger_than_the_viewer_shows_its_start_and_the_findings_further_down() {
    let dir = tempfile::tempdir().unwrap();
    let tree = dir.path().join("tree");
    std::fs::create_dir_all(&tree).unwrap();
    // A 6 MiB generated source: its license header on top, a second notice near the end.
    let mut big = String::from("// SPDX-License-Identifier: MIT\n// Copyright 2024 Example Corp.\n");
    while big.len() < 6 * 1024 * 1024 {
        big.push_str("static const int table_entry_value = 1234567; /* generated */\n");
    }
    big.push_str("/* Licensed under the Apache License, Version 2.0 */\n");
    std::fs::write(tree.join("big.c"), &big).unwrap();
    let db = scanned(&tree, dir.path());
    let review = Review::open(&db).unwrap();
    let id = review.files(None).unwrap().into_iter().find(|f| f.path == "big.c").unwrap().id;
    let f = browse::file_content(&db, id).unwrap();
    let text = f.text.as_deref().expect("the start of the file is shown");
    assert!(text.starts_with("// SPDX-License-Identifier: MIT\n"));
    assert!(text.len() as u64 <= browse::VIEWER_MAX_BYTES && text.ends_with('\n'), "{}", text.len());
    let notice = f.notice.as_deref().unwrap();
    assert!(notice.contains("the viewer shows its first 4 MiB"), "{notice}");
    assert!(!notice.contains("changed"), "{notice}");
    // Both findings are listed, the one past the shown part with its line.
    let shown = text.lines().count() as i64;
    let licenses: Vec<_> = f.regions.iter().filter(|r| r.kind == RegionKind::License).collect();
    assert!(licenses.iter().any(|r| r.start_line == 1), "{licenses:?}");
    assert!(licenses.iter().any(|r| r.start_line > shown && r.label.contains("Apache-2.0")), "{licenses:?}");
    // Changed after the scan, beyond the shown part: still said.
    std::fs::write(tree.join("big.c"), big.replace("Apache", "Apachf")).unwrap();
    let f = browse::file_content(&db, id).unwrap();
    assert!(f.notice.as_deref().unwrap().contains("changed since it was scanned"), "{:?}", f.notice);
}

#[test]
fn a_license_text_is_compared_with_its_reference_word_by_word() {
    let dir = tempfile::tempdir().unwrap();
    let db = reviewed(dir.path());
    let review = Review::open(&db).unwrap();
    let file = review.files(None).unwrap().into_iter().find(|f| f.path == "vendor/tinyjson/LICENSE-MIT").unwrap();
    let finding = review
        .findings(Some(file.id))
        .unwrap()
        .into_iter()
        .find(|f| f.detector != clearance_store::Detector::Manifest)
        .unwrap();
    let d = browse::reference_diff(&db, finding.id).unwrap();
    assert_eq!(d.license.as_deref(), Some("MIT"));
    assert!(d.similarity > 0.8 && d.similarity <= 1.0, "{}", d.similarity);
    assert!(d.parts.iter().any(|p| p.side == DiffSide::Same && p.text.contains("WITHOUT WARRANTY")));
    // The copyright line is the file's own: it shows as a difference on the file's side.
    assert!(d.parts.iter().any(|p| p.side == DiffSide::File), "{:?}", d.parts);

    // A GPL header notice is compared with the notice at the end of the GPL, not its whole text.
    let c = review.files(None).unwrap().into_iter().find(|f| f.path == "src/legacy/diff3.c").unwrap();
    let notice = review.findings(Some(c.id)).unwrap().into_iter().next().unwrap();
    let d = browse::reference_diff(&db, notice.id).unwrap();
    assert!(d.similarity > 0.6, "{} {:?}", d.similarity, d.notice);
    assert!(d.notice.as_deref().unwrap().contains("matches best"));
    assert!(d.parts.iter().any(|p| p.side == DiffSide::Same && p.text.contains("free software")), "{:?}", d.parts);

    let (parts, sim) = word_diff("Permission is  hereby\ngranted, free", "Permission is hereby granted free of charge");
    assert_eq!(parts.len(), 2, "{parts:?}");
    assert_eq!(parts[0].side, DiffSide::Same);
    assert_eq!(parts[1], browse::DiffPart { side: DiffSide::Reference, text: "of charge".into() });
    assert!((sim - 10.0 / 12.0).abs() < 1e-9, "{sim}");
}

#[test]
fn license_ids_complete_and_expressions_are_checked_as_typed() {
    let dir = tempfile::tempdir().unwrap();
    let db = reviewed(dir.path());
    let c = browse::complete_license(&db, "apache", 5).unwrap();
    assert_eq!(c[0].id, "Apache-1.0");
    assert!(c.iter().any(|x| x.id == "Apache-2.0"));
    assert_eq!(browse::complete_license(&db, "mit", 3).unwrap()[0].id, "MIT");
    assert!(browse::complete_license(&db, "classpath", 5).unwrap().iter().any(|x| x.exception));
    // Deprecated ids come after current ones.
    let gpl = browse::complete_license(&db, "GPL-2.0", 10).unwrap();
    assert_eq!(gpl[0].id, "GPL-2.0-only", "{gpl:?}");
    assert!(browse::complete_license(&db, "  ", 5).unwrap().is_empty());

    let ok = browse::check_expression(&db, "mit or apache-2.0").unwrap();
    assert!(ok.valid);
    assert_eq!(ok.canonical.as_deref(), Some("MIT OR Apache-2.0"));
    let bad = browse::check_expression(&db, "MIT AND (").unwrap();
    assert!(!bad.valid && bad.message.is_some());
    let unknown_ref = browse::check_expression(&db, "LicenseRef-acme").unwrap();
    assert!(!unknown_ref.valid);
}

#[test]
fn the_overview_has_counts_policy_and_approval() {
    let dir = tempfile::tempdir().unwrap();
    let db = reviewed(dir.path());
    let o = browse::overview(&db, &Policy::default()).unwrap();
    assert_eq!(o.status.components, 6, "shipped");
    assert_eq!(o.status.not_shipped, 1, "skyline-web");
    assert!(o.files >= 28);
    assert!(
        o.categories.iter().any(|c| c.category == clearance_licenses::Category::StrongCopyleft),
        "{:?}",
        o.categories
    );
    assert!(o.policy.errors + o.policy.warnings > 0);
    assert!(!o.status.approval.approved);
    assert_eq!(o.skipped as usize, clearance_app::summary(&db).unwrap().skipped.len());
}

#[test]
fn a_rule_finding_is_shown_beside_the_rule_that_matched() {
    // A license text only the LicenseDB knows, in a file whose name says nothing.
    let dir = tempfile::tempdir().unwrap();
    let tree = dir.path().join("tree");
    std::fs::create_dir_all(tree.join("pkg")).unwrap();
    std::fs::write(tree.join("pkg/package.json"), r#"{"name": "pkg", "version": "1.0.0"}"#).unwrap();
    let index = clearance_licenses::rules::RuleIndex::shared();
    let text = index.license_text("LicenseRef-scancode-4suite-1.1").unwrap();
    std::fs::write(tree.join("pkg/terms.txt"), &text).unwrap();
    let db = dir.path().join("r.clearance");
    crate::support::scan(&db, &tree);
    let review = Review::open(&db).unwrap();
    let file = review.files(None).unwrap().into_iter().find(|f| f.path == "pkg/terms.txt").unwrap();
    let finding = review
        .findings(Some(file.id))
        .unwrap()
        .into_iter()
        .find(|f| f.notes.iter().any(|n| n.contains("of ScanCode's LicenseDB")))
        .expect("a rule finding");
    let content = browse::file_content(&db, file.id).unwrap();
    let region = content.regions.iter().find(|r| r.finding_id == Some(finding.id)).unwrap();
    assert!(region.comparable, "the viewer offers the comparison");
    let d = browse::reference_diff(&db, finding.id).unwrap();
    let notice = d.notice.unwrap();
    assert!(notice.contains("the rule that matched") && notice.contains("4suite"), "{notice}");
    assert!(d.similarity > 0.95, "the file's words are the rule's: {}", d.similarity);
    assert!(d.reference.unwrap().contains("4Suite"));
}

/// A finding a reviewer marks false is no evidence anywhere: not in the table's Detected
/// column, not found by searching for its license, not in the SPDX document's license
/// information of the file; withdrawing the mark brings it back.
#[test]
fn a_false_positive_leaves_no_trace_in_the_table_search_or_sbom() {
    let dir = tempfile::tempdir().unwrap();
    let tree = dir.path().join("t");
    crate::support::write(&tree, "package.json", r#"{"name": "berkeley", "version": "1.0.0", "license": "MIT"}"#);
    crate::support::write(&tree, "index.js", "// SPDX-License-Identifier: MIT\n");
    crate::support::write(&tree, "vendor-note.js", "// SPDX-License-Identifier: Sleepycat\nmodule.exports = 1;\n");
    let db = dir.path().join("r.clearance");
    crate::support::scan(&db, &tree);
    let detected = || {
        browse::component_page(&db, &ComponentQuery { limit: 10, ..Default::default() }).unwrap().rows[0]
            .detected
            .clone()
    };
    let found = || page(&db, by(ComponentFilter { search: "sleepycat".into(), ..Default::default() }));
    let spdx = || {
        let ctx = clearance_app::ExportContext {
            created: "2026-01-01T00:00:00Z".into(),
            tool_version: "t".into(),
            ..Default::default()
        };
        String::from_utf8(clearance_app::render_export(&db, clearance_app::ExportFormat::SpdxJson, &ctx, None).unwrap())
            .unwrap()
    };
    assert_eq!(detected(), ["Sleepycat", "MIT"], "copyleft first");
    assert_eq!(found(), ["berkeley"]);
    assert!(spdx().contains("Sleepycat"));

    let review = Review::open(&db).unwrap();
    let sleepycat: Vec<i64> = review
        .findings(None)
        .unwrap()
        .into_iter()
        .filter(|f| f.expression.as_deref() == Some("Sleepycat"))
        .map(|f| f.id)
        .collect();
    assert_eq!(sleepycat.len(), 1);
    drop(review);
    let mut review = Review::open(&db).unwrap();
    let a = clearance_store::Actor { name: "Ann", at: "2026-01-01T00:00:00Z" };
    review.mark_false_positive(&a, &sleepycat, "a test vector, not a license of this package").unwrap();
    assert_eq!(review.components().unwrap()[0].detected, ["MIT"]);
    drop(review);
    assert_eq!(detected(), ["MIT"]);
    assert!(found().is_empty(), "searching for a false positive's license finds nothing");
    assert!(!spdx().contains("Sleepycat"), "the SBOM leaves it out");

    let mut review = Review::open(&db).unwrap();
    review.unmark_false_positive(&a, &sleepycat).unwrap();
    drop(review);
    assert_eq!(detected(), ["Sleepycat", "MIT"]);
    assert_eq!(found(), ["berkeley"]);
}

#[test]
fn changes_since_an_earlier_review_refuses_the_review_itself() {
    let dir = tempfile::tempdir().unwrap();
    let tree = dir.path().join("tree");
    crate::support::write(&tree, "Cargo.toml", "[package]\nname = \"app\"\nversion = \"1.0.0\"\nlicense = \"MIT\"\n");
    let db = scanned(&tree, dir.path());
    let earlier = dir.path().join("earlier.clearance");
    std::fs::copy(&db, &earlier).unwrap();
    crate::support::write(&tree, "Cargo.toml", "[package]\nname = \"app\"\nversion = \"1.1.0\"\nlicense = \"MIT\"\n");
    clearance_app::scan_as(
        &db,
        std::slice::from_ref(&tree),
        &Default::default(),
        &clearance_app::SilentReporter,
        &Default::default(),
        "t",
    )
    .unwrap();
    let d = clearance_app::review::changes_since(&db, &earlier).unwrap();
    assert_eq!(d.changed.len(), 1, "{d:?}");
    assert_eq!(d.changed[0].changes, vec!["version 1.0.0 → 1.1.0".to_string()]);
    let id = Review::open(&db).unwrap().components().unwrap()[0].id;
    assert_eq!(d.changed[0].id, Some(id));
    // The same file by another spelling is still the same review.
    let itself = dir.path().join(".").join("r.clearance");
    let e = clearance_app::review::changes_since(&db, &itself).unwrap_err();
    assert_eq!(e.code(), clearance_app::ErrorCode::BadInput);
    assert!(e.to_string().contains("earlier release"), "{e}");
}
