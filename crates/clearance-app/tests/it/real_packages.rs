//! Real packages from crates.io, as published: the `.crate` archives of some of Clearance's own
//! dependencies, taken from cargo's download cache (building Clearance puts them there; the
//! versions come from our Cargo.lock). Each must come out as its component with the right purl
//! and declared license, and its license files must be detected inside the archive.

use std::path::{Path, PathBuf};

use clearance_store::Review;

use crate::support::scan;

/// (crate, its license as published on crates.io)
const CRATES: &[(&str, &str)] = &[
    ("serde", "MIT OR Apache-2.0"),
    ("tar", "MIT OR Apache-2.0"),
    ("zip", "MIT"),
    ("flate2", "MIT OR Apache-2.0"),
    ("sha2", "MIT OR Apache-2.0"),
    ("minijinja", "Apache-2.0"),
    ("quick-xml", "MIT"),
    ("regex", "MIT OR Apache-2.0"),
    ("rusqlite", "MIT"),
    ("similar", "Apache-2.0"),
];

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The version of `name` in our Cargo.lock (the first, if several).
fn locked_version(lock: &str, name: &str) -> String {
    let needle = format!("name = \"{name}\"\nversion = \"");
    let at = lock.find(&needle).unwrap_or_else(|| panic!("{name} is in Cargo.lock")) + needle.len();
    lock[at..].split('"').next().unwrap().to_string()
}

fn cached_crate(file: &str) -> PathBuf {
    let home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(std::env::var_os("HOME").expect("HOME is set")).join(".cargo"));
    let cache = home.join("registry/cache");
    for registry in std::fs::read_dir(&cache).unwrap_or_else(|e| panic!("cargo's cache {}: {e}", cache.display())) {
        let p = registry.unwrap().path().join(file);
        if p.is_file() {
            return p;
        }
    }
    panic!("{file} is not in cargo's download cache ({}); build the workspace first", cache.display());
}

#[test]
fn published_crates_come_out_as_their_components_with_their_licenses() {
    let lock = std::fs::read_to_string(workspace().join("Cargo.lock")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let tree = dir.path().join("downloads");
    std::fs::create_dir_all(&tree).unwrap();
    let mut expected = Vec::new();
    for (name, license) in CRATES {
        let version = locked_version(&lock, name);
        let file = format!("{name}-{version}.crate");
        std::fs::copy(cached_crate(&file), tree.join(&file)).unwrap();
        expected.push((name, version, license));
    }
    let db = dir.path().join("r.clearance");
    scan(&db, &tree);
    let review = Review::open(&db).unwrap();
    let comps = review.components().unwrap();
    for (name, version, license) in expected {
        let purl = format!("pkg:cargo/{name}@{version}");
        let c = comps.iter().find(|c| c.purl.as_deref() == Some(purl.as_str())).unwrap_or_else(|| {
            panic!("{purl} is a component; found {:?}", comps.iter().map(|c| &c.purl).collect::<Vec<_>>())
        });
        assert_eq!(c.declared_license.as_deref(), Some(*license), "{purl}");
        assert!(c.files > 3, "{purl} owns the files inside its archive: {}", c.files);
        // Every license the crate declares is also found in its files (its LICENSE-* texts).
        for id in clearance_licenses::license_ids_in(license) {
            assert!(c.detected.contains(&id), "{purl}: {id} detected in its files, found {:?}", c.detected);
        }
    }
}
