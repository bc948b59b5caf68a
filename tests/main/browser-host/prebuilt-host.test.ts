import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserHostBuildConfig } from '../../../electron.vite.config';
import { call, ipcUrl, makeRendererDir, openSocket, rawGet } from './helpers';

// The browser host starts from prebuilt JavaScript (no tsx at run time).
const root = mkdtempSync(join(tmpdir(), 'portico-prebuilt-'));
const outDir = join(root, 'out', 'browser-host');
const renderer = makeRendererDir();
const version = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;

beforeAll(async () => {
  // The repository's layout: out/browser-host next to package.json and node_modules.
  symlinkSync(resolve('node_modules'), join(root, 'node_modules'), 'dir');
  symlinkSync(resolve('package.json'), join(root, 'package.json'));
  // The same configuration `npm run build` uses, into a temp folder.
  await build(browserHostBuildConfig(process.cwd(), outDir));
}, 180_000);
afterAll(() => {
  renderer.cleanup();
  rmSync(root, { recursive: true, force: true });
});

describe('prebuilt browser host', () => {
  it('builds cli.js and start-browser.js as plain JavaScript', () => {
    expect(existsSync(join(outDir, 'cli.js'))).toBe(true);
    expect(existsSync(join(outDir, 'start-browser.js'))).toBe(true);
    expect(readFileSync(join(outDir, 'cli.js'), 'utf8')).not.toMatch(/from ["']tsx/);
  });

  it('runs under plain node: listens, answers over the socket with our version, stops on SIGTERM', async () => {
    const child = spawn(
      process.execPath,
      [join(outDir, 'cli.js'), '--portal', 'http://127.0.0.1:9', '--data-dir', join(root, 'data'), '--renderer-dir', renderer.rendererDir],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      const ready = await new Promise<{ url: string }>((resolve, reject) => {
        void exited.then((code) => reject(new Error(`exited ${code}: ${stderr}`)));
        createInterface({ input: child.stdout }).on('line', (line) => {
          if (line.startsWith('PORTICO_HOST_READY ')) resolve(JSON.parse(line.slice(19)) as { url: string });
        });
      });
      const url = new URL(ready.url);
      expect((await rawGet(Number(url.port), '/')).status).toBe(200);
      const opened = await openSocket(ipcUrl(ready.url), url.origin);
      if (!('socket' in opened)) throw new Error(`socket refused: ${opened.refused}`);
      const answer = (await call(opened.socket, { id: 1, channel: 'app:get-info', args: [] }, 1)) as {
        result: { ok: boolean; value: { version: string; shell: string } };
      };
      opened.socket.close();
      // The version comes from package.json, found from the built chunk's folder too.
      expect(answer.result).toMatchObject({ ok: true, value: { version, shell: 'browser' } });
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  }, 120_000);
});
