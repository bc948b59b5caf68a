/**
 * The admin CLI while the portal runs on the embedded database: commands go
 * through the portal's admin socket (the portal holds the database, so the
 * CLI could not open it), with the same effect and audit entry as the admin
 * API; the socket refuses anyone without the token and any malformed line.
 * Without a running portal, and after one was killed, the CLI opens the
 * database itself and the next portal starts cleanly.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { adminSocketPaths } from '../../../server/admin/admin-socket-protocol';
import { startServer } from '../../../server/index';
import { seedPglite } from '../../setup/pglite-template';
import { PORTAL_CLI } from '../../setup/portal-cli-path';
import { MIN_ARGON2, useTestPortal } from '../helpers';

/** Runs the built CLI to its end without blocking this process (the portal under test runs here). */
function cli(dataDir: string, ...args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [PORTAL_CLI, ...args, '--data-dir', dataDir], {
      env: { ...process.env, DATABASE_URL: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
    child.once('close', (code) => resolve({ code, out, err }));
  });
}

/** Sends raw bytes to the socket (then half-closes) and answers the parsed reply line. */
function rawRequest(socketPath: string, bytes: string): Promise<{ ok: boolean; message?: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(socketPath);
    let text = '';
    socket.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    socket.once('error', reject);
    socket.once('end', () => {
      try {
        resolve(JSON.parse(text.split('\n')[0]!));
      } catch {
        reject(new Error(`not an answer line: ${JSON.stringify(text)}`));
      }
    });
    socket.end(bytes);
  });
}

const UNKNOWN_USER_COMMANDS = ['unlock', 'reset-mfa', 'disable', 'enable', 'issue-temporary-password'];

describe('admin CLI through a running portal (embedded database)', () => {
  const portal = useTestPortal({ name: 'pglite' }, { config: { lockout: { maxFailures: 3 } } });

  it('opens an owner-only socket and token in the data folder', async () => {
    const paths = adminSocketPaths(portal.dataDir);
    expect(portal.server.adminSocket).toBe(paths.socket);
    expect((await stat(paths.socket)).isSocket()).toBe(true);
    expect((await stat(paths.socket)).mode & 0o777).toBe(0o600);
    expect((await stat(paths.dir)).mode & 0o777).toBe(0o700);
    expect((await stat(paths.token)).mode & 0o777).toBe(0o600);
  });

  it('unlocks a locked user, who can then sign in; the audit log names the cli', async () => {
    const demo = portal.server.demoAccount!;
    for (let i = 0; i < 3; i++)
      await portal.post('/api/v1/auth/sign-in', { username: demo.username, password: 'Wrong-Password-1' });
    expect((await portal.post('/api/v1/auth/sign-in', demo)).status).toBe(423);

    // The portal holds the embedded database: only the socket path can answer.
    const unlocked = await cli(portal.dataDir, 'unlock', demo.username);
    expect(unlocked).toMatchObject({ code: 0, out: `Unlocked ${demo.username}.\n` });
    expect((await portal.post('/api/v1/auth/sign-in', demo)).status).toBe(200);

    const audit = await cli(portal.dataDir, 'audit', '--type', 'account_unlocked', '--user', demo.username);
    expect(audit.code).toBe(0);
    expect(audit.out).toContain(`account_unlocked  actor="cli"  user="${demo.username}"  {"wasLocked":true}`);
  }, 120_000);

  it.each(UNKNOWN_USER_COMMANDS)(
    '%s of an unknown user exits 1 with "no user named …"',
    async (command) => {
      const result = await cli(portal.dataDir, command, 'asmiht');
      expect(result).toMatchObject({ code: 1, out: '', err: 'no user named asmiht\n' });
    },
    60_000,
  );

  it('refuses a request without the right token, malformed or oversized lines', async () => {
    const paths = adminSocketPaths(portal.dataDir);
    const token = (await readFile(paths.token, 'utf8')).trim();
    const listUsers = { name: 'list-users' };
    const refused = async (bytes: string, reason: RegExp): Promise<void> => {
      const answer = await rawRequest(paths.socket, bytes);
      expect(answer.ok).toBe(false);
      expect(answer.message).toMatch(reason);
    };
    await refused(`${JSON.stringify({ command: listUsers })}\n`, /wrong or missing admin token/);
    await refused(
      `${JSON.stringify({ token: 'f'.repeat(64), command: listUsers })}\n`,
      /wrong or missing admin token/,
    );
    await refused('not json\n', /not JSON/);
    await refused(
      `${JSON.stringify({ token, command: { name: 'drop-database' } })}\n`,
      /not a valid command/,
    );
    await refused(`${JSON.stringify({ token, command: listUsers, extra: 1 })}\n`, /not a valid command/);
    await refused(
      `${JSON.stringify({ token, command: { name: 'unlock', username: 'a\u0000b' } })}\n`,
      /not a valid command/,
    );
    await refused(
      `${JSON.stringify({ token, command: { name: 'unlock', username: 'x'.repeat(20_000) } })}\n`,
      /at most 16384 bytes/,
    );
    await refused(JSON.stringify({ token, command: listUsers }), /must end with a newline/);
    // The right token and a valid line: answered, and the portal still serves.
    const answer = await rawRequest(paths.socket, `${JSON.stringify({ token, command: listUsers })}\n`);
    expect(answer.ok).toBe(true);
    expect((await portal.request('/api/v1/health')).status).toBe(200);
  });
});

describe('admin CLI without a running portal', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it('opens the database itself, also after a portal was killed; the next portal replaces the stale socket', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'portico-admin-socket-'));
    dirs.push(dataDir);
    seedPglite(dataDir);
    const serve = spawn(process.execPath, [PORTAL_CLI, 'serve', '--port', '0', '--data-dir', dataDir], {
      env: { ...process.env, DATABASE_URL: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let served = '';
    await new Promise<void>((resolve, reject) => {
      serve.stdout.on('data', (chunk: Buffer) => {
        served += chunk.toString('utf8');
        if (served.includes('PORTICO_PORTAL_READY')) resolve();
      });
      serve.once('exit', () => reject(new Error(`serve exited early:\n${served}`)));
    });
    const paths = adminSocketPaths(dataDir);
    expect(served).toContain(`Admin socket (for portico-portal commands) at ${paths.socket}`);
    const exited = new Promise((resolve) => serve.once('exit', resolve));
    serve.kill('SIGKILL');
    await exited;
    // Left behind by the killed portal, with nobody listening.
    expect((await stat(paths.socket)).isSocket()).toBe(true);

    expect(await cli(dataDir, 'unlock', 'demo')).toMatchObject({
      code: 0,
      out: 'demo was not locked; its failed attempts were cleared.\n',
    });
    for (const command of UNKNOWN_USER_COMMANDS)
      expect(await cli(dataDir, command, 'asmiht')).toMatchObject({ code: 1, err: 'no user named asmiht\n' });

    const next = await startServer({ dataDir, port: 0, config: { argon2: MIN_ARGON2 } });
    try {
      expect(next.adminSocket).toBe(paths.socket);
      const listed = await cli(dataDir, 'list-users');
      expect(listed.code).toBe(0);
      expect(listed.out).toMatch(/^demo\s+Demo User/m);
    } finally {
      await next.close();
    }
    // A stopped portal takes its socket and token with it.
    await expect(stat(paths.socket)).rejects.toThrow(/ENOENT/);
    await expect(stat(paths.token)).rejects.toThrow(/ENOENT/);
  }, 240_000);
});
