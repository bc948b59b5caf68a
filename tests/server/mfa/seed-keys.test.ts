import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { startServer } from '../../../server/index';
import { newSeedKey } from '../../../server/mfa/seed-cipher';
import {
  SEED_KEY_FILE,
  SEED_KEY_NEXT_FILE,
  SeedKeyError,
  createSeedKeyFile,
  loadSeedCipher,
  newSeedKeyText,
} from '../../../server/mfa/seed-keys';
import { seedPglite } from '../../setup/pglite-template';
import { MIN_ARGON2 } from '../helpers';

const run = promisify(execFile);
const dirs: string[] = [];
const freshDir = async (): Promise<string> => {
  const dir = await mkdtemp(join(tmpdir(), 'portico-seed-key-'));
  dirs.push(dir);
  return dir;
};
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

const start = (dataDir: string, seedKey?: string) =>
  startServer({ dataDir, port: 0, config: { argon2: MIN_ARGON2, ftps: { enabled: false } }, seedKey });

// Portals start (and restart) inside these tests: the budget of the other server suites.
describe('the seed key file', { timeout: 120_000 }, () => {
  it('is made on the first start with mode 0600 and 32 bytes, and kept on the next', async () => {
    const dataDir = await freshDir();
    seedPglite(dataDir);
    const path = join(dataDir, SEED_KEY_FILE);
    const first = await start(dataDir);
    await first.close();
    const info = statSync(path);
    expect(info.mode & 0o777).toBe(0o600);
    expect(info.size).toBe(32);
    const bytes = readFileSync(path);
    const second = await start(dataDir);
    await second.close();
    expect(readFileSync(path)).toEqual(bytes);
    expect(readdirSync(dataDir).filter((name) => name.startsWith(SEED_KEY_FILE))).toEqual([SEED_KEY_FILE]);
  });

  it('is created exactly once when starts race: one creator, every start reads its key', async () => {
    const dataDir = await freshDir();
    const path = join(dataDir, SEED_KEY_FILE);
    const created = await Promise.all(
      Array.from({ length: 20 }, () => createSeedKeyFile(path, newSeedKey())),
    );
    expect(created.filter(Boolean)).toHaveLength(1);
    const loaded = await Promise.all(Array.from({ length: 20 }, () => loadSeedCipher({ dataDir })));
    expect(new Set(loaded.map((cipher) => cipher.primary.id)).size).toBe(1);
    // No temporary file is left behind, and nothing else was made.
    expect(readdirSync(dataDir)).toEqual([SEED_KEY_FILE]);
  });

  it('is one key when separate processes make it at the same moment', async () => {
    const dataDir = await freshDir();
    const script = `import { loadSeedCipher } from './server/mfa/seed-keys.ts';
const cipher = await loadSeedCipher({ dataDir: process.argv[1] });
process.stdout.write(cipher.primary.id);`;
    const ids = await Promise.all(
      Array.from({ length: 4 }, async () => {
        const { stdout } = await run(process.execPath, [
          '--import',
          'tsx',
          '--input-type=module',
          '-e',
          script,
          dataDir,
        ]);
        return stdout.trim();
      }),
    );
    expect(ids[0]).toMatch(/^[0-9a-f]{16}$/);
    expect(new Set(ids).size).toBe(1);
    expect(readdirSync(dataDir)).toEqual([SEED_KEY_FILE]);
    expect(statSync(join(dataDir, SEED_KEY_FILE)).mode & 0o777).toBe(0o600);
  }, 60_000);

  it('refuses to start on a key file open to group or others, naming the fix', async () => {
    const dataDir = await freshDir();
    const path = join(dataDir, SEED_KEY_FILE);
    await writeFile(path, newSeedKey().key, { mode: 0o600 });
    await chmod(path, 0o644);
    const refused = start(dataDir);
    await expect(refused).rejects.toBeInstanceOf(SeedKeyError);
    await expect(refused).rejects.toThrow(
      `The seed key file ${path} is open to group or others (mode 0644); the portal will not start. Run \`chmod 600 ${path}\`.`,
    );
    // Refused before the database was touched.
    expect(existsSync(join(dataDir, 'db'))).toBe(false);
  });

  it('refuses to start on a key file of the wrong size', async () => {
    const dataDir = await freshDir();
    const path = join(dataDir, SEED_KEY_FILE);
    await writeFile(path, Buffer.alloc(31, 7), { mode: 0o600 });
    await expect(start(dataDir)).rejects.toThrow(
      `The seed key file ${path} has 31 bytes, not 32; the portal will not start.`,
    );
    expect(existsSync(join(dataDir, 'db'))).toBe(false);
  });

  it('refuses a bad PORTICO_SEED_KEY without echoing it, and an unfinished rotation', async () => {
    const dataDir = await freshDir();
    const bad = Buffer.alloc(16, 9).toString('base64');
    const refused = start(dataDir, `${newSeedKeyText()},${bad}`);
    await expect(refused).rejects.toThrow('PORTICO_SEED_KEY: key 2 is not base64 of 32 bytes.');
    await expect(refused).rejects.not.toThrow(bad);

    await writeFile(join(dataDir, SEED_KEY_NEXT_FILE), newSeedKey().key, { mode: 0o600 });
    await expect(start(dataDir)).rejects.toThrow(
      /A seed key rotation did not finish .*Run `portico-portal rotate-key` again/,
    );
  });

  it('refuses to start with another key than the one the database seeds are sealed with', async () => {
    const dataDir = await freshDir();
    seedPglite(dataDir);
    const first = await start(dataDir);
    await first.close();
    const path = join(dataDir, SEED_KEY_FILE);
    const original = readFileSync(path);
    await rm(path);
    const other = newSeedKey();
    await writeFile(path, other.key, { mode: 0o600 });
    await expect(start(dataDir)).rejects.toThrow(
      new RegExp(
        `sealed with key [0-9a-f]{16}, but this portal has ${other.id}\\. Every instance must use the same seed key`,
      ),
    );
    // With its own key back the portal starts again.
    await rm(path);
    await writeFile(path, original, { mode: 0o600 });
    await (await start(dataDir)).close();
  });
});
