#!/usr/bin/env bash
# Issue 18, "Scale": 1,000 concurrent slow requests through WxRequestTemplate (max-concurrent-tasks=1000, a
# local server holds each 1 s), on Java 17 and on Java 25: completion time, platform threads, heap. Writes the
# section "### 7. ..." into BENCHMARKS.md between the scale markers (added at the end the first time).
#
#   bash wx-network-benchmarks/scale.sh                 # build, run on both JDKs (~1 minute), write BENCHMARKS.md
#   options: --skip-build   --out FILE   --tasks N (1000)   --hold-ms MS (1000)
#   env: JAVA17 (java or a JDK home; default: java on the PATH), JAVA25 (default /usr/lib/jvm/temurin-25-jdk-amd64),
#        BENCH_JVM_ARGS (extra flags for the measured JVMs)
#
# Starts its own SlowServer (a separate JVM on a free loopback port) and stops it on exit, whatever happens.
# Nothing outside a temp dir, target/scale-results/ and the output file is touched.
set -euo pipefail

SKIP_BUILD=0
TASKS=1000
HOLD_MS=1000
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
OUT="$ROOT/BENCHMARKS.md"
ARGS="$*"
while [ $# -gt 0 ]; do
  case "$1" in
    --skip-build) SKIP_BUILD=1 ;;
    --out) OUT="$(realpath -m "$2")"; shift ;;
    --tasks) TASKS="$2"; shift ;;
    --hold-ms) HOLD_MS="$2"; shift ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done

# shellcheck source=lib.sh
. "$HERE/lib.sh"

# A java command from a JDK home or a java binary.
java_of() {
  if [ -d "$1" ]; then echo "$1/bin/java"; else command -v "$1" || echo "$1"; fi
}
JAVA17="$(java_of "${JAVA17:-java}")"
JAVA25="$(java_of "${JAVA25:-/usr/lib/jvm/temurin-25-jdk-amd64}")"
for j in "$JAVA17" "$JAVA25"; do
  [ -x "$j" ] || { echo "no java at $j (set JAVA17 / JAVA25)" >&2; exit 1; }
done
JVM_ARGS="-Xms1g -Xmx1g -XX:+UseG1GC${BENCH_JVM_ARGS:+ $BENCH_JVM_ARGS}"

# --- build ---
build_benchmarks "$SKIP_BUILD" "$HERE" "$ROOT"
CP_FILE="$HERE/target/classpath.txt"

# --- work dir, and cleanup of everything this script started ---
WORK="$(mktemp -d "${TMPDIR:-/tmp}/wx-scale.XXXXXX")"
SERVER_PID=""
BENCH_PID=""
stop_pid() {   # TERM, up to 5 s, then KILL
  local pid="$1"
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}
cleanup() {
  local rc=$?
  stop_pid "$BENCH_PID"
  stop_pid "$SERVER_PID"
  if [ "${BENCH_KEEP_WORK:-0}" = 1 ]; then log "kept $WORK"; else rm -rf "$WORK"; fi
  [ "$rc" = 0 ] || log "FAILED (exit $rc)"
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM
mkdir -p "$WORK/lib" "$WORK/files" "$HERE/target/scale-results"

CP="$(private_classpath "$CP_FILE" "$WORK" "$HERE" "$ROOT")"

# --- the slow server: its own JVM, port on its first line ---
"$JAVA17" -Xmx512m -cp "$CP" io.github.wxnetwork.bench.SlowServer --hold-ms "$HOLD_MS" \
  --threads "$((TASKS * 2))" > "$WORK/server.out" 2> "$WORK/server.err" &
SERVER_PID=$!
PORT=""
for _ in $(seq 300); do
  PORT="$(head -n 1 "$WORK/server.out" 2>/dev/null || true)"
  [ -n "$PORT" ] && break
  kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/server.err" >&2; echo "SlowServer did not start" >&2; exit 1; }
  sleep 0.1
done
[[ "$PORT" =~ ^[0-9]+$ ]] || { echo "SlowServer printed no port" >&2; exit 1; }
BASE="http://127.0.0.1:$PORT"
if command -v curl >/dev/null; then
  curl -sf "$BASE/stats" >/dev/null || { echo "SlowServer did not answer on $PORT" >&2; exit 1; }
fi
log "SlowServer $SERVER_PID on 127.0.0.1:$PORT (holds each GET $HOLD_MS ms), work dir $WORK"

# --- one measured JVM per JDK ---
STARTED=$(date +%s)
WHEN="$(date -u '+%Y-%m-%d %H:%M UTC')"
FAILED=0
RESULTS=()
for pair in "17:$JAVA17" "25:$JAVA25"; do
  label="${pair%%:*}"
  java="${pair#*:}"
  log "Java $label ($java): $TASKS requests at once"
  # shellcheck disable=SC2086  # JVM_ARGS is a list of flags
  timeout 600 "$java" $JVM_ARGS -cp "$CP" io.github.wxnetwork.bench.ScaleBench --base "$BASE" --tasks "$TASKS" \
    --hold-ms "$HOLD_MS" --work "$WORK/files" > "$WORK/java$label.out" 2> "$WORK/java$label.log" &
  BENCH_PID=$!
  rc=0
  wait "$BENCH_PID" || rc=$?
  BENCH_PID=""
  cp "$WORK/java$label.out" "$WORK/java$label.log" "$HERE/target/scale-results/"
  grep '^scale\.' "$WORK/java$label.out" | sed 's/^/    /' || true
  if [ "$rc" != 0 ] || ! grep -q '^scale\.done=true' "$WORK/java$label.out"; then
    log "Java $label run FAILED (exit $rc); its log: $HERE/target/scale-results/java$label.log"
    tail -n 20 "$WORK/java$label.log" >&2 || true
    FAILED=1
  fi
  RESULTS+=(--result "Java $label=$WORK/java$label.out")
done

# --- the section ---
CPU="$(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | sed 's/.*: *//' || true)"
MEM="$(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo 2>/dev/null || true)"
MACHINE="$(nproc) cores${CPU:+ ($CPU)}${MEM:+, $MEM memory}, $(uname -s) $(uname -r)"
"$JAVA17" -cp "$CP" io.github.wxnetwork.bench.ScaleReport --out "$OUT" \
  --when "$WHEN, $(( $(date +%s) - STARTED )) s in all" \
  --command "bash wx-network-benchmarks/scale.sh${ARGS:+ $ARGS}" \
  --machine "$MACHINE" --jvm-args "$JVM_ARGS" "${RESULTS[@]}"
log "done: $OUT (raw results and logs: $HERE/target/scale-results/)"
exit "$FAILED"
