import { useEffect, useId, useRef, type FormEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAuthStore } from '../auth/use-auth-store';
import { describeMfaError } from '../../ui/mfa/mfa-messages';
import { PushWaitPanel } from '../../ui/mfa/PushWaitPanel';
import { ButtonRow, PASSCODE_INPUT, TextField } from '../../ui/form-fields';
import { useMfaStore } from './use-mfa-store';
import { ActivationProgress } from '../../ui/activation/ActivationProgress';
import '../../ui/activation/activation.css';
import '../../ui/mfa/mfa.css';

/**
 * *Choose an authentication method*: *Send Me a Push*, *Enter a Passcode*,
 * *Remember me for 8 hours*. Right after activation's enrollment it is a step
 * of activation (the indicator on top) with the guide's green banner at the
 * bottom saying the enrollment was successful.
 */
export function SecondFactorScreen() {
  const auth = useAuthStore((s) => (s.auth?.status === 'second-factor' ? s.auth : null));
  const store = useMfaStore(
    useShallow((s) => ({ mode: s.mode, remember: s.remember, code: s.code, busy: s.busy, error: s.error, notice: s.notice, pushExpiresAt: s.pushExpiresAt, pushCode: s.pushCode })),
  );
  const actions = useMfaStore.getState();
  const ids = { remember: useId(), error: useId() };
  const headingRef = useRef<HTMLHeadingElement>(null);
  const codeRef = useRef<HTMLInputElement>(null);
  const autoPushed = useRef(false);

  useEffect(() => {
    headingRef.current?.focus();
    // A later sign-in starts at the chooser again.
    return () => useMfaStore.getState().reset();
  }, []);
  useEffect(() => {
    if (store.mode === 'passcode') codeRef.current?.focus();
  }, [store.mode, store.error]);
  // "When I log in: send a push automatically": no chooser, the push goes out.
  useEffect(() => {
    if (auth && !autoPushed.current && auth.preference === 'push' && auth.methods.includes('push')) {
      autoPushed.current = true;
      void actions.sendPush();
    }
  }, [auth, actions]);

  if (!auth) return null;
  const canPush = auth.methods.includes('push');
  const hours = auth.rememberHours;
  const onPasscode = (event: FormEvent) => {
    event.preventDefault();
    void actions.submitPasscode();
  };
  const errorText = store.error ? describeMfaError(store.error) : null;

  return (
    <main className="centered-page">
      <div className={`card mfa-card ${auth.enrolled ? 'activation-card' : 'sign-in-card'}`}>
        {auth.enrolled && <ActivationProgress steps={auth.activation} current="mfa" />}
        <h1 ref={headingRef} tabIndex={-1}>
          Choose an authentication method
        </h1>
        <p className="muted">Signing in as {auth.username}.</p>
        <div role="alert" id={ids.error} className={errorText ? 'message error' : 'visually-empty'}>
          {errorText}
        </div>
        {store.notice && (
          <p className="message info" role="status">
            {store.notice}
          </p>
        )}

        {store.mode === 'push' && (
          <PushWaitPanel
            expiresAt={store.pushExpiresAt}
            code={store.pushCode}
            onCancel={() => void actions.cancelPush()}
            onUsePasscode={() => {
              void actions.cancelPush().then(() => actions.choosePasscode());
            }}
          />
        )}

        {store.mode === 'choose' && (
          <div className="mfa-methods">
            {canPush && (
              <button type="button" className="button primary wide" onClick={() => void actions.sendPush()}>
                Send Me a Push
                <span className="badge">Recommended</span>
              </button>
            )}
            <button type="button" className={`button ${canPush ? 'secondary' : 'primary'} wide`} onClick={() => actions.choosePasscode()}>
              Enter a Passcode
            </button>
          </div>
        )}

        {store.mode === 'passcode' && (
          <form onSubmit={onPasscode} noValidate aria-busy={store.busy}>
            <TextField
              label="Passcode (6-digit code from your app, or a backup code)"
              inputRef={codeRef}
              {...PASSCODE_INPUT}
              maxLength={64}
              value={store.code}
              aria-invalid={store.error ? true : undefined}
              aria-describedby={errorText ? ids.error : undefined}
              onChange={actions.setCode}
            />
            <ButtonRow spinner submitLabel="Log On" cancelLabel="Back" busy={store.busy} onCancel={() => actions.back()} />
          </form>
        )}

        <div className="checkbox-field">
          <input id={ids.remember} type="checkbox" checked={store.remember} onChange={(e) => actions.setRemember(e.target.checked)} />
          <label htmlFor={ids.remember}>Remember me for {hours === 8 ? '8 hours' : `${hours} hours`}</label>
        </div>
        <button type="button" className="link-button" onClick={() => void useAuthStore.getState().signOut()}>
          Cancel and log off
        </button>
        {auth.enrolled && (
          <p className="message success enrollment-banner" role="status">
            <span aria-hidden="true">✓</span> Your enrollment was successful! Now log on with your new device.
          </p>
        )}
      </div>
    </main>
  );
}
