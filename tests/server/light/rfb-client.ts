/** A minimal RFB client over the gateway's WebSocket, and a fake VNC session host, for the light tests. */
import { createServer, type Server, type Socket } from 'node:net';
import WebSocket from 'ws';
import { ByteReader } from '../../../server/light/rfb-bridge';
import { vncAuthResponse } from '../../../server/light/vnc-auth';

/** An open WebSocket to the gateway with its bytes and its close. */
export interface GatewayClient {
  ws: WebSocket;
  reader: ByteReader;
  closed: Promise<{ code: number; reason: string }>;
  opened: Promise<void>;
}

/** Opens `url` (ws://…/light/:appId/socket?ticket=…); listens before anything can arrive. */
export function openGateway(url: string, headers: Record<string, string> = {}): GatewayClient {
  const ws = new WebSocket(url, { headers });
  const reader = new ByteReader();
  ws.on('message', (data: Buffer) => reader.push(data));
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.once('close', (code, reason) => {
      reader.fail(new Error('closed'));
      resolve({ code, reason: reason.toString() });
    }),
  );
  const opened = new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return { ws, reader, closed, opened };
}

/** The browser's side of the gateway's handshake, then ClientInit; resolves with the ServerInit's size and name. */
export async function handshake(
  client: GatewayClient,
): Promise<{ width: number; height: number; name: string }> {
  const version = (await client.reader.read(12)).toString('latin1');
  if (version !== 'RFB 003.008\n') throw new Error(`version ${version}`);
  client.ws.send(Buffer.from('RFB 003.008\n'));
  const types = await client.reader.read(2);
  if (types[0] !== 1 || types[1] !== 1) throw new Error('not security None');
  client.ws.send(Buffer.from([1]));
  if ((await client.reader.read(4)).readUInt32BE(0) !== 0) throw new Error('security failed');
  client.ws.send(Buffer.from([1]));
  const init = await client.reader.read(24);
  const name = (await client.reader.read(init.readUInt32BE(20))).toString('utf8');
  return { width: init.readUInt16BE(0), height: init.readUInt16BE(2), name };
}

/** A fake VNC host with VNC authentication; counts connections and what reaches it. */
export interface FakeHost {
  port: number;
  connections: number;
  sockets: Set<Socket>;
  received: Buffer[];
  close(): Promise<void>;
}

export async function startFakeHost(password: string, name = 'fake host'): Promise<FakeHost> {
  const sockets = new Set<Socket>();
  const host: FakeHost = { port: 0, connections: 0, sockets, received: [], close: async () => {} };
  const server: Server = createServer((socket) => {
    host.connections += 1;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    const reader = new ByteReader();
    socket.on('data', (chunk: Buffer) => reader.push(chunk));
    socket.once('close', () => reader.fail(new Error('closed')));
    void (async () => {
      socket.write('RFB 003.008\n');
      await reader.read(12);
      socket.write(Buffer.from([1, 2]));
      await reader.read(1);
      const challenge = Buffer.from('0123456789abcdef');
      socket.write(challenge);
      const answer = await reader.read(16);
      const ok = answer.equals(vncAuthResponse(password, challenge));
      socket.write(Buffer.from([0, 0, 0, ok ? 0 : 1]));
      if (!ok) {
        socket.end();
        return;
      }
      await reader.read(1);
      const init = Buffer.alloc(24);
      init.writeUInt16BE(640, 0);
      init.writeUInt16BE(480, 2);
      init.writeUInt32BE(Buffer.byteLength(name), 20);
      socket.write(Buffer.concat([init, Buffer.from(name)]));
      socket.on('data', (chunk: Buffer) => host.received.push(chunk));
      host.received.push(reader.rest());
    })().catch(() => {});
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  host.port = (server.address() as { port: number }).port;
  host.close = async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  };
  return host;
}
