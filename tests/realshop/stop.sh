#!/usr/bin/env bash
# Stops the real shop's Apache and MariaDB by the pids start.sh recorded.
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
stop_pid() {
    local file="$1" pid
    [ -f "$file" ] || return 0
    pid="$(cat "$file")"
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
    rm -f "$file"
}
stop_pid "$RS_RUN/apache.pid"
stop_pid "$RS_RUN/mariadb.pid"
exit 0
