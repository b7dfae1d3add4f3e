<?php
use PHPUnit\Framework\TestCase;

/** A fresh shop with the module installed and configured for TEST mode. */
abstract class ShopTestCase extends TestCase
{
    /** @var Admin */
    protected $admin;

    protected function setUp(): void
    {
        Db::reset();
        $this->admin = new Admin();
        $this->admin->install();
        self::configure(array(
            'SITE_ID' => Platform::SITE_ID, 'KEY_TEST' => Platform::KEY_TEST, 'KEY_PROD' => Platform::KEY_PROD,
            'PLATFORM_URL' => Env::sandboxUrl(),
        ));
        self::truncatePhpErrorLog();
    }

    protected function tearDown(): void
    {
        $log = self::phpErrorLog();
        self::truncatePhpErrorLog();
        $this->assertSame('', $log, 'the PHP error log stays empty under E_ALL');
    }

    public static function configure(array $settings)
    {
        foreach ($settings as $name => $value) {
            Db::setConfig('MODULE_PAYMENT_SYSTEMPAY_' . $name, $value);
        }
    }

    public static function phpErrorLogPath()
    {
        return Env::get('SHOP_PHP_ERROR_LOG', Env::root() . '/build/run/php_errors.log');
    }

    public static function phpErrorLog()
    {
        $path = self::phpErrorLogPath();
        return is_file($path) ? trim((string) file_get_contents($path)) : '';
    }

    public static function truncatePhpErrorLog()
    {
        $path = self::phpErrorLogPath();
        if (is_file($path)) {
            file_put_contents($path, '');
        }
    }

    protected static function order($ordersId)
    {
        return Db::row('SELECT * FROM orders WHERE orders_id = ' . (int) $ordersId);
    }

    protected static function history($ordersId)
    {
        return Db::rows('SELECT * FROM orders_status_history WHERE orders_id = ' . (int) $ordersId . ' ORDER BY orders_status_history_id');
    }

    protected static function mails($ordersId)
    {
        return (int) Db::value('SELECT COUNT(*) FROM test_mails WHERE orders_id = ' . (int) $ordersId);
    }

    protected static function attempt($ordersId)
    {
        return Db::row('SELECT * FROM systempay_transaction WHERE orders_id = ' . (int) $ordersId . ' ORDER BY id DESC LIMIT 1');
    }
}
