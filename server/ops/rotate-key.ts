/**
 * `rotate-key`: re-seals every TOTP seed under a new key, in one
 * transaction, while the old key still opens them.
 *
 * - Key file (no `PORTICO_SEED_KEY`): a new key is written to
 *   `<data dir>/seed-key.next` (0600), every seed is re-sealed with it, and
 *   only after the commit does it replace `seed-key`. Interrupted, the next
 *   run picks the same `seed-key.next` up again (the portal refuses to start
 *   until then), so no seed is ever left without its key.
 * - `PORTICO_SEED_KEY=<new>,<old>`: every seed is re-sealed under the first
 *   key; afterwards the others are no longer needed.
 *
 * With PGlite the portal must be stopped (one process per data folder).
 */
import { rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { systemClock } from '../clock';
import { openDb, type OpenDbOptions } from '../db';
import { SeedCipher, newSeedKey } from '../mfa/seed-cipher';
import {
  SEED_KEY_ENV,
  SEED_KEY_FILE,
  SEED_KEY_NEXT_FILE,
  SeedKeyError,
  createSeedKeyFile,
  parseSeedKeyList,
  readSeedKeyFile,
  syncFolder,
} from '../mfa/seed-keys';
import { resealAllSeeds } from '../mfa/seed-store';
import type { Print } from './commands';

/** Inputs of {@link rotateKeyCommand}. */
export interface RotateKeyInput {
  database: OpenDbOptions;
  /** The environment (`PORTICO_SEED_KEY` is read from it). */
  env: NodeJS.ProcessEnv;
  now: Date;
}

/**
 * Rotates the seed key and prints what it did (key ids only, never keys).
 * @returns how many seeds were re-sealed.
 */
export async function rotateKeyCommand(input: RotateKeyInput, print: Print): Promise<number> {
  const envValue = input.env[SEED_KEY_ENV];
  if (envValue !== undefined && envValue.trim() !== '') return rotateWithEnvKeys(input, envValue, print);
  return rotateKeyFile(input, print);
}

/** The CLI's `rotate-key`: this process's environment and clock, output to the console. */
export async function rotateKeyCli(database: OpenDbOptions): Promise<void> {
  await rotateKeyCommand({ database, env: process.env, now: systemClock.now() }, (line) => console.log(line));
}

async function rotateWithEnvKeys(input: RotateKeyInput, envValue: string, print: Print): Promise<number> {
  const seeds = new SeedCipher(parseSeedKeyList(envValue));
  const count = await reseal(input, seeds);
  print(`Re-sealed ${count} TOTP seed(s) under key ${seeds.primary.id} (the first key of ${SEED_KEY_ENV}).`);
  const old = seeds.keys.slice(1).map((k) => k.id);
  print(
    old.length > 0
      ? `Keys ${old.join(', ')} are no longer needed: set ${SEED_KEY_ENV} to the first key alone on every instance.`
      : `${SEED_KEY_ENV} holds one key; to change it, put the new key first and the old one after a comma, then run this again.`,
  );
  return count;
}

async function rotateKeyFile(input: RotateKeyInput, print: Print): Promise<number> {
  const dataDir = input.database.dataDir;
  const currentPath = join(dataDir, SEED_KEY_FILE);
  const nextPath = join(dataDir, SEED_KEY_NEXT_FILE);
  let current;
  try {
    current = await readSeedKeyFile(currentPath);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    throw new SeedKeyError(
      'bad_file',
      `There is no seed key file at ${currentPath}: start the portal once first, or set ${SEED_KEY_ENV}.`,
    );
  }
  // The database opens first: with PGlite a running portal refuses it before anything changes.
  const db = await openDb(input.database);
  let count: number;
  let created = false;
  try {
    created = await createSeedKeyFile(nextPath, newSeedKey());
    if (!created) print(`Resuming the rotation that ${nextPath} was left from.`);
    const next = await readSeedKeyFile(nextPath);
    const seeds = new SeedCipher(next.id === current.id ? [next] : [next, current]);
    count = await resealAllSeeds(db, seeds, input.now);
    print(`Re-sealed ${count} TOTP seed(s) under the new key ${next.id}.`);
  } catch (error) {
    // Rolled back: no seed uses a key this run made, so it goes (a resumed one may be in use and stays).
    if (created) await unlink(nextPath);
    throw error;
  } finally {
    await db.close();
  }
  await rename(nextPath, currentPath);
  await syncFolder(dataDir);
  print(`${currentPath} now holds the new key; the old key ${current.id} is no longer needed.`);
  print('Backups made before now hold the old key file, which their seeds need: keep them together.');
  return count;
}

async function reseal(input: RotateKeyInput, seeds: SeedCipher): Promise<number> {
  const db = await openDb(input.database);
  try {
    return await resealAllSeeds(db, seeds, input.now);
  } finally {
    await db.close();
  }
}
