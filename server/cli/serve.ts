/** `portico-portal serve`: runs the portal until SIGINT/SIGTERM. */
import { startServer } from '../index';
import { configLayers, databaseUrl, dataDirOf, UsageError, type Values } from './usage';

export async function serve(values: Values): Promise<void> {
  const port = values.port === undefined ? 7443 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`Invalid --port "${values.port}".`);
  const server = await startServer({
    dataDir: dataDirOf(values),
    host: values.host ?? '127.0.0.1',
    port,
    config: configLayers(values),
    databaseUrl: databaseUrl(),
    log: values.log ?? false,
  });
  console.log(`Portal listening on ${server.url}`);
  // File transfers: the FTPS endpoint started with the portal (config `ftps`).
  if (server.ftps)
    console.log(
      `FTPS (explicit TLS) listening on port ${server.ftps.port}; user folders in ${server.ftps.filesDir}`,
    );
  if (server.adminSocket) console.log(`Admin socket (for portico-portal commands) at ${server.adminSocket}`);
  if (server.demoAccount) {
    // The one place a password is ever shown: like the e-mail a customer gets.
    console.log('A demo account was created. Keep these credentials; they are not shown again:');
    console.log(`  Username: ${server.demoAccount.username}`);
    console.log(`  Password: ${server.demoAccount.password}`);
  }
  console.log(
    `PORTICO_PORTAL_READY ${JSON.stringify({ url: server.url, demoAccountCreated: server.demoAccount !== null })}`,
  );

  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) process.exit(1);
    stopping = true;
    console.log(`Received ${signal}, shutting down...`);
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(`Shutdown failed: ${(error as Error).message}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
