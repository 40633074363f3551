#!/usr/bin/env python3
"""How long until memory returns when a million keys expire and nobody reads them: active expiry, measured.

Starts redis-server and the stage08 server (java -jar stage08-final/target/stage08-final.jar) on free loopback ports,
loads each with KEYS keys set with `SET key value PXAT deadline` through one pipelined connection, every key with the
same deadline (now + ttl, so the slower load still ends before it), then polls INFO every 100 ms until the database
is empty. Prints, per server: the load time, the time from the common deadline until half and all of the keys were
reclaimed, expired_keys, used_memory before loading, once loaded and at the end, and used_memory_rss once loaded,
when the database is empty and 10 s later. Both servers
are stopped by their PIDs. Standard library only.

    python3 bench/active-expiry.py [--keys 1000000] [--ttl-ms 5000] [--out FILE]
"""
import argparse
import os
import socket
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
JAVA = os.path.join(os.environ.get("JAVA_HOME", "/usr/lib/jvm/temurin-25-jdk-amd64"), "bin", "java")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def command(*args):
    out = b"*%d\r\n" % len(args)
    for a in args:
        a = a if isinstance(a, bytes) else str(a).encode()
        out += b"$%d\r\n%s\r\n" % (len(a), a)
    return out


class Client:
    def __init__(self, port):
        for _ in range(100):
            try:
                self.sock = socket.create_connection(("127.0.0.1", port))
                break
            except OSError:
                time.sleep(0.1)
        self.file = self.sock.makefile("rb")

    def reply(self):
        line = self.file.readline()[:-2]
        kind, rest = line[:1], line[1:]
        if kind == b"$":
            n = int(rest)
            return None if n < 0 else self.file.read(n + 2)[:-2].decode()
        if kind == b"-":
            raise RuntimeError(rest.decode())
        return rest.decode()

    def call(self, *args):
        self.sock.sendall(command(*args))
        return self.reply()

    def info(self):
        fields = {}
        for line in self.call("INFO", "all").split("\r\n"):
            if ":" in line:
                name, value = line.split(":", 1)
                fields[name] = value
        keys = fields.get("db0", "keys=0").split(",")[0].split("=")[1]
        return int(keys), int(fields["used_memory"]), int(fields.get("expired_keys", 0))

    def rss(self):
        """used_memory_rss: the process's resident memory for redis-server, the JVM heap in use for stage08."""
        for line in self.call("INFO", "memory").split("\r\n"):
            if line.startswith("used_memory_rss:"):
                return int(line.split(":")[1])


def load(client, keys, deadline_ms, batch=10_000):
    start = time.monotonic()
    for first in range(0, keys, batch):
        client.sock.sendall(b"".join(command("SET", "key:%d" % i, "value", "PXAT", deadline_ms)
                                     for i in range(first, min(keys, first + batch))))
        for _ in range(first, min(keys, first + batch)):
            client.reply()
    return time.monotonic() - start


def measure(name, port, keys, ttl_ms):
    c = Client(port)
    c.call("FLUSHALL")
    _, before, _ = c.info()
    deadline_ms = int(time.time() * 1000) + ttl_ms
    deadline = time.monotonic() + ttl_ms / 1000
    load_seconds = load(c, keys, deadline_ms)
    loaded_keys, loaded_memory, _ = c.info()
    loaded_rss = c.rss()
    half = None
    while True:
        time.sleep(0.1)
        count, used, expired = c.info()
        now = time.monotonic()
        if half is None and count <= keys // 2:
            half = now - deadline
        if count == 0 or now - deadline > 300:
            break
    empty_rss = c.rss()
    time.sleep(10)  # does the process give the memory back later?
    later_rss = c.rss()
    return {"server": name, "keys": loaded_keys, "load_s": load_seconds, "half_s": half, "all_s": now - deadline,
            "expired_keys": expired, "mem_before": before, "mem_loaded": loaded_memory, "mem_after": used,
            "rss": (loaded_rss, empty_rss, later_rss)}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keys", type=int, default=1_000_000)
    parser.add_argument("--ttl-ms", type=int, default=5000)
    parser.add_argument("--out")
    args = parser.parse_args()
    results, processes = [], []
    try:
        redis_port, ours_port = free_port(), free_port()
        processes.append(subprocess.Popen(["redis-server", "--port", str(redis_port), "--bind", "127.0.0.1",
                                           "--save", "", "--appendonly", "no"], stdout=subprocess.DEVNULL))
        processes.append(subprocess.Popen([JAVA, "-Xmx2g", "-jar",
                                           os.path.join(ROOT, "stage08-final/target/stage08-final.jar"),
                                           "--port", str(ours_port)], stdout=subprocess.DEVNULL))
        results.append(measure("redis-server", redis_port, args.keys, args.ttl_ms))
        results.append(measure("stage08-final", ours_port, args.keys, args.ttl_ms))
    finally:
        for p in processes:
            p.terminate()
            p.wait(10)
    header = ("server", "keys", "load s", "after the deadline, s: half gone", "all gone", "expired_keys",
              "used_memory before", "loaded", "after", "used_memory_rss loaded", "empty", "10 s later")
    lines = ["| " + " | ".join(header) + " |"]
    for r in results:
        lines.append("| %s | %d | %.1f | %.1f | %.1f | %d | %d | %d | %d | %d | %d | %d |" % (
            r["server"], r["keys"], r["load_s"], r["half_s"], r["all_s"], r["expired_keys"],
            r["mem_before"], r["mem_loaded"], r["mem_after"], *r["rss"]))
    text = "\n".join(lines) + "\n"
    sys.stdout.write(text)
    if args.out:
        with open(args.out, "w") as f:
            f.write("python3 bench/active-expiry.py --keys %d --ttl-ms %d\n\n%s" % (args.keys, args.ttl_ms, text))


if __name__ == "__main__":
    main()
