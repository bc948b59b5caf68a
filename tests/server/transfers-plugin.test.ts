/**
 * The portal's FTPS wiring: `startServer` starts the endpoint, the
 * credentials route needs a session and is never cached, the token logs in
 * to the endpoint, and sign-out revokes it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'basic-ftp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../server/index';
import { seedPglite } from '../setup/pglite-template';

async function ftpsLogin(port: number, username: string, token: string): Promise<boolean> {
  const client = new Client(15_000);
  try {
    // The test only asks "does the endpoint accept this token"; the client's pinning is tested elsewhere.
    await client.access({ host: '127.0.0.1', port, user: username, password: token, secure: true, secureOptions: { rejectUnauthorized: false } });
    await client.list('/');
    return true;
  } catch {
    return false;
  } finally {
    client.close();
  }
}

describe('transfers plugin', () => {
  let server: RunningServer;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'portico-ftps-plugin-'));
    seedPglite(dataDir);
    server = await startServer({ dataDir, port: 0 });
  }, 120_000);

  afterAll(async () => {
    await server?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('issues credentials to a session, accepts them over FTPS, and revokes them on sign-out', { timeout: 120_000 }, async () => {
    expect(server.ftps).not.toBeNull();
    expect(server.ftps!.port).toBeGreaterThan(0);
    const anonymous = await fetch(`${server.url}/api/v1/transfers/credentials`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(anonymous.status).toBe(401);

    const demo = server.demoAccount!;
    const signIn = await fetch(`${server.url}/api/v1/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: demo.username, password: demo.password }),
    });
    const session = ((await signIn.json()) as { session: { token: string } }).session.token;
    const auth = { authorization: `Bearer ${session}`, 'content-type': 'application/json' };

    const response = await fetch(`${server.url}/api/v1/transfers/credentials`, { method: 'POST', headers: auth, body: '{}' });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const creds = (await response.json()) as { host: string; port: number; username: string; token: string; tls: { fingerprint256: string } };
    expect(creds).toMatchObject({ host: '127.0.0.1', port: server.ftps!.port, username: demo.username });
    expect(creds.tls.fingerprint256).toMatch(/^[0-9A-F:]+$/i);
    expect(await ftpsLogin(creds.port, creds.username, creds.token)).toBe(true);
    expect(await ftpsLogin(creds.port, creds.username, `${creds.token.slice(0, -2)}xx`)).toBe(false);

    const out = await fetch(`${server.url}/api/v1/auth/sign-out`, { method: 'POST', headers: auth, body: '{}' });
    expect(out.status).toBe(204);
    expect(await ftpsLogin(creds.port, creds.username, creds.token)).toBe(false);
  });
});
