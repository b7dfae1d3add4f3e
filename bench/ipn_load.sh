#!/usr/bin/env bash
# Starts the real shop (tests/realshop/start.sh) if it is not running, runs bench/ipn_load.php against it,
# stops what it started. Usage: bash bench/ipn_load.sh [notifications] [connections]
source "$(dirname "$0")/../scripts/lib.sh"
source "$ROOT/tests/realshop/env.sh"
if ! curl -fs -o /dev/null "$RS_URL/robots.txt"; then
    bash "$ROOT/tests/realshop/start.sh" >/dev/null || exit $?
    trap 'bash "$ROOT/tests/realshop/stop.sh" >/dev/null 2>&1' EXIT
fi
php "$ROOT/bench/ipn_load.php" "$@"
