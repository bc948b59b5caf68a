/**
 * `npm run bench`: measures the sign-in slice and prints a table.
 *
 * - Browser host + renderer: time from navigation start to an interactive
 *   sign-in form (median of 10 cold page loads) and the initial JS size.
 * - Server: `GET /api/v1/apps` latency at 100 concurrent clients for 10 s.
 *
 * It prints measured numbers only; nothing here asserts a timing.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumPath, median, percentile, printTable } from './support';

interface StackInfo {
  portalUrl: string;
  hostUrl: string;
  demo: { username: string; password: string };
}

async function startStack(): Promise<{ info: StackInfo; stop: () => void }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/stack.ts', '{}'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const info = await new Promise<StackInfo>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`stack exited with ${code}`)));
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (line.startsWith('PORTICO_STACK ')) resolve(JSON.parse(line.slice(14)) as StackInfo);
    });
  });
  child.removeAllListeners('exit');
  return { info, stop: () => child.kill('SIGTERM') };
}

/** Gzip size of the JS the page loads before first paint (entry + modulepreloads). */
function initialJsGzipBytes(rendererDir: string): number {
  const html = readFileSync(join(rendererDir, 'index.html'), 'utf8');
  const scripts = [...html.matchAll(/(?:src|href)="\.?\/?([^"]+\.js)"/g)].map((m) => m[1]!);
  return scripts.reduce((sum, file) => sum + gzipSync(readFileSync(join(rendererDir, file))).length, 0);
}

async function measureFormReady(hostUrl: string, runs: number): Promise<number[]> {
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
  const samples: number[] = [];
  try {
    for (let i = 0; i < runs; i += 1) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(hostUrl);
      await page.getByRole('button', { name: 'Log On' }).waitFor({ state: 'visible' });
      await page.getByLabel('Username').waitFor({ state: 'visible' });
      samples.push(await page.evaluate(() => performance.now()));
      await context.close();
    }
  } finally {
    await browser.close();
  }
  return samples;
}

async function signIn(portalUrl: string, demo: StackInfo['demo']): Promise<string> {
  const response = await fetch(`${portalUrl}/api/v1/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: demo.username, password: demo.password }),
  });
  const body = (await response.json()) as { step: string; session?: { token: string } };
  if (body.step !== 'complete' || !body.session) throw new Error(`sign-in answered step ${body.step}`);
  return body.session.token;
}

async function loadApps(portalUrl: string, token: string, concurrency: number, seconds: number) {
  const latencies: number[] = [];
  let errors = 0;
  const deadline = performance.now() + seconds * 1000;
  const worker = async (): Promise<void> => {
    while (performance.now() < deadline) {
      const started = performance.now();
      try {
        const response = await fetch(`${portalUrl}/api/v1/apps`, { headers: { authorization: `Bearer ${token}` } });
        await response.arrayBuffer();
        if (response.status !== 200) errors += 1;
      } catch {
        errors += 1;
      }
      latencies.push(performance.now() - started);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { latencies, errors };
}

async function main(): Promise<void> {
  const { info, stop } = await startStack();
  try {
    const formReady = await measureFormReady(info.hostUrl, 10);
    const jsBytes = initialJsGzipBytes(join(process.cwd(), 'out', 'renderer'));
    const token = await signIn(info.portalUrl, info.demo);
    const load = await loadApps(info.portalUrl, token, 100, 10);
    printTable('Portico sign-in slice', [
      ['sign-in form interactive (median of 10)', `${median(formReady).toFixed(0)} ms`, '≤ 300 ms'],
      ['initial JS (gzip)', `${(jsBytes / 1024).toFixed(1)} KB`, '≤ 200 KB'],
      ['GET /api/v1/apps requests (100 clients, 10 s)', String(load.latencies.length), ''],
      ['GET /api/v1/apps p50', `${percentile(load.latencies, 50).toFixed(1)} ms`, ''],
      ['GET /api/v1/apps p99', `${percentile(load.latencies, 99).toFixed(1)} ms`, '≤ 20 ms'],
      ['GET /api/v1/apps errors', String(load.errors), '0'],
    ]);
  } finally {
    stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
