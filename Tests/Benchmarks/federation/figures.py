#!/usr/bin/env python3
"""Prints the federation benchmark tables, each figure next to its goal (design/performance.md §3).

Usage: figures.py RESULTS_DIR SCENARIO…   (reads the .tsv/.txt files run.sh's scenarios wrote there)
"""
import os
import statistics
import sys

results = sys.argv[1]


def rows(name):
    path = os.path.join(results, name)
    if not os.path.exists(path):
        return []
    return [line.rstrip("\n").split("\t") for line in open(path) if line.strip()]


def text(name):
    path = os.path.join(results, name)
    return open(path).read().strip() if os.path.exists(path) else ""


def verdict(value, floor, stretch, higher_is_better=True):
    ok = (lambda v, g: v >= g) if higher_is_better else (lambda v, g: v <= g)
    if ok(value, stretch):
        return "met (stretch)"
    if ok(value, floor):
        return "met"
    return "NOT met"


def check(value, goal, higher_is_better=False):
    return "met" if (value >= goal if higher_is_better else value <= goal) else "NOT met"


def table(header, body):
    widths = [max(len(str(r[i])) for r in [header] + body) for i in range(len(header))]
    line = lambda r: "| " + " | ".join(str(c).ljust(w) for c, w in zip(r, widths)) + " |"
    print(line(header))
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for r in body:
        print(line(r))
    print()


def s1():
    data = rows("s1.tsv")
    if not data:
        return
    sizes = dict(zip(*[iter(text("s1-sizes.txt").split())] * 2))
    handshakes = {r[0]: r[1:] for r in rows("s6b.tsv")}
    print(f"## S1 — ITI-38 fan-out to 3 nginx fixtures (ab -k -c 32), median of 3 gateway rounds vs 4 direct rounds")
    print(f"answers per community: small {sizes.get('small', '?')} B, full {sizes.get('full', '?')} B (4 ExtrinsicObjects)")
    print("gateway answer check: " + "; ".join(text("s1-check.txt").splitlines()))
    print()
    body = []
    for variant in ("small", "full"):
        rs = [r for r in data if r[0] == variant]
        if not rs:
            continue
        def med(side, f):
            return statistics.median(f(r) for r in rs if r[1] == side)
        n_rps = med("nginx", lambda r: int(r[3]) / float(r[4]))
        g_rps = med("gateway", lambda r: int(r[3]) / float(r[4]))
        n_us = med("nginx", lambda r: float(r[6]) / int(r[3]) * 1e6)
        g_us = med("gateway", lambda r: float(r[5]) / int(r[3]) * 1e6)
        f_us = med("gateway", lambda r: float(r[6]) / int(r[3]) * 1e6)
        g_util = med("gateway", lambda r: float(r[5]) / float(r[4]))
        all_g = ", ".join(f"{int(r[3]) / float(r[4]):,.0f}" for r in rs if r[1] == "gateway")
        all_n = ", ".join(f"{int(r[3]) / float(r[4]):,.0f}" for r in rs if r[1] == "nginx")
        body += [
            [variant, "queries/s through the gateway", f"{g_rps:,.0f} ({all_g})", "≥ 3,500", check(g_rps, 3500, True)],
            [variant, "requests/s direct to one nginx fixture", f"{n_rps:,.0f} ({all_n})", "–", ""],
            [variant, "req/s ratio gateway ÷ direct", f"{g_rps / n_rps:.3f}", "≥ 0.08 → 0.15", verdict(g_rps / n_rps, 0.08, 0.15)],
            [variant, "gateway CPU per query", f"{g_us:.1f} µs (CPU1 busy {g_util:.0%})", "–", ""],
            [variant, "nginx CPU per direct request", f"{n_us:.1f} µs", "–", ""],
            [variant, "CPU ratio gateway ÷ nginx", f"{g_us / n_us:.1f}×", "≤ 10× → 6×",
             verdict(g_us / n_us, 10, 6, higher_is_better=False)],
            [variant, "nginx CPU per gateway query (3 legs)", f"{f_us:.1f} µs", "–", ""],
        ]
        if all(len(r) > 7 for r in rs):
            switches = med("gateway", lambda r: int(r[7]) / int(r[3]))
            body.append([variant, "gateway context switches per query", f"{switches:.1f}", "–", ""])
        if variant in handshakes:
            conns, resumed, queries = (int(x) for x in handshakes[variant])
            ratio = conns / queries
            body.append([variant, "S6b: fixture handshakes ÷ queries",
                         f"{conns} ({resumed} resumed) / {queries:,} = {ratio:.5f}", "≤ 0.001", check(ratio, 0.001)])
    table(["answers", "measure", "value", "goal", "verdict"], body)
    for variant in ("small", "full"):
        counters = dict(line.rsplit(" ", 1) for line in text(f"s1-{variant}-counters.txt").splitlines())
        if "queries" in counters:
            q = int(counters.pop("queries"))
            print(f"counters per query (S1 {variant}, round 4 under perf stat; a malloc uprobe slows it): "
                  + ", ".join(f"{k} {int(v) / q:.1f}" for k, v in counters.items()))
    print()
    for variant in ("small", "full"):
        prof = text(f"s1-{variant}-perf-dso.txt")
        if prof:
            print(f"perf (gateway, S1 {variant}, share of CPU samples by DSO):")
            print("\n".join("  " + line.strip() for line in prof.splitlines()) + "\n")


