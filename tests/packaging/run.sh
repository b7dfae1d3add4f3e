#!/usr/bin/env bash
# Packaging tests: builds the merchant's zip and the Debian package (make package, make deb), checks
# what is in them, then installs the .deb with apt-get, checks that PHP loads the extension (CLI, and
# Apache's mod_php when libapache2-mod-php is installed: through its ini directory and in a real
# throw-away Apache), upgrades it, removes and purges it and checks that nothing is left.
#
# Where the .deb is installed: by default in a private mount namespace whose /etc, /usr and /var are
# copy-on-write layers (overlayfs on tmpfs) over the machine's own. apt-get, dpkg, phpenmod and PHP run
# for real, but nothing outside the namespace ever sees the package, so other tests using this
# machine's PHP at the same time are not affected, and everything vanishes with the namespace.
# --system installs on the machine itself instead (also used when no namespace can be made): the
# window is kept short and a trap purges the package even when a check fails.
#
# Usage: bash tests/packaging/run.sh [--no-build] [--no-install] [--system]
#   --no-build    check the packages already in dist/ instead of building them
#   --no-install  skip the apt-get part
# Prints "packaging: N passed, M failed" last; exits 1 when anything failed.
source "$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/packaging/lib.sh"
set +e   # every check reports on its own
ensure_packages zip unzip dpkg-dev lintian apache2 libapache2-mod-php8.2 || exit 1   # a bare machine: the checks need them

SELF="$ROOT/tests/packaging/run.sh"
CHECKS_NAME=packaging
source "$ROOT/tests/packaging/checks.sh"

# =====================================================================================================
# The install checks. They run either inside the namespace (this script called with --inside) or on the
# machine itself; either way they print their own ok/FAIL lines and finish with "__counts__ P F".
# =====================================================================================================
APT=(env DEBIAN_FRONTEND=noninteractive apt-get -q -y -o Dpkg::Use-Pty=0 -o DPkg::Lock::Timeout=120)

package_state() { dpkg-query -W -f='${Status}' "$PACKAGE" 2>/dev/null; }

cli_loads() {
    local out
    out="$(php -d display_startup_errors=1 -r 'echo extension_loaded("systempay") ? phpversion("systempay") : "not loaded";' 2>&1)"
    [ "$out" = "$PKG_VERSION" ] || { echo "php printed: $out"; return 1; }
    php -m 2>/dev/null | grep -qx systempay || { echo "php -m does not list systempay"; return 1; }
}
cli_does_not_load() {
    local out
    out="$(php -d display_startup_errors=1 -m 2>&1)"
    ! printf '%s\n' "$out" | grep -qi systempay || { printf '%s\n' "$out" | grep -i systempay; return 1; }
}
# Apache's PHP as configured on disk: its php.ini and its conf.d (PHP_INI_SCAN_DIR, as mod_php reads it).
apache_ini_lists() {
    PHP_INI_SCAN_DIR="/etc/php/$PKG_PHP_MM/apache2/conf.d" php -d display_startup_errors=1 -c "/etc/php/$PKG_PHP_MM/apache2/php.ini" -m 2>&1 | grep -qx systempay
}
links_to_ini() {
    find /etc/php/"$PKG_PHP_MM" -path '*/conf.d/*' -lname "*systempay.ini" 2>/dev/null | LC_ALL=C sort
}

