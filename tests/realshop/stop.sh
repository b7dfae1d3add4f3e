#!/usr/bin/env bash
# Stops the real shop's Apache and MariaDB by the pids start.sh recorded.
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
source "$RS_HERE/servers.sh"
stop_pid_file "$RS_RUN/apache.pid"
stop_pid_file "$RS_RUN/mariadb.pid"
exit 0
