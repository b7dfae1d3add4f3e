/*
 * Systempay sandbox: stand-in for the embedded form's JavaScript client ("krypton" client),
 * served at the real client's path /static/js/krypton-client/V4.0/stable/kr-payment-form.min.js.
 * Plain ES2017, no build step. See sandbox/README.md, "REST API and embedded form".
 *
 * In the shop's page, like the real client:
 *
 *   <script src="http://127.0.0.1:8095/static/js/krypton-client/V4.0/stable/kr-payment-form.min.js"
 *           kr-public-key="12345678:testpublickey_..." kr-post-url-success="https://shop/paid.php"
 *           kr-post-url-refused="..." kr-language="fr-FR"></script>
 *   <div class="kr-embedded" kr-form-token="..."></div>          (add kr-popin for a pop-in)
 *
 * It renders the card fields in the div, talks to the sandbox (the origin of this script) through
 * its /krypton/ endpoints (cross-origin, CORS), shows the 3-D Secure challenge in an overlay of the
 * shop's page, and on acceptance POSTs kr-answer / kr-hash to kr-post-url-success with a real form
 * submission (a top-level navigation of the shop's page).
 *
 * Stable hooks for browser tests: #kr-pan, #kr-expiry (MM/YY), #kr-security-code inputs (in
 * div.kr-pan, div.kr-expiry, div.kr-security-code), #kr-payment-button (.kr-payment-button),
 * #kr-form-error (.kr-form-error, attribute data-error-code), #kr-popin-button, #kr-popin-close,
 * #kr-challenge, #kr-challenge-ok, #kr-challenge-fail; the .kr-embedded element carries
 * data-kr-state = loading | ready | processing | challenge | accepted | refused | error.
 */
