#!/usr/bin/env python3
"""Turns the benchmark CSV files into what the course site shows: tables, SVG charts and the overview.

    bench/report.py              regenerate everything from docs/src/docs/asciidoc/results/
    bench/report.py --check      fail if a committed table or chart differs from what the CSV files give
    bench/report.py --out DIR    another results folder (bench/run.sh --quick writes target/bench-quick)

For each <stage>.csv (bench/run.sh) it writes _<stage>.adoc (the table, the charts, and the tests the stage could not
serve), <stage>-throughput.svg and <stage>-p99.svg; from all of them _overview.adoc and overview-*.svg, which
overview.adoc includes. A stage's CSV has a row per round of its matrix: the tables show each line's median over
the rounds, and each round's ratio to redis-server so that the spread is in sight. bench/chapters.py adds the
chapters' own tables and charts: throughput by client count, the convoy, the scraper, the JMH runs
(<stage>-jmh.csv, JMH's own CSV, from bench/jmh.sh) with their scalability fit, chapter 5's connection storm and
Nagle probe, chapter 8.10's snapshots. Only the Python standard library is used. The output depends on the CSV
and machine files only (no dates, no randomness), so that --check can compare it byte for byte.
"""
import argparse
import sys
from pathlib import Path

sys.dont_write_bytecode = True
from charts import OURS_COLOR, REDIS_COLOR, bar_chart  # noqa: E402,F401 (OURS_COLOR: for stage08.py)

import chapters  # noqa: E402
from measured import (  # noqa: E402,F401 (re-exported: the other scripts use report.<name>)
    ROOT, RESULTS, MEASURES, read_rows, normalize, is_stage_csv, stage_csvs, STEP, reactor_stages, steps_on_disk,
    run_id, predecessor, ok, rate, ratio, median_low, merge, Result, results, chapter_link, short, metric,
    escape_adoc, reply_note, machine_text, placeholder_warning)

# The overview's columns: (test, clients, pipeline), measured by the common matrix in every stage.
OVERVIEW_COLUMNS = [("PING_MBULK", 1, 1), ("SET", 1, 1), ("SET", 10, 1), ("SET", 50, 1), ("SET", 50, 16),
                    ("GET", 50, 16)]
OVERVIEW_CHARTS = ["PING_MBULK", "SET", "GET"]

# --- One stage ------------------------------------------------------------------------------------------------------

def panel_of(result):
    """Which panel of the stage's charts a line goes to: the common matrix by pipeline depth; the stage's own lines by
    test and client count, so that the variants measured under the same load share one axis."""
    variant, test, clients, pipeline = result.key[:4]
    if variant == "common":
        return f"common matrix, -P {pipeline}", f"{short(test)}  -c {clients}"
    return f"{short(test)} -c {clients}" + (f" -P {pipeline}" if pipeline > 1 else ""), variant


def stage_charts(stage, measured):
    panels = {}
    for result in measured:
        heading, label = panel_of(result)
        panels.setdefault(heading, []).append((label, result))
    series = [(stage, OURS_COLOR), ("redis-server", REDIS_COLOR)]
    out = {}
    for field, name, unit in (("rps", "throughput", "req/s"), ("p99_ms", "p99", "ms")):
        title = (f"{stage}: requests per second, median of the rounds (higher is better)" if field == "rps"
                 else f"{stage}: 99th percentile latency in ms, median of the rounds (lower is better)")
        chart_panels = [(heading, [(label, [metric(r.ours, field), None if r.redis is None else metric(r.redis, field)])
                                   for label, r in group]) for heading, group in panels.items()]
        out[f"{stage}-{name}.svg"] = bar_chart(title, unit, chart_panels, series)
    return out


def line_label(key):
    variant, _test, _clients, _pipeline, options, beside = key
    return variant + (f" `{options}`" if options else "") + (f" (beside: {beside})" if beside else "")


