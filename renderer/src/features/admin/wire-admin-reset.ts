import { useAuthStore } from '../auth/use-auth-store';
import { useRequestsStore } from '../requests/use-requests-store';
import { useAdminStore } from './use-admin-store';

/**
 * Forgets administration and request data whenever the session ends (any
 * reason): a temporary password still on screen must not outlive it, and
 * the next user must not see the last one's lists. Returns the unsubscribe.
 */
export function wireAdminReset(): () => void {
  return useAuthStore.subscribe((state, previous) => {
    if (previous.auth?.status === 'signed-in' && state.auth?.status !== 'signed-in') {
      useAdminStore.getState().reset();
      useRequestsStore.getState().reset();
    }
  });
}
