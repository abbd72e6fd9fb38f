//! Package manifests → components: Cargo.toml, package.json, pyproject.toml, PKG-INFO and
//! `.dist-info/METADATA`. Declared licenses are normalised to SPDX with the original kept.

use crate::model::{ComponentDecl, Detector, Finding};
use crate::text::cap;

/// A manifest's component and the finding for its declared license.
#[derive(Debug, Clone, PartialEq)]
pub struct ManifestResult {
    pub component: Option<ComponentDecl>,
    pub findings: Vec<Finding>,
}

/// One manifest format: how its file is recognised, whether the file is classified as a
/// manifest, and its parser. `MANIFESTS` is the one list both the classifier (`is_manifest`)
/// and `parse_manifest` read, so a name cannot be classified and then never parsed.
pub struct ManifestFormat {
    /// What the format is, for people ("Cargo.toml", "a wheel's METADATA").
    pub title: &'static str,
    /// Does this path (relative, `/`-separated; its last part is `name`) hold the format?
    matches: fn(rel_path: &str, name: &str) -> bool,
    /// Classified as a manifest. `debian/copyright` is parsed for its package but stays a
    /// notice file (its `Files:` paragraphs are findings, read by the detector).
    pub is_manifest_file: bool,
    parse: fn(&str) -> Result<Option<Raw>, String>,
}

fn parent_is(rel_path: &str, suffix: &str) -> bool {
    let mut parts = rel_path.rsplit('/');
    parts.next();
    parts.next().is_some_and(|p| p.ends_with(suffix))
}

pub static MANIFESTS: &[ManifestFormat] = &[
    ManifestFormat { title: "Cargo.toml", matches: |_, n| n == "Cargo.toml", is_manifest_file: true, parse: cargo },
    ManifestFormat { title: "package.json", matches: |_, n| n == "package.json", is_manifest_file: true, parse: npm },
    ManifestFormat {
        title: "pyproject.toml",
        matches: |_, n| n == "pyproject.toml",
        is_manifest_file: true,
        parse: pyproject,
    },
    ManifestFormat {
        title: "PKG-INFO",
        matches: |_, n| n == "PKG-INFO",
        is_manifest_file: true,
        parse: |t| Ok(python_metadata(t)),
    },
    ManifestFormat {
        title: "a wheel's .dist-info/METADATA",
        matches: |p, n| n == "METADATA" && parent_is(p, ".dist-info"),
        is_manifest_file: true,
        parse: |t| Ok(python_metadata(t)),
    },
    ManifestFormat { title: "go.mod", matches: |_, n| n == "go.mod", is_manifest_file: true, parse: |t| Ok(go_mod(t)) },
    ManifestFormat {
        title: "composer.json",
        matches: |_, n| n == "composer.json",
        is_manifest_file: true,
        parse: composer,
    },
    ManifestFormat { title: "vcpkg.json", matches: |_, n| n == "vcpkg.json", is_manifest_file: true, parse: vcpkg },
    ManifestFormat {
        title: "pom.xml",
        matches: |_, n| n == "pom.xml",
        is_manifest_file: true,
        parse: crate::ecosystems::pom,
    },
    ManifestFormat {
        title: "setup.cfg",
        matches: |_, n| n == "setup.cfg",
        is_manifest_file: true,
        parse: |t| Ok(crate::ecosystems::setup_cfg(t)),
    },
    ManifestFormat {
        title: "*.nuspec",
        matches: |_, n| n.ends_with(".nuspec"),
        is_manifest_file: true,
        parse: crate::ecosystems::nuspec,
    },
    ManifestFormat {
        title: "*.gemspec",
        matches: |_, n| n.ends_with(".gemspec"),
        is_manifest_file: true,
        parse: |t| Ok(crate::ecosystems::gemspec(t)),
    },
    ManifestFormat {
        title: "debian/copyright",
        matches: |p, n| n == "copyright" && p.ends_with("debian/copyright"),
        is_manifest_file: false,
        parse: |t| Ok(crate::ecosystems::debian_copyright(t)),
    },
];

