//! The components table's license, category and clarity filters on a real scan, and the bulk
//! decisions that take the same filter: "every row the filter shows" is exactly those rows.

use std::path::Path;

use clearance_app::browse;
use clearance_app::bulk::{BulkAction, BulkRequest, ComponentSelection, bulk};
use clearance_app::review as app;
use clearance_app::reviewer::Reviewer;
use clearance_licenses::Category;
use clearance_store::{Clarity, ComponentFilter, ComponentQuery, ComponentStatus, Review};

use crate::support::{scan, write};

const MIT: &str = "MIT License\n\nCopyright (c) 2024 The Authors\n\nPermission is hereby granted, free of charge, to any person obtaining a copy\nof this software and associated documentation files (the \"Software\"), to deal\nin the Software without restriction, including without limitation the rights\nto use, copy, modify, merge, publish, distribute, sublicense, and/or sell\ncopies of the Software, and to permit persons to whom the Software is\nfurnished to do so, subject to the following conditions:\n\nThe above copyright notice and this permission notice shall be included in all\ncopies or substantial portions of the Software.\n\nTHE SOFTWARE IS PROVIDED \"AS IS\", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR\nIMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,\nFITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE\nAUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER\nLIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,\nOUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE\nSOFTWARE.\n";

/// Four npm packages: `clear` (MIT declared, MIT text), `mixed` (MIT declared, a GPL-2.0-only
/// file), `bare` (nothing declared or found), `weak` (MPL-2.0 declared, no license file).
fn tree(root: &Path) {
    let pkg = |name: &str, license: Option<&str>| match license {
        Some(l) => format!("{{\"name\": \"{name}\", \"version\": \"1.0.0\", \"license\": \"{l}\"}}"),
        None => format!("{{\"name\": \"{name}\", \"version\": \"1.0.0\"}}"),
    };
    write(root, "package.json", &pkg("app", Some("MIT")));
    write(root, "LICENSE", MIT);
    for (name, license) in [("clear", Some("MIT")), ("mixed", Some("MIT")), ("bare", None), ("weak", Some("MPL-2.0"))] {
        write(root, &format!("node_modules/{name}/package.json"), &pkg(name, license));
        write(root, &format!("node_modules/{name}/index.js"), "module.exports = 1;\n");
    }
    write(root, "node_modules/clear/LICENSE", MIT);
    write(root, "node_modules/mixed/LICENSE", MIT);
    write(root, "node_modules/mixed/gpl.c", "// SPDX-License-Identifier: GPL-2.0-only\nint x;\n");
}

fn names(db: &Path, filter: ComponentFilter) -> Vec<String> {
    let q = ComponentQuery { filter, limit: 100, ..Default::default() };
    browse::component_page(db, &q).unwrap().rows.into_iter().map(|r| r.name).collect()
}

#[test]
fn license_category_and_clarity_filters_select_what_they_say_and_bulk_takes_the_same_rows() {
    let dir = tempfile::tempdir().unwrap();
    tree(&dir.path().join("rel"));
    let db = dir.path().join("f.clearance");
    scan(&db, &dir.path().join("rel"));
    let f = ComponentFilter::default;

    assert_eq!(names(&db, ComponentFilter { license: "GPL-2.0-only".into(), ..f() }), ["mixed"]);
    assert_eq!(
        names(&db, ComponentFilter { license: "gpl-2.0-only".into(), ..f() }),
        ["mixed"],
        "ids match in any case"
    );
    assert!(names(&db, ComponentFilter { license: "GPL-2.0".into(), ..f() }).is_empty(), "an id, not a prefix");
    assert_eq!(names(&db, ComponentFilter { category: Some(Category::WeakCopyleft), ..f() }), ["weak"]);
    assert_eq!(names(&db, ComponentFilter { clarity: Some(Clarity::Disagree), ..f() }), ["mixed"]);
    assert_eq!(names(&db, ComponentFilter { clarity: Some(Clarity::Copyleft), ..f() }), ["mixed", "weak"]);
    assert_eq!(names(&db, ComponentFilter { clarity: Some(Clarity::NoLicense), ..f() }), ["bare"]);
    assert_eq!(names(&db, ComponentFilter { clarity: Some(Clarity::NoLicenseText), ..f() }), ["bare", "weak"]);
    // Filters combine: a permissive license and a copyleft one in the same component.
    let both = ComponentFilter { category: Some(Category::Permissive), clarity: Some(Clarity::Copyleft), ..f() };
    assert_eq!(names(&db, both), ["mixed"]);

    // The facets count what each filter selects.
    let facets = browse::component_facets(&db).unwrap();
    let count = |list: &[clearance_store::Facet], v: &str| list.iter().find(|x| x.value == v).map(|x| x.count);
    assert_eq!(count(&facets.clarity, "disagree"), Some(1));
    assert_eq!(count(&facets.licenses, "MIT"), Some(3), "app, clear, mixed");
    assert_eq!(count(&facets.categories, "weak-copyleft"), Some(1));
    assert_eq!(facets.categories.first().map(|c| c.value.as_str()), Some("strong-copyleft"), "most demanding first");

    // A bulk decision over the filter changes exactly the rows the table shows for it.
    let who = Reviewer::parse("Ada Auditor <ada@example.org>").unwrap();
    let copyleft = ComponentFilter { clarity: Some(Clarity::Copyleft), ..f() };
    let request = BulkRequest {
        selection: ComponentSelection { ids: vec![], filter: copyleft.clone(), all: true },
        action: BulkAction::SetStatus { status: ComponentStatus::NeedsInfo, comment: Some("copyleft: legal".into()) },
        dry_run: false,
    };
    let report = bulk(&db, &who, &request).unwrap();
    let changed: Vec<String> = report
        .outcomes
        .iter()
        .filter(|o| o.changed)
        .map(|o| o.component.split(' ').next().unwrap().to_string())
        .collect();
    assert_eq!(changed, names(&db, copyleft));

    // A false positive leaves the filters: once the GPL tag is marked, mixed agrees with itself.
    let review = Review::open(&db).unwrap();
    let gpl =
        review.findings(None).unwrap().into_iter().find(|x| x.expression.as_deref() == Some("GPL-2.0-only")).unwrap();
    drop(review);
    let sel = app::FindingSelection { ids: &[gpl.id], ..Default::default() };
    app::false_positive(&db, &who, &sel, "a test fixture", false).unwrap();
    assert!(names(&db, ComponentFilter { clarity: Some(Clarity::Disagree), ..f() }).is_empty());
    assert!(names(&db, ComponentFilter { license: "GPL-2.0-only".into(), ..f() }).is_empty());
}

