//! A category for every SPDX id: the first question a reviewer asks of a license.
//!
//! Explicit lists come first (they are where a wrong guess would hurt); families by prefix next;
//! what remains falls back on the SPDX list's own flags, and only then on `Unknown`.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "kebab-case")]
pub enum Category {
    PublicDomain,
    Permissive,
    WeakCopyleft,
    StrongCopyleft,
    NetworkCopyleft,
    /// Proprietary, non-commercial or source-available terms: not open source.
    SourceAvailable,
    /// A license exception (`WITH …`), which modifies the license it is attached to.
    Exception,
    Unknown,
}

impl Category {
    pub const ALL: [Category; 8] = [
        Category::PublicDomain,
        Category::Permissive,
        Category::WeakCopyleft,
        Category::StrongCopyleft,
        Category::NetworkCopyleft,
        Category::SourceAvailable,
        Category::Exception,
        Category::Unknown,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Category::PublicDomain => "public-domain",
            Category::Permissive => "permissive",
            Category::WeakCopyleft => "weak-copyleft",
            Category::StrongCopyleft => "strong-copyleft",
            Category::NetworkCopyleft => "network-copyleft",
            Category::SourceAvailable => "source-available",
            Category::Exception => "exception",
            Category::Unknown => "unknown",
        }
    }

    pub fn parse(s: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.as_str() == s)
    }

    /// Higher is more demanding; used to order summaries with the riskiest first.
    pub fn severity(self) -> u8 {
        match self {
            Category::PublicDomain => 0,
            Category::Permissive => 1,
            Category::Exception => 1,
            Category::WeakCopyleft => 2,
            Category::StrongCopyleft => 3,
            Category::NetworkCopyleft => 4,
            Category::Unknown => 5,
            Category::SourceAvailable => 6,
        }
    }
}

