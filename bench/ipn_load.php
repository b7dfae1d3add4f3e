<?php
// Bounded load test of the real notification endpoint (Apache + mod_php + the .so + MariaDB of the
// real shop, tests/realshop/): N distinct paid notifications, then N duplicates, at C concurrent
// connections; prints notifications/s and p50/p99 latency. Run by hand:
//   bash bench/ipn_load.sh [notifications] [connections]
error_reporting(E_ALL);
require __DIR__ . '/../tests/module/harness.php';
$count = (int) ($argv[1] ?? 2000);
$connections = (int) ($argv[2] ?? 32);

Db::reset();
$admin = null;
require __DIR__ . '/../tests/module/flows.php';
$admin = new Admin();
$admin->install();
foreach (array('SITE_ID' => Platform::SITE_ID, 'KEY_TEST' => Platform::KEY_TEST, 'KEY_PROD' => Platform::KEY_PROD) as $name => $value) {
    Db::setConfig('MODULE_PAYMENT_SYSTEMPAY_' . $name, $value);
}
Db::setConfig('SEND_EMAILS', 'false'); // measure the endpoint, not the shop's mail templates
$requests = Fixtures::pendingOrders($count);
$fresh = array();
foreach ($requests as $request) {
    $fresh[] = http_build_query(Platform::result($request, 'AUTHORISED', true));
}
foreach (array('first notifications (order updated)' => $fresh, 'duplicates (already registered)' => $fresh) as $label => $bodies) {
    $started = microtime(true);
    $results = post_notifications($bodies, $connections);
    $seconds = microtime(true) - $started;
    $latencies = array_map(static fn ($r) => $r['ms'], $results);
    $errors = count(array_filter($results, static fn ($r) => $r['status'] !== 200 || strncmp($r['body'], 'OK-', 3) !== 0));
    printf("%-38s %6d in %5.1f s: %6.0f notifications/s, p50 %5.1f ms, p99 %5.1f ms, %d errors\n",
        $label, count($bodies), $seconds, count($bodies) / $seconds, percentile($latencies, 50), percentile($latencies, 99), $errors);
}
printf("paid orders: %d of %d\n", (int) Db::value("SELECT COUNT(*) FROM systempay_transaction WHERE outcome = 'success'"), $count);
