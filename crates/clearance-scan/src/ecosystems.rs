//! Manifests of more ecosystems: Maven `pom.xml` (also `META-INF/maven/**/pom.xml` of unpacked
//! jars), NuGet `.nuspec`, RubyGems `.gemspec`, setuptools `setup.cfg`, and Debian's
//! machine-readable `debian/copyright` (DEP-5). Each yields the package and its declared license
//! as written; `manifest.rs` normalises it.

use std::collections::HashMap;

use quick_xml::events::Event;

use crate::manifest::Raw;

/// Texts of the elements at the given slash paths (local names, namespaces dropped), in order.
fn xml_texts(text: &str, wanted: &[&str]) -> Result<HashMap<String, Vec<String>>, String> {
    let mut reader = quick_xml::Reader::from_str(text);
    let mut path: Vec<String> = Vec::new();
    let mut buf = String::new();
    let mut out: HashMap<String, Vec<String>> = HashMap::new();
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => {
                if path.len() > 64 {
                    return Err("nested too deeply".into());
                }
                path.push(e.local_name().as_ref().to_string());
                buf.clear();
            }
            Ok(Event::End(_)) => {
                let here = path.join("/");
                if wanted.contains(&here.as_str()) {
                    out.entry(here).or_default().push(buf.trim().to_string());
                }
                buf.clear();
                path.pop();
            }
            Ok(Event::Text(t)) => buf.push_str(&t.xml10_content()),
            Ok(Event::CData(t)) => buf.push_str(&t.xml10_content()),
            Ok(Event::GeneralRef(r)) => {
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(c),
                    _ => match r.as_ref() {
                        "amp" => Some('&'),
                        "lt" => Some('<'),
                        "gt" => Some('>'),
                        "quot" => Some('"'),
                        "apos" => Some('\''),
                        _ => None,
                    },
                };
                buf.extend(resolved);
            }
            Ok(Event::Eof) => break,
            Ok(_) => {}
            Err(e) => return Err(e.to_string()),
        }
    }
    Ok(out)
}

fn first(m: &HashMap<String, Vec<String>>, key: &str) -> Option<String> {
    m.get(key).and_then(|v| v.first()).filter(|s| !s.is_empty() && !s.contains("${")).cloned()
}

/// Maven: groupId (or the parent's), artifactId, version (or the parent's), `<licenses>`.
pub(crate) fn pom(text: &str) -> Result<Option<Raw>, String> {
    let m = xml_texts(
        text,
        &[
            "project/groupId",
            "project/artifactId",
            "project/version",
            "project/parent/groupId",
            "project/parent/version",
            "project/url",
            "project/licenses/license/name",
        ],
    )
    .map_err(|e| format!("malformed pom.xml: {e}"))?;
    let Some(artifact) = first(&m, "project/artifactId") else { return Ok(None) };
    let group = first(&m, "project/groupId").or_else(|| first(&m, "project/parent/groupId"));
    let version = first(&m, "project/version").or_else(|| first(&m, "project/parent/version"));
    let name = match group {
        Some(g) => format!("{g}:{artifact}"),
        None => artifact,
    };
    let licenses = m.get("project/licenses/license/name").cloned().unwrap_or_default();
    Ok(Some(Raw {
        ecosystem: "maven",
        name,
        version,
        licenses: licenses.into_iter().filter(|l| !l.is_empty()).collect(),
        homepage: first(&m, "project/url"),
        license_key: "<name>",
    }))
}

/// NuGet: id, version, `<license type="expression">` (or the deprecated licenseUrl, noted).
pub(crate) fn nuspec(text: &str) -> Result<Option<Raw>, String> {
    let m = xml_texts(
        text,
        &[
            "package/metadata/id",
            "package/metadata/version",
            "package/metadata/license",
            "package/metadata/licenseUrl",
            "package/metadata/projectUrl",
        ],
    )
    .map_err(|e| format!("malformed .nuspec: {e}"))?;
    let Some(id) = first(&m, "package/metadata/id") else { return Ok(None) };
    // A `<license type="file">` names a file in the package, not a license: it is not taken.
    let names_a_file = text.contains("type=\"file\"") || text.contains("type='file'");
    let license = first(&m, "package/metadata/license").filter(|_| !names_a_file);
    Ok(Some(Raw {
        ecosystem: "nuget",
        name: id,
        version: first(&m, "package/metadata/version"),
        licenses: license.into_iter().collect(),
        homepage: first(&m, "package/metadata/projectUrl"),
        license_key: "<license",
    }))
}

