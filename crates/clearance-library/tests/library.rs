//! The decision library on real review files and real crates (copied from the machine's cargo
//! registry): two products sharing packages; the first approved and published, the second
//! scanned — identical evidence takes the decision, changed evidence is only suggested.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use clearance_library::{Library, Location, Publisher, WhereUsedQuery};
use clearance_scan::{ScanOptions, SilentReporter, scan};
use clearance_store::{Actor, ComponentStatus, Review, ScanWriter};

const NOW: &str = "2026-03-01T10:00:00Z";
const LATER: &str = "2026-04-01T10:00:00Z";

/// A real crate's folder from the cargo registry (the newest version there).
fn registry_crate(name: &str) -> PathBuf {
    let home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(std::env::var_os("HOME").expect("HOME")).join(".cargo"));
    let mut found: Vec<PathBuf> = fs::read_dir(home.join("registry/src"))
        .expect("the cargo registry")
        .flatten()
        .flat_map(|index| fs::read_dir(index.path()).into_iter().flatten().flatten())
        .map(|e| e.path())
        .filter(|p| {
            let n = p.file_name().unwrap().to_string_lossy().into_owned();
            n.strip_prefix(&format!("{name}-")).is_some_and(|v| v.starts_with(|c: char| c.is_ascii_digit()))
                && p.join("Cargo.toml").exists()
        })
        .collect();
    found.sort();
    found.pop().unwrap_or_else(|| panic!("{name} in the cargo registry (a dependency of this workspace)"))
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for e in fs::read_dir(from).unwrap().flatten() {
        let t = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &t);
        } else if e.file_type().unwrap().is_file() {
            fs::copy(e.path(), &t).unwrap();
        }
    }
}

/// A product vendoring real crates; `itoa`'s MIT license file changed when `edit_itoa`.
fn product(dir: &Path, name: &str, edit_itoa: bool) -> PathBuf {
    let root = dir.join(name);
    fs::create_dir_all(&root).unwrap();
    fs::write(
        root.join("Cargo.toml"),
        format!("[package]\nname = \"{name}\"\nversion = \"1.0.0\"\nlicense = \"MIT\"\n"),
    )
    .unwrap();
    copy_dir(&registry_crate("memchr"), &root.join("vendor/memchr"));
    copy_dir(&registry_crate("itoa"), &root.join("vendor/itoa"));
    if edit_itoa {
        let lic = root.join("vendor/itoa/LICENSE-MIT");
        let text = fs::read_to_string(&lic).unwrap();
        fs::write(&lic, format!("{text}\nAdditional terms: none of the above applies on Tuesdays.\n")).unwrap();
    }
    root
}

fn scanned(dir: &Path, name: &str, edit_itoa: bool) -> PathBuf {
    let root = product(dir, name, edit_itoa);
    let db = dir.join(format!("{name}.clearance"));
    let mut review = Review::open_or_create(&db).unwrap();
    let roots = vec![root.canonicalize().unwrap()];
    let mut w = ScanWriter::begin(&mut review, &roots, "{}", "test", "Tess Tester", NOW).unwrap();
    let prior = w.prior(None).unwrap();
    let stats =
        scan(&roots, &ScanOptions::default(), &prior, &AtomicBool::new(false), &SilentReporter, |ev| w.write(ev))
            .unwrap();
    w.finish(&stats, NOW).unwrap();
    db
}

/// The component of that name with files: the vendored crate, not an entry of a lockfile the
/// crates bring along.
fn id_of(r: &Review, name: &str) -> i64 {
    r.components().unwrap().into_iter().find(|c| c.name == name && c.files > 0).unwrap_or_else(|| panic!("{name}")).id
}

/// Conclude every component as `licenses` says, mark memchr's first finding a false positive
/// (for the test: any finding will do), approve.
fn decide_and_approve(db: &Path, product: &str, licenses: &[(&str, &str)]) {
    let mut r = Review::open(db).unwrap();
    let a = Actor { name: "Ada Auditor <ada@example.org>", at: NOW };
    r.set_product(&a, product, Some("1.0")).unwrap();
    for (name, expr) in licenses {
        let id = id_of(&r, name);
        r.conclude(&a, id, Some(expr), Some(ComponentStatus::Approved), Some("as its license files say")).unwrap();
    }
    r.approve(&a, Some("obligations are met by the product's NOTICE (test)")).unwrap();
}

fn publish(lib: &mut Library, db: &Path) -> clearance_library::PublishReport {
    let r = Review::open(db).unwrap();
    lib.publish(&r, &db.display().to_string(), Publisher { name: "Ada Auditor", at: LATER }).unwrap()
}

