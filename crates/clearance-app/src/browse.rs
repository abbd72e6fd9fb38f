//! What a reviewer browses: the overview of a review, the components table a page at a time,
//! a file with its findings marked, a match against its reference text, license id completion.
//! Read-only; each call opens the review, answers with one or a few indexed queries, and closes.

use std::io::Read;
use std::path::Path;

use clearance_licenses::Policy;
use clearance_store::{
    ComponentFacets, ComponentPage, ComponentQuery, FileRow, FolderView, HolderRow, LicenseCount, Review, ScanInfo,
};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::review::{CheckReport, Status};
use crate::{AppError, CategoryCount, Result, categories_of};

/// The most of a file the viewer shows: a bigger one is shown from its start, this much.
pub const VIEWER_MAX_BYTES: u64 = 4 * 1024 * 1024;

/// A review at a glance: where it stands, what licenses it holds, what the policy says.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Overview {
    pub review: String,
    pub roots: Vec<String>,
    pub scan: Option<ScanInfo>,
    pub files: i64,
    pub findings: i64,
    pub skipped: i64,
    pub status: Status,
    pub licenses: Vec<LicenseCount>,
    pub categories: Vec<CategoryCount>,
    pub policy: CheckReport,
    /// True when the review has a policy of its own (`review policy FILE`, or the desktop's
    /// policy page); else Clearance's default policy is what the check applies.
    pub policy_own: bool,
    /// The product as attribution files and SBOMs name it.
    pub product: String,
    pub product_version: Option<String>,
    /// True when a reviewer named the product (else it is the scanned folder's top manifest).
    pub product_set: bool,
    /// Known vulnerabilities at a glance; None when the review was never matched.
    pub vulnerabilities: Option<VulnerabilityGlance>,
}

/// Open vulnerabilities by severity, and how current the advisories were.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct VulnerabilityGlance {
    pub snapshot: clearance_store::AdvisorySnapshot,
    /// Found in shipped components.
    pub found: usize,
    /// Open (not triaged as settled) ones of shipped components per severity (None: the
    /// advisory gives no CVSS score), the most severe first, unknown last; none-counts left out.
    pub open: Vec<SeverityCount>,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SeverityCount {
    pub severity: Option<clearance_licenses::VulnerabilitySeverity>,
    pub count: usize,
}

fn glance(review: &Review) -> Result<Option<VulnerabilityGlance>> {
    let Some(snapshot) = review.advisory_snapshot()? else { return Ok(None) };
    let rows = review.vulnerabilities()?;
    let mut open = Vec::new();
    let bands = clearance_licenses::VulnerabilitySeverity::ALL.iter().rev().map(|s| Some(*s)).chain([None]);
    for severity in bands {
        let count = rows.iter().filter(|v| v.shipped && v.is_open() && v.severity == severity).count();
        if count > 0 {
            open.push(SeverityCount { severity, count });
        }
    }
    Ok(Some(VulnerabilityGlance { snapshot, found: rows.iter().filter(|v| v.shipped).count(), open }))
}

/// The overview under the review's own policy (the desktop's).
pub fn review_overview(db: &Path) -> Result<Overview> {
    let policy = crate::review::review_policy(db, None)?;
    overview(db, &policy)
}

pub fn overview(db: &Path, policy: &Policy) -> Result<Overview> {
    let status = crate::review::status(db)?;
    let policy = crate::review::check(db, policy)?;
    let review = Review::open(db)?;
    let licenses = review.license_counts()?;
    let components = review.components()?;
    let (product, product_version) = clearance_export::product_of(&review, &components)?;
    Ok(Overview {
        product,
        product_version,
        product_set: review.product()?.is_some(),
        policy_own: review.policy_text()?.is_some(),
        vulnerabilities: glance(&review)?,
        review: db.display().to_string(),
        roots: review.roots()?.into_iter().map(|(_, path, _)| path).collect(),
        scan: review.latest_scan()?,
        files: review.count_files()?,
        findings: review.count_findings()?,
        skipped: review.skipped()?.len() as i64,
        status,
        categories: categories_of(&licenses),
        licenses,
        policy,
    })
}

pub fn component_page(db: &Path, query: &ComponentQuery) -> Result<ComponentPage> {
    Ok(Review::open(db)?.component_page(query)?)
}

pub fn component_facets(db: &Path) -> Result<ComponentFacets> {
    Ok(Review::open(db)?.component_facets()?)
}

