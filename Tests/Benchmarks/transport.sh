#!/usr/bin/env bash
# Transport benchmark (issue 3): the fixture Responding Gateway's mutual-TLS server against nginx with
# `ssl_verify_client on`, same P-256 certificates, same machine, same run (A/B/A: nginx, ours, nginx).
#
#   1. new mTLS connections per server-CPU-second (ab without -k: one full handshake per request, GET of a small
#      answer on both sides);
#   2. keep-alive requests per second of a fixture ITI-38 answer (ab -k POSTs a FindDocuments query; nginx returns
#      the very bytes our fixture answered, as a static file);
#   3. keep-alive GET / with a tiny body on both sides: the transport's own cost, without the fixture's work.
#
# Server CPU is read from /proc/PID/stat (utime+stime) of the nginx worker and of our process. The servers are
# pinned to CPU 1, ab to CPU 0 (taskset). Needs: nginx-light, apache2-utils (ab), curl, python3.
# Usage: Tests/Benchmarks/transport.sh [handshakes=4000] [keepalive-requests=60000] [concurrency=32]
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
handshakes=${1:-4000}
requests=${2:-60000}
concurrency=${3:-32}
for tool in nginx ab curl taskset python3; do
  command -v "$tool" >/dev/null || { echo "missing $tool (apt-get install nginx-light apache2-utils curl util-linux)" >&2; exit 1; }
done

work=$(mktemp -d /tmp/xca-transport-bench.XXXX)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  [[ -f $work/nginx.pid ]] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

echo "building release…" >&2
swift build -c release --product xca-gateway >/dev/null
gateway="$root/.build/release/xca-gateway"
"$gateway" pki init --dir "$work/pki" >/dev/null
pki=$work/pki

clock_ticks=$(getconf CLK_TCK)
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

# --- our fixture Responding Gateway (one community), pinned to CPU 1
ready=$work/ready.json
taskset -c 1 "$gateway" fixtures serve --community north-imaging --listen 127.0.0.1:0 --pki "$pki" \
  --ready-file "$ready" >"$work/fixture.log" 2>&1 &
