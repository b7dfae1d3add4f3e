# Convenience targets; the scripts are the source of truth.
.PHONY: demo test build install bench
demo:
	bash scripts/demo.sh
test:
	bash scripts/test.sh
build:
	bash scripts/build.sh
bench:
	bash bench/run.sh
install:
	bash scripts/install-module.sh "$(SHOP)"
