#!/usr/bin/env bash
# See bench/cli.py (its docstring says what this measures and how).
set -euo pipefail
export BENCH_SCRIPT="bench/cli.sh"
exec python3 "$(dirname "$0")/cli.py" "$@"
