<?php
require_once __DIR__ . '/SandboxTestCase.php';

/**
 * The embedded form (REST API, issue 11) in the real shop: the form token from the local sandbox's
 * Charge/CreatePayment, the shop's checkout_payment_iframe.php with the form, the buyer's return and
 * the REST notification through the same pipeline as the hosted page, forged and cross-mode
 * messages, refused tries, the platform failing, and a shop switched between the two forms with
 * orders in flight. Results are written here from the protocol (rest_harness.php), hashed with
 * PHP's own HMAC.
 */
final class EmbeddedFormTest extends SandboxTestCase
{
    const ACCEPTED = 'OK-Accepted payment, order has been updated.';

    private static function stock()
    {
        return (int) Db::value('SELECT products_quantity FROM products WHERE products_id = 1');
    }

    private static function events($ordersId)
    {
        return array_column(Db::rows('SELECT answer FROM systempay_event WHERE orders_id = ' . (int) $ordersId . ' ORDER BY id'), 'answer');
    }

    public function test_the_admin_sets_up_the_embedded_form_and_its_secrets_stay_hidden(): void
    {
        $settings = RestPlatform::settings(Sandbox::base());
        self::configure(array('PAYMENT_FORM' => 'HOSTED'));
        $this->admin->save($settings); // through the shop's own edit form
        foreach ($settings as $name => $value) {
            $this->assertSame($value, Db::config('MODULE_PAYMENT_SYSTEMPAY_' . $name), $name);
        }
        // Masked like the keys of the hosted page: never in the module list, password fields in the edit form.
        $list = $this->admin->modulesPage('module=systempay')['body'];
        $edit = $this->admin->modulesPage('module=systempay&action=edit')['body'];
        foreach (array('REST_PASSWORD_TEST', 'REST_PASSWORD_PROD', 'HMAC_KEY_TEST', 'HMAC_KEY_PROD') as $name) {
            $this->assertStringNotContainsString($settings[$name], $list, "$name not in the list");
            $this->assertMatchesRegularExpression('/<input[^>]*type="password"[^>]*name="configuration\[MODULE_PAYMENT_SYSTEMPAY_' . $name . '\]"/', $edit, "$name is a password field");
        }
        $this->assertStringContainsString(RestPlatform::PUBLIC_KEY_TEST, $edit, 'the public key is public');
        $this->assertStringContainsString('Embedded form look', $this->admin->modulesPage('module=systempay&action=edit')['body']);
        // A missing key of the current mode hides the method and says why.
        self::configure(array('HMAC_KEY_TEST' => ''));
        $this->assertStringContainsString('The embedded form needs the REST password', $this->admin->modulesPage('module=systempay')['body']);
        $buyer = new Buyer();
        $this->assertFalse(Buyer::offersSystempay($buyer->startCheckout()));
        self::configure(array('HMAC_KEY_TEST' => RestPlatform::HMAC_TEST, 'PUBLIC_KEY_TEST' => '87654321:testpublickey_x'));
        $this->assertStringContainsString('The public key must start with the REST user', $this->admin->modulesPage('module=systempay')['body']);
        // The hosted page's key is not needed by the embedded form.
        self::configure(array('PUBLIC_KEY_TEST' => RestPlatform::PUBLIC_KEY_TEST, 'KEY_TEST' => ''));
        $other = new Buyer();
        $this->assertTrue(Buyer::offersSystempay($other->startCheckout()));
    }

    private function check($which)
    {
        $page = $this->admin->modulesPage('module=systempay&systempay_check=' . $which)['body'];
        $this->assertMatchesRegularExpression('~<div id="systempay_check_result" data-ok="([01])"~', $page);
        preg_match('~<div id="systempay_check_result" data-ok="([01])"[^>]*>(.*?)</div>~s', $page, $m);
        return array($m[1] === '1', html_entity_decode(strip_tags($m[2]), ENT_QUOTES, 'UTF-8'));
    }

