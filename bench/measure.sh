#!/usr/bin/env bash
# Everything bench/run.sh and bench/jmh.sh measure, in one command, for a quiet machine (about two and a half hours):
#
#   bench/measure.sh             refuse to start unless the machine is quiet; build every stage and the benchmark
#                                jars; JMH on the stores and the metrics (bench/jmh.sh, ~30 min); every stage's
#                                matrix in three rounds beside redis-server (bench/run.sh, ~2 h, waiting before each
#                                stage for the load to fall under 1.5); redraw every table and chart; check them
#                                (bench/report.py --check) and list what changed under docs/. Commit the results.
#   bench/measure.sh --estimate  print how long each part would take, and stop
#
# Leave the machine alone meanwhile: no build, no test, no other benchmark. If another one starts, the run stops
# with exit status 3 and says which stage to run again (bench/run.sh <stages>, bench/jmh.sh --only <stage>).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
case "${1:-}" in
  --estimate) "$root/bench/jmh.sh" --estimate; "$root/bench/run.sh" --estimate; exit 0 ;;
  -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
  "") ;;
  *) echo "Unknown option '$1' (see --help)" >&2; exit 2 ;;
esac

# shellcheck source=tools.sh
. "$root/bench/tools.sh"
require_tools redis-server redis-benchmark python3
find_jdk
claim_quiet_machine true
started=$(date +%s)
echo "Building every stage and the benchmark jars ..." >&2
stages=$(sed -n 's|.*<module>\(stage[0-9][0-9][^<]*\)</module>.*|\1|p' "$root/pom.xml" | paste -sd, -)
mkdir -p "$root/target"
{ (cd "$root" && mvn -B -q -pl "$stages" -am package -DskipTests -Dreal-redis.skip) \
  && (cd "$root" && mvn -B -q -Pjmh -pl stage04-concurrency,stage07-metrics package -DskipTests -Dreal-redis.skip); } \
  > "$root/target/measure-build.log" 2>&1 || { tail -40 "$root/target/measure-build.log" >&2; exit 1; }

"$root/bench/jmh.sh" --no-build
"$root/bench/run.sh" --no-build

python3 "$root/bench/report.py" --check
echo "Done in $(( ($(date +%s) - started) / 60 )) min. Changed under docs/ (commit them):" >&2
git -C "$root" status --short docs/src/docs/asciidoc/results >&2
