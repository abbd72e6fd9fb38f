#![allow(clippy::print_stdout)] // a benchmark prints its table
//! Times what the desktop asks of a large review: the overview, the components table's pages
//! with each filter and sort, a component's detail, a file, the folder tree. Median of 5 runs each.
//! Usage: cargo run --release -p clearance-app --example table_bench -- REVIEW.clearance
//! (bench/run.sh runs it on a synthetic review of 10,000 components and 200,000 files.)

use std::path::PathBuf;
use std::time::Instant;

use clearance_app::browse;
use clearance_store::{Clarity, ComponentFilter, ComponentQuery, Review, SortKey, StatusFilter};

fn median_ms(mut f: impl FnMut()) -> f64 {
    let mut times: Vec<f64> = (0..5)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[2]
}

fn main() {
    let Some(db) = std::env::args_os().nth(1).map(PathBuf::from) else {
        eprintln!("usage: table_bench REVIEW.clearance");
        std::process::exit(2);
    };
    let t = Instant::now();
    Review::open(&db).and_then(|mut r| r.refresh_component_stats()).expect("a review");
    println!("{:<44} {:>9.1}", "refresh component stats (end of a scan)", t.elapsed().as_secs_f64() * 1000.0);
    let db = db.as_path();
    let filtered = |filter: ComponentFilter| ComponentQuery { filter, ..Default::default() };
    let page = |q: ComponentQuery| {
        let q = ComponentQuery { limit: 200, ..q };
        move || {
            browse::component_page(db, &q).expect("a page");
        }
    };
    let total = browse::component_page(db, &ComponentQuery { limit: 1, ..Default::default() }).unwrap().total;
    println!("{total} components; median of 5 runs, ms:");
    // The 100th component by name (the first, in a review with fewer).
    let some_component = browse::component_page(
        db,
        &ComponentQuery { offset: 99.min(total.max(1) - 1) as u32, limit: 1, ..Default::default() },
    )
    .unwrap()
    .rows[0]
        .id
        .to_string();
    let policy = clearance_licenses::Policy::default();
    let rows: Vec<(&str, f64)> = vec![
        ("overview", median_ms(|| drop(browse::overview(db, &policy).unwrap()))),
        ("facets (filter choices with counts)", median_ms(|| drop(browse::component_facets(db).unwrap()))),
        ("first page, by name", median_ms(page(ComponentQuery::default()))),
        ("page at offset 9,000", median_ms(page(ComponentQuery { offset: 9000, ..Default::default() }))),
        (
            "search 'pkg-0999'",
            median_ms(page(filtered(ComponentFilter { search: "pkg-0999".into(), ..Default::default() }))),
        ),
        (
            "search 'apache'",
            median_ms(page(filtered(ComponentFilter { search: "apache".into(), ..Default::default() }))),
        ),
        (
            "filter status pending",
            median_ms(page(filtered(ComponentFilter { status: Some(StatusFilter::Pending), ..Default::default() }))),
        ),
        (
            "filter open obligations",
            median_ms(page(filtered(ComponentFilter {
                status: Some(StatusFilter::OpenObligations),
                ..Default::default()
            }))),
        ),
        (
            "filter ecosystem npm",
            median_ms(page(filtered(ComponentFilter { ecosystem: "npm".into(), ..Default::default() }))),
        ),
        (
            "filter license GPL-2.0-only",
            median_ms(page(filtered(ComponentFilter { license: "GPL-2.0-only".into(), ..Default::default() }))),
        ),
        (
            "filter clarity: declared and detected disagree",
            median_ms(page(filtered(ComponentFilter { clarity: Some(Clarity::Disagree), ..Default::default() }))),
        ),
        (
            "sort by detected, descending",
            median_ms(page(ComponentQuery { sort: SortKey::Detected, descending: true, ..Default::default() })),
        ),
        (
            "sort by open obligations",
            median_ms(page(ComponentQuery { sort: SortKey::OpenObligations, ..Default::default() })),
        ),
        ("sort by files", median_ms(page(ComponentQuery { sort: SortKey::Files, ..Default::default() }))),
        ("component detail", median_ms(|| drop(clearance_app::review::component_detail(db, &some_component).unwrap()))),
        ("file content", median_ms(|| drop(browse::file_content(db, 1000).unwrap()))),
    ];
    // The folder tree: the scanned folders, the first one whole (every file below it is read for
    // its licenses), and its largest sub-folder.
    let roots = browse::folder(db, "").expect("the scanned folders");
    let mut rows = rows;
    rows.push(("folders: the scanned folders", median_ms(|| drop(browse::folder(db, "").unwrap()))));
    if let Some(root) = roots.folders.first() {
        let top = browse::folder(db, &root.path).unwrap();
        rows.push(("folders: the first scanned folder", median_ms(|| drop(browse::folder(db, &root.path).unwrap()))));
        if let Some(big) = top.folders.iter().max_by_key(|f| f.files) {
            let path = big.path.clone();
            rows.push(("folders: its largest sub-folder", median_ms(|| drop(browse::folder(db, &path).unwrap()))));
        }
    }
    for (what, ms) in rows {
        println!("{what:<44} {ms:>9.1}");
    }
}
