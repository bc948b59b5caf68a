/** The CLI's admin commands on the database it opens itself (no portal on the embedded database, or PostgreSQL). */
import type { AdminCommand } from '../admin/admin-socket-protocol';
import { runAdminCommand } from '../admin/cli-account-commands';
import { systemClock } from '../clock';
import { resolveConfig } from '../config';
import { openDb } from '../db';
import { openSignals } from '../db/signals';
import { configLayers, databaseUrl, dataDirOf, type Values } from './usage';

/** Opens the database of `values`, runs `command` with the actor `cli`, closes it. */
export async function runDirect(values: Values, command: AdminCommand): Promise<void> {
  const config = resolveConfig(configLayers(values));
  const url = databaseUrl();
  const db = await openDb({ dataDir: dataDirOf(values), databaseUrl: url });
  try {
    // Revocations reach the running instances' session caches at once.
    const signals = await openSignals(db, url ? { connectionString: url } : {});
    try {
      await runAdminCommand(
        { db, config, clock: systemClock, print: (line) => console.log(line), signals },
        command,
      );
    } finally {
      await signals.close();
    }
  } finally {
    await db.close();
  }
}
