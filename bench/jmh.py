#!/usr/bin/env python3
"""Runs the in-process benchmarks of chapters 4 and 7 with JMH, at 1, 2, 4 and 8 threads, sized to separate them.

Called by bench/jmh.sh (which finds a JDK 25 and builds the benchmark jars); see its --help.

    stage04-concurrency  StoreBenchmark    the stores (locked, striped, a ConcurrentHashMap floor), with and without
                                           work held under the lock
    stage07-metrics      MetricsBenchmark  the metrics implementations (off, global-lock, striped, per-thread)

Each benchmark runs once per thread count, FORKS forks of ITERATIONS measured iterations each, after warm-up: enough
samples that JMH's 99.9% error margin comes out smaller than the differences the chapters discuss on a quiet
machine. JMH's own CSV (-rf csv) of every thread count goes, concatenated, into <out>/<stage>-jmh.csv, and a machine
file <stage>-jmh.machine.txt records the machine, the sizing and the load average before and after; then
bench/report.py draws the tables, charts and the scalability fit. Before each benchmark bench/quiet.py checks that
nothing else runs and waits for the load to fall under 1.5 (not with --quick or --force).
"""
import argparse
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

sys.dont_write_bytecode = True
import bench  # noqa: E402
import quiet  # noqa: E402
import report  # noqa: E402

ROOT = bench.ROOT
BENCHMARKS = [("stage04-concurrency", "StoreBenchmark"), ("stage07-metrics", "MetricsBenchmark")]
THREADS = [1, 2, 4, 8]
# The full run: 3 forks × 5 iterations of 2 s after 3 warm-up iterations of 1 s, per configuration and thread count.
FULL = dict(forks=3, warmups=3, warmup_time="1s", iterations=5, iteration_time="2s")
# The smoke test: every configuration once, briefly, at 1 and 2 threads. Its numbers mean nothing.
QUICK = dict(forks=1, warmups=1, warmup_time="100ms", iterations=1, iteration_time="200ms")
QUICK_THREADS = [1, 2]
# Seconds a fork costs beyond its iterations: starting the JVM, setting up, tearing down.
FORK_OVERHEAD_SECONDS = 1.5


RUNNING = []  # the JMH process of the moment


def log(message):
    bench.log(message)


