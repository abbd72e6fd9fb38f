//! Matching package versions against the real advisories: expectations read off the records by
//! hand (RustSec's ranges), and PyPA's own `versions` lists against its ranges.

use std::path::Path;
use std::sync::OnceLock;

use clearance_advisories::{AdvisoryDb, Affects, PackageRef, affects, from_purl, key};

fn dump(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/osv").join(name)
}

/// One database with both real dumps, shared by the tests of this file.
fn db() -> &'static std::sync::Mutex<AdvisoryDb> {
    static DB: OnceLock<(tempfile::TempDir, std::sync::Mutex<AdvisoryDb>)> = OnceLock::new();
    &DB.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let mut db = AdvisoryDb::open(&dir.path().join("a.sqlite")).unwrap();
        assert!(!db.import(&[dump("crates.io-all.zip"), dump("PyPI-all.zip")]).unwrap().failed());
        (dir, std::sync::Mutex::new(db))
    })
    .1
}

/// The ids of the records that affect `purl` for sure.
fn affected(purl: &str) -> Vec<String> {
    let p = from_purl(purl).unwrap();
    let db = db().lock().unwrap_or_else(|e| e.into_inner());
    db.matches(&p).unwrap().into_iter().filter(|m| m.affects == Affects::Yes).map(|m| m.id).collect()
}

#[test]
fn crates_match_the_advisories_a_careful_reader_finds_in_the_records() {
    // smallvec: RUSTSEC-2018-0018 (< 0.6.13), 2019-0009 (0.6.5 - 0.6.10), 2019-0012 (0.6.3 -
    // 0.6.10), 2021-0003 (0.6.3 - 0.6.14, 1.0.0 - 1.6.1); 2018-0003 stops at 0.6.3.
    assert_eq!(
        affected("pkg:cargo/smallvec@0.6.9"),
        ["RUSTSEC-2018-0018", "RUSTSEC-2019-0009", "RUSTSEC-2019-0012", "RUSTSEC-2021-0003"]
    );
    assert_eq!(affected("pkg:cargo/smallvec@1.6.0"), ["RUSTSEC-2021-0003"]);
    assert!(affected("pkg:cargo/smallvec@1.6.1").is_empty(), "fixed is not affected");
    // tokio 1.20.3: fixed for RUSTSEC-2023-0001 (1.19.0 - 1.20.3), not for 2023-0005 (- 1.20.4)
    // nor 2025-0023 (0.2.5 - 1.38.2).
    assert_eq!(affected("pkg:cargo/tokio@1.20.3"), ["RUSTSEC-2023-0005", "RUSTSEC-2025-0023"]);
    // time's pre-release steps: 0.2.6 is a fix of RUSTSEC-2020-0071; 0.2.22 is in its last range.
    assert!(affected("pkg:cargo/time@0.2.6").is_empty());
    assert_eq!(affected("pkg:cargo/time@0.2.22"), ["RUSTSEC-2020-0071"]);
    // A crate with no advisory.
    assert!(affected("pkg:cargo/clearance-store@0.1.0").is_empty());
}

#[test]
fn an_unknown_version_is_possibly_affected_never_silently_clean() {
    let db = db().lock().unwrap_or_else(|e| e.into_inner());
    let m = db.matches(&PackageRef { ecosystem: "crates.io".into(), name: "smallvec".into(), version: None }).unwrap();
    assert_eq!(m.len(), 5, "smallvec has five RustSec records: {m:?}");
    assert!(m.iter().all(|x| matches!(&x.affects, Affects::Possibly(why) if why.contains("not known"))));
    // A version the ecosystem cannot read is "possibly" too.
    let odd = db.matches(&from_purl("pkg:cargo/smallvec@not-a-version").unwrap()).unwrap();
    assert!(!odd.is_empty() && odd.iter().all(|x| matches!(x.affects, Affects::Possibly(_))), "{odd:?}");
}

