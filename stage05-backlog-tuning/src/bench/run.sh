#!/usr/bin/env bash
# Chapter 5's measurements, each against this stage's server and a real redis-server on this machine:
#   1. a connection storm (ConnectionStorm.java) against a listen backlog of 1 and the default 511;
#   2. a pipelining client's round trip (NagleProbe.java) with the server's TCP_NODELAY on and off.
#
#   stage05-backlog-tuning/src/bench/run.sh [OUT_DIR]   (default: docs/src/docs/asciidoc/results/stage05-backlog-tuning;
#                                                        another one must be named stage05-backlog-tuning too)
#
# Writes storm.csv and nagle.csv; bench/report.py draws their tables _storm.adoc, _nagle.adoc and their charts
# storm.svg, nagle.svg. Every server it starts is stopped on exit. Takes about three minutes.
set -euo pipefail
root=$(cd "$(dirname "$0")/../../.." && pwd)
here=$root/stage05-backlog-tuning/src/bench
out=${1:-$root/docs/src/docs/asciidoc/results/stage05-backlog-tuning}
JAVA_HOME=${JAVA_HOME:-$(ls -d /usr/lib/jvm/*25* | head -n 1)}
java=$JAVA_HOME/bin/java
mkdir -p "$out" "$root/target/bench-logs"
logs=$root/target/bench-logs
(cd "$root" && JAVA_HOME=$JAVA_HOME mvn -B -q -pl stage05-backlog-tuning -am package -DskipTests) >/dev/null

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done; }
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
workdir=$(mktemp -d)

# start KIND OPTIONS... → $port, $pid
start() {
  local kind=$1; shift
  port=$(free_port)
  if [ "$kind" = ours ]; then
    "$java" -jar "$root/stage05-backlog-tuning/target/stage05-backlog-tuning.jar" --port "$port" "$@" \
      > "$logs/stage05-$port.log" 2>&1 &
  else
    redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no --dir "$workdir" "$@" \
      > "$logs/redis-$port.log" 2>&1 &
  fi
  pid=$!
  pids+=("$pid")
  for _ in $(seq 1 100); do redis-cli -p "$port" PING >/dev/null 2>&1 && return 0; sleep 0.1; done
  echo "$kind did not start" >&2; exit 1
}
stop() { kill "$1"; wait "$1" 2>/dev/null || true; }

storm=$out/storm.csv
echo "server,backlog,clients,served,failed,connect_p50_ms,connect_p99_ms,connect_max_ms,connects_over_1s,all_served_ms" > "$storm"
for round in 1 2; do
  for backlog in 511 1; do
    start ours --backlog "$backlog"
    echo "stage05-backlog-tuning,$backlog,$(timeout 120 "$java" "$here/ConnectionStorm.java" "$port" 1000)" >> "$storm"
    stop "$pid"
    start redis --tcp-backlog "$backlog"
    echo "redis-server,$backlog,$(timeout 120 "$java" "$here/ConnectionStorm.java" "$port" 1000)" >> "$storm"
    stop "$pid"
  done
done

nagle=$out/nagle.csv
echo "server,tcp_nodelay,batch,value_bytes,reply_bytes,rounds,p50_ms,p99_ms,max_ms" > "$nagle"
for shape in "1 100" "20 100" "20 1000" "5 4000"; do
  read -r batch value <<< "$shape"
  reply=$(( batch * (value + ${#value} + 5) ))
  for server in "ours yes" "ours no" "redis yes"; do
    read -r kind nodelay <<< "$server"
    if [ "$kind" = ours ]; then start ours --tcp-nodelay "$nodelay"; name=stage05-backlog-tuning; else start redis; name=redis-server; fi
    echo "$name,$nodelay,$batch,$value,$reply,$(timeout 120 "$java" "$here/NagleProbe.java" "$port" "$batch" "$value" 200)" >> "$nagle"
    stop "$pid"
  done
done

# The tables and charts: bench/report.py draws them from the CSV files, with every other result of the site.
python3 "$root/bench/report.py" --out "$(dirname "$out")" >/dev/null
echo "Wrote $storm, $nagle and their tables" >&2
