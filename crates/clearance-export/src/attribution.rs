//! Attribution files: for every shipped component its name, version, license (concluded, or
//! declared/detected and marked as not reviewed), its copyright notices and its own NOTICE file
//! verbatim; then each distinct license text once, with the components under it. Where a
//! component ships its own license text (a BSD license with the holder's name) that text is
//! used, not the SPDX reference. Rendered from templates (minijinja); sorted and stable.

use std::collections::BTreeMap;

use clearance_store::{ComponentRow, Detector, FileKind};
use serde::Serialize;

use crate::{ExportContext, ExportError, Release};

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
    /// Components left out because they do not ship (see `not_shipped`).
    pub not_shipped: usize,
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
    /// What else a reader needs about the license: an elected side of a choice, licenses of
    /// bundled code its files carry besides.
    pub license_note: Option<String>,
    pub reviewed: bool,
    pub copyrights: Vec<String>,
    /// The component's own NOTICE files, verbatim (Apache-2.0 §4(d)).
    pub notices: Vec<NoticeFile>,
    /// Keys into `licenses` for the texts that apply.
    pub license_texts: Vec<usize>,
    /// How many copies of this package the tree holds (nested in several places).
    pub copies: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct NoticeFile {
    pub path: String,
    pub text: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct LicenseText {
    pub index: usize,
    /// The license ids the text states, comma-separated (one text may state two).
    pub id: String,
    pub name: String,
    pub text: String,
    /// "reference" (the SPDX text) or the component file it was first taken from.
    pub source: String,
    pub components: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Excluded {
    pub name: String,
    pub version: Option<String>,
    pub reason: String,
}

/// Copyright statements compared without case, spacing and (c)/© differences.
fn copyright_key(s: &str) -> String {
    s.to_lowercase().replace("(c)", "©").replace("&copy;", "©").split_whitespace().collect::<Vec<_>>().join(" ")
}

fn normalise_text(t: &str) -> String {
    t.replace("\r\n", "\n").lines().map(str::trim_end).collect::<Vec<_>>().join("\n").trim().to_string()
}

/// Gather what an attribution file says: every component that ships, not excluded.
pub fn attribution(release: &Release, ctx: &ExportContext) -> Result<Attribution, ExportError> {
    let mut components: Vec<&ComponentRow> = release.shipped().collect();
    components
        .sort_by(|a, b| (a.name.to_lowercase(), &a.version, a.id).cmp(&(b.name.to_lowercase(), &b.version, b.id)));
    let mut files_by_component: std::collections::HashMap<i64, Vec<&clearance_store::FileRow>> =
        std::collections::HashMap::new();
    for f in &release.files {
        if let Some(c) = f.component_id {
            files_by_component.entry(c).or_default().push(f);
        }
    }

    // Normalised text → the text, printed once, with every component that ships it.
    let mut texts: BTreeMap<String, LicenseText> = BTreeMap::new();
    let mut out: Vec<(AttributedComponent, Vec<String>)> = Vec::new();
    let mut excluded = Vec::new();
    for &c in &components {
        if let Some((reason, _, _)) = release.exclusion(c.id) {
            excluded.push(Excluded { name: c.name.clone(), version: c.version.clone(), reason: reason.clone() });
            continue;
        }
        let conclusion = release.concluded(c.id).map(str::to_string);
        let files = files_by_component.remove(&c.id).unwrap_or_default();
        // What the files say about licenses (a manifest's declaration is the declared license).
        let live = |f: &clearance_store::FileRow| -> Vec<&clearance_store::FindingBrief> {
            release
                .findings_of(f.id)
                .iter()
                .filter(|x| x.detector != Detector::Manifest && x.expression.is_some())
                .collect()
        };
        let detected: Vec<String> = {
            let mut d: Vec<String> = files.iter().flat_map(|f| live(f)).filter_map(|f| f.expression.clone()).collect();
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
        let honoured = if license == "NOASSERTION" { Vec::new() } else { clearance_licenses::license_ids_in(&license) };
        let declared_ids = c.declared_license.as_deref().map(clearance_licenses::license_ids_in).unwrap_or_default();
        // "We use it under MIT": a conclusion that takes one side of the declared choice.
        let license_note = match (&conclusion, &c.declared_license) {
            (Some(k), Some(d)) if k != d && d.contains(" OR ") && honoured.iter().all(|i| declared_ids.contains(i)) => {
                Some(format!("elected from the declared choice {d}"))
            }
            _ => None,
        };
        // Normalised notices, one per holder and years: "Copyright (c) 2019-2021 Foo Inc."
        let mut cr: Vec<(String, String)> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for x in files.iter().flat_map(|f| release.copyrights_of(f.id)) {
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
        for f in files.iter().filter(|f| f.kind == FileKind::Notice) {
            let name = f.path.rsplit('/').next().unwrap_or(&f.path).to_ascii_uppercase();
            if name.starts_with("NOTICE")
                && let Some(t) = release.file_text(f.id)?
            {
                notices.push(NoticeFile { path: f.path.clone(), text: normalise_text(&t) });
            }
        }
        // The component's own license files, whole, as they stand in it (with their copyright
        // lines and wording): those of the license it is used under, and those of licenses
        // outside its declared choice (a bundled C library's). The other side of an elected
        // choice is left out.
        let mut keys = Vec::new();
        let mut covered: Vec<String> = Vec::new();
        let mut extra: Vec<String> = Vec::new();
        let mut extra_reference: Vec<String> = Vec::new();
        for f in files.iter().filter(|f| f.kind == FileKind::License) {
            let mut ids: Vec<String> = live(f)
                .iter()
                .flat_map(|x| clearance_licenses::license_ids_in(x.expression.as_deref().unwrap_or("")))
                .collect();
            ids.sort();
            ids.dedup();
            if ids.is_empty() {
                continue;
            }
            let of_use = ids.iter().any(|i| honoured.contains(i));
            let bundled = ids.iter().all(|i| !declared_ids.contains(i) && !honoured.contains(i));
            if !of_use && !bundled {
                continue;
            }
            // A copy of a standard text that names no holder (Apache-2.0's LICENSE file) says
            // nothing the reference does not: the reference is printed once for all of them.
            if release.copyrights_of(f.id).is_empty()
                && ids
                    .iter()
                    .all(|i| clearance_licenses::license(i).is_some() || clearance_licenses::exception(i).is_some())
            {
                for i in &ids {
                    if !honoured.contains(i) && !extra.contains(i) {
                        extra.push(i.clone());
                        extra_reference.push(i.clone());
                    }
                }
                continue;
            }
            let Some(t) = release.file_text(f.id)? else { continue };
            // As it stands in the component, less template lines it left unfilled.
            let text = shippable_reference(&t);
            if text.is_empty() {
                continue;
            }
            for i in &ids {
                if honoured.contains(i) {
                    covered.push(i.clone());
                } else if !extra.contains(i) {
                    extra.push(i.clone());
                }
            }
            add_text(&mut texts, &text, &ids, &c.label(), &format!("{} ({})", c.label(), f.path), release);
            keys.push(text);
        }
        // Licenses stated anywhere else in its files (a bundled library's headers), beyond the
        // declared choice: named, with their reference text where it is not printed already.
        let known: Vec<&String> = honoured.iter().chain(declared_ids.iter()).collect();
        for e in &detected {
            let ids = clearance_licenses::license_ids_in(e);
            // "BSD-3-Clause OR GPL-2.0-only" in the headers of a BSD-3-Clause package: the other
            // side of a choice already taken is not another license to honour.
            if e.contains(" OR ") && ids.iter().any(|i| known.contains(&i)) {
                continue;
            }
            for i in ids {
                if !honoured.contains(&i)
                    && !declared_ids.contains(&i)
                    && !extra.contains(&i)
                    && clearance_licenses::exception(&i).is_none()
                {
                    extra.push(i.clone());
                    extra_reference.push(i);
                }
            }
        }
        for id in honoured.iter().filter(|i| !covered.contains(i)).chain(extra_reference.iter()) {
            let (text, source) = match reference_text(release, id)? {
                Some(t) => (t, "reference".to_string()),
                // No list has a text for it (a public-domain dedication): the component's own
                // words that state it.
                None => match own_statement(release, &files, &live, id)? {
                    Some((t, at)) => (t, format!("{} ({at})", c.label())),
                    None => (format!("(No text is known for {id}: the review must record it.)"), "missing".into()),
                },
            };
            add_text(&mut texts, &text, std::slice::from_ref(id), &c.label(), &source, release);
            keys.push(text);
        }
        keys.dedup();
        let license_note = match (license_note, extra.is_empty()) {
            (n, true) => n,
            (Some(n), false) => Some(format!("{n}; its files also carry {}", extra.join(", "))),
            (None, false) => Some(format!("its files also carry {}", extra.join(", "))),
        };
        out.push((
            AttributedComponent {
                name: c.name.clone(),
                version: c.version.clone(),
                purl: c.purl.clone(),
                homepage: c.homepage.clone(),
                license,
                license_source: source.to_string(),
                license_note,
                reviewed,
                copyrights: cr,
                notices,
                license_texts: Vec::new(),
                copies: 1,
            },
            keys,
        ));
    }
    let mut licenses: Vec<LicenseText> = Vec::new();
    let mut index_of: BTreeMap<String, usize> = BTreeMap::new();
    let mut ordered: Vec<(String, LicenseText)> = texts.into_iter().collect();
    // Reference texts first by id, then the components' own, by id and first user.
    ordered.sort_by(|a, b| (&a.1.id, &a.1.components, &a.1.source).cmp(&(&b.1.id, &b.1.components, &b.1.source)));
    for (k, mut t) in ordered {
        t.index = licenses.len() + 1;
        t.components.sort();
        index_of.insert(k, t.index);
        licenses.push(t);
    }
    // One entry per package: copies of it (a package nested in several places) are merged.
    let mut components: Vec<AttributedComponent> = Vec::new();
    let mut entry_of: std::collections::HashMap<(String, Option<String>, String), usize> = Default::default();
    for (mut c, keys) in out {
        c.license_texts = keys.iter().filter_map(|k| index_of.get(k).copied()).collect();
        c.license_texts.sort();
        c.license_texts.dedup();
        let key = (c.name.clone(), c.version.clone(), c.license.clone());
        match entry_of.get(&key).map(|&i| &mut components[i]) {
            Some(x) => {
                x.copies += 1;
                for cr in c.copyrights {
                    if !x.copyrights.iter().any(|y| copyright_key(y) == copyright_key(&cr)) {
                        x.copyrights.push(cr);
                    }
                }
                for n in c.notices {
                    if !x.notices.iter().any(|y| y.text == n.text) {
                        x.notices.push(n);
                    }
                }
                for i in c.license_texts {
                    if !x.license_texts.contains(&i) {
                        x.license_texts.push(i);
                    }
                }
                x.license_texts.sort();
            }
            None => {
                entry_of.insert(key, components.len());
                components.push(c);
            }
        }
    }
    Ok(Attribution {
        product: release.product.clone(),
        version: release.product_version.clone(),
        created: ctx.created.clone(),
        tool: format!("Clearance {}", ctx.tool_version),
        has_unreviewed: components.iter().any(|c| !c.reviewed),
        components,
        licenses,
        excluded,
        not_shipped: release.left_out.len(),
    })
}

fn add_text(
    texts: &mut BTreeMap<String, LicenseText>,
    text: &str,
    ids: &[String],
    component: &str,
    source: &str,
    release: &Release,
) {
    let entry = texts.entry(text.to_string()).or_insert_with(|| LicenseText {
        index: 0,
        id: ids.join(", "),
        name: ids.iter().map(|i| license_name(release, i)).collect::<Vec<_>>().join("; "),
        text: text.to_string(),
        source: source.to_string(),
        components: Vec::new(),
    });
    if !entry.components.iter().any(|c| c == component) {
        entry.components.push(component.to_string());
    }
}

fn license_name(release: &Release, id: &str) -> String {
    if let Some((info, _)) = clearance_licenses::license(id) {
        return info.name.to_string();
    }
    if let Ok(Some((name, _))) = release.license_ref(id) {
        return name;
    }
    id.to_string()
}

/// A reference text as it can be shipped: the terms only (the "How to apply" appendix of the
/// GNU and Apache licenses is advice, not terms) and no template lines (`Copyright (c) <year>
/// <copyright holders>`): the component's own copyright lines are printed with it.
pub fn shippable_reference(text: &str) -> String {
    let t = without_template_appendix(&normalise_text(text));
    let mut out: Vec<&str> = Vec::new();
    for l in t.lines() {
        if clearance_licenses::has_template_placeholder(l) {
            continue;
        }
        // No two blank lines where a template line went.
        if l.trim().is_empty() && out.last().is_some_and(|p| p.trim().is_empty()) {
            continue;
        }
        out.push(l);
    }
    out.join("\n").trim().to_string()
}

/// The terms without the "How to apply" appendix that follows them, when that appendix is a
/// template (a component that filled it in keeps it: it names the holder).
fn without_template_appendix(t: &str) -> String {
    const END: &str = "END OF TERMS AND CONDITIONS";
    match t.find(END) {
        Some(at) if t[at..].lines().any(clearance_licenses::has_template_placeholder) => {
            t[..at + END.len()].to_string()
        }
        _ => t.to_string(),
    }
}

fn reference_text(release: &Release, id: &str) -> Result<Option<String>, ExportError> {
    if let Some((_, t)) = clearance_licenses::license(id) {
        return Ok(Some(shippable_reference(t)));
    }
    if let Some((_, t)) = clearance_licenses::exception(id) {
        return Ok(Some(shippable_reference(t)));
    }
    if let Some((_, t)) = release.license_ref(id)? {
        return Ok(Some(normalise_text(&t)));
    }
    Ok(None)
}

/// The words in a component's files that state `id`: the matched text of its first finding.
fn own_statement<'a>(
    release: &Release,
    files: &[&clearance_store::FileRow],
    live: &dyn Fn(&clearance_store::FileRow) -> Vec<&'a clearance_store::FindingBrief>,
    id: &str,
) -> Result<Option<(String, String)>, ExportError> {
    // License files first, then code (a bundled library's own header), READMEs and docs last.
    let rank = |f: &clearance_store::FileRow| {
        let name = f.path.rsplit('/').next().unwrap_or(&f.path).to_ascii_lowercase();
        match f.kind.as_str() {
            "license" => 0,
            "notice" => 1,
            _ if name.starts_with("readme") || name.ends_with(".md") || name.ends_with(".html") => 3,
            _ => 2,
        }
    };
    let mut ordered: Vec<&clearance_store::FileRow> = files.to_vec();
    ordered.sort_by_key(|f| rank(f));
    for f in ordered {
        for x in live(f) {
            if clearance_licenses::license_ids_in(x.expression.as_deref().unwrap_or("")).iter().any(|i| i == id)
                && let Some(row) = release.review().finding(x.id)?
                && !row.matched_text.trim().is_empty()
            {
                return Ok(Some((
                    normalise_text(&row.matched_text),
                    format!("{} lines {}-{}", f.path, x.start_line, x.end_line),
                )));
            }
        }
    }
    Ok(None)
}
