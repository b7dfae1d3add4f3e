<?php
/**
 * Systempay for modified eCommerce Shopsoftware (2.0.7–3.3): card payments on the Systempay hosted
 * payment page. Orchestration only: signing, verification, amounts and statuses are done by the
 * `systempay` PHP extension; the shared payment pipeline lives in includes/external/systempay/.
 *
 * Flow (modified's temporary-order mode): checkout_process.php creates the order with the pending
 * status, payment_action() posts the buyer to the payment page, the buyer comes back to
 * checkout_process.php (GET; POST returns go through callback/systempay/return.php first) where
 * before_process() verifies the return and lets the shop finish the order only when the recorded
 * payment state allows it. The notification (callback/systempay/process.php) is the source of truth.
 */
// Loaded by the shop only (its bootstrap defines DIR_FS_CATALOG; only the admin top defines _VALID_XTC).
defined('DIR_FS_CATALOG') or die('Direct Access to this location is not allowed.');

require_once DIR_FS_CATALOG . 'includes/external/systempay/SystempayConfig.php';
require_once DIR_FS_CATALOG . 'includes/external/systempay/SystempayStore.php';
require_once DIR_FS_CATALOG . 'includes/external/systempay/SystempayPayment.php';
require_once DIR_FS_CATALOG . 'includes/external/systempay/SystempayCheckoutGuard.php';
require_once DIR_FS_CATALOG . 'includes/external/systempay/SystempayRest.php';

class systempay
{
    public $code = 'systempay';
    public $title = '';
    public $description = '';
    public $sort_order = 0;
    public $enabled = false;
    public $info = '';
    public $tmpOrders = true;
    public $tmpStatus = 1;
    /** Must be non-null for the shop to create the temporary order (the form is built in payment_action()). */
    public $form_action_url = '';
    public $order_status = 0;

    public function __construct()
    {
        global $order;
        $this->title = self::text('TEXT_TITLE', 'Systempay');
        $this->description = self::text('TEXT_DESCRIPTION', '');
        $this->sort_order = (int) SystempayConfig::get('SORT_ORDER', '0');
        $this->enabled = SystempayConfig::isTrue('STATUS') && SystempayConfig::extensionLoaded();
        if (self::isReturnPass()) {
            // The temporary order exists: before_process() must run to decide (and refuse when the
            // extension is gone), otherwise the shop would finish an unpaid order.
            $this->enabled = SystempayConfig::isTrue('STATUS');
        }
        $this->tmpStatus = SystempayConfig::pendingStatusId();
        $this->order_status = SystempayConfig::acceptedStatusId();
        $this->form_action_url = SystempayConfig::platformUrl();
        $this->info = self::text('TEXT_INFO', '');
        if (self::inAdmin()) {
            $this->description .= $this->adminNotices();
        } elseif (is_object($order) && !isset($order->info['order_id']) && !self::isReturnPass()) {
            // Only a cart order is checked: a stored order (success page, order history) has
            // formatted totals and must keep the module enabled to show its payment details.
            $this->update_status();
        }
    }

    /** The buyer's way back to checkout_process.php once the temporary order exists. */
    private static function isReturnPass()
    {
        return isset($_SESSION['tmp_oID'], $_SESSION['payment']) && is_numeric($_SESSION['tmp_oID']) && $_SESSION['payment'] === 'systempay';
    }

    /** True on admin pages: only they load the admin configuration helpers. */
    private static function inAdmin()
    {
        return function_exists('xtc_cfg_select_option');
    }

    /** A language constant of this module, or $default when the language file lacks it. */
    public static function text($suffix, $default = '')
    {
        $name = 'MODULE_PAYMENT_SYSTEMPAY_' . $suffix;
        return defined($name) ? (string) constant($name) : $default;
    }

    private static function html($text)
    {
        return htmlspecialchars((string) $text, ENT_QUOTES, 'UTF-8');
    }

    /** Warnings and the TEST-mode notice shown in the admin's module box. */
    private function adminNotices()
    {
        $html = '';
        if (!SystempayConfig::extensionLoaded()) {
            return '<div style="border:2px solid #c00;padding:6px;margin:6px 0;color:#c00"><strong>' . self::text('ERROR_EXTENSION', 'The systempay PHP extension is not loaded.') . '</strong><br>'
                . self::text('ERROR_EXTENSION_HELP', '') . '</div>';
        }
        if (!SystempayConfig::isInstalled()) {
            return '';
        }
        self::upgradeIfNeeded();
        foreach (SystempayConfig::problems() as $problem) {
            $html .= '<div style="border:1px solid #c00;padding:4px;margin:4px 0;color:#c00">' . self::text($problem, $problem) . '</div>';
        }
        if (SystempayConfig::isTestMode()) {
            $html .= '<div style="border:1px solid #e90;padding:4px;margin:4px 0;background:#fff6e0">' . self::text('TEST_MODE_ADMIN', 'TEST mode') . '</div>';
        }
        $html .= '<div style="margin:4px 0">' . self::text('NOTIFICATION_URL_TITLE', 'Notification URL') . ':<br><code>' . self::html(SystempayConfig::notificationUrl()) . '</code></div>';
        return $html . self::selfChecks();
    }

