<?php
require_once __DIR__ . '/ShopTestCase.php';
require_once __DIR__ . '/state_model.php';

/**
 * The README's payment state table, every cell of it, in the real shop: each source (the buyer's
 * return and every vads_url_check_src) × each status × each state the attempt can be in before it.
 * The expected answer and order come from StateModel (the table written again, independently of
 * the module). Each case is an order of its own; a replay of every incoming result follows and must
 * change nothing. Figures are printed to stderr.
 */
final class StateTableTest extends ShopTestCase
{
    const SOURCES = array('PAY', 'RETRY', 'BO', 'MERCH_BO', 'BATCH', 'BATCH_AUTO', 'REC');
    const STATUSES = array('AUTHORISED', 'ACCEPTED', 'CAPTURED', 'WAITING_AUTHORISATION', 'AUTHORISED_TO_VALIDATE', 'UNDER_VERIFICATION',
        'PARTIALLY_AUTHORISED', 'REFUSED', 'ABANDONED', 'NOT_CREATED', 'CANCELLED', 'EXPIRED', 'CAPTURE_FAILED', 'SOME_NEW_STATUS');
    /** The states before the incoming result, each reached by the notifications the platform would send. */
    const BEFORE = array(
        'nothing' => array(),
        'pending' => array(array('WAITING_AUTHORISATION', 'PAY')),
        'unknown status' => array(array('SOME_NEW_STATUS', 'PAY')),
        'authorised' => array(array('AUTHORISED', 'PAY')),
        'captured' => array(array('AUTHORISED', 'PAY'), array('CAPTURED', 'BATCH_AUTO')),
        'refused' => array(array('REFUSED', 'PAY')),
        'abandoned' => array(array('ABANDONED', 'PAY')),
        'cancelled unpaid' => array(array('CANCELLED', 'BO')),
        'cancelled after payment' => array(array('AUTHORISED', 'PAY'), array('CANCELLED', 'BO')),
        'expired after payment' => array(array('AUTHORISED', 'PAY'), array('EXPIRED', 'BATCH')),
        'partial, in review' => array(array('PARTIALLY_AUTHORISED', 'PAY')),
    );
    const REVOKED = '3';

    protected function setUp(): void
    {
        parent::setUp();
        self::configure(array('REVOKED_STATUS_ID' => self::REVOKED));
    }

    private static function report($line)
    {
        fwrite(STDERR, "\n[states] $line");
    }

    private static function statusIds($pending)
    {
        return array('pending' => (string) $pending, 'paid' => Db::config('MODULE_PAYMENT_SYSTEMPAY_ORDER_STATUS_ID'),
            'cancelled' => Db::config('MODULE_PAYMENT_SYSTEMPAY_CANCELLED_STATUS_ID'), 'revoked' => self::REVOKED);
    }

    private static function stock()
    {
        return (int) Db::value('SELECT products_quantity FROM products WHERE products_id = 1');
    }

    private static function body(array $request, $status, $source)
    {
        return http_build_query(Platform::result($request, $status, true, array('vads_url_check_src' => $source)));
    }

    public function test_every_notification_source_status_and_previous_state(): void
    {
        $cases = array();
        foreach (self::BEFORE as $before => $steps) {
            foreach (self::STATUSES as $status) {
                foreach (self::SOURCES as $source) {
                    $cases[] = array('name' => "$before + $status ($source)", 'steps' => array_merge($steps, array(array($status, $source))), 'model' => new StateModel());
                }
            }
        }
        $requests = Fixtures::pendingOrders(count($cases));
        $ids = array_keys($requests);
        $template = $ids[0];
        // The shop took the stock of the order it placed; its copies take theirs the same way.
        $quantity = (int) Db::value("SELECT SUM(products_quantity) FROM orders_products WHERE orders_id = $template AND products_id = 1");
        Db::query('UPDATE products SET products_quantity = products_quantity - ' . ($quantity * (count($ids) - 1)) . ' WHERE products_id = 1');
        $stockBefore = self::stock() + $quantity * count($ids); // as if none had been taken
        $historyBase = count(self::history($template));
        $statusOf = self::statusIds(self::order($template)['orders_status']);
        foreach ($cases as $i => &$case) {
            $case['ordersId'] = $ids[$i];
            $case['request'] = $requests[$ids[$i]];
        }
        unset($case);

        $failures = array();
        $started = microtime(true);
        $sent = 0;
        // Round by round: the steps of one order are sent in turn, different orders at once.
        $rounds = max(array_map(static fn ($c) => count($c['steps']), $cases)) + 1; // the last round replays the incoming result
        for ($round = 0; $round < $rounds; $round++) {
            $batch = array();
            foreach ($cases as $i => $case) {
                $steps = $case['steps'];
                $step = $round < count($steps) ? $steps[$round] : ($round === count($steps) ? end($steps) : null);
                if ($step !== null) {
                    $batch[$i] = $step;
                }
            }
            $results = post_notifications(array_map(static fn ($i) => self::body($cases[$i]['request'], $batch[$i][0], $batch[$i][1]), array_keys($batch)), 16);
            $sent += count($batch);
            foreach (array_keys($batch) as $k => $i) {
                list($status, $source) = $batch[$i];
                $expected = $cases[$i]['model']->receive($status, $source);
                $got = $results[$k]['status'] . ' ' . $results[$k]['body'];
                if ($got !== '200 ' . $expected) {
                    $failures[] = "{$cases[$i]['name']}, message " . ($round + 1) . " $status ($source): answered '$got', expected '$expected'";
                }
            }
        }
        $seconds = microtime(true) - $started;
        $this->checkOrders($cases, $statusOf, $historyBase, $failures);
        $restored = count(array_filter($cases, static fn ($c) => $c['model']->stock === 'restored'));
        $expectedStock = $stockBefore - $quantity * (count($cases) - $restored);
        self::report(sprintf('%d cases (%d sources x %d statuses x %d previous states), %d notifications in %.1f s: %d mismatches; stock %d, expected %d',
            count($cases), count(self::SOURCES), count(self::STATUSES), count(self::BEFORE), $sent, $seconds, count($failures), self::stock(), $expectedStock));
        $this->assertSame(array(), array_slice($failures, 0, 40), count($failures) . ' mismatches');
        $this->assertSame($expectedStock, self::stock(), 'the stock follows each order once');
    }

