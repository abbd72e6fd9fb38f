//! Read queries over a review. Each is one indexed SQL query; nothing loads whole tables into
//! the UI.

use rusqlite::{OptionalExtension, params};
use serde::Serialize;

use crate::{Result, Review};

/// Where a scan got to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "kebab-case")]
pub enum ScanStatus {
    Running,
    Complete,
    /// Stopped by the reviewer: what it read is kept.
    Cancelled,
    /// The process ended mid-scan (a crash or a kill): what it committed is kept.
    Interrupted,
    Failed,
}

impl std::fmt::Display for ScanStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            ScanStatus::Running => "running",
            ScanStatus::Complete => "complete",
            ScanStatus::Cancelled => "cancelled",
            ScanStatus::Interrupted => "interrupted",
            ScanStatus::Failed => "failed",
        })
    }
}

#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ScanInfo {
    pub id: i64,
    pub started_at: String,
    pub finished_at: Option<String>,
    pub status: ScanStatus,
    pub tool_version: String,
    pub spdx_list_version: String,
    pub files: i64,
    pub reused: i64,
    pub skipped: i64,
    pub bytes: i64,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ComponentRow {
    pub id: i64,
    pub root: String,
    pub dir: String,
    pub manifest_path: Option<String>,
    pub ecosystem: Option<String>,
    pub name: String,
    pub version: Option<String>,
    pub purl: Option<String>,
    pub declared_license: Option<String>,
    pub declared_original: Option<String>,
    pub homepage: Option<String>,
    pub is_root: bool,
    /// Where it was found (a lockfile entry has no files of its own).
    pub source: crate::ComponentSource,
    /// Distinct license ids detected in the component's files (not counting its manifest).
    pub detected: Vec<String>,
    pub files: i64,
    /// Who its manifest (or an imported SBOM) says makes it: SBOMs' supplier.
    pub supplier: Option<String>,
}

impl ComponentRow {
    /// Name and version, as lists and attribution files print it ("tinyjson 0.8.1").
    pub fn label(&self) -> String {
        match &self.version {
            Some(v) => format!("{} {v}", self.name),
            None => self.name.clone(),
        }
    }
}

#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LicenseCount {
    pub license: String,
    pub category: clearance_licenses::Category,
    pub files: i64,
    pub findings: i64,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SkippedRow {
    pub root: String,
    pub path: String,
    pub reason: clearance_scan::SkipReason,
    pub detail: String,
}

