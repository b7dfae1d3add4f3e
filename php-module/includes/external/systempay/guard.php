<?php
/**
 * Loaded by callback/systempay/process.php BEFORE the shop's bootstrap: if the request ends without
 * an answer from the endpoint (database down while bootstrapping, a fatal error), the platform gets
 * a 503 and retries, instead of a 200 error page that it would count as delivered. Self-contained:
 * the shop's constants and _VALID_XTC do not exist yet at this point.
 */
if (!defined('_SYSTEMPAY_CALLBACK')) {
    die('Direct Access to this location is not allowed.');
}
$GLOBALS['systempay_answered'] = false;
ob_start();
register_shutdown_function(static function () {
    if (!empty($GLOBALS['systempay_answered'])) {
        return;
    }
    while (ob_get_level() > 0) {
        ob_end_clean();
    }
    if (!headers_sent()) {
        http_response_code(503);
        header('Content-Type: text/plain; charset=utf-8');
        header('Retry-After: 60');
    }
    echo 'KO-Payment result could not be recorded, please retry.';
});
