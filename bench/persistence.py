#!/usr/bin/env python3
"""stage08-final's snapshots beside redis-server's: extra memory and client latency while a BGSAVE runs.

Called by bench/stage08.sh --persistence (which finds a JDK 25, builds stage08); see its --help. Both servers are
started as in bench/stage08.py (ours through stage08-final/bin/server, redis-server with --save '' --appendonly no)
on free loopback ports, each with a directory of its own, and loaded with the same keys (key:000000000001 ... with
100-byte values). Then, for each server in turn:

  memory    a write load runs (redis-benchmark SET -r <keys> -d 100 -c 50: overwrites of random existing keys), then
            BGSAVE, sampled every 10 ms until it is done. redis-server: the fork child's private memory (the pages
            copied on write, /proc/<child>/smaps_rollup) plus the parent's RSS growth; ours: the bytes the snapshot
            holds for the disk (INFO current_cow_size) and the process's RSS growth. As a fraction of the data set
            (INFO used_memory after the load).
  latency   the same SET load, once without snapshots and once with BGSAVE started again as soon as the last one
            ended: requests per second, p50, p99, p99.9 and the longest request.

Results go to <out>/stage08-persistence/ (CSV and AsciiDoc tables); server output to target/bench-persistence.
"""
import os
import re
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.dont_write_bytecode = True
import bench  # noqa: E402
import chapters  # noqa: E402
import report  # noqa: E402
import quiet  # noqa: E402
import stage08  # noqa: E402

ROOT = bench.ROOT
LOGS = ROOT / "target" / "bench-persistence"
FIELDS = {
    "snapshot_memory": ["server", "keys", "used_memory_bytes", "bgsave_ms", "extra_peak_bytes", "extra_fraction",
                        "rss_growth_bytes", "reported_cow_bytes", "writes_per_second_during"],
    "snapshot_latency": ["server", "mode", "snapshots", "rps", "p50_ms", "p99_ms", "p999_ms", "max_ms"],
}


def log(message):
    bench.log(message)


def value_file(count):
    """RESP for SET key:000000000001 <100 bytes> ... : the key names redis-benchmark -r writes to."""
    path = LOGS / f"values-{count}.resp"
    if not path.exists():
        value = b"v" * 100
        with open(path, "wb") as f:
            for i in range(count):
                f.write(b"*3\r\n$3\r\nSET\r\n$16\r\nkey:%012d\r\n$100\r\n%s\r\n" % (i, value))
    return path


def persistence_info(port):
    text = stage08.command(port, "INFO", "persistence").decode("latin-1")
    return dict(re.findall(r"^(\w+):(\S*)", text, re.M))


def child_private(pid):
    """The fork child's private memory (what copy-on-write duplicated), 0 when there is no child."""
    total = 0
    try:
        children = open(f"/proc/{pid}/task/{pid}/children").read().split()
    except OSError:
        return 0
    for child in children:
        try:
            for line in open(f"/proc/{child}/smaps_rollup"):
                if line.startswith(("Private_Clean:", "Private_Dirty:")):
                    total += int(line.split()[1]) * 1024
        except OSError:
            pass
    return total


def load(port, keys):
    with open(value_file(keys), "rb") as f:
        subprocess.run(["timeout", "600", "redis-cli", "-p", str(port), "--pipe"], stdin=f,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)


