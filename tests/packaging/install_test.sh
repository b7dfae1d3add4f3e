#!/usr/bin/env bash
# Tests of `make install` / `make uninstall` (packaging/install.sh) against a fake modified eCommerce shop.
#
# Runs in a private mount namespace whose /etc, /usr and /var are copy-on-write layers (overlayfs on tmpfs)
# over the machine's own, as tests/packaging/run.sh does: the extension really goes into PHP's
# extension_dir, the ini into /etc/php/<v>/mods-available, phpenmod and `php -m` run for real, but nothing
# outside the namespace sees it, and it all vanishes with the namespace.
#
# It proves: a non-Systempay file at a module path is refused with nothing changed; an extension for
# another PHP (a fake php-config reporting another PHP API, version, or ZTS) is refused with nothing
# changed; the install puts every file, the record, the .so and the ini in place and the CLI loads it;
# a reinstall replaces the .so by rename (new inode; a PHP started before it, which has the old one
# loaded, finishes normally; a control shows that copying over it in place crashes such a PHP); two
# shops share the extension; a merchant's change is kept by uninstall; uninstall leaves nothing but the
# shop's own files; without Debian's layout the exact php.ini line is given.
#
# Usage: bash tests/packaging/install_test.sh     (root; 15-30 s)
# Needs an extension of the module's version: target/release/libsystempay.so or build/systempay.so
# (bash scripts/build.sh). Prints "install: N passed, M failed" last; exits 1 when anything failed.
source "$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/packaging/lib.sh"
set +e   # every check reports on its own

SELF="$ROOT/tests/packaging/install_test.sh"
INSTALLER="$ROOT/packaging/install.sh"
CHECKS_NAME=install CHECKS_DETAIL_LINES=30
source "$ROOT/tests/packaging/checks.sh"
has() { printf '%s\n' "$1" | grep -qF -- "$2"; }   # has "$output" "text"
show() { printf '%s\n' "$1" | sed 's/^/        | /'; }  # an installer's message, in the log

