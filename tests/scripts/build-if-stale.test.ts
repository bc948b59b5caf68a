import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inputsHash, isBuilt, markBuilt } from '../../scripts/build-if-stale.mjs';

const OUTPUTS = ['out/main/index.js', 'out/renderer/index.html', 'out/browser-host/start-browser.js', 'out/server/cli.js'];

function write(root: string, file: string, text: string): void {
  mkdirSync(dirname(join(root, file)), { recursive: true });
  writeFileSync(join(root, file), text);
}

describe('starting without rebuilding an unchanged checkout', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'portico-built-'));
    write(root, 'renderer/src/App.tsx', 'export const a = 1;\n');
    write(root, 'server/index.ts', 'export const b = 2;\n');
    write(root, 'package.json', '{}\n');
    for (const file of OUTPUTS) write(root, file, 'built\n');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('counts as built only after a build of exactly these sources', () => {
    expect(isBuilt(root)).toBe(false);
    markBuilt(root, inputsHash(root));
    expect(isBuilt(root)).toBe(true);
  });

  it('builds again when a source changes, is added, or an output is missing', () => {
    markBuilt(root, inputsHash(root));
    write(root, 'renderer/src/App.tsx', 'export const a = 3;\n');
    expect(isBuilt(root)).toBe(false);

    markBuilt(root, inputsHash(root));
    write(root, 'common/new.ts', 'export {};\n');
    expect(isBuilt(root)).toBe(false);

    markBuilt(root, inputsHash(root));
    rmSync(join(root, 'out/server/cli.js'));
    expect(isBuilt(root)).toBe(false);
  });

  it('ignores build output and dependencies, and the hash depends on names as well as contents', () => {
    const before = inputsHash(root);
    write(root, 'out/renderer/assets/x.js', 'new output\n');
    write(root, 'server/node_modules/pkg/index.js', 'dependency\n');
    expect(inputsHash(root)).toBe(before);
    rmSync(join(root, 'server/index.ts'));
    write(root, 'server/main.ts', 'export const b = 2;\n');
    expect(inputsHash(root)).not.toBe(before);
  });
});
