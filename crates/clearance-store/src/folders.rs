//! The scanned tree folder by folder, as OpossumUI and ScanCode Workbench show it: each
//! sub-folder with how many files it holds, how many carry a license finding, and which licenses
//! (false positives left out); each file directly in it with its licenses.

use std::collections::{BTreeMap, BTreeSet, HashMap};

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
        // The licenses of the files under the folder, read once (most files have none; a
        // per-file subquery probed every one of them).
        let mut licensed: HashMap<i64, BTreeSet<String>> = HashMap::new();
        let mut stmt = self.conn.prepare_cached(
            "SELECT fi.file_id, fl.license
             FROM findings fi JOIN finding_licenses fl ON fl.finding_id = fi.id
                  JOIN files f ON f.id = fi.file_id JOIN roots r ON r.id = f.root_id
             WHERE substr(r.name || '/' || f.path, 1, length(?1)) = ?1
               AND NOT EXISTS (SELECT 1 FROM false_positives fp WHERE fp.finding_id = fi.id)",
        )?;
        let mut rows = stmt.query([&prefix])?;
        while let Some(r) = rows.next()? {
            licensed.entry(r.get(0)?).or_default().insert(r.get(1)?);
        }
        struct Acc {
            files: i64,
            with_license: i64,
            licenses: BTreeSet<String>,
        }
        let mut folders: BTreeMap<String, Acc> = BTreeMap::new();
        let mut here: Vec<(String, i64, FileKind)> = Vec::new();
        let mut stmt = self.conn.prepare_cached(
            "SELECT f.id, r.name || '/' || f.path, f.kind FROM files f JOIN roots r ON r.id = f.root_id
             WHERE substr(r.name || '/' || f.path, 1, length(?1)) = ?1",
        )?;
        let mut rows = stmt.query([&prefix])?;
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            let full: String = r.get(1)?;
            let rest = &full[prefix.len()..];
            match rest.split_once('/') {
                Some((folder, _)) => {
                    let acc = match folders.get_mut(folder) {
                        Some(acc) => acc,
                        None => folders.entry(folder.to_string()).or_insert(Acc {
                            files: 0,
                            with_license: 0,
                            licenses: BTreeSet::new(),
                        }),
                    };
                    acc.files += 1;
                    if let Some(l) = licensed.get(&id) {
                        acc.with_license += 1;
                        acc.licenses.extend(l.iter().cloned());
                    }
                }
                None => here.push((rest.to_string(), id, crate::word(r, 2)?)),
            }
        }
        // The files directly in the folder, by name, the first MAX_FILES of them.
        let file_count = here.len() as i64;
        here.sort_by(|a, b| (&a.0, a.1).cmp(&(&b.0, b.1)));
        let files: Vec<FolderFile> = here
            .into_iter()
            .take(MAX_FILES)
            .map(|(name, id, kind)| FolderFile {
                id,
                name,
                kind,
                licenses: demanding_first(licensed.remove(&id).map(|l| l.into_iter().collect()).unwrap_or_default()),
            })
            .collect();
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
