<?php
/**
 * The order confirmation mail in the real shop: exactly once per paid order (the buyer's message and
 * the shop owner's copy) whatever arrives first — the notification, the buyer's return, only the
 * notification (tab closed), 20 copies of the notification at once — with the shop's own content in
 * the order's language; a send that fails gives its claim back so that the next path sends it.
 * Messages are counted as they left the shop (tests/realshop/catch_mail.py), not as the module
 * believes it sent them.
 */
final class MailTest extends ShopTestCase
{
    protected function setUp(): void
    {
        parent::setUp();
        Db::setConfig('ORDER_EMAIL_SEND_COPY_TO_ADMIN', 'true');
        Db::setConfig('SEND_EMAILS', 'true');
    }

    /** Stricter than the module-entry filter: after these flows the shop's own logs hold no line at all. */
    protected function tearDown(): void
    {
        $lines = array();
        foreach (glob(Env::shopDir() . '/log/mod_*.log') ?: array() as $file) {
            foreach (file($file, FILE_IGNORE_NEW_LINES | FILE_SKIP_EMPTY_LINES) ?: array() as $line) {
                $lines[] = basename($file) . ': ' . $line;
            }
        }
        parent::tearDown();
        $this->assertSame(array(), $lines, "no line in the shop's log/mod_*.log");
    }

    /** A provoked mail failure may leave the catcher's own traceback in the log (its stderr), nothing from PHP or the module. */
    private function clearCatcherTraceback()
    {
        $log = self::phpErrorLog();
        foreach (array_filter(explode("\n", $log)) as $line) {
            $this->assertDoesNotMatchRegularExpression('~PHP (Warning|Notice|Fatal|Deprecated|Parse)|systempay/~i', $line);
        }
        self::truncatePhpErrorLog();
    }

    private static function ownerAddress()
    {
        // A multi-language value ("de::admin@…||en::admin@…"): the same address for every language here.
        preg_match('/[^\s:|]+@[^\s:|]+/', (string) Db::config('EMAIL_BILLING_ADDRESS'), $match);
        return strtolower($match[0]);
    }

    private function assertBuyerAndOwner(Buyer $buyer, $message = '')
    {
        $expected = array(strtolower($buyer->email), self::ownerAddress());
        sort($expected);
        $this->assertSame($expected, Mails::recipients($buyer->ordersId), $message);
    }

    private static function notifyPaid(Buyer $buyer)
    {
        return Platform::notify(Platform::result($buyer->request, 'AUTHORISED', true));
    }

    private static function newestHistory($ordersId)
    {
        return Db::row('SELECT * FROM orders_status_history WHERE orders_id = ' . (int) $ordersId . ' ORDER BY orders_status_history_id DESC LIMIT 1');
    }

    public function testNotificationFirstSendsTheMailOnceAndTheReturnSendsNoSecond()
    {
        $buyer = new Buyer();
        $buyer->payWithSystempay();
        list($status, $body) = self::notifyPaid($buyer);
        $this->assertSame(200, $status);
        $this->assertStringStartsWith('OK-', $body);
        $this->assertSame(2, Mails::waitFor($buyer->ordersId, 2), 'buyer + owner copy from the notification');
        $this->assertBuyerAndOwner($buyer);
        $this->assertSame('1', self::newestHistory($buyer->ordersId)['customer_notified'], 'the newest history row says the customer was notified');
        $attempt = self::attempt($buyer->ordersId);
        $this->assertSame('1', $attempt['mail_sent']);
        $this->assertNotNull($attempt['mail_sent_at']);
        $this->assertSame('IPN', $attempt['mail_sent_by']);

        $return = $buyer->returnWith(Platform::result($buyer->request, 'AUTHORISED'));
        $this->assertStringContainsString('checkout_success.php', $return['url']);
        usleep(300000);
        $this->assertSame(2, Mails::countForOrder($buyer->ordersId), 'the return sends no second mail');
    }

