import { useEffect, useId, useRef, type FormEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import porticoLogo from '../../../../resources/icons/portico.svg?no-inline';
import { FALLBACK_PORTAL_NAME, usePortalStore } from '../../lib/use-portal-store';
import { VaultNotice } from './VaultNotice';
import { describeSignInError } from '../../ui/form-errors';
import { describeReason, fieldToFocus, type SignInField } from './sign-in-messages';
import { useAuthStore } from './use-auth-store';
import { AttemptsWarning } from '../../ui/AttemptsWarning';
import { PasswordInput } from '../../ui/password/PasswordInput';
import { SubmitButton, TextField } from '../../ui/form-fields';

/** Performance mark set once per page when the sign-in form is first interactive. */
export const SIGN_IN_READY_MARK = 'portico:sign-in-ready';

/** Props of {@link SignInScreen}. */
export interface SignInScreenProps {
  /** *Forgot your password?*: the reset flow belongs to another feature, so the app wires it. */
  onForgotPassword(): void;
}

/** The sign-in form: portal address, username, password, and **Log On**. */
export function SignInScreen({ onForgotPassword }: SignInScreenProps) {
  const form = useAuthStore(
    useShallow((s) => ({
      portalUrl: s.portalUrl,
      username: s.username,
      password: s.password,
      busy: s.busy,
      error: s.error,
      errorPortalUrl: s.errorPortalUrl,
      notice: s.notice,
      reason: s.auth?.status === 'signed-out' ? s.auth.reason : 'start',
    })),
  );
  const { setField, signIn, retryConnection } = useAuthStore(
    useShallow((s) => ({ setField: s.setField, signIn: s.signIn, retryConnection: s.retryConnection })),
  );
  const branding = usePortalStore((s) => s.branding);
  const portalStarting = usePortalStore((s) => s.portalStarting);
  const ids = { password: useId(), error: useId() };
  const refs = {
    portalUrl: useRef<HTMLInputElement>(null),
    username: useRef<HTMLInputElement>(null),
    password: useRef<HTMLInputElement>(null),
  } satisfies Record<SignInField, unknown>;

  // For `npm run bench`: the first moment the form is on screen with its handlers (no data in the mark).
  useEffect(() => {
    if (typeof performance.mark !== 'function') return;
    if (performance.getEntriesByName(SIGN_IN_READY_MARK).length === 0) performance.mark(SIGN_IN_READY_MARK);
  }, []);

  // Focus follows the form's state: on arrival and after each attempt, the
  // first field the user still has to fill (the password after an expiry).
  const focusKey = `${form.reason}|${form.busy}|${form.error?.code ?? ''}|${form.notice ?? ''}`;
  useEffect(() => {
    if (form.busy) return;
    const field = fieldToFocus(
      { portalUrl: form.portalUrl, username: form.username, password: form.password },
      form.reason,
    );
    refs[field].current?.focus();
    // Keyed on the situation, not the fields, so typing never moves focus.
  }, [focusKey]);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void signIn();
  };

  const reasonText = describeReason(form.reason);
  const errorText = form.error
    ? describeSignInError(form.error, form.errorPortalUrl || form.portalUrl, branding)
    : null;
  const portalName = branding?.name ?? FALLBACK_PORTAL_NAME;

  return (
    <main className="centered-page sign-in">
      <div className="card sign-in-card">
        <div className="sign-in-brand">
          <img src={porticoLogo} alt="" width={48} height={48} />
          <h1>{portalName}</h1>
        </div>
        <p className="muted">Sign in with your portal account.</p>

        {reasonText && (
          <p className="message info" role="status">
            {reasonText}
          </p>
        )}

        <div role="alert" id={ids.error} className={errorText ? 'message error' : 'visually-empty'}>
          {errorText && (
            <>
              <span>{errorText}</span>
              {form.error?.code === 'connection_failed' && (
                <button
                  type="button"
                  className="button secondary small"
                  onClick={() => void retryConnection()}
                >
                  Retry
                </button>
              )}
            </>
          )}
        </div>
        <AttemptsWarning error={form.error} />
        {form.busy && portalStarting && (
          <p className="message info" role="status">
            Starting the portal…
          </p>
        )}
        {form.notice && (
          <p className="message success" role="status">
            {form.notice}
          </p>
        )}

        <form onSubmit={onSubmit} noValidate aria-busy={form.busy}>
          <TextField
            label="Portal address"
            inputRef={refs.portalUrl}
            type="url"
            inputMode="url"
            autoComplete="url"
            spellCheck={false}
            placeholder="https://portal.example.com"
            value={form.portalUrl}
            onChange={(value) => setField('portalUrl', value)}
          />
          <TextField
            label="Username"
            inputRef={refs.username}
            type="text"
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            value={form.username}
            aria-invalid={form.error?.code === 'invalid_credentials' || undefined}
            onChange={(value) => setField('username', value)}
          />
          <PasswordInput
            id={ids.password}
            inputRef={refs.password}
            label="Password"
            autoComplete="current-password"
            value={form.password}
            invalid={form.error?.code === 'invalid_credentials'}
            {...(errorText ? { describedBy: ids.error } : {})}
            onChange={(value) => setField('password', value)}
          />
          <SubmitButton busy={form.busy} className="button primary wide">
            Log On
          </SubmitButton>
        </form>
        <p className="sign-in-links">
          <button type="button" className="link-button" onClick={onForgotPassword}>
            Forgot your password?
          </button>
        </p>
        <VaultNotice />
      </div>
    </main>
  );
}
