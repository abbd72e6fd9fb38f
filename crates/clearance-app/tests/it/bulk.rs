//! `clearance review bulk` and the desktop's multi-select: one decision for every component a
//! selection names, on the sample release's real review file.

use std::path::Path;

use clearance_app::bulk::{BulkAction, BulkRequest, ComponentSelection, bulk};
use clearance_app::review::{self as app, ComponentStatus, ObligationStatus};
use clearance_app::reviewer::Reviewer;
use clearance_store::{ComponentFilter, Review};

use crate::exports::sample;
use crate::support::scan;

fn ada() -> Reviewer {
    Reviewer::parse("Ada Auditor <ada@example.org>").unwrap()
}

fn fresh(dir: &Path) -> std::path::PathBuf {
    let db = dir.join("bulk.clearance");
    scan(&db, &sample());
    db
}

fn request(selection: ComponentSelection, action: BulkAction) -> BulkRequest {
    BulkRequest { selection, action, dry_run: false }
}

fn audit_actions(db: &Path, action: &str) -> usize {
    app::audit_log(db).unwrap().iter().filter(|e| e.action.as_str() == action).count()
}

#[test]
fn nothing_is_selected_unless_said_and_a_dry_run_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = fresh(dir.path());
    let conclude = BulkAction::Conclude { expression: None, status: None, comment: None, only_clear: false };
    let err = bulk(&db, &ada(), &request(ComponentSelection::default(), conclude.clone())).unwrap_err();
    assert!(err.to_string().contains("no components selected"), "{err}");

    let before = app::audit_log(&db).unwrap().len();
    let dry = BulkRequest {
        selection: ComponentSelection { all: true, ..Default::default() },
        action: conclude,
        dry_run: true,
    };
    let report = bulk(&db, &ada(), &dry).unwrap();
    assert!(report.dry_run);
    assert_eq!((report.selected, report.changed), (7, 7));
    assert!(
        report.outcomes.iter().any(|o| o.component == "tinyjson 0.8.1" && o.detail == "concluded MIT OR Apache-2.0")
    );
    assert_eq!(app::audit_log(&db).unwrap().len(), before, "a dry run audited something");
    assert!(
        Review::open(&db)
            .unwrap()
            .components()
            .unwrap()
            .iter()
            .all(|c| { Review::open(&db).unwrap().conclusion(c.id).unwrap().is_none() })
    );
}

#[test]
fn a_filter_concludes_each_components_own_suggestion_one_audit_entry_each() {
    let dir = tempfile::tempdir().unwrap();
    let db = fresh(dir.path());
    let sel = ComponentSelection {
        filter: ComponentFilter { ecosystem: "npm".into(), ..Default::default() },
        ..Default::default()
    };
    let action = BulkAction::Conclude {
        expression: None,
        status: Some(ComponentStatus::Approved),
        comment: Some("declared license checked against the files".into()),
        only_clear: false,
    };
    let report = bulk(&db, &ada(), &request(sel, action)).unwrap();
    let mut names: Vec<&str> = report.outcomes.iter().map(|o| o.component.as_str()).collect();
    names.sort();
    assert_eq!(names, ["@acme/colors 3.1.0", "left-pad-lite 1.0.3", "skyline-web 2.4.0"]);
    assert_eq!(report.changed, 3);
    assert_eq!(audit_actions(&db, "conclude"), 3);

    let review = Review::open(&db).unwrap();
    for c in review.components().unwrap() {
        let k = review.conclusion(c.id).unwrap();
        if c.ecosystem.as_deref() == Some("npm") {
            let k = k.unwrap();
            assert_eq!(k.status, ComponentStatus::Approved);
            assert_eq!(k.reviewer, "Ada Auditor <ada@example.org>");
            assert_eq!(Some(k.expression.unwrap()), review.suggest(c.id).unwrap().map(|s| s.0).or(Some(String::new())));
        } else {
            assert!(k.is_none(), "{} was concluded outside the filter", c.name);
        }
    }
    assert_eq!(app::audit_verify(&db).unwrap(), None);
}

#[test]
fn approving_needs_a_concluded_license_and_skips_say_why() {
    let dir = tempfile::tempdir().unwrap();
    let db = fresh(dir.path());
    let tiny = app::find_component(&Review::open(&db).unwrap(), "tinyjson").unwrap().id;
    app::conclude(&db, &ada(), "tinyjson", Some("MIT OR Apache-2.0"), false, None, None).unwrap();
    let report = bulk(
        &db,
        &ada(),
        &request(
            ComponentSelection { all: true, ..Default::default() },
            BulkAction::SetStatus { status: ComponentStatus::Approved, comment: None },
        ),
    )
    .unwrap();
    assert_eq!((report.selected, report.changed, report.skipped), (7, 1, 6));
    assert!(report.outcomes.iter().filter(|o| !o.changed).all(|o| o.detail == "not approved: no license concluded"));
    let review = Review::open(&db).unwrap();
    let k = review.conclusion(tiny).unwrap().unwrap();
    assert_eq!((k.status.as_str(), k.expression.as_deref()), ("approved", Some("MIT OR Apache-2.0")));
}

