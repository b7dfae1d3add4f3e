<?php
/**
 * Prepares the real shop that tests/realshop/start.sh installed, the way its admin would:
 *   base    a product (tax class 19 %, stock 100), the JPY (0 decimals) and KWD (3 decimals)
 *           currencies added and USD activated, the test buyer with a German address, the flat shipping module installed
 *           through the admin. Run once, before the snapshot.
 *   module  Systempay installed and saved through Modules > Payment Methods (CSRF token and all),
 *           TEST mode against the local sandbox. Used by the demo and the browser tests.
 */
error_reporting(E_ALL);
set_error_handler(static function ($severity, $message, $file = '', $line = 0) {
    throw new ErrorException($message, 0, $severity, $file, $line);
});
require __DIR__ . '/../module/harness.php';
require __DIR__ . '/../module/flows.php';
require __DIR__ . '/../module/rest_harness.php';

function setup_base()
{
    $db = Db::link();
    Db::query("INSERT INTO products (products_id, products_quantity, products_shippingtime, products_model, group_permission_0, group_permission_1,
        group_permission_2, group_permission_3, group_permission_4, products_image, products_price, products_date_added, products_weight,
        products_status, products_tax_class_id, product_template, options_template, manufacturers_id, products_startpage, products_startpage_sort)
        VALUES (1, 100, 1, 'SP-1', 1, 1, 1, 1, 1, '', 20.9244, now(), 0.5, 1, 1, 'default', 'default', 0, 1, 1)");
    foreach (array(1 => 'Systempay test product', 2 => 'Systempay Testartikel') as $languageId => $name) {
        Db::query("INSERT INTO products_description (products_id, language_id, products_name, products_description, products_short_description,
            products_meta_title, products_meta_description, products_meta_keywords)
            VALUES (1, $languageId, '" . $db->real_escape_string($name) . "', 'A product to pay for with Systempay.', '', '', '', '')");
    }
    Db::query("INSERT INTO products_to_categories (products_id, categories_id) VALUES (1, 0)");
    // Also in a category of its own: the shop's search and menu only show products of an active category.
    Db::query("INSERT INTO categories (categories_id, categories_image, categories_image_mobile, categories_image_list, parent_id, categories_status,
        group_permission_0, group_permission_1, group_permission_2, group_permission_3, group_permission_4, sort_order, date_added)
        VALUES (1, '', '', '', 0, 1, 1, 1, 1, 1, 1, 0, now())");
    foreach (array(1, 2) as $languageId) {
        Db::query("INSERT INTO categories_description (categories_id, language_id, categories_name, categories_heading_title, categories_description,
            categories_meta_title, categories_meta_description, categories_meta_keywords) VALUES (1, $languageId, 'Systempay', 'Systempay', '', '', '', '')");
    }
    Db::query("INSERT INTO products_to_categories (products_id, categories_id) VALUES (1, 1)");
    // A 0-decimal and a 3-decimal currency, added as the admin's currencies page does.
    Db::query("INSERT INTO currencies (title, code, symbol_left, symbol_right, decimal_point, thousands_point, decimal_places, value, last_updated, status)
        VALUES ('Japanese Yen', 'JPY', '', 'JPY', '.', ',', '0', 161.4723, now(), 1),
               ('Kuwaiti Dinar', 'KWD', '', 'KWD', '.', ',', '3', 0.3312, now(), 1)");
    Db::query("UPDATE currencies SET status = 1 WHERE code = 'USD'");
    // The buyer: an account with a German address (password as the shop stored it before v2: md5, rehashed at the first login).
    Db::query("INSERT INTO customers (customers_id, customers_status, customers_gender, customers_firstname, customers_lastname, customers_email_address,
        customers_default_address_id, customers_telephone, customers_password, customers_date_added, customers_last_modified, account_type,
        customers_cid, customers_vat_id, customers_warning, customers_fax, password_request_key, payment_unallowed, shipping_unallowed)
        VALUES (2, 2, 'm', 'Max', 'Müller', 'max.mustermann@example.com', 2, '+49 30 1234567', '" . md5('Buyer-Pass-123') . "', now(), now(), 0,
        '', '', '', '', '', '', '')");
    Db::query("INSERT INTO address_book (address_book_id, customers_id, entry_gender, entry_company, entry_firstname, entry_lastname, entry_street_address,
        entry_suburb, entry_postcode, entry_city, entry_state, entry_country_id, entry_zone_id, address_date_added, address_last_modified)
        VALUES (2, 2, 'm', '', 'Max', 'Müller', 'Königstraße 12', '', '70173', 'Stuttgart', '', 81, 0, now(), now())");
    Db::query("INSERT INTO customers_info (customers_info_id, customers_info_number_of_logons, customers_info_date_account_created) VALUES (2, 0, now())");

    $admin = new Admin('en');
    $admin->browser->go('GET', 'admin/modules.php?set=shipping&module=flat&action=install');
    $list = $admin->browser->go('GET', 'admin/modules.php?set=shipping'); // recomputes MODULE_SHIPPING_INSTALLED
    if (strpos((string) Db::config('MODULE_SHIPPING_INSTALLED'), 'flat.php') === false) {
        throw new RuntimeException("flat shipping did not install:\n" . substr(strip_tags($list['body']), 0, 1500));
    }
}

function setup_module()
{
    $admin = new Admin('en');
    $admin->install();
    $response = $admin->save(array(
        'SITE_ID' => Platform::SITE_ID, 'KEY_TEST' => Platform::KEY_TEST, 'KEY_PROD' => Platform::KEY_PROD,
        'CTX_MODE' => 'TEST', 'SIGN_ALGORITHM' => 'HMAC-SHA-256', 'PLATFORM_URL' => Env::sandboxUrl(),
    ) + array_diff_key(RestPlatform::settings(preg_replace('~/vads-payment/?$~', '', Env::sandboxUrl())), array('PAYMENT_FORM' => true)));
    // The embedded form's keys are saved too: switching PAYMENT_FORM to EMBEDDED is all it takes.
    if (Db::config('MODULE_PAYMENT_SYSTEMPAY_SITE_ID') !== Platform::SITE_ID || strpos((string) Db::config('MODULE_PAYMENT_INSTALLED'), 'systempay.php') === false) {
        throw new RuntimeException("Systempay was not installed and saved:\n" . substr(strip_tags($response['body']), 0, 1500));
    }
}

$step = isset($argv[1]) ? $argv[1] : '';
if ($step === 'base') {
    setup_base();
} elseif ($step === 'module') {
    setup_module();
} else {
    fwrite(STDERR, "usage: php setup.php base|module\n");
    exit(2);
}
