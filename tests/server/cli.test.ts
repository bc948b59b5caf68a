import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PORTAL_CLI as CLI } from '../setup/portal-cli-path';
import { seedPglite } from '../setup/pglite-template';

function runCli(args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, [CLI, ...args], {
    env: { ...process.env, DATABASE_URL: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function collect(child: ChildProcess): { out: () => string } {
  let out = '';
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  return { out: () => out };
}

function exitCode(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });
}

async function runToEnd(
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; out: string }> {
  const child = runCli(args, env);
  const output = collect(child);
  const code = await exitCode(child);
  return { code, out: output.out() };
}

describe('server CLI', () => {
  let dataDir: string;
  /** Every CLI process a test started: one left running would hold the database the next test opens. */
  const started: ChildProcess[] = [];
  const env = (): NodeJS.ProcessEnv => ({ PORTICO_DATA_DIR: dataDir });

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'portico-cli-test-'));
    // The run's migrated database: these tests are about the CLI, not a first initdb (tested in db/migrations).
    seedPglite(dataDir);
  });
  afterEach(async () => {
    for (const child of started.splice(0)) {
      if (child.exitCode !== null || child.signalCode !== null) continue;
      const exited = exitCode(child);
      child.kill('SIGKILL');
      await exited;
    }
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('serves, prints the demo account once and the ready line, and stops on SIGTERM', async () => {
    const child = runCli(['serve', '--port', '0'], env());
    started.push(child);
    const output = collect(child);
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setInterval(() => {
        const match = /PORTICO_PORTAL_READY (\{.*\})/.exec(output.out());
        if (match) {
          clearInterval(timer);
          resolve(JSON.parse(match[1]!).url);
        } else if (child.exitCode !== null) {
          clearInterval(timer);
          reject(new Error(`CLI exited early:\n${output.out()}`));
        }
      }, 100);
    });
    expect(output.out()).toContain(`Portal listening on ${url}`);
    const password = /Password: (\S+)/.exec(output.out())?.[1];
    expect(password).toBeTruthy();
    const health = await fetch(new URL('/api/v1/health', url));
    expect(health.status).toBe(200);
    const signIn = await fetch(new URL('/api/v1/auth/sign-in', url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'demo', password }),
    });
    expect(signIn.status).toBe(200);
    child.kill('SIGTERM');
    expect(await exitCode(child)).toBe(0);
    // The password appears exactly once in everything the process printed.
    expect(output.out().split(password!).length - 1).toBe(1);
  }, 90_000);

  it('creates users with a temporary password and lists them', async () => {
    const created = await runToEnd(
      ['create-user', 'alice.smith', '--name', 'Alice Smith', '--role', 'manager'],
      env(),
    );
    expect(created.code).toBe(0);
    expect(created.out).toMatch(/Temporary password: \S{12,}/);

    const duplicate = await runToEnd(['create-user', 'ALICE.SMITH', '--name', 'Alice Again'], env());
    expect(duplicate.code).toBe(1);
    expect(duplicate.out).toContain('already taken');

    const listed = await runToEnd(['list-users'], env());
    expect(listed.code).toBe(0);
    expect(listed.out).toMatch(/alice\.smith\s+Alice Smith\s+user,manager\s+active\s+yes/);
    expect(listed.out).toMatch(/demo\s+Demo User/);
  }, 90_000);

  it('reports usage errors and bad config clearly', async () => {
    const unknown = await runToEnd(['frobnicate'], env());
    expect(unknown.code).toBe(2);
    expect(unknown.out).toContain('Unknown command');
    const badConfig = await runToEnd(['list-users'], { ...env(), PORTICO_IDLE_TIMEOUT_SECONDS: 'later' });
    expect(badConfig.code).toBe(1);
    expect(badConfig.out).toContain('PORTICO_IDLE_TIMEOUT_SECONDS');
  }, 90_000);
});
