/**
 * The CLI's account, request and audit commands: sent to the portal running
 * on the data folder through its admin socket, or, when none runs there (or
 * on PostgreSQL, which any number of processes share), run on the database
 * the CLI opens itself (`direct.ts`, loaded only then: the database drivers
 * would cost the socket path most of its time). Both paths run the same
 * functions (`runAdminCommand`, the admin API's services) with the actor `cli`.
 */
import { sendAdminCommand } from '../admin/admin-socket-client';
import type { AdminCommand } from '../admin/admin-socket-protocol';
import { resolveConfig } from '../config';
import { CliExit, configLayers, databaseUrl, dataDirOf, type Values } from './usage';

/** Runs `command` through the running portal when there is one, otherwise on the database directly. */
export async function adminCommand(values: Values, command: AdminCommand): Promise<void> {
  // A bad configuration is reported the same way whichever path runs the command.
  resolveConfig(configLayers(values));
  if (!databaseUrl()) {
    const answer = await sendAdminCommand(dataDirOf(values), command);
    if (answer) {
      for (const line of answer.lines) console.log(line);
      if (!answer.ok) throw new CliExit(answer.exitCode, answer.message);
      return;
    }
  }
  const { runDirect } = await import('./direct');
  await runDirect(values, command);
}
