#!/usr/bin/env python3
"""Runs the project's scorer on the visible references and fails when a
score falls below the ratchet in .ci/thresholds.json."""
import json
import subprocess
import sys
from pathlib import Path

root = Path(__file__).resolve().parent.parent
eval_dir = root.parent / "shared" / "eval"
scorer = eval_dir / "score.py"
binary = root / "target" / "release" / "citater"
thresholds = json.loads((root / ".ci" / "thresholds.json").read_text(encoding="utf-8"))

if not scorer.exists():
    print(f"check-scores: no scorer at {scorer}; nothing to check here")
    sys.exit(0)


def score(*args):
    out = subprocess.run([sys.executable, str(scorer), *args, "--json"], capture_output=True, text=True, cwd=root)
    if out.returncode != 0:
        sys.exit(f"check-scores: the scorer failed:\n{out.stdout}\n{out.stderr}")
    return json.loads(out.stdout)


failures = []
extraction = score("extraction", "--gold", str(eval_dir / "gold"), "--cmd", f"{binary} export --format jsonl")
for name, minimum in thresholds["extraction"].items():
    value = extraction["all"][name]
    print(f"extraction {name:<10} {value:.3f} (at least {minimum})")
    if value < minimum:
        failures.append(f"extraction {name} {value:.3f} < {minimum}")

# Word-like queries and questions or queries by intent, each file guarded.
for queries, minimums in thresholds["relevance"].items():
    relevance = score(
        "relevance", "--gold", str(eval_dir / "gold"), "--queries", str(eval_dir / queries),
        "--cmd", f"{binary} search --format json --limit 10",
    )
    for name, minimum in minimums.items():
        value = relevance[name]
        print(f"relevance  {queries:<22} {name:<8} {value:.3f} (at least {minimum})")
        if value < minimum:
            failures.append(f"relevance {queries} {name} {value:.3f} < {minimum}")
    if relevance.get("failed"):
        failures.append(f"{relevance['failed']} relevance queries of {queries} failed to run")

if failures:
    sys.exit("check-scores: below the ratchet: " + "; ".join(failures))
print("check-scores: every score meets the ratchet")
