/**
 * Desktop notifications, one test per notice, each through the fake Notifier:
 * push waiting, transfer batch done/failed, password expiring (once a day,
 * across a restart, on a fake clock), session ended; and the relay that
 * honours "Show notifications" and reaches the page in the browser host.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AuthState, DesktopNotice, EventChannel, PasswordStatus, PushStarted } from '../../../../common/contract';
import type { Notifier } from '../../../../main/ports';
import { createNoticeRelay, notifyPushStarts, watchNotices } from '../../../../main/services/desktop/notices';
import { DesktopSettingsStore } from '../../../../main/services/desktop/settings';
import { createEventHub } from '../../../../main/services/core/events';
import { JsonSettingsStore } from '../../../../main/services/storage/json-settings-store';
import { PasswordService } from '../../../../main/services/auth/password-service';
import type { PortalApi } from '../../../../main/services/portal/client';
import type { SessionService } from '../../../../main/services/auth/session-service';
import { engineEventForwarder } from '../../../../main/services/transfers/event-forwarder';
import { FakeClock } from '../../../fakes/fake-clock';
import { MemorySettings } from '../../../fakes/memory-settings';

/** A Notifier that records every call with its options. */
class RecordingNotifier implements Notifier {
  readonly notes: Array<{ title: string; body: string; whenAway: boolean }> = [];
  notify(title: string, body: string, options?: { whenAway?: boolean }): void {
    this.notes.push({ title, body, whenAway: options?.whenAway === true });
  }
}

const signedIn: AuthState = {
  status: 'signed-in',
  portalUrl: 'https://portal.example',
  user: { username: 'demo', displayName: 'Demo User', roles: [] },
  idleExpiresAt: '2026-01-01T00:30:00.000Z',
};
const ended = (reason: 'session-expired' | 'signed-out'): AuthState => ({ status: 'signed-out', portalUrl: 'https://portal.example', lastUsername: 'demo', reason });

describe('push waiting', () => {
  it('notifies after a push went out, as a "when away" notice', async () => {
    const notifier = new RecordingNotifier();
    const started: PushStarted = { expiresAt: '2026-01-01T00:01:00.000Z' };
    const handlers = notifyPushStarts({ 'mfa:push-start': async () => started, other: () => 1 }, notifier);
    expect(notifier.notes).toEqual([]);
    await expect(handlers['mfa:push-start']()).resolves.toEqual(started);
    expect(notifier.notes).toEqual([expect.objectContaining({ title: 'Approve your sign-in', whenAway: true })]);
    expect(handlers.other()).toBe(1);
  });

  it('says nothing when the push could not be sent', async () => {
    const notifier = new RecordingNotifier();
    const handlers = notifyPushStarts(
      {
        'mfa:push-start': async (): Promise<PushStarted> => {
          throw new Error('rate_limited');
        },
      },
      notifier,
    );
    await expect(handlers['mfa:push-start']()).rejects.toThrow('rate_limited');
    expect(notifier.notes).toEqual([]);
  });
});

describe('transfer batch done / failed', () => {
  it('notifies once per finished batch, saying when files failed', () => {
    const notifier = new RecordingNotifier();
    const hub = createEventHub();
    const emitted: EventChannel[] = [];
    hub.onAny((event) => void emitted.push(event));
    const user = { conflicts: new Map(), stagedBatches: new Map() } as unknown as Parameters<typeof engineEventForwarder>[0];
    const forward = engineEventForwarder(user, { events: hub, notifier, isCurrent: () => true, queueState: () => ({}) as never });
    forward('batch-finished', { batchId: 1, direction: 'upload', succeeded: 2, failed: 0, skipped: 0 });
    forward('batch-finished', { batchId: 2, direction: 'download', succeeded: 1, failed: 2, skipped: 0 });
    expect(notifier.notes.map((n) => n.title)).toEqual(['Upload finished', 'Download finished with errors']);
    expect(notifier.notes[1]!.body).toContain('2 files failed');
    expect(emitted.filter((e) => e === 'transfers:batch-finished')).toHaveLength(2);
    // The core's own watcher does not add a second notification for the same batch.
    const watched = new RecordingNotifier();
    const stop = watchNotices(hub, watched);
    hub.emit('transfers:batch-finished', { batchId: 3, direction: 'upload', succeeded: 1, failed: 0, skipped: 0 });
    stop();
    expect(watched.notes).toEqual([]);
  });
});

