<?php
use PHPUnit\Framework\TestCase;

/**
 * The real modified shop (tests/realshop/) back at its snapshot, with the module installed through the
 * admin and configured for TEST mode. After every test: nothing in PHP's error log and nothing in the
 * shop's own log/mod_*.log caused by a module file (the shop's error handler swallows what PHP's log
 * never sees).
 */
abstract class ShopTestCase extends TestCase
{
    /** One order mail = the messages that leave: the buyer's confirmation and the shop owner's copy (ORDER_EMAIL_SEND_COPY_TO_ADMIN). */
    const ORDER_MAIL = 2;

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
        self::truncateShopLogs();
    }

    protected function tearDown(): void
    {
        $log = self::phpErrorLog();
        $shopLog = self::moduleEntriesInShopLogs();
        self::truncatePhpErrorLog();
        self::truncateShopLogs();
        $this->assertSame('', $log, 'the PHP error log stays empty under E_ALL');
        $this->assertSame(array(), $shopLog, "no entry in the shop's log/mod_*.log caused by a module file");
    }

    /** The shop's log files (log/mod_<level>_<date>.log). */
    private static function shopLogFiles()
    {
        return glob(Env::shopDir() . '/log/mod_*.log') ?: array();
    }

    public static function truncateShopLogs()
    {
        foreach (self::shopLogFiles() as $file) {
            file_put_contents($file, '');
        }
    }

    /**
     * Entries of the shop's own logs that come from the module: a line naming a module file or URL,
     * or the "ERROR found for URL" header and its following lines for one of the module's URLs.
     * Stock noise of the shop (not ours) is left out, as listed in ../shared/docs/real-shop.md.
     */
    public static function moduleEntriesInShopLogs()
    {
        $ours = '~systempay|callback/systempay|checkout_process\.php|checkout_success\.php|checkout_payment\.php|checkout_confirmation\.php|admin/modules\.php|admin/orders\.php~i';
        $noise = '~Smarty_CacheResource_Phpfastcache::\$prefix|/templates_c/|Could not reach external host~';
        $entries = array();
        foreach (self::shopLogFiles() as $file) {
            foreach (file($file, FILE_IGNORE_NEW_LINES | FILE_SKIP_EMPTY_LINES) ?: array() as $line) {
                if (preg_match($ours, $line) && !preg_match($noise, $line)) {
                    $entries[] = basename($file) . ': ' . $line;
                }
            }
        }
        return $entries;
    }

    public static function configure(array $settings)
    {
        foreach ($settings as $name => $value) {
            Db::setConfig('MODULE_PAYMENT_SYSTEMPAY_' . $name, $value);
        }
    }

    public static function phpErrorLogPath()
    {
        return Env::runDir() . '/php_errors.log';
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

    /** Messages that left the shop for an order (buyer's confirmation and the shop owner's copy). */
    protected static function mails($ordersId)
    {
        return Mails::countForOrder($ordersId);
    }

    protected static function attempt($ordersId)
    {
        return Db::row('SELECT * FROM systempay_transaction WHERE orders_id = ' . (int) $ordersId . ' ORDER BY id DESC LIMIT 1');
    }
}
