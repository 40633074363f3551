#!/usr/bin/env bash
# Replication, this server beside redis-server: the numbers of chapter 8.26 (stage08-step26-replication.adoc), whose
# lag table chapter 8.27 (stage08-step27-replica.adoc) reads for this server as the replica.
#
#   bench/replication.sh             refuse to start unless the machine is quiet (1-minute load average under 1.5,
#                                    no one else's build, test or benchmark); build stage08-final; a full sync of
#                                    1,000,000 keys with each server as master (time, the master's extra memory;
#                                    diskless and through the disk; idle and under SET load), then the replication
#                                    lag under redis-benchmark SET -c 50 for each pair of master and replica
#                                    (about 20 minutes); results into docs/src/docs/asciidoc/results/
#                                    stage08-step26-replication (commit them)
#   bench/replication.sh --quick     20,000 keys and 20,000 requests: a smoke test, results into
#                                    target/bench-replication-quick
#   bench/replication.sh --no-build  use stage08-final/target/stage08-final.jar as it is
#   bench/replication.sh --tables    redraw the tables from the CSV files, without measuring
#
# Leave the machine alone meanwhile: on 2 cores, anything running beside it makes its numbers meaningless. See
# bench/replication.py for what is measured, and how.
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
    -h|--help) sed -n '2,18p' "$0"; exit 0 ;;
    *) echo "Unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
  shift
done

# shellcheck source=tools.sh
. "$root/bench/tools.sh"
require_tools redis-server redis-benchmark redis-cli python3
find_jdk
if [[ " ${pass[*]-} " != *" --tables-only "* ]]; then
  claim_quiet_machine true # the 1-minute load average under 1.5, nobody else's java, mvn or redis-benchmark
fi

logs=$root/target/bench-replication
mkdir -p "$logs"
if $build; then
  echo "Building stage08-final ..." >&2
  (cd "$root" && mvn -B -q -pl stage08-final -am package -DskipTests -Dreal-redis.skip) > "$logs/build.log" 2>&1 \
    || { tail -40 "$logs/build.log" >&2; exit 1; }
fi
jar=$logs/stage08-final.jar
[ -f "$root/stage08-final/target/stage08-final.jar" ] && cp "$root/stage08-final/target/stage08-final.jar" "$jar"

pid_file=$logs/servers.pid
: > "$pid_file"
cleanup() {
  while read -r pid; do
    [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
  done < "$pid_file"
}
trap cleanup EXIT

# In the background so that this shell's traps run at once on Ctrl-C or kill, not when the Python script has ended.
python3 "$root/bench/replication.py" --jar "$jar" --pid-file "$pid_file" ${pass[@]+"${pass[@]}"} &
run=$!
trap 'kill -TERM "$run" 2>/dev/null || true; wait "$run" 2>/dev/null || true; exit 130' INT TERM
wait "$run"
