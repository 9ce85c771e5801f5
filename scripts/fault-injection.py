#!/usr/bin/env python3
"""Fault injection for citater's index store: nothing a user, a crash or a
full disk does may break the index or take the server down.

Runs the citater binary against a copy of the repository's corpus in
temporary directories (the repository's corpus/ and index/ are never
touched) and, in four phases:

  kill        starts `citater index` again and again and SIGKILLs it after a
              random delay (0 to the build time measured at the start); after
              each kill `citater search tillid --format json` must answer with
              hits. Then one normal `citater index`, and the index directory
              must hold nothing but CURRENT, build.lock and at most two gen-*
              directories (no .building-*, no CURRENT.tmp-*).
  truncate    damages each file of the current generation in turn (truncated
              to a random length or to 0, or deleted) and searches with the
              corpus present and with it moved away: the search must answer
              with the undamaged index's hits, by falling back to the older
              generation (with a warning naming `citater index`) or by
              rebuilding. A file build.json does not list (the stamps of
              earlier checks, tantivy's lock) only saves work: damaged, the
              search must still answer the same. Also a broken CURRENT. Then a running
              `citater serve` is shown a new, damaged generation: it must keep
              answering /api/search and /healthz from the generation it has,
              without repeating its warning, and still switch to the next
              good one.
  full-disk   the index directory is on a 2 MB tmpfs (or, where mount is
              refused, under a file-size limit): the first `citater index`
              fits; after a corpus change (and a filler file leaving a random
              amount of room) the next one must fail with exit 1 and a
              message about writing (not "damaged"), leave no scratch and keep
              the old generation current; `citater search` over the stale
              corpus must still answer (from an index built in memory).
  concurrent  changes a booklet, then starts 8 `citater search tillid` at
              once, several rounds; every one must answer with hits, and no
              junk may be left.

Each phase prints `tried N, failed M`; every failure prints the command, its
exit code, its stderr (truncated) and the index directory's listing. The run
exits 1 on any failure. Bounded: fixed numbers of tries, every command has a
timeout, the server listens on 127.0.0.1 only, children are killed and the
temporary directories removed on exit (also on Ctrl-C). Python 3.11 stdlib
only; the full-disk phase mounts a tmpfs, so run it as root for that phase to
test a real full disk.

  python3 scripts/fault-injection.py --short --bin target/release/citater   # CI, ~1 minute
  python3 scripts/fault-injection.py                                         # the long form
  python3 scripts/fault-injection.py --seed 1234 --phase truncate --keep     # replay one phase

Options: --short, --bin PATH (default target/release/citater), --seed N
(printed at the start, so a failing run can be replayed), --phase NAME
(repeatable; default all), --keep (leave the temporary directory).
"""

from __future__ import annotations

import argparse
import atexit
import json
import os
import random
import re
import resource
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
QUERY = "tillid"
TIMEOUT = 60  # seconds for any one command
STDERR_SHOWN = 1500  # characters of a failing command's stderr

CHILDREN: set[subprocess.Popen] = set()


def kill_children() -> None:
    for p in list(CHILDREN):
        if p.poll() is None:
            try:
                p.kill()
                p.wait(timeout=5)
            except (OSError, subprocess.TimeoutExpired):
                pass
        CHILDREN.discard(p)


def on_signal(signum, _frame):
    # Unwinds through the finally blocks (the tmpfs is unmounted).
    raise SystemExit(128 + signum)


# ---------------------------------------------------------------- results


@dataclass
class Result:
    cmd: list[str]
    rc: int | None
    stdout: str
    stderr: str
    seconds: float


@dataclass
class Phase:
    name: str
    tried: int = 0
    failed: int = 0
    notes: list[str] = field(default_factory=list)

    def attempt(self, problems: list[str], result: Result | None, index: Path | None,
                what: str) -> bool:
        """Counts one try; `problems` empty means it passed."""
        self.tried += 1
        if not problems:
            return True
        self.failed += 1
        print(f"\n--- FAIL [{self.name}] {what}", flush=True)
        for p in problems:
            print(f"    problem: {p}")
        if result is not None:
            print(f"    command: {' '.join(result.cmd)}")
            print(f"    exit code: {result.rc}")
            err = result.stderr.strip()
            if len(err) > STDERR_SHOWN:
                err = err[:STDERR_SHOWN] + f"... ({len(result.stderr)} characters)"
            print("    stderr: " + (err.replace("\n", "\n            ") or "(empty)"))
        if index is not None:
            print("    index dir " + str(index) + ":")
            for line in listing(index):
                print("      " + line)
        print(flush=True)
        return False

    def report(self) -> str:
        extra = f" ({'; '.join(self.notes)})" if self.notes else ""
        return f"phase {self.name}: tried {self.tried}, failed {self.failed}{extra}"