    public function test_the_admin_checks_the_credentials_and_the_notification_url(): void
    {
        list($ok, $text) = $this->check('credentials');
        $this->assertTrue($ok, $text);
        $this->assertStringContainsString('accepted the credentials', $text);
        self::configure(array('REST_PASSWORD_TEST' => 'testpassword_wrong'));
        list($ok, $text) = $this->check('credentials');
        $this->assertFalse($ok);
        $this->assertStringContainsString('INT_902', $text);
        $this->assertStringNotContainsString('testpassword_wrong', $text, 'no secret shown');
        self::configure(array('REST_PASSWORD_TEST' => RestPlatform::PASSWORD_TEST, 'REST_URL' => 'http://127.0.0.1:9'));
        list($ok, $text) = $this->check('credentials');
        $this->assertFalse($ok);
        $this->assertStringContainsString('NETWORK', $text);

        list($ok, $text) = $this->check('notification_url');
        $this->assertTrue($ok, $text);
        $this->assertStringContainsString('HTTP 200', $text);
        // In maintenance mode the notification URL must still answer (the module's endpoint ignores it).
        Db::query("UPDATE shop_configuration SET configuration_value = 'checked' WHERE configuration_key = 'SHOP_OFFLINE'");
        try {
            list($ok, $text) = $this->check('notification_url');
            $this->assertTrue($ok, $text);
        } finally {
            Db::query("UPDATE shop_configuration SET configuration_value = '' WHERE configuration_key = 'SHOP_OFFLINE'");
        }
        // Something else answering at that address (here: the module's endpoint missing) is reported.
        $endpoint = Env::shopDir() . '/callback/systempay/process.php';
        rename($endpoint, $endpoint . '.away');
        try {
            list($ok, $text) = $this->check('notification_url');
        } finally {
            rename($endpoint . '.away', $endpoint);
        }
        $this->assertFalse($ok);
        $this->assertStringContainsString('HTTP 404', $text);
        self::truncateShopLogs(); // the shop logged its own 404 page
    }

    public function test_the_order_panel_shows_the_payment_as_the_platform_sees_it(): void
    {
        $buyer = new EmbeddedBuyer();
        $buyer->openForm();
        $paid = Sandbox::pay($buyer->form, '4970100000000055');
        $this->assertSame('ACCEPTED', $paid['status']);
        $uuid = json_decode($paid['answer'], true)['transactions'][0]['uuid'];
        // The sandbox's REST notification reaches the shop on its own.
        $until = microtime(true) + 10;
        while ($buyer->attempt()['status'] !== 'AUTHORISED' && microtime(true) < $until) {
            usleep(100000);
        }
        $this->assertSame('AUTHORISED', $buyer->attempt()['status']);
        $orderPage = 'admin/orders.php?oID=' . $buyer->ordersId() . '&action=edit';
        $page = $this->admin->browser->go('GET', $orderPage)['body'];
        $this->assertStringContainsString('id="systempay_live_ask"', $page, 'the platform is asked only on demand');
        $page = $this->admin->browser->go('GET', $orderPage . '&systempay_live=1')['body'];
        $this->assertMatchesRegularExpression('~<tr class="systempay-live-row"><td>' . $uuid . '</td><td>AUTHORISED</td><td>DEBIT</td><td>54.80 EUR</td><td>AUTHORISED</td>~', $page);
        // A notification the shop never got (here: its record set back): the difference is marked.
        Db::query("UPDATE systempay_transaction SET status = 'WAITING_AUTHORISATION', outcome = 'pending' WHERE orders_id = " . $buyer->ordersId());
        $page = $this->admin->browser->go('GET', $orderPage . '&systempay_live=1')['body'];
        $this->assertStringContainsString('systempay-live-differs', $page);
        // The platform out of reach: said so, the page still works.
        self::configure(array('REST_URL' => 'http://127.0.0.1:9'));
        $page = $this->admin->browser->go('GET', $orderPage . '&systempay_live=1');
        $this->assertSame(200, $page['status']);
        $this->assertStringContainsString('id="systempay_live_error"', $page['body']);
        $this->assertStringContainsString('NETWORK', $page['body']);
    }

