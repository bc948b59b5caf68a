/**
 * The admin socket of a running portal on the embedded database: the admin
 * CLI's account, request and audit commands reach the portal through it
 * (PGlite is single-process, so the CLI cannot open the database itself).
 *
 * Who may talk to it: the owner of the data folder. The socket sits in an
 * owner-only folder (`<dataDir>/run`, 0700) with mode 0600, and every request
 * carries the random token the portal writes at start to a 0600 file next to
 * it (the only check on Windows, where the socket is a named pipe).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  lstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { connect, createServer, type Socket } from 'node:net';
import { findInvalidUnicode } from '../validation';
import {
  adminSocketPaths,
  adminSocketRequest,
  MAX_REQUEST_BYTES,
  socketPathTooLong,
  type AdminCommand,
  type AdminSocketResponse,
} from './admin-socket-protocol';

/** Options of {@link startAdminSocket}. */
export interface AdminSocketOptions {
  dataDir: string;
  /** Runs one validated command (the same functions the CLI runs on its own database). */
  run(command: AdminCommand): Promise<AdminSocketResponse>;
  platform?: NodeJS.Platform;
}

/** A listening admin socket. */
export interface AdminSocket {
  /** The socket file (or pipe name). */
  path: string;
  /** Stops listening and removes the socket and the token file. */
  close(): Promise<void>;
}

/** Why the socket was not opened (the portal runs on without it). */
export class AdminSocketUnavailable extends Error {}

/** A connection waits at most this long for its request line. */
const REQUEST_TIMEOUT_MS = 10_000;

function refusal(message: string): AdminSocketResponse {
  return { ok: false, exitCode: 1, message: `Refused: ${message}`, lines: [] };
}

/** The owner-only folder: created 0700, and refused when it is a link or someone else's. */
function ownerOnlyDir(dir: string, platform: NodeJS.Platform): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (platform === 'win32') return;
  const stat = lstatSync(dir);
  if (!stat.isDirectory() || (process.getuid && stat.uid !== process.getuid())) {
    throw new AdminSocketUnavailable(`${dir} is not a folder of this user.`);
  }
  chmodSync(dir, 0o700);
}

/** Whether something answers on `path` (a live portal), rather than a file left by a killed one. */
function someoneListens(path: string): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = connect(path);
    probe.once('connect', () => {
      probe.destroy();
      resolve(true);
    });
    probe.once('error', () => resolve(false));
  });
}

/** Removes a socket file no one listens on; refuses when a portal answers there. */
async function clearStaleSocket(path: string): Promise<void> {
  let stat;
  try {
    stat = lstatSync(path);
  } catch {
    return;
  }
  if (!stat.isSocket()) throw new AdminSocketUnavailable(`${path} exists and is not a socket.`);
  if (await someoneListens(path)) throw new AdminSocketUnavailable(`another portal answers on ${path}.`);
  rmSync(path, { force: true });
}

/** Writes the token atomically with mode 0600. */
function writeToken(file: string, token: string): void {
  const temp = `${file}.${process.pid}.tmp`;
  rmSync(temp, { force: true });
  const fd = openSync(temp, 'wx', 0o600);
  try {
    writeSync(fd, `${token}\n`);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, file);
}

function sameToken(given: string, expected: Buffer): boolean {
  const buffer = Buffer.from(given, 'utf8');
  return buffer.length === expected.length && timingSafeEqual(buffer, expected);
}

/** Reads one request line from `socket`, answers it and closes. */
function serveConnection(socket: Socket, token: Buffer, run: AdminSocketOptions['run']): void {
  socket.setTimeout(REQUEST_TIMEOUT_MS, () => socket.destroy());
  socket.on('error', () => socket.destroy());
  const chunks: Buffer[] = [];
  let size = 0;
  let answered = false;
  const answer = (response: AdminSocketResponse): void => {
    answered = true;
    socket.removeAllListeners('data');
    // Reading on (and dropping) lets the client's end arrive, so the connection closes at once.
    socket.resume();
    socket.end(`${JSON.stringify(response)}\n`);
  };
  socket.on('data', (chunk: Buffer) => {
    if (answered) return;
    const newline = chunk.indexOf(0x0a);
    const taken = newline === -1 ? chunk : chunk.subarray(0, newline);
    size += taken.length;
    if (size > MAX_REQUEST_BYTES) return answer(refusal(`a request is at most ${MAX_REQUEST_BYTES} bytes.`));
    chunks.push(taken);
    if (newline === -1) return;
    socket.pause();
    void handleLine(Buffer.concat(chunks).toString('utf8'), token, run).then(answer, () =>
      answer({ ok: false, exitCode: 1, message: 'Error: the portal could not run the command.', lines: [] }),
    );
  });
  socket.on('end', () => {
    if (!answered) answer(refusal('the request must end with a newline.'));
  });
}

async function handleLine(
  line: string,
  token: Buffer,
  run: AdminSocketOptions['run'],
): Promise<AdminSocketResponse> {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return refusal('the request is not JSON.');
  }
  const given = (value as { token?: unknown } | null)?.token;
  // The token first: nothing about the commands is told to a client without it.
  if (typeof given !== 'string' || !sameToken(given, token)) return refusal('wrong or missing admin token.');
  const parsed = adminSocketRequest.safeParse(value);
  if (!parsed.success || findInvalidUnicode(value)) return refusal('the request is not a valid command.');
  return run(parsed.data.command);
}

/**
 * Opens the admin socket of the portal on `dataDir`. Throws
 * {@link AdminSocketUnavailable} when it cannot (another portal answers on
 * it, a path too long for a Unix socket, a folder that is not the owner's).
 */
export async function startAdminSocket(options: AdminSocketOptions): Promise<AdminSocket> {
  const platform = options.platform ?? process.platform;
  const paths = adminSocketPaths(options.dataDir, platform);
  if (socketPathTooLong(paths.socket, platform)) {
    throw new AdminSocketUnavailable(`the socket path ${paths.socket} is too long for a Unix socket.`);
  }
  ownerOnlyDir(paths.dir, platform);
  if (platform !== 'win32') await clearStaleSocket(paths.socket);
  const tokenText = randomBytes(32).toString('hex');
  const token = Buffer.from(tokenText, 'utf8');
  const open = new Set<Socket>();
  const server = createServer((socket) => {
    open.add(socket);
    socket.once('close', () => open.delete(socket));
    serveConnection(socket, token, options.run);
  });
  server.maxConnections = 16;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(paths.socket, () => {
      server.off('error', reject);
      resolve();
    });
  });
  if (platform !== 'win32') chmodSync(paths.socket, 0o600);
  writeToken(paths.token, tokenText);
  let closing: Promise<void> | null = null;
  return {
    path: paths.socket,
    close: () => {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of open) socket.destroy();
        // Only our own token: a portal started after us on this folder keeps its.
        try {
          if (readFileSync(paths.token, 'utf8').trim() === tokenText) rmSync(paths.token, { force: true });
        } catch {
          // Already gone.
        }
      });
      return closing;
    },
  };
}
