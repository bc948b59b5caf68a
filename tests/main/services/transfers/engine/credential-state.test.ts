/**
 * The engine's credentials have one owner: it answers what is held and why
 * the queue waits, and tells every listener (pool first, run loop next) of
 * each change.
 */
import { describe, expect, it } from 'vitest';
import { CredentialState, type CredentialChange } from '../../../../../main/services/transfers/engine/credential-state';
import type { TransferCredentials } from '../../../../../main/services/transfers/engine/types';

const creds: TransferCredentials = {
  host: '127.0.0.1',
  port: 2121,
  username: 'demo',
  token: 'a-token-of-sixteen-chars',
  expiresAt: new Date(Date.now() + 60_000).toISOString(),
  tls: {},
};

describe('CredentialState', () => {
  it('starts without credentials, waiting as "missing"', () => {
    const state = new CredentialState();
    expect(state.current()).toBeNull();
    expect(state.held).toBe(false);
    expect(state.waiting).toBe('missing');
  });

  it('holds what it is given and announces each change in subscription order', () => {
    const state = new CredentialState();
    const seen: string[] = [];
    state.onChange((c) => void seen.push(`first:${c.waiting ?? 'held'}`));
    state.onChange((c) => void seen.push(`second:${c.waiting ?? 'held'}`));
    state.set(creds);
    expect(state.current()).toBe(creds);
    expect(state.held).toBe(true);
    expect(state.waiting).toBeNull();
    state.set(null);
    expect(state.waiting).toBe('missing');
    expect(seen).toEqual(['first:held', 'second:held', 'first:missing', 'second:missing']);
  });

  it('drops refused credentials once, keeping the first reason until new ones arrive', () => {
    const state = new CredentialState();
    const changes: CredentialChange[] = [];
    state.set(creds);
    state.onChange((c) => void changes.push(c));
    expect(state.expire('token_revoked')).toBe(true);
    expect(state.expire('credentials_expired')).toBe(false);
    expect(state.current()).toBeNull();
    expect(state.waiting).toBe('token_revoked');
    expect(changes).toEqual([{ credentials: null, waiting: 'token_revoked' }]);
    // Without credentials the queue already waits: nothing to expire.
    expect(new CredentialState().expire('credentials_expired')).toBe(false);
    state.set(creds);
    expect(state.waiting).toBeNull();
  });

  it('stops telling a listener that unsubscribed', () => {
    const state = new CredentialState();
    let calls = 0;
    const stop = state.onChange(() => void calls++);
    state.set(creds);
    stop();
    state.set(null);
    expect(calls).toBe(1);
  });
});
