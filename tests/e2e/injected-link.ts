/**
 * Clicks a link the page did not render itself (as portal-supplied markup
 * could carry), then removes it: the guards must keep the window where it is.
 * Shared by the browser-host and the Electron window-guard specs.
 */
import type { Page } from '@playwright/test';

/** Adds `<a href target>` to the page, clicks it (and middle-clicks when asked), then removes it. */
export async function clickInjectedLink(
  page: Page,
  href: string,
  target: string | null,
  options: { middleClick?: boolean } = {},
): Promise<void> {
  await page.evaluate(
    ([h, t]) => {
      const a = document.createElement('a');
      a.href = h;
      if (t) a.target = t;
      a.textContent = 'injected link';
      a.id = 'injected-link';
      document.body.appendChild(a);
    },
    [href, target] as const,
  );
  await page.locator('#injected-link').click();
  if (options.middleClick) await page.locator('#injected-link').click({ button: 'middle' });
  await page.evaluate(() => document.getElementById('injected-link')?.remove());
}
