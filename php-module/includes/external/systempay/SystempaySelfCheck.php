<?php
/**
 * Systempay for modified eCommerce: the admin's two self-checks on the module page (Modules > Payment
 * Methods > Systempay). Neither changes anything:
 *  - credentials: Charge/SDKTest with the REST password of the current mode (the platform echoes a
 *    value; nothing is paid);
 *  - notification URL: the server POSTs an empty body to the shop's own notification URL, as the
 *    platform would, and reports whether the module's endpoint answers it without a redirect, a
 *    maintenance page or a password prompt (the seed's most frequent failure, §3 and §6.2).
 */
// Loaded by the shop only (its bootstrap defines DIR_FS_CATALOG; only the admin top defines _VALID_XTC).
defined('DIR_FS_CATALOG') or die('Direct Access to this location is not allowed.');

require_once __DIR__ . '/SystempayConfig.php';
require_once __DIR__ . '/SystempayRest.php';

class SystempaySelfCheck
{
    const CHECKS = array('credentials', 'notification_url');

    /**
     * @return array{ok: bool, text: string, detail: string} text: a language constant suffix; detail:
     *         what was seen (codes, HTTP status, the start of an unexpected answer), plain text
     */
    public static function run($check)
    {
        return $check === 'credentials' ? self::credentials() : self::notificationUrl();
    }

    private static function credentials()
    {
        if (!SystempayConfig::isEmbedded() && implode('', SystempayConfig::restPasswords()) === '') {
            return array('ok' => false, 'text' => 'CHECK_NO_REST', 'detail' => '');
        }
        $value = 'check-' . bin2hex(random_bytes(6));
        $result = SystempayRest::call('Charge/SDKTest', array('value' => $value));
        if ($result['ok'] && Systempay\rest_sdk_test_echoes((string) $result['answer'], $value)) {
            return array('ok' => true, 'text' => 'CHECK_CREDENTIALS_OK', 'detail' => SystempayConfig::ctxMode() . ', ' . SystempayConfig::restUser() . ' @ ' . SystempayConfig::restUrl());
        }
        return array('ok' => false, 'text' => 'CHECK_CREDENTIALS_KO', 'detail' => self::failure($result));
    }

    private static function notificationUrl()
    {
        $url = SystempayConfig::notificationUrl();
        $ch = curl_init($url);
        curl_setopt_array($ch, array(
            CURLOPT_POST => true, CURLOPT_POSTFIELDS => '', CURLOPT_RETURNTRANSFER => true, CURLOPT_FOLLOWLOCATION => false,
            CURLOPT_HEADER => false, CURLOPT_CONNECTTIMEOUT => 5, CURLOPT_TIMEOUT => 15,
            CURLOPT_HTTPHEADER => array('Content-Type: application/x-www-form-urlencoded'),
            CURLOPT_USERAGENT => 'Systempay notification URL check',
        ));
        $body = curl_exec($ch);
        $status = (int) curl_getinfo($ch, CURLINFO_RESPONSE_CODE);
        $location = (string) curl_getinfo($ch, CURLINFO_REDIRECT_URL);
        $error = $body === false ? curl_error($ch) : '';
        curl_close($ch);
        $seen = $url . ' → ' . ($body === false ? $error : 'HTTP ' . $status);
        if ($body === false) {
            return array('ok' => false, 'text' => 'CHECK_URL_UNREACHABLE', 'detail' => $seen);
        }
        if ($status >= 300 && $status < 400) {
            // The platform counts a redirect as delivered and never follows it: the notification is lost.
            return array('ok' => false, 'text' => 'CHECK_URL_REDIRECT', 'detail' => $seen . ' → ' . $location);
        }
        $ours = $status === 200 && preg_match('/^(OK|KO)-/', (string) $body);
        if (!$ours) {
            return array('ok' => false, 'text' => $status === 401 || $status === 403 ? 'CHECK_URL_PROTECTED' : 'CHECK_URL_NOT_MODULE',
                'detail' => $seen . ': ' . mb_substr(trim(strip_tags((string) $body)), 0, 120));
        }
        return array('ok' => true, 'text' => 'CHECK_URL_OK', 'detail' => $seen . ': ' . mb_substr((string) $body, 0, 80));
    }

    private static function failure(array $result)
    {
        return trim($result['error_code'] . ' ' . $result['error_message'] . (!empty($result['detailed_error_code']) ? ' (' . $result['detailed_error_code'] . ')' : '')
            . ' HTTP ' . (int) $result['http_status']);
    }
}
