# Sourced by bench/run.sh and bench/stage08.sh: checks the tools a benchmark needs and finds a JDK 25 or newer.
#   require_tools redis-server redis-benchmark ...   exits with a message naming the first one missing
#   find_jdk                                         exports JAVA_HOME (kept if it already is a JDK 25+)
#   claim_quiet_machine true|false                   see below

require_tools() {
  for tool in "$@"; do
    command -v "$tool" >/dev/null || { echo "$tool is not on PATH (apt-get install redis-server redis-tools python3)" >&2; exit 1; }
  done
}

java_ok() { [ -x "$1/bin/java" ] && "$1/bin/java" -version 2>&1 | grep -qE 'version "(2[5-9]|[3-9][0-9])'; }

find_jdk() {
  if [ -z "${JAVA_HOME:-}" ] || ! java_ok "$JAVA_HOME"; then
    JAVA_HOME=""
    for candidate in /usr/lib/jvm/*; do
      if java_ok "$candidate"; then JAVA_HOME=$candidate; break; fi
    done
    [ -n "$JAVA_HOME" ] || { echo "No JDK 25 or newer: set JAVA_HOME" >&2; exit 1; }
  fi
  export JAVA_HOME
}

# Makes the processes this run starts its own (bench/quiet.py tells them from those of others): nested runners
# (started by bench/measure.sh) keep the outermost owner. With "true", refuses at once (exit status 3) if the machine
# is busy; a nested runner leaves that to the outermost one, and waits before each stage for the load of the work
# before it (the build, the previous benchmark) to fall.
claim_quiet_machine() {
  export BENCH_OWNER_PID=${BENCH_OWNER_PID:-$$}
  if "$1" && [ "$BENCH_OWNER_PID" = "$$" ]; then
    python3 "$root/bench/quiet.py" || exit 3
  fi
}
