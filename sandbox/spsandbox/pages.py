"""HTML pages. Plain forms that work without JavaScript; stable element ids for browser tests."""

import json
import urllib.parse
from datetime import datetime, timezone
from html import escape

from .cards import table_rows
from .currencies import CURRENCIES, format_amount
from .i18n import texts

CSS = """
body{font-family:sans-serif;background:#f3f5f8;margin:0;color:#222}
main{max-width:560px;margin:2em auto;background:#fff;padding:1.5em 2em;border-radius:8px;
box-shadow:0 1px 4px rgba(0,0,0,.15)}
#test_banner{background:#c62828;color:#fff;font-weight:bold;text-align:center;padding:.6em}
h1{font-size:1.3em} table{border-collapse:collapse} td,th{padding:.25em .6em;text-align:left;vertical-align:top}
label{display:block;margin-top:.8em} input,select{font-size:1em;padding:.3em}
button{font-size:1em;padding:.5em 1.2em;margin:.8em .4em 0 0;cursor:pointer}
#pay,#challenge_ok{background:#1565c0;color:#fff;border:0;border-radius:4px}
.error{color:#b71c1c;font-weight:bold} .ok{color:#1b5e20;font-weight:bold}
.brands label{display:inline-block;margin-right:1em}
.admin main{max-width:none;margin:1em} .admin td,.admin th{border:1px solid #ccc;font-size:.9em}
code{font-size:.85em;word-break:break-all}
"""


def e(v) -> str:
    return escape("" if v is None else str(v), quote=True)


def layout(title, lang, body, test_mode=False, head="", cls=""):
    banner = ('<div id="test_banner">%s</div>' % e(texts(lang)["test_banner"])) if test_mode else ""
    return ("<!DOCTYPE html>\n<html lang=\"%s\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            "<title>%s</title><style>%s</style>%s</head><body class=\"%s\">%s<main>%s</main></body></html>"
            % (e(lang), e(title), CSS, head, cls, banner, body))


def _summary(tx, t):
    req = tx["request"]
    cur = req["vads_currency"]
    alpha = CURRENCIES[cur][0]
    return (
        '<table id="summary">'
        '<tr><th>%s</th><td id="shop_id">%s</td></tr>'
        '<tr><th>%s</th><td id="order_id">%s</td></tr>'
        '<tr><th>%s</th><td id="trans_id">%s</td></tr>'
        '<tr><th>%s</th><td><span id="amount">%s</span> <span id="currency">%s</span></td></tr>'
        '</table>'
        % (e(t["shop"]), e(tx["site_id"]), e(t["order"]), e(req.get("vads_order_id", "")),
           e(t["trans_id"]), e(tx["trans_id"]), e(t["amount"]),
           e(format_amount(tx["amount"], cur, tx["language"])), e(alpha)))


