import { useEffect, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAuthStore } from '../auth/use-auth-store';
import { describeMfaError } from '../../ui/mfa/mfa-messages';
import { ActivationProgress } from './ActivationProgress';
import { DeviceStep, InstallStep, PhoneStep, PhoneTypeStep } from './EnrollChoices';
import { ScanStep } from './ScanStep';
import { useActivationStore, type EnrollPhase } from './use-activation-store';
import '../../ui/mfa/mfa.css';

const BACK: Partial<Record<EnrollPhase, EnrollPhase>> = { device: 'intro', phone: 'device', 'phone-type': 'phone', install: 'device', scan: 'install' };

/** Activation step `enroll`: *Protect your account* → device → phone → app → QR code → code. */
export function ActivationScreen() {
  const auth = useAuthStore((s) => (s.auth?.status === 'enroll' ? s.auth : null));
  const { phase, error } = useActivationStore(useShallow((s) => ({ phase: s.phase, error: s.error })));
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), [phase]);
  if (!auth) return null;
  const back = BACK[phase];
  const errorText = error ? describeMfaError(error) : null;

  return (
    <main className="centered-page">
      <div className="card wide-card activation-card">
        <ActivationProgress steps={auth.activation} current="enroll" />
        <h1 ref={headingRef} tabIndex={-1}>
          Protect your account
        </h1>
        <div role="alert" className={errorText ? 'message error' : 'visually-empty'}>
          {errorText}
        </div>
        {phase === 'intro' && (
          <div>
            <p>
              Welcome, {auth.displayName}. Your portal account needs a second way to prove it is you, besides your password: a phone,
              tablet or authenticator app. It takes a few minutes.
            </p>
            <button type="button" className="button primary" onClick={() => useActivationStore.getState().set({ phase: 'device', error: null })}>
              Start setup
            </button>
          </div>
        )}
        {phase === 'device' && <DeviceStep />}
        {phase === 'phone' && <PhoneStep />}
        {phase === 'phone-type' && <PhoneTypeStep />}
        {phase === 'install' && <InstallStep />}
        {phase === 'scan' && <ScanStep />}
        <div className="button-row footer-row">
          {back && (
            <button type="button" className="button secondary" onClick={() => useActivationStore.getState().set({ phase: back, error: null })}>
              Back
            </button>
          )}
          <button
            type="button"
            className="link-button"
            onClick={() => {
              useActivationStore.getState().reset();
              void useAuthStore.getState().signOut();
            }}
          >
            Cancel and sign out
          </button>
        </div>
      </div>
    </main>
  );
}
