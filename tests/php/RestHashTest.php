<?php
use PHPUnit\Framework\TestCase;

final class RestHashTest extends TestCase
{
    private const KEY = 'VgbDd550wI6W1rwODGy56QAUkUQwIEdwXG5ziDUUC72BS';
    private const PASSWORD = 'testpassword_SbEbeOueaMDyg8Rtei1bSaiB5lms9V0ZDjzldGXGAnIwH';

    public function test_accepts_the_exact_hash_of_the_raw_answer(): void
    {
        $answer = '{"shopId":"73239078","orderStatus":"PAID","orderDetails":{"orderTotalAmount":990,"orderCurrency":"EUR","mode":"TEST","orderId":"42"},"customer":{"billingDetails":{"firstName":"Zoë"}}}';
        $hash = hash_hmac('sha256', $answer, self::KEY);
        $this->assertTrue(Systempay\verify_rest_hash($answer, $hash, self::KEY));
        $this->assertTrue(Systempay\verify_rest_hash(krAnswer: $answer, krHash: hash_hmac('sha256', $answer, self::PASSWORD), key: self::PASSWORD));
        $this->assertFalse(Systempay\verify_rest_hash($answer, strtoupper($hash), self::KEY));
        $this->assertFalse(Systempay\verify_rest_hash($answer, substr($hash, 0, 63), self::KEY));
        $this->assertFalse(Systempay\verify_rest_hash($answer, '', self::KEY));
        $this->assertFalse(Systempay\verify_rest_hash($answer, $hash, self::PASSWORD));
        $this->assertFalse(Systempay\verify_rest_hash(str_replace('990', '991', $answer), $hash, self::KEY));
        $this->assertFalse(Systempay\verify_rest_hash(json_encode(json_decode($answer)), $hash, self::KEY), 're-encoded JSON is not the raw answer');
    }
}
