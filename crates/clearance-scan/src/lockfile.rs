//! Lockfiles → the third-party components a project resolved: Cargo.lock, package-lock.json,
//! yarn.lock (classic and Berry), pnpm-lock.yaml, Gemfile.lock, composer.lock, poetry.lock,
//! uv.lock, Pipfile.lock, Go's vendor/modules.txt, SwiftPM's Package.resolved and NuGet's
//! packages.lock.json. A lockfile names and versions components; a few also declare licenses
//! (composer.lock, package-lock.json), which are normalised like a manifest's.
//!
//! These parsers read text line by line or with serde; anything they do not understand is
//! skipped, never fatal, so a damaged lockfile yields what it can and a note.

use crate::manifest::purl;
use crate::model::ComponentDecl;

/// One lockfile format: where it is found, the build it describes, how its entries and (where
/// it says) its dependency edges are read. `LOCKFILES` is the one list every consumer reads —
/// the classifier, the scan's parsers, and the store's rule for which lockfiles ship — so a
/// format is added by one entry with its parser.
pub struct LockfileFormat {
    /// File names, or paths (`vendor/modules.txt`) a file's path must end with.
    pub names: &'static [&'static str],
    /// Lockfiles of one family describe one build (npm's four formats are one; Python's three).
    pub family: &'static str,
    entries: fn(&str) -> Result<Vec<ComponentDecl>, String>,
    relations: fn(&str) -> Vec<(String, String)>,
}

fn no_relations(_: &str) -> Vec<(String, String)> {
    Vec::new()
}

pub static LOCKFILES: &[LockfileFormat] = &[
    LockfileFormat { names: &["Cargo.lock"], family: "cargo", entries: cargo_lock, relations: cargo_relations },
    LockfileFormat {
        names: &["package-lock.json", "npm-shrinkwrap.json"],
        family: "npm",
        entries: npm_lock,
        relations: npm_relations,
    },
    LockfileFormat { names: &["yarn.lock"], family: "npm", entries: |t| Ok(yarn_lock(t)), relations: yarn_relations },
    LockfileFormat {
        names: &["pnpm-lock.yaml"],
        family: "npm",
        entries: |t| Ok(pnpm_lock(t)),
        relations: pnpm_relations,
    },
    LockfileFormat {
        names: &["Gemfile.lock"],
        family: "gem",
        entries: |t| Ok(gemfile_lock(t)),
        relations: gem_relations,
    },
    LockfileFormat {
        names: &["composer.lock"],
        family: "composer",
        entries: composer_lock,
        relations: composer_relations,
    },
    LockfileFormat {
        names: &["poetry.lock", "uv.lock"],
        family: "python",
        entries: |t| toml_packages(t, "pypi"),
        relations: python_relations,
    },
    LockfileFormat { names: &["Pipfile.lock"], family: "python", entries: pipfile_lock, relations: no_relations },
    LockfileFormat {
        names: &["vendor/modules.txt"],
        family: "go",
        entries: |t| Ok(go_modules(t)),
        relations: no_relations,
    },
    LockfileFormat { names: &["Package.resolved"], family: "swift", entries: swift_resolved, relations: no_relations },
    LockfileFormat { names: &["packages.lock.json"], family: "nuget", entries: nuget_lock, relations: nuget_relations },
    LockfileFormat {
        names: &["Podfile.lock"],
        family: "cocoapods",
        entries: |t| Ok(podfile_lock(t)),
        relations: pod_relations,
    },
    LockfileFormat {
        names: &["conanfile.txt"],
        family: "conan",
        entries: |t| Ok(conanfile(t)),
        relations: no_relations,
    },
    LockfileFormat {
        names: &["var/lib/dpkg/status"],
        family: "dpkg",
        entries: |t| Ok(dpkg_status(t)),
        relations: no_relations,
    },
];

/// The lockfile format of a file, by its path (relative, `/`-separated).
pub fn lockfile_format(rel_path: &str) -> Option<&'static LockfileFormat> {
    let name = rel_path.rsplit('/').next().unwrap_or(rel_path);
    LOCKFILES.iter().find(|f| {
        f.names
            .iter()
            .any(|n| if n.contains('/') { rel_path == *n || rel_path.ends_with(&format!("/{n}")) } else { name == *n })
    })
}

/// Is this file a lockfile Clearance reads?
pub fn is_lockfile(rel_path: &str) -> bool {
    lockfile_format(rel_path).is_some()
}

/// The most components one lockfile may yield (a guard against absurd files).
pub const MAX_ENTRIES: usize = 50_000;

/// Components a lockfile lists, in file order without duplicates. `Err` is a sentence for the
/// reviewer when the file cannot be read at all.
pub fn parse_lockfile(rel_path: &str, text: &str) -> Result<Vec<ComponentDecl>, String> {
    let mut out = match lockfile_format(rel_path) {
        Some(f) => (f.entries)(text)?,
        None => Vec::new(),
    };
    let mut seen = std::collections::HashSet::new();
    out.retain(|c| seen.insert(c.purl.clone()));
    out.truncate(MAX_ENTRIES);
    Ok(out)
}

/// Which package depends on which, as (from purl, to purl), where the lockfile says so: Cargo.lock
/// (`dependencies` of each package, workspace members included) and package-lock.json v2/v3
/// (each installed folder's `dependencies`, resolved the way Node resolves them).
pub fn parse_relations(rel_path: &str, text: &str) -> Vec<(String, String)> {
    let mut out = lockfile_format(rel_path).map_or_else(Vec::new, |f| (f.relations)(text));
    out.sort();
    out.dedup();
    out.truncate(MAX_ENTRIES * 4);
    out
}

