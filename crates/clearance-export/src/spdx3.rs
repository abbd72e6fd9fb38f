//! SPDX 3.0.1 JSON-LD: the same facts as the SPDX 2.3 export — it is made from that document, so
//! the two cannot drift — in SPDX 3's element graph: packages (with version, purl, homepage,
//! supplier, copyright), files (with SHA-1 and SHA-256), `contains` and `dependsOn`
//! relationships, declared and concluded licenses as license-expression elements related by
//! `hasDeclaredLicense` / `hasConcludedLicense`, the texts of `LicenseRef-`s, the review's
//! decisions as `review` annotations, one creation info, and the document and its SBOM.

use std::collections::BTreeMap;

use serde_json::{Value, json};

use crate::{ExportContext, ExportError, Release};

const CREATION: &str = "_:creationinfo";

fn s<'a>(v: &'a Value, k: &str) -> Option<&'a str> {
    v.get(k).and_then(|x| x.as_str()).filter(|x| !x.is_empty())
}

fn special(v: &str) -> bool {
    matches!(v, "NOASSERTION" | "NONE")
}

struct Graph {
    ns: String,
    elements: Vec<Value>,
    /// License expression → its element's id (one element per distinct expression).
    expressions: BTreeMap<String, String>,
    /// Agent ("Organization: Acme") → its element's id.
    agents: BTreeMap<String, String>,
    /// `LicenseRef-…` → the id of the element holding its text.
    license_refs: BTreeMap<String, String>,
    /// (from, relationship type) → to, in order.
    relationships: BTreeMap<(String, &'static str), Vec<String>>,
    /// The SPDX license list the expressions' ids are from, as SemVer ("3.27.0").
    list_version: String,
}

impl Graph {
    fn id(&self, local: &str) -> String {
        format!("{}#{local}", self.ns)
    }

    fn push(&mut self, mut v: Value) -> String {
        v["creationInfo"] = json!(CREATION);
        let id = v["spdxId"].as_str().expect("every element has an id").to_string();
        self.elements.push(v);
        id
    }

    fn expression(&mut self, expression: &str) -> String {
        if let Some(id) = self.expressions.get(expression) {
            return id.clone();
        }
        let id = self.id(&format!("LicenseExpression-{}", self.expressions.len() + 1));
        let mut v = json!({"type": "simplelicensing_LicenseExpression", "spdxId": id,
            "simplelicensing_licenseExpression": expression,
            "simplelicensing_licenseListVersion": self.list_version});
        let refs: Vec<Value> = clearance_licenses::license_ids_in(expression)
            .into_iter()
            .filter_map(|lid| {
                self.license_refs.get(&lid).map(|text| json!({"type": "DictionaryEntry", "key": lid, "value": text}))
            })
            .collect();
        if !refs.is_empty() {
            v["simplelicensing_customIdToUri"] = Value::Array(refs);
        }
        self.push(v);
        self.expressions.insert(expression.to_string(), id.clone());
        id
    }

    /// An SPDX 2.3 agent ("Person: Jane Doe (jane@example.org)", "Organization: Acme") as an
    /// element of its kind.
    fn agent(&mut self, agent: &str) -> Option<String> {
        if let Some(id) = self.agents.get(agent) {
            return Some(id.clone());
        }
        let (kind, name) = agent.split_once(':')?;
        let kind = match kind.trim() {
            "Person" => "Person",
            "Organization" => "Organization",
            "Tool" => "SoftwareAgent",
            _ => return None,
        };
        let name = name.split('(').next().unwrap_or(name).trim();
        let id = self.id(&format!("Agent-{}", self.agents.len() + 1));
        self.push(json!({"type": kind, "spdxId": id, "name": name}));
        self.agents.insert(agent.to_string(), id.clone());
        Some(id)
    }

    fn relate(&mut self, from: &str, kind: &'static str, to: String) {
        self.relationships.entry((from.to_string(), kind)).or_default().push(to);
    }