def s2():
    data = rows("s2.tsv")
    if not data:
        return
    print("## S2 — fan-out latency (ab -k; ab's percentile table); N communities each answering after d")
    print("steady: the same run without the first request of each connection (the one that pays the inbound TLS "
          "handshake; ab's ctime > 0)")
    body = []
    for r in data:
        d, n, c, complete, wall, p50, p99, mx, g, f, load = r[:11]
        s50, s99 = (r[11], r[12]) if len(r) > 12 else ("?", "?")
        d, wall = float(d), float(wall)
        q50, q99 = float(p50) / d, float(p99) / d
        steady = f"{float(s50) / d:.2f} / {float(s99) / d:.2f}" if s50 != "?" else "?"
        body.append([f"{d:.0f} ms", n, c, f"{int(complete) / wall:,.0f}", p50, f"{q50:.2f}", verdict(q50, 1.10, 1.03, False),
                     p99, f"{q99:.2f}", verdict(q99, 1.30, 1.10, False), mx, steady,
                     f"{float(g) / wall:.0%}", f"{float(f) / wall:.0%}", load])
    table(["d", "N", "clients", "q/s", "p50 ms", "p50/d", "goal ≤1.10→1.03", "p99 ms", "p99/d", "goal ≤1.30→1.10",
           "max ms", "steady p50/d / p99/d", "gateway CPU", "fixtures CPU", "load"], body)


