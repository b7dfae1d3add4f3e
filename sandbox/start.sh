#!/usr/bin/env bash
# Start the Systempay sandbox in the background (127.0.0.1 only).
#   sandbox/start.sh [extra server.py flags...]
# Environment (all optional):
#   SANDBOX_PORT (8095)  SANDBOX_DATA_DIR (build/sandbox)  SANDBOX_RUN_DIR (build/run)
#   SANDBOX_CONFIG (JSON config file; without it the defaults below configure shop 12345678)
#   SANDBOX_SITE_ID (12345678) SANDBOX_TEST_KEY (1122334455667788) SANDBOX_PROD_KEY ('')
#   SANDBOX_ALGORITHM (HMAC-SHA-256) SANDBOX_RETRY_INTERVAL (900)
#   SANDBOX_NOTIFICATION_URL (http://127.0.0.1:8090/callback/systempay/process.php)
#   REST API / embedded form keys of that shop (defaults: the demo values of sandbox/README.md):
#   SANDBOX_REST_PASSWORD_TEST SANDBOX_REST_PASSWORD_PROD SANDBOX_PUBLIC_KEY_TEST SANDBOX_PUBLIC_KEY_PROD
#   SANDBOX_HMAC_KEY_TEST SANDBOX_HMAC_KEY_PROD
#   SANDBOX_START_TIMEOUT (15 seconds)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PORT="${SANDBOX_PORT:-8095}"
DATA_DIR="${SANDBOX_DATA_DIR:-build/sandbox}"
RUN_DIR="${SANDBOX_RUN_DIR:-build/run}"
PID_FILE="$RUN_DIR/sandbox.pid"
LOG_FILE="$RUN_DIR/sandbox.log"
TIMEOUT="${SANDBOX_START_TIMEOUT:-15}"
mkdir -p "$RUN_DIR" "$DATA_DIR"

if [[ -f "$PID_FILE" ]]; then
    old="$(cat "$PID_FILE")"
    if [[ "$old" =~ ^[0-9]+$ ]] && kill -0 "$old" 2>/dev/null \
        && tr '\0' ' ' <"/proc/$old/cmdline" 2>/dev/null | grep -q 'sandbox/server.py'; then
        echo "sandbox already running (pid $old), http://127.0.0.1:$PORT/"
        exit 0
    fi
    rm -f "$PID_FILE"
fi

args=(--host 127.0.0.1 --port "$PORT" --data-dir "$DATA_DIR" --log-file "$LOG_FILE")
if [[ -n "${SANDBOX_CONFIG:-}" ]]; then
    args+=(--config "$SANDBOX_CONFIG")
else
    site_id="${SANDBOX_SITE_ID:-12345678}"
    args+=(--site-id "$site_id"
           --test-key "${SANDBOX_TEST_KEY:-1122334455667788}"
           --algorithm "${SANDBOX_ALGORITHM:-HMAC-SHA-256}"
           --notification-url "${SANDBOX_NOTIFICATION_URL:-http://127.0.0.1:8090/callback/systempay/process.php}"
           --retry-interval "${SANDBOX_RETRY_INTERVAL:-900}"
           --rest-password-test "${SANDBOX_REST_PASSWORD_TEST:-testpassword_DEMO1234567890abcdef}"
           --rest-password-prod "${SANDBOX_REST_PASSWORD_PROD:-prodpassword_DEMO1234567890abcdef}"
           --public-key-test "${SANDBOX_PUBLIC_KEY_TEST:-$site_id:testpublickey_DEMO1234567890}"
           --public-key-prod "${SANDBOX_PUBLIC_KEY_PROD:-$site_id:prodpublickey_DEMO1234567890}"
           --hmac-key-test "${SANDBOX_HMAC_KEY_TEST:-DEMOHMACTESTKEY1234567890abcdef}"
           --hmac-key-prod "${SANDBOX_HMAC_KEY_PROD:-DEMOHMACPRODKEY1234567890abcdef}")
    [[ -n "${SANDBOX_PROD_KEY:-}" ]] && args+=(--prod-key "$SANDBOX_PROD_KEY")
fi
args+=("$@")

setsid nohup python3 sandbox/server.py "${args[@]}" </dev/null >>"$LOG_FILE" 2>&1 &
pid=$!
echo "$pid" >"$PID_FILE"

deadline=$(( $(date +%s) + TIMEOUT ))
while :; do
    if python3 - "$PORT" <<'PY' 2>/dev/null; then
import sys, urllib.request
urllib.request.urlopen("http://127.0.0.1:%s/health" % sys.argv[1], timeout=1).read()
PY
        echo "sandbox started (pid $pid): http://127.0.0.1:$PORT/  admin http://127.0.0.1:$PORT/admin/  log $LOG_FILE"
        exit 0
    fi
    if ! kill -0 "$pid" 2>/dev/null; then
        echo "sandbox failed to start; last log lines:" >&2
        tail -n 20 "$LOG_FILE" >&2 || true
        rm -f "$PID_FILE"
        exit 1
    fi
    if (( $(date +%s) >= deadline )); then
        echo "sandbox did not answer within ${TIMEOUT}s (pid $pid still running; see $LOG_FILE)" >&2
        exit 1
    fi
    sleep 0.2
done
