-- Test double of the modified eCommerce 3.3 tables a payment module touches.
-- Column names follow modified.sql; engine MyISAM and charset utf8 (utf8mb3) as a default install.
-- Loaded by start.sh and reset_db.sh into the database modified_test.

SET NAMES utf8;
SET SESSION sql_mode = '';

DROP TABLE IF EXISTS configuration, orders, orders_total, orders_status, orders_status_history,
  orders_products, orders_products_attributes, orders_products_download, products, products_description,
  languages, currencies, customers, customers_status, address_book, countries, geo_zones,
  zones_to_geo_zones, customers_basket, sessions, test_mails;

CREATE TABLE configuration (
  configuration_id INT NOT NULL AUTO_INCREMENT,
  configuration_key VARCHAR(128) NOT NULL,
  configuration_value TEXT NOT NULL,
  configuration_group_id INT NOT NULL DEFAULT 0,
  sort_order INT(5) NULL,
  last_modified DATETIME NULL,
  date_added DATETIME NOT NULL,
  use_function VARCHAR(255) NULL,
  set_function VARCHAR(255) NULL,
  PRIMARY KEY (configuration_id),
  UNIQUE KEY idx_configuration_key (configuration_key),
  KEY idx_configuration_group_id (configuration_group_id)
) ENGINE=MyISAM DEFAULT CHARSET=utf8;

CREATE TABLE orders (
  orders_id INT NOT NULL AUTO_INCREMENT,
  customers_id INT NOT NULL,
  customers_cid VARCHAR(32),
  customers_vat_id VARCHAR(20),
  customers_status INT(11),
  customers_status_name VARCHAR(64) NOT NULL DEFAULT '',
  customers_status_image VARCHAR(64),
  customers_status_discount DECIMAL(4,2),
  customers_name VARCHAR(255) NOT NULL DEFAULT '',
  customers_firstname VARCHAR(64) NOT NULL DEFAULT '',
  customers_lastname VARCHAR(64) NOT NULL DEFAULT '',
  customers_gender CHAR(1) NOT NULL DEFAULT '',
  customers_company VARCHAR(64),
  customers_street_address VARCHAR(64) NOT NULL DEFAULT '',
  customers_suburb VARCHAR(32),
  customers_city VARCHAR(32) NOT NULL DEFAULT '',
  customers_postcode VARCHAR(10) NOT NULL DEFAULT '',
  customers_state VARCHAR(32),
  customers_country VARCHAR(64) NOT NULL DEFAULT '',
  customers_telephone VARCHAR(32) NOT NULL DEFAULT '',
  customers_email_address VARCHAR(96) NOT NULL DEFAULT '',
  customers_address_format_id INT(5) NOT NULL DEFAULT 0,
  customers_country_iso_code_2 CHAR(2) NOT NULL DEFAULT '',
  delivery_name VARCHAR(255) NOT NULL DEFAULT '',
  delivery_firstname VARCHAR(64) NOT NULL DEFAULT '',
  delivery_lastname VARCHAR(64) NOT NULL DEFAULT '',
  delivery_gender CHAR(1) NOT NULL DEFAULT '',
  delivery_company VARCHAR(64),
  delivery_street_address VARCHAR(64) NOT NULL DEFAULT '',
  delivery_suburb VARCHAR(32),
  delivery_city VARCHAR(32) NOT NULL DEFAULT '',
  delivery_postcode VARCHAR(10) NOT NULL DEFAULT '',
  delivery_state VARCHAR(32),
  delivery_country VARCHAR(64) NOT NULL DEFAULT '',
  delivery_country_iso_code_2 CHAR(2) NOT NULL DEFAULT '',
  delivery_address_format_id INT(5) NOT NULL DEFAULT 0,
  billing_name VARCHAR(255) NOT NULL DEFAULT '',
  billing_firstname VARCHAR(64) NOT NULL DEFAULT '',
  billing_lastname VARCHAR(64) NOT NULL DEFAULT '',
  billing_gender CHAR(1) NOT NULL DEFAULT '',
  billing_company VARCHAR(64),
  billing_street_address VARCHAR(64) NOT NULL DEFAULT '',
  billing_suburb VARCHAR(32),
  billing_city VARCHAR(32) NOT NULL DEFAULT '',
  billing_postcode VARCHAR(10) NOT NULL DEFAULT '',
  billing_state VARCHAR(32),
  billing_country VARCHAR(64) NOT NULL DEFAULT '',
  billing_country_iso_code_2 CHAR(2) NOT NULL DEFAULT '',
  billing_address_format_id INT(5) NOT NULL DEFAULT 0,
  payment_method VARCHAR(128) NOT NULL DEFAULT '',
  payment_class VARCHAR(32) NOT NULL DEFAULT '',
  shipping_method VARCHAR(128) NOT NULL DEFAULT '',
  shipping_class VARCHAR(32) NOT NULL DEFAULT '',
  comments TEXT,
  last_modified DATETIME,
  date_purchased DATETIME,
  orders_status INT(5) NOT NULL DEFAULT 0,
  orders_date_finished DATETIME,
  currency CHAR(3),
  currency_value DECIMAL(14,6),
  account_type INT(1) NOT NULL DEFAULT 0,
  conversion_type INT(1) NOT NULL DEFAULT 0,
  language VARCHAR(32) NOT NULL DEFAULT '',
  languages_id INT(11) NOT NULL DEFAULT 0,
  customers_ip VARCHAR(50),
  orders_ident_key VARCHAR(128),
  campaign VARCHAR(32),
  content_type VARCHAR(32),
  PRIMARY KEY (orders_id),
  KEY idx_customers_id (customers_id),
  KEY idx_orders_status (orders_status)
) ENGINE=MyISAM DEFAULT CHARSET=utf8;

