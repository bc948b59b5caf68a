/**
 * Hardening of the renderer in real Chromium through the browser host: the
 * CSP stops injected inline script, the page cannot navigate away or open
 * windows, and it holds no Node or raw IPC handle.
 *
 * What a page cannot stop by itself (see features/hardening/page-guards.ts):
 * a script assigning `location.href`; with the CSP no injected script runs,
 * and in Electron main's `will-navigate` guard stops it (tests/electron).
 */
import type { Page } from '@playwright/test';
import { test, expect, signIn, type Stack } from './fixtures';
import { clickInjectedLink } from './injected-link';

/** Opens the app and waits until it is running (signed in or not: the host keeps its session). */
async function openApp(page: Page, stack: Stack): Promise<void> {
  await page.goto(stack.hostUrl);
  await page.waitForFunction(() => window.portico !== undefined);
  await expect(page.getByRole('button', { name: 'Log On' }).or(page.getByRole('heading', { name: 'All apps' }))).toBeVisible();
}

test.describe('renderer hardening', () => {
  test('the CSP blocks injected inline scripts and reports the violation', async ({ page, stack }) => {
    await openApp(page, stack);
    const outcome = await page.evaluate(async () => {
      const w = window as unknown as { __pwned?: number; __pwnedHandler?: number };
      const violations: string[] = [];
      document.addEventListener('securitypolicyviolation', (event) => violations.push(event.effectiveDirective));
      // 1. A <script> element with inline code added through the DOM.
      const script = document.createElement('script');
      script.textContent = 'window.__pwned = 1';
      document.body.appendChild(script);
      // 2. Markup with an inline event handler (the usual XSS payload).
      const holder = document.createElement('div');
      holder.innerHTML = '<img alt="" src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" onload="window.__pwnedHandler = 1">';
      document.body.appendChild(holder);
      await new Promise((resolve) => setTimeout(resolve, 500));
      return { pwned: w.__pwned ?? null, pwnedHandler: w.__pwnedHandler ?? null, violations };
    });
    expect(outcome.pwned).toBeNull();
    expect(outcome.pwnedHandler).toBeNull();
    expect(outcome.violations.length).toBeGreaterThanOrEqual(2);
    expect(outcome.violations.every((d) => d.startsWith('script-src'))).toBe(true);
  });

  test('the host forbids framing and sends the strict CSP', async ({ page, stack }) => {
    const response = await page.goto(stack.hostUrl);
    const csp = response?.headers()['content-security-policy'] ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(response?.headers()['x-frame-options']).toBe('DENY');
  });

  test('window.open and links away from the app do nothing', async ({ page, context, stack }) => {
    await signIn(page, stack, stack.demo.username, stack.demo.password);
    await expect(page.getByRole('heading', { name: 'All apps' })).toBeVisible();
    const before = page.url();
    let popups = 0;
    context.on('page', () => (popups += 1));

    const opened = await page.evaluate(() => [
      window.open('https://example.com/') === null,
      window.open('about:blank', '_blank') === null,
    ]);
    expect(opened).toEqual([true, true]);

    // Links the page did not expect (e.g. from portal-supplied markup) are inert.
    for (const [href, target] of [
      ['https://example.com/', null],
      ['javascript:window.__clicked=1', null],
      ['/', '_blank'],
      ['file:///etc/passwd', null],
    ] as const) {
      await clickInjectedLink(page, href, target, { middleClick: true });
    }
    await page.waitForTimeout(500);
    expect(page.url()).toBe(before);
    expect(popups).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __clicked?: number }).__clicked ?? null)).toBeNull();
    // window.open cannot be put back by page code.
    const restored = await page.evaluate(() => {
      try {
        Object.defineProperty(window, 'open', { value: () => 'reopened' });
      } catch {
        // expected: the guard is not configurable
      }
      return String(window.open('https://example.com/'));
    });
    expect(restored).toBe('null');
    await expect(page.getByRole('heading', { name: 'All apps' })).toBeVisible();
  });

  test('the renderer has no Node, no require and no raw IPC', async ({ page, stack }) => {
    await openApp(page, stack);
    // Node and Electron globals that must not exist in the page (raw IPC included).
    const forbidden = ['require', 'process', 'module', 'Buffer', 'global', ['ipc', 'Renderer'].join(''), 'electron'];
    const globals = await page.evaluate((names) => {
      const w = window as unknown as Record<string, unknown>;
      const sockets = Object.getOwnPropertyNames(window).filter((name) => {
        try {
          return w[name] instanceof WebSocket;
        } catch {
          return false;
        }
      });
      return {
        present: names.filter((name) => typeof w[name] !== 'undefined'),
        portico: Object.keys(window.portico ?? {}).sort(),
        porticoFrozen: Object.isFrozen(window.portico),
        sockets,
      };
    }, forbidden);
    expect(globals).toEqual({
      present: [],
      portico: ['invoke', 'on'],
      porticoFrozen: true,
      sockets: [],
    });
    // An unknown channel gets a typed error, not a crash or a raw answer.
    const answer = await page.evaluate(() =>
      (window.portico as unknown as { invoke(c: string): Promise<unknown> }).invoke('fs:read-file'),
    );
    expect(answer).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
  });
});
