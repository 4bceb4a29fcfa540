//! Runs the real `ptba` binary in a fresh temporary folder.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde_json::Value;

pub const BIN: &str = env!("CARGO_BIN_EXE_ptba");

/// A fixture file under `tests/data/`.
pub fn data(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(rel)
}

/// What a run of the binary gave.
#[derive(Debug)]
pub struct Run {
    /// Exit code; -1 when killed by a signal.
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// stdout parsed as one JSON document.
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{}", self.stdout))
    }

    /// stdout parsed as one JSON object per line (`check --format json`).
    pub fn json_lines(&self) -> Vec<Value> {
        self.stdout
            .lines()
            .map(|l| {
                serde_json::from_str(l).unwrap_or_else(|e| panic!("line is not JSON ({e}): {l}"))
            })
            .collect()
    }

    #[track_caller]
    pub fn ok(&self) -> &Self {
        assert_eq!(self.code, 0, "expected exit 0\n{self:?}");
        self
    }
}

/// Asserts what holds for every run of every command: no panic, and one of
/// the three documented exit codes.
#[track_caller]
pub fn assert_sane(run: &Run, what: &str) {
    assert!(
        !run.stderr.contains("panicked") && !run.stdout.contains("panicked"),
        "{what}: panic\n{}",
        run.stderr
    );
    assert!(
        matches!(run.code, 0..=2),
        "{what}: exit code {} (expected 0, 1 or 2)\nstderr: {}",
        run.code,
        run.stderr
    );
}

/// A fresh temporary folder, where the binary runs.
pub struct Env {
    pub dir: tempfile::TempDir,
}

impl Env {
    pub fn new() -> Env {
        Env {
            dir: tempfile::Builder::new()
                .prefix("ptba-test-")
                .tempdir()
                .expect("temp dir"),
        }
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    pub fn write(&self, rel: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let p = self.path(rel);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).expect("mkdir");
        }
        std::fs::write(&p, contents).expect("write");
        p
    }

    /// Copies `tests/data/<from>` to `<to>` here and gives its path.
    pub fn copy(&self, from: &str, to: &str) -> PathBuf {
        let bytes = std::fs::read(data(from)).unwrap_or_else(|e| panic!("fixture {from}: {e}"));
        self.write(to, bytes)
    }

    pub fn read(&self, rel: &str) -> Vec<u8> {
        std::fs::read(self.path(rel)).unwrap_or_else(|e| panic!("read {rel}: {e}"))
    }

    pub fn read_text(&self, rel: &str) -> String {
        String::from_utf8(self.read(rel)).expect("utf-8")
    }

    pub fn exists(&self, rel: &str) -> bool {
        self.path(rel).exists()
    }

    /// Copies `tests/data/<rel>` to the same relative path here.
    pub fn fixture(&self, rel: &str) {
        let bytes = std::fs::read(data(rel)).unwrap_or_else(|e| panic!("fixture {rel}: {e}"));
        self.write(rel, bytes);
    }

    /// Copies `tests/data/<from>` to `<to>` here.
    pub fn fixture_as(&self, from: &str, to: &str) {
        let bytes = std::fs::read(data(from)).unwrap_or_else(|e| panic!("fixture {from}: {e}"));
        self.write(to, bytes);
    }

    pub fn command(&self, args: &[&str]) -> Command {
        let mut c = Command::new(BIN);
        c.args(args)
            .current_dir(self.dir.path())
            .env("NO_COLOR", "1")
            .env_remove("PTBA_LANG")
            .stdin(Stdio::null());
        c
    }

    /// Runs the binary with extra environment variables; the raw output.
    pub fn output_with(&self, args: &[&str], vars: &[(&str, &str)]) -> std::process::Output {
        self.command(args)
            .envs(vars.iter().copied())
            .output()
            .expect("run ptba")
    }

    /// Runs the binary; the raw output.
    pub fn output(&self, args: &[&str]) -> std::process::Output {
        self.output_with(args, &[])
    }

    /// Runs, asserts success and gives stdout.
    #[track_caller]
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.output(args);
        assert!(
            out.status.success(),
            "ptba {args:?} failed ({:?})\nstdout:\n{}\nstderr:\n{}",
            out.status.code(),
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("utf-8")
    }

    /// Runs, asserts success and parses stdout as JSON.
    #[track_caller]
    pub fn json(&self, args: &[&str]) -> Value {
        serde_json::from_str(&self.ok(args)).expect("json output")
    }

    /// Runs the binary and checks it neither panicked nor left the
    /// documented exit codes.
    #[track_caller]
    pub fn run(&self, args: &[&str]) -> Run {
        let out = self.command(args).output().expect("run ptba");
        let run = Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        };
        assert_sane(&run, &format!("ptba {}", args.join(" ")));
        run
    }

    /// Every file under the folder with its bytes, to prove a command
    /// changed nothing.
    pub fn snapshot(&self) -> BTreeMap<String, Vec<u8>> {
        fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
            for entry in std::fs::read_dir(dir).expect("read_dir") {
                let entry = entry.expect("entry");
                let p = entry.path();
                if p.is_dir() {
                    walk(root, &p, out);
                } else {
                    let rel = p.strip_prefix(root).expect("prefix");
                    out.insert(
                        rel.to_string_lossy().into_owned(),
                        std::fs::read(&p).expect("read"),
                    );
                }
            }
        }
        let mut out = BTreeMap::new();
        walk(self.dir.path(), self.dir.path(), &mut out);
        out
    }
}

