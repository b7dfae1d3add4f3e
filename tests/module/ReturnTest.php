<?php
require_once __DIR__ . '/ShopTestCase.php';

/** The buyer's return to checkout_process.php, in GET and POST mode, alone and with notifications. */
final class ReturnTest extends ShopTestCase
{
    public static function modes(): array
    {
        return array('GET return' => array('GET'), 'POST return' => array('POST'));
    }

    private function buyerInMode($mode)
    {
        self::configure(array('RETURN_MODE' => $mode));
        $buyer = new Buyer();
        $buyer->payWithSystempay();
        return $buyer;
    }

    private static function back(Buyer $buyer, $mode, array $fields)
    {
        return $mode === 'POST' ? $buyer->returnWithPost($fields) : $buyer->returnWith($fields);
    }

    /** @dataProvider modes */
    public function test_accepted_payment_finishes_the_checkout_once(string $mode): void
    {
        $buyer = $this->buyerInMode($mode);
        $page = self::back($buyer, $mode, Platform::result($buyer->request, 'AUTHORISED'));
        $this->assertStringContainsString('checkout_success.php', $page['url']);
        $order = self::order($buyer->ordersId);
        $this->assertSame(Db::config('MODULE_PAYMENT_SYSTEMPAY_ORDER_STATUS_ID'), $order['orders_status'], 'accepted status');
        $this->assertSame(self::ORDER_MAIL, self::mails($buyer->ordersId), 'one confirmation mail');
        $last = array_slice(self::history($buyer->ordersId), -1)[0];
        $this->assertStringContainsString('Systempay: AUTHORISED', $last['comments']);
        $this->assertStringContainsString('CB 497010XXXXXX0055', $last['comments']);
        $attempt = self::attempt($buyer->ordersId);
        $this->assertSame('success', $attempt['outcome']);
        $this->assertSame('AUTHORISED', $attempt['status']);
        $this->assertSame('Y', $attempt['threeds_status']);
        $this->assertSame(0, (int) Db::value("SELECT COUNT(*) FROM customers_basket WHERE customers_id = {$buyer->customerId}"), 'cart emptied');
        // The same return again (reload, Back) changes nothing. (The shop itself bounces it to the empty
        // cart once the checkout is finished: the module's own replay rules are the hardening issue's.)
        $historyBefore = count(self::history($buyer->ordersId));
        $again = self::back($buyer, $mode, Platform::result($buyer->request, 'AUTHORISED'));
        $this->assertSame(self::ORDER_MAIL, self::mails($buyer->ordersId));
        $this->assertSame($historyBefore, count(self::history($buyer->ordersId)), 'no history row added');
        $this->assertNotSame(500, $again['status']);
        $this->assertStringNotContainsString('checkout_success.php', $again['url'], 'no second success page');
    }

    /** @dataProvider modes */
    public function test_refused_payment_returns_to_payment_choice_with_the_cart_kept(string $mode): void
    {
        $buyer = $this->buyerInMode($mode);
        $page = self::back($buyer, $mode, Platform::result($buyer->request, 'REFUSED'));
        $this->assertStringContainsString('checkout_payment.php', $page['url']);
        $this->assertStringContainsString('payment was refused', $page['body']);
        $this->assertSame(Db::config('MODULE_PAYMENT_SYSTEMPAY_CANCELLED_STATUS_ID'), self::order($buyer->ordersId)['orders_status']);
        $this->assertSame(0, self::mails($buyer->ordersId));
        $this->assertGreaterThan(0, (int) Db::value("SELECT COUNT(*) FROM customers_basket WHERE customers_id = {$buyer->customerId}"), 'cart kept');
        $this->assertTrue(Buyer::offersSystempay($page), 'the buyer may choose again');
    }

    /** @dataProvider modes */
    public function test_cancelled_payment_returns_to_payment_choice(string $mode): void
    {
        $buyer = $this->buyerInMode($mode);
        $page = self::back($buyer, $mode, Platform::result($buyer->request, 'ABANDONED'));
        $this->assertStringContainsString('checkout_payment.php', $page['url']);
        $this->assertStringContainsString('cancelled the payment', $page['body']);
        $this->assertSame('cancelled', self::attempt($buyer->ordersId)['outcome']);
        $this->assertSame(0, self::mails($buyer->ordersId));
    }

