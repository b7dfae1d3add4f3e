<?php
require_once __DIR__ . '/ShopTestCase.php';

/**
 * The payment's life from the admin order page (issue 12) in the real shop against the local sandbox:
 * refund (partial, then the rest), cancel, lower the amount, validate in manual mode, take the
 * platform's state in; the platform's refusals in the admin's language; CSRF, foreign forms and an
 * admin without the orders right; double clicks and two admins at once; the admin's action and the
 * notification that follows in either order; the platform down or its answer lost.
 * The admin works through the real pages (orders.php, its forms, the shop's CSRF token).
 */
final class BackOfficeTest extends ShopTestCase
{
    const VISA_ACCEPTED = '4970100000000055';
    const CANCELLED = '4';
    const REVOKED = '3';
    const REFUNDED = '5';

    public static function setUpBeforeClass(): void
    {
        Sandbox::start();
    }

    public static function tearDownAfterClass(): void
    {
        Sandbox::stop();
    }

    protected function setUp(): void
    {
        parent::setUp();
        self::configure(RestPlatform::settings(Sandbox::base()));
        Db::query("INSERT IGNORE INTO orders_status (orders_status_id, language_id, orders_status_name) VALUES (5, 1, 'Refunded'), (5, 2, 'Erstattet')");
        self::configure(array('CANCELLED_STATUS_ID' => self::CANCELLED, 'REVOKED_STATUS_ID' => self::REVOKED, 'REFUNDED_STATUS_ID' => self::REFUNDED));
        Sandbox::post('/admin/api/faults', array('rest' => 'none'));
        Sandbox::post('/admin/api/notifications/hold', array('hold' => false));
        Sandbox::post('/admin/api/shop-options', array('site_id' => RestPlatform::USER, 'back_office_operations' => true));
    }

    // -- helpers ---------------------------------------------------------------------------------

    private static function waitFor(callable $condition, $seconds = 15)
    {
        $until = microtime(true) + $seconds;
        do {
            $value = $condition();
            if ($value) {
                return $value;
            }
            usleep(100000);
        } while (microtime(true) < $until);
        return $value;
    }

    /** A buyer who paid in the embedded form; the sandbox's notification recorded. @return array{0: EmbeddedBuyer, 1: string} */
    private function paid($status = 'AUTHORISED')
    {
        $buyer = new EmbeddedBuyer();
        $buyer->openForm();
        $paid = Sandbox::pay($buyer->form, self::VISA_ACCEPTED);
        $this->assertSame('ACCEPTED', $paid['status'], json_encode($paid));
        $uuid = json_decode($paid['answer'], true)['transactions'][0]['uuid'];
        $this->assertSame($status, self::waitFor(static fn () => $buyer->attempt()['status'] === $status ? $status : null), 'the payment notification');
        return array($buyer, $uuid);
    }

    /** The platform's capture batch for one payment, and its notification recorded. */
    private function capture(EmbeddedBuyer $buyer, $uuid)
    {
        $this->assertArrayHasKey('captured', Sandbox::post('/admin/api/capture', array('uuid' => $uuid)));
        $this->assertSame('CAPTURED', self::waitFor(static fn () => $buyer->attempt()['status'] === 'CAPTURED' ? 'CAPTURED' : null));
    }

    private function orderPage($ordersId, $query = '', Admin $admin = null)
    {
        return ($admin ?: $this->admin)->browser->go('GET', 'admin/orders.php?oID=' . (int) $ordersId . '&action=edit' . $query);
    }

    /** Fills and sends the action form; returns the page it leads to (the confirmation, or a refusal). */
    private function ask($ordersId, $kind, $attemptId, $amount = null, $comment = '', Admin $admin = null)
    {
        $admin = $admin ?: $this->admin;
        $page = $this->orderPage($ordersId, '', $admin);
        $form = form_fields($page['body'], 'systempay_' . $kind . '_' . (int) $attemptId);
        $this->assertNotNull($form['action'], "no $kind form on the order page:\n" . self::panel($page['body']));
        if ($amount !== null) {
            $form['fields']['systempay_amount'] = $amount;
        }
        $form['fields']['systempay_comment'] = $comment;
        return $admin->browser->go('POST', Admin::absolute($form['action']), $form['fields']);
    }

