#!/usr/bin/env bash
# Runs StoreBenchmark for both stores at 1, 2, 4, 16 and 64 threads and writes one CSV row per run:
#   store,threads,ops_per_us,error_ops_per_us
#
#   stage04-concurrency/src/jmh/run.sh [OUT.csv]     (default: docs/src/docs/asciidoc/results/stage04-concurrency/jmh.csv)
#
# Builds target/benchmarks.jar with the jmh profile first. JMH's own output goes to target/jmh-*.log.
set -euo pipefail
root=$(cd "$(dirname "$0")/../../.." && pwd)
stage=$root/stage04-concurrency
out=${1:-$root/docs/src/docs/asciidoc/results/stage04-concurrency/jmh.csv}
JAVA_HOME=${JAVA_HOME:-$(ls -d /usr/lib/jvm/*25* | head -n 1)}
export JAVA_HOME

(cd "$root" && mvn -B -q -Pjmh -pl stage04-concurrency -am package -DskipTests) >/dev/null
echo "store,threads,ops_per_us,error_ops_per_us" > "$out"
for threads in 1 2 4 16 64; do
  result=$stage/target/jmh-t$threads.csv
  "$JAVA_HOME/bin/java" -jar "$stage/target/benchmarks.jar" StoreBenchmark -t "$threads" \
    -rf csv -rff "$result" > "$stage/target/jmh-t$threads.log" 2>&1
  # JMH's CSV: "Benchmark","Mode","Threads","Samples","Score","Score Error (99.9%)","Unit","Param: store"
  tail -n +2 "$result" | tr -d '"\r' | awk -F, -v t="$threads" '{printf "%s,%s,%.2f,%.2f\n", $8, t, $5, $6}' >> "$out"
done
echo "Wrote $out" >&2
