#!/usr/bin/env python3
"""Runs redis-benchmark against each stage's server and a real redis-server, alternately, and records the results.

Called by bench/run.sh (which checks the tools, finds a JDK 25 and builds the stages); see its --help.

For every stage it runs bench/common.matrix (PING, SET, GET with 1, 10 and 50 clients, pipelined and not) and then
the stage's own bench/matrix/<stage>.matrix. A matrix line reads

    variant | options for our server | options for redis-server ("-": do not run it) | redis-benchmark arguments

Each line is run against our server, then against redis-server, so that both see the same machine load. Before a
common line, a probe sends each command once and compares the reply with Redis's: a test the stage cannot serve
(stage01 has no SET) is recorded as "unsupported" and not run. A run that makes no progress for STALL_SECONDS is
stopped and recorded as "stalled" (a server that serves one client at a time never answers the second client);
one that exits with an error (connection refused or reset) as "failed", with redis-benchmark's message.

A line may end with a fifth field, a load beside the benchmark: "poll 1000 INFO all" sends INFO all to the same
server 1,000 times a second, on a connection of its own, while redis-benchmark runs (a metrics scraper).

The whole matrix runs --rounds times (3 by default, 1 with --quick); the CSV has a row per round and the tables show
the median of the rounds and each round's ratio to redis-server, so that the spread is in sight. Before each stage
(and each line) bench/quiet.py checks that nothing else runs and waits for the load average to fall under 1.5;
--force skips that. Each stage's machine file records the load average before and after it.

Results: <out>/<stage>.csv and <stage>.machine.txt, then bench/report.py turns them into tables and charts.
Servers run on free loopback ports and are stopped on exit, on Ctrl-C and on failure. An option "{tmp}" in a
matrix line becomes a fresh empty directory for that server start (redis-server always gets one as --dir), so
that no server replays another line's append-only file; each is removed when its server stops.
"""
import argparse
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import datetime, timezone
from pathlib import Path

sys.dont_write_bytecode = True
import quiet  # noqa: E402 (after the line above, so that bench/ gets no __pycache__)
import report  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
COMMON_MATRIX = ROOT / "bench" / "common.matrix"
STAGE_MATRICES = ROOT / "bench" / "matrix"

# A run with no reply for this long is stalled: redis-benchmark would wait forever.
STALL_SECONDS = 3.0
# Time for a server to open its port (a JVM starts in well under a second; a loaded machine is slower).
START_SECONDS = 20.0
# Requests per test in --quick mode: enough to exercise every path, too few to mean anything.
QUICK_REQUESTS = 2000
# Requests that warm up a freshly started JVM before it is measured, so that the JIT has compiled the hot path.
WARMUP_REQUESTS = 20000
# Rounds of each stage's matrix when --rounds is not given: enough for a median and a visible spread.
DEFAULT_ROUNDS = 3
# Requests per second assumed for a line never measured before, to estimate how long a run takes.
ASSUMED_RPS = 20000
# Seconds a server start costs: the JVM, the warm-up, the probes.
START_COST_SECONDS = 4
CSV_HEADER = ["stage", "round", "server", "variant", "test", "clients", "pipeline", "requests", "rps", "avg_ms",
              "p50_ms", "p99_ms", "max_ms", "status", "options", "beside", "note"]


def log(message, end="\n"):
    print(message, end=end, file=sys.stderr, flush=True)


# --- Matrix ---------------------------------------------------------------------------------------------------------

class Line:
    """One matrix line: a redis-benchmark command and the options of both servers."""

    def __init__(self, variant, ours, redis, args, common, beside=""):
        self.variant, self.ours, self.redis, self.common, self.beside = variant, ours, redis, common, beside
        self.poll = parse_beside(beside)
        words = args.split()
        self.tests, self.clients, self.pipeline, self.requests, self.extra = [], 50, 1, 100000, []
        i = 0
        while i < len(words):
            flag = words[i]
            value = words[i + 1] if i + 1 < len(words) else None
            if flag == "-t":
                self.tests = [t.strip().lower() for t in value.split(",") if t.strip()]
            elif flag == "-c":
                self.clients = int(value)
            elif flag == "-P":
                self.pipeline = int(value)
            elif flag == "-n":
                self.requests = int(value)
            elif flag in ("-h", "-p", "--csv", "-q"):
                raise ValueError(f"matrix lines must not set {flag}: the runner does")
            else:
                self.extra.append(flag)
                i -= 1
            i += 2
        if not self.tests:
            raise ValueError(f"matrix line without -t: {args}")

    def benchmark_args(self, tests, requests):
        return ["-t", ",".join(tests), "-c", str(self.clients), "-P", str(self.pipeline), "-n", str(requests)] \
            + self.extra


