<?php
use PHPUnit\Framework\TestCase;

/** The extension as an admin and an IDE see it: phpinfo(), reflection, the stub, the exception tree. */
final class ExtensionTest extends TestCase
{
    public function test_phpinfo_has_a_systempay_section(): void
    {
        ob_start();
        phpinfo(INFO_MODULES);
        $info = ob_get_clean();
        $this->assertMatchesRegularExpression('/systempay support => enabled/', $info);
        $this->assertMatchesRegularExpression('/version => \d+\.\d+\.\d+/', $info);
        $this->assertMatchesRegularExpression('/build profile => (release|debug)/', $info);
        $this->assertStringContainsString('signature algorithms => HMAC-SHA-256, SHA-1', $info);
        $this->assertSame(phpversion('systempay'), (new ReflectionExtension('systempay'))->getVersion());
    }

    public function test_exception_hierarchy(): void
    {
        $this->assertTrue(is_subclass_of(Systempay\Exception::class, RuntimeException::class));
        foreach (['InvalidArgumentException', 'SignatureException', 'MalformedException'] as $name) {
            $this->assertSame(Systempay\Exception::class, get_parent_class("Systempay\\$name"));
        }
        $e = new Systempay\SignatureException('message', 7, new LogicException('previous'));
        $this->assertSame('message', $e->getMessage());
        $this->assertSame(7, $e->getCode());
        $this->assertInstanceOf(LogicException::class, $e->getPrevious());
    }

    public function test_stub_matches_what_the_extension_exports(): void
    {
        $exported = self::describe(true);
        $command = escapeshellarg(PHP_BINARY) . ' -n ' . escapeshellarg(__DIR__ . '/describe_api.php') . ' ' . escapeshellarg(__DIR__ . '/../../systempay.stub.php');
        $stubbed = json_decode((string) shell_exec($command), true, 64, JSON_THROW_ON_ERROR);
        $this->assertNotEmpty($exported['functions']);
        $this->assertSame($exported, $stubbed);
    }

    public static function describe(bool $fromExtension): array
    {
        require_once __DIR__ . '/describe_api.php';
        return describe_systempay_api();
    }
}
