#!/usr/bin/env bash
# Reloads tests/shop/schema.sql into modified_test (drops and recreates every shop table) and clears the
# shop's session files, so each test case starts from the seed data.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
db_root "$DB_NAME" < "$SHOP_SRC/schema.sql"
find "$RUN_DIR/sessions" -type f -name 'sess_*' -delete 2>/dev/null || true
