"""Shared pieces of the benchmark scripts in bench/: the machine and commit
line, BENCHMARKS.md sections between marker comments, package installs,
processes that are always stopped, timed steps with a bound, and a small
keep-alive HTTP latency client.

Standard library only.
"""

import atexit
import hashlib
import http.client
import json
import os
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCHMARKS = ROOT / "BENCHMARKS.md"
DEFAULT_BIN = ROOT / "target" / "release" / "citater"

# The sections of BENCHMARKS.md, in the order a new file lists them.
SECTIONS = ["inprocess", "cli", "http", "scale-10", "scale-100", "scale-1000"]

HOW_TO_RUN = """# Benchmarks

Measured by the scripts in `bench/`; each writes its own table below, between its
marker comments, with the command, date, machine and commit that made it.

## How to run

Build the binary under test first (`cargo build --release`); every script measures
the binary given with `--bin PATH` (default `target/release/citater`) and installs
what it needs itself (hyperfine, ripgrep, wrk, nginx, PostgreSQL: Debian packages).
Run one at a time: the machine has few cores.

| what | command | time (today's binary, a loaded machine) |
|---|---|---|
| in process (criterion, bundled corpus) | `bench/inprocess.sh` | ~1 min after the bench build |
| cold CLI beside `grep -ri` and `rg` | `bench/cli.sh [--bin B] [--times 1000]` | ~6 min at 1000× with the index cached (`--times 100` for a quick run) |
| HTTP beside nginx serving the same bytes | `bench/http.sh [--bin B] [--duration 10]` | ~1.5 min |
| scale beside PostgreSQL and SQLite FTS5 | `bench/scale.sh [--bin B] [--sizes 10,100,1000] [--long]` | 10×: 1.5 min, 100×: 5 min (+16 min `--long`), 1000×: 20 min |
| growth guard (CI) | `bench/scale.sh --short [--bin B]` | ~15 s |

The growth guard builds 1× and 10× in a temporary directory, measures citater alone
(standard-library Python, no installs) and exits 1 with one line per query kind whose
p50 at 10× is more than 15× its p50 at 1×; it is meant for `.ci/run`, after the tests
have built `target/release/citater`.

Generated corpora and the indexes built from them are kept in `$BENCH_CACHE`
(default `/tmp/citater-bench`), keyed by the generator, the bundled corpus and the
binary's hash, so a second run skips what it already has (1000×: 330 MB of text,
800 MB of index per binary; delete the directory to reclaim it); `bench/scale.sh`
always times a fresh build. `bench/inprocess.sh` honours `CARGO_TARGET_DIR`. Every step is bounded (`--step-timeout`); a step that runs out
of time says "timed out" in its table instead of hanging.

Latency over HTTP and from PostgreSQL is measured by the same client
(`bench/common.py`, `bench/pgwire.py`): one connection kept alive, sequential
requests after a warmup, the full answer read, p50/p99 by nearest rank. SQLite runs
in the client's process (no socket), as it would in an application.
"""


def now_utc() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return "unknown CPU"


def git_commit() -> str:
    def git(*args: str) -> str:
        r = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True)
        return r.stdout.strip()

    commit = git("rev-parse", "--short=12", "HEAD") or "unknown"
    # BENCHMARKS.md itself changes with every run; only code makes a tree dirty.
    dirty = [line for line in git("status", "--porcelain", "--untracked-files=no").splitlines()
             if not line.endswith("BENCHMARKS.md")]
    return commit + (" (with uncommitted changes)" if dirty else "")