    /** The buyer's return in their own checkout, after each previous state: recorded as the table says, and the checkout ends only when paid or accepted as pending. */
    public function test_every_return_status_after_every_previous_state(): void
    {
        $cases = array();
        $started = microtime(true);
        $stockBefore = self::stock();
        foreach (self::BEFORE as $before => $steps) {
            foreach (self::STATUSES as $status) {
                $buyer = new Buyer();
                $buyer->payWithSystempay();
                $cases[] = array('name' => "$before + return $status", 'steps' => $steps, 'status' => $status, 'buyer' => $buyer,
                    'ordersId' => $buyer->ordersId, 'model' => new StateModel(), 'stock' => self::orderedQuantity($buyer->ordersId));
            }
        }
        $template = $cases[0]['ordersId'];
        $historyBase = count(self::history($template));
        $statusOf = self::statusIds(self::order($template)['orders_status']);
        $failures = array();
        for ($round = 0; $round < 2; $round++) {
            $batch = array_keys(array_filter($cases, static fn ($c) => count($c['steps']) > $round));
            $results = post_notifications(array_map(static fn ($i) => self::body($cases[$i]['buyer']->request, $cases[$i]['steps'][$round][0], $cases[$i]['steps'][$round][1]), $batch), 16);
            foreach ($batch as $k => $i) {
                $expected = $cases[$i]['model']->receive($cases[$i]['steps'][$round][0], $cases[$i]['steps'][$round][1]);
                if ($results[$k]['body'] !== $expected) {
                    $failures[] = "{$cases[$i]['name']}: setup message answered '{$results[$k]['body']}'";
                }
            }
        }
        foreach ($cases as &$case) {
            $case['model']->receive($case['status'], 'RETURN');
            $page = $case['buyer']->returnWith(Platform::result($case['buyer']->request, $case['status']));
            $finished = strpos($page['url'], 'checkout_success.php') !== false;
            $shouldFinish = in_array($case['model']->recordedOutcome(), array('success', 'pending'), true);
            if ($page['status'] !== 200 || $finished !== $shouldFinish) {
                $failures[] = "{$case['name']}: landed on {$page['url']} (HTTP {$page['status']}), " . ($shouldFinish ? 'expected the success page' : 'expected the payment page');
            }
            $case['finished'] = $finished; // the shop's own checkout then sends its confirmation, paid or pending
        }
        unset($case);
        $this->checkOrders($cases, $statusOf, $historyBase, $failures);
        $expectedStock = $stockBefore;
        foreach ($cases as $case) {
            $expectedStock -= $case['model']->stock === 'taken' ? $case['stock'] : 0;
        }
        self::report(sprintf('%d buyer returns (%d statuses x %d previous states) in %.1f s: %d mismatches; stock %d, expected %d',
            count($cases), count(self::STATUSES), count(self::BEFORE), microtime(true) - $started, count($failures), self::stock(), $expectedStock));
        $this->assertSame(array(), array_slice($failures, 0, 40), count($failures) . ' mismatches');
        $this->assertSame($expectedStock, self::stock(), 'the stock follows each order once');
    }

