//! Headers that leave their license to another file are read with that file when the scan ends.

use clearance_store::Review;

use crate::support::{scan, write};

fn resolved(review: &Review, path: &str) -> Vec<(String, String)> {
    let file = review.files(None).unwrap().into_iter().find(|f| f.path == path).unwrap();
    review
        .findings(Some(file.id))
        .unwrap()
        .into_iter()
        .filter(|f| f.detector == clearance_store::Detector::ResolvedReference)
        .map(|f| (f.expression.unwrap_or_default(), f.notes.join(" ")))
        .collect()
}

#[test]
fn pointers_to_license_files_are_read_with_the_nearest_file_they_mean() {
    let dir = tempfile::tempdir().unwrap();
    let tree = dir.path().join("tree");
    let bsd3 = clearance_licenses::license("BSD-3-Clause").unwrap().1;
    let gpl2 = clearance_licenses::license("GPL-2.0-only").unwrap().1;
    let mit = clearance_licenses::license("MIT").unwrap().1;
    // jflex: "License: BSD" in every header, the BSD variant in the top-level COPYRIGHT.
    write(&tree, "jflex/COPYRIGHT", &format!("JFlex is free software.\n\n{bsd3}"));
    write(&tree, "jflex/src/main/java/jflex/Main.java", "/*\n * JFlex 1.7\n * License: BSD *\n */\npackage jflex;\n");
    // A "GPL" with no version and no GPL text anywhere stays an unknown.
    write(&tree, "jflex/src/Odd.java", "/*\n * License: LGPL\n */\nclass Odd {}\n");
    // mrtg: a contrib folder's own COPYRIGHT wins over the package's COPYING.
    write(&tree, "mrtg/COPYING", gpl2);
    write(&tree, "mrtg/contrib/snmp/COPYRIGHT", &format!("Copyright (c) 1997 Carlos\n\n{mit}"));
    write(
        &tree,
        "mrtg/contrib/snmp/get.pl",
        "#!/usr/bin/perl\n# Copyright (c) 1997 Carlos\n# See the file COPYRIGHT in the distribution for the exact terms.\nuse strict;\n",
    );
    write(
        &tree,
        "mrtg/bin/mrtg.pl",
        "#!/usr/bin/perl\n# Copyright (c) 1997 Tobi\n# See the file COPYING for the exact terms.\nuse strict;\n",
    );
    // Go: "a BSD-style license that can be found in the LICENSE file".
    write(&tree, "go/LICENSE", bsd3);
    write(
        &tree,
        "go/src/fmt/print.go",
        "// Copyright 2009 The Go Authors. All rights reserved.\n// Use of this source code is governed by a BSD-style\n// license that can be found in the LICENSE file.\n\npackage fmt\n",
    );
    // zstd: two files offered as alternatives.
    write(&tree, "zstd/LICENSE", bsd3);
    write(&tree, "zstd/COPYING", gpl2);
    write(
        &tree,
        "zstd/lib/xxhash.c",
        "/*\n * Copyright (c) Yann Collet - Meta Platforms, Inc\n *\n * This source code is licensed under both the BSD-style license (found in the\n * LICENSE file in the root directory of this source tree) and the GPLv2 (found\n * in the COPYING file in the root directory of this source tree).\n * You may select, at your option, one of the above-listed licenses.\n */\nint x;\n",
    );
    // Pointing at a file the package does not have: nothing is made up.
    write(&tree, "lonely/src/a.c", "/* Copyright 2001 Ann\n * See COPYING for the license terms.\n */\nint a;\n");
    let db = dir.path().join("r.clearance");
    scan(&db, &tree);
    let review = Review::open(&db).unwrap();

    let jflex = resolved(&review, "jflex/src/main/java/jflex/Main.java");
    assert_eq!(jflex.len(), 1, "{jflex:?}");
    assert_eq!(jflex[0].0, "BSD-3-Clause");
    assert!(jflex[0].1.contains("jflex/COPYRIGHT"), "the note names the file it read: {}", jflex[0].1);
    assert!(resolved(&review, "jflex/src/Odd.java").is_empty());
    assert_eq!(resolved(&review, "mrtg/contrib/snmp/get.pl")[0].0, "MIT");
    assert_eq!(resolved(&review, "mrtg/bin/mrtg.pl")[0].0, "GPL-2.0-only");
    assert_eq!(resolved(&review, "go/src/fmt/print.go")[0].0, "BSD-3-Clause");
    assert!(resolved(&review, "lonely/src/a.c").is_empty());
    assert_eq!(resolved(&review, "zstd/lib/xxhash.c")[0].0, "BSD-3-Clause OR GPL-2.0-only");

    // The pointer itself stays, as evidence of what the header says.
    let main =
        review.files(None).unwrap().into_iter().find(|f| f.path == "jflex/src/main/java/jflex/Main.java").unwrap();
    let findings = review.findings(Some(main.id)).unwrap();
    assert!(findings.iter().any(|f| f.expression.is_none() && f.original.as_deref() == Some("BSD")), "{findings:?}");

    // A reviewer's decision on a reading survives a re-scan that reads it the same way.
    let mut review = review;
    let go = review.files(None).unwrap().into_iter().find(|f| f.path == "go/src/fmt/print.go").unwrap();
    let reading = review
        .findings(Some(go.id))
        .unwrap()
        .into_iter()
        .find(|f| f.detector == clearance_store::Detector::ResolvedReference)
        .unwrap();
    let actor = clearance_store::Actor { name: "rev", at: "2026-11-25T10:00:00Z" };
    review.mark_false_positive(&actor, &[reading.id], "vendored copy, license checked upstream").unwrap();
    review.annotate(&actor, clearance_store::AnnotationTarget::Finding, reading.id, "checked with upstream").unwrap();
    drop(review);
    scan(&db, &tree);
    let review = Review::open(&db).unwrap();
    assert_eq!(review.false_positive_reasons(go.id).unwrap().len(), 1, "the decision is still on the reading");

    // A re-scan recomputes the reading from what the license file now says, without copies;
    // the decisions on the reading that went lapse, visibly.
    let bsd2 = clearance_licenses::license("BSD-2-Clause").unwrap().1;
    write(&tree, "go/LICENSE", bsd2);
    write(&tree, "jflex/COPYRIGHT", &format!("JFlex is free software.\n\n{bsd2}"));
    scan(&db, &tree);
    let review = Review::open(&db).unwrap();
    let jflex = resolved(&review, "jflex/src/main/java/jflex/Main.java");
    assert_eq!(jflex.iter().map(|r| r.0.as_str()).collect::<Vec<_>>(), vec!["BSD-2-Clause"]);
    assert_eq!(resolved(&review, "go/src/fmt/print.go")[0].0, "BSD-2-Clause");
    assert!(review.false_positive_reasons(go.id).unwrap().is_empty());
    let lapsed = review.lapsed().unwrap();
    let kinds: Vec<&str> = lapsed.iter().filter(|l| l.target.contains("print.go")).map(|l| l.kind.as_str()).collect();
    assert_eq!(kinds.len(), 2, "{lapsed:?}");
    assert!(kinds.contains(&"false-positive") && kinds.contains(&"comment"), "{kinds:?}");
    assert!(review.verify_audit().unwrap().is_none());
}

