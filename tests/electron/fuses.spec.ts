/**
 * Fuses read back from a packaged build (`npm run dist` → release/). Where no
 * packaged build exists, the spec says so on one line and skips.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { getCurrentFuseWire, FuseV1Options } from '@electron/fuses';
import { test, expect } from '@playwright/test';

const require = createRequire(import.meta.url);
/** Fuse wire bytes (`FuseState` in @electron/fuses, not exported from its index): '1' on, '0' off. */
const ENABLE = '1'.charCodeAt(0);
const DISABLE = '0'.charCodeAt(0);
const { porticoFuses } = require('../../scripts/fuses.cjs') as { porticoFuses: Record<string, unknown> };

const candidates: Record<string, string> = {
  linux: join('release', 'linux-unpacked', 'portico'),
  win32: join('release', 'win-unpacked', 'Portico.exe'),
  darwin: join('release', 'mac', 'Portico.app', 'Contents', 'MacOS', 'Portico'),
};
const packaged = candidates[process.platform];
const present = packaged !== undefined && existsSync(packaged);
if (!present) console.log(`SKIP fuses.spec: no packaged build at ${packaged ?? '(unknown platform)'}; run \`npm run dist\` first.`);

test('the packaged binary has the fuses the afterPack hook flips', async () => {
  test.skip(!present, 'no packaged build');
  const wire = await getCurrentFuseWire(packaged!);
  const expected: Array<[FuseV1Options, boolean]> = [
    [FuseV1Options.RunAsNode, false],
    [FuseV1Options.EnableNodeOptionsEnvironmentVariable, false],
    [FuseV1Options.EnableNodeCliInspectArguments, false],
    [FuseV1Options.EnableCookieEncryption, true],
    [FuseV1Options.EnableEmbeddedAsarIntegrityValidation, true],
    [FuseV1Options.OnlyLoadAppFromAsar, true],
  ];
  for (const [option, on] of expected) {
    // The shipped config and the binary agree, and both say what SECURITY.md requires.
    expect(porticoFuses[option], `config for fuse ${FuseV1Options[option]}`).toBe(on);
    expect(wire[option], `fuse ${FuseV1Options[option]}`).toBe(on ? ENABLE : DISABLE);
  }
});