# =====================================================================================================
# Inside the namespace
# =====================================================================================================
if [ "${1:-}" = "--inside" ]; then
    IN="$2" SCRATCH="$3"
    mount -t tmpfs -o mode=0755 systempay-install-test "$SCRATCH" || { echo "cannot mount a tmpfs on $SCRATCH"; exit 2; }
    for dir in etc usr var; do
        mkdir -p "$SCRATCH/layers/$dir/upper" "$SCRATCH/layers/$dir/work"
        mount -t overlay overlay -o "lowerdir=/$dir,upperdir=$SCRATCH/layers/$dir/upper,workdir=$SCRATCH/layers/$dir/work" "/$dir" \
            || { echo "cannot put an overlay on /$dir"; exit 2; }
    done
    mount -t tmpfs -o mode=1777 systempay-install-test-lock /run/lock   # the installer's lock file stays in here too
    VERSION="$(pkg_module_version)"
    MM="$(php -r 'echo PHP_MAJOR_VERSION, ".", PHP_MINOR_VERSION;')"
    API="$(php-config --phpapi)"
    EXT_DIR="$(php -r 'echo ini_get("extension_dir");')"
    SO="$EXT_DIR/systempay.so"
    INI="/etc/php/$MM/mods-available/systempay.ini"
    STATE=/var/lib/systempay
    HAVE_MODPHP=0
    [ -f "/etc/php/$MM/apache2/php.ini" ] && HAVE_MODPHP=1
    SO_A="$IN/a.so" SO_B="$IN/b.so"
    inst() { bash "$INSTALLER" "$@" 2>&1; }   # output and status of the installer

    # ---- a fake shop, laid out like modified eCommerce 3.3.0 (its own folders and files, no module)
    SHOP="$SCRATCH/www/shop"
    mk() { mkdir -p "$(dirname "$SHOP/$1")"; printf '%s\n' "${2:-<?php // modified eCommerce: $1}" > "$SHOP/$1"; }
    mk includes/application_top.php
    mk includes/configure.php
    mk includes/modules/payment/cod.php
    mk includes/modules/payment/paypalplus.php
    mk includes/external/paypal/classes/PayPalPayment.php
    mk includes/extra/checkout/checkout_requirements/index.html '<html></html>'
    mk lang/german/modules/payment/cod.php
    mk lang/english/modules/payment/cod.php
    mk lang/button_templates/index.html '<html></html>'
    mk callback/paypal/webhook.php
    mk admin/check_update.php
    mk admin/includes/extra/modules/orders/orders_action/index.html '<html></html>'
    mk admin/includes/extra/modules/orders/orders_info_blocks/index.html '<html></html>'
    mk images/logo.png 'PNG'
    # A merchant's own file at a path the module ships, that is not Systempay's: the install must refuse it.
    FOREIGN="includes/extra/checkout/checkout_requirements/90_systempay.php"
    mk "$FOREIGN" '<?php // our own checkout rule, written for this shop'
    sed -i 's/systempay/checkout rule/' "$SHOP/$FOREIGN"   # its content never names the module
    chown -R www-data:www-data "$SHOP"
    SHOP2="$SCRATCH/www/shop2"
    cp -a "$SHOP" "$SHOP2"
    rm -f "$SHOP2/$FOREIGN"
    SHOP3="$SCRATCH/www/shop3"   # its admin folder renamed, as modified recommends
    cp -a "$SHOP2" "$SHOP3"
    mv "$SHOP3/admin" "$SHOP3/admin_x7k2"

    # Everything the install may touch: the shop, the extension dir, PHP's configuration, the records.
    snapshot() {
        find "$1" "$EXT_DIR" /etc/php /var/lib/php/modules "$STATE" -printf '%p|%y|%i|%s|%m|%u:%g|%T@|%l\n' 2>/dev/null | LC_ALL=C sort
    }
    # path, type, size (files), mode, owner: a folder's size on tmpfs counts its entries, so it is left out
    tree_of() { (cd "$1" && find . -printf '%p|%y|%s|%m|%u:%g\n' | awk -F'|' -v OFS='|' '$2 == "d" { $3 = "-" } { print }' | LC_ALL=C sort); }
    TREE0="$(tree_of "$SHOP")"
    module_rels() {   # the shop paths of the module's files
        git -C "$ROOT" ls-files -c -o --exclude-standard -- php-module lang callback | sed 's|^php-module/||' | LC_ALL=C sort
    }

    section "refusals (nothing may change)"
    before="$(snapshot "$SHOP")"
    out="$(SO="$SO_A" inst install "$SHOP")"; rc=$?
    check "a non-Systempay file at a module path ($FOREIGN): refused (exit $rc)" test "$rc" -ne 0
    check "the message names the file and why" has "$out" "refusing to overwrite $SHOP/$FOREIGN: it is not a Systempay file"
    check "the message says nothing was changed" has "$out" "systempay install: refused, nothing was changed:"
    show "$out"
    check "nothing changed (shop, extension_dir, /etc/php, /var/lib/php/modules, /var/lib/systempay)" test "$(snapshot "$SHOP")" = "$before"
    # The merchant moves their file out of the way: the rest of the test installs.
    mv "$SHOP/$FOREIGN" "$SHOP/$FOREIGN.merchant"
    TREE0="$(tree_of "$SHOP")"

    # Fake php-configs: the real one, except for what they report.
    fake_config() {   # name version api zts(0|1)
        local dir="$SCRATCH/fake/$1"
        mkdir -p "$dir/include/main"
        if [ "$4" = 1 ]; then printf '#define ZTS 1\n#define ZEND_DEBUG 0\n'; else printf '/* #undef ZTS */\n#define ZEND_DEBUG 0\n'; fi > "$dir/include/main/php_config.h"
        cat > "$dir/php-config" <<FAKE
#!/bin/sh
case "\$1" in
    --version) echo "$2" ;;
    --phpapi) echo "$3" ;;
    --include-dir) echo "$dir/include" ;;
    *) exec /usr/bin/php-config$MM "\$@" ;;
