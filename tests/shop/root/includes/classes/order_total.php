<?php
/* Test double of the order-total modules ot_subtotal (sort 10), ot_shipping (sort 30), ot_total (sort 99).
   Values are in the order (session) currency, rounded to 4 decimals (PRICE_PRECISION); text is formatted. */
class order_total {
  var $modules = array('ot_subtotal.php', 'ot_shipping.php', 'ot_total.php');
  var $output = array();

  function process() {
    global $order, $xtPrice;
    $this->output = array();
    if (!is_object($order)) {
      return $this->output;
    }
    $this->output[] = array('code' => 'ot_subtotal', 'title' => MODULE_ORDER_TOTAL_SUBTOTAL_TITLE . ':',
      'text' => $xtPrice->xtcFormat($order->info['subtotal'], true), 'value' => round($order->info['subtotal'], 4), 'sort_order' => 10);
    if (isset($order->info['shipping_method']) && $order->info['shipping_method'] != '') {
      $this->output[] = array('code' => 'ot_shipping', 'title' => $order->info['shipping_method'] . ':',
        'text' => $xtPrice->xtcFormat($order->info['shipping_cost'], true), 'value' => round($order->info['shipping_cost'], 4), 'sort_order' => 30);
    }
    $this->output[] = array('code' => 'ot_total', 'title' => '<b>' . MODULE_ORDER_TOTAL_TOTAL_TITLE . ':</b>',
      'text' => '<b>' . $xtPrice->xtcFormat($order->info['total'], true) . '</b>', 'value' => round($order->info['total'], 4), 'sort_order' => 99);
    $order->totals = $this->output;
    return $this->output;
  }

  function output() {
    $html = '';
    foreach ($this->output as $row) {
      $html .= '<tr class="' . $row['code'] . '"><td>' . $row['title'] . '</td><td>' . $row['text'] . '</td></tr>' . "\n";
    }
    return $html;
  }

  function output_array() {
    return $this->output;
  }

  // gift-system entry points are no-ops (no GV/coupon modules in the double)
  function collect_posts() {}
  function pre_confirmation_check() { return 0; }
  function update_credit_account($i) {}
  function apply_credit() {}
  function clear_posts() {}
  function credit_selection() { return array(); }
}
