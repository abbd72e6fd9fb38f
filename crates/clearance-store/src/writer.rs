//! Writing a scan into the review: batched transactions, findings of unchanged files kept,
//! components upserted by manifest path (so reviewer decisions attached to them survive a
//! re-scan), and the scan-end passes run as it finishes (`scan_end.rs`; decisions that lapse: `lapse.rs`).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use clearance_scan::{ComponentDecl, Event, FileReport, Prior, PriorFile, ScanStats, Skipped};
use rusqlite::{OptionalExtension, Transaction, params};

use crate::lapse::{lapse_conclusion, lapse_file_decisions, lapse_finding_decisions};
use crate::scan_end::{
    apply_debian_copyright, assign_components, component_dir, ensure_root_component, merge_lockfile_duplicates,
    merge_same_folder_manifests, register_unlisted_licenses, resolve_dependencies,
};
use crate::{Result, Review};

const BATCH_EVENTS: usize = 400;
const BATCH_AGE: Duration = Duration::from_millis(500);

/// Earlier scans' files, for `clearance_scan::scan` to skip unchanged ones.
pub struct StoredPrior {
    files: HashMap<(usize, String), PriorFile>,
}

impl Prior for StoredPrior {
    fn get(&self, root: usize, path: &str) -> Option<PriorFile> {
        self.files.get(&(root, path.to_string())).cloned()
    }
}

impl StoredPrior {
    pub fn len(&self) -> usize {
        self.files.len()
    }
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
}

pub struct ScanWriter<'a> {
    review: &'a mut Review,
    scan_id: i64,
    root_ids: Vec<i64>,
    pending: Vec<Event>,
    oldest: Option<Instant>,
    /// The scan's start time, recorded on decisions that lapse during it.
    started_at: String,
    /// License ids of each expression seen: the writer is one thread and a tree repeats a few
    /// expressions thousands of times, so each is parsed once.
    ids_of: HashMap<String, Vec<String>>,
    /// The first component id this scan can create: components from it on are new.
    first_new_component: i64,
}

fn root_name(path: &Path) -> String {
    path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| path.display().to_string())
}

