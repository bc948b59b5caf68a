/**
 * Attacks on the FTPS endpoint, no database involved:
 * - the data-connection hijack: an attacker on the victim's address, with
 *   AUTH TLS on a control connection of its own, connects first to the
 *   victim's passive port resuming its own TLS session;
 * - a pre-login flood of idle sockets, then a real user logs in;
 * - the storage quota: many parallel writers of one user, and a REST far
 *   past the largest file.
 */
import { createHash, randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { loginClient, startEmbedded, type EmbeddedServer } from '../../../tests/transfers/helpers/embedded';
import { openData, RawFtps, within } from '../../../tests/transfers/helpers/raw-ftps';
import type { Attack, AttackResult } from '../attack';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

async function withEmbedded<T>(run: (server: EmbeddedServer) => Promise<T>, extra = {}): Promise<T> {
  const server = await startEmbedded(extra);
  try {
    return await run(server);
  } finally {
    await server.close();
  }
}

const HIJACK_ROUNDS = 20;

/** One hijack of a RETR and one of a STOR; answers how many of the two the attacker won. */
async function hijackOnce(server: EmbeddedServer, round: number): Promise<number> {
  const creds = server.credentials();
  const { client: victim } = await RawFtps.connect(creds.port);
  const { client: attacker } = await RawFtps.connect(creds.port);
  let won = 0;
  try {
    await victim.login('alice', creds.token);
    await attacker.authTls();
    const secret = randomBytes(64 * 1024);
    await fsp.writeFile(path.join(server.userDir, `secret-${round}.bin`), secret);
    // RETR: whatever reaches the impostor is a win.
    let port = await victim.pasv();
    let impostor = openData(port, attacker.session());
    await impostor.settled;
    victim.write(`RETR secret-${round}.bin`);
    let data = openData(port, victim.session());
    await within(data.closed);
    await victim.reply();
    await victim.reply();
    await within(impostor.closed);
    if (impostor.received().length > 0 || impostor.resumed()) won += 1;
    // STOR: the stored file holding anything but the victim's bytes is a win.
    const mine = randomBytes(32 * 1024);
    port = await victim.pasv();
    impostor = openData(port, attacker.session());
    impostor.socket.once('secureConnect', () => impostor.socket.end(randomBytes(32 * 1024)));
    await impostor.settled;
    victim.write(`STOR upload-${round}.bin`);
    data = openData(port, victim.session());
    data.socket.once('secureConnect', () => data.socket.end(mine));
    await within(data.closed);
    await victim.reply();
    await victim.reply();
    await within(impostor.closed);
    const stored = await fsp
      .readFile(path.join(server.userDir, `upload-${round}.bin`))
      .catch(() => Buffer.alloc(0));
    if (sha256(stored) !== sha256(mine)) won += 1;
  } finally {
    victim.close();
    attacker.close();
  }
  return won;
}

async function hijack(): Promise<AttackResult> {
  return withEmbedded(async (server) => {
    let accepted = 0;
    for (let round = 0; round < HIJACK_ROUNDS; round += 1) accepted += await hijackOnce(server, round);
    return {
      attempts: 2 * HIJACK_ROUNDS,
      accepted,
      note: `${HIJACK_ROUNDS} RETR and ${HIJACK_ROUNDS} STOR hijacks on the passive port`,
    };
  });
}

const FLOOD = 200;
const LOGIN_BOUND_MS = 5000;

async function preLoginFlood(): Promise<AttackResult> {
  return withEmbedded(async (server) => {
    const sockets: net.Socket[] = [];
    try {
      await Promise.all(
        Array.from(
          { length: FLOOD },
          () =>
            new Promise<void>((resolve) => {
              const socket = net.connect({ host: '127.0.0.1', port: server.endpoint.port });
              sockets.push(socket);
              socket.on('data', () => undefined).on('error', () => undefined);
              socket.once('connect', () => resolve()).once('close', () => resolve());
            }),
        ),
      );
      const started = performance.now();
      const ok = await loginClient(server, LOGIN_BOUND_MS).then(
        (client) => (client.close(), true),
        () => false,
      );
      const ms = Math.round(performance.now() - started);
      return {
        attempts: FLOOD,
        accepted: ok && ms < LOGIN_BOUND_MS ? 0 : 1,
        note: `${FLOOD} idle sockets, then a real user logged in ${ok ? `in ${ms} ms` : 'never'} (bound ${LOGIN_BOUND_MS} ms)`,
      };
    } finally {
      for (const socket of sockets) socket.destroy();
    }
  });
}

const QUOTA = 1_000_000;
const FILE = 30_000;
const WRITERS = 16;
const FILES_EACH = 6;

/** STOR `size` bytes on `client`; answers the final reply code. */
async function put(client: RawFtps, name: string, size: number): Promise<number> {
  const data = openData(await client.pasv(), client.session());
  client.write(`STOR ${name}`);
  const first = await client.reply();
  if (first.code !== 150) {
    data.socket.destroy();
    return first.code;
  }
  data.socket.end(Buffer.alloc(size, 7));
  return (await client.reply()).code;
}

async function quota(): Promise<AttackResult> {
  const limits = { quotaBytes: QUOTA, maxFileBytes: 600_000 };
  return withEmbedded(
    async (server) => {
      const creds = server.credentials();
      const clients: RawFtps[] = [];
      try {
        // Logged in one by one: the pre-login cap would otherwise close the oldest.
        for (let i = 0; i < WRITERS; i += 1) {
          const { client } = await RawFtps.connect(creds.port);
          await client.login('alice', creds.token);
          clients.push(client);
        }
        await Promise.all(
          clients.map(async (client, w) => {
            for (let f = 0; f < FILES_EACH; f += 1) await put(client, `w${w}-f${f}.bin`, FILE);
          }),
        );
        const rest = await clients[0]!.send('REST 1000000000000');
        const huge = rest.code === 350 ? await put(clients[0]!, 'huge.bin', 10) : rest.code;
        // A refused STOR keeps what arrived before its 552 (as vsftpd does); the client removes it.
        // Only whole files count as stored.
        let onDisk = 0;
        let stored = 0;
        for (const name of await fsp.readdir(server.userDir)) {
          const { size } = await fsp.stat(path.join(server.userDir, name));
          onDisk += size;
          if (size === FILE) stored += 1;
        }
        const fit = Math.floor(QUOTA / FILE);
        return {
          attempts: WRITERS * FILES_EACH + 1,
          accepted: Math.max(0, stored - fit) + (huge === 226 ? 1 : 0),
          checked: onDisk,
          limit: QUOTA,
          note: `${WRITERS} writers × ${FILES_EACH} files of ${FILE} B into a ${QUOTA} B quota (${stored} stored, ${fit} fit), then REST 1e12 + STOR (${huge})`,
        };
      } finally {
        for (const client of clients) client.close();
      }
    },
    { storageLimits: limits },
  );
}

export const ftpsAttacks: Attack[] = [
  { name: 'FTPS data-connection hijack', databases: [], run: hijack },
  { name: 'FTPS pre-login flood', databases: [], run: preLoginFlood },
  { name: 'FTPS quota and largest file', databases: [], run: quota },
];
