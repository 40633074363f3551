# Sourced by bench/run.sh and bench/stage08.sh: checks the tools a benchmark needs and finds a JDK 25 or newer.
#   require_tools redis-server redis-benchmark ...   exits with a message naming the first one missing
#   find_jdk                                         exports JAVA_HOME (kept if it already is a JDK 25+)

require_tools() {
  for tool in "$@"; do
    command -v "$tool" >/dev/null || { echo "$tool is not on PATH (apt-get install redis-server redis-tools python3)" >&2; exit 1; }
  done
}

java_ok() { [ -x "$1/bin/java" ] && "$1/bin/java" -version 2>&1 | grep -qE 'version "(2[5-9]|[3-9][0-9])'; }

find_jdk() {
  if [ -z "${JAVA_HOME:-}" ] || ! java_ok "$JAVA_HOME"; then
    JAVA_HOME=""
    for candidate in /usr/lib/jvm/*; do
      if java_ok "$candidate"; then JAVA_HOME=$candidate; break; fi
    done
    [ -n "$JAVA_HOME" ] || { echo "No JDK 25 or newer: set JAVA_HOME" >&2; exit 1; }
  fi
  export JAVA_HOME
}
