#!/usr/bin/env bash
# Footprint benchmark S8 (design/performance.md §3): idle RSS of the gateway against nginx (master + worker) in the
# same run, and time from exec to ready. Goals: idle RSS ≤ 4× nginx (about ≤ 40 MB); ready in ≤ 0.5 s.
#
# Three subjects, ROUNDS rounds each, interleaved (nginx, configured, embedded, nginx, …) so that the noise of a
# shared machine falls on all three alike:
#   nginx       nginx 1.22 (nginx-light), `ssl_verify_client on`, one worker, the same P-256 certificates;
#   configured  `xca-gateway serve --config FILE`: the gateway alone, three communities in the file (not running:
#               the gateway does not call them before a request), its own process — the deployment's footprint;
#   embedded    `xca-gateway serve` without a configuration: the gateway AND the three fixture communities (their
#               registries, generated DICOM and servers) in one process — the developer default, not the goal's.
# Idle RSS is VmRSS; "of which anonymous" is RssAnon (heap, stacks, dirty data): the rest is file-backed pages of
# the binary and shared libraries, clean and shared with other processes mapping them.
# Ready: the time from exec to the first successful mutual-TLS `GET /` answered 200 (a Python client polling every
# 2 ms with a full handshake per attempt, bounded to 20 s). Idle: VmRSS and Threads from /proc/PID/status 5 s after
# ready (nginx: master + worker VmRSS). Nothing else runs against the servers.
#
# Prerequisites (Debian): apt-get install -y nginx-light python3. Usage: Tests/Benchmarks/footprint.sh [ROUNDS=3]
#   GATEWAY_BIN=PATH use that xca-gateway binary instead of building the release one; KEEP_WORK=1 keep the logs.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
rounds=${1:-3}
for tool in nginx python3; do
  command -v "$tool" >/dev/null || { echo "missing $tool (apt-get install -y nginx-light python3)" >&2; exit 1; }
done

work=$(mktemp -d /tmp/xca-footprint.XXXX)
cleanup() { if [[ -n ${KEEP_WORK:-} ]]; then echo "kept $work" >&2; else rm -rf "$work"; fi; }
trap cleanup EXIT

gateway=${GATEWAY_BIN:-$root/.build/release/xca-gateway}
if [[ -z ${GATEWAY_BIN:-} ]]; then
  echo "building the release gateway (swift build -c release --product xca-gateway)…" >&2
  swift build -c release --product xca-gateway >"$work/build.log" 2>&1 || { tail -30 "$work/build.log" >&2; exit 1; }
fi
pki=$work/pki
"$gateway" pki init --dir "$pki" >/dev/null

# The configured gateway: three communities with the fixture federation's names and ids, on ports nobody listens on.
python3 "$root/Tests/Benchmarks/federation/gateway-config.py" "$work/gateway.yaml" "$pki" state="$work/gateway-state" <<ROWS
north-imaging urn:oid:2.25.36671594810156285379174774117970860215.1 https://127.0.0.1:9
midlands-imaging urn:oid:2.25.36671594810156285379174774117970860215.2 https://127.0.0.1:9
south-west-imaging urn:oid:2.25.36671594810156285379174774117970860215.3 https://127.0.0.1:9
ROWS

# The embedded default keeps its PKI in STATE/pki: mint it once, so no round pays for minting.
mkdir -p "$work/embedded-state"
cp -a "$pki" "$work/embedded-state/pki"

cat >"$work/nginx.conf.in" <<CONF
daemon off;
master_process on;
worker_processes 1;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  server {
    listen 127.0.0.1:@PORT@ ssl;
    ssl_certificate $pki/server.pem; ssl_certificate_key $pki/server-key.pem;
    ssl_client_certificate $pki/ca.pem; ssl_verify_client on;
    ssl_protocols TLSv1.2 TLSv1.3;
    location = / { default_type text/plain; return 200 "ok\n"; }
  }
}
CONF

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
python3 - "$work" "$gateway" "$pki" "$rounds" <<'PY'
import os, signal, socket, ssl, statistics, subprocess, sys, time

work, gateway, pki, rounds = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
IDLE_SECONDS = 5.0

def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]

context = ssl.create_default_context(cafile=f"{pki}/ca.pem")
context.load_cert_chain(f"{pki}/client.pem", f"{pki}/client-key.pem")

