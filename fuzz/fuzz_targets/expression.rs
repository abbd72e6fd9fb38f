#![no_main]
//! SPDX expressions as people write them: normalisation, id and term listing, policy verdicts.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else { return };
    if let Ok(n) = clearance_licenses::normalize(s) {
        let _ = clearance_licenses::license_ids_in(&n.expression);
        let _ = clearance_licenses::license_terms_in(&n.expression);
        let _ = clearance_licenses::Policy::default().verdict_for_expression(&n.expression);
    }
    let _ = clearance_licenses::license_ids_in(s);
    let _ = clearance_licenses::category_of(s);
});
