//! The desktop's typed use cases over a real review file: a request struct in, the answer the
//! view draws out (the Tauri command is generated around them, `src-tauri/src/command_list.rs`).

use clearance_app::ErrorCode;
use clearance_app::review::{self as app, ComponentStatus, ConcludeRequest};
use clearance_app::reviewer::Reviewer;
use clearance_store::Review;

use crate::exports::sample;
use crate::support::scan;

#[test]
fn a_conclusion_request_is_trimmed_recorded_and_answered_with_the_component_as_it_stands() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("decide.clearance");
    scan(&db, &sample());
    let who = Reviewer::parse("Ada Auditor <ada@example.org>").unwrap();
    let id = Review::open(&db).unwrap().components().unwrap().iter().find(|c| !c.is_root).unwrap().id;

    let request = ConcludeRequest {
        component: id,
        expression: Some("  MIT OR Apache-2.0 ".into()),
        status: Some(ComponentStatus::Approved),
        comment: Some("   ".into()),
    };
    let detail = app::conclude_request(&db, &who, &request).unwrap();
    let k = detail.component.conclusion.expect("the answer shows the new conclusion");
    assert_eq!(k.expression.as_deref(), Some("MIT OR Apache-2.0"));
    assert_eq!(k.status, ComponentStatus::Approved);
    assert_eq!(k.comment, None, "a blank comment is no comment");
    assert_eq!(k.reviewer, who.to_string());
    assert!(
        app::audit_log(&db)
            .unwrap()
            .iter()
            .any(|e| e.action == clearance_store::AuditAction::Conclude && e.target == format!("conclusion:{id}"))
    );

    // A malformed expression is the user's to fix: a clear error, nothing recorded.
    let before = app::audit_log(&db).unwrap().len();
    let bad = ConcludeRequest { expression: Some("MIT AND (".into()), ..request };
    let err = app::conclude_request(&db, &who, &bad).unwrap_err();
    assert_eq!(err.code(), ErrorCode::BadInput, "{err}");
    assert!(err.code().is_user_error());
    assert_eq!(app::audit_log(&db).unwrap().len(), before);
}

#[test]
fn every_error_code_says_whose_it_is_to_fix() {
    use ErrorCode as C;
    // The user's input: the CLI exits 2. A refusal or Clearance's own failure: exits 1.
    for c in [C::BadInput, C::Missing, C::NotAReview, C::Damaged, C::TooNew, C::EmptyReview, C::NoReviewer] {
        assert!(c.is_user_error(), "{c:?}");
    }
    for c in [C::BadPolicy, C::BadTemplate, C::NoReview] {
        assert!(c.is_user_error(), "{c:?}");
    }
    for c in [C::Busy, C::Frozen, C::NotReady, C::Storage, C::Internal] {
        assert!(!c.is_user_error(), "{c:?}");
    }
    assert_eq!(serde_json::to_string(&C::BadTemplate).unwrap(), "\"bad-template\"");
}

#[test]
fn the_policy_is_edited_as_text_checked_first_and_audited() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("policy.clearance");
    scan(&db, &sample());
    let who = Reviewer::parse("Ada Auditor <ada@example.org>").unwrap();
    // No policy of its own: the default, written out, to start from.
    let start = app::policy_text(&db).unwrap();
    assert!(!start.own && start.text.contains("[categories]"));
    // A broken policy is refused with where it is broken, and nothing changes.
    let err = app::set_policy_text(&db, &who, "[licenses]\ndeny = [\"GPL-2.0-only\"\n").unwrap_err();
    assert_eq!(err.code(), ErrorCode::BadPolicy, "{err}");
    assert!(err.to_string().contains("line"), "{err}");
    assert!(!app::policy_text(&db).unwrap().own);
    // A good one is saved, judged against, and in the audit log.
    let text = start.text.replace("deny = []", "deny = [\"MPL-2.0\"]");
    app::set_policy_text(&db, &who, &text).unwrap();
    let now = app::policy_text(&db).unwrap();
    assert!(now.own && now.text == text);
    let policy = app::review_policy(&db, None).unwrap();
    assert_eq!(policy.judge_expression("MPL-2.0").0, clearance_licenses::Verdict::Deny);
    assert!(app::audit_log(&db).unwrap().iter().any(|e| e.target == "policy"));
    assert_eq!(app::audit_verify(&db).unwrap(), None);
}
