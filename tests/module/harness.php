<?php
/**
 * Test harness for the module tests: a cookie-keeping HTTP client for the test shop (real Apache +
 * mod_php + the real .so), direct MariaDB access for assertions, and a stand-in for the payment
 * platform that signs results with an implementation of its own (not the extension's).
 */

final class Env
{
    public static function get($name, $default)
    {
        $value = getenv($name);
        return $value === false || $value === '' ? $default : $value;
    }

    /** The real shop under test (tests/realshop/env.sh exports these; the defaults are its innodb profile's). */
    public static function shopUrl($path = '')
    {
        $default = 'http://127.0.0.1:' . self::get('REALSHOP_HTTP_PORT', '8190') . '/';
        return rtrim(self::get('SHOP_URL', $default), '/') . '/' . ltrim($path, '/');
    }

    public static function sandboxUrl()
    {
        return self::get('SANDBOX_URL', 'http://127.0.0.1:' . self::get('SANDBOX_PORT', '8095') . '/vads-payment/');
    }

    public static function root()
    {
        return dirname(__DIR__, 2);
    }

    /** build/realshop-<profile>/: the shop's files (shop/) and its servers' files (run/). */
    public static function instanceDir()
    {
        return self::get('REALSHOP_DIR', self::root() . '/build/realshop-' . self::get('REALSHOP_PROFILE', 'innodb'));
    }

    public static function shopDir()
    {
        return self::instanceDir() . '/shop';
    }

    public static function runDir()
    {
        return self::instanceDir() . '/run';
    }

    public static function profile()
    {
        return self::get('REALSHOP_PROFILE', 'innodb');
    }
}

final class Db
{
    private static $link;

    public static function link()
    {
        if (self::$link === null) {
            mysqli_report(MYSQLI_REPORT_ERROR | MYSQLI_REPORT_STRICT);
            self::$link = new mysqli('127.0.0.1', 'shop', 'shop', 'modified', (int) Env::get('REALSHOP_DB_PORT', '3417'));
            self::$link->set_charset('utf8mb4');
            self::$link->query("SET SESSION sql_mode = ''"); // like the shop's own connection
        }
        return self::$link;
    }

    public static function query($sql)
    {
        return self::link()->query($sql);
    }

    /** Drops the connection (before the database is stopped on purpose). */
    public static function close()
    {
        if (self::$link !== null) {
            self::$link->close();
            self::$link = null;
        }
    }

    public static function rows($sql)
    {
        return self::query($sql)->fetch_all(MYSQLI_ASSOC);
    }

    public static function row($sql)
    {
        $rows = self::rows($sql);
        return $rows ? $rows[0] : null;
    }

    public static function value($sql)
    {
        $row = self::query($sql)->fetch_row();
        return $row === null ? null : $row[0];
    }

    public static function config($key)
    {
        return self::value("SELECT configuration_value FROM configuration WHERE configuration_key = '" . self::link()->real_escape_string($key) . "'");
    }

    public static function setConfig($key, $value)
    {
        $link = self::link();
        self::query("UPDATE configuration SET configuration_value = '" . $link->real_escape_string((string) $value) . "' WHERE configuration_key = '" . $link->real_escape_string($key) . "'");
    }

    /**
     * Back to the installed shop with its product, buyer and shipping (tests/realshop/snapshot.sh):
     * the module's tables dropped, caught mails and the shop's logs emptied.
     */
    public static function reset()
    {
        self::close();
        $script = Env::root() . '/tests/realshop/snapshot.sh';
        exec('bash ' . escapeshellarg($script) . ' restore 2>&1', $output, $code);
        if ($code !== 0) {
            throw new RuntimeException("snapshot.sh restore failed:\n" . implode("\n", $output));
        }
    }
}

/** One buyer or admin: a browser-like HTTP client with its own cookie jar. */
final class Browser
{
    private $jar;
    public $lastUrl = '';
    /** @var string|null another server of the same shop (e.g. PHP's built-in server without the extension) */
    private $base;

    /** @var string this client's address, as a proxy reports it: every buyer comes from an address of its own */
    public $clientIp;

