import { spawnSync } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildPortalCli,
  portalCliStale,
  PORTAL_CLI_CHUNKS_DIR,
  PORTAL_CLI_FILE,
  PORTAL_CLI_SOURCES_FILE,
} from '../../scripts/portal-cli.mjs';
import { bareSpecifiers, isBuiltin, packageOf } from '../packaging/bare-imports';

// The admin CLI (`portico-portal`) is built to plain JavaScript: no tsx at run time.
const temp = mkdtempSync(join(tmpdir(), 'portico-portal-cli-'));
const outDir = join(temp, 'out', 'server');
const cli = join(outDir, PORTAL_CLI_FILE);
/** cli.js and the chunks it loads on demand. */
const builtCode = (): string =>
  [
    cli,
    ...readdirSync(join(outDir, PORTAL_CLI_CHUNKS_DIR)).map((chunk) =>
      join(outDir, PORTAL_CLI_CHUNKS_DIR, chunk),
    ),
  ]
    .map((file) => readFileSync(file, 'utf8'))
    .join('\n');

beforeAll(async () => {
  // The repository's layout: out/server next to node_modules, which holds the external packages.
  symlinkSync(resolve('node_modules'), join(temp, 'node_modules'), 'dir');
  mkdirSync(outDir, { recursive: true });
  await buildPortalCli(process.cwd(), outDir);
}, 120_000);
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('built admin CLI', () => {
  it('is one executable entry with a node shebang plus chunks, importing native and WASM packages rather than bundling them', () => {
    const entry = readFileSync(cli, 'utf8');
    expect(entry.startsWith('#!/usr/bin/env node\n')).toBe(true);
    expect(statSync(cli).mode & 0o111).toBe(0o111);
    const code = builtCode();
    expect(code).not.toMatch(/from ["']tsx/);
    for (const external of ['@node-rs/argon2', '@electric-sql/pglite', 'pg', 'fastify']) {
      const imported = new RegExp(`from "${external.replace('/', '\\/')}"`);
      expect(code).toMatch(imported);
      // Loaded only by the commands that need them: a command answered through the admin socket starts without them.
      expect(entry).not.toMatch(imported);
    }
  });

  it('loads only Node built-ins and production dependencies (it runs without the dev ones)', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { dependencies: Record<string, string> };
    const packages = bareSpecifiers(builtCode())
      .filter((specifier) => !isBuiltin(specifier))
      .map(packageOf);
    expect(packages.length).toBeGreaterThan(0);
    expect(packages.filter((name) => !(name in pkg.dependencies))).toEqual([]);
  });

  it('lists its sources, and the build leaves no temporary folder behind', () => {
    const sources = JSON.parse(readFileSync(join(outDir, PORTAL_CLI_SOURCES_FILE), 'utf8')) as string[];
    expect(sources).toContain('server/cli.ts');
    expect(sources).toContain('scripts/portal-cli.mjs');
    expect(sources.some((file) => file.includes('node_modules'))).toBe(false);
    expect(portalCliStale(process.cwd(), outDir)).toBe(false);
    expect(readdirSync(outDir).sort()).toEqual(
      [PORTAL_CLI_CHUNKS_DIR, PORTAL_CLI_FILE, PORTAL_CLI_SOURCES_FILE].sort(),
    );
  });

  it('runs under plain node', () => {
    const help = spawnSync(process.execPath, [cli, '--help'], { encoding: 'utf8', timeout: 60_000 });
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('Usage: portico-portal <command>');
  }, 60_000);
});

describe('staleness check', () => {
  const root = join(temp, 'repo');
  const out = join(root, 'out');
  const at = (file: string, seconds: number) => utimesSync(join(root, file), seconds, seconds);

  beforeAll(() => {
    mkdirSync(join(root, 'src'), { recursive: true });
    mkdirSync(out, { recursive: true });
    writeFileSync(join(root, 'src', 'a.ts'), '');
    writeFileSync(join(root, 'src', 'b.ts'), '');
  });

  it('is stale without output or list, fresh when every source is older, stale when one is newer or gone', () => {
    expect(portalCliStale(root, out)).toBe(true);
    writeFileSync(join(out, PORTAL_CLI_FILE), '');
    expect(portalCliStale(root, out)).toBe(true);
    writeFileSync(join(out, PORTAL_CLI_SOURCES_FILE), JSON.stringify(['src/a.ts', 'src/b.ts']));
    at('src/a.ts', 1000);
    at('src/b.ts', 1000);
    at(`out/${PORTAL_CLI_FILE}`, 2000);
    expect(portalCliStale(root, out)).toBe(false);
    at('src/b.ts', 3000);
    expect(portalCliStale(root, out)).toBe(true);
    at('src/b.ts', 1000);
    rmSync(join(root, 'src', 'a.ts'));
    expect(portalCliStale(root, out)).toBe(true);
  });

  it('treats an unreadable or empty source list as stale', () => {
    writeFileSync(join(out, PORTAL_CLI_SOURCES_FILE), 'not json');
    expect(portalCliStale(root, out)).toBe(true);
    writeFileSync(join(out, PORTAL_CLI_SOURCES_FILE), '[]');
    expect(portalCliStale(root, out)).toBe(true);
  });
});
