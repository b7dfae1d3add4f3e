#!/usr/bin/env bash
# Builds the release extension and runs the side-by-side benchmark (by hand; not part of CI).
source "$(dirname "$0")/../scripts/lib.sh"
ensure_packages "${BASE_PACKAGES[@]}"
build_extension
php -d "extension=$RELEASE_SO" -d opcache.enable_cli=1 "$ROOT/bench/sign_verify.php" "$@"