/// PyPA lists every affected version beside its ranges: reading the ranges in PEP 440 order must
/// give the same answer for each listed version.
#[test]
fn pypi_ranges_in_pep440_order_agree_with_the_records_own_versions_lists() {
    let db = db().lock().unwrap_or_else(|e| e.into_inner());
    let (mut checked, mut disagree) = (0, Vec::new());
    let mut ids: Vec<String> = Vec::new();
    let file = std::fs::File::open(dump("PyPI-all.zip")).unwrap();
    let zip = zip::ZipArchive::new(file).unwrap();
    for name in zip.file_names() {
        ids.push(name.trim_end_matches(".json").to_string());
    }
    for id in ids {
        let record = db.record(&id).unwrap().unwrap();
        if record.get("withdrawn").is_some_and(|w| !w.is_null()) {
            continue;
        }
        for a in record["affected"].as_array().unwrap() {
            let has_ranges = a["ranges"].as_array().is_some_and(|r| r.iter().any(|r| r["type"] == "ECOSYSTEM"));
            if !has_ranges {
                continue;
            }
            let name = a["package"]["name"].as_str().unwrap();
            // The ranges alone: the same record without its versions list.
            let mut ranges_only = record.clone();
            for x in ranges_only["affected"].as_array_mut().unwrap() {
                x["versions"] = serde_json::json!([]);
            }
            for v in a["versions"].as_array().into_iter().flatten().filter_map(|v| v.as_str()) {
                if v.parse::<pep440_rs::Version>().is_err() {
                    continue;
                }
                checked += 1;
                if affects(&ranges_only, "PyPI", name, Some(v)) != Some(Affects::Yes) {
                    disagree.push(format!("{id} {name} {v}"));
                }
            }
        }
    }
    assert!(checked > 100_000, "{checked} listed versions checked");
    // Where they differ the record's own list is wider than its ranges read by PEP 440, and the
    // matcher reports those versions anyway (it reads the list first): gevent lists 23.9.0, the
    // version its ECOSYSTEM range says fixed it (the list came from its GIT range); Django lists
    // the 3.2 and 4.2 pre-releases, which PEP 440 orders before the `introduced` 3.2 and 4.2;
    // wagtail's one range has its events out of order (2.11–2.11.7 and 0–2.11.6 overlapping).
    assert_eq!(
        disagree,
        [
            "PYSEC-2023-177 gevent 23.9.0",
            "PYSEC-2023-177 gevent 23.9.0.post1",
            "PYSEC-2023-61 django 3.2a1",
            "PYSEC-2023-61 django 3.2b1",
            "PYSEC-2023-61 django 3.2rc1",
            "PYSEC-2023-61 django 4.2a1",
            "PYSEC-2023-61 django 4.2b1",
            "PYSEC-2023-61 django 4.2rc1",
            "PYSEC-2021-114 wagtail 2.11.6",
        ],
        "of {checked} listed versions"
    );
    for d in &disagree {
        let mut parts = d.split(' ');
        let (_, name, v) = (parts.next(), parts.next().unwrap(), parts.next().unwrap());
        let m =
            db.matches(&PackageRef { ecosystem: "PyPI".into(), name: name.into(), version: Some(v.into()) }).unwrap();
        assert!(m.iter().any(|x| x.affects == Affects::Yes), "{d}: the listed version is still reported");
    }
}

#[test]
fn pypi_names_compare_as_pypi_compares_them() {
    assert_eq!(key("PyPI", "Products.PythonScripts"), "products-pythonscripts");
    assert_eq!(key("PyPI", "zope__interface"), "zope-interface");
    assert_eq!(key("crates.io", "Serde_Json"), "Serde_Json");
    let db = db().lock().unwrap_or_else(|e| e.into_inner());
    let spelled = |name: &str| db.records_for("PyPI", name).unwrap();
    // PyPA spells one name with a dot; a lockfile may spell it any PEP 503-equal way.
    assert!(!spelled("jw.util").is_empty());
    assert_eq!(spelled("JW_Util"), spelled("jw.util"));
    assert_eq!(spelled("jw-util"), spelled("jw.util"));
}