    public function test_the_buyer_pays_in_the_embedded_form_inside_the_shop(): void
    {
        $buyer = new EmbeddedBuyer();
        $buyer->openForm();
        $this->assertStringContainsString('checkout_payment_iframe.php', $buyer->framePage['url'], 'the shop\'s own page around the form');
        $this->assertStringContainsString('callback/systempay/form.php', $buyer->framePage['body']);
        $this->assertSame(Sandbox::base() . '/static/js/krypton-client/V4.0/stable/kr-payment-form.min.js', $buyer->form['src']);
        $this->assertSame(RestPlatform::PUBLIC_KEY_TEST, $buyer->form['kr-public-key']);
        $this->assertSame('en-GB', $buyer->form['kr-language']);
        $this->assertNotEmpty($buyer->form['kr-form-token']);
        $attempt = $buyer->attempt();
        $this->assertSame('REST', $attempt['channel']);
        $this->assertSame($buyer->form['kr-form-token'], $attempt['form_token'], 'one token, one attempt');
        $this->assertSame('1', self::order($buyer->ordersId())['orders_status'], 'the order waits for the payment');
        $this->assertStringContainsString('OK-CreatePayment', implode("\n", self::events($buyer->ordersId())));

        // The platform notifies first (the usual order), then the buyer's browser comes back.
        $this->assertSame('200 ' . self::ACCEPTED, RestPlatform::notify(RestPlatform::notification($attempt, 'AUTHORISED')));
        $this->assertSame('200 OK-Accepted payment, already registered.', RestPlatform::notify(RestPlatform::notification($attempt, 'AUTHORISED', 'RETRY')));
        $page = $buyer->submitResult(RestPlatform::browserReturn($attempt, 'AUTHORISED'));
        $this->assertStringContainsString('checkout_success.php', $page['url']);
        $order = self::order($buyer->ordersId());
        $this->assertSame(Db::config('MODULE_PAYMENT_SYSTEMPAY_ORDER_STATUS_ID'), $order['orders_status']);
        $recorded = $buyer->attempt();
        $this->assertSame('AUTHORISED', $recorded['status']);
        $this->assertSame('497010XXXXXX0055', $recorded['card_number']);
        $this->assertSame(self::ORDER_MAIL, Mails::waitFor($buyer->ordersId(), self::ORDER_MAIL), 'the order mail once');
        $this->assertCount(1, array_filter(self::history($buyer->ordersId()), static fn ($row) => strpos((string) $row['comments'], 'Systempay: AUTHORISED') === 0));
    }

    public function test_the_return_alone_finishes_the_order_and_a_refusal_keeps_the_buyer_on_the_form(): void
    {
        $stock = self::stock();
        $buyer = new EmbeddedBuyer();
        $buyer->openForm();
        $attempt = $buyer->attempt();
        $taken = self::stock();
        $this->assertLessThan($stock, $taken);
        // A refused try: the platform notifies it while the order cycle is still OPEN.
        $this->assertSame('200 OK-Refused try recorded, the buyer may try again; order unchanged.', RestPlatform::notify(RestPlatform::notification($attempt, 'REFUSED')));
        $this->assertSame('1', self::order($buyer->ordersId())['orders_status']);
        $this->assertSame($taken, self::stock(), 'no restock while the buyer may try again');
        // The second card is accepted: the return arrives before the notification.
        $page = $buyer->submitResult(RestPlatform::browserReturn($attempt, 'AUTHORISED', array('uuid' => str_repeat('b', 32))));
        $this->assertStringContainsString('checkout_success.php', $page['url']);
        $this->assertSame(Db::config('MODULE_PAYMENT_SYSTEMPAY_ORDER_STATUS_ID'), self::order($buyer->ordersId())['orders_status']);
        $this->assertSame('0', $buyer->attempt()['flagged'], 'a retry in the form is not an incident');
        $this->assertSame(0, count(Mails::alertsForOrder($buyer->ordersId())));
        $this->assertSame('200 OK-Accepted payment, already registered.', RestPlatform::notify(RestPlatform::notification($attempt, 'AUTHORISED', 'PAY', array('uuid' => str_repeat('b', 32)))));
        $this->assertSame($taken, self::stock());
        // When the platform closes the cycle on a refusal, it is the payment's result.
        $other = new EmbeddedBuyer();
        $other->openForm();
        $closed = RestPlatform::notification($other->attempt(), 'REFUSED', 'PAY', array(), array('orderCycle' => 'CLOSED'));
        $this->assertSame('200 OK-Payment failure, order has been cancelled.', RestPlatform::notify($closed));
        $this->assertSame(Db::config('MODULE_PAYMENT_SYSTEMPAY_CANCELLED_STATUS_ID'), self::order($other->ordersId())['orders_status']);
        $this->assertSame($taken, self::stock(), 'the second order\'s stock is back');
    }

