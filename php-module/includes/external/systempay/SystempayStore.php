<?php
/**
 * Systempay for modified eCommerce: the module's own tables. They are InnoDB explicitly (the shop's
 * tables are usually MyISAM, where row locks do nothing) and utf8mb4. Every query result is checked:
 * the shop's xtc_db_query() only warns and returns false on an SQL error, and a failure here must
 * become "not recorded" (the notification endpoint then answers 503 so the platform retries).
 */
// Loaded by the shop only (its bootstrap defines DIR_FS_CATALOG; only the admin top defines _VALID_XTC).
defined('DIR_FS_CATALOG') or die('Direct Access to this location is not allowed.');

class SystempayStoreException extends RuntimeException
{
}

class SystempayStore
{
    const TRANSACTIONS = 'systempay_transaction';
    const COUNTER = 'systempay_trans_counter';
    const EVENTS = 'systempay_event';

    /**
     * Creates the tables (idempotent), each with every column it has now; SystempaySchema runs this and
     * the later steps. Uninstalling keeps them: payment history is the merchant's data.
     */
    public static function createTables()
    {
        $options = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci';
        self::query("CREATE TABLE IF NOT EXISTS " . self::TRANSACTIONS . " (
            id INT UNSIGNED NOT NULL AUTO_INCREMENT,
            orders_id INT UNSIGNED NOT NULL,
            trans_day DATE NOT NULL,
            trans_id CHAR(6) NOT NULL,
            trans_date CHAR(14) NOT NULL,
            ctx_mode VARCHAR(10) NOT NULL,
            amount_minor BIGINT NOT NULL,
            currency CHAR(3) NOT NULL,
            trans_uuid CHAR(32) NULL,
            status VARCHAR(40) NULL,
            outcome VARCHAR(10) NOT NULL DEFAULT 'pending',
            result VARCHAR(4) NULL,
            auth_result VARCHAR(4) NULL,
            card_brand VARCHAR(40) NULL,
            card_number VARCHAR(40) NULL,
            expiry_month VARCHAR(2) NULL,
            expiry_year VARCHAR(4) NULL,
            threeds_status VARCHAR(8) NULL,
            flagged TINYINT(1) NOT NULL DEFAULT 0,
            flag_reason VARCHAR(255) NULL,
            mail_sent TINYINT(1) NOT NULL DEFAULT 0,
            mail_claim CHAR(32) NULL,
            mail_claimed_at DATETIME NULL,
            mail_sent_at DATETIME NULL,
            mail_sent_by VARCHAR(10) NULL,
            reviewed_statuses VARCHAR(255) NULL,
            channel VARCHAR(8) NOT NULL DEFAULT 'FORM',
            form_token TEXT NULL,
            created_at DATETIME NOT NULL,
            updated_at DATETIME NOT NULL,
            PRIMARY KEY (id),
            UNIQUE KEY uniq_trans_per_day (trans_day, trans_id),
            UNIQUE KEY uniq_trans_uuid (trans_uuid),
            KEY idx_orders_id (orders_id)
        ) $options");
        self::query("CREATE TABLE IF NOT EXISTS " . self::COUNTER . " (
            trans_day DATE NOT NULL,
            last_value INT UNSIGNED NOT NULL,
            PRIMARY KEY (trans_day)
        ) $options");
        self::query("CREATE TABLE IF NOT EXISTS " . self::EVENTS . " (
            id INT UNSIGNED NOT NULL AUTO_INCREMENT,
            created_at DATETIME NOT NULL,
            orders_id INT UNSIGNED NULL,
            source VARCHAR(10) NOT NULL,
            trans_id VARCHAR(6) NULL,
            status VARCHAR(40) NULL,
            decision VARCHAR(12) NULL,
            answer VARCHAR(255) NOT NULL,
            duration_ms INT UNSIGNED NOT NULL DEFAULT 0,
            PRIMARY KEY (id),
            KEY idx_orders_id (orders_id)
        ) $options");
    }

    /** Columns of the attempts added after the first release (mail state, review, embedded form). */
    const COLUMNS_SINCE_FIRST_RELEASE = array(
        'mail_claim' => 'CHAR(32) NULL',
        'mail_claimed_at' => 'DATETIME NULL',
        'mail_sent_at' => 'DATETIME NULL',
        'mail_sent_by' => 'VARCHAR(10) NULL',
        'reviewed_statuses' => 'VARCHAR(255) NULL',
        'channel' => "VARCHAR(8) NOT NULL DEFAULT 'FORM'",
        'form_token' => 'TEXT NULL',
    );

