<?php
/**
 * Systempay for modified eCommerce: the module's ledger of what it has done to each order, so that
 * every effect of a payment result happens exactly once even on the shop's MyISAM tables, where a
 * rollback undoes nothing.
 *
 * A result is applied in two steps under the order's named lock (GET_LOCK, held across commits and
 * freed by the server if the request dies): (1) in one InnoDB transaction, the decision is recorded
 * on the attempt together with the journal of effects it calls for; (2) the journal is carried
 * out, each effect marked done in the ledger as soon as it has happened. A request that fails
 * half-way answers 503; the platform's retry (or any later result for the order) first finishes the
 * journal it finds, and each effect can tell whether it already happened:
 *  - the order status is set to a value (repeating it changes nothing);
 *  - a history row carries its event's tag and is only inserted when no row has it;
 *  - the stock has its state in the ledger: on transactional shop tables the move and the new state
 *    commit together; on MyISAM the ledger says "moving" first, and a move found interrupted is never
 *    repeated (flagged for the admin instead: a duplicated restock would oversell);
 *  - the owner's alert is sent again only when it was not marked sent (at least once).
 */
// Loaded by the shop only (its bootstrap defines DIR_FS_CATALOG; only the admin top defines _VALID_XTC).
defined('DIR_FS_CATALOG') or die('Direct Access to this location is not allowed.');

require_once __DIR__ . '/SystempayStore.php';
require_once __DIR__ . '/SystempayStock.php';

class SystempayLedger
{
    const TABLE = 'systempay_order';
    const REFUNDS = 'systempay_refund';
    /** Seconds a request waits for another one working on the same order before answering 503. */
    const LOCK_WAIT_SECONDS = 20;

    /** Schema step 2 (SystempaySchema): the ledger, refunds and operations tables, if missing. */
    public static function createTables()
    {
        $options = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci';
        SystempayStore::query("CREATE TABLE IF NOT EXISTS " . self::TABLE . " (
            orders_id INT UNSIGNED NOT NULL,
            stock_state VARCHAR(10) NOT NULL DEFAULT 'taken',
            journal MEDIUMTEXT NULL,
            updated_at DATETIME NOT NULL,
            PRIMARY KEY (orders_id)
        ) $options");
        SystempayStore::query("CREATE TABLE IF NOT EXISTS " . self::REFUNDS . " (
            id INT UNSIGNED NOT NULL AUTO_INCREMENT,
            orders_id INT UNSIGNED NOT NULL,
            trans_day DATE NOT NULL,
            trans_id CHAR(6) NOT NULL,
            trans_uuid CHAR(32) NULL,
            ctx_mode VARCHAR(10) NOT NULL,
            amount_minor BIGINT NOT NULL,
            currency CHAR(3) NOT NULL,
            status VARCHAR(40) NOT NULL,
            outcome VARCHAR(10) NOT NULL,
            source VARCHAR(10) NOT NULL,
            created_at DATETIME NOT NULL,
            updated_at DATETIME NOT NULL,
            PRIMARY KEY (id),
            UNIQUE KEY uniq_refund_per_day (trans_day, trans_id),
            UNIQUE KEY uniq_refund_uuid (trans_uuid),
            KEY idx_orders_id (orders_id)
        ) $options");
        require_once __DIR__ . '/SystempayOperations.php';
        SystempayOperations::createTables();
    }

    private static function lockName($ordersId)
    {
        // Named locks are server-wide: the database name keeps two shops on one server apart.
        return substr('systempay:' . (defined('DB_DATABASE') ? DB_DATABASE : '') . ':' . (int) $ordersId, 0, 64);
    }

    /**
     * Runs $work while holding the order's lock, after finishing any journal an earlier request
     * left, and finishes the journal $work wrote before letting go. Throws SystempayStoreException
     * (answer 503) when the lock cannot be had or an effect fails.
     */
    public static function withOrder($ordersId, $work)
    {
        SystempaySchema::ensure();
        $name = self::lockName($ordersId);
        $got = SystempayStore::fetch("SELECT GET_LOCK('" . xtc_db_input($name) . "', " . self::LOCK_WAIT_SECONDS . ") AS got");
        if ($got === null || (string) $got['got'] !== '1') {
            throw new SystempayStoreException('order is locked by another request');
        }
        try {
            self::runJournal($ordersId);
            $value = call_user_func($work);
            self::runJournal($ordersId);
            return $value;
        } finally {
            xtc_db_query("SELECT RELEASE_LOCK('" . xtc_db_input($name) . "')");
        }
    }