# A real Apache with mod_php, on a free port, for one request: prints what its PHP says about the extension.
MODPHP_PID=""
stop_modphp() { [ -z "$MODPHP_PID" ] || { kill "$MODPHP_PID" 2>/dev/null; wait "$MODPHP_PID" 2>/dev/null; MODPHP_PID=""; }; }
modphp_probe() {
    local dir="$1" port answer=""
    port="$(php -n -r '$s = stream_socket_server("tcp://127.0.0.1:0"); echo substr(strrchr(stream_socket_get_name($s, false), ":"), 1);')"
    mkdir -p "$dir/docroot" "$dir/run"
    printf '<?php echo extension_loaded("systempay") ? "loaded " . phpversion("systempay") : "not loaded";\n' > "$dir/docroot/probe.php"
    chmod -R a+rX "$dir"
    chmod a+x "$(dirname "$dir")"   # mktemp's 0700 would keep www-data out
    cat > "$dir/apache.conf" <<APC
ServerRoot "/etc/apache2"
ServerName 127.0.0.1
Listen 127.0.0.1:$port
PidFile $dir/run/apache.pid
DefaultRuntimeDir $dir/run
Mutex file:$dir/run default
User www-data
Group www-data
LoadModule mpm_prefork_module /usr/lib/apache2/modules/mod_mpm_prefork.so
LoadModule authz_core_module /usr/lib/apache2/modules/mod_authz_core.so
LoadModule mime_module /usr/lib/apache2/modules/mod_mime.so
LoadModule php_module /usr/lib/apache2/modules/libphp$PKG_PHP_MM.so
TypesConfig /etc/mime.types
ErrorLog $dir/run/error.log
DocumentRoot "$dir/docroot"
<Directory />
    AllowOverride None
</Directory>
<Directory "$dir/docroot">
    Require all granted
</Directory>
<FilesMatch "\.php$">
    SetHandler application/x-httpd-php
</FilesMatch>
APC
    apache2 -X -f "$dir/apache.conf" > "$dir/run/stdout.log" 2>&1 &
    MODPHP_PID=$!
    for _ in $(seq 1 50); do
        answer="$(curl -s --max-time 2 "http://127.0.0.1:$port/probe.php" 2>/dev/null)" && [ -n "$answer" ] && break
        kill -0 "$MODPHP_PID" 2>/dev/null || break
        sleep 0.1
    done
    stop_modphp
    printf '%s' "${answer:-no answer (see $dir/run/error.log)}"
    [ -n "$answer" ]
}
# Which SAPIs of this PHP are installed (after pkg_php_identity).
detect_sapis() {
    HAVE_MODPHP=0
    if [ -f "/usr/lib/apache2/modules/libphp$PKG_PHP_MM.so" ] && command -v apache2 >/dev/null 2>&1 \
        && [ -d "/etc/php/$PKG_PHP_MM/apache2/conf.d" ]; then HAVE_MODPHP=1; fi
    HAVE_FPM=0
    if command -v "php-fpm$PKG_PHP_MM" >/dev/null 2>&1; then HAVE_FPM=1; fi
}

install_suite() {
    local deb="$1" scratch="$2" isolated="$3" out
    local so="$PKG_EXT_DIR/systempay.so" ini="/etc/php/$PKG_PHP_MM/mods-available/systempay.ini"

    section "install: apt-get install ./$(basename "$deb")"
    if out="$("${APT[@]}" install "$deb" 2>&1)"; then ok "apt-get install succeeds"; else bad "apt-get install succeeds" "$out"; return; fi
    check "package state is 'install ok installed'" test "$(package_state)" = "install ok installed"
    check "systempay.so is in PHP's extension dir ($so)" test -f "$so"
    check "$ini is installed with '; priority=20' and 'extension=systempay.so'" \
        sh -c "grep -qx '; priority=20' '$ini' && grep -qx 'extension=systempay.so' '$ini'"
    check "dpkg --verify finds the files unchanged" dpkg --verify "$PACKAGE"
    local sapis=(cli)
    [ "$HAVE_MODPHP" = 1 ] && sapis+=(apache2)
    [ -d "/etc/php/$PKG_PHP_MM/fpm/conf.d" ] && sapis+=(fpm)
    for sapi in "${sapis[@]}"; do
        check "phpenmod linked it for the $sapi SAPI (20-systempay.ini -> mods-available)" \
            test "$(readlink "/etc/php/$PKG_PHP_MM/$sapi/conf.d/20-systempay.ini")" = "$ini"
    done
    check "CLI: php -m lists systempay, version $PKG_VERSION, no startup warning" cli_loads
    if [ "$HAVE_MODPHP" = 1 ]; then
        check "Apache's PHP (apache2/php.ini + apache2/conf.d) lists systempay" apache_ini_lists
        out="$(modphp_probe "$scratch/modphp1")"
        if [ "$out" = "loaded $PKG_VERSION" ]; then ok "a real Apache with mod_php loads it ($out)"; else bad "a real Apache with mod_php loads it" "$out"; fi
    else
        echo "  skip  Apache's PHP: libapache2-mod-php$PKG_PHP_MM is not installed"
    fi
    if [ "$HAVE_FPM" = 1 ]; then
        check "PHP-FPM: php-fpm$PKG_PHP_MM -m lists systempay" sh -c "php-fpm$PKG_PHP_MM -m 2>&1 | grep -qx systempay"
    else
        echo "  skip  PHP-FPM: php$PKG_PHP_MM-fpm is not installed"
    fi

    if [ "$isolated" = 1 ]; then
        # Only where nobody else can see it: an administrator's phpdismod survives an upgrade, and an
        # upgrade keeps the extension enabled everywhere else.
        section "upgrade (isolated only)"
        phpdismod -v "$PKG_PHP_MM" -s cli systempay >/dev/null 2>&1
        local up="$scratch/upgrade" updeb="$scratch/upgrade.deb"
        dpkg-deb -R "$deb" "$up" && sed -i "s/^Version: .*/Version: $PKG_VERSION+upgradetest/" "$up/DEBIAN/control" \
            && dpkg-deb --root-owner-group -b "$up" "$updeb" >/dev/null 2>&1
        if out="$("${APT[@]}" install "$updeb" 2>&1)"; then ok "apt-get install of a newer version (upgrade) succeeds"; else bad "apt-get install of a newer version (upgrade) succeeds" "$out"; fi
        check "the upgraded package is installed ($PKG_VERSION+upgradetest)" \
            test "$(dpkg-query -W -f='${Version} ${Status}' "$PACKAGE")" = "$PKG_VERSION+upgradetest install ok installed"
        check "the administrator's 'phpdismod -s cli' survives the upgrade" test ! -e "/etc/php/$PKG_PHP_MM/cli/conf.d/20-systempay.ini"
        if [ "$HAVE_MODPHP" = 1 ]; then
            check "the upgrade keeps it enabled for apache2" test -L "/etc/php/$PKG_PHP_MM/apache2/conf.d/20-systempay.ini"
        fi
        phpenmod -v "$PKG_PHP_MM" -s cli systempay >/dev/null 2>&1
    fi

    section "remove: apt-get remove $PACKAGE"
    if out="$("${APT[@]}" remove "$PACKAGE" 2>&1)"; then ok "apt-get remove succeeds"; else bad "apt-get remove succeeds" "$out"; fi
    check "package state is 'deinstall ok config-files'" test "$(package_state)" = "deinstall ok config-files"
    check "systempay.so is gone" test ! -e "$so"
    check "no conf.d link to systempay.ini is left" test -z "$(links_to_ini)"
    check "the conffile $ini stays until purge" test -f "$ini"
    check "CLI: php no longer loads it, and warns about nothing" cli_does_not_load
    if [ "$HAVE_MODPHP" = 1 ]; then
        out="$(modphp_probe "$scratch/modphp2")"
        if [ "$out" = "not loaded" ]; then ok "a real Apache with mod_php no longer loads it"; else bad "a real Apache with mod_php no longer loads it" "$out"; fi
    fi

    section "purge: apt-get purge $PACKAGE"
    if out="$("${APT[@]}" purge "$PACKAGE" 2>&1)"; then ok "apt-get purge succeeds"; else bad "apt-get purge succeeds" "$out"; fi
    check "dpkg no longer knows the package" sh -c "! dpkg-query -W -f='\${Status}' '$PACKAGE' 2>/dev/null | grep -q ."
    check "systempay.ini is gone" test ! -e "$ini"
    out="$(find /etc/php /usr/lib/php /var/lib/php/modules "/usr/share/doc/$PACKAGE" -name '*systempay*' 2>/dev/null; ls /var/lib/dpkg/info/"$PACKAGE".* 2>/dev/null)"
    if [ -z "$out" ]; then ok "nothing named systempay is left (/etc/php, /usr/lib/php, /var/lib/php/modules, doc, dpkg info)"; else bad "nothing named systempay is left" "$out"; fi
}

