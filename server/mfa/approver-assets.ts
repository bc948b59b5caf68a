/**
 * Static assets of the approver page (the phone side of pushes). No inline
 * script or style: the page's CSP is `script-src 'self'`. Everything the
 * server sends is rendered with `textContent`, never as HTML.
 */

/** The page shell. */
export const APPROVER_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Approve sign-ins</title>
<link rel="stylesheet" href="/approver/app.css">
<script src="/approver/app.js" defer></script>
</head>
<body>
<main>
<h1>Approve sign-ins</h1>
<p id="status" role="status">Loading…</p>
<p id="result" role="alert"></p>
<section id="requests" aria-label="Sign-in requests"></section>
<p id="error" role="alert"></p>
</main>
</body>
</html>
`;

/** Stylesheet. */
export const APPROVER_CSS = `:root{color-scheme:light dark}
body{font-family:system-ui,sans-serif;margin:0;background:#f4f6f8;color:#1b1f24}
main{max-width:28rem;margin:0 auto;padding:1rem}
h1{font-size:1.4rem}
article{background:#fff;border-radius:.75rem;padding:1rem;margin:1rem 0;box-shadow:0 1px 3px rgba(0,0,0,.15)}
dl{display:grid;grid-template-columns:auto 1fr;gap:.25rem .75rem}
dt{font-weight:600}
label{display:block;font-weight:600;margin:.75rem 0 .25rem}
input.code{font-size:1.6rem;letter-spacing:.4em;width:5.5em;padding:.3rem .5rem;border-radius:.5rem;border:1px solid #666;background:#fff;color:inherit;font-variant-numeric:tabular-nums}
p.hint{margin:.25rem 0;color:#4a525c}
button{font-size:1rem;padding:.6rem 1rem;margin:.25rem .25rem 0 0;border-radius:.5rem;border:1px solid #888;background:#fff;color:#1b1f24}
button.approve{background:#176c2f;color:#fff;border-color:#176c2f}
button.approve:disabled{background:#8fa897;border-color:#8fa897;cursor:not-allowed}
button.deny{background:#a4161a;color:#fff;border-color:#a4161a}
button:focus-visible,input:focus-visible{outline:3px solid #0b5cad;outline-offset:2px}
#error,#result.error{color:#a4161a}
#result{font-weight:600}
@media (prefers-color-scheme:dark){
body{background:#15181c;color:#e6e9ed}
article{background:#22272e;box-shadow:0 1px 3px rgba(0,0,0,.6)}
input.code{background:#15181c;border-color:#8b949e}
p.hint{color:#aab3bd}
button{background:#2d333b;color:#e6e9ed;border-color:#8b949e}
button.approve{background:#2e8b47;border-color:#2e8b47}
button.approve:disabled{background:#3b4a40;border-color:#3b4a40;color:#aab3bd}
button.deny{background:#c1272d;border-color:#c1272d}
button:focus-visible,input:focus-visible{outline-color:#6cb6ff}
#error,#result.error{color:#ff8182}
}
`;

/**
 * Page logic: bind from `#bind=…`, then poll for pending pushes and answer
 * them. A verified push's *Approve* stays disabled until 3 digits are typed;
 * the page never receives the code, only whether one is needed. The answer's
 * message ("Approved." / "Denied." / "Reported. …") stays until a request the
 * page has not shown before arrives.
 */
export const APPROVER_JS = `'use strict';
(function () {
  var statusEl = document.getElementById('status');
  var listEl = document.getElementById('requests');
  var errorEl = document.getElementById('error');
  var resultEl = document.getElementById('result');
  var busy = false;

  function call(method, path, body) {
    var init = { method: method, credentials: 'same-origin', headers: {} };
    if (body !== undefined) { init.headers['content-type'] = 'application/json'; init.body = JSON.stringify(body); }
    return fetch('/approver/api/' + path, init).then(function (res) {
      return res.text().then(function (text) {
        var json = null;
        try { json = text ? JSON.parse(text) : null; } catch (e) { json = null; }
        return { ok: res.ok, status: res.status, json: json };
      });
    });
  }

  function field(dl, term, value) {
    var dt = document.createElement('dt'); dt.textContent = term;
    var dd = document.createElement('dd'); dd.textContent = value;
    dl.appendChild(dt); dl.appendChild(dd);
  }

  // The ids of the cards on screen; null forces the next list to be drawn (after an answer the
  // answered card must go even when no request is left, whose key is '').
  var shown = null;
  var typed = {};
  var seen = {};

  function codeField(card, push, approveButton) {
    var id = 'code-' + push.id;
    var label = document.createElement('label');
    label.htmlFor = id; label.textContent = 'Code shown on the sign-in screen';
    var input = document.createElement('input');
    input.id = id; input.className = 'code'; input.type = 'text'; input.inputMode = 'numeric';
    input.autocomplete = 'off'; input.maxLength = 3; input.pattern = '[0-9]{3}';
    input.value = typed[push.id] || '';
    var hint = document.createElement('p');
    hint.className = 'hint'; hint.id = id + '-hint';
    hint.textContent = 'Type the 3 digits you see on the screen where you are signing in. A wrong code denies the sign-in.';
    input.setAttribute('aria-describedby', hint.id);
    input.addEventListener('input', function () {
      input.value = input.value.replace(/[^0-9]/g, '').slice(0, 3);
      typed[push.id] = input.value;
      approveButton.disabled = input.value.length !== 3;
    });
    approveButton.disabled = input.value.length !== 3;
    card.appendChild(label); card.appendChild(input); card.appendChild(hint);
  }

  function render(data) {
    if (!data || !data.device) {
      listEl.textContent = ''; shown = null;
      statusEl.textContent = 'This browser is not linked to an account. Scan the phone QR code shown while you set up your device.';
      return;
    }
    var pushes = data.pushes || [];
    var key = pushes.map(function (p) { return p.id; }).join(',');
    statusEl.textContent = pushes.length ? 'Linked to ' + data.device.name + '. Check each request before you approve it.'
      : 'Linked to ' + data.device.name + '. No sign-in requests right now.';
    // The last answer's message stays until a request this page has not shown yet arrives.
    var fresh = pushes.filter(function (p) { return !seen[p.id]; });
    pushes.forEach(function (p) { seen[p.id] = true; });
    if (fresh.length) { resultEl.textContent = ''; resultEl.className = ''; }
    // The same requests as before: keep the cards (and what was typed in them).
    if (key === shown) return;
    shown = key;
    listEl.textContent = '';
    pushes.forEach(function (push) {
      var card = document.createElement('article');
      var h = document.createElement('h2'); h.textContent = 'Sign-in request';
      card.appendChild(h);
      var dl = document.createElement('dl');
      field(dl, 'Application', push.app);
      field(dl, 'From', push.address);
      field(dl, 'Time', new Date(push.issuedAt).toLocaleTimeString());
      card.appendChild(dl);
      var buttons = [['approve', 'Approve'], ['deny', 'Deny'], ['report', "This wasn't me"]].map(function (pair) {
        var b = document.createElement('button');
        b.type = 'button'; b.className = pair[0]; b.textContent = pair[1];
        b.addEventListener('click', function () { answer(push, pair[0]); });
        return b;
      });
      if (push.needsCode) codeField(card, push, buttons[0]);
      buttons.forEach(function (b) { card.appendChild(b); });
      listEl.appendChild(card);
    });
  }

  // Bumped by every answer: a list fetched before it (still showing the answered request) is dropped.
  var answers = 0;

  function refresh() {
    if (busy) return Promise.resolve();
    var asked = answers;
    return call('GET', 'pushes').then(function (r) {
      if (busy || asked !== answers) return;
      if (r.status === 401) { render(null); return; }
      if (!r.ok) { errorEl.textContent = 'Could not load requests.'; return; }
      errorEl.textContent = '';
      render(r.json);
    }, function () { errorEl.textContent = 'Could not reach the portal.'; });
  }

  function answer(push, kind) {
    var body = { answer: kind };
    if (kind === 'approve' && push.needsCode) {
      if (!/^[0-9]{3}$/.test(typed[push.id] || '')) { resultEl.className = 'error'; resultEl.textContent = 'Type the 3-digit code shown on the sign-in screen first.'; return; }
      body.code = typed[push.id];
    }
    busy = true;
    answers += 1;
    call('POST', 'pushes/' + encodeURIComponent(push.id), body).then(function (r) {
      busy = false;
      delete typed[push.id];
      shown = null;
      // Kept until a new request arrives (refreshing the list does not clear it).
      resultEl.className = r.ok ? '' : 'error';
      if (r.ok) {
        resultEl.textContent = kind === 'approve' ? 'Approved.' : kind === 'deny' ? 'Denied.'
          : "Reported. The sign-in was blocked, you were signed out everywhere, pushes are paused for a while, and you must choose a new password at your next sign-in.";
      } else {
        resultEl.textContent = (r.json && r.json.error && r.json.error.message) || 'That did not work.';
      }
      return refresh();
    }, function () { busy = false; errorEl.textContent = 'Could not reach the portal.'; });
  }

  var match = /^#bind=([A-Za-z0-9_-]{43})$/.exec(location.hash);
  var start = Promise.resolve();
  if (match) {
    history.replaceState(null, '', '/approver');
    start = call('POST', 'bind', { bindToken: match[1] }).then(function (r) {
      if (!r.ok) errorEl.textContent = (r.json && r.json.error && r.json.error.message) || 'This link did not work.';
    });
  }
  start.then(refresh).then(function () { setInterval(refresh, 1500); });
})();
`;
