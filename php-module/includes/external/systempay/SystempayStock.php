<?php
/**
 * Systempay for modified eCommerce: the order's stock, moved the shop's way. The shop takes it when
 * the order is placed (checkout_process.php, only with STOCK_LIMITED); putting it back is the shop's
 * own xtc_restock_order(); taking it again after a reopened payment is its exact inverse (same rows,
 * same download exception), deactivating a product that runs out when the shop does so at checkout.
 */
// Loaded by the shop only (its bootstrap defines DIR_FS_CATALOG; only the admin top defines _VALID_XTC).
defined('DIR_FS_CATALOG') or die('Direct Access to this location is not allowed.');

class SystempayStock
{
    /** The shop moves stock only when it limits stock (otherwise nothing was taken at checkout). */
    public static function enabled()
    {
        return defined('STOCK_LIMITED') && STOCK_LIMITED === 'true';
    }

    private static function deactivatesWhenSoldOut()
    {
        return defined('STOCK_CHECKOUT_UPDATE_PRODUCTS_STATUS') && STOCK_CHECKOUT_UPDATE_PRODUCTS_STATUS === 'true';
    }

    /** Tables a stock move writes: the move is atomic with the module's ledger only when all are transactional. */
    public static function tables()
    {
        return array(TABLE_PRODUCTS, TABLE_PRODUCTS_ATTRIBUTES);
    }

    /** Puts the order's products back (the shop's function; reactivates as the shop deactivated). */
    public static function restore($ordersId)
    {
        if (!function_exists('xtc_restock_order')) {
            require_once DIR_FS_INC . 'xtc_restock_order.inc.php';
        }
        xtc_restock_order((int) $ordersId, self::deactivatesWhenSoldOut());
    }

    /** Takes the order's products again: the inverse of xtc_restock_order(). */
    public static function take($ordersId)
    {
        $ordersId = (int) $ordersId;
        $products = SystempayStore::allRows(SystempayStore::query("SELECT orders_products_id, products_id, products_quantity
            FROM " . TABLE_ORDERS_PRODUCTS . " WHERE orders_id = " . $ordersId));
        foreach ($products as $product) {
            $quantity = (int) $product['products_quantity'];
            $productsId = (int) $product['products_id'];
            $productUpdate = true;
            $attributes = SystempayStore::allRows(SystempayStore::query("SELECT pa.orders_products_options_id, pa.orders_products_options_values_id, opd.orders_products_filename
                FROM " . TABLE_ORDERS_PRODUCTS_ATTRIBUTES . " pa
                LEFT JOIN " . TABLE_ORDERS_PRODUCTS_DOWNLOAD . " opd ON opd.orders_products_id = pa.orders_products_id
                WHERE pa.orders_id = " . $ordersId . " AND pa.orders_products_id = " . (int) $product['orders_products_id']));
            foreach ($attributes as $attribute) {
                if ((string) $attribute['orders_products_filename'] === '') {
                    SystempayStore::query("UPDATE " . TABLE_PRODUCTS_ATTRIBUTES . " SET attributes_stock = attributes_stock - " . $quantity . "
                        WHERE options_id = " . (int) $attribute['orders_products_options_id'] . "
                        AND options_values_id = " . (int) $attribute['orders_products_options_values_id'] . " AND products_id = " . $productsId);
                } else {
                    $productUpdate = false;
                }
            }
            if ($productUpdate) {
                $deactivate = self::deactivatesWhenSoldOut() ? "products_status = IF(products_quantity - " . $quantity . " < 1, 0, products_status), " : '';
                SystempayStore::query("UPDATE " . TABLE_PRODUCTS . " SET " . $deactivate . "products_quantity = products_quantity - " . $quantity . ",
                    products_ordered = products_ordered + " . $quantity . " WHERE products_id = " . $productsId);
            }
        }
    }
}
