#!/usr/bin/env python3
"""Replication, this server beside redis-server: a full sync of 1,000,000 keys, and the lag under load.

Called by bench/replication.sh (which refuses a busy machine, finds a JDK 25, builds stage08-final); see its --help.
Servers are started as in bench/stage08.py (ours through stage08-final/bin/server, redis-server with --save ''
--appendonly no), each on a free loopback port with a directory of its own, and a master never serves two
measurements: each starts fresh.

  full_sync  for each master (this server, redis-server), and each of repl-diskless-sync yes and no: the master is
             loaded with 1,000,000 keys (key:000000000001 ... with 100-byte values, redis-cli --pipe), a
             redis-server replica is started and told REPLICAOF, and the master is sampled every 10 ms until the
             replica's link is up and it has every byte of the stream: how long that took, and the master's extra
             memory at the peak (redis-server: the fork child's private pages plus the parent's RSS growth; ours: the
             process's RSS growth). Once idle, once under a SET load (redis-benchmark -r, 50 clients), whose rate
             during the sync is recorded too. The replica is the same redis-server each time: what differs is the
             master.
  lag        for each pair of master and replica (this server and redis-server, each way, and each with its own
             kind): a SET load of <requests> requests, 50 clients, 100-byte values, while both are sampled every
             10 ms: how many bytes of stream the replica is behind (master_repl_offset - slave_repl_offset), its
             median, 99th percentile and maximum; and how long after the load the replica has caught up.

Results go to <out>/stage08-step26-replication/ (CSV files, and the AsciiDoc tables that bench/chapters.py draws
from them); server output to target/bench-replication.
"""
import os
import re
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.dont_write_bytecode = True
import bench  # noqa: E402
import chapters  # noqa: E402
import persistence  # noqa: E402 (its loader and write load)
import quiet  # noqa: E402
import report  # noqa: E402
import stage08  # noqa: E402

ROOT = bench.ROOT
LOGS = ROOT / "target" / "bench-replication"
CHAPTER = "stage08-step26-replication"
FIELDS = {
    "full_sync": ["master", "diskless", "load", "keys", "used_memory_bytes", "sync_ms", "extra_peak_bytes",
                  "extra_fraction", "writes_per_second_during"],
    "lag": ["master", "replica", "requests", "rps", "behind_p50_bytes", "behind_p99_bytes", "behind_max_bytes",
            "catch_up_ms"],
}
SAMPLE_SECONDS = 0.01
SYNC_TIMEOUT_SECONDS = 900


def log(message):
    bench.log(message)


def info(port, section="replication"):
    text = stage08.command(port, "INFO", section).decode("latin-1")
    return dict(re.findall(r"^(\w+):(\S*)", text, re.M))


