<?php
require_once __DIR__ . '/ShopTestCase.php';

/** callback/systempay/process.php: checks before any change, plain-text answers, no redirects. */
final class NotificationTest extends ShopTestCase
{
    private function pendingOrder()
    {
        $buyer = new Buyer();
        $buyer->payWithSystempay();
        return $buyer;
    }

    private function assertUnchanged(Buyer $buyer)
    {
        $this->assertSame('1', self::order($buyer->ordersId)['orders_status']);
        $this->assertNull(self::attempt($buyer->ordersId)['status']);
    }

    public function test_rejections_answer_200_with_ko_and_change_nothing(): void
    {
        $buyer = $this->pendingOrder();
        $good = Platform::result($buyer->request, 'AUTHORISED', true);
        $cases = array(
            'KO-An error occurred while computing the signature.' => array_replace($good, array('vads_amount' => '1')),
            'KO-Total paid is different from order amount.' => Platform::result($buyer->request, 'AUTHORISED', true, array('vads_amount' => (string) ($buyer->request['vads_amount'] + 1))),
            'KO-Order not found.' => Platform::result($buyer->request, 'AUTHORISED', true, array('vads_order_id' => '999999')),
            'KO-Unknown shop id.' => Platform::result($buyer->request, 'AUTHORISED', true, array('vads_site_id' => '11111111')),
            'KO-Unknown transaction for this order.' => Platform::result($buyer->request, 'AUTHORISED', true, array('vads_trans_id' => '899999')),
        );
        $cases['KO-Total paid is different from order amount. (currency)'] = Platform::result($buyer->request, 'AUTHORISED', true, array('vads_currency' => '840'));
        foreach ($cases as $expected => $fields) {
            list($code, $body) = Platform::notify($fields);
            $this->assertSame(200, $code, $expected);
            $this->assertSame(preg_replace('/ \(.*\)$/', '', $expected), $body);
            $this->assertUnchanged($buyer);
        }
        list($code, $body) = Platform::notify(array(), 'vads_ctx_mode=TEST&vads_amount=1');
        $this->assertSame(200, $code);
        $this->assertStringStartsWith('KO-', $body);
    }

    public function test_an_order_of_another_payment_module_is_refused(): void
    {
        $buyer = $this->pendingOrder();
        Db::query("UPDATE orders SET payment_class = 'moneyorder', payment_method = 'moneyorder' WHERE orders_id = {$buyer->ordersId}");
        list($code, $body) = Platform::notify(Platform::result($buyer->request, 'AUTHORISED', true));
        $this->assertSame(200, $code);
        $this->assertSame('KO-Order was not placed with Systempay.', $body);
    }

    public function test_refused_then_duplicates_and_a_late_pending_change_nothing_more(): void
    {
        $buyer = $this->pendingOrder();
        $refused = Platform::result($buyer->request, 'REFUSED', true);
        list(, $body) = Platform::notify($refused);
        $this->assertSame('OK-Payment failure, order has been cancelled.', $body);
        $historyRows = count(self::history($buyer->ordersId));
        list(, $again) = Platform::notify($refused);
        $this->assertSame('OK-Payment outcome already registered.', $again);
        list(, $late) = Platform::notify(Platform::result($buyer->request, 'WAITING_AUTHORISATION', true));
        $this->assertSame('OK-Older payment status ignored, order unchanged.', $late);
        $this->assertCount($historyRows, self::history($buyer->ordersId));
        $this->assertSame(Db::config('MODULE_PAYMENT_SYSTEMPAY_CANCELLED_STATUS_ID'), self::order($buyer->ordersId)['orders_status']);
    }

