# Convenience targets; the scripts are the source of truth.
.PHONY: demo buy stop-demo test e2e build install uninstall bench leak-check
demo:
	bash scripts/demo.sh
buy:
	bash scripts/demo.sh --buy
stop-demo:
	bash scripts/demo.sh --stop
e2e:
	bash tests/e2e/run.sh
leak-check:
	bash scripts/leak-check.sh
test:
	bash scripts/test.sh
build:
	bash scripts/build.sh
bench:
	bash bench/run.sh
# make install SHOP=/path/to/shop [PHP_CONFIG=… PHP=… SO=…/systempay.so ADMIN_DIR=… RELOAD=1]: the shop files,
# the extension built for that PHP (installed atomically), its ini enabled with phpenmod, `php -m` checked;
# make uninstall SHOP=… removes exactly what the install recorded (/var/lib/systempay/). See packaging/install.sh.
# Files only: bash scripts/install-module.sh /path/to/shop. A shop under build/ (the project's test shops,
# whose Apache loads build/systempay.so through its own php.ini) gets the files only: the extension in the
# machine's PHP would be loaded twice there, and would reach every test running on this machine.
install:
	@case "$$(realpath -m -- "$(SHOP)" 2>/dev/null)/" in \
	    "$$(realpath .)/build/"*) bash scripts/install-module.sh "$(SHOP)" ;; \
	    *) bash packaging/install.sh install "$(SHOP)" ;; \
	esac
uninstall:
	@bash packaging/install.sh uninstall "$(SHOP)"
# Release packages (packaging/): the merchant's zip and the Debian package of the extension.
# Another PHP: make package PHP=/usr/bin/php8.3 PHP_CONFIG=/usr/bin/php-config8.3
.PHONY: package deb test-packaging
package:
	bash packaging/package.sh
deb:
	bash packaging/deb.sh
test-packaging:
	bash tests/packaging/run.sh
