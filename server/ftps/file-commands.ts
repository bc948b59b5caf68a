/**
 * File commands of a logged-in, `PROT P` FTPS session. Every path argument
 * goes through `resolveVirtualPath` (jail) before reaching the file system.
 */
import { createHash, type Hash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type tls from 'node:tls';
import { FtpsFsError, baseName, resolveVirtualPath, type FtpsEntry } from './file-system';
import { listLine, mlsdLine, timeVal } from './listing-format';
import type { SessionState } from './session-state';

function replyFsError(state: SessionState, error: unknown): void {
  if (error instanceof FtpsFsError) {
    // 552: over the quota or size limit, or the disk is full.
    const code = error.code === 'no_space' ? 552 : 550;
    state.channel.reply(code, error.message);
  } else {
    state.channel.reply(451, 'Local error in processing');
  }
}

function resolve(state: SessionState, arg: string): string | null {
  const target = resolveVirtualPath(state.cwd, arg);
  if (target === null) state.channel.reply(553, 'File name not allowed');
  return target;
}

/** Waits for the pending data connection, answering with an error if there is none. */
async function takeDataSocket(state: SessionState): Promise<tls.TLSSocket | null> {
  const pending = state.pending;
  state.pending = null;
  if (!pending) {
    state.channel.reply(425, 'Use PASV or EPSV first');
    return null;
  }
  const result = await pending.connection();
  if (!result.ok) {
    state.channel.reply(result.code, result.message);
    return null;
  }
  return result.socket;
}

async function sendText(state: SessionState, lines: string[]): Promise<void> {
  const socket = await takeDataSocket(state);
  if (!socket) return;
  state.channel.reply(150, 'Here comes the listing');
  socket.end(lines.length ? lines.join('\r\n') + '\r\n' : '');
  await new Promise<void>((done) => socket.once('close', () => done()).once('finish', () => done()));
  state.channel.reply(226, 'Listing sent');
}

/**
 * Hashes what flows through `stream` (a whole file, so the hash is the
 * file's): the 226 reply then carries `X-SHA256 <hex>`, which saves the
 * client a `HASH` round trip and us a second read of the file. Clients that
 * don't know it ignore the text of a 226.
 */
function hashFlow(stream: Readable): Hash {
  const hash = createHash('sha256');
  stream.on('data', (chunk: Buffer) => hash.update(chunk));
  return hash;
}

function completeText(hash: Hash | null): string {
  return hash ? `Transfer complete; X-SHA256 ${hash.digest('hex')}` : 'Transfer complete';
}

/**
 * Starts a RETR/STOR/APPE: takes the REST offset, opens the file side, then
 * the data socket. A file error drops the pending data connection and is
 * answered; without a data socket the file stream is closed. Null when the
 * transfer cannot go on.
 */
async function openTransfer<S extends { destroy(): void }>(
  state: SessionState,
  open: (start: number) => Promise<S>,
): Promise<{ start: number; stream: S; socket: tls.TLSSocket } | null> {
  const start = state.restOffset;
  state.restOffset = 0;
  let stream: S;
  try {
    stream = await open(start);
  } catch (error) {
    state.pending?.cancel();
    state.pending = null;
    replyFsError(state, error);
    return null;
  }
  const socket = await takeDataSocket(state);
  if (!socket) {
    stream.destroy();
    return null;
  }
  return { start, stream, socket };
}

async function retrieve(state: SessionState, path: string): Promise<void> {
  const opened = await openTransfer(state, (start) => state.fs.openRead(path, start));
  if (!opened) return;
  const { start, stream: source, socket } = opened;
  state.channel.reply(150, 'Opening data connection');
  const hash = start === 0 ? hashFlow(source) : null;
  try {
    await pipeline(source, socket);
    state.channel.reply(226, completeText(hash));
  } catch {
    socket.destroy();
    state.channel.reply(426, 'Connection closed; transfer aborted');
  }
}

async function store(state: SessionState, path: string, append: boolean): Promise<void> {
  const opened = await openTransfer(state, (start) => state.fs.openWrite(path, append ? { append: true } : { start }));
  if (!opened) return;
  const { start, stream: sink, socket } = opened;
  state.channel.reply(150, 'Ok to send data');
  const hash = start === 0 && !append ? hashFlow(socket) : null;
  try {
    await pipeline(socket, sink);
    state.channel.reply(226, completeText(hash));
  } catch (error) {
    // The reply goes first: a client sees why before its data connection breaks.
    if (error instanceof FtpsFsError && error.code === 'no_space') state.channel.reply(552, `${error.message}; transfer aborted`);
    else if ((error as NodeJS.ErrnoException).code === 'ENOSPC') state.channel.reply(552, 'Storage full; transfer aborted');
    else state.channel.reply(426, 'Connection closed; transfer aborted');
    socket.destroy();
  }
}

async function stat(state: SessionState, arg: string): Promise<FtpsEntry | null> {
  const path = resolve(state, arg);
  if (path === null) return null;
  try {
    return await state.fs.stat(path);
  } catch (error) {
    replyFsError(state, error);
    return null;
  }
}

/** Runs a file command; unknown verbs get 502. */
export async function runFileCommand(state: SessionState, verb: string, arg: string): Promise<void> {
  const { channel } = state;
  const quote = (p: string) => `"${p.replace(/"/g, '""')}"`;
  const simple = async (work: (path: string) => Promise<void>, ok: () => void) => {
    const path = resolve(state, arg);
    if (path === null) return;
    try {
      await work(path);
      ok();
    } catch (error) {
      replyFsError(state, error);
    }
  };
  switch (verb) {
    case 'PWD':
    case 'XPWD':
      return channel.reply(257, `${quote(state.cwd)} is the current directory`);
    case 'CWD':
    case 'CDUP': {
      const entry = await stat(state, verb === 'CDUP' ? '..' : arg);
      if (!entry) return;
      if (entry.type !== 'dir') return channel.reply(550, 'Not a folder');
      state.cwd = resolveVirtualPath(state.cwd, verb === 'CDUP' ? '..' : arg) ?? '/';
      return channel.reply(250, 'Directory changed');
    }
    case 'TYPE':
      return /^[AI]( N)?$/i.test(arg)
        ? channel.reply(200, 'Type set')
        : channel.reply(504, 'Only TYPE A and I');
    case 'STRU':
      return arg.toUpperCase() === 'F' ? channel.reply(200, 'OK') : channel.reply(504, 'Only STRU F');
    case 'MODE':
      return arg.toUpperCase() === 'S' ? channel.reply(200, 'OK') : channel.reply(504, 'Only MODE S');
    case 'ALLO':
      return channel.reply(202, 'No storage allocation necessary');
    case 'REST': {
      const offset = Number(arg);
      if (!/^\d{1,15}$/.test(arg) || !Number.isSafeInteger(offset)) return channel.reply(501, 'Bad offset');
      state.restOffset = offset;
      return channel.reply(350, `Restarting at ${offset}`);
    }
    case 'SIZE':
    case 'MDTM': {
      const entry = await stat(state, arg);
      if (!entry) return;
      if (entry.type !== 'file') return channel.reply(550, 'Not a file');
      return channel.reply(213, verb === 'SIZE' ? String(entry.size) : timeVal(entry.modifiedAt));
    }
    case 'HASH':
    case 'XSHA256': {
      const entry = await stat(state, arg);
      if (!entry) return;
      if (entry.type !== 'file') return channel.reply(550, 'Not a file');
      const path = resolveVirtualPath(state.cwd, arg) ?? '/';
      try {
        const hex = await state.fs.sha256(path);
        return verb === 'HASH'
          ? channel.reply(213, `SHA-256 0-${entry.size} ${hex} ${baseName(path)}`)
          : channel.reply(213, hex);
      } catch (error) {
        return replyFsError(state, error);
      }
    }
    case 'LIST':
    case 'NLST':
    case 'MLSD': {
      // LIST flags ("-a", "-la") are accepted and ignored.
      const target = arg.replace(/^(-[a-zA-Z]+\s*)+/, '');
      const path = resolve(state, target);
      if (path === null) return;
      let entries: FtpsEntry[];
      try {
        const entry = await state.fs.stat(path);
        entries = entry.type === 'dir' ? await state.fs.list(path) : [entry];
      } catch (error) {
        state.pending?.cancel();
        state.pending = null;
        return replyFsError(state, error);
      }
      const lines = entries.map((e) =>
        verb === 'MLSD' ? mlsdLine(e) : verb === 'NLST' ? e.name : listLine(e),
      );
      return sendText(state, lines);
    }
    case 'RETR': {
      const path = resolve(state, arg);
      return path === null ? undefined : retrieve(state, path);
    }
    case 'STOR':
    case 'APPE': {
      const path = resolve(state, arg);
      return path === null ? undefined : store(state, path, verb === 'APPE');
    }
    case 'DELE':
      return simple(
        (p) => state.fs.delete(p),
        () => channel.reply(250, 'Deleted'),
      );
    case 'MKD':
    case 'XMKD':
      return simple(
        (p) => state.fs.mkdir(p),
        () => channel.reply(257, `${quote(resolveVirtualPath(state.cwd, arg) ?? '/')} created`),
      );
    case 'RMD':
    case 'XRMD':
      return simple(
        (p) => state.fs.rmdir(p),
        () => channel.reply(250, 'Removed'),
      );
    case 'RNFR': {
      const entry = await stat(state, arg);
      if (!entry) return;
      state.renameFrom = resolveVirtualPath(state.cwd, arg);
      return channel.reply(350, 'Ready for RNTO');
    }
    case 'RNTO': {
      const from = state.renameFrom;
      const replace = state.replaceNext;
      state.renameFrom = null;
      state.replaceNext = false;
      if (!from) return channel.reply(503, 'RNFR first');
      const path = resolve(state, arg);
      if (path === null) return;
      try {
        await state.fs.rename(from, path, { replace });
        return channel.reply(250, 'Renamed');
      } catch (error) {
        // Never overwrite silently: a taken name is refused unless `SITE REPLACE` came first.
        if (error instanceof FtpsFsError && error.code === 'exists') return channel.reply(553, `${quote(path)} already exists`);
        return replyFsError(state, error);
      }
    }
    case 'SITE':
      if (/^REPLACE$/i.test(arg.trim())) {
        state.replaceNext = true;
        return channel.reply(200, 'The next RNTO may replace an existing name');
      }
      return channel.reply(504, 'Only SITE REPLACE');
    case 'ABOR':
      state.pending?.cancel();
      state.pending = null;
      return channel.reply(226, 'Aborted');
    default:
      return channel.reply(502, 'Command not implemented');
  }
}
