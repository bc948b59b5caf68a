import { useId, type Ref } from 'react';
import { PASSCODE_INPUT, TextField } from '../../ui/form-fields';
import { PushWaitPanel } from '../../ui/mfa/PushWaitPanel';
import '../../ui/mfa/mfa.css';

/** Props of {@link ResetFactorStep}. */
export interface ResetFactorStepProps {
  /** The portal offers *Send Me a Push* (it does for every name). */
  canPush: boolean;
  pushing: boolean;
  pushExpiresAt: string | null;
  /** Verified push: the code to type on the phone. */
  pushCode: string | null;
  code: string;
  onCodeChange(code: string): void;
  codeRef: Ref<HTMLInputElement>;
  onSendPush(): void;
  onCancelPush(): void;
  /** *Enter a Passcode instead* while a push waits. */
  onUsePasscode(): void;
  /** Why the last push failed (next to *Send Me a Push*), or null. */
  pushError: string | null;
  /** Why the last code failed (next to the passcode field), or null. */
  codeError: string | null;
  /** How the last push ended (denied, timed out, cancelled), or null. */
  notice: string | null;
}

/**
 * The reset's first step after the username, the same for every name:
 * *Send Me a Push* (recommended, as at sign-in) or a passcode from the
 * authenticator app or a backup code. Each error sits next to its control.
 */
export function ResetFactorStep(props: ResetFactorStepProps) {
  const ids = { pushError: useId(), codeHint: useId(), codeError: useId() };
  if (props.pushing) {
    return (
      <PushWaitPanel
        expiresAt={props.pushExpiresAt}
        code={props.pushCode}
        onCancel={props.onCancelPush}
        onUsePasscode={props.onUsePasscode}
      />
    );
  }
  return (
    <>
      {props.canPush && (
        <div className="mfa-methods">
          <button
            type="button"
            className="button primary wide"
            aria-describedby={props.pushError ? ids.pushError : undefined}
            onClick={props.onSendPush}
          >
            Send Me a Push
            <span className="badge">Recommended</span>
          </button>
          <p id={ids.pushError} role="alert" className={props.pushError ? 'field-error' : 'visually-empty'}>
            {props.pushError}
          </p>
          {props.notice && (
            <p className="message info" role="status">
              {props.notice}
            </p>
          )}
        </div>
      )}
      <TextField
        label={props.canPush ? 'Or enter a passcode' : 'Passcode'}
        inputRef={props.codeRef}
        {...PASSCODE_INPUT}
        maxLength={64}
        value={props.code}
        aria-invalid={props.codeError ? true : undefined}
        aria-describedby={props.codeError ? `${ids.codeError} ${ids.codeHint}` : ids.codeHint}
        onChange={props.onCodeChange}
      >
        <span id={ids.codeHint} className="muted">
          Enter the 6-digit code from your authenticator app, or one of your backup codes.
        </span>
        <span id={ids.codeError} role="alert" className={props.codeError ? 'field-error' : 'visually-empty'}>
          {props.codeError}
        </span>
      </TextField>
    </>
  );
}