def parse_beside(text):
    """"poll 1000 INFO all" → (1000, ["INFO", "all"]); "" → None."""
    if not text:
        return None
    words = text.split()
    if len(words) < 3 or words[0] != "poll" or not words[1].isdigit():
        raise ValueError(f"a load beside must read 'poll <per second> <command...>', not '{text}'")
    return int(words[1]), words[2:]


def read_matrix(path, common):
    lines = []
    for number, text in enumerate(path.read_text().splitlines(), 1):
        if not text.strip() or text.lstrip().startswith("#"):
            continue
        parts = [p.strip() for p in text.split("|")]
        if len(parts) not in (4, 5):
            raise SystemExit(f"{path}:{number}: expected 4 or 5 fields separated by '|', got {len(parts)}")
        try:
            lines.append(Line(*parts[:4], common, parts[4] if len(parts) == 5 else ""))
        except ValueError as e:
            raise SystemExit(f"{path}:{number}: {e}")
    return lines


def matrix_for(stage):
    """The common lines, then the stage's own."""
    own = STAGE_MATRICES / f"{stage}.matrix"
    return read_matrix(COMMON_MATRIX, True) + (read_matrix(own, False) if own.exists() else [])


# --- Servers --------------------------------------------------------------------------------------------------------

class Servers:
    """Every process this run started, so that all of them are stopped however the run ends."""

    def __init__(self, pid_file):
        self.processes = []
        self.pid_file = pid_file

    def start(self, argv, log_path):
        port = free_port()
        out = open(log_path, "ab")
        process = subprocess.Popen(argv + ["--port", str(port)], stdout=out, stderr=subprocess.STDOUT,
                                   stdin=subprocess.DEVNULL, start_new_session=True)
        out.close()
        self.processes.append(process)
        self._write_pids()
        deadline = time.monotonic() + START_SECONDS
        while time.monotonic() < deadline:
            if process.poll() is not None:
                break
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                return process, port
            except OSError:
                time.sleep(0.1)
        self.stop(process)
        return None, port

    def stop(self, process):
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        if process in self.processes:
            self.processes.remove(process)
        self._write_pids()

    def stop_all(self):
        for process in list(self.processes):
            self.stop(process)

    def stop_on_signals(self):
        """On Ctrl-C or kill: stops the benchmark in flight and every server started, then exits with 130."""
        def interrupted(signum, _frame):
            for process in RUNNING_BENCHMARK:
                process.kill()
            self.stop_all()
            log(f"\nInterrupted ({signal.Signals(signum).name}): servers stopped.")
            os._exit(130)
        signal.signal(signal.SIGINT, interrupted)
        signal.signal(signal.SIGTERM, interrupted)

    def _write_pids(self):
        self.pid_file.write_text("".join(f"{p.pid}\n" for p in self.processes))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# --- Probes: can the stage serve a test at all? ---------------------------------------------------------------------

def resp(*words):
    return b"".join([f"*{len(words)}\r\n".encode()] + [f"${len(w)}\r\n{w}\r\n".encode() for w in words])


# test → (request, check of the reply). A reply must also differ from the request: an echo server is not Redis.
PROBES = {
    "ping_inline": (b"PING\r\n", lambda r: r == b"+PONG\r\n"),
    "ping_mbulk": (resp("PING"), lambda r: r == b"+PONG\r\n"),
    "ping": (resp("PING"), lambda r: r == b"+PONG\r\n"),
    "set": (resp("SET", "bench:probe", "ok"), lambda r: r == b"+OK\r\n"),
    "get": (resp("GET", "bench:probe"), lambda r: r in (b"$2\r\nok\r\n", b"$-1\r\n")),
    "incr": (resp("INCR", "bench:probe:counter"), lambda r: r.startswith(b":")),
    "mset": (resp("MSET", "bench:probe:a", "1"), lambda r: r == b"+OK\r\n"),
}


