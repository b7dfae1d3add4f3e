<?php
/**
 * The embedded form's side of the test harness: the platform's REST messages written from the
 * protocol (protocol.md §4), independently of the module and the extension (kr-hash is computed
 * here with PHP's own hash_hmac), the local sandbox started for the REST API calls, and the buyer's
 * way through checkout_payment_iframe.php.
 */

/** The sandbox's demo REST credentials (sandbox/README.md). */
final class RestPlatform
{
    const USER = '12345678';
    const PASSWORD_TEST = 'testpassword_DEMO1234567890abcdef';
    const PASSWORD_PROD = 'prodpassword_DEMO1234567890abcdef';
    const PUBLIC_KEY_TEST = '12345678:testpublickey_DEMO1234567890';
    const PUBLIC_KEY_PROD = '12345678:prodpublickey_DEMO1234567890';
    const HMAC_TEST = 'DEMOHMACTESTKEY1234567890abcdef';
    const HMAC_PROD = 'DEMOHMACPRODKEY1234567890abcdef';

    /** The module settings of the embedded form against the sandbox at $base. */
    public static function settings($base)
    {
        return array(
            'PAYMENT_FORM' => 'EMBEDDED', 'REST_USER' => self::USER,
            'REST_PASSWORD_TEST' => self::PASSWORD_TEST, 'REST_PASSWORD_PROD' => self::PASSWORD_PROD,
            'PUBLIC_KEY_TEST' => self::PUBLIC_KEY_TEST, 'PUBLIC_KEY_PROD' => self::PUBLIC_KEY_PROD,
            'HMAC_KEY_TEST' => self::HMAC_TEST, 'HMAC_KEY_PROD' => self::HMAC_PROD,
            'REST_URL' => rtrim($base, '/'),
            'JS_CLIENT_URL' => rtrim($base, '/') . '/static/js/krypton-client/V4.0/stable/kr-payment-form.min.js',
        );
    }

    /**
     * A kr-answer (V4/Payment) for an attempt row of systempay_transaction, as the platform writes it
     * (compact JSON, `/` escaped as `\/`, UTF-8 as is). $tx overrides fields of the transaction.
     */
    public static function answer(array $attempt, $status, array $tx = array(), array $top = array())
    {
        $alpha = array('978' => 'EUR', '840' => 'USD', '392' => 'JPY', '414' => 'KWD');
        $currency = $alpha[$attempt['currency']];
        $paid = in_array($status, array('AUTHORISED', 'CAPTURED', 'AUTHORISED_TO_VALIDATE'), true);
        $answer = $top + array(
            'shopId' => self::USER,
            'orderCycle' => $paid || $status === 'CANCELLED' ? 'CLOSED' : 'OPEN',
            'orderStatus' => $paid ? 'PAID' : 'UNPAID',
            'serverDate' => gmdate('Y-m-d\TH:i:s+00:00'),
            'orderDetails' => array('orderTotalAmount' => (int) $attempt['amount_minor'], 'orderEffectiveAmount' => (int) $attempt['amount_minor'],
                'orderCurrency' => $currency, 'mode' => $attempt['ctx_mode'], 'orderId' => (string) $attempt['orders_id'], 'metadata' => null, '_type' => 'V4/OrderDetails'),
            'customer' => array('billingDetails' => array('firstName' => 'Zoé', 'lastName' => 'Lefèvre-Müller'), 'email' => 'zoe@example.com', '_type' => 'V4/Customer/Customer'),
            'transactions' => array($tx + array(
                'shopId' => self::USER,
                'uuid' => md5($attempt['trans_id'] . $attempt['trans_date'] . $status . json_encode($tx)),
                'amount' => (int) $attempt['amount_minor'],
                'currency' => $currency,
                'paymentMethodType' => 'CARD',
                'status' => $paid ? 'PAID' : 'UNPAID',
                'detailedStatus' => $status,
                'operationType' => 'DEBIT',
                'errorCode' => $paid ? null : 'ACQ_001',
                'metadata' => array('shop_order' => (string) $attempt['orders_id'], 'systempay_trans_id' => $attempt['trans_id'], 'systempay_trans_date' => $attempt['trans_date']),
                'transactionDetails' => array('cardDetails' => array('effectiveBrand' => 'CB', 'pan' => '497010XXXXXX0055', 'expiryMonth' => 6, 'expiryYear' => 2030,
                    'legacyTransId' => '9' . substr($attempt['trans_id'], 1), 'legacyTransDate' => gmdate('Y-m-d\TH:i:s+00:00'),
                    'threeDSResponse' => array('authenticationResultData' => array('transStatus' => 'Y')))),
                '_type' => 'V4/PaymentTransaction',
            )),
            '_type' => 'V4/Payment',
        );
        return json_encode($answer, JSON_UNESCAPED_UNICODE); // PHP escapes `/` as `\/` by default, as the platform's JSON does
    }