# The zip's guide by hand, without the .deb (isolated only: it writes to /etc/php and the extension dir):
# step 1's commands pasted as they stand in the unpacked zip, then those of "Removing", step 4.
by_hand_suite() {
    local unz="$1" scratch="$2" guide="$1/INSTALL.en.md" block out
    section "by hand, as the zip's INSTALL.en.md says (step 1: 1-3, then 'Removing': 4)"
    out="$(guide_block "$guide" 3 1)"
    if [ -n "$out" ] && (cd "$unz" && bash -e -c "$out") 2>&1 | grep -q 'systempay support => enabled'; then ok "step 1, code block 1 (the file tried in a bare PHP) says 'systempay support => enabled'"
    else bad "step 1, code block 1 (the file tried in a bare PHP) says 'systempay support => enabled'" "$out"; fi
    for block in 2 3; do
        out="$(guide_block "$guide" 3 "$block")"
        if [ -n "$out" ] && (cd "$unz" && bash -e -c "$out") >/dev/null 2>&1; then ok "step 1, code block $block runs as pasted"; else bad "step 1, code block $block runs as pasted" "$out"; fi
    done
    check "CLI: php -m lists systempay, version $PKG_VERSION, no startup warning" cli_loads
    if [ "$HAVE_MODPHP" = 1 ]; then
        out="$(modphp_probe "$scratch/modphp-byhand")"
        if [ "$out" = "loaded $PKG_VERSION" ]; then ok "a real Apache with mod_php loads it ($out)"; else bad "a real Apache with mod_php loads it" "$out"; fi
    fi
    out="$(guide_block "$guide" 12 2)"
    check "'Removing' step 4 gives phpdismod and removes the ini and the .so" sh -c "printf '%s' \"\$1\" | grep -q phpdismod && printf '%s' \"\$1\" | grep -q 'rm /etc/php/.*systempay.ini'" _ "$out"
    if (cd "$unz" && bash -e -c "$out") >/dev/null 2>&1; then ok "'Removing' step 4 runs as pasted"; else bad "'Removing' step 4 runs as pasted" "$out"; fi
    check "CLI: php no longer loads it, and warns about nothing" cli_does_not_load
    out="$(find /etc/php /usr/lib/php /var/lib/php/modules -name '*systempay*' 2>/dev/null)"
    if [ -z "$out" ]; then ok "nothing named systempay is left (/etc/php, /usr/lib/php, /var/lib/php/modules)"; else bad "nothing named systempay is left" "$out"; fi
}