    /** The admin's self-checks: links on the module page, and the result of the one just asked for. */
    private static function selfChecks()
    {
        require_once DIR_FS_CATALOG . 'includes/external/systempay/SystempaySelfCheck.php';
        $html = '<div id="systempay_checks" style="margin:6px 0">';
        $asked = isset($_GET['systempay_check']) ? (string) $_GET['systempay_check'] : '';
        if (in_array($asked, SystempaySelfCheck::CHECKS, true)) {
            $result = SystempaySelfCheck::run($asked);
            $html .= '<div id="systempay_check_result" data-ok="' . ($result['ok'] ? '1' : '0') . '" style="border:1px solid ' . ($result['ok'] ? '#393' : '#c00')
                . ';padding:4px;margin:4px 0">' . self::text($result['text'], $result['text'])
                . ($result['detail'] !== '' ? '<br><small>' . self::html($result['detail']) . '</small>' : '') . '</div>';
        }
        foreach (SystempaySelfCheck::CHECKS as $check) {
            $link = xtc_href_link(FILENAME_MODULES, 'set=payment&module=systempay&systempay_check=' . $check);
            $html .= '<a class="button" id="systempay_check_' . $check . '" href="' . $link . '">' . self::text('CHECK_' . strtoupper($check), $check) . '</a> ';
        }
        return $html . '</div>';
    }

    /** Hides the method unless the order can be paid here: zone, amount range, currency, settings. */
    public function update_status()
    {
        global $order;
        if (!$this->enabled || !is_object($order)) {
            return;
        }
        if (SystempayConfig::problems()) {
            $this->enabled = false;
            return;
        }
        $zone = (int) SystempayConfig::get('ZONE', '0');
        if ($zone > 0 && !$this->billingCountryInZone($zone, $order)) {
            $this->enabled = false;
            return;
        }
        $currency = isset($order->info['currency']) ? Systempay\currency_info((string) $order->info['currency']) : null;
        if ($currency === null) {
            $this->enabled = false;
            return;
        }
        if (!$this->totalWithinRange($order, $currency['alpha3'])) {
            $this->enabled = false;
        }
    }

    private function billingCountryInZone($zone, $order)
    {
        $countryId = isset($order->billing['country']['id']) ? (int) $order->billing['country']['id'] : 0;
        $zoneId = isset($order->billing['zone_id']) ? (int) $order->billing['zone_id'] : 0;
        $result = xtc_db_query("SELECT zone_id FROM " . TABLE_ZONES_TO_GEO_ZONES . " WHERE geo_zone_id = " . (int) $zone . " AND zone_country_id = " . $countryId . " ORDER BY zone_id");
        while ($result !== false && ($row = xtc_db_fetch_array($result))) {
            if ((int) $row['zone_id'] < 1 || (int) $row['zone_id'] === $zoneId) {
                return true;
            }
        }
        return false;
    }

    /** Minimum and maximum amounts, in the order's currency, compared in minor units by the extension. */
    private function totalWithinRange($order, $currency)
    {
        try {
            $total = Systempay\to_minor_units(SystempayPayment::decimalText(isset($order->info['total']) ? $order->info['total'] : 0), $currency);
            $min = trim(SystempayConfig::get('AMOUNT_MIN'));
            $max = trim(SystempayConfig::get('AMOUNT_MAX'));
            if ($min !== '' && $total < Systempay\to_minor_units($min, $currency)) {
                return false;
            }
            if ($max !== '' && $total > Systempay\to_minor_units($max, $currency)) {
                return false;
            }
            return $total > 0;
        } catch (Systempay\Exception $e) {
            return false;
        }
    }

    public function javascript_validation()
    {
        return false;
    }

    public function selection()
    {
        $description = self::text('TEXT_INFO', '');
        if (SystempayConfig::isTestMode()) {
            $description .= '<br><strong>' . self::text('TEST_MODE_BUYER', 'TEST mode: no real payment is made.') . '</strong>';
        }
        return array('id' => $this->code, 'module' => $this->title, 'description' => $description);
    }

    public function pre_confirmation_check()
    {
        return false;
    }

    public function confirmation()
    {
        if (SystempayConfig::isTestMode()) {
            return array('title' => $this->title, 'fields' => array(array('title' => '', 'field' => self::text('TEST_MODE_BUYER', 'TEST mode'))));
        }
        return false;
    }

    public function process_button()
    {
        return '';
    }

