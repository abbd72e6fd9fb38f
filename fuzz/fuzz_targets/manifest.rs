#![no_main]
//! Every manifest and lockfile parser: components, nothing, or an error sentence.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else { return };
    for name in [
        "Cargo.toml", "package.json", "pyproject.toml", "PKG-INFO", "x.dist-info/METADATA", "go.mod", "composer.json",
        "vcpkg.json", "pom.xml", "x.nuspec", "x.gemspec", "setup.cfg", "debian/copyright",
    ] {
        let _ = clearance_scan::parse_manifest(name, s);
    }
    for name in [
        "Cargo.lock", "package-lock.json", "yarn.lock", "pnpm-lock.yaml", "Gemfile.lock", "composer.lock", "poetry.lock",
        "Pipfile.lock", "vendor/modules.txt", "Package.resolved", "packages.lock.json", "Podfile.lock", "conanfile.txt",
        "var/lib/dpkg/status",
    ] {
        let _ = clearance_scan::parse_lockfile(name, s);
    }
});
