#!/usr/bin/env bash
# Benchmarks the course's stages against a real redis-server with redis-benchmark, side by side.
#
#   bench/run.sh                    every stage of the reactor, three rounds each, on a quiet machine only; results
#                                   into docs/ (commit them); prints its estimated duration first
#   bench/run.sh 02 stage03-kv      only these stages (a number or a module name)
#   bench/run.sh --rounds 5         each stage's matrix this many times (the tables show medians and each round)
#   bench/run.sh --estimate         print how long the run would take, and stop
#   bench/run.sh --force            measure even if the machine is busy (the machine files say so)
#   bench/run.sh --quick            2,000 requests per test, one round, no quiet check, results into
#                                   target/bench-quick (what CI runs)
#   bench/run.sh --no-build         use the stages' jars as they are
#   bench/run.sh --out DIR          write the results elsewhere
#
# Every stage runs bench/common.matrix (PING, SET, GET; 1, 10 and 50 clients; -P 1 and -P 16), then its own
# bench/matrix/<stage>.matrix, each line against the stage's server and then redis-server, both on free loopback
# ports. It prints progress as it goes and a summary at the end, writes <stage>.csv and <stage>.machine.txt, and
# bench/report.py turns them into the tables, charts and overview that the site includes. A test a stage cannot
# serve is reported as "unsupported", a run that gets no reply as "stalled", an error as "failed".
# Quiet means: the 1-minute load average under 1.5 and no other java, mvn, redis-benchmark or redis-server at work
# (bench/quiet.py). The run refuses to start otherwise (exit status 3); before each stage it waits for the load its
# own work left to fall, and stops if another process starts. Each machine file records the load before and after.
# Every server it starts is stopped on exit, Ctrl-C and failure included.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
build=true
check=true
pass=()
stages=()
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) pass+=(--quick); check=false ;;
    --force) pass+=(--force); check=false ;;
    --estimate) pass+=(--estimate); build=false; check=false ;;
    --rounds) pass+=(--rounds "$2"); shift ;;
    --no-build) build=false ;;
    --out) pass+=(--out "$2"); shift ;;
    -h|--help) sed -n '2,23p' "$0"; exit 0 ;;
    -*) echo "Unknown option '$1' (see --help)" >&2; exit 2 ;;
    *) stages+=("$1") ;;
  esac
  shift
done

# shellcheck source=tools.sh
. "$root/bench/tools.sh"
require_tools redis-server redis-benchmark python3
find_jdk

# The stages are the reactor's stageNN-* modules; "02" or "stage02-resp-parser" selects one.
all_stages=$(sed -n 's|.*<module>\(stage[0-9][0-9][^<]*\)</module>.*|\1|p' "$root/pom.xml" | sort)
if [ ${#stages[@]} -eq 0 ]; then
  read -r -a stages <<< "$(echo $all_stages)"
fi
resolved=()
for s in "${stages[@]}"; do
  s=${s#stage}
  match=$(echo "$all_stages" | grep -E "^stage${s}" | head -n 1 || true)
  [ -n "$match" ] || { echo "No stage '$s' in the reactor (have: $(echo $all_stages))" >&2; exit 2; }
  resolved+=("$match")
done

claim_quiet_machine "$check"

if $build; then
  echo "Building ${resolved[*]} ..." >&2
  modules=$(IFS=,; echo "${resolved[*]}")
  (cd "$root" && mvn -B -q -pl "$modules" -am package -DskipTests -Dreal-redis.skip) >&2
fi

# bench.py stops its servers itself; this trap is the backstop if it dies without doing so.
mkdir -p "$root/target/bench-logs"
pid_file="$root/target/bench-logs/servers.pid"
: > "$pid_file"
cleanup() {
  while read -r pid; do
    [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
  done < "$pid_file"
}
trap cleanup EXIT

# In the background so that this shell's traps run at once on Ctrl-C or kill, not when bench.py has finished.
python3 "$root/bench/bench.py" --java "$JAVA_HOME/bin/java" --pid-file "$pid_file" ${pass[@]+"${pass[@]}"} \
  "${resolved[@]}" &
bench=$!
trap 'kill -TERM "$bench" 2>/dev/null || true; wait "$bench" 2>/dev/null || true; exit 130' INT TERM
wait "$bench"
