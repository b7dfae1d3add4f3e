<?php
require_once __DIR__ . '/ShopTestCase.php';

/**
 * The notification endpoint under concurrency, every ordering of statuses, a database outage, and
 * awkward bodies. Figures are printed to stderr. Counts can be lowered with IPN_ORDERS / IPN_COPIES.
 */
final class IpnRobustnessTest extends ShopTestCase
{
    private static function report($line)
    {
        fwrite(STDERR, "\n[ipn] $line");
    }

    public function test_simultaneous_copies_change_each_order_exactly_once(): void
    {
        $orders = (int) Env::get('IPN_ORDERS', '60'); // in the real shop's full bootstrap; IPN_ORDERS=200 for the old figure
        $copies = (int) Env::get('IPN_COPIES', '50');
        $requests = Fixtures::pendingOrders($orders);
        $historyBefore = (int) Db::value('SELECT COUNT(*) FROM orders_status_history');
        $bodies = array();
        foreach ($requests as $request) {
            $body = http_build_query(Platform::result($request, 'AUTHORISED', true));
            for ($i = 0; $i < $copies; $i++) {
                $bodies[] = $body; // the copies of one order are sent together
            }
        }
        $started = microtime(true);
        $results = post_notifications($bodies, $copies);
        $seconds = microtime(true) - $started;
        $codes = array_count_values(array_map(static fn ($r) => $r['status'], $results));
        $answers = array_count_values(array_map(static fn ($r) => $r['body'], $results));
        $ids = implode(',', array_keys($requests));
        $changes = (int) Db::value("SELECT COUNT(*) FROM orders_status_history WHERE orders_id IN ($ids) AND comments LIKE 'Systempay: AUTHORISED%'");
        $perOrder = array_map(static fn ($id) => self::mails($id), array_keys($requests));
        $mails = array_sum($perOrder);
        $maxMails = $perOrder ? max($perOrder) : 0;
        $paid = (int) Db::value("SELECT COUNT(*) FROM orders WHERE orders_id IN ($ids) AND orders_status = " . (int) Db::config('MODULE_PAYMENT_SYSTEMPAY_ORDER_STATUS_ID'));
        self::report(sprintf('%d orders x %d simultaneous copies = %d notifications in %.1f s (%.0f/s): HTTP %s; %d status changes, %d history rows added, %d messages (max %d per order: buyer + owner copy), %d orders paid',
            $orders, $copies, count($bodies), $seconds, count($bodies) / $seconds, json_encode($codes), $changes,
            (int) Db::value('SELECT COUNT(*) FROM orders_status_history') - $historyBefore, $mails, $maxMails, $paid));
        $this->assertSame(array(200 => count($bodies)), $codes);
        $this->assertSame($orders, $answers['OK-Accepted payment, order has been updated.'] ?? 0);
        $this->assertSame($orders * ($copies - 1), $answers['OK-Accepted payment, already registered.'] ?? 0);
        $this->assertSame($orders, $changes, 'one status change per order');
        $this->assertSame($orders, (int) Db::value('SELECT COUNT(*) FROM orders_status_history') - $historyBefore, 'one history row per order');
        $this->assertSame($orders * self::ORDER_MAIL, $mails, 'one order mail per order');
        $this->assertSame(self::ORDER_MAIL, $maxMails);
        $this->assertSame(self::ORDER_MAIL, min($perOrder));
        $this->assertSame($orders, $paid);
    }

    /** The order-level outcome the rules promise, written independently of the module. */
    private static function expected(array $sequence)
    {
        $success = array_intersect($sequence, array('AUTHORISED', 'CAPTURED')) !== array();
        $failed = array_intersect($sequence, array('REFUSED', 'ABANDONED')) !== array();
        return $success ? 'paid' : ($failed ? 'cancelled' : 'pending');
    }

    private static function permutations(array $items)
    {
        if (count($items) <= 1) {
            return array($items);
        }
        $result = array();
        foreach ($items as $i => $item) {
            $rest = $items;
            unset($rest[$i]);
            foreach (self::permutations(array_values($rest)) as $tail) {
                $result[] = array_merge(array($item), $tail);
            }
        }
        return $result;
    }