/// The manifest format of a file, by its path.
pub fn manifest_format(rel_path: &str) -> Option<&'static ManifestFormat> {
    let name = rel_path.rsplit('/').next().unwrap_or(rel_path);
    MANIFESTS.iter().find(|m| (m.matches)(rel_path, name))
}

/// Parse a manifest. `Err` carries a sentence for the reviewer when the file is malformed.
pub fn parse_manifest(rel_path: &str, text: &str) -> Result<ManifestResult, String> {
    let Some(format) = manifest_format(rel_path) else {
        return Ok(ManifestResult { component: None, findings: Vec::new() });
    };
    let Some(raw) = (format.parse)(text)? else {
        return Ok(ManifestResult { component: None, findings: Vec::new() });
    };
    let mut result = finish(raw, text);
    if let Some(c) = &mut result.component {
        c.supplier = supplier(format.title, text);
    }
    Ok(result)
}

/// Who a manifest says makes its package — its first author (or, for Python, the author or
/// maintainer; for NuGet, the authors line) — as written, without an e-mail address. None when
/// the manifest names nobody. (The formats' parsers read it again: manifests are small.)
fn supplier(format: &str, text: &str) -> Option<String> {
    let clean = |s: &str| -> Option<String> {
        // "Jane Doe <jane@example.org> (https://…)" → "Jane Doe"
        let s = s.split(['<', '(']).next().unwrap_or(s).trim().trim_matches('"').trim();
        (!s.is_empty() && !s.eq_ignore_ascii_case("unknown") && s.len() < 200).then(|| s.to_string())
    };
    let json_person = |v: &serde_json::Value| match v {
        serde_json::Value::String(s) => clean(s),
        serde_json::Value::Object(o) => o.get("name").and_then(|n| n.as_str()).and_then(clean),
        _ => None,
    };
    match format {
        "Cargo.toml" => {
            let doc: toml::Table = toml::from_str(text).ok()?;
            let authors = doc.get("package")?.get("authors")?.as_array()?;
            authors.iter().filter_map(|a| a.as_str()).find_map(clean)
        }
        "package.json" => {
            let v: serde_json::Value = serde_json::from_str(text).ok()?;
            v.get("author").and_then(json_person).or_else(|| {
                v.get("maintainers").or_else(|| v.get("contributors"))?.as_array()?.iter().find_map(json_person)
            })
        }
        "composer.json" => {
            let v: serde_json::Value = serde_json::from_str(text).ok()?;
            v.get("authors")?.as_array()?.iter().find_map(json_person)
        }
        "pyproject.toml" => {
            let doc: toml::Table = toml::from_str(text).ok()?;
            let project = doc.get("project").or_else(|| doc.get("tool").and_then(|t| t.get("poetry")))?;
            let authors = project.get("authors").or_else(|| project.get("maintainers"))?.as_array()?;
            authors.iter().find_map(|a| match a {
                toml::Value::String(s) => clean(s),
                toml::Value::Table(t) => t.get("name").and_then(|n| n.as_str()).and_then(clean),
                _ => None,
            })
        }
        "PKG-INFO" | "a wheel's .dist-info/METADATA" => {
            let mut email_name = None;
            for line in text.lines() {
                if line.trim().is_empty() {
                    break;
                }
                let Some((k, v)) = line.split_once(':') else { continue };
                match k {
                    "Author" | "Maintainer" => {
                        if let Some(s) = clean(v) {
                            return Some(s);
                        }
                    }
                    // `Author-email: Jane Doe <jane@example.org>`: the name part only.
                    "Author-email" | "Maintainer-email" if email_name.is_none() && v.contains('<') => {
                        email_name = clean(v);
                    }
                    _ => {}
                }
            }
            email_name
        }
        "*.nuspec" => {
            let start = text.find("<authors>")? + "<authors>".len();
            let end = text[start..].find("</authors>")? + start;
            text[start..end].split(',').find_map(clean)
        }
        _ => None,
    }
}

