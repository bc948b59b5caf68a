/**
 * The transfers adapter against the embedded FTPS endpoint: credentials come
 * from a fake portal answer, the session from a small fake, events from the
 * real event hub. Covers the browser-host upload staging, download read-back,
 * remote browsing, session expiry (queue waits, then resumes) and sign-out.
 */
import { FakeClock } from '../../../fakes/fake-clock';
import { PortalApi } from '../../../../main/services/portal/client';
import { createHash } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuthState, EventChannel, EventChannels } from '../../../../common/contract';
import { createEventHub } from '../../../../main/services/core/events';
import { PortalError } from '../../../../main/services/core/errors';
import type { PortalTarget } from '../../../../main/services/portal/client';
import type { SessionService } from '../../../../main/services/auth/session-service';
import { TransfersService } from '../../../../main/services/transfers/service';
import { startEmbedded, type EmbeddedServer } from '../../../transfers/helpers/embedded';
import { tempDir, until } from '../../../transfers/helpers/engine';

const signedIn: AuthState = {
  status: 'signed-in',
  portalUrl: 'http://portal.test',
  user: { username: 'alice', displayName: 'Alice', roles: [] },
  idleExpiresAt: new Date(Date.now() + 3_600_000).toISOString(),
};
const expired: AuthState = { status: 'signed-out', portalUrl: 'http://portal.test', lastUsername: 'alice', reason: 'session-expired' };
const signedOut: AuthState = { ...expired, reason: 'signed-out' };

/** The two things the service asks of the session: its state and authorized calls. */
class FakeSession {
  state_: AuthState = signedIn;
  calls = 0;
  constructor(private readonly hub: { emit(event: 'auth:changed', payload: AuthState): void }) {}
  state(): AuthState {
    return this.state_;
  }
  async authorized<T>(call: (target: PortalTarget) => Promise<T>): Promise<T> {
    if (this.state_.status !== 'signed-in') throw new PortalError('not_signed_in', 'no');
    this.calls++;
    const result = await call({ portalUrl: 'http://portal.test', token: 'session-token' });
    // Like the real session: a successful call slides the deadline and re-announces the state.
    this.hub.emit('auth:changed', this.state_);
    return result;
  }
}

