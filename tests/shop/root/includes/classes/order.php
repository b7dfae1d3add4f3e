<?php
/* Test double of includes/classes/order.php.
   new order()      : from the session cart (prices converted to the session currency and rounded to 4
                      decimals like xtcAddTax(); no tax); info['order_status'] = DEFAULT_ORDERS_STATUS_ID.
   new order($oID)  : loads a stored order (admin, modules, success page); info['orders_status'] is the id. */
class order {
  var $info = array();
  var $totals = array();
  var $products = array();
  var $customer = array();
  var $delivery = array();
  var $billing = array();
  var $content_type = 'physical';

  function __construct($order_id = '') {
    if (xtc_not_null($order_id)) {
      $this->query($order_id);
    } else {
      $this->cart();
    }
  }

  private static function address_from_book($customer_id, $address_id, $customer) {
    $query = xtc_db_query("SELECT ab.*, c.countries_id, c.countries_name, c.countries_iso_code_2, c.countries_iso_code_3, c.address_format_id
                             FROM " . TABLE_ADDRESS_BOOK . " ab
                        LEFT JOIN " . TABLE_COUNTRIES . " c ON c.countries_id = ab.entry_country_id
                            WHERE ab.customers_id = '" . (int)$customer_id . "' AND ab.address_book_id = '" . (int)$address_id . "'");
    $row = xtc_db_fetch_array($query);
    if (!is_array($row)) {
      $row = array('entry_gender' => '', 'entry_firstname' => '', 'entry_lastname' => '', 'entry_company' => '', 'entry_street_address' => '',
                   'entry_suburb' => '', 'entry_city' => '', 'entry_postcode' => '', 'entry_state' => '', 'entry_zone_id' => 0,
                   'countries_id' => 0, 'countries_name' => '', 'countries_iso_code_2' => '', 'countries_iso_code_3' => '', 'address_format_id' => 1);
    }
    return array(
      'gender' => $row['entry_gender'],
      'firstname' => $row['entry_firstname'],
      'lastname' => $row['entry_lastname'],
      'company' => (string)$row['entry_company'],
      'street_address' => $row['entry_street_address'],
      'suburb' => (string)$row['entry_suburb'],
      'city' => $row['entry_city'],
      'postcode' => $row['entry_postcode'],
      'state' => (string)$row['entry_state'],
      'zone_id' => (int)$row['entry_zone_id'],
      'country' => array('id' => (int)$row['countries_id'], 'title' => (string)$row['countries_name'],
                         'iso_code_2' => (string)$row['countries_iso_code_2'], 'iso_code_3' => (string)$row['countries_iso_code_3']),
      'country_id' => (int)$row['countries_id'],
      'format_id' => (int)$row['address_format_id'],
      'telephone' => $customer['customers_telephone'],
      'email_address' => $customer['customers_email_address'],
    );
  }

  function cart() {
    global $xtPrice;
    $customer_id = isset($_SESSION['customer_id']) ? (int)$_SESSION['customer_id'] : 0;
    $query = xtc_db_query("SELECT * FROM " . TABLE_CUSTOMERS . " WHERE customers_id = '" . $customer_id . "'");
    $customer = xtc_db_fetch_array($query);
    if (!is_array($customer)) {
      $customer = array('customers_telephone' => '', 'customers_email_address' => '', 'customers_cid' => '', 'customers_default_address_id' => 0);
    }
    $this->customer = self::address_from_book($customer_id, $customer['customers_default_address_id'], $customer);
    $this->customer['csID'] = (string)$customer['customers_cid'];
    $this->customer['payment_unallowed'] = '';
    $this->delivery = self::address_from_book($customer_id, isset($_SESSION['sendto']) ? $_SESSION['sendto'] : 0, $customer);
    $this->billing = self::address_from_book($customer_id, isset($_SESSION['billto']) ? $_SESSION['billto'] : 0, $customer);

    $currency = $xtPrice->actualCurr;
    $shipping = (isset($_SESSION['shipping']) && is_array($_SESSION['shipping'])) ? $_SESSION['shipping'] : array('id' => '', 'title' => '', 'cost' => 0);
    $this->info = array(
      'order_status' => DEFAULT_ORDERS_STATUS_ID,
      'currency' => $currency,
      'currency_value' => $xtPrice->currencies[$currency]['value'],
      'payment_method' => isset($_SESSION['payment']) && is_string($_SESSION['payment']) ? $_SESSION['payment'] : '',
      'payment_class' => isset($_SESSION['payment']) && is_string($_SESSION['payment']) ? $_SESSION['payment'] : '',
      'shipping_method' => $shipping['title'],
      'shipping_class' => $shipping['id'],
      'shipping_cost' => $xtPrice->xtcAddTax($shipping['cost'], 0),
      'comments' => isset($_SESSION['comments']) ? $_SESSION['comments'] : '',
      'subtotal' => 0,
      'tax' => 0,
      'tax_groups' => array(),
      'allow_tax' => 1,
      'language' => isset($_SESSION['language']) ? $_SESSION['language'] : '',
    );

    $this->products = array();
    foreach ($_SESSION['cart']->get_products() as $product) {
      $price = $xtPrice->xtcAddTax($product['price'], 0);
      $this->products[] = array(
        'id' => $product['id'],
        'qty' => $product['quantity'],
        'name' => $product['name'],
        'model' => $product['model'],
        'ean' => '',
        'tax' => 0,
        'tax_class_id' => 0,
        'tax_description' => '',
        'price' => $price,
        'price_origin' => $price,
        'final_price' => $price * $product['quantity'],
        'shipping_time' => '',
        'weight' => $product['weight'],
        'weight_origin' => $product['weight'],
        'discount_allowed' => 0,
        'order_description' => '',
        'vpe_status' => 0,
        'vpe_id' => 0,
        'vpe_value' => 0,
      );
      $this->info['subtotal'] += $price * $product['quantity'];
    }
    $this->info['total'] = $this->info['subtotal'] + $this->info['shipping_cost'];
    $this->info['pp_total'] = $this->info['total'];
  }

  function query($order_id) {
    $order_id = (int)$order_id;
    $query = xtc_db_query("SELECT * FROM " . TABLE_ORDERS . " WHERE orders_id = '" . $order_id . "'");
    $row = xtc_db_fetch_array($query);
    if (!is_array($row)) {
      return;
    }
    $this->totals = array();
    $total = 0;
    $totals_query = xtc_db_query("SELECT title, text, value, class, sort_order FROM " . TABLE_ORDERS_TOTAL . " WHERE orders_id = '" . $order_id . "' ORDER BY sort_order");
    while ($t = xtc_db_fetch_array($totals_query)) {
      $this->totals[] = array('title' => $t['title'], 'text' => $t['text'], 'value' => $t['value'], 'class' => $t['class'], 'sort_order' => $t['sort_order']);
      if ($t['class'] == 'ot_total') {
        $total = $t['value'];
      }
    }
    $this->info = array(
      'order_id' => $row['orders_id'],
      'currency' => $row['currency'],
      'currency_value' => $row['currency_value'],
      'payment_method' => $row['payment_method'],
      'payment_class' => $row['payment_class'],
      'shipping_method' => $row['shipping_method'],
      'shipping_class' => $row['shipping_class'],
      'date_purchased' => $row['date_purchased'],
      'orders_status' => $row['orders_status'],
      'last_modified' => $row['last_modified'],
      'total' => $total,
      'pp_total' => $total,
      'comments' => $row['comments'],
      'language' => $row['language'],
      'languages_id' => $row['languages_id'],
      'customers_ip' => $row['customers_ip'],
    );
    foreach (array('customer' => 'customers', 'delivery' => 'delivery', 'billing' => 'billing') as $prop => $prefix) {
      $this->$prop = array(
        'name' => $row[$prefix . '_name'],
        'firstname' => $row[$prefix . '_firstname'],
        'lastname' => $row[$prefix . '_lastname'],
        'company' => (string)$row[$prefix . '_company'],
        'street_address' => $row[$prefix . '_street_address'],
        'suburb' => (string)$row[$prefix . '_suburb'],
        'city' => $row[$prefix . '_city'],
        'postcode' => $row[$prefix . '_postcode'],
        'state' => (string)$row[$prefix . '_state'],
        'country' => array('title' => $row[$prefix . '_country'], 'iso_code_2' => $row[$prefix . '_country_iso_code_2']),
        'country_iso_2' => $row[$prefix . '_country_iso_code_2'],
        'format_id' => $row[$prefix . '_address_format_id'],
        'telephone' => $row['customers_telephone'],
        'email_address' => $row['customers_email_address'],
      );
    }
    $this->customer['id'] = $row['customers_id'];
    $this->customer['csID'] = (string)$row['customers_cid'];
    $this->products = array();
    $products_query = xtc_db_query("SELECT * FROM " . TABLE_ORDERS_PRODUCTS . " WHERE orders_id = '" . $order_id . "' ORDER BY orders_products_id");
    while ($p = xtc_db_fetch_array($products_query)) {
      $this->products[] = array(
        'id' => $p['products_id'],
        'opid' => $p['orders_products_id'],
        'qty' => $p['products_quantity'],
        'name' => $p['products_name'],
        'model' => $p['products_model'],
        'tax' => $p['products_tax'],
        'price' => $p['products_price'],
        'final_price' => $p['final_price'],
      );
    }
  }
}
