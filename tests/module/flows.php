<?php
/** The admin's and the buyer's paths through the real modified shop, as a person would click them. */

final class Admin
{
    /** @var Browser */
    public $browser;

    const EMAIL = 'admin@shop.example';      // created by the shop's installer (tests/realshop/env.sh)
    const PASSWORD = 'Admin-Pass-123';

    /** Logs in on the storefront's login page, as the shop's admin does, then opens the admin in $language. */
    public function __construct($language = 'en', $base = null, $email = self::EMAIL, $password = self::PASSWORD)
    {
        $this->browser = new Browser($base);
        $this->browser->go('GET', 'login.php?language=' . $language);
        $response = $this->browser->go('POST', 'login.php?action=process', array('email_address' => $email, 'password' => $password));
        $start = $this->browser->go('GET', 'admin/start.php');
        if ($start['status'] !== 200 || strpos($start['body'], 'logoff') === false) {
            throw new RuntimeException('admin login failed: HTTP ' . $start['status'] . ' ' . $start['url'] . "\n" . substr(strip_tags($response['body']), 0, 800));
        }
    }

    public function modulesPage($query = '')
    {
        return $this->browser->go('GET', 'admin/modules.php?set=payment' . ($query !== '' ? '&' . $query : ''));
    }

    public function install()
    {
        return $this->modulesPage('module=systempay&action=install');
    }

    public function remove()
    {
        $page = $this->modulesPage('module=systempay&action=remove&box=1');
        $form = form_fields($page['body'], 'modules');
        return $this->browser->go('POST', self::absolute($form['action']), $form['fields']);
    }

    /** Opens the edit form, changes the given settings (KEY without prefix => value) and saves. */
    public function save(array $settings)
    {
        $page = $this->modulesPage('module=systempay&action=edit');
        $form = self::editForm($page['body']);
        foreach ($settings as $name => $value) {
            $field = 'configuration[MODULE_PAYMENT_SYSTEMPAY_' . $name . ']';
            unset($form['fields'][$field], $form['fields'][$field . '[]']);
            if (is_array($value)) {
                $form['fields'][$field] = array_merge(array(''), $value);
            } else {
                $form['fields'][$field] = $value;
            }
        }
        $body = array();
        foreach ($form['fields'] as $name => $value) {
            if (is_array($value)) {
                $base = substr($name, -2) === '[]' ? substr($name, 0, -2) : $name;
                foreach ($value as $item) {
                    $body[] = rawurlencode($base . '[]') . '=' . rawurlencode($item);
                }
            } else {
                $body[] = rawurlencode($name) . '=' . rawurlencode($value);
            }
        }
        return $this->browser->go('POST', self::absolute($form['action']), implode('&', $body));
    }

    /** The edit form's fields, including selects and multi-selects. */
    public static function editForm($html)
    {
        $doc = new DOMDocument();
        libxml_use_internal_errors(true);
        $doc->loadHTML('<?xml encoding="utf-8"?>' . $html);
        libxml_clear_errors();
        $xpath = new DOMXPath($doc);
        $form = null;
        foreach ($xpath->query('//form') as $candidate) {
            if ($xpath->query('.//*[starts-with(@name, "configuration[")]', $candidate)->length > 0) {
                $form = $candidate;
            }
        }
        if ($form === null) {
            throw new RuntimeException("no configuration form on the page:\n" . substr(strip_tags($html), 0, 2000));
        }
        $fields = array();
        foreach ($xpath->query('.//input|.//select|.//textarea', $form) as $element) {
            $name = $element->getAttribute('name');
            if ($name === '') {
                continue;
            }
            if ($element->nodeName === 'select') {
                $selected = array();
                foreach ($xpath->query('.//option', $element) as $option) {
                    if ($option->hasAttribute('selected')) {
                        $selected[] = $option->getAttribute('value');
                    }
                }
                if ($element->hasAttribute('multiple')) {
                    $fields[$name] = array_merge(isset($fields[$name]) && is_array($fields[$name]) ? $fields[$name] : array(), $selected);
                } else {
                    $fields[$name] = $selected ? $selected[0] : '';
                }
            } elseif ($element->nodeName === 'textarea') {
                $fields[$name] = $element->textContent;
            } else {
                $type = strtolower($element->getAttribute('type'));
                if (($type === 'radio' || $type === 'checkbox') && !$element->hasAttribute('checked')) {
                    continue;
                }
                if ($type === 'submit' || $type === 'button') {
                    continue;
                }
                if (substr($name, -2) === '[]') {
                    $fields[$name] = array_merge(isset($fields[$name]) && is_array($fields[$name]) ? $fields[$name] : array(), array($element->getAttribute('value')));
                } else {
                    $fields[$name] = $element->getAttribute('value');
                }
            }
        }
        return array('action' => $form->getAttribute('action'), 'fields' => $fields);
    }