    /** @dataProvider modes */
    public function test_tampered_return_changes_nothing(string $mode): void
    {
        $buyer = $this->buyerInMode($mode);
        $fields = Platform::result($buyer->request, 'REFUSED');
        $fields['vads_trans_status'] = 'AUTHORISED'; // signature no longer matches
        $page = self::back($buyer, $mode, $fields);
        $this->assertStringContainsString('checkout_payment.php', $page['url']);
        $this->assertStringContainsString('could not be verified', $page['body']);
        $this->assertSame('1', self::order($buyer->ordersId)['orders_status'], 'still pending');
        $this->assertNull(self::attempt($buyer->ordersId)['status']);
        $this->assertSame(0, self::mails($buyer->ordersId));
    }

    public function test_back_button_second_confirm_or_typed_url_never_completes_the_order(): void
    {
        $buyer = new Buyer();
        $buyer->payWithSystempay();
        $typed = $buyer->browser->go('GET', 'checkout_process.php');
        $this->assertStringContainsString('checkout_payment.php', $typed['url']);
        $this->assertSame('1', self::order($buyer->ordersId)['orders_status']);
        $this->assertSame(0, self::mails($buyer->ordersId));
        // A return signed for another order of the same shop does not complete this one.
        $other = new Buyer();
        $other->payWithSystempay();
        $buyer2 = new Buyer();
        $buyer2->payWithSystempay();
        $page = $buyer2->returnWith(Platform::result($other->request, 'AUTHORISED'));
        $this->assertStringContainsString('checkout_payment.php', $page['url']);
        $this->assertSame(0, self::mails($buyer2->ordersId));
    }

    public function test_return_after_the_notification_finishes_without_a_second_change(): void
    {
        $buyer = new Buyer();
        $buyer->payWithSystempay();
        list($code, $answer) = Platform::notify(Platform::result($buyer->request, 'AUTHORISED', true));
        $this->assertSame(200, $code);
        $this->assertSame('OK-Accepted payment, order has been updated.', $answer);
        $historyAfterIpn = count(self::history($buyer->ordersId));
        $page = $buyer->returnWith(Platform::result($buyer->request, 'AUTHORISED'));
        $this->assertStringContainsString('checkout_success.php', $page['url']);
        $this->assertSame(Db::config('MODULE_PAYMENT_SYSTEMPAY_ORDER_STATUS_ID'), self::order($buyer->ordersId)['orders_status']);
        $this->assertSame(self::ORDER_MAIL, self::mails($buyer->ordersId));
        $this->assertSame($historyAfterIpn, count(self::history($buyer->ordersId)), 'the return adds no status change');
    }

    public function test_notification_after_the_return_is_already_registered(): void
    {
        $buyer = new Buyer();
        $buyer->payWithSystempay();
        $buyer->returnWith(Platform::result($buyer->request, 'AUTHORISED'));
        list($code, $answer) = Platform::notify(Platform::result($buyer->request, 'AUTHORISED', true));
        $this->assertSame(200, $code);
        $this->assertSame('OK-Accepted payment, already registered.', $answer);
        $this->assertSame(self::ORDER_MAIL, self::mails($buyer->ordersId));
    }

    public function test_a_late_refused_return_never_downgrades_a_notified_capture(): void
    {
        $buyer = new Buyer();
        $buyer->payWithSystempay();
        Platform::notify(Platform::result($buyer->request, 'CAPTURED', true));
        $page = $buyer->returnWith(Platform::result($buyer->request, 'WAITING_AUTHORISATION'));
        $this->assertStringContainsString('checkout_success.php', $page['url']);
        $this->assertSame('CAPTURED', self::attempt($buyer->ordersId)['status']);
    }

    public function test_closing_the_tab_after_paying_still_records_the_payment_by_notification(): void
    {
        $buyer = new Buyer();
        $buyer->payWithSystempay();
        list($code) = Platform::notify(Platform::result($buyer->request, 'AUTHORISED', true));
        $this->assertSame(200, $code);
        $this->assertSame(Db::config('MODULE_PAYMENT_SYSTEMPAY_ORDER_STATUS_ID'), self::order($buyer->ordersId)['orders_status']);
        $this->assertSame('success', self::attempt($buyer->ordersId)['outcome']);
        $this->assertSame(self::ORDER_MAIL, self::mails($buyer->ordersId), 'the notification sends the confirmation mail');
        $this->assertSame('1', array_slice(self::history($buyer->ordersId), -1)[0]['customer_notified']);
        Platform::notify(Platform::result($buyer->request, 'AUTHORISED', true));
        Platform::notify(Platform::result($buyer->request, 'CAPTURED', true));
        $this->assertSame(self::ORDER_MAIL, self::mails($buyer->ordersId), 'once, whatever follows');
    }