impl<'a> ScanWriter<'a> {
    /// Record the start of a scan of `roots` (canonical paths). Scans of earlier processes that
    /// were killed are marked `interrupted`.
    pub fn begin(
        review: &'a mut Review,
        roots: &[PathBuf],
        options_json: &str,
        tool_version: &str,
        actor: &str,
        now: &str,
    ) -> Result<Self> {
        let tx = review.conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        Review::frozen_guard_pub(&tx)?;
        {
            let mut running = tx.prepare("SELECT id, pid FROM scans WHERE status = 'running'")?;
            let stale: Vec<i64> = running
                .query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, Option<i64>>(1)?)))?
                .filter_map(|r| r.ok())
                .filter(|(_, pid)| !pid.is_some_and(process_alive))
                .map(|(id, _)| id)
                .collect();
            let live: Option<i64> = tx
                .query_row(
                    "SELECT pid FROM scans WHERE status = 'running' AND pid IS NOT NULL ORDER BY id DESC LIMIT 1",
                    [],
                    |r| r.get(0),
                )
                .optional()?
                .filter(|pid: &i64| process_alive(*pid) && *pid != std::process::id() as i64);
            if let Some(pid) = live {
                return Err(crate::StoreError::ScanRunning(pid));
            }
            for id in stale {
                tx.execute("UPDATE scans SET status = 'interrupted' WHERE id = ?1", [id])?;
            }
        }
        tx.execute(
            "INSERT INTO scans (started_at, status, tool_version, spdx_list_version, options, pid) VALUES (?1, 'running', ?2, ?3, ?4, ?5)",
            params![now, tool_version, clearance_licenses::spdx_list_version(), options_json, std::process::id() as i64],
        )?;
        let scan_id = tx.last_insert_rowid();
        let first_new_component: i64 =
            tx.query_row("SELECT coalesce(max(id), 0) + 1 FROM components", [], |r| r.get(0))?;
        tx.execute("INSERT INTO meta (key, value) VALUES ('scan_actor:' || ?1, ?2)", params![scan_id, actor])?;
        crate::evidence::adopt_missing(&tx)?;
        let mut root_ids = Vec::new();
        for r in roots {
            let p = r.to_string_lossy().into_owned();
            tx.execute(
                "INSERT INTO roots (path, name) VALUES (?1, ?2) ON CONFLICT(path) DO NOTHING",
                params![p, root_name(r)],
            )?;
            root_ids.push(tx.query_row("SELECT id FROM roots WHERE path = ?1", [&p], |r| r.get(0))?);
        }
        tx.commit()?;
        Ok(ScanWriter {
            review,
            scan_id,
            root_ids,
            pending: Vec::new(),
            oldest: None,
            started_at: now.to_string(),
            ids_of: HashMap::new(),
            first_new_component,
        })
    }

    pub fn scan_id(&self) -> i64 {
        self.scan_id
    }

    /// What earlier scans (complete or not) recorded for these roots; with `detection`, only
    /// files read by that detection (a scan's `options.detection`), so that a newer Clearance
    /// reads the others again.
    pub fn prior(&self, detection: Option<&str>) -> Result<StoredPrior> {
        let mut files = HashMap::new();
        let mut stmt = self.review.conn.prepare(
            "SELECT f.path, f.size, f.mtime, f.sha256, f.sha1 FROM files f JOIN scans s ON s.id = f.scan_id
             WHERE f.root_id = ?1 AND (?2 IS NULL OR json_extract(s.options, '$.detection') = ?2)",
        )?;
        for (i, root_id) in self.root_ids.iter().enumerate() {
            let rows = stmt.query_map(params![root_id, detection], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    PriorFile {
                        size: r.get::<_, i64>(1)? as u64,
                        mtime: r.get(2)?,
                        sha256: r.get(3)?,
                        sha1: r.get(4)?,
                    },
                ))
            })?;
            for row in rows {
                let (path, pf) = row?;
                files.insert((i, path), pf);
            }
        }
        Ok(StoredPrior { files })
    }

    /// Name a root (imports name theirs after the document, not the file it came in).
    pub fn set_root_name(&mut self, root: usize, name: &str) -> Result<()> {
        self.review.conn.execute("UPDATE roots SET name = ?2 WHERE id = ?1", params![self.root_ids[root], name])?;
        Ok(())
    }

    /// Record a component that no manifest file declares (imported documents), owning the files
    /// under `dir`. `key` identifies it across re-imports.
    pub fn add_component(&mut self, root: usize, dir: &str, key: &str, c: &ComponentDecl) -> Result<()> {
        self.flush()?;
        self.review.conn.execute(
            "INSERT INTO components (root_id, dir, manifest_path, ecosystem, name, version, purl, declared_license, declared_original, homepage, is_root, last_scan_id, source, supplier)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 0, ?11, 'import', ?12)
             ON CONFLICT(root_id, manifest_path) DO UPDATE SET dir = excluded.dir, ecosystem = excluded.ecosystem, name = excluded.name,
               version = excluded.version, purl = excluded.purl, declared_license = excluded.declared_license,
               declared_original = excluded.declared_original, homepage = excluded.homepage, last_scan_id = excluded.last_scan_id,
               supplier = excluded.supplier",
            params![self.root_ids[root], dir, key, c.ecosystem, c.name, c.version, c.purl, c.declared_license, c.declared_original, c.homepage, self.scan_id, c.supplier],
        )?;
        Ok(())
    }

    /// Queue an event; a batch is committed when it is full or old enough.
    pub fn write(&mut self, ev: Event) -> Result<()> {
        self.pending.push(ev);
        let now = Instant::now();
        let oldest = *self.oldest.get_or_insert(now);
        if self.pending.len() >= BATCH_EVENTS || now.duration_since(oldest) >= BATCH_AGE {
            self.flush()?;
        }
        Ok(())
    }

    /// Commit everything queued, in one transaction.
    pub fn flush(&mut self) -> Result<()> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let events = std::mem::take(&mut self.pending);
        self.oldest = None;
        let tx = self.review.conn.transaction()?;
        for ev in &events {
            match ev {
                Event::File(f) => {
                    write_file(&tx, self.scan_id, self.root_ids[f.root], f, &self.started_at, &mut self.ids_of)?
                }
                Event::Skipped(s) => write_skipped(&tx, self.scan_id, self.root_ids[s.root], s)?,
            }
        }
        tx.execute(
            "UPDATE scans SET files = files + ?2, skipped = skipped + ?3, reused = reused + ?4 WHERE id = ?1",
            params![
                self.scan_id,
                events.iter().filter(|e| matches!(e, Event::File(_))).count() as i64,
                events.iter().filter(|e| matches!(e, Event::Skipped(_))).count() as i64,
                events.iter().filter(|e| matches!(e, Event::File(f) if f.reused)).count() as i64,
            ],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Close the scan. A complete scan removes files and components it no longer saw; a
    /// cancelled one keeps them (it did not look everywhere). Either way files are assigned to
    /// their components and the root component exists.
    pub fn finish(mut self, stats: &ScanStats, now: &str) -> Result<i64> {
        self.flush()?;
        let status = if stats.cancelled { "cancelled" } else { "complete" };
        let tx = self.review.conn.transaction()?;
        let actor: String = tx
            .query_row("SELECT value FROM meta WHERE key = 'scan_actor:' || ?1", [self.scan_id], |r| r.get(0))
            .optional()?
            .unwrap_or_default();
        for &root_id in &self.root_ids {
            if !stats.cancelled {
                let gone: Vec<(i64, String)> = tx
                    .prepare("SELECT id, path FROM files WHERE root_id = ?1 AND scan_id != ?2")?
                    .query_map(params![root_id, self.scan_id], |r| Ok((r.get(0)?, r.get(1)?)))?
                    .collect::<rusqlite::Result<_>>()?;
                for (id, path) in gone {
                    lapse_file_decisions(&tx, id, &path, "the file is no longer in the release", now)?;
                }
                let gone: Vec<(i64, String)> = tx
                    .prepare(
                        "SELECT c.id, c.name || ' ' || coalesce(c.version, '') FROM components c JOIN conclusions k ON k.component_id = c.id
                         WHERE c.root_id = ?1 AND c.manifest_path != '' AND (c.last_scan_id IS NULL OR c.last_scan_id != ?2)",
                    )?
                    .query_map(params![root_id, self.scan_id], |r| Ok((r.get(0)?, r.get(1)?)))?
                    .collect::<rusqlite::Result<_>>()?;
                for (id, name) in gone {
                    lapse_conclusion(&tx, id, &name, "the component is no longer in the release", now)?;
                }
                tx.execute("DELETE FROM files WHERE root_id = ?1 AND scan_id != ?2", params![root_id, self.scan_id])?;
                tx.execute(
                    "DELETE FROM components WHERE root_id = ?1 AND manifest_path != '' AND (last_scan_id IS NULL OR last_scan_id != ?2)",
                    params![root_id, self.scan_id],
                )?;
            }
            ensure_root_component(&tx, root_id, self.scan_id)?;
            merge_same_folder_manifests(&tx, root_id, now)?;
            assign_components(&tx, root_id)?;
            merge_lockfile_duplicates(&tx, root_id, now)?;
            crate::scope::exclude_nested_lockfile_entries(&tx, root_id, self.first_new_component, &actor, now)?;
            resolve_dependencies(&tx, root_id)?;
            apply_debian_copyright(&tx, root_id, now)?;
            crate::resolve::resolve_references(&tx, root_id, now)?;
            register_unlisted_licenses(&tx, root_id, &actor, now)?;
        }
        // A cancelled scan did not look everywhere: what it saw is not the evidence.
        if !stats.cancelled {
            crate::evidence::lapse_changed(&tx, &actor, now)?;
            crate::vex::lapse_stale_triage(&tx, &actor, now)?;
        }
        crate::table::refresh_component_stats(&tx)?;
        tx.execute(
            "UPDATE scans SET status = ?2, finished_at = ?3, bytes = ?4 WHERE id = ?1",
            params![self.scan_id, status, now, stats.bytes as i64],
        )?;
        tx.execute("DELETE FROM meta WHERE key = 'scan_actor:' || ?1", [self.scan_id])?;
        let after = serde_json::json!({"status": status, "files": stats.files, "reused": stats.reused, "skipped": stats.skipped, "bytes": stats.bytes}).to_string();
        crate::audit::append(
            &tx,
            now,
            &actor,
            crate::AuditAction::Scan,
            &format!("scan:{}", self.scan_id),
            None,
            Some(&after),
        )?;
        tx.commit()?;
        Ok(self.scan_id)
    }

    /// Close the scan as failed, keeping what was committed.
    pub fn fail(mut self, now: &str) -> Result<()> {
        let _ = self.flush();
        self.review.conn.execute(
            "UPDATE scans SET status = 'failed', finished_at = ?2 WHERE id = ?1",
            params![self.scan_id, now],
        )?;
        Ok(())
    }
}

