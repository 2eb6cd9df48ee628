# S3 — RAD-75 relay of a 1 GiB study, and S3m — the gateway's peak RSS growth while relaying. Sourced by run.sh.
#
# The fixture (`fixtures serve --community north-imaging --synthetic-study SIZE`, CPU 0) serves a synthetic CT study
# of 512 KiB instances as MTOM; the request names every instance (rad75-request.py, from `fixtures list --json`).
# curl --cert (CPU 0) downloads it directly from the fixture's /xcai or through the gateway's /xcai (CPU 1).
# S3:  A/B/A — direct, gateway, direct, gateway, direct, gateway, direct; medians of throughput and TTFB.
# S3m: a fresh gateway per size (100 MiB, 1 GiB, 4 GiB): growth of the first relay (VmHWM − VmRSS before), then
#      VmHWM reset (`echo 5 > /proc/PID/clear_refs`) and a second relay; then 4 concurrent 1 GiB relays.
S3_INSTANCE=524288
S3_CURL_FORMAT='%{http_code} %{time_starttransfer} %{speed_download} %{size_download} %{time_total}\n'

# s3_fixture SIZE → starts the fixture with the synthetic study, writes $work/rad75-SIZE.xml; sets s3_url, s3_fixture
s3_fixture() {
  local size=$1 bytes
  bytes=$(python3 -c 'import sys; n, u = sys.argv[1][:-3], sys.argv[1][-3:]; print(int(n) * {"MiB": 1 << 20, "GiB": 1 << 30}[u])' "$size")
  "$gateway_bin" fixtures list --json --synthetic-study "$size" \
    | python3 "$fed_dir/rad75-request.py" "$bytes" "$S3_INSTANCE" "$work/rad75-$size.xml" >"$work/rad75-$size.txt"
  start_fixtures "s3-$size" --community north-imaging --synthetic-study "$size"
  s3_fixture=$fixture_pid
  s3_url=$(fixture_urls "s3-$size" | awk '{print $3}')
  s3_bytes=$bytes
}

s3_gateway() {  # NAME
  echo "north-imaging urn:oid:2.25.36671594810156285379174774117970860215.1 $s3_url 2.25.36671594810156285379174774117970860215.1.2" \
    | gateway_config "$work/$1.yaml"
  start_gateway "$work/$1.yaml"
}

s3_curl() {  # URL SIZE → one line of S3_CURL_FORMAT
  taskset -c 0 curl -sS --cacert "$pki/ca.pem" --cert "$pki/client.pem" --key "$pki/client-key.pem" \
    -H "Content-Type: $soap_rad75" --data-binary @"$work/rad75-$2.xml" -o /dev/null -w "$S3_CURL_FORMAT" "$1/xcai"
}

s3() {
  log "S3: fixture with a 1 GiB synthetic study"
  s3_fixture 1GiB
  s3_gateway s3
  : >"$results/s3.tsv"
  s3_curl "$s3_url" 1GiB >/dev/null  # warm-up (first pixels generated, connections)
  s3_curl "$gateway_url" 1GiB >/dev/null
  local round side url line g0 g1 f0 f1
  for round in 1 2 3 4 5 6 7; do
    if ((round % 2)); then side=direct url=$s3_url; else side=gateway url=$gateway_url; fi
    log "S3 round $round: $side"
    g0=$(cpu_ticks "$gateway_pid"); f0=$(cpu_ticks "$s3_fixture")
    line=$(s3_curl "$url" 1GiB)
    g1=$(cpu_ticks "$gateway_pid"); f1=$(cpu_ticks "$s3_fixture")
    printf '%s\t%s\t%s\t%s\t%s\n' "$side" "$round" "$(tr ' ' '\t' <<<"$line")" \
      "$(cpu_seconds_between "$g0" "$g1")" "$(cpu_seconds_between "$f0" "$f1")" >>"$results/s3.tsv"
    [[ ${line%% *} == 200 ]] || { echo "S3: HTTP ${line%% *}" >&2; exit 1; }
  done
  stop_pid "$gateway_pid"
  stop_pid "$s3_fixture"
}

