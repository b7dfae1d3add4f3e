<?php
/* Test double of modified eCommerce 3.3 inc/xtc_restock_order.inc.php (own code, same interface). */
// puts the ordered quantities back on stock (products only; specials and credit are not restored)
function xtc_restock_order($order_id, $reactivate_product = true) {
  $order_query = xtc_db_query("SELECT products_id, products_quantity FROM " . TABLE_ORDERS_PRODUCTS . " WHERE orders_id = '" . (int)$order_id . "'");
  while ($order = xtc_db_fetch_array($order_query)) {
    xtc_db_query("UPDATE " . TABLE_PRODUCTS . "
                     SET products_quantity = products_quantity + " . (float)$order['products_quantity'] . ",
                         products_ordered = products_ordered - " . (float)$order['products_quantity'] . "
                         " . ($reactivate_product === true ? ", products_status = '1'" : '') . "
                   WHERE products_id = '" . (int)$order['products_id'] . "'");
  }
}
