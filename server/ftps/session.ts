/**
 * One FTPS control session: TLS first, then token login, then `PROT P`,
 * then file commands (in `file-commands.ts`). Nothing is served in clear
 * text: USER before AUTH TLS and data commands before PROT P are refused.
 */
import type tls from 'node:tls';
import type { ControlChannel } from './control-channel';
import { runFileCommand } from './file-commands';
import { PendingDataConnection } from './passive';
import type { SessionContext, SessionState } from './session-state';

const MAX_LOGIN_FAILURES = 3;

/** Serves one control connection until it closes. */
export async function runSession(channel: ControlChannel, ctx: SessionContext): Promise<void> {
  channel.reply(220, 'Portico FTPS ready (AUTH TLS required)');
  let username: string | null = null;
  let failures = 0;
  let protP = false;
  let state: SessionState | null = null;
  // Created at AUTH TLS: this connection's own context (see session-tls.ts).
  let sessionTls: tls.SecureContext | null = null;
  try {
    for (;;) {
      const line = await channel.next();
      if (!line) return;
      const { verb, arg } = line;
      switch (verb) {
        case 'AUTH':
          if (arg.toUpperCase() !== 'TLS' && arg.toUpperCase() !== 'TLS-C')
            channel.reply(504, 'Only AUTH TLS is supported');
          else if (channel.isSecure) channel.reply(503, 'Already using TLS');
          else {
            sessionTls = ctx.newTlsContext();
            if (!(await channel.upgradeToTls(sessionTls))) return;
          }
          continue;
        case 'QUIT':
          channel.reply(221, 'Goodbye');
          return;
        case 'NOOP':
          channel.reply(200, 'OK');
          continue;
        case 'SYST':
          channel.reply(215, 'UNIX Type: L8');
          continue;
        case 'FEAT':
          channel.replyLines(
            211,
            'Features:',
            [
              'AUTH TLS',
              'PBSZ',
              'PROT',
              'UTF8',
              ...(ctx.allowEpsv ? ['EPSV'] : []),
              'PASV',
              'SIZE',
              'MDTM',
              'REST STREAM',
              'MLST type*;size*;modify*;',
              'HASH SHA-256*',
              'XSHA256',
            ],
            'End',
          );
          continue;
        case 'OPTS':
          channel.reply(200, 'OK');
          continue;
      }
      if (!channel.isSecure || !sessionTls) {
        channel.reply(530, 'Use AUTH TLS first: this server only speaks FTPS');
        continue;
      }
      if (!state) {
        if (verb === 'USER') {
          username = arg;
          channel.reply(331, 'Transfer token required');
        } else if (verb === 'PASS') {
          if (username === null) {
            channel.reply(503, 'Send USER first');
            continue;
          }
          const fs = await ctx.login(username, arg).catch(() => null);
          if (!fs) {
            failures++;
            channel.reply(530, 'Login incorrect or transfer token expired');
            if (failures >= MAX_LOGIN_FAILURES) return;
            continue;
          }
          state = { channel, fs, cwd: '/', restOffset: 0, renameFrom: null, replaceNext: false, pending: null, tls: sessionTls, ctx };
          channel.reply(230, 'Logged in');
        } else if (verb === 'PBSZ' || verb === 'PROT') {
          channel.reply(503, 'Log in first');
        } else {
          channel.reply(530, 'Not logged in');
        }
        continue;
      }
      if (verb === 'PBSZ') {
        channel.reply(200, 'PBSZ=0');
        continue;
      }
      if (verb === 'PROT') {
        if (arg.toUpperCase() === 'P') {
          protP = true;
          channel.reply(200, 'Protection level set to Private');
        } else {
          channel.reply(536, 'Only PROT P is supported');
        }
        continue;
      }
      if (verb === 'PASV' || verb === 'EPSV') {
        if (verb === 'EPSV' && !ctx.allowEpsv) {
          channel.reply(502, 'EPSV disabled, use PASV');
          continue;
        }
        if (!protP) {
          channel.reply(521, 'PROT P required before data connections');
          continue;
        }
        await openPassive(state, verb);
        continue;
      }
      await runFileCommand(state, verb, arg);
    }
  } finally {
    state?.pending?.cancel();
    channel.close();
  }
}

async function openPassive(state: SessionState, verb: 'PASV' | 'EPSV'): Promise<void> {
  state.pending?.cancel();
  state.pending = null;
  const { ctx, channel } = state;
  let listener;
  try {
    listener = await ctx.ports.listen(ctx.bindHost);
  } catch {
    channel.reply(421, 'No passive port available, try again later');
    return;
  }
  state.pending = new PendingDataConnection(
    listener,
    channel.remoteAddress,
    state.tls,
    ctx.dataTimeoutMs,
    ctx.trackDataSocket,
  );
  const port = listener.port;
  if (verb === 'EPSV') {
    channel.reply(229, `Entering Extended Passive Mode (|||${port}|)`);
  } else {
    const host = ctx.publicHost.split('.').join(',');
    channel.reply(227, `Entering Passive Mode (${host},${port >> 8},${port & 255})`);
  }
}
