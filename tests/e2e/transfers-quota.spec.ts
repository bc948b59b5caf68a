/**
 * Over the portal's storage quota: the file that does not fit fails with
 * "Your cloud storage is full (X of Y used)" in its row, the rest of the
 * drop is uploaded, and nothing of the failed file stays on the portal.
 */
import { readdirSync } from 'node:fs';
import { formatBytes } from '../../common/text/bytes';
import { test, expect } from './fixtures';
import { uploadAndWait } from './transfers-helpers';

const QUOTA = 64 * 1024;
test.use({ serverConfig: { ftps: { quotaBytes: QUOTA, maxFileBytes: QUOTA } } });

test('a file over the quota says the cloud storage is full; the other files still go up', async ({
  page,
  stack,
}) => {
  test.setTimeout(120_000);
  const { userDir, queue } = await uploadAndWait(
    page,
    stack,
    { 'small.txt': 's'.repeat(10_000), 'huge.txt': 'h'.repeat(200_000), 'tiny.txt': 't'.repeat(1_000) },
    2,
  );
  const huge = queue.getByTestId('queue-row').filter({ hasText: 'huge.txt' });
  await expect(huge).toContainText(
    new RegExp(`Your cloud storage is full \\(.+ of ${formatBytes(QUOTA)} used\\)\\.`),
    { timeout: 60_000 },
  );
  await expect.poll(() => readdirSync(userDir).sort()).toEqual(['small.txt', 'tiny.txt']);
  // Nothing moves any more: the counts stand alone, without a speed or a time left.
  await expect(page.getByText(/^0 running · 0 waiting · 2 done · 1 failed$/)).toBeVisible();
  // A failed file can be cancelled (which removes a part it kept to resume).
  await huge.getByRole('button', { name: 'Cancel huge.txt' }).click();
  await expect(huge).toContainText('Cancelled');
  await expect(huge.getByRole('button', { name: 'Cancel huge.txt' })).toHaveCount(0);
});
