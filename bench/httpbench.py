#!/usr/bin/env python3
"""HTTP: wrk against `citater serve` and against nginx serving a static file that
holds exactly the bytes of citater's `/api/search?q=tillid` answer, at 1, 16 and
128 connections (2 threads; 1 thread for 1 connection, as wrk needs one connection
a thread), plus "distinct queries": a wrk Lua script rotating through the ~50
ordinary leadership words in bench/words.txt, so that a response cache cannot
answer every request from one entry.

  bench/http.sh [--bin target/release/citater] [--duration 10] [--connections 1,16,128]
"""

import argparse
import os
import re
import subprocess
import sys
import urllib.parse
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import (  # noqa: E402
    DEFAULT_BIN, ROOT, Http, build_index, ensure_commands, free_port, invocation,
    provenance, run_bounded, say, spawn, stop, tempdir, wait_http, write_section,
)

PATH = "/api/search?q=tillid"


def unit(value: str) -> float:
    """wrk's '1.23ms' / '456.00us' / '1.2s' in seconds."""
    m = re.fullmatch(r"([\d.]+)(us|ms|s|m)", value)
    if not m:
        raise ValueError(value)
    return float(m.group(1)) * {"us": 1e-6, "ms": 1e-3, "s": 1, "m": 60}[m.group(2)]


def wrk(url: str, conns: int, duration: int, script: Path | None = None) -> dict:
    threads = min(2, conns)
    args = ["wrk", f"-t{threads}", f"-c{conns}", f"-d{duration}s", "--latency",
            "--timeout", "10s"]
    if script:
        args += ["-s", str(script)]
    args.append(url)
    say(" ".join(args))
    r = run_bounded(args, duration + 60, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                    text=True)
    out = r.stdout
    if r.returncode != 0:
        raise RuntimeError(f"wrk failed:\n{out}")
    res = {"threads": threads}
    res["rps"] = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    for p in ("50", "99"):
        res[f"p{p}"] = unit(re.search(rf"^\s+{p}(?:\.000)?%\s+(\S+)", out, re.M).group(1))
    errors = []
    m = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if m:
        errors.append(f"{m.group(1)} non-2xx")
    m = re.search(r"Socket errors: (.*)", out)
    if m:
        errors.append("socket errors: " + m.group(1))
    res["errors"] = "; ".join(errors)
    return res


def lua_rotation(words: list[str], out: Path) -> None:
    paths = ",\n".join(
        f'  "/api/search?q={urllib.parse.quote(w)}"' for w in words
    )
    out.write_text(
        "-- Each request asks the next word of the list (each thread from its own start).\n"
        f"local paths = {{\n{paths}\n}}\n"
        "local i = math.random(#paths)\n"
        "request = function()\n"
        "  i = i % #paths + 1\n"
        '  return wrk.format("GET", paths[i])\n'
        "end\n",
        encoding="utf-8",
    )


