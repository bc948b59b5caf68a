import { describe, expect, it } from 'vitest';
import { backends, bearer, useTestPortal } from '../helpers';

const IDLE = 600;
const ABSOLUTE = 3600;

describe.each(backends)('session timeouts ($name)', (backend) => {
  const portal = useTestPortal(backend, { config: { sessions: { idleTimeoutSeconds: IDLE, absoluteTimeoutSeconds: ABSOLUTE } } });

  const session = (token: string, passive = false) =>
    portal.request('/api/v1/auth/session', {
      headers: { ...bearer(token), ...(passive ? { 'x-portico-passive': '1' } : {}) },
    });

  it('expires a session left idle past the idle timeout', async () => {
    const token = await portal.signInDemo();
    portal.clock.advanceSeconds(IDLE - 1);
    expect((await session(token, true)).status).toBe(200);
    portal.clock.advanceSeconds(2);
    const expired = await session(token);
    expect(expired.status).toBe(401);
    expect((await expired.json()).error.code).toBe('session_expired');
  });

  it('slides the idle deadline on each active request', async () => {
    const token = await portal.signInDemo();
    for (let i = 0; i < 3; i += 1) {
      portal.clock.advanceSeconds(IDLE - 10);
      const response = await session(token);
      expect(response.status).toBe(200);
      const body = await response.json();
      expect(Date.parse(body.idleExpiresAt)).toBe(portal.clock.now().getTime() + IDLE * 1000);
    }
  });

  it('does not slide the idle deadline for passive requests', async () => {
    const token = await portal.signInDemo();
    const signedInAt = portal.clock.now().getTime();
    portal.clock.advanceSeconds(IDLE / 2);
    const passive = await session(token, true);
    expect(passive.status).toBe(200);
    expect(Date.parse((await passive.json()).idleExpiresAt)).toBe(signedInAt + IDLE * 1000);
    portal.clock.advanceSeconds(IDLE / 2 + 1);
    expect((await session(token, true)).status).toBe(401);
  });

  it('ends a session at the absolute timeout however active it is', async () => {
    const token = await portal.signInDemo();
    let elapsed = 0;
    while (elapsed + IDLE - 10 < ABSOLUTE) {
      portal.clock.advanceSeconds(IDLE - 10);
      elapsed += IDLE - 10;
      const response = await session(token);
      expect(response.status).toBe(200);
      expect(Date.parse((await response.json()).idleExpiresAt)).toBeLessThanOrEqual(
        portal.clock.now().getTime() - elapsed * 1000 + ABSOLUTE * 1000,
      );
    }
    portal.clock.advanceSeconds(ABSOLUTE - elapsed);
    expect((await session(token)).status).toBe(401);
  });
});
