#!/usr/bin/env python3
"""Draws chapter 4's own tables and charts from its measurements, with bench/report.py's chart code.

    stage04-concurrency/src/jmh/report.py

Reads results/stage04-concurrency/jmh.csv (written by src/jmh/run.sh) and results/stage04-concurrency.csv
(written by bench/run.sh 04) and writes, into results/stage04-concurrency/:
  _jmh.adoc, jmh.svg                                  the two stores without the network, by thread count
  _clients.adoc, clients-throughput.svg, clients-p99.svg   both stores and redis-server, 1 to 500 clients
"""
import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT / "bench"))
sys.dont_write_bytecode = True
import report  # noqa: E402

RESULTS = ROOT / "docs" / "src" / "docs" / "asciidoc" / "results"
OUT = RESULTS / "stage04-concurrency"
LOCKED_COLOR = "#d08a3c"
STORES = [("locked", LOCKED_COLOR), ("striped", report.OURS_COLOR)]


def rows(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def jmh():
    data = rows(OUT / "jmh.csv")
    threads = sorted({int(r["threads"]) for r in data})
    score = {(r["store"], int(r["threads"])): r for r in data}
    table = ['[cols="1,2,2,1",options="header"]', "|===",
             "| Threads | locked: M ops/s (±99.9%) | striped: M ops/s (±99.9%) | striped / locked"]
    panels = []
    for t in threads:
        locked, striped = score[("locked", t)], score[("striped", t)]
        ratio = float(striped["ops_per_us"]) / float(locked["ops_per_us"])
        table.append(f"| {t} | {float(locked['ops_per_us']):.1f} (±{float(locked['error_ops_per_us']):.1f})"
                     f" | {float(striped['ops_per_us']):.1f} (±{float(striped['error_ops_per_us']):.1f})"
                     f" | {ratio:.2f}")
        panels.append((f"{t} thread{'s' if t > 1 else ''}",
                       [float(score[(name, t)]["ops_per_us"]) for name, _ in STORES]))
    table.append("|===")
    (OUT / "_jmh.adoc").write_text("\n".join(table) + "\n")
    chart = report.bar_chart("Mixed GET/SET in-process, millions of operations per second (higher is better)",
                             "M ops/s", [("90% GET, 10% SET, 10,000 keys", panels)], STORES)
    (OUT / "jmh.svg").write_text(chart)


def clients():
    data = [r for r in rows(RESULTS / "stage04-concurrency.csv") if r["variant"] in ("locked", "striped")]
    counts = sorted({int(r["clients"]) for r in data})
    tests = ["SET", "GET"]

    def pick(server, variant, test, c):
        for r in data:
            if r["test"] == test and int(r["clients"]) == c and r["server"] == server \
                    and (server == "redis-server" or r["variant"] == variant):
                return r
        return None

    def rps(r):
        return f"{float(r['rps']):,.0f}" if r and r["status"] == "ok" else (r["status"] if r else "–")

    def lat(r, field):
        return r[field] if r and r["status"] == "ok" else "–"

    table = ['[cols="1,1,2,2,2,2,2,2",options="header"]', "|===",
             "| Test | Clients | locked req/s | striped req/s | redis-server req/s"
             " | locked p50 / p99 ms | striped p50 / p99 ms | redis-server p50 / p99 ms"]
    series = STORES + [("redis-server", report.REDIS_COLOR)]
    throughput, p99 = [], []
    for test in tests:
        cats_rps, cats_p99 = [], []
        for c in counts:
            found = [pick("stage04-concurrency", "locked", test, c), pick("stage04-concurrency", "striped", test, c),
                     pick("redis-server", None, test, c)]
            table.append(f"| {test} | {c} | " + " | ".join(rps(r) for r in found) + " | "
                         + " | ".join(f"{lat(r, 'p50_ms')} / {lat(r, 'p99_ms')}" for r in found))
            cats_rps.append((f"-c {c}", [report.metric(r, "rps") for r in found]))
            cats_p99.append((f"-c {c}", [report.metric(r, "p99_ms") for r in found]))
        throughput.append((f"{test}, one request in flight per client", cats_rps))
        p99.append((f"{test}, one request in flight per client", cats_p99))
    table.append("|===")
    (OUT / "_clients.adoc").write_text("\n".join(table) + "\n")
    (OUT / "clients-throughput.svg").write_text(
        report.bar_chart("Requests per second by client count (higher is better)", "req/s", throughput, series))
    (OUT / "clients-p99.svg").write_text(
        report.bar_chart("99th percentile latency in ms by client count (lower is better)", "ms", p99, series))


if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    jmh()
    clients()
    print(f"Wrote tables and charts to {OUT}", file=sys.stderr)
