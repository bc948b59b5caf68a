import { lazy, Suspense } from 'react';
import type { AuthState } from '../../common/contract';
import { useAuthStore } from './features/auth/use-auth-store';
import { SignInScreen } from './features/auth/SignInScreen';
import { useResetStore } from './features/reset/use-reset-store';
import { useActivationStore } from './features/activation/use-activation-store';
import { usePasswordStore } from './features/password/use-password-store';
import { HostLostBanner } from './features/connection/HostLostBanner';
import { NoticeToasts } from './features/settings/NoticeToasts';
import { assertNever } from './lib/assert-never';

// The signed-in shell (launcher and later features) loads only after sign-in,
// keeping the first paint small.
const AppShell = lazy(() => import('./shell/AppShell'));
// Fast start: so do the screens of later sign-in steps and the reset flow; only
// the sign-in form is on the start-up path.
const ActivationScreen = lazy(() =>
  import('./features/activation/ActivationScreen').then((m) => ({ default: m.ActivationScreen })),
);
const BackupCodesScreen = lazy(() =>
  import('./features/activation/BackupCodesScreen').then((m) => ({ default: m.BackupCodesScreen })),
);
const SecondFactorScreen = lazy(() =>
  import('./features/mfa/SecondFactorScreen').then((m) => ({ default: m.SecondFactorScreen })),
);
const ForcedChangeScreen = lazy(() =>
  import('./features/password/ForcedChangeScreen').then((m) => ({ default: m.ForcedChangeScreen })),
);
const ForgotPasswordScreen = lazy(() =>
  import('./features/reset/ForgotPasswordScreen').then((m) => ({ default: m.ForgotPasswordScreen })),
);
const ReviewScreen = lazy(() =>
  import('./features/activation/ReviewScreen').then((m) => ({ default: m.ReviewScreen })),
);
const PasswordCompleteScreen = lazy(() =>
  import('./features/password/PasswordCompleteScreen').then((m) => ({ default: m.PasswordCompleteScreen })),
);
const SecurityQuestionsScreen = lazy(() =>
  import('./features/security-questions/SecurityQuestionsScreen').then((m) => ({
    default: m.SecurityQuestionsScreen,
  })),
);

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

/**
 * The current screen, plus the in-app notices (browser host) that outlive any
 * one screen: in a strip above it, in the flow, so they never cover it.
 */
export function App() {
  return (
    <div className="app-frame">
      <HostLostBanner />
      <NoticeToasts />
      <CurrentScreen />
    </div>
  );
}

/** The screen for the current auth state (every screen but the sign-in form loads on demand). */
function Screen({ status, resetOpen }: { status: AuthState['status']; resetOpen: boolean }) {
  switch (status) {
    case 'signed-out':
      return resetOpen ? (
        <ForgotPasswordScreen />
      ) : (
        <SignInScreen onForgotPassword={() => useResetStore.getState().openReset()} />
      );
    // Password sign-in steps (activation questions, temporary or expired password).
    case 'security-questions':
      return <SecurityQuestionsScreen />;
    case 'change-password':
      return <ForcedChangeScreen />;
    // Activation (enrollment, backup codes) and the second factor.
    case 'enroll':
      return <ActivationScreen />;
    case 'backup-codes':
      return <BackupCodesScreen />;
    case 'second-factor':
      return <SecondFactorScreen />;
    case 'signed-in':
      return <AppShell />;
    default:
      return assertNever(status);
  }
}

/** Picks the screen from the auth state. */
function CurrentScreen() {
  const status = useAuthStore((s) => s.auth?.status ?? null);
  const resetOpen = useResetStore((s) => s.open);
  // Activation screens of the client between the portal's steps: *My Settings
  // & Devices* after enrolling (until *Continue to login*), and "password change
  // is complete" before the logged-off form.
  const reviewing = useActivationStore((s) => s.review !== null);
  const changeComplete = usePasswordStore((s) => s.changeComplete !== null);
  if (status === null) return <Loading />;
  const interlude =
    reviewing && status !== 'signed-out' ? (
      <ReviewScreen />
    ) : changeComplete && status === 'signed-out' ? (
      <PasswordCompleteScreen />
    ) : null;
  return (
    <Suspense fallback={<Loading />}>
      {interlude ?? <Screen status={status} resetOpen={resetOpen} />}
    </Suspense>
  );
}
