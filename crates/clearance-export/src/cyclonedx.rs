//! CycloneDX JSON (1.7, or 1.6 on request): every component with its purl, licenses (concluded and declared told
//! apart with CycloneDX's `acknowledgement`), copyright, the review's decisions as properties,
//! and its files as nested file components with SHA-256 and SHA-1 hashes.

use std::collections::HashMap;

use clearance_licenses::ListTarget;
use serde_json::{Value, json};
use sha1::{Digest, Sha1};

use serde::Serialize;

use crate::{ExportContext, ExportError, Release};

fn license_object(id: &str, ack: &str, target: Option<&ListTarget>) -> Value {
    if clearance_licenses::license(id).is_some() {
        json!({"license": {"id": id, "acknowledgement": ack}})
    } else if let Some(d) = target.and_then(|t| t.downgraded(id)) {
        // An id the consumer's license list lacks: named, with its text.
        json!({"license": {"name": id, "acknowledgement": ack, "text": {"contentType": "text/plain", "content": d.text}}})
    } else {
        json!({"license": {"name": id, "acknowledgement": ack}})
    }
}

/// The SPDX license list CycloneDX's schemas enumerate license ids from (`spdx.schema.json`):
/// a `license.id` newer than it fails a strict validator, so such an id is written as an
/// expression, which the schema does not enumerate. (The enumeration the validators ship moves
/// with the schema's snapshots; this is the older of the ones seen, 3.27 and 3.28.)
const CYCLONEDX_ID_LIST: clearance_licenses::ListVersion = clearance_licenses::ListVersion { major: 3, minor: 27 };

/// Whether a license can be a CycloneDX license object: one id (or a LicenseRef, written as a
/// name) the schema's enumeration holds.
fn is_single_id(e: &str) -> bool {
    !e.contains(' ')
        && !e.contains('(')
        && clearance_licenses::first_list_version(e).is_none_or(|v| v <= CYCLONEDX_ID_LIST)
}

/// The `licenses` array: license objects when every license is a single id, else one expression
/// (the schema allows one expression only) with the other recorded as a property.
fn licenses(
    concluded: Option<&str>,
    declared: Option<&str>,
    props: &mut Vec<Value>,
    target: Option<&ListTarget>,
) -> Option<Value> {
    match (concluded, declared) {
        (None, None) => None,
        (c, d) if c.is_none_or(is_single_id) && d.is_none_or(is_single_id) => {
            let mut v = Vec::new();
            if let Some(d) = d {
                v.push(license_object(d, "declared", target));
            }
            if let Some(c) = c {
                v.push(license_object(c, "concluded", target));
            }
            Some(Value::Array(v))
        }
        (Some(c), d) => {
            if let Some(d) = d {
                props.push(json!({"name": "clearance:declared-license", "value": d}));
            }
            Some(json!([{"expression": c, "acknowledgement": "concluded"}]))
        }
        (None, Some(d)) => Some(json!([{"expression": d, "acknowledgement": "declared"}])),
    }
}

/// A CycloneDX BOM. Components' files — nearly all of a large BOM — are typed and serialised
/// straight from these structs; the rest is JSON values.
#[derive(Debug, Serialize)]
pub struct CycloneDxBom {
    #[serde(flatten)]
    pub head: Value,
    pub metadata: Metadata,
    pub components: Vec<CdxComponent>,
    pub dependencies: Value,
    /// Known vulnerabilities with their triage (a VEX), when the review was matched.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub vulnerabilities: Vec<Value>,
}

#[derive(Debug, Serialize)]
pub struct Metadata {
    #[serde(flatten)]
    pub head: Value,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub component: Option<CdxComponent>,
}

#[derive(Debug, Serialize)]
pub struct CdxComponent {
    #[serde(flatten)]
    pub head: Value,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub components: Vec<CdxFile>,
}

#[derive(Debug, Serialize)]
pub struct CdxFile {
    #[serde(rename = "type")]
    pub kind: &'static str,
    #[serde(rename = "bom-ref")]
    pub bom_ref: String,
    pub name: String,
    pub hashes: [CdxHash; 2],
}

#[derive(Debug, Serialize)]
pub struct CdxHash {
    pub alg: &'static str,
    pub content: String,
}

