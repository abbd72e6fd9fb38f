//! The obligations catalogue: what each license asks of whoever distributes the work, written
//! by us from the licenses' own terms (checked against choosealicense.com's condition tags in
//! the tests; OSADL's checklists were a reference). Each obligation has a kind, the kinds of
//! distribution that trigger it, and its scope. A license the catalogue does not know yields a
//! single "needs legal review" obligation: never silence.

use serde::{Deserialize, Serialize};

/// How the release reaches its users; the wire word is `as_str`'s (`saas` for a network service).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "kebab-case")]
pub enum Distribution {
    /// Shipping source code.
    Source,
    /// Shipping binaries (executables, libraries, firmware, app bundles).
    Binary,
    /// Letting users interact with the software over a network (SaaS).
    #[serde(rename = "saas")]
    Network,
}

impl Distribution {
    pub const ALL: [Distribution; 3] = [Distribution::Source, Distribution::Binary, Distribution::Network];

    pub fn as_str(self) -> &'static str {
        match self {
            Distribution::Source => "source",
            Distribution::Binary => "binary",
            Distribution::Network => "saas",
        }
    }

    pub fn parse(s: &str) -> Option<Distribution> {
        match s {
            "source" => Some(Distribution::Source),
            "binary" => Some(Distribution::Binary),
            "saas" | "network" => Some(Distribution::Network),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "kebab-case")]
pub enum Scope {
    /// The files under the license (MPL, CDDL).
    File,
    /// The library or module under the license (LGPL, EPL).
    Library,
    /// The whole work that includes it (GPL).
    WholeWork,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "kebab-case")]
pub enum ObligationKind {
    /// Keep copyright notices and disclaimers; credit the authors.
    Attribution,
    /// Give recipients the license text.
    IncludeLicenseText,
    /// Pass on the NOTICE file (Apache-2.0 §4(d)).
    PropagateNotice,
    /// Mark modified files or document changes.
    StateChanges,
    /// Make the corresponding source available.
    DiscloseSource,
    /// Modifications (or the combined work) under the same license.
    SameLicense,
    /// Offer the source to users who interact with the software over a network.
    NetworkDisclosure,
    /// No use of names or trademarks to endorse or promote.
    NoEndorsement,
    /// Patent grant and termination terms to be aware of.
    PatentTerms,
    /// Installation information for user products (GPLv3 §6, LGPLv3).
    InstallationInfo,
    /// Allow modification and reverse engineering of the combined work for debugging; allow
    /// relinking (LGPL).
    AllowRelinking,
    /// Restrictions on use (non-commercial, competing services, field of use).
    UseRestrictions,
    /// The catalogue cannot say: a lawyer must read the license.
    NeedsLegalReview,
}

impl ObligationKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ObligationKind::Attribution => "attribution",
            ObligationKind::IncludeLicenseText => "include-license-text",
            ObligationKind::PropagateNotice => "propagate-notice",
            ObligationKind::StateChanges => "state-changes",
            ObligationKind::DiscloseSource => "disclose-source",
            ObligationKind::SameLicense => "same-license",
            ObligationKind::NetworkDisclosure => "network-disclosure",
            ObligationKind::NoEndorsement => "no-endorsement",
            ObligationKind::PatentTerms => "patent-terms",
            ObligationKind::InstallationInfo => "installation-info",
            ObligationKind::AllowRelinking => "allow-relinking",
            ObligationKind::UseRestrictions => "use-restrictions",
            ObligationKind::NeedsLegalReview => "needs-legal-review",
        }
    }
}

/// One obligation of one license.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Obligation {
    /// Stable key, unique within a license: the kind, or the kind with a suffix.
    pub key: &'static str,
    pub kind: ObligationKind,
    pub triggers: Vec<Distribution>,
    pub scope: Scope,
    /// What the reviewer must see done, in one sentence.
    pub summary: &'static str,
}

impl Obligation {
    pub fn triggered_by(&self, modes: &[Distribution]) -> bool {
        self.triggers.iter().any(|t| modes.contains(t))
    }
}

use Distribution::{Binary as B, Network as N, Source as S};
use ObligationKind as K;

fn ob(kind: K, triggers: &[Distribution], scope: Scope, summary: &'static str) -> Obligation {
    Obligation { key: kind.as_str(), kind, triggers: triggers.to_vec(), scope, summary }
}

fn keyed(key: &'static str, kind: K, triggers: &[Distribution], scope: Scope, summary: &'static str) -> Obligation {
    Obligation { key, kind, triggers: triggers.to_vec(), scope, summary }
}