#[test]
fn one_obligation_is_signed_off_in_every_component_that_has_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = fresh(dir.path());
    let all = || ComponentSelection { all: true, ..Default::default() };
    bulk(
        &db,
        &ada(),
        &request(all(), BulkAction::Conclude { expression: None, status: None, comment: None, only_clear: false }),
    )
    .unwrap();
    let with_text =
        app::obligations(&db, None).unwrap().into_iter().filter(|o| o.key == "include-license-text").count();
    assert!(with_text >= 3, "{with_text}");

    // A status that needs a note is refused before anything is written.
    let no_note = BulkAction::SignOff {
        obligation: "include-license-text".into(),
        license: None,
        status: ObligationStatus::NotApplicable,
        note: None,
    };
    assert!(bulk(&db, &ada(), &request(all(), no_note)).unwrap_err().to_string().contains("a note is required"));
    assert_eq!(audit_actions(&db, "sign-off"), 0);

    let sign = BulkAction::SignOff {
        obligation: "include-license-text".into(),
        license: None,
        status: ObligationStatus::Fulfilled,
        note: Some("texts in NOTICE.txt".into()),
    };
    let report = bulk(&db, &ada(), &request(all(), sign)).unwrap();
    assert_eq!(audit_actions(&db, "sign-off"), with_text);
    assert!(
        report.outcomes.iter().filter(|o| !o.changed).all(|o| o.detail == "has no include-license-text obligation")
    );
    for o in app::obligations(&db, None).unwrap() {
        assert_eq!(o.status == ObligationStatus::Fulfilled, o.key == "include-license-text", "{o:?}");
        assert_eq!(o.status.is_settled(), o.key == "include-license-text");
    }
    assert_eq!(app::audit_verify(&db).unwrap(), None);
}

#[test]
fn a_bad_expression_or_a_frozen_review_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = fresh(dir.path());
    let all = ComponentSelection { all: true, ..Default::default() };
    let bad =
        BulkAction::Conclude { expression: Some("MIT OR".into()), status: None, comment: None, only_clear: false };
    assert!(bulk(&db, &ada(), &request(all.clone(), bad)).is_err());
    assert_eq!(audit_actions(&db, "conclude"), 0);

    app::approve(&db, &ada(), Some("frozen for the test")).unwrap();
    let ok = BulkAction::Conclude { expression: Some("MIT".into()), status: None, comment: None, only_clear: false };
    assert!(bulk(&db, &ada(), &request(all, ok)).is_err());
    assert_eq!(audit_actions(&db, "conclude"), 0);
}

#[test]
fn a_licenses_findings_are_marked_false_positive_in_the_selected_components_only() {
    let dir = tempfile::tempdir().unwrap();
    let db = fresh(dir.path());
    let tiny = app::find_component(&Review::open(&db).unwrap(), "tinyjson").unwrap().id;
    let report = bulk(
        &db,
        &ada(),
        &request(
            ComponentSelection { ids: vec![tiny], ..Default::default() },
            BulkAction::FalsePositive { license: "MIT".into(), reason: "test fixture text".into() },
        ),
    )
    .unwrap();
    assert_eq!((report.selected, report.changed), (1, 1));
    let detail = app::component_detail(&db, &tiny.to_string()).unwrap();
    let mit: Vec<_> = detail
        .files
        .iter()
        .flat_map(|f| &f.findings)
        .filter(|f| f.expression.as_deref().is_some_and(|e| e.contains("MIT")))
        .collect();
    assert!(!mit.is_empty());
    assert!(mit.iter().all(|f| f.false_positive.is_some()), "{mit:?}");
}

/// "Accept every suggestion where declared and detected agree and the policy allows it": the
/// clear ones are concluded, the others skipped with the reason, shown first in a dry run.
#[test]
fn only_clear_suggestions_are_concluded_and_the_others_say_why() {
    let dir = tempfile::tempdir().unwrap();
    let db = fresh(dir.path());
    let all = || ComponentSelection { all: true, ..Default::default() };
    let action = BulkAction::Conclude { expression: None, status: None, comment: None, only_clear: true };
    let preview = bulk(&db, &ada(), &BulkRequest { selection: all(), action: action.clone(), dry_run: true }).unwrap();
    let by = |name: &str| preview.outcomes.iter().find(|o| o.component.starts_with(name)).unwrap().clone();
    // tinyjson declares MIT OR Apache-2.0 and its files say so: clear.
    assert!(by("tinyjson").changed, "{:?}", by("tinyjson"));
    let skipped: Vec<_> = preview.outcomes.iter().filter(|o| !o.changed).collect();
    assert!(!skipped.is_empty(), "the sample has unclear components: {:?}", preview.outcomes);
    for o in &skipped {
        assert!(o.detail.starts_with("not concluded: "), "{o:?}");
    }
    // A component whose files say more than it declares, or what the policy does not allow, waits.
    assert!(
        skipped.iter().any(|o| o.detail.contains("its files also say") || o.detail.contains("the policy says")),
        "{skipped:?}"
    );
    let done = bulk(&db, &ada(), &request(all(), action)).unwrap();
    assert_eq!(done.changed, preview.changed);
    let review = Review::open(&db).unwrap();
    for o in &done.outcomes {
        assert_eq!(review.conclusion(o.component_id).unwrap().is_some(), o.changed, "{o:?}");
    }
    // A given expression is not a suggestion.
    let given = BulkAction::Conclude { expression: Some("MIT".into()), status: None, comment: None, only_clear: true };
    assert!(bulk(&db, &ada(), &request(all(), given)).is_err());
}