def s2b():
    checks = {r[0]: r[1:] for r in rows("s2b-check.tsv")}
    samples = [[float(x) for x in r] for r in rows("s2b-samples.tsv")]
    if not checks:
        return
    print("## S2b — straggler: 10 communities, one hangs, community timeout T = 2 s")
    body = []
    if "single" in checks:
        t, summary, expected, unavailable = checks["single"]
        body.append(["one query (curl): time", f"{float(t) * 1000:.0f} ms", "≤ 2,050 ms", check(float(t), 2.05)])
        body.append(["one query: status objects errors", f"{summary} (expected {expected} objects)",
                     "PartialSuccess, 9 communities' objects, 1 error", "met" if unavailable == "1" else "NOT met"])
    if "load" in checks:
        complete, p50, p99, mx, hard, wall = checks["load"]
        body.append([f"under load ({complete} queries in {float(wall):.0f} s): p50 / p99 / max",
                     f"{p50} / {p99} / {mx} ms", "≤ 2,050 ms", check(float(p99), 2050)])
        body.append(["failed requests (connect/receive/exceptions)", hard, "0", check(float(hard), 0)])
    if len(samples) >= 3:
        def slope(i):
            pts = samples[1:]  # the first sample is before the load has warmed up
            ts = [p[0] / 60 for p in pts]
            vs = [p[i] for p in pts]
            mt, mv = statistics.mean(ts), statistics.mean(vs)
            den = sum((t - mt) ** 2 for t in ts)
            return sum((t - mt) * (v - mv) for t, v in zip(ts, vs)) / den if den else 0.0
        rss = [s[1] for s in samples]
        body.append([f"RSS, {len(samples)} samples every 10 s", f"{rss[0] / 1024:.1f} → {rss[-1] / 1024:.1f} MiB "
                     f"(min {min(rss) / 1024:.1f}, max {max(rss) / 1024:.1f}); slope {slope(1):+.0f} KiB/min "
                     f"after the first sample", "flat", ""])
        body.append(["threads", f"{samples[0][2]:.0f} → {samples[-1][2]:.0f} (max {max(s[2] for s in samples):.0f}); "
                     f"slope {slope(2):+.2f}/min", "flat", ""])
        body.append(["open file descriptors", f"{samples[0][3]:.0f} → {samples[-1][3]:.0f} "
                     f"(max {max(s[3] for s in samples):.0f}); slope {slope(3):+.2f}/min", "flat", ""])
    if "after" in checks:
        body.append(["after the load: gateway fds / hung fixture's fds", " / ".join(checks["after"]), "–", ""])
    table(["measure", "value", "goal", "verdict"], body)


def s3():
    data = rows("s3.tsv")
    if not data:
        return
    print("## S3 — RAD-75 relay of a 1 GiB study (2,048 × 512 KiB), curl --cert; median of 3 gateway vs 4 direct")
    def med(side, i):
        return statistics.median(float(r[i]) for r in data if r[0] == side)
    d_speed, g_speed = med("direct", 4), med("gateway", 4)
    d_ttfb, g_ttfb = med("direct", 3), med("gateway", 3)
    g_cpu = med("gateway", 7)
    size = med("gateway", 5)
    all_d = ", ".join(f"{float(r[4]) / 1e9:.2f}" for r in data if r[0] == "direct")
    all_g = ", ".join(f"{float(r[4]) / 1e9:.2f}" for r in data if r[0] == "gateway")
    body = [
        ["throughput direct", f"{d_speed / 1e9:.2f} GB/s ({all_d})", "–", ""],
        ["throughput through the gateway", f"{g_speed / 1e9:.2f} GB/s ({all_g})", "–", ""],
        ["throughput ratio", f"{g_speed / d_speed:.2f}", "≥ 0.5 → 0.7", verdict(g_speed / d_speed, 0.5, 0.7)],
        ["TTFB direct / gateway", f"{d_ttfb * 1000:.1f} ms / {g_ttfb * 1000:.1f} ms", "gateway ≤ 2× direct + 10 ms",
         check(g_ttfb, 2 * d_ttfb + 0.010)],
        ["gateway CPU per GiB relayed", f"{g_cpu / (size / 2 ** 30):.2f} s", "–", ""],
        ["fixture CPU per GiB (direct / via gateway)",
         f"{med('direct', 8) / (size / 2 ** 30):.2f} s / {med('gateway', 8) / (size / 2 ** 30):.2f} s", "–", ""],
    ]
    table(["measure", "value", "goal", "verdict"], body)