    /**
     * 50 mixed results per order, sent at once, for 100 orders: whatever order they arrive in, the
     * results the module applied (its history rows, in order) must be a sequence the table allows,
     * each one a change, and the order, its stock, flag and mails must be what that sequence gives.
     * Counts can be lowered with MIXED_ORDERS / MIXED_COPIES; MIXED_SEED replays a run.
     */
    public function test_concurrent_mixed_results_leave_each_order_in_a_state_the_table_allows(): void
    {
        $orders = (int) Env::get('MIXED_ORDERS', '100');
        $copies = (int) Env::get('MIXED_COPIES', '50');
        $seed = (int) Env::get('MIXED_SEED', (string) random_int(1, 1 << 30));
        mt_srand($seed);
        $pool = array(array('AUTHORISED', 'PAY'), array('AUTHORISED', 'RETRY'), array('CAPTURED', 'BATCH_AUTO'), array('WAITING_AUTHORISATION', 'PAY'),
            array('REFUSED', 'PAY'), array('ABANDONED', 'RETRY'), array('CANCELLED', 'BO'), array('EXPIRED', 'BATCH'), array('CAPTURE_FAILED', 'BATCH'),
            array('PARTIALLY_AUTHORISED', 'PAY'), array('AUTHORISED', 'MERCH_BO'), array('ACCEPTED', 'PAY'));
        $requests = Fixtures::pendingOrders($orders);
        $ids = array_keys($requests);
        $quantity = self::orderedQuantity($ids[0]);
        Db::query('UPDATE products SET products_quantity = products_quantity - ' . ($quantity * ($orders - 1)) . ' WHERE products_id = 1');
        $stockBefore = self::stock() + $quantity * $orders;
        $historyBase = count(self::history($ids[0]));
        $statusOf = self::statusIds(self::order($ids[0])['orders_status']);
        $bodies = $owner = array();
        foreach ($requests as $ordersId => $request) {
            $kinds = array_rand($pool, mt_rand(2, 5)); // a few kinds of message, each repeated (redeliveries)
            for ($i = 0; $i < $copies; $i++) {
                list($status, $source) = $pool[$kinds[mt_rand(0, count($kinds) - 1)]];
                $bodies[] = self::body($request, $status, $source);
                $owner[] = $ordersId;
            }
        }
        $started = microtime(true);
        $results = post_notifications($bodies, $copies);
        $retried = 0;
        for ($attempt = 0; $attempt < 5; $attempt++) { // the platform retries what was not acknowledged
            $again = array_keys(array_filter($results, static fn ($r) => $r['status'] !== 200));
            if ($again === array()) {
                break;
            }
            $retried += count($again);
            foreach (post_notifications(array_map(static fn ($i) => $bodies[$i], $again), $copies) as $k => $result) {
                $results[$again[$k]] = $result;
            }
        }
        $seconds = microtime(true) - $started;
        $changing = array_diff(StateModel::ANSWERS, array(StateModel::ANSWERS['already_success'], StateModel::ANSWERS['duplicate'], StateModel::ANSWERS['stale']));
        $changes = array_fill_keys($ids, array());
        foreach ($results as $i => $result) {
            if ($result['status'] === 200 && in_array($result['body'], $changing, true)) {
                $changes[$owner[$i]][] = $result['body'];
            }
        }
        // Replay, through the model, what each order's history says was applied, in that order.
        $cases = array();
        $failures = array();
        $idList = implode(',', $ids);
        $rows = Db::rows("SELECT orders_id, comments FROM orders_status_history WHERE orders_id IN ($idList) AND comments LIKE 'Systempay: %' ORDER BY orders_status_history_id");
        $applied = array_fill_keys($ids, array());
        foreach ($rows as $row) {
            if (!preg_match('/^Systempay: ([A-Z_]+) .*notification ([A-Z_]+)/s', $row['comments'], $m)) {
                $failures[] = "order {$row['orders_id']}: history row not from a notification: {$row['comments']}";
                continue;
            }
            $applied[(int) $row['orders_id']][] = array($m[1], $m[2]);
        }
        foreach ($ids as $ordersId) {
            $model = new StateModel();
            $answers = array();
            foreach ($applied[$ordersId] as list($status, $source)) {
                $answer = $model->receive($status, $source);
                if (!in_array($answer, $changing, true)) {
                    $failures[] = "order $ordersId: $status ($source) applied although the table says '$answer'";
                }
                $answers[] = $answer;
            }
            sort($answers);
            $got = $changes[$ordersId];
            sort($got);
            if ($got !== $answers) {
                $failures[] = "order $ordersId: the platform was told " . json_encode($got) . ', the history shows ' . json_encode($answers);
            }
            $cases[] = array('name' => 'mixed', 'ordersId' => $ordersId, 'model' => $model);
        }
        $this->checkOrders($cases, $statusOf, $historyBase, $failures);
        $codes = array_count_values(array_map(static fn ($r) => $r['status'], $results));
        $final = array_count_values(array_map(static fn ($c) => $c['model']->order, $cases));
        $restored = count(array_filter($cases, static fn ($c) => $c['model']->stock === 'restored'));
        $expectedStock = $stockBefore - $quantity * ($orders - $restored);
        self::report(sprintf('%d orders x %d mixed results at once (seed %d) = %d notifications in %.1f s (%.0f/s), %d retried after a 503; HTTP %s; %d changes applied, final %s; %d wrong; stock %d, expected %d',
            $orders, $copies, $seed, count($bodies), $seconds, count($bodies) / $seconds, $retried, json_encode($codes), count($rows), json_encode($final),
            count($failures), self::stock(), $expectedStock));
        $this->assertSame(array(200 => count($bodies)), $codes);
        $this->assertSame(array(), array_slice($failures, 0, 40), count($failures) . ' wrong');
        $this->assertSame($expectedStock, self::stock(), 'stock exact');
    }

