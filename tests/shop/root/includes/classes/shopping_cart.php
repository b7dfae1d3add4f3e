<?php
/* Test double of the shop's shoppingCart: products without attributes, mirrored to customers_basket
   for logged-in customers. cartID changes whenever the contents change (checkout_requirements compares it). */
class shoppingCart {
  var $contents = array();
  var $total = 0;
  var $weight = 0;
  var $cartID = '';
  var $content_type = false;

  function __construct() {
    $this->reset();
  }

  function reset($reset_database = false) {
    $this->contents = array();
    $this->total = 0;
    $this->weight = 0;
    $this->content_type = false;
    if (isset($_SESSION['customer_id']) && $reset_database == true) {
      xtc_db_query("DELETE FROM " . TABLE_CUSTOMERS_BASKET . " WHERE customers_id = '" . (int)$_SESSION['customer_id'] . "'");
    }
    unset($this->cartID);
    if (isset($_SESSION['cartID'])) {
      unset($_SESSION['cartID']);
    }
  }

  function add_cart($products_id, $qty = 1) {
    $products_id = (string)(int)$products_id;
    $qty = (int)$qty;
    if ($qty < 1) {
      return;
    }
    $this->contents[$products_id] = array('qty' => $qty);
    if (isset($_SESSION['customer_id'])) {
      xtc_db_query("DELETE FROM " . TABLE_CUSTOMERS_BASKET . " WHERE customers_id = '" . (int)$_SESSION['customer_id'] . "' AND products_id = '" . xtc_db_input($products_id) . "'");
      xtc_db_perform(TABLE_CUSTOMERS_BASKET, array(
        'customers_id' => (int)$_SESSION['customer_id'],
        'products_id' => $products_id,
        'customers_basket_quantity' => $qty,
        'customers_basket_date_added' => date('Ymd'),
      ));
    }
    $this->cartID = $this->generate_cart_id();
  }

  function generate_cart_id($length = 5) {
    return substr(str_shuffle(str_repeat('0123456789', 3)), 0, $length);
  }

  function count_contents() {
    $total = 0;
    foreach ($this->contents as $item) {
      $total += $item['qty'];
    }
    return $total;
  }

  function count_contents_virtual() {
    return $this->count_contents();
  }

  function get_content_type() {
    $this->content_type = ($this->count_contents() > 0) ? 'physical' : false;
    return $this->content_type;
  }

  // prices in the default currency, as stored in products
  function get_products() {
    $products = array();
    foreach ($this->contents as $products_id => $item) {
      $query = xtc_db_query("SELECT p.products_id, p.products_model, p.products_price, p.products_quantity, p.products_weight,
                                    pd.products_name
                               FROM " . TABLE_PRODUCTS . " p
                               JOIN " . TABLE_PRODUCTS_DESCRIPTION . " pd ON pd.products_id = p.products_id
                                    AND pd.language_id = '" . (int)$_SESSION['languages_id'] . "'
                              WHERE p.products_id = '" . (int)$products_id . "' AND p.products_status = '1'");
      $product = xtc_db_fetch_array($query);
      if (is_array($product)) {
        $products[] = array(
          'id' => (string)$products_id,
          'name' => $product['products_name'],
          'model' => $product['products_model'],
          'price' => $product['products_price'],
          'quantity' => $item['qty'],
          'stock' => $product['products_quantity'],
          'weight' => $product['products_weight'],
          'tax_class_id' => 0,
        );
      }
    }
    return $products;
  }

  function show_total() {
    global $xtPrice;
    $total = 0;
    foreach ($this->get_products() as $product) {
      $total += $xtPrice->xtcAddTax($product['price'], 0) * $product['quantity'];
    }
    $this->total = $total;
    return $total;
  }

  function show_weight() {
    return 0;
  }
}