    /** The ledger row, created on first use (inside the decision's transaction: locked for it). */
    public static function row($ordersId)
    {
        $ordersId = (int) $ordersId;
        SystempayStore::query("INSERT IGNORE INTO " . self::TABLE . " (orders_id, stock_state, updated_at) VALUES (" . $ordersId . ", 'taken', UTC_TIMESTAMP())");
        return SystempayStore::fetch("SELECT * FROM " . self::TABLE . " WHERE orders_id = " . $ordersId . " FOR UPDATE");
    }

    /**
     * Records the effects a decision calls for (called inside the decision's transaction, so the
     * decision and its journal commit together). Effects: status, history, stock, alert.
     */
    public static function writeJournal($ordersId, array $effects)
    {
        if (!$effects) {
            return;
        }
        self::row($ordersId);
        SystempayStore::query("UPDATE " . self::TABLE . " SET journal = '" . xtc_db_input(json_encode(array_values($effects))) . "', updated_at = UTC_TIMESTAMP()
            WHERE orders_id = " . (int) $ordersId);
    }

    /** Carries out what is left of the order's journal, marking each effect done as it happens. */
    public static function runJournal($ordersId)
    {
        $ordersId = (int) $ordersId;
        $row = SystempayStore::fetch("SELECT journal FROM " . self::TABLE . " WHERE orders_id = " . $ordersId);
        if ($row === null || $row['journal'] === null || $row['journal'] === '') {
            return;
        }
        $effects = json_decode($row['journal'], true);
        if (!is_array($effects)) {
            throw new SystempayStoreException('unreadable journal');
        }
        foreach ($effects as $index => $effect) {
            if (!empty($effect['done'])) {
                continue;
            }
            self::perform($ordersId, $effect);
            $effects[$index]['done'] = true;
            SystempayStore::query("UPDATE " . self::TABLE . " SET journal = '" . xtc_db_input(json_encode($effects)) . "', updated_at = UTC_TIMESTAMP()
                WHERE orders_id = " . $ordersId);
        }
        SystempayStore::query("UPDATE " . self::TABLE . " SET journal = NULL, updated_at = UTC_TIMESTAMP() WHERE orders_id = " . $ordersId);
    }

    private static function perform($ordersId, array $effect)
    {
        switch ($effect['type']) {
            case 'status':
                SystempayStore::query("UPDATE " . TABLE_ORDERS . " SET orders_status = " . (int) $effect['status_id'] . ", last_modified = now() WHERE orders_id = " . $ordersId);
                return;
            case 'history':
                self::addHistoryOnce($ordersId, (int) $effect['status_id'], (string) $effect['comment'], (string) $effect['tag']);
                return;
            case 'stock':
                self::moveStock($ordersId, $effect['to'] === 'restored' ? 'restored' : 'taken');
                return;
            case 'basket':
                self::clearPaidItemsFromBasket($ordersId);
                return;
            case 'alert':
                require_once __DIR__ . '/SystempayOwnerAlert.php';
                SystempayOwnerAlert::send($ordersId, (string) $effect['subject'], (string) $effect['body']);
                return;
        }
        throw new SystempayStoreException('unknown journal effect');
    }

    /**
     * A paid order whose buyer never came back (tab closed): the shop's checkout would have emptied the
     * cart, so the order's products leave the buyer's stored cart, which the shop restores at the next
     * login (no second purchase of what is paid). Only what was in the cart when the order was placed:
     * a product put in the cart again later stays. Deleting is safe to repeat.
     */
    private static function clearPaidItemsFromBasket($ordersId)
    {
        $order = SystempayStore::fetch("SELECT customers_id, date_purchased FROM " . TABLE_ORDERS . " WHERE orders_id = " . (int) $ordersId);
        if ($order === null || (int) $order['customers_id'] <= 0) {
            return;
        }
        $customer = (int) $order['customers_id'];
        $placed = xtc_db_input((string) $order['date_purchased']);
        foreach (SystempayStore::allRows(SystempayStore::query("SELECT DISTINCT products_id FROM " . TABLE_ORDERS_PRODUCTS . " WHERE orders_id = " . (int) $ordersId)) as $product) {
            // The cart's products_id is the product, or the product with its attributes ("12{3}4").
            $id = (int) $product['products_id'];
            $match = "customers_id = " . $customer . " AND (products_id = '" . $id . "' OR products_id LIKE '" . $id . "{%')";
            $rows = SystempayStore::allRows(SystempayStore::query("SELECT customers_basket_id, products_id FROM " . TABLE_CUSTOMERS_BASKET . " WHERE " . $match . "
                AND (customers_basket_date_added IS NULL OR customers_basket_date_added <= '" . $placed . "')"));
            foreach ($rows as $row) {
                $key = xtc_db_input((string) $row['products_id']);
                SystempayStore::query("DELETE FROM " . TABLE_CUSTOMERS_BASKET . " WHERE customers_basket_id = " . (int) $row['customers_basket_id']);
                // Its attributes go with it, unless a later row of the same product still uses them.
                if (SystempayStore::fetch("SELECT customers_basket_id FROM " . TABLE_CUSTOMERS_BASKET . " WHERE customers_id = " . $customer . " AND products_id = '" . $key . "' LIMIT 1") === null) {
                    SystempayStore::query("DELETE FROM " . TABLE_CUSTOMERS_BASKET_ATTRIBUTES . " WHERE customers_id = " . $customer . " AND products_id = '" . $key . "'");
                }
            }
        }
    }

    /** One history row per event: its tag ends the comment, and a row with the tag is never added twice. */
    private static function addHistoryOnce($ordersId, $statusId, $comment, $tag)
    {
        $tagged = $comment . ' [' . $tag . ']';
        $like = '%' . addcslashes('[' . $tag . ']', '%_\\') . '%';
        if (SystempayStore::fetch("SELECT orders_status_history_id FROM " . TABLE_ORDERS_STATUS_HISTORY . " WHERE orders_id = " . $ordersId . "
                AND comments LIKE '" . xtc_db_input($like) . "' LIMIT 1") !== null) {
            return;
        }
        SystempayStore::query("INSERT INTO " . TABLE_ORDERS_STATUS_HISTORY . " (orders_id, orders_status_id, date_added, customer_notified, comments)
            VALUES (" . $ordersId . ", " . $statusId . ", now(), 0, '" . xtc_db_input($tagged) . "')");
    }

    /** @var bool|null the shop's stock tables are all transactional */
    private static $stockTransactional = null;

    private static function stockIsTransactional()
    {
        if (self::$stockTransactional === null) {
            $tables = array_map(static function ($table) {
                return "'" . xtc_db_input($table) . "'";
            }, SystempayStock::tables());
            $row = SystempayStore::fetch("SELECT COUNT(*) AS n, SUM(ENGINE = 'InnoDB') AS innodb FROM INFORMATION_SCHEMA.TABLES
                WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME IN (" . implode(', ', $tables) . ")");
            self::$stockTransactional = $row !== null && (int) $row['n'] === count($tables) && (int) $row['innodb'] === (int) $row['n'];
        }
        return self::$stockTransactional;
    }

    /**
     * Moves the order's stock to $to ('taken' or 'restored') unless it is there already. A move found
     * interrupted on non-transactional tables is not repeated: the state is set and the order flagged.
     */
    private static function moveStock($ordersId, $to)
    {
        $row = self::row($ordersId);
        $state = $row === null ? 'taken' : $row['stock_state'];
        if ($state === $to) {
            return;
        }
        $moving = $to === 'restored' ? 'restoring' : 'taking';
        if (!SystempayStock::enabled()) {
            self::setStockState($ordersId, $to); // the shop took nothing at checkout: nothing to move
            return;
        }
        if ($state === 'restoring' || $state === 'taking') {
            self::setStockState($ordersId, $state === 'restoring' ? 'restored' : 'taken');
            SystempayStore::flagOrder($ordersId, 'stock movement (' . $state . ') was interrupted: check the stock of this order\'s products');
            if (($state === 'restoring' ? 'restored' : 'taken') === $to) {
                return;
            }
        }
        if (self::stockIsTransactional()) {
            SystempayStore::query('START TRANSACTION');
            try {
                $to === 'restored' ? SystempayStock::restore($ordersId) : SystempayStock::take($ordersId);
                self::setStockState($ordersId, $to);
                SystempayStore::query('COMMIT');
            } catch (Exception $e) {
                xtc_db_query('ROLLBACK');
                throw $e;
            }
            return;
        }
        self::setStockState($ordersId, $moving);
        $to === 'restored' ? SystempayStock::restore($ordersId) : SystempayStock::take($ordersId);
        self::setStockState($ordersId, $to);
    }

    private static function setStockState($ordersId, $state)
    {
        SystempayStore::query("UPDATE " . self::TABLE . " SET stock_state = '" . xtc_db_input($state) . "', updated_at = UTC_TIMESTAMP() WHERE orders_id = " . (int) $ordersId);
    }

    public static function stockState($ordersId)
    {
        $row = SystempayStore::fetch("SELECT stock_state FROM " . self::TABLE . " WHERE orders_id = " . (int) $ordersId);
        return $row === null ? 'taken' : $row['stock_state'];
    }

    /** Refunds recorded for the order, oldest first. */
    public static function refunds($ordersId)
    {
        return SystempayStore::allRows(SystempayStore::query("SELECT * FROM " . self::REFUNDS . " WHERE orders_id = " . (int) $ordersId . " ORDER BY id"));
    }
}
