import { ConnectionBanner } from '../features/connection/ConnectionBanner';
import { LauncherGrid } from '../features/launcher/LauncherGrid';
import { ExpiryBanner } from '../features/password/ExpiryBanner';
import { useNavigationStore, type View } from '../lib/use-navigation-store';
import { TopBar } from './TopBar';
import { TransfersView } from '../features/transfers/TransfersView';
import { RequestsView } from '../features/requests/RequestsView';
import { AdminView } from '../features/admin/AdminView';
import DevicesPage from '../features/devices/DevicesPage';
import { AppPasswordsSection } from '../features/app-passwords/AppPasswordsSection';
import { RecoveryBanner } from '../features/devices/RecoveryBanner';
import SettingsPage from '../features/settings/SettingsPage';
import { usePasswordStore } from '../features/password/use-password-store';
import { useDiagnosticsStore } from '../features/diagnostics/use-diagnostics-store';
import { useSettingsShortcut } from './use-settings-shortcut';

function CurrentView({ view }: { view: View }) {
  switch (view) {
    case 'launcher':
      return <LauncherGrid />;
    case 'transfers':
      return <TransfersView />;
    // New-user requests (everyone) and administration (managers).
    case 'requests':
      return <RequestsView />;
    case 'admin':
      return <AdminView />;
    // Second factor: *My Settings & Devices*.
    case 'devices':
      return <DevicesPage accessSections={<AppPasswordsSection />} />;
    // Desktop preferences, notifications, where secrets are kept.
    case 'settings':
      return (
        <SettingsPage
          onChangePassword={() => usePasswordStore.getState().openChange()}
          onSaveDiagnostics={() => void useDiagnosticsStore.getState().save()}
        />
      );
  }
}

/** The signed-in window: top bar, connection banner and the current view. */
export default function AppShell() {
  const view = useNavigationStore((s) => s.view);
  useSettingsShortcut();
  return (
    <div className="shell">
      <TopBar />
      <main className="shell-main">
        <ConnectionBanner />
        <ExpiryBanner />
        {/* Recovery reminder: until the account has two ways in. */}
        {view === 'launcher' && <RecoveryBanner />}
        <CurrentView view={view} />
      </main>
    </div>
  );
}