fn notice_permissive() -> Vec<Obligation> {
    vec![
        ob(
            K::Attribution,
            &[S, B],
            Scope::Library,
            "Keep the copyright notices in every copy, source or binary (e.g. in the attribution file).",
        ),
        ob(
            K::IncludeLicenseText,
            &[S, B],
            Scope::Library,
            "Include the license text with every copy, source or binary.",
        ),
    ]
}

fn bsd3() -> Vec<Obligation> {
    let mut v = notice_permissive();
    v.push(ob(
        K::NoEndorsement,
        &[S, B],
        Scope::Library,
        "Do not use the names of the authors or contributors to endorse or promote the product.",
    ));
    v
}

fn bsd4() -> Vec<Obligation> {
    let mut v = bsd3();
    v.push(keyed(
        "advertising-acknowledgement",
        K::Attribution,
        &[S, B],
        Scope::Library,
        "Advertising materials that mention the product must carry the acknowledgement the license prescribes.",
    ));
    v
}

fn source_only_notice() -> Vec<Obligation> {
    vec![
        ob(K::Attribution, &[S], Scope::Library, "Keep the copyright notice in source copies."),
        ob(
            K::IncludeLicenseText,
            &[S],
            Scope::Library,
            "Keep the license text with source copies (binaries are exempt).",
        ),
    ]
}

fn apache2() -> Vec<Obligation> {
    vec![
        ob(K::IncludeLicenseText, &[S, B], Scope::Library, "Give every recipient a copy of the Apache License 2.0."),
        ob(
            K::Attribution,
            &[S],
            Scope::Library,
            "Keep all copyright, patent, trademark and attribution notices in the source form.",
        ),
        ob(
            K::PropagateNotice,
            &[S, B],
            Scope::Library,
            "Reproduce the component's NOTICE file (if any) in the distribution's notices, documentation or UI.",
        ),
        ob(K::StateChanges, &[S], Scope::File, "Mark modified files with a prominent notice that they were changed."),
        ob(
            K::PatentTerms,
            &[S, B],
            Scope::Library,
            "The patent license ends for anyone who sues over patents in the work.",
        ),
        ob(
            K::NoEndorsement,
            &[S, B],
            Scope::Library,
            "No use of the licensor's trade names or trademarks beyond describing the origin.",
        ),
    ]
}

fn gpl2() -> Vec<Obligation> {
    vec![
        ob(K::IncludeLicenseText, &[S, B], Scope::WholeWork, "Give every recipient a copy of the GPL with the work."),
        ob(
            K::Attribution,
            &[S, B],
            Scope::WholeWork,
            "Keep copyright notices and the notices that refer to the license and the absence of warranty intact.",
        ),
        ob(
            K::StateChanges,
            &[S, B],
            Scope::File,
            "Modified files must carry prominent notices stating that they were changed, and when.",
        ),
        ob(
            K::DiscloseSource,
            &[B],
            Scope::WholeWork,
            "Accompany binaries with the complete corresponding source, or a written offer valid for three years.",
        ),
        ob(
            K::SameLicense,
            &[S, B],
            Scope::WholeWork,
            "The whole work that contains or derives from this code must be licensed under the same GPL version as a whole.",
        ),
    ]
}

fn gpl3() -> Vec<Obligation> {
    let mut v = gpl2();
    v.push(ob(
        K::InstallationInfo,
        &[B],
        Scope::WholeWork,
        "For user products, provide the installation information needed to run modified versions.",
    ));
    v.push(ob(
        K::PatentTerms,
        &[S, B],
        Scope::WholeWork,
        "Contributors grant a patent license; conveying it with discriminatory patent deals is forbidden.",
    ));
    v
}

fn agpl3() -> Vec<Obligation> {
    let mut v = gpl3();
    v.push(ob(
        K::NetworkDisclosure,
        &[N],
        Scope::WholeWork,
        "Users interacting with a modified version over a network must be offered its corresponding source.",
    ));
    v
}

fn lgpl21() -> Vec<Obligation> {
    vec![
        ob(
            K::IncludeLicenseText,
            &[S, B],
            Scope::Library,
            "Give every recipient a copy of the LGPL (and the GPL it refers to).",
        ),
        ob(
            K::Attribution,
            &[S, B],
            Scope::Library,
            "Keep copyright notices and license notices intact; say in the product that the library is used and under which license.",
        ),
        ob(
            K::StateChanges,
            &[S, B],
            Scope::File,
            "Modified library files must carry prominent notices of the changes and their date.",
        ),
        ob(
            K::DiscloseSource,
            &[B],
            Scope::Library,
            "Provide the library's complete source (with your modifications), or a written offer.",
        ),
        ob(K::SameLicense, &[S, B], Scope::Library, "Modifications of the library itself stay under the LGPL."),
        ob(
            K::AllowRelinking,
            &[B],
            Scope::Library,
            "Let users relink the application with a modified library, and permit reverse engineering to debug such modifications.",
        ),
    ]
}