    /**
     * Runs on every request to checkout_process.php. Before the temporary order exists there is
     * nothing to check. Afterwards — the buyer's return, the Back button, a second "confirm", a typed
     * URL — the shop may only finish the order when a verified result is recorded for it.
     */
    public function before_process()
    {
        if (!isset($_SESSION['tmp_oID']) || !is_numeric($_SESSION['tmp_oID'])) {
            if (SystempayCheckoutGuard::carriesReturn()) {
                $this->lateReturn();
            }
            return;
        }
        if (!SystempayConfig::extensionLoaded()) {
            $this->backToPayment('ERROR_TECHNICAL'); // nothing can be verified: never finish the order
        }
        $ordersId = (int) $_SESSION['tmp_oID'];
        $rawReturn = SystempayCheckoutGuard::returnBody();
        if (strpos($rawReturn, 'vads_') !== false || strpos($rawReturn, 'kr-answer=') !== false) {
            $this->recordReturn($ordersId, $rawReturn);
        }
        try {
            $attempt = SystempayStore::latestAttempt($ordersId);
        } catch (SystempayStoreException $e) {
            $this->backToPayment('ERROR_TECHNICAL');
        }
        $status = $attempt === null ? null : $attempt['status'];
        $outcome = $attempt === null ? 'none' : $attempt['outcome'];
        $this->noteMissingNotification($ordersId, $attempt);
        if ($status !== null && $status !== '' && ($outcome === 'success' || $outcome === 'pending')) {
            return; // paid, or accepted and awaiting the platform (e.g. manual validation): finish the order
        }
        if ($outcome === 'failure') {
            $this->backToPayment('ERROR_REFUSED');
        }
        if ($outcome === 'cancelled') {
            $this->backToPayment('ERROR_CANCELLED');
        }
        $this->backToPayment('ERROR_NOT_PAID');
    }

    /**
     * The test phase relies on the notification (seed §6.2): when a buyer comes back from a TEST
     * payment and no notification has been recorded for it yet, the page says so and which URL to
     * check, with the maintenance-mode variant. Never in PRODUCTION.
     */
    private function noteMissingNotification($ordersId, $attempt)
    {
        unset($_SESSION['systempay_test_notice']);
        if ($attempt === null || $attempt['ctx_mode'] !== 'TEST' || $attempt['status'] === null || $attempt['status'] === '') {
            return; // nothing came back yet (Back button, typed URL): nothing to say about the notification
        }
        try {
            $notified = SystempayStore::notificationRecorded($ordersId, $attempt['trans_id']);
        } catch (SystempayStoreException $e) {
            return;
        }
        if (!$notified) {
            $_SESSION['systempay_test_notice'] = self::shopIsOffline() ? 'TEST_IPN_MISSING_MAINTENANCE' : 'TEST_IPN_MISSING';
        }
    }

    /** The shop's maintenance mode (SHOP_OFFLINE in shop_configuration, or a .maintenance file). */
    private static function shopIsOffline()
    {
        if (!function_exists('xtc_get_shop_conf') && is_file(DIR_FS_INC . 'xtc_get_shop_conf.inc.php')) {
            require_once DIR_FS_INC . 'xtc_get_shop_conf.inc.php';
        }
        return function_exists('xtc_get_shop_conf') && xtc_get_shop_conf('SHOP_OFFLINE') === 'checked';
    }

    /** The TEST-phase notice for the page the buyer lands on, once. */
    private static function takeTestNotice()
    {
        if (empty($_SESSION['systempay_test_notice'])) {
            return '';
        }
        $name = (string) $_SESSION['systempay_test_notice'];
        unset($_SESSION['systempay_test_notice']);
        // Language constants are trusted HTML; the URL is escaped.
        return sprintf(self::text($name, 'TEST mode: no payment notification was received. Check the notification URL %s.'),
            '<code>' . self::html(SystempayConfig::notificationUrl()) . '</code>');
    }

    /**
     * A return that arrives when the checkout session no longer has its order (finished in another
     * tab, session expired): the shop would start a new order and a second payment for goods that
     * may be paid already. Nothing is recorded from it (a return only acts in its own checkout); the
     * buyer sees the order it names if it is theirs, else the cart.
     */
    private function lateReturn()
    {
        $ordersId = 0;
        try {
            $n = self::verifyReturn(SystempayCheckoutGuard::returnBody());
            $ordersId = (int) $n->orderId();
            $owner = SystempayStore::fetch("SELECT customers_id FROM " . TABLE_ORDERS . " WHERE orders_id = " . $ordersId);
            if ($owner === null || !isset($_SESSION['customer_id']) || (int) $owner['customers_id'] !== (int) $_SESSION['customer_id']) {
                $ordersId = 0;
            }
        } catch (Exception $e) {
            $ordersId = 0;
        }
        if ($ordersId > 0) {
            xtc_redirect(xtc_href_link(FILENAME_ACCOUNT_HISTORY_INFO, 'order_id=' . $ordersId, 'SSL'));
        }
        xtc_redirect(xtc_href_link(FILENAME_SHOPPING_CART, '', 'SSL'));
    }

