"""The chapters' own tables, charts and sentences, drawn by bench/report.py from the committed CSV files.

    <stage>-clients       throughput and p99 against the client count, for every variant of a stage's own matrix
                          measured at three client counts or more (chapters 4 and 7)
    stage04 convoy        the locks held over the reply's write (--hold-lock-over-write), beside the same store
                          without it (chapter 4)
    stage07 scraper       each metrics implementation with and without INFO polled beside the benchmark (chapter 7)
    <stage>-jmh           a JMH run (bench/jmh.sh: JMH's own CSV) by thread count, with its error margins; for
                          StoreBenchmark also the Universal Scalability Law fitted to it and its projection
    chapter 5             the connection storm and the Nagle probe (stage05's src/bench/run.sh)
    chapter 8.10         stage08's snapshots beside redis-server's fork (bench/stage08.sh --persistence)

Sentences that quote numbers are written here, from the CSV files, so that a chapter stays right when its
numbers are measured again: the chapter's prose explains, the generated text says how much.
"""
import csv
import math
import re

import measured
import usl
from charts import OURS_COLOR, PALETTE, REDIS_COLOR, bar_chart, line_chart

CONVOY_STAGE = "stage04-concurrency"
SCRAPER_STAGE = "stage07-metrics"
# Step 01 of stage 8 runs stage 7's metrics matrix again, scraper included, on one event loop.
SCRAPER_STAGES = (SCRAPER_STAGE, "stage08-step01-event-loop")
HELD = "/held-over-write"
SCRAPED = "/scraped"
# Core counts the scalability law is projected to.
PROJECTED_CORES = [1, 2, 4, 8, 16, 32, 64]


def percent(new, old):
    return f"{(new / old - 1) * 100:+.0f}%" if old else "–"


def separated(a, b):
    """Whether two sets of measurements (each round's value, or score ± error) do not overlap at all."""
    return min(a) > max(b) or max(a) < min(b)


# --- Throughput and p99 against the client count ----------------------------------------------------------------------

def spread_cell(result, field, unit):
    if not measured.ok(result.ours):
        return result.ours["status"] if result.ours else "–"
    value = float(result.ours[field])
    shown = f"{value:,.0f}" if unit == "req/s" else f"{value:g} ms"
    spread = result.spread("ours", field)
    return shown + (f" ±{spread * 100:.0f}%" if result.rounds() > 1 else "")


def by_variant(stage_results):
    """{variant: {(test, clients): Result}} of a stage's own lines (not the common matrix)."""
    found = {}
    for r in stage_results:
        variant, test, clients = r.key[:3]
        if variant != "common" and r.ours is not None:
            found.setdefault(variant, {})[(test, clients)] = r
    return found


def redis_by_count(stage_results):
    """{(test, clients): Result with a redis-server row} over a stage's own lines without a load beside."""
    found = {}
    for r in stage_results:
        if r.key[0] != "common" and r.redis is not None and not r.key[5]:
            found.setdefault(r.key[1:3], r)
    return found


