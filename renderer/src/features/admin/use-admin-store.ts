import { create } from 'zustand';
import type {
  ActivityEvent,
  ActivityFilter,
  AdminUser,
  AdminUserAction,
  AdminUserRequest,
  ApprovedAccount,
  IssuedTemporaryPassword,
} from '../../../../common/contract';
import { invoke } from '../../lib/invoke';
import { requestErrorMessage } from '../../ui/request-messages';

export type AdminTab = 'requests' | 'users' | 'activity';

/** *Administration*: requests, users and activity. */
export interface AdminState {
  tab: AdminTab;
  requests: AdminUserRequest[];
  requestsError: string | null;
  /** Id of the request whose approve/decline is in flight. */
  busyRequest: string | null;
  /** The just-created account; the password lives only here until *Done*. */
  approved: ApprovedAccount | null;
  users: AdminUser[];
  userQuery: string;
  usersError: string | null;
  busyUser: string | null;
  /** A temporary password just issued; it lives only here until *Done*. */
  issued: IssuedTemporaryPassword | null;
  activity: ActivityEvent[];
  activityFilter: ActivityFilter;
  activityError: string | null;
  /** Result line of the last action (screen readers hear it). */
  notice: string | null;
  setTab(tab: AdminTab): void;
  loadRequests(): Promise<void>;
  approve(id: string, username: string): Promise<boolean>;
  decline(id: string, reason: string): Promise<boolean>;
  dismissApproved(): void;
  setUserQuery(query: string): void;
  loadUsers(): Promise<void>;
  act(username: string, action: AdminUserAction): Promise<void>;
  issueTemporaryPassword(username: string): Promise<void>;
  dismissIssued(): void;
  setActivityFilter(filter: ActivityFilter): void;
  loadActivity(): Promise<void>;
  exportActivity(): Promise<{ filename: string; csv: string } | null>;
  reset(): void;
}

const ACTION_DONE: Record<AdminUserAction, string> = {
  unlock: 'unlocked',
  'reset-mfa': 'MFA reset; they will set up a device at the next sign-in',
  'force-password-change': 'must change the password at the next sign-in',
  disable: 'disabled',
  enable: 'enabled',
  'grant-manager': 'is now a manager',
  'revoke-manager': 'is no longer a manager',
};

const INITIAL = {
  tab: 'requests' as AdminTab,
  requests: [],
  requestsError: null,
  busyRequest: null,
  approved: null,
  users: [],
  userQuery: '',
  usersError: null,
  busyUser: null,
  issued: null,
  activity: [],
  activityFilter: { type: '' },
  activityError: null,
  notice: null,
};

export const useAdminStore = create<AdminState>()((set, get) => ({
  ...INITIAL,

  setTab: (tab) => set({ tab, notice: null }),

  loadRequests: async () => {
    const result = await invoke('admin:list-requests', { status: 'pending' });
    if (result.ok) set({ requests: result.value, requestsError: null });
    else set({ requestsError: requestErrorMessage(result.error) });
  },

  approve: async (id, username) => {
    if (get().busyRequest) return false;
    set({ busyRequest: id, requestsError: null, notice: null });
    const result = await invoke('admin:approve-request', { id, username });
    set({ busyRequest: null });
    if (!result.ok) {
      set({ requestsError: requestErrorMessage(result.error) });
      return false;
    }
    set({ approved: result.value, notice: `Account ${result.value.username} created.` });
    await get().loadRequests();
    return true;
  },

  decline: async (id, reason) => {
    if (get().busyRequest) return false;
    set({ busyRequest: id, requestsError: null, notice: null });
    const result = await invoke('admin:decline-request', { id, reason });
    set({ busyRequest: null });
    if (!result.ok) {
      set({ requestsError: requestErrorMessage(result.error) });
      return false;
    }
    set({ notice: `Request for ${result.value.fullName} declined.` });
    await get().loadRequests();
    return true;
  },

  dismissApproved: () => set({ approved: null }),

  setUserQuery: (userQuery) => set({ userQuery }),

  loadUsers: async () => {
    const result = await invoke('admin:list-users', { query: get().userQuery.trim() });
    if (result.ok) set({ users: result.value, usersError: null });
    else set({ usersError: requestErrorMessage(result.error) });
  },

  act: async (username, action) => {
    if (get().busyUser) return;
    set({ busyUser: username, usersError: null, notice: null });
    const result = await invoke('admin:user-action', { username, action });
    set({ busyUser: null });
    if (!result.ok) {
      set({ usersError: requestErrorMessage(result.error) });
      return;
    }
    const updated = result.value;
    set((s) => ({
      users: s.users.map((u) => (u.username === updated.username ? updated : u)),
      notice: `${updated.username} ${ACTION_DONE[action]}.`,
    }));
  },

  issueTemporaryPassword: async (username) => {
    if (get().busyUser) return;
    set({ busyUser: username, usersError: null, notice: null, issued: null });
    const result = await invoke('admin:issue-temporary-password', { username });
    set({ busyUser: null });
    if (!result.ok) {
      set({ usersError: requestErrorMessage(result.error) });
      return;
    }
    const { user } = result.value;
    set((s) => ({
      issued: result.value,
      users: s.users.map((u) => (u.username === user.username ? user : u)),
      notice: `New temporary password issued for ${user.username}.`,
    }));
  },

  dismissIssued: () => set({ issued: null }),

  setActivityFilter: (activityFilter) => set({ activityFilter }),

  loadActivity: async () => {
    const result = await invoke('admin:list-activity', get().activityFilter);
    if (result.ok) set({ activity: result.value, activityError: null });
    else set({ activityError: requestErrorMessage(result.error) });
  },

  exportActivity: async () => {
    const result = await invoke('admin:export-activity', get().activityFilter);
    if (result.ok) return result.value;
    set({ activityError: requestErrorMessage(result.error) });
    return null;
  },

  reset: () => set(INITIAL),
}));
