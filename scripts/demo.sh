#!/usr/bin/env bash
# The README's first command: a real modified eCommerce 3.3.0 shop (installed by its own installer from
# ../shared/shops/ or MODIFIED_SOURCE, on its own MariaDB + Apache/mod_php with the release extension) with
# Systempay installed and configured for TEST mode through its admin, against the local platform sandbox.
# Without a shop source it says how to get one and starts the built-in test double instead.
#
#   bash scripts/demo.sh           install what is missing, build the extension, start shop + sandbox, print the URLs
#   bash scripts/demo.sh --buy     the same, then in headless Chromium two whole purchases (hosted page, then
#                                  embedded form) and the back office: in manual validation mode the admin
#                                  validates a payment, refunds part then the rest, and cancels another order,
#                                  all from the order page; prints the orders, their history and the mails sent
#   bash scripts/demo.sh --stop    stop what the demo started (by the pids it recorded); = scripts/stop-demo.sh
#   bash scripts/demo.sh --api     only the extension: php --re systempay and one signed sample request
#
# Ports: REALSHOP_HTTP_PORT (8190), REALSHOP_DB_PORT (3417), SANDBOX_PORT (8095); the double: SHOP_HTTP_PORT
# (8090), SHOP_DB_PORT (3317). Logs: build/realshop-innodb/run/ (double: build/run/).
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
export SHOP_HTTP_PORT="${SHOP_HTTP_PORT:-8090}" SHOP_DB_PORT="${SHOP_DB_PORT:-3317}" SANDBOX_PORT="${SANDBOX_PORT:-8095}"
export REALSHOP_PROFILE="${REALSHOP_PROFILE:-innodb}" REALSHOP_HTTP_PORT="${REALSHOP_HTTP_PORT:-8190}" REALSHOP_DB_PORT="${REALSHOP_DB_PORT:-3417}"
source "$ROOT/tests/realshop/env.sh"
export REALSHOP_DIR="$RS_DIR"
SANDBOX="http://127.0.0.1:$SANDBOX_PORT"

mode="${1:-}"
case "$mode" in
    ""|--buy|--stop|--api) ;;
    -h|--help) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "usage: bash scripts/demo.sh [--buy|--stop|--api]" >&2; exit 2 ;;
esac

stop_demo() {
    SANDBOX_RUN_DIR="$RS_DIR/sandbox-run" bash "$ROOT/sandbox/stop.sh"
    bash "$ROOT/sandbox/stop.sh"
    bash "$ROOT/tests/realshop/stop.sh"
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

# Starts the sandbox with the shop's notification URL. $1 = the shop's base URL, $2 = the sandbox's run dir.
start_sandbox() {
    bash sandbox/stop.sh >/dev/null 2>&1 || true
    SANDBOX_RUN_DIR="$2" bash sandbox/stop.sh >/dev/null 2>&1 || true
    export SANDBOX_DATA_DIR="$2/../sandbox" SANDBOX_RUN_DIR="$2"
    rm -rf "$SANDBOX_DATA_DIR"   # fresh shop data: the shop's trans-id counter starts again
    SANDBOX_SITE_ID=12345678 SANDBOX_TEST_KEY=1122334455667788 SANDBOX_ALGORITHM=HMAC-SHA-256 \
    SANDBOX_NOTIFICATION_URL="$1/callback/systempay/process.php" SANDBOX_RETRY_INTERVAL=30 \
        bash sandbox/start.sh >/dev/null
}

if [ -n "$(rs_find_source 2>/dev/null)" ]; then
    SHOP="$RS_URL"
    log "installing a real modified eCommerce shop from $(basename "$(rs_find_source)") with its own installer ($SHOP/)"
    bash tests/realshop/start.sh >"$BUILD_DIR/run/demo-shop-start.log" 2>&1 \
        || { cat "$BUILD_DIR/run/demo-shop-start.log" >&2; exit 1; }
    log "installing and configuring Systempay through the shop admin (TEST mode, site 12345678)"
    php tests/realshop/setup.php module
    log "starting the Systempay sandbox ($SANDBOX/)"
    start_sandbox "$SHOP" "$RS_DIR/sandbox-run"
    cat <<TXT

Systempay demo is running in a real modified eCommerce shop (TEST mode: site id 12345678, key
1122334455667788, HMAC-SHA-256).

  Storefront           $SHOP/
                       buyer: $RS_BUYER_EMAIL / $RS_BUYER_PASSWORD (or create an account); product "Systempay
                       test product"; languages de/en, currencies EUR, USD, JPY (0 decimals), KWD (3 decimals)
  Shop admin           $SHOP/login.php  as $RS_ADMIN_EMAIL / $RS_ADMIN_PASSWORD, then $SHOP/admin/
                       (Modules > Payment Methods > Systempay; an order with its Systempay panel:
                       $SHOP/admin/orders.php?oID=1&action=edit)
  Sandbox (platform)   $SANDBOX/vads-payment/
  Sandbox admin        $SANDBOX/admin/   (transactions, IPN attempts and answers, replay; no login)

  Test cards (any future expiry, CVV 123): 4970100000000055 accepted, 4970100000000014 3DS challenge,
  4970100000000071 refused. IPN to $SHOP/callback/systempay/process.php, retried every 30 s.
  Mails the shop sent: $RS_MAILS/ (one .eml file each). Database: $RS_DB_NAME on 127.0.0.1:$RS_DB_PORT
  (shop / shop). Logs: $RS_RUN/ and the shop's $RS_SHOP/log/.

  Stop: bash scripts/demo.sh --stop   (or bash scripts/stop-demo.sh)
TXT
    if [ "$mode" = "--buy" ]; then
        echo
        log "playing in headless Chromium: two purchases (hosted page, embedded form), then the back office from the admin's order page"
        "$E2E_PYTHON" tests/e2e/e2e.py buy
    fi
    echo
    echo "demo ready in $(( $(date +%s) - started )) s"
    exit 0
fi

cat >&2 <<MSG
No modified eCommerce source was found, so the demo runs the built-in test double of the shop
(tests/shop/). For the real shop, put modified-shop-3.3.0.tar.gz into ../shared/shops/ beside the project
or set MODIFIED_SOURCE to a .tar.gz, a .zip from the modified download page or an unpacked shop folder.
MSG
SHOP="http://127.0.0.1:$SHOP_HTTP_PORT"

log "starting MariaDB (127.0.0.1:$SHOP_DB_PORT) and Apache with the test shop ($SHOP/)"
SYSTEMPAY_SO="$RELEASE_SO" bash tests/shop/start.sh >"$BUILD_DIR/run/demo-shop-start.log" 2>&1 \
    || { cat "$BUILD_DIR/run/demo-shop-start.log" >&2; exit 1; }
log "installing and configuring Systempay through the shop admin (TEST mode, site 12345678)"
bash tests/shop/setup_demo.sh

log "starting the Systempay sandbox ($SANDBOX/)"
start_sandbox "$SHOP" "$BUILD_DIR/run"

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
    log "the headless purchase (--buy) runs in the real shop only: point MODIFIED_SOURCE at a shop source"
fi
echo
echo "demo ready in $(( $(date +%s) - started )) s"