    public function test_every_ordering_of_statuses_ends_in_the_expected_state_without_regressions(): void
    {
        $permutations = self::permutations(array('WAITING_AUTHORISATION', 'AUTHORISED', 'CAPTURED', 'REFUSED', 'ABANDONED'));
        $requests = Fixtures::pendingOrders(count($permutations));
        $accepted = Db::config('MODULE_PAYMENT_SYSTEMPAY_ORDER_STATUS_ID');
        $cancelled = Db::config('MODULE_PAYMENT_SYSTEMPAY_CANCELLED_STATUS_ID');
        $statusOf = array('paid' => $accepted, 'cancelled' => $cancelled, 'pending' => '1');
        $wrong = $regressions = 0;
        $failures = array();
        $i = 0;
        foreach ($requests as $ordersId => $request) {
            $sequence = $permutations[$i++];
            foreach ($sequence as $status) {
                list($code) = Platform::notify(Platform::result($request, $status, true));
                $this->assertSame(200, $code);
            }
            $expected = self::expected($sequence);
            $actual = self::order($ordersId)['orders_status'];
            if ($actual !== $statusOf[$expected]) {
                $wrong++;
                $failures[] = implode('>', $sequence) . " ended $actual, expected $expected";
            }
            // A regression: once paid, the order's status moved to anything else.
            $seenPaid = false;
            foreach (self::history($ordersId) as $row) {
                if ($row['orders_status_id'] === $accepted) {
                    $seenPaid = true;
                } elseif ($seenPaid) {
                    $regressions++;
                }
            }
            $mails = self::mails($ordersId);
            if ($mails !== ($expected === 'paid' ? self::ORDER_MAIL : 0)) {
                $failures[] = implode('>', $sequence) . " sent $mails mails";
            }
            $attempt = self::attempt($ordersId);
            if ($expected === 'paid' && in_array('CAPTURED', $sequence, true) && $attempt['flagged'] !== '1' && $attempt['status'] !== 'CAPTURED') {
                $failures[] = implode('>', $sequence) . ' lost the capture (' . $attempt['status'] . ')';
            }
        }
        self::report(sprintf('%d orderings of 5 statuses (%d notifications): %d wrong final states, %d regressions', count($permutations), count($permutations) * 5, $wrong, $regressions));
        $this->assertSame(array(), $failures);
        $this->assertSame(0, $regressions);
    }

    public function test_browser_returns_interleaved_with_notifications_never_regress(): void
    {
        $sequences = array(
            array('AUTHORISED', 'CAPTURED'), array('WAITING_AUTHORISATION', 'AUTHORISED'), array('REFUSED'), array('ABANDONED', 'AUTHORISED'),
            array('AUTHORISED', 'REFUSED'), array('CAPTURED', 'WAITING_AUTHORISATION'), array('WAITING_AUTHORISATION', 'REFUSED'),
        );
        $accepted = Db::config('MODULE_PAYMENT_SYSTEMPAY_ORDER_STATUS_ID');
        $statusOf = array('paid' => $accepted, 'cancelled' => Db::config('MODULE_PAYMENT_SYSTEMPAY_CANCELLED_STATUS_ID'), 'pending' => '1');
        $failures = array();
        $scenarios = 0;
        foreach ($sequences as $sequence) {
            foreach (array('AUTHORISED', 'REFUSED', 'ABANDONED') as $returned) {
                for ($position = 0; $position <= count($sequence); $position++) {
                    $scenarios++;
                    $buyer = new Buyer();
                    $buyer->payWithSystempay();
                    $all = $sequence;
                    array_splice($all, $position, 0, array('RETURN:' . $returned));
                    foreach ($all as $event) {
                        if (strpos($event, 'RETURN:') === 0) {
                            $page = $buyer->returnWith(Platform::result($buyer->request, substr($event, 7)));
                            if ($page['status'] >= 500) {
                                $failures[] = implode('>', $all) . ' gave HTTP ' . $page['status'];
                            }
                        } else {
                            Platform::notify(Platform::result($buyer->request, $event, true));
                        }
                    }
                    $plain = array_map(static fn ($e) => preg_replace('/^RETURN:/', '', $e), $all);
                    $expected = self::expected($plain);
                    $order = self::order($buyer->ordersId);
                    if ($order['orders_status'] !== $statusOf[$expected]) {
                        $failures[] = implode('>', $all) . " ended {$order['orders_status']}, expected $expected";
                    }
                    $mails = self::mails($buyer->ordersId);
                    if ($mails !== ($expected === 'paid' ? self::ORDER_MAIL : 0)) {
                        $failures[] = implode('>', $all) . " sent $mails mails";
                    }
                }
            }
        }
        self::report(sprintf('%d scenarios of notifications with a browser return interleaved: %d failures', $scenarios, count($failures)));
        $this->assertSame(array(), $failures);
    }

