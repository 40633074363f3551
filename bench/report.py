#!/usr/bin/env python3
"""Turns the benchmark CSV files into what the course site shows: tables, SVG charts and the overview.

    bench/report.py              regenerate everything from docs/src/docs/asciidoc/results/*.csv
    bench/report.py --check      fail if a committed table or chart differs from what the CSV files give
    bench/report.py --out DIR    another results folder (bench/run.sh --quick writes target/bench-quick)

For each <stage>.csv it writes _<stage>.adoc (the table, the charts, and the tests the stage could not serve),
<stage>-throughput.svg and <stage>-p99.svg; from all of them _overview.adoc and overview-*.svg, which
overview.adoc includes. Only the Python standard library is used. The output depends on the CSV files only (no
dates, no randomness), so that --check can compare it byte for byte.
"""
import argparse
import csv
import math
import sys
from html import escape
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "docs" / "src" / "docs" / "asciidoc" / "results"

OURS_COLOR = "#2f6fb3"
REDIS_COLOR = "#a7b1bc"
FONT = "-apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"
# The overview's columns: (test, clients, pipeline), measured by the common matrix in every stage.
OVERVIEW_COLUMNS = [("PING_MBULK", 1, 1), ("SET", 1, 1), ("SET", 10, 1), ("SET", 50, 1), ("SET", 50, 16),
                    ("GET", 50, 16)]
OVERVIEW_CHARTS = ["PING_MBULK", "SET", "GET"]
# A ratio to redis-server that moves by more than this factor between two stages is called a change.
NOTABLE = 1.3


# --- Data -----------------------------------------------------------------------------------------------------------

def read_rows(path):
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    for row in rows:
        row["clients"], row["pipeline"] = int(row["clients"]), int(row["pipeline"])
        row["options"] = row.get("options") or ""
        row["note"] = row.get("note") or ""
        row["ours"] = row["server"] != "redis-server"
    return rows


def pairs(rows):
    """[(key, ours row, redis row)] in the order the runs were made; key = (variant, options, test, clients, -P)."""
    order, table = [], {}
    for row in rows:
        options = row["options"] if row["ours"] else None
        key = (row["variant"], row["test"], row["clients"], row["pipeline"])
        if row["ours"]:
            key = key + (options,)
            table.setdefault(key, [None, None])[0] = row
            if key not in order:
                order.append(key)
        else:
            # redis-server's row belongs to the ours row of the same line (the newest one without a partner).
            for k in reversed(order):
                if k[:4] == key and table[k][1] is None:
                    table[k][1] = row
                    break
            else:
                k = key + ("",)
                table.setdefault(k, [None, None])[1] = row
                order.append(k)
    return [(k, table[k][0], table[k][1]) for k in order]


def ok(row):
    return row is not None and row["status"] == "ok" and row.get("rps")


def rate(row):
    if row is None:
        return "not run"
    return f"{float(row['rps']):,.0f}" if ok(row) else row["status"]


def ratio(ours, redis):
    if ok(ours) and ok(redis) and float(redis["rps"]) > 0:
        return float(ours["rps"]) / float(redis["rps"])
    return None


def chapter_link(stage, suffix=""):
    """A link to the stage's chapter, titled, if the site has that chapter (attribute chapter-<stage>, which the
    site build defines from the chapters it finds), else the stage's name: so that this file depends on the CSV
    files only."""
    return (f"ifdef::chapter-{stage}[xref:{stage}.adoc[{{chapter-{stage}}}]{suffix}]\n"
            f"ifndef::chapter-{stage}[{stage}{suffix}]")


def short(test):
    return {"PING_MBULK": "PING", "PING_INLINE": "PING (inline)"}.get(test, test)


# --- SVG charts -----------------------------------------------------------------------------------------------------