def clients_files(stage, stage_results):
    variants = {v: lines for v, lines in by_variant(stage_results).items()
                if len({c for _, c in lines}) >= 3}
    if not variants:
        if stage not in (CONVOY_STAGE, SCRAPER_STAGE):
            return {}
        return {f"_{stage}-clients.adoc": f"NOTE: Not measured at three client counts or more yet: `bench/run.sh "
                                          f"{stage[5:7]}` measures every variant of its matrix at 1 to "
                                          f"{'500' if stage == CONVOY_STAGE else '200'} clients.\n"}
    tests = list(dict.fromkeys(t for lines in variants.values() for t, _ in lines))
    counts = sorted({c for lines in variants.values() for _, c in lines})
    redis = redis_by_count(stage_results)
    names = list(variants) + ["redis-server"]
    table = [f'[cols="1,1,{",".join("3" for _ in names)}",options="header"]', "|===",
             "| Test | Clients | " + " | ".join(f"{n}: req/s, p99" for n in names)]
    for test in tests:
        for c in counts:
            cells = []
            for v in variants:
                r = variants[v].get((test, c))
                cells.append("–" if r is None else
                             f"{spread_cell(r, 'rps', 'req/s')}, {spread_cell(r, 'p99_ms', 'ms')}")
            r = redis.get((test, c))
            cells.append("–" if r is None or not measured.ok(r.redis) else
                         f"{float(r.redis['rps']):,.0f}, {r.redis['p99_ms']} ms")
            table.append(f"| {test} | {c} | " + " | ".join(cells))
    table.append("|===")
    files = {}
    for field, name, unit, what in (("rps", "throughput", "req/s", "requests per second (higher is better)"),
                                    ("p99_ms", "p99", "ms", "99th percentile latency in ms (lower is better)")):
        panels = []
        for test in tests:
            series = []
            for i, v in enumerate(variants):
                points = [(c, float(r.ours[field]), (max(r.values("ours", field)) - min(r.values("ours", field))) / 2)
                          for (t, c), r in sorted(variants[v].items()) if t == test and measured.ok(r.ours)]
                if points:
                    series.append(dict(name=v, colour=PALETTE[i % len(PALETTE)], points=points))
            points = [(c, float(r.redis[field]), None) for (t, c), r in sorted(redis.items())
                      if t == test and measured.ok(r.redis)]
            if points:
                series.append(dict(name="redis-server", colour=REDIS_COLOR, points=points))
            panels.append((f"{measured.short(test)}, one request in flight per client", series))
        files[f"{stage}-clients-{name}.svg"] = line_chart(
            f"{stage}: {what}, by client count", unit, "clients", panels,
            "Medians of the rounds; bars: half the range of the rounds")
    text = "\n".join(table) + "\n\nThe median of the rounds, ± half their range as a share of it.\n"
    text += (f'\nimage::results/{stage}-clients-throughput.svg["Requests per second by client count",role=chart]\n'
             f'\nimage::results/{stage}-clients-p99.svg["99th percentile latency by client count",role=chart]\n')
    files[f"_{stage}-clients.adoc"] = text
    return files


# --- Chapter 4: the convoy ------------------------------------------------------------------------------------------

def compare(before, after, field="rps"):
    """"12,345 → 9,876 req/s (−20%)", and whether the rounds of the two are apart."""
    a, b = float(before.ours[field]), float(after.ours[field])
    shown = (lambda v: f"{v:,.0f}") if field == "rps" else (lambda v: f"{v:g} ms")
    if before.rounds() < 2 or after.rounds() < 2:
        return f"{shown(a)} → {shown(b)} ({percent(b, a)})", None
    return f"{shown(a)} → {shown(b)} ({percent(b, a)})", separated(before.values("ours", field),
                                                                   after.values("ours", field))


def verdict(apart_all, rounds):
    if rounds < 2:
        return " Measured in one round only: nothing here is told apart from noise yet."
    if apart_all:
        return " Every change named here is beyond the spread of the rounds (no round of one overlaps the other's)."
    return " Where the rounds of the two overlap, the change is not told apart from noise."


def spread_note(apart):
    """Said after a change: whether the rounds of the two overlap (nothing said with a single round)."""
    return {True: " (beyond the rounds' spread)", False: " (within the rounds' spread)"}.get(apart, "")


def convoy_fragment(stage_results):
    lines = by_variant(stage_results)
    needed = ["locked", "striped", "locked" + HELD, "striped" + HELD]
    if not all(v in lines for v in needed):
        return ("NOTE: Not measured yet: `bench/run.sh 04` runs both stores with and without "
                "`--hold-lock-over-write` and writes these sentences.\n")
    text = []
    rounds = min(r.rounds() for v in needed for r in lines[v].values())
    apart_all = True
    for test in dict.fromkeys(t for t, _ in lines["locked" + HELD]):
        counts = sorted(c for t, c in lines["locked" + HELD] if t == test)
        for c in (counts[0], counts[-1]):
            said = []
            for store in ("locked", "striped"):
                plain, held = lines[store].get((test, c)), lines[store + HELD].get((test, c))
                if not (plain and held and measured.ok(plain.ours) and measured.ok(held.ours)):
                    continue
                rps, apart = compare(plain, held)
                p99, apart99 = compare(plain, held, "p99_ms")
                apart_all &= bool(apart and apart99)
                said.append(f"the {store} store {rps} requests a second{spread_note(apart)}, "
                            f"p99 {p99}{spread_note(apart99)}")
            if said:
                who = "one client, who never waits for the lock" if c == 1 else f"{c} clients"
                text.append(f"* `{measured.short(test)}`, {who}: holding the lock over the write took " +
                            "; ".join(said) + ".")
    return ("\n".join(text) + "\n\n" + f"The median of {rounds} round{'s' if rounds > 1 else ''}."
            + verdict(apart_all, rounds) + "\n")


