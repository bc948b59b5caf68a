import { endpoints } from '../../../../common/api';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PortalError } from '../../../../main/services/core/errors';
import { PortalApi } from '../../../../main/services/portal/client';
import { normalisePortalUrl } from '../../../../main/services/portal/url';
import { FakeClock } from '../../../fakes/fake-clock';
import { sendJson, startFakePortal, type FakePortal } from '../../../fakes/fake-portal';

async function errorOf(promise: Promise<unknown>): Promise<PortalError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(PortalError);
    return error as PortalError;
  }
  throw new Error('expected a PortalError');
}

describe('normalisePortalUrl', () => {
  it('canonicalises what users type', () => {
    expect(normalisePortalUrl(' https://Portal.Example.com/ ')).toBe('https://portal.example.com');
    expect(normalisePortalUrl('https://portal.example.com/base/api/v1/?x=1#f')).toBe('https://portal.example.com/base');
    expect(normalisePortalUrl('http://127.0.0.1:8443')).toBe('http://127.0.0.1:8443');
  });

  it('refuses non-http(s) and credentials', () => {
    for (const bad of ['ftp://x', 'javascript:alert(1)', 'file:///etc', 'https://u:p@host', 'nope']) {
      expect(() => normalisePortalUrl(bad)).toThrow(PortalError);
    }
  });
});

