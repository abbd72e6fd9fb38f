//! Each ecosystem's version order, as OSV's `ECOSYSTEM` ranges mean it: SemVer (crates.io, npm,
//! Go) and PEP 440 (PyPI) from their crates, Debian's (dpkg's) from `debversion`, and the orders
//! no maintained Rust crate implements — Maven's `ComparableVersion`, NuGet's, RubyGems'
//! `Gem::Version` and Composer's (PHP's `version_compare`) — written here from their
//! specifications, with their examples as tests.

use std::cmp::Ordering;
use std::str::FromStr;

/// The version order of an ecosystem.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Order {
    SemVer,
    Pep440,
    Maven,
    NuGet,
    RubyGems,
    Packagist,
    Debian,
}

pub(crate) fn order_of(ecosystem: &str) -> Option<Order> {
    Some(match ecosystem {
        "crates.io" | "npm" | "Go" | "Hex" | "Pub" => Order::SemVer,
        "PyPI" => Order::Pep440,
        "Maven" => Order::Maven,
        "NuGet" => Order::NuGet,
        "RubyGems" => Order::RubyGems,
        "Packagist" => Order::Packagist,
        "Debian" | "Ubuntu" => Order::Debian,
        _ => return None,
    })
}

/// A version in its ecosystem's order. Versions of one ecosystem are compared with each other
/// only.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum V {
    /// OSV's "0": before every version.
    Zero,
    Sem(semver::Version),
    Pep(pep440_rs::Version),
    Maven(MavenVersion),
    NuGet(NuGetVersion),
    Gem(GemVersion),
    Php(PhpVersion),
    Deb(debversion::Version),
}

impl PartialOrd for V {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for V {
    fn cmp(&self, other: &Self) -> Ordering {
        match (self, other) {
            (V::Zero, V::Zero) => Ordering::Equal,
            (V::Zero, _) => Ordering::Less,
            (_, V::Zero) => Ordering::Greater,
            (V::Sem(a), V::Sem(b)) => a.cmp(b),
            (V::Pep(a), V::Pep(b)) => a.cmp(b),
            (V::Maven(a), V::Maven(b)) => a.cmp(b),
            (V::NuGet(a), V::NuGet(b)) => a.cmp(b),
            (V::Gem(a), V::Gem(b)) => a.cmp(b),
            (V::Php(a), V::Php(b)) => a.cmp(b),
            (V::Deb(a), V::Deb(b)) => a.cmp(b),
            // Never mixed; an order for completeness.
            (a, b) => a.rank().cmp(&b.rank()),
        }
    }
}

impl V {
    fn rank(&self) -> u8 {
        match self {
            V::Zero => 0,
            V::Sem(_) => 1,
            V::Pep(_) => 2,
            V::Maven(_) => 3,
            V::NuGet(_) => 4,
            V::Gem(_) => 5,
            V::Php(_) => 6,
            V::Deb(_) => 7,
        }
    }
}

/// A version string in `order`; None when it is not one.
pub(crate) fn parse(order: Order, s: &str) -> Option<V> {
    if s == "0" {
        return Some(V::Zero);
    }
    match order {
        Order::SemVer => {
            let s = s.strip_prefix('v').unwrap_or(s);
            semver::Version::parse(s).ok().or_else(|| short_semver(s)).map(V::Sem)
        }
        Order::Pep440 => pep440_rs::Version::from_str(s).ok().map(V::Pep),
        Order::Maven => MavenVersion::parse(s).map(V::Maven),
        Order::NuGet => NuGetVersion::parse(s).map(V::NuGet),
        Order::RubyGems => GemVersion::parse(s).map(V::Gem),
        Order::Packagist => PhpVersion::parse(s).map(V::Php),
        Order::Debian => debversion::Version::from_str(s).ok().map(V::Deb),
    }
}

/// "3" or "2.1", as people write a bound: the missing parts are zero ("3.0.0", "2.1.0").
fn short_semver(s: &str) -> Option<semver::Version> {
    let parts: Vec<&str> = s.split('.').collect();
    if parts.len() >= 3 || parts.iter().any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit())) {
        return None;
    }
    let n = |i: usize| parts.get(i).map_or(Some(0), |p| p.parse::<u64>().ok());
    Some(semver::Version::new(n(0)?, n(1)?, n(2)?))
}

