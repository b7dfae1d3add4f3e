<?php
require_once __DIR__ . '/ShopTestCase.php';

/**
 * The same shop served by PHP's built-in web server WITHOUT the systempay extension: the module
 * still lists and installs, warns the admin, and hides itself at checkout. Nothing fatal.
 */
final class NoExtensionTest extends ShopTestCase
{
    private static $server;
    private static $base;
    private static $log;

    public static function setUpBeforeClass(): void
    {
        $port = (string) ((int) Env::get('SHOP_HTTP_PORT', '8090') + 1);
        self::$base = 'http://127.0.0.1:' . $port . '/';
        self::$log = Env::root() . '/build/run/php_errors_noext.log';
        @unlink(self::$log);
        $command = array(PHP_BINARY, '-d', 'display_errors=0', '-d', 'log_errors=1', '-d', 'error_log=' . self::$log, '-d', 'error_reporting=' . E_ALL,
            '-d', 'session.save_path=' . sys_get_temp_dir(), '-S', '127.0.0.1:' . $port, '-t', Env::root() . '/build/shop');
        self::$server = proc_open($command, array(0 => array('file', '/dev/null', 'r'), 1 => array('file', '/dev/null', 'w'), 2 => array('file', '/dev/null', 'w')), $pipes);
        for ($i = 0; $i < 50; $i++) {
            if (@fsockopen('127.0.0.1', (int) $port)) {
                return;
            }
            usleep(100000);
        }
        throw new RuntimeException('php -S did not start');
    }

    public static function tearDownAfterClass(): void
    {
        if (is_resource(self::$server)) {
            proc_terminate(self::$server);
            proc_close(self::$server);
        }
    }

    protected function setUp(): void
    {
        parent::setUp();
        if (is_file(self::$log)) {
            file_put_contents(self::$log, '');
        }
    }

    public function test_without_the_extension_the_module_installs_warns_and_hides(): void
    {
        $this->admin->remove();
        $admin = new Admin('en', self::$base);
        $list = $admin->modulesPage();
        $this->assertSame(200, $list['status']);
        $this->assertStringContainsString('systempay', $list['body']);
        $admin->install();
        $this->assertSame('True', Db::config('MODULE_PAYMENT_SYSTEMPAY_STATUS'), 'installs without the extension');
        self::configure(array('SITE_ID' => Platform::SITE_ID, 'KEY_TEST' => Platform::KEY_TEST));
        $page = $admin->modulesPage('module=systempay');
        $this->assertStringContainsString('The systempay PHP extension is not loaded', $page['body']);
        $this->assertStringContainsString('extension=systempay.so', $page['body'], 'says what to do');
        $buyer = new Buyer(self::$base);
        $checkout = $buyer->startCheckout();
        $this->assertSame(200, $checkout['status']);
        $this->assertFalse(Buyer::offersSystempay($checkout), 'hidden at checkout');
        $this->assertSame('', trim((string) @file_get_contents(self::$log)), 'no PHP error without the extension');
    }

    public function test_a_return_while_the_extension_is_missing_never_completes_the_order(): void
    {
        $buyer = new Buyer();
        $buyer->payWithSystempay(); // with the extension (Apache); the session now holds the temporary order
        $sameBuyer = new Browser(self::$base);
        $jar = new ReflectionProperty(Browser::class, 'jar');
        $jar->setAccessible(true);
        copy($jar->getValue($buyer->browser), $jar->getValue($sameBuyer)); // same cookies, other server
        $page = $sameBuyer->go('GET', 'checkout_process.php?' . http_build_query(Platform::result($buyer->request, 'AUTHORISED')));
        $this->assertStringContainsString('checkout_payment.php', $page['url'], 'sent back, not to the success page');
        $this->assertSame('1', self::order($buyer->ordersId)['orders_status'], 'the order stays pending');
        $this->assertSame(0, self::mails($buyer->ordersId));
        $this->assertSame('', trim((string) @file_get_contents(self::$log)));
    }

    public function test_a_notification_without_the_extension_is_not_lost(): void
    {
        $buyer = new Buyer();
        $buyer->payWithSystempay(); // with the extension (Apache)
        $browser = new Browser(self::$base);
        $response = $browser->request('POST', 'callback/systempay/process.php', http_build_query(Platform::result($buyer->request, 'AUTHORISED', true)));
        $this->assertSame(503, $response['status'], 'answered so that the platform retries');
        $this->assertNull(self::attempt($buyer->ordersId)['status']);
        $this->assertSame('', trim((string) @file_get_contents(self::$log)));
    }
}
