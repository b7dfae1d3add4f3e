#!/usr/bin/env bash
# Stops what scripts/demo.sh started: the sandbox, Apache and MariaDB, by the pids recorded in build/run/.
exec bash "$(dirname "$0")/demo.sh" --stop
