//! `ui/src/bindings.ts`: TypeScript declarations of every type that crosses IPC, generated from
//! the Rust types. The test fails when the checked-in file is stale; run it with
//! `UPDATE_BINDINGS=1` to rewrite it (CI never does).

use ts_rs::{Config, TS};

macro_rules! declarations {
    ($cfg:expr; $($t:ty),* $(,)?) => {
        vec![$((<$t as TS>::ident($cfg), <$t as TS>::decl($cfg))),*]
    };
}

pub fn generate() -> String {
    use clearance_app::browse::*;
    use clearance_app::bulk::*;
    use clearance_app::recent::RecentReview;
    use clearance_app::review::*;
    use clearance_store::*;

    use crate::commands::*;
    // Ids and counts fit in a double; JSON carries them as numbers.
    let cfg = &Config::new().with_large_int("number");
    let mut decls = declarations![cfg;
        IpcError, ReviewOpened, ScanEvent, AuditView, ConcludeRequest, ExportChoice,
        clearance_app::AppInfo, RecentReview, Progress, clearance_app::CategoryCount,
        Overview, Status, CheckReport, ApprovalState, Blockers, LapsedRow, PolicyHit, LicenseCount, ScanInfo,
        ComponentQuery, SortKey, ComponentPage, ComponentListRow, ComponentFacets, Facet,
        ComponentDetail, ComponentView, ComponentRow, ComponentLink, Conclusion, Suggestion, FileView, FindingView,
        ObligationRow, ObligationStatus, ComponentStatus, AnnotationRow, AuditEvent,
        BulkRequest, BulkAction, ComponentSelection, BulkReport, BulkOutcome,
        FileContent, FileList, FileRow, Region, ReferenceDiff, DiffPart, LicenseChoice, ExpressionCheck,
    ];
    decls.sort();
    let mut out = String::from(
        "// Generated from the Rust types by `src-tauri/src/bindings.rs`; do not edit.\n\
         // Regenerate: UPDATE_BINDINGS=1 cargo test -p clearance-desktop --lib bindings\n\n",
    );
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