fixture_pid=$!
pids+=("$fixture_pid")
for _ in $(seq 200); do [[ -s $ready ]] && break; sleep 0.05; done
[[ -s $ready ]] || { cat "$work/fixture.log" >&2; exit 1; }
fixture_url=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["communities"][0]["url"])' "$ready")
fixture_port=${fixture_url##*:}; fixture_port=${fixture_port%%/*}

# The query: FindDocuments for the first fixture patient known to north-imaging.
nhs=$("$gateway" fixtures list --json | python3 -c '
import json, sys
d = json.load(sys.stdin)
print(next(p["nhsNumber"] for p in d["patients"] if "north-imaging" in p["communities"]))')
cat >"$work/query.xml" <<XML
<?xml version="1.0" encoding="UTF-8"?>
<soap:Envelope xmlns:soap="http://www.w3.org/2003/05/soap-envelope" xmlns:wsa="http://www.w3.org/2005/08/addressing">
<soap:Header><wsa:Action soap:mustUnderstand="1">urn:ihe:iti:2007:CrossGatewayQuery</wsa:Action>
<wsa:MessageID>urn:uuid:9d2d5c1e-7a3f-4f0e-9c55-2b0e6a1d0f01</wsa:MessageID>
<wsa:ReplyTo><wsa:Address>http://www.w3.org/2005/08/addressing/anonymous</wsa:Address></wsa:ReplyTo>
<wsa:To soap:mustUnderstand="1">https://127.0.0.1/xca</wsa:To></soap:Header>
<soap:Body><query:AdhocQueryRequest xmlns:query="urn:oasis:names:tc:ebxml-regrep:xsd:query:3.0" xmlns:rim="urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0">
<query:ResponseOption returnComposedObjects="true" returnType="LeafClass"/>
<rim:AdhocQuery id="urn:uuid:14d4debf-8f97-4251-9a74-a90016b0af0d">
<rim:Slot name="\$XDSDocumentEntryPatientId"><rim:ValueList><rim:Value>'${nhs}^^^&amp;2.16.840.1.113883.2.1.4.1&amp;ISO'</rim:Value></rim:ValueList></rim:Slot>
<rim:Slot name="\$XDSDocumentEntryStatus"><rim:ValueList><rim:Value>('urn:oasis:names:tc:ebxml-regrep:StatusType:Approved')</rim:Value></rim:ValueList></rim:Slot>
</rim:AdhocQuery></query:AdhocQueryRequest></soap:Body></soap:Envelope>
XML
content_type='application/soap+xml; charset=UTF-8; action="urn:ihe:iti:2007:CrossGatewayQuery"'
curl_mtls=(curl -sS --cacert "$pki/ca.pem" --cert "$pki/client.pem" --key "$pki/client-key.pem")
"${curl_mtls[@]}" -H "Content-Type: $content_type" --data-binary @"$work/query.xml" "https://localhost:$fixture_port/xca" \
  -o "$work/answer.xml"
grep -q 'ExtrinsicObject' "$work/answer.xml" || { echo "fixture answer has no entries" >&2; head -c 600 "$work/answer.xml" >&2; exit 1; }
answer_bytes=$(wc -c <"$work/answer.xml")
printf 'small' >"$work/small.txt"

# --- nginx with the same certificates, one worker pinned to CPU 1
nginx_port=$((fixture_port + 1))
cat >"$work/nginx.conf" <<CONF
worker_processes 1;
worker_cpu_affinity 10;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 4096; }
http {
  access_log off;
  keepalive_requests 10000000;
  server {
    listen 127.0.0.1:$nginx_port ssl;
    ssl_certificate $pki/server.pem; ssl_certificate_key $pki/server-key.pem;
    ssl_client_certificate $pki/ca.pem; ssl_verify_client on;
    ssl_protocols TLSv1.2 TLSv1.3;
    root $work;
    location = /xca { error_page 405 =200 /answer.xml; return 405; }
    location = /answer.xml { default_type application/soap+xml; }
    location = / { default_type text/plain; try_files /small.txt =404; }
  }
}
CONF
nginx -c "$work/nginx.conf"
for _ in $(seq 100); do [[ -s $work/nginx.pid ]] && break; sleep 0.05; done
nginx_worker=$(pgrep -P "$(cat "$work/nginx.pid")" | head -1)

ab_common=(taskset -c 0 ab -q -E "$pki/client-combined.pem")
# run NAME PID ab-args… → prints "name requests wall_s cpu_s"
run() {
  local name=$1 pid=$2; shift 2
  local before after out
  before=$(cpu_ticks "$pid")
  out=$("${ab_common[@]}" "$@" 2>&1)
  after=$(cpu_ticks "$pid")
  local complete failed wall
  complete=$(awk '/^Complete requests:/ {print $3}' <<<"$out")
  failed=$(awk '/^Failed requests:/ {print $3}' <<<"$out")
  wall=$(awk '/^Time taken for tests:/ {print $5}' <<<"$out")
  [[ ${failed:-1} == 0 ]] || { echo "$name: ab reported failures" >&2; echo "$out" >&2; exit 1; }
  awk -v n="$name" -v c="$complete" -v w="$wall" -v t=$((after - before)) -v hz="$clock_ticks" \
    'BEGIN { printf "%s %d %.3f %.3f\n", n, c, w, t / hz }'
}

results=$work/results.txt
: >"$results"
for round in nginx ours nginx; do
  if [[ $round == nginx ]]; then port=$nginx_port pid=$nginx_worker; else port=$fixture_port pid=$fixture_pid; fi
  run "$round-handshake" "$pid" -n "$handshakes" -c "$concurrency" "https://127.0.0.1:$port/" >>"$results"
  run "$round-keepalive" "$pid" -k -n "$requests" -c "$concurrency" -p "$work/query.xml" -T "$content_type" \
    "https://127.0.0.1:$port/xca" >>"$results"
  run "$round-tiny" "$pid" -k -n "$requests" -c "$concurrency" "https://127.0.0.1:$port/" >>"$results"
done

python3 - "$results" "$answer_bytes" "$handshakes" "$requests" "$concurrency" <<'PY'
import sys, statistics
rows = [l.split() for l in open(sys.argv[1])]
answer, handshakes, requests, concurrency = sys.argv[2:6]
def figures(kind, side):
    rs = [r for r in rows if r[0] == f"{side}-{kind}"]
    per_cpu = [int(r[1]) / float(r[3]) for r in rs if float(r[3]) > 0]
    per_wall = [int(r[1]) / float(r[2]) for r in rs]
    return statistics.median(per_cpu), statistics.median(per_wall)
print(f"ITI-38 answer {answer} bytes; {handshakes} handshakes and {requests} keep-alive requests per round, c={concurrency}")
for kind, label in (("handshake", "new mTLS connections"), ("keepalive", "keep-alive ITI-38 requests"),
                    ("tiny", "keep-alive GET / (transport only, tiny body)")):
    n_cpu, n_wall = figures(kind, "nginx")
    o_cpu, o_wall = figures(kind, "ours")
    print(f"{label}: per server-CPU-second ours {o_cpu:,.0f} vs nginx {n_cpu:,.0f} = {o_cpu / n_cpu:.2f}x; "
          f"per wall second ours {o_wall:,.0f} vs nginx {n_wall:,.0f} = {o_wall / n_wall:.2f}x")
PY
