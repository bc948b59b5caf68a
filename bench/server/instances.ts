/** Starts and stops bench portal instances (child processes) and asks them for their memory. */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { DeepPartial, ServerConfig } from '../../server/config';

const INSTANCE = join(import.meta.dirname, 'instance.ts');

/** A running bench instance. */
export interface BenchInstance {
  url: string;
  /** Resident set size in bytes (after a GC when `collect` is true). */
  rss(collect?: boolean): Promise<number>;
  stop(): Promise<void>;
}

/** Options for one instance. */
export interface InstanceOptions {
  dataDir: string;
  databaseUrl?: string;
  databaseSchema?: string;
  config?: DeepPartial<ServerConfig>;
  /** The TOTP seed key (`PORTICO_SEED_KEY` form); instances sharing a database share it. */
  seedKey?: string;
}

/** Starts one instance and waits until it listens. */
export async function startInstance(options: InstanceOptions): Promise<BenchInstance> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', INSTANCE, JSON.stringify(options)],
    { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] },
  );
  const url = await new Promise<string>((resolve, reject) => {
    const onExit = (code: number | null): void => reject(new Error(`bench instance exited with ${code}`));
    child.once('exit', onExit);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (!line.startsWith('BENCH_INSTANCE_READY ')) return;
      child.off('exit', onExit);
      resolve((JSON.parse(line.slice('BENCH_INSTANCE_READY '.length)) as { url: string }).url);
    });
  });
  return {
    url,
    rss: (collect = false) =>
      new Promise((resolve) => {
        child.once('message', (message) => resolve((message as { memory: NodeJS.MemoryUsage }).memory.rss));
        child.send(collect ? 'gc' : 'memory');
      }),
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        const force = setTimeout(() => child.kill('SIGKILL'), 15_000);
        child.once('exit', () => {
          clearTimeout(force);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}