    public function __construct($base = null)
    {
        $this->jar = tempnam(sys_get_temp_dir(), 'shopjar');
        $this->base = $base;
        // The shop counts login attempts per client address (captcha after MODULE_CAPTCHA_LOGIN_NUM):
        // parallel buyers from one test machine would otherwise look like one brute-forcing client.
        $this->clientIp = '10.' . random_int(0, 255) . '.' . random_int(0, 255) . '.' . random_int(1, 254);
    }

    /** The shop's links are absolute (HTTP_SERVER): keep them on this browser's server. */
    private function onBase($url)
    {
        if ($this->base !== null && strpos($url, Env::shopUrl()) === 0) {
            return rtrim($this->base, '/') . '/' . substr($url, strlen(Env::shopUrl()));
        }
        return $url;
    }

    public function __destruct()
    {
        if (is_file($this->jar)) {
            unlink($this->jar);
        }
    }

    /** @return array{status:int, location:?string, body:string, url:string} without following redirects */
    public function request($method, $url, $fields = null, array $headers = array())
    {
        $url = $this->onBase(preg_match('~^https?://~', $url) ? $url : Env::shopUrl($url));
        $ch = curl_init($url);
        $location = null;
        curl_setopt_array($ch, array(
            CURLOPT_RETURNTRANSFER => true,
            CURLOPT_FOLLOWLOCATION => false,
            CURLOPT_COOKIEJAR => $this->jar,
            CURLOPT_COOKIEFILE => $this->jar,
            CURLOPT_TIMEOUT => 30,
            CURLOPT_HTTPHEADER => array_merge(array('X-Forwarded-For: ' . $this->clientIp), $headers),
            CURLOPT_USERAGENT => 'Mozilla/5.0 (X11; Linux x86_64) systempay-module-tests',
            CURLOPT_HEADERFUNCTION => static function ($ch, $line) use (&$location) {
                if (stripos($line, 'Location:') === 0) {
                    $location = trim(substr($line, 9));
                }
                return strlen($line);
            },
        ));
        if ($method === 'POST') {
            curl_setopt($ch, CURLOPT_POST, true);
            curl_setopt($ch, CURLOPT_POSTFIELDS, is_array($fields) ? http_build_query($fields) : (string) $fields);
        }
        $body = curl_exec($ch);
        if ($body === false) {
            throw new RuntimeException('HTTP request failed: ' . curl_error($ch) . " ($url)");
        }
        $status = (int) curl_getinfo($ch, CURLINFO_RESPONSE_CODE);
        curl_close($ch);
        if ($location !== null && !preg_match('~^https?://~', $location)) {
            $location = Env::shopUrl(ltrim($location, '/'));
        }
        $this->lastUrl = $url;
        return array('status' => $status, 'location' => $location === null ? null : html_entity_decode($location), 'body' => (string) $body, 'url' => $url);
    }

    /** A POST with this browser's cookies, not sent yet (for run_at_once()). */
    public function postHandle($url, array $fields)
    {
        $ch = curl_init($this->onBase(preg_match('~^https?://~', $url) ? $url : Env::shopUrl($url)));
        curl_setopt_array($ch, array(CURLOPT_RETURNTRANSFER => true, CURLOPT_HEADER => true, CURLOPT_FOLLOWLOCATION => false,
            CURLOPT_COOKIEFILE => $this->jar, CURLOPT_TIMEOUT => 60, CURLOPT_POST => true, CURLOPT_POSTFIELDS => http_build_query($fields),
            CURLOPT_HTTPHEADER => array('X-Forwarded-For: ' . $this->clientIp), CURLOPT_USERAGENT => 'Mozilla/5.0 (X11; Linux x86_64) systempay-module-tests'));
        return $ch;
    }

    /** The same POST sent several times at once (a double click, a nervous reload). */
    public function postAll($url, array $fieldSets)
    {
        $handles = array();
        foreach ($fieldSets as $fields) {
            $handles[] = $this->postHandle($url, $fields);
        }
        return run_at_once($handles);
    }

    /** GET/POST then follow redirects (as a browser does: 303/302 become GET). */
    public function go($method, $url, $fields = null, $maxRedirects = 10)
    {
        $response = $this->request($method, $url, $fields);
        while ($response['location'] !== null && in_array($response['status'], array(301, 302, 303, 307), true) && $maxRedirects-- > 0) {
            $response = $this->request('GET', $response['location']);
        }
        return $response;
    }
}

