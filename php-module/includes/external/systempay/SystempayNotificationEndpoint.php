<?php
/**
 * Systempay for modified eCommerce: the notification (IPN) endpoint behind
 * callback/systempay/process.php. Answers are plain text for the merchant back office: HTTP 200
 * with OK-/KO- for everything handled (a permanent rejection must not be retried), HTTP 503 when
 * the result could not be recorded, so that the platform retries. Never a redirect: the platform
 * counts a 3xx as delivered.
 */
// Loaded by the shop only (its bootstrap defines DIR_FS_CATALOG; only the admin top defines _VALID_XTC).
defined('DIR_FS_CATALOG') or die('Direct Access to this location is not allowed.');

require_once __DIR__ . '/SystempayPayment.php';

class SystempayNotificationEndpoint
{
    const KO_SIGNATURE = 'KO-An error occurred while computing the signature.';
    const KO_MALFORMED = 'KO-Invalid notification data.';
    const KO_NOT_RECORDED = 'KO-Payment result could not be recorded, please retry.';
    const KO_NOT_CONFIGURED = 'KO-Payment module is not available.';
    const KO_NOT_A_NOTIFICATION = 'KO-Not a payment notification (browser return fields), ignored.';

    /**
     * Answers the notification. Returns the id of an order whose confirmation mail this request
     * claimed and must send (process.php does it at global scope, after the answer), else 0.
     */
    public static function handle($rawBody)
    {
        $started = microtime(true);
        $input = (string) $rawBody;
        $source = 'IPN';
        if ($input === '' && !empty($_POST)) {
            // No raw body (some SAPIs consume it): $_POST has been through the shop's input filter,
            // so a signature over accented or quoted values may fail. Logged so the admin knows.
            $input = $_POST;
            $source = 'IPN-POST';
        }
        if (!SystempayConfig::extensionLoaded() || !SystempayConfig::isInstalled()) {
            // Not recorded: a retry once the module works again will record it.
            self::answer(503, self::KO_NOT_CONFIGURED);
            return 0;
        }
        $rest = is_string($input) ? strpos($input, 'kr-answer=') !== false : isset($input['kr-answer']);
        if (implode('', $rest ? SystempayConfig::restPasswords() : SystempayConfig::keys()) === '') {
            // No key at all for this wire format (e.g. the REST keys cleared after switching back to the
            // hosted page): nothing can be verified now, so the platform must retry later.
            self::answer(503, self::KO_NOT_CONFIGURED);
            return 0;
        }
        try {
            $n = $rest
                // The embedded form's notification: kr-answer hashed with the REST password.
                ? Systempay\parse_rest_result($input, SystempayConfig::hmacKeys(), SystempayConfig::restPasswords())
                : Systempay\parse_notification($input, SystempayConfig::keys(), SystempayConfig::algorithm());
        } catch (Systempay\SignatureException $e) {
            self::finish(200, self::KO_SIGNATURE, null, $source, null, null, null, $started);
            return 0;
        } catch (Systempay\Exception $e) {
            self::finish(200, self::KO_MALFORMED, null, $source, null, null, null, $started);
            return 0;
        }
        $ordersId = (int) $n->orderId();
        if (!$n->isServerNotification()) {
            // Signed browser-return fields (no vads_hash): anyone who paid once holds such a query string
            // and could replay it here later; only the buyer's own return page may use them.
            self::finish(200, self::KO_NOT_A_NOTIFICATION, $ordersId, $source, $n->transId(), $n->status(), null, $started);
            return 0;
        }
        try {
            $result = SystempayPayment::apply($n);
        } catch (SystempayStoreException $e) {
            self::finish(503, self::KO_NOT_RECORDED, $ordersId, $source, $n->transId(), $n->status(), null, $started);
            return 0;
        }
        self::finish(200, $result->answer, $ordersId, $source, $n->transId(), $n->status(), $result->decision, $started);
        // A paid order whose mail has not gone out (buyer not back yet, tab closed, or an earlier
        // send failed and gave its claim back) gets it from here; the claim makes it once per order.
        if ($result->outcome === 'success' && $result->decision !== null) {
            try {
                return SystempayStore::claimOrderMail($ordersId, 'IPN') ? $ordersId : 0;
            } catch (SystempayStoreException $e) {
                return 0; // the buyer's return (or a retry) will still send it
            }
        }
        return 0;
    }

    private static function finish($code, $answer, $ordersId, $source, $transId, $status, $decision, $started)
    {
        $durationMs = (int) round((microtime(true) - $started) * 1000);
        self::answer($code, $answer);
        SystempayStore::logEvent((int) $ordersId, $source, $transId, $status, $decision, ($code === 503 ? '503 ' : '') . $answer, $durationMs);
    }

    private static function answer($code, $text)
    {
        while (ob_get_level() > 0) {
            ob_end_clean();
        }
        http_response_code($code);
        header('Content-Type: text/plain; charset=utf-8');
        header('Cache-Control: no-store');
        if ($code === 503) {
            header('Retry-After: 60');
        }
        echo $text;
        flush(); // the platform has its answer even while a mail is being sent
        $GLOBALS['systempay_answered'] = true; // disarms guard.php

    }
}