fn cargo_relations(text: &str) -> Vec<(String, String)> {
    let Ok(doc) = text.parse::<toml::Table>() else { return Vec::new() };
    let packages: Vec<&toml::Table> =
        doc.get("package").and_then(|p| p.as_array()).into_iter().flatten().filter_map(|p| p.as_table()).collect();
    let field = |t: &toml::Table, k: &str| t.get(k).and_then(|v| v.as_str()).map(str::to_string);
    let mut by_name: std::collections::HashMap<String, Vec<String>> = std::collections::HashMap::new();
    for p in &packages {
        if let (Some(n), Some(v)) = (field(p, "name"), field(p, "version")) {
            by_name.entry(n).or_default().push(v);
        }
    }
    let mut out = Vec::new();
    for p in &packages {
        let (Some(n), Some(v)) = (field(p, "name"), field(p, "version")) else { continue };
        let from = purl("cargo", &n, Some(&v));
        for dep in p.get("dependencies").and_then(|d| d.as_array()).into_iter().flatten().filter_map(|d| d.as_str()) {
            // "name", "name version" or "name version (source)"
            let mut parts = dep.split_whitespace();
            let Some(dn) = parts.next() else { continue };
            let version = match parts.next() {
                Some(dv) => Some(dv.to_string()),
                None => match by_name.get(dn).map(Vec::as_slice) {
                    Some([only]) => Some(only.clone()),
                    _ => None,
                },
            };
            if let Some(dv) = version {
                out.push((from.clone(), purl("cargo", dn, Some(&dv))));
            }
        }
    }
    out
}

/// yarn.lock (classic and Berry): each block's `dependencies`, resolved through the block whose
/// header lists the same `name@range`.
fn yarn_relations(text: &str) -> Vec<(String, String)> {
    struct Block {
        specs: Vec<String>,
        name: String,
        version: Option<String>,
        deps: Vec<String>,
    }
    let mut blocks: Vec<Block> = Vec::new();
    let mut in_deps = false;
    for line in text.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        if !line.starts_with(' ') {
            in_deps = false;
            let header = line.trim_end_matches(':');
            let specs: Vec<String> = header.split(',').map(|s| s.trim().trim_matches('"').to_string()).collect();
            let name = specs.first().and_then(|s| npm_name_of_spec(s)).unwrap_or("").to_string();
            blocks.push(Block { specs, name, version: None, deps: Vec::new() });
            continue;
        }
        let Some(block) = blocks.last_mut() else { continue };
        let indent = line.len() - line.trim_start().len();
        let t = line.trim();
        if indent == 2 {
            in_deps = matches!(t, "dependencies:" | "optionalDependencies:");
            if let Some(v) = t.strip_prefix("version ").or_else(|| t.strip_prefix("version: ")) {
                block.version = Some(v.trim().trim_matches('"').to_string());
            }
        } else if indent >= 4 && in_deps {
            // classic: `b "^2.0.0"`; Berry: `b: "npm:^2.0.0"`
            let (name, range) = match t.split_once(": ") {
                Some((n, r)) => (n, r),
                None => t.split_once(' ').unwrap_or((t, "")),
            };
            block.deps.push(format!("{}@{}", name.trim_matches('"'), range.trim().trim_matches('"')));
        }
    }
    let mut by_spec: std::collections::HashMap<&str, String> = std::collections::HashMap::new();
    for b in &blocks {
        if let Some(v) = &b.version {
            for s in &b.specs {
                by_spec.insert(s.as_str(), purl("npm", &b.name, Some(v)));
            }
        }
    }
    let mut out = Vec::new();
    for b in &blocks {
        let Some(v) = &b.version else { continue };
        let from = purl("npm", &b.name, Some(v));
        for d in &b.deps {
            // Berry headers say `b@npm:^2`; a classic dependency says `b@^2`.
            let berry = d.split_once('@').map(|(n, r)| format!("{n}@npm:{r}"));
            let to = by_spec.get(d.as_str()).or_else(|| berry.as_deref().and_then(|s| by_spec.get(s)));
            if let Some(to) = to {
                out.push((from.clone(), to.clone()));
            }
        }
    }
    out
}

/// pnpm-lock.yaml: the `dependencies` under each package (v5/v6) or snapshot (v9).
fn pnpm_relations(text: &str) -> Vec<(String, String)> {
    let key_purl = |key: &str| pnpm_key(key).map(|(name, version)| purl("npm", name, Some(version)));
    let mut out = Vec::new();
    let mut section = "";
    let mut current: Option<String> = None;
    let mut in_deps = false;
    for line in text.lines() {
        if !line.starts_with(' ') && !line.trim().is_empty() {
            section = line.trim_end();
            current = None;
            continue;
        }
        if section != "packages:" && section != "snapshots:" {
            continue;
        }
        let indent = line.len() - line.trim_start().len();
        let t = line.trim();
        if indent == 2 && !t.is_empty() {
            current = key_purl(t);
            in_deps = false;
        } else if indent == 4 {
            in_deps = matches!(t, "dependencies:" | "optionalDependencies:");
        } else if indent == 6
            && in_deps
            && let (Some(from), Some((name, version))) = (&current, t.split_once(": "))
        {
            let name = name.trim_matches(|c| c == '\'' || c == '"');
            let version = version.trim_matches(|c| c == '\'' || c == '"');
            let version = version.split('(').next().unwrap_or(version);
            if !version.starts_with("link:") && !version.starts_with("file:") {
                out.push((from.clone(), purl("npm", name, Some(version))));
            }
        }
    }
    out
}

/// NuGet packages.lock.json: each package's `dependencies`, resolved within its framework.
fn nuget_relations(text: &str) -> Vec<(String, String)> {
    let Ok(doc) = serde_json::from_str::<serde_json::Value>(text) else { return Vec::new() };
    let mut out = Vec::new();
    for framework in doc.get("dependencies").and_then(|d| d.as_object()).into_iter().flat_map(|d| d.values()) {
        let Some(packages) = framework.as_object() else { continue };
        let purl_of = |n: &str| {
            packages
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(n))
                .and_then(|(k, v)| v.get("resolved").and_then(|r| r.as_str()).map(|r| purl("nuget", k, Some(r))))
        };
        for (name, entry) in packages {
            let Some(from) = purl_of(name) else { continue };
            for dep in entry.get("dependencies").and_then(|d| d.as_object()).into_iter().flat_map(|d| d.keys()) {
                if let Some(to) = purl_of(dep) {
                    out.push((from.clone(), to));
                }
            }
        }
    }
    out
}