    /** A verified return in either wire format: the hosted page's vads_* fields, or the embedded form's kr-answer (HMAC-SHA-256 key). */
    private static function verifyReturn($raw)
    {
        if (strpos($raw, 'kr-answer=') !== false) {
            // Only the HMAC-SHA-256 keys: a notification (hashed with the password) is never a return.
            return Systempay\parse_rest_result($raw, SystempayConfig::hmacKeys(), array());
        }
        return Systempay\parse_notification($raw, SystempayConfig::keys(), SystempayConfig::algorithm());
    }

    /** Verifies the signed return and records it exactly as a notification would be. */
    private function recordReturn($ordersId, $rawReturn)
    {
        $started = microtime(true);
        try {
            $n = self::verifyReturn($rawReturn);
        } catch (Systempay\Exception $e) {
            SystempayStore::logEvent($ordersId, 'RETURN', null, null, null, 'KO-' . get_class($e), 0);
            $this->backToPayment('ERROR_TAMPERED');
        }
        if ((string) $n->orderId() !== (string) $ordersId) {
            SystempayStore::logEvent($ordersId, 'RETURN', $n->transId(), $n->status(), null, 'KO-Return for another order.', 0);
            $owner = SystempayStore::fetch("SELECT customers_id FROM " . TABLE_ORDERS . " WHERE orders_id = " . (int) $n->orderId());
            if ($owner !== null && isset($_SESSION['customer_id']) && (int) $owner['customers_id'] === (int) $_SESSION['customer_id']) {
                // The buyer's own earlier order (paid in another tab): shown, never recorded from here.
                xtc_redirect(xtc_href_link(FILENAME_ACCOUNT_HISTORY_INFO, 'order_id=' . (int) $n->orderId(), 'SSL'));
            }
            $this->backToPayment('ERROR_TAMPERED');
        }
        try {
            $result = SystempayPayment::apply($n);
        } catch (SystempayStoreException $e) {
            // Not recorded now; the notification will record it. The buyer is told to check back.
            SystempayStore::logEvent($ordersId, 'RETURN', $n->transId(), $n->status(), null, 'KO-Could not be recorded.', 0);
            $this->backToPayment('ERROR_TECHNICAL');
        }
        SystempayStore::logEvent($ordersId, 'RETURN', $n->transId(), $n->status(), $result->decision, $result->answer, (int) round((microtime(true) - $started) * 1000));
        if ($result->decision === null) {
            $this->backToPayment('ERROR_TAMPERED');
        }
    }

    /** Back to the payment choice with a message; the cart is kept. */
    private function backToPayment($error)
    {
        $_SESSION['systempay_error'] = $error;
        xtc_redirect(xtc_href_link(FILENAME_CHECKOUT_PAYMENT, 'payment_error=' . $this->code, 'SSL'));
    }

    /** Called once the temporary order exists: record the attempt, then post the buyer to the payment page. */
    public function payment_action()
    {
        global $insert_id, $order;
        $ordersId = (int) $insert_id;
        if (SystempayConfig::isEmbedded()) {
            $this->startEmbeddedPayment($ordersId, $order);
            exit; // never reached: it redirects (to the form, or back to the payment choice)
        }
        try {
            $fields = $this->buildRequest($ordersId, $order);
        } catch (Exception $e) {
            // A configuration or data problem must never send the buyer to a broken payment page.
            $this->backToPayment('ERROR_TECHNICAL');
        }
        $this->renderRedirectForm($fields);
        // Write the session (tmp_oID!) now, while the database link is open: with database
        // sessions the shop would write it at shutdown, and closing the link first loses it.
        session_write_close();
        exit;
    }

    private function buildRequest($ordersId, $order)
    {
        $payment = self::paymentInput($ordersId, $order) + array('url_return' => $this->returnUrl());
        $fields = Systempay\build_payment_request(SystempayConfig::requestSettings(), $payment);
        SystempayStore::createAttempt($ordersId, $fields);
        return $fields;
    }

    /**
     * What both payment forms are built from: the order's id, amount and currency as stored in the
     * database (never the session's), a new trans id, the language and the buyer's details.
     */
    private static function paymentInput($ordersId, $order)
    {
        $total = SystempayStore::orderTotal($ordersId);
        $orderRow = SystempayStore::fetch("SELECT currency, customers_id FROM " . TABLE_ORDERS . " WHERE orders_id = " . (int) $ordersId);
        if ($total === null || $orderRow === null) {
            throw new SystempayStoreException('order not found');
        }
        $now = time(); // one instant for the date and the day of the counter, also around midnight UTC
        return array(
            'order_id' => (string) $ordersId,
            'amount' => SystempayPayment::decimalText($total),
            'currency' => (string) $orderRow['currency'],
            'trans_id' => SystempayStore::nextTransId(gmdate('Y-m-d', $now)),
            'trans_date' => gmdate('YmdHis', $now),
            'language' => isset($_SESSION['language_code']) ? (string) $_SESSION['language_code'] : null,
            'ext_info' => array('shop_order' => (string) $ordersId, 'customer_id' => (string) $orderRow['customers_id']),
        ) + self::toUtf8(self::buyerFields($order));
    }