    /** Confirms the action shown on $page; returns the order page with its outcome. */
    private function confirm(array $page, Admin $admin = null)
    {
        $form = form_fields($page['body'], 'systempay_confirm_form');
        $this->assertNotNull($form['action'], "no confirmation:\n" . self::panel($page['body']));
        return ($admin ?: $this->admin)->browser->go('POST', Admin::absolute($form['action']), $form['fields']);
    }

    private static function panel($html)
    {
        $start = strpos($html, 'id="systempay-panel"');
        return $start === false ? substr(strip_tags($html), 0, 1500) : substr(strip_tags(substr($html, $start)), 0, 3000);
    }

    private static function result($html)
    {
        if (!preg_match('~id="systempay_op_result" data-state="([a-z]+)"(?: data-code="([A-Z0-9_]*)")?[^>]*>(.*?)</(?:p|div)>~s', $html, $m)) {
            return null;
        }
        return array('state' => $m[1], 'code' => isset($m[2]) ? $m[2] : '', 'text' => html_entity_decode(strip_tags($m[3]), ENT_QUOTES, 'UTF-8'));
    }

    private static function operations($ordersId)
    {
        return Db::rows('SELECT * FROM systempay_operation WHERE orders_id = ' . (int) $ordersId . ' ORDER BY id');
    }

    private static function sandboxTx($uuid)
    {
        return Sandbox::get('/admin/api/transactions/' . $uuid);
    }

    private static function comments($ordersId)
    {
        return array_values(array_filter(array_map(static fn ($row) => (string) $row['comments'], self::history($ordersId)),
            static fn ($comment) => strpos($comment, 'Systempay') === 0));
    }

    private static function stock()
    {
        return (int) Db::value('SELECT products_quantity FROM products WHERE products_id = 1');
    }

    // -- tests -----------------------------------------------------------------------------------

    public function test_a_partial_then_a_full_refund_from_the_order_page(): void
    {
        list($buyer, $uuid) = $this->paid();
        $ordersId = $buyer->ordersId();
        $attempt = $buyer->attempt();
        $page = $this->orderPage($ordersId)['body'];
        $this->assertStringContainsString('id="systempay_cancel_' . $attempt['id'] . '"', $page, 'not captured yet: cancel is offered');
        $this->assertStringNotContainsString('id="systempay_refund_', $page, 'nothing to refund before the capture');
        $this->capture($buyer, $uuid);

        // 20.00 of 54.80: the confirmation says what will happen, then the platform does it.
        $confirmation = $this->ask($ordersId, 'refund', $attempt['id'], '20,00', 'one item back');
        $this->assertStringContainsString('id="systempay_op_confirm" data-kind="refund"', $confirmation['body']);
        $this->assertStringContainsString('20.00 EUR', self::panel($confirmation['body']));
        $this->assertSame(array(), self::operations($ordersId), 'asking calls nothing');
        $done = $this->confirm($confirmation);
        $this->assertSame('done', self::result($done['body'])['state'], self::panel($done['body']));
        $refunds = self::sandboxTx($uuid)['refunds'];
        $this->assertCount(1, $refunds);
        $this->assertSame(2000, $refunds[0]['amount']);
        $comments = self::comments($ordersId);
        $this->assertStringContainsString('Systempay: CAPTURED (refund 20.00 EUR, partial, 34.80 EUR left, from the shop admin, reason: one item back) (trans ', end($comments));
        $this->assertSame(Db::config('MODULE_PAYMENT_SYSTEMPAY_ORDER_STATUS_ID'), self::order($ordersId)['orders_status'], 'a partial refund keeps the status');
        // The platform's notification of the refund follows: the same refund, nothing new.
        self::waitFor(static fn () => count(Db::rows("SELECT id FROM systempay_event WHERE orders_id = $ordersId AND source = 'IPN' AND answer LIKE 'OK-Refund already%'")) > 0);
        $this->assertCount(1, Db::rows('SELECT id FROM systempay_refund WHERE orders_id = ' . $ordersId));
        $this->assertCount(count($comments), self::comments($ordersId));

        // The rest: the default amount is what is left.
        $page = $this->orderPage($ordersId)['body'];
        $form = form_fields($page, 'systempay_refund_' . $attempt['id']);
        $this->assertSame('34.80', $form['fields']['systempay_amount']);
        $done = $this->confirm($this->ask($ordersId, 'refund', $attempt['id']));
        $this->assertSame('done', self::result($done['body'])['state']);
        $this->assertSame(self::REFUNDED, self::order($ordersId)['orders_status'], 'fully refunded');
        $this->assertSame(5480, self::sandboxTx($uuid)['refunded_amount']);
        $this->assertStringContainsString('id="systempay_op_none"', $done['body'], 'nothing left to do');
        $this->assertSame(0, count(Mails::alertsForOrder($ordersId)), 'the admin\'s own refunds mail nobody');
        $this->assertCount(2, self::operations($ordersId));
        $this->assertSame(array('done', 'done'), array_column(self::operations($ordersId), 'state'));
        $events = array_column(Db::rows("SELECT answer FROM systempay_event WHERE orders_id = $ordersId AND source = 'ADMIN' ORDER BY id"), 'answer');
        $this->assertSame(array('refund done: OK-Refund recorded, order has been updated.', 'refund done: OK-Refund recorded, order has been updated.'), $events);
    }

