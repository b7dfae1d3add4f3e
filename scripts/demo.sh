#!/usr/bin/env bash
# The main job, until the demo shop exists: build the extension, show its API, sign a sample request.
source "$(dirname "$0")/lib.sh"
ensure_packages "${BASE_PACKAGES[@]}"
build_extension
php_with "$RELEASE_SO" --re systempay
php_with "$RELEASE_SO" "$ROOT/scripts/sample_request.php"