def nice_ticks(top, count=5):
    if top <= 0:
        return [0, 1]
    raw = top / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    ticks = [0.0]
    while ticks[-1] < top:
        ticks.append(round(ticks[-1] + step, 10))
    return ticks


def number(value, unit):
    if unit == "ms":
        return f"{value:g}"
    if value >= 1_000_000:
        return f"{value / 1_000_000:g}M"
    if value >= 1000:
        return f"{value / 1000:g}k"
    return f"{value:g}"


def bar_chart(title, unit, panels, series):
    """Horizontal bars in stacked panels, each with its own scale.

    panels: [(heading, [(label, [value or status text per series])])]; series: [(name, colour)].
    """
    width, left, right, bar, gap, group_gap = 760, 200, 96, 13, 2, 12
    plot = width - left - right
    y = 58
    parts = []
    for heading, categories in panels:
        values = [v for _, vs in categories for v in vs if isinstance(v, float)]
        ticks = nice_ticks(max(values) if values else 1)
        scale = plot / ticks[-1]
        parts.append(f'<text x="{left}" y="{y}" class="heading">{escape(heading)}</text>')
        y += 10
        top = y
        for label, vs in categories:
            vs = [v for v in vs if v is not None] or ["–"]
            group = len(vs) * (bar + gap) - gap
            parts.append(f'<text x="{left - 8}" y="{y + group / 2 + 4:.1f}" class="label" '
                         f'text-anchor="end">{escape(label)}</text>')
            for (name, colour), v in zip(series, vs):
                if v is None:
                    continue
                if isinstance(v, float):
                    w = max(v * scale, 1)
                    parts.append(f'<rect x="{left}" y="{y}" width="{w:.1f}" height="{bar}" fill="{colour}">'
                                 f'<title>{escape(name)}: {v:,.3f} {unit}</title></rect>')
                    shown = f"{v:,.0f}" if unit != "ms" else f"{v:g} ms"
                    parts.append(f'<text x="{left + w + 4:.1f}" y="{y + bar - 2}" class="value">{shown}</text>')
                else:
                    parts.append(f'<text x="{left + 4}" y="{y + bar - 2}" class="status">{escape(name)}: '
                                 f'{escape(v)}</text>')
                y += bar + gap
            y += group_gap - gap
        bottom = y - group_gap + 4
        for t in ticks:
            x = left + t * scale
            parts.insert(0, f'<line x1="{x:.1f}" y1="{top - 4}" x2="{x:.1f}" y2="{bottom}" class="grid"/>')
            parts.append(f'<text x="{x:.1f}" y="{bottom + 14}" class="tick" text-anchor="middle">'
                         f'{number(t, unit)}</text>')
        y = bottom + 40
    height = y - 14
    legend = []
    x = left
    for name, colour in series:
        legend.append(f'<rect x="{x}" y="30" width="12" height="12" fill="{colour}"/>'
                      f'<text x="{x + 17}" y="40" class="label">{escape(name)}</text>')
        x += 30 + 7 * len(name)
    style = (f"text{{font-family:{FONT};font-size:12px;fill:#222}} .heading{{font-weight:600}} "
             ".value,.tick{fill:#555;font-size:11px} .status{fill:#8a5a00;font-style:italic} "
             ".grid{stroke:#e3e6ea;stroke-width:1} .title{font-size:15px;font-weight:600}")
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}">\n'
            f'<style>{style}</style>\n<rect width="{width}" height="{height}" fill="#fff"/>\n'
            f'<text x="10" y="20" class="title">{escape(title)}</text>\n' + "\n".join(legend) + "\n"
            + "\n".join(parts) + "\n</svg>\n")


def metric(row, field):
    if row is None:
        return "not run"
    if ok(row) and row.get(field):
        return float(row[field])
    return row["status"]


# --- One stage ------------------------------------------------------------------------------------------------------

def group_name(key):
    variant, _test, _c, pipeline, options = key
    return f"{variant}{f' ({options})' if options else ''}, -P {pipeline}"


