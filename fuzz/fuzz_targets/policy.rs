#![no_main]
//! Policy files: any text gives a policy or an error with a line, never a panic.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else { return };
    if let Err(e) = clearance_licenses::Policy::parse(s) {
        assert!(e.line >= 1);
    }
});
