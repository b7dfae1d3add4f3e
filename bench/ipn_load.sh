#!/usr/bin/env bash
# Starts the test shop (if needed), runs bench/ipn_load.php against it, stops what it started.
source "$(dirname "$0")/../scripts/lib.sh"
started=0
if ! curl -fs -o /dev/null "http://127.0.0.1:${SHOP_HTTP_PORT:-8090}/"; then
    build_extension
    SYSTEMPAY_SO="$RELEASE_SO" bash "$ROOT/tests/shop/start.sh" >/dev/null
    started=1
    trap 'bash "$ROOT/tests/shop/stop.sh" >/dev/null 2>&1' EXIT
fi
php "$ROOT/bench/ipn_load.php" "$@"
