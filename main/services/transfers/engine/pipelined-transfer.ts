/**
 * One file transfer with its commands pipelined: `EPSV` and the transfer
 * command (and small commands around them, such as `SIZE`) leave in one
 * write, so a small file costs one or two round trips instead of five or
 * six. RFC 959 servers read commands in order; `EPSV` names only a port
 * (the data connection always goes to the control connection's host, so no
 * PASV-host check is needed), and the data connection resumes the control
 * connection's TLS session like basic-ftp's does.
 *
 * When the server refuses `EPSV`, the caller falls back to basic-ftp's
 * `uploadFrom`/`downloadTo` (PASV with the host check).
 */
import net from 'node:net';
import { finished, pipeline, type Readable, type Writable } from 'node:stream';
import tls from 'node:tls';
import { FTPError, type FTPContext, type FTPResponse } from 'basic-ftp';
import type { FtpConnection } from './ftp-connection';

/** A reply to one of the extra commands. */
export interface Reply {
  code: number;
  message: string;
}

export interface PipelinedRequest {
  /** Sent before `EPSV`; their replies come first (e.g. `SIZE` of a download). */
  before?: string[];
  /** `STOR <path>`, `APPE <path>` or `RETR <path>` (no `REST`). */
  command: string;
  /** Sent after the transfer command; answered once the transfer ended (e.g. `SIZE` of an upload). */
  after?: string[];
  /** Upload data (a small file comes whole, as a buffer), or */
  source?: Readable | Buffer;
  /** download sink. */
  destination?: Writable;
}

export interface PipelinedResult {
  before: Reply[];
  /** The transfer command's final reply when it succeeded. */
  complete?: FTPResponse;
  /** Why the transfer did not happen (an FTP error reply); not thrown so `before` can explain it. */
  refused?: Reply;
  /** True when the server refused `EPSV`: nothing was transferred, use PASV. */
  epsvRefused: boolean;
  after: Reply[];
}

function parseEpsvPort(message: string): number | null {
  const m = /\(\|\|\|(\d{1,5})\|\)/.exec(message);
  const port = m ? Number(m[1]) : NaN;
  return port > 0 && port < 65536 ? port : null;
}

/**
 * Opens the TLS data connection to the control connection's own host
 * (resumed session). Its errors go to `onError` until the transfer pipes
 * it, then to that pipe: not to basic-ftp's default handlers, which close
 * the control connection at once, before the server's reply can say why
 * (a `552` over the quota breaks the data connection first).
 */
function connectData(ftp: FTPContext, port: number, onError: (error: Error) => void): tls.TLSSocket {
  const control = ftp.socket as tls.TLSSocket;
  const raw = net.connect({ host: control.remoteAddress, port, family: ftp.ipFamily });
  raw.setNoDelay(true);
  const socket = tls.connect({ ...ftp.tlsOptions, socket: raw, session: ftp.tlsSessionStore ?? control.getSession() });
  // TLS 1.3 tickets are single-use: keep the newest for the next data connection.
  socket.on('session', (session: Buffer) => {
    ftp.tlsSessionStore = session;
  });
  const own = { error: socket.listeners('error'), close: socket.listeners('close') };
  ftp.dataSocket = socket;
  for (const event of ['error', 'close'] as const) {
    for (const listener of socket.listeners(event)) if (!own[event].includes(listener)) socket.off(event, listener as () => void);
  }
  socket.on('error', onError);
  return socket;
}

