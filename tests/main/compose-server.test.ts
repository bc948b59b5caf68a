/**
 * Integration: the composed core against the real reference portal
 * (server/index.ts) on 127.0.0.1, with fake OS ports.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppTile } from '../../common/contract';
import { compose, type AppCore } from '../../main/compose';
import { startServer, type RunningServer } from '../../server/index';
import { createFakePorts, type FakePorts } from '../fakes/fake-ports';
import { seedPglite } from '../setup/pglite-template';

const trusted = { trusted: true, description: 'test' };

describe('compose against the reference portal', () => {
  let server: RunningServer;
  let dataDir: string;
  let ports: FakePorts;
  let core: AppCore;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'portico-portal-'));
    seedPglite(dataDir);
    server = await startServer({ dataDir, port: 0 });
    ports = createFakePorts();
    core = await compose(ports, { defaultPortalUrl: server.url, shell: 'browser', version: '0.1.0', platform: 'linux' });
  }, 120_000);

  afterAll(async () => {
    await core?.dispose();
    await server?.close();
    ports?.cleanup();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('signs in, lists, launches natively and as the light version, and signs out', { timeout: 120_000 }, async () => {
    const demo = server.demoAccount!;
    const bad = await core.router.handle('auth:sign-in', [{ portalUrl: server.url, username: demo.username, password: 'wrong password' }], trusted);
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_credentials' } });

    const signIn = await core.router.handle('auth:sign-in', [{ portalUrl: server.url, username: demo.username, password: demo.password }], trusted);
    expect(signIn).toMatchObject({ ok: true, value: { status: 'signed-in', user: { username: demo.username } } });

    const list = await core.router.handle('apps:list', [], trusted);
    expect(list.ok).toBe(true);
    const apps = list.ok ? (list.value as AppTile[]) : [];
    expect(apps.length).toBeGreaterThan(0);

    const native = apps.find((a) => a.methods.includes('ica') || a.methods.includes('rdp'));
    if (native) {
      const result = await core.router.handle('apps:launch', [{ appId: native.id, mode: 'native' }], trusted);
      expect(result).toMatchObject({ ok: true, value: { status: 'launched' } });
      expect(ports.osLauncher.opened.at(-1)!.mode).toBe(0o600);
    }
    const web = apps.find((a) => a.methods.includes('web'));
    if (web) {
      const result = await core.router.handle('apps:launch', [{ appId: web.id, mode: 'web' }], trusted);
      expect(result).toEqual({ ok: true, value: { status: 'launched', method: 'web' } });
      expect(ports.webSessions.opened.at(-1)!.allowedOrigin).toBe(new URL(ports.webSessions.opened.at(-1)!.url).origin);
    }

    const out = await core.router.handle('auth:sign-out', [], trusted);
    expect(out).toMatchObject({ ok: true, value: { status: 'signed-out', lastUsername: demo.username } });
    expect(await core.router.handle('apps:list', [], trusted)).toMatchObject({ ok: false, error: { code: 'not_signed_in' } });
  });
});