/// Podfile.lock: a pod's dependencies are the `- name (…)` lines indented under it.
fn pod_relations(text: &str) -> Vec<(String, String)> {
    let pods = podfile_lock(text);
    let purl_of = |n: &str| pods.iter().find(|p| p.name == n).and_then(|p| p.purl.clone());
    let mut out = Vec::new();
    let mut current: Option<String> = None;
    let mut in_pods = false;
    for line in text.lines() {
        if !line.starts_with(' ') {
            in_pods = line.trim_end() == "PODS:";
            continue;
        }
        if !in_pods {
            continue;
        }
        if let Some(item) = line.strip_prefix("  - ") {
            current =
                item.trim_end_matches(':').trim().trim_matches('"').split_once(" (").and_then(|(n, _)| purl_of(n));
        } else if let Some(dep) = line.strip_prefix("    - ") {
            let name = dep.trim().trim_matches('"');
            let name = name.split_once(" (").map_or(name, |(n, _)| n);
            if let (Some(from), Some(to)) = (&current, purl_of(name)) {
                out.push((from.clone(), to));
            }
        }
    }
    out
}

/// Gemfile.lock: a gem's dependencies are the lines indented six spaces under it.
fn gem_relations(text: &str) -> Vec<(String, String)> {
    let gems = gemfile_lock(text);
    let version_of = |name: &str| gems.iter().find(|g| g.name == name).and_then(|g| g.purl.clone());
    let mut out = Vec::new();
    let mut current: Option<String> = None;
    for line in text.lines() {
        if let Some(spec) = line.strip_prefix("    ").filter(|s| !s.starts_with(' ')) {
            current = spec.split_once(" (").and_then(|(n, _)| version_of(n.trim()));
        } else if let Some(dep) = line.strip_prefix("      ").filter(|s| !s.starts_with(' ')) {
            let name = dep.split_once(" (").map_or(dep, |(n, _)| n).trim();
            if let (Some(from), Some(to)) = (&current, version_of(name)) {
                out.push((from.clone(), to));
            }
        } else {
            current = None;
        }
    }
    out
}

/// poetry.lock and uv.lock: `[package.dependencies]` tables (poetry) or `dependencies = [{ name
/// = … }]` (uv), resolved by name within the lockfile.
fn python_relations(text: &str) -> Vec<(String, String)> {
    let Ok(doc) = text.parse::<toml::Table>() else { return Vec::new() };
    let packages: Vec<&toml::Table> =
        doc.get("package").and_then(|p| p.as_array()).into_iter().flatten().filter_map(|p| p.as_table()).collect();
    let key = |n: &str| n.to_ascii_lowercase().replace(['_', '.'], "-");
    let purl_of = |n: &str| {
        packages
            .iter()
            .find(|p| p.get("name").and_then(|v| v.as_str()).is_some_and(|pn| key(pn) == key(n)))
            .and_then(|p| Some(purl("pypi", p.get("name")?.as_str()?, Some(p.get("version")?.as_str()?))))
    };
    let mut out = Vec::new();
    for p in &packages {
        let Some(from) = p.get("name").and_then(|n| n.as_str()).and_then(purl_of) else { continue };
        let names: Vec<String> = match p.get("dependencies") {
            Some(toml::Value::Table(t)) => t.keys().cloned().collect(),
            Some(toml::Value::Array(a)) => {
                a.iter().filter_map(|d| d.get("name").and_then(|n| n.as_str()).map(str::to_string)).collect()
            }
            _ => Vec::new(),
        };
        for n in names {
            if let Some(to) = purl_of(&n) {
                out.push((from.clone(), to));
            }
        }
    }
    out
}

/// composer.lock: each package's `require`, resolved by name within the lockfile.
fn composer_relations(text: &str) -> Vec<(String, String)> {
    let Ok(deps) = composer_lock(text) else { return Vec::new() };
    let Ok(doc) = serde_json::from_str::<serde_json::Value>(text) else { return Vec::new() };
    let purl_of = |n: &str| deps.iter().find(|d| d.name == n).and_then(|d| d.purl.clone());
    let mut out = Vec::new();
    for key in ["packages", "packages-dev"] {
        for p in doc.get(key).and_then(|p| p.as_array()).into_iter().flatten() {
            let Some(from) = p.get("name").and_then(|n| n.as_str()).and_then(purl_of) else { continue };
            for dep in p.get("require").and_then(|r| r.as_object()).into_iter().flat_map(|r| r.keys()) {
                if let Some(to) = purl_of(dep) {
                    out.push((from.clone(), to));
                }
            }
        }
    }
    out
}

fn npm_relations(text: &str) -> Vec<(String, String)> {
    let Ok(doc) = serde_json::from_str::<serde_json::Value>(text) else { return Vec::new() };
    let Some(packages) = doc.get("packages").and_then(|p| p.as_object()) else { return Vec::new() };
    let name_of = |key: &str, entry: &serde_json::Value| -> Option<String> {
        entry
            .get("name")
            .and_then(|n| n.as_str())
            .map(str::to_string)
            .or_else(|| key.rfind("node_modules/").map(|at| key[at + "node_modules/".len()..].to_string()))
    };
    let purl_of = |key: &str| -> Option<String> {
        let entry = packages.get(key)?;
        let version = entry.get("version").and_then(|v| v.as_str())?;
        Some(purl("npm", &name_of(key, entry)?, Some(version)))
    };
    let mut out = Vec::new();
    for (key, entry) in packages {
        let Some(from) = purl_of(key) else { continue };
        for field in ["dependencies", "optionalDependencies", "peerDependencies"] {
            for dep in entry.get(field).and_then(|d| d.as_object()).into_iter().flat_map(|d| d.keys()) {
                // Node looks in the package's own node_modules, then in each parent's.
                let mut base = key.as_str();
                let found = loop {
                    let candidate = if base.is_empty() {
                        format!("node_modules/{dep}")
                    } else {
                        format!("{base}/node_modules/{dep}")
                    };
                    if packages.contains_key(&candidate) {
                        break Some(candidate);
                    }
                    if base.is_empty() {
                        break None;
                    }
                    base = base.rfind("/node_modules/").map_or("", |i| &base[..i]);
                    if !base.contains("node_modules/") {
                        base = "";
                    }
                };
                if let Some(to) = found.and_then(|k| purl_of(&k)) {
                    out.push((from.clone(), to));
                }
            }
        }
    }
    out
}

