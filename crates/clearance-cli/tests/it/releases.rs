//! Two releases of a product built from real crates (the `.crate` archives of Clearance's own
//! dependencies, from cargo's download cache; versions from our Cargo.lock), vendored with a
//! Cargo.lock that lists them. Release 1.1 is 1.0 with five vendored crates deleted (the
//! lockfile still lists them), one license file changed and one crate added. What a lawyer signs
//! must follow the evidence: decisions lapse where it changed, and only there.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use crate::{clearance, json, ok, stdout};

/// Crates the engine itself depends on, so every build of Clearance has them in its cache.
/// zstd-sys and libsqlite3-sys bundle C libraries under their own licenses.
const CRATES: &[&str] = &[
    "serde",
    "tar",
    "flate2",
    "sha2",
    "regex",
    "rusqlite",
    "libsqlite3-sys",
    "zstd-sys",
    "similar",
    "minijinja",
    "quick-xml",
    "crc32fast",
    "miniz_oxide",
    "smallvec",
    "once_cell",
];
const DELETED: &[&str] = &["tar", "regex", "quick-xml", "smallvec", "once_cell"];
const ADDED: &str = "itoa";

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
    for registry in fs::read_dir(&cache).unwrap_or_else(|e| panic!("cargo's cache {}: {e}", cache.display())) {
        let p = registry.unwrap().path().join(file);
        if p.is_file() {
            return p;
        }
    }
    panic!("{file} is not in cargo's download cache ({}); build the workspace first", cache.display());
}

fn vendor(tree: &Path, name: &str, version: &str) {
    let dir = tree.join("vendor");
    fs::create_dir_all(&dir).unwrap();
    let status = Command::new("tar")
        .arg("-xzf")
        .arg(cached_crate(&format!("{name}-{version}.crate")))
        .arg("-C")
        .arg(&dir)
        .status()
        .unwrap();
    assert!(status.success(), "unpack {name}-{version}");
}

fn write_product(tree: &Path, version: &str, crates: &[(String, String)]) {
    fs::write(
        tree.join("Cargo.toml"),
        format!("[package]\nname = \"skyline-desktop\"\nversion = \"{version}\"\nlicense = \"MIT\"\n"),
    )
    .unwrap();
    fs::write(tree.join("LICENSE"), "MIT License\n\nCopyright (c) 2026 Skyline Labs Ltd.\n\nPermission is hereby granted, free of charge, to any person obtaining a copy of this software and associated documentation files (the \"Software\"), to deal in the Software without restriction, including without limitation the rights to use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies of the Software, and to permit persons to whom the Software is furnished to do so, subject to the following conditions:\n\nThe above copyright notice and this permission notice shall be included in all copies or substantial portions of the Software.\n\nTHE SOFTWARE IS PROVIDED \"AS IS\", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.\n").unwrap();
    let mut lock = format!(
        "version = 4\n\n[[package]]\nname = \"skyline-desktop\"\nversion = \"{version}\"\ndependencies = [\n{}]\n",
        crates.iter().map(|(n, _)| format!(" \"{n}\",\n")).collect::<String>()
    );
    for (n, v) in crates {
        lock.push_str(&format!(
            "\n[[package]]\nname = \"{n}\"\nversion = \"{v}\"\nsource = \"registry+https://github.com/rust-lang/crates.io-index\"\n"
        ));
    }
    fs::write(tree.join("Cargo.lock"), lock).unwrap();
}

/// The component of that name the tree holds (not an entry of some crate's own lockfile).
fn component<'a>(list: &'a Value, name: &str) -> &'a Value {
    list.as_array()
        .unwrap()
        .iter()
        .filter(|c| c["name"] == name)
        .max_by_key(|c| c["files"].as_i64())
        .unwrap_or_else(|| panic!("{name} is a component"))
}

struct Releases {
    _dir: tempfile::TempDir,
    v1: String,
    v2: String,
    tree1: PathBuf,
}