def get_ok(port):
    """One mutual-TLS GET / on a new connection; True when answered 200."""
    with socket.create_connection(("127.0.0.1", port), timeout=2) as raw:
        with context.wrap_socket(raw, server_hostname="localhost") as tls:
            tls.sendall(b"GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
            answer = b""
            while b"\r\n" not in answer:
                chunk = tls.recv(4096)
                if not chunk:
                    break
                answer += chunk
            return answer.startswith(b"HTTP/1.1 200")

def status(pid):
    fields = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            key, _, value = line.partition(":")
            fields[key] = value.split()
    return int(fields["VmRSS"][0]), int(fields["Threads"][0]), int(fields["RssAnon"][0])

def children(pid):
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as f:
            return [int(p) for p in f.read().split()]
    except FileNotFoundError:
        return []

def measure(name, command, port, log):
    with open(log, "ab") as out:
        started = time.monotonic()
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT)
        ready = None
        while time.monotonic() - started < 20:
            if process.poll() is not None:
                raise SystemExit(f"{name} exited with {process.returncode} before it was ready (see {log})")
            try:
                if get_ok(port):
                    ready = time.monotonic() - started
                    break
            except (OSError, ssl.SSLError):
                pass
            time.sleep(0.002)
        if ready is None:
            process.kill()
            raise SystemExit(f"{name} not ready within 20 s (see {log})")
        time.sleep(IDLE_SECONDS)  # the idle period being measured, not a synchronisation
        pids = [process.pid] + (children(process.pid) if name == "nginx" else [])
        readings = [status(pid) for pid in pids]
        rss = sum(r[0] for r in readings)
        threads = sum(r[1] for r in readings)
        anonymous = sum(r[2] for r in readings)
        process.send_signal(signal.SIGTERM if name != "nginx" else signal.SIGQUIT)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        return ready, rss, threads, len(pids), anonymous

rows = []
for round_number in range(1, rounds + 1):
    for name in ("nginx", "configured", "embedded"):
        port = free_port()
        if name == "nginx":
            conf = f"{work}/nginx.{port}.conf"
            with open(f"{work}/nginx.conf.in") as f:
                text = f.read().replace("@PORT@", str(port))
            with open(conf, "w") as f:
                f.write(text)
            command = ["nginx", "-c", conf]
        elif name == "configured":
            command = [gateway, "serve", "--config", f"{work}/gateway.yaml", "--listen", f"127.0.0.1:{port}",
                       "--admin-listen", "127.0.0.1:0"]
        else:
            command = [gateway, "serve", "--state", f"{work}/embedded-state", "--listen", f"127.0.0.1:{port}",
                       "--admin-listen", "127.0.0.1:0"]
        ready, rss, threads, processes, anonymous = measure(name, command, port, f"{work}/{name}.log")
        rows.append((round_number, name, ready, rss, threads, processes, anonymous))
        print(f"round {round_number} {name:10s} ready {ready * 1000:7.1f} ms  idle RSS {rss / 1024:6.1f} MiB "
              f"(anonymous {anonymous / 1024:.1f})  threads {threads}  processes {processes}", file=sys.stderr)

def median(name, index):
    return statistics.median(r[index] for r in rows if r[1] == name)

nginx_rss = median("nginx", 3)
print()
print(f"| Subject ({rounds} rounds, medians) | Ready (exec → first mTLS 200) | Idle RSS after {IDLE_SECONDS:.0f} s | "
      f"÷ nginx RSS | of which anonymous | Threads |")
print("|---|---|---|---|---|---|")
labels = {
    "nginx": "nginx master + worker (`ssl_verify_client on`)",
    "configured": "gateway, `serve --config` (3 communities configured)",
    "embedded": "gateway, `serve` embedded default (gateway + 3 fixture communities in-process)",
}
for name in ("nginx", "configured", "embedded"):
    ready_values = ", ".join(f"{r[2] * 1000:.0f}" for r in rows if r[1] == name)
    rss_values = ", ".join(f"{r[3] / 1024:.1f}" for r in rows if r[1] == name)
    ratio = "1" if name == "nginx" else f"{median(name, 3) / nginx_rss:.1f}×"
    print(f"| {labels[name]} | {median(name, 2) * 1000:.0f} ms ({ready_values}) | "
          f"{median(name, 3) / 1024:.1f} MiB ({rss_values}) | {ratio} | {median(name, 6) / 1024:.1f} MiB | "
          f"{median(name, 4):.0f} |")
PY
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
