#![no_main]
//! The ScanCode and SPDX importers on arbitrary JSON-ish input.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else { return };
    let _ = clearance_import::from_scancode(s);
    let _ = clearance_import::from_spdx(s);
});
