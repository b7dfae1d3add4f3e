<?php
/* Test double of modified eCommerce 3.3 inc/xtc_remove_order.inc.php (own code, same interface). */
// deletes the order and its rows; restocks only when $restock is the string 'on'
function xtc_remove_order($order_id, $restock = false, $activate = true) {
  if ($restock == 'on') {
    require_once(DIR_FS_INC . 'xtc_restock_order.inc.php');
    xtc_restock_order($order_id, $activate);
  }
  $order_id = (int)$order_id;
  foreach (array(TABLE_ORDERS, TABLE_ORDERS_PRODUCTS, TABLE_ORDERS_PRODUCTS_ATTRIBUTES, TABLE_ORDERS_STATUS_HISTORY,
                 TABLE_ORDERS_TOTAL, TABLE_ORDERS_PRODUCTS_DOWNLOAD) as $table) {
    xtc_db_query("DELETE FROM " . $table . " WHERE orders_id = '" . $order_id . "'");
  }
  // coupon_gv_queue does not exist in the double (no gift system)
}
