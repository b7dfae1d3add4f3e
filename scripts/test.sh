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

# Runs PHPUnit with one build loaded; prints its output and adds its test count to php_passed.
php_passed=0
run_phpunit() {
    local so="$1" label="$2" groups="$3" out
    log "PHPUnit against the $label build ($so)"
    out="$(mktemp)"
    # RUST_BACKTRACE would make the deliberate panic of PanicTest print a page of frames.
    if ! env -u RUST_BACKTRACE php -d "extension=$so" /usr/bin/phpunit -c tests/php/phpunit.xml $groups 2>&1 | tee "$out"; then
        rm -f "$out"
        echo "PHPUnit failed against the $label build" >&2
        exit 1
    fi
    php_passed=$((php_passed + $(grep -oE '^OK \([0-9]+ tests' "$out" | grep -oE '[0-9]+' || echo 0)))
    rm -f "$out"
}
run_phpunit "$RELEASE_SO" release "--exclude-group probes"
run_phpunit "$DEBUG_SO" debug ""

log "sandbox tests (independent Python implementation of the platform side)"
sandbox_out="$(mktemp)"
if ! python3 -m unittest discover -s sandbox/tests 2>&1 | tee "$sandbox_out" | tail -3; then
    rm -f "$sandbox_out"
    echo "sandbox tests failed" >&2
    exit 1
fi
sandbox_passed=$(grep -oE '^Ran [0-9]+ tests' "$sandbox_out" | grep -oE '[0-9]+' || echo 0)
rm -f "$sandbox_out"

# The module through the test shop: real Apache + mod_php with the release .so, real MariaDB.
log "starting the test shop (MariaDB + Apache) for the module tests"
trap 'bash "$ROOT/sandbox/stop.sh" >/dev/null 2>&1 || true; bash "$ROOT/tests/shop/stop.sh" >/dev/null 2>&1 || true' EXIT
SYSTEMPAY_SO="$RELEASE_SO" bash "$ROOT/tests/shop/start.sh"
log "PHPUnit module tests (tests/module) against the test shop"
module_out="$(mktemp)"
if ! php /usr/bin/phpunit -c tests/module/phpunit.xml 2>&1 | tee "$module_out"; then
    rm -f "$module_out"
    echo "module tests failed (logs: build/run/)" >&2
    exit 1
fi
module_passed=$(grep -oE '^OK \([0-9]+ tests' "$module_out" | grep -oE '[0-9]+' || echo 0)
php_passed=$((php_passed + module_passed))
rm -f "$module_out"

bash "$ROOT/tests/shop/stop.sh" >/dev/null

# The whole flow in a real browser: headless Chromium through the shop and the platform sandbox
# (tests/e2e/run.sh starts both and stops them by pid).
log "end-to-end tests in headless Chromium (tests/e2e)"
e2e_out="$(mktemp)"
if ! bash "$ROOT/tests/e2e/run.sh" 2>&1 | tee "$e2e_out"; then
    rm -f "$e2e_out"
    echo "end-to-end tests failed (screenshots and pages: build/e2e-failures/, logs: build/run/)" >&2
    exit 1
fi
e2e_passed=$(grep -oE '^[0-9]+ passed, 0 failed$' "$e2e_out" | grep -oE '^[0-9]+' || echo 0)
rm -f "$e2e_out"

echo "cargo test: $rust_passed passed; PHPUnit: $php_passed passed (extension in release + debug builds, module); sandbox: $sandbox_passed passed; e2e: $e2e_passed passed"
echo "tests: $((rust_passed + php_passed + sandbox_passed + e2e_passed)) passed, 0 failed"
