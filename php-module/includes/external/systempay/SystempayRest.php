<?php
/**
 * Systempay for modified eCommerce: the REST API calls of the embedded form. Only the HTTPS call is
 * made here (the shop's curl, short timeouts; curl honours the server's https_proxy / no_proxy
 * environment); the body is built and the answer read by the extension. The password never leaves
 * this call and is never logged.
 */
// Loaded by the shop only (its bootstrap defines DIR_FS_CATALOG; only the admin top defines _VALID_XTC).
defined('DIR_FS_CATALOG') or die('Direct Access to this location is not allowed.');

require_once __DIR__ . '/SystempayConfig.php';

class SystempayRest
{
    const CONNECT_TIMEOUT_SECONDS = 5;
    const TIMEOUT_SECONDS = 20;

    /**
     * Charge/CreatePayment with the body built by Systempay\build_rest_payment(), in the current mode.
     * @return array Systempay\rest_form_token()'s array: form_token, or error_code/error_message…
     */
    public static function createPayment($jsonBody)
    {
        $passwords = SystempayConfig::restPasswords();
        list($status, $body, $networkError) = self::post('Charge/CreatePayment', $jsonBody, $passwords[SystempayConfig::ctxMode()]);
        $result = Systempay\rest_form_token($body, $status);
        if ($networkError !== null) {
            $result['error_code'] = 'NETWORK';
            $result['error_message'] = $networkError;
        }
        return $result;
    }

    /**
     * A back-office operation, in $mode (the payment's; default: the current mode), see
     * Systempay\rest_operation_body() for $args.
     * @return array Systempay\rest_call_result()'s array (+ amount_minor of the operation), or, when the
     *         arguments are refused before any call, ok false with error_code ARGUMENT
     */
    public static function call($operation, array $args, $mode = null)
    {
        $mode = $mode === 'PRODUCTION' || $mode === 'TEST' ? $mode : SystempayConfig::ctxMode();
        try {
            $request = Systempay\rest_operation_body($operation, $args);
        } catch (Systempay\Exception $e) {
            return array('ok' => false, 'answer' => null, 'error_code' => 'ARGUMENT', 'error_message' => $e->getMessage(),
                'detailed_error_code' => null, 'detailed_error_message' => null, 'http_status' => 0, 'refused' => true, 'amount_minor' => null);
        }
        return self::send($operation, $request['body'], $mode) + array('amount_minor' => $request['amount_minor']);
    }

    /**
     * Sends a body built by Systempay\rest_operation_body() in $mode (TEST or PRODUCTION).
     * @return array Systempay\rest_call_result()'s array; refused is true only when the platform
     *         answered that it did not do it (a network error or an unreadable answer may hide a done call)
     */
    public static function send($operation, $jsonBody, $mode)
    {
        $passwords = SystempayConfig::restPasswords();
        list($status, $body, $networkError) = self::post($operation, $jsonBody, $passwords[$mode === 'PRODUCTION' ? 'PRODUCTION' : 'TEST']);
        $result = Systempay\rest_call_result($body, $status);
        if ($networkError !== null) {
            $result['error_code'] = 'NETWORK';
            $result['error_message'] = $networkError;
            $result['refused'] = false;
        }
        return $result;
    }

    /** @return array{0:int, 1:string, 2:?string} HTTP status (0 when none), body, network error */
    private static function post($operation, $jsonBody, $password)
    {
        $ch = curl_init(SystempayConfig::restUrl() . '/api-payment/V4/' . $operation);
        if ($ch === false) {
            return array(0, '', 'curl_init failed');
        }
        curl_setopt_array($ch, array(
            CURLOPT_POST => true,
            CURLOPT_POSTFIELDS => (string) $jsonBody,
            CURLOPT_RETURNTRANSFER => true,
            CURLOPT_HEADER => false,
            CURLOPT_FOLLOWLOCATION => false,
            CURLOPT_PROTOCOLS => CURLPROTO_HTTPS | CURLPROTO_HTTP,
            CURLOPT_CONNECTTIMEOUT => self::CONNECT_TIMEOUT_SECONDS,
            CURLOPT_TIMEOUT => self::TIMEOUT_SECONDS,
            CURLOPT_HTTPAUTH => CURLAUTH_BASIC,
            CURLOPT_USERPWD => SystempayConfig::restUser() . ':' . $password,
            CURLOPT_HTTPHEADER => array('Content-Type: application/json', 'Accept: application/json'),
            CURLOPT_USERAGENT => 'Systempay for modified eCommerce ' . SystempayConfig::MODULE_VERSION,
        ));
        $body = curl_exec($ch);
        $status = (int) curl_getinfo($ch, CURLINFO_RESPONSE_CODE);
        $error = $body === false ? (curl_error($ch) !== '' ? curl_error($ch) : 'no answer') : null;
        curl_close($ch);
        return array($status, $body === false ? '' : (string) $body, $error);
    }
}
