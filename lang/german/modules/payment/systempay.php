<?php
/* Systempay for modified eCommerce — deutsche Texte (HTML, Umlaute als Entities). */
$systempay_texts = array(
    'TEXT_TITLE' => 'Systempay - Kartenzahlung',
    'TEXT_DESCRIPTION' => 'Kartenzahlung auf der sicheren Zahlungsseite von Systempay (CB, Visa, Mastercard, ...).',
    'TEXT_INFO' => 'Sicher mit Karte auf der Zahlungsseite von Systempay bezahlen.',
    'TEXT_REDIRECT' => 'Sie werden zur sicheren Zahlungsseite weitergeleitet. Falls nichts geschieht, klicken Sie auf die Schaltfl&auml;che.',
    'BUTTON_PAY' => 'Weiter zur Zahlung',
    'TEST_MODE_BUYER' => 'TESTMODUS: Es findet keine echte Zahlung statt.',
    'TEST_MODE_ADMIN' => '<strong>TESTMODUS</strong>: Zahlungen werden nur simuliert. Wechseln Sie zu PRODUCTION, sobald die Testphase im H&auml;ndler-Backoffice abgeschlossen ist.',
    'GOING_INTO_PRODUCTION' => '<strong>WECHSEL IN DEN PRODUKTIVBETRIEB:</strong> Dieser Shop ist im TESTMODUS. Um echte Zahlungen anzunehmen, schlie&szlig;en Sie die Testphase ab und stellen Sie das Modul auf PRODUCTION.',
    'CARD' => 'Karte', 'TRANSACTION' => 'Transaktion', 'ALL' => 'Alle',
    'MULTI_SELECT_HELP' => 'Mit gedr&uuml;ckter Strg-Taste (Mac: Cmd) mehrere w&auml;hlen; keine Auswahl: alle.',
    'NOTIFICATION_URL_HELP' => 'Kopieren Sie diese URL in Ihr H&auml;ndler-Backoffice: Einstellungen &gt; Benachrichtigungsregeln &gt; Benachrichtigungs-URL am Ende der Zahlung &gt; URL im TEST- und PRODUCTION-Modus (Formular-API V1, V2). Diese URL darf nicht im Wartungsmodus, per .htaccess oder IP-Filter gesperrt sein.',
    'VALIDATION_DEFAULT' => 'Einstellung des Backoffice', 'VALIDATION_AUTOMATIC' => 'Automatisch', 'VALIDATION_MANUAL' => 'Manuell',
    'ERROR_EXTENSION' => 'Die PHP-Erweiterung systempay ist nicht geladen: Die Zahlungsart wird im Checkout ausgeblendet.',
    'ERROR_EXTENSION_HELP' => 'Kopieren Sie systempay.so in das Erweiterungsverzeichnis von PHP, tragen Sie <code>extension=systempay.so</code> in die php.ini des Webservers (und von PHP-CLI f&uuml;r Cronjobs) ein, starten Sie PHP neu und pr&uuml;fen Sie mit <code>php -m</code>.',
    'ERROR_SITE_ID' => 'Die Shop-ID muss aus den 8 Ziffern aus dem H&auml;ndler-Backoffice bestehen.',
    'ERROR_KEY_TEST' => 'Der Testschl&uuml;ssel fehlt: Die Zahlungsart bleibt bis dahin ausgeblendet.',
    'ERROR_KEY_PROD' => 'Der PRODUCTION-Modus braucht den Produktivschl&uuml;ssel: Die Zahlungsart bleibt bis dahin ausgeblendet.',
    'ERROR_TIMEOUT' => 'Die Wartezeiten vor der Weiterleitung m&uuml;ssen ganze Sekunden von 0 bis 300 sein.',
    'ERROR_AMOUNT' => 'Betr&auml;ge (Minimum, Maximum, 3DS) m&uuml;ssen Zahlen wie 30 oder 30.00 sein.',
    'ERROR_CAPTURE_DELAY' => 'Die Verz&ouml;gerung bis zum Einzug muss eine Anzahl Tage von 0 bis 365 sein oder leer bleiben.',
    'ERROR_SETTINGS' => 'Eine Einstellung wird von der Zahlungsplattform nicht angenommen (Sprachen, Kartentypen oder Meldungen): Bitte pr&uuml;fen.',
    'ERROR_REFUSED' => 'Ihre Zahlung wurde abgelehnt. Ihr Warenkorb bleibt erhalten: Versuchen Sie es erneut oder w&auml;hlen Sie eine andere Zahlungsart.',
    'ERROR_CANCELLED' => 'Sie haben die Zahlung abgebrochen. Ihr Warenkorb bleibt erhalten: Versuchen Sie es erneut oder w&auml;hlen Sie eine andere Zahlungsart.',
    'ERROR_NOT_PAID' => 'Die Zahlung wurde nicht abgeschlossen. Ihr Warenkorb bleibt erhalten: Bitte w&auml;hlen Sie erneut eine Zahlungsart.',
    'ERROR_TAMPERED' => 'Das Zahlungsergebnis konnte nicht gepr&uuml;ft werden. Ihre Bestellung wurde nicht best&auml;tigt; bitte versuchen Sie es erneut.',
    'ERROR_TECHNICAL' => 'Ein technisches Problem hat die Zahlung verhindert. Bitte versuchen Sie es in einigen Minuten erneut oder w&auml;hlen Sie eine andere Zahlungsart.',
    'PANEL_TITLE' => 'Systempay-Zahlung', 'PANEL_NONE' => 'F&uuml;r diese Bestellung ist kein Zahlungsversuch gespeichert.',
    'PANEL_DATE' => 'Datum (UTC)', 'PANEL_TRANS_ID' => 'Transaktion', 'PANEL_UUID' => 'Referenz der Plattform', 'PANEL_STATUS' => 'Status',
    'PANEL_RESULT' => 'Ergebnis', 'PANEL_AMOUNT' => 'Betrag', 'PANEL_CARD' => 'Karte', 'PANEL_EXPIRY' => 'G&uuml;ltig bis', 'PANEL_3DS' => '3-D Secure',
    'PANEL_MODE' => 'Modus', 'PANEL_FLAGGED' => 'Bitte pr&uuml;fen', 'PANEL_LOG' => 'Benachrichtigungen und R&uuml;ckleitungen',
    'PANEL_SOURCE' => 'Quelle', 'PANEL_DECISION' => 'Entscheidung', 'PANEL_ANSWER' => 'Antwort', 'PANEL_DURATION' => 'ms',
);
$systempay_settings = array(
    'NOTIFICATION_URL' => array('Benachrichtigungs-URL', 'Die URL, die die Zahlungsplattform am Ende jeder Zahlung aufruft. Nur so erf&auml;hrt der Shop zuverl&auml;ssig von einer Zahlung.'),
    'STATUS' => array('Aktivierung', 'Kartenzahlung mit Systempay im Checkout anbieten.'),
    'ALLOWED' => array('Erlaubte L&auml;nder', 'Rechnungsl&auml;nder (ISO-Codes, durch Komma getrennt, z.B. DE,FR), f&uuml;r die die Zahlungsart angeboten wird. Leer: alle.'),
    'ZONE' => array('Zahlungszone', 'Zahlungsart nur f&uuml;r Rechnungsadressen in dieser Zone anbieten. Keine: alle Zonen.'),
    'SITE_ID' => array('Shop-ID', 'Die 8-stellige Shop-ID aus dem H&auml;ndler-Backoffice (Einstellungen &gt; Shop &gt; Schl&uuml;ssel).'),
    'KEY_TEST' => array('Testschl&uuml;ssel', 'Der Testschl&uuml;ssel aus dem H&auml;ndler-Backoffice (Einstellungen &gt; Shop &gt; Schl&uuml;ssel).'),
    'KEY_PROD' => array('Produktivschl&uuml;ssel', 'Der Produktivschl&uuml;ssel aus dem H&auml;ndler-Backoffice; verf&uuml;gbar nach Abschluss der Testphase.'),
    'CTX_MODE' => array('Modus', 'TEST oder PRODUCTION. PRODUCTION ist nach Abschluss der Testphase verf&uuml;gbar.'),
    'SIGN_ALGORITHM' => array('Signaturalgorithmus', 'Muss mit dem H&auml;ndler-Backoffice &uuml;bereinstimmen (Einstellungen &gt; Shop &gt; Schl&uuml;ssel). Empfohlen: HMAC-SHA-256.'),
    'PLATFORM_URL' => array('URL der Zahlungsseite', 'Adresse der Zahlungsseite. Standard: https://paiement.systempay.fr/vads-payment/'),
    'LANGUAGE' => array('Standardsprache', 'Sprache der Zahlungsseite, wenn die Shopsprache dort nicht verf&uuml;gbar ist.'),
    'AVAILABLE_LANGUAGES' => array('Verf&uuml;gbare Sprachen', 'Sprachen, zwischen denen der K&auml;ufer auf der Zahlungsseite wechseln kann. Keine Auswahl: alle.'),
    'CAPTURE_DELAY' => array('Verz&ouml;gerung bis zum Einzug', 'Tage bis zum Einzug der Zahlung. Leer: Einstellung des Backoffice (empfohlen).'),
    'VALIDATION_MODE' => array('Validierungsmodus', 'Automatisch: Einzug ohne Zutun. Manuell: Sie best&auml;tigen jede Zahlung im Backoffice, bevor die Autorisierung verf&auml;llt.'),
    'PAYMENT_CARDS' => array('Kartentypen', 'Auf der Zahlungsseite angezeigte Kartenmarken. Keine Auswahl: alle Karten Ihres Vertrags (empfohlen).'),
    'THREEDS_MIN_AMOUNT' => array('3DS verwalten', 'Unterhalb dieses Betrags (in der Bestellw&auml;hrung) wird eine Authentifizierung ohne Interaktion angefragt (3DS2; der H&auml;ndler verliert dann die Zahlungsgarantie). Leer: die Bank entscheidet.'),
    'AMOUNT_MIN' => array('Mindestbetrag', 'Zahlungsart erst ab dieser Bestellsumme anbieten (Bestellw&auml;hrung). Leer: kein Minimum.'),
    'AMOUNT_MAX' => array('H&ouml;chstbetrag', 'Zahlungsart nur bis zu dieser Bestellsumme anbieten (Bestellw&auml;hrung). Leer: kein Maximum.'),
    'REDIRECT_ENABLED' => array('Automatische Weiterleitung', 'Den K&auml;ufer am Ende der Zahlung automatisch zum Shop zur&uuml;ckleiten.'),
    'REDIRECT_SUCCESS_TIMEOUT' => array('Wartezeit vor Weiterleitung (Erfolg)', 'Sekunden (0-300) vor der R&uuml;ckleitung nach einer erfolgreichen Zahlung.'),
    'REDIRECT_SUCCESS_MESSAGE' => array('Meldung vor Weiterleitung (Erfolg)', 'Meldung auf der Zahlungsseite vor der R&uuml;ckleitung nach einer erfolgreichen Zahlung.'),
    'REDIRECT_ERROR_TIMEOUT' => array('Wartezeit vor Weiterleitung (Fehlschlag)', 'Sekunden (0-300) vor der R&uuml;ckleitung nach einer fehlgeschlagenen Zahlung.'),
    'REDIRECT_ERROR_MESSAGE' => array('Meldung vor Weiterleitung (Fehlschlag)', 'Meldung auf der Zahlungsseite vor der R&uuml;ckleitung nach einer fehlgeschlagenen Zahlung.'),
    'RETURN_MODE' => array('R&uuml;ckgabemodus', 'Wie das Ergebnis mit dem K&auml;ufer an den Shop zur&uuml;ckgegeben wird. Empfohlen: GET (keine Browserwarnung).'),
    'ORDER_STATUS_ID' => array('Bestellstatus (akzeptierte Zahlungen)', 'Status f&uuml;r Bestellungen, deren Zahlung akzeptiert wurde.'),
    'PENDING_STATUS_ID' => array('Bestellstatus (Zahlung ausstehend)', 'Status von Bestellungen, solange die Zahlung l&auml;uft oder auf Best&auml;tigung wartet.'),
    'CANCELLED_STATUS_ID' => array('Bestellstatus (abgelehnt oder abgebrochen)', 'Status f&uuml;r Bestellungen mit abgelehnter oder abgebrochener Zahlung; ihre Artikel gehen zur&uuml;ck ins Lager.'),
    'SORT_ORDER' => array('Anzeigereihenfolge', 'Position in der Liste der Zahlungsarten; die kleinste Zahl zuerst.'),
);
foreach ($systempay_texts as $systempay_name => $systempay_text) {
    defined('MODULE_PAYMENT_SYSTEMPAY_' . $systempay_name) or define('MODULE_PAYMENT_SYSTEMPAY_' . $systempay_name, $systempay_text);
}
foreach ($systempay_settings as $systempay_name => $systempay_text) {
    defined('MODULE_PAYMENT_SYSTEMPAY_' . $systempay_name . '_TITLE') or define('MODULE_PAYMENT_SYSTEMPAY_' . $systempay_name . '_TITLE', $systempay_text[0]);
    defined('MODULE_PAYMENT_SYSTEMPAY_' . $systempay_name . '_DESC') or define('MODULE_PAYMENT_SYSTEMPAY_' . $systempay_name . '_DESC', $systempay_text[1]);
}
unset($systempay_texts, $systempay_settings, $systempay_name, $systempay_text);
