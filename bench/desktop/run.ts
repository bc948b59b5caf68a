/**
 * `npx tsx bench/desktop/run.ts`: desktop measurements (issue 6). Prints
 * measured numbers next to their targets; asserts nothing.
 *
 * - Browser host cold start to an interactive sign-in form (median of 5):
 *   spawn `main/browser-host/cli.ts` and a fresh Chromium, until *Log On* is
 *   visible. Needs `npx electron-vite build` first (out/renderer).
 * - Renderer JS heap after N sign-in → launch → sign-out cycles vs after the
 *   first (N = PORTICO_BENCH_CYCLES, default 200), measured after a forced GC
 *   through the DevTools protocol.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { chromium, type Page } from 'playwright-core';
import { chromiumArgs, chromiumPath, median, printTable } from '../support';

interface StackInfo {
  portalUrl: string;
  hostUrl: string;
  demo: { username: string; password: string };
}

/** Spawns a child and resolves with the JSON after `marker` on its stdout. */
function spawnUntil<T>(args: string[], marker: string): { child: ChildProcess; ready: Promise<T> } {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], { stdio: ['ignore', 'pipe', 'ignore'] });
  const ready = new Promise<T>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${args[0]} exited with ${code}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.startsWith(`${marker} `)) resolve(JSON.parse(line.slice(marker.length + 1)) as T);
    });
  });
  return { child, ready };
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** Cold start: host process + browser process + page, until the form is usable. */
async function coldStart(portalUrl: string): Promise<number> {
  const dataDir = mkdtempSync(join(tmpdir(), 'portico-bench-host-'));
  const started = performance.now();
  const host = spawnUntil<{ url: string }>(['main/browser-host/cli.ts', '--portal', portalUrl, '--data-dir', dataDir], 'PORTICO_HOST_READY');
  try {
    const [{ url }, browser] = await Promise.all([host.ready, chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs })]);
    try {
      const page = await browser.newPage();
      await page.goto(url);
      await page.getByRole('button', { name: 'Log On' }).waitFor({ state: 'visible' });
      await page.getByLabel('Username').waitFor({ state: 'visible' });
      return performance.now() - started;
    } finally {
      await browser.close();
    }
  } finally {
    await stop(host.child);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** One sign-in → launch → sign-out cycle through the UI. */
async function cycle(page: Page, demo: StackInfo['demo']): Promise<void> {
  const heading = page.getByRole('heading', { name: 'All apps' });
  // The signed-out state from the previous sign-out may land after the form
  // appears and clear a just-typed password: then type it again.
  for (let attempt = 0; attempt < 3 && !(await heading.isVisible()); attempt += 1) {
    await page.getByLabel('Username').fill(demo.username);
    await page.getByLabel('Password', { exact: true }).fill(demo.password);
    await page.getByRole('button', { name: 'Log On' }).click();
    await heading.or(page.getByText('Enter your password.')).first().waitFor();
  }
  const allApps = page.getByRole('region', { name: 'All apps' });
  await allApps.getByRole('button', { name: /^Eclipse Admin/ }).click();
  await page.getByRole('status').filter({ hasText: 'Eclipse Admin started' }).waitFor();
  await page.getByRole('button', { name: 'Demo User' }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await page.getByRole('button', { name: 'Log On' }).waitFor();
}

async function heapAfterGc(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.collectGarbage');
    const usage = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
    return usage.usedSize;
  } finally {
    await cdp.detach();
  }
}

async function heapGrowth(info: StackInfo, cycles: number): Promise<{ first: number; last: number }> {
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
  try {
    const page = await browser.newPage();
    await page.goto(info.hostUrl);
    await page.getByRole('button', { name: 'Log On' }).waitFor();
    await cycle(page, info.demo).catch(async (error: unknown) => {
      await page.screenshot({ path: join(tmpdir(), 'portico-bench-failure.png') });
      throw error;
    });
    const first = await heapAfterGc(page);
    for (let i = 1; i < cycles; i += 1) {
      await cycle(page, info.demo).catch(async (error: unknown) => {
        await page.screenshot({ path: join(tmpdir(), 'portico-bench-failure.png') });
        throw new Error(`cycle ${i + 1} failed (screenshot in ${tmpdir()}/portico-bench-failure.png): ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
      });
    }
    const last = await heapAfterGc(page);
    return { first, last };
  } finally {
    await browser.close();
  }
}

async function main(): Promise<void> {
  const cycles = Math.max(2, Number(process.env.PORTICO_BENCH_CYCLES ?? 200) || 200);
  const stack = spawnUntil<StackInfo>(['scripts/stack.ts', '{}'], 'PORTICO_STACK');
  const info = await stack.ready;
  try {
    const samples: number[] = [];
    for (let i = 0; i < 5; i += 1) samples.push(await coldStart(info.portalUrl));
    const heap = await heapGrowth(info, cycles);
    const growth = ((heap.last - heap.first) / heap.first) * 100;
    printTable('Portico desktop', [
      ['browser host cold start → Log On (median of 5)', `${median(samples).toFixed(0)} ms`, '≤ 1500 ms'],
      ['  samples', samples.map((s) => s.toFixed(0)).join(', '), ''],
      ['renderer heap after cycle 1', `${(heap.first / 1024 / 1024).toFixed(2)} MB`, ''],
      [`renderer heap after cycle ${cycles}`, `${(heap.last / 1024 / 1024).toFixed(2)} MB`, ''],
      ['heap growth', `${growth.toFixed(1)} %`, '≤ 20 %'],
    ]);
  } finally {
    await stop(stack.child);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
