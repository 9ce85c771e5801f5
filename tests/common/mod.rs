//! What the end-to-end tests share: running the real `citater` binary in a
//! scratch directory with its own copy of the corpus, and saying exactly
//! what was run and what it printed when an expectation fails.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

/// The repository's corpus, which the tests copy and never write to.
pub fn repo_corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")
}

/// A scratch directory holding `corpus/` (a copy) and `index/`.
pub struct Workspace {
    pub dir: tempfile::TempDir,
}

impl Workspace {
    /// A fresh workspace with a copy of the corpus and no index.
    pub fn new() -> Workspace {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let corpus = dir.path().join("corpus");
        std::fs::create_dir_all(&corpus).unwrap();
        for entry in std::fs::read_dir(repo_corpus()).unwrap() {
            let path = entry.unwrap().path();
            std::fs::copy(&path, corpus.join(path.file_name().unwrap())).unwrap();
        }
        Workspace { dir }
    }

    pub fn corpus(&self) -> PathBuf {
        self.dir.path().join("corpus")
    }

    pub fn index(&self) -> PathBuf {
        self.dir.path().join("index")
    }

    /// `citater` with this workspace's corpus and index.
    pub fn command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_citater"));
        cmd.arg("--corpus")
            .arg(self.corpus())
            .arg("--index")
            .arg(self.index());
        cmd.args(args);
        cmd.current_dir(self.dir.path());
        cmd.env_remove("CITATER_INDEX")
            .env_remove("CITATER_CORPUS")
            .env("NO_COLOR", "1");
        cmd
    }

    /// Runs citater and returns what it did, whatever the exit code.
    pub fn run(&self, args: &[&str]) -> Run {
        let mut cmd = self.command(args);
        let output = cmd.output().expect("citater runs");
        let shown: Vec<String> = args.iter().map(|a| clipped(a)).collect();
        Run {
            command: format!("citater {}", shown.join(" ")),
            output,
        }
    }

    /// Runs citater and insists on success.
    pub fn ok(&self, args: &[&str]) -> Run {
        let run = self.run(args);
        run.assert_code(0);
        run
    }
}

/// A workspace with a built index, shared by the tests of one test binary
/// (building an index takes a few seconds in a debug build).
pub fn shared() -> &'static Workspace {
    static SHARED: OnceLock<Workspace> = OnceLock::new();
    SHARED.get_or_init(|| {
        let ws = Workspace::new();
        ws.ok(&["index"]);
        ws
    })
}

/// An argument as a report shows it: a very long one (a hostile query) by
/// its start and its length, so the report stays readable.
fn clipped(arg: &str) -> String {
    const SHOWN: usize = 200;
    match arg.char_indices().nth(SHOWN) {
        None => arg.to_string(),
        Some((cut, _)) => format!("{}…[{} characters]", &arg[..cut], arg.chars().count()),
    }
}

/// One run of the binary.
pub struct Run {
    pub command: String,
    pub output: Output,
}

impl Run {
    pub fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.output.stdout).into_owned()
    }

    pub fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.output.stderr).into_owned()
    }

    pub fn code(&self) -> i32 {
        self.output.status.code().unwrap_or(-1)
    }

    /// The report printed when an expectation about this run fails.
    pub fn report(&self) -> String {
        format!(
            "\n--- command: {}\n--- exit code: {}\n--- stdout:\n{}\n--- stderr:\n{}\n",
            self.command,
            self.code(),
            self.stdout(),
            self.stderr()
        )
    }

    pub fn assert_code(&self, code: i32) {
        assert_eq!(self.code(), code, "unexpected exit code{}", self.report());
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout())
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}){}", self.report()))
    }

    pub fn json_lines(&self) -> Vec<serde_json::Value> {
        self.stdout()
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| {
                serde_json::from_str(l)
                    .unwrap_or_else(|e| panic!("a line is not JSON ({e}): {l}{}", self.report()))
            })
            .collect()
    }
}
