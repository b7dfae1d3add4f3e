<?php
require_once __DIR__ . '/ShopTestCase.php';

final class InstallTest extends ShopTestCase
{
    public function test_install_creates_every_setting_with_its_default_and_the_innodb_tables(): void
    {
        $this->assertSame('True', Db::config('MODULE_PAYMENT_SYSTEMPAY_STATUS'));
        $this->assertSame('TEST', Db::config('MODULE_PAYMENT_SYSTEMPAY_CTX_MODE'));
        $this->assertSame('HMAC-SHA-256', Db::config('MODULE_PAYMENT_SYSTEMPAY_SIGN_ALGORITHM'));
        $this->assertSame('GET', Db::config('MODULE_PAYMENT_SYSTEMPAY_RETURN_MODE'));
        $this->assertSame('Redirection vers la boutique dans quelques instants', Db::config('MODULE_PAYMENT_SYSTEMPAY_REDIRECT_SUCCESS_MESSAGE'));
        $this->assertSame(41, (int) Db::value("SELECT COUNT(*) FROM configuration WHERE configuration_key LIKE 'MODULE\\_PAYMENT\\_SYSTEMPAY\\_%'"));
        foreach (array('systempay_transaction', 'systempay_trans_counter', 'systempay_event', 'systempay_order', 'systempay_refund') as $table) {
            $info = Db::row("SELECT ENGINE, TABLE_COLLATION FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = '$table'");
            $this->assertSame('InnoDB', $info['ENGINE'], $table);
            $this->assertStringStartsWith('utf8mb4', $info['TABLE_COLLATION'], $table);
        }
        $this->assertStringContainsString('systempay.php', (string) Db::config('MODULE_PAYMENT_INSTALLED'));
    }

    public function test_the_admin_list_and_edit_form_show_every_setting_and_the_notification_url(): void
    {
        $list = $this->admin->modulesPage('module=systempay');
        $this->assertSame(200, $list['status']);
        $this->assertStringContainsString(Env::shopUrl('callback/systempay/process.php'), $list['body']);
        $this->assertStringContainsString('TEST', $list['body']);
        $edit = $this->admin->modulesPage('module=systempay&action=edit');
        foreach (array('Shop ID', 'Test key', 'Production key', 'Signature algorithm', 'Payment page URL', 'Default language', 'Available languages',
                     'Capture delay', 'Validation mode', 'Card types', 'Manage 3DS', 'Minimum amount', 'Maximum amount', 'Automatic redirection',
                     'Return mode', 'Order status (accepted payments)', 'Order status (payment pending)', 'Notification URL', 'Payment zone') as $title) {
            $this->assertStringContainsString($title, $edit['body'], $title);
        }
        $this->assertStringContainsString('readonly', $edit['body'], 'the notification URL is read-only');
    }

    public function test_production_key_is_masked_in_the_list_view(): void
    {
        self::configure(array('KEY_PROD' => 'SECRET-PROD-KEY-123'));
        $list = $this->admin->modulesPage('module=systempay');
        $this->assertStringNotContainsString('SECRET-PROD-KEY-123', $list['body']);
    }

    public function test_settings_are_saved_through_the_edit_form(): void
    {
        $this->admin->save(array(
            'SITE_ID' => '87654321', 'CTX_MODE' => 'TEST', 'RETURN_MODE' => 'POST', 'AVAILABLE_LANGUAGES' => array('de', 'fr'),
            'PAYMENT_CARDS' => array('CB', 'VISA'), 'REDIRECT_SUCCESS_TIMEOUT' => '3', 'VALIDATION_MODE' => '1',
        ));
        $this->assertSame('87654321', Db::config('MODULE_PAYMENT_SYSTEMPAY_SITE_ID'));
        $this->assertSame('POST', Db::config('MODULE_PAYMENT_SYSTEMPAY_RETURN_MODE'));
        $this->assertSame(array('de', 'fr'), array_values(array_filter(explode(',', Db::config('MODULE_PAYMENT_SYSTEMPAY_AVAILABLE_LANGUAGES')))));
        $this->assertSame('1', Db::config('MODULE_PAYMENT_SYSTEMPAY_VALIDATION_MODE'));
        // A cleared multi-select is saved as cleared.
        $this->admin->save(array('AVAILABLE_LANGUAGES' => array()));
        $this->assertSame('', trim(Db::config('MODULE_PAYMENT_SYSTEMPAY_AVAILABLE_LANGUAGES'), ','));
    }

    public function test_invalid_settings_are_reported_to_the_admin_and_hide_the_method(): void
    {
        self::configure(array('SITE_ID' => '123'));
        $list = $this->admin->modulesPage('module=systempay');
        $this->assertStringContainsString('8 digits', $list['body']);
        $buyer = new Buyer();
        $this->assertFalse(Buyer::offersSystempay($buyer->startCheckout()), 'a broken configuration never reaches the buyer');
    }

    public function test_uninstall_removes_settings_keeps_history_and_reinstall_works(): void
    {
        Db::query("INSERT INTO systempay_transaction (orders_id, trans_day, trans_id, trans_date, ctx_mode, amount_minor, currency, created_at, updated_at)
            VALUES (99, UTC_DATE(), '000001', '20261203000000', 'TEST', 100, '978', UTC_TIMESTAMP(), UTC_TIMESTAMP())");
        $this->admin->remove();
        $this->assertSame(0, (int) Db::value("SELECT COUNT(*) FROM configuration WHERE configuration_key LIKE 'MODULE\\_PAYMENT\\_SYSTEMPAY\\_%'"));
        $this->assertSame(1, (int) Db::value('SELECT COUNT(*) FROM systempay_transaction'), 'payment history is kept');
        $this->assertStringNotContainsString('systempay.php', (string) Db::config('MODULE_PAYMENT_INSTALLED'));
        $this->admin->install();
        $this->assertSame('True', Db::config('MODULE_PAYMENT_SYSTEMPAY_STATUS'));
        $this->assertSame(1, (int) Db::value('SELECT COUNT(*) FROM systempay_transaction'));
    }
}