    /** The posted fields: $kind sha256_hmac (browser return) or password (notification). */
    public static function fields($answer, $key, $kind, $src = null)
    {
        $fields = array('kr-hash' => hash_hmac('sha256', $answer, $key), 'kr-hash-algorithm' => 'sha256_hmac', 'kr-hash-key' => $kind,
            'kr-answer-type' => 'V4/Payment', 'kr-answer' => $answer);
        if ($src !== null) {
            $fields['kr-src'] = $src;
        }
        return $fields;
    }

    /** A REST notification for the attempt, hashed with the password of its mode. */
    public static function notification(array $attempt, $status, $src = 'PAY', array $tx = array(), array $top = array())
    {
        $password = $attempt['ctx_mode'] === 'PRODUCTION' ? self::PASSWORD_PROD : self::PASSWORD_TEST;
        return self::fields(self::answer($attempt, $status, $tx, $top), $password, 'password', $src);
    }

    /** The browser return for the attempt, hashed with the HMAC-SHA-256 key of its mode. */
    public static function browserReturn(array $attempt, $status, array $tx = array())
    {
        return self::fields(self::answer($attempt, $status, $tx), $attempt['ctx_mode'] === 'PRODUCTION' ? self::HMAC_PROD : self::HMAC_TEST, 'sha256_hmac');
    }

    /** POSTs to the notification URL; returns "HTTP answer". */
    public static function notify(array $fields)
    {
        list($code, $body) = Platform::notify($fields);
        return $code . ' ' . $body;
    }
}

/** The local sandbox (sandbox/), started for a test class on a port of its own, stopped by pid. */
final class Sandbox
{
    const PORT = '8097';

    public static function base()
    {
        return 'http://127.0.0.1:' . self::PORT;
    }

    private static function env()
    {
        $dir = Env::instanceDir() . '/sandbox-module';
        return 'SANDBOX_PORT=' . self::PORT . ' SANDBOX_RUN_DIR=' . escapeshellarg($dir . '/run') . ' SANDBOX_DATA_DIR=' . escapeshellarg($dir . '/data')
            . ' SANDBOX_NOTIFICATION_URL=' . escapeshellarg(Env::shopUrl('callback/systempay/process.php')) . ' SANDBOX_RETRY_INTERVAL=2';
    }

    public static function start()
    {
        self::stop();
        exec(self::env() . ' bash ' . escapeshellarg(Env::root() . '/sandbox/start.sh') . ' 2>&1', $out, $code);
        if ($code !== 0) {
            throw new RuntimeException("sandbox did not start:\n" . implode("\n", $out));
        }
    }

    public static function stop()
    {
        exec(self::env() . ' bash ' . escapeshellarg(Env::root() . '/sandbox/stop.sh') . ' 2>&1');
    }

    /** POSTs JSON to the sandbox; returns the decoded answer. */
    public static function post($path, array $body)
    {
        $ch = curl_init(self::base() . $path);
        curl_setopt_array($ch, array(CURLOPT_POST => true, CURLOPT_POSTFIELDS => json_encode($body), CURLOPT_RETURNTRANSFER => true, CURLOPT_TIMEOUT => 30,
            CURLOPT_HTTPHEADER => array('Content-Type: application/json', 'Origin: ' . rtrim(Env::shopUrl(), '/'))));
        $answer = curl_exec($ch);
        curl_close($ch);
        return json_decode((string) $answer, true);
    }

    /**
     * A REST web service called directly, as the merchant would in the Systempay back office (the
     * shop does not know): @return array the decoded envelope
     */
    public static function rest($operation, array $body)
    {
        $ch = curl_init(self::base() . '/api-payment/V4/' . $operation);
        curl_setopt_array($ch, array(CURLOPT_POST => true, CURLOPT_POSTFIELDS => json_encode($body), CURLOPT_RETURNTRANSFER => true, CURLOPT_TIMEOUT => 30,
            CURLOPT_USERPWD => RestPlatform::USER . ':' . RestPlatform::PASSWORD_TEST, CURLOPT_HTTPHEADER => array('Content-Type: application/json')));
        $answer = curl_exec($ch);
        curl_close($ch);
        return json_decode((string) $answer, true);
    }

