<?php
/* Test double: main french language file of the test shop (ASCII with HTML entities, like the shop's files). */
define('CHARSET', 'utf-8');
define('LANGUAGE_CURRENCY', 'EUR');
define('HTML_PARAMS', 'dir="ltr" lang="fr"');
define('TEXT_SHOP_OFFLINE', 'La boutique est ferm&eacute;e pour maintenance.');
define('ERROR_NO_PAYMENT_MODULE_SELECTED', 'Veuillez choisir un mode de paiement.');
define('ERROR_NO_SHIPPING_MODULE_SELECTED', 'No shipping method selected.');
define('ERROR_CONDITIONS_NOT_ACCEPTED', 'Veuillez accepter nos conditions g&eacute;n&eacute;rales.');
define('MODULE_ORDER_TOTAL_SUBTOTAL_TITLE', 'Sous-total');
define('MODULE_ORDER_TOTAL_SHIPPING_TITLE', 'Livraison');
define('MODULE_ORDER_TOTAL_TOTAL_TITLE', 'Total');
define('MODULE_SHIPPING_FLAT_TEXT_TITLE', 'Forfait');
define('MODULE_SHIPPING_FLAT_TEXT_WAY', 'Meilleur moyen');
define('HEADING_CHECKOUT_PAYMENT', 'Mode de paiement');
define('HEADING_CHECKOUT_CONFIRMATION', 'Confirmer la commande');
define('HEADING_CHECKOUT_SUCCESS', 'Merci pour votre commande');
define('HEADING_SHOPPING_CART', 'Panier');
define('HEADING_CHECKOUT_SHIPPING', 'Mode de livraison');
define('HEADING_LOGIN', 'Connexion');
define('HEADING_START', 'Bienvenue');
define('TEXT_CART_EMPTY', 'Votre panier est vide.');
define('TEXT_ORDER_NUMBER', 'Num&eacute;ro de commande');
define('TEXT_NO_ORDER', 'Aucune commande r&eacute;cente.');
define('TEXT_ACCEPT_CONDITIONS', 'J\'accepte les conditions g&eacute;n&eacute;rales');
define('TEXT_PAYMENT_METHOD', 'Mode de paiement');
define('TEXT_NO_PAYMENT', 'Aucun paiement requis');
define('IMAGE_BUTTON_CONTINUE', 'Continuer');
define('IMAGE_BUTTON_CONFIRM_ORDER', 'Commander');
define('IMAGE_BUTTON_BACK', 'Retour');
define('EMAIL_ORDER_SUBJECT', 'Votre commande chez %s, n&deg; %s');
define('EMAIL_ORDER_GREETING', 'Merci pour votre commande.');
// extra language files (modules add theirs here)
foreach (auto_include(DIR_FS_CATALOG . 'lang/french/extra/', 'php') as $file) require_once($file);
