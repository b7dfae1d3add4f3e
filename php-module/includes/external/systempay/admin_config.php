<?php
/**
 * Systempay for modified eCommerce: the admin edit-form and info-box helpers named in the
 * module's set_function / use_function columns. modified calls a set_function as
 * `name('<escaped value>', '<key>')` and a use_function as `name(value)`; both return HTML.
 * Loaded with the module file, so they exist wherever the module list or edit form is shown.
 */
// Loaded by the shop only (its bootstrap defines DIR_FS_CATALOG; only the admin top defines _VALID_XTC).
defined('DIR_FS_CATALOG') or die('Direct Access to this location is not allowed.');

if (!function_exists('systempay_cfg_html')) {
    function systempay_cfg_html($text)
    {
        return htmlspecialchars((string) $text, ENT_QUOTES, 'UTF-8');
    }

    function systempay_cfg_text($suffix, $default)
    {
        $name = 'MODULE_PAYMENT_SYSTEMPAY_' . $suffix;
        return defined($name) ? constant($name) : $default;
    }

    /** Platform language codes with their own names (display only). */
    function systempay_cfg_language_names()
    {
        $names = array('de' => 'Deutsch', 'en' => 'English', 'zh' => '中文', 'es' => 'Español', 'fr' => 'Français',
            'it' => 'Italiano', 'ja' => '日本語', 'nl' => 'Nederlands', 'pl' => 'Polski', 'pt' => 'Português',
            'ru' => 'Русский', 'sv' => 'Svenska', 'tr' => 'Türkçe');
        if (function_exists('Systempay\supported_languages')) {
            $names = array_intersect_key($names, array_flip(Systempay\supported_languages()));
        }
        return $names;
    }

    /** A key or password in the module box: stars when saved, "(not set)" when empty (the shop's own stars hide that). */
    function systempay_cfg_show_secret($value)
    {
        return (string) $value === '' ? '<em>' . systempay_cfg_text('SECRET_NOT_SET', '(not set)') . '</em>' : '**********';
    }

    function systempay_cfg_field_name($key)
    {
        return 'configuration[' . systempay_cfg_html($key) . ']';
    }

    /** Read-only: the URL to paste into the merchant back office, with the instructions. */
    function systempay_cfg_notification_url($value, $key = '')
    {
        return '<input type="text" readonly="readonly" style="width:100%" onclick="this.select()" value="' . systempay_cfg_html(SystempayConfig::notificationUrl()) . '">'
            . '<br><small>' . systempay_cfg_text('NOTIFICATION_URL_HELP', '') . '</small>';
    }

    function systempay_cfg_show_notification_url($value)
    {
        return '<code>' . systempay_cfg_html(SystempayConfig::notificationUrl()) . '</code>';
    }

    function systempay_cfg_select($options, $value, $key)
    {
        $value = html_entity_decode((string) $value, ENT_QUOTES, 'UTF-8'); // the edit form passes it HTML-escaped
        $html = '<select name="' . systempay_cfg_field_name($key) . '">';
        foreach ($options as $code => $label) {
            $html .= '<option value="' . systempay_cfg_html($code) . '"' . ((string) $code === (string) $value ? ' selected="selected"' : '') . '>' . systempay_cfg_html($label) . '</option>';
        }
        return $html . '</select>';
    }

    /**
     * A multi-select. The hidden empty entry makes "nothing selected" reach the shop: a key that is
     * not posted at all keeps its old value, so a cleared selection could never be saved otherwise.
     */
    function systempay_cfg_multi_select($options, $value, $key)
    {
        $value = html_entity_decode((string) $value, ENT_QUOTES, 'UTF-8');
        $selected = array_filter(array_map('trim', preg_split('/[;,]/', (string) $value)), 'strlen');
        $html = '<input type="hidden" name="' . systempay_cfg_field_name($key) . '[]" value="">'
            . '<select multiple="multiple" size="' . min(8, count($options)) . '" name="' . systempay_cfg_field_name($key) . '[]">';
        foreach ($options as $code => $label) {
            $html .= '<option value="' . systempay_cfg_html($code) . '"' . (in_array((string) $code, $selected, true) ? ' selected="selected"' : '') . '>' . systempay_cfg_html($label) . '</option>';
        }
        return $html . '</select><br><small>' . systempay_cfg_text('MULTI_SELECT_HELP', '') . '</small>';
    }

    function systempay_cfg_show_list($value, $options)
    {
        $codes = array_filter(array_map('trim', preg_split('/[;,]/', (string) $value)), 'strlen');
        if (!$codes) {
            return systempay_cfg_html(systempay_cfg_text('ALL', 'All'));
        }
        return systempay_cfg_html(implode(', ', array_map(static function ($code) use ($options) {
            return isset($options[$code]) ? $options[$code] : $code;
        }, $codes)));
    }

    function systempay_cfg_select_language($value, $key = '')
    {
        return systempay_cfg_select(systempay_cfg_language_names(), $value, $key);
    }

    function systempay_cfg_multi_languages($value, $key = '')
    {
        return systempay_cfg_multi_select(systempay_cfg_language_names(), $value, $key);
    }

    function systempay_cfg_show_languages($value)
    {
        return systempay_cfg_show_list($value, systempay_cfg_language_names());
    }

    function systempay_cfg_validation_modes()
    {
        return array(
            '' => systempay_cfg_text('VALIDATION_DEFAULT', 'Back-office configuration'),
            '0' => systempay_cfg_text('VALIDATION_AUTOMATIC', 'Automatic'),
            '1' => systempay_cfg_text('VALIDATION_MANUAL', 'Manual'),
        );
    }

    function systempay_cfg_select_validation_mode($value, $key = '')
    {
        return systempay_cfg_select(systempay_cfg_validation_modes(), $value, $key);
    }

    function systempay_cfg_show_validation_mode($value)
    {
        $modes = systempay_cfg_validation_modes();
        return systempay_cfg_html(isset($modes[(string) $value]) ? $modes[(string) $value] : $value);
    }

    function systempay_cfg_multi_cards($value, $key = '')
    {
        return systempay_cfg_multi_select(SystempayConfig::CARD_TYPES, $value, $key);
    }

    function systempay_cfg_show_cards($value)
    {
        return systempay_cfg_show_list($value, SystempayConfig::CARD_TYPES);
    }
}
