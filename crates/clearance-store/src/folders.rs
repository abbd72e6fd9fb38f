//! The scanned tree folder by folder, as OpossumUI and ScanCode Workbench show it: each
//! sub-folder with how many files it holds, how many carry a license finding, and which licenses
//! (false positives left out); each file directly in it with its licenses.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::{FileKind, Result, Review};

/// A folder's contents. `path` is `root-name/relative/folder`, or empty for the scanned roots.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FolderView {
    pub path: String,
    pub folders: Vec<FolderEntry>,
    /// Files directly in the folder (the first 1,000 by name).
    pub files: Vec<FolderFile>,
    pub file_count: i64,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FolderEntry {
    pub name: String,
    pub path: String,
    /// Files anywhere below it.
    pub files: i64,
    /// Of those, files with a license finding that is not a false positive.
    pub with_license: i64,
    /// The licenses found below it, the most demanding first.
    pub licenses: Vec<String>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FolderFile {
    pub id: i64,
    pub name: String,
    pub kind: FileKind,
    pub licenses: Vec<String>,
}

/// The most files one folder view lists.
const MAX_FILES: usize = 1000;

impl Review {
    pub fn folder(&self, path: &str) -> Result<FolderView> {
        let path = path.trim_matches('/');
        let prefix = if path.is_empty() { String::new() } else { format!("{path}/") };
        let mut stmt = self.conn.prepare_cached(
            "SELECT f.id, r.name || '/' || f.path, f.kind,
                    (SELECT group_concat(DISTINCT fl.license) FROM findings fi JOIN finding_licenses fl ON fl.finding_id = fi.id
                     WHERE fi.file_id = f.id AND NOT EXISTS (SELECT 1 FROM false_positives fp WHERE fp.finding_id = fi.id))
             FROM files f JOIN roots r ON r.id = f.root_id
             WHERE substr(r.name || '/' || f.path, 1, length(?1)) = ?1
             ORDER BY 2",
        )?;
        struct Acc {
            files: i64,
            with_license: i64,
            licenses: BTreeSet<String>,
        }
        let mut folders: BTreeMap<String, Acc> = BTreeMap::new();
        let mut files = Vec::new();
        let mut file_count = 0;
        let mut rows = stmt.query([&prefix])?;
        while let Some(r) = rows.next()? {
            let full: String = r.get(1)?;
            let rest = &full[prefix.len()..];
            let licenses: Vec<String> =
                r.get::<_, Option<String>>(3)?.map(|l| l.split(',').map(str::to_string).collect()).unwrap_or_default();
            match rest.split_once('/') {
                Some((folder, _)) => {
                    let acc = folders.entry(folder.to_string()).or_insert(Acc {
                        files: 0,
                        with_license: 0,
                        licenses: BTreeSet::new(),
                    });
                    acc.files += 1;
                    acc.with_license += i64::from(!licenses.is_empty());
                    acc.licenses.extend(licenses);
                }
                None => {
                    file_count += 1;
                    if files.len() < MAX_FILES {
                        files.push(FolderFile {
                            id: r.get(0)?,
                            name: rest.to_string(),
                            kind: crate::word(r, 2)?,
                            licenses: demanding_first(licenses),
                        });
                    }
                }
            }
        }
        Ok(FolderView {
            path: path.to_string(),
            folders: folders
                .into_iter()
                .map(|(name, a)| FolderEntry {
                    path: format!("{prefix}{name}"),
                    name,
                    files: a.files,
                    with_license: a.with_license,
                    licenses: demanding_first(a.licenses.into_iter().collect()),
                })
                .collect(),
            files,
            file_count,
        })
    }

    /// Findings in files under a folder (`root-name/relative/folder`) that are not yet marked
    /// false positive: what marking the folder's findings false positive applies to.
    pub fn findings_under(&self, path: &str) -> Result<Vec<i64>> {
        let prefix = format!("{}/", path.trim_matches('/'));
        if prefix == "/" {
            return Err(crate::StoreError::Invalid("name a folder: not the whole review".into()));
        }
        let mut stmt = self.conn.prepare(
            "SELECT fi.id FROM findings fi JOIN files f ON f.id = fi.file_id JOIN roots r ON r.id = f.root_id
             WHERE substr(r.name || '/' || f.path, 1, length(?1)) = ?1
               AND NOT EXISTS (SELECT 1 FROM false_positives fp WHERE fp.finding_id = fi.id)
             ORDER BY fi.id",
        )?;
        let ids = stmt.query_map([&prefix], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        Ok(ids)
    }
}

/// Ids (sorted by name) with the most demanding category first.
fn demanding_first(mut ids: Vec<String>) -> Vec<String> {
    ids.sort();
    crate::table::sort_most_demanding_first(&mut ids);
    ids
}