    public function test_forged_replayed_and_cross_mode_rest_messages_change_nothing(): void
    {
        $buyer = new EmbeddedBuyer();
        $buyer->openForm();
        $attempt = $buyer->attempt();
        $answer = RestPlatform::answer($attempt, 'AUTHORISED');
        $cases = array(
            // The buyer's own signed return (HMAC key) replayed at the notification URL.
            'browser return at the notification URL' => array(RestPlatform::fields($answer, RestPlatform::HMAC_TEST, 'sha256_hmac'), '200 KO-Not a payment notification (browser return fields), ignored.'),
            'wrong password' => array(RestPlatform::fields($answer, 'testpassword_guess', 'password'), '200 KO-An error occurred while computing the signature.'),
            'HMAC key presented as the password' => array(RestPlatform::fields($answer, RestPlatform::HMAC_TEST, 'password'), '200 KO-An error occurred while computing the signature.'),
            'the hosted page key' => array(RestPlatform::fields($answer, Platform::KEY_TEST, 'password'), '200 KO-An error occurred while computing the signature.'),
            'tampered amount' => array(array('kr-answer' => str_replace('"amount":' . $attempt['amount_minor'], '"amount":1', $answer)) + RestPlatform::fields($answer, RestPlatform::PASSWORD_TEST, 'password'), '200 KO-An error occurred while computing the signature.'),
            'uppercase hash' => array(array('kr-hash' => strtoupper(hash_hmac('sha256', $answer, RestPlatform::PASSWORD_TEST))) + RestPlatform::fields($answer, RestPlatform::PASSWORD_TEST, 'password'), '200 KO-An error occurred while computing the signature.'),
            // A TEST-mode result (the TEST password is shared with agencies) claiming PRODUCTION.
            'TEST password on a PRODUCTION answer' => array(RestPlatform::fields(RestPlatform::answer(array('ctx_mode' => 'PRODUCTION') + $attempt, 'AUTHORISED'), RestPlatform::PASSWORD_TEST, 'password'), '200 KO-An error occurred while computing the signature.'),
            // Validly signed for PRODUCTION, but the attempt was made in TEST.
            'PRODUCTION result for a TEST attempt' => array(RestPlatform::notification(array('ctx_mode' => 'PRODUCTION') + $attempt, 'AUTHORISED'), '200 KO-Payment mode differs from the payment request, order unchanged.'),
            'another amount, validly signed' => array(RestPlatform::notification(array('amount_minor' => 1) + $attempt, 'AUTHORISED'), '200 KO-Total paid is different from order amount.'),
        );
        foreach ($cases as $name => list($fields, $expected)) {
            $this->assertSame($expected, RestPlatform::notify($fields), $name);
        }
        $this->assertSame('1', self::order($buyer->ordersId())['orders_status']);
        $this->assertNull($buyer->attempt()['status'], 'nothing recorded');
        // A signed return for another buyer's order, posted in this buyer's checkout.
        $other = new EmbeddedBuyer();
        $other->openForm();
        $page = $buyer->submitResult(RestPlatform::browserReturn($other->attempt(), 'AUTHORISED'));
        $this->assertStringContainsString('checkout_payment.php', $page['url']);
        $this->assertNull($other->attempt()['status']);
        $this->assertSame('1', self::order($buyer->ordersId())['orders_status']);
        $this->assertSame(0, self::mails($buyer->ordersId()));
        // A TEST answer hashed with the PRODUCTION HMAC key, with the password (a notification's key), or a
        // whole notification posted as the return.
        foreach (array(array(RestPlatform::HMAC_PROD, 'sha256_hmac'), array(RestPlatform::PASSWORD_TEST, 'sha256_hmac'), array(RestPlatform::PASSWORD_TEST, 'password')) as list($key, $kind)) {
            $third = new EmbeddedBuyer();
            $third->openForm();
            $page = $third->submitResult(RestPlatform::fields(RestPlatform::answer($third->attempt(), 'AUTHORISED'), $key, $kind));
            $this->assertStringContainsString('checkout_payment.php', $page['url']);
            $this->assertNull($third->attempt()['status']);
        }
        // Once the checkout has ended, a late return never starts a second payment: it shows the order.
        $page = $buyer->submitResult(RestPlatform::browserReturn($attempt, 'AUTHORISED'));
        $this->assertStringContainsString('account_history_info.php', $page['url']);
        $this->assertNull($buyer->attempt()['status'], 'a late return records nothing (the notification does)');
    }

