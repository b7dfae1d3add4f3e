<?php
/**
 * Systempay for modified eCommerce: turns a language file's two arrays into the constants modified
 * reads (MODULE_PAYMENT_SYSTEMPAY_<NAME>, and <KEY>_TITLE / <KEY>_DESC for every setting). Guarded
 * with defined(): the shop may include a language file more than once.
 */
defined('DIR_FS_CATALOG') or die('Direct Access to this location is not allowed.');

if (!function_exists('systempay_define_texts')) {
    function systempay_define_texts(array $texts, array $settings)
    {
        foreach ($texts as $name => $text) {
            defined('MODULE_PAYMENT_SYSTEMPAY_' . $name) or define('MODULE_PAYMENT_SYSTEMPAY_' . $name, $text);
        }
        foreach ($settings as $name => $text) {
            defined('MODULE_PAYMENT_SYSTEMPAY_' . $name . '_TITLE') or define('MODULE_PAYMENT_SYSTEMPAY_' . $name . '_TITLE', $text[0]);
            defined('MODULE_PAYMENT_SYSTEMPAY_' . $name . '_DESC') or define('MODULE_PAYMENT_SYSTEMPAY_' . $name . '_DESC', $text[1]);
        }
    }
}