fn lgpl3() -> Vec<Obligation> {
    let mut v = lgpl21();
    v.push(ob(
        K::InstallationInfo,
        &[B],
        Scope::Library,
        "For user products, provide the installation information needed to use a modified library.",
    ));
    v.push(ob(K::PatentTerms, &[S, B], Scope::Library, "The GPLv3 patent terms apply to the library."));
    v
}

fn mpl2() -> Vec<Obligation> {
    vec![
        ob(
            K::IncludeLicenseText,
            &[S, B],
            Scope::File,
            "Tell recipients the MPL-2.0 governs the covered files and how to get a copy of it.",
        ),
        ob(
            K::Attribution,
            &[S, B],
            Scope::File,
            "Do not remove or alter license, copyright, patent or warranty notices in the covered files.",
        ),
        ob(
            K::DiscloseSource,
            &[B],
            Scope::File,
            "Make the source of the covered files (with your modifications) available and tell binary recipients how to get it.",
        ),
        ob(
            K::SameLicense,
            &[S, B],
            Scope::File,
            "Covered files, modified or not, stay under the MPL-2.0; other files of a larger work may use any license.",
        ),
        ob(
            K::PatentTerms,
            &[S, B],
            Scope::File,
            "The patent license ends for anyone who sues over patents in the covered software.",
        ),
    ]
}

fn mpl11() -> Vec<Obligation> {
    let mut v = mpl2();
    v.push(ob(K::StateChanges, &[S, B], Scope::File, "Document your changes to covered files (MPL 1.1 §3.3)."));
    v
}

fn cddl() -> Vec<Obligation> {
    let mut v = mpl2();
    v.retain(|o| o.kind != K::PatentTerms);
    v.push(ob(
        K::StateChanges,
        &[S, B],
        Scope::File,
        "Modified files must identify you as the contributor of the modification.",
    ));
    v
}

fn epl() -> Vec<Obligation> {
    vec![
        ob(
            K::IncludeLicenseText,
            &[S, B],
            Scope::Library,
            "Include a copy of the license with source; binary licenses must reference it.",
        ),
        ob(
            K::Attribution,
            &[S, B],
            Scope::Library,
            "Keep copyright notices and identify the originator of each contribution.",
        ),
        ob(
            K::DiscloseSource,
            &[B],
            Scope::Library,
            "Tell binary recipients how to obtain the source of the EPL-covered module, by reasonable means.",
        ),
        ob(
            K::SameLicense,
            &[S, B],
            Scope::Library,
            "Modifications of the EPL-covered module stay under the EPL; separate modules may use other licenses.",
        ),
        ob(
            K::PatentTerms,
            &[S, B],
            Scope::Library,
            "The patent license ends for anyone who sues over patents in the program.",
        ),
    ]
}

fn ms_pl() -> Vec<Obligation> {
    vec![
        ob(
            K::IncludeLicenseText,
            &[S],
            Scope::Library,
            "Source distributions must include the license text and stay under it.",
        ),
        ob(K::Attribution, &[S, B], Scope::Library, "Keep all copyright, patent, trademark and attribution notices."),
        ob(
            K::PatentTerms,
            &[S, B],
            Scope::Library,
            "The patent license ends for anyone who sues over patents in the software.",
        ),
        ob(K::NoEndorsement, &[S, B], Scope::Library, "No trademark rights are granted."),
    ]
}

fn ms_rl() -> Vec<Obligation> {
    let mut v = ms_pl();
    v.push(ob(
        K::DiscloseSource,
        &[B],
        Scope::File,
        "Source of the covered files must be made available with binary distributions.",
    ));
    v.push(ob(K::SameLicense, &[S, B], Scope::File, "Covered files stay under the MS-RL."));
    v
}

fn cc_by() -> Vec<Obligation> {
    vec![
        ob(K::Attribution, &[S, B, N], Scope::File, "Credit the creator as the licence asks and keep its notices."),
        ob(K::IncludeLicenseText, &[S, B, N], Scope::File, "Include the licence text or its URI with the material."),
        ob(K::StateChanges, &[S, B, N], Scope::File, "Say whether the material was modified."),
    ]
}

fn cc_by_sa() -> Vec<Obligation> {
    let mut v = cc_by();
    v.push(ob(
        K::SameLicense,
        &[S, B, N],
        Scope::WholeWork,
        "Adaptations must be shared under the same or a compatible licence.",
    ));
    v
}

