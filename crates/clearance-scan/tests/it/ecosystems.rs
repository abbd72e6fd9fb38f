//! A tree with a package of every ecosystem the scanner knows: each manifest becomes its
//! component with name, version, purl and declared license; each lockfile its dependencies.

use std::fs;
use std::sync::Mutex;
use std::sync::atomic::AtomicBool;

use clearance_scan::{Event, FileReport, ScanOptions, SilentReporter, scan};

fn write(root: &std::path::Path, rel: &str, text: &str) {
    let p = root.join(rel);
    fs::create_dir_all(p.parent().unwrap()).unwrap();
    fs::write(p, text).unwrap();
}

#[test]
fn every_ecosystem_yields_its_components() {
    let dir = tempfile::tempdir().unwrap();
    let r = dir.path();
    write(
        r,
        "java/pom.xml",
        "<project><groupId>org.acme</groupId><artifactId>core</artifactId><version>1.2.0</version><licenses><license><name>The Apache Software License, Version 2.0</name></license></licenses></project>",
    );
    write(
        r,
        "dotnet/Acme.Json.nuspec",
        r#"<package><metadata><id>Acme.Json</id><version>3.0.0</version><license type="expression">MIT</license></metadata></package>"#,
    );
    write(
        r,
        "ruby/rack.gemspec",
        "Gem::Specification.new do |s|\n  s.name = 'rack'\n  s.version = '3.0.8'\n  s.license = 'MIT'\nend\n",
    );
    write(r, "py/setup.cfg", "[metadata]\nname = legacy-lib\nversion = 0.4.0\nlicense = BSD-3-Clause\n");
    write(
        r,
        "c/debian/copyright",
        "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\nUpstream-Name: zlib\n\nFiles: *\nCopyright: 1995-2023 Jean-loup Gailly\nLicense: Zlib\n\nFiles: debian/*\nCopyright: 2020 Maint\nLicense: GPL-2+\n",
    );
    write(r, "ios/Podfile.lock", "PODS:\n  - Alamofire (5.8.0)\n");
    write(r, "cpp/conanfile.txt", "[requires]\nzlib/1.2.13\n");
    write(r, "image/var/lib/dpkg/status", "Package: libc6\nStatus: install ok installed\nVersion: 2.36-9\n");
    write(r, "go/vendor/modules.txt", "# github.com/pkg/errors v0.9.1\n");
    let events = Mutex::new(Vec::new());
    scan(&[r.to_path_buf()], &ScanOptions::default(), &(), &AtomicBool::new(false), &SilentReporter, |e| {
        events.lock().unwrap().push(e);
        Ok::<(), String>(())
    })
    .unwrap();
    let events = events.into_inner().unwrap();
    let files: Vec<&FileReport> =
        events.iter().filter_map(|e| if let Event::File(f) = e { Some(f.as_ref()) } else { None }).collect();
    let comp = |path: &str| {
        let f = files.iter().find(|f| f.path == path).unwrap_or_else(|| panic!("{path} scanned"));
        let c = f.component.clone().unwrap_or_else(|| panic!("{path} declares a component: {:?}", f.note));
        (c.purl.unwrap(), c.declared_license)
    };
    assert_eq!(comp("java/pom.xml"), ("pkg:maven/org.acme/core@1.2.0".into(), Some("Apache-2.0".into())));
    assert_eq!(comp("dotnet/Acme.Json.nuspec"), ("pkg:nuget/Acme.Json@3.0.0".into(), Some("MIT".into())));
    assert_eq!(comp("ruby/rack.gemspec"), ("pkg:gem/rack@3.0.8".into(), Some("MIT".into())));
    assert_eq!(comp("py/setup.cfg"), ("pkg:pypi/legacy-lib@0.4.0".into(), Some("BSD-3-Clause".into())));
    assert_eq!(comp("c/debian/copyright"), ("pkg:deb/debian/zlib".into(), Some("Zlib".into())));
    // DEP-5: one finding per Files paragraph, Debian's short names understood.
    let dep5 = files.iter().find(|f| f.path == "c/debian/copyright").unwrap();
    let exprs: Vec<_> = dep5.findings.iter().filter_map(|f| f.expression.clone()).collect();
    assert!(exprs.contains(&"Zlib".to_string()) && exprs.contains(&"GPL-2.0-or-later".to_string()), "{exprs:?}");
    assert!(dep5.text.is_some(), "debian/copyright stays a notice: its text goes into attribution files");
    let deps = |path: &str| -> Vec<String> {
        files.iter().find(|f| f.path == path).unwrap().dependencies.iter().map(|d| d.purl.clone().unwrap()).collect()
    };
    assert_eq!(deps("ios/Podfile.lock"), ["pkg:cocoapods/Alamofire@5.8.0"]);
    assert_eq!(deps("cpp/conanfile.txt"), ["pkg:conan/zlib@1.2.13"]);
    assert_eq!(deps("image/var/lib/dpkg/status"), ["pkg:deb/debian/libc6@2.36-9"]);
    assert_eq!(deps("go/vendor/modules.txt"), ["pkg:golang/github.com/pkg/errors@v0.9.1"]);
}
