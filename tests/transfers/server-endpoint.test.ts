/**
 * Server pieces: the jail, PROT P / TLS requirements, transfer tokens over a
 * real database (PGlite), the credentials route, and kill-and-resume
 * against the embedded endpoint.
 */
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { Client } from 'basic-ftp';
import Fastify from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveVirtualPath } from '../../server/ftps/file-system';
import { SessionStore } from '../../server/auth/sessions';
import { tokenDigest } from '../../server/auth/tokens';
import { createUser } from '../../server/auth/users';
import { openDb, type Db } from '../../server/db';
import { TransferTokens } from '../../server/ftps/transfer-tokens';
import { transfersRoutes } from '../../server/ftps/transfers-routes';
import { seedPglite } from '../setup/pglite-template';
import { loginClient, startEmbedded } from './helpers/embedded';
import { makeEngine, tempDir, until } from './helpers/engine';
import { sha256File, writeRandomFile } from './helpers/files';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

describe('jail', () => {
  it('clamps every path inside the user root', () => {
    expect(resolveVirtualPath('/', '../../etc/passwd')).toBe('/etc/passwd');
    expect(resolveVirtualPath('/a/b', '../../../x')).toBe('/x');
    expect(resolveVirtualPath('/', 'a\r\nDELE b')).toBeNull();
    expect(resolveVirtualPath('/', '..\\..\\x')).toBeNull();
  });

  it('never serves a symlink that leads out of the user folder', async () => {
    const server = await startEmbedded();
    cleanups.push(() => server.close());
    await fsp.writeFile(path.join(server.dir, 'secret.txt'), 'secret');
    await fsp.symlink(path.join(server.dir, 'secret.txt'), path.join(server.userDir, 'link.txt'));
    await fsp.symlink(server.dir, path.join(server.userDir, 'linkdir'));
    const client = await loginClient(server);
    cleanups.push(async () => client.close());
    await expect(client.downloadTo(path.join(server.dir, 'out1'), '/link.txt')).rejects.toThrow(/550/);
    await expect(client.downloadTo(path.join(server.dir, 'out2'), '/linkdir/secret.txt')).rejects.toThrow(/550/);
    expect((await client.list('/')).map((e) => e.name)).toEqual([]);
  });

  it('requires TLS before login and PROT P before data', async () => {
    const server = await startEmbedded();
    cleanups.push(() => server.close());
    const creds = server.credentials();
    const plain = new Client(10_000);
    cleanups.push(async () => plain.close());
    await plain.connect('127.0.0.1', creds.port);
    await expect(plain.login('alice', creds.token)).rejects.toThrow(/530/);
    const tlsClient = new Client(10_000);
    cleanups.push(async () => tlsClient.close());
    await tlsClient.connect('127.0.0.1', creds.port);
    await tlsClient.useTLS({ ca: [server.cert.cert], checkServerIdentity: () => undefined });
    await tlsClient.login('alice', creds.token);
    expect((await tlsClient.sendIgnoringError('PROT C')).code).toBe(536);
    expect((await tlsClient.sendIgnoringError('PASV')).code).toBe(521);
  });
});

