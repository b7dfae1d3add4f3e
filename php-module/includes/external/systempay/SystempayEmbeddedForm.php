<?php
/**
 * Systempay for modified eCommerce: the embedded card form, the page shown inside the shop's own
 * checkout_payment_iframe.php once the temporary order and its form token exist. It belongs to the
 * buyer's session and its order only. The platform's JavaScript client draws the card fields; on
 * acceptance it posts the signed result to callback/systempay/return.php, which hands it on to
 * checkout_process.php in the top window, where before_process() verifies it. A refused card stays
 * on the form with the platform's message and can be tried again with the same token.
 */
// Loaded by the shop only (its bootstrap defines DIR_FS_CATALOG; only the admin top defines _VALID_XTC).
defined('DIR_FS_CATALOG') or die('Direct Access to this location is not allowed.');

require_once __DIR__ . '/SystempayConfig.php';
require_once __DIR__ . '/SystempayStore.php';
require_once __DIR__ . '/SystempayPayment.php';

class SystempayEmbeddedForm
{
    /** kr-language for the shop's language code (the client wants a locale). */
    const LOCALES = array('de' => 'de-DE', 'en' => 'en-GB', 'fr' => 'fr-FR', 'es' => 'es-ES', 'it' => 'it-IT', 'nl' => 'nl-NL',
        'pl' => 'pl-PL', 'pt' => 'pt-PT', 'ru' => 'ru-RU', 'sv' => 'sv-SE', 'tr' => 'tr-TR', 'zh' => 'zh-CN', 'ja' => 'ja-JP');

    public static function render()
    {
        header('Content-Type: text/html; charset=utf-8');
        header('Cache-Control: no-store');
        // Only the shop's own checkout page may frame the card form (no clickjacking).
        header("Content-Security-Policy: frame-ancestors 'self'");
        header('X-Frame-Options: SAMEORIGIN');
        self::loadTexts();
        $attempt = self::currentAttempt();
        $payment = xtc_href_link(FILENAME_CHECKOUT_PAYMENT, 'payment_error=systempay', 'SSL');
        if ($attempt === null) {
            self::toTop($payment, 'ERROR_NOT_PAID');
            return;
        }
        $decided = $attempt['status'] !== null && $attempt['status'] !== '';
        if ($decided && ($attempt['outcome'] === 'success' || $attempt['outcome'] === 'pending')) {
            // Already decided (the notification came first): checkout_process.php finishes the order.
            self::toTop(xtc_href_link(FILENAME_CHECKOUT_PROCESS, '', 'SSL'), null);
            return;
        }
        if ($decided) {
            // Refused for good or cancelled: the token is spent, the buyer chooses again.
            self::toTop($payment, $attempt['outcome'] === 'cancelled' ? 'ERROR_CANCELLED' : 'ERROR_REFUSED');
            return;
        }
        if (isset($_GET['other']) && hash_equals(self::leaveToken($attempt), (string) $_GET['other'])) {
            // Another payment method: this order will never be paid by this form. Cancelled (stock back)
            // unless a result arrived meanwhile; a late success still pays it (the state table applies it).
            try {
                SystempayPayment::cancelUnpaidOrder((int) $attempt['orders_id'], 'Systempay: the buyer chose another payment method, order cancelled before any payment');
            } catch (SystempayStoreException $e) {
                // Left pending; the admin sees an order without a result.
            }
            self::toTop(xtc_href_link(FILENAME_CHECKOUT_PAYMENT, '', 'SSL'), null);
            return;
        }
        $js = SystempayConfig::jsClientUrl();
        $theme = preg_match('~^(https?://.+/)stable/kr-payment-form\.min\.js$~', $js, $m) ? $m[1] . 'ext/' : null;
        $language = isset($_SESSION['language_code']) ? (string) $_SESSION['language_code'] : 'en';
        $locale = isset(self::LOCALES[$language]) ? self::LOCALES[$language] : 'en-GB';
        $success = SystempayConfig::shopBaseUrl() . SystempayConfig::RETURN_PATH;
        $h = static function ($text) {
            return htmlspecialchars((string) $text, ENT_QUOTES, 'UTF-8');
        };
        echo '<!DOCTYPE html><html lang="' . $h($language) . '"><head><meta charset="utf-8">';
        echo '<meta name="viewport" content="width=device-width, initial-scale=1"><title>' . $h(strip_tags(self::text('TEXT_TITLE', 'Systempay'))) . '</title>';
        if ($theme !== null) {
            echo '<link rel="stylesheet" href="' . $h($theme . 'classic-reset.css') . '">';
        }
        echo '<script src="' . $h($js) . '" kr-public-key="' . $h(SystempayConfig::publicKey()) . '" kr-post-url-success="' . $h($success) . '" kr-language="' . $h($locale) . '"></script>';
        if ($theme !== null) {
            echo '<link rel="stylesheet" href="' . $h($theme . 'classic.css') . '"><script src="' . $h($theme . 'classic.js') . '"></script>';
        }
        echo '<style>body{font-family:sans-serif;margin:1em;color:#333}.systempay-other{margin-top:1.5em;display:inline-block}</style>';
        echo '</head><body>';
        // Language constants are the shop's trusted HTML (entities for non-ASCII), printed as they are.
        echo '<p id="systempay_intro">' . self::text('EMBEDDED_INTRO', 'Enter your card details.') . '</p>';
        if (SystempayConfig::isTestMode()) {
            echo '<p><strong>' . self::text('TEST_MODE_BUYER', 'TEST mode') . '</strong></p>';
        }
        echo '<div class="kr-embedded"' . (SystempayConfig::isPopin() ? ' kr-popin' : '') . ' kr-form-token="' . $h($attempt['form_token']) . '"></div>';
        echo '<a class="systempay-other" id="systempay_other_method" href="' . $h(SystempayConfig::shopBaseUrl() . SystempayConfig::EMBEDDED_FORM_PATH . '?other=' . rawurlencode(self::leaveToken($attempt))) . '">'
            . self::text('EMBEDDED_OTHER_METHOD', 'Choose another payment method') . '</a>';
        echo '</body></html>';
    }

