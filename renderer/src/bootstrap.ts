import type { DesktopApi } from '../../common/contract';
import { setDesktopApi } from './desktop-api';
import { invoke, observeInvokes, portalHost } from './lib/invoke';
import { useAuthStore } from './features/auth/use-auth-store';
import { useConnectionStore } from './features/connection/use-connection-store';
import { useLauncherStore } from './features/launcher/use-launcher-store';
import { usePortalStore } from './lib/use-portal-store';
import { usePasswordStore } from './features/password/use-password-store';
import { wireDesktopEvents } from './features/settings/desktop-events';
import { useNoticesStore } from './features/settings/use-notices-store';
import { useHostStore } from './lib/use-host-store';
import { wireTransferEvents } from './features/transfers/transfer-events';
import { useRemoteStore } from './features/transfers/use-remote-store';
import { useTransfersStore } from './features/transfers/use-transfers-store';
import { useAdminStore } from './features/admin/use-admin-store';
import { useRequestsStore } from './features/requests/use-requests-store';
import { useResetStore } from './features/reset/use-reset-store';

/** What the app says once a forgotten password has been replaced. */
export const PASSWORD_RESET_NOTICE = {
  title: 'Password reset',
  body: 'Your password was reset. You are logged on with your new password.',
};

/**
 * The renderer's composition root: installs the DesktopApi, wires the stores
 * to main's events and to each other, and loads the first state. Returns the
 * function that undoes the wiring (tests call it; the app never needs to).
 */
export async function startRenderer(api: DesktopApi): Promise<() => void> {
  setDesktopApi(api);
  const cleanups: Array<() => void> = [];

  cleanups.push(
    observeInvokes({
      onError: (_channel, error) => {
        if (error.code === 'connection_failed') {
          const host = portalHost(useAuthStore.getState().portalUrl);
          useConnectionStore
            .getState()
            .reportFailure(host ? `Can't reach the portal at ${host}. Check your connection.` : error.message);
        } else if (error.code === 'session_expired') {
          useAuthStore.getState().expire();
          // Main has the final word on the state (and may add details).
          void invoke('auth:get-state').then((r) => {
            if (r.ok && r.value.status === 'signed-out') useAuthStore.getState().applyState(r.value);
          });
        }
      },
      onSuccess: () => useConnectionStore.getState().reportSuccess(),
    }),
  );

  cleanups.push(api.on('auth:changed', (state) => useAuthStore.getState().applyState(state)));
  cleanups.push(api.on('apps:changed', (apps) => useLauncherStore.getState().setApps(apps)));
  // Password expiry (days left) after sign-in and while signed in.
  cleanups.push(api.on('password:status', (status) => usePasswordStore.getState().setStatus(status)));
  cleanups.push(wireDesktopEvents(api));
  // Browser host: the transport tells when the host is gone (or back).
  cleanups.push(api.on('desktop:host-connection', ({ connected }) => useHostStore.getState().setLost(!connected)));
  // The transfer queue and its events.
  cleanups.push(wireTransferEvents(api));
  // A new session (or the same user back after an expiry) re-reads the
  // transfer queue; an explicit sign-out forgets the remote folder.
  cleanups.push(
    useAuthStore.subscribe((state, previous) => {
      if (state.auth?.status === 'signed-in' && previous.auth?.status !== 'signed-in') void useTransfersStore.getState().load();
      else if (state.auth?.status === 'signed-out' && state.auth.reason === 'signed-out') useRemoteStore.getState().reset();
    }),
  );
  // Notices belong to the account they were shown to: a new sign-in starts
  // without the last session's, and Log Off takes them along. A session the
  // portal ended keeps its "Session ended" notice on the sign-in screen.
  cleanups.push(
    useAuthStore.subscribe((state, previous) => {
      const signedIn = state.auth?.status === 'signed-in';
      const wasSignedIn = previous.auth?.status === 'signed-in';
      const loggedOff = state.auth?.status === 'signed-out' && state.auth.reason === 'signed-out';
      if ((signedIn && !wasSignedIn) || (wasSignedIn && loggedOff)) useNoticesStore.getState().clear();
    }),
  );
  // *Forgot your password?* ends signed in: once the new session has cleared
  // the last one's notices, say that the reset worked.
  cleanups.push(
    useResetStore.subscribe((state, previous) => {
      if (state.resets === previous.resets) return;
      const show = () => useNoticesStore.getState().show(PASSWORD_RESET_NOTICE);
      if (useAuthStore.getState().auth?.status === 'signed-in') return show();
      const off = useAuthStore.subscribe((auth) => {
        if (auth.auth?.status !== 'signed-in') return;
        off();
        show();
      });
      cleanups.push(off);
    }),
  );
  // Administration and request data end with the session (any reason): a
  // temporary password still on screen must not outlive it, and the next user
  // must not see the last one's lists.
  cleanups.push(
    useAuthStore.subscribe((state, previous) => {
      if (previous.auth?.status === 'signed-in' && state.auth?.status !== 'signed-in') {
        useAdminStore.getState().reset();
        useRequestsStore.getState().reset();
      }
    }),
  );

  // Whenever a session starts, fetch the catalogue it may see. An explicit
  // sign-out forgets it; an expiry keeps it so the user returns to the same page.
  cleanups.push(
    useAuthStore.subscribe((state, previous) => {
      const { auth } = state;
      if (auth?.status === 'signed-in' && previous.auth?.status !== 'signed-in') {
        void useLauncherStore.getState().load();
      } else if (auth?.status === 'signed-out' && auth.reason === 'signed-out' && previous.auth?.status === 'signed-in') {
        useLauncherStore.getState().reset();
      }
    }),
  );

  const connection = useConnectionStore.getState();
  cleanups.push(connection.addRefresher(() => usePortalStore.getState().loadBranding()));
  cleanups.push(connection.addRefresher(() => useAuthStore.getState().load()));
  cleanups.push(
    connection.addRefresher(async () => {
      if (useAuthStore.getState().auth?.status === 'signed-in') await useLauncherStore.getState().load();
    }),
  );

  await Promise.all([usePortalStore.getState().load(), useAuthStore.getState().load()]);
  return () => cleanups.forEach((cleanup) => cleanup());
}
