#!/usr/bin/env bash
# Stops the test shop's Apache and MariaDB — only the processes start.sh recorded (by pid file).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

# stop_pid <pidfile> <expected command name>: TERM, wait up to 15 s, then KILL
stop_pid() {
    local pidfile="$1" name="$2" pid i
    [ -f "$pidfile" ] || return 0
    pid="$(tr -dc '0-9' < "$pidfile")"
    if [ -z "$pid" ] || ! kill -0 "$pid" 2>/dev/null; then
        rm -f "$pidfile"; return 0
    fi
    if ! grep -q "$name" "/proc/$pid/comm" 2>/dev/null; then
        echo "pid $pid in $pidfile is not $name; not touching it" >&2
        rm -f "$pidfile"; return 0
    fi
    kill "$pid" 2>/dev/null || true
    for i in $(seq 1 150); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null; then
        kill -9 "$pid" 2>/dev/null || true
        sleep 0.2
    fi
    rm -f "$pidfile"
}

stop_pid "$RUN_DIR/apache.pid" apache2
stop_pid "$RUN_DIR/mariadb.pid" mariadbd
echo "test shop stopped"
