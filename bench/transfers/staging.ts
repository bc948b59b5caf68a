/**
 * Browser-host staging speed: the page's own upload code (`uploadFiles`)
 * sends a file's bytes over the host's real `/ipc` socket (raw binary
 * frames, see wire-protocol.ts) into the real `UploadStaging` on disk, each
 * request checked by its channel schema as the router does. Prints MB/s
 * staged (median of the rounds); loopback, no FTPS.
 */
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import WebSocket from 'ws';
import { startHostServer } from '../../main/browser-host/host-server';
import { transferChannelSchemas } from '../../main/ipc/transfer-schemas';
import type { Router } from '../../main/ports';
import { createEventHub } from '../../main/services/core/events';
import { UploadStaging } from '../../main/services/transfers/staging';
import { createDesktopApi } from '../../preload/bridge';
import { createBrowserTransport, type SocketLike } from '../../preload/browser-transport';
import { setDesktopApi } from '../../renderer/src/desktop-api';
import { uploadFiles } from '../../renderer/src/features/transfers/upload-files';

/** Stages `mb` MB `rounds` times; returns the MB/s of each round. */
export async function stagingSpeeds(work: string, mb: number, rounds: number): Promise<number[]> {
  const root = path.join(work, 'staging');
  await fsp.mkdir(root, { recursive: true });
  const staging = new UploadStaging(root);
  const handlers: Record<string, (request: never) => Promise<unknown>> = {
    'transfers:upload-begin': (r) => staging.begin(r),
    'transfers:upload-chunk': (r) => staging.chunk(r),
    'transfers:upload-end': async (r: { uploadId: string }) => {
      const done = await staging.finish(r.uploadId);
      await staging.remove(done.dir);
      return { batchId: 1, count: 1 };
    },
    'transfers:upload-abort': (r: { uploadId: string }) => staging.abort(r.uploadId),
  };
  const router: Router = {
    handle: async (channel, args) => {
      const schema = transferChannelSchemas[channel as keyof typeof transferChannelSchemas];
      const parsed = schema?.safeParse(args);
      if (!parsed?.success || !handlers[channel])
        return { ok: false, error: { code: 'invalid_request', message: 'invalid' } };
      try {
        return { ok: true, value: await handlers[channel]((parsed.data as unknown[])[0] as never) };
      } catch (error) {
        return { ok: false, error: { code: 'internal', message: String(error) } };
      }
    },
  };
  const rendererDir = path.join(work, 'renderer');
  await fsp.mkdir(rendererDir, { recursive: true });
  await fsp.writeFile(path.join(rendererDir, 'index.html'), '<!doctype html>');
  const host = await startHostServer({ router, events: createEventHub(), rendererDir, port: 0 });
  const url = new URL(host.url);
  const transport = createBrowserTransport({
    url: `ws://${url.host}/ipc?token=${new URLSearchParams(url.hash.slice(1)).get('token')}`,
    createSocket: (u) => new WebSocket(u, { origin: host.origin }) as unknown as SocketLike,
  });
  await transport.ready();
  setDesktopApi(createDesktopApi(transport));
  const bytes = new Uint8Array(mb * 1e6);
  for (let i = 0; i < bytes.length; i += 4096) bytes[i] = i & 0xff;
  const file = new File([bytes], 'big.bin');
  const speeds: number[] = [];
  try {
    for (let round = 0; round < rounds; round++) {
      const t = performance.now();
      await uploadFiles([{ file, relativePath: 'big.bin' }], '/');
      speeds.push(mb / ((performance.now() - t) / 1000));
    }
  } finally {
    transport.close();
    await host.close();
  }
  return speeds;
}