CREATE TABLE orders_total (
  orders_total_id INT UNSIGNED NOT NULL AUTO_INCREMENT,
  orders_id INT NOT NULL,
  title VARCHAR(255) NOT NULL,
  text VARCHAR(255) NOT NULL,
  value DECIMAL(15,4) NOT NULL,
  class VARCHAR(32) NOT NULL,
  sort_order INT NOT NULL,
  PRIMARY KEY (orders_total_id),
  KEY idx_orders_id (orders_id)
) ENGINE=MyISAM DEFAULT CHARSET=utf8;

CREATE TABLE orders_status (
  orders_status_id INT NOT NULL DEFAULT 0,
  language_id INT NOT NULL DEFAULT 1,
  orders_status_name VARCHAR(64) NOT NULL,
  sort_order INT(11) NOT NULL DEFAULT 0,
  PRIMARY KEY (orders_status_id, language_id),
  KEY idx_orders_status_name (orders_status_name)
) ENGINE=MyISAM DEFAULT CHARSET=utf8;

CREATE TABLE orders_status_history (
  orders_status_history_id INT NOT NULL AUTO_INCREMENT,
  orders_id INT NOT NULL,
  orders_status_id INT(5) NOT NULL,
  date_added DATETIME NOT NULL,
  customer_notified INT(1) DEFAULT 0,
  comments TEXT,
  comments_sent INT(1) DEFAULT 0,
  PRIMARY KEY (orders_status_history_id),
  KEY idx_orders_id (orders_id)
) ENGINE=MyISAM DEFAULT CHARSET=utf8;