    public function test_database_outage_answers_503_and_a_replay_records_everything(): void
    {
        $count = 20;
        $requests = Fixtures::pendingOrders($count);
        $bodies = array();
        foreach ($requests as $request) {
            $bodies[] = http_build_query(Platform::result($request, 'AUTHORISED', true));
        }
        $db = Env::root() . '/tests/realshop/servers.sh';
        Db::close();
        exec('bash ' . escapeshellarg($db) . ' db-stop 2>&1', $out, $code);
        $this->assertSame(0, $code, implode("\n", $out));
        try {
            $during = post_notifications($bodies, 8);
        } finally {
            exec('bash ' . escapeshellarg($db) . ' db-start 2>&1', $out, $code);
        }
        $this->assertSame(0, $code, implode("\n", $out));
        $duringCodes = array_count_values(array_map(static fn ($r) => $r['status'], $during));
        $after = post_notifications($bodies, 8); // the platform's retry
        $afterCodes = array_count_values(array_map(static fn ($r) => $r['status'], $after));
        $ids = implode(',', array_keys($requests));
        $recorded = (int) Db::value("SELECT COUNT(*) FROM systempay_transaction WHERE orders_id IN ($ids) AND outcome = 'success'");
        self::report(sprintf('database stopped: %d notifications answered HTTP %s; after restart the retries answered HTTP %s; %d recorded, %d lost',
            $count, json_encode($duringCodes), json_encode($afterCodes), $recorded, $count - $recorded));
        $this->assertSame(array(503 => $count), $duringCodes, 'never a 200 or a redirect while nothing can be recorded');
        foreach ($during as $result) {
            $this->assertStringStartsWith('KO-', $result['body']);
        }
        $this->assertSame(array(200 => $count), $afterCodes);
        $this->assertSame($count, $recorded, '0 lost');
        // The outage left PHP warnings from the shop's own database layer; they are expected here.
        self::truncatePhpErrorLog();
    }

    public function test_awkward_bodies_are_refused_cleanly(): void
    {
        $requests = Fixtures::pendingOrders(1);
        $ordersId = array_key_first($requests);
        $request = $requests[$ordersId];
        $good = Platform::result($request, 'AUTHORISED', true);
        $body = http_build_query($good);
        $cases = array(
            'non-UTF-8 value' => array(http_build_query(Platform::result($request, 'AUTHORISED', true, array('vads_cust_last_name' => "M\xfcller"))), 'KO-Invalid notification data.'),
            'huge body' => array($body . '&pad=' . str_repeat('x', 400 * 1024), 'KO-Invalid notification data.'),
            'duplicate field' => array($body . '&vads_amount=1', 'KO-Invalid notification data.'),
            'SHA-1 signature while HMAC-SHA-256 is configured' => array(http_build_query(Platform::result($request, 'AUTHORISED', true, array('__algorithm' => 'SHA-1'))), 'KO-An error occurred while computing the signature.'),
            'TEST key on a PRODUCTION notification' => array(http_build_query(array_merge($good, array('vads_ctx_mode' => 'PRODUCTION', 'signature' => Platform::sign(array_merge($good, array('vads_ctx_mode' => 'PRODUCTION')), Platform::KEY_TEST)))), 'KO-An error occurred while computing the signature.'),
            'truncated signature' => array(http_build_query(array_merge($good, array('signature' => substr($good['signature'], 0, 20)))), 'KO-An error occurred while computing the signature.'),
            'empty body' => array('', 'KO-Invalid notification data.'),
            'missing fields' => array('vads_ctx_mode=TEST&signature=x', 'KO-An error occurred while computing the signature.'),
        );
        foreach ($cases as $name => list($payload, $answer)) {
            list($code, $text) = Platform::notify(array(), $payload);
            $this->assertSame(200, $code, $name);
            $this->assertSame($answer, $text, $name);
        }
        $this->assertNull(self::attempt($ordersId)['status'], 'nothing recorded');
        list($code, $text) = Platform::notify($good);
        $this->assertSame('OK-Accepted payment, order has been updated.', $text);
    }
}