#[test]
fn package_urls_name_the_osv_package() {
    let p = |s: &str| from_purl(s).map(|p| (p.ecosystem, p.name, p.version));
    let t = |e: &str, n: &str, v: Option<&str>| Some((e.to_string(), n.to_string(), v.map(str::to_string)));
    assert_eq!(p("pkg:cargo/smallvec@1.6.0"), t("crates.io", "smallvec", Some("1.6.0")));
    assert_eq!(p("pkg:pypi/Django@4.2.1?extra=x#sub"), t("PyPI", "Django", Some("4.2.1")));
    assert_eq!(p("pkg:npm/%40babel/core@7.0.0"), t("npm", "@babel/core", Some("7.0.0")));
    assert_eq!(
        p("pkg:maven/org.apache.commons/commons-text@1.9"),
        t("Maven", "org.apache.commons:commons-text", Some("1.9"))
    );
    assert_eq!(p("pkg:golang/github.com/gin-gonic/gin@v1.9.0"), t("Go", "github.com/gin-gonic/gin", Some("v1.9.0")));
    assert_eq!(p("pkg:cargo/no-version"), t("crates.io", "no-version", None));
    // Odd characters are decoded, a broken escape kept; what OSV does not cover is None.
    assert_eq!(p("pkg:npm/caf%C3%A9@1.0.0%2Bbuild"), t("npm", "café", Some("1.0.0+build")));
    assert_eq!(p("pkg:npm/bad%zzname@1"), t("npm", "bad%zzname", Some("1")));
    assert_eq!(
        p("pkg:deb/debian/openssl@3.0.11-1~deb12u2?arch=amd64"),
        t("Debian", "openssl", Some("3.0.11-1~deb12u2"))
    );
    assert_eq!(p("pkg:deb/ubuntu/openssl@3.0.2-0ubuntu1.15"), t("Ubuntu", "openssl", Some("3.0.2-0ubuntu1.15")));
    assert_eq!(p("pkg:generic/thing@1"), None);
    assert_eq!(p("not a purl"), None);
    assert_eq!(p("pkg:cargo/"), None);
}

#[test]
fn records_without_version_ranges_cannot_be_decided_offline() {
    // Made here: no real record in these dumps is GIT-only for a package.
    let record = serde_json::json!({
        "id": "TEST-GIT", "modified": "2026-01-01T00:00:00Z",
        "affected": [{"package": {"ecosystem": "PyPI", "name": "gitonly"},
                      "ranges": [{"type": "GIT", "repo": "https://example.org/r", "events": [{"introduced": "abc"}, {"fixed": "def"}]}]}]
    });
    assert!(matches!(affects(&record, "PyPI", "gitonly", Some("1.0")), Some(Affects::Undecidable(_))));
    // Withdrawn: ignored.
    let mut withdrawn = record.clone();
    withdrawn["withdrawn"] = serde_json::json!("2026-02-01T00:00:00Z");
    assert_eq!(affects(&withdrawn, "PyPI", "gitonly", Some("1.0")), None);
    // An ecosystem whose version order Clearance does not have is not guessed.
    let hackage = serde_json::json!({
        "id": "TEST-HS", "modified": "2026-01-01T00:00:00Z",
        "affected": [{"package": {"ecosystem": "Hackage", "name": "aeson"},
                      "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "2.0"}]}]}]
    });
    assert!(
        matches!(affects(&hackage, "Hackage", "aeson", Some("1.0")), Some(Affects::Undecidable(why)) if why.contains("Hackage"))
    );
    // last_affected closes after the version it names.
    let last = serde_json::json!({
        "id": "TEST-LAST", "modified": "2026-01-01T00:00:00Z",
        "affected": [{"package": {"ecosystem": "crates.io", "name": "x"},
                      "ranges": [{"type": "SEMVER", "events": [{"introduced": "1.0.0"}, {"last_affected": "1.2.0"}]}]}]
    });
    assert_eq!(affects(&last, "crates.io", "x", Some("1.2.0")), Some(Affects::Yes));
    assert_eq!(affects(&last, "crates.io", "x", Some("1.2.1")), None);
    assert_eq!(affects(&last, "crates.io", "x", Some("0.9.0")), None);
}

/// Made here: the real dumps hold one database's records each; OSV's own crates.io dump also has
/// GitHub's records of the same vulnerabilities, which name the RUSTSEC id among their aliases.
#[test]
fn records_of_one_vulnerability_are_one_match() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = AdvisoryDb::open(&dir.path().join("a.sqlite")).unwrap();
    db.import(&[dump("crates.io-all.zip")]).unwrap();
    let ghsa = serde_json::json!({
        "id": "GHSA-43w2-9j62-hq99", "modified": "2026-01-01T00:00:00Z",
        "aliases": ["CVE-2021-25900", "RUSTSEC-2021-0003"], "summary": "Buffer overflow in SmallVec::insert_many",
        "affected": [{"package": {"ecosystem": "crates.io", "name": "smallvec"},
                      "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0.6.3"}, {"fixed": "0.6.14"}]}]}]
    });
    let file = dir.path().join("GHSA-43w2-9j62-hq99.json");
    std::fs::write(&file, ghsa.to_string()).unwrap();
    assert_eq!(db.import(&[file]).unwrap().added(), 1);
    let m = db.matches(&from_purl("pkg:cargo/smallvec@0.6.9").unwrap()).unwrap();
    let ids: Vec<&str> = m.iter().map(|x| x.id.as_str()).collect();
    assert_eq!(ids, ["GHSA-43w2-9j62-hq99", "RUSTSEC-2018-0018", "RUSTSEC-2019-0009", "RUSTSEC-2019-0012"], "{m:?}");
    let merged = &m[0];
    assert!(
        merged.aliases.contains(&"RUSTSEC-2021-0003".to_string())
            && merged.aliases.contains(&"CVE-2021-25900".to_string())
    );
    assert_eq!(merged.affects, Affects::Yes);
}

