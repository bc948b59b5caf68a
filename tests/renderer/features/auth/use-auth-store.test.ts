import { beforeEach, describe, expect, it } from 'vitest';
import type { AuthState, SignInRequest, UserSummary } from '../../../../common/contract';
import { setDesktopApi } from '../../../../renderer/src/desktop-api';
import { useAuthStore } from '../../../../renderer/src/features/auth/use-auth-store';
import { useNavigationStore } from '../../../../renderer/src/lib/use-navigation-store';
import { usePortalStore } from '../../../../renderer/src/lib/use-portal-store';
import { deferred, FakeDesktopApi, ok } from '../../fake-desktop-api';
import { resetStores } from '../../reset-stores';

const PORTAL = 'https://portal.example.test';
const user: UserSummary = { username: 'demo', displayName: 'Demo User', roles: ['user'] };
const signedIn: AuthState = { status: 'signed-in', portalUrl: PORTAL, user, idleExpiresAt: '2030-01-01T00:00:00.000Z' };
const start: AuthState = { status: 'signed-out', portalUrl: '', lastUsername: '', reason: 'start' };

let api: FakeDesktopApi;

function fillForm(password = 'correct horse'): void {
  const { setField } = useAuthStore.getState();
  setField('portalUrl', PORTAL);
  setField('username', 'demo');
  setField('password', password);
}

beforeEach(() => {
  resetStores();
  api = new FakeDesktopApi()
    .handle('app:get-info', () => ok({ version: '0.1.0', shell: 'browser', platform: 'linux', defaultPortalUrl: PORTAL }))
    .handle('auth:get-state', () => ok(start));
  setDesktopApi(api);
});

describe('auth store', () => {
  it('pre-fills the portal address from app info when main has none', async () => {
    await usePortalStore.getState().load();
    await useAuthStore.getState().load();
    expect(useAuthStore.getState().portalUrl).toBe(PORTAL);
    expect(useAuthStore.getState().auth).toEqual(start);
  });

  it('signs in, sends the typed fields and clears the password', async () => {
    api.handle('auth:sign-in', () => ok(signedIn));
    fillForm('s3cret!');
    await useAuthStore.getState().signIn();
    const state = useAuthStore.getState();
    expect(state.auth).toEqual(signedIn);
    expect(state.password).toBe('');
    expect(state.error).toBeNull();
    const [request] = api.callsTo('auth:sign-in')[0] as [SignInRequest];
    expect(request).toEqual({ portalUrl: PORTAL, username: 'demo', password: 's3cret!' });
  });

  it('is busy while the sign-in is in flight and the password is already gone', async () => {
    const answer = deferred<ReturnType<typeof ok<AuthState>>>();
    api.handle('auth:sign-in', () => answer.promise);
    fillForm();
    const pending = useAuthStore.getState().signIn();
    expect(useAuthStore.getState().busy).toBe(true);
    expect(useAuthStore.getState().password).toBe('');
    // A second press while busy sends nothing more.
    await useAuthStore.getState().signIn();
    expect(api.callsTo('auth:sign-in')).toHaveLength(1);
    answer.resolve(ok(signedIn));
    await pending;
    expect(useAuthStore.getState().busy).toBe(false);
  });

  it('keeps the error code and clears the password on failure', async () => {
    api.handle('auth:sign-in', () => ({
      ok: false,
      error: { code: 'invalid_credentials', message: 'Invalid username or password' },
    }));
    fillForm('wrong');
    await useAuthStore.getState().signIn();
    const state = useAuthStore.getState();
    expect(state.error?.code).toBe('invalid_credentials');
    expect(state.password).toBe('');
    expect(state.username).toBe('demo');
    expect(state.auth).toBeNull();
  });

  it('does not call main when a field is empty', async () => {
    api.handle('auth:sign-in', () => ok(signedIn));
    useAuthStore.getState().setField('portalUrl', PORTAL);
    useAuthStore.getState().setField('password', 'x');
    await useAuthStore.getState().signIn();
    expect(api.callsTo('auth:sign-in')).toHaveLength(0);
    expect(useAuthStore.getState().error?.code).toBe('invalid_request');
    expect(useAuthStore.getState().password).toBe('');
  });

  it('keeps the username and the current view when the session expires', async () => {
    api.handle('auth:sign-in', () => ok(signedIn));
    fillForm();
    await useAuthStore.getState().signIn();
    const viewBefore = useNavigationStore.getState().view;
    const navigationChanges: string[] = [];
    const unsubscribe = useNavigationStore.subscribe((s) => navigationChanges.push(s.view));

    useAuthStore.getState().applyState({ status: 'signed-out', portalUrl: PORTAL, lastUsername: 'demo', reason: 'session-expired' });
    let state = useAuthStore.getState();
    expect(state.auth?.status).toBe('signed-out');
    expect(state.username).toBe('demo');
    expect(state.portalUrl).toBe(PORTAL);
    expect(state.password).toBe('');

    // Signing in again lands on the same view.
    useAuthStore.getState().setField('password', 'again');
    await useAuthStore.getState().signIn();
    state = useAuthStore.getState();
    expect(state.auth?.status).toBe('signed-in');
    unsubscribe();
    // Neither the expiry nor the new sign-in touched navigation.
    expect(navigationChanges).toEqual([]);
    expect(useNavigationStore.getState().view).toBe(viewBefore);
  });

  it('expire() turns a signed-in state into a session-expired one with the username kept', async () => {
    useAuthStore.getState().applyState(signedIn);
    useAuthStore.getState().expire();
    const { auth, username } = useAuthStore.getState();
    expect(auth).toEqual({ status: 'signed-out', portalUrl: PORTAL, lastUsername: 'demo', reason: 'session-expired' });
    expect(username).toBe('demo');
  });

  it('an explicit sign-out resets navigation to the launcher', async () => {
    const reset: string[] = [];
    const unsubscribe = useNavigationStore.subscribe((s) => reset.push(s.view));
    api.handle('auth:sign-out', () => ok({ status: 'signed-out', portalUrl: PORTAL, lastUsername: 'demo', reason: 'signed-out' }));
    useAuthStore.getState().applyState(signedIn);
    await useAuthStore.getState().signOut();
    unsubscribe();
    expect(api.callsTo('auth:sign-out')).toHaveLength(1);
    expect(useAuthStore.getState().auth?.status).toBe('signed-out');
    expect(useNavigationStore.getState().view).toBe('launcher');
    expect(reset.length).toBeGreaterThan(0);
  });

  it('retryConnection clears a connection error once the portal answers', async () => {
    api.handle('auth:sign-in', () => ({ ok: false, error: { code: 'connection_failed', message: 'ECONNREFUSED' } }));
    api.handle('portal:get-branding', () => ok({ name: 'Demo Cloud', supportPhones: [], supportEmail: 'help@example.test' }));
    fillForm();
    await useAuthStore.getState().signIn();
    expect(useAuthStore.getState().error?.code).toBe('connection_failed');
    await useAuthStore.getState().retryConnection();
    expect(useAuthStore.getState().error).toBeNull();
    expect(useAuthStore.getState().notice).toContain('portal.example.test');
    expect(usePortalStore.getState().branding?.name).toBe('Demo Cloud');
  });

  it('a transport that throws becomes a connection_failed error', async () => {
    api.handle('auth:sign-in', () => {
      throw new Error('socket closed');
    });
    fillForm();
    await useAuthStore.getState().signIn();
    expect(useAuthStore.getState().error?.code).toBe('connection_failed');
    expect(useAuthStore.getState().busy).toBe(false);
  });
});
