#!/usr/bin/env python3
"""Scale: for each size N, the bundled corpus N times (bench/scale_corpus.py),
`citater index` build time, peak RSS and quotes/s (and, with --long, the same
quotes as five N-times-long booklets), `citater serve`'s time from spawn to its
first 200 on /api/search?q=tillid and its memory, and p50/p99 per query kind over
HTTP with facets, beside PostgreSQL (danish tsvector, GIN) and SQLite FTS5 loaded
with the same quotes (`citater export --format jsonl`) and asked the equivalent
queries with the same facet counts, in the same run.

  bench/scale.sh [--bin B] [--sizes 10,100,1000] [--long]

--short is the growth guard for CI: sizes 1 and 10, citater alone, p50 per kind,
exit 1 when a kind's p50 at 10× is more than 15× its p50 at 1×; prints its table,
writes nothing.

  bench/scale.sh --short [--bin B]
"""

import argparse
import csv
import json
import os
import pwd
import sqlite3
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import (  # noqa: E402
    CACHE, DEFAULT_BIN, Http, TimedOut, build_index, ensure_commands, free_port,
    index_path, invocation, ms, percentile, proc_memory, provenance, run_bounded,
    sample, say, scaled_corpus, spawn, stop, tempdir, total_of, wait_http, write_section,
)
from pgwire import Pg, PgError  # noqa: E402

# name, citater path, PostgreSQL tsquery (None: no text query), SQLite MATCH,
# level filter. The three words are ORed everywhere, as citater counts them.
Q = urllib.parse.quote
KINDS = [
    ("one word", "/api/search?q=tillid",
     "plainto_tsquery('danish', 'tillid')", "tillid", None),
    ("three words", "/api/search?q=" + Q("direktør rådgiver politikerne"),
     "to_tsquery('danish', 'direktør | rådgiver | politikerne')",
     "direktør OR rådgiver OR politikerne", None),
    ("phrase", "/api/search?q=" + Q('"politisk tæft"'),
     "phraseto_tsquery('danish', 'politisk tæft')", '"politisk tæft"', None),
    ("typo", "/api/search?q=tilid", "plainto_tsquery('danish', 'tilid')", "tilid", None),
    ("prefix", "/api/search?q=" + Q("ledelses*"),
     "to_tsquery('danish', 'ledelses:*')", "ledelses*", None),
    ("empty + level", "/api/search?q=&level=chef", None, None, "chef"),
    ("matrix", "/api/matrix?rows=theme&cols=level&q=ledelse",
     "plainto_tsquery('danish', 'ledelse')", "ledelse", None),
]
SHOWN = {
    "one word": "`tillid`", "three words": "`direktør rådgiver politikerne`",
    "phrase": '`"politisk tæft"`', "typo": "`tilid`", "prefix": "`ledelses*`",
    "empty + level": "`level=chef`", "matrix": "theme × level, `ledelse`",
}
FACETS = ["level", "role", "theme", "publication"]
GUARD_FACTOR = 15


# --- PostgreSQL ---------------------------------------------------------------

def pg_sql(kind: str, tsq: str | None, level: str | None) -> str:
    if kind == "matrix":
        return (f"SELECT theme, level, count(*) FROM quotes WHERE tsv @@ {tsq} "
                "GROUP BY theme, level")
    cols = "id, text, level, role, theme, publication, topics"
    if tsq:
        m = f"SELECT {cols}, ts_rank(tsv, q) AS r FROM quotes, {tsq} AS q WHERE tsv @@ q"
        order = "r DESC, id"
    else:
        m = f"SELECT {cols}, 0::real AS r FROM quotes WHERE level = '{level}'"
        order = "id"
    parts = [
        "SELECT 'total', count(*)::text FROM m",
        f"SELECT 'hits', (SELECT json_agg(h)::text FROM "
        f"(SELECT id, text, r FROM m ORDER BY {order} LIMIT 10) h)",
    ]
    for f in FACETS:
        # A facet's own filter does not narrow its own counts (as in citater).
        src = "quotes" if (f == "level" and level) else "m"
        parts.append(f"SELECT '{f}', (SELECT json_object_agg(k, n)::text FROM "
                     f"(SELECT {f} AS k, count(*) AS n FROM {src} GROUP BY 1) x)")
    parts.append("SELECT 'topic', (SELECT json_object_agg(k, n)::text FROM "
                 "(SELECT t AS k, count(*) AS n FROM m, unnest(m.topics) t GROUP BY 1) x)")
    return f"WITH m AS MATERIALIZED ({m})\n" + "\nUNION ALL ".join(parts)


