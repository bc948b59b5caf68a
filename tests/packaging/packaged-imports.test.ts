/**
 * Packaging: the packaged client contains only what `out/main` and
 * `out/preload` need. Scans the built JavaScript (from `npm run build`) for
 * bare imports and requires: each must be `electron`, a Node built-in, or a
 * package electron-builder ships — so importing a server-only package
 * (fastify, PGlite, pg, argon2…) into main fails here.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bareSpecifiers, builderFilePatterns, shippedPackages, unshippable } from './bare-imports';

const root = path.resolve(import.meta.dirname, '../..');
const builderYaml = readFileSync(path.join(root, 'electron-builder.yml'), 'utf8');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
const patterns = builderFilePatterns(builderYaml);
const shipped = shippedPackages(Object.keys(pkg.dependencies ?? {}), patterns);

/** Every .js/.cjs/.mjs file under `dir`. */
function builtFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.(c|m)?js$/.test(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

describe('packaged app contents', () => {
  it('ships no server-only package (no node_modules at all)', () => {
    for (const serverOnly of ['fastify', '@electric-sql/pglite', 'pg', '@node-rs/argon2', 'otplib', 'selfsigned', 'tsx', 'ws']) {
      expect(shipped, `electron-builder would ship ${serverOnly}`).not.toContain(serverOnly);
    }
    // The browser host (a development tool that serves the UI over a WebSocket) is not part of the app.
    expect(patterns.filter((p) => !p.startsWith('!') && (p === 'out/**' || p.startsWith('out/browser-host')))).toEqual([]);
  });

  it('out/main and out/preload load only electron, Node built-ins and shipped packages', () => {
    const dirs = ['out/main', 'out/preload'].map((d) => path.join(root, d));
    for (const dir of dirs) expect(existsSync(dir), `${dir} is missing: run \`npm run build\` first`).toBe(true);
    const problems: string[] = [];
    let scanned = 0;
    for (const file of dirs.flatMap(builtFiles)) {
      scanned += 1;
      for (const specifier of unshippable(readFileSync(file, 'utf8'), shipped)) problems.push(`${path.relative(root, file)}: ${specifier}`);
    }
    expect(scanned).toBeGreaterThan(0);
    expect(problems).toEqual([]);
  });
});

describe('the import scanner', () => {
  it('finds every form of bare import and ignores relative paths and our own methods', () => {
    const code = [
      'import Fastify from "fastify";',
      "import { z } from 'zod';",
      'import "./chunk.js";',
      'import "side-effect";',
      'export * from "@scope/pkg/sub";',
      'const pg = require("pg");',
      'const m = await import("node:fs");',
      'var zlib = __require("zlib");',
      'const flow = this.require("questions");',
      'const text = _`require("ajv/dist/runtime/x").default`;',
    ].join('\n');
    expect(bareSpecifiers(code)).toEqual(['@scope/pkg/sub', 'fastify', 'node:fs', 'pg', 'side-effect', 'zlib', 'zod']);
    expect(unshippable(code, ['zod'])).toEqual(['@scope/pkg/sub', 'fastify', 'pg', 'side-effect']);
    expect(unshippable('import { app } from "electron";', [])).toEqual([]);
  });

  it('reads what electron-builder ships from the files patterns', () => {
    const deps = ['fastify', 'zod', '@node-rs/argon2'];
    expect(shippedPackages(deps, ['out/**'])).toEqual(deps);
    expect(shippedPackages(deps, ['out/**', '!node_modules/fastify/**', '!node_modules/@node-rs/argon2/**'])).toEqual(['zod']);
    expect(shippedPackages(deps, ['out/main/**', '!node_modules/**'])).toEqual([]);
    expect(builderFilePatterns("a: 1\nfiles:\n  - out/**\n  - '!**/*.map'\nasar: true\n")).toEqual(['out/**', '!**/*.map']);
  });
});