esac
FAKE
        chmod +x "$dir/php-config"
        printf '%s' "$dir/php-config"
    }
    before="$(snapshot "$SHOP")"
    fc="$(fake_config api "$(php-config --version)" 20230831 0)"
    out="$(PHP_CONFIG="$fc" SO="$SO_A" inst install "$SHOP")"; rc=$?
    check "a PHP reporting PHP API 20230831 (the .so is $API): refused (exit $rc)" test "$rc" -ne 0
    check "  says both APIs in words" has "$out" "PHP API:       the extension is built for PHP API $API, the target PHP has PHP API 20230831"
    show "$out"
    fc="$(fake_config version 8.3.14 "$API" 0)"
    out="$(PHP_CONFIG="$fc" SO="$SO_A" inst install "$SHOP")"; rc=$?
    check "a PHP reporting version 8.3.14 (the .so is for $MM): refused (exit $rc)" test "$rc" -ne 0
    check "  says both versions in words" has "$out" "PHP version:   the extension is built for PHP $MM, the target PHP is 8.3.14"
    show "$out"
    fc="$(fake_config zts "$(php-config --version)" "$API" 1)"
    out="$(PHP_CONFIG="$fc" SO="$SO_A" inst install "$SHOP")"; rc=$?
    check "a thread-safe (ZTS) PHP (the .so is NTS): refused (exit $rc)" test "$rc" -ne 0
    check "  says both in words" has "$out" "thread safety: the extension is built for a non-thread-safe (NTS) PHP, the target PHP is thread-safe (ZTS)"
    check "  names the folder of the zip to use instead" has "$out" "extension/php-$MM-zts-"
    show "$out"
    # A prebuilt .so from the wrong folder of the zip, with the machine's own PHP as target: its build ID
    # (the bytes PHP itself compares) says PHP API 20230831 (PHP 8.3), or thread-safe.
    patch_build_id() { php -n -r '$b = file_get_contents($argv[1]); $n = 0; $b = str_replace($argv[2], $argv[3], $b, $n); if ($n !== 1) exit(1); file_put_contents($argv[4], $b);' "$SO_A" "$1" "$2" "$3"; }
    patch_build_id "API$API,NTS" "API20230831,NTS" "$SCRATCH/php83.so"
    out="$(SO="$SCRATCH/php83.so" inst install "$SHOP")"; rc=$?
    check "SO= an extension built for PHP 8.3 (PHP API 20230831), this PHP is $MM: refused (exit $rc)" test "$rc" -ne 0
    check "  says version and API of both" sh -c "printf '%s' \"\$1\" | grep -qF 'PHP version:   the extension is built for PHP 8.3, the target PHP is $(php-config --version)' && printf '%s' \"\$1\" | grep -qF 'PHP API:       the extension is built for PHP API 20230831, the target PHP has PHP API $API'" _ "$out"
    show "$out"
    patch_build_id "API$API,NTS" "API$API,TS"$'\x00' "$SCRATCH/zts.so"
    out="$(SO="$SCRATCH/zts.so" inst install "$SHOP")"; rc=$?
    check "SO= an extension built for a thread-safe (ZTS) PHP, this PHP is NTS: refused (exit $rc)" test "$rc" -ne 0
    check "  says both in words" has "$out" "thread safety: the extension is built for a thread-safe (ZTS) PHP, the target PHP is non-thread-safe (NTS)"
    show "$out"
    printf '<?php\n' > "$SCRATCH/not-an-extension.so"
    out="$(SO="$SCRATCH/not-an-extension.so" inst install "$SHOP")"; rc=$?
    check "SO= a file that is no PHP extension: refused (exit $rc)" sh -c "test $rc -ne 0 && printf '%s' \"\$1\" | grep -q 'cannot tell which PHP'" _ "$out"
    check "nothing changed by any of them" test "$(snapshot "$SHOP")" = "$before"
    out="$(inst uninstall "$SHOP")"; rc=$?
    check "uninstall of a shop never installed: refused (exit $rc), nothing to remove" \
        sh -c "test $rc -ne 0 && printf '%s' \"\$1\" | grep -q 'no install record for'" _ "$out"

    # ---------------------------------------------------------------------------------------------------
    section "install"
    out="$(SO="$SO_A" inst install "$SHOP")"; rc=$?
    if [ "$rc" = 0 ]; then ok "make install's script succeeds"; else bad "make install's script succeeds (exit $rc)" "$out"; fi
    printf '%s\n' "$out" | sed 's/^/        > /'
    missing="" differ=""
    while IFS= read -r rel; do
        src="$ROOT/php-module/$rel"; [ -f "$src" ] || src="$ROOT/$rel"
        [ -f "$src" ] || continue
        if [ ! -f "$SHOP/$rel" ]; then missing="$missing $rel"; elif ! cmp -s "$src" "$SHOP/$rel"; then differ="$differ $rel"; fi
    done < <(module_rels)
    NFILES="$(module_rels | while IFS= read -r r; do [ -f "$ROOT/php-module/$r" ] || [ -f "$ROOT/$r" ] && echo; done | wc -l)"
    check "all $NFILES module files are in the shop, identical to the source" test -z "$missing$differ"
    [ -z "$missing$differ" ] || echo "        missing:$missing differ:$differ"
    check "new files belong to the shop's owner (www-data), mode 0644" \
        test "$(stat -c '%U:%G %a' "$SHOP/includes/modules/payment/systempay.php")" = "www-data:www-data 644"
    check "the shop's own files are untouched" test "$(cat "$SHOP/includes/modules/payment/cod.php")" = "<?php // modified eCommerce: includes/modules/payment/cod.php"
    MANIFEST="$STATE/$(printf '%s' "$(realpath "$SHOP")" | sha256sum | cut -d' ' -f1).manifest"
    check "the record is $MANIFEST (outside the shop)" test -f "$MANIFEST"
    check "  it lists every module file with its SHA-256" \
        test "$(grep -c '^file	' "$MANIFEST")" = "$NFILES"
    check "  it lists the folders it created (lang/french/, lang/spanish/, callback/systempay/, includes/external/systempay/, images/icons/payment/ …)" \
        sh -c "for d in lang/french lang/spanish callback/systempay includes/external/systempay images/icons images/icons/payment; do grep -qx \"dir	\$d\" '$MANIFEST' || { echo \"no \$d\"; exit 1; }; done; ! grep -qx 'dir	lang' '$MANIFEST' && ! grep -qx 'dir	images' '$MANIFEST'"
    check "  it lists the .so and the ini with their SHA-256, and phpenmod" \
        sh -c "grep -qx \"so	$(sha256sum "$SO_A" | cut -d' ' -f1)	$SO\" '$MANIFEST' && grep -q \"^ini	[0-9a-f]*	$INI\$\" '$MANIFEST' && grep -qx 'enmod	$MM' '$MANIFEST'"
    check "  and nothing of the shop's own (no file it did not write)" sh -c "! grep -E 'cod.php|application_top|configure.php|\.merchant|paypal|index.html' '$MANIFEST'"
    check "no record or temporary file inside the shop" test -z "$(find "$SHOP" -name '*manifest*' -o -name '*.systempay-new.*')"
    check "systempay.so is in PHP's extension_dir ($SO), the given build, 0644 root" \
        sh -c "cmp -s '$SO_A' '$SO' && test \"\$(stat -c '%a %U' '$SO')\" = '644 root'"
    check "no temporary file left in the extension_dir" test -z "$(find "$EXT_DIR" -name '.systempay*')"
    check "$INI: '; priority=20' and 'extension=systempay.so'" sh -c "grep -qx '; priority=20' '$INI' && grep -qx 'extension=systempay.so' '$INI'"
    sapis=(cli)
    [ "$HAVE_MODPHP" = 1 ] && sapis+=(apache2)
    for sapi in "${sapis[@]}"; do
        check "phpenmod linked it for $sapi ($sapi/conf.d/20-systempay.ini)" test "$(readlink "/etc/php/$MM/$sapi/conf.d/20-systempay.ini")" = "$INI"
    done
    check "CLI: php -m lists systempay" sh -c "php -m | grep -qx systempay"
    check "CLI: phpversion('systempay') is $VERSION, no startup warning" \
        test "$(php -d display_startup_errors=1 -r 'echo phpversion("systempay");' 2>&1)" = "$VERSION"
    check "the installer checked the CLI" has "$out" "ok      CLI (/usr/bin/php$MM -m): lists systempay"
    if [ "$HAVE_MODPHP" = 1 ]; then
        check "the installer checked Apache's mod_php configuration" has "$out" "ok      Apache mod_php (PHP_INI_SCAN_DIR=/etc/php/$MM/apache2/conf.d"
        check "Apache's PHP lists it (PHP_INI_SCAN_DIR=…/apache2/conf.d php -c …/apache2/php.ini -m)" \
            sh -c "PHP_INI_SCAN_DIR=/etc/php/$MM/apache2/conf.d php -c /etc/php/$MM/apache2/php.ini -m | grep -qx systempay"
        check "it says what to do about Apache and restarts nothing itself" \
            sh -c "printf '%s' \"\$1\" | grep -qE 'restart Apache so that mod_php loads it|Apache is not running: mod_php loads it when it starts'" _ "$out"
    fi

    # ---------------------------------------------------------------------------------------------------
    section "reinstall over it (upgrade): the .so is replaced by rename"
    inode0="$(stat -c %i "$SO")"
    # A PHP that has the installed .so loaded, still running when the reinstall replaces it.
    # It says when it has started, then waits for the go (so it is surely running during the reinstall).
    WAIT_GO='file_put_contents($argv[1] . ".ready", "1"); $t = microtime(true); while (!file_exists($argv[1]) && microtime(true) - $t < 60) usleep(20000);'
    ready() { local i; for i in $(seq 1 300); do [ -e "$1.ready" ] && return 0; sleep 0.02; done; return 1; }
    php -r "$WAIT_GO"' echo extension_loaded("systempay") ? "loaded " . Systempay\to_minor_units("12.34", "EUR") : "not loaded";' "$SCRATCH/go1" > "$SCRATCH/running.out" 2>&1 &
    running=$!
    ready "$SCRATCH/go1"
    out="$(SO="$SO_B" inst install "$SHOP")"; rc=$?
    still=0; kill -0 "$running" 2>/dev/null && still=1
    touch "$SCRATCH/go1"
    wait "$running"; running_rc=$?
    if [ "$rc" = 0 ]; then ok "the reinstall succeeds"; else bad "the reinstall succeeds (exit $rc)" "$out"; fi
    check "the PHP started before was still running when the reinstall finished" test "$still" = 1
    check "that PHP finished normally and its extension worked after the replacement (exit $running_rc: $(cat "$SCRATCH/running.out"))" \
        test "$running_rc" = 0 -a "$(cat "$SCRATCH/running.out")" = "loaded 1234"
    check "the .so has a new inode ($inode0 -> $(stat -c %i "$SO")): renamed into place, not written over" test "$(stat -c %i "$SO")" != "$inode0"
    check "it is the new build, and the record says so" \
        sh -c "cmp -s '$SO_B' '$SO' && grep -qx \"so	$(sha256sum "$SO_B" | cut -d' ' -f1)	$SO\" '$MANIFEST'"
    check "the installer says it replaced it by rename" has "$out" "replaced by rename: running PHPs keep the old file until they restart"
    check "every module file unchanged: nothing rewritten" has "$out" "$NFILES module files: 0 new, 0 replaced, $NFILES unchanged"
    check "CLI loads the new one" test "$(php -d display_startup_errors=1 -r 'echo phpversion("systempay");' 2>&1)" = "$VERSION"
    # Control: what the rename avoids. The same kind of PHP, with its .so copied over in place.
    ctl="$SCRATCH/control"
    mkdir -p "$ctl"; cp "$SO_A" "$ctl/systempay.so"
    ( php -n -d "extension=$ctl/systempay.so" -r "$WAIT_GO"' echo Systempay\to_minor_units("12.34", "EUR"), Systempay\sign(["a" => "b"], "k");' "$ctl/go" > "$ctl/out" 2>&1
      echo $? > "$ctl/rc" ) 2>/dev/null &
    running=$!
    ready "$ctl/go"
    cp "$SO_B" "$ctl/systempay.so"
    touch "$ctl/go"
    wait "$running"; ctl_rc="$(cat "$ctl/rc")"
    check "control: copying over a loaded .so in place kills the PHP using it (exit $ctl_rc)" test "$ctl_rc" -ge 128

    # The administrator's phpdismod survives a reinstall; an identical .so is left alone.
    phpdismod -v "$MM" -s cli systempay >/dev/null 2>&1
    inode1="$(stat -c %i "$SO")"
    out="$(SO="$SO_B" inst install "$SHOP")"; rc=$?
    check "a reinstall of the same build succeeds and leaves the .so alone (same inode)" \
        sh -c "test $rc = 0 && test \"\$(stat -c %i '$SO')\" = '$inode1'" 
    check "  and says so" has "$out" "$SO: unchanged"
    check "the administrator's 'phpdismod -s cli' survives it, and it says so" \
        sh -c "test ! -e /etc/php/$MM/cli/conf.d/20-systempay.ini && printf '%s' \"\$1\" | grep -q 'left disabled by the administrator (phpdismod) for cli'" _ "$out"
    check "  its check expects the CLI not to list it" has "$out" "does not list systempay (not enabled there)"
    check "phpenmod -s cli brings it back for the CLI" sh -c "phpenmod -v $MM -s cli systempay && php -m | grep -qx systempay"

    # ---------------------------------------------------------------------------------------------------
    section "a second shop on the same PHP shares the extension"
    out="$(SO="$SO_B" inst install "$SHOP2")"; rc=$?
    if [ "$rc" = 0 ]; then ok "install into a second shop succeeds"; else bad "install into a second shop succeeds (exit $rc)" "$out"; fi
    KEY2="$(printf '%s' "$(realpath "$SHOP2")" | sha256sum | cut -d' ' -f1)"
    MANIFEST2="$STATE/$KEY2.manifest"
    check "it has its own record, naming the same .so" sh -c "test -f '$MANIFEST2' && test '$MANIFEST2' != '$MANIFEST' && grep -q '	$SO\$' '$MANIFEST2'"
    # A module file the merchant edited, then an upgrade: the module's file wins, the edit is saved aside.
    EDITED="lang/english/modules/payment/systempay.php"
    printf '// the merchant edited this\n' >> "$SHOP2/$EDITED"
    edited_sha="$(sha256sum < "$SHOP2/$EDITED")"
    out="$(SO="$SO_B" inst install "$SHOP2")"; rc=$?
    saved="$(find "$STATE/$KEY2.saved" -path "*/$EDITED" 2>/dev/null | head -n 1)"
    check "a reinstall puts the module's file back over a merchant's edit ($EDITED)" \
        sh -c "test $rc = 0 && cmp -s '$ROOT/$EDITED' '$SHOP2/$EDITED'"
    check "  after saving the edited one outside the shop ($STATE/$KEY2.saved/<time>/…), and says so" \
        sh -c "test -n '$saved' && test \"\$(sha256sum < '$saved')\" = '$edited_sha' && printf '%s' \"\$1\" | grep -q '$STATE/$KEY2.saved/'" _ "$out"

    # ---------------------------------------------------------------------------------------------------
    section "uninstall"
    CHANGED="lang/german/modules/payment/systempay.php"
    printf '// the merchant changed a text\n' >> "$SHOP/$CHANGED"
    changed_copy="$(cat "$SHOP/$CHANGED")"
    out="$(inst uninstall "$SHOP")"; rc=$?
    if [ "$rc" = 0 ]; then ok "make uninstall's script succeeds"; else bad "make uninstall's script succeeds (exit $rc)" "$out"; fi
    printf '%s\n' "$out" | sed 's/^/        > /'
    check "the file the merchant changed is kept, unchanged" test "$(cat "$SHOP/$CHANGED" 2>/dev/null)" = "$changed_copy"
    check "  and reported" sh -c "printf '%s' \"\$1\" | grep -A3 'KEPT, changed since they were installed' | grep -qF '$SHOP/$CHANGED'" _ "$out"
    expected="$(printf '%s\n' "$TREE0"; (cd "$SHOP" && find "./$CHANGED" -printf '%p|%y|%s|%m|%u:%g\n'))"
    expected="$(printf '%s\n' "$expected" | LC_ALL=C sort -u)"
    actual="$(tree_of "$SHOP")"
    if [ "$actual" = "$expected" ]; then ok "the shop holds its own files (as before the install) and the kept file, nothing else"
    else bad "the shop holds its own files (as before the install) and the kept file, nothing else" "$(diff <(printf '%s\n' "$expected") <(printf '%s\n' "$actual"))"; fi
    check "the second shop still uses the extension: .so and ini stay, CLI still loads it" \
        sh -c "test -f '$SO' && test -f '$INI' && php -m | grep -qx systempay && printf '%s' \"\$1\" | grep -q 'still use them'" _ "$out"
    check "the record of the first shop is gone" test ! -e "$MANIFEST"
    check "it says the database is untouched and how to drop the tables by hand" \
        sh -c "printf '%s' \"\$1\" | grep -q 'database: untouched' && printf '%s' \"\$1\" | grep -q 'INSTALL guide, \"Removing\"'" _ "$out"

    out="$(inst uninstall "$SHOP2")"; rc=$?
    if [ "$rc" = 0 ]; then ok "uninstall of the second (last) shop succeeds"; else bad "uninstall of the second (last) shop succeeds (exit $rc)" "$out"; fi
    printf '%s\n' "$out" | sed -n '/^extension/,/^database/p' | sed 's/^/        > /'
    tree2="$(tree_of "$SHOP2")"
    expected2="$(printf '%s\n' "$TREE0" | grep -v "$FOREIGN")"
    if [ "$tree2" = "$expected2" ]; then ok "the second shop is exactly as before its install"
    else bad "the second shop is exactly as before its install" "$(diff <(printf '%s\n' "$expected2") <(printf '%s\n' "$tree2"))"; fi
    check "systempay.so is gone from the extension_dir" test ! -e "$SO"
    check "systempay.ini is gone, and no conf.d link to it is left" \
        sh -c "test ! -e '$INI' && test -z \"\$(find /etc/php/$MM -name '*systempay*')\""
    check "phpenmod's state is gone (/var/lib/php/modules/$MM/*/*/systempay)" test -z "$(find /var/lib/php/modules -name 'systempay*')"
    check "CLI: php no longer loads it, and warns about nothing" sh -c "! php -d display_startup_errors=1 -m 2>&1 | grep -qi systempay"
    [ "$HAVE_MODPHP" = 1 ] && check "Apache's PHP no longer loads it" \
        sh -c "! PHP_INI_SCAN_DIR=/etc/php/$MM/apache2/conf.d php -d display_startup_errors=1 -c /etc/php/$MM/apache2/php.ini -m 2>&1 | grep -qi systempay"
    check "it names the saved copy of the merchant's edit, which stays" \
        sh -c "printf '%s' \"\$1\" | grep -q 'stay in $STATE/$KEY2.saved/' && test -f '$saved'" _ "$out"
    check "no record is left, only that saved copy" \
        test "$(find "$STATE" -type f)" = "$saved"
    rm -rf "$STATE"   # the merchant has looked at it

    # ---------------------------------------------------------------------------------------------------
    section "without Debian's layout (mods-available + phpenmod): the exact line and php.ini are given"
    loaded_ini="$(php --ini | sed -n 's/^Loaded Configuration File: *//p')"
    out="$(SYSTEMPAY_NO_DEBIAN_LAYOUT=1 SO="$SO_A" inst install "$SHOP3")"; rc=$?
    if [ "$rc" = 0 ]; then ok "install succeeds"; else bad "install succeeds (exit $rc)" "$out"; fi
    printf '%s\n' "$out" | sed -n '/^extension/,/^shop files/p' | sed 's/^/        > /'
    check "it says: add 'extension=systempay.so' to $loaded_ini" \
        sh -c "printf '%s\n' \"\$1\" | grep -A2 'Add the line' | grep -qx '      extension=systempay.so' && printf '%s\n' \"\$1\" | grep -q '    to $loaded_ini (the command line'" _ "$out"
    check "the admin files went into the renamed admin folder (the one holding check_update.php), no admin/ was made" \
        sh -c "test -f '$SHOP3/admin_x7k2/includes/extra/modules/orders/orders_info_blocks/systempay.php' && test ! -e '$SHOP3/admin' && printf '%s' \"\$1\" | grep -q '(admin folder: admin_x7k2/)'" _ "$out"
    check "it wrote no ini and enabled nothing; the .so is in place" \
        sh -c "test ! -e '$INI' && test -z \"\$(find /etc/php -name '*systempay*')\" && cmp -s '$SO_A' '$SO'"
    echo "extension=systempay.so" >> "$loaded_ini"
    check "with that line added, the CLI loads it" test "$(php -d display_startup_errors=1 -r 'echo phpversion("systempay");' 2>&1)" = "$VERSION"
    out="$(SYSTEMPAY_NO_DEBIAN_LAYOUT=1 SO="$SO_A" inst install "$SHOP3")"; rc=$?
    check "a reinstall sees the line and says nothing needs adding" \
        sh -c "test $rc = 0 && printf '%s' \"\$1\" | grep -q \"already loaded by $loaded_ini line\"" _ "$out"
    sed -i '/^extension=systempay.so$/d' "$loaded_ini"
    out="$(inst uninstall "$SHOP3")"; rc=$?
    check "uninstall succeeds and removes the .so" sh -c "test $rc = 0 && test ! -e '$SO'" 
    check "  and reminds to remove the line from $loaded_ini" has "$out" "remove the line 'extension=systempay.so' you added to $loaded_ini"
    tree3="$(tree_of "$SHOP3")"
    check "the third shop is exactly as before its install" test "$tree3" = "$(printf '%s\n' "$expected2" | sed 's|^\./admin|./admin_x7k2|' | LC_ALL=C sort)"
    check "nothing named systempay is left (/etc/php, /usr/lib/php, /var/lib/php, /var/lib/systempay)" \
        test -z "$(find /etc/php /usr/lib/php /var/lib/php /var/lib/systempay -name '*systempay*' 2>/dev/null)"

    echo "__counts__ $PASSED $FAILED"
    exit 0
