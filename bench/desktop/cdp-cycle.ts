/**
 * One sign-in → launch → sign-out cycle driven through the DevTools protocol
 * alone (DOM queries by XPath, focus, keyboard input): no Playwright locator
 * code runs inside the page, so the page's JS heap holds only the app (and
 * V8's code for it). Playwright's locators evaluate a large injected script
 * in the same JS heap, which would otherwise be measured as the app's.
 */
import type { CDPSession } from 'playwright-core';

export interface Credentials {
  username: string;
  password: string;
}

const LOG_ON = "//button[normalize-space(.)='Log On']";
const USERNAME = "//input[@autocomplete='username']";
const PASSWORD = "//input[@autocomplete='current-password']";
const ALL_APPS = "//h2[normalize-space(.)='All apps']";
const MISSING_PASSWORD = "//*[normalize-space(.)='Enter your password.']";
const LAUNCH_TILE = "//h2[normalize-space(.)='All apps']/..//button[starts-with(normalize-space(.), 'Eclipse Admin')]";
const STARTED = "//*[@role='status'][contains(., 'Eclipse Admin started')]";
const ACCOUNT = "//button[@aria-haspopup='menu'][contains(., 'Demo User')]";
const SIGN_OUT = "//*[@role='menuitem'][normalize-space(.)='Sign out']";

/** Waits this long for any one step (generous: the machine may be loaded). */
const STEP_TIMEOUT_MS = 60_000;

/** Node ids matching an XPath in the current document (evaluated by Blink, not by page JS). */
async function find(cdp: CDPSession, xpath: string): Promise<number[]> {
  await cdp.send('DOM.getDocument', { depth: 0 });
  const { searchId, resultCount } = await cdp.send('DOM.performSearch', { query: xpath });
  try {
    if (resultCount === 0) return [];
    const { nodeIds } = await cdp.send('DOM.getSearchResults', { searchId, fromIndex: 0, toIndex: resultCount });
    return nodeIds;
  } finally {
    await cdp.send('DOM.discardSearchResults', { searchId });
  }
}

async function waitFor(cdp: CDPSession, xpaths: string[]): Promise<{ xpath: string; nodeId: number }> {
  const deadline = Date.now() + STEP_TIMEOUT_MS;
  for (;;) {
    for (const xpath of xpaths) {
      const [nodeId] = await find(cdp, xpath);
      if (nodeId !== undefined) return { xpath, nodeId };
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${xpaths.join(' or ')}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

async function key(cdp: CDPSession, key: string, code: string, keyCode: number, commands: string[] = [], modifiers = 0): Promise<void> {
  const base = { key, code, windowsVirtualKeyCode: keyCode, modifiers };
  await cdp.send('Input.dispatchKeyEvent', { type: 'rawKeyDown', ...base, commands });
  if (key === 'Enter') await cdp.send('Input.dispatchKeyEvent', { type: 'char', ...base, text: '\r' });
  await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', ...base });
}

/** Focuses a field, selects what is in it and types over it (real input events, so React sees them). */
async function typeInto(cdp: CDPSession, xpath: string, text: string): Promise<void> {
  const { nodeId } = await waitFor(cdp, [xpath]);
  await cdp.send('DOM.focus', { nodeId });
  await key(cdp, 'a', 'KeyA', 65, ['selectAll'], 2);
  await cdp.send('Input.insertText', { text });
}

async function press(cdp: CDPSession, xpath: string): Promise<void> {
  const { nodeId } = await waitFor(cdp, [xpath]);
  await cdp.send('DOM.focus', { nodeId });
  await key(cdp, 'Enter', 'Enter', 13);
}

/** Sign in, launch Eclipse Admin, sign out; with the keyboard, like a user without a mouse. */
export async function cdpCycle(cdp: CDPSession, account: Credentials): Promise<void> {
  await waitFor(cdp, [LOG_ON]);
  // The signed-out state of the previous sign-out may land after the form
  // appears and clear a just-typed password: then type it again.
  for (let attempt = 0; ; attempt += 1) {
    await typeInto(cdp, USERNAME, account.username);
    await typeInto(cdp, PASSWORD, account.password);
    await key(cdp, 'Enter', 'Enter', 13);
    const landed = await waitFor(cdp, [ALL_APPS, MISSING_PASSWORD]);
    if (landed.xpath === ALL_APPS) break;
    if (attempt === 2) throw new Error('sign-in kept losing the password');
  }
  await press(cdp, LAUNCH_TILE);
  await waitFor(cdp, [STARTED]);
  await press(cdp, ACCOUNT);
  await press(cdp, SIGN_OUT);
  await waitFor(cdp, [LOG_ON]);
}