// ----- Maven -----

/// A Maven version as `ComparableVersion` reads it: numbers and qualifiers, a hyphen (or a
/// switch between digits and letters) opening a sub-list; trailing "null" items (0, "", "ga",
/// "final", "release") dropped from every list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct MavenVersion(Vec<MavenItem>);

#[derive(Debug, Clone, PartialEq, Eq)]
enum MavenItem {
    /// A number, its decimal digits without leading zeros (any length).
    Int(String),
    Str(String),
    List(Vec<MavenItem>),
}

impl MavenItem {
    fn is_null(&self) -> bool {
        match self {
            MavenItem::Int(d) => d.is_empty(),
            MavenItem::Str(s) => s.is_empty(),
            MavenItem::List(l) => l.is_empty(),
        }
    }
}

/// Known qualifiers in order; "" is a release. Unknown ones come after all of these, by name.
const MAVEN_QUALIFIERS: [&str; 7] = ["alpha", "beta", "milestone", "rc", "snapshot", "", "sp"];

fn maven_qualifier(s: &str, followed_by_digit: bool) -> String {
    let s = match s {
        "a" if followed_by_digit => "alpha",
        "b" if followed_by_digit => "beta",
        "m" if followed_by_digit => "milestone",
        "ga" | "final" | "release" => "",
        "cr" => "rc",
        other => other,
    };
    s.to_string()
}

/// A qualifier's place: known ones by their index, unknown ones after, by name.
fn qualifier_key(s: &str) -> (usize, &str) {
    match MAVEN_QUALIFIERS.iter().position(|q| *q == s) {
        Some(i) => (i, ""),
        None => (MAVEN_QUALIFIERS.len(), s),
    }
}

fn compare_int(a: &str, b: &str) -> Ordering {
    a.len().cmp(&b.len()).then_with(|| a.cmp(b))
}

/// Compare an item with a missing one (the shorter list's end).
fn maven_vs_missing(a: &MavenItem) -> Ordering {
    match a {
        MavenItem::Int(d) => {
            if d.is_empty() {
                Ordering::Equal
            } else {
                Ordering::Greater
            }
        }
        MavenItem::Str(s) => qualifier_key(s).cmp(&qualifier_key("")),
        MavenItem::List(l) => l.first().map_or(Ordering::Equal, maven_vs_missing),
    }
}

fn maven_cmp(a: &MavenItem, b: &MavenItem) -> Ordering {
    use MavenItem::*;
    match (a, b) {
        (Int(x), Int(y)) => compare_int(x, y),
        (Int(_), _) => Ordering::Greater,
        (Str(_), Int(_)) => Ordering::Less,
        (Str(x), Str(y)) => qualifier_key(x).cmp(&qualifier_key(y)),
        (Str(_), List(_)) => Ordering::Less,
        (List(_), Int(_)) => Ordering::Less,
        (List(_), Str(_)) => Ordering::Greater,
        (List(x), List(y)) => maven_list_cmp(x, y),
    }
}

fn maven_list_cmp(x: &[MavenItem], y: &[MavenItem]) -> Ordering {
    for i in 0..x.len().max(y.len()) {
        let o = match (x.get(i), y.get(i)) {
            (Some(a), Some(b)) => maven_cmp(a, b),
            (Some(a), None) => maven_vs_missing(a),
            (None, Some(b)) => maven_vs_missing(b).reverse(),
            (None, None) => Ordering::Equal,
        };
        if o != Ordering::Equal {
            return o;
        }
    }
    Ordering::Equal
}

fn normalize_maven(list: &mut Vec<MavenItem>) {
    for item in list.iter_mut() {
        if let MavenItem::List(l) = item {
            normalize_maven(l);
        }
    }
    // Nulls go from the end, and before each hyphen: trimming passes over sub-lists and stops at
    // the first number or qualifier that is not null.
    let mut i = list.len();
    while i > 0 {
        i -= 1;
        if list[i].is_null() {
            list.remove(i);
        } else if !matches!(list[i], MavenItem::List(_)) {
            break;
        }
    }
    // What is left of `-ga-1` is `-1`: a list holding only a list is that list.
    if let [MavenItem::List(inner)] = list.as_mut_slice() {
        let inner = std::mem::take(inner);
        *list = inner;
    }
}