    public function test_what_a_replayed_rest_notification_can_change_is_bounded(): void
    {
        // kr-src is a field of its own, outside kr-hash: whoever replays a captured notification can
        // rewrite it, so it may not loosen a rule. A success after a final refusal is left for review
        // whatever kr-src says (a signed PAY would have reopened the order).
        $buyer = new EmbeddedBuyer();
        $buyer->openForm();
        $attempt = $buyer->attempt();
        $closed = RestPlatform::notification($attempt, 'REFUSED', 'PAY', array(), array('orderCycle' => 'CLOSED'));
        $this->assertSame('200 OK-Payment failure, order has been cancelled.', RestPlatform::notify($closed));
        foreach (array('PAY', 'BO') as $src) {
            $success = RestPlatform::notification($attempt, 'AUTHORISED', $src, array('uuid' => str_repeat('c', 32)));
            $expected = $src === 'PAY' ? '200 OK-Payment result recorded for review, order unchanged and flagged.' : '200 OK-Payment outcome already registered.';
            $this->assertSame($expected, RestPlatform::notify($success), "kr-src $src");
        }
        $this->assertSame(Db::config('MODULE_PAYMENT_SYSTEMPAY_CANCELLED_STATUS_ID'), self::order($buyer->ordersId())['orders_status']);
        $this->assertSame('1', $buyer->attempt()['flagged']);
        $this->assertSame(1, count(Mails::alertsForOrder($buyer->ordersId())));
        // The form is spent: the frame sends the buyer back to the payment choice with the refusal.
        $frame = $buyer->buyer->browser->go('GET', 'callback/systempay/form.php');
        $this->assertStringContainsString('checkout_payment.php', $frame['body']);
        $this->assertStringNotContainsString('kr-form-token', $frame['body']);

        // A cancellation after payment is never taken for a refused try, whatever the cycle says.
        $paid = new EmbeddedBuyer();
        $paid->openForm();
        $paidAttempt = $paid->attempt();
        RestPlatform::notify(RestPlatform::notification($paidAttempt, 'AUTHORISED'));
        $cancel = RestPlatform::notification($paidAttempt, 'CANCELLED', 'MERCH_BO', array(), array('orderCycle' => 'OPEN'));
        $this->assertSame('200 OK-Payment cancelled after acceptance, order has been updated and flagged.', RestPlatform::notify($cancel));
        // A second transaction paying the same attempt (a double charge) is flagged, never merged.
        $twice = new EmbeddedBuyer();
        $twice->openForm();
        $twiceAttempt = $twice->attempt();
        RestPlatform::notify(RestPlatform::notification($twiceAttempt, 'AUTHORISED', 'PAY', array('uuid' => str_repeat('d', 32))));
        $second = RestPlatform::notification($twiceAttempt, 'AUTHORISED', 'PAY', array('uuid' => str_repeat('e', 32)));
        $this->assertSame('200 OK-Payment result recorded for review, order unchanged and flagged.', RestPlatform::notify($second));
        $this->assertSame('200 OK-Accepted payment, already registered.', RestPlatform::notify($second), 'mailed once');
        $this->assertSame(1, count(Mails::alertsForOrder($twice->ordersId())));
        $this->assertStringContainsString('double charge', implode("\n", array_column(self::history($twice->ordersId()), 'comments')));
        // A REST result never names a hosted-page attempt with the same trans id.
        self::configure(array('PAYMENT_FORM' => 'HOSTED'));
        $hosted = new Buyer();
        $hosted->payWithSystempay();
        $this->assertSame('200 KO-Unknown transaction for this order.', RestPlatform::notify(RestPlatform::notification(self::attempt($hosted->ordersId), 'AUTHORISED')));
        // Without any REST password the shop cannot verify: the platform must retry later.
        self::configure(array('REST_PASSWORD_TEST' => '', 'REST_PASSWORD_PROD' => ''));
        $this->assertSame('503 KO-Payment module is not available.', RestPlatform::notify(RestPlatform::notification($twiceAttempt, 'AUTHORISED')));
    }

