/**
 * `npm run bench`: measures the sign-in slice and prints a table.
 *
 * - Browser host + renderer: time from navigation start to an interactive
 *   sign-in form (median of 10 cold page loads) and the initial JS size.
 * - Server: `GET /api/v1/apps` latency at 100 concurrent clients for 10 s
 *   (keep-alive connections; see {@link loadApps}).
 *
 * It prints measured numbers only; nothing here asserts a timing.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { measureFormReady, type FormReady } from './desktop/page-timing';
import { runKeepAliveLoad } from './server/load';
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

async function formReadySamples(hostUrl: string, runs: number): Promise<FormReady[]> {
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
  try {
    return await measureFormReady(browser, hostUrl, runs);
  } finally {
    await browser.close();
  }
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

/**
 * Server row (throughput): `GET /api/v1/apps` from 100 concurrent clients for
 * 10 s, each a keep-alive connection with one request in flight. The load
 * generator shares the cores with the server, so it is the cheap raw-socket
 * one (fetch costs more CPU per request than the route being measured). A
 * short warm-up first (JIT, session cache), then one client alone for the
 * unloaded latency.
 */
async function loadApps(portalUrl: string, token: string) {
  const base = { url: portalUrl, path: '/api/v1/apps', headers: () => ({ authorization: `Bearer ${token}` }) };
  await runKeepAliveLoad({ ...base, connections: 10, durationMs: 2000 });
  const single = await runKeepAliveLoad({ ...base, connections: 1, durationMs: 2000 });
  const load = await runKeepAliveLoad({ ...base, connections: 100, durationMs: 10_000 });
  return { single, load, loadAverage: loadavg() };
}

async function main(): Promise<void> {
  const { info, stop } = await startStack();
  try {
    const formReady = await formReadySamples(info.hostUrl, 10);
    const jsBytes = initialJsGzipBytes(join(process.cwd(), 'out', 'renderer'));
    const token = await signIn(info.portalUrl, info.demo);
    const { single, load, loadAverage } = await loadApps(info.portalUrl, token);
    printTable('Portico sign-in slice', [
      ['sign-in form interactive (median of 10, page mark)', `${median(formReady.map((r) => r.mark)).toFixed(0)} ms`, '≤ 300 ms'],
      ['  as seen by Playwright (+ tool latency)', `${median(formReady.map((r) => r.observed)).toFixed(0)} ms`, ''],
      ['initial JS (gzip)', `${(jsBytes / 1024).toFixed(1)} KB`, '≤ 200 KB'],
      ['GET /api/v1/apps p50, 1 client', `${percentile(single.latencies, 50).toFixed(2)} ms`, ''],
      ['GET /api/v1/apps requests (100 clients, 10 s)', String(load.latencies.length), ''],
      ['GET /api/v1/apps throughput', `${Math.round((load.latencies.length * 1000) / load.wallMs)} req/s`, ''],
      ['GET /api/v1/apps p50', `${percentile(load.latencies, 50).toFixed(1)} ms`, ''],
      ['GET /api/v1/apps p99', `${percentile(load.latencies, 99).toFixed(1)} ms`, '≤ 20 ms'],
      ['GET /api/v1/apps errors', String(load.errors + single.errors), '0'],
    ]);
    console.log(
      `load average during the server run: ${loadAverage.map((v) => v.toFixed(2)).join(', ')} (${availableParallelism()} cores)` +
        (load.errorSamples.length > 0 ? `; first errors: ${load.errorSamples.join('; ')}` : ''),
    );
  } finally {
    stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
