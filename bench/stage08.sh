#!/usr/bin/env bash
# stage08-final beside redis-server: the performance chapter's measurements (stage08-performance.adoc).
#
#   bench/stage08.sh                 build stage08, run everything with 200,000 requests a test, the throughput
#                                    matrix three times (about 25 minutes); results into
#                                    docs/src/docs/asciidoc/results/stage08-performance (commit them)
#   bench/stage08.sh --full          1,000,000 requests a test, the matrix once
#   bench/stage08.sh --rounds 5      the throughput matrix this many times; the tables show the medians
#   bench/stage08.sh --quick         2,000 requests, 10,000 keys, 200 idle connections: a smoke test (CI, < 60 s),
#                                    results into target/bench-stage08-quick
#   bench/stage08.sh --gc            also compare JVM flag sets (G1, Parallel, ZGC; compact headers; no collector)
#   bench/stage08.sh --only memory   one part: throughput, memory, connections, slow_reader, profile (comma-separated),
#                                    or no_collector: the matrix once on a JVM that never collects (the tail's control)
#   bench/stage08.sh --no-build      use stage08-final/target/stage08-final.jar as it is
#   bench/stage08.sh --tables        redraw the tables and charts from the CSV files, without measuring
#   bench/stage08.sh --persistence   instead: the snapshot measurements of chapter 8.10 (stage08-step10-snapshots.adoc),
#                                    BGSAVE of 1,000,000 keys beside redis-server's fork: extra memory, SET latency
#                                    (a few minutes; with --quick 20,000 keys); see bench/persistence.py
#
# Our server starts through stage08-final/bin/server (its JVM flags; STAGE08_JVM_FLAGS overrides them) from a copy
# of the jar, so that a rebuild during the run changes nothing. Every server is stopped on exit and on Ctrl-C.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
build=true
pass=()
script=stage08
logs_name=bench-stage08
while [ $# -gt 0 ]; do
  case "$1" in
    --quick|--full|--gc) pass+=("$1") ;;
    --only) pass+=(--only "$2"); shift ;;
    --rounds) pass+=(--rounds "$2"); shift ;;
    --out) pass+=(--out "$2"); shift ;;
    --no-build) build=false ;;
    --tables) pass+=(--tables-only); build=false ;;
    --persistence) script=persistence; logs_name=bench-persistence ;;
    -h|--help) sed -n '2,22p' "$0"; exit 0 ;;
    *) echo "Unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
  shift
done

# shellcheck source=tools.sh
. "$root/bench/tools.sh"
require_tools redis-server redis-benchmark redis-cli python3
find_jdk

# 10,000 idle connections plus the benchmark's clients, on both ends of loopback, in one process each.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt 10300 ]; then
  echo "Warning: only $(ulimit -n) open files allowed: the 10,000-connection test may fail (raise ulimit -n)" >&2
fi

logs=$root/target/$logs_name
mkdir -p "$logs"
if $build; then
  echo "Building stage08-final ..." >&2
  (cd "$root" && mvn -B -q -pl stage08-final -am package -DskipTests -Dreal-redis.skip) > "$logs/build.log" 2>&1 \
    || { tail -40 "$logs/build.log" >&2; exit 1; }
fi
jar=$logs/stage08-final.jar
cp "$root/stage08-final/target/stage08-final.jar" "$jar"

pid_file=$logs/servers.pid
: > "$pid_file"
cleanup() {
  while read -r pid; do
    [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
  done < "$pid_file"
}
trap cleanup EXIT

# In the background so that this shell's traps run at once on Ctrl-C or kill, not when the Python script has ended.
python3 "$root/bench/$script.py" --jar "$jar" --pid-file "$pid_file" ${pass[@]+"${pass[@]}"} &
run=$!
trap 'kill -TERM "$run" 2>/dev/null || true; wait "$run" 2>/dev/null || true; exit 130' INT TERM
wait "$run"