(function () {
  'use strict';

  // This script's own tag: its attributes configure the form, its origin is the sandbox.
  var tag = document.currentScript || (function () {
    var all = document.querySelectorAll('script[src*="kr-payment-form"]');
    return all[all.length - 1];
  })();
  var SANDBOX = new URL(tag.src, document.baseURI).origin;

  var config = {
    publicKey: tag.getAttribute('kr-public-key') || '',
    postUrlSuccess: tag.getAttribute('kr-post-url-success') || '',
    postUrlRefused: tag.getAttribute('kr-post-url-refused') || '',
    language: tag.getAttribute('kr-language') || '',
    formToken: ''
  };

  var handlers = { submit: [], error: [], ready: [], created: [], focus: [], popinClosed: [] };
  var form = null;        // the rendered form (see render())
  var texts = {};         // texts in the form's language, sent by the sandbox

  // Every KR method answers a Promise, like the real client.
  function done() {
    return Promise.resolve({ KR: window.KR });
  }

  function register(kind, callback) {
    if (typeof callback === 'function') {
      handlers[kind].push(callback);
    }
    return done();
  }

  // ---------------------------------------------------------------------------- sandbox calls

  function call(operation, payload) {
    payload.formToken = form ? form.token : config.formToken;
    payload.publicKey = config.publicKey;
    payload.language = config.language;
    return fetch(SANDBOX + '/krypton/' + operation, {
      method: 'POST',
      mode: 'cors',
      credentials: 'omit',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(payload)
    }).then(function (response) {
      return response.json();
    }).catch(function (e) {
      return {
        status: 'ERROR', retry: true, message: texts.CLIENT_999 || 'Technical error.',
        error: { errorCode: 'CLIENT_999', errorMessage: 'cannot reach the payment platform: ' + e,
          detailedErrorCode: null, detailedErrorMessage: null }
      };
    });
  }

  // ---------------------------------------------------------------------------- rendering

  var BASE_CSS =
    '.kr-embedded .kr-field{margin:.5em 0}.kr-embedded label{display:block;font-size:.9em}' +
    '.kr-embedded input{font-size:1em;padding:.4em;width:100%;max-width:22em;box-sizing:border-box}' +
    '.kr-embedded .kr-payment-button{margin-top:.6em;padding:.6em 1.2em;font-size:1em;cursor:pointer}' +
    '.kr-embedded .kr-form-error{color:#b71c1c;min-height:1.2em;margin-top:.5em}' +
    '.kr-embedded .kr-form-success{color:#1b5e20;margin-top:.5em}' +
    '.kr-overlay{position:fixed;left:0;top:0;right:0;bottom:0;background:rgba(0,0,0,.5);z-index:2147483000;' +
    'display:flex;align-items:center;justify-content:center}' +
    '.kr-overlay-box{background:#fff;color:#222;padding:1.2em 1.6em;border-radius:6px;min-width:18em;' +
    'max-width:90vw;box-shadow:0 2px 12px rgba(0,0,0,.4)}' +
    '.kr-overlay-box button{margin:.6em .4em 0 0;padding:.5em 1em;cursor:pointer}' +
    '.kr-popin-modal-header{text-align:right}';

  function injectStyle() {
    if (!document.getElementById('kr-sandbox-style')) {
      var style = document.createElement('style');
      style.id = 'kr-sandbox-style';
      style.textContent = BASE_CSS;
      document.head.appendChild(style);
    }
  }

  function el(tagName, attributes, text) {
    var node = document.createElement(tagName);
    Object.keys(attributes || {}).forEach(function (k) {
      node.setAttribute(k, attributes[k]);
    });
    if (text) {
      node.textContent = text;
    }
    return node;
  }

  // An element the shop may have placed itself inside .kr-embedded (custom layout), or a new one.
  function part(container, className, tagName) {
    return container.querySelector('.' + className) || el(tagName, { 'class': className });
  }

  function fieldInput(holder, id, inputmode, autocomplete) {
    holder.classList.add('kr-field');
    var label = holder.querySelector('label') || el('label', { 'for': id });
    var input = holder.querySelector('input') ||
      el('input', { id: id, name: id, 'class': 'kr-input-field', type: 'text', inputmode: inputmode,
        autocomplete: autocomplete, spellcheck: 'false' });
    holder.appendChild(label);
    holder.appendChild(input);
    if (!input.krBound) {            // a re-rendered form reuses its inputs: listen once
      input.krBound = true;
      input.addEventListener('focus', function () {
        handlers.focus.forEach(function (cb) { cb({ field: id.replace('kr-', ''), KR: window.KR }); });
      });
      input.addEventListener('keydown', function (e) {
        if (e.key === 'Enter') {
          e.preventDefault();
          pay();
        }
      });
    }
    return { label: label, input: input };
  }

  function render(container) {
    injectStyle();
    closeChallenge();
    var token = config.formToken || container.getAttribute('kr-form-token') || '';
    var popin = container.hasAttribute('kr-popin');
    var f = { container: container, token: token, popin: popin, ready: false, busy: false, info: null };

    f.pan = fieldInput(part(container, 'kr-pan', 'div'), 'kr-pan', 'numeric', 'cc-number');
    f.expiry = fieldInput(part(container, 'kr-expiry', 'div'), 'kr-expiry', 'numeric', 'cc-exp');
    f.cvv = fieldInput(part(container, 'kr-security-code', 'div'), 'kr-security-code', 'numeric', 'cc-csc');
    f.button = part(container, 'kr-payment-button', 'button');
    f.button.id = 'kr-payment-button';
    f.button.type = 'button';
    f.error = part(container, 'kr-form-error', 'div');
    f.error.id = 'kr-form-error';
    f.error.setAttribute('role', 'alert');
    f.success = part(container, 'kr-form-success', 'div');
    f.button.onclick = function () { pay(); };

    var body = el('div', { 'class': 'kr-form-body' });
    [f.pan.label.parentNode, f.expiry.label.parentNode, f.cvv.label.parentNode, f.button, f.error,
      f.success].forEach(function (n) { body.appendChild(n); });
    container.textContent = '';
    if (popin) {
      // A "pay" button in the page; the fields in an overlay it opens.
      f.popinButton = el('button', { type: 'button', id: 'kr-popin-button', 'class': 'kr-popin-button' });
      f.popinButton.onclick = openPopin;
      f.overlay = el('div', { id: 'kr-popin-wrapper', 'class': 'kr-popin-wrapper kr-overlay' });
      f.overlay.style.display = 'none';
      var box = el('div', { 'class': 'kr-popin-modal kr-overlay-box' });
      var header = el('div', { 'class': 'kr-popin-modal-header' });
      f.closeButton = el('button', { type: 'button', id: 'kr-popin-close', 'class': 'kr-popin-modal-header-close' },
        '×');
      f.closeButton.onclick = closePopin;
      header.appendChild(f.closeButton);
      box.appendChild(header);
      box.appendChild(body);
      f.overlay.appendChild(box);
      container.appendChild(f.popinButton);
      container.appendChild(f.overlay);
    } else {
      container.appendChild(body);
    }
    form = f;
    setState('loading');
    f.button.disabled = true;
    handlers.created.forEach(function (cb) { cb({ KR: window.KR }); });
    return init(f);
  }

  function applyTexts(f) {
    f.pan.label.textContent = texts.pan || '';
    f.expiry.label.textContent = texts.expiry || '';
    f.cvv.label.textContent = texts.security_code || '';
    f.expiry.input.placeholder = (texts.expiry || 'MM/YY').replace(/^.*\((.*)\).*$/, '$1');
    var label = f.info ? f.info.payLabel : (texts.pay || 'Pay');
    f.button.textContent = label;
    if (f.popinButton) {
      f.popinButton.textContent = label;
      f.closeButton.title = texts.close || '';
    }
  }

  function init(f) {
    return call('init', {}).then(function (r) {
      if (form !== f) {
        return;             // re-rendered meanwhile
      }
      texts = r.texts || texts;
      f.container.setAttribute('kr-language', r.language || '');
      if (r.status === 'READY') {
        f.info = r;
        applyTexts(f);
        f.ready = true;
        f.button.disabled = false;
        setState('ready');
        handlers.ready.forEach(function (cb) { cb({ KR: window.KR }); });
      } else {
        applyTexts(f);
        failed(r, false);
      }
    });
  }

  function setState(state) {
    if (form) {
      form.container.setAttribute('data-kr-state', state);
    }
  }

  function showError(message, code) {
    form.error.textContent = message || '';
    if (code) {
      form.error.setAttribute('data-error-code', code);
    } else {
      form.error.removeAttribute('data-error-code');
    }
  }

  // ---------------------------------------------------------------------------- payment

  function checkFields() {
    var pan = form.pan.input.value.replace(/\s+/g, '');
    if (!/^[0-9]{12,19}$/.test(pan)) {
      return { code: 'CLIENT_301', message: 'invalid card number', field: 'pan' };
    }
    var m = /^\s*([0-9]{1,2})\s*\/?\s*([0-9]{2}|[0-9]{4})\s*$/.exec(form.expiry.input.value);
    var now = new Date();
    if (!m || +m[1] < 1 || +m[1] > 12) {
      return { code: 'CLIENT_302', message: 'invalid expiry date', field: 'expiryDate' };
    }
    var year = m[2].length === 2 ? 2000 + (+m[2]) : +m[2];
    if (year * 100 + (+m[1]) < now.getFullYear() * 100 + now.getMonth() + 1) {
      return { code: 'CLIENT_302', message: 'invalid expiry date', field: 'expiryDate' };
    }
    if (!/^[0-9]{3,4}$/.test(form.cvv.input.value.trim())) {
      return { code: 'CLIENT_303', message: 'invalid security code', field: 'securityCode' };
    }
    return { pan: pan, month: String(+m[1]), year: String(year), cvv: form.cvv.input.value.trim() };
  }

  function pay() {
    var f = form;
    if (!f || !f.ready || f.busy) {
      return done();
    }
    var entry = checkFields();
    if (entry.code) {
      // Checked in the browser, like the real client: nothing is sent.
      showError(texts[entry.code], entry.code);
      fireError({ errorCode: entry.code, errorMessage: entry.message, detailedErrorCode: null,
        detailedErrorMessage: null, field: entry.field });
      return done();
    }
    busy(true);
    return call('pay', { pan: entry.pan, expiryMonth: entry.month, expiryYear: entry.year,
      securityCode: entry.cvv }).then(outcome).then(done);
  }

  function busy(on) {
    form.busy = on;
    form.button.disabled = on;
    form.button.classList.toggle('kr-loading', on);
    form.button.textContent = on ? (texts.processing || '…') : form.info.payLabel;
    if (on) {
      showError('', null);
      form.success.textContent = '';
      setState('processing');
    }
  }

  // What the sandbox answered to a card or a challenge.
  function outcome(r) {
    if (r.status === 'CHALLENGE') {
      setState('challenge');
      return openChallenge(r);
    }
    if (r.status === 'ACCEPTED') {
      return accepted(r);
    }
    return failed(r, true);
  }

  function answerEvent(r) {
    return {
      clientAnswer: JSON.parse(r.answer),
      rawClientAnswer: r.answer,
      hash: r.hash,
      hashAlgorithm: r.hashAlgorithm,
      hashKey: r.hashKey,
      _type: 'V4/Charge/ProcessPaymentAnswer'
    };
  }

  async function accepted(r) {
    setState('accepted');
    form.busy = true;               // paid: no second try from this form
    form.button.disabled = true;
    form.button.textContent = form.info.payLabel;
    var event = answerEvent(r);
    var post = true;
    for (var i = 0; i < handlers.submit.length; i++) {
      // A callback returning false (or a Promise of false) keeps the client from posting.
      if ((await Promise.resolve(handlers.submit[i](event))) === false) {
        post = false;
      }
    }
    if (post && config.postUrlSuccess) {
      postAnswer(config.postUrlSuccess, r);
    } else {
      form.success.textContent = texts.accepted || '';
    }
  }

  function failed(r, afterTry) {
    var error = Object.assign({}, r.error || {}, {
      field: null,
      formToken: form.token,
      metadata: { answer: r.answer ? JSON.parse(r.answer) : null },
      _type: 'krypton/error'
    });
    if (r.status === 'REFUSED' && config.postUrlRefused) {
      setState('refused');
      fireError(error);
      postAnswer(config.postUrlRefused, r);
      return;
    }
    if (afterTry) {
      busy(false);
    }
    if (r.status === 'REFUSED') {
      // Refused: the buyer may try again with another card (same formToken, new transaction).
      form.pan.input.value = '';
      form.expiry.input.value = '';
      form.cvv.input.value = '';
    }
    showError(r.message, error.errorCode);
    if (r.retry) {
      setState('ready');
    } else {
      form.ready = false;
      form.button.disabled = true;
      setState('error');
    }
    fireError(error);
  }

  function fireError(error) {
    handlers.error.forEach(function (cb) { cb(error); });
  }

  // The return to the shop: a real form POST in the shop's page (top-level navigation).
  function postAnswer(url, r) {
    var f = el('form', { method: 'POST', action: url, 'accept-charset': 'UTF-8', 'class': 'kr-answer-form' });
    f.style.display = 'none';
    var fields = { 'kr-hash': r.hash, 'kr-hash-algorithm': r.hashAlgorithm, 'kr-hash-key': r.hashKey,
      'kr-answer-type': r.answerType, 'kr-answer': r.answer };
    Object.keys(fields).forEach(function (name) {
      var input = el('input', { type: 'hidden', name: name });
      input.value = fields[name];
      f.appendChild(input);
    });
    document.body.appendChild(f);
    HTMLFormElement.prototype.submit.call(f);
  }

  // ---------------------------------------------------------------------------- 3-D Secure

  function openChallenge(r) {
    closeChallenge();
    var overlay = el('div', { id: 'kr-challenge', 'class': 'kr-challenge kr-overlay' });
    var box = el('div', { 'class': 'kr-overlay-box' });
    box.appendChild(el('h2', { id: 'kr-challenge-title' }, texts.challenge_title));
    box.appendChild(el('p', { id: 'kr-challenge-card' }, r.card));
    box.appendChild(el('p', {}, texts.challenge_text));
    var ok = el('button', { type: 'button', id: 'kr-challenge-ok' }, texts.challenge_ok);
    var fail = el('button', { type: 'button', id: 'kr-challenge-fail' }, texts.challenge_fail);
    box.appendChild(ok);
    box.appendChild(fail);
    overlay.appendChild(box);
    document.body.appendChild(overlay);
    return new Promise(function (resolve) {
      function answer(result) {
        ok.disabled = true;
        fail.disabled = true;
        call('challenge', { challengeId: r.challengeId, outcome: result }).then(function (next) {
          closeChallenge();
          return outcome(next);
        }).then(resolve);
      }
      ok.onclick = function () { answer('ok'); };
      fail.onclick = function () { answer('fail'); };
    });
  }

  function closeChallenge() {
    var old = document.getElementById('kr-challenge');
    if (old) {
      old.parentNode.removeChild(old);
    }
  }

  // ---------------------------------------------------------------------------- pop-in

  function openPopin() {
    if (form && form.overlay) {
      form.overlay.style.display = '';
      form.pan.input.focus();
    }
    return done();
  }

  function closePopin() {
    if (form && form.overlay && form.overlay.style.display !== 'none') {
      form.overlay.style.display = 'none';
      handlers.popinClosed.forEach(function (cb) { cb({ KR: window.KR }); });
    }
    return done();
  }

  // ---------------------------------------------------------------------------- public API

  function renderElements(selector) {
    var container = document.querySelector(selector || '.kr-embedded');
    if (!container) {
      return done();
    }
    return render(container).then(done);
  }

  // setFormConfig accepts the real client's keys (and the attribute names).
  function setFormConfig(options) {
    var o = options || {};
    var before = config.formToken + '|' + config.language + '|' + config.publicKey;
    if (o.formToken) { config.formToken = o.formToken; }
    if (o['kr-language'] || o.language) { config.language = o['kr-language'] || o.language; }
    if (o['kr-public-key'] || o.publicKey) { config.publicKey = o['kr-public-key'] || o.publicKey; }
    if (o['kr-post-url-success'] !== undefined) { config.postUrlSuccess = o['kr-post-url-success']; }
    if (o['kr-post-url-refused'] !== undefined) { config.postUrlRefused = o['kr-post-url-refused']; }
    var changed = before !== config.formToken + '|' + config.language + '|' + config.publicKey;
    if (form && changed) {
      return render(form.container).then(done);      // a new token or language: a new form
    }
    if (!form && config.formToken) {
      return renderElements();
    }
    return done();
  }

  window.KR = {
    onSubmit: function (cb) { return register('submit', cb); },
    onError: function (cb) { return register('error', cb); },
    onFormReady: function (cb) {
      if (form && form.ready && typeof cb === 'function') {
        setTimeout(function () { cb({ KR: window.KR }); }, 0);
      }
      return register('ready', cb);
    },
    onFormCreated: function (cb) { return register('created', cb); },
    onFocus: function (cb) { return register('focus', cb); },
    onPopinClosed: function (cb) { return register('popinClosed', cb); },
    setFormConfig: setFormConfig,
    renderElements: renderElements,
    submit: function () { return pay(); },
    openPopin: openPopin,
    closePopin: closePopin,
    removeEventCallbacks: function () {
      Object.keys(handlers).forEach(function (k) { handlers[k] = []; });
      return done();
    },
    // Accepted so that integrations written for the real client run; never called here.
    smartForm: { onClick: function () { return done(); } },
    wallet: { onPaymentTokenDeleted: function () { return done(); } },
    sandbox: true
  };

  // Render once the page is parsed, after the page's own scripts registered their callbacks.
  function start() {
    setTimeout(function () { renderElements(); }, 0);
  }
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