def stage_charts(stage, measured):
    panels = {}
    for key, ours, redis in measured:
        panels.setdefault(group_name(key), []).append((key, ours, redis))
    series = [(stage, OURS_COLOR), ("redis-server", REDIS_COLOR)]
    out = {}
    for field, name, unit in (("rps", "throughput", "req/s"), ("p99_ms", "p99", "ms")):
        title = (f"{stage}: requests per second (higher is better)" if field == "rps"
                 else f"{stage}: 99th percentile latency in ms (lower is better)")
        chart_panels = [(heading, [(f"{short(k[1])}  -c {k[2]}", [metric(o, field), metric(r, field)])
                                   for k, o, r in group]) for heading, group in panels.items()]
        out[f"{stage}-{name}.svg"] = bar_chart(title, unit, chart_panels, series)
    return out


def stage_fragment(stage, rows):
    all_pairs = pairs(rows)
    measured = [p for p in all_pairs if not (p[1] and p[1]["status"] == "unsupported")]
    unsupported = [p for p in all_pairs if p[1] and p[1]["status"] == "unsupported"]
    lines = ['[cols="2,2,1,1,2,2,1,2,2",options="header"]', "|===",
             f"| Variant | Test | Clients | Pipeline | {stage} req/s | redis-server req/s | Ratio"
             f" | {stage} p99 ms | redis-server p99 ms"]
    notes = []
    for key, ours, redis in measured:
        variant, test, clients, pipeline, options = key
        r = ratio(ours, redis)
        cells = [variant + (f" `{options}`" if options else ""), test, str(clients), str(pipeline)]
        for row in (ours, redis):
            text = rate(row)
            if row is not None and not ok(row) and row["note"]:
                notes.append(f"{row['server']}, {short(test)} -c {clients} -P {pipeline}: {row['status']}, "
                             f"{row['note']}")
                text = f"{text} ^{len(notes)}^"
            cells.append(text)
        cells.append(f"{r:.2f}" if r is not None else "–")
        cells += [o["p99_ms"] if ok(o) else "–" for o in (ours, redis)]
        lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells))
    lines.append("|===")
    text = "\n".join(lines) + "\n"
    if notes:
        text += "\n" + "\n".join(f"^{i}^ {escape_adoc(n)} +" for i, n in enumerate(notes, 1)).rstrip(" +") + "\n"
    if unsupported:
        tests = sorted({p[0][1] for p in unsupported}, key=lambda t: [c[0] for c in OVERVIEW_COLUMNS].index(t)
                       if t in [c[0] for c in OVERVIEW_COLUMNS] else 99)
        examples = {}
        for p in unsupported:
            examples.setdefault(p[0][1], p[1]["note"])
        said = "; ".join(f"`{short(t)}` {reply_note(examples[t])}" for t in tests)
        text += (f"\nNot measured: {', '.join(short(t) for t in tests)} in the common matrix. {stage} does not "
                 f"implement {'it' if len(tests) == 1 else 'them'} yet: before the runs, a probe sent each command "
                 f"once and got another reply than Redis's ({said}).\n")
    text += (f'\nimage::results/{stage}-throughput.svg["Requests per second, {stage} beside redis-server",'
             f'role=chart]\n\nimage::results/{stage}-p99.svg["99th percentile latency, {stage} beside '
             f'redis-server",role=chart]\n')
    return text, stage_charts(stage, measured)


def reply_note(note):
    """A probe's note, with the bytes the server answered in monospace."""
    if note.startswith("answered ") and "+" not in note:
        return f"answered `+{note.removeprefix('answered ')}+`"
    return escape_adoc(note)


def escape_adoc(text):
    """Literal text in AsciiDoc: special characters escaped, no formatting, attributes or replacements."""
    return "pass:c[" + text.replace("]", "\\]") + "]"


# --- Overview -------------------------------------------------------------------------------------------------------

