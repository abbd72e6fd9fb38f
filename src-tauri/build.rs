fn main() {
    // tauri.conf.json lives at the repository root beside the package's Cargo.toml.
    // Every app command must be listed here: the UI may call only what a capability allows.
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .capabilities_path_pattern("./src-tauri/capabilities/**/*")
            .app_manifest(tauri_build::AppManifest::new().commands(&["app_info", "scan_sample"])),
    )
    .expect("tauri build script");
}
