import { describe, expect, it } from 'vitest';
import { generateReadablePassword, PasswordHasher } from '../../../server/auth/passwords';
import { MIN_ARGON2 } from '../helpers';

describe('passwords', () => {
  const hasher = new PasswordHasher(MIN_ARGON2);

  it('hashes with Argon2id at the configured cost', async () => {
    const hash = await hasher.hash('correct horse battery staple');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await hasher.verify(hash, 'correct horse battery staple')).toBe(true);
    expect(await hasher.verify(hash, 'correct horse battery stapl')).toBe(false);
  });

  it('never truncates long passwords', async () => {
    const long = 'Ab1!'.repeat(256);
    const hash = await hasher.hash(long);
    expect(await hasher.verify(hash, long)).toBe(true);
    expect(await hasher.verify(hash, long.slice(0, 72))).toBe(false);
    expect(await hasher.verify(hash, long.slice(0, 1023))).toBe(false);
  });

  it('treats a malformed stored hash as a mismatch', async () => {
    expect(await hasher.verify('not-a-hash', 'x')).toBe(false);
  });

  it('verifies unknown users against a dummy hash', async () => {
    expect(await hasher.verifyDummy('anything')).toBe(false);
  });

  it('generates unique readable passwords that meet the policy', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 500; i += 1) {
      const password = generateReadablePassword();
      expect(password.length).toBeGreaterThanOrEqual(12);
      expect(password).toMatch(/[A-Z]/);
      expect(password).toMatch(/[a-z]/);
      expect(password).toMatch(/[0-9]/);
      expect(password).toMatch(/[^A-Za-z0-9]/);
      expect(password).not.toMatch(/[lIO0\s]/);
      seen.add(password);
    }
    expect(seen.size).toBe(500);
  });
});
