<?php
// Signs a 52-field payment request and verifies a 52-field notification, with the systempay
// extension and with the pure-PHP equivalent (ksort, implode, hash_hmac, base64_encode,
// hash_equals), in the same process, and prints ops/s and the ratio. Run by hand:
//   bash bench/run.sh            (or: php -d extension=build/systempay.so bench/sign_verify.php [iterations])
error_reporting(E_ALL);
if (!extension_loaded('systempay')) {
    fwrite(STDERR, "load the extension: php -d extension=build/systempay.so bench/sign_verify.php\n");
    exit(1);
}
$iterations = (int) ($argv[1] ?? 100000);
$rounds = 5;
$key = 'VgbDd550wI6W1rwODGy56QAUkUQwIEdwXG5ziDUUC72BS';

/** A request of 52 vads_* fields (what the module posts for a buyer with billing and shipping data). */
function request_fields(): array
{
    $fields = [
        'vads_action_mode' => 'INTERACTIVE', 'vads_amount' => '12490', 'vads_ctx_mode' => 'TEST', 'vads_currency' => '978',
        'vads_page_action' => 'PAYMENT', 'vads_payment_config' => 'SINGLE', 'vads_site_id' => '12345678',
        'vads_trans_date' => '20261203101010', 'vads_trans_id' => '000123', 'vads_version' => 'V2', 'vads_order_id' => '100042',
        'vads_language' => 'de', 'vads_return_mode' => 'GET', 'vads_url_return' => 'https://shop.example/checkout_process.php',
        'vads_contrib' => 'modified3.3.0_0.1.0/8.2.36', 'vads_cust_email' => 'zoe.mueller@example.com',
        'vads_cust_first_name' => 'Zoë', 'vads_cust_last_name' => 'Müller', 'vads_cust_address' => 'Königstraße 12',
        'vads_cust_zip' => '70173', 'vads_cust_city' => 'Stuttgart', 'vads_cust_country' => 'DE', 'vads_cust_phone' => '+49 711 123456',
        'vads_ship_to_first_name' => 'Zoë', 'vads_ship_to_last_name' => 'Müller', 'vads_ship_to_street' => 'Königstraße 12',
        'vads_ship_to_zip' => '70173', 'vads_ship_to_city' => 'Stuttgart', 'vads_ship_to_country' => 'DE',
        'vads_redirect_success_timeout' => '5', 'vads_redirect_success_message' => 'Redirection vers la boutique dans quelques instants',
        'vads_redirect_error_timeout' => '5', 'vads_redirect_error_message' => 'Redirection vers la boutique dans quelques instants',
        'vads_threeds_mpi' => '', 'vads_available_languages' => 'de;en;fr', 'vads_payment_cards' => '', 'vads_validation_mode' => '',
        'vads_capture_delay' => '', 'vads_cust_id' => '17',
    ];
    for ($i = count($fields); $i < 52; $i++) {
        $fields["vads_ext_info_field$i"] = "value $i";
    }
    return $fields;
}

function php_sign(array $fields, string $key): string
{
    $signed = [];
    foreach ($fields as $name => $value) {
        if (strncmp($name, 'vads_', 5) === 0) {
            $signed[$name] = $value;
        }
    }
    ksort($signed);
    return base64_encode(hash_hmac('sha256', implode('+', $signed) . '+' . $key, $key, true));
}

function php_verify(array $fields, string $key): bool
{
    return isset($fields['signature']) && hash_equals(php_sign($fields, $key), $fields['signature']);
}

$request = request_fields();
// Shuffle the order so that neither side benefits from pre-sorted input.
$keys = array_keys($request);
mt_srand(7);
shuffle($keys);
$request = array_combine($keys, array_map(fn ($k) => $request[$k], $keys));
$notification = $request;
$notification['signature'] = php_sign($notification, $key);
if (count(array_filter(array_keys($request), fn ($k) => strncmp($k, 'vads_', 5) === 0)) !== 52) {
    throw new LogicException('the bench needs 52 signed fields');
}
if (Systempay\sign($request, $key) !== php_sign($request, $key) || !Systempay\verify($notification, $key) || !php_verify($notification, $key)) {
    throw new LogicException('the two implementations disagree');
}

/** Best ops/s of $rounds rounds of $iterations calls. */
function measure(callable $op, int $iterations, int $rounds): float
{
    $best = 0.0;
    for ($r = 0; $r < $rounds; $r++) {
        $start = hrtime(true);
        for ($i = 0; $i < $iterations; $i++) {
            $op();
        }
        $best = max($best, $iterations / ((hrtime(true) - $start) / 1e9));
    }
    return $best;
}

$results = [
    'sign (52 fields)' => [
        measure(fn () => Systempay\sign($request, $key), $iterations, $rounds),
        measure(fn () => php_sign($request, $key), $iterations, $rounds),
    ],
    'verify (52 fields)' => [
        measure(fn () => Systempay\verify($notification, $key), $iterations, $rounds),
        measure(fn () => php_verify($notification, $key), $iterations, $rounds),
    ],
];
ob_start();
phpinfo(INFO_MODULES);
preg_match('/^build profile => (\S+)/m', (string) ob_get_clean(), $profile);
printf("PHP %s, systempay %s (%s build), %d iterations x %d rounds, best round\n", PHP_VERSION, phpversion('systempay'),
    $profile[1] ?? 'unknown', $iterations, $rounds);
printf("%-20s %14s %14s %8s\n", 'operation', 'extension/s', 'pure PHP/s', 'ratio');
foreach ($results as $name => [$ext, $php]) {
    printf("%-20s %14s %14s %7.2fx\n", $name, number_format($ext), number_format($php), $ext / $php);
}