describe('transfer tokens and the credentials route', () => {
  /** A migrated database with alice signed in once (tokens belong to a portal session). */
  async function withSession(now: () => number): Promise<{ db: Db; sessions: SessionStore; sessionHash: string; token: string }> {
    const dataDir = await tempDir();
    seedPglite(dataDir);
    const db = await openDb({ dataDir });
    cleanups.push(async () => {
      await db.close();
      await fsp.rm(dataDir, { recursive: true, force: true });
    });
    const clock = { now: () => new Date(now()) };
    const user = await createUser(db, { username: 'alice', displayName: 'Alice', email: null, passwordHash: 'x', now: clock.now() });
    const sessions = new SessionStore(db, clock, { idleTimeoutSeconds: 3600, absoluteTimeoutSeconds: 7200 }, { cache: false });
    const session = await sessions.create(user.id);
    return { db, sessions, sessionHash: tokenDigest(session.token), token: session.token };
  }

  it('issues, verifies, expires and revokes tokens stored as hashes', { timeout: 120_000 }, async () => {
    let now = Date.now();
    const { db, sessionHash } = await withSession(() => now);
    const tokens = new TransferTokens(db, { now: () => now, ttlMs: 60_000 });
    const issued = (await tokens.issue('alice', sessionHash))!;
    expect(await tokens.verify('alice', issued.token)).toMatchObject({ userRoot: 'alice' });
    expect(await tokens.verify('bob', issued.token)).toBeNull();
    const { rows } = await db.query<{ token_hash: string }>('SELECT token_hash FROM transfer_tokens');
    expect(rows[0]?.token_hash).not.toContain(issued.token);
    now += 61_000;
    expect(await tokens.verify('alice', issued.token)).toBeNull();
    const second = (await tokens.issue('alice', sessionHash))!;
    await tokens.revokeUser('alice');
    expect(await tokens.verify('alice', second.token)).toBeNull();
  });

  it('issues nothing to a revoked session and refuses its earlier tokens, even after a new sign-in', { timeout: 120_000 }, async () => {
    const { db, sessions, sessionHash, token } = await withSession(() => Date.now());
    const tokens = new TransferTokens(db);
    const issued = (await tokens.issue('alice', sessionHash))!;
    await sessions.revoke(token);
    expect(await tokens.issue('alice', sessionHash)).toBeNull();
    const again = await sessions.create(String((await db.query<{ id: string }>('SELECT id FROM users')).rows[0]!.id));
    expect(await tokens.verify('alice', issued.token)).toBeNull();
    expect(await tokens.verify('alice', (await tokens.issue('alice', tokenDigest(again.token)))!.token)).not.toBeNull();
  });

  it('POST /api/v1/transfers/credentials answers signed-in users only', { timeout: 120_000 }, async () => {
    const { db, sessionHash } = await withSession(() => Date.now());
    const tokens = new TransferTokens(db);
    const app = Fastify();
    cleanups.push(() => app.close());
    await app.register(transfersRoutes, {
      tokens,
      endpoint: { host: '127.0.0.1', port: 2121 },
      fingerprint256: 'AB:CD',
      authenticate: async (request) => (request.headers.authorization === 'Bearer good' ? { username: 'alice', sessionHash } : null),
    });
    const denied = await app.inject({ method: 'POST', url: '/api/v1/transfers/credentials' });
    expect(denied.statusCode).toBe(401);
    expect(denied.json()).toMatchObject({ error: { code: 'session_expired' } });
    const ok = await app.inject({ method: 'POST', url: '/api/v1/transfers/credentials', headers: { authorization: 'Bearer good' } });
    expect(ok.statusCode).toBe(200);
    expect(ok.headers['cache-control']).toBe('no-store');
    const body = ok.json();
    expect(body).toMatchObject({ host: '127.0.0.1', port: 2121, username: 'alice', tls: { fingerprint256: 'AB:CD' } });
    expect(await tokens.verify('alice', body.token)).toMatchObject({ userRoot: 'alice' });
  });
});

describe('embedded endpoint kill-and-resume', () => {
  it.each([0.1, 0.5, 0.9])('resumes after every connection drops at %s', async (fraction) => {
    const server = await startEmbedded();
    const work = await tempDir();
    const engine = makeEngine(path.join(work, 'data'), { bytesPerSecondLimit: 16 * 1024 * 1024, connections: 1 });
    cleanups.push(async () => {
      await engine.close();
      await server.close();
      await fsp.rm(work, { recursive: true, force: true });
    });
    const size = 24 * 1024 * 1024;
    const src = path.join(work, 'big.bin');
    await writeRandomFile(src, size);
    engine.setCredentials(server.credentials());
    for (const direction of ['upload', 'download'] as const) {
      if (direction === 'upload') await engine.enqueueUpload({ localPaths: [src], remoteDir: '/' });
      else await engine.enqueueDownload({ remotePaths: ['/big.bin'], localDir: path.join(work, 'back') });
      const item = () => engine.page(0, 10).items.find((i) => i.direction === direction)!;
      await until(() => item().status === 'running' && item().transferred >= size * fraction);
      server.endpoint.dropSessions();
      await engine.whenIdle();
      expect(item()).toMatchObject({ status: 'verified' });
      expect(item().attempts).toBeGreaterThanOrEqual(1);
    }
    expect(await sha256File(path.join(server.userDir, 'big.bin'))).toBe(await sha256File(src));
    expect(await sha256File(path.join(work, 'back', 'big.bin'))).toBe(await sha256File(src));
  }, 120_000);
});