fn strong_with_changes() -> Vec<Obligation> {
    let mut v = gpl2();
    v.push(ob(K::PatentTerms, &[S, B], Scope::WholeWork, "The license's patent terms apply."));
    v
}

fn network_strong() -> Vec<Obligation> {
    let mut v = strong_with_changes();
    v.push(ob(
        K::NetworkDisclosure,
        &[N],
        Scope::WholeWork,
        "Making the work available over a network counts as distribution: offer the source to its users.",
    ));
    v
}

fn with_changes_doc(mut v: Vec<Obligation>, summary: &'static str) -> Vec<Obligation> {
    v.push(ob(K::StateChanges, &[S, B], Scope::File, summary));
    v
}

fn source_available() -> Vec<Obligation> {
    vec![
        ob(
            K::UseRestrictions,
            &[S, B, N],
            Scope::WholeWork,
            "The license restricts how the software may be used (for example commercially or as a competing service).",
        ),
        ob(
            K::NeedsLegalReview,
            &[S, B, N],
            Scope::WholeWork,
            "Not an open-source license: a lawyer must confirm this use is allowed.",
        ),
    ]
}

fn unknown() -> Vec<Obligation> {
    vec![ob(
        K::NeedsLegalReview,
        &[S, B, N],
        Scope::WholeWork,
        "This license is not in Clearance's catalogue: a lawyer must read it and record its obligations.",
    )]
}

/// The licenses the catalogue knows, each with its profile.
fn profile(id: &str) -> Option<Vec<Obligation>> {
    let id = id.trim_end_matches('+');
    Some(match id {
        "0BSD" | "MIT-0" | "CC0-1.0" | "Unlicense" | "WTFPL" | "CC-PDDC" | "PDDL-1.0" | "LicenseRef-public-domain" => {
            Vec::new()
        }
        "MIT"
        | "ISC"
        | "X11"
        | "BSD-2-Clause"
        | "NCSA"
        | "PostgreSQL"
        | "UPL-1.0"
        | "MulanPSL-2.0"
        | "BlueOak-1.0.0"
        | "Unicode-DFS-2016"
        | "Unicode-3.0"
        | "curl"
        | "Libpng"
        | "libpng-2.0"
        | "HPND"
        | "ICU"
        | "MIT-CMU"
        | "BSD-2-Clause-Views"
        | "Boehm-GC"
        | "FSFAP"
        | "Python-2.0.1"
        | "bzip2-1.0.6"
        | "Info-ZIP"
        | "MIT-Modern-Variant"
        | "X11-distribute-modifications-variant"
        | "JasPer-2.0"
        | "Ruby"
        | "Beerware" => notice_permissive(),
        "CERN-OHL-P-2.0" => {
            with_changes_doc(notice_permissive(), "Modified designs must carry a notice that they were modified.")
        }
        "BSD-2-Clause-Patent" => {
            let mut v = notice_permissive();
            v.push(ob(K::PatentTerms, &[S, B], Scope::Library, "The license includes an express patent grant."));
            v
        }
        "BSD-3-Clause"
        | "BSD-3-Clause-Clear"
        | "BSD-3-Clause-LBNL"
        | "BSD-3-Clause-Attribution"
        | "BSD-Source-Code" => bsd3(),
        "BSD-4-Clause" | "BSD-4-Clause-UC" | "OpenSSL" | "SSLeay-standalone" => bsd4(),
        "BSL-1.0" | "BSD-1-Clause" => source_only_notice(),
        "Zlib" | "zlib-acknowledgement" => vec![
            ob(
                K::Attribution,
                &[S],
                Scope::Library,
                "Do not remove or alter the notice in source distributions, and do not misrepresent the origin.",
            ),
            ob(K::StateChanges, &[S, B], Scope::Library, "Altered versions must be plainly marked as such."),
        ],
        "Apache-2.0" | "ECL-2.0" => apache2(),
        "Apache-1.1" => bsd4(),
        "AFL-3.0" | "AFL-2.1" => with_changes_doc(
            {
                let mut v = notice_permissive();
                v.push(ob(
                    K::PatentTerms,
                    &[S, B],
                    Scope::Library,
                    "The license includes a patent grant that ends on patent litigation.",
                ));
                v
            },
            "Modified copies must carry a prominent notice of the modification.",
        ),
        "Artistic-2.0" | "Artistic-1.0-Perl" | "ClArtistic" => with_changes_doc(
            notice_permissive(),
            "Document your changes to the standard version and name modified versions differently.",
        ),
        "PSF-2.0" | "Python-2.0" | "CNRI-Python" => {
            with_changes_doc(notice_permissive(), "Derivative works must include a brief summary of the changes made.")
        }
        "CC-BY-3.0" | "CC-BY-4.0" => cc_by(),
        "CC-BY-SA-3.0" | "CC-BY-SA-4.0" => cc_by_sa(),
        "OFL-1.1" | "OFL-1.1-RFN" | "OFL-1.1-no-RFN" => vec![
            ob(
                K::IncludeLicenseText,
                &[S, B],
                Scope::Library,
                "Distribute the font with its copyright notice and the OFL.",
            ),
            ob(K::Attribution, &[S, B], Scope::Library, "Keep the copyright notice."),
            ob(
                K::SameLicense,
                &[S, B],
                Scope::Library,
                "Modified fonts stay under the OFL and may not use Reserved Font Names.",
            ),
            ob(
                K::NoEndorsement,
                &[S, B],
                Scope::Library,
                "No use of the authors' names to promote derivatives without permission.",
            ),
        ],
        "GPL-1.0-only" | "GPL-1.0-or-later" | "GPL-2.0-only" | "GPL-2.0-or-later" => gpl2(),
        "GPL-3.0-only" | "GPL-3.0-or-later" => gpl3(),
        "AGPL-3.0-only" | "AGPL-3.0-or-later" => agpl3(),
        "LGPL-2.0-only" | "LGPL-2.0-or-later" | "LGPL-2.1-only" | "LGPL-2.1-or-later" => lgpl21(),
        "LGPL-3.0-only" | "LGPL-3.0-or-later" => lgpl3(),
        "MPL-2.0" | "MPL-2.0-no-copyleft-exception" => mpl2(),
        "MPL-1.1" | "MPL-1.0" => mpl11(),
        "CDDL-1.0" | "CDDL-1.1" => cddl(),
        "EPL-1.0" | "EPL-2.0" | "CPL-1.0" => epl(),
        "MS-PL" => ms_pl(),
        "MS-RL" => ms_rl(),
        "EUPL-1.1" | "EUPL-1.2" | "OSL-3.0" | "CECILL-2.1" => network_strong(),
        "GFDL-1.3-or-later" | "GFDL-1.3-only" | "GFDL-1.2-or-later" | "GFDL-1.2-only" | "Vim" | "ODbL-1.0"
        | "CERN-OHL-S-2.0" => strong_with_changes(),
        "CERN-OHL-W-2.0" => {
            let mut v = lgpl21();
            v.retain(|o| o.kind != K::AllowRelinking);
            v
        }
        "LPPL-1.3c" => {
            let mut v = notice_permissive();
            v.push(ob(
                K::StateChanges,
                &[S, B],
                Scope::File,
                "Modified files must be renamed or clearly marked as changed.",
            ));
            v.push(ob(
                K::DiscloseSource,
                &[B],
                Scope::Library,
                "Distribute the source of the work with compiled forms.",
            ));
            v
        }
        "BUSL-1.1"
        | "SSPL-1.0"
        | "Elastic-2.0"
        | "CC-BY-NC-4.0"
        | "CC-BY-NC-SA-4.0"
        | "CC-BY-ND-4.0"
        | "CC-BY-NC-ND-4.0"
        | "PolyForm-Noncommercial-1.0.0"
        | "PolyForm-Small-Business-1.0.0"
        | "JSON"
        | "Commons-Clause" => source_available(),
        _ => return None,
    })
}

