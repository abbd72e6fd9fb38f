//! Headers that leave their license to another file. "See the file COPYING" and "License: BSD"
//! name no license a reviewer could conclude from the header alone, but the package that holds
//! the file usually settles it: its COPYING holds a text, its license file is one BSD variant.
//! As each scan ends, every such pointer is read with the nearest license file it can mean —
//! in the file's own folder first, then each folder above it — and the reading becomes a
//! `resolved-reference` finding beside the pointer, which stays as it was found.

use std::collections::HashMap;

use clearance_scan::{Detector, FILE_REFERENCE_CODE};
use rusqlite::{Transaction, params};

use crate::Result;

/// A license file: its name and the distinct license expressions found in it.
struct LicenseFile {
    name: String,
    expressions: Vec<String>,
}

/// A pointer found in a header.
struct Pointer {
    file_id: i64,
    path: String,
    target: String,
    is_file: bool,
    start_line: i64,
    end_line: i64,
    matched_text: String,
}

pub(crate) fn resolve_references(tx: &Transaction, root_id: i64, now: &str) -> Result<()> {
    let resolved = Detector::ResolvedReference.as_str();
    let pointers: Vec<Pointer> = tx
        .prepare(
            "SELECT fi.file_id, f.path, fi.original, fi.diagnostic, fi.start_line, fi.end_line, fi.matched_text
             FROM findings fi JOIN files f ON f.id = fi.file_id
             WHERE f.root_id = ?1 AND fi.detector = ?3 AND fi.expression IS NULL
               AND fi.original IS NOT NULL AND fi.diagnostic IN (?2, 'unrecognised-license')",
        )?
        .query_map(params![root_id, FILE_REFERENCE_CODE, Detector::LicenseReference.as_str()], |r| {
            Ok(Pointer {
                file_id: r.get(0)?,
                path: r.get(1)?,
                target: r.get(2)?,
                is_file: r.get::<_, String>(3)? == FILE_REFERENCE_CODE,
                start_line: r.get(4)?,
                end_line: r.get(5)?,
                matched_text: r.get(6)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    if pointers.is_empty() {
        return crate::derived::sync(tx, root_id, resolved, Vec::new(), now);
    }
    // License and notice files by folder, with what was found in them (a reviewer's false
    // positive does not count).
    let mut by_dir: HashMap<String, Vec<LicenseFile>> = HashMap::new();
    let rows: Vec<(String, String)> = tx
        .prepare(
            "SELECT f.path, fi.expression FROM files f JOIN findings fi ON fi.file_id = f.id
             WHERE f.root_id = ?1 AND f.kind IN ('license', 'notice') AND fi.expression IS NOT NULL
               AND fi.detector IN ('license-text', 'license-notice', 'license-reference', 'spdx-tag')
               AND fi.id NOT IN (SELECT finding_id FROM false_positives)
             ORDER BY f.path, fi.start_line",
        )?
        .query_map([root_id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (path, expression) in rows {
        let (dir, name) = split(&path);
        let files = by_dir.entry(dir.to_string()).or_default();
        match files.iter_mut().find(|f| f.name == name) {
            Some(f) if !f.expressions.contains(&expression) => f.expressions.push(expression),
            Some(_) => {}
            None => files.push(LicenseFile { name: name.to_string(), expressions: vec![expression] }),
        }
    }
    let readings = pointers
        .into_iter()
        .filter_map(|p| {
            let reading = read_pointer(&p, &by_dir)?;
            Some(crate::derived::Derived {
                file_id: p.file_id,
                expression: Some(reading.expression),
                original: p.target,
                score: reading.score,
                start_line: p.start_line,
                end_line: p.end_line,
                matched_text: p.matched_text,
                diagnostic: reading.diagnostic.map(str::to_string),
                notes: vec![reading.note],
            })
        })
        .collect();
    crate::derived::sync(tx, root_id, resolved, readings, now)
}

struct Reading {
    expression: String,
    score: f64,
    diagnostic: Option<&'static str>,
    note: String,
}

fn split(path: &str) -> (&str, &str) {
    path.rsplit_once('/').unwrap_or(("", path))
}

/// What a pointer means: several files joined as the header joins them ("LICENSE OR COPYING"),
/// nothing when any of them cannot be read; one file, or a family of licenses, by the nearest
/// license file that settles it.
fn read_pointer(p: &Pointer, by_dir: &HashMap<String, Vec<LicenseFile>>) -> Option<Reading> {
    if !p.is_file {
        return read_family(&p.path, &p.target, p.start_line, by_dir);
    }
    let op = if p.target.contains(" OR ") { "OR" } else { "AND" };
    let names: Vec<&str> = p.target.split(&format!(" {op} ")).collect();
    if let [name] = names.as_slice() {
        return read_file(&p.path, name, p.start_line, by_dir);
    }
    let readings = names.iter().map(|n| read_file(&p.path, n, p.start_line, by_dir)).collect::<Option<Vec<_>>>()?;
    let expressions: Vec<&str> = readings.iter().map(|r| r.expression.as_str()).collect();
    Some(Reading {
        expression: clearance_licenses::join_expressions(&expressions, op),
        score: 0.9,
        diagnostic: None,
        note: readings.iter().map(|r| r.note.as_str()).collect::<Vec<_>>().join("; "),
    })
}

/// The folders from a file's own up to the root, nearest first.
fn folders_up(path: &str) -> impl Iterator<Item = &str> {
    std::iter::successors(Some(split(path).0), |dir| (!dir.is_empty()).then(|| split(dir).0))
}

fn shown(dir: &str, name: &str) -> String {
    if dir.is_empty() { name.to_string() } else { format!("{dir}/{name}") }
}

/// "See the file COPYING": the nearest file of that name, with everything found in it.
fn read_file(path: &str, target: &str, line: i64, by_dir: &HashMap<String, Vec<LicenseFile>>) -> Option<Reading> {
    folders_up(path).find_map(|dir| {
        let f = by_dir.get(dir)?.iter().find(|f| same_file_name(&f.name, target))?;
        let several = f.expressions.len() > 1;
        let expression = clearance_licenses::join_expressions(&f.expressions, "AND");
        Some(Reading {
            note: format!(
                "line {line} leaves the license to {}, which holds {expression}{}",
                shown(dir, &f.name),
                if several { " (several licenses, all taken)" } else { "" }
            ),
            expression,
            score: if several { 0.8 } else { 0.95 },
            diagnostic: several.then_some("low-confidence"),
        })
    })
}

/// "License: BSD": the nearest folder whose license files hold a license of that family settles
/// it when they hold exactly one; two variants side by side leave it to the reviewer.
fn read_family(path: &str, name: &str, line: i64, by_dir: &HashMap<String, Vec<LicenseFile>>) -> Option<Reading> {
    let family = family_of(name)?;
    for dir in folders_up(path) {
        let mut ids: Vec<(String, &str)> = Vec::new();
        for f in by_dir.get(dir).map(Vec::as_slice).unwrap_or_default() {
            for e in &f.expressions {
                for id in clearance_licenses::license_ids_in(e) {
                    if id.to_ascii_lowercase().starts_with(&family) && !ids.iter().any(|(i, _)| *i == id) {
                        ids.push((id, &f.name));
                    }
                }
            }
        }
        match ids.as_slice() {
            [] => continue,
            [(id, file)] => {
                return Some(Reading {
                    expression: id.clone(),
                    score: 0.85,
                    diagnostic: None,
                    note: format!(
                        "line {line} says '{name}', a name several licenses share; the package's license file {} holds {id}, the only one of them there",
                        shown(dir, file)
                    ),
                });
            }
            _ => return None,
        }
    }
    None
}

/// COPYING is COPYING.txt and COPYING.md; LICENSE is LICENCE.
fn same_file_name(file: &str, pointer: &str) -> bool {
    let norm = |s: &str| s.to_ascii_lowercase().replace("licence", "license");
    let (file, pointer) = (norm(file), norm(pointer));
    file == pointer
        || file.strip_prefix(&pointer).is_some_and(|rest| rest.starts_with('.'))
        || pointer.strip_prefix(&file).is_some_and(|rest| rest.starts_with('.'))
}

/// "BSD", "BSD-style", "GPL license" → the id prefix of the family ("bsd-", "gpl-").
fn family_of(name: &str) -> Option<String> {
    let lower = name.to_ascii_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| !w.is_empty() && !matches!(*w, "license" | "licence" | "style" | "like" | "the"))
        .collect();
    let [word] = words.as_slice() else { return None };
    word.chars().all(|c| c.is_ascii_alphanumeric()).then(|| format!("{word}-"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointer_names_and_families() {
        assert!(same_file_name("COPYING", "COPYING"));
        assert!(same_file_name("COPYING.txt", "COPYING"));
        assert!(same_file_name("LICENCE", "LICENSE.md"));
        assert!(!same_file_name("COPYING.LIB", "COPYING-docs"));
        assert!(!same_file_name("LICENSE-MIT", "LICENSE"));
        assert_eq!(family_of("BSD").as_deref(), Some("bsd-"));
        assert_eq!(family_of("BSD-style license").as_deref(), Some("bsd-"));
        assert_eq!(family_of("GPL").as_deref(), Some("gpl-"));
        assert_eq!(family_of("Public Domain"), None);
        assert_eq!(folders_up("a/b/c.rs").collect::<Vec<_>>(), vec!["a/b", "a", ""]);
        assert_eq!(folders_up("c.rs").collect::<Vec<_>>(), vec![""]);
    }
}
