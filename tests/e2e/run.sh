#!/usr/bin/env bash
# End-to-end tests in a real browser against the real modified eCommerce 3.3.0 shop: installs a fresh
# shop with its own installer (tests/realshop/start.sh: own MariaDB + Apache with the release
# extension), installs and configures Systempay through its admin (tests/realshop/setup.php module),
# starts the platform sandbox with the shop's notification URL, runs the scenarios of tests/e2e/e2e.py
# in headless Debian Chromium (Selenium), and stops everything it started (by pid) on exit.
# The last line is "N passed, N failed".
#   bash tests/e2e/run.sh [--only NAME,NAME] [--list] [--screenshots DIR]
# Environment: REALSHOP_PROFILE (innodb|myisam), REALSHOP_HTTP_PORT (8190), REALSHOP_DB_PORT (3417),
# REALSHOP_DIR (build/realshop-<profile>), SANDBOX_PORT (8095), MODIFIED_SOURCE (the shop's .tar.gz/.zip/folder).
# Without a shop source the browser tests are skipped (exit 0).
# Failures: screenshot, page HTML and error under build/e2e-failures-<profile>/<scenario>/.
source "$(dirname "$0")/../../scripts/lib.sh"
cd "$ROOT"
export REALSHOP_PROFILE="${REALSHOP_PROFILE:-innodb}"
export REALSHOP_HTTP_PORT="${REALSHOP_HTTP_PORT:-8190}" REALSHOP_DB_PORT="${REALSHOP_DB_PORT:-3417}" SANDBOX_PORT="${SANDBOX_PORT:-8095}"
source "$ROOT/tests/realshop/env.sh"   # RS_DIR, RS_URL, RS_RUN of this instance
export REALSHOP_DIR="$RS_DIR"
export SANDBOX_RUN_DIR="$RS_DIR/sandbox-run" SANDBOX_DATA_DIR="$RS_DIR/sandbox"
export SANDBOX_NOTIFICATION_URL="$RS_URL/callback/systempay/process.php"
export SANDBOX_RETRY_INTERVAL=5
unset SANDBOX_CONFIG SANDBOX_URL SHOP_URL

ensure_packages "${BASE_PACKAGES[@]}" "${SHOP_PACKAGES[@]}" "${E2E_PACKAGES[@]}"
ensure_e2e_tools
if [ "${1:-}" = "--list" ]; then
    exec "$E2E_PYTHON" tests/e2e/e2e.py run --list
fi

started=$SECONDS
cleanup() {
    bash "$ROOT/sandbox/stop.sh" >/dev/null 2>&1 || true
    bash "$ROOT/tests/realshop/stop.sh" >/dev/null 2>&1 || true
}
trap cleanup EXIT
mkdir -p "$RS_DIR"
log "e2e: installing the real shop ($REALSHOP_PROFILE) on $RS_URL (MariaDB 127.0.0.1:$REALSHOP_DB_PORT) in $RS_DIR"
code=0
bash tests/realshop/start.sh >"$RS_DIR/e2e-shop-start.log" 2>&1 || code=$?
if [ "$code" = "3" ]; then
    sed 's/^/    /' "$RS_DIR/e2e-shop-start.log" >&2
    echo "e2e: browser tests skipped: no modified eCommerce source. Point MODIFIED_SOURCE at the shop's" \
         ".tar.gz, .zip or unpacked folder (e.g. MODIFIED_SOURCE=~/Downloads/modified-shop-3.3.0.tar.gz bash tests/e2e/run.sh)," \
         "or put modified-shop-3.3.0.tar.gz in ../shared/shops/."
    echo "0 passed, 0 failed (skipped: no shop source)"
    exit 0
fi
[ "$code" = "0" ] || { cat "$RS_DIR/e2e-shop-start.log" >&2; exit 1; }
log "e2e: installing and configuring Systempay through the shop's admin (TEST mode)"
php tests/realshop/setup.php module >&2
log "e2e: starting the sandbox on 127.0.0.1:$SANDBOX_PORT (notifications to $SANDBOX_NOTIFICATION_URL)"
bash sandbox/stop.sh >/dev/null 2>&1 || true
rm -rf "$SANDBOX_DATA_DIR"   # the shop's trans-id counter starts again with the fresh shop
bash sandbox/start.sh >&2
export E2E_FAILURES="${E2E_FAILURES:-$BUILD_DIR/e2e-failures-$REALSHOP_PROFILE}"
rm -rf "$E2E_FAILURES"
log "e2e: servers up in $((SECONDS - started)) s; scenarios in headless Chromium ($(chromium --version 2>/dev/null | head -1))"
if [ "${1:-}" = "--screenshots" ]; then   # the README's pictures, from the same fresh shop
    "$E2E_PYTHON" tests/e2e/e2e.py screenshots "${2:-docs}"
else
    "$E2E_PYTHON" tests/e2e/e2e.py run "$@"
fi