CREATE TABLE orders_products (
  orders_products_id INT NOT NULL AUTO_INCREMENT,
  orders_id INT NOT NULL,
  products_id INT NOT NULL,
  products_model VARCHAR(64),
  products_ean VARCHAR(128),
  products_name VARCHAR(255) NOT NULL,
  products_price DECIMAL(15,4) NOT NULL,
  products_price_origin DECIMAL(15,4) NOT NULL DEFAULT 0,
  products_discount_made DECIMAL(4,2) DEFAULT NULL,
  products_shipping_time VARCHAR(255) DEFAULT NULL,
  final_price DECIMAL(15,4) NOT NULL,
  products_tax DECIMAL(7,4) NOT NULL,
  products_quantity DECIMAL(15,4) NOT NULL,
  allow_tax INT(1) NOT NULL DEFAULT 0,
  products_order_description TEXT,
  products_weight DECIMAL(15,4) NOT NULL DEFAULT 0,
  products_weight_origin DECIMAL(15,4) NOT NULL DEFAULT 0,
  products_vpe VARCHAR(64),
  products_vpe_value DECIMAL(15,4),
  PRIMARY KEY (orders_products_id),
  KEY idx_orders_id (orders_id)
) ENGINE=MyISAM DEFAULT CHARSET=utf8;

-- kept empty (no attributes/downloads in the double) so xtc_remove_order() deletes from real tables
CREATE TABLE orders_products_attributes (
  orders_products_attributes_id INT NOT NULL AUTO_INCREMENT,
  orders_id INT NOT NULL,
  orders_products_id INT NOT NULL,
  products_options VARCHAR(255) NOT NULL DEFAULT '',
  products_options_values TEXT NOT NULL,
  options_values_price DECIMAL(15,4) NOT NULL DEFAULT 0,
  price_prefix CHAR(1) NOT NULL DEFAULT '',
  PRIMARY KEY (orders_products_attributes_id),
  KEY idx_orders_id (orders_id)
) ENGINE=MyISAM DEFAULT CHARSET=utf8;

CREATE TABLE orders_products_download (
  orders_products_download_id INT NOT NULL AUTO_INCREMENT,
  orders_id INT NOT NULL DEFAULT 0,
  orders_products_id INT NOT NULL DEFAULT 0,
  orders_products_filename VARCHAR(255) NOT NULL DEFAULT '',
  PRIMARY KEY (orders_products_download_id),
  KEY idx_orders_id (orders_id)
) ENGINE=MyISAM DEFAULT CHARSET=utf8;

CREATE TABLE products (
  products_id INT NOT NULL AUTO_INCREMENT,
  products_ean VARCHAR(128),
  products_quantity INT(4) NOT NULL DEFAULT 0,
  products_model VARCHAR(64),
  products_price DECIMAL(15,4) NOT NULL DEFAULT 0,
  products_weight DECIMAL(6,3) NOT NULL DEFAULT 0,
  products_status TINYINT(1) NOT NULL DEFAULT 1,
  products_tax_class_id INT NOT NULL DEFAULT 0,
  products_ordered INT NOT NULL DEFAULT 0,
  PRIMARY KEY (products_id)
) ENGINE=MyISAM DEFAULT CHARSET=utf8;

CREATE TABLE products_description (
  products_id INT NOT NULL,
  language_id INT NOT NULL DEFAULT 1,
  products_name VARCHAR(255) NOT NULL DEFAULT '',
  products_description TEXT,
  PRIMARY KEY (products_id, language_id)
) ENGINE=MyISAM DEFAULT CHARSET=utf8;

CREATE TABLE languages (
  languages_id INT NOT NULL AUTO_INCREMENT,
  name VARCHAR(32) NOT NULL,
  code CHAR(5) NOT NULL,
  image VARCHAR(64),
  directory VARCHAR(32),
  sort_order INT(3),
  language_charset TEXT NOT NULL,
  status INT(1) NOT NULL DEFAULT 0,
  status_admin INT(1) NOT NULL DEFAULT 0,
  PRIMARY KEY (languages_id),
  KEY idx_languages_name (name)
) ENGINE=MyISAM DEFAULT CHARSET=utf8;

CREATE TABLE currencies (
  currencies_id INT NOT NULL AUTO_INCREMENT,
  title VARCHAR(32) NOT NULL,
  code CHAR(3) NOT NULL,
  symbol_left VARCHAR(12),
  symbol_right VARCHAR(12),
  decimal_point CHAR(1),
  thousands_point CHAR(1),
  decimal_places CHAR(1),
  value FLOAT(13,8),
  last_updated DATETIME NULL,
  status INT(1) NOT NULL DEFAULT 1,
  sort_order INT(11) NOT NULL DEFAULT 0,
  PRIMARY KEY (currencies_id),
  UNIQUE KEY idx_code (code)
) ENGINE=MyISAM DEFAULT CHARSET=utf8;

