#!/usr/bin/env bash
# Installs every system package the project needs on a fresh Debian 12 machine (idempotent).
source "$(dirname "$0")/lib.sh"
ensure_packages "${BASE_PACKAGES[@]}"
require_cargo
log "system packages ready: $(php -r 'echo PHP_VERSION;') / $(cargo --version)"
