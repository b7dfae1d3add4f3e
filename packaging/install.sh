#!/usr/bin/env bash
# make install / make uninstall: Systempay into one modified eCommerce shop and into the PHP that runs it,
# with a record of what was put where, so that uninstall removes exactly that.
#
#   bash packaging/install.sh install   /path/to/shop     (make install SHOP=/path/to/shop)
#   bash packaging/install.sh uninstall /path/to/shop     (make uninstall SHOP=/path/to/shop)
#
# install
#   - the shop files, as scripts/install-module.sh copies them (php-module/* -> shop root, lang/ -> lang/,
#     callback/ -> callback/): every path the module ships must be new or a Systempay file; each file is
#     written under a temporary name and renamed into place. A renamed admin folder is found the way
#     modified finds it (the shop folder holding check_update.php), or ADMIN_DIR=name.
#   - the extension for the target PHP: PHP_CONFIG / PHP (as in packaging/lib.sh; default the machine's
#     php-config), built for it with cargo, or SO=/path/to/systempay.so (e.g. the zip's
#     extension/php-8.2-nts-x86_64/systempay.so). Installed into that PHP's extension_dir atomically
#     (temporary file in the same folder, then rename: a running mod_php / PHP-FPM keeps the old one).
#   - Debian's layout (/etc/php/<v>/mods-available, phpenmod): systempay.ini written and enabled for every
#     SAPI (as the .deb does: a SAPI the administrator disabled with phpdismod stays disabled); otherwise
#     the exact line to add to which php.ini is printed.
#   - checks `php -m` (CLI, Apache's mod_php configuration, php-fpm<v> -m) and says what to restart;
#     RELOAD=1 reloads a running Apache / PHP-FPM itself.
#   - refuses before changing anything: a shop file in the way that is not Systempay's, an extension
#     built for another PHP (version, PHP API, NTS/ZTS, debug, processor), another module version, a
#     Debian package owning the extension, another php.ini line already loading it.
# uninstall
#   - removes the files and folders the record lists (a file changed since install is kept and named),
#     disables and removes the ini and the .so it installed (kept while another shop's record uses them),
#     never touches the shop's database.
#
# The record: /var/lib/systempay/<sha256 of the shop's real path>.manifest (SYSTEMPAY_STATE_DIR moves the
# folder). Outside the shop on purpose: the shop is the web server's document root and usually writable
# by the web server's user, and root's uninstall deletes what the record lists; the extension and the ini
# are the server's, not the shop's (a shop copied to another server must not take them along, and two
# shops on one PHP share them); a merchant's FTP sync or backup restore of the shop does not overwrite it.
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib.sh"

VERB="${1:-}"
STATE_DIR="${SYSTEMPAY_STATE_DIR:-/var/lib/systempay}"
PHP_ETC=/etc/php
die() { printf 'systempay %s: %s\n' "${VERB:-install}" "$*" >&2; exit 1; }
say() { printf '%s\n' "$*"; }
usage() {
    echo "usage: bash packaging/install.sh install|uninstall /path/to/shop   (the folder holding includes/application_top.php)" >&2
    echo "       make install SHOP=/path/to/shop [PHP_CONFIG=/usr/bin/php-config8.2] [PHP=/usr/bin/php8.2] [SO=…/systempay.so] [RELOAD=1]" >&2
    echo "       make uninstall SHOP=/path/to/shop" >&2
    exit 2
}
case "$VERB" in install | uninstall) ;; *) usage ;; esac
SHOP_ARG="${2:-${SHOP:-}}"
[ -n "$SHOP_ARG" ] || usage
[ -f "$SHOP_ARG/includes/application_top.php" ] || {
    echo "systempay $VERB: $SHOP_ARG is not a modified eCommerce shop (no includes/application_top.php)" >&2
    usage
}
SHOP="$(realpath -e -- "$SHOP_ARG")"
case "$SHOP" in *$'\n'* | *$'\t'*) die "the shop's path contains a tab or a line break: not supported" ;; esac
KEY="$(printf '%s' "$SHOP" | sha256sum | cut -d' ' -f1)"
MANIFEST="$STATE_DIR/$KEY.manifest"

# One install or uninstall at a time on this machine (two shops share the extension and the records).
LOCK=/run/lock/systempay-install.lock
if command -v flock >/dev/null 2>&1 && { exec 9>>"$LOCK"; } 2>/dev/null; then
    flock -w 120 9 || die "another make install / make uninstall is still running (lock $LOCK)"
fi

# Files left half-written when something fails midway go away.
TMP_FILES=()
cleanup_tmp() { local f; for f in "${TMP_FILES[@]+"${TMP_FILES[@]}"}"; do rm -f -- "$f"; done; }
trap cleanup_tmp EXIT

sha() { sha256sum -- "$1" | cut -d' ' -f1; }
ts_words() { if [ "$1" = zts ]; then echo "thread-safe (ZTS)"; else echo "non-thread-safe (NTS)"; fi; }
debug_words() { if [ "$1" = 1 ]; then echo ", debug build"; fi; }
# The PHP version of a PHP API number (ZEND_MODULE_API_NO).
api_php_version() {
    case "$1" in
        20200930) echo 8.0 ;; 20210902) echo 8.1 ;; 20220829) echo 8.2 ;; 20230831) echo 8.3 ;;
        20240924) echo 8.4 ;; 20250925) echo 8.5 ;; *) echo "" ;;
    esac
}
# A path of the record that is relative, inside the shop, without "..".
safe_rel() {
    case "/$1/" in //* | */../* | */./* | *$'\n'*) return 1 ;; esac
    [ -n "$1" ]
}

