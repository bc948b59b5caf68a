import { useAuthStore } from '../../renderer/src/features/auth/use-auth-store';
import { useConnectionStore } from '../../renderer/src/features/connection/use-connection-store';
import { useLauncherStore } from '../../renderer/src/features/launcher/use-launcher-store';
import { useNavigationStore } from '../../renderer/src/lib/use-navigation-store';
import { usePortalStore } from '../../renderer/src/lib/use-portal-store';

/** Puts every renderer store back to its first state between tests. */
export function resetStores(): void {
  for (const store of [useAuthStore, useConnectionStore, useLauncherStore, useNavigationStore, usePortalStore]) {
    (store as { setState(s: unknown, replace: true): void }).setState(store.getInitialState(), true);
  }
}
