#!/usr/bin/env node
// Runs the Electron-only specs (tests/electron/*.spec.ts) where the Electron
// binary exists; elsewhere prints one clear skip line and exits 0.
import { existsSync, readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const electronDir = join(root, 'node_modules', 'electron');
const pathFile = join(electronDir, 'path.txt');
const binary = existsSync(pathFile) ? join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim()) : null;

if (!binary || !existsSync(binary)) {
  console.log(
    'SKIP tests/electron: the Electron binary is not installed on this machine (it cannot be downloaded here); ' +
      'the Electron-only specs run wherever `npx electron --version` works.',
  );
  process.exit(0);
}

const result = spawnSync(
  process.execPath,
  [join(root, 'node_modules', '@playwright', 'test', 'cli.js'), 'test', '-c', 'tests/electron/playwright.config.ts'],
  { cwd: root, stdio: 'inherit', env: { ...process.env, PORTICO_ELECTRON_BINARY: binary } },
);
process.exit(result.status ?? 1);