# --- Chapter 7: the scraper -----------------------------------------------------------------------------------------

def scraper_files(stage_results, stage=SCRAPER_STAGE):
    lines = by_variant(stage_results)
    scraped = [v for v in lines if v.endswith(SCRAPED) and v.removesuffix(SCRAPED) in lines]
    if not scraped:
        return {f"_{stage}-scraper.adoc": f"NOTE: Not measured yet: `bench/run.sh {measured.run_id(stage)}` runs each "
                                          "metrics implementation with and without a scraper polling `INFO`, and "
                                          "writes this table.\n"}
    table = ['[cols="2,1,1,1,2,2,1,2,2,1",options="header"]', "|===",
             "| Metrics | Test | Clients | INFO polled a second | req/s alone | req/s scraped | change | p99 alone "
             "| p99 scraped | change"]
    panels_rps, panels_p99, said = {}, {}, []
    rounds, apart_all, polled = 1, True, ""
    for v in scraped:
        plain = v.removesuffix(SCRAPED)
        for (test, c), held in sorted(lines[v].items()):
            alone = lines[plain].get((test, c))
            if not (alone and measured.ok(alone.ours) and measured.ok(held.ours)):
                continue
            rounds = max(rounds, min(alone.rounds(), held.rounds()))
            polled = polled or held.key[5]
            rps, apart = compare(alone, held)
            p99, apart99 = compare(alone, held, "p99_ms")
            apart_all &= bool(apart and apart99)
            a, b = float(alone.ours["rps"]), float(held.ours["rps"])
            rate = re.search(r"polled ([0-9,]+)/s", held.ours["note"])
            table.append(f"| {plain} | {test} | {c} | {rate.group(1) if rate else '–'} "
                         f"| {spread_cell(alone, 'rps', 'req/s')} "
                         f"| {spread_cell(held, 'rps', 'req/s')} | {percent(b, a)} "
                         f"| {spread_cell(alone, 'p99_ms', 'ms')} | {spread_cell(held, 'p99_ms', 'ms')} "
                         f"| {percent(float(held.ours['p99_ms']), float(alone.ours['p99_ms']))}")
            heading = f"{measured.short(test)} -c {c}"
            panels_rps.setdefault(heading, []).append((plain, [a, b]))
            panels_p99.setdefault(heading, []).append((plain, [float(alone.ours["p99_ms"]),
                                                              float(held.ours["p99_ms"])]))
            said.append(f"{plain} {measured.short(test)} -c {c}: {rps} req/s, p99 {p99}")
    table.append("|===")
    series = [("alone", OURS_COLOR), ("scraped", PALETTE[0])]
    text = (f"Beside the benchmark: `{polled}` on a connection of its own, paced, each reply read before the next "
            f"request (the rate it reached is in the table: a slow INFO slows its own scraper). " if polled else "") \
        + f"The median of {rounds} round" \
        + ("s, ± half their range." if rounds > 1 else ".") + verdict(apart_all, rounds) + "\n\n"
    text += "\n".join(table) + "\n"
    text += (f'\nimage::results/{stage}-scraper-throughput.svg["Requests per second with and without a '
             f'scraper, by metrics implementation",role=chart]\n\nimage::results/{stage}-scraper-p99.svg'
             f'["99th percentile latency with and without a scraper",role=chart]\n')
    return {f"_{stage}-scraper.adoc": text,
            f"{stage}-scraper-throughput.svg": bar_chart(
                "Requests per second, alone and with INFO polled beside (higher is better)", "req/s",
                list(panels_rps.items()), series),
            f"{stage}-scraper-p99.svg": bar_chart(
                "99th percentile latency in ms, alone and with INFO polled beside (lower is better)", "ms",
                list(panels_p99.items()), series)}


# --- JMH ------------------------------------------------------------------------------------------------------------

def read_jmh(path):
    """JMH's CSV (-rf csv): [dict(benchmark, threads, score, error, unit, params)]."""
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    out = []
    for r in rows:
        error = float(r["Score Error (99.9%)"]) if r["Score Error (99.9%)"] not in ("", "NaN") else None
        params = tuple((k.removeprefix("Param: "), v) for k, v in r.items() if k.startswith("Param: "))
        out.append(dict(benchmark=r["Benchmark"].rsplit(".", 2)[-2], threads=int(r["Threads"]),
                        score=float(r["Score"]), error=error if error is None or not math.isnan(error) else None,
                        unit=r["Unit"], params=params))
    return out