# ---- the install record
# Lines, tab-separated:  format 1 | shop PATH | version V | date D | state pending|done |
#   php MM API nts|zts BINARY | dir REL | file SHA256 REL | so SHA256 PATH | ini SHA256 PATH | enmod MM |
#   inihint PHP.INI (the php.ini the administrator was told to add the line to)
read_manifest() {
    M_SHOP="" M_VERSION="" M_MM="" M_API="" M_BIN="" M_SO="" M_SO_SHA="" M_INI="" M_INI_SHA=""
    M_ENMOD="" M_INIHINT="" M_FORMAT=""
    M_DIRS=()
    M_FILES=()
    declare -gA M_FILE_SHA=()
    local kind a b c d
    while IFS=$'\t' read -r kind a b c d || [ -n "$kind" ]; do
        case "$kind" in
            '' | '#'*) ;;
            format) M_FORMAT="$a" ;;
            shop) M_SHOP="$a" ;;
            version) M_VERSION="$a" ;;
            date | state) ;;
            php) M_MM="$a" M_API="$b" M_BIN="$d" ;;   # $c: nts|zts, for the reader
            dir) safe_rel "$a" || die "$1: bad folder entry '$a'"; M_DIRS+=("$a") ;;
            file)
                safe_rel "$b" || die "$1: bad file entry '$b'"
                [[ "$a" =~ ^[0-9a-f]{64}$ ]] || die "$1: bad checksum for $b"
                M_FILES+=("$b"); M_FILE_SHA["$b"]="$a" ;;
            so) case "$b" in /*/systempay.so) M_SO_SHA="$a" M_SO="$b" ;; *) die "$1: bad extension entry '$b'" ;; esac ;;
            ini) case "$b" in /*/mods-available/systempay.ini) M_INI_SHA="$a" M_INI="$b" ;; *) die "$1: bad ini entry '$b'" ;; esac ;;
            enmod) M_ENMOD="$a" ;;
            inihint) M_INIHINT="$a" ;;
            *) die "$1: unknown entry '$kind'" ;;
        esac
    done < "$1"
    [ "$M_FORMAT" = 1 ] || die "$1 is not an install record of this installer (format '$M_FORMAT')"
    [ "$M_SHOP" = "$SHOP" ] || die "$1 is the record of $M_SHOP, not of $SHOP"
}