/// Release 1.0 reviewed in full (every component concluded and approved, obligations signed
/// off, one exclusion, one LicenseRef text, comments), and release 1.1 scanned.
fn two_releases() -> Releases {
    let lock = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../Cargo.lock")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let crates: Vec<(String, String)> = CRATES.iter().map(|n| (n.to_string(), locked_version(&lock, n))).collect();
    let tree1 = dir.path().join("skyline-1.0");
    fs::create_dir_all(&tree1).unwrap();
    for (n, v) in &crates {
        vendor(&tree1, n, v);
    }
    write_product(&tree1, "1.0.0", &crates);
    let v1 = dir.path().join("v1.0.clearance").to_str().unwrap().to_string();
    ok(&["scan", tree1.to_str().unwrap(), "--db", &v1]);
    // What ships: the product and its vendored crates (not the entries of the lockfiles some
    // crates carry for their own development).
    for c in json(&["review", "components", "--db", &v1])
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["files"].as_i64() > Some(0))
    {
        let id = c["id"].to_string();
        ok(&["review", "conclude", &id, "--suggested", "--status", "approved", "--db", &v1]);
    }
    for o in json(&["obligations", "list", "--db", &v1]).as_array().unwrap() {
        ok(&["obligations", "sign-off", &o["id"].to_string(), "--status", "fulfilled", "--db", &v1]);
    }
    let at = |n: &str| format!("{n}@{}", crates.iter().find(|(c, _)| c == n).unwrap().1);
    ok(&["review", "exclude", &at("similar"), "--reason", "used by the test suite only", "--db", &v1]);
    let eula = dir.path().join("eula.txt");
    fs::write(&eula, "Skyline Labs End User License Agreement.\nYou may use this software as agreed.\n").unwrap();
    ok(&["review", "license-ref", "skyline-eula", "--text", eula.to_str().unwrap(), "--db", &v1]);
    ok(&["review", "conclude", "skyline-desktop", "--license", "MIT AND LicenseRef-skyline-eula", "--db", &v1]);
    ok(&["review", "comment", "--component", &at("serde"), "checked against crates.io metadata", "--db", &v1]);

    // Release 1.1: five crates' folders deleted (Cargo.lock unchanged: they are lockfile
    // entries now), sha2's LICENSE-MIT gains the JSON license's clause, one crate added.
    let tree2 = dir.path().join("skyline-1.1");
    let status = Command::new("cp").arg("-r").arg(&tree1).arg(&tree2).status().unwrap();
    assert!(status.success());
    let version_of = |n: &str| crates.iter().find(|(c, _)| c == n).unwrap().1.clone();
    for n in DELETED {
        fs::remove_dir_all(tree2.join(format!("vendor/{n}-{}", version_of(n)))).unwrap();
    }
    let mit = tree2.join(format!("vendor/sha2-{}/LICENSE-MIT", version_of("sha2")));
    let text = fs::read_to_string(&mit).unwrap();
    let changed = text.replacen(
        "The above copyright notice",
        "The Software shall be used for Good, not Evil.\n\nThe above copyright notice",
        1,
    );
    assert_ne!(text, changed, "sha2's LICENSE-MIT is the MIT text");
    fs::write(&mit, changed).unwrap();
    let mut crates2 = crates.clone();
    crates2.push((ADDED.to_string(), locked_version(&lock, ADDED)));
    vendor(&tree2, ADDED, &crates2.last().unwrap().1);
    write_product(&tree2, "1.1.0", &crates2);
    let v2 = dir.path().join("v1.1.clearance").to_str().unwrap().to_string();
    ok(&["scan", tree2.to_str().unwrap(), "--db", &v2]);
    Releases { _dir: dir, v1, v2, tree1 }
}

