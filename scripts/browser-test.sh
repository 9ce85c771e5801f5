#!/usr/bin/env bash
# End-to-end tests of the search page in headless Chromium (the main flow,
# and what a report writer relies on, on a laptop and a phone screen, with
# axe-core over every state), after the unit
# tests of the page's highlighting and of what copying a citation puts on
# the clipboard (tests/browser/highlight.test.mjs, copy-format.test.mjs;
# plain Node, no browser).
#
# Installs what it needs when missing (Debian's chromium, the Node packages in
# tests/browser), builds citater (unless CITATER_BIN names a binary), starts
# `citater serve` on a free loopback port with a fresh index, runs
# tests/browser/search-page.test.mjs and report-writer.test.mjs against it
# and always stops the server.
# Screenshots of every step land in target/browser/.
#
#   scripts/browser-test.sh
#   CITATER_BIN=target/debug/citater scripts/browser-test.sh
#
# Other settings: CHROMIUM_PATH (default /usr/bin/chromium), CITATER_QUERY,
# CITATER_LEVEL, CITATER_TIMEOUT, CITATER_STEPS (see the test scripts).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

shots="$root/target/browser"
mkdir -p "$shots"
log="$shots/server.log"
chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
export CHROMIUM_PATH="$chromium"

say() { printf '==> %s\n' "$*"; }
die() { printf 'browser-test: %s\n' "$*" >&2; exit 1; }

# --- the unit tests ---------------------------------------------------------
command -v node >/dev/null || die "node is not installed"
say "running tests/browser/highlight.test.mjs and copy-format.test.mjs"
node --test tests/browser/highlight.test.mjs tests/browser/copy-format.test.mjs

# --- the browser ------------------------------------------------------------
if [[ ! -x "$chromium" ]]; then
  [[ "$chromium" == /usr/bin/chromium ]] || die "CHROMIUM_PATH=$chromium is not an executable"
  say "installing Debian's chromium"
  as_root=()
  if [[ "$(id -u)" != 0 ]]; then
    command -v sudo >/dev/null || die "chromium is missing and this is not root; install it with: apt-get install chromium"
    as_root=(sudo)
  fi
  export DEBIAN_FRONTEND=noninteractive
  if ! "${as_root[@]}" apt-get install -y chromium; then
    "${as_root[@]}" apt-get update
    "${as_root[@]}" apt-get install -y chromium
  fi
  [[ -x "$chromium" ]] || die "apt-get installed chromium but $chromium is not there"
fi

# --- Node packages ----------------------------------------------------------
# npm ci when a package is absent or not the version the lock file pins.
if ! node -e '
  const lock = require("./tests/browser/package-lock.json").packages;
  for (const name of ["playwright-core", "axe-core"]) {
    const have = require(`./tests/browser/node_modules/${name}/package.json`).version;
    if (lock[`node_modules/${name}`].version !== have) process.exit(1);
  }
' 2>/dev/null; then
  say "installing the test's Node packages (npm ci)"
  npm ci --prefix tests/browser --no-audit --no-fund
fi

# --- the binary -------------------------------------------------------------
if [[ -n "${CITATER_BIN:-}" ]]; then
  bin="$CITATER_BIN"
else
  say "building citater (cargo build --release)"
  cargo build --release --bin citater
  bin="$root/target/release/citater"
fi
[[ -x "$bin" ]] || die "no citater binary at $bin"

# --- the server -------------------------------------------------------------
port="$(node -e '
  const s = require("net").createServer();
  s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });
')"
index_dir="$(mktemp -d "${TMPDIR:-/tmp}/citater-browser-index.XXXXXX")"
server_pid=""

stop() {
  local status=$?
  if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$index_dir"
  if [[ $status -ne 0 ]]; then
    if [[ -s "$log" ]]; then
      printf '\n--- the last lines of the server log (%s) ---\n' "$log" >&2
      tail -n 15 "$log" >&2
    fi
    if [[ $status -eq 130 || $status -eq 143 ]]; then
      printf '\nbrowser test interrupted; the server is stopped\n' >&2
    else
      printf '\nbrowser test FAILED (exit %s): the first FAIL/browser-test line above says why\n' "$status" >&2
    fi
  fi
  printf 'screenshots: %s\n' "$shots"
  exit "$status"
}
trap stop EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

url="http://127.0.0.1:$port/"
say "starting citater serve on $url (index in $index_dir)"
NO_COLOR=1 "$bin" serve --addr "127.0.0.1:$port" --corpus "$root/corpus" --index "$index_dir" >"$log" 2>&1 &
server_pid=$!

# GET a URL and print the body; curl if there is one, else Node's fetch.
get() {
  if command -v curl >/dev/null; then
    curl -fsS --max-time 2 "$1"
  else
    node -e 'fetch(process.argv[1], { signal: AbortSignal.timeout(2000) })
      .then(async (r) => { if (!r.ok) process.exit(1); process.stdout.write(await r.text()); })
      .catch(() => process.exit(1));' "$1"
  fi
}

# The index is built on the first start, so give it time.
for i in $(seq 1200); do
  if get "${url}healthz" >/dev/null 2>&1; then break; fi
  kill -0 "$server_pid" 2>/dev/null || die "citater serve exited before answering (log: $log)"
  (( i == 1200 )) && die "citater serve did not answer ${url}healthz within 120 s (log: $log)"
  sleep 0.1
done
say "server ready: $(get "${url}healthz")"

# --- the test ---------------------------------------------------------------
for test in search-page report-writer; do
  say "running tests/browser/$test.test.mjs"
  CITATER_URL="$url" CITATER_SHOTS="$shots" node "tests/browser/$test.test.mjs"
done