/// Bytes of the first character (a scoped name's leading `@` is skipped this way; any other
/// first character too, whatever its length in UTF-8).
fn first_char_len(s: &str) -> usize {
    s.chars().next().map_or(0, char::len_utf8)
}

fn decl(ecosystem: &str, name: &str, version: &str, license: Option<&str>, homepage: Option<&str>) -> ComponentDecl {
    let version = Some(version.trim().to_string()).filter(|v| !v.is_empty());
    let original = license.map(str::trim).filter(|l| !l.is_empty()).map(str::to_string);
    let declared = original.as_deref().and_then(|l| clearance_licenses::normalize(l).ok()).map(|n| n.expression);
    ComponentDecl {
        ecosystem: ecosystem.to_string(),
        name: name.to_string(),
        purl: Some(purl(ecosystem, name, version.as_deref())),
        version,
        declared_license: declared,
        declared_original: original,
        homepage: homepage.map(str::to_string),
        supplier: None,
    }
}

fn bad(kind: &str, e: impl std::fmt::Display) -> String {
    format!("malformed {kind}: {e}")
}

fn cargo_lock(text: &str) -> Result<Vec<ComponentDecl>, String> {
    let doc: toml::Table = text.parse().map_err(|e| bad("Cargo.lock", e))?;
    let packages = doc.get("package").and_then(|p| p.as_array()).cloned().unwrap_or_default();
    Ok(packages
        .iter()
        .filter_map(|p| {
            let t = p.as_table()?;
            // Without a source the package is part of this workspace (or a path dependency):
            // its own Cargo.toml is scanned as a manifest.
            t.get("source")?;
            Some(decl("cargo", t.get("name")?.as_str()?, t.get("version")?.as_str()?, None, None))
        })
        .collect())
}

fn toml_packages(text: &str, ecosystem: &str) -> Result<Vec<ComponentDecl>, String> {
    let doc: toml::Table = text.parse().map_err(|e| bad("lockfile", e))?;
    let packages = doc.get("package").and_then(|p| p.as_array()).cloned().unwrap_or_default();
    Ok(packages
        .iter()
        .filter_map(|p| {
            let t = p.as_table()?;
            // uv marks the project itself (and workspace members) with a virtual or editable source.
            if let Some(src) = t.get("source").and_then(|s| s.as_table())
                && (src.contains_key("virtual") || src.contains_key("editable"))
            {
                return None;
            }
            Some(decl(ecosystem, t.get("name")?.as_str()?, t.get("version")?.as_str()?, None, None))
        })
        .collect())
}

fn npm_lock(text: &str) -> Result<Vec<ComponentDecl>, String> {
    let doc: serde_json::Value = serde_json::from_str(text).map_err(|e| bad("package-lock.json", e))?;
    let mut out = Vec::new();
    if let Some(packages) = doc.get("packages").and_then(|p| p.as_object()) {
        // lockfileVersion 2 and 3: one entry per installed folder.
        for (key, entry) in packages {
            let Some(at) = key.rfind("node_modules/") else { continue };
            if entry.get("link").and_then(|l| l.as_bool()) == Some(true) {
                continue;
            }
            let name = entry.get("name").and_then(|n| n.as_str()).unwrap_or(&key[at + "node_modules/".len()..]);
            let Some(version) = entry.get("version").and_then(|v| v.as_str()) else { continue };
            let license = entry.get("license").and_then(|l| l.as_str());
            out.push(decl("npm", name, version, license, None));
        }
    } else if let Some(deps) = doc.get("dependencies").and_then(|d| d.as_object()) {
        // lockfileVersion 1: nested `dependencies`.
        let mut stack: Vec<&serde_json::Map<String, serde_json::Value>> = vec![deps];
        while let Some(map) = stack.pop() {
            for (name, entry) in map {
                if let Some(version) = entry.get("version").and_then(|v| v.as_str())
                    && !version.starts_with("file:")
                {
                    out.push(decl("npm", name, version, None, None));
                }
                if let Some(nested) = entry.get("dependencies").and_then(|d| d.as_object()) {
                    stack.push(nested);
                }
            }
        }
    }
    Ok(out)
}

/// `name@range` (or `@scope/name@npm:range`) → name.
fn npm_name_of_spec(spec: &str) -> Option<&str> {
    let spec = spec.trim().trim_matches('"');
    let at = spec[first_char_len(spec)..].find('@').map(|i| i + first_char_len(spec))?;
    Some(&spec[..at]).filter(|n| !n.is_empty())
}

fn yarn_lock(text: &str) -> Vec<ComponentDecl> {
    let mut out = Vec::new();
    let mut name: Option<String> = None;
    for line in text.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        if !line.starts_with(' ') {
            // A block header: `"a@^1", a@^1.1:` (classic) or `"a@npm:^1, a@npm:^1.1":` (Berry).
            name = None;
            let header = line.trim_end_matches(':');
            if header.starts_with("__metadata") {
                continue;
            }
            let first = header.split(',').next().unwrap_or("").trim().trim_matches('"');
            if first.contains("@workspace:") || first.contains("@link:") || first.contains("@portal:") {
                continue;
            }
            name = npm_name_of_spec(first).map(str::to_string);
        } else if let Some(n) = &name {
            let t = line.trim();
            let version =
                t.strip_prefix("version ").or_else(|| t.strip_prefix("version: ")).map(|v| v.trim().trim_matches('"'));
            if let Some(v) = version {
                out.push(decl("npm", n, v, None, None));
                name = None;
            }
        }
    }
    out
}

/// A pnpm package key → (name, version): `/a@1.0.0:` (v6), `a@1.0.0:` (v9), `/a/1.0.0:` (v5),
/// with peer suffixes `(b@2.0.0)` and quotes when needed.
fn pnpm_key(key: &str) -> Option<(&str, &str)> {
    let key = key.trim().trim_end_matches(':').trim_matches(|c| c == '\'' || c == '"');
    let key = key.strip_prefix('/').unwrap_or(key);
    let key = key.split('(').next().unwrap_or(key);
    let skip = first_char_len(key);
    let (name, version) = match key[skip..].rfind('@') {
        Some(at) => (&key[..skip + at], &key[skip + at + 1..]),
        None => key.rsplit_once('/')?,
    };
    (!name.is_empty() && !version.is_empty()).then_some((name, version))
}

