<?php
/**
 * Systempay for modified eCommerce: the version of the module's tables, and the steps that bring an
 * older install up to it. The version is kept in a table of its own (systempay_schema), not in the
 * shop's configuration: uninstalling deletes the settings but keeps the tables, so the version must
 * stay with them. A module updated by copying its new files migrates at the first request that needs
 * the tables (a notification, a checkout, the admin), whichever comes first.
 */
// Loaded by the shop only (its bootstrap defines DIR_FS_CATALOG; only the admin top defines _VALID_XTC).
defined('DIR_FS_CATALOG') or die('Direct Access to this location is not allowed.');

require_once __DIR__ . '/SystempayStore.php';
require_once __DIR__ . '/SystempayConfig.php';

class SystempaySchema
{
    const TABLE = 'systempay_schema';
    /**
     * The tables' layout this version of the module works with:
     * 1 – the first release: attempts (systempay_transaction), the per-day counter, the event log;
     * 2 – 1.0.0: the order mail's state, reviews and the embedded form's columns on the attempts,
     *     the order ledger, refunds, and the operations started from the shop admin.
     */
    const VERSION = 2;
    /** Seconds a request waits for another one that is migrating. */
    const LOCK_WAIT_SECONDS = 30;

    /** @var bool the tables are known to be at VERSION in this request */
    private static $current = false;

    /**
     * Brings the tables up to VERSION if they are older (or missing): one query per request when
     * they are current. Throws SystempayStoreException when that is not possible right now.
     */
    public static function ensure()
    {
        if (self::$current) {
            return;
        }
        if (self::recordedVersion() < self::VERSION) {
            self::migrate();
        }
        self::$current = true;
    }

    /** The version the tables were last brought to; 0 when the module never created them. */
    public static function recordedVersion()
    {
        // SHOW TABLES answers "none" without an SQL error, which the shop would log.
        if (!self::tableExists(self::TABLE)) {
            return self::tableExists(SystempayStore::TRANSACTIONS) ? 1 : 0;
        }
        $row = SystempayStore::fetch("SELECT version FROM " . self::TABLE . " WHERE id = 1");
        return $row === null ? 1 : (int) $row['version'];
    }

    private static function tableExists($table)
    {
        return SystempayStore::fetch("SHOW TABLES LIKE '" . xtc_db_input(str_replace('_', '\\_', $table)) . "'") !== null;
    }

    /**
     * Runs the steps above the recorded version, in order, each followed by recording its number.
     * A lock for this database makes concurrent first requests after an update wait for the one that
     * migrates; every step is idempotent as well, so a step cut short (timeout, lost connection) is
     * simply run again whole by the next request.
     */
    private static function migrate()
    {
        $lock = substr('systempay:' . (defined('DB_DATABASE') ? DB_DATABASE : '') . ':schema', 0, 64);
        $got = SystempayStore::fetch("SELECT GET_LOCK('" . xtc_db_input($lock) . "', " . self::LOCK_WAIT_SECONDS . ") AS got");
        if ($got === null || (string) $got['got'] !== '1') {
            throw new SystempayStoreException('the tables are being updated by another request');
        }
        try {
            $version = self::recordedVersion();
            SystempayStore::query("CREATE TABLE IF NOT EXISTS " . self::TABLE . " (
                id TINYINT UNSIGNED NOT NULL,
                version INT UNSIGNED NOT NULL,
                module_version VARCHAR(20) NOT NULL,
                updated_at DATETIME NOT NULL,
                PRIMARY KEY (id)
            ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci");
            foreach (self::steps() as $to => $step) {
                if ($to > $version) {
                    call_user_func($step);
                    self::record($to);
                }
            }
        } finally {
            SystempayStore::fetch("SELECT RELEASE_LOCK('" . xtc_db_input($lock) . "') AS released");
        }
    }

    /** @return array<int, callable> version => the step that brings the tables from the one before to it */
    private static function steps()
    {
        return array(
            1 => array('SystempayStore', 'createTables'),
            2 => static function () {
                SystempayStore::addColumnsSinceFirstRelease();
                require_once __DIR__ . '/SystempayLedger.php';
                SystempayLedger::createTables();
            },
        );
    }

    private static function record($version)
    {
        SystempayStore::query("INSERT INTO " . self::TABLE . " (id, version, module_version, updated_at)
            VALUES (1, " . (int) $version . ", '" . xtc_db_input(SystempayConfig::MODULE_VERSION) . "', UTC_TIMESTAMP())
            ON DUPLICATE KEY UPDATE version = GREATEST(version, VALUES(version)), module_version = VALUES(module_version), updated_at = VALUES(updated_at)");
    }
}