/// RubyGems: the literal strings of `spec.name`, `spec.version`, `spec.license(s)`,
/// `spec.homepage`. Computed values (`Foo::VERSION`) are left unknown, not guessed.
pub(crate) fn gemspec(text: &str) -> Option<Raw> {
    let assigned = |attr: &str| -> Option<String> {
        text.lines().find_map(|l| {
            let l = l.trim();
            let (lhs, rhs) = l.split_once('=')?;
            let lhs = lhs.trim();
            if !lhs.ends_with(&format!(".{attr}")) {
                return None;
            }
            quoted(rhs.trim()).into_iter().next()
        })
    };
    let name = assigned("name")?;
    let licenses: Vec<String> = text
        .lines()
        .filter_map(|l| {
            let (lhs, rhs) = l.trim().split_once('=')?;
            let lhs = lhs.trim();
            (lhs.ends_with(".license") || lhs.ends_with(".licenses")).then(|| quoted(rhs.trim()))
        })
        .flatten()
        .collect();
    Some(Raw {
        ecosystem: "gem",
        name,
        version: assigned("version"),
        licenses,
        homepage: assigned("homepage"),
        license_key: "spec.license",
    })
}

/// The quoted strings of a Ruby expression: `"MIT"`, `['MIT', "Apache-2.0"]`, `%w[MIT BSD]`.
fn quoted(expr: &str) -> Vec<String> {
    if let Some(words) = expr.strip_prefix("%w[").or_else(|| expr.strip_prefix("%w(")) {
        return words.trim_end_matches([']', ')']).split_whitespace().map(str::to_string).collect();
    }
    let mut out = Vec::new();
    let mut chars = expr.char_indices();
    while let Some((i, c)) = chars.next() {
        if c == '"' || c == '\'' {
            let rest = &expr[i + 1..];
            if let Some(end) = rest.find(c) {
                out.push(rest[..end].to_string());
                for _ in 0..end + 1 {
                    chars.next();
                }
            }
        }
    }
    out
}

/// setuptools' declarative `setup.cfg`: `[metadata]` name, version, license, url.
pub(crate) fn setup_cfg(text: &str) -> Option<Raw> {
    let mut in_metadata = false;
    let mut fields: HashMap<String, String> = HashMap::new();
    for line in text.lines() {
        let t = line.trim();
        if t.starts_with('[') {
            in_metadata = t == "[metadata]";
            continue;
        }
        if !in_metadata || t.starts_with('#') || t.starts_with(';') {
            continue;
        }
        if let Some((k, v)) = t.split_once('=') {
            fields.insert(k.trim().replace('-', "_"), v.trim().to_string());
        }
    }
    let name = fields.get("name").filter(|n| !n.is_empty())?.clone();
    let version = fields.get("version").filter(|v| !v.is_empty() && !v.starts_with("attr:") && !v.starts_with("file:"));
    Some(Raw {
        ecosystem: "pypi",
        name,
        version: version.cloned(),
        licenses: fields.get("license").filter(|l| !l.is_empty()).cloned().into_iter().collect(),
        homepage: fields.get("url").cloned(),
        license_key: "license",
    })
}

static SETUP_ARG: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r#"\b(name|version|license|url)\s*=\s*(?:"([^"\n]*)"|'([^'\n]*)')\s*(?:[,)#\n]|$)"#)
        .expect("regex")
});

/// A setuptools `setup.py`, read without running it: the keyword arguments of `setup(…)` that
/// are plain string literals (`name='frob', license='MIT'`). A name computed by code is not
/// guessed: no component then.
pub(crate) fn setup_py(text: &str) -> Option<Raw> {
    let call = text.find("setup(")?;
    let mut fields: HashMap<&str, String> = HashMap::new();
    let args = &text[call..];
    for c in SETUP_ARG.captures_iter(args) {
        let Some(key) = c.get(1) else { continue };
        // A keyword argument follows `(`, `,` or a line break; `foo.name = '…'` is not one.
        let before = args[..key.start()].trim_end_matches([' ', '\t']);
        if !(before.ends_with(['(', ',', '\n']) || before.is_empty()) {
            continue;
        }
        let key = key.as_str();
        let value = c.get(2).or(c.get(3)).map_or("", |m| m.as_str()).trim().to_string();
        fields.entry(key).or_insert(value);
    }
    let name = fields.get("name").filter(|n| !n.is_empty())?.clone();
    Some(Raw {
        ecosystem: "pypi",
        name,
        version: fields.get("version").filter(|v| !v.is_empty()).cloned(),
        licenses: fields.get("license").filter(|l| !l.is_empty()).cloned().into_iter().collect(),
        homepage: fields.get("url").cloned(),
        license_key: "license",
    })
}

/// One `Files:` paragraph of a DEP-5 file.
#[derive(Debug, Clone, PartialEq)]
pub struct Dep5Files {
    pub patterns: Vec<String>,
    pub license: String,
    pub copyright: Vec<String>,
    pub start_line: u32,
    pub end_line: u32,
}