/// The obligations of one license id (an exception, `WITH …`, is looked up by its base license
/// by the caller). Unknown ids give one "needs legal review" obligation.
pub fn obligations_for(id: &str) -> Vec<Obligation> {
    profile(id).unwrap_or_else(unknown)
}

/// Is this id in the catalogue?
pub fn is_catalogued(id: &str) -> bool {
    profile(id).is_some()
}

/// The licenses whose obligations apply for an expression: every part of an AND; of an OR, the
/// alternative with the fewest obligations under these modes (the derivation says so).
pub fn licenses_to_honour(expression: &str, modes: &[Distribution]) -> (Vec<String>, Option<String>) {
    let Ok(expr) = spdx::Expression::parse_mode(expression, spdx::ParseMode::LAX) else {
        return (vec![expression.to_string()], None);
    };
    let cost = |ids: &[String]| -> usize {
        ids.iter()
            .map(|id| {
                obligations_for(id)
                    .iter()
                    .filter(|o| o.triggered_by(modes))
                    .map(|o| if o.kind == ObligationKind::NeedsLegalReview { 100 } else { 1 })
                    .sum::<usize>()
            })
            .sum()
    };
    let mut stack: Vec<Vec<String>> = Vec::new();
    let mut chose = false;
    for node in expr.iter() {
        match node {
            spdx::expression::ExprNode::Req(req) => {
                let id = match &req.req.license {
                    spdx::LicenseItem::Spdx { id, or_later } if *or_later && !id.is_gnu() => format!("{}+", id.name),
                    spdx::LicenseItem::Spdx { id, .. } => id.name.to_string(),
                    other => other.to_string(),
                };
                stack.push(vec![id]);
            }
            spdx::expression::ExprNode::Op(op) => {
                let (Some(b), Some(a)) = (stack.pop(), stack.pop()) else { break };
                stack.push(match op {
                    spdx::expression::Operator::And => {
                        let mut u = a;
                        for x in b {
                            if !u.contains(&x) {
                                u.push(x);
                            }
                        }
                        u
                    }
                    spdx::expression::Operator::Or => {
                        chose = true;
                        if cost(&b) < cost(&a) { b } else { a }
                    }
                });
            }
        }
    }
    let ids = stack.pop().unwrap_or_default();
    let note = chose.then(|| {
        format!("'{expression}' offers a choice: obligations follow {} (fewest obligations); conclude a single license to choose otherwise", ids.join(" AND "))
    });
    (ids, note)
}

