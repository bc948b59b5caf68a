import { describe, expect, it } from 'vitest';
import type { InvokeChannel } from '../../../preload/contract';
import type { Handlers } from '../../../main/ipc/handlers';
import { createRouter } from '../../../main/ipc/router';
import { channelSchemas } from '../../../main/ipc/schemas';
import { PortalError } from '../../../main/services/errors';

const trusted = { trusted: true, description: 'test window' };
const untrusted = { trusted: false, description: 'iframe' };

const validArgs: { [C in InvokeChannel]: unknown[] } = {
  'app:get-info': [],
  'portal:get-branding': [],
  'auth:get-state': [],
  'auth:sign-in': [{ portalUrl: 'https://portal.example', username: 'demo', password: 'pw' }],
  'auth:sign-out': [],
  'apps:list': [],
  'apps:set-favorite': [{ appId: '7zip', favorite: true }],
  'apps:launch': [{ appId: '7zip', mode: 'native' }],
};

function recordingHandlers(calls: string[]): Handlers {
  const record = (name: string) => (...args: unknown[]) => {
    calls.push(`${name}:${JSON.stringify(args)}`);
    return { from: name } as never;
  };
  return Object.fromEntries(Object.keys(channelSchemas).map((c) => [c, record(c)])) as unknown as Handlers;
}

describe('router', () => {
  it('routes valid messages to their handler and wraps the value', async () => {
    const calls: string[] = [];
    const router = createRouter(recordingHandlers(calls), channelSchemas);
    for (const [channel, args] of Object.entries(validArgs)) {
      const result = await router.handle(channel, args, trusted);
      expect(result).toEqual({ ok: true, value: { from: channel } });
    }
    expect(calls).toHaveLength(Object.keys(validArgs).length);
  });

  it('rejects untrusted senders before anything else', async () => {
    const calls: string[] = [];
    const router = createRouter(recordingHandlers(calls), channelSchemas);
    for (const sender of [untrusted, null, undefined, {}, { trusted: 'true' }, { trusted: 1 }]) {
      const result = await router.handle('auth:get-state', [], sender as never);
      expect(result).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
    }
    expect(calls).toEqual([]);
  });

  it('rejects unknown channels, including prototype names', async () => {
    const router = createRouter(recordingHandlers([]), channelSchemas);
    for (const channel of ['nope', 'toString', '__proto__', 'constructor', 'hasOwnProperty', '', 42, null, {}]) {
      const result = await router.handle(channel as never, [], trusted);
      expect(result).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    }
  });

  it('rejects malformed arguments for each channel without echoing them', async () => {
    const calls: string[] = [];
    const router = createRouter(recordingHandlers(calls), channelSchemas);
    const secret = 'hunter2-SECRET-VALUE';
    const bad: { [C in InvokeChannel]: unknown[] } = {
      'app:get-info': [secret],
      'portal:get-branding': [{ x: secret }],
      'auth:get-state': [null],
      'auth:sign-in': [{ portalUrl: 'javascript:alert(1)', username: 'demo', password: secret }],
      'auth:sign-out': [secret, secret],
      'apps:list': [1],
      'apps:set-favorite': [{ appId: '7zip', favorite: 'yes', note: secret }],
      'apps:launch': [{ appId: '../../etc/passwd', mode: 'native', secret }],
    };
    for (const [channel, args] of Object.entries(bad)) {
      const result = await router.handle(channel, args, trusted);
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.error.code).toBe('invalid_request');
        expect(JSON.stringify(result)).not.toContain(secret);
      }
    }
    expect(calls).toEqual([]);
  });

  it('enforces the documented limits', async () => {
    const router = createRouter(recordingHandlers([]), channelSchemas);
    const signIn = (o: Record<string, unknown>) =>
      router.handle('auth:sign-in', [{ portalUrl: 'https://p.example', username: 'demo', password: 'pw', ...o }], trusted);
    expect((await signIn({ username: 'u'.repeat(128) })).ok).toBe(true);
    expect((await signIn({ username: 'u'.repeat(129) })).ok).toBe(false);
    expect((await signIn({ username: '' })).ok).toBe(false);
    expect((await signIn({ password: 'p'.repeat(1024) })).ok).toBe(true);
    expect((await signIn({ password: 'p'.repeat(1025) })).ok).toBe(false);
    expect((await signIn({ portalUrl: `https://p.example/${'a'.repeat(2048 - 18)}` })).ok).toBe(true);
    expect((await signIn({ portalUrl: `https://p.example/${'a'.repeat(2048)}` })).ok).toBe(false);
    for (const url of ['file:///etc/passwd', 'ftp://p.example', 'javascript:alert(1)', 'not a url', 'smb://host/share']) {
      expect((await signIn({ portalUrl: url })).ok).toBe(false);
    }
    const launch = (appId: unknown) => router.handle('apps:launch', [{ appId, mode: 'web' }], trusted);
    expect((await launch('a'.repeat(64))).ok).toBe(true);
    expect((await launch('a'.repeat(65))).ok).toBe(false);
    for (const id of ['UPPER', 'a_b', 'a b', 'a/b', '', 'é']) expect((await launch(id)).ok).toBe(false);
  });

  it('maps a thrown PortalError to its typed error', async () => {
    const handlers = recordingHandlers([]);
    handlers['auth:sign-in'] = async () => {
      throw new PortalError('invalid_credentials', 'The username or password is incorrect.', { attemptsLeft: 2 });
    };
    const router = createRouter(handlers, channelSchemas);
    const result = await router.handle('auth:sign-in', validArgs['auth:sign-in'], trusted);
    expect(result).toEqual({
      ok: false,
      error: { code: 'invalid_credentials', message: 'The username or password is incorrect.', details: { attemptsLeft: 2 } },
    });
  });

  it('maps unexpected throws and rejections to internal without leaking the message', async () => {
    const leak = 'db password=topsecret at /home/user/.config';
    const throwers: (() => unknown)[] = [
      () => {
        throw new Error(leak);
      },
      () => Promise.reject(new TypeError(leak)),
      () => {
        throw leak;
      },
      () => Promise.reject(null),
      () => {
        throw Object.defineProperty({}, 'name', {
          get() {
            throw new Error(leak);
          },
        });
      },
    ];
    for (const thrower of throwers) {
      const handlers = recordingHandlers([]);
      handlers['apps:list'] = thrower as never;
      const logged: string[] = [];
      const router = createRouter(handlers, channelSchemas, { log: (l) => logged.push(l) });
      const result = await router.handle('apps:list', [], trusted);
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.error.code).toBe('internal');
        expect(JSON.stringify(result)).not.toContain('topsecret');
      }
      expect(logged.join('\n')).not.toContain('topsecret');
    }
  });
});
