#![no_main]
//! The copyright extractor: statements with sane line numbers, whatever the input.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let lines = text.lines().count() as u32;
    for c in clearance_scan::extract_copyrights(&text) {
        assert!(c.start_line >= 1 && c.end_line >= c.start_line && c.end_line <= lines.max(1));
    }
});
