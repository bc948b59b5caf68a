import { useId, type KeyboardEvent } from 'react';
import { AdminActivity } from './AdminActivity';
import { AdminRequests } from './AdminRequests';
import { AdminUsers } from './AdminUsers';
import { useAuthStore } from '../auth/use-auth-store';
import { useAdminStore, type AdminTab } from './use-admin-store';

const TABS: { tab: AdminTab; label: string }[] = [
  { tab: 'requests', label: 'Requests' },
  { tab: 'users', label: 'Users' },
  { tab: 'activity', label: 'Activity' },
];

/** *Administration* (managers): Requests, Users, Activity as tabs (arrow keys move between them). */
export function AdminView() {
  const tab = useAdminStore((s) => s.tab);
  const setTab = useAdminStore((s) => s.setTab);
  const notice = useAdminStore((s) => s.notice);
  const baseId = useId();
  const isManager = useAuthStore((s) => s.auth?.status === 'signed-in' && s.auth.user.roles.includes('manager'));

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return;
    event.preventDefault();
    const index = TABS.findIndex((t) => t.tab === tab);
    const next = TABS[(index + (event.key === 'ArrowRight' ? 1 : TABS.length - 1)) % TABS.length]!;
    setTab(next.tab);
    document.getElementById(`${baseId}-${next.tab}-tab`)?.focus();
  };

  // A view left open across a session change (e.g. another user signed in after an expiry).
  if (!isManager) {
    return (
      <div className="admin-view">
        <h1>Administration</h1>
        <p>Only project managers can see Administration.</p>
      </div>
    );
  }
  return (
    <div className="admin-view">
      <h1>Administration</h1>
      <div role="tablist" aria-label="Administration" className="admin-tabs" onKeyDown={onKeyDown}>
        {TABS.map((t) => (
          <button
            key={t.tab}
            id={`${baseId}-${t.tab}-tab`}
            type="button"
            role="tab"
            aria-selected={tab === t.tab}
            aria-controls={`${baseId}-panel`}
            tabIndex={tab === t.tab ? 0 : -1}
            className="button secondary small"
            onClick={() => setTab(t.tab)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <p role="status" className="admin-notice">
        {notice ?? ''}
      </p>
      <div id={`${baseId}-panel`} role="tabpanel" aria-labelledby={`${baseId}-${tab}-tab`}>
        {tab === 'requests' && <AdminRequests />}
        {tab === 'users' && <AdminUsers />}
        {tab === 'activity' && <AdminActivity />}
      </div>
    </div>
  );
}
