/**
 * The portal's admin CLI as a built command (`portico-portal`, package.json
 * `bin`): server/cli.ts bundled into one plain JavaScript file,
 * out/server/cli.js, so it starts under plain Node without compiling
 * TypeScript through tsx at every call.
 *
 * Built by `npm run build` (the plugin in electron.vite.config.ts), by the
 * Vitest global setup (tests/setup/portal-cli.ts) and by `npm run server`,
 * the last two only when the output is missing or older than its sources:
 *
 *   node scripts/portal-cli.mjs            build if stale (quiet when fresh)
 *   node scripts/portal-cli.mjs --force    always build
 *
 * Plain JavaScript (not TypeScript) so `npm run server` can run it before
 * anything is compiled; scripts/portal-cli.d.mts types it for the TS side.
 */
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where the built CLI lives, relative to the repository root. */
export const PORTAL_CLI_OUT_DIR = 'out/server';
export const PORTAL_CLI_FILE = 'cli.js';
/** Next to cli.js: the parts loaded on demand (content-hashed names). */
export const PORTAL_CLI_CHUNKS_DIR = 'chunks';
/** Next to cli.js: the source files it was built from (repository-relative), for the staleness check. */
export const PORTAL_CLI_SOURCES_FILE = 'cli.sources.json';

const ENTRY = 'server/cli.ts';
/**
 * Pure-JavaScript packages bundled into cli.js: Node then reads one file
 * instead of resolving hundreds of small modules at every call (zod alone is
 * ~100; selfsigned's certificate libraries and otplib's parts many more),
 * which halves `portico-portal --help`. Anything not listed (a new
 * dependency of these included) stays an ordinary import from node_modules.
 */
const BUNDLED = [
  'zod',
  'otplib',
  /^@otplib\//,
  /^@noble\//,
  /^@scure\//,
  'selfsigned',
  /^@peculiar\//,
  'pkijs',
  'asn1js',
  'pvtsutils',
  'pvutils',
  'bytestreamjs',
  'tsyringe',
  'reflect-metadata',
  'tslib',
];
/** Not imported by the CLI, but they shape its output (the lock file: the bundled packages' versions). */
const BUILD_INPUTS = ['scripts/portal-cli.mjs', 'package.json', 'package-lock.json'];

/**
 * The vite (SSR) build of the CLI. npm dependencies stay external, in
 * particular the native and WASM ones (`@node-rs/argon2`,
 * `@electric-sql/pglite`, `pg`) and fastify; see BUNDLED for the few that
 * are bundled. Also writes the list of bundled sources next to the output.
 *
 * @param {string} root repository root
 * @param {string} outDir absolute output folder
 * @returns {import('vite').InlineConfig}
 */
export function portalCliBuildConfig(root, outDir) {
  return {
    configFile: false,
    root,
    logLevel: 'warn',
    publicDir: false,
    envDir: false,
    ssr: { noExternal: BUNDLED },
    build: {
      ssr: true,
      target: 'node20',
      outDir,
      emptyOutDir: false,
      minify: false,
      reportCompressedSize: false,
      rollupOptions: {
        input: { cli: resolve(root, ENTRY) },
        output: {
          format: 'es',
          entryFileNames: '[name].js',
          // What only some commands need (the portal, the database drivers) is
          // loaded on demand, so a command answered by a running portal starts quickly.
          chunkFileNames: `${PORTAL_CLI_CHUNKS_DIR}/[name]-[hash].js`,
          banner: '#!/usr/bin/env node',
          // The bundled packages' JSDoc (full of example imports) is dead weight at run time; licences stay.
          comments: { legal: true, annotation: false, jsdoc: false },
        },
      },
    },
    plugins: [sourcesManifest(root)],
  };
}

/**
 * @param {string} root
 * @returns {import('vite').Plugin}
 */
