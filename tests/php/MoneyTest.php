<?php
use PHPUnit\Framework\TestCase;

final class MoneyTest extends TestCase
{
    public static function conversions(): array
    {
        return [
            ['12.34', 'EUR', 1234], ['12.34', '978', 1234], ['10.005', 'EUR', 1001], ['10.004', 'EUR', 1000],
            ['0', 'EUR', 0], ['7', 'EUR', 700], ['1500', 'JPY', 1500], ['1500.5', 'JPY', 1501], ['1500.49', '392', 1500],
            ['1.2345', 'KWD', 1235], ['0.001', 'TND', 1], ['9223372036854775807', 'JPY', PHP_INT_MAX],
        ];
    }

    /** @dataProvider conversions */
    public function test_to_minor_units(string $amount, string $currency, int $minor): void
    {
        $this->assertSame($minor, Systempay\to_minor_units($amount, $currency));
    }

    public function test_from_minor_units_and_round_trip(): void
    {
        $this->assertSame('12.34', Systempay\from_minor_units(1234, 'EUR'));
        $this->assertSame('0.05', Systempay\from_minor_units(5, 'EUR'));
        $this->assertSame('1500', Systempay\from_minor_units(1500, 'JPY'));
        $this->assertSame('1.235', Systempay\from_minor_units(1235, '414'));
        foreach (['EUR', 'JPY', 'KWD', 'USD', 'XPF', 'TND'] as $currency) {
            foreach ([0, 1, 99, 123456789, PHP_INT_MAX] as $minor) {
                $this->assertSame($minor, Systempay\to_minor_units(Systempay\from_minor_units($minor, $currency), $currency));
            }
        }
    }

    public function test_bad_amounts_and_currencies_throw(): void
    {
        foreach ([['', 'EUR'], ['-1', 'EUR'], ['1e3', 'EUR'], ['12,34', 'EUR'], [' 1', 'EUR'], ['NaN', 'EUR'], ['9223372036854775808', 'JPY'],
                  [str_repeat('9', 10000), 'EUR'], ['1', 'XXX'], ['1', ''], ['1', '9999']] as [$amount, $currency]) {
            try {
                Systempay\to_minor_units($amount, $currency);
                $this->fail("accepted $amount $currency");
            } catch (Systempay\InvalidArgumentException $e) {
                $this->assertLessThan(300, strlen($e->getMessage()));
            }
        }
        $this->expectException(Systempay\InvalidArgumentException::class);
        Systempay\from_minor_units(-1, 'EUR');
    }

    public function test_currency_info_and_languages(): void
    {
        $this->assertSame(['alpha3' => 'EUR', 'numeric' => '978', 'decimals' => 2], Systempay\currency_info('eur'));
        $this->assertSame(['alpha3' => 'JPY', 'numeric' => '392', 'decimals' => 0], Systempay\currency_info('392'));
        $this->assertNull(Systempay\currency_info('XYZ'));
        $this->assertSame(['de', 'en', 'zh', 'es', 'fr', 'it', 'ja', 'nl', 'pl', 'pt', 'ru', 'sv', 'tr'], Systempay\supported_languages());
    }

    public function test_wrong_argument_types_raise_type_errors(): void
    {
        $this->expectException(TypeError::class);
        Systempay\to_minor_units([], 'EUR');
    }
}
