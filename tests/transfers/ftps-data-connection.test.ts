/**
 * The data connection belongs to its control connection: an attacker on the
 * victim's address who did AUTH TLS on a control connection of its own (no
 * login) and connects first to the victim's passive port, resuming its own
 * TLS session, gets nothing and changes nothing; the victim's transfer goes
 * through on the data connection that arrives after it. Passive ports are
 * random within the configured range.
 */
import { createHash, randomBytes, randomInt } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startEmbedded, type EmbeddedServer } from './helpers/embedded';
import { openData, RawFtps, within } from './helpers/raw-ftps';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

async function victimAndAttacker(server: EmbeddedServer): Promise<{ victim: RawFtps; attacker: RawFtps }> {
  const creds = server.credentials();
  const { client: victim } = await RawFtps.connect(creds.port);
  cleanups.push(() => victim.close());
  await victim.login('alice', creds.token);
  // The attacker only does AUTH TLS on a control connection of its own.
  const { client: attacker } = await RawFtps.connect(creds.port);
  cleanups.push(() => attacker.close());
  await attacker.authTls();
  return { victim, attacker };
}

describe('data connection hijack', () => {
  it('RETR: an attacker resuming its own TLS session on the victim\u2019s passive port gets 0 bytes', async () => {
    const server = await startEmbedded();
    cleanups.push(() => server.close());
    const secret = randomBytes(256 * 1024);
    await fsp.writeFile(path.join(server.userDir, 'secret.bin'), secret);
    const { victim, attacker } = await victimAndAttacker(server);

    const port = await victim.pasv();
    const impostor = openData(port, attacker.session());
    await impostor.settled;
    victim.write('RETR secret.bin');
    const data = openData(port, victim.session());
    await within(data.closed);
    const done = [await victim.reply(), await victim.reply()];
    await within(impostor.closed);

    expect(impostor.received().length).toBe(0);
    expect(impostor.resumed()).toBe(false);
    expect(data.resumed()).toBe(true);
    expect(done.map((r) => r.code)).toEqual([150, 226]);
    expect(sha256(data.received())).toBe(sha256(secret));
  });

  it('STOR: the attacker\u2019s bytes never land, the victim\u2019s upload stores the victim\u2019s bytes', async () => {
    const server = await startEmbedded();
    cleanups.push(() => server.close());
    const mine = randomBytes(128 * 1024);
    const theirs = randomBytes(128 * 1024);
    const { victim, attacker } = await victimAndAttacker(server);

    const port = await victim.pasv();
    const impostor = openData(port, attacker.session());
    impostor.socket.once('secureConnect', () => impostor.socket.end(theirs));
    await impostor.settled;
    victim.write('STOR upload.bin');
    const data = openData(port, victim.session());
    data.socket.once('secureConnect', () => data.socket.end(mine));
    await within(data.closed);
    const done = [await victim.reply(), await victim.reply()];
    await within(impostor.closed);

    expect(done.map((r) => r.code)).toEqual([150, 226]);
    const stored = await fsp.readFile(path.join(server.userDir, 'upload.bin'));
    expect(sha256(stored)).toBe(sha256(mine));
    expect(sha256(stored)).not.toBe(sha256(theirs));
  });

  it('answers 425 when no data connection resuming the control connection\u2019s session arrives', async () => {
    const server = await startEmbedded({ dataTimeoutMs: 300 });
    cleanups.push(() => server.close());
    await fsp.writeFile(path.join(server.userDir, 'secret.bin'), randomBytes(1024));
    const { victim, attacker } = await victimAndAttacker(server);
    const port = await victim.pasv();
    const impostor = openData(port, attacker.session());
    await impostor.settled;
    const answer = await victim.send('RETR secret.bin');
    await within(impostor.closed);
    expect(answer.code).toBe(425);
    expect(impostor.received().length).toBe(0);
  });
});

describe('passive ports', () => {
  it('are random within the configured range, never sequential', async () => {
    const min = 20_000 + randomInt(30_000);
    const range = { min, max: min + 499 };
    const server = await startEmbedded({ pasvPortRange: range });
    cleanups.push(() => server.close());
    const creds = server.credentials();
    const { client } = await RawFtps.connect(creds.port);
    cleanups.push(() => client.close());
    await client.login('alice', creds.token);
    const ports: number[] = [];
    for (let i = 0; i < 20; i++) ports.push(await client.pasv());
    expect(ports.every((p) => p >= range.min && p <= range.max)).toBe(true);
    const steps = ports.slice(1).map((p, i) => p - ports[i]!);
    expect(steps.filter((d) => d === 1).length).toBeLessThan(5);
    expect(new Set(steps).size).toBeGreaterThan(10);
  });
});