def nginx_conf(tmp: Path, www: Path, port: int) -> Path:
    for d in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (tmp / "nginx" / d).mkdir(parents=True, exist_ok=True)
    conf = tmp / "nginx" / "nginx.conf"
    conf.write_text(f"""
user nobody nogroup;
worker_processes auto;
daemon off;
pid {tmp}/nginx/nginx.pid;
error_log {tmp}/nginx/error.log warn;
events {{ worker_connections 4096; }}
http {{
  access_log off;
  client_body_temp_path {tmp}/nginx/body;
  proxy_temp_path {tmp}/nginx/proxy;
  fastcgi_temp_path {tmp}/nginx/fastcgi;
  uwsgi_temp_path {tmp}/nginx/uwsgi;
  scgi_temp_path {tmp}/nginx/scgi;
  keepalive_requests 1000000;
  server {{
    listen 127.0.0.1:{port};
    location / {{
      root {www};
      default_type application/json;
      try_files /answer.json =404;
    }}
  }}
}}
""")
    return conf


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bin", type=Path, default=DEFAULT_BIN)
    ap.add_argument("--duration", type=int, default=10, help="seconds per wrk run")
    ap.add_argument("--connections", default="1,16,128")
    ap.add_argument("--no-write", action="store_true", help="print the table only")
    args = ap.parse_args()
    command = invocation()
    binary = args.bin.resolve()
    if not binary.is_file():
        sys.exit(f"no binary at {binary}: build it (cargo build --release) or give --bin")
    conns = [int(c) for c in args.connections.split(",")]
    ensure_commands({"wrk": "wrk", "nginx": "nginx"})
    prov = provenance(command, binary)
    tmp = tempdir("citater-http-")
    tmp.chmod(0o755)  # nginx's workers (nobody) read the answer file

    index = tmp / "index"
    build_index(binary, ROOT / "corpus", index, 600, tmp / "index.log")
    port = free_port()
    log = open(tmp / "serve.log", "wb")
    server = spawn([str(binary), "serve", "--addr", f"127.0.0.1:{port}", "--corpus",
                    str(ROOT / "corpus"), "--index", str(index)], stdout=log, stderr=log)
    wait_http(port, "/healthz", server, 120)
    client = Http(port)
    status, body = client.get(PATH)
    if status != 200:
        sys.exit(f"{PATH} answered {status}")
    words = [w for w in (ROOT / "bench" / "words.txt").read_text(encoding="utf-8").split() if w]
    for w in words:  # every rotated query must be an ordinary 200
        st, _ = client.get(f"/api/search?q={urllib.parse.quote(w)}")
        if st != 200:
            sys.exit(f"/api/search?q={w} answered {st}")
    client.close()
    www = tmp / "www"
    www.mkdir()
    (www / "answer.json").write_bytes(body)
    (www / "answer.json").chmod(0o644)
    www.chmod(0o755)
    lua = tmp / "rotate.lua"
    lua_rotation(words, lua)

    nport = free_port()
    nginx = spawn(["nginx", "-p", str(tmp / "nginx"), "-c", str(nginx_conf(tmp, www, nport))],
                  stderr=subprocess.DEVNULL, stop_signal=15)
    wait_http(nport, PATH, nginx, 30)
    st, nbody = Http(nport).get(PATH)
    if nbody != body:
        sys.exit("nginx does not serve the same bytes")

    # The same server with its answer cache off: what a search costs when
    # it is not one answered moments before.
    uport = free_port()
    uncached = spawn([str(binary), "serve", "--addr", f"127.0.0.1:{uport}", "--corpus",
                      str(ROOT / "corpus"), "--index", str(index)], stdout=log, stderr=log,
                     env=dict(os.environ, CITATER_CACHE_MB="0"))
    wait_http(uport, "/healthz", uncached, 120)

    cit = f"http://127.0.0.1:{port}{PATH}"
    ngx = f"http://127.0.0.1:{nport}{PATH}"
    rows = []
    for c in conns:
        rows.append((c, wrk(cit, c, args.duration), wrk(ngx, c, args.duration), {
            "distinct queries": wrk(f"http://127.0.0.1:{port}", c, args.duration, lua),
            "`q=tillid`, cache off": wrk(f"http://127.0.0.1:{uport}{PATH}", c, args.duration),
            "distinct queries, cache off":
                wrk(f"http://127.0.0.1:{uport}", c, args.duration, lua),
        }))
    stop(nginx)
    stop(server)
    stop(uncached)

    def lat(r: dict) -> str:
        return f"{r['p50'] * 1000:.2f} / {r['p99'] * 1000:.2f}"

    lines = [
        "## HTTP (wrk over loopback, beside nginx serving the same bytes)",
        "",
        prov,
        f"- `citater serve` on the bundled corpus, as built (its request log goes to a file); "
        f"nginx (`worker_processes auto`, `access_log off`) serves a file holding exactly the "
        f"{len(body):,} bytes of citater's `{PATH}` answer, for any path. "
        f"`wrk -t2 -cN -d{args.duration}s --latency` (`-t1` at 1 connection); "
        "wrk runs on the same 2 cores as the servers.",
        f"- distinct queries: `bench/words.txt` ({len(words)} words) in rotation by a wrk Lua "
        "script, against citater; the ratio is to nginx's same-bytes figure at the same "
        "connections. The words fit in the server's answer cache (`CITATER_CACHE_MB`, 8 MB), "
        "so after the first round they are answered from it too; the rows \"cache off\" are "
        "a second server with `CITATER_CACHE_MB=0`, where every request is a search.",
        "",
        "| connections | what | citater req/s | p50 / p99 ms | nginx req/s | p50 / p99 ms "
        "| citater / nginx | target (16 conns: ≥ 25%) |",
        "|---:|---|---:|---:|---:|---:|---:|---|",
    ]
    for c, cr, nr, others in rows:
        for what, r in (("`q=tillid`, same bytes", cr), *others.items()):
            ratio = r["rps"] / nr["rps"]
            target = ("met" if ratio >= 0.25 else "**missed**") if c == 16 else ""
            if "cache off" in what:
                target = ""
            note = f" ({r['errors']})" if r["errors"] else ""
            lines.append(
                f"| {c} | {what}{note} | {r['rps']:,.0f} | {lat(r)} | {nr['rps']:,.0f} "
                f"| {lat(nr)} | {ratio:.1%} | {target} |"
            )
    body_md = "\n".join(lines)
    print(body_md)
    if not args.no_write:
        write_section("http", body_md)


if __name__ == "__main__":
    main()
