<?php
/**
 * Systempay browser return in POST mode. A cross-site POST does not carry the shop's SameSite=Lax
 * session cookie, so checkout_process.php would not find the buyer's session. This page turns the
 * POST into a 303 GET to checkout_process.php with the same signed fields (the urlencoded body is
 * a valid query string as it is); the GET navigation carries the cookie, and the module verifies
 * the fields there exactly as in GET mode. Nothing is trusted or recorded here.
 */
chdir('../../');
$systempay_raw_body = (string) file_get_contents('php://input');
include 'includes/application_top_callback.php';
$systempay_query = $_SERVER['REQUEST_METHOD'] === 'POST' ? $systempay_raw_body : (string) $_SERVER['QUERY_STRING'];
// Only an urlencoded field list may pass (no header injection, no fragment).
if (!preg_match('/^[A-Za-z0-9_.~%+=&\-]*$/', $systempay_query) || strlen($systempay_query) > 65536) {
    $systempay_query = '';
}
$systempay_target = html_entity_decode(xtc_href_link(FILENAME_CHECKOUT_PROCESS, '', 'SSL', false), ENT_QUOTES, 'UTF-8');
header('Cache-Control: no-store');
header('Location: ' . $systempay_target . ($systempay_query !== '' ? '?' . $systempay_query : ''), true, 303);
exit;