/** Runs one pipelined transfer on `conn`. Rejects only on connection-level failures. */
export function pipelinedTransfer(conn: FtpConnection, request: PipelinedRequest): Promise<PipelinedResult> {
  const ftp = conn.client.ftp;
  // A held RNTO of the previous file goes first, directly after its RNFR.
  const held = conn.takeDeferred();
  const before = [...(held ? [held.command] : []), ...(request.before ?? [])];
  const after = request.after ?? [];
  const lines = [...before, 'EPSV', request.command, ...after];
  for (const line of lines) if (/[\r\n\0]/.test(line)) return Promise.reject(new Error('Invalid command'));
  const result: PipelinedResult = { before: [], epsvRefused: false, after: [] };
  let stage: 'before' | 'epsv' | 'command' | 'after' = before.length ? 'before' : 'epsv';
  let dataSocket: tls.TLSSocket | null = null;
  let started = false;
  let dataDone = false;
  let commandDone = false;
  /** The data connection broke before the transfer command's final reply, which may explain it (a `552`). */
  let dataError: Error | null = null;
  let settled = false;
  let heldSettled = false;

  const task = ftp.handle(undefined, (res, resolver) => {
    if (res instanceof Error && !(res instanceof FTPError)) return resolver.reject(res);
    const reply: Reply = { code: res.code, message: res.message };
    const finish = () => {
      if (!settled && commandDone && (dataDone || !started) && result.after.length === after.length) {
        settled = true;
        ftp.dataSocket = undefined;
        resolver.resolve(result);
      }
    };
    switch (stage) {
      case 'before':
        if (reply.code < 200) return;
        // The held command's answer is delivered at once: that file's fate
        // must not depend on what happens to this transfer afterwards.
        if (held && !heldSettled) {
          heldSettled = true;
          held.settle(reply);
        } else {
          result.before.push(reply);
        }
        if (result.before.length + (held ? 1 : 0) === before.length) stage = 'epsv';
        return;
      case 'epsv': {
        if (reply.code < 200) return;
        stage = 'command';
        const port = reply.code === 229 ? parseEpsvPort(reply.message) : null;
        if (port === null) result.epsvRefused = true;
        else
          dataSocket = connectData(ftp, port, (error) => {
            // Once started, the transfer's pipe reports it (see startData).
            if (!started && !commandDone && !settled) ftp.closeWithError(error);
          });
        return;
      }
      case 'command':
        if (reply.code === 150 || reply.code === 125) {
          if (started || !dataSocket) return;
          started = true;
          startData(dataSocket);
          return;
        }
        if (reply.code < 200) return;
        if (dataError && reply.code < 300) return ftp.closeWithError(dataError);
        if (reply.code >= 300) {
          result.refused = reply;
          // The server won't use the data connection: drop it.
          ftp.dataSocket = undefined;
          started = false;
        } else {
          result.complete = res as FTPResponse;
        }
        commandDone = true;
        stage = 'after';
        return finish();
      case 'after':
        if (reply.code < 200) return;
        result.after.push(reply);
        return finish();
    }

    function startData(socket: tls.TLSSocket): void {
      // The control connection idles while data flows: watch the data socket instead.
      ftp.socket.setTimeout(0);
      socket.setTimeout(ftp.timeout);
      const done = (error: Error | null | undefined) => {
        // After a refusal the socket was dropped on purpose; that error is expected.
        if (settled || (commandDone && !started)) return;
        ftp.socket.setTimeout(ftp.timeout);
        if (error) {
          if (commandDone) return ftp.closeWithError(error);
          // A server that stops a transfer (over quota) answers on the control
          // connection, and that answer may come after the broken socket; wait
          // for it (the control timeout still runs) so the reason is not lost.
          dataError = error;
          return;
        }
        dataDone = true;
        finish();
      };
      if (request.source) {
        const source = request.source;
        // Uploads must wait for the handshake, or the first bytes would go out in clear.
        const go = Buffer.isBuffer(source)
          ? () => {
              finished(socket, { readable: false }, done);
              socket.end(source);
            }
          : () => pipeline(source, socket, done);
        if (socket.getCipher()) go();
        else socket.once('secureConnect', go);
      } else if (request.destination) {
        pipeline(socket, request.destination, done);
      } else {
        done(new Error('Nothing to transfer'));
      }
    }
  });
  try {
    ftp.socket.write(lines.map((l) => `${l}\r\n`).join(''), ftp.encoding);
  } catch (error) {
    ftp.closeWithError(error as Error);
  }
  if (!held) return task as Promise<PipelinedResult>;
  return (task as Promise<PipelinedResult>).catch((error: Error) => {
    if (!heldSettled) held.settle(error);
    throw error;
  });
}
