#!/usr/bin/env python3
"""CLI cold: hyperfine of one `citater search tillid` process over a prebuilt index
beside `grep -ri tillid corpus/` and `rg -i tillid corpus/` on the bundled corpus,
and the same search over a prebuilt N× index (default 1000×; grep and rg beside it
for scale). Every run is a new process; the page cache is warm.

  bench/cli.sh [--bin target/release/citater] [--times 1000]
"""

import argparse
import json
import shlex
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import (  # noqa: E402
    DEFAULT_BIN, ROOT, TimedOut, build_index, cached_index, ensure_commands, invocation,
    provenance, run_bounded, say, scaled_corpus, tempdir, write_section,
)


def hyperfine(cmds: list[tuple[str, str]], out: Path, timeout: float, cwd: Path,
              min_runs: int = 10) -> dict:
    """name -> hyperfine's result for each command (seconds)."""
    args = ["hyperfine", "--warmup", "3", "-N", "--min-runs", str(min_runs), "--max-runs", "50",
            "--export-json", str(out)]
    for name, cmd in cmds:
        args += ["-n", name, cmd]
    say(shlex.join(args))
    r = run_bounded(args, timeout, cwd=cwd)
    if r.returncode != 0:
        raise RuntimeError(f"hyperfine failed ({r.returncode})")
    return {res["command"]: res for res in json.loads(out.read_text())["results"]}


def fmt(s: float) -> str:
    return f"{s * 1000:.1f} ms" if s < 1 else f"{s:.2f} s"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bin", type=Path, default=DEFAULT_BIN)
    ap.add_argument("--times", type=int, default=1000, help="size of the large corpus")
    ap.add_argument("--step-timeout", type=float, default=1800,
                    help="bound on each step (index build, one hyperfine), seconds")
    ap.add_argument("--no-write", action="store_true", help="print the table only")
    args = ap.parse_args()
    command = invocation()
    binary = args.bin.resolve()
    if not binary.is_file():
        sys.exit(f"no binary at {binary}: build it (cargo build --release) or give --bin")
    ensure_commands({"hyperfine": "hyperfine", "rg": "ripgrep", "grep": "grep"})
    tmp = tempdir("citater-cli-")
    prov = provenance(command, binary)

    idx1 = tmp / "index-1"
    build_index(binary, ROOT / "corpus", idx1, args.step_timeout, tmp / "index-1.log")
    search1 = f"{binary} search tillid --corpus corpus --index {idx1}"
    res1 = hyperfine(
        [("citater", search1), ("grep -ri", "grep -ri tillid corpus/"),
         ("rg -i", "rg -i tillid corpus/")],
        tmp / "h1.json", args.step_timeout, ROOT,
    )
    grep1 = res1["grep -ri"]["mean"]

    lines = [
        "## CLI cold (hyperfine, one process per search)",
        "",
        prov,
        f"- `hyperfine --warmup 3 -N` in the repository root; the index is built "
        f"beforehand (`citater index`), so a run is open + search + print. The {args.times}× "
        f"corpus is `bench/scale_corpus.py --times {args.times}`.",
        "",
        "| corpus | command | mean | σ | min | max | runs | / grep -ri | target |",
        "|---|---|---:|---:|---:|---:|---:|---:|---|",
    ]

    def row(corpus: str, name: str, res: dict, grep: float, target: str) -> str:
        return (
            f"| {corpus} | `{name}` | {fmt(res['mean'])} | {fmt(res['stddev'] or 0)} "
            f"| {fmt(res['min'])} | {fmt(res['max'])} | {len(res['times'])} "
            f"| {res['mean'] / grep:.2f}× | {target} |"
        )

    ratio = res1["citater"]["mean"] / grep1
    lines.append(row("1× (375 quotes)", "citater search tillid --index <prebuilt>",
                     res1["citater"], grep1,
                     f"≤ 3× grep -ri: {'met' if ratio <= 3 else '**missed**'}"))
    lines.append(row("1×", "grep -ri tillid corpus/", res1["grep -ri"], grep1, ""))
    lines.append(row("1×", "rg -i tillid corpus/", res1["rg -i"], grep1, ""))

    big = f"{args.times}×"
    try:
        corpus = scaled_corpus(args.times)
        index = cached_index(binary, corpus, args.step_timeout, tmp / "index-big.log")
        resn = hyperfine(
            [("citater", f"{binary} search tillid --corpus {corpus} --index {index}"),
             ("grep -ri", f"grep -ri tillid {corpus}/"), ("rg -i", f"rg -i tillid {corpus}/")],
            tmp / "hn.json", args.step_timeout, ROOT, min_runs=5,
        )
        grepn = resn["grep -ri"]["mean"]
        t = resn["citater"]["mean"]
        target = f"≤ 100 ms: {'met' if t <= 0.1 else '**missed**'}" if args.times >= 1000 \
            else "(≤ 100 ms at 1000×)"
        lines.append(row(big, "citater search tillid --index <prebuilt>", resn["citater"],
                         grepn, target))
        lines.append(row(big, "grep -ri tillid <corpus>/", resn["grep -ri"], grepn, ""))
        lines.append(row(big, "rg -i tillid <corpus>/", resn["rg -i"], grepn, ""))
    except TimedOut as e:
        lines.append(f"| {big} | `citater search tillid` | {e} | | | | | | **missed** |")
    body = "\n".join(lines)
    print(body)
    if not args.no_write:
        write_section("cli", body)


if __name__ == "__main__":
    main()