def payment_page(tx, allowed_brands, error_key=None, form=None):
    lang = tx["language"]
    t = texts(lang)
    form = form or {}
    now = datetime.now(timezone.utc)
    brand_inputs = "".join(
        '<label for="brand_%s"><input type="radio" name="brand" id="brand_%s" value="%s"%s> %s</label>'
        % (b, b, b, " checked" if form.get("brand") == b else "", b.replace("_", " "))
        for b in allowed_brands)
    sel_month = form.get("expiry_month") or "12"
    sel_year = form.get("expiry_year") or str(now.year + 2)
    months = "".join('<option value="%02d"%s>%02d</option>' % (m, " selected" if "%02d" % m == sel_month else "", m)
                     for m in range(1, 13))
    years = "".join('<option value="%d"%s>%d</option>' % (y, " selected" if str(y) == sel_year else "", y)
                    for y in range(now.year, now.year + 11))
    err = '<p id="error" class="error">%s</p>' % e(t[error_key]) if error_key else ""
    body = (
        '<h1 id="page_title">%(title)s</h1>%(summary)s%(err)s'
        '<form id="card_form" method="post" action="/vads-payment/card" autocomplete="off">'
        '<input type="hidden" name="token" value="%(token)s">'
        '<fieldset class="brands" id="brands"><legend>%(card_type)s</legend>%(brands)s</fieldset>'
        '<label for="card_number">%(card_number)s</label>'
        '<input id="card_number" name="card_number" inputmode="numeric" size="22" maxlength="23" value="%(num)s">'
        '<label>%(expiry)s</label>'
        '<select id="expiry_month" name="expiry_month" aria-label="%(month)s">%(months)s</select> / '
        '<select id="expiry_year" name="expiry_year" aria-label="%(year)s">%(years)s</select>'
        '<label for="cvv">%(cvv)s</label>'
        '<input id="cvv" name="cvv" inputmode="numeric" size="4" maxlength="4">'
        '<div><button type="submit" id="pay">%(pay)s</button></div>'
        '</form>'
        '<form id="cancel_form" method="post" action="/vads-payment/cancel">'
        '<input type="hidden" name="token" value="%(token)s">'
        '<button type="submit" id="cancel">%(cancel)s</button></form>'
        % dict(title=e(t["page_title"]), summary=_summary(tx, t), err=err, token=e(tx["token"]),
               card_type=e(t["card_type"]), brands=brand_inputs, card_number=e(t["card_number"]),
               num=e(form.get("card_number", "")), expiry=e(t["expiry"]), month=e(t["month"]),
               year=e(t["year"]), months=months, years=years, cvv=e(t["cvv"]), pay=e(t["pay"]),
               cancel=e(t["cancel"])))
    if tx["ctx_mode"] == "TEST":
        body += _test_cards(t)
    return layout(t["page_title"], lang, body, tx["ctx_mode"] == "TEST")


def _test_cards(t):
    """The test card numbers, one row per outcome, as the platform lists them on its TEST payment page."""
    rows = table_rows()
    brands = list(rows[0][1])
    head = "".join("<th>%s</th>" % e(b.replace("_", " ")) for b in brands)
    body = "".join(
        '<tr class="test_card" data-scenario="%s"><td>%s</td>%s</tr>'
        % (e(scenario), e(t["scenario_" + scenario]), "".join("<td><code>%s</code></td>" % e(numbers[b]) for b in brands))
        for scenario, numbers in rows)
    return ('<section id="test_cards"><p>%s</p><table><tr><th></th>%s</tr>%s</table></section>'
            % (e(t["test_cards"]), head, body))


def challenge_page(tx):
    lang = tx["language"]
    t = texts(lang)
    p = tx["pending"]
    from .cards import mask
    body = (
        '<h1 id="challenge_title">%s</h1>%s<p id="challenge_card">%s %s</p><p>%s</p>'
        '<form method="post" action="/vads-payment/challenge">'
        '<input type="hidden" name="token" value="%s">'
        '<button type="submit" name="outcome" value="ok" id="challenge_ok">%s</button>'
        '<button type="submit" name="outcome" value="fail" id="challenge_fail">%s</button>'
        '</form>'
        % (e(t["challenge_title"]), _summary(tx, t), e(p.get("brand", "")), e(mask(p.get("number", ""))),
           e(t["challenge_text"]), e(tx["token"]), e(t["challenge_ok"]), e(t["challenge_fail"])))
    return layout(t["challenge_title"], lang, body, tx["ctx_mode"] == "TEST")


def build_get_url(url, fields):
    if not fields:
        return url
    sep = "&" if "?" in url else "?"
    return url + sep + urllib.parse.urlencode(list(fields.items()), encoding="utf-8")


def _status_text(tx, t):
    s = tx["status"]
    if s == "AUTHORISED":
        return "accepted", "ok"
    if s == "AUTHORISED_TO_VALIDATE":
        return "to_validate", "ok"
    if s == "ABANDONED":
        return "cancelled", "error"
    return "refused", "error"


