<?php
require_once __DIR__ . '/ShopTestCase.php';

/**
 * Hardening (issue 10): late and redelivered results, cancellations and refunds after a success,
 * stock that follows the payment once per change (also when a request fails half-way), a checkout
 * that cannot finish a Systempay order without a verified result, and a late return that cannot
 * start a second payment. In the real shop, in both database profiles.
 */
final class HardeningTest extends ShopTestCase
{
    /** Distinct statuses, so that each end state can be told apart. */
    const PAID = '2';
    const CANCELLED = '4';
    const REVOKED = '3';
    const REFUNDED = '5';

    protected function setUp(): void
    {
        parent::setUp();
        Db::query("INSERT IGNORE INTO orders_status (orders_status_id, language_id, orders_status_name) VALUES (5, 1, 'Refunded'), (5, 2, 'Erstattet')");
        self::configure(array('REVOKED_STATUS_ID' => self::REVOKED, 'REFUNDED_STATUS_ID' => self::REFUNDED));
    }

    private static function stock()
    {
        return (int) Db::value('SELECT products_quantity FROM products WHERE products_id = 1');
    }

    private static function notify(Buyer $buyer, $status, $source = 'PAY', array $override = array())
    {
        list($code, $answer) = Platform::notify(Platform::result($buyer->request, $status, true, array('vads_url_check_src' => $source) + $override));
        return $code . ' ' . $answer;
    }

    private static function alerts($ordersId)
    {
        return count(Mails::alertsForOrder($ordersId));
    }

    public function test_a_retried_success_after_a_back_office_cancellation_never_reopens_the_order(): void
    {
        $buyer = new Buyer();
        $buyer->payWithSystempay();
        $this->assertSame('200 OK-Accepted payment, order has been updated.', self::notify($buyer, 'AUTHORISED'));
        $this->assertSame('200 OK-Payment cancelled after acceptance, order has been updated and flagged.', self::notify($buyer, 'CANCELLED', 'BO'));
        $this->assertSame('200 OK-Older payment status ignored, order unchanged.', self::notify($buyer, 'AUTHORISED', 'RETRY'));
        $this->assertSame(self::REVOKED, self::order($buyer->ordersId)['orders_status']);
        $this->assertSame('CANCELLED', self::attempt($buyer->ordersId)['status']);
        // With nothing recorded before it, the cancellation is applied first; the older success still loses.
        $other = new Buyer();
        $other->payWithSystempay();
        self::notify($other, 'CANCELLED', 'BO');
        self::notify($other, 'AUTHORISED', 'RETRY');
        $this->assertSame(self::CANCELLED, self::order($other->ordersId)['orders_status']);
        $this->assertSame(0, self::mails($other->ordersId));
    }

    public function test_a_cancellation_after_payment_moves_the_order_restocks_flags_and_tells_the_owner(): void
    {
        $before = self::stock();
        $buyer = new Buyer();
        $buyer->payWithSystempay();
        $this->assertLessThan($before, self::stock(), 'the shop took the stock');
        self::notify($buyer, 'AUTHORISED');
        $historyBefore = count(self::history($buyer->ordersId));
        self::notify($buyer, 'CANCELLED', 'BO');
        self::notify($buyer, 'CANCELLED', 'RETRY'); // the same event again
        $this->assertSame(self::REVOKED, self::order($buyer->ordersId)['orders_status']);
        $this->assertSame($before, self::stock(), 'restocked once');
        $this->assertSame($historyBefore + 1, count(self::history($buyer->ordersId)), 'one history row');
        $this->assertSame('1', self::attempt($buyer->ordersId)['flagged']);
        $this->assertSame(1, self::alerts($buyer->ordersId), 'one mail to the shop owner');
        // A capture that failed after the payment is a revocation too.
        $capture = new Buyer();
        $capture->payWithSystempay();
        self::notify($capture, 'CAPTURED');
        self::notify($capture, 'CAPTURE_FAILED', 'BATCH');
        $this->assertSame(self::REVOKED, self::order($capture->ordersId)['orders_status']);
    }

