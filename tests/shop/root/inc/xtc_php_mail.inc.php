<?php
/* Test double of modified eCommerce 3.3 inc/xtc_php_mail.inc.php (own code, same interface). */
// TEST DOUBLE: records the mail in test_mails instead of sending it
function xtc_php_mail($from_email_address, $from_email_name, $to_email_address, $to_name, $forwarding_to, $reply_address, $reply_address_name, $path_to_attachement, $path_to_more_attachements, $email_subject, $message_body_html, $message_body_plain, $orders_id = 0) {
  xtc_db_perform('test_mails', array(
    'orders_id' => (int)$orders_id,
    'to_address' => $to_email_address,
    'subject' => $email_subject,
    'body' => $message_body_html . "\n\n" . $message_body_plain,
    'created' => 'now()',
  ));
  return true;
}