CREATE TABLE customers_status (
  customers_status_id INT NOT NULL DEFAULT 0,
  language_id INT NOT NULL DEFAULT 1,
  customers_status_name VARCHAR(32) NOT NULL DEFAULT '',
  customers_status_image VARCHAR(64),
  customers_status_show_price INT(1) NOT NULL DEFAULT 1,
  customers_status_show_price_tax INT(1) NOT NULL DEFAULT 1,
  customers_status_payment_unallowed VARCHAR(255) NOT NULL DEFAULT '',
  customers_status_min_order INT(7),
  customers_status_max_order INT(7),
  PRIMARY KEY (customers_status_id, language_id)
) ENGINE=MyISAM DEFAULT CHARSET=utf8;

CREATE TABLE customers (
  customers_id INT NOT NULL AUTO_INCREMENT,
  customers_cid VARCHAR(32),
  customers_status INT(5) DEFAULT 1,
  customers_gender CHAR(1) NOT NULL DEFAULT '',
  customers_firstname VARCHAR(64) NOT NULL,
  customers_lastname VARCHAR(64) NOT NULL,
  customers_email_address VARCHAR(96) NOT NULL,
  customers_default_address_id INT NOT NULL DEFAULT 0,
  customers_telephone VARCHAR(32) NOT NULL DEFAULT '',
  customers_password VARCHAR(60) NOT NULL,
  account_type INT(1) NOT NULL DEFAULT 0,
  PRIMARY KEY (customers_id)
) ENGINE=MyISAM DEFAULT CHARSET=utf8;

CREATE TABLE address_book (
  address_book_id INT NOT NULL AUTO_INCREMENT,
  customers_id INT NOT NULL,
  entry_gender CHAR(1) NOT NULL DEFAULT '',
  entry_company VARCHAR(64),
  entry_firstname VARCHAR(64) NOT NULL,
  entry_lastname VARCHAR(64) NOT NULL,
  entry_street_address VARCHAR(64) NOT NULL,
  entry_suburb VARCHAR(32),
  entry_postcode VARCHAR(10) NOT NULL,
  entry_city VARCHAR(32) NOT NULL,
  entry_state VARCHAR(32),
  entry_country_id INT NOT NULL DEFAULT 0,
  entry_zone_id INT NOT NULL DEFAULT 0,
  PRIMARY KEY (address_book_id),
  KEY idx_customers_id (customers_id)
) ENGINE=MyISAM DEFAULT CHARSET=utf8;

CREATE TABLE countries (
  countries_id INT NOT NULL AUTO_INCREMENT,
  countries_name VARCHAR(64) NOT NULL,
  countries_iso_code_2 CHAR(2) NOT NULL,
  countries_iso_code_3 CHAR(3) NOT NULL,
  address_format_id INT NOT NULL DEFAULT 1,
  status INT(1) DEFAULT 1,
  PRIMARY KEY (countries_id),
  KEY idx_countries_name (countries_name)
) ENGINE=MyISAM DEFAULT CHARSET=utf8;

CREATE TABLE geo_zones (
  geo_zone_id INT NOT NULL AUTO_INCREMENT,
  geo_zone_name VARCHAR(32) NOT NULL,
  geo_zone_description VARCHAR(255) NOT NULL,
  last_modified DATETIME NULL,
  date_added DATETIME NOT NULL,
  PRIMARY KEY (geo_zone_id)
) ENGINE=MyISAM DEFAULT CHARSET=utf8;