    public function testReturnFirstSendsTheMailOnceAndTheNotificationSendsNoSecond()
    {
        $buyer = new Buyer();
        $buyer->payWithSystempay();
        $return = $buyer->returnWith(Platform::result($buyer->request, 'AUTHORISED'));
        $this->assertStringContainsString('checkout_success.php', $return['url']);
        $this->assertSame(2, Mails::waitFor($buyer->ordersId, 2), "the shop's own checkout mail");
        $this->assertBuyerAndOwner($buyer);
        $this->assertSame('RETURN', self::attempt($buyer->ordersId)['mail_sent_by']);
        $this->assertNotNull(self::attempt($buyer->ordersId)['mail_sent_at']);

        list($status, $body) = self::notifyPaid($buyer);
        $this->assertSame(200, $status);
        $this->assertSame('OK-Accepted payment, already registered.', $body);
        usleep(300000);
        $this->assertSame(2, Mails::countForOrder($buyer->ordersId), 'the notification sends no second mail');
    }

    public function testNotificationOnlyWhenTheTabIsClosedAndTheAdminSeesIt()
    {
        $buyer = new Buyer();
        $buyer->payWithSystempay();
        list($status) = self::notifyPaid($buyer);
        $this->assertSame(200, $status);
        $this->assertSame(2, Mails::waitFor($buyer->ordersId, 2));
        $this->assertBuyerAndOwner($buyer);
        $notified = array_filter(self::history($buyer->ordersId), static function ($row) {
            return $row['customer_notified'] === '1';
        });
        $this->assertCount(1, $notified);
        // A retry of the same notification (the platform resends on a network error) sends nothing more.
        self::notifyPaid($buyer);
        usleep(300000);
        $this->assertSame(2, Mails::countForOrder($buyer->ordersId));

        $page = $this->admin->browser->go('GET', 'admin/orders.php?oID=' . $buyer->ordersId . '&action=edit');
        $this->assertMatchesRegularExpression('~class="systempay-mail systempay-mail-sent"><strong>Order confirmation mail:</strong> sent on '
            . '\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \(UTC\), from the payment notification~', $page['body']);
    }

    public function testTwentyConcurrentNotificationsSendOneMail()
    {
        $buyer = new Buyer();
        $buyer->payWithSystempay();
        $bodies = array();
        for ($i = 0; $i < 20; $i++) {
            $bodies[] = http_build_query(Platform::result($buyer->request, 'AUTHORISED', true));
        }
        $results = post_notifications($bodies, 20);
        $this->assertCount(20, $results);
        foreach ($results as $result) {
            $this->assertSame(200, $result['status'], $result['body']);
        }
        $this->assertSame(2, Mails::waitFor($buyer->ordersId, 2));
        usleep(500000);
        $this->assertSame(2, Mails::countForOrder($buyer->ordersId), 'one claim among 20 copies');
        $this->assertBuyerAndOwner($buyer);
        $buyer->returnWith(Platform::result($buyer->request, 'AUTHORISED'));
        $this->assertSame(2, Mails::countForOrder($buyer->ordersId));
    }

    public function testGermanOrderGetsTheGermanMailFromTheNotification()
    {
        $buyer = new Buyer();
        $buyer->payWithSystempay(array('language' => 'de'));
        $this->assertSame('german', self::order($buyer->ordersId)['language']);
        self::notifyPaid($buyer);
        $this->assertSame(2, Mails::waitFor($buyer->ordersId, 2));
        foreach (Mails::forOrder($buyer->ordersId) as $mail) {
            $this->assertStringContainsString('Ihre Bestellung ' . $buyer->ordersId, $mail['subject']);
        }
        $body = (string) file_get_contents(Mails::forOrder($buyer->ordersId)[0]['file']);
        $this->assertStringContainsString('Zahlungsmethode: Systempay - Kartenzahlung', $body, "German template, the module's German title");
        $this->assertMatchesRegularExpression('~Datum: \d\d\.\d\d\.\d{4}~', $body, 'xtc_date_short, German format');
    }

    /**
     * Runs $action while the mail transport fails: the shop's sendmail (the catcher) cannot write,
     * exits non-zero, mail() returns false and xtc_php_mail() reports "Mailer Error".
     */
    private static function whileMailFails(callable $action)
    {
        $folder = Env::runDir() . '/mails';
        $mode = fileperms($folder) & 0777;
        chmod($folder, 0555);
        try {
            return $action();
        } finally {
            chmod($folder, $mode);
        }
    }

