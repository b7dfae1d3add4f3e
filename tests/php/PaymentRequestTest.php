<?php
use PHPUnit\Framework\TestCase;

final class PaymentRequestTest extends TestCase
{
    private const SETTINGS = ['site_id' => '12345678', 'ctx_mode' => 'TEST', 'key_test' => TEST_KEY, 'key_production' => null];

    private static function payment(array $extra = []): array
    {
        return $extra + [
            'order_id' => '42', 'amount' => '12.34', 'currency' => 'EUR', 'trans_id' => '000123',
            'trans_date' => '20261203101010', 'language' => 'de',
            'url_return' => 'https://shop.example/checkout_process.php',
        ];
    }

    public function test_builds_a_signed_form_with_the_defaults(): void
    {
        $fields = Systempay\build_payment_request(self::SETTINGS, self::payment());
        $this->assertSame('INTERACTIVE', $fields['vads_action_mode']);
        $this->assertSame('PAYMENT', $fields['vads_page_action']);
        $this->assertSame('SINGLE', $fields['vads_payment_config']);
        $this->assertSame('V2', $fields['vads_version']);
        $this->assertSame('1234', $fields['vads_amount']);
        $this->assertSame('978', $fields['vads_currency']);
        $this->assertSame('de', $fields['vads_language']);
        $this->assertSame('signature', array_key_last($fields));
        $this->assertSame(reference_signature($fields, TEST_KEY, 'HMAC-SHA-256'), $fields['signature']);
        $this->assertTrue(Systempay\verify($fields, TEST_KEY));
        $names = array_keys($fields);
        array_pop($names);
        $sorted = $names;
        sort($sorted, SORT_STRING);
        $this->assertSame($sorted, $names);
    }

    public function test_amounts_follow_the_currency_exponent(): void
    {
        foreach ([['EUR', '19.99', '1999', '978'], ['JPY', '1500', '1500', '392'], ['KWD', '12.345', '12345', '414'], ['JPY', '1500.5', '1501', '392']] as [$currency, $amount, $minor, $numeric]) {
            $fields = Systempay\build_payment_request(self::SETTINGS, self::payment(['currency' => $currency, 'amount' => $amount]));
            $this->assertSame($minor, $fields['vads_amount'], "$amount $currency");
            $this->assertSame($numeric, $fields['vads_currency']);
        }
    }

    public function test_settings_accept_lists_bools_and_ints_as_php_gives_them(): void
    {
        $settings = self::SETTINGS + [
            'available_languages' => ['de', 'fr'], 'payment_cards' => ['VISA', 'CB'], 'capture_delay' => 2,
            'redirect_enabled' => true, 'redirect_success_timeout' => 3, 'threeds_min_amount' => '30',
            'validation_mode' => '', 'return_mode' => 'POST', 'sign_algorithm' => 'SHA-1',
        ];
        $fields = Systempay\build_payment_request($settings, self::payment(['ext_info' => ['session' => 'abc', 'cart' => 7]]));
        $this->assertSame('de;fr', $fields['vads_available_languages']);
        $this->assertSame('VISA;CB', $fields['vads_payment_cards']);
        $this->assertSame('2', $fields['vads_capture_delay']);
        $this->assertSame('3', $fields['vads_redirect_success_timeout']);
        $this->assertSame('2', $fields['vads_threeds_mpi']);
        $this->assertSame('POST', $fields['vads_return_mode']);
        $this->assertSame('abc', $fields['vads_ext_info_session']);
        $this->assertSame('7', $fields['vads_ext_info_cart']);
        $this->assertArrayNotHasKey('vads_validation_mode', $fields);
        $this->assertSame(40, strlen($fields['signature']));
        $this->assertTrue(Systempay\verify($fields, TEST_KEY, 'SHA-1'));
    }

    public function test_buyer_data_is_cleaned_not_refused(): void
    {
        $fields = Systempay\build_payment_request(self::SETTINGS, self::payment([
            'cust_last_name' => str_repeat('Ö', 100), 'cust_email' => 'bad address', 'cust_country' => 'de',
            'cust_city' => "Saint-\nÉtienne", 'cust_zip' => null,
        ]));
        $this->assertSame(63, mb_strlen($fields['vads_cust_last_name']));
        $this->assertArrayNotHasKey('vads_cust_email', $fields);
        $this->assertArrayNotHasKey('vads_cust_zip', $fields);
        $this->assertSame('DE', $fields['vads_cust_country']);
        $this->assertSame('Saint- Étienne', $fields['vads_cust_city']);
    }

    public static function bad_inputs(): array
    {
        return [
            'short site id' => [['site_id' => '123'], [], 'settings[site_id]'],
            'missing key for mode' => [['key_test' => ''], [], 'settings[key_test]'],
            'production without key' => [['ctx_mode' => 'PRODUCTION'], [], 'settings[key_production]'],
            'unknown setting' => [['siteid' => '1'], [], 'settings[siteid]'],
            'timeout out of range' => [['redirect_enabled' => '1', 'redirect_error_timeout' => '999'], [], 'settings[redirect_error_timeout]'],
            'nested setting' => [['available_languages' => [['de']]], [], 'settings[available_languages]'],
            'float amount' => [[], ['amount' => 12.34], 'payment[amount]'],
            'negative amount' => [[], ['amount' => '-1'], 'payment[amount]'],
            'exponent amount' => [[], ['amount' => '1e3'], 'payment[amount]'],
            'comma amount' => [[], ['amount' => '12,34'], 'payment[amount]'],
            'unsupported currency' => [[], ['currency' => 'XYZ'], 'payment[currency]'],
            'trans id too high' => [[], ['trans_id' => '912345'], 'payment[trans_id]'],
            'order id with spaces' => [[], ['order_id' => '4 2'], 'payment[order_id]'],
            'missing order id' => [[], ['order_id' => null], 'payment[order_id]'],
            'bad url' => [[], ['url_return' => 'ftp://x'], 'payment[url_return]'],
            'object value' => [[], ['cust_city' => new stdClass()], 'payment[cust_city]'],
            'integer key' => [[], [5 => 'x'], 'payment[5]'],
            'non-UTF-8 value' => [[], ['cust_city' => "K\xf6ln"], 'payment[cust_city]'],
        ];
    }

    /** @dataProvider bad_inputs */
    public function test_bad_input_throws_naming_the_field(array $settings, array $payment, string $field): void
    {
        try {
            Systempay\build_payment_request(array_merge(self::SETTINGS, $settings), array_replace(self::payment(), $payment));
            $this->fail("accepted, expected an error about $field");
        } catch (Systempay\InvalidArgumentException $e) {
            $this->assertStringContainsString($field, $e->getMessage());
            $this->assertStringNotContainsString(TEST_KEY, $e->getMessage());
        }
    }

    public function test_trans_date_defaults_to_now_in_utc(): void
    {
        $payment = self::payment();
        unset($payment['trans_date']);
        $before = gmdate('YmdHis');
        $fields = Systempay\build_payment_request(self::SETTINGS, $payment);
        $this->assertGreaterThanOrEqual($before, $fields['vads_trans_date']);
        $this->assertLessThanOrEqual(gmdate('YmdHis'), $fields['vads_trans_date']);
    }
}