CREATE TABLE zones_to_geo_zones (
  association_id INT NOT NULL AUTO_INCREMENT,
  zone_country_id INT NOT NULL,
  zone_id INT NULL,
  geo_zone_id INT NULL,
  last_modified DATETIME NULL,
  date_added DATETIME NOT NULL,
  PRIMARY KEY (association_id),
  KEY idx_zones (geo_zone_id, zone_country_id, zone_id)
) ENGINE=MyISAM DEFAULT CHARSET=utf8;

CREATE TABLE customers_basket (
  customers_basket_id INT NOT NULL AUTO_INCREMENT,
  customers_id INT NOT NULL,
  products_id TINYTEXT NOT NULL,
  customers_basket_quantity INT(2) NOT NULL,
  final_price DECIMAL(15,4) NOT NULL DEFAULT 0,
  customers_basket_date_added CHAR(8),
  PRIMARY KEY (customers_basket_id),
  KEY idx_customers_id (customers_id)
) ENGINE=MyISAM DEFAULT CHARSET=utf8;

-- present as in a real install; the double stores sessions in files (STORE_SESSIONS = 'files')
CREATE TABLE sessions (
  sesskey VARCHAR(32) NOT NULL,
  expiry INT(11) UNSIGNED NOT NULL,
  value LONGTEXT NOT NULL,
  flag VARCHAR(5) NULL DEFAULT NULL,
  PRIMARY KEY (sesskey)
) ENGINE=MyISAM DEFAULT CHARSET=utf8;

-- TEST ONLY: send_order.php writes the order mail here instead of mailing
CREATE TABLE test_mails (
  id INT NOT NULL AUTO_INCREMENT,
  orders_id INT NOT NULL,
  to_address VARCHAR(255) NOT NULL,
  subject VARCHAR(255) NOT NULL,
  body TEXT NOT NULL,
  created DATETIME NOT NULL,
  PRIMARY KEY (id)
) ENGINE=MyISAM DEFAULT CHARSET=utf8;

-- ---------------------------------------------------------------- seed data
INSERT INTO languages (languages_id, name, code, image, directory, sort_order, language_charset, status, status_admin) VALUES
 (1, 'English', 'en', 'icon.gif', 'english', 1, 'utf-8', 1, 1),
 (2, 'Deutsch', 'de', 'icon.gif', 'german', 2, 'utf-8', 1, 1),
 (3, 'Français', 'fr', 'icon.gif', 'french', 3, 'utf-8', 1, 1),
 (4, 'Español', 'es', 'icon.gif', 'spanish', 4, 'utf-8', 1, 1);

INSERT INTO currencies (currencies_id, title, code, symbol_left, symbol_right, decimal_point, thousands_point, decimal_places, value, last_updated, status, sort_order) VALUES
 (1, 'Euro', 'EUR', '', 'EUR', ',', '.', '2', 1.00000000, NOW(), 1, 1),
 (2, 'United States Dollar', 'USD', '$', '', '.', ',', '2', 1.08500000, NOW(), 1, 2),
 (3, 'Japanese Yen', 'JPY', '', 'JPY', '.', ',', '0', 162.34560000, NOW(), 1, 3),
 (4, 'Kuwaiti Dinar', 'KWD', '', 'KWD', '.', ',', '3', 0.33210000, NOW(), 1, 4);

INSERT INTO orders_status (orders_status_id, language_id, orders_status_name, sort_order) VALUES
 (1, 1, 'Pending', 1), (1, 2, 'Offen', 1), (1, 3, 'En attente', 1), (1, 4, 'Pendiente', 1),
 (2, 1, 'Processing', 2), (2, 2, 'In Bearbeitung', 2), (2, 3, 'En cours', 2), (2, 4, 'En proceso', 2),
 (3, 1, 'Shipped', 3), (3, 2, 'Versendet', 3), (3, 3, 'Expédiée', 3), (3, 4, 'Enviado', 3),
 (4, 1, 'Canceled', 4), (4, 2, 'Storniert', 4), (4, 3, 'Annulée', 4), (4, 4, 'Cancelado', 4);