    public function testFailedSendFromTheNotificationIsReleasedAndTheReturnSendsIt()
    {
        $buyer = new Buyer();
        $buyer->payWithSystempay();
        list($status, $body) = self::whileMailFails(static fn () => self::notifyPaid($buyer));
        $this->assertSame(200, $status, 'the payment is recorded whatever the mail does');
        $this->assertStringStartsWith('OK-', $body);
        $this->assertSame(0, Mails::countForOrder($buyer->ordersId));
        $attempt = self::attempt($buyer->ordersId);
        $this->assertSame('0', $attempt['mail_sent'], 'the claim is given back');
        $this->assertNull($attempt['mail_sent_at']);
        $this->assertSame('0', self::newestHistory($buyer->ordersId)['customer_notified']);
        $this->assertSame('failed', Db::value("SELECT decision FROM systempay_event WHERE orders_id = " . $buyer->ordersId . " AND source = 'MAIL'"));
        $this->assertStringContainsString('Could not instantiate mail function', Db::value("SELECT answer FROM systempay_event WHERE orders_id = " . $buyer->ordersId . " AND source = 'MAIL'"), 'the reason, for the admin');
        $this->clearCatcherTraceback();

        $return = $buyer->returnWith(Platform::result($buyer->request, 'AUTHORISED'));
        $this->assertStringContainsString('checkout_success.php', $return['url']);
        $this->assertSame(2, Mails::waitFor($buyer->ordersId, 2), 'the return sends it');
        $this->assertBuyerAndOwner($buyer);
        $this->assertSame('RETURN', self::attempt($buyer->ordersId)['mail_sent_by']);
        self::notifyPaid($buyer);
        $this->assertSame(2, Mails::countForOrder($buyer->ordersId));
    }

    public function testFailedSendAtTheReturnIsReleasedAndTheNotificationSendsIt()
    {
        $buyer = new Buyer();
        $buyer->payWithSystempay();
        $return = self::whileMailFails(static fn () => $buyer->returnWith(Platform::result($buyer->request, 'AUTHORISED')));
        $this->assertStringContainsString('checkout_success.php', $return['url'], 'the order is finished whatever the mail does');
        $this->assertSame(0, Mails::countForOrder($buyer->ordersId));
        $this->assertSame('0', self::attempt($buyer->ordersId)['mail_sent'], "the shop's failed send gives the claim back");
        $this->clearCatcherTraceback();

        self::notifyPaid($buyer);
        $this->assertSame(2, Mails::waitFor($buyer->ordersId, 2), 'the notification sends it');
        $this->assertBuyerAndOwner($buyer);
        $this->assertSame('IPN', self::attempt($buyer->ordersId)['mail_sent_by']);
    }

    public function testAClaimBeingSentIsRespectedAndAStaleOneTakenOver()
    {
        $buyer = new Buyer();
        $buyer->payWithSystempay();
        // Another request claimed the mail a moment ago and is sending it: the return must not send a second.
        Db::query("UPDATE systempay_transaction SET mail_sent = 2, mail_claim = 'x', mail_claimed_at = UTC_TIMESTAMP(), mail_sent_by = 'IPN' WHERE orders_id = " . $buyer->ordersId);
        $buyer->returnWith(Platform::result($buyer->request, 'AUTHORISED'));
        $this->assertSame(0, Mails::countForOrder($buyer->ordersId), 'the shop skips its mail while another request sends it');
        // That request died 11 minutes ago without a word: the next notification takes the claim over.
        Db::query("UPDATE systempay_transaction SET mail_claimed_at = UTC_TIMESTAMP() - INTERVAL 11 MINUTE WHERE orders_id = " . $buyer->ordersId);
        self::notifyPaid($buyer);
        $this->assertSame(2, Mails::waitFor($buyer->ordersId, 2));
        $this->assertSame('1', self::attempt($buyer->ordersId)['mail_sent']);
    }
}