#[test]
fn copyright_holders_are_listed_across_the_release_with_their_components() {
    let dir = tempfile::tempdir().unwrap();
    tree(&dir.path().join("rel"));
    write(
        &dir.path().join("rel"),
        "node_modules/weak/index.js",
        "// Copyright 2023 Weak Works GmbH\nmodule.exports = 1;\n",
    );
    let db = dir.path().join("h.clearance");
    scan(&db, &dir.path().join("rel"));
    let all = browse::holders(&db, "").unwrap();
    let authors = all.iter().find(|h| h.holder == "The Authors").expect("the MIT texts' holder");
    assert_eq!((authors.statements, authors.files, authors.component_count), (3, 3, 3), "{authors:?}");
    let names: Vec<&str> = authors.components.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["app", "clear", "mixed"]);
    assert!(authors.example.contains("2024"), "{authors:?}");
    assert_eq!(all[0].holder, "The Authors", "the most widespread first");
    // Words of the holder or the statement, in any case.
    let weak = browse::holders(&db, "weak GMBH").unwrap();
    assert_eq!(weak.len(), 1);
    assert_eq!(weak[0].components[0].name, "weak");
    assert!(browse::holders(&db, "nobody").unwrap().is_empty());
}

#[test]
fn the_tree_is_browsed_folder_by_folder_and_a_folder_marked_false_positive_at_once() {
    let dir = tempfile::tempdir().unwrap();
    tree(&dir.path().join("rel"));
    let db = dir.path().join("t.clearance");
    scan(&db, &dir.path().join("rel"));
    let roots = browse::folder(&db, "").unwrap();
    assert_eq!(roots.folders.iter().map(|f| f.name.as_str()).collect::<Vec<_>>(), ["rel"]);
    let top = browse::folder(&db, "rel").unwrap();
    let nm = top.folders.iter().find(|f| f.name == "node_modules").unwrap();
    assert_eq!(nm.path, "rel/node_modules");
    assert_eq!(nm.files, 11, "4 manifests, 4 index.js, 2 licenses, 1 C file");
    assert_eq!(nm.with_license, 6, "3 manifests that declare one, 2 license files, the C file: {nm:?}");
    assert_eq!(nm.licenses.first().map(String::as_str), Some("GPL-2.0-only"), "copyleft first: {nm:?}");
    let license = top.files.iter().find(|f| f.name == "LICENSE").unwrap();
    assert_eq!(license.licenses, ["MIT"]);

    let who = Reviewer::parse("Ada Auditor <ada@example.org>").unwrap();
    let mark = |path: &str, reason: &str| {
        app::folder_false_positive(&db, &who, &app::FolderMark { path: path.into(), reason: reason.into() })
    };
    assert!(mark("rel/node_modules/mixed", "  ").is_err(), "a reason is needed");
    assert!(mark("", "everything").is_err(), "not the whole review");
    let n = mark("rel/node_modules/mixed", "vendored test data").unwrap();
    assert!(n >= 2, "{n}");
    let mixed = browse::folder(&db, "rel/node_modules").unwrap();
    let mixed = mixed.folders.iter().find(|f| f.name == "mixed").unwrap();
    assert!(mixed.licenses.is_empty() && mixed.with_license == 0, "{mixed:?}");
    assert_eq!(mark("rel/node_modules/mixed", "again").unwrap(), 0, "nothing left to mark");
    assert_eq!(app::audit_verify(&db).unwrap(), None);
}

#[test]
fn a_folder_marked_not_shipped_takes_every_component_below_it_out_of_the_release() {
    let dir = tempfile::tempdir().unwrap();
    tree(&dir.path().join("rel"));
    let db = dir.path().join("n.clearance");
    scan(&db, &dir.path().join("rel"));
    let who = Reviewer::parse("Ada Auditor <ada@example.org>").unwrap();
    let mark = |path: &str, reason: &str| {
        app::folder_not_shipped(&db, &who, &app::FolderMark { path: path.into(), reason: reason.into() })
    };
    assert!(mark("rel/node_modules", " ").is_err(), "a reason is needed");
    assert!(mark("/", "all").is_err(), "not the whole review");
    assert_eq!(mark("rel/node_modules", "dev tooling, not in the bundle").unwrap(), 4);
    let shipped =
        names(&db, ComponentFilter { status: Some(clearance_store::StatusFilter::Shipped), ..Default::default() });
    assert_eq!(shipped, ["app"], "only the release itself ships");
    assert_eq!(mark("rel/node_modules", "again").unwrap(), 0, "those already out are left as they are");
    let excluded = app::component_detail(&db, "mixed").unwrap().excluded.unwrap();
    assert_eq!(excluded.0, "dev tooling, not in the bundle");
    assert_eq!(app::audit_verify(&db).unwrap(), None);
}
