#!/usr/bin/env python3
"""Turns a results CSV written by bench/run.sh into an AsciiDoc table: each stage row beside redis-server's.

    bench/table.py docs/src/docs/asciidoc/results/stage02-resp-parser.csv > .../_stage02-resp-parser.adoc
"""
import csv
import sys


def number(text):
    return float(text) if text else None


def main(path):
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    keys = []
    by_key = {}
    for row in rows:
        key = (row["variant"], row["test"], row["clients"], row["pipeline"])
        if key not in by_key:
            keys.append(key)
            by_key[key] = {}
        side = "redis" if row["server"] == "redis-server" else "ours"
        by_key[key][side] = row
    stage = rows[0]["stage"] if rows else "stage"
    out = sys.stdout
    out.write('[cols="2,2,1,1,2,2,1,2,2",options="header"]\n|===\n')
    out.write(f"| Variant | Test | Clients | Pipeline | {stage} req/s | redis-server req/s | Ratio"
              f" | {stage} p99 ms | redis-server p99 ms\n")
    for key in keys:
        ours = by_key[key].get("ours", {})
        redis = by_key[key].get("redis", {})

        def rps(row):
            if not row:
                return "not run"
            return f"{number(row['rps']):,.0f}" if row["status"] == "ok" else row["status"]

        def p99(row):
            return row["p99_ms"] if row and row["status"] == "ok" else "–"

        ratio = "–"
        if ours.get("status") == "ok" and redis.get("status") == "ok":
            ratio = f"{number(ours['rps']) / number(redis['rps']):.2f}"
        out.write(f"| {key[0]} | {key[1]} | {key[2]} | {key[3]} | {rps(ours)} | {rps(redis)} | {ratio}"
                  f" | {p99(ours)} | {p99(redis)}\n")
    out.write("|===\n")


if __name__ == "__main__":
    main(sys.argv[1])