function sourcesManifest(root) {
  return {
    name: 'portico-portal-cli-sources',
    apply: 'build',
    generateBundle(_options, bundle) {
      const sources = new Set(BUILD_INPUTS.filter((file) => existsSync(join(root, file))));
      for (const item of Object.values(bundle)) {
        if (item.type !== 'chunk') continue;
        for (const id of item.moduleIds) {
          const file = id.split('?')[0];
          if (!isAbsolute(file) || file.includes('/node_modules/')) continue;
          sources.add(relative(root, file).replace(/\\/g, '/'));
        }
      }
      this.emitFile({
        type: 'asset',
        fileName: PORTAL_CLI_SOURCES_FILE,
        source: `${JSON.stringify([...sources].sort(), null, 2)}\n`,
      });
    },
  };
}

/** @param {string} file */
function mtime(file) {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return null;
  }
}

/**
 * True when out/server/cli.js is missing, or any file it was built from is
 * newer than it or gone (a new import shows up as a change to the importing file).
 *
 * @param {string} root repository root
 * @param {string} [outDir] absolute output folder (default: out/server)
 */
export function portalCliStale(root, outDir = join(root, PORTAL_CLI_OUT_DIR)) {
  const built = mtime(join(outDir, PORTAL_CLI_FILE));
  if (built === null) return true;
  let sources;
  try {
    sources = JSON.parse(readFileSync(join(outDir, PORTAL_CLI_SOURCES_FILE), 'utf8'));
  } catch {
    return true;
  }
  if (!Array.isArray(sources) || sources.length === 0) return true;
  return sources.some((source) => {
    const changed = typeof source === 'string' ? mtime(join(root, source)) : null;
    return changed === null || changed > built;
  });
}

/**
 * Builds into a private temporary folder and renames the result into place,
 * so a concurrent build or run never sees a half-written cli.js.
 *
 * @param {string} root repository root
 * @param {string} [outDir] absolute output folder (default: out/server)
 */
export async function buildPortalCli(root, outDir = join(root, PORTAL_CLI_OUT_DIR)) {
  const { build } = await import('vite');
  const temp = join(outDir, `.build-${process.pid}-${Date.now()}`);
  mkdirSync(temp, { recursive: true });
  try {
    await build(portalCliBuildConfig(root, temp));
    chmodSync(join(temp, PORTAL_CLI_FILE), 0o755);
    // Chunks first: their names are content hashes, so a cli.js already running keeps finding its own.
    const chunks = existsSync(join(temp, PORTAL_CLI_CHUNKS_DIR))
      ? readdirSync(join(temp, PORTAL_CLI_CHUNKS_DIR))
      : [];
    mkdirSync(join(outDir, PORTAL_CLI_CHUNKS_DIR), { recursive: true });
    for (const chunk of chunks)
      renameSync(join(temp, PORTAL_CLI_CHUNKS_DIR, chunk), join(outDir, PORTAL_CLI_CHUNKS_DIR, chunk));
    renameSync(join(temp, PORTAL_CLI_SOURCES_FILE), join(outDir, PORTAL_CLI_SOURCES_FILE));
    // Last: its mtime is what the sources are compared with.
    renameSync(join(temp, PORTAL_CLI_FILE), join(outDir, PORTAL_CLI_FILE));
    // Chunks of earlier builds would only pile up.
    for (const old of readdirSync(join(outDir, PORTAL_CLI_CHUNKS_DIR)))
      if (!chunks.includes(old)) rmSync(join(outDir, PORTAL_CLI_CHUNKS_DIR, old), { force: true });
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}

/**
 * Builds the CLI unless it is up to date; true when it built.
 *
 * @param {string} root repository root
 */
export async function ensurePortalCli(root) {
  if (!portalCliStale(root)) return false;
  await buildPortalCli(root);
  return true;
}

/** `node scripts/portal-cli.mjs [--force]`. */
async function main() {
  const root = dirname(dirname(fileURLToPath(import.meta.url)));
  const started = Date.now();
  const built = process.argv.includes('--force')
    ? (await buildPortalCli(root), true)
    : await ensurePortalCli(root);
  if (built)
    process.stderr.write(`Built ${PORTAL_CLI_OUT_DIR}/${PORTAL_CLI_FILE} in ${Date.now() - started} ms\n`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    process.stderr.write(`Building the portal CLI failed: ${error?.stack ?? error}\n`);
    process.exit(1);
  });
}