def file_hash(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()[:12]


def load_average() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "?"


def provenance(command: list[str], binary: Path | None = None) -> str:
    """The lines above a table: what made it, when, where, from which commit."""
    lines = [
        f"- command: `{shlex.join(command)}`",
        f"- date: {now_utc()}; machine: {os.cpu_count()} cores (nproc), {cpu_model()}; "
        f"load average at start: {load_average()}",
        f"- commit: `{git_commit()}`",
    ]
    if binary is not None:
        stamp = datetime.fromtimestamp(binary.stat().st_mtime, timezone.utc)
        lines.append(
            f"- binary: `{binary}` (sha256 {file_hash(binary)}, built "
            f"{stamp.strftime('%Y-%m-%d %H:%M UTC')})"
        )
    return "\n".join(lines)


def invocation() -> list[str]:
    """The command as a user types it: the .sh wrapper's name, not python's."""
    name = os.environ.get("BENCH_SCRIPT") or sys.argv[0]
    try:
        name = str(Path(name).resolve().relative_to(ROOT))
    except ValueError:
        pass
    return [name, *sys.argv[1:]]


def write_section(name: str, body: str) -> None:
    """Puts `body` between <!-- bench:name --> and <!-- /bench:name -->."""
    start, end = f"<!-- bench:{name} -->", f"<!-- /bench:{name} -->"
    if BENCHMARKS.exists():
        text = BENCHMARKS.read_text(encoding="utf-8")
    else:
        text = HOW_TO_RUN + "".join(
            f"\n<!-- bench:{s} -->\n<!-- /bench:{s} -->\n" for s in SECTIONS
        )
    body = body.strip() + f"\n\n_Load average when this table was written: {load_average()}._"
    block = f"{start}\n{body}\n{end}"
    if start in text and end in text:
        before, rest = text.split(start, 1)
        _, after = rest.split(end, 1)
        text = before + block + after
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    BENCHMARKS.write_text(text, encoding="utf-8")
    print(f"wrote the {name} table into {BENCHMARKS}", file=sys.stderr)


def say(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def ensure_commands(packages: dict[str, str]) -> None:
    """Installs the Debian package of every missing command (command -> package)."""
    missing = sorted({pkg for cmd, pkg in packages.items() if shutil.which(cmd) is None})
    if not missing:
        return
    say(f"installing {' '.join(missing)}")
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    cmd = ["apt-get", "install", "-y", "--no-install-recommends", *missing]
    if subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL).returncode != 0:
        subprocess.run(["apt-get", "update"], env=env, stdout=subprocess.DEVNULL, check=True)
        subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, check=True)
    still = [cmd for cmd in packages if shutil.which(cmd) is None]
    if still:
        sys.exit(f"still missing after the install: {', '.join(still)}")


def tempdir(prefix: str) -> Path:
    """A temporary directory removed at exit (after the processes are stopped)."""
    path = Path(tempfile.mkdtemp(prefix=prefix))
    _temp_dirs.append(path)
    return path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# --- processes that are always stopped -------------------------------------

_running: list[tuple[subprocess.Popen, int]] = []
_temp_dirs: list[Path] = []


def _stop_all() -> None:
    for proc, sig in reversed(_running):
        stop(proc, sig)
    for path in _temp_dirs:
        shutil.rmtree(path, ignore_errors=True)


def _on_signal(signum, _frame) -> None:
    sys.exit(128 + signum)


atexit.register(_stop_all)
for _sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
    signal.signal(_sig, _on_signal)


def spawn(args: list[str], stop_signal: int = signal.SIGTERM, **kw) -> subprocess.Popen:
    """Starts a process in its own group, stopped at exit whatever happens."""
    proc = subprocess.Popen(args, start_new_session=True, **kw)
    _running.append((proc, stop_signal))
    return proc


def stop(proc: subprocess.Popen, sig: int = signal.SIGTERM, grace: float = 10) -> None:
    if proc.poll() is None:
        try:
            os.killpg(proc.pid, sig)
            proc.wait(grace)
        except (ProcessLookupError, PermissionError):
            pass
        except subprocess.TimeoutExpired:
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            proc.wait()
    _running[:] = [(p, s) for p, s in _running if p is not proc]


class TimedOut(Exception):
    pass


def run_bounded(args: list[str], timeout: float, input: bytes | None = None,
                **kw) -> subprocess.CompletedProcess:
    """Runs a command; on timeout kills its whole group and raises TimedOut."""
    if input is not None:
        kw["stdin"] = subprocess.PIPE
    proc = spawn(args, **kw)
    try:
        out, err = proc.communicate(input=input, timeout=timeout)
    except subprocess.TimeoutExpired:
        stop(proc, signal.SIGKILL)
        raise TimedOut(f"timed out after {timeout:.0f} s")
    stop(proc)
    return subprocess.CompletedProcess(args, proc.returncode, out, err)


def timed_command(args: list[str], timeout: float, log: Path, install: bool = True) -> dict:
    """Wall time and peak RSS of one command, through /usr/bin/time (installed
    when missing unless install is False; then wall time alone)."""
    if install:
        ensure_commands({"/usr/bin/time": "time"})
    use_time = Path("/usr/bin/time").exists()
    tfile = log.with_suffix(".time")
    prefix = ["/usr/bin/time", "-o", str(tfile), "-f", "%e %M"] if use_time else []
    t0 = time.perf_counter()
    with open(log, "wb") as out:
        r = run_bounded([*prefix, *args], timeout, stdout=out, stderr=subprocess.STDOUT)
    wall = time.perf_counter() - t0
    if r.returncode != 0:
        tail = log.read_text(errors="replace")[-800:]
        raise RuntimeError(f"{shlex.join(args)} failed ({r.returncode}):\n{tail}")
    if not use_time:
        return {"seconds": wall, "rss_mb": None}
    elapsed, rss_kb = tfile.read_text().split()[-2:]
    return {"seconds": float(elapsed), "rss_mb": int(rss_kb) / 1024}


def proc_memory(pid: int) -> dict:
    """Resident and peak resident memory (MB) of a running process."""
    out = {}
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                out[key] = int(value.split()[0]) / 1024
    except OSError:
        pass
    return out


