import { describe, expect, it } from 'vitest';
import type { AuthState } from '../../../../common/contract';
import type { Router } from '../../../../main/ports';
import { createEventHub } from '../../../../main/services/core/events';
import { DeepLinkDispatcher, PENDING_LAUNCH_MS } from '../../../../main/services/desktop/links';
import { signedInState, signedOutState } from '../../../fakes/auth-states';
import { FakeClock } from '../../../fakes/fake-clock';

const signedIn = signedInState();
const signedOut = signedOutState('start');

function setup(initial: AuthState) {
  let state = initial;
  const calls: Array<{ channel: string; args: unknown; sender: string }> = [];
  const router: Router = {
    handle: async (channel, args, sender) => {
      calls.push({ channel, args, sender: sender.description });
      return { ok: true, value: null };
    },
  };
  const events = createEventHub();
  const emitted: unknown[] = [];
  events.onAny((event, payload) => void emitted.push({ event, payload }));
  const clock = new FakeClock();
  let shown = 0;
  const dispatcher = new DeepLinkDispatcher({ router, events, clock, authState: () => state, showWindow: () => void (shown += 1) });
  const signIn = () => {
    state = signedIn;
    events.emit('auth:changed', signedIn);
  };
  return { dispatcher, calls, emitted, clock, signIn, shown: () => shown };
}

describe('DeepLinkDispatcher', () => {
  it('launches through the router when signed in', async () => {
    const t = setup(signedIn);
    await t.dispatcher.handle({ kind: 'launch', appId: '7zip' });
    expect(t.calls).toEqual([{ channel: 'apps:launch', args: [{ appId: '7zip', mode: 'native' }], sender: 'deep-link' }]);
    expect(t.shown()).toBe(1);
  });

  it('keeps a launch until the next sign-in, but not forever', async () => {
    const t = setup(signedOut);
    await t.dispatcher.handle({ kind: 'launch', appId: 'eclipse-admin' });
    expect(t.calls).toEqual([]);
    expect(t.dispatcher.pendingLaunch()).toBe('eclipse-admin');
    t.signIn();
    await Promise.resolve();
    expect(t.calls.map((c) => c.args)).toEqual([[{ appId: 'eclipse-admin', mode: 'native' }]]);

    const late = setup(signedOut);
    await late.dispatcher.handle({ kind: 'launch', appId: '7zip' });
    late.clock.advance(PENDING_LAUNCH_MS + 1);
    late.signIn();
    await Promise.resolve();
    expect(late.calls).toEqual([]);
  });

  it('asks the sign-in form to use a portal only while signed out', async () => {
    const out = setup(signedOut);
    await out.dispatcher.handle({ kind: 'open-portal', portalUrl: 'https://other.example' });
    expect(out.emitted).toEqual([{ event: 'desktop:open-portal', payload: { portalUrl: 'https://other.example' } }]);
    const inside = setup(signedIn);
    await inside.dispatcher.handle({ kind: 'open-portal', portalUrl: 'https://other.example' });
    expect(inside.emitted).toEqual([]);
    expect(inside.shown()).toBe(1);
  });
});