/**
 * Sends prepared curl handles at the same time: @return list<array{status:int, location:?string}>
 * in their order.
 */
function run_at_once(array $handles)
{
    $multi = curl_multi_init();
    foreach ($handles as $ch) {
        curl_multi_add_handle($multi, $ch);
    }
    do {
        curl_multi_exec($multi, $running);
        curl_multi_select($multi, 0.1);
    } while ($running > 0);
    $answers = array();
    foreach ($handles as $i => $ch) {
        $raw = (string) curl_multi_getcontent($ch);
        $answers[$i] = array('status' => (int) curl_getinfo($ch, CURLINFO_RESPONSE_CODE),
            'location' => preg_match('/^Location:\s*(\S+)/mi', $raw, $m) ? html_entity_decode($m[1]) : null);
        curl_multi_remove_handle($multi, $ch);
        curl_close($ch);
    }
    curl_multi_close($multi);
    return $answers;
}

/** Parses the fields of a form in a page (the first form, or the one with that id or name). */
function form_fields($html, $formId = null)
{
    $doc = new DOMDocument();
    libxml_use_internal_errors(true);
    $doc->loadHTML('<?xml encoding="utf-8"?>' . $html);
    libxml_clear_errors();
    $xpath = new DOMXPath($doc);
    $forms = $formId === null ? $xpath->query('//form') : $xpath->query("//form[@id='$formId' or @name='$formId']");
    $fields = array();
    $action = null;
    if ($forms->length > 0) {
        $form = $forms->item(0);
        $action = $form->getAttribute('action');
        foreach ($xpath->query('.//input', $form) as $input) {
            $name = $input->getAttribute('name');
            $type = strtolower($input->getAttribute('type'));
            if ($name === '' || (($type === 'radio' || $type === 'checkbox') && !$input->hasAttribute('checked'))) {
                continue;
            }
            $fields[$name] = $input->getAttribute('value');
        }
        foreach ($xpath->query('.//textarea', $form) as $textarea) {
            $fields[$textarea->getAttribute('name')] = $textarea->textContent; // a browser posts it, even empty
        }
    }
    return array('action' => $action, 'fields' => $fields);
}

/** The platform's side, for the tests: results and notifications signed independently of the extension. */
final class Platform
{
    const KEY_TEST = '1122334455667788';
    const KEY_PROD = '9988776655443322';
    const SITE_ID = '12345678';

    public static function sign(array $fields, $key, $algorithm = 'HMAC-SHA-256')
    {
        $signed = array();
        foreach ($fields as $name => $value) {
            if (strncmp($name, 'vads_', 5) === 0) {
                $signed[$name] = (string) $value;
            }
        }
        ksort($signed, SORT_STRING);
        $message = implode('+', $signed) . '+' . $key;
        if (!$signed) {
            $message = $key;
        }
        return $algorithm === 'SHA-1' ? sha1($message) : base64_encode(hash_hmac('sha256', $message, $key, true));
    }

