import { useEffect, useId, useState } from 'react';

/** Seconds left until `iso`, refreshed every second. */
export function useSecondsLeft(iso: string | null): number | null {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!iso) return undefined;
    // Count from the moment the deadline arrived, so a 20 s push starts at 20, not 21.
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [iso]);
  return iso ? Math.max(0, Math.ceil((Date.parse(iso) - now) / 1000)) : null;
}

/** Props of {@link PushWaitPanel}. */
export interface PushWaitPanelProps {
  /** ISO deadline of the push (null until the portal answered). */
  expiresAt: string | null;
  /** Verified push: the 3 digits to type on the phone (null when the portal asks for none). */
  code?: string | null;
  onCancel(): void;
  /** *Enter a Passcode instead*: cancels the push and shows the passcode field. */
  onUsePasscode(): void;
}

/**
 * "Push sent — approve the request on your phone", with the time left,
 * *Cancel* and *Enter a Passcode instead*. A verified push shows its code
 * large, to be typed on the phone before *Approve*. Used at sign-in and in a
 * forgotten-password reset, so both say the same thing.
 */
export function PushWaitPanel({ expiresAt, code, onCancel, onUsePasscode }: PushWaitPanelProps) {
  const headingId = useId();
  const secondsLeft = useSecondsLeft(expiresAt);
  return (
    <section aria-labelledby={headingId} className="mfa-push-wait">
      <h2 id={headingId}>Push sent</h2>
      {code && (
        <div className="push-code">
          <p>Type this code on your phone, then tap Approve:</p>
          <p className="push-code-digits" data-testid="push-code">
            {code}
          </p>
        </div>
      )}
      <p role="status" className="muted">
        <span className="spinner" aria-hidden="true" />{' '}
        {code ? 'Waiting for your phone.' : 'Approve the request on your phone.'}
        {secondsLeft !== null && ` It expires in ${secondsLeft} s.`}
      </p>
      <div className="button-row">
        <button type="button" className="button secondary" onClick={onCancel}>
          Cancel
        </button>
        <button type="button" className="button secondary" onClick={onUsePasscode}>
          Enter a Passcode instead
        </button>
      </div>
    </section>
  );
}
