#!/usr/bin/env python3
"""Systempay sandbox command line, reading the server's data directory.

  python3 sandbox/cli.py [--data-dir build/sandbox] list [--json]
  python3 sandbox/cli.py show <trans>            # internal #id, trans id, trans uuid, order id or formToken
  python3 sandbox/cli.py replay <trans> [--src BO|RETRY] [--direct] [--server URL]
"""

import argparse
import json
import os
import sys
import urllib.error
import urllib.parse
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from spsandbox.config import Config, Shop  # noqa: E402
from spsandbox.currencies import CURRENCIES, format_amount  # noqa: E402
from spsandbox.ipn import Notifier  # noqa: E402
from spsandbox.store import Store  # noqa: E402


def amount(tx):
    cur = tx["currency"]
    if cur not in CURRENCIES:
        return "%s %s" % (tx["amount"], cur)
    return "%s %s" % (format_amount(tx["amount"], cur, "en"), CURRENCIES[cur][0])


def cmd_list(store, args):
    txs = store.transactions(args.limit)
    if args.json:
        for tx in txs:
            tx["notifications"] = store.notifications(tx["id"])
        print(json.dumps(txs, indent=1, ensure_ascii=False))
        return 0
    print("%-5s %-20s %-8s %-10s %-6s %-20s %-14s %-22s %-3s %s" % (
        "#", "created (UTC)", "shop", "mode", "trans", "order", "amount", "status", "res", "IPN"))
    for tx in txs:
        ipn = ",".join("%s:%s" % (a["src"], a["http_code"] if a["http_code"] is not None else "-")
                       for a in store.attempts(tx["id"]))
        print("%-5d %-20s %-8s %-10s %-6s %-20s %-14s %-22s %-3s %s" % (
            tx["id"], tx["created_at"][:19], tx["site_id"], tx["ctx_mode"], tx["trans_id"], tx["order_id"][:20],
            amount(tx), tx["status"] or tx["state"], tx["result_code"], ipn))
    return 0


def cmd_show(store, args):
    tx = store.find_transaction(args.trans)
    if not tx:
        print("no transaction %r" % args.trans, file=sys.stderr)
        return 1
    tx["notifications"] = store.notifications(tx["id"])
    if args.json:
        print(json.dumps(tx, indent=1, ensure_ascii=False))
        return 0
    print("transaction #%d  shop %s  %s  trans id %s  order %s  %s  state %s  status %s  result %s" % (
        tx["id"], tx["site_id"], tx["ctx_mode"], tx["trans_id"], tx["order_id"], amount(tx), tx["state"],
        tx["status"], tx["result_code"]))
    print("uuid %s  created %s  updated %s" % (tx["trans_uuid"], tx["created_at"], tx["updated_at"]))
    if tx.get("api") == "REST":
        print("REST try of formToken %s" % tx["form_token"])
    print("\nrequest:")
    for k, v in sorted(tx["request"].items()):
        print("  %s = %s" % (k, json.dumps(v, ensure_ascii=False) if isinstance(v, (dict, list)) else v))
    print("\nresult:")
    for k, v in sorted(tx["result"].items()):
        print("  %s = %s" % (k, json.dumps(v, ensure_ascii=False) if isinstance(v, (dict, list)) else v))
    for n in tx["notifications"]:
        print("\nnotification #%d %s -> %s: %s (%d/%d attempts)" % (
            n["id"], n["src"], n["url"], n["state"], n["attempts"], n["max_attempts"]))
        for a in n["attempt_list"]:
            print("  attempt %d %s %s HTTP %s %d ms %s%s" % (
                a["attempt_no"], a["src"], a["at"], a["http_code"] if a["http_code"] is not None else "-",
                a["duration_ms"], json.dumps(a["body"][:120], ensure_ascii=False),
                " error=" + a["error"] if a["error"] else ""))
    return 0


def server_url(args):
    if args.server:
        return args.server.rstrip("/")
    try:
        with open(os.path.join(args.data_dir, "server.json"), encoding="utf-8") as f:
            return json.load(f)["url"]
    except (OSError, ValueError, KeyError):
        return None


def cmd_replay(store, args):
    tx = store.find_transaction(args.trans)
    if not tx:
        print("no transaction %r" % args.trans, file=sys.stderr)
        return 1
    if tx["state"] != "DONE":
        print("transaction #%d has no result yet" % tx["id"], file=sys.stderr)
        return 1
    url = None if args.direct else server_url(args)
    if url:
        data = urllib.parse.urlencode({"tx": "#%d" % tx["id"], "src": args.src}).encode()
        try:
            with urllib.request.urlopen(url + "/admin/api/replay", data, timeout=10) as r:
                print("queued on the running server (%s): %s" % (url, r.read().decode()))
                return 0
        except (urllib.error.URLError, OSError) as e:
            print("server %s not reachable (%s): replaying directly" % (url, e), file=sys.stderr)
    cfg = Config(data_dir=args.data_dir, ipn_timeout=args.timeout)
    for site_id, sc in store.shops().items():
        cfg.shops[site_id] = Shop(**sc)
    notifier = Notifier(store, cfg)
    shop = cfg.shop(tx["site_id"])
    if not shop:
        print("shop %s unknown in the data dir" % tx["site_id"], file=sys.stderr)
        return 1
    nid = store.add_notification(tx["id"], args.src, notifier.url_for(tx), 1, delay=3600)
    notifier.deliver(store.notification(nid))
    n = store.notification(nid)
    a = store.attempts(tx["id"])[-1]
    print("replayed directly: %s HTTP %s %s%s" % (n["state"], a["http_code"], json.dumps(a["body"][:200]),
                                                  " error=" + a["error"] if a["error"] else ""))
    return 0 if n["state"] == "DELIVERED" else 3


def main(argv=None):
    p = argparse.ArgumentParser(prog="cli.py", description="Systempay sandbox command line")
    p.add_argument("--data-dir", default="build/sandbox", help="the server's data dir (default build/sandbox)")
    sub = p.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("list", help="list transactions")
    s.add_argument("--json", action="store_true")
    s.add_argument("--limit", type=int, default=100)
    s = sub.add_parser("show", help="show one transaction")
    s.add_argument("trans", help="#id, trans id, trans uuid, order id or REST formToken")
    s.add_argument("--json", action="store_true")
    s = sub.add_parser("replay", help="re-send the notification (newly signed)")
    s.add_argument("trans")
    s.add_argument("--src", default="BO", choices=("BO", "RETRY", "MERCH_BO"), help="vads_url_check_src")
    s.add_argument("--direct", action="store_true", help="send from this process, not via the server")
    s.add_argument("--server", help="server URL (default: from <data-dir>/server.json)")
    s.add_argument("--timeout", type=float, default=10.0)
    args = p.parse_args(argv)
    if not os.path.exists(os.path.join(args.data_dir, "sandbox.sqlite3")):
        print("no sandbox data in %s" % args.data_dir, file=sys.stderr)
        return 1
    store = Store(args.data_dir)
    return {"list": cmd_list, "show": cmd_show, "replay": cmd_replay}[args.cmd](store, args)


if __name__ == "__main__":
    sys.exit(main())
