#!/usr/bin/env bash
# Builds build/systempay.so (release) — and build/debug/systempay.so with test probes when given "debug".
source "$(dirname "$0")/lib.sh"
ensure_packages "${BASE_PACKAGES[@]}"
build_extension "${1:-}"
ls -l "$RELEASE_SO"
