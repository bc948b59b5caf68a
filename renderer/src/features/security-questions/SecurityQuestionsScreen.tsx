import { useEffect, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { describeSignInError } from '../../ui/form-errors';
import { useAuthStore } from '../auth/use-auth-store';
import { usePortalStore } from '../../lib/use-portal-store';
import { SecurityQuestionsForm } from './SecurityQuestionsForm';
import { useQuestionsStore } from './use-questions-store';

/** Activation step: choose 2 questions, write a 3rd, answer all three. */
export function SecurityQuestionsScreen() {
  const auth = useAuthStore((s) => (s.auth?.status === 'security-questions' ? s.auth : null));
  const portalUrl = useAuthStore((s) => s.portalUrl);
  const branding = usePortalStore((s) => s.branding);
  const { busy, error, submitStep } = useQuestionsStore(
    useShallow((s) => ({ busy: s.busy, error: s.error, submitStep: s.submitStep })),
  );
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  if (!auth) return null;
  return (
    <main className="centered-page">
      <div className="card wide-card">
        <h1 ref={headingRef} tabIndex={-1}>
          Set up your security questions
        </h1>
        <p className="muted">
          Select two questions from the list and write a third question of your own. You will answer them if
          you ever need to reset a forgotten password.
        </p>
        <SecurityQuestionsForm
          questions={auth.questions}
          busy={busy}
          error={error}
          describeOther={(e) => describeSignInError(e, portalUrl, branding)}
          submitLabel="Continue"
          onSubmit={(request) => void submitStep(request)}
          onCancel={() => void useAuthStore.getState().signOut()}
        />
      </div>
    </main>
  );
}
