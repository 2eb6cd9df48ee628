#!/usr/bin/env bash
# Federation benchmarks (issue 4, and S5 of issue 5): S1 (ITI-38 fan-out throughput, with S6b connection reuse), S2 (fan-out latency),
# S2b (straggler), S3 (RAD-75 relay of 1 GiB), S3m (relay memory), S5 (the audit's cost: audit on vs off). Goals: design/performance.md §3; results and the
# commands in BENCHMARKS.md, "Federation — S1, S2, S2b, S3, S3m (issue 4)".
#
# Prerequisites (Debian): apt-get install -y nginx-light apache2-utils curl util-linux python3; linux-perf for PERF=1.
# Usage: Tests/Benchmarks/federation/run.sh [s1|s2|s2b|s3|s3m|s5|all]…   (default: all, about 15 minutes)
#   PERF=1      also profile the gateway during S1's first gateway round (perf record -g; report in the results)
#   GATEWAY_BIN=PATH use that xca-gateway binary instead of building the release one
#   KEEP_WORK=1 keep the temporary directory (logs, configurations, ab outputs)
#   S1_REQUESTS, S1_CONCURRENCY, S2_NS, S2_DELAYS, S2_CLIENTS, S2B_SECONDS, S2B_CLIENTS override the defaults.
# Self-contained: builds the release gateway, mints a development PKI into a temporary directory, writes every
# configuration there, starts and stops every process it needs (by PID) and prints the tables at the end.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/lib.sh"
source "$here/s1.sh"
source "$here/s2.sh"
source "$here/s2b.sh"
source "$here/s3.sh"
source "$here/s5.sh"

scenarios=("$@")
((${#scenarios[@]})) || scenarios=(all)
if [[ " ${scenarios[*]} " == *" all "* ]]; then scenarios=(s1 s2 s2b s3 s3m s5); fi
for s in "${scenarios[@]}"; do
  case $s in s1 | s2 | s2b | s3 | s3m | s5) ;; *) echo "unknown scenario $s (s1, s2, s2b, s3, s3m, s5, all)" >&2; exit 64 ;; esac
done

require_tools
setup_work
build_gateway
mint_pki
{
  echo "date=$(date -u +%Y-%m-%dT%H:%MZ) commit=$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo ?)"
  echo "cpu=$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo) cores=$(nproc) nginx=$(nginx -v 2>&1 | sed 's/.*\///')"
  echo "loadavg_before=$(loadavg)"
} >"$results/machine.txt"
started=$SECONDS
for s in "${scenarios[@]}"; do
  "$s"
  echo "$s $((SECONDS - started)) $(loadavg)" >>"$results/timeline.txt"
done
echo "loadavg_after=$(loadavg)" >>"$results/machine.txt"
python3 "$here/figures.py" "$results" "${scenarios[@]}"
