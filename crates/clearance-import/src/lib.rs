//! Importers: results of other tools become a scan in a review, so teams that already run
//! ScanCode Toolkit, or receive SPDX documents or CycloneDX BOMs from suppliers, can review with
//! Clearance.
//! Each importer turns a document into the same `Event`s a scan produces, plus the components
//! the document declares.

mod cyclonedx;
mod scancode;
mod spdx;
mod spdx3;
mod spdx_tv;

use clearance_scan::{ComponentDecl, Event, FileReport, classify};

pub use cyclonedx::from_cyclonedx;
pub use scancode::from_scancode;
pub use spdx::from_spdx;

/// A document turned into scan results.
#[derive(Debug)]
pub struct Imported {
    /// "scancode-toolkit 32.2.0", "SPDX document by Tool: …".
    pub tool: String,
    /// The name of the scanned root (the first path segment of a ScanCode scan).
    pub root_name: String,
    pub events: Vec<Event>,
    /// Components that are not attached to a manifest file: (folder, key, declaration).
    pub components: Vec<(String, String, ComponentDecl)>,
    /// What could not be used, for the reviewer.
    pub warnings: Vec<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("not valid JSON: {0}")]
    Json(#[from] serde_json::Error),
    #[error("{0}")]
    Format(String),
}

/// Findings need an expression; unreadable ones are kept with a diagnostic, like a scan does.
pub(crate) fn finding(
    detector: clearance_scan::Detector,
    expression: &str,
    score: f32,
    lines: (u32, u32),
    matched: &str,
    note: &str,
) -> clearance_scan::Finding {
    let (expr, diagnostic, notes) = match clearance_licenses::normalize(expression) {
        Ok(n) => (Some(n.expression), None, n.notes),
        Err(e) => (None, Some("invalid-spdx-expression".to_string()), vec![e.to_string()]),
    };
    let mut notes = notes;
    notes.push(note.to_string());
    clearance_scan::Finding {
        detector,
        expression: expr,
        original: Some(expression.to_string()),
        score,
        start_line: lines.0.max(1),
        end_line: lines.1.max(lines.0.max(1)),
        matched_text: matched.chars().take(4000).collect(),
        diagnostic,
        notes,
    }
}

/// Holder and years of a copyright statement, read the way the scanner reads them.
pub(crate) fn copyright_of(statement: &str, start: u32, end: u32) -> clearance_scan::Copyright {
    let parsed = clearance_scan::extract_copyrights(statement).into_iter().next();
    clearance_scan::Copyright {
        statement: statement.split_whitespace().collect::<Vec<_>>().join(" "),
        holder: parsed.as_ref().map(|c| c.holder.clone()).unwrap_or_default(),
        years: parsed.and_then(|c| c.years),
        start_line: start.max(1),
        end_line: end.max(start.max(1)),
    }
}

/// The deepest folder holding every file ("" for the top).
pub(crate) fn common_dir(files: &[&String]) -> String {
    let mut iter = files.iter();
    let Some(first) = iter.next() else { return String::new() };
    let mut prefix: Vec<&str> = first.split('/').collect();
    prefix.pop();
    for f in iter {
        let parts: Vec<&str> = f.split('/').collect();
        let common = prefix.iter().zip(parts.iter()).take_while(|(a, b)| a == b).count();
        prefix.truncate(common.min(parts.len().saturating_sub(1)));
    }
    prefix.join("/")
}

/// A file of an imported document: its path and hashes, the dependency edges it states (between
/// purls), and what it is.
pub(crate) fn file_event(
    path: &str,
    sha256: String,
    sha1: String,
    relations: Vec<(String, String)>,
    note: &str,
) -> Event {
    Event::File(Box::new(FileReport {
        root: 0,
        kind: classify(path, b""),
        path: path.to_string(),
        size: 0,
        mtime: 0,
        sha256,
        sha1,
        reused: false,
        findings: Vec::new(),
        copyrights: Vec::new(),
        component: None,
        dependencies: Vec::new(),
        relations,
        note: Some(note.to_string()),
        text: None,
    }))
}
