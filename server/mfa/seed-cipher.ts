/**
 * TOTP seeds at rest: AES-256-GCM with a random 96-bit IV per seal and the
 * 128-bit tag kept. A stored value reads `s1:<key id>:<base64url(iv ‖
 * ciphertext ‖ tag)>`; the key id names the key that sealed it, so a keyring
 * of several keys opens a mix of old and new values while a rotation runs.
 * The associated data binds the ciphertext to its row (user id and device
 * id): a sealed seed copied onto another device does not open.
 *
 * Legacy values (written before seeds were encrypted) are bare Base32, which
 * never contains `:`; {@link isSealedSeed} tells them apart.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/** Key length of AES-256. */
export const SEED_KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const FORMAT = 's1';

/** What a sealed seed belongs to (part of the associated data). */
export interface SeedBinding {
  userId: string;
  deviceId: string;
}

/** One key of the keyring. */
export interface SeedKey {
  /** Non-secret fingerprint stored with every value this key seals. */
  readonly id: string;
  readonly key: Buffer;
}

/** Why a seed could not be sealed or opened; never carries a seed or a key. */
export type SeedCipherErrorCode = 'malformed' | 'unknown_key' | 'tampered' | 'no_key';

/** A typed seed failure (the message names the device, never its secret). */
export class SeedCipherError extends Error {
  constructor(
    readonly code: SeedCipherErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'SeedCipherError';
  }
}

/** The fingerprint of a key: 16 hex digits of a domain-separated SHA-256. */
export function seedKeyId(key: Buffer): string {
  return createHash('sha256').update('portico totp seed key id\0').update(key).digest('hex').slice(0, 16);
}

/** Wraps raw key bytes (exactly 32) as a keyring entry. */
export function seedKey(key: Buffer): SeedKey {
  if (key.length !== SEED_KEY_BYTES)
    throw new SeedCipherError('malformed', `A seed key is ${SEED_KEY_BYTES} bytes, not ${key.length}.`);
  return Object.freeze({ id: seedKeyId(key), key: Buffer.from(key) });
}

/** A new random key (the OS CSPRNG). */
export function newSeedKey(): SeedKey {
  return seedKey(randomBytes(SEED_KEY_BYTES));
}

/** True for a value written by {@link SeedCipher.seal} (any key), false for a legacy plaintext seed. */
export function isSealedSeed(stored: string): boolean {
  return stored.startsWith(`${FORMAT}:`);
}

/** The key id of a sealed value (null for a legacy plaintext one). */
export function sealedKeyId(stored: string): string | null {
  if (!isSealedSeed(stored)) return null;
  return stored.split(':')[1] ?? null;
}

function associatedData(keyId: string, binding: SeedBinding): Buffer {
  // NUL separators: ids are UUIDs and hex, so no field can run into the next.
  return Buffer.from(
    `portico totp seed\0${FORMAT}\0${keyId}\0${binding.userId}\0${binding.deviceId}`,
    'utf8',
  );
}

/**
 * Seals and opens seeds with a keyring: the first key seals, every key opens.
 */
export class SeedCipher {
  readonly keys: readonly SeedKey[];

  constructor(keys: readonly SeedKey[]) {
    if (keys.length === 0) throw new SeedCipherError('no_key', 'No seed key was given.');
    const ids = new Set(keys.map((k) => k.id));
    if (ids.size !== keys.length)
      throw new SeedCipherError('malformed', 'The same seed key is listed twice.');
    this.keys = Object.freeze([...keys]);
  }

  /** The key new seals use. */
  get primary(): SeedKey {
    return this.keys[0]!;
  }

  /** Whether `keyId` is in this keyring. */
  knows(keyId: string): boolean {
    return this.keys.some((k) => k.id === keyId);
  }

  /** Encrypts a Base32 seed for its row, under the primary key. */
  seal(seed: string, binding: SeedBinding): string {
    const { id, key } = this.primary;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(associatedData(id, binding));
    const body = Buffer.concat([iv, cipher.update(seed, 'utf8'), cipher.final(), cipher.getAuthTag()]);
    return `${FORMAT}:${id}:${body.toString('base64url')}`;
  }

  /**
   * Decrypts a sealed seed of `binding`'s row. A legacy plaintext value, an
   * unknown key, a changed byte or a value moved from another row throw a
   * {@link SeedCipherError}.
   */
  open(stored: string, binding: SeedBinding): string {
    const where = `device ${binding.deviceId}`;
    const parts = stored.split(':');
    if (parts.length !== 3 || parts[0] !== FORMAT) {
      throw new SeedCipherError('malformed', `The TOTP seed of ${where} is not sealed.`);
    }
    const keyId = parts[1]!;
    const entry = this.keys.find((k) => k.id === keyId);
    if (!entry)
      throw new SeedCipherError(
        'unknown_key',
        `The TOTP seed of ${where} is sealed with key ${keyId}, which this portal does not have.`,
      );
    const body = Buffer.from(parts[2]!, 'base64url');
    if (body.length <= IV_BYTES + TAG_BYTES)
      throw new SeedCipherError('malformed', `The TOTP seed of ${where} is truncated.`);
    const decipher = createDecipheriv('aes-256-gcm', entry.key, body.subarray(0, IV_BYTES), {
      authTagLength: TAG_BYTES,
    });
    decipher.setAAD(associatedData(keyId, binding));
    decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
    try {
      return Buffer.concat([
        decipher.update(body.subarray(IV_BYTES, body.length - TAG_BYTES)),
        decipher.final(),
      ]).toString('utf8');
    } catch {
      throw new SeedCipherError(
        'tampered',
        `The TOTP seed of ${where} does not open: it was changed or belongs to another device.`,
      );
    }
  }
}