/// Copyright holders across the release, the most widespread first (`search`: words in the
/// holder or the statement).
pub fn holders(db: &Path, search: &str) -> Result<Vec<HolderRow>> {
    Ok(Review::open(db)?.holders(search)?)
}

/// The scanned tree, one folder at a time (`""` for the scanned roots).
pub fn folder(db: &Path, path: &str) -> Result<FolderView> {
    Ok(Review::open(db)?.folder(path)?)
}

/// A component's files, for browsing beyond those with findings.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FileList {
    pub total: i64,
    pub files: Vec<FileRow>,
}

/// A component's files whose path contains `search`, at most 200.
pub fn component_files(db: &Path, component: i64, search: &str) -> Result<FileList> {
    let (files, total) = Review::open(db)?.component_files(component, search, 200)?;
    Ok(FileList { total, files })
}

/// What a marked region of a file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "kebab-case")]
pub enum RegionKind {
    License,
    Copyright,
}

/// Which text a piece of a word diff is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "kebab-case")]
pub enum DiffSide {
    /// In both.
    Same,
    /// Only in the file.
    File,
    /// Only in the license's reference text.
    Reference,
}

/// A marked region of a file: a license finding or a copyright statement.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Region {
    pub kind: RegionKind,
    pub start_line: i64,
    pub end_line: i64,
    /// The license expression or the copyright statement.
    pub label: String,
    pub finding_id: Option<i64>,
    pub detector: Option<clearance_store::Detector>,
    pub score: Option<f64>,
    pub false_positive: Option<String>,
    /// Why the detector says so: alternatives, normalisations, the file a pointer was read with.
    pub notes: Vec<String>,
    /// A matched text that can be compared word by word with its license's reference text
    /// (license texts and notices; not names, tags or pointers).
    pub comparable: bool,
}

/// A file as the viewer shows it. `text` is absent when the file cannot be shown; `notice`
/// says why, or what to keep in mind (changed since the scan, not UTF-8).
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FileContent {
    pub id: i64,
    pub root: String,
    pub path: String,
    pub kind: clearance_store::FileKind,
    pub size: i64,
    pub component_id: Option<i64>,
    pub text: Option<String>,
    pub notice: Option<String>,
    pub regions: Vec<Region>,
}

/// A file of the review with its findings and copyright lines. The text comes from the review
/// (license and notice files) or from the scanned folder, never from elsewhere: the path is the
/// one the scan recorded under its root.
pub fn file_content(db: &Path, file_id: i64) -> Result<FileContent> {
    let review = Review::open(db)?;
    let file =
        review.file(file_id)?.ok_or_else(|| AppError::Invalid(format!("there is no file {file_id} in this review")))?;
    let fps = review.false_positive_reasons(file_id)?;
    let mut regions: Vec<Region> = review
        .findings(Some(file_id))?
        .into_iter()
        .map(|f| Region {
            kind: RegionKind::License,
            start_line: f.start_line,
            end_line: f.end_line,
            comparable: f.expression.is_some()
                && (matches!(f.detector.as_str(), "license-text" | "license-notice") || rule_of(&f.notes).is_some()),
            label: match (f.expression, f.original) {
                (Some(e), _) => e,
                // A pointer names the file that holds the license, not a license.
                (None, Some(o)) if f.diagnostic.as_deref() == Some(clearance_scan::FILE_REFERENCE_CODE) => {
                    format!("see {o}")
                }
                (None, Some(o)) => o,
                (None, None) => "unknown license text".into(),
            },
            false_positive: fps.iter().find(|(id, _)| *id == f.id).map(|(_, r)| r.clone()),
            finding_id: Some(f.id),
            detector: Some(f.detector),
            score: Some(f.score),
            notes: f.notes,
        })
        .collect();
    regions.extend(review.copyrights(Some(file_id))?.into_iter().map(|c| Region {
        kind: RegionKind::Copyright,
        start_line: c.start_line,
        end_line: c.end_line,
        label: c.statement,
        finding_id: None,
        detector: None,
        score: None,
        false_positive: None,
        notes: Vec::new(),
        comparable: false,
    }));
    regions.sort_by_key(|r| (r.start_line, r.end_line));
    let (text, notice) = match review.file_text(file_id)? {
        Some(t) => (Some(t), None),
        None => read_scanned(&file.root_path, &file.row.path, &file.row.sha256),
    };
    Ok(FileContent {
        id: file.row.id,
        root: file.row.root,
        path: file.row.path,
        kind: file.row.kind,
        size: file.row.size,
        component_id: file.row.component_id,
        text,
        notice: notice.or(file.row.note),
        regions,
    })
}

