#!/usr/bin/env bash
# Smoke test of the test shop with the trivial module fixtures/dummy_payment (testpay): install it through
# admin/modules.php over HTTP (CSRF token, real URLs), buy product 1 through the checkout pages with curl,
# check the database and the PHP error log. Prints "N passed, N failed"; exits non-zero on any failure.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

passed=0; failed=0
ok()   { passed=$((passed + 1)); echo "ok   - $1"; }
fail() { failed=$((failed + 1)); echo "FAIL - $1"; }
check() { if [ "$2" = "$3" ]; then ok "$1"; else fail "$1 (expected '$3', got '$2')"; fi; }
sql() { db_root -N -B "$DB_NAME" -e "$1"; }

WORK="$(mktemp -d)"
cleanup() { bash "$SHOP_SRC/stop.sh" >/dev/null 2>&1 || true; rm -rf "$WORK"; }
trap cleanup EXIT

SHOP_SKIP_MODULE=1 bash "$SHOP_SRC/start.sh" > "$WORK/start.log" 2>&1 || { cat "$WORK/start.log"; echo "0 passed, 1 failed"; exit 1; }
# copy the module in as an admin would
cp -a "$SHOP_SRC/fixtures/dummy_payment/." "$SHOP_DIR/"
chmod -R a+rX "$SHOP_DIR"
: > "$RUN_DIR/php_errors.log"

JAR="$WORK/cookies"
get()  { curl -s -b "$JAR" -c "$JAR" -o "$WORK/body" -w '%{http_code} %{redirect_url}' "$@"; }
body() { cat "$WORK/body"; }

# ---- admin: install testpay
get -L "$SHOP_URL/_test/admin_login.php" >/dev/null
if body | grep -q 'data-code="testpay"'; then ok "admin list shows the uninstalled module"; else fail "admin list shows the uninstalled module"; fi
get "$SHOP_URL/admin/modules.php?set=payment&module=testpay" >/dev/null
install_url="$(body | grep -o 'id="button_install" href="[^"]*"' | sed 's/.*href="//; s/"$//')"
check "info box links install with action=install" "$install_url" "$SHOP_URL/admin/modules.php?set=payment&module=testpay&action=install"
res="$(get "$install_url")"
check "install redirects back to the module" "$res" "302 $SHOP_URL/admin/modules.php?set=payment&module=testpay"
get "$SHOP_URL/admin/modules.php?set=payment&module=testpay" >/dev/null
check "install wrote the status row" "$(sql "SELECT configuration_value FROM configuration WHERE configuration_key='MODULE_PAYMENT_TESTPAY_STATUS'")" "True"
check "list display rebuilt MODULE_PAYMENT_INSTALLED" "$(sql "SELECT configuration_value FROM configuration WHERE configuration_key='MODULE_PAYMENT_INSTALLED'")" "testpay.php"

# ---- admin: edit + save with and without the CSRF token
get "$SHOP_URL/admin/modules.php?set=payment&module=testpay&action=edit" >/dev/null
csrf_name="$(body | grep -o '<input type="hidden" name="x[^"]*" value="[^"]*"' | head -1 | sed 's/.*name="//; s/".*//')"
csrf_value="$(body | grep -o '<input type="hidden" name="x[^"]*" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//')"
save_url="$(body | grep -o '<form name="modules" id="modules" action="[^"]*"' | sed 's/.*action="//; s/"$//')"
check "edit form posts to action=save" "$save_url" "$SHOP_URL/admin/modules.php?set=payment&module=testpay&action=save"
if body | grep -q 'name="configuration\[MODULE_PAYMENT_TESTPAY_STATUS\]" value="True" checked'; then ok "set_function eval form renders the radios"; else fail "set_function eval form renders the radios"; fi
get --data "configuration[MODULE_PAYMENT_TESTPAY_SORT_ORDER]=7" "$save_url" >/dev/null
check "save without CSRF token changes nothing" "$(sql "SELECT configuration_value FROM configuration WHERE configuration_key='MODULE_PAYMENT_TESTPAY_SORT_ORDER'")" "0"
res="$(get --data-urlencode "$csrf_name=$csrf_value" --data "configuration[MODULE_PAYMENT_TESTPAY_SORT_ORDER]=5" "$save_url")"
check "save with CSRF token redirects" "$res" "302 $SHOP_URL/admin/modules.php?set=payment&module=testpay"
check "save with CSRF token stores the value" "$(sql "SELECT configuration_value FROM configuration WHERE configuration_key='MODULE_PAYMENT_TESTPAY_SORT_ORDER'")" "5"

# ---- buyer: checkout with product 1
rm -f "$JAR"
res="$(get "$SHOP_URL/_test/checkout.php?language=en&currency=EUR&country=DE&products=1:1")"
check "test helper redirects to checkout_payment.php" "$res" "302 $SHOP_URL/checkout_payment.php"
get "$SHOP_URL/checkout_payment.php" >/dev/null
if body | grep -q 'name="payment" value="testpay"'; then ok "checkout_payment lists testpay"; else fail "checkout_payment lists testpay"; fi
get --data "payment=testpay&conditions=conditions&comments_added=YES&comments=" "$SHOP_URL/checkout_confirmation.php" >/dev/null
if body | grep -q "action=\"$SHOP_URL/checkout_process.php\""; then ok "confirmation form posts to checkout_process.php"; else fail "confirmation form posts to checkout_process.php"; fi
if body | grep -q 'name="testpay_marker"'; then ok "process_button() output is inside the form"; else fail "process_button() output is inside the form"; fi
res="$(get --data "testpay_marker=1" "$SHOP_URL/checkout_process.php")"
check "checkout_process redirects to checkout_success.php" "$res" "302 $SHOP_URL/checkout_success.php"
get "$SHOP_URL/checkout_success.php" >/dev/null
oid="$(sql "SELECT MAX(orders_id) FROM orders")"
if body | grep -q "<span id=\"orders_id\">$oid</span>"; then ok "checkout_success shows the order"; else fail "checkout_success shows the order"; fi

# ---- database
check "one order" "$(sql "SELECT COUNT(*) FROM orders")" "1"
check "order status 1 (DEFAULT_ORDERS_STATUS_ID)" "$(sql "SELECT orders_status FROM orders")" "1"
check "order payment code" "$(sql "SELECT CONCAT(payment_method, '/', payment_class, '/', currency, '/', language) FROM orders")" "testpay/testpay/EUR/english"
check "ot_total = 10.00 + 4.90" "$(sql "SELECT value FROM orders_total WHERE class='ot_total'")" "14.9000"
check "order products row" "$(sql "SELECT CONCAT(products_id, ':', products_quantity, ':', final_price) FROM orders_products")" "1:1.0000:10.0000"
check "stock decremented" "$(sql "SELECT products_quantity FROM products WHERE products_id=1")" "99"
check "one history row, customer notified" "$(sql "SELECT CONCAT(COUNT(*), ':', MAX(customer_notified)) FROM orders_status_history")" "1:1"
check "one order mail" "$(sql "SELECT COUNT(*) FROM test_mails WHERE orders_id=$oid AND to_address='buyer@example.test'")" "1"
check "cart emptied (customers_basket)" "$(sql "SELECT COUNT(*) FROM customers_basket")" "0"

# ---- no PHP notice, warning or error anywhere
if [ -s "$RUN_DIR/php_errors.log" ]; then fail "php_errors.log is empty"; sed 's/^/    /' "$RUN_DIR/php_errors.log"; else ok "php_errors.log is empty"; fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
