import { describe, expect, it } from 'vitest';
import type { InvokeChannel } from '../../../common/contract';
import type { Handlers } from '../../../main/ipc/handler-types';
import { createRouter } from '../../../main/ipc/router';
import { channelSchemas } from '../../../main/ipc/schemas';
import { PortalError } from '../../../main/services/core/errors';
import { validArgs } from './valid-args';

const trusted = { trusted: true, description: 'test window' };
const untrusted = { trusted: false, description: 'iframe' };

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
      'apps:get-launch-preference': [secret],
      'apps:set-launch-preference': [{ preference: 'web', secret }],
      // Second factor and activation.
      'mfa:enroll-start': [{ kind: 'pager', phoneNumber: secret }],
      'mfa:enroll-status': [secret],
      'mfa:enroll-confirm': [{ code: 'x'.repeat(65), secret }],
      'mfa:set-preference': [{ preference: 'sms' }],
      'mfa:backup-codes': [secret],
      'mfa:backup-codes-saved': [{ secret }],
      'mfa:recovery-phone': [{ phoneNumber: secret }],
      'mfa:passcode': [{ code: secret, remember: 'yes' }],
      'mfa:push-start': [secret],
      'mfa:push-wait': [{}],
      'mfa:push-cancel': [1],
      'mfa:get-account': [secret],
      'mfa:step-up': [{ password: secret }],
      'mfa:rename-device': [{ id: '../x', name: secret }],
      'mfa:remove-device': [{ id: 7 }],
      'mfa:forget-this-device': [secret],
      // Desktop integration.
      'diagnostics:save': [{ path: secret }],
      'desktop:get-settings': [secret],
      'desktop:set-settings': [{ closeToTray: 'no', secret }],
      // File transfers.
      'transfers:get-state': [secret],
      'transfers:page': [{ offset: -1, limit: 50 }],
      'transfers:list-remote': [{ path: '/../etc' }],
      'transfers:create-folder': [{ parent: '/', name: '../x' }],
      'transfers:rename': [{ path: '/a.txt', newName: 'a/b' }],
      'transfers:delete': [{ path: 'relative', kind: 'file' }],
      'transfers:upload-paths': [{ localPaths: [], remoteDir: '/', conflict: 'ask' }],
      'transfers:upload-begin': [{ remoteDir: '/', conflict: 'ask', files: [{ relativePath: '../evil', size: 3, lastModified: 0 }] }],
      'transfers:upload-chunk': [{ uploadId: 'abcdefghijklmnopqrstuvwx', fileIndex: 0, offset: 0, data: 'A'.repeat(200_000) }],
      'transfers:upload-end': [{ uploadId: 'short' }],
      'transfers:upload-abort': [{ uploadId: secret + '!' }],
      'transfers:download': [{ remotePaths: ['/a\r\nDELE x'], conflict: 'ask' }],
      'transfers:read-download': [{ itemId: 'x', offset: 0 }],
      'transfers:download-tree': [{ batchId: -1 }],
      'transfers:drag-out-prepare': [{ path: '../etc/passwd' }],
      'transfers:drag-out-read': [{ token: 'short', offset: 0 }],
      'transfers:pick-files': [secret],
      'transfers:pick-folder': [secret],
      'transfers:pause': [{ ids: ['1'] }],
      'transfers:pause-all': [secret],
      'transfers:resume-all': [{}],
      'transfers:cancel-all': [null],
      'transfers:download-to': [{ remotePaths: ['/a.txt'], conflict: 'ask' }],
      'transfers:resume': [{ ids: [1], extra: secret }],
      'transfers:cancel': [{ ids: [-1] }],
      'transfers:move': [{ id: 1 }],
      'transfers:retry-failed': [secret],
      'transfers:resolve-conflict': [{ id: 1, choice: 'explode', applyToBatch: true }],
      'transfers:clear-finished': [1],
      // Passwords, security questions, reset.
      'password:get-policy': [secret],
      'password:get-status': [{ secret }],
      'password:change': [{ currentPassword: secret, newPassword: '' }],
      'auth:set-new-password': [{ newPassword: 'x'.repeat(1025) }],
      'auth:set-security-questions': [{ chosen: [{ questionId: 'first-pet', answer: secret }], custom: { question: 'q?', answer: 'a' } }],
      'security-questions:list': [1],
      'security-questions:current': [{ userId: secret }],
      'security-questions:update': [{ chosen: [], custom: {}, password: secret, extra: secret }],
      'reset:start': [{ portalUrl: 'file:///etc/passwd', username: secret }],
      'reset:answer': [{ answers: [secret] }],
      'reset:passcode': [{ code: '', secret }],
      'reset:push-start': [secret],
      'reset:push-wait': [{ pushId: secret }],
      'reset:push-cancel': [secret],
      'reset:set-password': [{ newPassword: 42 }],
      'reset:cancel': [secret],
      // New-user requests and administration.
      'requests:create': [{ fullName: secret, email: `a\r\nb@example.com`, extra: secret }],
      'requests:list-mine': [secret],
      'admin:list-requests': [{ status: secret }],
      'admin:approve-request': [{ id: '../x', username: secret + '/' }],
      'admin:decline-request': [{ id: '0b7e7f5e-8d0c-4c4b-9a8e-3f0f6f7a1b2c', reason: '' , secret }],
      'admin:list-users': [{ query: `${secret}\u0000` }],
      'admin:user-action': [{ username: 'jdoe', action: 'delete-everything', secret }],
      'admin:issue-temporary-password': [{ username: 'jdoe\nroot', secret }],
      'admin:list-activity': [{ since: secret }],
      'admin:export-activity': [{ type: 'DROP TABLE', secret }],
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
