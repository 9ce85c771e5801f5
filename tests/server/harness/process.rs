//! `citater serve` as a real process: started on a free port of 127.0.0.1
//! in a scratch workspace, waited for until it answers, and described
//! (command, stdout, stderr) when a test that uses it fails.

use std::fs::File;
use std::ops::Deref;
use std::path::PathBuf;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::OnceLock;
use std::thread;
use std::time::{Duration, Instant};

use crate::common::{self, Workspace};
use crate::harness::client;
use crate::harness::shorten;

/// How long a server may take to answer its first /healthz.
const STARTUP: Duration = Duration::from_secs(60);
/// The exit code of a usage error (CONTRACT.md), which is what the server
/// exits with when it cannot listen on its address.
const USAGE: i32 = 2;
/// How many of the last lines of stdout and stderr a report shows.
const TAIL: usize = 30;

/// A running `citater serve`, killed when dropped. A server that a failing
/// test owns prints its report as it is dropped.
pub(crate) struct Server {
    pub(crate) child: Child,
    pub(crate) port: u16,
    command: String,
    stdout: PathBuf,
    stderr: PathBuf,
    pub(crate) agent: ureq::Agent,
}

impl Server {
    /// Starts the server on a free port of 127.0.0.1 and waits until it
    /// answers /healthz. Another process may take the port between our
    /// finding it free and the server binding it; then the server exits
    /// with the usage code and another port is tried.
    pub(crate) fn start(ws: &Workspace) -> Server {
        Server::start_with(ws, |_| {})
    }

    /// `start`, with the command changed by `configure` first (an
    /// environment variable, a limit of the process).
    pub(crate) fn start_with(ws: &Workspace, configure: impl Fn(&mut Command)) -> Server {
        for _ in 0..5 {
            let port = free_port();
            let addr = format!("127.0.0.1:{port}");
            let stdout = ws.dir.path().join(format!("serve-{port}.stdout"));
            let stderr = ws.dir.path().join(format!("serve-{port}.stderr"));
            let mut cmd = ws.command(&["serve", "--addr", &addr]);
            cmd.env("RUST_LOG", "info")
                // A panic's message, not its backtrace, in the log's last lines.
                .env("RUST_BACKTRACE", "0");
            configure(&mut cmd);
            let command = format!("{cmd:?}");
            let child = cmd
                .stdin(Stdio::null())
                .stdout(File::create(&stdout).expect("a file for the server's stdout"))
                .stderr(File::create(&stderr).expect("a file for the server's stderr"))
                .spawn()
                .expect("citater serve starts");
            let mut server = Server {
                child,
                port,
                command,
                stdout,
                stderr,
                agent: client::agent(),
            };
            match server.wait_until_up() {
                Ok(()) => return server,
                Err(status) if status.code() == Some(USAGE) => {
                    eprintln!("port {port} was taken ({status}); trying another");
                }
                Err(status) => panic!(
                    "citater serve exited ({status}) before answering{}",
                    server.report()
                ),
            }
        }
        panic!("no free port could be had for citater serve");
    }

    /// The server most tests share, over the shared workspace's index.
    /// Statics are never dropped, so it is killed (and the workspace
    /// removed) when the test binary exits.
    pub(crate) fn shared() -> &'static Server {
        static SERVER: OnceLock<Server> = OnceLock::new();
        SERVER.get_or_init(|| {
            let ws = common::shared();
            let server = Server::start(ws);
            clean_up_at_exit(server.pid(), ws.dir.path().to_path_buf());
            server
        })
    }

    /// Polls /healthz until it answers 200; the exit status if the server
    /// died first.
    fn wait_until_up(&mut self) -> Result<(), ExitStatus> {
        let deadline = Instant::now() + STARTUP;
        loop {
            if let Some(status) = self.child.try_wait().expect("the server's status") {
                return Err(status);
            }
            if matches!(self.try_get("/healthz"), Ok(r) if r.status == 200) {
                return Ok(());
            }
            assert!(
                Instant::now() < deadline,
                "citater serve did not answer /healthz within {STARTUP:?}{}",
                self.report()
            );
            thread::sleep(Duration::from_millis(50));
        }
    }

    pub(crate) fn pid(&self) -> u32 {
        self.child.id()
    }

    /// What the server has written to stderr, its log.
    pub(crate) fn log_text(&self) -> String {
        std::fs::read_to_string(&self.stderr).unwrap_or_default()
    }

    /// The command that started the server and the end of what it printed,
    /// for a failure message.
    pub(crate) fn report(&self) -> String {
        let tail = |path: &PathBuf| {
            let text = std::fs::read_to_string(path).unwrap_or_default();
            let lines: Vec<&str> = text.lines().collect();
            shorten(&lines[lines.len().saturating_sub(TAIL)..].join("\n"))
        };
        format!(
            "\n--- server command: {}\n--- server stdout (last {TAIL} lines):\n{}\n\
             --- server stderr (last {TAIL} lines):\n{}\n",
            self.command,
            tail(&self.stdout),
            tail(&self.stderr)
        )
    }

    /// Asserts the server still answers /healthz with 200, after `what`.
    pub(crate) fn assert_alive(&self, what: &str) {
        let r = self.try_get("/healthz");
        assert!(
            matches!(&r, Ok(r) if r.status == 200),
            "the server no longer answers /healthz after {what}: {r:?}{}",
            self.report()
        );
        assert!(
            !self.log_text().contains("panicked"),
            "the server panicked during {what}{}",
            self.report()
        );
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        if thread::panicking() {
            eprintln!("{}", self.report());
        }
    }
}

/// The shared server as one test holds it: if the test fails, the server's
/// report is printed with the test's output.
pub(crate) struct Watched(&'static Server);

impl Deref for Watched {
    type Target = Server;

    fn deref(&self) -> &Server {
        self.0
    }
}

impl Drop for Watched {
    fn drop(&mut self) {
        if thread::panicking() {
            eprintln!("{}", self.0.report());
        }
    }
}

/// The shared server, for a test to hold until it ends.
pub(crate) fn server() -> Watched {
    Watched(Server::shared())
}

/// A port nobody listens on right now.
fn free_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
    listener.local_addr().unwrap().port()
}

/// Kills the shared server and removes its workspace when the test binary
/// exits, which no destructor of a static does.
#[cfg(unix)]
fn clean_up_at_exit(pid: u32, dir: PathBuf) {
    use std::sync::atomic::{AtomicI32, Ordering};
    static PID: AtomicI32 = AtomicI32::new(0);
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    extern "C" fn clean_up() {
        let pid = PID.load(Ordering::SeqCst);
        if pid > 0 {
            // SAFETY: kill(2) with a pid we started and a valid signal.
            unsafe { libc::kill(pid, libc::SIGKILL) };
        }
        if let Some(dir) = DIR.get() {
            let _ = std::fs::remove_dir_all(dir);
        }
    }
    PID.store(pid as i32, Ordering::SeqCst);
    let _ = DIR.set(dir);
    // SAFETY: registers a plain function with no arguments to run at exit.
    unsafe { libc::atexit(clean_up) };
}

/// Elsewhere the shared server outlives the test binary; it holds no more
/// than a port of 127.0.0.1 and a temporary directory.
#[cfg(not(unix))]
fn clean_up_at_exit(_pid: u32, _dir: PathBuf) {}