    public function test_the_form_page_is_the_shop_own_and_another_method_gives_the_stock_back(): void
    {
        $stock = self::stock();
        $buyer = new EmbeddedBuyer();
        $buyer->openForm();
        $frame = $buyer->buyer->browser->request('GET', 'callback/systempay/form.php');
        $this->assertSame(200, $frame['status']);
        $this->assertMatchesRegularExpression('~<a[^>]+id="systempay_other_method"[^>]+href="[^"]+other=~', $frame['body']);
        // A cross-site link without the page's token changes nothing.
        $buyer->buyer->browser->go('GET', 'callback/systempay/form.php?other=guess');
        $this->assertSame('1', self::order($buyer->ordersId())['orders_status']);
        preg_match('~id="systempay_other_method" href="([^"]+)"~', $frame['body'], $m);
        $page = $buyer->buyer->browser->go('GET', html_entity_decode($m[1], ENT_QUOTES, 'UTF-8'));
        $this->assertStringContainsString('checkout_payment.php', $page['body']);
        $this->assertSame(Db::config('MODULE_PAYMENT_SYSTEMPAY_CANCELLED_STATUS_ID'), self::order($buyer->ordersId())['orders_status']);
        $this->assertSame($stock, self::stock(), 'stock back');
        // A success that arrives after all (the buyer paid in the frame at the same time) still pays it.
        $this->assertSame('200 ' . self::ACCEPTED, RestPlatform::notify(RestPlatform::notification($buyer->attempt(), 'AUTHORISED')));
        $this->assertSame(Db::config('MODULE_PAYMENT_SYSTEMPAY_ORDER_STATUS_ID'), self::order($buyer->ordersId())['orders_status']);
        $this->assertLessThan($stock, self::stock(), 'taken again');
        // The card form is framed by the shop only; its scripts come over https unless local.
        $headers = get_headers(Env::shopUrl('callback/systempay/form.php'), true);
        $this->assertStringContainsString("frame-ancestors 'self'", (string) $headers['Content-Security-Policy']);
        self::configure(array('REST_URL' => 'http://api.example.com'));
        $this->assertStringContainsString('must start with https://', $this->admin->modulesPage('module=systempay')['body']);
        $other = new Buyer();
        $this->assertFalse(Buyer::offersSystempay($other->startCheckout()));
    }