    /** Schema step 2 for the attempts of a first-release install: ALTER TABLE for each column they lack. */
    public static function addColumnsSinceFirstRelease()
    {
        self::addMissingColumns(self::TRANSACTIONS, self::COLUMNS_SINCE_FIRST_RELEASE);
    }

    /**
     * Idempotent migration: adds each of $columns that the table lacks. A concurrent request may add
     * the same column first; that ALTER's error is harmless as long as the column exists afterwards.
     */
    private static function addMissingColumns($table, array $columns)
    {
        $present = array();
        $rows = self::allRows(self::query("SELECT COLUMN_NAME FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = '" . xtc_db_input($table) . "'"));
        foreach ($rows as $row) {
            $present[strtolower($row['COLUMN_NAME'])] = true;
        }
        foreach ($columns as $name => $definition) {
            if (isset($present[$name])) {
                continue;
            }
            try {
                self::query("ALTER TABLE " . $table . " ADD COLUMN " . $name . " " . $definition);
            } catch (SystempayStoreException $e) {
                $again = self::fetch("SELECT COUNT(*) AS n FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = '" . xtc_db_input($table) . "' AND COLUMN_NAME = '" . xtc_db_input($name) . "'");
                if ($again === null || (int) $again['n'] !== 1) {
                    throw $e;
                }
            }
        }
    }

    /** Runs a query; an SQL error becomes an exception instead of a silent false. */
    public static function query($sql)
    {
        $result = xtc_db_query($sql);
        if ($result === false) {
            throw new SystempayStoreException('database query failed');
        }
        return $result;
    }

    /** Every row of a query result (xtc_db_fetch_array() takes its argument by reference). */
    public static function allRows($result)
    {
        $rows = array();
        while ($row = xtc_db_fetch_array($result)) {
            $rows[] = $row;
        }
        return $rows;
    }

    /** The order's ot_total row value (in the order's currency), or null. */
    public static function orderTotal($ordersId)
    {
        $row = self::fetch("SELECT value FROM " . TABLE_ORDERS_TOTAL . " WHERE orders_id = " . (int) $ordersId . " AND class = 'ot_total' LIMIT 1");
        return $row === null ? null : $row['value'];
    }

    public static function fetch($sql)
    {
        $result = self::query($sql); // xtc_db_fetch_array() takes its argument by reference
        $row = xtc_db_fetch_array($result);
        return is_array($row) ? $row : null;
    }

