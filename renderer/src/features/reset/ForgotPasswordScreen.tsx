import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAuthStore } from '../auth/use-auth-store';
import { NewPasswordFields } from '../../ui/password/NewPasswordFields';
import { canSubmit } from '../../ui/password/password-rules';
import { DialogActions, TextField } from '../../ui/form-fields';
import { usePortalStore } from '../../lib/use-portal-store';
import { useFocusOnError } from '../../ui/form-errors';
import { describeResetError } from './reset-messages';
import { ResetFactorStep } from './ResetFactorStep';
import { useResetStore } from './use-reset-store';

const TITLES = {
  idle: 'Reset a forgotten password',
  'second-factor': 'Choose an authentication method',
  questions: 'Answer your security questions',
  'new-password': 'Choose a new password',
} as const;

/**
 * *Forgot your password?*: username → a second factor (*Send Me a Push*, or
 * a code from the authenticator or a backup code), offered the same way for
 * every name → the account's security questions (exact answers) → a new
 * password under the same policy → signed in. Every error sits next to the
 * field it is about (announced), which takes the focus, and goes as soon as
 * that field changes; a failure that counts toward the lockout says how many
 * attempts are left.
 */
export function ForgotPasswordScreen() {
  const { state, busy, error, errorFrom, pushing, pushExpiresAt, pushCode, notice } = useResetStore(
    useShallow((s) => ({
      state: s.state,
      busy: s.busy,
      error: s.error,
      errorFrom: s.errorFrom,
      pushing: s.pushing,
      pushExpiresAt: s.pushExpiresAt,
      pushCode: s.pushCode,
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
      clearError: s.clearError,
    })),
  );
  const portalUrl = useAuthStore((s) => s.portalUrl);
  const branding = usePortalStore((s) => s.branding);
  const [username, setUsername] = useState(useAuthStore.getState().username);
  const [answers, setAnswers] = useState(['', '', '']);
  const [code, setCode] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const ids = { title: useId(), usernameError: useId(), answersError: useId() };
  const headingRef = useRef<HTMLHeadingElement>(null);
  const codeRef = useRef<HTMLInputElement>(null);
  const usernameRef = useRef<HTMLInputElement>(null);
  const answerRef = useRef<HTMLInputElement>(null);
  const newRef = useRef<HTMLInputElement>(null);
  /** Set by *Enter a Passcode instead*: the code field takes the focus once the push is gone. */
  const wantCode = useRef(false);
  useEffect(() => headingRef.current?.focus(), [state.stage]);
  useEffect(() => {
    if (!pushing && wantCode.current) {
      wantCode.current = false;
      codeRef.current?.focus();
    }
  }, [pushing]);

  const errorText = error ? describeResetError(error, state.stage, portalUrl, branding) : null;
  const formError = errorFrom === 'form' ? errorText : null;
  // The field a form error is about takes the focus (after the heading's, when the stage changed with it).
  const errorField = { idle: usernameRef, 'second-factor': codeRef, questions: answerRef, 'new-password': newRef }[
    state.stage
  ];
  useFocusOnError(formError, errorField);
  /** Typing in the field the error is about takes the error away. */
  const edited = () => {
    if (error && errorFrom === 'form') actions.clearError();
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (busy || pushing) return;
    if (state.stage === 'idle' && username.trim() !== '') void actions.start(portalUrl, username.trim());
    else if (state.stage === 'second-factor' && code.trim() !== '') void actions.passcode(code);
    else if (state.stage === 'questions') void actions.answer(answers);
    else if (state.stage === 'new-password' && canSubmit(next, confirm, state.policy, state.username))
      void actions.setPassword(next);
  };

  return (
    <main className="centered-page">
      <div className="card sign-in-card">
        <h1 ref={headingRef} tabIndex={-1} id={ids.title}>
          {TITLES[state.stage]}
        </h1>
        {state.stage !== 'idle' && <p className="muted">Resetting the password for {state.username}.</p>}
        <form onSubmit={submit} noValidate aria-busy={busy} aria-labelledby={ids.title}>
          {state.stage === 'idle' && (
            <TextField
              label="Username"
              type="text"
              autoComplete="username"
              spellCheck={false}
              value={username}
              aria-invalid={formError ? true : undefined}
              aria-describedby={formError ? ids.usernameError : undefined}
              inputRef={usernameRef}
              onChange={(value) => {
                edited();
                setUsername(value);
              }}
            >
              <span
                id={ids.usernameError}
                role="alert"
                className={formError ? 'field-error' : 'visually-empty'}
              >
                {formError}
              </span>
            </TextField>
          )}
          {state.stage === 'second-factor' && (
            <ResetFactorStep
              canPush={state.methods.includes('push')}
              pushing={pushing}
              pushExpiresAt={pushExpiresAt}
              pushCode={pushCode}
              code={code}
              onCodeChange={(value) => {
                edited();
                setCode(value);
              }}
              codeRef={codeRef}
              onSendPush={() => void actions.sendPush()}
              onCancelPush={() => void actions.cancelPush()}
              onUsePasscode={() => {
                wantCode.current = true;
                void actions.cancelPush();
              }}
              pushError={errorFrom === 'push' ? errorText : null}
              codeError={formError}
              notice={notice}
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
                  aria-invalid={formError ? true : undefined}
                  aria-describedby={formError ? ids.answersError : undefined}
                  {...(i === 0 ? { inputRef: answerRef } : {})}
                  onChange={(value) => {
                    edited();
                    setAnswers(answers.map((a, j) => (j === i ? value : a)));
                  }}
                />
              ))}
              <p id={ids.answersError} role="alert" className={formError ? 'field-error' : 'visually-empty'}>
                {formError}
              </p>
            </>
          )}
          {state.stage === 'new-password' && (
            <NewPasswordFields
              policy={state.policy}
              username={state.username}
              value={next}
              confirm={confirm}
              inputRef={newRef}
              onChange={(value) => {
                edited();
                setNext(value);
              }}
              onConfirmChange={setConfirm}
              error={formError}
            />
          )}
          <DialogActions
            cancelLabel="Back to sign in"
            onCancel={() => void actions.close()}
            submitLabel={state.stage === 'new-password' ? 'Set password' : 'Continue'}
            submitClassName={`button ${state.stage === 'second-factor' ? 'secondary' : 'primary'}`}
            busy={busy}
            disabled={pushing}
          />
        </form>
      </div>
    </main>
  );
}
