/**
 * Where the seed key comes from: `PORTICO_SEED_KEY` (base64 of 32 bytes; a
 * comma-separated list while a rotation runs, the first one sealing), else
 * the key file `<data dir>/seed-key` (32 raw bytes, mode 0600), made on the
 * first start. A key file readable by group or others, or of the wrong size,
 * refuses the start: a portal never runs on a key it cannot trust.
 */
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { link, mkdir, open, stat, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { SEED_KEY_BYTES, SeedCipher, newSeedKey, seedKey, type SeedKey } from './seed-cipher';

/** The environment variable clusters set (every instance the same value). */
export const SEED_KEY_ENV = 'PORTICO_SEED_KEY';
/** The key file's name in the data folder. */
export const SEED_KEY_FILE = 'seed-key';
/** The next key while `rotate-key` runs; it replaces the key file once every seed is sealed with it. */
export const SEED_KEY_NEXT_FILE = 'seed-key.next';

/** Why the portal refuses its seed key. Messages name files and key ids, never key bytes. */
export type SeedKeyErrorCode = 'bad_env' | 'bad_file' | 'rotation_unfinished' | 'key_mismatch';

/** A typed refusal to start (or to rotate) because of the seed key. */
export class SeedKeyError extends Error {
  constructor(
    readonly code: SeedKeyErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'SeedKeyError';
  }
}

const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;

/** A new key in the environment variable's form (base64 of 32 random bytes). */
export function newSeedKeyText(): string {
  return randomBytes(SEED_KEY_BYTES).toString('base64');
}

/** Parses the environment variable's value: one or more base64 keys, comma-separated. */
export function parseSeedKeyList(value: string): SeedKey[] {
  const parts = value.split(',').map((part) => part.trim());
  return parts.map((part, index) => {
    const bytes = BASE64.test(part) ? Buffer.from(part, 'base64') : Buffer.alloc(0);
    if (bytes.length !== SEED_KEY_BYTES) {
      throw new SeedKeyError(
        'bad_env',
        `${SEED_KEY_ENV}: key ${index + 1} is not base64 of ${SEED_KEY_BYTES} bytes. Make one with \`openssl rand -base64 32\`.`,
      );
    }
    return seedKey(bytes);
  });
}

/**
 * Reads a key file, refusing one that is not a regular file, not exactly 32
 * bytes, or (POSIX) readable or writable by group or others.
 */
export async function readSeedKeyFile(path: string): Promise<SeedKey> {
  const handle = await open(path, constants.O_RDONLY);
  try {
    const info = await handle.stat();
    if (!info.isFile())
      throw new SeedKeyError('bad_file', `The seed key file ${path} is not a regular file.`);
    if (process.platform !== 'win32' && (info.mode & 0o077) !== 0) {
      const mode = (info.mode & 0o777).toString(8).padStart(4, '0');
      throw new SeedKeyError(
        'bad_file',
        `The seed key file ${path} is open to group or others (mode ${mode}); the portal will not start. Run \`chmod 600 ${path}\`.`,
      );
    }
    if (info.size !== SEED_KEY_BYTES) {
      throw new SeedKeyError(
        'bad_file',
        `The seed key file ${path} has ${info.size} bytes, not ${SEED_KEY_BYTES}; the portal will not start. Restore it from your backup.`,
      );
    }
    const bytes = Buffer.alloc(SEED_KEY_BYTES);
    await handle.read(bytes, 0, SEED_KEY_BYTES, 0);
    return seedKey(bytes);
  } finally {
    await handle.close();
  }
}

/**
 * Creates `path` holding `key`, mode 0600, only if it does not exist yet.
 * The bytes go to a private temporary file first and are then hard-linked
 * into place: linking fails when the name exists (like `O_EXCL`), and the key
 * file never exists half-written, so racing first starts agree on one key.
 * @returns whether this call created the file.
 */
export async function createSeedKeyFile(path: string, key: SeedKey): Promise<boolean> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const temp = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  const handle = await open(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600);
  try {
    await handle.write(key.key, 0, key.key.length, 0);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await link(temp, path);
    await syncFolder(dirname(path));
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    await unlink(temp);
  }
}

/** Flushes a folder's entries (the new name survives a crash); not possible on Windows. */
export async function syncFolder(folder: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(folder, constants.O_RDONLY);
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** The key file's key, creating the file on the first start. */
export async function ensureSeedKeyFile(path: string): Promise<SeedKey> {
  if (!(await exists(path))) await createSeedKeyFile(path, newSeedKey());
  return readSeedKeyFile(path);
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

/** Where a portal takes its seed key from. */
export interface SeedKeySource {
  /** The data folder (holds `seed-key` when no environment key is given). */
  dataDir: string;
  /** `PORTICO_SEED_KEY`'s value, if set. */
  envValue?: string;
}

/**
 * The portal's seed keyring: the environment's keys when given, else the
 * key file (created on first start). A left-over `seed-key.next` means a
 * `rotate-key` was interrupted: the start is refused until it is run again.
 */
export async function loadSeedCipher(source: SeedKeySource): Promise<SeedCipher> {
  if (source.envValue !== undefined && source.envValue.trim() !== '')
    return new SeedCipher(parseSeedKeyList(source.envValue));
  const next = join(source.dataDir, SEED_KEY_NEXT_FILE);
  if (await exists(next)) {
    throw new SeedKeyError(
      'rotation_unfinished',
      `A seed key rotation did not finish (${next} exists). Run \`portico-portal rotate-key\` again, with the portal stopped.`,
    );
  }
  return new SeedCipher([await ensureSeedKeyFile(join(source.dataDir, SEED_KEY_FILE))]);
}
