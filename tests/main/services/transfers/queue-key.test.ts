/**
 * Where a user's queue lives: keyed by the portal's identity, so the same
 * portal on a new port opens the same queue, and a queue filed under the
 * portal's address before it announced its identity moves to it once.
 */
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AuthState } from '../../../../common/contract';
import type { SessionService } from '../../../../main/services/auth/session-service';
import { createEventHub } from '../../../../main/services/core/events';
import { PortalError } from '../../../../main/services/core/errors';
import { PortalApi } from '../../../../main/services/portal/client';
import { CurrentEngine } from '../../../../main/services/transfers/current-engine';
import { adoptQueue, queueKey } from '../../../../main/services/transfers/queue-key';
import { FakeClock } from '../../../fakes/fake-clock';
import { makeEngine, tempDir } from '../../../transfers/helpers/engine';

const signedInAt = (portalUrl: string): AuthState => ({
  status: 'signed-in',
  portalUrl,
  user: { username: 'Alice', displayName: 'Alice', roles: [] },
  idleExpiresAt: new Date(Date.now() + 3_600_000).toISOString(),
});

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await fsp.rm(dir, { recursive: true, force: true });
});

/** A queue with one upload waiting (no credentials yet), made in `dir` the way the engine keeps it. */
async function queueWithOneUpload(dir: string, source: string): Promise<void> {
  const engine = makeEngine(dir);
  await engine.enqueueUpload({ localPaths: [source], remoteDir: '/' });
  await engine.close();
}

/** The engine following a fixed session state, with `portalKey` as the identity lookup. */
function currentEngine(userData: string, state: AuthState, portalKey: (url: string) => Promise<string>) {
  const events = createEventHub();
  const session = {
    state: () => state,
    authorized: async () => {
      throw new PortalError('connection_failed', 'no portal in this test');
    },
  };
  return new CurrentEngine({
    session: session as unknown as SessionService,
    events,
    notifier: { notify: () => undefined },
    userData,
    portal: new PortalApi({ fetch: (async () => new Response('{}', { status: 503 })) as typeof fetch, clock: new FakeClock() }),
    portalKey,
    onClose: () => undefined,
  });
}

describe('queue keys', () => {
  it('differ by portal key and ignore the username case', () => {
    expect(queueKey('portal:abcdefgh@127.0.0.1', 'Alice')).toBe(queueKey('portal:abcdefgh@127.0.0.1', 'alice'));
    expect(queueKey('portal:abcdefgh@127.0.0.1', 'alice')).not.toBe(queueKey('http://127.0.0.1:8443', 'alice'));
    expect(queueKey('portal:abcdefgh@127.0.0.1', 'alice')).toMatch(/^[0-9a-f]{24}$/);
  });

  it('adopts a queue only into a key that has none', async () => {
    const root = await tempDir('portico-qk-');
    dirs.push(root);
    const [from, to] = [path.join(root, 'from'), path.join(root, 'to')];
    await fsp.mkdir(from);
    await fsp.writeFile(path.join(from, 'marker'), 'old');
    expect(await adoptQueue(from, to)).toBe(true);
    expect(await fsp.readFile(path.join(to, 'marker'), 'utf8')).toBe('old');
    await fsp.mkdir(from);
    await fsp.writeFile(path.join(from, 'marker'), 'other');
    expect(await adoptQueue(from, to)).toBe(false);
    expect(await fsp.readFile(path.join(to, 'marker'), 'utf8')).toBe('old');
    expect(await adoptQueue(path.join(root, 'missing'), path.join(root, 'new'))).toBe(false);
  });

  it('opens the same queue when the portal comes back on another port, and moves an address-keyed queue to the identity', async () => {
    const userData = await tempDir('portico-qk-');
    dirs.push(userData);
    const source = path.join(userData, 'report.txt');
    await fsp.writeFile(source, 'quarterly report');
    const oldUrl = 'http://127.0.0.1:8443';
    // A queue from before identities: filed under the address.
    await queueWithOneUpload(path.join(userData, 'transfers', queueKey(oldUrl, 'alice')), source);
    const identity = async () => 'portal:abcdefgh@127.0.0.1';

    const first = currentEngine(userData, signedInAt(oldUrl), identity);
    await first.settled();
    expect(first.get()?.dir).toBe(path.join(userData, 'transfers', queueKey('portal:abcdefgh@127.0.0.1', 'alice')));
    expect(first.get()?.engine.totals().items).toBe(1);
    await first.dispose();
    await expect(fsp.access(path.join(userData, 'transfers', queueKey(oldUrl, 'alice')))).rejects.toThrow();

    const again = currentEngine(userData, signedInAt('http://127.0.0.1:9555'), identity);
    await again.settled();
    expect(again.get()?.engine.totals().items).toBe(1);
    await again.dispose();
  });

  it('keeps keying by the address for a portal without an identity', async () => {
    const userData = await tempDir('portico-qk-');
    dirs.push(userData);
    const engine = currentEngine(userData, signedInAt('http://127.0.0.1:8443'), async (url) => url);
    await engine.settled();
    expect(engine.get()?.dir).toBe(path.join(userData, 'transfers', queueKey('http://127.0.0.1:8443', 'alice')));
    await engine.dispose();
  });
});
