<?php
require_once __DIR__ . '/ShopTestCase.php';

/**
 * A real-shop test against the local sandbox (sandbox/, port 8097, started for the class and stopped
 * by pid), the module configured with the sandbox's REST keys (embedded form, back office).
 */
abstract class SandboxTestCase extends ShopTestCase
{
    public static function setUpBeforeClass(): void
    {
        Sandbox::start();
    }

    public static function tearDownAfterClass(): void
    {
        Sandbox::stop();
    }

    protected function setUp(): void
    {
        parent::setUp();
        self::configure(RestPlatform::settings(Sandbox::base()));
    }
}