fn identical_evidence_takes_the_decision_changed_evidence_is_only_suggested(at: &dyn Fn(&Path) -> Location) {
    let dir = tempfile::tempdir().unwrap();
    let mut lib = Library::open(&at(dir.path())).unwrap();

    let first = scanned(dir.path(), "alpha", false);
    decide_and_approve(
        &first,
        "Alpha",
        &[("alpha", "MIT"), ("memchr", "Unlicense OR MIT"), ("itoa", "MIT OR Apache-2.0")],
    );
    let report = publish(&mut lib, &first);
    assert!(report.approved && !report.replaced);
    assert_eq!(report.conclusions, 3);
    assert_eq!(lib.status().unwrap().conclusions, 3);

    // The second product ships the same memchr and an itoa whose MIT license file was changed.
    let second = scanned(dir.path(), "beta", true);
    let mut review = Review::open(&second).unwrap();
    let plan = lib.plan(&review).unwrap();
    let applied: Vec<&str> = plan.apply.iter().map(|p| p.component.as_str()).collect();
    assert_eq!(applied.len(), 1, "{applied:?}");
    assert!(applied[0].starts_with("memchr "), "{applied:?}");
    let itoa = plan.suggestions.iter().find(|s| s.component.starts_with("itoa ")).expect("itoa suggested");
    assert_eq!(itoa.kind, clearance_library::SuggestionKind::Conclusion);
    assert!(itoa.why.contains("LICENSE-MIT changed"), "{}", itoa.why);
    assert!(plan.conflicts.is_empty());
    assert!(
        !plan.apply.iter().any(|p| p.component.starts_with("beta"))
            && !plan.suggestions.iter().any(|s| s.component.starts_with("beta")),
        "another product's root is not this one"
    );

    let a = Actor { name: "Bo Reviewer <bo@example.org>", at: LATER };
    let adopted = lib.apply(&mut review, &a, &plan).unwrap();
    assert_eq!(adopted.conclusions, 1);
    let memchr = review.conclusion(id_of(&review, "memchr")).unwrap().expect("memchr concluded");
    assert_eq!(memchr.expression.as_deref(), Some("Unlicense OR MIT"));
    assert_eq!(memchr.reviewer, "Ada Auditor <ada@example.org>", "the decision keeps who made it");
    assert_eq!(memchr.carried_from.as_deref(), Some("library: Alpha 1.0 (Ada Auditor <ada@example.org>, 2026-03-01)"));
    assert!(review.conclusion(id_of(&review, "itoa")).unwrap().is_none(), "a changed license file never inherits");
    assert!(review.verify_audit().unwrap().is_none(), "the audit chain holds the adoption");
    assert!(review.audit_events(Some("review:library")).unwrap().len() == 1);

    // Applying again changes nothing: the review has its own decision now.
    let again = lib.plan(&review).unwrap();
    assert!(again.apply.is_empty());
    assert_eq!(lib.apply(&mut review, &a, &again).unwrap(), clearance_store::AdoptReport::default());
}

fn disagreeing_entries_are_a_conflict_and_a_draft_publishes_no_decisions(at: &dyn Fn(&Path) -> Location) {
    let dir = tempfile::tempdir().unwrap();
    let mut lib = Library::open(&at(dir.path())).unwrap();
    let a = scanned(dir.path(), "alpha", false);
    decide_and_approve(&a, "Alpha", &[("alpha", "MIT"), ("memchr", "MIT"), ("itoa", "MIT")]);
    publish(&mut lib, &a);
    let g = scanned(dir.path(), "gamma", false);
    decide_and_approve(&g, "Gamma", &[("gamma", "MIT"), ("memchr", "Unlicense"), ("itoa", "MIT")]);
    publish(&mut lib, &g);

    // A draft: in the portfolio, its decisions not in the library.
    let d = scanned(dir.path(), "delta", false);
    {
        let mut r = Review::open(&d).unwrap();
        let actor = Actor { name: "Ada", at: NOW };
        r.set_product(&actor, "Delta", Some("0.9")).unwrap();
        let id = id_of(&r, "itoa");
        r.conclude(&actor, id, Some("Apache-2.0"), Some(ComponentStatus::Approved), None).unwrap();
    }
    let draft = publish(&mut lib, &d);
    assert!(!draft.approved);
    assert_eq!(draft.conclusions, 0);

    let review = Review::open(&scanned(dir.path(), "beta", false)).unwrap();
    let plan = lib.plan(&review).unwrap();
    let memchr = plan.conflicts.iter().find(|c| c.component.starts_with("memchr ")).expect("memchr conflicts");
    let answers: Vec<Option<&str>> = memchr.entries.iter().map(|e| e.expression.as_deref()).collect();
    assert_eq!(answers.len(), 2, "{answers:?}");
    assert!(answers.contains(&Some("MIT")) && answers.contains(&Some("Unlicense")));
    assert!(!plan.apply.iter().any(|p| p.component.starts_with("memchr ")), "a conflict is never applied");
    let itoa = plan.apply.iter().find(|p| p.component.starts_with("itoa ")).expect("itoa agrees");
    assert_eq!(itoa.entry.expression.as_deref(), Some("MIT"), "the draft's Apache-2.0 is not in the library");

    // The portfolio holds all three; where-used finds memchr in each.
    let portfolio = lib.portfolio().unwrap();
    let names: Vec<String> = portfolio.iter().map(|r| format!("{} {} {}", r.product, r.version, r.approved)).collect();
    assert_eq!(names, vec!["Alpha 1.0 true", "Delta 0.9 false", "Gamma 1.0 true"]);
    let alpha = &portfolio[0];
    assert_eq!(alpha.components, 3);
    assert!(alpha.license_mix.contains(&("MIT".to_string(), 3)), "{:?}", alpha.license_mix);
    let memchr_version =
        review.components().unwrap().into_iter().find(|c| c.name == "memchr").and_then(|c| c.version).unwrap();
    let used = lib.where_used(&WhereUsedQuery::parse("pkg:cargo/memchr").unwrap()).unwrap();
    assert_eq!(used.len(), 3);
    let below =
        lib.where_used(&WhereUsedQuery::parse(&format!("pkg:cargo/memchr@<{memchr_version}")).unwrap()).unwrap();
    assert!(below.is_empty(), "{below:?}");
    let at = lib.where_used(&WhereUsedQuery::parse(&format!("pkg:cargo/memchr@>={memchr_version}")).unwrap()).unwrap();
    assert_eq!(at.len(), 3);

    // Publishing a release again replaces what it published.
    let again = publish(&mut lib, &g);
    assert!(again.replaced);
    assert_eq!(lib.portfolio().unwrap().len(), 3);
    assert_eq!(lib.status().unwrap().conclusions, 6);
}

