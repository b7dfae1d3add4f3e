#!/usr/bin/env bash
# Stops what scripts/demo.sh started: the sandbox, Apache and MariaDB of the real shop (or of the double), by their recorded pids.
exec bash "$(dirname "$0")/demo.sh" --stop
