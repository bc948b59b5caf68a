/** Learning which portal answers at an address: once per address, retried after a failure, never thrown. */
import { describe, expect, it } from 'vitest';
import type { Branding } from '../../../../common/api/core';
import { PortalError } from '../../../../main/services/core/errors';
import { PortalIdentity } from '../../../../main/services/portal/identity';
import { SettingsService } from '../../../../main/services/storage/settings-service';
import { MemorySettings } from '../../../fakes/memory-settings';

const branding = (portalId?: string): Branding => ({
  name: 'Demo Cloud',
  supportPhones: [],
  supportEmail: 'support@example.com',
  ...(portalId ? { portalId } : {}),
});

function setup(answers: Array<Branding | Error>) {
  const asked: string[] = [];
  const portal = {
    getBranding: async (target: { portalUrl: string }) => {
      asked.push(target.portalUrl);
      const answer = answers.shift() ?? new PortalError('connection_failed', 'down');
      if (answer instanceof Error) throw answer;
      return answer;
    },
  };
  const settings = new SettingsService(new MemorySettings());
  return { asked, settings, identity: new PortalIdentity({ portal, settings }) };
}

describe('PortalIdentity', () => {
  it('asks an address once per run and keys its data by the announced id', async () => {
    const { asked, settings, identity } = setup([branding('portal-id-aaaa'), branding('portal-id-aaaa')]);
    const [a, b] = await Promise.all([identity.keyFor('http://127.0.0.1:8443/'), identity.keyFor('http://127.0.0.1:8443')]);
    expect(a).toBe(b);
    expect(asked).toEqual(['http://127.0.0.1:8443']);
    expect(await identity.keyFor('http://127.0.0.1:9555')).toBe(a);
    expect(a).toBe(settings.portalKey('http://127.0.0.1:8443'));
    expect(a).not.toBe('http://127.0.0.1:8443');
  });

  it('keeps what it knew when the portal cannot be reached, and asks again next time', async () => {
    const { asked, identity } = setup([branding('portal-id-aaaa'), new PortalError('connection_failed', 'down'), branding('portal-id-bbbb')]);
    const known = await identity.keyFor('http://127.0.0.1:8443');
    const other = setup([]);
    await expect(other.identity.learn('http://127.0.0.1:9555')).resolves.toBeUndefined();
    await expect(identity.learn('http://127.0.0.1:9555')).resolves.toBeUndefined();
    expect(await identity.keyFor('http://127.0.0.1:8443')).toBe(known);
    // The failed address is asked again and now answers.
    expect(await identity.keyFor('http://127.0.0.1:9555')).not.toBe('http://127.0.0.1:9555');
    expect(asked).toEqual(['http://127.0.0.1:8443', 'http://127.0.0.1:9555', 'http://127.0.0.1:9555']);
  });

  it('keys a portal that announces no id by its address, and ignores a bad address', async () => {
    const { identity } = setup([branding()]);
    expect(await identity.keyFor('http://127.0.0.1:8443')).toBe('http://127.0.0.1:8443');
    await expect(identity.learn('not a url')).resolves.toBeUndefined();
  });
});