def common_value(rows, test, clients, pipeline):
    """(ours, redis) rows of the common matrix for one test, or (None, None)."""
    for key, ours, redis in pairs(rows):
        if key[0] == "common" and key[1:4] == (test, clients, pipeline):
            return ours, redis
    return None, None


def cell(ours, redis):
    if ours is None:
        return "–"
    if not ok(ours):
        return {"unsupported": "n/a"}.get(ours["status"], ours["status"])
    r = ratio(ours, redis)
    return f"{float(ours['rps']):,.0f} ({r:.2f}×)" if r is not None else f"{float(ours['rps']):,.0f}"


def label(test, clients, pipeline, space=" "):
    return f"{short(test)} -c{space}{clients}" + (f" -P{space}{pipeline}" if pipeline > 1 else "")


def changes(previous, current):
    """Sentences on what moved from one stage to the next, over every common test."""
    keys = sorted({(k[1], k[2], k[3]) for k, _, _ in pairs(current) if k[0] == "common"},
                  key=lambda k: (k[2], ["PING_MBULK", "SET", "GET"].index(k[0]) if k[0] in
                                 ("PING_MBULK", "SET", "GET") else 9, k[1]))
    served, lost, moved, other = [], [], [], []
    for test, c, p in keys:
        now, now_redis = common_value(current, test, c, p)
        before, before_redis = common_value(previous, test, c, p) if previous else (None, None)
        if now is None:
            continue
        was_ok = before is not None and ok(before)
        if ok(now) and not was_ok:
            r = ratio(now, now_redis)
            was = f"{before['status']} before, " if before is not None else ""
            served.append(f"{label(test, c, p)} ({was}{float(now['rps']):,.0f} req/s"
                          + (f", {r:.2f}× redis-server)" if r is not None else ")"))
        elif was_ok and not ok(now):
            lost.append(f"{label(test, c, p)} ({now['status']})")
        elif was_ok and ok(now):
            a, b = ratio(before, before_redis), ratio(now, now_redis)
            if a and b and (b / a > NOTABLE or a / b > NOTABLE):
                moved.append(f"{label(test, c, p)}: {a:.2f}× → {b:.2f}× redis-server")
        elif before is not None and before["status"] != now["status"]:
            other.append(f"{label(test, c, p)}: {before['status']} → {now['status']}")
        elif before is None and previous is not None:
            other.append(f"{label(test, c, p)}: {now['status']}")
    sentences = []
    if previous is None:
        sentences.append(("Serves " + "; ".join(served) + ".") if served else
                         "Serves none of the common tests.")
    elif served:
        sentences.append("Now served: " + "; ".join(served) + ".")
    if lost:
        sentences.append("No longer served: " + "; ".join(lost) + ".")
    if other:
        sentences.append("Reached, not yet served: " + "; ".join(other) + ".")
    if moved:
        sentences.append("Changed by more than 30% against redis-server: " + "; ".join(moved) + ".")
    if not sentences:
        sentences.append("No test changed status, and no ratio to redis-server moved by more than 30% "
                         "(the noise on this shared machine).")
    return " ".join(sentences)