/// Asserts that two snapshots are equal, naming the files that differ
/// (without dumping megabytes of content).
#[track_caller]
pub fn assert_unchanged(
    before: &BTreeMap<String, Vec<u8>>,
    after: &BTreeMap<String, Vec<u8>>,
    what: &str,
) {
    let names = |m: &BTreeMap<String, Vec<u8>>| m.keys().cloned().collect::<Vec<_>>();
    assert_eq!(
        names(before),
        names(after),
        "{what}: files added or removed"
    );
    for (k, v) in before {
        assert!(after[k] == *v, "{what}: {k} was modified");
    }
}

/// A small deterministic random generator (xorshift), so that failures
/// replay with the printed seed.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }

    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    /// Uniform in `0..n` (n > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// A seed from the clock unless `PTBA_TEST_SEED` fixes it.
pub fn seed() -> u64 {
    std::env::var("PTBA_TEST_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_nanos() as u64)
                .unwrap_or(42)
        })
}

/// Parses CSV text (RFC 4180 quoting) into rows of fields.
pub fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if quoted {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    field.push('"');
                    chars.next();
                } else {
                    quoted = false;
                }
            } else {
                field.push(c);
            }
        } else {
            match c {
                '"' => quoted = true,
                ',' => row.push(std::mem::take(&mut field)),
                '\n' => {
                    row.push(std::mem::take(&mut field));
                    rows.push(std::mem::take(&mut row));
                }
                '\r' => {}
                c => field.push(c),
            }
        }
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(field);
        rows.push(row);
    }
    rows
}

/// Writes at `out` a copy of the template workbook `template` (as written by
/// `ptba template`) with the given cells of its Saisie sheet filled with
/// text, as a focal point would type them. The template writes input cells
/// blank (`<c r="G2" s="…"/>`); each one named is rewritten as an inline
/// string.
pub fn fill_template(template: &Path, out: &Path, cells: &[(String, String)]) {
    use std::io::{Read, Write};
    let f = std::fs::File::open(template).expect("open template");
    let mut zin = zip::ZipArchive::new(f).expect("template is a zip");
    let w = std::fs::File::create(out).expect("create filled workbook");
    let mut zout = zip::ZipWriter::new(w);
    for i in 0..zin.len() {
        let mut e = zin.by_index(i).expect("zip entry");
        let name = e.name().expect("entry name").to_string();
        let mut body = String::new();
        e.read_to_string(&mut body).expect("entry text");
        if name == "xl/worksheets/sheet1.xml" {
            for (r, v) in cells {
                let start = body
                    .find(&format!("<c r=\"{r}\""))
                    .unwrap_or_else(|| panic!("no cell {r} in the template"));
                let end = start + body[start..].find("/>").expect("blank cell");
                let head = &body[start..end];
                let v = v
                    .replace('&', "&amp;")
                    .replace('<', "&lt;")
                    .replace('>', "&gt;");
                let repl = format!("{head} t=\"inlineStr\"><is><t>{v}</t></is></c>");
                body.replace_range(start..end + 2, &repl);
            }
        }
        zout.start_file(name, zip::write::SimpleFileOptions::default())
            .expect("zip start");
        zout.write_all(body.as_bytes()).expect("zip write");
    }
    zout.finish().expect("zip finish");
}

/// Runs the binary with `args` in the current folder: (exit code, stdout,
/// stderr). For tests that work on fixtures in place.
pub fn ptba(args: &[&str]) -> (i32, String, String) {
    output(Command::new(BIN).args(args))
}

/// Runs the binary with `args` in `dir`: (exit code, stdout, stderr).
pub fn ptba_in(dir: &Path, args: &[&str]) -> (i32, String, String) {
    output(Command::new(BIN).args(args).current_dir(dir))
}

fn output(cmd: &mut Command) -> (i32, String, String) {
    let out = cmd.env("NO_COLOR", "1").output().expect("run ptba");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Whether the slow tests run in full: `PTBA_SLOW=1` (set by `.ci/run`).
/// Without it they run in a reduced form (fewer rounds, processes or cases),
/// so that a developer's `cargo test` stays under two minutes.
pub fn slow() -> bool {
    std::env::var_os("PTBA_SLOW").is_some_and(|v| !v.is_empty() && v != "0")
}

/// `full` under `PTBA_SLOW=1`, `quick` otherwise.
pub fn scaled(full: usize, quick: usize) -> usize {
    if slow() { full } else { quick }
}