def stage_fragment(stage, rows):
    all_results = results(rows)
    measured = [r for r in all_results if not (r.ours and r.ours["status"] == "unsupported")]
    unsupported = [r for r in all_results if r.ours and r.ours["status"] == "unsupported"]
    rounds = max((r.rounds() for r in all_results), default=1)
    each = rounds > 1
    lines = [f'[cols="2,2,1,1,2,2,1,{"2," if each else ""}2,2",options="header"]', "|===",
             f"| Variant | Test | Clients | Pipeline | {stage} req/s | redis-server req/s | Ratio"
             + (" | Ratio in each round" if each else "") + f" | {stage} p99 ms | redis-server p99 ms"]
    notes = []
    for result in measured:
        _variant, test, clients, pipeline = result.key[:4]
        cells = [line_label(result.key), test, str(clients), str(pipeline)]
        for row in (result.ours, result.redis):
            text = rate(row)
            if row is not None and not ok(row) and row["note"]:
                notes.append(f"{row['server']}, {short(test)} -c {clients} -P {pipeline}: {row['status']}, "
                             f"{row['note']}")
                text = f"{text} ^{len(notes)}^"
            cells.append(text)
        cells.append(f"{result.ratio:.2f}" if result.ratio is not None else "–")
        if each:
            cells.append(", ".join(f"{r:.2f}" for r in result.ratios) or "–")
        cells += [o["p99_ms"] if ok(o) else "–" for o in (result.ours, result.redis)]
        lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells))
    lines.append("|===")
    text = "\n".join(lines) + "\n"
    text += (f"\nThe median of {rounds} rounds; the ratio is ours over redis-server's in the same round (its median, "
             f"and each round's).\n" if each else "\nOne round of each line: the spread between runs is unknown.\n")
    if notes:
        text += "\n" + "\n".join(f"^{i}^ {escape_adoc(n)} +" for i, n in enumerate(notes, 1)).rstrip(" +") + "\n"
    if unsupported:
        names = [c[0] for c in OVERVIEW_COLUMNS]
        tests = sorted({r.key[1] for r in unsupported}, key=lambda t: names.index(t) if t in names else 99)
        examples = {}
        for r in unsupported:
            examples.setdefault(r.key[1], r.ours["note"])
        said = "; ".join(f"`{short(t)}` {reply_note(examples[t])}" for t in tests)
        text += (f"\nNot measured: {', '.join(short(t) for t in tests)} in the common matrix. {stage} does not "
                 f"implement {'it' if len(tests) == 1 else 'them'} yet: before the runs, a probe sent each command "
                 f"once and got another reply than Redis's ({said}).\n")
    text += (f'\nimage::results/{stage}-throughput.svg["Requests per second, {stage} beside redis-server",'
             f'role=chart]\n\nimage::results/{stage}-p99.svg["99th percentile latency, {stage} beside '
             f'redis-server",role=chart]\n')
    return text, stage_charts(stage, measured)


# --- Overview -------------------------------------------------------------------------------------------------------

def common_result(all_results, test, clients, pipeline):
    """The common matrix's Result for one test, or None."""
    return next((r for r in all_results if r.key[0] == "common" and r.key[1:4] == (test, clients, pipeline)), None)


def cell(result):
    if result is None or result.ours is None:
        return "–"
    if not ok(result.ours):
        return {"unsupported": "n/a"}.get(result.ours["status"], result.ours["status"])
    shown = f"{float(result.ours['rps']):,.0f}"
    return f"{shown} ({result.ratio:.2f}×)" if result.ratio is not None else shown


def label(test, clients, pipeline, space=" "):
    return f"{short(test)} -c{space}{clients}" + (f" -P{space}{pipeline}" if pipeline > 1 else "")


def ratio_range(result):
    low, high = min(result.ratios), max(result.ratios)
    return f"{result.ratio:.2f}×" + (f" ({low:.2f}–{high:.2f})" if len(result.ratios) > 1 else "")


def changes(previous, current):
    """Sentences on what moved from one stage to the next, over every common test. A ratio to redis-server is
    called changed only when the rounds of the two stages do not overlap: a move smaller than the spread of its
    own rounds is noise, whatever its size."""
    first = ["PING_MBULK", "SET", "GET"]
    keys = sorted({r.key[1:4] for r in current if r.key[0] == "common"},
                  key=lambda k: (k[2], first.index(k[0]) if k[0] in first else 9, k[1]))
    served, lost, moved, other = [], [], [], []
    single, compared = False, 0
    for test, c, p in keys:
        now = common_result(current, test, c, p)
        before = common_result(previous, test, c, p) if previous is not None else None
        if now is None or now.ours is None:
            continue
        was_ok = before is not None and ok(before.ours)
        if ok(now.ours) and not was_ok:
            was = f"{before.ours['status']} before, " if before is not None and before.ours else ""
            served.append(f"{label(test, c, p)} ({was}{float(now.ours['rps']):,.0f} req/s"
                          + (f", {now.ratio:.2f}× redis-server)" if now.ratio is not None else ")"))
        elif was_ok and not ok(now.ours):
            lost.append(f"{label(test, c, p)} ({now.ours['status']})")
        elif was_ok and ok(now.ours) and before.ratios and now.ratios:
            compared += 1
            if len(before.ratios) < 2 or len(now.ratios) < 2:
                single = True
            elif min(now.ratios) > max(before.ratios) or max(now.ratios) < min(before.ratios):
                moved.append(f"{label(test, c, p)}: {ratio_range(before)} → {ratio_range(now)} redis-server")
        elif before is not None and before.ours and before.ours["status"] != now.ours["status"]:
            other.append(f"{label(test, c, p)}: {before.ours['status']} → {now.ours['status']}")
        elif before is None and previous is not None:
            other.append(f"{label(test, c, p)}: {now.ours['status']}")
    sentences = []
    if previous is None:
        sentences.append(("Serves " + "; ".join(served) + ".") if served else "Serves none of the common tests.")
    elif served:
        sentences.append("Now served: " + "; ".join(served) + ".")
    if lost:
        sentences.append("No longer served: " + "; ".join(lost) + ".")
    if other:
        sentences.append("Reached, not yet served: " + "; ".join(other) + ".")
    if moved:
        sentences.append("Changed beyond the spread of the rounds (ratio to redis-server, median and range): "
                         + "; ".join(moved) + ".")
    if compared and single:
        sentences.append("One of the two stages was measured in one round only, so no change of ratio is told "
                         "apart from noise.")
    elif compared and not moved:
        sentences.append("No ratio to redis-server moved by more than the spread of its rounds.")
    return " ".join(sentences)


