import { afterEach, describe, expect, it } from 'vitest';
import type { AppTile } from '../../../../common/contract';
import { PortalError } from '../../../../main/services/core/errors';
import { startHarness, withNextStart, type Harness } from '../../../fakes/service-harness';

const ids = (tiles: AppTile[]) => tiles.map((t) => t.id);

describe('CatalogueService', () => {
  let h: Harness;
  afterEach(() => h.close());

  it('lists the portal apps in the portal order, with no favorites at first', async () => {
    h = await startHarness();
    await h.signIn();
    const tiles = await h.catalogue.list();
    expect(ids(tiles)).toEqual(h.portal.apps.map((a) => a.id));
    expect(tiles[0]).toEqual({ ...h.portal.apps[0], favorite: false, lastLaunchedAt: null });
    expect(h.events.at(-1)).toEqual({ event: 'apps:changed', payload: tiles });
  });

  it('puts favorites first, keeping the portal order in each group', async () => {
    h = await startHarness();
    await h.signIn();
    await h.catalogue.list();
    await h.catalogue.setFavorite({ appId: 'desktop', favorite: true });
    const tiles = await h.catalogue.setFavorite({ appId: 'ecapture-qc', favorite: true });
    expect(ids(tiles)).toEqual(['ecapture-qc', 'desktop', '7zip', 'eclipse-admin']);
    expect(tiles.filter((t) => t.favorite).map((t) => t.id)).toEqual(['ecapture-qc', 'desktop']);
    const unfav = await h.catalogue.setFavorite({ appId: 'desktop', favorite: false });
    expect(ids(unfav)).toEqual(['ecapture-qc', '7zip', 'eclipse-admin', 'desktop']);
  });

  it('keeps favorites per user and per portal, across restarts', async () => {
    h = await startHarness();
    h.portal.users.set('alice', { password: 'alice pw', displayName: 'Alice' });
    await h.signIn();
    await h.catalogue.setFavorite({ appId: 'eclipse-admin', favorite: true });
    await h.session.signOut();
    expect(h.catalogue.current()).toEqual([]);

    await h.signIn('alice', 'alice pw');
    expect((await h.catalogue.list()).some((t) => t.favorite)).toBe(false);
    await h.session.signOut();

    // A new process with the same settings store.
    await withNextStart(h, async (again) => {
      await again.signIn();
      const tiles = await again.catalogue.list();
      expect(tiles[0]).toMatchObject({ id: 'eclipse-admin', favorite: true });
    });
  });

  it('records last-launched times for the signed-in user', async () => {
    h = await startHarness();
    await h.signIn();
    await h.catalogue.list();
    h.catalogue.recordLaunch('7zip');
    const tile = h.catalogue.current().find((t) => t.id === '7zip');
    expect(tile?.lastLaunchedAt).toBe(new Date(h.ports.clock.now()).toISOString());
  });

  it('refuses favorites for unknown apps and when signed out', async () => {
    h = await startHarness();
    await expect(h.catalogue.setFavorite({ appId: '7zip', favorite: true })).rejects.toMatchObject({ code: 'not_signed_in' });
    await h.signIn();
    const error = await h.catalogue.setFavorite({ appId: 'nope', favorite: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PortalError);
    expect((error as PortalError).code).toBe('not_found');
  });

  it('ignores unreadable stored preferences instead of failing', async () => {
    h = await startHarness();
    h.ports.settings.set('userPrefs', { [`${h.portal.url}|demo`]: { favorites: 'not-a-list' }, __proto__x: 1 });
    await h.signIn();
    expect((await h.catalogue.list()).some((t) => t.favorite)).toBe(false);
    const tiles = await h.catalogue.setFavorite({ appId: '7zip', favorite: true });
    expect(tiles[0]).toMatchObject({ id: '7zip', favorite: true });
  });

  it('a username like "__proto__" stays plain data', async () => {
    h = await startHarness();
    h.portal.users.set('__proto__', { password: 'pw', displayName: 'Odd' });
    await h.signIn('__proto__', 'pw');
    const tiles = await h.catalogue.setFavorite({ appId: '7zip', favorite: true });
    expect(tiles[0]).toMatchObject({ id: '7zip', favorite: true });
    expect(({} as Record<string, unknown>).favorites).toBeUndefined();
  });
});

describe('CatalogueService races', () => {
  it('drops a list that arrives after sign-out', async () => {
    const h = await startHarness();
    try {
      await h.signIn();
      let release: () => void = () => {};
      const gate = new Promise<void>((resolve) => (release = resolve));
      h.portal.override('GET /apps', (_req, res) => {
        void gate.then(() => res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ apps: h.portal.apps })));
      });
      const pending = h.catalogue.list();
      await new Promise((resolve) => setTimeout(resolve, 50));
      await h.session.signOut();
      release();
      await expect(pending).rejects.toMatchObject({ code: 'not_signed_in' });
      expect(h.catalogue.current()).toEqual([]);
    } finally {
      await h.close();
    }
  });
});