INSERT INTO countries (countries_id, countries_name, countries_iso_code_2, countries_iso_code_3, address_format_id, status) VALUES
 (81, 'Germany', 'DE', 'DEU', 5, 1),
 (73, 'France', 'FR', 'FRA', 1, 1),
 (195, 'Spain', 'ES', 'ESP', 1, 1),
 (223, 'United States', 'US', 'USA', 2, 1),
 (107, 'Japan', 'JP', 'JPN', 1, 1),
 (114, 'Kuwait', 'KW', 'KWT', 1, 1);

INSERT INTO geo_zones (geo_zone_id, geo_zone_name, geo_zone_description, date_added) VALUES
 (1, 'EU', 'EU countries of the test shop', NOW());
INSERT INTO zones_to_geo_zones (association_id, zone_country_id, zone_id, geo_zone_id, date_added) VALUES
 (1, 81, 0, 1, NOW()), (2, 73, 0, 1, NOW()), (3, 195, 0, 1, NOW());

INSERT INTO products (products_id, products_quantity, products_model, products_price, products_status) VALUES
 (1, 100, 'TEST-1', 10.0000, 1),
 (2, 100, 'TEST-2', 0.5000, 1);
INSERT INTO products_description (products_id, language_id, products_name) VALUES
 (1, 1, 'Test product'), (1, 2, 'Testprodukt'), (1, 3, 'Produit test'), (1, 4, 'Producto de prueba'),
 (2, 1, 'Small item'), (2, 2, 'Kleinteil'), (2, 3, 'Petit article'), (2, 4, 'Artículo pequeño');

INSERT INTO customers_status (customers_status_id, language_id, customers_status_name, customers_status_show_price, customers_status_show_price_tax, customers_status_payment_unallowed, customers_status_min_order, customers_status_max_order) VALUES
 (0, 1, 'Admin', 1, 1, '', 0, 0), (0, 2, 'Admin', 1, 1, '', 0, 0), (0, 3, 'Admin', 1, 1, '', 0, 0), (0, 4, 'Admin', 1, 1, '', 0, 0),
 (1, 1, 'Guest', 1, 1, '', 0, 0), (1, 2, 'Gast', 1, 1, '', 0, 0), (1, 3, 'Invité', 1, 1, '', 0, 0), (1, 4, 'Invitado', 1, 1, '', 0, 0),
 (2, 1, 'New customer', 1, 1, '', 0, 0), (2, 2, 'Neuer Kunde', 1, 1, '', 0, 0), (2, 3, 'Nouveau client', 1, 1, '', 0, 0), (2, 4, 'Cliente nuevo', 1, 1, '', 0, 0);

-- passwords are not checked by the double (test helpers log in directly)
INSERT INTO customers (customers_id, customers_status, customers_gender, customers_firstname, customers_lastname, customers_email_address, customers_default_address_id, customers_telephone, customers_password) VALUES
 (1, 2, 'm', 'Max', 'Müller', 'buyer@example.test', 1, '+49 30 1234567', ''),
 (2, 0, 'f', 'Anna', 'Admin', 'admin@example.test', 2, '+49 30 7654321', '');
INSERT INTO address_book (address_book_id, customers_id, entry_gender, entry_firstname, entry_lastname, entry_street_address, entry_postcode, entry_city, entry_country_id) VALUES
 (1, 1, 'm', 'Max', 'Müller', 'Hauptstraße 1', '10115', 'Berlin', 81),
 (2, 2, 'f', 'Anna', 'Admin', 'Shopweg 2', '10117', 'Berlin', 81);

