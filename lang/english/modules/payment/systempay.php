<?php
/* Systempay for modified eCommerce — English texts (HTML, entities for non-ASCII). */
$systempay_texts = array(
    'TEXT_TITLE' => 'Systempay - Card payment',
    'TEXT_DESCRIPTION' => 'Card payment on the secure Systempay payment page (CB, Visa, Mastercard, ...).',
    'TEXT_INFO' => 'Pay securely by card on the Systempay payment page.',
    'TEXT_REDIRECT' => 'You are being redirected to the secure payment page. If nothing happens, click the button below.',
    'BUTTON_PAY' => 'Continue to payment',
    'TEST_MODE_BUYER' => 'TEST mode: no real payment is made.',
    'TEST_MODE_ADMIN' => '<strong>TEST mode</strong>: payments are simulations. Switch to PRODUCTION once the test phase is validated in the merchant back office.',
    'GOING_INTO_PRODUCTION' => '<strong>GOING INTO PRODUCTION:</strong> this shop is in TEST mode. To accept real payments, complete the test phase and switch the module to PRODUCTION mode.',
    'CARD' => 'Card', 'TRANSACTION' => 'Transaction', 'ALL' => 'All',
    'MULTI_SELECT_HELP' => 'Hold Ctrl (Cmd on a Mac) to select several; select none for all.',
    'NOTIFICATION_URL_HELP' => 'Copy this URL into your merchant back office: Settings &gt; Notification rules &gt; Instant Payment Notification URL at the end of the payment &gt; URL to call in TEST and PRODUCTION mode (form API V1, V2). The shop must not be in maintenance mode for this URL, nor protected by .htaccess or IP filters.',
    'VALIDATION_DEFAULT' => 'Back-office configuration', 'VALIDATION_AUTOMATIC' => 'Automatic', 'VALIDATION_MANUAL' => 'Manual',
    'ERROR_EXTENSION' => 'The systempay PHP extension is not loaded: the payment method is hidden at checkout.',
    'ERROR_EXTENSION_HELP' => 'Install systempay.so in the PHP extension directory, add <code>extension=systempay.so</code> to the php.ini of the web server (and of PHP-CLI for cron jobs), restart PHP, then check <code>php -m</code>.',
    'ERROR_SITE_ID' => 'The shop ID must be the 8 digits shown in the merchant back office.',
    'ERROR_KEY_TEST' => 'The test key is missing: the method is hidden until it is set.',
    'ERROR_KEY_PROD' => 'PRODUCTION mode needs the production key: the method is hidden until it is set.',
    'ERROR_TIMEOUT' => 'Redirection timeouts must be whole numbers of seconds from 0 to 300.',
    'ERROR_AMOUNT' => 'Amounts (minimum, maximum, 3DS) must be numbers such as 30 or 30.00.',
    'ERROR_CAPTURE_DELAY' => 'The capture delay must be a number of days from 0 to 365, or empty.',
    'ERROR_SETTINGS' => 'A setting is not accepted by the payment platform (languages, card types or messages): please check them.',
    'ERROR_REFUSED' => 'Your payment was refused. Your cart is kept: you may try again or choose another payment method.',
    'ERROR_CANCELLED' => 'You cancelled the payment. Your cart is kept: you may try again or choose another payment method.',
    'ERROR_NOT_PAID' => 'The payment was not completed. Your cart is kept: please choose a payment method again.',
    'ERROR_TAMPERED' => 'The payment result could not be verified. Your order has not been confirmed; please try again.',
    'ERROR_TECHNICAL' => 'A technical problem prevented the payment. Please try again in a few minutes or choose another payment method.',
    'PANEL_TITLE' => 'Systempay payment', 'PANEL_NONE' => 'No payment attempt recorded for this order.',
    'PANEL_DATE' => 'Date (UTC)', 'PANEL_TRANS_ID' => 'Transaction', 'PANEL_UUID' => 'Platform reference', 'PANEL_STATUS' => 'Status',
    'PANEL_RESULT' => 'Result', 'PANEL_AMOUNT' => 'Amount', 'PANEL_CARD' => 'Card', 'PANEL_EXPIRY' => 'Expiry', 'PANEL_3DS' => '3-D Secure',
    'PANEL_MODE' => 'Mode', 'PANEL_FLAGGED' => 'Needs review', 'PANEL_LOG' => 'Notifications and returns',
    'PANEL_SOURCE' => 'Source', 'PANEL_DECISION' => 'Decision', 'PANEL_ANSWER' => 'Answer', 'PANEL_DURATION' => 'ms',
);
$systempay_settings = array(
    'NOTIFICATION_URL' => array('Notification URL', 'The URL the payment platform calls at the end of every payment. It is the only reliable way the shop learns about a payment.'),
    'STATUS' => array('Activation', 'Offer card payment by Systempay at checkout.'),
    'ALLOWED' => array('Allowed countries', 'Billing countries (ISO codes, comma separated, e.g. DE,FR) for which the method is offered. Empty: all.'),
    'ZONE' => array('Payment zone', 'Offer the method only for billing addresses in this zone. None: all zones.'),
    'SITE_ID' => array('Shop ID', 'The 8-digit shop ID from the merchant back office (Settings &gt; Shop &gt; Keys).'),
    'KEY_TEST' => array('Test key', 'The test key from the merchant back office (Settings &gt; Shop &gt; Keys).'),
    'KEY_PROD' => array('Production key', 'The production key from the merchant back office; available once the test phase is complete.'),
    'CTX_MODE' => array('Mode', 'TEST or PRODUCTION. PRODUCTION is available once the test phase is complete.'),
    'SIGN_ALGORITHM' => array('Signature algorithm', 'Must be the same as in the merchant back office (Settings &gt; Shop &gt; Keys). HMAC-SHA-256 is recommended.'),
    'PLATFORM_URL' => array('Payment page URL', 'The address of the payment page. Default: https://paiement.systempay.fr/vads-payment/'),
    'LANGUAGE' => array('Default language', 'Language of the payment page when the shop language is not available there.'),
    'AVAILABLE_LANGUAGES' => array('Available languages', 'Languages the buyer may switch to on the payment page. None selected: all.'),
    'CAPTURE_DELAY' => array('Capture delay', 'Days before the payment is captured. Empty: the back-office setting (recommended).'),
    'VALIDATION_MODE' => array('Validation mode', 'Automatic: captured without action. Manual: you validate each payment in the back office before its authorisation expires.'),
    'PAYMENT_CARDS' => array('Card types', 'Card brands shown on the payment page. None selected: all the cards of your contract (recommended).'),
    'THREEDS_MIN_AMOUNT' => array('Manage 3DS', 'Below this amount (in the order currency), a frictionless authentication is requested (3DS2; the merchant then loses the payment guarantee). Empty: the issuer decides.'),
    'AMOUNT_MIN' => array('Minimum amount', 'Offer the method only from this order total (order currency). Empty: no minimum.'),
    'AMOUNT_MAX' => array('Maximum amount', 'Offer the method only up to this order total (order currency). Empty: no maximum.'),
    'REDIRECT_ENABLED' => array('Automatic redirection', 'Send the buyer back to the shop automatically at the end of the payment.'),
    'REDIRECT_SUCCESS_TIMEOUT' => array('Redirection delay (success)', 'Seconds (0-300) before the buyer is sent back after a successful payment.'),
    'REDIRECT_SUCCESS_MESSAGE' => array('Redirection message (success)', 'Message shown on the payment page before the redirection after a successful payment.'),
    'REDIRECT_ERROR_TIMEOUT' => array('Redirection delay (failure)', 'Seconds (0-300) before the buyer is sent back after a failed payment.'),
    'REDIRECT_ERROR_MESSAGE' => array('Redirection message (failure)', 'Message shown on the payment page before the redirection after a failed payment.'),
    'RETURN_MODE' => array('Return mode', 'How the result is passed back to the shop with the buyer. GET is recommended (no browser warning).'),
    'ORDER_STATUS_ID' => array('Order status (accepted payments)', 'Status given to orders whose payment is accepted.'),
    'PENDING_STATUS_ID' => array('Order status (payment pending)', 'Status of orders while the payment is in progress or awaiting validation.'),
    'CANCELLED_STATUS_ID' => array('Order status (refused or cancelled)', 'Status given to orders whose payment is refused or cancelled; their products are put back in stock.'),
    'SORT_ORDER' => array('Sort order', 'Position in the list of payment methods; the smallest comes first.'),
);
foreach ($systempay_texts as $systempay_name => $systempay_text) {
    defined('MODULE_PAYMENT_SYSTEMPAY_' . $systempay_name) or define('MODULE_PAYMENT_SYSTEMPAY_' . $systempay_name, $systempay_text);
}
foreach ($systempay_settings as $systempay_name => $systempay_text) {
    defined('MODULE_PAYMENT_SYSTEMPAY_' . $systempay_name . '_TITLE') or define('MODULE_PAYMENT_SYSTEMPAY_' . $systempay_name . '_TITLE', $systempay_text[0]);
    defined('MODULE_PAYMENT_SYSTEMPAY_' . $systempay_name . '_DESC') or define('MODULE_PAYMENT_SYSTEMPAY_' . $systempay_name . '_DESC', $systempay_text[1]);
}
unset($systempay_texts, $systempay_settings, $systempay_name, $systempay_text);
