<?php
/* Test double of xtcPrice: currency conversion and formatting (no tax classes, no group prices).
   xtcAddTax() converts into the session currency and rounds to PRICE_PRECISION (4), as the shop does. */
class xtcPrice {
  var $currencies = array();
  var $actualCurr;
  var $show_price_tax = 1;
  var $cStatus = array();

  function __construct($currency, $cGroup = '') {
    $this->actualCurr = $currency;
    $query = xtc_db_query("SELECT * FROM " . TABLE_CURRENCIES . " WHERE status = '1'");
    while ($row = xtc_db_fetch_array($query)) {
      $this->currencies[$row['code']] = array(
        'title' => $row['title'],
        'symbol_left' => $row['symbol_left'],
        'symbol_right' => $row['symbol_right'],
        'decimal_point' => $row['decimal_point'],
        'thousands_point' => $row['thousands_point'],
        'decimal_places' => $row['decimal_places'],
        'value' => $row['value'],
      );
    }
    if (!isset($this->currencies[$this->actualCurr])) {
      $this->actualCurr = DEFAULT_CURRENCY;
    }
    $this->cStatus = isset($_SESSION['customers_status']) ? $_SESSION['customers_status'] : array();
  }

  function xtcCalculateCurr($price) {
    return (double)$this->currencies[$this->actualCurr]['value'] * (double)$price;
  }

  function xtcRemoveCurr($price) {
    if (DEFAULT_CURRENCY != $this->actualCurr && $this->currencies[$this->actualCurr]['value'] > 0) {
      return (double)$price * (1 / (double)$this->currencies[$this->actualCurr]['value']);
    }
    return (double)$price;
  }

  function xtcAddTax($price, $tax, $curr = true) {
    $price = (double)$price + (double)$price / 100 * (double)$tax;
    if ($curr) {
      $price = $this->xtcCalculateCurr($price);
    }
    return $this->show_price_tax ? round($price, PRICE_PRECISION) : $price;
  }

  function xtcFormat($price, $format, $tax_class = 0, $curr = false, $vpeStatus = 0, $pID = 0, $decimal_places = 0) {
    if ($curr) {
      $price = $this->xtcCalculateCurr($price);
    }
    $places = ($decimal_places > 0) ? $decimal_places : (int)$this->currencies[$this->actualCurr]['decimal_places'];
    if ($format) {
      $c = $this->currencies[$this->actualCurr];
      return trim($c['symbol_left'] . ' ' . number_format((double)$price, $places, $c['decimal_point'], $c['thousands_point']) . ' ' . $c['symbol_right']);
    }
    return round((double)$price, $places);
  }

  function xtcFormatCurrency($price, $decimal_places = 0, $curr = false) {
    return $this->xtcFormat($price, true, 0, $curr, 0, 0, $decimal_places);
  }
}
