# Shared settings of the test shop scripts (sourced, not run).
SHOP_SRC="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SHOP_SRC/../.." && pwd)"
BUILD_DIR="$REPO_ROOT/build"
SHOP_DIR="$BUILD_DIR/shop"
RUN_DIR="$BUILD_DIR/run"
DB_PORT="${SHOP_DB_PORT:-3317}"
DB_HOST=127.0.0.1
DB_NAME=modified_test
DB_USER=shop
DB_PASS=shop
DB_SOCKET_DIR="$RUN_DIR/mariadb-socket"
DB_SOCKET="$DB_SOCKET_DIR/mariadb.sock"
DB_DATADIR="$RUN_DIR/mariadb"
HTTP_PORT="${SHOP_HTTP_PORT:-8090}"
SHOP_URL="http://127.0.0.1:$HTTP_PORT"
APACHE_CONF="$RUN_DIR/apache2.conf"

db_root() { mariadb --no-defaults --socket="$DB_SOCKET" -uroot "$@"; }