/// Scores come from the records' own vectors: CVSS 3.1 (RustSec's top-level and per-package
/// vectors) and 4.0, the highest kept.
#[test]
fn a_match_carries_the_highest_cvss_score_its_record_gives() {
    let db = db().lock().unwrap_or_else(|e| e.into_inner());
    let m = db.matches(&from_purl("pkg:cargo/smallvec@1.6.0").unwrap()).unwrap();
    let overflow = m.iter().find(|x| x.id == "RUSTSEC-2021-0003").unwrap();
    // CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H is 9.8, critical.
    assert_eq!((overflow.score, overflow.severity.as_deref()), (Some(9.8), Some("critical")));
    assert_eq!(overflow.vector.as_deref(), Some("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"));
    // A CVSS 4.0 vector alone is read and scored (the score is the cvss crate's, RustSec's own
    // implementation of the specification); its severity is the specification's band for it.
    let v4 = db.record("RUSTSEC-2024-0445").unwrap().unwrap();
    let (score, severity, vector) = clearance_advisories::severity_of(&v4).unwrap();
    assert!(vector.starts_with("CVSS:4.0/") && (0.1..=10.0).contains(&score), "{score} {vector}");
    let band = match score {
        s if s >= 9.0 => "critical",
        s if s >= 7.0 => "high",
        s if s >= 4.0 => "medium",
        _ => "low",
    };
    assert_eq!(severity, band, "{score}");
    // No vector, no score (most PyPA records).
    let pysec = db.record("PYSEC-2021-8").unwrap().unwrap();
    assert_eq!(clearance_advisories::severity_of(&pysec), None);
    assert_eq!(
        clearance_advisories::severity_of(
            &serde_json::json!({"severity": [{"type": "CVSS_V3", "score": "not a vector"}]})
        ),
        None
    );
}

/// One record with an `ECOSYSTEM` range of `ecosystem`, `introduced` to `fixed`.
fn ranged(ecosystem: &str, name: &str, introduced: &str, fixed: &str) -> serde_json::Value {
    serde_json::json!({
        "id": format!("TEST-{ecosystem}"), "modified": "2026-01-01T00:00:00Z",
        "affected": [{"package": {"ecosystem": ecosystem, "name": name},
                      "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": introduced}, {"fixed": fixed}]}]}]
    })
}