    /**
     * The embedded form: one attempt, one form token (Charge/CreatePayment, server to server), then
     * the shop's own checkout_payment_iframe.php shows the form (iframeAction()). When the platform
     * cannot give a token, the order just placed is cancelled (its stock put back, a history row
     * with the platform's code) and the buyer chooses again: no order is left half-created.
     */
    private function startEmbeddedPayment($ordersId, $order)
    {
        $started = microtime(true);
        $attemptId = 0;
        $transId = null;
        try {
            $payment = self::paymentInput($ordersId, $order) + array('ipn_url' => SystempayConfig::notificationUrl());
            $transId = $payment['trans_id'];
            $body = Systempay\build_rest_payment(SystempayConfig::restSettings(), $payment);
            $currency = Systempay\currency_info($payment['currency']);
            $attemptId = SystempayStore::createRestAttempt($ordersId, $payment, SystempayConfig::ctxMode(),
                Systempay\to_minor_units($payment['amount'], $payment['currency']), $currency['numeric']);
            $answer = SystempayRest::createPayment($body);
        } catch (Exception $e) {
            $answer = array('form_token' => null, 'error_code' => $e instanceof Systempay\Exception ? 'SETTINGS' : 'DATABASE',
                'error_message' => $e->getMessage(), 'http_status' => 0);
        }
        $ms = (int) round((microtime(true) - $started) * 1000);
        if ($answer['form_token'] !== null) {
            try {
                SystempayStore::saveFormToken($attemptId, $answer['form_token']);
                SystempayStore::logEvent($ordersId, 'REST', $transId, null, null, 'OK-CreatePayment: form token received', $ms);
                session_write_close(); // tmp_oID must reach the session store before the redirect (see payment_action())
                xtc_redirect(xtc_href_link('checkout_payment_iframe.php', '', 'SSL'));
            } catch (SystempayStoreException $e) {
                // The token cannot be kept: the order would wait for a form that never shows.
                $answer = array('form_token' => null, 'error_code' => 'DATABASE', 'error_message' => 'the form token could not be stored', 'http_status' => 0);
            }
        }
        if ($answer['form_token'] === null) {
            $what = 'KO-CreatePayment ' . $answer['error_code'] . ': ' . $answer['error_message']
                . (!empty($answer['detailed_error_code']) ? ' (' . $answer['detailed_error_code'] . ')' : '') . ' HTTP ' . (int) $answer['http_status'];
            try {
                SystempayStore::logEvent($ordersId, 'REST', $transId, null, null, mb_substr($what, 0, 255), $ms);
                SystempayPayment::cancelUnpaidOrder($ordersId, 'Systempay: the payment form could not be prepared (' . $answer['error_code'] . '), order cancelled before any payment');
            } catch (SystempayStoreException $e) {
                // The order stays pending; the admin sees it without a payment attempt result.
            }
            unset($_SESSION['tmp_oID']);
            $this->backToPayment('ERROR_REST');
        }
    }

    /** checkout_payment_iframe.php shows this page (the embedded form) inside the shop's layout. */
    public function iframeAction()
    {
        if (!SystempayConfig::isEmbedded()) {
            return '';
        }
        return SystempayConfig::shopBaseUrl() . SystempayConfig::EMBEDDED_FORM_PATH;
    }

    /** GET returns land on checkout_process.php; POST returns go through return.php (see there). */
    private function returnUrl()
    {
        if (SystempayConfig::get('RETURN_MODE', 'GET') === 'POST') {
            return SystempayConfig::shopBaseUrl() . SystempayConfig::RETURN_PATH;
        }
        return html_entity_decode(xtc_href_link(FILENAME_CHECKOUT_PROCESS, '', 'SSL', false), ENT_QUOTES, 'UTF-8');
    }

    /** Buyer data of a latin1 shop (language_charset iso-8859-15) as the UTF-8 the platform expects. */
    private static function toUtf8(array $fields)
    {
        $charset = isset($_SESSION['language_charset']) ? strtolower((string) $_SESSION['language_charset']) : 'utf-8';
        if ($charset === 'utf-8' || $charset === 'utf8') {
            return $fields;
        }
        foreach ($fields as $name => $value) {
            if (!mb_check_encoding($value, 'UTF-8')) {
                $fields[$name] = mb_convert_encoding($value, 'UTF-8', $charset === 'iso-8859-1' ? 'ISO-8859-1' : 'ISO-8859-15');
            }
        }
        return $fields;
    }