impl MavenVersion {
    pub(crate) fn parse(s: &str) -> Option<MavenVersion> {
        let s = s.trim().to_ascii_lowercase();
        if s.is_empty() || s.chars().any(char::is_whitespace) {
            return None;
        }
        // A stack of lists: `path` holds the index chain to the list being filled.
        let mut root: Vec<MavenItem> = Vec::new();
        let mut depth = 0usize;
        fn current(root: &mut Vec<MavenItem>, depth: usize) -> &mut Vec<MavenItem> {
            let mut list = root;
            for _ in 0..depth {
                match list.last_mut() {
                    Some(MavenItem::List(l)) => list = l,
                    _ => unreachable!("the last item of each open list is the next list"),
                }
            }
            list
        }
        let item = |digits: bool, text: &str, followed_by_digit: bool| {
            if digits {
                MavenItem::Int(text.trim_start_matches('0').to_string())
            } else {
                MavenItem::Str(maven_qualifier(text, followed_by_digit))
            }
        };
        let chars: Vec<char> = s.chars().collect();
        let mut start = 0usize;
        let mut is_digit = false;
        for i in 0..chars.len() {
            let c = chars[i];
            let piece: String = chars[start..i].iter().collect();
            if c == '.' {
                current(&mut root, depth).push(if i == start {
                    MavenItem::Int(String::new())
                } else {
                    item(is_digit, &piece, false)
                });
                start = i + 1;
            } else if c == '-' {
                current(&mut root, depth).push(if i == start {
                    MavenItem::Int(String::new())
                } else {
                    item(is_digit, &piece, false)
                });
                start = i + 1;
                current(&mut root, depth).push(MavenItem::List(Vec::new()));
                depth += 1;
            } else if c.is_ascii_digit() {
                if !is_digit && i > start {
                    current(&mut root, depth).push(item(false, &piece, true));
                    start = i;
                    current(&mut root, depth).push(MavenItem::List(Vec::new()));
                    depth += 1;
                }
                is_digit = true;
            } else {
                if is_digit && i > start {
                    current(&mut root, depth).push(item(true, &piece, false));
                    start = i;
                    current(&mut root, depth).push(MavenItem::List(Vec::new()));
                    depth += 1;
                }
                is_digit = false;
            }
        }
        if chars.len() > start {
            let piece: String = chars[start..].iter().collect();
            // `1.x` is `1-x`: a trailing qualifier after a dot opens a list as a hyphen would.
            if !is_digit && !current(&mut root, depth).is_empty() {
                current(&mut root, depth).push(MavenItem::List(Vec::new()));
                depth += 1;
            }
            current(&mut root, depth).push(item(is_digit, &piece, false));
        }
        normalize_maven(&mut root);
        Some(MavenVersion(root))
    }
}

impl PartialOrd for MavenVersion {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for MavenVersion {
    fn cmp(&self, other: &Self) -> Ordering {
        maven_list_cmp(&self.0, &other.0)
    }
}

// ----- NuGet -----

/// A NuGet version: up to four numbers (missing ones are 0), a SemVer 2.0 pre-release compared
/// without regard to case, build metadata ignored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct NuGetVersion {
    numbers: [u64; 4],
    pre: Vec<String>,
}

impl NuGetVersion {
    pub(crate) fn parse(s: &str) -> Option<NuGetVersion> {
        let s = s.trim();
        let s = s.split('+').next()?;
        let (release, pre) = match s.split_once('-') {
            Some((r, p)) => (r, Some(p)),
            None => (s, None),
        };
        let parts: Vec<&str> = release.split('.').collect();
        if parts.is_empty() || parts.len() > 4 {
            return None;
        }
        let mut numbers = [0u64; 4];
        for (i, p) in parts.iter().enumerate() {
            numbers[i] = p.parse().ok()?;
        }
        let pre = match pre {
            Some("") => return None,
            Some(p) => p.split('.').map(str::to_ascii_lowercase).collect(),
            None => Vec::new(),
        };
        Some(NuGetVersion { numbers, pre })
    }
}

