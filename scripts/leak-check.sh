#!/usr/bin/env bash
# Runs tests/php/leak_workload.php under valgrind memcheck (USE_ZEND_ALLOC=0) with the release
# extension and fails on any definite leak or memory error. By hand; about a minute.
source "$(dirname "$0")/lib.sh"
ensure_packages "${BASE_PACKAGES[@]}" valgrind
build_extension
USE_ZEND_ALLOC=0 valgrind --leak-check=full --errors-for-leak-kinds=definite --error-exitcode=9 \
    php -n -d "extension=$RELEASE_SO" "$ROOT/tests/php/leak_workload.php" 2>&1 | grep -E "definitely lost|indirectly lost|ERROR SUMMARY|^done"
