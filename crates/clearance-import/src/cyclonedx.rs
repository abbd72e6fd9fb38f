//! CycloneDX JSON BOMs (1.4 to 1.7: from suppliers, other tools, or Clearance's own export):
//! components with purl, version and licenses (declared told apart from concluded by
//! `acknowledgement`), nested to any depth; their `file` components with hashes as files, each
//! component placed at the common folder of its files; the `dependencies` graph as the edges the
//! BOM states, kept on a file standing for the BOM itself.

use std::collections::{HashMap, HashSet};

use clearance_scan::ComponentDecl;
use serde_json::Value;

use crate::{ImportError, Imported, common_dir, file_event};

fn s<'a>(v: &'a Value, k: &str) -> Option<&'a str> {
    v.get(k).and_then(|x| x.as_str()).filter(|x| !x.is_empty())
}

/// The deepest a BOM's components may nest (real BOMs nest a few levels): deeper is refused,
/// not followed. (JSON nested past 128 levels is refused by the parser already.)
const MAX_DEPTH: usize = 32;

/// A component's licenses as one expression per kind of acknowledgement: what it declares, and
/// what its author concluded. Entries without an acknowledgement count as declared.
fn licenses(c: &Value) -> (Option<String>, Option<String>) {
    let (mut declared, mut concluded) = (Vec::new(), Vec::new());
    for l in c["licenses"].as_array().into_iter().flatten() {
        let text = s(l, "expression")
            .map(str::to_string)
            .or_else(|| s(&l["license"], "id").map(str::to_string))
            .or_else(|| s(&l["license"], "name").map(license_name));
        let Some(text) = text else { continue };
        let ack = s(l, "acknowledgement").or_else(|| s(&l["license"], "acknowledgement"));
        let list = if ack == Some("concluded") { &mut concluded } else { &mut declared };
        // The same license listed twice (by id, then with its URL) is one.
        if !list.contains(&text) {
            list.push(text);
        }
    }
    let join = |v: Vec<String>| match v.len() {
        0 => None,
        1 => v.into_iter().next(),
        _ => Some(v.iter().map(|e| format!("({e})")).collect::<Vec<_>>().join(" AND ")),
    };
    (join(declared), join(concluded))
}

/// A license given by name: what it names when Clearance reads the name as the scan reads a
/// manifest's (a Python classifier "License :: OSI Approved :: MIT License" is MIT), else a
/// `LicenseRef-` of the name.
fn license_name(name: &str) -> String {
    let name = name.rsplit("::").next().unwrap_or(name).trim();
    match clearance_licenses::normalize(name) {
        Ok(n) if !n.expression.contains("LicenseRef-") => n.expression,
        _ => format!("LicenseRef-{}", ref_id(name)),
    }
}

/// A license name as the idstring of a `LicenseRef-`: letters, digits, `.` and `-`.
fn ref_id(name: &str) -> String {
    name.chars().map(|c| if c.is_ascii_alphanumeric() || c == '.' || c == '-' { c } else { '-' }).collect()
}

fn sha(c: &Value, alg: &str) -> String {
    c["hashes"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|h| s(h, "alg") == Some(alg))
        .and_then(|h| s(h, "content"))
        .map(str::to_lowercase)
        .unwrap_or_default()
}

struct Walk<'a> {
    /// Package components: (bom-ref, the component, its files' paths).
    packages: Vec<(String, &'a Value, Vec<String>)>,
    files: Vec<&'a Value>,
    warnings: Vec<String>,
}

fn walk<'a>(c: &'a Value, depth: usize, owner: Option<usize>, out: &mut Walk<'a>) -> Result<(), ImportError> {
    if depth > MAX_DEPTH {
        return Err(ImportError::Format(format!("components nest deeper than {MAX_DEPTH} levels")));
    }
    let mut me = owner;
    if s(c, "type") == Some("file") {
        out.files.push(c);
        if let (Some(i), Some(name)) = (owner, s(c, "name")) {
            out.packages[i].2.push(name.trim_start_matches("./").to_string());
        }
    } else if s(c, "name").is_some() {
        let bom_ref = s(c, "bom-ref").map(str::to_string).unwrap_or_else(|| format!("#{}", out.packages.len() + 1));
        out.packages.push((bom_ref, c, Vec::new()));
        me = Some(out.packages.len() - 1);
    } else {
        out.warnings.push("a component without a name was skipped".into());
    }
    for child in c["components"].as_array().into_iter().flatten() {
        walk(child, depth + 1, me, out)?;
    }
    Ok(())
}

/// A BOM's name for its tools (an array before 1.5, an object of components and services since).
fn tool_names(doc: &Value) -> Vec<String> {
    let tools = &doc["metadata"]["tools"];
    let list = tools.as_array().or_else(|| tools["components"].as_array());
    list.into_iter()
        .flatten()
        .filter_map(|t| {
            let name = s(t, "name")?;
            Some(match s(t, "version") {
                Some(v) => format!("{name} {v}"),
                None => name.to_string(),
            })
        })
        .collect()
}

