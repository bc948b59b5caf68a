/**
 * Integration: *Save diagnostics…* against the real reference portal checks
 * the FTPS control port the portal really listens on (not 21) and only the
 * ICA/RDP gateways its catalogue uses. The gateways are local listeners that
 * accept and close, so nothing leaves 127.0.0.1.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compose, type AppCore } from '../../main/compose';
import { startServer, type RunningServer } from '../../server/index';
import { createFakePorts, type FakePorts } from '../fakes/fake-ports';
import { seedPglite } from '../setup/pglite-template';

const trusted = { trusted: true, description: 'test' };

async function closingListener(): Promise<{ server: Server; port: number }> {
  const server = createServer((socket) => socket.destroy());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as { port: number }).port };
}

describe('diagnostics against the reference portal', () => {
  let server: RunningServer;
  let dataDir: string;
  let ports: FakePorts;
  let core: AppCore;
  let ica: { server: Server; port: number };

  beforeAll(async () => {
    ica = await closingListener();
    dataDir = mkdtempSync(path.join(tmpdir(), 'portico-diag-'));
    // The catalogue uses ICA and the light version only; the RDP gateway is configured but unused.
    seedPglite(dataDir);
    server = await startServer({
      dataDir,
      port: 0,
      config: {
        launch: {
          icaAddress: `127.0.0.1:${ica.port}`,
          rdpAddress: '127.0.0.2:3389',
          allowedHosts: ['127.0.0.1', '127.0.0.2'],
        },
        apps: [
          {
            id: 'qc',
            name: 'eCapture QC',
            description: 'QC.',
            icon: 'ecapture-qc',
            kind: 'app',
            methods: ['ica', 'web'],
          },
        ],
      },
    });
    ports = createFakePorts();
    core = await compose(ports, {
      defaultPortalUrl: server.url,
      shell: 'browser',
      version: '0.1.0',
      platform: 'linux',
    });
  }, 120_000);

  afterAll(async () => {
    await core?.dispose();
    await server?.close();
    ports?.cleanup();
    await new Promise((resolve) => ica?.server.close(resolve));
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('checks no guessed FTPS port when signed out', async () => {
    const { text } = await core.desktop.collectDiagnostics();
    expect(text).toContain('OK   Portal (HTTP health)');
    expect(text).not.toContain('FTPS control port');
    expect(text).not.toMatch(/:21 /);
  });

  it(
    "checks the portal's FTPS port and the catalogue's ICA gateway, nothing else",
    { timeout: 60_000 },
    async () => {
      const demo = server.demoAccount!;
      const signIn = await core.router.handle(
        'auth:sign-in',
        [{ portalUrl: server.url, username: demo.username, password: demo.password }],
        trusted,
      );
      expect(signIn).toMatchObject({ ok: true, value: { status: 'signed-in' } });
      const ftpsPort = server.ftps!.port;
      expect(ftpsPort).not.toBe(21);

      const { text } = await core.desktop.collectDiagnostics();
      const checks = text.split('\n').filter((line) => /^(OK {3}|FAIL )/.test(line));
      expect(checks.map((line) => line.replace(/ — .*/, ''))).toEqual([
        expect.stringMatching(/^OK {3}Portal \(HTTP health\): /),
        `OK   FTPS control port: 127.0.0.1:${ftpsPort}`,
        `OK   Launch gateway (ICA): 127.0.0.1:${ica.port}`,
      ]);
      expect(text).not.toMatch(/2598|3389|127\.0\.0\.2/);
    },
  );
});
