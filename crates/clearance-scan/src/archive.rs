//! Archives scanned in place: their members are read in memory and scanned like files, named
//! `outer.tgz!/path/inside` (nested: `a.zip!/lib/b.jar!/META-INF/LICENSE`). Nothing is ever
//! written to disk, so a member named `../../etc/passwd` cannot escape anywhere; it is still
//! reported, because an archive that carries one is hostile or broken.
//!
//! Limits, per top-level archive across all its nesting: total bytes unpacked, members, depth,
//! and the unpacked-to-packed ratio (bombs). Crossing one stops that archive with a recorded
//! reason; the rest of the scan goes on.

use std::io::{Cursor, Read, Seek};

use crate::model::SkipReason;

/// Archive formats, by file name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArchiveKind {
    Zip,
    Tar(Compression),
    /// Debian packages: an `ar` archive holding compressed tars.
    Deb,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compression {
    None,
    Gzip,
    Xz,
    Bzip2,
    Zstd,
}

/// The archive kind of a file name, if it is one Clearance opens.
pub fn archive_kind(name: &str) -> Option<ArchiveKind> {
    let n = name.rsplit('/').next().unwrap_or(name).to_ascii_lowercase();
    let ends = |suffixes: &[&str]| suffixes.iter().any(|s| n.ends_with(s));
    Some(if ends(&[".zip", ".jar", ".war", ".ear", ".whl", ".nupkg", ".aar", ".vsix", ".egg"]) {
        ArchiveKind::Zip
    } else if ends(&[".tar.gz", ".tgz", ".crate"]) {
        ArchiveKind::Tar(Compression::Gzip)
    } else if ends(&[".tar.xz", ".txz"]) {
        ArchiveKind::Tar(Compression::Xz)
    } else if ends(&[".tar.bz2", ".tbz2", ".tbz"]) {
        ArchiveKind::Tar(Compression::Bzip2)
    } else if ends(&[".tar.zst", ".tzst"]) {
        ArchiveKind::Tar(Compression::Zstd)
    } else if ends(&[".tar", ".gem"]) {
        // A .gem is a plain tar of data.tar.gz and metadata.gz.
        ArchiveKind::Tar(Compression::None)
    } else if ends(&[".deb", ".udeb"]) {
        ArchiveKind::Deb
    } else {
        return None;
    })
}

/// How far Clearance goes into an archive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ArchiveLimits {
    /// Archives inside archives, counting the outermost as 1.
    pub depth: u32,
    /// Total bytes unpacked from one top-level archive.
    pub total_bytes: u64,
    /// Members of one top-level archive, nested ones included.
    pub entries: u64,
    /// Unpacked bytes per packed byte, over a top-level archive, beyond `ratio_floor` bytes.
    pub ratio: u64,
    pub ratio_floor: u64,
}

impl Default for ArchiveLimits {
    fn default() -> Self {
        ArchiveLimits { depth: 4, total_bytes: 4 << 30, entries: 200_000, ratio: 200, ratio_floor: 64 << 20 }
    }
}

/// What expanding an archive yields, in order.
#[derive(Debug)]
pub enum Item {
    /// A member's full path (`outer!/inner`) and content.
    Member { path: String, bytes: Vec<u8> },
    /// A member not read, and why.
    Skip { path: String, reason: SkipReason, detail: String },
}

/// Why expanding an archive stopped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stop {
    /// Over a limit (bytes, members, ratio): the whole top-level archive stops.
    Limit(String),
    /// Damaged, truncated or not what its name says: this archive stops, an enclosing one goes on.
    Broken(String),
}

impl Stop {
    /// What the scan records for it.
    pub fn reason(&self) -> SkipReason {
        match self {
            Stop::Limit(_) => SkipReason::ArchiveLimit,
            Stop::Broken(_) => SkipReason::ArchiveError,
        }
    }
}

impl std::fmt::Display for Stop {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Stop::Limit(s) | Stop::Broken(s) => f.write_str(s),
        }
    }
}