/// A machine-readable `debian/copyright`: the upstream name and each `Files:` paragraph. `None`
/// when the file is not in the DEP-5 format (a free-form copyright file).
pub fn dep5(text: &str) -> Option<(Option<String>, Vec<Dep5Files>)> {
    let first = text.lines().find(|l| !l.trim().is_empty())?;
    if !first.starts_with("Format:") || !first.contains("copyright-format") {
        return None;
    }
    let mut upstream = None;
    let mut out = Vec::new();
    // Paragraphs are separated by blank lines; a field continues on lines that start with space.
    let mut fields: Vec<(String, String)> = Vec::new();
    let mut start = 1u32;
    let mut flush = |fields: &mut Vec<(String, String)>, start: u32, end: u32| {
        let get = |k: &str| fields.iter().find(|(f, _)| f.eq_ignore_ascii_case(k)).map(|(_, v)| v.clone());
        if let Some(u) = get("Upstream-Name") {
            upstream = Some(u.trim().to_string());
        }
        if let (Some(files), Some(license)) = (get("Files"), get("License")) {
            out.push(Dep5Files {
                patterns: files.split_whitespace().map(str::to_string).collect(),
                // The first line of License: is the short name; further lines are its text.
                license: license.lines().next().unwrap_or("").trim().to_string(),
                copyright: get("Copyright")
                    .map(|c| c.lines().map(|l| l.trim().to_string()).filter(|l| !l.is_empty() && l != ".").collect())
                    .unwrap_or_default(),
                start_line: start,
                end_line: end,
            });
        }
        fields.clear();
    };
    let mut last = 0u32;
    for (i, line) in text.lines().enumerate() {
        let n = i as u32 + 1;
        if line.trim().is_empty() {
            if !fields.is_empty() {
                flush(&mut fields, start, last);
            }
            start = n + 1;
            continue;
        }
        last = n;
        if line.starts_with(' ') || line.starts_with('\t') {
            if let Some((_, v)) = fields.last_mut() {
                v.push('\n');
                v.push_str(line.trim());
            }
        } else if let Some((k, v)) = line.split_once(':') {
            fields.push((k.trim().to_string(), v.trim().to_string()));
        }
    }
    if !fields.is_empty() {
        flush(&mut fields, start, last);
    }
    Some((upstream, out))
}

