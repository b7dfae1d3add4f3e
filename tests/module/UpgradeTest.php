<?php
require_once __DIR__ . '/ShopTestCase.php';

/**
 * Updating a shop from the first release: its tables (tests/module/fixtures/first-release-tables.sql)
 * and its settings, with orders of every kind in them — paid, and placed but still waiting for their
 * notification — and this version's files copied over, as the guide's "Updating" says. Whatever comes
 * first (a notification, several at once, the admin), the tables reach this version's layout exactly
 * as a fresh install has it, once; every saved setting keeps its value, the new ones get their
 * defaults; the orders are kept and the waiting ones are paid by their notification.
 */
final class UpgradeTest extends ShopTestCase
{
    /** The first release's settings: name => [sort order, set_function, use_function], as it installed them. */
    const FIRST_RELEASE_SETTINGS = array(
        'NOTIFICATION_URL' => array(1, 'systempay_cfg_notification_url(', 'systempay_cfg_show_notification_url'),
        'STATUS' => array(2, "xtc_cfg_select_option(array('True', 'False'), ", ''),
        'ALLOWED' => array(3, '', ''),
        'ZONE' => array(4, 'xtc_cfg_pull_down_zone_classes(', 'xtc_get_zone_class_title'),
        'SITE_ID' => array(5, '', ''),
        'KEY_TEST' => array(6, '', ''),
        'KEY_PROD' => array(7, 'xtc_cfg_password_field_module(', 'xtc_cfg_display_password'),
        'CTX_MODE' => array(8, "xtc_cfg_select_option(array('TEST', 'PRODUCTION'), ", ''),
        'SIGN_ALGORITHM' => array(9, "xtc_cfg_select_option(array('HMAC-SHA-256', 'SHA-1'), ", ''),
        'PLATFORM_URL' => array(10, '', ''),
        'LANGUAGE' => array(11, 'systempay_cfg_select_language(', 'systempay_cfg_show_languages'),
        'AVAILABLE_LANGUAGES' => array(12, 'systempay_cfg_multi_languages(', 'systempay_cfg_show_languages'),
        'CAPTURE_DELAY' => array(13, '', ''),
        'VALIDATION_MODE' => array(14, 'systempay_cfg_select_validation_mode(', 'systempay_cfg_show_validation_mode'),
        'PAYMENT_CARDS' => array(15, 'systempay_cfg_multi_cards(', 'systempay_cfg_show_cards'),
        'THREEDS_MIN_AMOUNT' => array(16, '', ''),
        'AMOUNT_MIN' => array(17, '', ''),
        'AMOUNT_MAX' => array(18, '', ''),
        'REDIRECT_ENABLED' => array(19, "xtc_cfg_select_option(array('True', 'False'), ", ''),
        'REDIRECT_SUCCESS_TIMEOUT' => array(20, '', ''),
        'REDIRECT_SUCCESS_MESSAGE' => array(21, '', ''),
        'REDIRECT_ERROR_TIMEOUT' => array(22, '', ''),
        'REDIRECT_ERROR_MESSAGE' => array(23, '', ''),
        'RETURN_MODE' => array(24, "xtc_cfg_select_option(array('GET', 'POST'), ", ''),
        'ORDER_STATUS_ID' => array(25, 'xtc_cfg_pull_down_order_statuses(', 'xtc_get_order_status_name'),
        'PENDING_STATUS_ID' => array(26, 'xtc_cfg_pull_down_order_statuses(', 'xtc_get_order_status_name'),
        'CANCELLED_STATUS_ID' => array(27, 'xtc_cfg_pull_down_order_statuses(', 'xtc_get_order_status_name'),
        'SORT_ORDER' => array(28, '', ''),
    );
    /** Settings this version added, with the defaults an update must give them. */
    const NEW_SETTINGS = array(
        'PAYMENT_FORM' => 'HOSTED', 'FORM_LOOK' => 'EMBEDDED', 'REST_USER' => '', 'REST_PASSWORD_TEST' => '', 'REST_PASSWORD_PROD' => '',
        'PUBLIC_KEY_TEST' => '', 'PUBLIC_KEY_PROD' => '', 'HMAC_KEY_TEST' => '', 'HMAC_KEY_PROD' => '',
        'REST_URL' => 'https://api.systempay.fr',
        'JS_CLIENT_URL' => 'https://static.systempay.fr/static/js/krypton-client/V4.0/stable/kr-payment-form.min.js',
    );
    /** Tables of this version that the first release did not have. */
    const NEW_TABLES = array('systempay_order', 'systempay_refund', 'systempay_operation', 'systempay_schema');

