/**
 * Page-side timings shared by `npm run bench` and `npm run bench:desktop`:
 * when the sign-in form is interactive in a page served by the browser host.
 */
import type { Browser, Page } from 'playwright-core';

/** Set by the sign-in screen once, right after the form first commits (renderer/src/features/auth/SignInScreen.tsx). */
const SIGN_IN_READY_MARK = 'portico:sign-in-ready';

/** Both readings of one page load, in ms since the page's navigation started. */
export interface FormReady {
  /**
   * The page's own mark: the form is on screen with its handlers attached
   * (set in an effect after React commits the form with main's auth state).
   */
  mark: number;
  /**
   * When Playwright saw *Log On* and *Username* visible: the same moment plus
   * the tool's polling and DevTools round trips (tens of ms, more under load).
   */
  observed: number;
}

/** Waits until the form is interactive; resolves with both readings. */
export async function waitForSignInForm(page: Page): Promise<FormReady> {
  await page.getByRole('button', { name: 'Log On' }).waitFor({ state: 'visible' });
  await page.getByLabel('Username').waitFor({ state: 'visible' });
  const [observed, mark] = await page.evaluate((name) => {
    const entry = performance.getEntriesByName(name)[0];
    return [performance.now(), entry ? entry.startTime : Number.NaN];
  }, SIGN_IN_READY_MARK);
  return { observed, mark };
}

/** Navigation start → sign-in form interactive, in a fresh browser context per run (cold cache). */
export async function measureFormReady(browser: Browser, hostUrl: string, runs: number): Promise<FormReady[]> {
  const samples: FormReady[] = [];
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
