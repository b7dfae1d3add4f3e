#!/usr/bin/env bash
# End-to-end tests in a real browser: starts the test shop (MariaDB + Apache with the module and the
# release extension) and the platform sandbox, installs and configures the module through the admin
# pages, runs the scenarios of tests/e2e/e2e.py in headless Debian Chromium (Selenium), and stops
# everything it started (by pid) on exit. The last line is "N passed, N failed".
#   bash tests/e2e/run.sh [--only NAME,NAME] [--list]
# Ports: SHOP_HTTP_PORT (8090), SHOP_DB_PORT (3317), SANDBOX_PORT (8095).
# Failures: screenshot, page HTML and error under build/e2e-failures/<scenario>/.
source "$(dirname "$0")/../../scripts/lib.sh"
cd "$ROOT"
export SHOP_HTTP_PORT="${SHOP_HTTP_PORT:-8090}" SHOP_DB_PORT="${SHOP_DB_PORT:-3317}" SANDBOX_PORT="${SANDBOX_PORT:-8095}"
export SANDBOX_DATA_DIR="$BUILD_DIR/e2e/sandbox"
export SANDBOX_NOTIFICATION_URL="http://127.0.0.1:$SHOP_HTTP_PORT/callback/systempay/process.php"
export SANDBOX_RETRY_INTERVAL=5
unset SANDBOX_CONFIG

ensure_packages "${BASE_PACKAGES[@]}" "${SHOP_PACKAGES[@]}" "${E2E_PACKAGES[@]}"
ensure_e2e_tools
if [ "${1:-}" = "--list" ]; then
    exec "$E2E_PYTHON" tests/e2e/e2e.py run --list
fi
ensure_extension

cleanup() {
    bash "$ROOT/sandbox/stop.sh" >/dev/null 2>&1 || true
    bash "$ROOT/tests/shop/stop.sh" >/dev/null 2>&1 || true
}
trap cleanup EXIT
mkdir -p "$BUILD_DIR/run"
log "e2e: starting the test shop on 127.0.0.1:$SHOP_HTTP_PORT (MariaDB 127.0.0.1:$SHOP_DB_PORT)"
SYSTEMPAY_SO="$RELEASE_SO" bash tests/shop/start.sh >"$BUILD_DIR/run/e2e-shop-start.log" 2>&1 \
    || { cat "$BUILD_DIR/run/e2e-shop-start.log" >&2; exit 1; }
php tests/e2e/shop_setup.php >&2
log "e2e: starting the sandbox on 127.0.0.1:$SANDBOX_PORT"
bash sandbox/stop.sh >/dev/null 2>&1 || true
rm -rf "$SANDBOX_DATA_DIR"   # the shop's trans-id counter starts again with the fresh shop data
bash sandbox/start.sh >&2
rm -rf "$BUILD_DIR/e2e-failures"
log "e2e: scenarios in headless Chromium ($(chromium --version 2>/dev/null | head -1))"
"$E2E_PYTHON" tests/e2e/e2e.py run "$@"
