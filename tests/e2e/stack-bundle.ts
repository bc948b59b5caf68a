/**
 * The end-to-end stack script (`scripts/stack.ts`) bundled once per run.
 *
 * Every spec file starts its own stack. Through tsx, each start compiled and
 * loaded the portal and browser-host sources afresh: about a CPU-second and
 * a half of a stack's four, thirty times a run. The global setup bundles the
 * script into one plain ES module under `out/e2e-stack/` (packages stay
 * external, so they resolve from the repo's node_modules as before) and
 * exports its path in `PORTICO_E2E_STACK`; the fixture runs that file with
 * plain node. Without the variable (a spec run outside the global setup) the
 * fixture falls back to tsx and the source.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildSync } from 'esbuild';

export const STACK_BUNDLE_ENV = 'PORTICO_E2E_STACK';

/** Bundles the stack script; returns its remover. */
export function bundleStack(root = process.cwd()): () => void {
  const dir = join(root, 'out', 'e2e-stack');
  mkdirSync(dir, { recursive: true });
  // One file per run: runs in other checkouts or beside this one keep theirs.
  const outfile = join(dir, `stack-${process.pid}-${Date.now()}.mjs`);
  buildSync({
    entryPoints: [resolve(root, 'scripts/stack.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: 'inline',
    logLevel: 'warning',
  });
  process.env[STACK_BUNDLE_ENV] = outfile;
  return () => {
    rmSync(outfile, { force: true });
    if (process.env[STACK_BUNDLE_ENV] === outfile) delete process.env[STACK_BUNDLE_ENV];
  };
}

/** The node arguments that start one stack: the bundle when there is one, else tsx and the source. */
export function stackCommand(): string[] {
  const bundle = process.env[STACK_BUNDLE_ENV];
  return bundle ? ['--enable-source-maps', bundle] : ['--import', 'tsx', 'scripts/stack.ts'];
}
