<?php
// Module tests: run against the real shop started by tests/realshop/start.sh (scripts/test.sh does it, per profile).
error_reporting(E_ALL);
set_error_handler(static function ($severity, $message, $file = '', $line = 0) {
    if (!(error_reporting() & $severity)) {
        return false; // silenced with @ on purpose
    }
    throw new ErrorException($message, 0, $severity, $file, $line);
});
require __DIR__ . '/harness.php';
require __DIR__ . '/flows.php';
require __DIR__ . '/rest_harness.php';
