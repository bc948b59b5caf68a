#!/usr/bin/env node
/**
 * Start fast: `npm start` and `npm run start:browser` build the app only when
 * its inputs changed since the last build they made. The inputs are hashed
 * (SHA-256 over every source file's path and content, about 50 ms here) and the
 * hash is kept in out/.build-inputs; a full `electron-vite build` takes
 * seconds, so an unchanged checkout starts without one.
 *
 *   node scripts/build-if-stale.mjs           build when the inputs changed
 *   node scripts/build-if-stale.mjs --force   always build
 *
 * Plain JavaScript so it runs before anything is compiled.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Folders whose files the build reads, and the single files that shape it. */
const INPUT_DIRS = ['common', 'main', 'preload', 'renderer', 'server', 'resources', 'scripts'];
const INPUT_FILES = ['electron.vite.config.ts', 'package.json', 'package-lock.json', 'tsconfig.json'];
/** What a start needs from out/; a missing one means build whatever the hash says. */
const OUTPUTS = ['out/main/index.js', 'out/renderer/index.html', 'out/browser-host/start-browser.js', 'out/server/cli.js'];
const STAMP = 'out/.build-inputs';

/** Every input file below `dir`, repository-relative, skipping dot-folders and build output. */
function walk(root, dir, into) {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return into;
  }
  for (const entry of entries) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules' || entry.name === 'out') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(root, path, into);
    else if (entry.isFile()) into.push(relative(root, path).split('\\').join('/'));
  }
  return into;
}

/**
 * @param {string} root repository root
 * @returns {string} the SHA-256 of every input's path and content, in a fixed order
 */
export function inputsHash(root) {
  const files = INPUT_DIRS.flatMap((dir) => walk(root, join(root, dir), [])).concat(
    INPUT_FILES.filter((file) => existsSync(join(root, file))),
  );
  const hash = createHash('sha256');
  for (const file of files.sort()) {
    hash.update(file).update('\0').update(readFileSync(join(root, file))).update('\0');
  }
  return hash.digest('hex');
}

/**
 * @param {string} root repository root
 * @returns {boolean} whether out/ holds a build of exactly these inputs
 */
export function isBuilt(root, hash = inputsHash(root)) {
  if (!OUTPUTS.every((file) => existsSync(join(root, file)))) return false;
  try {
    return readFileSync(join(root, STAMP), 'utf8').trim() === hash;
  } catch {
    return false;
  }
}

/** Writes the stamp that says out/ was built from the inputs with this hash. */
export function markBuilt(root, hash) {
  mkdirSync(join(root, 'out'), { recursive: true });
  writeFileSync(join(root, STAMP), `${hash}\n`);
}

function main() {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  const started = performance.now();
  const hash = inputsHash(root);
  if (!process.argv.includes('--force') && isBuilt(root, hash)) {
    const ms = Math.round(performance.now() - started);
    console.log(`Already built (sources unchanged, checked in ${ms} ms).`);
    return 0;
  }
  const bin = join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
  const result = spawnSync(process.execPath, [bin, 'build'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) return result.status ?? 1;
  markBuilt(root, hash);
  return 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) process.exit(main());