describe('PortalApi', () => {
  let portal: FakePortal;
  const clock = new FakeClock(Date.now());
  const client = new PortalApi({ fetch: globalThis.fetch.bind(globalThis), clock, timeoutMs: 10_000 });
  beforeAll(async () => {
    portal = await startFakePortal();
  });
  afterAll(() => portal.close());
  afterEach(() => portal.clearOverrides());

  it('signs in, sends the bearer token and records the server clock offset', async () => {
    const outcome = await client.signIn(`${portal.url}/`, 'demo', 'correct horse');
    expect(outcome.step).toBe('complete');
    if (outcome.step !== 'complete') return;
    expect(outcome.user.username).toBe('demo');
    expect(Math.abs(client.clockOffsetMs()!)).toBeLessThan(60_000);
    const apps = await client.listApps({ portalUrl: portal.url, token: outcome.session.token });
    expect(apps.map((a) => a.id)).toEqual(portal.apps.map((a) => a.id));
    expect(portal.requests.at(-1)!.headers.authorization).toBe(`Bearer ${outcome.session.token}`);
    await client.getSession({ portalUrl: portal.url, token: outcome.session.token }, { passive: true });
    expect(portal.requests.at(-1)!.headers['x-portico-passive']).toBe('1');
  });

  it('gives a push wait (a long poll) longer than ordinary requests before calling the portal unreachable', async () => {
    const impatient = new PortalApi({ fetch: globalThis.fetch.bind(globalThis), clock, timeoutMs: 300 });
    const slow = (status: number, body: unknown) => (_req: unknown, res: Parameters<typeof sendJson>[0]) => {
      setTimeout(() => sendJson(res, status, body), 900);
    };
    portal.override('POST /auth/mfa/push/wait', slow(200, { state: 'pending', expiresAt: new Date().toISOString() }));
    portal.override('GET /apps', slow(200, { apps: [] }));
    const waited = await impatient.call({ portalUrl: portal.url }, endpoints.flowPushWait, { body: { flowToken: 'f', pushId: 'p' } });
    expect(waited).toMatchObject({ state: 'pending' });
    expect((await errorOf(impatient.listApps({ portalUrl: portal.url, token: 'bogus-token-value-123' }))).code).toBe('connection_failed');
  });

  it('maps typed portal errors to contract codes without the server text', async () => {
    const wrong = await errorOf(client.signIn(portal.url, 'demo', 'wrong'));
    expect(wrong.code).toBe('invalid_credentials');
    expect(wrong.message).not.toContain('Wrong username');
    expect((await errorOf(client.listApps({ portalUrl: portal.url, token: 'bogus-token-value-123' }))).code).toBe('session_expired');

    portal.override('POST /auth/sign-in', (_req, res) =>
      sendJson(res, 423, { error: { code: 'locked', message: 'x', details: { retryAfterSeconds: 600, secretInternal: 'leak' } } }),
    );
    const locked = await errorOf(client.signIn(portal.url, 'demo', 'x'));
    expect(locked.code).toBe('locked');
    expect(locked.details).toEqual({ retryAfterSeconds: 600 });
  });

  it.each([
    ['HTML error page', 502, '<html>Bad gateway</html>', 'portal_error'],
    ['unknown code', 418, '{"error":{"code":"teapot","message":"x"}}', 'portal_error'],
    ['prototype code', 400, '{"error":{"code":"__proto__","message":"x"}}', 'invalid_request'],
    ['payload too large', 413, '{"error":{"code":"payload_too_large","message":"x"}}', 'invalid_request'],
    ['rate limited', 429, '{"error":{"code":"rate_limited","message":"x","details":{"retryAfterSeconds":5}}}', 'rate_limited'],
  ])('maps %s', async (_label, status, body, code) => {
    portal.override('GET /branding', (_req, res) => {
      res.writeHead(status, { 'Content-Type': 'text/html' }).end(body);
    });
    expect((await errorOf(client.getBranding({ portalUrl: portal.url }))).code).toBe(code);
  });

  it.each([
    ['not JSON', 'not json'],
    ['wrong types', JSON.stringify({ apps: [{ id: 'X Y', name: 1 }] })],
    ['hostile id', JSON.stringify({ apps: [{ id: '../../x', name: 'n', description: '', icon: '', kind: 'app', methods: ['ica'] }] })],
    ['huge body', JSON.stringify({ apps: [], pad: 'x'.repeat(2 * 1024 * 1024) })],
  ])('rejects a hostile apps answer (%s) as portal_error', async (_label, body) => {
    portal.override('GET /apps', (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(body);
    });
    const signedIn = await client.signIn(portal.url, 'demo', 'correct horse');
    const token = signedIn.step === 'complete' ? signedIn.session.token : '';
    expect((await errorOf(client.listApps({ portalUrl: portal.url, token }))).code).toBe('portal_error');
  });

  it('reports an unknown sign-in step as unsupported', async () => {
    portal.override('POST /auth/sign-in', (_req, res) => sendJson(res, 200, { step: 'mfa', flowToken: 'f' }));
    // The raw step travels along for the step's handler (validated there).
    expect(await client.signIn(portal.url, 'demo', 'x')).toEqual({ step: 'unsupported', portalStep: 'mfa', body: { step: 'mfa', flowToken: 'f' } });
    portal.override('POST /auth/sign-in', (_req, res) => sendJson(res, 200, { step: '<script>' }));
    expect(await client.signIn(portal.url, 'demo', 'x')).toEqual({ step: 'unsupported', portalStep: 'unknown', body: { step: '<script>' } });
  });

  it('maps network failures and timeouts to connection_failed', async () => {
    const closed = await startFakePortal();
    const url = closed.url;
    await closed.close();
    expect((await errorOf(client.getBranding({ portalUrl: url }))).code).toBe('connection_failed');

    const slow = new PortalApi({ fetch: globalThis.fetch.bind(globalThis), clock, timeoutMs: 200 });
    portal.override('GET /branding', () => {
      // Never answer.
    });
    expect((await errorOf(slow.getBranding({ portalUrl: portal.url }))).code).toBe('connection_failed');
  });

  it('does not follow redirects', async () => {
    portal.override('GET /branding', (_req, res) => {
      res.writeHead(302, { Location: 'http://127.0.0.1:1/elsewhere' }).end();
    });
    expect((await errorOf(client.getBranding({ portalUrl: portal.url }))).code).toBe('connection_failed');
  });
});
