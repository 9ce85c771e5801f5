#!/usr/bin/env bash
# See bench/httpbench.py (its docstring says what this measures and how).
set -euo pipefail
export BENCH_SCRIPT="bench/http.sh"
exec python3 "$(dirname "$0")/httpbench.py" "$@"
