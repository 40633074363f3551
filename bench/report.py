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
import csv
import re
import sys
from pathlib import Path

sys.dont_write_bytecode = True
from charts import OURS_COLOR, REDIS_COLOR, bar_chart  # noqa: E402,F401 (OURS_COLOR: for stage08.py)

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "docs" / "src" / "docs" / "asciidoc" / "results"

# The overview's columns: (test, clients, pipeline), measured by the common matrix in every stage.
OVERVIEW_COLUMNS = [("PING_MBULK", 1, 1), ("SET", 1, 1), ("SET", 10, 1), ("SET", 50, 1), ("SET", 50, 16),
                    ("GET", 50, 16)]
OVERVIEW_CHARTS = ["PING_MBULK", "SET", "GET"]
MEASURES = ("rps", "avg_ms", "p50_ms", "p99_ms", "max_ms", "p999_ms")


# --- Data -----------------------------------------------------------------------------------------------------------

def read_rows(path):
    with open(path, newline="") as f:
        return normalize(list(csv.DictReader(f)))


def normalize(rows):
    """Types and defaults, for rows read from a CSV file (of any age: the first ones had no round) or made by
    bench.py."""
    for row in rows:
        row["clients"], row["pipeline"] = int(row["clients"]), int(row["pipeline"])
        row["round"] = int(row.get("round") or 1)
        for field in ("options", "note", "beside"):
            row[field] = row.get(field) or ""
        row["ours"] = row["server"] != "redis-server"
    return rows


def is_stage_csv(path):
    """A stage's benchmark CSV (bench/run.sh), as opposed to a JMH run or a chapter's own measurement."""
    with open(path, newline="") as f:
        header = f.readline().strip().split(",")
    return {"stage", "server", "variant", "rps"} <= set(header)


def stage_csvs(results):
    return sorted(p for p in results.glob("stage*.csv") if is_stage_csv(p))


STEP = re.compile(r"stage(\d\d)-step(\d\d)-(.+)")


def reactor_stages():
    """The stage modules of the reactor, in order (the overview lists a stage even before it is measured), a step
    by the name its results have: stage08-final/steps/01-event-loop is stage08-step01-event-loop."""
    pom = (ROOT / "pom.xml").read_text()
    names = []
    for module in re.findall(r"<module>(stage\d\d[^<]*)</module>", pom):
        step = re.fullmatch(r"(stage\d\d)-[^/]+/steps/(\d\d-.+)", module)
        names.append(f"{step.group(1)}-step{step.group(2)}" if step else module)
    return names


def steps_on_disk():
    """Every step of a stage, by the name its results have, in the reactor or not yet: each folder
    stageNN-*/steps/MM-name with a pom.xml (bench/run.sh builds one outside the reactor with -f)."""
    return sorted(f"{p.parent.parent.parent.name[:7]}-step{p.parent.name}"
                  for p in ROOT.glob("stage[0-9][0-9]-*/steps/[0-9][0-9]-*/pom.xml"))


def run_id(stage):
    """What bench/run.sh takes to measure a stage: 07, or 08.01 for a step."""
    step = STEP.fullmatch(stage)
    return f"{step.group(1)}.{step.group(2)}" if step else stage[5:7]


def predecessor(stage, measured):
    """The measured stage whose numbers a stage's are compared with: the last one before it, steps aside; for a step,
    the step before it, and for step 01 the last stage before its own."""
    step = STEP.fullmatch(stage)
    if step and int(step.group(2)) > 1:
        wanted = f"stage{step.group(1)}-step{int(step.group(2)) - 1:02d}-"
        return next((s for s in measured if s.startswith(wanted)), None)
    earlier = sorted(s for s in measured if not STEP.fullmatch(s)
                     and (s[5:7] < step.group(1) if step else s < stage))
    return earlier[-1] if earlier else None


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