/// Read a scanned file for display, or say why not.
fn read_scanned(root: &str, rel: &str, sha256: &str) -> (Option<String>, Option<String>) {
    let root = Path::new(root);
    // A root may be a single file that was scanned on its own.
    let path = if rel.is_empty() || root.is_file() { root.to_path_buf() } else { root.join(rel) };
    let meta = match std::fs::symlink_metadata(&path) {
        Ok(m) => m,
        Err(e) => return (None, Some(format!("The file cannot be read any more ({e}).",))),
    };
    if !meta.is_file() {
        return (None, Some("This is no longer a regular file.".into()));
    }
    // A file larger than the viewer shows is shown from its start, to the last whole line
    // within the limit (its header and what is marked there); the rest is still hashed, so a
    // changed file is still said to be one.
    let mut bytes = Vec::with_capacity(meta.len().min(VIEWER_MAX_BYTES) as usize);
    let mut hasher = Sha256::new();
    let read = std::fs::File::open(&path).and_then(|mut f| {
        (&mut f).take(VIEWER_MAX_BYTES).read_to_end(&mut bytes)?;
        hasher.update(&bytes);
        let mut buf = vec![0u8; 1 << 16];
        loop {
            let n = f.read(&mut buf)?;
            if n == 0 {
                return Ok(());
            }
            hasher.update(&buf[..n]);
        }
    });
    if let Err(e) = read {
        return (None, Some(format!("The file cannot be read ({e}).")));
    }
    if bytes.iter().take(8192).any(|&b| b == 0) {
        return (None, Some("This is a binary file; it has no text to show.".into()));
    }
    let changed = format!("{:x}", hasher.finalize()) != sha256;
    let mut notes = Vec::new();
    if changed {
        notes.push(
            "The file has changed since it was scanned: the marked lines may be out of place. Scan again.".to_string(),
        );
    }
    if meta.len() > VIEWER_MAX_BYTES {
        if let Some(last) = bytes.iter().rposition(|&b| b == b'\n') {
            bytes.truncate(last + 1);
        }
        let lines = bytes.iter().filter(|&&b| b == b'\n').count();
        notes.push(format!(
            "The file is {} MiB; the viewer shows its first {} MiB ({lines} lines). Findings further down are listed with their lines.",
            meta.len().div_ceil(1024 * 1024),
            VIEWER_MAX_BYTES / (1024 * 1024)
        ));
    }
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            notes.push("The file is not valid UTF-8; undecodable bytes are shown as \u{fffd}.".to_string());
            String::from_utf8_lossy(e.as_bytes()).into_owned()
        }
    };
    (Some(text), if notes.is_empty() { None } else { Some(notes.join(" ")) })
}

/// A piece of a word diff between a file's matched text and the license's reference text.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DiffPart {
    pub side: DiffSide,
    pub text: String,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ReferenceDiff {
    pub finding_id: i64,
    pub license: Option<String>,
    pub reference: Option<String>,
    pub parts: Vec<DiffPart>,
    /// Share of the words of both texts that are common, 0 to 1.
    pub similarity: f64,
    pub notice: Option<String>,
}

/// The matched text of a finding beside its license's reference text, word by word.
/// The LicenseDB rule a finding's notes name ("rule mit_30.RULE of ScanCode's LicenseDB (…)").
fn rule_of(notes: &[String]) -> Option<String> {
    notes.iter().find_map(|n| {
        let rest = n.strip_prefix("rule ")?;
        let (id, tail) = rest.split_once(' ')?;
        tail.starts_with("of ScanCode's LicenseDB").then(|| id.to_string())
    })
}

/// The file's words beside the words of the rule that matched them: why a rule finding says
/// what it says.
fn rule_diff(finding: &clearance_store::FindingRow, rule_id: &str) -> Option<ReferenceDiff> {
    let index = clearance_licenses::rules::RuleIndex::shared();
    let (n, rule) = index.rule_named(rule_id)?;
    let text = index.rule_text(n)?;
    let (parts, similarity) = word_diff(&finding.matched_text, &text);
    Some(ReferenceDiff {
        finding_id: finding.id,
        license: finding.expression.clone(),
        notice: Some(format!(
            "Compared with the rule that matched: {rule_id} ({}, {} words) of ScanCode's LicenseDB (CC-BY-4.0).",
            rule.kind.as_str(),
            rule.len()
        )),
        reference: Some(text),
        parts,
        similarity,
    })
}