fn broken(e: impl std::fmt::Display) -> Stop {
    Stop::Broken(e.to_string())
}

/// Shared across one top-level archive and everything nested in it.
struct Budget {
    limits: ArchiveLimits,
    packed: u64,
    unpacked: u64,
    entries: u64,
    member_max: u64,
}

impl Budget {
    fn take(&mut self, bytes: u64) -> Result<(), Stop> {
        self.unpacked += bytes;
        if self.unpacked > self.limits.total_bytes {
            return Err(Stop::Limit(format!("more than {} bytes unpacked (limit)", self.limits.total_bytes)));
        }
        if self.unpacked > self.limits.ratio_floor && self.unpacked / self.packed.max(1) > self.limits.ratio {
            return Err(Stop::Limit(format!(
                "unpacks to over {}× its size ({} of {} bytes so far): a decompression bomb",
                self.limits.ratio, self.unpacked, self.packed
            )));
        }
        Ok(())
    }

    fn count(&mut self) -> Result<(), Stop> {
        self.entries += 1;
        if self.entries > self.limits.entries {
            return Err(Stop::Limit(format!("more than {} members (limit)", self.limits.entries)));
        }
        Ok(())
    }
}

/// Expand an archive: `each` receives every member (nested archives expanded too, their own
/// `Member` given first) and every member skipped. `Err` is why the archive was abandoned;
/// what was yielded before stays valid.
pub fn expand<R: Read + Seek>(
    path: &str,
    kind: ArchiveKind,
    reader: R,
    packed_size: u64,
    limits: ArchiveLimits,
    member_max: u64,
    each: &mut dyn FnMut(Item),
) -> Result<(), Stop> {
    let mut budget = Budget { limits, packed: packed_size, unpacked: 0, entries: 0, member_max };
    expand_in(path, kind, reader, 1, &mut budget, each)
}

fn expand_in<R: Read + Seek>(
    path: &str,
    kind: ArchiveKind,
    reader: R,
    depth: u32,
    budget: &mut Budget,
    each: &mut dyn FnMut(Item),
) -> Result<(), Stop> {
    match kind {
        ArchiveKind::Zip => zip_members(path, reader, depth, budget, each),
        ArchiveKind::Tar(c) => {
            // What a whole-stream decoder may produce: what the ratio and total limits allow.
            let cap = (budget.packed.saturating_mul(budget.limits.ratio))
                .max(budget.limits.ratio_floor)
                .min(budget.limits.total_bytes.saturating_sub(budget.unpacked));
            tar_members(path, decompress(c, reader, cap)?, depth, budget, each)
        }
        ArchiveKind::Deb => deb_members(path, reader, depth, budget, each),
    }
}

fn decompress<'a, R: Read + 'a>(c: Compression, r: R, cap: u64) -> Result<Box<dyn Read + 'a>, Stop> {
    Ok(match c {
        Compression::None => Box::new(r),
        Compression::Gzip => Box::new(flate2::read::MultiGzDecoder::new(r)),
        Compression::Bzip2 => Box::new(bzip2_rs::DecoderReader::new(r)),
        Compression::Zstd => {
            Box::new(ruzstd::decoding::StreamingDecoder::new(r).map_err(|e| broken(format!("zstd: {e}")))?)
        }
        Compression::Xz => {
            // lzma-rs decodes a whole stream into a writer: into memory, never past `cap`.
            let mut input = std::io::BufReader::new(r);
            let mut out = Vec::new();
            lzma_rs::xz_decompress(&mut input, &mut LimitedWriter { inner: &mut out, left: cap }).map_err(|e| {
                if e.to_string().contains("larger than the unpack limit") {
                    Stop::Limit(format!("the xz stream unpacks to more than {cap} bytes: a decompression bomb"))
                } else {
                    broken(format!("xz: {e}"))
                }
            })?;
            Box::new(Cursor::new(out))
        }
    })
}

struct LimitedWriter<'a> {
    inner: &'a mut Vec<u8>,
    left: u64,
}

