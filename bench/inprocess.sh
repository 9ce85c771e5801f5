#!/usr/bin/env bash
# See bench/inprocess.py (its docstring says what this measures and how).
set -euo pipefail
export BENCH_SCRIPT="bench/inprocess.sh"
exec python3 "$(dirname "$0")/inprocess.py" "$@"
