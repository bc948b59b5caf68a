import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAuthStore } from '../auth/use-auth-store';
import { NewPasswordFields } from '../../ui/password/NewPasswordFields';
import { canSubmit } from '../../ui/password/password-rules';
import { DialogActions, PASSCODE_INPUT, TextField } from '../../ui/form-fields';
import { PushWaitPanel } from '../../ui/mfa/PushWaitPanel';
import '../../ui/mfa/mfa.css';
import { usePortalStore } from '../../lib/use-portal-store';
import { describeResetError } from './reset-messages';
import { useResetStore } from './use-reset-store';

/**
 * *Forgot your password?*: username → the security questions (exact answers)
 * → a second factor (*Send Me a Push* when the account has a phone, or a code
 * from the authenticator or a backup code) → a new password under the same
 * policy → signed in. The push wait is the sign-in one (`PushWaitPanel`).
 */
export function ForgotPasswordScreen() {
  const { state, busy, error, pushing, pushExpiresAt, notice } = useResetStore(
    useShallow((s) => ({
      state: s.state,
      busy: s.busy,
      error: s.error,
      pushing: s.pushing,
      pushExpiresAt: s.pushExpiresAt,
      notice: s.notice,
    })),
  );
  const actions = useResetStore(
    useShallow((s) => ({
      close: s.close,
      start: s.start,
      answer: s.answer,
      passcode: s.passcode,
      sendPush: s.sendPush,
      cancelPush: s.cancelPush,
      setPassword: s.setPassword,
    })),
  );
  const portalUrl = useAuthStore((s) => s.portalUrl);
  const branding = usePortalStore((s) => s.branding);
  const [username, setUsername] = useState(useAuthStore.getState().username);
  const [answers, setAnswers] = useState(['', '', '']);
  const [code, setCode] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const ids = { title: useId() };
  const headingRef = useRef<HTMLHeadingElement>(null);
  const codeRef = useRef<HTMLInputElement>(null);
  /** Set by *Enter a Passcode instead*: the code field takes the focus once the push is gone. */
  const wantCode = useRef(false);
  useEffect(() => headingRef.current?.focus(), [state.stage]);
  useEffect(() => {
    if (!pushing && wantCode.current) {
      wantCode.current = false;
      codeRef.current?.focus();
    }
  }, [pushing]);
  const canPush = state.stage === 'second-factor' && state.methods.includes('push');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (busy || pushing) return;
    if (state.stage === 'idle' && username.trim() !== '') void actions.start(portalUrl, username.trim());
    else if (state.stage === 'questions') void actions.answer(answers);
    else if (state.stage === 'second-factor' && code.trim() !== '') void actions.passcode(code);
    else if (state.stage === 'new-password' && canSubmit(next, confirm, state.policy, state.username))
      void actions.setPassword(next);
  };
  const titles = {
    idle: 'Reset a forgotten password',
    questions: 'Answer your security questions',
    'second-factor': 'Confirm it is you',
    'new-password': 'Choose a new password',
  } as const;

  return (
    <main className="centered-page">
      <div className="card sign-in-card">
        <h1 ref={headingRef} tabIndex={-1} id={ids.title}>
          {titles[state.stage]}
        </h1>
        {error && (
          <p className="message error" role="alert">
            {describeResetError(error, state.stage, portalUrl, branding)}
          </p>
        )}
        {notice && (
          <p className="message info" role="status">
            {notice}
          </p>
        )}
        <form onSubmit={submit} noValidate aria-busy={busy} aria-labelledby={ids.title}>
          {state.stage === 'idle' && (
            <TextField
              label="Username"
              type="text"
              autoComplete="username"
              spellCheck={false}
              value={username}
              onChange={setUsername}
            />
          )}
          {state.stage === 'questions' && (
            <>
              <p className="muted">Answers are case sensitive.</p>
              {state.questions.map((question, i) => (
                <TextField
                  key={i}
                  label={question}
                  type="text"
                  autoComplete="off"
                  spellCheck={false}
                  value={answers[i] ?? ''}
                  onChange={(value) => setAnswers(answers.map((a, j) => (j === i ? value : a)))}
                />
              ))}
            </>
          )}
          {state.stage === 'second-factor' && pushing && (
            <PushWaitPanel
              expiresAt={pushExpiresAt}
              onCancel={() => void actions.cancelPush()}
              onUsePasscode={() => {
                wantCode.current = true;
                void actions.cancelPush();
              }}
            />
          )}
          {state.stage === 'second-factor' && !pushing && canPush && (
            <div className="mfa-methods">
              <button type="button" className="button primary wide" onClick={() => void actions.sendPush()}>
                Send Me a Push
                <span className="badge">Recommended</span>
              </button>
            </div>
          )}
          {state.stage === 'second-factor' && !pushing && (
            <TextField
              label={canPush ? 'Or enter a passcode' : 'Passcode'}
              inputRef={codeRef}
              {...PASSCODE_INPUT}
              value={code}
              onChange={setCode}
            >
              <span className="muted">
                Enter the 6-digit code from your authenticator app, or one of your backup codes.
              </span>
            </TextField>
          )}
          {state.stage === 'new-password' && (
            <NewPasswordFields
              policy={state.policy}
              username={state.username}
              value={next}
              confirm={confirm}
              onChange={setNext}
              onConfirmChange={setConfirm}
            />
          )}
          <DialogActions
            cancelLabel="Back to sign in"
            onCancel={() => void actions.close()}
            submitLabel={state.stage === 'new-password' ? 'Set password' : 'Continue'}
            submitClassName={`button ${canPush ? 'secondary' : 'primary'}`}
            busy={busy}
            disabled={pushing}
          />
        </form>
      </div>
    </main>
  );
}
