<?php
/**
 * Systempay for modified eCommerce: the "Systempay payment" panel on the admin order page
 * (orders.php?action=edit): every payment attempt with its status, card and 3-D Secure result,
 * flags that need the admin's attention, and the log of notifications and returns.
 */
defined('_VALID_XTC') or die('Direct Access to this location is not allowed.');

if (isset($order) && is_object($order) && isset($order->info['payment_method']) && $order->info['payment_method'] === 'systempay'
    && defined('MODULE_PAYMENT_SYSTEMPAY_STATUS')) {
    $systempay_lang_dir = isset($_SESSION['language']) && preg_match('/^[a-z_]+$/', $_SESSION['language']) ? $_SESSION['language'] : 'english';
    $systempay_lang_file = DIR_FS_CATALOG . 'lang/' . $systempay_lang_dir . '/modules/payment/systempay.php';
    include_once is_file($systempay_lang_file) ? $systempay_lang_file : DIR_FS_CATALOG . 'lang/english/modules/payment/systempay.php';
    require_once DIR_FS_CATALOG . 'includes/external/systempay/SystempayStore.php';

    $systempay_h = static function ($text) {
        return htmlspecialchars((string) $text, ENT_QUOTES, 'UTF-8');
    };
    try {
        $systempay_attempts = SystempayStore::attempts((int) $oID);
    } catch (SystempayStoreException $e) {
        $systempay_attempts = array();
    }
    echo '<div class="systempay-panel" id="systempay-panel" style="margin:10px 0;padding:8px;border:1px solid #ccc">';
    echo '<h3>' . MODULE_PAYMENT_SYSTEMPAY_PANEL_TITLE . '</h3>';
    if (!$systempay_attempts) {
        echo '<p>' . MODULE_PAYMENT_SYSTEMPAY_PANEL_NONE . '</p>';
    } else {
        $systempay_columns = array('DATE', 'TRANS_ID', 'UUID', 'STATUS', 'RESULT', 'AMOUNT', 'CARD', 'EXPIRY', '3DS', 'MODE');
        echo '<table class="systempay-attempts" style="width:100%;border-collapse:collapse" border="1" cellpadding="3"><tr>';
        foreach ($systempay_columns as $systempay_column) {
            echo '<th>' . constant('MODULE_PAYMENT_SYSTEMPAY_PANEL_' . $systempay_column) . '</th>';
        }
        echo '</tr>';
        foreach ($systempay_attempts as $systempay_row) {
            $systempay_currency = function_exists('Systempay\currency_info') ? Systempay\currency_info($systempay_row['currency']) : null;
            $systempay_amount = $systempay_row['amount_minor'];
            if ($systempay_currency !== null) {
                try {
                    $systempay_amount = Systempay\from_minor_units((int) $systempay_row['amount_minor'], $systempay_row['currency']) . ' ' . $systempay_currency['alpha3'];
                } catch (Systempay\Exception $e) {
                    $systempay_amount = $systempay_row['amount_minor'];
                }
            }
            $systempay_expiry = $systempay_row['expiry_month'] !== null ? $systempay_row['expiry_month'] . '/' . $systempay_row['expiry_year'] : '';
            echo '<tr class="systempay-outcome-' . $systempay_h($systempay_row['outcome']) . '">';
            foreach (array($systempay_row['updated_at'], $systempay_row['trans_id'], $systempay_row['trans_uuid'],
                trim($systempay_row['status'] . ' (' . $systempay_row['outcome'] . ')'), $systempay_row['result'], $systempay_amount,
                trim($systempay_row['card_brand'] . ' ' . $systempay_row['card_number']), $systempay_expiry, $systempay_row['threeds_status'],
                $systempay_row['ctx_mode']) as $systempay_value) {
                echo '<td>' . $systempay_h($systempay_value) . '</td>';
            }
            echo '</tr>';
            if ((int) $systempay_row['flagged'] === 1) {
                echo '<tr><td colspan="' . count($systempay_columns) . '" style="color:#c00"><strong>' . MODULE_PAYMENT_SYSTEMPAY_PANEL_FLAGGED . ':</strong> '
                    . $systempay_h($systempay_row['flag_reason']) . '</td></tr>';
            }
        }
        echo '</table>';
    }
    // The payment as the platform sees it now (Order/Get), on demand: beside what the shop recorded.
    require_once DIR_FS_CATALOG . 'includes/external/systempay/SystempayLiveStatus.php';
    echo SystempayLiveStatus::block((int) $oID, $systempay_attempts, isset($_GET['systempay_live']));
    // Refund, cancel, lower, validate from here (SystempayAdminActions; forms handled by orders_action/systempay.php).
    echo SystempayAdminActions::block((int) $oID, $systempay_attempts);
    // The order confirmation mail: whether and when it went out, and from where (see SystempayStore::claimOrderMail).
    $systempay_mail = SystempayStore::orderMailState((int) $oID);
    if ($systempay_mail !== null) {
        if ($systempay_mail['state'] === 'sent') {
            $systempay_mail_text = sprintf(MODULE_PAYMENT_SYSTEMPAY_PANEL_MAIL_SENT, $systempay_h($systempay_mail['at']));
        } elseif ($systempay_mail['state'] === 'sending') {
            $systempay_mail_text = sprintf(MODULE_PAYMENT_SYSTEMPAY_PANEL_MAIL_SENDING, $systempay_h($systempay_mail['at']));
        } else {
            $systempay_mail_text = MODULE_PAYMENT_SYSTEMPAY_PANEL_MAIL_NONE;
        }
        if ($systempay_mail['state'] !== 'none' && in_array($systempay_mail['by'], array('IPN', 'RETURN'), true)) {
            $systempay_mail_text .= ', ' . constant('MODULE_PAYMENT_SYSTEMPAY_PANEL_MAIL_BY_' . $systempay_mail['by']);
        }
        echo '<p class="systempay-mail systempay-mail-' . $systempay_h($systempay_mail['state']) . '"><strong>' . MODULE_PAYMENT_SYSTEMPAY_PANEL_MAIL . ':</strong> '
            . $systempay_mail_text . '</p>';
    }
    $systempay_events = SystempayStore::events((int) $oID, 20);
    if ($systempay_events) {
        echo '<h4>' . MODULE_PAYMENT_SYSTEMPAY_PANEL_LOG . '</h4><table class="systempay-events" style="width:100%;border-collapse:collapse" border="1" cellpadding="2"><tr>';
        foreach (array('DATE', 'SOURCE', 'TRANS_ID', 'STATUS', 'DECISION', 'ANSWER', 'DURATION') as $systempay_column) {
            echo '<th>' . constant('MODULE_PAYMENT_SYSTEMPAY_PANEL_' . $systempay_column) . '</th>';
        }
        echo '</tr>';
        foreach ($systempay_events as $systempay_event) {
            echo '<tr>';
            foreach (array('created_at', 'source', 'trans_id', 'status', 'decision', 'answer', 'duration_ms') as $systempay_field) {
                echo '<td>' . $systempay_h($systempay_event[$systempay_field]) . '</td>';
            }
            echo '</tr>';
        }
        echo '</table>';
    }
    if (defined('MODULE_PAYMENT_SYSTEMPAY_CTX_MODE') && MODULE_PAYMENT_SYSTEMPAY_CTX_MODE === 'TEST') {
        echo '<p style="background:#fff6e0;padding:4px">' . MODULE_PAYMENT_SYSTEMPAY_TEST_MODE_ADMIN . '</p>';
    }
    echo '</div>';
    unset($systempay_lang_dir, $systempay_lang_file, $systempay_h, $systempay_attempts, $systempay_columns, $systempay_column, $systempay_row,
        $systempay_currency, $systempay_amount, $systempay_expiry, $systempay_value, $systempay_events, $systempay_event, $systempay_field,
        $systempay_mail, $systempay_mail_text);
}
