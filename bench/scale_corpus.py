#!/usr/bin/env python3
"""Writes a corpus N times the size of the bundled one, for the scale
benchmarks.

  spread (default)  each booklet copied N times as a new publication: its
                    own id, file and title ("Pas på trinet! (bind 7)"), the
                    same typography, so N×5 booklets with N× the quotes;
  long              each booklet's text repeated N times in one file: five
                    booklets, each N times as long, with the same number of
                    quotes as the spread variant.

roles.toml and synonyms.toml are copied; topics.toml gets each booklet's
section list for every copy. The publications are edited as text, block by
block, so the file keeps its comments and conventions.

  bench/scale_corpus.py --times 100 --out /tmp/corpus-100
  bench/scale_corpus.py --times 100 --long --out /tmp/corpus-100-long
"""

import argparse
import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def blocks(text: str) -> tuple[str, list[str]]:
    """The head of publications.toml and its [[publication]] blocks."""
    parts = re.split(r"(?m)^(?=\[\[publication\]\]\s*$)", text)
    return parts[0], parts[1:]


def field(block: str, name: str) -> str:
    m = re.search(rf'(?m)^{name} = "([^"]*)"', block)
    if not m:
        sys.exit(f"a publication block without {name}")
    return m.group(1)


def renamed(block: str, copy: int) -> str:
    """A publication block for copy `copy` (1 keeps the original)."""
    if copy == 1:
        return block
    ident, file, title = field(block, "id"), field(block, "file"), field(block, "title")
    stem = file.removesuffix(".txt")
    block = re.sub(r'(?m)^id = "[^"]*"', f'id = "{ident}-{copy}"', block, count=1)
    block = re.sub(r'(?m)^file = "[^"]*"', f'file = "{stem}-{copy}.txt"', block, count=1)
    return re.sub(
        r'(?m)^title = "[^"]*"', f'title = "{title} (bind {copy})"', block, count=1
    )


def topics_for(text: str, ids: list[str], times: int) -> str:
    """topics.toml with each booklet's section list repeated for its copies."""
    out = []
    for line in text.splitlines(keepends=True):
        out.append(line)
        m = re.match(r"^([a-z0-9-]+) = (\[.*)$", line.rstrip("\n"))
        if m and m.group(1) in ids:
            out.extend(f"{m.group(1)}-{k} = {m.group(2)}\n" for k in range(2, times + 1))
    return "".join(out)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--times", type=int, required=True, help="how many times the bundled corpus")
    ap.add_argument("--long", action="store_true", help="five long booklets instead of many")
    ap.add_argument("--source", type=Path, default=ROOT / "corpus")
    ap.add_argument("--out", type=Path, required=True)
    args = ap.parse_args()
    if args.times < 1:
        sys.exit("--times must be at least 1")
    src, out = args.source, args.out
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    for name in ["roles.toml", "synonyms.toml"]:
        shutil.copy(src / name, out / name)
    head, pubs = blocks((src / "publications.toml").read_text(encoding="utf-8"))
    ids = [field(b, "id") for b in pubs]
    if args.long:
        for b in pubs:
            text = (src / field(b, "file")).read_text(encoding="utf-8")
            sep = "" if text.endswith("\n") else "\n"
            (out / field(b, "file")).write_text((text + sep) * args.times, encoding="utf-8")
        shutil.copy(src / "publications.toml", out / "publications.toml")
        shutil.copy(src / "topics.toml", out / "topics.toml")
        return
    copies = []
    for k in range(1, args.times + 1):
        for b in pubs:
            copies.append(renamed(b, k))
            file = field(b, "file")
            target = file if k == 1 else f"{file.removesuffix('.txt')}-{k}.txt"
            shutil.copy(src / file, out / target)
    (out / "publications.toml").write_text(head + "".join(copies), encoding="utf-8")
    topics = (src / "topics.toml").read_text(encoding="utf-8")
    (out / "topics.toml").write_text(topics_for(topics, ids, args.times), encoding="utf-8")


if __name__ == "__main__":
    main()