    /** A form action of a catalog page, relative to the shop root. */
    public static function absoluteCatalog($action)
    {
        $action = html_entity_decode((string) $action);
        return preg_match('~^https?://~', $action) ? $action : Env::shopUrl(ltrim($action, '/'));
    }

    public static function absolute($action)
    {
        $action = html_entity_decode((string) $action);
        if (preg_match('~^https?://~', $action)) {
            return $action;
        }
        return Env::shopUrl(strpos($action, '/') === 0 ? ltrim($action, '/') : 'admin/' . $action);
    }
}

/** A buyer's checkout up to the payment page. */
final class Buyer
{
    /** @var Browser */
    public $browser;
    /** @var int */
    public $ordersId = 0;
    /** @var array the fields posted to the payment page */
    public $request = array();
    public $paymentPage = array();

    /** @var int the buyer's customers_id: every Buyer is an account of its own (own cart, own session) */
    public $customerId = 0;
    public $email = '';

    public function __construct($base = null)
    {
        $this->browser = new Browser($base);
    }

    /**
     * Logs in a new buyer and goes through the real checkout up to the payment choice: the shop's
     * login page, product_info's add-to-cart, checkout_shipping (flat rate), as a person clicks them.
     * Options: language (de|en), currency (EUR|JPY|KWD|USD…, must be active), country (ISO-2 of the
     * billing and delivery address), products ("1:2" = product 1 twice).
     * @return array the checkout_payment.php page
     */
    public function startCheckout(array $options = array())
    {
        $options += array('language' => 'en', 'currency' => 'EUR', 'country' => 'DE', 'products' => '1:2');
        if ($this->customerId === 0) {
            list($this->customerId, $this->email) = Fixtures::newBuyer($options['country']);
        }
        $this->browser->go('GET', 'login.php?' . http_build_query(array('language' => $options['language'], 'currency' => $options['currency'])));
        $this->browser->go('POST', 'login.php?action=process', array('email_address' => $this->email, 'password' => Fixtures::BUYER_PASSWORD));
        foreach (explode(',', $options['products']) as $item) {
            list($productId, $quantity) = array_pad(explode(':', $item), 2, '1');
            $this->browser->go('POST', 'product_info.php?products_id=' . (int) $productId . '&action=add_product',
                array('products_id' => (int) $productId, 'products_qty' => (int) $quantity));
        }
        $shipping = $this->browser->go('GET', 'checkout_shipping.php');
        $form = form_fields($shipping['body'], 'checkout_address');
        if ($form['action'] === null) {
            throw new RuntimeException("no shipping form:\n" . substr(strip_tags($shipping['body']), 0, 1500));
        }
        return $this->browser->go('POST', Admin::absoluteCatalog($form['action']), $form['fields']);
    }

    public static function offersSystempay($page)
    {
        return (bool) preg_match('/name="payment"[^>]*value="systempay"|value="systempay"[^>]*name="payment"/', $page['body']);
    }

    /** Chooses Systempay, confirms, and stops at the auto-submitted form to the payment page. */
    public function payWithSystempay(array $options = array())
    {
        $page = $this->startCheckout($options);
        if (!self::offersSystempay($page)) {
            throw new RuntimeException("Systempay not offered:\n" . substr(strip_tags($page['body']), 0, 1500));
        }
        $form = form_fields($page['body'], 'checkout_payment');
        $form['fields']['payment'] = 'systempay';
        $form['fields']['conditions'] = 'conditions'; // the buyer ticks the terms box
        $confirmation = $this->browser->go('POST', Admin::absoluteCatalog($form['action']), $form['fields']);
        $confirm = form_fields($confirmation['body'], 'checkout_confirmation');
        if ($confirm['action'] === null) {
            throw new RuntimeException("no confirmation form:\n" . substr(strip_tags($confirmation['body']), 0, 1500));
        }
        $this->paymentPage = $this->browser->go('POST', Admin::absoluteCatalog($confirm['action']), $confirm['fields']);
        $redirect = form_fields($this->paymentPage['body'], 'systempay_form');
        if ($redirect['action'] === null) {
            throw new RuntimeException("no payment form:\n" . substr(strip_tags($this->paymentPage['body']), 0, 1500));
        }
        $this->request = $redirect['fields'];
        $this->ordersId = (int) $this->request['vads_order_id'];
        return $redirect;
    }

    /** The buyer's browser coming back from the platform with a signed result (GET mode). */
    public function returnWith(array $fields)
    {
        return $this->browser->go('GET', 'checkout_process.php?' . http_build_query($fields));
    }

    /** The buyer's browser coming back in POST mode: a cross-site POST (no cookie sent) to return.php. */
    public function returnWithPost(array $fields)
    {
        $anonymous = new Browser(); // the cross-site POST carries no SameSite=Lax cookie
        $response = $anonymous->request('POST', 'callback/systempay/return.php', http_build_query($fields));
        if ($response['status'] !== 303 || $response['location'] === null) {
            return $response;
        }
        return $this->browser->go('GET', $response['location']); // the redirected GET does carry it
    }
}
