//! `ui/src/bindings.ts`: TypeScript declarations of every type that crosses IPC, generated from
//! the Rust types. The test fails when the checked-in file is stale; run it with
//! `UPDATE_BINDINGS=1` to rewrite it (CI never does).

use ts_rs::{Config, TS};

macro_rules! declarations {
    ($cfg:expr; $($t:ty),* $(,)?) => {
        vec![$((<$t as TS>::ident($cfg), <$t as TS>::decl($cfg))),*]
    };
}

/// A TypeScript type for one listed argument or answer.
fn ts<T: TS>(cfg: &Config) -> String {
    T::name(cfg)
}

/// `camel_case` as Tauri expects an argument from the UI.
fn camel(name: &str) -> String {
    let mut out = String::new();
    let mut upper = false;
    for c in name.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// The `Commands` type: every command of `command_list.rs` with its arguments and answer.
macro_rules! command_types {
    ($($(#[$kind:ident])? $name:ident ($($arg:ident : $ty:ty),*) -> $answer:ty $(= $call:path)?;)*) => {{
        let cfg = &Config::new().with_large_int("number");
        let mut out = String::from(
            "/** Every command the UI may call (src-tauri/src/command_list.rs): the arguments it sends and what it answers. */\n\
             export interface Commands {\n",
        );
        $(
            let args: Vec<String> = vec![$(format!("{}: {}", camel(stringify!($arg)), (&&Arg::<$ty>(std::marker::PhantomData)).ts(cfg))),*];
            out.push_str(&format!(
                "  {}: {{ args: {}; answer: {} }};\n",
                stringify!($name),
                if args.is_empty() { "Record<string, never>".to_string() } else { format!("{{ {} }}", args.join("; ")) },
                ts::<$answer>(cfg),
            ));
        )*
        out.push_str("}\n\n");
        out
    }};
}

/// An argument's TypeScript type: its `TS` name, except a progress channel, which is the UI's
/// `Channel` of scan events. (Chosen at compile time by method lookup: `(&&Arg::<T>)` finds the
/// channel's method first when `T` is the channel, else falls back to the `TS` one.)
struct Arg<T>(std::marker::PhantomData<T>);

trait ByTs {
    fn ts(&self, cfg: &Config) -> String;
}

impl<T: TS> ByTs for Arg<T> {
    fn ts(&self, cfg: &Config) -> String {
        T::name(cfg)
    }
}

trait ByChannel {
    fn ts(&self, cfg: &Config) -> String;
}

impl ByChannel for &Arg<tauri::ipc::Channel<crate::commands::ScanEvent>> {
    fn ts(&self, _: &Config) -> String {
        "Channel<ScanEvent>".into()
    }
}

pub fn generate() -> String {
    use clearance_app::advisories::{AdvisoryImport, TriageRequest, VulnerabilityList};
    use clearance_app::browse::*;
    use clearance_app::bulk::*;
    use clearance_app::library::LibraryView;
    use clearance_app::recent::RecentReview;
    use clearance_app::review::*;
    use clearance_app::supplier::{ClaimRequest, Disagreement, SupplierDiff};
    use clearance_app::{AppInfo, ErrorCode, ExportFormat};
    use clearance_library::{PublishReport, ReleaseSummary, UsedIn};
    use clearance_licenses::{Category, Distribution, ObligationKind, Scope, Severity, Verdict};
    use clearance_store::*;
    use tauri::ipc::Channel;

    use crate::commands::*;
    // Ids and counts fit in a double; JSON carries them as numbers.
    let cfg = &Config::new().with_large_int("number");
    let mut decls = declarations![cfg;
        IpcError, ReviewOpened, ScanEvent, AuditView, ConcludeRequest, ExportChoice,
        CommentRequest, FalsePositiveRequest, ExcludeRequest, SignOffRequest, ProductRequest, ApproveRequest,
        AppInfo, RecentReview, Progress, clearance_app::CategoryCount,
        Overview, Status, CheckReport, ApprovalState, Blockers, LapsedRow, PolicyHit, LicenseCount, ScanInfo,
        ComponentQuery, SortKey, ComponentPage, ComponentListRow, ComponentFacets, Facet,
        ComponentDetail, ComponentView, ComponentRow, ComponentLink, Conclusion, Suggestion, FileView, FindingView,
        ObligationRow, ObligationStatus, ComponentStatus, AnnotationRow, AuditEvent,
        BulkRequest, BulkAction, ComponentSelection, BulkReport, BulkOutcome,
        FileContent, FileList, FileRow, Region, ReferenceDiff, DiffPart, LicenseChoice, ExpressionCheck,
        ErrorCode, AnnotationTarget, Distribution, ExportFormat, Verdict, Severity, HitSource, ComponentSource,
        Category, ObligationKind, Scope, Detector, FileKind, SkipReason, ComponentFilter, StatusFilter, Clarity, HolderRow, RegionKind, DiffSide, ScanStatus, PolicyText, FolderView, FolderEntry, FolderFile, FolderMark, ReviewDiff, ComponentChange, AuditAction, LapsedKind,
        VulnerabilityList, AdvisorySnapshot, VulnerabilityRow, Exposure,
        AdvisoryImport, TriageRequest, Triage, VexState, VexJustification, VexResponse, VulnerabilityGlance, SeverityCount,
        clearance_licenses::VulnerabilitySeverity,
        SupplierDiff, Disagreement, ClaimRequest, ClaimDecision, ClaimKind, ClaimState,
        clearance_app::library::LibraryView, clearance_library::LibraryPlan, clearance_library::PlannedConclusion,
        clearance_library::LibrarySuggestion, clearance_library::LibraryConflict, clearance_library::LibraryEntry,
        clearance_library::PublishReport, clearance_library::ReleaseSummary, clearance_library::UsedIn,
        clearance_library::SuggestionKind, ClarityGap,
    ];
    decls.sort();
    let commands = with_command_list!(command_types);
    let mut out = String::from(
        "// Generated from the Rust types by `src-tauri/src/bindings.rs`; do not edit.\n\
         // Regenerate: UPDATE_BINDINGS=1 cargo test -p clearance-desktop --lib bindings\n\n\
         import type { Channel } from \"@tauri-apps/api/core\";\n\n",
    );
    out.push_str(&commands);
    for (_, decl) in decls {
        out.push_str("export ");
        out.push_str(&decl);
        out.push_str("\n\n");
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_ui_bindings_are_current() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("ui/src/bindings.ts");
        let fresh = super::generate();
        if std::env::var_os("UPDATE_BINDINGS").is_some() {
            std::fs::write(&path, &fresh).unwrap();
        }
        let current = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            current == fresh,
            "ui/src/bindings.ts is stale: run `UPDATE_BINDINGS=1 cargo test -p clearance-desktop --lib bindings` and commit it"
        );
    }
}
