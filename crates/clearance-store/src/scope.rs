//! What the release ships. A lockfile a bundled package carries for its own build — anywhere
//! under an installed-packages folder (`vendor/foo/Cargo.lock`, `node_modules/x/yarn.lock`), or
//! below another lockfile of the same kind (`tools/x/Cargo.lock` under the release's) — lists what
//! the package was built and tested with upstream (cargo and npm ignore such files), not what
//! this release builds. Its entries are evidence, not parts of the release. One definition,
//! [`development_entries`], serves attribution, release diffs and the scan: as a scan ends,
//! entries of such lockfiles that are new to the review are marked not shipped (an exclusion,
//! with the reason, in the name of whoever started the scan, in the audit log). A reviewer can
//! take one back in; a later scan leaves that decision alone, because it only marks entries new
//! to the review.

use std::collections::HashSet;

use rusqlite::{Transaction, params};

use crate::{ComponentRow, Result};

/// Folders that hold other packages' installed or vendored copies.
const INSTALLED: &[&str] =
    &["node_modules", "vendor", "site-packages", "dist-packages", "bower_components", "jspm_packages"];

/// Lockfiles that describe one kind of build: npm's four formats are one, Python's three are one.
fn family(path: &str) -> &str {
    clearance_scan::lockfile_format(path).map_or(path, |f| f.family)
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
    let dir = folder_of(path);
    if let Some(installed) = dir.split('/').find(|seg| INSTALLED.contains(seg)) {
        return Some(format!(
            "listed only by {path}, the lockfile of a package installed or vendored under {installed}/ (its own build, not this release's)"
        ));
    }
    let kind = family(path);
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

/// The lockfile a lockfile entry comes from (its key is `lockfile-path#purl`).
fn lockfile_of(c: &ComponentRow) -> Option<&str> {
    let key = c.manifest_path.as_deref()?;
    Some(key.split_once('#').map_or(key, |(p, _)| p))
}

/// Entries of lockfiles that a bundled package carries for its own development (see the
/// module's doc), with why. A product's own lockfiles — at the top, or a sub-project's
/// (`ui/package-lock.json` beside a Rust workspace's `Cargo.lock`) — are not among them.
pub fn development_entries_why(components: &[ComponentRow]) -> std::collections::HashMap<i64, String> {
    let lockfiles: HashSet<(String, String)> = components
        .iter()
        .filter(|c| c.source == crate::ComponentSource::Lockfile)
        .filter_map(lockfile_of)
        .map(|p| (folder_of(p).to_string(), family(p).to_string()))
        .collect();
    let mut out = std::collections::HashMap::new();
    for c in components.iter().filter(|c| c.source == crate::ComponentSource::Lockfile && c.files == 0) {
        let Some(lockfile) = lockfile_of(c) else { continue };
        if let Some(why) = nested_lockfile_reason(lockfile, &lockfiles) {
            out.insert(c.id, why);
        }
    }
    out
}

/// The ids of [`development_entries_why`].
pub fn development_entries(components: &[ComponentRow]) -> HashSet<i64> {
    development_entries_why(components).into_keys().collect()
}

/// Mark the development entries that are new in this scan (component ids from `first_new` on)
/// as not shipped.
pub(crate) fn exclude_nested_lockfile_entries(
    tx: &Transaction,
    root_id: i64,
    first_new: i64,
    actor: &str,
    now: &str,
) -> Result<()> {
    let components = crate::query::components_where(tx, "c.root_id = ?1", &[&root_id])?;
    let mut development: Vec<(i64, String)> =
        development_entries_why(&components).into_iter().filter(|(id, _)| *id >= first_new).collect();
    development.sort();
    for (id, why) in development {
        exclude_by_scan(tx, id, &format!("not shipped: {why}"), actor, now)?;
    }
    Ok(())
}

/// Mark a component not shipped in the name of the scan or import that found it so (unless it
/// is marked already), audited. True when it was marked.
fn exclude_by_scan(tx: &Transaction, id: i64, reason: &str, actor: &str, now: &str) -> Result<bool> {
    let n = tx.execute(
        "INSERT INTO exclusions (component_id, reason, reviewer, decided_at, by_scan) VALUES (?1, ?2, ?3, ?4, 1)
         ON CONFLICT(component_id) DO NOTHING",
        params![id, reason, actor, now],
    )?;
    if n == 1 {
        let after = crate::decision_state::exclusion_json(tx, id)?;
        crate::audit::append(
            tx,
            now,
            actor,
            crate::AuditAction::Exclude,
            &format!("exclusion:{id}"),
            None,
            after.as_deref(),
        )?;
    }
    Ok(n == 1)
}

impl crate::Review {
    /// In the review of a delivery's scan, a supplier's SBOM is evidence to compare with the
    /// scan (`diff --supplier`), not components to conclude: the entries of imported documents
    /// are marked not shipped, by the import, when the review also holds a scan. Answers how
    /// many were marked.
    pub fn set_aside_supplier_entries(&mut self, actor: &str, now: &str) -> Result<usize> {
        let tx = self.write_tx()?;
        Self::frozen_guard_pub(&tx)?;
        let scanned: i64 =
            tx.query_row("SELECT count(*) FROM roots WHERE path NOT LIKE '%#import'", [], |r| r.get(0))?;
        if scanned == 0 {
            return Ok(0);
        }
        let ids: Vec<i64> = tx
            .prepare(
                "SELECT c.id FROM components c JOIN roots r ON r.id = c.root_id
                 WHERE c.source = 'import' AND r.path LIKE '%#import'
                   AND NOT EXISTS (SELECT 1 FROM exclusions x WHERE x.component_id = c.id)",
            )?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for &id in &ids {
            let reason =
                "a supplier's SBOM entry: compared with the scan (diff --supplier), not a component of its own";
            exclude_by_scan(&tx, id, reason, actor, now)?;
        }
        tx.commit()?;
        Ok(ids.len())
    }
}

/// Components that do not ship: entries of bundled packages' own development lockfiles, and,
/// in a tree that vendors its packages, lockfile entries whose files are not in it (deleted,
/// build-only or for another platform). A tree that vendors nothing is reviewed from its
/// lockfiles: their entries stand.
pub fn not_shipped(components: &[ComponentRow]) -> HashSet<i64> {
    let mut out = development_entries(components);
    let vendoring: HashSet<(&str, Option<&str>)> = components
        .iter()
        .filter(|c| !c.is_root && c.source == crate::ComponentSource::Manifest && c.files > 0)
        .map(|c| (c.root.as_str(), c.ecosystem.as_deref()))
        .collect();
    for c in components {
        if c.source == crate::ComponentSource::Lockfile
            && c.files == 0
            && vendoring.contains(&(c.root.as_str(), c.ecosystem.as_deref()))
        {
            out.insert(c.id);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(paths: &[&str]) -> HashSet<(String, String)> {
        paths.iter().map(|p| (folder_of(p).to_string(), family(p).to_string())).collect()
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
