import { describe, expect, it } from 'vitest';
import { createEventHub } from '../../../../main/services/core/events';
import { createSessionServices } from '../../../../main/services/launcher/session-services';
import { PortalApi } from '../../../../main/services/portal/client';
import { SettingsService } from '../../../../main/services/storage/settings-service';
import { Vault } from '../../../../main/services/storage/vault';
import { createFakePorts } from '../../../fakes/fake-ports';
import { startFakePortal } from '../../../fakes/fake-portal';

describe('createSessionServices', () => {
  it('wires session, catalogue and launcher over one portal client and event hub', async () => {
    const portal = await startFakePortal();
    const ports = createFakePorts({ persist: false });
    const events = createEventHub();
    const seen: string[] = [];
    events.onAny((event) => void seen.push(event));
    const services = createSessionServices({
      ports,
      portal: new PortalApi({ fetch: ports.fetch, clock: ports.clock, timeoutMs: 10_000 }),
      vault: Vault.open({ cipher: ports.cipher, userData: ports.paths.userData, clock: ports.clock }),
      settings: new SettingsService(ports.settings),
      events,
      defaultPortalUrl: portal.url,
    });
    try {
      expect(services.session.state()).toMatchObject({ status: 'signed-out', portalUrl: portal.url });
      await services.session.signIn({ portalUrl: portal.url, username: 'demo', password: 'correct horse' });
      expect(seen).toContain('auth:changed');
      expect((await services.catalogue.list()).length).toBeGreaterThan(0);
      await services.session.signOut();
      expect(services.catalogue.current()).toEqual([]);
    } finally {
      services.session.dispose();
      services.catalogue.dispose();
      await services.launcher.dispose();
      await portal.close();
      ports.cleanup();
    }
  });
});
