import { ConnectionBanner } from '../connection/ConnectionBanner';
import { LauncherGrid } from '../launcher/LauncherGrid';
import { ExpiryBanner } from '../password/ExpiryBanner';
import { useNavigationStore, type View } from '../navigation/use-navigation-store';
import { TopBar } from './TopBar';
import { TransfersView } from '../transfers/TransfersView';
import { RequestsView } from '../requests/RequestsView';
import { AdminView } from '../admin/AdminView';
import DevicesPage from '../devices/DevicesPage';
import { RecoveryBanner } from '../devices/RecoveryBanner';
import SettingsPage from '../settings/SettingsPage';
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
      return <DevicesPage />;
    // Desktop preferences, notifications, where secrets are kept.
    case 'settings':
      return <SettingsPage />;
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
