import { describe, expect, it } from 'vitest';
import type { AuthState, DesktopSettings } from '../../../../common/contract';
import { createEventHub } from '../../../../main/services/core/events';
import { DesktopIntegration, type DesktopShellHooks } from '../../../../main/services/desktop/integration';
import { batchNotice, passwordExpiringNotice, sessionEndedNotice, watchNotices } from '../../../../main/services/desktop/notices';
import { DesktopSettingsStore, restorableBounds } from '../../../../main/services/desktop/settings';
import { RingLog } from '../../../../main/services/diagnostics/log';
import { signedInState, signedOutState } from '../../../fakes/auth-states';
import { FakeClock } from '../../../fakes/fake-clock';
import { MemorySettings } from '../../../fakes/memory-settings';

const signedIn = signedInState({ user: { displayName: 'Demo User' }, idleExpiresAt: '2026-01-01T00:30:00.000Z' });
const expired = signedOutState('session-expired', 'demo');
const signedOut: AuthState = { ...expired, reason: 'signed-out' };

describe('DesktopSettingsStore', () => {
  it('defaults to close-to-tray on, start-at-login off, and ignores garbage', () => {
    const raw = new MemorySettings();
    const settings = new DesktopSettingsStore(raw);
    expect([settings.closeToTray(), settings.startAtLogin()]).toEqual([true, false]);
    raw.set('desktop.closeToTray', 'no');
    raw.set('desktop.windowState', { x: 'a', y: 0, width: 5, height: 5, maximized: false });
    expect(settings.closeToTray()).toBe(true);
    expect(settings.windowState()).toBeNull();
  });

  it('shows the tray notice once', () => {
    const settings = new DesktopSettingsStore(new MemorySettings());
    expect([settings.takeTrayNotice(), settings.takeTrayNotice()]).toEqual([true, false]);
  });

  it('remembers window bounds and restores them only onto a present display', () => {
    const settings = new DesktopSettingsStore(new MemorySettings());
    settings.setWindowState({ x: 100.4, y: 80, width: 1000, height: 700, maximized: false });
    const saved = settings.windowState();
    expect(saved).toEqual({ x: 100, y: 80, width: 1000, height: 700, maximized: false });
    const laptop = [{ x: 0, y: 0, width: 1920, height: 1080 }];
    expect(restorableBounds(saved, laptop)).toEqual(saved);
    // The monitor it was on is gone.
    expect(restorableBounds({ ...saved!, x: 2500 }, laptop)).toBeNull();
    expect(restorableBounds({ ...saved!, y: -500 }, laptop)).toBeNull();
  });
});

describe('desktop notices', () => {
  it('says "session ended" only when the portal ended a session', () => {
    expect(sessionEndedNotice(signedIn, expired)?.title).toBe('Session ended');
    expect(sessionEndedNotice(signedIn, signedOut)).toBeNull();
    expect(sessionEndedNotice(null, expired)).toBeNull();
  });

  it('reports transfer batches and password expiry', () => {
    expect(batchNotice({ batchId: 1, direction: 'upload', succeeded: 3, failed: 0, skipped: 0 })).toEqual({ title: 'Upload finished', body: '3 files transferred.' });
    expect(batchNotice({ batchId: 1, direction: 'download', succeeded: 3, failed: 1, skipped: 0 })?.title).toBe('Download failed');
    expect(passwordExpiringNotice(1).body).toContain('tomorrow');
  });

  it('watchNotices sends "session ended" through the notifier (batches are the transfers service’s)', () => {
    const hub = createEventHub();
    const sent: string[] = [];
    const stop = watchNotices(hub, { notify: (title) => sent.push(title) });
    hub.emit('auth:changed', signedIn);
    hub.emit('auth:changed', expired);
    hub.emit('transfers:batch-finished', { batchId: 2, direction: 'upload', succeeded: 1, failed: 0, skipped: 0 });
    stop();
    hub.emit('auth:changed', signedIn);
    hub.emit('auth:changed', expired);
    expect(sent).toEqual(['Session ended']);
  });
});

describe('DesktopIntegration', () => {
  function make(hooks: DesktopShellHooks, onSettingsChanged?: (settings: DesktopSettings) => void) {
    const log = new RingLog();
    log.write('signed in with password=hunter2');
    return new DesktopIntegration({
      portal: { probe: () => Promise.reject(new Error('offline')) },
      settings: new DesktopSettingsStore(new MemorySettings()),
      log,
      clock: new FakeClock(),
      hooks,
      ...(onSettingsChanged ? { onSettingsChanged } : {}),
      facts: () => ({
        appVersion: '0.1.0',
        shell: 'browser',
        platform: 'linux',
        osRelease: '6.1',
        arch: 'x64',
        portalUrl: 'https://portal.example',
        signedIn: false,
        vault: { persistent: false, reason: 'no keychain', problem: null },
      }),
      launchEndpoints: async () => [{ method: 'rdp', host: 'apps.example', port: 3389 }],
      ftpsEndpoint: async () => ({ host: 'files.example', port: 7990 }),
      probes: {
        fetch: (async () => new Response('{}', { status: 200 })) as typeof fetch,
        tcpConnect: async (host) => {
          if (host === 'apps.example') throw Object.assign(new Error('refused'), { code: 'ECONNREFUSED' });
        },
      },
    });
  }

  it('hands the browser host the redacted text to download', async () => {
    const result = await make({}).saveDiagnostics();
    expect(result.status).toBe('download');
    if (result.status !== 'download') return;
    expect(result.fileName).toMatch(/^portico-diagnostics-\d{8}-\d{6}\.txt$/);
    expect(result.text).toContain('OK   Portal (HTTP health)');
    expect(result.text).toContain('FAIL Launch gateway (RDP): apps.example:3389 — ECONNREFUSED');
    expect(result.text).toContain('OK   FTPS control port: files.example:7990 — connected');
    expect(result.text).not.toContain('hunter2');
  });

  it('uses the shell save dialog when there is one', async () => {
    const written: string[] = [];
    const saved = await make({ saveTextFile: async (name, text) => (written.push(text), { fileName: name }) }).saveDiagnostics();
    expect(saved.status).toBe('saved');
    expect(written[0]).toContain('Portico diagnostics');
    expect(await make({ saveTextFile: async () => null }).saveDiagnostics()).toEqual({ status: 'cancelled' });
  });

  it('refuses settings the shell cannot honour and applies the others', () => {
    expect(() => make({}).updateSettings({ startAtLogin: true })).toThrow(/only available/);
    const logins: boolean[] = [];
    const desktop = make({ hasTray: true, loginItem: { set: (on) => void logins.push(on) } });
    expect(desktop.updateSettings({ startAtLogin: true, closeToTray: false })).toEqual({
      closeToTray: false,
      notifications: true,
      startAtLogin: true,
      supported: { closeToTray: true, startAtLogin: true },
    });
    expect(logins).toEqual([true]);
  });

  it('tells every view about a change, and nothing about a refused one', () => {
    const seen: DesktopSettings[] = [];
    const desktop = make({ hasTray: true }, (settings) => seen.push(settings));
    expect(() => desktop.updateSettings({ startAtLogin: true })).toThrow(/only available/);
    expect(seen).toEqual([]);
    desktop.updateSettings({ closeToTray: false });
    expect(seen.map((s) => s.closeToTray)).toEqual([false]);
  });
});
