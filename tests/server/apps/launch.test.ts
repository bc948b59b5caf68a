import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, bearer, startTestPortal, type TestPortal } from '../helpers';

interface AppEntry {
  id: string;
  name: string;
  description: string;
  icon: string;
  kind: string;
  methods: Array<'ica' | 'rdp' | 'web'>;
}

describe.each(backends)('app catalogue and launch ($name)', (backend) => {
  let portal: TestPortal;
  let token: string;
  let apps: AppEntry[];

  beforeAll(async () => {
    portal = await startTestPortal(backend);
    token = await portal.signInDemo();
    const response = await portal.request('/api/v1/apps', { headers: bearer(token) });
    apps = (await response.json()).apps;
  });
  afterAll(async () => {
    await portal?.cleanup();
  });

  const launch = (appId: string, method: unknown) =>
    portal.post(`/api/v1/apps/${appId}/launch`, { method }, bearer(token));

  it('lists the six demo apps with complete entries', () => {
    expect(apps).toHaveLength(6);
    expect(apps.map((app) => app.icon).sort()).toEqual(
      ['7zip', 'desktop', 'ecapture-controller', 'ecapture-qc', 'eclipse-admin', 'windows-explorer'].sort(),
    );
    expect(apps.filter((app) => app.kind === 'desktop')).toHaveLength(1);
    for (const app of apps) {
      expect(app.name.length).toBeGreaterThan(0);
      expect(app.description).not.toContain('\n');
      expect(app.methods).toContain('web');
    }
    expect(apps.some((app) => app.methods.includes('rdp'))).toBe(true);
  });

  it('names gateways only for the methods the catalogue uses', async () => {
    const rdpFree = await startTestPortal(backend, {
      config: {
        apps: [
          {
            id: 'only-ica',
            name: 'Only ICA',
            description: 'ICA only.',
            icon: 'generic',
            kind: 'app',
            methods: ['ica'],
          },
        ],
      },
    });
    try {
      const other = await rdpFree.signInDemo();
      const policy = await (
        await rdpFree.request('/api/v1/launch-policy', { headers: bearer(other) })
      ).json();
      expect(Object.keys(policy.gateways)).toEqual(['ica']);
    } finally {
      await rdpFree.cleanup();
    }
  });

  it('requires a session for the catalogue', async () => {
    expect((await portal.request('/api/v1/apps')).status).toBe(401);
  });

  it('returns a descriptor for every method each app offers', async () => {
    const policy = await (await portal.request('/api/v1/launch-policy', { headers: bearer(token) })).json();
    const tickets = new Set<string>();
    for (const app of apps) {
      for (const method of app.methods) {
        const response = await launch(app.id, method);
        expect(response.status).toBe(200);
        const { descriptor } = await response.json();
        expect(descriptor.type).toBe(method);
        expect(descriptor.title).toBe(app.name);
        if (method === 'web') {
          const url = new URL(descriptor.url);
          expect(policy.webOrigins).toContain(url.origin);
          expect(url.pathname).toBe(`/light/${app.id}`);
          tickets.add(url.searchParams.get('ticket') ?? '');
        } else {
          const host = String(descriptor.address).split(':')[0];
          expect(policy.allowedHosts).toContain(host);
          // The policy names where each kind of file connects (diagnostics checks exactly that).
          expect(policy.gateways[method]).toBe(descriptor.address);
          expect(descriptor.logonTicket).toMatch(/^[A-Za-z0-9_-]{43}$/);
          expect(descriptor.allowClipboard).toBe(policy.allowClipboard);
          expect(descriptor.allowDrives).toBe(policy.allowDrives);
          tickets.add(descriptor.logonTicket);
        }
        if (method === 'rdp') expect(descriptor.username).toBe('demo');
      }
    }
    const launches = apps.reduce((sum, app) => sum + app.methods.length, 0);
    expect(tickets.size).toBe(launches);
  });

  it('rejects a method the app does not offer', async () => {
    const app = apps.find((entry) => !entry.methods.includes('rdp'));
    expect(app).toBeDefined();
    const response = await launch(app!.id, 'rdp');
    expect(response.status).toBe(400);
    expect((await response.json()).error).toMatchObject({
      code: 'invalid_request',
      details: { field: 'method' },
    });
  });

  it('rejects unknown methods and apps', async () => {
    expect((await launch(apps[0]!.id, 'vnc')).status).toBe(400);
    expect((await launch(apps[0]!.id, 42)).status).toBe(400);
    const unknown = await launch('no-such-app', 'web');
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).error.code).toBe('not_found');
    expect((await launch('..%2F..%2Fetc', 'web')).status).toBeGreaterThanOrEqual(400);
  });

  it('requires a session to launch', async () => {
    const response = await portal.post(`/api/v1/apps/${apps[0]!.id}/launch`, { method: 'web' });
    expect(response.status).toBe(401);
  });
});