fi

# =====================================================================================================
# The outer run: an extension to install, then the namespace
# =====================================================================================================
STARTED=$SECONDS
[ "$(id -u)" = 0 ] || { bad "runs as root (it mounts a private namespace)"; summary; exit 1; }
VERSION="$(pkg_module_version)"
TMP="$(mktemp -d /tmp/systempay-install-test.XXXXXX)"
SCRATCH=""
cleanup() { rm -rf "$TMP"; [ -z "$SCRATCH" ] || rmdir "$SCRATCH" 2>/dev/null; }
trap cleanup EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM

section "an extension of version $VERSION to install"
src=""
for cand in "$ROOT/target/release/libsystempay.so" "$ROOT/build/systempay.so"; do
    [ -f "$cand" ] || continue
    cp "$cand" "$TMP/candidate.so"   # a copy: a build running meanwhile may replace the original
    if [ "$(php -n -d "extension=$TMP/candidate.so" -r 'echo phpversion("systempay");' 2>/dev/null)" = "$VERSION" ]; then src="$cand"; break; fi
done
if [ -z "$src" ]; then
    bad "an extension of version $VERSION in target/release/ or build/ (run: bash scripts/build.sh)"
    summary; exit 1
fi
# Two builds that differ byte for byte: the first install and the upgrade.
strip --strip-unneeded -o "$TMP/a.so" "$TMP/candidate.so"
cp "$TMP/candidate.so" "$TMP/b.so"
if cmp -s "$TMP/a.so" "$TMP/b.so"; then
    printf 'systempay install test\n' > "$TMP/note"
    objcopy --add-section .note.systempay-test="$TMP/note" "$TMP/candidate.so" "$TMP/b.so"