#[test]
fn the_last_bulk_action_is_undone_except_where_it_was_changed_since() {
    let dir = tempfile::tempdir().unwrap();
    let db = fresh(dir.path());
    let before = app::components(&db).unwrap();
    assert!(before.iter().all(|c| c.conclusion.is_none()), "nothing concluded yet");
    // Conclude every component's suggestion, approved.
    let conclude = BulkAction::Conclude {
        expression: None,
        status: Some(ComponentStatus::Approved),
        comment: None,
        only_clear: false,
    };
    let report = bulk(&db, &ada(), &request(ComponentSelection { all: true, ..Default::default() }, conclude)).unwrap();
    assert!(report.changed >= 3 && report.undoable, "{report:?}");
    // Someone changes one of them afterwards: undo leaves that one alone.
    let touched = report.outcomes.iter().find(|o| o.changed).unwrap().component_id;
    app::conclude(&db, &ada(), &touched.to_string(), Some("MIT"), false, Some(ComponentStatus::NeedsInfo), None)
        .unwrap();

    let undone = clearance_app::bulk::undo_bulk(&db, &ada()).unwrap();
    assert_eq!(undone.changed, report.changed - 1, "{undone:?}");
    let kept = undone.outcomes.iter().find(|o| o.component_id == touched).unwrap();
    assert!(!kept.changed && kept.detail.contains("changed since"), "{kept:?}");
    // Every other component is as it was before the bulk action: no conclusion.
    for c in app::components(&db).unwrap() {
        let expression = c.conclusion.as_ref().and_then(|k| k.expression.as_deref());
        if c.component.id == touched {
            assert_eq!(expression, Some("MIT"));
        } else {
            assert!(c.conclusion.is_none(), "{}: {:?}", c.component.name, c.conclusion);
        }
    }
    assert_eq!(audit_actions(&db, "undo"), undone.changed, "one audit entry per decision put back");
    assert_eq!(app::audit_verify(&db).unwrap(), None, "the chain and every decision still verify");
    // Once undone, there is nothing left to undo.
    let again = clearance_app::bulk::undo_bulk(&db, &ada()).unwrap_err();
    assert!(again.to_string().contains("no bulk action to undo"), "{again}");
}

#[test]
fn components_are_marked_not_shipped_in_bulk_with_a_reason_and_the_mark_is_undone() {
    let dir = tempfile::tempdir().unwrap();
    let db = fresh(dir.path());
    let npm = ComponentSelection {
        filter: ComponentFilter { ecosystem: "npm".into(), ..Default::default() },
        ..Default::default()
    };
    let blank = bulk(&db, &ada(), &request(npm.clone(), BulkAction::NotShipped { reason: "  ".into() })).unwrap_err();
    assert!(blank.to_string().contains("reason is required"), "{blank}");

    let report = bulk(
        &db,
        &ada(),
        &request(npm.clone(), BulkAction::NotShipped { reason: " web demo, not in the installer ".into() }),
    )
    .unwrap();
    assert!(report.changed >= 2 && report.changed == report.selected && report.undoable, "{report:?}");
    let review = Review::open(&db).unwrap();
    let npm_ids: Vec<i64> = review.component_ids(&npm.filter).unwrap();
    for id in &npm_ids {
        let (why, who, _) = review.exclusion(*id).unwrap().expect("not shipped");
        assert_eq!((why.as_str(), who.as_str()), ("web demo, not in the installer", "Ada Auditor <ada@example.org>"));
    }
    assert_eq!(audit_actions(&db, "exclude"), report.changed, "one audit entry per component");
    // Not shipped: nothing to approve there, and asked again, nothing changes.
    let status = app::status(&db).unwrap();
    assert!(status.blockers.unconcluded.iter().all(|b| !b.contains("left-pad-lite")), "{:?}", status.blockers);
    let again = bulk(&db, &ada(), &request(npm.clone(), BulkAction::NotShipped { reason: "again".into() })).unwrap();
    assert_eq!(again.changed, 0);
    assert!(again.outcomes.iter().all(|o| o.detail == "already not shipped: web demo, not in the installer"));

    // The last bulk action that changed something is the first; undo takes every mark back.
    let undone = clearance_app::bulk::undo_bulk(&db, &ada()).unwrap();
    assert_eq!(undone.changed, report.changed, "{undone:?}");
    assert!(undone.outcomes.iter().all(|o| o.detail == "not-shipped mark put back as it was"), "{undone:?}");
    let review = Review::open(&db).unwrap();
    assert!(npm_ids.iter().all(|id| review.exclusion(*id).unwrap().is_none()));
    assert_eq!(app::audit_verify(&db).unwrap(), None, "the chain and every decision still verify");
}
