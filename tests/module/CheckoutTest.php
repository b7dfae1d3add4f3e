<?php
require_once __DIR__ . '/ShopTestCase.php';

final class CheckoutTest extends ShopTestCase
{
    public function test_checkout_creates_the_pending_order_and_posts_a_signed_form_to_the_payment_page(): void
    {
        $buyer = new Buyer();
        $redirect = $buyer->payWithSystempay();
        $this->assertSame(Env::sandboxUrl(), $redirect['action']);
        $r = $buyer->request;
        $this->assertSame(Platform::sign($r, Platform::KEY_TEST), $r['signature'], 'signed with the TEST key, checked independently');
        foreach (array('vads_site_id' => Platform::SITE_ID, 'vads_ctx_mode' => 'TEST', 'vads_action_mode' => 'INTERACTIVE', 'vads_page_action' => 'PAYMENT',
                     'vads_payment_config' => 'SINGLE', 'vads_version' => 'V2', 'vads_currency' => '978', 'vads_language' => 'en', 'vads_return_mode' => 'GET',
                     'vads_url_return' => Env::shopUrl('checkout_process.php')) as $name => $value) {
            $this->assertSame($value, $r[$name], $name);
        }
        $order = self::order($buyer->ordersId);
        $this->assertSame('systempay', $order['payment_class']);
        $this->assertSame('1', $order['orders_status'], 'created with the pending status');
        $total = Db::value("SELECT value FROM orders_total WHERE orders_id = {$buyer->ordersId} AND class = 'ot_total'");
        $this->assertSame(decimal_to_minor($total, 2), $r['vads_amount'], 'the ot_total in minor units');
        $this->assertMatchesRegularExpression('/^[0-8][0-9]{5}$/', $r['vads_trans_id']);
        $this->assertSame((string) $buyer->ordersId, $r['vads_ext_info_shop_order']);
        $this->assertSame('DE', $r['vads_cust_country']);
        $this->assertArrayHasKey('vads_cust_email', $r);
        $this->assertStringContainsString('id="systempay_submit"', $buyer->paymentPage['body'], 'a visible button for browsers without JavaScript');
        $this->assertStringContainsString('TEST mode', $buyer->paymentPage['body']);
        $attempt = self::attempt($buyer->ordersId);
        $this->assertSame($r['vads_trans_id'], $attempt['trans_id']);
        $this->assertSame('pending', $attempt['outcome']);
        $this->assertNull($attempt['status']);
        $this->assertSame(0, self::mails($buyer->ordersId), 'no mail before payment');
    }

    public function test_amounts_in_zero_and_three_decimal_currencies(): void
    {
        foreach (array('JPY' => '392', 'KWD' => '414', 'USD' => '840') as $currency => $numeric) {
            $buyer = new Buyer();
            $buyer->payWithSystempay(array('currency' => $currency));
            $this->assertSame($numeric, $buyer->request['vads_currency'], $currency);
            $total = Db::value("SELECT value FROM orders_total WHERE orders_id = {$buyer->ordersId} AND class = 'ot_total'");
            $decimals = array('JPY' => 0, 'KWD' => 3, 'USD' => 2)[$currency];
            $this->assertSame(decimal_to_minor($total, $decimals), $buyer->request['vads_amount'], "$currency total $total");
            $this->assertSame($currency, self::order($buyer->ordersId)['currency']);
        }
    }

    public function test_shop_languages_are_mapped(): void
    {
        // The real 3.3.0 shop ships German and English only (fr/es language packs are not installed).
        $this->assertSame(array('de', 'en'), array_column(Db::rows('SELECT code FROM languages WHERE status = 1 ORDER BY code'), 'code'));
        foreach (array('de' => 'de', 'en' => 'en') as $shop => $page) {
            $buyer = new Buyer();
            $buyer->payWithSystempay(array('language' => $shop));
            $this->assertSame($page, $buyer->request['vads_language'], $shop);
        }
    }

