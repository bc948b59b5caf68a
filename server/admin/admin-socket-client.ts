/**
 * The CLI's side of the admin socket: sends one command to the portal
 * running on a data folder, or answers null when none runs there (no token
 * file, no socket, or a socket file left by a portal that was killed).
 */
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import {
  adminSocketPaths,
  adminSocketResponse,
  MAX_RESPONSE_BYTES,
  type AdminCommand,
  type AdminSocketResponse,
} from './admin-socket-protocol';

/** The portal took longer than this to answer (a create-user hashes a password; everything else is quicker). */
const RESPONSE_TIMEOUT_MS = 30_000;

/** Errors meaning "no portal listens here": the CLI opens the database itself. */
const NOBODY_LISTENS = new Set(['ENOENT', 'ECONNREFUSED']);

function readToken(file: string): string | null {
  try {
    return readFileSync(file, 'utf8').trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** Sends `command` to the portal on `dataDir`; null when no portal listens there. */
export function sendAdminCommand(
  dataDir: string,
  command: AdminCommand,
  platform: NodeJS.Platform = process.platform,
): Promise<AdminSocketResponse | null> {
  const paths = adminSocketPaths(dataDir, platform);
  const token = readToken(paths.token);
  if (token === null) return Promise.resolve(null);
  return new Promise((resolve, reject) => {
    const socket = connect(paths.socket);
    const chunks: Buffer[] = [];
    let size = 0;
    let connected = false;
    const fail = (error: Error): void => {
      socket.destroy();
      reject(error);
    };
    socket.setTimeout(RESPONSE_TIMEOUT_MS, () =>
      fail(new Error(`The portal did not answer on ${paths.socket} within ${RESPONSE_TIMEOUT_MS / 1000} s.`)),
    );
    socket.once('connect', () => {
      connected = true;
      socket.write(`${JSON.stringify({ token, command })}\n`);
    });
    socket.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_RESPONSE_BYTES) return fail(new Error('The portal answered more than the CLI reads.'));
      chunks.push(chunk);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => {
      if (!connected && error.code && NOBODY_LISTENS.has(error.code)) {
        socket.destroy();
        resolve(null);
      } else fail(error);
    });
    socket.once('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const line = text.slice(0, text.indexOf('\n') === -1 ? text.length : text.indexOf('\n'));
      let parsed;
      try {
        parsed = adminSocketResponse.safeParse(JSON.parse(line));
      } catch {
        parsed = null;
      }
      if (parsed?.success) resolve(parsed.data);
      else reject(new Error(`The portal's answer on ${paths.socket} was not understood.`));
    });
  });
}
