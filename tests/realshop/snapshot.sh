#!/usr/bin/env bash
# The tests' reset point: the freshly installed shop with its product, buyer and shipping module, the
# module's files copied but the module not installed. `take` dumps every table to run/snapshot/;
# `restore` reloads the tables a test can change, drops every table that was not there (the module's),
# and empties the caught mails and the shop's logs.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
SNAP="$RS_RUN/snapshot"
# Tables a checkout, a notification, the admin or a test touches.
MUTABLE=(configuration shop_configuration orders orders_products orders_products_attributes orders_products_download
    orders_status_history orders_total orders_status products specials customers customers_basket customers_basket_attributes
    customers_info customers_login customers_ip sessions currencies languages whos_online coupon_gv_queue coupon_gv_customer
    admin_access products_to_categories products_description address_book)
dump() { mariadb-dump --no-defaults --socket="$RS_DB_SOCKET" -uroot --skip-comments --single-transaction "$RS_DB_NAME" "$@"; }
case "${1:-}" in
take)
    rm -rf "$SNAP"; mkdir -p "$SNAP"
    rs_db -N -e "SHOW TABLES" > "$SNAP/tables.txt"
    for table in "${MUTABLE[@]}"; do
        grep -qx "$table" "$SNAP/tables.txt" && dump "$table" > "$SNAP/$table.sql"
    done
    ;;
restore)
    [ -d "$SNAP" ] || { echo "no snapshot in $SNAP: run tests/realshop/start.sh" >&2; exit 1; }
    {
        echo "SET FOREIGN_KEY_CHECKS=0;"
        rs_db -N -e "SHOW TABLES" | grep -vxF -f "$SNAP/tables.txt" | sed 's/.*/DROP TABLE IF EXISTS `&`;/' || true
        cat "$SNAP"/*.sql
    } | rs_db
    find "$RS_MAILS" -type f -name '*.eml' -delete 2>/dev/null || true
    find "$RS_SHOP/log" -type f -name 'mod_*.log' -delete 2>/dev/null || true
    : > "$RS_PHP_ERROR_LOG"
    ;;
*)
    echo "usage: $0 take|restore" >&2
    exit 2
    ;;
esac