INSERT INTO configuration (configuration_key, configuration_value, configuration_group_id, sort_order, date_added, use_function, set_function) VALUES
 ('STORE_NAME', 'Systempay Test Shop', 1, 1, NOW(), NULL, NULL),
 ('STORE_OWNER', 'Test Shop Owner', 1, 2, NOW(), NULL, NULL),
 ('STORE_OWNER_EMAIL_ADDRESS', 'owner@example.test', 1, 3, NOW(), NULL, NULL),
 ('EMAIL_FROM', 'Systempay Test Shop <owner@example.test>', 1, 4, NOW(), NULL, NULL),
 ('STORE_COUNTRY', '81', 1, 5, NOW(), NULL, NULL),
 ('DEFAULT_CURRENCY', 'EUR', 6, 0, NOW(), NULL, NULL),
 ('DEFAULT_LANGUAGE', 'de', 6, 0, NOW(), NULL, NULL),
 ('DEFAULT_ORDERS_STATUS_ID', '1', 6, 0, NOW(), NULL, NULL),
 ('DEFAULT_CUSTOMERS_STATUS_ID', '2', 1, 20, NOW(), NULL, NULL),
 ('DEFAULT_CUSTOMERS_STATUS_ID_GUEST', '1', 1, 21, NOW(), NULL, NULL),
 ('DEFAULT_CUSTOMERS_STATUS_ID_ADMIN', '0', 1, 22, NOW(), NULL, NULL),
 ('MODULE_PAYMENT_INSTALLED', '', 6, 0, NOW(), NULL, NULL),
 ('MODULE_SHIPPING_INSTALLED', 'flat.php', 6, 0, NOW(), NULL, NULL),
 ('MODULE_ORDER_TOTAL_INSTALLED', 'ot_subtotal.php;ot_shipping.php;ot_total.php', 6, 0, NOW(), NULL, NULL),
 ('SEND_EMAILS', 'true', 12, 5, NOW(), NULL, 'xtc_cfg_select_option(array(\'true\', \'false\'), '),
 ('EMAIL_SQL_ERRORS', 'false', 12, 6, NOW(), NULL, NULL),
 ('SESSION_LIFE_CUSTOMERS', '1440', 15, 1, NOW(), NULL, NULL),
 ('SESSION_LIFE_ADMIN', '7200', 15, 2, NOW(), NULL, NULL),
 ('SESSION_FORCE_COOKIE_USE', 'True', 15, 3, NOW(), NULL, NULL),
 ('SESSION_CHECK_SSL_SESSION_ID', 'False', 15, 4, NOW(), NULL, NULL),
 ('SESSION_CHECK_USER_AGENT', 'False', 15, 5, NOW(), NULL, NULL),
 ('SESSION_CHECK_IP_ADDRESS', 'False', 15, 6, NOW(), NULL, NULL),
 ('CHECK_CLIENT_AGENT', 'true', 15, 7, NOW(), NULL, NULL),
 ('DOWN_FOR_MAINTENANCE', 'false', 16, 1, NOW(), NULL, NULL),
 ('STOCK_LIMITED', 'true', 9, 1, NOW(), NULL, NULL),
 ('STOCK_CHECK', 'true', 9, 2, NOW(), NULL, NULL),
 ('STOCK_ALLOW_CHECKOUT', 'true', 9, 3, NOW(), NULL, NULL),
 ('STOCK_CHECKOUT_UPDATE_PRODUCTS_STATUS', 'false', 9, 4, NOW(), NULL, NULL),
 ('DOWNLOAD_ENABLED', 'false', 13, 1, NOW(), NULL, NULL),
 ('DISPLAY_CONDITIONS_ON_CHECKOUT', 'true', 17, 1, NOW(), NULL, NULL),
 ('SIGN_CONDITIONS_ON_CHECKOUT', 'true', 17, 2, NOW(), NULL, NULL),
 ('ACCOUNT_OPTIONS', 'account', 5, 1, NOW(), NULL, NULL),
 ('PRICE_PRECISION', '4', 1, 30, NOW(), NULL, NULL),
 ('CSRF_TOKEN_SYSTEM', 'true', 1, 40, NOW(), NULL, NULL),
 ('MODULE_SHIPPING_FLAT_STATUS', 'True', 6, 0, NOW(), NULL, NULL),
 ('MODULE_SHIPPING_FLAT_COST', '4.90', 6, 0, NOW(), NULL, NULL);
