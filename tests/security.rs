//! The desktop shell's attack surface, checked from its configuration and sources: the webview
//! may call exactly the commands the UI uses, no shell/fs/http plugin is granted, and the CSP
//! forbids inline script and remote content.

use std::collections::BTreeSet;
use std::path::Path;

fn read(rel: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)).unwrap()
}

/// The UI's TypeScript sources (tests excluded), recursively.
fn ui_sources() -> Vec<(std::path::PathBuf, String)> {
    let mut out = Vec::new();
    let mut dirs = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("ui/src")];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "ts") && !path.to_string_lossy().contains(".test.") {
                let src = std::fs::read_to_string(&path).unwrap();
                out.push((path, src));
            }
        }
    }
    assert!(out.len() > 5, "the UI sources were found");
    out
}

/// `"name"` strings that follow `invoke` / `invoke<…>(` in the UI's TypeScript.
fn invoked_by_ui() -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for (_, src) in ui_sources() {
        {
            for part in src.split("invoke").skip(1) {
                let rest = part.trim_start_matches(|c: char| c != '(' && c != '"').trim_start_matches('(');
                if let Some(name) = rest.strip_prefix('"').and_then(|r| r.split('"').next())
                    && !name.is_empty()
                    && name.chars().all(|c| c.is_ascii_lowercase() || c == '_')
                {
                    out.insert(name.to_string());
                }
            }
        }
    }
    out
}

#[test]
fn the_webview_may_call_exactly_what_the_ui_uses() {
    let ui = invoked_by_ui();
    assert!(ui.contains("scan_sample"), "{ui:?}");
    let cap: serde_json::Value = serde_json::from_str(&read("src-tauri/capabilities/main.json")).unwrap();
    let granted: BTreeSet<String> = cap["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().expect("plain permission ids only").to_string())
        .collect();
    let mut expected: BTreeSet<String> = ui.iter().map(|c| format!("allow-{}", c.replace('_', "-"))).collect();
    // The home view listens for folders dropped on the window (an event the Rust side emits).
    let listens = ui_sources().iter().any(|(_, src)| src.contains("listen<"));
    assert!(listens);
    expected.extend(["core:event:allow-listen".to_string(), "core:event:allow-unlisten".to_string()]);
    assert_eq!(granted, expected, "capabilities must grant exactly the commands the UI invokes");
    for p in &granted {
        for plugin in ["shell:", "fs:", "http:", "process:", "core:default", "opener:"] {
            assert!(!p.starts_with(plugin), "{p} must not be granted to the webview");
        }
    }
    // The commands listed in build.rs (which generates the permissions) are the registered ones.
    let build = read("src-tauri/build.rs");
    for c in &ui {
        assert!(build.contains(&format!("\"{c}\"")), "{c} is in build.rs's app manifest");
    }
}

#[test]
fn the_csp_forbids_inline_script_and_remote_content() {
    let conf: serde_json::Value = serde_json::from_str(&read("tauri.conf.json")).unwrap();
    let csp = conf["app"]["security"]["csp"].as_str().expect("a CSP is set");
    let directive = |name: &str| csp.split(';').map(str::trim).find(|d| d.starts_with(name)).unwrap_or("").to_string();
    assert_eq!(directive("default-src"), "default-src 'self'");
    assert_eq!(directive("script-src"), "script-src 'self'");
    assert_eq!(directive("object-src"), "object-src 'none'");
    assert!(!csp.contains("unsafe-inline") && !csp.contains("unsafe-eval"), "{csp}");
    assert!(!csp.contains("https:") && !csp.contains("http://*") && !csp.contains(" *"), "no remote sources: {csp}");
    // And the UI never turns text into markup.
    for (path, src) in ui_sources() {
        for sink in ["innerHTML", "outerHTML", "insertAdjacentHTML", "document.write"] {
            assert!(!src.contains(sink), "the UI must not use {sink} ({})", path.display());
        }
    }
}