def interval(row):
    return (row["score"] - (row["error"] or 0), row["score"] + (row["error"] or 0))


def series_name(params):
    return ", ".join(f"{v}" if k in ("store", "metrics") else f"{k} {v}" for k, v in params)


def cores_of(machine):
    m = re.search(r"(\d+) cores", machine)
    return int(m.group(1)) if m else 2


def jmh_table(rows, threads):
    groups = list(dict.fromkeys(r["params"] for r in rows))
    score = {(r["params"], r["threads"]): r for r in rows}
    table = [f'[cols="3,{",".join("2" for _ in threads)},1",options="header"]', "|===",
             "| " + " | ".join([", ".join(k for k, _ in groups[0])] + [f"{t} thread{'s' if t > 1 else ''}"
                                                                        for t in threads]) + " | 2 threads / 1"]
    for g in groups:
        cells = []
        for t in threads:
            r = score.get((g, t))
            cells.append("–" if r is None else f"{r['score']:.2f}" + (f" ± {r['error']:.2f}" if r["error"] else ""))
        one, two = score.get((g, 1)), score.get((g, 2))
        cells.append(f"{two['score'] / one['score']:.2f}×" if one and two else "–")
        table.append(f"| {series_name(g)} | " + " | ".join(cells))
    table.append("|===")
    return "\n".join(table) + "\n"


def jmh_sentences(rows, threads):
    """For each condition, the ranking at 2 threads and whether the error margins of neighbours overlap."""
    score = {(r["params"], r["threads"]): r for r in rows}
    groups = list(dict.fromkeys(r["params"] for r in rows))
    conditions = {}
    for g in groups:
        conditions.setdefault(tuple(p for p in g if p[0] not in ("store", "metrics")), []).append(g)
    text = []
    for condition, members in conditions.items():
        for t in [t for t in dict.fromkeys((2, threads[-1])) if t in threads]:
            found = sorted((score[(g, t)] for g in members if (g, t) in score), key=lambda r: -r["score"])
            if len(found) < 2:
                continue
            parts = [f"{series_name(tuple(p for p in r['params'] if p not in condition))} "
                     f"{r['score']:.2f}" + (f" ± {r['error']:.2f}" if r["error"] else "") for r in found]
            apart = all(separated(interval(a), interval(b)) for a, b in zip(found, found[1:]))
            where = ", ".join(f"{k} {v}" for k, v in condition)
            said = ("no error margin (one sample each): nothing is told apart." if any(r["error"] is None for r in found)
                    else "every margin apart from the next." if apart
                    else "some margins overlap: those are not told apart.")
            text.append(f"* {t} threads{', ' + where if where else ''}: " + " > ".join(parts) + " "
                        f"(M ops/s); " + said)
    return "\n".join(text) + "\n"


def jmh_files(stage, path, machine):
    rows = read_jmh(path)
    if not rows:
        return {}
    threads = sorted({r["threads"] for r in rows})
    conditions = {}
    for r in rows:
        condition = tuple(p for p in r["params"] if p[0] not in ("store", "metrics"))
        conditions.setdefault(condition, {}).setdefault(r["params"], []).append(r)
    panels = []
    for condition, groups in conditions.items():
        series = [dict(name=series_name(tuple(p for p in g if p not in condition)), colour=PALETTE[i % len(PALETTE)],
                       points=[(r["threads"], r["score"], r["error"]) for r in sorted(rs, key=lambda r: r["threads"])])
                  for i, (g, rs) in enumerate(groups.items())]
        panels.append((", ".join(f"{k} {v}" for k, v in condition) or rows[0]["benchmark"], series))
    unit = rows[0]["unit"].replace("ops/us", "M ops/s")
    files = {f"{stage}-jmh.svg": line_chart(f"{rows[0]['benchmark']}: operations per microsecond by thread count "
                                            f"(higher is better)", unit, "threads", panels,
                                            "Bars: JMH's 99.9% error margin")}
    text = measured.placeholder_warning(machine) + jmh_table(rows, threads)
    text += ("\nMillions of operations a second (JMH's operations per microsecond), all threads together, ± JMH's "
             "99.9% error margin.\n\n" + jmh_sentences(rows, threads))
    text += f'\nimage::results/{stage}-jmh.svg["{rows[0]["benchmark"]} by thread count",role=chart]\n'
    text += f"\n{measured.escape_adoc(machine)}\n" if machine else ""
    files[f"_{stage}-jmh.adoc"] = text
    if rows[0]["benchmark"] == "StoreBenchmark":
        files.update(usl_files(stage, conditions, cores_of(machine), machine))
    return files


