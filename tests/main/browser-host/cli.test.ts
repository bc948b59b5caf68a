import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import { makeRendererDir, rawGet } from './helpers';

const root = mkdtempSync(join(tmpdir(), 'portico-cli-'));
const renderer = makeRendererDir();
afterAll(() => {
  renderer.cleanup();
  rmSync(root, { recursive: true, force: true });
});

function runCli(args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'main/browser-host/cli.ts', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, exited, stderr: () => stderr };
}

describe('browser host CLI', () => {
  it('prints PORTICO_HOST_READY, serves, and stops cleanly on SIGTERM', async () => {
    // The portal need not be up: the host only talks to it when the page asks.
    const run = runCli([
      '--portal',
      'http://127.0.0.1:9',
      '--data-dir',
      join(root, 'data'),
      '--port',
      '0',
      '--renderer-dir',
      renderer.rendererDir,
    ]);
    const ready = await new Promise<{ url: string }>((resolve, reject) => {
      run.exited.then((code) => reject(new Error(`exited ${code}: ${run.stderr()}`)));
      createInterface({ input: run.child.stdout }).on('line', (line) => {
        if (line.startsWith('PORTICO_HOST_READY '))
          resolve(JSON.parse(line.slice('PORTICO_HOST_READY '.length)) as { url: string });
      });
    });
    const url = new URL(ready.url);
    expect(url.hostname).toBe('127.0.0.1');
    expect(url.hash).toMatch(/^#token=[A-Za-z0-9_-]{43}$/);
    expect((await rawGet(Number(url.port), '/')).status).toBe(200);
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
  }, 60_000);

  it('refuses missing or unknown arguments with a usage message', async () => {
    const missing = runCli(['--portal', 'http://127.0.0.1:9']);
    expect(await missing.exited).toBe(2);
    expect(missing.stderr()).toContain('Usage:');
    const unknown = runCli(['--portal', 'http://127.0.0.1:9', '--data-dir', root, '--evil']);
    expect(await unknown.exited).toBe(2);
  }, 60_000);
});
