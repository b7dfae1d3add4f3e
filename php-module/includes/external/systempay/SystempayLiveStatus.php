<?php
/**
 * Systempay for modified eCommerce: the admin order panel's "platform now" block. On the admin's
 * demand (a link; never on every page view, the platform may be slow) the module asks Order/Get for
 * every transaction of the order and shows them beside the attempts the shop recorded, marking where
 * they differ; where they do, a button takes the platform's state into the order through the
 * notification pipeline (SystempayAdminActions, SystempayOperations::takePlatformState).
 */
defined('DIR_FS_CATALOG') or die('Direct Access to this location is not allowed.');

require_once __DIR__ . '/SystempayConfig.php';
require_once __DIR__ . '/SystempayRest.php';
require_once __DIR__ . '/SystempayAdminActions.php';
require_once __DIR__ . '/SystempayOperations.php';

class SystempayLiveStatus
{
    /** @param array $attempts the order's attempt rows (SystempayStore::attempts) */
    public static function block($ordersId, array $attempts, $asked)
    {
        $h = static function ($text) {
            return htmlspecialchars((string) $text, ENT_QUOTES, 'UTF-8');
        };
        $text = static function ($suffix, $default) {
            return defined('MODULE_PAYMENT_SYSTEMPAY_' . $suffix) ? constant('MODULE_PAYMENT_SYSTEMPAY_' . $suffix) : $default;
        };
        $link = xtc_href_link(FILENAME_ORDERS, 'oID=' . (int) $ordersId . '&action=edit&systempay_live=1') . '#systempay-live';
        $html = '<div id="systempay-live"><h4>' . $text('LIVE_TITLE', 'At the platform now') . '</h4>';
        if (implode('', SystempayConfig::restPasswords()) === '') {
            return $html . '<p>' . $text('LIVE_NEEDS_REST', 'Set the REST API keys to see the payment as the platform sees it.') . '</p></div>';
        }
        if (!$asked) {
            return $html . '<p><a class="button" id="systempay_live_ask" href="' . $h($link) . '">' . $text('LIVE_ASK', 'Ask the platform') . '</a></p></div>';
        }
        // In the mode the order was paid in (the shop may have switched since).
        $mode = isset($attempts[0]['ctx_mode']) ? $attempts[0]['ctx_mode'] : null;
        $result = SystempayRest::call('Order/Get', array('order_id' => (string) (int) $ordersId), $mode);
        if (!$result['ok']) {
            return $html . '<p id="systempay_live_error" style="color:#c00">' . $text('LIVE_FAILED', 'The platform could not be asked:') . ' '
                . $h(trim($result['error_code'] . ' ' . $result['error_message'] . ' HTTP ' . (int) $result['http_status'])) . '</p></div>';
        }
        try {
            list($transactions, $foreign) = SystempayOperations::ofOrder(Systempay\rest_transactions((string) $result['answer']), $attempts);
        } catch (Systempay\Exception $e) {
            return $html . '<p id="systempay_live_error" style="color:#c00">' . $text('LIVE_FAILED', 'The platform could not be asked:') . ' ' . $h($e->getMessage()) . '</p></div>';
        }
        $recorded = array();
        foreach ($attempts as $attempt) {
            if ((string) $attempt['trans_uuid'] !== '') {
                $recorded[$attempt['trans_uuid']] = (string) $attempt['status'];
            }
        }
        try {
            foreach (SystempayStore::refundRows($ordersId) as $refund) {
                if ((string) $refund['trans_uuid'] !== '') {
                    $recorded[$refund['trans_uuid']] = (string) $refund['status'];
                }
            }
        } catch (SystempayStoreException $e) {
            // no refund table yet: nothing recorded
        }
        $anyDiffers = false;
        // An operation whose outcome is unknown is settled by taking the platform's state in.
        try {
            foreach (SystempayOperations::rows($ordersId) as $op) {
                $anyDiffers = $anyDiffers || $op['state'] === 'unknown' || ($op['state'] === 'sending' && (int) $op['age_seconds'] > SystempayOperations::SENDING_SECONDS);
            }
        } catch (SystempayStoreException $e) {
            // no operation table yet: no operation
        }
        $others = $foreign > 0 ? '<p id="systempay_live_foreign">' . sprintf($text('LIVE_FOREIGN', '%d other transaction(s) with this order number at the platform are not this order\'s (a copy of the shop, or a payment made by hand) and are not shown.'), (int) $foreign) . '</p>' : '';
        if (!$transactions) {
            return $html . '<p id="systempay_live_none">' . $text('LIVE_NONE', 'The platform has no transaction for this order.') . '</p>' . $others
                . ($anyDiffers ? SystempayAdminActions::syncForm($ordersId) : '') . '</div>';
        }
        $html .= '<table class="systempay-live" style="width:100%;border-collapse:collapse" border="1" cellpadding="3"><tr>';
        foreach (array('PANEL_UUID', 'PANEL_STATUS', 'LIVE_OPERATION', 'PANEL_AMOUNT', 'LIVE_RECORDED') as $column) {
            $html .= '<th>' . $text($column, $column) . '</th>';
        }
        $html .= '</tr>';
        foreach ($transactions as $tx) {
            try {
                $amount = Systempay\from_minor_units((int) $tx['amount_minor'], $tx['currency']) . ' ' . $tx['currency'];
            } catch (Systempay\Exception $e) {
                $amount = $tx['amount_minor'] . ' ' . $tx['currency'];
            }
            $known = isset($recorded[$tx['uuid']]) ? $recorded[$tx['uuid']] : null;
            // A payment or refund whose status the shop recorded differently (or not at all) is marked.
            $differs = $known !== $tx['detailed_status'];
            $anyDiffers = $anyDiffers || $differs;
            $html .= '<tr class="systempay-live-row' . ($differs ? ' systempay-live-differs' : '') . '"' . ($differs ? ' style="background:#fde2e2"' : '') . '>';
            foreach (array($tx['uuid'], $tx['detailed_status'], $tx['operation_type'], $amount,
                $known === null ? $text('LIVE_NOT_RECORDED', 'not recorded') : $known) as $value) {
                $html .= '<td>' . $h($value) . '</td>';
            }
            $html .= '</tr>';
        }
        return $html . '</table>' . $others . ($anyDiffers ? SystempayAdminActions::syncForm($ordersId) : '') . '</div>';
    }
}