def overview(results):
    stages = sorted(p.stem for p in results.glob("stage*.csv"))
    data = {s: read_rows(results / f"{s}.csv") for s in stages}
    lines = ['[cols="3,' + ",".join("2" for _ in OVERVIEW_COLUMNS) + ',2",options="header"]', "|===",
             "| Stage | " + " | ".join(label(*c, space="{nbsp}") for c in OVERVIEW_COLUMNS)
             + " | SET -c{nbsp}50 p99 ms"]
    for s in stages:
        cells = [cell(*common_value(data[s], *c)) for c in OVERVIEW_COLUMNS]
        ours, redis = common_value(data[s], "SET", 50, 1)
        p99 = f"{ours['p99_ms']} ({redis['p99_ms'] if ok(redis) else '–'})" if ok(ours) else cell(ours, redis)
        lines.append(f"|\n{chapter_link(s)}\n| " + " | ".join(cells) + f" | {p99}")
    lines.append("|===")
    text = "\n".join(lines) + "\n\n"
    text += ("Each cell: our requests per second, and in brackets the ratio to `redis-server` measured in the same "
             "run; the last column gives our p99 and, in brackets, `redis-server`'s. _n/a_: the stage does not "
             "implement the command yet; _stalled_: no reply for seconds (one client at a time); _failed_: "
             "`redis-benchmark` reported an error; –: not measured.\n\n")
    text += "=== Stage by stage\n\n"
    previous = None
    for s in stages:
        text += f"{chapter_link(s, '::')}\n{changes(previous and data[previous], data[s])}\n"
        previous = s
    text += "\n=== Per client count\n\n"
    charts = {}
    series = [("ours", OURS_COLOR), ("redis-server", REDIS_COLOR)]
    for test in OVERVIEW_CHARTS:
        for field, name, unit in (("rps", "throughput", "req/s"), ("p99_ms", "p99", "ms")):
            panels = []
            for clients in (1, 10, 50):
                categories = []
                for s in stages:
                    ours, redis = common_value(data[s], test, clients, 1)
                    if ours is None:
                        continue
                    if ours["status"] == "unsupported":
                        categories.append((s, ["not implemented in this stage", None]))
                    else:
                        categories.append((s, [metric(ours, field), metric(redis, field)]))
                if categories:
                    panels.append((f"-c {clients}, -P 1", categories))
            if not panels:
                continue
            what = "requests per second (higher is better)" if field == "rps" else \
                "99th percentile latency in ms (lower is better)"
            file = f"overview-{short(test).lower()}-{name}.svg"
            charts[file] = bar_chart(f"{short(test)}: {what}", unit, panels, series)
            text += (f'image::results/{file}["{short(test)}, {what}, every stage beside redis-server",'
                     f'role=chart]\n\n')
    measured = [(results / f"{s}.machine.txt").read_text().strip() for s in stages
                if (results / f"{s}.machine.txt").exists()]
    if measured:
        dates = sorted(m.split(" UTC: ", 1)[0].removeprefix("Measured on ") for m in measured)
        machine = measured[-1].split(" UTC: ", 1)[-1]
        text += (f"Measured between {dates[0]} and {dates[-1]} UTC, each stage in its own run: "
                 f"{escape_adoc(machine)}\n")
    return text, charts


# --- Files ----------------------------------------------------------------------------------------------------------

def stage_files(results, stage):
    fragment, charts = stage_fragment(stage, read_rows(results / f"{stage}.csv"))
    return {f"_{stage}.adoc": fragment, **charts}


def all_files(results):
    files = {}
    for path in sorted(results.glob("stage*.csv")):
        files.update(stage_files(results, path.stem))
    fragment, charts = overview(results)
    files["_overview.adoc"] = fragment
    files.update(charts)
    return files


def write(results, files):
    for name, content in files.items():
        (results / name).write_text(content)


def write_stage(results, stage):
    write(results, stage_files(results, stage))


def write_overview(results):
    fragment, charts = overview(results)
    write(results, {"_overview.adoc": fragment, **charts})


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", default=str(RESULTS))
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    results = Path(args.out)
    files = all_files(results)
    if args.check:
        stale = [n for n, c in files.items() if not (results / n).exists() or (results / n).read_text() != c]
        if stale:
            print(f"Out of date with the CSV files in {results}: {', '.join(stale)}\n"
                  f"Regenerate them with bench/report.py and commit them.", file=sys.stderr)
            sys.exit(1)
        print(f"Tables and charts in {results} match its CSV files ({len(files)} files).")
        return
    write(results, files)
    print(f"Wrote {len(files)} files to {results}")


if __name__ == "__main__":
    main()
