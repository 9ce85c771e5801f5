#!/usr/bin/env bash
# Regenerates crates/indexer/thesaurus/ from LibreOffice's Danish thesaurus
# as Debian packages it (mythes-da, MPL-2.0). Run by hand when upgrading the
# thesaurus; the result is committed, so builds need no network.
#
# The subset keeps what search can use: one-word headwords with their
# one-word synonyms, without narrower terms ("(underbegreb)", which are
# kinds of a thing, not the thing: chef → bankdirektør) and with usage notes
# such as "(daglig tale)" dropped. One line per headword:
# `headword|synonym|synonym|…`, sorted.
set -euo pipefail
cd "$(dirname "$0")/.."
out=crates/indexer/thesaurus
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && apt-get download mythes-da >/dev/null && dpkg-deb -x mythes-da_*.deb root)
version="$(dpkg-deb -f "$work"/mythes-da_*.deb Version)"
python3 - "$work/root/usr/share/mythes/th_da_DK.dat" "$out/th_da_DK.txt" <<'PY'
import re, sys
source, target = sys.argv[1], sys.argv[2]
lines = open(source, encoding="utf-8").read().split("\n")
word = re.compile(r"[a-zæøåéü]+")
synonyms = {}
i = 1  # the first line names the encoding
while i < len(lines):
    if not lines[i]:
        i += 1
        continue
    head, count = lines[i].rsplit("|", 1)
    senses = lines[i + 1 : i + 1 + int(count)]
    i += 1 + int(count)
    if not word.fullmatch(head):
        continue
    found = synonyms.setdefault(head, [])
    for sense in senses:
        if "(underbegreb)" in sense or "(overbegreb)" in sense:
            continue
        for s in sense.split("|")[1:]:
            s = re.sub(r"\s*\(.*?\)", "", s).strip()
            if word.fullmatch(s) and s != head and s not in found:
                found.append(s)
with open(target, "w", encoding="utf-8") as f:
    for head in sorted(synonyms):
        if synonyms[head]:
            f.write(head + "|" + "|".join(synonyms[head]) + "\n")
PY
cp /usr/share/common-licenses/MPL-2.0 "$out/LICENSE"
printf '%s\n' "$version" > "$out/VERSION"
echo "wrote $out/th_da_DK.txt from mythes-da $version"
