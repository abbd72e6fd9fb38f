//! SPDX 3.0.1 JSON-LD read into the SPDX 2.3 JSON shape the importer reads: packages (version,
//! purl, homepage, supplier, copyright, declared and concluded licenses), files (hashes,
//! licenses, copyright), `contains` and `dependsOn` relationships, and the SBOM's root elements
//! as what the document describes. Elements are referred to by id; what is not understood is
//! left out.

use std::collections::HashMap;

use serde_json::{Value, json};

use crate::ImportError;

fn s<'a>(v: &'a Value, k: &str) -> Option<&'a str> {
    v.get(k).and_then(|x| x.as_str()).filter(|x| !x.is_empty())
}

/// Element ids a property names: one, or a list.
fn ids(v: &Value) -> Vec<&str> {
    match v {
        Value::String(x) => vec![x.as_str()],
        Value::Array(a) => a.iter().filter_map(|x| x.as_str()).collect(),
        _ => Vec::new(),
    }
}

/// The element's type without a namespace prefix a producer may add ("spdx:software_Package").
fn kind(e: &Value) -> &str {
    let t = s(e, "type").or_else(|| s(e, "@type")).unwrap_or("");
    t.rsplit(':').next().unwrap_or(t)
}

pub(crate) fn to_json(doc: &Value) -> Result<Value, ImportError> {
    let context = match &doc["@context"] {
        Value::String(c) => c.clone(),
        other => other.to_string(),
    };
    if !context.contains("spdx.org/rdf/3.") {
        return Err(ImportError::Format("a JSON-LD document that is not SPDX 3 (its @context is not SPDX's)".into()));
    }
    let graph =
        doc["@graph"].as_array().ok_or_else(|| ImportError::Format("an SPDX 3 document without @graph".into()))?;
    let by_id: HashMap<&str, &Value> =
        graph.iter().filter_map(|e| s(e, "spdxId").or_else(|| s(e, "@id")).map(|id| (id, e))).collect();
    let expression =
        |id: &str| by_id.get(id).and_then(|e| s(e, "simplelicensing_licenseExpression")).map(str::to_string);
    // Relationships by source and type.
    let mut rel: HashMap<(&str, &str), Vec<&str>> = HashMap::new();
    for r in graph.iter().filter(|e| kind(e) == "Relationship") {
        let (Some(from), Some(t)) = (s(r, "from"), s(r, "relationshipType")) else { continue };
        rel.entry((from, t)).or_default().extend(ids(&r["to"]));
    }
    let licenses = |id: &str, t: &str| -> Vec<String> {
        rel.get(&(id, t)).into_iter().flatten().filter_map(|x| expression(x)).collect()
    };
    let joined = |v: Vec<String>| match v.len() {
        0 => None,
        1 => v.into_iter().next(),
        _ => Some(v.iter().map(|e| format!("({e})")).collect::<Vec<_>>().join(" AND ")),
    };
    let agent = |id: &str| -> Option<String> {
        let e = by_id.get(id)?;
        let prefix = match kind(e) {
            "Person" => "Person",
            "Organization" => "Organization",
            _ => return None,
        };
        Some(format!("{prefix}: {}", s(e, "name")?))
    };
    let mut packages = Vec::new();
    let mut files = Vec::new();
    let mut relationships = Vec::new();
    for e in graph {
        let Some(id) = s(e, "spdxId") else { continue };
        match kind(e) {
            "software_Package" => {
                let mut p = json!({"SPDXID": id, "name": s(e, "name").unwrap_or(""),
                    "licenseDeclared": joined(licenses(id, "hasDeclaredLicense")).unwrap_or_else(|| "NOASSERTION".into()),
                    "licenseConcluded": joined(licenses(id, "hasConcludedLicense")).unwrap_or_else(|| "NOASSERTION".into()),
                    "copyrightText": s(e, "software_copyrightText").unwrap_or("NOASSERTION")});
                if let Some(v) = s(e, "software_packageVersion") {
                    p["versionInfo"] = json!(v);
                }
                if let Some(u) = s(e, "software_packageUrl") {
                    p["externalRefs"] = json!([{"referenceCategory": "PACKAGE-MANAGER", "referenceType": "purl", "referenceLocator": u}]);
                }
                if let Some(h) = s(e, "software_homePage") {
                    p["homepage"] = json!(h);
                }
                if let Some(a) = s(e, "suppliedBy").and_then(agent) {
                    p["supplier"] = json!(a);
                }
                packages.push(p);
            }
            "software_File" => {
                let checksums: Vec<Value> = e["verifiedUsing"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|h| {
                        let alg = match s(h, "algorithm")?.rsplit('/').next()? {
                            "sha1" => "SHA1",
                            "sha256" => "SHA256",
                            _ => return None,
                        };
                        Some(json!({"algorithm": alg, "checksumValue": s(h, "hashValue")?}))
                    })
                    .collect();
                files.push(json!({"SPDXID": id, "fileName": s(e, "name").unwrap_or(""), "checksums": checksums,
                    "licenseInfoInFiles": licenses(id, "hasDeclaredLicense"),
                    "licenseConcluded": joined(licenses(id, "hasConcludedLicense")).unwrap_or_else(|| "NOASSERTION".into()),
                    "copyrightText": s(e, "software_copyrightText").unwrap_or("NONE")}));
            }
            _ => {}
        }
    }
    for ((from, t), to) in &rel {
        let t = match *t {
            "contains" => "CONTAINS",
            "dependsOn" => "DEPENDS_ON",
            _ => continue,
        };
        for x in to {
            relationships.push(json!({"spdxElementId": from, "relationshipType": t, "relatedSpdxElement": x}));
        }
    }
    // What the document describes: its SBOM's root elements (or its own, when they are packages).
    let sbom_roots: Vec<&str> =
        graph.iter().filter(|e| kind(e) == "software_Sbom").flat_map(|e| ids(&e["rootElement"])).collect();
    let doc_roots: Vec<&str> =
        graph.iter().filter(|e| kind(e) == "SpdxDocument").flat_map(|e| ids(&e["rootElement"])).collect();
    for r in if sbom_roots.is_empty() { doc_roots } else { sbom_roots } {
        if by_id.get(r).is_some_and(|e| kind(e) == "software_Package") {
            relationships.push(
                json!({"spdxElementId": "SPDXRef-DOCUMENT", "relationshipType": "DESCRIBES", "relatedSpdxElement": r}),
            );
        }
    }
    let mut creators: Vec<String> = Vec::new();
    for c in graph.iter().filter(|e| kind(e) == "CreationInfo").take(1) {
        for a in ids(&c["createdBy"]) {
            creators.extend(agent(a).or_else(|| by_id.get(a).and_then(|e| s(e, "name")).map(|n| format!("Tool: {n}"))));
        }
        for t in ids(&c["createdUsing"]) {
            creators.extend(by_id.get(t).and_then(|e| s(e, "name")).map(|n| format!("Tool: {n}")));
        }
    }
    let name = graph.iter().find(|e| kind(e) == "SpdxDocument").and_then(|e| s(e, "name")).unwrap_or("spdx-document");
    Ok(json!({"spdxVersion": "SPDX-2.3", "name": name, "creationInfo": {"creators": creators},
        "packages": packages, "files": files, "relationships": relationships}))
}
