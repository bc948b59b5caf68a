#!/usr/bin/env node
/**
 * The flake hunter: runs the named test files N times and says how many
 * rounds passed, and which tests failed in the others.
 *
 *   npm run test:repeat -- <files…> [--times N] [--busy] [--shuffle]
 *
 * - Vitest files (`tests/**\/*.test.ts[x]`) and Playwright specs
 *   (`tests/e2e/**\/*.spec.ts`) may be mixed; each round runs both kinds.
 * - `--times N`: rounds (default 20).
 * - `--busy`: keeps one core busy with a spinning process for the whole run
 *   (started and stopped here), the way a loaded user machine or CI runner is.
 * - `--shuffle`: Vitest runs the files in a new random
 *   order each round (the tests inside a file keep their order), and the
 *   round's line names the seed. Vitest files share
 *   a worker's modules, so this shows that no file leans on what another one
 *   left behind. `npm run test:repeat -- tests --shuffle --times 3` shuffles
 *   the whole Vitest suite; `--sequence.seed=<seed>` replays a round.
 *
 * Prints one line per round, then `N passed, M failed` and, for every test
 * that failed, how often. Exits 1 when any round failed.
 */
import { spawn } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const argv = process.argv.slice(2);
let times = 20;
let busy = false;
let shuffle = false;
const files = [];
for (let i = 0; i < argv.length; i++) {
  const arg = argv[i];
  if (arg === '--times') times = Number(argv[++i]);
  else if (arg.startsWith('--times=')) times = Number(arg.slice('--times='.length));
  else if (arg === '--busy') busy = true;
  else if (arg === '--shuffle') shuffle = true;
  else files.push(arg);
}
if (files.length === 0 || !Number.isInteger(times) || times < 1) {
  console.error('usage: npm run test:repeat -- <test files…> [--times N] [--busy] [--shuffle]');
  process.exit(2);
}

const e2e = files.filter((f) => /\.spec\.ts$/.test(f));
const unit = files.filter((f) => !/\.spec\.ts$/.test(f));
const work = mkdtempSync(join(tmpdir(), 'portico-repeat-'));

/** Runs a command to completion; resolves with its exit code. */
function run(command, args, env = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, ...env },
    });
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

/** Failing test names from Vitest's JSON report (or the file, when it failed to load). */
function vitestFailures(report) {
  const out = [];
  for (const file of report?.testResults ?? []) {
    const failed = (file.assertionResults ?? []).filter((t) => t.status === 'failed');
    for (const t of failed)
      out.push(`${file.name.replace(process.cwd() + '/', '')} › ${t.fullName ?? t.title}`);
    if (failed.length === 0 && file.status === 'failed')
      out.push(
        `${file.name.replace(process.cwd() + '/', '')} (failed to run: ${(file.message ?? '').split('\n')[0]})`,
      );
  }
  return out;
}

/** Failing test names from Playwright's JSON report. */
function playwrightFailures(report) {
  const out = [];
  const walk = (suite, trail) => {
    const here = suite.title ? [...trail, suite.title] : trail;
    for (const spec of suite.specs ?? []) {
      const bad = (spec.tests ?? []).some((t) =>
        (t.results ?? []).some((r) => r.status !== 'passed' && r.status !== 'skipped'),
      );
      if (bad || spec.ok === false) out.push([...here, spec.title].join(' › '));
    }
    for (const child of suite.suites ?? []) walk(child, here);
  };
  for (const suite of report?.suites ?? []) walk(suite, []);
  for (const error of report?.errors ?? [])
    out.push(`(run error) ${String(error.message ?? error).split('\n')[0]}`);
  return out;
}

let spinner = null;
if (busy) {
  // Spins, and every 200 ms checks that this script still runs (so it never outlives it).
  const spin = `const parent = ${process.pid}; for (;;) { const t = Date.now(); while (Date.now() - t < 200); try { process.kill(parent, 0); } catch { process.exit(0); } }`;
  spinner = spawn(process.execPath, ['-e', spin], { stdio: 'ignore' });
  console.log(`one core kept busy by pid ${spinner.pid}`);
}
const stopSpinner = () => {
  if (spinner && spinner.exitCode === null) spinner.kill('SIGKILL');
};
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    stopSpinner();
    process.exit(130);
  });
}

const failures = new Map();
let passed = 0;
let failed = 0;
try {
  for (let round = 1; round <= times; round++) {
    const started = Date.now();
    const names = [];
    let ok = true;
    const seed = shuffle ? randomInt(1, 2 ** 31) : null;
    if (unit.length > 0) {
      const out = join(work, `vitest-${round}.json`);
      const order =
        seed === null
          ? []
          : ['--sequence.shuffle.files', '--no-sequence.shuffle.tests', `--sequence.seed=${seed}`];
      const code = await run(process.execPath, [
        'node_modules/vitest/vitest.mjs',
        'run',
        '--reporter=json',
        `--outputFile=${out}`,
        ...order,
        ...unit,
      ]);
      const found = vitestFailures(readJson(out));
      if (code !== 0) {
        ok = false;
        names.push(...(found.length > 0 ? found : [`vitest exited with ${code}`]));
      }
    }
    if (e2e.length > 0) {
      const out = join(work, `playwright-${round}.json`);
      const code = await run(
        process.execPath,
        ['node_modules/@playwright/test/cli.js', 'test', '--reporter=json', ...e2e],
        {
          PLAYWRIGHT_JSON_OUTPUT_NAME: out,
        },
      );
      const found = playwrightFailures(readJson(out));
      if (code !== 0) {
        ok = false;
        names.push(...(found.length > 0 ? found : [`playwright exited with ${code}`]));
      }
    }
    if (ok) passed += 1;
    else failed += 1;
    for (const name of names) failures.set(name, (failures.get(name) ?? 0) + 1);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(
      `round ${round}/${times}: ${ok ? 'passed' : 'FAILED'} in ${seconds} s${seed === null ? '' : ` (seed ${seed})`}${ok ? '' : ` (${names.join('; ')})`}`,
    );
  }
} finally {
  stopSpinner();
  rmSync(work, { recursive: true, force: true });
}

for (const [name, count] of [...failures].sort((a, b) => b[1] - a[1]))
  console.log(`  failed ${count}×: ${name}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
