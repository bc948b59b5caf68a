import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LauncherService } from '../../../../main/services/launcher/launcher-service';
import { startHarness, type Harness } from '../../../fakes/service-harness';

describe('LauncherService', () => {
  let h: Harness;
  afterEach(() => h.close());

  async function signedIn(): Promise<Harness> {
    h = await startHarness();
    await h.signIn();
    return h;
  }

  it('writes a 0600 ICA file, opens it, and deletes it after a short delay', async () => {
    await signedIn();
    const result = await h.launcher.launch({ appId: '7zip', mode: 'native' });
    expect(result).toEqual({ status: 'launched', method: 'ica' });
    const [opened] = h.ports.osLauncher.opened;
    expect(opened).toBeDefined();
    expect(opened!.mode).toBe(0o600);
    expect(path.dirname(opened!.path)).toBe(h.ports.paths.temp);
    expect(path.basename(opened!.path)).toMatch(/^portico-[0-9a-f]{32}\.ica$/);
    expect(opened!.content).toContain('\r\n[7-Zip File Manager]\r\nAddress=apps.portal.example:1494\r\n');
    expect(opened!.content).toContain('LogonTicket=TICKET-123\r\n');
    // Still there right after the handler returns (the client reads it asynchronously)...
    expect(existsSync(opened!.path)).toBe(true);
    h.ports.clock.advance(5000);
    await waitFor(() => !existsSync(opened!.path));
    expect(readdirSync(h.ports.paths.temp)).toEqual([]);
    expect(h.catalogue.current().find((t) => t.id === '7zip')?.lastLaunchedAt).toBe(new Date(h.ports.clock.now() - 5000).toISOString());
  });

  it('launches RDP apps with an RDP file', async () => {
    await signedIn();
    expect(await h.launcher.launch({ appId: 'eclipse-admin', mode: 'native' })).toEqual({ status: 'launched', method: 'rdp' });
    const opened = h.ports.osLauncher.opened[0]!;
    expect(opened.path.endsWith('.rdp')).toBe(true);
    expect(opened.content).toContain('full address:s:rdp.portal.example:3389\r\n');
    expect(opened.mode).toBe(0o600);
  });

  it('reports a missing native client, deletes the file at once and says whether the web version exists', async () => {
    await signedIn();
    h.ports.osLauncher.outcome = 'no-handler';
    expect(await h.launcher.launch({ appId: '7zip', mode: 'native' })).toEqual({
      status: 'no-client',
      clientName: 'Citrix Workspace app',
      webAvailable: true,
    });
    expect(await h.launcher.launch({ appId: 'eclipse-admin', mode: 'native' })).toEqual({
      status: 'no-client',
      clientName: 'Remote Desktop client',
      webAvailable: false,
    });
    expect(readdirSync(h.ports.paths.temp)).toEqual([]);
    expect(h.catalogue.current().every((t) => t.lastLaunchedAt === null)).toBe(true);
  });

  it('turns an OS failure into a typed error and removes the file', async () => {
    await signedIn();
    h.ports.osLauncher.outcome = 'failed';
    await expect(h.launcher.launch({ appId: '7zip', mode: 'native' })).rejects.toMatchObject({ code: 'internal' });
    expect(readdirSync(h.ports.paths.temp)).toEqual([]);
  });

  it('blocks a descriptor pointing at a host outside the policy; nothing is written or opened', async () => {
    await signedIn();
    h.portal.descriptors.set('7zip', {
      type: 'ica', title: '7-Zip File Manager', address: 'evil.example:1494', initialProgram: '#7-Zip', logonTicket: 't',
      transportDriver: 'TCP/IP', clientAudio: false, allowClipboard: false, allowDrives: false,
    });
    await expect(h.launcher.launch({ appId: '7zip', mode: 'native' })).rejects.toMatchObject({ code: 'launch_blocked' });
    expect(h.ports.osLauncher.opened).toEqual([]);
    expect(readdirSync(h.ports.paths.temp)).toEqual([]);
  });

  it('blocks clipboard redirection the policy forbids, allows it when the policy does', async () => {
    await signedIn();
    h.portal.descriptors.set('eclipse-admin', {
      type: 'rdp', title: 'Eclipse Admin', address: 'rdp.portal.example', remoteProgram: '||E', username: 'demo', allowClipboard: true, allowDrives: false,
    });
    await expect(h.launcher.launch({ appId: 'eclipse-admin', mode: 'native' })).rejects.toMatchObject({ code: 'launch_blocked' });
    h.portal.policy.allowClipboard = true;
    await h.launcher.launch({ appId: 'eclipse-admin', mode: 'native' });
    expect(h.ports.osLauncher.opened[0]!.content).toContain('redirectclipboard:i:1\r\n');
  });

  it('blocks a descriptor of another type than asked for', async () => {
    await signedIn();
    h.portal.descriptors.set('7zip', { type: 'web', title: 'x', url: `${h.portal.url}/light/7zip` });
    await expect(h.launcher.launch({ appId: '7zip', mode: 'native' })).rejects.toMatchObject({ code: 'launch_blocked' });
  });

  it('opens the light version only on its approved origin', async () => {
    await signedIn();
    expect(await h.launcher.launch({ appId: 'desktop', mode: 'web' })).toEqual({ status: 'launched', method: 'web' });
    expect(h.ports.webSessions.opened).toEqual([
      { url: `${h.portal.url}/light/desktop?ticket=abc`, title: 'Virtual Desktop', allowedOrigin: h.portal.url },
    ]);
    h.portal.descriptors.set('desktop', { type: 'web', title: 'x', url: 'https://evil.example/light' });
    await expect(h.launcher.launch({ appId: 'desktop', mode: 'web' })).rejects.toMatchObject({ code: 'launch_blocked' });
    expect(h.ports.webSessions.opened).toHaveLength(1);
  });

  it('refuses modes the app does not offer and unknown apps', async () => {
    await signedIn();
    await expect(h.launcher.launch({ appId: 'eclipse-admin', mode: 'web' })).rejects.toMatchObject({ code: 'invalid_request' });
    await expect(h.launcher.launch({ appId: 'desktop', mode: 'native' })).rejects.toMatchObject({ code: 'invalid_request' });
    await expect(h.launcher.launch({ appId: 'ghost', mode: 'native' })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('opens RDP for an app offering both when the machine has no Citrix client', async () => {
    await signedIn();
    h.portal.apps.push({ id: 'windows-explorer', name: 'Windows Explorer', description: 'Files.', icon: 'x', kind: 'app', methods: ['ica', 'rdp', 'web'] });
    h.ports.nativeClients.clients = { ica: 'no', rdp: 'yes' };
    expect(await h.launcher.launch({ appId: 'windows-explorer', mode: 'native' })).toEqual({ status: 'launched', method: 'rdp' });
    expect(h.ports.osLauncher.opened.map((o) => path.extname(o.path))).toEqual(['.rdp']);
    h.ports.nativeClients.clients = { ica: 'yes', rdp: 'yes' };
    expect(await h.launcher.launch({ appId: 'windows-explorer', mode: 'native' })).toEqual({ status: 'launched', method: 'ica' });
  });

  it('tries RDP when the OS has no handler for an ICA file it could not rule out', async () => {
    await signedIn();
    h.portal.apps.push({ id: 'windows-explorer', name: 'Windows Explorer', description: 'Files.', icon: 'x', kind: 'app', methods: ['ica', 'rdp', 'web'] });
    h.ports.nativeClients.clients = { ica: 'unknown', rdp: 'unknown' };
    const answers = ['no-handler', 'ok'] as const;
    const open = h.ports.osLauncher.openPath.bind(h.ports.osLauncher);
    h.ports.osLauncher.openPath = async (file) => {
      h.ports.osLauncher.outcome = answers[h.ports.osLauncher.opened.length] ?? 'failed';
      return open(file);
    };
    expect(await h.launcher.launch({ appId: 'windows-explorer', mode: 'native' })).toEqual({ status: 'launched', method: 'rdp' });
    expect(h.ports.osLauncher.opened.map((o) => path.extname(o.path))).toEqual(['.ica', '.rdp']);
    expect(readdirSync(h.ports.paths.temp).every((name) => name.endsWith('.rdp'))).toBe(true);
  });

  it('names both clients, writes nothing and asks the portal for nothing when neither is installed', async () => {
    await signedIn();
    h.portal.apps.push({ id: 'windows-explorer', name: 'Windows Explorer', description: 'Files.', icon: 'x', kind: 'app', methods: ['ica', 'rdp', 'web'] });
    h.ports.nativeClients.clients = { ica: 'no', rdp: 'no' };
    expect(await h.launcher.launch({ appId: 'windows-explorer', mode: 'native' })).toEqual({
      status: 'no-client',
      clientName: 'Citrix Workspace app or a Remote Desktop client',
      webAvailable: true,
    });
    expect(h.ports.osLauncher.opened).toEqual([]);
  });

  it("follows the user's light-version preference", async () => {
    h = await startHarness();
    await h.signIn();
    const launcher = new LauncherService({
      portal: h.client,
      session: h.session,
      catalogue: h.catalogue,
      osLauncher: h.ports.osLauncher,
      webSessions: h.ports.webSessions,
      nativeClients: h.ports.nativeClients,
      launchPreference: () => 'light',
      clock: h.ports.clock,
      tempDir: h.ports.paths.temp,
    });
    expect(await launcher.launch({ appId: '7zip', mode: 'native' })).toEqual({ status: 'launched', method: 'web' });
    expect(h.ports.osLauncher.opened).toEqual([]);
    await launcher.dispose();
  });

  it('writes a full-desktop RDP file for the desktop, without the logon ticket', async () => {
    await signedIn();
    h.portal.apps.push({ id: 'rdp-desktop', name: 'Virtual Desktop', description: 'Desktop.', icon: 'desktop', kind: 'desktop', methods: ['rdp'] });
    h.portal.descriptors.set('rdp-desktop', {
      type: 'rdp', title: 'Virtual Desktop', address: 'rdp.portal.example:3389', username: 'demo', logonTicket: 'SINGLE-USE', allowClipboard: false, allowDrives: false,
    });
    expect(await h.launcher.launch({ appId: 'rdp-desktop', mode: 'native' })).toEqual({ status: 'launched', method: 'rdp' });
    const { content } = h.ports.osLauncher.opened[0]!;
    expect(content).toContain('remoteapplicationmode:i:0\r\n');
    expect(content).not.toMatch(/remoteapplicationprogram|undefined|SINGLE-USE/);
  });

  it('hands the light version URL back when the shell opens it in the page (browser host)', async () => {
    await signedIn();
    h.ports.webSessions.openInPage = true;
    expect(await h.launcher.launch({ appId: '7zip', mode: 'web' })).toEqual({
      status: 'launched',
      method: 'web',
      url: `${h.portal.url}/light/7zip?ticket=abc`,
    });
  });

  it('deletes pending launch files on dispose', async () => {
    await signedIn();
    await h.launcher.launch({ appId: '7zip', mode: 'native' });
    expect(readdirSync(h.ports.paths.temp)).toHaveLength(1);
    await h.launcher.dispose();
    expect(readdirSync(h.ports.paths.temp)).toEqual([]);
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
