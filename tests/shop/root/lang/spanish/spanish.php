<?php
/* Test double: main spanish language file of the test shop (ASCII with HTML entities, like the shop's files). */
define('CHARSET', 'utf-8');
define('LANGUAGE_CURRENCY', 'EUR');
define('HTML_PARAMS', 'dir="ltr" lang="es"');
define('TEXT_SHOP_OFFLINE', 'La tienda est&aacute; cerrada por mantenimiento.');
define('ERROR_NO_PAYMENT_MODULE_SELECTED', 'Por favor, seleccione una forma de pago.');
define('ERROR_NO_SHIPPING_MODULE_SELECTED', 'No shipping method selected.');
define('ERROR_CONDITIONS_NOT_ACCEPTED', 'Por favor, acepte nuestras condiciones generales.');
define('MODULE_ORDER_TOTAL_SUBTOTAL_TITLE', 'Subtotal');
define('MODULE_ORDER_TOTAL_SHIPPING_TITLE', 'Env&iacute;o');
define('MODULE_ORDER_TOTAL_TOTAL_TITLE', 'Total');
define('MODULE_SHIPPING_FLAT_TEXT_TITLE', 'Tarifa plana');
define('MODULE_SHIPPING_FLAT_TEXT_WAY', 'Mejor forma');
define('HEADING_CHECKOUT_PAYMENT', 'Forma de pago');
define('HEADING_CHECKOUT_CONFIRMATION', 'Confirmar pedido');
define('HEADING_CHECKOUT_SUCCESS', 'Gracias por su pedido');
define('HEADING_SHOPPING_CART', 'Carrito');
define('HEADING_CHECKOUT_SHIPPING', 'Forma de env&iacute;o');
define('HEADING_LOGIN', 'Iniciar sesi&oacute;n');
define('HEADING_START', 'Bienvenido');
define('TEXT_CART_EMPTY', 'Su carrito est&aacute; vac&iacute;o.');
define('TEXT_ORDER_NUMBER', 'N&uacute;mero de pedido');
define('TEXT_NO_ORDER', 'No hay ning&uacute;n pedido reciente.');
define('TEXT_ACCEPT_CONDITIONS', 'Acepto las condiciones generales');
define('TEXT_PAYMENT_METHOD', 'Forma de pago');
define('TEXT_NO_PAYMENT', 'No se requiere pago');
define('IMAGE_BUTTON_CONTINUE', 'Continuar');
define('IMAGE_BUTTON_CONFIRM_ORDER', 'Comprar');
define('IMAGE_BUTTON_BACK', 'Volver');
define('EMAIL_ORDER_SUBJECT', 'Su pedido en %s, n.&ordm; %s');
define('EMAIL_ORDER_GREETING', 'Gracias por su pedido.');
// extra language files (modules add theirs here)
foreach (auto_include(DIR_FS_CATALOG . 'lang/spanish/extra/', 'php') as $file) require_once($file);
