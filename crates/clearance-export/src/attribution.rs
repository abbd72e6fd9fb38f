//! Attribution files: for every shipped component its name, version, license (concluded, or
//! declared/detected and marked as not reviewed), its copyright notices and its own NOTICE file
//! verbatim; then each distinct license text once, with the components under it. Where a
//! component ships its own license text (a BSD license with the holder's name) that text is
//! used, not the SPDX reference. Rendered from templates (minijinja); sorted and stable.

use std::collections::BTreeMap;

use clearance_store::{ComponentRow, Review};
use serde::Serialize;

use crate::{ExportContext, ExportError};

#[derive(Debug, Clone, Serialize)]
pub struct Attribution {
    pub product: String,
    pub version: Option<String>,
    pub created: String,
    pub tool: String,
    pub components: Vec<AttributedComponent>,
    pub licenses: Vec<LicenseText>,
    pub excluded: Vec<Excluded>,
    /// True when at least one component's license is not a reviewer's conclusion.
    pub has_unreviewed: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct AttributedComponent {
    pub name: String,
    pub version: Option<String>,
    pub purl: Option<String>,
    pub homepage: Option<String>,
    pub license: String,
    /// "concluded", "declared, not reviewed", "detected, not reviewed" or "no license found".
    pub license_source: String,
    pub reviewed: bool,
    pub copyrights: Vec<String>,
    /// The component's own NOTICE files, verbatim (Apache-2.0 §4(d)).
    pub notices: Vec<NoticeFile>,
    /// Keys into `licenses` for the texts that apply.
    pub license_texts: Vec<usize>,
}

#[derive(Debug, Clone, Serialize)]
pub struct NoticeFile {
    pub path: String,
    pub text: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct LicenseText {
    pub index: usize,
    pub id: String,
    pub name: String,
    pub text: String,
    /// "reference" (the SPDX text) or the component file it was taken from.
    pub source: String,
    pub components: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Excluded {
    pub name: String,
    pub version: Option<String>,
    pub reason: String,
}

fn label(c: &ComponentRow) -> String {
    match &c.version {
        Some(v) => format!("{} {v}", c.name),
        None => c.name.clone(),
    }
}

/// Copyright statements compared without case, spacing and (c)/© differences.
fn copyright_key(s: &str) -> String {
    s.to_lowercase().replace("(c)", "©").replace("&copy;", "©").split_whitespace().collect::<Vec<_>>().join(" ")
}

fn normalise_text(t: &str) -> String {
    t.replace("\r\n", "\n").lines().map(str::trim_end).collect::<Vec<_>>().join("\n").trim().to_string()
}

/// Gather what an attribution file says, from the review.
pub fn attribution(review: &Review, ctx: &ExportContext) -> Result<Attribution, ExportError> {
    let mut components = review.components()?;
    if components.is_empty() {
        return Err(ExportError::Empty);
    }
    let root = components.iter().find(|c| c.is_root).cloned();
    components
        .sort_by(|a, b| (a.name.to_lowercase(), &a.version, a.id).cmp(&(b.name.to_lowercase(), &b.version, b.id)));
    let findings = review.findings_brief()?;
    let fps: std::collections::HashSet<i64> = review
        .conn()
        .prepare("SELECT finding_id FROM false_positives")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .map_err(clearance_store::StoreError::from)?;
    // Everything grouped once: per-component queries over a 200,000-file review add up.
    let mut files_by_component: std::collections::HashMap<i64, Vec<clearance_store::FileRow>> =
        std::collections::HashMap::new();
    for f in review.files(None)? {
        if let Some(c) = f.component_id {
            files_by_component.entry(c).or_default().push(f);
        }
    }
    let mut findings_by_file: std::collections::HashMap<i64, Vec<&clearance_store::FindingBrief>> =
        std::collections::HashMap::new();
    for x in &findings {
        findings_by_file.entry(x.file_id).or_default().push(x);
    }
    let mut copyrights_by_file: std::collections::HashMap<i64, Vec<clearance_store::CopyrightRow>> =
        std::collections::HashMap::new();
    for x in review.copyrights(None)? {
        copyrights_by_file.entry(x.file_id).or_default().push(x);
    }

    // (license id, normalised text) → index into texts
    let mut texts: BTreeMap<(String, String), LicenseText> = BTreeMap::new();
    let mut out = Vec::new();
    let mut excluded = Vec::new();
    for c in &components {
        if let Some((reason, _, _)) = review.exclusion(c.id)? {
            excluded.push(Excluded { name: c.name.clone(), version: c.version.clone(), reason });
            continue;
        }
        let conclusion = review.conclusion(c.id)?.and_then(|k| k.expression);
        let files = files_by_component.remove(&c.id).unwrap_or_default();
        let of_files: Vec<&clearance_store::FindingBrief> =
            files.iter().flat_map(|f| findings_by_file.get(&f.id).into_iter().flatten().copied()).collect();
        let text_findings: Vec<&clearance_store::FindingBrief> =
            of_files.iter().copied().filter(|x| x.detector == "license-text").collect();
        let detected: Vec<String> = {
            let mut d: Vec<String> = of_files
                .iter()
                .filter(|f| !fps.contains(&f.id) && f.detector != "manifest")
                .filter_map(|f| f.expression.clone())
                .collect();
            d.sort();
            d.dedup();
            d
        };
        let (license, source, reviewed) = match (&conclusion, &c.declared_license) {
            (Some(e), _) => (e.clone(), "concluded", true),
            (None, Some(d)) => (d.clone(), "declared, not reviewed", false),
            (None, None) if !detected.is_empty() => {
                (clearance_licenses::join_expressions(&detected, "AND"), "detected, not reviewed", false)
            }
            _ => ("NOASSERTION".to_string(), "no license found", false),
        };
        // Normalised notices, one per holder and years: "Copyright (c) 2019-2021 Foo Inc."
        let mut cr: Vec<(String, String)> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for x in files.iter().flat_map(|f| copyrights_by_file.get(&f.id).into_iter().flatten()) {
            let notice = match (&x.years, x.holder.is_empty()) {
                (Some(y), false) => format!("Copyright (c) {y} {}", x.holder),
                (None, false) => format!("Copyright (c) {}", x.holder),
                _ => x.statement.clone(),
            };
            if seen.insert(copyright_key(&notice)) {
                cr.push((x.holder.to_lowercase(), notice));
            }
        }
        cr.sort();
        let cr: Vec<String> = cr.into_iter().map(|(_, n)| n).collect();
        let mut notices = Vec::new();
        for f in files.iter().filter(|f| f.kind == "notice") {
            let name = f.path.rsplit('/').next().unwrap_or(&f.path).to_ascii_uppercase();
            if name.starts_with("NOTICE")
                && let Some(t) = review.file_text(f.id)?
            {
                notices.push(NoticeFile { path: f.path.clone(), text: normalise_text(&t) });
            }
        }
        let mut keys = Vec::new();
        let ids = if license == "NOASSERTION" { Vec::new() } else { clearance_licenses::license_ids_in(&license) };
        for id in ids {
            // The component's own text: a license file of the component whose whole-text match
            // names this license.
            let own = files.iter().filter(|f| f.kind == "license").find_map(|f| {
                text_findings
                    .iter()
                    .find(|x| x.file_id == f.id && x.expression.as_deref() == Some(id.as_str()))
                    .map(|x| (f, *x))
            });
            let (text, src) = match own {
                Some((f, x)) => match review.file_text(f.id)? {
                    Some(t) => {
                        let lines: Vec<&str> = t.lines().collect();
                        let s = (x.start_line.max(1) as usize - 1).min(lines.len());
                        let e = (x.end_line as usize).min(lines.len()).max(s);
                        (normalise_text(&lines[s..e].join("\n")), f.path.clone())
                    }
                    None => (reference_text(review, &id)?, "reference".to_string()),
                },
                None => (reference_text(review, &id)?, "reference".to_string()),
            };
            let key = (id.clone(), text.clone());
            let entry = texts.entry(key.clone()).or_insert_with(|| LicenseText {
                index: 0,
                name: license_name(review, &id),
                id: id.clone(),
                text,
                source: if src == "reference" { src.clone() } else { format!("{} ({})", label(c), src) },
                components: Vec::new(),
            });
            if !entry.components.contains(&label(c)) {
                entry.components.push(label(c));
            }
            keys.push(key);
        }
        out.push((
            AttributedComponent {
                name: c.name.clone(),
                version: c.version.clone(),
                purl: c.purl.clone(),
                homepage: c.homepage.clone(),
                license,
                license_source: source.to_string(),
                reviewed,
                copyrights: cr,
                notices,
                license_texts: Vec::new(),
            },
            keys,
        ));
    }
    let mut licenses: Vec<LicenseText> = Vec::new();
    let mut index_of: BTreeMap<(String, String), usize> = BTreeMap::new();
    for (k, mut t) in texts {
        t.index = licenses.len() + 1;
        t.components.sort();
        index_of.insert(k, t.index);
        licenses.push(t);
    }
    let components: Vec<AttributedComponent> = out
        .into_iter()
        .map(|(mut c, keys)| {
            c.license_texts = keys.iter().filter_map(|k| index_of.get(k).copied()).collect();
            c
        })
        .collect();
    Ok(Attribution {
        product: root.as_ref().map_or("release".into(), |r| r.name.clone()),
        version: root.and_then(|r| r.version),
        created: ctx.created.clone(),
        tool: format!("Clearance {}", ctx.tool_version),
        has_unreviewed: components.iter().any(|c| !c.reviewed),
        components,
        licenses,
        excluded,
    })
}

fn license_name(review: &Review, id: &str) -> String {
    if let Some((info, _)) = clearance_licenses::license(id) {
        return info.name.to_string();
    }
    if let Ok(Some((name, _))) = review.license_ref(id) {
        return name;
    }
    id.to_string()
}

fn reference_text(review: &Review, id: &str) -> Result<String, ExportError> {
    if let Some((_, t)) = clearance_licenses::license(id) {
        return Ok(normalise_text(t));
    }
    if let Some((_, t)) = clearance_licenses::exception(id) {
        return Ok(normalise_text(t));
    }
    if let Some((_, t)) = review.license_ref(id)? {
        return Ok(normalise_text(&t));
    }
    Ok(format!("(No text is known for {id}: the review must record it.)"))
}
