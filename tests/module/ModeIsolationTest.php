<?php
require_once __DIR__ . '/ShopTestCase.php';

/**
 * Hardening (issue 10, cases 1 and 2): a result signed for the other mode never touches an order, and
 * the notification URL never acts on browser-return fields (replayable by any buyer).
 */
final class ModeIsolationTest extends ShopTestCase
{
    public function test_a_test_result_never_pays_a_production_order_by_notification(): void
    {
        self::configure(array('CTX_MODE' => 'PRODUCTION'));
        $buyer = new Buyer();
        $buyer->payWithSystempay();
        $this->assertSame('PRODUCTION', self::attempt($buyer->ordersId)['ctx_mode']);
        // Validly signed with the TEST key (shared with agencies, free to make), claiming TEST mode.
        $forged = Platform::result($buyer->request, 'AUTHORISED', true, array('vads_ctx_mode' => 'TEST'));
        list($code, $answer) = Platform::notify($forged);
        $this->assertSame(200, $code);
        $this->assertSame('KO-Payment mode differs from the payment request, order unchanged.', $answer);
        $this->assertSame('1', self::order($buyer->ordersId)['orders_status'], 'still pending');
        $this->assertNull(self::attempt($buyer->ordersId)['status']);
        $this->assertSame(0, self::mails($buyer->ordersId));
        // The real PRODUCTION result still pays it.
        list(, $answer) = Platform::notify(Platform::result($buyer->request, 'AUTHORISED', true));
        $this->assertSame('OK-Accepted payment, order has been updated.', $answer);
    }

    public function test_a_test_result_never_pays_a_production_order_by_the_return(): void
    {
        self::configure(array('CTX_MODE' => 'PRODUCTION'));
        $buyer = new Buyer();
        $buyer->payWithSystempay();
        $page = $buyer->returnWith(Platform::result($buyer->request, 'AUTHORISED', false, array('vads_ctx_mode' => 'TEST')));
        $this->assertStringContainsString('checkout_payment.php', $page['url'], 'no success page');
        $this->assertSame('1', self::order($buyer->ordersId)['orders_status']);
        $this->assertNull(self::attempt($buyer->ordersId)['status']);
        $this->assertSame(0, self::mails($buyer->ordersId));
    }

    public function test_a_production_result_never_touches_a_test_attempt(): void
    {
        $buyer = new Buyer(); // TEST mode, the production key configured too
        $buyer->payWithSystempay();
        list(, $answer) = Platform::notify(Platform::result($buyer->request, 'AUTHORISED', true, array('vads_ctx_mode' => 'PRODUCTION')));
        $this->assertSame('KO-Payment mode differs from the payment request, order unchanged.', $answer);
        $this->assertNull(self::attempt($buyer->ordersId)['status']);
    }

    public function test_browser_return_fields_posted_to_the_notification_url_are_ignored(): void
    {
        $buyer = new Buyer();
        $buyer->payWithSystempay();
        $return = Platform::result($buyer->request, 'AUTHORISED'); // what the buyer's browser carried back: no vads_hash
        list($code, $answer) = Platform::notify($return);
        $this->assertSame(200, $code, 'a permanent refusal, not a retry');
        $this->assertSame('KO-Not a payment notification (browser return fields), ignored.', $answer);
        $this->assertNull(self::attempt($buyer->ordersId)['status']);
        $this->assertSame('1', self::order($buyer->ordersId)['orders_status']);
    }

    public function test_a_replayed_return_never_reopens_a_cancelled_order(): void
    {
        $buyer = new Buyer();
        $buyer->payWithSystempay();
        $return = Platform::result($buyer->request, 'AUTHORISED');
        Platform::notify(Platform::result($buyer->request, 'AUTHORISED', true));
        Platform::notify(Platform::result($buyer->request, 'CANCELLED', true, array('vads_url_check_src' => 'BO')));
        $statusBefore = self::order($buyer->ordersId)['orders_status'];
        $attemptBefore = self::attempt($buyer->ordersId)['status'];
        list(, $answer) = Platform::notify($return); // the buyer's old query string, replayed
        $this->assertSame('KO-Not a payment notification (browser return fields), ignored.', $answer);
        $this->assertSame($statusBefore, self::order($buyer->ordersId)['orders_status']);
        $this->assertSame($attemptBefore, self::attempt($buyer->ordersId)['status']);
    }
}
