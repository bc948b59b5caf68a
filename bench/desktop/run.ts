/**
 * `npx tsx bench/desktop/run.ts`: desktop measurements. Prints
 * measured numbers next to their targets; asserts nothing.
 *
 * - Cold start, median of 5: the clock starts when the host
 *   process is spawned (`node out/browser-host/cli.js`, the prebuilt host
 *   that `npm run start:browser` uses) together with a fresh Chromium
 *   process, and stops when the page it opened shows an interactive sign-in
 *   form (*Log On* and *Username* visible, rendered from main's auth state).
 *   It includes Node start-up, composing the core, listening, Chromium
 *   start-up, page load and the first round trip to main.
 * - Sign-in form ready, median of 10: navigation start → the same
 *   interactive form, in a fresh browser context each time.
 * - Renderer JS heap after N sign-in → launch → sign-out cycles vs after the
 *   first (N = PORTICO_BENCH_CYCLES, default 200; readings also every 50
 *   cycles or at PORTICO_BENCH_CHECKPOINTS): read as a user's renderer runs
 *   (no inspector domain enabled during the cycles, GC by --expose-gc) and,
 *   side by side, the earlier inspector-driven way with heap snapshots split
 *   into JS objects, compiled code and Blink objects (heap-growth.ts).
 *
 * Chromium stands in for Electron's renderer, so it gets the V8 flags the
 * Electron shell gives its renderers (`RENDERER_JS_FLAGS`,
 * main/electron/renderer-flags.ts) in every section; the heap section also
 * repeats the user method with stock V8 flags (an ordinary browser running
 * the browser host), for comparison.
 *
 * Needs `npm run build` first (out/renderer, out/browser-host).
 * - Start-up timeline (startup-timeline.ts): one line per phase, median of 3.
 *
 * PORTICO_BENCH_ONLY=timeline,cold,form,heap picks sections (default: all; add
 * heap-user-only to skip the inspector method); PORTICO_BENCH_JS_FLAGS
 * replaces the renderer's V8 flags (e.g. `--max-opt=0`; empty = stock);
 * PORTICO_BENCH_USER_SNAPSHOTS=1 adds a heap snapshot after every reading of
 * the user method (diagnostic: what the heap profiler itself changes).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { chromium } from 'playwright-core';
import { chromiumArgsWith, chromiumPath, median, printTable } from '../support';
import { RENDERER_JS_FLAGS } from '../../main/electron/renderer-flags';
import { checkpointsFor, inspectorHeap, userHeap } from './heap-growth';
import { heapRows, stockHeapRows } from './heap-table';
import { measureFormReady, waitForSignInForm } from './page-timing';
import { startupTimeline } from './startup-timeline';

interface StackInfo {
  portalUrl: string;
  hostUrl: string;
  demo: { username: string; password: string };
}

const PREBUILT_HOST = 'out/browser-host/cli.js';
/** The renderer's V8 flags (Electron's, unless replaced for an experiment). */
const RENDERER_FLAGS = (process.env.PORTICO_BENCH_JS_FLAGS ?? RENDERER_JS_FLAGS).trim();
/** Chromium's arguments with the renderer's V8 flags. */
const rendererArgs = chromiumArgsWith(RENDERER_FLAGS);

/** Spawns `node <args>` and resolves with the JSON after `marker` on its stdout. */
function spawnUntil<T>(args: string[], marker: string): { child: ChildProcess; ready: Promise<T> } {
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'ignore'] });
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

interface ColdStart {
  /** Spawn → interactive sign-in form in the page. */
  total: number;
  /** Spawn → the host printed PORTICO_HOST_READY. */
  hostReady: number;
}