pub(crate) struct Raw {
    pub(crate) ecosystem: &'static str,
    pub(crate) name: String,
    pub(crate) version: Option<String>,
    pub(crate) licenses: Vec<String>,
    pub(crate) homepage: Option<String>,
    /// The key the license line starts with, to find its line number.
    pub(crate) license_key: &'static str,
}

pub(crate) fn finish(raw: Raw, text: &str) -> ManifestResult {
    let purl = purl(raw.ecosystem, &raw.name, raw.version.as_deref());
    let original = if raw.licenses.is_empty() { None } else { Some(raw.licenses.join(" OR ")) };
    let mut findings = Vec::new();
    let mut declared = None;
    if let Some(orig) = &original {
        let line = text
            .lines()
            .position(|l| l.trim_start().trim_start_matches('"').to_ascii_lowercase().starts_with(raw.license_key))
            .map_or(1, |i| i as u32 + 1);
        // Several licenses listed separately (npm's legacy `licenses`, PyPI classifiers) are a
        // choice only by convention; each is normalised and joined with OR, and noted.
        let parts: Vec<_> = raw.licenses.iter().map(|l| clearance_licenses::normalize(l)).collect();
        let mut f = Finding {
            detector: Detector::Manifest,
            expression: None,
            original: Some(orig.clone()),
            score: 1.0,
            start_line: line,
            end_line: line,
            matched_text: cap(text.lines().nth(line as usize - 1).unwrap_or("").trim(), 400),
            diagnostic: None,
            notes: Vec::new(),
        };
        if parts.iter().all(|p| p.is_ok()) {
            let ok: Vec<_> = parts.into_iter().map(|p| p.expect("checked")).collect();
            let exprs: Vec<&str> = ok.iter().map(|n| n.expression.as_str()).collect();
            let expr = clearance_licenses::join_expressions(&exprs, "OR");
            f.score = ok.iter().map(|n| n.confidence).fold(1.0, f32::min);
            f.notes = ok.into_iter().flat_map(|n| n.notes).collect();
            if raw.licenses.len() > 1 {
                f.notes.push("several licenses listed; read as a choice (OR)".into());
            }
            if f.score < 1.0 {
                f.diagnostic = Some("imprecise-license-name".into());
            }
            declared = Some(expr.clone());
            f.expression = Some(expr);
        } else {
            f.score = 0.0;
            f.diagnostic = Some("unrecognised-license".into());
            for p in parts.into_iter().filter_map(Result::err) {
                f.notes.push(p.to_string());
            }
        }
        findings.push(f);
    }
    ManifestResult {
        component: Some(ComponentDecl {
            ecosystem: raw.ecosystem.to_string(),
            name: raw.name,
            version: raw.version,
            purl: Some(purl),
            declared_license: declared,
            declared_original: original,
            homepage: raw.homepage,
            supplier: None,
        }),
        findings,
    }
}

/// Package URL (purl spec): `pkg:type/namespace/name@version`, components percent-encoded.
pub fn purl(ecosystem: &str, name: &str, version: Option<&str>) -> String {
    let name_part = match ecosystem {
        "npm" => match name.strip_prefix('@').and_then(|n| n.split_once('/')) {
            Some((scope, n)) => format!("%40{}/{}", pct(scope), pct(n)),
            None => pct(name),
        },
        // Namespaced types keep their slashes: pkg:golang/github.com/x/y, pkg:composer/vendor/name
        "golang" | "composer" | "swift" => name.split('/').map(pct).collect::<Vec<_>>().join("/"),
        // Maven names are groupId:artifactId; the group is the purl namespace.
        "maven" => name.split(':').map(pct).collect::<Vec<_>>().join("/"),
        "deb" => format!("debian/{}", pct(name)),
        // PyPI names are case-insensitive and treat _ . - alike; purl uses the normalised form.
        "pypi" => pct(&name.to_ascii_lowercase().replace(['_', '.'], "-")),
        _ => pct(name),
    };
    match version {
        Some(v) if !v.is_empty() => format!("pkg:{ecosystem}/{name_part}@{}", pct(v)),
        _ => format!("pkg:{ecosystem}/{name_part}"),
    }
}

