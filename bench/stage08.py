#!/usr/bin/env python3
"""stage08-final beside redis-server: throughput, tail latency, pauses, memory per key, idle and slow clients.

Called by bench/stage08.sh (which finds a JDK 25, builds stage08, raises the open-file limit); see its --help.
Every measurement starts our server (through stage08-final/bin/server, so with the launcher's JVM flags) and a
redis-server (--save '' --appendonly no) on free loopback ports, runs the same load against both one after the
other, so that both see the same machine load, and records ours / redis-server:

  throughput   redis-benchmark -t set,get at -c 1, -c 50, -c 50 -P 16, -c 500, and the default suite at -c 50:
               requests per second, p50, p99 and p99.9; our server's longest safepoint pause (-Xlog:safepoint).
               The whole matrix runs --rounds times (3 by default, 1 with --quick or --full); the tables show the
               median of each measure over the rounds and every round's throughput ratio
  memory       1M keys key:000000000001 ... with 10-byte values loaded with redis-cli --pipe: INFO used_memory
               growth and process RSS growth per key (ours measured after a full GC, through jcmd)
  connections  10,000 idle connections held, each answering a PING, then a GET benchmark beside them
  slow-reader  one client pipelines 512 GETs of a 1 MB value and never reads: how much does the server buffer?
  profile      JFR of our server under SET/GET -c 50: hottest methods and most allocated types
  gc           (only with --gc) the throughput lines -c 50 and -c 50 -P 16 under several JVM flag sets
  no_collector (only with --only no_collector) the control for the tail: the throughput matrix once with Epsilon,
               a JVM that never collects, and a table of its ratios beside the launcher's (the medians)

Results go to <out>/stage08-performance/ (CSV, AsciiDoc tables, SVG charts); server output to target/bench-stage08.
jmh.csv there (bytes per operation of HotPathBenchmark, before and after the chapter's changes) is copied by hand
from `java -jar stage08-final/target/benchmarks.jar HotPathBenchmark -prof gc` (gc.alloc.rate.norm); this script
only draws its table.
"""
import argparse
import csv
import os
import re
import selectors
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.dont_write_bytecode = True
import bench  # noqa: E402 (bench/ gets no __pycache__)
import quiet  # noqa: E402
import report  # noqa: E402

ROOT = bench.ROOT
LAUNCHER = ROOT / "stage08-final" / "bin" / "server"
LOGS = ROOT / "target" / "bench-stage08"

# The performance chapter's matrix. The full run sends 1,000,000 requests a test with --full; 200,000 by default; 2,000 in --quick.
THROUGHPUT = [("-c 1", "-t set,get -c 1"), ("-c 50", "-t set,get -c 50"), ("-c 50 -P 16", "-t set,get -c 50 -P 16"),
              ("-c 500", "-t set,get -c 500"), ("suite -c 50", "-c 50")]
# JVM flag sets for --gc: the candidates the chapter compares.
GC_FLAGS = [("G1 (JVM default)", "-XX:+UseG1GC"),
            ("G1, 1 GB fixed, 5 ms goal", "-XX:+UseG1GC -Xms1g -Xmx1g -XX:MaxGCPauseMillis=5 -XX:+AlwaysPreTouch"),
            ("Parallel, 1 GB fixed", "-XX:+UseParallelGC -Xms1g -Xmx1g -XX:+AlwaysPreTouch"),
            ("ZGC, 1 GB fixed", "-XX:+UseZGC -Xms1g -Xmx1g -XX:+AlwaysPreTouch"),
            ("ZGC, 1 GB fixed, compact headers",
             "-XX:+UseZGC -Xms1g -Xmx1g -XX:+AlwaysPreTouch -XX:+UseCompactObjectHeaders"),
            # No collector at all: nothing is ever freed, so the heap must hold the whole run. Not a choice for a
            # server; the control that says how much of the tail latency the collector is.
            ("Epsilon (no collection), 8 GB fixed, compact headers",
             "-XX:+UnlockExperimentalVMOptions -XX:+UseEpsilonGC -Xms8g -Xmx8g -XX:+AlwaysPreTouch "
             "-XX:+UseCompactObjectHeaders")]
