#!/usr/bin/env bash
# A merchant's install from the release zip into a fresh real modified eCommerce shop, step by step as
# the zip's guide says: the zip unpacked; the extension of extension/php-<ver>-<ts>-<arch>/ given to the
# shop's PHP (here: Apache's PHP of the test instance) and the web server restarted; shopfiles/ copied
# into the shop; Systempay installed and configured in the shop's admin; a test payment in headless
# Chromium against the local sandbox. Then the .so replaced by a new copy while Apache serves requests
# (renamed into place, then a graceful restart: no request may fail), and the module removed as the
# guide says (admin Remove, then the files of shopfiles/): the shop's own files are as they were.
# Own instance (build/realshop-zip) and ports (shop 8191, MariaDB 3418, sandbox 8096): it can run
# beside the other suites. Prints each typed step with its time, then "shop install: N passed, M failed".
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
source "$ROOT/scripts/lib.sh"
cd "$ROOT"
export REALSHOP_PROFILE=innodb REALSHOP_DIR="$BUILD_DIR/realshop-zip" REALSHOP_HTTP_PORT=8191 REALSHOP_DB_PORT=3418
export SANDBOX_PORT=8096 SANDBOX_RUN_DIR="$BUILD_DIR/realshop-zip/sandbox-run" SANDBOX_DATA_DIR="$BUILD_DIR/realshop-zip/sandbox"
export SANDBOX_NOTIFICATION_URL="http://127.0.0.1:8191/callback/systempay/process.php" SANDBOX_RETRY_INTERVAL=5
export SANDBOX_URL="http://127.0.0.1:8096/vads-payment/"
unset SANDBOX_CONFIG SHOP_URL
source "$ROOT/tests/realshop/env.sh"

CHECKS_NAME="shop install"
source "$ROOT/tests/packaging/checks.sh"
# What the merchant types, timed: printed as the guide's steps.
STEP_STARTED=$SECONDS
typed() { printf '  $ %s\n' "$*"; }

cleanup() {
    bash "$ROOT/sandbox/stop.sh" >/dev/null 2>&1 || true
    bash "$ROOT/tests/realshop/stop.sh" >/dev/null 2>&1 || true
}
trap cleanup EXIT

if [ -z "$(rs_find_source 2>/dev/null)" ]; then
    echo "shop install: skipped, no modified eCommerce source (MODIFIED_SOURCE or ../shared/shops/)"
    echo "shop install: 0 passed, 0 failed (skipped: no shop source)"
    exit 0
fi
ensure_packages "${BASE_PACKAGES[@]}" "${SHOP_PACKAGES[@]}" "${E2E_PACKAGES[@]}" unzip zip
ensure_e2e_tools

section "the release zip (make package)"
bash "$ROOT/packaging/package.sh" >/dev/null 2>"$BUILD_DIR/shop-install-package.log" || { cat "$BUILD_DIR/shop-install-package.log" >&2; bad "make package"; summary; exit 1; }
ZIP="$(ls -t "$ROOT"/dist/Systempay_modified_eCommerce_Shopsoftware_*.zip | head -n 1)"
ok "make package: $(basename "$ZIP")"

section "a fresh shop, as its installer leaves it, without the module"
REALSHOP_MODULE_FILES=0 bash "$ROOT/tests/realshop/start.sh" >"$BUILD_DIR/shop-install-start.log" 2>&1 || { tail -n 30 "$BUILD_DIR/shop-install-start.log" >&2; bad "the shop installs"; summary; exit 1; }
# Its Apache's PHP without the extension too (start.sh loads the build's copy): the zip's .so comes in below.
bash "$ROOT/tests/realshop/servers.sh" web-restart --no-extension >/dev/null 2>&1 && rm -f "$RS_RUN/systempay.so"
check "the shop has no file of the module" test ! -e "$RS_SHOP/includes/modules/payment/systempay.php"
check "its PHP has no systempay extension" sh -c "! grep -q systempay '$RS_RUN/php/php.ini' && test ! -e '$RS_RUN/systempay.so'"
# The shop's files (with their sizes) and folders before the module, to compare after removing it
# (caches and logs left out). shop_tree f|d.
shop_tree() {
    local format='%P\n'; [ "$1" = f ] && format='%P %s\n'
    (cd "$RS_SHOP" && find . -mindepth 1 -type "$1" ! -path './cache/*' ! -path './templates_c/*' ! -path './log/*' ! -path './media/*' -printf "$format" | LC_ALL=C sort)
}
BEFORE="$(mktemp)"; shop_tree f > "$BEFORE"
BEFORE_FOLDERS="$(mktemp)"; shop_tree d > "$BEFORE_FOLDERS"