fn pct(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'+') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn str_of(v: Option<&toml::Value>) -> Option<String> {
    v.and_then(|v| v.as_str()).map(str::to_string)
}

fn cargo(text: &str) -> Result<Option<Raw>, String> {
    let doc: toml::Table =
        toml::from_str(text).map_err(|e| format!("malformed Cargo.toml: {}", first_line(&e.to_string())))?;
    let Some(pkg) = doc.get("package").and_then(|p| p.as_table()) else {
        return Ok(None); // a virtual workspace manifest declares no package
    };
    let Some(name) = str_of(pkg.get("name")) else {
        return Err("malformed Cargo.toml: [package] has no name".into());
    };
    // `version.workspace = true` inherits from the workspace; unknown here.
    let version = str_of(pkg.get("version"));
    let licenses = str_of(pkg.get("license")).into_iter().collect();
    let homepage = str_of(pkg.get("homepage")).or_else(|| str_of(pkg.get("repository")));
    Ok(Some(Raw { ecosystem: "cargo", name, version, licenses, homepage, license_key: "license" }))
}

fn npm(text: &str) -> Result<Option<Raw>, String> {
    let v: serde_json::Value = serde_json::from_str(text).map_err(|e| format!("malformed package.json: {e}"))?;
    let Some(obj) = v.as_object() else {
        return Err("malformed package.json: not an object".into());
    };
    let Some(name) = obj.get("name").and_then(|n| n.as_str()) else {
        return Ok(None); // private workspace roots often have no name
    };
    let version = obj.get("version").and_then(|v| v.as_str()).map(str::to_string);
    let mut licenses = Vec::new();
    let mut key = "\"license\"";
    match obj.get("license") {
        Some(serde_json::Value::String(s)) => licenses.push(s.clone()),
        Some(serde_json::Value::Object(o)) => {
            if let Some(t) = o.get("type").and_then(|t| t.as_str()) {
                licenses.push(t.to_string());
            }
        }
        _ => {}
    }
    if licenses.is_empty()
        && let Some(serde_json::Value::Array(items)) = obj.get("licenses")
    {
        key = "\"licenses\"";
        for item in items {
            match item {
                serde_json::Value::String(s) => licenses.push(s.clone()),
                serde_json::Value::Object(o) => {
                    if let Some(t) = o.get("type").and_then(|t| t.as_str()) {
                        licenses.push(t.to_string());
                    }
                }
                _ => {}
            }
        }
    }
    // "SEE LICENSE IN <file>" and "UNLICENSED" (proprietary) are npm conventions, not SPDX.
    licenses.retain(|l| !l.trim().is_empty());
    let homepage = obj.get("homepage").and_then(|h| h.as_str()).map(str::to_string);
    Ok(Some(Raw { ecosystem: "npm", name: name.to_string(), version, licenses, homepage, license_key: key }))
}

fn pyproject(text: &str) -> Result<Option<Raw>, String> {
    let doc: toml::Table =
        toml::from_str(text).map_err(|e| format!("malformed pyproject.toml: {}", first_line(&e.to_string())))?;
    let project = doc.get("project").and_then(|p| p.as_table());
    let poetry = doc.get("tool").and_then(|t| t.get("poetry")).and_then(|p| p.as_table());
    let Some(table) = project.or(poetry) else { return Ok(None) };
    let Some(name) = str_of(table.get("name")) else { return Ok(None) };
    let version = str_of(table.get("version"));
    let mut licenses = Vec::new();
    match table.get("license") {
        Some(toml::Value::String(s)) => licenses.push(s.clone()),
        Some(toml::Value::Table(t)) => {
            if let Some(s) = str_of(t.get("text")) {
                licenses.push(s);
            }
        }
        _ => {}
    }
    if licenses.is_empty()
        && let Some(toml::Value::Array(cs)) = table.get("classifiers")
    {
        licenses.extend(cs.iter().filter_map(|c| c.as_str()).filter_map(classifier_license));
    }
    let homepage = table
        .get("urls")
        .and_then(|u| u.as_table())
        .and_then(|u| u.get("Homepage").or_else(|| u.get("homepage")).or_else(|| u.get("Repository")))
        .and_then(|h| h.as_str())
        .map(str::to_string)
        .or_else(|| str_of(table.get("homepage")));
    Ok(Some(Raw { ecosystem: "pypi", name, version, licenses, homepage, license_key: "license" }))
}

