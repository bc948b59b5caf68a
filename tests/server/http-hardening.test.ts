import { describe, expect, it } from 'vitest';
import { backends, useTestPortal } from './helpers';

describe('malformed and hostile requests', () => {
  const portal = useTestPortal(backends[0]!);

  async function expectTypedError(
    response: Response,
    status: number,
    code: string,
  ): Promise<Record<string, unknown>> {
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const body = await response.json();
    expect(body.error.code).toBe(code);
    expect(typeof body.error.message).toBe('string');
    return body.error;
  }

  async function expectHealthy(): Promise<void> {
    const health = await portal.request('/api/v1/health');
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok' });
  }

  const rawSignIn = (body: string, contentType = 'application/json') =>
    portal.request('/api/v1/auth/sign-in', {
      method: 'POST',
      headers: { 'content-type': contentType },
      body,
    });

  it('refuses malformed JSON without echoing it', async () => {
    const error = await expectTypedError(await rawSignIn('{"username": "demo", '), 400, 'invalid_request');
    expect(JSON.stringify(error)).not.toContain('username');
    await expectHealthy();
  });

  it('refuses an empty JSON body', async () => {
    await expectTypedError(await rawSignIn(''), 400, 'invalid_request');
    await expectHealthy();
  });

  it('refuses missing fields and names the field', async () => {
    const error = await expectTypedError(
      await portal.post('/api/v1/auth/sign-in', { username: 'demo' }),
      400,
      'invalid_request',
    );
    expect(error.details).toEqual({ field: 'password' });
    await expectHealthy();
  });

  it('refuses wrong types', async () => {
    const cases: unknown[] = [
      { username: 42, password: 'x' },
      { username: 'demo', password: ['x'] },
      { username: null, password: null },
      [],
      'demo',
      null,
      7,
    ];
    for (const body of cases) {
      await expectTypedError(await portal.post('/api/v1/auth/sign-in', body), 400, 'invalid_request');
    }
    await expectHealthy();
  });

  it('refuses prototype-poisoning payloads', async () => {
    await expectTypedError(
      await rawSignIn('{"__proto__":{"admin":true},"username":"a","password":"b"}'),
      400,
      'invalid_request',
    );
    await expectHealthy();
  });

  it('refuses bodies over 64 KiB with 413', async () => {
    const big = JSON.stringify({ username: 'demo', password: 'x'.repeat(70 * 1024) });
    await expectTypedError(await rawSignIn(big), 413, 'payload_too_large');
    await expectHealthy();
  });

  it('refuses non-JSON content types with 415', async () => {
    await expectTypedError(
      await rawSignIn('username=demo&password=x', 'application/x-www-form-urlencoded'),
      415,
      'unsupported_media_type',
    );
    await expectTypedError(await rawSignIn('hello', 'text/plain'), 415, 'unsupported_media_type');
    await expectHealthy();
  });

  it('answers unknown routes with a typed 404', async () => {
    await expectTypedError(await portal.request('/api/v1/no-such-thing'), 404, 'not_found');
    await expectTypedError(await portal.request('/api/v1/auth/sign-in'), 404, 'not_found');
    await expectHealthy();
  });

  it('serves branding publicly', async () => {
    const response = await portal.request('/api/v1/branding');
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toEqual({
      name: portal.server.config.branding.name,
      supportPhones: portal.server.config.branding.supportPhones,
      supportEmail: portal.server.config.branding.supportEmail,
      portalId: expect.stringMatching(/^\S+$/),
    });
    // The identity is made once and announced the same on every call.
    expect(((await (await portal.request('/api/v1/branding')).json()) as Record<string, unknown>).portalId).toBe(body.portalId);
  });
});