#[test]
fn the_next_release_keeps_decisions_only_where_the_evidence_is_the_same() {
    let r = two_releases();
    let (v1, v2) = (r.v1.as_str(), r.v2.as_str());
    let report = json(&["review", "carry-over", "--from", v1, "--db", v2]);
    let lapsed: Vec<String> =
        report["lapsed_conclusions"].as_array().unwrap().iter().map(|l| l.as_str().unwrap().to_string()).collect();
    // sha2: its license file changed and JSON is detected now.
    let sha2 = lapsed.iter().find(|l| l.starts_with("sha2 ")).unwrap_or_else(|| panic!("sha2 lapses: {lapsed:?}"));
    assert!(sha2.contains("LICENSE-MIT changed") && sha2.contains("newly detected: JSON"), "{sha2}");
    // The five deleted crates: their files are gone; Cargo.lock's entries get no conclusion.
    for n in DELETED {
        let l = lapsed.iter().find(|l| l.starts_with(&format!("{n} "))).unwrap_or_else(|| panic!("{n}: {lapsed:?}"));
        assert!(l.contains("no files in this release"), "{l}");
    }
    assert_eq!(lapsed.len(), 1 + DELETED.len(), "only those lapse: {lapsed:?}");
    // Everything else carries: 15 crates + the product − 6 lapsed; the added crate starts open.
    assert_eq!(report["conclusions"], CRATES.len() + 1 - lapsed.len(), "{report}");
    assert_eq!(report["exclusions"], 1);
    assert_eq!(report["license_refs"], 1);
    assert_eq!(report["annotations"], 1);

    let comps = json(&["review", "components", "--db", v2]);
    let sha2 = component(&comps, "sha2");
    assert!(sha2["conclusion"].is_null(), "sha2 is to be reviewed again: {sha2}");
    assert!(component(&comps, ADDED)["conclusion"].is_null());
    // The added crate was an entry of a vendored crate's own lockfile in 1.0, marked not shipped
    // by that scan; vendored now, it ships: the scan's mark stays behind.
    assert!(component(&comps, ADDED)["not_shipped"].is_null(), "{}", component(&comps, ADDED));
    assert_eq!(report["exclusions"], 1, "only the reviewer's exclusion carries");
    assert_eq!(component(&comps, "skyline-desktop")["conclusion"]["expression"], "MIT AND LicenseRef-skyline-eula");
    let obligations = json(&["obligations", "list", "--db", v2]);
    for o in obligations.as_array().unwrap() {
        assert_ne!(o["component"], "sha2", "no sign-off of sha2 survives: {o}");
    }
    let status = json(&["review", "status", "--db", v2]);
    let shown = status["lapsed"].as_array().unwrap();
    assert!(
        shown.iter().any(|l| l["kind"] == "conclusion" && l["target"].as_str().unwrap().starts_with("sha2")),
        "the lapse is visible in the review's status: {shown:?}"
    );
    let text = ok(&["review", "carry-over", "--from", v1, "--db", v2]);
    assert!(text.contains("0 conclusions") && text.contains("0 comments"), "a second carry-over adds nothing: {text}");
    let again = json(&["review", "components", "--db", v2]);
    assert_eq!(again, comps, "and changes nothing");
    let status_again = json(&["review", "status", "--db", v2]);
    assert_eq!(status_again["lapsed"], status["lapsed"], "nor records a lapse twice");
    ok(&["audit", "verify", "--db", v2]);
    // The detected JSON license stands in the gate now that no approved conclusion covers it.
    let check = clearance(&["check", "--db", v2]);
    assert!(stdout(&check).contains("JSON (detected) in sha2"), "{}", stdout(&check));

    // The difference, component by component.
    let d = json(&["diff", v1, v2]);
    let names = |k: &str| {
        let mut v: Vec<String> =
            d[k].as_array().unwrap().iter().map(|c| c["name"].as_str().unwrap().to_string()).collect();
        v.sort();
        v
    };
    let mut deleted: Vec<String> = DELETED.iter().map(|s| s.to_string()).collect();
    deleted.sort();
    assert_eq!(names("removed"), deleted);
    assert_eq!(names("added"), vec![ADDED.to_string()]);
    // An added or changed component names its id in the newer review (the desktop links it);
    // a removed one has none there.
    let now = json(&["review", "components", "--db", v2]);
    assert_eq!(d["added"][0]["id"], component(&now, ADDED)["id"], "{}", d["added"][0]);
    assert!(d["removed"].as_array().unwrap().iter().all(|c| c["id"].is_null()));
    let changed = d["changed"].as_array().unwrap();
    let sha2 = changed.iter().find(|c| c["name"] == "sha2").unwrap_or_else(|| panic!("{changed:?}"));
    assert_eq!(sha2["id"], component(&now, "sha2")["id"]);
    let said = sha2["changes"].to_string();
    assert!(said.contains("LICENSE-MIT changed") && said.contains("newly detected: JSON"), "{said}");
    // The product's own version changed; nothing else did.
    assert_eq!(changed.len(), 2, "{changed:?}");
}

