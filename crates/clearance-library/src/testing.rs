//! A throwaway PostgreSQL server for tests: a cluster made in a temporary folder (Debian's
//! `postgresql` package), listening on a Unix socket there only, stopped and removed on drop.
//! `make` installs the package; without it the tests that need a server fail, saying so.

use std::path::{Path, PathBuf};
use std::process::Command;

pub struct ThrowawayServer {
    dir: tempfile::TempDir,
    bin: PathBuf,
    as_postgres: bool,
    next_db: std::sync::atomic::AtomicUsize,
}

fn pg_bin() -> PathBuf {
    let mut found: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .map(|d| d.flatten().map(|e| e.path().join("bin")).filter(|b| b.join("initdb").exists()).collect())
        .unwrap_or_default();
    found.sort();
    found.pop().expect("PostgreSQL's server programs (Debian's postgresql package; `make deps` installs it)")
}

impl ThrowawayServer {
    pub fn start() -> ThrowawayServer {
        let bin = pg_bin();
        let dir = tempfile::tempdir().expect("a temporary folder");
        // The server will not run as root: the package's own user runs it then.
        let as_postgres = Command::new("id").arg("-u").output().map(|o| o.stdout == b"0\n").unwrap_or(false);
        if as_postgres {
            Command::new("chown").args(["-R", "postgres:postgres"]).arg(dir.path()).status().expect("chown");
        }
        let s = ThrowawayServer { dir, bin, as_postgres, next_db: Default::default() };
        let data = s.dir.path().join("data");
        s.run("initdb", &["-D", data.to_str().unwrap(), "-A", "trust", "-U", "clearance", "--no-sync"]);
        let opts = format!("-k {} -c listen_addresses='' -c fsync=off", s.dir.path().display());
        s.run(
            "pg_ctl",
            &[
                "-D",
                data.to_str().unwrap(),
                "-o",
                &opts,
                "-l",
                s.dir.path().join("log").to_str().unwrap(),
                "-w",
                "start",
            ],
        );
        s
    }

    fn run(&self, program: &str, args: &[&str]) {
        let exe = self.bin.join(program);
        let status = if self.as_postgres {
            Command::new("runuser").args(["-u", "postgres", "--"]).arg(&exe).args(args).output()
        } else {
            Command::new(&exe).args(args).output()
        }
        .unwrap_or_else(|e| panic!("{program}: {e}"));
        assert!(
            status.status.success(),
            "{program} {args:?}: {}{}",
            String::from_utf8_lossy(&status.stdout),
            String::from_utf8_lossy(&status.stderr)
        );
    }

    pub fn socket_dir(&self) -> &Path {
        self.dir.path()
    }

    /// A new, empty database on the server, as a connection URL.
    pub fn database(&self) -> String {
        let n = self.next_db.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let name = format!("library{n}");
        self.run("createdb", &["-h", self.dir.path().to_str().unwrap(), "-U", "clearance", &name]);
        format!("postgresql://clearance@/{name}?host={}", self.dir.path().display())
    }
}

impl Drop for ThrowawayServer {
    fn drop(&mut self) {
        let data = self.dir.path().join("data");
        let exe = self.bin.join("pg_ctl");
        let args = ["-D", data.to_str().unwrap_or_default(), "-m", "immediate", "stop"];
        let _ = if self.as_postgres {
            Command::new("runuser").args(["-u", "postgres", "--"]).arg(&exe).args(args).output()
        } else {
            Command::new(&exe).args(args).output()
        };
    }
}
