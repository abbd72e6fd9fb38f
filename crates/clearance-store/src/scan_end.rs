//! The passes that run as a scan ends, over each scanned root, in the order `ScanWriter::finish`
//! calls them: the root's own component, one component per package (duplicate manifests and
//! lockfile entries merged), files assigned to their nearest component, the edges lockfiles
//! state, DEP-5 paragraphs applied to the files they cover, and license texts on no list kept.

use std::collections::HashMap;

use rusqlite::{OptionalExtension, Transaction, params};

use crate::Result;
use crate::lapse::lapse_conclusion;

/// The scanned root is a component: the package whose manifest sits at the top, or else one
/// named after the folder.
pub(crate) fn ensure_root_component(tx: &Transaction, root_id: i64, scan_id: i64) -> Result<()> {
    tx.execute("UPDATE components SET is_root = 0 WHERE root_id = ?1", [root_id])?;
    let top: Option<i64> = tx
        .query_row(
            // The top folder's manifest, or what an imported document says it describes (its key
            // starts with `root:`).
            "SELECT id FROM components WHERE root_id = ?1 AND dir = ''
               AND (source = 'manifest' OR (source = 'import' AND manifest_path LIKE 'root:%'))
             ORDER BY source = 'import', manifest_path LIMIT 1",
            [root_id],
            |r| r.get(0),
        )
        .optional()?;
    match top {
        Some(id) => {
            tx.execute("DELETE FROM components WHERE root_id = ?1 AND manifest_path = ''", [root_id])?;
            tx.execute("UPDATE components SET is_root = 1 WHERE id = ?1", [id])?;
        }
        None => {
            let name: String = tx.query_row("SELECT name FROM roots WHERE id = ?1", [root_id], |r| r.get(0))?;
            tx.execute(
                "INSERT INTO components (root_id, dir, manifest_path, name, is_root, last_scan_id, source) VALUES (?1, '', '', ?2, 1, ?3, 'folder')
                 ON CONFLICT(root_id, manifest_path) DO UPDATE SET is_root = 1, last_scan_id = excluded.last_scan_id",
                params![root_id, name, scan_id],
            )?;
        }
    }
    Ok(())
}

/// The folder a manifest's component owns: the manifest's own, except where the manifest sits
/// in a metadata folder of the package (`debian/copyright`, a jar's `META-INF/maven/…/pom.xml`).
pub(crate) fn component_dir(manifest: &str) -> &str {
    if let Some(i) = manifest.find("META-INF/maven/") {
        return manifest[..i].trim_end_matches('/');
    }
    let dir = manifest.rsplit_once('/').map_or("", |(d, _)| d);
    if manifest.ends_with("debian/copyright") {
        return dir.rsplit_once('/').map_or("", |(d, _)| d);
    }
    dir
}

