#!/usr/bin/env python3
"""Memory per element of small and large collections, a step of stage 8 beside redis-server: what Redis's compact
encodings (listpack, intset) save, and what this server's structures cost instead.

    bench/encodings.py 08.13             lists and hashes (step 13), small and large, beside redis-server
    bench/encodings.py 08.14             sets and sorted sets (step 14)
    bench/encodings.py 08.13 --quick     a few thousand elements a shape, into target/bench-encodings-quick (smoke test)
    bench/encodings.py 08.14 --no-build  the step's jar as it is

For each shape (a collection type and a size: 8 elements, which Redis keeps compact, or 1,000, which it does not)
it empties both servers, loads the same keys through one pipelined connection (one command per key), and records:
redis-server's used_memory growth; ours, the estimate that INFO's used_memory keeps (what maxmemory is compared
with), and the growth of the live objects' bytes (jcmd GC.class_histogram, which collects first), which is what
the JVM really holds. Each is divided by the number of elements loaded; OBJECT ENCODING of the first key is recorded from
both servers. Memory does not depend on the machine's load, but run it on a quiet machine anyway: the live heap is
read after a collection that a busy machine slows down.

Our server runs the step's jar with the launcher's JVM flags (stage08-final/bin/server: ZGC, compact object
headers), the flags the estimate's object sizes assume; redis-server with --save '' --appendonly no. Both on free
loopback ports, stopped on exit. The table goes to docs/src/docs/asciidoc/results/_<step>-memory.adoc, which the
step's chapter includes (a note saying how to fill it until then). Standard library only.
"""
import argparse
import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

sys.dont_write_bytecode = True
import bench  # noqa: E402 (bench/ gets no __pycache__)
import quiet  # noqa: E402
import report  # noqa: E402
import stage08  # noqa: E402

ROOT = bench.ROOT
LOGS = ROOT / "target" / "bench-encodings"
RESULTS = ROOT / "docs" / "src" / "docs" / "asciidoc" / "results"
# Elements loaded per shape: enough that the live heap's growth (reported by ZGC in megabytes) is read to a few %.
ELEMENTS = 400_000
QUICK_ELEMENTS = 4_000
SMALL, LARGE = 8, 1_000

# step, by its folder's name (numbers change when steps are inserted) → shapes: (label, the command that makes one
# key of n elements)
SHAPES = {
    "lists-hashes": [
        ("list of {n} 10-byte strings", lambda key, n: ["RPUSH", key] + [f"element{i:03d}" for i in range(n)]),
        ("hash of {n} fields, 10-byte values",
         lambda key, n: ["HSET", key] + [w for i in range(n) for w in (f"field{i:05d}", f"value{i:05d}")]),
    ],
    "sets-zsets": [
        ("set of {n} integers", lambda key, n: ["SADD", key] + [str(1000 + i) for i in range(n)]),
        ("set of {n} 10-byte strings", lambda key, n: ["SADD", key] + [f"member{i:04d}" for i in range(n)]),
        ("sorted set of {n} 10-byte members",
         lambda key, n: ["ZADD", key] + [w for i in range(n) for w in (str(i), f"member{i:04d}")]),
    ],
}


def step_folder(number):
    found = sorted(ROOT.glob(f"stage08-*/steps/{number}-*"))
    if not found:
        raise SystemExit(f"no step {number} under stage08-*/steps")
    return found[0]


class Connection:
    """One connection, its replies read one at a time from a buffered stream (pipelined replies arrive together)."""

    def __init__(self, port):
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=120)
        self.stream = self.sock.makefile("rb")

    def reply(self):
        """One reply: bytes for a simple, integer, error or bulk reply, a list for an array."""
        line = self.stream.readline()
        kind, rest = line[:1], line[1:-2]
        if kind == b"$":
            length = int(rest)
            return None if length < 0 else self.stream.read(length + 2)[:-2]
        if kind == b"*":
            return [self.reply() for _ in range(max(0, int(rest)))]
        if kind == b"-":
            raise SystemExit(f"error reply: {rest.decode(errors='replace')}")
        return rest

    def call(self, *words):
        self.sock.sendall(bench.resp(*words))
        return self.reply()

    def close(self):
        self.stream.close()
        self.sock.close()


def live_bytes(process):
    """The bytes of every live object of our server, to the byte: jcmd's class histogram, which runs a full
    collection first and ends with a line "Total <instances> <bytes>"."""
    out = stage08.jcmd(process, "GC.class_histogram")
    m = re.search(r"^Total\s+\d+\s+(\d+)", out, re.M)
    if not m:
        raise SystemExit(f"no class histogram from jcmd: {out[:200]!r}")
    return int(m.group(1))


