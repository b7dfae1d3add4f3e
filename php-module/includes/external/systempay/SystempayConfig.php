<?php
/**
 * Systempay for modified eCommerce: the module's configuration, read from the shop's
 * MODULE_PAYMENT_SYSTEMPAY_* constants, and its translation into the extension's settings array.
 * Every read is guarded with defined(): the class runs before installation too (admin list).
 */
// Loaded by the shop only (its bootstrap defines DIR_FS_CATALOG; only the admin top defines _VALID_XTC).
defined('DIR_FS_CATALOG') or die('Direct Access to this location is not allowed.');

class SystempayConfig
{
    const PREFIX = 'MODULE_PAYMENT_SYSTEMPAY_';
    const DEFAULT_PLATFORM_URL = 'https://paiement.systempay.fr/vads-payment/';
    const DEFAULT_REST_URL = 'https://api.systempay.fr';
    const DEFAULT_JS_CLIENT_URL = 'https://static.systempay.fr/static/js/krypton-client/V4.0/stable/kr-payment-form.min.js';
    const DEFAULT_REDIRECT_MESSAGE = 'Redirection vers la boutique dans quelques instants';
    const NOTIFICATION_PATH = 'callback/systempay/process.php';
    const RETURN_PATH = 'callback/systempay/return.php';
    const EMBEDDED_FORM_PATH = 'callback/systempay/form.php';
    const MODULE_VERSION = '1.0.0';

    /** Card brands offered in the admin's multi-select (the platform's codes). */
    const CARD_TYPES = array(
        'CB' => 'CB', 'VISA' => 'Visa', 'VISA_ELECTRON' => 'Visa Electron', 'MASTERCARD' => 'Mastercard',
        'MAESTRO' => 'Maestro', 'E-CARTEBLEUE' => 'e-Carte Bleue', 'AMEX' => 'American Express',
        'DINERS' => 'Diners', 'JCB' => 'JCB', 'CUP' => 'UnionPay',
    );

    public static function get($name, $default = '')
    {
        $constant = self::PREFIX . $name;
        return defined($constant) ? (string) constant($constant) : $default;
    }

    public static function isTrue($name)
    {
        return strtolower(self::get($name)) === 'true';
    }

    public static function isInstalled()
    {
        return defined(self::PREFIX . 'STATUS');
    }

    public static function extensionLoaded()
    {
        return extension_loaded('systempay');
    }

    public static function ctxMode()
    {
        return self::get('CTX_MODE', 'TEST') === 'PRODUCTION' ? 'PRODUCTION' : 'TEST';
    }

    public static function isTestMode()
    {
        return self::ctxMode() === 'TEST';
    }

    public static function algorithm()
    {
        return self::get('SIGN_ALGORITHM', 'HMAC-SHA-256') === 'SHA-1' ? 'SHA-1' : 'HMAC-SHA-256';
    }

    /** Both keys, for verifying a notification of either mode. */
    public static function keys()
    {
        return array('TEST' => trim(self::get('KEY_TEST')), 'PRODUCTION' => trim(self::get('KEY_PROD')));
    }

    public static function siteId()
    {
        return trim(self::get('SITE_ID'));
    }

    public static function platformUrl()
    {
        $url = trim(self::get('PLATFORM_URL', self::DEFAULT_PLATFORM_URL));
        return $url !== '' ? $url : self::DEFAULT_PLATFORM_URL;
    }

    /** A `;`/`,` separated setting as a list without empty items. */
    public static function listOf($name)
    {
        return array_values(array_filter(array_map('trim', preg_split('/[;,]/', self::get($name))), 'strlen'));
    }

    public static function statusId($name, $fallback)
    {
        $id = (int) self::get($name);
        return $id > 0 ? $id : (int) $fallback;
    }

    public static function pendingStatusId()
    {
        return self::statusId('PENDING_STATUS_ID', defined('DEFAULT_ORDERS_STATUS_ID') ? DEFAULT_ORDERS_STATUS_ID : 1);
    }

    public static function acceptedStatusId()
    {
        return self::statusId('ORDER_STATUS_ID', 2);
    }

    public static function cancelledStatusId()
    {
        return self::statusId('CANCELLED_STATUS_ID', 4);
    }

    /** Cancelled, expired or not captured after the payment succeeded. */
    public static function revokedStatusId()
    {
        return self::statusId('REVOKED_STATUS_ID', self::cancelledStatusId());
    }

    /** Wholly refunded. */
    public static function refundedStatusId()
    {
        return self::statusId('REFUNDED_STATUS_ID', self::cancelledStatusId());
    }

    /** The buyer pays in the embedded form (REST API) instead of on the hosted payment page. */
    public static function isEmbedded()
    {
        return self::get('PAYMENT_FORM', 'HOSTED') === 'EMBEDDED';
    }

