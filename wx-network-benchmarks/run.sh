#!/usr/bin/env bash
# Runs the whole benchmark suite and writes its tables into BENCHMARKS.md (between the bench markers).
#
#   bash wx-network-benchmarks/run.sh --quick      # ~10 minutes on 2 cores
#   bash wx-network-benchmarks/run.sh --full       # longer windows, best of 3 rounds (~35 minutes)
#   options: --only get,download,upload,queue,https[,diag]   --skip-build   --out FILE
#            (diag: transfer variants that show where OkHttp's time goes; not part of the default run)
#            (https: the small GET and the 50 MiB download over TLS, HTTP/1.1 and h2; issue 18)
#   env: JAVA_HOME (the JDK that builds and runs the workers), BENCH_JVM_ARGS (extra worker JVM flags)
#
# Starts its own nginx (installed from Debian's packages when missing) with its own prefix and config
# in a temp dir, on a free loopback port, and stops it on exit, whatever happens. A second nginx server
# on another free loopback port serves the same /json and /50m.bin over TLS (HTTP/1.1 and h2 by ALPN),
# with a self-signed certificate (SAN IP:127.0.0.1, DNS:localhost) that openssl makes in the temp dir.
# Idempotent: nothing outside the temp dir, target/ and the output file is touched.
set -euo pipefail

MODE=quick
ONLY=get,download,upload,queue,https
SKIP_BUILD=0
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
OUT="$ROOT/BENCHMARKS.md"
ARGS="$*"
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) MODE=quick ;;
    --full) MODE=full ;;
    --only) ONLY="$2"; shift ;;
    --skip-build) SKIP_BUILD=1 ;;
    --out) OUT="$(realpath -m "$2")"; shift ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done

# shellcheck source=lib.sh
. "$HERE/lib.sh"

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "need root (or sudo) for: $*" >&2; return 1; fi
}

# --- tools ---
NGINX="$(command -v nginx || true)"
[ -z "$NGINX" ] && [ -x /usr/sbin/nginx ] && NGINX=/usr/sbin/nginx
if [ -z "$NGINX" ] || ! command -v curl >/dev/null || ! command -v openssl >/dev/null; then
  log "installing nginx, curl and openssl from Debian's packages"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx curl openssl >/dev/null
  NGINX="$(command -v nginx || echo /usr/sbin/nginx)"
fi
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
command -v "$JAVA" >/dev/null || { echo "no java (set JAVA_HOME)" >&2; exit 1; }

# --- build ---
build_benchmarks "$SKIP_BUILD" "$HERE" "$ROOT"
CP_FILE="$HERE/target/classpath.txt"