def return_block(url, mode, fields, label, auto_seconds=None):
    """HTML (and head) for the way back to the shop: (head, body)."""
    if not url:
        return "", ""
    if mode == "POST":
        inputs = "".join('<input type="hidden" name="%s" value="%s">' % (e(k), e(v)) for k, v in fields.items())
        body = ('<form id="return_form" method="post" action="%s">%s'
                '<button type="submit" id="return_to_shop">%s</button></form>' % (e(url), inputs, e(label)))
        head = ""
        if auto_seconds is not None:
            head = ("<script>window.addEventListener('load',function(){setTimeout(function(){"
                    "document.getElementById('return_form').submit();},%d);});</script>" % (auto_seconds * 1000))
        return head, body
    target = build_get_url(url, fields if mode == "GET" else {})
    body = '<p><a id="return_to_shop" href="%s">%s</a></p>' % (e(target), e(label))
    head = ""
    if auto_seconds is not None:
        head = ('<meta http-equiv="refresh" content="%d;url=%s">'
                "<script>setTimeout(function(){window.location.href=%s;},%d);</script>"
                % (auto_seconds, e(target), json.dumps(target).replace("<", "\\u003c"), auto_seconds * 1000))
    return head, body


def result_page(tx, return_url, return_mode, return_fields, redirect_timeout, redirect_message):
    lang = tx["language"]
    t = texts(lang)
    key, cls = _status_text(tx, t)
    r = tx["result"]
    head, back = return_block(return_url, return_mode, return_fields if return_mode in ("GET", "POST") else {},
                              t["return_to_shop"], redirect_timeout)
    redirect = ""
    if redirect_timeout is not None and return_url:
        redirect = '<p id="redirect_message">%s</p><p id="redirect_notice">%s</p>' % (
            e(redirect_message), e(t["redirect_in"] % redirect_timeout))
    body = (
        '<h1 id="result_message" class="%s" data-status="%s">%s</h1>%s%s'
        '<table id="result_details">'
        '<tr><th>%s</th><td id="trans_status">%s</td></tr>'
        '<tr><th>%s</th><td id="result_code">%s</td></tr>'
        '<tr><th>Card</th><td id="card">%s %s</td></tr>'
        '<tr><th>3DS</th><td id="threeds">%s %s</td></tr>'
        '<tr><th>UUID</th><td id="trans_uuid">%s</td></tr></table>%s'
        % (cls, e(tx["status"]), e(t[key]), redirect, _summary(tx, t), e(t["status"]), e(tx["status"]),
           e(t["result"]), e(r.get("vads_result", "")), e(r.get("vads_card_brand", "")),
           e(r.get("vads_card_number", "")), e(r.get("vads_threeds_status", "")),
           e(r.get("vads_threeds_auth_type", "")), e(tx["trans_uuid"]), back))
    return layout(t[key], lang, body, tx["ctx_mode"] == "TEST", head)


def auto_post_page(tx, url, fields):
    """Immediate POST return (after a cancel): auto-submitted form, button without JavaScript."""
    t = texts(tx["language"])
    head, back = return_block(url, "POST", fields, t["return_to_shop"], 0)
    body = '<h1 id="result_message" class="error" data-status="%s">%s</h1>%s' % (
        e(tx["status"]), e(t["cancelled"]), back)
    return layout(t["cancelled"], tx["language"], body, tx["ctx_mode"] == "TEST", head)


def error_page(errors, lang, test_mode=True, signed_hint=""):
    t = texts(lang)
    first = errors[0]
    reason = lambda x: t.get(x.reason, x.reason)  # noqa: E731
    if first.field == "signature":
        headline = "%s %s - %s" % (t["error"], first.code, t["bad_signature"])
    else:
        headline = "%s %s - %s : %s" % (t["error"], first.code, first.field, reason(first))
    items = "".join(
        '<li class="form_error" data-code="%s" data-field="%s"><span class="code">%s</span> - '
        '<span class="field">%s</span> : %s%s</li>'
        % (e(x.code), e(x.field), e(x.code), e(x.field), e(reason(x)), (" (%s)" % e(x.detail)) if x.detail else "")
        for x in errors)
    hint = ('<p>Signed string expected by the platform (key masked):</p><p><code id="signed_string">%s</code></p>'
            % e(signed_hint)) if signed_hint and test_mode else ""
    body = ('<h1 id="error_title" class="error">%s</h1><p>%s</p>'
            '<p>Code: <span id="error_code">%s</span> - <span id="error_field">%s</span></p>'
            '<ul id="error_list">%s</ul>%s'
            % (e(headline), e(t["error_intro"]), e(first.code), e(first.field), items, hint))
    return layout(headline, lang, body, test_mode)


