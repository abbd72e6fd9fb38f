//! Whole scans of trees built by the tests, including what a scan must skip and say why.

use std::fs;
use std::path::PathBuf;
use std::sync::Mutex;
use std::sync::atomic::AtomicBool;

use clearance_scan::{Event, FileKind, ScanOptions, SilentReporter, SkipReason, scan};

fn run(root: &std::path::Path, opts: &ScanOptions) -> Vec<Event> {
    let events = Mutex::new(Vec::new());
    scan(&[root.to_path_buf()], opts, &(), &AtomicBool::new(false), &SilentReporter, |e| {
        events.lock().unwrap().push(e);
        Ok::<(), String>(())
    })
    .unwrap();
    events.into_inner().unwrap()
}

fn files(events: &[Event]) -> Vec<&clearance_scan::FileReport> {
    events.iter().filter_map(|e| if let Event::File(f) = e { Some(f.as_ref()) } else { None }).collect()
}

fn skipped(events: &[Event]) -> Vec<&clearance_scan::Skipped> {
    events.iter().filter_map(|e| if let Event::Skipped(s) = e { Some(s) } else { None }).collect()
}

#[test]
fn the_sample_release_scans_with_every_kind_of_evidence() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/sample-release");
    let events = run(&root, &ScanOptions::default());
    let fs_ = files(&events);
    assert!(fs_.len() >= 25);
    let get = |p: &str| fs_.iter().find(|f| f.path == p).unwrap_or_else(|| panic!("{p} scanned"));
    assert_eq!(get("LICENSE").kind, FileKind::License);
    assert_eq!(get("NOTICE").kind, FileKind::Notice);
    assert_eq!(get("assets/icon.bin").kind, FileKind::Binary);
    assert_eq!(get("src/legacy/diff3.c").findings[0].expression.as_deref(), Some("GPL-2.0-or-later"));
    assert!(get("src/util.rs").findings.is_empty(), "a file without a license has no findings");
    assert_eq!(get("vendor/tinyjson/Cargo.toml").component.as_ref().unwrap().name, "tinyjson");
    assert_eq!(get("NOTICE").copyrights[0].holder, "Skyline Labs Ltd.");
    // Every finding carries where and how it was found.
    for f in &fs_ {
        for finding in &f.findings {
            assert!(finding.start_line >= 1 && finding.end_line >= finding.start_line, "{}: {finding:?}", f.path);
            assert!(!finding.matched_text.is_empty(), "{}: {finding:?}", f.path);
        }
        assert_eq!(f.sha256.len(), 64);
    }
}

#[cfg(unix)]
#[test]
fn links_special_files_and_large_files_are_skipped_with_reasons() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::create_dir(root.join("sub")).unwrap();
    fs::write(root.join("sub/a.txt"), "Copyright 2020 A Person\n").unwrap();
    std::os::unix::fs::symlink("..", root.join("sub/loop")).unwrap();
    std::os::unix::fs::symlink("/etc/passwd", root.join("outside")).unwrap();
    fs::write(root.join("big.txt"), vec![b'a'; 5000]).unwrap();
    let fifo = root.join("pipe");
    assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    let odd = std::ffi::OsStr::from_bytes(b"caf\xe9\nname.c");
    fs::write(root.join(odd), "// SPDX-License-Identifier: MIT\n").unwrap();

    let events = run(root, &ScanOptions { max_file_size: 1000, ..ScanOptions::default() });
    let mut reasons: Vec<(String, SkipReason)> = skipped(&events).iter().map(|s| (s.path.clone(), s.reason)).collect();
    reasons.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(
        reasons,
        vec![
            ("big.txt".to_string(), SkipReason::TooLarge),
            ("outside".to_string(), SkipReason::Symlink),
            ("pipe".to_string(), SkipReason::SpecialFile),
            ("sub/loop".to_string(), SkipReason::Symlink),
        ]
    );
    let names: Vec<_> = files(&events).iter().map(|f| f.path.clone()).collect();
    assert!(names.contains(&"caf\\xE9\\x0Aname.c".to_string()), "{names:?}");
    let odd_file = files(&events).into_iter().find(|f| f.path.starts_with("caf")).unwrap();
    assert_eq!(odd_file.findings[0].expression.as_deref(), Some("MIT"));
}

#[test]
fn cancelling_stops_early_and_reports_it() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..200 {
        fs::write(dir.path().join(format!("f{i}.txt")), "x").unwrap();
    }
    let cancel = AtomicBool::new(true);
    let mut n = 0;
    let stats = scan(&[dir.path().to_path_buf()], &ScanOptions::default(), &(), &cancel, &SilentReporter, |_| {
        n += 1;
        Ok::<(), String>(())
    })
    .unwrap();
    assert!(stats.cancelled);
    assert_eq!(n, 0);
}

#[test]
fn a_missing_root_is_a_clear_error() {
    let err = scan(
        &[PathBuf::from("/no/such/dir")],
        &ScanOptions::default(),
        &(),
        &AtomicBool::new(false),
        &SilentReporter,
        |_| Ok::<(), String>(()),
    )
    .unwrap_err();
    assert!(err.to_string().contains("/no/such/dir"), "{err}");
}