def peak_text(model):
    top = usl.peak(model)
    if top is None:
        return "never turns down"
    return f"{top:.1f} cores" if top > 1 else "falls from the first core on"


def usl_files(stage, conditions, cores, machine):
    """The law fitted to each store's points up to the number of cores, and its projection to 64 cores."""
    table = ['[cols="3,1,1,1,1,1,1,1",options="header"]', "|===",
             "| Store | σ (serial) | κ (coherency) | 1 core, measured | 8 cores, projected | 16, projected "
             "| 64, projected | peak at"]
    panels = []
    for condition, groups in conditions.items():
        series = []
        for i, (g, rs) in enumerate(groups.items()):
            name = series_name(tuple(p for p in g if p not in condition))
            points = [(r["threads"], r["score"]) for r in rs if r["threads"] <= cores]
            model = usl.fit(points)
            if model is None:
                continue
            colour = PALETTE[i % len(PALETTE)]
            series.append(dict(name=name, colour=colour, label=False,
                               points=[(r["threads"], r["score"], r["error"]) for r in rs if r["threads"] <= cores]))
            series.append(dict(name=name, colour=colour, dashed=True,
                               points=[(n, usl.throughput(model, n), None) for n in PROJECTED_CORES]))
            where = ", ".join(f"{k} {v}" for k, v in condition)
            table.append(f"| {name}{', ' + where if where else ''} | {model['sigma']:.3f} | {model['kappa']:.4f} "
                         f"| {model['x1']:.2f} | " + " | ".join(f"{usl.throughput(model, n):.2f}" for n in (8, 16, 64))
                         + f" | {peak_text(model)}")
        panels.append((", ".join(f"{k} {v}" for k, v in condition) or "StoreBenchmark", series))
    table.append("|===")
    text = measured.placeholder_warning(machine) + "\n".join(table) + "\n"
    text += (f"\nFitted to the thread counts up to {cores} (this machine's cores); with two core counts the fit has "
             f"one equation, so κ is 0 unless two threads were slower than one. Every figure past {cores} cores is "
             f"the model's projection, in millions of operations a second, not a measurement.\n")
    text += f'\nimage::results/{stage}-usl.svg["The scalability law fitted to the stores, projected to 64 cores",' \
            f'role=chart]\n'
    return {f"_{stage}-usl.adoc": text,
            f"{stage}-usl.svg": line_chart(
                f"Measured up to {cores} cores (solid) and the fitted law's projection (dashed): M ops/s", "M ops/s",
                "cores", panels, f"PROJECTION past {cores} cores: the fitted law, not a measurement; a logarithmic "
                                 f"scale", log_y=True)}


# --- Chapter 5: the connection storm and Nagle ----------------------------------------------------------------------

def read_csv(path):
    if not path.exists():
        return None
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def storm_files(folder):
    rows = read_csv(folder / "storm.csv")
    if rows is None:
        return {}
    t = ['[cols="3,1,1,2,2,2,2,2,2",options="header"]', "|===",
         "| Server | Backlog | Clients | No reply within 20 s | connect p50 ms | connect p99 ms | connect max ms"
         " | connects ≥ 1 s | run ms"]
    categories, seen = [], {}
    for r in rows:
        t.append(f"| {r['server']} | {r['backlog']} | {r['clients']} | {r['failed']} | {r['connect_p50_ms']}"
                 f" | {r['connect_p99_ms']} | {r['connect_max_ms']} | {r['connects_over_1s']} | {r['all_served_ms']}")
        key = (r["server"], r["backlog"])
        seen[key] = seen.get(key, 0) + 1
        categories.append((f"{r['server']}, backlog {r['backlog']}, run {seen[key]}",
                           [float(r[f]) for f in ("connect_p50_ms", "connect_p99_ms", "connect_max_ms")]))
    series = [("p50", REDIS_COLOR), ("p99", OURS_COLOR), ("max", PALETTE[0])]
    chart = bar_chart("Time to connect during a storm of 1,000 clients, ms (lower is better)", "ms",
                      [("one axis for all: a full backlog costs a SYN retry of a second", categories)], series)
    text = "\n".join(t + ["|==="]) + "\n" + '\nimage::results/stage05-backlog-tuning/storm.svg["Time to connect ' \
        'during a connection storm, backlog 511 against 1",role=chart]\n'
    return {"stage05-backlog-tuning/_storm.adoc": text, "stage05-backlog-tuning/storm.svg": chart}


