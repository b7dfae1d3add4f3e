#!/usr/bin/env bash
# Runs every test: Rust unit, integration and property tests; then the PHPUnit suite through real
# PHP against the release build, and again against the debug build with test probes; the sandbox's
# tests; the packaging (release zip, Debian package installed and removed, make install/uninstall);
# then, in the real modified eCommerce shop (../shared/shops/ or MODIFIED_SOURCE), once per database
# profile (innodb: utf8mb4/InnoDB; myisam: the shop's tables on MyISAM), the module tests and the
# end-to-end tests in headless Chromium, and last the install from the release zip into a fresh shop.
# Without a shop source those are skipped, saying so.
# REALSHOP_PROFILES="innodb" runs one profile only.
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
php_release_passed=$counted
log "PHPUnit against the debug build with test probes ($DEBUG_SO)"
run_counted "$PHPUNIT_OK" "PHPUnit failed against the debug build" \
    env -u RUST_BACKTRACE php -d "extension=$DEBUG_SO" /usr/bin/phpunit -c tests/php/phpunit.xml
php_debug_passed=$counted

log "sandbox tests (independent Python implementation of the platform side)"
run_counted '^Ran [0-9]+ tests' "sandbox tests failed" python3 -m unittest discover -s sandbox/tests
sandbox_passed=$counted

log "packaging: the release zip and the Debian package, installed and removed with apt-get (tests/packaging/run.sh)"
run_counted '^packaging: [0-9]+ passed, 0 failed' "packaging tests failed" bash tests/packaging/run.sh
packaging_passed=$counted
log "packaging: make install / make uninstall against a fake shop (tests/packaging/install_test.sh)"
run_counted '^install: [0-9]+ passed, 0 failed' "make install tests failed" bash tests/packaging/install_test.sh
packaging_passed=$((packaging_passed + counted))

# The module in the real shop: its own installer, MariaDB, Apache + mod_php with the release .so.
module_passed=0
e2e_passed=0
profile_times=""
if [ -z "$(bash -c 'source tests/realshop/env.sh; rs_find_source' 2>/dev/null)" ]; then
    log "SKIPPED: the module tests and the browser tests need the real modified eCommerce shop. Put"
    log "modified-shop-3.3.0.tar.gz into ../shared/shops/ or set MODIFIED_SOURCE=/path/to/modified-shop.tar.gz|.zip|folder"
    skipped=" (module and browser tests SKIPPED: no shop source)"
else
    skipped=""
    for profile in ${REALSHOP_PROFILES:-innodb myisam}; do
        profile_started=$SECONDS
        export REALSHOP_PROFILE="$profile"
        unset REALSHOP_DIR
        log "[$profile] installing the real shop (tests/realshop/start.sh) for the module tests"
        trap 'bash "$ROOT/tests/realshop/stop.sh" >/dev/null 2>&1 || true' EXIT
        bash "$ROOT/tests/realshop/start.sh"
        log "[$profile] PHPUnit module tests (tests/module) in the real shop"
        run_counted "$PHPUNIT_OK" "module tests failed in the $profile profile (logs: build/realshop-$profile/run/, shop logs: build/realshop-$profile/shop/log/)" \
            php /usr/bin/phpunit -c tests/module/phpunit.xml
        module_passed=$((module_passed + counted))
        module_seconds=$((SECONDS - profile_started))
        bash "$ROOT/tests/realshop/stop.sh" >/dev/null
        # The whole flow in a real browser: tests/e2e/run.sh installs a fresh shop, starts the sandbox
        # and stops both by pid.
        log "[$profile] end-to-end tests in headless Chromium (tests/e2e)"
        run_counted '^[0-9]+ passed, 0 failed' "end-to-end tests failed in the $profile profile (screenshots and pages: build/e2e-failures-$profile/)" \
            bash "$ROOT/tests/e2e/run.sh"
        e2e_passed=$((e2e_passed + counted))
        profile_times="$profile_times $profile: install + module tests $module_seconds s, e2e $((SECONDS - profile_started - module_seconds)) s;"
    done
    # The merchant's install from the release zip into a fresh shop, a payment, the .so replaced under
    # load, the removal; an instance and ports of its own (tests/packaging/shop_install.sh).
    log "release zip installed into a fresh real shop, a test payment in headless Chromium, removed (tests/packaging/shop_install.sh)"
    run_counted '^shop install: [0-9]+ passed, 0 failed' "the install from the release zip failed (logs: build/realshop-zip/run/)" \
        bash "$ROOT/tests/packaging/shop_install.sh"
    packaging_passed=$((packaging_passed + counted))
fi

echo "cargo test: $rust_passed passed; PHPUnit extension: $php_release_passed (release build) + $php_debug_passed (debug build with probes); sandbox: $sandbox_passed passed; packaging: $packaging_passed passed"
echo "real shop:$profile_times module tests: $module_passed passed; e2e: $e2e_passed passed$skipped"
echo "tests: $((rust_passed + php_release_passed + php_debug_passed + sandbox_passed + packaging_passed + module_passed + e2e_passed)) passed, 0 failed$skipped"