    /** The embedded form opens in a pop-in (behind a button) instead of inside the page. */
    public static function isPopin()
    {
        return self::get('FORM_LOOK', 'EMBEDDED') === 'POPIN';
    }

    /** The REST API user: the shop id unless set apart. */
    public static function restUser()
    {
        $user = trim(self::get('REST_USER'));
        return $user !== '' ? $user : self::siteId();
    }

    /** REST passwords: HTTP Basic for the calls, and the key of the REST notifications' kr-hash. */
    public static function restPasswords()
    {
        return array('TEST' => trim(self::get('REST_PASSWORD_TEST')), 'PRODUCTION' => trim(self::get('REST_PASSWORD_PROD')));
    }

    /** HMAC-SHA-256 keys: the key of the browser return's kr-hash. */
    public static function hmacKeys()
    {
        return array('TEST' => trim(self::get('HMAC_KEY_TEST')), 'PRODUCTION' => trim(self::get('HMAC_KEY_PROD')));
    }

    /** The public JavaScript key of the current mode (it is public: it ends up in the page). */
    public static function publicKey()
    {
        return trim(self::get(self::isTestMode() ? 'PUBLIC_KEY_TEST' : 'PUBLIC_KEY_PROD'));
    }

    public static function restUrl()
    {
        $url = rtrim(trim(self::get('REST_URL', self::DEFAULT_REST_URL)), '/');
        return $url !== '' ? $url : self::DEFAULT_REST_URL;
    }

    public static function jsClientUrl()
    {
        $url = trim(self::get('JS_CLIENT_URL', self::DEFAULT_JS_CLIENT_URL));
        return $url !== '' ? $url : self::DEFAULT_JS_CLIENT_URL;
    }

    /** The settings array of Systempay\build_rest_payment(). */
    public static function restSettings()
    {
        return array(
            'site_id' => self::siteId(),
            'ctx_mode' => self::ctxMode(),
            'capture_delay' => trim(self::get('CAPTURE_DELAY')),
            'validation_mode' => trim(self::get('VALIDATION_MODE')),
            'threeds_min_amount' => trim(self::get('THREEDS_MIN_AMOUNT')),
            'contrib' => self::contrib(),
        );
    }

    /** The shop's public base URL (https when the shop uses SSL), ending with the catalog dir. */
    public static function shopBaseUrl()
    {
        $ssl = defined('ENABLE_SSL') && ENABLE_SSL;
        if (defined('HTTP_CATALOG_SERVER')) { // admin pages (admin/includes/paths.php)
            $server = ($ssl || (defined('ENABLE_SSL_CATALOG') && ENABLE_SSL_CATALOG === 'true')) && defined('HTTPS_CATALOG_SERVER') ? HTTPS_CATALOG_SERVER : HTTP_CATALOG_SERVER;
        } else {
            $server = $ssl && defined('HTTPS_SERVER') ? HTTPS_SERVER : (defined('HTTP_SERVER') ? HTTP_SERVER : '');
        }
        return rtrim($server, '/') . '/' . ltrim(defined('DIR_WS_CATALOG') ? DIR_WS_CATALOG : '/', '/');
    }

    /** The exact URL to paste into the merchant back office. */
    public static function notificationUrl()
    {
        return self::shopBaseUrl() . self::NOTIFICATION_PATH;
    }

    /** The settings array of Systempay\build_payment_request(). */
    public static function requestSettings()
    {
        return array(
            'site_id' => self::siteId(),
            'ctx_mode' => self::ctxMode(),
            'key_test' => self::get('KEY_TEST'),
            'key_production' => self::get('KEY_PROD'),
            'sign_algorithm' => self::algorithm(),
            'default_language' => self::get('LANGUAGE', 'fr'),
            'available_languages' => self::listOf('AVAILABLE_LANGUAGES'),
            'capture_delay' => trim(self::get('CAPTURE_DELAY')),
            'validation_mode' => trim(self::get('VALIDATION_MODE')),
            'payment_cards' => self::listOf('PAYMENT_CARDS'),
            'threeds_min_amount' => trim(self::get('THREEDS_MIN_AMOUNT')),
            'redirect_enabled' => self::isTrue('REDIRECT_ENABLED'),
            'redirect_success_timeout' => trim(self::get('REDIRECT_SUCCESS_TIMEOUT', '5')),
            'redirect_success_message' => self::get('REDIRECT_SUCCESS_MESSAGE', self::DEFAULT_REDIRECT_MESSAGE),
            'redirect_error_timeout' => trim(self::get('REDIRECT_ERROR_TIMEOUT', '5')),
            'redirect_error_message' => self::get('REDIRECT_ERROR_MESSAGE', self::DEFAULT_REDIRECT_MESSAGE),
            'return_mode' => self::get('RETURN_MODE', 'GET') === 'POST' ? 'POST' : 'GET',
            'contrib' => self::contrib(),
        );
    }

