import { useShallow } from 'zustand/react/shallow';
import porticoLogo from '../../../../resources/icons/portico.svg?no-inline';
import { useAuthStore } from '../auth/use-auth-store';
import { FALLBACK_PORTAL_NAME, usePortalStore } from '../portal/use-portal-store';
import { AccountMenu, type AccountMenuItem } from './AccountMenu';

/** The top bar: the portal's name and the account menu. */
export function TopBar() {
  const portalName = usePortalStore((s) => s.branding?.name ?? FALLBACK_PORTAL_NAME);
  const { displayName, signOut } = useAuthStore(
    useShallow((s) => ({
      displayName: s.auth?.status === 'signed-in' ? s.auth.user.displayName || s.auth.user.username : '',
      signOut: s.signOut,
    })),
  );
  const items: AccountMenuItem[] = [{ id: 'sign-out', label: 'Sign out', onSelect: () => void signOut() }];

  return (
    <header className="top-bar">
      <div className="brand">
        <img src={porticoLogo} alt="" width={28} height={28} />
        <span className="brand-name">{portalName}</span>
      </div>
      {displayName && <AccountMenu displayName={displayName} items={items} />}
    </header>
  );
}
