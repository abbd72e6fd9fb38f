//! Archives in a release, on real review files: members scanned in place and named
//! `archive!/path`, packages inside archives as components owning their members, re-scans
//! reusing members, and hostile archives (bomb, traversal, links, truncated, fake) reported
//! while the rest of the scan goes on.

use std::io::{Cursor, Write};

use clearance_store::Review;

use crate::support::scan;

fn zip_of(files: &[(&str, &[u8])]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, data) in files {
        w.start_file(*name, zip::write::SimpleFileOptions::default()).unwrap();
        w.write_all(data).unwrap();
    }
    w.finish().unwrap().into_inner()
}

fn tgz_of(files: &[(&str, &[u8])]) -> Vec<u8> {
    let mut b = tar::Builder::new(Vec::new());
    for (name, data) in files {
        let mut h = tar::Header::new_gnu();
        h.set_size(data.len() as u64);
        h.set_mode(0o644);
        let bytes = name.as_bytes();
        h.as_old_mut().name[..bytes.len()].copy_from_slice(bytes);
        h.set_cksum();
        b.append(&h, *data).unwrap();
    }
    let tar = b.into_inner().unwrap();
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    e.write_all(&tar).unwrap();
    e.finish().unwrap()
}

const MIT: &str = "MIT License\n\nCopyright (c) 2020 Serde Authors\n\nPermission is hereby granted, free of charge, to any person obtaining a copy of this software and associated documentation files (the \"Software\"), to deal in the Software without restriction, including without limitation the rights to use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies of the Software, and to permit persons to whom the Software is furnished to do so, subject to the following conditions:\n\nThe above copyright notice and this permission notice shall be included in all copies or substantial portions of the Software.\n\nTHE SOFTWARE IS PROVIDED \"AS IS\", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.\n";

#[test]
fn packages_inside_archives_are_components_and_hostile_archives_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    let tree = dir.path().join("release");
    std::fs::create_dir_all(tree.join("vendor")).unwrap();
    std::fs::create_dir_all(tree.join("lib")).unwrap();
    std::fs::write(tree.join("main.c"), "// SPDX-License-Identifier: Apache-2.0\n").unwrap();
    std::fs::write(
        tree.join("vendor/serde-1.0.200.crate"),
        tgz_of(&[
            (
                "serde-1.0.200/Cargo.toml",
                b"[package]\nname = \"serde\"\nversion = \"1.0.200\"\nlicense = \"MIT OR Apache-2.0\"\n",
            ),
            ("serde-1.0.200/LICENSE-MIT", MIT.as_bytes()),
            ("serde-1.0.200/src/lib.rs", b"// serde\n"),
        ]),
    )
    .unwrap();
    let inner = zip_of(&[("META-INF/maven/org.acme/core/pom.xml", b"<project><groupId>org.acme</groupId><artifactId>core</artifactId><version>2.0</version><licenses><license><name>MIT</name></license></licenses></project>"), ("org/acme/Core.class", b"\xca\xfe\xba\xbe\x00")]);
    std::fs::write(tree.join("lib/app.war"), zip_of(&[("WEB-INF/lib/core-2.0.jar", &inner)])).unwrap();
    // Hostile: a traversal name, a bomb, a truncated archive, a text file named .zip.
    std::fs::write(tree.join("evil.tgz"), tgz_of(&[("../../etc/passwd", b"root:x:0:0"), ("fine.txt", b"ok")])).unwrap();
    let zeros = vec![0u8; 300 << 20];
    std::fs::write(tree.join("bomb.tgz"), tgz_of(&[("zeros", &zeros)])).unwrap();
    drop(zeros);
    let mut cut = tgz_of(&[("a.txt", &[b'a'; 50_000][..]), ("b.txt", b"b")]);
    cut.truncate(cut.len() / 2);
    std::fs::write(tree.join("cut.tar.gz"), cut).unwrap();
    std::fs::write(tree.join("fake.zip"), "not a zip at all").unwrap();
    let db = dir.path().join("r.clearance");
    scan(&db, &tree);

    let review = Review::open(&db).unwrap();
    let comps = review.components().unwrap();
    let files = review.files(None).unwrap();
    let owner = |path: &str| {
        let f = files.iter().find(|f| f.path == path).unwrap_or_else(|| panic!("{path} is in the review"));
        comps.iter().find(|c| Some(c.id) == f.component_id).unwrap().name.clone()
    };
    let serde = comps.iter().find(|c| c.name == "serde").expect("the crate's manifest is a component");
    assert_eq!(serde.purl.as_deref(), Some("pkg:cargo/serde@1.0.200"));
    assert_eq!(owner("vendor/serde-1.0.200.crate!/serde-1.0.200/src/lib.rs"), "serde");
    assert!(serde.detected.contains(&"MIT".to_string()), "the LICENSE-MIT inside the crate is detected: {serde:?}");
    // Nested: a jar inside a war, its Maven metadata naming the package.
    assert_eq!(owner("lib/app.war!/WEB-INF/lib/core-2.0.jar!/org/acme/Core.class"), "org.acme:core");
    // The license text inside the archive is kept for attribution files.
    let lic = files.iter().find(|f| f.path.ends_with("serde-1.0.200/LICENSE-MIT")).unwrap();
    assert!(review.file_text(lic.id).unwrap().unwrap().starts_with("MIT License"));

    let skipped = review.skipped().unwrap();
    let why = |path_part: &str| {
        skipped
            .iter()
            .filter(|s| s.path.contains(path_part))
            .map(|s| format!("{}: {}", s.reason, s.detail))
            .collect::<Vec<_>>()
            .join("; ")
    };
    assert!(why("evil.tgz!/../../etc/passwd").starts_with("unsafe-path"), "{skipped:?}");
    assert!(files.iter().any(|f| f.path == "evil.tgz!/fine.txt"), "the rest of a hostile archive is scanned");
    assert!(why("bomb.tgz").contains("decompression bomb") || why("bomb.tgz").contains("limit"), "{}", why("bomb.tgz"));
    assert!(why("cut.tar.gz").starts_with("archive-error"), "{}", why("cut.tar.gz"));
    assert!(why("fake.zip").contains("not a readable zip"), "{}", why("fake.zip"));
    // Nothing was written outside: there is no passwd next to the tree or in it.
    assert!(!dir.path().join("etc/passwd").exists() && !tree.join("etc").exists());
    // The scan finished, and the ordinary file is there.
    assert_eq!(review.latest_scan().unwrap().unwrap().status, clearance_store::ScanStatus::Complete);
    assert!(files.iter().any(|f| f.path == "main.c"));
    let members = files.iter().filter(|f| f.path.contains("!/")).count();
    drop(review);

    // A re-scan reuses every member instead of detecting again, and keeps them all.
    scan(&db, &tree);
    let review = Review::open(&db).unwrap();
    let scan_info = review.latest_scan().unwrap().unwrap();
    assert!(scan_info.reused as usize >= members, "{scan_info:?} (members: {members})");
    assert_eq!(review.files(None).unwrap().iter().filter(|f| f.path.contains("!/")).count(), members);
}
