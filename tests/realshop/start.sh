#!/usr/bin/env bash
# Installs and starts a real modified eCommerce shop for the tests, the browser tests and the demo:
# extracts the shop's source (../shared/shops/ or MODIFIED_SOURCE) into build/realshop-<profile>/shop,
# starts its own MariaDB and Apache (prefork + mod_php 8.2, the release systempay.so) on their own
# ports, runs the shop's own web installer, converts the shop's tables to MyISAM for the myisam profile,
# adds a product, a buyer and the flat shipping module, catches mail into files, copies the module in
# with scripts/install-module.sh (the files only) and takes a snapshot for the tests' resets. The Systempay module itself
# is then installed through the admin by whoever needs it (setup.php, the tests).
# Exit code 3 (and a message saying how to get one) when no shop source is available.
# Options: --no-extension (Apache's PHP without systempay.so, for the extension-missing scenario;
# reuses an installed shop).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
source "$RS_ROOT/scripts/lib.sh"
source "$RS_HERE/servers.sh"

NO_EXTENSION=0
[ "${1:-}" = "--no-extension" ] && NO_EXTENSION=1

SOURCE="$(rs_find_source)" || SOURCE=""   # a MODIFIED_SOURCE that does not exist: said above, then treated as none
if [ -z "$SOURCE" ]; then
    cat >&2 <<MSG
No modified eCommerce source found: put modified-shop-3.3.0.tar.gz in ../shared/shops/ beside the
project, or point MODIFIED_SOURCE at a .tar.gz, a .zip from the modified download page, or an unpacked
shop folder (e.g. MODIFIED_SOURCE=~/Downloads/modified-shop-3.3.0.tar.gz).
MSG
    exit 3
fi

ensure_packages "${SHOP_PACKAGES[@]}"
bash "$RS_HERE/stop.sh" >/dev/null 2>&1 || true
mkdir -p "$RS_RUN"

if [ "$NO_EXTENSION" = "1" ]; then
    [ -f "$RS_RUN/snapshot.done" ] || { echo "--no-extension needs an installed shop (run start.sh first)" >&2; exit 1; }
    NO_EXTENSION=1 write_php_ini
    start_mariadb
    start_apache
    rs_log "running WITHOUT the systempay extension at $RS_URL/"
    exit 0
fi

# ---- a fresh shop from the source, as shipped
ensure_extension
rs_log "extracting $(basename "$SOURCE")"
rm -rf "$RS_SHOP" "$RS_RUN"
mkdir -p "$RS_SHOP" "$RS_RUN" "$RS_MAILS"
if [ -d "$SOURCE" ]; then
    top="$SOURCE"
else
    mkdir -p "$RS_DIR/src"
    rm -rf "$RS_DIR/src"/*
    case "$SOURCE" in
        *.zip) ensure_packages unzip; unzip -q "$SOURCE" -d "$RS_DIR/src" ;;
        *) tar xzf "$SOURCE" -C "$RS_DIR/src" ;;
    esac
    # the shop root is the shallowest folder holding includes/application_top.php (not admin/, _installer/)
    top="$(dirname "$(find "$RS_DIR/src" -path '*/includes/application_top.php' | awk '{ print length($0) "\t" $0 }' | sort -n | head -n 1 | cut -f2)")"
    top="$(dirname "$top")"
fi
[ -f "$top/includes/application_top.php" ] || { echo "no shop found in $SOURCE" >&2; exit 1; }
cp -a "$top/." "$RS_SHOP/"
rm -rf "$RS_DIR/src"
chown -R www-data:www-data "$RS_SHOP"
touch "$RS_PHP_ERROR_LOG"
chown www-data:www-data "$RS_MAILS" "$RS_PHP_ERROR_LOG"
d="$RS_DIR"; while [ "$d" != "/" ]; do chmod o+x "$d" 2>/dev/null || true; d="$(dirname "$d")"; done

# ---- database and web server
rs_log "initialising MariaDB on $RS_HOST:$RS_DB_PORT"
mkdir -p "$RS_DB_DATADIR"; chown mysql:mysql "$RS_DB_DATADIR"
mariadb-install-db --no-defaults --user=mysql --datadir="$RS_DB_DATADIR" --auth-root-authentication-method=socket \
    > "$RS_RUN/mariadb-install.log" 2>&1
start_mariadb
rs_db_root -e "CREATE DATABASE $RS_DB_NAME;
  CREATE USER '$RS_DB_USER'@'$RS_HOST' IDENTIFIED BY '$RS_DB_PASS';
  CREATE USER '$RS_DB_USER'@'localhost' IDENTIFIED BY '$RS_DB_PASS';
  GRANT ALL ON $RS_DB_NAME.* TO '$RS_DB_USER'@'$RS_HOST'; GRANT ALL ON $RS_DB_NAME.* TO '$RS_DB_USER'@'localhost';"
install_extension_copy
NO_EXTENSION=0 write_php_ini
start_apache

# ---- the shop's own installer
rs_log "running the shop's installer"
started=$SECONDS
/usr/bin/python3 "$RS_HERE/install_shop.py" "$RS_URL" "$RS_HOST:$RS_DB_PORT" "$RS_DB_USER" "$RS_DB_PASS" "$RS_DB_NAME" \
    "$RS_ADMIN_EMAIL" "$RS_ADMIN_PASSWORD"
[ ! -d "$RS_SHOP/_installer" ] || { echo "the installer folder was not removed" >&2; exit 1; }
rs_log "installed by its installer in $((SECONDS - started)) s"

if [ "$RS_PROFILE" = "myisam" ]; then
    rs_log "converting the shop's tables to MyISAM"
    rs_db -N -e "SELECT CONCAT('ALTER TABLE \`', table_name, '\` ENGINE=MyISAM;') FROM information_schema.tables
        WHERE table_schema = DATABASE() AND engine = 'InnoDB'" | rs_db
fi

# ---- the module's files, as a merchant copies them (REALSHOP_MODULE_FILES=0: a shop without them, for
# tests/packaging/shop_install.sh, which copies them from the release zip as the guide says)
if [ "${REALSHOP_MODULE_FILES:-1}" != "0" ]; then
    bash "$RS_ROOT/scripts/install-module.sh" "$RS_SHOP" >/dev/null   # the files only: the harness loads its own .so
fi
chown -R www-data:www-data "$RS_SHOP"

# ---- product, buyer, shipping, mail settings; then the snapshot the tests reset to
php "$RS_HERE/setup.php" base
rs_log "taking the snapshot"
bash "$RS_HERE/snapshot.sh" take
touch "$RS_RUN/snapshot.done"
rs_log "storefront $RS_URL/   admin $RS_URL/admin/ ($RS_ADMIN_EMAIL / $RS_ADMIN_PASSWORD)   buyer $RS_BUYER_EMAIL / $RS_BUYER_PASSWORD"
rs_log "logs: $RS_RUN/{php_errors.log,apache_error.log,mariadb.log}, shop logs: $RS_SHOP/log/, mails: $RS_MAILS/"
