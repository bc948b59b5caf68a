import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrations } from '../../../server/db/migrations';
import { PORTAL_CLI as CLI } from '../../setup/portal-cli-path';

function run(args: string[]): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      env: { ...process.env, DATABASE_URL: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.once('exit', (code) => resolve({ code, out }));
  });
}

/** A port nothing listens on (so the FTPS check never depends on this machine's other servers). */
async function freePort(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return String(typeof address === 'object' && address ? address.port : 0);
}

describe('server CLI: migrate and doctor (embedded database)', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'portico-cli-ops-'));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('doctor exits 1 before migrate, migrate lists what ran, then doctor exits 0', async () => {
    const port = await freePort();
    const before = await run(['doctor', '--data-dir', dataDir, '--ftps-port', port]);
    expect(before.code).toBe(1);
    expect(before.out).toMatch(/FAIL\s+migrations current/);

    const migrated = await run(['migrate', '--data-dir', dataDir]);
    expect(migrated.code).toBe(0);
    for (const migration of migrations) expect(migrated.out).toContain(`applied ${migration.version}:`);

    const after = await run(['doctor', '--data-dir', dataDir, '--ftps-port', port]);
    expect(after.code).toBe(0);
    expect(after.out).toMatch(/OK\s+database reachable/);
    expect(after.out).toMatch(/OK\s+clock vs database/);
    expect(after.out).toMatch(/OK\s+FTPS port/);
  }, 240_000);

  it('rejects a bad --ftps-port as a usage error', async () => {
    const result = await run(['doctor', '--data-dir', dataDir, '--ftps-port', 'abc']);
    expect(result.code).toBe(2);
    expect(result.out).toMatch(/--ftps-port/);
  }, 120_000);
});
