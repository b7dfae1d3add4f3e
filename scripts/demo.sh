#!/usr/bin/env bash
# The README's first command: the test shop (modified eCommerce double on MariaDB + Apache/mod_php) with
# the Systempay module installed and configured for TEST mode against the local platform sandbox.
#
#   bash scripts/demo.sh           install what is missing, build the extension, start shop + sandbox, print the URLs
#   bash scripts/demo.sh --buy     the same, then one whole purchase in headless Chromium; prints the order
#   bash scripts/demo.sh --stop    stop what the demo started (the pids recorded in build/run/); = scripts/stop-demo.sh
#   bash scripts/demo.sh --api     only the extension: php --re systempay and one signed sample request
#
# Ports: SHOP_HTTP_PORT (8090), SHOP_DB_PORT (3317), SANDBOX_PORT (8095). Logs: build/run/.
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
export SHOP_HTTP_PORT="${SHOP_HTTP_PORT:-8090}" SHOP_DB_PORT="${SHOP_DB_PORT:-3317}" SANDBOX_PORT="${SANDBOX_PORT:-8095}"
SHOP="http://127.0.0.1:$SHOP_HTTP_PORT"
SANDBOX="http://127.0.0.1:$SANDBOX_PORT"

mode="${1:-}"
case "$mode" in
    ""|--buy|--stop|--api) ;;
    -h|--help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "usage: bash scripts/demo.sh [--buy|--stop|--api]" >&2; exit 2 ;;
esac

stop_demo() {
    bash "$ROOT/sandbox/stop.sh"
    bash "$ROOT/tests/shop/stop.sh"
}

if [ "$mode" = "--stop" ]; then
    stop_demo
    exit 0
fi

if [ "$mode" = "--api" ]; then
    ensure_packages "${BASE_PACKAGES[@]}"
    build_extension
    php_with "$RELEASE_SO" --re systempay
    php_with "$RELEASE_SO" "$ROOT/scripts/sample_request.php"
    exit 0
fi

started=$(date +%s)
packages=("${BASE_PACKAGES[@]}" "${SHOP_PACKAGES[@]}")
[ "$mode" = "--buy" ] && packages+=("${E2E_PACKAGES[@]}")
ensure_packages "${packages[@]}"
[ "$mode" = "--buy" ] && ensure_e2e_tools
ensure_extension
mkdir -p "$BUILD_DIR/run"

log "starting MariaDB (127.0.0.1:$SHOP_DB_PORT) and Apache with the test shop ($SHOP/)"
SYSTEMPAY_SO="$RELEASE_SO" bash tests/shop/start.sh >"$BUILD_DIR/run/demo-shop-start.log" 2>&1 \
    || { cat "$BUILD_DIR/run/demo-shop-start.log" >&2; exit 1; }
log "installing and configuring Systempay through the shop admin (TEST mode, site 12345678)"
php tests/e2e/shop_setup.php >/dev/null

log "starting the Systempay sandbox ($SANDBOX/)"
bash sandbox/stop.sh >/dev/null
export SANDBOX_DATA_DIR="$BUILD_DIR/sandbox"
rm -rf "$SANDBOX_DATA_DIR"   # fresh shop data: the shop's trans-id counter starts again
SANDBOX_SITE_ID=12345678 SANDBOX_TEST_KEY=1122334455667788 SANDBOX_ALGORITHM=HMAC-SHA-256 \
SANDBOX_NOTIFICATION_URL="$SHOP/callback/systempay/process.php" SANDBOX_RETRY_INTERVAL=30 \
    bash sandbox/start.sh >/dev/null

cat <<TXT

Systempay demo is running (TEST mode: site id 12345678, key 1122334455667788, HMAC-SHA-256).

  Storefront           $SHOP/
  Start a checkout     $SHOP/_test/checkout.php
                       (logs in the test buyer, fills the cart; add ?language=de|fr|es and &currency=JPY|USD|KWD)
  Shop admin           $SHOP/_test/admin_login.php
                       (logs you in as the admin, no password: Modules > Payment > Systempay;
                       an order with its Systempay panel: $SHOP/admin/orders.php?oID=1&action=edit)
  Sandbox (platform)   $SANDBOX/vads-payment/
  Sandbox admin        $SANDBOX/admin/   (transactions, IPN attempts and answers, replay; no login)

  Test cards (any future expiry, CVV 123): 4970100000000055 accepted, 4970100000000014 3DS challenge,
  4970100000000071 refused. IPN to $SHOP/callback/systempay/process.php, retried every 30 s.
  Database: modified_test on 127.0.0.1:$SHOP_DB_PORT (shop / shop). Logs: build/run/.

  Stop: bash scripts/demo.sh --stop   (or bash scripts/stop-demo.sh)
TXT

if [ "$mode" = "--buy" ]; then
    echo
    log "playing one purchase in headless Chromium"
    "$E2E_PYTHON" tests/e2e/e2e.py buy
fi
echo
echo "demo ready in $(( $(date +%s) - started )) s"
