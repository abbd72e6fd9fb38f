//! Known vulnerabilities and their triage as the SBOM formats say them: CycloneDX's
//! `vulnerabilities` (a VEX inside the BOM: affects, ratings, analysis) and an OpenVEX 0.2.0
//! document of its own.

use std::collections::{BTreeMap, HashMap};

use clearance_store::{Exposure, Triage, VexJustification, VexResponse, VexState, VulnerabilityRow, cyclonedx_word};
use serde_json::{Value, json};
use sha1::{Digest, Sha1};

use crate::{ExportContext, ExportError, Release};

/// Where an advisory id is published (an address to read it at; nothing is fetched).
fn source_of(id: &str) -> Value {
    if id.starts_with("CVE-") {
        json!({"name": "NVD", "url": format!("https://nvd.nist.gov/vuln/detail/{id}")})
    } else if id.starts_with("GHSA-") {
        json!({"name": "GitHub Advisory Database", "url": format!("https://github.com/advisories/{id}")})
    } else {
        json!({"name": "OSV", "url": format!("https://osv.dev/vulnerability/{id}")})
    }
}

/// CycloneDX's name of the CVSS version a vector is written in.
fn cvss_method(vector: &str) -> &'static str {
    if vector.starts_with("CVSS:4.0/") {
        "CVSSv4"
    } else if vector.starts_with("CVSS:3.1/") {
        "CVSSv31"
    } else if vector.starts_with("CVSS:3.0/") {
        "CVSSv3"
    } else {
        "CVSSv2"
    }
}

/// The vulnerabilities found, grouped: one advisory with one and the same triage (or none) is one
/// entry, affecting every component it was found in. In advisory order.
fn grouped(rows: &[VulnerabilityRow]) -> Vec<Vec<&VulnerabilityRow>> {
    let mut groups: BTreeMap<(String, String), Vec<&VulnerabilityRow>> = BTreeMap::new();
    for v in rows {
        let same = v.triage.as_ref().map(|t| json!([t.state, t.justification, t.responses, t.note]).to_string());
        groups.entry((v.advisory_id.clone(), same.unwrap_or_default())).or_default().push(v);
    }
    groups.into_values().collect()
}

/// CycloneDX `vulnerabilities`: each advisory (with its aliases as references), its rating,
/// the components it affects (`ref_of`: component id → bom-ref) and the reviewer's analysis.
pub(crate) fn cyclonedx_vulnerabilities(release: &Release, ref_of: &HashMap<i64, String>) -> Vec<Value> {
    let mut out = Vec::new();
    for group in grouped(&release.vulnerabilities) {
        let first = group[0];
        let mut v = json!({
            "bom-ref": format!("vulnerability-{}", out.len() + 1),
            "id": first.advisory_id,
            "source": source_of(&first.advisory_id),
            "updated": first.modified,
        });
        let obj = v.as_object_mut().expect("object");
        if !first.aliases.is_empty() {
            let refs: Vec<Value> = first.aliases.iter().map(|a| json!({"id": a, "source": source_of(a)})).collect();
            obj.insert("references".into(), Value::Array(refs));
        }
        if let (Some(score), Some(vector)) = (first.score, first.vector.as_deref()) {
            obj.insert(
                "ratings".into(),
                json!([{"score": score, "severity": first.severity.map_or("unknown", |s| s.as_str()),
                    "method": cvss_method(vector), "vector": vector}]),
            );
        }
        if let Some(summary) = &first.summary {
            obj.insert("description".into(), json!(summary));
        }
        if let Some(t) = &first.triage {
            let mut analysis = json!({"state": t.state.cyclonedx(), "detail": t.note, "lastUpdated": t.decided_at});
            if let Some(j) = t.justification {
                analysis["justification"] = json!(cyclonedx_word(j.as_str()));
            }
            if !t.responses.is_empty() {
                analysis["response"] =
                    json!(t.responses.iter().map(|r| cyclonedx_word(r.as_str())).collect::<Vec<_>>());
            }
            obj.insert("analysis".into(), analysis);
        }
        let affects: Vec<Value> = group
            .iter()
            .filter_map(|row| {
                let r = ref_of.get(&row.component_id)?;
                let version = release.components.iter().find(|c| c.id == row.component_id)?.version.clone();
                let status = if row.exposure == Exposure::Affected { "affected" } else { "unknown" };
                Some(match version {
                    Some(version) => json!({"ref": r, "versions": [{"version": version, "status": status}]}),
                    None => json!({"ref": r}),
                })
            })
            .collect();
        obj.insert("affects".into(), Value::Array(affects));
        let mut props = Vec::new();
        for row in &group {
            if row.exposure != Exposure::Affected {
                let why = row.why.as_deref().unwrap_or("");
                props.push(json!({"name": "clearance:exposure", "value": format!("{} {}: {why}", row.component, row.exposure)}));
            }
        }
        if let Some(t) = &first.triage {
            props.push(json!({"name": "clearance:triaged-by", "value": t.reviewer}));
            if let Some(from) = &t.carried_from {
                props.push(json!({"name": "clearance:carried-from", "value": from}));
            }
        }
        if !props.is_empty() {
            obj.insert("properties".into(), Value::Array(props));
        }
        out.push(v);
    }
    out
}

/// OpenVEX's status for a triage (none: not triaged yet, under investigation).
fn openvex_status(t: Option<&Triage>) -> &'static str {
    match t.map(|t| t.state) {
        None | Some(VexState::InTriage) => "under_investigation",
        Some(VexState::Exploitable) => "affected",
        Some(VexState::Resolved) => "fixed",
        Some(VexState::NotAffected) | Some(VexState::FalsePositive) => "not_affected",
    }
}

