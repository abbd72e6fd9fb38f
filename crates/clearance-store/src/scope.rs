//! What the release ships. A lockfile inside a vendored or installed package
//! (`vendor/foo/Cargo.lock`, `node_modules/x/package-lock.json`), or below another lockfile of
//! the same ecosystem, describes that package's own build — its development and build
//! dependencies — not what this release builds: cargo and npm ignore such files. Its entries are
//! evidence, not parts of the release. As a scan ends, entries that first appear from such a
//! lockfile are marked not shipped (an exclusion, with the reason and in the name of whoever
//! started the scan, in the audit log). A reviewer can take one back in; a later scan leaves
//! that decision alone, because it only marks entries new to the review.

use std::collections::HashSet;

use rusqlite::{Transaction, params};

use crate::Result;

/// Folders that hold other packages' installed or vendored copies.
const INSTALLED: &[&str] =
    &["node_modules", "vendor", "site-packages", "dist-packages", "bower_components", "jspm_packages"];

/// Lockfiles that describe one kind of build: npm's four formats are one, Python's three are one.
fn family(name: &str) -> &str {
    match name {
        "package-lock.json" | "npm-shrinkwrap.json" | "yarn.lock" | "pnpm-lock.yaml" => "npm",
        "poetry.lock" | "uv.lock" | "Pipfile.lock" => "python",
        other => other,
    }
}

/// The folder a lockfile speaks for: its own, except Go's `vendor/modules.txt`, which speaks for
/// the module above `vendor`.
fn folder_of(path: &str) -> &str {
    let dir = path.rsplit_once('/').map_or("", |(d, _)| d);
    if path.ends_with("modules.txt") {
        return dir.rsplit_once('/').map_or("", |(d, _)| d);
    }
    dir
}

/// Why a lockfile is not the release's own, or `None` when it is.
pub(crate) fn nested_lockfile_reason(path: &str, lockfiles: &HashSet<(String, String)>) -> Option<String> {
    let name = path.rsplit('/').next().unwrap_or(path);
    let dir = folder_of(path);
    if let Some(installed) = dir.split('/').find(|seg| INSTALLED.contains(seg)) {
        return Some(format!(
            "listed only by {path}, the lockfile of a package installed or vendored under {installed}/ (its own build, not this release's)"
        ));
    }
    let kind = family(name);
    let mut above = dir;
    while !above.is_empty() {
        above = above.rsplit_once('/').map_or("", |(d, _)| d);
        if lockfiles.iter().any(|(d, k)| d == above && k == kind) {
            return Some(format!(
                "listed only by {path}, which sits below another lockfile of its kind in {} (a sub-package's own build; the outer lockfile says what the release builds)",
                if above.is_empty() { "the top folder" } else { above }
            ));
        }
    }
    None
}

/// Mark the entries of nested lockfiles that are new in this scan (component ids from
/// `first_new` on) as not shipped.
pub(crate) fn exclude_nested_lockfile_entries(
    tx: &Transaction,
    root_id: i64,
    first_new: i64,
    actor: &str,
    now: &str,
) -> Result<()> {
    let paths: Vec<String> = tx
        .prepare("SELECT path FROM files WHERE root_id = ?1 AND kind = 'manifest'")?
        .query_map([root_id], |r| r.get(0))?
        .filter_map(|r| r.ok())
        .filter(|p: &String| clearance_scan::is_lockfile(p))
        .collect();
    let lockfiles: HashSet<(String, String)> = paths
        .iter()
        .map(|p| (folder_of(p).to_string(), family(p.rsplit('/').next().unwrap_or(p)).to_string()))
        .collect();
    let new: Vec<(i64, String)> = tx
        .prepare(
            "SELECT c.id, c.manifest_path FROM components c
             WHERE c.root_id = ?1 AND c.source = 'lockfile' AND c.id >= ?2
               AND NOT EXISTS (SELECT 1 FROM exclusions x WHERE x.component_id = c.id)",
        )?
        .query_map(params![root_id, first_new], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (id, key) in new {
        let lockfile = key.split_once('#').map_or(key.as_str(), |(p, _)| p);
        let Some(reason) = nested_lockfile_reason(lockfile, &lockfiles) else { continue };
        let reason = format!("not shipped: {reason}");
        tx.execute(
            "INSERT INTO exclusions (component_id, reason, reviewer, decided_at, by_scan) VALUES (?1, ?2, ?3, ?4, 1)",
            params![id, reason, actor, now],
        )?;
        let after = crate::review::exclusion_json(tx, id)?;
        crate::audit::append(tx, now, actor, "exclude", &format!("exclusion:{id}"), None, after.as_deref())?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(paths: &[&str]) -> HashSet<(String, String)> {
        paths.iter().map(|p| (folder_of(p).to_string(), family(p.rsplit('/').next().unwrap()).to_string())).collect()
    }

    #[test]
    fn the_release_lockfiles_are_its_own_and_nested_ones_are_not() {
        let all = set(&[
            "Cargo.lock",
            "ui/package-lock.json",
            "vendor/foo/Cargo.lock",
            "tools/x/Cargo.lock",
            "go/vendor/modules.txt",
        ]);
        // The project's own lockfiles, of different ecosystems side by side.
        assert_eq!(nested_lockfile_reason("Cargo.lock", &all), None);
        assert_eq!(
            nested_lockfile_reason("ui/package-lock.json", &all),
            None,
            "npm below a Cargo.lock is its own build"
        );
        assert_eq!(
            nested_lockfile_reason("go/vendor/modules.txt", &all),
            None,
            "Go's vendor list speaks for its module"
        );
        // A vendored package's lockfile, and a sub-crate's below the release's Cargo.lock.
        assert!(nested_lockfile_reason("vendor/foo/Cargo.lock", &all).unwrap().contains("under vendor/"));
        assert!(nested_lockfile_reason("tools/x/Cargo.lock", &all).unwrap().contains("in the top folder"));
        assert!(nested_lockfile_reason("ui/node_modules/a/yarn.lock", &all).unwrap().contains("node_modules/"));
        // yarn.lock below a package-lock.json is the same kind of build.
        assert!(nested_lockfile_reason("ui/sub/yarn.lock", &all).unwrap().contains("in ui"));
    }
}
