<?php
// Exercises every extension function (and its exception paths) in a loop; scripts/leak-check.sh runs it
// under valgrind with the Zend allocator off, so that any memory the extension leaks is reported.
$k = '1122334455667788';
for ($i = 0; $i < 2000; $i++) {
    $f = ['vads_amount' => '1234', 'vads_ctx_mode' => 'TEST', 'vads_site_id' => '12345678', 'vads_trans_id' => '000123', 'vads_trans_status' => 'AUTHORISED', 'vads_currency' => '978', 'vads_order_id' => '42', 'vads_hash' => 'x'];
    $f['signature'] = Systempay\sign($f, $k);
    Systempay\verify($f, $k);
    $n = Systempay\parse_notification(http_build_query($f), ['TEST' => $k], 'HMAC-SHA-256');
    $n->toArray(); $n->outcome(); $n->maskedCardNumber();
    try { Systempay\parse_notification('vads_ctx_mode=TEST', ['TEST' => $k], 'HMAC-SHA-256'); } catch (Systempay\Exception $e) {}
    try { Systempay\sign(['vads_x' => []], $k); } catch (Systempay\Exception $e) {}
    Systempay\build_payment_request(['site_id' => '12345678', 'ctx_mode' => 'TEST', 'key_test' => $k], ['order_id' => '1', 'amount' => '1.00', 'currency' => 'EUR', 'trans_id' => '000001', 'url_return' => 'https://x.example/', 'ext_info' => ['a' => 'b']]);
    Systempay\to_minor_units('12.34', 'EUR'); Systempay\currency_info('EUR');
}
echo "done\n";