def read_reply(sock):
    """Reads one RESP reply (simple types and bulk strings; an array is taken up to its first line)."""
    data = b""
    while b"\r\n" not in data:
        chunk = sock.recv(4096)
        if not chunk:
            return data
        data += chunk
    if data.startswith(b"$") and not data.startswith(b"$-1"):
        length = int(data[1:data.index(b"\r\n")])
        total = data.index(b"\r\n") + 2 + length + 2
        while len(data) < total:
            chunk = sock.recv(4096)
            if not chunk:
                break
            data += chunk
    return data


def probe(port, test):
    """None if the server answers the test's command as Redis does, else what it answered instead."""
    if test not in PROBES:
        return None
    request, accept = PROBES[test]
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=2) as sock:
            sock.sendall(request)
            reply = read_reply(sock)
    except OSError as e:
        return f"no reply ({e.strerror or e})"
    if reply != request and accept(reply):
        return None
    shown = reply[:60].decode("latin-1").replace("\r", "\\r").replace("\n", "\\n")
    return f"answered {shown}" if reply else "closed the connection"


# --- One redis-benchmark run ----------------------------------------------------------------------------------------

SECTION = re.compile(r"====== (\S+)[^=]*======")
PROGRESS = re.compile(r"(\S+): rps=([0-9.]+)")
SUMMARY = re.compile(r"throughput summary: ([0-9.]+) requests per second.*?"
                     r"avg\s+min\s+p50\s+p95\s+p99\s+max\s+([0-9.]+)\s+([0-9.]+)\s+([0-9.]+)\s+([0-9.]+)\s+([0-9.]+)\s+"
                     r"([0-9.]+)", re.S)
RUNNING_BENCHMARK = []     # the redis-benchmark process of the moment, stopped with the servers on interruption
ERROR = re.compile(r"^(Error.*|Could not connect.*|.*(reset by peer|refused|Broken pipe).*|ERROR.*)$", re.M | re.I)


PERCENTILE_LINE = re.compile(r"^\s*([0-9.]+)% <= ([0-9.]+) milliseconds", re.M)


def percentile(section, wanted):
    """The latency at a percentile from redis-benchmark's "Latency by percentile distribution" (the first line at or
    above it; the table is HdrHistogram's, so the value is the upper edge of a bucket), or "" if it is not there."""
    for m in PERCENTILE_LINE.finditer(section.replace("\r", "\n")):
        if float(m.group(1)) >= wanted:
            return m.group(2)
    return ""


def run_benchmark(port, args, log_file):
    """Runs redis-benchmark; returns ({TEST: metrics}, status for the tests without results, note)."""
    argv = ["redis-benchmark", "-h", "127.0.0.1", "-p", str(port)] + args
    requests = int(args[args.index("-n") + 1])
    limit = requests / 1000 + 60
    process = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    RUNNING_BENCHMARK[:] = [process]
    chunks = []
    state = {"last": time.monotonic()}

    def pump():
        for chunk in iter(lambda: process.stdout.read1(65536), b""):
            text = chunk.decode("utf-8", "replace")
            chunks.append(text)
            # A progress line with replies, or a finished test, is progress; "rps=0.0" is not.
            if "======" in text or any(float(m.group(2)) > 0 for m in PROGRESS.finditer(text)):
                state["last"] = time.monotonic()

    reader = threading.Thread(target=pump, daemon=True)
    reader.start()
    started = time.monotonic()
    status, note = "ok", ""
    while process.poll() is None:
        time.sleep(0.1)
        now = time.monotonic()
        if now - state["last"] > STALL_SECONDS:
            status, note = "stalled", f"no reply for {STALL_SECONDS:.0f} s"
        elif now - started > limit:
            status, note = "stalled", f"not finished after {limit:.0f} s"
        if status != "ok":
            process.kill()
            process.wait()
            break
    reader.join(timeout=5)
    output = "".join(chunks)
    with open(log_file, "a") as f:
        f.write(f"$ {' '.join(argv)}\n{output.replace(chr(13), chr(10))}\n")
    errors = [m.group(1).strip() for m in ERROR.finditer(output.replace("\r", "\n"))]
    if errors:
        status, note = "failed", errors[0][:120]
    elif status == "ok" and process.returncode != 0:
        status, note = "failed", f"redis-benchmark exited with status {process.returncode}"
    results = {}
    sections = list(SECTION.finditer(output))
    for index, section in enumerate(sections):
        end = sections[index + 1].start() if index + 1 < len(sections) else len(output)
        m = SUMMARY.search(output, section.end(), end)
        if m:
            rps, avg, _min, p50, _p95, p99, top = m.groups()
            results[section.group(1).upper()] = dict(rps=rps, avg_ms=avg, p50_ms=p50, p99_ms=p99, max_ms=top,
                                                     p999_ms=percentile(output[section.end():end], 99.9))
    return results, status, note


