<?php
require_once __DIR__ . '/SandboxTestCase.php';

/**
 * The payment's life from the admin order page (issue 12) in the real shop against the local sandbox:
 * refund (partial, then the rest), cancel, lower the amount, validate in manual mode, take the
 * platform's state in; the platform's refusals in the admin's language; CSRF, foreign forms and an
 * admin without the orders right; double clicks and two admins at once; the admin's action and the
 * notification that follows in either order; the platform down or its answer lost.
 * The admin works through the real pages (orders.php, its forms, the shop's CSRF token).
 */
final class BackOfficeTest extends SandboxTestCase
{
    const VISA_ACCEPTED = '4970100000000055';
    const CANCELLED = '4';
    const REVOKED = '3';
    const REFUNDED = '5';
    const PAID = '2';

    protected function setUp(): void
    {
        parent::setUp();
        Db::query("INSERT IGNORE INTO orders_status (orders_status_id, language_id, orders_status_name) VALUES (5, 1, 'Refunded'), (5, 2, 'Erstattet')");
        self::configure(array('CANCELLED_STATUS_ID' => self::CANCELLED, 'REVOKED_STATUS_ID' => self::REVOKED, 'REFUNDED_STATUS_ID' => self::REFUNDED));
        // The sandbox keeps its transactions across tests while the shop goes back to its snapshot:
        // order numbers and trans ids of their own, as a real shop's never repeat.
        Db::query('ALTER TABLE orders AUTO_INCREMENT = ' . random_int(10000, 9000000));
        Db::query('INSERT INTO systempay_trans_counter (trans_day, last_value) VALUES (UTC_DATE(), ' . random_int(1000, 800000) . ') ON DUPLICATE KEY UPDATE last_value = VALUES(last_value)');
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

    public function test_the_platform_refusals_are_told_in_the_admin_language(): void
    {
        $admin = new Admin('de');
        list($buyer, $uuid) = $this->paid();
        $ordersId = $buyer->ordersId();
        $attempt = $buyer->attempt();
        $this->capture($buyer, $uuid);

        // More than what is left: refused before any call.
        $page = $this->ask($ordersId, 'refund', $attempt['id'], '60,00', '', $admin);
        $this->assertSame(array('refused', 'AMOUNT'), array_slice(array_values(self::result($page['body'])), 0, 2));
        $this->assertStringContainsString('Der Betrag ist nicht m', self::result($page['body'])['text']);
        $page = $this->ask($ordersId, 'refund', $attempt['id'], '10.001', '', $admin);
        $this->assertSame('AMOUNT', self::result($page['body'])['code'], 'no more decimals than the currency has');

        // No REST back-office option on the contract (PSP_100).
        Sandbox::post('/admin/api/shop-options', array('site_id' => RestPlatform::USER, 'back_office_operations' => false));
        $done = $this->confirm($this->ask($ordersId, 'refund', $attempt['id'], '10,00', '', $admin), $admin);
        $this->assertSame(array('refused', 'PSP_100'), array_slice(array_values(self::result($done['body'])), 0, 2));
        $this->assertStringContainsString('keine REST-Backoffice-Option', self::result($done['body'])['text']);
        Sandbox::post('/admin/api/shop-options', array('site_id' => RestPlatform::USER, 'back_office_operations' => true));

        // A refund made in the Systempay back office that the shop has not heard of yet: the platform refuses the sum (PSP_511).
        Sandbox::post('/admin/api/notifications/hold', array('hold' => true));
        $direct = Sandbox::rest('Transaction/CancelOrRefund', array('uuid' => $uuid, 'amount' => 2000, 'currency' => 'EUR', 'resolutionMode' => 'REFUND_ONLY'));
        $this->assertSame('SUCCESS', $direct['status']);
        $done = $this->confirm($this->ask($ordersId, 'refund', $attempt['id'], '54,80', '', $admin), $admin);
        $this->assertSame(array('refused', 'PSP_511'), array_slice(array_values(self::result($done['body'])), 0, 2));
        $this->assertStringContainsString('Die Erstattungen zusammen w', self::result($done['body'])['text']);
        Sandbox::post('/admin/api/notifications/hold', array('hold' => false));
        self::waitFor(static fn () => Db::value('SELECT COUNT(*) FROM systempay_refund WHERE orders_id = ' . $ordersId) > 0);

        // Charged back: no refund possible (PSP_083).
        Sandbox::post('/admin/api/chargeback', array('uuid' => $uuid));
        $done = $this->confirm($this->ask($ordersId, 'refund', $attempt['id'], '5,00', '', $admin), $admin);
        $this->assertSame(array('refused', 'PSP_083'), array_slice(array_values(self::result($done['body'])), 0, 2));
        $this->assertStringContainsString('zur&uuml;ckgebucht', $done['body']);
        $this->assertSame(2000, self::sandboxTx($uuid)['refunded_amount'], 'only the back office refund');
        $this->assertSame(array('refused', 'refused', 'refused'), array_column(self::operations($ordersId), 'state'));

        // Already cancelled at the platform (the shop has not heard yet): PSP_105.
        list($other, $otherUuid) = $this->paid();
        Sandbox::post('/admin/api/notifications/hold', array('hold' => true));
        $this->assertSame('SUCCESS', Sandbox::rest('Transaction/CancelOrRefund', array('uuid' => $otherUuid, 'resolutionMode' => 'CANCELLATION_ONLY'))['status']);
        $done = $this->confirm($this->ask($other->ordersId(), 'cancel', $other->attempt()['id'], null, '', $admin), $admin);
        $this->assertSame(array('refused', 'PSP_105'), array_slice(array_values(self::result($done['body'])), 0, 2));
        $this->assertStringContainsString('bereits storniert', self::result($done['body'])['text']);
        Sandbox::post('/admin/api/notifications/hold', array('hold' => false));
    }

    public function test_forms_without_the_shop_token_from_another_session_or_without_the_orders_right_do_nothing(): void
    {
        list($buyer, $uuid) = $this->paid();
        $ordersId = $buyer->ordersId();
        $attempt = $buyer->attempt();
        $confirmation = $this->ask($ordersId, 'cancel', $attempt['id']);
        $form = form_fields($confirmation['body'], 'systempay_confirm_form');
        $url = Admin::absolute($form['action']);
        $tokenName = null;
        foreach ($form['fields'] as $name => $value) {
            if (preg_match('/^x[A-Za-z0-9]{5}$/', $name)) {
                $tokenName = $name;
            }
        }
        $this->assertNotNull($tokenName, 'the shop\'s CSRF token is in the form');

        // Without the shop's token (a forged cross-site form): the shop drops the request.
        $fields = $form['fields'];
        unset($fields[$tokenName]);
        $this->admin->browser->go('POST', $url, $fields);
        // With a wrong one.
        $this->admin->browser->go('POST', $url, array($tokenName => str_repeat('a', 32)) + $fields);
        $this->assertSame(array(), self::operations($ordersId));
        self::truncateShopLogs(); // the shop logs the refused tokens itself (its CSRF warning)

        // The shop's token switched off: the form's own nonce still has to come from the admin's session.
        Db::query("UPDATE configuration SET configuration_value = 'false' WHERE configuration_key = 'CSRF_TOKEN_SYSTEM'");
        $other = new Admin();
        $page = $other->browser->go('POST', $url, $fields);
        $this->assertSame('expired', self::result($page['body'])['state']);
        $this->assertSame(array(), self::operations($ordersId));
        Db::query("UPDATE configuration SET configuration_value = 'true' WHERE configuration_key = 'CSRF_TOKEN_SYSTEM'");

        // An admin without the right to the orders page.
        Db::query('CREATE TEMPORARY TABLE clerk SELECT * FROM customers WHERE customers_id = 1');
        Db::query("UPDATE clerk SET customers_id = 900, customers_email_address = 'clerk@shop.example'");
        Db::query('INSERT INTO customers SELECT * FROM clerk');
        Db::query('CREATE TEMPORARY TABLE clerk_info SELECT * FROM customers_info WHERE customers_info_id = 1');
        Db::query('UPDATE clerk_info SET customers_info_id = 900');
        Db::query('INSERT INTO customers_info SELECT * FROM clerk_info');
        Db::query("CREATE TEMPORARY TABLE clerk_access SELECT * FROM admin_access WHERE customers_id = '1'");
        Db::query("UPDATE clerk_access SET customers_id = '900', orders = 0");
        Db::query('INSERT INTO admin_access SELECT * FROM clerk_access');
        $clerk = new Admin('en', null, 'clerk@shop.example', Admin::PASSWORD);
        $page = $clerk->browser->go('GET', 'admin/orders.php?oID=' . $ordersId . '&action=edit');
        $this->assertStringNotContainsString('systempay_confirm_form', $page['body']);
        $clerk->browser->go('POST', $url, $fields);
        $this->assertSame(array(), self::operations($ordersId), 'orders.php sends them to the login page first');
        $this->assertSame('AUTHORISED', self::sandboxTx($uuid)['status']);

        // The admin's own confirmation still works afterwards (a fresh form).
        $done = $this->confirm($this->ask($ordersId, 'cancel', $attempt['id']));
        $this->assertSame('done', self::result($done['body'])['state']);
        $this->assertSame('CANCELLED', self::sandboxTx($uuid)['status']);
    }

    public function test_double_clicks_and_two_admins_at_once_refund_once(): void
    {
        list($buyer, $uuid) = $this->paid();
        $ordersId = $buyer->ordersId();
        $attempt = $buyer->attempt();
        $this->capture($buyer, $uuid);

        // Five confirmations of the same form at once (double click, reloads): one refund.
        $form = form_fields($this->ask($ordersId, 'refund', $attempt['id'], '10.00')['body'], 'systempay_confirm_form');
        $answers = $this->admin->browser->postAll(Admin::absolute($form['action']), array_fill(0, 5, $form['fields']));
        foreach ($answers as $answer) {
            $this->assertSame(302, $answer['status']);
        }
        $this->assertCount(1, self::operations($ordersId));
        $this->assertSame(1000, self::sandboxTx($uuid)['refunded_amount']);
        // A retry of the same form later: still one.
        $page = $this->admin->browser->go('POST', Admin::absolute($form['action']), $form['fields']);
        $this->assertSame('done', self::result($page['body'])['state']);
        $this->assertSame(1000, self::sandboxTx($uuid)['refunded_amount']);

        // Two admins each refund all that is left (44.80) at the same moment: one refund happens.
        $second = new Admin();
        $formA = form_fields($this->ask($ordersId, 'refund', $attempt['id'])['body'], 'systempay_confirm_form');
        $formB = form_fields($this->ask($ordersId, 'refund', $attempt['id'], null, '', $second)['body'], 'systempay_confirm_form');
        run_at_once(array($this->admin->browser->postHandle(Admin::absolute($formA['action']), $formA['fields']),
            $second->browser->postHandle(Admin::absolute($formB['action']), $formB['fields'])));
        $this->assertSame(5480, self::sandboxTx($uuid)['refunded_amount']);
        $states = array_column(self::operations($ordersId), 'state');
        sort($states);
        $this->assertSame(array('done', 'done', 'refused'), $states);
        $this->assertCount(2, self::sandboxTx($uuid)['refunds']);
        $this->assertSame(self::REFUNDED, self::order($ordersId)['orders_status']);
    }

    /** The order's Systempay history with the ids that differ between two orders taken out. */
    private static function historyShape($ordersId)
    {
        return array_map(static fn ($comment) => preg_replace('/\b\d{6}\b/', 'ID', preg_replace('/\[Systempay[^\]]*\]/', '', $comment)), self::comments($ordersId));
    }

    public function test_the_admin_action_and_its_notification_give_the_same_order_in_either_order(): void
    {
        $orders = array();
        foreach (array('answer first', 'notification first') as $case) {
            list($buyer, $uuid) = $this->paid();
            $this->capture($buyer, $uuid);
            $ordersId = $buyer->ordersId();
            $attempt = $buyer->attempt();
            if ($case === 'answer first') {
                Sandbox::post('/admin/api/notifications/hold', array('hold' => true));
            } else {
                // The platform's notification reaches the shop while its answer is still on its way.
                Sandbox::post('/admin/api/faults', array('rest' => 'slow', 'delay_seconds' => 2, 'operations' => array('Transaction/CancelOrRefund')));
            }
            $done = $this->confirm($this->ask($ordersId, 'refund', $attempt['id'], '54.80', 'returned'));
            $this->assertSame('done', self::result($done['body'])['state'], $case);
            if ($case === 'answer first') {
                $this->assertSame(0, (int) Db::value("SELECT COUNT(*) FROM systempay_event WHERE orders_id = $ordersId AND source = 'IPN' AND trans_id IS NOT NULL AND status = 'CAPTURED' AND answer LIKE '%Refund%'"));
                Sandbox::post('/admin/api/notifications/hold', array('hold' => false));
            }
            Sandbox::post('/admin/api/faults', array('rest' => 'none'));
            $notified = self::waitFor(static fn () => Db::value("SELECT answer FROM systempay_event WHERE orders_id = $ordersId AND source = 'IPN' AND answer LIKE '%Refund%' ORDER BY id LIMIT 1"));
            $this->assertSame($case === 'answer first' ? 'OK-Refund already registered.' : 'OK-Refund recorded, order has been updated.', $notified, $case);
            $orders[$case] = $ordersId;
        }
        $this->assertSame(self::historyShape($orders['answer first']), self::historyShape($orders['notification first']));
        foreach ($orders as $case => $ordersId) {
            $this->assertSame(self::REFUNDED, self::order($ordersId)['orders_status'], $case);
            $this->assertCount(1, Db::rows('SELECT id FROM systempay_refund WHERE orders_id = ' . $ordersId), $case);
            $this->assertSame(0, count(Mails::alertsForOrder($ordersId)), $case);
            $op = self::operations($ordersId)[0];
            $this->assertSame('done', $op['state']);
            $this->assertSame(Db::value('SELECT trans_uuid FROM systempay_refund WHERE orders_id = ' . $ordersId), $op['result_uuid'], $case);
        }
    }

    public function test_a_platform_down_or_an_answer_lost_never_refunds_twice(): void
    {
        list($buyer, $uuid) = $this->paid();
        $this->capture($buyer, $uuid);
        $ordersId = $buyer->ordersId();
        $attempt = $buyer->attempt();

        // Down: 503 without the platform's envelope. Nothing was done, but the shop cannot know it.
        Sandbox::post('/admin/api/faults', array('rest' => 'down', 'count' => 1));
        $done = $this->confirm($this->ask($ordersId, 'refund', $attempt['id'], '20.00'));
        $result = self::result($done['body']);
        $this->assertSame(array('unknown', 'HTTP_503'), array($result['state'], $result['code']));
        $this->assertStringContainsString('may or may not have been done', $result['text']);
        $this->assertSame('34.80', form_fields($done['body'], 'systempay_refund_' . $attempt['id'])['fields']['systempay_amount'], 'counted until settled');
        // The admin asks the platform and takes its state in: no such refund, settled as failed, 54.80 left again.
        $live = $this->orderPage($ordersId, '&systempay_live=1');
        $this->assertStringNotContainsString('systempay-live-differs', $live['body'], 'the platform has the payment as recorded');
        $sync = form_fields($live['body'], 'systempay_sync_form');
        $this->assertNotNull($sync['action'], 'an operation of unknown outcome is settled from here');
        $page = $this->admin->browser->go('POST', Admin::absolute($sync['action']), $sync['fields']);
        $this->assertSame('synced', self::result($page['body'])['state']);
        $this->assertSame(array('failed'), array_column(self::operations($ordersId), 'state'));
        $this->assertSame('54.80', form_fields($page['body'], 'systempay_refund_' . $attempt['id'])['fields']['systempay_amount']);
        $this->assertSame(0, self::sandboxTx($uuid)['refunded_amount']);

        // Answer lost after the platform refunded: unknown, then the notification settles it; never sent again.
        Sandbox::post('/admin/api/faults', array('rest' => 'drop_answer', 'count' => 1));
        Sandbox::post('/admin/api/notifications/hold', array('hold' => true));
        $confirmation = $this->ask($ordersId, 'refund', $attempt['id'], '10.00');
        $done = $this->confirm($confirmation);
        $this->assertSame('unknown', self::result($done['body'])['state']);
        $this->assertSame('NETWORK', self::result($done['body'])['code']);
        $this->assertSame(1000, self::sandboxTx($uuid)['refunded_amount']);
        $this->assertSame('44.80', form_fields($done['body'], 'systempay_refund_' . $attempt['id'])['fields']['systempay_amount'], 'counted while unknown');
        Sandbox::post('/admin/api/notifications/hold', array('hold' => false));
        self::waitFor(static fn () => Db::value("SELECT COUNT(*) FROM systempay_refund WHERE orders_id = $ordersId") > 0);
        $ops = self::operations($ordersId);
        $this->assertSame(array('failed', 'done'), array_column($ops, 'state'), 'the notification settled the lost answer');
        $this->assertSame(Db::value("SELECT trans_uuid FROM systempay_refund WHERE orders_id = $ordersId"), $ops[1]['result_uuid']);
        $form = form_fields($confirmation['body'], 'systempay_confirm_form');
        $this->admin->browser->go('POST', Admin::absolute($form['action']), $form['fields']);
        $this->assertSame(1000, self::sandboxTx($uuid)['refunded_amount'], 'the retry of the same form sends nothing');
        $this->assertCount(2, self::operations($ordersId));
        $this->assertSame('44.80', form_fields($this->orderPage($ordersId)['body'], 'systempay_refund_' . $attempt['id'])['fields']['systempay_amount']);
    }

    public function test_the_platform_state_is_taken_into_the_order_from_the_live_status(): void
    {
        // A payment whose notification never arrived, and a refund made in the Systempay back office.
        Sandbox::post('/admin/api/notifications/hold', array('hold' => true));
        $buyer = new EmbeddedBuyer();
        $buyer->openForm();
        $paid = Sandbox::pay($buyer->form, self::VISA_ACCEPTED);
        $uuid = json_decode($paid['answer'], true)['transactions'][0]['uuid'];
        Sandbox::post('/admin/api/capture', array('uuid' => $uuid));
        $this->assertSame('SUCCESS', Sandbox::rest('Transaction/CancelOrRefund', array('uuid' => $uuid, 'amount' => 1480, 'currency' => 'EUR', 'resolutionMode' => 'REFUND_ONLY'))['status']);
        $ordersId = $buyer->ordersId();
        $this->assertSame('1', self::order($ordersId)['orders_status'], 'the shop knows nothing yet');

        $live = $this->orderPage($ordersId, '&systempay_live=1');
        $this->assertSame(2, substr_count($live['body'], 'systempay-live-differs'), 'the payment and the refund differ');
        $sync = form_fields($live['body'], 'systempay_sync_form');
        $page = $this->admin->browser->go('POST', Admin::absolute($sync['action']), $sync['fields']);
        $this->assertSame('synced', self::result($page['body'])['state'], self::panel($page['body']));
        $this->assertSame('CAPTURED', $buyer->attempt()['status']);
        $this->assertSame(self::PAID, self::order($ordersId)['orders_status']);
        $this->assertCount(1, Db::rows("SELECT id FROM systempay_refund WHERE orders_id = $ordersId AND amount_minor = 1480"));
        $this->assertStringContainsString('refund 14.80 EUR, partial, 40.00 EUR left', implode("\n", self::comments($ordersId)));
        $this->assertSame(0, count(Mails::alertsForOrder($ordersId)));
        $this->assertStringNotContainsString('systempay-live-differs', $this->orderPage($ordersId, '&systempay_live=1')['body']);
        // The held notifications arrive at last: nothing changes.
        $history = self::comments($ordersId);
        Sandbox::post('/admin/api/notifications/hold', array('hold' => false));
        self::waitFor(static fn () => Db::value("SELECT COUNT(*) FROM systempay_event WHERE orders_id = $ordersId AND source = 'IPN'") >= 3);
        $this->assertSame($history, self::comments($ordersId));
        $this->assertSame('40.00', form_fields($this->orderPage($ordersId)['body'], 'systempay_refund_' . $buyer->attempt()['id'])['fields']['systempay_amount']);
    }

    /** A buyer who paid on the sandbox's hosted page; its form notification recorded. @return array{0: Buyer, 1: string} */
    private function paidHosted()
    {
        self::configure(array('PAYMENT_FORM' => 'HOSTED', 'PLATFORM_URL' => Sandbox::base() . '/vads-payment/'));
        $buyer = new Buyer();
        $redirect = $buyer->payWithSystempay();
        $this->assertSame(Sandbox::base() . '/vads-payment/', $redirect['action']);
        $card = new Browser(Sandbox::base());
        $page = $card->go('POST', Sandbox::base() . '/vads-payment/', $redirect['fields']);
        $form = form_fields($page['body']);
        $this->assertArrayHasKey('token', $form['fields'], substr(strip_tags($page['body']), 0, 500));
        $page = $card->go('POST', Sandbox::base() . '/vads-payment/card', array('token' => $form['fields']['token'], 'card_number' => self::VISA_ACCEPTED,
            'expiry_month' => '12', 'expiry_year' => (string) (date('Y') + 3), 'cvv' => '123'));
        if (strpos($page['body'], 'challenge_ok') !== false) {
            $page = $card->go('POST', Sandbox::base() . '/vads-payment/challenge', array('token' => $form['fields']['token'], 'outcome' => 'ok'));
        }
        $ordersId = $buyer->ordersId;
        $attempt = self::waitFor(static fn () => (($row = Db::row("SELECT * FROM systempay_transaction WHERE orders_id = $ordersId")) && $row['status'] === 'AUTHORISED') ? $row : null);
        $this->assertNotNull($attempt, 'the form notification of the hosted payment');
        $this->assertSame('FORM', $attempt['channel']);
        return array($buyer, $attempt['trans_uuid']);
    }

    public function test_a_payment_of_the_hosted_page_is_refunded_and_cancelled_the_same_way(): void
    {
        list($buyer, $uuid) = $this->paidHosted();
        $ordersId = $buyer->ordersId;
        $attempt = self::attempt($ordersId);
        $this->assertArrayHasKey('captured', Sandbox::post('/admin/api/capture', array('uuid' => $uuid)));
        $this->assertSame('CAPTURED', self::waitFor(static fn () => self::attempt($ordersId)['status'] === 'CAPTURED' ? 'CAPTURED' : null));
        $done = $this->confirm($this->ask($ordersId, 'refund', $attempt['id'], '4,80'));
        $this->assertSame('done', self::result($done['body'])['state'], self::panel($done['body']));
        $this->assertSame(480, self::sandboxTx($uuid)['refunded_amount']);
        // The platform's form notification of the refund (vads_url_check_src=BO, CREDIT) is the same refund.
        $this->assertSame('OK-Refund already registered.', self::waitFor(static fn () => Db::value("SELECT answer FROM systempay_event WHERE orders_id = $ordersId AND source = 'IPN' AND answer LIKE '%Refund%' LIMIT 1")));
        $this->assertCount(1, Db::rows('SELECT id FROM systempay_refund WHERE orders_id = ' . $ordersId));
        $this->assertStringContainsString('refund 4.80 EUR, partial, 50.00 EUR left, from the shop admin', implode("\n", self::comments($ordersId)));

        list($other, $otherUuid) = $this->paidHosted();
        $done = $this->confirm($this->ask($other->ordersId, 'cancel', self::attempt($other->ordersId)['id']));
        $this->assertSame('done', self::result($done['body'])['state'], self::panel($done['body']));
        $this->assertSame('CANCELLED', self::attempt($other->ordersId)['status']);
        $this->assertSame(self::CANCELLED, self::order($other->ordersId)['orders_status']);
        $this->assertSame('OK-Payment outcome already registered.', self::waitFor(static fn () => Db::value("SELECT answer FROM systempay_event WHERE orders_id = {$other->ordersId} AND source = 'IPN' AND status = 'CANCELLED' LIMIT 1")));
    }

    public function test_a_refund_whose_answer_was_lost_is_settled_by_the_platform_state_and_never_offered_again(): void
    {
        list($buyer, $uuid) = $this->paid();
        $this->capture($buyer, $uuid);
        $ordersId = $buyer->ordersId();
        $attempt = $buyer->attempt();
        // Done at the platform, its answer lost and its notification not arrived: unknown, counted.
        Sandbox::post('/admin/api/notifications/hold', array('hold' => true));
        Sandbox::post('/admin/api/faults', array('rest' => 'drop_answer', 'count' => 1));
        $done = $this->confirm($this->ask($ordersId, 'refund', $attempt['id'], '10.00'));
        $this->assertSame('unknown', self::result($done['body'])['state']);
        // Even a request that died while sending (the row left "sending") is settled the same way.
        Db::query("UPDATE systempay_operation SET state = 'sending', created_at = created_at - INTERVAL 1 HOUR WHERE orders_id = $ordersId");
        $live = $this->orderPage($ordersId, '&systempay_live=1');
        $sync = form_fields($live['body'], 'systempay_sync_form');
        $this->assertNotNull($sync['action'], 'a dead operation is settled from the live status');
        $page = $this->admin->browser->go('POST', Admin::absolute($sync['action']), $sync['fields']);
        $this->assertSame('synced', self::result($page['body'])['state']);
        $op = self::operations($ordersId)[0];
        $this->assertSame('done', $op['state'], 'the platform shows the refund: done, not failed');
        $this->assertSame(Db::value("SELECT trans_uuid FROM systempay_refund WHERE orders_id = $ordersId"), $op['result_uuid']);
        $this->assertSame('44.80', form_fields($page['body'], 'systempay_refund_' . $attempt['id'])['fields']['systempay_amount']);
        $this->assertStringContainsString('refund 10.00 EUR, partial, 44.80 EUR left, from the shop admin', implode("\n", self::comments($ordersId)));
        Sandbox::post('/admin/api/notifications/hold', array('hold' => false));
        $this->assertSame('OK-Refund already registered.', self::waitFor(static fn () => Db::value("SELECT answer FROM systempay_event WHERE orders_id = $ordersId AND source = 'IPN' AND answer LIKE '%Refund%' LIMIT 1")));

        // "All that is left" is fixed when asked: a refund made meanwhile elsewhere makes the confirmation fail, never send less or more.
        $confirmation = $this->ask($ordersId, 'refund', $attempt['id'], '');
        $this->assertStringContainsString('44.80 EUR', self::panel($confirmation['body']));
        $this->assertSame('SUCCESS', Sandbox::rest('Transaction/CancelOrRefund', array('uuid' => $uuid, 'amount' => 500, 'currency' => 'EUR', 'resolutionMode' => 'REFUND_ONLY'))['status']);
        self::waitFor(static fn () => Db::value("SELECT COUNT(*) FROM systempay_refund WHERE orders_id = $ordersId") == 2);
        $done = $this->confirm($confirmation);
        $this->assertSame(array('refused', 'AMOUNT'), array_slice(array_values(self::result($done['body'])), 0, 2));
        $this->assertSame(1500, self::sandboxTx($uuid)['refunded_amount']);
        // Back from a confirmation closes it; a used form cannot be asked again.
        $confirmation = $this->ask($ordersId, 'refund', $attempt['id'], '1.00');
        preg_match('~id="systempay_op_back" href="([^"]+)"~', $confirmation['body'], $m);
        $form = form_fields($confirmation['body'], 'systempay_confirm_form');
        $this->admin->browser->go('GET', html_entity_decode($m[1]));
        $page = $this->orderPage($ordersId, '&systempay_confirm=' . $form['fields']['systempay_nonce']);
        $this->assertStringNotContainsString('systempay_op_confirm', $page['body'], 'the confirmation is closed');
        Db::query("UPDATE configuration SET configuration_value = 'false' WHERE configuration_key = 'CSRF_TOKEN_SYSTEM'"); // only the module's own check left
        $page = $this->admin->browser->go('POST', Admin::absolute($form['action']), $form['fields']);
        $this->assertSame('expired', self::result($page['body'])['state'], 'confirming after going back does nothing');
        $this->assertSame(1500, self::sandboxTx($uuid)['refunded_amount']);
        $this->assertCount(2, self::operations($ordersId));
    }

    public function test_two_lowerings_one_of_unknown_outcome_and_the_capture_at_the_amount_that_holds(): void
    {
        list($buyer, $uuid) = $this->paid();
        $ordersId = $buyer->ordersId();
        $attempt = $buyer->attempt();
        $this->assertSame('done', self::result($this->confirm($this->ask($ordersId, 'lower', $attempt['id'], '50'))['body'])['state']);
        Sandbox::post('/admin/api/faults', array('rest' => 'down', 'count' => 1));
        $this->assertSame('unknown', self::result($this->confirm($this->ask($ordersId, 'lower', $attempt['id'], '40'))['body'])['state']);
        // The capture carries 50.00: the shop's own first lowering, accepted; the attempt holds 50.00.
        $this->capture($buyer, $uuid);
        $this->assertSame('5000', $buyer->attempt()['amount_minor']);
        $this->assertSame('0', (string) Db::value("SELECT COUNT(*) FROM systempay_event WHERE orders_id = $ordersId AND answer LIKE 'KO-%'"));
        // Taking the platform's state in settles the second one as not done.
        $sync = form_fields($this->orderPage($ordersId, '&systempay_live=1')['body'], 'systempay_sync_form');
        $this->admin->browser->go('POST', Admin::absolute($sync['action']), $sync['fields']);
        $this->assertSame(array('done', 'failed'), array_column(self::operations($ordersId), 'state'));
        $this->assertSame('50.00', form_fields($this->orderPage($ordersId)['body'], 'systempay_refund_' . $attempt['id'])['fields']['systempay_amount']);
    }

    public function test_an_order_set_to_cancelled_in_the_admin_points_at_the_platform_action(): void
    {
        list($buyer, $uuid) = $this->paid();
        $ordersId = $buyer->ordersId();
        $page = $this->orderPage($ordersId);
        $this->assertStringNotContainsString('systempay_status_hint', $page['body']);
        // The admin sets the order to "cancelled" with the shop's own status form: the payment still stands.
        $form = form_fields($page['body'], 'status');
        $this->assertNotNull($form['action']);
        $form['fields']['status'] = self::CANCELLED;
        $form['fields']['comments'] = 'customer called';
        $page = $this->admin->browser->go('POST', Admin::absolute($form['action']), $form['fields']);
        $this->assertSame(self::CANCELLED, self::order($ordersId)['orders_status']);
        $this->assertStringContainsString('id="systempay_status_hint" data-kind="cancel"', $page['body']);
        $this->assertSame('AUTHORISED', self::sandboxTx($uuid)['status'], 'pointed at, never run');
        $this->assertSame('done', self::result($this->confirm($this->ask($ordersId, 'cancel', $buyer->attempt()['id']))['body'])['state']);
        $this->assertStringNotContainsString('systempay_status_hint', $this->orderPage($ordersId)['body']);
    }
}
