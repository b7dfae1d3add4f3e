<?php
use PHPUnit\Framework\TestCase;

final class NotificationTest extends TestCase
{
    private const KEYS = ['TEST' => TEST_KEY, 'PRODUCTION' => PROD_KEY];

    public function test_raw_body_gives_a_typed_notification(): void
    {
        $fields = signed_notification(notification_fields());
        $n = Systempay\parse_notification(http_build_query($fields), self::KEYS, 'HMAC-SHA-256');
        $this->assertInstanceOf(Systempay\Notification::class, $n);
        $this->assertSame('success', $n->outcome());
        $this->assertSame('AUTHORISED', $n->status());
        $this->assertTrue($n->isKnownStatus());
        $this->assertTrue($n->isServerNotification());
        $this->assertSame('42', $n->orderId());
        $this->assertSame('000123', $n->transId());
        $this->assertSame('0123456789abcdef0123456789abcdef', $n->transUuid());
        $this->assertSame('12345678', $n->siteId());
        $this->assertSame('TEST', $n->ctxMode());
        $this->assertSame(1234, $n->amountMinor());
        $this->assertSame('978', $n->currency());
        $this->assertSame('00', $n->result());
        $this->assertSame('CB', $n->cardBrand());
        $this->assertSame('497010XXXXXX0014', $n->maskedCardNumber());
        $this->assertSame('Y', $n->threeDsStatus());
        $this->assertSame('PAY', $n->urlCheckSrc());
        $this->assertSame("Zoë O'Brien & co + \"friends\"", $n->field('vads_cust_first_name'));
        $this->assertNull($n->field('vads_missing'));
        $array = $n->toArray();
        $this->assertSame($fields['vads_amount'], $array['vads_amount']);
        $this->assertCount(count($fields), $array);
    }

    public function test_decoded_array_input_works_too(): void
    {
        $n = Systempay\parse_notification(signed_notification(notification_fields('TEST', 'CAPTURED')), self::KEYS, 'HMAC-SHA-256');
        $this->assertSame('success', $n->outcome());
    }

    public function test_outcomes(): void
    {
        foreach (['AUTHORISED' => 'success', 'CAPTURED' => 'success', 'WAITING_AUTHORISATION' => 'pending', 'AUTHORISED_TO_VALIDATE' => 'pending',
                  'ABANDONED' => 'cancelled', 'CANCELLED' => 'cancelled', 'REFUSED' => 'failure', 'EXPIRED' => 'failure', 'BRAND_NEW' => 'pending'] as $status => $outcome) {
            $n = Systempay\parse_notification(http_build_query(signed_notification(notification_fields('TEST', $status))), self::KEYS, 'HMAC-SHA-256');
            $this->assertSame($outcome, $n->outcome(), $status);
        }
    }

    public function test_browser_return_without_hash(): void
    {
        $fields = notification_fields();
        unset($fields['vads_hash'], $fields['vads_url_check_src']);
        $n = Systempay\parse_notification(http_build_query(signed_notification($fields, TEST_KEY, 'SHA-1')), self::KEYS, 'SHA-1');
        $this->assertFalse($n->isServerNotification());
        $this->assertNull($n->urlCheckSrc());
    }

    public static function forged(): array
    {
        $good = signed_notification(notification_fields());
        $body = http_build_query($good);
        return [
            'tampered amount' => [str_replace('vads_amount=1234', 'vads_amount=1', $body), 'HMAC-SHA-256'],
            'tampered status' => [http_build_query(['vads_trans_status' => 'AUTHORISED'] + signed_notification(notification_fields('TEST', 'REFUSED'))), 'HMAC-SHA-256'],
            'empty signature' => [http_build_query(['signature' => ''] + $good), 'HMAC-SHA-256'],
            'truncated signature' => [http_build_query(['signature' => substr($good['signature'], 0, 20)] + $good), 'HMAC-SHA-256'],
            'no signature' => [http_build_query(array_diff_key($good, ['signature' => 1])), 'HMAC-SHA-256'],
            'wrong algorithm' => [$body, 'SHA-1'],
            'TEST key on a PRODUCTION notification' => [http_build_query(signed_notification(notification_fields('PRODUCTION'), TEST_KEY)), 'HMAC-SHA-256'],
            'filtered accents (entities)' => [http_build_query(['vads_cust_first_name' => 'Zo&euml; O\\\'Brien'] + $good), 'HMAC-SHA-256'],
        ];
    }

