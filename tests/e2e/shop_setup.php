<?php
/**
 * Prepares the running test shop for the demo and the browser tests, as an admin would:
 * fresh shop data (tests/shop/reset_db.sh, module tables dropped), Systempay installed through the
 * admin pages (Modules > Payment > Install, then Edit > Save with the settings below), TEST mode
 * against the local sandbox. Prints the notification URL the admin page shows.
 *
 *   php tests/e2e/shop_setup.php [--keep-data]
 *
 * Ports and URLs come from SHOP_HTTP_PORT, SHOP_DB_PORT, SANDBOX_PORT (see tests/module/harness.php).
 */
error_reporting(E_ALL);
set_error_handler(static function ($severity, $message, $file = '', $line = 0) {
    throw new ErrorException($message, 0, $severity, $file, $line);
});
require __DIR__ . '/../module/harness.php';
require __DIR__ . '/../module/flows.php';

$options = getopt('', array('keep-data'));
if (!isset($options['keep-data'])) {
    Db::reset();
}
$admin = new Admin();
$page = $admin->install();
if ($page['status'] !== 200) {
    fwrite(STDERR, "install failed: HTTP {$page['status']}\n");
    exit(1);
}
$settings = array(
    'STATUS' => 'True',
    'SITE_ID' => Platform::SITE_ID,
    'CTX_MODE' => 'TEST',
    'KEY_TEST' => Platform::KEY_TEST,
    'SIGN_ALGORITHM' => 'HMAC-SHA-256',
    'PLATFORM_URL' => Env::sandboxUrl(),
);
$admin->save($settings);
foreach ($settings as $name => $value) {
    $saved = Db::config('MODULE_PAYMENT_SYSTEMPAY_' . $name);
    if ($saved !== $value) {
        fwrite(STDERR, "setting $name was not saved (" . var_export($saved, true) . ")\n");
        exit(1);
    }
}
echo "Systempay installed and configured (TEST mode, site id " . Platform::SITE_ID . ", platform " . Env::sandboxUrl() . ")\n";
echo "notification URL: " . Env::shopUrl('callback/systempay/process.php') . "\n";