def message_page(lang, text_key, test_mode=False):
    t = texts(lang)
    body = '<h1 id="error_title" class="error">%s</h1>' % e(t[text_key])
    return layout(t[text_key], lang, body, test_mode)


def _admin_button(action, tx_id, button_id, label):
    return ('<form method="post" action="%s"><input type="hidden" name="tx" value="%d">'
            '<button type="submit" id="%s_%d">%s</button></form>' % (action, tx_id, button_id, tx_id, label))


def _operation_cell(tx):
    """DEBIT, or CREDIT with a link to the payment it refunds."""
    if tx.get("operation_type") == "CREDIT":
        return 'CREDIT of <a href="/admin/tx/%d">#%d</a>' % (tx["parent_id"], tx["parent_id"])
    return "DEBIT" + (' <span class="error">chargeback</span>' if tx.get("chargeback") else "")


def operations_table(operations):
    rows = "".join(
        '<tr id="op_%d" data-operation="%s" data-error="%s"><td>%s</td><td><a href="/admin/tx/%d">#%d</a></td>'
        '<td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>'
        % (o["id"], e(o["operation"]), e(o["error_code"]), e(o["at"]), o["tx_id"], o["tx_id"],
           ('<a href="/admin/tx/%d">#%d</a>' % (o["result_tx_id"], o["result_tx_id"])) if o["result_tx_id"] else "",
           e(o["operation"]), e(o["origin"]), e("" if o["amount"] is None else o["amount"]),
           e(o["error_code"] or "done"), e(o["detail"])) for o in operations)
    return ('<table id="operations"><tr><th>at</th><th>payment</th><th>result</th><th>operation</th><th>origin</th>'
            '<th>amount</th><th>outcome</th><th>detail</th></tr>%s</table>' % rows)


def admin_page(txs, notifications_by_tx, form_errors, form_tokens=(), operations=()):
    rows = []
    for tx in txs:
        ipn = []
        for n in notifications_by_tx.get(tx["id"], []):
            for a in n["attempt_list"]:
                ipn.append('<div class="attempt" data-code="%s">#%d %s %s %s %s ms <code>%s</code>%s</div>' % (
                    e(a["http_code"] or ""), a["attempt_no"], e(a["src"]), e(a["at"]),
                    e(a["http_code"] if a["http_code"] is not None else "-"), a["duration_ms"],
                    e(a["body"][:200]), (' <span class="error">%s</span>' % e(a["error"])) if a["error"] else ""))
            ipn.append('<div class="notification">%s: %s (%d/%d)</div>' % (
                e(n["src"]), e(n["state"]), n["attempts"], n["max_attempts"]))
        replay = ""
        if tx["state"] == "DONE":
            replay = _admin_button("/admin/replay", tx["id"], "replay", "Replay IPN")
            if tx.get("operation_type") != "CREDIT" and tx["status"] == "AUTHORISED":
                replay += _admin_button("/admin/capture", tx["id"], "capture", "Capture")
            if tx.get("operation_type") != "CREDIT" and tx["status"] == "CAPTURED" and not tx.get("chargeback"):
                replay += _admin_button("/admin/chargeback", tx["id"], "chargeback", "Chargeback")
        cur = tx["currency"]
        ref = e(tx["trans_uuid"])
        if tx.get("api") == "REST":   # a try of a formToken: its uuid and (shortened) token
            ref += '<br><code class="form_token" title="%s">%s…</code>' % (e(tx["form_token"]),
                                                                            e(tx["form_token"][:16]))
        rows.append(
            '<tr id="tx_%d" data-api="%s" data-operation="%s"><td><a href="/admin/tx/%d">%d</a></td><td>%s</td>'
            '<td>%s</td><td>%s</td><td>%s</td><td class="operation">%s</td><td>%s</td><td>%s</td><td>%s %s</td>'
            '<td class="status">%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>'
            % (tx["id"], e(tx.get("api", "FORM")), e(tx.get("operation_type") or "DEBIT"), tx["id"], tx["id"],
               e(tx["created_at"]), e(tx["site_id"]), e(tx["ctx_mode"]), e(tx.get("api", "FORM")),
               _operation_cell(tx), e(tx["order_id"]), e(tx["trans_id"]),
               e(format_amount(tx["amount"], cur, "en")), e(CURRENCIES.get(cur, (cur,))[0]),
               e(tx["status"] or tx["state"]), e(tx["result_code"]), ref, "".join(ipn), replay))
    errs = "".join('<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>' % (
        e(x["at"]), e(x["site_id"]), e(x["trans_id"]), e(x["code"]), e(x["field"]), e(x["message"]))
        for x in form_errors)
    tokens = "".join(
        '<tr id="ft_%s"><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s %s</td><td class="state">%s</td>'
        '<td><code>%s</code></td><td>%s</td></tr>'
        % (e(t["form_token"]), e(t["created_at"]), e(t["site_id"]), e(t["mode"]), e(t["order_id"]), t["amount"],
           e(t["currency"]), e(t["state"]), e(t["form_token"]), e(t["ipn_url"])) for t in form_tokens)
    body = ('<h1>Systempay sandbox - transactions</h1>'
            '<table id="transactions"><tr><th>#</th><th>created (UTC)</th><th>shop</th><th>mode</th><th>API</th>'
            '<th>operation</th><th>order</th><th>trans id</th><th>amount</th><th>status</th><th>result</th>'
            '<th>uuid / formToken</th><th>IPN attempts</th><th></th></tr>'
            '%s</table><h2>Back-office operations</h2>%s'
            '<h2>REST form tokens (Charge/CreatePayment)</h2><table id="form_tokens"><tr><th>created</th>'
            '<th>shop</th><th>mode</th><th>order</th><th>amount</th><th>state</th><th>formToken</th>'
            '<th>IPN URL</th></tr>%s</table>'
            '<h2>Refused forms and REST calls</h2><table id="form_errors"><tr><th>at</th><th>shop</th>'
            '<th>trans id</th><th>code</th><th>field</th><th>message</th></tr>%s</table>'
            % ("".join(rows), operations_table(operations), tokens, errs))
    return layout("Systempay sandbox admin", "en", body, False, "", "admin")