# --inside DEB SCRATCH VERSION UNZIPPED: the namespace's side. Makes /etc, /usr and /var copy-on-write, then runs the suite.
if [ "${1:-}" = "--inside" ]; then
    deb="$2" scratch="$3"
    mount -t tmpfs -o mode=0755 systempay-packaging-test "$scratch" || { echo "cannot mount a tmpfs on $scratch"; exit 2; }
    for dir in etc usr var; do
        mkdir -p "$scratch/layers/$dir/upper" "$scratch/layers/$dir/work"
        mount -t overlay overlay -o "lowerdir=/$dir,upperdir=$scratch/layers/$dir/upper,workdir=$scratch/layers/$dir/work" "/$dir" \
            || { echo "cannot put an overlay on /$dir"; exit 2; }
    done
    pkg_php_identity
    detect_sapis
    PACKAGE="php${PKG_PHP_MM}-systempay"
    PKG_VERSION="$4"
    trap stop_modphp EXIT
    install_suite "$deb" "$scratch" 1
    by_hand_suite "$5" "$scratch"
    echo "__counts__ $PASSED $FAILED"
    exit 0
fi

# =====================================================================================================
# The outer run: build, check the files, then the install part.
# =====================================================================================================
BUILD=1 INSTALL=1 MODE=auto
for arg in "$@"; do
    case "$arg" in
        --no-build) BUILD=0 ;;
        --no-install) INSTALL=0 ;;
        --system) MODE=system ;;
        *) echo "usage: $0 [--no-build] [--no-install] [--system]" >&2; exit 2 ;;
    esac
done
STARTED=$SECONDS
TMP="$(mktemp -d /tmp/systempay-packaging.XXXXXX)"
SCRATCH=""
cleanup() { stop_modphp; rm -rf "$TMP"; [ -z "$SCRATCH" ] || rmdir "$SCRATCH" 2>/dev/null; }
trap cleanup EXIT
# Interrupted or killed: leave through exit, so that the EXIT trap (which purges in --system mode) runs.
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM

section "versions"
if out="$(pkg_version 2>&1)"; then
    pkg_version
    ok "Cargo.toml and SystempayConfig::MODULE_VERSION agree ($PKG_VERSION)"
else
    bad "Cargo.toml and SystempayConfig::MODULE_VERSION agree" "$out"
    summary
    exit 1
fi
pkg_php_identity
detect_sapis
PACKAGE="php${PKG_PHP_MM}-systempay"
ZIP="$DIST_DIR/Systempay_modified_eCommerce_Shopsoftware_${PKG_VERSION}.zip"
DEB="$DIST_DIR/${PACKAGE}_${PKG_VERSION}_$(pkg_deb_arch).deb"

if [ "$BUILD" = 1 ]; then
    section "build"
    for target in package deb; do
        if out="$(make -s -C "$ROOT" "$target" 2>&1)"; then ok "make $target"; else bad "make $target" "$(printf '%s\n' "$out" | tail -n 20)"; fi
    done
fi
check "the zip exists: dist/$(basename "$ZIP")" test -f "$ZIP"
check "the .deb exists: dist/$(basename "$DEB")" test -f "$DEB"
[ -f "$ZIP" ] && [ -f "$DEB" ] || { summary; exit 1; }

# ---------------------------------------------------------------------------------------------------
section "zip: layout"
UNZ="$TMP/zip"
check "the zip is intact (unzip -t)" unzip -tq "$ZIP"
unzip -q "$ZIP" -d "$UNZ"
top="$(cd "$UNZ" && ls -A | LC_ALL=C sort | tr '\n' ' ')"
check "top level: INSTALL.{de,en,fr}.md SHA256SUMS extension/ moduleinfo.json shopfiles/ (got: $top)" \
    test "$top" = "INSTALL.de.md INSTALL.en.md INSTALL.fr.md SHA256SUMS extension moduleinfo.json shopfiles "
