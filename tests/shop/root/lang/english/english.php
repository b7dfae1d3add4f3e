<?php
/* Test double: main english language file of the test shop (ASCII with HTML entities, like the shop's files). */
define('CHARSET', 'utf-8');
define('LANGUAGE_CURRENCY', 'EUR');
define('HTML_PARAMS', 'dir="ltr" lang="en"');
define('TEXT_SHOP_OFFLINE', 'The shop is closed for maintenance.');
define('ERROR_NO_PAYMENT_MODULE_SELECTED', 'Please select a payment method for your order.');
define('ERROR_NO_SHIPPING_MODULE_SELECTED', 'No shipping method selected.');
define('ERROR_CONDITIONS_NOT_ACCEPTED', 'Please accept our terms and conditions.');
define('MODULE_ORDER_TOTAL_SUBTOTAL_TITLE', 'Sub-Total');
define('MODULE_ORDER_TOTAL_SHIPPING_TITLE', 'Shipping');
define('MODULE_ORDER_TOTAL_TOTAL_TITLE', 'Total');
define('MODULE_SHIPPING_FLAT_TEXT_TITLE', 'Flat Rate');
define('MODULE_SHIPPING_FLAT_TEXT_WAY', 'Best Way');
define('HEADING_CHECKOUT_PAYMENT', 'Payment method');
define('HEADING_CHECKOUT_CONFIRMATION', 'Confirm order');
define('HEADING_CHECKOUT_SUCCESS', 'Thank you for your order');
define('HEADING_SHOPPING_CART', 'Shopping cart');
define('HEADING_CHECKOUT_SHIPPING', 'Shipping method');
define('HEADING_LOGIN', 'Login');
define('HEADING_START', 'Welcome');
define('TEXT_CART_EMPTY', 'Your shopping cart is empty.');
define('TEXT_ORDER_NUMBER', 'Order number');
define('TEXT_NO_ORDER', 'No recent order found.');
define('TEXT_ACCEPT_CONDITIONS', 'I accept the terms and conditions');
define('TEXT_PAYMENT_METHOD', 'Payment method');
define('TEXT_NO_PAYMENT', 'No payment required');
define('IMAGE_BUTTON_CONTINUE', 'Continue');
define('IMAGE_BUTTON_CONFIRM_ORDER', 'Confirm order');
define('IMAGE_BUTTON_BACK', 'Back');
define('EMAIL_ORDER_SUBJECT', 'Your order at %s, no. %s');
define('EMAIL_ORDER_GREETING', 'Thank you for your order.');
// extra language files (modules add theirs here)
foreach (auto_include(DIR_FS_CATALOG . 'lang/english/extra/', 'php') as $file) require_once($file);