    /** @var array the layout of the module's tables after a fresh install of this version */
    private $freshLayout;
    /** @var array how a fresh install stores its settings: key => sort order, set_function, use_function */
    private $freshDisplay;
    /** @var Buyer an order paid before the update */
    private $paid;
    /** @var array<int, array> orders placed before the update, waiting for their notification: orders_id => request */
    private $waiting;
    /** @var array<string, string> the first release's settings as the merchant saved them */
    private $savedSettings;

    protected function setUp(): void
    {
        parent::setUp();
        Db::setConfig('ORDER_EMAIL_SEND_COPY_TO_ADMIN', 'true');
        Db::setConfig('SEND_EMAILS', 'true');
        // Values a merchant changed from the defaults: an update must keep every one.
        self::configure(array('LANGUAGE' => 'de', 'CAPTURE_DELAY' => '2', 'SORT_ORDER' => '7', 'RETURN_MODE' => 'POST',
            'REDIRECT_SUCCESS_MESSAGE' => 'Danke, weiter zum Shop', 'ALLOWED' => 'DE,FR,AT'));
        $this->freshLayout = self::layout();
        $this->freshDisplay = self::display();

        $this->paid = new Buyer();
        $this->paid->payWithSystempay();
        list(, $body) = Platform::notify(Platform::result($this->paid->request, 'AUTHORISED', true));
        $this->assertStringStartsWith('OK-', $body);
        $this->assertSame(self::ORDER_MAIL, Mails::waitFor($this->paid->ordersId, self::ORDER_MAIL));
        $this->waiting = Fixtures::pendingOrders(4);

        self::backToFirstRelease();
        $this->savedSettings = self::settings();
        $this->assertCount(count(self::FIRST_RELEASE_SETTINGS), $this->savedSettings);
        $this->assertSame(array('systempay_event', 'systempay_trans_counter', 'systempay_transaction'), self::moduleTables(), 'the first release\'s tables');
    }

