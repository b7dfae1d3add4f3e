<?php
/* Systempay pour modified eCommerce — textes français (HTML, accents en entités). */
$systempay_texts = array(
    'TEXT_TITLE' => 'Systempay - Paiement par carte',
    'TEXT_DESCRIPTION' => 'Paiement par carte sur la page de paiement s&eacute;curis&eacute;e Systempay (CB, Visa, Mastercard, ...).',
    'TEXT_INFO' => 'Payez en toute s&eacute;curit&eacute; par carte sur la page de paiement Systempay.',
    'TEXT_REDIRECT' => 'Vous allez &ecirc;tre redirig&eacute; vers la page de paiement s&eacute;curis&eacute;e. Si rien ne se passe, cliquez sur le bouton.',
    'BUTTON_PAY' => 'Continuer vers le paiement',
    'TEST_MODE_BUYER' => 'Mode TEST : aucun paiement r&eacute;el n\'est effectu&eacute;.',
    'TEST_MODE_ADMIN' => '<strong>Mode TEST</strong> : les paiements sont simul&eacute;s. Passez en PRODUCTION une fois la phase de test valid&eacute;e dans le Back Office Marchand.',
    'GOING_INTO_PRODUCTION' => '<strong>PASSAGE EN PRODUCTION :</strong> cette boutique est en mode TEST. Pour accepter de vrais paiements, terminez la phase de test et passez le module en mode PRODUCTION.',
    'CARD' => 'Carte', 'TRANSACTION' => 'Transaction', 'ALL' => 'Toutes',
    'MULTI_SELECT_HELP' => 'Maintenez la touche Ctrl (Cmd sur Mac) pour en choisir plusieurs ; aucune s&eacute;lection : toutes.',
    'NOTIFICATION_URL_HELP' => '&Agrave; copier dans votre Back Office Marchand : Param&eacute;trage &gt; R&egrave;gles de notification &gt; URL de notification &agrave; la fin du paiement &gt; URL &agrave; appeler en mode TEST et PRODUCTION (API formulaire V1, V2). Cette URL ne doit &ecirc;tre ni en maintenance, ni prot&eacute;g&eacute;e par un .htaccess ou un filtrage d\'adresses IP.',
    'VALIDATION_DEFAULT' => 'Configuration Back Office', 'VALIDATION_AUTOMATIC' => 'Automatique', 'VALIDATION_MANUAL' => 'Manuelle',
    'ERROR_EXTENSION' => 'L\'extension PHP systempay n\'est pas charg&eacute;e : le moyen de paiement est masqu&eacute; lors de la commande.',
    'ERROR_EXTENSION_HELP' => 'Copiez systempay.so dans le r&eacute;pertoire des extensions PHP, ajoutez <code>extension=systempay.so</code> au php.ini du serveur web (et de PHP-CLI pour les t&acirc;ches cron), red&eacute;marrez PHP puis v&eacute;rifiez avec <code>php -m</code>.',
    'ERROR_SITE_ID' => 'L\'identifiant boutique doit &ecirc;tre compos&eacute; des 8 chiffres indiqu&eacute;s dans le Back Office Marchand.',
    'ERROR_KEY_TEST' => 'La cl&eacute; de test manque : le moyen de paiement reste masqu&eacute; jusqu\'&agrave; sa saisie.',
    'ERROR_KEY_PROD' => 'Le mode PRODUCTION n&eacute;cessite la cl&eacute; de production : le moyen de paiement reste masqu&eacute; jusqu\'&agrave; sa saisie.',
    'ERROR_TIMEOUT' => 'Les temps avant redirection doivent &ecirc;tre des nombres entiers de secondes de 0 &agrave; 300.',
    'ERROR_AMOUNT' => 'Les montants (minimum, maximum, 3DS) doivent &ecirc;tre des nombres comme 30 ou 30.00.',
    'ERROR_CAPTURE_DELAY' => 'Le d&eacute;lai avant remise en banque doit &ecirc;tre un nombre de jours de 0 &agrave; 365, ou vide.',
    'ERROR_SETTINGS' => 'Un param&egrave;tre n\'est pas accept&eacute; par la plateforme de paiement (langues, types de cartes ou messages) : veuillez les v&eacute;rifier.',
    'ERROR_REFUSED' => 'Votre paiement a &eacute;t&eacute; refus&eacute;. Votre panier est conserv&eacute; : vous pouvez r&eacute;essayer ou choisir un autre moyen de paiement.',
    'ERROR_CANCELLED' => 'Vous avez annul&eacute; le paiement. Votre panier est conserv&eacute; : vous pouvez r&eacute;essayer ou choisir un autre moyen de paiement.',
    'ERROR_NOT_PAID' => 'Le paiement n\'a pas abouti. Votre panier est conserv&eacute; : veuillez choisir &agrave; nouveau un moyen de paiement.',
    'ERROR_TAMPERED' => 'Le r&eacute;sultat du paiement n\'a pas pu &ecirc;tre v&eacute;rifi&eacute;. Votre commande n\'est pas confirm&eacute;e ; veuillez r&eacute;essayer.',
    'ERROR_TECHNICAL' => 'Un probl&egrave;me technique a emp&ecirc;ch&eacute; le paiement. Veuillez r&eacute;essayer dans quelques minutes ou choisir un autre moyen de paiement.',
    'PANEL_TITLE' => 'Paiement Systempay', 'PANEL_NONE' => 'Aucune tentative de paiement enregistr&eacute;e pour cette commande.',
    'PANEL_DATE' => 'Date (UTC)', 'PANEL_TRANS_ID' => 'Transaction', 'PANEL_UUID' => 'R&eacute;f&eacute;rence plateforme', 'PANEL_STATUS' => 'Statut',
    'PANEL_RESULT' => 'R&eacute;sultat', 'PANEL_AMOUNT' => 'Montant', 'PANEL_CARD' => 'Carte', 'PANEL_EXPIRY' => 'Expiration', 'PANEL_3DS' => '3-D Secure',
    'PANEL_MODE' => 'Mode', 'PANEL_FLAGGED' => '&Agrave; v&eacute;rifier', 'PANEL_LOG' => 'Notifications et retours',
    'PANEL_SOURCE' => 'Origine', 'PANEL_DECISION' => 'D&eacute;cision', 'PANEL_ANSWER' => 'R&eacute;ponse', 'PANEL_DURATION' => 'ms',
);
$systempay_settings = array(
    'NOTIFICATION_URL' => array('URL de notification', 'URL appel&eacute;e par la plateforme &agrave; la fin de chaque paiement. C\'est le seul moyen fiable pour la boutique d\'&ecirc;tre inform&eacute;e d\'un paiement.'),
    'STATUS' => array('Activation', 'Proposer le paiement par carte Systempay lors de la commande.'),
    'ALLOWED' => array('Pays autoris&eacute;s', 'Pays de facturation (codes ISO s&eacute;par&eacute;s par des virgules, ex. DE,FR) pour lesquels le moyen de paiement est propos&eacute;. Vide : tous.'),
    'ZONE' => array('Zone de paiement', 'Zone de paiement pour laquelle s\'applique ce moyen de paiement. Aucun : toutes les zones.'),
    'SITE_ID' => array('Identifiant boutique', 'L\'identifiant boutique sur 8 chiffres du Back Office Marchand (Param&eacute;trage &gt; Boutique &gt; Cl&eacute;s).'),
    'KEY_TEST' => array('Cl&eacute; en mode test', 'La cl&eacute; de test du Back Office Marchand (Param&eacute;trage &gt; Boutique &gt; Cl&eacute;s).'),
    'KEY_PROD' => array('Cl&eacute; en mode production', 'La cl&eacute; de production du Back Office Marchand ; disponible apr&egrave;s la phase de test.'),
    'CTX_MODE' => array('Mode', 'TEST ou PRODUCTION. Le mode PRODUCTION n\'est disponible qu\'apr&egrave;s la phase de test.'),
    'SIGN_ALGORITHM' => array('Algorithme de signature', 'Doit &ecirc;tre identique &agrave; celui du Back Office Marchand (Param&eacute;trage &gt; Boutique &gt; Cl&eacute;s). HMAC-SHA-256 recommand&eacute;.'),
    'PLATFORM_URL' => array('URL de la page de paiement', 'Adresse de la page de paiement. Par d&eacute;faut : https://paiement.systempay.fr/vads-payment/'),
    'LANGUAGE' => array('Langue par d&eacute;faut', 'Langue de la page de paiement si la langue de la boutique n\'y est pas disponible.'),
    'AVAILABLE_LANGUAGES' => array('Langues disponibles', 'Langues propos&eacute;es &agrave; l\'acheteur sur la page de paiement. Aucune s&eacute;lection : toutes.'),
    'CAPTURE_DELAY' => array('D&eacute;lai avant remise en banque', 'Nombre de jours avant la remise en banque. Vide : param&eacute;trage du Back Office (conseill&eacute;).'),
    'VALIDATION_MODE' => array('Mode de validation', 'Automatique : remise en banque sans intervention. Manuelle : chaque transaction doit &ecirc;tre valid&eacute;e dans le Back Office avant l\'expiration de la demande d\'autorisation.'),
    'PAYMENT_CARDS' => array('Types de cartes', 'Cartes propos&eacute;es sur la page de paiement. Aucune s&eacute;lection : toutes les cartes de votre contrat (conseill&eacute;).'),
    'THREEDS_MIN_AMOUNT' => array('G&eacute;rer le 3DS', 'Sous ce montant (dans la devise de la commande), une authentification sans interaction (frictionless) est demand&eacute;e (3DS2 ; le marchand perd alors la garantie de paiement). Vide : l\'&eacute;metteur d&eacute;cide.'),
    'AMOUNT_MIN' => array('Montant minimum', 'Montant de commande minimum pour proposer ce moyen de paiement (devise de la commande). Vide : aucun.'),
    'AMOUNT_MAX' => array('Montant maximum', 'Montant de commande maximum pour proposer ce moyen de paiement (devise de la commande). Vide : aucun.'),
    'REDIRECT_ENABLED' => array('Redirection automatique', 'Rediriger automatiquement l\'acheteur vers la boutique &agrave; la fin du paiement.'),
    'REDIRECT_SUCCESS_TIMEOUT' => array('Temps avant redirection (succ&egrave;s)', 'D&eacute;lai en secondes (0-300) avant la redirection apr&egrave;s un paiement r&eacute;ussi.'),
    'REDIRECT_SUCCESS_MESSAGE' => array('Message avant redirection (succ&egrave;s)', 'Message affich&eacute; sur la plateforme avant la redirection apr&egrave;s un paiement r&eacute;ussi.'),
    'REDIRECT_ERROR_TIMEOUT' => array('Temps avant redirection (&eacute;chec)', 'D&eacute;lai en secondes (0-300) avant la redirection apr&egrave;s un paiement &eacute;chou&eacute;.'),
    'REDIRECT_ERROR_MESSAGE' => array('Message avant redirection (&eacute;chec)', 'Message affich&eacute; sur la plateforme avant la redirection apr&egrave;s un paiement &eacute;chou&eacute;.'),
    'RETURN_MODE' => array('Mode de retour', 'Mode de transmission des param&egrave;tres lors du retour &agrave; la boutique. GET est conseill&eacute; (pas d\'avertissement du navigateur).'),
    'ORDER_STATUS_ID' => array('Statut des commandes (paiements accept&eacute;s)', 'Statut des commandes pay&eacute;es avec succ&egrave;s.'),
    'PENDING_STATUS_ID' => array('Statut des commandes (paiement en attente)', 'Statut des commandes pendant le paiement ou en attente de validation.'),
    'CANCELLED_STATUS_ID' => array('Statut des commandes (refus&eacute;es ou annul&eacute;es)', 'Statut des commandes dont le paiement est refus&eacute; ou annul&eacute; ; leurs articles sont remis en stock.'),
    'SORT_ORDER' => array('Ordre d\'affichage', 'Position dans la liste des moyens de paiement ; le plus petit appara&icirc;t en premier.'),
);
foreach ($systempay_texts as $systempay_name => $systempay_text) {
    defined('MODULE_PAYMENT_SYSTEMPAY_' . $systempay_name) or define('MODULE_PAYMENT_SYSTEMPAY_' . $systempay_name, $systempay_text);
}
foreach ($systempay_settings as $systempay_name => $systempay_text) {
    defined('MODULE_PAYMENT_SYSTEMPAY_' . $systempay_name . '_TITLE') or define('MODULE_PAYMENT_SYSTEMPAY_' . $systempay_name . '_TITLE', $systempay_text[0]);
    defined('MODULE_PAYMENT_SYSTEMPAY_' . $systempay_name . '_DESC') or define('MODULE_PAYMENT_SYSTEMPAY_' . $systempay_name . '_DESC', $systempay_text[1]);
}
unset($systempay_texts, $systempay_settings, $systempay_name, $systempay_text);