    public function test_a_refused_return_after_payment_is_an_older_result_and_changes_nothing(): void
    {
        $buyer = new Buyer();
        $buyer->payWithSystempay();
        self::notify($buyer, 'AUTHORISED');
        $this->assertSame('200 OK-Accepted payment, already registered.', self::notify($buyer, 'REFUSED', 'RETRY'));
        $this->assertSame(self::PAID, self::order($buyer->ordersId)['orders_status']);
    }

    public function test_refunds_are_recorded_partial_then_full_and_replays_change_nothing(): void
    {
        $buyer = new Buyer();
        $buyer->payWithSystempay();
        self::notify($buyer, 'CAPTURED');
        $paid = (int) $buyer->request['vads_amount'];
        $first = intdiv($paid, 3);
        $refund = static function ($transId, $amount, $mode = 'TEST') use ($buyer) {
            return Platform::result($buyer->request, 'CAPTURED', true, array('vads_operation_type' => 'CREDIT', 'vads_url_check_src' => 'BO',
                'vads_trans_id' => $transId, 'vads_trans_uuid' => str_repeat(substr($transId, -1), 32), 'vads_amount' => (string) $amount, 'vads_ctx_mode' => $mode));
        };
        $this->assertSame(array(200, 'OK-Refund recorded, order has been updated.'), Platform::notify($refund('R00001', $first)));
        $this->assertSame(array(200, 'OK-Refund already registered.'), Platform::notify($refund('R00001', $first)));
        $this->assertSame(self::PAID, self::order($buyer->ordersId)['orders_status'], 'a partial refund keeps the status');
        $last = self::history($buyer->ordersId);
        $this->assertStringContainsString('partial', end($last)['comments']);
        $this->assertSame(0, self::alerts($buyer->ordersId));
        // A refund signed for the other mode never counts.
        $this->assertSame(array(200, 'KO-Payment mode differs from the payment request, order unchanged.'), Platform::notify($refund('R00003', $paid - $first, 'PRODUCTION')));
        $this->assertSame(array(200, 'OK-Refund recorded, order has been updated.'), Platform::notify($refund('R00002', $paid - $first)));
        $this->assertSame(self::REFUNDED, self::order($buyer->ordersId)['orders_status']);
        $this->assertSame(2, (int) Db::value('SELECT COUNT(*) FROM systempay_refund WHERE orders_id = ' . $buyer->ordersId));
        $this->assertSame(1, self::alerts($buyer->ordersId));
        $this->assertSame('1', self::attempt($buyer->ordersId)['flagged']);
        // The platform cancels the second refund before paying it out: it no longer counts.
        $cancel = Platform::result($buyer->request, 'CANCELLED', true, array('vads_operation_type' => 'CREDIT', 'vads_url_check_src' => 'BO',
            'vads_trans_id' => 'R00002', 'vads_trans_uuid' => str_repeat('2', 32), 'vads_amount' => (string) ($paid - $first)));
        $this->assertSame(array(200, 'OK-Refund cancellation recorded, order flagged.'), Platform::notify($cancel));
        $this->assertSame(array(200, 'OK-Refund already registered.'), Platform::notify($cancel));
        $this->assertSame(array(200, 'OK-Refund already registered.'), Platform::notify($refund('R00002', $paid - $first)), 'the older acceptance redelivered');
        $last = self::history($buyer->ordersId);
        $this->assertStringContainsString('cancelled, ' . number_format($first / 100, 2, '.', '') . ' EUR refunded in all', end($last)['comments']);
        $this->assertSame(2, self::alerts($buyer->ordersId), 'the owner is told once about the cancelled refund');
        $this->assertSame(self::REFUNDED, self::order($buyer->ordersId)['orders_status'], 'the status is left to the admin');
    }

