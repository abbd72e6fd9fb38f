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

/// `"name"` strings that follow `invoke(` / `invoke<…>(` / `call(` in the UI's TypeScript.
fn invoked_by_ui() -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for (_, src) in ui_sources() {
        {
            // `call(` only when a name follows at once (`.call(this, …)` is not a command).
            let calls = src.split("call(").skip(1).filter(|p| p.starts_with('"'));
            for part in src.split("invoke").skip(1).chain(calls) {
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
    // The one command list (src-tauri/src/command_list.rs) is what the UI invokes, no more, no less.
    let listed: BTreeSet<String> = clearance_desktop::COMMANDS.iter().map(|c| c.to_string()).collect();
    let ui = invoked_by_ui();
    assert!(ui.contains("scan_sample"), "{ui:?}");
    assert_eq!(ui, listed, "the UI invokes exactly the listed commands (an unused command is surface for nothing)");
    // The capability grants the generated set of those commands, and event listening.
    let cap: serde_json::Value = serde_json::from_str(&read("src-tauri/capabilities/main.json")).unwrap();
    let granted: BTreeSet<String> = cap["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().expect("plain permission ids only").to_string())
        .collect();
    // The home view listens for folders dropped on the window (an event the Rust side emits).
    let listens = ui_sources().iter().any(|(_, src)| src.contains("listen<"));
    assert!(listens);
    let expected: BTreeSet<String> =
        ["core:event:allow-listen", "core:event:allow-unlisten", "ui-commands"].map(String::from).into();
    assert_eq!(granted, expected, "capabilities grant the UI's commands and event listening only");
    for p in &granted {
        for plugin in ["shell:", "fs:", "http:", "process:", "core:default", "opener:"] {
            assert!(!p.starts_with(plugin), "{p} must not be granted to the webview");
        }
    }
    // The set build.rs generated holds exactly the listed commands' permissions.
    let set: toml::Table = read("permissions/ui-commands.toml").parse().unwrap();
    let sets = set["set"].as_array().unwrap();
    assert_eq!(sets.len(), 1);
    assert_eq!(sets[0]["identifier"].as_str(), Some("ui-commands"));
    let in_set: BTreeSet<String> =
        sets[0]["permissions"].as_array().unwrap().iter().map(|p| p.as_str().unwrap().to_string()).collect();
    let allowed: BTreeSet<String> = listed.iter().map(|c| format!("allow-{}", c.replace('_', "-"))).collect();
    assert_eq!(in_set, allowed);
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