pub fn reference_diff(db: &Path, finding_id: i64) -> Result<ReferenceDiff> {
    let review = Review::open(db)?;
    let finding =
        review.finding(finding_id)?.ok_or_else(|| AppError::Invalid(format!("there is no finding {finding_id}")))?;
    if let Some(rule) = rule_of(&finding.notes)
        && let Some(d) = rule_diff(&finding, &rule)
    {
        return Ok(d);
    }
    let ids = finding.expression.as_deref().map(clearance_licenses::license_ids_in).unwrap_or_default();
    let mut out = ReferenceDiff {
        finding_id,
        license: finding.expression.clone(),
        reference: None,
        parts: Vec::new(),
        similarity: 0.0,
        notice: None,
    };
    let [id] = ids.as_slice() else {
        out.notice = Some(match ids.len() {
            0 => "No license was identified, so there is no reference text to compare.".into(),
            _ => "The finding names several licenses; open each license's text from the licenses list.".into(),
        });
        return Ok(out);
    };
    let reference = match clearance_licenses::license(id) {
        Some((_, text)) => Some(text.to_string()),
        None => review.license_ref(id)?.map(|(_, text)| text),
    };
    let Some(reference) = reference else {
        out.notice = Some(format!("There is no reference text for {id}."));
        return Ok(out);
    };
    if matches!(finding.detector, clearance_store::Detector::SpdxTag | clearance_store::Detector::Manifest) {
        out.notice = Some(format!(
            "This finding is an identifier ({}), not a license text; the reference text of {id} is shown.",
            finding.detector.as_str()
        ));
        out.parts = vec![DiffPart { side: DiffSide::Reference, text: reference.clone() }];
        out.reference = Some(reference);
        return Ok(out);
    }
    // A header notice is a few lines; compare it with the part of the license text it echoes
    // (the GNU licenses end with the very notice to put in files), not the whole text.
    let file_words = finding.matched_text.split_whitespace().count();
    let ref_words: Vec<&str> = reference.split_whitespace().collect();
    let compared = if file_words * 2 < ref_words.len() {
        let (from, to) = best_window(&finding.matched_text, &ref_words);
        out.notice = Some(format!(
            "The file has {file_words} words; the reference text of {id} has {}. Compared with the part of it that matches best (words {}–{}).",
            ref_words.len(),
            from + 1,
            to
        ));
        ref_words[from..to].join(" ")
    } else {
        reference.clone()
    };
    let (parts, similarity) = word_diff(&finding.matched_text, &compared);
    out.parts = parts;
    out.similarity = similarity;
    out.reference = Some(reference);
    Ok(out)
}

fn word_key(w: &str) -> String {
    w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase()
}

/// The stretch of `reference` (as word indexes) that shares the most words with `text`: a
/// window as long as the text slides over the reference, counting shared words as it goes.
fn best_window(text: &str, reference: &[&str]) -> (usize, usize) {
    use std::collections::HashMap;
    let mut want: HashMap<String, i64> = HashMap::new();
    for w in text.split_whitespace() {
        *want.entry(word_key(w)).or_default() += 1;
    }
    let keys: Vec<String> = reference.iter().map(|w| word_key(w)).collect();
    let len = text.split_whitespace().count().min(keys.len()).max(1);
    let mut have: HashMap<&str, i64> = HashMap::new();
    let mut shared = 0i64;
    let (mut best, mut best_at) = (-1i64, 0usize);
    for (i, k) in keys.iter().enumerate() {
        let n = have.entry(k).or_default();
        *n += 1;
        if *n <= *want.get(k).unwrap_or(&0) {
            shared += 1;
        }
        if i >= len {
            let old = keys[i - len].as_str();
            let n = have.entry(old).or_default();
            if *n <= *want.get(old).unwrap_or(&0) {
                shared -= 1;
            }
            *n -= 1;
        }
        if i + 1 >= len && shared > best {
            best = shared;
            best_at = i + 1 - len;
        }
    }
    let margin = 8;
    (best_at.saturating_sub(margin), (best_at + len + margin).min(keys.len()))
}