def nagle_files(folder):
    rows = read_csv(folder / "nagle.csv")
    if rows is None:
        return {}
    t = ['[cols="3,1,1,1,1,2,2,2",options="header"]', "|===",
         "| Server | TCP_NODELAY | GETs per batch | Value bytes | Reply bytes | p50 ms | p99 ms | max ms"]
    panels = {}
    for r in rows:
        t.append(f"| {r['server']} | {r['tcp_nodelay']} | {r['batch']} | {r['value_bytes']} | {r['reply_bytes']}"
                 f" | {r['p50_ms']} | {r['p99_ms']} | {r['max_ms']}")
        heading = f"{r['batch']} GET{'s' if r['batch'] != '1' else ''} of {r['value_bytes']} bytes a batch " \
                  f"({int(r['reply_bytes']):,} reply bytes)"
        panels.setdefault(heading, []).append((f"{r['server']}, TCP_NODELAY {r['tcp_nodelay']}",
                                               [float(r["p50_ms"]), float(r["p99_ms"])]))
    chart = bar_chart("Round trip of a pipelined batch, ms (lower is better)", "ms", list(panels.items()),
                      [("p50", OURS_COLOR), ("p99", PALETTE[0])])
    text = "\n".join(t + ["|==="]) + "\n" + '\nimage::results/stage05-backlog-tuning/nagle.svg["Round trip of a ' \
        'batch with TCP_NODELAY on and off",role=chart]\n'
    return {"stage05-backlog-tuning/_nagle.adoc": text, "stage05-backlog-tuning/nagle.svg": chart}


# --- Chapter 8.5: snapshots -----------------------------------------------------------------------------------------

def persistence_files(folder, prefix=""):
    """_snapshot_memory.adoc and _snapshot_latency.adoc with their charts (prefix: their folder in the results)."""
    files = {}
    mib = lambda b: f"{int(b) / (1 << 20):,.1f} MiB"  # noqa: E731
    memory_rows = read_csv(folder / "snapshot_memory.csv")
    if memory_rows is not None:
        lines = ['[options="header",cols="2,>1,>1,>1,>1,>1,>1"]', "|===",
                 "| server | keys | data set (used_memory) | BGSAVE took | extra memory at the peak | "
                 "extra / data set | SET/s during the BGSAVE"]
        for r in memory_rows:
            lines.append(f"| {r['server']} | {int(r['keys']):,} | {mib(r['used_memory_bytes'])} | {r['bgsave_ms']} ms"
                         f" | {mib(r['extra_peak_bytes'])} | {float(r['extra_fraction']) * 100:.1f} % | "
                         f"{int(r['writes_per_second_during']):,}")
        lines.append("|===")
        chart = bar_chart("Memory during a BGSAVE under writes, MiB (lower is better)", "MiB",
                          [("the data set and what the snapshot added at its peak, one axis",
                            [(r["server"], [int(r["used_memory_bytes"]) / (1 << 20),
                                            int(r["extra_peak_bytes"]) / (1 << 20)]) for r in memory_rows])],
                          [("data set", REDIS_COLOR), ("extra at the peak", OURS_COLOR)])
        files[prefix + "_snapshot_memory.adoc"] = "\n".join(lines) + "\n" + (
            f'\nimage::results/{prefix}snapshot-memory.svg["Extra memory at the peak of a snapshot, beside the '
            f'data set",role=chart]\n')
        files[prefix + "snapshot-memory.svg"] = chart
    latency_rows = read_csv(folder / "snapshot_latency.csv")
    if latency_rows is not None:
        lines = ['[options="header",cols="2,2,>1,>1,>1,>1,>1,>1"]', "|===",
                 "| server | while | snapshots | SET/s | p50 ms | p99 ms | p99.9 ms | max ms"]
        for r in latency_rows:
            lines.append(f"| {r['server']} | {r['mode']} | {r['snapshots']} | {float(r['rps']):,.0f} | {r['p50_ms']}"
                         f" | {r['p99_ms']} | {r['p999_ms']} | {r['max_ms']}")
        lines.append("|===")
        label = lambda r: f"{r['server']}, {r['mode']}"  # noqa: E731
        files[prefix + "_snapshot_latency.adoc"] = "\n".join(lines) + "\n" + (
            f'\nimage::results/{prefix}snapshot-latency-throughput.svg["SET throughput with and without snapshots",'
            f'role=chart]\n\nimage::results/{prefix}snapshot-latency-p99.svg["SET latency with and without '
            f'snapshots",role=chart]\n')
        files[prefix + "snapshot-latency-throughput.svg"] = bar_chart(
            "SET -c 50 with and without snapshots back to back: requests per second (higher is better)", "req/s",
            [("one axis for all", [(label(r), [float(r["rps"])]) for r in latency_rows])], [("SET/s", OURS_COLOR)])
        files[prefix + "snapshot-latency-p99.svg"] = bar_chart(
            "SET -c 50 with and without snapshots back to back: latency in ms (lower is better)", "ms",
            [("one axis for all", [(label(r), [float(r["p99_ms"]), float(r["p999_ms"])]) for r in latency_rows])],
            [("p99", OURS_COLOR), ("p99.9", PALETTE[0])])
    return files


