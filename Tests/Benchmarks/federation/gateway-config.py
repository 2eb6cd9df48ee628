#!/usr/bin/env python3
"""Write a gateway YAML configuration (docs/configuration.md) for a benchmark.

Usage: gateway-config.py OUT.yaml PKI_DIR [key=value …] < communities
  communities: one per line, "name homeCommunityId baseURL [imagingDocumentSourceOID]"; the endpoints are
  baseURL/xca (query, retrieve) and baseURL/xcai (imaging retrieve).
  keys (absent: the gateway's default): timeout (per community), maxConcurrent (per community), pool
  (outbound.maxConnectionsPerCommunity), deadline (query.deadline), dedupe (query.deduplicate), breaker
  (circuitBreaker.failureThreshold), state (gateway.stateDirectory), audit (on|off; default off, so that the
  federation figures are the federation's: S5 measures the audit), pars (the PARS FHIR base URL, with audit=on),
  parsMode (put|post|batch).
The gateway listens on 127.0.0.1:0 with the PKI's server identity and calls communities as gateway-client.
"""
import sys

out, pki = sys.argv[1], sys.argv[2]
opts = dict(a.split("=", 1) for a in sys.argv[3:])
lines = [
    "gateway:",
    "  homeCommunityId: urn:oid:2.25.36671594810156285379174774117970860215.99",
    "  listen: 127.0.0.1:0",
    "  tls:",
    f"    certificate: {pki}/server.pem",
    f"    privateKey: {pki}/server-key.pem",
    f"    trustAnchors: [{pki}/ca.pem]",
    f"  stateDirectory: {opts.get('state', out + '.state')}",
]
query = {k: v for k, v in (("deadline", opts.get("deadline")), ("deduplicate", opts.get("dedupe"))) if v}
if query:
    lines.append("query:")
    lines += [f"  {k}: {v}" for k, v in query.items()]
if "breaker" in opts:
    lines += ["circuitBreaker:", f"  failureThreshold: {opts['breaker']}"]
if opts.get("audit", "off") == "off":
    lines += ["audit:", "  enabled: false"]
else:
    lines += ["audit:", "  enabled: true", '  asid: "200000000999"']
    if "pars" in opts:
        lines += [
            "  pars:",
            f"    url: {opts['pars']}",
            f"    mode: {opts.get('parsMode', 'put')}",
            "    tls:",
            f"      certificate: {pki}/gateway-client.pem",
            f"      privateKey: {pki}/gateway-client-key.pem",
            f"      trustAnchors: [{pki}/ca.pem]",
        ]
if "pool" in opts:
    lines += ["outbound:", f"  maxConnectionsPerCommunity: {opts['pool']}"]
lines.append("communities:")
for row in sys.stdin:
    fields = row.split()
    if not fields:
        continue
    name, home, base = fields[:3]
    lines += [
        f"  - name: {name}",
        f"    homeCommunityId: {home}",
        "    endpoints:",
        f"      query: {base}/xca",
        f"      retrieve: {base}/xca",
        f"      imagingRetrieve: {base}/xcai",
        "    tls:",
        f"      certificate: {pki}/gateway-client.pem",
        f"      privateKey: {pki}/gateway-client-key.pem",
        f"      trustAnchors: [{pki}/ca.pem]",
    ]
    if "timeout" in opts:
        lines.append(f"    timeout: {opts['timeout']}")
    if "maxConcurrent" in opts:
        lines.append(f"    maxConcurrentRequests: {opts['maxConcurrent']}")
    if len(fields) > 3:
        lines.append(f"    imagingDocumentSources: [{fields[3]}]")
with open(out, "w") as f:
    f.write("\n".join(lines) + "\n")