fn pnpm_lock(text: &str) -> Vec<ComponentDecl> {
    let mut out = Vec::new();
    let mut in_packages = false;
    for line in text.lines() {
        if !line.starts_with(' ') && !line.trim().is_empty() {
            in_packages = line.trim_end() == "packages:";
            continue;
        }
        if !in_packages {
            continue;
        }
        // Package keys are indented two spaces.
        let Some(key) = line.strip_prefix("  ").filter(|k| !k.starts_with(' ')) else { continue };
        if let Some((name, version)) = pnpm_key(key)
            && !version.starts_with("link:")
            && !version.starts_with("file:")
        {
            out.push(decl("npm", name, version, None, None));
        }
    }
    out
}

fn gemfile_lock(text: &str) -> Vec<ComponentDecl> {
    let mut out = Vec::new();
    let mut section = "";
    let mut in_specs = false;
    for line in text.lines() {
        if !line.starts_with(' ') {
            section = line.trim();
            in_specs = false;
            continue;
        }
        if line.trim() == "specs:" {
            in_specs = true;
            continue;
        }
        // Gems are indented four spaces; their own dependencies six.
        if in_specs
            && matches!(section, "GEM" | "GIT" | "PATH")
            && let Some(spec) = line.strip_prefix("    ").filter(|s| !s.starts_with(' '))
            && let Some((name, rest)) = spec.split_once(" (")
        {
            if section == "PATH" {
                continue; // a gem of this repository: its gemspec is scanned
            }
            let version = rest.trim_end_matches(')');
            // Platform-specific builds: 1.15.4-x86_64-linux → 1.15.4
            let version = version.split_once('-').map_or(version, |(v, _)| v);
            out.push(decl("gem", name.trim(), version, None, None));
        }
    }
    out
}

fn composer_lock(text: &str) -> Result<Vec<ComponentDecl>, String> {
    let doc: serde_json::Value = serde_json::from_str(text).map_err(|e| bad("composer.lock", e))?;
    let mut out = Vec::new();
    for key in ["packages", "packages-dev"] {
        for p in doc.get(key).and_then(|p| p.as_array()).into_iter().flatten() {
            let (Some(name), Some(version)) =
                (p.get("name").and_then(|n| n.as_str()), p.get("version").and_then(|v| v.as_str()))
            else {
                continue;
            };
            let licenses: Vec<&str> =
                p.get("license").and_then(|l| l.as_array()).into_iter().flatten().filter_map(|l| l.as_str()).collect();
            let license = if licenses.is_empty() { None } else { Some(licenses.join(" OR ")) };
            let homepage = p.get("homepage").and_then(|h| h.as_str());
            out.push(decl("composer", name, version.trim_start_matches('v'), license.as_deref(), homepage));
        }
    }
    Ok(out)
}

fn pipfile_lock(text: &str) -> Result<Vec<ComponentDecl>, String> {
    let doc: serde_json::Value = serde_json::from_str(text).map_err(|e| bad("Pipfile.lock", e))?;
    let mut out = Vec::new();
    for key in ["default", "develop"] {
        for (name, entry) in doc.get(key).and_then(|d| d.as_object()).into_iter().flatten() {
            if let Some(v) = entry.get("version").and_then(|v| v.as_str()) {
                out.push(decl("pypi", name, v.trim_start_matches("=="), None, None));
            }
        }
    }
    Ok(out)
}

fn go_modules(text: &str) -> Vec<ComponentDecl> {
    text.lines()
        .filter_map(|l| l.strip_prefix("# "))
        .filter_map(|l| {
            let mut parts = l.split_whitespace();
            let module = parts.next()?;
            let version = parts.next()?;
            // `# a v1 => b v2`: the replacement is what is vendored.
            let rest: Vec<&str> = parts.collect();
            match rest.as_slice() {
                ["=>", to, v, ..] if !to.starts_with('.') && !to.starts_with('/') => {
                    Some(decl("golang", to, v, None, None))
                }
                ["=>", ..] => None, // replaced by a local folder: scanned as files
                _ if version.starts_with('v') => Some(decl("golang", module, version, None, None)),
                _ => None,
            }
        })
        .collect()
}

fn swift_resolved(text: &str) -> Result<Vec<ComponentDecl>, String> {
    let doc: serde_json::Value = serde_json::from_str(text).map_err(|e| bad("Package.resolved", e))?;
    let pins = doc.get("pins").or_else(|| doc.get("object").and_then(|o| o.get("pins")));
    Ok(pins
        .and_then(|p| p.as_array())
        .into_iter()
        .flatten()
        .filter_map(|p| {
            let location = p.get("location").or_else(|| p.get("repositoryURL"))?.as_str()?;
            let version = p.get("state")?.get("version")?.as_str()?;
            // purl's swift type: pkg:swift/github.com/apple/swift-nio@2.0.0
            let name = location
                .trim_start_matches("https://")
                .trim_start_matches("http://")
                .trim_start_matches("git@")
                .replace(':', "/")
                .trim_end_matches(".git")
                .to_string();
            Some(decl("swift", &name, version, None, Some(location)))
        })
        .collect())
}

fn nuget_lock(text: &str) -> Result<Vec<ComponentDecl>, String> {
    let doc: serde_json::Value = serde_json::from_str(text).map_err(|e| bad("packages.lock.json", e))?;
    let mut out = Vec::new();
    for framework in doc.get("dependencies").and_then(|d| d.as_object()).into_iter().flat_map(|d| d.values()) {
        for (name, entry) in framework.as_object().into_iter().flatten() {
            if entry.get("type").and_then(|t| t.as_str()) == Some("Project") {
                continue;
            }
            if let Some(v) = entry.get("resolved").and_then(|v| v.as_str()) {
                out.push(decl("nuget", name, v, None, None));
            }
        }
    }
    Ok(out)
}