# --- All ------------------------------------------------------------------------------------------------------------

def files(results_dir):
    out = {}
    for path in measured.stage_csvs(results_dir):
        stage_results = measured.results(measured.read_rows(path))
        out.update(clients_files(path.stem, stage_results))
        if path.stem == CONVOY_STAGE:
            out[f"_{CONVOY_STAGE}-convoy.adoc"] = convoy_fragment(stage_results)
        if path.stem == SCRAPER_STAGE:
            out.update(scraper_files(stage_results))
        elif path.stem in SCRAPER_STAGES:
            scraper = scraper_files(stage_results, path.stem)
            if not scraper[f"_{path.stem}-scraper.adoc"].startswith("NOTE"):
                out.update(scraper) # a step's numbers section includes it only once it is measured
    for path in sorted(results_dir.glob("stage*-jmh.csv")):
        stage = path.stem.removesuffix("-jmh")
        out.update(jmh_files(stage, path, measured.machine_text(results_dir, f"{stage}-jmh.machine.txt")))
    out.update(storm_files(results_dir / "stage05-backlog-tuning"))
    out.update(nagle_files(results_dir / "stage05-backlog-tuning"))
    out.update(persistence_files(results_dir / "stage08-persistence", "stage08-persistence/"))
    out.update(replication_files(results_dir / "stage08-step26-replication", "stage08-step26-replication/"))
    out.update(step_files(results_dir, out))
    return out


def replication_files(folder, prefix=""):
    """_replication.adoc: the full syncs and the lag of bench/replication.sh, or a note until it has run."""
    syncs = read_csv(folder / "full_sync.csv")
    lags = read_csv(folder / "lag.csv")
    if syncs is None or lags is None:
        return {prefix + "_replication.adoc": (
            "NOTE: Not measured yet. `bench/replication.sh` measures a full sync of 1,000,000 keys with this server "
            "and with `redis-server` as the master (time, and the master's extra memory), and the replication lag "
            "under `redis-benchmark`, in one quiet window, and writes this section's tables.\n")}
    mib = lambda b: f"{int(b) / (1 << 20):,.1f} MiB"  # noqa: E731
    lines = ["A full sync: a `redis-server` replica of each master, after `REPLICAOF`, until it has the data set "
             "and the stream.", "", '[options="header",cols="2,1,1,>1,>1,>1,>1,>1"]', "|===",
             "| master | diskless | while | keys | data set (used_memory) | sync took | the master's extra memory "
             "at the peak | SET/s during the sync"]
    for r in syncs:
        lines.append(f"| {r['master']} | {r['diskless']} | {r['load']} | {int(r['keys']):,} | "
                     f"{mib(r['used_memory_bytes'])} | {int(r['sync_ms']):,} ms | {mib(r['extra_peak_bytes'])} "
                     f"({float(r['extra_fraction']) * 100:.1f} %) | {int(float(r['writes_per_second_during'])):,}")
    lines += ["|===", "", "The lag: `redis-benchmark -t set -c 50 -d 100` against the master, both sampled every "
              "10 ms.", "", '[options="header",cols="2,2,>1,>1,>1,>1,>1"]', "|===",
              "| master | replica | SET/s | bytes behind, median | 99th percentile | max | caught up after the "
              "load"]
    for r in lags:
        lines.append(f"| {r['master']} | {r['replica']} | {float(r['rps']):,.0f} | {int(r['behind_p50_bytes']):,} |"
                     f" {int(r['behind_p99_bytes']):,} | {int(r['behind_max_bytes']):,} | "
                     f"{int(r['catch_up_ms']):,} ms")
    lines.append("|===")
    machine = folder / "machine.txt"
    if machine.exists():
        lines += ["", measured.escape_adoc(machine.read_text().strip())]
    return {prefix + "_replication.adoc": "\n".join(lines) + "\n"}


