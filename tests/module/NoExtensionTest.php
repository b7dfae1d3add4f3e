<?php
require_once __DIR__ . '/ShopTestCase.php';

/**
 * The real shop's Apache restarted WITHOUT the systempay extension (the merchant copied the module but
 * not the .so, or a PHP upgrade dropped it): the module still lists and installs, warns the admin,
 * hides itself at checkout, never completes an order it cannot verify, and answers notifications 503.
 */
final class NoExtensionTest extends ShopTestCase
{
    private static function web($mode)
    {
        exec('bash ' . escapeshellarg(Env::root() . '/tests/realshop/servers.sh') . ' web-restart ' . $mode . ' 2>&1', $out, $code);
        if ($code !== 0) {
            throw new RuntimeException("Apache restart failed:\n" . implode("\n", $out));
        }
    }

    /** Pays with the extension loaded, then takes it away: the session holds the temporary order. */
    private static function buyerAtThePaymentPageThenExtensionGone()
    {
        $buyer = new Buyer();
        $buyer->payWithSystempay();
        self::web('--no-extension');
        return $buyer;
    }

    protected function tearDown(): void
    {
        self::web('');
        parent::tearDown();
    }

    public function test_without_the_extension_the_module_installs_warns_and_hides(): void
    {
        $this->admin->remove();
        self::web('--no-extension');
        $admin = new Admin('en');
        $list = $admin->modulesPage();
        $this->assertSame(200, $list['status']);
        $this->assertStringContainsString('systempay', $list['body']);
        $admin->install();
        $this->assertSame('True', Db::config('MODULE_PAYMENT_SYSTEMPAY_STATUS'), 'installs without the extension');
        self::configure(array('SITE_ID' => Platform::SITE_ID, 'KEY_TEST' => Platform::KEY_TEST));
        $page = $admin->modulesPage('module=systempay');
        $this->assertStringContainsString('The systempay PHP extension is not loaded', $page['body']);
        $this->assertStringContainsString('extension=systempay.so', $page['body'], 'says what to do');
        $buyer = new Buyer();
        $checkout = $buyer->startCheckout();
        $this->assertSame(200, $checkout['status']);
        $this->assertFalse(Buyer::offersSystempay($checkout), 'hidden at checkout');
    }

    public function test_a_return_while_the_extension_is_missing_never_completes_the_order(): void
    {
        $buyer = self::buyerAtThePaymentPageThenExtensionGone();
        $page = $buyer->browser->go('GET', 'checkout_process.php?' . http_build_query(Platform::result($buyer->request, 'AUTHORISED')));
        $this->assertStringContainsString('checkout_payment.php', $page['url'], 'sent back, not to the success page');
        $this->assertSame('1', self::order($buyer->ordersId)['orders_status'], 'the order stays pending');
        $this->assertSame(0, self::mails($buyer->ordersId));
    }

    public function test_a_notification_without_the_extension_is_not_lost(): void
    {
        $buyer = self::buyerAtThePaymentPageThenExtensionGone();
        $response = (new Browser())->request('POST', 'callback/systempay/process.php', http_build_query(Platform::result($buyer->request, 'AUTHORISED', true)));
        $this->assertSame(503, $response['status'], 'answered so that the platform retries');
        $this->assertNull(self::attempt($buyer->ordersId)['status']);
    }
}
