# Shared helpers for the federation benchmarks (sourced by run.sh; not run on its own).
#
# Prerequisites (Debian): apt-get install -y nginx-light apache2-utils curl util-linux python3
#
# Conventions (design/performance.md §3): the gateway is pinned to CPU 1; load generators (ab, curl), nginx and the
# fixture Responding Gateways to CPU 0. CPU time of a process (all its threads) is utime+stime from /proc/PID/stat.
# Everything lives in $work (a temporary directory removed on exit); every process started here is stopped by PID.

fed_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$fed_dir/../../.." && pwd)
gateway_bin=${GATEWAY_BIN:-$root/.build/release/xca-gateway}  # GATEWAY_BIN=…: use that binary, no build
clock_ticks=$(getconf CLK_TCK)
page_kib=$(( $(getconf PAGESIZE) / 1024 ))
soap_iti38='application/soap+xml; charset=UTF-8; action="urn:ihe:iti:2007:CrossGatewayQuery"'
soap_rad75='application/soap+xml; charset=UTF-8; action="urn:ihe:rad:2011:CrossGatewayRetrieveImagingDocumentSet"'
pids=()        # background processes to stop on exit
nginx_pids=()  # nginx pid files

require_tools() {
  local tool missing=()
  for tool in nginx ab curl taskset python3 awk getconf; do command -v "$tool" >/dev/null || missing+=("$tool"); done
  if ((${#missing[@]})); then
    echo "missing: ${missing[*]} (apt-get install -y nginx-light apache2-utils curl util-linux python3)" >&2
    exit 1
  fi
}

setup_work() {
  work=$(mktemp -d /tmp/xca-federation-bench.XXXX)
  results=$work/results
  mkdir -p "$results"
  trap cleanup EXIT
  trap 'exit 130' INT TERM
}

cleanup() {
  local pid file
  remove_malloc_probe
  for file in "${nginx_pids[@]}"; do [[ -s $file ]] && kill "$(cat "$file")" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [[ -n ${KEEP_WORK:-} ]]; then echo "kept $work" >&2; else rm -rf "$work"; fi
}

build_gateway() {
  [[ -z ${GATEWAY_BIN:-} ]] || return 0
  echo "building the release gateway (swift build -c release --product xca-gateway)…" >&2
  (cd "$root" && swift build -c release --product xca-gateway >"$work/build.log" 2>&1) || { tail -30 "$work/build.log" >&2; exit 1; }
}

mint_pki() {
  pki=$work/pki
  "$gateway_bin" pki init --dir "$pki" >/dev/null
}

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
cpu_seconds_between() { awk -v a="$1" -v b="$2" -v hz="$clock_ticks" 'BEGIN { printf "%.3f", (b - a) / hz }'; }
context_switches() {  # PID → voluntary + involuntary context switches of all its threads so far
  cat /proc/"$1"/task/*/status 2>/dev/null | awk '/^(non)?voluntary_ctxt_switches:/ {s += $2} END {print s + 0}'
}
status_field() { awk -v k="$2:" '$1 == k {print $2}' "/proc/$1/status"; }  # e.g. status_field PID VmRSS (KiB)

wait_for_file() {  # FILE [tries of 0.1 s]
  local i
  for ((i = 0; i < ${2:-300}; i++)); do [[ -s $1 ]] && return 0; sleep 0.1; done
  return 1
}

free_ports() {  # COUNT → COUNT free loopback ports, one per line
  python3 - "$1" <<'PY'
import socket, sys
socks = []
for _ in range(int(sys.argv[1])):
    s = socket.socket(); s.bind(("127.0.0.1", 0)); socks.append(s)
for s in socks: print(s.getsockname()[1])
PY
}

curl_mtls() { curl -sS --cacert "$pki/ca.pem" --cert "$pki/client.pem" --key "$pki/client-key.pem" "$@"; }

# start_fixtures NAME [fixtures serve options…] → sets fixture_pid; ready file at $work/NAME.ready.json (on CPU 0)
start_fixtures() {
  local name=$1; shift
  local ready=$work/$name.ready.json
  rm -f "$ready"
  taskset -c 0 "$gateway_bin" fixtures serve --pki "$pki" --listen 127.0.0.1:0 --ready-file "$ready" "$@" \
    >"$work/$name.log" 2>&1 &
  fixture_pid=$!
  pids+=("$fixture_pid")
  wait_for_file "$ready" 600 || { echo "fixtures $name did not start" >&2; tail -20 "$work/$name.log" >&2; exit 1; }
}

# fixture_urls NAME → "name home url" per served community (in listening order as sorted by the ready file)
fixture_urls() {
  python3 -c 'import json,sys
for c in json.load(open(sys.argv[1]))["communities"]: print(c["name"], c["homeCommunityId"], c["url"])' \
    "$work/$1.ready.json"
}

stop_pid() {  # PID: SIGTERM, wait for it
  kill "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}

# start_gateway CONFIG [serve options…] → sets gateway_pid and gateway_url (pinned to CPU 1)
start_gateway() {
  local config=$1; shift
  local glog=$work/gateway.$(basename "$config" .yaml).log
  : >"$glog"
  taskset -c 1 "$gateway_bin" serve --config "$config" --admin-listen 127.0.0.1:0 "$@" >"$glog" 2>&1 &
  gateway_pid=$!
  pids+=("$gateway_pid")
  local i
  for ((i = 0; i < 300; i++)); do
    gateway_url=$(sed -n 's/^gateway listening on \(https:[^ ]*\).*/\1/p' "$glog" | head -1)
    [[ -n $gateway_url ]] && break
    kill -0 "$gateway_pid" 2>/dev/null || break
    sleep 0.1
  done
  [[ -n $gateway_url ]] || { echo "gateway did not start ($config)" >&2; tail -20 "$glog" >&2; exit 1; }
}

# gateway_config OUT [key=value…] < communities (lines: "name homeCommunityId baseURL [imagingSource]")
# Options: timeout= maxConcurrent= pool= deadline= dedupe= — unset keys keep the gateway's defaults.
gateway_config() {
  local out=$1; shift
  python3 "$fed_dir/gateway-config.py" "$out" "$pki" "$@"
}

# ab_run LABEL AB-ARGS… → prints the ab output into $work/ab.LABEL.txt; fails on failed or non-2xx requests
ab_run() {
  local label=$1; shift
  local out=$work/ab.$label.txt
  taskset -c 0 ab -q -E "$pki/client-combined.pem" "$@" >"$out" 2>&1 || { cat "$out" >&2; exit 1; }
  # Length "failures" only mean answers of different sizes (e.g. error texts); connect, receive and exception
  # failures, or any non-2xx answer, stop the run.
  local hard non2xx
  hard=$(awk '/\(Connect:/ {gsub(/[(),]/, ""); print $2 + $4 + $8}' "$out")
  non2xx=$(awk '/^Non-2xx responses:/ {print $3}' "$out")
  if [[ ${hard:-0} != 0 || -n $non2xx || -z $(ab_field "$label" complete) ]]; then
    echo "$label: ab reported hard failures=${hard:-0} non-2xx=${non2xx:-0}" >&2
    sed -n '/^Complete requests/,/^Total transferred/p' "$out" >&2
    exit 1
  fi
}

ab_field() {  # LABEL FIELD → value (complete, wall, rps, p50, p99, max)
  local out=$work/ab.$1.txt
  case $2 in
    complete) awk '/^Complete requests:/ {print $3}' "$out" ;;
    wall) awk '/^Time taken for tests:/ {print $5}' "$out" ;;
    rps) awk '/^Requests per second:/ {print $4}' "$out" ;;
    p50) awk '$1 == "50%" {print $2}' "$out" ;;
    p99) awk '$1 == "99%" {print $2}' "$out" ;;
    max) awk '$1 == "100%" {print $2}' "$out" ;;
  esac
}