NO_COLLECTOR = GC_FLAGS[-1][1]
IDLE_CONNECTIONS = 10_000
SLOW_READER_VALUE = 1024 * 1024
SLOW_READER_SECONDS = 10.0
FIELDS = {
    "throughput": ["round", "row", "test", "clients", "pipeline", "requests", "server", "rps", "p50_ms", "p99_ms", "p999_ms",
                   "max_ms", "status"],
    "pauses": ["flags", "safepoints", "max_pause_ms", "max_at_safepoint_ms", "over_2ms", "total_pause_ms", "seconds"],
    "memory": ["server", "keys", "used_memory_bytes", "rss_bytes", "used_per_key", "rss_per_key", "live_heap_bytes",
               "live_heap_per_key"],
    "connections": ["server", "idle", "answered", "rss_bytes", "rss_per_connection", "live_heap_bytes",
                    "live_heap_per_connection", "get_rps_beside", "get_p99_ms_beside"],
    "slow_reader": ["server", "sent_bytes", "replies_owed_bytes", "output_buffer_bytes", "rss_growth_bytes",
                    "still_serving"],
    "profile": ["kind", "name", "share"],
    "gc": ["flags", "test", "clients", "pipeline", "rps", "p99_ms", "p999_ms", "max_pause_ms", "max_at_safepoint_ms",
           "over_2ms", "redis_rps", "redis_p999_ms"],
}
FIELDS["no_collector"] = FIELDS["throughput"]  # the same matrix, once, with no collector


def log(message):
    bench.log(message)


# --- Servers --------------------------------------------------------------------------------------------------------

class Pair:
    """Our server and a redis-server, started together and stopped together."""

    def __init__(self, servers, jar, flags, name, ours_options=(), redis_options=()):
        self.servers = servers
        self.pause_log = LOGS / f"{name}.safepoints.log"
        self.pause_log.unlink(missing_ok=True)
        env = [f"STAGE08_JAR={jar}", f"STAGE08_JVM_FLAGS={flags} -Xlog:safepoint:file={self.pause_log}"]
        self.ours, self.ours_port = servers.start(["env"] + env + [str(LAUNCHER)] + list(ours_options),
                                                  LOGS / f"{name}.ours.log")
        self.redis, self.redis_port = servers.start(
            ["redis-server", "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", str(LOGS)]
            + list(redis_options), LOGS / f"{name}.redis.log")
        if not self.ours or not self.redis:
            self.stop()
            raise SystemExit(f"a server did not start: see {LOGS}/{name}.*.log")

    def each(self):
        return [("stage08-final", self.ours, self.ours_port), ("redis-server", self.redis, self.redis_port)]

    def stop(self):
        for process in (self.ours, self.redis):
            if process:
                self.servers.stop(process)