fn false_positives_follow_their_text_and_curations_are_suggested(at: &dyn Fn(&Path) -> Location) {
    let dir = tempfile::tempdir().unwrap();
    let mut lib = Library::open(&at(dir.path())).unwrap();
    let a = scanned(dir.path(), "alpha", false);
    {
        let mut r = Review::open(&a).unwrap();
        let actor = Actor { name: "Ada", at: NOW };
        let memchr = id_of(&r, "memchr");
        let file = r
            .files(None)
            .unwrap()
            .into_iter()
            .find(|f| f.component_id == Some(memchr) && !r.findings(Some(f.id)).unwrap().is_empty())
            .expect("a memchr file with findings");
        let finding = r.findings(Some(file.id)).unwrap()[0].id;
        r.mark_false_positive(&actor, &[finding], "a license quoted in documentation").unwrap();
    }
    decide_and_approve(&a, "Alpha", &[("alpha", "MIT"), ("memchr", "Unlicense OR MIT"), ("itoa", "MIT OR Apache-2.0")]);
    assert_eq!(publish(&mut lib, &a).false_positives, 1);

    let mut review = Review::open(&scanned(dir.path(), "beta", false)).unwrap();
    let plan = lib.plan(&review).unwrap();
    assert_eq!(plan.false_positives, 1);
    let actor = Actor { name: "Bo", at: LATER };
    assert_eq!(lib.apply(&mut review, &actor, &plan).unwrap().false_positives, 1);

    // A curation without evidence is offered, not applied.
    lib.curate(
        "pkg:cargo/serde@1.0.0",
        "MIT OR Apache-2.0",
        "checked by legal",
        None,
        Publisher { name: "Lee", at: NOW },
    )
    .unwrap();
    let shown = lib.show("pkg:cargo/serde@1.0.0").unwrap();
    assert_eq!(shown.len(), 1);
    assert_eq!(shown[0].reason.as_deref(), Some("checked by legal"));
    assert!(lib.curate("pkg:cargo/serde", "MIT", "x", None, Publisher { name: "Lee", at: NOW }).is_err(), "a version");
    assert!(lib.curate("pkg:cargo/serde@1", "MIT", " ", None, Publisher { name: "Lee", at: NOW }).is_err(), "a reason");
}

#[test]
fn a_file_that_is_not_a_library_is_refused_and_locations_are_read() {
    let dir = tempfile::tempdir().unwrap();
    let db = scanned(dir.path(), "alpha", false);
    let e = Library::open(&Location::File(db)).err().expect("a review file is not a library").to_string();
    assert!(e.contains("is not a Clearance decision library"), "{e}");
    assert_eq!(Location::parse("sqlite:/x/lib.sqlite").unwrap(), Location::File("/x/lib.sqlite".into()));
    assert!(matches!(Location::parse("postgres://lib@localhost/clearance").unwrap(), Location::Postgres(_)));
    // A server that is not there: a sentence, not a hang.
    let e = Library::open(&Location::Postgres("postgresql://nobody@/none?host=/nonexistent".into()))
        .err()
        .unwrap()
        .to_string();
    assert!(e.contains("cannot reach the library's server"), "{e}");
}

// Each behaviour on both stores: the SQLite file and a real PostgreSQL server.

fn sqlite(dir: &Path) -> Location {
    Location::File(dir.join("data/library.sqlite"))
}

macro_rules! on_both {
    ($($name:ident),*) => {
        mod sqlite {
            $(#[test] fn $name() { super::$name(&super::sqlite) })*
        }
        mod postgres {
            $(#[test] fn $name() {
                let server = clearance_library::testing::ThrowawayServer::start();
                let url = server.database();
                super::$name(&move |_| clearance_library::Location::Postgres(url.clone()));
            })*
        }
    };
}

on_both!(
    identical_evidence_takes_the_decision_changed_evidence_is_only_suggested,
    disagreeing_entries_are_a_conflict_and_a_draft_publishes_no_decisions,
    false_positives_follow_their_text_and_curations_are_suggested
);