#[test]
fn a_license_text_on_no_list_is_kept_under_an_id_of_its_own() {
    let dir = tempfile::tempdir().unwrap();
    let tree = dir.path().join("tree");
    let text = "The Frobnicator Community License, version 1\n\nCopyright (c) 2020 Frob Labs\n\nYou may use, copy and share this software for any purpose that is not commercial,\nprovided that you keep this notice with every copy and you tell Frob Labs about\nevery copy you make. Redistribution in modified form needs written permission\nfrom Frob Labs. The software comes without any warranty; Frob Labs is not liable for\nanything it does or fails to do. All other rights are reserved by the licensor.\n";
    write(&tree, "frob/package.json", r#"{"name": "frob", "version": "1.0.0"}"#);
    write(&tree, "frob/LICENSE", text);
    // The same text elsewhere, reflowed, is the same license.
    write(&tree, "vendor/frob-copy/LICENSE.txt", &text.replace('\n', " "));
    let db = dir.path().join("r.clearance");
    scan(&db, &tree);
    let mut review = Review::open(&db).unwrap();
    let ids: Vec<String> = review
        .findings(None)
        .unwrap()
        .into_iter()
        .filter(|f| f.diagnostic.as_deref() == Some("unlisted-license"))
        .map(|f| f.expression.unwrap())
        .collect();
    assert_eq!(ids.len(), 2, "{ids:?}");
    assert_eq!(ids[0], ids[1], "one text, one id");
    assert!(ids[0].starts_with("LicenseRef-clearance-"), "{}", ids[0]);
    // Its text is in the review, named by its title, and the audit log says who added it.
    let (title, kept) = review.license_ref(&ids[0]).unwrap().unwrap();
    assert_eq!(title, "The Frobnicator Community License, version 1");
    assert!(kept.contains("tell Frob Labs about"));
    assert!(review.verify_audit().unwrap().is_none(), "the log covers the new license text");
    // So a reviewer can conclude it without adding the text by hand.
    let frob = review.components().unwrap().into_iter().find(|c| c.name == "frob").unwrap();
    let actor = clearance_store::Actor { name: "rev", at: "2026-11-25T10:00:00Z" };
    let c = review.conclude(&actor, frob.id, Some(&ids[0]), None, None).unwrap();
    assert_eq!(c.expression.as_deref(), Some(ids[0].as_str()));
    // A second scan neither duplicates nor replaces it.
    scan(&db, &tree);
    let review = Review::open(&db).unwrap();
    assert_eq!(review.license_refs().unwrap().len(), 1);
    assert!(review.verify_audit().unwrap().is_none());
}

#[test]
fn a_decision_on_a_pointer_reading_carries_over_to_the_next_release() {
    let dir = tempfile::tempdir().unwrap();
    let tree = dir.path().join("tree");
    write(&tree, "go/LICENSE", clearance_licenses::license("BSD-3-Clause").unwrap().1);
    write(
        &tree,
        "go/src/fmt/print.go",
        "// Copyright 2009 The Go Authors. All rights reserved.\n// Use of this source code is governed by a BSD-style\n// license that can be found in the LICENSE file.\n\npackage fmt\n",
    );
    let release_1 = dir.path().join("r1.clearance");
    scan(&release_1, &tree);
    let mut old = Review::open(&release_1).unwrap();
    let actor = clearance_store::Actor { name: "rev", at: "2026-11-25T10:00:00Z" };
    let file = old.files(None).unwrap().into_iter().find(|f| f.path.ends_with("print.go")).unwrap();
    let reading = old
        .findings(Some(file.id))
        .unwrap()
        .into_iter()
        .find(|f| f.detector == clearance_store::Detector::ResolvedReference)
        .unwrap();
    old.mark_false_positive(&actor, &[reading.id], "the vendored copy is relicensed; see the contract").unwrap();

    // The next release: a new review of the same files takes the decision along.
    let release_2 = dir.path().join("r2.clearance");
    scan(&release_2, &tree);
    let mut new = Review::open(&release_2).unwrap();
    let report = new.carry_over_from(&old, &actor).unwrap();
    let file = new.files(None).unwrap().into_iter().find(|f| f.path.ends_with("print.go")).unwrap();
    let reasons = new.false_positive_reasons(file.id).unwrap();
    assert_eq!(reasons.len(), 1, "{report:?}");
    assert_eq!(reasons[0].1, "the vendored copy is relicensed; see the contract");
}

#[test]
fn a_license_only_scancode_knows_keeps_its_licensedb_id_and_text() {
    let index = clearance_licenses::rules::RuleIndex::shared();
    let id = "LicenseRef-scancode-4suite-1.1";
    let text = index.license_text(id).expect("the LicenseDB has the 4Suite license");
    let dir = tempfile::tempdir().unwrap();
    let tree = dir.path().join("tree");
    write(&tree, "suite/package.json", r#"{"name": "suite", "version": "1.1.0"}"#);
    // In a file whose name says nothing, and as the package's LICENSE.
    write(&tree, "suite/docs/terms.txt", &text);
    write(&tree, "suite/LICENSE", &text);
    let db = dir.path().join("r.clearance");
    scan(&db, &tree);
    let mut review = Review::open(&db).unwrap();
    let paths: std::collections::HashMap<i64, String> =
        review.files(None).unwrap().into_iter().map(|f| (f.id, f.path)).collect();
    let found: Vec<(String, String)> = review
        .findings(None)
        .unwrap()
        .into_iter()
        .filter_map(|f| f.expression.map(|e| (paths[&f.file_id].clone(), e)))
        .collect();
    for path in ["suite/docs/terms.txt", "suite/LICENSE"] {
        assert!(found.iter().any(|(p, e)| p == path && e == id), "{path}: {found:?}");
    }
    assert!(!found.iter().any(|(_, e)| e.starts_with("LicenseRef-clearance-")), "{found:?}");
    // Its text is registered with the review (audited), so it can be concluded and exported.
    let (title, kept) = review.license_ref(id).unwrap().unwrap();
    assert!(title.contains("ScanCode LicenseDB"), "{title}");
    assert_eq!(kept, text);
    assert_eq!(clearance_licenses::category_of(id), clearance_licenses::Category::Permissive);
    let suite = review.components().unwrap().into_iter().find(|c| c.name == "suite").unwrap();
    let actor = clearance_store::Actor { name: "rev", at: "2026-12-03T10:00:00Z" };
    let c = review.conclude(&actor, suite.id, Some(id), None, None).unwrap();
    assert_eq!(c.expression.as_deref(), Some(id));
    assert!(review.verify_audit().unwrap().is_none());
}

/// zerocopy: "Licensed under a BSD-style license <LICENSE-BSD>, Apache License, Version 2.0
/// <LICENSE-APACHE …>, or the MIT license <LICENSE-MIT …>, at your option." "BSD-style" names no
/// variant (ScanCode's rule reads it as BSD-3-Clause); the file it points to holds BSD-2-Clause.
#[test]
fn a_bsd_style_license_is_the_variant_of_the_file_it_points_to() {
    let dir = tempfile::tempdir().unwrap();
    let tree = dir.path().join("zerocopy");
    write(&tree, "LICENSE-BSD", clearance_licenses::license("BSD-2-Clause").unwrap().1);
    let header = "// Copyright 2019 The Fuchsia Authors\n//\n// Licensed under a BSD-style license <LICENSE-BSD>, Apache License, Version 2.0\n// <LICENSE-APACHE or https://www.apache.org/licenses/LICENSE-2.0>, or the MIT\n// license <LICENSE-MIT or https://opensource.org/licenses/MIT>, at your option.\n// This file may not be copied, modified, or distributed except according to\n// those terms.\n\nuse zerocopy::Ref;\n";
    write(&tree, "benches/ref.rs", header);
    // Without the file beside it, the pointer stays a pointer: no variant is guessed.
    let alone = dir.path().join("alone");
    write(&alone, "ref.rs", header);
    let db = dir.path().join("r.clearance");
    scan(&db, &tree);
    let review = Review::open(&db).unwrap();
    let file = review.files(None).unwrap().into_iter().find(|f| f.path == "benches/ref.rs").unwrap();
    let expressions: Vec<String> =
        review.findings(Some(file.id)).unwrap().into_iter().filter_map(|f| f.expression).collect();
    assert!(expressions.contains(&"Apache-2.0 OR MIT".to_string()), "{expressions:?}");
    assert!(expressions.contains(&"BSD-2-Clause".to_string()), "{expressions:?}");
    assert!(expressions.iter().all(|e| !e.contains("BSD-3-Clause")), "{expressions:?}");
    assert!(resolved(&review, "benches/ref.rs")[0].1.contains("LICENSE-BSD"));
    drop(review);
    let db2 = dir.path().join("alone.clearance");
    scan(&db2, &alone);
    let review = Review::open(&db2).unwrap();
    let all: Vec<_> = review.findings(None).unwrap();
    assert!(all.iter().all(|f| f.expression.as_deref().is_none_or(|e| !e.contains("BSD"))), "{all:?}");
    assert!(all.iter().any(|f| f.expression.is_none() && f.original.as_deref() == Some("LICENSE-BSD")));
}
