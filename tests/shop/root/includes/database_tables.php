<?php
/* Test double: TABLE_* constants of the tables in tests/shop/schema.sql; includes/extra/database_tables/ may add more. */
define('TABLE_ADDRESS_BOOK', 'address_book');
define('TABLE_CONFIGURATION', 'configuration');
define('TABLE_COUNTRIES', 'countries');
define('TABLE_CURRENCIES', 'currencies');
define('TABLE_CUSTOMERS', 'customers');
define('TABLE_CUSTOMERS_BASKET', 'customers_basket');
define('TABLE_CUSTOMERS_STATUS', 'customers_status');
define('TABLE_GEO_ZONES', 'geo_zones');
define('TABLE_LANGUAGES', 'languages');
define('TABLE_ORDERS', 'orders');
define('TABLE_ORDERS_PRODUCTS', 'orders_products');
define('TABLE_ORDERS_PRODUCTS_ATTRIBUTES', 'orders_products_attributes');
define('TABLE_ORDERS_PRODUCTS_DOWNLOAD', 'orders_products_download');
define('TABLE_ORDERS_STATUS', 'orders_status');
define('TABLE_ORDERS_STATUS_HISTORY', 'orders_status_history');
define('TABLE_ORDERS_TOTAL', 'orders_total');
define('TABLE_PRODUCTS', 'products');
define('TABLE_PRODUCTS_DESCRIPTION', 'products_description');
define('TABLE_SESSIONS', 'sessions');
define('TABLE_ZONES_TO_GEO_ZONES', 'zones_to_geo_zones');
foreach (auto_include(DIR_FS_CATALOG . 'includes/extra/database_tables/', 'php') as $file) require_once($file);
