<?php
/* Systempay para modified eCommerce — textos en español (HTML, acentos como entidades). */
$systempay_texts = array(
    'TEXT_TITLE' => 'Systempay - Pago con tarjeta',
    'TEXT_DESCRIPTION' => 'Pago con tarjeta en la p&aacute;gina de pago segura de Systempay (CB, Visa, Mastercard, ...).',
    'TEXT_INFO' => 'Pague con tarjeta de forma segura en la p&aacute;gina de pago de Systempay.',
    'TEXT_REDIRECT' => 'Se le est&aacute; redirigiendo a la p&aacute;gina de pago segura. Si no ocurre nada, haga clic en el bot&oacute;n.',
    'BUTTON_PAY' => 'Continuar al pago',
    'TEST_MODE_BUYER' => 'Modo TEST: no se realiza ning&uacute;n pago real.',
    'TEST_MODE_ADMIN' => '<strong>Modo TEST</strong>: los pagos son simulados. Pase a PRODUCTION cuando la fase de prueba est&eacute; validada en el Back Office del comerciante.',
    'GOING_INTO_PRODUCTION' => '<strong>PASO A PRODUCCI&Oacute;N:</strong> esta tienda est&aacute; en modo TEST. Para aceptar pagos reales, complete la fase de prueba y pase el m&oacute;dulo al modo PRODUCTION.',
    'CARD' => 'Tarjeta', 'TRANSACTION' => 'Transacci&oacute;n', 'ALL' => 'Todas',
    'MULTI_SELECT_HELP' => 'Mantenga pulsada la tecla Ctrl (Cmd en Mac) para elegir varias; ninguna selecci&oacute;n: todas.',
    'NOTIFICATION_URL_HELP' => 'Copie esta URL en su Back Office del comerciante: Configuraci&oacute;n &gt; Reglas de notificaci&oacute;n &gt; URL de notificaci&oacute;n al final del pago &gt; URL en modo TEST y PRODUCTION (API formulario V1, V2). Esta URL no debe estar en mantenimiento ni protegida por .htaccess o un filtro de direcciones IP.',
    'VALIDATION_DEFAULT' => 'Configuraci&oacute;n del Back Office', 'VALIDATION_AUTOMATIC' => 'Autom&aacute;tica', 'VALIDATION_MANUAL' => 'Manual',
    'ERROR_EXTENSION' => 'La extensi&oacute;n PHP systempay no est&aacute; cargada: el medio de pago se oculta al realizar el pedido.',
    'ERROR_EXTENSION_HELP' => 'Copie systempay.so en el directorio de extensiones de PHP, a&ntilde;ada <code>extension=systempay.so</code> al php.ini del servidor web (y de PHP-CLI para las tareas cron), reinicie PHP y compruebe con <code>php -m</code>.',
    'ERROR_SITE_ID' => 'El identificador de la tienda debe tener los 8 d&iacute;gitos del Back Office del comerciante.',
    'ERROR_KEY_TEST' => 'Falta la clave de test: el medio de pago permanece oculto hasta que se introduzca.',
    'ERROR_KEY_PROD' => 'El modo PRODUCTION necesita la clave de producci&oacute;n: el medio de pago permanece oculto hasta que se introduzca.',
    'ERROR_TIMEOUT' => 'Los tiempos antes de la redirecci&oacute;n deben ser segundos enteros de 0 a 300.',
    'ERROR_AMOUNT' => 'Los importes (m&iacute;nimo, m&aacute;ximo, 3DS) deben ser n&uacute;meros como 30 o 30.00.',
    'ERROR_CAPTURE_DELAY' => 'El plazo antes del cobro debe ser un n&uacute;mero de d&iacute;as de 0 a 365, o quedar vac&iacute;o.',
    'ERROR_SETTINGS' => 'La plataforma de pago no acepta un par&aacute;metro (idiomas, tipos de tarjeta o mensajes): rev&iacute;selos.',
    'ERROR_REFUSED' => 'Su pago ha sido rechazado. Su carrito se conserva: puede intentarlo de nuevo o elegir otro medio de pago.',
    'ERROR_CANCELLED' => 'Ha cancelado el pago. Su carrito se conserva: puede intentarlo de nuevo o elegir otro medio de pago.',
    'ERROR_NOT_PAID' => 'El pago no se ha completado. Su carrito se conserva: elija de nuevo un medio de pago.',
    'ERROR_TAMPERED' => 'No se ha podido verificar el resultado del pago. Su pedido no est&aacute; confirmado; int&eacute;ntelo de nuevo.',
    'ERROR_TECHNICAL' => 'Un problema t&eacute;cnico ha impedido el pago. Int&eacute;ntelo de nuevo en unos minutos o elija otro medio de pago.',
    'PANEL_TITLE' => 'Pago Systempay', 'PANEL_NONE' => 'No hay ning&uacute;n intento de pago registrado para este pedido.',
    'PANEL_DATE' => 'Fecha (UTC)', 'PANEL_TRANS_ID' => 'Transacci&oacute;n', 'PANEL_UUID' => 'Referencia de la plataforma', 'PANEL_STATUS' => 'Estado',
    'PANEL_RESULT' => 'Resultado', 'PANEL_AMOUNT' => 'Importe', 'PANEL_CARD' => 'Tarjeta', 'PANEL_EXPIRY' => 'Caducidad', 'PANEL_3DS' => '3-D Secure',
    'PANEL_MODE' => 'Modo', 'PANEL_FLAGGED' => 'Revisar', 'PANEL_LOG' => 'Notificaciones y retornos',
    'PANEL_SOURCE' => 'Origen', 'PANEL_DECISION' => 'Decisi&oacute;n', 'PANEL_ANSWER' => 'Respuesta', 'PANEL_DURATION' => 'ms',
);
$systempay_settings = array(
    'NOTIFICATION_URL' => array('URL de notificaci&oacute;n', 'URL a la que llama la plataforma al final de cada pago. Es la &uacute;nica forma fiable de que la tienda sepa de un pago.'),
    'STATUS' => array('Activaci&oacute;n', 'Ofrecer el pago con tarjeta Systempay al realizar el pedido.'),
    'ALLOWED' => array('Pa&iacute;ses permitidos', 'Pa&iacute;ses de facturaci&oacute;n (c&oacute;digos ISO separados por comas, p. ej. DE,FR) para los que se ofrece el medio de pago. Vac&iacute;o: todos.'),
    'ZONE' => array('Zona de pago', 'Ofrecer el medio de pago solo para direcciones de facturaci&oacute;n de esta zona. Ninguna: todas las zonas.'),
    'SITE_ID' => array('Identificador de la tienda', 'El identificador de 8 d&iacute;gitos del Back Office del comerciante (Configuraci&oacute;n &gt; Tienda &gt; Claves).'),
    'KEY_TEST' => array('Clave de test', 'La clave de test del Back Office del comerciante (Configuraci&oacute;n &gt; Tienda &gt; Claves).'),
    'KEY_PROD' => array('Clave de producci&oacute;n', 'La clave de producci&oacute;n del Back Office del comerciante; disponible tras la fase de prueba.'),
    'CTX_MODE' => array('Modo', 'TEST o PRODUCTION. PRODUCTION est&aacute; disponible tras la fase de prueba.'),
    'SIGN_ALGORITHM' => array('Algoritmo de firma', 'Debe coincidir con el del Back Office del comerciante (Configuraci&oacute;n &gt; Tienda &gt; Claves). Se recomienda HMAC-SHA-256.'),
    'PLATFORM_URL' => array('URL de la p&aacute;gina de pago', 'Direcci&oacute;n de la p&aacute;gina de pago. Por defecto: https://paiement.systempay.fr/vads-payment/'),
    'LANGUAGE' => array('Idioma por defecto', 'Idioma de la p&aacute;gina de pago cuando el idioma de la tienda no est&aacute; disponible en ella.'),
    'AVAILABLE_LANGUAGES' => array('Idiomas disponibles', 'Idiomas que el comprador puede elegir en la p&aacute;gina de pago. Ninguna selecci&oacute;n: todos.'),
    'CAPTURE_DELAY' => array('Plazo antes del cobro', 'D&iacute;as antes del cobro del pago. Vac&iacute;o: configuraci&oacute;n del Back Office (recomendado).'),
    'VALIDATION_MODE' => array('Modo de validaci&oacute;n', 'Autom&aacute;tica: se cobra sin intervenci&oacute;n. Manual: usted valida cada pago en el Back Office antes de que caduque la autorizaci&oacute;n.'),
    'PAYMENT_CARDS' => array('Tipos de tarjeta', 'Marcas de tarjeta mostradas en la p&aacute;gina de pago. Ninguna selecci&oacute;n: todas las de su contrato (recomendado).'),
    'THREEDS_MIN_AMOUNT' => array('Gestionar 3DS', 'Por debajo de este importe (en la moneda del pedido) se solicita una autenticaci&oacute;n sin interacci&oacute;n (3DS2; el comerciante pierde la garant&iacute;a de pago). Vac&iacute;o: decide el emisor.'),
    'AMOUNT_MIN' => array('Importe m&iacute;nimo', 'Ofrecer el medio de pago solo a partir de este total (moneda del pedido). Vac&iacute;o: sin m&iacute;nimo.'),
    'AMOUNT_MAX' => array('Importe m&aacute;ximo', 'Ofrecer el medio de pago solo hasta este total (moneda del pedido). Vac&iacute;o: sin m&aacute;ximo.'),
    'REDIRECT_ENABLED' => array('Redirecci&oacute;n autom&aacute;tica', 'Devolver autom&aacute;ticamente al comprador a la tienda al final del pago.'),
    'REDIRECT_SUCCESS_TIMEOUT' => array('Tiempo antes de la redirecci&oacute;n (&eacute;xito)', 'Segundos (0-300) antes de la redirecci&oacute;n tras un pago correcto.'),
    'REDIRECT_SUCCESS_MESSAGE' => array('Mensaje antes de la redirecci&oacute;n (&eacute;xito)', 'Mensaje mostrado en la plataforma antes de la redirecci&oacute;n tras un pago correcto.'),
    'REDIRECT_ERROR_TIMEOUT' => array('Tiempo antes de la redirecci&oacute;n (fallo)', 'Segundos (0-300) antes de la redirecci&oacute;n tras un pago fallido.'),
    'REDIRECT_ERROR_MESSAGE' => array('Mensaje antes de la redirecci&oacute;n (fallo)', 'Mensaje mostrado en la plataforma antes de la redirecci&oacute;n tras un pago fallido.'),
    'RETURN_MODE' => array('Modo de retorno', 'C&oacute;mo se devuelve el resultado a la tienda con el comprador. Se recomienda GET (sin aviso del navegador).'),
    'ORDER_STATUS_ID' => array('Estado del pedido (pagos aceptados)', 'Estado de los pedidos cuyo pago se ha aceptado.'),
    'PENDING_STATUS_ID' => array('Estado del pedido (pago pendiente)', 'Estado de los pedidos mientras el pago est&aacute; en curso o pendiente de validaci&oacute;n.'),
    'CANCELLED_STATUS_ID' => array('Estado del pedido (rechazado o cancelado)', 'Estado de los pedidos con pago rechazado o cancelado; sus art&iacute;culos vuelven al stock.'),
    'SORT_ORDER' => array('Orden de visualizaci&oacute;n', 'Posici&oacute;n en la lista de medios de pago; el menor aparece primero.'),
);
foreach ($systempay_texts as $systempay_name => $systempay_text) {
    defined('MODULE_PAYMENT_SYSTEMPAY_' . $systempay_name) or define('MODULE_PAYMENT_SYSTEMPAY_' . $systempay_name, $systempay_text);
}
foreach ($systempay_settings as $systempay_name => $systempay_text) {
    defined('MODULE_PAYMENT_SYSTEMPAY_' . $systempay_name . '_TITLE') or define('MODULE_PAYMENT_SYSTEMPAY_' . $systempay_name . '_TITLE', $systempay_text[0]);
    defined('MODULE_PAYMENT_SYSTEMPAY_' . $systempay_name . '_DESC') or define('MODULE_PAYMENT_SYSTEMPAY_' . $systempay_name . '_DESC', $systempay_text[1]);
}
unset($systempay_texts, $systempay_settings, $systempay_name, $systempay_text);