/// OpenVEX's justification for CycloneDX's (OpenVEX has five; CycloneDX's nine fold into them).
fn openvex_justification(t: &Triage) -> &'static str {
    if t.state == VexState::FalsePositive {
        // The advisory is about something the product does not contain.
        return "component_not_present";
    }
    match t.justification {
        Some(VexJustification::CodeNotPresent) | None => "vulnerable_code_not_present",
        Some(VexJustification::CodeNotReachable) => "vulnerable_code_not_in_execute_path",
        Some(VexJustification::RequiresDependency) => "component_not_present",
        Some(VexJustification::RequiresConfiguration) | Some(VexJustification::RequiresEnvironment) => {
            "vulnerable_code_cannot_be_controlled_by_adversary"
        }
        Some(VexJustification::ProtectedByCompiler)
        | Some(VexJustification::ProtectedAtRuntime)
        | Some(VexJustification::ProtectedAtPerimeter)
        | Some(VexJustification::ProtectedByMitigatingControl) => "inline_mitigations_already_exist",
    }
}

fn response_words(responses: &[VexResponse]) -> String {
    responses.iter().map(|r| r.as_str().replace('-', " ")).collect::<Vec<_>>().join(", ")
}

/// An OpenVEX 0.2.0 document: one statement per advisory and triage, naming the package versions
/// (purls) it is about. A review without a known vulnerability has nothing to state (OpenVEX
/// requires a statement): that is an error, with what to do.
pub fn openvex(release: &Release, ctx: &ExportContext) -> Result<Value, ExportError> {
    let Some(snapshot) = &release.advisories else {
        return Err(ExportError::Invalid(
            "the review has not been matched against an advisory database: there is nothing for a VEX to state".into(),
        ));
    };
    let shipped: Vec<VulnerabilityRow> = release.vulnerabilities.iter().filter(|v| v.shipped).cloned().collect();
    if shipped.is_empty() {
        return Err(ExportError::Invalid(format!(
            "the review has no known vulnerability in what it ships (matched {} against {} advisories): an OpenVEX document needs at least one statement",
            snapshot.matched_at, snapshot.records
        )));
    }
    let purl_of: HashMap<i64, &str> =
        release.components.iter().filter_map(|c| c.purl.as_deref().map(|p| (c.id, p))).collect();
    let mut statements = Vec::new();
    for group in grouped(&shipped) {
        let first = group[0];
        let t = first.triage.as_ref();
        let mut products: Vec<&str> = group.iter().filter_map(|v| purl_of.get(&v.component_id).copied()).collect();
        products.sort();
        products.dedup();
        let mut vulnerability = json!({"name": first.advisory_id, "@id": source_of(&first.advisory_id)["url"]});
        if !first.aliases.is_empty() {
            vulnerability["aliases"] = json!(first.aliases);
        }
        if let Some(s) = &first.summary {
            vulnerability["description"] = json!(s);
        }
        let status = openvex_status(t);
        let mut s = json!({
            "vulnerability": vulnerability,
            "timestamp": t.map_or(snapshot.matched_at.as_str(), |t| t.decided_at.as_str()),
            "products": products.iter().map(|p| json!({"@id": p, "identifiers": {"purl": p}})).collect::<Vec<_>>(),
            "status": status,
        });
        match t {
            None => {
                let why: Vec<String> =
                    group.iter().filter_map(|v| v.why.as_ref().map(|w| format!("{}: {w}", v.component))).collect();
                s["status_notes"] = json!(if why.is_empty() {
                    "found by matching against OSV advisories; not triaged yet".to_string()
                } else {
                    format!("not triaged yet; {}", why.join("; "))
                });
            }
            Some(t) => {
                s["status_notes"] = json!(format!("{} ({})", t.note, t.reviewer));
                match status {
                    "not_affected" => s["justification"] = json!(openvex_justification(t)),
                    "affected" => {
                        let action = if t.responses.is_empty() {
                            t.note.clone()
                        } else {
                            format!("{}: {}", response_words(&t.responses), t.note)
                        };
                        s["action_statement"] = json!(action);
                        s["action_statement_timestamp"] = json!(t.decided_at);
                    }
                    _ => {}
                }
            }
        }
        statements.push(s);
    }
    let seed = format!("{}|{}|{}", release.product, snapshot.hash, ctx.created);
    let hex: String = Sha1::digest(seed.as_bytes()).iter().map(|b| format!("{b:02x}")).collect();
    // Who made the statements: the reviewers who triaged, else the review itself.
    let mut reviewers: Vec<&str> =
        shipped.iter().filter_map(|v| v.triage.as_ref().map(|t| t.reviewer.as_str())).collect();
    reviewers.sort();
    reviewers.dedup();
    let author =
        if reviewers.is_empty() { format!("{} review (Clearance)", release.product) } else { reviewers.join(", ") };
    Ok(json!({
        "@context": "https://openvex.dev/ns/v0.2.0",
        "@id": format!("urn:uuid:{}-{}-5{}-a{}-{}", &hex[0..8], &hex[8..12], &hex[13..16], &hex[17..20], &hex[20..32]),
        "author": author,
        "role": "Document Creator",
        "timestamp": ctx.created,
        "version": 1,
        "tooling": format!("clearance {}; advisories snapshot {} ({} records, newest {})",
            ctx.tool_version, &snapshot.hash[..snapshot.hash.len().min(12)], snapshot.records,
            snapshot.newest.as_deref().unwrap_or("-")),
        "statements": statements,
    }))
}