/// "License :: OSI Approved :: MIT License" → "MIT License"
fn classifier_license(c: &str) -> Option<String> {
    let rest = c.strip_prefix("License ::")?;
    let last = rest.rsplit("::").next()?.trim();
    if last == "OSI Approved" || last.is_empty() { None } else { Some(last.to_string()) }
}

/// PKG-INFO and METADATA: email-style headers up to the first blank line.
fn python_metadata(text: &str) -> Option<Raw> {
    let mut name = None;
    let mut version = None;
    let mut license = None;
    let mut expression = None;
    let mut classifiers = Vec::new();
    let mut homepage = None;
    for line in text.lines() {
        if line.trim().is_empty() {
            break;
        }
        let Some((k, v)) = line.split_once(':') else { continue };
        let v = v.trim().to_string();
        match k {
            "Name" => name = Some(v),
            "Version" => version = Some(v),
            "License" if !v.is_empty() && v != "UNKNOWN" => license = Some(v),
            "License-Expression" => expression = Some(v),
            "Classifier" => classifiers.extend(classifier_license(&v)),
            "Home-page" => homepage = Some(v),
            "Project-URL" if homepage.is_none() => homepage = v.split_once(',').map(|(_, u)| u.trim().to_string()),
            _ => {}
        }
    }
    let (licenses, key) = if let Some(e) = expression {
        (vec![e], "license-expression")
    } else if let Some(l) = license.filter(|l| l.len() < 200 && !l.contains('\n')) {
        (vec![l], "license")
    } else {
        (classifiers, "classifier: license")
    };
    Some(Raw { ecosystem: "pypi", name: name?, version, licenses, homepage, license_key: key })
}

/// go.mod names the module; Go declares no license in it (the LICENSE file does).
fn go_mod(text: &str) -> Option<Raw> {
    let module =
        text.lines().find_map(|l| l.trim().strip_prefix("module ")).map(|m| m.trim().trim_matches('"').to_string())?;
    if module.is_empty() {
        return None;
    }
    Some(Raw {
        ecosystem: "golang",
        name: module,
        version: None,
        licenses: Vec::new(),
        homepage: None,
        license_key: "module",
    })
}

/// composer.json: `license` is a string or a list (a choice).
fn composer(text: &str) -> Result<Option<Raw>, String> {
    let v: serde_json::Value = serde_json::from_str(text).map_err(|e| format!("malformed composer.json: {e}"))?;
    let Some(name) = v.get("name").and_then(|n| n.as_str()) else { return Ok(None) };
    let licenses = match v.get("license") {
        Some(serde_json::Value::String(s)) => vec![s.clone()],
        Some(serde_json::Value::Array(a)) => a.iter().filter_map(|x| x.as_str().map(str::to_string)).collect(),
        _ => Vec::new(),
    };
    Ok(Some(Raw {
        ecosystem: "composer",
        name: name.to_string(),
        version: v.get("version").and_then(|x| x.as_str()).map(str::to_string),
        licenses,
        homepage: v.get("homepage").and_then(|x| x.as_str()).map(str::to_string),
        license_key: "\"license\"",
    }))
}