def s3m():
    data = rows("s3m.tsv")
    if not data:
        return
    print("## S3m — gateway peak RSS growth while relaying (VmHWM − VmRSS before the relay)")
    print("check: " + text("s3m-check.txt"))
    print()
    body = []
    growth = {}
    for size, nbytes, idle, b1, h1, s1_, b2, h2, s2_ in data:
        nbytes = int(nbytes)
        g1, g2 = int(h1) - int(b1), int(h2) - int(b2)
        growth[size] = g2
        limit = nbytes / 32 / 1024
        judge = lambda g: verdict(-g, -nbytes / 16 / 1024, -limit)
        body.append([size, f"{int(idle) / 1024:.1f} MiB", f"{g1 / 1024:.1f} MiB (1/{nbytes / 1024 / max(g1, 1):.0f})",
                     judge(g1), f"{g2 / 1024:.1f} MiB (1/{nbytes / 1024 / max(g2, 1):.0f})", judge(g2),
                     f"≤ {nbytes / 16 / 2 ** 20:.1f} → {limit / 1024:.1f} MiB (1/16 → 1/32)"])
    table(["study", "idle RSS", "growth, 1st relay (fresh gateway)", "verdict", "growth, 2nd relay (VmHWM reset)",
           "verdict", "goal"], body)
    if len(growth) > 1:
        values = list(growth.values())
        spread = (max(values) - min(values)) / max(statistics.mean(values), 1)
        print(f"flat across sizes (2nd relay): " + ", ".join(f"{k} {v / 1024:.1f} MiB" for k, v in growth.items())
              + f"; (max − min) ÷ mean = {spread:.0%} — goal ±10%: {check(spread, 0.2)}\n")
    for label, nbytes, before, hwm, speeds in rows("s3m-concurrent.tsv"):
        g = int(hwm) - int(before)
        one = growth.get("1GiB", 0)
        print(f"4 concurrent 1 GiB relays: growth {g / 1024:.1f} MiB vs one relay {one / 1024:.1f} MiB "
              f"= {g / max(one, 1):.1f}× (goal ≤ 4×: {check(g, 4 * one)}); aggregate {float(speeds) / 1e9:.2f} GB/s\n")


def s5():
    print("## S5 — the audit's cost (audit off vs on, same run, S1 small answers)\n")
    data = rows("s5.tsv")
    body = []
    for side, rnd, complete, wall, cpu, syncs, outbox in data:
        qps = int(complete) / float(wall)
        per = int(syncs) / max(int(complete), 1)
        body.append([rnd, side, complete, f"{qps:.0f}", f"{float(cpu) * 1e6 / max(int(complete), 1):.0f}",
                     syncs, f"{per:.4f}", outbox, f"{int(outbox) / float(wall):.0f}" if side == "on" else "-"])
    table(["round", "audit", "queries", "q/s", "gateway CPU µs/query", "fsync+fdatasync", "per query",
           "outbox rows", "rows/s"], body)
    off = [int(r[2]) / float(r[3]) for r in data if r[0] == "off"]
    on = [int(r[2]) / float(r[3]) for r in data if r[0] == "on"]
    if off and on:
        ratio = statistics.median(on) / statistics.median(off)
        print(f"throughput on ÷ off (medians): {statistics.median(on):.0f} ÷ {statistics.median(off):.0f} = {ratio:.3f} "
              f"— goal ≥ 0.95 → 0.98: {verdict(ratio, 0.95, 0.98)}")
        syncs = sum(int(r[5]) for r in data if r[0] == "on") / max(sum(int(r[2]) for r in data if r[0] == "on"), 1)
        print(f"fsync + fdatasync per audited query: {syncs:.4f} (1/{1 / max(syncs, 1e-9):.0f}) — goal ≤ 1/32: "
              f"{check(syncs, 1 / 32)}")
    print(f"plain SQLite probe (WAL, FULL, 32 rows of 2 KB per transaction, one writer): {text('s5-probe.txt')}\n")
    print(f"outbox capacity (64 writers; 2 KB events, then ITI-38-shaped requests):\n{text('s5-capacity.txt')}\n")
    print(text("s5-audit-status.txt") + "\n")


print(text("machine.txt"))
print()
for scenario in sys.argv[2:]:
    {"s1": s1, "s2": s2, "s2b": s2b, "s3": s3, "s3m": s3m, "s5": s5}[scenario]()