section "the merchant's steps (INSTALL.en.md), timed"
WORK="$(mktemp -d)"
started=$SECONDS
typed "unzip $(basename "$ZIP")"
unzip -q "$ZIP" -d "$WORK"
EXT_DIR_NAME="$(ls "$WORK/extension")"
check "one extension folder: extension/$EXT_DIR_NAME" test "$(ls "$WORK/extension" | wc -l)" = 1
check "the guide in three languages" test -f "$WORK/INSTALL.en.md" -a -f "$WORK/INSTALL.de.md" -a -f "$WORK/INSTALL.fr.md"
# The guide's root-server step: the .so into PHP's extension directory, renamed into place, and the ini
# line; the test instance's Apache reads its own ini with the .so's path instead of /etc/php.
typed "cp extension/$EXT_DIR_NAME/systempay.so \$(php-config --extension-dir)/.systempay.so.new && mv … systempay.so   # the guide: never copy over a loaded .so"
cp "$WORK/extension/$EXT_DIR_NAME/systempay.so" "$RS_RUN/.systempay.so.new" && mv -f "$RS_RUN/.systempay.so.new" "$RS_RUN/systempay.so"
typed "phpenmod systempay && systemctl restart apache2"
bash "$ROOT/tests/realshop/servers.sh" web-restart >/dev/null 2>&1
typed "cp -r shopfiles/. /var/www/shop/"
cp -r "$WORK/shopfiles/." "$RS_SHOP/"
chown -R www-data:www-data "$RS_SHOP"
typed "(admin) Modules > Payment Methods > Systempay > Install, then Edit: shop ID, TEST key, production key, mode TEST, signature HMAC-SHA-256, payment page URL, REST keys; Save"
if out="$(php "$ROOT/tests/realshop/setup.php" module 2>&1)"; then ok "installed and configured through the shop's admin pages"; else bad "installed and configured through the shop's admin pages" "$out"; fi
page="$(cd "$ROOT" && php -r 'require "tests/module/bootstrap.php"; $a = new Admin("en"); echo $a->modulesPage("module=systempay")["body"];' 2>/dev/null)"
check "the admin's module page shows no missing-extension warning" sh -c "printf '%s' \"\$1\" | grep -q 'Systempay' && ! printf '%s' \"\$1\" | grep -q 'extension is not loaded'" _ "$page"
answer="$(curl -s -d 'vads_site_id=1&signature=x' "$RS_URL/callback/systempay/process.php")"
check "the notification URL answers with the extension (got: $answer)" sh -c "printf '%s' \"\$1\" | grep -q '^KO-' && ! printf '%s' \"\$1\" | grep -q 'not available'" _ "$answer"
install_seconds=$((SECONDS - started))
echo "  (the merchant's steps took $install_seconds s here, the payment not counted)"

section "a test payment, in headless Chromium, against the sandbox"
bash "$ROOT/sandbox/stop.sh" >/dev/null 2>&1 || true
rm -rf "$SANDBOX_DATA_DIR"
bash "$ROOT/sandbox/start.sh" >/dev/null 2>&1 || bad "the sandbox starts"
if out="$("$E2E_PYTHON" tests/e2e/e2e.py run --only accepted_frictionless 2>&1)"; then
    printf '%s\n' "$out" | grep -E '^(PASS|FAIL)' | sed 's/^/  /'
    printf '%s\n' "$out" | grep -q '^1 passed, 0 failed' && ok "a test payment: the order paid, its mail sent once, the notification answered" || bad "a test payment" "$out"