    public function test_the_admin_order_page_shows_the_systempay_panel(): void
    {
        $buyer = new Buyer();
        $buyer->payWithSystempay();
        $buyer->returnWith(Platform::result($buyer->request, 'AUTHORISED'));
        $page = $this->admin->browser->go('GET', 'admin/orders.php?oID=' . $buyer->ordersId . '&action=edit');
        $this->assertStringContainsString('id="systempay-panel"', $page['body']);
        $this->assertStringContainsString($buyer->request['vads_trans_id'], $page['body']);
        $this->assertStringContainsString('497010XXXXXX0055', $page['body']);
        $this->assertStringContainsString('AUTHORISED', $page['body']);
        $this->assertStringContainsString('TEST mode', $page['body']);
    }

    public function test_test_mode_return_without_a_notification_says_which_url_to_check(): void
    {
        $buyer = new Buyer();
        $buyer->payWithSystempay();
        $page = $buyer->returnWith(Platform::result($buyer->request, 'AUTHORISED'));
        $this->assertStringContainsString('checkout_success.php', $page['url']);
        $this->assertStringContainsString('has not received the payment notification', $page['body']);
        $this->assertStringContainsString(htmlspecialchars(Env::shopUrl('callback/systempay/process.php')), $page['body'], 'the URL to check');
        $this->assertStringNotContainsString('maintenance mode', $page['body']);
        $again = $buyer->browser->go('GET', 'checkout_success.php');
        $this->assertStringNotContainsString('has not received the payment notification', $again['body'], 'said once');
    }

    public function test_test_mode_return_after_the_notification_has_no_warning(): void
    {
        $buyer = new Buyer();
        $buyer->payWithSystempay();
        Platform::notify(Platform::result($buyer->request, 'AUTHORISED', true));
        $page = $buyer->returnWith(Platform::result($buyer->request, 'AUTHORISED'));
        $this->assertStringContainsString('checkout_success.php', $page['url']);
        $this->assertStringNotContainsString('has not received the payment notification', $page['body']);
    }

    public function test_test_mode_refused_return_without_a_notification_warns_on_the_payment_page_in_german(): void
    {
        $buyer = new Buyer();
        $buyer->payWithSystempay(array('language' => 'de'));
        $page = $buyer->returnWith(Platform::result($buyer->request, 'REFUSED'));
        $this->assertStringContainsString('checkout_payment.php', $page['url']);
        $this->assertStringContainsString('Zahlungsbenachrichtigung nicht erhalten', $page['body']);
    }

    public function test_test_mode_return_in_maintenance_mode_names_the_maintenance_mode(): void
    {
        $buyer = new Buyer();
        $buyer->payWithSystempay();
        // The merchant tests while the shop is offline for everybody but the allowed addresses.
        Db::query("UPDATE shop_configuration SET configuration_value = 'checked' WHERE configuration_key = 'SHOP_OFFLINE'");
        Db::query("INSERT INTO shop_configuration (configuration_key, configuration_value) VALUES ('SHOP_OFFLINE_ALLOWED_CUSTOMERS_EMAILS', '" . Db::link()->real_escape_string($buyer->email) . "')");
        $page = $buyer->returnWith(Platform::result($buyer->request, 'AUTHORISED'));
        $this->assertStringContainsString('checkout_success.php', $page['url']);
        $this->assertStringContainsString('the shop is in maintenance mode and has not received the payment notification', $page['body']);
    }

    public function test_production_return_without_a_notification_shows_no_test_text(): void
    {
        self::configure(array('CTX_MODE' => 'PRODUCTION'));
        $buyer = new Buyer();
        $buyer->payWithSystempay();
        $page = $buyer->returnWith(Platform::result($buyer->request, 'AUTHORISED'));
        $this->assertStringContainsString('checkout_success.php', $page['url']);
        $this->assertStringNotContainsString('notification', $page['body']);
    }
}