def rss(pid):
    for line in open(f"/proc/{pid}/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    return 0


def command(port, *words, timeout=30):
    """Sends one command and returns its reply's bytes (a bulk string whole; enough for INFO and CLIENT LIST)."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        sock.sendall(bench.resp(*words))
        return bench.read_reply(sock)


def info_field(port, field):
    text = command(port, "INFO", "memory").decode("latin-1")
    m = re.search(rf"^{field}:(\d+)", text, re.M)
    return int(m.group(1)) if m else 0


def jcmd(process, *words):
    tool = Path(os.environ.get("JAVA_HOME", "/usr")) / "bin" / "jcmd"
    return subprocess.run(["timeout", "60", str(tool), str(process.pid)] + list(words), capture_output=True,
                          text=True).stdout


def live_heap(process):
    """Our server's live heap bytes after a full GC (jcmd talks to the JVM, not to the port). RSS alone says little
    about a JVM whose fixed heap was touched at start (-XX:+AlwaysPreTouch): it does not grow with the data."""
    jcmd(process, "GC.run")
    time.sleep(1)
    m = re.search(r"used (\d+)([KMG])", jcmd(process, "GC.heap_info"))  # ZGC says "used 30M", G1 "used 3072K"
    return int(m.group(1)) * {"K": 1 << 10, "M": 1 << 20, "G": 1 << 30}[m.group(2)] if m else 0


def pauses(path, seconds):
    """Safepoint pauses from -Xlog:safepoint: count, longest, how many over 2 ms, total; and the longest time spent
    at the safepoint itself (the GC's work), apart from reaching and leaving it (the scheduler's share on a busy
    machine: a thread that is not on a core cannot stop or restart at once)."""
    text = path.read_text() if path.exists() else ""
    totals = [int(n) / 1e6 for n in re.findall(r"Total: (\d+) ns", text)]
    at = [int(n) / 1e6 for n in re.findall(r"At safepoint: (\d+) ns", text)]
    return dict(safepoints=len(totals), max_pause_ms=f"{max(totals, default=0):.3f}",
                max_at_safepoint_ms=f"{max(at, default=0):.3f}", over_2ms=sum(1 for t in totals if t > 2),
                total_pause_ms=f"{sum(totals):.1f}", seconds=f"{seconds:.0f}")


# --- Measurements ---------------------------------------------------------------------------------------------------

def benchmark(port, args, requests):
    words = args.split() + ["-n", str(requests)]
    results, status, note = bench.run_benchmark(port, words, LOGS / "benchmark.log")
    return results, status, note


def warm_up(port, quick, tests=""):
    """Every test of the default suite (or only the tests given), 50,000 requests each, before anything is measured,
    so that the JIT has compiled every command's path with the types it sees before the measured runs."""
    log(f"[warm-up] stage08-final   {tests or 'the default suite'}, {1000 if quick else 50_000:,} requests a test")
    benchmark(port, f"{tests} -c 50".strip(), 1000 if quick else 50_000)


def throughput(servers, jar, flags, requests, quick, lines=THROUGHPUT, name="throughput", rounds=1):
    """Every line against both servers, one after the other, and the whole matrix again for each round: a machine
    whose load changes during a run moves one round's ratios, and the median of the rounds is what the tables show."""
    pair = Pair(servers, jar, flags, name)
    rows = []
    try:
        warm_up(pair.ours_port, quick)
        started = time.monotonic()
        for round_ in range(1, rounds + 1):
            for number, (label, args) in enumerate(lines, 1):
                for server, _process, port in pair.each():
                    log(f"[{name} round {round_}/{rounds}, {number}/{len(lines)}] {server:<14} {args} -n {requests}")
                    results, status, note = benchmark(port, args, requests)
                    words = args.split()
                    clients = words[words.index("-c") + 1]
                    pipeline = words[words.index("-P") + 1] if "-P" in words else "1"
                    line = dict(round=round_, row=label, clients=clients, pipeline=pipeline, requests=requests,
                                server=server)
                    for test, r in results.items():
                        rows.append(dict(line, test=test, status="ok",
                                         **{k: r[k] for k in ("rps", "p50_ms", "p99_ms", "p999_ms", "max_ms")}))
                    if status != "ok":
                        rows.append(dict(line, test="-", status=f"{status}: {note}"))
        paused = dict(flags=flags, **pauses(pair.pause_log, time.monotonic() - started))
    finally:
        pair.stop()
    return rows, paused


def key_file(count):
    """RESP for SET key:000000000001 0123456789 ... (written once per count, under target/)."""
    path = LOGS / f"keys-{count}.resp"
    if not path.exists():
        with open(path, "wb") as f:
            for i in range(1, count + 1):
                f.write(b"*3\r\n$3\r\nSET\r\n$16\r\nkey:%012d\r\n$10\r\nv%09d\r\n" % (i, i))
    return path


def memory(servers, jar, flags, keys):
    pair = Pair(servers, jar, flags, "memory")
    rows = []
    try:
        data = key_file(keys)
        for server, process, port in pair.each():
            ours = server == "stage08-final"
            heap0 = live_heap(process) if ours else 0
            used0, rss0 = info_field(port, "used_memory"), rss(process.pid)
            log(f"[memory] {server:<14} loading {keys:,} keys with redis-cli --pipe")
            with open(data, "rb") as f:
                subprocess.run(["timeout", "300", "redis-cli", "-p", str(port), "--pipe"], stdin=f,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
            heap = live_heap(process) - heap0 if ours else 0
            count = int(command(port, "DBSIZE").strip()[1:])
            used, resident = info_field(port, "used_memory") - used0, rss(process.pid) - rss0
            rows.append(dict(server=server, keys=count, used_memory_bytes=used, rss_bytes=resident,
                             used_per_key=f"{used / count:.1f}", rss_per_key=f"{resident / count:.1f}",
                             live_heap_bytes=heap if ours else "", live_heap_per_key=f"{heap / count:.1f}" if ours
                             else ""))
    finally:
        pair.stop()
    return rows


def hold_idle(port, count):
    """Opens count connections, checks that each answers PING, and returns (sockets, how many answered)."""
    socks = []
    for _ in range(count):
        s = socket.create_connection(("127.0.0.1", port), timeout=10)
        s.setblocking(False)
        socks.append(s)
    selector = selectors.DefaultSelector()
    for s in socks:
        s.sendall(b"PING\r\n")
        selector.register(s, selectors.EVENT_READ)
    answered, deadline = 0, time.monotonic() + 60
    while answered < count and time.monotonic() < deadline:
        for key, _ in selector.select(timeout=1):
            if key.fileobj.recv(64) == b"+PONG\r\n":
                answered += 1
            selector.unregister(key.fileobj)
    selector.close()
    return socks, answered


def connections(servers, jar, flags, idle, requests, quick):
    room = ["--maxclients", str(idle + 100)]
    pair = Pair(servers, jar, flags, "connections", room, room)
    rows = []
    try:
        warm_up(pair.ours_port, quick, "-t get")  # the GET beside the idle clients is measured on a compiled path
        for server, process, port in pair.each():
            log(f"[connections] {server:<14} opening {idle:,} idle connections")
            ours = server == "stage08-final"
            heap0 = live_heap(process) if ours else 0
            rss0 = rss(process.pid)
            socks, answered = hold_idle(port, idle)
            time.sleep(3)  # both servers give an idle client's input buffer back after 2 s
            resident = rss(process.pid) - rss0
            heap = live_heap(process) - heap0 if ours else 0
            results, _status, _note = benchmark(port, "-t get -c 50", requests)
            get = results.get("GET", {})
            for s in socks:
                s.close()
            rows.append(dict(server=server, idle=idle, answered=answered, rss_bytes=resident,
                             rss_per_connection=f"{resident / idle:.0f}", live_heap_bytes=heap if ours else "",
                             live_heap_per_connection=f"{heap / idle:.0f}" if ours else "",
                             get_rps_beside=get.get("rps", ""),
                             get_p99_ms_beside=get.get("p99_ms", "")))
    finally:
        pair.stop()
    return rows


def slow_reader(servers, jar, flags, gets):
    """Pipelines GET of a 1 MB value, gets times, and never reads a byte of the replies."""
    pair = Pair(servers, jar, flags, "slow-reader")
    rows = []
    request = bench.resp("GET", "big") * gets
    try:
        for server, process, port in pair.each():
            command(port, "SET", "big", "x" * SLOW_READER_VALUE)
            rss0 = rss(process.pid)
            log(f"[slow-reader] {server:<14} sending {gets} GETs of a 1 MB value, reading nothing")
            sent = 0
            with socket.create_connection(("127.0.0.1", port)) as sock:
                sock.setblocking(False)
                deadline = time.monotonic() + SLOW_READER_SECONDS
                while sent < len(request) and time.monotonic() < deadline:
                    try:
                        sent += sock.send(request[sent:])
                    except BlockingIOError:
                        time.sleep(0.01)  # the server stopped reading us: its choice, measured below
                time.sleep(1)
                clients = command(port, "CLIENT", "LIST").decode("latin-1")
                omem = max((int(m) for m in re.findall(r"omem=(\d+)", clients)), default=0)
                resident = rss(process.pid) - rss0
                alive = command(port, "PING", timeout=10) == b"+PONG\r\n"
            owed = sent // len(bench.resp("GET", "big")) * (SLOW_READER_VALUE + 12)
            rows.append(dict(server=server, sent_bytes=sent, replies_owed_bytes=owed, output_buffer_bytes=omem,
                             rss_growth_bytes=resident, still_serving="yes" if alive else "no"))
    finally:
        pair.stop()
    return rows


def profile(servers, jar, flags, requests, quick):
    """JFR under SET/GET -c 50: the hottest methods (top frame of execution samples) and the most allocated types."""
    recording = LOGS / "profile.jfr"
    recording.unlink(missing_ok=True)
    flags += f" -XX:StartFlightRecording=filename={recording},settings=profile,dumponexit=true"
    pair = Pair(servers, jar, flags, "profile")
    try:
        warm_up(pair.ours_port, quick, "-t set,get")  # the recording runs from the start: only what it profiles
        log(f"[profile] stage08-final   -t set,get -c 50 -n {requests}, recording")
        benchmark(pair.ours_port, "-t set,get -c 50", requests)
    finally:
        pair.stop()  # SIGTERM: the JVM writes the recording as it exits
    jfr = Path(os.environ.get("JAVA_HOME", "/usr")) / "bin" / "jfr"
    rows = []
    for event, key in (("jdk.ExecutionSample", "method"), ("jdk.ObjectAllocationSample", "type")):
        text = subprocess.run(["timeout", "120", str(jfr), "print", "--events", event, str(recording)],
                              capture_output=True, text=True).stdout
        counts, total = {}, 0
        for sample in text.split(event + " {")[1:]:
            if '"event-loop"' not in sample:
                continue  # the JIT compilers, JFR itself: not the server's work
            if key == "method":
                frame = re.search(r"stackTrace = \[\s*\n\s*(\S+?)\(", sample)
                name, weight = (frame.group(1) if frame else "?"), 1
            else:
                cls = re.search(r"objectClass = (\S+)", sample)
                size = re.search(r"weight = ([0-9.]+) (bytes|kB|MB|GB)", sample)
                site = re.search(r"(dev\.buildredis\.\S+?)\(", sample)
                name = (cls.group(1) if cls else "?") + (f" in {site.group(1)}" if site else "")
                weight = float(size.group(1)) * {"bytes": 1, "kB": 1e3, "MB": 1e6, "GB": 1e9}[size.group(2)] \
                    if size else 0
            counts[name] = counts.get(name, 0) + weight
            total += weight
        for name, weight in sorted(counts.items(), key=lambda kv: -kv[1])[:12]:
            rows.append(dict(kind="CPU (top frame)" if key == "method" else "allocation (bytes)", name=name,
                             share=f"{100 * weight / total:.1f}" if total else "0"))
    return rows


def gc_compare(servers, jar, requests, quick):
    """The -c 50 lines under each flag set of GC_FLAGS, with redis-server's numbers from the same run beside them."""
    rows = []
    lines = [("-c 50", "-t set,get -c 50"), ("-c 50 -P 16", "-t set,get -c 50 -P 16")]
    for name, flags in GC_FLAGS:
        log(f"[gc] {name}: {flags}")
        measured, paused = throughput(servers, jar, flags, requests, quick, lines, "gc")
        redis = {(r["row"], r["test"]): r for r in measured if r["server"] == "redis-server" and r["status"] == "ok"}
        for r in measured:
            if r["server"] == "stage08-final" and r["status"] == "ok":
                beside = redis.get((r["row"], r["test"]), {})
                rows.append(dict(flags=name, test=r["test"], clients=r["clients"], pipeline=r["pipeline"],
                                 rps=r["rps"], p99_ms=r["p99_ms"], p999_ms=r["p999_ms"],
                                 max_pause_ms=paused["max_pause_ms"], over_2ms=paused["over_2ms"],
                                 max_at_safepoint_ms=paused["max_at_safepoint_ms"],
                                 redis_rps=beside.get("rps", ""), redis_p999_ms=beside.get("p999_ms", "")))
    return rows


# --- Output ---------------------------------------------------------------------------------------------------------

def write_csv(out, name, rows):
    with open(out / f"{name}.csv", "w", newline="") as f:
        writer = csv.DictWriter(f, FIELDS[name], lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def read_csv(out, name):
    path = out / f"{name}.csv"
    if not path.exists():
        return None
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def medians(rounds):
    """The median of each measure over the rounds of one line (each measure on its own)."""
    rounds = list(rounds)
    return {k: statistics.median(float(r[k]) for r in rounds) for k in ("rps", "p50_ms", "p99_ms", "p999_ms",
                                                                         "max_ms")}


def ratio(a, b):
    try:
        return f"{float(a) / float(b):.2f}"
    except (TypeError, ValueError, ZeroDivisionError):
        return "-"


def beside(value, whole=False):
    """ " (x)": redis-server's number from the same run, where the CSV has one."""
    if not value:
        return ""
    return f" ({float(value):,.0f})" if whole else f" ({value})"


def commas(value):
    return f"{int(value):,}" if value else "-"


def tables(out):
    """Writes the AsciiDoc tables and SVG charts from whichever CSV files exist."""
    rows = read_csv(out, "throughput")
    if rows:
        both = {}
        for r in rows:
            if r["status"] == "ok":
                both.setdefault((r["row"], r["test"]), {}).setdefault(r["server"], {})[r.get("round") or "1"] = r
        table = ['[cols="2,2,2,2,1,2,2,2,1,2,2,1",options="header"]', "|===",
                 "| Run | Test | ours req/s | redis req/s | ours / redis | ours / redis, each round "
                 "| p50 ours / redis (ms) | p99 ours / redis (ms) | p99 ours / redis | p99.9 ours / redis (ms) "
                 "| max ours / redis (ms) | p99.9 ours / redis"]
        panels = {}
        latency = {}
        for (label, test), pair in both.items():
            ours, theirs = pair.get("stage08-final"), pair.get("redis-server")
            if not ours or not theirs:
                continue
            o, r = medians(ours.values()), medians(theirs.values())
            each = ", ".join(ratio(ours[k]["rps"], theirs[k]["rps"]) for k in sorted(ours, key=int) if k in theirs)
            table.append(f"| {label} | {report.short(test)} | {o['rps']:,.0f} | {r['rps']:,.0f} "
                         f"| {ratio(o['rps'], r['rps'])} | {each} | {o['p50_ms']:.3f} / {r['p50_ms']:.3f} "
                         f"| {o['p99_ms']:.3f} / {r['p99_ms']:.3f} | {ratio(o['p99_ms'], r['p99_ms'])} "
                         f"| {o['p999_ms']:.3f} / {r['p999_ms']:.3f} | {o['max_ms']:.3f} / {r['max_ms']:.3f} "
                         f"| {ratio(o['p999_ms'], r['p999_ms'])}")
            group = "default suite, -c 50" if label.startswith("suite") else "SET and GET"
            panels.setdefault(group, []).append((f"{report.short(test)} {'' if group != 'SET and GET' else label}",
                                                 [o["rps"], r["rps"]]))
            if group == "SET and GET":
                latency.setdefault("SET and GET, p99", []).append((f"{test} {label}", [o["p99_ms"], r["p99_ms"]]))
        table.append("|===")
        (out / "_throughput.adoc").write_text("\n".join(table) + "\n")
        series = [("stage08-final", report.OURS_COLOR), ("redis-server", report.REDIS_COLOR)]
        (out / "throughput.svg").write_text(report.bar_chart(
            "Requests per second (higher is better)", "req/s", list(panels.items()), series))
        (out / "p99.svg").write_text(report.bar_chart(
            "99th percentile latency, ms (lower is better)", "ms", list(latency.items()), series))
    simple = {
        "pauses": ("Safepoints | longest (ms) | longest at the safepoint (ms) | over 2 ms | total (ms) | run (s) "
                   "| JVM flags",
                   lambda r: f"{r['safepoints']} | {r['max_pause_ms']} | {r['max_at_safepoint_ms']} | {r['over_2ms']} "
                             f"| {r['total_pause_ms']} | {r['seconds']} | `{r['flags']}`"),
        "memory": ("Server | keys | used_memory growth | per key | RSS growth | per key | live heap growth "
                   "| per key",
                   lambda r: f"{r['server']} | {int(r['keys']):,} | {int(r['used_memory_bytes']):,} "
                             f"| {r['used_per_key']} | {int(r['rss_bytes']):,} | {r['rss_per_key']} "
                             f"| {commas(r['live_heap_bytes'])} | {r['live_heap_per_key'] or '-'}"),
        "connections": ("Server | idle connections | answered PING | RSS growth | per connection | live heap growth "
                        "| per connection | GET -c 50 beside them (req/s) | its p99 (ms)",
                        lambda r: f"{r['server']} | {int(r['idle']):,} | {int(r['answered']):,} "
                                  f"| {int(r['rss_bytes']):,} | {r['rss_per_connection']} "
                                  f"| {commas(r['live_heap_bytes'])} | {r['live_heap_per_connection'] or '-'} "
                                  f"| {r['get_rps_beside']} | {r['get_p99_ms_beside']}"),
        "slow_reader": ("Server | request bytes sent | reply bytes owed | output buffer (CLIENT LIST omem) "
                        "| RSS growth | still serving others",
                        lambda r: f"{r['server']} | {int(r['sent_bytes']):,} | {int(r['replies_owed_bytes']):,} "
                                  f"| {int(r['output_buffer_bytes']):,} | {int(r['rss_growth_bytes']):,} "
                                  f"| {r['still_serving']}"),
        "profile": ("What | method or type | share of the samples (%)",
                    lambda r: f"{r['kind']} | `{r['name']}` | {r['share']}"),
        "jmh": ("HotPathBenchmark | what it runs | bytes allocated per operation, before | now",
                lambda r: f"`{r['benchmark']}` | {r['what']} | {r['before_bytes']} | {r['now_bytes']}"),
        "gc": ("JVM flags | test | -c | -P | req/s (redis-server beside) | p99 (ms) | p99.9 (ms) (redis-server beside) "
               "| longest pause in the run (ms) | longest at the safepoint (ms) | pauses over 2 ms",
               lambda r: f"{r['flags']} | {r['test']} | {r['clients']} | {r['pipeline']} | {float(r['rps']):,.0f}"
                         f"{beside(r.get('redis_rps'), True)} | {r['p99_ms']} | {r['p999_ms']}"
                         f"{beside(r.get('redis_p999_ms'))} | {r['max_pause_ms']} "
                         f"| {r.get('max_at_safepoint_ms') or '-'} | {r['over_2ms']}"),
    }
    no_collector_table(out)
    for name, (header, line) in simple.items():
        rows = read_csv(out, name)
        if rows is None:
            continue
        text = [f'[options="header"]', "|===", "| " + header] + ["| " + line(r) for r in rows] + ["|==="]
        (out / f"_{name}.adoc").write_text("\n".join(text) + "\n")


def no_collector_table(out):
    """Ours / redis-server with the launcher's flags (medians of the rounds) beside the same with no collector."""
    launcher, control = read_csv(out, "throughput"), read_csv(out, "no_collector")
    if not launcher or not control:
        return
    ratios = []
    for rows in (launcher, control):
        both = {}
        for r in rows:
            if r["status"] == "ok":
                both.setdefault((r["row"], r["test"]), {}).setdefault(r["server"], []).append(r)
        ratios.append({k: (medians(v["stage08-final"]), medians(v["redis-server"])) for k, v in both.items()
                       if "stage08-final" in v and "redis-server" in v})
    table = ['[cols="2,2,1,1,1,1,1,1",options="header"]', "|===",
             "| Run | Test | req/s ours / redis, launcher's flags | no collector | p99 ours / redis, launcher's flags "
             "| no collector | p99.9 ours / redis, launcher's flags | no collector"]
    for key, (o, r) in ratios[0].items():
        if key not in ratios[1]:
            continue
        o2, r2 = ratios[1][key]
        table.append(f"| {key[0]} | {report.short(key[1])} | {ratio(o['rps'], r['rps'])} | {ratio(o2['rps'], r2['rps'])} "
                     f"| {ratio(o['p99_ms'], r['p99_ms'])} | {ratio(o2['p99_ms'], r2['p99_ms'])} "
                     f"| {ratio(o['p999_ms'], r['p999_ms'])} | {ratio(o2['p999_ms'], r2['p999_ms'])}")
    table.append("|===")
    (out / "_no_collector.adoc").write_text("\n".join(table) + "\n")


def options(description):
    """The options every chapter script takes from bench/stage08.sh (a script adds its own)."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--out")
    parser.add_argument("--jar", required=True)
    parser.add_argument("--pid-file", required=True)
    parser.add_argument("--tables-only", action="store_true")
    return parser


def results_folder(args, chapter, logs):
    """Where a chapter's CSV and tables go (the docs' results, or target/ for --quick), made with the logs folder."""
    results = ROOT / "docs" / "src" / "docs" / "asciidoc" / "results"
    quick = ROOT / "target" / f"{logs.name}-quick"
    out = (Path(args.out) if args.out else quick if args.quick else results) / chapter
    out.mkdir(parents=True, exist_ok=True)
    logs.mkdir(parents=True, exist_ok=True)
    return out


def launcher_flags():
    """The JVM flags our server runs with: STAGE08_JVM_FLAGS, or the launcher's own."""
    return os.environ.get("STAGE08_JVM_FLAGS") or re.search(r"flags=\$\{STAGE08_JVM_FLAGS:-([^}]*)}",
                                                            LAUNCHER.read_text()).group(1)


def main():
    parser = options("stage08-final beside redis-server.")
    parser.add_argument("--full", action="store_true")
    parser.add_argument("--gc", action="store_true")
    parser.add_argument("--rounds", type=int)
    parser.add_argument("--only", default="throughput,memory,connections,slow_reader,profile")
    args = parser.parse_args()
    out = results_folder(args, "stage08-performance", LOGS)
    if args.tables_only:
        tables(out)
        return
    servers = bench.Servers(Path(args.pid_file))
    servers.stop_on_signals()

    requests = 2000 if args.quick else 1_000_000 if args.full else 200_000
    rounds = args.rounds or (1 if args.quick or args.full else 3)
    keys = 10_000 if args.quick else 1_000_000
    idle = 200 if args.quick else IDLE_CONNECTIONS
    flags = launcher_flags()
    wanted = args.only.split(",")
    started, load = time.monotonic(), quiet.load_average()
    try:
        if "throughput" in wanted:
            rows, paused = throughput(servers, args.jar, flags, requests, args.quick, rounds=rounds)
            write_csv(out, "throughput", rows)
            write_csv(out, "pauses", [paused])
        if "memory" in wanted:
            write_csv(out, "memory", memory(servers, args.jar, flags, keys))
        if "connections" in wanted:
            write_csv(out, "connections", connections(servers, args.jar, flags, idle, requests // 4, args.quick))
        if "slow_reader" in wanted:
            write_csv(out, "slow_reader", slow_reader(servers, args.jar, flags, 16 if args.quick else 512))
        if "profile" in wanted:
            write_csv(out, "profile", profile(servers, args.jar, flags, requests, args.quick))
        if "no_collector" in wanted:
            # The control for the tail latency: the same matrix once, with a JVM that never collects.
            rows, _paused = throughput(servers, args.jar, NO_COLLECTOR, requests, args.quick, name="no-collector")
            write_csv(out, "no_collector", rows)
        if args.gc:
            write_csv(out, "gc", gc_compare(servers, args.jar, requests, args.quick))
    finally:
        servers.stop_all()
    # One file per set of parts run together, so that a partial re-run does not replace the main run's conditions.
    parts = "+".join(w for w in wanted + (["gc"] if args.gc and "gc" not in wanted else []) if w in FIELDS)
    name = "machine.txt" if "throughput" in wanted else f"machine-{parts}.txt"
    matrix = "" if "throughput" not in wanted else ", one round of the throughput matrix" if rounds == 1 \
        else f", {rounds} rounds of the throughput matrix (the tables show medians)"
    (out / name).write_text(bench.machine(os.environ.get("JAVA_HOME", "") + "/bin/java")
                                     + f" Load average (1, 5, 15 min) at the start: {', '.join(load)}; at the end: "
                                       f"{', '.join(quiet.load_average())}; {requests:,} requests a test"
                                       + matrix + ".\n")
    tables(out)
    for name in ("throughput", "pauses", "memory", "connections", "slow_reader", "profile", "gc"):
        path = out / f"_{name}.adoc"
        if path.exists() and (name in wanted or name == "pauses" and "throughput" in wanted or
                              name == "gc" and args.gc):
            print(path.read_text())
    print(f"Results in {out}; server output in {LOGS}; {time.monotonic() - started:.0f} s.")
    failed = [r for r in read_csv(out, "throughput") or [] if r["status"] != "ok"] if "throughput" in wanted else []
    if failed:
        print("Problems: " + "; ".join(f"{r['server']} {r['row']}: {r['status']}" for r in failed))
        sys.exit(1)


if __name__ == "__main__":
    main()
