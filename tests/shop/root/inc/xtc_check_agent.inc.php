<?php
/* Test double of modified eCommerce 3.3 inc/xtc_check_agent.inc.php (own code, same interface). */
// 1 for a known bot User-Agent (subset of the shop's list; includes python and wget like the real list)
function xtc_check_agent() {
  $agent = isset($_SERVER['HTTP_USER_AGENT']) ? strtolower($_SERVER['HTTP_USER_AGENT']) : '';
  if ($agent == '') {
    return 0;
  }
  foreach (array('googlebot', 'bingbot', 'slurp', 'crawler', 'spider', 'python', 'wget', 'libwww', 'java/', 'httrack') as $bot) {
    if (strpos($agent, $bot) !== false) {
      return 1;
    }
  }
  return 0;
}
