import { useAuthStore } from '../auth/use-auth-store';
import { useNavigationStore, type View } from './use-navigation-store';

const VIEWS: { view: View; label: string }[] = [
  { view: 'launcher', label: 'Apps' },
  { view: 'transfers', label: 'Transfers' },
  // Issue 7: everyone may ask for a new user.
  { view: 'requests', label: 'Requests' },
];

/** Issue 7: only managers see Administration (the portal refuses everyone else anyway). */
const MANAGER_VIEWS: { view: View; label: string }[] = [{ view: 'admin', label: 'Administration' }];

/** Switches between the signed-in views (issue 5 added *Transfers* beside the launcher). */
export function ViewNav() {
  const { view, navigate } = useNavigationStore();
  const isManager = useAuthStore((s) => s.auth?.status === 'signed-in' && s.auth.user.roles.includes('manager'));
  return (
    <nav aria-label="Views" className="view-nav">
      {[...VIEWS, ...(isManager ? MANAGER_VIEWS : [])].map((v) => (
        <button key={v.view} type="button" className="button secondary small" aria-current={view === v.view ? 'page' : undefined} onClick={() => navigate(v.view)}>
          {v.label}
        </button>
      ))}
    </nav>
  );
}
