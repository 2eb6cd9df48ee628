# S2b — straggler: 10 communities, one never answers (`fixtures serve --fault hang`), community timeout T = 2 s.
# Goal: every response by T + 50 ms with the 9 communities' results and one XDSUnavailableCommunity; no memory or
# thread growth under continuous load (RSS, threads and open file descriptors sampled every 10 s). Sourced by run.sh.
#
# Nine listeners answer at once (one fixture process, the three communities three times over), the tenth hangs
# (its own process). Deduplication is off so that the answer shows all nine communities' objects. The circuit
# breaker is effectively off (failureThreshold 1,000,000): with the default (5 failures open the circuit for 30 s)
# most queries would skip the silent community at once, and the load would not exercise the timeout path this
# scenario is about (S2B_BREAKER=default keeps the default, to see that behaviour instead).
S2B_SECONDS=${S2B_SECONDS:-180}
S2B_CLIENTS=${S2B_CLIENTS:-16}
S2B_PATIENT=9990000018

s2b() {
  find_documents "$S2B_PATIENT" "$work/s2b-query.xml"
  local args=() i names=(north-imaging midlands-imaging south-west-imaging)
  for ((i = 0; i < 9; i++)); do args+=(--community "${names[i % 3]}"); done
  start_fixtures s2b-ok "${args[@]}"
  local ok_fixture=$fixture_pid
  start_fixtures s2b-hang --community north-imaging --fault hang
  local hang_fixture=$fixture_pid
  mapfile -t ok_urls < <(fixture_urls s2b-ok | awk '{print $3}')
  local hang_url hang_home=urn:oid:2.25.36671594810156285379174774117970860215.1009
  hang_url=$(fixture_urls s2b-hang | awk '{print $3}')
  {
    for ((i = 0; i < 9; i++)); do
      printf 's2b-c%02d urn:oid:2.25.36671594810156285379174774117970860215.%d %s\n' "$i" $((1000 + i)) "${ok_urls[i]}"
    done
    echo "s2b-silent $hang_home $hang_url"
  } | if [[ ${S2B_BREAKER:-off} == default ]]; then gateway_config "$work/s2b.yaml" timeout=2s dedupe=off
      else gateway_config "$work/s2b.yaml" timeout=2s dedupe=off breaker=1000000; fi
  start_gateway "$work/s2b.yaml"
  local url=$gateway_url/xca

  # Expected objects: what the three distinct fixture communities return, three times over.
  local expected=0 one
  for ((i = 0; i < 3; i++)); do
    curl_mtls -H "Content-Type: $soap_iti38" --data-binary @"$work/s2b-query.xml" "${ok_urls[i]}/xca" -o "$work/s2b-direct-$i.xml"
    one=$(answer_summary "$work/s2b-direct-$i.xml" | awk '{print $2}')
    expected=$((expected + 3 * one))
  done
  local timing
  timing=$(curl_mtls -H "Content-Type: $soap_iti38" --data-binary @"$work/s2b-query.xml" "$url" -o "$work/s2b-answer.xml" \
    -w '%{time_total}')
  local summary unavailable
  summary=$(answer_summary "$work/s2b-answer.xml")
  unavailable=$(grep -o '<[a-z]*:RegistryError [^>]*>' "$work/s2b-answer.xml" | grep 'XDSUnavailableCommunity' \
    | grep -c "location=\"$hang_home\"" || true)
  printf 'single\t%s\t%s\t%s\t%s\n' "$timing" "$summary" "$expected" "$unavailable" >"$results/s2b-check.tsv"
  [[ $summary == "PartialSuccess $expected 1" && $unavailable == 1 ]] \
    || { echo "S2b: unexpected answer: $summary (expected PartialSuccess $expected 1), unavailable=$unavailable" >&2; exit 1; }

  log "S2b: ${S2B_SECONDS} s of continuous load, c=$S2B_CLIENTS (samples every 10 s)"
  : >"$results/s2b-samples.tsv"
  taskset -c 0 ab -q -E "$pki/client-combined.pem" -k -c "$S2B_CLIENTS" -t "$S2B_SECONDS" -n 10000000 \
    -p "$work/s2b-query.xml" -T "$soap_iti38" "$url" >"$work/ab.s2b.txt" 2>&1 &
  local ab_pid=$!
  pids+=("$ab_pid")
  local start=$SECONDS t
  while kill -0 "$ab_pid" 2>/dev/null; do
    t=$((SECONDS - start))
    printf '%s\t%s\t%s\t%s\t%s\n' "$t" "$(status_field "$gateway_pid" VmRSS)" "$(status_field "$gateway_pid" Threads)" \
      "$(ls "/proc/$gateway_pid/fd" | wc -l)" "$(cpu_ticks "$gateway_pid")" >>"$results/s2b-samples.tsv"
    # Sleep to the next 10 s mark, waking early if ab ends.
    while kill -0 "$ab_pid" 2>/dev/null && ((SECONDS - start < t + 10)); do sleep 0.5; done
  done
  wait "$ab_pid" || true
  local hard
  hard=$(awk '/\(Connect:/ {gsub(/[(),]/, ""); print $2 + $4 + $8}' "$work/ab.s2b.txt")
  printf 'load\t%s\t%s\t%s\t%s\t%s\t%s\n' "$(ab_field s2b complete)" "$(ab_field s2b p50)" "$(ab_field s2b p99)" \
    "$(ab_field s2b max)" "${hard:-?}" "$(ab_field s2b wall)" >>"$results/s2b-check.tsv"
  # After the load: the hung fixture's connections the gateway gave up on should have been closed.
  printf 'after\t%s\t%s\n' "$(ls "/proc/$gateway_pid/fd" | wc -l)" "$(ls "/proc/$hang_fixture/fd" | wc -l)" >>"$results/s2b-check.tsv"
  stop_pid "$gateway_pid"
  stop_pid "$ok_fixture"
  stop_pid "$hang_fixture"
}
