#!/usr/bin/python3
"""Drives the real modified shop's own web installer as a browser would (one cookie jar, a browser
User-Agent, the installer page's JavaScript restore loops done by hand), then leaves the shop with its
installer folder removed. Usage: install_shop.py URL DB_HOST:PORT DB_USER DB_PASS DB_NAME ADMIN_EMAIL ADMIN_PASSWORD"""
import http.cookiejar
import json
import sys
import urllib.parse
import urllib.request

UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36"


class Client:
    def __init__(self, base):
        self.base = base.rstrip("/")
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def call(self, path, fields=None):
        data = None if fields is None else urllib.parse.urlencode(fields).encode()
        request = urllib.request.Request(self.base + path, data=data, headers={"User-Agent": UA})
        with self.opener.open(request, timeout=120) as response:
            return response.status, response.geturl(), response.read().decode("utf-8", "replace")


def restore_loop(client, start, step):
    """The installer page's JavaScript: GET the start page, then POST the step until fileEOF."""
    client.call(start)
    for _ in range(2000):
        _, _, body = client.call(step, {})
        try:
            answer = json.loads(body)
        except ValueError:
            sys.exit("installer: unexpected answer from %s:\n%s" % (step, body[:2000]))
        if str(answer.get("fileEOF")) == "1":
            return
    sys.exit("installer: %s never reached fileEOF" % step)


def main():
    url, db_server, db_user, db_pass, db_name, admin_email, admin_password = sys.argv[1:8]
    c = Client(url)
    c.call("/_installer/install_step1.php?language=de")
    status, final_url, body = c.call("/_installer/install_step1.php", {
        "action": "process", "db_type": "mysqli", "db_server": db_server, "db_username": db_user,
        "db_password": db_pass, "db_database": db_name, "db_charset": "utf8mb4", "db_engine": "InnoDB",
        "db_pconnect": "false", "http_server": url, "https_server": url, "session": "mysql",
        "use_ssl": "false", "admin_directory": "admin",
    })
    if "restorenow" not in final_url:
        sys.exit("installer step 1 refused the settings (%s):\n%s" % (final_url, body[:3000]))
    for sql in (0, 1, 2):
        restore_loop(c, "/_installer/install_step1.php?action=restorenow&sql=%d" % sql,
                     "/_installer/install_step1.php?action=restoredb&sql=%d" % sql)
    restore_loop(c, "/_installer/install_step1.php?action=convertnow", "/_installer/install_step1.php?action=convertdb")
    c.call("/_installer/install_step2.php")
    status, final_url, body = c.call("/_installer/install_step2.php", {
        "action": "process", "firstname": "Anna", "lastname": "Admin", "company": "Systempay Testshop",
        "street_address": "Hauptstr. 1", "postcode": "10115", "city": "Berlin", "country": "81",
        "email_address": admin_email, "confirm_email_address": admin_email,
        "password": admin_password, "confirm_password": admin_password,
    })
    if "install_finished" not in final_url:
        sys.exit("installer step 2 failed (%s):\n%s" % (final_url, body[:3000]))
    c.call("/_installer/install_finished.php")
    c.call("/_installer/index.php?action=shop")  # removes _installer/ and write-protects configure.php


if __name__ == "__main__":
    main()