    /// Declared and concluded licenses of a package or file as relationships to expressions.
    fn licenses(&mut self, from: &str, declared: &[&str], concluded: Option<&str>) {
        for d in declared.iter().filter(|d| !special(d)) {
            let e = self.expression(d);
            self.relate(from, "hasDeclaredLicense", e);
        }
        if let Some(c) = concluded.filter(|c| !special(c)) {
            let e = self.expression(c);
            self.relate(from, "hasConcludedLicense", e);
        }
    }
}

/// The SPDX 3.0.1 JSON-LD document of the release.
pub fn spdx3_json(release: &Release, ctx: &ExportContext) -> Result<Value, ExportError> {
    let doc2 = serde_json::to_value(crate::spdx_json(release, ctx)?).expect("an SPDX document as JSON");
    let ns = s(&doc2, "documentNamespace").unwrap_or("https://spdx.org/spdxdocs/clearance").to_string();
    let mut g = Graph {
        ns,
        elements: Vec::new(),
        expressions: BTreeMap::new(),
        agents: BTreeMap::new(),
        license_refs: BTreeMap::new(),
        relationships: BTreeMap::new(),
        list_version: format!("{}.0", s(&doc2["creationInfo"], "licenseListVersion").unwrap_or("3.0")),
    };
    let created = s(&doc2["creationInfo"], "created").unwrap_or(&ctx.created).to_string();
    let creators: Vec<String> = doc2["creationInfo"]["creators"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|c| c.as_str().map(str::to_string))
        .collect();
    // Who made it (people and organisations, else Clearance as a software agent) and with what.
    let mut created_by = Vec::new();
    let mut created_using = Vec::new();
    for c in &creators {
        if let Some(tool) = c.strip_prefix("Tool:") {
            let id = g.id(&format!("Tool-{}", created_using.len() + 1));
            created_using.push(g.push(json!({"type": "Tool", "spdxId": id, "name": tool.trim()})));
        } else if let Some(id) = g.agent(c) {
            created_by.push(id);
        }
    }
    if created_by.is_empty() {
        let tool = creators.iter().find_map(|c| c.strip_prefix("Tool:")).unwrap_or("clearance").trim().to_string();
        if let Some(id) = g.agent(&format!("Tool: {tool}")) {
            created_by.push(id);
        }
    }
    for l in doc2["hasExtractedLicensingInfos"].as_array().into_iter().flatten() {
        let Some(lid) = s(l, "licenseId") else { continue };
        let id = g.id(lid);
        let mut v = json!({"type": "simplelicensing_SimpleLicensingText", "spdxId": id,
            "simplelicensing_licenseText": s(l, "extractedText").unwrap_or("")});
        if let Some(name) = s(l, "name") {
            v["name"] = json!(name);
        }
        g.push(v);
        g.license_refs.insert(lid.to_string(), id);
    }
    let local = |g: &Graph, spdxid: &str| g.id(spdxid);
    let mut roots = Vec::new();
    for r in doc2["relationships"].as_array().into_iter().flatten() {
        let (Some(a), Some(kind), Some(b)) =
            (s(r, "spdxElementId"), s(r, "relationshipType"), s(r, "relatedSpdxElement"))
        else {
            continue;
        };
        let (from, to) = (local(&g, a), local(&g, b));
        match kind {
            "DESCRIBES" => roots.push(to),
            "CONTAINS" => g.relate(&from, "contains", to),
            "DEPENDS_ON" => g.relate(&from, "dependsOn", to),
            _ => {}
        }
    }
    for p in doc2["packages"].as_array().into_iter().flatten() {
        let id = local(&g, s(p, "SPDXID").unwrap_or("SPDXRef-Package"));
        let mut v = json!({"type": "software_Package", "spdxId": id, "name": s(p, "name").unwrap_or("")});
        if let Some(x) = s(p, "versionInfo") {
            v["software_packageVersion"] = json!(x);
        }
        if let Some(purl) = p["externalRefs"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|r| s(r, "referenceType") == Some("purl"))
            .and_then(|r| s(r, "referenceLocator"))
        {
            v["software_packageUrl"] = json!(purl);
        }
        if let Some(x) = s(p, "homepage") {
            v["software_homePage"] = json!(x);
        }
        if let Some(x) = s(p, "copyrightText").filter(|x| !special(x)) {
            v["software_copyrightText"] = json!(x);
        }
        if let Some(agent) = s(p, "supplier").filter(|x| !special(x)).and_then(|x| g.agent(x)) {
            v["suppliedBy"] = json!(agent);
        }
        if let Some(x) = s(p, "licenseComments") {
            v["comment"] = json!(x);
        }
        let declared: Vec<&str> = s(p, "licenseDeclared").into_iter().collect();
        g.licenses(&id, &declared, s(p, "licenseConcluded"));
        for a in p["annotations"].as_array().into_iter().flatten() {
            let n = g.elements.len() + 1;
            let aid = g.id(&format!("Annotation-{n}"));
            let statement = match s(a, "annotator") {
                Some(who) => {
                    format!("{} ({who}, {})", s(a, "comment").unwrap_or(""), s(a, "annotationDate").unwrap_or(""))
                }
                None => s(a, "comment").unwrap_or("").to_string(),
            };
            g.push(json!({"type": "Annotation", "spdxId": aid, "annotationType": "review", "subject": id,
                "statement": statement}));
        }
        g.push(v);
    }
    for f in doc2["files"].as_array().into_iter().flatten() {
        let id = local(&g, s(f, "SPDXID").unwrap_or("SPDXRef-File"));
        let hashes: Vec<Value> = f["checksums"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|c| {
                let alg = match s(c, "algorithm")? {
                    "SHA1" => "sha1",
                    "SHA256" => "sha256",
                    _ => return None,
                };
                Some(json!({"type": "Hash", "algorithm": alg, "hashValue": s(c, "checksumValue")?}))
            })
            .collect();
        let mut v = json!({"type": "software_File", "spdxId": id,
            "name": s(f, "fileName").unwrap_or("").trim_start_matches("./")});
        if !hashes.is_empty() {
            v["verifiedUsing"] = Value::Array(hashes);
        }
        if let Some(x) = s(f, "copyrightText").filter(|x| !special(x)) {
            v["software_copyrightText"] = json!(x);
        }
        let found: Vec<&str> =
            f["licenseInfoInFiles"].as_array().into_iter().flatten().filter_map(|x| x.as_str()).collect();
        g.licenses(&id, &found, s(f, "licenseConcluded"));
        g.push(v);
    }
    let relationships = std::mem::take(&mut g.relationships);
    for (n, ((from, kind), to)) in relationships.into_iter().enumerate() {
        let id = g.id(&format!("Relationship-{}", n + 1));
        g.push(json!({"type": "Relationship", "spdxId": id, "from": from, "relationshipType": kind, "to": to}));
    }
    let data_license = g.expression("CC0-1.0");
    let elements: Vec<Value> = g.elements.iter().map(|e| e["spdxId"].clone()).collect();
    let sbom = g.id("SBOM");
    let document = g.id("SPDXRef-DOCUMENT");
    let mut graph = vec![json!({"type": "CreationInfo", "@id": CREATION, "specVersion": "3.0.1", "created": created,
        "createdBy": created_by, "createdUsing": created_using})];
    if let Some(comment) = s(&doc2["creationInfo"], "comment") {
        graph[0]["comment"] = json!(comment);
    }
    let mut in_document = elements.clone();
    in_document.push(json!(sbom));
    graph.push(json!({"type": "SpdxDocument", "spdxId": document, "creationInfo": CREATION,
        "name": s(&doc2, "name").unwrap_or("license review"), "dataLicense": data_license,
        "profileConformance": ["core", "software", "simpleLicensing"],
        "rootElement": [sbom], "element": in_document}));
    graph.push(json!({"type": "software_Sbom", "spdxId": sbom, "creationInfo": CREATION,
        "software_sbomType": ["analyzed"], "rootElement": roots, "element": elements}));
    graph.extend(g.elements);
    Ok(json!({"@context": "https://spdx.org/rdf/3.0.1/spdx-context.jsonld", "@graph": graph}))
}
