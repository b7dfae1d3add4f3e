<?php
/**
 * Systempay for modified eCommerce: the order confirmation mail outside the shop's checkout.
 *
 * The shop's send_order.php builds the mail (its templates, the order's language, the shop owner's
 * copy). From the notification it runs under application_top_callback.php, which loads far less than
 * application_top.php: no main language file, no $xtPrice, and not every function the template
 * registers as a Smarty modifier (new Smarty() throws "Plugin 'xtc_date_short' not callable").
 * prepare() loads those, without the full application_top.php (that one redirects in maintenance
 * mode, which the platform would count as delivered).
 *
 * watch()/finish() tell whether the mail left: send_order.php ignores xtc_php_mail()'s result, but
 * xtc_php_mail() raises E_USER_WARNING "Mailer Error - …" when sending fails, so a wrapping error
 * handler sees which recipient failed (and passes every other error on to the shop's own handler).
 */
defined('DIR_FS_CATALOG') or die('Direct Access to this location is not allowed.');

require_once __DIR__ . '/SystempayStore.php';

class SystempayOrderMail
{
    /** Function files application_top.php loads and application_top_callback.php does not (file => function). */
    const FUNCTION_FILES = array(
        'xtc_date_short.inc.php' => 'xtc_date_short',
        'xtc_date_long.inc.php' => 'xtc_date_long',
        'xtc_address_format.inc.php' => 'xtc_address_format',
        'xtc_get_products_name.inc.php' => 'xtc_get_products_name',
        'xtc_get_category_path.inc.php' => 'xtc_get_category_path',
        'xtc_get_content_path.inc.php' => 'xtc_get_content_path',
        'xtc_check_stock.inc.php' => 'xtc_check_stock',
        'xtc_hide_session_id.inc.php' => 'xtc_hide_session_id',
        'xtc_js_lang.php' => 'xtc_js_lang',
        'get_lang_id_by_directory.inc.php' => 'get_lang_id_by_directory',
    );

    /** Session values send_order.php and xtc_php_mail() read, replaced by the order's while it runs. */
    const SESSION_KEYS = array('customer_id', 'language', 'languages_id', 'language_code', 'language_charset');

    /** @var array|null the mail being watched: orders id, buyer's address, failures, saved session */
    private static $current;

    /** @var bool the shutdown release is registered */
    private static $shutdownRegistered = false;

    /**
     * Before send_order.php runs from the notification: the order's customer and language in the
     * session, the order's main language file, the template's modifiers, $xtPrice. Returns the
     * globals send_order.php expects ($insert_id, $smarty) as an array. Throws when the order is
     * missing or its language cannot be loaded.
     */
    public static function prepare($ordersId)
    {
        $order = SystempayStore::fetch("SELECT customers_id, customers_email_address, customers_status, language, currency FROM " . TABLE_ORDERS . " WHERE orders_id = " . (int) $ordersId);
        if ($order === null) {
            throw new RuntimeException('order ' . (int) $ordersId . ' not found');
        }
        $language = SystempayStore::fetch("SELECT languages_id, code, directory, language_charset FROM " . TABLE_LANGUAGES . " WHERE directory = '" . xtc_db_input((string) $order['language']) . "'");
        if ($language === null || !preg_match('/^[a-z_]+$/', (string) $language['directory'])) {
            throw new RuntimeException('language of order ' . (int) $ordersId . ' not installed');
        }
        self::loadLanguage($language['directory']);
        self::loadFunctions();
        foreach (array('main' => 'main.php', 'xtcPrice' => 'xtcPrice.php', 'order' => 'order.php') as $class => $file) {
            if (!class_exists($class, false)) {
                require_once DIR_FS_CATALOG . 'includes/classes/' . $file;
            }
        }
        if (!isset($GLOBALS['xtPrice']) || !is_object($GLOBALS['xtPrice'])) {
            // As send_order.php does for the admin: the order's currency and customer group.
            $GLOBALS['xtPrice'] = new xtcPrice((string) $order['currency'], (int) $order['customers_status']);
        }
        self::watch($ordersId, (string) $order['customers_email_address'], array(
            'customer_id' => (int) $order['customers_id'],
            'language' => $language['directory'],
            'languages_id' => (int) $language['languages_id'],
            'language_code' => $language['code'],
            'language_charset' => $language['language_charset'],
        ));
        return array('insert_id' => (int) $ordersId, 'smarty' => new Smarty());
    }

    /** The order language's main language file (defines the constants and functions the mail uses). */
    private static function loadLanguage($directory)
    {
        $file = DIR_FS_CATALOG . 'lang/' . $directory . '/' . $directory . '.php';
        if (!is_file($file)) {
            throw new RuntimeException('language file ' . $directory . ' missing');
        }
        $real = realpath($file);
        foreach (get_included_files() as $included) {
            if ($included === $real) {
                return;
            }
        }
        if (function_exists('xtc_date_raw')) {
            // Another main language file is loaded: a second one would redeclare its functions.
            throw new RuntimeException('another language is loaded');
        }
        include_once $file;
    }

    /**
     * Every modifier the template registers (templates/<CURRENT_TEMPLATE>/smarty/register_php_plugins.php)
     * that is not defined yet, from the shop's inc/ when it has the file; then the functions
     * send_order.php and the order class use that the callback bootstrap does not load.
     */
    public static function loadFunctions()
    {
        $files = array();
        $plugins = DIR_FS_CATALOG . 'templates/' . CURRENT_TEMPLATE . '/smarty/register_php_plugins.php';
        if (is_file($plugins)) {
            $names = (static function ($file) {
                $register_php_plugins = array();
                include $file;
                return is_array($register_php_plugins) ? $register_php_plugins : array();
            })($plugins);
            foreach ($names as $name) {
                if (is_string($name) && preg_match('/^[A-Za-z_][A-Za-z0-9_]*$/', $name)) {
                    $files[$name . '.inc.php'] = $name;
                }
            }
        }
        foreach ($files + self::FUNCTION_FILES as $file => $function) {
            if (!function_exists($function) && is_file(DIR_FS_INC . $file)) {
                require_once DIR_FS_INC . $file;
            }
        }
    }