fn podfile_lock(text: &str) -> Vec<ComponentDecl> {
    let mut out = Vec::new();
    let mut in_pods = false;
    for line in text.lines() {
        if !line.starts_with(' ') {
            in_pods = line.trim_end() == "PODS:";
            continue;
        }
        // Pods are `  - Name (1.2.3)` or `  - Name (1.2.3):`; their dependencies are indented more.
        if in_pods
            && let Some(item) = line.strip_prefix("  - ")
            && let Some((name, rest)) = item.trim_end_matches(':').trim().trim_matches('"').split_once(" (")
        {
            out.push(decl("cocoapods", name, rest.trim_end_matches(')'), None, None));
        }
    }
    out
}

fn conanfile(text: &str) -> Vec<ComponentDecl> {
    let mut out = Vec::new();
    let mut in_requires = false;
    for line in text.lines().map(str::trim) {
        if line.starts_with('[') {
            in_requires = matches!(line, "[requires]" | "[tool_requires]" | "[build_requires]");
            continue;
        }
        if in_requires
            && !line.is_empty()
            && !line.starts_with('#')
            && let Some((name, rest)) = line.split_once('/')
        {
            let version = rest.split(['@', '#']).next().unwrap_or(rest);
            out.push(decl("conan", name, version, None, None));
        }
    }
    out
}

