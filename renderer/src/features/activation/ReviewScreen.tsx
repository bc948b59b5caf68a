import { useShallow } from 'zustand/react/shallow';
import { ActivationCard } from '../../ui/activation/ActivationCard';
import { DeviceList } from '../../ui/mfa/DeviceList';
import { describeMfaError } from '../../ui/mfa/mfa-messages';
import { PreferenceField } from '../../ui/mfa/PreferenceField';
import { useActivationStore } from './use-activation-store';
import '../../ui/mfa/mfa.css';

/**
 * After the device is confirmed (the guide's green check): *My Settings &
 * Devices* — the device, *When I Log In* with "Ask me to choose an
 * authentication method" as the default — then *Continue to login*.
 */
export function ReviewScreen() {
  const { review, preference, error } = useActivationStore(useShallow((s) => ({ review: s.review, preference: s.preference, error: s.error })));
  if (!review) return null;
  const store = useActivationStore.getState();
  const errorText = error ? describeMfaError(error) : null;
  return (
    <ActivationCard steps={review.activation} current="enroll" title="My Settings & Devices">
      <p className="message success enrollment-success" role="status">
        <span aria-hidden="true">✓</span> Your device was added.
      </p>
      <div role="alert" className={errorText ? 'message error' : 'visually-empty'}>
        {errorText}
      </div>
      <DeviceList devices={[review.device]} />
      <PreferenceField value={preference} canPush={review.device.canPush} onChange={(p) => void store.setPreference(p)} />
      <p className="message info">
        You need more than one way in, in case your phone’s battery runs out or you lose it: your recovery methods come after the security
        questions.
      </p>
      <div className="dialog-actions">
        <button type="button" className="button primary" onClick={() => store.continueToLogin()}>
          Continue to login
        </button>
      </div>
    </ActivationCard>
  );
}
