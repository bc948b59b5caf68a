import { lazy, Suspense } from 'react';
import { useAuthStore } from './features/auth/use-auth-store';
import { SignInScreen } from './features/auth/SignInScreen';

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
  if (status === null) return <Loading />;
  if (status === 'signed-out') return <SignInScreen />;
  return (
    <Suspense fallback={<Loading />}>
      <AppShell />
    </Suspense>
  );
}
