/**
 * The client's sign-in flow: its table names a handler for every step the
 * portal can answer (checked by the compiler), the steps match the
 * portal's gates, and a step the portal sends reaches its handler with the
 * checked body.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { AuthState, MfaAuthState, PasswordAuthState, SignInStepName, SignInStepState } from '../../../../common/contract';
import { PortalError } from '../../../../main/services/core/errors';
import { SIGN_IN_STEPS, type SignInFlow, type SignInStep, type SignInStepHandlers, type PendingSignIn } from '../../../../main/services/auth/sign-in-steps';
import { signInGates } from '../../../../server/sign-in-gates';
import { sendJson } from '../../../fakes/fake-portal';
import { startHarness, type Harness } from '../../../fakes/service-harness';

/** True only when A and B are the same type. */
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

interface Call {
  step: SignInStepName;
  pending: PendingSignIn;
  body: unknown;
}

/** A flow whose handlers record what reaches them. */
function recordingFlow(calls: Call[], completed: string[] = []): SignInFlow {
  const record = (step: SignInStepName, pending: PendingSignIn, body: unknown) => void calls.push({ step, pending: { ...pending }, body });
  const steps: SignInStepHandlers = {
    enroll: (pending, body) => {
      record('enroll', pending, body);
      return { status: 'enroll', portalUrl: pending.portalUrl, username: pending.username, displayName: 'New', activation: body.activation };
    },
    mfa: (pending, body) => {
      record('mfa', pending, body);
      return { status: 'second-factor', portalUrl: pending.portalUrl, username: pending.username, methods: body.methods, preference: body.preference, rememberHours: 8, pushExpirySeconds: 60, enrolled: body.enrolled, activation: body.activation };
    },
    backup_codes: (pending, body) => {
      record('backup_codes', pending, body);
      return { status: 'backup-codes', portalUrl: pending.portalUrl, username: pending.username, devices: [], preference: body.preference, recoveryPhone: body.recoveryPhone, activation: body.activation };
    },
    security_questions: (pending, body) => {
      record('security_questions', pending, body);
      return { status: 'security-questions', portalUrl: pending.portalUrl, username: pending.username, questions: body.questions, activation: body.activation ?? [] };
    },
    change_password: (pending, body) => {
      record('change_password', pending, body);
      return { status: 'change-password', portalUrl: pending.portalUrl, username: pending.username, reason: body.reason, policy: body.policy, activation: [] };
    },
  };
  return { steps, extras: () => ({ installId: 'recording-install-id' }), completed: (_url, username) => void completed.push(username) };
}

describe('the sign-in flow table', () => {
  it('does not compile without a handler for every step', () => {
    const { steps } = recordingFlow([]);
    // @ts-expect-error: a table without `change_password` is refused by the compiler.
    const missing: SignInStepHandlers = { enroll: steps.enroll, mfa: steps.mfa, backup_codes: steps.backup_codes, security_questions: steps.security_questions };
    expect(Object.keys(missing)).not.toContain('change_password');
    // A handler must give its own step's state: the questions step cannot become the password change.
    // @ts-expect-error: `security_questions` answered with the `change_password` handler.
    const swapped: SignInStepHandlers = { ...steps, security_questions: steps.change_password };
    expect(swapped.security_questions).toBe(steps.change_password);
  });

  it('covers every sign-in step state of the contract, and only those', () => {
    const contractStates: Equal<SignInStepState, MfaAuthState | PasswordAuthState> = true;
    const notSignedInNorOut: Equal<Exclude<AuthState, { status: 'signed-in' | 'signed-out' }>, SignInStepState> = true;
    const stepNames: Equal<SignInStep['step'], SignInStepName> = true;
    expect([contractStates, notSignedInNorOut, stepNames]).toEqual([true, true, true]);
  });

  it('knows exactly the portal gates, in their order', () => {
    const gates = signInGates({ db: {} as never, clock: {} as never, config: {} as never, passwords: {} as never });
    expect(gates.map((gate) => gate.name)).toEqual(SIGN_IN_STEPS);
  });
});

describe('a step from the portal', () => {
  let h: Harness;
  afterEach(() => h.close());

  const questions = [
    { id: 'first-pet', text: 'Name of your first pet?' },
    { id: 'first-street', text: 'The street you grew up on?' },
  ];

  it('reaches its handler with the pending sign-in and the checked body', async () => {
    const calls: Call[] = [];
    h = await startHarness({ signInFlow: recordingFlow(calls) });
    h.portal.override('POST /auth/sign-in', (_req, res) =>
      sendJson(res, 200, { step: 'security_questions', flowToken: 'flow-token-1', questions, activation: ['enroll', 'security_questions'], injected: '<script>' }),
    );
    const state = await h.signIn();
    expect(calls).toEqual([
      { step: 'security_questions', pending: { portalUrl: h.portal.url, username: 'demo', flowToken: 'flow-token-1' }, body: { questions, activation: ['enroll', 'security_questions'] } },
    ]);
    expect(state).toEqual({ status: 'security-questions', portalUrl: h.portal.url, username: 'demo', questions, activation: ['enroll', 'security_questions'] });
    expect(h.session.state()).toEqual(state);
    expect(h.session.pendingSignIn()?.flowToken).toBe('flow-token-1');
    // The flow's extras went with the password.
    const sent = JSON.parse(h.portal.requests.find((r) => r.path === '/auth/sign-in')!.body) as Record<string, unknown>;
    expect(sent.installId).toBe('recording-install-id');
  });

  it('tells the flow about a completed sign-in', async () => {
    const completed: string[] = [];
    h = await startHarness({ signInFlow: recordingFlow([], completed) });
    expect(await h.signIn()).toMatchObject({ status: 'signed-in' });
    expect(completed).toEqual(['demo']);
  });

  it('asks for a newer Portico for a step the flow does not know, prototype keys included', async () => {
    const calls: Call[] = [];
    h = await startHarness({ signInFlow: recordingFlow(calls) });
    for (const step of ['webauthn', '__proto__', 'constructor']) {
      h.portal.override('POST /auth/sign-in', (_req, res) => sendJson(res, 200, { step, flowToken: 'x' }));
      const error = await h.signIn().then(() => null, (e: unknown) => e);
      expect(error).toBeInstanceOf(PortalError);
      expect((error as PortalError).details).toEqual({ step });
    }
    expect(calls).toEqual([]);
    expect(h.session.state().status).toBe('signed-out');
  });

  it('refuses a step whose body does not fit its schema, before any handler runs', async () => {
    const calls: Call[] = [];
    h = await startHarness({ signInFlow: recordingFlow(calls) });
    h.portal.override('POST /auth/sign-in', (_req, res) => sendJson(res, 200, { step: 'mfa', flowToken: 'x', methods: ['telepathy'] }));
    const error = await h.signIn().then(() => null, (e: unknown) => e);
    expect(error).toMatchObject({ code: 'portal_error', message: 'The portal sent an answer Portico does not understand.' });
    expect(calls).toEqual([]);
  });
});
