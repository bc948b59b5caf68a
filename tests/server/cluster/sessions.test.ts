/**
 * Two instances on one database behave as one portal: sessions, sign-out
 * (also of sessions another instance has cached) and single-use launch
 * tickets hold whichever instance a request reaches.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, bearer } from '../helpers';
import { postJson, startCluster, type Cluster } from './cluster';
import { CLOSE } from '../../../server/light/close-codes';
import { openGateway } from '../light/rfb-client';

const PASSWORD = 'Cluster-Test-Password-42!';

describe.each(backends)(
  'two instances on one database ($name)',
  (backend) => {
    let cluster: Cluster;
    let a: string;
    let b: string;

    beforeAll(async () => {
      cluster = await startCluster(backend, 2);
      [a, b] = cluster.urls as [string, string];
      await cluster.createUser('alice', PASSWORD);
    }, 240_000);
    afterAll(async () => {
      await cluster?.close();
    }, 60_000);

    async function signIn(url: string): Promise<string> {
      const response = await postJson(url, '/api/v1/auth/sign-in', { username: 'alice', password: PASSWORD });
      expect(response.status).toBe(200);
      const body = (await response.json()) as { step: string; session: { token: string } };
      expect(body.step).toBe('complete');
      return body.session.token;
    }

    const session = (url: string, token: string): Promise<Response> =>
      fetch(new URL('/api/v1/auth/session', url), { headers: bearer(token) });

    it('runs separate instances', () => {
      expect(a).not.toBe(b);
    });

    it('honours a session created on one instance on the other', async () => {
      const token = await signIn(a);
      const onB = await session(b, token);
      expect(onB.status).toBe(200);
      expect(((await onB.json()) as { user: { username: string } }).user.username).toBe('alice');
      const apps = await fetch(new URL('/api/v1/apps', b), { headers: bearer(token) });
      expect(apps.status).toBe(200);
    });

    const appsStatus = async (url: string, token: string): Promise<number> =>
      (await fetch(new URL('/api/v1/apps', url), { headers: bearer(token) })).status;

    /**
     * Each instance caches the sessions it checked; a revocation on another
     * instance reaches it through the signals bus: in process on the embedded
     * database (at once), over PostgreSQL NOTIFY (milliseconds). 2 s is
     * allowed there, well under the cache's 5 s lifetime, so this still fails
     * if the signal is lost.
     */
    async function expectRefusedOn(url: string, token: string): Promise<void> {
      if (backend.name === 'pglite') expect(await appsStatus(url, token)).toBe(401);
      else await expect.poll(() => appsStatus(url, token), { timeout: 2_000, interval: 25 }).toBe(401);
    }

    it('revokes everywhere when signing out on the other instance', async () => {
      const token = await signIn(a);
      expect((await session(b, token)).status).toBe(200);
      const out = await postJson(b, '/api/v1/auth/sign-out', {}, bearer(token));
      expect(out.status).toBe(204);
      expect((await session(b, token)).status).toBe(401);
      await expectRefusedOn(a, token);
      expect((await session(a, token)).status).toBe(401);
    });

    it('refuses on B a session B had cached, once it is signed out on A', async () => {
      const token = await signIn(a);
      for (let i = 0; i < 3; i += 1) expect(await appsStatus(b, token)).toBe(200);
      expect((await postJson(a, '/api/v1/auth/sign-out', {}, bearer(token))).status).toBe(204);
      expect(await appsStatus(a, token)).toBe(401);
      await expectRefusedOn(b, token);
    });

    it('keeps sessions from both instances apart', async () => {
      const [first, second] = await Promise.all([signIn(a), signIn(b)]);
      expect(first).not.toBe(second);
      expect(await appsStatus(b, first!)).toBe(200);
      await postJson(a, '/api/v1/auth/sign-out', {}, bearer(first!));
      await expectRefusedOn(b, first!);
      expect((await session(b, second!)).status).toBe(200);
    });

    /** The light page's socket for a fresh 7-Zip ticket (the gateway redeems it, not the page). */
    async function webLaunchSocket(url: string, token: string): Promise<string> {
      const response = await postJson(url, '/api/v1/apps/7zip/launch', { method: 'web' }, bearer(token));
      expect(response.status).toBe(200);
      const { descriptor } = (await response.json()) as { descriptor: { url: string } };
      const link = new URL(descriptor.url);
      return `${link.pathname}/socket${link.search}`;
    }

    /**
     * Redeems a ticket on `url`'s gateway and answers how the socket closed.
     * The instances run with no session host, so a redeemed ticket ends in
     * "no host" and a refused one in "expired": both prove which won.
     */
    async function redeemOn(url: string, socketPath: string): Promise<'redeemed' | 'refused'> {
      const target = new URL(socketPath, url);
      target.protocol = 'ws:';
      const { closed } = openGateway(target.toString());
      const { code } = await closed;
      if (code === CLOSE.noHost) return 'redeemed';
      if (code === CLOSE.expired) return 'refused';
      throw new Error(`unexpected close ${code}`);
    }

    it('redeems a launch ticket once in the whole cluster', async () => {
      const token = await signIn(a);
      const socketPath = await webLaunchSocket(a, token);
      expect(await redeemOn(b, socketPath)).toBe('redeemed');
      expect(await redeemOn(a, socketPath)).toBe('refused');
      expect(await redeemOn(b, socketPath)).toBe('refused');
    });

    it('lets exactly one of two simultaneous redemptions on different instances win', async () => {
      const token = await signIn(b);
      for (let round = 0; round < 5; round += 1) {
        const socketPath = await webLaunchSocket(b, token);
        const outcomes = await Promise.all([redeemOn(a, socketPath), redeemOn(b, socketPath)]);
        expect(outcomes.sort()).toEqual(['redeemed', 'refused']);
      }
    });
  },
  90_000,
);