def pg_total(kind: str, rows: list) -> int:
    if kind == "matrix":
        return sum(int(r[2]) for r in rows)
    return int(rows[0][1])


class Postgres:
    """A throwaway cluster: initdb in a temp dir, 127.0.0.1 on a free port, trust."""

    def __init__(self, timeout: float):
        ensure_commands({"initdb": "postgresql", "postgres": "postgresql", "psql": "postgresql-client"})
        self.user = "postgres"
        pw = pwd.getpwnam(self.user)
        self.dir = tempdir("citater-pg-")
        os.chown(self.dir, pw.pw_uid, pw.pw_gid)
        data = self.dir / "data"
        as_pg = dict(user=pw.pw_uid, group=pw.pw_gid, extra_groups=[], cwd=self.dir)
        r = run_bounded(["initdb", "-D", str(data), "-U", "postgres", "-A", "trust",
                         "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"], timeout,
                        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, **as_pg)
        if r.returncode != 0:
            raise RuntimeError(f"initdb failed: {r.stderr.decode(errors='replace')}")
        self.port = free_port()
        self.log = open(self.dir / "postgres.log", "wb")
        self.proc = spawn(
            ["postgres", "-D", str(data), "-p", str(self.port),
             "-c", "listen_addresses=127.0.0.1", "-c", f"unix_socket_directories={self.dir}",
             "-c", "shared_buffers=512MB", "-c", "maintenance_work_mem=256MB",
             "-c", "work_mem=64MB", "-c", "jit=off", "-c", "max_wal_size=4GB"],
            stop_signal=2, stdout=self.log, stderr=self.log, **as_pg)  # SIGINT: fast shutdown
        deadline = time.time() + 60
        while True:
            try:
                Pg(self.port, self.user, "postgres").close()
                break
            except (OSError, PgError):
                if time.time() > deadline or self.proc.poll() is not None:
                    raise RuntimeError("PostgreSQL did not start; see its log")
                time.sleep(0.1)

    def version(self) -> str:
        c = Pg(self.port, self.user, "postgres")
        v = c.query("SHOW server_version")[0][0]
        c.close()
        return v

    def psql(self, db: str, script: str, timeout: float) -> float:
        t0 = time.perf_counter()
        r = run_bounded(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1",
                         "-p", str(self.port), "-U", self.user, "-d", db], timeout,
                        input=script.encode(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        if r.returncode != 0:
            raise RuntimeError(f"psql failed: {r.stderr.decode(errors='replace')}")
        return time.perf_counter() - t0

    def load(self, db: str, csv_file: Path, timeout: float) -> float:
        """Seconds to load and index the quotes into a new database."""
        self.psql("postgres", f"DROP DATABASE IF EXISTS {db}", timeout)
        self.psql("postgres", f"CREATE DATABASE {db}", timeout)
        script = f"""
CREATE TABLE quotes (
  id text PRIMARY KEY, text text NOT NULL, level text NOT NULL, role text NOT NULL,
  theme text NOT NULL, publication text NOT NULL, topics text[] NOT NULL,
  tsv tsvector GENERATED ALWAYS AS (to_tsvector('danish', text)) STORED);
\\copy quotes (id, text, level, role, theme, publication, topics) FROM '{csv_file}' WITH (FORMAT csv)
CREATE INDEX quotes_tsv ON quotes USING gin (tsv);
CREATE INDEX quotes_level ON quotes (level);
ANALYZE quotes;
"""
        return self.psql(db, script, timeout)

    def drop(self, db: str) -> None:
        self.psql("postgres", f"DROP DATABASE IF EXISTS {db}", 600)


# --- SQLite FTS5 -------------------------------------------------------------

def lite_sql(kind: str, level: str | None) -> str:
    if kind == "matrix":
        return ("SELECT q.theme, q.level, count(*) FROM fts JOIN quotes q ON q.rid = fts.rowid "
                "WHERE fts MATCH ? GROUP BY 1, 2")
    if level:
        m = ("SELECT id, text, level, role, theme, publication, topics, 0.0 AS r "
             "FROM quotes WHERE level = ?")
        order = "id"
    else:
        m = ("SELECT q.id, q.text, q.level, q.role, q.theme, q.publication, q.topics, "
             "bm25(fts) AS r FROM fts JOIN quotes q ON q.rid = fts.rowid WHERE fts MATCH ?")
        order = "r, id"
    parts = [
        "SELECT 'total', count(*) FROM m",
        "SELECT 'hits', (SELECT json_group_array(json_object('id', id, 'text', text, 'r', r)) "
        f"FROM (SELECT id, text, r FROM m ORDER BY {order} LIMIT 10))",
    ]
    for f in FACETS:
        src = "quotes" if (f == "level" and level) else "m"
        parts.append(f"SELECT '{f}', (SELECT json_group_object(k, n) FROM "
                     f"(SELECT {f} AS k, count(*) AS n FROM {src} GROUP BY 1))")
    parts.append("SELECT 'topic', (SELECT json_group_object(k, n) FROM "
                 "(SELECT j.value AS k, count(*) AS n FROM m, json_each(m.topics) j GROUP BY 1))")
    return f"WITH m AS MATERIALIZED ({m})\n" + "\nUNION ALL ".join(parts)


def lite_load(db: Path, quotes: list[dict]) -> tuple[sqlite3.Connection, float]:
    rows = [(q["id"], q["text"], q["level"], q["role"], q["theme"], q["publication"],
             json.dumps(q["topics"])) for q in quotes]
    if db.exists():
        db.unlink()
    con = sqlite3.connect(db)
    t0 = time.perf_counter()
    con.executescript("""
CREATE TABLE quotes (rid INTEGER PRIMARY KEY, id TEXT UNIQUE, text TEXT, level TEXT,
  role TEXT, theme TEXT, publication TEXT, topics TEXT);
CREATE VIRTUAL TABLE fts USING fts5(text, content='quotes', content_rowid='rid',
  tokenize='unicode61 remove_diacritics 0');
""")
    with con:
        con.executemany("INSERT INTO quotes (id, text, level, role, theme, publication, topics) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
        con.execute("INSERT INTO fts (fts) VALUES ('rebuild')")
        con.execute("CREATE INDEX quotes_level ON quotes (level)")
        con.execute("ANALYZE")
    return con, time.perf_counter() - t0


def lite_total(kind: str, rows: list) -> int:
    if kind == "matrix":
        return sum(r[2] for r in rows)
    return int(rows[0][1])


# --- one size ------------------------------------------------------------------

def measure(fn, args) -> dict:
    times = sample(fn, args.warmup, args.requests, args.seconds)
    return {"p50": percentile(times, 50), "p99": percentile(times, 99), "n": len(times)}


def citater_side(binary: Path, corpus: Path, index: Path, args, tmp: Path) -> dict:
    """Serve: time to first answer, memory, and each kind's latency."""
    port = free_port()
    log = open(tmp / f"serve-{corpus.name}.log", "wb")
    t0 = time.perf_counter()
    # The answer cache off: every request is a search, as every query to
    # the peers is.
    server = spawn([str(binary), "serve", "--addr", f"127.0.0.1:{port}", "--corpus",
                    str(corpus), "--index", str(index)], stdout=log, stderr=log,
                   env=dict(os.environ, CITATER_CACHE_MB="0"))
    out: dict = {"kinds": {}}
    try:
        wait_http(port, "/api/search?q=tillid", server, args.step_timeout)
        out["first"] = time.perf_counter() - t0
        client = Http(port, timeout=args.step_timeout)
        for kind, path, *_ in KINDS:
            status, body = client.get(path)
            if status != 200:
                raise RuntimeError(f"{path} answered {status}: {body[:200]!r}")

            def call(path=path):
                st, _ = client.get(path)
                if st != 200:
                    raise RuntimeError(f"{path} answered {st}")

            say(f"citater {kind}")
            res = measure(call, args)
            res["matches"] = total_of(body)
            res["bytes"] = len(body)
            out["kinds"][kind] = res
        client.close()
        out["memory"] = proc_memory(server.pid)
    except TimedOut as e:
        out["error"] = str(e)
    finally:
        stop(server)
    return out


def pg_side(pg: Postgres, db: str, csv_file: Path, args) -> dict:
    out: dict = {"kinds": {}}
    try:
        out["load"] = pg.load(db, csv_file, args.step_timeout)
    except TimedOut as e:
        out["error"] = f"load {e}"
        return out
    c = Pg(pg.port, pg.user, db)
    for kind, _, tsq, _, level in KINDS:
        sql = pg_sql(kind, tsq, level)
        rows = c.query(sql)
        say(f"PostgreSQL {kind}")
        res = measure(lambda sql=sql: c.query(sql), args)
        res["matches"] = str(pg_total(kind, rows))
        out["kinds"][kind] = res
    c.close()
    pg.drop(db)
    return out


def lite_side(db: Path, quotes: list[dict], args) -> dict:
    out: dict = {"kinds": {}}
    con, out["load"] = lite_load(db, quotes)
    for kind, _, _, match, level in KINDS:
        sql = lite_sql(kind, level)
        params = (level,) if level else (match,)

        def call(sql=sql, params=params):
            return con.execute(sql, params).fetchall()

        rows = call()
        say(f"SQLite {kind}")
        res = measure(call, args)
        res["matches"] = str(lite_total(kind, rows))
        out["kinds"][kind] = res
    con.close()
    db.unlink()
    return out


def export_quotes(binary: Path, corpus: Path, index: Path, out: Path, timeout: float) -> list:
    with open(out, "wb") as f:
        r = run_bounded([str(binary), "export", "--format", "jsonl", "--corpus", str(corpus),
                         "--index", str(index)], timeout, stdout=f, stderr=subprocess.PIPE)
    if r.returncode != 0:
        raise RuntimeError(f"export failed: {r.stderr.decode(errors='replace')[-500:]}")
    quotes = []
    with open(out, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                q = json.loads(line)
                quotes.append({"id": q["id"], "text": q["text"], "level": q["level"],
                               "role": q["role"], "theme": q["theme"],
                               "publication": q["publication"]["id"], "topics": q["topics"]})
    out.unlink()
    return quotes


def write_csv(quotes: list[dict], out: Path) -> None:
    def arr(items: list[str]) -> str:
        return "{" + ",".join('"' + t.replace("\\", "\\\\").replace('"', '\\"') + '"'
                              for t in items) + "}"

    with open(out, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        for q in quotes:
            w.writerow([q["id"], q["text"], q["level"], q["role"], q["theme"],
                        q["publication"], arr(q["topics"])])


def run_size(size: int, binary: Path, args, tmp: Path, pg: Postgres | None) -> dict:
    res: dict = {"size": size}
    corpus = scaled_corpus(size, cache=args.cache)
    res["booklets"] = sum(1 for p in corpus.glob("*.txt"))
    index = index_path(binary, corpus, args.cache)
    say(f"{size}×: citater index")
    try:
        res["build"] = build_index(binary, corpus, index, args.step_timeout,
                                   tmp / f"index-{size}.log")
    except TimedOut as e:
        res["build"] = {"error": str(e)}
        return res
    try:
        quotes = export_quotes(binary, corpus, index, tmp / f"quotes-{size}.jsonl",
                               args.step_timeout)
    except TimedOut as e:
        res["export_error"] = str(e)
        quotes = []
    res["quotes"] = len(quotes)
    if args.long:
        long_corpus = scaled_corpus(size, long=True, cache=args.cache)
        say(f"{size}×: citater index, long booklets")
        try:
            res["long"] = build_index(binary, long_corpus, tmp / f"index-long-{size}",
                                      args.step_timeout, tmp / f"index-long-{size}.log")
        except TimedOut as e:
            res["long"] = {"error": str(e)}
    say(f"{size}×: citater serve")
    res["citater"] = citater_side(binary, corpus, index, args, tmp)
    if pg is not None and quotes:
        csv_file = tmp / f"quotes-{size}.csv"
        write_csv(quotes, csv_file)
        say(f"{size}×: PostgreSQL")
        res["pg"] = pg_side(pg, f"bench_{size}", csv_file, args)
        say(f"{size}×: SQLite")
        res["sqlite"] = lite_side(tmp / f"quotes-{size}.sqlite", quotes, args)
    return res


# --- tables ----------------------------------------------------------------------

def mark(ok: bool) -> str:
    return "met" if ok else "**missed**"


def rate(n: int, seconds: float) -> str:
    return f"{n / seconds:,.0f}" if seconds else "—"


def size_table(res: dict, prov: str, args) -> str:
    size, n = res["size"], res.get("quotes", 0)
    final = size >= 1000
    lines = [f"## Scale: {size}× ({n:,} quotes, {res['booklets']:,} booklets)", "", prov]
    lines.append(
        f"- corpus: `bench/scale_corpus.py --times {size}`; latency: one keep-alive "
        f"connection, sequential, {args.warmup} warmup requests, then up to {args.requests} "
        f"within {args.seconds:g} s (at least 10); p50/p99 nearest rank (under 100 samples, "
        "p99 is the slowest). PostgreSQL through "
        "the same Python loop (its wire protocol, `bench/pgwire.py`), one statement a query "
        "returning the top 10 by `ts_rank`, the total and the facet counts (level, role, theme, "
        "publication, unnested topics); SQLite FTS5 (`unicode61`, no stemming) in process, "
        "the same statement with `bm25`. The three words are ORed in all three (citater "
        "counts any of them). Matches differ by design: citater adds inflections, "
        "compounds, spellings, synonyms and topics; PostgreSQL stems (`ledelses:*` is the "
        "prefix `ledels`, every form of ledelse); SQLite matches words as typed. "
        "PostgreSQL runs with `shared_buffers=512MB, work_mem=64MB, "
        "maintenance_work_mem=256MB, jit=off`. Targets apply at 1000×.")
    lines += ["", "| build | seconds | quotes/s | peak RSS | target |", "|---|---:|---:|---:|---|"]
    b = res["build"]
    if "error" in b:
        lines.append(f"| `citater index`, {res['booklets']:,} booklets | {b['error']} | | | "
                     f"{'**missed**' if size >= 100 else ''} |")
    else:
        qps = n / b["seconds"] if b["seconds"] else 0
        target = f"≥ 20,000/s: {mark(qps >= 20000)}" if size >= 100 else "(≥ 20,000/s at 100×, 1000×)"
        lines.append(f"| `citater index`, {res['booklets']:,} booklets | {b['seconds']:.1f} "
                     f"| {rate(n, b['seconds'])} | {b['rss_mb']:,.0f} MB | {target} |")
    if "long" in res:
        lb = res["long"]
        if "error" in lb:
            lines.append(f"| `citater index`, 5 long booklets | {lb['error']} | | | **missed** |")
        elif "error" not in b:
            ratio = lb["seconds"] / b["seconds"]
            lines.append(f"| `citater index`, 5 long booklets | {lb['seconds']:.1f} "
                         f"| {rate(n, lb['seconds'])} | {lb['rss_mb']:,.0f} MB "
                         f"| within 2× of spread: {mark(ratio <= 2)} ({ratio:.1f}×) |")
    if "pg" in res and "load" in res["pg"]:
        t = res["pg"]["load"]
        lines.append(f"| PostgreSQL {res.get('pg_version', '')}: COPY + tsvector + GIN + "
                     f"ANALYZE | {t:.1f} | {rate(n, t)} | | |")
    elif "pg" in res:
        lines.append(f"| PostgreSQL load | {res['pg'].get('error')} | | | |")
    if "sqlite" in res:
        t = res["sqlite"]["load"]
        lines.append(f"| SQLite {sqlite3.sqlite_version} FTS5: insert + rebuild | {t:.1f} "
                     f"| {rate(n, t)} | | |")
    if res.get("export_error"):
        lines.append(f"| `citater export` (the peers' quotes) | {res['export_error']} | | | |")

    c = res.get("citater")
    if c:
        lines += ["", "| serve | value | target |", "|---|---:|---|"]
        if "first" in c:
            lines.append(f"| spawn → first 200 on `/api/search?q=tillid` | {c['first']:.2f} s "
                         f"| {'≤ 1 s: ' + mark(c['first'] <= 1) if final else '(≤ 1 s at 1000×)'} |")
        else:
            lines.append(f"| spawn → first answer | {c.get('error')} | "
                         f"{'**missed**' if final else ''} |")
        mem = c.get("memory", {})
        if mem:
            lines.append(f"| RSS after the queries (peak) | {mem.get('VmRSS', 0):,.0f} MB "
                         f"({mem.get('VmHWM', 0):,.0f} MB) | |")

    lines += ["", "| kind | query | citater p50 ms | p99 ms | matches | PostgreSQL p50 ms "
              "| p99 ms | matches | SQLite p50 ms | p99 ms | matches | target: p50 ≤ PostgreSQL, "
              "p99 ≤ 50 ms |", "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"]
    for kind, *_ in KINDS:
        ck = (c or {}).get("kinds", {}).get(kind)
        pk = res.get("pg", {}).get("kinds", {}).get(kind)
        sk = res.get("sqlite", {}).get("kinds", {}).get(kind)

        def cells(k):
            if not k:
                return ["—", "—", "—"]
            return [ms(k["p50"]), ms(k["p99"]), k["matches"]]

        pcells = cells(pk)
        if kind == "typo" and pk and pk["matches"] == "0":
            pcells[2] = "0 (no typo tolerance)"
        scells = cells(sk)
        if kind == "typo" and sk and sk["matches"] == "0":
            scells[2] = "0 (no typo tolerance)"
        if ck and pk:
            ok50, ok99 = ck["p50"] <= pk["p50"], ck["p99"] <= 0.050
            verdict = (f"p50 {'≤' if ok50 else '>'} PostgreSQL, p99 {'≤' if ok99 else '>'} 50 ms")
            target = (mark(ok50 and ok99) + f" ({verdict})") if final else f"({verdict})"
        elif ck:
            target = ("p99 ≤ 50 ms: " + mark(ck["p99"] <= 0.050)) if final else ""
        else:
            target = "**missed** (not measured)" if final else ""
        lines.append(f"| {kind} | {SHOWN[kind]} | " + " | ".join(cells(ck) + pcells + scells)
                     + f" | {target} |")
    if c and c.get("kinds"):
        sizes = ", ".join(f"{k} {v['bytes']:,}" for k, v in c["kinds"].items())
        lines += ["", f"citater answer sizes (bytes): {sizes}. Samples per kind (citater / "
                  "PostgreSQL / SQLite): " + ", ".join(
                      f"{k} {c['kinds'][k]['n']}/"
                      f"{res.get('pg', {}).get('kinds', {}).get(k, {}).get('n', '—')}/"
                      f"{res.get('sqlite', {}).get('kinds', {}).get(k, {}).get('n', '—')}"
                      for k in c["kinds"])]
    return "\n".join(lines)


# --- the CI guard -------------------------------------------------------------------

def short(binary: Path, args) -> int:
    tmp = tempdir("citater-guard-")
    args.cache = tmp
    p50: dict[int, dict[str, float]] = {}
    for size in (1, 10):
        corpus = scaled_corpus(size, cache=tmp)
        index = tmp / f"index-{size}"
        build_index(binary, corpus, index, args.step_timeout, tmp / f"index-{size}.log",
                    install=False)
        c = citater_side(binary, corpus, index, args, tmp)
        if "error" in c:
            print(f"growth guard: serve at {size}× {c['error']}")
            return 1
        p50[size] = {k: v["p50"] for k, v in c["kinds"].items()}
    print(f"| kind | p50 1× ms | p50 10× ms | growth | limit {GUARD_FACTOR}× |")
    print("|---|---:|---:|---:|---|")
    bad = []
    for kind, *_ in KINDS:
        a, b = p50[1][kind], p50[10][kind]
        g = b / a if a else float("inf")
        ok = g <= GUARD_FACTOR
        print(f"| {kind} | {ms(a)} | {ms(b)} | {g:.1f}× | {'ok' if ok else 'over the limit'} |")
        if not ok:
            bad.append(f"growth guard: {kind}: p50 {ms(b)} ms at 10× is {g:.1f}× its "
                       f"{ms(a)} ms at 1× (limit {GUARD_FACTOR}×)")
    for line in bad:
        print(line)
    return 1 if bad else 0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bin", type=Path, default=DEFAULT_BIN)
    ap.add_argument("--sizes", default="10,100,1000")
    ap.add_argument("--long", action="store_true",
                    help="also build the long-booklet variant of each size")
    ap.add_argument("--short", action="store_true",
                    help="the CI growth guard: 1× and 10×, citater alone, no writes")
    ap.add_argument("--seconds", type=float, default=None,
                    help="time budget per kind and engine (default 10; 3 with --short)")
    ap.add_argument("--requests", type=int, default=None,
                    help="at most this many measured requests per kind (default 300; 60 with --short)")
    ap.add_argument("--warmup", type=int, default=5)
    ap.add_argument("--step-timeout", type=float, default=1200,
                    help="bound on each step: an index build, a load, serve's start (seconds)")
    ap.add_argument("--no-peers", action="store_true", help="citater alone")
    ap.add_argument("--no-write", action="store_true", help="print the tables only")
    args = ap.parse_args()
    args.seconds = args.seconds or (3 if args.short else 10)
    args.requests = args.requests or (60 if args.short else 300)
    args.cache = CACHE
    binary = args.bin.resolve()
    if not binary.is_file():
        sys.exit(f"no binary at {binary}: build it (cargo build --release) or give --bin")
    if args.short:
        sys.exit(short(binary, args))

    command = invocation()
    prov = provenance(command, binary)
    tmp = tempdir("citater-scale-")
    pg = None
    if not args.no_peers:
        pg = Postgres(args.step_timeout)
        pg_version = pg.version()
    for size in [int(s) for s in args.sizes.split(",")]:
        res = run_size(size, binary, args, tmp, pg)
        if pg:
            res["pg_version"] = pg_version
        body = size_table(res, prov, args)
        print(body)
        if not args.no_write:
            write_section(f"scale-{size}", body)
        (tmp / f"quotes-{size}.jsonl").unlink(missing_ok=True)
        (tmp / f"quotes-{size}.csv").unlink(missing_ok=True)


if __name__ == "__main__":
    main()
