#!/usr/bin/env bash
# Chapters 4 and 7 without the network: JMH on the stores and on the metrics, at 1, 2, 4 and 8 threads.
#
#   bench/jmh.sh                 build the benchmark jars (-Pjmh), check that the machine is quiet, run StoreBenchmark
#                                (stage04) and MetricsBenchmark (stage07) sized to separate them (3 forks of 5
#                                iterations of 2 s per point), write docs/src/docs/asciidoc/results/<stage>-jmh.csv
#                                and <stage>-jmh.machine.txt, and redraw the tables and charts (commit them);
#                                prints its estimated duration first (about 35 minutes)
#   bench/jmh.sh --only stage04  one of the two
#   bench/jmh.sh --threads 1,2   other thread counts
#   bench/jmh.sh --estimate      print how long the run would take, and stop
#   bench/jmh.sh --force         measure even if the machine is busy (the machine files say so)
#   bench/jmh.sh --quick         every configuration once, briefly, at 1 and 2 threads, no quiet check, results into
#                                target/jmh-quick (a smoke test; its machine files say PLACEHOLDER)
#   bench/jmh.sh --no-build      use the benchmark jars as they are
#   bench/jmh.sh --out DIR       write the results elsewhere
#
# Quiet means what it means for bench/run.sh (bench/quiet.py): the 1-minute load average under 1.5 and no other
# java, mvn, redis-benchmark or redis-server at work; the run refuses to start otherwise (exit status 3).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
build=true
check=true
pass=()
modules=stage04-concurrency,stage07-metrics
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) pass+=(--quick); check=false ;;
    --force) pass+=(--force); check=false ;;
    --estimate) pass+=(--estimate); build=false; check=false ;;
    --threads) pass+=(--threads "$2"); shift ;;
    --only) pass+=(--only "$2"); modules=$(echo "$modules" | tr , '\n' | grep "^$2" | head -n 1); shift ;;
    --no-build) build=false ;;
    --out) pass+=(--out "$2"); shift ;;
    -h|--help) sed -n '2,19p' "$0"; exit 0 ;;
    *) echo "Unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
  shift
done
[ -n "$modules" ] || { echo "--only takes stage04 or stage07" >&2; exit 2; }

# shellcheck source=tools.sh
. "$root/bench/tools.sh"
require_tools python3 redis-server
find_jdk

claim_quiet_machine "$check"
if $build; then
  echo "Building the benchmark jars of $modules ..." >&2
  mkdir -p "$root/target"
  (cd "$root" && mvn -B -q -Pjmh -pl "$modules" -am package -DskipTests -Dreal-redis.skip) > "$root/target/jmh-build.log" 2>&1 \
    || { tail -40 "$root/target/jmh-build.log" >&2; exit 1; }
fi

# In the background so that this shell's traps run at once on Ctrl-C or kill (jmh.py then stops JMH's forks).
python3 "$root/bench/jmh.py" --java "$JAVA_HOME/bin/java" ${pass[@]+"${pass[@]}"} &
run=$!
trap 'kill -TERM "$run" 2>/dev/null || true; wait "$run" 2>/dev/null || true; exit 130' INT TERM
wait "$run"
