<?php
// Prints one signed payment request built by the extension, with the public test shop id and the
// documented example TEST key, and checks it with the extension's own verify().
error_reporting(E_ALL);
$settings = [
    'site_id' => '12345678', 'ctx_mode' => 'TEST', 'key_test' => '1122334455667788',
    'sign_algorithm' => 'HMAC-SHA-256', 'default_language' => 'fr', 'threeds_min_amount' => '30',
    'redirect_enabled' => true, 'return_mode' => 'GET', 'contrib' => 'modified3.3.0_' . phpversion('systempay') . '/' . PHP_VERSION,
];
$payment = [
    'order_id' => '1001', 'amount' => '24.90', 'currency' => 'EUR', 'trans_id' => '000001', 'language' => 'de',
    'url_return' => 'https://shop.example/checkout_process.php',
    'cust_email' => 'zoe@example.com', 'cust_first_name' => 'Zoë', 'cust_last_name' => 'Müller', 'cust_country' => 'DE',
    'ext_info' => ['session_id' => 'demo-session'],
];
$fields = Systempay\build_payment_request($settings, $payment);
echo "Signed payment request (POST to https://paiement.systempay.fr/vads-payment/):\n";
foreach ($fields as $name => $value) {
    printf("  %-32s %s\n", $name, $value);
}
printf("verify() with the TEST key: %s\n", Systempay\verify($fields, $settings['key_test']) ? 'valid' : 'INVALID');
