<?php
/* Test double of includes/application_bottom.php: hooks, then the session is written. */
foreach (auto_include(DIR_FS_CATALOG . 'includes/extra/application_bottom/', 'php') as $file) require($file);
echo "\n</body>\n</html>\n";
xtc_session_close();
