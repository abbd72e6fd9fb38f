fn main() {
    // tauri.conf.json lives at the repository root beside the package's Cargo.toml.
    // Every app command must be listed here: the UI may call only what a capability allows.
    tauri_build::try_build(
        tauri_build::Attributes::new().capabilities_path_pattern("./src-tauri/capabilities/**/*").app_manifest(
            tauri_build::AppManifest::new().commands(&[
                "app_info",
                "recent_reviews",
                "open_recent",
                "open_review_dialog",
                "pick_folders",
                "chosen_folders",
                "forget_folder",
                "scan_folders",
                "scan_sample",
                "rescan",
                "cancel_scan",
                "overview",
                "component_page",
                "component_facets",
                "component_detail",
                "component_files",
                "file_content",
                "reference_diff",
                "complete_license",
                "check_expression",
                "obligations",
                "audit_log",
                "who_am_i",
                "set_reviewer",
                "conclude",
                "comment",
                "false_positive",
                "exclude",
                "sign_off",
                "bulk",
                "set_distribution",
                "set_product",
                "approve",
                "reopen",
                "pick_export_folder",
                "export_formats",
                "export",
            ]),
        ),
    )
    .expect("tauri build script");
}