loadavg() { cut -d' ' -f1-3 /proc/loadavg; }

# find_documents NHS OUT: an ITI-38 FindDocuments (Approved, LeafClass) for a fixture patient, as a consumer sends it
find_documents() {
  cat >"$2" <<XML
<?xml version="1.0" encoding="UTF-8"?><env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope" xmlns:wsa="http://www.w3.org/2005/08/addressing"><env:Header><wsa:Action env:mustUnderstand="true">urn:ihe:iti:2007:CrossGatewayQuery</wsa:Action><wsa:MessageID>urn:uuid:e183a56e-e4fc-426e-94dd-5b690ce099b3</wsa:MessageID><wsa:ReplyTo><wsa:Address>http://www.w3.org/2005/08/addressing/anonymous</wsa:Address></wsa:ReplyTo></env:Header><env:Body><query:AdhocQueryRequest xmlns:query="urn:oasis:names:tc:ebxml-regrep:xsd:query:3.0" xmlns:rim="urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0"><query:ResponseOption returnComposedObjects="true" returnType="LeafClass"/><rim:AdhocQuery id="urn:uuid:14d4debf-8f97-4251-9a74-a90016b0af0d"><rim:Slot name="\$XDSDocumentEntryPatientId"><rim:ValueList><rim:Value>'$1^^^&amp;2.16.840.1.113883.2.1.4.1&amp;ISO'</rim:Value></rim:ValueList></rim:Slot><rim:Slot name="\$XDSDocumentEntryStatus"><rim:ValueList><rim:Value>('urn:oasis:names:tc:ebxml-regrep:StatusType:Approved')</rim:Value></rim:ValueList></rim:Slot></rim:AdhocQuery></query:AdhocQueryRequest></env:Body></env:Envelope>
XML
}

