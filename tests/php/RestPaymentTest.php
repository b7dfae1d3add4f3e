<?php
use PHPUnit\Framework\TestCase;

/** The embedded form's functions through real PHP: the CreatePayment body, the answer envelope, a REST result. */
final class RestPaymentTest extends TestCase
{
    private const HMAC = 'hmac-test-key';
    private const PASSWORD = 'testpassword_x';

    private static function payment(array $extra = array()): array
    {
        return $extra + array('order_id' => '42', 'amount' => '54.80', 'currency' => 'EUR', 'trans_id' => '000123',
            'trans_date' => '20261205101112', 'ipn_url' => 'https://shop.example/callback/systempay/process.php',
            'cust_email' => 'zoe@example.com', 'cust_first_name' => 'Zoé', 'ext_info' => array('shop_order' => '42'));
    }

    public function test_builds_the_create_payment_body(): void
    {
        $json = Systempay\build_rest_payment(array('site_id' => '12345678', 'ctx_mode' => 'TEST'), self::payment());
        $body = json_decode($json, true);
        $this->assertSame(5480, $body['amount']);
        $this->assertSame('EUR', $body['currency']);
        $this->assertSame('Zoé', $body['customer']['billingDetails']['firstName']);
        $this->assertSame(array('shop_order' => '42', 'systempay_trans_date' => '20261205101112', 'systempay_trans_id' => '000123'), $body['metadata']);
        $jpy = json_decode(Systempay\build_rest_payment(array('site_id' => '12345678', 'ctx_mode' => 'TEST'), self::payment(array('currency' => 'JPY', 'amount' => '5480'))), true);
        $this->assertSame(array(5480, 'JPY'), array($jpy['amount'], $jpy['currency']));
    }

    public function test_refuses_bad_shop_values_naming_the_field(): void
    {
        $this->expectException(Systempay\InvalidArgumentException::class);
        $this->expectExceptionMessage('payment[ipn_url]');
        Systempay\build_rest_payment(array('site_id' => '12345678', 'ctx_mode' => 'TEST'), self::payment(array('ipn_url' => 'ftp://x')));
    }

    public function test_reads_the_envelope(): void
    {
        $ok = Systempay\rest_form_token('{"status":"SUCCESS","answer":{"formToken":"abc.DEF-1"}}', 200);
        $this->assertSame('abc.DEF-1', $ok['form_token']);
        $this->assertNull($ok['error_code']);
        $failed = Systempay\rest_form_token('{"status":"ERROR","answer":{"errorCode":"INT_902","errorMessage":"web-service authentication failed"}}', 401);
        $this->assertNull($failed['form_token']);
        $this->assertSame(array('INT_902', 'web-service authentication failed', 401), array($failed['error_code'], $failed['error_message'], $failed['http_status']));
        $this->assertSame('HTTP_502', Systempay\rest_form_token('<html>', 502)['error_code']);
    }

    private static function answer(string $mode = 'TEST'): string
    {
        return '{"shopId":"12345678","orderCycle":"CLOSED","orderStatus":"PAID","orderDetails":{"orderTotalAmount":5480,"orderCurrency":"EUR","mode":"' . $mode . '","orderId":"42"},'
            . '"transactions":[{"uuid":"0123456789abcdef0123456789abcdef","amount":5480,"currency":"EUR","detailedStatus":"AUTHORISED","operationType":"DEBIT",'
            . '"metadata":{"systempay_trans_id":"000123","systempay_trans_date":"20261205101112"}}],"_type":"V4\/Payment"}';
    }

    private static function post(string $answer, string $key, string $kind): array
    {
        return array('kr-hash' => hash_hmac('sha256', $answer, $key), 'kr-hash-algorithm' => 'sha256_hmac', 'kr-hash-key' => $kind,
            'kr-answer-type' => 'V4/Payment', 'kr-answer' => $answer);
    }

    public function test_a_rest_result_is_a_notification_of_its_mode(): void
    {
        $keys = array('TEST' => self::HMAC, 'PRODUCTION' => null);
        $passwords = array('TEST' => self::PASSWORD, 'PRODUCTION' => null);
        $return = Systempay\parse_rest_result(self::post(self::answer(), self::HMAC, 'sha256_hmac'), $keys, $passwords);
        $this->assertTrue($return->isRest());
        $this->assertFalse($return->isServerNotification());
        $this->assertSame(array('AUTHORISED', 'TEST', '42', '000123', 5480, '978', 'RETURN'),
            array($return->status(), $return->ctxMode(), $return->orderId(), $return->transId(), $return->amountMinor(), $return->currency(), $return->source()));
        $ipn = Systempay\parse_rest_result(http_build_query(self::post(self::answer(), self::PASSWORD, 'password') + array('kr-src' => 'RETRY')), $keys, $passwords);
        $this->assertTrue($ipn->isServerNotification());
        $this->assertSame('RETRY', $ipn->source());
    }

    public function test_a_result_signed_with_the_wrong_key_or_mode_is_refused(): void
    {
        $keys = array('TEST' => self::HMAC, 'PRODUCTION' => 'hmac-prod');
        $passwords = array('TEST' => self::PASSWORD, 'PRODUCTION' => 'prodpassword_x');
        foreach (array(array(self::answer('PRODUCTION'), self::HMAC, 'sha256_hmac'), array(self::answer(), self::PASSWORD, 'sha256_hmac'), array(self::answer(), self::HMAC, 'password')) as list($answer, $key, $kind)) {
            try {
                Systempay\parse_rest_result(self::post($answer, $key, $kind), $keys, $passwords);
                $this->fail("accepted $kind with the wrong key");
            } catch (Systempay\SignatureException $e) {
                $this->assertStringNotContainsString($key, $e->getMessage(), 'no key in the message');
            }
        }
        $this->expectException(Systempay\MalformedException::class);
        Systempay\parse_rest_result(array('kr-answer' => '{}', 'kr-hash' => 'x', 'kr-hash-algorithm' => 'sha1', 'kr-hash-key' => 'password'), $keys, $passwords);
    }

    public function test_the_answer_of_the_shop_own_operation_maps_to_a_back_office_result(): void
    {
        $refund = '{"shopId":"12345678","uuid":"fedcba9876543210fedcba9876543210","amount":1000,"currency":"EUR","detailedStatus":"CAPTURED",'
            . '"operationType":"CREDIT","orderDetails":{"mode":"TEST","orderId":"42"},"transactionDetails":{"cardDetails":{"legacyTransId":"912346","legacyTransDate":"2026-12-05T11:00:00+00:00"}}}';
        $n = Systempay\operation_result($refund, 'TEST');
        $this->assertSame(array(true, true, true, 'MERCH_BO', '912346'), array($n->isCredit(), $n->isServerNotification(), $n->isSourceSigned(), $n->source(), $n->transId()));
        $this->expectException(Systempay\MalformedException::class);
        Systempay\operation_result($refund, 'PRODUCTION');
    }
}