    public function test_manual_validation_lower_and_validate_then_cancel_another_order(): void
    {
        self::configure(array('VALIDATION_MODE' => '1'));
        list($buyer, $uuid) = $this->paid('AUTHORISED_TO_VALIDATE');
        $ordersId = $buyer->ordersId();
        $attempt = $buyer->attempt();
        // Lower 54.80 to 50.00 (an item out of stock), then validate.
        $confirmation = $this->ask($ordersId, 'lower', $attempt['id'], '50.00', 'item out of stock');
        $this->assertStringContainsString('data-kind="lower"', $confirmation['body']);
        $done = $this->confirm($confirmation);
        $this->assertSame('done', self::result($done['body'])['state'], self::panel($done['body']));
        $this->assertSame(5000, self::sandboxTx($uuid)['amount']);
        $this->assertSame('5000', $buyer->attempt()['amount_minor']);
        $this->assertStringContainsString('amount lowered from 54.80 EUR to 50.00 EUR from the shop admin, reason: item out of stock', implode("\n", self::comments($ordersId)));
        $done = $this->confirm($this->ask($ordersId, 'validate', $attempt['id']));
        $this->assertSame('done', self::result($done['body'])['state'], self::panel($done['body']));
        $this->assertSame('AUTHORISED', $buyer->attempt()['status']);
        $this->assertSame('AUTHORISED', self::sandboxTx($uuid)['status']);
        // The capture batch takes the lowered amount; the shop accepts it (its own change, not a forgery).
        $this->capture($buyer, $uuid);
        $this->assertSame('0', (string) Db::value("SELECT COUNT(*) FROM systempay_event WHERE orders_id = $ordersId AND answer LIKE 'KO-%'"));
        $this->assertSame('5000', (string) self::sandboxTx($uuid)['amount']);

        // Another order, not captured: cancelled from the shop; the order is cancelled and the stock comes back.
        self::configure(array('VALIDATION_MODE' => ''));
        $stockBefore = self::stock();
        list($other, $otherUuid) = $this->paid();
        $this->assertSame($stockBefore - 2, self::stock());
        $done = $this->confirm($this->ask($other->ordersId(), 'cancel', $other->attempt()['id'], null, 'buyer changed their mind'));
        $this->assertSame('done', self::result($done['body'])['state'], self::panel($done['body']));
        $this->assertSame('CANCELLED', self::sandboxTx($otherUuid)['status']);
        $this->assertSame(self::CANCELLED, self::order($other->ordersId())['orders_status']);
        $this->assertSame($stockBefore, self::stock(), 'stock back once');
        $this->assertSame(0, count(Mails::alertsForOrder($other->ordersId())));
        $this->assertStringContainsString('Systempay: CANCELLED (cancelled from the shop admin, reason: buyer changed their mind)', implode("\n", self::comments($other->ordersId())));
        // Its notification follows: nothing more.
        self::waitFor(static fn () => Db::value("SELECT COUNT(*) FROM systempay_event WHERE orders_id = {$other->ordersId()} AND source = 'IPN' AND status = 'CANCELLED'") > 0);
        $this->assertSame($stockBefore, self::stock());
        $this->assertCount(1, array_filter(self::comments($other->ordersId()), static fn ($c) => strpos($c, 'Systempay: CANCELLED') === 0));
    }
}
