import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  SeedCipher,
  SeedCipherError,
  isSealedSeed,
  newSeedKey,
  sealedKeyId,
  seedKey,
} from '../../../server/mfa/seed-cipher';
import { createTotpSecret } from '../../../server/mfa/totp';

const row = () => ({ userId: randomUUID(), deviceId: randomUUID() });

/** Flips one bit of the sealed body's byte at `index` (negative: from the end). */
function flipByte(stored: string, index: number): string {
  const [format, keyId, body] = stored.split(':') as [string, string, string];
  const bytes = Buffer.from(body, 'base64url');
  const at = index < 0 ? bytes.length + index : index;
  bytes[at]! ^= 0x01;
  return `${format}:${keyId}:${bytes.toString('base64url')}`;
}

function openError(cipher: SeedCipher, stored: string, binding: { userId: string; deviceId: string }) {
  try {
    cipher.open(stored, binding);
  } catch (error) {
    return error;
  }
  return null;
}

describe('TOTP seed cipher (AES-256-GCM)', () => {
  it('round-trips a seed, with the key id in front and a new IV every time', () => {
    const cipher = new SeedCipher([newSeedKey()]);
    const seed = createTotpSecret();
    const binding = row();
    const first = cipher.seal(seed, binding);
    const second = cipher.seal(seed, binding);
    expect(first).toMatch(new RegExp(`^s1:${cipher.primary.id}:[A-Za-z0-9_-]+$`));
    expect(isSealedSeed(first)).toBe(true);
    expect(sealedKeyId(first)).toBe(cipher.primary.id);
    expect(first).not.toContain(seed);
    // A random 96-bit IV per seal: the same seed never seals to the same value.
    expect(second).not.toBe(first);
    expect(Buffer.from(first.split(':')[2]!, 'base64url').subarray(0, 12)).not.toEqual(
      Buffer.from(second.split(':')[2]!, 'base64url').subarray(0, 12),
    );
    expect(cipher.open(first, binding)).toBe(seed);
    expect(cipher.open(second, binding)).toBe(seed);
  });

  it('refuses a value with any flipped byte: IV, ciphertext or tag', () => {
    const cipher = new SeedCipher([newSeedKey()]);
    const seed = createTotpSecret();
    const binding = row();
    const sealed = cipher.seal(seed, binding);
    const length = Buffer.from(sealed.split(':')[2]!, 'base64url').length;
    for (const index of [0, 11, 12, 20, length - 17, length - 16, length - 1]) {
      const error = openError(cipher, flipByte(sealed, index), binding);
      expect(error, `byte ${index}`).toBeInstanceOf(SeedCipherError);
      expect((error as SeedCipherError).code).toBe('tampered');
      expect((error as Error).message).not.toContain(seed);
    }
  });

  it('refuses a sealed value moved onto another row (device or user)', () => {
    const cipher = new SeedCipher([newSeedKey()]);
    const binding = row();
    const sealed = cipher.seal(createTotpSecret(), binding);
    for (const other of [
      { ...binding, deviceId: randomUUID() },
      { ...binding, userId: randomUUID() },
      { userId: binding.deviceId, deviceId: binding.userId },
    ]) {
      expect((openError(cipher, sealed, other) as SeedCipherError).code).toBe('tampered');
    }
  });

  it('refuses a changed key id, a legacy plaintext value, a truncated one and an unknown key', () => {
    const keyA = newSeedKey();
    const keyB = newSeedKey();
    const cipher = new SeedCipher([keyA]);
    const binding = row();
    const seed = createTotpSecret();
    const sealed = cipher.seal(seed, binding);
    const relabelled = sealed.replace(`:${keyA.id}:`, `:${keyB.id}:`);
    expect((openError(new SeedCipher([keyA, keyB]), relabelled, binding) as SeedCipherError).code).toBe(
      'tampered',
    );
    expect((openError(cipher, seed, binding) as SeedCipherError).code).toBe('malformed');
    expect(isSealedSeed(seed)).toBe(false);
    expect((openError(cipher, `s1:${keyA.id}:AAAA`, binding) as SeedCipherError).code).toBe('malformed');
    const unknown = openError(new SeedCipher([keyB]), sealed, binding) as SeedCipherError;
    expect(unknown.code).toBe('unknown_key');
    expect(unknown.message).toContain(keyA.id);
    expect(unknown.message).not.toContain(seed);
  });

  it('seals with the first key of a keyring and opens with any of them', () => {
    const oldKey = newSeedKey();
    const newKey = newSeedKey();
    const binding = row();
    const seed = createTotpSecret();
    const oldValue = new SeedCipher([oldKey]).seal(seed, binding);
    const ring = new SeedCipher([newKey, oldKey]);
    const newValue = ring.seal(seed, binding);
    expect(sealedKeyId(newValue)).toBe(newKey.id);
    expect(ring.open(oldValue, binding)).toBe(seed);
    expect(ring.open(newValue, binding)).toBe(seed);
    expect(openError(new SeedCipher([oldKey]), newValue, binding)).toBeInstanceOf(SeedCipherError);
  });

  it('takes only 32-byte keys, one keyring entry per key, and key ids that do not reveal the key', () => {
    expect(() => seedKey(Buffer.alloc(16))).toThrow(SeedCipherError);
    const key = newSeedKey();
    expect(() => new SeedCipher([key, key])).toThrow(/twice/);
    expect(() => new SeedCipher([])).toThrow(SeedCipherError);
    expect(key.id).toMatch(/^[0-9a-f]{16}$/);
    expect(key.key.toString('hex')).not.toContain(key.id);
  });
});
