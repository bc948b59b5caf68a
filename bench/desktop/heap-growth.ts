/**
 * Renderer JS heap across sign-in → launch → sign-out cycles, read
 * two ways over the same cycles so the numbers can be compared:
 *
 * - **user** (the figure reported against the target): a Chromium we start ourselves
 *   (cdp-pipe.ts) with `--js-flags=--expose-gc --enable-precise-memory-info`.
 *   During the cycles the page only receives mouse and keyboard events; no
 *   protocol domain is enabled, as in a user's renderer. At a checkpoint one
 *   `Runtime.evaluate` runs `gc(); gc()` and reads
 *   `performance.memory.usedJSHeapSize` (V8's used heap size, precise).
 *   A heap snapshot is taken only after the last reading (diagnostic).
 * - **inspector** (the earlier method): Playwright's page (its session has
 *   Runtime, Page, Network… enabled) driven by `DOM.performSearch` and
 *   `DOM.focus`, `HeapProfiler.collectGarbage` ×2 and
 *   `Runtime.getHeapUsage().usedSize`, plus a heap snapshot at every
 *   checkpoint (the DevTools heap profiler stays attached afterwards).
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type CDPSession } from 'playwright-core';
import { chromiumArgsWith, chromiumPath } from '../support';
import { cdpCycle, type Credentials } from './cdp-cycle';
import { launchPiped, type PageSession } from './cdp-pipe';
import { heapBreakdown, pipedHeapBreakdown, type HeapBreakdown } from './heap-snapshot';
import { inputCycle } from './snapshot-cycle';

/** One reading after `cycle` cycles. */
export interface HeapReading {
  cycle: number;
  /** Bytes of V8 heap in use after two full GCs. */
  used: number;
  /** Inspector method only: the snapshot taken right after `used`. */
  breakdown?: HeapBreakdown;
}

export interface HeapRun {
  readings: HeapReading[];
  /** Snapshot after the last reading. */
  final: HeapBreakdown;
}

function failure(i: number, error: unknown): Error {
  const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
  return new Error(`cycle ${i} failed: ${message}`);
}

/** Cycles 1..max, calling `read` after each checkpoint cycle. */
async function runCycles(checkpoints: number[], cycle: () => Promise<void>, read: (i: number) => Promise<void>): Promise<void> {
  const last = Math.max(...checkpoints);
  for (let i = 1; i <= last; i += 1) {
    await cycle().catch((error: unknown) => {
      throw failure(i, error);
    });
    if (checkpoints.includes(i)) await read(i);
  }
}

/**
 * The user method (see the file comment). With `snapshots`, a heap snapshot
 * follows every reading (to tell the heap profiler's own effect apart).
 */
export async function userHeap(url: string, account: Credentials, checkpoints: number[], jsFlags: string, snapshots = false): Promise<HeapRun> {
  const session: PageSession = await launchPiped(url, [`--js-flags=${jsFlags}`, '--enable-precise-memory-info']);
  try {
    const readings: HeapReading[] = [];
    await runCycles(checkpoints, () => inputCycle(session, account), async (cycle) => {
      const { result } = await session.send<{ result: { value: number } }>('Runtime.evaluate', {
        expression: 'gc(); gc(); performance.memory.usedJSHeapSize',
        returnByValue: true,
      });
      readings.push({ cycle, used: result.value, ...(snapshots ? { breakdown: await pipedHeapBreakdown(session) } : {}) });
    });
    return { readings, final: readings[readings.length - 1]?.breakdown ?? (await pipedHeapBreakdown(session)) };
  } finally {
    await session.close();
  }
}

async function inspectorReading(cdp: CDPSession, cycle: number): Promise<HeapReading> {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const usage = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  // The snapshot comes after the usage reading so it cannot change it.
  return { cycle, used: usage.usedSize, breakdown: await heapBreakdown(cdp) };
}

/** The inspector method (see the file comment); `jsFlags`: the renderer's V8 flags, if any. */
export async function inspectorHeap(url: string, account: Credentials, checkpoints: number[], jsFlags = ''): Promise<HeapRun> {
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgsWith(jsFlags) });
  try {
    const page = await browser.newPage();
    await page.goto(url);
    const cdp = await page.context().newCDPSession(page);
    const readings: HeapReading[] = [];
    await runCycles(
      checkpoints,
      () =>
        cdpCycle(cdp, account).catch(async (error: unknown) => {
          await page.screenshot({ path: join(tmpdir(), 'portico-bench-failure.png') });
          throw error;
        }),
      async (cycle) => void readings.push(await inspectorReading(cdp, cycle)),
    );
    return { readings, final: readings[readings.length - 1]!.breakdown! };
  } finally {
    await browser.close();
  }
}

/** 1, every 50 up to `cycles`, and `cycles` (or PORTICO_BENCH_CHECKPOINTS, comma-separated). */
export function checkpointsFor(cycles: number, env = process.env.PORTICO_BENCH_CHECKPOINTS): number[] {
  const listed = (env ?? '')
    .split(',')
    .map((part) => Math.floor(Number(part.trim())))
    .filter((n) => Number.isFinite(n) && n >= 1);
  const base = listed.length > 0 ? listed : Array.from({ length: Math.floor(cycles / 50) }, (_, i) => (i + 1) * 50);
  return [...new Set([1, ...base.filter((n) => n <= cycles), cycles])].sort((a, b) => a - b);
}
