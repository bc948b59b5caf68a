/** Builds a TransferEngine on a temp data dir with fast retries. */
import { promises as fsp } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TransferEngine, type TransferEngineOptions } from '../../../main/services/transfers/engine/transfer-engine';
import { startEmbedded, type EmbeddedServer } from './embedded';

export async function tempDir(prefix = 'portico-t-'): Promise<string> {
  return fsp.mkdtemp(path.join(os.tmpdir(), prefix));
}

export function makeEngine(dataDir: string, options: Partial<TransferEngineOptions> = {}): TransferEngine {
  return new TransferEngine({ dataDir, retryDelaysMs: [50, 100, 200], timeoutMs: 10_000, progressIntervalMs: 50, ...options });
}

/** Resolves when `predicate` holds, checking on every engine event and every 20 ms. */
export async function until(predicate: () => boolean, timeoutMs = 60_000): Promise<void> {
  const start = Date.now();
  while (!predicate()) {
    if (Date.now() - start > timeoutMs) throw new Error('Timed out waiting for condition');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * An embedded FTPS server, a temp work folder and an engine signed in to the
 * server; `cleanups` gets the step that closes and removes all three.
 */
export async function engineOnEmbedded(
  cleanups: (() => Promise<void>)[],
  extra: Parameters<typeof startEmbedded>[0] = {},
  options: Partial<TransferEngineOptions> = {},
): Promise<{ server: EmbeddedServer; work: string; engine: TransferEngine }> {
  const server = await startEmbedded(extra);
  const work = await tempDir();
  const engine = makeEngine(path.join(work, 'data'), options);
  cleanups.push(async () => {
    await engine.close();
    await server.close();
    await fsp.rm(work, { recursive: true, force: true });
  });
  engine.setCredentials(server.credentials());
  return { server, work, engine };
}