# --- work dir, and cleanup of everything this script started ---
WORK="$(mktemp -d "${TMPDIR:-/tmp}/wx-bench.XXXXXX")"
NGINX_PID=""
SUITE_PID=""
cleanup() {
  local rc=$?
  if [ -n "$SUITE_PID" ] && kill -0 "$SUITE_PID" 2>/dev/null; then
    kill -TERM "$SUITE_PID" 2>/dev/null || true   # its shutdown hook ends the worker JVM it is running
    wait "$SUITE_PID" 2>/dev/null || true
  fi
  if [ -n "$NGINX_PID" ] && kill -0 "$NGINX_PID" 2>/dev/null; then
    kill -QUIT "$NGINX_PID" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$NGINX_PID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$NGINX_PID" 2>/dev/null || true
  fi
  if [ "${BENCH_KEEP_WORK:-0}" = 1 ]; then log "kept $WORK"; else rm -rf "$WORK"; fi
  [ "$rc" = 0 ] || log "FAILED (exit $rc)"
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM
chmod 755 "$WORK"
mkdir -p "$WORK/www" "$WORK/nginx/logs" "$WORK/lib" "$WORK/files" "$WORK/tls"

CP="$(private_classpath "$CP_FILE" "$WORK" "$HERE" "$ROOT")"
echo "$CP" > "$WORK/classpath.txt"
mkdir -p "$WORK/forest-lib" && cp "$HERE"/target/forest-lib/*.jar "$WORK/forest-lib/"

# --- payloads ---
head -c 52428800 /dev/urandom > "$WORK/www/50m.bin"
chmod 644 "$WORK/www/50m.bin"
JSON='{"id":1,"name":"wx-network","price":12.5,"tags":["request","upload","download"],"owner":{"id":7,"nick":"li"},"ok":true}'

# --- the HTTPS server's self-signed certificate (P-256), valid for 127.0.0.1 and localhost ---
CERT="$WORK/tls/cert.pem"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 -subj "/CN=wx-network bench" \
  -addext "subjectAltName=IP:127.0.0.1,DNS:localhost" -keyout "$WORK/tls/key.pem" -out "$CERT" 2>/dev/null
chmod 644 "$CERT"

# --- nginx on a free loopback port ---
free_port() {
  if command -v python3 >/dev/null; then
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
  else
    for _ in $(seq 100); do p=$((20000 + RANDOM % 20000)); (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }; done
    return 1
  fi
}
PORT="$(free_port)"
TLS_PORT="$(free_port)"
while [ "$TLS_PORT" = "$PORT" ]; do TLS_PORT="$(free_port)"; done
USER_LINE=""
[ "$(id -u)" = 0 ] && USER_LINE="user root;"
cat > "$WORK/nginx/nginx.conf" <<EOF
$USER_LINE
worker_processes 2;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/logs/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $WORK/nginx/client_body;
  proxy_temp_path $WORK/nginx/proxy;
  fastcgi_temp_path $WORK/nginx/fastcgi;
  uwsgi_temp_path $WORK/nginx/uwsgi;
  scgi_temp_path $WORK/nginx/scgi;
  types { application/octet-stream bin; }
  default_type application/octet-stream;
  sendfile on;
  tcp_nopush on;
  tcp_nodelay on;
  keepalive_requests 10000000;
  keepalive_timeout 300s;
  log_format bench '\$request_uri \$status \$request_length \$request_time';
  upstream sink { server 127.0.0.1:$PORT; keepalive 32; }
  server {
    listen 127.0.0.1:$PORT;
    root $WORK/www;
    # The small JSON GET.
    location = /json {
      default_type application/json;
      return 200 '$JSON';
    }
    # The static 50 MiB file: /50m.bin.
    location / { }
    # Upload sink. A bare 'return 200' answers before the body is read (nginx discards it afterwards), so
    # the body is read in full first, into memory (client_body_buffer_size), by proxying to a local
    # 'return 200' without forwarding it. \$request_length in upload.log proves each body arrived whole.
    location /upload {
      client_max_body_size 0;
      client_body_buffer_size 64m;
      access_log $WORK/nginx/logs/upload.log bench;
      proxy_pass_request_body off;
      proxy_set_header Content-Length "";
      proxy_set_header Content-Type "";
      proxy_set_header Connection "";
      proxy_http_version 1.1;
      proxy_pass http://sink/sink;
    }
    location = /sink {
      default_type application/json;
      return 200 '{"ok":true}';
    }
  }
  # The HTTPS rows (issue 18): the same /json and /50m.bin over TLS, HTTP/1.1 or h2 as the client's ALPN
  # asks (nginx 1.22: 'http2' on the listen line). sendfile does not apply to TLS; keepalive_requests
  # above also bounds the requests of an h2 connection.
  server {
    listen 127.0.0.1:$TLS_PORT ssl http2;
    ssl_certificate $CERT;
    ssl_certificate_key $WORK/tls/key.pem;
    ssl_protocols TLSv1.2 TLSv1.3;
    root $WORK/www;
    location = /json {
      default_type application/json;
      return 200 '$JSON';
    }
    location / { }
  }
}
EOF
"$NGINX" -t -q -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf"
"$NGINX" -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf"
for _ in $(seq 50); do [ -s "$WORK/nginx/nginx.pid" ] && break; sleep 0.1; done
NGINX_PID="$(cat "$WORK/nginx/nginx.pid")"
curl -sf "http://127.0.0.1:$PORT/json" >/dev/null || { echo "nginx did not answer on $PORT" >&2; exit 1; }
# HTTPS: trusted with the certificate alone, under both names, on HTTP/1.1 and on h2.
for check in "--http1.1 127.0.0.1 1.1" "--http2 127.0.0.1 2" "--http2 localhost 2"; do
  set -- $check
  got="$(curl -sf --cacert "$CERT" "$1" -o /dev/null -w '%{http_version}' "https://$2:$TLS_PORT/json" || true)"
  [ "$got" = "$3" ] || { echo "nginx on https://$2:$TLS_PORT answered HTTP '$got' to curl $1, not $3" >&2; exit 1; }
done
log "nginx $NGINX_PID on 127.0.0.1:$PORT (HTTPS: $TLS_PORT), work dir $WORK, mode $MODE"

"$JAVA" -Xmx256m -cp "$CP" io.github.wxnetwork.bench.Suite \
  --mode "$MODE" --only "$ONLY" \
  --base "http://127.0.0.1:$PORT" \
  --tls-base "https://127.0.0.1:$TLS_PORT" \
  --tls-cert "$CERT" \
  --file "$WORK/www/50m.bin" \
  --work "$WORK/files" \
  --upload-log "$WORK/nginx/logs/upload.log" \
  --classpath "$WORK/classpath.txt" \
  --forest-lib "$WORK/forest-lib" \
  --java "$(command -v "$JAVA")" \
  --out "$OUT" \
  --command "bash wx-network-benchmarks/run.sh${ARGS:+ $ARGS}" &
SUITE_PID=$!
wait "$SUITE_PID"
SUITE_PID=""
cp "$WORK/files/results.txt" "$HERE/target/bench-results.txt" 2>/dev/null || true
mkdir -p "$HERE/target/bench-logs" && cp "$WORK"/files/logs/*.log "$HERE/target/bench-logs/" 2>/dev/null || true
log "done: $OUT (raw results: $HERE/target/bench-results.txt, worker logs: $HERE/target/bench-logs/)"
