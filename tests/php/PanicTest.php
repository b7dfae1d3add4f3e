<?php
use PHPUnit\Framework\TestCase;

/**
 * Runs against the debug build made with the `test-probes` feature; scripts/test.sh excludes the
 * group from the release run.
 *
 * @group probes
 */
final class PanicTest extends TestCase
{
    public function test_a_panic_in_the_binding_becomes_a_systempay_exception(): void
    {
        $this->assertTrue(function_exists('Systempay\__test_panic'), 'run against the test-probes build');
        try {
            Systempay\__test_panic('boom with a secret');
            $this->fail('no exception');
        } catch (Systempay\Exception $e) {
            $this->assertStringContainsString('internal error', $e->getMessage());
            $this->assertStringNotContainsString('secret', $e->getMessage());
        }
        // The process carries on normally after the caught panic.
        $this->assertSame(1234, Systempay\to_minor_units('12.34', 'EUR'));
    }
}