# The records of the other shops that use the extension at $1 (one path per line).
record_uses_so() { awk -F'\t' -v so="$2" '$1 == "so" && $3 == so { found = 1 } END { exit !found }' "$1"; }
other_records_using() {
    local f
    for f in "$STATE_DIR"/*.manifest; do
        [ -f "$f" ] && [ "$f" != "$MANIFEST" ] || continue
        if record_uses_so "$f" "$1"; then printf '%s\n' "$f"; fi
    done
}
record_shop() { sed -n 's/^shop	//p' "$1" | head -n 1; }

# =====================================================================================================
# uninstall
# =====================================================================================================
if [ "$VERB" = uninstall ]; then
    if [ ! -f "$MANIFEST" ]; then
        others=""
        for f in "$STATE_DIR"/*.manifest; do [ -f "$f" ] && others="$others"$'\n'"  $(record_shop "$f")"; done
        die "no install record for $SHOP ($MANIFEST): \`make install\` did not install it here, so there is nothing this can remove safely.
Files copied with scripts/install-module.sh or by hand are removed by hand (INSTALL guide, \"Removing\").${others:+
Records exist for:$others}"
    fi
    read_manifest "$MANIFEST"
    if [ -n "${PHP_CONFIG:-}" ]; then
        [ -x "$PHP_CONFIG" ] || die "PHP_CONFIG=$PHP_CONFIG is not an executable php-config"
        api="$("$PHP_CONFIG" --phpapi)"
        mm="$("$PHP_CONFIG" --version | cut -d. -f1,2)"
        if [ "$api" != "$M_API" ] || [ "$mm" != "$M_MM" ]; then
            die "refused, nothing was changed: the record says the extension was installed for PHP $M_MM (PHP API $M_API, $M_BIN),
but PHP_CONFIG=$PHP_CONFIG is PHP $mm (PHP API $api). Leave PHP_CONFIG out: the record knows where everything is."
        fi
    fi
    say "Removing Systempay $M_VERSION from the shop $SHOP (record $MANIFEST)"
    rc=0
    removed=0 gone=0
    kept=()
    for rel in "${M_FILES[@]+"${M_FILES[@]}"}"; do
        path="$SHOP/$rel"
        if [ -L "$path" ] || { [ -e "$path" ] && [ ! -f "$path" ]; }; then
            kept+=("$rel (no longer a plain file)")
        elif [ ! -e "$path" ]; then
            gone=$((gone + 1))
        elif [ "$(sha "$path")" = "${M_FILE_SHA[$rel]}" ]; then
            rm -f -- "$path"
            removed=$((removed + 1))
        else
            kept+=("$rel")
        fi
    done
    dirs_removed=0
    dirs_kept=()
    while IFS= read -r rel; do
        [ -n "$rel" ] || continue
        path="$SHOP/$rel"
        [ -d "$path" ] && [ ! -L "$path" ] || continue
        if rmdir -- "$path" 2>/dev/null; then dirs_removed=$((dirs_removed + 1)); else dirs_kept+=("$rel/"); fi
    done < <(printf '%s\n' "${M_DIRS[@]+"${M_DIRS[@]}"}" | LC_ALL=C sort -r)
    say "shop files"
    msg="  removed $removed file(s) and $dirs_removed folder(s) the install created"
    [ "$gone" = 0 ] || msg="$msg; $gone file(s) were already gone"
    say "$msg"
    if [ "${#kept[@]}" -gt 0 ]; then
        say "  KEPT, changed since they were installed (yours to keep or delete):"
        printf '    %s\n' "${kept[@]/#/$SHOP/}"
    fi
    if [ "${#dirs_kept[@]}" -gt 0 ]; then
        say "  kept folders, not empty (they hold files that are not the install's):"
        printf '    %s\n' "${dirs_kept[@]/#/$SHOP/}"
    fi
    [ ! -d "$STATE_DIR/$KEY.saved" ] || say "  copies of files changed before an upgrade replaced them stay in $STATE_DIR/$KEY.saved/"

    say "extension"
    if [ -n "$M_SO" ]; then
        users="$(other_records_using "$M_SO")"
        if [ -n "$users" ]; then
            say "  $M_SO and its ini stay: the shop(s) $(while IFS= read -r f; do printf '%s ' "$(record_shop "$f")"; done <<<"$users")still use them"
        else
            if [ -n "$M_ENMOD" ] && command -v phpdismod >/dev/null 2>&1; then
                # Disabled first: no PHP that starts meanwhile reads an ini loading a missing .so.
                phpdismod -p -v "$M_ENMOD" systempay >/dev/null 2>&1 || true
                rm -f "/var/lib/php/modules/$M_ENMOD"/*/enabled_by_admin/systempay \
                    "/var/lib/php/modules/$M_ENMOD"/*/enabled_by_maint/systempay \
                    "/var/lib/php/modules/$M_ENMOD"/*/disabled_by_admin/systempay \
                    "/var/lib/php/modules/$M_ENMOD"/*/disabled_by_maint/systempay \
                    "/var/lib/php/modules/$M_ENMOD/registry/systempay"
                for link in "$PHP_ETC/$M_ENMOD"/*/conf.d/*systempay.ini; do
                    if [ -L "$link" ] && [ "$(readlink "$link")" = "$M_INI" ]; then rm -f -- "$link"; fi
                done
                say "  phpdismod: disabled for every SAPI of PHP $M_ENMOD"
            fi
            if [ -n "$M_INI" ]; then
                if [ ! -e "$M_INI" ]; then say "  $M_INI: already gone"
                elif [ "$(sha "$M_INI")" = "$M_INI_SHA" ]; then rm -f -- "$M_INI"; say "  $M_INI: removed"
                else say "  KEPT $M_INI: changed since it was installed (no longer enabled anywhere)"; fi
            fi
            if [ ! -e "$M_SO" ]; then say "  $M_SO: already gone"
            elif [ "$(sha "$M_SO")" = "$M_SO_SHA" ]; then
                rm -f -- "$M_SO"   # running PHPs keep their mapping of it until they restart
                say "  $M_SO: removed"
            else say "  KEPT $M_SO: it is not the file the install put there (replaced since)"; fi
            if [ -n "$M_INIHINT" ]; then
                say "  NOTE: remove the line 'extension=systempay.so' you added to $M_INIHINT (and the web server's php.ini),"
                say "        or every PHP start warns that it cannot load systempay.so"
            fi
            # The PHPs no longer load it, and warn about nothing.
            if [ -x "$M_BIN" ]; then
                out="$("$M_BIN" -d display_startup_errors=1 -m 2>&1)" || true
                if grep -qi systempay <<<"$out"; then
                    if [ -n "$M_INIHINT" ]; then say "  $M_BIN still has the line (remove it as said above):"
                    else say "  CHECK FAILED: $M_BIN -m still mentions systempay:"; rc=1; fi
                    printf '%s\n' "$out" | grep -i systempay | sed 's/^/    /' 
                else say "  CLI ($M_BIN -m): systempay no longer loaded"; fi
                if [ -f "$PHP_ETC/$M_MM/apache2/php.ini" ] && [ -n "$M_ENMOD" ]; then
                    out="$(PHP_INI_SCAN_DIR="$PHP_ETC/$M_MM/apache2/conf.d" "$M_BIN" -d display_startup_errors=1 -c "$PHP_ETC/$M_MM/apache2/php.ini" -m 2>&1)" || true
                    if grep -qi systempay <<<"$out"; then say "  CHECK FAILED: Apache's PHP configuration still loads systempay"; rc=1
                    else say "  Apache mod_php ($PHP_ETC/$M_MM/apache2): systempay no longer loaded"; fi
                fi
            fi
            [ -f /run/apache2/apache2.pid ] && kill -0 "$(cat /run/apache2/apache2.pid)" 2>/dev/null \
                && say "  restart Apache (systemctl restart apache2, or service apache2 restart) so that mod_php lets go of it"
            [ -f "/run/php/php$M_MM-fpm.pid" ] && kill -0 "$(cat "/run/php/php$M_MM-fpm.pid")" 2>/dev/null \
                && say "  restart PHP-FPM (systemctl restart php$M_MM-fpm, or service php$M_MM-fpm restart)"
        fi
    else
        say "  the record names no extension: nothing to do"
    fi
    rm -f -- "$MANIFEST"
    rmdir -- "$STATE_DIR" 2>/dev/null || true
    say "database: untouched. The module's tables (systempay_…) and its settings are the shop's payment history;"
    say "  uninstall the module in the admin first (Modules > Payment Methods > Systempay > Uninstall) and drop the"
    say "  tables by hand only if you no longer need them (INSTALL guide, \"Removing\")."
    exit "$rc"
fi

# =====================================================================================================
# install: everything is checked first; nothing changes before the last refusal is ruled out
# =====================================================================================================
REFUSALS=()
refuse() { REFUSALS+=("$*"); }
stop_if_refused() {
    [ "${#REFUSALS[@]}" -gt 0 ] || return 0
    {
        echo "systempay install: refused, nothing was changed:"
        local r
        for r in "${REFUSALS[@]}"; do printf '%s\n' "$r" | sed '1s/^/  - /; 2,$s/^/    /'; done
    } >&2
    exit 1
}
IS_ROOT=0
[ "$(id -u)" != 0 ] || IS_ROOT=1

MODULE_VERSION="$(pkg_module_version)"
[ -n "$MODULE_VERSION" ] || die "no MODULE_VERSION in php-module/includes/external/systempay/SystempayConfig.php"

OLD=0
if [ -f "$MANIFEST" ]; then
    read_manifest "$MANIFEST"
    OLD=1
else
    M_FILES=() M_DIRS=() M_SO="" M_INI="" M_ENMOD="" M_VERSION=""
    declare -A M_FILE_SHA=()
fi

# ---- the admin folder: modified takes the shop folder that holds check_update.php
if [ -n "${ADMIN_DIR:-}" ]; then
    ADMIN="${ADMIN_DIR%/}"
    [ -d "$SHOP/$ADMIN" ] || die "ADMIN_DIR=$ADMIN_DIR: no such folder in $SHOP"
elif [ -f "$SHOP/admin/check_update.php" ]; then
    ADMIN="admin"
else
    found=()
    for d in "$SHOP"/*/; do [ -f "$d/check_update.php" ] && found+=("$(basename "$d")"); done
    if [ "${#found[@]}" -eq 1 ]; then ADMIN="${found[0]}"
    elif [ "${#found[@]}" -gt 1 ]; then die "several admin folders (${found[*]}): say which one with ADMIN_DIR=name"
    elif [ -d "$SHOP/admin" ]; then ADMIN="admin"
    else die "no admin folder in $SHOP (neither admin/ nor a folder holding check_update.php): say which one with ADMIN_DIR=name"; fi
fi
safe_rel "$ADMIN" && [[ "$ADMIN" != */* ]] || die "ADMIN_DIR must be a folder directly in the shop"

# ---- the shop files: git's files (tracked, or new and not ignored) as the zip ships them
PLAN=()
declare -A PLAN_SRC=() PLAN_SHA=() NEW_DIR=() OURS_CHANGED=()
while IFS= read -r src; do
    [ -f "$ROOT/$src" ] && ! is_junk "$src" || continue
    case "$src" in
        php-module/admin/*) rel="$ADMIN/${src#php-module/admin/}" ;;
        php-module/*) rel="${src#php-module/}" ;;
        *) rel="$src" ;;
    esac
    case "$rel" in *$'\t'* | *$'\n'*) die "a module file name holds a tab or a line break: $src" ;; esac
    [ -z "${PLAN_SRC[$rel]+x}" ] || die "two module files map to $rel"
    PLAN+=("$rel")
    PLAN_SRC["$rel"]="$src"
    PLAN_SHA["$rel"]="$(sha "$ROOT/$src")"
    target="$SHOP/$rel"
    # Every folder on the way is a folder (or is created); every file is new or Systempay's.
    d="$(dirname "$rel")"
    while [ "$d" != . ]; do
        if [ -L "$SHOP/$d" ] || [ -e "$SHOP/$d" ]; then
            [ -d "$SHOP/$d" ] || refuse "$SHOP/$d is a file where the module needs a folder"
            break
        fi
        NEW_DIR["$d"]=1
        d="$(dirname "$d")"
    done
    if [ "$IS_ROOT" = 0 ] && [ -d "$SHOP/$d" ] && [ ! -w "$SHOP/$d" ]; then refuse "cannot write into $SHOP/$d (run as root or as the shop's owner)"; fi
    if [ -L "$target" ]; then
        refuse "refusing to replace $target: it is a symbolic link (a developer's checkout?); remove it first"
    elif [ -e "$target" ] && [ ! -f "$target" ]; then
        refuse "refusing to overwrite $target: it is not a plain file"
    elif [ -f "$target" ]; then
        if [ -n "${M_FILE_SHA[$rel]+x}" ]; then
            [ "$(sha "$target")" = "${M_FILE_SHA[$rel]}" ] || OURS_CHANGED["$rel"]=1
        elif ! grep -qi "systempay" "$target" 2>/dev/null; then
            refuse "refusing to overwrite $target: it is not a Systempay file"
        elif [ "$(sha "$target")" != "${PLAN_SHA[$rel]}" ]; then
            OURS_CHANGED["$rel"]=1   # an earlier copy (scripts/install-module.sh, by hand): saved before replacing
        fi
    fi
done < <(list_module_files)
[ "${#PLAN[@]}" -gt 0 ] || die "no module files found under $ROOT/php-module, lang, callback"
SHOP_OWNER="$(stat -c %u:%g "$SHOP/includes/application_top.php")"

# ---- the target PHP: php-config (PHP_CONFIG) and its binary (PHP)
T_CONFIG="${PHP_CONFIG:-}"
T_BIN="${PHP:-}"
if [ -z "$T_CONFIG" ]; then
    if [ -n "$T_BIN" ]; then
        mm="$("$T_BIN" -n -r 'echo PHP_MAJOR_VERSION, ".", PHP_MINOR_VERSION;' 2>/dev/null)" || die "PHP=$T_BIN does not run"
        T_CONFIG="$(command -v "php-config$mm" || true)"
    else
        T_CONFIG="$(command -v php-config || true)"
    fi
fi
if [ -n "$T_CONFIG" ]; then
    [ -x "$T_CONFIG" ] || die "PHP_CONFIG=$T_CONFIG is not an executable php-config"
    [ -n "$T_BIN" ] || T_BIN="$("$T_CONFIG" --php-binary)"
else
    T_BIN="${T_BIN:-$(command -v php || true)}"
fi
[ -n "$T_BIN" ] && [ -x "$T_BIN" ] || die "no PHP found: give PHP=/path/to/php (and PHP_CONFIG=/path/to/php-config to build for it)"
facts="$("$T_BIN" -n -r 'echo PHP_VERSION, " ", PHP_ZTS ? "zts" : "nts", " ", PHP_DEBUG ? 1 : 0, " ", PHP_OS_FAMILY;' 2>&1)" \
    || die "$T_BIN does not run: $facts"
read -r B_VERSION B_TS B_DEBUG B_OS <<<"$facts"
[ "$B_OS" = Linux ] || die "only Linux is supported (this PHP runs on $B_OS)"
B_MM="$(printf '%s' "$B_VERSION" | cut -d. -f1,2)"
B_API="$("$T_BIN" -n -i 2>/dev/null | sed -n 's/^PHP Extension => //p' | head -n 1)"
PKG_PHP_BIN="$T_BIN"
B_ARCH="$(pkg_elf_arch "$(readlink -f "$T_BIN")")" || die "cannot read the architecture of $T_BIN"
if [ -n "$T_CONFIG" ]; then
    T_VERSION="$("$T_CONFIG" --version)"
    T_API="$("$T_CONFIG" --phpapi)"
    inc="$("$T_CONFIG" --include-dir 2>/dev/null || true)"
    if [ -f "$inc/main/php_config.h" ]; then
        if grep -Eq '^#define ZTS 1' "$inc/main/php_config.h"; then T_TS=zts; else T_TS=nts; fi
        if grep -Eq '^#define ZEND_DEBUG 1' "$inc/main/php_config.h"; then T_DEBUG=1; else T_DEBUG=0; fi
    else
        if "$T_CONFIG" --configure-options | grep -Eq -- '--enable-(maintainer-)?zts'; then T_TS=zts; else T_TS=nts; fi
        if "$T_CONFIG" --configure-options | grep -Eq -- '--enable-debug'; then T_DEBUG=1; else T_DEBUG=0; fi
    fi
    T_SOURCE="php-config $T_CONFIG"
else
    T_VERSION="$B_VERSION" T_API="$B_API" T_TS="$B_TS" T_DEBUG="$B_DEBUG"
    T_SOURCE="$T_BIN (no php-config)"
fi
T_MM="$(printf '%s' "$T_VERSION" | cut -d. -f1,2)"
T_ARCH="$B_ARCH"
T_WORDS="PHP $T_VERSION, PHP API $T_API, $(ts_words "$T_TS")$(debug_words "$T_DEBUG"), $T_ARCH"
if [ -n "$T_CONFIG" ] && { [ "$B_MM" != "$T_MM" ] || [ "$B_API" != "$T_API" ] || [ "$B_TS" != "$T_TS" ]; }; then
    refuse "PHP_CONFIG and PHP are not the same PHP: $T_CONFIG says $T_WORDS,
but the binary $T_BIN is PHP $B_VERSION, PHP API $B_API, $(ts_words "$B_TS"):
give both of one PHP, e.g. PHP_CONFIG=/usr/bin/php-config$T_MM PHP=/usr/bin/php$T_MM"
fi
# Where extension=systempay.so is looked up: the extension_dir of that PHP as configured.
T_EXT_DIR="$("$T_BIN" -d display_startup_errors=0 -d display_errors=0 -r 'echo ini_get("extension_dir");' 2>/dev/null || true)"
[ -n "$T_EXT_DIR" ] || T_EXT_DIR="$("$T_CONFIG" --extension-dir 2>/dev/null || true)"
[ -n "$T_EXT_DIR" ] && [ -d "$T_EXT_DIR" ] || refuse "the extension_dir of $T_BIN ('$T_EXT_DIR') is not a folder"
SO_DEST="$T_EXT_DIR/systempay.so"
if [ "$OLD" = 1 ] && [ -n "$M_SO" ] && [ "$M_SO" != "$SO_DEST" ]; then
    refuse "this shop's record has the extension installed for PHP $M_MM ($M_SO), this install is for PHP $T_MM ($SO_DEST):
run make uninstall SHOP=$SHOP_ARG first (it removes the extension of PHP $M_MM and the shop files), then install for PHP $T_MM"
fi

# ---- the extension it would install: SO=path, or a build for the target PHP
SO="${SO:-${SYSTEMPAY_SO:-}}"
unset SYSTEMPAY_SO
FRESH_BUILD=0
if [ -n "$SO" ]; then
    [ -f "$SO" ] || die "SO=$SO does not exist"
    SO_FILE="$(readlink -f "$SO")"
elif [ "${#REFUSALS[@]}" -eq 0 ]; then
    [ -n "$T_CONFIG" ] || die "no php-config for $T_BIN, so nothing can be built for it: install its development files
(Debian: php$T_MM-dev) and give PHP_CONFIG=…, or give a prebuilt extension with SO=…/extension/php-$T_MM-$T_TS-$T_ARCH/systempay.so"
    # The machine's default PHP builds in target/release (shared with scripts/build.sh), another in its own folder.
    default_cfg="$(command -v php-config || true)"
    if [ -n "$default_cfg" ] && [ "$(readlink -f "$T_CONFIG")" = "$(readlink -f "$default_cfg")" ] \
        && [ "$(readlink -f "$T_BIN")" = "$(readlink -f "$("$default_cfg" --php-binary)")" ]; then
        unset PHP PHP_CONFIG
    else
        export PHP="$T_BIN" PHP_CONFIG="$T_CONFIG"
    fi
    pkg_version   # Cargo.toml and the module agree: the build carries the module's version
    PKG_PHP_CONFIG="$T_CONFIG" PKG_PHP_VERSION="$T_VERSION" PKG_PHP_ARCH="$T_ARCH"
    PKG_BUILD_ID="php-$T_MM-$T_TS-$T_ARCH"
    [ "$T_DEBUG" = 0 ] || PKG_BUILD_ID="$PKG_BUILD_ID-debug"
    pkg_extension
    SO_FILE="$PKG_SO"
    FRESH_BUILD=1
fi

if [ -n "${SO_FILE:-}" ]; then
    ids="$(grep -aoE 'API[0-9]{8},(NTS|TS)(,debug)?' "$SO_FILE" | LC_ALL=C sort -u)" || true
    if [ -z "$ids" ] || [ "$(printf '%s\n' "$ids" | wc -l)" -ne 1 ]; then
        refuse "cannot tell which PHP $SO_FILE was built for (no single build ID like 'API20220829,NTS' in it): is it a PHP extension?"
    else
        S_API="${ids:3:8}"
        case "$ids" in *,TS*) S_TS=zts ;; *) S_TS=nts ;; esac
        case "$ids" in *,debug) S_DEBUG=1 ;; *) S_DEBUG=0 ;; esac
        S_MM="$(api_php_version "$S_API")"
        S_ARCH="$(pkg_elf_arch "$SO_FILE")" || S_ARCH="not an ELF file"
        S_WORDS="PHP ${S_MM:-(unknown version)}, PHP API $S_API, $(ts_words "$S_TS")$(debug_words "$S_DEBUG"), $S_ARCH"
        diffs=""
        [ "${S_MM:-?}" = "$T_MM" ] || diffs="$diffs
PHP version:   the extension is built for PHP ${S_MM:-of an unknown version (PHP API $S_API)}, the target PHP is $T_VERSION"
        [ "$S_API" = "$T_API" ] || diffs="$diffs
PHP API:       the extension is built for PHP API $S_API, the target PHP has PHP API $T_API"
        [ "$S_TS" = "$T_TS" ] || diffs="$diffs
thread safety: the extension is built for a $(ts_words "$S_TS") PHP, the target PHP is $(ts_words "$T_TS")"
        [ "$S_DEBUG" = "$T_DEBUG" ] || diffs="$diffs
debug build:   the extension is $( [ "$S_DEBUG" = 1 ] && echo "a debug build" || echo "a release build"), the target PHP is $( [ "$T_DEBUG" = 1 ] && echo "a debug build" || echo "a release build")"
        [ "$S_ARCH" = "$T_ARCH" ] || diffs="$diffs
processor:     the extension is built for $S_ARCH, the target PHP runs on $T_ARCH"
        if [ -n "$diffs" ]; then
            want="extension/php-$T_MM-$T_TS-$T_ARCH"
            [ "$T_DEBUG" = 0 ] || want="$want-debug"
            want="$want/systempay.so"
            refuse "the extension does not fit the PHP it would be installed into:
  extension:  $SO_FILE: $S_WORDS (build ID $ids)
  target PHP: $T_WORDS ($T_SOURCE, binary $T_BIN, extension_dir $T_EXT_DIR)${diffs//$'\n'/$'\n'  }
Use the extension built for that PHP (the zip's $want), or build one for it:
make install SHOP=$SHOP_ARG PHP_CONFIG=<its php-config> PHP=<its php> (without SO=)."
        elif [ "${#REFUSALS[@]}" -eq 0 ]; then
            # It fits on paper; now PHP itself: it loads, and it is the shop files' version.
            loaded="$("$T_BIN" -n -d "extension=$SO_FILE" -r 'echo extension_loaded("systempay") ? phpversion("systempay") : "not loaded";' 2>&1)" || true
            if [ "$loaded" != "$MODULE_VERSION" ]; then
                if [[ "$loaded" =~ ^[0-9]+\.[0-9]+\.[0-9]+ ]]; then
                    refuse "the extension $SO_FILE is version $loaded, the shop files are version $MODULE_VERSION: both must come from the same release"
                else
                    refuse "the extension $SO_FILE does not load in $T_BIN: $loaded"
                fi
            fi
        fi
    fi
fi

# ---- who else loads or owns it
DEB_LAYOUT=0
scan_dir="$("$T_BIN" --ini 2>/dev/null | sed -n 's/^Scan for additional .ini files in: *//p')"
if [ -z "${SYSTEMPAY_NO_DEBIAN_LAYOUT:-}" ] && [ -d "$PHP_ETC/$T_MM/mods-available" ] && command -v phpenmod >/dev/null 2>&1 \
    && [[ "$scan_dir" == "$PHP_ETC/$T_MM/"*/conf.d ]]; then
    DEB_LAYOUT=1
fi
INI_DEST="$PHP_ETC/$T_MM/mods-available/systempay.ini"
if command -v dpkg-query >/dev/null 2>&1; then
    for f in "$SO_DEST" $( [ "$DEB_LAYOUT" = 1 ] && echo "$INI_DEST"); do
        owner="$(dpkg-query -S "$f" 2>/dev/null | head -n 1 | cut -d: -f1)" || true
        [ -z "$owner" ] || refuse "$f belongs to the Debian package $owner: update it with apt (apt install ./${owner}_<version>_<arch>.deb),
or remove the package first (apt remove $owner); for the shop files alone: bash scripts/install-module.sh $SHOP_ARG"
    done
fi
LOAD_RE='^[[:space:]]*extension[[:space:]]*=[[:space:]]*["'\'']?([^"'\'';[:space:]]*/)?systempay(\.so)?["'\'']?[[:space:]]*(;.*)?$'
ALREADY_LOADED_BY="" ALREADY_LOADED_FILE=""
if [ "$DEB_LAYOUT" = 1 ]; then
    # Any other line loading systempay (php.ini, a conf.d file that is not phpenmod's link to our ini) would load it twice.
    for f in "$PHP_ETC/$T_MM"/*/php.ini "$PHP_ETC/$T_MM"/*/conf.d/*; do
        [ -f "$f" ] || continue
        if [ -L "$f" ] && [ "$(readlink -f "$f")" = "$(readlink -f "$INI_DEST" 2>/dev/null || echo "$INI_DEST")" ]; then continue; fi
        line="$(grep -nE "$LOAD_RE" "$f" | head -n 1)" || true
        [ -z "$line" ] || refuse "$f line ${line%%:*} already loads the extension (${line#*:}): remove that line first;
make install loads it through $INI_DEST, enabled with phpenmod"
    done
    [ "$IS_ROOT" = 1 ] || [ -w "$PHP_ETC/$T_MM/mods-available" ] || refuse "cannot write into $PHP_ETC/$T_MM/mods-available: run as root (sudo make install …)"
else
    while IFS= read -r f; do
        [ -f "$f" ] || continue
        line="$(grep -nE "$LOAD_RE" "$f" | head -n 1)" || true
        [ -z "$line" ] || { ALREADY_LOADED_BY="$f line ${line%%:*}"; ALREADY_LOADED_FILE="$f"; break; }
    done < <("$T_BIN" --ini 2>/dev/null | sed -n -e 's/^Loaded Configuration File: *//p' -e '/^Additional .ini files parsed:/,$p' \
        | sed -e 's/^Additional .ini files parsed: *//' -e 's/,$//' -e 's/^ *//')
fi
state_parent="$STATE_DIR"
while [ ! -e "$state_parent" ]; do state_parent="$(dirname "$state_parent")"; done
[ "$IS_ROOT" = 1 ] || [ -w "$state_parent" ] || refuse "cannot write the install record into $STATE_DIR: run as root (sudo make install …)"
if [ -d "$T_EXT_DIR" ] && [ "$IS_ROOT" = 0 ] && [ ! -w "$T_EXT_DIR" ]; then
    refuse "cannot write into $T_EXT_DIR (the extension_dir of $T_BIN): run as root (sudo make install …)"
fi
stop_if_refused

# =====================================================================================================
# install: the changes
# =====================================================================================================
if [ "$OLD" = 1 ]; then over=", over $M_VERSION installed before"; else over=""; fi
say "Systempay $MODULE_VERSION into the shop $SHOP (admin folder: $ADMIN/)$over"
say "  target PHP: $T_WORDS ($T_BIN)"
say "  extension:  $SO_FILE$( [ "$FRESH_BUILD" = 1 ] && echo " (built for it)")"
mkdir -p "$STATE_DIR"
chmod 0755 "$STATE_DIR"

# Writes the record: the old one's entries still on disk plus the new ones ("pending" while working).
SO_SHA="" INI_SHA="" ENMOD="" INIHINT=""
declare -A REC_FILE=() REC_DIR=()
for rel in "${M_FILES[@]+"${M_FILES[@]}"}"; do REC_FILE["$rel"]="${M_FILE_SHA[$rel]}"; done
for rel in "${M_DIRS[@]+"${M_DIRS[@]}"}"; do REC_DIR["$rel"]=1; done
write_manifest() {
    local tmp="$MANIFEST.new.$$" rel
    TMP_FILES+=("$tmp")
    {
        printf '# Systempay for modified eCommerce: what `make install` (packaging/install.sh) put on this machine\n'
        printf '# for one shop; `make uninstall SHOP=…` removes exactly that (a file changed since is kept). Do not edit.\n'
        printf 'format\t1\nshop\t%s\nversion\t%s\ndate\t%s\nstate\t%s\n' "$SHOP" "$MODULE_VERSION" "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$1"
        printf 'php\t%s\t%s\t%s\t%s\n' "$T_MM" "$T_API" "$T_TS" "$T_BIN"
        for rel in "${!REC_DIR[@]}"; do printf 'dir\t%s\n' "$rel"; done | LC_ALL=C sort
        for rel in "${!REC_FILE[@]}"; do printf 'file\t%s\t%s\n' "${REC_FILE[$rel]}" "$rel"; done | LC_ALL=C sort -t$'\t' -k3
        [ -z "$SO_SHA" ] || printf 'so\t%s\t%s\n' "$SO_SHA" "$SO_DEST"
        [ -z "$INI_SHA" ] || printf 'ini\t%s\t%s\n' "$INI_SHA" "$INI_DEST"
        [ -z "$ENMOD" ] || printf 'enmod\t%s\n' "$ENMOD"
        [ -z "$INIHINT" ] || printf 'inihint\t%s\n' "$INIHINT"
    } > "$tmp"
    chmod 0644 "$tmp"
    mv -f -T -- "$tmp" "$MANIFEST"
}
# The extension entries of the old record stay until replaced (an interrupted upgrade still knows them).
if [ "$OLD" = 1 ] && [ "$M_SO" = "$SO_DEST" ]; then SO_SHA="$M_SO_SHA"; fi
if [ "$OLD" = 1 ] && [ "$M_INI" = "$INI_DEST" ]; then INI_SHA="$M_INI_SHA" ENMOD="$M_ENMOD"; fi
for rel in "${!NEW_DIR[@]}"; do REC_DIR["$rel"]=1; done
for rel in "${PLAN[@]}"; do REC_FILE["$rel"]="${PLAN_SHA[$rel]}"; done
write_manifest pending

# Puts $1 at $2 under a temporary name in $2's folder, then renames it into place (rename(2): atomic;
# a process that has the old file open or mapped keeps it).
atomic_put() {
    local src="$1" dest="$2" mode="$3" owner="${4:-}" tmp
    tmp="$(dirname "$dest")/.$(basename "$dest").systempay-new.$$"
    TMP_FILES+=("$tmp")
    cp -- "$src" "$tmp"
    chmod "$mode" "$tmp"
    [ -z "$owner" ] || [ "$IS_ROOT" = 0 ] || chown "$owner" "$tmp"
    sync -- "$tmp" 2>/dev/null || true
    mv -f -T -- "$tmp" "$dest"
}

# ---- the extension
say "extension"
if [ "$FRESH_BUILD" = 1 ]; then
    # Stripped like the packages' (dh_strip): the dynamic symbols PHP needs stay.
    stripped="$(dirname "$SO_DEST")/.systempay.so.stripped.$$"
    TMP_FILES+=("$stripped")
    strip --strip-unneeded --remove-section=.comment --remove-section=.note -o "$stripped" "$SO_FILE"
    SO_SRC="$stripped"
else
    SO_SRC="$SO_FILE"
fi
if [ -f "$SO_DEST" ] && cmp -s "$SO_SRC" "$SO_DEST"; then
    say "  $SO_DEST: unchanged"
else
    old_inode="$(stat -c %i "$SO_DEST" 2>/dev/null || true)"
    atomic_put "$SO_SRC" "$SO_DEST" 0644 0:0
    say "  $SO_DEST: installed ($( [ -n "$old_inode" ] && echo "replaced by rename: running PHPs keep the old file until they restart" || echo "new"))"
fi
[ "$FRESH_BUILD" = 0 ] || rm -f -- "$stripped"
SO_SHA="$(sha "$SO_DEST")"
loaded="$("$T_BIN" -n -d "extension=$SO_DEST" -r 'echo phpversion("systempay");' 2>&1)" || true
[ "$loaded" = "$MODULE_VERSION" ] || die "the installed $SO_DEST does not load: $loaded"
write_manifest pending

if [ "$DEB_LAYOUT" = 1 ]; then
    ini_tmp="$STATE_DIR/.systempay.ini.$$"
    TMP_FILES+=("$ini_tmp")
    pkg_write_ini "$ini_tmp"
    if [ -f "$INI_DEST" ] && cmp -s "$ini_tmp" "$INI_DEST"; then
        say "  $INI_DEST: unchanged"
    else
        atomic_put "$ini_tmp" "$INI_DEST" 0644 0:0
        say "  $INI_DEST: written"
    fi
    rm -f -- "$ini_tmp"
    INI_SHA="$(sha "$INI_DEST")"
    ENMOD="$T_MM"
    write_manifest pending
    # As Debian's own extension packages (and the .deb) do: every SAPI, except one the administrator
    # disabled with phpdismod.
    enmod_out="$(phpenmod -m -v "$T_MM" systempay 2>&1)" || die "phpenmod -m -v $T_MM systempay failed: $enmod_out"
    enabled="" disabled=""
    for sapi in $(phpquery -S -v "$T_MM" 2>/dev/null); do
        if phpquery -q -v "$T_MM" -s "$sapi" -m systempay; then enabled="$enabled $sapi"; else disabled="$disabled $sapi"; fi
    done
    say "  phpenmod: enabled for${enabled:- no SAPI}${disabled:+; left disabled by the administrator (phpdismod) for$disabled}"
else
    if [ -n "$ALREADY_LOADED_BY" ]; then
        say "  already loaded by $ALREADY_LOADED_BY: nothing to add"
        INIHINT="$ALREADY_LOADED_FILE"
    else
        loaded_ini="$("$T_BIN" --ini 2>/dev/null | sed -n 's/^Loaded Configuration File: *//p')"
        case "$loaded_ini" in "" | "(none)") loaded_ini="" ;; esac
        INIHINT="${loaded_ini:-the php.ini of $T_BIN}"
        say "  NOT ENABLED YET: no Debian layout ($PHP_ETC/$T_MM/mods-available with phpenmod) for this PHP. Add the line"
        say "      extension=systempay.so"
        say "    to ${loaded_ini:-the php.ini this PHP reads (none is loaded now: $T_BIN --ini shows where it looks)} (the command line's)"
        [ -z "$scan_dir" ] || say "    (or put a file systempay.ini with that line into $scan_dir)"
        say "    and to the web server's php.ini: the one the shop's admin shows under Tools > Server Info, \"Loaded Configuration File\"."
    fi
fi

# ---- the shop files
say "shop files"
while IFS= read -r rel; do
    [ -n "$rel" ] || continue
    mkdir -- "$SHOP/$rel"
    chmod 0755 "$SHOP/$rel"
    [ "$IS_ROOT" = 0 ] || chown "$SHOP_OWNER" "$SHOP/$rel"
done < <(printf '%s\n' "${!NEW_DIR[@]}" | LC_ALL=C sort)
new=0 replaced=0 unchanged=0
saved=()
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
for rel in "${PLAN[@]}"; do
    target="$SHOP/$rel"
    if [ -f "$target" ] && [ "$(sha "$target")" = "${PLAN_SHA[$rel]}" ]; then
        unchanged=$((unchanged + 1))
        continue
    fi
    if [ -n "${OURS_CHANGED[$rel]+x}" ]; then
        # Not what this installer wrote (the merchant changed it, or an earlier copy): kept aside, outside the shop.
        mkdir -p "$(dirname "$STATE_DIR/$KEY.saved/$stamp/$rel")"
        cp -p -- "$target" "$STATE_DIR/$KEY.saved/$stamp/$rel"
        saved+=("$rel")
    fi
    if [ -f "$target" ]; then replaced=$((replaced + 1)); else new=$((new + 1)); fi
    atomic_put "$ROOT/${PLAN_SRC[$rel]}" "$target" 0644 "$SHOP_OWNER"
done
say "  ${#PLAN[@]} module files: $new new, $replaced replaced, $unchanged unchanged; ${#NEW_DIR[@]} folder(s) created"
if [ "${#saved[@]}" -gt 0 ]; then
    say "  these were not the files the last install wrote (changed since, or an earlier copy): replaced, the old ones saved in"
    say "  $STATE_DIR/$KEY.saved/$stamp/:"
    printf '    %s\n' "${saved[@]}"
fi
# Files of the earlier version that this one no longer ships.
if [ "$OLD" = 1 ]; then
    gone=()
    kept_old=()
    for rel in "${M_FILES[@]+"${M_FILES[@]}"}"; do
        [ -z "${PLAN_SRC[$rel]+x}" ] || continue
        if [ -f "$SHOP/$rel" ] && [ ! -L "$SHOP/$rel" ] && [ "$(sha "$SHOP/$rel")" = "${M_FILE_SHA[$rel]}" ]; then
            rm -f -- "$SHOP/$rel"
            gone+=("$rel")
        elif [ -e "$SHOP/$rel" ]; then
            kept_old+=("$rel")
        fi
        unset 'REC_FILE[$rel]'
    done
    [ "${#gone[@]}" -eq 0 ] || { say "  removed, no longer part of the module:"; printf '    %s\n' "${gone[@]}"; }
    [ "${#kept_old[@]}" -eq 0 ] || { say "  no longer part of the module but changed since installed, so kept (and no longer recorded):"; printf '    %s\n' "${kept_old[@]}"; }
    while IFS= read -r rel; do
        [ -n "$rel" ] || continue
        [ -d "$SHOP/$rel" ] || { unset 'REC_DIR[$rel]'; continue; }
        # a recorded folder no file of the module needs any more goes when empty
        needed=0
        for p in "${PLAN[@]}"; do case "$p" in "$rel"/*) needed=1; break ;; esac; done
        if [ "$needed" = 0 ] && rmdir -- "$SHOP/$rel" 2>/dev/null; then unset 'REC_DIR[$rel]'; fi
    done < <(printf '%s\n' "${M_DIRS[@]+"${M_DIRS[@]}"}" | LC_ALL=C sort -r)
fi
write_manifest "done"
# Other shops on this PHP share the extension and the ini: their records follow the new files.
for f in "$STATE_DIR"/*.manifest; do
    [ -f "$f" ] && [ "$f" != "$MANIFEST" ] || continue
    if record_uses_so "$f" "$SO_DEST"; then
        awk -F'\t' -v OFS='\t' -v so="$SO_DEST" -v sosha="$SO_SHA" -v ini="$INI_DEST" -v inisha="$INI_SHA" \
            '$1 == "so" && $3 == so { $2 = sosha } $1 == "ini" && $3 == ini && inisha != "" { $2 = inisha } { print }' "$f" > "$f.new.$$" \
            && mv -f -T "$f.new.$$" "$f"
        other="$(record_shop "$f")"
        other_version="$(sed -n 's/^version	//p' "$f")"
        [ "$other_version" = "$MODULE_VERSION" ] \
            || say "  NOTE: the shop $other shares this extension, now $MODULE_VERSION, but has the module files of $other_version: update it too (make install SHOP=$other)"
    fi
done
say "record: $MANIFEST (${#REC_FILE[@]} files, ${#REC_DIR[@]} folders, the extension$( [ -n "$INI_SHA" ] && echo " and its ini"))"

# ---- checks: the PHPs that run the shop list the extension, with no startup warning about it
say "checks"
rc=0
check_modules() {   # label, expect-listed (1|0), command...
    local label="$1" expect="$2" out listed warn
    shift 2
    out="$("$@" 2>&1)" || true
    listed=0 warn=""
    if grep -qx systempay <<<"$out"; then listed=1; fi
    warn="$(grep -i systempay <<<"$out" | grep -vx systempay || true)"
    if [ -n "$warn" ]; then
        say "  FAILED  $label: $warn"; rc=1
    elif [ "$listed" = "$expect" ]; then
        say "  ok      $label: $( [ "$listed" = 1 ] && echo "lists systempay" || echo "does not list systempay (not enabled there)")"
    else
        say "  FAILED  $label: $( [ "$listed" = 1 ] && echo "lists systempay, but it is not enabled there" || echo "does not list systempay")"; rc=1
        [ "$label" != "CLI ($T_BIN -m)" ] || say "          ini files of $T_BIN naming systempay: $("$T_BIN" --ini 2>/dev/null | grep -o '[^ ,]*systempay[^ ,]*' | tr '\n' ' ')"
    fi
}
sapi_enabled() { [ "$DEB_LAYOUT" = 0 ] || phpquery -q -v "$T_MM" -s "$1" -m systempay; }
HAVE_MODPHP=0
if [ "$DEB_LAYOUT" = 1 ] && [ -f "$PHP_ETC/$T_MM/apache2/php.ini" ]; then HAVE_MODPHP=1; fi
HAVE_FPM=0
if command -v "php-fpm$T_MM" >/dev/null 2>&1; then HAVE_FPM=1; fi
if [ "$DEB_LAYOUT" = 1 ] || [ -n "$ALREADY_LOADED_BY" ]; then
    check_modules "CLI ($T_BIN -m)" "$(sapi_enabled cli && echo 1 || echo 0)" "$T_BIN" -d display_startup_errors=1 -m
else
    say "  skip    CLI: not enabled yet (see above)"
fi
if [ "$HAVE_MODPHP" = 1 ]; then
    check_modules "Apache mod_php (PHP_INI_SCAN_DIR=$PHP_ETC/$T_MM/apache2/conf.d $T_BIN -c $PHP_ETC/$T_MM/apache2/php.ini -m)" \
        "$(sapi_enabled apache2 && echo 1 || echo 0)" \
        env PHP_INI_SCAN_DIR="$PHP_ETC/$T_MM/apache2/conf.d" "$T_BIN" -d display_startup_errors=1 -c "$PHP_ETC/$T_MM/apache2/php.ini" -m
fi
if [ "$HAVE_FPM" = 1 ]; then
    check_modules "PHP-FPM (php-fpm$T_MM -m)" "$(sapi_enabled fpm && echo 1 || echo 0)" "php-fpm$T_MM" -d display_startup_errors=1 -m
fi
if [ "$DEB_LAYOUT" = 0 ]; then
    say "  the web server's PHP: after enabling, the shop's admin shows a \"systempay\" section under Tools > Server Info"
fi

# ---- what to restart
say "next"
running() { [ -f "$1" ] && kill -0 "$(cat "$1" 2>/dev/null)" 2>/dev/null; }
service_cmd() {   # restart|reload name: the command, as words
    if [ -d /run/systemd/system ]; then echo "systemctl $1 $2"; else echo "service $2 $1"; fi
}
service_run() {   # reload name
    if [ -d /run/systemd/system ]; then systemctl "$1" "$2"; else service "$2" "$1"; fi
}
if [ "$HAVE_MODPHP" = 1 ] || { [ "$DEB_LAYOUT" = 0 ] && [ -x /usr/sbin/apache2 ]; }; then
    if running /run/apache2/apache2.pid; then
        if [ "${RELOAD:-0}" = 1 ]; then
            if service_run reload apache2 >/dev/null 2>&1; then say "  Apache reloaded (mod_php loads the new extension)"; else say "  FAILED to reload Apache: $(service_cmd restart apache2)"; rc=1; fi
        else
            say "  restart Apache so that mod_php loads it: $(service_cmd restart apache2) (or RELOAD=1 next time)"
        fi
    else
        say "  Apache is not running: mod_php loads it when it starts"
    fi
fi
if [ "$HAVE_FPM" = 1 ]; then
    if running "/run/php/php$T_MM-fpm.pid"; then
        if [ "${RELOAD:-0}" = 1 ]; then
            if service_run reload "php$T_MM-fpm" >/dev/null 2>&1; then say "  PHP-FPM reloaded"; else say "  FAILED to reload PHP-FPM: $(service_cmd restart "php$T_MM-fpm")"; rc=1; fi
        else
            say "  restart PHP-FPM so that it loads it: $(service_cmd restart "php$T_MM-fpm") (or RELOAD=1 next time)"
        fi
    else
        say "  PHP-FPM is not running: it loads it when it starts"
    fi
fi
say "  in the shop's admin: Modules > Payment Methods > Systempay: Install (first time) or open it once (update)"
exit "$rc"
