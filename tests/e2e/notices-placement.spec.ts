/**
 * Notices never cover what the user must click: at 800×600 the end-of-batch
 * notice leaves a failed row's *Cancel* uncovered, and no notice covers the
 * *Change password* dialog's *OK*. They sit in a strip above the screen, in
 * the page's flow, rather than over it.
 */
import type { Locator, Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { uploadAndWait } from './transfers-helpers';

const QUOTA = 64 * 1024;
test.use({ serverConfig: { ftps: { quotaBytes: QUOTA, maxFileBytes: QUOTA } } });

/** The element the pointer would hit at the middle of `target` is `target` itself (or inside it). */
async function expectOnTop(target: Locator): Promise<void> {
  await target.scrollIntoViewIfNeeded();
  const onTop = await target.evaluate((el) => {
    const box = el.getBoundingClientRect();
    const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    return hit !== null && (hit === el || el.contains(hit));
  });
  expect(onTop).toBe(true);
}

/** No visible button outside the notices shares a pixel with them. */
async function expectNoticesCoverNothing(page: Page): Promise<void> {
  const overlaps = await page.evaluate(() => {
    const strip = document.querySelector('[aria-label="Notifications"]')!.getBoundingClientRect();
    return [...document.querySelectorAll('button, a, input')]
      .filter((el) => !el.closest('[aria-label="Notifications"]'))
      .map((el) => ({ name: el.textContent ?? '', box: el.getBoundingClientRect() }))
      .filter(({ box }) => box.width > 0 && box.height > 0)
      .filter(
        ({ box }) =>
          box.left < strip.right &&
          box.right > strip.left &&
          box.top < strip.bottom &&
          box.bottom > strip.top,
      )
      .map(({ name }) => name);
  });
  expect(overlaps).toEqual([]);
}

test("at 800×600 the batch notice covers neither a failed row's Cancel nor the Change password dialog", async ({
  page,
  stack,
}) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 800, height: 600 });
  const { queue } = await uploadAndWait(
    page,
    stack,
    { 'small.txt': 's'.repeat(10_000), 'huge.txt': 'h'.repeat(200_000) },
    1,
  );
  const huge = queue.getByTestId('queue-row').filter({ hasText: 'huge.txt' });
  await expect(huge).toContainText('Your cloud storage is full', { timeout: 60_000 });

  const notices = page.getByRole('status', { name: 'Notifications' });
  await expect(notices).toContainText('Upload finished with errors');
  // The pointer stays on the notices so they stay for the whole check.
  await notices.hover();
  await expectNoticesCoverNothing(page);
  await expectOnTop(huge.getByRole('button', { name: 'Cancel huge.txt' }));

  await page.getByRole('button', { name: 'Demo User' }).click();
  await page.getByRole('menuitem', { name: 'Change password…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Change password' });
  await dialog.getByRole('button', { name: 'Continue' }).click();
  const ok = dialog.getByRole('button', { name: 'OK' });
  await expect(ok).toBeVisible();
  await expectOnTop(ok);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toHaveCount(0);

  // Back on the screen, the notices still cover nothing.
  await expectNoticesCoverNothing(page);
  await expectOnTop(huge.getByRole('button', { name: 'Cancel huge.txt' }));
});