/// SemVer 2.0's pre-release order: numeric identifiers numerically and below alphanumeric ones,
/// a longer list after its prefix.
fn prerelease_cmp(a: &[String], b: &[String]) -> Ordering {
    for (x, y) in a.iter().zip(b) {
        let o = match (x.parse::<u64>(), y.parse::<u64>()) {
            (Ok(m), Ok(n)) => m.cmp(&n),
            (Ok(_), Err(_)) => Ordering::Less,
            (Err(_), Ok(_)) => Ordering::Greater,
            (Err(_), Err(_)) => x.cmp(y),
        };
        if o != Ordering::Equal {
            return o;
        }
    }
    a.len().cmp(&b.len())
}

impl PartialOrd for NuGetVersion {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for NuGetVersion {
    fn cmp(&self, other: &Self) -> Ordering {
        self.numbers.cmp(&other.numbers).then_with(|| match (self.pre.is_empty(), other.pre.is_empty()) {
            (true, true) => Ordering::Equal,
            // A release comes after its pre-releases.
            (true, false) => Ordering::Greater,
            (false, true) => Ordering::Less,
            (false, false) => prerelease_cmp(&self.pre, &other.pre),
        })
    }
}

// ----- RubyGems -----

/// A RubyGems version as `Gem::Version` compares it: segments of digits or letters; a letter
/// makes a pre-release, sorting before the numbers; trailing zeros of the release part and of
/// the pre-release part do not count.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct GemVersion(Vec<GemSegment>);

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum GemSegment {
    // Declared first: a string segment sorts before a number.
    Str(String),
    Num(u64),
}

impl GemVersion {
    pub(crate) fn parse(s: &str) -> Option<GemVersion> {
        let s = s.trim();
        if s.is_empty() || !s.chars().all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-') {
            return None;
        }
        // "1.0-1" is "1.0.pre.1".
        let s = s.replace('-', ".pre.");
        let mut segments = Vec::new();
        let mut current = String::new();
        let flush = |current: &mut String, segments: &mut Vec<GemSegment>| -> Option<()> {
            if !current.is_empty() {
                let seg = if current.chars().all(|c| c.is_ascii_digit()) {
                    GemSegment::Num(current.parse().ok()?)
                } else {
                    GemSegment::Str(current.clone())
                };
                segments.push(seg);
                current.clear();
            }
            Some(())
        };
        for c in s.chars() {
            if c == '.' {
                flush(&mut current, &mut segments)?;
            } else {
                if let Some(last) = current.chars().last()
                    && last.is_ascii_digit() != c.is_ascii_digit()
                {
                    flush(&mut current, &mut segments)?;
                }
                current.push(c);
            }
        }
        flush(&mut current, &mut segments)?;
        if segments.is_empty() {
            return None;
        }
        // Canonical: the release part and the pre-release part each without trailing zeros.
        let split = segments.iter().position(|s| matches!(s, GemSegment::Str(_))).unwrap_or(segments.len());
        let (release, pre) = segments.split_at(split);
        let trim = |part: &[GemSegment]| -> Vec<GemSegment> {
            let mut v = part.to_vec();
            while v.last() == Some(&GemSegment::Num(0)) {
                v.pop();
            }
            v
        };
        let mut canonical = trim(release);
        canonical.extend(trim(pre));
        Some(GemVersion(canonical))
    }
}

