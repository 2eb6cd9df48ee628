# S2 — fan-out latency: N ∈ {1, 3, 10, 30} communities, each answering after d ∈ {50 ms, 500 ms}, 100 concurrent
# clients; p50 and p99 (ab's percentile table) ÷ d. Sourced by run.sh.
#
# Delay fixtures: one `fixtures serve --delay D` process (CPU 0) with 30 listeners — the three fixture communities
# repeated (--community given 30 times), so every gateway community has its own endpoint and its own connection
# pool. The gateway's N communities (distinct names and homeCommunityIds) point at the first N listeners; answers
# carry the fixture's own `home`, which does not matter for latency. maxConcurrentRequests and the pool are raised
# to 128 per community so that 100 clients never queue for a connection (the defaults, 16, would serialise them).
# Before each measured run a warm-up opens the pooled connections. If the fixtures or the gateway are busy (> 80 %
# of a core) at 100 clients, the case is run again with fewer clients, chosen from the measured CPU cost so that
# both stay under about 60 %.
S2_NS=${S2_NS:-"1 3 10 30"}
S2_DELAYS=${S2_DELAYS:-"50ms 500ms"}
S2_CLIENTS=${S2_CLIENTS:-100}
S2_SECONDS=${S2_SECONDS:-10}            # load per case if nothing saturates (requests = clients × seconds / d)
S2_MAX_REQUESTS=${S2_MAX_REQUESTS:-4000}
S2_PATIENT=9990000018   # known in all three fixture communities

s2() {
  find_documents "$S2_PATIENT" "$work/s2-query.xml"
  local max_n=0 n
  for n in $S2_NS; do ((n > max_n)) && max_n=$n; done
  : >"$results/s2.tsv"
  local delay
  for delay in $S2_DELAYS; do
    log "S2: delay fixtures (d=$delay, $max_n listeners)"
    local args=() i names=(north-imaging midlands-imaging south-west-imaging)
    for ((i = 0; i < max_n; i++)); do args+=(--community "${names[i % 3]}"); done
    start_fixtures "s2-$delay" --delay "$delay" "${args[@]}"
    local s2_fixture=$fixture_pid
    mapfile -t s2_urls < <(fixture_urls "s2-$delay" | awk '{print $3}')
    for n in $S2_NS; do s2_case "$delay" "$n" "$s2_fixture"; done
    stop_pid "$s2_fixture"
  done
}

# steady_percentiles AB_GNUPLOT_FILE → "p50<TAB>p99" (ms) of the requests that did not open their connection. ab's
# ctime (connect time, which includes the TLS handshake) is 0 on a reused keep-alive connection, so the rows with
# ctime > 0 are exactly the first request of each connection, the one that also pays the inbound handshake.
steady_percentiles() {
  python3 - "$1" <<'PY'
import sys
rows = [line.rstrip("\n").split("\t") for line in open(sys.argv[1])][1:]
times = sorted(int(r[4]) for r in rows if int(r[2]) == 0)
pick = lambda p: times[max(0, -(-len(times) * p // 100) - 1)] if times else 0
print(f"{pick(50)}\t{pick(99)}")
PY
}

s2_case() {
  local delay=$1 n=$2 fixture=$3 i
  for ((i = 0; i < n; i++)); do
    printf 's2-c%02d urn:oid:2.25.36671594810156285379174774117970860215.%d %s\n' "$i" $((1000 + i)) "${s2_urls[i]}"
  done | gateway_config "$work/s2-$n.yaml" maxConcurrent=128 pool=128
  start_gateway "$work/s2-$n.yaml"
  local url=$gateway_url/xca
  curl_mtls -H "Content-Type: $soap_iti38" --data-binary @"$work/s2-query.xml" "$url" -o "$work/s2-answer.xml"
  local summary
  summary=$(answer_summary "$work/s2-answer.xml")
  [[ $summary == Success* ]] || { echo "S2: gateway answered $summary (N=$n d=$delay)" >&2; exit 1; }

  local d_ms=${delay%ms} clients=$S2_CLIENTS label requests
  local ab_args=(-k -p "$work/s2-query.xml" -T "$soap_iti38")
  while :; do
    # About S2_SECONDS of load if nothing saturates (clients × seconds / d requests), at least 20 per client.
    requests=$((clients * S2_SECONDS * 1000 / d_ms))
    ((requests > S2_MAX_REQUESTS)) && requests=$S2_MAX_REQUESTS
    ((requests < clients * 20)) && requests=$((clients * 20))
    label=s2-$delay-$n-$clients
    log "S2: N=$n d=$delay c=$clients ($requests requests)"
    ab_run "$label-warm" "${ab_args[@]}" -c "$clients" -n $((clients * 2)) "$url"
    local g0 g1 f0 f1
    g0=$(cpu_ticks "$gateway_pid"); f0=$(cpu_ticks "$fixture")
    ab_run "$label" "${ab_args[@]}" -c "$clients" -n "$requests" -g "$work/ab.$label.tsv" "$url"
    g1=$(cpu_ticks "$gateway_pid"); f1=$(cpu_ticks "$fixture")
    local wall complete gcpu fcpu
    wall=$(ab_field "$label" wall); complete=$(ab_field "$label" complete)
    gcpu=$(cpu_seconds_between "$g0" "$g1"); fcpu=$(cpu_seconds_between "$f0" "$f1")
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$d_ms" "$n" "$clients" "$complete" "$wall" \
      "$(ab_field "$label" p50)" "$(ab_field "$label" p99)" "$(ab_field "$label" max)" "$gcpu" "$fcpu" "$(loadavg | cut -d' ' -f1)" \
      "$(steady_percentiles "$work/ab.$label.tsv")" >>"$results/s2.tsv"
    ((clients == S2_CLIENTS)) || break
    # Busy? Then once more with fewer clients: the most at which neither side would exceed ~60 % of its core.
    local fewer
    fewer=$(awk -v w="$wall" -v c="$complete" -v g="$gcpu" -v f="$fcpu" -v d="$d_ms" -v k="$clients" 'BEGIN {
      if (g / w <= 0.8 && f / w <= 0.8) { print 0; exit }
      per = (g > f ? g : f) / c                     # CPU seconds per query on the busier side
      m = int(0.6 * (d / 1000) / per); if (m < 1) m = 1; if (m >= k) m = 0; print m }')
    ((fewer > 0)) || break
    clients=$fewer
  done
  stop_pid "$gateway_pid"
}
