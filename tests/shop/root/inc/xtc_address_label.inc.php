<?php
/* Test double of modified eCommerce 3.3 inc/xtc_address_label.inc.php (own code, same interface). */
function xtc_address_label($customers_id, $address_id = 1, $html = false, $boln = '', $eoln = "\n") {
  $query = xtc_db_query("SELECT ab.*, c.countries_name FROM " . TABLE_ADDRESS_BOOK . " ab
                           LEFT JOIN " . TABLE_COUNTRIES . " c ON c.countries_id = ab.entry_country_id
                          WHERE ab.customers_id = '" . (int)$customers_id . "' AND ab.address_book_id = '" . (int)$address_id . "'");
  $address = xtc_db_fetch_array($query);
  if (!is_array($address)) {
    return '';
  }
  $lines = array($address['entry_firstname'] . ' ' . $address['entry_lastname'], $address['entry_street_address'],
                 $address['entry_postcode'] . ' ' . $address['entry_city'], (string)$address['countries_name']);
  if ($html) {
    $lines = array_map(function ($l) { return htmlspecialchars($l, ENT_QUOTES); }, $lines);
  }
  return $boln . implode($eoln . $boln, $lines);
}
