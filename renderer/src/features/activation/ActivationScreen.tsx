import { useShallow } from 'zustand/react/shallow';
import { useAuthStore } from '../auth/use-auth-store';
import { FALLBACK_PORTAL_NAME, usePortalStore } from '../../lib/use-portal-store';
import { ActivationCard } from '../../ui/activation/ActivationCard';
import { describeMfaError } from '../../ui/mfa/mfa-messages';
import { DeviceStep, InstallStep, PhoneStep, PhoneTypeStep } from './EnrollChoices';
import { ScanStep } from './ScanStep';
import { useActivationStore, type EnrollPhase } from './use-activation-store';
import '../../ui/mfa/mfa.css';

const BACK: Partial<Record<EnrollPhase, EnrollPhase>> = { device: 'intro', phone: 'device', 'phone-type': 'phone', install: 'device', scan: 'install' };

/** Activation step `enroll`: *Protect Your <portal> Account* → device → phone → app → QR code → code. */
export function ActivationScreen() {
  const auth = useAuthStore((s) => (s.auth?.status === 'enroll' ? s.auth : null));
  const portalName = usePortalStore((s) => s.branding?.name ?? FALLBACK_PORTAL_NAME);
  const { phase, error } = useActivationStore(useShallow((s) => ({ phase: s.phase, error: s.error })));
  if (!auth) return null;
  const back = BACK[phase];
  // On the code step the error sits next to the code field (ScanStep), and
  // the phone step's next to the number or the check box.
  const errorText = error && phase !== 'scan' && phase !== 'phone' ? describeMfaError(error) : null;

  return (
    <ActivationCard steps={auth.activation} current="enroll" title={`Protect Your ${portalName} Account`} focusKey={phase}>
      <div role="alert" className={errorText ? 'message error' : 'visually-empty'}>
        {errorText}
      </div>
      {phase === 'intro' && (
        <div>
          <p>
            Welcome, {auth.displayName}. Your portal account needs a second way to prove it is you, besides your password: a phone,
            tablet or authenticator app. It takes a few minutes.
          </p>
          <div className="dialog-actions">
            <button type="button" className="button primary" onClick={() => useActivationStore.getState().set({ phase: 'device', error: null })}>
              Start setup
            </button>
          </div>
        </div>
      )}
      {phase === 'device' && <DeviceStep />}
      {phase === 'phone' && <PhoneStep />}
      {phase === 'phone-type' && <PhoneTypeStep />}
      {phase === 'install' && <InstallStep />}
      {phase === 'scan' && <ScanStep />}
      <div className="button-row footer-row">
        {back ? (
          <button type="button" className="button secondary" onClick={() => useActivationStore.getState().set({ phase: back, error: null })}>
            Back
          </button>
        ) : (
          <span />
        )}
        <button
          type="button"
          className="link-button"
          onClick={() => {
            useActivationStore.getState().reset();
            void useAuthStore.getState().signOut();
          }}
        >
          Cancel and log off
        </button>
      </div>
    </ActivationCard>
  );
}
