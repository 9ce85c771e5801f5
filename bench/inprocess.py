#!/usr/bin/env python3
"""In process: the criterion bench of citater-query (`crates/query/benches/search.rs`,
the bundled corpus) run once, its estimates turned into a table: criterion's mean
with its 95% interval, and p50/p99 over the samples' per-iteration times (each
sample is a batch of iterations; its time divided by its iteration count).

  bench/inprocess.sh [--sample-size 100] [--measurement-time 3]
"""

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import (  # noqa: E402
    ROOT, TimedOut, invocation, percentile, provenance, run_bounded, say, write_section,
)

TARGET_P99_NS = 1_000_000


def fmt_ns(ns: float) -> str:
    if ns < 1000:
        return f"{ns:.0f} ns"
    if ns < 1_000_000:
        return f"{ns / 1000:.0f} µs" if ns >= 100_000 else f"{ns / 1000:.1f} µs"
    return f"{ns / 1e6:.2f} ms"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sample-size", type=int, default=100,
                    help="criterion samples per bench (more samples, a steadier p99)")
    ap.add_argument("--measurement-time", type=float, default=3, help="seconds per bench")
    ap.add_argument("--timeout", type=float, default=3600, help="bound on build + run, seconds")
    ap.add_argument("--no-write", action="store_true", help="print the table only")
    args = ap.parse_args()

    command = invocation()
    target = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
    started = time.time()
    cmd = [
        "cargo", "bench", "-p", "citater-query", "--bench", "search", "--",
        "--sample-size", str(args.sample_size),
        "--measurement-time", str(args.measurement_time),
        "--warm-up-time", "1", "--noplot",
    ]
    say(" ".join(cmd))
    try:
        r = run_bounded(cmd, args.timeout, cwd=ROOT)
    except TimedOut as e:
        sys.exit(f"cargo bench {e}")
    if r.returncode != 0:
        sys.exit(f"cargo bench failed ({r.returncode})")

    rows = []
    for bench in (target / "criterion").glob("*/new/benchmark.json"):
        new = bench.parent
        if (new / "sample.json").stat().st_mtime < started:
            continue  # left by an earlier run of a bench that no longer exists
        title = json.loads(bench.read_text())["full_id"]
        est = json.loads((new / "estimates.json").read_text())["mean"]
        smp = json.loads((new / "sample.json").read_text())
        per_iter = [t / n for t, n in zip(smp["times"], smp["iters"])]
        rows.append((
            (new / "sample.json").stat().st_mtime, title, est["point_estimate"],
            est["confidence_interval"]["lower_bound"], est["confidence_interval"]["upper_bound"],
            percentile(per_iter, 50), percentile(per_iter, 99), len(per_iter),
        ))
    if not rows:
        sys.exit(f"no criterion results under {target / 'criterion'}")
    rows.sort()

    lines = [
        "## In process (criterion, bundled corpus: 375 quotes)",
        "",
        provenance(command),
        "- `cargo bench -p citater-query --bench search` (the library's search, facets, "
        "snippets; no HTTP). p50/p99 are over the samples' per-iteration means "
        f"({rows[0][7]} samples a bench), so a rare slow iteration inside a batch is "
        "averaged in: p99 here is a p99 of batches, a floor for the real one.",
        "",
        "| bench | mean | mean 95% CI | p50 | p99 | target p99 ≤ 1 ms |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for _, title, mean, lo, hi, p50, p99, _ in rows:
        met = "met" if p99 <= TARGET_P99_NS else "**missed**"
        lines.append(
            f"| {title} | {fmt_ns(mean)} | {fmt_ns(lo)} – {fmt_ns(hi)} | {fmt_ns(p50)} "
            f"| {fmt_ns(p99)} | {met} |"
        )
    body = "\n".join(lines)
    print(body)
    if not args.no_write:
        write_section("inprocess", body)


if __name__ == "__main__":
    main()