impl PartialOrd for GemVersion {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for GemVersion {
    fn cmp(&self, other: &Self) -> Ordering {
        let zero = GemSegment::Num(0);
        for i in 0..self.0.len().max(other.0.len()) {
            let a = self.0.get(i).unwrap_or(&zero);
            let b = other.0.get(i).unwrap_or(&zero);
            let o = a.cmp(b);
            if o != Ordering::Equal {
                return o;
            }
        }
        Ordering::Equal
    }
}

// ----- Packagist (Composer, PHP's version_compare) -----

/// A Composer version as PHP's `version_compare` orders it: parts split at `.`, `-`, `_`, `+`
/// and at every switch between digits and letters; special words in the order
/// `dev` < `alpha` = `a` < `beta` = `b` < `RC` = `rc` < a number < `pl` = `p` (any other word
/// before `dev`); a missing part counts as a number against a word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PhpVersion(Vec<PhpPart>);

#[derive(Debug, Clone, PartialEq, Eq)]
enum PhpPart {
    Num(u64),
    Word(String),
}

fn php_word_rank(w: &str) -> u8 {
    match w {
        "dev" => 1,
        "alpha" | "a" => 2,
        "beta" | "b" => 3,
        "rc" => 4,
        // "#": a number
        "#" => 5,
        "pl" | "p" => 6,
        _ => 0,
    }
}

fn php_part_cmp(a: &PhpPart, b: &PhpPart) -> Ordering {
    match (a, b) {
        (PhpPart::Num(x), PhpPart::Num(y)) => x.cmp(y),
        (PhpPart::Num(_), PhpPart::Word(w)) => php_word_rank("#").cmp(&php_word_rank(w)),
        (PhpPart::Word(w), PhpPart::Num(_)) => php_word_rank(w).cmp(&php_word_rank("#")),
        (PhpPart::Word(x), PhpPart::Word(y)) => php_word_rank(x).cmp(&php_word_rank(y)),
    }
}

impl PhpVersion {
    pub(crate) fn parse(s: &str) -> Option<PhpVersion> {
        let s = s.trim();
        let s = s.strip_prefix(['v', 'V']).unwrap_or(s).to_ascii_lowercase();
        if s.is_empty() || !s.chars().any(|c| c.is_ascii_digit()) {
            return None;
        }
        let mut parts = Vec::new();
        let mut current = String::new();
        let flush = |current: &mut String, parts: &mut Vec<PhpPart>| -> Option<()> {
            if !current.is_empty() {
                parts.push(if current.chars().all(|c| c.is_ascii_digit()) {
                    PhpPart::Num(current.parse().ok()?)
                } else {
                    PhpPart::Word(current.clone())
                });
                current.clear();
            }
            Some(())
        };
        for c in s.chars() {
            if matches!(c, '.' | '-' | '_' | '+') {
                flush(&mut current, &mut parts)?;
            } else {
                if let Some(last) = current.chars().last()
                    && last.is_ascii_digit() != c.is_ascii_digit()
                {
                    flush(&mut current, &mut parts)?;
                }
                current.push(c);
            }
        }
        flush(&mut current, &mut parts)?;
        Some(PhpVersion(parts))
    }
}

impl PartialOrd for PhpVersion {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for PhpVersion {
    fn cmp(&self, other: &Self) -> Ordering {
        for (a, b) in self.0.iter().zip(&other.0) {
            let o = php_part_cmp(a, b);
            if o != Ordering::Equal {
                return o;
            }
        }
        // One ran out: a number left makes the longer newer; a word left is compared with "#".
        let rest = |longer: &PhpVersion, shorter: &PhpVersion| -> Ordering {
            match &longer.0[shorter.0.len()] {
                PhpPart::Num(_) => Ordering::Greater,
                PhpPart::Word(w) => php_word_rank(w).cmp(&php_word_rank("#")),
            }
        };
        match self.0.len().cmp(&other.0.len()) {
            Ordering::Equal => Ordering::Equal,
            Ordering::Greater => rest(self, other),
            Ordering::Less => rest(other, self).reverse(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each list is in ascending order in its ecosystem; `=` joins equal versions.
    fn ascending(order: Order, list: &[&str]) {
        let parsed: Vec<(String, V)> = list
            .iter()
            .flat_map(|group| group.split('='))
            .map(|v| (v.to_string(), parse(order, v).unwrap_or_else(|| panic!("{order:?} reads {v}"))))
            .collect();
        let mut at = 0;
        for (gi, group) in list.iter().enumerate() {
            let size = group.split('=').count();
            for i in at..at + size {
                for j in at..at + size {
                    assert_eq!(parsed[i].1.cmp(&parsed[j].1), Ordering::Equal, "{} = {}", parsed[i].0, parsed[j].0);
                }
            }
            if gi + 1 < list.len() {
                let next = at + size;
                let next_size = list[gi + 1].split('=').count();
                for i in at..at + size {
                    for j in next..next + next_size {
                        assert_eq!(parsed[i].1.cmp(&parsed[j].1), Ordering::Less, "{} < {}", parsed[i].0, parsed[j].0);
                        assert_eq!(
                            parsed[j].1.cmp(&parsed[i].1),
                            Ordering::Greater,
                            "{} > {}",
                            parsed[j].0,
                            parsed[i].0
                        );
                    }
                }
            }
            at += size;
        }
    }

    #[test]
    fn maven_orders_as_the_pom_reference_s_version_order_specification() {
        // The examples of https://maven.apache.org/pom.html#version-order-specification.
        ascending(Order::Maven, &["1", "1.1"]);
        ascending(Order::Maven, &["1-snapshot", "1", "1-sp"]);
        ascending(Order::Maven, &["1-foo2", "1-foo10"]);
        ascending(Order::Maven, &["1.foo=1-foo", "1-1", "1.1"]);
        ascending(Order::Maven, &["1.ga=1-ga=1-0=1.0=1"]);
        ascending(Order::Maven, &["1-ga", "1-sp"]);
        ascending(Order::Maven, &["1-ga.1", "1-sp.1"]);
        ascending(Order::Maven, &["1-sp-1", "1-ga-1=1-1"]);
        ascending(Order::Maven, &["1-a1=1-alpha-1"]);
        // Qualifiers in their order, case-insensitively; an unknown one after them.
        ascending(
            Order::Maven,
            &[
                "1.0-alpha1=1.0-A1",
                "1.0-beta1",
                "1.0-milestone1=1.0-m1",
                "1.0-rc1=1.0-CR1",
                "1.0-SNAPSHOT",
                "1.0=1.0.0=1.0-final=1.0-GA",
                "1.0-sp1",
                "1.0-xyz",
                "1.0.1",
            ],
        );
        ascending(Order::Maven, &["2.9", "2.10", "2.10.1", "10.0"]);
    }

    #[test]
    fn nuget_orders_as_semver_2_with_a_fourth_number_and_case_blind_labels() {
        ascending(
            Order::NuGet,
            &[
                "1.0.0-alpha=1.0.0-ALPHA",
                "1.0.0-alpha.1",
                "1.0.0-alpha.beta",
                "1.0.0-beta.2",
                "1.0.0-beta.11",
                "1.0.0-rc.1",
                "1.0=1.0.0=1.0.0.0=1.0.0+build.5",
                "1.0.0.1",
                "1.0.1",
            ],
        );
        ascending(Order::NuGet, &["4.0.9", "4.0.10", "4.1.0-preview1-final", "4.1.0"]);
    }

    #[test]
    fn rubygems_orders_as_gem_version() {
        // Gem::Version's documented ordering: a letter makes a pre-release, before the release.
        ascending(
            Order::RubyGems,
            &["1.0.a=1.0a", "1.0.a.2", "1.0.b1", "1.0.rc1", "1.0=1.0.0=1", "1.0.1", "1.1", "1.10", "2.0"],
        );
        ascending(Order::RubyGems, &["0.9.9", "1.0.0.pre", "1.0.0"]);
        assert!(GemVersion::parse("1.0 beta").is_none());
    }

    #[test]
    fn packagist_orders_as_php_version_compare() {
        // PHP's documented order: any word < dev < alpha = a < beta = b < RC = rc < # < pl = p.
        ascending(
            Order::Packagist,
            &[
                "1.0.0-dev",
                "1.0.0-alpha1=1.0.0a1",
                "1.0.0-beta2=1.0.0-b2",
                "1.0.0-RC1=1.0.0rc1",
                "1.0.0=v1.0.0",
                "1.0.0-pl1=1.0.0-p1",
                "1.0.1",
            ],
        );
        ascending(Order::Packagist, &["5.4.9", "5.4.10", "5.4.10.1", "6.0.0-beta1", "6.0.0"]);
    }

    #[test]
    fn debian_orders_as_dpkg() {
        // deb-version(7): the epoch first, "~" before everything, even the end of the version.
        ascending(Order::Debian, &["1.0~rc1-1", "1.0-1", "1.0-1+deb12u1", "1.0-2", "1.0.1-1", "1:0.9-1"]);
        ascending(Order::Debian, &["2.36.1-8+deb11u1~bpo10+1", "2.36.1-8+deb11u1", "2.36.1-8+deb11u2"]);
    }

    #[test]
    fn semver_and_pep440_keep_their_crates_order() {
        ascending(
            Order::SemVer,
            &["1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-beta", "1.0.0-rc.1", "1.0.0=v1.0.0", "1.0.1"],
        );
        // PEP 440: dev releases, pre-releases, the release, post-releases; epochs first; local
        // versions after their public version.
        ascending(
            Order::Pep440,
            &["1.0.dev1", "1.0a1", "1.0b2", "1.0rc1", "1.0=1.0.0", "1.0+local.1", "1.0.post1", "1.1", "1!0.5"],
        );
    }
}