# --- A load beside the benchmark -----------------------------------------------------------------------------------

class Poller:
    """Sends one command to a server at a steady rate on a connection of its own, reading every reply, while a
    benchmark runs: a metrics scraper that polls INFO. Counts what it managed, so that the CSV can say so."""

    def __init__(self, port, per_second, words):
        self.port, self.interval, self.request = port, 1.0 / per_second, resp(*words)
        self.sent, self.stop, self.error = 0, threading.Event(), ""
        self.thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self):
        self.started = time.monotonic()
        self.thread.start()
        return self

    def __exit__(self, *_):
        self.stop.set()
        self.thread.join(timeout=10)
        self.seconds = time.monotonic() - self.started

    def _run(self):
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=10) as sock:
                due = time.monotonic()
                while not self.stop.is_set():
                    sock.sendall(self.request)
                    read_reply(sock)
                    self.sent += 1
                    due += self.interval
                    pause = due - time.monotonic()
                    if pause > 0:
                        time.sleep(pause)
                    elif pause < -1:
                        due = time.monotonic()  # a second behind: poll as fast as possible, do not burst later
        except OSError as e:
            self.error = str(e)

    def note(self):
        rate = self.sent / self.seconds if self.seconds else 0
        return f"polled {rate:,.0f}/s" + (f" ({self.error})" if self.error else "")


# --- The run --------------------------------------------------------------------------------------------------------

