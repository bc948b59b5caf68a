import type { DesktopApi } from '../../../../preload/contract';
import { useAuthStore } from '../auth/use-auth-store';

/**
 * Desktop events main sends the page (issue 6): a `portico://open?portal=…`
 * link fills the sign-in form's portal address (main only sends it while
 * signed out, after checking the address). Returns the unsubscribe function.
 */
export function wireDesktopEvents(api: DesktopApi): () => void {
  return api.on('desktop:open-portal', ({ portalUrl }) => {
    const auth = useAuthStore.getState();
    if (auth.auth?.status !== 'signed-in') auth.setField('portalUrl', portalUrl);
  });
}
