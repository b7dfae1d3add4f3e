<?php
/**
 * Systempay browser returns that cannot land on checkout_process.php directly; nothing is trusted or
 * recorded here, the module verifies the fields there.
 *  - The hosted page's return in POST mode: a cross-site POST does not carry the shop's SameSite=Lax
 *    session cookie, so this page turns it into a 303 GET to checkout_process.php with the same signed
 *    fields (the urlencoded body is a valid query string as it is); that GET carries the cookie.
 *  - The embedded form's result (kr-answer), posted inside the shop's iframe: handed on as a POST in
 *    the whole window (kr-answer is too long for a URL), its raw body base64url-encoded.
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
    // Only framed by the shop itself (the checkout page around the form).
    header("Content-Security-Policy: frame-ancestors 'self'");
    header('X-Frame-Options: SAMEORIGIN');
    // The raw body, base64url-encoded: checkout_process.php verifies exactly the bytes the platform
    // hashed, and the shop's XSS filter (which reads every POST value, and blocks the client's address
    // on a match) never sees the answer's free text.
    $systempay_raw = (string) file_get_contents('php://input');
    $systempay_relay = strlen($systempay_raw) <= 150000 ? rtrim(strtr(base64_encode($systempay_raw), '+/', '-_'), '=') : '';
    echo '<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>';
    echo '<form id="systempay_return" method="post" target="_top" action="' . htmlspecialchars($systempay_target, ENT_QUOTES, 'UTF-8') . '">';
    echo '<input type="hidden" name="systempay_rest_return" value="' . $systempay_relay . '">';
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
