/**
 * Hostile servers and bad input: 500 hostile names never write outside the
 * target, PASV to another host, a wrong certificate pin, a plain-FTP server,
 * a revoked and an expired token, a file deleted while queued.
 */
import { createHash } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { Readable, Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import type { FtpsEntry, FtpsFileSystem } from '../../server/ftps/file-system';
import type { TransferEngine } from '../../main/services/transfers/engine/transfer-engine';
import { isInside, safeJoin, toSafeLocalName, isFetchableRemoteName } from '../../main/services/transfers/engine/safe-names';
import { startEmbedded, type EmbeddedServer } from './helpers/embedded';
import { makeEngine, tempDir } from './helpers/engine';
import { listFiles, writeRandomFile } from './helpers/files';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

async function setup(extra: Parameters<typeof startEmbedded>[0] = {}): Promise<{ server: EmbeddedServer; work: string; engine: TransferEngine }> {
  const server = await startEmbedded(extra);
  const work = await tempDir();
  const engine = makeEngine(path.join(work, 'data'));
  cleanups.push(async () => {
    await engine.close();
    await server.close();
    await fsp.rm(work, { recursive: true, force: true });
  });
  return { server, work, engine };
}

/** 500 hostile names built from the classic escapes, combined and numbered. */
function hostileNames(): string[] {
  const seeds = [
    '..', '.', '../x', '../../etc/passwd', '/etc/passwd', '\\..\\..\\win.ini', 'C:\\Windows\\evil', 'C:evil', '\\\\server\\share\\x',
    'CON', 'con.txt', 'NUL', 'aux.log', 'COM1', 'LPT9.dat', 'name.', 'name ', ' .. ', '...', 'a\0b', 'a\r\nDELE x', 'a\nb', 'x/../../y',
    '..\\..\\y', '.\\.\\z', 'file:stream', 'a|b', 'a<b>c', 'q?*', '\u202etxt.exe', '\u0001ctl', '..%2f..%2fx',
  ];
  const names: string[] = [];
  for (let i = 0; names.length < 500; i++) {
    const seed = seeds[i % seeds.length]!;
    names.push(i < seeds.length ? seed : i % 3 === 0 ? `${seed}${i}` : i % 3 === 1 ? `${i}${seed}` : `../${i}/${seed}`);
  }
  return names;
}

/** A server file system that lists hostile names and serves bytes for any path. */
function hostileFs(names: string[]): FtpsFileSystem {
  const now = new Date();
  const entry = (name: string, type: 'file' | 'dir' = 'file'): FtpsEntry => ({ name, type, size: 16, modifiedAt: now });
  return {
    stat: async (p) => (p === '/' || p === '/evil' ? entry('evil', 'dir') : entry(p.split('/').pop() ?? '')),
    list: async () => names.map((n) => entry(n)),
    openRead: async () => Readable.from([Buffer.from('0123456789abcdef')]),
    openWrite: async () => new Writable({ write: (_c, _e, cb) => cb() }),
    mkdir: async () => undefined,
    rmdir: async () => undefined,
    delete: async () => undefined,
    rename: async () => undefined,
    sha256: async () => createHash('sha256').update('0123456789abcdef').digest('hex'),
  };
}

describe('hostile names', () => {
  it('sanitizes 500 hostile names into names that stay inside the target', () => {
    const root = path.resolve('/tmp/target-root');
    for (const name of hostileNames()) {
      const safe = toSafeLocalName(name);
      if (safe === null) continue;
      expect(safe).not.toMatch(/[/\\\0\r\n:]/);
      const joined = safeJoin(root, [safe]);
      expect(joined === null || isInside(root, joined)).toBe(true);
    }
    expect(isFetchableRemoteName('..')).toBe(false);
    expect(isFetchableRemoteName('a\r\nDELE x')).toBe(false);
    expect(toSafeLocalName('CON')).toBe('_CON');
    expect(toSafeLocalName('name. ')).toBe('name');
  });

  // Several hundred real FTPS downloads (a TLS data connection each, both ends in
  // this process): CPU-bound work of ~9 s on a quiet 2-core machine, so its
  // budget is sized to the work like the router fuzz's, not to a unit test's.
  it('downloads a hostile listing of 500 names with 0 writes outside the target', { timeout: 90_000 }, async () => {
    const names = hostileNames();
    const { server, work, engine } = await setup({ fileSystemFor: () => hostileFs(names) });
    const target = path.join(work, 'sandbox', 'target');
    await fsp.mkdir(target, { recursive: true });
    const before = new Set(await listFiles(work));
    engine.setCredentials(server.credentials());
    await engine.enqueueDownload({ remotePaths: ['/evil'], localDir: target, conflict: 'rename' });
    await engine.whenIdle();
    const written = (await listFiles(work)).filter((f) => !before.has(f) && !f.startsWith(path.join(work, 'data')));
    expect(written.length).toBeGreaterThan(0);
    const outside = written.filter((f) => !isInside(target, f));
    expect(outside).toEqual([]);
    expect(written.some((f) => f.endsWith('.part'))).toBe(false);
    const items = engine.page(0, 1000).items;
    // Every item ends verified or refused for its name (by us, or by the server's own path rules).
    const codes = new Set(items.filter((i) => i.status !== 'verified').map((i) => `${i.status}:${i.error?.code}`));
    expect([...codes].filter((c) => c !== 'failed:unsafe_name')).toEqual([]);
    expect(items.filter((i) => i.status === 'verified').length).toBeGreaterThan(100);
  });
});

describe('refusals', () => {
  it('refuses a PASV reply naming another host', async () => {
    const { server, work, engine } = await setup({ publicHost: '10.255.255.1', allowEpsv: false });
    await writeRandomFile(path.join(work, 'f.bin'), 100);
    engine.setCredentials(server.credentials());
    await engine.enqueueUpload({ localPaths: [path.join(work, 'f.bin')], remoteDir: '/' });
    await engine.whenIdle();
    expect(engine.page(0, 1).items[0]).toMatchObject({ status: 'failed', error: { code: 'pasv_host_refused' } });
  });

  it('refuses a server whose certificate does not match the pin', async () => {
    const { server, work, engine } = await setup();
    await writeRandomFile(path.join(work, 'f.bin'), 100);
    engine.setCredentials({ ...server.credentials(), tls: { fingerprint256: 'AA:'.repeat(31) + 'AA' } });
    await engine.enqueueUpload({ localPaths: [path.join(work, 'f.bin')], remoteDir: '/' });
    await engine.whenIdle();
    expect(engine.page(0, 1).items[0]).toMatchObject({ status: 'failed', error: { code: 'certificate_mismatch' } });
    expect(await listFiles(server.userDir)).toEqual([]);
  });

  it('refuses a plain-FTP-only server and never sends the token', async () => {
    const received: string[] = [];
    const plain = net.createServer((socket) => {
      socket.write('220 plain FTP\r\n');
      socket.on('data', (d) => {
        received.push(d.toString());
        socket.write('500 AUTH not understood\r\n');
      });
    });
    await new Promise<void>((r) => plain.listen(0, '127.0.0.1', r));
    cleanups.push(() => new Promise((r) => plain.close(() => r())));
    const work = await tempDir();
    const engine = makeEngine(path.join(work, 'data'));
    cleanups.push(async () => {
      await engine.close();
      await fsp.rm(work, { recursive: true, force: true });
    });
    await writeRandomFile(path.join(work, 'f.bin'), 100);
    const port = (plain.address() as net.AddressInfo).port;
    engine.setCredentials({ host: '127.0.0.1', port, username: 'u', token: 'secret-token-value', expiresAt: new Date(Date.now() + 60_000).toISOString(), tls: { fingerprint256: 'AB'.repeat(32) } });
    await engine.enqueueUpload({ localPaths: [path.join(work, 'f.bin')], remoteDir: '/' });
    await engine.whenIdle();
    expect(engine.page(0, 1).items[0]).toMatchObject({ status: 'failed', error: { code: 'not_ftps' } });
    expect(received.join('')).not.toContain('secret-token-value');
  });

  it('pauses on an expired token until new credentials arrive, then finishes', async () => {
    const { server, work, engine } = await setup();
    await writeRandomFile(path.join(work, 'f.bin'), 1000);
    const expired = server.credentials(undefined, new Date(Date.now() - 1000).toISOString());
    server.tokens.delete(expired.token);
    const needed: string[] = [];
    engine.on((event, payload) => {
      if (event === 'credentials-needed') needed.push(payload.reason);
    });
    engine.setCredentials(expired);
    await engine.enqueueUpload({ localPaths: [path.join(work, 'f.bin')], remoteDir: '/' });
    await engine.whenIdle();
    expect(needed).toEqual(['credentials_expired']);
    expect(engine.queueState()).toMatchObject({ state: 'waiting-credentials', reason: 'credentials_expired' });
    expect(engine.page(0, 1).items[0]).toMatchObject({ status: 'queued', error: { code: 'credentials_expired' } });
    engine.setCredentials(server.credentials());
    await engine.whenIdle();
    expect(engine.page(0, 1).items[0]?.status).toBe('verified');
  });

  it('reports a revoked token and a file deleted while queued per item; the rest goes on', async () => {
    const { server, work, engine } = await setup();
    await writeRandomFile(path.join(work, 'keep.bin'), 1000);
    await writeRandomFile(path.join(work, 'gone.bin'), 1000);
    const revoked = server.credentials();
    server.tokens.delete(revoked.token);
    engine.pause();
    engine.setCredentials(revoked);
    await engine.enqueueUpload({ localPaths: [path.join(work, 'gone.bin'), path.join(work, 'keep.bin')], remoteDir: '/' });
    await fsp.rm(path.join(work, 'gone.bin'));
    engine.resume();
    await engine.whenIdle();
    expect(engine.queueState().reason).toBe('token_revoked');
    engine.setCredentials(server.credentials());
    await engine.whenIdle();
    const [gone, keep] = engine.page(0, 2).items;
    expect(gone).toMatchObject({ status: 'failed', error: { code: 'source_missing' } });
    expect(keep?.status).toBe('verified');
  });
});
