<?php
// One buyer's checkout up to the payment page; prints the trans id (used by the parallel test).
error_reporting(E_ALL);
require __DIR__ . '/harness.php';
require __DIR__ . '/flows.php';
$buyer = new Buyer();
$buyer->payWithSystempay();
echo $buyer->request['vads_trans_id'], "\n";