    /**
     * The fields the platform sends back for a request, for a status. $server adds the two
     * notification-only fields (vads_hash, vads_url_check_src).
     */
    public static function result(array $request, $status, $server = false, array $override = array())
    {
        $results = array(
            'AUTHORISED' => array('00', '00'), 'CAPTURED' => array('00', '00'), 'AUTHORISED_TO_VALIDATE' => array('00', '00'),
            'WAITING_AUTHORISATION' => array('00', '00'), 'REFUSED' => array('05', '05'), 'ABANDONED' => array('17', ''),
            'CANCELLED' => array('17', ''), 'EXPIRED' => array('05', ''),
        );
        list($result, $auth) = isset($results[$status]) ? $results[$status] : array('96', '');
        $fields = array();
        foreach ($request as $name => $value) {
            if (strncmp($name, 'vads_', 5) === 0 && strpos($name, 'vads_redirect_') !== 0 && $name !== 'vads_url_return') {
                $fields[$name] = $value;
            }
        }
        $fields += array(
            'vads_trans_status' => $status, 'vads_result' => $result, 'vads_auth_result' => $auth, 'vads_auth_mode' => 'FULL',
            'vads_card_brand' => 'CB', 'vads_card_number' => '497010XXXXXX0055', 'vads_expiry_month' => '6', 'vads_expiry_year' => '2030',
            'vads_threeds_status' => 'Y', 'vads_trans_uuid' => md5($request['vads_trans_id'] . $request['vads_trans_date']),
            'vads_effective_amount' => $request['vads_amount'], 'vads_effective_currency' => $request['vads_currency'],
            'vads_operation_type' => 'DEBIT', 'vads_warranty_result' => 'YES',
        );
        if ($server) {
            $fields['vads_hash'] = hash('sha256', uniqid('', true));
            $fields['vads_url_check_src'] = 'PAY';
        }
        $fields = array_merge($fields, $override);
        $key = $fields['vads_ctx_mode'] === 'PRODUCTION' ? self::KEY_PROD : self::KEY_TEST;
        $fields['signature'] = self::sign($fields, $key, isset($override['__algorithm']) ? $override['__algorithm'] : 'HMAC-SHA-256');
        unset($fields['__algorithm']);
        return $fields;
    }

    /** POSTs a notification to the shop's notification URL; returns [status, body]. */
    public static function notify(array $fields, $rawBody = null)
    {
        $browser = new Browser();
        $response = $browser->request('POST', 'callback/systempay/process.php', $rawBody === null ? http_build_query($fields) : $rawBody,
            array('Content-Type: application/x-www-form-urlencoded', 'User-Agent: Systempay-IPN'));
        return array($response['status'], $response['body']);
    }
}

/** "24.9000" at 2 decimals → "2490" (string arithmetic, half-up), independent of the extension. */
function decimal_to_minor($text, $decimals)
{
    list($int, $frac) = array_pad(explode('.', (string) $text, 2), 2, '');
    $frac = str_pad($frac, $decimals + 1, '0');
    $digits = ltrim($int . substr($frac, 0, $decimals), '0');
    $value = $digits === '' ? 0 : (int) $digits;
    return (string) ($value + ($frac[$decimals] >= '5' ? 1 : 0));
}

/** Buyers, and orders placed with Systempay written straight into the database (for the notification-only tests). */
final class Fixtures
{
    const BUYER_PASSWORD = 'Buyer-Pass-123';

    /**
     * A new customer account with its address in $country (as create_account.php stores it; the
     * password in the pre-2.0 md5 form, which the shop rehashes at the first login).
     * @return array{0:int, 1:string} customers_id and e-mail address
     */
    public static function newBuyer($country = 'DE')
    {
        $link = Db::link();
        $countryId = (int) Db::value("SELECT countries_id FROM countries WHERE countries_iso_code_2 = '" . $link->real_escape_string($country) . "'");
        if ($countryId === 0) {
            throw new InvalidArgumentException("unknown country $country");
        }
        $email = 'buyer.' . bin2hex(random_bytes(5)) . '@example.com'; // auto-increment ids: safe for parallel processes
        Db::query("INSERT INTO customers (customers_status, customers_gender, customers_firstname, customers_lastname, customers_email_address,
            customers_default_address_id, customers_telephone, customers_password, customers_date_added, customers_last_modified, account_type,
            customers_cid, customers_vat_id, customers_warning, customers_fax, password_request_key, payment_unallowed, shipping_unallowed)
            VALUES (2, 'f', 'Zoé', 'Lefèvre-Müller', '$email', 0, '+49 30 1234567', '" . md5(self::BUYER_PASSWORD) . "', now(), now(), 0,
            '', '', '', '', '', '', '')");
        $id = (int) $link->insert_id;
        Db::query("INSERT INTO address_book (customers_id, entry_gender, entry_company, entry_firstname, entry_lastname, entry_street_address,
            entry_suburb, entry_postcode, entry_city, entry_state, entry_country_id, entry_zone_id, address_date_added, address_last_modified)
            VALUES ($id, 'f', '', 'Zoé', 'Lefèvre-Müller', 'Rue de l''Église 5', '', '10115', 'Berlin', '', $countryId, 0, now(), now())");
        $addressId = (int) $link->insert_id;
        Db::query("UPDATE customers SET customers_default_address_id = $addressId WHERE customers_id = $id");
        Db::query("INSERT INTO customers_info (customers_info_id, customers_info_number_of_logons, customers_info_date_account_created) VALUES ($id, 0, now())");
        return array($id, $email);
    }

