/**
 * `npm run bench:security`: every attack of the red-team run, replayed
 * against the reference portal on 127.0.0.1, on PGlite and on a throwaway
 * PostgreSQL (started and stopped here, as the test suite does). Prints one
 * row per attack and database: attempts, how many were accepted (must be 0)
 * and, for limits, how many were checked against the limit. Exits 1 when
 * any attack got through. `npm run bench:security -- <words>` runs only the
 * attacks whose name contains one of the words.
 */
import type { Attack, AttackResult, Database } from './attack';
import { breaches } from './attack';

interface Row {
  attack: string;
  db: string;
  result: AttackResult;
  ms: number;
}

function table(rows: Row[]): string {
  const header = ['attack', 'database', 'attempts', 'accepted', 'checked / limit', 'time', 'what'];
  const lines = rows.map((r) => [
    r.attack,
    r.db,
    r.result.skipped ? '—' : String(r.result.attempts),
    r.result.skipped ? '—' : String(r.result.accepted),
    r.result.checked !== undefined && r.result.limit !== undefined
      ? `${r.result.checked} / ${r.result.limit}`
      : '',
    r.result.skipped ? '' : `${(r.ms / 1000).toFixed(1)} s`,
    r.result.note ?? '',
  ]);
  const out = [header, header.map(() => '---'), ...lines].map((cells) => `| ${cells.join(' | ')} |`);
  return out.join('\n');
}

async function main(): Promise<void> {
  const { default: startPostgres } = await import('../../tests/setup/postgres');
  const stopPostgres = await startPostgres();
  const rows: Row[] = [];
  try {
    // Imported after PostgreSQL started: the harness reads its URL at import.
    const attacks: Attack[] = [
      ...(await import('./attacks/ftps')).ftpsAttacks,
      ...(await import('./attacks/lockout')).lockoutAttacks,
      ...(await import('./attacks/reset')).resetAttacks,
      ...(await import('./attacks/limits')).limitAttacks,
      (await import('./attacks/ftps-after-revocation')).revocationAttack,
      ...(await import('./attacks/unicode')).unicodeAttacks,
    ];
    const only = process.argv.slice(2).map((w) => w.toLowerCase());
    for (const attack of attacks.filter(
      (a) => !only.length || only.some((w) => a.name.toLowerCase().includes(w)),
    )) {
      const dbs: Array<Database | null> = attack.databases.length ? [...attack.databases] : [null];
      for (const db of dbs) {
        const started = performance.now();
        let result: AttackResult;
        try {
          result = await attack.run(db);
        } catch (error) {
          result = {
            attempts: 0,
            accepted: 1,
            note: `the attack itself failed: ${(error as Error).message}`,
          };
        }
        const row = { attack: attack.name, db: db ?? '—', result, ms: performance.now() - started };
        rows.push(row);
        console.error(
          `${row.attack} (${row.db}): ${result.skipped ? 'skipped' : `${breaches(result)} through`}`,
        );
      }
    }
  } finally {
    stopPostgres();
  }
  console.log(table(rows));
  const through = rows.reduce((sum, r) => sum + breaches(r.result), 0);
  const ran = rows.filter((r) => !r.result.skipped).length;
  console.log(`\n${ran} attack runs, ${rows.length - ran} skipped, ${through} attempts got through`);
  process.exitCode = through === 0 ? 0 : 1;
}

void main();