/// dpkg's database of an unpacked system or container image: installed packages.
fn dpkg_status(text: &str) -> Vec<ComponentDecl> {
    let mut out = Vec::new();
    for para in text.split("\n\n") {
        let field = |k: &str| {
            para.lines().find_map(|l| l.strip_prefix(k).and_then(|r| r.strip_prefix(':')).map(|v| v.trim().to_string()))
        };
        let installed = field("Status").is_some_and(|s| s.ends_with(" installed"));
        if let (true, Some(name), Some(version)) = (installed, field("Package"), field("Version")) {
            out.push(decl("deb", &name, &version, None, field("Homepage").as_deref()));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn purls(path: &str, text: &str) -> Vec<String> {
        parse_lockfile(path, text).unwrap().into_iter().map(|c| c.purl.unwrap()).collect()
    }

    #[test]
    fn cargo_lock_lists_registry_and_git_packages_not_workspace_members() {
        let text = r#"
version = 3

[[package]]
name = "app"
version = "0.1.0"
dependencies = ["serde"]

[[package]]
name = "serde"
version = "1.0.200"
source = "registry+https://github.com/rust-lang/crates.io-index"
checksum = "abc"

[[package]]
name = "gitdep"
version = "0.3.0"
source = "git+https://example.com/gitdep#abc"
"#;
        assert_eq!(purls("Cargo.lock", text), ["pkg:cargo/serde@1.0.200", "pkg:cargo/gitdep@0.3.0"]);
        assert!(parse_lockfile("Cargo.lock", "[[package]\nname=").is_err());
    }

    #[test]
    fn package_lock_v3_and_v1() {
        let v3 = r#"{"lockfileVersion": 3, "packages": {
            "": {"name": "app", "version": "1.0.0"},
            "node_modules/left-pad": {"version": "1.3.0", "license": "WTFPL"},
            "node_modules/@acme/colors": {"version": "3.1.0", "license": "MIT"},
            "node_modules/a/node_modules/b": {"version": "2.0.0"},
            "node_modules/local": {"resolved": "../local", "link": true},
            "packages/ws": {"version": "0.0.1"}
        }}"#;
        let c = parse_lockfile("package-lock.json", v3).unwrap();
        let mut p: Vec<_> = c.iter().map(|c| c.purl.clone().unwrap()).collect();
        p.sort();
        assert_eq!(p, ["pkg:npm/%40acme/colors@3.1.0", "pkg:npm/b@2.0.0", "pkg:npm/left-pad@1.3.0"]);
        let declared = |name: &str| c.iter().find(|c| c.name == name).unwrap().declared_license.clone();
        assert_eq!(declared("left-pad").as_deref(), Some("WTFPL"));
        assert_eq!(declared("@acme/colors").as_deref(), Some("MIT"));
        let v1 = r#"{"lockfileVersion": 1, "dependencies": {"a": {"version": "1.0.0", "dependencies": {"b": {"version": "2.0.0"}}}, "loc": {"version": "file:../loc"}}}"#;
        let mut p = purls("package-lock.json", v1);
        p.sort();
        assert_eq!(p, ["pkg:npm/a@1.0.0", "pkg:npm/b@2.0.0"]);
    }

    #[test]
    fn yarn_classic_and_berry() {
        let classic = r#"# yarn lockfile v1


"@babel/code-frame@^7.0.0", "@babel/code-frame@^7.10.4":
  version "7.12.13"
  resolved "https://registry.yarnpkg.com/@babel/code-frame/-/code-frame-7.12.13.tgz"

lodash@^4.17.21:
  version "4.17.21"
"#;
        assert_eq!(purls("yarn.lock", classic), ["pkg:npm/%40babel/code-frame@7.12.13", "pkg:npm/lodash@4.17.21"]);
        let berry = r#"__metadata:
  version: 6

"app@workspace:.":
  version: 0.0.0-use.local

"lodash@npm:^4.17.21":
  version: 4.17.21
  resolution: "lodash@npm:4.17.21"
"#;
        assert_eq!(purls("yarn.lock", berry), ["pkg:npm/lodash@4.17.21"]);
    }

    #[test]
    fn pnpm_v5_v6_v9() {
        let text = "lockfileVersion: '9.0'\n\nimporters:\n  .:\n    dependencies:\n      a: 1.0.0\n\npackages:\n\n  a@1.0.0:\n    resolution: {integrity: x}\n\n  '@s/b@2.0.0(react@18.0.0)':\n    resolution: {}\n  /c@3.0.0:\n    dev: true\n  /d/4.0.0:\n    dev: false\n\nsnapshots:\n\n  a@1.0.0: {}\n";
        assert_eq!(
            purls("pnpm-lock.yaml", text),
            ["pkg:npm/a@1.0.0", "pkg:npm/%40s/b@2.0.0", "pkg:npm/c@3.0.0", "pkg:npm/d@4.0.0"]
        );
    }

    #[test]
    fn gemfile_lock_specs_without_their_dependencies_or_local_gems() {
        let text = "PATH\n  remote: .\n  specs:\n    mygem (0.1.0)\n\nGEM\n  remote: https://rubygems.org/\n  specs:\n    nokogiri (1.15.4-x86_64-linux)\n      racc (~> 1.4)\n    racc (1.7.1)\n\nPLATFORMS\n  x86_64-linux\n";
        assert_eq!(purls("Gemfile.lock", text), ["pkg:gem/nokogiri@1.15.4", "pkg:gem/racc@1.7.1"]);
    }

    #[test]
    fn composer_lock_declares_licenses() {
        let text = r#"{"packages": [{"name": "monolog/monolog", "version": "v3.5.0", "license": ["MIT"], "homepage": "https://github.com/Seldaek/monolog"}],
                      "packages-dev": [{"name": "phpunit/phpunit", "version": "10.0.0", "license": ["BSD-3-Clause"]}]}"#;
        let c = parse_lockfile("composer.lock", text).unwrap();
        assert_eq!(c[0].purl.as_deref(), Some("pkg:composer/monolog/monolog@3.5.0"));
        assert_eq!(c[0].declared_license.as_deref(), Some("MIT"));
        assert_eq!(c[0].homepage.as_deref(), Some("https://github.com/Seldaek/monolog"));
        assert_eq!(c[1].declared_license.as_deref(), Some("BSD-3-Clause"));
    }

    #[test]
    fn python_go_swift_nuget() {
        let poetry = "[[package]]\nname = \"Requests\"\nversion = \"2.31.0\"\n\n[[package]]\nname = \"idna\"\nversion = \"3.6\"\n";
        assert_eq!(purls("poetry.lock", poetry), ["pkg:pypi/requests@2.31.0", "pkg:pypi/idna@3.6"]);
        let uv = "[[package]]\nname = \"me\"\nversion = \"0.1.0\"\nsource = { editable = \".\" }\n\n[[package]]\nname = \"rich\"\nversion = \"13.7.0\"\nsource = { registry = \"https://pypi.org/simple\" }\n";
        assert_eq!(purls("uv.lock", uv), ["pkg:pypi/rich@13.7.0"]);
        let pipfile =
            r#"{"default": {"flask": {"version": "==3.0.0"}}, "develop": {"pytest": {"version": "==8.0.0"}}}"#;
        assert_eq!(purls("Pipfile.lock", pipfile), ["pkg:pypi/flask@3.0.0", "pkg:pypi/pytest@8.0.0"]);
        let modules = "# github.com/pkg/errors v0.9.1\n## explicit\ngithub.com/pkg/errors\n# golang.org/x/sys v0.1.0 => golang.org/x/sys v0.2.0\n# example.com/local v1.0.0 => ../local\n";
        assert_eq!(
            purls("vendor/modules.txt", modules),
            ["pkg:golang/github.com/pkg/errors@v0.9.1", "pkg:golang/golang.org/x/sys@v0.2.0"]
        );
        assert!(is_lockfile("a/vendor/modules.txt") && !is_lockfile("modules.txt"));
        let swift = r#"{"pins": [{"identity": "swift-nio", "location": "https://github.com/apple/swift-nio.git", "state": {"version": "2.62.0"}}], "version": 2}"#;
        assert_eq!(purls("Package.resolved", swift), ["pkg:swift/github.com/apple/swift-nio@2.62.0"]);
        let nuget = r#"{"version": 1, "dependencies": {"net8.0": {"Newtonsoft.Json": {"type": "Direct", "resolved": "13.0.3"}, "Mine": {"type": "Project"}}}}"#;
        assert_eq!(purls("packages.lock.json", nuget), ["pkg:nuget/Newtonsoft.Json@13.0.3"]);
    }

    #[test]
    fn relations_from_cargo_lock_and_package_lock() {
        let lock = "[[package]]\nname = \"app\"\nversion = \"0.1.0\"\ndependencies = [\"serde\", \"rand 0.8.5\"]\n\n[[package]]\nname = \"serde\"\nversion = \"1.0.0\"\nsource = \"registry+x\"\n\n[[package]]\nname = \"rand\"\nversion = \"0.8.5\"\nsource = \"registry+x\"\ndependencies = [\"serde\"]\n\n[[package]]\nname = \"rand\"\nversion = \"0.9.0\"\nsource = \"registry+x\"\n";
        assert_eq!(
            parse_relations("Cargo.lock", lock),
            [
                ("pkg:cargo/app@0.1.0".to_string(), "pkg:cargo/rand@0.8.5".to_string()),
                ("pkg:cargo/app@0.1.0".to_string(), "pkg:cargo/serde@1.0.0".to_string()),
                ("pkg:cargo/rand@0.8.5".to_string(), "pkg:cargo/serde@1.0.0".to_string()),
            ]
        );
        let npm = r#"{"lockfileVersion": 3, "packages": {
            "": {"name": "web", "version": "1.0.0", "dependencies": {"a": "^1"}},
            "node_modules/a": {"version": "1.0.0", "dependencies": {"b": "^2"}},
            "node_modules/a/node_modules/b": {"version": "2.0.0"},
            "node_modules/b": {"version": "1.0.0"},
            "node_modules/c": {"version": "3.0.0", "dependencies": {"b": "^1"}}
        }}"#;
        assert_eq!(
            parse_relations("package-lock.json", npm),
            [
                ("pkg:npm/a@1.0.0".to_string(), "pkg:npm/b@2.0.0".to_string()),
                ("pkg:npm/c@3.0.0".to_string(), "pkg:npm/b@1.0.0".to_string()),
                ("pkg:npm/web@1.0.0".to_string(), "pkg:npm/a@1.0.0".to_string()),
            ]
        );
        assert!(parse_relations("Cargo.lock", "not toml [").is_empty());
        let gems = "GEM\n  remote: https://rubygems.org/\n  specs:\n    nokogiri (1.15.4)\n      racc (~> 1.4)\n    racc (1.7.1)\n";
        assert_eq!(
            parse_relations("Gemfile.lock", gems),
            [("pkg:gem/nokogiri@1.15.4".to_string(), "pkg:gem/racc@1.7.1".to_string())]
        );
        let poetry = "[[package]]\nname = \"requests\"\nversion = \"2.31.0\"\n\n[package.dependencies]\nidna = \">=2.5\"\n\n[[package]]\nname = \"idna\"\nversion = \"3.6\"\n";
        assert_eq!(
            parse_relations("poetry.lock", poetry),
            [("pkg:pypi/requests@2.31.0".to_string(), "pkg:pypi/idna@3.6".to_string())]
        );
        let uv = "[[package]]\nname = \"rich\"\nversion = \"13.7.0\"\ndependencies = [{ name = \"Pygments\" }]\n\n[[package]]\nname = \"pygments\"\nversion = \"2.17.2\"\n";
        assert_eq!(
            parse_relations("uv.lock", uv),
            [("pkg:pypi/rich@13.7.0".to_string(), "pkg:pypi/pygments@2.17.2".to_string())]
        );
        let composer = r#"{"packages": [{"name": "a/b", "version": "1.0.0", "require": {"php": ">=8", "c/d": "^2"}}, {"name": "c/d", "version": "2.1.0"}]}"#;
        let yarn =
            "a@^1.0.0:\n  version \"1.2.0\"\n  dependencies:\n    b \"^2.0.0\"\n\nb@^2.0.0:\n  version \"2.1.0\"\n";
        assert_eq!(
            parse_relations("yarn.lock", yarn),
            [("pkg:npm/a@1.2.0".to_string(), "pkg:npm/b@2.1.0".to_string())]
        );
        let berry = "\"a@npm:^1.0.0\":\n  version: 1.2.0\n  dependencies:\n    b: \"npm:^2.0.0\"\n\n\"b@npm:^2.0.0\":\n  version: 2.1.0\n";
        assert_eq!(
            parse_relations("yarn.lock", berry),
            [("pkg:npm/a@1.2.0".to_string(), "pkg:npm/b@2.1.0".to_string())]
        );
        let pnpm = "lockfileVersion: '9.0'\n\npackages:\n\n  a@1.0.0:\n    resolution: {}\n\nsnapshots:\n\n  a@1.0.0:\n    dependencies:\n      b: 2.0.0(react@18.0.0)\n\n  b@2.0.0: {}\n";
        assert_eq!(
            parse_relations("pnpm-lock.yaml", pnpm),
            [("pkg:npm/a@1.0.0".to_string(), "pkg:npm/b@2.0.0".to_string())]
        );
        let nuget = r#"{"dependencies": {"net8.0": {"A": {"type": "Direct", "resolved": "1.0.0", "dependencies": {"B": "[2.0.0, )"}}, "B": {"type": "Transitive", "resolved": "2.1.0"}}}}"#;
        assert_eq!(
            parse_relations("packages.lock.json", nuget),
            [("pkg:nuget/A@1.0.0".to_string(), "pkg:nuget/B@2.1.0".to_string())]
        );
        let pods = "PODS:\n  - A (1.0.0):\n    - B (~> 2.0)\n  - B (2.1.0)\n\nDEPENDENCIES:\n  - A\n";
        assert_eq!(
            parse_relations("Podfile.lock", pods),
            [("pkg:cocoapods/A@1.0.0".to_string(), "pkg:cocoapods/B@2.1.0".to_string())]
        );
        assert_eq!(
            parse_relations("composer.lock", composer),
            [("pkg:composer/a/b@1.0.0".to_string(), "pkg:composer/c/d@2.1.0".to_string())]
        );
    }

    #[test]
    fn cocoapods_conan_dpkg() {
        let pods = "PODS:\n  - Alamofire (5.8.0)\n  - \"Firebase/Core (10.0.0)\":\n    - FirebaseCore (= 10.0.0)\n\nDEPENDENCIES:\n  - Alamofire\n";
        assert_eq!(
            purls("Podfile.lock", pods),
            ["pkg:cocoapods/Alamofire@5.8.0", "pkg:cocoapods/Firebase%2FCore@10.0.0"]
        );
        let conan = "[requires]\nzlib/1.2.13\nopenssl/3.1.0@acme/stable\n\n[generators]\nCMakeDeps\n";
        assert_eq!(purls("conanfile.txt", conan), ["pkg:conan/zlib@1.2.13", "pkg:conan/openssl@3.1.0"]);
        let status = "Package: libc6\nStatus: install ok installed\nVersion: 2.36-9\nHomepage: https://www.gnu.org/software/libc/libc.html\n\nPackage: gone\nStatus: deinstall ok config-files\nVersion: 1.0\n";
        let c = parse_lockfile("var/lib/dpkg/status", status).unwrap();
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].purl.as_deref(), Some("pkg:deb/debian/libc6@2.36-9"));
        assert!(!is_lockfile("status") && is_lockfile("rootfs/var/lib/dpkg/status"));
    }

    #[test]
    fn non_ascii_first_characters_found_by_the_fuzzer() {
        // fuzz/artifacts/manifest/crash-db99…: "Э" as a yarn.lock block header sliced inside a
        // character. Every name-splitting path gets the same input.
        for name in ["yarn.lock", "pnpm-lock.yaml", "Podfile.lock", "Gemfile.lock"] {
            for text in [
                "Э",
                "Э@1:\n  version \"1\"\n",
                "packages:\n  Э@1:\n  'Эx@2':\n",
                "Э\n  version: 1\n  dependencies:\n    Э: 1\n",
            ] {
                let _ = parse_lockfile(name, text);
                let _ = parse_relations(name, text);
            }
        }
        let c = parse_lockfile("yarn.lock", "Эa@^1.0.0:\n  version \"1.0.0\"\n").unwrap();
        assert_eq!(c[0].name, "Эa");
    }

    #[test]
    fn garbage_never_panics() {
        for name in ["yarn.lock", "pnpm-lock.yaml", "Gemfile.lock", "vendor/modules.txt"] {
            for text in [
                "",
                "@",
                "\"@\":\n  version",
                "  '@'\n",
                "packages:\n  @:\n  /:\n  a@:\n",
                "GEM\n  specs:\n     (\n    x (",
            ] {
                let _ = parse_lockfile(name, text);
            }
        }
        for name in ["package-lock.json", "composer.lock", "Pipfile.lock", "Package.resolved", "packages.lock.json"] {
            assert!(parse_lockfile(name, "{").is_err());
            assert!(parse_lockfile(name, "[]").unwrap().is_empty());
        }
    }
}