pub fn cyclonedx_json(release: &Release, ctx: &ExportContext) -> Result<CycloneDxBom, ExportError> {
    let components = &release.components;
    let scan = release.scan.as_ref().ok_or(ExportError::Empty)?;
    let files = &release.files;
    let mut copyrights: HashMap<i64, Vec<String>> = HashMap::new();
    for f in files {
        let Some(comp) = f.component_id else { continue };
        for c in release.copyrights_of(f.id) {
            let v = copyrights.entry(comp).or_default();
            if !v.contains(&c.statement) {
                v.push(c.statement.clone());
            }
        }
    }
    // References follow the sorted order of components and files, not database ids: the same
    // release gives the same BOM.
    for v in copyrights.values_mut() {
        v.sort();
    }
    let mut files_of: HashMap<i64, Vec<CdxFile>> = HashMap::new();
    for (n, f) in files.iter().enumerate() {
        let Some(c) = f.component_id else { continue };
        files_of.entry(c).or_default().push(CdxFile {
            kind: "file",
            bom_ref: format!("file-{}", n + 1),
            name: format!("{}/{}", f.root, f.path),
            hashes: [
                CdxHash { alg: "SHA-256", content: f.sha256.clone() },
                CdxHash { alg: "SHA-1", content: f.sha1.clone() },
            ],
        });
    }
    let obligations = &release.obligations;
    let mut target = ctx.list_target()?;
    let mut out = Vec::new();
    let mut root_ref = None;
    let mut refs = Vec::new();
    for (n, c) in components.iter().enumerate() {
        let conclusion = release.conclusion(c.id);
        let mut props = Vec::new();
        if let Some(k) = conclusion {
            props.push(json!({"name": "clearance:review-status", "value": k.status}));
            props.push(json!({"name": "clearance:reviewer", "value": k.reviewer}));
            props.push(json!({"name": "clearance:decided-at", "value": k.decided_at}));
            if let Some(from) = &k.carried_from {
                props.push(json!({"name": "clearance:carried-from", "value": from}));
            }
            if let Some(comment) = &k.comment {
                props.push(json!({"name": "clearance:comment", "value": comment}));
            }
        }
        let excluded = release.exclusion(c.id);
        if let Some((reason, _, _)) = excluded {
            props.push(json!({"name": "clearance:excluded", "value": reason}));
        }
        let open = obligations.iter().filter(|o| o.component_id == c.id && !o.status.is_settled()).count();
        let total = obligations.iter().filter(|o| o.component_id == c.id).count();
        if total > 0 {
            props.push(json!({"name": "clearance:obligations-open", "value": open.to_string()}));
            props.push(json!({"name": "clearance:obligations-total", "value": total.to_string()}));
        }
        let bom_ref = format!("component-{}", n + 1);
        let mut v = json!({
            "type": if c.is_root { "application" } else { "library" },
            "bom-ref": bom_ref,
            "name": c.name,
        });
        let obj = v.as_object_mut().expect("object");
        if excluded.is_some() {
            // Not shipped: CycloneDX's word for a component documented but not in the release.
            obj.insert("scope".into(), json!("excluded"));
        }
        if let Some(ver) = &c.version {
            obj.insert("version".into(), json!(ver));
        }
        if let Some(p) = &c.purl {
            obj.insert("purl".into(), json!(p));
        }
        if let Some(s) = &c.supplier {
            obj.insert("supplier".into(), json!({"name": s}));
        }
        let (concluded, declared) = match target.as_mut() {
            Some(t) => (
                conclusion.and_then(|k| k.expression.as_deref()).map(|e| t.rewrite(e)),
                c.declared_license.as_deref().map(|e| t.rewrite(e)),
            ),
            None => (conclusion.and_then(|k| k.expression.clone()), c.declared_license.clone()),
        };
        if let Some(l) = licenses(concluded.as_deref(), declared.as_deref(), &mut props, target.as_ref()) {
            obj.insert("licenses".into(), l);
        }
        if let Some(cr) = copyrights.get(&c.id) {
            obj.insert("copyright".into(), json!(cr.join("\n")));
        }
        if let Some(h) = c.homepage.as_ref().filter(|h| h.starts_with("http")) {
            obj.insert("externalReferences".into(), json!([{"type": "website", "url": h}]));
        }
        if !props.is_empty() {
            obj.insert("properties".into(), Value::Array(props));
        }
        let files = files_of.remove(&c.id).unwrap_or_default();
        if c.is_root && root_ref.is_none() {
            root_ref = Some(bom_ref.clone());
        } else {
            refs.push(bom_ref.clone());
        }
        out.push(CdxComponent { head: v, components: files });
    }
    let serial_seed = format!("{}|{}|{}", scan.id, scan.started_at, ctx.created);
    let h = Sha1::digest(serial_seed.as_bytes());
    let hex: String = h.iter().map(|b| format!("{b:02x}")).collect();
    let uuid = format!("{}-{}-5{}-a{}-{}", &hex[0..8], &hex[8..12], &hex[13..16], &hex[17..20], &hex[20..32]);
    let mut dependencies = Vec::new();
    if let Some(r) = &root_ref {
        dependencies.push(json!({"ref": r, "dependsOn": refs}));
    }
    // What lockfiles say each component depends on.
    let ref_of: HashMap<i64, String> =
        components.iter().enumerate().map(|(n, c)| (c.id, format!("component-{}", n + 1))).collect();
    let mut depends: std::collections::BTreeMap<String, Vec<String>> = std::collections::BTreeMap::new();
    for (from, to) in &release.edges {
        if let (Some(a), Some(b)) = (ref_of.get(from), ref_of.get(to))
            && Some(a) != root_ref.as_ref()
        {
            depends.entry(a.clone()).or_default().push(b.clone());
        }
    }
    for (r, on) in depends {
        dependencies.push(json!({"ref": r, "dependsOn": on}));
    }
    let vulnerabilities = crate::vex::cyclonedx_vulnerabilities(release, &ref_of);
    // The root component describes the BOM; the others are its components.
    let (root, rest): (Vec<CdxComponent>, Vec<CdxComponent>) =
        out.into_iter().partition(|v| v.head["bom-ref"].as_str().map(str::to_string) == root_ref);
    let metadata = Metadata {
        head: json!({
            "timestamp": ctx.created,
            "tools": {"components": [{"type": "application", "name": "clearance", "version": ctx.tool_version}]},
        }),
        component: root.into_iter().next(),
    };
    Ok(CycloneDxBom {
        head: json!({
            "$schema": format!("http://cyclonedx.org/schema/bom-{}.schema.json", ctx.cyclonedx.as_str()),
            "bomFormat": "CycloneDX",
            "specVersion": ctx.cyclonedx.as_str(),
            "serialNumber": format!("urn:uuid:{uuid}"),
            "version": 1,
        }),
        metadata,
        components: rest,
        dependencies: Value::Array(dependencies),
        vulnerabilities,
    })
}