def used_memory(connection):
    text = connection.call("INFO", "memory").decode("latin-1")
    return int(re.search(r"^used_memory:(\d+)", text, re.M).group(1))


def load(connection, make, keys, n):
    """One command per key, pipelined in batches, every reply read."""
    batch = max(1, 20_000 // n)
    for first in range(0, keys, batch):
        last = min(keys, first + batch)
        connection.sock.sendall(b"".join(bench.resp(*make(f"k:{i:08d}", n)) for i in range(first, last)))
        for _ in range(first, last):
            connection.reply()


def measure(port, process, ours, make, n, elements):
    keys = max(1, elements // n)
    connection = Connection(port)
    try:
        connection.call("FLUSHALL")
        heap0 = live_bytes(process) if ours else 0
        used0 = used_memory(connection)
        load(connection, make, keys, n)
        used = used_memory(connection) - used0
        heap = live_bytes(process) - heap0 if ours else 0
        encoding = connection.call("OBJECT", "ENCODING", "k:00000000").decode()
        connection.call("FLUSHALL")
    finally:
        connection.close()
    total = keys * n
    return dict(keys=keys, elements=total, used=used / total, heap=heap / total if ours else None,
                encoding=encoding)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("step", help="08.13 or 08.14")
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--no-build", action="store_true")
    parser.add_argument("--force", action="store_true", help="measure even if the machine is not quiet")
    args = parser.parse_args()
    number = args.step.split(".")[-1].zfill(2)
    folder = step_folder(number)
    shapes = SHAPES.get(folder.name[3:])
    if shapes is None:
        raise SystemExit(f"no shapes for step {number} ({folder.name}): only for the steps {', '.join(SHAPES)}")
    name = f"stage08-step{folder.name}"
    jar = folder / "target" / f"{name}.jar"
    if not args.no_build:
        subprocess.run(["mvn", "-B", "-q", "-f", str(folder / "pom.xml"), "package", "-DskipTests",
                        "-Dreal-redis.skip"], cwd=ROOT, check=True)
    if not args.quick:
        quiet.check(args.force, name, bench.log)
    elements = QUICK_ELEMENTS if args.quick else ELEMENTS
    out = (ROOT / "target" / "bench-encodings-quick") if args.quick else RESULTS
    out.mkdir(parents=True, exist_ok=True)
    LOGS.mkdir(parents=True, exist_ok=True)
    java = os.environ.get("JAVA_HOME", "/usr") + "/bin/java"
    servers = bench.Servers(LOGS / "servers.pid")
    servers.stop_on_signals()
    load_before = quiet.load_average()
    rows = []
    try:
        ours, ours_port = servers.start([java] + stage08.launcher_flags().split() + ["-jar", str(jar)],
                                        LOGS / f"{name}.log")
        redis, redis_port = servers.start(["redis-server", "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                                           "--dir", str(LOGS)], LOGS / "redis-server.log")
        if not ours or not redis:
            raise SystemExit(f"a server did not start: see {LOGS}")
        for label, make in shapes:
            for n in (SMALL, LARGE):
                shape = label.format(n=f"{n:,}")
                bench.log(f"[{name}] {shape}")
                theirs = measure(redis_port, redis, False, make, n, elements)
                mine = measure(ours_port, ours, True, make, n, elements)
                rows.append((shape, theirs, mine))
    finally:
        servers.stop_all()
    lines = [f"Memory per element, {elements:,} elements a shape, one command per key. `used_memory` is what each "
             f"server's `INFO memory` says it grew by: for `redis-server`, its allocator's count; for {name}, its own "
             "estimate (what `maxmemory` is compared with). The live heap is the JVM's own count after a full "
             "collection.", "",
             '[cols="4,2,2,2,2,2,1",options="header"]', "|===",
             "| Shape | redis-server encoding | redis-server bytes | our encoding | our used_memory bytes "
             "| our live heap bytes | heap / Redis"]
    for shape, theirs, mine in rows:
        ratio = f"{mine['heap'] / theirs['used']:.1f}×" if theirs["used"] > 0 else "–"
        lines.append(f"| {shape} | `{theirs['encoding']}` | {theirs['used']:.1f} | `{mine['encoding']}` "
                     f"| {mine['used']:.1f} | {mine['heap']:.1f} | {ratio}")
    lines += ["|===", "",
              report.escape_adoc(bench.machine(java, "both servers and the loader on one machine over loopback")
                                 + f" Load average at the start: {', '.join(load_before)}; at the "
                                 f"end: {', '.join(quiet.load_average())}.")]
    text = "\n".join(lines) + "\n"
    target = out / f"_{name}-memory.adoc"
    target.write_text(text)
    print(text)
    print(f"Results in {target}")


if __name__ == "__main__":
    main()