    public function test_when_the_platform_gives_no_token_the_order_is_cancelled_and_the_buyer_chooses_again(): void
    {
        $stock = self::stock();
        foreach (array('wrong password' => array('REST_PASSWORD_TEST' => 'testpassword_wrong'), 'no answer' => array('REST_URL' => 'http://127.0.0.1:9'),
            'not the API' => array('REST_URL' => Env::shopUrl('index.php?x='))) as $name => $settings) {
            self::configure($settings);
            $buyer = new EmbeddedBuyer();
            $page = $buyer->openForm();
            $this->assertStringContainsString('checkout_payment.php', $page['url'], $name);
            $this->assertStringContainsString('The payment form could not be prepared', $page['body'], $name);
            $order = self::order($buyer->ordersId());
            $this->assertSame(Db::config('MODULE_PAYMENT_SYSTEMPAY_CANCELLED_STATUS_ID'), $order['orders_status'], $name);
            $this->assertSame($stock, self::stock(), "$name: stock back");
            $log = implode("\n", self::events($buyer->ordersId()));
            $this->assertMatchesRegularExpression('/KO-CreatePayment (INT_\d+|NETWORK|HTTP_\d+)/', $log, $name);
            $this->assertStringNotContainsString('testpassword_wrong', $log, 'no secret in the log');
            $this->assertSame(0, self::mails($buyer->ordersId()));
            self::configure(RestPlatform::settings(Sandbox::base()));
        }
    }

    public function test_simultaneous_rest_notifications_change_each_order_once(): void
    {
        $orders = (int) Env::get('REST_IPN_ORDERS', '10');
        $copies = (int) Env::get('REST_IPN_COPIES', '30');
        $attempts = array();
        for ($i = 0; $i < $orders; $i++) {
            $buyer = new EmbeddedBuyer();
            $buyer->openForm();
            $attempts[$buyer->ordersId()] = $buyer->attempt();
        }
        $bodies = array();
        foreach ($attempts as $attempt) {
            $body = http_build_query(RestPlatform::notification($attempt, 'AUTHORISED'));
            for ($i = 0; $i < $copies; $i++) {
                $bodies[] = $body;
            }
        }
        $results = post_notifications($bodies, $copies);
        $answers = array_count_values(array_map(static fn ($r) => $r['status'] . ' ' . $r['body'], $results));
        fwrite(STDERR, sprintf("\n[rest] %d orders x %d simultaneous REST notifications: %s", $orders, $copies, json_encode($answers)));
        ksort($answers);
        $this->assertSame(array('200 OK-Accepted payment, already registered.' => $orders * ($copies - 1), '200 ' . self::ACCEPTED => $orders), $answers);
        foreach (array_keys($attempts) as $ordersId) {
            $this->assertCount(1, array_filter(self::history($ordersId), static fn ($row) => strpos((string) $row['comments'], 'Systempay: AUTHORISED') === 0));
            $this->assertSame(self::ORDER_MAIL, Mails::waitFor($ordersId, self::ORDER_MAIL));
        }
    }

    public function test_switching_the_shop_between_hosted_and_embedded_with_orders_in_flight(): void
    {
        self::configure(array('PAYMENT_FORM' => 'HOSTED'));
        $hosted = new Buyer();
        $hosted->payWithSystempay();
        $this->assertSame('FORM', self::attempt($hosted->ordersId)['channel']);
        self::configure(array('PAYMENT_FORM' => 'EMBEDDED'));
        $embedded = new EmbeddedBuyer();
        $embedded->openForm();
        self::configure(array('PAYMENT_FORM' => 'HOSTED'));
        // Both results still arrive and verify after the switch, each in its own wire format.
        $this->assertSame(array(200, self::ACCEPTED), Platform::notify(Platform::result($hosted->request, 'AUTHORISED', true)));
        $page = $embedded->submitResult(RestPlatform::browserReturn($embedded->attempt(), 'AUTHORISED'));
        $this->assertStringContainsString('checkout_success.php', $page['url']);
        $page = $hosted->returnWith(Platform::result($hosted->request, 'AUTHORISED'));
        $this->assertStringContainsString('checkout_success.php', $page['url']);
        $paid = Db::config('MODULE_PAYMENT_SYSTEMPAY_ORDER_STATUS_ID');
        $this->assertSame($paid, self::order($hosted->ordersId)['orders_status']);
        $this->assertSame($paid, self::order($embedded->ordersId())['orders_status']);
        // And back: the next buyer gets the embedded form again.
        self::configure(array('PAYMENT_FORM' => 'EMBEDDED'));
        $next = new EmbeddedBuyer();
        $next->openForm();
        $this->assertNotEmpty($next->form['kr-form-token']);
    }
}
