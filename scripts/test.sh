#!/usr/bin/env bash
# Runs every test: Rust unit, integration and property tests; then the PHPUnit suite through real
# PHP against the release build, and again against the debug build with test probes; the sandbox's
# tests; the module tests through the test shop; the end-to-end tests in headless Chromium.
source "$(dirname "$0")/lib.sh"
ensure_packages "${BASE_PACKAGES[@]}" "${SHOP_PACKAGES[@]}" "${E2E_PACKAGES[@]}"
cd "$ROOT"

log "cargo test (pure core, no PHP needed)"
cargo test --locked --quiet 2>&1 | tee "$BUILD_DIR.cargo-test.log" | grep -E '^(test result|running|error|failures:|---- )' || true
rust_failed=$(grep -cE '^test result: FAILED|^error' "$BUILD_DIR.cargo-test.log" || true)
rust_passed=$(grep -oE 'test result: ok\. [0-9]+ passed' "$BUILD_DIR.cargo-test.log" | awk '{s+=$4} END {print s+0}')
rm -f "$BUILD_DIR.cargo-test.log"
if [ "$rust_failed" != "0" ]; then
    echo "cargo test failed" >&2
    exit 1
fi

build_extension debug

# Runs one test command, showing its output; a failure ends the whole run with $2. Sets $counted to
# the number in the runner's summary line (the first match of the regular expression $1).
counted=0
run_counted() {
    local summary="$1" failure="$2" out
    shift 2
    out="$(mktemp)"
    if ! "$@" 2>&1 | tee "$out"; then
        rm -f "$out"
        echo "$failure" >&2
        exit 1
    fi
    counted="$(grep -oE "$summary" "$out" | head -n 1 | grep -oE '[0-9]+' | head -n 1 || true)"
    counted="${counted:-0}"
    rm -f "$out"
}
PHPUNIT_OK='^OK \([0-9]+ tests'

# RUST_BACKTRACE would make the deliberate panic of PanicTest print a page of frames.
log "PHPUnit against the release build ($RELEASE_SO)"
run_counted "$PHPUNIT_OK" "PHPUnit failed against the release build" \
    env -u RUST_BACKTRACE php -d "extension=$RELEASE_SO" /usr/bin/phpunit -c tests/php/phpunit.xml --exclude-group probes
php_passed=$counted
log "PHPUnit against the debug build with test probes ($DEBUG_SO)"
run_counted "$PHPUNIT_OK" "PHPUnit failed against the debug build" \
    env -u RUST_BACKTRACE php -d "extension=$DEBUG_SO" /usr/bin/phpunit -c tests/php/phpunit.xml
php_passed=$((php_passed + counted))

log "sandbox tests (independent Python implementation of the platform side)"
run_counted '^Ran [0-9]+ tests' "sandbox tests failed" python3 -m unittest discover -s sandbox/tests
sandbox_passed=$counted

# The module through the test shop: real Apache + mod_php with the release .so, real MariaDB.
log "starting the test shop (MariaDB + Apache) for the module tests"
trap 'bash "$ROOT/sandbox/stop.sh" >/dev/null 2>&1 || true; bash "$ROOT/tests/shop/stop.sh" >/dev/null 2>&1 || true' EXIT
SYSTEMPAY_SO="$RELEASE_SO" bash "$ROOT/tests/shop/start.sh"
log "PHPUnit module tests (tests/module) against the test shop"
run_counted "$PHPUNIT_OK" "module tests failed (logs: build/run/)" php /usr/bin/phpunit -c tests/module/phpunit.xml
php_passed=$((php_passed + counted))
bash "$ROOT/tests/shop/stop.sh" >/dev/null

# The whole flow in a real browser: headless Chromium through the shop and the platform sandbox
# (tests/e2e/run.sh starts both and stops them by pid).
log "end-to-end tests in headless Chromium (tests/e2e)"
run_counted '^[0-9]+ passed, 0 failed$' "end-to-end tests failed (screenshots and pages: build/e2e-failures/, logs: build/run/)" \
    bash "$ROOT/tests/e2e/run.sh"
e2e_passed=$counted

echo "cargo test: $rust_passed passed; PHPUnit: $php_passed passed (extension in release + debug builds, module); sandbox: $sandbox_passed passed; e2e: $e2e_passed passed"
echo "tests: $((rust_passed + php_passed + sandbox_passed + e2e_passed)) passed, 0 failed"
