"""Is the machine quiet enough to measure? The load average and the processes of others, checked before a benchmark.

A benchmark on a 2-core machine means nothing while anything else runs beside it: a build, a test suite, another
benchmark. So the runners (bench/run.sh, bench/jmh.sh) refuse to start unless

  * the 1-minute load average is under QUIET_LOAD, and
  * no java, mvn, redis-benchmark or redis-server process runs that this run did not start (a java or redis-server
    that sits idle does not count),

and check again before each stage. The load a run leaves behind itself (its own benchmark, the build before it)
is waited out: the 1-minute average falls by a factor e a minute. --force skips every check (the machine files
then say so). The shell scripts export BENCH_OWNER_PID, so that nested runners know which processes are theirs.
"""
import os
import sys
import time

# The 1-minute load average under which a 2-core machine counts as quiet.
QUIET_LOAD = 1.5
# How long to wait for the load a run left behind to fall under QUIET_LOAD before giving up.
MAX_WAIT_SECONDS = 600
# Processes that mean someone else is building, testing or measuring: always for mvn and redis-benchmark; for java
# and redis-server only while they use more than IDLE_CPU of a core (an idle server left running disturbs nothing).
BUSY_NAMES = ("java", "mvn", "redis-benchmark", "redis-server")
ALWAYS_BUSY = ("mvn", "redis-benchmark")
IDLE_CPU = 0.02
SAMPLE_SECONDS = 0.5


class NotQuiet(SystemExit):
    """The machine is busy and the run was not told to go on anyway."""


def load_average():
    """The 1, 5 and 15 minute load averages, as /proc/loadavg writes them."""
    return open("/proc/loadavg").read().split()[:3]


def _parent(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            return int(f.read().rsplit(")", 1)[1].split()[1])
    except (OSError, IndexError, ValueError):
        return 0


def _ours(pid, owners):
    while pid > 1:
        if pid in owners:
            return True
        pid = _parent(pid)
    return False


def _cpu_ticks(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12])  # utime + stime
    except (OSError, IndexError, ValueError):
        return None


def others_running():
    """[(pid, command line)] of the busy processes this run did not start (nor any runner above it)."""
    owners = {os.getpid()}
    if os.environ.get("BENCH_OWNER_PID", "").isdigit():
        owners.add(int(os.environ["BENCH_OWNER_PID"]))
    candidates = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        pid = int(entry)
        try:
            with open(f"/proc/{pid}/comm") as f:
                name = f.read().strip()
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                command = f.read().replace(b"\0", b" ").decode("utf-8", "replace").strip()
        except OSError:
            continue
        words = command.split()
        mvn = "plexus-classworlds" in command or bool(words and os.path.basename(words[0]) == "mvn")
        if (name in BUSY_NAMES or mvn) and not _ours(pid, owners):
            candidates.append((pid, command[:100], mvn or name in ALWAYS_BUSY, _cpu_ticks(pid)))
    if any(not always for _, _, always, _ in candidates):
        time.sleep(SAMPLE_SECONDS)
    per_second = os.sysconf("SC_CLK_TCK")
    found = []
    for pid, command, always, ticks in candidates:
        later = _cpu_ticks(pid)
        if always or (ticks is not None and later is not None
                      and (later - ticks) / per_second / SAMPLE_SECONDS > IDLE_CPU):
            found.append((pid, command))
    return found


def ensure_alone(force, where):
    """Raises NotQuiet if another process builds, tests or measures (unless force)."""
    others = [] if force else others_running()
    if others:
        shown = "\n  ".join(f"{pid} {command}" for pid, command in others[:8])
        raise NotQuiet(f"{where}: not quiet: other processes are building, testing or measuring:\n  {shown}\n"
                       f"Wait until they are done (any number measured beside them is meaningless), or pass --force.")


def check(force, where, log, wait=True):
    """Returns the load average once the machine is quiet; waits for the load to fall if wait, else refuses.

    Raises NotQuiet (exit status 3) when another process is busy, or when the load stays high; with force, only
    says so and returns at once."""
    load = load_average()
    if force:
        if float(load[0]) >= QUIET_LOAD or others_running():
            log(f"[quiet] {where}: load average {load[0]} or other busy processes; --force: going on")
        return load
    ensure_alone(force, where)
    started = time.monotonic()
    while float(load[0]) >= QUIET_LOAD:
        if not wait:
            raise NotQuiet(f"{where}: not quiet: the 1-minute load average is {load[0]} (must be under "
                           f"{QUIET_LOAD}). Wait for it to fall, or pass --force.")
        waited = time.monotonic() - started
        if waited > MAX_WAIT_SECONDS:
            raise NotQuiet(f"{where}: the 1-minute load average stayed at {load[0]} for {waited:.0f} s with no "
                           f"other busy process in sight; find what keeps the machine busy, or pass --force.")
        log(f"[quiet] {where}: waiting for the load average {load[0]} to fall under {QUIET_LOAD} "
            f"({waited:.0f} s so far)")
        time.sleep(15)
        ensure_alone(force, where)
        load = load_average()
    return load


def conditions(before, after, unchecked, rounds=None):
    """The sentence a machine file ends with: the load around the run, whether it was checked (unchecked: the
    option that skipped the check, or ""), the rounds."""
    text = (f" Load average (1, 5, 15 min) before: {', '.join(before)}; after: {', '.join(after)}"
            + (f"; not checked for quiet ({unchecked})" if unchecked else
               f"; nothing else was running (checked: load under {QUIET_LOAD}, no other build, test or benchmark)"))
    if rounds:
        text += f"; {rounds} round{'s' if rounds > 1 else ''}" + (" (the tables show medians)" if rounds > 1 else "")
    return text + "."


if __name__ == "__main__":
    # bench/quiet.py [--force]: the check alone, as the shell scripts run it before they build (status 3: busy).
    try:
        check("--force" in sys.argv, "before the build", lambda m: print(m, file=sys.stderr), wait=False)
    except NotQuiet as e:
        print(e, file=sys.stderr)
        sys.exit(3)
