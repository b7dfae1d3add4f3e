# Settings of the real-shop harness (sourced, not run). One instance = one extracted modified shop with
# its own MariaDB and Apache, under build/realshop-<profile>/. Everything can be overridden:
#   REALSHOP_PROFILE   innodb (default: utf8mb4/InnoDB, what the installer accepts on MariaDB 10.11)
#                      or myisam (the shop's own tables converted to MyISAM after installing, as in
#                      shops installed with the installer's old default and upgraded since)
#   REALSHOP_HTTP_PORT, REALSHOP_DB_PORT, REALSHOP_DIR, MODIFIED_SOURCE (.tar.gz, .zip or a folder)
RS_HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
RS_ROOT="$(cd "$RS_HERE/../.." && pwd)"
RS_PROFILE="${REALSHOP_PROFILE:-innodb}"
case "$RS_PROFILE" in innodb|myisam) ;; *) echo "REALSHOP_PROFILE must be innodb or myisam, not '$RS_PROFILE'" >&2; exit 2 ;; esac
RS_DIR="${REALSHOP_DIR:-$RS_ROOT/build/realshop-$RS_PROFILE}"
RS_SHOP="$RS_DIR/shop"            # the document root: the shop as shipped, plus the module as an admin copies it
RS_RUN="$RS_DIR/run"              # pids, logs, the database, sessions, caught mails
RS_MAILS="$RS_RUN/mails"          # one .eml file per message that left the shop
RS_HTTP_PORT="${REALSHOP_HTTP_PORT:-8190}"
RS_DB_PORT="${REALSHOP_DB_PORT:-3417}"
RS_HOST=127.0.0.1                 # never "localhost": the installer stores it as HTTP_SERVER (cookie domain)
RS_URL="http://$RS_HOST:$RS_HTTP_PORT"
RS_DB_NAME=modified
RS_DB_USER=shop
RS_DB_PASS=shop
RS_DB_DATADIR="$RS_RUN/mariadb"
RS_DB_SOCKET="$RS_RUN/mariadb-socket/mariadb.sock"
RS_APACHE_CONF="$RS_RUN/apache2.conf"
RS_PHP_ERROR_LOG="$RS_RUN/php_errors.log"
# The shop's admin (created by its installer) and the test buyer (added by setup.php).
RS_ADMIN_EMAIL=admin@shop.example
RS_ADMIN_PASSWORD='Admin-Pass-123'
RS_BUYER_EMAIL=max.mustermann@example.com
RS_BUYER_PASSWORD='Buyer-Pass-123'

# The shop's source: MODIFIED_SOURCE, else ../shared/shops/ beside the project. Prints the path or nothing.
rs_find_source() {
    if [ -n "${MODIFIED_SOURCE:-}" ]; then
        [ -e "$MODIFIED_SOURCE" ] && { echo "$MODIFIED_SOURCE"; return 0; }
        echo "MODIFIED_SOURCE=$MODIFIED_SOURCE does not exist" >&2
        return 1
    fi
    local candidate
    for candidate in "$RS_ROOT/../shared/shops/modified-shop-3.3.0.tar.gz" "$RS_ROOT"/../shared/shops/modified*.tar.gz "$RS_ROOT"/../shared/shops/modified*.zip; do
        [ -f "$candidate" ] && { echo "$candidate"; return 0; }
    done
    return 0
}

rs_db_root() { mariadb --no-defaults --socket="$RS_DB_SOCKET" -uroot "$@"; }
rs_db() { mariadb --no-defaults --socket="$RS_DB_SOCKET" -uroot "$RS_DB_NAME" "$@"; }
rs_log() { echo "[realshop:$RS_PROFILE] $*" >&2; }
