import { hash, verify } from '@node-rs/argon2';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PASSWORD_POLICY, evaluatePassword } from '../../../server/policy/password-policy';
import { isRecentPassword, nextPasswordHistory } from '../../../server/policy/password-history';

// Low cost keeps the test quick; the production cost lives in the server config.
const fast = { memoryCost: 1024, timeCost: 1, parallelism: 1 };
const verifier = (h: string, p: string) => verify(h, p);
const policy = { ...DEFAULT_PASSWORD_POLICY };

describe('password history', () => {
  const passwords = ['Old-Pass-6', 'Old-Pass-5', 'Old-Pass-4', 'Old-Pass-3', 'Old-Pass-2', 'Old-Pass-1'];
  let history: string[] = [];
  let temporaryHash = '';

  beforeAll(async () => {
    // Build the history as the server would: oldest change first, newest hash first.
    for (const pw of passwords)
      history = nextPasswordHistory(history, await hash(pw, fast), { historyCount: 6 });
    temporaryHash = await hash('Temp-Activation-1', fast);
  }, 60_000);

  it.each(passwords.slice(1).map((p, i) => [p, i + 1]))(
    'rejects %s (change %i of the last 5)',
    async (pw) => {
      const recent = await isRecentPassword(pw, history, policy, verifier);
      expect(recent).toBe(true);
      expect(evaluatePassword(pw, policy, { isRecent: recent }).isAcceptable).toBe(false);
    },
  );

  it('accepts the 6th-oldest password again', async () => {
    expect(history).toHaveLength(6);
    expect(await isRecentPassword('Old-Pass-6', history, policy, verifier)).toBe(false);
  });

  it('never accepts the temporary password, whatever the history length', async () => {
    expect(
      await isRecentPassword('Temp-Activation-1', [], { historyCount: 0 }, verifier, [temporaryHash]),
    ).toBe(true);
  });

  it('accepts a new password and treats a broken stored hash as no match', async () => {
    expect(await isRecentPassword('Brand-New-7', [...history, 'not-a-hash'], policy, verifier)).toBe(false);
  });

  it('keeps only historyCount hashes, newest first', () => {
    const next = nextPasswordHistory(['h5', 'h4', 'h3', 'h2', 'h1'], 'h6', policy);
    expect(next).toEqual(['h6', 'h5', 'h4', 'h3', 'h2']);
    expect(nextPasswordHistory(['h1'], 'h2', { historyCount: 0 })).toEqual(['h2']);
  });
});
