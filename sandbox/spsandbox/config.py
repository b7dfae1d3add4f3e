"""Sandbox configuration: built-in defaults < JSON file (--config) < command-line flags."""

import argparse
import json
from dataclasses import dataclass, field, asdict
from typing import Dict, Optional

from .signature import ALGORITHMS


@dataclass
class Shop:
    site_id: str
    test_key: str = ""
    prod_key: str = ""
    algorithm: str = "HMAC-SHA-256"
    notification_url: str = ""          # IPN URL in TEST mode
    notification_url_prod: str = ""     # IPN URL in PRODUCTION mode (empty = same as TEST)
    notify_cancel: bool = True          # send the IPN for ABANDONED payments
    return_url: str = ""                # default return URL when the form sends none
    default_return_mode: str = "NONE"   # used when vads_return_mode is absent/empty
    name: str = ""

    def key_for(self, ctx_mode: str) -> str:
        return (self.prod_key if ctx_mode == "PRODUCTION" else self.test_key).strip()

    def ipn_url_for(self, ctx_mode: str) -> str:
        if ctx_mode == "PRODUCTION" and self.notification_url_prod:
            return self.notification_url_prod
        return self.notification_url


@dataclass
class Config:
    host: str = "127.0.0.1"
    port: int = 8095
    data_dir: str = "build/sandbox"
    log_file: str = ""                  # empty = <data_dir>/sandbox.log; "-" = stderr
    retry_interval: float = 900.0       # seconds between IPN attempts
    max_retries: int = 4                # automatic retries after the first attempt
    ipn_timeout: float = 10.0           # seconds per IPN HTTP call
    ipn_delay: float = 0.0              # delay before the first IPN attempt
    trans_date_tolerance: int = 86400   # max |now - vads_trans_date| in seconds
    default_language: str = "fr"
    allow_alnum_trans_id: bool = False  # accept [0-9a-zA-Z]{6} (real platform) instead of 000000-899999
    shops: Dict[str, Shop] = field(default_factory=dict)

    def shop(self, site_id: str) -> Optional[Shop]:
        return self.shops.get(site_id)

    def to_json(self) -> dict:
        d = asdict(self)
        d["shops"] = [asdict(s) for s in self.shops.values()]
        return d

    @classmethod
    def from_json(cls, d: dict) -> "Config":
        d = dict(d)
        shops = d.pop("shops", []) or []
        if isinstance(shops, dict):
            shops = [dict(v, site_id=k) for k, v in shops.items()]
        known = set(cls.__dataclass_fields__)
        unknown = set(d) - known
        if unknown:
            raise ValueError("unknown config keys: %s" % ", ".join(sorted(unknown)))
        cfg = cls(**d)
        for s in shops:
            shop = Shop(**s)
            cfg.shops[shop.site_id] = shop
        cfg.validate()
        return cfg

    def validate(self):
        for s in self.shops.values():
            if not (len(s.site_id) == 8 and s.site_id.isdigit()):
                raise ValueError("site id must be 8 digits: %r" % s.site_id)
            if s.algorithm not in ALGORITHMS:
                raise ValueError("algorithm must be one of %s" % ", ".join(ALGORITHMS))
            if s.default_return_mode not in ("GET", "POST", "NONE"):
                raise ValueError("default_return_mode must be GET, POST or NONE")
            if not s.test_key.strip():
                raise ValueError("shop %s has no TEST key" % s.site_id)
        if self.retry_interval < 0 or self.max_retries < 0:
            raise ValueError("retry interval and max retries must be >= 0")


