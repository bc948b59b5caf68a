/**
 * The same sign-in → launch → sign-out cycle as cdp-cycle.ts, driven the way
 * a user drives it: mouse clicks and keystrokes (`Input.*`) only. Elements
 * are located in `DOMSnapshot.captureSnapshot` (a one-shot copy of the DOM
 * and its layout boxes made by Blink in C++): no DOM/Runtime/Debugger/
 * HeapProfiler domain is enabled, no node ids are bound, no script runs in
 * the page, and nothing is focused or scrolled by the protocol.
 */
import type { Credentials } from './cdp-cycle';
import type { PageSession } from './cdp-pipe';

/** Waits this long for any one step (generous: the machine may be loaded). */
const STEP_TIMEOUT_MS = 60_000;

interface RawDomSnapshot {
  documents: Array<{
    nodes: { parentIndex: number[]; nodeType: number[]; nodeName: number[]; nodeValue: number[]; attributes: number[][] };
    layout: { nodeIndex: number[]; bounds: number[][] };
    scrollOffsetX?: number;
    scrollOffsetY?: number;
  }>;
  strings: string[];
}

/** The page's elements with what the cycle needs to find and click them. */
interface Element {
  index: number;
  name: string;
  attrs: Map<string, string>;
  text: string;
  /** Centre in viewport CSS pixels, if the element has a layout box. */
  centre?: { x: number; y: number };
  ancestors: Set<number>;
}

type Match = (element: Element, all: Element[]) => boolean;

async function snapshot(session: PageSession): Promise<Element[]> {
  const raw = await session.send<RawDomSnapshot>('DOMSnapshot.captureSnapshot', { computedStyles: [] });
  const doc = raw.documents[0];
  if (!doc) return [];
  const { parentIndex, nodeType, nodeName, nodeValue, attributes } = doc.nodes;
  const str = (i: number | undefined): string => (i === undefined || i < 0 ? '' : (raw.strings[i] ?? ''));
  const texts: string[] = nodeName.map(() => '');
  const elements: Element[] = nodeName.map((name, index) => {
    const attrs = new Map<string, string>();
    const list = attributes[index] ?? [];
    for (let a = 0; a + 1 < list.length; a += 2) attrs.set(str(list[a]), str(list[a + 1]));
    return { index, name: str(name), attrs, text: '', ancestors: new Set<number>() };
  });
  for (let i = 0; i < elements.length; i += 1) {
    for (let p = parentIndex[i] ?? -1; p >= 0; p = parentIndex[p] ?? -1) {
      elements[i]!.ancestors.add(p);
      if (nodeType[i] === 3) texts[p] += str(nodeValue[i]);
    }
  }
  const dx = doc.scrollOffsetX ?? 0;
  const dy = doc.scrollOffsetY ?? 0;
  doc.layout.nodeIndex.forEach((node, l) => {
    const [x = 0, y = 0, w = 0, h = 0] = doc.layout.bounds[l] ?? [];
    const element = elements[node];
    if (element && w > 0 && h > 0 && !element.centre) element.centre = { x: x + w / 2 - dx, y: y + h / 2 - dy };
  });
  elements.forEach((element, i) => (element.text = texts[i]!.replace(/\s+/g, ' ').trim()));
  return elements;
}

const tag = (name: string, test: (e: Element) => boolean): Match => (e) => e.name === name && test(e);
const LOG_ON = tag('BUTTON', (e) => e.text === 'Log On');
const USERNAME = tag('INPUT', (e) => e.attrs.get('autocomplete') === 'username');
const PASSWORD = tag('INPUT', (e) => e.attrs.get('autocomplete') === 'current-password');
const ALL_APPS = tag('H2', (e) => e.text === 'All apps');
const MISSING_PASSWORD: Match = (e) => e.text === 'Enter your password.';
const LAUNCH_TILE: Match = (e, all) => {
  if (e.name !== 'BUTTON' || !e.text.startsWith('Eclipse Admin')) return false;
  const heading = all.find((h) => ALL_APPS(h, all));
  const section = heading ? [...heading.ancestors][0] : undefined;
  return section !== undefined && e.ancestors.has(section);
};
const STARTED: Match = (e) => e.attrs.get('role') === 'status' && e.text.includes('Eclipse Admin started');
const ACCOUNT = tag('BUTTON', (e) => e.attrs.get('aria-haspopup') === 'menu' && e.text.includes('Demo User'));
const SIGN_OUT: Match = (e) => e.attrs.get('role') === 'menuitem' && e.text === 'Sign out';

/** The first element a match finds (one with a layout box when it is to be clicked). */
async function waitFor(session: PageSession, matches: Match[], clickable = false): Promise<{ match: Match; element: Element }> {
  const deadline = Date.now() + STEP_TIMEOUT_MS;
  for (;;) {
    const all = await snapshot(session);
    for (const match of matches) {
      const element = all.find((e) => (!clickable || e.centre) && match(e, all));
      if (element) return { match, element };
    }
    if (Date.now() > deadline) throw new Error('timed out waiting for an element');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

async function click(session: PageSession, match: Match): Promise<void> {
  const { element } = await waitFor(session, [match], true);
  const { x, y } = element.centre!;
  await session.send('Input.dispatchMouseEvent', { type: 'mouseMoved', x, y });
  await session.send('Input.dispatchMouseEvent', { type: 'mousePressed', x, y, button: 'left', clickCount: 1 });
  await session.send('Input.dispatchMouseEvent', { type: 'mouseReleased', x, y, button: 'left', clickCount: 1 });
}

async function key(session: PageSession, key: string, code: string, keyCode: number, commands: string[] = [], modifiers = 0): Promise<void> {
  const base = { key, code, windowsVirtualKeyCode: keyCode, modifiers };
  await session.send('Input.dispatchKeyEvent', { type: 'rawKeyDown', ...base, commands });
  if (key === 'Enter') await session.send('Input.dispatchKeyEvent', { type: 'char', ...base, text: '\r' });
  await session.send('Input.dispatchKeyEvent', { type: 'keyUp', ...base });
}

async function typeInto(session: PageSession, match: Match, text: string): Promise<void> {
  await click(session, match);
  await key(session, 'a', 'KeyA', 65, ['selectAll'], 2);
  await session.send('Input.insertText', { text });
}

/** Sign in, launch Eclipse Admin, sign out; with the mouse and keyboard only. */
export async function inputCycle(session: PageSession, account: Credentials): Promise<void> {
  await waitFor(session, [LOG_ON]);
  // As in cdp-cycle.ts: a late signed-out state may clear a typed password.
  for (let attempt = 0; ; attempt += 1) {
    await typeInto(session, USERNAME, account.username);
    await typeInto(session, PASSWORD, account.password);
    await key(session, 'Enter', 'Enter', 13);
    const landed = await waitFor(session, [ALL_APPS, MISSING_PASSWORD]);
    if (landed.match === ALL_APPS) break;
    if (attempt === 2) throw new Error('sign-in kept losing the password');
  }
  await click(session, LAUNCH_TILE);
  await waitFor(session, [STARTED]);
  await click(session, ACCOUNT);
  await click(session, SIGN_OUT);
  await waitFor(session, [LOG_ON]);
}
