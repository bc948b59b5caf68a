import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, bearer, startTestPortal, type TestPortal } from '../helpers';

describe('light version page', () => {
  let portal: TestPortal;
  let token: string;

  beforeAll(async () => {
    portal = await startTestPortal(backends[0]!);
    token = await portal.signInDemo();
  });
  afterAll(async () => {
    await portal?.cleanup();
  });

  async function webLaunch(appId: string): Promise<string> {
    const response = await portal.post(`/api/v1/apps/${appId}/launch`, { method: 'web' }, bearer(token));
    return (await response.json()).descriptor.url;
  }

  it('serves a script-free page with a strict CSP, once per ticket', async () => {
    const url = await webLaunch('ecapture-qc');
    const first = await fetch(url);
    expect(first.status).toBe(200);
    const csp = first.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(first.headers.get('cache-control')).toBe('no-store');
    expect(first.headers.get('referrer-policy')).toBe('no-referrer');
    const html = await first.text();
    expect(html).toContain('eCapture QC');
    expect(html).toContain('Demo User');
    expect(html.toLowerCase()).not.toContain('<script');
    expect(html).not.toMatch(/style=/);
    const replay = await fetch(url);
    expect(replay.status).toBe(403);
  });

  it('refuses a ticket for another app, a forged ticket and an expired one', async () => {
    const url = new URL(await webLaunch('7zip'));
    const ticket = url.searchParams.get('ticket')!;
    expect((await portal.request(`/light/desktop?ticket=${ticket}`)).status).toBe(403);
    expect((await portal.request(`/light/7zip?ticket=${'A'.repeat(43)}`)).status).toBe(403);
    expect((await portal.request('/light/7zip')).status).toBe(403);

    const late = await webLaunch('7zip');
    portal.clock.advanceSeconds(portal.server.config.launch.ticketTtlSeconds + 1);
    expect((await fetch(late)).status).toBe(403);
  });

  it('refuses a native ticket on the web page', async () => {
    const response = await portal.post(
      '/api/v1/apps/desktop/launch',
      { method: 'ica' },
      bearer(await portal.signInDemo()),
    );
    const { descriptor } = await response.json();
    expect((await portal.request(`/light/desktop?ticket=${descriptor.logonTicket}`)).status).toBe(403);
  });

  it('serves its stylesheet', async () => {
    const css = await portal.request('/light/assets/light.css');
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toMatch(/^text\/css/);
  });
});