/// vcpkg.json (C/C++): `license` is an SPDX expression.
fn vcpkg(text: &str) -> Result<Option<Raw>, String> {
    let v: serde_json::Value = serde_json::from_str(text).map_err(|e| format!("malformed vcpkg.json: {e}"))?;
    let Some(name) = v.get("name").and_then(|n| n.as_str()) else { return Ok(None) };
    let version = ["version", "version-string", "version-semver", "version-date"]
        .iter()
        .find_map(|k| v.get(*k).and_then(|x| x.as_str()))
        .map(str::to_string);
    Ok(Some(Raw {
        ecosystem: "generic",
        name: name.to_string(),
        version,
        licenses: v.get("license").and_then(|x| x.as_str()).map(str::to_string).into_iter().collect(),
        homepage: v.get("homepage").and_then(|x| x.as_str()).map(str::to_string),
        license_key: "\"license\"",
    }))
}

fn first_line(s: &str) -> String {
    s.lines().next().unwrap_or(s).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn comp(path: &str, text: &str) -> ComponentDecl {
        parse_manifest(path, text).unwrap().component.unwrap()
    }

    #[test]
    fn a_manifest_s_author_is_its_supplier_without_an_email() {
        let sup = |path: &str, text: &str| comp(path, text).supplier;
        assert_eq!(
            sup(
                "Cargo.toml",
                "[package]\nname = \"a\"\nversion = \"1\"\nauthors = [\"Jane Doe <jane@example.org>\"]\n"
            )
            .as_deref(),
            Some("Jane Doe")
        );
        assert_eq!(sup("Cargo.toml", "[package]\nname = \"a\"\nversion = \"1\"\n"), None);
        assert_eq!(
            sup(
                "package.json",
                r#"{"name": "a", "version": "1.0.0", "author": "Acme Corp <ops@acme.example> (https://acme.example)"}"#
            )
            .as_deref(),
            Some("Acme Corp")
        );
        assert_eq!(
            sup(
                "package.json",
                r#"{"name": "a", "version": "1.0.0", "maintainers": [{"name": "Ann", "email": "a@x"}]}"#
            )
            .as_deref(),
            Some("Ann")
        );
        assert_eq!(
            sup("composer.json", r#"{"name": "v/p", "authors": [{"name": "Fabien"}]}"#).as_deref(),
            Some("Fabien")
        );
        assert_eq!(
            sup("pyproject.toml", "[project]\nname = \"a\"\nauthors = [{name = \"PyPA\", email = \"p@x\"}]\n")
                .as_deref(),
            Some("PyPA")
        );
        assert_eq!(
            sup("pkg/PKG-INFO", "Metadata-Version: 2.1\nName: a\nVersion: 1\nAuthor-email: Ben Bo <ben@x.org>\n\nbody")
                .as_deref(),
            Some("Ben Bo")
        );
        assert_eq!(sup("pkg/PKG-INFO", "Name: a\nVersion: 1\nAuthor: UNKNOWN\n"), None);
        assert_eq!(
            sup("x.nuspec", "<package><metadata><id>X</id><version>1.0</version><authors>Microsoft, Contoso</authors></metadata></package>").as_deref(),
            Some("Microsoft")
        );
    }

    #[test]
    fn cargo_manifest() {
        let c = comp("Cargo.toml", "[package]\nname = \"foo\"\nversion = \"1.2.3\"\nlicense = \"MIT/Apache-2.0\"\n");
        assert_eq!(c.purl.as_deref(), Some("pkg:cargo/foo@1.2.3"));
        assert_eq!(c.declared_license.as_deref(), Some("MIT OR Apache-2.0"));
        assert_eq!(c.declared_original.as_deref(), Some("MIT/Apache-2.0"));
        let r =
            parse_manifest("Cargo.toml", "[package]\nname = \"foo\"\nversion = \"1\"\nlicense = \"MIT\"\n").unwrap();
        assert_eq!(r.findings[0].start_line, 4);
        assert!(parse_manifest("Cargo.toml", "[workspace]\nmembers=[]\n").unwrap().component.is_none());
        assert!(parse_manifest("Cargo.toml", "[package\nname=").unwrap_err().contains("malformed Cargo.toml"));
    }

    #[test]
    fn npm_manifests_old_and_new() {
        let c = comp("package.json", r#"{"name":"@scope/pkg","version":"2.0.0","license":"ISC"}"#);
        assert_eq!(c.purl.as_deref(), Some("pkg:npm/%40scope/pkg@2.0.0"));
        assert_eq!(c.declared_license.as_deref(), Some("ISC"));
        let c = comp(
            "package.json",
            r#"{"name":"old","version":"0.1.0","licenses":[{"type":"MIT"},{"type":"Apache-2.0"}]}"#,
        );
        assert_eq!(c.declared_license.as_deref(), Some("MIT OR Apache-2.0"));
        let c = comp("package.json", r#"{"name":"obj","license":{"type":"BSD-3-Clause","url":"x"}}"#);
        assert_eq!(c.declared_license.as_deref(), Some("BSD-3-Clause"));
        let r = parse_manifest("package.json", r#"{"name":"p","license":"SEE LICENSE IN LICENSE.txt"}"#).unwrap();
        assert_eq!(r.component.unwrap().declared_license, None);
        assert_eq!(r.findings[0].diagnostic.as_deref(), Some("unrecognised-license"));
        assert!(parse_manifest("package.json", "{\"name\": ").is_err());
        assert!(parse_manifest("package.json", "[1,2]").is_err());
    }

    #[test]
    fn go_composer_and_vcpkg_manifests() {
        let c = comp("go.mod", "module github.com/acme/widget\n\ngo 1.22\n\nrequire golang.org/x/text v0.14.0\n");
        assert_eq!(c.purl.as_deref(), Some("pkg:golang/github.com/acme/widget"));
        assert_eq!(c.declared_license, None, "go.mod declares no license");
        let c =
            comp("composer.json", r#"{"name":"acme/widget","version":"2.1.0","license":["MIT","GPL-2.0-or-later"]}"#);
        assert_eq!(c.purl.as_deref(), Some("pkg:composer/acme/widget@2.1.0"));
        assert_eq!(c.declared_license.as_deref(), Some("MIT OR GPL-2.0-or-later"));
        let c = comp("vcpkg.json", r#"{"name":"zlib-ng","version":"2.2.1","license":"Zlib"}"#);
        assert_eq!(c.purl.as_deref(), Some("pkg:generic/zlib-ng@2.2.1"));
        assert_eq!(c.declared_license.as_deref(), Some("Zlib"));
        assert!(parse_manifest("composer.json", "{").unwrap_err().contains("malformed composer.json"));
        assert!(parse_manifest("go.mod", "go 1.22\n").unwrap().component.is_none());
    }

    #[test]
    fn python_manifests() {
        let c = comp(
            "pyproject.toml",
            "[project]\nname = \"Foo_Bar\"\nversion = \"0.3\"\nlicense = {text = \"BSD-3-Clause\"}\n",
        );
        assert_eq!(c.purl.as_deref(), Some("pkg:pypi/foo-bar@0.3"));
        assert_eq!(c.declared_license.as_deref(), Some("BSD-3-Clause"));
        let c = comp(
            "pyproject.toml",
            "[project]\nname = \"x\"\nversion = \"1\"\nclassifiers = [\"License :: OSI Approved :: MIT License\"]\n",
        );
        assert_eq!(c.declared_license.as_deref(), Some("MIT"));
        let meta = "Metadata-Version: 2.4\nName: requests\nVersion: 2.32.0\nLicense-Expression: Apache-2.0\n\nLicense: this body line is ignored\n";
        let c = comp("requests-2.32.0.dist-info/METADATA", meta);
        assert_eq!((c.name.as_str(), c.version.as_deref()), ("requests", Some("2.32.0")));
        assert_eq!(c.declared_license.as_deref(), Some("Apache-2.0"));
        let c = comp("PKG-INFO", "Name: six\nVersion: 1.16.0\nLicense: MIT\n");
        assert_eq!(c.declared_license.as_deref(), Some("MIT"));
    }
}
