# Convenience targets; the scripts are the source of truth.
.PHONY: demo buy stop-demo test e2e build install bench leak-check
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
install:
	bash scripts/install-module.sh "$(SHOP)"
# Release packages (packaging/): the merchant's zip and the Debian package of the extension.
# Another PHP: make package PHP=/usr/bin/php8.3 PHP_CONFIG=/usr/bin/php-config8.3
.PHONY: package deb test-packaging
package:
	bash packaging/package.sh
deb:
	bash packaging/deb.sh
test-packaging:
	bash tests/packaging/run.sh