    public function test_stock_follows_the_payment_once_per_change(): void
    {
        $before = self::stock();
        $buyer = new Buyer();
        $buyer->payWithSystempay();
        $taken = self::stock();
        $this->assertLessThan($before, $taken, 'the shop took the stock');
        self::notify($buyer, 'REFUSED');
        $this->assertSame($before, self::stock(), 'refused: restocked');
        self::notify($buyer, 'REFUSED', 'RETRY');
        $this->assertSame($before, self::stock(), 'restocked once');
        $this->assertSame('200 OK-Accepted payment after cancellation, order has been updated and flagged.', self::notify($buyer, 'AUTHORISED'));
        $this->assertSame($taken, self::stock(), 'paid on a later try: taken again (the old module left it at the restocked level: oversold)');
        self::notify($buyer, 'AUTHORISED', 'RETRY');
        self::notify($buyer, 'REFUSED', 'RETRY');
        $this->assertSame($taken, self::stock(), 'replays move nothing');
        $this->assertSame(self::PAID, self::order($buyer->ordersId)['orders_status']);
        $this->assertSame(1, self::alerts($buyer->ordersId));
    }

    public function test_a_request_failing_half_way_is_finished_by_the_retry_exactly_once(): void
    {
        $before = self::stock();
        $buyer = new Buyer();
        $buyer->payWithSystempay();
        self::notify($buyer, 'AUTHORISED');
        $historyBefore = count(self::history($buyer->ordersId));
        // The module's ledger refuses, once, to record that the stock is back: after the order status,
        // the history row and (on MyISAM) the restock itself were written.
        Db::query('CREATE TABLE systempay_test_fail (n INT) ENGINE=MyISAM');
        Db::query('INSERT INTO systempay_test_fail VALUES (1)');
        Db::query("CREATE TRIGGER systempay_test_fail_once BEFORE UPDATE ON systempay_order FOR EACH ROW
            BEGIN IF NEW.stock_state = 'restored' AND (SELECT COUNT(*) FROM systempay_test_fail) > 0 THEN
                DELETE FROM systempay_test_fail; SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'injected failure'; END IF; END");
        try {
            $this->assertSame('503 KO-Payment result could not be recorded, please retry.', self::notify($buyer, 'CANCELLED', 'BO'));
            $this->assertSame('200 OK-Payment outcome already registered.', self::notify($buyer, 'CANCELLED', 'RETRY'));
        } finally {
            Db::query('DROP TRIGGER IF EXISTS systempay_test_fail_once');
            Db::query('DROP TABLE IF EXISTS systempay_test_fail');
            // The injected SQL error is reported by the shop's own xtc_db_query(), not by the module.
            ShopTestCase::truncateShopLogs();
            ShopTestCase::truncatePhpErrorLog();
        }
        $this->assertSame($before, self::stock(), 'restocked exactly once');
        $this->assertSame($historyBefore + 1, count(self::history($buyer->ordersId)), 'one history row');
        $this->assertSame(self::REVOKED, self::order($buyer->ordersId)['orders_status']);
        $this->assertSame(1, self::alerts($buyer->ordersId));
        $this->assertNull(Db::value('SELECT journal FROM systempay_order WHERE orders_id = ' . $buyer->ordersId));
    }

    public function test_a_success_that_cannot_be_placed_is_left_for_review(): void
    {
        $buyer = new Buyer();
        $buyer->payWithSystempay();
        self::notify($buyer, 'CANCELLED', 'BO');
        $this->assertSame('200 OK-Payment result recorded for review, order unchanged and flagged.', self::notify($buyer, 'AUTHORISED', 'BO'));
        self::notify($buyer, 'AUTHORISED', 'BO');
        // Two results for review, redelivered in turn: each is put up (and mailed) once.
        $this->assertSame('200 OK-Payment result recorded for review, order unchanged and flagged.', self::notify($buyer, 'PARTIALLY_AUTHORISED', 'MERCH_BO'));
        $this->assertSame('200 OK-Payment outcome already registered.', self::notify($buyer, 'AUTHORISED', 'BO'));
        $this->assertSame('200 OK-Payment outcome already registered.', self::notify($buyer, 'PARTIALLY_AUTHORISED', 'MERCH_BO'));
        $this->assertSame(self::CANCELLED, self::order($buyer->ordersId)['orders_status']);
        $this->assertSame('CANCELLED', self::attempt($buyer->ordersId)['status']);
        $this->assertSame('1', self::attempt($buyer->ordersId)['flagged']);
        $this->assertSame(2, self::alerts($buyer->ordersId));
        $this->assertSame(0, self::mails($buyer->ordersId));
        // A partial authorisation is not a payment of the order.
        $partial = new Buyer();
        $partial->payWithSystempay();
        self::notify($partial, 'PARTIALLY_AUTHORISED');
        $this->assertSame('1', self::order($partial->ordersId)['orders_status']);
        $this->assertSame('1', self::attempt($partial->ordersId)['flagged']);
        $this->assertSame(0, self::mails($partial->ordersId));
    }

    public function test_switching_the_payment_of_a_systempay_order_never_finishes_it(): void
    {
        $buyer = new Buyer();
        $buyer->payWithSystempay();
        // Back on the confirmation page with another payment method, then straight to checkout_process.php.
        $page = $buyer->browser->go('POST', 'checkout_confirmation.php', array('payment' => 'moneyorder', 'conditions' => 'conditions'));
        $this->assertStringContainsString('checkout_payment.php', $page['url']);
        $page = $buyer->browser->go('GET', 'checkout_process.php');
        $this->assertStringNotContainsString('checkout_success.php', $page['url']);
        $this->assertSame('1', self::order($buyer->ordersId)['orders_status']);
        $this->assertSame(0, self::mails($buyer->ordersId));
    }

    /**
     * Drops one key from a buyer's session as the shop stores it (table sessions, base64 of PHP's
     * session encoding): a session that lost what the checkout put there.
     */
    private static function dropFromSession(Buyer $buyer, $key)
    {
        foreach (Db::rows('SELECT sesskey, value FROM sessions') as $row) {
            $data = base64_decode($row['value']);
            if (!preg_match('/(^|;|\})customer_id\|(i:' . $buyer->customerId . '|s:\d+:"' . $buyer->customerId . '");/', $data)) {
                continue;
            }
            $without = preg_replace('/(^|;|\})' . preg_quote($key, '/') . '\|s:\d+:"[^"]*";/', '$1', $data, 1, $count);
            Db::query("UPDATE sessions SET value = '" . base64_encode($without) . "' WHERE sesskey = '" . Db::link()->real_escape_string($row['sesskey']) . "'");
            return $count;
        }
        return 0;
    }

    public function test_a_session_that_lost_its_billing_zone_still_cannot_finish_an_unpaid_order(): void
    {
        // With allowed countries set, the shop loads the module only when the session's billing_zone is
        // one of them: without it, checkout_process.php would finish the order with no module at all.
        self::configure(array('ALLOWED' => 'DE'));
        $buyer = new Buyer();
        $buyer->payWithSystempay();
        $this->assertSame(1, self::dropFromSession($buyer, 'billing_zone'));
        $page = $buyer->browser->go('GET', 'checkout_process.php');
        $this->assertStringNotContainsString('checkout_success.php', $page['url']);
        $this->assertStringContainsString('checkout_payment.php', $page['url']);
        $this->assertSame('1', self::order($buyer->ordersId)['orders_status']);
        $this->assertSame(0, self::mails($buyer->ordersId));
        // Once the payment is verified, the same kind of session finishes the order (the module is back).
        $paid = new Buyer();
        $paid->payWithSystempay();
        self::notify($paid, 'AUTHORISED');
        $this->assertSame(1, self::dropFromSession($paid, 'billing_zone'));
        $page = $paid->browser->go('GET', 'checkout_process.php');
        $this->assertStringContainsString('checkout_success.php', $page['url']);
        $this->assertSame(self::ORDER_MAIL, Mails::waitFor($paid->ordersId, self::ORDER_MAIL));
    }

    public function test_a_return_after_the_checkout_ended_never_starts_a_second_payment(): void
    {
        $buyer = new Buyer();
        $buyer->payWithSystempay();
        $success = Platform::result($buyer->request, 'AUTHORISED');
        // Refused: back on the payment choice, the shop drops the temporary order from the session.
        $page = $buyer->returnWith(Platform::result($buyer->request, 'REFUSED'));
        $this->assertStringContainsString('checkout_payment.php', $page['url']);
        $orders = (int) Db::value('SELECT COUNT(*) FROM orders');
        // A success of the same payment comes back late (a second try in another tab).
        $late = $buyer->returnWith($success);
        $this->assertStringNotContainsString('systempay_form', $late['body'], 'no second payment page');
        $this->assertStringContainsString('account_history_info.php', $late['url']);
        $this->assertSame($orders, (int) Db::value('SELECT COUNT(*) FROM orders'), 'no new order');
        // The notification, not the late return, records the payment.
        $this->assertSame('REFUSED', self::attempt($buyer->ordersId)['status']);
        self::notify($buyer, 'AUTHORISED');
        $this->assertSame(self::PAID, self::order($buyer->ordersId)['orders_status']);
    }

    public function test_a_paid_order_whose_buyer_never_came_back_leaves_the_stored_cart(): void
    {
        $buyer = new Buyer();
        $buyer->payWithSystempay();
        $basket = static fn () => (int) Db::value('SELECT COUNT(*) FROM customers_basket WHERE customers_id = ' . $buyer->customerId);
        $this->assertSame(1, $basket(), 'the shop stored the cart of the logged-in buyer');
        // Put in the cart again after the order was placed (another tab): not part of the paid order.
        Db::query("INSERT INTO customers_basket (customers_id, products_id, customers_basket_quantity, final_price, customers_basket_date_added)
            VALUES ({$buyer->customerId}, '1', 1, 0, now() + INTERVAL 1 DAY)");
        $this->assertSame('200 OK-Accepted payment, order has been updated.', self::notify($buyer, 'AUTHORISED'));
        $this->assertSame(1, $basket(), 'the paid items left the stored cart; the later one stays');
        $this->assertSame(1, (int) Db::value('SELECT COUNT(*) FROM customers_basket WHERE customers_id = ' . $buyer->customerId . ' AND customers_basket_date_added > now() + INTERVAL 12 HOUR'));
        // A refused payment keeps the cart (the buyer will try again).
        $refused = new Buyer();
        $refused->payWithSystempay();
        self::notify($refused, 'REFUSED');
        $this->assertSame(1, (int) Db::value('SELECT COUNT(*) FROM customers_basket WHERE customers_id = ' . $refused->customerId));
    }

    public function test_the_test_key_is_masked_in_the_admin(): void
    {
        $list = $this->admin->modulesPage('module=systempay');
        $this->assertStringNotContainsString(Platform::KEY_TEST, $list['body']);
        $edit = $this->admin->modulesPage('module=systempay&action=edit');
        $this->assertMatchesRegularExpression('/<input[^>]*type="password"[^>]*name="configuration\[MODULE_PAYMENT_SYSTEMPAY_KEY_TEST\]"|<input[^>]*name="configuration\[MODULE_PAYMENT_SYSTEMPAY_KEY_TEST\]"[^>]*type="password"/', $edit['body']);
    }

    public function test_rejected_messages_naming_no_order_stay_bounded(): void
    {
        $bodies = array_fill(0, 1100, http_build_query(array('vads_ctx_mode' => 'TEST', 'vads_hash' => 'x', 'signature' => 'forged')));
        post_notifications($bodies, 20);
        $this->assertLessThanOrEqual(1050, (int) Db::value('SELECT COUNT(*) FROM systempay_event WHERE orders_id IS NULL'));
    }
}