    private static function orderedQuantity($ordersId)
    {
        return (int) Db::value('SELECT SUM(products_quantity) FROM orders_products WHERE orders_id = ' . (int) $ordersId);
    }

    /**
     * Each order against its model: status, history rows added, stock state in the ledger, flag,
     * owner alerts, and the order mail (sent once when the order was ever paid).
     */
    private function checkOrders(array $cases, array $statusOf, $historyBase, array &$failures)
    {
        $ids = implode(',', array_map(static fn ($c) => (int) $c['ordersId'], $cases));
        $orders = array_column(Db::rows("SELECT orders_id, orders_status FROM orders WHERE orders_id IN ($ids)"), 'orders_status', 'orders_id');
        $history = array_column(Db::rows("SELECT orders_id, COUNT(*) AS n FROM orders_status_history WHERE orders_id IN ($ids) GROUP BY orders_id"), 'n', 'orders_id');
        $stock = array_column(Db::rows("SELECT orders_id, stock_state FROM systempay_order WHERE orders_id IN ($ids)"), 'stock_state', 'orders_id');
        $flagged = array_column(Db::rows("SELECT orders_id, MAX(flagged) AS f FROM systempay_transaction WHERE orders_id IN ($ids) GROUP BY orders_id"), 'f', 'orders_id');
        $expectedMails = 0;
        foreach ($cases as $case) {
            $expectedMails += (self::mailed($case) ? self::ORDER_MAIL : 0) + $case['model']->alerts;
        }
        // Order mails leave after the answer (the platform is not kept waiting): give them time.
        $until = microtime(true) + 20;
        do {
            list($orderMails, $alerts) = self::mailsPerOrder();
            $total = array_sum($orderMails) + array_sum($alerts);
        } while ($total < $expectedMails && microtime(true) < $until && usleep(200000) === null);
        foreach ($cases as $case) {
            $id = $case['ordersId'];
            $model = $case['model'];
            $got = array(
                'status' => $orders[$id] ?? null,
                'history rows' => (int) ($history[$id] ?? 0) - $historyBase,
                'stock' => $stock[$id] ?? 'taken',
                'flagged' => ($flagged[$id] ?? '0') === '1',
                'owner alerts' => $alerts[$id] ?? 0,
                'order mails' => $orderMails[$id] ?? 0,
            );
            $want = array(
                'status' => $statusOf[$model->order],
                'history rows' => $model->history,
                'stock' => $model->stock,
                'flagged' => $model->flagged(),
                'owner alerts' => $model->alerts,
                'order mails' => self::mailed($case) ? self::ORDER_MAIL : 0,
            );
            foreach ($want as $what => $value) {
                if ($got[$what] !== $value) {
                    $failures[] = "{$case['name']} (order $id): $what " . var_export($got[$what], true) . ', expected ' . var_export($value, true);
                }
            }
        }
    }

    /** The order mail goes once: when the order is first paid, or when the buyer's checkout ends (also on a pending payment). */
    private static function mailed(array $case)
    {
        return $case['model']->everPaid || !empty($case['finished']);
    }

    /** @return array{0: array<int,int>, 1: array<int,int>} order mails and owner alerts per order id, from one read of the mail folder */
    private static function mailsPerOrder()
    {
        $orderMails = $alerts = array();
        foreach (Mails::all() as $mail) {
            if (preg_match('/^Systempay: order (\d+) /', $mail['subject'], $m)) {
                $alerts[(int) $m[1]] = ($alerts[(int) $m[1]] ?? 0) + 1;
            } elseif (preg_match('/\b(?:order|Bestellung)\s+(?:Nr\.\s*|No\.\s*)?(\d+)\b/iu', $mail['subject'], $m)) {
                $orderMails[(int) $m[1]] = ($orderMails[(int) $m[1]] ?? 0) + 1;
            }
        }
        return array($orderMails, $alerts);
    }
}