check "moduleinfo.json: the MMLC's fields, this version, sourceDir shopfiles, category payment, modified 3.3.0" \
    php -n -r '$m = json_decode(file_get_contents($argv[1]), true); exit(is_array($m) && $m["version"] === $argv[2] && $m["sourceDir"] === "shopfiles"
        && $m["category"] === "payment" && in_array("3.3.0", $m["modifiedCompatibility"], true) && preg_match("~^[a-z0-9-]+/[a-z0-9-]+$~", $m["archiveName"])
        && $m["name"] !== "" && isset($m["php"]["version"]) ? 0 : 1);' "$UNZ/moduleinfo.json" "$PKG_VERSION"
shoptop="$(cd "$UNZ/shopfiles" && ls -A | LC_ALL=C sort | tr '\n' ' ')"
check "shopfiles/ holds the shop's layout: admin callback images includes lang (got: $shoptop)" \
    test "$shoptop" = "admin callback images includes lang "

# Every module file git knows is shipped, byte for byte; nothing else is.
missing="" differ="" expected=0
while IFS= read -r rel; do
    [ -f "$ROOT/$rel" ] || continue
    expected=$((expected + 1))
    case "$rel" in php-module/*) dest="${rel#php-module/}" ;; *) dest="$rel" ;; esac
    if [ ! -f "$UNZ/shopfiles/$dest" ]; then missing="$missing$dest"$'\n'
    elif ! cmp -s "$ROOT/$rel" "$UNZ/shopfiles/$dest"; then differ="$differ$dest"$'\n'; fi
done < <(git -C "$ROOT" ls-files -- php-module lang callback)
check "every module file of git ($expected) is in shopfiles/" test -z "$missing"
[ -z "$missing" ] || printf '%s' "$missing" | sed 's/^/        missing: /'
check "every shipped module file is identical to the source" test -z "$differ"
[ -z "$differ" ] || printf '%s' "$differ" | sed 's/^/        differs: /'
extra=""
while IFS= read -r f; do
    if [ ! -f "$ROOT/php-module/$f" ] && [ ! -f "$ROOT/$f" ]; then extra="$extra$f "; fi
done < <(cd "$UNZ/shopfiles" && find . -type f -printf '%P\n')
check "shopfiles/ holds nothing that is not a module file ${extra:+(extra: $extra)}" test -z "$extra"
junk="$(unzip -Z1 "$ZIP" | grep -E '(^|/)\.|~$|\.(swp|swo|orig|rej|bak|tmp|log|pyc|rs|toml|lock)$|(^|/)(target|tests?|node_modules|__pycache__|vendor)/|Thumbs\.db|\.DS_Store' || true)"
check "no build junk, dotfiles, sources or tests in the zip" test -z "$junk"
[ -z "$junk" ] || printf '%s\n' "$junk" | sed 's/^/        junk: /'
lint_errors="$(cd "$UNZ/shopfiles" && find . -name '*.php' -print0 | xargs -0 -n1 php -n -l 2>&1 | grep -v '^No syntax errors' || true)"
check "every PHP file of the module passes php -l" test -z "$lint_errors"

section "zip: extension/$PKG_BUILD_ID"
extdirs="$(cd "$UNZ/extension" && ls -A | tr '\n' ' ')"
check "one extension folder, named after this PHP: $PKG_BUILD_ID (got: $extdirs)" test "$extdirs" = "$PKG_BUILD_ID "
EXTDIR="$UNZ/extension/$PKG_BUILD_ID"
extfiles="$(cd "$EXTDIR" && ls -A | LC_ALL=C sort | tr '\n' ' ')"
check "it holds systempay.so, systempay.ini, systempay.stub.php, BUILD-INFO.txt, THIRD-PARTY-LICENSES.txt" \
    test "$extfiles" = "BUILD-INFO.txt THIRD-PARTY-LICENSES.txt systempay.ini systempay.so systempay.stub.php "
check "systempay.ini: a comment and the line 'extension=systempay.so'" \
    sh -c "grep -q '^;' '$EXTDIR/systempay.ini' && grep -qx 'extension=systempay.so' '$EXTDIR/systempay.ini'"
check "systempay.stub.php is the project's stub" cmp -s "$ROOT/systempay.stub.php" "$EXTDIR/systempay.stub.php"
check "the .so loads: php -n -d extension=$EXTDIR/systempay.so" \
    php -n -d "extension=$EXTDIR/systempay.so" -r 'exit(extension_loaded("systempay") ? 0 : 1);'
check "the .so says version $PKG_VERSION (php --ri systempay)" \
    sh -c "php -n -d 'extension=$EXTDIR/systempay.so' --ri systempay | grep -qx 'version => $PKG_VERSION'"
check "BUILD-INFO.txt names PHP $PKG_PHP_MM, API $PKG_PHP_API and the .so's checksum" \
    sh -c "grep -q 'PHP $PKG_PHP_MM' '$EXTDIR/BUILD-INFO.txt' && grep -q '$PKG_PHP_API' '$EXTDIR/BUILD-INFO.txt' && grep -q \"\$(sha256sum '$EXTDIR/systempay.so' | cut -d' ' -f1)\" '$EXTDIR/BUILD-INFO.txt'"
check "THIRD-PARTY-LICENSES.txt lists ext-php-rs with its license text" \
    sh -c "grep -q '^ext-php-rs v' '$EXTDIR/THIRD-PARTY-LICENSES.txt' && grep -q '==== ext-php-rs v.*LICENSE' '$EXTDIR/THIRD-PARTY-LICENSES.txt'"

section "zip: reproducible"
check "SHA256SUMS covers every file and matches" \
    sh -c "cd '$UNZ' && sha256sum -c --quiet --strict SHA256SUMS && test \$(wc -l < SHA256SUMS) -eq \$(find . -type f ! -name SHA256SUMS | wc -l)"
check "entries are in byte order" sh -c "unzip -Z1 '$ZIP' > '$TMP/order' && LC_ALL=C sort -c '$TMP/order'"
check "every entry has the same time and mode 0644" \
    sh -c "zipinfo -T -l '$ZIP' | awk 'NR > 2 && /^-/ { print \$1, \$8 }' | sort -u | wc -l | grep -qx 1 && zipinfo -l '$ZIP' | awk 'NR > 2 && /^-/ { print \$1 }' | sort -u | grep -qx -- '-rw-r--r--'"
if [ "$BUILD" = 1 ]; then
    first="$(sha256sum "$ZIP" | cut -d' ' -f1)"
    make -s -C "$ROOT" package >/dev/null 2>&1
    check "a second make package gives the same zip, byte for byte" test "$(sha256sum "$ZIP" | cut -d' ' -f1)" = "$first"
fi

# ---------------------------------------------------------------------------------------------------
section "guides"
SECTIONS="package requirements extension hosting module settings notification order-page test production update remove build checkout-process troubleshooting"
for lang in de en fr; do
    case "$lang" in de) langdir=german ;; en) langdir=english ;; fr) langdir=french ;; esac
    src="$PKG_DIR/guide/INSTALL.$lang.md" shipped="$UNZ/INSTALL.$lang.md"
    check "INSTALL.$lang.md exists in packaging/guide/ and in the zip" test -f "$src" -a -f "$shipped"
    [ -f "$shipped" ] || continue
    found="$(grep -o '^<!-- section: [a-z-]* -->$' "$src" | sed 's/<!-- section: \(.*\) -->/\1/' | tr '\n' ' ')"
    check "INSTALL.$lang.md has every section, in order ($SECTIONS)" test "$found" = "$SECTIONS "
    check "INSTALL.$lang.md: every section marker is followed by a '## ' heading" \
        sh -c "awk '/^<!-- section: / { getline; if (\$0 !~ /^## /) bad = 1 } END { exit bad }' '$src'"
    check "INSTALL.$lang.md in the zip has no unfilled @PLACEHOLDER@" sh -c "! grep -n '@[A-Z_]*@' '$shipped'"
    missing=""
    for needle in "$PKG_VERSION" "extension/$PKG_BUILD_ID" "callback/systempay/process.php" "extension=systempay.so" \
        "PHP_CONFIG" "checkout_process.php" "PHP-FPM" "mod_php" "phpenmod" "$PKG_PHP_API" "apt purge $PACKAGE" "phpdismod" "find . -type f -exec rm"; do
        grep -qF -- "$needle" "$shipped" || missing="$missing '$needle'"
    done
    while IFS= read -r f; do grep -qF -- "$f" "$shipped" || missing="$missing '$f'"; done < <(cd "$UNZ/shopfiles" && find . -type f -printf '%P\n')
    check "INSTALL.$lang.md names the version, folder, URLs, commands and every module file" test -z "$missing"
    [ -z "$missing" ] || echo "        missing:$missing"
    # Every setting (a _TITLE with a _DESC) and both check buttons, with the labels the admin shows in that language.
    labels="$(php -n -r '
        define("DIR_FS_CATALOG", $argv[1] . "/");
        include $argv[1] . "/lang/" . $argv[2] . "/modules/payment/systempay.php";
        $c = get_defined_constants(true)["user"];
        foreach ($c as $k => $v) {
            $base = substr($k, 0, -6);
            if ((substr($k, -6) === "_TITLE" && isset($c[$base . "_DESC"])) || in_array($k, ["MODULE_PAYMENT_SYSTEMPAY_CHECK_CREDENTIALS", "MODULE_PAYMENT_SYSTEMPAY_CHECK_NOTIFICATION_URL"], true)) {
                echo html_entity_decode($v, ENT_QUOTES | ENT_HTML5, "UTF-8"), "\n";
            }
        }' "$UNZ/shopfiles" "$langdir")"
    count="$(printf '%s\n' "$labels" | grep -c .)"
    missing=""
    while IFS= read -r label; do [ -z "$label" ] || grep -qF -- "$label" "$shipped" || missing="$missing '$label'"; done <<<"$labels"
    check "INSTALL.$lang.md describes all $count settings and buttons by their $langdir admin labels" test -n "$labels" -a -z "$missing"
    [ -z "$missing" ] || echo "        missing:$missing"
done

# ---------------------------------------------------------------------------------------------------
section "deb: control and contents"
field() { dpkg-deb -f "$DEB" "$1"; }
check "Package: $PACKAGE" test "$(field Package)" = "$PACKAGE"
check "Version: $PKG_VERSION" test "$(field Version)" = "$PKG_VERSION"
check "Architecture: $(pkg_deb_arch)" test "$(field Architecture)" = "$(pkg_deb_arch)"
check "Depends on exactly this PHP API: phpapi-$PKG_PHP_API (got: $(field Depends))" \
    sh -c "dpkg-deb -f '$DEB' Depends | tr ',' '\n' | sed 's/^ *//' | grep -qx 'phpapi-$PKG_PHP_API'"
