#!/usr/bin/env bash
# Benchmarks the course's stages against a real redis-server with redis-benchmark, side by side.
#
#   bench/run.sh                    every stage that has a matrix, full runs, results into docs/
#   bench/run.sh 02 stage03-kv      only these stages
#   bench/run.sh --quick            few requests, results into target/bench-quick (what CI runs)
#
# For each line of bench/matrix/<stage>.matrix it runs the same redis-benchmark command against the stage's
# server and against redis-server (alternately, so that both see the same machine load), and appends one CSV row
# per test to the results. Both servers listen on free loopback ports and are stopped on exit, Ctrl-C included.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
quick=false
build=true
out="$root/docs/src/docs/asciidoc/results"
stages=()
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=true; out="$root/target/bench-quick" ;;
    --no-build) build=false ;;
    --out) out=$2; shift ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    -*) echo "Unknown option '$1' (see --help)" >&2; exit 2 ;;
    *) stages+=("$1") ;;
  esac
  shift
done

for tool in redis-server redis-benchmark; do
  command -v "$tool" >/dev/null || { echo "$tool is not on PATH: apt-get install redis-server redis-tools" >&2; exit 1; }
done
if [ -z "${JAVA_HOME:-}" ] || ! "$JAVA_HOME/bin/java" -version 2>&1 | grep -qE 'version "(2[5-9]|[3-9][0-9])'; then
  JAVA_HOME=$(ls -d /usr/lib/jvm/*25* 2>/dev/null | head -n 1)
fi
java="$JAVA_HOME/bin/java"

# Resolve stage names: "02" or "stage02-resp-parser" → the module folder.
all_stages=$(cd "$root/bench/matrix" && ls *.matrix | sed 's/\.matrix$//' | sort)
if [ ${#stages[@]} -eq 0 ]; then
  read -r -a stages <<< "$(echo $all_stages)"
fi
resolved=()
for s in "${stages[@]}"; do
  match=$(echo "$all_stages" | grep -E "^(stage)?${s#stage}" | head -n 1 || true)
  [ -n "$match" ] || { echo "No matrix for stage '$s' (have: $(echo $all_stages))" >&2; exit 2; }
  resolved+=("$match")
done

if $build; then
  echo "Building ${resolved[*]} ..." >&2
  modules=$(IFS=,; echo "${resolved[*]}")
  (cd "$root" && JAVA_HOME="$JAVA_HOME" mvn -B -q -pl "$modules" -am package -DskipTests) >&2
fi

logs="$root/target/bench-logs"
mkdir -p "$out" "$logs"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT
trap 'echo; echo "Interrupted: servers stopped." >&2; exit 130' INT TERM

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
await_port() {
  for _ in $(seq 1 100); do
    redis-cli -p "$1" PING >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  return 1
}

# start_server ours|redis OPTIONS... → sets $port and $pid
start_server() {
  local kind=$1; shift
  port=$(free_port)
  if [ "$kind" = ours ]; then
    "$java" -jar "$root/$stage/target/$stage.jar" --port "$port" "$@" > "$logs/$stage.server.log" 2>&1 &
  else
    redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no --dir "$workdir" "$@" \
      > "$logs/$stage.redis.log" 2>&1 &
  fi
  pid=$!
  pids+=("$pid")
  # An echo server answers PING with PING: wait for the port only.
  for _ in $(seq 1 100); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && return 0
    sleep 0.1
  done
  echo "$kind server for $stage did not start; see $logs/$stage.*.log" >&2
  exit 1
}
stop_server() { kill "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; }

machine() {
  echo "Measured on $(date -u '+%Y-%m-%d %H:%M UTC'): $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')),"\
    "$(free -g | awk '/Mem:/ {print $2}') GiB, Linux $(uname -r), $("$java" -version 2>&1 | head -n 1),"\
    "$(redis-server --version | cut -d' ' -f1-3), both servers and redis-benchmark on one machine over loopback."
}

workdir=$(mktemp -d)
summary=()
for stage in "${resolved[@]}"; do
  csv="$out/$stage.csv"
  echo "stage,server,variant,test,clients,pipeline,requests,rps,avg_ms,p50_ms,p99_ms,max_ms,status" > "$csv"
  machine > "$out/$stage.machine.txt"
  mapfile -t lines < <(grep -vE '^\s*(#|$)' "$root/bench/matrix/$stage.matrix")
  n=${#lines[@]}
  i=0
  for line in "${lines[@]}"; do
    i=$((i + 1))
    IFS='|' read -r variant ours_opts redis_opts args <<< "$line"
    variant=$(echo "$variant" | xargs); ours_opts=$(echo "$ours_opts" | xargs)
    redis_opts=$(echo "$redis_opts" | xargs); args=$(echo "$args" | xargs)
    requests=$(echo "$args" | grep -oE -- '-n [0-9]+' | awk '{print $2}' || true)
    requests=${requests:-100000}
    if $quick; then requests=2000; fi
    args=$(echo "$args" | sed -E 's/-n [0-9]+//')
    clients=$(echo "$args" | grep -oE -- '-c [0-9]+' | awk '{print $2}' || true); clients=${clients:-50}
    pipeline=$(echo "$args" | grep -oE -- '-P [0-9]+' | awk '{print $2}' || true); pipeline=${pipeline:-1}
    for kind in ours redis; do
      [ "$kind" = redis ] && [ "$redis_opts" = "-" ] && continue
      label=$([ "$kind" = ours ] && echo "$stage" || echo "redis-server")
      # shellcheck disable=SC2086
      if [ "$kind" = ours ]; then start_server ours $ours_opts; else start_server redis $redis_opts; fi
      server_pid=$pid
      printf '[%s %d/%d] %-12s %-10s %s -n %s ... ' "$stage" "$i" "$n" "$label" "$variant" "$args" "$requests" >&2
      limit=$(( requests / 500 + 20 ))
      # shellcheck disable=SC2086
      if result=$(timeout "$limit" redis-benchmark -p "$port" $args -n "$requests" --csv 2>/dev/null); then
        status=ok
      else
        status=stalled
      fi
      tests=$(echo "$args" | grep -oE -- '-t [^ ]+' | awk '{print $2}' | tr ',' ' ')
      reported=$(echo "$result" | tail -n +2 | tr -d '"')
      for t in $tests; do
        T=$(echo "$t" | tr a-z A-Z)
        row=$(echo "$reported" | grep -E "^$T(,| )" | head -n 1 || true)
        if [ -n "$row" ] && [ "$status" = ok ]; then
          IFS=, read -r _ rps avg _min p50 _p95 p99 max <<< "$row"
          echo "$stage,$label,$variant,$T,$clients,$pipeline,$requests,$rps,$avg,$p50,$p99,$max,ok" >> "$csv"
          printf '%s %s req/s p99 %s ms  ' "$T" "$rps" "$p99" >&2
          summary+=("$(printf '%-22s %-14s %-10s %-12s c=%-4s P=%-3s %12s req/s  p99 %s ms' "$stage" "$label" "$variant" "$T" "$clients" "$pipeline" "$rps" "$p99")")
        else
          echo "$stage,$label,$variant,$T,$clients,$pipeline,$requests,,,,,,$status" >> "$csv"
          printf '%s %s  ' "$T" "$status" >&2
          summary+=("$(printf '%-22s %-14s %-10s %-12s c=%-4s P=%-3s %12s' "$stage" "$label" "$variant" "$T" "$clients" "$pipeline" "$status")")
        fi
      done
      echo >&2
      stop_server "$server_pid"
    done
  done
  table="$out/_$stage.adoc"
  python3 "$root/bench/table.py" "$csv" > "$table"
  echo "Wrote $csv and $table" >&2
done

echo
echo "Summary (stalled: the server did not answer every request within the time limit)"
printf '%s\n' "${summary[@]}"
