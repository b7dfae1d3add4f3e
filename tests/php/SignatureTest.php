<?php
use PHPUnit\Framework\TestCase;

final class SignatureTest extends TestCase
{
    public static function vectors(): array
    {
        $vectors = json_decode(file_get_contents(__DIR__ . '/../vectors/signature_vectors.json'), true, 16, JSON_THROW_ON_ERROR);
        $cases = [];
        foreach ($vectors as $v) {
            $cases[$v['name']] = [$v['algorithm'], $v['key'], $v['fields'], $v['signature']];
        }
        return $cases;
    }

    /** @dataProvider vectors */
    public function test_vector_signs_and_verifies(string $algorithm, string $key, array $fields, string $expected): void
    {
        $this->assertSame($expected, Systempay\sign($fields, $key, $algorithm));
        $this->assertSame($expected, reference_signature($fields, $key, $algorithm), 'the PHP reference agrees');
        $this->assertTrue(Systempay\verify(array_replace($fields, ['signature' => $expected]), $key, $algorithm));
    }

    /** @dataProvider vectors */
    public function test_truncated_empty_overlong_missing_or_recased_signatures_fail(string $algorithm, string $key, array $fields, string $expected): void
    {
        foreach (['', substr($expected, 0, -1), substr($expected, 0, 8), $expected . '=', $expected . '0', strtoupper($expected), ' ' . $expected] as $bad) {
            if ($bad === $expected) {
                continue; // upper-casing an all-digit value changes nothing
            }
            $this->assertFalse(Systempay\verify(array_replace($fields, ['signature' => $bad]), $key, $algorithm), var_export($bad, true));
        }
        $this->assertFalse(Systempay\verify(array_diff_key($fields, ['signature' => 1]), $key, $algorithm), 'no signature field');
        $this->assertFalse(Systempay\verify(array_replace($fields, ['signature' => null]), $key, $algorithm));
        $this->assertFalse(Systempay\verify(array_replace($fields, ['signature' => 123]), $key, $algorithm));
        $this->assertFalse(Systempay\verify(array_replace($fields, ['signature' => $expected]), 'other key', $algorithm));
    }

    public function test_default_algorithm_is_hmac_sha_256(): void
    {
        $fields = ['vads_amount' => '100'];
        $this->assertSame(Systempay\sign($fields, 'k', 'HMAC-SHA-256'), Systempay\sign($fields, 'k'));
        $this->assertSame(44, strlen(Systempay\sign($fields, 'k')));
    }

    public function test_ints_and_nulls_are_signed_as_their_text(): void
    {
        $this->assertSame(
            Systempay\sign(['vads_amount' => '1234', 'vads_x' => ''], TEST_KEY),
            Systempay\sign(['vads_amount' => 1234, 'vads_x' => null], TEST_KEY)
        );
    }

    public function test_integer_keys_and_non_vads_entries_are_ignored(): void
    {
        $fields = ['vads_amount' => '100'];
        $this->assertSame(Systempay\sign($fields, 'k'), Systempay\sign($fields + [0 => 'x', 7 => ['nested'], 'VADS_AMOUNT' => 'y', 'kr-answer' => '{}'], 'k'));
        $this->assertSame(Systempay\sign([], 'k'), Systempay\sign(['a', 'b'], 'k'), 'a plain list has no signed field');
    }

    public function test_values_of_other_types_are_refused_naming_the_field(): void
    {
        foreach ([['x'], 1.5, true, new stdClass()] as $bad) {
            try {
                Systempay\sign(['vads_amount' => '1', 'vads_bad' => $bad], 'k');
                $this->fail('accepted ' . get_debug_type($bad));
            } catch (Systempay\InvalidArgumentException $e) {
                $this->assertStringContainsString('fields[vads_bad]', $e->getMessage());
            }
        }
    }

    public function test_references_are_followed(): void
    {
        $amount = '1234';
        $fields = ['vads_amount' => &$amount];
        $this->assertSame(Systempay\sign(['vads_amount' => '1234'], 'k'), Systempay\sign($fields, 'k'));
    }

    public function test_unknown_algorithms_throw(): void
    {
        foreach (['MD5', 'sha-1', 'HMAC-SHA256', ''] as $name) {
            try {
                Systempay\sign([], 'k', $name);
                $this->fail("accepted $name");
            } catch (Systempay\InvalidArgumentException $e) {
                $this->assertInstanceOf(RuntimeException::class, $e);
            }
        }
        $this->expectException(Systempay\InvalidArgumentException::class);
        Systempay\verify(['signature' => 'x'], 'k', 'SHA-256');
    }

    public function test_messages_never_contain_the_key(): void
    {
        $key = 'SECRETKEY-do-not-print-0123456789';
        foreach ([fn () => Systempay\sign(['vads_a' => []], $key, 'MD5'), fn () => Systempay\sign(['vads_a' => []], $key)] as $call) {
            try {
                $call();
                $this->fail('no exception');
            } catch (Systempay\Exception $e) {
                $this->assertStringNotContainsString('SECRETKEY', $e->getMessage());
            }
        }
    }

    public function test_huge_inputs_are_handled(): void
    {
        $fields = [];
        for ($i = 0; $i < 10000; $i++) {
            $fields["vads_f$i"] = str_repeat('é', 50);
        }
        $fields['vads_big'] = str_repeat('x', 5 * 1024 * 1024);
        $sig = Systempay\sign($fields, TEST_KEY);
        $this->assertSame(reference_signature($fields, TEST_KEY, 'HMAC-SHA-256'), $sig);
        $this->assertTrue(Systempay\verify($fields + ['signature' => $sig], TEST_KEY));
    }

    public function test_binary_keys_and_values_are_signed_as_bytes(): void
    {
        $fields = ['vads_bin' => "\x00\xff\xfe" . 'ok', 'vads_latin1' => "M\xfcller"];
        $key = "bin\x00ary";
        $this->assertSame(reference_signature($fields, $key, 'HMAC-SHA-256'), Systempay\sign($fields, $key));
        $this->assertSame(reference_signature($fields, $key, 'SHA-1'), Systempay\sign($fields, $key, 'SHA-1'));
    }

    public function test_arguments_of_the_wrong_type_raise_type_errors(): void
    {
        $this->expectException(TypeError::class);
        Systempay\sign('not an array', 'k');
    }
}
