#!/usr/bin/env bash
# See bench/scale.py (its docstring says what this measures and how).
set -euo pipefail
export BENCH_SCRIPT="bench/scale.sh"
exec python3 "$(dirname "$0")/scale.py" "$@"
