#!/usr/bin/env bash
# Starts or stops only the test shop's MariaDB (start.sh uses it; the fault tests stop and restart
# the database under a running shop with it). Usage: db.sh start|stop
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
case "${1:-}" in
start)
    mkdir -p "$DB_SOCKET_DIR"; chown mysql:mysql "$DB_SOCKET_DIR"
    rm -f "$DB_SOCKET"
    setsid nohup mariadbd --no-defaults --user=mysql --datadir="$DB_DATADIR" --socket="$DB_SOCKET" \
        --port="$DB_PORT" --bind-address="$DB_HOST" --skip-name-resolve --pid-file="$DB_DATADIR/mariadbd.pid" \
        --character-set-server=utf8 --collation-server=utf8_general_ci \
        >> "$RUN_DIR/mariadb.log" 2>&1 < /dev/null &
    echo $! > "$RUN_DIR/mariadb.pid"
    for i in $(seq 1 300); do
        mariadb-admin --no-defaults --socket="$DB_SOCKET" -uroot ping >/dev/null 2>&1 && break
        kill -0 "$(cat "$RUN_DIR/mariadb.pid")" 2>/dev/null || { echo "MariaDB died, see $RUN_DIR/mariadb.log" >&2; exit 1; }
        sleep 0.1
    done
    mariadb-admin --no-defaults --socket="$DB_SOCKET" -uroot ping >/dev/null 2>&1 || { echo "MariaDB did not answer within 30 s" >&2; exit 1; }
    ;;
stop)
    if [ -f "$RUN_DIR/mariadb.pid" ]; then
        pid="$(cat "$RUN_DIR/mariadb.pid")"
        kill "$pid" 2>/dev/null || true
        for i in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$pid" 2>/dev/null || true
        rm -f "$RUN_DIR/mariadb.pid"
    fi
    ;;
*)
    echo "usage: $0 start|stop" >&2
    exit 2
    ;;
esac