    /**
     * The shop as the first release left it: its three tables with their rows (copied column by column),
     * none of the later ones, and its settings only, stored as it stored them.
     */
    private static function backToFirstRelease()
    {
        $tables = array('systempay_transaction', 'systempay_trans_counter', 'systempay_event');
        foreach ($tables as $table) {
            Db::query("RENAME TABLE $table TO {$table}_now");
        }
        $ddl = preg_replace('/^--.*$/m', '', (string) file_get_contents(__DIR__ . '/fixtures/first-release-tables.sql'));
        foreach (array_filter(array_map('trim', explode(';', $ddl))) as $statement) {
            Db::query($statement);
        }
        foreach ($tables as $table) {
            $columns = implode(', ', array_column(Db::rows("SELECT column_name AS name FROM information_schema.columns
                WHERE table_schema = DATABASE() AND table_name = '$table' ORDER BY ordinal_position"), 'name'));
            Db::query("INSERT INTO $table ($columns) SELECT $columns FROM {$table}_now");
            Db::query("DROP TABLE {$table}_now");
        }
        Db::query('DROP TABLE IF EXISTS ' . implode(', ', self::NEW_TABLES));
        $names = "'MODULE_PAYMENT_SYSTEMPAY_" . implode("', 'MODULE_PAYMENT_SYSTEMPAY_", array_keys(self::FIRST_RELEASE_SETTINGS)) . "'";
        Db::query("DELETE FROM configuration WHERE configuration_key LIKE 'MODULE\\_PAYMENT\\_SYSTEMPAY\\_%' AND configuration_key NOT IN ($names)");
        $link = Db::link();
        foreach (self::FIRST_RELEASE_SETTINGS as $name => list($sort, $set, $use)) {
            Db::query("UPDATE configuration SET sort_order = $sort, set_function = '" . $link->real_escape_string($set) . "',
                use_function = '" . $link->real_escape_string($use) . "' WHERE configuration_key = 'MODULE_PAYMENT_SYSTEMPAY_$name'");
        }
    }

    /** @return array<string, string> setting name => value */
    private static function settings()
    {
        $values = array();
        foreach (Db::rows("SELECT configuration_key AS k, configuration_value AS v FROM configuration WHERE configuration_key LIKE 'MODULE\\_PAYMENT\\_SYSTEMPAY\\_%'") as $row) {
            $values[substr($row['k'], strlen('MODULE_PAYMENT_SYSTEMPAY_'))] = $row['v'];
        }
        ksort($values);
        return $values;
    }

    private static function display()
    {
        $display = array();
        foreach (Db::rows("SELECT configuration_key AS k, sort_order, set_function, use_function FROM configuration WHERE configuration_key LIKE 'MODULE\\_PAYMENT\\_SYSTEMPAY\\_%'") as $row) {
            $display[$row['k']] = $row['sort_order'] . ' | ' . $row['set_function'] . ' | ' . $row['use_function'];
        }
        ksort($display);
        return $display;
    }

    private static function moduleTables()
    {
        $tables = array_column(Db::rows("SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name LIKE 'systempay\\_%'"), 'name');
        sort($tables);
        return $tables;
    }

    /** Every column (type, null, default), index and engine of the module's tables; column order left out (ALTER appends). */
    private static function layout()
    {
        $layout = array();
        foreach (Db::rows("SELECT table_name AS t, column_name AS c, column_type AS type, is_nullable AS nullable, column_default AS def
            FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name LIKE 'systempay\\_%'") as $row) {
            $layout[$row['t'] . '.' . $row['c']] = $row['type'] . ' ' . $row['nullable'] . ' ' . var_export($row['def'], true);
        }
        foreach (Db::rows("SELECT table_name AS t, index_name AS i, non_unique AS u, GROUP_CONCAT(column_name ORDER BY seq_in_index) AS cols
            FROM information_schema.statistics WHERE table_schema = DATABASE() AND table_name LIKE 'systempay\\_%' GROUP BY table_name, index_name, non_unique") as $row) {
            $layout[$row['t'] . ' index ' . $row['i']] = ($row['u'] ? 'key ' : 'unique ') . $row['cols'];
        }
        foreach (Db::rows("SELECT table_name AS t, engine FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name LIKE 'systempay\\_%'") as $row) {
            $layout[$row['t'] . ' engine'] = $row['engine'];
        }
        ksort($layout);
        return $layout;
    }

    private static function schemaRows()
    {
        return Db::rows('SELECT version, module_version, updated_at FROM systempay_schema');
    }

    private function assertUpToDate()
    {
        $this->assertSame($this->freshLayout, self::layout(), 'the tables are laid out exactly as a fresh install has them');
        $rows = self::schemaRows();
        $this->assertCount(1, $rows);
        $this->assertSame('2', $rows[0]['version']);
        $this->assertSame('1.0.0', $rows[0]['module_version']);
    }

    private function assertPaidOnce($ordersId)
    {
        $this->assertSame(Db::config('MODULE_PAYMENT_SYSTEMPAY_ORDER_STATUS_ID'), self::order($ordersId)['orders_status'], "order $ordersId is paid");
        $this->assertSame('AUTHORISED', self::attempt($ordersId)['status']);
        $this->assertSame(self::ORDER_MAIL, Mails::waitFor($ordersId, self::ORDER_MAIL), "order $ordersId: its mail, once");
    }

    public function test_a_notification_first_pays_a_waiting_order_then_the_admin_finds_every_setting_kept(): void
    {
        $ordersId = array_key_first($this->waiting);
        list($status, $body) = Platform::notify(Platform::result($this->waiting[$ordersId], 'AUTHORISED', true));
        $this->assertSame(200, $status);
        $this->assertSame('OK-Accepted payment, order has been updated.', $body);
        $this->assertPaidOnce($ordersId);
        $this->assertUpToDate();

        // The order paid before the update: its record and its mail state came through.
        list(, $again) = Platform::notify(Platform::result($this->paid->request, 'AUTHORISED', true));
        $this->assertSame('OK-Accepted payment, already registered.', $again);
        usleep(300000);
        $this->assertSame(self::ORDER_MAIL, Mails::countForOrder($this->paid->ordersId), 'no second mail for an order paid before the update');

        // The admin: every saved value kept, the new settings with their defaults, the test key now masked.
        $page = $this->admin->modulesPage('module=systempay');
        $this->assertSame(200, $page['status']);
        $this->assertStringNotContainsString('border:1px solid #c00', $page['body'], 'no settings problem');
        $settings = self::settings();
        $this->assertSame($this->savedSettings, array_intersect_key($settings, $this->savedSettings));
        foreach (self::NEW_SETTINGS as $name => $default) {
            $this->assertArrayHasKey($name, $settings);
            $this->assertSame($default, $settings[$name], "$name gets its default");
        }
        foreach (array('REVOKED_STATUS_ID', 'REFUNDED_STATUS_ID') as $name) {
            $this->assertTrue((bool) Db::value("SELECT COUNT(*) FROM orders_status WHERE orders_status_id = " . (int) $settings[$name]), "$name names an order status");
        }
        $this->assertSame(count(self::FIRST_RELEASE_SETTINGS) + count(self::NEW_SETTINGS) + 2, count($settings));
        $this->assertSame($this->freshDisplay, self::display(), 'every setting stored and shown as a fresh install has it');
        $this->assertStringContainsString('(not set)', $page['body'], 'an empty key or password says so');
        $this->assertStringNotContainsString(Platform::KEY_TEST, $this->admin->modulesPage('module=systempay')['body'], 'the module box no longer shows the test key');
        $edit = $this->admin->modulesPage('module=systempay&action=edit');
        $this->assertMatchesRegularExpression('~<input type="password" name="configuration\[MODULE_PAYMENT_SYSTEMPAY_KEY_TEST\]"~', $edit['body'], 'a password field, like the production key');

        $order = $this->admin->browser->go('GET', 'admin/orders.php?oID=' . $this->paid->ordersId . '&action=edit');
        $this->assertStringContainsString('id="systempay-panel"', $order['body']);
        $this->assertStringContainsString($this->paid->request['vads_trans_id'], $order['body'], 'its attempt and events from before the update');

        // A new order after the update.
        $buyer = new Buyer();
        $buyer->payWithSystempay();
        $this->assertSame('2', $buyer->request['vads_capture_delay'], 'the saved capture delay is used');
        list(, $body) = Platform::notify(Platform::result($buyer->request, 'AUTHORISED', true));
        $this->assertStringStartsWith('OK-', $body);
        $this->assertPaidOnce($buyer->ordersId);
        $this->assertUpToDate();
    }

    public function test_the_first_notifications_after_the_update_arrive_at_once_and_migrate_once(): void
    {
        $bodies = array();
        foreach ($this->waiting as $request) {
            $bodies[] = http_build_query(Platform::result($request, 'AUTHORISED', true));
        }
        foreach (post_notifications($bodies, count($bodies)) as $result) {
            $this->assertSame(200, $result['status'], $result['body']);
            $this->assertSame('OK-Accepted payment, order has been updated.', $result['body']);
        }
        foreach (array_keys($this->waiting) as $ordersId) {
            $this->assertPaidOnce($ordersId);
        }
        $this->assertUpToDate();
    }

    public function test_an_update_cut_short_is_finished_by_the_next_request_and_a_current_one_is_left_alone(): void
    {
        // Step 2 interrupted: one column added, the version table written with the first release's number.
        Db::query("ALTER TABLE systempay_transaction ADD COLUMN mail_claim CHAR(32) NULL");
        Db::query("CREATE TABLE systempay_schema (id TINYINT UNSIGNED NOT NULL, version INT UNSIGNED NOT NULL, module_version VARCHAR(20) NOT NULL,
            updated_at DATETIME NOT NULL, PRIMARY KEY (id)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci");
        Db::query("INSERT INTO systempay_schema VALUES (1, 1, '1.0.0', UTC_TIMESTAMP() - INTERVAL 1 DAY)");
        $this->admin->modulesPage('module=systempay');
        $this->assertUpToDate();
        $migrated = self::schemaRows()[0]['updated_at'];

        // Up to date: the next requests change nothing.
        sleep(1);
        $this->admin->modulesPage('module=systempay');
        $ordersId = array_key_first($this->waiting);
        list(, $body) = Platform::notify(Platform::result($this->waiting[$ordersId], 'AUTHORISED', true));
        $this->assertStringStartsWith('OK-', $body);
        $this->assertPaidOnce($ordersId);
        $this->assertSame($migrated, self::schemaRows()[0]['updated_at'], 'no migration ran again');
        $this->assertUpToDate();
    }
}
