# S5 — the audit's cost (issue 5): S1's ITI-38 fan-out load ("small" answers) against two gateways in the same run,
# audit off and audit on (durable outbox + delivery to a fixture PARS on CPU 0), alternating off/on rounds. Figures:
# throughput on ÷ off (goal ≥ 0.95 → 0.98), fsync + fdatasync calls per request in the audited rounds (perf stat on
# the gateway; goal ≤ 1/32 at peak: S5_CONCURRENCY=64 or 128 for 2× / 4× S1's load), outbox rows per second during
# those rounds, a plain SQLite probe (Python sqlite3, WAL, synchronous FULL, transactions of 32 rows of 2 KB) and the
# outbox's capacity (`xca-gateway audit capacity`: 64 writers, 2 KB events, then ITI-38-shaped requests) in the same
# run. Sourced by run.sh.
S5_SECONDS=${S5_SECONDS:-20}
S5_CONCURRENCY=${S5_CONCURRENCY:-32}
S5_PARS_MODE=${S5_PARS_MODE:-batch}

s5() {
  [[ -f $work/s1.yaml && -f $work/nginx-s1-small.conf ]] || { log "S5 needs S1's fixtures: running S1's preparation"; s1_prepare; }
  log "S5: nginx fixtures, fixture PARS, two gateways (audit off / on)"
  local conf=$work/nginx-s1-small.conf
  start_nginx "$conf"
  local pars_port
  pars_port=$(free_ports 1)
  taskset -c 0 "$gateway_bin" pars-fixture --listen "127.0.0.1:$pars_port" --pki "$pki" --out "$work/s5-pars.ndjson" \
    >"$work/s5-pars.log" 2>&1 &
  local pars_pid=$!
  pids+=("$pars_pid")
  local communities
  communities=$(awk '/^  - name:/ {n=$3} /homeCommunityId:/ && n {h=$2} /query:/ && n {sub(/\/xca$/, "", $2); print n, h, $2; n=""}' "$work/s1.yaml")
  echo "$communities" | gateway_config "$work/s5-off.yaml" audit=off
  echo "$communities" | gateway_config "$work/s5-on.yaml" audit=on "pars=https://127.0.0.1:$pars_port" \
    "parsMode=$S5_PARS_MODE" "state=$work/s5-on.state"
  start_gateway "$work/s5-off.yaml"
  local off_pid=$gateway_pid off_url=$gateway_url
  start_gateway "$work/s5-on.yaml"
  local on_pid=$gateway_pid on_url=$gateway_url

  local ab_args=(-k -c "$S5_CONCURRENCY" -p "$work/s1-query.xml" -T "$soap_iti38")
  ab_run s5-warm-off "${ab_args[@]}" -t 5 -n 5000 "$off_url/xca"
  ab_run s5-warm-on "${ab_args[@]}" -t 5 -n 5000 "$on_url/xca"
  : >"$results/s5.tsv"
  local round side url pid label g0 g1 rows0 rows1
  for round in 1 2 3 4 5 6; do
    if ((round % 2)); then side=off url=$off_url pid=$off_pid; else side=on url=$on_url pid=$on_pid; fi
    label=s5-$round-$side
    log "S5 round $round: audit $side"
    g0=$(cpu_ticks "$pid")
    rows0=$(outbox_rows "$work/s5-on.state")
    perf stat -x, -e syscalls:sys_enter_fsync,syscalls:sys_enter_fdatasync -p "$pid" -o "$work/$label.perf" -- \
      sleep $((S5_SECONDS + 2)) >/dev/null 2>&1 &
    local perf_pid=$!
    ab_run "$label" "${ab_args[@]}" -t "$S5_SECONDS" -n 1000000 "$url/xca"
    kill -INT "$perf_pid" 2>/dev/null || true
    wait "$perf_pid" 2>/dev/null || true
    g1=$(cpu_ticks "$pid")
    rows1=$(outbox_rows "$work/s5-on.state")
    local syncs
    syncs=$(awk -F, '/sys_enter_f(data)?sync/ {s += $1} END {print s + 0}' "$work/$label.perf")
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$side" "$round" "$(ab_field "$label" complete)" "$(ab_field "$label" wall)" \
      "$(cpu_seconds_between "$g0" "$g1")" "$syncs" $((rows1 - rows0)) >>"$results/s5.tsv"
  done
  "$gateway_bin" audit status --state "$work/s5-on.state" >"$results/s5-audit-status.txt" 2>&1 || true
  python3 "$fed_dir/sqlite-probe.py" "$work/s5-probe.sqlite" >"$results/s5-probe.txt"
  # The outbox's capacity on the same disk right after: 64 writers, the probe's 2 KB rows, then ITI-38-shaped requests.
  mkdir -p "$work/s5-capacity"
  local shape
  for shape in event request; do
    "$gateway_bin" audit capacity --dir "$work/s5-capacity" --shape "$shape" >>"$results/s5-capacity.txt" 2>&1 || true
  done
  stop_pid "$off_pid"
  stop_pid "$on_pid"
  stop_pid "$pars_pid"
  stop_nginx "$conf"
}

# Events in an outbox (all roles), read with the sqlite3 module (0 when there is none yet).
outbox_rows() {
  python3 - "$1/audit/outbox.sqlite" <<'PY'
import sqlite3, sys, os
path = sys.argv[1]
if not os.path.exists(path):
    print(0)
else:
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    print(db.execute("SELECT count(*) FROM events").fetchone()[0])
PY
}
