/**
 * The admin CLI's request and account commands: in-process against a test
 * database, and once through `server/cli.ts` to check the wiring.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AdminUsageError,
  approveRequestCommand,
  auditCommand,
  listRequestsCommand,
  parseSince,
  userActionCommand,
  type CliEnv,
} from '../../../server/admin/cli-commands';
import { fileRequest } from '../../../server/admin/requests-store';
import { findUserByUsername } from '../../../server/auth/users';
import { openDb } from '../../../server/db';
import { backends } from '../helpers';
import { startAdminHarness, type AdminHarness } from './harness';
import { seedPglite } from '../../setup/pglite-template';
import { PORTAL_CLI } from '../../setup/portal-cli-path';

describe('parseSince', () => {
  const now = new Date('2026-01-15T09:00:00.000Z');
  it('reads durations and ISO times', () => {
    expect(parseSince('24h', now)?.toISOString()).toBe('2026-01-14T09:00:00.000Z');
    expect(parseSince('7d', now)?.toISOString()).toBe('2026-01-08T09:00:00.000Z');
    expect(parseSince('30m', now)?.toISOString()).toBe('2026-01-15T08:30:00.000Z');
    expect(parseSince('2026-01-01', now)?.toISOString()).toBe('2026-01-01T00:00:00.000Z');
    expect(parseSince(undefined, now)).toBeUndefined();
  });
  it('refuses anything else', () => {
    for (const bad of ['yesterday', '5y', '-1d', '1e3'])
      expect(() => parseSince(bad, now)).toThrow(AdminUsageError);
  });
});

describe.each(backends)('admin CLI commands ($name)', (backend) => {
  let h: AdminHarness;
  let lines: string[];
  let env: CliEnv;

  beforeAll(async () => {
    h = await startAdminHarness(backend);
    lines = [];
    env = { db: h.db, config: h.ctx.config, clock: h.clock, print: (line) => lines.push(line) };
  });
  afterAll(async () => {
    await h?.close();
  });

  it('lists and approves a request, printing the temporary password once', async () => {
    const requester = await h.addUser('req');
    const { request } = await fileRequest(h.db, {
      fullName: 'Gina Grey',
      email: 'gina@example.com',
      requesterId: requester.id,
      now: h.clock.now(),
    });
    await listRequestsCommand(env);
    expect(lines.join('\n')).toContain(`${request.id}  Gina Grey <gina@example.com>  suggested: ggrey`);
    lines.length = 0;
    await approveRequestCommand(env, request.id, undefined);
    expect(lines[0]).toBe('Created ggrey (Gina Grey, gina@example.com).');
    expect(lines[1]).toMatch(/^Temporary password: \S{12,}$/);
    expect((await findUserByUsername(h.db, 'ggrey'))?.mustChangePassword).toBe(true);
    await expect(approveRequestCommand(env, 'not-a-uuid', undefined)).rejects.toThrow(AdminUsageError);
    await expect(approveRequestCommand(env, request.id, 'other')).rejects.toThrow(/already been decided/);
  });

  it('resets MFA, disables and enables, audited as cli', async () => {
    await userActionCommand(env, 'reset-mfa', 'ggrey');
    await userActionCommand(env, 'disable', 'ggrey');
    expect((await findUserByUsername(h.db, 'ggrey'))?.status).toBe('disabled');
    await userActionCommand(env, 'enable', 'ggrey');
    expect((await findUserByUsername(h.db, 'ggrey'))?.status).toBe('active');
    await expect(userActionCommand(env, 'disable', undefined)).rejects.toThrow(AdminUsageError);
    await expect(userActionCommand(env, 'disable', 'nobody')).rejects.toThrow('no user named nobody');
    // A command's revocations reach running portal instances through the signals bus.
    const published: string[] = [];
    const signals = {
      publish: async (topic: string, key: string) => void published.push(`${topic}:${key}`),
      subscribe: () => () => undefined,
      close: async () => undefined,
    };
    const ggrey = (await findUserByUsername(h.db, 'ggrey'))!;
    await userActionCommand({ ...env, signals }, 'disable', 'ggrey');
    expect(published).toContain(`sessions:user:${ggrey.id}`);
    await userActionCommand({ ...env, signals }, 'enable', 'ggrey');
    lines.length = 0;
    await auditCommand(env, { since: '1h', user: 'ggrey' });
    const types = lines.map((line) => line.split('  ')[1]);
    // The manual clock stands still, so events of one instant may come in any order.
    expect([...types].sort()).toEqual([
      'account.created',
      'admin.mfa_reset',
      'admin.user_disabled',
      'admin.user_disabled',
      'admin.user_enabled',
      'admin.user_enabled',
      'request.approved',
    ]);
    expect(lines.every((line) => line.includes('actor="cli"'))).toBe(true);
    lines.length = 0;
    await auditCommand(env, { type: 'admin.user_disabled', csv: true });
    expect(lines[0]!.split('\r\n')[0]).toBe('"time","type","actor","user","detail"');
  });
});

describe('admin CLI wiring', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'portico-admin-cli-'));
    seedPglite(dataDir);
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });
  const cli = (...args: string[]) =>
    spawnSync(process.execPath, [PORTAL_CLI, ...args], {
      env: { ...process.env, DATABASE_URL: '', PORTICO_DATA_DIR: dataDir },
      encoding: 'utf8',
      timeout: 60_000,
    });

  it(
    'runs approve-request, disable and audit --since from the command line',
    { timeout: 120_000 },
    async () => {
      expect(cli('create-user', 'hank', '--name', 'Hank Hill').status).toBe(0);
      const db = await openDb({ dataDir });
      const hank = (await findUserByUsername(db, 'hank'))!;
      const { request } = await fileRequest(db, {
        fullName: 'Ivy Irons',
        email: 'ivy@example.com',
        requesterId: hank.id,
        now: new Date(),
      });
      await db.close();
      const approved = cli('approve-request', request.id, '--username', 'ivy');
      expect(approved.status).toBe(0);
      expect(approved.stdout).toMatch(/Temporary password: \S+/);
      expect(cli('disable', 'ivy').status).toBe(0);
      const audit = cli('audit', '--since', '1h');
      expect(audit.status).toBe(0);
      expect(audit.stdout).toContain('request.approved');
      expect(audit.stdout).toContain('admin.user_disabled');
      expect(audit.stdout).not.toMatch(/Temporary password/);
      const bad = cli('audit', '--since', 'yesterday');
      expect(bad.status).toBe(2);
    },
  );
});