def overview(results_dir):
    measured = {p.stem: results(read_rows(p)) for p in stage_csvs(results_dir)}
    stages = sorted(set(reactor_stages()) | set(measured))
    lines = ['[cols="3,' + ",".join("2" for _ in OVERVIEW_COLUMNS) + ',2",options="header"]', "|===",
             "| Stage | " + " | ".join(label(*c, space="{nbsp}") for c in OVERVIEW_COLUMNS)
             + " | SET -c{nbsp}50 p99 ms"]
    for s in stages:
        if s not in measured:
            lines.append(f"|\n{chapter_link(s)}\n{len(OVERVIEW_COLUMNS) + 1}+| not measured yet "
                         f"(`bench/run.sh {run_id(s)}`)")
            continue
        cells = [cell(common_result(measured[s], *c)) for c in OVERVIEW_COLUMNS]
        set50 = common_result(measured[s], "SET", 50, 1)
        ours, redis = (set50.ours, set50.redis) if set50 else (None, None)
        p99 = f"{ours['p99_ms']} ({redis['p99_ms'] if ok(redis) else '–'})" if ok(ours) else cell(set50)
        lines.append(f"|\n{chapter_link(s)}\n| " + " | ".join(cells) + f" | {p99}")
    lines.append("|===")
    text = "\n".join(lines) + "\n\n"
    text += ("Each cell: our requests per second, and in brackets the ratio to `redis-server` measured in the same "
             "run (medians over the rounds); the last column gives our p99 and, in brackets, `redis-server`'s. "
             "_n/a_: the stage does not implement the command yet; _stalled_: no reply for seconds (one client at a "
             "time); _failed_: `redis-benchmark` reported an error; –: not measured.\n\n")
    text += "=== Stage by stage\n\n"
    for s in stages:
        if s not in measured:
            text += f"{chapter_link(s, '::')}\nNot measured yet.\n"
            continue
        before = predecessor(s, measured)
        text += f"{chapter_link(s, '::')}\n{changes(measured[before] if before else None, measured[s])}\n"
    text += "\n=== Per client count\n\n"
    charts = {}
    series = [("ours", OURS_COLOR), ("redis-server", REDIS_COLOR)]
    for test in OVERVIEW_CHARTS:
        for field, name, unit in (("rps", "throughput", "req/s"), ("p99_ms", "p99", "ms")):
            panels = []
            for clients in (1, 10, 50):
                categories = []
                for s in stages:
                    result = common_result(measured.get(s, []), test, clients, 1)
                    if result is None or result.ours is None:
                        continue
                    if result.ours["status"] == "unsupported":
                        categories.append((s, ["not implemented in this stage", None]))
                    else:
                        categories.append((s, [metric(result.ours, field), metric(result.redis, field)]))
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
    machines = [machine_text(results_dir, f"{s}.machine.txt") for s in stages if s in measured]
    machines = [m for m in machines if m]
    if machines:
        dates = sorted(m.split(" UTC: ", 1)[0].removeprefix("Measured on ") for m in machines)
        machine = machines[-1].split(" UTC: ", 1)[-1]
        text += (f"Measured between {dates[0]} and {dates[-1]} UTC, each stage in its own run: "
                 f"{escape_adoc(machine)}\n")
    return text, charts


# --- Files ----------------------------------------------------------------------------------------------------------

def stage_files(results_dir, stage):
    fragment, charts = stage_fragment(stage, read_rows(results_dir / f"{stage}.csv"))
    return {f"_{stage}.adoc": fragment, **charts}


def all_files(results_dir):
    files = {}
    for path in stage_csvs(results_dir):
        files.update(stage_files(results_dir, path.stem))
    fragment, charts = overview(results_dir)
    files["_overview.adoc"] = fragment
    files.update(charts)
    files.update(chapters.files(results_dir))
    return files


def write(results_dir, files):
    for name, content in files.items():
        path = results_dir / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content)


def write_stage(results_dir, stage):
    write(results_dir, stage_files(results_dir, stage))


def write_all(results_dir):
    write(results_dir, all_files(results_dir))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", default=str(RESULTS))
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    results_dir = Path(args.out)
    files = all_files(results_dir)
    if args.check:
        stale = [n for n, c in files.items()
                 if not (results_dir / n).exists() or (results_dir / n).read_text() != c]
        if stale:
            print(f"Out of date with the CSV files in {results_dir}: {', '.join(stale)}\n"
                  f"Regenerate them with bench/report.py and commit them.", file=sys.stderr)
            sys.exit(1)
        print(f"Tables and charts in {results_dir} match its CSV files ({len(files)} files).")
        return
    write(results_dir, files)
    print(f"Wrote {len(files)} files to {results_dir}")


if __name__ == "__main__":
    main()
