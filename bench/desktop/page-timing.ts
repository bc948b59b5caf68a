/**
 * Page-side timings shared by `npm run bench` and `npm run bench:desktop`:
 * when the sign-in form is interactive in a page served by the browser host.
 */
import type { Browser, Page } from 'playwright-core';

/**
 * "Interactive" = *Log On* and *Username* are visible (the form is rendered
 * with main's auth state, so typing and submitting work). Resolves with the
 * page's `performance.now()` at that moment: milliseconds since the page's
 * navigation started.
 */
export async function waitForSignInForm(page: Page): Promise<number> {
  await page.getByRole('button', { name: 'Log On' }).waitFor({ state: 'visible' });
  await page.getByLabel('Username').waitFor({ state: 'visible' });
  return page.evaluate(() => performance.now());
}

/** Navigation start → sign-in form interactive, in a fresh browser context per run (cold cache). */
export async function measureFormReady(browser: Browser, hostUrl: string, runs: number): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(hostUrl);
      samples.push(await waitForSignInForm(page));
    } finally {
      await context.close();
    }
  }
  return samples;
}
