import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAuthStore } from '../auth/use-auth-store';
import { NewPasswordFields } from '../password/NewPasswordFields';
import { canSubmit } from '../password/password-rules';
import { usePortalStore } from '../portal/use-portal-store';
import { describeResetError } from './reset-messages';
import { useResetStore } from './use-reset-store';

/**
 * *Forgot your password?*: username → the security questions (exact answers)
 * → a code from the authenticator (or a backup code) → a new password under
 * the same policy → signed in.
 */
export function ForgotPasswordScreen() {
  const { state, busy, error } = useResetStore(
    useShallow((s) => ({ state: s.state, busy: s.busy, error: s.error })),
  );
  const actions = useResetStore(
    useShallow((s) => ({
      close: s.close,
      start: s.start,
      answer: s.answer,
      passcode: s.passcode,
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
  const ids = { title: useId(), username: useId(), a0: useId(), a1: useId(), a2: useId(), code: useId() };
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), [state.stage]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
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
        <form onSubmit={submit} noValidate aria-busy={busy} aria-labelledby={ids.title}>
          {state.stage === 'idle' && (
            <div className="field">
              <label htmlFor={ids.username}>Username</label>
              <input
                id={ids.username}
                type="text"
                autoComplete="username"
                spellCheck={false}
                value={username}
                onChange={(e) => setUsername(e.target.value)}
              />
            </div>
          )}
          {state.stage === 'questions' && (
            <>
              <p className="muted">Answers are case sensitive.</p>
              {state.questions.map((question, i) => (
                <div className="field" key={i}>
                  <label htmlFor={[ids.a0, ids.a1, ids.a2][i]}>{question}</label>
                  <input
                    id={[ids.a0, ids.a1, ids.a2][i]}
                    type="text"
                    autoComplete="off"
                    spellCheck={false}
                    value={answers[i]}
                    onChange={(e) => setAnswers(answers.map((a, j) => (j === i ? e.target.value : a)))}
                  />
                </div>
              ))}
            </>
          )}
          {state.stage === 'second-factor' && (
            <div className="field">
              <label htmlFor={ids.code}>Passcode</label>
              <input
                id={ids.code}
                type="text"
                inputMode="text"
                autoComplete="one-time-code"
                spellCheck={false}
                value={code}
                onChange={(e) => setCode(e.target.value)}
              />
              <span className="muted">
                Enter the 6-digit code from your authenticator app, or one of your backup codes.
              </span>
            </div>
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
          <div className="dialog-actions">
            <button type="button" className="button secondary" onClick={() => void actions.close()}>
              Back to sign in
            </button>
            <button type="submit" className="button primary" aria-disabled={busy || undefined}>
              {busy && <span className="spinner" aria-hidden="true" />}
              {state.stage === 'new-password' ? 'Set password' : 'Continue'}
            </button>
          </div>
        </form>
      </div>
    </main>
  );
}