/// A lockfile entry that is also in the tree as files (vendored, installed in node_modules) is
/// that component: the entry goes. Several lockfiles listing one package make one component
/// (the shallowest lockfile's entry stays, then the first by path). Decisions on entries that go lapse, visibly.
pub(crate) fn merge_lockfile_duplicates(tx: &Transaction, root_id: i64, now: &str) -> Result<()> {
    let doomed: Vec<(i64, String)> = tx
        .prepare(
            // Grouped, not correlated: a registry of crates lists the same packages in hundreds
            // of lockfiles, and a per-row subquery made this step quadratic (40 s on 35k files).
            // The shallowest lockfile's entry stays: the release's own before a vendored one's.
            "WITH lock AS (SELECT id, purl, name, version,
                                  printf('%05d', length(substr(manifest_path, 1, instr(manifest_path, '#')))
                                         - length(replace(substr(manifest_path, 1, instr(manifest_path, '#')), '/', '')))
                                  || manifest_path AS manifest_path
                           FROM components WHERE root_id = ?1 AND source = 'lockfile'),
                  first AS (SELECT purl, min(manifest_path) AS manifest_path FROM lock GROUP BY purl),
                  present AS (SELECT DISTINCT purl FROM components
                              WHERE root_id = ?1 AND source != 'lockfile' AND purl IS NOT NULL)
             SELECT l.id, l.name || ' ' || coalesce(l.version, '') FROM lock l JOIN first f ON f.purl = l.purl
             WHERE l.manifest_path != f.manifest_path OR l.purl IN (SELECT purl FROM present)",
        )?
        .query_map([root_id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    drop_components(tx, doomed, "the package is in the release as files, or another lockfile lists it", now)
}

/// Components that are another's duplicate go; a conclusion on one lapses, visibly.
pub(crate) fn drop_components(tx: &Transaction, doomed: Vec<(i64, String)>, reason: &str, now: &str) -> Result<()> {
    for (id, name) in doomed {
        lapse_conclusion(tx, id, &name, reason, now)?;
        tx.prepare_cached("DELETE FROM components WHERE id = ?1")?.execute([id])?;
    }
    Ok(())
}

/// One package declared twice in one folder (pyproject.toml and setup.py, an sdist's PKG-INFO
/// and setup.py) is one component: the first manifest by path stays. Decisions on the other
/// lapse, visibly.
pub(crate) fn merge_same_folder_manifests(tx: &Transaction, root_id: i64, now: &str) -> Result<()> {
    let doomed: Vec<(i64, String)> = tx
        .prepare(
            "WITH file AS (SELECT id, purl, dir, manifest_path, name, version FROM components
                           WHERE root_id = ?1 AND source != 'lockfile' AND purl IS NOT NULL AND manifest_path != ''),
                  first AS (SELECT purl, dir, min(manifest_path) AS manifest_path FROM file GROUP BY purl, dir)
             SELECT c.id, c.name || ' ' || coalesce(c.version, '') FROM file c
               JOIN first f ON f.purl = c.purl AND f.dir = c.dir
             WHERE c.manifest_path != f.manifest_path",
        )?
        .query_map([root_id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    drop_components(tx, doomed, "another manifest in the same folder declares the same package", now)
}

/// A DEP-5 `debian/copyright` says per file pattern what the license is. Files its explicit
/// paragraphs cover (not `Files: *`, which is the package's own declared license) get a finding
/// saying so; the last matching paragraph wins, as the format says. Recomputed as each scan ends.
pub(crate) fn apply_debian_copyright(tx: &Transaction, root_id: i64, now: &str) -> Result<()> {
    let sources: Vec<(String, String)> = tx
        .prepare(
            "SELECT f.path, t.text FROM files f JOIN file_texts t ON t.file_id = f.id
             WHERE f.root_id = ?1 AND (f.path = 'debian/copyright' OR f.path LIKE '%/debian/copyright')",
        )?
        .query_map([root_id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut wanted = Vec::new();
    for (path, text) in sources {
        let Some((_, paragraphs)) = clearance_scan::ecosystems::dep5(&text) else { continue };
        let base = &path[..path.len() - "debian/copyright".len()];
        let globs: Vec<(Vec<regex::Regex>, &clearance_scan::ecosystems::Dep5Files)> =
            paragraphs.iter().map(|p| (p.patterns.iter().filter_map(|g| dep5_pattern(g)).collect(), p)).collect();
        if globs.iter().all(|(_, p)| p.patterns.iter().all(|g| g == "*")) {
            continue;
        }
        let like = format!("{}%", base.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_"));
        let files: Vec<(i64, String)> = tx
            .prepare("SELECT id, path FROM files WHERE root_id = ?1 AND path LIKE ?2 ESCAPE '\\'")?
            .query_map(params![root_id, like], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        for (file_id, file_path) in files {
            let rel = &file_path[base.len()..];
            let Some((_, p)) = globs.iter().rev().find(|(res, _)| res.iter().any(|re| re.is_match(rel))) else {
                continue;
            };
            if p.patterns.iter().all(|g| g == "*") {
                continue;
            }
            let (expression, mut notes) = match clearance_licenses::normalize(&p.license) {
                Ok(n) => (Some(n.expression), n.notes),
                Err(e) => (None, vec![e.to_string()]),
            };
            notes.insert(0, format!("{path}: Files: {}", p.patterns.join(" ")));
            wanted.push(crate::derived::Derived {
                file_id,
                expression,
                original: p.license.clone(),
                score: 1.0,
                start_line: 1,
                end_line: 1,
                matched_text: format!("License: {} (stated by {path})", p.license),
                diagnostic: None,
                notes,
            });
        }
    }
    crate::derived::sync(tx, root_id, "debian-copyright", wanted, now)
}

/// License texts that are on no list (`LicenseRef-clearance-…` findings in license files) are
/// kept in the review under their id, the first time they are seen, with the file's whole text,
/// so a reviewer can conclude them and the exports carry them. Logged like any license text a
/// reviewer adds.
pub(crate) fn register_unlisted_licenses(tx: &Transaction, root_id: i64, actor: &str, now: &str) -> Result<()> {
    let found: Vec<(String, String, String)> = tx
        .prepare(
            "SELECT fi.expression, coalesce(fi.original, ''), t.text FROM findings fi
               JOIN files f ON f.id = fi.file_id JOIN file_texts t ON t.file_id = f.id
             WHERE f.root_id = ?1 AND fi.detector = 'license-text' AND fi.expression LIKE ?2 || '%'
               AND fi.expression NOT IN (SELECT id FROM license_refs)
             GROUP BY fi.expression",
        )?
        .query_map(params![root_id, clearance_scan::UNLISTED_PREFIX], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    // Licenses ScanCode's LicenseDB knows and the SPDX list does not: their texts are in the
    // rule index, under ScanCode's stable id.
    let scancode: Vec<String> = tx
        .prepare(
            "SELECT DISTINCT fl.license FROM finding_licenses fl JOIN findings fi ON fi.id = fl.finding_id
               JOIN files f ON f.id = fi.file_id
             WHERE f.root_id = ?1 AND fl.license LIKE 'LicenseRef-scancode-%'
               AND fl.license NOT IN (SELECT id FROM license_refs)",
        )?
        .query_map(params![root_id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut found = found;
    let index = (!scancode.is_empty()).then(clearance_licenses::rules::RuleIndex::shared);
    for id in scancode {
        let Some(index) = index else { break };
        let (Some(l), Some(text)) = (index.license_by_id(&id), index.license_text(&id)) else { continue };
        found.push((id.clone(), format!("{} (ScanCode LicenseDB, CC-BY-4.0)", l.name), text));
    }
    let actor = if actor.is_empty() { "clearance scan" } else { actor };
    for (id, title, text) in found {
        tx.execute(
            "INSERT INTO license_refs (id, name, text, reviewer, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![id, title, text, actor, now],
        )?;
        let after = serde_json::json!({"name": title, "text": text, "reviewer": actor, "created_at": now}).to_string();
        crate::audit::append(
            tx,
            now,
            actor,
            crate::AuditAction::AddLicenseRef,
            &format!("license-ref:{id}"),
            None,
            Some(&after),
        )?;
    }
    Ok(())
}

/// A DEP-5 file pattern as a regex: `*` any run of characters (slashes too, as the format says:
/// unlike `review::path_pattern`, where `*` stays within a folder), `?` one character.
pub(crate) fn dep5_pattern(glob: &str) -> Option<regex::Regex> {
    let mut re = String::from("^");
    for c in glob.trim_start_matches("./").chars() {
        match c {
            '*' => re.push_str(".*"),
            '?' => re.push('.'),
            c => re.push_str(&regex::escape(&c.to_string())),
        }
    }
    re.push('$');
    regex::Regex::new(&re).ok()
}

/// The component edges of a root, from what its lockfiles say, matched by purl.
pub(crate) fn resolve_dependencies(tx: &Transaction, root_id: i64) -> Result<()> {
    tx.execute(
        "DELETE FROM dependencies WHERE component_id IN (SELECT id FROM components WHERE root_id = ?1)",
        [root_id],
    )?;
    tx.execute(
        "INSERT OR IGNORE INTO dependencies (component_id, depends_on)
         SELECT a.id, b.id FROM lock_relations r JOIN files f ON f.id = r.file_id
           JOIN components a ON a.root_id = f.root_id AND a.purl = r.from_purl
           JOIN components b ON b.root_id = f.root_id AND b.purl = r.to_purl
         WHERE f.root_id = ?1 AND a.id != b.id",
        [root_id],
    )?;
    Ok(())
}

/// Each file belongs to the component whose folder is its nearest ancestor.
pub(crate) fn assign_components(tx: &Transaction, root_id: i64) -> Result<()> {
    let rows: Vec<(String, i64, String, String)> = tx
        .prepare(
            // In one folder the first owns the files: what an imported document describes (its
            // key starts with `root:`) before the packages it merely lists.
            "SELECT dir, id, manifest_path, name FROM components WHERE root_id = ?1 AND source != 'lockfile'
             ORDER BY length(dir) DESC, manifest_path NOT LIKE 'root:%', manifest_path",
        )?
        .query_map([root_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut comps: Vec<(String, i64)> = Vec::new();
    for (dir, id, manifest, name) in rows {
        // An installed Python distribution's code sits beside its .dist-info folder, in a
        // folder named after the import package (site-packages/tomlette beside
        // site-packages/tomlette-1.2.0.dist-info).
        if manifest.ends_with(".dist-info/METADATA") {
            let site = dir.rsplit_once('/').map_or("", |(s, _)| s);
            let package = name.to_ascii_lowercase().replace(['-', '.'], "_");
            comps.push((if site.is_empty() { package } else { format!("{site}/{package}") }, id));
        }
        comps.push((dir, id));
    }
    let mut by_dir: HashMap<&str, i64> = HashMap::new();
    for (dir, id) in &comps {
        // Two manifests in one folder: the first by manifest path owns the files.
        by_dir.entry(dir.as_str()).or_insert(*id);
    }
    let files: Vec<(i64, String, Option<i64>)> = tx
        .prepare("SELECT id, path, component_id FROM files WHERE root_id = ?1")?
        .query_map([root_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut update = tx.prepare("UPDATE files SET component_id = ?2 WHERE id = ?1")?;
    for (id, path, current) in files {
        let mut dir = path.as_str();
        let owner = loop {
            dir = dir.rsplit_once('/').map_or("", |(d, _)| d);
            if let Some(&c) = by_dir.get(dir) {
                break Some(c);
            }
            if dir.is_empty() {
                break None;
            }
        };
        if owner != current {
            update.execute(params![id, owner])?;
        }
    }
    Ok(())
}
