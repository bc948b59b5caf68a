/**
 * One portal instance for `npm run bench:server`, run as a child process so
 * each instance has its own memory, event loop and connection pool.
 *
 * Input: one JSON argument `{dataDir, databaseUrl?, databaseSchema?, config?}`.
 * Output: a `BENCH_INSTANCE_READY {"url":...}` line. Over the IPC channel it
 * answers `"memory"` with `process.memoryUsage()` and `"gc"` by collecting
 * garbage first when `--expose-gc` is on.
 */
import { startServer, type DeepPartial, type ServerConfig } from '../../server/index';

interface InstanceInput {
  dataDir: string;
  databaseUrl?: string;
  databaseSchema?: string;
  config?: DeepPartial<ServerConfig>;
  seedKey?: string;
}

const input = JSON.parse(process.argv[2] ?? '{}') as InstanceInput;
const server = await startServer({
  dataDir: input.dataDir,
  port: 0,
  databaseUrl: input.databaseUrl,
  databaseSchema: input.databaseSchema,
  config: input.config,
  seedKey: input.seedKey,
});
process.stdout.write(`BENCH_INSTANCE_READY ${JSON.stringify({ url: server.url })}\n`);

process.on('message', (message) => {
  if (message === 'memory' || message === 'gc') {
    if (message === 'gc') (globalThis as { gc?: () => void }).gc?.();
    process.send?.({ memory: process.memoryUsage() });
  }
});
const stop = (): void => {
  void server.close().finally(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.on('disconnect', stop);