    /**
     * The next vads_trans_id of the current UTC day: an atomic per-day counter, so concurrent
     * checkouts never get the same id (LAST_INSERT_ID(expr) makes the new value this connection's).
     */
    public static function nextTransId($utcDay)
    {
        $day = xtc_db_input($utcDay);
        self::query("INSERT INTO " . self::COUNTER . " (trans_day, last_value) VALUES ('$day', LAST_INSERT_ID(0))
            ON DUPLICATE KEY UPDATE last_value = LAST_INSERT_ID(last_value + 1)");
        $row = self::fetch('SELECT LAST_INSERT_ID() AS value');
        $value = $row === null ? -1 : (int) $row['value'];
        if ($value < 0 || $value > 899999) {
            throw new SystempayStoreException('no transaction id left for today');
        }
        return str_pad((string) $value, 6, '0', STR_PAD_LEFT);
    }

    /** Records the payment attempt sent to the platform for an order. */
    public static function createAttempt($ordersId, array $fields)
    {
        SystempaySchema::ensure();
        $transDate = (string) $fields['vads_trans_date'];
        $day = self::transDay($transDate);
        self::query("INSERT INTO " . self::TRANSACTIONS . " (orders_id, trans_day, trans_id, trans_date, ctx_mode, amount_minor, currency, created_at, updated_at)
            VALUES (" . (int) $ordersId . ", '" . xtc_db_input($day) . "', '" . xtc_db_input($fields['vads_trans_id']) . "',
            '" . xtc_db_input($transDate) . "', '" . xtc_db_input($fields['vads_ctx_mode']) . "', " . (int) $fields['vads_amount'] . ",
            '" . xtc_db_input($fields['vads_currency']) . "', UTC_TIMESTAMP(), UTC_TIMESTAMP())");
    }

    /**
     * An embedded-form attempt: the same row as a hosted one (trans id from the same counter, sent in
     * the payment's metadata), with its channel; the form token is stored once the platform gave it.
     * @return int the attempt's id
     */
    public static function createRestAttempt($ordersId, array $payment, $ctxMode, $amountMinor, $currencyNumeric)
    {
        SystempaySchema::ensure();
        $transDate = (string) $payment['trans_date'];
        self::query("INSERT INTO " . self::TRANSACTIONS . " (orders_id, trans_day, trans_id, trans_date, ctx_mode, amount_minor, currency, channel, created_at, updated_at)
            VALUES (" . (int) $ordersId . ", '" . xtc_db_input(self::transDay($transDate)) . "', '" . xtc_db_input($payment['trans_id']) . "',
            '" . xtc_db_input($transDate) . "', '" . xtc_db_input($ctxMode) . "', " . (int) $amountMinor . ",
            '" . xtc_db_input($currencyNumeric) . "', 'REST', UTC_TIMESTAMP(), UTC_TIMESTAMP())");
        return (int) xtc_db_insert_id();
    }

    public static function saveFormToken($attemptId, $token)
    {
        self::query("UPDATE " . self::TRANSACTIONS . " SET form_token = '" . xtc_db_input($token) . "', updated_at = UTC_TIMESTAMP() WHERE id = " . (int) $attemptId);
    }

    /** Every attempt of an order, newest first. */
    public static function attempts($ordersId)
    {
        return self::allRows(self::query("SELECT * FROM " . self::TRANSACTIONS . " WHERE orders_id = " . (int) $ordersId . " ORDER BY id DESC"));
    }

    /** The attempt that decides the order's payment state: the newest one with a result, else the newest. */
    public static function latestAttempt($ordersId)
    {
        $attempts = self::attempts($ordersId);
        foreach ($attempts as $attempt) {
            if ($attempt['status'] !== null && $attempt['status'] !== '') {
                return $attempt;
            }
        }
        return isset($attempts[0]) ? $attempts[0] : null;
    }

    /**
     * Runs $work inside a transaction holding the lock on the order's attempt rows, so concurrent
     * copies of a notification and the browser return are applied one after the other.
     * $work receives the locked rows; its return value is returned. Any failure rolls back.
     */
    public static function withOrderLock($ordersId, $work)
    {
        SystempaySchema::ensure();
        self::query('START TRANSACTION');
        try {
            $rows = self::allRows(self::query("SELECT * FROM " . self::TRANSACTIONS . " WHERE orders_id = " . (int) $ordersId . " ORDER BY id DESC FOR UPDATE"));
            $value = call_user_func($work, $rows);
            self::query('COMMIT');
            return $value;
        } catch (Exception $e) {
            xtc_db_query('ROLLBACK');
            throw $e;
        }
    }

    /** Stores a verified result on an attempt row (inside withOrderLock). */
    public static function saveResult($attemptId, Systempay\Notification $n, $outcome, $flagReason = null)
    {
        $value = static function ($v, $max) {
            return $v === null ? 'NULL' : "'" . xtc_db_input(mb_substr($v, 0, $max)) . "'";
        };
        $set = array(
            'status' => $value($n->status(), 40),
            'outcome' => $value($outcome, 10),
            'trans_uuid' => $value($n->transUuid(), 32),
            'result' => $value($n->result(), 4),
            'auth_result' => $value($n->field('vads_auth_result'), 4),
            'card_brand' => $value($n->cardBrand(), 40),
            'card_number' => $value($n->maskedCardNumber(), 40),
            'expiry_month' => $value($n->field('vads_expiry_month'), 2),
            'expiry_year' => $value($n->field('vads_expiry_year'), 4),
            'threeds_status' => $value($n->threeDsStatus(), 8),
            'updated_at' => 'UTC_TIMESTAMP()',
        );
        if ($flagReason !== null) {
            $set['flagged'] = '1';
            $set['flag_reason'] = $value($flagReason, 255);
        }
        $assignments = array();
        foreach ($set as $column => $sql) {
            $assignments[] = "$column = $sql";
        }
        self::query("UPDATE " . self::TRANSACTIONS . " SET " . implode(', ', $assignments) . " WHERE id = " . (int) $attemptId);
    }

    /** Flags the order's newest attempt for the admin (reasons add up, newest first). */
    public static function flagOrder($ordersId, $reason)
    {
        self::query("UPDATE " . self::TRANSACTIONS . " SET flagged = 1, flag_reason = LEFT(CONCAT('" . xtc_db_input(mb_substr((string) $reason, 0, 200)) . "',
            IF(flag_reason IS NULL OR flag_reason = '', '', CONCAT('; ', flag_reason))), 255), updated_at = UTC_TIMESTAMP()
            WHERE orders_id = " . (int) $ordersId . " ORDER BY id DESC LIMIT 1");
    }

    /** A result left for the admin: the attempt keeps its status, remembers what was put up for review. */
    public static function markForReview(array $attempt, $status, $reason)
    {
        $reviewed = trim((string) $attempt['reviewed_statuses'] . ' ' . $status);
        self::query("UPDATE " . self::TRANSACTIONS . " SET reviewed_statuses = '" . xtc_db_input(mb_substr($reviewed, 0, 255)) . "', flagged = 1,
            flag_reason = '" . xtc_db_input(mb_substr((string) $reason, 0, 255)) . "', updated_at = UTC_TIMESTAMP() WHERE id = " . (int) $attempt['id']);
    }

    /** $status was already put up for review on this attempt (once is enough, whatever came in between). */
    public static function wasReviewed(array $attempt, $status)
    {
        return in_array((string) $status, explode(' ', (string) $attempt['reviewed_statuses']), true);
    }

    /** The refund row a CREDIT notification is about (its platform uuid, else its day and id), locked. */
    public static function refundRow(Systempay\Notification $n)
    {
        $where = "trans_day = '" . xtc_db_input(self::transDay((string) $n->field('vads_trans_date'))) . "' AND trans_id = '" . xtc_db_input($n->transId()) . "'";
        if ($n->transUuid() !== null) {
            $where = "(trans_uuid = '" . xtc_db_input($n->transUuid()) . "' OR ($where))";
        }
        return self::fetch("SELECT * FROM " . SystempayLedger::REFUNDS . " WHERE $where ORDER BY id LIMIT 1 FOR UPDATE");
    }

    public static function refundRows($ordersId)
    {
        return self::allRows(self::query("SELECT * FROM " . SystempayLedger::REFUNDS . " WHERE orders_id = " . (int) $ordersId . " ORDER BY id"));
    }

    /** Inserts or updates (a later status of the same refund) the refund row of $n. */
    public static function saveRefund($existing, $ordersId, Systempay\Notification $n)
    {
        $status = "'" . xtc_db_input(mb_substr($n->status(), 0, 40)) . "'";
        $outcome = "'" . xtc_db_input($n->outcome()) . "'";
        if ($existing !== null) {
            self::query("UPDATE " . SystempayLedger::REFUNDS . " SET status = $status, outcome = $outcome, updated_at = UTC_TIMESTAMP() WHERE id = " . (int) $existing['id']);
            return;
        }
        self::query("INSERT INTO " . SystempayLedger::REFUNDS . " (orders_id, trans_day, trans_id, trans_uuid, ctx_mode, amount_minor, currency, status, outcome, source, created_at, updated_at)
            VALUES (" . (int) $ordersId . ", '" . xtc_db_input(self::transDay((string) $n->field('vads_trans_date'))) . "', '" . xtc_db_input($n->transId()) . "',
            " . ($n->transUuid() === null ? 'NULL' : "'" . xtc_db_input($n->transUuid()) . "'") . ", '" . xtc_db_input($n->ctxMode()) . "',
            " . (int) $n->amountMinor() . ", '" . xtc_db_input($n->currency()) . "', $status, $outcome, '" . xtc_db_input(substr($n->source(), 0, 10)) . "',
            UTC_TIMESTAMP(), UTC_TIMESTAMP())");
    }

    /** vads_trans_date (YYYYMMDDHHMMSS, UTC) → its day as YYYY-MM-DD. */
    private static function transDay($transDate)
    {
        return substr($transDate, 0, 4) . '-' . substr($transDate, 4, 2) . '-' . substr($transDate, 6, 2);
    }

    /** Mail states in mail_sent: nothing sent yet, sent, claimed by a request that is sending it. */
    const MAIL_NONE = 0;
    const MAIL_SENT = 1;
    const MAIL_SENDING = 2;
    /** A claim older than this (the claimer died mid-send) may be taken over. */
    const MAIL_CLAIM_TIMEOUT_MINUTES = 10;

    /** @var array<int, string> orders id => claim token held by this request */
    private static $mailClaims = array();

    /**
     * Claims the right to send the order mail: true for exactly one caller at a time, and never once
     * the mail is sent. The claim ("sending") is kept until confirmOrderMail() or releaseOrderMail();
     * a claim older than MAIL_CLAIM_TIMEOUT_MINUTES is taken over. The state is the same on every
     * attempt row of the order, read and written under the order's row lock.
     * $source: 'IPN' or 'RETURN', shown in the admin's panel.
     */
    public static function claimOrderMail($ordersId, $source = 'RETURN')
    {
        SystempaySchema::ensure();
        $ordersId = (int) $ordersId;
        $token = bin2hex(random_bytes(16));
        $claimed = self::withOrderLock($ordersId, static function (array $rows) use ($ordersId, $token, $source) {
            if (!$rows) {
                return false;
            }
            foreach ($rows as $row) {
                if ((int) $row['mail_sent'] === self::MAIL_SENT) {
                    return false;
                }
                if ((int) $row['mail_sent'] === self::MAIL_SENDING && !self::claimIsStale($row['mail_claimed_at'])) {
                    return false;
                }
            }
            self::query("UPDATE " . self::TRANSACTIONS . " SET mail_sent = " . self::MAIL_SENDING . ", mail_claim = '" . $token . "',
                mail_claimed_at = UTC_TIMESTAMP(), mail_sent_by = '" . xtc_db_input(substr((string) $source, 0, 10)) . "' WHERE orders_id = " . $ordersId);
            return true;
        });
        if ($claimed) {
            self::$mailClaims[$ordersId] = $token;
        }
        return $claimed;
    }

    /** True when a "sending" claim taken at $claimedAt (UTC) is older than the timeout, or undated. */
    private static function claimIsStale($claimedAt)
    {
        if ($claimedAt === null || $claimedAt === '') {
            return true;
        }
        $row = self::fetch("SELECT '" . xtc_db_input($claimedAt) . "' < UTC_TIMESTAMP() - INTERVAL " . (int) self::MAIL_CLAIM_TIMEOUT_MINUTES . " MINUTE AS stale");
        return $row !== null && (int) $row['stale'] === 1;
    }

    /** True when this request holds the order's mail claim (between claim and confirm/release). */
    public static function holdsOrderMail($ordersId)
    {
        return isset(self::$mailClaims[(int) $ordersId]);
    }

    /** The mail went out: marks it sent, with the time. Only the holder of the claim can do it. */
    public static function confirmOrderMail($ordersId)
    {
        $ordersId = (int) $ordersId;
        if (!isset(self::$mailClaims[$ordersId])) {
            return false;
        }
        $token = self::$mailClaims[$ordersId];
        unset(self::$mailClaims[$ordersId]);
        self::query("UPDATE " . self::TRANSACTIONS . " SET mail_sent = " . self::MAIL_SENT . ", mail_sent_at = UTC_TIMESTAMP(), mail_claim = NULL
            WHERE orders_id = " . $ordersId . " AND mail_claim = '" . xtc_db_input($token) . "'");
        return true;
    }

    /**
     * Gives the claim back when the mail could not be sent, so that the buyer's return or the next
     * notification sends it. Only the holder's claim is released (not one taken over meanwhile).
     */
    public static function releaseOrderMail($ordersId)
    {
        $ordersId = (int) $ordersId;
        if (!isset(self::$mailClaims[$ordersId])) {
            return false;
        }
        $token = self::$mailClaims[$ordersId];
        unset(self::$mailClaims[$ordersId]);
        xtc_db_query("UPDATE " . self::TRANSACTIONS . " SET mail_sent = " . self::MAIL_NONE . ", mail_claim = NULL, mail_claimed_at = NULL, mail_sent_by = NULL
            WHERE orders_id = " . $ordersId . " AND mail_claim = '" . xtc_db_input($token) . "'");
        return true;
    }

    /**
     * The order mail's state for the admin: array(state => none|sending|sent, at => UTC time, by => IPN|RETURN),
     * or null when the order has no attempt (or the columns are missing).
     */
    public static function orderMailState($ordersId)
    {
        try {
            SystempaySchema::ensure();
        } catch (SystempayStoreException $e) {
            return null;
        }
        $result = xtc_db_query("SELECT mail_sent, mail_claimed_at, mail_sent_at, mail_sent_by FROM " . self::TRANSACTIONS . " WHERE orders_id = " . (int) $ordersId . " ORDER BY id DESC");
        if ($result === false) {
            return null;
        }
        $state = null;
        foreach (self::allRows($result) as $row) {
            $mail = (int) $row['mail_sent'];
            if ($mail === self::MAIL_SENT) {
                return array('state' => 'sent', 'at' => $row['mail_sent_at'], 'by' => $row['mail_sent_by']);
            }
            if ($mail === self::MAIL_SENDING) {
                $state = array('state' => 'sending', 'at' => $row['mail_claimed_at'], 'by' => $row['mail_sent_by']);
            } elseif ($state === null) {
                $state = array('state' => 'none', 'at' => null, 'by' => null);
            }
        }
        return $state;
    }

    public static function logEvent($ordersId, $source, $transId, $status, $decision, $answer, $durationMs)
    {
        // The log must never stop a payment from being recorded: a failed insert is only warned about.
        xtc_db_query("INSERT INTO " . self::EVENTS . " (created_at, orders_id, source, trans_id, status, decision, answer, duration_ms)
            VALUES (UTC_TIMESTAMP(), " . ($ordersId > 0 ? (int) $ordersId : 'NULL') . ", '" . xtc_db_input(substr($source, 0, 10)) . "',
            " . ($transId === null ? 'NULL' : "'" . xtc_db_input(substr($transId, 0, 6)) . "'") . ",
            " . ($status === null ? 'NULL' : "'" . xtc_db_input(substr($status, 0, 40)) . "'") . ",
            " . ($decision === null ? 'NULL' : "'" . xtc_db_input($decision) . "'") . ",
            '" . xtc_db_input(substr($answer, 0, 255)) . "', " . max(0, (int) $durationMs) . ")");
        if ($ordersId <= 0) {
            try {
                self::pruneUnattributedEvents();
            } catch (SystempayStoreException $e) {
                // tried again 50 rows later
            }
        }
    }

    /** Rejected messages naming no order (bad signatures, junk) are kept up to this many, newest first. */
    const UNATTRIBUTED_EVENTS_KEPT = 1000;

    /** Anyone can post junk to the notification URL: its log rows must not grow without bound. */
    private static function pruneUnattributedEvents()
    {
        $id = (int) xtc_db_insert_id();
        if ($id <= 0 || $id % 50 !== 0) {
            return; // every 50th row is enough to keep the table bounded
        }
        $row = self::fetch("SELECT id FROM " . self::EVENTS . " WHERE orders_id IS NULL ORDER BY id DESC LIMIT 1 OFFSET " . (int) self::UNATTRIBUTED_EVENTS_KEPT);
        if ($row !== null) {
            xtc_db_query("DELETE FROM " . self::EVENTS . " WHERE orders_id IS NULL AND id <= " . (int) $row['id']);
        }
    }

    /** True when a notification (not a browser return) for this attempt has been checked and recorded. */
    public static function notificationRecorded($ordersId, $transId)
    {
        return self::fetch("SELECT id FROM " . self::EVENTS . " WHERE orders_id = " . (int) $ordersId . " AND trans_id = '" . xtc_db_input($transId) . "'
            AND source IN ('IPN', 'IPN-POST') AND decision IS NOT NULL LIMIT 1") !== null;
    }

    public static function events($ordersId, $limit = 50)
    {
        // Only shown to the admin: a failed query shows no log rather than breaking the order page.
        $result = xtc_db_query("SELECT * FROM " . self::EVENTS . " WHERE orders_id = " . (int) $ordersId . " ORDER BY id DESC LIMIT " . (int) $limit);
        return $result === false ? array() : self::allRows($result);
    }
}

require_once __DIR__ . '/SystempaySchema.php';