def admin_tx_page(tx, notifications, operations=(), related=()):
    """related: the refunds of a payment, or the payment of a refund."""
    def kv(d):
        return "".join("<tr><th>%s</th><td><code>%s</code></td></tr>" % (e(k), e(v)) for k, v in sorted(d.items()))
    notes = []
    for n in notifications:
        for a in n["attempt_list"]:
            notes.append("<h3>%s attempt #%d - %s - HTTP %s - %d ms</h3><p><code>%s</code> %s</p><table>%s</table>" % (
                e(a["src"]), a["attempt_no"], e(a["at"]), e(a["http_code"] if a["http_code"] is not None else "-"),
                a["duration_ms"], e(a["body"]), e(a["error"]), kv(a["fields"])))
    if tx.get("api") == "REST":   # nested JSON: shown as JSON
        def pre(d):
            return '<pre>%s</pre>' % e(json.dumps(d, ensure_ascii=False, indent=1))
        request, result = pre(tx["request"]), pre(tx["result"])
        title = "REST try %d, formToken %s (%s)" % (tx["id"], tx["form_token"], tx["status"] or tx["state"])
    else:
        request, result = "<table>%s</table>" % kv(tx["request"]), "<table>%s</table>" % kv(tx["result"])
        title = "Transaction %d (%s)" % (tx["id"], tx["status"] or tx["state"])
    links = "".join('<li id="related_%d"><a href="/admin/tx/%d">#%d</a> %s %s %s %s</li>' % (
        r["id"], r["id"], r["id"], e(r.get("operation_type") or "DEBIT"), e(r["trans_uuid"]), r["amount"],
        e(r["status"])) for r in related)
    body = ('<p><a href="/admin/">&larr; all transactions</a></p><h1>%s</h1><p id="operation">%s</p>'
            '<ul id="related">%s</ul><h2>Operations</h2>%s'
            '<h2>Request</h2>%s<h2>Result</h2>%s<h2>Notifications</h2>%s'
            % (e(title), _operation_cell(tx), links, operations_table(operations), request, result, "".join(notes)))
    return layout("Transaction %d" % tx["id"], "en", body, False, "", "admin")