    /** vads_contrib: shop version, module version, PHP version. */
    public static function contrib()
    {
        return 'modified' . self::shopVersion() . '_' . self::MODULE_VERSION . '/' . PHP_VERSION;
    }

    /** '3.3.0' from the shop's database_version table ('MOD_3.3.0'); '' when unknown. */
    public static function shopVersion()
    {
        static $version = null;
        if ($version === null) {
            $version = '';
            $exists = xtc_db_query("SHOW TABLES LIKE 'database_version'");
            if ($exists !== false && xtc_db_num_rows($exists) > 0) {
                $query = xtc_db_query('SELECT version FROM database_version ORDER BY id DESC LIMIT 1');
                $row = $query === false ? false : xtc_db_fetch_array($query);
                if (is_array($row) && preg_match('/([0-9]+(?:\.[0-9]+)*)/', (string) $row['version'], $m)) {
                    $version = $m[1];
                }
            }
        }
        return $version;
    }

    /**
     * What is wrong with the saved configuration, as language-constant suffixes (the admin shows
     * them; checkout hides the method while any is present). Empty when usable.
     */
    public static function problems()
    {
        $problems = array();
        if (!self::extensionLoaded()) {
            return array('ERROR_EXTENSION');
        }
        if (!preg_match('/^[0-9]{8}$/', self::siteId())) {
            $problems[] = 'ERROR_SITE_ID';
        }
        if (self::isEmbedded()) {
            // The embedded form needs the REST password, the public key and the HMAC key of the mode;
            // the hosted page's key is not used.
            $suffix = self::isTestMode() ? '_TEST' : '_PROD';
            foreach (array('REST_PASSWORD', 'PUBLIC_KEY', 'HMAC_KEY') as $name) {
                if (trim(self::get($name . $suffix)) === '') {
                    $problems[] = 'ERROR_REST_KEYS';
                    break;
                }
            }
            foreach (array(self::restUrl(), self::jsClientUrl()) as $url) {
                // The password travels to the REST URL and the card fields come from the script URL:
                // https only, except on this machine (a local sandbox).
                if (!preg_match('~^https://~i', $url) && !preg_match('~^http://(127\.0\.0\.1|localhost|\[::1\])(:[0-9]+)?/~i', $url . '/')) {
                    $problems[] = 'ERROR_INSECURE_URL';
                    break;
                }
            }
            $publicKey = self::publicKey();
            if ($publicKey !== '' && strpos($publicKey, self::restUser() . ':') !== 0) {
                $problems[] = 'ERROR_PUBLIC_KEY';
            }
        } else {
            $keys = self::keys();
            if ($keys[self::ctxMode()] === '') {
                $problems[] = self::isTestMode() ? 'ERROR_KEY_TEST' : 'ERROR_KEY_PROD';
            }
        }
        foreach (array('REDIRECT_SUCCESS_TIMEOUT', 'REDIRECT_ERROR_TIMEOUT') as $name) {
            $value = trim(self::get($name, '5'));
            if ($value !== '' && (!ctype_digit($value) || (int) $value > 300)) {
                $problems[] = 'ERROR_TIMEOUT';
                break;
            }
        }
        foreach (array('AMOUNT_MIN', 'AMOUNT_MAX', 'THREEDS_MIN_AMOUNT') as $name) {
            $value = trim(self::get($name));
            if ($value !== '' && !self::isPlainAmount($value)) {
                $problems[] = 'ERROR_AMOUNT';
                break;
            }
        }
        $delay = trim(self::get('CAPTURE_DELAY'));
        if ($delay !== '' && (!ctype_digit($delay) || (int) $delay > 365)) {
            $problems[] = 'ERROR_CAPTURE_DELAY';
        }
        if (empty($problems)) {
            // Whatever else the extension refuses (languages, URLs…) is caught by building a sample.
            try {
                if (self::isEmbedded()) {
                    Systempay\build_rest_payment(self::restSettings(), array(
                        'order_id' => '1', 'amount' => '1.00', 'currency' => 'EUR', 'trans_id' => '000000',
                        'ipn_url' => self::notificationUrl(),
                    ));
                } else {
                    Systempay\build_payment_request(self::requestSettings(), array(
                        'order_id' => '1', 'amount' => '1.00', 'currency' => 'EUR', 'trans_id' => '000000',
                        'url_return' => self::shopBaseUrl() . 'checkout_process.php',
                    ));
                }
            } catch (Systempay\Exception $e) {
                $problems[] = 'ERROR_SETTINGS';
            }
        }
        return $problems;
    }

    /** A configured amount such as 30 or 30.00 (validated by the extension's own parser). */
    public static function isPlainAmount($value)
    {
        try {
            Systempay\to_minor_units($value, 'EUR');
            return true;
        } catch (Systempay\Exception $e) {
            return false;
        }
    }
}