def median_low(values):
    """The middle value, or the lower of the two middle ones: always one that was measured."""
    ordered = sorted(values)
    return ordered[(len(ordered) - 1) // 2]


def merge(rounds):
    """One row from a line's rows over the rounds: each measure its median (the row's own text, not reformatted). A
    line that was not "ok" in some round shows that round's status, and in how many rounds it was so."""
    rounds = [r for r in rounds if r is not None]
    if not rounds:
        return None
    bad = [r for r in rounds if not ok(r)]
    if bad:
        row = dict(bad[0])
        if len(bad) < len(rounds):
            row["note"] = (row["note"] + "; " if row["note"] else "") + f"in {len(bad)} of {len(rounds)} rounds"
        return row
    row = dict(rounds[0])
    for field in MEASURES:
        measured = [r for r in rounds if r.get(field)]
        if measured:
            row[field] = sorted(measured, key=lambda r: float(r[field]))[(len(measured) - 1) // 2][field]
    row["note"] = next((r["note"] for r in rounds if r["note"]), "")
    return row


class Result:
    """One test of one matrix line over its rounds: ours and redis-server's medians, and each round's ratio."""

    def __init__(self, key):
        self.key = key      # (variant, test, clients, pipeline, options, beside)
        self.ours_rounds, self.redis_rounds = {}, {}

    def finish(self):
        self.ours = merge(self.ours_rounds.values())
        self.redis = merge(self.redis_rounds.values())
        self.ratios = [r for r in (ratio(self.ours_rounds.get(n), self.redis_rounds.get(n))
                                   for n in sorted(self.ours_rounds)) if r is not None]
        self.ratio = median_low(self.ratios) if self.ratios else None
        return self

    def rounds(self):
        return max(len(self.ours_rounds), len(self.redis_rounds))

    def values(self, side, field):
        """A measure's value in each round that was "ok", for one side ("ours" or "redis")."""
        rows = self.ours_rounds if side == "ours" else self.redis_rounds
        return [float(r[field]) for _, r in sorted(rows.items()) if ok(r) and r.get(field)]

    def spread(self, side, field):
        """Half the range of a measure over the rounds, as a fraction of its median (0 with one round)."""
        values = self.values(side, field)
        if len(values) < 2 or median_low(values) == 0:
            return 0.0
        return (max(values) - min(values)) / 2 / median_low(values)


def results(rows):
    """[Result] in the order the lines ran. Within a round, redis-server's row belongs to the ours row of the same
    line: the newest one with the same variant, test, clients, pipeline and load beside, without a partner."""
    order, found = [], {}
    for round_ in sorted({r["round"] for r in rows}):
        latest = []
        for row in (r for r in rows if r["round"] == round_):
            base = (row["variant"], row["test"], row["clients"], row["pipeline"])
            if row["ours"]:
                key = base + (row["options"], row["beside"])
                latest.append(key)
            else:
                key = next((k for k in reversed(latest) if k[:4] == base and k[5] == row["beside"]
                            and round_ not in found[k].redis_rounds), base + ("", row["beside"]))
            if key not in found:
                found[key] = Result(key)
                order.append(key)
            (found[key].ours_rounds if row["ours"] else found[key].redis_rounds)[round_] = row
    return [found[k].finish() for k in order]


def chapter_link(stage, suffix=""):
    """A link to the stage's chapter, titled, if the site has that chapter (attribute chapter-<stage>, which the
    site build defines from the chapters it finds), else the stage's name: so that this file depends on the CSV
    files only."""
    return (f"ifdef::chapter-{stage}[xref:{stage}.adoc[{{chapter-{stage}}}]{suffix}]\n"
            f"ifndef::chapter-{stage}[{stage}{suffix}]")


def short(test):
    return {"PING_MBULK": "PING", "PING_INLINE": "PING (inline)"}.get(test, test)


def metric(row, field):
    if row is None:
        return "not run"
    if ok(row) and row.get(field):
        return float(row[field])
    return row["status"]


def escape_adoc(text):
    """Literal text in AsciiDoc: special characters escaped, no formatting, attributes or replacements."""
    return "pass:c[" + text.replace("]", "\\]") + "]"


def reply_note(note):
    """A probe's note, with the bytes the server answered in monospace."""
    if note.startswith("answered ") and "+" not in note:
        return f"answered `+{note.removeprefix('answered ')}+`"
    return escape_adoc(note)


def machine_text(results_dir, name):
    path = results_dir / name
    return path.read_text().strip() if path.exists() else ""


def placeholder_warning(machine):
    """A warning for figures that a smoke run wrote in place of a measurement (its machine file says so)."""
    if "PLACEHOLDER" not in machine:
        return ""
    return ("WARNING: Placeholder figures from a smoke run on a busy machine, not a measurement: they only show "
            "the shape of the table and the chart. The commands in this section replace them.\n\n")


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
    import chapters  # noqa: E402 (it imports this module)
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