impl std::fmt::Display for Category {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

const NETWORK_COPYLEFT: &[&str] = &["AGPL-", "OSL-", "RPL-", "CPAL-1.0", "EUPL-1.2"];

const SOURCE_AVAILABLE: &[&str] = &[
    "BUSL-",
    "SSPL-",
    "Elastic-",
    "PolyForm-",
    "CC-BY-NC",
    "CC-BY-ND",
    "CC-NC",
    "CC-ND",
    "Commons-Clause",
    "Confluent-",
    "Parity-",
    "Prosperity-",
    "BSD-3-Clause-No-Military-License",
    "Hippocratic-",
    "JSON",
    "NCL",
    "NPOSL-3.0",
    "SISSL",
    "Watcom-1.0",
    "RPSL-1.0",
    "APSL-1.",
    "Aladdin",
    "NASA-1.3",
    "AMPAS",
    "Sendmail",
    "Sun-PPP",
    "HPND-Pbmplus",
];

const STRONG_COPYLEFT: &[&str] = &[
    "GPL-",
    "EUPL-",
    "CECILL-1",
    "CECILL-2",
    "CC-BY-SA",
    "Sleepycat",
    "QPL-",
    "Vim",
    "ODbL-",
    "OSL-",
    "GFDL-",
    "Arphic-",
    "IPL-1.0",
    "Nokia",
    "SimPL-2.0",
    "CPOL-",
    "TAPR-OHL-1.0",
    "CERN-OHL-S-",
    "LiLiQ-R",
    "copyleft-next",
    "eCos-2.0",
    "wxWindows",
    "OGDL-Taiwan",
    "Interbase-1.0",
    "GPL-CC-1.0",
    "BSD-Protection",
    "AGPL-",
];

const WEAK_COPYLEFT: &[&str] = &[
    "LGPL",
    "MPL-",
    "EPL-",
    "CDDL-",
    "CPL-",
    "MS-RL",
    "CECILL-C",
    "APSL-2.0",
    "LPPL-1.3c",
    "ErlPL-",
    "IPA",
    "LiLiQ-Rplus",
    "NPL-",
    "OCLC-2.0",
    "SPL-1.0",
    "Motosoto",
    "CERN-OHL-W-",
    "OFL-",
    "EUDatagrid",
    "LPL-",
    "MulanPSL-1.0",
    "gSOAP-1.3b",
    "RSCPL",
    "YPL-",
    "CUA-OPL-1.0",
    "Zimbra-",
    "xinetd",
    "OpenPBS-2.3",
    "UCL-1.0",
    "SugarCRM-1.1.3",
];

const PUBLIC_DOMAIN: &[&str] = &[
    "CC0-1.0",
    "Unlicense",
    "CC-PDDC",
    "PDDL-1.0",
    "SAX-PD",
    "libselinux-1.0",
    "blessing",
    "Public-Domain",
    "LicenseRef-public-domain",
    "NIST-PD",
    "ODC-By-1.0",
    "CC-PDM-1.0",
    "0BSD",
    "MIT-0",
    "WTFPL",
    "Unlicense-libtelnet",
    "Unlicense-libwhirlpool",
];

const PERMISSIVE: &[&str] = &[
    "MIT",
    "BSD",
    "Apache-",
    "ISC",
    "Zlib",
    "zlib",
    "X11",
    "X.Net",
    "libpng",
    "curl",
    "HPND",
    "NCSA",
    "PSF-",
    "Python-",
    "CNRI-Python",
    "Artistic-2.0",
    "AFL-",
    "BSL-1.0",
    "Boost",
    "UPL-1.0",
    "W3C",
    "ICU",
    "Unicode-",
    "OpenSSL",
    "SSLeay",
    "Info-ZIP",
    "Beerware",
    "Fair",
    "Zend-",
    "PHP-",
    "PostgreSQL",
    "TCL",
    "Xnet",
    "Xerox",
    "FSFAP",
    "FSFUL",
    "FTL",
    "IJG",
    "ImageMagick",
    "Intel",
    "JasPer",
    "Libpng",
    "MirOS",
    "MS-PL",
    "Multics",
    "Naumen",
    "NTP",
    "OLDAP-",
    "OpenLDAP",
    "PHP",
    "Qhull",
    "Spencer-",
    "SMLNJ",
    "TU-Berlin",
    "UCAR",
    "Unicode-DFS",
    "UnixCrypt",
    "VSL-1.0",
    "W3C-",
    "Xfig",
    "ZPL-",
    "CC-BY-",
    "ECL-",
    "EFL-",
    "Entessa",
    "AAL",
    "ADSL",
    "AML",
    "AMDPLPA",
    "Bahyph",
    "Barr",
    "bzip2-",
    "Caldera",
    "CDLA-Permissive",
    "CECILL-B",
    "ClArtistic",
    "Cube",
    "diffmark",
    "DOC",
    "Dotseqn",
    "dvipdfm",
    "eGenix",
    "EUDatagrid",
    "Fair",
    "FreeBSD-DOC",
    "Glide",
    "Glulxe",
    "gnuplot",
    "HTMLTIDY",
    "ICU",
    "Imlib2",
    "Latex2e",
    "Leptonica",
    "LPPL-",
    "MTLL",
    "mpich2",
    "Newsletr",
    "Noweb",
    "NRL",
    "OGL-",
    "OGTSL",
    "PDDL",
    "Plexus",
    "psutils",
    "Rdisc",
    "Saxpath",
    "SCEA",
    "SGI-B-",
    "SWL",
    "TCP-wrappers",
    "TMate",
    "TORQUE-1.1",
    "TOSL",
    "Unlicense",
    "Vixie-Cron",
    "VOSTROM",
    "WTFPL",
    "X11-",
    "xpp",
    "XSkat",
    "Zed",
    "ZPL",
    "MulanPSL-2.0",
    "Linux-OpenIB",
    "CERN-OHL-P-",
    "BlueOak-",
    "Apache",
    "Python",
    "NAIST-2003",
    "BitTorrent-",
    "Sendmail-8.23",
    "Boehm-GC",
    "Ruby",
    "Artistic-1.0",
];

fn matches_any(id: &str, list: &[&str]) -> bool {
    list.iter().any(|p| {
        if p.ends_with('-') || p.ends_with('.') {
            id.starts_with(p)
        } else {
            id == *p || (id.starts_with(p) && id[p.len()..].starts_with(['-', '.']))
        }
    })
}

/// Every SPDX id's category, worked out once: `license()` asks for it on every lookup, and a
/// scan looks licenses up for every finding.
static SPDX_CATEGORIES: std::sync::LazyLock<rustc_hash::FxHashMap<&'static str, Category>> =
    std::sync::LazyLock::new(|| {
        spdx::identifiers::LICENSES
            .iter()
            .map(|l| l.name)
            .chain(spdx::identifiers::EXCEPTIONS.iter().map(|e| e.name))
            .map(|id| (id, category_uncached(id)))
            .collect()
    });

/// The category of an SPDX license id (or `LicenseRef-…`, which is always `Unknown` unless it is
/// one of the public-domain markers).
pub fn category_of(id: &str) -> Category {
    let id = id.trim_end_matches('+');
    if let Some(c) = SPDX_CATEGORIES.get(id) {
        return *c;
    }
    category_uncached(id)
}

fn category_uncached(id: &str) -> Category {
    if id.starts_with("LicenseRef-scancode-") {
        // ScanCode's LicenseDB says what kind of license each of its own is.
        let known = crate::rules::RuleIndex::shared().license_by_id(id).map(|l| l.category.to_string());
        return match known.as_deref() {
            Some("Permissive") => Category::Permissive,
            Some("Public Domain") => Category::PublicDomain,
            Some("Copyleft Limited") => Category::WeakCopyleft,
            Some("Copyleft") => Category::StrongCopyleft,
            Some("Proprietary Free" | "Commercial" | "Source-available" | "Free Restricted") => {
                Category::SourceAvailable
            }
            _ => Category::Unknown,
        };
    }
    if id.starts_with("LicenseRef-") {
        return if PUBLIC_DOMAIN.contains(&id) { Category::PublicDomain } else { Category::Unknown };
    }
    if spdx::exception_id(id).is_some() {
        return Category::Exception;
    }
    // Order matters: the more demanding lists are checked before the broad permissive prefixes
    // (e.g. "CC-BY-NC-SA" must not fall under "CC-BY-"), and the library GPLs before "GPL-".
    if matches_any(id, SOURCE_AVAILABLE) {
        return Category::SourceAvailable;
    }
    if matches_any(id, NETWORK_COPYLEFT) {
        return Category::NetworkCopyleft;
    }
    if matches_any(id, PUBLIC_DOMAIN) {
        return Category::PublicDomain;
    }
    if matches_any(id, WEAK_COPYLEFT) {
        return Category::WeakCopyleft;
    }
    if matches_any(id, STRONG_COPYLEFT) {
        return Category::StrongCopyleft;
    }
    if matches_any(id, PERMISSIVE) {
        return Category::Permissive;
    }
    match spdx::license_id(id) {
        Some(l) if l.is_copyleft() => Category::StrongCopyleft,
        Some(l) if l.is_osi_approved() || l.is_fsf_free_libre() => Category::Permissive,
        _ => Category::Unknown,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn well_known_licenses_are_categorised() {
        let cases = [
            ("MIT", Category::Permissive),
            ("Apache-2.0", Category::Permissive),
            ("BSD-3-Clause", Category::Permissive),
            ("ISC", Category::Permissive),
            ("CC-BY-4.0", Category::Permissive),
            ("0BSD", Category::PublicDomain),
            ("CC0-1.0", Category::PublicDomain),
            ("Unlicense", Category::PublicDomain),
            ("LGPL-2.1-or-later", Category::WeakCopyleft),
            ("LGPL-3.0-only", Category::WeakCopyleft),
            ("MPL-2.0", Category::WeakCopyleft),
            ("EPL-2.0", Category::WeakCopyleft),
            ("CDDL-1.0", Category::WeakCopyleft),
            ("GPL-2.0-only", Category::StrongCopyleft),
            ("GPL-3.0-or-later", Category::StrongCopyleft),
            ("CC-BY-SA-4.0", Category::StrongCopyleft),
            ("AGPL-3.0-only", Category::NetworkCopyleft),
            ("OSL-3.0", Category::NetworkCopyleft),
            ("SSPL-1.0", Category::SourceAvailable),
            ("BUSL-1.1", Category::SourceAvailable),
            ("CC-BY-NC-SA-4.0", Category::SourceAvailable),
            ("CC-BY-ND-4.0", Category::SourceAvailable),
            ("Elastic-2.0", Category::SourceAvailable),
            ("LLVM-exception", Category::Exception),
            ("LicenseRef-acme-proprietary", Category::Unknown),
            // ScanCode's category, for licenses on no SPDX list.
            ("LicenseRef-scancode-4suite-1.1", Category::Permissive),
            ("LicenseRef-scancode-altermime", Category::WeakCopyleft),
            ("LicenseRef-scancode-commercial-license", Category::SourceAvailable),
        ];
        for (id, want) in cases {
            assert_eq!(category_of(id), want, "{id}");
        }
    }

    #[test]
    fn every_spdx_id_has_a_category_and_few_are_unknown() {
        let all: Vec<_> = crate::licenses().collect();
        let unknown: Vec<_> = all.iter().filter(|l| l.category == Category::Unknown).collect();
        // Unknown is an honest answer for obscure one-off licenses, but it must stay the exception.
        assert!(unknown.len() * 3 < all.len(), "{} of {} ids are unknown", unknown.len(), all.len());
        for c in Category::ALL {
            assert_eq!(Category::parse(c.as_str()), Some(c));
        }
    }
}