describe('password expiring', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  /** A PasswordService over a stub portal answering "N days left"; settings in a real JSON file. */
  function start(settingsFile: string, clock: FakeClock, daysLeft: () => number) {
    const hub = createEventHub();
    const notifier = new RecordingNotifier();
    const session = {
      state: () => signedIn,
      authorized: <T>(call: (target: { portalUrl: string }) => Promise<T>) => call({ portalUrl: signedIn.portalUrl }),
    } as unknown as SessionService;
    const portal = {
      call: async (): Promise<PasswordStatus> => ({ expiresAt: null, daysLeft: daysLeft(), state: daysLeft() <= 7 ? 'notify' : 'remind' }),
    } as unknown as PortalApi;
    const service = new PasswordService({ portal, session, events: hub, notifier, settings: new JsonSettingsStore(settingsFile), clock });
    return { service, notifier };
  }

  it('notifies once a day in the last 7 days, and a restart the same day stays quiet', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'portico-notices-'));
    dirs.push(dir);
    const file = path.join(dir, 'settings.json');
    const clock = new FakeClock(Date.parse('2026-05-01T09:00:00.000Z'));
    let days = 8;

    /** Two status checks in a row tell the user once, with the days left. */
    const expectOneNotice = async (run: ReturnType<typeof start>, daysLeft: string) => {
      await run.service.refreshStatus();
      await run.service.refreshStatus();
      expect(run.notifier.notes).toHaveLength(1);
      expect(run.notifier.notes[0]!.body).toContain(daysLeft);
    };

    const first = start(file, clock, () => days);
    await first.service.refreshStatus();
    expect(first.notifier.notes).toEqual([]);
    days = 7;
    await expectOneNotice(first, '7 days');
    first.service.dispose();

    // Portico restarts later that day: a new service over the same settings file.
    clock.advance(6 * 3_600_000);
    const second = start(file, clock, () => days);
    await second.service.refreshStatus();
    expect(second.notifier.notes).toEqual([]);

    // The next day it tells the user again, once.
    clock.advance(24 * 3_600_000);
    days = 6;
    await expectOneNotice(second, '6 days');
    second.service.dispose();
  });
});

describe('session ended', () => {
  it('notifies when the portal ended the session, not on Sign out', () => {
    const hub = createEventHub();
    const notifier = new RecordingNotifier();
    const stop = watchNotices(hub, notifier);
    hub.emit('auth:changed', signedIn);
    hub.emit('auth:changed', ended('signed-out'));
    hub.emit('auth:changed', signedIn);
    hub.emit('auth:changed', ended('session-expired'));
    stop();
    expect(notifier.notes).toEqual([expect.objectContaining({ title: 'Session ended', whenAway: false })]);
  });
});

describe('notice relay', () => {
  it('drops notices when the user turned notifications off', () => {
    const base = new RecordingNotifier();
    const settings = new DesktopSettingsStore(new MemorySettings());
    const relay = createNoticeRelay({ base, settings });
    relay.notify('A', 'a');
    settings.setNotifications(false);
    relay.notify('B', 'b');
    expect(base.notes.map((n) => n.title)).toEqual(['A']);
  });

  it('browser host: sends every notice to the page as well', () => {
    const base = new RecordingNotifier();
    const hub = createEventHub();
    const page: DesktopNotice[] = [];
    hub.on('desktop:notice', (notice) => void page.push(notice));
    const relay = createNoticeRelay({ base, settings: new DesktopSettingsStore(new MemorySettings()), page: hub });
    relay.notify('Session ended', 'Sign in again.');
    relay.notify('Approve your sign-in', 'On your phone.', { whenAway: true });
    expect(page).toEqual([
      { title: 'Session ended', body: 'Sign in again.', whenAway: false },
      { title: 'Approve your sign-in', body: 'On your phone.', whenAway: true },
    ]);
    expect(base.notes).toHaveLength(2);
  });
});