else
    bad "a test payment" "$out"
fi

section "the .so replaced while Apache serves requests (renamed into place, then a graceful restart)"
LOAD_DIR="$(mktemp -d)"
load() {   # POSTs junk to the notification URL (the extension parses it) until told to stop
    local n=0
    while [ ! -f "$LOAD_DIR/stop" ]; do
        curl -s -o /dev/null -w '%{http_code}\n' --max-time 10 -d 'vads_site_id=1&signature=x' "$RS_URL/callback/systempay/process.php" >> "$LOAD_DIR/codes.$1" 2>/dev/null \
            || echo "curl-failed" >> "$LOAD_DIR/codes.$1"
        n=$((n + 1))
    done
}
errors_before="$(wc -l < "$RS_RUN/apache_error.log" 2>/dev/null || echo 0)"
apache_parent="$(cat "$RS_RUN/apache.pid" 2>/dev/null)"
for i in 1 2 3 4; do load "$i" & done
for round in 1 2 3 4 5; do
    sleep 1
    cp "$WORK/extension/$EXT_DIR_NAME/systempay.so" "$RS_RUN/.systempay.so.new" && mv -f "$RS_RUN/.systempay.so.new" "$RS_RUN/systempay.so"
    apache2 -f "$RS_APACHE_CONF" -k graceful 2>/dev/null
done
sleep 2
touch "$LOAD_DIR/stop"; wait
total="$(cat "$LOAD_DIR"/codes.* | wc -l)"
not200="$(cat "$LOAD_DIR"/codes.* | grep -vc '^200$' || true)"
check "$total requests during 5 replacements, every one answered 200 ($not200 not)" test "$total" -gt 50 -a "$not200" = 0
new_errors="$(tail -n +"$((errors_before + 1))" "$RS_RUN/apache_error.log" 2>/dev/null | grep -Ei 'segmentation fault|exit signal|core dumped|child pid [0-9]+ exit' || true)"
check "no Apache child crashed (error log)" test -z "$new_errors"
check "the same Apache parent still serves (pid $apache_parent)" kill -0 "$apache_parent"
[ -z "$new_errors" ] || printf '%s\n' "$new_errors" | head -n 5 | sed 's/^/        /'
rm -rf "$LOAD_DIR"

section "removing the module as the guide says"
typed "(admin) Modules > Payment Methods > Systempay > Remove"
php -r 'require "tests/module/bootstrap.php"; $a = new Admin("en"); $a->remove();' >/dev/null 2>&1
check "the module's settings are gone" sh -c "test \"\$(bash -c 'source tests/realshop/env.sh; rs_db -N -e \"SELECT COUNT(*) FROM configuration WHERE configuration_key LIKE '\''MODULE_PAYMENT_SYSTEMPAY_%'\''\"')\" = 0"
check "its payment tables (the merchant's records) are kept" sh -c "bash -c 'source tests/realshop/env.sh; rs_db -N -e \"SELECT COUNT(*) FROM systempay_transaction\"' | grep -qx '[1-9][0-9]*'"
# The guide's own commands (section 12, step 3: its first code block), with the test shop's path.
removal="$(guide_block "$WORK/INSTALL.en.md" 12 1)"
check "the guide gives the commands that delete the module's files" sh -c "printf '%s' \"\$1\" | grep -q 'find . -type f -exec rm'" _ "$removal"
while IFS= read -r line; do typed "$line"; done <<< "$removal"
(cd "$WORK" && bash -c "${removal//\/var\/www\/shop/$RS_SHOP}")
AFTER="$(mktemp)"; shop_tree f > "$AFTER"
check "the shop's files are exactly as before the install" diff "$BEFORE" "$AFTER"
shop_tree d > "$AFTER"
check "its folders too: the module's own are gone, the shop's all kept" diff "$BEFORE_FOLDERS" "$AFTER"
rm -f "$BEFORE" "$AFTER" "$BEFORE_FOLDERS"
rm -rf "$WORK"
echo "($((SECONDS - STEP_STARTED)) s)"
summary
