import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { connectDb, migrate } from '/work/wt-fast/server/db';
const root = mkdtempSync(join(tmpdir(), 'dump-'));
let t = performance.now();
const db = await connectDb({ dataDir: join(root, 'a') });
const open = performance.now() - t; t = performance.now();
await migrate(db);
const mig = performance.now() - t;
await db.close();
const pg = await PGlite.create(join(root, 'a', 'pglite'));
t = performance.now();
const blob = await pg.dumpDataDir('gzip');
const dumpMs = performance.now() - t;
await pg.close();
const buf = Buffer.from(await blob.arrayBuffer());
writeFileSync(join(root, 'dump.tgz'), buf);
const loads: number[] = [];
for (let i = 0; i < 3; i++) {
  t = performance.now();
  const p2 = await PGlite.create(join(root, `b${i}`), { loadDataDir: new Blob([readFileSync(join(root, 'dump.tgz'))]) });
  const r = await p2.query('select count(*)::int n from users');
  loads.push(performance.now() - t);
  await p2.close();
}
const reopens: number[] = [];
for (let i = 0; i < 3; i++) {
  t = performance.now();
  const p3 = await PGlite.create(join(root, `b0`));
  await p3.query('select 1');
  reopens.push(performance.now() - t);
  await p3.close();
}
console.log(JSON.stringify({ initdb: Math.round(open), migrations: Math.round(mig), dumpMs: Math.round(dumpMs), dumpKB: Math.round(buf.length / 1024), loads: loads.map(Math.round), reopens: reopens.map(Math.round) }));