def listing(index: Path) -> list[str]:
    if not index.exists():
        return ["(does not exist)"]
    lines = []
    for entry in sorted(index.iterdir()):
        if entry.is_dir():
            files = [f for f in entry.rglob("*") if f.is_file()]
            size = sum(f.stat().st_size for f in files)
            lines.append(f"{entry.name}/  ({len(files)} files, {size} bytes)")
        else:
            extra = ""
            if entry.name.startswith("CURRENT"):
                extra = f"  = {entry.read_bytes()[:80]!r}"
            lines.append(f"{entry.name}  ({entry.stat().st_size} bytes){extra}")
    return lines or ["(empty)"]


# ---------------------------------------------------------------- citater


class Citater:
    def __init__(self, binary: Path):
        self.binary = binary
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("CITATER_")}
        self.env.setdefault("RUST_BACKTRACE", "1")
        # The server's log: warnings and its own lines, not every request.
        self.env["RUST_LOG"] = "info,tower_http=warn"
        self.env["NO_COLOR"] = "1"

    def argv(self, index: Path, corpus: Path, *args: str) -> list[str]:
        return [str(self.binary), "--index", str(index), "--corpus", str(corpus), *args]

    def start(self, index: Path, corpus: Path, *args: str, preexec=None,
              stderr=subprocess.PIPE) -> subprocess.Popen:
        p = subprocess.Popen(self.argv(index, corpus, *args), env=self.env,
                             stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                             stderr=stderr, text=True, preexec_fn=preexec)
        CHILDREN.add(p)
        return p

    def finish(self, p: subprocess.Popen, started: float, timeout: float = TIMEOUT) -> Result:
        try:
            out, err = p.communicate(timeout=timeout)
            rc = p.returncode
        except subprocess.TimeoutExpired:
            p.kill()
            out, err = p.communicate()
            rc = None
            err = (err or "") + f"\n[fault-injection: killed after {timeout} s]"
        CHILDREN.discard(p)
        return Result(p.args, rc, out or "", err or "", time.monotonic() - started)

    def run(self, index: Path, corpus: Path, *args: str, preexec=None) -> Result:
        t = time.monotonic()
        return self.finish(self.start(index, corpus, *args, preexec=preexec), t)

    def search(self, index: Path, corpus: Path, preexec=None) -> Result:
        return self.run(index, corpus, "search", QUERY, "--format", "json", preexec=preexec)


def hits_problems(r: Result, total: int | None = None) -> list[str]:
    """Why `r` (a `search --format json`) is not a good answer."""
    if r.rc != 0:
        return [f"search exited {r.rc}"]
    try:
        answer = json.loads(r.stdout)
    except json.JSONDecodeError as e:
        return [f"search printed no JSON ({e}): {r.stdout[:200]!r}"]
    if not answer.get("hits"):
        return [f"search found no hits (total {answer.get('total')})"]
    if total is not None and answer.get("total") != total:
        return [f"search found {answer.get('total')} quotes, the undamaged index {total}"]
    return []


def total_of(r: Result) -> int | None:
    try:
        return json.loads(r.stdout).get("total")
    except (json.JSONDecodeError, AttributeError):
        return None


def current(index: Path) -> str | None:
    try:
        return (index / "CURRENT").read_text().strip()
    except (OSError, UnicodeDecodeError):
        return None


def generations(index: Path) -> list[str]:
    return sorted(e.name for e in index.iterdir() if e.name.startswith("gen-")) \
        if index.exists() else []


def scratch(index: Path) -> list[str]:
    if not index.exists():
        return []
    return sorted(e.name for e in index.iterdir()
                  if e.name.startswith(".building-") or e.name.startswith("CURRENT.tmp-"))


def junk_problems(index: Path) -> list[str]:
    """What the index directory must not hold after a build."""
    problems = []
    names = sorted(e.name for e in index.iterdir())
    other = [n for n in names if n not in ("CURRENT", "build.lock") and not n.startswith("gen-")]
    if other:
        problems.append(f"left in the index dir: {', '.join(other)}")
    gens = generations(index)
    if len(gens) > 2:
        problems.append(f"{len(gens)} gen-* directories (at most 2)")
    cur = current(index)
    if cur is None or cur not in gens or not (index / cur).is_dir():
        problems.append(f"CURRENT names {cur!r}, not a generation there")
    return problems


