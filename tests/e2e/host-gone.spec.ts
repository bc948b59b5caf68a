/**
 * Browser host: a host of its own (started by the test, so it can be killed
 * by its PID) against the stack's portal. An upload shows its staging
 * progress at once; killing the host mid-upload makes the page say so
 * within 5 s instead of showing a transfer that no longer runs.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { test, expect, signIn } from './fixtures';

function startHost(portalUrl: string, dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(
    process.execPath,
    ['out/browser-host/cli.js', '--portal', portalUrl, '--data-dir', dataDir],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`host exited with ${code}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.startsWith('PORTICO_HOST_READY ')) {
        child.removeAllListeners('exit');
        resolve({
          child,
          url: (JSON.parse(line.slice('PORTICO_HOST_READY '.length)) as { url: string }).url,
        });
      }
    });
  });
}

test('staging progress shows at once, and a killed host is reported within 5 s', async ({ page, stack }) => {
  const dir = mkdtempSync(join(tmpdir(), 'portico-host-gone-'));
  const { child, url } = await startHost(stack.portalUrl, join(dir, 'client'));
  try {
    const file = join(dir, 'big upload.bin');
    writeFileSync(file, Buffer.alloc(150 * 1024 * 1024, 7));
    await page.goto(url);
    await signIn(page, { ...stack, hostUrl: url }, stack.demo.username, stack.demo.password);
    await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Transfers' }).click();
    await expect(page.getByText('This folder is empty')).toBeVisible({ timeout: 45_000 });
    await page.getByTestId('upload-input').setInputFiles(file);
    await expect(page.getByText(/^Preparing upload: .* of 150 MB/)).toBeVisible();

    const exited = new Promise((resolve) => child.once('exit', resolve));
    process.kill(child.pid!, 'SIGKILL');
    await exited;
    const killedAt = Date.now();
    await expect(page.getByRole('alert').filter({ hasText: 'Portico stopped on this computer' })).toBeVisible(
      { timeout: 5_000 },
    );
    expect(Date.now() - killedAt).toBeLessThan(5_000);
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
});
