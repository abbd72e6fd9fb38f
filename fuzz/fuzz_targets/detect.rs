#![no_main]
//! Every text detector on one input (tags, header notices, references, copyrights), as a source
//! file and as a notice file. License files are left out: the full-text matcher is slow and
//! is a library of its own.
use clearance_scan::{FileKind, ScanOptions, detect_text};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let opts = ScanOptions::default();
    for (name, kind) in [("a.c", FileKind::Source), ("README.md", FileKind::Source), ("AUTHORS", FileKind::Notice)] {
        let d = detect_text(name, kind, &text, &opts);
        for f in d.findings {
            assert!(f.start_line >= 1 && f.end_line >= f.start_line);
        }
    }
});