/** Cold start: host process + browser process + page, until the form is usable. */
async function coldStart(portalUrl: string): Promise<ColdStart> {
  const dataDir = mkdtempSync(join(tmpdir(), 'portico-bench-host-'));
  const started = performance.now();
  const host = spawnUntil<{ url: string }>([PREBUILT_HOST, '--portal', portalUrl, '--data-dir', dataDir], 'PORTICO_HOST_READY');
  let hostReady = 0;
  const hostUrl = host.ready.then((ready) => {
    hostReady = performance.now() - started;
    return ready.url;
  });
  try {
    const [url, browser] = await Promise.all([hostUrl, chromium.launch({ executablePath: chromiumPath(), args: rendererArgs })]);
    try {
      const page = await browser.newPage();
      await page.goto(url);
      await waitForSignInForm(page);
      return { total: performance.now() - started, hostReady };
    } finally {
      await browser.close();
    }
  } finally {
    await stop(host.child);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function fmt(samples: number[]): [string, string] {
  return [`${median(samples).toFixed(0)} ms`, samples.map((v) => v.toFixed(0)).join(', ')];
}

async function main(): Promise<void> {
  if (!existsSync(PREBUILT_HOST)) throw new Error(`${PREBUILT_HOST} is missing: run \`npm run build\` first.`);
  const cycles = Math.max(2, Number(process.env.PORTICO_BENCH_CYCLES ?? 200) || 200);
  const only = new Set((process.env.PORTICO_BENCH_ONLY ?? 'timeline,cold,form,heap').split(',').map((part) => part.trim()));
  const stack = spawnUntil<StackInfo>(['--import', 'tsx', 'scripts/stack.ts', '{}'], 'PORTICO_STACK');
  const info = await stack.ready;
  const rows: Array<[string, string, string]> = [];
  try {
    if (only.has('timeline')) {
      const browser = await chromium.launch({ executablePath: chromiumPath(), args: rendererArgs });
      try {
        rows.push(['start-up timeline, one line per phase (median of 3; samples)', '', '']);
        rows.push(...(await startupTimeline(browser, 3)));
      } finally {
        await browser.close();
      }
    }
    if (only.has('cold')) {
      const runs: ColdStart[] = [];
      for (let i = 0; i < 5; i += 1) runs.push(await coldStart(info.portalUrl));
      const [total, totalSamples] = fmt(runs.map((run) => run.total));
      const [hostReady, hostSamples] = fmt(runs.map((run) => run.hostReady));
      rows.push(['cold start: spawn → sign-in form interactive (median of 5)', total, '≤ 1500 ms']);
      rows.push(['  samples', totalSamples, '']);
      rows.push(['  of which spawn → host listening (median)', hostReady, '']);
      rows.push(['  samples', hostSamples, '']);
    }
    if (only.has('form')) {
      const browser = await chromium.launch({ executablePath: chromiumPath(), args: rendererArgs });
      try {
        const runs = await measureFormReady(browser, info.hostUrl, 10);
        const [mark, markSamples] = fmt(runs.map((run) => run.mark));
        const [observed, observedSamples] = fmt(runs.map((run) => run.observed));
        rows.push(['page load → sign-in form interactive (median of 10, page mark)', mark, '≤ 300 ms']);
        rows.push(['  samples', markSamples, '']);
        rows.push(['  as seen by Playwright (+ tool latency)', observed, '']);
        rows.push(['  samples', observedSamples, '']);
      } finally {
        await browser.close();
      }
    }
    if (only.has('heap')) {
      const checkpoints = checkpointsFor(cycles);
      // The user method first, on a fresh server-side state as the earlier runs had.
      const jsFlags = `--expose-gc ${RENDERER_FLAGS}`.trim();
      const user = await userHeap(info.hostUrl, info.demo, checkpoints, jsFlags, process.env.PORTICO_BENCH_USER_SNAPSHOTS === '1');
      const stock = RENDERER_FLAGS ? await userHeap(info.hostUrl, info.demo, checkpoints, '--expose-gc') : null;
      const inspector = !only.has('heap-user-only') ? await inspectorHeap(info.hostUrl, info.demo, checkpoints, RENDERER_FLAGS) : null;
      rows.push(...heapRows(user, inspector, jsFlags));
      if (stock) rows.push(...stockHeapRows(stock));
    }
    printTable('Portico desktop', rows);
    console.log(`load average: ${loadavg().map((v) => v.toFixed(2)).join(', ')} (${availableParallelism()} cores)`);
  } finally {
    await stop(stack.child);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