def start(servers, kind, name, options=()):
    """One server, fresh, with a directory of its own: kind is 'stage08-final' or 'redis-server'."""
    folder = LOGS / name
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.rdb"):
        old.unlink()
    common = ["--dir", str(folder), "--repl-diskless-sync-delay", "0"] + list(options)
    if kind == "stage08-final":
        env = [f"STAGE08_JAR={JAR}", f"STAGE08_JVM_FLAGS={stage08.launcher_flags()}"]
        process, port = servers.start(["env"] + env + [str(stage08.LAUNCHER)] + common, LOGS / f"{name}.log")
    else:
        process, port = servers.start(["redis-server", "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
                                      + common, LOGS / f"{name}.log")
    if not process:
        raise SystemExit(f"{kind} did not start: see {LOGS}/{name}.log")
    return process, port


def in_sync(master_port, replica_port):
    replica = info(replica_port)
    return (replica.get("master_link_status") == "up"
            and int(replica.get("slave_repl_offset", -1)) == int(info(master_port).get("master_repl_offset", -2)))


def full_sync(servers, keys):
    rows = []
    for master_kind in ("stage08-final", "redis-server"):
        for diskless in ("yes", "no"):
            for load in ("idle", "SET load"):
                name = f"sync-{master_kind}-{diskless}-{load.replace(' ', '-')}"
                master, master_port = start(servers, master_kind, name + "-master",
                                            ["--repl-diskless-sync", diskless])
                replica, replica_port = start(servers, "redis-server", name + "-replica")
                try:
                    log(f"[full sync] {master_kind:<14} diskless {diskless:<3} {load:<8} loading {keys:,} keys")
                    persistence.load(master_port, keys)
                    used = stage08.info_field(master_port, "used_memory")
                    writer = persistence.write_load(master_port, keys) if load != "idle" else None
                    try:
                        time.sleep(2 if writer else 0)
                        rss0 = stage08.rss(master.pid)
                        processed0 = int(info(master_port, "stats")["total_commands_processed"])
                        started = time.monotonic()
                        stage08.command(replica_port, "REPLICAOF", "127.0.0.1", str(master_port))
                        extra_peak = 0
                        # Idle, the sync is over once the replica has every byte of the stream; under load the
                        # offsets never meet, and it is over once the replica has loaded the RDB and streams.
                        while not (linked(replica_port) if writer else in_sync(master_port, replica_port)):
                            extra = max(0, stage08.rss(master.pid) - rss0)
                            if master_kind == "redis-server":
                                extra += persistence.child_private(master.pid)
                            extra_peak = max(extra_peak, extra)
                            if time.monotonic() - started > SYNC_TIMEOUT_SECONDS:
                                raise SystemExit(f"the full sync of {name} did not end in {SYNC_TIMEOUT_SECONDS} s")
                            time.sleep(SAMPLE_SECONDS)
                        elapsed = time.monotonic() - started
                        processed = int(info(master_port, "stats")["total_commands_processed"])
                    finally:
                        if writer:
                            writer.kill()
                            writer.wait()
                    rows.append(dict(master=master_kind, diskless=diskless, load=load, keys=keys,
                                     used_memory_bytes=used, sync_ms=f"{elapsed * 1000:.0f}",
                                     extra_peak_bytes=extra_peak, extra_fraction=f"{extra_peak / max(used, 1):.4f}",
                                     writes_per_second_during=f"{(processed - processed0) / elapsed:.0f}"
                                     if writer else 0))
                finally:
                    servers.stop(replica)
                    servers.stop(master)
    return rows


def linked(replica_port):
    replica = info(replica_port)
    return replica.get("master_link_status") == "up" and replica.get("master_sync_in_progress") == "0"


def lag(servers, requests):
    rows = []
    for master_kind, replica_kind in (("stage08-final", "redis-server"), ("redis-server", "redis-server"),
                                      ("redis-server", "stage08-final"), ("stage08-final", "stage08-final")):
        name = f"lag-{master_kind}-{replica_kind}"
        master, master_port = start(servers, master_kind, name + "-master")
        replica, replica_port = start(servers, replica_kind, name + "-replica")
        try:
            stage08.command(replica_port, "REPLICAOF", "127.0.0.1", str(master_port))
            deadline = time.monotonic() + 60
            while not in_sync(master_port, replica_port):
                if time.monotonic() > deadline:
                    raise SystemExit(f"{name}: the replica did not sync within 60 s")
                time.sleep(0.1)
            stop, behind = threading.Event(), []

            def sample():
                while not stop.is_set():
                    m = int(info(master_port).get("master_repl_offset", 0))
                    r = int(info(replica_port).get("slave_repl_offset", 0))
                    behind.append(max(0, m - r))
                    time.sleep(SAMPLE_SECONDS)

            sampler = threading.Thread(target=sample, daemon=True)
            log(f"[lag] {master_kind:<14} -> {replica_kind:<14} SET -c 50 -d 100 -n {requests:,}")
            sampler.start()
            results, status, _note = stage08.benchmark(master_port, "-t set -c 50 -d 100 -r 100000", requests)
            ended = time.monotonic()
            while not in_sync(master_port, replica_port):
                if time.monotonic() - ended > 60:
                    raise SystemExit(f"{name}: the replica did not catch up within 60 s")
                time.sleep(SAMPLE_SECONDS)
            catch_up = time.monotonic() - ended
            stop.set()
            sampler.join(timeout=10)
            ordered = sorted(behind) or [0]
            rows.append(dict(master=master_kind, replica=replica_kind, requests=requests,
                             rps=results.get("SET", {}).get("rps", status),
                             behind_p50_bytes=int(statistics.median(ordered)),
                             behind_p99_bytes=ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))],
                             behind_max_bytes=ordered[-1], catch_up_ms=f"{catch_up * 1000:.0f}"))
        finally:
            servers.stop(replica)
            servers.stop(master)
    return rows


def tables(out):
    """The tables, drawn by bench/chapters.py (so that bench/report.py --check covers them)."""
    report.write(out.parent, chapters.replication_files(out, f"{out.name}/"))


JAR = None


def main():
    global JAR
    parser = stage08.options("Replication, this server beside redis-server.")
    args = parser.parse_args()
    out = stage08.results_folder(args, CHAPTER, LOGS)
    stage08.LOGS = LOGS
    stage08.FIELDS.update(FIELDS)
    persistence.LOGS = LOGS
    if args.tables_only:
        tables(out)
        return
    JAR = args.jar
    servers = bench.Servers(Path(args.pid_file))
    servers.stop_on_signals()
    keys = 20_000 if args.quick else 1_000_000
    requests = 20_000 if args.quick else 1_000_000
    started, load_avg = time.monotonic(), quiet.load_average()
    try:
        stage08.write_csv(out, "full_sync", full_sync(servers, keys))
        stage08.write_csv(out, "lag", lag(servers, requests))
    finally:
        servers.stop_all()
    (out / "machine.txt").write_text(bench.machine(os.environ.get("JAVA_HOME", "") + "/bin/java")
                                     + f" Load average (1, 5, 15 min) at the start: {', '.join(load_avg)}; at the "
                                       f"end: {', '.join(quiet.load_average())}; {keys:,} keys.\n")
    tables(out)
    print((out / "_replication.adoc").read_text())
    print(f"Results in {out}; server output in {LOGS}; {time.monotonic() - started:.0f} s.")


if __name__ == "__main__":
    main()
