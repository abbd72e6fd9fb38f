//! The SPDX license list as shipped inside the `spdx` crate: ids, names, flags and texts.

use serde::Serialize;

use crate::category::{Category, category_of};

/// What Clearance knows about one SPDX license or exception id.
#[derive(Debug, Clone, Serialize)]
pub struct LicenseInfo {
    pub id: &'static str,
    pub name: &'static str,
    pub deprecated: bool,
    pub osi_approved: bool,
    pub fsf_libre: bool,
    pub is_exception: bool,
    pub category: Category,
}

/// The version of the SPDX license list compiled into this build.
pub fn spdx_list_version() -> &'static str {
    spdx::license_version()
}

fn info_of(id: spdx::LicenseId) -> LicenseInfo {
    LicenseInfo {
        id: id.name,
        name: id.full_name,
        deprecated: id.is_deprecated(),
        osi_approved: id.is_osi_approved(),
        fsf_libre: id.is_fsf_free_libre(),
        is_exception: false,
        category: category_of(id.name),
    }
}

/// Every license id on the SPDX list, deprecated ones included, in list order.
pub fn licenses() -> impl Iterator<Item = LicenseInfo> {
    spdx::identifiers::LICENSES
        .iter()
        .map(|l| info_of(spdx::license_id(l.name).expect("ids of the embedded list resolve")))
}

/// Every exception id on the SPDX list.
pub fn exceptions() -> impl Iterator<Item = LicenseInfo> {
    spdx::identifiers::EXCEPTIONS.iter().map(|e| {
        let id = spdx::exception_id(e.name).expect("ids of the embedded list resolve");
        exception_info(id)
    })
}

fn exception_info(id: spdx::ExceptionId) -> LicenseInfo {
    LicenseInfo {
        id: id.name,
        name: id.name,
        deprecated: id.is_deprecated(),
        osi_approved: false,
        fsf_libre: false,
        is_exception: true,
        category: Category::Exception,
    }
}

/// Whether a line holds one of the placeholders license templates leave to fill in
/// (`Copyright (c) <year> <copyright holders>`, `[yyyy] [name of copyright owner]`, the GNU
/// "how to apply" lines): such a line is neither a copyright statement nor shippable text.
pub fn has_template_placeholder(line: &str) -> bool {
    const PLACEHOLDERS: &[&str] = &[
        "[yyyy]",
        "(insert ",
        "<year>",
        "[year]",
        "{year}",
        "yyyy",
        "$year",
        "<name of author>",
        "year name of author",
        "year  name of author",
        "[name of copyright owner]",
        "<copyright holder",
        "<owner>",
        "<organization>",
        "[fullname]",
        "<author",
        "[author",
        "<one line to give",
        "{{",
    ];
    let l = line.to_ascii_lowercase();
    PLACEHOLDERS.iter().any(|p| l.contains(p))
}

/// A license by its exact SPDX id, with its text.
pub fn license(id: &str) -> Option<(LicenseInfo, &'static str)> {
    let lid = spdx::license_id(id).filter(|l| l.name == id)?;
    Some((info_of(lid), lid.text()))
}

/// An exception by its exact SPDX id, with its text.
pub fn exception(id: &str) -> Option<(LicenseInfo, &'static str)> {
    let eid = spdx::exception_id(id)?;
    Some((exception_info(eid), eid.text()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_license_has_a_name_and_a_text() {
        let mut n = 0;
        for l in licenses().filter(|l| !matches!(l.id, "NOASSERTION" | "NONE")) {
            let (info, text) = license(l.id).unwrap_or_else(|| panic!("{} resolves", l.id));
            assert!(!info.name.is_empty(), "{} has a name", l.id);
            assert!(!text.trim().is_empty(), "{} has a text", l.id);
            n += 1;
        }
        assert!(n > 600, "the whole SPDX list is embedded, got {n}");
    }

    #[test]
    fn exceptions_are_listed_with_texts() {
        let (info, text) = exception("LLVM-exception").unwrap();
        assert!(info.is_exception);
        assert!(text.contains("LLVM"));
        assert!(exceptions().count() > 50);
    }

    #[test]
    fn lookup_is_exact() {
        assert!(license("MIT").is_some());
        assert!(license("mit").is_none());
        assert!(license("GPL-2.0+").is_none(), "a '+' is an expression, not an id");
    }
}