    private static function buyerFields($order)
    {
        $pick = static function ($array, $key) {
            return is_array($array) && isset($array[$key]) && is_scalar($array[$key]) ? (string) $array[$key] : null;
        };
        $customer = isset($order->customer) ? $order->customer : array();
        $billing = isset($order->billing) ? $order->billing : array();
        $delivery = isset($order->delivery) ? $order->delivery : array();
        $country = static function ($address) {
            return isset($address['country']['iso_code_2']) ? (string) $address['country']['iso_code_2'] : null;
        };
        return array_filter(array(
            'cust_id' => isset($_SESSION['customer_id']) ? (string) $_SESSION['customer_id'] : null,
            'cust_email' => $pick($customer, 'email_address'),
            'cust_phone' => $pick($customer, 'telephone'),
            'cust_first_name' => $pick($billing, 'firstname'),
            'cust_last_name' => $pick($billing, 'lastname'),
            'cust_address' => $pick($billing, 'street_address'),
            'cust_zip' => $pick($billing, 'postcode'),
            'cust_city' => $pick($billing, 'city'),
            'cust_country' => $country($billing),
            'ship_to_first_name' => $pick($delivery, 'firstname'),
            'ship_to_last_name' => $pick($delivery, 'lastname'),
            'ship_to_street' => $pick($delivery, 'street_address'),
            'ship_to_zip' => $pick($delivery, 'postcode'),
            'ship_to_city' => $pick($delivery, 'city'),
            'ship_to_country' => $country($delivery),
        ), static function ($value) {
            return $value !== null && $value !== '';
        });
    }

    /** The auto-submitted form to the payment page, with a visible button for browsers without JS. */
    private function renderRedirectForm(array $fields)
    {
        header('Content-Type: text/html; charset=utf-8'); // the fields are UTF-8 whatever the shop's charset
        header('Cache-Control: no-store');
        echo '<!DOCTYPE html><html><head><meta charset="utf-8"><title>' . strip_tags($this->title) . '</title></head><body>';
        echo '<form id="systempay_form" method="post" action="' . self::html(SystempayConfig::platformUrl()) . '" accept-charset="UTF-8">';
        foreach ($fields as $name => $value) {
            echo '<input type="hidden" name="' . self::html($name) . '" value="' . self::html($value) . '">';
        }
        // Language constants are the shop's trusted HTML (entities for non-ASCII), printed as they are.
        echo '<p>' . self::text('TEXT_REDIRECT', 'You are being redirected to the payment page.') . '</p>';
        if (SystempayConfig::isTestMode()) {
            echo '<p><strong>' . self::text('TEST_MODE_BUYER', 'TEST mode') . '</strong></p>';
        }
        echo '<button type="submit" id="systempay_submit">' . self::text('BUTTON_PAY', 'Pay') . '</button>';
        echo '</form><script>document.getElementById("systempay_form").submit();</script></body></html>';
    }

    /**
     * The order mail goes out once per order: whoever claims it first sends it (the notification may
     * be sending it right now, or have sent it). modified 3.x skips its mail when this returns true;
     * 2.0.7 ignores the return value (its mail is always sent here). With the claim, the shop's own
     * send_order.php runs next and after_process() confirms or releases it.
     */
    public function before_send_order()
    {
        global $insert_id;
        $ordersId = (int) $insert_id;
        try {
            if (!SystempayStore::claimOrderMail($ordersId, 'RETURN')) {
                return true;
            }
        } catch (SystempayStoreException $e) {
            return false; // better a possible second mail than none
        }
        require_once DIR_FS_CATALOG . 'includes/external/systempay/SystempayOrderMail.php';
        try {
            $email = SystempayStore::fetch("SELECT customers_email_address FROM " . TABLE_ORDERS . " WHERE orders_id = " . $ordersId);
        } catch (SystempayStoreException $e) {
            $email = null; // any failing message then counts as the buyer's
        }
        SystempayOrderMail::watch($ordersId, $email === null ? '' : (string) $email['customers_email_address']);
        return false;
    }

    public function after_process()
    {
        global $insert_id;
        unset($_SESSION['systempay_error']);
        $ordersId = (int) $insert_id;
        if ($ordersId > 0 && SystempayStore::holdsOrderMail($ordersId)) {
            // The shop's send_order.php has run: confirmed when the buyer's message left, else released.
            $failure = SystempayOrderMail::watching($ordersId) ? SystempayOrderMail::finish() : null;
            SystempayOrderMail::conclude($ordersId, 'RETURN', $failure);
        }
    }

    /** Payment details on the success page. */
    public function success()
    {
        global $last_order; // set by checkout_success.php, account_history_info.php and print_order.php
        $ordersId = isset($last_order) ? (int) $last_order : 0;
        $fields = array();
        try {
            $attempt = $ordersId > 0 ? SystempayStore::latestAttempt($ordersId) : null;
        } catch (SystempayStoreException $e) {
            $attempt = null;
        }
        if ($attempt !== null && $attempt['card_brand'] !== null) {
            $fields[] = array('title' => self::text('CARD', 'Card'), 'field' => self::html(trim($attempt['card_brand'] . ' ' . $attempt['card_number'])));
            $fields[] = array('title' => self::text('TRANSACTION', 'Transaction'), 'field' => self::html($attempt['trans_id']));
        }
        $notice = self::takeTestNotice();
        if ($notice !== '') {
            $fields[] = array('title' => '', 'field' => '<div class="systempay-test-notice">' . $notice . '</div>');
        }
        if (SystempayConfig::isTestMode()) {
            $fields[] = array('title' => '', 'field' => self::text('GOING_INTO_PRODUCTION', 'TEST mode'));
        }
        return $fields ? array(array('title' => $this->title, 'class' => $this->code, 'fields' => $fields)) : array();
    }

