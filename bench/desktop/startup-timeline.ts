/**
 * Where start-up time goes: one line per phase of `npm run start:browser`
 * and the page it opens, median of `runs`. The portal and the host start in
 * this process (as `start-browser.js` starts them, from the same code), the
 * portal on a fresh data folder (PGlite's first init, every migration, the
 * demo account's Argon2id hash, the FTPS certificate) and again on the same
 * folder (reopen). Page phases come from the page's own navigation and
 * resource timing and the marks boot.tsx and the sign-in screen set.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { startBrowserHost } from '../../main/browser-host/index';
import { startServer, type StartPhase } from '../../server/index';
import { median } from '../support';
import { waitForSignInForm } from './page-timing';

type Phases = Map<string, number>;

function timed(command: string[]): number {
  const started = performance.now();
  spawnSync(process.execPath, command, { stdio: 'ignore' });
  return performance.now() - started;
}

async function portalPhases(dataDir: string, into: Phases, label: string): Promise<void> {
  const server = await startServer({
    dataDir,
    port: 0,
    onPhase: (phase: StartPhase, ms) => into.set(`portal (${label}): ${phase}`, ms),
  });
  await server.close();
}

/** Page phases, in ms, from the page's own timing entries. */
async function pagePhases(browser: Browser, url: string, into: Phases): Promise<void> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const started = performance.now();
    await page.goto(url);
    await waitForSignInForm(page);
    into.set('Chromium: page.goto → form seen (tool)', performance.now() - started);
    const t = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      const scripts = performance
        .getEntriesByType('resource')
        .filter((entry) => entry.name.endsWith('.js')) as PerformanceResourceTiming[];
      // Inline (no named helper): tsx would wrap a named function in a helper the page lacks.
      const [connected, state, ready] = [
        'portico:boot-connected',
        'portico:boot-state-loaded',
        'portico:sign-in-ready',
      ].map((name) => performance.getEntriesByName(name)[0]?.startTime ?? Number.NaN);
      return {
        html: nav.responseEnd,
        scripts: Math.max(...scripts.map((entry) => entry.responseEnd)),
        dcl: nav.domContentLoadedEventEnd,
        connected: connected!,
        state: state!,
        ready: ready!,
      };
    });
    into.set('Chromium: navigation (start → HTML received)', t.html);
    into.set('Chromium: JS fetched (HTML → last script received)', t.scripts - t.html);
    into.set('Chromium: entry JS parse + execute (→ DOMContentLoaded)', t.dcl - t.scripts);
    into.set('Chromium: WebSocket connect (→ connected)', t.connected - t.dcl);
    into.set('Chromium: first state (→ auth + branding loaded)', t.state - t.connected);
    into.set('Chromium: form painted and interactive', t.ready - t.state);
    into.set('Chromium: navigation start → form interactive', t.ready);
  } finally {
    await context.close();
  }
}

/** One run of every phase. */
async function onceThrough(browser: Browser): Promise<Phases> {
  const phases: Phases = new Map();
  phases.set('process spawn (node -e 0, spawn → exit)', timed(['-e', '0']));
  phases.set('build check (build-if-stale.mjs, already built)', timed(['scripts/build-if-stale.mjs']));
  const root = mkdtempSync(join(tmpdir(), 'portico-bench-timeline-'));
  try {
    await portalPhases(join(root, 'portal'), phases, 'first start');
    await portalPhases(join(root, 'portal'), phases, 'reopen');
    const server = await startServer({ dataDir: join(root, 'portal'), port: 0 });
    try {
      const started = performance.now();
      const host = await startBrowserHost({
        portalUrl: server.url,
        dataDir: join(root, 'client'),
        port: 0,
        log: () => undefined,
      });
      phases.set('host: compose + listen', performance.now() - started);
      try {
        await pagePhases(browser, host.url, phases);
      } finally {
        await host.close();
      }
    } finally {
      await server.close();
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  return phases;
}

/** Rows of [phase, median ms, samples] over `runs` runs. */
export async function startupTimeline(
  browser: Browser,
  runs: number,
): Promise<Array<[string, string, string]>> {
  const all: Phases[] = [];
  for (let i = 0; i < runs; i += 1) all.push(await onceThrough(browser));
  return [...all[0]!.keys()].map((name) => {
    const samples = all.map((phases) => phases.get(name) ?? Number.NaN);
    return [`  ${name}`, `${median(samples).toFixed(0)} ms`, samples.map((v) => v.toFixed(0)).join(', ')];
  });
}
