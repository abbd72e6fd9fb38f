//! License knowledge for Clearance, all of it embedded at build time: every SPDX license and
//! exception (id, name, text), a category for every id, normalisation of license expressions
//! as people write them, and the full-text matcher (askalono's algorithm, as maintained in the
//! `spdx` crate) with a deterministic tie-break and the variants real files need.

mod catalog;
mod category;
mod expression;
mod grams;
mod list_history;
mod matcher;
mod obligations;
mod policy;
pub mod rules;

pub use catalog::{LicenseInfo, exception, exceptions, has_template_placeholder, license, licenses, spdx_list_version};
pub use category::{Category, category_of};
pub use expression::{NormalizeError, Normalized, join_expressions, license_ids_in, license_terms_in, normalize};
pub use list_history::{
    DowngradedLicense, ListTarget, ListVersion, ListVersionError, embedded_list_version, first_list_version,
};
pub use matcher::{MatchKind, Matcher, TextMatch};
pub use obligations::{
    Distribution, Obligation, ObligationKind, Scope, catalogued_licenses, is_catalogued, licenses_to_honour,
    obligations_for,
};
pub use policy::{DEFAULT_TEXT as DEFAULT_POLICY, Policy, PolicyError, Severity, Verdict, VulnerabilitySeverity};
