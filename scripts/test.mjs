#!/usr/bin/env node
/**
 * `npm test`: every check, once each, and where the time went.
 *
 * Phases: typecheck and lint (side by side; each is one core's work), build,
 * Vitest, the Electron guard, Playwright. A failing phase stops the run. The
 * last lines are each phase's duration (with `.ci/run`'s install phases when
 * it passes them in `PORTICO_CI_TIMINGS`), Vitest's 10 slowest files, and
 * then the runner's summary line.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';

const root = process.cwd();
const timings = [];
/** Each Vitest file's duration, from its result line. */
const fileTimes = [];
/** The runners' own summary lines, printed last. */
const summaries = [];

/** `.ci/run` hands over what it measured before `npm test` ran: "name=seconds;…". */
for (const part of (process.env.PORTICO_CI_TIMINGS ?? '').split(';')) {
  const [name, seconds] = part.split('=');
  if (name && Number.isFinite(Number(seconds))) timings.push({ name, seconds: Number(seconds) });
}

/**
 * Runs one phase. Output goes straight through unless `buffer` is set (phases
 * run side by side print theirs when they end, so lines don't interleave).
 * `onLine` sees every stdout line (the runner's summary is picked from it).
 */
function phase(name, command, args, { buffer = false, onLine } = {}) {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
    const held = [];
    let pending = '';
    const out = (chunk) => {
      if (buffer) held.push(chunk);
      else process.stdout.write(chunk);
      if (!onLine) return;
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) onLine(line);
    };
    child.stdout.on('data', out);
    child.stderr.on('data', (chunk) => (buffer ? held.push(chunk) : process.stderr.write(chunk)));
    child.once('exit', (code, signal) => {
      if (pending && onLine) onLine(pending);
      for (const chunk of held) process.stdout.write(chunk);
      const seconds = (performance.now() - started) / 1000;
      timings.push({ name, seconds });
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

const bin = (pkg, file) => join(root, 'node_modules', pkg, file);
// eslint-disable-next-line no-control-regex
const plain = (line) => line.replace(/\x1b\[[0-9;]*m/g, '');

function printTimes() {
  const width = Math.max(...timings.map((t) => t.name.length), 5);
  console.log('\nWhere the time went:');
  for (const t of timings) console.log(`  ${t.name.padEnd(width)}  ${t.seconds.toFixed(1).padStart(7)} s`);
  const total = timings.reduce((sum, t) => sum + t.seconds, 0);
  console.log(`  ${'total'.padEnd(width)}  ${total.toFixed(1).padStart(7)} s`);
  // Durations as Vitest prints them per file (hooks included, unlike its JSON report's).
  const slowest = [...fileTimes].sort((a, b) => b.seconds - a.seconds).slice(0, 10);
  if (slowest.length === 0) return;
  console.log("Vitest's 10 slowest files:");
  for (const f of slowest) console.log(`  ${f.seconds.toFixed(1).padStart(7)} s  ${f.name}`);
}

async function main() {
  const checks = await Promise.all([
    phase('typecheck', process.execPath, [bin('typescript', 'bin/tsc'), '-p', 'tsconfig.json', '--noEmit'], {
      buffer: true,
    }),
    phase('lint', process.execPath, [bin('eslint', 'bin/eslint.js'), '.'], { buffer: true }),
  ]);
  if (checks.some((code) => code !== 0)) return 'typecheck or lint failed';
  if ((await phase('build', process.execPath, [bin('electron-vite', 'bin/electron-vite.js'), 'build'])) !== 0)
    return 'build failed';
  const vitest = await phase('vitest', process.execPath, [bin('vitest', 'vitest.mjs'), 'run'], {
    onLine: (raw) => {
      const line = plain(raw);
      const file = /^\s*[✓×❯↓]\s+(tests\/\S+)\s+\(.*\)\s+(\d+)ms\s*$/.exec(line);
      if (file) fileTimes.push({ name: file[1], seconds: Number(file[2]) / 1000 });
      if (/^\s*Tests\s+\d/.test(line)) summaries.push(`Vitest: ${line.trim()}`);
    },
  });
  if (vitest !== 0) return 'Vitest failed';
  if ((await phase('electron guard', process.execPath, ['tests/electron/run.mjs'])) !== 0)
    return 'Electron specs failed';
  const e2e = await phase('playwright', process.execPath, [bin('@playwright/test', 'cli.js'), 'test'], {
    onLine: (line) =>
      /^\s*\d+ (passed|failed|flaky)/.test(plain(line)) &&
      summaries.push(`Playwright: ${plain(line).trim()}`),
  });
  if (e2e !== 0) return 'Playwright failed';
  return null;
}

let failure;
try {
  failure = await main();
} finally {
  printTimes();
}
for (const line of summaries) console.log(line);
if (failure) {
  console.log(`FAILED: ${failure}`);
  process.exit(1);
}
