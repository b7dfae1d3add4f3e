#!/usr/bin/env python3
"""Systempay sandbox server. See sandbox/README.md.

  python3 sandbox/server.py --port 8095 --data-dir build/sandbox --site-id 12345678 \
      --test-key 1122334455667788 --algorithm HMAC-SHA-256 \
      --notification-url http://127.0.0.1:8090/callback/systempay/process.php --retry-interval 15
"""

import json
import logging
import os
import signal
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from spsandbox import config as config_mod  # noqa: E402
from spsandbox.app import SandboxServer  # noqa: E402


def setup_logging(cfg):
    target = cfg.log_file or os.path.join(cfg.data_dir, "sandbox.log")
    os.makedirs(cfg.data_dir, exist_ok=True)
    if target == "-":
        handler = logging.StreamHandler(sys.stderr)
    else:
        os.makedirs(os.path.dirname(os.path.abspath(target)), exist_ok=True)
        handler = logging.FileHandler(target, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(logging.INFO)
    return target


def main(argv=None):
    cfg = config_mod.load(argv)
    log_target = setup_logging(cfg)
    try:
        srv = SandboxServer(cfg)
    except OSError as e:
        logging.error("cannot listen on %s:%s: %s", cfg.host, cfg.port, e)
        print("sandbox: cannot listen on %s:%s: %s" % (cfg.host, cfg.port, e), file=sys.stderr)
        return 2
    info_path = os.path.join(cfg.data_dir, "server.json")
    with open(info_path, "w", encoding="utf-8") as f:
        json.dump({"url": srv.base_url, "pid": os.getpid()}, f)

    def on_term(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, on_term)
    logging.info("sandbox listening on %s (data %s, log %s, shops %s)", srv.base_url, cfg.data_dir,
                 log_target, ", ".join(sorted(cfg.shops)))
    try:
        srv.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        srv.notifier.stop()
        srv.httpd.server_close()
        try:
            os.unlink(info_path)
        except OSError:
            pass
        logging.info("sandbox stopped")
    return 0


if __name__ == "__main__":
    sys.exit(main())