fn process_alive(pid: i64) -> bool {
    // Linux: a live process has /proc/<pid>. Elsewhere assume alive (never steal a live scan).
    if Path::new("/proc/self").exists() { Path::new(&format!("/proc/{pid}")).exists() } else { true }
}

/// A finding as a re-read recognises it: detector, license, lines.
type FindingKey = (String, Option<String>, i64, i64);

fn finding_key(f: &clearance_scan::Finding) -> FindingKey {
    (f.detector.as_str().to_string(), f.expression.clone(), f.start_line as i64, f.end_line as i64)
}

fn write_file(
    tx: &Transaction,
    scan_id: i64,
    root_id: i64,
    f: &FileReport,
    now: &str,
    ids_of: &mut HashMap<String, Vec<String>>,
) -> Result<()> {
    if f.reused {
        tx.prepare_cached("UPDATE files SET scan_id = ?1, mtime = ?4 WHERE root_id = ?2 AND path = ?3")?
            .execute(params![scan_id, root_id, f.path, f.mtime])?;
        // The file's own component, and the components it lists if it is a lockfile (keyed
        // `path#purl`: a range of the unique index, '$' being the character after '#').
        tx.prepare_cached("UPDATE components SET last_scan_id = ?1 WHERE root_id = ?2 AND manifest_path = ?3")?
            .execute(params![scan_id, root_id, f.path])?;
        if clearance_scan::is_lockfile(&f.path) {
            tx.prepare_cached(
                "UPDATE components SET last_scan_id = ?1 WHERE root_id = ?2
                   AND manifest_path >= ?3 || '#' AND manifest_path < ?3 || '$'",
            )?
            .execute(params![scan_id, root_id, f.path])?;
        }
        return Ok(());
    }
    let earlier: Option<(i64, String)> = tx
        .prepare_cached("SELECT id, sha256 FROM files WHERE root_id = ?1 AND path = ?2")?
        .query_row(params![root_id, f.path], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    if let Some((id, sha)) = &earlier
        && *sha != f.sha256
    {
        lapse_file_decisions(tx, *id, &f.path, "the file's content changed", now)?;
    }
    let file_id: i64 = tx
        .prepare_cached(
            "INSERT INTO files (root_id, path, size, mtime, sha256, sha1, kind, note, scan_id) VALUES (?1, ?2, ?3, ?4, ?5, ?9, ?6, ?7, ?8)
             ON CONFLICT(root_id, path) DO UPDATE SET size = excluded.size, mtime = excluded.mtime, sha256 = excluded.sha256, sha1 = excluded.sha1,
               kind = excluded.kind, note = excluded.note, scan_id = excluded.scan_id
             RETURNING id",
        )?
        .query_row(params![root_id, f.path, f.size as i64, f.mtime, f.sha256, f.kind.as_str(), f.note, scan_id, f.sha1], |r| r.get(0))?;
    // The same content read again (a touched file, a newer Clearance): a finding found again
    // the same way (detector, license, lines) keeps its row, so the decisions on it stay; one
    // no longer found lapses them visibly. Changed content lapsed its decisions above.
    let mut kept: HashMap<FindingKey, i64> = HashMap::new();
    // Rows of the same finding twice over cannot both be kept: the spare ones go.
    let mut stale: Vec<i64> = Vec::new();
    if earlier.as_ref().is_some_and(|(_, sha)| *sha == f.sha256) {
        let rows: Vec<(i64, String, Option<String>, i64, i64)> = tx
            .prepare_cached("SELECT id, detector, expression, start_line, end_line FROM findings WHERE file_id = ?1")?
            .query_map([file_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))?
            .collect::<rusqlite::Result<_>>()?;
        for (id, detector, expression, start, end) in rows {
            if let Some(spare) = kept.insert((detector, expression, start, end), id) {
                stale.push(spare);
            }
        }
    }
    // Per finding of this read: true when it is new (to insert), false when its row was kept.
    let mut is_new: Vec<bool> = Vec::with_capacity(f.findings.len());
    for finding in &f.findings {
        let Some(id) = kept.remove(&finding_key(finding)) else {
            is_new.push(true);
            continue;
        };
        tx.prepare_cached(
            "UPDATE findings SET original = ?2, score = ?3, matched_text = ?4, diagnostic = ?5, notes = ?6 WHERE id = ?1",
        )?
        .execute(params![
            id,
            finding.original,
            finding.score as f64,
            finding.matched_text,
            finding.diagnostic,
            serde_json::to_string(&finding.notes).unwrap_or_else(|_| "[]".into()),
        ])?;
        is_new.push(false);
    }
    stale.extend(kept.into_values());
    for &id in &stale {
        lapse_finding_decisions(tx, id, "this version of Clearance no longer finds it the same way", now)?;
    }
    if is_new.contains(&false) {
        for id in stale {
            tx.prepare_cached("DELETE FROM findings WHERE id = ?1")?.execute([id])?;
        }
    } else {
        tx.prepare_cached("DELETE FROM findings WHERE file_id = ?1")?.execute([file_id])?;
    }
    tx.prepare_cached("DELETE FROM lock_relations WHERE file_id = ?1")?.execute([file_id])?;
    for (from, to) in &f.relations {
        tx.prepare_cached("INSERT INTO lock_relations (file_id, from_purl, to_purl) VALUES (?1, ?2, ?3)")?
            .execute(params![file_id, from, to])?;
    }
    match &f.text {
        Some(t) => tx
            .prepare_cached("INSERT OR REPLACE INTO file_texts (file_id, text) VALUES (?1, ?2)")?
            .execute(params![file_id, t])?,
        None => tx.prepare_cached("DELETE FROM file_texts WHERE file_id = ?1")?.execute([file_id])?,
    };
    tx.prepare_cached("DELETE FROM copyrights WHERE file_id = ?1")?.execute([file_id])?;
    for (finding, _) in f.findings.iter().zip(&is_new).filter(|(_, new)| **new) {
        tx.prepare_cached(
            "INSERT INTO findings (file_id, detector, expression, original, score, start_line, end_line, matched_text, diagnostic, notes)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        )?
        .execute(params![
            file_id,
            finding.detector.as_str(),
            finding.expression,
            finding.original,
            finding.score as f64,
            finding.start_line,
            finding.end_line,
            finding.matched_text,
            finding.diagnostic,
            serde_json::to_string(&finding.notes).unwrap_or_else(|_| "[]".into()),
        ])?;
        let finding_id = tx.last_insert_rowid();
        if let Some(expr) = &finding.expression {
            let ids = ids_of.entry(expr.clone()).or_insert_with(|| clearance_licenses::license_ids_in(expr));
            for id in ids.iter() {
                tx.prepare_cached("INSERT INTO finding_licenses (finding_id, license) VALUES (?1, ?2)")?
                    .execute(params![finding_id, id])?;
            }
        }
    }
    for c in &f.copyrights {
        tx.prepare_cached("INSERT INTO copyrights (file_id, statement, holder, years, start_line, end_line) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")?
            .execute(params![file_id, c.statement, c.holder, c.years, c.start_line, c.end_line])?;
    }
    if let Some(c) = &f.component {
        let dir = component_dir(&f.path);
        // A new version (or another package) in the same place: the old conclusion lapses.
        let before: Option<(i64, Option<String>, String)> = tx
            .prepare_cached(
                "SELECT id, purl, name || ' ' || coalesce(version, '') FROM components WHERE root_id = ?1 AND manifest_path = ?2",
            )?
            .query_row(params![root_id, f.path], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .optional()?;
        if let Some((id, purl, name)) = before
            && purl != c.purl
        {
            let why = format!("the component changed to {}", c.purl.as_deref().unwrap_or(&c.name));
            lapse_conclusion(tx, id, &name, &why, now)?;
        }
        tx.prepare_cached(
            "INSERT INTO components (root_id, dir, manifest_path, ecosystem, name, version, purl, declared_license, declared_original, homepage, is_root, last_scan_id, supplier)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 0, ?11, ?12)
             ON CONFLICT(root_id, manifest_path) DO UPDATE SET dir = excluded.dir, ecosystem = excluded.ecosystem, name = excluded.name,
               version = excluded.version, purl = excluded.purl, declared_license = excluded.declared_license,
               declared_original = excluded.declared_original, homepage = excluded.homepage, last_scan_id = excluded.last_scan_id,
               supplier = excluded.supplier",
        )?
        .execute(params![root_id, dir, f.path, c.ecosystem, c.name, c.version, c.purl, c.declared_license, c.declared_original, c.homepage, scan_id, c.supplier])?;
    } else if f.kind == clearance_scan::FileKind::Manifest {
        // A manifest that no longer declares a package (or became malformed).
        tx.prepare_cached("DELETE FROM components WHERE root_id = ?1 AND manifest_path = ?2")?
            .execute(params![root_id, f.path])?;
    }
    // A lockfile's components, keyed `lockfile-path#purl` so a decision stays with the entry
    // while the lockfile lists it; entries it no longer lists go when the scan completes.
    let dir = f.path.rsplit_once('/').map_or("", |(d, _)| d);
    for c in &f.dependencies {
        let Some(purl) = &c.purl else { continue };
        tx.prepare_cached(
            "INSERT INTO components (root_id, dir, manifest_path, ecosystem, name, version, purl, declared_license, declared_original, homepage, is_root, last_scan_id, source)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 0, ?11, 'lockfile')
             ON CONFLICT(root_id, manifest_path) DO UPDATE SET declared_license = excluded.declared_license,
               declared_original = excluded.declared_original, homepage = excluded.homepage, last_scan_id = excluded.last_scan_id",
        )?
        .execute(params![
            root_id,
            dir,
            format!("{}#{purl}", f.path),
            c.ecosystem,
            c.name,
            c.version,
            purl,
            c.declared_license,
            c.declared_original,
            c.homepage,
            scan_id
        ])?;
    }
    Ok(())
}

fn write_skipped(tx: &Transaction, scan_id: i64, root_id: i64, s: &Skipped) -> Result<()> {
    tx.prepare_cached("INSERT INTO skipped (scan_id, root_id, path, reason, detail) VALUES (?1, ?2, ?3, ?4, ?5)")?
        .execute(params![scan_id, root_id, s.path, s.reason.as_str(), s.detail])?;
    Ok(())
}