    /**
     * Creates $count pending Systempay orders with their payment attempt, and returns for each the
     * request fields the platform would have received. One real checkout makes the first order; the
     * others are copies of its rows (orders, totals, products, history), so every order is one the
     * real shop wrote, with the buyer, addresses, products and tax the mail templates need.
     * @return array<int, array<string, string>> orders_id => request fields
     */
    public static function pendingOrders($count)
    {
        $buyer = new Buyer();
        $buyer->payWithSystempay();
        $template = $buyer->ordersId;
        $requests = array($template => $buyer->request);
        $columns = static function ($table, $skip) {
            $names = array_column(Db::rows("SELECT column_name AS name FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = '$table' ORDER BY ordinal_position"), 'name');
            return implode(', ', array_map(static fn ($n) => "`$n`", array_diff($names, array($skip))));
        };
        $orderColumns = $columns('orders', 'orders_id');
        $totalColumns = $columns('orders_total', 'orders_total_id');
        $productColumns = $columns('orders_products', 'orders_products_id');
        $historyColumns = $columns('orders_status_history', 'orders_status_history_id');
        $date = $buyer->request['vads_trans_date'];
        $day = substr($date, 0, 4) . '-' . substr($date, 4, 2) . '-' . substr($date, 6, 2); // the attempt's UTC day
        for ($i = 1; $i < $count; $i++) {
            Db::query("INSERT INTO orders ($orderColumns) SELECT $orderColumns FROM orders WHERE orders_id = $template");
            $ordersId = (int) Db::link()->insert_id;
            foreach (array('orders_total' => $totalColumns, 'orders_products' => $productColumns, 'orders_status_history' => $historyColumns) as $table => $list) {
                $select = str_replace('`orders_id`', "$ordersId AS orders_id", $list);
                Db::query("INSERT INTO $table ($list) SELECT $select FROM $table WHERE orders_id = $template");
            }
            // The next id of the module's own per-day counter, as a checkout would take it.
            Db::query("INSERT INTO systempay_trans_counter (trans_day, last_value) VALUES ('$day', LAST_INSERT_ID(0))
                ON DUPLICATE KEY UPDATE last_value = LAST_INSERT_ID(last_value + 1)");
            $transId = str_pad((string) Db::value('SELECT LAST_INSERT_ID()'), 6, '0', STR_PAD_LEFT);
            $request = array_merge($buyer->request, array('vads_order_id' => (string) $ordersId, 'vads_trans_id' => $transId,
                'vads_ext_info_shop_order' => (string) $ordersId));
            Db::query("INSERT INTO systempay_transaction (orders_id, trans_day, trans_id, trans_date, ctx_mode, amount_minor, currency, created_at, updated_at)
                VALUES ($ordersId, '$day', '$transId', '{$request['vads_trans_date']}', '{$request['vads_ctx_mode']}', {$request['vads_amount']},
                '{$request['vads_currency']}', UTC_TIMESTAMP(), UTC_TIMESTAMP())");
            $requests[$ordersId] = $request;
        }
        return $requests;
    }
}

/**
 * Sends many notifications at once with curl_multi, at most $parallel in flight.
 * @param list<string> $bodies
 * @return list<array{status:int, body:string, ms:float}>
 */
function post_notifications(array $bodies, $parallel)
{
    $url = Env::shopUrl('callback/systempay/process.php');
    $multi = curl_multi_init();
    $results = array();
    $handles = array();
    $next = 0;
    $add = static function () use (&$next, $bodies, $multi, &$handles, $url) {
        $ch = curl_init($url);
        curl_setopt_array($ch, array(CURLOPT_POST => true, CURLOPT_POSTFIELDS => $bodies[$next], CURLOPT_RETURNTRANSFER => true,
            CURLOPT_TIMEOUT => 60, CURLOPT_HTTPHEADER => array('Content-Type: application/x-www-form-urlencoded', 'User-Agent: Systempay-IPN')));
        curl_multi_add_handle($multi, $ch);
        $handles[(int) $ch] = array($next, microtime(true));
        $next++;
    };
    while ($next < count($bodies) && count($handles) < $parallel) {
        $add();
    }
    do {
        curl_multi_exec($multi, $running);
        curl_multi_select($multi, 0.05);
        while ($info = curl_multi_info_read($multi)) {
            $ch = $info['handle'];
            list($index, $started) = $handles[(int) $ch];
            unset($handles[(int) $ch]);
            $results[$index] = array('status' => (int) curl_getinfo($ch, CURLINFO_RESPONSE_CODE), 'body' => (string) curl_multi_getcontent($ch),
                'ms' => (microtime(true) - $started) * 1000);
            curl_multi_remove_handle($multi, $ch);
            curl_close($ch);
            if ($next < count($bodies)) {
                $add();
            }
        }
    } while ($running > 0 || count($handles) > 0);
    curl_multi_close($multi);
    ksort($results);
    return $results;
}

function percentile(array $values, $p)
{
    sort($values);
    return $values ? $values[min(count($values) - 1, (int) floor($p / 100 * count($values)))] : 0.0;
}

/**
 * The messages that left the real shop (tests/realshop/catch_mail.py writes each one to run/mails/ as
 * an .eml file), with their decoded To and Subject headers, and their count per order.
 */
final class Mails
{
    /** @return list<array{file:string, to:string, from:string, subject:string}> oldest first */
    public static function all()
    {
        $files = glob(Env::runDir() . '/mails/*.eml') ?: array();
        sort($files);
        $mails = array();
        foreach ($files as $file) {
            $raw = (string) file_get_contents($file);
            $split = preg_split("/\r?\n\r?\n/", $raw, 2);
            $headers = iconv_mime_decode_headers($split[0], ICONV_MIME_DECODE_CONTINUE_ON_ERROR, 'UTF-8') ?: array();
            $header = static function ($name) use ($headers) {
                $value = isset($headers[$name]) ? $headers[$name] : '';
                return is_array($value) ? implode(', ', $value) : (string) $value;
            };
            $mails[] = array('file' => $file, 'to' => $header('To'), 'from' => $header('From'), 'subject' => $header('Subject'));
        }
        return $mails;
    }

    /** The confirmation mails of an order: the shop's subject names its number ("Your order 12 from …", "Ihre Bestellung 12 vom …"). */
    public static function forOrder($ordersId)
    {
        return array_values(array_filter(self::all(), static function ($mail) use ($ordersId) {
            return strpos($mail['subject'], 'Systempay:') !== 0
                && (bool) preg_match('/\b(order|Bestellung|commande|pedido)\s+(Nr\.\s*|No\.\s*)?' . (int) $ordersId . '\b/iu', $mail['subject']);
        }));
    }

    /** The module's alerts to the shop owner about an order ("Systempay: order 12 needs your attention (…)"). */
    public static function alertsForOrder($ordersId)
    {
        return array_values(array_filter(self::all(), static function ($mail) use ($ordersId) {
            return (bool) preg_match('/^Systempay: order ' . (int) $ordersId . ' /', $mail['subject']);
        }));
    }

    public static function countForOrder($ordersId)
    {
        return count(self::forOrder($ordersId));
    }

    /** The recipients' addresses of an order's mails, sorted. */
    public static function recipients($ordersId)
    {
        $to = array_map(static function ($mail) {
            return preg_match('/<([^>]+)>/', $mail['to'], $m) ? strtolower($m[1]) : strtolower(trim($mail['to']));
        }, self::forOrder($ordersId));
        sort($to);
        return $to;
    }

    /** Waits (up to $seconds) until an order has $count messages, for mail sent after the platform's answer. */
    public static function waitFor($ordersId, $count, $seconds = 10.0)
    {
        $until = microtime(true) + $seconds;
        while (self::countForOrder($ordersId) < $count && microtime(true) < $until) {
            usleep(100000);
        }
        return self::countForOrder($ordersId);
    }
}
