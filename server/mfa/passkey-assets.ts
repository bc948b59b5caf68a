/**
 * The portal's passkey page (`/passkey/`): the browser side of a WebAuthn
 * ceremony, opened by Portico in its own window. No inline script or style
 * (the page's CSP is `script-src 'self'`); the browser half of
 * `@simplewebauthn/browser` is served from the package as `webauthn.js`.
 * Everything the server sends is shown with `textContent`.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** The UMD bundle of `@simplewebauthn/browser` (defines `SimpleWebAuthnBrowser`). */
export function webauthnBrowserBundle(): string {
  const entry = createRequire(import.meta.url).resolve('@simplewebauthn/browser');
  // The package's `require` entry is script/index.js; its bundle sits beside it in dist/.
  return readFileSync(join(dirname(entry), '..', 'dist', 'bundle', 'index.umd.min.js'), 'utf8');
}

export const PASSKEY_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Passkey or security key</title>
<link rel="stylesheet" href="/passkey/app.css">
<script src="/passkey/webauthn.js" defer></script>
<script src="/passkey/app.js" defer></script>
</head>
<body>
<main>
<h1 id="title">Passkey or security key</h1>
<p id="status" role="status">Loading…</p>
<button type="button" id="go" hidden>Continue</button>
<p id="error" role="alert"></p>
</main>
</body>
</html>
`;

export const PASSKEY_CSS = `:root{color-scheme:light dark}
body{font-family:system-ui,sans-serif;margin:0;background:#f4f6f8;color:#1b1f24}
main{max-width:30rem;margin:0 auto;padding:2rem 1rem}
h1{font-size:1.4rem}
button{font-size:1rem;padding:.6rem 1.2rem;border-radius:.5rem;border:1px solid #0b5cad;background:#0b5cad;color:#fff;cursor:pointer}
button:focus-visible{outline:3px solid #0b5cad;outline-offset:2px}
#error{color:#a4161a}
@media (prefers-color-scheme: dark){body{background:#161a1f;color:#e8eaed}#error{color:#ff8a8a}button{background:#4b9cf0;border-color:#4b9cf0;color:#0b0d10}}
`;

/** Reads `#ceremony=…`, loads the options, runs the ceremony on *Continue*, posts the answer. */
export const PASSKEY_JS = `'use strict';
(function () {
  var titleEl = document.getElementById('title');
  var statusEl = document.getElementById('status');
  var errorEl = document.getElementById('error');
  var go = document.getElementById('go');
  var match = /^#ceremony=([A-Za-z0-9_-]{43})$/.exec(location.hash);
  var token = match ? match[1] : null;
  // The token leaves the address bar (and any later Referer) at once.
  history.replaceState(null, '', '/passkey/');

  function call(path, body) {
    return fetch('/passkey/api/' + path, {
      method: 'POST', credentials: 'omit', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body)
    }).then(function (res) {
      return res.text().then(function (text) {
        var json = null;
        try { json = text ? JSON.parse(text) : null; } catch (e) { json = null; }
        return { ok: res.ok, json: json };
      });
    });
  }
  function fail(message) { errorEl.textContent = message; }
  function problem(r, fallback) { return (r.json && r.json.error && r.json.error.message) || fallback; }

  if (!token) { statusEl.textContent = ''; fail('Open this page from Portico.'); return; }
  var kind = null;
  var options = null;
  call('options', { token: token }).then(function (r) {
    if (!r.ok) { statusEl.textContent = ''; fail(problem(r, 'This request did not work. Start again from Portico.')); return; }
    kind = r.json.kind; options = r.json.options;
    titleEl.textContent = kind === 'register' ? 'Add a passkey or security key' : 'Use a passkey or security key';
    statusEl.textContent = kind === 'register'
      ? 'Select Continue, then follow your browser or security key to create a passkey for ' + location.host + '.'
      : 'Select Continue, then follow your browser or security key to sign in to ' + location.host + '.';
    go.hidden = false;
    go.focus();
  }, function () { fail('Could not reach the portal.'); });

  go.addEventListener('click', function () {
    if (!options) return;
    go.disabled = true;
    errorEl.textContent = '';
    var lib = window.SimpleWebAuthnBrowser;
    var run = kind === 'register' ? lib.startRegistration({ optionsJSON: options }) : lib.startAuthentication({ optionsJSON: options });
    run.then(function (response) {
      statusEl.textContent = 'Checking…';
      return call('finish', { token: token, response: response }).then(function (r) {
        go.hidden = true;
        if (r.ok && r.json && r.json.ok) {
          statusEl.textContent = kind === 'register' ? 'Your passkey was added. You can close this window and go back to Portico.'
            : 'You are verified. You can close this window and go back to Portico.';
          window.setTimeout(function () { window.close(); }, 1500);
        } else {
          statusEl.textContent = '';
          fail((r.json && r.json.message) || problem(r, 'This passkey or security key was not accepted.') + ' Start again from Portico.');
        }
      });
    }).catch(function () {
      // Cancelled, timed out or no matching key: the same request can be tried again.
      go.disabled = false;
      fail('That did not work or was cancelled. Select Continue to try again.');
    });
  });
})();
`;
