<?php
// PHPUnit bootstrap: the suite tests the built extension as PHP users see it, so it refuses to run
// without it rather than skipping everything.
error_reporting(E_ALL);
ini_set('display_errors', '1');
if (!extension_loaded('systempay')) {
    fwrite(STDERR, "The systempay extension is not loaded: run through scripts/test.sh (php -d extension=build/systempay.so).\n");
    exit(1);
}
// Any notice, warning or deprecation fails the test that caused it.
set_error_handler(static function (int $severity, string $message, string $file = '', int $line = 0): bool {
    if (!(error_reporting() & $severity)) {
        return false; // silenced with @ on purpose
    }
    throw new ErrorException($message, 0, $severity, $file, $line);
});

const TEST_KEY = '1122334455667788';
const PROD_KEY = '9988776655443322';

/** Fields of a realistic notification, unsigned. */
function notification_fields(string $mode = 'TEST', string $status = 'AUTHORISED'): array
{
    return [
        'vads_action_mode' => 'INTERACTIVE', 'vads_amount' => '1234', 'vads_auth_result' => '00',
        'vads_card_brand' => 'CB', 'vads_card_number' => '497010XXXXXX0014', 'vads_ctx_mode' => $mode,
        'vads_currency' => '978', 'vads_expiry_month' => '6', 'vads_expiry_year' => '2030',
        'vads_hash' => '0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0', 'vads_order_id' => '42',
        'vads_page_action' => 'PAYMENT', 'vads_payment_config' => 'SINGLE', 'vads_result' => '00',
        'vads_site_id' => '12345678', 'vads_threeds_status' => 'Y', 'vads_trans_date' => '20261203101010',
        'vads_trans_id' => '000123', 'vads_trans_status' => $status,
        'vads_trans_uuid' => '0123456789abcdef0123456789abcdef', 'vads_url_check_src' => 'PAY',
        'vads_version' => 'V2', 'vads_cust_first_name' => "Zoë O'Brien & co + \"friends\"",
    ];
}

function signed_notification(array $fields, string $key = TEST_KEY, string $algorithm = 'HMAC-SHA-256'): array
{
    $fields['signature'] = reference_signature($fields, $key, $algorithm);
    return $fields;
}

/** Protocol §2 in plain PHP, as an independent reference for the tests. */
function reference_signature(array $fields, string $key, string $algorithm): string
{
    $key = trim($key);
    $signed = array_filter($fields, static fn ($name) => strncmp((string) $name, 'vads_', 5) === 0, ARRAY_FILTER_USE_KEY);
    ksort($signed, SORT_STRING);
    $message = '';
    foreach ($signed as $value) {
        $message .= $value . '+';
    }
    $message .= $key;
    return $algorithm === 'SHA-1' ? sha1($message) : base64_encode(hash_hmac('sha256', $message, $key, true));
}
