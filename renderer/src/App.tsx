import { lazy, Suspense } from 'react';
import { useAuthStore } from './features/auth/use-auth-store';
import { SignInScreen } from './features/auth/SignInScreen';
import { ActivationScreen } from './features/activation/ActivationScreen';
import { BackupCodesScreen } from './features/activation/BackupCodesScreen';
import { SecondFactorScreen } from './features/mfa/SecondFactorScreen';
import { ForcedChangeScreen } from './features/password/ForcedChangeScreen';
import { ForgotPasswordScreen } from './features/reset/ForgotPasswordScreen';
import { useResetStore } from './features/reset/use-reset-store';
import { SecurityQuestionsScreen } from './features/security-questions/SecurityQuestionsScreen';

// The signed-in shell (launcher and later features) loads only after sign-in,
// keeping the first paint small.
const AppShell = lazy(() => import('./features/shell/AppShell'));

/** A quiet placeholder while state or code is loading. */
function Loading() {
  return (
    <main className="centered-page" aria-busy="true">
      <p className="muted" role="status">
        Loading…
      </p>
    </main>
  );
}

/** Picks the screen from the auth state. */
export function App() {
  const status = useAuthStore((s) => s.auth?.status ?? null);
  const resetOpen = useResetStore((s) => s.open);
  if (status === null) return <Loading />;
  if (status === 'signed-out') return resetOpen ? <ForgotPasswordScreen /> : <SignInScreen />;
  // Issue 4: sign-in steps (activation questions, temporary or expired password).
  if (status === 'security-questions') return <SecurityQuestionsScreen />;
  if (status === 'change-password') return <ForcedChangeScreen />;
  // Issue 3: activation (enrollment, backup codes) and the second factor.
  if (status === 'enroll') return <ActivationScreen />;
  if (status === 'backup-codes') return <BackupCodesScreen />;
  if (status === 'second-factor') return <SecondFactorScreen />;
  return (
    <Suspense fallback={<Loading />}>
      <AppShell />
    </Suspense>
  );
}