/// Word-level differences; whitespace runs count as equal whatever their shape.
pub fn word_diff(file: &str, reference: &str) -> (Vec<DiffPart>, f64) {
    let a: Vec<&str> = file.split_whitespace().collect();
    let b: Vec<&str> = reference.split_whitespace().collect();
    let ka: Vec<String> = a.iter().map(|w| word_key(w)).collect();
    let kb: Vec<String> = b.iter().map(|w| word_key(w)).collect();
    let ops = similar::capture_diff_slices_deadline(
        similar::Algorithm::Myers,
        &ka,
        &kb,
        Some(std::time::Instant::now() + std::time::Duration::from_millis(500)),
    );
    let mut parts: Vec<DiffPart> = Vec::new();
    let mut same = 0usize;
    let mut push = |side: DiffSide, words: &[&str]| {
        if words.is_empty() {
            return;
        }
        let text = words.join(" ");
        match parts.last_mut() {
            Some(last) if last.side == side => {
                last.text.push(' ');
                last.text.push_str(&text);
            }
            _ => parts.push(DiffPart { side, text }),
        }
    };
    for op in ops {
        match op {
            similar::DiffOp::Equal { old_index, len, .. } => {
                same += len;
                push(DiffSide::Same, &a[old_index..old_index + len]);
            }
            similar::DiffOp::Delete { old_index, old_len, .. } => {
                push(DiffSide::File, &a[old_index..old_index + old_len])
            }
            similar::DiffOp::Insert { new_index, new_len, .. } => {
                push(DiffSide::Reference, &b[new_index..new_index + new_len])
            }
            similar::DiffOp::Replace { old_index, old_len, new_index, new_len } => {
                push(DiffSide::File, &a[old_index..old_index + old_len]);
                push(DiffSide::Reference, &b[new_index..new_index + new_len]);
            }
        }
    }
    let total = a.len() + b.len();
    let similarity = if total == 0 { 1.0 } else { (2 * same) as f64 / total as f64 };
    (parts, similarity)
}

/// A license or exception id offered while typing an expression.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LicenseChoice {
    pub id: String,
    pub name: String,
    pub exception: bool,
}

/// Ids that start with (then contain) `prefix`, current ones before deprecated ones; the
/// review's own `LicenseRef-`s included.
pub fn complete_license(db: &Path, prefix: &str, limit: usize) -> Result<Vec<LicenseChoice>> {
    let needle = prefix.trim().to_ascii_lowercase();
    if needle.is_empty() {
        return Ok(Vec::new());
    }
    let mut choices: Vec<(u8, LicenseChoice)> = Vec::new();
    let mut consider = |id: &str, name: &str, deprecated: bool, exception: bool| {
        let lower = id.to_ascii_lowercase();
        let rank = if lower == needle {
            0
        } else if lower.starts_with(&needle) {
            1
        } else if lower.contains(&needle) || name.to_ascii_lowercase().contains(&needle) {
            2
        } else {
            return;
        };
        choices.push((
            rank + if deprecated { 3 } else { 0 },
            LicenseChoice { id: id.to_string(), name: name.to_string(), exception },
        ));
    };
    for l in clearance_licenses::licenses() {
        consider(l.id, l.name, l.deprecated, false);
    }
    for e in clearance_licenses::exceptions() {
        consider(e.id, e.name, e.deprecated, true);
    }
    for (id, name) in Review::open(db)?.license_refs()? {
        consider(&id, &name, false, false);
    }
    choices.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.id.len().cmp(&b.1.id.len())).then(a.1.id.cmp(&b.1.id)));
    Ok(choices.into_iter().take(limit).map(|(_, c)| c).collect())
}

/// An expression as the conclusion editor checks it while the reviewer types.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ExpressionCheck {
    pub valid: bool,
    /// The canonical form that would be stored.
    pub canonical: Option<String>,
    pub message: Option<String>,
}

pub fn check_expression(db: &Path, expression: &str) -> Result<ExpressionCheck> {
    let review = Review::open(db)?;
    Ok(match review.validate_expression(expression) {
        Ok(canonical) => ExpressionCheck { valid: true, canonical: Some(canonical), message: None },
        Err(clearance_store::StoreError::Invalid(message)) => {
            ExpressionCheck { valid: false, canonical: None, message: Some(message) }
        }
        Err(e) => return Err(e.into()),
    })
}