/// Ranges in each ecosystem's own order, shaped like real advisories of those ecosystems (the
/// dumps in fixtures/osv hold crates.io and PyPI only): a version just inside and just outside
/// each end, where a naive order (string, or SemVer) would answer wrongly.
#[test]
fn ecosystem_ranges_are_read_in_each_ecosystem_s_order() {
    let yes = |r: &serde_json::Value, e: &str, n: &str, v: &str| affects(r, e, n, Some(v)) == Some(Affects::Yes);
    let no = |r: &serde_json::Value, e: &str, n: &str, v: &str| affects(r, e, n, Some(v)).is_none();
    // Maven (like log4j-core's Log4Shell range): qualifiers before the release.
    let log4j = ranged("Maven", "org.apache.logging.log4j:log4j-core", "2.0-beta9", "2.15.0");
    let n = "org.apache.logging.log4j:log4j-core";
    assert!(no(&log4j, "Maven", n, "2.0-beta8") && no(&log4j, "Maven", n, "2.0-alpha1"));
    assert!(
        yes(&log4j, "Maven", n, "2.0-beta9") && yes(&log4j, "Maven", n, "2.0-rc1") && yes(&log4j, "Maven", n, "2.0")
    );
    assert!(yes(&log4j, "Maven", n, "2.14.1") && yes(&log4j, "Maven", n, "2.15.0-rc1"));
    assert!(no(&log4j, "Maven", n, "2.15.0") && no(&log4j, "Maven", n, "2.16.0"));
    // NuGet: a fourth number, pre-releases before their release.
    let nuget = ranged("NuGet", "System.Text.Encodings.Web", "4.0.0", "4.5.1");
    assert!(yes(&nuget, "NuGet", "System.Text.Encodings.Web", "4.5.0.1"));
    assert!(yes(&nuget, "NuGet", "System.Text.Encodings.Web", "4.5.1-preview1"));
    assert!(
        no(&nuget, "NuGet", "System.Text.Encodings.Web", "4.5.1")
            && no(&nuget, "NuGet", "System.Text.Encodings.Web", "4.10.0")
    );
    // RubyGems: "1.13.10" after "1.13.9", pre-releases by letter.
    let gem = ranged("RubyGems", "nokogiri", "0", "1.13.10");
    assert!(yes(&gem, "RubyGems", "nokogiri", "1.13.9") && yes(&gem, "RubyGems", "nokogiri", "1.13.10.rc1"));
    assert!(no(&gem, "RubyGems", "nokogiri", "1.13.10") && no(&gem, "RubyGems", "nokogiri", "1.14.0"));
    // Packagist: PHP's order, "-RC" before the release, "v" prefixes read.
    let php = ranged("Packagist", "symfony/http-kernel", "5.4.0", "5.4.20");
    assert!(
        yes(&php, "Packagist", "symfony/http-kernel", "v5.4.19")
            && yes(&php, "Packagist", "symfony/http-kernel", "5.4.20-RC1")
    );
    assert!(
        no(&php, "Packagist", "symfony/http-kernel", "5.4.20")
            && no(&php, "Packagist", "symfony/http-kernel", "5.3.99")
    );
    // Debian: "~" before everything, epochs first; OSV's "Debian:12" is Debian.
    let mut deb = ranged("Debian:12", "openssl", "0", "3.0.11-1~deb12u2");
    assert!(yes(&deb, "Debian", "openssl", "3.0.11-1~deb12u1") && yes(&deb, "Debian", "openssl", "3.0.9-1"));
    assert!(no(&deb, "Debian", "openssl", "3.0.11-1~deb12u2") && no(&deb, "Debian", "openssl", "3.0.11-1"));
    deb["affected"][0]["ranges"][0]["events"][1]["fixed"] = serde_json::json!("1:1.0-1");
    assert!(yes(&deb, "Debian", "openssl", "3.0.11-1"), "an epoch outranks every version without one");
    // A version that is not one of the ecosystem's is "possibly", never "not affected".
    assert!(matches!(affects(&gem, "RubyGems", "nokogiri", Some("1.0 beta")), Some(Affects::Possibly(_))));
}

/// Events listed out of order (as some records do) are put in version order before a range is
/// read; an event that is not a version makes the answer "possibly", not "no".
#[test]
fn range_events_out_of_order_are_read_in_version_order() {
    let record = serde_json::json!({
        "id": "TEST-ORDER", "modified": "2026-01-01T00:00:00Z",
        "affected": [{"package": {"ecosystem": "crates.io", "name": "x"},
                      "ranges": [{"type": "SEMVER", "events": [{"fixed": "1.5.0"}, {"introduced": "1.2.0"}]}]}]
    });
    assert_eq!(affects(&record, "crates.io", "x", Some("1.3.0")), Some(Affects::Yes));
    assert_eq!(affects(&record, "crates.io", "x", Some("1.1.0")), None);
    assert_eq!(affects(&record, "crates.io", "x", Some("1.5.0")), None);
    let mut broken = record.clone();
    broken["affected"][0]["ranges"][0]["events"][0] = serde_json::json!({"fixed": "not a version"});
    assert!(matches!(affects(&broken, "crates.io", "x", Some("1.3.0")), Some(Affects::Possibly(_))));
}