# --- measuring --------------------------------------------------------------


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile."""
    s = sorted(values)
    k = max(0, min(len(s) - 1, -(-len(s) * p // 100) - 1))
    return s[int(k)]


def sample(fn, warmup: int, max_n: int, budget: float, min_n: int = 10) -> list[float]:
    """Seconds per call of fn: warmup calls, then up to max_n calls within budget
    seconds (at least min_n)."""
    for _ in range(warmup):
        fn()
    times: list[float] = []
    deadline = time.perf_counter() + budget
    while len(times) < max_n and (len(times) < min_n or time.perf_counter() < deadline):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return times


def ms(seconds: float | None) -> str:
    if seconds is None:
        return "—"
    v = seconds * 1000
    if v < 1:
        return f"{v:.3f}"
    if v < 10:
        return f"{v:.2f}"
    if v < 100:
        return f"{v:.1f}"
    return f"{v:.0f}"


class Http:
    """One keep-alive connection; get() reads the whole answer."""

    def __init__(self, port: int, timeout: float = 120):
        self.port, self.timeout = port, timeout
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)

    def get(self, path: str) -> tuple[int, bytes]:
        try:
            self.conn.request("GET", path)
            r = self.conn.getresponse()
            return r.status, r.read()
        except (http.client.HTTPException, OSError):
            self.conn.close()
            self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)
            raise

    def close(self) -> None:
        self.conn.close()


def wait_http(port: int, path: str, proc: subprocess.Popen, timeout: float) -> float:
    """Polls path until it answers 200; seconds since the call. Raises TimedOut."""
    t0 = time.perf_counter()
    while True:
        if proc.poll() is not None:
            raise RuntimeError(f"the server exited ({proc.returncode}) before answering")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
            conn.request("GET", path)
            r = conn.getresponse()
            r.read()
            conn.close()
            if r.status == 200:
                return time.perf_counter() - t0
        except OSError:
            pass
        if time.perf_counter() - t0 > timeout:
            raise TimedOut(f"timed out after {timeout:.0f} s")
        time.sleep(0.01)


def total_of(body: bytes) -> str:
    """The match count of a search or matrix answer, for the tables."""
    try:
        d = json.loads(body)
    except ValueError:
        return "?"
    if "total" in d:
        return str(d["total"])
    if "cells" in d:
        return f"{len(d.get('row_keys', []))}×{len(d.get('col_keys', []))} cells"
    return "?"


# --- generated corpora and their indexes, cached ---------------------------

CACHE = Path(os.environ.get("BENCH_CACHE", "/tmp/citater-bench"))


def corpus_key() -> str:
    """Changes when the generator or the bundled corpus does."""
    h = hashlib.sha256()
    for p in [ROOT / "bench" / "scale_corpus.py", *sorted((ROOT / "corpus").iterdir())]:
        if p.is_file():
            h.update(p.name.encode())
            h.update(p.read_bytes())
    return h.hexdigest()[:10]


def scaled_corpus(times: int, long: bool = False, cache: Path = CACHE) -> Path:
    """The bundled corpus `times` times (spread or long), generated once."""
    name = f"corpus-{times}{'-long' if long else ''}-{corpus_key()}"
    out = cache / name
    if (out / ".complete").exists():
        return out
    say(f"generating {name}")
    cache.mkdir(parents=True, exist_ok=True)
    cmd = [sys.executable, str(ROOT / "bench" / "scale_corpus.py"), "--times", str(times),
           "--out", str(out)]
    if long:
        cmd.append("--long")
    subprocess.run(cmd, check=True)
    (out / ".complete").write_text("")
    return out


def index_path(binary: Path, corpus: Path, cache: Path = CACHE) -> Path:
    return cache / f"index-{file_hash(binary)}-{corpus.name}"


def build_index(binary: Path, corpus: Path, index: Path, timeout: float, log: Path,
                install: bool = True) -> dict:
    """A fresh index of corpus at index, timed (seconds, peak RSS)."""
    done_marker(index).unlink(missing_ok=True)
    if index.exists():
        shutil.rmtree(index)
    index.parent.mkdir(parents=True, exist_ok=True)
    stats = timed_command(
        [str(binary), "index", "--corpus", str(corpus), "--index", str(index)], timeout, log,
        install,
    )
    done_marker(index).write_text(json.dumps(stats))
    return stats


def done_marker(index: Path) -> Path:
    return index.parent / (index.name + ".complete")


def cached_index(binary: Path, corpus: Path, timeout: float, log: Path) -> Path:
    """The index of corpus by binary, built unless the cache has it."""
    index = index_path(binary, corpus)
    if not done_marker(index).exists():
        say(f"building {index.name}")
        build_index(binary, corpus, index, timeout, log)
    return index