check "Section php, Priority optional, a Maintainer and a Description" \
    sh -c "test '$(field Section)' = php && test '$(field Priority)' = optional && test -n '$(field Maintainer)' && test -n \"\$(dpkg-deb -f '$DEB' Description)\""
contents="$(dpkg-deb -c "$DEB" | awk '{ print $6 }')"
check "the .so is in PHP's extension dir ($PKG_EXT_DIR/systempay.so)" sh -c "printf '%s\n' '$contents' | grep -qx '.$PKG_EXT_DIR/systempay.so'"
check "the ini is /etc/php/$PKG_PHP_MM/mods-available/systempay.ini, a conffile" \
    sh -c "printf '%s\n' '$contents' | grep -qx './etc/php/$PKG_PHP_MM/mods-available/systempay.ini' && dpkg-deb --ctrl-tarfile '$DEB' | tar -xO ./conffiles | grep -qx '/etc/php/$PKG_PHP_MM/mods-available/systempay.ini'"
DEBX="$TMP/deb"
dpkg-deb -x "$DEB" "$DEBX"
check "the ini has '; priority=20' and 'extension=systempay.so'" \
    sh -c "grep -qx '; priority=20' '$DEBX/etc/php/$PKG_PHP_MM/mods-available/systempay.ini' && grep -qx 'extension=systempay.so' '$DEBX/etc/php/$PKG_PHP_MM/mods-available/systempay.ini'"
