/**
 * Sessions cached by one instance end when another instance revokes them:
 * the revoking instance publishes on the signals bus. Two apps on one
 * embedded database share an in-process bus, so there it is immediate; with
 * PostgreSQL the notification crosses processes, so the check waits for it
 * (bounded well above the notification's delay, and by the cache TTL anyway).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, bearer } from '../helpers';
import { postJson, startCluster, type Cluster } from './cluster';

const PASSWORD = 'Cluster-Cache-Password-42!';

describe.each(backends)(
  'session cache across instances ($name)',
  (backend) => {
    let cluster: Cluster;
    let a: string;
    let b: string;

    beforeAll(async () => {
      cluster = await startCluster(backend, 2);
      [a, b] = cluster.urls as [string, string];
      await cluster.createUser('carol', PASSWORD);
    }, 240_000);
    afterAll(async () => {
      await cluster?.close();
    }, 60_000);

    async function signIn(url: string): Promise<string> {
      const response = await postJson(url, '/api/v1/auth/sign-in', { username: 'carol', password: PASSWORD });
      expect(response.status).toBe(200);
      return ((await response.json()) as { session: { token: string } }).session.token;
    }

    const appsStatus = async (url: string, token: string): Promise<number> =>
      (await fetch(new URL('/api/v1/apps', url), { headers: bearer(token) })).status;

    async function expectRefusedOn(url: string, token: string): Promise<void> {
      if (backend.name === 'pglite') expect(await appsStatus(url, token)).toBe(401);
      else await expect.poll(() => appsStatus(url, token), { timeout: 30_000, interval: 50 }).toBe(401);
    }

    it('refuses on B a session B had cached, once it is signed out on A', async () => {
      const token = await signIn(a);
      for (let i = 0; i < 3; i += 1) expect(await appsStatus(b, token)).toBe(200);
      expect((await postJson(a, '/api/v1/auth/sign-out', {}, bearer(token))).status).toBe(204);
      expect(await appsStatus(a, token)).toBe(401);
      await expectRefusedOn(b, token);
    });

    it('keeps serving the other sessions B had cached', async () => {
      const [kept, ended] = await Promise.all([signIn(a), signIn(b)]);
      expect(await appsStatus(b, kept!)).toBe(200);
      expect(await appsStatus(b, ended!)).toBe(200);
      await postJson(a, '/api/v1/auth/sign-out', {}, bearer(ended!));
      await expectRefusedOn(b, ended!);
      expect(await appsStatus(b, kept!)).toBe(200);
    });
  },
  90_000,
);