/// Every id the catalogue knows.
pub fn catalogued_licenses() -> Vec<&'static str> {
    CATALOGUED.to_vec()
}

const CATALOGUED: &[&str] = &[
    "0BSD",
    "MIT-0",
    "CC0-1.0",
    "Unlicense",
    "WTFPL",
    "CC-PDDC",
    "PDDL-1.0",
    "LicenseRef-public-domain",
    "MIT",
    "ISC",
    "X11",
    "X11-distribute-modifications-variant",
    "BSD-2-Clause",
    "NCSA",
    "PostgreSQL",
    "UPL-1.0",
    "MulanPSL-2.0",
    "BlueOak-1.0.0",
    "Unicode-DFS-2016",
    "Unicode-3.0",
    "curl",
    "Libpng",
    "libpng-2.0",
    "HPND",
    "ICU",
    "MIT-CMU",
    "BSD-2-Clause-Views",
    "Boehm-GC",
    "FSFAP",
    "Python-2.0.1",
    "bzip2-1.0.6",
    "CERN-OHL-P-2.0",
    "Info-ZIP",
    "MIT-Modern-Variant",
    "JasPer-2.0",
    "Ruby",
    "Beerware",
    "BSD-2-Clause-Patent",
    "BSD-3-Clause",
    "BSD-3-Clause-Clear",
    "BSD-3-Clause-LBNL",
    "BSD-3-Clause-Attribution",
    "BSD-Source-Code",
    "BSD-4-Clause",
    "BSD-4-Clause-UC",
    "OpenSSL",
    "SSLeay-standalone",
    "BSL-1.0",
    "BSD-1-Clause",
    "Zlib",
    "zlib-acknowledgement",
    "Apache-2.0",
    "ECL-2.0",
    "Apache-1.1",
    "AFL-3.0",
    "AFL-2.1",
    "Artistic-2.0",
    "Artistic-1.0-Perl",
    "ClArtistic",
    "PSF-2.0",
    "Python-2.0",
    "CNRI-Python",
    "CC-BY-3.0",
    "CC-BY-4.0",
    "CC-BY-SA-3.0",
    "CC-BY-SA-4.0",
    "OFL-1.1",
    "OFL-1.1-RFN",
    "OFL-1.1-no-RFN",
    "GPL-1.0-only",
    "GPL-1.0-or-later",
    "GPL-2.0-only",
    "GPL-2.0-or-later",
    "GPL-3.0-only",
    "GPL-3.0-or-later",
    "AGPL-3.0-only",
    "AGPL-3.0-or-later",
    "LGPL-2.0-only",
    "LGPL-2.0-or-later",
    "LGPL-2.1-only",
    "LGPL-2.1-or-later",
    "LGPL-3.0-only",
    "LGPL-3.0-or-later",
    "MPL-2.0",
    "MPL-2.0-no-copyleft-exception",
    "MPL-1.1",
    "MPL-1.0",
    "CDDL-1.0",
    "CDDL-1.1",
    "EPL-1.0",
    "EPL-2.0",
    "CPL-1.0",
    "MS-PL",
    "MS-RL",
    "EUPL-1.1",
    "EUPL-1.2",
    "OSL-3.0",
    "CECILL-2.1",
    "GFDL-1.3-or-later",
    "GFDL-1.3-only",
    "GFDL-1.2-or-later",
    "GFDL-1.2-only",
    "Vim",
    "ODbL-1.0",
    "CERN-OHL-S-2.0",
    "CERN-OHL-W-2.0",
    "LPPL-1.3c",
    "BUSL-1.1",
    "SSPL-1.0",
    "Elastic-2.0",
    "CC-BY-NC-4.0",
    "CC-BY-NC-SA-4.0",
    "CC-BY-ND-4.0",
    "CC-BY-NC-ND-4.0",
    "PolyForm-Noncommercial-1.0.0",
    "PolyForm-Small-Business-1.0.0",
    "JSON",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(id: &str, mode: Distribution) -> Vec<ObligationKind> {
        let mut k: Vec<_> =
            obligations_for(id).into_iter().filter(|o| o.triggers.contains(&mode)).map(|o| o.kind).collect();
        k.sort();
        k.dedup();
        k
    }

    #[test]
    fn obligations_follow_every_part_of_an_and_and_the_lighter_side_of_an_or() {
        let (ids, note) = licenses_to_honour("MIT AND Apache-2.0", &[Distribution::Binary]);
        assert_eq!(ids, ["MIT", "Apache-2.0"]);
        assert_eq!(note, None);
        let (ids, note) = licenses_to_honour("GPL-2.0-only OR MIT", &[Distribution::Binary]);
        assert_eq!(ids, ["MIT"], "MIT asks less than the GPL of a binary");
        assert!(note.unwrap().contains("offers a choice"));
        let (ids, _) = licenses_to_honour("not an expression (", &[Distribution::Binary]);
        assert_eq!(ids, ["not an expression ("], "kept whole, for a lawyer to read");
    }

    /// The other direction: every id the profiles answer for is in the list (`CATALOGUED` is
    /// what the CLI's catalogue and the docs show; an unlisted profile would be invisible).
    #[test]
    fn every_profiled_license_is_listed() {
        let spdx = crate::licenses().map(|l| l.id);
        let extra = ["LicenseRef-public-domain"];
        let unlisted: Vec<&str> =
            spdx.chain(extra).filter(|id| is_catalogued(id) && !CATALOGUED.contains(id)).collect();
        assert!(unlisted.is_empty(), "profiled but not in CATALOGUED: {unlisted:?}");
    }

    #[test]
    fn the_catalogue_covers_the_most_used_licenses_and_lists_them_all() {
        assert!(CATALOGUED.len() >= 60, "{}", CATALOGUED.len());
        for id in CATALOGUED {
            assert!(is_catalogued(id), "{id} is listed but has no profile");
            assert!(id.starts_with("LicenseRef-") || crate::license(id).is_some(), "{id} is an SPDX id");
            let obs = obligations_for(id);
            let mut keys: Vec<_> = obs.iter().map(|o| o.key).collect();
            keys.sort();
            keys.dedup();
            assert_eq!(keys.len(), obs.len(), "{id}: obligation keys are unique");
            assert!(
                !obs.iter().any(|o| o.kind == K::NeedsLegalReview)
                    || crate::category_of(id) == crate::Category::SourceAvailable,
                "{id}"
            );
        }
    }

    /// One check per catalogued license, by what its category promises.
    #[test]
    fn every_catalogued_license_matches_its_category() {
        use crate::Category as C;
        for id in CATALOGUED {
            let bin = kinds(id, B);
            let net = kinds(id, N);
            match crate::category_of(id) {
                C::PublicDomain => assert!(bin.is_empty(), "{id}: {bin:?}"),
                C::Permissive => {
                    assert!(!bin.contains(&K::DiscloseSource) && !bin.contains(&K::SameLicense), "{id}: {bin:?}");
                    assert!(!kinds(id, S).is_empty(), "{id} asks something of source distribution");
                }
                C::WeakCopyleft => {
                    // Copyleft limited to the file or library: source disclosure or same-license
                    // terms, never over the whole work.
                    let scopes: Vec<_> =
                        obligations_for(id).into_iter().filter(|o| o.kind == K::SameLicense).map(|o| o.scope).collect();
                    assert!(bin.contains(&K::DiscloseSource) || !scopes.is_empty(), "{id}: {bin:?}");
                    assert!(!scopes.contains(&Scope::WholeWork), "{id}: {scopes:?}");
                }
                C::StrongCopyleft => {
                    let whole = obligations_for(id)
                        .into_iter()
                        .any(|o| o.kind == K::SameLicense && o.scope == Scope::WholeWork);
                    assert!(whole, "{id}: copyleft over the whole work");
                }
                C::NetworkCopyleft => assert!(net.contains(&K::NetworkDisclosure), "{id}: {net:?}"),
                C::SourceAvailable => assert!(bin.contains(&K::NeedsLegalReview), "{id}"),
                C::Exception | C::Unknown => panic!("{id} is catalogued but uncategorised"),
            }
        }
    }

    #[test]
    fn key_licenses_in_detail() {
        assert_eq!(
            kinds("Apache-2.0", B),
            vec![K::IncludeLicenseText, K::PropagateNotice, K::NoEndorsement, K::PatentTerms]
        );
        assert!(kinds("Apache-2.0", S).contains(&K::StateChanges));
        assert!(kinds("GPL-3.0-only", B).contains(&K::InstallationInfo));
        assert!(!kinds("GPL-2.0-only", B).contains(&K::InstallationInfo));
        assert!(kinds("AGPL-3.0-or-later", N).contains(&K::NetworkDisclosure));
        assert!(kinds("GPL-3.0-only", N).is_empty(), "the GPL is not triggered by network use");
        assert!(kinds("LGPL-2.1-only", B).contains(&K::AllowRelinking));
        assert!(kinds("BSD-3-Clause", B).contains(&K::NoEndorsement));
        assert!(kinds("BSL-1.0", B).is_empty(), "Boost exempts binaries");
        assert_eq!(obligations_for("MPL-2.0").iter().find(|o| o.kind == K::SameLicense).unwrap().scope, Scope::File);
        assert!(kinds("MIT", N).is_empty(), "SaaS use of MIT code triggers nothing");
    }

    #[test]
    fn unknown_licenses_need_legal_review_never_silence() {
        for id in ["LicenseRef-acme-eula", "Glulxe", "NOT-A-LICENSE"] {
            let obs = obligations_for(id);
            assert_eq!(obs.len(), 1);
            assert_eq!(obs[0].kind, K::NeedsLegalReview);
            assert!(obs[0].triggered_by(&[Distribution::Binary]));
            assert!(obs[0].triggered_by(&[Distribution::Network]));
        }
    }

    /// choosealicense.com's condition tags, as facts: each condition must be in our catalogue
    /// for the triggers that apply, and we must not claim source disclosure, same-license or
    /// network disclosure where it claims none.
    #[test]
    fn the_catalogue_agrees_with_choosealicense_conditions() {
        let tsv = include_str!("../../../fixtures/obligations/choosealicense-rules.tsv");
        let mut checked = 0;
        for line in tsv.lines().skip(1) {
            let cols: Vec<&str> = line.split('\t').collect();
            let id = match cols[0] {
                "GPL-2.0" => "GPL-2.0-only",
                "GPL-3.0" => "GPL-3.0-only",
                "LGPL-2.1" => "LGPL-2.1-only",
                "LGPL-3.0" => "LGPL-3.0-only",
                "AGPL-3.0" => "AGPL-3.0-only",
                "GFDL-1.3" => "GFDL-1.3-only",
                other => other,
            };
            assert!(is_catalogued(id), "choosealicense describes {id}; the catalogue must too");
            let conditions: Vec<&str> =
                cols.get(2).map(|c| c.split(',').filter(|s| !s.is_empty()).collect()).unwrap_or_default();
            let all: Vec<Obligation> = obligations_for(id);
            let has = |k: K| all.iter().any(|o| o.kind == k);
            for c in &conditions {
                match *c {
                    "include-copyright" => assert!(has(K::Attribution) || has(K::IncludeLicenseText), "{id}: {c}"),
                    "include-copyright--source" => {
                        assert!(all.iter().any(|o| o.kind == K::Attribution && o.triggers.contains(&S)), "{id}: {c}")
                    }
                    "document-changes" => assert!(has(K::StateChanges), "{id}: {c}"),
                    "disclose-source" => assert!(has(K::DiscloseSource), "{id}: {c}"),
                    "network-use-disclose" => assert!(has(K::NetworkDisclosure), "{id}: {c}"),
                    "same-license" => assert!(has(K::SameLicense), "{id}: {c}"),
                    "same-license--file" => {
                        assert!(all.iter().any(|o| o.kind == K::SameLicense && o.scope == Scope::File), "{id}: {c}")
                    }
                    "same-license--library" => {
                        assert!(all.iter().any(|o| o.kind == K::SameLicense && o.scope == Scope::Library), "{id}: {c}")
                    }
                    other => panic!("unknown condition {other}"),
                }
            }
            if !conditions.contains(&"disclose-source") {
                assert!(!has(K::DiscloseSource), "{id}: choosealicense lists no source disclosure");
            }
            if !conditions.iter().any(|c| c.starts_with("same-license")) {
                assert!(!has(K::SameLicense), "{id}: choosealicense lists no same-license condition");
            }
            if !conditions.contains(&"network-use-disclose") {
                assert!(!has(K::NetworkDisclosure), "{id}: choosealicense lists no network disclosure");
            }
            checked += 1;
        }
        assert!(checked >= 45);
    }
}
