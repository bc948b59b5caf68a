/**
 * The light version's own static files: its stylesheet, its script and
 * noVNC's ES modules (served from the installed `@novnc/novnc`, read once
 * at start). No inline script or style: the page's CSP is `script-src
 * 'self'`. Server-supplied text is set with `textContent` only.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/** noVNC's modules by path under `/light/novnc/` (`core/rfb.js`, `vendor/pako/...`). */
export function loadNoVnc(): Map<string, Buffer> {
  const root = path.dirname(path.dirname(createRequire(import.meta.url).resolve('@novnc/novnc')));
  const files = new Map<string, Buffer>();
  const walk = (relative: string): void => {
    for (const entry of readdirSync(path.join(root, relative), { withFileTypes: true })) {
      const child = `${relative}/${entry.name}`;
      if (entry.isDirectory()) walk(child);
      else if (entry.name.endsWith('.js')) files.set(child, readFileSync(path.join(root, child)));
    }
  };
  walk('core');
  walk('vendor');
  return files;
}

/** Stylesheet of every light page (the session and its fault pages). */
export const LIGHT_CSS = `:root{color-scheme:light dark;--bg:#eef2f7;--card:#fff;--text:#14202e;--muted:#4a5868;--accent:#0b5cad;--accent-text:#fff;--border:#c9d3de}
@media (prefers-color-scheme:dark){:root{--bg:#0f1a27;--card:#1a2838;--text:#eef3f8;--muted:#b2c0cf;--accent:#6cb0f5;--accent-text:#08121d;--border:#33465b}}
*{box-sizing:border-box}
html,body{height:100%}
body{font-family:system-ui,sans-serif;margin:0;background:var(--bg);color:var(--text)}
main{max-width:40rem;margin:12vh auto 0;padding:2rem;background:var(--card);border:1px solid var(--border);border-radius:12px}
h1{font-size:1.5rem;margin-top:0;overflow-wrap:anywhere}
p{line-height:1.5;overflow-wrap:anywhere}
.muted{color:var(--muted);font-size:.9rem}
button{font:inherit;font-size:1rem;padding:.55rem 1.2rem;border-radius:8px;border:1px solid var(--accent);background:var(--accent);color:var(--accent-text);cursor:pointer}
button:focus-visible{outline:3px solid var(--accent);outline-offset:3px}
[hidden]{display:none!important}
body.session{overflow:hidden;background:#000}
body.session.fault{background:var(--bg);overflow:auto}
#screen{position:fixed;inset:0}
body.fault #screen{display:none}
#status{position:fixed;left:50%;top:45%;transform:translate(-50%,-50%);padding:1rem 1.5rem;border-radius:10px;background:var(--card);color:var(--text);border:1px solid var(--border);max-width:90vw;text-align:center}
@media (max-width:40rem){main{margin:4vh 1rem 0;padding:1.25rem}}
`;

/** The session page's script: one WebSocket to the gateway, handed to noVNC. */
export const LIGHT_JS = `import RFB from '/light/novnc/core/rfb.js';

const body = document.body;
const appName = body.dataset.appName || 'the application';
const ticket = new URLSearchParams(location.search).get('ticket') || '';
const screen = document.getElementById('screen');
const status = document.getElementById('status');
const fault = document.getElementById('fault');
const faultTitle = document.getElementById('fault-title');
const faultText = document.getElementById('fault-text');
const retry = document.getElementById('retry');

// What each of the gateway's close codes means, in the user's words; true: *Try again* can help.
const FAULTS = {
  4001: ['This launch link has expired', 'Launch links work once and only for a short time. Go back to the launcher and start ' + appName + ' again.', false],
  4003: ['Your portal session has ended', 'Sign in to the portal again and start ' + appName + ' from the launcher.', false],
  4400: ['This launch link is not valid', 'Go back to the launcher and start ' + appName + ' again.', false],
  4401: ['Your portal session has ended', 'You signed out or your portal session expired, so ' + appName + ' was closed. Sign in again to continue.', false],
  4404: ['This portal has no session host for ' + appName, 'Contact support.', false],
  4408: [appName + ' was closed because it was idle', 'Nothing was typed or clicked for a long time. Go back to the launcher to start it again.', false],
  4429: ['You have too many light sessions open', 'Close one of your other light-version windows, then try again.', true],
  4502: ['The session host for ' + appName + ' is not answering', 'The server that runs ' + appName + ' could not be reached. Try again in a moment.', true],
  4504: ['The session host for ' + appName + ' stopped', 'The server that ran ' + appName + ' ended the session. Go back to the launcher to start it again.', false],
};
const DROPPED = ['The connection to ' + appName + ' was lost', 'Check your network connection, then go back to the launcher to start it again.', false];

let rfb = null;

function showFault(entry) {
  const [title, text, canRetry] = entry;
  document.title = title;
  faultTitle.textContent = title;
  faultText.textContent = text;
  retry.hidden = !canRetry;
  status.hidden = true;
  body.classList.add('fault');
  fault.hidden = false;
  (canRetry ? retry : faultTitle).focus();
}

function start() {
  body.classList.remove('fault');
  fault.hidden = true;
  status.hidden = false;
  status.textContent = 'Starting ' + appName + '…';
  const url = new URL('/light/' + encodeURIComponent(body.dataset.appId) + '/socket', location.href);
  url.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
  url.searchParams.set('ticket', ticket);
  const socket = new WebSocket(url.toString(), []);
  socket.binaryType = 'arraybuffer';
  let closed = null;
  // Registered before noVNC's own handler, so the code is known when it reports the disconnect.
  socket.addEventListener('close', (event) => { closed = event; });
  rfb = new RFB(screen, socket, { shared: true });
  rfb.scaleViewport = true;
  rfb.resizeSession = true;
  rfb.focusOnClick = true;
  // No clipboard path: noVNC's clipboard events are not wired in either direction.
  rfb.addEventListener('connect', () => {
    status.hidden = true;
    body.classList.add('live');
    document.title = body.dataset.title;
    rfb.focus();
  });
  rfb.addEventListener('disconnect', () => {
    body.classList.remove('live');
    rfb = null;
    const code = closed ? closed.code : 0;
    if (code === 1000 || code === 1001) {
      showFault(['You closed ' + appName, 'Go back to the launcher to start it again.', false]);
      return;
    }
    showFault(FAULTS[code] || DROPPED);
  });
}

retry.addEventListener('click', start);
// Keep the ticket out of the history and of any later copy of the address.
history.replaceState(null, '', location.pathname);
start();
`;
