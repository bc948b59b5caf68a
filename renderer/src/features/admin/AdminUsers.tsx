import { useEffect, useId } from 'react';
import type { AdminUser, AdminUserAction } from '../../../../common/contract';
import { useAuthStore } from '../auth/use-auth-store';
import { useAdminStore } from './use-admin-store';
import { userStatusLabels } from './user-status';
import { DataTable, FormError } from '../../ui/DataTable';
import { TemporaryPasswordCard } from './TemporaryPasswordCard';

/** The temporary password just issued, once. */
function IssuedPassword() {
  const issued = useAdminStore((s) => s.issued);
  const dismiss = useAdminStore((s) => s.dismissIssued);
  if (!issued) return null;
  return (
    <TemporaryPasswordCard
      title={`New temporary password for ${issued.user.displayName}`}
      username={issued.user.username}
      password={issued.temporaryPassword}
      onDone={dismiss}
      reminder="Give it to the user by phone, not with the username. Their old password no longer works, it will not be shown again, and they must change it at the next sign-in."
    />
  );
}

function UserActions({ user, self }: { user: AdminUser; self: boolean }) {
  const act = useAdminStore((s) => s.act);
  const issue = useAdminStore((s) => s.issueTemporaryPassword);
  const busy = useAdminStore((s) => s.busyUser === user.username);
  const manager = user.roles.includes('manager');
  const actions: { action: AdminUserAction; label: string; show: boolean }[] = [
    { action: 'unlock', label: 'Unlock', show: user.locked },
    { action: 'reset-mfa', label: 'Reset MFA', show: true },
    { action: 'force-password-change', label: 'Force password change', show: !user.mustChangePassword },
    { action: 'disable', label: 'Disable', show: user.status === 'active' && !self },
    { action: 'enable', label: 'Enable', show: user.status === 'disabled' },
    { action: 'grant-manager', label: 'Make manager', show: !manager },
    { action: 'revoke-manager', label: 'Remove manager role', show: manager && !self },
  ];
  return (
    <div className="admin-row-actions">
      {actions
        .filter((a) => a.show)
        .map((a) => (
          <button
            key={a.action}
            type="button"
            className="button secondary small"
            disabled={busy}
            aria-label={`${a.label}: ${user.username}`}
            onClick={() => void act(user.username, a.action)}
          >
            {a.label}
          </button>
        ))}
      {!self && (
        <button
          type="button"
          className="button secondary small"
          disabled={busy}
          aria-label={`Issue temporary password: ${user.username}`}
          onClick={() => void issue(user.username)}
        >
          Issue temporary password
        </button>
      )}
    </div>
  );
}

/** *Administration → Users*: search, status, actions. */
export function AdminUsers() {
  const users = useAdminStore((s) => s.users);
  const query = useAdminStore((s) => s.userQuery);
  const error = useAdminStore((s) => s.usersError);
  const setQuery = useAdminStore((s) => s.setUserQuery);
  const load = useAdminStore((s) => s.loadUsers);
  const me = useAuthStore((s) => (s.auth?.status === 'signed-in' ? s.auth.user.username.toLowerCase() : ''));
  const searchId = useId();

  useEffect(() => {
    const timer = window.setTimeout(() => void load(), 200);
    return () => window.clearTimeout(timer);
  }, [query, load]);

  return (
    <section aria-label="Users" className="admin-section">
      <div className="field search">
        <label htmlFor={searchId}>Search users</label>
        <input id={searchId} type="search" value={query} maxLength={100} onChange={(e) => setQuery(e.target.value)} />
      </div>
      <FormError message={error} />
      <IssuedPassword />
      <DataTable label="Users" columns={['User', 'Status', 'Actions']}>
        {users.map((user) => (
          <tr key={user.username} data-username={user.username}>
            <td>
              <strong>{user.username}</strong>
              <div className="muted">
                {user.displayName}
                {user.email ? ` · ${user.email}` : ''}
                {user.roles.includes('manager') ? ' · manager' : ''}
              </div>
            </td>
            <td>{userStatusLabels(user).join(' · ')}</td>
            <td>
              <UserActions user={user} self={user.username.toLowerCase() === me} />
            </td>
          </tr>
        ))}
      </DataTable>
    </section>
  );
}