    /** The session's temporary Systempay order's embedded-form attempt with its token, or null. */
    private static function currentAttempt()
    {
        if (!isset($_SESSION['tmp_oID'], $_SESSION['customer_id']) || !is_numeric($_SESSION['tmp_oID']) || !SystempayConfig::isEmbedded()) {
            return null;
        }
        $ordersId = (int) $_SESSION['tmp_oID'];
        try {
            $order = SystempayStore::fetch("SELECT payment_class FROM " . TABLE_ORDERS . " WHERE orders_id = " . $ordersId . " AND customers_id = " . (int) $_SESSION['customer_id']);
            if ($order === null || $order['payment_class'] !== 'systempay') {
                return null;
            }
            $attempts = SystempayStore::attempts($ordersId);
        } catch (SystempayStoreException $e) {
            return null;
        }
        $attempt = isset($attempts[0]) ? $attempts[0] : null;
        if ($attempt === null || $attempt['channel'] !== 'REST' || (string) $attempt['form_token'] === '' || $attempt['ctx_mode'] !== SystempayConfig::ctxMode()) {
            return null;
        }
        return $attempt;
    }

    /** What the "another payment method" link carries: only this page knows it (no cross-site cancellation). */
    private static function leaveToken(array $attempt)
    {
        return substr((string) $attempt['form_token'], -16);
    }

    /** Leaves the iframe for $url in the whole window (the shop's page around it). */
    private static function toTop($url, $error)
    {
        if ($error !== null) {
            $_SESSION['systempay_error'] = $error;
        }
        $url = html_entity_decode((string) $url, ENT_QUOTES, 'UTF-8');
        echo '<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>';
        echo '<script>window.top.location.href = ' . json_encode($url, JSON_HEX_TAG | JSON_HEX_AMP | JSON_HEX_APOS | JSON_HEX_QUOT | JSON_UNESCAPED_SLASHES) . ';</script>';
        echo '<a target="_top" href="' . htmlspecialchars($url, ENT_QUOTES, 'UTF-8') . '">' . htmlspecialchars($url, ENT_QUOTES, 'UTF-8') . '</a>';
        echo '</body></html>';
    }

    /** The module's texts in the buyer's language (the payment class is not loaded on this page). */
    private static function loadTexts()
    {
        $language = isset($_SESSION['language']) ? basename((string) $_SESSION['language']) : 'english';
        $file = DIR_FS_CATALOG . 'lang/' . $language . '/modules/payment/systempay.php';
        if (is_file($file)) {
            include_once $file;
        }
    }

    private static function text($suffix, $default)
    {
        return defined('MODULE_PAYMENT_SYSTEMPAY_' . $suffix) ? constant('MODULE_PAYMENT_SYSTEMPAY_' . $suffix) : $default;
    }
}
