#!/usr/bin/env bash
# Runs the foundation benchmarks (release build, ordo-one/benchmark) and prints their tables.
# Usage: Tests/Benchmarks/run.sh [extra `swift package benchmark` arguments, e.g. --filter 'XML.*']
# Needs xmllint (apt libxml2-utils) for the baseline. Uses its own build folder so the debug build is untouched.
set -euo pipefail
cd "$(dirname "$0")/../.."
command -v xmllint >/dev/null || { echo "xmllint missing: apt-get install libxml2-utils" >&2; exit 1; }
export XCA_BENCHMARKS=1
exec swift package --scratch-path .build-bench --allow-writing-to-package-directory benchmark \
  --target XCABenchmarks --no-progress "$@"
