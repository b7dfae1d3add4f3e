<?php
/* Test double: main german language file of the test shop (ASCII with HTML entities, like the shop's files). */
define('CHARSET', 'utf-8');
define('LANGUAGE_CURRENCY', 'EUR');
define('HTML_PARAMS', 'dir="ltr" lang="de"');
define('TEXT_SHOP_OFFLINE', 'Der Shop ist wegen Wartungsarbeiten geschlossen.');
define('ERROR_NO_PAYMENT_MODULE_SELECTED', 'Bitte w&auml;hlen Sie eine Zahlungsweise f&uuml;r Ihre Bestellung.');
define('ERROR_NO_SHIPPING_MODULE_SELECTED', 'No shipping method selected.');
define('ERROR_CONDITIONS_NOT_ACCEPTED', 'Bitte akzeptieren Sie unsere AGB.');
define('MODULE_ORDER_TOTAL_SUBTOTAL_TITLE', 'Zwischensumme');
define('MODULE_ORDER_TOTAL_SHIPPING_TITLE', 'Versandkosten');
define('MODULE_ORDER_TOTAL_TOTAL_TITLE', 'Summe');
define('MODULE_SHIPPING_FLAT_TEXT_TITLE', 'Pauschale Versandkosten');
define('MODULE_SHIPPING_FLAT_TEXT_WAY', 'Bester Weg');
define('HEADING_CHECKOUT_PAYMENT', 'Zahlungsweise');
define('HEADING_CHECKOUT_CONFIRMATION', 'Bestellung best&auml;tigen');
define('HEADING_CHECKOUT_SUCCESS', 'Vielen Dank f&uuml;r Ihre Bestellung');
define('HEADING_SHOPPING_CART', 'Warenkorb');
define('HEADING_CHECKOUT_SHIPPING', 'Versandart');
define('HEADING_LOGIN', 'Anmelden');
define('HEADING_START', 'Willkommen');
define('TEXT_CART_EMPTY', 'Ihr Warenkorb ist leer.');
define('TEXT_ORDER_NUMBER', 'Bestellnummer');
define('TEXT_NO_ORDER', 'Keine aktuelle Bestellung gefunden.');
define('TEXT_ACCEPT_CONDITIONS', 'Ich akzeptiere die AGB');
define('TEXT_PAYMENT_METHOD', 'Zahlungsweise');
define('TEXT_NO_PAYMENT', 'Keine Zahlung notwendig');
define('IMAGE_BUTTON_CONTINUE', 'Weiter');
define('IMAGE_BUTTON_CONFIRM_ORDER', 'Kaufen');
define('IMAGE_BUTTON_BACK', 'Zur&uuml;ck');
define('EMAIL_ORDER_SUBJECT', 'Ihre Bestellung bei %s, Nr. %s');
define('EMAIL_ORDER_GREETING', 'Vielen Dank f&uuml;r Ihre Bestellung.');
// extra language files (modules add theirs here)
foreach (auto_include(DIR_FS_CATALOG . 'lang/german/extra/', 'php') as $file) require_once($file);