# --- The steps of a stage ---------------------------------------------------------------------------------------------

def step_files(results_dir, written):
    """The numbers section of each step's chapter, _<step>-numbers.adoc, for every step with a folder (in the reactor
    or not yet). Until bench/run.sh has measured the step, a note that says how; then the step beside what it comes
    after (stage07-metrics for stage 8's step 01) and redis-server, line by line over the lines both ran, followed by
    the step's own tables and charts."""
    out = {}
    done = {p.stem: measured.results(measured.read_rows(p)) for p in measured.stage_csvs(results_dir)}
    known = sorted(set(measured.reactor_stages()) | set(measured.steps_on_disk()))
    for step in [s for s in known if measured.STEP.fullmatch(s)]:
        before = measured.predecessor(step, known)
        if step not in done:
            both = f"{measured.run_id(before)} {measured.run_id(step)}" if before else measured.run_id(step)
            out[f"_{step}-numbers.adoc"] = (
                f"NOTE: Not measured yet. `bench/run.sh {both}` measures {step}"
                + (f" and {before}, one after the other in one quiet window," if before else "")
                + " beside `redis-server` under the common matrix"
                + (f" and `bench/matrix/{step}.matrix`"
                   if (measured.ROOT / "bench" / "matrix" / f"{step}.matrix").exists() else "")
                + ", and writes this section's tables and charts.\n")
            continue
        text = side_by_side(before, done.get(before), step, done[step]) if before else ""
        for fragment in (f"_{step}-clients.adoc", f"_{step}-scraper.adoc"):
            if fragment in written:
                text += f"\ninclude::{fragment}[]\n"
        text += f"\n=== Every line of the step's matrix\n\ninclude::_{step}.adoc[]\n"
        for stage in (step, before):
            machine = measured.machine_text(results_dir, f"{stage}.machine.txt") if stage else ""
            if machine:
                text += f"\n{stage}: {measured.escape_adoc(machine)}\n"
        out[f"_{step}-numbers.adoc"] = text
    return out


def side_by_side(before, before_results, step, step_results):
    """The lines the step and what it comes after both ran (same variant, test, clients, pipeline and load beside),
    with the change in requests a second and p99, and redis-server as measured beside the step."""
    if before_results is None:
        return (f"NOTE: {before} has no measurement in this folder to compare with: `bench/run.sh "
                f"{measured.run_id(before)}` measures it.\n")
    earlier = {(r.key[0], r.key[1], r.key[2], r.key[3], r.key[5]): r for r in before_results}
    table = ['[cols="2,1,1,1,2,2,1,2,2,2",options="header"]', "|===",
             f"| Variant | Test | -c | -P | {before} req/s | {step} req/s | change | {before} p99 ms "
             f"| {step} p99 ms | redis-server req/s, p99 ms"]
    rounds, apart_all, rows = 1, True, 0
    for r in step_results:
        b = earlier.get((r.key[0], r.key[1], r.key[2], r.key[3], r.key[5]))
        if b is None or not (measured.ok(b.ours) and measured.ok(r.ours)):
            continue
        rows += 1
        rounds = max(rounds, min(b.rounds(), r.rounds()))
        _, apart = compare(b, r)
        _, apart99 = compare(b, r, "p99_ms")
        apart_all &= bool(apart and apart99)
        redis = (f"{float(r.redis['rps']):,.0f}, {r.redis['p99_ms']}" if measured.ok(r.redis) else "–")
        table.append(f"| {r.key[0]} | {measured.short(r.key[1])} | {r.key[2]} | {r.key[3]} "
                     f"| {spread_cell(b, 'rps', 'req/s')} | {spread_cell(r, 'rps', 'req/s')} "
                     f"| {percent(float(r.ours['rps']), float(b.ours['rps']))} "
                     f"| {b.ours['p99_ms']} | {r.ours['p99_ms']} | {redis}")
    table.append("|===")
    if not rows:
        return f"NOTE: {step} and {before} have no line in common that both served.\n"
    return (f"{step} beside {before}, the lines both ran; redis-server as measured beside {step}. The median of "
            f"{rounds} round{'s' if rounds > 1 else ''}, ± half their range." + verdict(apart_all, rounds)
            + "\n\n" + "\n".join(table) + "\n")
