#!/usr/bin/env bash
# The demo without a real shop source: on the running test double, fresh seed data, Systempay installed
# through the double's admin page (its GET install link) and set to TEST mode against the sandbox.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
bash "$SHOP_SRC/reset_db.sh"
for table in systempay_transaction systempay_trans_counter systempay_event; do db_root "$DB_NAME" -e "DROP TABLE IF EXISTS $table"; done
jar="$(mktemp)"
trap 'rm -f "$jar"' EXIT
ua='Mozilla/5.0 (X11; Linux x86_64) systempay-demo'
curl -s -A "$ua" -c "$jar" -b "$jar" -o /dev/null "$SHOP_URL/_test/admin_login.php"
curl -s -A "$ua" -c "$jar" -b "$jar" -L -o /dev/null "$SHOP_URL/admin/modules.php?set=payment&module=systempay&action=install"
sandbox_url="http://127.0.0.1:${SANDBOX_PORT:-8095}/vads-payment/"
db_root "$DB_NAME" -e "
  UPDATE configuration SET configuration_value = '12345678' WHERE configuration_key = 'MODULE_PAYMENT_SYSTEMPAY_SITE_ID';
  UPDATE configuration SET configuration_value = '1122334455667788' WHERE configuration_key = 'MODULE_PAYMENT_SYSTEMPAY_KEY_TEST';
  UPDATE configuration SET configuration_value = '$sandbox_url' WHERE configuration_key = 'MODULE_PAYMENT_SYSTEMPAY_PLATFORM_URL';"
[ "$(db_root "$DB_NAME" -N -e "SELECT configuration_value FROM configuration WHERE configuration_key = 'MODULE_PAYMENT_SYSTEMPAY_SITE_ID'")" = "12345678" ] \
    || { echo "Systempay did not install in the test double" >&2; exit 1; }
