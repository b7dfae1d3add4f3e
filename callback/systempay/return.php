<?php
/**
 * Systempay browser return in POST mode. A cross-site POST does not carry the shop's SameSite=Lax
 * session cookie, so checkout_process.php would not find the buyer's session. This page turns the
 * POST into a 303 GET to checkout_process.php with the same signed fields (the urlencoded body is
 * a valid query string as it is); that GET navigation carries the cookie, and the module verifies
 * the fields there exactly as in GET mode. Nothing is trusted or recorded here.
 *
 * It deliberately does NOT load the shop's bootstrap: that would start a new session for this
 * cookie-less request and its Set-Cookie would replace the buyer's session cookie.
 */
chdir('../../');
include is_file('includes/local/configure.php') ? 'includes/local/configure.php' : 'includes/configure.php';
$systempay_server = defined('ENABLE_SSL') && ENABLE_SSL ? HTTPS_SERVER : HTTP_SERVER;
$systempay_target = rtrim($systempay_server, '/') . '/' . ltrim(DIR_WS_CATALOG, '/') . 'checkout_process.php';
if (isset($_SERVER['REQUEST_METHOD'], $_POST['kr-answer']) && $_SERVER['REQUEST_METHOD'] === 'POST') {
    // The embedded form's result, posted inside the shop's iframe: handed on unchanged (kr-answer is
    // too long for a URL) to checkout_process.php in the whole window, as a same-site POST that
    // carries the session cookie. Only the kr-* fields pass; nothing is trusted or recorded here.
    header('Content-Type: text/html; charset=utf-8');
    header('Cache-Control: no-store');
    $systempay_h = static function ($text) {
        return htmlspecialchars((string) $text, ENT_QUOTES, 'UTF-8');
    };
    echo '<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>';
    echo '<form id="systempay_return" method="post" target="_top" action="' . $systempay_h($systempay_target) . '" accept-charset="UTF-8">';
    foreach ($_POST as $systempay_name => $systempay_value) {
        if (is_string($systempay_value) && preg_match('/^kr-[a-z-]{1,30}$/', (string) $systempay_name)) {
            echo '<input type="hidden" name="' . $systempay_h($systempay_name) . '" value="' . $systempay_h($systempay_value) . '">';
        }
    }
    echo '<noscript><button type="submit">OK</button></noscript></form>';
    echo '<script>document.getElementById("systempay_return").submit();</script></body></html>';
    exit;
}
$systempay_query = isset($_SERVER['REQUEST_METHOD']) && $_SERVER['REQUEST_METHOD'] === 'POST'
    ? (string) file_get_contents('php://input')
    : (isset($_SERVER['QUERY_STRING']) ? (string) $_SERVER['QUERY_STRING'] : '');
// Only an urlencoded field list may pass (no header injection, no fragment).
if (!preg_match('/^[A-Za-z0-9_.~%+=&\-]*$/', $systempay_query) || strlen($systempay_query) > 65536) {
    $systempay_query = '';
}
header('Cache-Control: no-store');
header('Location: ' . $systempay_target . ($systempay_query !== '' ? '?' . $systempay_query : ''), true, 303);
exit;
