// The one list of what the UI may call: each line is a command as the UI sees it — its name, the
// arguments the UI sends (the shell's own state and window handle are not listed) and what it
// answers when it succeeds (a failure is always an `IpcError`).
//
// Everything else follows from this list, so a command is added here and nowhere else:
// - `lib.rs` registers the handler of each (`commands::<name>`; a missing function fails to compile);
// - `build.rs` generates each one's `allow-…` permission and the `ui-commands` set that the
//   capability grants (`permissions/ui-commands.toml`);
// - `bindings.rs` writes the `Commands` type in `ui/src/bindings.ts`: `ui/src/ipc.ts` calls
//   commands through it and the browser tests' mock IPC is typed by it, so a renamed argument or
//   a changed answer fails `tsc`.
//
// A line marked `#[read]` or `#[decide]` names its use case (`= path`), and its Tauri command is
// generated (`commands.rs`, `generated_commands!`): it takes the open review (and, to decide,
// the reviewer), and calls the use case off the UI thread with a reference to each argument —
// `fn(db: &Path, [who: &Reviewer,] &Arg…) -> clearance_app::Result<Answer>`. Other lines
// have a hand-written command in `commands.rs` (dialogs, scans, the shell's own state).
//
// `build.rs` includes this file too; it reads names only. Argument names are Rust's; the UI
// sends them in camelCase (Tauri's default).

macro_rules! with_command_list {
    ($then:ident) => {
        $then! {
            // home
            app_info() -> AppInfo;
            recent_reviews() -> Vec<RecentReview>;
            open_recent(path: String) -> ReviewOpened;
            open_review_dialog() -> Option<ReviewOpened>;
            pick_folders() -> Vec<String>;
            chosen_folders() -> Vec<String>;
            forget_folder(path: String) -> Vec<String>;
            // scanning
            scan_folders(name: String, on_progress: Channel<ScanEvent>) -> ReviewOpened;
            scan_sample(on_progress: Channel<ScanEvent>) -> ReviewOpened;
            rescan(on_progress: Channel<ScanEvent>) -> ReviewOpened;
            cancel_scan() -> ();
            // browsing
            #[read] overview() -> Overview = browse::review_overview;
            #[read] component_page(query: ComponentQuery) -> ComponentPage = browse::component_page;
            #[read] component_facets() -> ComponentFacets = browse::component_facets;
            component_detail(id: i64) -> ComponentDetail;
            component_files(component: i64, search: String) -> FileList;
            file_content(id: i64) -> FileContent;
            reference_diff(finding: i64) -> ReferenceDiff;
            complete_license(prefix: String) -> Vec<LicenseChoice>;
            #[read] check_expression(expression: String) -> ExpressionCheck = browse::check_expression;
            #[read] obligations() -> Vec<ObligationRow> = app::release_obligations;
            #[read] holders(search: String) -> Vec<HolderRow> = browse::holders;
            #[read] folder(path: String) -> FolderView = browse::folder;
            #[read] audit_log() -> AuditView = app::audit_view;
            #[read] vulnerabilities() -> VulnerabilityList = clearance_app::advisories::vulnerabilities;
            import_advisories() -> Option<AdvisoryImport>;
            #[read] match_advisories() -> VulnerabilityList = clearance_app::advisories::match_default;
            import_supplier_sbom() -> Option<SupplierDiff>;
            #[read] supplier_diff() -> SupplierDiff = clearance_app::supplier::supplier_diff;
            pick_earlier_review() -> Option<String>;
            changes_since(earlier: String) -> ReviewDiff;
            // decisions
            who_am_i() -> Option<String>;
            set_reviewer(name: String) -> String;
            #[decide] conclude(request: ConcludeRequest) -> ComponentDetail = app::conclude_request;
            #[decide] comment(request: CommentRequest) -> i64 = app::comment;
            #[decide] false_positive(request: FalsePositiveRequest) -> usize = app::false_positive_request;
            #[decide] folder_false_positive(request: FolderMark) -> usize = app::folder_false_positive;
            #[decide] folder_not_shipped(request: FolderMark) -> usize = app::folder_not_shipped;
            #[decide] exclude(request: ExcludeRequest) -> () = app::exclude_request;
            #[decide] sign_off(request: SignOffRequest) -> () = app::sign_off_request;
            #[decide] bulk(request: BulkRequest) -> BulkReport = clearance_app::bulk::bulk;
            #[decide] undo_bulk() -> BulkReport = clearance_app::bulk::undo_bulk;
            #[decide] triage(request: TriageRequest) -> Triage = clearance_app::advisories::triage_request;
            #[decide] resolve_claim(request: ClaimRequest) -> ClaimDecision = clearance_app::supplier::resolve_claim;
            #[decide] set_distribution(modes: Vec<Distribution>) -> () = app::set_distribution;
            #[decide] set_product(request: ProductRequest) -> () = app::set_product_request;
            #[read] policy_text() -> PolicyText = app::policy_text;
            #[decide] set_policy(text: String) -> () = app::set_policy_text;
            #[decide] approve(request: ApproveRequest) -> ApprovalState = app::approve_request;
            #[decide] reopen(reason: String) -> () = app::reopen;
            // the organisation's decision library and portfolio
            portfolio() -> Option<Vec<ReleaseSummary>>;
            where_used(query: String) -> Vec<UsedIn>;
            #[read] library_view() -> LibraryView = clearance_app::library::review_library;
            #[decide] apply_library() -> LibraryView = clearance_app::library::apply_default;
            #[decide] publish_release() -> PublishReport = clearance_app::library::publish_default;
            // export
            pick_export_folder() -> Option<String>;
            export_formats() -> Vec<ExportChoice>;
            export(formats: Vec<ExportFormat>) -> Vec<String>;
        }
    };
}

/// The names of the listed commands, as the UI invokes them (`with_command_list!(command_names)`).
macro_rules! command_names {
    ($($(#[$kind:ident])? $name:ident ($($arg:ident : $ty:ty),*) -> $answer:ty $(= $call:path)?;)*) => {
        &[$(stringify!($name)),*]
    };
}