impl std::io::Write for LimitedWriter<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if buf.len() as u64 > self.left {
            return Err(std::io::Error::other("xz stream larger than the unpack limit"));
        }
        self.left -= buf.len() as u64;
        self.inner.extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Why a member name is unsafe to use as a path, if it is.
fn unsafe_name(name: &str) -> Option<&'static str> {
    if name.starts_with('/') || name.starts_with('\\') || name.get(1..3) == Some(":\\") || name.get(1..3) == Some(":/")
    {
        Some("an absolute path")
    } else if name.split(['/', '\\']).any(|p| p == "..") {
        Some("a path that climbs out of the archive ('..')")
    } else if name.contains('\0') {
        Some("a NUL byte in the name")
    } else {
        None
    }
}

fn clean_name(name: &str) -> String {
    let mut out = String::new();
    for c in name.trim_start_matches("./").chars() {
        if c.is_control() {
            out.push_str(&format!("\\x{:02X}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// Handle one member's content: yield it, and expand it when it is an archive itself.
fn member(
    archive: &str,
    name: &str,
    bytes: Vec<u8>,
    depth: u32,
    budget: &mut Budget,
    each: &mut dyn FnMut(Item),
) -> Result<(), Stop> {
    let path = format!("{archive}!/{}", clean_name(name));
    let nested = archive_kind(name);
    match nested {
        Some(kind) if depth < budget.limits.depth => {
            let copy = bytes.clone();
            each(Item::Member { path: path.clone(), bytes });
            match expand_in(&path, kind, Cursor::new(copy), depth + 1, budget, each) {
                Err(Stop::Broken(e)) => each(Item::Skip { path, reason: SkipReason::ArchiveError, detail: e }),
                other => other?,
            }
        }
        Some(_) => {
            each(Item::Member { path: path.clone(), bytes });
            each(Item::Skip {
                path,
                reason: SkipReason::ArchiveLimit,
                detail: format!("nested deeper than {} archives: not opened", budget.limits.depth),
            });
        }
        None => each(Item::Member { path, bytes }),
    }
    Ok(())
}

/// Read a member of declared `size`, within the member and archive limits.
fn read_member(r: &mut dyn Read, size: u64, budget: &mut Budget) -> Result<Option<Vec<u8>>, Stop> {
    if size > budget.member_max {
        // Not read, but counted: a bomb of huge members is still a bomb.
        budget.take(size)?;
        std::io::copy(&mut r.take(size), &mut std::io::sink()).map_err(broken)?;
        return Ok(None);
    }
    let mut buf = Vec::with_capacity(size.min(1 << 20) as usize);
    // Read one byte more than declared: a member that lies about its size is caught.
    let n = r.take(budget.member_max + 1).read_to_end(&mut buf).map_err(broken)?;
    budget.take(n as u64)?;
    if n as u64 > budget.member_max {
        return Ok(None);
    }
    Ok(Some(buf))
}

fn zip_members<R: Read + Seek>(
    path: &str,
    reader: R,
    depth: u32,
    budget: &mut Budget,
    each: &mut dyn FnMut(Item),
) -> Result<(), Stop> {
    let mut zip = zip::ZipArchive::new(reader).map_err(|e| broken(format!("not a readable zip archive: {e}")))?;
    for i in 0..zip.len() {
        budget.count()?;
        let mut f = match zip.by_index(i) {
            Ok(f) => f,
            Err(e) => {
                skip(each, path, &format!("#{i}"), SkipReason::ArchiveError, e.to_string());
                continue;
            }
        };
        let name = String::from_utf8_lossy(f.name_raw()).into_owned();
        if f.is_dir() {
            continue;
        }
        if unusable(path, &name, f.is_symlink(), "", each) {
            continue;
        }
        let size = f.size();
        match take_member(path, &name, &mut f, size, depth, budget, each) {
            Err(Stop::Broken(e)) => skip(each, path, &name, SkipReason::ArchiveError, e),
            other => other?,
        }
    }
    Ok(())
}

fn skip(each: &mut dyn FnMut(Item), archive: &str, name: &str, reason: SkipReason, detail: String) {
    each(Item::Skip { path: format!("{archive}!/{}", clean_name(name)), reason, detail });
}

/// A member that must not be read: an unsafe name, or a link. Reports it and answers true.
fn unusable(archive: &str, name: &str, link: bool, target: &str, each: &mut dyn FnMut(Item)) -> bool {
    if let Some(why) = unsafe_name(name) {
        skip(each, archive, name, SkipReason::UnsafePath, format!("the member's name is {why}; not used as a path"));
        return true;
    }
    if link {
        let to = if target.is_empty() { String::new() } else { format!(" to '{}'", clean_name(target)) };
        skip(
            each,
            archive,
            name,
            SkipReason::Symlink,
            format!("a link inside the archive{to} (links are not followed)"),
        );
        return true;
    }
    false
}

/// Read a member and yield it, or say it was too large. `Err` stops the archive.
fn take_member(
    archive: &str,
    name: &str,
    r: &mut dyn Read,
    size: u64,
    depth: u32,
    budget: &mut Budget,
    each: &mut dyn FnMut(Item),
) -> Result<(), Stop> {
    match read_member(r, size, budget)? {
        Some(bytes) => member(archive, name, bytes, depth, budget, each),
        None => {
            let limit = budget.member_max;
            skip(
                each,
                archive,
                name,
                SkipReason::TooLarge,
                format!("{size} bytes unpacked; the limit is {limit} bytes"),
            );
            Ok(())
        }
    }
}

fn tar_members(
    path: &str,
    reader: Box<dyn Read + '_>,
    depth: u32,
    budget: &mut Budget,
    each: &mut dyn FnMut(Item),
) -> Result<(), Stop> {
    let mut tar = tar::Archive::new(reader);
    let entries = tar.entries().map_err(|e| broken(format!("not a readable tar archive: {e}")))?;
    for entry in entries {
        let mut e = entry.map_err(|e| broken(format!("the archive is damaged or truncated: {e}")))?;
        budget.count()?;
        let name = String::from_utf8_lossy(&e.path_bytes()).into_owned();
        let kind = e.header().entry_type();
        if kind.is_dir() || kind.is_pax_global_extensions() || kind.is_pax_local_extensions() || kind.is_gnu_longname()
        {
            continue;
        }
        let target = e.link_name_bytes().map(|t| String::from_utf8_lossy(&t).into_owned()).unwrap_or_default();
        if unusable(path, &name, kind.is_symlink() || kind.is_hard_link(), &target, each) {
            continue;
        }
        if !kind.is_file() && kind != tar::EntryType::Continuous && kind != tar::EntryType::GNUSparse {
            skip(
                each,
                path,
                &name,
                SkipReason::SpecialFile,
                "not a regular file (device, FIFO) inside the archive".into(),
            );
            continue;
        }
        let size = e.size();
        match take_member(path, &name, &mut e, size, depth, budget, each) {
            Err(Stop::Broken(e)) => return Err(broken(format!("the archive is damaged or truncated: {e}"))),
            other => other?,
        }
    }
    Ok(())
}

fn deb_members<R: Read>(
    path: &str,
    reader: R,
    depth: u32,
    budget: &mut Budget,
    each: &mut dyn FnMut(Item),
) -> Result<(), Stop> {
    let mut ar = ar::Archive::new(reader);
    while let Some(entry) = ar.next_entry() {
        let mut e = entry.map_err(|e| broken(format!("not a readable Debian package: {e}")))?;
        budget.count()?;
        let name = String::from_utf8_lossy(e.header().identifier()).trim_end_matches('/').to_string();
        let size = e.header().size();
        take_member(path, &name, &mut e, size, depth, budget, each)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;

    type Collected = (Vec<(String, Vec<u8>)>, Vec<(String, String)>, Result<(), String>);

    fn collect(name: &str, bytes: Vec<u8>, limits: ArchiveLimits) -> Collected {
        let mut members = Vec::new();
        let mut skips = Vec::new();
        let size = bytes.len() as u64;
        let r =
            expand(name, archive_kind(name).unwrap(), Cursor::new(bytes), size, limits, 32 << 20, &mut |i| match i {
                Item::Member { path, bytes } => members.push((path, bytes)),
                Item::Skip { path, reason, detail } => skips.push((path, format!("{}: {detail}", reason.as_str()))),
            });
        (members, skips, r.map_err(|e| e.to_string()))
    }

    fn zip_of(files: &[(&str, &[u8])]) -> Vec<u8> {
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for (name, data) in files {
            w.start_file(*name, zip::write::SimpleFileOptions::default()).unwrap();
            w.write_all(data).unwrap();
        }
        w.finish().unwrap().into_inner()
    }

    fn tar_of(files: &[(&str, &[u8])]) -> Vec<u8> {
        let mut b = tar::Builder::new(Vec::new());
        for (name, data) in files {
            let mut h = tar::Header::new_gnu();
            h.set_size(data.len() as u64);
            h.set_mode(0o644);
            h.set_entry_type(tar::EntryType::Regular);
            // Bypass the builder's own path checks: the tests need hostile names.
            let bytes = name.as_bytes();
            h.as_old_mut().name[..bytes.len()].copy_from_slice(bytes);
            h.set_cksum();
            b.append(&h, *data).unwrap();
        }
        b.into_inner().unwrap()
    }

    fn gz(data: &[u8]) -> Vec<u8> {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    #[test]
    fn kinds_by_name() {
        assert_eq!(archive_kind("a/b.JAR"), Some(ArchiveKind::Zip));
        assert_eq!(archive_kind("serde-1.0.0.crate"), Some(ArchiveKind::Tar(Compression::Gzip)));
        assert_eq!(archive_kind("x.tar.zst"), Some(ArchiveKind::Tar(Compression::Zstd)));
        assert_eq!(archive_kind("x_1.0_amd64.deb"), Some(ArchiveKind::Deb));
        assert_eq!(archive_kind("notes.txt"), None);
    }

    #[test]
    fn nested_archives_are_expanded_and_named_with_bangs() {
        let inner = zip_of(&[("META-INF/LICENSE", b"MIT License")]);
        let outer = gz(&tar_of(&[("pkg/lib/inner.jar", &inner), ("pkg/README", b"hello")]));
        let (members, skips, r) = collect("dist/pkg.tgz", outer, ArchiveLimits::default());
        r.unwrap();
        assert!(skips.is_empty(), "{skips:?}");
        let names: Vec<&str> = members.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(
            names,
            [
                "dist/pkg.tgz!/pkg/lib/inner.jar",
                "dist/pkg.tgz!/pkg/lib/inner.jar!/META-INF/LICENSE",
                "dist/pkg.tgz!/pkg/README"
            ]
        );
        assert_eq!(members[1].1, b"MIT License");
    }

    #[test]
    fn traversal_absolute_and_link_members_are_reported_not_used() {
        let t = tar_of(&[("../../etc/passwd", b"x"), ("/abs/file", b"y"), ("ok.txt", b"fine")]);
        let (members, skips, r) = collect("evil.tar", t, ArchiveLimits::default());
        r.unwrap();
        assert_eq!(members.len(), 1);
        assert!(skips.iter().any(|(p, why)| p.ends_with("../../etc/passwd") && why.starts_with("unsafe-path")));
        assert!(skips.iter().any(|(_, why)| why.contains("absolute")));
        let z = zip_of(&[("a/../../x", b"1")]);
        let (_, skips, _) = collect("evil.zip", z, ArchiveLimits::default());
        assert!(skips[0].1.starts_with("unsafe-path"), "{skips:?}");
    }

    #[test]
    fn bombs_truncation_and_garbage_stop_the_archive_with_a_reason() {
        // 200 MB of zeros compresses to ~200 KB: over the ratio once past the floor.
        let zeros = vec![0u8; 200 << 20];
        let bomb = gz(&tar_of(&[("a", &zeros[..100 << 20]), ("b", &zeros[..100 << 20])]));
        let limits = ArchiveLimits { ratio_floor: 8 << 20, ..Default::default() };
        let (_, _, r) = collect("bomb.tgz", bomb, limits);
        assert!(r.unwrap_err().contains("decompression bomb"));
        let many = zip_of(
            &(0..50).map(|i| (Box::leak(format!("f{i}").into_boxed_str()) as &str, &b"x"[..])).collect::<Vec<_>>(),
        );
        let (_, _, r) = collect("many.zip", many, ArchiveLimits { entries: 10, ..Default::default() });
        assert!(r.unwrap_err().contains("more than 10 members"));
        let mut t = gz(&tar_of(&[("a.txt", &[b'a'; 10_000]), ("b.txt", b"b")]));
        t.truncate(t.len() / 2);
        let (_, _, r) = collect("cut.tgz", t, ArchiveLimits::default());
        assert!(r.is_err());
        let (_, _, r) = collect("fake.zip", b"this is not a zip".to_vec(), ArchiveLimits::default());
        assert!(r.unwrap_err().contains("not a readable zip"));
        // Nested deeper than the limit: the innermost archive is listed, not opened.
        let mut a = zip_of(&[("LICENSE", b"MIT")]);
        for i in 0..5 {
            a = zip_of(&[(Box::leak(format!("l{i}.zip").into_boxed_str()), &a)]);
        }
        let (_, skips, r) = collect("deep.zip", a, ArchiveLimits::default());
        r.unwrap();
        assert!(skips.iter().any(|(_, why)| why.contains("nested deeper")), "{skips:?}");
    }

    #[test]
    fn an_xz_bomb_is_stopped_before_it_fills_memory() {
        // lzma-rs's encoder does not really compress; Debian's xz (xz-utils, always installed) does.
        let t = tar_of(&[("zeros", &vec![0u8; 20 << 20])]);
        let mut child = std::process::Command::new("xz")
            .args(["-c", "-1"])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .expect("xz (xz-utils) is installed");
        let mut stdin = child.stdin.take().unwrap();
        let writer = std::thread::spawn(move || stdin.write_all(&t).unwrap());
        let xz = child.wait_with_output().unwrap().stdout;
        writer.join().unwrap();
        assert!(xz.len() < 1 << 20, "{} bytes", xz.len());
        let (_, _, r) = collect("bomb.tar.xz", xz, ArchiveLimits { ratio_floor: 1 << 20, ..Default::default() });
        let e = r.unwrap_err();
        assert!(e.contains("decompression bomb"), "{e}");
    }

    #[test]
    fn xz_bzip2_zstd_and_deb() {
        let t = tar_of(&[("x/LICENSE", b"ISC")]);
        let mut xz = Vec::new();
        lzma_rs::xz_compress(&mut Cursor::new(&t), &mut xz).unwrap();
        let (m, _, r) = collect("a.tar.xz", xz, ArchiveLimits::default());
        r.unwrap();
        assert_eq!(m[0].0, "a.tar.xz!/x/LICENSE");
        let mut deb = ar::Builder::new(Vec::new());
        deb.append(&ar::Header::new(b"debian-binary".to_vec(), 4), &b"2.0\n"[..]).unwrap();
        let data = gz(&t);
        deb.append(&ar::Header::new(b"data.tar.gz".to_vec(), data.len() as u64), &data[..]).unwrap();
        let (m, _, r) = collect("p_1.0_all.deb", deb.into_inner().unwrap(), ArchiveLimits::default());
        r.unwrap();
        assert!(
            m.iter().any(|(p, b)| p == "p_1.0_all.deb!/data.tar.gz!/x/LICENSE" && b == b"ISC"),
            "{:?}",
            m.iter().map(|x| &x.0).collect::<Vec<_>>()
        );
    }
}
