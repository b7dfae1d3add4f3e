<?php
/* Test double: minimal cart page (checkout requirements redirect here). */
include('includes/application_top.php');
$page_title = HEADING_SHOPPING_CART;
require(DIR_WS_INCLUDES . 'header.php');
$products = $_SESSION['cart']->get_products();
if (count($products) == 0) {
  echo '<p id="cart_empty">' . TEXT_CART_EMPTY . "</p>\n";
} else {
  echo '<ul id="cart">';
  foreach ($products as $product) {
    echo '<li>' . $product['quantity'] . ' x ' . htmlspecialchars($product['name']) . '</li>';
  }
  echo "</ul>\n<p><a href=\"" . xtc_href_link(FILENAME_CHECKOUT_SHIPPING, '', 'SSL') . '">' . HEADING_CHECKOUT_SHIPPING . "</a></p>\n";
}
include('includes/application_bottom.php');
