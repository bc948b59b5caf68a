import { useAuthStore } from '../features/auth/use-auth-store';
import { useNavigationStore, type View } from '../lib/use-navigation-store';

const VIEWS: { view: View; label: string }[] = [
  { view: 'launcher', label: 'Apps' },
  { view: 'transfers', label: 'Transfers' },
  // Everyone may ask for a new user.
  { view: 'requests', label: 'Requests' },
];

/** Only managers see Administration (the portal refuses everyone else anyway). */
const MANAGER_VIEWS: { view: View; label: string }[] = [{ view: 'admin', label: 'Administration' }];

/** Switches between the signed-in views (launcher, transfers, requests, administration). */
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
