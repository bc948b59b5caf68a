import { useShallow } from 'zustand/react/shallow';
import porticoLogo from '../../../resources/icons/portico.svg?no-inline';
import { useAuthStore } from '../features/auth/use-auth-store';
import { FALLBACK_PORTAL_NAME, usePortalStore } from '../lib/use-portal-store';
import { AccountMenu, type AccountMenuItem } from './AccountMenu';
import { ViewNav } from './ViewNav';
import { useNavigationStore } from '../lib/use-navigation-store';
import { PasswordDialogs } from './PasswordDialogs';
import { usePasswordStore } from '../features/password/use-password-store';
import { useQuestionsStore } from '../features/security-questions/use-questions-store';
import { DiagnosticsStatus } from '../features/diagnostics/DiagnosticsStatus';
import { useDiagnosticsStore } from '../features/diagnostics/use-diagnostics-store';
import { ReceiverDialog } from '../features/launcher/ReceiverDialog';
import { useLauncherStore } from '../features/launcher/use-launcher-store';

/** The top bar: the portal's name and the account menu. */
export function TopBar() {
  const portalName = usePortalStore((s) => s.branding?.name ?? FALLBACK_PORTAL_NAME);
  const { displayName, signOut } = useAuthStore(
    useShallow((s) => ({
      displayName: s.auth?.status === 'signed-in' ? s.auth.user.displayName || s.auth.user.username : '',
      signOut: s.signOut,
    })),
  );
  const saveDiagnostics = useDiagnosticsStore((s) => s.save);
  const items: AccountMenuItem[] = [
    // Password and security questions, in the portal guide's words.
    { id: 'change-password', label: 'Change password…', onSelect: () => usePasswordStore.getState().openChange() },
    { id: 'security-questions', label: 'Security questions…', onSelect: () => void useQuestionsStore.getState().openDialog() },
    // The guide's troubleshooting: *Change Citrix Receiver* → *Use light version*.
    { id: 'change-receiver', label: 'Change Citrix Receiver', onSelect: () => useLauncherStore.getState().openReceiver() },
    // Second factor: devices, backup codes, "When I log in", remember-me.
    { id: 'devices', label: 'My Settings & Devices', onSelect: () => useNavigationStore.getState().navigate('devices') },
    // Desktop preferences (also Ctrl+, / ⌘,).
    { id: 'settings', label: 'Settings', onSelect: () => useNavigationStore.getState().navigate('settings') },
    // Diagnostics: the same bundle as Help → Save diagnostics… in the desktop app.
    { id: 'save-diagnostics', label: 'Save diagnostics…', onSelect: () => void saveDiagnostics() },
    { id: 'sign-out', label: 'Sign out', onSelect: () => void signOut() },
  ];

  return (
    <header className="top-bar">
      <div className="brand">
        <img src={porticoLogo} alt="" width={28} height={28} />
        <span className="brand-name">{portalName}</span>
      </div>
      {displayName && <ViewNav />}
      <DiagnosticsStatus />
      {displayName && <AccountMenu displayName={displayName} items={items} />}
      <PasswordDialogs />
      <ReceiverDialog />
    </header>
  );
}