    /**
     * Starts watching the mail of an order: the shop's handler keeps getting every error, this one
     * notes which recipients' xtc_php_mail() failed. $session: values to put in $_SESSION meanwhile.
     */
    public static function watch($ordersId, $buyerAddress, array $session = array())
    {
        if (self::$current !== null) {
            self::finish();
        }
        $saved = array();
        foreach ($session as $key => $value) {
            $saved[$key] = array_key_exists($key, $_SESSION ?? array()) ? array(true, $_SESSION[$key]) : array(false, null);
            $_SESSION[$key] = $value;
        }
        self::$current = array('orders_id' => (int) $ordersId, 'buyer' => strtolower(trim($buyerAddress)), 'buyer_failed' => false,
            'owner_failed' => false, 'errors' => array(), 'session' => $saved);
        $previous = null;
        $previous = set_error_handler(static function ($errno, $errstr, $errfile = '', $errline = 0) use (&$previous) {
            if ($errno === E_USER_WARNING && strpos((string) $errstr, 'Mailer Error') === 0 && self::$current !== null) {
                // Recorded in the module's event log (admin order panel) with the reason, and the claim
                // goes back; not passed on, so the shop's log gets no entry from inside a module call.
                self::noteFailure((string) $errstr);
                return true;
            }
            if (is_callable($previous)) {
                return call_user_func($previous, $errno, $errstr, $errfile, $errline);
            }
            return false;
        });
        if (!self::$shutdownRegistered) {
            self::$shutdownRegistered = true;
            // A fatal error while sending must not leave the claim taken: give it back.
            register_shutdown_function(static function () {
                if (self::$current !== null && SystempayStore::holdsOrderMail(self::$current['orders_id'])) {
                    try {
                        SystempayStore::releaseOrderMail(self::$current['orders_id']);
                    } catch (Exception $e) {
                        // the claim then expires after SystempayStore::MAIL_CLAIM_TIMEOUT_MINUTES
                    }
                }
            });
        }
    }

    /** Called from the error handler inside xtc_php_mail(): whose message failed? */
    private static function noteFailure($message)
    {
        self::$current['errors'][] = preg_replace('/^Mailer Error\s*-\s*/', '', $message);
        foreach (debug_backtrace(0) as $frame) {
            if (isset($frame['function']) && $frame['function'] === 'xtc_php_mail' && !isset($frame['class'])) {
                $to = isset($frame['args'][2]) && is_string($frame['args'][2]) ? strtolower(trim($frame['args'][2])) : '';
                if ($to !== '' && $to === self::$current['buyer']) {
                    self::$current['buyer_failed'] = true;
                } else {
                    self::$current['owner_failed'] = true;
                }
                return;
            }
        }
        self::$current['buyer_failed'] = true; // unknown recipient: assume the buyer's
    }

    /** True while an order's mail is watched by this request. */
    public static function watching($ordersId)
    {
        return self::$current !== null && self::$current['orders_id'] === (int) $ordersId;
    }

    /**
     * Stops watching: restores the error handler and the session. Returns null when the buyer's
     * message left (the owner's copy failing alone does not justify a second mail to the buyer),
     * else the reason it did not.
     */
    public static function finish(Throwable $error = null)
    {
        if (self::$current === null) {
            return $error !== null ? get_class($error) . ': ' . $error->getMessage() : 'not watched';
        }
        $current = self::$current;
        self::$current = null;
        restore_error_handler();
        foreach ($current['session'] as $key => $saved) {
            if ($saved[0]) {
                $_SESSION[$key] = $saved[1];
            } else {
                unset($_SESSION[$key]);
            }
        }
        if ($error !== null) {
            return get_class($error) . ': ' . $error->getMessage();
        }
        return $current['buyer_failed'] ? 'the mail to the buyer could not be sent (' . implode('; ', array_unique($current['errors'])) . ')' : null;
    }

    /**
     * The outcome of a send by the holder of the claim: confirmed (with the time) when the buyer's
     * message left, else released for the next try; recorded in the module's event log either way.
     */
    public static function conclude($ordersId, $source, $failure)
    {
        try {
            if ($failure === null) {
                SystempayStore::confirmOrderMail($ordersId);
                SystempayStore::logEvent($ordersId, 'MAIL', null, null, 'sent', 'OK-Order mail sent (' . $source . ').', 0);
            } else {
                SystempayStore::releaseOrderMail($ordersId);
                SystempayStore::logEvent($ordersId, 'MAIL', null, null, 'failed', 'KO-Order mail not sent (' . $source . '), will be retried: ' . $failure, 0);
            }
        } catch (SystempayStoreException $e) {
            // Not confirmed: the claim expires after SystempayStore::MAIL_CLAIM_TIMEOUT_MINUTES.
        }
    }

    /** As the shop's checkout does when it mails the buyer: the newest history row is marked as notified. */
    public static function markCustomerNotified($ordersId)
    {
        $row = SystempayStore::fetch("SELECT MAX(orders_status_history_id) AS id FROM " . TABLE_ORDERS_STATUS_HISTORY . " WHERE orders_id = " . (int) $ordersId);
        if ($row !== null && $row['id'] !== null) {
            SystempayStore::query("UPDATE " . TABLE_ORDERS_STATUS_HISTORY . " SET customer_notified = 1 WHERE orders_status_history_id = " . (int) $row['id']);
        }
    }
}
