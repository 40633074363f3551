#!/usr/bin/env bash
# Benchmarks the course's stages against a real redis-server with redis-benchmark, side by side.
#
#   bench/run.sh                    every stage (and step) of the reactor, three rounds each, on a quiet machine only;
#                                   results into docs/ (commit them); prints its estimated duration first
#   bench/run.sh 02 stage03-kv      only these stages (a number or a module name)
#   bench/run.sh 07 08.01           a step too: 08.01, its folder (stage08-final/steps/01-event-loop) or its name
#                                   (stage08-step01-event-loop, which names its results); a step that has not
#                                   joined the reactor yet is built alone (mvn -f its pom.xml)
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
    -h|--help) sed -n '2,25p' "$0"; exit 0 ;;
    -*) echo "Unknown option '$1' (see --help)" >&2; exit 2 ;;
    *) stages+=("$1") ;;
  esac
  shift
done

# shellcheck source=tools.sh
. "$root/bench/tools.sh"
require_tools redis-server redis-benchmark python3
find_jdk

# The stages are the reactor's stageNN-* modules, and the steps of a stage, stageNN-*/steps/MM-name, whose results
# are named stageNN-stepMM-name. "02" or "stage02-resp-parser" selects a stage; "08.01", the step's folder or its name
# a step.
reactor_modules=$(sed -n 's|.*<module>\(stage[0-9][0-9][^<]*\)</module>.*|\1|p' "$root/pom.xml" | sort)
# A step that has not joined the reactor yet is measured when asked for by name, and built alone (-f its pom.xml).
step_folders=$(cd "$root" && for pom in stage[0-9][0-9]-*/steps/[0-9][0-9]-*/pom.xml; do
  [ -f "$pom" ] && echo "${pom%/pom.xml}"; done | sort)
all_modules=$(printf '%s\n' $reactor_modules $step_folders | sort -u)
in_reactor() { printf '%s\n' $reactor_modules | grep -qx "$1"; }
name_of() {  # stage08-final/steps/01-event-loop -> stage08-step01-event-loop; a stage's module is its own name
  case "$1" in
    */steps/*) local stage=${1%%/*}; echo "${stage:0:7}-step${1##*/}" ;;
    *) echo "$1" ;;
  esac
}
module_of() {  # what the user typed -> the module's folder, or nothing
  local wanted=$1 module
  for module in $all_modules; do
    case "$wanted" in
      [0-9][0-9].[0-9][0-9]) [[ $module == stage${wanted:0:2}-*/steps/${wanted:3:2}-* ]] && { echo "$module"; return; } ;;
      */*|stage[0-9][0-9]-step*) [ "$wanted" = "$module" ] || [ "$wanted" = "$(name_of "$module")" ] \
          && { echo "$module"; return; } ;;
      *) [[ $module != */* && $module == stage${wanted#stage}* ]] && { echo "$module"; return; } ;;
    esac
  done
}
if [ ${#stages[@]} -eq 0 ]; then
  read -r -a stages <<< "$(echo $reactor_modules)"
fi
resolved=()
modules=()
for s in "${stages[@]}"; do
  match=$(module_of "$s" || true)
  [ -n "$match" ] || { echo "No stage or step '$s' (have: $(echo $all_modules))" >&2; exit 2; }
  modules+=("$match")
  resolved+=("$(name_of "$match")")
done

claim_quiet_machine "$check"

if $build; then
  echo "Building ${resolved[*]} ..." >&2
  in=() alone=()
  for m in "${modules[@]}"; do
    if in_reactor "$m"; then in+=("$m"); else alone+=("$m"); fi
  done
  if [ ${#in[@]} -gt 0 ]; then
    (cd "$root" && mvn -B -q -pl "$(IFS=,; echo "${in[*]}")" -am package -DskipTests -Dreal-redis.skip) >&2
  fi
  for m in ${alone[@]+"${alone[@]}"}; do
    (cd "$root" && mvn -B -q -f "$m/pom.xml" package -DskipTests -Dreal-redis.skip) >&2
  done
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