/// A reviewer's false-positive mark, with the finding it is on.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct FalsePositiveMark {
    /// The file, with its scanned folder's name in front.
    pub file: String,
    pub detector: crate::Detector,
    pub expression: Option<String>,
    pub start_line: i64,
    pub end_line: i64,
    pub reason: String,
    pub reviewer: String,
    pub decided_at: String,
    pub carried_from: Option<String>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FileRow {
    pub id: i64,
    pub root: String,
    pub path: String,
    pub size: i64,
    pub sha256: String,
    pub sha1: String,
    pub kind: clearance_scan::FileKind,
    pub note: Option<String>,
    pub component_id: Option<i64>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FindingRow {
    pub id: i64,
    pub file_id: i64,
    pub detector: clearance_scan::Detector,
    pub expression: Option<String>,
    pub original: Option<String>,
    pub score: f64,
    pub start_line: i64,
    pub end_line: i64,
    pub matched_text: String,
    pub diagnostic: Option<String>,
    pub notes: Vec<String>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FindingBrief {
    pub id: i64,
    pub file_id: i64,
    pub detector: clearance_scan::Detector,
    pub expression: Option<String>,
    pub start_line: i64,
    pub end_line: i64,
    /// A reviewer marked it a false positive: it is not evidence of a license anywhere (the
    /// components table, attribution, SBOMs).
    pub false_positive: bool,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CopyrightRow {
    pub file_id: i64,
    pub statement: String,
    pub holder: String,
    pub years: Option<String>,
    pub start_line: i64,
    pub end_line: i64,
}

/// A `FileRow` from the columns `FILE_COLUMNS` selects, in that order.
fn file_row(r: &rusqlite::Row) -> rusqlite::Result<FileRow> {
    Ok(FileRow {
        id: r.get(0)?,
        root: r.get(1)?,
        path: r.get(2)?,
        size: r.get(3)?,
        sha256: r.get(4)?,
        kind: crate::word(r, 5)?,
        note: r.get(6)?,
        component_id: r.get(7)?,
        sha1: r.get(8)?,
    })
}

impl Review {
    pub fn latest_scan(&self) -> Result<Option<ScanInfo>> {
        Ok(self
            .conn
            .query_row(
                "SELECT id, started_at, finished_at, status, tool_version, spdx_list_version, files, reused, skipped, bytes
                 FROM scans ORDER BY id DESC LIMIT 1",
                [],
                |r| {
                    Ok(ScanInfo {
                        id: r.get(0)?,
                        started_at: r.get(1)?,
                        finished_at: r.get(2)?,
                        status: crate::word(r, 3)?,
                        tool_version: r.get(4)?,
                        spdx_list_version: r.get(5)?,
                        files: r.get(6)?,
                        reused: r.get(7)?,
                        skipped: r.get(8)?,
                        bytes: r.get(9)?,
                    })
                },
            )
            .optional()?)
    }

    pub fn count_files(&self) -> Result<i64> {
        Ok(self.conn.query_row("SELECT count(*) FROM files", [], |r| r.get(0))?)
    }

    pub fn count_findings(&self) -> Result<i64> {
        Ok(self.conn.query_row("SELECT count(*) FROM findings", [], |r| r.get(0))?)
    }

    pub fn roots(&self) -> Result<Vec<(i64, String, String)>> {
        let mut stmt = self.conn.prepare("SELECT id, path, name FROM roots ORDER BY id")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Components, the root components first, then by name and version.
    pub fn components(&self) -> Result<Vec<ComponentRow>> {
        self.components_where("1 = 1", rusqlite::params![])
    }

    /// One component by id.
    pub fn component(&self, id: i64) -> Result<Option<ComponentRow>> {
        Ok(self.components_where("c.id = ?1", rusqlite::params![id])?.into_iter().next())
    }

    /// Every version of a component by name.
    pub fn components_named(&self, name: &str) -> Result<Vec<ComponentRow>> {
        self.components_where("c.name = ?1", rusqlite::params![name])
    }

    fn components_where(&self, filter: &str, args: &[&dyn rusqlite::ToSql]) -> Result<Vec<ComponentRow>> {
        components_where(&self.conn, filter, args)
    }

    /// Licenses by number of files that carry them, most first.
    pub fn license_counts(&self) -> Result<Vec<LicenseCount>> {
        let mut stmt = self.conn.prepare(
            "SELECT fl.license, count(DISTINCT fi.file_id), count(DISTINCT fi.id)
             FROM finding_licenses fl JOIN findings fi ON fi.id = fl.finding_id
             GROUP BY fl.license ORDER BY 2 DESC, 1",
        )?;
        let rows = stmt.query_map([], |r| {
            let license: String = r.get(0)?;
            Ok(LicenseCount {
                category: clearance_licenses::category_of(&license),
                license,
                files: r.get(1)?,
                findings: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// What the latest scan skipped.
    pub fn skipped(&self) -> Result<Vec<SkippedRow>> {
        let mut stmt = self.conn.prepare(
            "SELECT r.name, s.path, s.reason, s.detail FROM skipped s JOIN roots r ON r.id = s.root_id
             WHERE s.scan_id = (SELECT max(id) FROM scans) ORDER BY r.name, s.path",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(SkippedRow { root: r.get(0)?, path: r.get(1)?, reason: crate::word(r, 2)?, detail: r.get(3)? })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Files in path order, optionally only those of one component.
    pub fn files(&self, component: Option<i64>) -> Result<Vec<FileRow>> {
        // Two statements, not `?1 IS NULL OR …`: SQLite cannot use an index through the OR.
        const SELECT: &str = "SELECT f.id, r.name, f.path, f.size, f.sha256, f.kind, f.note, f.component_id, f.sha1
             FROM files f JOIN roots r ON r.id = f.root_id";
        let mut stmt = match component {
            Some(_) => {
                self.conn.prepare_cached(&format!("{SELECT} WHERE f.component_id = ?1 ORDER BY r.name, f.path"))?
            }
            None => self.conn.prepare_cached(&format!("{SELECT} WHERE ?1 IS NULL ORDER BY r.name, f.path"))?,
        };
        let rows = stmt.query_map(params![component], file_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Findings, all or of one file, in file and line order.
    pub fn findings(&self, file: Option<i64>) -> Result<Vec<FindingRow>> {
        const SELECT: &str = "SELECT id, file_id, detector, expression, original, score, start_line, end_line, matched_text, diagnostic, notes
             FROM findings";
        let mut stmt = match file {
            Some(_) => self.conn.prepare_cached(&format!("{SELECT} WHERE file_id = ?1 ORDER BY start_line, id"))?,
            None => self.conn.prepare_cached(&format!("{SELECT} WHERE ?1 IS NULL ORDER BY file_id, start_line, id"))?,
        };
        let rows = stmt.query_map(params![file], |r| {
            let notes: String = r.get(10)?;
            Ok(FindingRow {
                id: r.get(0)?,
                file_id: r.get(1)?,
                detector: crate::word(r, 2)?,
                expression: r.get(3)?,
                original: r.get(4)?,
                score: r.get(5)?,
                start_line: r.get(6)?,
                end_line: r.get(7)?,
                matched_text: r.get(8)?,
                diagnostic: r.get(9)?,
                notes: serde_json::from_str(&notes).unwrap_or_default(),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every false-positive mark, by file and line.
    pub fn false_positive_marks(&self) -> Result<Vec<FalsePositiveMark>> {
        let mut stmt = self.conn.prepare(
            "SELECT r.name || '/' || f.path, fi.detector, fi.expression, fi.start_line, fi.end_line,
                    fp.reason, fp.reviewer, fp.decided_at, fp.carried_from
             FROM false_positives fp JOIN findings fi ON fi.id = fp.finding_id JOIN files f ON f.id = fi.file_id
             JOIN roots r ON r.id = f.root_id
             ORDER BY r.name, f.path, fi.start_line",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(FalsePositiveMark {
                file: r.get(0)?,
                detector: crate::word(r, 1)?,
                expression: r.get(2)?,
                start_line: r.get(3)?,
                end_line: r.get(4)?,
                reason: r.get(5)?,
                reviewer: r.get(6)?,
                decided_at: r.get(7)?,
                carried_from: r.get(8)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Findings without their matched text (exports and carry-over over large reviews).
    pub fn findings_brief(&self) -> Result<Vec<FindingBrief>> {
        let mut stmt = self.conn.prepare(
            "SELECT id, file_id, detector, expression, start_line, end_line,
                    EXISTS (SELECT 1 FROM false_positives fp WHERE fp.finding_id = findings.id)
             FROM findings ORDER BY file_id, start_line, id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(FindingBrief {
                id: r.get(0)?,
                file_id: r.get(1)?,
                detector: crate::word(r, 2)?,
                expression: r.get(3)?,
                start_line: r.get(4)?,
                end_line: r.get(5)?,
                false_positive: r.get(6)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Copyright statements, all or of one file.
    pub fn copyrights(&self, file: Option<i64>) -> Result<Vec<CopyrightRow>> {
        const SELECT: &str = "SELECT file_id, statement, holder, years, start_line, end_line FROM copyrights";
        let mut stmt = match file {
            Some(_) => self.conn.prepare_cached(&format!("{SELECT} WHERE file_id = ?1 ORDER BY start_line, id"))?,
            None => self.conn.prepare_cached(&format!("{SELECT} WHERE ?1 IS NULL ORDER BY file_id, start_line, id"))?,
        };
        let rows = stmt.query_map(params![file], |r| {
            Ok(CopyrightRow {
                file_id: r.get(0)?,
                statement: r.get(1)?,
                holder: r.get(2)?,
                years: r.get(3)?,
                start_line: r.get(4)?,
                end_line: r.get(5)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// A file with the folder its root was scanned from.
#[derive(Debug, Clone, PartialEq)]
pub struct LocatedFile {
    pub row: FileRow,
    pub root_path: String,
}

impl Review {
    /// One file, and where on disk its root is.
    pub fn file(&self, id: i64) -> Result<Option<LocatedFile>> {
        Ok(self
            .conn
            .query_row(
                "SELECT f.id, r.name, f.path, f.size, f.sha256, f.kind, f.note, f.component_id, f.sha1, r.path
                 FROM files f JOIN roots r ON r.id = f.root_id WHERE f.id = ?1",
                [id],
                |r| Ok(LocatedFile { row: file_row(r)?, root_path: r.get(9)? }),
            )
            .optional()?)
    }

    /// One finding.
    pub fn finding(&self, id: i64) -> Result<Option<FindingRow>> {
        let file: Option<i64> =
            self.conn.query_row("SELECT file_id FROM findings WHERE id = ?1", [id], |r| r.get(0)).optional()?;
        let Some(file) = file else { return Ok(None) };
        Ok(self.findings(Some(file))?.into_iter().find(|f| f.id == id))
    }

    /// False-positive marks on a file's findings: (finding id, reason).
    pub fn false_positive_reasons(&self, file_id: i64) -> Result<Vec<(i64, String)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT fp.finding_id, fp.reason FROM false_positives fp JOIN findings fi ON fi.id = fp.finding_id
             WHERE fi.file_id = ?1",
        )?;
        let rows = stmt.query_map([file_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The review's own license texts: (id, name).
    pub fn license_refs(&self) -> Result<Vec<(String, String)>> {
        let mut stmt = self.conn.prepare("SELECT id, name FROM license_refs ORDER BY id")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// A reviewer's comment.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AnnotationRow {
    pub id: i64,
    pub target_kind: crate::AnnotationTarget,
    pub target_id: i64,
    pub comment: String,
    pub reviewer: String,
    pub created_at: String,
    pub carried_from: Option<String>,
}

impl Review {
    /// Comments on one component, file or finding, oldest first.
    pub fn annotations_on(&self, target_kind: crate::AnnotationTarget, target_id: i64) -> Result<Vec<AnnotationRow>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, target_kind, target_id, comment, reviewer, created_at, carried_from FROM annotations
             WHERE target_kind = ?1 AND target_id = ?2 ORDER BY id",
        )?;
        let rows = stmt.query_map(params![target_kind, target_id], |r| {
            Ok(AnnotationRow {
                id: r.get(0)?,
                target_kind: r.get(1)?,
                target_id: r.get(2)?,
                comment: r.get(3)?,
                reviewer: r.get(4)?,
                created_at: r.get(5)?,
                carried_from: r.get(6)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Files of a component that carry a finding or a copyright statement, or are license or
    /// notice files, in path order, at most `limit`; and how many files the component has.
    pub fn files_of_interest(&self, component: i64, limit: u32) -> Result<(Vec<FileRow>, i64)> {
        let total: i64 =
            self.conn.query_row("SELECT count(*) FROM files WHERE component_id = ?1", [component], |r| r.get(0))?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT f.id, r.name, f.path, f.size, f.sha256, f.kind, f.note, f.component_id, f.sha1
             FROM files f JOIN roots r ON r.id = f.root_id
             WHERE f.component_id = ?1 AND (f.kind IN ('license', 'notice', 'manifest')
                OR EXISTS (SELECT 1 FROM findings fi WHERE fi.file_id = f.id)
                OR EXISTS (SELECT 1 FROM copyrights c WHERE c.file_id = f.id))
             ORDER BY r.name, f.path LIMIT ?2",
        )?;
        let rows = stmt.query_map(params![component, limit], file_row)?;
        Ok((rows.collect::<rusqlite::Result<_>>()?, total))
    }
}

impl Review {
    /// A component's files whose path contains `search` (all when empty), in path order, at
    /// most `limit`; and how many match.
    pub fn component_files(&self, component: i64, search: &str, limit: u32) -> Result<(Vec<FileRow>, i64)> {
        let pattern = format!("%{}%", search.trim().replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_"));
        let total: i64 = self.conn.query_row(
            "SELECT count(*) FROM files WHERE component_id = ?1 AND path LIKE ?2 ESCAPE '\\'",
            params![component, pattern],
            |r| r.get(0),
        )?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT f.id, r.name, f.path, f.size, f.sha256, f.kind, f.note, f.component_id, f.sha1
             FROM files f JOIN roots r ON r.id = f.root_id
             WHERE f.component_id = ?1 AND f.path LIKE ?2 ESCAPE '\\' ORDER BY r.name, f.path LIMIT ?3",
        )?;
        let rows = stmt.query_map(params![component, pattern, limit], file_row)?;
        Ok((rows.collect::<rusqlite::Result<_>>()?, total))
    }
}

impl Review {
    /// Dependency edges between components: (component, the component it depends on).
    pub fn dependency_edges(&self) -> Result<Vec<(i64, i64)>> {
        let mut stmt = self.conn.prepare("SELECT component_id, depends_on FROM dependencies ORDER BY 1, 2")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// Another component, as a link.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ComponentLink {
    pub id: i64,
    pub name: String,
    pub version: Option<String>,
}

/// One copyright holder across the release: how often it is stated, in how many files, in which
/// components — what a lawyer checks attribution against.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct HolderRow {
    pub holder: String,
    pub statements: i64,
    pub files: i64,
    /// The components its files belong to (the first 20 by name), and how many there are.
    pub components: Vec<ComponentLink>,
    pub component_count: i64,
    /// One statement as written, for its years and wording.
    pub example: String,
}

impl Review {
    /// Copyright holders, the most widespread first; `search` narrows to holders or statements
    /// containing all its words (any case).
    pub fn holders(&self, search: &str) -> Result<Vec<HolderRow>> {
        let mut stmt = self.conn.prepare(
            "SELECT cr.holder, cr.statement, cr.file_id, c.id, c.name, c.version
             FROM copyrights cr JOIN files f ON f.id = cr.file_id LEFT JOIN components c ON c.id = f.component_id
             ORDER BY cr.holder, lower(c.name), c.id",
        )?;
        let words: Vec<String> = search.split_whitespace().map(str::to_lowercase).collect();
        let mut rows: Vec<HolderRow> = Vec::new();
        // The statements come grouped by holder: these are the current holder's files and components.
        let mut files = std::collections::HashSet::new();
        let mut components = std::collections::HashSet::new();
        let mut q = stmt.query([])?;
        while let Some(r) = q.next()? {
            let holder: String = r.get(0)?;
            let statement: String = r.get(1)?;
            if !words.is_empty() {
                let hay = format!("{} {}", holder.to_lowercase(), statement.to_lowercase());
                if !words.iter().all(|w| hay.contains(w.as_str())) {
                    continue;
                }
            }
            if rows.last().is_none_or(|h| h.holder != holder) {
                files.clear();
                components.clear();
                rows.push(HolderRow {
                    holder,
                    statements: 0,
                    files: 0,
                    components: Vec::new(),
                    component_count: 0,
                    example: statement,
                });
            }
            let row = rows.last_mut().expect("a row for this holder");
            row.statements += 1;
            if files.insert(r.get::<_, i64>(2)?) {
                row.files += 1;
            }
            if let Some(id) = r.get::<_, Option<i64>>(3)?
                && components.insert(id)
            {
                row.component_count += 1;
                if row.components.len() < 20 {
                    row.components.push(ComponentLink { id, name: r.get(4)?, version: r.get(5)? });
                }
            }
        }
        rows.sort_by(|a, b| {
            b.component_count.cmp(&a.component_count).then(b.files.cmp(&a.files)).then(a.holder.cmp(&b.holder))
        });
        Ok(rows)
    }

    /// What a component depends on, and what depends on it, by name.
    pub fn component_links(&self, id: i64) -> Result<(Vec<ComponentLink>, Vec<ComponentLink>)> {
        let links = |sql: &str| -> Result<Vec<ComponentLink>> {
            let mut stmt = self.conn.prepare_cached(sql)?;
            let rows =
                stmt.query_map([id], |r| Ok(ComponentLink { id: r.get(0)?, name: r.get(1)?, version: r.get(2)? }))?;
            Ok(rows.collect::<rusqlite::Result<_>>()?)
        };
        Ok((
            links(
                "SELECT c.id, c.name, c.version FROM dependencies d JOIN components c ON c.id = d.depends_on
                 WHERE d.component_id = ?1 ORDER BY lower(c.name), c.version",
            )?,
            links(
                "SELECT c.id, c.name, c.version FROM dependencies d JOIN components c ON c.id = d.component_id
                 WHERE d.depends_on = ?1 ORDER BY lower(c.name), c.version",
            )?,
        ))
    }
}

/// Components as `ComponentRow`s, on any connection (a scan's transaction too).
pub(crate) fn components_where(
    conn: &rusqlite::Connection,
    filter: &str,
    args: &[&dyn rusqlite::ToSql],
) -> Result<Vec<ComponentRow>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT c.id, r.name, c.dir, c.manifest_path, c.ecosystem, c.name, c.version, c.purl, c.declared_license,
                c.declared_original, c.homepage, c.is_root, c.source,
                (SELECT count(*) FROM files f WHERE f.component_id = c.id),
                (SELECT group_concat(license, char(31)) FROM (
                    SELECT DISTINCT fl.license FROM files f JOIN findings fi ON fi.file_id = f.id
                    JOIN finding_licenses fl ON fl.finding_id = fi.id
                    WHERE f.component_id = c.id AND fi.detector != 'manifest'
                      AND NOT EXISTS (SELECT 1 FROM false_positives fp WHERE fp.finding_id = fi.id)
                    ORDER BY fl.license)),
                c.supplier
         FROM components c JOIN roots r ON r.id = c.root_id
         WHERE {filter}
         ORDER BY c.is_root DESC, lower(c.name), c.version, c.id"
    ))?;
    let rows = stmt.query_map(args, |r| {
        let detected: Option<String> = r.get(14)?;
        let manifest: String = r.get(3)?;
        Ok(ComponentRow {
            id: r.get(0)?,
            root: r.get(1)?,
            dir: r.get(2)?,
            manifest_path: if manifest.is_empty() { None } else { Some(manifest) },
            ecosystem: r.get(4)?,
            name: r.get(5)?,
            version: r.get(6)?,
            purl: r.get(7)?,
            declared_license: r.get(8)?,
            declared_original: r.get(9)?,
            homepage: r.get(10)?,
            is_root: r.get(11)?,
            source: r.get(12)?,
            files: r.get(13)?,
            detected: detected.map(|d| d.split('\u{1f}').map(str::to_string).collect()).unwrap_or_default(),
            supplier: r.get(15)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
