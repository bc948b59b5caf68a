/** Child process for the bench: runs the embedded FTPS endpoint and prints its credentials as one JSON line. */
import { startEmbedded } from '../../tests/transfers/helpers/embedded';

const server = await startEmbedded();
process.stdout.write(JSON.stringify({ credentials: server.credentials(), userDir: server.userDir }) + '\n');
process.on('SIGTERM', () => {
  void server.close().then(() => process.exit(0));
});