def write_current(index: Path, name: str) -> None:
    tmp = index / f"CURRENT.tmp-{os.getpid()}"
    tmp.write_text(name)
    os.replace(tmp, index / "CURRENT")


def change_booklet(corpus: Path, n: int) -> Path:
    """A real change of a booklet's content (and mtime): one more blank line."""
    booklets = sorted(corpus.glob("*.txt"))
    target = booklets[n % len(booklets)]
    with target.open("a", encoding="utf-8") as f:
        f.write("\n")
    return target


def damage(path: Path, rng: random.Random, mode: str) -> str:
    """Truncates or deletes `path`; says what it did."""
    size = path.stat().st_size
    if mode == "delete":
        path.unlink()
        return f"deleted {path.name}"
    length = 0 if mode == "empty" or size <= 1 else rng.randrange(1, size)
    with path.open("r+b") as f:
        f.truncate(length)
    return f"truncated {path.name} from {size} to {length} bytes"


def generation_files(gen: Path) -> tuple[list[str], list[str]]:
    """The generation's content (build.json and every file it fingerprints)
    and the rest: the stamps of earlier checks and tantivy's lock file,
    which only save work, so damaging one must not change an answer."""
    listed = set(json.loads((gen / "build.json").read_text())["files"]) | {"build.json"}
    every = sorted(str(f.relative_to(gen)) for f in gen.rglob("*") if f.is_file())
    return [f for f in every if f in listed], [f for f in every if f not in listed]


def restore(backup: Path, index: Path) -> None:
    shutil.rmtree(index, ignore_errors=True)
    shutil.copytree(backup, index, symlinks=True)


# ---------------------------------------------------------------- phases


