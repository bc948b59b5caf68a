import { beforeEach, describe, expect, it } from 'vitest';
import type { PasswordPolicyInfo, ResetPushWaitResult, ResetState } from '../../../../common/contract';
import { setDesktopApi } from '../../../../renderer/src/desktop-api';
import { PUSH_CANCELLED_NOTICE, waitForPushAnswer } from '../../../../renderer/src/lib/push-wait';
import { useResetStore } from '../../../../renderer/src/features/reset/use-reset-store';
import { FakeDesktopApi, ok } from '../../fake-desktop-api';

const policy = { minLength: 8 } as PasswordPolicyInfo;
const atSecondFactor: ResetState = {
  stage: 'second-factor',
  username: 'rita',
  methods: ['push', 'passcode'],
};
const EXPIRES = '2026-06-01T09:01:00.000Z';

let api: FakeDesktopApi;
beforeEach(() => {
  api = new FakeDesktopApi();
  setDesktopApi(api);
  useResetStore.setState({
    open: true,
    state: atSecondFactor,
    busy: false,
    error: null,
    pushing: false,
    pushExpiresAt: null,
    notice: null,
  });
});

/** Answers each `reset:push-wait` with the next entry. */
function waits(...answers: ResetPushWaitResult[]): void {
  api.handle('reset:push-wait', () => ok(answers.shift() ?? { state: 'pending', expiresAt: EXPIRES }));
}

describe('the shared push wait loop', () => {
  it('asks again while pending and stops at the first other answer', async () => {
    const answers = ['pending', 'pending', 'denied'].map((state) => ok({ state }));
    const end = await waitForPushAnswer(
      async () => answers.shift()!,
      () => true,
    );
    expect(end).toEqual({ kind: 'answer', value: { state: 'denied' } });
    expect(answers).toHaveLength(0);
  });

  it('drops the answer when the caller moved on, and reports failures', async () => {
    expect(
      await waitForPushAnswer(
        async () => ok({ state: 'approved' }),
        () => false,
      ),
    ).toEqual({ kind: 'superseded' });
    const error = { code: 'connection_failed' as const, message: 'offline' };
    expect(
      await waitForPushAnswer(
        async () => ({ ok: false, error }),
        () => true,
      ),
    ).toEqual({ kind: 'failed', error });
  });
});

describe('reset with Send Me a Push', () => {
  it('waits through pending answers and moves to the questions when approved', async () => {
    api.handle('reset:push-start', () => ok({ expiresAt: EXPIRES }));
    waits(
      { state: 'pending', expiresAt: EXPIRES },
      {
        state: 'approved',
        reset: { stage: 'questions', username: 'rita', questions: ['Q1?', 'Q2?', 'Q3?'] },
      },
    );
    await useResetStore.getState().sendPush();
    expect(api.callsTo('reset:push-wait')).toHaveLength(2);
    expect(useResetStore.getState()).toMatchObject({
      pushing: false,
      pushExpiresAt: null,
      state: { stage: 'questions' },
    });
  });

  it('says when the phone denied or the push timed out, and stays at the second factor', async () => {
    api.handle('reset:push-start', () => ok({ expiresAt: EXPIRES }));
    waits({ state: 'denied', expiresAt: EXPIRES });
    await useResetStore.getState().sendPush();
    expect(useResetStore.getState().notice).toMatch(/denied on your phone/);
    expect(useResetStore.getState().state.stage).toBe('second-factor');
    waits({ state: 'expired', expiresAt: EXPIRES });
    await useResetStore.getState().sendPush();
    expect(useResetStore.getState().notice).toMatch(/timed out/);
    // A denial counts toward the lockout: the notice warns when few attempts are left.
    waits({ state: 'denied', expiresAt: EXPIRES, attemptsLeft: 1 });
    await useResetStore.getState().sendPush();
    expect(useResetStore.getState().notice).toMatch(
      /denied on your phone.*Careful: 1 attempt left before your account is locked\./,
    );
  });

  it('cancel stops the wait at once and ignores a late approval', async () => {
    api.handle('reset:push-start', () => ok({ expiresAt: EXPIRES }));
    api.handle('reset:push-cancel', () => ok(undefined));
    let release: (value: ReturnType<typeof ok<ResetPushWaitResult>>) => void = () => undefined;
    api.handle('reset:push-wait', () => new Promise((resolve) => (release = resolve)));
    const sending = useResetStore.getState().sendPush();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(useResetStore.getState()).toMatchObject({ pushing: true, pushExpiresAt: EXPIRES });
    await useResetStore.getState().cancelPush();
    expect(useResetStore.getState()).toMatchObject({ pushing: false, notice: PUSH_CANCELLED_NOTICE });
    release(ok({ state: 'approved', reset: { stage: 'new-password', username: 'rita', policy } }));
    await sending;
    expect(useResetStore.getState().state.stage).toBe('second-factor');
    expect(api.callsTo('reset:push-cancel')).toHaveLength(1);
  });

  it('a refused push (limits) shows the error next to the push; an expired reset starts over', async () => {
    api.handle('reset:push-start', () => ({
      ok: false,
      error: { code: 'rate_limited', message: 'Too many pushes.' },
    }));
    await useResetStore.getState().sendPush();
    expect(useResetStore.getState()).toMatchObject({
      pushing: false,
      error: { code: 'rate_limited' },
      errorFrom: 'push',
    });
    api.handle('reset:push-start', () => ok({ expiresAt: EXPIRES }));
    api.handle('reset:push-wait', () => ({
      ok: false,
      error: { code: 'session_expired', message: 'Start again.' },
    }));
    await useResetStore.getState().sendPush();
    expect(useResetStore.getState()).toMatchObject({ state: { stage: 'idle' }, errorFrom: 'form' });
  });

  it('closing the screen during a wait cancels the push before the reset', async () => {
    api.handle('reset:push-cancel', () => ok(undefined));
    api.handle('reset:cancel', () => ok({ stage: 'idle' }));
    useResetStore.setState({ pushing: true, pushExpiresAt: EXPIRES });
    await useResetStore.getState().close();
    expect(api.calls.map((c) => c.channel)).toEqual(['reset:push-cancel', 'reset:cancel']);
    expect(useResetStore.getState()).toMatchObject({ open: false, pushing: false });
  });
});