def machine(java, setup="both servers and redis-benchmark on one machine over loopback"):
    version = subprocess.run([java, "-version"], capture_output=True, text=True).stderr.splitlines()[0]
    redis = subprocess.run(["redis-server", "--version"], capture_output=True, text=True).stdout.split()[:3]
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "unknown")
    mem = next((int(l.split()[1]) // (1024 * 1024) for l in open("/proc/meminfo") if l.startswith("MemTotal")), 0)
    return (f"Measured on {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC: {os.cpu_count()} cores ({cpu}), {mem} GiB, "
            f"Linux {os.uname().release}, {version}, {' '.join(redis)}, {setup}.")


def csv_row(values):
    return ",".join(str(values.get(k, "")).replace(",", ";") for k in CSV_HEADER) + "\n"


STEP = re.compile(r"stage(\d\d)-step(\d\d)-(.+)")


def module_dir(stage):
    """A stage's folder: its name, or for a step (stage08-step01-event-loop) its folder under the stage's
    (stage08-final/steps/01-event-loop), whose jar is target/stage08-step01-event-loop.jar."""
    m = STEP.fullmatch(stage)
    found = sorted(ROOT.glob(f"stage{m.group(1)}-*/steps/{m.group(2)}-{m.group(3)}")) if m else []
    return found[0] if found else ROOT / stage


def server_argv(stage, java):
    """How a stage's server starts: through its launcher (<stage>/bin/server, with the JVM flags it chose) if it
    has one, else java -jar <stage>/target/<stage>.jar."""
    launcher = module_dir(stage) / "bin" / "server"
    if launcher.exists():
        return [str(launcher)]
    return [java, "-jar", str(module_dir(stage) / "target" / f"{stage}.jar")]


def estimate_seconds(lines, rounds, quick, previous):
    """How long a stage's matrix takes: requests over the rate the last run in the results folder measured for the
    same line (for a line never measured, ASSUMED_RPS per request in flight), for both servers, plus the server
    starts; a test found unsupported takes no time, a stalled one STALL_SECONDS."""
    known = {}
    for row in previous:
        key = (row["server"] != "redis-server", row["variant"], row["test"], row["clients"], row["pipeline"])
        if row.get("status") == "ok" and row.get("rps"):
            known.setdefault(key, []).append(float(row["rps"]))
        elif row.get("status") in ("unsupported", "stalled", "failed"):
            known.setdefault(key, []).append(row["status"])
    seconds, starts, options = 0.0, 1, None
    for line in lines:
        requests = QUICK_REQUESTS if quick else line.requests
        for ours in (True, False):
            if not ours and line.redis == "-":
                continue
            for test in line.tests:
                seen = known.get((ours, line.variant, test.upper(), line.clients, line.pipeline), [])
                rates = [r for r in seen if isinstance(r, float)]
                if rates:
                    seconds += requests / statistics.median(rates)
                elif "unsupported" in seen:
                    pass
                elif seen:
                    seconds += STALL_SECONDS + 1
                else:
                    seconds += requests / (ASSUMED_RPS * min(line.pipeline, 10))
        if line.ours != options:
            starts += 1
            options = line.ours
    return rounds * (seconds + starts * START_COST_SECONDS)


class StageRun:
    """Runs one stage's matrix --rounds times, keeping each server up between the lines that share its options."""

    def __init__(self, stage, args, servers, java, out, logs):
        self.stage, self.args, self.servers, self.java, self.out, self.logs = stage, args, servers, java, out, logs
        self.running = {}          # ("ours"|"redis", options) → (process, port, probe cache)
        self.scratch = {}          # process → the fresh directory it was given
        self.rows = []
        self.lines = matrix_for(stage)

    def server(self, kind, options):
        key = (kind, options)
        if key not in self.running:
            for other in [k for k in self.running if k[0] == kind]:
                self.stop(self.running.pop(other)[0])
            scratch = tempfile.mkdtemp(prefix=f"bench-{self.stage}-")
            if kind == "ours":
                argv = server_argv(self.stage, self.java) + options.replace("{tmp}", scratch).split()
            else:
                argv = ["redis-server", "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                        "--dir", scratch] + options.replace("{tmp}", scratch).split()
            log_path = self.logs / f"{self.stage}.{kind}.log"
            process, port = self.servers.start(argv, log_path)
            if process:
                self.scratch[process] = scratch
            else:
                shutil.rmtree(scratch, ignore_errors=True)
            self.running[key] = (process, port, {})
            if process and kind == "ours":
                self.warm_up(port)
        return self.running[key]

    def stop(self, process):
        if process:
            self.servers.stop(process)
            shutil.rmtree(self.scratch.pop(process, ""), ignore_errors=True)

    def warm_up(self, port):
        tests = {t for line in self.lines for t in line.tests if not line.common or probe(port, t) is None}
        if tests:
            n = QUICK_REQUESTS // 2 if self.args.quick else WARMUP_REQUESTS
            run_benchmark(port, ["-t", ",".join(sorted(tests)), "-c", "1", "-n", str(n)],
                          self.logs / f"{self.stage}.warmup.log")

    def run(self, rounds):
        for old in self.logs.glob(f"{self.stage}.*.log"):
            old.unlink()
        csv_path = self.out / f"{self.stage}.csv"
        with open(csv_path, "w") as f:
            f.write(",".join(CSV_HEADER) + "\n")
        try:
            for round_ in range(1, rounds + 1):
                self.run_round(round_, rounds, csv_path)
        finally:
            for process, _, _ in self.running.values():
                self.stop(process)
            self.running.clear()
        return self.rows

    def run_round(self, round_, rounds, csv_path):
        for number, line in enumerate(self.lines, 1):
            if not self.args.quick:
                quiet.ensure_alone(self.args.force, f"{self.stage} round {round_}, line {number}")
            requests = QUICK_REQUESTS if self.args.quick else line.requests
            unsupported = set()    # by our server: redis-server's run would have nothing to be compared with
            for kind in ("ours", "redis"):
                options = line.ours if kind == "ours" else line.redis
                if kind == "redis" and options == "-":
                    continue
                tests = [t for t in line.tests if kind == "ours" or t not in unsupported]
                if not tests:
                    continue
                label = self.stage if kind == "ours" else "redis-server"
                base = dict(stage=self.stage, round=round_, server=label, variant=line.variant, clients=line.clients,
                            pipeline=line.pipeline, requests=requests, options=options if kind == "ours" else "",
                            beside=line.beside)
                process, port, probes = self.server(kind, options)
                where = f"round {round_}/{rounds}, {number}/{len(self.lines)}" if rounds > 1 \
                    else f"{number}/{len(self.lines)}"
                log(f"[{self.stage} {where}] {label:<20} {line.variant:<8} "
                    f"-c {line.clients:<3} -P {line.pipeline:<3} -n {requests:<8}"
                    + (f" beside: {line.beside}" if line.beside else ""), end="")
                rows, runnable = [], []
                for t in tests:
                    if process is None:
                        rows.append(dict(base, test=t.upper(), status="failed", note="the server did not start"))
                        continue
                    if line.common and kind == "ours":
                        if t not in probes:
                            probes[t] = probe(port, t)
                        if probes[t] is not None:
                            rows.append(dict(base, test=t.upper(), status="unsupported", note=probes[t]))
                            unsupported.add(t)
                            continue
                    runnable.append(t)
                if runnable:
                    args = line.benchmark_args(runnable, requests)
                    log_file = self.logs / f"{self.stage}.benchmark.log"
                    if line.poll:
                        with Poller(port, *line.poll) as poller:
                            results, status, note = run_benchmark(port, args, log_file)
                        note = "; ".join(n for n in (note, poller.note()) if n)
                    else:
                        results, status, note = run_benchmark(port, args, log_file)
                    for t in runnable:
                        name = t.upper()
                        if name in results:
                            rows.append(dict(base, test=name, status="ok", note=note if line.poll else "",
                                             **results[name]))
                        else:
                            rows.append(dict(base, test=name, status=status if status != "ok" else "failed",
                                             note=note or "no result reported"))
                rows.sort(key=lambda r: [t.upper() for t in tests].index(r["test"]))
                for row in rows:
                    shown = f"{float(row['rps']):>10,.0f} req/s p99 {row['p99_ms']} ms" if row["status"] == "ok" \
                        else row["status"]
                    log(f"  {row['test']} {shown}", end="")
                log(f"  ({rows[0]['note']})" if line.poll and rows and rows[0]["note"] else "")
                with open(csv_path, "a") as f:
                    f.writelines(csv_row(r) for r in rows)
                self.rows.extend(rows)


def summary(all_rows):
    """Each line's median over the rounds, ours beside redis-server, and each round's ratio."""
    print()
    print("Summary: requests per second (median of the rounds) and p99 latency, each stage beside redis-server "
          "in the same run")
    print(f"{'stage':<22} {'variant':<23} {'test':<10} {'-c':>3} {'-P':>3} {'ours req/s':>11} {'redis req/s':>11} "
          f"{'ratio':>6} {'each round':<16} {'p99 ours':>8} {'p99 redis':>9}")
    unsupported = {}
    for stage in dict.fromkeys(r["stage"] for r in all_rows):
        rows = [dict(r, clients=int(r["clients"]), pipeline=int(r["pipeline"])) for r in all_rows
                if r["stage"] == stage]
        for r in rows:
            if r["status"] == "unsupported":
                unsupported.setdefault(stage, []).append(r["test"])
        for result in report.results(report.normalize(rows)):
            if result.ours and result.ours["status"] == "unsupported":
                continue
            ours, redis = result.ours, result.redis
            p99 = lambda row: row["p99_ms"] if report.ok(row) else "-"  # noqa: E731
            ratio = f"{result.ratio:.2f}" if result.ratio is not None else "-"
            each = ", ".join(f"{r:.2f}" for r in result.ratios) if len(result.ratios) > 1 else ""
            variant, test, c, p = result.key[:4]
            print(f"{stage:<22} {variant[:23]:<23} {test[:10]:<10} {c:>3} {p:>3} {report.rate(ours):>11} "
                  f"{report.rate(redis):>11} {ratio:>6} {each:<16} {p99(ours):>8} {p99(redis):>9}")
    for stage, tests in unsupported.items():
        print(f"{stage:<22} unsupported, not run: {', '.join(dict.fromkeys(tests))} (the common matrix)")
    print("unsupported: a probe found that the stage does not implement the command (so it was not run);")
    print("stalled: no reply for a while (one client at a time); failed: redis-benchmark reported an error.")


def main():
    parser = argparse.ArgumentParser(description="Benchmarks the stages against redis-server.")
    parser.add_argument("stages", nargs="*")
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--force", action="store_true", help="measure even if the machine is not quiet")
    parser.add_argument("--rounds", type=int)
    parser.add_argument("--estimate", action="store_true", help="print how long the run would take, and stop")
    parser.add_argument("--out")
    parser.add_argument("--java", default="java")
    parser.add_argument("--pid-file", required=True)
    args = parser.parse_args()
    out = Path(args.out) if args.out else (ROOT / "target" / "bench-quick" if args.quick
                                           else ROOT / "docs" / "src" / "docs" / "asciidoc" / "results")
    rounds = args.rounds or (1 if args.quick else DEFAULT_ROUNDS)
    logs = ROOT / "target" / "bench-logs"
    out.mkdir(parents=True, exist_ok=True)
    logs.mkdir(parents=True, exist_ok=True)

    estimates = {}
    for stage in args.stages:
        previous = report.read_rows(out / f"{stage}.csv") if (out / f"{stage}.csv").exists() else []
        estimates[stage] = estimate_seconds(matrix_for(stage), rounds, args.quick, previous)
    total = sum(estimates.values())
    log(f"Estimated duration: about {total / 60:.0f} min for {len(args.stages)} stage(s), {rounds} round(s) each "
        f"({', '.join(f'{report.run_id(s)} {e / 60:.0f}' for s, e in estimates.items())} min), plus the waits for "
        f"the load average to fall between stages (about a minute each)")
    if args.estimate:
        return

    unchecked = "--quick" if args.quick else "--force" if args.force else ""
    servers = Servers(Path(args.pid_file))
    servers.stop_on_signals()
    started = time.monotonic()
    all_rows = []
    try:
        for index, stage in enumerate(args.stages, 1):
            jar = module_dir(stage) / "target" / f"{stage}.jar"
            if not jar.exists():
                raise SystemExit(f"{jar} is missing: build it first (bench/run.sh builds unless --no-build)")
            before = quiet.load_average() if args.quick else quiet.check(args.force, f"before {stage}", log)
            left = sum(estimates[s] for s in args.stages[index - 1:])
            log(f"=== {stage} ({index}/{len(args.stages)}): about {estimates[stage] / 60:.0f} min; "
                f"{left / 60:.0f} min left in all; load average {', '.join(before)}")
            rows = StageRun(stage, args, servers, args.java, out, logs).run(rounds)
            all_rows += rows
            after = quiet.load_average()
            others = [] if args.quick else quiet.others_running()
            note = "" if not others else (f" Other processes ran during the stage, so its numbers are suspect: "
                                          f"{'; '.join(c for _, c in others[:3])}.")
            (out / f"{stage}.machine.txt").write_text(
                machine(args.java) + quiet.conditions(before, after, unchecked, rounds) + note + "\n")
            report.write_stage(out, stage)
            log(f"Wrote {out / (stage + '.csv')}, its machine file, table and charts")
            if others and not args.force:
                raise quiet.NotQuiet(f"{stage}: other processes started during the stage (see its machine file); "
                                     f"stopping. Rerun the stages from {stage} on when the machine is quiet.")
        report.write_all(out)
    finally:
        servers.stop_all()
    summary(all_rows)
    print(f"\nResults in {out} (server and benchmark output in {logs}); {time.monotonic() - started:.0f} s.")
    # What the runner itself must get right, whatever the stages do: redis-server answers everything, and every
    # stage serves at least one run.
    problems = [f"redis-server: {r['test']} -c {r['clients']} -P {r['pipeline']} {r['status']} {r['note']}"
                for r in all_rows if r["server"] == "redis-server" and r["status"] != "ok"]
    problems += [f"{s}: no run succeeded" for s in args.stages
                 if not any(r["stage"] == s and r["server"] == s and r["status"] == "ok" for r in all_rows)]
    if problems:
        print("\nProblems:\n  " + "\n  ".join(problems))
        sys.exit(1)


if __name__ == "__main__":
    main()