#[test]
fn a_rescan_lapses_a_conclusion_whose_license_file_changed() {
    let r = two_releases();
    let v1 = r.v1.as_str();
    let before = json(&["review", "components", "--db", v1]);
    assert!(component(&before, "flate2")["conclusion"]["status"] == "approved");
    let dir = fs::read_dir(r.tree1.join("vendor"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with("flate2-"))
        .unwrap();
    fs::write(dir.join("LICENSE-MIT"), "Copyright (c) 2026 Someone Else\n\nAll rights reserved.\n").unwrap();
    ok(&["scan", r.tree1.to_str().unwrap(), "--db", v1]);
    let after = json(&["review", "components", "--db", v1]);
    assert!(component(&after, "flate2")["conclusion"].is_null(), "flate2's conclusion lapsed");
    assert!(!component(&after, "serde")["conclusion"].is_null(), "serde's stands: its evidence is the same");
    let status = json(&["review", "status", "--db", v1]);
    let lapsed = status["lapsed"].as_array().unwrap();
    let conclusion = lapsed.iter().find(|l| l["kind"] == "conclusion").unwrap_or_else(|| panic!("{lapsed:?}"));
    assert!(conclusion["target"].as_str().unwrap().starts_with("flate2"));
    assert!(conclusion["reason"].as_str().unwrap().contains("LICENSE-MIT changed"), "{conclusion}");
    assert!(lapsed.iter().any(|l| l["kind"] == "obligation" && l["target"].as_str().unwrap().starts_with("flate2")));
    ok(&["audit", "verify", "--db", v1]);
    let log = ok(&["audit", "log", "--db", v1]);
    assert!(log.lines().any(|l| l.contains("lapse") && l.contains("conclusion:")), "the lapse is logged");
}

#[test]
fn the_notice_of_a_real_vendored_tree_can_be_shipped() {
    let r = two_releases();
    let v1 = r.v1.as_str();
    // We use flate2 under MIT, of its MIT OR Apache-2.0.
    let flate2 = component(&json(&["review", "components", "--db", v1]), "flate2")["id"].to_string();
    ok(&["review", "conclude", &flate2, "--license", "MIT", "--db", v1]);
    ok(&["review", "product", "Skyline Desktop", "1.0", "--db", v1]);
    let out = r.tree1.parent().unwrap().join("NOTICE.txt");
    ok(&["export", "--db", v1, "--format", "notice-txt", "-o", out.to_str().unwrap()]);
    let notice = fs::read_to_string(&out).unwrap();
    assert!(notice.starts_with("Skyline Desktop 1.0 — third-party software notices"), "{}", &notice[..200]);
    // No template placeholders anywhere.
    for placeholder in ["<year>", "<owner>", "<copyright holders>", "[yyyy]", "<name of author>", "year name of author"]
    {
        assert!(!notice.contains(placeholder), "NOTICE holds {placeholder:?}");
    }
    // No copyright line made of code or markup.
    for line in notice.lines().filter(|l| l.starts_with("Copyright")) {
        for junk in ["\"], [", "readonly def", "](./", "&bz-", "{", "\";"] {
            assert!(!line.contains(junk), "copyright line with code: {line}");
        }
    }
    // Only what ships: no lockfile entries of the crates' own Cargo.lock files.
    assert!(!notice.contains("NOASSERTION"), "no component without a license");
    assert!(!notice.contains("\naddr2line "), "a dev-dependency of a vendored crate is not in the product");
    assert!(notice.contains("package(s) that lockfiles list but whose files are not in the product"));
    // Bundled C libraries: zstd's BSD text with its holder, SQLite's public-domain blessing.
    let section = |name: &str| -> String {
        let start = notice.find(&format!("\n{name} ")).unwrap_or_else(|| panic!("{name} in the NOTICE"));
        let end = notice[start + 1..].find("\n----").map_or(notice.len(), |e| start + 1 + e);
        notice[start..end].to_string()
    };
    let texts = |s: &str| -> Vec<String> {
        let line = s.lines().find(|l| l.starts_with("License text:")).unwrap_or("");
        line.split(['[', ']'])
            .filter(|x| x.chars().all(|c| c.is_ascii_digit()) && !x.is_empty())
            .map(str::to_string)
            .collect()
    };
    let text_body = |i: &str| -> String {
        let start = notice.find(&format!("\n[{i}] ")).unwrap();
        let end = notice[start + 1..].find("\n----").map_or(notice.len(), |e| start + 1 + e);
        notice[start..end].to_string()
    };
    let zstd = section("zstd-sys");
    assert!(
        texts(&zstd)
            .iter()
            .any(|i| text_body(i).contains("For Zstandard software") && text_body(i).contains("Meta Platforms")),
        "zstd's own BSD text is printed for zstd-sys: {zstd}"
    );
    let sqlite = section("libsqlite3-sys");
    assert!(sqlite.contains("blessing") || sqlite.contains("public-domain"), "{sqlite}");
    assert!(texts(&sqlite).iter().any(|i| text_body(i).contains("May you do good and not evil")), "{sqlite}");
    // The election: MIT only, said so; Apache-2.0's text is not printed for flate2.
    let f = section("flate2");
    assert!(f.contains("License: MIT\n") && f.contains("elected from the declared choice MIT OR Apache-2.0"), "{f}");
    assert!(texts(&f).iter().all(|i| !text_body(i).contains("Apache License")), "{f}");
    // A license text is printed once however many components ship it.
    assert_eq!(notice.matches("\nApache License\nVersion 2.0, January 2004").count(), 1);
}