    public function test_a_success_after_a_cancellation_is_recorded_and_flagged(): void
    {
        $buyer = $this->pendingOrder();
        Platform::notify(Platform::result($buyer->request, 'ABANDONED', true));
        list(, $body) = Platform::notify(Platform::result($buyer->request, 'AUTHORISED', true));
        $this->assertSame('OK-Accepted payment after cancellation, order has been updated and flagged.', $body);
        $attempt = self::attempt($buyer->ordersId);
        $this->assertSame('1', $attempt['flagged']);
        $this->assertSame(Db::config('MODULE_PAYMENT_SYSTEMPAY_ORDER_STATUS_ID'), self::order($buyer->ordersId)['orders_status']);
    }

    public function test_stock_is_restored_for_a_refused_order(): void
    {
        $before = (int) Db::value('SELECT products_quantity FROM products WHERE products_id = 1');
        $buyer = $this->pendingOrder();
        $this->assertSame($before - 2, (int) Db::value('SELECT products_quantity FROM products WHERE products_id = 1'), 'the shop took the stock');
        Platform::notify(Platform::result($buyer->request, 'REFUSED', true));
        $this->assertSame($before, (int) Db::value('SELECT products_quantity FROM products WHERE products_id = 1'));
        Platform::notify(Platform::result($buyer->request, 'REFUSED', true));
        $this->assertSame($before, (int) Db::value('SELECT products_quantity FROM products WHERE products_id = 1'), 'restocked once');
    }

    public function test_answers_are_plain_text_and_every_notification_is_logged(): void
    {
        $buyer = $this->pendingOrder();
        $browser = new Browser();
        // A result carrying a full card number where the masked one belongs: it must not be stored as is.
        $response = $browser->request('POST', 'callback/systempay/process.php', http_build_query(Platform::result($buyer->request, 'AUTHORISED', true,
            array('vads_card_number' => '4970100000000055'))));
        $this->assertSame(200, $response['status']);
        $this->assertSame('OK-Accepted payment, order has been updated.', $response['body'], 'no HTML around the answer');
        $event = Db::row("SELECT * FROM systempay_event WHERE orders_id = {$buyer->ordersId} AND source LIKE 'IPN%' ORDER BY id DESC LIMIT 1");
        $this->assertSame($buyer->request['vads_trans_id'], $event['trans_id']);
        $this->assertSame('AUTHORISED', $event['status']);
        $this->assertSame('apply', $event['decision']);
        $stored = array();
        foreach (array('systempay_event', 'systempay_transaction', 'orders_status_history') as $table) {
            $stored[] = implode("\n", array_map(static fn ($row) => implode(' ', $row), Db::rows("SELECT * FROM $table")));
        }
        $stored = implode("\n", $stored);
        $this->assertStringNotContainsString(Platform::KEY_TEST, $stored);
        $this->assertStringNotContainsString('4970100000000055', $stored, 'no full card number in the log, the attempt or the history');
    }

    public function test_maintenance_mode_still_records_and_never_redirects(): void
    {
        $buyer = $this->pendingOrder();
        // The real shop's maintenance mode: every storefront page shows the offline page to buyers.
        Db::query("UPDATE shop_configuration SET configuration_value = 'checked' WHERE configuration_key = 'SHOP_OFFLINE'");
        $storefront = (new Browser())->go('GET', 'index.php');
        $this->assertStringContainsString('Wartungsarbeiten', $storefront['body'], 'the shop is really offline');
        list($code, $body) = Platform::notify(Platform::result($buyer->request, 'AUTHORISED', true));
        $this->assertSame(200, $code);
        $this->assertSame('OK-Accepted payment, order has been updated.', $body);
        $this->assertSame('success', self::attempt($buyer->ordersId)['outcome']);
    }

    public function test_the_raw_body_is_verified_not_the_filtered_post(): void
    {
        $buyer = $this->pendingOrder();
        // Values the shop's input filter would rewrite (entities, quotes, tags).
        $fields = Platform::result($buyer->request, 'AUTHORISED', true, array('vads_cust_last_name' => "O'Brien &amp; <b>Söhne</b>"));
        list($code, $body) = Platform::notify($fields);
        $this->assertSame(200, $code);
        $this->assertSame('OK-Accepted payment, order has been updated.', $body);
    }
}