    public function test_merchant_settings_reach_the_request(): void
    {
        self::configure(array('AVAILABLE_LANGUAGES' => 'de,fr', 'PAYMENT_CARDS' => 'CB,VISA', 'CAPTURE_DELAY' => '2', 'VALIDATION_MODE' => '1',
            'REDIRECT_ENABLED' => 'True', 'REDIRECT_SUCCESS_TIMEOUT' => '3', 'REDIRECT_ERROR_TIMEOUT' => '7', 'RETURN_MODE' => 'POST',
            'THREEDS_MIN_AMOUNT' => '1000', 'SIGN_ALGORITHM' => 'SHA-1'));
        $buyer = new Buyer();
        $buyer->payWithSystempay();
        $r = $buyer->request;
        $this->assertSame('de;fr', $r['vads_available_languages']);
        $this->assertSame('CB;VISA', $r['vads_payment_cards']);
        $this->assertSame('2', $r['vads_capture_delay']);
        $this->assertSame('1', $r['vads_validation_mode']);
        $this->assertSame('3', $r['vads_redirect_success_timeout']);
        $this->assertSame('7', $r['vads_redirect_error_timeout']);
        $this->assertSame('Redirection vers la boutique dans quelques instants', $r['vads_redirect_success_message']);
        $this->assertSame('POST', $r['vads_return_mode']);
        $this->assertSame(Env::shopUrl('callback/systempay/return.php'), $r['vads_url_return']);
        $this->assertSame('2', $r['vads_threeds_mpi'], 'below the 3DS amount: frictionless requested');
        $this->assertSame(Platform::sign($r, Platform::KEY_TEST, 'SHA-1'), $r['signature']);
    }

    public function test_production_mode_signs_with_the_production_key(): void
    {
        self::configure(array('CTX_MODE' => 'PRODUCTION'));
        $buyer = new Buyer();
        $buyer->payWithSystempay();
        $this->assertSame('PRODUCTION', $buyer->request['vads_ctx_mode']);
        $this->assertSame(Platform::sign($buyer->request, Platform::KEY_PROD), $buyer->request['signature']);
        $this->assertStringNotContainsString('TEST mode', $buyer->paymentPage['body']);
    }

    public function test_hidden_outside_zone_amount_range_currency_or_without_keys(): void
    {
        $offered = static function (array $options = array()) {
            return Buyer::offersSystempay((new Buyer())->startCheckout($options));
        };
        $this->assertTrue($offered());
        self::configure(array('ZONE' => '5')); // the shop's "Tax zone EU": DE, FR, …
        $this->assertTrue($offered(array('country' => 'FR')));
        $this->assertFalse($offered(array('country' => 'US')), 'outside the payment zone');
        self::configure(array('ZONE' => '0', 'AMOUNT_MIN' => '1000'));
        $this->assertFalse($offered(), 'below the minimum');
        self::configure(array('AMOUNT_MIN' => '', 'AMOUNT_MAX' => '1'));
        $this->assertFalse($offered(), 'above the maximum');
        self::configure(array('AMOUNT_MAX' => '', 'KEY_TEST' => ''));
        $this->assertFalse($offered(), 'no key for the mode');
        self::configure(array('KEY_TEST' => Platform::KEY_TEST, 'STATUS' => 'False'));
        $this->assertFalse($offered(), 'disabled');
        self::configure(array('STATUS' => 'True', 'ALLOWED' => 'FR'));
        $this->assertFalse($offered(array('country' => 'DE')), 'not an allowed country');
    }

    public function test_trans_ids_are_unique_under_twenty_parallel_checkouts(): void
    {
        $script = __DIR__ . '/parallel_checkout.php';
        $processes = array();
        for ($i = 0; $i < 20; $i++) {
            $processes[] = proc_open(array(PHP_BINARY, $script), array(1 => array('pipe', 'w'), 2 => array('pipe', 'w')), $pipes);
            $outputs[] = $pipes;
        }
        $ids = array();
        foreach ($processes as $i => $process) {
            $out = stream_get_contents($outputs[$i][1]);
            $err = stream_get_contents($outputs[$i][2]);
            $this->assertSame(0, proc_close($process), $err);
            $ids[] = trim($out);
        }
        $this->assertCount(20, array_unique($ids), implode(',', $ids));
        $this->assertSame(20, (int) Db::value('SELECT COUNT(DISTINCT trans_id) FROM systempay_transaction'));
        $this->assertSame(20, (int) Db::value('SELECT COUNT(*) FROM systempay_transaction'));
    }
}