# answer_summary FILE → "status objects errors" of an ITI-38 answer (status without its URN prefix)
answer_summary() {
  python3 - "$1" <<'PY'
import re, sys
text = open(sys.argv[1], encoding="utf-8", errors="replace").read()
status = re.search(r'AdhocQueryResponse[^>]*status="[^"]*:([A-Za-z]+)"', text)
print(status.group(1) if status else "none", text.count("<rim:ExtrinsicObject "), text.count("RegistryError "))
PY
}

# start_nginx CONF → sets nginx_worker (its one worker's PID)
start_nginx() {
  local conf=$1 pidfile
  pidfile=$(awk '$1 == "pid" {sub(/;$/, "", $2); print $2}' "$conf")
  nginx -c "$conf"
  nginx_pids+=("$pidfile")
  wait_for_file "$pidfile" 100 || { echo "nginx did not start ($conf)" >&2; exit 1; }
  local i
  for ((i = 0; i < 100; i++)); do
    nginx_worker=$(pgrep -P "$(cat "$pidfile")" | head -1) && [[ -n $nginx_worker ]] && return 0
    sleep 0.05
  done
  echo "no nginx worker" >&2
  exit 1
}

stop_nginx() {  # CONF
  local pidfile master
  pidfile=$(awk '$1 == "pid" {sub(/;$/, "", $2); print $2}' "$1")
  [[ -s $pidfile ]] || return 0
  master=$(cat "$pidfile")
  kill "$master" 2>/dev/null || true
  while kill -0 "$master" 2>/dev/null; do sleep 0.05; done
}

# PERF=1 counters: syscalls, context switches and (through a uprobe on libc's malloc, added here and removed on
# exit) mallocs of a process while a command runs. perf_counters PID OUT COMMAND… → OUT holds "event count" lines.
malloc_probe=""
perf_counters() {
  local pid=$1 out=$2; shift 2
  local events=raw_syscalls:sys_enter,syscalls:sys_enter_write,syscalls:sys_enter_read,syscalls:sys_enter_epoll_wait,context-switches
  if [[ -z $malloc_probe ]]; then
    local libc
    libc=$(ldd "$gateway_bin" | awk '/libc\.so\.6/ {print $3}')
    if perf probe -l 2>/dev/null | grep -q 'probe_libc:malloc '; then malloc_probe=existing
    elif perf probe -q -x "$libc" --add malloc >/dev/null 2>&1; then malloc_probe=added
    else malloc_probe=none; fi
  fi
  [[ $malloc_probe == none ]] || events="probe_libc:malloc,$events"
  perf stat -x, -e "$events" -p "$pid" -o "$out.raw" &
  local stat_pid=$!
  sleep 0.3
  "$@"
  kill -INT "$stat_pid"; wait "$stat_pid" || true
  awk -F, '$1 ~ /^[0-9]+$/ {print $3, $1}' "$out.raw" >"$out"
}

remove_malloc_probe() { [[ $malloc_probe != added ]] || perf probe -q -d probe_libc:malloc >/dev/null 2>&1 || true; }
