# S1 — ITI-38 throughput with fan-out to 3 communities (and S6b, outbound connection reuse). Sourced by run.sh.
#
# Three nginx fixtures (server blocks of one nginx worker on CPU 0, mTLS with the communities' certificates) answer
# POST /xca with a real fixture answer of 4 ExtrinsicObjects, `home` set to their own homeCommunityId. Two answer
# variants: "small" (the 4 entries trimmed to ~3.7 KB, the size performance.md's target assumes) and "full" (the
# fixture's real ~31 KB answer). The gateway (CPU 1) fans out to all three. ab -k -c 32 on CPU 0 drives, A/B/A…:
# nginx directly, gateway, nginx, gateway, nginx, gateway, nginx (medians). CPU from /proc/PID/stat.
S1_REQUESTS=${S1_REQUESTS:-50000}
S1_SECONDS=${S1_SECONDS:-20}   # a round also ends after this many seconds (ab -t), so that a slow side stays bounded
S1_CONCURRENCY=${S1_CONCURRENCY:-32}
S1_PATIENT=9990000085   # 4 approved DocumentEntries in north-imaging

s1() {
  s1_prepare
  : >"$results/s1.tsv"
  for variant in small full; do s1_variant "$variant"; done
}

# The fixture answers, the nginx configurations and the gateway's configuration (shared with S5).
s1_prepare() {
  log "S1: preparing the fixture answer"
  start_fixtures s1-source --community north-imaging
  local source_url
  source_url=$(fixture_urls s1-source | awk '{print $3}')
  find_documents "$S1_PATIENT" "$work/s1-query.xml"
  curl_mtls -H "Content-Type: $soap_iti38" --data-binary @"$work/s1-query.xml" "$source_url/xca" -o "$work/s1-real-answer.xml"
  stop_pid "$fixture_pid"

  local names=(north-imaging midlands-imaging south-west-imaging)
  local homes=(urn:oid:2.25.36671594810156285379174774117970860215.1 urn:oid:2.25.36671594810156285379174774117970860215.2
    urn:oid:2.25.36671594810156285379174774117970860215.3)
  mapfile -t s1_ports < <(free_ports 3)
  local sizes
  sizes=$(python3 "$fed_dir/s1-answers.py" "$work/s1-real-answer.xml" "$work" "$pki" "$fed_dir/nginx-s1.conf.in" \
    "${s1_ports[@]}" "${names[0]}" "${homes[0]}" "${names[1]}" "${homes[1]}" "${names[2]}" "${homes[2]}")
  echo "$sizes" >"$results/s1-sizes.txt"
  local i
  for i in 0 1 2; do echo "${names[i]} ${homes[i]} https://localhost:${s1_ports[i]}"; done \
    | gateway_config "$work/s1.yaml"
}

s1_variant() {
  local variant=$1 conf=$work/nginx-s1-$1.conf
  log "S1 ($variant answers): nginx fixtures, gateway, warm-up"
  start_nginx "$conf"
  start_gateway "$work/s1.yaml"
  local direct="https://127.0.0.1:${s1_ports[0]}/xca" through="$gateway_url/xca"

  # One answer checked: Success, 12 ExtrinsicObjects (4 per community), three distinct homes.
  curl_mtls -H "Content-Type: $soap_iti38" --data-binary @"$work/s1-query.xml" "$through" -o "$work/s1-$variant-answer.xml"
  local summary homes
  summary=$(answer_summary "$work/s1-$variant-answer.xml")
  homes=$(grep -o 'home="[^"]*"' "$work/s1-$variant-answer.xml" | sort -u | wc -l)
  echo "$variant $summary homes=$homes bytes=$(wc -c <"$work/s1-$variant-answer.xml")" >>"$results/s1-check.txt"
  [[ $summary == "Success 12 0" && $homes == 3 ]] || { echo "S1: unexpected gateway answer: $summary, $homes homes" >&2; exit 1; }

  local ab_args=(-k -c "$S1_CONCURRENCY" -p "$work/s1-query.xml" -T "$soap_iti38")
  ab_run "s1-$variant-warm-gw" "${ab_args[@]}" -t 5 -n 5000 "$through"
  ab_run "s1-$variant-warm-nginx" "${ab_args[@]}" -t 5 -n 5000 "$direct"
  local gateway_queries=$((1 + $(ab_field "s1-$variant-warm-gw" complete)))

  local round side url label g0 g1 n0 n1 c0 c1 complete
  for round in 1 2 3 4 5 6 7; do
    if ((round % 2)); then side=nginx url=$direct; else side=gateway url=$through; fi
    label=s1-$variant-$round-$side
    log "S1 ($variant) round $round: $side"
    g0=$(cpu_ticks "$gateway_pid"); n0=$(cpu_ticks "$nginx_worker"); c0=$(context_switches "$gateway_pid")
    if [[ $side == gateway && $round == 2 && -n ${PERF:-} ]]; then
      perf record -g -F 999 -p "$gateway_pid" -o "$work/s1-$variant.perf.data" -- sleep 6 >/dev/null 2>&1 &
      local perf_pid=$!
    fi
    if [[ $side == gateway && $round == 4 && -n ${PERF:-} ]]; then
      perf_counters "$gateway_pid" "$results/s1-$variant-counters.txt" \
        ab_run "$label" "${ab_args[@]}" -t "$S1_SECONDS" -n "$S1_REQUESTS" "$url"
      echo "queries $(ab_field "$label" complete)" >>"$results/s1-$variant-counters.txt"
    else
      ab_run "$label" "${ab_args[@]}" -t "$S1_SECONDS" -n "$S1_REQUESTS" "$url"
    fi
    g1=$(cpu_ticks "$gateway_pid"); n1=$(cpu_ticks "$nginx_worker"); c1=$(context_switches "$gateway_pid")
    complete=$(ab_field "$label" complete)
    [[ $side == gateway ]] && gateway_queries=$((gateway_queries + complete))
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$variant" "$side" "$round" "$complete" "$(ab_field "$label" wall)" \
      "$(cpu_seconds_between "$g0" "$g1")" "$(cpu_seconds_between "$n0" "$n1")" $((c1 - c0)) >>"$results/s1.tsv"
    if [[ -n ${perf_pid:-} ]]; then
      wait "$perf_pid" || true
      perf report -i "$work/s1-$variant.perf.data" --stdio --no-children --percent-limit 1.5 2>/dev/null \
        | grep -v '^$' | head -120 >"$results/s1-$variant-perf.txt" || true
      perf report -i "$work/s1-$variant.perf.data" --stdio --no-children --sort dso -g none 2>/dev/null \
        | grep -v '^#' | grep -v '^$' | head -20 >"$results/s1-$variant-perf-dso.txt" || true
      unset perf_pid
    fi
  done

  # S6b: new TLS connections the fixtures saw from the gateway (full handshakes or resumptions) per query.
  local connections resumed
  connections=$(grep -c 'gateway.dev.example' "$work/nginx-s1-$variant-connections.log" || true)
  resumed=$(grep 'gateway.dev.example' "$work/nginx-s1-$variant-connections.log" | awk '$2 == "r"' | wc -l)
  printf '%s\t%s\t%s\t%s\n' "$variant" "$connections" "$resumed" "$gateway_queries" >>"$results/s6b.tsv"
  stop_pid "$gateway_pid"
  stop_nginx "$conf"
}
