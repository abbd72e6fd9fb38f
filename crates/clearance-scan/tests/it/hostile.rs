//! What a release folder can contain that a scanner must survive: each case is scanned or
//! skipped with a recorded reason, nothing panics, and the scan completes.

use std::fs;
use std::sync::Mutex;
use std::sync::atomic::AtomicBool;

use clearance_scan::{Event, FileKind, ScanOptions, SilentReporter, SkipReason, scan};

fn run(root: &std::path::Path) -> Vec<Event> {
    let events = Mutex::new(Vec::new());
    scan(&[root.to_path_buf()], &ScanOptions::default(), &(), &AtomicBool::new(false), &SilentReporter, |e| {
        events.lock().unwrap().push(e);
        Ok::<(), String>(())
    })
    .unwrap();
    events.into_inner().unwrap()
}

fn file<'a>(events: &'a [Event], path: &str) -> &'a clearance_scan::FileReport {
    events
        .iter()
        .find_map(|e| match e {
            Event::File(f) if f.path == path => Some(f.as_ref()),
            _ => None,
        })
        .unwrap_or_else(|| panic!("{path} was scanned"))
}

fn skipped<'a>(events: &'a [Event], path: &str) -> &'a clearance_scan::Skipped {
    events
        .iter()
        .find_map(|e| match e {
            Event::Skipped(s) if s.path == path => Some(s),
            _ => None,
        })
        .unwrap_or_else(|| panic!("{path} was skipped"))
}

#[test]
fn a_folder_of_hostile_files_scans_to_the_end() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    // A 2 GB sparse file: skipped for its size, never read.
    let sparse = fs::File::create(root.join("disk.img")).unwrap();
    sparse.set_len(2 * 1024 * 1024 * 1024).unwrap();
    // A 40 MB single-line minified file: over the default limit, skipped with the reason.
    fs::write(root.join("bundle.min.js"), "a".repeat(40 * 1024 * 1024)).unwrap();
    // A 5 MB single line under the limit: scanned, no finding, no hang.
    fs::write(root.join("data.min.js"), format!("/* (c) 2020 X */{}", "var a=1;".repeat(600_000))).unwrap();
    // A binary file named LICENSE.
    fs::write(root.join("LICENSE"), b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00MIT License").unwrap();
    // A UTF-16 license file.
    let mit = clearance_licenses::license("MIT").unwrap().1;
    let mut utf16 = vec![0xFF, 0xFE];
    for u in mit.encode_utf16() {
        utf16.extend(u.to_le_bytes());
    }
    fs::create_dir(root.join("w")).unwrap();
    fs::write(root.join("w/LICENSE.txt"), utf16).unwrap();
    // 300 nested folders.
    let mut deep = root.join("deep");
    for i in 0..300 {
        deep = deep.join(format!("d{i}"));
    }
    fs::create_dir_all(&deep).unwrap();
    fs::write(deep.join("bottom.c"), "// SPDX-License-Identifier: ISC\n").unwrap();
    // Empty files, a manifest that is not what it says, and a tag nested 10,000 deep.
    fs::write(root.join("empty.txt"), "").unwrap();
    fs::write(root.join("COPYING"), "").unwrap();
    fs::create_dir(root.join("m")).unwrap();
    fs::write(root.join("m/package.json"), "{\"name\": not json at all").unwrap();
    fs::create_dir(root.join("c")).unwrap();
    fs::write(root.join("c/Cargo.toml"), "[package]\nname = 42\n").unwrap();
    fs::write(
        root.join("nest.c"),
        format!("// SPDX-License-Identifier: {}MIT{}\n", "(".repeat(10_000), ")".repeat(10_000)),
    )
    .unwrap();
    fs::write(
        root.join("short-nest.c"),
        format!("// SPDX-License-Identifier: {}MIT{}\n", "(".repeat(200), ")".repeat(200)),
    )
    .unwrap();

    let events = run(root);
    assert_eq!(skipped(&events, "disk.img").reason, SkipReason::TooLarge);
    assert_eq!(skipped(&events, "bundle.min.js").reason, SkipReason::TooLarge);
    assert!(file(&events, "data.min.js").findings.is_empty());
    let lic = file(&events, "LICENSE");
    assert_eq!(lic.kind, FileKind::Binary);
    assert!(lic.findings.is_empty());
    let w = file(&events, "w/LICENSE.txt");
    assert_eq!(w.findings[0].expression.as_deref(), Some("MIT"), "UTF-16 is decoded");
    assert!(w.note.as_deref().unwrap().contains("UTF-16"));
    let bottom = events.iter().find_map(|e| match e {
        Event::File(f) if f.path.ends_with("bottom.c") => Some(f),
        _ => None,
    });
    assert_eq!(bottom.unwrap().findings[0].expression.as_deref(), Some("ISC"), "300 folders deep");
    assert!(file(&events, "empty.txt").findings.is_empty());
    assert!(file(&events, "COPYING").findings.is_empty());
    assert!(file(&events, "m/package.json").note.as_deref().unwrap().contains("malformed package.json"));
    assert!(file(&events, "c/Cargo.toml").note.as_deref().unwrap().contains("malformed Cargo.toml"));
    assert!(file(&events, "nest.c").findings.is_empty(), "a 20 kB tag line is not read as a tag");
    let short = &file(&events, "short-nest.c").findings[0];
    assert_eq!(short.expression, None);
    assert_eq!(
        short.diagnostic.as_deref(),
        Some("invalid-spdx-expression"),
        "deep nesting is refused, not recursed into"
    );
}