def write_load(port, keys):
    """SET of random existing keys, until killed."""
    return subprocess.Popen(["redis-benchmark", "-h", "127.0.0.1", "-p", str(port), "-t", "set", "-r", str(keys),
                             "-d", "100", "-c", "50", "-n", "1000000000", "--csv"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def await_bgsave(port, timeout=600):
    deadline = time.monotonic() + timeout
    while persistence_info(port).get("rdb_bgsave_in_progress") == "1":
        if time.monotonic() > deadline:
            raise SystemExit("BGSAVE still running after %d s" % timeout)
        time.sleep(0.01)


def memory(pair, keys):
    rows = []
    for server, process, port in pair.each():
        ours = server == "stage08-final"
        used = stage08.info_field(port, "used_memory")
        load_process = write_load(port, keys)
        try:
            time.sleep(2)
            rss0 = stage08.rss(process.pid)
            processed0 = int(re.search(rb"total_commands_processed:(\d+)", stage08.command(port, "INFO", "stats"))[1])
            log(f"[memory] {server:<14} BGSAVE of {keys:,} keys under a SET load")
            started = time.monotonic()
            stage08.command(port, "BGSAVE")
            extra_peak, rss_peak = 0, rss0
            while True:
                info = persistence_info(port)
                rss_now = stage08.rss(process.pid)
                rss_peak = max(rss_peak, rss_now)
                if ours:
                    extra = int(info.get("current_cow_size", 0))
                else:
                    extra = child_private(process.pid) + max(0, rss_now - rss0)
                extra_peak = max(extra_peak, extra)
                if info.get("rdb_bgsave_in_progress") == "0":
                    break
                time.sleep(0.01)
            elapsed = time.monotonic() - started
            processed = int(re.search(rb"total_commands_processed:(\d+)", stage08.command(port, "INFO", "stats"))[1])
        finally:
            load_process.kill()
            load_process.wait()
        info = persistence_info(port)
        cow = int(info.get("rdb_last_cow_size", 0))
        extra_peak = max(extra_peak, cow)
        rows.append(dict(server=server, keys=keys, used_memory_bytes=used, bgsave_ms=f"{elapsed * 1000:.0f}",
                         extra_peak_bytes=extra_peak, extra_fraction=f"{extra_peak / max(used, 1):.4f}",
                         rss_growth_bytes=rss_peak - rss0, reported_cow_bytes=cow,
                         writes_per_second_during=f"{(processed - processed0) / elapsed:.0f}"))
    return rows


def latency(pair, keys, requests):
    rows = []
    for server, _process, port in pair.each():
        for mode in ("no snapshot", "BGSAVE back to back"):
            stop, count = threading.Event(), [0]

            def snapshots():
                while not stop.is_set():
                    stage08.command(port, "BGSAVE")
                    await_bgsave(port)
                    count[0] += 1

            saver = threading.Thread(target=snapshots, daemon=True) if mode != "no snapshot" else None
            log(f"[latency] {server:<14} SET -c 50 -d 100 -r {keys:,} -n {requests:,}, {mode}")
            if saver:
                saver.start()
            results, status, note = stage08.benchmark(port, f"-t set -c 50 -d 100 -r {keys}", requests)
            stop.set()
            if saver:
                saver.join(timeout=600)
            r = results.get("SET", {})
            rows.append(dict(server=server, mode=mode, snapshots=count[0] if saver else 0,
                             **{k: r.get(k, status) for k in ("rps", "p50_ms", "p99_ms", "p999_ms", "max_ms")}))
    return rows


def tables(out):
    """The tables and charts, drawn by bench/chapters.py (so that bench/report.py --check covers them)."""
    report.write(out.parent, chapters.persistence_files(out, f"{out.name}/"))


def main():
    args = stage08.options("stage08-final's snapshots beside redis-server's.").parse_args()
    out = stage08.results_folder(args, "stage08-persistence", LOGS)
    stage08.LOGS = LOGS
    stage08.FIELDS.update(FIELDS)
    if args.tables_only:
        tables(out)
        return
    servers = bench.Servers(Path(args.pid_file))
    servers.stop_on_signals()

    keys = 20_000 if args.quick else 1_000_000
    requests = 20_000 if args.quick else 1_000_000
    flags = stage08.launcher_flags()
    started, load_avg = time.monotonic(), quiet.load_average()
    ours_dir, redis_dir = LOGS / "ours", LOGS / "redis"
    for d in (ours_dir, redis_dir):
        d.mkdir(parents=True, exist_ok=True)
    pair = stage08.Pair(servers, args.jar, flags, "persistence", ours_options=["--dir", str(ours_dir)],
                        redis_options=["--dir", str(redis_dir)])
    try:
        for server, _process, port in pair.each():
            log(f"[load] {server:<14} {keys:,} keys with 100-byte values")
            load(port, keys)
        stage08.warm_up(pair.ours_port, args.quick)
        stage08.write_csv(out, "snapshot_memory", memory(pair, keys))
        stage08.write_csv(out, "snapshot_latency", latency(pair, keys, requests))
    finally:
        pair.stop()
        servers.stop_all()
    (out / "machine.txt").write_text(bench.machine(os.environ.get("JAVA_HOME", "") + "/bin/java")
                                     + f" Load average (1, 5, 15 min) at the start: {', '.join(load_avg)}; at the "
                                       f"end: {', '.join(quiet.load_average())}; {keys:,} keys.\n")
    tables(out)
    for name in ("snapshot_memory", "snapshot_latency"):
        print((out / f"_{name}.adoc").read_text())
    print(f"Results in {out}; server output in {LOGS}; {time.monotonic() - started:.0f} s.")


if __name__ == "__main__":
    main()
