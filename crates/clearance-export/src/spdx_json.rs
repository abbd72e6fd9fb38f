//! SPDX 2.3 JSON: every component a package (purl, declared license, licenses found in its
//! files), every file with its checksums, the licenses found in it and its copyright text, and
//! DESCRIBES / CONTAINS relationships.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use clearance_store::{ComponentRow, ComponentSource};
use serde_json::{Value, json};
use sha1::{Digest, Sha1};

use serde::Serialize;

use crate::{ExportContext, ExportError, Release};

/// An SPDX 2.3 document. Files and relationships — nearly all of a large document — are typed
/// and serialised straight from these structs; the small rest is a JSON value.
#[derive(Debug, Serialize)]
pub struct SpdxDocument {
    #[serde(flatten)]
    pub head: Value,
    pub files: Vec<SpdxFile>,
    pub relationships: Vec<Relationship>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SpdxFile {
    #[serde(rename = "SPDXID")]
    pub spdx_id: String,
    pub file_name: String,
    pub checksums: [Checksum; 2],
    pub license_concluded: &'static str,
    pub license_info_in_files: Vec<String>,
    pub copyright_text: String,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Checksum {
    pub algorithm: &'static str,
    pub checksum_value: String,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Relationship {
    pub spdx_element_id: String,
    pub relationship_type: &'static str,
    pub related_spdx_element: String,
}

pub fn spdx_json(release: &Release, ctx: &ExportContext) -> Result<SpdxDocument, ExportError> {
    let scan = release.scan.as_ref().ok_or(ExportError::Empty)?;
    let components = &release.components;
    let files = &release.files;
    // Large trees repeat a handful of expressions: parse each once. (A reviewer's false
    // positive is no license information of the file: the release holds none.)
    // A consumer on an older license list gets the ids it lacks as LicenseRefs (their texts
    // among the extracted licensing infos).
    let target = std::cell::RefCell::new(ctx.list_target()?);
    let for_consumer = |e: &str| -> String {
        match target.borrow_mut().as_mut() {
            Some(t) => t.rewrite(e),
            None => e.to_string(),
        }
    };
    let mut terms_of: HashMap<&str, Vec<String>> = HashMap::new();
    let mut terms_in = |file: i64| -> BTreeSet<String> {
        let mut out = BTreeSet::new();
        for e in release.findings_of(file).iter().filter_map(|f| f.expression.as_deref()) {
            let terms = terms_of
                .entry(e)
                .or_insert_with(|| clearance_licenses::license_terms_in(e).iter().map(|t| for_consumer(t)).collect());
            out.extend(terms.iter().cloned());
        }
        out
    };
    let copyright_of = |file: i64| -> Vec<&str> {
        let mut v: Vec<&str> = Vec::new();
        for c in release.copyrights_of(file) {
            if !v.contains(&c.statement.as_str()) {
                v.push(&c.statement);
            }
        }
        v
    };

    // Element ids follow the sorted order of components and files, not database ids (which
    // depend on the order a parallel scan happened to finish files in): the same release gives
    // the same document.
    let package_index: HashMap<i64, usize> = components.iter().enumerate().map(|(i, c)| (c.id, i + 1)).collect();
    let package_id = |c: &ComponentRow| format!("SPDXRef-Package-{}", package_index[&c.id]);
    let mut license_refs: BTreeSet<String> = BTreeSet::new();
    let mut note_refs = |terms: &BTreeSet<String>| {
        for t in terms {
            for id in clearance_licenses::license_ids_in(t) {
                if id.starts_with("LicenseRef-") {
                    license_refs.insert(id);
                }
            }
        }
    };

    let multi_root = release.multi_root;
    let mut file_values = Vec::with_capacity(files.len());
    let mut relationships = Vec::new();
    let mut sha1s_by_component: BTreeMap<i64, Vec<String>> = BTreeMap::new();
    let mut terms_by_component: BTreeMap<i64, BTreeSet<String>> = BTreeMap::new();
    for (n, f) in files.iter().enumerate() {
        let spdx_id = format!("SPDXRef-File-{}", n + 1);
        let terms = terms_in(f.id);
        note_refs(&terms);
        let name = if multi_root { format!("./{}/{}", f.root, f.path) } else { format!("./{}", f.path) };
        let copyright = match copyright_of(f.id) {
            v if !v.is_empty() => v.join("\n"),
            _ => "NONE".to_string(),
        };
        let info: Vec<String> = if terms.is_empty() { vec!["NONE".into()] } else { terms.iter().cloned().collect() };
        if let Some(cid) = f.component_id {
            relationships.push(Relationship {
                spdx_element_id: format!("SPDXRef-Package-{}", package_index[&cid]),
                relationship_type: "CONTAINS",
                related_spdx_element: spdx_id.clone(),
            });
            sha1s_by_component.entry(cid).or_default().push(f.sha1.clone());
            terms_by_component.entry(cid).or_default().extend(terms);
        }
        file_values.push(SpdxFile {
            spdx_id,
            file_name: name,
            checksums: [
                Checksum { algorithm: "SHA1", checksum_value: f.sha1.clone() },
                Checksum { algorithm: "SHA256", checksum_value: f.sha256.clone() },
            ],
            license_concluded: "NOASSERTION",
            license_info_in_files: info,
            copyright_text: copyright,
        });
    }

    let mut packages = Vec::with_capacity(components.len());
    let mut concluded_any = false;
    for c in components {
        let conclusion = release.conclusion(c.id);
        let concluded = conclusion.and_then(|k| k.expression.as_deref()).map(for_consumer);
        let declared = c.declared_license.as_deref().map(for_consumer);
        if let Some(e) = &concluded {
            concluded_any = true;
            for id in clearance_licenses::license_ids_in(e) {
                if id.starts_with("LicenseRef-") {
                    license_refs.insert(id);
                }
            }
        }
        let mut p = json!({
            "SPDXID": package_id(c),
            "name": c.name,
            "downloadLocation": "NOASSERTION",
            "licenseConcluded": concluded.clone().unwrap_or_else(|| "NOASSERTION".into()),
            "licenseDeclared": declared.clone().unwrap_or_else(|| "NOASSERTION".into()),
            "copyrightText": "NOASSERTION",
            // Who the manifest says makes it; never guessed.
            "supplier": c.supplier.as_deref().map_or_else(|| "NOASSERTION".to_string(), spdx_agent),
        });
        if let Some(d) = &declared {
            for id in clearance_licenses::license_ids_in(d) {
                if id.starts_with("LicenseRef-") {
                    license_refs.insert(id);
                }
            }
        }
        let obj = p.as_object_mut().expect("object");
        if let Some(v) = &c.version {
            obj.insert("versionInfo".into(), json!(v));
        }
        if let Some(h) = c.homepage.as_ref().filter(|h| h.starts_with("http")) {
            obj.insert("homepage".into(), json!(h));
        }
        if let Some(orig) = c.declared_original.as_ref().filter(|o| Some(*o) != c.declared_license.as_ref()) {
            obj.insert(
                "licenseComments".into(),
                json!(format!("Declared in {} as: {orig}", c.manifest_path.as_deref().unwrap_or("the manifest"))),
            );
        }
        match sha1s_by_component.get_mut(&c.id) {
            Some(sha1s) => {
                sha1s.sort();
                let code = hex(&Sha1::digest(sha1s.concat().as_bytes()));
                obj.insert("filesAnalyzed".into(), json!(true));
                obj.insert("packageVerificationCode".into(), json!({"packageVerificationCodeValue": code}));
                let terms = terms_by_component.remove(&c.id).unwrap_or_default();
                let info: Vec<String> =
                    if terms.is_empty() { vec!["NONE".into()] } else { terms.into_iter().collect() };
                obj.insert("licenseInfoFromFiles".into(), json!(info));
            }
            None => {
                obj.insert("filesAnalyzed".into(), json!(false));
            }
        }
        // The reviewer's decision, where SPDX has a place for it: a REVIEW annotation.
        if let Some(k) = conclusion {
            let mut comment = format!("Clearance review: status {}", k.status);
            if let Some(e) = &k.expression {
                comment.push_str(&format!("; concluded {e}"));
            }
            if let Some(from) = &k.carried_from {
                comment.push_str(&format!("; carried over from {from}"));
            }
            if let Some(note) = &k.comment {
                comment.push_str(&format!("; comment: {note}"));
            }
            obj.insert(
                "annotations".into(),
                json!([{"annotationDate": k.decided_at, "annotationType": "REVIEW", "annotator": annotator(&k.reviewer), "comment": comment}]),
            );
        }
        if let Some(purl) = &c.purl {
            obj.insert(
                "externalRefs".into(),
                json!([{"referenceCategory": "PACKAGE-MANAGER", "referenceType": "purl", "referenceLocator": purl}]),
            );
        }
        packages.push(p);
    }

    // The document describes the root components; a component contains the components in its
    // subfolders (vendored dependencies).
    let mut by_dir: HashMap<(&str, &str), &ComponentRow> = HashMap::new();
    for c in components {
        by_dir.entry((c.root.as_str(), c.dir.as_str())).or_insert(c);
    }
    // What lockfiles say depends on what.
    let by_id: HashMap<i64, &ComponentRow> = components.iter().map(|c| (c.id, c)).collect();
    let edges = &release.edges;
    let depended_on: std::collections::HashSet<i64> = edges.iter().map(|e| e.1).collect();
    let mut top_relationships = Vec::new();
    for c in components {
        if c.is_root {
            top_relationships.push(Relationship {
                spdx_element_id: "SPDXRef-DOCUMENT".into(),
                relationship_type: "DESCRIBES",
                related_spdx_element: package_id(c),
            });
        } else if c.source == ComponentSource::Lockfile {
            // A lockfile entry is not inside the folder it was listed in; the package there
            // depends on it (unless the lockfile says which package does).
            if !depended_on.contains(&c.id)
                && let Some(parent) = parent_component(c, components, &by_dir)
            {
                top_relationships.push(Relationship {
                    spdx_element_id: package_id(parent),
                    relationship_type: "DEPENDS_ON",
                    related_spdx_element: package_id(c),
                });
            }
        } else if let Some(parent) = parent_component(c, components, &by_dir) {
            top_relationships.push(Relationship {
                spdx_element_id: package_id(parent),
                relationship_type: "CONTAINS",
                related_spdx_element: package_id(c),
            });
        }
    }
    for (from, to) in edges {
        if let (Some(a), Some(b)) = (by_id.get(from), by_id.get(to)) {
            top_relationships.push(Relationship {
                spdx_element_id: package_id(a),
                relationship_type: "DEPENDS_ON",
                related_spdx_element: package_id(b),
            });
        }
    }
    top_relationships.extend(relationships);

    let name = match &release.product_version {
        Some(v) => format!("{} {v}", release.product),
        None => release.product.clone(),
    };
    let namespace_seed = format!("{name}|{}|{}|{}", scan.id, scan.started_at, ctx.created);
    let namespace = format!(
        "https://spdx.org/spdxdocs/clearance-{}-{}",
        slug(&name),
        &hex(&Sha1::digest(namespace_seed.as_bytes()))[..16]
    );
    let target = target.into_inner();
    let mut extracted: Vec<Value> = Vec::new();
    for id in &license_refs {
        if let Some(d) = target.as_ref().and_then(|t| t.downgraded(id)) {
            let comment = format!(
                "{} on the SPDX License List since {}, written as a LicenseRef for consumers of list {}.",
                d.spdx,
                d.added_in,
                target.as_ref().map(|t| t.version().to_string()).unwrap_or_default()
            );
            extracted.push(json!({"licenseId": id, "extractedText": d.text, "name": d.name, "comment": comment}));
            continue;
        }
        let (name, text) = match release.license_ref(id)? {
            Some((name, text)) => (name, text),
            None => (id.trim_start_matches("LicenseRef-").to_string(), extracted_text(id)),
        };
        extracted.push(json!({"licenseId": id, "extractedText": text, "name": name}));
    }
    let mut doc = json!({
        "spdxVersion": "SPDX-2.3",
        "dataLicense": "CC0-1.0",
        "SPDXID": "SPDXRef-DOCUMENT",
        "name": format!("{name} license review"),
        "documentNamespace": namespace,
        "creationInfo": {
            "created": ctx.created,
            "creators": [format!("Tool: clearance-{}", ctx.tool_version)],
            "licenseListVersion": target.as_ref().map_or_else(list_version, |t| t.version().to_string()),
            "comment": if concluded_any {
                format!("Findings of scan {} ({}); licenseConcluded holds the reviewers' conclusions, NOASSERTION where none was made.", scan.id, scan.status)
            } else {
                format!("Findings of scan {} ({}); licenses are as detected or declared; none is concluded by a reviewer yet.", scan.id, scan.status)
            },
        },
        "packages": packages,
    });
    if !extracted.is_empty() {
        doc.as_object_mut().expect("object").insert("hasExtractedLicensingInfos".into(), json!(extracted));
    }
    Ok(SpdxDocument { head: doc, files: file_values, relationships: top_relationships })
}

/// SPDX's annotator form: "Person: Name (email)".
fn annotator(reviewer: &str) -> String {
    match (reviewer.find('<'), reviewer.rfind('>')) {
        (Some(a), Some(b)) if b > a => format!("Person: {} ({})", reviewer[..a].trim(), &reviewer[a + 1..b]),
        _ => format!("Person: {reviewer}"),
    }
}

fn parent_component<'a>(
    c: &ComponentRow,
    all: &'a [ComponentRow],
    by_dir: &HashMap<(&str, &str), &'a ComponentRow>,
) -> Option<&'a ComponentRow> {
    let mut dir = c.dir.as_str();
    loop {
        dir = dir.rsplit_once('/').map_or("", |(d, _)| d);
        if let Some(p) = by_dir.get(&(c.root.as_str(), dir)).filter(|p| p.id != c.id) {
            return Some(p);
        }
        if dir.is_empty() {
            return all.iter().find(|o| o.root == c.root && o.is_root && o.id != c.id);
        }
    }
}

/// "3.29.0" → "3.29": SPDX wants major.minor.
fn list_version() -> String {
    let v = clearance_licenses::spdx_list_version();
    v.split('.').take(2).collect::<Vec<_>>().join(".")
}

fn extracted_text(id: &str) -> String {
    match id {
        "LicenseRef-public-domain" => "The work is declared to be in the public domain.".into(),
        _ => format!("License text not recorded in this review; see the files that reference {id}."),
    }
}

fn slug(s: &str) -> String {
    let s: String =
        s.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '.' { c } else { '-' }).collect();
    if s.is_empty() { "review".into() } else { s }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// An SPDX 2.3 agent (`Person: …` or `Organization: …`) for a name as a manifest writes it: an
/// organisation when the name says so (Inc, Ltd, Foundation, Project, Team, contributors, …) or
/// is one word, else a person.
pub(crate) fn spdx_agent(name: &str) -> String {
    let lower = name.to_ascii_lowercase();
    let organisation = [
        "inc",
        "inc.",
        "ltd",
        "ltd.",
        "llc",
        "gmbh",
        "corp",
        "corp.",
        "corporation",
        "company",
        "foundation",
        "project",
        "team",
        "contributors",
        "developers",
        "authors",
        "community",
        "organization",
        "organisation",
        "group",
        "labs",
        "software",
        "systems",
        "university",
        "authority",
        "association",
        "consortium",
        "institute",
        "limited",
        "ag",
        "bv",
        "sa",
        "co.",
    ];
    let words: Vec<&str> = lower.split(|c: char| c.is_whitespace() || c == ',').filter(|w| !w.is_empty()).collect();
    let is_org = words.len() == 1 || words.iter().any(|w| organisation.contains(w)) || lower.starts_with("the ");
    // A name in an SPDX agent cannot hold the e-mail parentheses' syntax: they are left out.
    let clean: String = name.chars().filter(|c| !matches!(c, '(' | ')')).collect();
    format!("{}: {}", if is_org { "Organization" } else { "Person" }, clean.trim())
}
