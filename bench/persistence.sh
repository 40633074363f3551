#!/usr/bin/env bash
# stage08-final's forkless snapshots beside redis-server's fork: the persistence chapter's measurements
# (stage08-persistence.adoc).
#
#   bench/persistence.sh             build stage08, 1,000,000 keys of 100 bytes, BGSAVE under a SET load on each
#                                    server (extra memory), then SET latency with and without snapshots (a few
#                                    minutes); results into docs/src/docs/asciidoc/results/stage08-persistence
#   bench/persistence.sh --quick     20,000 keys and requests: a smoke test (CI), results into
#                                    target/bench-persistence-quick
#   bench/persistence.sh --no-build  use stage08-final/target/stage08-final.jar as it is
#   bench/persistence.sh --tables    redraw the tables from the CSV files, without measuring
#
# Every server is stopped on exit and on Ctrl-C.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
build=true
pass=()
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) pass+=("$1") ;;
    --out) pass+=(--out "$2"); shift ;;
    --no-build) build=false ;;
    --tables) pass+=(--tables-only); build=false ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    *) echo "Unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
  shift
done

# shellcheck source=tools.sh
. "$root/bench/tools.sh"
require_tools redis-server redis-benchmark redis-cli python3
find_jdk

logs=$root/target/bench-persistence
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

python3 "$root/bench/persistence.py" --jar "$jar" --pid-file "$pid_file" ${pass[@]+"${pass[@]}"} &
run=$!
trap 'kill -TERM "$run" 2>/dev/null || true; wait "$run" 2>/dev/null || true; exit 130' INT TERM
wait "$run"
