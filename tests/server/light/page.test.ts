import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, bearer, startTestPortal, type TestPortal } from '../helpers';
import { openGateway } from './rfb-client';

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

  it('serves the HTML5 client under a strict CSP, until the gateway redeems the ticket', async () => {
    const url = await webLaunch('ecapture-qc');
    const first = await fetch(url);
    expect(first.status).toBe(200);
    const csp = first.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain("connect-src 'self';");
    expect(csp).not.toContain('unsafe-inline');
    expect(first.headers.get('cache-control')).toBe('no-store');
    expect(first.headers.get('referrer-policy')).toBe('no-referrer');
    const html = await first.text();
    expect(html).toContain('eCapture QC (light version)');
    expect(html).not.toContain('stands in');
    // Only the portal's own module script, nothing inline.
    expect(html.match(/<script[^>]*>/g)).toEqual(['<script type="module" src="/light/assets/light.js">']);
    expect(html).not.toMatch(/style=/);
    const socket = new URL(url);
    socket.protocol = 'ws:';
    socket.pathname += '/socket';
    // The gateway redeems the ticket and greets the browser in RFB.
    const client = openGateway(socket.toString());
    expect((await client.reader.read(12)).toString()).toBe('RFB 003.008\n');
    client.ws.close();
    await client.closed;
    const replay = await fetch(url);
    expect(replay.status).toBe(403);
    expect(await replay.text()).toContain('This launch link has expired');
  });

  it('serves noVNC as its own static files, and nothing outside it', async () => {
    const rfb = await portal.request('/light/novnc/core/rfb.js');
    expect(rfb.status).toBe(200);
    expect(rfb.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(await rfb.text()).toContain('export default class RFB');
    expect((await portal.request('/light/novnc/core/../package.json')).status).toBe(404);
    expect((await portal.request('/light/novnc/%2e%2e/%2e%2e/package.json')).status).toBe(404);
    expect((await portal.request('/light/novnc/core/nothing.js')).status).toBe(404);
    const script = await portal.request('/light/assets/light.js');
    const source = await script.text();
    expect(source).toContain("from '/light/novnc/core/rfb.js'");
    // No clipboard path: the page never listens for or sends clipboard text.
    for (const path of ["addEventListener('clipboard'", 'clipboardPasteFrom', 'navigator.clipboard', "'paste'", "'copy'"]) {
      expect(source).not.toContain(path);
    }
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
