/**
 * The light version's WebSocket gateway against a fake VNC host: ticket
 * rules (expired, reused, other app, other session, signed out), the
 * no-open-proxy rule, the per-user limit, and its faults (host down, host
 * gone mid-session), each on PGlite and PostgreSQL.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, bearer, startTestPortal, type TestPortal } from '../helpers';
import { handshake, openGateway, startFakeHost, type FakeHost } from './rfb-client';

const PASSWORD = 'k3y-only';
const defaults = JSON.parse(readFileSync('server/config/default.json', 'utf8')) as { apps: Array<Record<string, unknown>> };

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe.each(backends)('light gateway ($name)', (backend) => {
  let portal: TestPortal;
  let host: FakeHost;
  let bystander: Server;
  let bystanderConnections = 0;
  let bystanderPort: number;
  let token: string;

  beforeAll(async () => {
    host = await startFakeHost(PASSWORD);
    bystander = createServer((socket) => {
      bystanderConnections += 1;
      socket.destroy();
    });
    await new Promise<void>((resolve) => bystander.listen(0, '127.0.0.1', resolve));
    bystanderPort = (bystander.address() as { port: number }).port;
    const down = await closedPort();
    const apps = defaults.apps.map((app) => {
      if (app.id === 'ecapture-qc') return { ...app, lightHost: { host: '127.0.0.1', port: host.port, password: PASSWORD } };
      if (app.id === 'eclipse-admin') return { ...app, lightHost: { host: '127.0.0.1', port: down, password: null } };
      return app;
    });
    portal = await startTestPortal(backend, { config: { apps, light: { maxSessionsPerUser: 5, referenceHost: 'off' } } as never });
    token = await portal.signInDemo();
  });
  afterAll(async () => {
    await portal?.cleanup();
    await host?.close();
    await new Promise((resolve) => bystander?.close(resolve));
  });

  async function ticketUrl(appId: string, session = token): Promise<string> {
    const response = await portal.post(`/api/v1/apps/${appId}/launch`, { method: 'web' }, bearer(session));
    const url = new URL((await response.json()).descriptor.url);
    url.protocol = 'ws:';
    url.pathname = `${url.pathname}/socket`;
    return url.toString();
  }

  it('relays to the host the catalogue names, authenticating with the password only the gateway knows', async () => {
    const before = host.connections;
    const client = openGateway(await ticketUrl('ecapture-qc'));
    expect(await handshake(client)).toEqual({ width: 640, height: 480, name: 'fake host' });
    expect(host.connections).toBe(before + 1);
    const key = Buffer.from([4, 1, 0, 0, 0, 0, 0, 0x61]);
    const arrived = new Promise<void>((resolve) => {
      const check = setInterval(() => {
        if (Buffer.concat(host.received).includes(key)) {
          clearInterval(check);
          resolve();
        }
      }, 5);
    });
    client.ws.send(key);
    await arrived;
    const hostSide = [...host.sockets].at(-1)!;
    const hostClosed = new Promise((resolve) => hostSide.once('close', resolve));
    client.ws.close();
    await hostClosed;
  });

  it('refuses an expired, a reused, a forged and another app\'s ticket', async () => {
    const reused = await ticketUrl('ecapture-qc');
    const first = openGateway(reused);
    await handshake(first);
    expect((await openGateway(reused).closed).code).toBe(4001);
    first.ws.close();

    const otherApp = (await ticketUrl('ecapture-qc')).replace('/light/ecapture-qc/', '/light/windows-explorer/');
    expect((await openGateway(otherApp).closed).code).toBe(4001);
    const forged = new URL(await ticketUrl('ecapture-qc'));
    forged.searchParams.set('ticket', 'A'.repeat(43));
    expect((await openGateway(forged.toString()).closed).code).toBe(4001);

    const late = await ticketUrl('ecapture-qc');
    portal.clock.advanceSeconds(portal.server.config.launch.ticketTtlSeconds + 1);
    expect((await openGateway(late).closed).code).toBe(4001);
  });

  it("refuses a ticket presented with another user's session, and one whose portal session ended", async () => {
    const other = await portal.signInDemo();
    const url = await ticketUrl('ecapture-qc');
    expect((await openGateway(url, bearer(other)).closed).code).toBe(4003);

    const ending = await portal.signInDemo();
    const orphan = await ticketUrl('ecapture-qc', ending);
    await portal.post('/api/v1/auth/sign-out', {}, bearer(ending));
    expect((await openGateway(orphan).closed).code).toBe(4003);
  });

  it('is no open proxy: a request naming a host, a port or anything else is refused and connects nowhere', async () => {
    const hostBefore = host.connections;
    for (const extra of [`host=127.0.0.1&port=${bystanderPort}`, `target=127.0.0.1:${bystanderPort}`, 'ticket=again']) {
      const url = `${await ticketUrl('ecapture-qc')}&${extra}`;
      expect((await openGateway(url).closed).code).toBe(4400);
    }
    const path = (await ticketUrl('ecapture-qc')).replace('/socket?', `/socket/127.0.0.1:${bystanderPort}?`);
    await expect(openGateway(path).opened).rejects.toThrow();
    const cross = openGateway(await ticketUrl('ecapture-qc'), { origin: 'https://evil.example' });
    expect((await cross.closed).code).toBe(4400);
    expect(bystanderConnections).toBe(0);
    expect(host.connections).toBe(hostBefore);
  });

  it('100 parallel redeems of one ticket: exactly one session', async () => {
    const url = await ticketUrl('ecapture-qc');
    const before = host.connections;
    const clients = Array.from({ length: 100 }, () => openGateway(url));
    const outcomes = await Promise.all(
      clients.map((client) =>
        handshake(client).then(
          () => 'open',
          async () => (await client.closed).code,
        ),
      ),
    );
    expect(outcomes.filter((o) => o === 'open')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 4001)).toHaveLength(99);
    expect(host.connections).toBe(before + 1);
    for (const client of clients) client.ws.close();
    await Promise.all(clients.map((client) => client.closed));
  });

  it('100 parallel launches past the limit: exactly maxSessionsPerUser open, the rest hear why', async () => {
    const session = await portal.signInDemo();
    const urls: string[] = [];
    for (let i = 0; i < 100; i += 1) urls.push(await ticketUrl('ecapture-qc', session));
    const clients = urls.map((url) => openGateway(url));
    const outcomes = await Promise.all(
      clients.map((client) =>
        handshake(client).then(
          () => 'open',
          async () => (await client.closed).code,
        ),
      ),
    );
    expect(outcomes.filter((o) => o === 'open')).toHaveLength(5);
    expect(outcomes.filter((o) => o === 4429)).toHaveLength(95);
    // A refused ticket is given back: once a place is free it works.
    const refused = urls[outcomes.indexOf(4429)]!;
    const open = clients[outcomes.indexOf('open')]!;
    open.ws.close();
    await open.closed;
    const retry = openGateway(refused);
    expect((await handshake(retry)).name).toBe('fake host');
    for (const client of [...clients, retry]) client.ws.close();
    await Promise.all([...clients, retry].map((client) => client.closed));
  });

  it('signing out ends the light session', async () => {
    const session = await portal.signInDemo();
    const client = openGateway(await ticketUrl('ecapture-qc', session));
    await handshake(client);
    await portal.post('/api/v1/auth/sign-out', {}, bearer(session));
    expect((await client.closed).code).toBe(4401);
  });

  it('a host that is down: the page hears it and the ticket still works for Try again', async () => {
    const url = await ticketUrl('eclipse-admin');
    expect((await openGateway(url).closed).code).toBe(4502);
    const page = new URL(url);
    page.protocol = 'http:';
    page.pathname = page.pathname.replace(/\/socket$/, '');
    expect((await fetch(page)).status).toBe(200);
  });

  it('a host that stops mid-session: the page hears it', async () => {
    const client = openGateway(await ticketUrl('ecapture-qc'));
    await handshake(client);
    for (const socket of host.sockets) socket.destroy();
    expect((await client.closed).code).toBe(4504);
  });
});
