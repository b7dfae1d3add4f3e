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
    # REST API V4 and embedded form ("Clés d'API REST"): one set per mode. The mode of a REST call
    # is the mode of the password it authenticates with; empty = that mode has no REST access.
    rest_password_test: str = ""        # HTTP Basic password (web services) and REST IPN kr-hash key
    rest_password_prod: str = ""
    public_key_test: str = ""           # "<site_id>:testpublickey_...", kr-public-key of the JS client
    public_key_prod: str = ""
    hmac_key_test: str = ""             # HMAC-SHA-256 key of the browser return's kr-hash
    hmac_key_prod: str = ""

    def key_for(self, ctx_mode: str) -> str:
        return (self.prod_key if ctx_mode == "PRODUCTION" else self.test_key).strip()

    def rest_password_for(self, mode: str) -> str:
        return self.rest_password_prod if mode == "PRODUCTION" else self.rest_password_test

    def public_key_for(self, mode: str) -> str:
        return self.public_key_prod if mode == "PRODUCTION" else self.public_key_test

    def hmac_key_for(self, mode: str) -> str:
        return self.hmac_key_prod if mode == "PRODUCTION" else self.hmac_key_test

    def rest_modes(self):
        """Modes this shop can use over REST (a password is configured)."""
        return [m for m in ("TEST", "PRODUCTION") if self.rest_password_for(m)]

    def ipn_url_for(self, ctx_mode: str) -> str:
        if ctx_mode == "PRODUCTION" and self.notification_url_prod:
            return self.notification_url_prod
        return self.notification_url


# The seed's public test shop (REST only: its form key is not public), added unless configured.
PUBLIC_TEST_SHOP = dict(
    site_id="73239078",
    rest_password_test="testpassword_SbEbeOueaMDyg8Rtei1bSaiB5lms9V0ZDjzldGXGAnIwH",
    public_key_test="73239078:testpublickey_Zr3fXIKKx0mLY9YNBQEan42ano2QsdrLuyb2W54QWmUJQ",
    hmac_key_test="VgbDd550wI6W1rwODGy56QAUkUQwIEdwXG5ziDUUC72BS",
)

# REST credentials given to the shop configured by the flags when none are given (the demo shop).
# The public keys are "<site id>:" + these suffixes.
DEMO_REST = dict(
    rest_password_test="testpassword_DEMO1234567890abcdef",
    rest_password_prod="prodpassword_DEMO1234567890abcdef",
    public_key_test="testpublickey_DEMO1234567890",
    public_key_prod="prodpublickey_DEMO1234567890",
    hmac_key_test="DEMOHMACTESTKEY1234567890abcdef",
    hmac_key_prod="DEMOHMACPRODKEY1234567890abcdef",
)
REST_FIELDS = tuple(DEMO_REST)


def demo_rest_credentials(site_id: str) -> dict:
    d = dict(DEMO_REST)
    for k in ("public_key_test", "public_key_prod"):
        d[k] = "%s:%s" % (site_id, d[k])
    return d


def add_builtin_shops(cfg: "Config"):
    """The seed's public test shop 73239078, unless the configuration defines that shop itself."""
    if PUBLIC_TEST_SHOP["site_id"] not in cfg.shops:
        cfg.shops[PUBLIC_TEST_SHOP["site_id"]] = Shop(**PUBLIC_TEST_SHOP)


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
    # kr-answer writes "/" as "\/" (the hash is over that exact string). False = raw "/", as in
    # the real IPNs captured in public test fixtures (see README).
    kr_answer_escaped_slashes: bool = True
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
            if not s.test_key.strip() and not s.rest_password_test:
                raise ValueError("shop %s has no TEST key (form) and no TEST REST password" % s.site_id)
            for mode in s.rest_modes():
                if not s.public_key_for(mode) or not s.hmac_key_for(mode):
                    raise ValueError("shop %s has a %s REST password but no public key or HMAC key for that "
                                     "mode" % (s.site_id, mode))
            for mode in ("TEST", "PRODUCTION"):
                pk = s.public_key_for(mode)
                if pk and not pk.startswith(s.site_id + ":"):
                    raise ValueError("public key %r of shop %s must start with '%s:'" % (pk, s.site_id, s.site_id))
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
    a("--rest-password-test", help="REST API TEST password of the --site-id shop (default: demo value)")
    a("--rest-password-prod", help="REST API PRODUCTION password (default: demo value)")
    a("--public-key-test", help="JavaScript client TEST public key '<site id>:...' (default: demo value)")
    a("--public-key-prod", help="JavaScript client PRODUCTION public key (default: demo value)")
    a("--hmac-key-test", help="HMAC-SHA-256 key of the TEST browser return kr-hash (default: demo value)")
    a("--hmac-key-prod", help="HMAC-SHA-256 key of the PRODUCTION browser return kr-hash (default: demo value)")
    a("--kr-answer-raw-slashes", dest="kr_answer_escaped_slashes", action="store_false", default=None,
      help="write '/' unescaped in kr-answer (default: '\\/')")
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
                 "allow_alnum_trans_id", "kr_answer_escaped_slashes"):
        v = getattr(args, name)
        if v is not None:
            setattr(cfg, name, v)
    shop_flags = ("test_key", "prod_key", "algorithm", "notification_url", "notification_url_prod",
                  "return_url", "default_return_mode", "notify_cancel") + REST_FIELDS
    if args.site_id or any(getattr(args, n) is not None for n in shop_flags):
        site_id = args.site_id or (next(iter(cfg.shops)) if len(cfg.shops) == 1 else "12345678")
        shop = cfg.shops.get(site_id)
        if shop is None:
            # A shop made from flags is the demo shop: demo REST credentials unless given.
            shop = Shop(site_id=site_id, **demo_rest_credentials(site_id))
        for n in shop_flags:
            v = getattr(args, n)
            if v is not None:
                setattr(shop, n, v)
        cfg.shops[site_id] = shop
    if not cfg.shops:
        raise SystemExit("no shop configured: give --site-id/--test-key or a --config file")
    add_builtin_shops(cfg)
    if cfg.host not in ("127.0.0.1", "localhost", "::1"):
        raise SystemExit("refusing to listen on %s: the sandbox only listens on loopback" % cfg.host)
    try:
        cfg.validate()
    except ValueError as e:
        raise SystemExit("configuration error: %s" % e)
    return cfg
