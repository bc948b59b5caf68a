import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app';
import { ManualClock } from '../../server/clock';
import { ConfigError, resolveConfig, type ServerConfig } from '../../server/config';
import { openDb, type Db } from '../../server/db';
import { backends, MIN_ARGON2, testSeedCipher } from './helpers';
import {
  createTestUser,
  enrollDevice,
  passwordStep,
  startMfaPortal,
  type MfaPortal,
} from './mfa/mfa-helpers';
import { seedPglite } from '../setup/pglite-template';

const CLIENT = '203.0.113.7';
const PROXY = '10.0.0.5';

describe('trustProxy: which peer may say who the client is', () => {
  let dir: string;
  let db: Db;
  const apps: FastifyInstance[] = [];

  /** An app with the given setting and a route echoing `request.ip`. */
  const appWith = async (trustProxy: ServerConfig['trustProxy'] | string): Promise<FastifyInstance> => {
    const config = resolveConfig({
      argon2: MIN_ARGON2,
      trustProxy: trustProxy as ServerConfig['trustProxy'],
    });
    const { app } = await buildApp({
      config,
      db,
      clock: new ManualClock(new Date('2026-01-15T09:00:00.000Z')),
      seeds: testSeedCipher(),
      publicUrl: () => 'http://127.0.0.1:1',
      plugins: [
        {
          name: 'echo',
          register: (scope) => void scope.get('/echo-ip', async (request) => ({ ip: request.ip })),
        },
      ],
    });
    apps.push(app);
    return app;
  };
  const ipSeenBy = async (app: FastifyInstance, peer: string, forwardedFor?: string): Promise<string> => {
    const answer = await app.inject({
      method: 'GET',
      url: '/api/v1/echo-ip',
      remoteAddress: peer,
      headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {},
    });
    expect(answer.statusCode).toBe(200);
    return answer.json<{ ip: string }>().ip;
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'portico-trust-proxy-'));
    seedPglite(dir);
    db = await openDb({ dataDir: dir });
  });
  afterAll(async () => {
    await Promise.all(apps.map((app) => app.close()));
    await db?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('by default believes nobody: the peer is the client, whatever X-Forwarded-For says', async () => {
    expect(resolveConfig({}).trustProxy).toBe(false);
    const app = await appWith(false);
    expect(await ipSeenBy(app, PROXY, CLIENT)).toBe(PROXY);
    expect(await ipSeenBy(app, CLIENT, '127.0.0.1')).toBe(CLIENT);
  });

  it('with a list of proxies, takes the client from X-Forwarded-For only when a listed proxy sent it', async () => {
    const app = await appWith([PROXY, '192.168.0.0/16']);
    expect(await ipSeenBy(app, PROXY, CLIENT)).toBe(CLIENT);
    expect(await ipSeenBy(app, '192.168.4.4', CLIENT)).toBe(CLIENT);
    // A client talking to the instance directly cannot claim another address.
    expect(await ipSeenBy(app, '198.51.100.9', CLIENT)).toBe('198.51.100.9');
    // Chained proxies: the address the first untrusted hop reported wins, not a spoofed left-most entry.
    expect(await ipSeenBy(app, PROXY, `1.1.1.1, ${CLIENT}`)).toBe(CLIENT);
    expect(await ipSeenBy(app, PROXY)).toBe(PROXY);
  });

  it('accepts a comma-separated string and the named ranges', async () => {
    const app = await appWith(`${PROXY}, loopback`);
    expect(await ipSeenBy(app, '127.0.0.1', CLIENT)).toBe(CLIENT);
    expect(await ipSeenBy(app, PROXY, CLIENT)).toBe(CLIENT);
    expect(await ipSeenBy(app, '198.51.100.9', CLIENT)).toBe('198.51.100.9');
  });

  it('with true believes any peer, and with a hop count trusts that many hops', async () => {
    const all = await appWith(true);
    expect(await ipSeenBy(all, '198.51.100.9', `1.1.1.1, ${CLIENT}`)).toBe('1.1.1.1');
    const oneHop = await appWith(1);
    expect(await ipSeenBy(oneHop, PROXY, `1.1.1.1, ${CLIENT}`)).toBe(CLIENT);
    const twoHops = await appWith(2);
    expect(await ipSeenBy(twoHops, PROXY, `1.1.1.1, ${CLIENT}`)).toBe('1.1.1.1');
  });

  it('refuses settings that are not addresses, ranges or counts', () => {
    for (const bad of ['10.0.0.300', 'proxy.example.com', '10.0.0.0/99', 0, -1, 1.5, []]) {
      expect(() => resolveConfig({ trustProxy: bad as ServerConfig['trustProxy'] })).toThrow(ConfigError);
    }
    expect(resolveConfig({ trustProxy: ['::1', 'fd00::/8', 'uniquelocal'] }).trustProxy).toEqual([
      '::1',
      'fd00::/8',
      'uniquelocal',
    ]);
  });
}, 120_000);

describe.each(backends.slice(0, 1))(
  'the address a push shows the approver ($name)',
  (backend) => {
    const portals: MfaPortal[] = [];
    afterAll(async () => {
      for (const portal of portals) await portal.cleanup();
    });

    /** Issues a push with X-Forwarded-For set and returns the address the phone is shown. */
    const shownAddress = async (portal: MfaPortal): Promise<string> => {
      const { user, password } = await createTestUser(portal, 'proxy-user');
      const device = await enrollDevice(portal, user);
      const bound = await portal.post('/approver/api/bind', { bindToken: device.bindToken });
      const cookie = bound.headers.get('set-cookie')!.split(';')[0]!;
      const step = await passwordStep(portal, user.username, password);
      const issued = await portal.post(
        '/api/v1/auth/mfa/push',
        { flowToken: step.body.flowToken },
        { 'x-forwarded-for': CLIENT },
      );
      expect(issued.status).toBe(200);
      const pending = await portal.get('/approver/api/pushes', { cookie });
      return pending.body.pushes[0].address as string;
    };

    it('is the proxy-reported client only when the proxy (here loopback) is trusted', async () => {
      const untrusting = await startMfaPortal(backend);
      portals.push(untrusting);
      expect(await shownAddress(untrusting)).toBe('127.0.0.1');
      const trusting = await startMfaPortal(backend, { trustProxy: ['127.0.0.1'] });
      portals.push(trusting);
      expect(await shownAddress(trusting)).toBe(CLIENT);
    }, 180_000);
  },
  180_000,
);
