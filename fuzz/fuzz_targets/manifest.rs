#![no_main]
//! Every manifest parser: a component, nothing, or an error sentence.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else { return };
    for name in ["Cargo.toml", "package.json", "pyproject.toml", "PKG-INFO", "x.dist-info/METADATA", "go.mod", "composer.json", "vcpkg.json"] {
        let _ = clearance_scan::parse_manifest(name, s);
    }
});
