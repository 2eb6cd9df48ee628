#!/usr/bin/env bash
# S4 (performance.md): ITI-38 parse-and-merge throughput against `xmllint --stream`, same files, same run.
#
# For each size (DocumentEntries per community), three community answers are generated with the benchmarks'
# SyntheticQueryResponse (5.8 KB per DocumentEntry; the third community's objects carry home="", so their start
# tags are patched on the way through). Then rounds of A/B/A, all pinned to one CPU with taskset:
#   A  xmllint --stream --noout --timing over the three files, `passes` times (--repeat: 100, twice: 1,000);
#   B  QueryResponseMerger merging the three files into one ITI-38 response, `passes` times: reading the files
#      and the whole merge up to the finished response (the tool's clocks; buffers allocated before).
# Two measures, each as MB/s of input: wall clock (xmllint's own --timing around its passes; the tool's clock
# around its passes) and CPU time, user + system (xmllint: the whole process, from bash's `time`, start-up
# included; the tool: getrusage around its passes). On a quiet machine they agree; on a shared one the CPU
# figures are the steadier. Reported: medians over the rounds; a ratio is per round, B against the mean of its
# two A runs. Then the re-serialising merge (the path before S4: copiesVerbatim = false) for contrast (CPU MB/s).
# Peak RSS: the merge process's getrusage maximum (it holds the three answers and the merged response) and its
# growth over the start-up RSS, ÷ the merged response; xmllint's from /usr/bin/time.
#
# Usage: Tests/Benchmarks/merge.sh [entries ...]        default: 10 100 1000 10000
# Environment: XCA_S4_CPU (default 1), XCA_S4_ROUNDS (default 3). Needs xmllint (libxml2-utils), taskset, time.
set -euo pipefail
cd "$(dirname "$0")/../.."
for tool in xmllint taskset awk /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "missing $tool (apt-get install libxml2-utils util-linux time)" >&2; exit 1; }
done
sizes=("$@")
((${#sizes[@]})) || sizes=(10 100 1000 10000)
cpu=${XCA_S4_CPU:-1}
rounds=${XCA_S4_ROUNDS:-3}

echo "building release (XCABenchmarks)…" >&2
export XCA_BENCHMARKS=1
swift build -c release --scratch-path .build-bench --product XCABenchmarks >"${TMPDIR:-/tmp}/xca-s4-build.log" 2>&1 ||
  { tail -30 "${TMPDIR:-/tmp}/xca-s4-build.log" >&2; exit 1; }
bin=$(pwd)/.build-bench/release/XCABenchmarks

work=$(mktemp -d /tmp/xca-s4.XXXX)
trap 'rm -rf "$work"' EXIT
XCA_S4=generate XCA_S4_DIR="$work" XCA_S4_ENTRIES="${sizes[*]}" XCA_S4_COMMUNITIES=3 "$bin"

median() { sort -g | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
field() { tr ' ' '\n' | awk -F= -v key="$1" '$1 == key {print $2}'; }

# xmllint over the files, `passes` passes: prints "wall-MB/s cpu-MB/s"; peak RSS (KiB) in $work/xmllint.rss.
xmllint_run() {
  local passes=$1 bytes=$2; shift 2
  local args=(--stream --noout --timing)
  ((passes >= 100)) && args+=(--repeat)
  ((passes >= 1000)) && args+=(--repeat)
  local TIMEFORMAT='%3U %3S'
  { time /usr/bin/time -f %M -o "$work/xmllint.rss" taskset -c "$cpu" xmllint "${args[@]}" "$@" 2>"$work/timing"; } \
    2>"$work/cpu"
  awk -v bytes="$bytes" -v passes="$passes" -v cpu="$(awk '{print $1 + $2}' "$work/cpu")" \
    '/ took / {ms += $(NF - 1)} END {print bytes * passes / (ms / 1000) / 1e6, bytes * passes / cpu / 1e6}' \
    "$work/timing"
}

# The merge over the files: prints the tool's key=value line.
merge_run() {
  local passes=$1 verbatim=$2; shift 2
  XCA_S4=merge XCA_S4_FILES="$*" XCA_S4_ITERATIONS="$passes" XCA_S4_VERBATIM="$verbatim" taskset -c "$cpu" "$bin"
}
ratio() { awk -v b="$1" -v a1="$2" -v a2="$3" 'BEGIN {printf "%.2f", b / ((a1 + a2) / 2)}'; }
med() { printf '%s\n' "$@" | median; }

echo "S4 merge vs xmllint --stream: $(date -u +%Y-%m-%dT%H:%MZ), CPU $cpu, $rounds rounds A/B/A,$(xmllint --version 2>&1 | head -1 | sed 's/.*using//'), load $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-7s %8s %6s | %9s %9s %-6s %-16s | %9s %9s %-6s %-16s | %9s | %8s %6s %7s\n' \
  entries in_MB passes "xmllint" merge ratio "(rounds)" "xmllint" merge ratio "(rounds)" reserial RSS_MB growth xl_RSS
printf '%-7s %8s %6s | %-43s | %-43s | %9s | %8s %6s %7s\n' "" "" "" "CPU time, MB/s" "wall clock, MB/s" "CPU MB/s" \
  "merge" "÷merged" "MB"
for entries in "${sizes[@]}"; do
  files=("$work/s4-$entries-1.xml" "$work/s4-$entries-2.xml" "$work/s4-$entries-3.xml")
  bytes=$(cat "${files[@]}" | wc -c)
  passes=1
  ((bytes < 20000000)) && passes=100
  ((bytes < 1000000)) && passes=1000
  xl_cpu=() xl_wall=() m_cpu=() m_wall=() r_cpu=() r_wall=() rss=() growth=() merged=0
  for _ in $(seq "$rounds"); do
    read -r a1_wall a1_cpu < <(xmllint_run "$passes" "$bytes" "${files[@]}")
    line=$(merge_run "$passes" 1 "${files[@]}")
    read -r a2_wall a2_cpu < <(xmllint_run "$passes" "$bytes" "${files[@]}")
    [[ $(field verbatim_answers <<<"$line") == 3 ]] || { echo "the merge did not copy verbatim: $line" >&2; exit 1; }
    merged=$(field merged_bytes <<<"$line")
    b_cpu=$(field cpu_mb_per_s <<<"$line")
    b_wall=$(field mb_per_s <<<"$line")
    xl_cpu+=("$a1_cpu" "$a2_cpu") xl_wall+=("$a1_wall" "$a2_wall") m_cpu+=("$b_cpu") m_wall+=("$b_wall")
    r_cpu+=("$(ratio "$b_cpu" "$a1_cpu" "$a2_cpu")") r_wall+=("$(ratio "$b_wall" "$a1_wall" "$a2_wall")")
    peak=$(field rss_peak_kib <<<"$line")
    rss+=("$peak")
    growth+=("$((peak - $(field rss_before_kib <<<"$line")))")
  done
  reserialised=()
  for _ in $(seq "$rounds"); do reserialised+=("$(merge_run "$passes" 0 "${files[@]}" | field cpu_mb_per_s)"); done
  printf '%-7s %8.2f %6s | %9.1f %9.1f %-6s %-16s | %9.1f %9.1f %-6s %-16s | %9.1f | %8.1f %6.2f %7.1f\n' \
    "$entries" "$(awk -v b="$bytes" 'BEGIN {print b / 1e6}')" "$passes" \
    "$(med "${xl_cpu[@]}")" "$(med "${m_cpu[@]}")" "$(med "${r_cpu[@]}")x" "$(IFS=/; echo "${r_cpu[*]}")" \
    "$(med "${xl_wall[@]}")" "$(med "${m_wall[@]}")" "$(med "${r_wall[@]}")x" "$(IFS=/; echo "${r_wall[*]}")" \
    "$(med "${reserialised[@]}")" "$(med "${rss[@]}" | awk '{print $1 / 1024}')" \
    "$(med "${growth[@]}" | awk -v m="$merged" '{print $1 * 1024 / m}')" "$(awk '{print $1 / 1024}' "$work/xmllint.rss")"
done
