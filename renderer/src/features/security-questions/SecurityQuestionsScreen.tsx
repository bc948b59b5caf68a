import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { describeSignInError } from '../../ui/form-errors';
import { ActivationCard } from '../../ui/activation/ActivationCard';
import { Dialog } from '../../ui/Dialog';
import { useAuthStore } from '../auth/use-auth-store';
import { usePortalStore } from '../../lib/use-portal-store';
import { SecurityQuestionsForm } from './SecurityQuestionsForm';
import { useQuestionsStore } from './use-questions-store';

/**
 * Activation step: choose 2 questions, write a 3rd, answer all three.
 * *Cancel* asks first: it logs the user off, and the answers typed so far are lost.
 */
export function SecurityQuestionsScreen() {
  const auth = useAuthStore((s) => (s.auth?.status === 'security-questions' ? s.auth : null));
  const portalUrl = useAuthStore((s) => s.portalUrl);
  const branding = usePortalStore((s) => s.branding);
  const { busy, error, submitStep } = useQuestionsStore(
    useShallow((s) => ({ busy: s.busy, error: s.error, submitStep: s.submitStep })),
  );
  const [confirmCancel, setConfirmCancel] = useState(false);
  if (!auth) return null;
  return (
    <ActivationCard steps={auth.activation} current="security_questions" title="Set up your security questions">
      <p className="muted">
        Select two questions from the list and write a third question of your own. You will answer them if you ever need to reset a
        forgotten password. Answers are case sensitive.
      </p>
      <SecurityQuestionsForm
        questions={auth.questions}
        busy={busy}
        error={error}
        describeOther={(e) => describeSignInError(e, portalUrl, branding)}
        submitLabel="Continue"
        onSubmit={(request) => void submitStep(request)}
        onCancel={() => setConfirmCancel(true)}
      />
      {confirmCancel && (
        <Dialog title="Stop activating your account?" onCancel={() => setConfirmCancel(false)}>
          <p>You will be logged off, and the answers you typed are not saved. Your device stays set up: next time you log on, you continue here.</p>
          <div className="dialog-actions">
            <button type="button" className="button secondary" onClick={() => setConfirmCancel(false)}>
              Keep setting up
            </button>
            <button type="button" className="button primary" onClick={() => void useAuthStore.getState().signOut()}>
              Log Off
            </button>
          </div>
        </Dialog>
      )}
    </ActivationCard>
  );
}