class Faults:
    def __init__(self, citater: Citater, root: Path, rng: random.Random, short: bool):
        self.c = citater
        self.root = root
        self.rng = rng
        self.short = short

    def corpus(self, name: str) -> Path:
        dest = self.root / f"{name}-corpus"
        shutil.copytree(REPO / "corpus", dest)
        return dest

    # -- 1 ----------------------------------------------------------------
    def kill(self) -> Phase:
        ph = Phase("kill")
        corpus = self.corpus("kill")
        # The typical build time, measured once, and when the build writes
        # its scratch directory (.building-*), where a kill hurts most.
        measure = self.root / "kill-measure"
        times, windows = [], []
        for _ in range(3):
            t = time.monotonic()
            p = self.c.start(measure, corpus, "index")
            first = last = None
            while p.poll() is None:
                if scratch(measure):
                    last = time.monotonic() - t
                    first = first if first is not None else last
                time.sleep(0.002)
            r = self.c.finish(p, t)
            if not ph.attempt([] if r.rc == 0 else [f"index exited {r.rc}"], r, measure,
                              "a plain `citater index` to time it"):
                return ph
            times.append(r.seconds)
            if first is not None:
                windows.append((first, last))
        build = statistics.median(times)
        # How long the scratch dir stands; without one seen, the build's last third.
        window = statistics.median([last - first for first, last in windows]) \
            if windows else build / 3
        ph.notes.append(f"build takes {build:.2f} s, writes for {window:.2f} s")
        shutil.rmtree(measure, ignore_errors=True)

        index = self.root / "kill-index"  # empty: the first kills hit a first build
        kills = 10 if self.short else 50
        unfinished = left_scratch = 0
        for i in range(kills):
            before = set(scratch(index))
            t = time.monotonic()
            p = self.c.start(index, corpus, "index")
            if i % 2:
                # Anywhere in the build.
                delay = self.rng.uniform(0, build)
                time.sleep(delay)
            else:
                # While it writes: once its scratch dir is there (or, if none
                # shows, at the time one would), somewhere in the writing.
                while (p.poll() is None and time.monotonic() - t < build
                       and not set(scratch(index)) - before):
                    time.sleep(0.001)
                time.sleep(self.rng.uniform(0, window))
                delay = time.monotonic() - t
            if p.poll() is None:
                p.kill()
                unfinished += 1
                p.wait()
                if set(scratch(index)) - before:
                    left_scratch += 1
            self.c.finish(p, t)
            r = self.c.search(index, corpus)
            ph.attempt(hits_problems(r), r, index,
                       f"search after `citater index` was killed at {delay:.3f} s (kill {i + 1})")
        ph.notes.append(f"{unfinished} of {kills} kills came before the build finished, "
                        f"{left_scratch} left scratch behind")
        r = self.c.run(index, corpus, "index")
        problems = [f"index exited {r.rc}"] if r.rc != 0 else junk_problems(index)
        ph.attempt(problems, r, index, "junk after the kills and one normal `citater index`")
        return ph

    # -- 2 ----------------------------------------------------------------
    def truncate(self) -> Phase:
        ph = Phase("truncate")
        corpus = self.corpus("truncate")
        away = corpus.with_name(corpus.name + "-away")
        index = self.root / "truncate-index"
        for n in (1, 2):  # an older good generation to fall back on
            r = self.c.run(index, corpus, "index")
            if not ph.attempt([] if r.rc == 0 else [f"index exited {r.rc}"], r, index,
                              f"`citater index` number {n}"):
                return ph
            time.sleep(0.01)
        r = self.c.search(index, corpus)
        if not ph.attempt(hits_problems(r), r, index, "search over the undamaged index"):
            return ph
        total = total_of(r)
        backup = self.root / "truncate-backup"
        shutil.copytree(index, backup, symlinks=True)
        gen = current(index)
        files, caches = generation_files(index / gen)
        modes = ["random", "empty", "delete"]

        for rel in caches:
            restore(backup, index)
            what = damage(index / gen / rel, self.rng, self.rng.choice(modes))
            r = self.c.search(index, corpus)
            ph.attempt(hits_problems(r, total), r, index,
                       f"search after: {gen}/{rel} (a stamp or lock): {what}")

        for rel in files:
            for mode in (modes if not self.short else [self.rng.choice(modes)]):
                for corpus_there in (True, False):
                    restore(backup, index)
                    what = damage(index / gen / rel, self.rng, mode)
                    where = "present" if corpus_there else "moved away"
                    if not corpus_there:
                        corpus.rename(away)
                    try:
                        r = self.c.search(index, corpus)
                    finally:
                        if not corpus_there:
                            away.rename(corpus)
                    problems = hits_problems(r, total)
                    warned = "citater index" in r.stderr
                    rebuilt = current(index) != gen
                    if not problems and corpus_there and not (warned or rebuilt):
                        problems.append("the damage went unnoticed: no warning naming "
                                        "`citater index` and no rebuild")
                    if not problems and not corpus_there and not warned:
                        problems.append("no warning naming `citater index`: the damage went "
                                        "unnoticed or the fallback was silent")
                    ph.attempt(problems, r, index,
                               f"search with the corpus {where} after: {gen}/{rel}: {what}")

        # A broken CURRENT (with the corpus present: fall back or rebuild).
        for content in (b"", b"gen-0", b".", b"../" * 12 + b"etc", b"\xff\xfe garbage\n",
                        gen.encode() + b"x"):
            restore(backup, index)
            (index / "CURRENT").write_bytes(content)
            r = self.c.search(index, corpus)
            ph.attempt(hits_problems(r, total), r, index, f"search with CURRENT = {content!r}")
        restore(backup, index)
        self.serve(ph, index, corpus)
        return ph

    def serve(self, ph: Phase, index: Path, corpus: Path) -> None:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        base = f"http://127.0.0.1:{port}"
        log_path = self.root / "serve.log"
        log = log_path.open("w")
        t = time.monotonic()
        server = self.c.start(index, corpus, "serve", "--addr", f"127.0.0.1:{port}", stderr=log)

        def server_result(since: int = 0) -> Result:
            """The server as a result: its log from `since` (a character
            offset), without the request lines."""
            text = re.sub(r"\x1b\[[0-9;]*m", "", log_path.read_text()[since:])
            lines = [line for line in text.splitlines() if "finished processing request" not in line]
            return Result(server.args, server.poll(), "", "\n".join(lines), time.monotonic() - t)

        def get(path: str) -> tuple[int, dict | None, str]:
            try:
                with urllib.request.urlopen(base + path, timeout=10) as resp:
                    body = resp.read().decode()
                    status = resp.status
            except urllib.error.HTTPError as e:
                return e.code, None, e.read().decode(errors="replace")[:300]
            except (urllib.error.URLError, OSError) as e:
                return 0, None, str(e)
            try:
                return status, json.loads(body), body[:300]
            except json.JSONDecodeError:
                return status, None, body[:300]

        try:
            health = None
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline and server.poll() is None:
                status, health, _ = get("/healthz")
                if status == 200:
                    break
                time.sleep(0.1)
            if not ph.attempt([] if health else ["the server did not come up in 30 s"],
                              server_result(), index, "`citater serve` starts"):
                return
            serving = health["index"]
            rounds = 1 if self.short else 3
            for n in range(rounds):
                gens = generations(index)
                newer = f"gen-{int(gens[-1][4:]) + 1}"
                shutil.copytree(index / serving, index / newer)
                rel = self.rng.choice(generation_files(index / newer)[0])
                what = damage(index / newer / rel, self.rng,
                              self.rng.choice(["random", "empty", "delete"]))
                log_before = len(log_path.read_text())
                write_current(index, newer)
                problems = []
                end = time.monotonic() + 3.0  # six of the watcher's looks
                while time.monotonic() < end and not problems:
                    status, answer, body = get(f"/api/search?q={QUERY}")
                    if status != 200 or not (answer or {}).get("hits"):
                        problems.append(f"/api/search answered {status}: {body}")
                    status, answer, body = get("/healthz")
                    if status != 200 or (answer or {}).get("status") != "ok":
                        problems.append(f"/healthz answered {status}: {body}")
                    elif answer.get("index") != serving:
                        problems.append(f"the server left {serving} for {answer.get('index')}")
                    time.sleep(0.25)
                if server.poll() is not None:
                    problems.append(f"the server died (exit {server.returncode})")
                warnings = log_path.read_text()[log_before:].count("WARN")
                if warnings > 3:
                    problems.append(f"the server warned {warnings} times in 3 s")
                ph.attempt(problems, server_result(log_before), index,
                           f"the server while CURRENT names a damaged {newer} ({rel}: {what})")
                # The next good generation is still taken.
                r = self.c.run(index, corpus, "index")
                fresh = current(index)
                problems = [] if r.rc == 0 else [f"index exited {r.rc}"]
                end = time.monotonic() + 5
                while not problems and time.monotonic() < end:
                    _, health, _ = get("/healthz")
                    if health and health.get("index") == fresh:
                        serving = fresh
                        break
                    time.sleep(0.1)
                else:
                    if not problems:
                        problems.append(f"the server did not switch to {fresh} in 5 s "
                                        f"(serves {(health or {}).get('index')})")
                ph.attempt(problems, r if r.rc != 0 else server_result(log_before), index,
                           "the server takes the next good generation")
        finally:
            if server.poll() is None:
                server.terminate()
                try:
                    server.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    server.kill()
                    server.wait()
            CHILDREN.discard(server)
            log.close()

    # -- 3 ----------------------------------------------------------------
    def full_disk(self) -> Phase:
        ph = Phase("full-disk")
        corpus = self.corpus("full-disk")
        # The index dir on a 2 MB tmpfs; beside it a filler file leaves a
        # random amount of room, so the disk fills in a different file of the
        # generation each round (the tantivy files, the JSON, CURRENT.tmp).
        disk = self.root / "disk"
        disk.mkdir()
        index = disk / "index"
        filler = disk / "filler"
        mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(disk)],
                                 capture_output=True, text=True).returncode == 0
        index.mkdir()
        limit = None
        if mounted:
            ph.notes.append("a 2 MB tmpfs")
        else:
            # A generation's largest file is ~330 kB: a 64 kB file-size limit
            # fails every build. SIGXFSZ ignored, so the write fails instead.
            def limit():
                signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
                resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, 64 * 1024))
            ph.notes.append("mount refused: a 64 kB `ulimit -f` instead of a full disk")
            print("full-disk: cannot mount a tmpfs (not root?); using ulimit -f instead",
                  flush=True)
        try:
            r = self.c.run(index, corpus, "index")
            if not ph.attempt([] if r.rc == 0 else [f"index exited {r.rc}"], r, index,
                              "the first `citater index` fits"):
                return ph
            old = current(index)
            generation = sum(f.stat().st_size for f in (index / old).rglob("*") if f.is_file())
            rounds = 2 if self.short else 6
            for n in range(rounds):
                change_booklet(corpus, n)
                room = "all the room there is"
                if mounted and n > 0:
                    filler.unlink(missing_ok=True)
                    st = os.statvfs(disk)
                    free = st.f_bavail * st.f_frsize
                    want = self.rng.randrange(0, int(generation * 0.9))
                    with filler.open("wb") as f:
                        f.write(b"\0" * max(0, free - want))
                    st = os.statvfs(disk)
                    room = f"{st.f_bavail * st.f_frsize} bytes free"
                r = self.c.run(index, corpus, "index", preexec=limit)
                problems = []
                if r.rc != 1:
                    problems.append(f"index on a full disk exited {r.rc}, not 1")
                if not re.search(r"skriv|plads|fuld|for stor", r.stderr, re.I):
                    problems.append("stderr says nothing about writing or space")
                if "beskadiget" in r.stderr.lower():
                    problems.append("stderr says 'beskadiget' (damaged)")
                problems += [f"left scratch {s}" for s in scratch(index)]
                if current(index) != old or not (index / old).is_dir():
                    problems.append(f"CURRENT is {current(index)!r}, not the old {old}")
                ph.attempt(problems, r, index, f"`citater index` on a full disk ({room})")

                r = self.c.search(index, corpus, preexec=limit)
                problems = hits_problems(r)
                if not problems and "hukommelsen" not in r.stderr:
                    problems.append("the search did not say it built in memory")
                problems += [f"left scratch {s}" for s in scratch(index)]
                if current(index) != old:
                    problems.append(f"CURRENT is {current(index)!r}, not the old {old}")
                ph.attempt(problems, r, index,
                           f"`citater search` over a stale corpus on a full disk ({room})")
        finally:
            if mounted:
                if subprocess.run(["umount", str(disk)], capture_output=True).returncode != 0:
                    subprocess.run(["umount", "-l", str(disk)], capture_output=True)
        return ph

    # -- 4 ----------------------------------------------------------------
    def concurrent(self) -> Phase:
        ph = Phase("concurrent")
        corpus = self.corpus("concurrent")
        index = self.root / "concurrent-index"
        r = self.c.run(index, corpus, "index")
        if not ph.attempt([] if r.rc == 0 else [f"index exited {r.rc}"], r, index,
                          "the first `citater index`"):
            return ph
        k, rounds = 8, (5 if self.short else 20)
        for n in range(rounds):
            booklet = change_booklet(corpus, n)
            t = time.monotonic()
            procs = [self.c.start(index, corpus, "search", QUERY, "--format", "json")
                     for _ in range(k)]
            results = [self.c.finish(p, t, timeout=120) for p in procs]
            for i, r in enumerate(results):
                ph.attempt(hits_problems(r), r, index,
                           f"round {n + 1}: search {i + 1} of {k} after {booklet.name} changed")
            ph.attempt(junk_problems(index), None, index, f"round {n + 1}: junk after the searches")
        return ph