def _key_arg(mode):
    def parse(value):
        for prefix in (mode + ":", "PROD:" if mode == "PRODUCTION" else None):
            if prefix and value.startswith(prefix):
                return value[len(prefix):]
        return value
    return parse


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="server.py",
        description="Local stand-in for the Systempay payment platform (Form API V2).")
    a = p.add_argument
    a("--config", help="JSON config file (flags override it)")
    a("--host", help="listen address (default 127.0.0.1; only loopback is allowed)")
    a("--port", type=int, help="listen port (default 8095; 0 = any free port)")
    a("--data-dir", help="state directory (default build/sandbox)")
    a("--log-file", help="log file (default <data-dir>/sandbox.log, '-' = stderr)")
    a("--site-id", help="shop id (8 digits) configured by the flags below")
    a("--test-key", "--shop-key", dest="test_key", type=_key_arg("TEST"),
      help="the shop's TEST key (--shop-key also accepts 'TEST:<key>')")
    a("--prod-key", "--shop-key-prod", dest="prod_key", type=_key_arg("PRODUCTION"),
      help="the shop's PRODUCTION key, 'PRODUCTION:' prefix optional (empty = PRODUCTION refused)")
    a("--algorithm", choices=ALGORITHMS, help="signature algorithm (default HMAC-SHA-256)")
    a("--notification-url", help="IPN URL (TEST mode, and PRODUCTION unless --notification-url-prod)")
    a("--notification-url-prod", help="IPN URL in PRODUCTION mode")
    a("--return-url", help="default return URL when the form sends no vads_url_return")
    a("--default-return-mode", choices=("GET", "POST", "NONE"),
      help="return mode when vads_return_mode is absent (default NONE)")
    g = p.add_mutually_exclusive_group()
    g.add_argument("--notify-cancel", dest="notify_cancel", action="store_true", default=None,
                   help="send the IPN for cancelled (ABANDONED) payments (default)")
    g.add_argument("--no-notify-cancel", dest="notify_cancel", action="store_false",
                   help="do not send the IPN for cancelled payments")
    a("--retry-interval", type=float, help="seconds between IPN attempts (default 900)")
    a("--max-retries", type=int, help="automatic IPN retries after the first attempt (default 4)")
    a("--ipn-timeout", type=float, help="timeout of one IPN call in seconds (default 10)")
    a("--ipn-delay", type=float, help="delay before the first IPN attempt in seconds (default 0)")
    a("--trans-date-tolerance", type=int, help="max |now - vads_trans_date| in seconds (default 86400)")
    a("--default-language", help="page language when vads_language is absent/unsupported (default fr)")
    a("--allow-alnum-trans-id", action="store_true", default=None,
      help="accept any [0-9a-zA-Z]{6} vads_trans_id (default: 000000-899999 only)")
    return p


def load(argv=None) -> Config:
    args = build_parser().parse_args(argv)
    base = {}
    if args.config:
        with open(args.config, encoding="utf-8") as f:
            base = json.load(f)
    cfg = Config.from_json(base) if base else Config()
    for name in ("host", "port", "data_dir", "log_file", "retry_interval", "max_retries",
                 "ipn_timeout", "ipn_delay", "trans_date_tolerance", "default_language",
                 "allow_alnum_trans_id"):
        v = getattr(args, name)
        if v is not None:
            setattr(cfg, name, v)
    shop_flags = ("test_key", "prod_key", "algorithm", "notification_url", "notification_url_prod",
                  "return_url", "default_return_mode", "notify_cancel")
    if args.site_id or any(getattr(args, n) is not None for n in shop_flags):
        site_id = args.site_id or (next(iter(cfg.shops)) if len(cfg.shops) == 1 else "12345678")
        shop = cfg.shops.get(site_id) or Shop(site_id=site_id)
        for n in shop_flags:
            v = getattr(args, n)
            if v is not None:
                setattr(shop, n, v)
        cfg.shops[site_id] = shop
    if not cfg.shops:
        raise SystemExit("no shop configured: give --site-id/--test-key or a --config file")
    if cfg.host not in ("127.0.0.1", "localhost", "::1"):
        raise SystemExit("refusing to listen on %s: the sandbox only listens on loopback" % cfg.host)
    try:
        cfg.validate()
    except ValueError as e:
        raise SystemExit("configuration error: %s" % e)
    return cfg