    /** Shown by checkout_payment.php after backToPayment(); HTML-escaped text in error_message (UTF-8 safe). */
    public function get_error()
    {
        if (empty($_SESSION['systempay_error'])) {
            return false;
        }
        $message = self::text((string) $_SESSION['systempay_error'], self::text('ERROR_NOT_PAID', 'The payment was not completed.'));
        unset($_SESSION['systempay_error']);
        $notice = self::takeTestNotice();
        if ($notice !== '') {
            $message .= '<br><br><span class="systempay-test-notice">' . $notice . '</span>';
        }
        return array('title' => $this->title, 'error_message' => $message);
    }

    /** @var int|null cached check() */
    private $_check;

    public function check()
    {
        if (!isset($this->_check)) {
            $result = xtc_db_query("SELECT configuration_value FROM " . TABLE_CONFIGURATION . " WHERE configuration_key = 'MODULE_PAYMENT_SYSTEMPAY_STATUS'");
            $this->_check = $result === false ? 0 : xtc_db_num_rows($result);
        }
        return $this->_check;
    }

    /** Every setting: key => [default, set_function, use_function], in display order. */
    private static function settings()
    {
        $statuses = 'xtc_cfg_pull_down_order_statuses(';
        return array(
            'NOTIFICATION_URL' => array('', 'systempay_cfg_notification_url(', 'systempay_cfg_show_notification_url'),
            'STATUS' => array('True', "xtc_cfg_select_option(array('True', 'False'), ", ''),
            'ALLOWED' => array('', '', ''),
            'ZONE' => array('0', 'xtc_cfg_pull_down_zone_classes(', 'xtc_get_zone_class_title'),
            'SITE_ID' => array('', '', ''),
            'KEY_TEST' => array('', 'xtc_cfg_password_field_module(', 'systempay_cfg_show_secret'),
            'KEY_PROD' => array('', 'xtc_cfg_password_field_module(', 'systempay_cfg_show_secret'),
            'CTX_MODE' => array('TEST', "xtc_cfg_select_option(array('TEST', 'PRODUCTION'), ", ''),
            'SIGN_ALGORITHM' => array('HMAC-SHA-256', "xtc_cfg_select_option(array('HMAC-SHA-256', 'SHA-1'), ", ''),
            'PLATFORM_URL' => array(SystempayConfig::DEFAULT_PLATFORM_URL, '', ''),
            // The embedded form (REST API): used only when PAYMENT_FORM is EMBEDDED.
            'PAYMENT_FORM' => array('HOSTED', "xtc_cfg_select_option(array('HOSTED', 'EMBEDDED'), ", ''),
            'FORM_LOOK' => array('EMBEDDED', "xtc_cfg_select_option(array('EMBEDDED', 'POPIN'), ", ''),
            'REST_USER' => array('', '', ''),
            'REST_PASSWORD_TEST' => array('', 'xtc_cfg_password_field_module(', 'systempay_cfg_show_secret'),
            'REST_PASSWORD_PROD' => array('', 'xtc_cfg_password_field_module(', 'systempay_cfg_show_secret'),
            'PUBLIC_KEY_TEST' => array('', '', ''),
            'PUBLIC_KEY_PROD' => array('', '', ''),
            'HMAC_KEY_TEST' => array('', 'xtc_cfg_password_field_module(', 'systempay_cfg_show_secret'),
            'HMAC_KEY_PROD' => array('', 'xtc_cfg_password_field_module(', 'systempay_cfg_show_secret'),
            'REST_URL' => array(SystempayConfig::DEFAULT_REST_URL, '', ''),
            'JS_CLIENT_URL' => array(SystempayConfig::DEFAULT_JS_CLIENT_URL, '', ''),
            'LANGUAGE' => array('fr', 'systempay_cfg_select_language(', 'systempay_cfg_show_languages'),
            'AVAILABLE_LANGUAGES' => array('', 'systempay_cfg_multi_languages(', 'systempay_cfg_show_languages'),
            'CAPTURE_DELAY' => array('', '', ''),
            'VALIDATION_MODE' => array('', 'systempay_cfg_select_validation_mode(', 'systempay_cfg_show_validation_mode'),
            'PAYMENT_CARDS' => array('', 'systempay_cfg_multi_cards(', 'systempay_cfg_show_cards'),
            'THREEDS_MIN_AMOUNT' => array('', '', ''),
            'AMOUNT_MIN' => array('', '', ''),
            'AMOUNT_MAX' => array('', '', ''),
            'REDIRECT_ENABLED' => array('False', "xtc_cfg_select_option(array('True', 'False'), ", ''),
            'REDIRECT_SUCCESS_TIMEOUT' => array('5', '', ''),
            'REDIRECT_SUCCESS_MESSAGE' => array(SystempayConfig::DEFAULT_REDIRECT_MESSAGE, '', ''),
            'REDIRECT_ERROR_TIMEOUT' => array('5', '', ''),
            'REDIRECT_ERROR_MESSAGE' => array(SystempayConfig::DEFAULT_REDIRECT_MESSAGE, '', ''),
            'RETURN_MODE' => array('GET', "xtc_cfg_select_option(array('GET', 'POST'), ", ''),
            // Status defaults are resolved against the shop's statuses at install time (see install()).
            'ORDER_STATUS_ID' => array(2, $statuses, 'xtc_get_order_status_name'),
            'PENDING_STATUS_ID' => array(defined('DEFAULT_ORDERS_STATUS_ID') ? (int) DEFAULT_ORDERS_STATUS_ID : 1, $statuses, 'xtc_get_order_status_name'),
            'CANCELLED_STATUS_ID' => array(4, $statuses, 'xtc_get_order_status_name'),
            'REVOKED_STATUS_ID' => array(4, $statuses, 'xtc_get_order_status_name'),
            'REFUNDED_STATUS_ID' => array(4, $statuses, 'xtc_get_order_status_name'),
            'SORT_ORDER' => array('0', '', ''),
        );
    }

