<?php
/* Test double of includes/header.php: plain HTML head, header hooks, the payment JS on checkout_payment.php,
   and the message stack. $page_title is set by the page. */
header('Content-Type: text/html; charset=' . $_SESSION['language_charset']);
?><!DOCTYPE html>
<html <?php echo HTML_PARAMS; ?>>
<head>
<meta charset="<?php echo $_SESSION['language_charset']; ?>">
<title><?php echo STORE_NAME . (isset($page_title) ? ' - ' . $page_title : ''); ?></title>
<?php
foreach (auto_include(DIR_FS_CATALOG . 'includes/extra/header/header_head/', 'php') as $file) require($file);
if (basename($PHP_SELF) == FILENAME_CHECKOUT_PAYMENT && isset($payment_modules) && is_object($payment_modules)) {
  echo $payment_modules->javascript_validation();
}
?>
</head>
<body>
<?php
foreach (auto_include(DIR_FS_CATALOG . 'includes/extra/header/header_body/', 'php') as $file) require($file);
echo '<div id="messages">' . $messageStack->output('global') . '</div>' . "\n";
if (isset($page_title)) {
  echo '<h1>' . $page_title . '</h1>' . "\n";
}
