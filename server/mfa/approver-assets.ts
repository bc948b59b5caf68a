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
<section id="requests" aria-label="Sign-in requests"></section>
<p id="error" role="alert"></p>
</main>
</body>
</html>
`;

/** Stylesheet. */
export const APPROVER_CSS = `body{font-family:system-ui,sans-serif;margin:0;background:#f4f6f8;color:#1b1f24}
main{max-width:28rem;margin:0 auto;padding:1rem}
h1{font-size:1.4rem}
article{background:#fff;border-radius:.75rem;padding:1rem;margin:1rem 0;box-shadow:0 1px 3px rgba(0,0,0,.15)}
dl{display:grid;grid-template-columns:auto 1fr;gap:.25rem .75rem}
dt{font-weight:600}
button{font-size:1rem;padding:.6rem 1rem;margin:.25rem .25rem 0 0;border-radius:.5rem;border:1px solid #888;background:#fff}
button.approve{background:#176c2f;color:#fff;border-color:#176c2f}
button.deny{background:#a4161a;color:#fff;border-color:#a4161a}
button:focus-visible{outline:3px solid #0b5cad;outline-offset:2px}
#error{color:#a4161a}
`;

/**
 * Page logic: bind from `#bind=…`, then poll for pending pushes and answer them.
 * The answer's message ("Approved." / "Denied." / "Reported. …") stays until a
 * request the page has not shown before arrives, so the next poll does not wipe
 * it before the user has read it.
 */
export const APPROVER_JS = `'use strict';
(function () {
  var statusEl = document.getElementById('status');
  var listEl = document.getElementById('requests');
  var errorEl = document.getElementById('error');
  var busy = false;
  // The message of the last answer, and the requests already shown.
  var lastAnswer = '';
  var shown = {};

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

  function render(data) {
    listEl.textContent = '';
    if (!data || !data.device) {
      statusEl.textContent = 'This browser is not linked to an account. Scan the phone QR code shown while you set up your device.';
      return;
    }
    var pushes = data.pushes || [];
    var fresh = pushes.filter(function (push) { return !shown[push.id]; });
    pushes.forEach(function (push) { shown[push.id] = true; });
    if (fresh.length) lastAnswer = '';
    statusEl.textContent = lastAnswer ? lastAnswer
      : pushes.length ? 'Linked to ' + data.device.name + '. Check each request before you approve it.'
      : 'Linked to ' + data.device.name + '. No sign-in requests right now.';
    pushes.forEach(function (push) {
      var card = document.createElement('article');
      var h = document.createElement('h2'); h.textContent = 'Sign-in request';
      card.appendChild(h);
      var dl = document.createElement('dl');
      field(dl, 'Application', push.app);
      field(dl, 'From', push.address);
      field(dl, 'Time', new Date(push.issuedAt).toLocaleTimeString());
      card.appendChild(dl);
      [['approve', 'Approve'], ['deny', 'Deny'], ['report', "This wasn't me"]].forEach(function (pair) {
        var b = document.createElement('button');
        b.type = 'button'; b.className = pair[0]; b.textContent = pair[1];
        b.addEventListener('click', function () { answer(push.id, pair[0]); });
        card.appendChild(b);
      });
      listEl.appendChild(card);
    });
  }

  function refresh() {
    if (busy) return Promise.resolve();
    return call('GET', 'pushes').then(function (r) {
      if (r.status === 401) { render(null); return; }
      if (!r.ok) { errorEl.textContent = 'Could not load requests.'; return; }
      errorEl.textContent = '';
      render(r.json);
    }, function () { errorEl.textContent = 'Could not reach the portal.'; });
  }

  function answer(id, kind) {
    busy = true;
    call('POST', 'pushes/' + encodeURIComponent(id), { answer: kind }).then(function (r) {
      busy = false;
      if (r.ok) {
        lastAnswer = kind === 'approve' ? 'Approved.' : kind === 'deny' ? 'Denied.' : 'Reported. The sign-in was blocked and your administrator can see the report.';
        statusEl.textContent = lastAnswer;
      } else {
        errorEl.textContent = (r.json && r.json.error && r.json.error.message) || 'That did not work.';
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