    /** GETs the sandbox's admin API; returns the decoded answer. */
    public static function get($path)
    {
        $ch = curl_init(self::base() . $path);
        curl_setopt_array($ch, array(CURLOPT_RETURNTRANSFER => true, CURLOPT_TIMEOUT => 30));
        $answer = curl_exec($ch);
        curl_close($ch);
        return json_decode((string) $answer, true);
    }

    /** What the platform's client does when the buyer types a card in the embedded form and pays. */
    public static function pay(array $form, $card)
    {
        return self::post('/krypton/pay', array('formToken' => $form['kr-form-token'], 'publicKey' => $form['kr-public-key'], 'language' => 'en',
            'pan' => $card, 'expiryMonth' => '12', 'expiryYear' => '30', 'securityCode' => '123'));
    }
}

/** A buyer paying in the embedded form. */
final class EmbeddedBuyer
{
    /** @var Buyer */
    public $buyer;
    /** @var array the checkout_payment_iframe.php page */
    public $framePage;
    /** @var array the embedded form page (inside the iframe) */
    public $formPage;
    /** @var array<string, string> kr-form-token, kr-public-key, kr-post-url-success, script src */
    public $form = array();

    public function __construct()
    {
        $this->buyer = new Buyer();
    }

    public function ordersId()
    {
        return $this->buyer->ordersId;
    }

    /** The newest attempt row of the buyer's order. */
    public function attempt()
    {
        return Db::row('SELECT * FROM systempay_transaction WHERE orders_id = ' . (int) $this->buyer->ordersId . ' ORDER BY id DESC LIMIT 1');
    }

    /** Checkout up to the embedded form: confirm, then the shop's iframe page and the form in it. */
    public function openForm(array $options = array())
    {
        $page = $this->buyer->startCheckout($options);
        if (!Buyer::offersSystempay($page)) {
            throw new RuntimeException("Systempay not offered:\n" . substr(strip_tags($page['body']), 0, 1500));
        }
        $form = form_fields($page['body'], 'checkout_payment');
        $form['fields']['payment'] = 'systempay';
        $form['fields']['conditions'] = 'conditions';
        $confirmation = $this->buyer->browser->go('POST', Admin::absoluteCatalog($form['action']), $form['fields']);
        $confirm = form_fields($confirmation['body'], 'checkout_confirmation');
        if ($confirm['action'] === null) {
            throw new RuntimeException("no confirmation form:\n" . substr(strip_tags($confirmation['body']), 0, 1500));
        }
        $this->framePage = $this->buyer->browser->go('POST', Admin::absoluteCatalog($confirm['action']), $confirm['fields']);
        $this->buyer->ordersId = (int) Db::value('SELECT MAX(orders_id) FROM orders WHERE customers_id = ' . (int) $this->buyer->customerId);
        if (!preg_match('~<iframe[^>]+src="([^"]+)"~', $this->framePage['body'], $m)) {
            return $this->framePage; // no form (e.g. back on the payment choice): the caller checks
        }
        $this->formPage = $this->buyer->browser->go('GET', html_entity_decode($m[1], ENT_QUOTES, 'UTF-8'));
        $body = $this->formPage['body'];
        foreach (array('kr-form-token', 'kr-public-key', 'kr-post-url-success', 'kr-language') as $attribute) {
            if (preg_match('~' . $attribute . '="([^"]*)"~', $body, $m)) {
                $this->form[$attribute] = html_entity_decode($m[1], ENT_QUOTES, 'UTF-8');
            }
        }
        if (preg_match('~<script src="([^"]+kr-payment-form[^"]*)"~', $body, $m)) {
            $this->form['src'] = html_entity_decode($m[1], ENT_QUOTES, 'UTF-8');
        }
        return $this->formPage;
    }

    /**
     * What the platform's client does on acceptance: post the result to kr-post-url-success (inside
     * the iframe), then what the relay page does: post the same fields to checkout_process.php in the
     * top window. Returns the page the buyer ends on.
     */
    public function submitResult(array $fields)
    {
        $relay = $this->buyer->browser->request('POST', $this->form['kr-post-url-success'], $fields);
        $form = form_fields($relay['body'], 'systempay_return');
        if ($form['action'] === null) {
            throw new RuntimeException("no relay form:\n" . substr($relay['body'], 0, 1500));
        }
        return $this->buyer->browser->go('POST', html_entity_decode($form['action'], ENT_QUOTES, 'UTF-8'), $form['fields']);
    }
}
