#!/usr/bin/env bash
# Stop the sandbox started by sandbox/start.sh: kills the pid in its pid file only.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
RUN_DIR="${SANDBOX_RUN_DIR:-build/run}"
PID_FILE="$RUN_DIR/sandbox.pid"
if [[ ! -f "$PID_FILE" ]]; then
    echo "sandbox not running (no $PID_FILE)"
    exit 0
fi
pid="$(cat "$PID_FILE")"
if ! [[ "$pid" =~ ^[0-9]+$ ]] || ! kill -0 "$pid" 2>/dev/null; then
    echo "sandbox not running (stale pid file)"
    rm -f "$PID_FILE"
    exit 0
fi
if ! tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q 'sandbox/server.py'; then
    echo "pid $pid is not the sandbox; not killing it" >&2
    rm -f "$PID_FILE"
    exit 1
fi
kill -TERM "$pid"
for _ in $(seq 1 50); do
    kill -0 "$pid" 2>/dev/null || { rm -f "$PID_FILE"; echo "sandbox stopped (pid $pid)"; exit 0; }
    sleep 0.1
done
kill -KILL "$pid" 2>/dev/null || true
rm -f "$PID_FILE"
echo "sandbox killed (pid $pid)"