check "the packaged .so loads in this PHP and says $PKG_VERSION" \
    sh -c "php -n -d 'extension=$DEBX$PKG_EXT_DIR/systempay.so' -r 'echo phpversion(\"systempay\");' | grep -qx '$PKG_VERSION'"
check "postinst enables it for every SAPI, prerm/postrm disable it" \
    sh -c "dpkg-deb --ctrl-tarfile '$DEB' | tar -xO ./postinst | grep -q 'enmod $PKG_PHP_MM ALL systempay' && dpkg-deb --ctrl-tarfile '$DEB' | tar -xO ./prerm | grep -q 'dismod' && dpkg-deb --ctrl-tarfile '$DEB' | tar -xO ./postrm | grep -q 'dismod'"
if command -v lintian >/dev/null 2>&1; then
    lint="$(lintian --tag-display-limit 0 "$DEB" 2>&1 | grep -v 'running with root privileges')"
    check "lintian reports no error" sh -c "! printf '%s\n' \"\$1\" | grep -q '^E:'" _ "$lint"
    check "lintian reports no warning" sh -c "! printf '%s\n' \"\$1\" | grep -q '^W:'" _ "$lint"
    [ -z "$lint" ] || printf '%s\n' "$lint" | sed 's/^/        /'
else
    echo "  skip  lintian is not installed (apt-get install lintian)"
fi

# ---------------------------------------------------------------------------------------------------
if [ "$INSTALL" = 1 ] && [ "$(id -u)" != 0 ]; then
    bad "the install part runs as root (apt-get, dpkg; or pass --no-install)"