# s3m_relay URL SIZE → "rss_before_kib hwm_kib" around one relay (VmHWM reset first), fails on a short body
s3m_relay() {
  local before line
  echo 5 >"/proc/$gateway_pid/clear_refs"
  before=$(status_field "$gateway_pid" VmRSS)
  line=$(s3_curl "$1" "$2")
  [[ ${line%% *} == 200 ]] && (($(awk '{print $4}' <<<"$line") >= s3_bytes)) \
    || { echo "S3m: $2 relay failed: $line" >&2; exit 1; }
  echo "$before $(status_field "$gateway_pid" VmHWM) $(awk '{print $3}' <<<"$line")"
}

s3m() {
  : >"$results/s3m.tsv"
  local size first second
  for size in 100MiB 1GiB 4GiB; do
    log "S3m: $size, fresh gateway"
    s3_fixture "$size"
    s3_gateway "s3m-$size"
    local idle
    idle=$(status_field "$gateway_pid" VmRSS)
    if [[ $size == 100MiB ]]; then s3m_check; fi
    first=$(s3m_relay "$gateway_url" "$size")
    second=$(s3m_relay "$gateway_url" "$size")
    printf '%s\t%s\t%s\t%s\t%s\n' "$size" "$s3_bytes" "$idle" "$first" "$second" | tr ' ' '\t' >>"$results/s3m.tsv"
    if [[ $size == 1GiB ]]; then s3m_concurrent; fi
    stop_pid "$gateway_pid"
    stop_pid "$s3_fixture"
  done
}

# The 100 MiB answer through the gateway, kept once and checked: Success, every instance as an attachment.
s3m_check() {
  curl_mtls -H "Content-Type: $soap_rad75" --data-binary @"$work/rad75-100MiB.xml" "$gateway_url/xcai" \
    -D "$work/s3m-check.headers" -o "$work/s3m-check.body"
  if ! python3 - "$work/s3m-check.headers" "$work/s3m-check.body" "$(awk '{print $3}' "$work/rad75-100MiB.txt")" \
    >"$results/s3m-check.txt" <<'PY'
import re, sys
headers = open(sys.argv[1], encoding="latin-1").read()
boundary = re.search(r'boundary="?([^";\r\n]+)', headers).group(1).encode()
body = open(sys.argv[2], "rb").read()
parts = body.count(b"--" + boundary) - 1  # the closing delimiter is counted once more
root = body[: body.find(b"--" + boundary, len(boundary) + 4)]
status = re.search(rb'RegistryResponse[^>]*status="[^"]*:([A-Za-z]+)"', root)
expected = int(sys.argv[3])
print(f"status={status.group(1).decode() if status else 'none'} attachments={parts - 1} expected={expected} bytes={len(body)}")
sys.exit(0 if status and status.group(1) == b"Success" and parts - 1 == expected else 1)
PY
  then
    echo "S3m: the relayed 100 MiB answer is wrong: $(cat "$results/s3m-check.txt")" >&2
    exit 1
  fi
  rm -f "$work/s3m-check.body"
}

s3m_concurrent() {
  log "S3m: 4 concurrent 1 GiB relays"
  echo 5 >"/proc/$gateway_pid/clear_refs"
  local before i curls=()
  before=$(status_field "$gateway_pid" VmRSS)
  for i in 1 2 3 4; do
    s3_curl "$gateway_url" 1GiB >"$work/s3m-concurrent-$i.txt" &
    curls+=($!)
  done
  for i in "${curls[@]}"; do wait "$i"; done
  for i in 1 2 3 4; do
    [[ $(awk '{print $1}' "$work/s3m-concurrent-$i.txt") == 200 ]] || { echo "S3m: concurrent relay $i failed" >&2; exit 1; }
  done
  printf '4x1GiB\t%s\t%s\t%s\t%s\n' $((4 * s3_bytes)) "$before" "$(status_field "$gateway_pid" VmHWM)" \
    "$(awk '{s += $3} END {print s}' "$work"/s3m-concurrent-*.txt)" >>"$results/s3m-concurrent.tsv"
}