fi
check "two builds of it that differ ($(basename "$src"), stripped and not)" sh -c "! cmp -s '$TMP/a.so' '$TMP/b.so'"

before_machine="$(ls -la "$(php -r 'echo ini_get("extension_dir");')" /etc/php/*/mods-available 2>/dev/null; ls -laR /var/lib/systempay 2>/dev/null)"
SCRATCH="$(mktemp -d /tmp/systempay-install-ns.XXXXXX)"
tmp_mode="$(stat -c %a /tmp)"   # /tmp is the one folder the namespace shares with the machine
inner="$(unshare -m --propagation private bash "$SELF" --inside "$TMP" "$SCRATCH" 2>&1)"
if [ "$(stat -c %a /tmp)" != "$tmp_mode" ]; then
    echo "  note  something run by apt-get/dpkg inside the namespace changed /tmp to $(stat -c %a /tmp); put back to $tmp_mode"
    chmod "$tmp_mode" /tmp
fi
printf '%s\n' "$inner" | grep -v '^__counts__'
counts="$(printf '%s\n' "$inner" | sed -n 's/^__counts__ //p')"
if [ -n "$counts" ]; then
    PASSED=$((PASSED + ${counts% *})); FAILED=$((FAILED + ${counts#* }))
else
    bad "the namespace part ran to its end"
fi
section "the machine"
after_machine="$(ls -la "$(php -r 'echo ini_get("extension_dir");')" /etc/php/*/mods-available 2>/dev/null; ls -laR /var/lib/systempay 2>/dev/null)"
check "nothing reached the machine's PHP (extension_dir, mods-available, /var/lib/systempay as before)" test "$before_machine" = "$after_machine"
echo "($((SECONDS - STARTED)) s)"
summary