    /** @dataProvider forged */
    public function test_forged_or_altered_notifications_throw_signature_exceptions(string $body, string $algorithm): void
    {
        $this->expectException(Systempay\SignatureException::class);
        Systempay\parse_notification($body, self::KEYS, $algorithm);
    }

    public function test_no_key_for_the_notified_mode_is_a_signature_error(): void
    {
        $this->expectException(Systempay\SignatureException::class);
        Systempay\parse_notification(http_build_query(signed_notification(notification_fields('PRODUCTION'), PROD_KEY)), ['TEST' => TEST_KEY, 'PRODUCTION' => null], 'HMAC-SHA-256');
    }

    public static function malformed(): array
    {
        $signedWith = static function (array $changes): string {
            return http_build_query(signed_notification(array_merge(notification_fields(), $changes)));
        };
        $body = http_build_query(signed_notification(notification_fields()));
        return [
            'missing mode' => [http_build_query(array_diff_key(signed_notification(notification_fields()), ['vads_ctx_mode' => 1]))],
            'duplicate field' => [$body . '&vads_amount=1'],
            'bad percent escape' => [$body . '&x=%zz'],
            'decimal amount' => [$signedWith(['vads_amount' => '12.34'])],
            'alpha currency' => [$signedWith(['vads_currency' => 'EUR'])],
            'short site id' => [$signedWith(['vads_site_id' => '1234'])],
            'missing status' => [$signedWith(['vads_trans_status' => ''])],
            'non-UTF-8 value' => [$signedWith(['vads_cust_last_name' => "M\xfcller"])],
            'huge body' => [$body . '&pad=' . str_repeat('a', 300 * 1024)],
            'empty body' => [''],
        ];
    }

    /** @dataProvider malformed */
    public function test_malformed_notifications_throw_malformed_exceptions(string $body): void
    {
        $this->expectException(Systempay\MalformedException::class);
        Systempay\parse_notification($body, self::KEYS, 'HMAC-SHA-256');
    }

    public function test_nested_arrays_in_decoded_input_are_malformed(): void
    {
        $this->expectException(Systempay\MalformedException::class);
        Systempay\parse_notification(['vads_amount' => ['1']] + signed_notification(notification_fields()), self::KEYS, 'HMAC-SHA-256');
    }

    public function test_bad_arguments_are_invalid_argument_exceptions(): void
    {
        foreach ([
            fn () => Systempay\parse_notification(42, self::KEYS, 'HMAC-SHA-256'),
            fn () => Systempay\parse_notification(null, self::KEYS, 'HMAC-SHA-256'),
            fn () => Systempay\parse_notification('', ['test' => TEST_KEY], 'HMAC-SHA-256'),
            fn () => Systempay\parse_notification('', ['TEST' => ['x']], 'HMAC-SHA-256'),
            fn () => Systempay\parse_notification('', self::KEYS, 'MD5'),
        ] as $i => $call) {
            try {
                $call();
                $this->fail("case $i accepted");
            } catch (Systempay\InvalidArgumentException $e) {
                $this->assertStringNotContainsString(TEST_KEY, $e->getMessage());
            }
        }
    }

    public function test_notification_cannot_be_built_from_php(): void
    {
        $this->expectException(Throwable::class);
        new Systempay\Notification();
    }

    public function test_exception_messages_never_contain_keys(): void
    {
        $secret = 'SUPERSECRETKEY1234';
        try {
            Systempay\parse_notification(http_build_query(signed_notification(notification_fields(), 'other')), ['TEST' => $secret], 'HMAC-SHA-256');
            $this->fail('accepted');
        } catch (Systempay\SignatureException $e) {
            $this->assertStringNotContainsString($secret, $e->getMessage());
            $this->assertStringNotContainsString($secret, (string) $e);
        }
    }
}