function sha(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

describe('TransfersService', () => {
  let server: EmbeddedServer;
  let userData: string;
  let session: FakeSession;
  let service: TransfersService;
  let events: { event: EventChannel; payload: unknown }[];
  let notes: string[];
  let hub: ReturnType<typeof createEventHub>;

  beforeEach(async () => {
    server = await startEmbedded();
    userData = await tempDir('portico-ts-');
    events = [];
    notes = [];
    hub = createEventHub();
    session = new FakeSession(hub);
    hub.onAny((event, payload) => void events.push({ event, payload }));
    // The fake portal: each credentials request gets a fresh token from the endpoint helper.
    const fakeFetch = (async (url: string, init: RequestInit) => {
      expect(url).toBe('http://portal.test/api/v1/transfers/credentials');
      expect((init.headers as Record<string, string>).Authorization).toBe('Bearer session-token');
      return new Response(JSON.stringify(server.credentials()), { status: 200, headers: { 'content-type': 'application/json' } });
    }) as typeof fetch;
    service = new TransfersService({
      session: session as unknown as SessionService,
      events: hub,
      notifier: { notify: (title, body) => void notes.push(`${title}: ${body}`) },
      userData,
      portal: new PortalApi({ fetch: fakeFetch, clock: new FakeClock() }),
      nativeFiles: false,
      engineOptions: { retryDelaysMs: [50, 100, 200], timeoutMs: 10_000, progressIntervalMs: 50 },
    });
    await service.settled();
  });

  afterEach(async () => {
    await service.dispose();
    await server.close();
    await fsp.rm(userData, { recursive: true, force: true });
  });

  function emitted<E extends EventChannel>(event: E): EventChannels[E][] {
    return events.filter((e) => e.event === event).map((e) => e.payload as EventChannels[E]);
  }

  async function stageAndUpload(files: { relativePath: string; data: Buffer }[], remoteDir = '/') {
    const { uploadId } = await service.uploadBegin({
      remoteDir,
      conflict: 'ask',
      files: files.map((f) => ({ relativePath: f.relativePath, size: f.data.length, lastModified: Date.now() })),
    });
    for (const [fileIndex, file] of files.entries()) {
      for (let offset = 0; offset < file.data.length; offset += 128 * 1024) {
        await service.uploadChunk({ uploadId, fileIndex, offset, data: file.data.subarray(offset, offset + 128 * 1024).toString('base64') });
      }
    }
    return service.uploadEnd(uploadId);
  }

  it('uploads streamed files and folders, verified, and cleans the staging', { timeout: 60_000 }, async () => {
    const big = Buffer.alloc(700_000, 7);
    const small = Buffer.from('hello');
    const result = await stageAndUpload([
      { relativePath: 'big.bin', data: big },
      { relativePath: 'docs/sub/note.txt', data: small },
      { relativePath: 'empty.txt', data: Buffer.alloc(0) },
    ]);
    expect(result.count).toBe(3);
    await until(() => emitted('transfers:batch-finished').length === 1);
    expect(emitted('transfers:batch-finished')[0]).toMatchObject({ succeeded: 3, failed: 0 });
    expect(sha(await fsp.readFile(path.join(server.userDir, 'big.bin')))).toBe(sha(big));
    expect(await fsp.readFile(path.join(server.userDir, 'docs/sub/note.txt'), 'utf8')).toBe('hello');
    const page = service.page({ offset: 0, limit: 10 });
    expect(page.items.map((i) => i.status).sort()).toEqual(['verified', 'verified', 'verified']);
    expect(page.items.every((i) => !('localPath' in i))).toBe(true);
    expect(notes.some((n) => n.startsWith('Upload finished'))).toBe(true);
    expect(emitted('transfers:progress').length).toBeGreaterThan(0);
    expect(emitted('transfers:taskbar-progress').length).toBeGreaterThan(0);
    // Staging is removed once the batch ended cleanly.
    const key = (await fsp.readdir(path.join(userData, 'transfers')))[0]!;
    const stagingDir = path.join(userData, 'transfers', key, 'staging');
    let left = -1;
    for (let i = 0; i < 250 && left !== 0; i++) {
      left = (await fsp.readdir(stagingDir)).length;
      if (left !== 0) await new Promise((r) => setTimeout(r, 20));
    }
    expect(left).toBe(0);
  });

  it('creates the empty folders of a dropped tree, with or without files beside them', { timeout: 60_000 }, async () => {
    const { uploadId } = await service.uploadBegin({
      remoteDir: '/',
      conflict: 'ask',
      files: [{ relativePath: 'case/a.txt', size: 1, lastModified: Date.now() }],
      folders: ['case/empty', 'case/deeper/still-empty'],
    });
    await service.uploadChunk({ uploadId, fileIndex: 0, offset: 0, data: Buffer.from('a').toString('base64') });
    expect((await service.uploadEnd(uploadId)).count).toBe(3);
    await until(() => emitted('transfers:batch-finished').length === 1);
    expect(emitted('transfers:batch-finished')[0]).toMatchObject({ succeeded: 3, failed: 0 });
    for (const dir of ['case/empty', 'case/deeper/still-empty']) expect((await fsp.stat(path.join(server.userDir, dir))).isDirectory()).toBe(true);
    // Only folders: still one batch.
    const only = await service.uploadBegin({ remoteDir: '/', conflict: 'ask', files: [], folders: ['lonely'] });
    expect((await service.uploadEnd(only.uploadId)).count).toBe(1);
    await until(() => emitted('transfers:batch-finished').length === 2);
    expect((await fsp.stat(path.join(server.userDir, 'lonely'))).isDirectory()).toBe(true);
    await expect(service.uploadBegin({ remoteDir: '/', conflict: 'ask', files: [], folders: ['x', 'x'] })).rejects.toMatchObject({ code: 'invalid_request' });
  });

  it('refuses out-of-order, oversized and unannounced chunks', async () => {
    const { uploadId } = await service.uploadBegin({ remoteDir: '/', conflict: 'ask', files: [{ relativePath: 'a.txt', size: 3, lastModified: 0 }] });
    await expect(service.uploadChunk({ uploadId, fileIndex: 0, offset: 1, data: 'YQ==' })).rejects.toMatchObject({ code: 'invalid_request' });
    await expect(service.uploadChunk({ uploadId, fileIndex: 0, offset: 0, data: Buffer.from('abcd').toString('base64') })).rejects.toMatchObject({ code: 'invalid_request' });
    await expect(service.uploadChunk({ uploadId, fileIndex: 5, offset: 0, data: 'YQ==' })).rejects.toMatchObject({ code: 'invalid_request' });
    await expect(service.uploadEnd(uploadId)).rejects.toMatchObject({ code: 'invalid_request' });
    await service.uploadAbort(uploadId);
    await expect(service.uploadBegin({ remoteDir: '/', conflict: 'ask', files: [{ relativePath: 'x', size: 1, lastModified: 0 }, { relativePath: 'x', size: 1, lastModified: 0 }] })).rejects.toMatchObject({ code: 'invalid_request' });
  });

  it('browses, creates, renames and deletes remote items; downloads and reads a file back', { timeout: 60_000 }, async () => {
    await fsp.writeFile(path.join(server.userDir, 'report.txt'), 'quarterly numbers');
    await service.createFolder('/', 'Case 1');
    await service.rename('/report.txt', 'report-final.txt');
    const listing = await service.listRemote('/');
    expect(listing.map((e) => `${e.type}:${e.name}`).sort()).toEqual(['dir:Case 1', 'file:report-final.txt']);
    await expect(service.listRemote('/missing')).rejects.toBeInstanceOf(PortalError);
    // Credentials are fetched once per session, not on every "still signed in" announcement.
    expect(session.calls).toBe(1);

    await service.download({ remotePaths: ['/report-final.txt'], conflict: 'ask' });
    await until(() => emitted('transfers:batch-finished').length === 1);
    const item = service.page({ offset: 0, limit: 10 }).items[0]!;
    expect(item.status).toBe('verified');
    const chunk = await service.readDownload({ itemId: item.id, offset: 0 });
    expect(chunk).toMatchObject({ name: 'report-final.txt', eof: true });
    expect(Buffer.from(chunk.data, 'base64').toString()).toBe('quarterly numbers');

    await service.delete('/Case 1', 'dir');
    expect((await service.listRemote('/')).map((e) => e.name)).toEqual(['report-final.txt']);
    // The browser host never takes a local folder or local paths from the page.
    await expect(service.download({ remotePaths: ['/report-final.txt'], localDir: '/tmp', conflict: 'ask' })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(service.uploadPaths({ localPaths: ['/etc/passwd'], remoteDir: '/', conflict: 'ask' })).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('asks about conflicts and renames on request', { timeout: 60_000 }, async () => {
    await fsp.writeFile(path.join(server.userDir, 'same.txt'), 'old');
    await stageAndUpload([{ relativePath: 'same.txt', data: Buffer.from('new content') }]);
    await until(() => emitted('transfers:conflict').length === 1);
    const conflict = emitted('transfers:conflict')[0]!;
    expect(conflict).toMatchObject({ name: 'same.txt', existingSize: 3, incomingSize: 11 });
    expect(service.snapshot().conflicts).toHaveLength(1);
    service.resolveConflict(conflict.itemId, 'rename', true);
    await until(() => emitted('transfers:batch-finished').length === 1);
    expect(await fsp.readFile(path.join(server.userDir, 'same.txt'), 'utf8')).toBe('old');
    const names = await fsp.readdir(server.userDir);
    expect(names.length).toBe(2);
    expect(service.snapshot().conflicts).toHaveLength(0);
  });

  it('waits while the session is expired and carries on after the next sign-in', { timeout: 60_000 }, async () => {
    session.state_ = expired;
    hub.emit('auth:changed', expired);
    await service.settled();
    expect(service.snapshot().queue).toMatchObject({ state: 'waiting-credentials', reason: 'session_expired' });
    await expect(service.listRemote('/')).rejects.toMatchObject({ code: 'not_signed_in' });

    session.state_ = signedIn;
    hub.emit('auth:changed', signedIn);
    await service.settled();
    expect(service.snapshot().queue.state).toBe('running');
    await stageAndUpload([{ relativePath: 'after.txt', data: Buffer.from('x') }]);
    await until(() => emitted('transfers:batch-finished').length === 1);

    session.state_ = signedOut;
    hub.emit('auth:changed', signedOut);
    await service.settled();
    expect(service.snapshot().queue.state).toBe('signed-out');
    expect(() => service.retryFailed()).toThrow(PortalError);
    // The queue stays on disk for the next sign-in of the same user.
    session.state_ = signedIn;
    hub.emit('auth:changed', signedIn);
    await service.settled();
    expect(service.page({ offset: 0, limit: 10 }).total).toBe(1);
  });
});