PHASES = ["kill", "truncate", "full-disk", "concurrent"]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--short", action="store_true", help="the CI form (well under 2 minutes)")
    ap.add_argument("--bin", default="target/release/citater", help="the citater binary")
    ap.add_argument("--seed", type=int, default=None, help="for a run that can be replayed")
    ap.add_argument("--phase", action="append", choices=PHASES, help="only this phase")
    ap.add_argument("--keep", action="store_true", help="keep the temporary directory")
    args = ap.parse_args()

    binary = Path(args.bin)
    if not binary.is_absolute() and not binary.exists() and (REPO / binary).exists():
        binary = REPO / binary
    binary = binary.resolve()
    if not os.access(binary, os.X_OK):
        print(f"fault-injection: no citater binary at {binary}", file=sys.stderr)
        return 2
    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(1 << 32)
    print(f"fault-injection: {'short' if args.short else 'long'} run, seed {seed}, {binary}",
          flush=True)

    atexit.register(kill_children)
    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    root = Path(tempfile.mkdtemp(prefix="citater-faults-"))
    faults = Faults(Citater(binary), root, random.Random(seed), args.short)
    reports = []
    started = time.monotonic()
    try:
        for name in args.phase or PHASES:
            t = time.monotonic()
            print(f"\n=== phase {name}", flush=True)
            ph = getattr(faults, name.replace("-", "_"))()
            reports.append(ph)
            print(f"{ph.report()} [{time.monotonic() - t:.1f} s]", flush=True)
    finally:
        kill_children()
        if args.keep:
            print(f"kept {root}")
        else:
            shutil.rmtree(root, ignore_errors=True)

    print(f"\n=== fault injection, seed {seed}, {time.monotonic() - started:.1f} s")
    for ph in reports:
        print(ph.report())
    failed = sum(ph.failed for ph in reports)
    tried = sum(ph.tried for ph in reports)
    print(f"total: tried {tried}, failed {failed}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