def stop_on_signals():
    """On Ctrl-C or kill: stops JMH and its forks, then exits with 130."""
    def interrupted(signum, _frame):
        for process in RUNNING:
            try:
                os.killpg(process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        log(f"\nInterrupted ({signal.Signals(signum).name}): JMH stopped.")
        os._exit(130)
    signal.signal(signal.SIGINT, interrupted)
    signal.signal(signal.SIGTERM, interrupted)


def seconds(text):
    """"2s" → 2.0, "200ms" → 0.2."""
    m = re.fullmatch(r"([0-9.]+)(ms|s)", text)
    return float(m.group(1)) / (1000 if m.group(2) == "ms" else 1)


def configurations(jar, name):
    """How many parameter combinations JMH will run for a benchmark (from -lp, its list of parameters)."""
    listing = subprocess.run([bench_java(), "-jar", str(jar), name, "-lp"], capture_output=True, text=True).stdout
    count = 1
    for values in re.findall(r"param \"\w+\" = \{([^}]*)\}", listing):
        count *= len(values.split(","))
    return count


def bench_java():
    return str(Path(ARGS.java))


def estimate(jar, name, size, threads):
    per_fork = size["warmups"] * seconds(size["warmup_time"]) + size["iterations"] * seconds(size["iteration_time"]) \
        + FORK_OVERHEAD_SECONDS
    return configurations(jar, name) * len(threads) * size["forks"] * per_fork


def run(stage, name, size, threads, out, logs):
    """One benchmark at every thread count; returns JMH's CSV rows (header once)."""
    jar = ROOT / stage / "target" / "benchmarks.jar"
    lines = []
    for t in threads:
        result = logs / f"{stage}-t{t}.csv"
        result.unlink(missing_ok=True)
        argv = [bench_java(), "-jar", str(jar), name, "-t", str(t), "-f", str(size["forks"]),
                "-wi", str(size["warmups"]), "-w", size["warmup_time"], "-i", str(size["iterations"]),
                "-r", size["iteration_time"], "-rf", "csv", "-rff", str(result)]
        started = time.monotonic()
        log(f"[{stage} {name}] {t} thread{'s' if t > 1 else ''}: {' '.join(argv[3:])}")
        with open(logs / f"{stage}-t{t}.log", "w") as output:
            # A session of its own, so that an interruption stops JMH and every JVM it forked, together.
            process = subprocess.Popen(argv, stdout=output, stderr=subprocess.STDOUT, start_new_session=True)
            RUNNING[:] = [process]
            status = process.wait()
        if status != 0 or not result.exists():
            raise SystemExit(f"JMH failed for {name} -t {t}: see {logs / f'{stage}-t{t}.log'}")
        rows = result.read_text().splitlines()
        lines += rows if not lines else rows[1:]
        log(f"[{stage} {name}] {t} thread{'s' if t > 1 else ''}: done in {time.monotonic() - started:.0f} s")
    return "\n".join(lines) + "\n"


def main():
    global ARGS
    parser = argparse.ArgumentParser(description="Chapters 4 and 7 in-process, with JMH.")
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--force", action="store_true")
    parser.add_argument("--estimate", action="store_true")
    parser.add_argument("--only", help="stage04 or stage07")
    parser.add_argument("--threads", help="the thread counts, comma-separated (default 1,2,4,8; 1,2 with --quick)")
    parser.add_argument("--out")
    parser.add_argument("--java", default="java")
    ARGS = args = parser.parse_args()
    out = Path(args.out) if args.out else (ROOT / "target" / "jmh-quick" if args.quick else report.RESULTS)
    logs = ROOT / "target" / "jmh"
    out.mkdir(parents=True, exist_ok=True)
    logs.mkdir(parents=True, exist_ok=True)
    size, threads = (QUICK, QUICK_THREADS) if args.quick else (FULL, THREADS)
    if args.threads:
        threads = [int(t) for t in args.threads.split(",")]
    chosen = [(s, n) for s, n in BENCHMARKS if not args.only or s.startswith(args.only)]
    for stage, _ in chosen:
        if not (ROOT / stage / "target" / "benchmarks.jar").exists():
            raise SystemExit(f"{stage}/target/benchmarks.jar is missing: build it (bench/jmh.sh builds it unless "
                             f"--no-build)")
    estimates = {stage: estimate(ROOT / stage / "target" / "benchmarks.jar", name, size, threads)
                 for stage, name in chosen}
    log(f"Estimated duration: about {sum(estimates.values()) / 60:.0f} min ("
        + ", ".join(f"{n} {estimates[s] / 60:.0f} min" for s, n in chosen)
        + f": {size['forks']} forks × ({size['warmups']} × {size['warmup_time']} warm-up + {size['iterations']} × "
          f"{size['iteration_time']}) per configuration and thread count, at {', '.join(map(str, threads))} threads)"
        + ("" if args.quick else ", plus the waits for the load average to fall"))
    if args.estimate:
        return
    unchecked = "--quick" if args.quick else "--force" if args.force else ""
    stop_on_signals()
    started = time.monotonic()
    for stage, name in chosen:
        before = quiet.load_average() if args.quick else quiet.check(args.force, f"before {name}", log)
        text = run(stage, name, size, threads, out, logs)
        after = quiet.load_average()
        others = [] if args.quick else quiet.others_running()
        (out / f"{stage}-jmh.csv").write_text(text)
        sizing = (f"JMH 1.37, {name}: forks {size['forks']}, each {size['iterations']} measured iteration(s) of "
                  f"{size['iteration_time']} after {size['warmups']} warm-up iteration(s) of {size['warmup_time']}, "
                  f"at {', '.join(map(str, threads))} threads")
        placeholder = "PLACEHOLDER: a smoke run (bench/jmh.sh --quick), not a measurement. " if args.quick else ""
        note = "" if not others else (f" Other processes ran meanwhile, so these numbers are suspect: "
                                      f"{'; '.join(c for _, c in others[:3])}.")
        (out / f"{stage}-jmh.machine.txt").write_text(
            placeholder + bench.machine(bench_java(), sizing) + quiet.conditions(before, after, unchecked) + note
            + "\n")
        log(f"Wrote {out / (stage + '-jmh.csv')} and its machine file")
        if others and not args.force:
            raise quiet.NotQuiet(f"{name}: other processes started during the run (see its machine file); stopping.")
    report.write_all(out)
    for stage, _ in chosen:
        fragment = out / f"_{stage}-jmh.adoc"
        if fragment.exists():
            print(fragment.read_text())
    print(f"Results in {out} (JMH's output in {logs}); {time.monotonic() - started:.0f} s.")


if __name__ == "__main__":
    main()