pub fn from_cyclonedx(text: &str) -> Result<Imported, ImportError> {
    let doc: Value = serde_json::from_str(text)?;
    if s(&doc, "bomFormat") != Some("CycloneDX") {
        return Err(ImportError::Format("not a CycloneDX JSON BOM (bomFormat is not \"CycloneDX\")".into()));
    }
    let version = s(&doc, "specVersion").unwrap_or("");
    if !version.starts_with("1.") {
        return Err(ImportError::Format(format!("a CycloneDX version Clearance does not read ('{version}')")));
    }
    let tools = tool_names(&doc);
    let tool = format!(
        "CycloneDX {version} BOM by {}",
        if tools.is_empty() { "an unnamed tool".to_string() } else { tools.join(", ") }
    );
    let mut w = Walk { packages: Vec::new(), files: Vec::new(), warnings: Vec::new() };
    let root = &doc["metadata"]["component"];
    if root.is_object() {
        walk(root, 0, None, &mut w)?;
    }
    for c in doc["components"].as_array().into_iter().flatten() {
        walk(c, 0, None, &mut w)?;
    }
    // File names that all start with one folder (Clearance's own export names files
    // `root/path`): that folder is the root.
    let names: Vec<String> =
        w.files.iter().filter_map(|f| s(f, "name")).map(|n| n.trim_start_matches("./").to_string()).collect();
    let first = names.first().and_then(|n| n.split_once('/')).map(|(a, _)| a.to_string());
    let strip = first.filter(|f| names.iter().all(|n| n.starts_with(&format!("{f}/"))));
    let local = |name: &str| -> String {
        let name = name.trim_start_matches("./");
        match &strip {
            Some(f) => name.strip_prefix(&format!("{f}/")).unwrap_or(name).to_string(),
            None => name.to_string(),
        }
    };
    let mut events = Vec::new();
    let mut seen_paths: HashSet<String> = HashSet::new();
    for f in &w.files {
        let Some(name) = s(f, "name") else { continue };
        let path = local(name);
        if !seen_paths.insert(path.clone()) {
            w.warnings.push(format!("the file {path} is listed twice; its first listing is kept"));
            continue;
        }
        events.push(file_event(&path, sha(f, "SHA-256"), sha(f, "SHA-1"), Vec::new(), "imported from a CycloneDX BOM"));
    }
    let mut components = Vec::new();
    let mut purl_of: HashMap<String, String> = HashMap::new();
    let mut seen_refs: HashSet<String> = HashSet::new();
    let mut copyrights_left = 0;
    let has_root = root.is_object() && s(root, "name").is_some();
    for (i, (bom_ref, c, files)) in w.packages.iter().enumerate() {
        if !seen_refs.insert(bom_ref.clone()) {
            w.warnings.push(format!("the bom-ref {bom_ref} is used twice; its first component is kept"));
            continue;
        }
        let name = s(c, "name").unwrap_or_default();
        let purl = s(c, "purl").map(str::to_string);
        if let Some(p) = &purl {
            purl_of.insert(bom_ref.clone(), p.clone());
        }
        let (declared, concluded) = licenses(c);
        let raw = declared.clone().or_else(|| concluded.clone());
        if declared.is_none() && concluded.is_some() {
            w.warnings
                .push(format!("{name}: only a concluded license is given; it is read as what the component declares"));
        }
        if s(c, "copyright").is_some() {
            copyrights_left += 1;
        }
        let paths: Vec<String> = files.iter().map(|f| local(f)).collect();
        let refs: Vec<&String> = paths.iter().collect();
        let ecosystem =
            purl.as_deref().and_then(|u| u.strip_prefix("pkg:")).and_then(|u| u.split('/').next()).unwrap_or("generic");
        let name = match s(c, "group") {
            Some(g) if purl.is_none() => format!("{g}/{name}"),
            _ => name.to_string(),
        };
        components.push((
            common_dir(&refs),
            // What the BOM describes is the review's root component.
            if i == 0 && has_root { format!("root:cyclonedx:{bom_ref}") } else { format!("cyclonedx:{bom_ref}") },
            ComponentDecl {
                ecosystem: ecosystem.to_string(),
                name,
                version: s(c, "version").map(str::to_string),
                purl,
                declared_license: raw
                    .as_deref()
                    .and_then(|d| clearance_licenses::normalize(d).ok())
                    .map(|n| n.expression),
                declared_original: raw,
                homepage: c["externalReferences"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .find(|r| s(r, "type") == Some("website"))
                    .and_then(|r| s(r, "url"))
                    .map(str::to_string),
                // The supplier, else the first author (an organisation or a person).
                supplier: s(&c["supplier"], "name")
                    .or_else(|| c["authors"].as_array().and_then(|a| a.first()).and_then(|a| s(a, "name")))
                    .or_else(|| s(c, "author"))
                    .map(str::to_string),
            },
        ));
    }
    if copyrights_left > 0 {
        w.warnings.push(format!(
            "the copyright statements of {copyrights_left} component(s) are not imported: Clearance reads copyrights from files"
        ));
    }
    // What depends on what, as the BOM states it, between components with a purl.
    let mut relations = Vec::new();
    let mut unknown = 0;
    for d in doc["dependencies"].as_array().into_iter().flatten() {
        let Some(from) = s(d, "ref") else { continue };
        for to in d["dependsOn"].as_array().into_iter().flatten().filter_map(|x| x.as_str()) {
            match (purl_of.get(from), purl_of.get(to)) {
                (Some(a), Some(b)) if a != b => relations.push((a.clone(), b.clone())),
                (Some(_), Some(_)) => {}
                _ => unknown += 1,
            }
        }
    }
    if unknown > 0 {
        w.warnings.push(format!("{unknown} dependency edge(s) name a component that is not in the BOM or has no purl"));
    }
    if !relations.is_empty() {
        // The edges hang on a file that stands for the BOM itself: the evidence they come from.
        events.push(file_event(
            ".clearance-import/bom.cdx.json",
            String::new(),
            String::new(),
            relations,
            "the dependency edges the CycloneDX BOM states",
        ));
    }
    let root_name = strip.or_else(|| s(root, "name").map(str::to_string)).unwrap_or_else(|| "cyclonedx-bom".into());
    Ok(Imported { tool, root_name, events, components, warnings: w.warnings })
}