    /** $preferred when that order status exists, else the shop's default status. */
    private static function defaultStatus($preferred)
    {
        $query = xtc_db_query("SELECT orders_status_id FROM " . TABLE_ORDERS_STATUS . " WHERE orders_status_id = " . (int) $preferred . " LIMIT 1");
        $row = $query === false ? false : xtc_db_fetch_array($query);
        return is_array($row) ? (int) $preferred : (defined('DEFAULT_ORDERS_STATUS_ID') ? (int) DEFAULT_ORDERS_STATUS_ID : 1);
    }

    public function install()
    {
        self::addSettings(array());
        SystempaySchema::ensure();
    }

    /**
     * Inserts every setting not in $present (key => true) with its default; on an upgrade, also
     * brings the stored display of existing ones up to date (the test key, shown in clear by the
     * first release, is masked like the production key). Settings the merchant saved keep their values.
     */
    private static function addSettings(array $present)
    {
        $order = 1;
        foreach (self::settings() as $name => $definition) {
            list($default, $setFunction, $useFunction) = $definition;
            $key = 'MODULE_PAYMENT_SYSTEMPAY_' . $name;
            if (isset($present[$key])) {
                xtc_db_query("UPDATE " . TABLE_CONFIGURATION . " SET sort_order = " . $order++ . ", set_function = '" . xtc_db_input($setFunction) . "',
                    use_function = '" . xtc_db_input($useFunction) . "' WHERE configuration_key = '" . xtc_db_input($key) . "'");
                continue;
            }
            if (is_int($default)) {
                $default = (string) self::defaultStatus($default);
            }
            xtc_db_query("INSERT INTO " . TABLE_CONFIGURATION . " (configuration_key, configuration_value, configuration_group_id, sort_order, set_function, use_function, date_added)
                VALUES ('" . xtc_db_input($key) . "', '" . xtc_db_input($default) . "', 6, " . $order++ . ",
                '" . xtc_db_input($setFunction) . "', '" . xtc_db_input($useFunction) . "', now())");
        }
    }

    /** An installed module updated in place: new settings get their defaults, new tables are created. */
    private static function upgradeIfNeeded()
    {
        try {
            SystempaySchema::ensure();
        } catch (SystempayStoreException $e) {
            // tried again by the next request that needs the tables
        }
        $present = array();
        $stored = array();
        $result = xtc_db_query("SELECT configuration_key, set_function, use_function FROM " . TABLE_CONFIGURATION . " WHERE configuration_key LIKE 'MODULE\\_PAYMENT\\_SYSTEMPAY\\_%'");
        while ($result !== false && ($row = xtc_db_fetch_array($result))) {
            $present[$row['configuration_key']] = true;
            $stored[$row['configuration_key']] = array((string) $row['set_function'], (string) $row['use_function']);
        }
        $current = array();
        foreach (self::settings() as $name => $definition) {
            $current['MODULE_PAYMENT_SYSTEMPAY_' . $name] = array($definition[1], $definition[2]);
        }
        if ($stored == $current) {
            return; // every setting there, each shown as this version shows it
        }
        self::addSettings($present);
    }

    /** Removes the settings; keeps the payment tables (the merchant's payment history). */
    public function remove()
    {
        xtc_db_query("DELETE FROM " . TABLE_CONFIGURATION . " WHERE configuration_key IN ('" . implode("', '", array_map('xtc_db_input', $this->keys())) . "')");
    }

    public function keys()
    {
        return self::keysOf();
    }

    private static function keysOf()
    {
        return array_map(static function ($name) {
            return 'MODULE_PAYMENT_SYSTEMPAY_' . $name;
        }, array_keys(self::settings()));
    }
}

require_once DIR_FS_CATALOG . 'includes/external/systempay/admin_config.php';