/// The package a DEP-5 file describes: its upstream name and the license of `Files: *`.
pub(crate) fn debian_copyright(text: &str) -> Option<Raw> {
    let (upstream, files) = dep5(text)?;
    let all = files.iter().find(|f| f.patterns.iter().any(|p| p == "*"));
    Some(Raw {
        ecosystem: "deb",
        name: upstream?,
        version: None,
        licenses: all.map(|f| f.license.clone()).into_iter().collect(),
        homepage: None,
        license_key: "license",
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maven_pom_with_parent_and_licenses() {
        let pom = r#"<?xml version="1.0"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <parent><groupId>org.acme</groupId><artifactId>parent</artifactId><version>2.1.0</version></parent>
  <artifactId>acme-core</artifactId>
  <url>https://acme.example/core</url>
  <!-- <licenses><license><name>GPL</name></license></licenses> -->
  <licenses>
    <license><name>Apache License, Version 2.0</name><url>https://www.apache.org/licenses/LICENSE-2.0.txt</url></license>
  </licenses>
  <dependencies><dependency><groupId>x</groupId><artifactId>y</artifactId><version>1</version></dependency></dependencies>
</project>"#;
        let r = pom_raw(pom);
        assert_eq!(pom_raw("<project><artifactId>a&amp;b</artifactId></project>").name, "a&b");
        assert_eq!(r.name, "org.acme:acme-core");
        assert_eq!(r.version.as_deref(), Some("2.1.0"));
        assert_eq!(r.licenses, ["Apache License, Version 2.0"]);
        assert_eq!(r.homepage.as_deref(), Some("https://acme.example/core"));
        // Property references are not versions.
        let r =
            pom_raw("<project><groupId>g</groupId><artifactId>a</artifactId><version>${revision}</version></project>");
        assert_eq!(r.version, None);
        assert!(super::pom("<project><a></b></project>").is_err());
    }

    fn pom_raw(text: &str) -> Raw {
        super::pom(text).unwrap().unwrap()
    }

    #[test]
    fn nuspec_expression_and_file_licenses() {
        let n = r#"<?xml version="1.0"?><package xmlns="http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd"><metadata>
            <id>Newtonsoft.Json</id><version>13.0.3</version><license type="expression">MIT</license>
            <projectUrl>https://www.newtonsoft.com/json</projectUrl></metadata></package>"#;
        let r = nuspec(n).unwrap().unwrap();
        assert_eq!((r.name.as_str(), r.version.as_deref()), ("Newtonsoft.Json", Some("13.0.3")));
        assert_eq!(r.licenses, ["MIT"]);
        let f =
            n.replace(r#"<license type="expression">MIT</license>"#, r#"<license type="file">LICENSE.txt</license>"#);
        assert!(nuspec(&f).unwrap().unwrap().licenses.is_empty());
        let both = n.replace(">MIT<", ">MIT OR Apache-2.0<");
        assert_eq!(nuspec(&both).unwrap().unwrap().licenses, ["MIT OR Apache-2.0"]);
    }

    #[test]
    fn gemspec_literals_only() {
        let g = r#"Gem::Specification.new do |spec|
  spec.name          = "rack"
  spec.version       = Rack::RELEASE
  spec.licenses      = ["MIT", 'Ruby']
  spec.homepage      = "https://github.com/rack/rack"
end"#;
        let r = gemspec(g).unwrap();
        assert_eq!(r.name, "rack");
        assert_eq!(r.version, None);
        assert_eq!(r.licenses, ["MIT", "Ruby"]);
        assert_eq!(r.homepage.as_deref(), Some("https://github.com/rack/rack"));
        let g2 = "Gem::Specification.new do |s|\n  s.name = 'tiny'\n  s.version = '1.0.0'\n  s.license = %w[BSD-2-Clause]\nend\n";
        let r = gemspec(g2).unwrap();
        assert_eq!((r.version.as_deref(), r.licenses.as_slice()), (Some("1.0.0"), &["BSD-2-Clause".to_string()][..]));
    }

    #[test]
    fn setup_cfg_metadata() {
        let c = "[metadata]\nname = tomli-w\nversion = attr: tomli_w.__version__\nlicense = MIT\nurl = https://x.example\n\n[options]\nname = nope\n";
        let r = setup_cfg(c).unwrap();
        assert_eq!((r.name.as_str(), r.version.as_deref()), ("tomli-w", None));
        assert_eq!(r.licenses, ["MIT"]);
        assert!(setup_cfg("[options]\nname = x\n").is_none());
    }

    #[test]
    fn setup_py_literals() {
        let t = "from setuptools import setup\n\nsetup(\n    name='termbox',\n    version = \"1.1.2\",\n    license = 'MIT',  # see COPYING\n    url='https://example.org/termbox',\n    packages=['termbox'],\n)\n";
        let r = setup_py(t).unwrap();
        assert_eq!((r.name.as_str(), r.version.as_deref()), ("termbox", Some("1.1.2")));
        assert_eq!(r.licenses, ["MIT"]);
        // A name computed by code is not a name.
        assert!(setup_py("setup(\n    name=NAME,\n    license='MIT',\n)\n").is_none());
        assert!(setup_py("print('no call here')\n").is_none());
        // Arguments on the call's line, two on one line, trailing spaces.
        let t = "setup(name = \"helpman\", \nversion = \"2.4\", license='GPLv3', \nscripts=['helpman'])\n";
        let r = setup_py(t).unwrap();
        assert_eq!((r.name.as_str(), r.version.as_deref()), ("helpman", Some("2.4")));
        assert_eq!(r.licenses, ["GPLv3"]);
        assert!(setup_py("setup(\n    cfg.name = 'x',\n)\n").is_none());
    }

    #[test]
    fn dep5_paragraphs() {
        let t = "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\nUpstream-Name: zlib\nSource: https://zlib.net\n\nFiles: *\nCopyright: 1995-2023 Jean-loup Gailly and Mark Adler\nLicense: Zlib\n\nFiles: contrib/minizip/*\n  contrib/iostream/*\nCopyright: 1998-2010 Gilles Vollant\n .\n 2009 Mathias Svensson\nLicense: Zlib\n\nFiles: debian/*\nCopyright: 2000 Someone\nLicense: GPL-2+\n This program is free software; you can redistribute it\n .\n On Debian systems, see /usr/share/common-licenses/GPL-2.\n";
        let (name, files) = dep5(t).unwrap();
        assert_eq!(name.as_deref(), Some("zlib"));
        assert_eq!(files.len(), 3);
        assert_eq!(files[1].patterns, ["contrib/minizip/*", "contrib/iostream/*"]);
        assert_eq!(files[1].copyright, ["1998-2010 Gilles Vollant", "2009 Mathias Svensson"]);
        assert_eq!(files[2].license, "GPL-2+");
        assert_eq!((files[2].start_line, files[2].end_line), (16, 21));
        assert!(dep5("This is the Debian prepackaged version of zlib.\nCopyright: whatever\n").is_none());
        let r = debian_copyright(t).unwrap();
        assert_eq!((r.name.as_str(), r.licenses.as_slice()), ("zlib", &["Zlib".to_string()][..]));
    }
}
