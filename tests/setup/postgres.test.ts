import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { backends } from '../server/helpers';
import { findPostgresBin } from './postgres';

describe('throwaway PostgreSQL for the test run', () => {
  const root = mkdtempSync(join(tmpdir(), 'portico-pg-bins-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('picks the newest Debian PostgreSQL that has initdb', () => {
    expect(findPostgresBin(join(root, 'missing'))).toBeNull();
    expect(findPostgresBin(root)).toBeNull();
    for (const version of ['13', '15', '9.6']) {
      mkdirSync(join(root, version, 'bin'), { recursive: true });
      writeFileSync(join(root, version, 'bin', 'initdb'), '');
    }
    mkdirSync(join(root, '16', 'bin'), { recursive: true }); // no initdb: ignored
    mkdirSync(join(root, 'extras'), { recursive: true });
    expect(findPostgresBin(root)).toBe(join(root, '15', 'bin'));
  });

  it('gives the suites a PostgreSQL backend whenever one can run here', async () => {
    const expectPostgres =
      Boolean(process.env.DATABASE_URL) ||
      (findPostgresBin() !== null && process.env.PORTICO_TEST_POSTGRES !== 'off');
    const postgres = backends.find((backend) => backend.name === 'postgres');
    expect(Boolean(postgres)).toBe(expectPostgres);
    if (!postgres) return;
    const client = new pg.Client({ connectionString: postgres.databaseUrl });
    await client.connect();
    try {
      const result = await client.query<{ one: number }>('SELECT 1 AS one');
      expect(result.rows[0]?.one).toBe(1);
    } finally {
      await client.end();
    }
  });
});