elif [ "$INSTALL" = 1 ]; then
    if [ "$MODE" = auto ]; then
        MODE=system
        probe="$(mktemp -d /tmp/systempay-nsprobe.XXXXXX)"
        if unshare -m --propagation private sh -c "mount -t tmpfs t '$probe' && mkdir '$probe/u' '$probe/w' && mount -t overlay o -o 'lowerdir=/etc,upperdir=$probe/u,workdir=$probe/w' /etc" >/dev/null 2>&1; then
            MODE=isolated
        fi
        rmdir "$probe" 2>/dev/null
    fi
    if [ "$MODE" = isolated ]; then
        section "install, upgrade, remove, purge: isolated (private mount namespace, copy-on-write /etc /usr /var)"
        SCRATCH="$(mktemp -d /tmp/systempay-packaging-ns.XXXXXX)"
        tmp_mode="$(stat -c %a /tmp)"   # /tmp is the one folder the namespace shares with the machine
        inner="$(unshare -m --propagation private bash "$SELF" --inside "$DEB" "$SCRATCH" "$PKG_VERSION" "$UNZ" 2>&1)"
        if [ "$(stat -c %a /tmp)" != "$tmp_mode" ]; then
            echo "  note  something run by apt-get/dpkg inside the namespace changed /tmp to $(stat -c %a /tmp); put back to $tmp_mode"
            chmod "$tmp_mode" /tmp
        fi
        printf '%s\n' "$inner" | grep -v '^__counts__'
        counts="$(printf '%s\n' "$inner" | sed -n 's/^__counts__ //p')"
        if [ -n "$counts" ]; then
            PASSED=$((PASSED + ${counts% *})); FAILED=$((FAILED + ${counts#* }))
        else
            bad "the isolated install ran to its end"
        fi
        check "nothing of the package reached the machine itself" \
            sh -c "! dpkg-query -W '$PACKAGE' >/dev/null 2>&1 && test ! -e '$PKG_EXT_DIR/systempay.so' && test ! -e /etc/php/$PKG_PHP_MM/mods-available/systempay.ini"
    else
        section "install, remove, purge: on this machine (--system)"
        if dpkg-query -W "$PACKAGE" >/dev/null 2>&1 || [ -e /etc/php/"$PKG_PHP_MM"/mods-available/systempay.ini ] || [ -n "$(links_to_ini)" ]; then
            bad "the machine has no systempay package or ini already (not touching someone else's install)" \
                "$(dpkg-query -W "$PACKAGE" 2>&1; ls -l /etc/php/"$PKG_PHP_MM"/mods-available/systempay.ini 2>&1; links_to_ini)"
        else
            # Whatever happens, the machine's PHP gets its configuration back.
            purge_on_exit() {
                stop_modphp
                if dpkg-query -W "$PACKAGE" >/dev/null 2>&1; then "${APT[@]}" purge "$PACKAGE" >/dev/null 2>&1 || dpkg --purge "$PACKAGE" >/dev/null 2>&1; fi
                cleanup
            }
            trap purge_on_exit EXIT
            window=$SECONDS
            install_suite "$DEB" "$TMP" 0
            echo "  (the package was installed for $((SECONDS - window)) s)"
        fi
    fi
fi

# ---------------------------------------------------------------------------------------------------
# Another PHP loading the extension: a build that believes it is for PHP 8.99 (its php-config says so;
# the headers are this PHP's, so the engine still accepts it) is loaded by this PHP and must say, in
# words, which PHP it was built for and which one loads it. Its own target dir: the normal build stays.
if [ "$BUILD" = 1 ]; then
    section "abi: a binary built for another PHP says so in words"
    fake="$TMP/php-config-8.99"
    printf '#!/bin/sh\nif [ "$1" = "--version" ]; then echo 8.99.1; else exec %s "$@"; fi\n' "$PKG_PHP_CONFIG" > "$fake"
    chmod +x "$fake"
    abi_target="$ROOT/target/abi-check"
    if out="$(cd "$ROOT" && PHP_CONFIG="$fake" CARGO_TARGET_DIR="$abi_target" cargo build --release --locked --features php --quiet 2>&1)"; then
        said="$(php -n -d "extension=$abi_target/release/libsystempay.so" -r 'echo extension_loaded("systempay") ? "loaded" : "not loaded";' 2>&1 >/dev/null)"
        check "it names the PHP it was built for and the one loading it, and what to install" sh -c '
            printf "%s" "$1" | grep -q "built for PHP 8.99 (non-thread-safe (NTS), module API $2), but PHP $3 (non-thread-safe (NTS)) is loading it" &&
            printf "%s" "$1" | grep -q "extension/php-$4-nts-<arch>/" && printf "%s" "$1" | grep -q "PHP_CONFIG=/usr/bin/php-config$4"' _ "$said" "$PKG_PHP_API" "$PKG_PHP_VERSION" "$PKG_PHP_MM"
        [ -n "$said" ] && echo "        said: $said"
        check "the matching build says nothing" sh -c "test -z \"\$(php -n -d 'extension=$EXTDIR/systempay.so' -r '' 2>&1)\""
    else
        bad "the build for the fake PHP 8.99" "$out"
    fi
fi

echo "($((SECONDS - STARTED)) s)"
summary
